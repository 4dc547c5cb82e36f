"""Units as workbooks write them, and exact conversion between money units.

Money indicators are kept in the unit their plan gives (亿元 for the bundled plans); a workbook
may give 元, 万元, 亿元 or 千亿元, in Chinese or English. Other units must be the indicator's
own. Conversion is decimal, so 12,345.6 万元 is 1.23456 亿元 exactly.
"""

from __future__ import annotations

import re
from decimal import Decimal

from railkpi.money import MONEY, money_factor
from railkpi.plans.labels import normalise_label

#: Spellings (normalised: NFKC, case-folded, no spaces) → canonical unit.
SPELLINGS: dict[str, str] = {
    # money
    "元": "元", "人民币元": "元", "cny": "元", "yuan": "元", "rmb": "元",
    "万元": "万元", "万": "万元", "10kcny": "万元", "10kyuan": "万元", "10,000yuan": "万元",
    "10,000cny": "万元", "tenthousandyuan": "万元", "10thousandyuan": "万元",
    "亿元": "亿元", "亿": "亿元", "100mcny": "亿元", "100myuan": "亿元",
    "100millionyuan": "亿元", "100millioncny": "亿元", "hundredmillionyuan": "亿元",
    "千亿元": "千亿元", "千亿": "千亿元", "100bcny": "千亿元", "100byuan": "千亿元",
    "100billionyuan": "千亿元", "100billioncny": "千亿元",
    # counts and others
    "家": "家", "firms": "家", "firm": "家", "enterprises": "家", "companies": "家",
    "人": "人", "persons": "人", "person": "人", "people": "人",
    "个": "个", "units": "个", "unit": "个",
    "项": "项", "items": "项", "item": "项",
    "次": "次", "times": "次", "events": "次",
    "件": "件", "pieces": "件", "patents": "件",
    "件/人": "件/人", "perperson": "件/人", "percapita": "件/人",
    "支": "支", "funds": "支",
    "条": "条", "lines": "条",
    "%": "%", "percent": "%", "百分比": "%",
}


#: Units of things counted one by one: a figure in one of them is a whole number.
COUNT_UNITS = frozenset({"家", "人", "个", "项", "次", "件", "支", "条"})


def counted(unit: str, decimals: int | None) -> bool:
    """Whether an indicator in `unit` (shown with `decimals`) counts things one by one."""
    return canonical(unit) in COUNT_UNITS and not decimals


class UnitError(ValueError):
    """A unit that cannot be used for an indicator; `code` is the problem code."""

    def __init__(self, code: str, given: str, expected: str) -> None:
        self.code = code
        self.given = given
        self.expected = expected
        super().__init__(f"{code}: {given!r} for {expected!r}")


def canonical(unit: str) -> str | None:
    """亿元 for '100M CNY', 家 for 'firms'; None if the spelling is unknown."""
    return SPELLINGS.get(normalise_label(unit))


def factor(given: str, indicator_unit: str, own_word: str | None = None) -> Decimal:
    """What a figure in unit `given` is multiplied by to be in `indicator_unit`.

    `own_word` is the indicator's own English unit word (platforms for 家), also accepted.
    Raises UnitError: `unknown-unit` (no such unit), `wrong-unit-kind` (money for a count or
    a count for money), `unit-mismatch` (another count unit).
    """
    # The indicator's own unit or word, known here or not.
    if normalise_label(given) in (normalise_label(indicator_unit),
                                  normalise_label(own_word or indicator_unit)):
        return Decimal(1)
    unit = canonical(given)
    target = canonical(indicator_unit) or indicator_unit
    if unit is None:
        raise UnitError("unknown-unit", given, indicator_unit)
    if unit == target:
        return Decimal(1)
    if unit in MONEY and target in MONEY:
        return money_factor(unit, target)
    if (unit in MONEY) != (target in MONEY):
        raise UnitError("wrong-unit-kind", given, indicator_unit)
    raise UnitError("unit-mismatch", given, indicator_unit)


_HEADER_UNIT = re.compile(r"^(?P<label>.*?)[(（\[【](?P<unit>[^()（）\[\]【】]+)[)）\]】]\s*$")


def split_header(text: str) -> tuple[str, str | None]:
    """'营业收入（万元）' → ('营业收入', '万元'); 'revenue (10k CNY)' → ('revenue', '10k CNY')."""
    match = _HEADER_UNIT.match(text.strip())
    if not match:
        return text, None
    return match.group("label").strip(), match.group("unit").strip()
