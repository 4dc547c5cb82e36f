"""A yearbook table pasted as it is, with every reality of issue 9, read as a careful
statistician would: each behaviour asserted with its cell.

The workbook: two title rows and a blank row above a `项目 | 单位 | 2020年 … 2025年` header, a
row of other statistics (地区生产总值), a no-figure mark (—), a number with a space inside
(10 2.3), a percent-formatted cell in a row written without cell references, an Excel error
value (#DIV/0!), a stray 2025 figure and a 2020 enterprise count (143) that contradicts the
14th FYP's "180余". First it is refused, naming the two cells to fix; fixed, it is assessed as
of 2024, with warnings naming the rest.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl.styles import Font

from sheets import repacked, saved, sheet_part, without_references, workbook

HEADER = ["项目", "单位", "2020年", "2021年", "2022年", "2023年", "2024年", "2025年"]
ROWS: list[list[Any]] = [
    ["丰台区统计年鉴 2024"],  # row 1: title
    ["表 3-1 轨道交通产业主要指标"],  # row 2: title
    [],  # row 3
    HEADER,  # row 4
    ["地区生产总值", "亿元", 1500, 1600, 1700, 1800, 1900, None],  # 5: other statistics
    ["轨道交通产业总收入", "亿元", 2364.9, 2498.6, 2651.3, 2803.7, 2948.2, None],  # 6
    ["轨道交通企业数量", "家", 143, 190, 205, 215, 228, None],  # 7: 143 against 180余
    ["研发费用", "亿元", 56.8, "—", 70.2, "10 2.3", 110.0, None],  # 8: a mark, a space
    ["轨道交通特色产业园", "个", None, None, 2, 3, 3, 5],  # 9: a stray 2025 figure
    ["自主化配套比重", "%", None, None, None, None, 0.163, None],  # 10: 0.00%, no r=
    ["产业创新平台数量", "家", 22, 26, 30, "#DIV/0!", 37, None],  # 11: an error value
    ["注：2025年为预计数。"],  # 12: a note
]


def yearbook(path: Path, fixed: bool = False) -> Path:
    rows = [list(row) for row in ROWS]
    if fixed:
        rows[7][5], rows[10][5] = "102.3", 33
    book = workbook({"数据": rows})
    sheet = book["数据"]
    sheet["G10"].number_format = "0.00%"
    for column in "CDEF":  # empty cells written (styled) so that positions count by order
        sheet[f"{column}10"].font = Font(bold=True)
    parts = saved(book, path)
    part = sheet_part(parts, "数据")
    xml = without_references(parts[part], 10)
    assert b'<row r="10"' not in xml and b'r="G10"' not in xml
    return repacked(path, parts, {part: xml})


def by_code(document: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for problem in document["problems"]:
        found.setdefault(problem["code"], []).append(problem)
    return found


def test_the_yearbook_is_refused_naming_the_error_value_and_the_split_number(
    tmp_path: Path, railkpi: Any
) -> None:
    run = railkpi("validate", yearbook(tmp_path / "yearbook.xlsx"), "--format", "json",
                  "--lang", "en")
    assert run.exit_code == 2
    found = by_code(run.json())
    (error_value,) = found["excel-error"]
    assert (error_value["severity"], error_value["where"]) == ("error", "数据!F11")
    assert error_value["message"] == ("the cell holds the Excel error #DIV/0!: fix the formula "
                                      "or clear the cell (railkpi does not read an error as "
                                      "blank)")
    (split,) = found["bad-number"]
    assert (split["severity"], split["where"]) == ("error", "数据!F8")
    assert "'10 2.3'" in split["message"]
    # The rest are warnings, each said once, listing its cells.
    (ignored,) = found["rows-ignored"]
    assert ignored["message"] == ("sheet '数据': ignored, 1 row naming no indicator railkpi "
                                  "knows: 地区生产总值 (数据!A5)")
    (marks,) = found["not-available"]
    assert marks["message"] == ("sheet '数据': read as not reported, 1 cell holding a no-figure "
                                "mark (—): 数据!D8")
    assert {p["severity"] for p in run.json()["problems"]} == {"error", "warning"}
    assert set(found) == {"excel-error", "bad-number", "rows-ignored", "not-available"}


@pytest.fixture
def fixed(tmp_path: Path) -> Path:
    return yearbook(tmp_path / "yearbook.xlsx", fixed=True)


def test_the_fixed_yearbook_reads_every_figure_from_its_cell(fixed: Path, railkpi: Any) -> None:
    run = railkpi("validate", fixed, "--format", "json", "--lang", "en")
    assert run.exit_code == 0, run.stderr
    observed = {(o["indicator"], o["year"]): (o["value"], o["where"])
                for o in run.json()["observations"]}
    assert observed[("revenue_total", 2022)] == (2651.3, "数据!E6")  # a 2022年 header
    assert observed[("rd_expenditure", 2023)] == (102.3, "数据!F8")
    assert ("rd_expenditure", 2021) not in observed  # the mark: not reported
    # 0.163 formatted 0.00%, in a row without references: G10, 16.3 %
    assert observed[("domestic_supply_share", 2024)] == (16.3, "数据!G10")
    assert observed[("featured_parks", 2025)] == (5, "数据!H9")
    assert not any(where.endswith("5") and where.startswith("数据!") and key[0] == "gdp"
                   for key, (_, where) in observed.items())
    assert len(observed) == 5 + 5 + 4 + 4 + 1 + 5
    # validate names the figure that contradicts the plan's own too
    assert [p["where"] for p in by_code(run.json())["contradicts-plan"]] == ["数据!C7"]


def test_the_fixed_yearbook_is_assessed_as_of_2024(fixed: Path, railkpi: Any) -> None:
    run = railkpi("assess", fixed, "--format", "json", "--lang", "en")
    assert run.exit_code == 0, run.stderr
    document = run.json()
    assert document["as_of"] == 2024  # not 2025: one figure of six indicators reaches it
    found = by_code(document)
    (later,) = found["after-as-of"]
    assert later["severity"] == "warning"
    assert later["message"] == ("2025: 1 figure (Specialised rail-transit industrial parks, "
                                "数据!H9) is after the year assessed, 2024, and left out; use "
                                "--as-of 2025 to include it")
    (contradiction,) = found["contradicts-plan"]
    assert contradiction["where"] == "数据!C7"
    assert contradiction["message"] == (
        "Number of rail-transit enterprises 2020: the workbook has 143 but Fengtai District "
        "14th Five-Year Plan for the Rail-Transit Industry publishes 180余 "
        "(“丰台拥有轨道交通企业180余家”); the workbook's figure is used")
    results = {t["id"]: t for plan in document["plans"] for t in plan["targets"]}
    parks = results["featured-parks"]
    assert (parks["latest"]["year"], parks["latest"]["value"]) == (2024, 3)
    # Before the target year, no target says it has passed without a figure.
    notes = [n["code"] for t in results.values() for n in t["notes"]]
    assert "no-target-year-figure" not in notes


def test_as_of_2025_includes_the_stray_figure_and_is_not_past_the_target_year(
    fixed: Path, railkpi: Any
) -> None:
    document = railkpi("assess", fixed, "--as-of", "2025", "--format", "json").json()
    assert "after-as-of" not in by_code(document)
    results = {t["id"]: t for plan in document["plans"] for t in plan["targets"]}
    assert results["featured-parks"]["latest"]["value"] == 5
    notes = {n["code"] for t in results.values() for n in t["notes"]}
    assert "no-target-year-figure" not in notes  # 2025 is the target year, not past it
    document = railkpi("assess", fixed, "--as-of", "2026", "--format", "json").json()
    results = {t["id"]: t for plan in document["plans"] for t in plan["targets"]}
    revenue = results["revenue-2025"] if "revenue-2025" in results else next(
        t for t in results.values() if t["indicator"] == "revenue_total")
    assert "no-target-year-figure" in {n["code"] for n in revenue["notes"]}


def test_the_fixed_yearbook_in_a_terminal_of_80_columns(fixed: Path, railkpi: Any,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    run = railkpi("assess", fixed, "--lang", "zh")
    assert run.exit_code == 0
    said = "".join((run.stdout + run.stderr).split())  # as read, whatever the line breaks
    assert "截至2024年" in said
    assert "[after-as-of]yearbook.xlsx:2025年：1个数值（轨道交通特色产业园，数据!H9）" in said
    assert "[contradicts-plan]yearbook.xlsx数据!C7:轨道交通企业数量2020年：工作簿为143" in said
    assert "地区生产总值（数据!A5）" in said
    assert "[not-available]" in said and "数据!D8" in said
