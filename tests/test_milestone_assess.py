"""The assessment against the year's step: the plan file's own steps and the computed paths
(--milestones), judged by the figure of the year assessed only, by its bounds, mirrored for
lower-is-better targets; --fail-on-milestone; the step in every output."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from plans import indicator, plan_data, target, write_plan
from test_no_english import english

INDICATORS = {
    "rev": indicator("收入", "Revenue", "亿元"),
    "firms": indicator("企业数量", "Firms", "家"),
    "energy": indicator("能耗", "Energy intensity", "吨/万元", better="lower", decimals=3),
    "events": indicator("活动", "Events", "次"),
    "trade": indicator("交易额", "Trade", "亿元"),
}
#: Revenue misses its 2024 step (3100 against 2948.2, short by 151.8); firms meet theirs (200
#: against 228: 28 ahead). In 2023 revenue meets its step, 2800 against 2803.7.
STEPS = (
    target("level", "rev", op=">=", value=3000, milestones={2023: 2800, 2024: 3100}),
    target("level", "firms", op=">", value=240, milestones={2024: 200}),
)
ROWS = [["指标", "年份", "数值"], ["rev", 2020, 2364.9], ["rev", 2023, 2803.7],
        ["rev", 2024, 2948.2], ["firms", 2020, 180], ["firms", 2024, 228]]


def file_maker(tmp_path: Path,
               make_workbook: Callable[..., Path]) -> Callable[..., tuple[Path, Path]]:
    """Makes the workbook of `rows` and a plan of `targets` (the milestone tests' files)."""
    def make(*targets: dict[str, Any], rows: list[list[Any]] = ROWS) -> tuple[Path, Path]:
        plan = write_plan(tmp_path, plan_data(*targets, indicators=INDICATORS))
        return make_workbook({"数据": rows}), plan

    return make


@pytest.fixture
def files(tmp_path: Path, make_workbook: Callable[..., Path]) -> Callable[..., tuple[Path, Path]]:
    return file_maker(tmp_path, make_workbook)


def by_target(run: Any) -> dict[str, dict[str, Any]]:
    return {t["id"]: t for t in run.json()["plans"][0]["targets"]}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def missed(run: Any) -> list[str]:
    """The reasons --fail-on-milestone gives on standard error (beside any plan warning)."""
    return [line for line in run.stderr.splitlines()
            if line.startswith(("step missed", "未完成年度目标"))]


def test_one_step_met_one_missed(railkpi: Callable[..., Any], files: Callable[..., Any]) -> None:
    data, plan = files(*STEPS)
    results = by_target(railkpi("assess", data, "--plan", plan, "--format", "json"))
    assert results["rev-level"]["milestone"] == {
        "year": 2024, "value": 3100, "op": ">=", "min": None, "max": None, "met": False,
        "gap": 151.8, "source": "plan", "approximate": False}
    assert results["firms-level"]["milestone"] == {
        "year": 2024, "value": 200, "op": ">=", "min": None, "max": None, "met": True,
        "gap": -28, "source": "plan", "approximate": False}


def test_fail_on_milestone_exits_1_exactly_when_a_step_is_missed(
        railkpi: Callable[..., Any], files: Callable[..., Any]) -> None:
    data, plan = files(*STEPS)
    assert railkpi("assess", data, "--plan", plan).exit_code == 0  # no flag, no failure
    missed_run = railkpi("assess", data, "--plan", plan, "--fail-on-milestone", "--lang", "en")
    assert missed_run.exit_code == 1
    # Targets by name, not id, as every line of prose names them (render/milestone_words.py).
    assert missed(missed_run) == [
        "step missed: Test plan: Revenue, 2024 step 3100.0, figure 2948.2, short by 151.8"]
    zh = railkpi("assess", data, "--plan", plan, "--fail-on-milestone", "--lang", "zh")
    assert zh.stderr.strip() == (
        "未完成年度目标：测试规划：收入，2024 年目标 3100.0，实际 2948.2，差距 151.8")
    # As of 2023 revenue met its step (2803.7 ≥ 2800) and firms have none: exit 0.
    met = railkpi("assess", data, "--plan", plan, "--fail-on-milestone", "--as-of", "2023",
                  "--format", "json")
    assert met.exit_code == 0 and missed(met) == []
    results = by_target(met)
    assert (results["rev-level"]["milestone"]["met"], results["rev-level"]["milestone"]["gap"]) \
        == (True, pytest.approx(-3.7))
    assert results["firms-level"]["milestone"] is None


def test_combined_with_fail_on(railkpi: Callable[..., Any], files: Callable[..., Any]) -> None:
    data, plan = files(*STEPS)
    # As of 2023 every step is met but revenue (2803.7 of 3000 in three of five years) is not
    # achieved: --fail-on on_track fails, --fail-on-milestone alone does not.
    args = ("assess", data, "--plan", plan, "--as-of", "2023")
    assert railkpi(*args, "--fail-on-milestone").exit_code == 0
    assert railkpi(*args, "--fail-on-milestone", "--fail-on", "on_track").exit_code == 1
    # As of 2024 the step is missed: either flag is enough.
    args = ("assess", data, "--plan", plan)
    assert railkpi(*args, "--fail-on", "not_achieved").exit_code == 0
    assert railkpi(*args, "--fail-on", "not_achieved", "--fail-on-milestone").exit_code == 1


def test_the_step_column_in_the_table_and_markdown(railkpi: Callable[..., Any],
                                                   files: Callable[..., Any]) -> None:
    data, plan = files(*STEPS)
    table = railkpi("assess", data, "--plan", plan, "--lang", "zh").stdout
    assert "年度目标" in table and "3100.0 ✗" in table and "200 ✓" in table
    assert "2024年度目标（规划文件所定）：✓ 完成，✗ 未完成，? 无法判定" in table
    markdown = railkpi("assess", data, "--plan", plan, "--lang", "en", "--format",
                       "markdown").stdout
    header = next(line for line in markdown.splitlines() if line.startswith("| Indicator"))
    assert header.endswith("| Status | Chg | 2024 step |")  # after the status and its change
    rev = next(line for line in markdown.splitlines() if line.startswith("| Revenue"))
    assert rev.endswith("| 3100.0 ✗ |")
    assert "2024 step (set in the plan file): ✓ met, ✗ missed, ? not judged" in markdown


def test_no_steps_no_column(railkpi: Callable[..., Any], files: Callable[..., Any]) -> None:
    data, plan = files(target("level", "rev", op=">=", value=3000))
    run = railkpi("assess", data, "--plan", plan, "--lang", "en", "--format", "markdown")
    assert "step" not in run.stdout
    assert by_target(railkpi("assess", data, "--plan", plan, "--format", "json"))[
        "rev-level"]["milestone"] is None


def test_csv_step_columns(railkpi: Callable[..., Any], files: Callable[..., Any]) -> None:
    data, plan = files(*STEPS)
    run = railkpi("assess", data, "--plan", plan, "--lang", "en", "--format", "csv")
    rows = list(csv.reader(io.StringIO(run.stdout[1:])))
    body = {row[3]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert [body["rev-level"][k] for k in ("Step year", "Step value", "Step op", "Step met",
                                           "Step gap", "Step source")] == [
        "2024", "3100.0", ">=", "false", "151.8", "plan"]
    assert body["firms-level"]["Step met"] == "true"


def test_no_figure_for_the_year_is_not_judged(railkpi: Callable[..., Any],
                                              files: Callable[..., Any],
                                              tmp_path: Path) -> None:
    # Energy has a 2024 step, but its last figure is 2023's: that one does not judge 2024.
    rows = [*ROWS, ["energy", 2020, 0.08], ["energy", 2023, 0.06]]
    data, plan = files(target("level", "energy", op="<=", value=0.05,
                              milestones={2024: 0.07}), rows=rows)
    # --as-of 2024: by default the year assessed would be 2023, energy's latest figure.
    run = railkpi("assess", data, "--plan", plan, "--format", "json", "--lang", "en",
                  "--fail-on-milestone", "--as-of", "2024")
    assert run.exit_code == 0  # not judged is not missed
    energy = by_target(run)["energy-level"]
    assert (energy["milestone"]["met"], energy["milestone"]["gap"]) == (None, None)
    assert {"code": "milestone-no-figure",
            "message": "no figure for 2024: the step cannot be judged"} in energy["notes"]
    table = railkpi("assess", data, "--plan", plan, "--lang", "en", "--as-of", "2024").stdout
    assert "0.070 ?" in table
    report = tmp_path / "report-en.docx"
    railkpi("assess", data, "--plan", plan, "--docx", report, "--lang", "en", "--as-of", "2024")
    assert paragraphs(report)[0].endswith(
        " The annual work plan sets 0.070 吨/万元 for 2024; there is no figure for 2024, so "
        "whether the step was met cannot be judged.")


@pytest.mark.parametrize(("latest", "met", "gap"), [(0.072, False, 0.002), (0.068, True, -0.002)])
def test_lower_is_better_mirrored(latest: float, met: bool, gap: float,
                                  railkpi: Callable[..., Any],
                                  files: Callable[..., Any]) -> None:
    rows = [*ROWS, ["energy", 2020, 0.08], ["energy", 2024, latest]]
    data, plan = files(target("level", "energy", op="<=", value=0.05,
                              milestones={2024: 0.07}), rows=rows)
    step = by_target(railkpi("assess", data, "--plan", plan, "--format", "json"))[
        "energy-level"]["milestone"]
    # At most 0.07: 0.072 is 0.002 over, 0.068 is 0.002 under.
    assert (step["op"], step["met"], step["gap"]) == ("<=", met, gap)


@pytest.mark.parametrize(("step", "met"), [(3100, None), (2800, True), ("突破3100", None)])
def test_a_qualified_figure_is_judged_by_its_bounds(step: Any, met: bool | None,
                                                   railkpi: Callable[..., Any],
                                                   files: Callable[..., Any]) -> None:
    rows = [["指标", "年份", "数值"], ["rev", 2020, 2364.9], ["rev", 2024, "突破3000"]]
    data, plan = files(target("level", "rev", op=">=", value=3500, milestones={2024: step}),
                       rows=rows)
    rev = by_target(railkpi("assess", data, "--plan", plan, "--format", "json", "--lang",
                            "en"))["rev-level"]
    assert rev["milestone"]["met"] is met
    unsettled = [n["message"] for n in rev["notes"] if n["code"] == "milestone-unsettled"]
    if met is None:
        op = ">" if isinstance(step, str) else "≥"
        assert unsettled == [f"2024: the bounds of >3000 do not settle whether the step "
                             f"{op}3100 is met"]
    else:
        assert unsettled == []


def test_computed_steps_for_every_target(railkpi: Callable[..., Any],
                                         files: Callable[..., Any]) -> None:
    data, plan = files(target("level", "rev", op=">=", value=3000), STEPS[1])
    compound = by_target(railkpi("assess", data, "--plan", plan, "--format", "json",
                                 "--milestones", "compound"))
    # 2364.9 → 3000 over 2020-2025: the 2024 step is 2364.9 × (3000 / 2364.9)^(4/5);
    # 3000 / 2364.9 = 1.268553, ^0.8 = 1.209586, so 2860.6; 2948.2 is 87.6 ahead.
    step = compound["rev-level"]["milestone"]
    assert step["value"] == pytest.approx(2364.9 * (3000 / 2364.9) ** 0.8, rel=1e-12)
    assert round(step["value"], 1) == 2860.6
    assert (step["source"], step["met"], round(step["gap"], 1)) == ("compound", True, -87.6)
    # The plan file's own step wins over the path.
    assert compound["firms-level"]["milestone"]["source"] == "plan"
    # Linear: 2364.9 + (3000 − 2364.9) × 4/5 = 2364.9 + 508.08 = 2872.98, exactly.
    linear = by_target(railkpi("assess", data, "--plan", plan, "--format", "json",
                               "--milestones", "linear"))["rev-level"]["milestone"]
    assert (linear["value"], linear["source"], linear["gap"]) == (2872.98, "linear", -75.22)


def test_each_year_and_trend_steps(railkpi: Callable[..., Any],
                                   files: Callable[..., Any]) -> None:
    rows = [*ROWS, ["events", 2023, 3], ["events", 2024, 1], ["trade", 2020, 8],
            ["trade", 2023, 10], ["trade", 2024, 9]]
    data, plan = files(target("each_year", "events", op=">=", value=2),
                       target("trend", "trade"), rows=rows)
    run = railkpi("assess", data, "--plan", plan, "--format", "json", "--milestones", "linear",
                  "--fail-on-milestone", "--lang", "en")
    assert run.exit_code == 1
    results = by_target(run)
    events = results["events-each-year"]["milestone"]
    assert (events["value"], events["op"], events["met"], events["gap"]) == (2, ">=", False, 1)
    trade = results["trade-trend"]["milestone"]  # above 2023's 10: 9 is 1 short
    assert (trade["value"], trade["op"], trade["met"], trade["gap"]) == (10, ">", False, 1)
    assert missed(run) == [
        "step missed: Test plan: Events, 2024 step 2, figure 1, short by 1",
        "step missed: Test plan: Trade, 2024 step >10.0, figure 9.0, short by 1.0",
    ]


def test_the_target_year_step_of_a_change_is_judged_as_its_status(
        railkpi: Callable[..., Any], files: Callable[..., Any]) -> None:
    # 增加60家 from 180余 ([180, 190)): 245 in 2025 is an increase of 55 to 65, unsettled.
    rows = [["指标", "年份", "数值"], ["firms", 2020, "180余"], ["firms", 2025, 245]]
    data, plan = files(target("change", "firms", op=">=", value=60), rows=rows)
    firms = by_target(railkpi("assess", data, "--plan", plan, "--format", "json",
                              "--milestones", "compound"))["firms-change"]
    assert firms["status"] == "undetermined"
    assert (firms["milestone"]["year"], firms["milestone"]["value"]) == (2025, 240)
    assert firms["milestone"]["met"] is None and firms["milestone"]["approximate"]


def test_a_plan_step_in_the_target_year_is_its_own_level(
        railkpi: Callable[..., Any], files: Callable[..., Any]) -> None:
    # The office asks 250 firms in 2025, more than 180余 + 60: its own level judges the step.
    # 255 meets it; the change, 255 − [180, 190) = 65 to 75, is achieved.
    rows = [["指标", "年份", "数值"], ["firms", 2020, "180余"], ["firms", 2025, 255]]
    data, plan = files(target("change", "firms", op=">=", value=60, milestones={2025: 250}),
                       rows=rows)
    firms = by_target(railkpi("assess", data, "--plan", plan, "--format", "json"))[
        "firms-change"]
    assert firms["status"] == "achieved"
    assert (firms["milestone"]["value"], firms["milestone"]["met"], firms["milestone"]["gap"]) \
        == (250, True, -5)
    # 245 misses the office's 250, while the change, 55 to 65 against ≥ 60, is undetermined.
    rows[-1] = ["firms", 2025, 245]
    data, plan = files(target("change", "firms", op=">=", value=60, milestones={2025: 250}),
                       rows=rows)
    firms = by_target(railkpi("assess", data, "--plan", plan, "--format", "json"))[
        "firms-change"]
    assert (firms["status"], firms["milestone"]["met"]) == ("undetermined", False)


def test_no_baseline_for_the_path_is_noted(railkpi: Callable[..., Any],
                                           files: Callable[..., Any]) -> None:
    rows = [["指标", "年份", "数值"], ["rev", 2023, 2803.7], ["rev", 2024, 2948.2]]
    data, plan = files(target("level", "rev", op=">=", value=3000), rows=rows)
    rev = by_target(railkpi("assess", data, "--plan", plan, "--format", "json",
                            "--milestones", "compound", "--lang", "en"))["rev-level"]
    assert rev["milestone"] is None
    assert "milestone-no-baseline" in [n["code"] for n in rev["notes"]]
    # Without --milestones nothing is said about steps.
    plain = by_target(railkpi("assess", data, "--plan", plan, "--format", "json"))["rev-level"]
    assert not [n for n in plain["notes"] if n["code"].startswith("milestone")]


def test_the_gap_table_has_the_step_columns(railkpi: Callable[..., Any],
                                            files: Callable[..., Any], tmp_path: Path) -> None:
    data, plan = files(*STEPS)
    out = tmp_path / "gaps.xlsx"
    assert railkpi("assess", data, "--plan", plan, "--xlsx", out, "--lang", "zh").exit_code == 0
    sheet = openpyxl.load_workbook(out)["test-plan"]
    top = [c.value for c in sheet[3]]
    sub = [c.value for c in sheet[4]]
    at = top.index("2024年度目标")
    assert sub[at:at + 3] == ["目标值", "差距", "完成情况"]
    assert top[at + 3] == "依据原文"  # the plan's wording stays last
    rev = [c.value for c in sheet[5]]
    assert rev[at:at + 3] == [3100, 151.8, "未完成"]
    assert sheet.cell(row=5, column=at + 3).fill.fgColor.rgb == "FFFFC7CE"  # red
    firms = [c.value for c in sheet[6]]
    assert firms[at:at + 3] == [200, -28, "完成"]
    assert sheet.cell(row=6, column=at + 3).fill.fgColor.rgb == "FFA9D08E"  # green
    assert sheet.cell(row=5, column=at + 1).number_format == "#,##0.0"
    notes = [c.value for c in sheet["A"] if isinstance(c.value, str)]
    assert "· 2024年度目标（规划文件所定）：✓ 完成，✗ 未完成，? 无法判定" in notes


def test_chinese_output_has_no_english(railkpi: Callable[..., Any],
                                       files: Callable[..., Any]) -> None:
    data, plan = files(*STEPS)
    for args in (("assess", data, "--plan", plan, "--fail-on-milestone"),
                 ("assess", data, "--plan", plan, "--milestones", "linear"),
                 ("milestones", "--plan", plan, "--data", data, "--from-latest"),
                 ("milestones", "--plan", plan)):
        run = railkpi(*args, "--lang", "zh")
        given = " ".join(str(a) for a in args) + " " + plan.read_text(encoding="utf-8")
        assert english(run.stdout + run.stderr, given) == [], args


# -- the Word report's sentence, and steps shown towards the target ----------------------------


def paragraphs(path: Path) -> list[str]:
    from docx_helpers import open_docx, target_paragraphs

    (plan,) = target_paragraphs(open_docx(path), "zh" if path.stem.endswith("zh") else "en")
    return [p.text for p in plan]


def test_the_word_report_says_whether_the_step_was_met(
        railkpi: Callable[..., Any], files: Callable[..., Any], tmp_path: Path) -> None:
    data, plan = files(*STEPS)
    zh, en = tmp_path / "report-zh.docx", tmp_path / "report-en.docx"
    assert railkpi("assess", data, "--plan", plan, "--docx", zh, "--lang", "zh").exit_code == 0
    assert railkpi("assess", data, "--plan", plan, "--docx", en, "--lang", "en").exit_code == 0
    rev, firms = paragraphs(zh)
    assert rev.endswith("年度计划确定的2024年目标为3100.0亿元，未完成年度目标，差距151.8亿元。")
    assert firms.endswith("年度计划确定的2024年目标为200家，完成年度目标。")
    rev, firms = paragraphs(en)
    assert rev.endswith(" The annual work plan sets 3100.0 (100M CNY) for 2024: the step was "
                        "missed by 151.8 (100M CNY).")
    assert firms.endswith(" The annual work plan sets 200 firms for 2024: the step was met.")
    # Without a step, no such sentence.
    data, plan = files(target("level", "rev", op=">=", value=3000))
    plain = tmp_path / "plain-zh.docx"
    assert railkpi("assess", data, "--plan", plan, "--docx", plain, "--lang", "zh").exit_code == 0
    assert "年度目标" not in paragraphs(plain)[0]


def test_a_computed_count_step_is_shown_so_that_it_reads_true(
        railkpi: Callable[..., Any], files: Callable[..., Any], tmp_path: Path) -> None:
    # 1 (2020) → 3 (2025) firms on the compound path: 2024's step is 3^(4/5) = 2.41 firms.
    # 2 firms miss it; shown to the nearest it would read "2", missed by "0": it shows 3 and 1.
    rows = [["指标", "年份", "数值"], ["firms", 2020, 1], ["firms", 2024, 2]]
    data, plan = files(target("level", "firms", op=">=", value=3), rows=rows)
    run = railkpi("assess", data, "--plan", plan, "--milestones", "compound", "--format",
                  "json", "--fail-on-milestone", "--lang", "en")
    step = by_target(run)["firms-level"]["milestone"]
    assert step["value"] == pytest.approx(3 ** 0.8, rel=1e-12) and step["met"] is False
    assert step["gap"] == pytest.approx(3 ** 0.8 - 2, rel=1e-12)  # 0.41, unrounded in JSON
    assert missed(run) == [
        "step missed: Test plan: Firms, 2024 step 3, figure 2, short by 1"]
    table = railkpi("assess", data, "--plan", plan, "--milestones", "compound").stdout
    assert "3 ✗" in table
    report = tmp_path / "report-zh.docx"
    railkpi("assess", data, "--plan", plan, "--milestones", "compound", "--docx", report)
    assert paragraphs(report)[0].endswith("按复利路径测算，2024年应达到3家，未完成年度目标，"
                                          "差距1家。")


def test_a_falling_step_is_shown_down(railkpi: Callable[..., Any],
                                      files: Callable[..., Any]) -> None:
    # Energy 0.08 (2020) → at most 0.05 (2025): 2021's step is 0.08 × 0.625^(1/5) = 0.07282,
    # shown at three decimals as 0.072 — a figure of 0.073 would not meet it.
    rows = [["指标", "年份", "数值"], ["energy", 2020, 0.08], ["energy", 2021, 0.073]]
    data, plan = files(target("level", "energy", op="<=", value=0.05), rows=rows)
    run = railkpi("assess", data, "--plan", plan, "--milestones", "compound", "--lang", "en",
                  "--format", "markdown")
    row = next(line for line in run.stdout.splitlines() if line.startswith("| Energy"))
    assert row.endswith("| 0.072 ✗ |")


def printed_at(width: int, run: Callable[[], Any], monkeypatch: pytest.MonkeyPatch) -> str:
    """The terminal report as printed $COLUMNS wide."""
    monkeypatch.setenv("COLUMNS", str(width))
    return str(run().stdout)


@pytest.mark.parametrize(("width", "left_out"), [
    # 120 columns: every column, 每年还需 too (a wide terminal's extra).
    (120, ""),
    # 80 columns: the figures railkpi adds unasked go first; the step the plan file asked
    # for stays (it used to be the first left out).
    (80, "未显示（宽 80 列）：序时进度、实际增速、基期；"),
])
def test_the_step_column_outlasts_the_optional_figures(
        width: int, left_out: str, railkpi: Callable[..., Any], files: Callable[..., Any],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.cells import cell_len

    data, plan = files(*STEPS)
    text = printed_at(width, lambda: railkpi("assess", data, "--plan", plan, "--lang", "zh"),
                      monkeypatch)
    assert "…" not in text  # no cell cut short
    assert max(cell_len(line) for line in text.splitlines()) <= width
    lines = text.splitlines()
    rev = next(line for line in lines if line.startswith("收入"))
    assert rev.rstrip().endswith("3100.0 ✗")  # the column after the status and its change
    assert next(line for line in lines if line.startswith("企业数量")).rstrip().endswith("200 ✓")
    # Its header: the year on a line of its own, not cut inside it.
    head = next(i for i, line in enumerate(lines) if line.startswith("指标（单位）"))
    assert lines[head - 1].rstrip().endswith("2024") and lines[head].rstrip().endswith(
        "年度目标")
    assert ("每年" in lines[head - 1]) is (width == 120)
    if left_out:
        assert squash(left_out) in squash(text)
    else:
        assert "未显示" not in text
    assert "  · 收入：2024年度目标" not in text  # the steps are in their column, not lines
    # English alike, at 80 columns: the step kept, the same figures left out.
    en = printed_at(width, lambda: railkpi("assess", data, "--plan", plan, "--lang", "en"),
                    monkeypatch)
    revenue = next(line for line in en.splitlines() if line.startswith("Revenue"))
    assert revenue.rstrip().endswith("3100.0 ✗")
    assert ("Not shown (80 columns wide): Time, CAGR, Base, CAGR needed;" in squash_en(en)) \
        is (width == 80)


def squash_en(text: str) -> str:
    """Lines joined with single spaces, as a wrapped English paragraph reads."""
    return re.sub(r"\s+", " ", text)


def test_without_steps_no_step_column_at_any_width(
        railkpi: Callable[..., Any], files: Callable[..., Any],
        monkeypatch: pytest.MonkeyPatch) -> None:
    bare = [{k: v for k, v in t.items() if k != "milestones"} for t in STEPS]
    data, plan = files(*bare)
    for width in (80, 120):
        text = printed_at(width, lambda: railkpi("assess", data, "--plan", plan, "--lang",
                                                 "zh"), monkeypatch)
        assert "年度目标" not in text and "✗" not in text and "✓" not in text
        if width == 80:  # the step's 8 + 2 cells free: the baseline (6 + 2) is back
            assert squash("未显示（宽 80 列）：序时进度、实际增速；") in squash(text)
        else:
            assert "未显示" not in text


def test_the_step_column_goes_last_then_lines(railkpi: Callable[..., Any],
                                              files: Callable[..., Any],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.cells import cell_len

    data, plan = files(*STEPS)
    # 62 columns: the always-shown columns (名称 14 + 最新 6 + 目标 7 + 差距 4 + 状态 8 + 较上年
    # 6, with five gaps: 55) leave no room for the step's 10 + 2: every optional column is
    # left out, the step last, and the steps print as lines under the table.
    text = printed_at(62, lambda: railkpi("assess", data, "--plan", plan, "--lang", "zh"),
                      monkeypatch)
    assert max(cell_len(line) for line in text.splitlines()) <= 62
    rev = next(line for line in text.splitlines() if line.startswith("收入"))
    assert "3100.0" not in rev
    assert "  · 收入：2024年度目标 3100.0 ✗" in text
    assert "  · 企业数量：2024年度目标 200 ✓" in text
    # The left-out line names the figures, not the step (its steps are right below).
    assert "序时进度、实际增速、基期、今后需增速、完成进度" in squash(text)
    assert "年度目标；" not in squash(text)


@pytest.mark.parametrize("width", [80, 120])
def test_the_14th_fyp_steps_in_their_column_at_80_and_120(
        width: int, railkpi: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.cells import cell_len

    example = Path(__file__).resolve().parents[1] / "examples" / "fengtai.xlsx"
    # Revenue's 2024 step on the compound path: 2364.9 × (3500 / 2364.9)^(4/5) = 3236.06,
    # shown 3236.1 (towards the target); the 2024 figure 2948.2 misses it.
    step = 2364.9 * (3500 / 2364.9) ** (4 / 5)
    assert 3236.05 < step < 3236.1
    text = printed_at(width, lambda: railkpi("assess", example, "--plan", "14th-fyp",
                                             "--milestones", "compound", "--lang", "zh"),
                      monkeypatch)
    assert max(cell_len(line) for line in text.splitlines()) <= width and "…" not in text
    rev = next(line for line in text.splitlines() if line.startswith("轨道交通产业"))
    assert "2948.2" in rev and rev.rstrip().endswith("3236.1 ✗")
    # At 80 columns the name wraps narrower rather than the asked-for step going to a line.
    assert "2024年度目标 3236.1" not in text
