"""A date cell formatted to show its year alone (`yyyy`, `yyyy"年"`, `e`) read as the year it
shows, as an analyst reads the sheet.

Excel stores such a cell as a date (2023-01-01) and shows "2023" or "2023年". Only the first
section of the format counts (a date is never negative). It shows the year alone when, beside
literal text, it holds nothing but year tokens: `yyy` and longer show four digits, `y` and `yy`
two ("23", which is refused as a year written "23" would be), `e` the year of the Gregorian
calendar in four digits. Anything that shows more or other than the year — a month, day or time
token (d, m, h, s, AM/PM), an era (g) or Buddhist year (b), a calendar (B1, B2, or a locale tag
with calendar bits), a system date tag ([$-F800]), numerals other than ours ([DBNum1]), a
condition, a digit or text placeholder — keeps the cell a date, which is no year.

`e` in a Japanese, Thai, Korean or Taiwanese locale tag shows the year of the local era (令和5,
2566, 民國112): such a format is no year either.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import cache

#: What an Excel number format shows as it is, whatever the number: a quoted literal, a
#: character escaped by \ or !, padding (_) or fill (*), a [colour], [condition] or [$locale].
#: Every reading of a format here and in guard/styles.py tokenises with it.
FORMAT_LITERAL = r'"[^"]*"|[\\!].|_.|\*.|\[[^\]]*\]'
_TOKEN = re.compile(FORMAT_LITERAL + r"|[yY]+|[eE]+|.", re.DOTALL)
_COLOUR = re.compile(r"(black|blue|cyan|green|magenta|red|white|yellow|color\s*\d+)",
                     re.IGNORECASE)
#: [$<shown text>-<locale>]: a Windows locale id in hex (calendar bits above the low 16), or a
#: locale name.
_LOCALE = re.compile(r"\$([^-\]]*)(?:-([0-9A-Za-z-]+))?")
#: Locales whose `e` counts the years of a local era, by id and by name.
_ERA_IDS = frozenset({0x411, 0x41E, 0x404, 0x412})
_ERA_NAMES = ("ja", "th", "zh-tw", "ko")
#: The first day of the 1900 and the 1904 date systems, as serials count (Excel's 1900 counts
#: a 29 February 1900 that never was: from March 1900 on, day 0 is 30 December 1899).
_EPOCH_1900 = dt.date(1899, 12, 30)
_EPOCH_1904 = dt.date(1904, 1, 1)


@cache
def year_pattern(code: str) -> tuple[str, ...] | None:
    """The parts of a format that shows the year alone — literal text, and the year tokens
    `yy` (two digits) and `yyyy` (four) — or None for any other format."""
    first = code.split(";")[0]
    parts: list[str] = []
    has_year = era_year = False
    era_locale = False
    for token in _TOKEN.findall(first):
        lower = token.lower()
        if lower[0] == "y":
            parts.append("yy" if len(token) <= 2 else "yyyy")
            has_year = True
        elif lower[0] == "e" and len(token) < 3:
            parts.append("yyyy")
            has_year = era_year = True
        elif token[0] == '"':
            parts.append(token[1:-1])
        elif token[0] in "\\!":
            parts.append(token[1])
        elif token[0] == "_":
            parts.append(" ")
        elif token[0] == "*":
            continue  # a fill: repeated to the cell's width, nothing of the year
        elif token[0] == "[":
            shown = _bracket(token[1:-1])
            if shown is None:
                return None
            era_locale = era_locale or shown[1]
            parts.append(shown[0])
        elif token.isascii() and (token.isalpha() or token in "0#?@%"):
            return None  # a month, day, time, era or calendar token, or a number's placeholder
        else:
            parts.append(token)
    if not has_year or (era_year and era_locale):
        return None
    return tuple(parts)


def _bracket(inner: str) -> tuple[str, bool] | None:
    """What a [bracket] shows and whether it names an era-counting locale; None for one that
    makes the format no year (a condition, elapsed time, other numerals, a calendar)."""
    if _COLOUR.fullmatch(inner):
        return "", False
    locale = _LOCALE.fullmatch(inner)
    if locale is None:
        return None
    shown, name = locale.group(1), (locale.group(2) or "").lower()
    if re.fullmatch(r"[0-9a-f]+", name):
        number = int(name, 16)
        if number > 0xFFFF or number >= 0xF000:  # calendar or numeral bits; F800 and F400
            return None  # are the system's long date and time, whatever the tokens say
        return shown, number in _ERA_IDS
    if "-x-" in name:  # a system date, or an alternative calendar
        return None
    return shown, name.startswith(_ERA_NAMES)


def shown_year_text(value: object, code: str, date1904: bool = False) -> str | None:
    """The text a cell formatted `code` shows if the format shows the year alone and the cell
    holds a date (a reader's date, or a serial number: readers keep an `e`-formatted cell a
    number); None otherwise."""
    pattern = year_pattern(code)
    if pattern is None:
        return None
    year = _year_of(value, date1904)
    if year is None:
        return None
    digits = {"yy": f"{year % 100:02d}", "yyyy": f"{year:04d}"}
    return "".join(digits.get(part, part) for part in pattern)


def _year_of(value: object, date1904: bool) -> int | None:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.year
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if not math.isfinite(value) or value < 1:
        return None  # Excel shows ##### for a negative date; serials below 1 are times
    try:
        return ((_EPOCH_1904 if date1904 else _EPOCH_1900)
                + dt.timedelta(days=math.floor(value))).year
    except OverflowError:
        return None
