"""Silent misreads of real workbooks, second round, each read as a careful analyst reads the
sheet — or refused, naming the cell: a unit note above the first of two tables, one firm listed
twice under two names with one credit code, a sheet whose stored dimension understates it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import codes_at, problems_of
from railkpi.plans.loader import load_plans
from railkpi.plans.registry import IndicatorRegistry, merge_plans
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
