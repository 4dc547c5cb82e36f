"""The roster's fast path: a chunk of plain values (python-calamine's) checked column by column
and added up at once, without a Python object per firm. A chunk with anything unusual in it
goes row by row instead, which reports every problem with its cell."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from decimal import Decimal
from itertools import compress, repeat
from typing import TYPE_CHECKING, Annotated, Any, Protocol, cast

from pydantic import Field, StringConstraints, TypeAdapter, ValidationError

from railkpi.read.cells import Cell, CellError, parse_year
from railkpi.read.roster.vocabulary import SPACE, firm_key, parse_flag

if TYPE_CHECKING:
    from railkpi.read.roster.rows import RosterReader


class RawRows(Protocol):
    """Rows a reader can also hand over as plain values, in chunks (python-calamine's)."""

    first_column: int

    def raw_chunks(self, size: int) -> Iterator[tuple[int, list[list[Any]]]]:
        """(sheet row number of the chunk's first row, the rows' values) for the rest."""
        ...


#: Marks a value a fast-path column cache has not parsed yet (None means "not valid").
_UNSEEN = object()
#: Rows validated and added up at a time on the fast path.
CHUNK_ROWS = 65_536


def firm_keys(names: list[str]) -> list[str]:
    """firm_key of many names at once: one normalisation of the joined names (in C), falling
    back to name by name where a separator or a space would make that differ."""
    joined = "\x00".join(names)
    if joined.count("\x00") == len(names) - 1:
        if (unicodedata.is_normalized("NFKC", joined) and joined.casefold() == joined
                and not SPACE.search(joined)):
            return names  # already keys (the usual case): no new strings
        # NFKC may itself make spaces ('´' becomes ' ́'): look for them afterwards.
        normalised = unicodedata.normalize("NFKC", joined).casefold()
        keys = normalised.split("\x00")
        if len(keys) == len(names) and not SPACE.search(normalised):
            return keys
    return [firm_key(name) for name in names]


#: exact_sum's fast route: figures with at most 6 decimals below this size, summed as integers.
_MICRO = 1e6
_MICRO_LIMIT = 8e9


def exact_sum(values: list[float]) -> Decimal:
    """The sum of the figures as written (the shortest decimal of each float), exactly.

    Decimal(repr(v)) for every value costs half a second a million rows; figures with at most
    six decimals are summed as integer millionths instead. Below 8e9 a float's ulp is under
    1e-6, so when round(v·10⁶)/10⁶ gives v back, that six-decimal number is v's shortest
    decimal, and the integer sum is the decimal sum.
    """
    if values and max(values) < _MICRO_LIMIT and min(values) > -_MICRO_LIMIT:
        millionths = list(map(round, map(_MICRO.__mul__, values)))
        if all(map(float.__eq__, map(_MICRO.__rtruediv__, millionths), values)):
            return Decimal(sum(millionths)).scaleb(-6)
    return sum(map(Decimal, map(repr, values)), Decimal(0))



def chunk_cells(first_row: int, first_column: int, chunk: list[list[Any]]) -> Iterator[list[Cell]]:
    """Plain row values as the cells the row-by-row reader takes ("" is an empty cell)."""
    for offset, values in enumerate(chunk):
        cells = [Cell(first_row + offset, first_column + j, value, None)
                 for j, value in enumerate(values) if value != "" and value is not None]
        if cells:
            yield cells


#: The fast path's checks, a chunk's column at a time: a firm name with a non-space character,
#: a revenue that is a finite number ≥ 0. A chunk that fails goes row by row.
_NAMES = TypeAdapter(list[Annotated[str, StringConstraints(strict=True, pattern=r"\S")]])
_REVENUES = TypeAdapter(list[Annotated[float, Field(strict=True, ge=0, allow_inf_nan=False)]])


class _FastChunks:
    """The fast path: a chunk of plain values checked column-wise and added up at once.

    It takes a chunk only if every row is a well-formed firm-year: anything else — a blank
    cell, an unknown segment, a duplicate — returns False before anything is added, and the
    chunk is read row by row instead. Years, segments and flags have few distinct values:
    each is parsed once.
    """

    def __init__(self, reader: RosterReader, first_column: int) -> None:
        self.reader = reader
        columns = reader.columns
        assert columns.year is not None
        self.first_column = first_column
        self.name = columns.name - first_column
        self.year = columns.year - first_column
        self.revenue = None if columns.revenue is None else columns.revenue - first_column
        self.segment = None if columns.segment is None else columns.segment - first_column
        self.flag_columns = {key: column - first_column for key, column in columns.flags.items()}
        scale = reader.header_scale or Decimal(1)
        self.scale = scale
        self.words = reader.words
        # Tier thresholds in the unit the revenues are given in (1亿 is 10000 万元).
        self.thresholds = [float(tier.min_revenue / scale)
                           for tier in reader.words.vocabulary.tiers]
        self.years: dict[Any, int | None] = {}
        self.segments: dict[Any, str | None] = {}
        self.flags: dict[Any, bool | None] = {}

    def _year(self, value: Any) -> int | None:
        if value not in self.years:
            try:
                self.years[value] = parse_year(value)
            except (CellError, TypeError):
                self.years[value] = None
        return self.years[value]

    def _segment(self, value: Any) -> str | None:
        if value not in self.segments:
            self.segments[value] = self.words.segment(value) if isinstance(value, str) else None
        return self.segments[value]

    def _flag(self, value: Any) -> bool | None:
        if value not in self.flags:
            self.flags[value] = parse_flag(value)
        return self.flags[value]

    def add(self, first_row: int, chunk: list[list[Any]]) -> bool:
        try:
            names = _NAMES.validate_python([row[self.name] for row in chunk])
            revenues = (None if self.revenue is None else
                        _REVENUES.validate_python([row[self.revenue] for row in chunk]))
        except ValidationError:
            return False
        parsed_years = self._column(chunk, self.year, self.years, self._year)
        segments = (None if self.segment is None else
                    self._column(chunk, self.segment, self.segments, self._segment))
        flags = {key: self._column(chunk, index, self.flags, self._flag)
                 for key, index in self.flag_columns.items()}
        if (None in parsed_years or (segments and None in segments)
                or any(None in column for column in flags.values())):
            return False
        years = cast(list[int], parsed_years)
        keys = list(zip(firm_keys(names), years, strict=True))
        totals = self.reader.totals
        if not totals.add_if_new(self.reader.sheet, self.name + self.first_column, first_row,
                                 keys):
            return False
        self._add_up(years, revenues, segments, flags)
        return True

    @staticmethod
    def _column(chunk: list[list[Any]], index: int, cache: dict[Any, Any],
                parse: Callable[[Any], Any]) -> list[Any]:
        """One column of the chunk, parsed: each distinct value once, then looked up."""
        values = [row[index] for row in chunk]
        parsed = list(map(cache.get, values, repeat(_UNSEEN)))
        if _UNSEEN in parsed:  # values not met in earlier chunks
            for value in set(values).difference(cache):
                parse(value)
            parsed = list(map(cache.__getitem__, values))
        return parsed

    def _add_up(self, years: list[int], revenues: list[float] | None,
                segments: list[str | None] | None, flags: dict[str, list[bool | None]]) -> None:
        sheet = self.reader.sheet
        firms = Counter(years)
        for year, count in firms.items():
            totals = self.reader.totals.year(year, sheet)
            totals.firms += count
            if revenues is not None:
                totals.has_revenue_column = True
                totals.revenue_known += count
            if segments is None:
                totals.unplaced = True
            else:
                totals.any_segment = True
            for flag in flags:
                totals.flag_known[flag] += count
        if revenues is not None:
            for i, threshold in enumerate(self.thresholds):
                # threshold.__le__(revenue): revenue ≥ threshold, tested in C.
                at_least = compress(years, map(threshold.__le__, revenues))
                for year, count in Counter(at_least).items():
                    self.reader.totals.years[year].tiers[i] += count
            if segments is not None:
                grouped: dict[tuple[int, str | None], list[float]] = {}
                for year_segment, revenue in zip(zip(years, segments, strict=True), revenues,
                                                 strict=True):
                    grouped.setdefault(year_segment, []).append(revenue)
                for (year, segment), values in grouped.items():
                    totals = self.reader.totals.years[year]
                    if segment in totals.segment_totals:
                        totals.segment_totals[segment] += exact_sum(values) * self.scale
        for flag, flagged in flags.items():
            for year, count in Counter(compress(years, flagged)).items():
                self.reader.totals.years[year].flagged[flag] += count


def read_in_chunks(reader: RosterReader, raw: RawRows) -> None:
    """The rest of a roster a chunk at a time: a chunk the fast path refuses is read row by row."""
    fast = _FastChunks(reader, raw.first_column)
    done = 0
    for first_row, chunk in raw.raw_chunks(CHUNK_ROWS):
        if not fast.add(first_row, chunk):
            # Something in this chunk needs a closer look: read it row by row, which reports
            # every problem with its cell.
            reader.read_rows(chunk_cells(first_row, raw.first_column, chunk))
        done += len(chunk)
        if reader.progress is not None:
            reader.progress(done)
