"""A year cell Excel stores as a date formatted to show the year alone (`yyyy`, `yyyy"年"`, `e`)
is read as the year it shows, by both readers, in wide headers and long year columns. A date
that shows more than its year (2023/1/1), or a two-digit year ("23"), stays refused or ignored
with its warning, as a year written so would be."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from conftest import codes_at
from railkpi.plans.loader import load_plans
from railkpi.plans.registry import IndicatorRegistry, merge_plans
from railkpi.problems import InputError, Problem
from railkpi.read.cells import CellError, parse_year
from railkpi.read.guard.styles import is_date_format, is_percent_format, is_scaled_format
from railkpi.read.workbook import WorkbookData, read_workbook
from railkpi.read.year_format import shown_year_text, year_pattern

REVENUE = "轨道交通产业总收入"
ENGINES = ["calamine", "openpyxl"]
#: Formats that show a date's year alone, in four digits.
YEAR_FORMATS = ["yyyy", 'yyyy"年"', "YYYY", "yyy", "e", 'e"年"', 'e"年度"', "yyyy年",
                '[$-804]yyyy"年"', "[$-zh-CN]e", "[$-409]yyyy", "yyyy;@", '[Red]yyyy"年"',
                "\\ yyyy", "yyyy_)", "*\\ yyyy"]
#: Formats that show more than the year, a two-digit year, or another calendar's year.
NOT_YEAR_FORMATS = ["yyyy/m/d", "yyyy-mm-dd", 'yyyy"年"m"月"', "mmm yyyy", "yyyy hh:mm", "yy",
                    'yy"年"', "y", "[$-411]e", "[$-ja-JP]e", "[$-th-TH]e", "[$-404]e",
                    "[$-F800]yyyy", "[$-3000411]yyyy", "B2yyyy", "ggge", "bbbb",
                    "[DBNum1]yyyy", "[>0]yyyy", '"FY"yyyy', "yyyy AM/PM", "General", "0"]

Row = list[Any]


@pytest.fixture(scope="module")
def registry() -> IndicatorRegistry:
    return merge_plans(load_plans(["14th-fyp", "2023-2025"]))


def build(path: Path, rows: list[Row], date1904: bool = False) -> Path:
    """A one-sheet workbook (数据); a cell given as (value, format) gets that number format."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "数据"
    if date1904:
        workbook.epoch = CALENDAR_MAC_1904
    for r, row in enumerate(rows, start=1):
        for c, given_value in enumerate(row, start=1):
            cell = sheet.cell(r, c)
            if isinstance(given_value, tuple):
                cell.value, cell.number_format = given_value
            else:
                cell.value = given_value
    workbook.save(path)
    return path


def read(path: Path, registry: IndicatorRegistry, engine: str) -> WorkbookData:
    return read_workbook(path, registry, engine=engine)  # type: ignore[arg-type]


def problems(path: Path, registry: IndicatorRegistry, engine: str) -> tuple[Problem, ...]:
    with pytest.raises(InputError) as caught:
        read(path, registry, engine)
    return caught.value.problems


def revenue(data: WorkbookData) -> dict[int, float]:
    return {o.year: o.value for o in data.observations if o.indicator == "revenue_total"}


def ignored(data: WorkbookData) -> set[str | None]:
    return {w.where for w in data.warnings if w.code == "column-ignored"}


def year_header(year: int, code: str) -> tuple[dt.datetime, str]:
    return dt.datetime(year, 1, 1), code


# -- the wide layout: year headers ------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("code", YEAR_FORMATS)
def test_a_wide_header_date_shown_as_its_year_is_that_year(
        code: str, engine: str, tmp_path: Path, registry: IndicatorRegistry) -> None:
    # The analyst sees 指标 | 2022 | 2023: both years are read, none is dropped.
    path = build(tmp_path / "wide.xlsx", [
        ["指标", year_header(2022, code), year_header(2023, code)],
        [REVENUE, 2651.3, 2803.7]])
    data = read(path, registry, engine)
    assert revenue(data) == {2022: 2651.3, 2023: 2803.7}
    assert ignored(data) == set()


@pytest.mark.parametrize("engine", ENGINES)
def test_a_header_date_in_the_middle_of_the_year_is_the_year_it_shows(
        engine: str, tmp_path: Path, registry: IndicatorRegistry) -> None:
    path = build(tmp_path / "wide.xlsx", [
        ["指标", 2022, (dt.datetime(2023, 6, 30, 12, 0), 'yyyy"年"')],
        [REVENUE, 2651.3, 2803.7]])
    assert revenue(read(path, registry, engine)) == {2022: 2651.3, 2023: 2803.7}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("code", NOT_YEAR_FORMATS)
def test_a_header_date_that_shows_more_than_four_digits_of_year_is_ignored_as_now(
        code: str, engine: str, tmp_path: Path, registry: IndicatorRegistry) -> None:
    # 2023/1/1, 23 or 令和5 is no year header: the column is not read, and said so.
    path = build(tmp_path / "wide.xlsx", [
        ["指标", 2022, year_header(2023, code)],
        [REVENUE, 2651.3, 2803.7]])
    data = read(path, registry, engine)
    assert revenue(data) == {2022: 2651.3}
    assert ignored(data) == {"数据!C1"}


@pytest.mark.parametrize("engine", ENGINES)
def test_a_year_format_on_a_number_shows_the_date_of_that_serial(
        engine: str, tmp_path: Path, registry: IndicatorRegistry) -> None:
    # The number 2023 formatted `e` shows 1905 (day 2023 after 1899-12-30): not the year 2023.
    path = build(tmp_path / "wide.xlsx", [
        ["指标", 2022, (2023, "e")], [REVENUE, 2651.3, 2803.7]])
    data = read(path, registry, engine)
    assert revenue(data) == {2022: 2651.3}
    assert ignored(data) == {"数据!C1"}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("code", ["yyyy", "e"])
def test_the_1904_date_system_shows_the_same_year(
        code: str, engine: str, tmp_path: Path, registry: IndicatorRegistry) -> None:
    # Stored as days since 1904-01-01, 2023-01-01 is serial 43465, not 44927: read as 1900-based,
    # an `e` header would show 2018.
    path = build(tmp_path / "wide.xlsx", [
        ["指标", year_header(2022, code), year_header(2023, code)],
        [REVENUE, 2651.3, 2803.7]], date1904=True)
    assert revenue(read(path, registry, engine)) == {2022: 2651.3, 2023: 2803.7}


@pytest.mark.parametrize("engine", ENGINES)
def test_a_date_shown_as_a_year_in_a_second_table_header_is_read(
        engine: str, tmp_path: Path, registry: IndicatorRegistry) -> None:
    path = build(tmp_path / "wide.xlsx", [
        ["指标", 2022], ["企业数量", 200], [None],
        ["指标", year_header(2023, 'yyyy"年"')], [REVENUE, 2803.7]])
    data = read(path, registry, engine)
    assert revenue(data) == {2023: 2803.7}
    assert ignored(data) == set()


# -- the long layout: year cells ------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("code", ["yyyy", 'yyyy"年度"', 'e"年"'])
def test_a_long_year_date_shown_as_its_year_is_that_year(
        code: str, engine: str, tmp_path: Path, registry: IndicatorRegistry) -> None:
    path = build(tmp_path / "long.xlsx", [
        ["指标", "年份", "数值"],
        [REVENUE, year_header(2022, code), 2651.3],
        [REVENUE, (dt.datetime(2023, 12, 31), code), 2803.7]])
    data = read(path, registry, engine)
    assert revenue(data) == {2022: 2651.3, 2023: 2803.7}
    assert not data.warnings


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("code", "found"), [("yy", "23"), ('yy"年"', "23年")])
def test_a_long_year_shown_in_two_digits_is_refused_as_it_shows(
        code: str, found: str, engine: str, tmp_path: Path,
        registry: IndicatorRegistry) -> None:
    path = build(tmp_path / "long.xlsx", [
        ["指标", "年份", "数值"], [REVENUE, 2022, 2651.3],
        [REVENUE, year_header(2023, code), 2803.7]])
    found_problems = problems(path, registry, engine)
    assert codes_at(found_problems) == {("error", "bad-year", "数据!B3")}
    # The message quotes what the analyst sees, not the date stored.
    assert f"'{found}'" in found_problems[0].message("en")
    assert f"“{found}”" in found_problems[0].message("zh")


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("code", ["yyyy/m/d", 'yyyy"年"m"月"d"日"', "[$-411]e", "mmm yyyy"])
def test_a_long_year_that_shows_a_full_date_is_refused_as_now(
        code: str, engine: str, tmp_path: Path, registry: IndicatorRegistry) -> None:
    path = build(tmp_path / "long.xlsx", [
        ["指标", "年份", "数值"], [REVENUE, 2022, 2651.3],
        [REVENUE, year_header(2023, code), 2803.7]])
    assert codes_at(problems(path, registry, engine)) == {
        ("error", "bad-year" if code != "[$-411]e" else "year-out-of-range", "数据!B3")}


@pytest.mark.parametrize("engine", ENGINES)
def test_both_readers_name_a_refused_date_alike(engine: str, tmp_path: Path,
                                                registry: IndicatorRegistry) -> None:
    path = build(tmp_path / "long.xlsx", [
        ["指标", "年份", "数值"], [REVENUE, year_header(2023, "yyyy/m/d"), 2803.7]])
    message = problems(path, registry, engine)[0].message("en")
    assert "'2023-01-01'" in message and "00:00" not in message


@pytest.mark.parametrize("engine", ENGINES)
def test_a_long_year_number_formatted_as_a_year_shows_its_serials_year(
        engine: str, tmp_path: Path, registry: IndicatorRegistry) -> None:
    path = build(tmp_path / "long.xlsx", [
        ["指标", "年份", "数值"], [REVENUE, (2023, "yyyy"), 2803.7]])
    found = problems(path, registry, engine)
    assert codes_at(found) == {("error", "year-out-of-range", "数据!B2")}
    assert "1905" in found[0].message("en")


# -- the formats themselves ------------------------------------------------------------------


@pytest.mark.parametrize("code", YEAR_FORMATS)
def test_formats_that_show_the_year_alone_show_four_digits(code: str) -> None:
    shown = shown_year_text(dt.date(2023, 1, 1), code)
    assert shown is not None and parse_year(shown) == 2023


@pytest.mark.parametrize("code", NOT_YEAR_FORMATS)
def test_formats_that_show_more_or_less_are_no_year(code: str) -> None:
    shown = shown_year_text(dt.date(2023, 1, 1), code)
    if shown is not None:  # yy: a year as it shows, refused as a year written "23" is
        with pytest.raises(CellError):
            parse_year(shown)


def test_what_year_formats_show() -> None:
    assert shown_year_text(dt.date(2023, 1, 1), 'yy"年"') == "23年"
    assert shown_year_text(dt.date(2023, 1, 1), "yyyy/m/d") is None
    assert shown_year_text(44927, "e") == "2023"  # serial 44927 is 2023-01-01
    assert shown_year_text(43465, "e", date1904=True) == "2023"
    assert shown_year_text(44926.99, "yyyy") == "2022"  # 2022-12-31 23:45
    assert shown_year_text("2023", "yyyy") is None
    assert shown_year_text(-1, "yyyy") is None and shown_year_text(0.5, "yyyy") is None
    assert shown_year_text(float("inf"), "yyyy") is None
    assert shown_year_text(10**12, "yyyy") is None
    assert year_pattern("yyyy") == ("yyyy",)
    assert year_pattern("[$-F800]dddd, mmmm dd, yyyy") is None


def test_every_reading_of_a_format_takes_an_escaped_character_as_it_is() -> None:
    # Excel escapes one character with \ or !: yyyy!年 shows 2023年; 0!% shows 5% without
    # multiplying by 100; 0!d shows a digit and a d, no day
    assert year_pattern("yyyy!年") == year_pattern("yyyy\\年") == ("yyyy", "年")
    assert not is_percent_format("0!%") and not is_percent_format("0\\%")
    assert is_percent_format("0.0%")
    assert not is_date_format("0!d") and is_date_format("yyyy-mm-dd")
    assert is_scaled_format('0!.0000"万"') and not is_scaled_format("0!,")


@given(st.dates(min_value=dt.date(1949, 1, 1), max_value=dt.date(2100, 12, 31)),
       st.sampled_from(YEAR_FORMATS), st.booleans())
def test_a_date_and_its_serial_show_the_same_year(day: dt.date, code: str,
                                                  date1904: bool) -> None:
    epoch = dt.date(1904, 1, 1) if date1904 else dt.date(1899, 12, 30)
    serial = (day - epoch).days
    from_date = shown_year_text(day, code, date1904)
    assert from_date is not None and parse_year(from_date) == day.year
    assert shown_year_text(serial, code, date1904) == from_date
    assert shown_year_text(serial + 0.999, code, date1904) == from_date
