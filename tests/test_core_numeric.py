"""numeric.py beyond the tolerance (tests/test_core_figures.py): figures printed as written, and
half a unit of a figure's last written digit (the audit's rounding allowance)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from railkpi.numeric import half_unit, written


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (3500.0, "3500"),  # no trailing ".0"
        (551.8, "551.8"),
        (-2.5, "-2.5"),
        (1.5e10, "15000000000"),  # positional, never 1.5E+10
        (1e-07, "0.0000001"),  # never 1E-7
        (0.0, "0"),
        (-0.0, "0"),  # a cell written "-0" is 0
    ],
)
def test_written(value: float, text: str) -> None:
    assert written(value) == text


@pytest.mark.parametrize(
    ("value", "half"),
    [
        (9837.9, Decimal("0.05")),  # last digit in tenths: ± 0.05
        (0.125, Decimal("0.0005")),  # thousandths
        (1.0, Decimal("0.5")),  # units
        (100.0, Decimal("0.5")),  # "100": its last written digit is a unit, not a hundred
        (-16.3, Decimal("0.05")),  # the sign does not matter
    ],
)
def test_half_unit(value: float, half: Decimal) -> None:
    assert half_unit(value) == half
