"""The styles part of a workbook: which cell styles format numbers as percentages, which as
dates, and which show a date's year alone (read/year_format.py), read in the guard's single
pass (the part is found through the workbook's relationships, wherever the package puts it).

A figure typed as "16.3%" in Excel is stored as 0.163 with a percent format; readers that give
values only (python-calamine) need to know which cells carry one. A date-formatted cell whose
serial lies past 9999-12-31 shows as ##### in Excel and is given by python-calamine as a plain
number: the guard refuses it (`date-out-of-range`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from railkpi.read.guard.xml_parsing import Handler, local_name
from railkpi.read.year_format import FORMAT_LITERAL, year_pattern
from railkpi.records import record

#: Excel's built-in percent formats (0% and 0.00%).
BUILTIN_PERCENT = frozenset({"9", "10"})
#: Built-in date and time formats: 14-22 and 45-47 everywhere; 27-36 and 50-58 are the dates of
#: East Asian locales (yyyy"年"m"月"d"日" and the like), which Chinese Excel writes by number.
BUILTIN_DATE = frozenset(str(n) for n in (*range(14, 23), *range(27, 37), *range(45, 48),
                                          *range(50, 59)))
#: The largest date serial Excel shows: 9999-12-31 in the 1900 date system (in the 1904 system
#: 1,462 less).
LAST_SERIAL_1900 = 2_958_465
LAST_SERIAL_1904 = LAST_SERIAL_1900 - 1_462

_QUOTED = re.compile(FORMAT_LITERAL)
_DATE_TOKENS = re.compile(r"[dmhysDMHYS]")


def is_percent_format(code: str) -> bool:
    """A % outside quotes, escapes and [colour] brackets is a percent format."""
    return "%" in _QUOTED.sub("", code)


def is_date_format(code: str) -> bool:
    """A date or time token outside quotes, escapes and brackets, in the first section (as
    Excel and python-calamine judge it); 'General' is not a date."""
    first = _QUOTED.sub("", code.split(";")[0])
    return first.strip().lower() != "general" and bool(_DATE_TOKENS.search(first))


#: A number format's tokens: a quoted or escaped literal, a padding or fill character, a
#: [colour] or [condition], a digit placeholder, a point or comma, anything else.
_TOKENS = re.compile(FORMAT_LITERAL + r"|[0#?]|[.,]|.", re.DOTALL)


@cache
def is_scaled_format(code: str) -> bool:
    """A format that shows a number at another magnitude than the cell stores: commas after
    the last digit placeholder (#,##0, divides by 1,000, 0.0,, by a million), or a literal
    point between digit placeholders (0!.0000"万" shows 28037000 as 2803.7000万)."""
    if is_date_format(code):
        return False
    for section in code.split(";")[:3]:
        tokens = _TOKENS.findall(section)
        digits = [i for i, token in enumerate(tokens) if token in ("0", "#", "?")]
        if not digits:
            continue
        last = digits[-1]
        if last + 1 < len(tokens) and tokens[last + 1] == ",":
            return True
        if any("." in token.strip('"') and token not in (".", ",") and token[0] in '"\\!'
               for token in tokens[digits[0]:last]):
            return True
    return False


@record
class StyleKinds:
    """Cell style indices (as written in a cell's s="…") by what their number format shows."""

    percent: frozenset[str] = frozenset()
    date: frozenset[str] = frozenset()
    #: Formats that show another magnitude than the cell stores (#,##0, and 0!.0000"万").
    scaled: frozenset[str] = frozenset()
    #: Formats that show a date's year alone (`yyyy"年"`, `e`), by style: the format.
    years: Mapping[str, str] = field(default_factory=dict)


@dataclass
class StylesPart(Handler):
    """numFmt elements and the cellXfs list, streamed."""

    formats: dict[str, str] = field(default_factory=dict)  # numFmtId → formatCode
    cell_formats: list[str] = field(default_factory=list)  # cellXfs order → numFmtId
    depth: int = 0  # inside <cellXfs> when > 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = local_name(name)
        if local == "numFmt":
            self.formats[attrs.get("numFmtId", "")] = attrs.get("formatCode", "")
        elif local == "cellXfs":
            self.depth += 1
        elif local == "xf" and self.depth == 1:
            self.cell_formats.append(attrs.get("numFmtId", "0"))

    def end(self, name: str) -> None:
        if local_name(name) == "cellXfs":
            self.depth -= 1

    def kinds(self) -> StyleKinds:
        percent = set(BUILTIN_PERCENT)
        date = set(BUILTIN_DATE)
        scaled = {number for number, code in self.formats.items() if is_scaled_format(code)}
        for number, code in self.formats.items():
            if is_percent_format(code):
                percent.add(number)
                date.discard(number)
            elif is_date_format(code):
                date.add(number)
            else:  # a workbook may redefine a built-in number
                percent.discard(number)
                date.discard(number)
        return StyleKinds(
            frozenset(str(i) for i, n in enumerate(self.cell_formats) if n in percent),
            frozenset(str(i) for i, n in enumerate(self.cell_formats) if n in date),
            frozenset(str(i) for i, n in enumerate(self.cell_formats) if n in scaled),
            # No built-in format shows the year alone: only a workbook's own.
            {str(i): self.formats[n] for i, n in enumerate(self.cell_formats)
             if n in self.formats and year_pattern(self.formats[n]) is not None},
        )
