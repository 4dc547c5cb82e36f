"""Money units and exact conversion between them, shared by plan files (plans/wording.py: a
figure copied with its unit, 3000万元, is 0.3 in an indicator in 亿元) and workbooks
(read/units.py, which also knows the English spellings)."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

#: Money units: how many 元 one of them is.
MONEY: dict[str, Decimal] = {
    "元": Decimal(1),
    "万元": Decimal(10) ** 4,
    "亿元": Decimal(10) ** 8,
    "千亿元": Decimal(10) ** 11,
}

#: The short Chinese spellings of the money units: 亿 for 亿元.
_SHORT = {"万": "万元", "亿": "亿元", "千亿": "千亿元"}


def money_unit(text: str) -> str | None:
    """The money unit a Chinese spelling names (亿 and 亿元 are 亿元; full width and spaces
    ignored); None if it names none."""
    written = "".join(unicodedata.normalize("NFKC", text).split())
    return written if written in MONEY else _SHORT.get(written)


def money_factor(given: str, target: str) -> Decimal:
    """What a figure in money unit `given` is multiplied by to be in money unit `target`."""
    return MONEY[given] / MONEY[target]
