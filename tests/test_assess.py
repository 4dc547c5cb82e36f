"""The calculation core: small plans and observations in, TargetResult fields checked by hand.

Every expected number is written out from the inputs of the test (method.md's formulas as plain
arithmetic), never produced by railkpi.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pytest

from plans import history as hist
from plans import indicator, plan_data, plan_model, target
from railkpi.calc.assess import assess
from railkpi.calc.results import Assessment, TargetResult
from railkpi.plans.loader import load_plan
from railkpi.plans.models import Plan, Thresholds
from railkpi.read.observation import Observation

EXACT = 1e-12


INDICATORS: dict[str, dict[str, Any]] = {
    "revenue_total": indicator("轨道交通产业总收入", "Revenue", "亿元"),
    "enterprise_count": indicator("轨道交通企业数量", "Enterprises", "家"),
    "rd_expenditure": indicator("研发费用", "R&D expenditure", "亿元"),
    "energy_intensity": indicator("单位产值能耗", "Energy intensity", "吨标准煤/万元", "lower"),
    "poc_centers": indicator("概念验证中心", "Proof-of-concept centres", "个"),
    "profit_total": indicator("利润总额", "Profit", "亿元", nonnegative=False),
    "intl_multinationals": indicator("跨国公司", "Multinationals", "家"),
    "patent_count": indicator("专利数量", "Patents", "件"),
    "core_tech_breakthroughs": indicator("关键核心技术", "Core technologies", "项"),
    "intl_events": indicator("国际展会论坛", "International events", "次"),
    "tech_transaction_value": indicator("技术交易额", "Technology transactions", "亿元"),
    "accident_rate": indicator("事故率", "Accident rate", "起/万公里", "lower"),
}


def make_plan(
    *targets: dict[str, Any],
    history: tuple[dict[str, Any], ...] = (),
    period: tuple[int, int] = (2021, 2025),
    baseline_year: int = 2020,
    thresholds: dict[str, float] | None = None,
) -> Plan:
    return plan_model(plan_data(*targets, indicators=INDICATORS, history=list(history),
                                period=period, baseline_year=baseline_year,
                                thresholds=thresholds))


def observe(plan: Plan, indicator_id: str, series: dict[int, float]) -> list[Observation]:
    return [
        Observation.model_validate(
            {"indicator": indicator_id, "year": year, "value": value, "where": f"数据!C{row}"},
            context={"indicators": plan.indicators},
        )
        for row, (year, value) in enumerate(sorted(series.items()), start=2)
    ]


def run(
    plan: Plan,
    series: dict[int, float] | None = None,
    *,
    as_of: int | None = None,
    thresholds: Thresholds | None = None,
) -> Assessment:
    """Assess `plan` with `series` (year → value) as the workbook's figures for its indicator."""
    observations = observe(plan, plan.targets[0].indicator, series or {})
    return assess([plan], observations, as_of=as_of, thresholds=thresholds)


def result(plan: Plan, series: dict[int, float] | None = None, **kwargs: Any) -> TargetResult:
    (only,) = run(plan, series, **kwargs).plans[0].targets
    return only


def codes(r: TargetResult) -> set[str]:
    return {n.code for n in r.notes}


def params(r: TargetResult, code: str) -> dict[str, str]:
    (found,) = [dict(n.params) for n in r.notes if n.code == code]
    return found


# -- level: the contract example ---------------------------------------------------------------

REVENUE_2020 = (hist("revenue_total", 2020, 2364.9),)


def revenue_plan(op: str = ">", value: float = 3500, **kwargs: Any) -> Plan:
    kwargs.setdefault("history", REVENUE_2020)
    return make_plan(target("level", "revenue_total", op=op, value=value), **kwargs)


def test_contract_example_every_figure() -> None:
    r = result(revenue_plan(), {2023: 2800})
    x0, x, X = 2364.9, 2800.0, 3500.0
    actual = (x / x0) ** (1 / 3) - 1
    required = (X / x0) ** (1 / 5) - 1
    assert r.target_value == X
    assert r.target_year == 2025
    assert r.baseline is not None and r.latest is not None
    assert (r.baseline.year, r.baseline.value, r.baseline.source) == (2020, 2364.9, "plan")
    assert (r.latest.year, r.latest.value, r.latest.source) == (2023, 2800, "data")
    assert r.gap == pytest.approx(X - x, rel=EXACT)
    assert r.completion == pytest.approx((x - x0) / (X - x0), rel=EXACT)
    assert r.time_elapsed == pytest.approx((2023 - 2020) / (2025 - 2020), rel=EXACT)
    assert r.actual_cagr == pytest.approx(actual, rel=EXACT)
    assert r.required_cagr == pytest.approx(required, rel=EXACT)
    assert r.required_cagr_from_latest == pytest.approx((X / x) ** (1 / 2) - 1, rel=EXACT)
    assert r.growth_ratio == pytest.approx(actual / required, rel=EXACT)
    assert r.expected_completion == pytest.approx(
        (x0 * (1 + required) ** 3 - x0) / (X - x0), rel=EXACT
    )
    assert r.years_observed == 3
    assert r.projected == pytest.approx(x * (1 + actual) ** 2, rel=EXACT)
    # 2800·(1+actual)^n reaches 3500 for n ≥ ln(1.25)/ln(1+actual) = 3.96 → n = 4
    assert r.projected_year == 2023 + math.ceil(math.log(X / x) / math.log(1 + actual))
    assert r.projected_year == 2027
    assert r.method == "cagr"
    assert r.status == "moderate"
    assert r.early is False
    assert r.failing_years == ()


def test_contract_example_published_roundings() -> None:
    r = result(revenue_plan(), {2023: 2800})
    assert r.gap == pytest.approx(700)
    assert round(r.completion or 0, 3) == 0.383
    assert round(r.time_elapsed or 0, 1) == 0.6
    assert round(r.actual_cagr or 0, 4) == 0.0579
    assert round(r.required_cagr or 0, 4) == 0.0816
    assert round(r.required_cagr_from_latest or 0, 3) == 0.118
    assert round(r.growth_ratio or 0, 2) == 0.71
    # 3133.68 at full precision; 3133.6 when carried forward at the rounded 5.79 %
    assert r.projected == pytest.approx(3133.6, abs=0.1)


def test_contract_example_notes_baseline_from_plan() -> None:
    r = result(revenue_plan(), {2023: 2800})
    assert "baseline-from-plan" in codes(r)
    assert "baseline-fallback" not in codes(r)
    assert "weak-evidence" not in codes(r)


def test_default_as_of_is_latest_observed_year() -> None:
    assessment = run(revenue_plan(), {2021: 2500, 2023: 2800})
    assert assessment.as_of == 2023
    latest = assessment.plans[0].targets[0].latest
    assert latest is not None and latest.year == 2023


def test_one_year_of_data_is_flagged_weak_evidence() -> None:
    r = result(revenue_plan(), {2021: 2600})
    assert r.years_observed == 1
    assert "weak-evidence" in codes(r)


# -- level: achieved, early, strict comparators ------------------------------------------------


def test_level_met_before_target_year_is_achieved_early() -> None:
    r = result(revenue_plan(), {2023: 3600})
    assert r.status == "achieved"
    assert r.early is True
    assert r.gap == pytest.approx(3500 - 3600)


def test_strict_target_equal_in_target_year_is_not_achieved() -> None:
    r = result(revenue_plan(">"), {2023: 2800, 2025: 3500})
    assert r.status == "not_achieved"
    assert r.early is False
    assert r.gap == 0
    assert "target-year-strict" in codes(r)


def test_non_strict_target_equal_in_target_year_is_achieved() -> None:
    r = result(revenue_plan(">="), {2023: 2800, 2025: 3500})
    assert r.status == "achieved"
    assert r.early is False


def test_strict_target_equal_before_target_year_is_not_achieved_early() -> None:
    # x == X with '>': not met yet; the progress status uses X itself
    r = result(revenue_plan(">"), {2023: 3500})
    assert r.status != "achieved"
    assert r.status == "on_track"  # (3500/2364.9)^(1/3)−1 ≫ the 8.16 % required


def test_target_year_figure_short_of_target_is_not_achieved() -> None:
    # on track in 2024 (3400 is 9.5 % a year) but 3400 in 2025 falls short of 3500
    r = result(revenue_plan(), {2024: 3400, 2025: 3450})
    assert r.latest is not None and r.latest.year == 2025
    assert r.status == "not_achieved"
    assert r.gap == pytest.approx(3500 - 3450)
    assert r.time_elapsed == 1.0


def test_target_year_figure_meeting_target_is_achieved_not_early() -> None:
    r = result(revenue_plan(), {2023: 2400, 2025: 3600})
    assert r.status == "achieved"
    assert r.early is False


def test_as_of_hides_later_years() -> None:
    series = {2023: 2800, 2025: 3600}
    before = result(revenue_plan(), series, as_of=2023)
    after = result(revenue_plan(), series, as_of=2025)
    assert before.latest is not None and before.latest.year == 2023
    assert before.status == "moderate"
    assert after.latest is not None and after.latest.year == 2025
    assert after.status == "achieved"


def test_as_of_between_observations_takes_last_year_before_it() -> None:
    r = result(revenue_plan(), {2022: 2700, 2024: 3600}, as_of=2023)
    assert r.latest is not None and (r.latest.year, r.latest.value) == (2022, 2700)
    assert r.time_elapsed == pytest.approx(2 / 5, rel=EXACT)


def test_latest_never_after_target_year() -> None:
    r = result(revenue_plan(), {2025: 3400, 2026: 3700}, as_of=2026)
    assert r.latest is not None and r.latest.year == 2025
    assert r.status == "not_achieved"


# -- baselines ---------------------------------------------------------------------------------


def test_data_baseline_overrides_plan_history() -> None:
    r = result(revenue_plan(), {2020: 2400, 2023: 2800})
    assert r.baseline is not None
    assert (r.baseline.year, r.baseline.value, r.baseline.source) == (2020, 2400, "data")
    assert r.required_cagr == pytest.approx((3500 / 2400) ** (1 / 5) - 1, rel=EXACT)
    assert r.actual_cagr == pytest.approx((2800 / 2400) ** (1 / 3) - 1, rel=EXACT)
    assert "baseline-from-plan" not in codes(r)


def test_baseline_fallback_to_earliest_later_year() -> None:
    r = result(revenue_plan(history=()), {2021: 2500, 2022: 2600, 2023: 2800})
    assert r.baseline is not None
    assert (r.baseline.year, r.baseline.value, r.baseline.source) == (2021, 2500, "data")
    assert "baseline-fallback" in codes(r)
    assert params(r, "baseline-fallback") == {"wanted": "2020", "used": "2021"}
    actual = (2800 / 2500) ** (1 / 2) - 1
    required = (3500 / 2500) ** (1 / 4) - 1
    assert r.time_elapsed == pytest.approx((2023 - 2021) / (2025 - 2021), rel=EXACT)
    assert r.completion == pytest.approx((2800 - 2500) / (3500 - 2500), rel=EXACT)
    assert r.actual_cagr == pytest.approx(actual, rel=EXACT)
    assert r.required_cagr == pytest.approx(required, rel=EXACT)
    assert r.growth_ratio == pytest.approx(actual / required, rel=EXACT)  # 0.66
    assert r.years_observed == 2
    assert r.status == "moderate"


def test_no_baseline_when_only_latest_year_observed() -> None:
    # the fallback needs a year before the latest; with none, growth figures stay null
    r = result(revenue_plan(history=()), {2023: 2800})
    assert r.baseline is None
    assert r.gap == pytest.approx(700)
    assert r.completion is None and r.actual_cagr is None and r.required_cagr is None
    assert r.growth_ratio is None and r.projected is None
    assert r.status == "no_data"


def test_no_baseline_but_latest_meets_target_is_achieved() -> None:
    r = result(revenue_plan(history=()), {2023: 3600})
    assert r.baseline is None
    assert r.status == "achieved"
    assert r.early is True


def test_only_baseline_year_observed_is_no_data() -> None:
    r = result(revenue_plan(history=()), {2020: 2364.9})
    assert r.baseline is not None and r.baseline.source == "data"
    assert r.latest is not None and r.latest.year == 2020
    assert r.status == "no_data"
    assert "only-baseline" in codes(r)
    assert r.years_observed == 0
    assert r.required_cagr == pytest.approx((3500 / 2364.9) ** (1 / 5) - 1, rel=EXACT)
    # No progress measured yet: no completion, time elapsed or expected completion of 0
    assert r.completion is None and r.time_elapsed is None and r.expected_completion is None
    assert r.gap == pytest.approx(3500 - 2364.9, rel=EXACT)


def test_one_year_past_the_baseline_measures_progress() -> None:
    # 2364.9 → 2500 in 2021 against > 3500 in 2025: (2500 − 2364.9)/(3500 − 2364.9) = 0.119…,
    # a fifth of the time
    r = result(revenue_plan(history=()), {2020: 2364.9, 2021: 2500})
    assert r.completion == pytest.approx(135.1 / 1135.1, rel=EXACT)
    assert r.time_elapsed == pytest.approx(0.2, rel=EXACT)
    assert r.expected_completion is not None


def test_only_baseline_year_already_meeting_target_is_achieved() -> None:
    r = result(revenue_plan(history=()), {2020: 3600})
    assert r.status == "achieved"
    assert r.early is True
    assert "only-baseline" not in codes(r)


def test_no_observations_and_no_history_is_no_data() -> None:
    r = result(revenue_plan(history=()))
    assert r.latest is None and r.baseline is None
    assert r.gap is None
    assert r.status == "no_data"


def test_no_observations_with_plan_history_is_no_data() -> None:
    assessment = run(revenue_plan())
    assert assessment.as_of == 2020  # no data: the plan's latest published year
    (r,) = assessment.plans[0].targets
    assert r.status == "no_data"
    assert "only-baseline" in codes(r)


# -- hold the level ----------------------------------------------------------------------------


def hold_plan() -> Plan:
    return make_plan(target("level", "revenue_total", op=">=", value=2364.9), history=REVENUE_2020)


def test_hold_level_below_is_regressing() -> None:
    r = result(hold_plan(), {2022: 2300})
    assert r.required_cagr == 0.0
    assert r.growth_ratio is None  # never divide by a zero required rate
    assert r.completion is None
    assert r.status == "regressing"
    assert "hold-level" in codes(r)


def test_hold_level_met_is_achieved() -> None:
    r = result(hold_plan(), {2022: 2364.9})
    assert r.status == "achieved"


# -- thresholds: cagr method -------------------------------------------------------------------
# x0 = 100 in 2020, X = 400 in 2022: required = (400/100)^(1/2) − 1 = 1.0 exactly;
# latest in 2021, so actual = x/100 − 1 and growth_ratio = actual / 1.0.


def boundary_plan(**kwargs: Any) -> Plan:
    return make_plan(
        target("level", "revenue_total", op=">=", value=400, year=2022),
        history=(hist("revenue_total", 2020, 100),),
        period=(2021, 2022),
        **kwargs,
    )


def test_growth_ratio_exactly_on_track_threshold_is_on_track() -> None:
    r = result(boundary_plan(), {2021: 195})
    assert r.required_cagr == 1.0
    assert r.growth_ratio == pytest.approx(0.95, rel=EXACT)
    assert r.status == "on_track"


def test_growth_ratio_just_below_on_track_is_moderate() -> None:
    r = result(boundary_plan(), {2021: 194.9})
    assert r.growth_ratio == pytest.approx(0.949, rel=1e-9)
    assert r.status == "moderate"


def test_growth_ratio_exactly_moderate_threshold_is_moderate() -> None:
    # x0 = 64, X = 169 in 2 years: (169/64)^(1/2) − 1 = 13/8 − 1 = 0.625;
    # x = 88 after 1 year: 88/64 − 1 = 0.375; ratio = 0.375 / 0.625 = 0.6
    plan = make_plan(
        target("level", "revenue_total", op=">=", value=169, year=2022),
        history=(hist("revenue_total", 2020, 64),),
        period=(2021, 2022),
    )
    r = result(plan, {2021: 88})
    assert r.required_cagr == pytest.approx(0.625, rel=EXACT)
    assert r.growth_ratio == pytest.approx(0.6, rel=EXACT)
    assert r.status == "moderate"


def test_growth_ratio_just_below_moderate_is_off_track() -> None:
    r = result(boundary_plan(), {2021: 159.9})
    assert r.growth_ratio == pytest.approx(0.599, rel=1e-9)
    assert r.status == "off_track"


def test_growth_ratio_zero_is_off_track() -> None:
    r = result(boundary_plan(), {2021: 100})
    assert r.growth_ratio == 0.0
    assert r.status == "off_track"


def test_growth_ratio_negative_is_regressing() -> None:
    r = result(boundary_plan(), {2021: 99})
    assert r.growth_ratio == pytest.approx(-0.01, rel=1e-9)
    assert r.status == "regressing"


def test_growth_ratio_of_exactly_095_in_decimal_is_on_track() -> None:
    # 100 → 121 over 2 years needs 10 % a year; 109.5 after 1 year is 9.5 %: 9.5 / 10 = 0.95
    # (binary floating point gives 0.9499999999999988, which must not downgrade the status)
    plan = make_plan(
        target("level", "revenue_total", op=">=", value=121, year=2022),
        history=(hist("revenue_total", 2020, 100),),
        period=(2021, 2022),
    )
    r = result(plan, {2021: 109.5})
    assert r.growth_ratio == pytest.approx(0.095 / 0.1, rel=1e-9)
    assert r.status == "on_track"


# -- custom thresholds -------------------------------------------------------------------------


def test_run_thresholds_override_defaults() -> None:
    # ratio 0.5 / 1.0 = 0.5: off_track by default (< 0.60), on_track with on_track = 0.5
    custom = Thresholds(on_track=0.5, moderate=0.25, off_track=-0.5)
    assessment = run(boundary_plan(), {2021: 150}, thresholds=custom)
    assert assessment.plans[0].thresholds == custom
    assert assessment.plans[0].targets[0].status == "on_track"
    assert result(boundary_plan(), {2021: 150}).status == "off_track"


def test_run_thresholds_moderate_and_off_track_cutoffs() -> None:
    custom = Thresholds(on_track=0.5, moderate=0.25, off_track=-0.5)
    assert result(boundary_plan(), {2021: 125}, thresholds=custom).status == "moderate"  # 0.25
    assert result(boundary_plan(), {2021: 124}, thresholds=custom).status == "off_track"
    assert result(boundary_plan(), {2021: 50}, thresholds=custom).status == "off_track"  # −0.5
    assert result(boundary_plan(), {2021: 49}, thresholds=custom).status == "regressing"


def test_plan_thresholds_apply_without_run_thresholds() -> None:
    plan = boundary_plan(thresholds={"on_track": 0.5, "moderate": 0.25, "off_track": 0.0})
    assessment = run(plan, {2021: 150})
    assert assessment.plans[0].thresholds == Thresholds(on_track=0.5, moderate=0.25)
    assert assessment.plans[0].targets[0].status == "on_track"


def test_run_thresholds_win_over_plan_thresholds() -> None:
    plan = boundary_plan(thresholds={"on_track": 0.5, "moderate": 0.25, "off_track": 0.0})
    r = result(plan, {2021: 150}, thresholds=Thresholds())
    assert r.status == "off_track"


# -- better: lower -----------------------------------------------------------------------------


def energy_plan(op: str = "<=") -> Plan:
    return make_plan(
        target("level", "energy_intensity", op=op, value=0.8),
        history=(hist("energy_intensity", 2020, 1.0),),
    )


def test_lower_is_better_figures_mirrored() -> None:
    # 1.0 in 2020 → 0.9 in 2022, target ≤ 0.8 in 2025
    r = result(energy_plan(), {2022: 0.9})
    actual = (0.9 / 1.0) ** (1 / 2) - 1  # −5.13 %
    required = (0.8 / 1.0) ** (1 / 5) - 1  # −4.36 %
    assert r.gap == pytest.approx(-1 * (0.8 - 0.9), rel=EXACT)  # 0.1 still to fall
    assert r.completion == pytest.approx((0.9 - 1.0) / (0.8 - 1.0), rel=EXACT)  # 0.5
    assert r.time_elapsed == pytest.approx(2 / 5, rel=EXACT)
    assert r.actual_cagr == pytest.approx(actual, rel=EXACT)
    assert r.required_cagr == pytest.approx(required, rel=EXACT)
    assert r.growth_ratio == pytest.approx(-actual / abs(required), rel=EXACT)  # 1.18
    assert r.required_cagr_from_latest == pytest.approx((0.8 / 0.9) ** (1 / 3) - 1, rel=EXACT)
    assert r.projected == pytest.approx(0.9 * (1 + actual) ** 3, rel=EXACT)  # 0.768
    # 0.9·0.9^(n/2) ≤ 0.8 for n ≥ 2·ln(0.8/0.9)/ln(0.9) = 2.24 → n = 3
    assert r.projected_year == 2025
    assert r.method == "cagr"
    assert r.status == "on_track"


def test_lower_is_better_rising_is_regressing() -> None:
    r = result(energy_plan(), {2022: 1.1})
    actual = 1.1 ** (1 / 2) - 1
    required = 0.8 ** (1 / 5) - 1
    assert r.growth_ratio == pytest.approx(-actual / abs(required), rel=EXACT)
    assert (r.growth_ratio or 0) < 0
    assert r.gap == pytest.approx(-1 * (0.8 - 1.1), rel=EXACT)
    assert r.projected_year is None
    assert r.status == "regressing"


def test_lower_is_better_target_year_met_and_missed() -> None:
    assert result(energy_plan(), {2025: 0.8}).status == "achieved"
    assert result(energy_plan(), {2025: 0.81}).status == "not_achieved"
    assert result(energy_plan("<"), {2025: 0.8}).status == "not_achieved"


# -- linear fallback ---------------------------------------------------------------------------


def milestone_plan(
    value: float = 1, year: int = 2025, period: tuple[int, int] = (2023, 2025)
) -> Plan:
    return make_plan(
        target("level", "poc_centers", op=">=", value=value, year=year),
        history=(hist("poc_centers", 2022, 0),),
        period=period,
        baseline_year=2022,
    )


def test_zero_baseline_milestone_uses_linear_method() -> None:
    # 0 in 2022 → ≥ 1 in 2025; still 0 in 2023: completion 0 against 1/3 of the time elapsed
    r = result(milestone_plan(), {2023: 0})
    assert r.completion == 0.0
    assert r.time_elapsed == pytest.approx(1 / 3, rel=EXACT)
    assert r.actual_cagr is None and r.required_cagr is None and r.growth_ratio is None
    assert r.projected is None and r.projected_year is None
    assert r.expected_completion is None
    assert r.gap == 1
    assert r.method == "linear"
    assert r.status == "off_track"  # 0 ≥ 0·(1/3) but < 0.6·(1/3)
    assert "baseline-nonpositive" in codes(r)


def test_zero_baseline_milestone_reached_is_achieved_early() -> None:
    r = result(milestone_plan(), {2024: 1})
    assert r.status == "achieved"
    assert r.early is True


def test_linear_completion_equal_to_time_elapsed_is_on_track() -> None:
    # 0 → 3 by 2025; 1 in 2023: completion 1/3 = time elapsed 1/3
    r = result(milestone_plan(value=3), {2023: 1})
    assert r.completion == pytest.approx(1 / 3, rel=EXACT)
    assert r.time_elapsed == pytest.approx(1 / 3, rel=EXACT)
    assert r.method == "linear"
    assert r.status == "on_track"


def test_linear_completion_at_moderate_share_of_time_is_moderate() -> None:
    # 0 → 20 over 2022-2026; 6 in 2024: completion 0.3 = 0.6 × time elapsed 0.5
    r = result(milestone_plan(value=20, year=2026, period=(2023, 2026)), {2024: 6})
    assert r.completion == pytest.approx(6 / 20, rel=EXACT)
    assert r.time_elapsed == pytest.approx(2 / 4, rel=EXACT)
    assert r.method == "linear"
    assert r.status == "moderate"


def test_linear_completion_below_moderate_share_is_off_track() -> None:
    # 5 / 20 = 0.25 < 0.6 × 0.5
    r = result(milestone_plan(value=20, year=2026, period=(2023, 2026)), {2024: 5})
    assert r.method == "linear"
    assert r.status == "off_track"


def test_linear_negative_completion_is_regressing() -> None:
    # a loss of 10 in 2020, target a profit ≥ 50 in 2025; a loss of 20 in 2023
    plan = make_plan(
        target("level", "profit_total", op=">=", value=50),
        history=(hist("profit_total", 2020, -10),),
    )
    r = result(plan, {2023: -20})
    assert r.completion == pytest.approx((-20 - -10) / (50 - -10), rel=EXACT)
    assert r.actual_cagr is None
    assert r.method == "linear"
    assert r.status == "regressing"


def test_linear_loss_turning_to_profit_on_track() -> None:
    # −10 → 50: 40 in 2023 covers (40+10)/60 = 0.83 of the way in 0.6 of the time
    plan = make_plan(
        target("level", "profit_total", op=">=", value=50),
        history=(hist("profit_total", 2020, -10),),
    )
    r = result(plan, {2023: 40})
    assert r.completion == pytest.approx((40 + 10) / (50 + 10), rel=EXACT)
    assert r.method == "linear"
    assert r.status == "on_track"


def test_linear_uses_custom_thresholds() -> None:
    # completion 0.25 / time elapsed 0.5 = 0.5: off_track by default, moderate with 0.5
    custom = Thresholds(on_track=0.95, moderate=0.5, off_track=0.0)
    plan = milestone_plan(value=20, year=2026, period=(2023, 2026))
    assert result(plan, {2024: 5}, thresholds=custom).status == "moderate"


def test_linear_on_track_is_completion_at_least_time_elapsed_whatever_the_cutoff() -> None:
    # the linear on_track rule is completion ≥ time_elapsed (任务过半), not on_track × elapsed
    custom = Thresholds(on_track=1.5, moderate=0.6, off_track=0.0)
    assert result(milestone_plan(value=3), {2023: 1}, thresholds=custom).status == "on_track"


# -- change ------------------------------------------------------------------------------------


def change_plan() -> Plan:
    return make_plan(
        target("change", "enterprise_count", op=">=", value=60),
        history=(hist("enterprise_count", 2020, 180),),
    )


def test_change_target_hand_checked() -> None:
    # X = 180 + 60 = 240; 210 in 2023
    r = result(change_plan(), {2023: 210})
    actual = (210 / 180) ** (1 / 3) - 1
    required = (240 / 180) ** (1 / 5) - 1
    assert r.target_value == 240
    assert r.gap == pytest.approx(240 - 210)
    assert r.completion == pytest.approx((210 - 180) / (240 - 180), rel=EXACT)  # 0.5
    assert r.time_elapsed == pytest.approx(0.6, rel=EXACT)
    assert r.actual_cagr == pytest.approx(actual, rel=EXACT)
    assert r.required_cagr == pytest.approx(required, rel=EXACT)
    assert r.growth_ratio == pytest.approx(actual / required, rel=EXACT)  # 0.89
    assert r.required_cagr_from_latest == pytest.approx((240 / 210) ** (1 / 2) - 1, rel=EXACT)
    assert r.method == "cagr"
    assert r.status == "moderate"


def test_change_target_year_decides() -> None:
    assert result(change_plan(), {2025: 240}).status == "achieved"
    assert result(change_plan(), {2025: 239}).status == "not_achieved"


def test_change_uses_data_baseline_over_history() -> None:
    r = result(change_plan(), {2020: 190, 2025: 245})
    assert r.target_value == 190 + 60
    assert r.status == "not_achieved"


def test_change_without_baseline_figure_does_not_fall_back() -> None:
    plan = make_plan(target("change", "enterprise_count", op=">=", value=60))
    r = result(plan, {2021: 190, 2022: 200, 2023: 230})
    assert r.baseline is None
    assert r.target_value is None
    assert r.gap is None
    assert r.status == "no_data"
    assert "baseline-missing" in codes(r)
    assert "baseline-fallback" not in codes(r)


def test_change_without_baseline_in_target_year_is_no_data() -> None:
    plan = make_plan(target("change", "enterprise_count", op=">=", value=60))
    r = result(plan, {2021: 190, 2025: 260})
    assert r.status == "no_data"
    assert "baseline-missing" in codes(r)


# -- ratio -------------------------------------------------------------------------------------


def ratio_plan() -> Plan:
    return make_plan(
        target("ratio", "rd_expenditure", op=">=", value=2, baseline_year=2020),
        history=(hist("rd_expenditure", 2020, 56.8),),
    )


def test_ratio_target_hand_checked() -> None:
    # 翻番: X = 2 × 56.8 = 113.6; 80 in 2023
    r = result(ratio_plan(), {2023: 80})
    actual = (80 / 56.8) ** (1 / 3) - 1
    required = 2 ** (1 / 5) - 1
    assert r.target_value == pytest.approx(113.6, rel=EXACT)
    assert r.gap == pytest.approx(113.6 - 80, rel=EXACT)
    assert r.completion == pytest.approx((80 - 56.8) / (113.6 - 56.8), rel=EXACT)
    assert r.actual_cagr == pytest.approx(actual, rel=EXACT)
    assert r.required_cagr == pytest.approx(required, rel=EXACT)
    assert round((r.required_cagr or 0) * 100, 2) == 14.87
    assert r.growth_ratio == pytest.approx(actual / required, rel=EXACT)  # 0.81
    assert r.status == "moderate"


def test_ratio_doubling_exactly_in_target_year_is_achieved() -> None:
    assert result(ratio_plan(), {2025: 113.6}).status == "achieved"
    assert result(ratio_plan(), {2025: 113.5}).status == "not_achieved"


def test_ratio_target_baseline_year_overrides_plan_baseline_year() -> None:
    # baseline_year 2021 on the target: X = 1.2 × the 2021 figure 60 = 72, not 1.2 × 56.8
    plan = make_plan(
        target("ratio", "rd_expenditure", op=">=", value=1.2, baseline_year=2021),
        history=(hist("rd_expenditure", 2020, 56.8),),
    )
    r = result(plan, {2021: 60, 2023: 66})
    assert r.baseline is not None and (r.baseline.year, r.baseline.value) == (2021, 60)
    assert r.target_value == pytest.approx(72, rel=EXACT)
    assert r.time_elapsed == pytest.approx((2023 - 2021) / (2025 - 2021), rel=EXACT)
    assert r.required_cagr == pytest.approx(1.2 ** (1 / 4) - 1, rel=EXACT)


def test_ratio_without_baseline_figure_is_no_data() -> None:
    plan = make_plan(target("ratio", "rd_expenditure", op=">=", value=2, baseline_year=2020))
    r = result(plan, {2021: 60, 2022: 70, 2023: 80})
    assert r.baseline is None
    assert r.target_value is None
    assert r.status == "no_data"
    assert "baseline-missing" in codes(r)
    assert "baseline-fallback" not in codes(r)


# -- growth ------------------------------------------------------------------------------------


def growth_plan() -> Plan:
    return make_plan(
        target("growth", "patent_count", op=">=", value=0.2),
        period=(2023, 2025),
        baseline_year=2022,
    )


def test_growth_target_hand_checked() -> None:
    # 1000 in 2022, 20 % a year to 2025: X = 1000 × 1.2^3 = 1728; 1150 in 2023
    r = result(growth_plan(), {2022: 1000, 2023: 1150})
    X = 1000 * 1.2**3
    actual = 1150 / 1000 - 1  # 15 %
    assert r.target_value == pytest.approx(X, rel=EXACT)
    assert r.required_cagr == 0.2  # exactly g
    assert r.actual_cagr == pytest.approx(actual, rel=EXACT)
    assert r.growth_ratio == pytest.approx(actual / 0.2, rel=EXACT)  # 0.75
    assert r.gap == pytest.approx(X - 1150, rel=EXACT)
    assert r.completion == pytest.approx((1150 - 1000) / (X - 1000), rel=EXACT)
    assert r.time_elapsed == pytest.approx(1 / 3, rel=EXACT)
    assert r.expected_completion == pytest.approx((1000 * 1.2 - 1000) / (X - 1000), rel=EXACT)
    assert r.required_cagr_from_latest == pytest.approx((X / 1150) ** (1 / 2) - 1, rel=EXACT)
    assert r.projected == pytest.approx(1150 * (1 + actual) ** 2, rel=EXACT)
    assert r.method == "cagr"
    assert r.status == "moderate"


def test_growth_target_year_at_exact_rate_is_achieved() -> None:
    r = result(growth_plan(), {2022: 1000, 2025: 1728})
    assert r.actual_cagr == pytest.approx(1.728 ** (1 / 3) - 1, rel=EXACT)
    assert r.status == "achieved"


def test_growth_target_year_below_rate_is_not_achieved() -> None:
    # (1700/1000)^(1/3) − 1 = 19.3 % < 20 %, although 2023 alone doubled
    r = result(growth_plan(), {2022: 1000, 2023: 2000, 2025: 1700})
    assert r.actual_cagr == pytest.approx(1.7 ** (1 / 3) - 1, rel=EXACT)
    assert r.status == "not_achieved"
    assert "growth-not-met" in codes(r)


def test_growth_baseline_fallback() -> None:
    # no 2022 figure: 2023 serves; X = 1000 × 1.2^(2025 − 2023) = 1440
    r = result(growth_plan(), {2023: 1000, 2024: 1100})
    assert r.baseline is not None and r.baseline.year == 2023
    assert "baseline-fallback" in codes(r)
    assert r.target_value == pytest.approx(1000 * 1.2**2, rel=EXACT)
    assert r.required_cagr == 0.2
    assert r.growth_ratio == pytest.approx((1100 / 1000 - 1) / 0.2, rel=EXACT)  # 0.5
    assert r.status == "off_track"


# -- range -------------------------------------------------------------------------------------


def range_plan() -> Plan:
    return make_plan(
        target("range", "intl_multinationals", min=3, max=5),
        history=(hist("intl_multinationals", 2020, 1),),
    )


def test_range_progress_towards_min_before_target_year() -> None:
    # 1 in 2020 → [3, 5] in 2025; 2 in 2023: measured against min = 3
    r = result(range_plan(), {2023: 2})
    actual = 2 ** (1 / 3) - 1
    required = 3 ** (1 / 5) - 1
    assert r.target_value == (3, 5)
    assert r.gap == pytest.approx(3 - 2)
    assert r.completion == pytest.approx((2 - 1) / (3 - 1), rel=EXACT)
    assert r.actual_cagr == pytest.approx(actual, rel=EXACT)
    assert r.required_cagr == pytest.approx(required, rel=EXACT)
    assert r.growth_ratio == pytest.approx(actual / required, rel=EXACT)  # 1.02
    assert r.status == "on_track"


@pytest.mark.parametrize("value", [3, 4, 5])
def test_range_within_bounds_in_target_year_is_achieved(value: float) -> None:
    r = result(range_plan(), {2025: value})
    assert r.status == "achieved"
    assert "exceeds-range" not in codes(r)


def test_range_above_max_on_higher_is_better_is_achieved_with_note() -> None:
    r = result(range_plan(), {2025: 6})
    assert r.status == "achieved"
    assert "exceeds-range" in codes(r)


def test_range_below_min_in_target_year_is_not_achieved() -> None:
    r = result(range_plan(), {2025: 2})
    assert r.status == "not_achieved"


def test_range_baseline_fallback() -> None:
    plan = make_plan(target("range", "intl_multinationals", min=3, max=5))
    r = result(plan, {2021: 1, 2023: 2})
    assert r.baseline is not None and r.baseline.year == 2021
    assert "baseline-fallback" in codes(r)
    assert r.completion == pytest.approx((2 - 1) / (3 - 1), rel=EXACT)


# -- each_year ---------------------------------------------------------------------------------


def each_year_plan(**fields: Any) -> Plan:
    return make_plan(
        target("each_year", "core_tech_breakthroughs", op=">=", value=30, **fields),
        period=(2023, 2025),
        baseline_year=2022,
    )


def test_each_year_all_passing_before_last_year_is_on_track() -> None:
    # 2022 is outside the plan period 2023-2025: its 10 is not checked
    r = result(each_year_plan(), {2022: 10, 2023: 31, 2024: 30})
    assert r.status == "on_track"
    assert r.failing_years == ()
    assert r.target_value == 30
    assert r.target_year == 2025
    assert r.latest is not None and (r.latest.year, r.latest.value) == (2024, 30)
    assert r.gap == 0


def test_each_year_all_passing_through_last_year_is_achieved() -> None:
    r = result(each_year_plan(), {2023: 31, 2024: 30, 2025: 45})
    assert r.status == "achieved"
    assert r.failing_years == ()


def test_each_year_failing_year_is_not_achieved() -> None:
    r = result(each_year_plan(), {2023: 31, 2024: 29, 2025: 40})
    assert r.status == "not_achieved"
    assert r.failing_years == (2024,)
    assert "failing-years" in codes(r)


def test_each_year_failing_year_cannot_be_made_up_before_last_year() -> None:
    r = result(each_year_plan(), {2023: 12, 2024: 60})
    assert r.status == "not_achieved"
    assert r.failing_years == (2023,)


def test_each_year_every_failing_year_is_listed() -> None:
    r = result(each_year_plan(), {2023: 29, 2024: 35, 2025: 0})
    assert r.failing_years == (2023, 2025)


def test_each_year_missing_year_in_complete_window_is_undetermined() -> None:
    r = result(each_year_plan(), {2023: 31, 2025: 32})
    assert r.status == "undetermined"
    assert "missing-years" in codes(r)
    assert params(r, "missing-years") == {"years": "2024"}


def test_each_year_explicit_window() -> None:
    # window 2024-2025: 2023's 12 is outside it
    r = result(each_year_plan(years=[2024, 2025]), {2023: 12, 2024: 30, 2025: 31})
    assert r.status == "achieved"
    assert r.failing_years == ()


def test_each_year_as_of_hides_later_failure() -> None:
    r = result(each_year_plan(), {2023: 31, 2024: 20}, as_of=2023)
    assert r.status == "on_track"
    assert r.failing_years == ()


def test_each_year_no_figures_in_window_is_no_data() -> None:
    r = result(each_year_plan(), {2022: 40})
    assert r.status == "no_data"


def events_plan() -> Plan:
    return make_plan(target("each_year", "intl_events", min=2, max=3))


def test_each_year_range_window_is_plan_period() -> None:
    r = result(events_plan(), {2020: 0, 2021: 2, 2022: 3, 2023: 2, 2024: 3, 2025: 2})
    assert r.status == "achieved"
    assert r.target_value == (2, 3)


def test_each_year_range_above_max_passes_with_note() -> None:
    r = result(events_plan(), {2021: 2, 2022: 4})
    assert r.status == "on_track"
    assert "exceeds-range" in codes(r)


def test_each_year_range_below_min_fails() -> None:
    r = result(events_plan(), {2021: 2, 2022: 1, 2023: 3})
    assert r.status == "not_achieved"
    assert r.failing_years == (2022,)


# -- trend -------------------------------------------------------------------------------------


def trend_plan(indicator_id: str = "tech_transaction_value") -> Plan:
    return make_plan(target("trend", indicator_id), period=(2023, 2025), baseline_year=2022)


def test_trend_rising_every_year_through_target_is_achieved() -> None:
    r = result(trend_plan(), {2022: 10, 2023: 11, 2024: 12, 2025: 13})
    assert r.status == "achieved"
    assert r.failing_years == ()
    assert r.baseline is not None and r.baseline.year == 2022
    assert r.latest is not None and r.latest.year == 2025
    assert r.actual_cagr == pytest.approx((13 / 10) ** (1 / 3) - 1, rel=EXACT)
    assert r.years_observed == 3


def test_trend_first_change_is_from_baseline_year() -> None:
    # 2022 → 2023 falls: the first change of the window
    r = result(trend_plan(), {2022: 10, 2023: 9, 2024: 12, 2025: 13})
    assert r.status == "not_achieved"
    assert r.failing_years == (2023,)


def test_trend_flat_year_is_not_achieved() -> None:
    r = result(trend_plan(), {2022: 10, 2023: 11, 2024: 11, 2025: 13})
    assert r.status == "not_achieved"
    assert r.failing_years == (2024,)


def test_trend_rising_so_far_is_on_track() -> None:
    r = result(trend_plan(), {2022: 10, 2023: 11, 2024: 12})
    assert r.status == "on_track"
    assert r.failing_years == ()


def test_trend_lower_is_better_must_fall() -> None:
    plan = trend_plan("accident_rate")
    assert result(plan, {2022: 5, 2023: 4, 2024: 3, 2025: 2}).status == "achieved"
    falling_then_rising = result(plan, {2022: 5, 2023: 4, 2024: 4.5, 2025: 2})
    assert falling_then_rising.status == "not_achieved"
    assert falling_then_rising.failing_years == (2024,)


def test_trend_as_of_hides_later_fall() -> None:
    r = result(trend_plan(), {2022: 10, 2023: 11, 2024: 9}, as_of=2023)
    assert r.status == "on_track"


# -- the bundled plans -------------------------------------------------------------------------

FYP_TARGETS = {
    # target id: (indicator, kind, op, value or (min, max))
    "revenue-2025": ("revenue_total", "level", ">", 3500),
    "enterprises-2025": ("enterprise_count", "level", ">", 240),
    "enterprises-increase": ("enterprise_count", "change", ">=", 60),
    "firms-100yi": ("enterprises_rev_ge_100yi", "level", ">", 10),
    "firms-10yi": ("enterprises_rev_ge_10yi", "level", ">", 25),
    "firms-1yi": ("enterprises_rev_ge_1yi", "level", ">", 70),
    "rd-personnel": ("rd_personnel", "level", ">=", 15000),
    "innovation-platforms": ("innovation_platforms", "level", ">", 40),
    "rd-expenditure-double": ("rd_expenditure", "ratio", ">=", 2),
    "patents-per-capita": ("invention_patents_per_capita", "ratio", ">=", 1.2),
    "intl-events": ("intl_events", "each_year", None, (2, 3)),
    "intl-multinationals": ("intl_multinationals", "range", None, (3, 5)),
}

ACTION_PLAN_TARGETS = {
    "revenue-2025": ("revenue_total", "level", ">=", 3000),
    "enterprises-2025": ("enterprise_count", "level", ">=", 300),
    "segment-engineering": ("revenue_engineering", "level", ">=", 1000),
    "segment-traction-power": ("revenue_traction_power", "level", ">=", 500),
    "segment-logistics": ("revenue_logistics", "level", ">=", 500),
    "segment-signalling": ("revenue_signalling", "level", ">=", 200),
    "segment-smart-om": ("revenue_smart_om", "level", ">=", 200),
    "national-eng-research-centers": ("national_eng_research_centers", "level", ">=", 3),
    "national-enterprise-tech-centers": ("national_enterprise_tech_centers", "level", ">=", 6),
    "national-innovation-demo-firms": ("national_innovation_demo_firms", "level", ">=", 3),
    "specialised-smes": ("specialised_sme_count", "level", ">", 35),
    "intl-companies": ("intl_companies", "level", ">", 10),
    "poc-centers": ("poc_centers", "level", ">=", 1),
    "pilot-platforms": ("pilot_platforms", "level", ">=", 1),
    "test-lines": ("test_lines", "level", ">=", 1),
    "beijing-key-labs": ("beijing_key_labs", "level", ">=", 1),
    "patent-growth": ("patent_count", "growth", ">=", 0.2),
    "tech-transactions-rising": ("tech_transaction_value", "trend", None, None),
    "core-tech-each-year": ("core_tech_breakthroughs", "each_year", ">=", 30),
    # 进一步提高 by 2025 (no 每年): the 2025 share above the 2022 share, not a rise every year.
    "domestic-supply-rising": ("domestic_supply_share", "change", ">", 0),
    "featured-parks": ("featured_parks", "level", ">=", 5),
    "industry-funds": ("industry_funds", "level", ">=", 4),
    "research-institutes": ("research_institutes", "level", ">=", 7),
    "service-agencies": ("service_agencies", "level", ">=", 4),
}


def described(plan: Plan) -> dict[str, tuple[Any, ...]]:
    out: dict[str, tuple[Any, ...]] = {}
    for t in plan.targets:
        amount: Any = (t.min, t.max) if t.min is not None else t.value
        out[t.id] = (t.indicator, t.kind, t.op, amount)
    return out


@pytest.mark.parametrize(
    ("plan_id", "expected", "count"),
    [("14th-fyp", FYP_TARGETS, 12), ("2023-2025", ACTION_PLAN_TARGETS, 24)],
)
def test_bundled_plan_targets_kinds_and_comparators(
    plan_id: str, expected: dict[str, tuple[Any, ...]], count: int
) -> None:
    plan = load_plan(plan_id)
    assert plan.id == plan_id
    assert len(plan.targets) == count
    assert described(plan) == expected
    assert all(t.year == 2025 for t in plan.targets)


@pytest.mark.parametrize("plan_id", ["14th-fyp", "2023-2025"])
def test_bundled_plan_comparators_follow_wording(plan_id: str) -> None:
    for t in load_plan(plan_id).targets:
        if t.op is None:
            continue
        # 突破 / 超过 before a number is strict; 零的突破 (a milestone) and 新突破 (a noun) are not;
        # 进一步提高 (raised further) is a change that must be more than zero.
        strict = re.search(r"(突破|超过)\d|提高$", t.quote) is not None
        assert t.op == (">" if strict else ">="), (t.id, t.quote)


def test_bundled_plan_inclusive_wording_gives_ge() -> None:
    inclusive = ("达到", "提高到", "建成", "设立", "落地")
    checked = 0
    for plan_id in ("14th-fyp", "2023-2025"):
        for t in load_plan(plan_id).targets:
            if any(w in t.quote for w in inclusive) and not re.search(r"(突破|超过)\d", t.quote):
                assert t.op == ">=", (t.id, t.quote)
                checked += 1
    assert checked == 7  # rd-personnel, revenue, enterprises, centres, parks, funds, institutes


def test_bundled_plan_year_windows() -> None:
    fyp, action = load_plan("14th-fyp"), load_plan("2023-2025")
    assert (fyp.plan.period, fyp.plan.baseline_year) == ((2021, 2025), 2020)
    assert (action.plan.period, action.plan.baseline_year) == ((2023, 2025), 2022)


def test_bundled_14th_fyp_rd_expenditure_doubling_as_of_2020() -> None:
    plan = load_plan("14th-fyp")
    assessment = assess([plan], [], as_of=2020)
    by_id = {r.target.id: r for r in assessment.plans[0].targets}
    rd = by_id["rd-expenditure-double"]
    assert rd.target_value == pytest.approx(2 * 56.8, rel=EXACT)
    assert rd.target_value == pytest.approx(113.6, rel=EXACT)
    assert rd.baseline is not None
    assert (rd.baseline.year, rd.baseline.value, rd.baseline.source) == (2020, 56.8, "plan")
    assert rd.required_cagr == pytest.approx((113.6 / 56.8) ** (1 / 5) - 1, rel=EXACT)
    assert round((rd.required_cagr or 0) * 100, 2) == 14.87
    assert rd.status == "no_data"
    assert "only-baseline" in codes(rd)


def test_bundled_14th_fyp_published_required_rates_as_of_2020() -> None:
    assessment = assess([load_plan("14th-fyp")], [], as_of=2020)
    by_id = {r.target.id: r for r in assessment.plans[0].targets}
    revenue, personnel = by_id["revenue-2025"], by_id["rd-personnel"]
    assert revenue.required_cagr == pytest.approx((3500 / 2364.9) ** (1 / 5) - 1, rel=EXACT)
    assert round((revenue.required_cagr or 0) * 100, 2) == 8.16
    assert personnel.required_cagr == pytest.approx((15000 / 11301) ** (1 / 5) - 1, rel=EXACT)
    assert round((personnel.required_cagr or 0) * 100, 2) == 5.83
