"""Qualified-figure arithmetic and the formulas at their boundaries: agree (reported against
roster-derived figures), ratio and minus with their qualifiers, the errors of the parser, the
shared tolerance of figures and formulas, the projection horizon, and the series' formulas
(year-on-year growth, what is still needed a year).

Bounds are written as intervals: [180, 190) is 180 ≤ v < 190; (3000, ∞) is v > 3000.
"""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from core_builders import formulas
from railkpi.figures import (
    Figure,
    FigureError,
    agree,
    exact,
    minus,
    parse_figure,
    qualified,
    ratio,
    satisfies,
    split_text,
)

# -- agree: can a reported figure and a roster-derived one be the same number? -------------------


@pytest.mark.parametrize(
    ("reported", "derived", "verdict"),
    [
        # 180余 = [180, 190)
        ("180余", 190, False),  # 190 is excluded
        ("180余", 189.999, True),
        ("180余", 180, True),  # 180 is included
        ("180余", 179.999, False),
        ("180余", 185, True),
        # 突破3000 = (3000, ∞): open below, unbounded above
        ("突破3000", 3000, False),  # the same point value, but "more than 3000" excludes it
        ("突破3000", 3000.5, True),
        ("突破3000", 1e9, True),
        ("突破3000", 2999, False),
        # 3000以上 = [3000, ∞)
        ("3000以上", 3000, True),
        ("3000以上", 2999.9, False),
        # 近50 = (-∞, 50), 50以下 = (-∞, 50]
        ("近50", 50, False),
        ("近50", 0, True),
        ("50以下", 50, True),
        ("50以下", 50.1, False),
        # 约100: no bound, agrees with anything
        ("约100", 5, True),
        ("约100", 1e6, True),
        # exact figures agree only with themselves, float noise aside
        ("100", 100, True),
        ("100", 100.5, False),
    ],
)
def test_agree_against_an_exact_figure(reported: str, derived: float, verdict: bool) -> None:
    figure = parse_figure(reported)
    assert agree(figure, exact(float(derived))) is verdict
    assert agree(exact(float(derived)), figure) is verdict  # the order does not matter


@pytest.mark.parametrize(
    ("a", "b", "verdict"),
    [
        ("180余", "190余", False),  # [180, 190) and [190, 200) only touch at 190, excluded
        ("180余", "189余", True),  # [189, 190) lies inside [180, 190)
        ("近50", "50以上", False),  # (-∞, 50) and [50, ∞): same point value, no common value
        ("50以下", "50以上", True),  # both allow 50
        ("50以下", "突破50", False),  # (-∞, 50] and (50, ∞)
        ("突破3000", "3500以下", True),  # (3000, 3500]
        ("突破3000", "约2000", True),  # 约 has no bound
    ],
)
def test_agree_between_qualified_figures(a: str, b: str, verdict: bool) -> None:
    assert agree(parse_figure(a), parse_figure(b)) is verdict
    assert agree(parse_figure(b), parse_figure(a)) is verdict


def test_agree_ignores_float_noise_at_a_bound() -> None:
    # 2364.9 summed from a roster in binary floating point may be 2364.9000000000005
    noisy = math.nextafter(2364.9, math.inf)
    assert agree(exact(2364.9), exact(noisy))
    assert agree(parse_figure("2364.9余"), exact(noisy))  # [2364.9, 2365): 2364.9 included
    # within the tolerance of the excluded bound 2365 is 2365 itself, on either side
    assert not agree(parse_figure("2364.9余"), exact(math.nextafter(2365.0, -math.inf)))
    assert not agree(parse_figure("2364.9余"), exact(math.nextafter(2365.0, math.inf)))
    assert agree(parse_figure("2364.9余"), exact(2364.99))


def test_agree_with_a_roster_range() -> None:
    # 12 firms for sure, at most 15 (3 without a revenue): [12, 15] against 突破14 = (14, ∞)
    derived = Figure(12.0, 12.0, 15.0, True, True, "以上")
    assert agree(parse_figure("突破14"), derived)
    assert not agree(parse_figure("突破15"), derived)  # (15, ∞) and [12, 15]
    assert agree(exact(15.0), derived)
    assert not agree(exact(11.0), derived)


# -- ratio: a ÷ b with its bounds, for positive figures -------------------------------------------


def test_ratio_of_a_zero_numerator_is_zero() -> None:
    quotient = ratio(exact(0.0), exact(2.0))
    assert quotient is not None
    assert (quotient.value, quotient.lower, quotient.upper) == (0.0, 0.0, 0.0)


def test_ratio_of_a_numerator_between_zero_and_one() -> None:
    quotient = ratio(exact(0.5), exact(2.0))
    assert quotient is not None
    assert (quotient.value, quotient.lower, quotient.upper) == (0.25, 0.25, 0.25)


def test_ratio_by_a_divisor_between_zero_and_one() -> None:
    quotient = ratio(exact(100.0), exact(0.5))
    assert quotient is not None
    assert (quotient.value, quotient.lower, quotient.upper) == (200.0, 200.0, 200.0)
    assert quotient.exact


def test_ratio_undefined_for_a_negative_numerator() -> None:
    # a negative a would turn the bounds round: lower ÷ upper is no longer the lowest
    assert ratio(exact(-5.0), exact(50.0)) is None
    assert ratio(parse_figure("-5以上"), parse_figure("50余")) is None


def test_ratio_undefined_where_the_divisor_may_be_zero() -> None:
    # a divisor of 5 whose bounds reach down to 0
    assert ratio(exact(100.0), Figure(5.0, 0.0, 10.0)) is None


@pytest.mark.parametrize(
    ("a", "b", "qualifier"),
    [
        ("240余", "100", "余"),  # one qualified figure: its word
        ("100", "突破50", "突破"),
        ("240余", "突破50", "余"),  # two: the first one's
        ("约240", "50余", "约"),  # an approximation makes the whole approximate
        ("240", "50", None),  # exact ÷ exact is exact
    ],
)
def test_ratio_and_minus_keep_the_qualifier(a: str, b: str, qualifier: str | None) -> None:
    quotient = ratio(parse_figure(a), parse_figure(b))
    assert quotient is not None
    difference = minus(parse_figure(a), parse_figure(b))
    assert quotient.qualifier == difference.qualifier == qualifier
    assert quotient.exact is difference.exact is (qualifier is None)
    assert quotient.approximate is difference.approximate is (qualifier == "约")


@pytest.mark.parametrize(("a", "b"), [("240余", "约50"), ("240", "约50"), ("约240", "约50")])
def test_minus_of_an_approximation_is_approximate(a: str, b: str) -> None:
    # (ratio() takes no divisor without a lower bound, so only minus() meets 约 second)
    difference = minus(parse_figure(a), parse_figure(b))
    assert difference.qualifier == "约"
    assert (difference.lower, difference.upper) == (None, None)


# -- the parser: errors name the text; spaces are ignored ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "超过3000以上",  # a word before and one after
        "约",  # no number
        "超过180余",  # a word before and 余 after
        "180余5",  # something after the figure
        "180余家",  # a unit, which parse_figure does not take
        "0余",  # 余 on zero
    ],
)
def test_figure_errors_name_the_text_as_written(text: str) -> None:
    with pytest.raises(FigureError) as caught:
        parse_figure(text)
    assert caught.value.args == (text,)


def test_figure_error_of_a_non_finite_number_names_it() -> None:
    with pytest.raises(FigureError) as caught:
        qualified(Decimal("Infinity"), None)
    assert caught.value.args == ("Infinity",)


@pytest.mark.parametrize("text", ["突破 3000", "180 余", "3 000以上", "约\u00a0100", " 2,364.9 "])
def test_spaces_inside_a_figure_are_ignored(text: str) -> None:
    assert parse_figure(text) == parse_figure("".join(text.replace("\u00a0", " ").split()))
    parsed = split_text(text)
    assert parsed.unit == ""


@pytest.mark.parametrize(
    ("text", "number", "qualifier", "unit"),
    [
        ("突破 3 000 亿 元", Decimal(3000), "突破", "亿元"),  # the unit's spaces go, every one
        ("180余 家", Decimal(180), "余", "家"),
        ("12 345 万 元", Decimal(12345), None, "万元"),
        ("3 000 亿元 以上", Decimal(3000), "以上", "亿元"),
    ],
)
def test_a_unit_written_with_spaces_reads_without_them(text: str, number: Decimal,
                                                        qualifier: str | None, unit: str) -> None:
    parsed = split_text(text)
    assert (parsed.number, parsed.qualifier, parsed.unit) == (number, qualifier, unit)


# -- one tolerance for figures and formulas -------------------------------------------------------

numbers = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)
OPS = [">", ">=", "<", "<="]


@given(numbers, numbers, st.sampled_from(OPS))
@example(math.nextafter(236490000000.0, math.inf), 236490000000.0, ">")  # 1 ulp: noise
@example(236490000000.0, math.nextafter(236490000000.0, math.inf), ">=")
@example(3500000000.0 * (1 + 2e-9), 3500000000.0, ">")  # 2 parts in 10⁹: a real difference
@example(5e-10, 0.0, ">")  # within the absolute tolerance of zero
@example(2e-9, 0.0, ">")
@example(0.0, 5e-10, "<")
def test_exact_figures_compare_as_the_formulas_do(a: float, b: float, op: str) -> None:
    """satisfies() on an exact figure says what formulas.compare() says, tolerance included."""
    assert satisfies(exact(a), op, b) is formulas.compare(a, op, b)  # type: ignore[arg-type]


def test_the_tolerance_is_relative_for_large_figures() -> None:
    # 236,490,000,000 元 and the next float up differ by 3e-5: float noise, not a difference
    big = 236490000000.0
    noisy = math.nextafter(big, math.inf)
    assert formulas.same(big, noisy)
    assert not formulas.compare(noisy, ">", big)
    assert satisfies(exact(noisy), ">", big) is False
    # one part in a million is a difference at any size
    assert not formulas.same(big, big * (1 + 1e-6))


def test_the_tolerance_is_absolute_near_zero() -> None:
    # a change of 5e-10 between two years is no change: a flat year fails "rising"
    assert formulas.same(5e-10, 0.0)
    assert satisfies(minus(exact(1.0000000005), exact(1.0)), ">", 0.0) is False
    assert not formulas.same(1e-6, 0.0)


# -- projected_year looks 100 years ahead, no more and no less ------------------------------------


def test_projected_year_reaches_exactly_at_the_horizon() -> None:
    # 1 doubling every year reaches 2^100 after exactly 100 years (powers of two are exact)
    assert formulas.projected_year(2000, 1.0, 1.0, ">=", 2.0**100) == 2100
    assert formulas.projected_year(2000, 1.0, 1.0, ">=", 2.0**99) == 2099


def test_projected_year_beyond_the_horizon_is_none() -> None:
    # 2^101 would take 101 years
    assert formulas.projected_year(2000, 1.0, 1.0, ">=", 2.0**101) is None


def test_projected_year_falling_towards_a_lower_target_at_the_horizon() -> None:
    # 2^100 halving every year reaches 1 after exactly 100 years, and 0.5 after 101
    assert formulas.projected_year(2000, 2.0**100, -0.5, "<=", 1.0) == 2100
    assert formulas.projected_year(2000, 2.0**100, -0.5, "<=", 0.5) is None


# -- year on year (同比) and what is still needed a year: the formulas of the series -------------


@pytest.mark.parametrize(
    ("previous", "latest", "growth"),
    [
        (100, 110, 0.1),  # (110 − 100) / 100
        (100, 90, -0.1),  # (90 − 100) / 100
        (100, 100, 0.0),
        (0.5, 0.6, 0.2),  # a previous figure below 1 still has a growth rate: 0.1 / 0.5
        (2948.2, 3200, 251.8 / 2948.2),  # the difference on the figures as written: 251.8
    ],
)
def test_yoy_growth(previous: float, latest: float, growth: float) -> None:
    assert formulas.yoy_growth(previous, latest) == pytest.approx(growth, rel=1e-12, abs=0)


@pytest.mark.parametrize("previous", [0, -10])
def test_yoy_growth_from_zero_or_a_loss_is_undefined(previous: float) -> None:
    assert formulas.yoy_growth(previous, 5) is None


@pytest.mark.parametrize(
    ("gap", "latest_year", "target_year", "needed"),
    [
        (12, 2023, 2025, 6.0),  # 12 ÷ 2 years left
        (12, 2022, 2025, 4.0),  # 12 ÷ 3
        (0.5, 2023, 2025, 0.25),  # a gap below 1 is still a gap
        (0, 2023, 2025, 0.0),  # met exactly: nothing more needed
        (-5, 2023, 2025, 0.0),  # met with room to spare: 0, not a negative need
        (12, 2025, 2025, None),  # no year left
        (12, 2026, 2025, None),
        (None, 2023, 2025, None),  # no gap known
    ],
)
def test_needed_per_year(gap: float | None, latest_year: int, target_year: int,
                         needed: float | None) -> None:
    assert formulas.needed_per_year(gap, latest_year, target_year) == needed
