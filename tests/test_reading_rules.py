"""The reading rules of issue 9, one by one: numbers with spaces (property tests), no-figure
marks, footnote marks, rows of other statistics and misspelt names (both sides of the
cut-off), tables stacked on one sheet, a year column shifted by a stray cell, hidden and
duplicate sheets, percent cells however the workbook stores them."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from openpyxl.styles import Font

from conftest import codes_at, problems_of
from railkpi.figures import FigureError, split_text
from railkpi.plans.labels import normalise_label
from railkpi.plans.loader import load_plans
from railkpi.plans.registry import IndicatorRegistry, merge_plans
from railkpi.read.cells import CellError, parse_figure_cell, parse_number, parse_year
from railkpi.read.marks import footnote_mark, is_not_available
from railkpi.read.row_labels import CLOSE_RATIO, MAX_LABELS, LabelMatcher
from railkpi.read.workbook import WorkbookData, read_workbook
from sheets import repacked, saved, sheet_part, without_references, workbook

MakeWorkbook = Callable[..., Path]
WIDE = ["指标", "单位", "2022年", "2023年", "2024年"]
#: Every space a workbook may hold between digit groups.
SPACES = [" ", "\u00a0", "\u2009", "\u202f", "\u3000", "\u2007"]


@pytest.fixture(scope="module")
def registry() -> IndicatorRegistry:
    return merge_plans(load_plans(["14th-fyp", "2023-2025"]))


def observed(data: WorkbookData) -> dict[tuple[str, int], tuple[float, str]]:
    return {(o.indicator, o.year): (o.value, o.where) for o in data.observations}


# -- spaces inside numbers ---------------------------------------------------------------------


def grouped(number: int, separator: str) -> str:
    """1234567 → '1,234,567' (or with spaces)."""
    return f"{number:,}".replace(",", separator)


@given(st.integers(min_value=1000, max_value=10**15), st.sampled_from(SPACES),
       st.sampled_from(["", ".5", ".25"]))
@example(12345, " ", "")
@example(1234, " ", ".5")
def test_spaces_between_groups_of_three_after_one_or_two_digits(
    number: int, space: str, decimals: str
) -> None:
    written = grouped(number, space) + decimals
    leading = written.split(space)[0]
    try:
        value = parse_number(written).value
    except CellError as exc:
        # Two three-digit numbers side by side (123 456) are refused: two figures or one?
        assert len(leading) == 3 and exc.code == "bad-number"
        return
    assert len(leading) < 3
    assert value == float(Decimal(str(number) + decimals))
    assert split_text(written).number == Decimal(str(number) + decimals)


@given(st.integers(min_value=1000, max_value=10**15), st.sampled_from(["", ".5"]))
def test_commas_between_groups_of_three(number: int, decimals: str) -> None:
    written = f"{number:,}" + decimals
    assert parse_number(written).value == float(Decimal(str(number) + decimals))


@given(st.text(alphabet="0123456789", min_size=2, max_size=12), st.data())
def test_a_space_anywhere_else_is_refused(digits: str, data: st.DataObject) -> None:
    position = data.draw(st.integers(min_value=1, max_value=len(digits) - 1))
    space = data.draw(st.sampled_from(SPACES))
    written = digits[:position] + space + digits[position:]
    head, tail = digits[:position], digits[position:]
    if len(head) <= 2 and len(tail) == 3:
        return  # a group of three after a leading group of one or two: a number
    with pytest.raises(CellError) as caught:
        parse_number(written)
    assert caught.value.code == "bad-number"
    with pytest.raises(FigureError):
        split_text(written)


@pytest.mark.parametrize("written", ["2890 3500", "180 190", "1,2345", "12 3456", "1 234,567",
                                     "- 5", "1 2", "1,23"])
def test_numbers_split_otherwise_are_bad_numbers(written: str) -> None:
    with pytest.raises(CellError) as caught:
        parse_figure_cell(written)
    assert caught.value.code == "bad-number"


@pytest.mark.parametrize("year", ["20 23", "202 3", "2,023", "2\u00a0023"])
def test_a_year_split_by_a_space_is_a_bad_year(year: str) -> None:
    with pytest.raises(CellError) as caught:
        parse_year(year)
    assert caught.value.code == "bad-year"
    assert parse_year(" 2023 年 ") == 2023


def test_split_numbers_are_errors_in_every_layout_and_the_roster(
    make_workbook: MakeWorkbook, registry: IndicatorRegistry
) -> None:
    path = make_workbook({
        "长表": [["指标", "年份", "数值"], ["revenue_total", "20 23", 2890.5],
                 ["revenue_total", 2022, "2890 3500"], ["revenue_total", 2021, "2 498.6"]],
        "宽表": [WIDE, ["企业数量", "家", "180 190", "1 215", 228]],
        "企业名录": [["企业名称", "年份", "营业收入（万元）"], ["甲公司", 2020, "12 3456"],
                     ["乙公司", 2020, "12 345"]],
    })
    assert codes_at(problems_of(path, registry)) == {
        ("error", "bad-year", "长表!B2"), ("error", "bad-number", "长表!C3"),
        ("error", "bad-number", "宽表!C2"), ("error", "bad-number", "企业名录!C2"),
    }


# -- no-figure marks and footnote marks ------------------------------------------------------

MARKS = ["—", "–", "-", "/", "…", "×", "暂无", "无", "空", "N/A", "NA", "n.a.", "..", "——",
         "--", "……", "...", "n/a", "－", "／", " — "]


@pytest.mark.parametrize("mark", MARKS)
def test_no_figure_marks_are_recognised(mark: str) -> None:
    assert is_not_available(mark)


@pytest.mark.parametrize("text", ["-.", "0", "-5", "x", "无效", "N", "2023", "", "na na"])
def test_other_text_is_no_mark(text: str) -> None:
    assert not is_not_available(text)


def test_marks_read_as_not_reported_with_one_warning_per_sheet(
    make_workbook: MakeWorkbook, registry: IndicatorRegistry
) -> None:
    path = make_workbook({
        "宽表": [WIDE, ["总收入", "亿元", 2651.3, "—", "暂无"],
                 ["企业数量", "家", "N/A", 215, 228]],
        "长表": [["指标", "年份", "数值"], ["利润总额", 2023, "-"], ["利润总额", 2022, 270.5]],
        "企业名录": [["企业名称", "年份", "营业收入（万元）"], ["甲公司", 2021, "—"]],
    })
    data = read_workbook(path, registry)
    assert {key: found for key, found in observed(data).items()
            if not found[1].startswith("企业名录")} == {
        ("revenue_total", 2022): (2651.3, "宽表!C2"),
        ("enterprise_count", 2023): (215.0, "宽表!D3"),
        ("enterprise_count", 2024): (228.0, "宽表!E3"),
        ("profit_total", 2022): (270.5, "长表!C3"),
    }
    by_code = {(p.code, p.message("en")) for p in data.warnings}
    assert ("not-available", "sheet '宽表': read as not reported, 3 cells holding a no-figure "
            "mark (—, 暂无, N/A): 宽表!D2, 宽表!E2, 宽表!C3") in by_code
    assert ("not-available", "sheet '长表': read as not reported, 1 cell holding a no-figure "
            "mark (-): 长表!C2") in by_code
    # In the roster a mark is a revenue not known, as a blank one is.
    assert codes_at(data.warnings) >= {("warning", "roster-missing-revenue", "企业名录!C2")}
    assert sum(p.code == "not-available" for p in data.warnings) == 2


@pytest.mark.parametrize(
    ("written", "mark"),
    [("2*", "*"), ("2948.2①", "①"), ("228注", "注"), ("123a", "a"), ("2948.2¹", "¹"),
     ("228 注2", "注2"), ("2948.2(注1)", "(注1)"), ("2,948.2[1]", "[1]"), ("2948.2※", "※"),
     ("29①48", "①"), ("180余家*", "*")],
)
def test_a_footnote_mark_is_an_error_saying_so(written: str, mark: str) -> None:
    assert footnote_mark(written) == mark
    with pytest.raises(CellError) as caught:
        parse_figure_cell(written)
    assert (caught.value.code, caught.value.params) == ("footnote-mark", {"mark": mark})


@pytest.mark.parametrize("written", ["180余家", "16.3%", "突破3000亿元", "2.5万元", "228", "1e3"])
def test_units_and_qualifiers_are_no_footnotes(written: str) -> None:
    assert footnote_mark(written, frozenset({"家", "亿元", "万元"})) is None


def test_footnote_marks_and_error_texts_in_a_sheet(make_workbook: MakeWorkbook,
                                                   registry: IndicatorRegistry) -> None:
    path = make_workbook({"数据": [WIDE, ["总收入", "亿元", "2651.3①", "#N/A", 2948.2]]})
    problems = problems_of(path, registry)
    assert codes_at(problems) == {("error", "footnote-mark", "数据!C2"),
                                  ("error", "excel-error", "数据!D2")}
    footnote = next(p for p in problems if p.code == "footnote-mark")
    assert footnote.message("en") == ("'2651.3①' has the footnote mark '①' after its number: "
                                      "remove the mark and put the note in the note column")


# -- rows of other statistics and misspelt names ----------------------------------------------


def ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, normalise_label(a), normalise_label(b)).ratio()


def test_the_cut_off_between_a_misspelling_and_other_statistics(
    registry: IndicatorRegistry
) -> None:
    matcher = LabelMatcher(registry)
    # Just at the cut-off: a misspelling.
    assert ratio("工程装备赛道收入", "工程建设赛道收入") == CLOSE_RATIO
    verdict = matcher.judge("工程装备赛道收入")
    assert (verdict.kind, verdict.shown, verdict.indicator) == (
        "close", "工程建设赛道收入", "revenue_engineering")
    # Just under it: other statistics.
    assert CLOSE_RATIO - 0.05 < ratio("专利数量统计值", "专利数量") < CLOSE_RATIO
    assert matcher.judge("专利数量统计值").kind == "far"
    assert matcher.judge("专精特新企业数").indicator == "specialised_sme_count"
    assert matcher.judge("地区生产总值").kind == "far"
    # Short names match only exactly: one character more makes another measure.
    assert ratio("利润率", "利润") >= CLOSE_RATIO
    assert matcher.judge("利润率").kind == "far"


def test_a_misspelt_row_is_one_error_per_row_and_other_rows_one_warning(
    make_workbook: MakeWorkbook, registry: IndicatorRegistry, railkpi: Any
) -> None:
    path = make_workbook({"数据": [
        ["指标", 2019, 2020, 2021, 2022, 2023, 2024],
        ["专精特新企业数", 50, 60, 70, 80, 90, 100],
        ["地区生产总值", 1, 2, 3, 4, 5, 6],
        ["第一产业", 1, 2, 3, 4, 5, 6],
        ["总收入", 2200, 2364.9, 2498.6, 2651.3, 2803.7, 2948.2],
    ]})
    run = railkpi("validate", path, "--format", "json", "--lang", "en")
    assert run.exit_code == 2
    problems = run.json()["problems"]
    assert [(p["code"], p["where"]) for p in problems] == [
        ("unknown-indicator", "数据!A2"), ("rows-ignored", None)]
    assert problems[0]["message"].endswith(
        "; did you mean '专精特新企业数量' (specialised_sme_count)?")
    assert problems[1]["message"] == ("sheet '数据': ignored, 2 rows naming no indicator railkpi "
                                      "knows: 地区生产总值 (数据!A3), 第一产业 (数据!A4)")


def test_a_sheet_of_other_statistics_is_read_with_its_plan_rows(
    make_workbook: MakeWorkbook, registry: IndicatorRegistry
) -> None:
    rows = [["指标", 2023, 2024]] + [[f"统计项目{n:04d}", n, n] for n in range(300)]
    rows.append(["总收入", 2803.7, 2948.2])
    data = read_workbook(make_workbook({"数据": rows}), registry)
    assert observed(data) == {("revenue_total", 2023): (2803.7, "数据!B302"),
                              ("revenue_total", 2024): (2948.2, "数据!C302")}
    (ignored,) = data.warnings
    assert ignored.code == "rows-ignored"
    assert "统计项目0000 (数据!A2)" in ignored.message("en")
    assert "… 300 in all" in ignored.message("en")
    assert "统计项目0020" not in ignored.message("en")  # 20 listed


def test_too_many_different_unknown_labels_refuse_the_sheet(
    make_workbook: MakeWorkbook, registry: IndicatorRegistry
) -> None:
    rows = [["指标", 2024]] + [[f"统计项目{n:05d}", n] for n in range(MAX_LABELS + 5)]
    problems = problems_of(make_workbook({"数据": rows}), registry)
    assert ("error", "too-many-unknown-rows", f"数据!A{MAX_LABELS + 2}") in codes_at(problems)


# -- yearbook layouts -------------------------------------------------------------------------


def test_two_tables_on_one_sheet_are_read_each_under_its_own_header(
    make_workbook: MakeWorkbook, registry: IndicatorRegistry
) -> None:
    path = make_workbook({"数据": [
        ["表1 产业规模"], ["指标", "单位", "2023年", "2024年"],
        ["总收入", "亿元", 2803.7, 2948.2], [], ["表2 研发（往年）"],
        ["项目", "单位", "2019年", "2020年"], ["研发费用", "亿元", 48, 56.8],
        ["序号", "指标", "年份", "数值"], [1, "企业数量", 2024, 228],
    ]})
    data = read_workbook(path, registry)
    assert observed(data) == {
        ("revenue_total", 2023): (2803.7, "数据!C3"), ("revenue_total", 2024): (2948.2, "数据!D3"),
        ("rd_expenditure", 2019): (48.0, "数据!C7"), ("rd_expenditure", 2020): (56.8, "数据!D7"),
        ("enterprise_count", 2024): (228.0, "数据!D9"),
    }


@pytest.mark.parametrize(
    ("rows", "cell"),
    [
        # the header one cell right of its data: 2364.9 stands under no header
        ([["指标", None, 2020, 2021], ["总收入", 2364.9, 2498.6, 2651.3]], "数据!B2"),
        # the data one cell right of the header: the last figure is under no header
        ([["指标", 2020, 2021], ["总收入", None, 2364.9, 2498.6]], "数据!D2"),
        # a stray figure after the last year
        ([["指标", 2020, 2021], ["总收入", 2364.9, 2498.6, None, "2651.3"]], "数据!E2"),
    ],
)
def test_a_number_under_no_header_is_an_error(make_workbook: MakeWorkbook,
                                              registry: IndicatorRegistry, rows: list[Any],
                                              cell: str) -> None:
    assert codes_at(problems_of(make_workbook({"数据": rows}), registry)) == {
        ("error", "unheaded-value", cell)}


def test_a_stray_year_left_of_the_indicators_is_no_year_column(
    make_workbook: MakeWorkbook, registry: IndicatorRegistry
) -> None:
    path = make_workbook({"数据": [[2024, "指标", 2022, 2023], [None, "总收入", 2651.3, 2803.7]]})
    data = read_workbook(path, registry)
    assert observed(data) == {("revenue_total", 2022): (2651.3, "数据!C2"),
                              ("revenue_total", 2023): (2803.7, "数据!D2")}
    assert codes_at(data.warnings) == {("warning", "column-ignored", "数据!A1")}


def test_text_under_no_header_and_numbers_in_other_rows_are_no_error(
    make_workbook: MakeWorkbook, registry: IndicatorRegistry
) -> None:
    path = make_workbook({"数据": [["序号", "指标", 2020, 2021, None],
                                   [1, "总收入", 2364.9, 2498.6, "初步"],
                                   [2, "地区生产总值", 5, 6, 7]]})
    data = read_workbook(path, registry)
    assert set(observed(data)) == {("revenue_total", 2020), ("revenue_total", 2021)}


# -- hidden and duplicate sheets ----------------------------------------------------------


@pytest.mark.parametrize(("state", "words"), [("hidden", "is hidden"),
                                              ("veryHidden", "is very hidden")])
def test_data_on_a_hidden_sheet_is_read_with_a_warning(
    tmp_path: Path, registry: IndicatorRegistry, state: str, words: str
) -> None:
    book = workbook({"可见": [WIDE, ["总收入", "亿元", 2651.3, 2803.7, 2948.2]],
                     "隐藏": [["指标", 2021], ["企业数量", 190]]})
    book["隐藏"].sheet_state = state
    path = tmp_path / "data.xlsx"
    book.save(path)
    data = read_workbook(path, registry)
    assert observed(data)[("enterprise_count", 2021)] == (190.0, "隐藏!B2")
    (hidden,) = data.warnings
    assert (hidden.code, hidden.severity) == ("hidden-sheet", "warning")
    assert f"sheet '隐藏' {words}" in hidden.message("en")


def test_two_sheets_of_one_name_are_an_error(tmp_path: Path, registry: IndicatorRegistry) -> None:
    parts = saved(workbook({"数据": [WIDE, ["总收入", "亿元", 1, 2, 3]],
                            "其他": [WIDE, ["总收入", "亿元", 4, 5, 6]]}), tmp_path / "a.xlsx")
    xml = parts["xl/workbook.xml"].replace("其他".encode(), "数据".upper().encode())
    path = repacked(tmp_path / "data.xlsx", parts, {"xl/workbook.xml": xml})
    problems = problems_of(path, registry)
    assert [(p.code, p.message("en")) for p in problems] == [(
        "duplicate-sheet", "the workbook has two sheets named '数据' (sheet names ignore case), "
        "so which one to read cannot be told: the file is damaged or crafted")]


# -- percent cells ----------------------------------------------------------------------------


def percent_book(path: Path) -> dict[str, bytes]:
    book = workbook({"数据": [WIDE, ["自主化配套比重", "%", None, 0.163, "0.17"]]})
    book["数据"]["D2"].number_format = "0.00%"
    book["数据"]["E2"].number_format = "0.00%"  # a percent format on text: not a percentage
    book["数据"]["C2"].font = Font(bold=True)  # written, empty: positions count by order
    return saved(book, path)


def test_a_percent_cell_is_a_percentage_wherever_the_styles_are(
    tmp_path: Path, registry: IndicatorRegistry
) -> None:
    parts = percent_book(tmp_path / "a.xlsx")
    assert observed(read_workbook(tmp_path / "a.xlsx", registry))[
        ("domestic_supply_share", 2023)] == (16.3, "数据!D2")
    # styles.xml moved, as the package's relationships allow
    moved = {"xl/styles.xml": None, "xl/theme/formats.xml": parts["xl/styles.xml"],
             "xl/_rels/workbook.xml.rels": parts["xl/_rels/workbook.xml.rels"].replace(
                 b'Target="styles.xml"', b'Target="theme/formats.xml"').replace(
                 b'Target="/xl/styles.xml"', b'Target="/xl/theme/formats.xml"'),
             "[Content_Types].xml": parts["[Content_Types].xml"].replace(
                 b"/xl/styles.xml", b"/xl/theme/formats.xml")}
    assert moved["xl/_rels/workbook.xml.rels"] != parts["xl/_rels/workbook.xml.rels"]
    path = repacked(tmp_path / "moved.xlsx", parts, moved)
    data = read_workbook(path, registry)
    assert observed(data)[("domestic_supply_share", 2023)] == (16.3, "数据!D2")
    assert observed(data)[("domestic_supply_share", 2024)] == (0.17, "数据!E2")
    # cells and the row without references: positions by order
    part = sheet_part(parts, "数据")
    unreferenced = without_references(parts[part], 2)
    assert b' r="D2"' not in unreferenced
    data = read_workbook(repacked(tmp_path / "norefs.xlsx", parts, {part: unreferenced}),
                         registry)
    assert observed(data)[("domestic_supply_share", 2023)] == (16.3, "数据!D2")


def test_a_percent_cell_in_a_workbook_of_shared_strings(tmp_path: Path,
                                                        registry: IndicatorRegistry) -> None:
    """As Excel writes it: every text a shared string, the number a styled <v>."""
    parts = percent_book(tmp_path / "a.xlsx")
    part = sheet_part(parts, "数据")
    table: list[bytes] = []

    def shared(match: re.Match[bytes]) -> bytes:
        table.append(b"<si><t>" + match.group(3) + b"</t></si>")
        return b'<c r="%s"%s t="s"><v>%d</v></c>' % (match.group(1), match.group(2) or b"",
                                                       len(table) - 1)

    sheet = re.sub(rb'<c r="([A-Z]+\d+)"( s="\d+")? t="inlineStr"><is><t>([^<]*)</t></is></c>',
                   shared, parts[part])
    strings = (b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/'
               b'spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (len(table), len(table))
               + b"".join(table) + b"</sst>")
    types = parts["[Content_Types].xml"].replace(b"</Types>", (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
        b'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'))
    rels = parts["xl/_rels/workbook.xml.rels"].replace(b"</Relationships>", (
        b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'))
    path = repacked(tmp_path / "shared.xlsx", parts, {
        part: sheet, "xl/sharedStrings.xml": strings, "[Content_Types].xml": types,
        "xl/_rels/workbook.xml.rels": rels})
    assert b'<is>' not in sheet
    assert observed(read_workbook(path, registry))[("domestic_supply_share", 2023)] == (
        16.3, "数据!D2")
