"""Enterprise roster sheets: header recognition, row checks, derived figures, CLI output.

Expected figures are worked out by hand in the comments next to each roster, not recomputed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import codes_at, problems_of
from plans import derive, roster_header
from railkpi.figures import Figure, exact
from railkpi.plans.loader import load_plans
from railkpi.plans.registry import IndicatorRegistry, merge_plans
from railkpi.read.cells import Cell
from railkpi.read.roster import FirmYear, parse_flag
from railkpi.read.workbook import WorkbookData, read_workbook

MakeWorkbook = Callable[..., Path]

HEADER_ZH = ["序号", "企业名称", "年份", "营业收入（万元）", "细分赛道", "专精特新"]


@pytest.fixture(scope="module")
def registry() -> IndicatorRegistry:
    return merge_plans(load_plans(["14th-fyp", "2023-2025"]))


def derived(data: WorkbookData, year: int) -> dict[str, float]:
    return {o.indicator: o.value for o in data.observations if o.year == year}


# A roster of 36 firm-years (20 in 2024, 16 in 2023), revenue in 万元 in the header. Thresholds
# in 万元: 1亿 = 10,000, 10亿 = 100,000, 100亿 = 1,000,000 (inclusive).
ROSTER_2024: list[list[Any]] = [
    # 序号, 企业名称, 年份, 营业收入（万元）, 细分赛道, 专精特新
    [1, "京轨建设", 2024, 1_000_000, "工程建设", "否"],  # exactly 100亿: all three tiers
    [2, "丰台工程", 2024, 2_345_678.9, "工程建设", "否"],  # 234.56789亿: all three
    [3, "中车牵引", 2024, 100_000, "牵引供电", "N"],  # exactly 10亿: ≥10亿, ≥1亿
    [4, "华电供电", 2024, 99_999.9, "牵引供电", "是"],  # 9.99999亿: ≥1亿 only
    [5, "轨道物流", 2024, 10_000, "物流运输", "是"],  # exactly 1亿: ≥1亿
    [6, "通号信号", 2024, 9_999.9, "通信信号", "yes"],  # 0.99999亿: no tier
    [7, "智维科技", 2024, 12_345.6, "智能运维", 1],  # 1.23456亿: ≥1亿
    [8, "运维数据", 2024, 5_432.1, "智能运维", "no"],
    [9, "信号设备", 2024, 250_000, "通信信号", 0],  # ≥10亿
    [10, "物流装备", 2024, 88_000, "物流运输", None],  # ≥1亿 (blank flag: no)
    [11, "工程咨询", 2024, 3_210.5, "工程装备", "是"],  # 工程装备 is the engineering segment
    [12, "其他服务", 2024, 777.7, "其他", "×"],
    [13, "Beijing Rail Tech", 2024, 45_000, "signalling", "Y"],  # ≥1亿
    [14, "供电安装", 2024, 1_500_000, "牵引供电", "✗"],  # ≥100亿
    [15, "勘察设计", 2024, 60_000, "工程建设", "√"],  # ≥1亿
    [16, "物流科技", 2024, 0, "物流运输", "false"],  # zero revenue still counts as a firm
    [17, "通信工程", 2024, 120_000.4, "通信信号", "×"],  # ≥10亿
    [18, "智能检测", 2024, 8_000, "智能运维", "✓"],
    [19, "轨交材料", 2024, 30_000, "其它", "否"],  # ≥1亿
    [20, "综合开发", 2024, 2_000_000, "other", "否"],  # ≥100亿
]
# 2024 by hand:
#   firms 20; ≥100亿: 京轨建设, 丰台工程, 供电安装, 综合开发 = 4;
#   ≥10亿: those 4 + 中车牵引, 信号设备, 通信工程 = 7;
#   ≥1亿: those 7 + 华电供电, 轨道物流, 智维科技, 物流装备, Beijing Rail Tech, 勘察设计,
#         轨交材料 = 14;
#   engineering 1,000,000 + 2,345,678.9 + 3,210.5 + 60,000 = 3,408,889.4 万元 = 340.88894 亿元
#   traction power 100,000 + 99,999.9 + 1,500,000 = 1,699,999.9 万元 = 169.99999
#   logistics 10,000 + 88,000 + 0 = 98,000 = 9.8
#   signalling 9,999.9 + 250,000 + 45,000 + 120,000.4 = 425,000.3 = 42.50003
#   smart O&M 12,345.6 + 5,432.1 + 8,000 = 25,777.7 = 2.57777
#   专精特新: 华电供电, 轨道物流, 通号信号, 智维科技, 工程咨询, Beijing Rail Tech, 勘察设计,
#            智能检测 = 8
EXPECTED_2024 = {
    "enterprise_count": 20,
    "enterprises_rev_ge_100yi": 4,
    "enterprises_rev_ge_10yi": 7,
    "enterprises_rev_ge_1yi": 14,
    "revenue_engineering": 340.88894,
    "revenue_traction_power": 169.99999,
    "revenue_logistics": 9.8,
    "revenue_signalling": 42.50003,
    "revenue_smart_om": 2.57777,
    "specialised_sme_count": 8,
}
ROSTER_2023: list[list[Any]] = [
    [21, "京轨建设", "2023年", 950_000, "工程建设", "否"],  # ≥10亿
    [22, "丰台工程", 2023, 2_100_000, "工程建设", "否"],  # ≥100亿
    [23, "中车牵引", 2023, 90_000, "牵引供电", "否"],  # ≥1亿
    [24, "华电供电", 2023, 80_000, "牵引供电", "是"],  # ≥1亿
    [25, "轨道物流", 2023, 9_500, "物流运输", "是"],
    [26, "通号信号", 2023, 10_000, "通信信号", "是"],  # exactly 1亿
    [27, "智维科技", 2023, 10_500.5, "智能运维", "是"],  # ≥1亿
    [28, "运维数据", 2023, 4_000, "智能运维", "否"],
    [29, "信号设备", 2023, 200_000, "通信信号", "否"],  # ≥10亿
    [30, "物流装备", 2023, 70_000, "物流运输", "否"],  # ≥1亿
    [31, "工程咨询", 2023, 3_000, "工程建设", "否"],
    [32, "其他服务", 2023, 500, "其他", "否"],
    [33, "供电安装", 2023, 1_200_000, "牵引供电", "否"],  # ≥100亿
    [34, "勘察设计", 2023, 55_000, "工程建设", "是"],  # ≥1亿
    [35, "通信工程", 2023, 100_000, "通信信号", "否"],  # exactly 10亿
    [36, "综合开发", 2023, 1_800_000, "其他", "否"],  # ≥100亿
]
# 2023 by hand: firms 16; ≥100亿: 丰台工程, 供电安装, 综合开发 = 3; ≥10亿: + 京轨建设,
# 信号设备, 通信工程 = 6; ≥1亿: + 中车牵引, 华电供电, 通号信号, 智维科技, 物流装备, 勘察设计 = 12;
# engineering 950,000 + 2,100,000 + 3,000 + 55,000 = 3,108,000 = 310.8; traction power 90,000
# + 80,000 + 1,200,000 = 1,370,000 = 137; logistics 9,500 + 70,000 = 79,500 = 7.95; signalling
# 10,000 + 200,000 + 100,000 = 310,000 = 31; smart O&M 10,500.5 + 4,000 = 14,500.5 = 1.45005;
# 专精特新: 华电供电, 轨道物流, 通号信号, 智维科技, 勘察设计 = 5.
EXPECTED_2023 = {
    "enterprise_count": 16,
    "enterprises_rev_ge_100yi": 3,
    "enterprises_rev_ge_10yi": 6,
    "enterprises_rev_ge_1yi": 12,
    "revenue_engineering": 310.8,
    "revenue_traction_power": 137.0,
    "revenue_logistics": 7.95,
    "revenue_signalling": 31.0,
    "revenue_smart_om": 1.45005,
    "specialised_sme_count": 5,
}


def roster_sheet() -> list[list[Any]]:
    """A title row, the header, 2024 firms, a blank row, 2023 firms."""
    return [["丰台区轨道交通企业名录（示例）"], HEADER_ZH, *ROSTER_2024, [], *ROSTER_2023]


# -- derived figures ----------------------------------------------------------------------


def test_roster_counts_and_segment_totals(make_workbook: MakeWorkbook, registry) -> None:
    path = make_workbook({"企业名录": roster_sheet()})
    data = read_workbook(path, registry)
    assert data.layouts == {"企业名录": "roster"}
    assert data.warnings == ()
    assert derived(data, 2024) == EXPECTED_2024
    assert derived(data, 2023) == EXPECTED_2023
    for observation in data.observations:
        assert observation.origin == "roster"
        assert observation.qualifier is None  # every revenue is known: exact figures
        count = 20 if observation.year == 2024 else 16
        assert observation.where == f"企业名录 ({count} firms)"


def test_roster_through_cli_json(make_workbook: MakeWorkbook, railkpi) -> None:
    path = make_workbook({"企业名录": roster_sheet()})
    run = railkpi("assess", path, "--format", "json")
    assert run.exit_code == 0, run.stderr
    report = run.json()
    assert report["problems"] == []
    targets = {
        (plan["id"], target["id"]): target
        for plan in report["plans"]
        for target in plan["targets"]
    }
    expected_latest = {
        ("2023-2025", "segment-engineering"): 340.88894,
        ("2023-2025", "segment-traction-power"): 169.99999,
        ("2023-2025", "segment-logistics"): 9.8,
        ("2023-2025", "segment-signalling"): 42.50003,
        ("2023-2025", "segment-smart-om"): 2.57777,
        ("2023-2025", "specialised-smes"): 8,
        ("2023-2025", "enterprises-2025"): 20,
        ("14th-fyp", "firms-100yi"): 4,
        ("14th-fyp", "firms-10yi"): 7,
        ("14th-fyp", "firms-1yi"): 14,
    }
    for key, value in expected_latest.items():
        latest = targets[key]["latest"]
        assert latest["year"] == 2024, key
        assert latest["value"] == value, key
        assert latest["source"] == "roster", key
        assert latest["where"] == "企业名录 (20 firms)", key


def test_english_headers_with_unit_in_header(make_workbook: MakeWorkbook, registry) -> None:
    # The sheet name is not a roster name: the header (firm + year + revenue) makes it one.
    path = make_workbook({"Firms 2024": [
        ["Firm", "Year", "Revenue (10k CNY)", "Segment", "Specialised SME"],
        ["Alpha Engineering", 2024, 150_000, "engineering construction", "yes"],  # 15亿
        ["Beta Power", 2024, 10_000, "Traction Power Supply", "no"],  # 1亿
        ["Gamma Logistics", 2024, 2_500.5, "logistics and transport", "true"],
        ["Delta Signals", 2024, 40_000, "Communication and Signalling", "false"],  # 4亿
        ["Epsilon O&M", 2024, 12_345.6, "smart O&M", "Y"],  # 1.23456亿
        ["Zeta Signaling", 2024, 5_000, "signaling", "N"],
        ["Eta Other", 2024, 1_000_000, "Other", None],  # 100亿
    ]})
    data = read_workbook(path, registry)
    assert data.layouts == {"Firms 2024": "roster"}
    assert derived(data, 2024) == {
        "enterprise_count": 7,
        "enterprises_rev_ge_100yi": 1,  # Eta
        "enterprises_rev_ge_10yi": 2,  # Alpha, Eta
        "enterprises_rev_ge_1yi": 5,  # Alpha, Beta, Delta, Epsilon, Eta
        "revenue_engineering": 15.0,
        "revenue_traction_power": 1.0,
        "revenue_logistics": 0.25005,
        "revenue_signalling": 4.5,  # 40,000 + 5,000 万元
        "revenue_smart_om": 1.23456,
        "specialised_sme_count": 3,  # Alpha, Gamma, Epsilon
    }
    assert data.observations[0].where == "Firms 2024 (7 firms)"


def test_unit_column_per_row(make_workbook: MakeWorkbook, registry) -> None:
    # 单位名称 is the firm's name; 单位 is the unit.
    path = make_workbook({"企业名单": [
        ["单位名称", "年度", "营收", "单位", "赛道"],
        ["甲", 2024, 12_345.6, "万元", "工程建设"],  # 1.23456 亿元
        ["乙", 2024, 2.5, "亿元", "工程建设"],  # 2.5
        ["丙", 2024, 150_000_000, "元", "牵引供电"],  # 1.5
        ["丁", 2024, 9_999, "万", "牵引供电"],  # 0.9999
        ["戊", 2024, "0.1", "100M CNY", "智能运维"],  # 0.1
        ["己", 2024, 10, "亿", "智能运维"],  # 10
    ]})
    data = read_workbook(path, registry)
    assert data.warnings == ()
    assert derived(data, 2024) == {
        "enterprise_count": 6,
        "enterprises_rev_ge_100yi": 0,
        "enterprises_rev_ge_10yi": 1,  # 己 at exactly 10亿
        "enterprises_rev_ge_1yi": 4,  # 甲, 乙, 丙, 己
        "revenue_engineering": 3.73456,
        "revenue_traction_power": 2.4999,
        "revenue_logistics": 0.0,
        "revenue_signalling": 0.0,
        "revenue_smart_om": 10.1,
    }  # no flag column: no 专精特新 count


def test_exact_conversion_and_sums_without_float_dust(
    make_workbook: MakeWorkbook, registry
) -> None:
    path = make_workbook({"企业名录": [
        ["企业名称", "年份", "营业收入（万元）", "细分赛道"],
        ["甲", 2024, 12_345.6, "工程建设"],
        ["乙", 2024, 1_000, "通信信号"],
        ["丙", 2024, 2_000, "通信信号"],
        ["丁", 2024, 12_345.6, "智能运维"],
        ["戊", 2024, 5_432.1, "智能运维"],
        ["己", 2024, 800, "智能运维"],
    ]})
    values = derived(read_workbook(path, registry), 2024)
    assert values["revenue_engineering"] == 1.23456  # 12,345.6 万元 exactly
    # Float arithmetic would leave dust in both sums; the roster sums in decimal.
    assert 0.1 + 0.2 != 0.3
    assert values["revenue_signalling"] == 0.3
    assert 1.23456 + 0.54321 + 0.08 != 1.85777
    assert values["revenue_smart_om"] == 1.85777


# -- reported and derived figures together ------------------------------------------------


def test_reported_figure_wins_and_a_conflict_is_a_warning(
    make_workbook: MakeWorkbook, registry
) -> None:
    path = make_workbook({
        "数据": [
            ["指标", "年份", "数值", "单位"],
            ["enterprise_count", 2024, 25, "家"],  # the roster has 20: conflict
            ["revenue_engineering", 2024, 340.88894, "亿元"],  # the roster agrees: no warning
        ],
        "企业名录": roster_sheet(),
    })
    data = read_workbook(path, registry)
    assert codes_at(data.warnings) == {("warning", "roster-conflict", "数据!C2")}
    [conflict] = data.warnings
    for lang in ("zh", "en"):
        message = conflict.message(lang)
        assert "25" in message and "20" in message
        assert "企业名录 (20 firms)" in message
    by_indicator = {o.indicator: o for o in data.observations if o.year == 2024}
    assert by_indicator["enterprise_count"].value == 25
    assert by_indicator["enterprise_count"].origin == "data"
    assert by_indicator["enterprise_count"].where == "数据!C2"
    assert by_indicator["revenue_engineering"].origin == "data"
    # Everything not reported comes from the roster.
    assert by_indicator["revenue_traction_power"].value == 169.99999
    assert by_indicator["revenue_traction_power"].origin == "roster"
    assert by_indicator["enterprises_rev_ge_1yi"].value == 14
    assert by_indicator["enterprises_rev_ge_1yi"].origin == "roster"


def test_reported_figure_for_one_indicator_derived_for_the_others(
    make_workbook: MakeWorkbook, registry
) -> None:
    path = make_workbook({
        "数据": [["指标", "年份", "数值"], ["专精特新企业", 2024, 8]],
        "企业名录": roster_sheet(),
    })
    data = read_workbook(path, registry)
    assert data.warnings == ()  # the reported 8 equals the roster's 8
    origins = {o.indicator: o.origin for o in data.observations if o.year == 2024}
    assert origins.pop("specialised_sme_count") == "data"
    assert set(origins.values()) == {"roster"}
    assert len(origins) == 9


# -- blank revenue --------------------------------------------------------------------------


def test_blank_revenue_gives_bounded_counts_and_a_warning(
    make_workbook: MakeWorkbook, registry
) -> None:
    path = make_workbook({"企业名录": [
        ["企业名称", "年份", "营业收入（万元）", "细分赛道"],
        ["甲", 2024, 150_000, "工程建设"],  # 15亿
        ["乙", 2024, None, "工程建设"],  # revenue not known
        ["丙", 2024, 20_000, "牵引供电"],  # 2亿
        ["丁", 2024, "", "通信信号"],  # revenue not known (an empty string)
        ["戊", 2024, 500, "智能运维"],
        ["己", 2023, 500, "智能运维"],  # 2023 is complete: exact
    ]})
    data = read_workbook(path, registry)
    assert codes_at(data.warnings) == {
        ("warning", "roster-missing-revenue", "企业名录!C3"),
        ("warning", "roster-missing-revenue", "企业名录!C5"),
    }
    figures = {o.indicator: o.figure() for o in data.observations if o.year == 2024}
    assert figures["enterprise_count"] == exact(5)  # both still count
    # k firms for sure, up to k + 2 with the two unknown revenues.
    assert figures["enterprises_rev_ge_1yi"] == Figure(2, 2, 4, qualifier="以上")
    assert figures["enterprises_rev_ge_10yi"] == Figure(1, 1, 3, qualifier="以上")
    assert figures["enterprises_rev_ge_100yi"] == Figure(0, 0, 2, qualifier="以上")
    # Segments with a firm of unknown revenue are at least the known sum, without upper bound.
    assert figures["revenue_engineering"] == Figure(15, 15, None, qualifier="以上")
    assert figures["revenue_signalling"] == Figure(0, 0, None, qualifier="以上")
    # Segments whose firms are all known stay exact.
    assert figures["revenue_traction_power"] == exact(2)
    assert figures["revenue_smart_om"] == exact(0.05)
    assert figures["revenue_logistics"] == exact(0)
    assert all(o.qualifier is None for o in data.observations if o.year == 2023)
    message = data.warnings[0].message("en")
    assert "乙" in message and "2024" in message


# -- errors, each with its cell -----------------------------------------------------------


def test_row_errors_with_cells(make_workbook: MakeWorkbook, registry) -> None:
    # Columns: A 序号, B 企业名称, C 年份, D 营业收入（万元）, E 细分赛道, F 专精特新.
    path = make_workbook({"企业名录": [
        HEADER_ZH,
        [1, "Jing Rail Co", 2024, 1000, "工程建设", "否"],  # row 2: good
        [2, None, 2024, 1000, "工程建设", "否"],  # row 3: blank name
        [3, "乙", 2024, 1000, "高铁", "否"],  # row 4: unknown segment
        [4, "丙", 2024, 1000, None, "否"],  # row 5: missing segment
        [5, "ＪＩＮＧ  rail co", 2024, 2000, "工程建设", "是"],  # row 6: duplicate of row 2
        [6, "丁", 2024, 1000, "工程建设", "maybe"],  # row 7: bad flag
        [7, "戊", "二〇二四", 1000, "工程建设", "否"],  # row 8: bad year
        [8, "己", 1800, 1000, "工程建设", "否"],  # row 9: year out of range
        [9, "庚", 2024, -5, "工程建设", "否"],  # row 10: negative revenue
        [10, "辛", 2024, "约100", "工程建设", "否"],  # row 11: a qualifier is not a roster number
        [11, "壬", None, 1000, "工程建设", "否"],  # row 12: missing year
        [12, "Jing Rail Co", 2023, 1000, "工程建设", "否"],  # row 13: another year, fine
    ]})
    problems = problems_of(path, registry)
    assert codes_at(problems) == {
        ("error", "roster-blank-name", "企业名录!B3"),
        ("error", "roster-unknown-segment", "企业名录!E4"),
        ("error", "roster-missing-segment", "企业名录!E5"),
        ("error", "roster-duplicate", "企业名录!B6"),
        ("error", "roster-bad-flag", "企业名录!F7"),
        ("error", "bad-year", "企业名录!C8"),
        ("error", "year-out-of-range", "企业名录!C9"),
        ("error", "roster-negative-revenue", "企业名录!D10"),
        ("error", "bad-number", "企业名录!D11"),
        ("error", "roster-missing-year", "企业名录!C12"),
    }
    by_code = {p.code: p for p in problems}
    for problem in problems:  # every message renders in both languages
        assert problem.file == "data.xlsx"
        assert problem.message("zh") and problem.message("en")
    duplicate = by_code["roster-duplicate"].message("en")
    assert "企业名录!B2" in duplicate and "2024" in duplicate  # names the first row too
    unknown = by_code["roster-unknown-segment"].message("zh")
    assert "高铁" in unknown and "工程建设" in unknown and "智能运维" in unknown
    assert "maybe" in by_code["roster-bad-flag"].message("en")
    assert "是/否" in by_code["roster-bad-flag"].message("zh")
    assert "-5" in by_code["roster-negative-revenue"].message("en")
    assert "1949" in by_code["year-out-of-range"].message("en")


def test_revenue_without_any_unit_is_an_error_at_the_header(
    make_workbook: MakeWorkbook, registry
) -> None:
    path = make_workbook({"企业名录": [
        ["企业名称", "年份", "营业收入", "细分赛道"],
        ["甲", 2024, 12_345.6, "工程建设"],
        ["乙", 2024, 1_000, "工程建设"],
    ]})
    problems = problems_of(path, registry)
    assert codes_at(problems) == {("error", "roster-no-unit", "企业名录!C1")}  # once, not per row
    assert "营业收入" in problems[0].message("zh")
    assert "营业收入（万元）" in problems[0].message("en")


def test_unit_problems(make_workbook: MakeWorkbook, registry) -> None:
    path = make_workbook({
        "企业名录": [
            ["企业名称", "年份", "营业收入", "单位", "细分赛道"],
            ["甲", 2024, 100, "万元", "工程建设"],
            ["乙", 2024, 100, "万美元", "工程建设"],  # unknown unit
            ["丙", 2024, 100, "家", "工程建设"],  # not money
            ["丁", 2024, 100, None, "工程建设"],  # no unit here, none in the header
            ["戊", 2024, None, None, "工程建设"],  # no revenue: no unit needed (a warning)
        ],
        "enterprises": [
            ["name", "year", "revenue (USD)", "segment"],  # unknown unit in the header
            ["Alpha", 2024, 100, "engineering"],
            ["Beta", 2024, 200, "engineering"],
        ],
    })
    problems = problems_of(path, registry)
    assert codes_at(problems) == {
        ("error", "unknown-unit", "企业名录!D3"),
        ("error", "wrong-unit-kind", "企业名录!D4"),
        ("error", "roster-missing-unit", "企业名录!D5"),
        ("warning", "roster-missing-revenue", "企业名录!C6"),
        ("error", "unknown-unit", "enterprises!C1"),  # once, at the header
    }
    by_where = {p.where: p for p in problems}
    assert "万美元" in by_where["企业名录!D3"].message("en")
    assert "USD" in by_where["enterprises!C1"].message("zh")


def test_roster_sheet_without_year_column(make_workbook: MakeWorkbook, registry) -> None:
    path = make_workbook({"企业名录": [
        ["企业名称", "营业收入（万元）", "细分赛道"],
        ["甲", 100, "工程建设"],
    ]})
    assert codes_at(problems_of(path, registry)) == {
        ("error", "roster-no-year-column", "企业名录!A1")
    }


def test_duplicate_firm_year_across_roster_sheets(make_workbook: MakeWorkbook, registry) -> None:
    path = make_workbook({
        "2023年企业名录": [["企业名称", "年份", "营业收入（万元）", "赛道"],
                          ["甲", 2023, 100, "工程建设"]],
        "2024年企业名录": [["企业名称", "年份", "营业收入（万元）", "赛道"],
                          ["乙", 2024, 100, "工程建设"],
                          ["甲", 2023, 100, "工程建设"]],  # copied over with last year's year
    })
    problems = problems_of(path, registry)
    assert codes_at(problems) == {("error", "roster-duplicate", "2024年企业名录!A3")}
    assert "2023年企业名录!A2" in problems[0].message("en")


# -- header recognition -------------------------------------------------------------------


def cells(*values: Any, row: int = 1) -> list[Cell]:
    return [Cell(row, column, value, None) for column, value in enumerate(values, start=1)
            if value is not None]


def test_roster_header_recognition() -> None:
    # Not rosters: data layouts, and a firm list without year + revenue/segment elsewhere.
    assert roster_header("数据", cells("指标", "年份", "数值", "单位")) is None
    assert roster_header("数据", cells("指标", 2021, 2022)) is None
    assert roster_header("Sheet1", cells("企业名称", "营业收入（万元）")) is None
    assert roster_header("Sheet1", cells("企业名称", "年份", "专精特新")) is None
    assert roster_header("企业名录", cells("企业名录（2024年）")) is None  # a title row
    # A sheet named as a roster needs only the name and one more roster column.
    named = roster_header("Enterprise Roster", cells("Company", "Year"))
    assert named is not None and (named.name, named.year) == (1, 2)
    # Anywhere: name + year + revenue or segment.
    columns = roster_header(
        "Sheet1", cells("序号", "单位名称", "年度", "收入（亿元）", "单位", "领域", "是否专精特新",
                        "地址", row=3)
    )
    assert columns is not None
    assert (columns.name, columns.year, columns.revenue, columns.unit, columns.segment) == (
        2, 3, 4, 5, 6
    )
    assert columns.flags == {"specialised_sme": 7}
    assert (columns.revenue_unit, columns.revenue_unit_where) == ("亿元", "Sheet1!D3")
    assert columns.ignored == (("Sheet1!H3", "地址"),)  # 序号 is ignored quietly
    assert columns.header_row == 3


def test_unrecognised_roster_columns_are_warned_about(
    make_workbook: MakeWorkbook, registry
) -> None:
    path = make_workbook({"企业名录": [
        ["序号", "企业名称", "年份", "营业收入（万元）", "注册地址", "备注"],
        [1, "甲", 2024, 100, "丰台区", "新入库"],
    ]})
    data = read_workbook(path, registry)
    assert codes_at(data.warnings) == {("warning", "column-ignored", "企业名录!E1")}
    assert derived(data, 2024)["enterprise_count"] == 1


@pytest.mark.parametrize(
    ("value", "flag"),
    [("是", True), ("否", False), ("Y", True), ("n", False), ("Yes", True), ("NO", False),
     ("TRUE", True), ("false", False), (1, True), (0, False), (1.0, True), ("1", True),
     ("0", False), ("√", True), ("×", False), ("✓", True), ("✗", False), (True, True),
     (False, False), (None, False), ("", False), ("  ", False), ("　是　", True),
     ("maybe", None), (2, None), ("待定", None)],
)
def test_flag_values(value: Any, flag: bool | None) -> None:
    assert parse_flag(value) is flag


# -- derive ---------------------------------------------------------------------------------


def test_derive_only_for_known_indicators(registry) -> None:
    firms = [
        FirmYear("甲", 2024, 1.5, "engineering", {"specialised_sme": True}, "名录!A2", "名录",
                 True),
        FirmYear("乙", 2024, 0.5, "other", {"specialised_sme": False}, "名录!A3", "名录", True),
    ]
    known = {i: registry.indicators[i] for i in ("enterprise_count", "revenue_engineering")}
    assert [(d.indicator, d.year, d.figure, d.where) for d in derive(firms, known)] == [
        ("enterprise_count", 2024, exact(2), "名录 (2 firms)"),
        ("revenue_engineering", 2024, exact(1.5), "名录 (2 firms)"),
    ]


def test_roster_without_revenue_column_gives_only_counts(
    make_workbook: MakeWorkbook, registry
) -> None:
    path = make_workbook({"企业名录": [
        ["企业名称", "年份", "专精特新"],
        ["甲", 2024, "是"],
        ["乙", 2024, "否"],
        ["丙", 2024, None],
    ]})
    assert derived(read_workbook(path, registry), 2024) == {
        "enterprise_count": 3,
        "specialised_sme_count": 1,
    }


def test_long_roster(make_workbook: MakeWorkbook, registry) -> None:
    # 3,000 firms: firm i has revenue i × 100 万元 (i/100 亿元), in segment i mod 6.
    rows: list[list[Any]] = [["企业名称", "年份", "营业收入（万元）", "细分赛道"]]
    segments = ["工程建设", "牵引供电", "物流运输", "通信信号", "智能运维", "其他"]
    for i in range(1, 3001):
        rows.append([f"企业{i:04d}", 2024, i * 100, segments[i % 6]])
    values = derived(read_workbook(make_workbook({"企业名录": rows}), registry), 2024)
    assert values["enterprise_count"] == 3000
    assert values["enterprises_rev_ge_1yi"] == 2901  # i ≥ 100
    assert values["enterprises_rev_ge_10yi"] == 2001  # i ≥ 1000
    assert values["enterprises_rev_ge_100yi"] == 0  # i ≥ 10000: none
    # Engineering: i ≡ 0 (mod 6), i = 6, 12, …, 3000: 500 firms, Σi = 6 · (1+…+500) = 751,500;
    # × 100 万元 = 75,150,000 万元 = 7515 亿元.
    assert values["revenue_engineering"] == 7515.0
