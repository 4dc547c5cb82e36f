"""End-to-end tests of the `railkpi` command line.

Every expected number is written out by hand from method.md's formulas, next to the figures the
test puts into the workbook; the assessment core is never called to produce an expectation.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

import railkpi.calc.assess as assess_module
from railkpi import __version__
from railkpi.cli import app, main
from railkpi.messages.words import STATUS, STATUS_EARLY_ACHIEVED

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "fengtai.xlsx"

TITLE_14 = {
    "zh": "“十四五”时期丰台区轨道交通产业发展规划",
    "en": "Fengtai District 14th Five-Year Plan for the Rail-Transit Industry",
}
TITLE_AP = {
    "zh": "丰台区轨道交通产业创新发展行动计划（2023-2025年）",
    "en": "Fengtai District Action Plan for the Innovative Development of the Rail-Transit "
    "Industry (2023-2025)",
}
ALL_STATUSES = {
    "achieved", "on_track", "moderate", "off_track", "regressing", "not_achieved",
    "undetermined", "no_data",
}
GROWTH_FIELDS = (
    "completion", "time_elapsed", "actual_cagr", "required_cagr", "required_cagr_from_latest",
    "growth_ratio", "expected_completion", "years_observed", "projected", "projected_year",
)

# One observation: (label in the long layout, label in the wide layout, year, value).
Obs = tuple[str, str, int, float]


# -- helpers ---------------------------------------------------------------------------------


def workbook(make_workbook: Callable[..., Path], layout: str, observations: Sequence[Obs],
             name: str = "data.xlsx") -> tuple[Path, dict[tuple[str, int], str]]:
    """A workbook in the long or wide layout, and the cell of every figure by (long label, year).

    Long: sheet 数据, header 指标|年份|数值, one row per figure (value in column C).
    Wide: sheet 数据, header 指标|2020|2021|…, one row per indicator labelled with its wide
    label (English names and aliases), one column per year; cells of unreported years blank.
    """
    cells: dict[tuple[str, int], str] = {}
    if layout == "long":
        rows: list[list[Any]] = [["指标", "年份", "数值"]]
        for i, (label, _, year, value) in enumerate(observations):
            rows.append([label, year, value])
            cells[(label, year)] = f"数据!C{i + 2}"
        return make_workbook({"数据": rows}, name=name), cells
    assert layout == "wide"
    seen = [o[2] for o in observations]
    years = list(range(min([2020, *seen]), max(seen) + 1))
    labels = list(dict.fromkeys((o[0], o[1]) for o in observations))
    rows = [["指标", *years]]
    for r, (long_label, wide_label) in enumerate(labels):
        row: list[Any] = [wide_label] + [None] * len(years)
        for label, _, year, value in observations:
            if label == long_label:
                column = 1 + years.index(year)
                row[column] = value
                cells[(label, year)] = f"数据!{chr(ord('A') + column)}{r + 2}"
        rows.append(row)
    return make_workbook({"数据": rows}, name=name), cells


def find(doc: dict[str, Any], plan_id: str, target_id: str) -> dict[str, Any]:
    plan = next(p for p in doc["plans"] if p["id"] == plan_id)
    return next(t for t in plan["targets"] if t["id"] == target_id)


INTEGER_KEYS = (".year", ".target_year", ".years_observed", ".projected_year")


def matches(got: Any, want: Any, where: str = "") -> None:
    """got == want, numbers to rel 1e-9, None/str/bool/int exactly, dicts and lists recursively."""
    if isinstance(want, dict):
        assert isinstance(got, dict), where
        for key, value in want.items():
            assert key in got, f"{where}.{key} missing"
            matches(got[key], value, f"{where}.{key}")
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), f"{where}: {got!r} != {want!r}"
        for i, (g, w) in enumerate(zip(got, want, strict=True)):
            matches(g, w, f"{where}[{i}]")
    elif want is None or isinstance(want, (str, bool)) or where.endswith(INTEGER_KEYS):
        assert got == want and type(got) is type(want), f"{where}: {got!r} != {want!r}"
    else:
        assert got == pytest.approx(want, rel=1e-9), f"{where}: {got!r} != {want!r}"


def assess_json(railkpi: Callable[..., Any], path: Path, plan: str, *extra: str) -> Any:
    run = railkpi("assess", path, "--plan", plan, "--format", "json", *extra)
    assert run.exit_code == 0, run.stderr
    return run.json()


LAYOUTS = pytest.mark.parametrize("layout", ["long", "wide"])


# -- one test per target kind, long and wide layout --------------------------------------------


@LAYOUTS
def test_level_14th_fyp_revenue_baseline_from_plan(make_workbook, railkpi, layout):
    # revenue-2025: > 3500 in 2025; baseline 2020 = 2364.9 from the plan's own history.
    path, cells = workbook(make_workbook, layout, [
        ("轨道交通产业总收入", "Total rail-transit industry revenue", 2021, 2600),
        ("轨道交通产业总收入", "Total rail-transit industry revenue", 2023, 3100),
    ])
    doc = assess_json(railkpi, path, "14th-fyp")
    assert doc["as_of"] == 2023
    actual = (3100 / 2364.9) ** (1 / 3) - 1  # ≈ 9.44 %
    required = (3500 / 2364.9) ** (1 / 5) - 1  # ≈ 8.16 %
    # 3100·(1+a) ≈ 3392.6 ≤ 3500 < 3100·(1+a)² ≈ 3712.9 → reached in 2025
    matches(find(doc, "14th-fyp", "revenue-2025"), {
        "kind": "level", "op": ">", "target_value": 3500.0, "target_year": 2025,
        "baseline": {"year": 2020, "value": 2364.9, "source": "plan"},
        "latest": {"year": 2023, "value": 3100.0, "source": "data",
                   "where": cells[("轨道交通产业总收入", 2023)]},
        "gap": 3500 - 3100,
        "completion": (3100 - 2364.9) / (3500 - 2364.9),
        "time_elapsed": (2023 - 2020) / (2025 - 2020),
        "actual_cagr": actual,
        "required_cagr": required,
        "required_cagr_from_latest": (3500 / 3100) ** (1 / 2) - 1,
        "growth_ratio": actual / required,  # ≈ 1.16 ≥ 0.95
        "expected_completion": (2364.9 * (1 + required) ** 3 - 2364.9) / (3500 - 2364.9),
        "years_observed": 3,
        "projected": 3100 * (1 + actual) ** 2,
        "projected_year": 2025,
        "method": "cagr",
        "status": "on_track",
        "early": False,
        "failing_years": [],
    }, "revenue-2025")


@LAYOUTS
def test_level_action_plan_revenue_baseline_from_data(make_workbook, railkpi, layout):
    # Action Plan revenue-2025: ≥ 3000 in 2025, baseline 2022 (the plan publishes no figure).
    path, cells = workbook(make_workbook, layout, [
        ("年度收入", "revenue", 2022, 2650),
        ("年度收入", "revenue", 2023, 2800),
    ])
    doc = assess_json(railkpi, path, "2023-2025")
    actual = 2800 / 2650 - 1  # ≈ 5.66 %
    required = (3000 / 2650) ** (1 / 3) - 1  # ≈ 4.22 %
    # 2800·(1+a) ≈ 2958.5 < 3000 ≤ 2800·(1+a)² ≈ 3126.4 → 2025
    matches(find(doc, "2023-2025", "revenue-2025"), {
        "kind": "level", "op": ">=", "target_value": 3000.0, "target_year": 2025,
        "baseline": {"year": 2022, "value": 2650.0, "source": "data",
                     "where": cells[("年度收入", 2022)]},
        "latest": {"year": 2023, "value": 2800.0, "source": "data",
                   "where": cells[("年度收入", 2023)]},
        "gap": 200.0,
        "completion": (2800 - 2650) / (3000 - 2650),
        "time_elapsed": 1 / 3,
        "actual_cagr": actual,
        "required_cagr": required,
        "required_cagr_from_latest": (3000 / 2800) ** (1 / 2) - 1,
        "growth_ratio": actual / required,  # ≈ 1.34
        "expected_completion": (2650 * (1 + required) - 2650) / (3000 - 2650),
        "years_observed": 1,
        "projected": 2800 * (1 + actual) ** 2,
        "projected_year": 2025,
        "method": "cagr",
        "status": "on_track",
    }, "revenue-2025")


@LAYOUTS
@pytest.mark.parametrize(("value", "status"), [(3500, "not_achieved"), (3500.1, "achieved")])
def test_level_strict_comparator_in_target_year(make_workbook, railkpi, layout, value, status):
    # 突破3500 is "> 3500": exactly 3500 in 2025 is not achieved; gaps still use X = 3500.
    path, _ = workbook(make_workbook, layout, [
        ("总收入", "total revenue", 2025, value),
    ])
    doc = assess_json(railkpi, path, "14th-fyp")
    actual = (value / 2364.9) ** (1 / 5) - 1
    required = (3500 / 2364.9) ** (1 / 5) - 1
    entry = find(doc, "14th-fyp", "revenue-2025")
    matches(entry, {
        "latest": {"year": 2025, "value": float(value), "source": "data"},
        "gap": 3500 - value,
        "completion": (value - 2364.9) / (3500 - 2364.9),
        "time_elapsed": 1.0,
        "actual_cagr": actual,
        "required_cagr": required,
        "required_cagr_from_latest": None,  # T = t: nothing left to grow
        "growth_ratio": actual / required,
        "projected": float(value),
        "status": status,
        "early": False,
    }, "revenue-2025")


@LAYOUTS
def test_change_enterprises_increase_data_baseline_overrides_plan(make_workbook, railkpi,
                                                                 layout):
    # enterprises-increase: +60 vs 2020. The plan says 180 for 2020; the workbook's 185 wins.
    path, cells = workbook(make_workbook, layout, [
        ("企业数量", "enterprises", 2020, 185),
        ("企业数量", "enterprises", 2023, 230),
    ])
    doc = assess_json(railkpi, path, "14th-fyp")
    target = 185 + 60
    actual = (230 / 185) ** (1 / 3) - 1  # ≈ 7.53 %
    required = (245 / 185) ** (1 / 5) - 1  # ≈ 5.78 %
    # 230·(1+a) ≈ 247.3 ≥ 245 → reached in 2024
    matches(find(doc, "14th-fyp", "enterprises-increase"), {
        "kind": "change", "op": ">=", "target_value": float(target), "target_year": 2025,
        "baseline": {"year": 2020, "value": 185.0, "source": "data",
                     "where": cells[("企业数量", 2020)]},
        "latest": {"year": 2023, "value": 230.0, "source": "data",
                   "where": cells[("企业数量", 2023)]},
        "gap": 245 - 230,
        "completion": (230 - 185) / 60,
        "time_elapsed": 3 / 5,
        "actual_cagr": actual,
        "required_cagr": required,
        "required_cagr_from_latest": (245 / 230) ** (1 / 2) - 1,
        "growth_ratio": actual / required,  # ≈ 1.30
        "expected_completion": (185 * (1 + required) ** 3 - 185) / 60,
        "years_observed": 3,
        "projected": 230 * (1 + actual) ** 2,
        "projected_year": 2024,
        "method": "cagr",
        "status": "on_track",
    }, "enterprises-increase")


@LAYOUTS
def test_ratio_rd_expenditure_double(make_workbook, railkpi, layout):
    # rd-expenditure-double: ≥ 2 × 56.8 (2020, from the plan) = 113.6.
    path, cells = workbook(make_workbook, layout, [
        ("研发经费", "R&D expenditure", 2023, 80),
    ])
    doc = assess_json(railkpi, path, "14th-fyp")
    actual = (80 / 56.8) ** (1 / 3) - 1  # ≈ 12.09 %
    required = 2 ** (1 / 5) - 1  # ≈ 14.87 %
    # (1+a)³ = 80/56.8, so 80·(1+a)³ = 80²/56.8 ≈ 112.7 < 113.6 ≤ 80·(1+a)⁴ ≈ 126.2 → 2027
    matches(find(doc, "14th-fyp", "rd-expenditure-double"), {
        "kind": "ratio", "op": ">=", "target_value": 113.6, "target_year": 2025,
        "baseline": {"year": 2020, "value": 56.8, "source": "plan"},
        "latest": {"year": 2023, "value": 80.0, "source": "data",
                   "where": cells[("研发经费", 2023)]},
        "gap": 113.6 - 80,
        "completion": (80 - 56.8) / (113.6 - 56.8),
        "time_elapsed": 3 / 5,
        "actual_cagr": actual,
        "required_cagr": required,
        "required_cagr_from_latest": (113.6 / 80) ** (1 / 2) - 1,
        "growth_ratio": actual / required,  # ≈ 0.81: moderate
        "expected_completion": 2 ** (3 / 5) - 1,
        "years_observed": 3,
        "projected": 80 * (1 + actual) ** 2,
        "projected_year": 2027,
        "method": "cagr",
        "status": "moderate",
    }, "rd-expenditure-double")


@LAYOUTS
def test_ratio_patents_per_capita_achieved_early(make_workbook, railkpi, layout):
    # patents-per-capita: ≥ 1.2 × 2020 (0.40 in the workbook) = 0.48; 0.50 in 2023 meets it.
    path, cells = workbook(make_workbook, layout, [
        ("人均发明专利数", "invention patents per capita", 2020, 0.40),
        ("人均发明专利数", "invention patents per capita", 2023, 0.50),
    ])
    doc = assess_json(railkpi, path, "14th-fyp")
    actual = (0.50 / 0.40) ** (1 / 3) - 1
    required = 1.2 ** (1 / 5) - 1
    matches(find(doc, "14th-fyp", "patents-per-capita"), {
        "kind": "ratio", "target_value": 0.48,
        "baseline": {"year": 2020, "value": 0.40, "source": "data",
                     "where": cells[("人均发明专利数", 2020)]},
        "latest": {"year": 2023, "value": 0.50, "source": "data"},
        "gap": 0.48 - 0.50,
        "completion": (0.50 - 0.40) / (0.48 - 0.40),
        "time_elapsed": 3 / 5,
        "actual_cagr": actual,
        "required_cagr": required,
        "required_cagr_from_latest": (0.48 / 0.50) ** (1 / 2) - 1,
        "growth_ratio": actual / required,
        "projected": 0.50 * (1 + actual) ** 2,
        "projected_year": 2023,  # already met in the latest year
        "status": "achieved",
        "early": True,
    }, "patents-per-capita")


@LAYOUTS
def test_range_intl_multinationals(make_workbook, railkpi, layout):
    # intl-multinationals: 3-5 by 2025; progress is measured towards the lower end, 3.
    path, cells = workbook(make_workbook, layout, [
        ("具有国际影响力的跨国公司", "influential multinationals", 2020, 1),
        ("具有国际影响力的跨国公司", "influential multinationals", 2023, 2),
    ])
    doc = assess_json(railkpi, path, "14th-fyp")
    actual = 2 ** (1 / 3) - 1  # ≈ 25.99 %
    required = 3 ** (1 / 5) - 1  # ≈ 24.57 %
    # 2·(1+a) ≈ 2.52 < 3 ≤ 2·(1+a)² ≈ 3.17 → 2025
    matches(find(doc, "14th-fyp", "intl-multinationals"), {
        "kind": "range", "target_value": [3.0, 5.0], "target_year": 2025,
        "baseline": {"year": 2020, "value": 1.0, "source": "data",
                     "where": cells[("具有国际影响力的跨国公司", 2020)]},
        "latest": {"year": 2023, "value": 2.0, "source": "data",
                   "where": cells[("具有国际影响力的跨国公司", 2023)]},
        "gap": 3 - 2,
        "completion": (2 - 1) / (3 - 1),
        "time_elapsed": 3 / 5,
        "actual_cagr": actual,
        "required_cagr": required,
        "required_cagr_from_latest": (3 / 2) ** (1 / 2) - 1,
        "growth_ratio": actual / required,  # ≈ 1.06
        "expected_completion": ((1 + required) ** 3 - 1) / (3 - 1),
        "years_observed": 3,
        "projected": 2 * (1 + actual) ** 2,
        "projected_year": 2025,
        "method": "cagr",
        "status": "on_track",
    }, "intl-multinationals")


def _nulls(*keys: str) -> dict[str, None]:
    return dict.fromkeys(keys)


@LAYOUTS
@pytest.mark.parametrize(("figures", "status", "failing", "gap"), [
    ({2021: 2, 2022: 3, 2023: 2}, "on_track", [], 2 - 2),
    # 4 is beyond the far end of 2-3 on a `better: higher` indicator: reported, not a failure
    ({2021: 2, 2022: 3, 2023: 4}, "on_track", [], 2 - 4),
    ({2021: 2, 2022: 1, 2023: 3}, "not_achieved", [2022], 2 - 3),
])
def test_each_year_intl_events(make_workbook, railkpi, layout, figures, status, failing, gap):
    # intl-events: 2-3 every year of 2021-2025; as of 2023 three years are due.
    path, cells = workbook(make_workbook, layout, [
        ("国际性展览和论坛会议", "international events", year, value)
        for year, value in figures.items()
    ])
    doc = assess_json(railkpi, path, "14th-fyp")
    entry = find(doc, "14th-fyp", "intl-events")
    matches(entry, {
        "kind": "each_year", "target_value": [2.0, 3.0], "target_year": 2025,
        "baseline": None,
        "latest": {"year": 2023, "value": float(figures[2023]), "source": "data",
                   "where": cells[("国际性展览和论坛会议", 2023)]},
        "gap": float(gap),
        **_nulls(*GROWTH_FIELDS, "method"),
        "status": status,
        "failing_years": failing,
    }, "intl-events")
    # The plan's own reading of the target comes first (its note), then what the figures say.
    codes = [n["code"] for n in entry["notes"]]
    assert codes[0] == "plan-note"
    if figures[2023] == 4:
        assert codes == ["plan-note", "exceeds-range"]


@LAYOUTS
@pytest.mark.parametrize(("figures", "status", "failing"), [
    ({2023: 31, 2024: 35, 2025: 30}, "achieved", []),
    ({2023: 31, 2024: 29, 2025: 30}, "not_achieved", [2024]),
])
def test_each_year_core_tech(make_workbook, railkpi, layout, figures, status, failing):
    # core-tech-each-year: ≥ 30 in each of 2023, 2024, 2025.
    path, _ = workbook(make_workbook, layout, [
        ("新突破关键核心技术", "core technology breakthroughs", year, value)
        for year, value in figures.items()
    ])
    doc = assess_json(railkpi, path, "2023-2025")
    assert doc["as_of"] == 2025
    matches(find(doc, "2023-2025", "core-tech-each-year"), {
        "kind": "each_year", "op": ">=", "target_value": 30.0, "target_year": 2025,
        "baseline": None,
        "latest": {"year": 2025, "value": 30.0, "source": "data"},
        "gap": 30.0 - 30,
        **_nulls(*GROWTH_FIELDS, "method"),
        "status": status,
        "failing_years": failing,
    }, "core-tech-each-year")


@LAYOUTS
def test_growth_patent_count(make_workbook, railkpi, layout):
    # patent-growth: ≥ 20 % a year from 2022 to 2025 → X = 1000 · 1.2³ = 1728.
    path, cells = workbook(make_workbook, layout, [
        ("专利数量", "patents", 2022, 1000),
        ("专利数量", "patents", 2023, 1150),
    ])
    doc = assess_json(railkpi, path, "2023-2025")
    target = 1000 * 1.2 ** 3
    # 1150·1.15³ ≈ 1749.1 is the first projection ≥ 1728 → 2026
    matches(find(doc, "2023-2025", "patent-growth"), {
        "kind": "growth", "op": ">=", "target_value": target, "target_year": 2025,
        "baseline": {"year": 2022, "value": 1000.0, "source": "data",
                     "where": cells[("专利数量", 2022)]},
        "latest": {"year": 2023, "value": 1150.0, "source": "data",
                   "where": cells[("专利数量", 2023)]},
        "gap": target - 1150,
        "completion": (1150 - 1000) / (target - 1000),
        "time_elapsed": 1 / 3,
        "actual_cagr": 0.15,
        "required_cagr": 0.20,
        "required_cagr_from_latest": (target / 1150) ** (1 / 2) - 1,
        "growth_ratio": 0.15 / 0.20,  # 0.75: moderate
        "expected_completion": (1000 * 1.2 - 1000) / (target - 1000),
        "years_observed": 1,
        "projected": 1150 * 1.15 ** 2,
        "projected_year": 2026,
        "method": "cagr",
        "status": "moderate",
    }, "patent-growth")


@LAYOUTS
@pytest.mark.parametrize(("last", "status"), [(1800, "achieved"), (1700, "not_achieved")])
def test_growth_in_target_year(make_workbook, railkpi, layout, last, status):
    # In 2025 the average growth itself decides: 1800 → (1.8)^(1/3) − 1 ≈ 21.6 % ≥ 20 %;
    # 1700 → 1.7^(1/3) − 1 ≈ 19.3 % < 20 %.
    path, _ = workbook(make_workbook, layout, [
        ("专利数量", "number of patents", 2022, 1000),
        ("专利数量", "number of patents", 2025, last),
    ])
    doc = assess_json(railkpi, path, "2023-2025")
    matches(find(doc, "2023-2025", "patent-growth"), {
        "actual_cagr": (last / 1000) ** (1 / 3) - 1,
        "growth_ratio": ((last / 1000) ** (1 / 3) - 1) / 0.2,
        "gap": 1728 - last,
        "required_cagr_from_latest": None,
        "status": status,
    }, "patent-growth")


@LAYOUTS
@pytest.mark.parametrize(("figures", "status", "failing"), [
    ({2022: 40, 2023: 45, 2024: 52}, "on_track", []),
    ({2022: 40, 2023: 45, 2024: 44}, "not_achieved", [2024]),
    ({2022: 40, 2023: 45, 2024: 52, 2025: 60}, "achieved", []),
])
def test_trend_tech_transactions(make_workbook, railkpi, layout, figures, status, failing):
    # tech-transactions-rising: every change 2022→2023→2024→2025 must be a rise.
    path, cells = workbook(make_workbook, layout, [
        ("技术交易额", "technology transactions", year, value)
        for year, value in figures.items()
    ])
    doc = assess_json(railkpi, path, "2023-2025")
    last = max(figures)
    matches(find(doc, "2023-2025", "tech-transactions-rising"), {
        "kind": "trend", "target_value": None, "target_year": 2025,
        "baseline": {"year": 2022, "value": 40.0, "source": "data",
                     "where": cells[("技术交易额", 2022)]},
        "latest": {"year": last, "value": float(figures[last]), "source": "data",
                   "where": cells[("技术交易额", last)]},
        "actual_cagr": (figures[last] / 40) ** (1 / (last - 2022)) - 1,
        "years_observed": last - 2022,
        **_nulls("gap", "completion", "time_elapsed", "required_cagr",
                 "required_cagr_from_latest", "growth_ratio", "projected", "projected_year",
                 "method"),
        "status": status,
        "failing_years": failing,
    }, "tech-transactions-rising")


def test_linear_method_for_a_zero_baseline(make_workbook, railkpi):
    # poc-centers: from 0 (2022, the plan's 零的突破) to ≥ 1. No CAGR from zero: linear method,
    # completion 0 against 1/3 of the time elapsed → 0 < 0.6 · 1/3: off_track.
    path, _ = workbook(make_workbook, "long", [("概念验证中心", "", 2023, 0)])
    doc = assess_json(railkpi, path, "2023-2025")
    matches(find(doc, "2023-2025", "poc-centers"), {
        "baseline": {"year": 2022, "value": 0.0, "source": "plan"},
        "gap": 1.0, "completion": 0.0, "time_elapsed": 1 / 3,
        "actual_cagr": None, "required_cagr": None, "growth_ratio": None,
        "method": "linear", "status": "off_track",
    }, "poc-centers")


# -- the JSON contract -----------------------------------------------------------------------

TARGET_KEYS = {
    "id", "indicator", "kind", "op", "unit", "better", "target_value", "target_year",
    "baseline", "latest", "gap", "completion", "time_elapsed", "actual_cagr", "required_cagr",
    "required_cagr_from_latest", "growth_ratio", "expected_completion", "years_observed",
    "projected", "projected_year", "method", "status", "failing_years", "notes", "quote",
}


def test_json_contract(make_workbook, railkpi):
    path = make_workbook({"数据": [
        ["指标", "年份", "数值", "口径"],  # 口径 is no known column: a warning, not an error
        ["总收入", 2023, 3100, "快报"],
        ["具有国际影响力的跨国公司", 2020, 1, None],
        ["具有国际影响力的跨国公司", 2023, 2, None],
        ["国际性展览和论坛会议", 2023, 2, None],
    ]})
    doc = assess_json(railkpi, path, "14th-fyp")
    assert {"schema", "as_of", "plans", "problems"} <= doc.keys()
    assert doc["schema"] == "railkpi.assessment/1"
    assert doc["as_of"] == 2023
    [plan] = doc["plans"]
    assert plan["id"] == "14th-fyp"
    assert plan["title"] == TITLE_14
    assert plan["thresholds"] == {"on_track": 0.95, "moderate": 0.6, "off_track": 0.0}
    assert len(plan["targets"]) == 12
    for entry in plan["targets"]:
        assert entry.keys() >= TARGET_KEYS, entry["id"]
        assert entry["status"] in ALL_STATUSES
        if entry["baseline"] is not None:
            assert entry["baseline"]["source"] in ("data", "plan")
    revenue = find(doc, "14th-fyp", "revenue-2025")
    assert revenue["baseline"]["source"] == "plan"
    assert revenue["quote"] == "丰台轨道交通产业总体收入突破3500亿元"
    # rates are fractions, not percentages
    assert revenue["actual_cagr"] == pytest.approx((3100 / 2364.9) ** (1 / 3) - 1, rel=1e-9)
    assert 0 < revenue["required_cagr"] < 1
    # a range target's target_value is [min, max]
    assert find(doc, "14th-fyp", "intl-multinationals")["target_value"] == [3, 5]
    # undefined figures are present and null
    nothing = find(doc, "14th-fyp", "innovation-platforms")  # no figure at all, nor history
    assert nothing["status"] == "no_data"
    for key in ("latest", "gap", "completion", "actual_cagr", "required_cagr_from_latest",
                "growth_ratio", "projected", "projected_year"):
        assert key in nothing and nothing[key] is None, key
    assert find(doc, "14th-fyp", "intl-events")["completion"] is None
    [problem] = doc["problems"]
    assert {"severity", "code", "where", "message"} <= problem.keys()
    assert problem["severity"] == "warning"
    assert problem["code"] == "column-ignored"
    assert problem["where"] == "数据!D1"
    assert "口径" in problem["message"]


def test_json_is_byte_identical_between_runs(railkpi):
    first = railkpi("assess", EXAMPLE, "--format", "json")
    second = railkpi("assess", EXAMPLE, "--format", "json")
    assert first.exit_code == second.exit_code == 0
    assert first.stdout == second.stdout
    assert first.json()["schema"] == "railkpi.assessment/1"


# -- the calculator commands ----------------------------------------------------------------


def test_cagr_command(railkpi):
    run = railkpi("cagr", "1558.7", "2364.9", "--years", "4")
    assert run.exit_code == 0
    assert "10.98%" in run.stdout and "11.0%" in run.stdout
    run = railkpi("cagr", "1558.7", "2364.9", "--years", "4", "--format", "json")
    assert run.exit_code == 0
    assert run.json().keys() == {"cagr"}
    assert run.json()["cagr"] == pytest.approx((2364.9 / 1558.7) ** 0.25 - 1, rel=1e-9)
    assert run.json()["cagr"] == pytest.approx(0.10985, abs=5e-6)


def test_required_command(railkpi):
    run = railkpi("required", "2364.9", "3500", "--years", "5")
    assert run.exit_code == 0
    assert "8.16%" in run.stdout and "8.2%" in run.stdout
    run = railkpi("required", "2364.9", "3500", "--years", "5", "--format", "json")
    assert run.exit_code == 0
    assert run.json() == {"required_cagr": pytest.approx((3500 / 2364.9) ** 0.2 - 1, rel=1e-9)}


@pytest.mark.parametrize("args", [
    ("cagr", "0", "2364.9", "--years", "4"),
    ("cagr", "1558.7", "0", "--years", "4"),
    ("cagr", "--years", "4", "--", "-1558.7", "2364.9"),
    ("required", "2364.9", "0", "--years", "5"),
    ("required", "--years", "5", "--", "2364.9", "-3500"),
    ("required", "0", "3500", "--years", "5", "--format", "json"),
    ("cagr", "1558.7", "2364.9", "--years", "0"),
])
def test_calculator_rejects_non_positive_input(railkpi, args):
    run = railkpi(*args)
    assert run.exit_code == 2
    assert "%" not in run.stdout


# -- targets --------------------------------------------------------------------------------


def column_text(output: str, header: str) -> str:
    """The text of the table column headed `header`, folded lines joined, rows concatenated."""
    collected: list[str] = []
    lines = output.splitlines()
    for i, line in enumerate(lines):
        if header not in line:
            continue
        start = cell_len(line[: line.index(header)])
        for row in lines[i + 1 :]:
            if not row.strip():
                break
            width, cut = 0, len(row)
            for j, char in enumerate(row):
                if width >= start:
                    cut = j
                    break
                width += cell_len(char)
            collected.append(row[cut:].strip().strip("─"))
    return "".join(collected)


def test_targets_lists_every_target_with_its_quote(railkpi):
    run = railkpi("targets", "--format", "json")
    assert run.exit_code == 0
    plans = {p["id"]: p["targets"] for p in run.json()["plans"]}
    assert {k: len(v) for k, v in plans.items()} == {"14th-fyp": 12, "2023-2025": 24}
    quotes = {(pid, t["id"]): t["quote"] for pid, ts in plans.items() for t in ts}
    assert quotes[("14th-fyp", "revenue-2025")] == "丰台轨道交通产业总体收入突破3500亿元"
    assert quotes[("2023-2025", "patent-growth")] == "专利数量年均增长20%"
    assert quotes[("14th-fyp", "rd-expenditure-double")] == "研发费用较2020年实现翻番"

    table = railkpi("targets", "--lang", "zh")
    assert table.exit_code == 0
    assert TITLE_14["zh"] in table.stdout and TITLE_AP["zh"] in table.stdout
    for _, target_id in quotes:
        assert target_id in table.stdout
    shown = column_text(table.stdout, "依据原文")
    for quote in ("丰台轨道交通产业总体收入突破3500亿元", "专利数量年均增长20%",
                  "研发费用较2020年实现翻番", "每年实现新突破关键核心技术30项",
                  "形成3-5家具有国际影响力的跨国公司"):
        assert quote in shown
    assert "…" not in table.stdout


# -- exit status ----------------------------------------------------------------------------

# Every 14th-fyp target with a figure for 2023 (2020 from the plan's history where it has one).
# Statuses by hand (growth ratio = actual CAGR 2020→2023 ÷ required CAGR 2020→2025):
GOOD_14TH = [
    ("总收入", 2023, 3100),  # 9.44 % / 8.16 % = 1.16 → on_track
    ("企业数量", 2023, 225),  # (225/180)^(1/3)−1 = 7.72 % / (240/180)^(1/5)−1 = 5.92 % → on_track
    ("百亿级企业", 2023, 7),  # (7/4)^(1/3)−1 = 20.5 % / (10/4)^(1/5)−1 = 20.1 % → on_track
    ("十亿级企业", 2023, 26),  # 26 > 25 → achieved (early)
    ("亿级企业", 2023, 60),  # 3.57 % / 5.33 % = 0.67 → moderate
    ("研发人员", 2023, 13000),  # 4.78 % / 5.83 % = 0.82 → moderate
    ("创新平台", 2020, 20),
    ("创新平台", 2023, 33),  # 18.2 % / 14.9 % → on_track
    ("研发经费", 2023, 90),  # (90/56.8)^(1/3)−1 = 16.6 % / 14.9 % → on_track
    ("人均发明专利数", 2020, 0.40),
    ("人均发明专利数", 2023, 0.50),  # 0.50 ≥ 0.48 → achieved (early)
    ("国际性展览和论坛会议", 2021, 2),
    ("国际性展览和论坛会议", 2022, 3),
    ("国际性展览和论坛会议", 2023, 2),  # every year in 2-3 → on_track
    ("具有国际影响力的跨国公司", 2020, 1),
    ("具有国际影响力的跨国公司", 2023, 2),  # 26.0 % / 24.6 % → on_track
]
GOOD_STATUSES = {
    "revenue-2025": "on_track", "enterprises-2025": "on_track",
    "enterprises-increase": "on_track", "firms-100yi": "on_track", "firms-10yi": "achieved",
    "firms-1yi": "moderate", "rd-personnel": "moderate", "innovation-platforms": "on_track",
    "rd-expenditure-double": "on_track", "patents-per-capita": "achieved",
    "intl-events": "on_track", "intl-multinationals": "on_track",
}


def _long(make_workbook: Callable[..., Path], rows: Sequence[tuple[str, int, float]],
          name: str = "data.xlsx") -> Path:
    return make_workbook({"数据": [["指标", "年份", "数值"], *map(list, rows)]}, name=name)


def _replace(rows: Sequence[tuple[str, int, float]], label: str, year: int,
             value: float) -> list[tuple[str, int, float]]:
    return [(lab, y, value if (lab, y) == (label, year) else v) for lab, y, v in rows]


def test_good_workbook_statuses_by_hand(make_workbook, railkpi):
    doc = assess_json(railkpi, _long(make_workbook, GOOD_14TH), "14th-fyp")
    assert {t["id"]: t["status"] for t in doc["plans"][0]["targets"]} == GOOD_STATUSES


@pytest.mark.parametrize(("fail_on", "code"), [
    ((), 0),
    (("off_track",), 0),
    (("regressing",), 0),
    (("no_data",), 0),
    (("undetermined",), 0),
    (("moderate",), 1),
    (("on_track",), 1),
    (("no_data", "moderate"), 1),
])
def test_fail_on_all_good(make_workbook, railkpi, fail_on, code):
    path = _long(make_workbook, GOOD_14TH)
    options = [arg for level in fail_on for arg in ("--fail-on", level)]
    run = railkpi("assess", path, "--plan", "14th-fyp", *options)
    assert run.exit_code == code, run.stdout + run.stderr


@pytest.mark.parametrize(("change", "status"), [
    # 亿级企业 55 in 2023: (55/54)^(1/3)−1 = 0.61 % / 5.33 % = 0.11 → off_track
    (("亿级企业", 2023, 55), "off_track"),
    # 研发人员 11000 < 11301 (2020) → regressing
    (("研发人员", 2023, 11000), "regressing"),
    # 国际性展览和论坛会议 1 in 2022 is below 2 → not_achieved
    (("国际性展览和论坛会议", 2022, 1), "not_achieved"),
])
@pytest.mark.parametrize(("fail_on", "fails"), [
    ("off_track", True),
    ("moderate", True),
    ("no_data", False),  # every target has data: no_data alone never fails this run
    ("undetermined", False),
])
def test_fail_on_one_bad_target(make_workbook, railkpi, change, status, fail_on, fails):
    path = _long(make_workbook, _replace(GOOD_14TH, *change))
    doc = assess_json(railkpi, path, "14th-fyp")
    statuses = [t["status"] for t in doc["plans"][0]["targets"]]
    assert statuses.count(status) == 1
    assert "no_data" not in statuses
    run = railkpi("assess", path, "--plan", "14th-fyp", "--fail-on", fail_on)
    assert run.exit_code == (1 if fails else 0)
    assert railkpi("assess", path, "--plan", "14th-fyp").exit_code == 0


@pytest.mark.parametrize(("fail_on", "code"), [
    ("off_track", 0), ("regressing", 0), ("not_achieved", 0), ("no_data", 1),
])
def test_fail_on_no_data_only_when_named(make_workbook, railkpi, fail_on, code):
    # Only revenue has a figure (on_track); the other 11 targets are no_data.
    path = _long(make_workbook, [("总收入", 2023, 3100)])
    doc = assess_json(railkpi, path, "14th-fyp")
    statuses = [t["status"] for t in doc["plans"][0]["targets"]]
    assert statuses.count("no_data") == 11 and statuses.count("on_track") == 1
    run = railkpi("assess", path, "--plan", "14th-fyp", "--fail-on", fail_on)
    assert run.exit_code == code


@pytest.mark.parametrize(("fail_on", "code"), [
    ("off_track", 0), ("not_achieved", 0), ("undetermined", 1),
])
def test_fail_on_undetermined_only_when_named(make_workbook, railkpi, fail_on, code):
    # core-tech-each-year: 2023 and 2025 meet ≥ 30, 2024 is missing → undetermined in 2025.
    path = _long(make_workbook, [("新突破关键核心技术", 2023, 31),
                                 ("新突破关键核心技术", 2025, 32)])
    doc = assess_json(railkpi, path, "2023-2025")
    assert find(doc, "2023-2025", "core-tech-each-year")["status"] == "undetermined"
    statuses = {t["status"] for t in doc["plans"][0]["targets"]}
    assert statuses == {"undetermined", "no_data"}
    run = railkpi("assess", path, "--plan", "2023-2025", "--fail-on", fail_on)
    assert run.exit_code == code


def test_fail_on_bogus_level(make_workbook, railkpi):
    path = _long(make_workbook, GOOD_14TH)
    run = railkpi("assess", path, "--fail-on", "bogus")
    assert run.exit_code == 2
    assert run.stdout == ""


def test_bad_workbooks_exit_2(tmp_path, make_workbook, railkpi):
    text = tmp_path / "data.xlsx"
    text.write_text("指标,年份,数值\n总收入,2023,3100\n", encoding="utf-8")
    run = railkpi("assess", text)
    assert run.exit_code == 2
    assert "not-xlsx" in run.stderr

    assert railkpi("assess", tmp_path / "missing.xlsx").exit_code == 2

    # A label close to an indicator's name: an error asking which was meant.
    path = _long(make_workbook, [("专精特新企业数", 2023, 1)], name="unknown.xlsx")
    run = railkpi("assess", path, "--plan", "14th-fyp", "--format", "json")
    assert run.exit_code == 2
    [problem] = run.json()["problems"]
    assert problem["severity"] == "error"
    assert problem["code"] == "unknown-indicator"
    assert problem["where"] == "数据!A2"
    assert "专精特新企业数" in problem["message"]

    # A label far from every name: the row is ignored, and then nothing is left to assess.
    path = _long(make_workbook, [("没有这个指标", 2023, 1)], name="far.xlsx")
    run = railkpi("assess", path, "--plan", "14th-fyp", "--format", "json")
    assert run.exit_code == 2
    ignored, nothing = run.json()["problems"]
    assert (ignored["severity"], ignored["code"]) == ("warning", "rows-ignored")
    assert "没有这个指标 (数据!A2)" in ignored["message"]
    assert (nothing["severity"], nothing["code"]) == ("error", "nothing-to-assess")

    empty = make_workbook({"Sheet1": [["hello"]]}, name="empty.xlsx")
    assert railkpi("assess", empty).exit_code == 2


def test_unknown_plan_exits_2(make_workbook, railkpi):
    path = _long(make_workbook, [("总收入", 2023, 3100)])
    run = railkpi("assess", path, "--plan", "15th-fyp")
    assert run.exit_code == 2
    assert "plan-not-found" in run.stderr
    assert run.stdout == ""


@pytest.mark.parametrize(("value", "default", "custom"), [
    (1185, "moderate", "on_track"),  # 18.5 % / 20 % = 0.925: in [0.9, 0.95)
    (1110, "off_track", "moderate"),  # 11 % / 20 % = 0.55: in [0.5, 0.6)
])
def test_thresholds_option(make_workbook, railkpi, value, default, custom):
    path = _long(make_workbook, [("专利数量", 2022, 1000), ("专利数量", 2023, value)])
    before = assess_json(railkpi, path, "2023-2025")
    after = assess_json(railkpi, path, "2023-2025", "--thresholds", "0.9,0.5,0")
    for doc, status in ((before, default), (after, custom)):
        entry = find(doc, "2023-2025", "patent-growth")
        assert entry["growth_ratio"] == pytest.approx((value / 1000 - 1) / 0.2, rel=1e-9)
        assert entry["status"] == status
    assert before["plans"][0]["thresholds"] == {
        "on_track": 0.95, "moderate": 0.6, "off_track": 0.0}
    assert after["plans"][0]["thresholds"] == {"on_track": 0.9, "moderate": 0.5, "off_track": 0.0}
    table = railkpi("assess", path, "--plan", "2023-2025", "--thresholds", "0.9,0.5,0",
                    "--lang", "en")
    assert "0.9/0.5/0" in table.stdout


@pytest.mark.parametrize("text", ["1,2", "0.5,0.9,0", "a,b,c", "0.95,0.6", ""])
def test_bad_thresholds_exit_2(make_workbook, railkpi, text):
    path = _long(make_workbook, [("总收入", 2023, 3100)])
    run = railkpi("assess", path, "--thresholds", text)
    assert run.exit_code == 2


def test_as_of(make_workbook, railkpi):
    path = _long(make_workbook, [("总收入", 2022, 2900), ("总收入", 2023, 3600)])
    now = assess_json(railkpi, path, "14th-fyp")
    assert now["as_of"] == 2023  # default: the workbook's latest year
    matches(find(now, "14th-fyp", "revenue-2025"), {
        "latest": {"year": 2023, "value": 3600.0}, "gap": -100.0, "status": "achieved",
        "early": True,
    })
    then = assess_json(railkpi, path, "14th-fyp", "--as-of", "2022")
    assert then["as_of"] == 2022
    actual = (2900 / 2364.9) ** (1 / 2) - 1  # ≈ 10.7 % against 8.16 % required → on_track
    matches(find(then, "14th-fyp", "revenue-2025"), {
        "latest": {"year": 2022, "value": 2900.0, "source": "data"},
        "gap": 600.0,
        "time_elapsed": 2 / 5,
        "actual_cagr": actual,
        "growth_ratio": actual / ((3500 / 2364.9) ** (1 / 5) - 1),
        "status": "on_track",
        "early": False,
    })


def test_as_of_applies_to_window_targets(make_workbook, railkpi):
    # intl-events: 1 in 2023 misses 2-3; as of 2022 that year is not yet looked at.
    path = _long(make_workbook, [("国际性展览和论坛会议", 2021, 2),
                                 ("国际性展览和论坛会议", 2022, 3),
                                 ("国际性展览和论坛会议", 2023, 1)])
    now = find(assess_json(railkpi, path, "14th-fyp"), "14th-fyp", "intl-events")
    assert (now["status"], now["failing_years"]) == ("not_achieved", [2023])
    then = find(assess_json(railkpi, path, "14th-fyp", "--as-of", "2022"), "14th-fyp",
                "intl-events")
    matches(then, {"status": "on_track", "failing_years": [],
                   "latest": {"year": 2022, "value": 3.0}, "gap": 2.0 - 3})


def test_default_as_of_is_latest_year_of_any_indicator(make_workbook, railkpi):
    path = _long(make_workbook, [("总收入", 2022, 2900), ("研发经费", 2024, 100)])
    doc = assess_json(railkpi, path, "14th-fyp")
    assert doc["as_of"] == 2024
    revenue = find(doc, "14th-fyp", "revenue-2025")
    assert revenue["latest"]["year"] == 2022
    assert revenue["time_elapsed"] == pytest.approx(2 / 5, rel=1e-9)


# -- internal errors ------------------------------------------------------------------------


def test_internal_error_exit_3_without_traceback(make_workbook, monkeypatch, capsys):
    path = _long(make_workbook, [("总收入", 2023, 3100)])

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.delenv("RAILKPI_DEBUG", raising=False)
    monkeypatch.setattr(assess_module, "assess", broken)
    monkeypatch.setattr(sys, "argv", ["railkpi", "assess", str(path)])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 3
    captured = capsys.readouterr()
    assert "internal error" in captured.err
    assert __version__ in captured.err
    assert "Traceback" not in captured.err + captured.out
    assert "--debug" in captured.err  # says how to see more


def test_internal_error_with_debug_shows_the_traceback(make_workbook, monkeypatch, capsys):
    path = _long(make_workbook, [("总收入", 2023, 3100)])

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.delenv("RAILKPI_DEBUG", raising=False)
    monkeypatch.setattr(assess_module, "assess", broken)
    monkeypatch.setattr(sys, "argv", ["railkpi", "--debug", "assess", str(path)])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 3
    captured = capsys.readouterr()
    assert "Traceback" in captured.err
    assert "RuntimeError: boom" in captured.err
    assert "internal error" in captured.err


# -- the terminal table ---------------------------------------------------------------------


#: The lines under a table on what changed since the year before start with these.
CHANGE_LINES = re.compile(r"^(较 \d{4} 年|\d+ targets? (improved|worsened) since|no target)")


def _tables(output: str) -> str:
    """The output without the lines on what changed since the year before (they name statuses
    too), including their wrapped continuations, which end at a note or a blank line."""
    kept, skipping = [], False
    for line in output.splitlines():
        if CHANGE_LINES.match(line):
            skipping = True
        elif not line.strip() or line.startswith("  ·"):
            skipping = False
        if not skipping:
            kept.append(line)
    return "\n".join(kept)


def _status_counts(output: str, labels: Sequence[str]) -> dict[str, int]:
    """How often each status label stands as a whole cell (longest labels first)."""
    counts = {}
    for label in sorted(labels, key=len, reverse=True):
        pattern = re.compile(rf"(?<!\S){re.escape(label)}\*?(?!\S)")
        counts[label] = len(pattern.findall(output))
        output = pattern.sub(" ", output)
    return counts


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_terminal_table(railkpi, lang):
    run = railkpi("assess", EXAMPLE, "--lang", lang)
    assert run.exit_code == 0
    out = run.stdout
    assert "\x1b[" not in out
    assert "…" not in out
    for line in out.splitlines():
        assert cell_len(line) <= 100, line
    assert TITLE_14[lang] in out and TITLE_AP[lang] in out
    doc = railkpi("assess", EXAMPLE, "--format", "json").json()
    labels = {k: (zh if lang == "zh" else en) for k, (zh, en) in STATUS.items()}
    early = STATUS_EARLY_ACHIEVED[0 if lang == "zh" else 1]
    expected: dict[str, int] = dict.fromkeys([*labels.values(), early], 0)
    for plan in doc["plans"]:
        for t in plan["targets"]:
            shown = early if t["status"] == "achieved" and t["early"] else labels[t["status"]]
            expected[shown] += 1
    assert sum(expected.values()) == 36
    assert _status_counts(_tables(out), list(expected)) == expected
    if lang == "zh":
        for word in ("符合进度", "进度偏慢", "进度滞后", "逆向变化", "未完成", "已提前完成"):
            assert word in out
        assert "指标（单位）" in out and "状态" in out
    else:
        # "Indicator (unit)" may wrap at its space when the indicator column is narrow.
        for header in ("Indicator", "(unit)", "Base", "Latest", "Target", "Gap", "Status"):
            assert header in out
        assert "指标（单位）" not in out


LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


@pytest.mark.parametrize(("locale", "present", "absent"), [
    ("zh_CN.UTF-8", "指标（单位）", "Indicator"),
    ("en_US.UTF-8", "Indicator", "指标（单位）"),
])
def test_language_from_locale(locale, present, absent):
    env: dict[str, str | None] = dict.fromkeys(LOCALE_VARS)
    env["LANG"] = locale
    result = CliRunner().invoke(app, ["assess", str(EXAMPLE)], env=env)
    assert result.exit_code == 0, result.output
    assert present in result.stdout
    assert absent not in result.stdout


# -- the bundled example and the entry point --------------------------------------------------


def test_example_assesses_every_target(railkpi):
    run = railkpi("assess", EXAMPLE, "--format", "json")
    assert run.exit_code == 0
    doc = run.json()
    assert [p["id"] for p in doc["plans"]] == ["14th-fyp", "2023-2025"]
    assert [len(p["targets"]) for p in doc["plans"]] == [12, 24]
    for plan in doc["plans"]:
        for target in plan["targets"]:
            assert target["status"] in ALL_STATUSES, target["id"]
    assert railkpi("assess", EXAMPLE).exit_code == 0


def test_example_validates(railkpi):
    run = railkpi("validate", EXAMPLE)
    assert run.exit_code == 0
    assert "fengtai.xlsx" in run.stdout


def test_python_m_version():
    result = subprocess.run([sys.executable, "-m", "railkpi", "--version"],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"railkpi {__version__}"
