"""Figures in words for the report draft: amounts with their unit, qualified figures as their
words bound them, rates, percentage points, lists of years, counts of years and the difficulty
word. Pure functions of numbers; python-docx is not imported here. (Which difficulty word: the
rule is calc/difficulty.py.)

Numbers print as the tables print them (render/display.py): an indicator's own decimals, rates
as percentages with one decimal. Differences of rates are taken from the percentages as
printed, so that the text adds up with the table a reader holds beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from railkpi.calc.results import TargetResult
from railkpi.figures import QUALIFIERS, SUFFIXES, Figure
from railkpi.messages import pick
from railkpi.messages.docx_document import (
    CHINESE_COUNTS,
    CHINESE_NUMERALS,
    DOCX_QUALIFIED_EN,
    DOCX_WORDS,
)
from railkpi.plans.models import Indicator
from railkpi.render import display as fmt


def word(key: str, lang: str, **fields: object) -> str:
    return pick(DOCX_WORDS[key], lang).format(**fields)


def with_unit(number: str, indicator: Indicator, lang: str) -> str:
    """'2948.2' → '2948.2亿元' / '2948.2 (100M CNY)' / '228 firms' / '75.8%'."""
    unit = fmt.unit(indicator, lang)
    if lang == "zh" or unit == "%":
        return f"{number}{unit}"
    if unit[:1].isdigit():
        return f"{number} ({unit})"
    if number == "1" and unit.endswith("s"):  # the English units are plurals: 1 firm, 1 unit
        unit = unit[:-1]
    return f"{number} {unit}"


def amount(value: float, indicator: Indicator, lang: str) -> str:
    """A figure at the indicator's decimals, with its unit."""
    return with_unit(fmt.number(value, indicator), indicator, lang)


def as_written(value: float) -> str:
    """A qualified figure's number as the source writes it: 180.0 → '180', 2364.9 → '2364.9'.

    Padding it to the indicator's decimals would change what the words say (3000.0余 is not
    3000余), so qualified figures keep their own digits.
    """
    return format(Decimal(repr(value)).normalize(), "f")


def figure_words(figure: Figure, indicator: Indicator, lang: str) -> str:
    """An exact figure as an amount; a qualified one with its bounds in words: 180余家,
    超过2600亿元, 50亿元以上 / at least 180 but under 190 firms, more than 2600 (100M CNY)."""
    if figure.exact:
        return amount(figure.value, indicator, lang)
    number = as_written(figure.value)
    qualifier = figure.qualifier or ""
    if lang == "zh":
        unit = fmt.unit(indicator, lang)
        if qualifier in ("余", "多"):
            return f"{number}{qualifier}{unit}"
        if qualifier in SUFFIXES:
            return f"{number}{unit}{qualifier}"
        return f"{qualifier}{number}{unit}"
    upper = as_written(figure.upper) if figure.upper is not None else ""
    text = DOCX_QUALIFIED_EN[QUALIFIERS[qualifier]].format(n=number, upper=upper)
    return with_unit(text, indicator, lang)


def about(text: str, approximate: bool, lang: str) -> str:
    """'约5.7%' / 'about 5.7%' for a figure computed from a qualified one."""
    return word("about", lang, v=text) if approximate else text


def rate(value: float, approximate: bool, lang: str) -> str:
    return about(fmt.rate(value), approximate, lang)


def printed_percent(value: float) -> Decimal:
    """The percentage a table prints for a rate: 0.51428… → Decimal('51.4')."""
    return Decimal(fmt.rate(value).rstrip("%"))


def points_between(a: float, b: float) -> Decimal:
    """a − b in percentage points, from the percentages as printed."""
    return printed_percent(a) - printed_percent(b)


def points_text(points: Decimal) -> str:
    return format(abs(points), ".1f")


def years_text(years: Sequence[int], lang: str) -> str:
    """[2022] → '2022年'; [2022, 2023, 2024] → '2022—2024年' / '2022–2024'; gaps listed:
    '2021、2023年' / '2021 and 2023'."""
    ordered = sorted(set(years))
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return span(ordered[0], ordered[-1], lang)
    texts = [str(y) for y in ordered]
    if len(texts) > 1:
        joined = word("years-sep", lang).join(texts[:-1]) + word("years-last", lang) + texts[-1]
    else:
        joined = texts[0] if texts else ""
    return word("years", lang, years=joined)


def span(first: int, last: int, lang: str) -> str:
    if first == last:
        return word("years", lang, years=first)
    return word("span", lang, first=first, last=last)


def year_count(n: int, lang: str) -> str:
    """今后两年 / the remaining 2 years."""
    if lang == "zh" and 1 <= n <= len(CHINESE_COUNTS):
        return CHINESE_COUNTS[n - 1]
    return str(n)


def numeral(n: int, lang: str) -> str:
    """Heading numbers: 1 → 一, 12 → 十二, 20 → 二十 (Chinese); digits in English."""
    if lang != "zh" or not 1 <= n <= 99:
        return str(n)
    if n <= 10:
        return CHINESE_NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CHINESE_NUMERALS[tens - 1]
    return head + CHINESE_NUMERALS[9] + (CHINESE_NUMERALS[ones - 1] if ones else "")


def sign(indicator: Indicator) -> int:
    return 1 if indicator.better == "higher" else -1


def note_years(result: TargetResult, code: str) -> list[int]:
    """The years a note of the calculation lists (missing-years, unsettled-years …)."""
    for note in result.notes:
        if note.code == code:
            years = dict(note.params).get("years", "")
            return [int(y) for y in years.split(",") if y.strip()]
    return []
