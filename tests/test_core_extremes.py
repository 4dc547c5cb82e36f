"""The core at the ends of what a float holds, and its differences on the figures as written:
a figure computed beyond a float's range (an infinity) is reported as null with the
`out-of-range` note (calc/assess.in_range), never as a number; `formulas.power` gives that
infinity, with its sign, instead of raising; a gap is the difference of the figures as written.

The largest float is about 1.797e308: 2 × 1e308 and 1e300 ÷ 1e-300 are beyond it.
"""

from __future__ import annotations

import math

import pytest

from core_builders import formulas, hist, make_plan, notes_of, result, target

# -- figures beyond a float's range are null, with one note ------------------------------------


def test_a_target_beyond_a_float_is_null_with_everything_measured_to_it() -> None:
    # rd_expenditure ≥ 2 × its 2020 figure of 1e308: X = 2e308, beyond a float (∞)
    plan = make_plan(target("ratio", "rd_expenditure", op=">=", value=2, baseline_year=2020))
    r = result(plan, {2020: 1e308, 2023: 1.5e308})
    assert r.target_value is None
    assert r.gap is None  # X − 1.5e308 = ∞
    # (1.5e308 − 1e308) ÷ (∞ − 1e308) would be 0.0: no completion is shown beside no target
    assert (r.completion, r.growth_ratio) == (None, None)
    assert (r.required_cagr, r.required_cagr_from_latest) == (None, None)  # (∞ / x)^(1/n) − 1
    assert r.expected_completion is None  # ∞ ÷ ∞: not a number
    # 1.5e308 × (1 + g)² with g = 1.5^(1/3) − 1 ≈ 14.47 %: 1.97e308, beyond a float
    assert r.projected is None
    # what does not depend on X or overflow stays: the rate 2020 → 2023 and the time elapsed
    assert r.actual_cagr == pytest.approx(1.5 ** (1 / 3) - 1, rel=1e-12)
    assert r.time_elapsed == 3 / 5
    assert notes_of(r) == {"out-of-range": {}}


def test_a_rate_beyond_a_float_is_null_and_the_rest_is_kept() -> None:
    # revenue ≥ 3500: 1e-300 in 2020 → 1e300 in 2023, a ratio of 1e600 (∞): no actual rate
    plan = make_plan(target("level", "revenue_total", op=">=", value=3500))
    r = result(plan, {2020: 1e-300, 2023: 1e300})
    assert r.actual_cagr is None
    assert (r.growth_ratio, r.projected) == (None, None)  # both need the actual rate
    assert r.target_value == 3500
    assert r.gap == 3500 - 1e300  # met by far: a finite shortfall
    # (3500 / 1e-300)^(1/5) − 1 = 3.5e303^(0.2) − 1: large, but a float
    assert r.required_cagr == pytest.approx(3.5e303 ** 0.2 - 1, rel=1e-12)
    assert notes_of(r) == {"out-of-range": {}}


def test_an_ordinary_result_has_no_out_of_range_note() -> None:
    plan = make_plan(target("ratio", "rd_expenditure", op=">=", value=2, baseline_year=2020))
    r = result(plan, {2020: 100, 2023: 150})
    assert r.target_value == 200  # 2 × 100
    assert "out-of-range" not in notes_of(r)


# -- gaps on the figures as written --------------------------------------------------------------


def test_a_gap_is_the_difference_of_the_figures_as_written() -> None:
    # 3500 − 2948.2 is 551.8 (a float subtraction gives 551.8000000000002)
    plan = make_plan(target("level", "revenue_total", op=">=", value=3500),
                     history=(hist("revenue_total", 2020, 2364.9),))
    assert result(plan, {2023: 2948.2}).gap == 551.8
    # lower is better: −1 · (1.1 − 1.3) is 0.2 (in floats 0.19999999999999996)
    lower = make_plan(target("level", "energy_intensity", op="<=", value=1.1),
                      history=(hist("energy_intensity", 2020, 1.5),))
    assert result(lower, {2023: 1.3}).gap == 0.2


# -- power: an infinity with its sign where Python raises ----------------------------------------


@pytest.mark.parametrize(
    ("base", "exponent", "expected"),
    [
        (2.0, 10, 1024.0),  # no overflow: the power itself
        (10.0, 400, math.inf),  # 1e400
        (10.0, 401, math.inf),
        (-10.0, 401, -math.inf),  # a negative base to an odd power is negative
        (-10.0, 400, math.inf),  # and to an even power positive
        (0.5, -2001, math.inf),  # 2^2001
        (-0.5, -2001, -math.inf),  # (−2)^2001
        (10.0, 400.5, math.inf),  # a fractional exponent of a positive base
        (0.0, -1, math.inf),  # 1 ÷ 0: Python raises ZeroDivisionError
    ],
)
def test_power_overflows_to_an_infinity_of_the_right_sign(base: float, exponent: float,
                                                         expected: float) -> None:
    assert formulas.power(base, exponent) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(2.5, 2.5), (0.0, 0.0), (-3.0, -3.0), (None, None), (math.inf, None), (-math.inf, None),
     (math.nan, None)],
)
def test_finite_keeps_a_number_and_drops_an_infinity(value: float | None,
                                                     expected: float | None) -> None:
    assert formulas.finite(value) == expected
