"""Silent misreads of real workbooks, each read as a careful analyst reads the sheet — or
refused, or warned about, naming the cell: a table's unit given in a note above it, a total
row in a roster, figures in hidden rows and columns, shares written as fractions."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import codes_at, problems_of
from railkpi.plans.loader import load_plans
from railkpi.plans.registry import IndicatorRegistry, merge_plans
from railkpi.problems import InputError
from railkpi.read.guard.styles import is_scaled_format
from railkpi.read.unit_notes import note_unit
from railkpi.read.workbook import WorkbookData, read_workbook

MakeWorkbook = Callable[..., Path]
REVENUE = "轨道交通产业总收入"
#: 2021-2023 revenue in 万元, and what the plans keep it in, 亿元 (÷ 10,000).
IN_WAN = [24986000, 26513000, 28037000]
IN_YI = [2498.6, 2651.3, 2803.7]


@pytest.fixture(scope="module")
def registry() -> IndicatorRegistry:
    return merge_plans(load_plans(["14th-fyp", "2023-2025"]))


def figures(data: WorkbookData, indicator: str) -> dict[int, tuple[float, str | None]]:
    return {o.year: (o.value, o.unit) for o in data.observations if o.indicator == indicator}


# -- a table's unit in a note above it -----------------------------------------------------------


@pytest.mark.parametrize("text, unit", [
    ("单位：万元", "万元"), ("单位:万元", "万元"), ("金额单位：亿元", "亿元"),
    ("2023年丰台区轨道交通产业主要指标（单位：万元）", "万元"), ("注：单位为万元", "万元"),
    ("Unit: 10k CNY", "10k CNY"), ("(units: 100M CNY)", "100M CNY"), ("单 位：万元", "万元"),
    ("填报单位：丰台区统计局    单位：万元", "万元"), ("计量单位：亿元", "亿元"),
    ("单位：家", "家"), ("单位：万元、家", "万元、家"),
])
def test_a_note_states_its_unit(text: str, unit: str) -> None:
    assert note_unit(text) == unit


@pytest.mark.parametrize("text", ["表1 主要指标", "规模以上单位数", "统计单位名称", "unit price",
                                  "community", "填报单位：丰台区统计局", "单位：丰台区统计局",
                                  "报送单位为区经信局"])
def test_other_text_states_no_unit(text: str) -> None:
    assert note_unit(text) is None


@pytest.mark.parametrize("title", [
    [[None, None, None, "单位：万元"]],
    [["2023年丰台区轨道交通产业主要指标（单位：万元）"]],
    [["表1 主要指标"], ["单位：万元"], ["（按现价计算）"]],
    [["填报单位：丰台区统计局", None, None, "单位：万元"]],
])
def test_a_unit_note_above_a_wide_table_is_its_unit(
        title: list[list[Any]], make_workbook: MakeWorkbook, registry: IndicatorRegistry
) -> None:
    rows = [*title, ["指标", "2021", "2022", "2023"], [REVENUE, *IN_WAN]]
    data = read_workbook(make_workbook({"数据": rows}), registry)
    # 28,037,000 万元 is 2,803.7 亿元, not 28,037,000 亿元
    assert figures(data, "revenue_total") == {
        2021: (2498.6, "万元"), 2022: (2651.3, "万元"), 2023: (2803.7, "万元")}
    assert not data.warnings


def test_a_unit_note_above_a_long_table_is_its_unit(make_workbook: MakeWorkbook,
                                                    registry: IndicatorRegistry) -> None:
    rows = [["Unit: 10k CNY"], ["指标", "年份", "数值"], [REVENUE, 2023, 12345.6]]
    data = read_workbook(make_workbook({"数据": rows}), registry)
    assert figures(data, "revenue_total") == {2023: (1.23456, "10k CNY")}


def test_a_unit_in_the_indicator_header_is_the_tables_unit(
        make_workbook: MakeWorkbook, registry: IndicatorRegistry) -> None:
    rows = [["指标（万元）", "2021", "2022", "2023"], [REVENUE, *IN_WAN]]
    data = read_workbook(make_workbook({"数据": rows}), registry)
    assert {year: value for year, (value, _) in figures(data, "revenue_total").items()} == {
        2021: 2498.6, 2022: 2651.3, 2023: 2803.7}


def test_a_unit_column_and_a_row_label_win_over_the_note(
        make_workbook: MakeWorkbook, registry: IndicatorRegistry) -> None:
    rows = [["单位：万元"], ["指标", "单位", "2022", "2023"],
            [REVENUE, "亿元", 2651.3, 2803.7], ["企业数量", "家", 210, 228],
            ["利润总额（亿元）", None, 150.5, 160.25], ["研发费用", None, 1200000, 1350000]]
    data = read_workbook(make_workbook({"数据": rows}), registry)
    assert figures(data, "revenue_total") == {2022: (2651.3, "亿元"), 2023: (2803.7, "亿元")}
    assert figures(data, "enterprise_count") == {2022: (210, "家"), 2023: (228, "家")}
    assert figures(data, "profit_total") == {2022: (150.5, "亿元"), 2023: (160.25, "亿元")}
    assert figures(data, "rd_expenditure") == {2022: (120, "万元"), 2023: (135, "万元")}


def test_a_note_of_money_on_a_count_without_its_unit_is_an_error(
        make_workbook: MakeWorkbook, registry: IndicatorRegistry) -> None:
    rows = [["单位：万元"], ["指标", "2023"], [REVENUE, 28037000], ["企业数量", 228]]
    problems = problems_of(make_workbook({"数据": rows}), registry)
    assert codes_at(problems) == {("error", "wrong-unit-kind", "数据!A1")}


def test_each_stacked_table_has_the_unit_noted_above_it(
        make_workbook: MakeWorkbook, registry: IndicatorRegistry) -> None:
    rows = [["指标", "2022", "2023"], [REVENUE, 2651.3, 2803.7], [None], ["表2 利润"],
            ["单位：万元"], ["指标", "2022", "2023"], ["利润总额", 1505000, 1602500]]
    data = read_workbook(make_workbook({"数据": rows}), registry)
    assert figures(data, "revenue_total") == {2022: (2651.3, None), 2023: (2803.7, None)}
    assert figures(data, "profit_total") == {2022: (150.5, "万元"), 2023: (160.25, "万元")}


@pytest.mark.parametrize("rows, where", [
    ([["指标", "2023"], [REVENUE, 28037000], ["注：单位为万元"]], "数据!A3"),
    ([["指标", "2023"], ["单位：万元"], [REVENUE, 28037000]], "数据!A2"),
])
def test_a_unit_note_not_above_a_header_is_an_error(
        rows: list[list[Any]], where: str, make_workbook: MakeWorkbook,
        registry: IndicatorRegistry) -> None:
    problems = problems_of(make_workbook({"数据": rows}), registry)
    assert codes_at(problems) == {("error", "unit-note-below", where)}
    assert "万元" in problems[0].message("en")


def test_a_note_column_saying_unit_is_no_table_note(make_workbook: MakeWorkbook,
                                                   registry: IndicatorRegistry) -> None:
    rows = [["2023年主要指标"], ["指标", "年份", "数值", "备注"],
            [REVENUE, 2023, 2803.7, "单位：亿元，初步核算"]]
    data = read_workbook(make_workbook({"数据": rows}), registry)
    assert figures(data, "revenue_total") == {2023: (2803.7, None)}
    assert not data.warnings


# -- a total row in a roster -----------------------------------------------------------------------

ROSTER_HEADER = ["序号", "企业名称", "年份", "营业收入（万元）", "细分赛道"]
FIRMS = [[1, "甲轨道公司", 2024, 50000, "工程建设"], [2, "乙供电公司", 2024, 30000, "牵引供电"]]


@pytest.mark.parametrize("total", ["合计", "总计", "合　计", "小计", "全区合计", "其中：工程建设",
                                   "Total", "SUBTOTAL", "Grand total", "合计（2家）"])
def test_a_total_row_in_a_roster_is_no_firm(total: str, make_workbook: MakeWorkbook,
                                            registry: IndicatorRegistry) -> None:
    rows = [ROSTER_HEADER, *FIRMS, [None, total, 2024, 80000, "其他"]]
    data = read_workbook(make_workbook({"企业名录": rows}), registry)
    derived = {o.indicator: o.value for o in data.observations if o.year == 2024}
    # two firms, 5 + 3 亿元: the 8 亿元 of the total row is neither a firm nor its revenue
    assert derived["enterprise_count"] == 2
    assert derived["enterprises_rev_ge_1yi"] == 2
    assert derived["revenue_engineering"] == 5
    assert codes_at(data.warnings) == {("warning", "roster-total-row", "企业名录!B4")}
    shown = unicodedata.normalize("NFKC", total).replace(" ", "")
    assert shown in data.warnings[0].message("zh").replace(" ", "")


def test_a_total_row_without_a_segment_column_is_no_firm(make_workbook: MakeWorkbook,
                                                        registry: IndicatorRegistry) -> None:
    rows = [["企业名称", "年份", "营业收入（万元）"], ["甲轨道公司", 2024, 50000],
            ["乙供电公司", 2024, 30000], ["合计", 2024, 80000]]
    data = read_workbook(make_workbook({"企业名录": rows}), registry)
    assert {o.indicator: o.value for o in data.observations}["enterprise_count"] == 2
    assert codes_at(data.warnings) == {("warning", "roster-total-row", "企业名录!A4")}


@pytest.mark.parametrize("name", ["合力轨道公司", "总计划设备厂", "TotalEnergies 轨道",
                                  "Sum Rail Ltd", "小计量仪器公司"])
def test_firms_whose_names_start_like_a_total_are_firms(name: str, make_workbook: MakeWorkbook,
                                                         registry: IndicatorRegistry) -> None:
    rows = [ROSTER_HEADER, *FIRMS, [3, name, 2024, 80000, "其他"]]
    data = read_workbook(make_workbook({"企业名录": rows}), registry)
    assert {o.indicator: o.value for o in data.observations}["enterprise_count"] == 3
    assert not data.warnings


def test_a_total_row_in_a_large_roster_is_found_on_the_fast_path(
        make_workbook: MakeWorkbook, registry: IndicatorRegistry) -> None:
    firms = [[i, f"企业{i:05}", 2024, 20000, "工程建设"] for i in range(1, 3001)]
    rows = [ROSTER_HEADER, *firms, [None, "合计", 2024, 20000 * 3000, "其他"]]
    data = read_workbook(make_workbook({"企业名录": rows}), registry)
    derived = {o.indicator: o.value for o in data.observations}
    assert derived["enterprise_count"] == 3000
    assert derived["revenue_engineering"] == 6000
    assert codes_at(data.warnings) == {("warning", "roster-total-row", "企业名录!B3002")}


# -- hidden rows and columns -----------------------------------------------------------------------

WIDE_ROWS = [["指标", "单位", "2022", "2023"], [REVENUE, "亿元", 2651.3, 2803.7],
             ["研发人员", "人", 10500, 11480], ["利润总额", "亿元", 150.5, 160.25]]


def hidden_book(tmp_path: Path, rows: list[list[Any]], sheet: str = "数据",
                hidden_rows: tuple[int, ...] = (), hidden_columns: tuple[str, ...] = (),
                filtered: bool = False, padding: int = 0) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    page = book.active
    assert page is not None
    page.title = sheet
    for row in rows:
        page.append(row)
    for i in range(padding):  # rows of other statistics, to make the sheet's part large
        page.append([f"其他统计指标{i:05}", "个", i, i + 1])
    for number in hidden_rows:
        page.row_dimensions[number].hidden = True
    for letter in hidden_columns:
        page.column_dimensions[letter].hidden = True
    if filtered:
        page.auto_filter.ref = f"A1:D{len(rows)}"
    path = tmp_path / "hidden.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize("padding", [0, 900])  # the close look, and the large sheet's pass
def test_figures_in_a_hidden_row_are_read_with_a_warning(
        padding: int, tmp_path: Path, registry: IndicatorRegistry) -> None:
    path = hidden_book(tmp_path, WIDE_ROWS, hidden_rows=(3,), filtered=True, padding=padding)
    data = read_workbook(path, registry)
    assert figures(data, "rd_personnel") == {2022: (10500, "人"), 2023: (11480, "人")}
    assert [(p.code, p.where) for p in data.warnings if p.code != "rows-ignored"] == [
        ("hidden-cells", None)]
    message = next(p for p in data.warnings if p.code == "hidden-cells").message("en")
    assert "'数据'" in message and "row 3" in message and "column" not in message


def test_figures_in_a_hidden_column_are_read_with_a_warning(
        tmp_path: Path, registry: IndicatorRegistry) -> None:
    data = read_workbook(hidden_book(tmp_path, WIDE_ROWS, hidden_columns=("D",)), registry)
    assert figures(data, "revenue_total")[2023] == (2803.7, "亿元")
    message = next(p for p in data.warnings if p.code == "hidden-cells").message("zh")
    assert "隐藏的列 D有数据" in message and "行 " not in message


def test_an_empty_hidden_row_or_column_is_no_warning(tmp_path: Path,
                                                     registry: IndicatorRegistry) -> None:
    path = hidden_book(tmp_path, WIDE_ROWS, hidden_rows=(9,), hidden_columns=("F",))
    assert not read_workbook(path, registry).warnings


def test_firms_in_hidden_roster_rows_are_counted_with_a_warning(
        tmp_path: Path, registry: IndicatorRegistry) -> None:
    rows = [ROSTER_HEADER, *FIRMS, [3, "丙信号公司", 2024, 20000, "通信信号"]]
    data = read_workbook(hidden_book(tmp_path, rows, "企业名录", hidden_rows=(3, 4),
                                     filtered=True), registry)
    assert {o.indicator: o.value for o in data.observations}["enterprise_count"] == 3
    message = next(p for p in data.warnings if p.code == "hidden-cells").message("en")
    assert "rows 3, 4" in message


@pytest.mark.parametrize("attribute, looked_at", [
    ('hidden="false"', False), ('hidden="0"', False), ('hidden="1"', True),
    ("hidden='true'", True), ('customHeight="1"', False),
])
def test_the_byte_pass_looks_closer_only_at_rows_really_hidden(attribute: str,
                                                               looked_at: bool) -> None:
    """LibreOffice writes hidden="false" on every row: no reason for a large sheet's close
    look; hidden="1" is one."""
    from railkpi.read.guard.sheet_bytes import ByteScan

    rows = "".join(f'<row r="{n}" {attribute}><c r="A{n}"><v>{n}</v></c></row>'
                   for n in range(1, 2000))
    scan = ByteScan(False, frozenset())
    xml = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
           f'spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>').encode()
    for start in range(0, len(xml), 4096):
        scan.feed(xml[start:start + 4096])
    scan.finish()
    assert ("hidden" in scan.reasons) == looked_at


# -- a share written as a fraction -----------------------------------------------------------------

SHARE = "自主化配套比重"


def test_a_share_written_as_a_fraction_is_read_as_written_with_a_warning(
        make_workbook: MakeWorkbook, registry: IndicatorRegistry) -> None:
    rows = [["指标", "单位", "2022", "2023", "2024"], [SHARE, "%", 60, 0.62, "0.645"]]
    data = read_workbook(make_workbook({"数据": rows}), registry)
    assert figures(data, "domestic_supply_share") == {
        2022: (60, "%"), 2023: (0.62, "%"), 2024: (0.645, "%")}
    warned = [p for p in data.warnings if p.code == "percent-as-fraction"]
    assert len(warned) == 1
    message = warned[0].message("en")
    assert "数据!D2" in message and "数据!E2" in message and "C2" not in message


@pytest.mark.parametrize("cell, number_format", [
    (0.62, "0.0%"), ("62%", None), ("0.62%", None), (62, None), (0, None), (1.5, None)])
def test_a_share_in_percent_form_or_above_one_is_no_fraction(
        cell: Any, number_format: str | None, tmp_path: Path,
        registry: IndicatorRegistry) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    page = book.active
    assert page is not None
    page.append(["指标", "2023"])
    page.append([SHARE, cell])
    if number_format:
        page["B2"].number_format = number_format
    book.save(tmp_path / "share.xlsx")
    data = read_workbook(tmp_path / "share.xlsx", registry)
    assert not [p for p in data.warnings if p.code == "percent-as-fraction"]


def test_small_figures_of_other_units_are_no_fraction(make_workbook: MakeWorkbook,
                                                      registry: IndicatorRegistry) -> None:
    rows = [["指标", "单位", "2023"], [REVENUE, "亿元", 0.5], ["人均发明专利数", None, 0.8]]
    assert not read_workbook(make_workbook({"数据": rows}), registry).warnings


# -- a stray year left of the indicators, and the same year as a real column ---------------------


def test_a_stray_year_left_of_the_indicators_does_not_hide_the_real_year_column(
        make_workbook: MakeWorkbook, registry: IndicatorRegistry) -> None:
    rows = [["2023", "指标", "2022", "2023"], [1, REVENUE, 2651.3, 2803.7]]
    data = read_workbook(make_workbook({"数据": rows}), registry)
    assert figures(data, "revenue_total") == {2022: (2651.3, None), 2023: (2803.7, None)}
    assert codes_at(data.warnings) == {("warning", "column-ignored", "数据!A1")}


# -- a count that is not a whole number ------------------------------------------------------------


@pytest.mark.parametrize("cell", [228.4, "228.4", "228.4家", 0.5])
def test_a_count_that_is_not_whole_is_an_error(cell: Any, make_workbook: MakeWorkbook,
                                               registry: IndicatorRegistry) -> None:
    """A cell formatted "0" shows 228.4 as 228: a careful reader takes 228, railkpi would
    compute with 228.4 and print 228."""
    rows = [["指标", "年份", "数值"], ["企业数量", 2023, cell], ["企业数量", 2022, 210]]
    problems = problems_of(make_workbook({"数据": rows}), registry)
    assert codes_at(problems) == {("error", "not-whole-count", "数据!C2")}
    assert "228" in problems[0].message("en") or "0.5" in problems[0].message("en")


@pytest.mark.parametrize("label, cell", [("企业数量", 228.0), ("企业数量", "180余"),
                                         ("人均发明专利数", 0.85), ("研发人员", "11,480")])
def test_whole_counts_and_other_units_are_no_error(label: str, cell: Any,
                                                   make_workbook: MakeWorkbook,
                                                   registry: IndicatorRegistry) -> None:
    rows = [["指标", "年份", "数值"], [label, 2023, cell]]
    assert len(read_workbook(make_workbook({"数据": rows}), registry).observations) == 1


# -- a number format that shows another magnitude than the cell stores ---------------------------


@pytest.mark.parametrize("number_format", ['0!.0000"万"', '#,##0,', '0.0,,', '#,##0.0,"千"',
                                           '0"."0000'])
@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_a_format_showing_another_magnitude_is_an_error(
        number_format: str, engine: Any, tmp_path: Path, registry: IndicatorRegistry) -> None:
    """28,037,000 yuan shown as 2803.7000万 under a 万元 header: the reader sees 2803.7 万元,
    the cell holds 28,037,000 — which railkpi would read as 28,037,000 万元."""
    import openpyxl

    book = openpyxl.Workbook()
    page = book.active
    assert page is not None
    page.title = "数据"
    page.append(["指标", "年份", "数值（万元）"])
    page.append([REVENUE, 2023, 28037000])
    page.append([REVENUE, 2022, 2651.3])
    page["C2"].number_format = number_format
    book.save(tmp_path / "scaled.xlsx")
    with pytest.raises(InputError) as caught:
        read_workbook(tmp_path / "scaled.xlsx", registry, engine=engine)
    assert codes_at(caught.value.problems) == {("error", "scaled-format", "数据!C2")}


@pytest.mark.parametrize("number_format", ["#,##0", "#,##0.0", "0.00", '#,##0.0"万元"',
                                           '0.0;[Red]-0.0', "0.0_);(0.0)", '"约"0'])
def test_formats_showing_the_stored_number_are_no_error(number_format: str, tmp_path: Path,
                                                        registry: IndicatorRegistry) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    page = book.active
    assert page is not None
    page.append(["指标", "年份", "数值"])
    page.append([REVENUE, 2023, 2803.7])
    page["C2"].number_format = number_format
    book.save(tmp_path / "plain.xlsx")
    data = read_workbook(tmp_path / "plain.xlsx", registry)
    assert figures(data, "revenue_total") == {2023: (2803.7, None)}


@given(st.sampled_from(["0", "#,##0", "#,###", "?"]), st.sampled_from(["", ".0", ".00", ".#"]),
       st.integers(min_value=0, max_value=3),
       st.sampled_from(["", '"万元"', '" 亿元"', "_)", " ;[Red]-0"]))
def test_a_format_is_scaled_exactly_when_commas_follow_its_last_digit(
        integer: str, fraction: str, commas: int, suffix: str) -> None:
    assert is_scaled_format(integer + fraction + "," * commas + suffix) == (commas > 0)


@given(st.integers(min_value=1, max_value=6), st.sampled_from(["!.", '"."', "\\."]))
def test_a_literal_point_between_digits_is_scaled(digits: int, point: str) -> None:
    assert is_scaled_format("0" + point + "0" * digits + '"万"')
    assert not is_scaled_format("0" * digits + '"万"' + point)


def test_a_year_column_beside_a_long_tables_columns_is_said_to_be_ignored(
        make_workbook: MakeWorkbook, registry: IndicatorRegistry) -> None:
    rows = [["指标", "年份", "数值", "2024"], [REVENUE, 2023, 2803.7, 2943.9]]
    data = read_workbook(make_workbook({"数据": rows}), registry)
    assert figures(data, "revenue_total") == {2023: (2803.7, None)}
    assert codes_at(data.warnings) == {("warning", "column-ignored", "数据!D1")}
