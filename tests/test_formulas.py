"""The formulas of method.md, checked against numbers worked out by hand.

Every expected value is a plain expression of the inputs (or a published figure), never the
output of railkpi itself.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from railkpi.calc.formulas import (
    cagr,
    completion,
    expected_completion,
    growth_ratio,
    project,
    projected_year,
    time_elapsed,
)
from railkpi.numeric import compare, difference, product, same, total

EXACT = 1e-12


def pct(rate: float | None, places: int = 2) -> float:
    """A rate as the percentage figure a reader checks, e.g. 0.109845… → 10.98."""
    assert rate is not None
    return round(rate * 100, places)


# -- arithmetic on the figures as written ------------------------------------------------------


def test_difference_is_exact_on_written_figures() -> None:
    # binary floating point: 3500 − 2948.2 = 551.8000000000002
    assert difference(3500, 2948.2) == 551.8
    assert difference(1.2, 1.0) == 0.2  # not 0.19999999999999996


def test_difference_sign() -> None:
    assert difference(2800, 3500) == -700


def test_total_is_exact_on_written_figures() -> None:
    assert total(0.1, 0.2) == 0.3  # not 0.30000000000000004
    assert total(180, 60) == 240


def test_product_is_exact_on_written_figures() -> None:
    assert product(1.1, 1.1) == 1.21  # not 1.2100000000000002
    assert product(56.8, 2) == 113.6


def test_same_treats_float_noise_as_equal() -> None:
    assert same(0.1 + 0.2, 0.3)
    assert same(113.6 / 56.8, 2)
    assert not same(3500, 3500.1)
    assert not same(1, 1 + 1e-6)


# -- cagr ------------------------------------------------------------------------------------


def test_cagr_revenue_2016_to_2020_by_hand() -> None:
    assert cagr(1558.7, 2364.9, 4) == pytest.approx((2364.9 / 1558.7) ** (1 / 4) - 1, rel=EXACT)


def test_cagr_revenue_2016_to_2020_matches_published_rounding() -> None:
    rate = cagr(1558.7, 2364.9, 4)
    assert pct(rate) == 10.98
    assert pct(rate, 1) == 11.0  # the plan prints 11.0 %


def test_cagr_contract_example_three_years() -> None:
    assert cagr(2364.9, 2800, 3) == pytest.approx((2800 / 2364.9) ** (1 / 3) - 1, rel=EXACT)
    assert pct(cagr(2364.9, 2800, 3)) == 5.79


def test_required_revenue_to_3500_in_five_years() -> None:
    rate = cagr(2364.9, 3500, 5)
    assert rate == pytest.approx((3500 / 2364.9) ** (1 / 5) - 1, rel=EXACT)
    assert pct(rate) == 8.16


def test_required_revenue_to_3000_in_five_years() -> None:
    rate = cagr(2364.9, 3000, 5)
    assert rate == pytest.approx((3000 / 2364.9) ** (1 / 5) - 1, rel=EXACT)
    assert pct(rate) == 4.87


def test_required_rd_expenditure_doubling() -> None:
    rate = cagr(56.8, 113.6, 5)
    assert rate == pytest.approx(2 ** (1 / 5) - 1, rel=EXACT)
    assert pct(rate) == 14.87


def test_required_rd_personnel_to_15000() -> None:
    rate = cagr(11301, 15000, 5)
    assert rate == pytest.approx((15000 / 11301) ** (1 / 5) - 1, rel=EXACT)
    assert pct(rate) == 5.83


def test_cagr_rd_expenditure_2015_to_2020_differs_from_stated_16_3() -> None:
    rate = cagr(26.6, 56.8, 5)
    assert rate == pytest.approx((56.8 / 26.6) ** (1 / 5) - 1, rel=EXACT)
    assert pct(rate) == 16.38
    assert pct(rate, 1) != 16.3


def test_cagr_exact_doubling_in_one_year() -> None:
    assert cagr(100, 200, 1) == pytest.approx(1.0, rel=EXACT)


def test_cagr_of_a_fall_is_negative() -> None:
    # 1.0 → 0.81 over 2 years: 0.9 a year, i.e. −10 %
    assert cagr(1.0, 0.81, 2) == pytest.approx(0.9 - 1, rel=EXACT)


def test_cagr_unchanged_value_is_zero() -> None:
    assert cagr(180, 180, 5) == 0.0


@pytest.mark.parametrize(
    ("start", "end", "years"),
    [
        (0, 1, 3),  # 零的突破: zero baseline
        (-10, 50, 3),  # a loss turning into a profit
        (100, 0, 3),  # zero latest value
        (100, -5, 3),  # negative latest value
        (100, 120, 0),  # t == t0
        (100, 120, -1),  # latest before the baseline
    ],
)
def test_cagr_undefined_is_none(start: float, end: float, years: int) -> None:
    assert cagr(start, end, years) is None


# -- completion and time elapsed ---------------------------------------------------------------


def test_completion_contract_example() -> None:
    value = completion(2364.9, 2800, 3500)
    assert value == pytest.approx((2800 - 2364.9) / (3500 - 2364.9), rel=EXACT)
    assert round(value or 0, 3) == 0.383


def test_completion_moving_away_is_negative() -> None:
    assert completion(100, 90, 150) == pytest.approx((90 - 100) / (150 - 100), rel=EXACT)


def test_completion_lower_is_better_uses_same_formula() -> None:
    # 1.0 → 0.9 towards 0.8: half way
    assert completion(1.0, 0.9, 0.8) == pytest.approx((0.9 - 1.0) / (0.8 - 1.0), rel=EXACT)


def test_completion_from_zero_baseline() -> None:
    assert completion(0, 1, 3) == pytest.approx(1 / 3, rel=EXACT)


def test_completion_target_equal_to_baseline_is_none() -> None:
    assert completion(100, 120, 100) is None


def test_completion_target_equal_to_baseline_within_tolerance_is_none() -> None:
    assert completion(0.1 + 0.2, 0.5, 0.3) is None


def test_time_elapsed_contract_example() -> None:
    assert time_elapsed(2020, 2023, 2025) == pytest.approx(3 / 5, rel=EXACT)


def test_time_elapsed_at_baseline_is_zero() -> None:
    assert time_elapsed(2020, 2020, 2025) == 0.0


def test_time_elapsed_in_target_year_is_one() -> None:
    assert time_elapsed(2022, 2025, 2025) == 1.0


@pytest.mark.parametrize("target_year", [2020, 2019])
def test_time_elapsed_undefined_without_a_period(target_year: int) -> None:
    assert time_elapsed(2020, 2020, target_year) is None


# -- growth ratio ------------------------------------------------------------------------------


def test_growth_ratio_contract_example() -> None:
    actual = (2800 / 2364.9) ** (1 / 3) - 1
    required = (3500 / 2364.9) ** (1 / 5) - 1
    value = growth_ratio(actual, required, 1)
    assert value == pytest.approx(actual / required, rel=EXACT)
    assert round(value or 0, 2) == 0.71


def test_growth_ratio_lower_is_better_mirrors() -> None:
    # energy intensity 1.0 → 0.9 in 2 years, target 0.8 in 5 years
    actual = 0.9 ** (1 / 2) - 1
    required = 0.8 ** (1 / 5) - 1
    assert growth_ratio(actual, required, -1) == pytest.approx(-actual / abs(required), rel=EXACT)
    assert (growth_ratio(actual, required, -1) or 0) > 1


def test_growth_ratio_negative_required_does_not_read_as_progress() -> None:
    # the baseline beat the target (required < 0) and the value fell since: regressing (< 0)
    assert growth_ratio(-0.05, -0.02, 1) == pytest.approx(-0.05 / 0.02, rel=EXACT)


def test_growth_ratio_required_zero_is_none() -> None:
    assert growth_ratio(0.05, 0.0, 1) is None


@pytest.mark.parametrize(("actual", "required"), [(None, 0.08), (0.05, None), (None, None)])
def test_growth_ratio_missing_rate_is_none(actual: float | None, required: float | None) -> None:
    assert growth_ratio(actual, required, 1) is None


# -- expected completion -------------------------------------------------------------------------


def test_expected_completion_method_example() -> None:
    # method.md: 100 → 200 over 5 years; after 3 years 51.6 % on the compound path
    required = 2 ** (1 / 5) - 1
    value = expected_completion(100, 200, required, 3)
    assert value == pytest.approx((100 * 2 ** (3 / 5) - 100) / (200 - 100), rel=1e-9)
    assert round((value or 0) * 100, 1) == 51.6


def test_expected_completion_at_target_year_is_one() -> None:
    required = (3500 / 2364.9) ** (1 / 5) - 1
    assert expected_completion(2364.9, 3500, required, 5) == pytest.approx(1.0, rel=1e-9)


def test_expected_completion_without_required_rate_is_none() -> None:
    assert expected_completion(0, 1, None, 1) is None


def test_expected_completion_target_equal_to_baseline_is_none() -> None:
    assert expected_completion(100, 100, 0.0, 2) is None


# -- projection ----------------------------------------------------------------------------------


def test_project_contract_example() -> None:
    rate = (2800 / 2364.9) ** (1 / 3) - 1
    assert project(2800, rate, 2) == pytest.approx(2800 * (1 + rate) ** 2, rel=EXACT)
    # 3133.68 at full precision (3133.6 with the rate rounded to 5.79 %)
    assert project(2800, rate, 2) == pytest.approx(3133.6, abs=0.1)


def test_project_zero_years_is_latest() -> None:
    assert project(2800, 0.0579, 0) == 2800


def test_project_without_rate_is_none() -> None:
    assert project(2800, None, 2) is None


def test_projected_year_contract_example() -> None:
    # 2800·1.0579^3 = 3315 < 3500 ≤ 2800·1.0579^4 = 3507 → 2023 + 4
    assert projected_year(2023, 2800, 0.0579, ">", 3500) == 2027


def test_projected_year_falling_rate_towards_higher_target_is_none() -> None:
    assert projected_year(2023, 2800, -0.01, ">", 3500) is None


def test_projected_year_zero_rate_short_of_target_is_none() -> None:
    assert projected_year(2023, 2800, 0.0, ">=", 3500) is None


def test_projected_year_without_rate_is_none() -> None:
    assert projected_year(2023, 2800, None, ">", 3500) is None


def test_projected_year_already_met_is_latest_year() -> None:
    assert projected_year(2023, 3600, 0.05, ">", 3500) == 2023


def test_projected_year_already_met_while_falling_is_latest_year() -> None:
    assert projected_year(2023, 3600, -0.05, ">=", 3500) == 2023


def test_projected_year_lower_is_better() -> None:
    # 0.9 falling 5.13 % a year (0.9^(1/2) − 1) reaches 0.8 after 3 years:
    # 0.9·0.9^1 = 0.81 > 0.8 ≥ 0.9·0.9^1.5 = 0.768
    rate = 0.9 ** (1 / 2) - 1
    assert projected_year(2022, 0.9, rate, "<=", 0.8) == 2025


def test_projected_year_lower_is_better_rising_is_none() -> None:
    assert projected_year(2022, 0.9, 0.02, "<=", 0.8) is None


def test_projected_year_strict_target_uses_x_itself() -> None:
    # method.md: a strict comparator changes only the final test; the projection "reaches X"
    # when it equals X. 100 doubling a year is exactly 200 after 1 year.
    assert projected_year(2020, 100, 1.0, ">", 200) == 2021


# -- compare ---------------------------------------------------------------------------------------


def test_compare_doubling_counts_as_exactly_two() -> None:
    assert compare(113.6 / 56.8, ">=", 2)
    assert not compare(113.6 / 56.8, ">", 2)
    assert compare(2, "<=", 113.6 / 56.8)
    assert not compare(2, "<", 113.6 / 56.8)


def test_compare_float_noise_counts_as_equal() -> None:
    # 0.1 + 0.2 is 0.30000000000000004 in binary floating point
    assert compare(0.1 + 0.2, ">=", 0.3)
    assert not compare(0.1 + 0.2, ">", 0.3)
    assert compare(0.3, "<=", 0.1 + 0.2)
    assert not compare(0.3, "<", 0.1 + 0.2)


def test_compare_strict_fails_on_equality() -> None:
    assert not compare(3500, ">", 3500)
    assert not compare(0.8, "<", 0.8)


def test_compare_non_strict_holds_on_equality() -> None:
    assert compare(3500, ">=", 3500)
    assert compare(0.8, "<=", 0.8)


def test_compare_beyond_tolerance() -> None:
    assert compare(3500.1, ">", 3500)
    assert compare(3500.1, ">=", 3500)
    assert not compare(3499.9, ">=", 3500)
    assert compare(0.79, "<", 0.8)
    assert not compare(0.81, "<=", 0.8)


def test_compare_small_difference_is_not_noise() -> None:
    # one part in a million is a real difference, not rounding noise
    assert compare(1 + 1e-6, ">", 1)
    assert not compare(1, ">=", 1 + 1e-6)


# -- properties ----------------------------------------------------------------------------------

positive = st.floats(min_value=1e-3, max_value=1e7, allow_nan=False, allow_infinity=False)
years = st.integers(min_value=1, max_value=30)
#: Growth factors a plan can meet (a fall to a ten-thousandth up to a ten-thousandfold rise).
#: Beyond that, 1 + rate loses the precision of end / start when the rate is close to −100 %.
REALISTIC = (1e-4, 1e4)
rates = st.floats(min_value=-0.99, max_value=10, allow_nan=False, allow_infinity=False)
finite = st.floats(min_value=-1e7, max_value=1e7, allow_nan=False, allow_infinity=False)


@given(positive, positive, years)
def test_property_cagr_compounds_back_to_end(start: float, end: float, n: int) -> None:
    assume(REALISTIC[0] <= end / start <= REALISTIC[1])
    rate = cagr(start, end, n)
    assert rate is not None
    assert start * (1 + rate) ** n == pytest.approx(end, rel=1e-9)


@given(rates, st.floats(min_value=1e-6, max_value=10) | st.floats(min_value=-0.99, max_value=-1e-6))
def test_property_growth_ratio_sign_flips(actual: float, required: float) -> None:
    up = growth_ratio(actual, required, 1)
    down = growth_ratio(actual, required, -1)
    assert up is not None and down is not None
    assert down == -up
    assert up == pytest.approx(actual / abs(required), rel=EXACT)


@given(finite, finite)
def test_property_completion_at_target_is_one(baseline: float, target: float) -> None:
    assume(not math.isclose(baseline, target, rel_tol=1e-6, abs_tol=1e-6))
    assert completion(baseline, target, target) == pytest.approx(1.0, rel=EXACT)


@given(finite, finite)
def test_property_completion_at_baseline_is_zero(baseline: float, target: float) -> None:
    assume(not math.isclose(baseline, target, rel_tol=1e-6, abs_tol=1e-6))
    assert completion(baseline, baseline, target) == 0.0


@given(finite, finite)
def test_property_compare_antisymmetric(a: float, b: float) -> None:
    assume(not math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-6))
    high, low = max(a, b), min(a, b)
    assert compare(high, ">", low)
    assert not compare(low, ">=", high)
    assert compare(low, "<", high)
    assert not compare(high, "<=", low)


@given(finite)
def test_property_compare_reflexive(a: float) -> None:
    assert compare(a, ">=", a) and compare(a, "<=", a)
    assert not compare(a, ">", a) and not compare(a, "<", a)


@given(positive, positive, years)
def test_property_project_zero_years_returns_latest(start: float, latest: float, n: int) -> None:
    assert project(latest, cagr(start, latest, n), 0) == latest


@given(positive, positive, years)
def test_property_project_from_baseline_reaches_latest(start: float, latest: float, n: int) -> None:
    assume(REALISTIC[0] <= latest / start <= REALISTIC[1])
    assert project(start, cagr(start, latest, n), n) == pytest.approx(latest, rel=1e-9)


@given(positive, positive, st.integers(min_value=1, max_value=20))
def test_property_projected_year_is_first_year_reaching_target(
    latest: float, target: float, n: int
) -> None:
    # growing at exactly the rate that reaches `target` in n years lands on year n (or earlier
    # only if the target is already met)
    rate = (target / latest) ** (1 / n) - 1
    assume(abs(rate) > 1e-4)
    op = ">=" if target > latest else "<="
    year = projected_year(2000, latest, rate, op, target)
    assert year == 2000 + n
