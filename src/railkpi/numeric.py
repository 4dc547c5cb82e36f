"""Numbers as railkpi compares and combines them: one tolerance, exact decimals, one set of
operator symbols. Every module that compares, adds or prints a comparator uses these.

- Two figures equal to within one part in 10⁹ are the same figure: 113.6 / 56.8 must count as
  exactly 2 ("翻番" achieved) even though binary floating point may give 1.9999999999999998.
- Differences, sums and products of figures are taken on the figures as written, the shortest
  decimal of each float: 3500 − 2948.2 is 551.8, not 551.8000000000002.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Literal

Op = Literal[">", ">=", "<", "<="]

#: Relative (and absolute) tolerance under which two floats are the same figure.
REL_TOL = 1e-9
#: The same tolerance for decimal arithmetic: differences this small are binary floating-point
#: dust, not a difference between figures (16.350000000000001 % against "16.3%" ± 0.05).
DUST = Decimal(repr(REL_TOL))

#: How a comparator is printed: ≥ and ≤ as one character.
OP_SYMBOLS: dict[str, str] = {">": ">", ">=": "≥", "<": "<", "<=": "≤"}
#: The comparison that fails exactly where `op` holds.
NEGATION: dict[Op, Op] = {">": "<=", ">=": "<", "<": ">=", "<=": ">"}


def same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=REL_TOL)


def compare(a: float, op: Op, b: float) -> bool:
    """a op b, where figures equal within REL_TOL count as equal (so ">" fails and ">=" holds)."""
    if same(a, b):
        return op in (">=", "<=")
    if op in (">", ">="):
        return a > b
    return a < b


def decimal(x: float) -> Decimal:
    """A float as the decimal it was written as (its shortest repr): 0.1 → Decimal('0.1')."""
    return Decimal(repr(x))


def difference(a: float, b: float) -> float:
    """a − b on the figures as written: 3500 − 2948.2 is 551.8, not 551.8000000000002."""
    return float(decimal(a) - decimal(b))


def total(a: float, b: float) -> float:
    """a + b on the figures as written."""
    return float(decimal(a) + decimal(b))


def product(a: float, b: float) -> float:
    """a × b on the figures as written: 0.42 × 1.2 is 0.504, not 0.5039999999999999."""
    return float(decimal(a) * decimal(b))


def scaled(value: float, factor: Decimal) -> float:
    """A figure in another unit (× factor), exactly: 12345.6 万元 is 1.23456 亿元."""
    return float(decimal(value) * factor)


def written(value: float) -> str:
    """A figure as written, without float dust or a trailing '.0': 3500.0 → '3500'."""
    text = format(decimal(value).normalize(), "f")
    return "0" if text == "-0" else text


def half_unit(value: float) -> Decimal:
    """Half a unit of the last written digit: 9837.9 → 0.05, 100 → 0.5."""
    exponent = decimal(value).normalize().as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    return Decimal(5).scaleb(-(decimals + 1))
