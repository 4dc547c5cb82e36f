"""The annual check as a series: the status as of each year, the change since the year before,
year-on-year growth (同比), what is still needed each year, and --fail-on-worse.

The plan and the 2020-2024 workbook below are designed for these tests; every status of every
year is worked out by hand next to the figures (method.md: growth ratio = d · actual CAGR ÷
|required CAGR|, on track ≥ 0.95, moderate ≥ 0.6, off track ≥ 0, else regressing).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plans import indicator, plan_data, target, write_plan
from railkpi.calc import formulas
from railkpi.calc.results import ALL_STATUSES, STATUS_ORDER
from railkpi.calc.series import change

PLAN = plan_data(
    # A: revenue ≥ 200 from 100 in 2020. Required (200/100)^(1/5) − 1 = 14.870 % a year.
    target("level", "rev", id="slowing", op=">=", value=200, group="growth"),
    # B: firms ≥ 60 from 40. Required (60/40)^(1/5) − 1 = 8.447 % a year.
    target("level", "firms", id="rising", op=">=", value=60, group="growth"),
    # C: energy ≤ 80 from 100, lower is better. Required (80/100)^(1/5) − 1 = −4.3345 %.
    target("level", "energy", id="energy-cap", op="<=", value=80, group="green"),
    # E: enterprises ≥ 240 from "180余" (point 180). Required (240/180)^(1/5) − 1 = 5.9224 %.
    target("level", "ents", id="enterprises", op=">=", value=240, group="base"),
    # D: an indicator the workbook never reports.
    target("level", "labs", id="no-figures", op=">=", value=5, group="base"),
    indicators={
        "rev": indicator("产业收入", "Industry revenue", "亿元"),
        "firms": indicator("规上企业", "Large firms", "家"),
        "energy": indicator("能耗", "Energy use", "吨", better="lower"),
        "ents": indicator("企业数量", "Enterprises", "家"),
        "labs": indicator("实验室", "Laboratories", "个"),
    },
    groups={"growth": {"zh": "增长", "en": "Growth"}, "green": {"zh": "绿色", "en": "Green"},
            "base": {"zh": "基础", "en": "Base"}},
    plan_id="series-plan",
)
for _target in PLAN["targets"]:  # English runs show the plan's wording in English
    _target["quote_en"] = "plan text"
FIGURES = {
    # A, as of each year: 2021 116 → 16.0 %, ratio 1.076 → on_track;
    # 2022 125 → √1.25 − 1 = 11.803 %, ratio 0.794 → moderate;
    # 2023 120 → 1.2^(1/3) − 1 = 6.266 %, ratio 0.421 → off_track;
    # 2024 95 → below the baseline, 0.95^(1/4) − 1 = −1.274 %, ratio −0.086 → regressing.
    "rev": {2020: 100, 2021: 116, 2022: 125, 2023: 120, 2024: 95},
    # B: 2021 39 → −2.5 %, ratio −0.296 → regressing; 2022 42 → 1.05^(1/2) − 1 = 2.470 %,
    # ratio 0.292 → off_track; 2023 50 → 1.25^(1/3) − 1 = 7.722 %, ratio 0.914 → moderate;
    # 2024 55 → 1.375^(1/4) − 1 = 8.288 %, ratio 0.981 → on_track.
    "firms": {2020: 40, 2021: 39, 2022: 42, 2023: 50, 2024: 55},
    # C (lower is better, ratio = −actual ÷ 4.3345 %): 2021 97 → −3 %, ratio 0.692 →
    # moderate; 2022 90 → 0.9^(1/2) − 1 = −5.132 %, ratio 1.184 → on_track; 2023 79 ≤ 80 →
    # achieved early; 2024 82 > 80 again → 0.82^(1/4) − 1 = −4.841 %, ratio 1.117 → on_track.
    "energy": {2020: 100, 2021: 97, 2022: 90, 2023: 79, 2024: 82},
    # E: no 2021 figure → as of 2021 only the baseline: no_data; 2022 200 → (200/180)^(1/2) − 1
    # = 5.409 %, ratio 0.913 → moderate; 2023 215 → (215/180)^(1/3) − 1 = 6.102 %, ratio
    # 1.030 → on_track; 2024 225 → 1.25^(1/4) − 1 = 5.737 %, ratio 0.969 → on_track.
    "ents": {2020: "180余", 2022: 200, 2023: 215, 2024: 225},
}
REQUIRED = {"rev": 2 ** 0.2 - 1, "firms": 1.5 ** 0.2 - 1, "energy": 0.8 ** 0.2 - 1,
            "ents": (240 / 180) ** 0.2 - 1}
TIMELINES = {
    "slowing": ["on_track", "moderate", "off_track", "regressing"],
    "rising": ["regressing", "off_track", "moderate", "on_track"],
    "energy-cap": ["moderate", "on_track", "achieved", "on_track"],
    "enterprises": ["no_data", "moderate", "on_track", "on_track"],
    "no-figures": ["no_data"] * 4,
}


def series_files(tmp_path: Path, make_workbook: Callable[..., Path]) -> tuple[Path, Path]:
    """(workbook, plan file): the figures above in the long layout."""
    rows: list[list[Any]] = [["指标", "年份", "数值"]]
    rows += [[ind, year, value] for ind, years in FIGURES.items()
             for year, value in years.items()]
    return make_workbook({"数据": rows}), write_plan(tmp_path, PLAN, "series.yaml")


@pytest.fixture
def case(tmp_path: Path, make_workbook: Callable[..., Path]) -> tuple[Path, Path]:
    return series_files(tmp_path, make_workbook)


def assess(railkpi: Callable[..., Any], case: tuple[Path, Path], *args: str) -> Any:
    workbook, plan = case
    return railkpi("assess", workbook, "--plan", plan, *args)


def targets_of(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {t["id"]: t for p in doc["plans"] for t in p["targets"]}


def test_each_years_status_by_hand(case, railkpi):
    doc = assess(railkpi, case, "--format", "json").json()
    got = targets_of(doc)
    for target_id, statuses in TIMELINES.items():
        timeline = got[target_id]["timeline"]
        assert [y["year"] for y in timeline] == [2021, 2022, 2023, 2024], target_id
        assert [y["status"] for y in timeline] == statuses, target_id
        assert got[target_id]["status"] == statuses[-1]
    # the figure each year rested on, and its growth ratio
    slowing = got["slowing"]["timeline"]
    assert [y["value"] for y in slowing] == [116, 125, 120, 95]
    ratios = [(116 / 100) - 1, 1.25 ** 0.5 - 1, 1.2 ** (1 / 3) - 1, 0.95 ** 0.25 - 1]
    assert [y["growth_ratio"] for y in slowing] == pytest.approx(
        [r / REQUIRED["rev"] for r in ratios], rel=1e-9)
    assert [round(y["growth_ratio"], 3) for y in slowing] == [1.076, 0.794, 0.421, -0.086]
    energy = got["energy-cap"]["timeline"]
    assert [y["early"] for y in energy] == [False, False, True, False]
    assert energy[3]["growth_ratio"] == pytest.approx(
        -(0.82 ** 0.25 - 1) / abs(REQUIRED["energy"]), rel=1e-9)  # 1.117, lower is better
    enterprises = got["enterprises"]["timeline"]
    # as of 2021 the latest figure is the baseline, 180余 (point 180)
    assert (enterprises[0]["value"], enterprises[0]["value_year"]) == (180, 2020)
    assert enterprises[0]["growth_ratio"] is None
    assert got["no-figures"]["timeline"][0]["value"] is None


def test_change_since_the_year_before(case, railkpi):
    got = targets_of(assess(railkpi, case, "--format", "json").json())
    changes = {t: (got[t]["previous_status"], got[t]["change"]) for t in TIMELINES}
    assert changes == {
        "slowing": ("off_track", "worsened"),
        "rising": ("moderate", "improved"),
        "energy-cap": ("achieved", "worsened"),  # met in 2023, above the cap again in 2024
        "enterprises": ("on_track", "unchanged"),
        "no-figures": ("no_data", "unchanged"),
    }
    # As of 2022: the enterprises' first status after a year of only the baseline is new.
    got = targets_of(assess(railkpi, case, "--format", "json", "--as-of", "2022").json())
    assert (got["enterprises"]["previous_status"], got["enterprises"]["change"]) == (
        "no_data", "new")
    assert [y["status"] for y in got["slowing"]["timeline"]] == ["on_track", "moderate"]
    # As of 2021, the first year after the baseline: no status the year before.
    got = targets_of(assess(railkpi, case, "--format", "json", "--as-of", "2021").json())
    assert {t["previous_status"] for t in got.values()} == {None}
    assert {t["change"] for t in got.values()} == {"new"}
    # As of the baseline year: no timeline at all.
    got = targets_of(assess(railkpi, case, "--format", "json", "--as-of", "2020").json())
    assert {len(t["timeline"]) for t in got.values()} == {0}


def test_year_on_year_and_still_needed(case, railkpi):
    got = targets_of(assess(railkpi, case, "--format", "json").json())
    # 同比: 95/120 − 1 = −20.83 %; 55/50 − 1 = 10 %; 82/79 − 1 = 3.80 %; 225/215 − 1 = 4.65 %.
    assert got["slowing"]["yoy_growth"] == pytest.approx(95 / 120 - 1, rel=1e-12)
    assert got["rising"]["yoy_growth"] == pytest.approx(0.1, rel=1e-12)
    assert got["energy-cap"]["yoy_growth"] == pytest.approx(82 / 79 - 1, rel=1e-12)
    assert got["enterprises"]["yoy_growth"] == pytest.approx(225 / 215 - 1, rel=1e-12)
    assert got["no-figures"]["yoy_growth"] is None
    # Still needed a year, gap ÷ (2025 − 2024): 200 − 95 = 105; 60 − 55 = 5; lower is better:
    # 82 − 80 = 2 less; 240 − 225 = 15.
    assert {t: got[t]["needed_per_year"] for t in TIMELINES} == {
        "slowing": 105, "rising": 5, "energy-cap": 2, "enterprises": 15, "no-figures": None}
    # As of 2023 the energy cap was met: nothing more needed; 2 years left for the others:
    # (200 − 120)/2 = 40. The enterprises' 2022 → 2023 growth is exact: 215/200 − 1.
    got = targets_of(assess(railkpi, case, "--format", "json", "--as-of", "2023").json())
    assert got["energy-cap"]["needed_per_year"] == 0
    assert got["slowing"]["needed_per_year"] == 40
    assert got["enterprises"]["yoy_growth"] == pytest.approx(215 / 200 - 1, rel=1e-12)
    # As of 2022 the enterprises' previous year has no figure: no 同比.
    got = targets_of(assess(railkpi, case, "--format", "json", "--as-of", "2022").json())
    assert got["enterprises"]["yoy_growth"] is None


def test_qualified_previous_year_marks_yoy_approximate(tmp_path, make_workbook, railkpi):
    # 2023 "180余" (point 180) → 2024 198: 198/180 − 1 = 10 %, shown ≈10.0%.
    data = make_workbook({"数据": [["指标", "年份", "数值"], ["ents", 2020, 150],
                                   ["ents", 2023, "180余"], ["ents", 2024, 198]]})
    plan = write_plan(tmp_path, PLAN, "series.yaml")
    run = railkpi("assess", data, "--plan", plan, "--target", "enterprises", "--format",
                  "markdown", "--lang", "en")
    assert run.exit_code == 0, run.stderr
    row = next(line for line in run.stdout.splitlines() if line.startswith("| Enterprises"))
    # (240 − 198)/1 = 42 still needed. Moderate both years against (240/150)^(1/5) − 1 =
    # 9.856 % required: 2023 1.2^(1/3) − 1 = 6.27 %, ratio 0.636; 2024 1.32^(1/4) − 1 = 7.19 %,
    # ratio 0.729 → '='.
    assert row.endswith("| ≈10.0% | 42 | moderate | = |")


def test_table_and_markdown_show_the_change(case, railkpi):
    for lang, line in (
        ("zh", "较 2023 年变差 2 项：产业收入（≥200.0）进度滞后 → 逆向变化；"
               "能耗（≤80）已提前完成 → 符合进度"),
        ("en", "2 targets worsened since 2023: Industry revenue (≥200.0) off track → "
               "regressing; Energy use (≤80) achieved early → on track"),
    ):
        md = assess(railkpi, case, "--format", "markdown", "--lang", lang).stdout
        assert f"\n{line}\n" in md
        improved = {"zh": "较 2023 年好转 1 项：规上企业（≥60）进度偏慢 → 符合进度",
                    "en": "1 target improved since 2023: Large firms (≥60) moderate → on track"}
        assert f"\n{improved[lang]}\n" in md
        cells = [row.strip("|").split(" | ") for row in md.splitlines() if row.startswith("| ")]
        marks = {c[0].strip(): c[-1].strip() for c in cells}
        names = {"zh": ("产业收入（亿元）", "规上企业（家）", "能耗（吨）", "企业数量（家）"),
                 "en": ("Industry revenue (100M CNY)", "Large firms (firms)",
                        "Energy use (吨)", "Enterprises (firms)")}[lang]
        assert [marks[n] for n in names] == ["↓", "↑", "↓", "="]
        table = assess(railkpi, case, "--lang", lang).stdout
        assert line.split("：" if lang == "zh" else ": ")[0] in table


def test_nothing_changed_says_so(case, railkpi):
    # Only the steady targets: no line of targets that moved, one saying none did.
    run = assess(railkpi, case, "--group", "base", "--format", "markdown", "--lang", "en")
    assert "\nno target improved or worsened since 2023\n" in run.stdout
    assert "worsened since 2023:" not in run.stdout


# -- --fail-on-worse ----------------------------------------------------------------------------


def test_fail_on_worse_exits_1_exactly_when_a_target_worsened(case, railkpi):
    run = assess(railkpi, case, "--fail-on-worse", "--lang", "en")
    assert run.exit_code == 1
    # the reasons on standard error, by name
    assert "exit status 1 (--fail-on-worse)" in run.stderr
    assert "Industry revenue (≥200.0) off track → regressing" in run.stderr
    assert "Energy use (≤80) achieved early → on track" in run.stderr
    assert "Large firms" not in run.stderr
    # without the option the same run passes; with it, runs where nothing worsened pass
    assert assess(railkpi, case, "--lang", "en").exit_code == 0
    for only in (["--target", "rising"], ["--group", "base"]):
        run = assess(railkpi, case, "--fail-on-worse", *only, "--lang", "en")
        assert (run.exit_code, run.stderr) == (0, "")
    # as of 2022, revenue fell from on track to moderate: worse
    assert assess(railkpi, case, "--fail-on-worse", "--as-of", "2022", "--target",
                  "slowing").exit_code == 1
    # as of 2021 nothing had a status the year before: nothing can have worsened
    assert assess(railkpi, case, "--fail-on-worse", "--as-of", "2021").exit_code == 0


def test_fail_on_worse_combines_with_fail_on(case, railkpi):
    # rising is on track and improved: neither option fails it
    assert assess(railkpi, case, "--target", "rising", "--fail-on-worse", "--fail-on",
                  "moderate").exit_code == 0
    # enterprises is unchanged but --fail-on on_track fails it
    assert assess(railkpi, case, "--target", "enterprises", "--fail-on-worse", "--fail-on",
                  "on_track").exit_code == 1
    # slowing fails both ways
    run = assess(railkpi, case, "--target", "slowing", "--fail-on-worse", "--fail-on",
                 "regressing", "--lang", "zh")
    assert run.exit_code == 1
    assert "因 --fail-on-worse 退出（状态 1）" in run.stderr
    assert "产业收入（≥200.0）进度滞后 → 逆向变化" in run.stderr


# -- the rules of change() ------------------------------------------------------------------------


def test_change_cases_written_down():
    assert change(None, "on_track") == "new"  # no status the year before
    assert change(None, "no_data") == "new"
    assert change("undetermined", "on_track") == "new"  # a rankable status appears
    assert change("on_track", "no_data") == "new"  # … or disappears
    assert change("no_data", "undetermined") == "new"
    assert change("no_data", "no_data") == "unchanged"
    assert change("undetermined", "undetermined") == "unchanged"
    assert change("on_track", "achieved") == "improved"
    assert change("regressing", "not_achieved") == "worsened"  # not achieved is the worst
    assert change("achieved", "on_track") == "worsened"


@given(st.sampled_from(STATUS_ORDER), st.sampled_from(STATUS_ORDER))
def test_change_is_antisymmetric_on_the_order(before: str, after: str) -> None:
    forward, backward = change(before, after), change(after, before)  # type: ignore[arg-type]
    assert (forward, backward) in {("improved", "worsened"), ("worsened", "improved"),
                                   ("unchanged", "unchanged")}
    assert (forward == "improved") == (STATUS_ORDER.index(after) < STATUS_ORDER.index(before))


@given(st.sampled_from(ALL_STATUSES), st.sampled_from(ALL_STATUSES))
def test_change_new_only_outside_the_order(before: str, after: str) -> None:
    result = change(before, after)  # type: ignore[arg-type]
    ranked = before in STATUS_ORDER and after in STATUS_ORDER
    assert (result == "new") == (not ranked and before != after)


# -- the formulas ---------------------------------------------------------------------------------


def test_yoy_growth_formula():
    assert formulas.yoy_growth(216, 228) == pytest.approx(12 / 216, rel=1e-15)
    assert formulas.yoy_growth(2803.7, 2948.2) == pytest.approx(144.5 / 2803.7, rel=1e-15)
    assert formulas.yoy_growth(10, 0) == -1.0
    assert formulas.yoy_growth(0, 5) is None  # from zero: undefined
    assert formulas.yoy_growth(-3, 5) is None


def test_needed_per_year_formula():
    assert formulas.needed_per_year(72, 2024, 2025) == 72
    assert formulas.needed_per_year(551.8, 2023, 2025) == pytest.approx(275.9)
    assert formulas.needed_per_year(-12.6, 2024, 2025) == 0  # met
    assert formulas.needed_per_year(0.0, 2024, 2025) == 0
    assert formulas.needed_per_year(5, 2025, 2025) is None  # no year left
    assert formulas.needed_per_year(None, 2023, 2025) is None


@given(st.floats(0.01, 1e6), st.floats(-1e6, 1e6))
def test_yoy_growth_recovers_the_latest(previous: float, latest: float) -> None:
    growth = formulas.yoy_growth(previous, latest)
    assert growth is not None
    assert previous * (1 + growth) == pytest.approx(latest, rel=1e-9, abs=1e-6)


@given(st.floats(-1e6, 1e6), st.integers(2000, 2030), st.integers(0, 20))
def test_needed_per_year_covers_the_gap(gap: float, year: int, left: int) -> None:
    needed = formulas.needed_per_year(gap, year, year + left)
    if left == 0:
        assert needed is None
    else:
        assert needed is not None and needed >= 0
        assert needed * left == pytest.approx(max(gap, 0.0), rel=1e-9, abs=1e-9)


# -- the timeline sheet of the Excel gap table ---------------------------------------------------

FILLS = {"achieved": "A9D08E", "on_track": "C6EFCE", "moderate": "FFEB9C",
         "off_track": "FFC7CE", "regressing": "FFC7CE", "no_data": "D9D9D9"}
WORDS = {"achieved": "已完成", "on_track": "符合进度", "moderate": "进度偏慢",
         "off_track": "进度滞后", "regressing": "逆向变化", "no_data": "无数据"}


def test_timeline_sheet_is_a_heat_grid(case, railkpi, tmp_path):
    import openpyxl

    out = tmp_path / "gaps.xlsx"
    assert assess(railkpi, case, "--xlsx", out, "--lang", "zh").exit_code == 0
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["汇总", "series-plan", "历年状态", "图表", "方法说明"]
    ws = workbook["历年状态"]
    assert [ws.cell(4, c).value for c in range(1, 8)] == [
        "指标", "目标", 2021, 2022, 2023, 2024, "较上年"]
    assert ws["A5"].value == "测试规划 [series-plan]"
    rows = {ws.cell(r, 1).value: r for r in range(6, 11)}
    assert list(rows) == ["产业收入（亿元）", "规上企业（家）", "能耗（吨）", "企业数量（家）",
                          "实验室（个）"]
    changes = {"slowing": "↓ 变差", "rising": "↑ 好转", "energy-cap": "↓ 变差",
               "enterprises": "= 持平", "no-figures": "= 持平"}
    for (target_id, statuses), row in zip(TIMELINES.items(), rows.values(), strict=True):
        cells = [ws.cell(row, c) for c in range(3, 7)]
        words = [WORDS[s] for s in statuses]
        if target_id == "energy-cap":
            words[2] = "已提前完成"  # met before the target year
        assert [c.value for c in cells] == words, target_id
        assert [c.fill.fgColor.rgb for c in cells] == ["FF" + FILLS[s] for s in statuses]
        assert {c.fill.fill_type for c in cells} == {"solid"}
        assert ws.cell(row, 7).value == changes[target_id]
    # the latest change is marked: worsened in the red of the statuses, improved in green, bold
    worse = ws.cell(rows["产业收入（亿元）"], 7).font
    better = ws.cell(rows["规上企业（家）"], 7).font
    assert (worse.color.rgb, worse.bold) == ("FF9C0006", True)
    assert (better.color.rgb, better.bold) == ("FF006100", True)
    # the year assessed has a heavier outline
    assert ws.cell(6, 6).border.left.style == "medium"
    assert ws.cell(6, 5).border.left.style == "thin"
    assert ws.freeze_panes == "C5"
    assert ws.page_setup.orientation == "landscape"
