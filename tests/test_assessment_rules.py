"""The workbook against the selected plans: the year assessed, figures that contradict a plan's
own, a workbook with nothing to assess; the indicators' accepted names; floods of problems."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from plans import history, indicator, plan_data, plan_model, target, write_plan
from railkpi.calc.as_of import after_as_of, default_as_of
from railkpi.calc.contradictions import contradictions
from railkpi.figures import exact, parse_figure
from railkpi.problems import MAX_PER_CODE, Problem, ProblemLog, capped, error, warning
from railkpi.read.observation import Observation

MakeWorkbook = Callable[..., Path]

INDICATORS = {
    "a": indicator("甲", "Alpha", "亿元"),
    "b": indicator("乙", "Beta", "家"),
    "c": indicator("丙", "Gamma", "个"),
    "d": indicator("丁", "Delta", "项"),
    "unused": indicator("戊", "Epsilon", "件"),
}


def plan(**sections: Any) -> Any:
    return plan_model(plan_data(
        target("level", "a", op=">=", value=10), target("level", "b", op=">=", value=10),
        target("level", "c", op=">=", value=10), target("level", "d", op=">=", value=10),
        indicators=INDICATORS, **sections))


def obs(indicator_id: str, year: int, value: float = 1.0, where: str = "数据!B2") -> Observation:
    return Observation.model_validate(
        Observation.of(exact(value), indicator=indicator_id, year=year, where=where),
        context={"indicators": plan().indicators})


# -- the year assessed -------------------------------------------------------------------------


def test_the_year_assessed_is_the_latest_half_of_the_indicators_reach() -> None:
    plans = [plan()]
    figures = [obs(i, y) for i in "abcd" for y in (2021, 2022)]
    figures += [obs("a", 2023), obs("b", 2023)]  # two of four: half, enough
    figures += [obs("c", 2024)]  # one of four: a stray figure
    figures += [obs("unused", 2025), obs("unused", 2026)]  # no target is about it
    assert default_as_of(figures, plans) == 2023
    assert default_as_of(figures[:-3], plans) == 2023  # the stray and unused figures matter not
    assert default_as_of([f for f in figures if f.year != 2023 or f.indicator != "b"],
                         plans) == 2022  # one of four in 2023: not half
    (later,) = after_as_of("data.xlsx", figures, plans, 2023)
    assert later.message("en") == ("2024: 1 figure (Gamma, 数据!B2) is after the year assessed, "
                                   "2023, and left out; use --as-of 2024 to include it")
    assert later.message("zh") == ("2024 年：1 个数值（丙，数据!B2）晚于评估年份 2023 年，未纳入"
                                   "评估；如需纳入该数值，请使用 --as-of 2024")


def test_the_plans_own_figures_do_not_decide_the_year() -> None:
    plans = [plan(history=[history("a", 2024, 5), history("b", 2024, 5)])]
    assert default_as_of([obs("a", 2022), obs("b", 2022)], plans) == 2022
    assert default_as_of([], plans) == 2024  # no figure at all: the plan's latest


def test_several_later_figures_are_listed_by_year(tmp_path: Path) -> None:
    figures = [obs("a", 2025, where="数据!H2"), obs("b", 2025, where="数据!H3"),
               obs("c", 2026, where="数据!I4")]
    first, second = after_as_of("data.xlsx", figures, [plan()], 2024)
    assert first.message("en") == ("2025: 2 figures (Alpha, 数据!H2; Beta, 数据!H3) are after "
                                   "the year assessed, 2024, and left out; use --as-of 2025 to "
                                   "include them")
    assert "2026: 1 figure (Gamma, 数据!I4)" in second.message("en")


def test_a_year_given_on_the_command_line_gets_no_warning(make_workbook: MakeWorkbook,
                                                          railkpi: Any) -> None:
    path = make_workbook({"数据": [["指标", 2023, 2024, 2025], ["总收入", 2803.7, 2948.2, None],
                                   ["企业数量", 215, 228, None], ["特色产业园", 2, 3, 5]]})
    run = railkpi("assess", path, "--format", "json", "--lang", "en")
    assert run.json()["as_of"] == 2024
    assert [p["code"] for p in run.json()["problems"]] == ["after-as-of"]
    run = railkpi("assess", path, "--as-of", "2024", "--format", "json")
    assert (run.json()["as_of"], run.json()["problems"]) == (2024, [])


# -- figures against the plan's own ------------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "found", "agree"),
    [(2364.9, 2364.94, True), (2364.9, 2365.0, False), (2364.9, 2364.85, True),
     (2364.9, 2364.8, False), ("180余", 143, False), ("180余", 185, True), ("180余", 190, False),
     ("180余", 179.5, True), ("约100", 3, True), ("突破3000", 2999.6, True),
     ("突破3000", 2999, False), (54, 54.4, True), (54, 55, False)],
)
def test_a_figure_agrees_within_the_bounds_or_half_a_unit(published: float | str, found: float,
                                                          agree: bool) -> None:
    plans = [plan(history=[history("b", 2020, published, quote="原文第一句")])]
    problems = contradictions("data.xlsx", plans, [obs("b", 2020, found, "数据!C7")])
    assert (problems == []) is agree
    if not agree:
        (problem,) = problems
        assert (problem.code, problem.severity, problem.where) == (
            "contradicts-plan", "warning", "数据!C7")
        shown = parse_figure(published).label(str(published).rstrip("余").replace(
            "突破", "")) if isinstance(published, str) else f"{published:g}"
        assert problem.message("en") == (
            f"Beta 2020: the workbook has {found:g} but Test plan publishes {shown} "
            f"(“原文第一句”); the workbook's figure is used")
        assert problem.message("zh").startswith(
            f"乙 2020 年：工作簿为 {found:g}，而《测试规划》公布的是")


def test_a_bounded_workbook_figure_agrees_where_the_ranges_meet() -> None:
    plans = [plan(history=[history("b", 2020, "180余")])]
    bounded = Observation.model_validate(
        Observation.of(parse_figure("185左右"), indicator="b", year=2020, where="数据!C7"),
        context={"indicators": plans[0].indicators})
    assert contradictions("x", plans, [bounded]) == []
    below = Observation.model_validate(
        Observation.of(parse_figure("不足150"), indicator="b", year=2020, where="数据!C7"),
        context={"indicators": plans[0].indicators})
    assert [p.code for p in contradictions("x", plans, [below])] == ["contradicts-plan"]


def test_validate_shows_the_contradiction_too(make_workbook: MakeWorkbook, railkpi: Any) -> None:
    path = make_workbook({"数据": [["指标", 2020, 2024], ["企业数量", 143, 228]]})
    run = railkpi("validate", path, "--plan", "14th-fyp", "--format", "json")
    assert run.exit_code == 0
    assert [(p["code"], p["where"]) for p in run.json()["problems"]] == [
        ("contradicts-plan", "数据!B2")]


# -- nothing to assess -------------------------------------------------------------------------


def test_a_workbook_without_a_figure_for_any_target_is_refused(
    make_workbook: MakeWorkbook, railkpi: Any, tmp_path: Path
) -> None:
    # Figures only for an indicator no target of the selected plan is about.
    own = write_plan(tmp_path, plan_data(target("level", "a", op=">=", value=10),
                                         indicators=INDICATORS))
    path = make_workbook({"数据": [["指标", 2024], ["unused", 3]]})
    run = railkpi("assess", path, "--plan", own, "--fail-on", "off_track", "--format", "json",
                  "--lang", "en")
    assert run.exit_code == 2
    (problem,) = run.json()["problems"]
    assert problem["code"] == "nothing-to-assess"
    assert problem["message"].startswith("the workbook has no figure for any target of the "
                                         "selected plans (read: 数据 (wide))")
    # The same workbook with a figure for the target is assessed.
    path = make_workbook({"数据": [["指标", 2024], ["unused", 3], ["a", 12]]}, name="b.xlsx")
    assert railkpi("assess", path, "--plan", own).exit_code == 0


# -- accepted names ------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["targets", "plans"])
def test_names_lists_every_accepted_label(railkpi: Any, command: str) -> None:
    document = railkpi(command, "--names", "--format", "json").json()
    plans = {p["id"]: p for p in document["plans"]}
    revenue = next(i for i in plans["14th-fyp"]["indicators"] if i["id"] == "revenue_total")
    assert revenue["names"][:3] == ["revenue_total", "轨道交通产业总收入",
                                    "Total rail-transit industry revenue"]
    assert "营业收入" in revenue["names"]
    assert revenue["unit"] == "亿元"
    for fmt in ("table", "markdown", "csv"):
        run = railkpi(command, "--names", "--format", fmt, "--lang", "zh")
        assert run.exit_code == 0
        assert "专精特新企业数量" in run.stdout and "specialised_sme_count" in run.stdout


# -- floods of problems -------------------------------------------------------------------------


def test_a_problem_log_lists_twenty_of_each_code_and_counts_the_rest() -> None:
    log = ProblemLog()
    for n in range(1000):
        log.append(error("bad-number", "data.xlsx", f"数据!C{n + 2}", found=str(n)))
        if n % 100 == 0:
            log.append(warning("duplicate-same", "data.xlsx", f"数据!D{n}", indicator="a",
                               year=2020, other="数据!D1"))
    problems = log.problems()
    numbers = [p for p in problems if p.code == "bad-number"]
    assert len(numbers) == MAX_PER_CODE + 1
    assert [p.where for p in numbers[:2]] == ["数据!C2", "数据!C3"]
    more = numbers[-1]
    assert (more.severity, more.where, more.more) == ("error", None, 1000 - MAX_PER_CODE)
    assert more.message("en") == "… and 980 more of this kind"
    assert more.message("zh") == "……另有 980 个同类问题，未逐一列出"
    assert [p.code for p in problems].count("duplicate-same") == 10  # under the limit
    assert capped(problems) == problems  # capping twice changes nothing
    assert log.has_errors()


def test_a_flood_is_capped_in_text_and_json(make_workbook: MakeWorkbook, railkpi: Any) -> None:
    rows = [["指标", "年份", "数值"]] + [["总收入", 2000 + n % 100, "abc"] for n in range(500)]
    path = make_workbook({"数据": rows})
    run = railkpi("validate", path, "--format", "json", "--lang", "en")
    problems = run.json()["problems"]
    assert len(problems) == MAX_PER_CODE + 1
    assert problems[-1] == {"severity": "error", "code": "bad-number", "file": "data.xlsx",
                            "where": None, "line": None,
                            "message": "… and 480 more of this kind", "more": 480}
    text = railkpi("validate", path, "--lang", "en").stderr
    assert text.count("[bad-number]") == MAX_PER_CODE + 1
    assert "… and 480 more of this kind" in text
    json.dumps(run.json(), allow_nan=False)


def test_the_record_of_the_rest_keeps_its_code_and_severity() -> None:
    problems: list[Problem] = [warning("roster-missing-revenue", "x", f"名录!C{n}", name="甲",
                                       year=2024) for n in range(25)]
    (*listed, more) = capped(problems)
    assert len(listed) == MAX_PER_CODE
    assert (more.code, more.severity, more.more) == ("roster-missing-revenue", "warning", 5)
