"""The Excel gap table's summary sheet counts the steps of the year assessed — met, missed, not
judged — per plan, where any target has one; where none has, the sheet is as it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from plans import plan_data, target, write_plan
from test_milestone_assess import INDICATORS, ROWS, STEPS

DASH = "—"


def summary(railkpi: Callable[..., Any], data: Path, plans: list[Path], out: Path,
            *options: str) -> Any:
    plan_args = [arg for plan in plans for arg in ("--plan", plan)]
    run = railkpi("assess", data, *plan_args, "--xlsx", out, *options)
    assert run.exit_code == 0, run.stderr
    return openpyxl.load_workbook(out).worksheets[0]


def rows(sheet: Any) -> list[list[Any]]:
    return [[c.value for c in row] for row in sheet.iter_rows()]


def block(sheet: Any, heading: str) -> list[list[Any]]:
    """The rows under `heading` in column A, up to the next empty row: header and counts."""
    table = rows(sheet)
    start = next(i for i, row in enumerate(table) if row[0] == heading)
    found = []
    for row in table[start + 1:]:
        if row[0] is None:
            break
        found.append(row[:6])
    return found


@pytest.mark.parametrize(("lang", "heading", "header"), [
    ("zh", "2024年度目标完成情况（规划文件所定）",
     ["规划", "规划名称", "有年度目标", "完成", "未完成", "无法判定"]),
    ("en", "2024 steps met or missed (set in the plan file)",
     ["Plan", "Title", "With a step", "met", "missed", "not judged"]),
])
def test_steps_met_and_missed_are_counted(lang: str, heading: str, header: list[str],
                                          railkpi: Callable[..., Any], tmp_path: Path,
                                          make_workbook: Callable[..., Path]) -> None:
    # By hand: revenue 2948.2 against its 2024 step of 3100, missed; firms 228 against 200,
    # met. Two targets with a step: 1 met, 1 missed, 0 not judged.
    data = make_workbook({"数据": ROWS})
    plan = write_plan(tmp_path, plan_data(*STEPS, indicators=INDICATORS))
    sheet = summary(railkpi, data, [plan], tmp_path / "gaps.xlsx", "--lang", lang)
    title = "测试规划" if lang == "zh" else "Test plan"
    assert block(sheet, heading) == [header, ["test-plan", title, 2, 1, 1, 0]]
    # The words coloured as the plan sheets' step column: met green, missed red, grey.
    head_row = next(r for r in sheet.iter_rows() if r[0].value == header[0]
                    and r[2].value == header[2])
    statuses = next(r for r in sheet.iter_rows() if r[2].value in ("目标数", "Targets"))
    fills = {c.value: c.fill.fgColor.rgb for c in statuses}
    achieved, not_achieved, undetermined = (
        fills["已完成" if lang == "zh" else "achieved"],
        fills["未完成" if lang == "zh" else "not achieved"],
        fills["无法判定" if lang == "zh" else "undetermined"])
    assert [c.fill.fgColor.rgb for c in head_row[3:6]] == [achieved, not_achieved,
                                                            undetermined]
    assert len({achieved, not_achieved, undetermined}) == 3
    # The attention list still follows.
    assert any(row[0] in ("需关注的目标（进度偏慢及以下、无法判定、无数据）",
                          "Targets needing attention (moderate or worse, undetermined, no data)")
               for row in rows(sheet))


def test_a_step_not_judged_is_counted_as_such(railkpi: Callable[..., Any], tmp_path: Path,
                                             make_workbook: Callable[..., Path]) -> None:
    # No revenue figure for 2024: its step cannot be judged; firms met theirs.
    data = make_workbook({"数据": [row for row in ROWS if row[:2] != ["rev", 2024]]})
    plan = write_plan(tmp_path, plan_data(*STEPS, indicators=INDICATORS))
    sheet = summary(railkpi, data, [plan], tmp_path / "gaps.xlsx", "--lang", "zh")
    assert block(sheet, "2024年度目标完成情况（规划文件所定）")[1] == [
        "test-plan", "测试规划", 2, 1, 0, 1]


def test_computed_steps_and_a_plan_without_steps(railkpi: Callable[..., Any], tmp_path: Path,
                                                 make_workbook: Callable[..., Path]) -> None:
    # Two plans: the first with its own steps (1 met, 1 missed), the second without any. The
    # second's row has no counts (—), not zeros; the total counts the first's.
    data = make_workbook({"数据": ROWS})
    own = write_plan(tmp_path, plan_data(*STEPS, indicators=INDICATORS), "own.yaml")
    bare = [{k: v for k, v in t.items() if k != "milestones"} for t in STEPS]
    other = write_plan(tmp_path, plan_data(*bare, indicators=INDICATORS, plan_id="other",
                                           title=("另一规划", "Other plan")), "other.yaml")
    sheet = summary(railkpi, data, [own, other], tmp_path / "gaps.xlsx", "--lang", "zh")
    assert block(sheet, "2024年度目标完成情况（规划文件所定）")[1:] == [
        ["test-plan", "测试规划", 2, 1, 1, 0],
        ["other", "另一规划", 0, DASH, DASH, DASH],
        ["合计", None, 2, 1, 1, 0],
    ]
    # With --milestones linear every target has a step: revenue 2364.9 → 3000 (2020-2025),
    # 2024 step 2364.9 + 635.1 × 4/5 = 2872.98, met by 2948.2 (the plan's own 3100 wins in
    # the first plan); firms 180 → 240 (>240: X = 240), 2024 step 180 + 60 × 4/5 = 228, met
    # by 228. Sources: the plan file's and the linear path.
    sheet = summary(railkpi, data, [own, other], tmp_path / "linear.xlsx", "--lang", "zh",
                    "--milestones", "linear")
    assert block(sheet, "2024年度目标完成情况（规划文件所定、线性路径）")[1:] == [
        ["test-plan", "测试规划", 2, 1, 1, 0],
        ["other", "另一规划", 2, 2, 0, 0],
        ["合计", None, 4, 3, 1, 0],
    ]


def test_no_step_no_counts(railkpi: Callable[..., Any], tmp_path: Path,
                           make_workbook: Callable[..., Path]) -> None:
    data = make_workbook({"数据": ROWS})
    plan = write_plan(tmp_path, plan_data(target("level", "rev", op=">=", value=3000),
                                          indicators=INDICATORS))
    sheet = summary(railkpi, data, [plan], tmp_path / "gaps.xlsx", "--lang", "zh")
    texts = [str(v) for row in rows(sheet) for v in row if v is not None]
    assert not any("年度目标" in t or "完成情况" in t or t == "有年度目标" for t in texts)
    # The attention list right after the counts, as before: counts on rows 4-5, a blank
    # row, the heading on row 7.
    assert sheet["A7"].value == "需关注的目标（进度偏慢及以下、无法判定、无数据）"
