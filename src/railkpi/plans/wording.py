"""A plan's own wording copied into a plan file where a number belongs, read so that the
problem can say what to write instead: a published figure with its unit (`超过1000亿元`,
`千亿`), a target with its comparator word (`5个以上`, `突破千亿元`) or a range (`3至5`, `3~5`).

Pure: the loader (plans/schema_problems.py) calls these; the words come from the catalog.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from railkpi.figures import QUALIFIERS, FigureError, split_text
from railkpi.messages.problems_plans import PLAN_HINTS
from railkpi.money import money_factor, money_unit
from railkpi.problems import Words
from railkpi.records import record

#: Comparators as people type them → the op to write (after NFKC: ＞＝ is >=).
COMPARATORS = {"≥": ">=", "≧": ">=", "=>": ">=", "≤": "<=", "≦": "<=", "=<": "<=",
               "大于": ">", "超过": ">", "突破": ">", "不低于": ">=", "不少于": ">=",
               "达到": ">=", "以上": ">=", "小于": "<", "低于": "<", "不超过": "<=", "以下": "<="}

_RANGE = re.compile(r"^([0-9]+(?:\.[0-9]+)?)\s*(?:-|－|–|—|~|～|〜|至|到)\s*"
                    r"([0-9]+(?:\.[0-9]+)?)\s*(\D*)$")
#: 十亿 / 百亿 / 千亿 / 万亿 written without digits, with 元 and 级 optional: 亿元 of each.
_MAGNITUDE = re.compile(r"^(?P<pre>[^\d十百千万亿]*)(?P<word>十|百|千|万)亿元?级?(?P<post>以上)?$")
_MAGNITUDES = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_OP_OF_KIND = {"gt": ">", "ge": ">=", "lt": "<", "le": "<="}
#: Qualifiers written after the number (180余); the others are written before it (突破3000).
_AFTER = ("余", "多", "以上", "以下", "左右")
#: Count words after a money unit (亿元 is money, 3家 a count): dropped to find the money unit.
_COUNT_WORD = re.compile(r"[个家项次件人条支名所座]$")


@record
class Wording:
    """A figure as a plan's text writes it: a number (or a range), a comparator word and a unit."""

    low: Decimal
    high: Decimal | None  # a range 3至5 has both ends
    qualifier: str | None
    unit: str


def read_wording(text: str) -> Wording | None:
    """'超过1000亿元' → (1000, 超过, 亿元); '3至5家' → (3, 5); '千亿' → (1000, 亿元)."""
    written = "".join(unicodedata.normalize("NFKC", text).split())
    if match := _RANGE.match(written):
        return Wording(Decimal(match[1]), Decimal(match[2]), None, match[3])
    if match := _MAGNITUDE.match(written):
        qualifier = match["pre"] or match["post"] or None
        if qualifier is not None and qualifier not in QUALIFIERS:
            return None
        return Wording(Decimal(_MAGNITUDES[match["word"]]), None, qualifier, "亿元")
    try:
        parsed = split_text(written)
    except FigureError:
        return None
    return Wording(parsed.number, None, parsed.qualifier, parsed.unit)


def _in_unit(wording: Wording, unit: str | None) -> Decimal | None:
    """The wording's number in the indicator's unit (3000万元 in 亿元 is 0.3); None where a
    money figure meets an indicator that is not money."""
    if not wording.unit or unit is None:
        return wording.low
    given = money_unit(_COUNT_WORD.sub("", wording.unit) or wording.unit)
    if given is None:
        return wording.low  # a count word: the number is as written
    target = money_unit(unit)
    return None if target is None else wording.low * money_factor(given, target)


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _hint(key: str, **fields: object) -> Words:
    zh, en = PLAN_HINTS[key]
    return Words(zh.format(**fields), en.format(**fields))


def figure_advice(text: str, unit: str | None) -> Words | None:
    """How to write a published figure given with its unit: '超过1000亿元' → "超过1000"."""
    wording = read_wording(text)
    if wording is None or wording.high is not None or not wording.unit:
        return None
    value = _in_unit(wording, unit)
    if value is None:
        return None
    number, qualifier = _number(value), wording.qualifier or ""
    fixed = f"{number}{qualifier}" if qualifier in _AFTER else f"{qualifier}{number}"
    return _hint("figure", unit=unit or wording.unit, fixed=fixed)


def target_advice(text: str, unit: str | None) -> Words | None:
    """How to write a target's number copied with its wording: '3至5' → min and max,
    '5个以上' → op and value."""
    wording = read_wording(text)
    if wording is None:
        return None
    if wording.high is not None:
        return _hint("range", low=_number(wording.low), high=_number(wording.high))
    value = _in_unit(wording, unit)
    if value is None:
        return None
    op = _OP_OF_KIND.get(QUALIFIERS.get(wording.qualifier or "", ""))
    op_words = _hint("target-op", op=op) if op else Words("", "")
    unit_words = _hint("target-unit", unit=unit) if unit else Words("", "")
    zh, en = PLAN_HINTS["target"]
    return Words(zh.format(op=op_words.zh, unit=unit_words.zh, value=_number(value)),
                 en.format(op=op_words.en, unit=unit_words.en, value=_number(value)))
