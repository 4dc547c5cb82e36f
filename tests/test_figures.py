"""Qualified figures and units: railkpi.figures and railkpi.read.units, no workbooks.

Bounds are written by hand as intervals: '[180, 190)' is 180 ≤ v < 190, '(3000, ∞)' is
v > 3000, '(-∞, ∞)' is no bound at all (约 / 左右). u, the step of 余 / 多, is the place value
of the last non-zero digit of N as written.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from railkpi.figures import (
    Figure,
    FigureError,
    exact,
    minus,
    parse_figure,
    qualified,
    ratio,
    satisfies,
    split_text,
)
from railkpi.read.units import UnitError, factor, split_header

# -- helpers --------------------------------------------------------------------------------


def _num(x: float) -> str:
    """A float as Python reads it back, '.0' dropped: float dust (364.90000000000003) shows."""
    text = repr(x)
    return text[:-2] if text.endswith(".0") else text


def interval(f: Figure) -> str:
    """The values a figure allows, in interval notation."""
    low = "(-∞" if f.lower is None else ("[" if f.lower_inclusive else "(") + _num(f.lower)
    high = "∞)" if f.upper is None else _num(f.upper) + ("]" if f.upper_inclusive else ")")
    return f"{low}, {high}"


#: The issue's table of qualifiers, written out independently of figures.QUALIFIERS.
KIND = {
    "余": "upto", "多": "upto",
    "超过": "gt", "突破": "gt", "逾": "gt",
    "以上": "ge", "不低于": "ge", "不少于": "ge",
    "近": "lt", "不足": "lt",
    "以下": "le", "不超过": "le",
    "约": "approx", "左右": "approx",
}
AFTER_NUMBER = {"余", "多", "以上", "以下", "左右"}
WORDS = sorted(KIND)


def written(number: str, word: str | None) -> str:
    """How the qualifier is written with the number: '180余', '突破3000', '3000以上'."""
    if word is None:
        return number
    return f"{number}{word}" if word in AFTER_NUMBER else f"{word}{number}"


# -- every qualifier form, bounds and inclusivity by hand ------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "bounds", "word"),
    [
        # 余 / 多: N ≤ v < N + u
        ("180余", 180.0, "[180, 190)", "余"),
        ("180多", 180.0, "[180, 190)", "多"),
        # 超过 / 突破 / 逾: v > N
        ("超过3000", 3000.0, "(3000, ∞)", "超过"),
        ("突破3000", 3000.0, "(3000, ∞)", "突破"),
        ("逾3000", 3000.0, "(3000, ∞)", "逾"),
        # 以上 / 不低于 / 不少于: v ≥ N
        ("3000以上", 3000.0, "[3000, ∞)", "以上"),
        ("不低于3000", 3000.0, "[3000, ∞)", "不低于"),
        ("不少于3000", 3000.0, "[3000, ∞)", "不少于"),
        # 近 / 不足: v < N
        ("近50", 50.0, "(-∞, 50)", "近"),
        ("不足50", 50.0, "(-∞, 50)", "不足"),
        # 以下 / 不超过: v ≤ N
        ("50以下", 50.0, "(-∞, 50]", "以下"),
        ("不超过50", 50.0, "(-∞, 50]", "不超过"),
        # 约 / 左右: about N, no bound
        ("约100", 100.0, "(-∞, ∞)", "约"),
        ("100左右", 100.0, "(-∞, ∞)", "左右"),
        # exact figures: the point and nothing else
        ("2364.9", 2364.9, "[2364.9, 2364.9]", None),
        ("2,364.9", 2364.9, "[2364.9, 2364.9]", None),
    ],
)
def test_every_qualifier_form(text: str, value: float, bounds: str, word: str | None) -> None:
    figure = parse_figure(text)
    assert figure.value == value
    assert interval(figure) == bounds
    assert figure.qualifier == word
    assert figure.exact is (word is None)


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("180余", "[180, 190)"),  # last non-zero digit 8 is in the tens: u = 10
        ("3000余", "[3000, 4000)"),  # u = 1000
        ("2364.9余", "[2364.9, 2365)"),  # u = 0.1, and no float dust in 2365
        ("0.5多", "[0.5, 0.6)"),  # u = 0.1
        ("1000余", "[1000, 2000)"),  # u = 1000
        ("105余", "[105, 106)"),  # u = 1
        ("10余", "[10, 20)"),  # u = 10
        ("0.25余", "[0.25, 0.26)"),  # u = 0.01
        ("180.0余", "[180, 190)"),  # the last non-zero digit is still the 8
        ("3,000余", "[3000, 4000)"),  # thousands separator
        ("１８０余", "[180, 190)"),  # full-width digits
        ("1,200多", "[1200, 1300)"),  # u = 100
    ],
)
def test_step_of_yu_is_the_place_value_of_the_last_non_zero_digit(text: str, bounds: str) -> None:
    assert interval(parse_figure(text)) == bounds


def test_qualified_builds_the_same_figure_from_number_and_word() -> None:
    assert qualified(Decimal("180"), "余") == parse_figure("180余")
    assert qualified(Decimal("3000"), "突破") == parse_figure("突破3000")
    assert qualified(Decimal("2364.9"), None) == exact(2364.9) == parse_figure("2364.9")
    assert interval(qualified(Decimal("2364.9"), "余")) == "[2364.9, 2365)"


@pytest.mark.parametrize(
    ("word", "label"),
    [
        ("余", "180余"), ("多", "180多"),
        ("超过", ">180"), ("突破", ">180"), ("逾", ">180"),
        ("以上", "≥180"), ("不低于", "≥180"), ("不少于", "≥180"),
        ("近", "<180"), ("不足", "<180"),
        ("以下", "≤180"), ("不超过", "≤180"),
        ("约", "≈180"), ("左右", "≈180"),
        (None, "180"),
    ],
)
def test_label(word: str | None, label: str) -> None:
    assert parse_figure(written("180", word)).label("180") == label


def test_approximate_only_for_yue_and_zuoyou() -> None:
    assert {w for w in WORDS if parse_figure(written("100", w)).approximate} == {"约", "左右"}
    assert not exact(100.0).approximate


# -- text with units: split_text ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number", "word", "unit"),
    [
        ("突破3000亿元", Decimal("3000"), "突破", "亿元"),
        ("180余家", Decimal("180"), "余", "家"),
        ("3000余万元", Decimal("3000"), "余", "万元"),
        ("2.3649千亿元", Decimal("2.3649"), None, "千亿元"),
        ("3500以上", Decimal("3500"), "以上", ""),
        ("约100亿元", Decimal("100"), "约", "亿元"),
        ("72.5%", Decimal("72.5"), None, "%"),
        ("2,364.9", Decimal("2364.9"), None, ""),
    ],
)
def test_split_text(text: str, number: Decimal, word: str | None, unit: str) -> None:
    parsed = split_text(text)
    assert (parsed.number, parsed.qualifier, parsed.unit) == (number, word, unit)


# -- rejections -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "0余",  # 余 on zero: no "at least 0 and less than …" reading
        "0.0多",
        "-180余",  # 余 on a negative number
        "超过180余",  # two qualifiers
        "约100左右",
        "突破3000以上",
        "近不足50",
        "约",  # a qualifier and no number
        "超过",
        "余",
        "180余余",
        "180余5",  # stray text
        "180-200",
        "18o",
        "abc",
        "",
        "180余家",  # parse_figure takes no unit (split_text does)
    ],
)
def test_parse_figure_rejects(text: str) -> None:
    with pytest.raises(FigureError):
        parse_figure(text)


@pytest.mark.parametrize("text", ["超过180余", "约", "180余5", "0余"])
def test_split_or_qualify_rejects(text: str) -> None:
    with pytest.raises(FigureError):
        parsed = split_text(text)
        qualified(parsed.number, parsed.qualifier)


# -- satisfies at and around each bound -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "op", "target", "verdict"),
    [
        # 180余 = [180, 190)
        ("180余", ">=", 180, True),
        ("180余", ">", 180, None),  # 180 itself is possible
        ("180余", ">", 179, True),
        ("180余", ">=", 185, None),
        ("180余", ">=", 190, False),  # 190 is excluded
        ("180余", ">", 189, None),
        ("180余", ">", 190, False),
        ("180余", "<", 190, True),
        ("180余", "<=", 190, True),
        ("180余", "<", 189, None),
        ("180余", "<", 180, False),
        ("180余", "<=", 180, None),  # only 180 itself meets
        ("180余", "<=", 179, False),
        # 突破3000 = (3000, ∞)
        ("突破3000", ">", 3000, True),
        ("突破3000", ">=", 3000, True),
        ("突破3000", ">", 3500, None),
        ("突破3000", ">=", 3001, None),
        ("突破3000", "<=", 3000, False),
        ("突破3000", "<", 3000, False),
        ("突破3000", "<", 2999, False),
        ("突破3000", "<", 4000, None),
        # 3000以上 = [3000, ∞)
        ("3000以上", ">=", 3000, True),
        ("3000以上", ">", 3000, None),
        ("3000以上", ">", 2999, True),
        ("3000以上", "<", 3000, False),
        ("3000以上", "<=", 3000, None),
        ("3000以上", "<=", 2999, False),
        # 近50 = (-∞, 50)
        ("近50", "<", 50, True),
        ("近50", "<=", 50, True),
        ("近50", "<", 49, None),
        ("近50", ">=", 50, False),
        ("近50", ">", 50, False),
        ("近50", ">", 49, None),
        ("近50", ">=", 51, False),
        # 50以下 = (-∞, 50]
        ("50以下", "<=", 50, True),
        ("50以下", "<", 50, None),
        ("50以下", "<", 51, True),
        ("50以下", ">", 50, False),
        ("50以下", ">=", 50, None),
        ("50以下", ">=", 51, False),
        # 约100: nothing is settled, however far the target
        ("约100", ">=", 1, None),
        ("约100", ">", 100, None),
        ("约100", "<", 1000, None),
        ("100左右", "<=", 100, None),
        # exact figures
        ("100", ">=", 100, True),
        ("100", ">", 100, False),
        ("100", "<=", 100, True),
        ("100", "<", 100, False),
        ("100", "<", 100.5, True),
    ],
)
def test_satisfies_around_the_bounds(text: str, op: str, target: float,
                                     verdict: bool | None) -> None:
    assert satisfies(parse_figure(text), op, float(target)) is verdict  # type: ignore[arg-type]


def test_satisfies_with_one_decimal_bounds() -> None:
    # 2364.9余 = [2364.9, 2365.0): 2364.9 + 0.1 must be exactly 2365, not 2365.0000000000005.
    figure = parse_figure("2364.9余")
    assert satisfies(figure, "<", 2365.0) is True
    assert satisfies(figure, ">=", 2365.0) is False
    assert satisfies(figure, ">=", 2364.9) is True
    # 0.5多 = [0.5, 0.6): 0.5 + 0.1 is 0.6, not 0.6000000000000001
    assert satisfies(parse_figure("0.5多"), "<", 0.6) is True


# -- minus and ratio ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "value", "bounds"),
    [
        # [240, 250) − [180, 190) = (240 − 190, 250 − 180) = (50, 70)
        ("240余", "180余", 60.0, "(50, 70)"),
        # 255 − [180, 190) = (65, 75]
        ("255", "180余", 75.0, "(65, 75]"),
        # 245 − [180, 190) = (55, 65]
        ("245", "180余", 65.0, "(55, 65]"),
        # 235 − [180, 190) = (45, 55]
        ("235", "180余", 55.0, "(45, 55]"),
        # [2364.9, 2365) − 2000 = [364.9, 365): decimal, no 364.9000000000001
        ("2364.9余", "2000", 364.9, "[364.9, 365)"),
        # (3000, ∞) − [100, ∞) = (-∞, ∞): nothing bounds it above, nor below
        ("突破3000", "100以上", 2900.0, "(-∞, ∞)"),
        # (3000, ∞) − (-∞, 100] = (3000 − 100, ∞) = (2900, ∞)
        ("突破3000", "100以下", 2900.0, "(2900, ∞)"),
        # about 300 − 100: no bound
        ("约300", "100", 200.0, "(-∞, ∞)"),
        ("0.3", "0.1", 0.2, "[0.2, 0.2]"),  # exact and dust-free
    ],
)
def test_minus(a: str, b: str, value: float, bounds: str) -> None:
    difference = minus(parse_figure(a), parse_figure(b))
    assert difference.value == value
    assert interval(difference) == bounds


def test_minus_of_exact_figures_is_exact() -> None:
    difference = minus(exact(255.0), exact(190.0))
    assert difference.exact
    assert satisfies(difference, ">=", 65.0) is True
    assert satisfies(difference, ">", 65.0) is False


def test_minus_keeps_approximation() -> None:
    assert minus(parse_figure("约300"), exact(100.0)).approximate
    assert minus(exact(300.0), parse_figure("100左右")).approximate
    assert not minus(parse_figure("240余"), parse_figure("180余")).exact


@pytest.mark.parametrize(
    ("a", "b", "value", "bounds"),
    [
        # [240, 250) ÷ 100 = [2.4, 2.5)
        ("240余", "100", 2.4, "[2.4, 2.5)"),
        # 300 ÷ [150, 160) = (300/160, 300/150] = (1.875, 2]
        ("300", "150余", 2.0, "(1.875, 2]"),
        # (300, ∞) ÷ 150 = (2, ∞)
        ("超过300", "150", 2.0, "(2, ∞)"),
        ("113.6", "56.8", 2.0, "[2, 2]"),
    ],
)
def test_ratio(a: str, b: str, value: float, bounds: str) -> None:
    quotient = ratio(parse_figure(a), parse_figure(b))
    assert quotient is not None
    assert quotient.value == value
    assert interval(quotient) == bounds


def test_ratio_settles_against_the_bounds() -> None:
    quotient = ratio(exact(300.0), parse_figure("150余"))  # (1.875, 2]
    assert quotient is not None
    assert satisfies(quotient, ">=", 2.0) is None
    assert satisfies(quotient, ">", 1.875) is True
    assert satisfies(quotient, ">=", 2.01) is False


def test_ratio_upper_bound_from_a_bounded_above_numerator() -> None:
    quotient = ratio(parse_figure("近300"), exact(150.0))  # v < 300 → v/150 < 2
    assert quotient is not None
    assert (quotient.upper, quotient.upper_inclusive) == (2.0, False)


@pytest.mark.parametrize(("b"), ["0", "-5", "近50", "约50"])
def test_ratio_undefined_where_the_divisor_may_be_zero_or_negative(b: str) -> None:
    assert ratio(exact(100.0), parse_figure(b)) is None


# -- properties -----------------------------------------------------------------------------


@st.composite
def numbers(draw: st.DrawFn) -> Decimal:
    """N with at most two decimals, 0 < N < 1e9, sometimes written with trailing zeros."""
    places = draw(st.integers(min_value=0, max_value=2))
    units = draw(st.integers(min_value=1, max_value=10**9 * 10**places - 1))
    return Decimal(units).scaleb(-places)


def text_of(n: Decimal) -> str:
    return format(n, "f")


def step(text: str) -> Decimal:
    """u from the digits as written (independent of figures.py): '180' → 10, '2364.9' → 0.1."""
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    if fraction:
        return Decimal(1).scaleb(-len(fraction))
    return Decimal(1).scaleb(len(whole) - len(whole.rstrip("0")))


def expected_bounds(n: Decimal, word: str | None, text: str) -> str:
    f = float
    kind = KIND[word] if word else None
    return {
        None: f"[{_num(f(n))}, {_num(f(n))}]",
        "upto": f"[{_num(f(n))}, {_num(f(n + step(text)))})",
        "gt": f"({_num(f(n))}, ∞)",
        "ge": f"[{_num(f(n))}, ∞)",
        "lt": f"(-∞, {_num(f(n))})",
        "le": f"(-∞, {_num(f(n))}]",
        "approx": "(-∞, ∞)",
    }[kind]


@given(numbers(), st.sampled_from([None, *WORDS]))
@example(Decimal("180"), "余")
@example(Decimal("999999999.99"), "余")
@example(Decimal("0.01"), "多")
@example(Decimal("180.00"), "余")
def test_point_is_n_and_lies_within_the_bounds(n: Decimal, word: str | None) -> None:
    text = text_of(n)
    figure = parse_figure(written(text, word))
    assert figure.value == float(n)
    assert interval(figure) == expected_bounds(n, word, text)
    # the point N lies within the bounds, or on one of them
    assert figure.lower is None or figure.lower <= figure.value
    assert figure.upper is None or figure.value <= figure.upper
    # …on an excluded bound only where the words exclude N itself (超过N, 近N)
    on_excluded = (figure.lower == figure.value and not figure.lower_inclusive) or (
        figure.upper == figure.value and not figure.upper_inclusive
    )
    assert on_excluded is (word is not None and KIND[word] in ("gt", "lt"))


OPS: dict[str, Callable[[Decimal, Decimal], bool]] = {
    ">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le,
}


def _dec(x: float | None) -> Decimal | None:
    return None if x is None else Decimal(repr(x))


def allows(f: Figure, x: Decimal) -> bool:
    """Whether the figure's bounds allow the value x (exact decimal comparison)."""
    low, high = _dec(f.lower), _dec(f.upper)
    if low is not None and (x < low or (x == low and not f.lower_inclusive)):
        return False
    return not (high is not None and (x > high or (x == high and not f.upper_inclusive)))


def sample_points(f: Figure, target: Decimal) -> list[Decimal]:
    """Values the figure allows: at and next to its bounds and the target, between them, far."""
    marks = [m for m in (_dec(f.lower), _dec(f.upper), target, _dec(f.value)) if m is not None]
    span = max(abs(m) for m in marks) + 1
    candidates = set(marks)
    for mark in marks:
        for d in (Decimal("1e-6"), Decimal("0.001"), Decimal("0.5"), Decimal(1), span, 3 * span):
            candidates.update((mark - d, mark + d))
        candidates.update((mark + other) / 2 for other in marks)
    return [x for x in candidates if allows(f, x)]


def _tolerance_apart(a: Decimal, b: Decimal) -> bool:
    """Equal, or further apart than figures.satisfies' tolerance (1e-9 relative) could blur."""
    return a == b or abs(a - b) > Decimal("1e-8") * max(abs(a), abs(b), Decimal(1))


@st.composite
def targets_near(draw: st.DrawFn, n: Decimal, text: str) -> Decimal:
    u = step(text)
    offsets = [n, n + u, n - u, n + u / 2, n - u / 2, n * 2, n / 2, Decimal(0)]
    return draw(st.sampled_from(offsets) | numbers())


@given(st.data(), numbers(), st.sampled_from([None, *WORDS]), st.sampled_from(sorted(OPS)))
def test_satisfies_agrees_with_sample_points(data: st.DataObject, n: Decimal,
                                             word: str | None, op: str) -> None:
    text = text_of(n)
    figure = parse_figure(written(text, word))
    target = data.draw(targets_near(n, text), label="target")
    for bound in (_dec(figure.lower), _dec(figure.upper)):
        if bound is not None:
            assume(_tolerance_apart(bound, target))
    verdict = satisfies(figure, op, float(target))  # type: ignore[arg-type]
    points = sample_points(figure, target)
    assert points, "every figure allows some value"
    meets = [OPS[op](x, target) for x in points]
    if verdict is True:
        assert all(meets), [x for x, m in zip(points, meets, strict=True) if not m]
    elif verdict is False:
        assert not any(meets), [x for x, m in zip(points, meets, strict=True) if m]
    else:  # unsettled: the bounds allow a value that meets and one that does not
        assert verdict is None
        assert any(meets) and not all(meets)


@given(numbers(), st.sampled_from([None, *WORDS]), numbers(), st.sampled_from([None, *WORDS]))
def test_minus_bounds_hold_every_difference(a_n: Decimal, a_word: str | None, b_n: Decimal,
                                            b_word: str | None) -> None:
    a = parse_figure(written(text_of(a_n), a_word))
    b = parse_figure(written(text_of(b_n), b_word))
    difference = minus(a, b)
    assert difference.value == float(a_n - b_n)
    differences = [x - y for x in sample_points(a, a_n) for y in sample_points(b, b_n)]
    # sound: every possible a − b lies within the bounds …
    for d in differences:
        assert allows(difference, d), (d, interval(difference))
    # … and tight: an included bound is reached, an excluded one approached (samples lie
    # 1e-6 inside each excluded bound of a and b)
    for bound, included in ((difference.lower, difference.lower_inclusive),
                            (difference.upper, difference.upper_inclusive)):
        if bound is not None:
            closest = min(abs(d - Decimal(repr(bound))) for d in differences)
            assert closest == 0 if included else closest <= Decimal("2e-6"), interval(difference)


# -- units ----------------------------------------------------------------------------------

MONEY_FACTORS = [
    # (given, indicator unit, factor): one 元 is 1e-4 万元, 1e-8 亿元, 1e-11 千亿元
    ("元", "元", Decimal("1")),
    ("元", "万元", Decimal("0.0001")),
    ("元", "亿元", Decimal("0.00000001")),
    ("元", "千亿元", Decimal("0.00000000001")),
    ("万元", "元", Decimal("10000")),
    ("万元", "万元", Decimal("1")),
    ("万元", "亿元", Decimal("0.0001")),
    ("万元", "千亿元", Decimal("0.0000001")),
    ("亿元", "元", Decimal("100000000")),
    ("亿元", "万元", Decimal("10000")),
    ("亿元", "亿元", Decimal("1")),
    ("亿元", "千亿元", Decimal("0.001")),
    ("千亿元", "元", Decimal("100000000000")),
    ("千亿元", "万元", Decimal("10000000")),
    ("千亿元", "亿元", Decimal("1000")),
    ("千亿元", "千亿元", Decimal("1")),
]


@pytest.mark.parametrize(("given", "unit", "expected"), MONEY_FACTORS)
def test_factor_between_money_units(given: str, unit: str, expected: Decimal) -> None:
    got = factor(given, unit)
    assert isinstance(got, Decimal)
    assert got == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("yuan", Decimal("0.00000001")),
        ("CNY", Decimal("0.00000001")),
        ("10k CNY", Decimal("0.0001")),
        ("10K cny", Decimal("0.0001")),
        ("100M CNY", Decimal("1")),
        ("100 million yuan", Decimal("1")),
        ("100 billion yuan", Decimal("1000")),
        ("１００Ｍ ＣＮＹ", Decimal("1")),  # full-width
    ],
)
def test_factor_english_spellings_to_yi_yuan(given: str, expected: Decimal) -> None:
    assert factor(given, "亿元") == expected


@pytest.mark.parametrize(
    ("number", "given", "expected"),
    [
        ("12345.6", "万元", "1.23456"),
        ("236490000000", "元", "2364.9"),
        ("23649000", "万元", "2364.9"),
        ("2.3649", "千亿元", "2364.9"),
        ("0.1", "亿元", "0.1"),
    ],
)
def test_conversion_is_exact(number: str, given: str, expected: str) -> None:
    assert Decimal(number) * factor(given, "亿元") == Decimal(expected)
    scaled = exact(float(number)).scaled(factor(given, "亿元"))
    assert scaled.value == float(expected)
    assert repr(scaled.value) == repr(float(expected))


def test_scaling_keeps_qualifier_and_bounds() -> None:
    # 3000余万元 = [3000, 4000) 万元 = [0.3, 0.4) 亿元
    figure = parse_figure("3000余").scaled(factor("万元", "亿元"))
    assert (figure.value, interval(figure), figure.qualifier) == (0.3, "[0.3, 0.4)", "余")
    figure = parse_figure("突破2.5").scaled(factor("千亿元", "亿元"))
    assert (figure.value, interval(figure), figure.qualifier) == (2500.0, "(2500, ∞)", "突破")


@pytest.mark.parametrize(
    ("given", "unit"),
    [("家", "家"), ("firms", "家"), ("enterprises", "家"), ("人", "人"), ("%", "%"),
     ("percent", "%"), ("件", "件"), ("个", "个")],
)
def test_factor_of_a_unit_to_itself_is_one(given: str, unit: str) -> None:
    assert factor(given, unit) == Decimal(1)


@pytest.mark.parametrize(
    ("given", "unit", "code"),
    [
        ("furlongs", "亿元", "unknown-unit"),
        ("美元", "亿元", "unknown-unit"),
        ("", "亿元", "unknown-unit"),
        ("人", "亿元", "wrong-unit-kind"),  # a count for money
        ("家", "亿元", "wrong-unit-kind"),
        ("亿元", "家", "wrong-unit-kind"),  # money for a count
        ("万元", "人", "wrong-unit-kind"),
        ("个", "家", "unit-mismatch"),  # another count unit
        ("人", "家", "unit-mismatch"),
        ("%", "家", "unit-mismatch"),
    ],
)
def test_factor_errors(given: str, unit: str, code: str) -> None:
    with pytest.raises(UnitError) as caught:
        factor(given, unit)
    assert caught.value.code == code
    assert (caught.value.given, caught.value.expected) == (given, unit)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("营业收入（万元）", ("营业收入", "万元")),
        ("revenue (10k CNY)", ("revenue", "10k CNY")),
        ("数值(亿元)", ("数值", "亿元")),
        ("数值【千亿元】", ("数值", "千亿元")),
        ("数值 （ 万元 ） ", ("数值", "万元")),
        ("数值", ("数值", None)),
        ("value", ("value", None)),
    ],
)
def test_split_header(header: str, expected: tuple[str, str | None]) -> None:
    assert split_header(header) == expected
