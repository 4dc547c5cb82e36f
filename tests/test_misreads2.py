"""Silent misreads of real workbooks, second round, each read as a careful analyst reads the
sheet — or refused, naming the cell: a unit note above the first of two tables, one firm listed
twice under two names with one credit code, a sheet whose stored dimension understates it."""

from __future__ import annotations

import re
import zipfile
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
from railkpi.read.roster import fast_path
from railkpi.read.roster.codes import code_key
from railkpi.read.roster.fast_path import code_keys
from railkpi.read.workbook import WorkbookData, read_workbook

MakeWorkbook = Callable[..., Path]
REVENUE = "轨道交通产业总收入"
PROFIT = "利润总额"


@pytest.fixture(scope="module")
def registry() -> IndicatorRegistry:
    return merge_plans(load_plans(["14th-fyp", "2023-2025"]))


def figures(data: WorkbookData, indicator: str) -> dict[int, tuple[float, str | None]]:
    return {o.year: (o.value, o.unit) for o in data.observations if o.indicator == indicator}


# -- a unit note above the first of two tables ----------------------------------------------------


@pytest.mark.parametrize("second_header", [["指标", "2023"], ["指标", "年份", "数值"]])
def test_money_without_a_unit_below_a_noted_table_is_an_error(
        second_header: list[str], make_workbook: MakeWorkbook,
        registry: IndicatorRegistry) -> None:
    # 单位：万元 at the top of the sheet: does it hold for the second table too? Read as 亿元,
    # 1,500,000 万元 of profit would be 1,500,000 亿元, ten thousand times too much.
    profit = [PROFIT, 1500000] if len(second_header) == 2 else [PROFIT, 2023, 1500000]
    rows = [["单位：万元"], ["指标", "2023"], [REVENUE, 28037000], [None],
            second_header, profit]
    problems = problems_of(make_workbook({"数据": rows}), registry)
    assert codes_at(problems) == {("error", "unit-note-unclear", "数据!A5")}
    message = problems[0].message("en")
    assert "数据!A1" in message and "万元" in message and PROFIT in problems[0].message("zh")


def test_a_second_table_with_its_own_unit_or_no_money_is_no_error(
        make_workbook: MakeWorkbook, registry: IndicatorRegistry) -> None:
    rows = [["单位：万元"], ["指标", "2023"], [REVENUE, 28037000], [None],
            ["指标", "单位", "2023"], [PROFIT, "万元", 1500000], [None],
            ["指标", "2023"], ["企业数量", 228], ["研发人员", 11480]]
    data = read_workbook(make_workbook({"数据": rows}), registry)
    assert figures(data, "revenue_total") == {2023: (2803.7, "万元")}
    assert figures(data, "profit_total") == {2023: (150.0, "万元")}
    assert figures(data, "enterprise_count") == {2023: (228.0, None)}
    assert not [w for w in data.warnings if w.code == "unit-note-unclear"]


def test_a_second_table_with_its_own_note_takes_it(make_workbook: MakeWorkbook,
                                                   registry: IndicatorRegistry) -> None:
    rows = [["单位：万元"], ["指标", "2023"], [REVENUE, 28037000], [None], ["单位：亿元"],
            ["指标", "2023"], [PROFIT, 150]]
    data = read_workbook(make_workbook({"数据": rows}), registry)
    assert figures(data, "revenue_total") == {2023: (2803.7, "万元")}
    assert figures(data, "profit_total") == {2023: (150.0, "亿元")}


def test_money_in_the_first_table_without_a_note_is_read_in_the_plans_unit(
        make_workbook: MakeWorkbook, registry: IndicatorRegistry) -> None:
    rows = [["指标", "2023"], [REVENUE, 2803.7], [None], ["指标", "2023"], [PROFIT, 150]]
    data = read_workbook(make_workbook({"数据": rows}), registry)
    assert figures(data, "profit_total") == {2023: (150.0, None)}


# -- one firm under two names with one credit code ------------------------------------------------

ROSTER = ["序号", "企业名称", "统一社会信用代码", "年份", "营业收入（万元）", "细分赛道"]
CODE = "91110106MA01ABCD1X"


@pytest.mark.parametrize("other_code", [CODE, "91110106ma01abcd1x", " 91110106 MA01 ABCD1X ",
                                        "９１１１０１０６ＭＡ０１ＡＢＣＤ１Ｘ"])
def test_one_credit_code_twice_in_a_year_is_one_firm_listed_twice(
        other_code: str, make_workbook: MakeWorkbook, registry: IndicatorRegistry) -> None:
    # 北京甲有限公司 and 北京甲有限责任公司 are one firm: counted twice, they add a firm and
    # 5 亿元 of revenue that are not there.
    rows = [ROSTER, [1, "北京甲有限公司", CODE, 2024, 50000, "工程建设"],
            [2, "北京乙公司", "91110106MA01ABCD2Y", 2024, 100, "工程建设"],
            [3, "北京甲有限责任公司", other_code, 2024, 50000, "工程建设"]]
    problems = problems_of(make_workbook({"企业名录": rows}), registry)
    assert codes_at(problems) == {("error", "roster-duplicate-code", "企业名录!C4")}
    message = problems[0].message("en")
    assert "企业名录!C2" in message and "北京甲有限公司" in message and "2024" in message


def test_a_credit_code_is_compared_across_roster_sheets(make_workbook: MakeWorkbook,
                                                        registry: IndicatorRegistry) -> None:
    first = [ROSTER, [1, "北京甲有限公司", CODE, 2024, 50000, "工程建设"]]
    second = [ROSTER, [1, "北京甲集团", CODE, 2024, 50000, "工程建设"]]
    problems = problems_of(make_workbook({"企业名录": first, "企业名单": second}), registry)
    assert codes_at(problems) == {("error", "roster-duplicate-code", "企业名单!C2")}


def test_one_credit_code_in_two_years_or_blank_codes_are_no_duplicate(
        make_workbook: MakeWorkbook, registry: IndicatorRegistry) -> None:
    rows = [ROSTER, [1, "北京甲有限公司", CODE, 2023, 40000, "工程建设"],
            [2, "北京甲有限责任公司", CODE.lower(), 2024, 50000, "工程建设"],
            [3, "北京乙公司", None, 2024, 300, "工程建设"],
            [4, "北京丙公司", "", 2024, 200, "工程建设"]]
    data = read_workbook(make_workbook({"企业名录": rows}), registry)
    assert figures(data, "enterprise_count") == {2023: (1.0, None), 2024: (3.0, None)}
    # 50,000 + 300 + 200 万元 = 5.05 亿元
    assert figures(data, "revenue_engineering") == {2023: (4.0, None), 2024: (5.05, None)}
    assert not [w for w in data.warnings if w.code in {"column-ignored", "roster-duplicate-code"}]


def test_a_credit_code_column_alone_does_not_make_a_roster(make_workbook: MakeWorkbook,
                                                           registry: IndicatorRegistry) -> None:
    rows = [["企业名称", "统一社会信用代码"], ["北京甲有限公司", CODE]]
    data_rows = [["指标", "2024"], ["企业数量", 228]]
    data = read_workbook(make_workbook({"数据": data_rows, "企业名录": rows}), registry)
    assert data.layouts == {"数据": "wide"}
    assert figures(data, "enterprise_count") == {2024: (228.0, None)}


@pytest.mark.parametrize("twin", [1, 4, 8])  # in the same chunk, the next one, a later one
def test_a_credit_code_twice_is_found_on_the_fast_path(
        twin: int, make_workbook: MakeWorkbook, registry: IndicatorRegistry,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fast_path, "CHUNK_ROWS", 3)
    rows: list[list[Any]] = [ROSTER] + [
        [i, f"示例企业{i:03d}", f"91110106MA{i:08d}", 2024, 1000, "工程建设"] for i in range(1, 10)]
    data = read_workbook(make_workbook({"企业名录": rows}), registry)
    assert figures(data, "enterprise_count") == {2024: (9.0, None)}
    rows[twin + 1][2] = "91110106-ma00000001"  # the first firm's code, spelt otherwise
    problems = problems_of(make_workbook({"企业名录": rows}, name="twin.xlsx"), registry)
    assert codes_at(problems) == {("error", "roster-duplicate-code", f"企业名录!C{twin + 2}")}
    assert "企业名录!C2" in problems[0].message("en")
    assert "示例企业001" in problems[0].message("en")


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_a_credit_code_is_found_again_in_its_own_year_across_sheets(
        engine: str, make_workbook: MakeWorkbook, registry: IndicatorRegistry,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Chunks of 3 rows with two years in each: 91110106MA00000004 is firm 004 in 2023 and
    # firm 005 in 2024 (rows 5 and 6: one firm, two years, no duplicate), and 另一企业 in 2024
    # on the next sheet — the twin of row 6 (2024), not of row 5 (2023).
    monkeypatch.setattr(fast_path, "CHUNK_ROWS", 3)
    rows: list[list[Any]] = [ROSTER] + [
        [i, f"示例企业{i:03d}", f"91110106MA{i:08d}", 2023 + i % 2, 1000, "工程建设"]
        for i in range(1, 10)]
    rows[5][2] = rows[4][2].lower()  # row 6, 2024: the code of row 5, 2023
    second = [ROSTER, [1, "乙企业", "91110106MA99999999", 2024, 1000, "工程建设"],
              [2, "另一企业", "91110106-MA0000-0004", 2024, 1000, "工程建设"]]
    with pytest.raises(InputError) as caught:
        read_workbook(make_workbook({"企业名录": rows, "企业名单": second}), registry,
                      engine=engine)  # type: ignore[arg-type]
    problems = caught.value.problems
    assert codes_at(problems) == {("error", "roster-duplicate-code", "企业名单!C3")}
    message = problems[0].message("en")
    assert "企业名录!C6" in message and "示例企业005" in message
    assert "企业名录!C5" not in message and "示例企业004" not in message


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_codes_that_differ_only_by_a_leading_zero_or_are_dashes_are_no_duplicate(
        engine: str, make_workbook: MakeWorkbook, registry: IndicatorRegistry) -> None:
    # 18 letters and digits are kept as a number: 0 in front of 17 characters must not make
    # them the same code. "-" is no code, twice or not, on either path.
    rows = [ROSTER, [1, "北京甲公司", "011110106MA01ABCD1", 2024, 100, "工程建设"],
            [2, "北京乙公司", "11110106MA01ABCD1", 2024, 200, "工程建设"],
            [3, "北京丙公司", "-", 2024, 300, "工程建设"],
            [4, "北京丁公司", "-", 2024, 400, "工程建设"]]
    data = read_workbook(make_workbook({"企业名录": rows}), registry,
                         engine=engine)  # type: ignore[arg-type]
    assert figures(data, "enterprise_count") == {2024: (4.0, None)}
    assert not [w for w in data.warnings if w.code == "roster-duplicate-code"]


@pytest.mark.parametrize("chunk_rows", [3, 65536])  # row by row (a short chunk), fast path
@pytest.mark.parametrize("mark", ["无", "/", "—", "不详", "N/A"])
def test_a_no_code_mark_twice_in_a_year_is_no_duplicate(
        mark: str, chunk_rows: int, make_workbook: MakeWorkbook, registry: IndicatorRegistry,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Two firms whose code is "not known" are two firms, not one listed twice.
    monkeypatch.setattr(fast_path, "CHUNK_ROWS", chunk_rows)
    rows = [ROSTER, [1, "北京甲公司", mark, 2024, 100, "工程建设"],
            [2, "北京乙公司", mark, 2024, 200, "工程建设"],
            [3, "北京丙公司", CODE, 2024, 300, "工程建设"]]
    data = read_workbook(make_workbook({"企业名录": rows}), registry)
    assert figures(data, "enterprise_count") == {2024: (3.0, None)}
    assert not [w for w in data.warnings if w.code == "roster-duplicate-code"]


CODE_TEXT = st.text(alphabet="0123456789ABCDEFabcdefＡ９- \u3000", max_size=20)


@given(st.lists(st.one_of(CODE_TEXT, st.from_regex(r"[0-9A-Za-z]{18}", fullmatch=True),
                          st.just("")), max_size=12))
def test_code_keys_is_code_key_of_each(values: list[str]) -> None:
    assert code_keys(values) == [code_key(value) for value in values]


def test_an_eighteen_character_code_is_kept_as_its_number_in_any_spelling() -> None:
    assert code_key("91110106MA01ABCD1X") == int("91110106ma01abcd1x", 36)
    assert code_key("９１１１０１０６ ma01-abcd1x") == int("91110106ma01abcd1x", 36)
    assert code_key("91110106MA01ABCD1") == "91110106ma01abcd1"  # 17: kept as text
    assert code_key("91110106MA01ABCD1_") == "91110106ma01abcd1_"


# -- a sheet whose stored dimension understates it ------------------------------------------------


def lying_dimension(path: Path, ref: str) -> Path:
    """The workbook at `path` rewritten with every sheet's <dimension> saying `ref`, as some
    programs that write xlsx leave it."""
    out = path.with_name("lying.xlsx")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(),
                              data)
            target.writestr(item, data)
    return out


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_both_readers_read_past_a_dimension_that_understates_the_sheet(
        engine: str, make_workbook: MakeWorkbook, registry: IndicatorRegistry) -> None:
    rows = [["指标", "2022", "2023", "2024"], [REVENUE, 2651.3, 2803.7, 2950.0],
            ["企业数量", 200, 214, 228]]
    path = lying_dimension(make_workbook({"数据": rows}), "A1:B2")
    with zipfile.ZipFile(path) as book:
        assert b'<dimension ref="A1:B2"' in book.read("xl/worksheets/sheet1.xml")
    data = read_workbook(path, registry, engine=engine)  # type: ignore[arg-type]
    assert figures(data, "revenue_total") == {
        2022: (2651.3, None), 2023: (2803.7, None), 2024: (2950.0, None)}
    assert figures(data, "enterprise_count") == {
        2022: (200.0, None), 2023: (214.0, None), 2024: (228.0, None)}


# -- two unit notes above one table ---------------------------------------------------------------


@pytest.mark.parametrize("notes, second", [
    ([["单位：万元"], ["单位：亿元"]], "数据!A2"),
    ([["表1 主要指标（单位：亿元）"], [None, None, "单位：万元"]], "数据!C2"),
])
def test_two_unit_notes_above_one_table_that_disagree_are_an_error(
        notes: list[list[Any]], second: str, make_workbook: MakeWorkbook,
        registry: IndicatorRegistry) -> None:
    # Which one holds? The last one was taken without a word.
    rows = [*notes, ["指标", "2023"], [REVENUE, 2803.7]]
    problems = problems_of(make_workbook({"数据": rows}), registry)
    assert codes_at(problems) == {("error", "unit-note-conflict", second)}
    assert "万元" in problems[0].message("en") and "亿元" in problems[0].message("en")


def test_two_unit_notes_between_tables_that_disagree_are_an_error(
        make_workbook: MakeWorkbook, registry: IndicatorRegistry) -> None:
    rows = [["指标", "2023"], ["企业数量", 228], [None], ["单位：亿元"], ["单位：万元"],
            ["指标", "2023"], [PROFIT, 150]]
    problems = problems_of(make_workbook({"数据": rows}), registry)
    assert codes_at(problems) == {("error", "unit-note-conflict", "数据!A5")}


def test_the_same_unit_noted_twice_is_one_note(make_workbook: MakeWorkbook,
                                               registry: IndicatorRegistry) -> None:
    rows = [["表1 主要指标（单位：万元）"], ["单位：万元"], ["指标", "2023"], [REVENUE, 28037000]]
    data = read_workbook(make_workbook({"数据": rows}), registry)
    assert figures(data, "revenue_total") == {2023: (2803.7, "万元")}
