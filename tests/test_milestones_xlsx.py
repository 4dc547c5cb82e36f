"""`railkpi milestones --xlsx FILE`: the decomposition table, opened with openpyxl and checked
against the steps worked out by hand: headers in both languages, values and number formats,
text steps, print setup, no formulas, and the refusal to write over an input."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "fengtai.xlsx"
HEAD_ROW, SUB_ROW, FIRST_ROW = 3, 4, 5


def workbook(railkpi: Callable[..., Any], tmp_path: Path, *args: Any) -> Any:
    out = tmp_path / "steps.xlsx"
    run = railkpi("milestones", "--xlsx", out, *args)
    assert run.exit_code == 0, run.stderr
    return openpyxl.load_workbook(out)


def rows_by_target(sheet: Any, target: str) -> list[Any]:
    """The cells of the row whose target column (D) shows `target`."""
    for row in sheet.iter_rows(min_row=FIRST_ROW):
        if row[3].value == target:
            return list(row)
    raise AssertionError(f"no row for {target}")


def test_headers_values_and_formats(railkpi: Callable[..., Any], tmp_path: Path) -> None:
    book = workbook(railkpi, tmp_path, "--plan", "14th-fyp", "--lang", "zh")
    assert book.sheetnames == ["14th-fyp"]
    sheet = book["14th-fyp"]
    assert sheet["A1"].value == "“十四五”时期丰台区轨道交通产业发展规划 [14th-fyp]：年度目标分解"
    assert [c.value for c in sheet[HEAD_ROW]] == [
        "类别", "指标", "单位", "目标", "起点", None, "2021年", "2022年", "2023年", "2024年",
        "2025年"]
    assert [c.value for c in sheet[SUB_ROW]][4:6] == ["年份", "数值"]
    revenue = rows_by_target(sheet, ">3500.0")
    assert [c.value for c in revenue[:6]] == ["企业数量", "轨道交通产业总收入", "亿元", ">3500.0",
                                              2020, 2364.9]
    # 2364.9 × (3500 / 2364.9)^(n/5) = 2557.78, 2766.40, 2992.03, 3236.06, as the table
    # shows them to sign: at one decimal, up (2992.0 would miss 2992.03); the last step is
    # 3500 itself, "more than".
    steps = [c.value for c in revenue[6:]]
    assert steps == [2557.8, 2766.4, 2992.1, 3236.1, 3500]
    assert revenue[6].number_format == "#,##0.0"
    assert revenue[10].number_format == '"超过"#,##0.0;"超过"-#,##0.0'
    # 180余: the start shows as written, its steps are approximate counts.
    firms = rows_by_target(sheet, ">240")
    assert firms[5].value == 180 and firms[5].number_format == '0"余";-0"余"'
    assert firms[5].comment is not None and "180 ≤ x < 190" in firms[5].comment.text
    assert firms[6].number_format == '"≈"0;"≈"-0'
    assert firms[10].value == 240 and firms[10].number_format == '"超过"0;"超过"-0'
    # Each year 2-3: text steps; no baseline: — in every year.
    assert [c.value for c in rows_by_target(sheet, "每年2–3")[6:]] == ["2–3"] * 5
    assert [c.value for c in rows_by_target(sheet, ">40")[4:]] == ["—"] * 7
    notes = [c.value for c in sheet["A"] if isinstance(c.value, str) and c.value.startswith("·")]
    assert any("产业创新平台数量（innovation-platforms）" in n and "2020 年的基期值" in n
               for n in notes)
    assert any(n.startswith("· 复利路径") for n in notes)


def test_english_linear(railkpi: Callable[..., Any], tmp_path: Path) -> None:
    book = workbook(railkpi, tmp_path, "--plan", "14th-fyp", "--lang", "en", "--method",
                    "linear")
    sheet = book["14th-fyp"]
    assert [c.value for c in sheet[HEAD_ROW]][:7] == [
        "Group", "Indicator", "Unit", "Target", "Start", None, "2021"]
    revenue = rows_by_target(sheet, ">3500.0")
    # 2591.92, 2818.94, 3045.96, 3272.98 at one decimal, up.
    assert [c.value for c in revenue[6:]] == [2592.0, 2819.0, 3046.0, 3273.0, 3500]
    assert revenue[10].number_format == '"more than "#,##0.0;"more than "-#,##0.0'
    assert "linear path" in sheet["A2"].value


def test_print_setup_and_no_formulas(railkpi: Callable[..., Any], tmp_path: Path) -> None:
    book = workbook(railkpi, tmp_path, "--lang", "zh")
    assert book.sheetnames == ["14th-fyp", "2023-2025"]
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$3:$4"
        assert sheet.freeze_panes == "G5"
        assert not [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    action = book["2023-2025"]
    # The trend target's steps are words; the plan publishes no baselines but the 零的突破 zeros.
    assert [c.value for c in rows_by_target(action, "逐年上升")[6:]] == ["高于上年"] * 3


def test_from_latest_with_data(railkpi: Callable[..., Any], tmp_path: Path) -> None:
    book = workbook(railkpi, tmp_path, "--plan", "2023-2025", "--data", EXAMPLE,
                    "--from-latest", "--lang", "en")
    sheet = book["2023-2025"]
    assert [c.value for c in sheet[HEAD_ROW]][6:] == ["2025"]  # 2024 is the latest year
    assert "data file fengtai.xlsx" in sheet["A2"].value
    revenue = rows_by_target(sheet, "≥3000.0")
    assert [c.value for c in revenue[4:]] == [2024, 2948.2, 3000]


def test_never_over_the_data(railkpi: Callable[..., Any], tmp_path: Path,
                             make_workbook: Callable[..., Path]) -> None:
    data = make_workbook({"数据": [["指标", "年份", "数值"], ["revenue_total", 2020, 2364.9]]})
    before = data.read_bytes()
    run = railkpi("milestones", "--data", data, "--xlsx", data, "--lang", "en")
    assert run.exit_code == 2 and "output-is-input" in run.stderr
    assert data.read_bytes() == before
