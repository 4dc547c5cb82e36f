"""A chunk's rows grouped by year without a Python step per row: per year a mask of its rows,
made once and used by everything the fast path keeps per year (firm keys, credit codes)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress
from typing import TypeVar

T = TypeVar("T")

#: Per distinct year of a chunk, which of its rows are of that year (None: every row).
YearMasks = dict[int, "Sequence[int] | None"]


def year_masks(years: list[int]) -> YearMasks:
    """The masks of a chunk's years. Within 256 years of each other (always, for the years a
    roster accepts) the years become bytes in one pass, and each year's mask is a translation
    of those bytes (in C); else one comparison per row and year."""
    distinct = dict.fromkeys(years)
    if len(distinct) <= 1:
        return dict.fromkeys(distinct)
    low = min(distinct)
    if max(distinct) - low >= 256:
        return {year: list(map(year.__eq__, years)) for year in distinct}
    offsets = bytes(map(low.__rsub__, years))  # year - low, one byte a row
    masks: YearMasks = {}
    for year in distinct:
        table = bytearray(256)
        table[year - low] = 1
        masks[year] = offsets.translate(table)
    return masks


def of_year(values: list[T], mask: Sequence[int] | None) -> list[T]:
    """The values of a chunk's rows of one year (the list itself when they all are)."""
    return values if mask is None else list(compress(values, mask))
