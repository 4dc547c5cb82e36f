"""Single-value targets (level, range, change, ratio, growth) at their edges: the notes each
result carries and the ones it must not carry, lower-is-better and strict comparisons,
unusual and qualified baselines, and signed zeros.

Every expected value is worked out from the inputs in the comment beside it.
"""

from __future__ import annotations

import math
from typing import Any

import pytest

from core_builders import (
    assess,
    hist,
    make_plan,
    notes_of,
    result,
    run,
    signed_zero_fields,
    target,
)
from railkpi.calc.formulas import expected_completion

EXACT = 1e-12
FROM_PLAN = {"baseline-from-plan": {"year": "2020"}}


def revenue(op: str = ">", value: float = 3500, **kwargs: Any) -> Any:
    """14th FYP revenue: 2364.9 in 2020 (the plan's own figure), a target for 2025."""
    kwargs.setdefault("history", (hist("revenue_total", 2020, 2364.9),))
    return make_plan(target("level", "revenue_total", op=op, value=value), **kwargs)


# -- notes present, and absent ------------------------------------------------------------------


def test_an_ordinary_progress_result_carries_only_the_baseline_note() -> None:
    # 2364.9 → 2800 in 3 years against > 3500 in 5: moderate, nothing unusual to note
    r = result(revenue(), {2023: 2800})
    assert r.status == "moderate"
    assert notes_of(r) == FROM_PLAN
    assert r.plan_id == "core-plan"


def test_achieved_early_keeps_its_notes() -> None:
    r = result(revenue(), {2023: 3600})
    assert (r.status, r.early) == ("achieved", True)
    assert notes_of(r) == FROM_PLAN


@pytest.mark.parametrize(("as_of", "noted"), [(2024, False), (2025, False), (2026, True)])
def test_target_year_passed_without_a_figure_is_noted(as_of: int, noted: bool) -> None:
    # As of the target year itself (2025) the year has not passed: its figure may not be out.
    # latest 3000 in 2024: (3000/2364.9)^(1/4) − 1 = 6.13 % against 8.16 % required: 0.75
    r = result(revenue(), {2024: 3000}, as_of=as_of)
    actual = (3000 / 2364.9) ** (1 / 4) - 1
    required = (3500 / 2364.9) ** (1 / 5) - 1
    assert r.growth_ratio == pytest.approx(actual / required, rel=EXACT)
    assert r.status == "moderate"  # the progress status stands
    expected = dict(FROM_PLAN)
    if noted:
        expected["no-target-year-figure"] = {"year": "2025"}
    assert notes_of(r) == expected


def test_a_figure_for_the_target_year_leaves_no_missing_year_note() -> None:
    r = result(revenue(), {2024: 3000, 2025: 3600}, as_of=2026)
    assert (r.status, r.early) == ("achieved", False)
    assert notes_of(r) == FROM_PLAN


def test_target_year_figure_projects_to_itself() -> None:
    # t = T: x · (1 + actual)^0 = x; the target year's own figure reaches X in that year
    r = result(revenue(">="), {2023: 2800, 2025: 3600})
    assert r.projected == 3600
    assert r.projected_year == 2025
    assert r.required_cagr_from_latest is None  # no years left
    assert r.actual_cagr == pytest.approx((3600 / 2364.9) ** (1 / 5) - 1, rel=EXACT)
    assert r.years_observed == 5


def test_only_the_baseline_year_observed_has_that_note_alone() -> None:
    r = result(revenue(history=()), {2020: 2364.9})
    assert r.status == "no_data"
    assert notes_of(r) == {"only-baseline": {}}


def test_latest_value_zero_on_a_positive_baseline() -> None:
    # 100 → 0 against ≥ 200: no growth rate from 0; completion (0 − 100)/(200 − 100) = −1
    plan = make_plan(target("level", "enterprise_count", op=">=", value=200),
                     history=(hist("enterprise_count", 2020, 100),))
    r = result(plan, {2023: 0})
    assert r.actual_cagr is None
    assert r.completion == -1.0
    assert (r.method, r.status) == ("linear", "regressing")
    assert notes_of(r) == {**FROM_PLAN, "latest-nonpositive": {}}


def test_latest_value_zero_on_a_baseline_between_zero_and_one() -> None:
    # 0.5 → 0 against ≥ 2: the latest value, not the baseline, is the non-positive one;
    # completion (0 − 0.5)/(2 − 0.5) = −1/3
    plan = make_plan(target("level", "rd_expenditure", op=">=", value=2),
                     history=(hist("rd_expenditure", 2020, 0.5),))
    r = result(plan, {2023: 0})
    assert r.completion == pytest.approx(-1 / 3, rel=EXACT)
    assert (r.method, r.status) == ("linear", "regressing")
    assert notes_of(r) == {**FROM_PLAN, "latest-nonpositive": {}}


def test_baseline_between_zero_and_one_has_growth_rates() -> None:
    # 0.5 → 0.8 in 3 years: (1.6)^(1/3) − 1 = 16.96 %; to 2 in 5: 4^(1/5) − 1 = 31.95 %
    plan = make_plan(target("level", "rd_expenditure", op=">=", value=2),
                     history=(hist("rd_expenditure", 2020, 0.5),))
    r = result(plan, {2023: 0.8})
    actual = 1.6 ** (1 / 3) - 1
    required = 4 ** (1 / 5) - 1
    assert r.actual_cagr == pytest.approx(actual, rel=EXACT)
    assert r.required_cagr == pytest.approx(required, rel=EXACT)
    assert r.growth_ratio == pytest.approx(actual / required, rel=EXACT)  # 0.53
    assert (r.method, r.status) == ("cagr", "off_track")
    assert notes_of(r) == FROM_PLAN


def test_negative_baseline_note_names_the_baseline() -> None:
    # a loss of 10 turning into a profit of 20 against ≥ 50: linear, (20 + 10)/(50 + 10) = 0.5
    # in 3/5 of the time: 0.5 / 0.6 = 0.83 of the pace → moderate
    plan = make_plan(target("level", "profit_total", op=">=", value=50),
                     history=(hist("profit_total", 2020, -10),))
    r = result(plan, {2023: 20})
    assert r.completion == pytest.approx(0.5, rel=EXACT)
    assert (r.method, r.status) == ("linear", "moderate")
    assert notes_of(r) == {**FROM_PLAN, "baseline-nonpositive": {}}


# -- strict and non-strict comparisons in the target year ----------------------------------------


def test_non_strict_target_met_exactly_has_no_strict_note() -> None:
    r = result(revenue(">="), {2025: 3500})
    assert r.status == "achieved"
    assert notes_of(r) == FROM_PLAN


def test_strict_target_missed_by_a_shortfall_has_no_strict_note() -> None:
    # 3400 < 3500: missed, but not by equalling the target
    r = result(revenue(">"), {2025: 3400})
    assert r.status == "not_achieved"
    assert notes_of(r) == FROM_PLAN


def test_strict_target_missed_by_equality_says_so() -> None:
    r = result(revenue(">"), {2025: 3500})
    assert r.status == "not_achieved"
    assert notes_of(r) == {**FROM_PLAN, "target-year-strict": {"op": ">"}}


def energy(op: str, value: float = 0.8) -> Any:
    """Energy intensity (lower is better): 1.0 in 2020 (the plan's), a target for 2025."""
    return make_plan(target("level", "energy_intensity", op=op, value=value),
                     history=(hist("energy_intensity", 2020, 1.0),))


def test_lower_strict_target_missed_by_equality_says_so() -> None:
    r = result(energy("<"), {2025: 0.8})
    assert r.status == "not_achieved"
    assert notes_of(r) == {**FROM_PLAN, "target-year-strict": {"op": "<"}}
    assert r.gap == 0.0 and signed_zero_fields(r) == []  # −1 · (0.8 − 0.8) is 0.0, not −0.0


def test_lower_non_strict_target_met_by_equality() -> None:
    r = result(energy("<="), {2025: 0.8})
    assert r.status == "achieved"
    assert notes_of(r) == FROM_PLAN
    assert signed_zero_fields(r) == []


@pytest.mark.parametrize(
    ("op", "figure", "status", "shown", "target_shown"),
    [
        # ≤ 0.8 = (-∞, 0.8]: 0.8 itself fails "< 0.8", 0.7 meets it
        ("<", "0.8以下", "undetermined", "≤0.8", "<0.8"),
        # < 0.9: 0.85 fails "≤ 0.8", 0.7 meets it
        ("<=", "近0.9", "undetermined", "<0.9", "≤0.8"),
        # ≥ 0.8: only 0.8 itself meets "≤ 0.8"
        ("<=", "0.8以上", "undetermined", "≥0.8", "≤0.8"),
        # < 0.8: every value meets "< 0.8"
        ("<", "不足0.8", "achieved", None, None),
        # (0.8, ∞): no value meets "≤ 0.8"
        ("<=", "超过0.8", "not_achieved", None, None),
    ],
)
def test_lower_targets_on_bounds_in_the_target_year(op: str, figure: str, status: str,
                                                   shown: str | None,
                                                   target_shown: str | None) -> None:
    r = result(energy(op), {2025: figure})
    assert r.status == status
    assert r.approximate is True
    expected = dict(FROM_PLAN)
    if shown is not None:
        expected["bounds-unsettled"] = {"figure": shown, "year": "2025", "target": target_shown}
    assert notes_of(r) == expected


def test_lower_strict_target_unsettled_before_the_target_year_gets_a_progress_status() -> None:
    # "0.8以下" in 2023 against < 0.8: unsettled; the point 0.8 grades it:
    # (0.8)^(1/3) − 1 = −7.17 % against 0.8^(1/5) − 1 = −4.36 %: −d·actual/|required| = 1.64
    r = result(energy("<"), {2023: "0.8以下"})
    actual = 0.8 ** (1 / 3) - 1
    required = 0.8 ** (1 / 5) - 1
    assert r.growth_ratio == pytest.approx(-actual / abs(required), rel=EXACT)
    assert (r.status, r.early) == ("on_track", False)
    assert notes_of(r) == {**FROM_PLAN, "bounds-unsettled": {
        "figure": "≤0.8", "year": "2023", "target": "<0.8"}}


def test_no_negative_zero_when_a_lower_is_better_figure_has_not_moved() -> None:
    # 1.0 → 1.0 towards ≤ 0.8: completion 0 / (0.8 − 1.0) and −1 · 0 / |required| are zeros
    # that must not carry a sign into the report
    r = result(energy("<="), {2022: 1.0})
    assert r.completion == 0.0
    assert r.growth_ratio == 0.0
    assert r.actual_cagr == 0.0
    assert r.status == "off_track"  # a ratio of exactly 0 is the off-track cut-off
    assert signed_zero_fields(r) == []


def test_no_progress_figures_and_no_negative_zero_at_the_baseline_year() -> None:
    # only the baseline year of a lower-is-better target: nothing measured yet, no −0.0 left
    r = result(energy("<="), {2020: 1.0}, as_of=2020)
    assert r.completion is None and r.time_elapsed is None and r.expected_completion is None
    assert r.status == "no_data"
    assert signed_zero_fields(r) == []


def test_no_negative_zero_in_expected_completion_of_zero_years() -> None:
    # 0 years on the compound path down from 1.0 to 0.8: (1.0 − 1.0) / (0.8 − 1.0) is −0.0
    value = expected_completion(1.0, 0.8, -0.0436, 0)
    assert value == 0.0 and math.copysign(1.0, value) == 1.0


# -- range on a lower-is-better indicator: accident rate within [1, 2] in 2025, 4 in 2020 --------


def accident_range() -> Any:
    return make_plan(target("range", "accident_rate", min=1, max=2),
                     history=(hist("accident_rate", 2020, 4),))


def test_lower_range_met_exactly_at_its_upper_bound() -> None:
    r = result(accident_range(), {2025: 2})
    assert r.status == "achieved"
    assert r.target_value == (1, 2)
    assert r.gap == 0.0 and signed_zero_fields(r) == []  # −1 · (2 − 2)
    assert notes_of(r) == FROM_PLAN


def test_lower_range_beyond_its_far_end_is_met_and_noted() -> None:
    r = result(accident_range(), {2025: 0.5})
    assert r.status == "achieved"
    assert r.gap == -1.5  # −1 · (2 − 0.5)
    assert notes_of(r) == {**FROM_PLAN, "exceeds-range": {
        "year": "2025", "value": "0.5", "bound": "1"}}


def test_lower_range_above_its_upper_bound_is_not_achieved() -> None:
    r = result(accident_range(), {2025: 2.5})
    assert r.status == "not_achieved"
    assert r.gap == 0.5  # −1 · (2 − 2.5)
    assert notes_of(r) == FROM_PLAN


def test_lower_range_progress_is_towards_its_upper_bound() -> None:
    # 4 → 3 in 3 years, towards 2 by 2025: completion (3 − 4)/(2 − 4) = 0.5;
    # actual (3/4)^(1/3) − 1 = −9.14 %, required (2/4)^(1/5) − 1 = −12.94 %: ratio 0.71
    r = result(accident_range(), {2023: 3})
    actual = 0.75 ** (1 / 3) - 1
    required = 0.5 ** (1 / 5) - 1
    assert r.gap == 1.0
    assert r.completion == pytest.approx(0.5, rel=EXACT)
    assert r.required_cagr == pytest.approx(required, rel=EXACT)
    assert r.growth_ratio == pytest.approx(-actual / abs(required), rel=EXACT)
    assert (r.method, r.status) == ("cagr", "moderate")
    # 3 · (1 + actual)^n ≤ 2 from n ≥ ln(2/3) / ln(0.75^(1/3)) = 4.23: 5 years on
    assert r.projected_year == 2023 + math.ceil(math.log(2 / 3) / math.log(1 + actual))
    assert r.projected_year == 2028


@pytest.mark.parametrize(
    ("figure", "status"),
    [("2以下", "achieved"),  # (-∞, 2]: every value is ≤ 2
     ("近2.5", "undetermined"),  # (-∞, 2.5): 2.2 fails, 1.5 meets
     ("超过2", "not_achieved")],  # (2, ∞)
)
def test_lower_range_on_bounds(figure: str, status: str) -> None:
    r = result(accident_range(), {2025: figure})
    assert r.status == status
    assert ("bounds-unsettled" in notes_of(r)) is (status == "undetermined")


@pytest.mark.parametrize(
    ("indicator_id", "low", "high", "figure", "gap", "bound"),
    [
        # higher is better: 75 is beyond 70; gap 1 · (60 − 75) = −15
        ("share", 60, 70, 75, -15.0, "70"),
        # lower is better: 0.5 is beyond 1; gap −1 · (2 − 0.5) = −1.5
        ("accident_rate", 1, 2, 0.5, -1.5, "1"),
    ],
)
def test_range_without_a_baseline_still_notes_a_figure_beyond_its_far_end(
        indicator_id: str, low: float, high: float, figure: float, gap: float,
        bound: str) -> None:
    # no figure in 2020 nor between 2020 and 2023: no baseline, so no rates — but the range
    # is met early, and the figure beyond its far end is still reported
    plan = make_plan(target("range", indicator_id, min=low, max=high))
    r = result(plan, {2023: figure})
    assert r.baseline is None
    assert (r.status, r.early) == ("achieved", True)
    assert r.gap == gap
    assert r.completion is None and r.actual_cagr is None
    assert notes_of(r) == {"exceeds-range": {"year": "2023", "value": f"{figure:g}",
                                             "bound": bound}}


# -- ratio targets on unusual baselines (rd_expenditure ≥ 2 × the 2020 figure) -------------------


def doubling(baseline: float | str, indicator_id: str = "rd_expenditure") -> Any:
    return make_plan(target("ratio", indicator_id, op=">=", value=2, baseline_year=2020),
                     history=(hist(indicator_id, 2020, baseline),))


@pytest.mark.parametrize(
    ("latest", "status"),
    [
        # 50余 = [50, 60): 110 ÷ [50, 60) = (1.83, 2.2]: some multiples reach 2, some do not
        (110, "undetermined"),
        # 125 ÷ [50, 60) = (2.08, 2.5]: every multiple is ≥ 2
        (125, "achieved"),
        # 95 ÷ [50, 60) = (1.58, 1.9]: none is
        (95, "not_achieved"),
    ],
)
def test_ratio_on_a_qualified_baseline_is_decided_by_its_bounds(latest: float,
                                                                 status: str) -> None:
    r = result(doubling("50余"), {2025: latest})
    assert r.status == status
    assert r.target_value == 100  # 2 × the point value 50
    assert r.approximate is True  # the baseline is qualified
    expected = dict(FROM_PLAN)
    if status == "undetermined":
        expected["bounds-unsettled"] = {
            "figure": f"{latest} (2020: 50余)", "year": "2025", "target": "≥100"}
    assert notes_of(r) == expected


def test_ratio_on_a_qualified_baseline_before_the_target_year() -> None:
    # 110 in 2023 reaches 100 = 2 × 50 by its point value, but not by the bounds: not early;
    # (110/50)^(1/3) − 1 = 30.06 % against 2^(1/5) − 1 = 14.87 %: on track
    r = result(doubling("50余"), {2023: 110})
    assert (r.status, r.early) == ("on_track", False)
    assert r.growth_ratio == pytest.approx((2.2 ** (1 / 3) - 1) / (2 ** (1 / 5) - 1), rel=EXACT)
    assert notes_of(r) == {**FROM_PLAN, "bounds-unsettled": {
        "figure": "110 (2020: 50余)", "year": "2023", "target": "≥100"}}


@pytest.mark.parametrize("year", [2023, 2025])
def test_ratio_on_a_zero_baseline_is_no_data(year: int) -> None:
    r = result(doubling(0), {year: 5})
    assert r.status == "no_data"
    assert r.target_value is None
    assert r.gap is None and r.completion is None and r.required_cagr is None
    assert notes_of(r) == {**FROM_PLAN, "ratio-zero-baseline": {}}


def test_ratio_on_a_negative_baseline_is_no_data() -> None:
    # 2 × a loss of 10 is no target: a loss of 15 must not count as "doubled"
    r = result(doubling(-10, "profit_total"), {2023: -15})
    assert r.status == "no_data"
    assert r.early is False
    assert r.target_value is None
    assert notes_of(r) == {**FROM_PLAN, "ratio-zero-baseline": {}}


@pytest.mark.parametrize(("baseline", "indicator_id"),
                         [(0, "rd_expenditure"), (-10, "profit_total")])
def test_ratio_on_a_non_positive_baseline_observed_alone_has_that_note_alone(
        baseline: float, indicator_id: str) -> None:
    # only the 2020 figure, before the target year: the target cannot be resolved, which is
    # the reason to give — not "only the baseline year observed"
    r = result(doubling(baseline, indicator_id))
    assert r.latest is not None and r.latest.year == 2020
    assert (r.status, r.early) == ("no_data", False)
    assert notes_of(r) == {**FROM_PLAN, "ratio-zero-baseline": {}}


def test_ratio_on_a_baseline_between_zero_and_one() -> None:
    # X = 2 × 0.5 = 1; 0.8 in 2023: completion (0.8 − 0.5)/(1 − 0.5) = 0.6 in 0.6 of the time;
    # (1.6)^(1/3) − 1 = 16.96 % against 2^(1/5) − 1 = 14.87 %: on track
    r = result(doubling(0.5), {2023: 0.8})
    assert r.target_value == 1.0
    assert r.completion == pytest.approx(0.6, rel=EXACT)
    assert r.growth_ratio == pytest.approx((1.6 ** (1 / 3) - 1) / (2 ** (1 / 5) - 1), rel=EXACT)
    assert (r.method, r.status) == ("cagr", "on_track")
    assert notes_of(r) == FROM_PLAN


# -- growth targets on unusual baselines (patents ≥ 20 % a year, 2022 → 2025) ---------------------


def patent_growth(history: tuple[dict[str, Any], ...] = (),
                  indicator_id: str = "patent_count") -> Any:
    return make_plan(target("growth", indicator_id, op=">=", value=0.2), history=history,
                     period=(2023, 2025), baseline_year=2022)


@pytest.mark.parametrize(
    ("latest", "status"),
    [
        # 120余 = [120, 130); 1.2³ = 1.728 needed: 215 ÷ [120, 130) = (1.654, 1.792]
        (215, "undetermined"),
        # 230 ÷ [120, 130) = (1.769, 1.917]: every multiple is ≥ 1.728
        (230, "achieved"),
        # 200 ÷ [120, 130) = (1.538, 1.667]: none is
        (200, "not_achieved"),
    ],
)
def test_growth_on_a_qualified_baseline_is_decided_by_its_bounds(latest: float,
                                                                  status: str) -> None:
    r = result(patent_growth((hist("patent_count", 2022, "120余"),)), {2025: latest})
    assert r.status == status
    assert r.target_value == pytest.approx(207.36, rel=EXACT)  # 120 · 1.2³ = 120 · 1.728
    assert r.approximate is True
    expected: dict[str, dict[str, str]] = {"baseline-from-plan": {"year": "2022"}}
    if status == "undetermined":
        expected["bounds-unsettled"] = {
            "figure": f"{latest} (2022: 120余)", "year": "2025", "target": "≥207.36"}
    if status == "not_achieved":
        # from the point values: (200/120)^(1/3) − 1 = 18.56 % against 20.0 %
        expected["growth-not-met"] = {"actual": "18.56%", "target": "20.0%"}
    assert notes_of(r) == expected


@pytest.mark.parametrize(("baseline", "indicator_id"),
                         [(0, "patent_count"), (-10, "profit_total")])
def test_growth_on_a_non_positive_baseline_is_no_data(baseline: float,
                                                      indicator_id: str) -> None:
    # a rate of growth from 0 or from a loss reaches no level: X is undefined
    plan = patent_growth(indicator_id=indicator_id)
    r = result(plan, {2022: baseline, 2023: 5})
    assert r.status == "no_data"
    assert r.target_value is None
    assert notes_of(r) == {"baseline-nonpositive": {}}


def test_growth_on_a_zero_baseline_observed_alone_has_that_note_alone() -> None:
    # only 2022 (the baseline year), 0: X is undefined, and that is the one note
    r = result(patent_growth(), {2022: 0})
    assert r.latest is not None and r.latest.year == 2022
    assert r.status == "no_data"
    assert notes_of(r) == {"baseline-nonpositive": {}}


def test_growth_on_a_baseline_between_zero_and_one() -> None:
    # 0.5 → 0.6 in one year is 20 %: exactly the rate required; X = 0.5 · 1.2³ = 0.864
    r = result(patent_growth(), {2022: 0.5, 2023: 0.6})
    assert r.target_value == pytest.approx(0.864, rel=EXACT)
    assert r.actual_cagr == pytest.approx(0.2, rel=EXACT)
    assert r.growth_ratio == pytest.approx(1.0, rel=EXACT)
    assert r.status == "on_track"
    assert notes_of(r) == {"weak-evidence": {}}  # one year since the baseline


def test_growth_missed_in_the_target_year_names_both_rates() -> None:
    # 1000 → 1700 in 3 years: 1.7^(1/3) − 1 = 19.35 % against 20.0 %
    r = result(patent_growth(), {2022: 1000, 2025: 1700})
    assert r.status == "not_achieved"
    assert notes_of(r) == {"growth-not-met": {"actual": "19.35%", "target": "20.0%"}}


# -- change targets: the baseline year the note names; qualified baselines -----------------------


def test_change_without_any_figure_names_the_plans_baseline_year() -> None:
    plan = make_plan(target("change", "enterprise_count", op=">=", value=60))
    r = result(plan, {})
    assert r.status == "no_data"
    assert r.latest is None and r.baseline is None
    assert notes_of(r) == {"baseline-missing": {"year": "2020"}}


def test_change_without_its_own_baseline_year_figure_names_that_year() -> None:
    plan = make_plan(target("change", "enterprise_count", op=">=", value=60,
                            baseline_year=2021))
    r = result(plan, {2020: 180, 2022: 200, 2023: 230})
    assert r.status == "no_data"
    assert notes_of(r) == {"baseline-missing": {"year": "2021"}}


def enterprises(kind: str, value: float, op: str = ">=") -> Any:
    """14th FYP enterprises: "180余" in 2020 (the plan's own figure)."""
    return make_plan(target(kind, "enterprise_count", op=op, value=value),
                     history=(hist("enterprise_count", 2020, "180余"),))


def test_change_unsettled_before_the_target_year_names_both_figures() -> None:
    # 240余 − 180余 = (50, 70) against ≥ 60: unsettled; by the points 240 − 180 = 60, but an
    # unsettled figure is not achieved early: (240/180)^(1/3) − 1 = 10.06 % against
    # (240/180)^(1/5) − 1 = 5.92 % required: on track
    r = result(enterprises("change", 60), {2023: "240余"})
    assert (r.status, r.early) == ("on_track", False)
    assert r.target_value == 240
    assert notes_of(r) == {**FROM_PLAN, "bounds-unsettled": {
        "figure": "240余 (2020: 180余)", "year": "2023", "target": "≥240"}}


def test_level_unsettled_note_names_the_latest_figure_only() -> None:
    # a level target is not measured from the baseline: its 180余 stays out of the note
    r = result(enterprises("level", 240, ">"), {2025: "240余"})
    assert r.status == "undetermined"
    assert notes_of(r) == {**FROM_PLAN, "bounds-unsettled": {
        "figure": "240余", "year": "2025", "target": ">240"}}


# -- as_of and plan ids -----------------------------------------------------------------------


def test_as_of_without_figures_or_published_levels_is_the_latest_baseline_year() -> None:
    early = make_plan(target("level", "revenue_total", op=">=", value=1), plan_id="a")
    late = make_plan(target("level", "revenue_total", op=">=", value=1), plan_id="b",
                     period=(2023, 2025), baseline_year=2022)
    assert assess([early], []).as_of == 2020
    assert assess([early, late], []).as_of == 2022


def test_as_of_without_figures_is_the_latest_published_level() -> None:
    plan = revenue(history=(hist("revenue_total", 2020, 2364.9),
                            hist("revenue_total", 2018, 2000)))
    assert run(plan).as_of == 2020


def test_every_kind_carries_its_plan_id() -> None:
    kinds = [
        target("level", "revenue_total", op=">=", value=1),
        {**target("each_year", "core_tech", op=">=", value=1), "id": "e"},
        {**target("trend", "tech_transactions"), "id": "t"},
    ]
    plan = make_plan(*kinds, plan_id="fyp")
    assessment = assess([plan], [])
    assert [r.plan_id for r in assessment.plans[0].targets] == ["fyp", "fyp", "fyp"]
