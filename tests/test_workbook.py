"""Reading data workbooks: layouts, labels, cell values, and every problem with its cell."""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from conftest import codes_at, problems_of
from railkpi.plans.loader import load_plans
from railkpi.plans.registry import IndicatorRegistry, merge_plans
from railkpi.problems import InputError
from railkpi.read.workbook import WorkbookData, read_workbook

MakeWorkbook = Callable[..., Path]

LONG_ZH = ["指标", "年份", "数值", "单位", "备注"]
LONG_EN = ["indicator", "year", "value", "unit", "note"]


@pytest.fixture(scope="module")
def registry() -> IndicatorRegistry:
    return merge_plans(load_plans(["14th-fyp", "2023-2025"]))


def observed(data: WorkbookData) -> list[tuple[str, int, float, str]]:
    return [(o.indicator, o.year, o.value, o.where) for o in data.observations]


# Five good rows so that problem rows land on row 7, as in `数据!C7`.
GOOD_ROWS: list[list[Any]] = [
    ["revenue_total", 2021, 2500, "亿元", None],
    ["revenue_total", 2022, 2700, "亿元", None],
    ["enterprise_count", 2021, 190, "家", None],
    ["enterprise_count", 2022, 205, "家", None],
    ["profit_total", 2022, 270.5, "亿元", None],
]


# -- layouts ------------------------------------------------------------------------------


def test_long_layout_chinese_headers(make_workbook: MakeWorkbook, registry) -> None:
    path = make_workbook({"数据": [
        LONG_ZH,
        ["revenue_total", 2023, 2890.5, "亿元", "初步统计"],
        ["enterprise_count", 2023, 215, "家", None],
    ]})
    data = read_workbook(path, registry)
    assert data.layouts == {"数据": "long"}
    assert observed(data) == [
        ("enterprise_count", 2023, 215.0, "数据!C3"),
        ("revenue_total", 2023, 2890.5, "数据!C2"),
    ]
    revenue = next(o for o in data.observations if o.indicator == "revenue_total")
    assert revenue.note == "初步统计"
    assert data.warnings == ()
    assert data.file == "data.xlsx"


def test_long_layout_english_headers(make_workbook: MakeWorkbook, registry) -> None:
    path = make_workbook({"Data": [
        LONG_EN,
        ["revenue_total", 2023, 2890.5, "亿元", "preliminary"],
    ]})
    data = read_workbook(path, registry)
    assert data.layouts == {"Data": "long"}
    assert observed(data) == [("revenue_total", 2023, 2890.5, "Data!C2")]
    assert data.observations[0].note == "preliminary"


def test_long_layout_headers_in_any_order_and_case(make_workbook: MakeWorkbook, registry) -> None:
    path = make_workbook({"数据": [
        ["VALUE", "Year", "Indicator"],
        [2890.5, 2023, "revenue_total"],
    ]})
    assert observed(read_workbook(path, registry)) == [
        ("revenue_total", 2023, 2890.5, "数据!A2")
    ]


def test_wide_layout_chinese(make_workbook: MakeWorkbook, registry) -> None:
    path = make_workbook({"年鉴": [
        ["指标", "单位", 2021, "2022年", "2023"],
        ["轨道交通产业总收入", "亿元", 2500, 2700, 2890.5],
        ["企业数量", "家", 190, 205, None],
    ]})
    data = read_workbook(path, registry)
    assert data.layouts == {"年鉴": "wide"}
    assert observed(data) == [
        ("enterprise_count", 2021, 190.0, "年鉴!C3"),
        ("enterprise_count", 2022, 205.0, "年鉴!D3"),
        ("revenue_total", 2021, 2500.0, "年鉴!C2"),
        ("revenue_total", 2022, 2700.0, "年鉴!D2"),
        ("revenue_total", 2023, 2890.5, "年鉴!E2"),
    ]


def test_wide_layout_english(make_workbook: MakeWorkbook, registry) -> None:
    path = make_workbook({"Sheet1": [
        ["Indicator", 2021, 2022],
        ["Total rail-transit industry revenue", 2500, 2700],
    ]})
    data = read_workbook(path, registry)
    assert data.layouts == {"Sheet1": "wide"}
    assert observed(data) == [
        ("revenue_total", 2021, 2500.0, "Sheet1!B2"),
        ("revenue_total", 2022, 2700.0, "Sheet1!C2"),
    ]


def test_title_row_above_header(make_workbook: MakeWorkbook, registry) -> None:
    path = make_workbook({"数据": [
        ["丰台区轨道交通产业统计数据（2023年）"],
        [],
        LONG_ZH,
        ["revenue_total", 2023, 2890.5, "亿元", None],
    ]})
    data = read_workbook(path, registry)
    assert data.layouts == {"数据": "long"}
    assert observed(data) == [("revenue_total", 2023, 2890.5, "数据!C4")]


def test_title_row_above_wide_header(make_workbook: MakeWorkbook, registry) -> None:
    path = make_workbook({"数据": [
        ["主要指标"],
        ["指标", "2022年", "2023年"],
        ["总收入", 2700, 2890.5],
    ]})
    assert observed(read_workbook(path, registry)) == [
        ("revenue_total", 2022, 2700.0, "数据!B3"),
        ("revenue_total", 2023, 2890.5, "数据!C3"),
    ]


def test_several_data_sheets_are_all_read(make_workbook: MakeWorkbook, registry) -> None:
    path = make_workbook({
        "长表": [LONG_ZH, ["revenue_total", 2023, 2890.5, None, None]],
        "宽表": [["指标", 2023], ["企业数量", 215]],
    })
    data = read_workbook(path, registry)
    assert data.layouts == {"长表": "long", "宽表": "wide"}
    assert observed(data) == [
        ("enterprise_count", 2023, 215.0, "宽表!B2"),
        ("revenue_total", 2023, 2890.5, "长表!C2"),
    ]


def test_sheet_name_with_space_is_quoted_in_cell_refs(
    make_workbook: MakeWorkbook, registry
) -> None:
    path = make_workbook({"2023 数据": [LONG_EN, ["revenue_total", 2023, "abc", None, None]]})
    problems = problems_of(path, registry)
    assert codes_at(problems) == {("error", "bad-number", "'2023 数据'!C2")}


# -- indicator labels ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "label",
    [
        "revenue_total",  # id
        "轨道交通产业总收入",  # Chinese name
        "Total rail-transit industry revenue",  # English name
        "总收入",  # alias
        "年度收入",  # alias from the other plan's wording
        "REVENUE_TOTAL",  # case
        "total RAIL-TRANSIT industry REVENUE",
        "ｒｅｖｅｎｕｅ＿ｔｏｔａｌ",  # full-width
        "Ｔｏｔａｌ ｒｅｖｅｎｕｅ",  # full-width alias
        "  总收入  ",  # surrounding spaces
        "总 收 入",  # spaces inside
    ],
)
def test_indicator_labels_map_to_one_id(
    make_workbook: MakeWorkbook, registry, label: str
) -> None:
    path = make_workbook({"数据": [LONG_ZH, [label, 2023, 2890.5, None, None]]})
    assert observed(read_workbook(path, registry)) == [
        ("revenue_total", 2023, 2890.5, "数据!C2")
    ]


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("企业数量", "enterprise_count"),
        ("Number of rail-transit enterprises", "enterprise_count"),
        ("研发经费", "rd_expenditure"),
        ("专精特新", "specialised_sme_count"),
        ("Technology Transaction Value", "tech_transaction_value"),
    ],
)
def test_other_indicator_labels(
    make_workbook: MakeWorkbook, registry, label: str, expected: str
) -> None:
    path = make_workbook({"数据": [LONG_ZH, [label, 2023, 42, None, None]]})
    assert observed(read_workbook(path, registry)) == [(expected, 2023, 42.0, "数据!C2")]


# -- cell values --------------------------------------------------------------------------


def test_years_and_numbers_as_analysts_type_them(make_workbook: MakeWorkbook, registry) -> None:
    path = make_workbook({"数据": [
        LONG_ZH,
        ["revenue_total", "2021年", "2,364.9", "亿元", None],
        ["revenue_total", "２０２２年", "２３６４．９", None, None],
        ["revenue_total", "2023", "１，２３４，５６７.５", None, None],
        ["enterprise_count", 2023.0, " 215 ", " 家 ", None],
        ["domestic_supply_share", "2023年度", "16.3%", "%", None],
    ]})
    assert observed(read_workbook(path, registry)) == [
        ("domestic_supply_share", 2023, 16.3, "数据!C6"),
        ("enterprise_count", 2023, 215.0, "数据!C5"),
        ("revenue_total", 2021, 2364.9, "数据!C2"),
        ("revenue_total", 2022, 2364.9, "数据!C3"),
        ("revenue_total", 2023, 1234567.5, "数据!C4"),
    ]


def test_percent_formatted_cell_on_percent_indicator(tmp_path: Path, registry) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "数据"
    sheet.append(["指标", "年份", "数值"])
    sheet.append(["自主化配套比重", 2023, 0.163])
    sheet["C2"].number_format = "0.0%"
    path = tmp_path / "data.xlsx"
    workbook.save(path)
    assert observed(read_workbook(path, registry)) == [
        ("domestic_supply_share", 2023, 16.3, "数据!C2")
    ]


def test_negative_value_allowed_where_indicator_may_be_negative(
    make_workbook: MakeWorkbook, registry
) -> None:
    path = make_workbook({"数据": [LONG_ZH, ["利润总额", 2023, "-12.5", None, None]]})
    assert observed(read_workbook(path, registry)) == [
        ("profit_total", 2023, -12.5, "数据!C2")
    ]


@pytest.mark.parametrize("blank", [None, "", "   ", "\u3000"])
def test_blank_value_is_skipped_not_an_error(
    make_workbook: MakeWorkbook, registry, blank: object
) -> None:
    path = make_workbook({"数据": [
        LONG_ZH,
        ["revenue_total", 2022, blank, "亿元", "未报"],
        ["revenue_total", 2023, 2890.5, "亿元", None],
    ]})
    data = read_workbook(path, registry)
    assert observed(data) == [("revenue_total", 2023, 2890.5, "数据!C3")]
    assert data.warnings == ()


def test_blank_cells_in_wide_layout_are_skipped(make_workbook: MakeWorkbook, registry) -> None:
    path = make_workbook({"数据": [
        ["指标", 2021, 2022, 2023],
        ["总收入", 2500, None, " "],
        [None, None, None, None],
        ["企业数量", None, None, None],
    ]})
    data = read_workbook(path, registry)
    assert observed(data) == [("revenue_total", 2021, 2500.0, "数据!B2")]
    assert data.warnings == ()


# -- sheets -------------------------------------------------------------------------------


def test_notes_sheet_is_skipped_silently(make_workbook: MakeWorkbook, registry) -> None:
    path = make_workbook({
        "说明": [["本表由统计科填报。"], ["数值单位见各行。"]],
        "数据": [LONG_ZH, ["revenue_total", 2023, 2890.5, None, None]],
    })
    data = read_workbook(path, registry)
    assert data.layouts == {"数据": "long"}
    assert data.warnings == ()
    assert len(data.observations) == 1


def test_unrecognised_sheet_gives_a_warning(make_workbook: MakeWorkbook, registry) -> None:
    path = make_workbook({
        "数据": [LONG_ZH, ["revenue_total", 2023, 2890.5, None, None]],
        "草稿": [["随手记", "abc"], [1, 2]],
    })
    data = read_workbook(path, registry)
    assert len(data.observations) == 1
    assert [(p.severity, p.code) for p in data.warnings] == [("warning", "sheet-skipped")]
    assert "草稿" in data.warnings[0].message("en")
    assert "随手记" in data.warnings[0].message("en")


def test_no_data_sheet(make_workbook: MakeWorkbook, registry) -> None:
    path = make_workbook({"说明": [["本表由统计科填报。"]], "Sheet1": [["hello", "world"]]})
    problems = problems_of(path, registry)
    errors = [p for p in problems if p.severity == "error"]
    assert [p.code for p in errors] == ["no-data-sheet"]
    assert "Sheet1" in errors[0].message("en")
    assert errors[0].file == "data.xlsx"


def test_no_data_sheet_in_an_empty_workbook(make_workbook: MakeWorkbook, registry) -> None:
    path = make_workbook({"Sheet1": []})
    assert codes_at(problems_of(path, registry)) == {("error", "no-data-sheet", None)}


# -- problems, each with its cell --------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "code", "where"),
    [
        (["专精特新企业数", 2023, 100, None, None], "unknown-indicator", "数据!A7"),
        (["revenue_total", "二〇二三", 100, None, None], "bad-year", "数据!B7"),
        (["revenue_total", "23", 100, None, None], "bad-year", "数据!B7"),
        (["revenue_total", 2023.5, 100, None, None], "bad-year", "数据!B7"),
        (["revenue_total", 1800, 100, None, None], "year-out-of-range", "数据!B7"),
        (["revenue_total", "2200年", 100, None, None], "year-out-of-range", "数据!B7"),
        (["revenue_total", 2023, "abc", None, None], "bad-number", "数据!C7"),
        (["revenue_total", 2023, "1,23", None, None], "bad-number", "数据!C7"),
        (["revenue_total", 2023, "约", None, None], "bad-number", "数据!C7"),
        (["revenue_total", 2023, "约100余", None, None], "bad-number", "数据!C7"),
        (["enterprise_count", 2023, -5, None, None], "negative-value", "数据!C7"),
        (["企业数量", 2023, "-5", None, None], "negative-value", "数据!C7"),
        (["revenue_total", 2023, "16.3%", None, None], "unexpected-percent", "数据!C7"),
        (["revenue_total", 2023, 2890.5, "人", None], "wrong-unit-kind", "数据!D7"),
        (["revenue_total", 2023, 2890.5, "furlongs", None], "unknown-unit", "数据!D7"),
        (["enterprise_count", 2023, 215, "亿元", None], "wrong-unit-kind", "数据!D7"),
        (["enterprise_count", 2023, 215, "个", None], "unit-mismatch", "数据!D7"),
        ([None, 2023, 100, "亿元", None], "missing-indicator", "数据!A7"),
        (["  ", 2023, 100, "亿元", None], "missing-indicator", "数据!A7"),
        (["revenue_total", None, 100, "亿元", None], "missing-year", "数据!B7"),
    ],
)
def test_problem_reported_with_code_and_cell(
    make_workbook: MakeWorkbook, registry, row: list[Any], code: str, where: str
) -> None:
    path = make_workbook({"数据": [LONG_ZH, *GOOD_ROWS, row]})
    problems = problems_of(path, registry)
    assert codes_at(problems) == {("error", code, where)}
    problem = problems[0]
    assert problem.file == "data.xlsx"
    assert problem.message("zh")
    assert problem.message("en")


def test_unknown_indicator_message_names_the_label(make_workbook: MakeWorkbook, registry) -> None:
    path = make_workbook({"数据": [LONG_ZH, ["专精特新企业数", 2023, 100, None, None]]})
    (problem,) = problems_of(path, registry)
    assert "专精特新企业数" in problem.message("en")
    assert "专精特新企业数" in problem.message("zh")
    # close to an alias of specialised_sme_count: the message asks about it
    assert "did you mean '专精特新企业数量' (specialised_sme_count)?" in problem.message("en")
    assert "是否指“专精特新企业数量”（specialised_sme_count）？" in problem.message("zh")


@pytest.mark.parametrize(
    ("row", "code", "where"),
    [
        (["专精特新企业数", "家", 100, 200], "unknown-indicator", "数据!A3"),
        (["总收入", "亿元", 100, "abc"], "bad-number", "数据!D3"),
        (["总收入", "人", 100, 200], "wrong-unit-kind", "数据!B3"),
        (["企业数量", "家", 100, -1], "negative-value", "数据!D3"),
        ([None, "亿元", 100, 200], "missing-indicator", "数据!A3"),
    ],
)
def test_problem_in_wide_layout(
    make_workbook: MakeWorkbook, registry, row: list[Any], code: str, where: str
) -> None:
    path = make_workbook({"数据": [
        ["指标", "单位", "2022年", "2023年"],
        ["利润总额", "亿元", 260, 270],
        row,
    ]})
    assert codes_at(problems_of(path, registry)) == {("error", code, where)}


def test_duplicate_with_different_values_is_a_conflict_naming_both_cells(
    make_workbook: MakeWorkbook, registry
) -> None:
    path = make_workbook({"数据": [
        LONG_ZH,
        ["revenue_total", 2023, 2890.5, None, None],
        ["enterprise_count", 2023, 215, None, None],
        ["总收入", "2023年", 2900, None, None],
    ]})
    problems = problems_of(path, registry)
    assert codes_at(problems) == {("error", "duplicate-conflict", "数据!C4")}
    message = problems[0].message("en")
    assert "数据!C2" in message
    assert "2890.5" in message
    assert "2900" in message


def test_duplicate_across_sheets_names_both_sheets(make_workbook: MakeWorkbook, registry) -> None:
    path = make_workbook({
        "长表": [LONG_ZH, ["revenue_total", 2023, 2890.5, None, None]],
        "宽表": [["指标", 2023], ["总收入", 2800]],
    })
    problems = problems_of(path, registry)
    assert codes_at(problems) == {("error", "duplicate-conflict", "宽表!B2")}
    assert "长表!C2" in problems[0].message("zh")


def test_duplicate_with_same_value_is_a_warning(make_workbook: MakeWorkbook, registry) -> None:
    path = make_workbook({"数据": [
        LONG_ZH,
        ["revenue_total", 2023, 2890.5, None, None],
        ["总收入", "2023年", "2,890.5", None, None],
    ]})
    data = read_workbook(path, registry)
    assert observed(data) == [("revenue_total", 2023, 2890.5, "数据!C2")]
    assert codes_at(data.warnings) == {("warning", "duplicate-same", "数据!C3")}
    assert "数据!C2" in data.warnings[0].message("en")


def test_all_problems_reported_in_one_run(make_workbook: MakeWorkbook, registry) -> None:
    path = make_workbook({
        "数据": [
            ["2023年统计"],
            LONG_ZH,
            ["revenue_total", 2022, 2700, "亿元", None],  # row 3: fine
            ["专精特新企业数", 2023, 100, None, None],  # row 4: unknown indicator
            ["revenue_total", "二〇二三", 100, None, None],  # row 5: bad year
            ["revenue_total", 1800, 100, None, None],  # row 6: year out of range
            ["enterprise_count", 2023, "abc", None, None],  # row 7: bad number
            ["enterprise_count", 2022, -3, None, None],  # row 8: negative count
            ["revenue_total", 2021, "16.3%", None, None],  # row 9: unexpected percent
            ["enterprise_count", 2021, 270, "个", None],  # row 10: unit mismatch
            ["revenue_total", 2022, 2800, None, None],  # row 11: duplicate conflict
            [None, 2023, 5, None, None],  # row 12: missing indicator
            ["profit_total", None, 5, None, None],  # row 13: missing year
            ["revenue_total", 2022, 2700, None, None],  # row 14: duplicate, same value
        ],
        "草稿": [["随手记"]],  # skipped with a warning
    })
    problems = problems_of(path, registry)
    assert codes_at(problems) == {
        ("error", "unknown-indicator", "数据!A4"),
        ("error", "bad-year", "数据!B5"),
        ("error", "year-out-of-range", "数据!B6"),
        ("error", "bad-number", "数据!C7"),
        ("error", "negative-value", "数据!C8"),
        ("error", "unexpected-percent", "数据!C9"),
        ("error", "unit-mismatch", "数据!D10"),
        ("error", "duplicate-conflict", "数据!C11"),
        ("error", "missing-indicator", "数据!A12"),
        ("error", "missing-year", "数据!B13"),
        ("warning", "duplicate-same", "数据!C14"),
        ("warning", "sheet-skipped", None),
    }
    assert len(problems) == 12
    assert all(p.file == "data.xlsx" for p in problems)


def test_several_problems_in_one_row_are_all_reported(
    make_workbook: MakeWorkbook, registry
) -> None:
    path = make_workbook({"数据": [LONG_ZH, ["专精特新企业数", "二〇二三", "abc", None, None]]})
    assert codes_at(problems_of(path, registry)) == {
        ("error", "unknown-indicator", "数据!A2"),
        ("error", "bad-year", "数据!B2"),
        ("error", "bad-number", "数据!C2"),
    }


# -- files that are not workbooks ------------------------------------------------------------


def test_missing_file(tmp_path: Path, registry) -> None:
    problems = problems_of(tmp_path / "nosuch.xlsx", registry)
    assert [p.code for p in problems] == ["file-not-found"]


def test_text_file_renamed_xlsx(tmp_path: Path, registry) -> None:
    path = tmp_path / "data.xlsx"
    path.write_text("指标,年份,数值\nrevenue_total,2023,2890.5\n", encoding="utf-8")
    problems = problems_of(path, registry)
    assert [p.code for p in problems] == ["not-xlsx"]


# -- CLI ----------------------------------------------------------------------------------


def bad_workbook(make_workbook: MakeWorkbook) -> Path:
    return make_workbook({"数据": [
        LONG_ZH,
        ["revenue_total", 2023, 2890.5, None, None],
        ["专精特新企业数", 2023, 100, None, None],
        ["revenue_total", 2022, "abc", None, None],
        ["revenue_total", "二〇二二", 7, None, None],
    ]})


def test_cli_validate_bad_workbook(make_workbook: MakeWorkbook, railkpi) -> None:
    result = railkpi("validate", bad_workbook(make_workbook), "--lang", "en")
    assert result.exit_code == 2
    for cell in ("数据!A3", "数据!C4", "数据!B5"):
        assert cell in result.stderr
    for code in ("unknown-indicator", "bad-number", "bad-year"):
        assert code in result.stderr
    assert "data.xlsx" in result.stderr


def test_cli_validate_bad_workbook_json(make_workbook: MakeWorkbook, railkpi) -> None:
    result = railkpi("validate", bad_workbook(make_workbook), "--format", "json", "--lang", "en")
    assert result.exit_code == 2
    document = result.json()
    assert list(document) == ["problems"]
    entries = {(p["code"], p["where"]) for p in document["problems"]}
    assert entries == {
        ("unknown-indicator", "数据!A3"),
        ("bad-number", "数据!C4"),
        ("bad-year", "数据!B5"),
    }
    for entry in document["problems"]:
        assert entry["severity"] == "error"
        assert entry["file"] == "data.xlsx"
        assert isinstance(entry["message"], str) and entry["message"]
    by_code = {p["code"]: p for p in document["problems"]}
    assert "专精特新企业数" in by_code["unknown-indicator"]["message"]
    assert "abc" in by_code["bad-number"]["message"]


def test_cli_validate_good_workbook(make_workbook: MakeWorkbook, railkpi) -> None:
    path = make_workbook({"数据": [
        LONG_ZH,
        ["总收入", "2023年", "2,890.5", "亿元", None],
        ["enterprise_count", 2023, 215, "家", "初步"],
    ]})
    result = railkpi("validate", path, "--lang", "en")
    assert result.exit_code == 0
    assert "2 observations" in result.stdout

    result = railkpi("validate", path, "--format", "json")
    assert result.exit_code == 0
    document = result.json()
    assert document["file"] == "data.xlsx"
    assert document["layouts"] == {"数据": "long"}
    assert document["problems"] == []
    assert document["observations"] == [
        {"indicator": "enterprise_count", "year": 2023, "value": 215.0, "unit": "家",
         "where": "数据!C3", "note": "初步"},
        {"indicator": "revenue_total", "year": 2023, "value": 2890.5, "unit": "亿元",
         "where": "数据!C2"},
    ]


def test_cli_validate_good_workbook_lists_warnings(make_workbook: MakeWorkbook, railkpi) -> None:
    path = make_workbook({
        "数据": [LONG_ZH, ["总收入", 2023, 1, None, None], ["总收入", 2023, 1, None, None]],
    })
    result = railkpi("validate", path, "--format", "json")
    assert result.exit_code == 0
    assert [(p["severity"], p["code"], p["where"]) for p in result.json()["problems"]] == [
        ("warning", "duplicate-same", "数据!C3")
    ]


def _json_codes(result: Any) -> list[str]:
    return [p["code"] for p in result.json()["problems"]]


def test_cli_missing_file(tmp_path: Path, railkpi) -> None:
    result = railkpi("validate", tmp_path / "nosuch.xlsx", "--format", "json")
    assert result.exit_code == 2
    assert _json_codes(result) == ["file-not-found"]
    assert "file-not-found" in result.stderr


def test_cli_text_file_renamed_xlsx(tmp_path: Path, railkpi) -> None:
    path = tmp_path / "data.xlsx"
    path.write_text("indicator,year,value\nrevenue_total,2023,1\n", encoding="utf-8")
    result = railkpi("validate", path, "--format", "json")
    assert result.exit_code == 2
    assert _json_codes(result) == ["not-xlsx"]


def test_cli_empty_file(tmp_path: Path, railkpi) -> None:
    path = tmp_path / "data.xlsx"
    path.write_bytes(b"")
    result = railkpi("validate", path, "--format", "json", "--lang", "en")
    assert result.exit_code == 2
    (entry,) = result.json()["problems"]
    assert entry["code"] == "not-xlsx"
    assert "empty" in entry["message"]


def test_cli_zip_that_is_not_a_workbook(tmp_path: Path, railkpi) -> None:
    path = tmp_path / "data.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a spreadsheet")
    result = railkpi("validate", path, "--format", "json", "--lang", "en")
    assert result.exit_code == 2
    assert _json_codes(result) == ["not-xlsx"]  # a zip archive, not a workbook (xlsx_guard)
    assert "zip archive" in result.json()["problems"][0]["message"]


def test_cli_damaged_sheet_xml_is_bad_input_not_a_crash(
    make_workbook: MakeWorkbook, tmp_path: Path, railkpi
) -> None:
    good = make_workbook({"数据": [LONG_ZH, ["revenue_total", 2023, 2890.5, None, None]]},
                         name="good.xlsx")
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content[: len(content) // 2]  # truncated: unclosed XML
            target.writestr(item, content)
    result = railkpi("validate", damaged, "--format", "json")
    assert result.exit_code == 2
    assert _json_codes(result) == ["unreadable-workbook"]


# -- arbitrary cells ------------------------------------------------------------------------

cell_values = st.one_of(
    st.text(max_size=20),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.none(),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(cell_values, cell_values, cell_values), min_size=1, max_size=4))
def test_arbitrary_cells_give_observations_or_input_error(
    registry: IndicatorRegistry, rows: list[tuple[object, object, object]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        assert sheet is not None
        sheet.title = "数据"
        path = Path(folder) / "data.xlsx"
        try:
            sheet.append(["指标", "年份", "数值"])
            for row in rows:
                sheet.append(list(row))
            workbook.save(path)
        except (IllegalCharacterError, OverflowError):
            reject()  # openpyxl itself cannot store control characters or huge integers
        try:
            data = read_workbook(path, registry)
        except InputError as exc:
            assert exc.problems
            assert all(p.code and p.message("zh") and p.message("en") for p in exc.problems)
            return
        for observation in data.observations:
            assert observation.indicator in registry.indicators
            assert 1949 <= observation.year <= 2100
