"""The roster's fast path: a chunk of plain values (python-calamine's) checked column by column
and added up at once, without a Python object per firm. A chunk with anything unusual in it
goes row by row instead, which reports every problem with its cell."""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from decimal import Decimal
from itertools import compress, repeat
from typing import TYPE_CHECKING, Annotated, Any, Protocol, cast

from pydantic import Field, StringConstraints, TypeAdapter, ValidationError

from railkpi.read.cells import Cell, CellError, parse_year
from railkpi.read.roster.chunk_years import year_masks
from railkpi.read.roster.codes import Code, code_key
from railkpi.read.roster.vocabulary import SPACE, any_total_row, firm_key, parse_flag

if TYPE_CHECKING:
    from railkpi.read.roster.rows import RosterReader


class RawRows(Protocol):
    """Rows a reader can also hand over as plain values, in chunks (python-calamine's)."""

    first_column: int

    def raw_chunks(self, size: int) -> Iterator[tuple[int, list[list[Any]]]]:
        """(sheet row number of the chunk's first row, the rows' values) for the rest."""
        ...


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


def code_keys(values: list[str]) -> list[Code]:
    """code_key of many codes at once: codes of 18 ASCII letters and digits (or blank, the
    usual chunk) straight to their number in a pass in C, the others one by one."""
    lengths = set(map(len, values))
    joined = "".join(values)
    # bytes.isalnum: ASCII letters and digits, by table (str.isalnum asks Unicode per character).
    if lengths <= {0, 18} and joined.isascii() and joined.encode("ascii").isalnum():
        if 0 not in lengths:
            return list(map(int, values, repeat(36)))
        return [int(value, 36) if value else "" for value in values]
    return [code_key(value) for value in values]


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


def _year(value: Any) -> int | None:
    try:
        return parse_year(value)
    except (CellError, TypeError):
        return None


class ParsedValues:
    """A column's values parsed once each (years, segments and flags have few distinct
    values); None where a value is not valid."""

    def __init__(self, parse: Callable[[Any], Any]) -> None:
        self.parse = parse
        self.parsed: dict[Any, Any] = {}
        self.any_invalid = False  # whether some value met so far parsed to None

    def column(self, chunk: list[list[Any]], index: int) -> list[Any] | None:
        """One column of the chunk, parsed; None if a value in it is not valid."""
        values = [row[index] for row in chunk]
        parsed = self.parsed
        try:
            column = list(map(parsed.__getitem__, values))
        except KeyError:  # values not met in earlier chunks
            for value in set(values).difference(parsed):
                parsed[value] = self.parse(value)
                self.any_invalid = self.any_invalid or parsed[value] is None
            column = list(map(parsed.__getitem__, values))
        # Scanned for None only when some value met so far was not valid.
        return None if self.any_invalid and None in column else column


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
        self.code = None if columns.code is None else columns.code - first_column
        self.flag_columns = {key: column - first_column for key, column in columns.flags.items()}
        scale = reader.header_scale or Decimal(1)
        self.scale = scale
        self.words = reader.words
        # Tier thresholds in the unit the revenues are given in (1亿 is 10000 万元).
        self.thresholds = [float(tier.min_revenue / scale)
                           for tier in reader.words.vocabulary.tiers]
        self.years = ParsedValues(_year)
        self.segments = ParsedValues(self._segment)
        self.flags = ParsedValues(parse_flag)

    def _segment(self, value: Any) -> str | None:
        return self.words.segment(value) if isinstance(value, str) else None

    def add(self, first_row: int, chunk: list[list[Any]]) -> bool:
        try:
            names = _NAMES.validate_python([row[self.name] for row in chunk])
            revenues = (None if self.revenue is None else
                        _REVENUES.validate_python([row[self.revenue] for row in chunk]))
        except ValidationError:
            return False
        parsed_years = self.years.column(chunk, self.year)
        segments = None if self.segment is None else self.segments.column(chunk, self.segment)
        flag_columns = {key: self.flags.column(chunk, index)
                        for key, index in self.flag_columns.items()}
        if (parsed_years is None or (self.segment is not None and segments is None)
                or None in flag_columns.values()):
            return False
        years = cast(list[int], parsed_years)
        flags = cast(dict[str, list[bool]], flag_columns)
        keys = firm_keys(names)
        if any_total_row(keys):  # a 合计 row: read row by row, which says so
            return False
        masks = year_masks(years)
        codes, fresh = None, None
        if self.code is not None:
            codes = self._code_keys(chunk)
            fresh = None if codes is None else self.reader.totals.codes.new_in_chunk(codes, masks)
            if fresh is None:  # a code that is not text, or one twice in a year
                return False
        totals = self.reader.totals
        if not totals.add_if_new(self.reader.sheet, self.name + self.first_column, first_row,
                                 keys, years, masks):
            return False
        if codes is not None and fresh is not None:
            assert self.code is not None
            totals.codes.add_chunk(self.reader.sheet, self.code + self.first_column, first_row,
                                   codes, years, names, fresh)
        self._add_up(years, revenues, segments, flags)
        return True

    def _code_keys(self, chunk: list[list[Any]]) -> list[Code] | None:
        """The chunk's credit code keys ("" where a row has none), or None if a code is not
        text (the chunk goes row by row, which says where)."""
        assert self.code is not None
        values = [row[self.code] for row in chunk]
        if not all(isinstance(value, str) for value in values):
            return None
        return code_keys(values)

    def _add_up(self, years: list[int], revenues: list[float] | None,
                segments: list[str | None] | None, flags: dict[str, list[bool]]) -> None:
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
                # A list per (year, segment) made once, not an empty one per row (setdefault).
                grouped: defaultdict[tuple[int, str | None], list[float]] = defaultdict(list)
                for year_segment, revenue in zip(zip(years, segments, strict=True), revenues,
                                                 strict=True):
                    grouped[year_segment].append(revenue)
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
