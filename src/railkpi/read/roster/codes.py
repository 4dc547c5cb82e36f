"""The unified social credit codes (统一社会信用代码) a roster's firm-years were read with: one
code is one firm, so a code met twice in one year is a firm listed twice, whatever its names
(北京甲有限公司, 北京甲有限责任公司).

What finds a duplicate is one set of codes per year. A roster of a million firm-years keeps a
million codes, so a code is kept small: an 18-character code of letters and digits (every
well-formed one) as the integer it spells in base 36 — 48 bytes rather than an 80-byte string,
and one per spelling, since the key is case-folded first. Where the first row of a duplicate
is needed (rarely), the chunks of the fast path are searched again."""

from __future__ import annotations

import re
from typing import TypeAlias

from railkpi.plans.labels import normalise_label
from railkpi.read.marks import is_not_available
from railkpi.read.roster.chunk_years import YearMasks, of_year

#: (sheet, row, column) of a cell.
Where = tuple[str, int, int]
#: A code as compared and kept: see code_key. "" is a row without a code.
Code: TypeAlias = int | str

#: A code key of 18 ASCII letters and digits: kept as int(key, 36), one-to-one at that length.
_COMPACT = re.compile(r"[0-9a-z]{18}")


def code_key(code: str) -> Code:
    """How codes are compared: ９１１１… and 91110106 ma01-… are 91110106MA01…; an
    18-character key of letters and digits as the number it spells in base 36. A no-code
    mark (—, /, 无, 不详, N/A) is no code (""): two firms without one are not one firm."""
    if is_not_available(code):
        return ""
    key = normalise_label(code).replace("-", "")
    return compact(key)


def compact(key: str) -> Code:
    """A code key as kept: the base-36 number of an 18-character key of ASCII letters and
    digits (its letters are lower case), else the key itself."""
    return int(key, 36) if _COMPACT.fullmatch(key) else key


class CreditCodes:
    """The codes seen so far, per year, across every roster sheet of a workbook."""

    def __init__(self) -> None:
        #: Per year, every code read so far, row by row or a chunk at a time.
        self.by_year: dict[int, set[Code]] = {}
        #: (code, year) → the cell and firm name of its first row, for the rows read row by row.
        self.seen: dict[tuple[Code, int], tuple[Where, str]] = {}
        #: The chunks of the fast path in order, to find a row again: (sheet, column, first
        #: row, codes ("" for none), years, names). The years are the list the chunk's
        #: firm-years are kept with, and so are the names when they are firm keys already (the
        #: usual case): the codes' list is the chunk's own.
        self.chunks: list[tuple[str, int, int, list[Code], list[int], list[str]]] = []

    def first(self, key: tuple[Code, int]) -> tuple[Where, str] | None:
        """The cell and firm name of the row a code was first read with that year, if any."""
        code, year = key
        if code not in self.by_year.get(year, ()):
            return None
        if key in self.seen:
            return self.seen[key]
        for sheet, column, first_row, codes, years, names in self.chunks:
            for offset, pair in enumerate(zip(codes, years, strict=True)):
                if pair == key:
                    return (sheet, first_row + offset, column), names[offset]
        raise AssertionError(f"code of {year} kept without its row")  # pragma: no cover

    def add(self, key: tuple[Code, int], where: Where, name: str) -> None:
        """Keep the code of a row read row by row (first() said it is new)."""
        code, year = key
        self.by_year.setdefault(year, set()).add(code)
        self.seen[key] = (where, name)

    def new_in_chunk(self, codes: list[Code], masks: YearMasks) -> dict[int, set[Code]] | None:
        """Per year, the codes of a chunk ("" where a row has none) — None if one is there twice
        in a year or was seen before in it. Nothing is kept yet (add_chunk does).

        A few set operations per year of the chunk, not a Python step per row."""
        blanks = "" in codes
        fresh: dict[int, set[Code]] = {}
        for year, mask in masks.items():
            codes_of_year = of_year(codes, mask)
            new = set(codes_of_year)
            count = len(codes_of_year)
            if blanks and "" in new:
                new.discard("")
                count -= codes_of_year.count("")
            if len(new) != count or not new.isdisjoint(self.by_year.get(year, ())):
                return None
            fresh[year] = new
        return fresh

    def add_chunk(self, sheet: str, column: int, first_row: int, codes: list[Code],
                  years: list[int], names: list[str], fresh: dict[int, set[Code]]) -> None:
        """Keep a chunk's codes, as new_in_chunk gave them per year."""
        for year, new in fresh.items():
            known = self.by_year.get(year)
            if known is None:
                self.by_year[year] = new
            else:
                known |= new
        self.chunks.append((sheet, column, first_row, codes, years, names))
