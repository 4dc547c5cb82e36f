"""Qualified figures and units end to end: workbook → `railkpi assess|validate --format json`.

Every status below is checked by hand from the bounds the words give (tests/test_figures.py
spells the bounds out): 180余 = [180, 190), 突破3000 = (3000, ∞), 3000以上 = [3000, ∞),
近3000 = (-∞, 3000), 3500以下 = (-∞, 3500], 约3100 = no bound.

Targets used (targets/*.yaml):
- 2023-2025 revenue-2025: revenue_total ≥ 3000 (亿元) in 2025, baseline year 2022.
- 14th-fyp revenue-2025: revenue_total > 3500 in 2025; 2020 = 2364.9 from the plan.
- 14th-fyp enterprises-increase: enterprise_count ≥ +60 over 2020, which the plan gives as
  "180余" (history); enterprises-2025: enterprise_count > 240.
- 2023-2025 core-tech-each-year: core_tech_breakthroughs ≥ 30 in each of 2023, 2024, 2025.
- 14th-fyp intl-events: intl_events within 2–3 in each of 2021…2025.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from railkpi.plans.loader import load_plans
from railkpi.plans.registry import IndicatorRegistry, merge_plans
from railkpi.problems import InputError, Problem
from railkpi.read.workbook import read_workbook

MakeWorkbook = Callable[..., Path]
HEADER = ["指标", "年份", "数值"]


def book(make_workbook: MakeWorkbook, rows: Sequence[Sequence[Any]],
         header: Sequence[str] = HEADER) -> Path:
    return make_workbook({"数据": [list(header), *map(list, rows)]})


def assess_json(railkpi: Callable[..., Any], path: Path, plan: str, *extra: str) -> Any:
    run = railkpi("assess", path, "--plan", plan, "--format", "json", "--lang", "en", *extra)
    assert run.exit_code == 0, run.stdout + run.stderr
    return run.json()


def find(doc: dict[str, Any], plan_id: str, target_id: str) -> dict[str, Any]:
    plan = next(p for p in doc["plans"] if p["id"] == plan_id)
    return next(t for t in plan["targets"] if t["id"] == target_id)


def note_codes(entry: dict[str, Any]) -> list[str]:
    return [n["code"] for n in entry["notes"]]


def note(entry: dict[str, Any], code: str) -> str:
    return next(n["message"] for n in entry["notes"] if n["code"] == code)


def bounds(point: dict[str, Any]) -> tuple[Any, ...]:
    return (point["value"], point["qualifier"], point["lower"], point["upper"],
            point["lower_inclusive"], point["upper_inclusive"])


# -- Action Plan revenue-2025: ≥ 3000 in 2025 -----------------------------------------------

AP_REVENUE = [
    # (2025 figure, status, (value, qualifier, lower, upper, lower_inc, upper_inc))
    # (3000, ∞): every value is ≥ 3000
    ("突破3000", "achieved", (3000.0, "突破", 3000.0, None, False, True)),
    ("超过3000", "achieved", (3000.0, "超过", 3000.0, None, False, True)),
    # [3000, 4000): the lowest, 3000, meets ≥ 3000
    ("3000余", "achieved", (3000.0, "余", 3000.0, 4000.0, True, False)),
    # [3000, ∞)
    ("3000以上", "achieved", (3000.0, "以上", 3000.0, None, True, True)),
    ("不少于3000", "achieved", (3000.0, "不少于", 3000.0, None, True, True)),
    # (-∞, 3000): no value reaches 3000
    ("近3000", "not_achieved", (3000.0, "近", None, 3000.0, True, False)),
    ("不足3000", "not_achieved", (3000.0, "不足", None, 3000.0, True, False)),
    # [2999, 3000): u = 1 for 2999, so 3000 itself is excluded
    ("2999余", "not_achieved", (2999.0, "余", 2999.0, 3000.0, True, False)),
    # [2990, 3000): u = 10
    ("2990多", "not_achieved", (2990.0, "多", 2990.0, 3000.0, True, False)),
    # (-∞, 2999]
    ("不超过2999", "not_achieved", (2999.0, "不超过", None, 2999.0, True, True)),
    # about 3100: no bound settles ≥ 3000
    ("约3100", "undetermined", (3100.0, "约", None, None, True, True)),
    ("3000左右", "undetermined", (3000.0, "左右", None, None, True, True)),
    # (-∞, 3000]: 3000 meets, 2999 does not
    ("3000以下", "undetermined", (3000.0, "以下", None, 3000.0, True, True)),
    # (2999, ∞): 2999.5 fails, 3001 meets
    ("逾2999", "undetermined", (2999.0, "逾", 2999.0, None, False, True)),
]


@pytest.mark.parametrize(("figure", "status", "expected"), AP_REVENUE)
def test_action_plan_revenue_in_the_target_year(make_workbook, railkpi, figure, status,
                                                expected):
    path = book(make_workbook, [("年度收入", 2022, 2650), ("年度收入", 2025, figure)])
    entry = find(assess_json(railkpi, path, "2023-2025"), "2023-2025", "revenue-2025")
    assert entry["status"] == status
    assert entry["early"] is False
    assert bounds(entry["latest"]) == expected
    assert (entry["latest"]["year"], entry["latest"]["source"]) == (2025, "data")
    assert entry["latest"]["where"] == "数据!C3"
    # rates from the point value N, marked approximate
    assert entry["actual_cagr"] == pytest.approx((expected[0] / 2650) ** (1 / 3) - 1, rel=1e-9)
    assert entry["approximate"] is True
    if status == "undetermined":
        assert "bounds-unsettled" in note_codes(entry)
    else:
        assert "bounds-unsettled" not in note_codes(entry)


def test_exact_figure_has_null_bounds_and_is_not_approximate(make_workbook, railkpi):
    path = book(make_workbook, [("年度收入", 2022, 2650), ("年度收入", 2025, 3100)])
    entry = find(assess_json(railkpi, path, "2023-2025"), "2023-2025", "revenue-2025")
    assert entry["status"] == "achieved"
    for point in (entry["baseline"], entry["latest"]):
        assert (point["qualifier"], point["lower"], point["upper"]) == (None, None, None)
    assert entry["approximate"] is False


# -- 14th FYP revenue-2025: > 3500 in 2025 ---------------------------------------------------


@pytest.mark.parametrize(
    ("figure", "status"),
    [
        ("突破3000", "undetermined"),  # (3000, ∞) vs > 3500: 3100 fails, 3600 meets
        ("3500以上", "undetermined"),  # [3500, ∞): 3500 itself fails > 3500
        ("3500余", "undetermined"),  # [3500, 3600): likewise
        ("近3600", "undetermined"),  # (-∞, 3600): 3550 meets, 3400 fails
        ("超过3500", "achieved"),  # (3500, ∞)
        ("3501余", "achieved"),  # [3501, 3502)
        ("3500以下", "not_achieved"),  # (-∞, 3500]
        ("不足3500", "not_achieved"),  # (-∞, 3500)
        ("3490多", "not_achieved"),  # [3490, 3500)
    ],
)
def test_14th_fyp_revenue_strict_target(make_workbook, railkpi, figure, status):
    path = book(make_workbook, [("总收入", 2025, figure)])
    entry = find(assess_json(railkpi, path, "14th-fyp"), "14th-fyp", "revenue-2025")
    assert entry["status"] == status
    assert entry["target_value"] == 3500.0
    assert entry["baseline"]["value"] == 2364.9 and entry["baseline"]["source"] == "plan"
    assert ("bounds-unsettled" in note_codes(entry)) is (status == "undetermined")


def test_undetermined_note_says_which_bound(make_workbook, railkpi):
    path = book(make_workbook, [("总收入", 2025, "突破3000")])
    entry = find(assess_json(railkpi, path, "14th-fyp"), "14th-fyp", "revenue-2025")
    assert entry["status"] == "undetermined"
    message = note(entry, "bounds-unsettled")
    assert ">3000" in message  # the bound the figure gives
    assert ">3500" in message  # the target it cannot settle
    assert "2025" in message
    zh = railkpi("assess", path, "--plan", "14th-fyp", "--format", "json", "--lang", "zh").json()
    assert ">3000" in note(find(zh, "14th-fyp", "revenue-2025"), "bounds-unsettled")


# -- 14th FYP enterprises: the plan's own 180余 as the 2020 baseline --------------------------

BASELINE_180_YU = {
    "year": 2020, "value": 180.0, "qualifier": "余", "lower": 180.0, "upper": 190.0,
    "lower_inclusive": True, "upper_inclusive": False, "source": "plan",
}


@pytest.mark.parametrize(
    ("figure", "status"),
    [
        # latest − baseline, with both bounds; the target is ≥ +60
        ("240余", "undetermined"),  # [240, 250) − [180, 190) = (50, 70)
        (255, "achieved"),  # 255 − [180, 190) = (65, 75]
        (245, "undetermined"),  # (55, 65]
        (235, "not_achieved"),  # (45, 55]
        (250, "achieved"),  # (60, 70]: 250 − 190 = 60 is excluded, so every change is > 60
        ("250以上", "achieved"),  # [250, ∞) − [180, 190) = (60, ∞)
        ("近240", "not_achieved"),  # (-∞, 240) − [180, 190) = (-∞, 60)
        (249, "undetermined"),  # (59, 69]
        ("约300", "undetermined"),  # no bound
    ],
)
def test_enterprises_increase_over_the_plans_180_yu(make_workbook, railkpi, figure, status):
    path = book(make_workbook, [("企业数量", 2025, figure)])  # no 2020 row
    entry = find(assess_json(railkpi, path, "14th-fyp"), "14th-fyp", "enterprises-increase")
    assert entry["status"] == status
    baseline = entry["baseline"]
    assert {k: baseline[k] for k in BASELINE_180_YU} == BASELINE_180_YU
    assert baseline["where"].startswith("history[")
    # X = x0 + Δ from the point value: 180 + 60
    assert entry["target_value"] == 240.0
    # the baseline is qualified, so the rates are approximate even with an exact latest
    assert entry["approximate"] is True
    latest = float(re.sub(r"\D", "", str(figure)))
    assert entry["actual_cagr"] == pytest.approx((latest / 180) ** (1 / 5) - 1, rel=1e-9)
    assert ("bounds-unsettled" in note_codes(entry)) is (status == "undetermined")


def test_enterprises_increase_note_names_both_figures(make_workbook, railkpi):
    path = book(make_workbook, [("企业数量", 2025, "240余")])
    entry = find(assess_json(railkpi, path, "14th-fyp"), "14th-fyp", "enterprises-increase")
    message = note(entry, "bounds-unsettled")
    assert "240余" in message and "180余" in message


@pytest.mark.parametrize(
    ("figure", "status"),
    [
        ("240余", "undetermined"),  # [240, 250) vs > 240: 240 itself fails
        ("241余", "achieved"),  # [241, 242)
        ("超过240", "achieved"),  # (240, ∞)
        (240, "not_achieved"),
        ("240以下", "not_achieved"),  # (-∞, 240]
    ],
)
def test_enterprises_level_target(make_workbook, railkpi, figure, status):
    path = book(make_workbook, [("企业数量", 2025, figure)])
    entry = find(assess_json(railkpi, path, "14th-fyp"), "14th-fyp", "enterprises-2025")
    assert entry["status"] == status


def test_data_baseline_overrides_the_plans_180_yu(make_workbook, railkpi):
    # The workbook's own 2020 figure 185 replaces 180余: 245 − 185 = 60 ≥ 60, settled.
    path = book(make_workbook, [("企业数量", 2020, 185), ("企业数量", 2025, 245)])
    entry = find(assess_json(railkpi, path, "14th-fyp"), "14th-fyp", "enterprises-increase")
    assert entry["status"] == "achieved"
    assert entry["baseline"]["source"] == "data"
    assert entry["baseline"]["qualifier"] is None
    assert entry["approximate"] is False


# -- before the target year -----------------------------------------------------------------


@pytest.mark.parametrize("figure", ["突破3000", "3000余", "3000以上"])
def test_settled_met_before_the_target_year_is_achieved_early(make_workbook, railkpi, figure):
    path = book(make_workbook, [("年度收入", 2022, 2650), ("年度收入", 2023, figure)])
    doc = assess_json(railkpi, path, "2023-2025")
    assert doc["as_of"] == 2023
    entry = find(doc, "2023-2025", "revenue-2025")
    assert (entry["status"], entry["early"]) == ("achieved", True)
    assert entry["approximate"] is True


def test_unsettled_before_the_target_year_gets_the_progress_status(make_workbook, railkpi):
    # 14th revenue-2025 (> 3500) in 2023 with "约3100": rates from the point 3100.
    path = book(make_workbook, [("总收入", 2023, "约3100")])
    entry = find(assess_json(railkpi, path, "14th-fyp"), "14th-fyp", "revenue-2025")
    actual = (3100 / 2364.9) ** (1 / 3) - 1  # ≈ 9.44 %
    required = (3500 / 2364.9) ** (1 / 5) - 1  # ≈ 8.16 %
    assert entry["actual_cagr"] == pytest.approx(actual, rel=1e-9)
    assert entry["required_cagr"] == pytest.approx(required, rel=1e-9)
    assert entry["growth_ratio"] == pytest.approx(actual / required, rel=1e-9)  # ≈ 1.16
    assert entry["completion"] == pytest.approx((3100 - 2364.9) / (3500 - 2364.9), rel=1e-9)
    assert entry["gap"] == pytest.approx(400.0, rel=1e-9)
    assert entry["status"] == "on_track"
    assert entry["early"] is False
    assert entry["approximate"] is True
    assert "bounds-unsettled" in note_codes(entry)


def test_unsettled_lower_bound_before_the_target_year(make_workbook, railkpi):
    # "突破3000" in 2023 against > 3500: unsettled; from the point 3000,
    # actual (3000/2364.9)^(1/3) − 1 ≈ 8.25 % against 8.16 % required: ratio ≈ 1.01 → on_track
    path = book(make_workbook, [("总收入", 2023, "突破3000")])
    entry = find(assess_json(railkpi, path, "14th-fyp"), "14th-fyp", "revenue-2025")
    actual = (3000 / 2364.9) ** (1 / 3) - 1
    required = (3500 / 2364.9) ** (1 / 5) - 1
    assert entry["growth_ratio"] == pytest.approx(actual / required, rel=1e-9)
    assert (entry["status"], entry["early"]) == ("on_track", False)
    assert "bounds-unsettled" in note_codes(entry)


def test_settled_not_met_before_the_target_year_is_graded_without_a_note(make_workbook,
                                                                        railkpi):
    # "近2500" in 2023 against > 3500: settled, not (yet) met; the point 2500 grades it:
    # (2500/2364.9)^(1/3) − 1 ≈ 1.87 %, / 8.16 % ≈ 0.23 → off_track
    path = book(make_workbook, [("总收入", 2023, "近2500")])
    entry = find(assess_json(railkpi, path, "14th-fyp"), "14th-fyp", "revenue-2025")
    actual = (2500 / 2364.9) ** (1 / 3) - 1
    required = (3500 / 2364.9) ** (1 / 5) - 1
    assert entry["growth_ratio"] == pytest.approx(actual / required, rel=1e-9)
    assert entry["status"] == "off_track"
    assert "bounds-unsettled" not in note_codes(entry)


# -- each_year ------------------------------------------------------------------------------


def test_each_year_with_an_unsettled_year_is_undetermined_at_the_end(make_workbook, railkpi):
    # ≥ 30 each year: 31 yes, 约30 unsettled, 32 yes
    path = book(make_workbook, [("新突破关键核心技术", 2023, 31),
                                ("新突破关键核心技术", 2024, "约30"),
                                ("新突破关键核心技术", 2025, 32)])
    entry = find(assess_json(railkpi, path, "2023-2025"), "2023-2025", "core-tech-each-year")
    assert entry["status"] == "undetermined"
    assert entry["failing_years"] == []
    assert "2024" in note(entry, "unsettled-years")
    assert "2023" not in note(entry, "unsettled-years")
    assert entry["approximate"] is True


def test_each_year_unsettled_year_listed_before_the_end(make_workbook, railkpi):
    path = book(make_workbook, [("新突破关键核心技术", 2023, 31),
                                ("新突破关键核心技术", 2024, "30左右")])
    entry = find(assess_json(railkpi, path, "2023-2025"), "2023-2025", "core-tech-each-year")
    assert entry["failing_years"] == []
    assert "2024" in note(entry, "unsettled-years")
    assert entry["status"] != "not_achieved"


def test_each_year_settled_qualified_years_are_achieved(make_workbook, railkpi):
    # [30, 40), (30, ∞), [30, ∞): every value of every year is ≥ 30
    path = book(make_workbook, [("新突破关键核心技术", 2023, "30余"),
                                ("新突破关键核心技术", 2024, "超过30"),
                                ("新突破关键核心技术", 2025, "30以上")])
    entry = find(assess_json(railkpi, path, "2023-2025"), "2023-2025", "core-tech-each-year")
    assert entry["status"] == "achieved"
    assert "unsettled-years" not in note_codes(entry)


def test_each_year_a_settled_miss_is_final(make_workbook, railkpi):
    # 近30 = (-∞, 30): 2024 fails whatever 2025 says
    path = book(make_workbook, [("新突破关键核心技术", 2023, 31),
                                ("新突破关键核心技术", 2024, "近30"),
                                ("新突破关键核心技术", 2025, "约40")])
    entry = find(assess_json(railkpi, path, "2023-2025"), "2023-2025", "core-tech-each-year")
    assert entry["status"] == "not_achieved"
    assert entry["failing_years"] == [2024]
    assert "2025" in note(entry, "unsettled-years")


def test_each_year_range_with_a_unit_in_the_cell(make_workbook, railkpi):
    # intl-events 2–3 each year 2021-2025: "2次以上" = [2, ∞) meets ≥ 2; "约3次" does not settle
    path = book(make_workbook, [("国际性展览和论坛会议", 2021, 2),
                                ("国际性展览和论坛会议", 2022, 3),
                                ("国际性展览和论坛会议", 2023, "2次以上"),
                                ("国际性展览和论坛会议", 2024, "约3次"),
                                ("国际性展览和论坛会议", 2025, 3)])
    entry = find(assess_json(railkpi, path, "14th-fyp"), "14th-fyp", "intl-events")
    assert entry["status"] == "undetermined"
    assert entry["failing_years"] == []
    assert "2024" in note(entry, "unsettled-years")
    assert "2023" not in note(entry, "unsettled-years")


# -- ratio, growth and trend targets compare on the bounds too -------------------------------


@pytest.mark.parametrize(
    ("figure", "status"),
    [
        # rd-expenditure-double: 2025 ÷ 56.8 (2020, plan) ≥ 2
        ("113.6以上", "achieved"),  # [113.6, ∞) ÷ 56.8 = [2, ∞)
        ("突破113.6", "achieved"),  # (2, ∞)
        ("近113.6", "not_achieved"),  # (-∞, 2)
        ("110余", "undetermined"),  # [110, 120) ÷ 56.8 ≈ [1.937, 2.113)
        ("约120", "undetermined"),
    ],
)
def test_ratio_target_on_the_bounds(make_workbook, railkpi, figure, status):
    path = book(make_workbook, [("研发经费", 2025, figure)])
    entry = find(assess_json(railkpi, path, "14th-fyp"), "14th-fyp", "rd-expenditure-double")
    assert entry["status"] == status
    assert entry["target_value"] == pytest.approx(113.6, rel=1e-9)


@pytest.mark.parametrize(
    ("figure", "status"),
    [
        # patent-growth ≥ 20 % a year 2022 → 2025 from 100: needs ≥ 100 · 1.2³ = 172.8
        ("172.8以上", "achieved"),  # [172.8, ∞)
        ("近172.8", "not_achieved"),  # (-∞, 172.8)
        ("170余", "undetermined"),  # [170, 180)
        ("约200", "undetermined"),
    ],
)
def test_growth_target_on_the_bounds(make_workbook, railkpi, figure, status):
    path = book(make_workbook, [("专利数量", 2022, 100), ("专利数量", 2025, figure)])
    entry = find(assess_json(railkpi, path, "2023-2025"), "2023-2025", "patent-growth")
    assert entry["status"] == status


def test_trend_unsettled_change(make_workbook, railkpi):
    # tech-transactions-rising, 2022 → 2025: 100 → 100余 = [0, 100) change, unsettled;
    # 100余 → 250 = (50, 150], rise; 250 → 300, rise
    path = book(make_workbook, [("技术交易额", 2022, 100), ("技术交易额", 2023, "100余"),
                                ("技术交易额", 2024, 250), ("技术交易额", 2025, 300)])
    entry = find(assess_json(railkpi, path, "2023-2025"), "2023-2025",
                 "tech-transactions-rising")
    assert entry["status"] == "undetermined"
    assert entry["failing_years"] == []
    assert "2023" in note(entry, "unsettled-years")
    assert "2024" not in note(entry, "unsettled-years")


def test_trend_settled_fall(make_workbook, railkpi):
    # 100 → 超过100 = (0, ∞), rise; 超过100 → 近100 = (-∞, 0), a fall whatever the figures are
    path = book(make_workbook, [("技术交易额", 2022, 100), ("技术交易额", 2023, "超过100"),
                                ("技术交易额", 2024, "近100")])
    entry = find(assess_json(railkpi, path, "2023-2025"), "2023-2025",
                 "tech-transactions-rising")
    assert entry["status"] == "not_achieved"
    assert entry["failing_years"] == [2024]


# -- the table shows the qualifier ----------------------------------------------------------


def test_table_shows_qualified_labels(make_workbook, railkpi, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # every column of the table (render/table_fit.py)
    path = book(make_workbook, [
        ("总收入", 2025, "约3100"),
        ("企业数量", 2025, "超过250"),
        ("亿级企业", 2025, "70以上"),
        ("十亿级企业", 2025, "近25"),
        ("创新平台", 2025, "40以下"),
    ])
    for lang in ("en", "zh"):
        run = railkpi("assess", path, "--plan", "14th-fyp", "--lang", lang)
        assert run.exit_code == 0, run.stderr
        out = run.stdout
        assert "180余" in out  # the plan's 2020 enterprises, as baseline
        assert re.search(r"≈3100(\.0)?(?![\d.])", out), out
        assert re.search(r"(?<![≥\d])>250(?![\d.])", out), out
        assert re.search(r"≥70(?![\d.])", out), out
        assert re.search(r"<25(?![\d.])", out), out
        assert re.search(r"≤40(?![\d.])", out), out
        # rates from a qualified figure are prefixed with ≈:
        # revenue (3100/2364.9)^(1/5) − 1 ≈ 5.6 %; enterprises (250/180)^(1/5) − 1 ≈ 6.8 %
        revenue_cagr = (3100 / 2364.9) ** (1 / 5) - 1
        enterprises_cagr = (250 / 180) ** (1 / 5) - 1
        assert f"≈{revenue_cagr * 100:.1f}%" in out
        assert f"≈{enterprises_cagr * 100:.1f}%" in out


# -- units through workbooks ----------------------------------------------------------------


@pytest.fixture(scope="module")
def registry() -> IndicatorRegistry:
    return merge_plans(load_plans(["14th-fyp", "2023-2025"]))


def problems_of(path: Path, registry: IndicatorRegistry) -> tuple[Problem, ...]:
    with pytest.raises(InputError) as caught:
        read_workbook(path, registry)
    return caught.value.problems


UNIT_ROWS = [
    # (indicator, year, value, unit, expected in 亿元)
    ("revenue_total", 2016, 236490000000, "元", 2364.9),
    ("revenue_total", 2017, 23649000, "万元", 2364.9),
    ("revenue_total", 2018, 2364.9, "亿元", 2364.9),
    ("revenue_total", 2019, 2.3649, "千亿元", 2364.9),
    ("revenue_total", 2020, 236490000000, "yuan", 2364.9),
    ("revenue_total", 2021, 23649000, "10k CNY", 2364.9),
    ("revenue_total", 2022, 2364.9, "100M CNY", 2364.9),
    ("revenue_total", 2023, 2.3649, "100 billion yuan", 2364.9),
    ("revenue_total", 2024, "23,649,000", "万元", 2364.9),
    ("rd_expenditure", 2023, 12345.6, "万元", 1.23456),
    ("rd_expenditure", 2024, 568000, "万元", 56.8),
    ("profit_total", 2023, 263.7, "亿元", 263.7),
    ("profit_total", 2024, 26370000000, "元", 263.7),
    ("tech_transaction_value", 2023, 0.1, "千亿元", 100.0),
    ("domestic_supply_share", 2023, 72.5, "%", 72.5),
]


def test_money_units_converted_exactly(make_workbook, registry):
    path = book(make_workbook, [row[:4] for row in UNIT_ROWS], header=["指标", "年份", "数值",
                                                                        "单位"])
    data = read_workbook(path, registry)
    got = {(o.indicator, o.year): (o.value, o.unit) for o in data.observations}
    for indicator, year, _, unit, expected in UNIT_ROWS:
        value, given = got[(indicator, year)]
        assert value == expected, (indicator, year, unit, value)  # exactly: no 1.2345600000001
        assert given == unit
    assert data.warnings == ()


def test_validate_json_lists_the_unit_given_and_exact_values(make_workbook, railkpi):
    path = book(make_workbook, [row[:4] for row in UNIT_ROWS], header=["指标", "年份", "数值",
                                                                        "单位"])
    run = railkpi("validate", path, "--format", "json")
    assert run.exit_code == 0, run.stdout + run.stderr
    observations = {(o["indicator"], o["year"]): o for o in run.json()["observations"]}
    for indicator, year, _, unit, expected in UNIT_ROWS:
        observation = observations[(indicator, year)]
        assert observation["value"] == expected
        assert observation["unit"] == unit
    assert '"value": 1.23456,' in run.stdout  # printed without float dust


def test_unit_in_the_value_column_header(make_workbook, registry):
    path = book(make_workbook, [
        ("营业收入", 2022, 23649000, None),  # header: 万元
        ("营业收入", 2023, 2890.5, "亿元"),  # the unit column wins over the header
        ("研发经费", 2023, "3000余亿元", None),  # the cell's own unit wins: [3000, 4000) 亿元
        ("研发经费", 2022, "568000", None),
        ("利润总额", 2023, "约12345.6", None),  # 约 1.23456 亿元
        ("利润总额", 2022, "突破2636000", None),  # > 263.6 亿元
    ], header=["指标", "年份", "数值（万元）", "单位"])
    data = read_workbook(path, registry)
    got = {(o.indicator, o.year): o for o in data.observations}
    revenue_2022 = got[("revenue_total", 2022)]
    assert (revenue_2022.value, revenue_2022.unit) == (2364.9, "万元")
    revenue_2023 = got[("revenue_total", 2023)]
    assert (revenue_2023.value, revenue_2023.unit) == (2890.5, "亿元")
    rd_2023 = got[("rd_expenditure", 2023)]
    assert (rd_2023.value, rd_2023.qualifier, rd_2023.lower, rd_2023.upper) == (
        3000.0, "余", 3000.0, 4000.0)
    assert rd_2023.unit == "亿元"
    assert got[("rd_expenditure", 2022)].value == 56.8
    profit_2023 = got[("profit_total", 2023)]
    assert (profit_2023.value, profit_2023.qualifier) == (1.23456, "约")
    assert (profit_2023.lower, profit_2023.upper) == (None, None)
    profit_2022 = got[("profit_total", 2022)]
    assert (profit_2022.value, profit_2022.lower, profit_2022.lower_inclusive) == (
        263.6, 263.6, False)


def test_english_value_header_with_unit(make_workbook, registry):
    path = book(make_workbook, [("revenue", 2023, 23649000)],
                header=["indicator", "year", "value (10k CNY)"])
    (observation,) = read_workbook(path, registry).observations
    assert (observation.value, observation.unit) == (2364.9, "10k CNY")


@pytest.mark.parametrize(
    ("cell", "indicator", "expected"),
    [
        # (value, qualifier, lower, upper, upper_inclusive)
        ("3000余万元", "revenue_total", (0.3, "余", 0.3, 0.4, False)),  # [3000, 4000) 万元
        ("3000余亿元", "revenue_total", (3000.0, "余", 3000.0, 4000.0, False)),
        ("2.3649千亿元", "revenue_total", (2364.9, None, None, None, True)),
        ("突破3000亿元", "revenue_total", (3000.0, "突破", 3000.0, None, True)),
        ("236490000000元", "revenue_total", (2364.9, None, None, None, True)),
        ("180余家", "enterprise_count", (180.0, "余", 180.0, 190.0, False)),
        ("72.5%", "domestic_supply_share", (72.5, None, None, None, True)),
        ("约72.5%", "domestic_supply_share", (72.5, "约", None, None, True)),
    ],
)
def test_unit_written_in_the_cell(make_workbook, registry, cell, indicator, expected):
    path = book(make_workbook, [(indicator, 2023, cell)])
    (o,) = read_workbook(path, registry).observations
    assert (o.value, o.qualifier, o.lower, o.upper, o.upper_inclusive) == expected


@pytest.mark.parametrize(
    ("row", "header", "code", "where"),
    [
        # unit column
        (("revenue_total", 2023, 100, "furlongs"), None, "unknown-unit", "数据!D2"),
        (("revenue_total", 2023, 100, "人"), None, "wrong-unit-kind", "数据!D2"),
        (("enterprise_count", 2023, 100, "亿元"), None, "wrong-unit-kind", "数据!D2"),
        (("enterprise_count", 2023, 100, "个"), None, "unit-mismatch", "数据!D2"),
        (("rd_personnel", 2023, 100, "万元"), None, "wrong-unit-kind", "数据!D2"),
        # unit in the cell
        (("revenue_total", 2023, "300人", None), None, "wrong-unit-kind", "数据!C2"),
        (("revenue_total", 2023, "突破300美元", None), None, "unknown-unit", "数据!C2"),
        (("enterprise_count", 2023, "180余个", None), None, "unit-mismatch", "数据!C2"),
        # unit in the value column's header
        (("revenue_total", 2023, 100, None), "数值（人）", "wrong-unit-kind", "数据!C1"),
        (("revenue_total", 2023, 100, None), "数值（furlongs）", "unknown-unit", "数据!C1"),
    ],
)
def test_unit_errors_name_the_cell(make_workbook, registry, row, header, code, where):
    path = book(make_workbook, [row], header=["指标", "年份", header or "数值", "单位"])
    problems = problems_of(path, registry)
    assert [(p.severity, p.code, p.where) for p in problems] == [("error", code, where)]


def test_unit_error_through_the_cli(make_workbook, railkpi):
    path = book(make_workbook, [("营业收入", 2023, 100, "furlongs")],
                header=["指标", "年份", "数值", "单位"])
    run = railkpi("validate", path, "--format", "json", "--lang", "en")
    assert run.exit_code == 2
    (problem,) = run.json()["problems"]
    assert (problem["code"], problem["where"]) == ("unknown-unit", "数据!D2")
    assert "furlongs" in problem["message"]


def test_percent_on_a_money_indicator_is_an_error(make_workbook, registry):
    path = book(make_workbook, [("revenue_total", 2023, "72.5%")])
    problems = problems_of(path, registry)
    assert [(p.severity, p.where) for p in problems] == [("error", "数据!C2")]
    assert problems[0].code in {"unexpected-percent", "wrong-unit-kind"}


def test_unit_and_qualifier_through_an_assessment(make_workbook, railkpi):
    # 2022: 26500000 万元 = 2650 亿元; 2025: 突破30000000万元 = (3000, ∞) 亿元 → ≥ 3000 achieved
    path = book(make_workbook, [("年度收入", 2022, 26500000), ("年度收入", 2025, "突破30000000")],
                header=["指标", "年份", "数值（万元）"])
    entry = find(assess_json(railkpi, path, "2023-2025"), "2023-2025", "revenue-2025")
    assert entry["baseline"]["value"] == 2650.0
    assert bounds(entry["latest"]) == (3000.0, "突破", 3000.0, None, False, True)
    assert entry["status"] == "achieved"


@pytest.mark.parametrize(
    ("sheet", "where"),
    [
        # the unit written with the indicator's name, as the headers do
        ([["指标", 2022, 2023], ["营业收入（万元）", 23649000, 28905000]], "wide"),
        ([["indicator", "year", "value"], ["revenue (10k CNY)", 2022, 23649000],
          ["revenue (10k CNY)", 2023, 28905000]], "long"),
    ],
)
def test_unit_written_with_the_indicator_label(make_workbook, registry, sheet, where):
    path = make_workbook({"数据": sheet})
    data = read_workbook(path, registry)
    assert data.layouts == {"数据": where}
    assert [(o.indicator, o.year, o.value) for o in data.observations] == [
        ("revenue_total", 2022, 2364.9),
        ("revenue_total", 2023, 2890.5),
    ]
