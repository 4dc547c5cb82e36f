"""Cell values as analysts type them: railkpi.read.cells.parse_number and parse_year."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from railkpi.read.cells import CellError, ParsedNumber, parse_number, parse_year

# -- parse_number: accepted ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (2364.9, 2364.9),
        (2364, 2364.0),
        (0, 0.0),
        ("2364.9", 2364.9),
        ("2,364.9", 2364.9),
        ("1,234,567", 1234567.0),
        ("1,234,567.25", 1234567.25),
        ("２３６４．９", 2364.9),
        ("１，２３４", 1234.0),
        (" 12 ", 12.0),
        ("\u3000１２\u3000", 12.0),  # ideographic spaces around full-width digits
        ("-5", -5.0),
        ("+5", 5.0),
        ("0.5", 0.5),
        (".5", 0.5),
    ],
)
def test_parse_number_accepts_numbers_as_typed(cell: object, expected: float) -> None:
    parsed = parse_number(cell)
    assert parsed == ParsedNumber(expected, False)
    assert type(parsed.value) is float


def test_parse_number_is_exact_not_rounded_twice() -> None:
    # 2,364.9 must be the same float as the literal 2364.9, not 2364.8999999…
    assert parse_number("2,364.9").value == 2364.9
    assert parse_number("０．１").value == 0.1


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("16.3%", 16.3),
        ("16.3％", 16.3),  # full-width percent sign
        ("１６．３％", 16.3),
        ("100%", 100.0),
        ("-2.5%", -2.5),
    ],
)
def test_parse_number_text_percent(cell: str, expected: float) -> None:
    assert parse_number(cell) == ParsedNumber(expected, True)


def test_percent_formatted_number_cell_is_scaled_without_float_dust() -> None:
    # A cell typed as 16.3% holds 0.163 and carries a percentage number format.
    parsed = parse_number(0.163, "0.0%")
    assert parsed.percent is True
    assert parsed.value == 16.3  # 0.163 * 100 in binary floats would be 16.299999999999997


@pytest.mark.parametrize(
    ("cell", "number_format", "expected"),
    [
        (0.07, "0%", 7.0),
        (0.29, "0.00%", 29.0),
        (1, "0%", 100.0),
        (0.163, "General", 0.163),
        (0.163, None, 0.163),
    ],
)
def test_number_format_decides_percent(
    cell: float, number_format: str | None, expected: float
) -> None:
    parsed = parse_number(cell, number_format)
    assert parsed.value == expected
    assert parsed.percent is (number_format is not None and "%" in number_format)


# -- parse_number: rejected ---------------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [
        "abc",
        "1,23",  # a thousands group must have three digits
        "12,3456",
        "1,2345.6",
        ",123",
        "",
        "   ",
        "1.2.3",
        "12-3",
        "%",
        "1e5",  # exponent notation is not how analysts type figures
        "约100",  # qualifiers are not plain numbers
        "nan",
        "NaN",
        "inf",
        "-inf",
        "Infinity",
        True,
        False,
        dt.datetime(2023, 1, 1),
        dt.date(2023, 1, 1),
        None,
        [1],
        Decimal("1"),
    ],
)
def test_parse_number_rejects(cell: object) -> None:
    with pytest.raises(CellError) as caught:
        parse_number(cell)
    assert caught.value.code == "bad-number"
    assert caught.value.found is cell


@pytest.mark.parametrize("cell", [float("nan"), float("inf"), float("-inf")])
def test_parse_number_non_finite_float(cell: float) -> None:
    with pytest.raises(CellError) as caught:
        parse_number(cell)
    assert caught.value.code == "not-finite"


def test_parse_number_text_too_large_for_a_float_is_not_finite() -> None:
    with pytest.raises(CellError) as caught:
        parse_number("9" * 400)
    assert caught.value.code == "not-finite"


def test_parse_number_integer_too_large_for_a_float_is_a_cell_error() -> None:
    # openpyxl reads a cell <v>1000…</v> without a decimal point as a Python int of any size.
    with pytest.raises(CellError) as caught:
        parse_number(10**400)
    assert caught.value.code in {"not-finite", "bad-number"}


def test_parse_number_percent_scaling_must_stay_finite() -> None:
    # 1e308 is finite, but as a percentage it is 1e310, which no float can hold.
    with pytest.raises(CellError) as caught:
        parse_number(1e308, "0%")
    assert caught.value.code == "not-finite"


def test_cell_error_is_a_value_error_with_code_in_message() -> None:
    with pytest.raises(ValueError, match="bad-number"):
        parse_number("abc")


# -- parse_year ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [2023, 2023.0, "2023", " 2023 ", "2023年", "2023 年", "２０２３年", "2023年度", "２０２３年度",
     "2023.0"],
)
def test_parse_year_accepts(cell: object) -> None:
    year = parse_year(cell)
    assert year == 2023
    assert type(year) is int


@pytest.mark.parametrize("cell", [1949, 2100])
def test_parse_year_range_is_inclusive(cell: int) -> None:
    assert parse_year(cell) == cell


@pytest.mark.parametrize(
    "cell",
    [2023.5, "2023.5", "23", "二〇二三", "二〇二三年", "2023年1月", "FY2023", "abc", "", True,
     None, float("nan"), float("inf"), dt.date(2023, 1, 1), dt.datetime(2023, 1, 1)],
)
def test_parse_year_rejects(cell: object) -> None:
    with pytest.raises(CellError) as caught:
        parse_year(cell)
    assert caught.value.code == "bad-year"


@pytest.mark.parametrize("cell", [1800, 2200, 1948, 2101, "1800", "2200年", 1800.0, 99999])
def test_parse_year_out_of_range(cell: object) -> None:
    with pytest.raises(CellError) as caught:
        parse_year(cell)
    assert caught.value.code == "year-out-of-range"


# -- properties ---------------------------------------------------------------------------

FULL_WIDTH = str.maketrans("0123456789.,-", "０１２３４５６７８９．，－")

decimals_2dp = st.decimals(
    min_value=Decimal("-999999999999.99"),
    max_value=Decimal("999999999999.99"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


@given(decimals_2dp)
@example(Decimal("2364.90"))
@example(Decimal("-1234567.05"))
@example(Decimal("0.10"))
def test_formatted_decimals_parse_back_exactly(number: Decimal) -> None:
    plain = f"{number:.2f}"
    expected = float(Decimal(plain))
    separated = f"{number:,.2f}"
    assert parse_number(separated) == ParsedNumber(expected, False)
    assert parse_number(plain.translate(FULL_WIDTH)) == ParsedNumber(expected, False)
    assert parse_number(separated.translate(FULL_WIDTH)) == ParsedNumber(expected, False)


anything = st.one_of(
    st.text(),
    st.integers(),
    st.floats(),
    st.none(),
    st.booleans(),
)


@given(anything, st.sampled_from([None, "General", "0.0%", "#,##0.00"]))
@example(10**400, None)
@example(1e308, "0.0%")
@example("9" * 400, None)
def test_parse_number_returns_finite_or_cell_error(cell: object, number_format: str | None) -> None:
    try:
        parsed = parse_number(cell, number_format)
    except CellError as exc:
        assert exc.code in {"bad-number", "not-finite", "footnote-mark", "excel-error"}
        return
    assert isinstance(parsed, ParsedNumber)
    assert isinstance(parsed.value, float)
    assert math.isfinite(parsed.value)


@given(anything)
@example(10**400)
@example(1e300)
@example("٢٠٢٣")  # Arabic-Indic digits
def test_parse_year_returns_plausible_year_or_cell_error(cell: object) -> None:
    try:
        year = parse_year(cell)
    except CellError as exc:
        assert exc.code in {"bad-year", "year-out-of-range"}
        return
    assert type(year) is int
    assert 1949 <= year <= 2100
