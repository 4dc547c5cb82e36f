"""Figures as Chinese official statistics write them: a point value and what the words say.

"180余" is at least 180 and less than 190; "突破3000" is more than 3000; "约100" is about 100
with no bound. A Figure keeps the point (used for growth rates and projections), its bounds
and its qualifier; `satisfies` says whether every value the bounds allow meets a comparison,
none does, or the bounds do not settle it. Pure: no I/O.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from railkpi.numeric import NEGATION, Op, difference, same, scaled
from railkpi.records import record

#: Qualifier word → how it bounds N. "upto" (余/多) is N ≤ v < N + u.
QUALIFIERS: dict[str, str] = {
    "余": "upto",
    "多": "upto",
    "超过": "gt",
    "突破": "gt",
    "逾": "gt",
    "以上": "ge",
    "不低于": "ge",
    "不少于": "ge",
    "近": "lt",
    "不足": "lt",
    "以下": "le",
    "不超过": "le",
    "约": "approx",
    "左右": "approx",
}
PREFIXES = ("不低于", "不少于", "不超过", "超过", "突破", "不足", "逾", "近", "约")
SUFFIXES = ("以上", "以下", "左右")


@record
class Figure:
    """A value with the bounds its wording gives. Exact figures have lower == upper == value."""

    value: float
    lower: float | None
    upper: float | None
    lower_inclusive: bool = True
    upper_inclusive: bool = True
    qualifier: str | None = None

    @property
    def exact(self) -> bool:
        return self.qualifier is None

    @property
    def approximate(self) -> bool:
        return self.qualifier is not None and QUALIFIERS[self.qualifier] == "approx"

    def scaled(self, factor: Decimal) -> Figure:
        """The same figure in another unit (×factor), computed on the figures as written."""
        return Figure(
            scaled(self.value, factor),
            None if self.lower is None else scaled(self.lower, factor),
            None if self.upper is None else scaled(self.upper, factor),
            self.lower_inclusive,
            self.upper_inclusive,
            self.qualifier,
        )

    def label(self, shown: str) -> str:
        """How a person reads it, given the point value already formatted: 180余, ≥3000, ≈100."""
        if self.qualifier is None:
            return shown
        return {
            "upto": f"{shown}{self.qualifier}",
            "gt": f">{shown}",
            "ge": f"≥{shown}",
            "lt": f"<{shown}",
            "le": f"≤{shown}",
            "approx": f"≈{shown}",
        }[QUALIFIERS[self.qualifier]]


def exact(value: float) -> Figure:
    return Figure(value, value, value)


class FigureError(ValueError):
    """Text that is not a (qualified) number."""


#: A number as written, after NFKC (which turns no-break, thin and ideographic spaces into
#: spaces): groups of three digits may be separated by commas (1,234.5; 123,456) or by spaces
#: after a leading group of one or two digits (1 234.5; 12 345). Two three-digit numbers side
#: by side (180 190) are refused: two figures or one cannot be told. Nothing else splits a
#: number (2890 3500, 1,2345).
INTEGER = r"(?:\d{1,2}(?: \d{3})+|\d{1,3}(?:,\d{3})+|\d+)"
NUMBER = rf"[+-]?(?:{INTEGER}(?:\.\d*)?|\.\d+)"
_NUMBER = re.compile(rf"[+-]?(?:{INTEGER}(?:\.\d+)?|\.\d+)")
_SPACES = re.compile(r"\s+")


def plain_number(written: str) -> Decimal:
    """A number matched by NUMBER, its separators removed: '1 234.5' → Decimal('1234.5')."""
    return Decimal(written.replace(",", "").replace(" ", ""))


@record
class ParsedText:
    """A figure as written: number, qualifier, unit text between them, percent sign."""

    number: Decimal
    qualifier: str | None
    unit: str  # what stood after the number ("", "家", "亿元", "%", …)


def split_text(text: str) -> ParsedText:
    """'突破3000亿元' → (3000, 突破, 亿元); '180余家' → (180, 余, 家). Raises FigureError.

    Spaces may stand between the words and the number, and inside the number only between
    groups of three digits (see NUMBER): '突破 3 000 亿元' is 3000, '180 190' is refused.
    """
    rest = unicodedata.normalize("NFKC", text).strip()
    qualifier = None
    for word in PREFIXES:
        if rest.startswith(word):
            qualifier, rest = word, rest[len(word) :].lstrip()
            break
    for word in SUFFIXES:
        if rest.endswith(word):
            if qualifier is not None:
                raise FigureError(text)
            qualifier, rest = word, rest[: -len(word)].rstrip()
            break
    match = _NUMBER.match(rest)
    if match is None:
        raise FigureError(text)
    digits = match.group(0)
    rest = rest[len(digits) :].lstrip()
    if rest[:1] in ("余", "多"):
        if qualifier is not None:
            raise FigureError(text)
        qualifier, rest = rest[0], rest[1:]
    rest = _SPACES.sub("", rest)
    if re.search(r"[\d.,+-]", rest):
        raise FigureError(text)
    try:
        number = plain_number(digits)
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only decimals
        raise FigureError(text) from exc
    return ParsedText(number, qualifier, rest)


def qualified(number: Decimal, qualifier: str | None) -> Figure:
    """The Figure that `qualifier` makes of `number`."""
    value = float(number)
    if not math.isfinite(value):
        raise FigureError(str(number))
    kind = QUALIFIERS[qualifier] if qualifier else None
    if kind is None:
        return exact(value)
    if kind == "upto":
        if number <= 0:
            raise FigureError(f"{number}{qualifier}")
        # u: the place value of the last non-zero digit as written (180 → 10, 3000 → 1000).
        exponent = number.normalize().as_tuple().exponent
        assert isinstance(exponent, int)  # finite: checked above
        step = Decimal(1).scaleb(exponent)
        return Figure(value, value, float(number + step), True, False, qualifier)
    if kind == "gt":
        return Figure(value, value, None, False, True, qualifier)
    if kind == "ge":
        return Figure(value, value, None, True, True, qualifier)
    if kind == "lt":
        return Figure(value, None, value, True, False, qualifier)
    if kind == "le":
        return Figure(value, None, value, True, True, qualifier)
    return Figure(value, None, None, True, True, qualifier)  # approx: no bound


def parse_figure(text: str) -> Figure:
    """A figure written without a unit: '180余', '突破3000', '约100', '2,364.9'."""
    parsed = split_text(text)
    if parsed.unit:
        raise FigureError(text)
    return qualified(parsed.number, parsed.qualifier)


# -- comparisons under uncertainty -------------------------------------------------------------

def _all_pass(bound: float, inclusive: bool, op: Op, target: float) -> bool:
    """Does every value from `bound` outwards (in the direction of `op`) pass `op target`?

    A bound equal to the target passes a non-strict comparison, and a strict one only when
    the bound itself is excluded (> 180 for "超过180" passes "> 180").
    """
    if same(bound, target):
        return op in (">=", "<=") or not inclusive
    return bound > target if op in (">", ">=") else bound < target


def satisfies(figure: Figure, op: Op, target: float) -> bool | None:
    """True if every value the figure allows meets `op target`, False if none does, else None.

    For ">" and ">=" the lower bound decides "all meet" and the upper bound "none meets";
    for "<" and "<=" the other way round.
    """
    lower = (figure.lower, figure.lower_inclusive)
    upper = (figure.upper, figure.upper_inclusive)
    near, far = (lower, upper) if op in (">", ">=") else (upper, lower)
    if near[0] is not None and _all_pass(near[0], near[1], op, target):
        return True
    if far[0] is not None and _all_pass(far[0], far[1], NEGATION[op], target):
        return False
    return None


def agree(a: Figure, b: Figure) -> bool:
    """Can two figures be the same number? 180余 and 185 can; 180余 and 190 cannot.

    Decided by the bounds alone (equal within the tolerance): "突破3000" and exactly 3000 have
    the same point value but cannot be the same number.
    """
    return not (_below(a, b) or _below(b, a))


def _below(a: Figure, b: Figure) -> bool:
    """Is every value `a` allows below every value `b` allows?"""
    if a.upper is None or b.lower is None:
        return False
    if same(a.upper, b.lower):
        return not (a.upper_inclusive and b.lower_inclusive)
    return a.upper < b.lower


def minus(a: Figure, b: Figure) -> Figure:
    """a − b with its bounds (the lowest a less the highest b, and so on)."""
    lower = None if a.lower is None or b.upper is None else difference(a.lower, b.upper)
    upper = None if a.upper is None or b.lower is None else difference(a.upper, b.lower)
    return Figure(
        difference(a.value, b.value),
        lower,
        upper,
        a.lower_inclusive and b.upper_inclusive,
        a.upper_inclusive and b.lower_inclusive,
        _combined(a, b),
    )


def ratio(a: Figure, b: Figure) -> Figure | None:
    """a ÷ b with its bounds, for positive figures; None where b may be zero or negative."""
    if b.value <= 0 or b.lower is None or b.lower <= 0 or (a.lower is not None and a.lower < 0):
        return None
    lower = None if a.lower is None or b.upper is None else a.lower / b.upper
    upper = None if a.upper is None else a.upper / b.lower
    return Figure(
        a.value / b.value,
        lower,
        upper,
        a.lower_inclusive and b.upper_inclusive,
        a.upper_inclusive and b.lower_inclusive,
        _combined(a, b),
    )


def _combined(a: Figure, b: Figure) -> str | None:
    """The qualifier of a figure computed from two: none if both are exact."""
    if a.exact and b.exact:
        return None
    return "约" if a.approximate or b.approximate else (a.qualifier or b.qualifier)
