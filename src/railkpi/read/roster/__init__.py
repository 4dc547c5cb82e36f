"""Enterprise roster sheets (企业名录 / enterprises): one row per firm and year → derived figures.

A roster lists each firm once a year with its revenue, its segment of the "1+2+2" industry
matrix and flags such as 专精特新. From it railkpi derives, per year, the enterprise count, the
counts by revenue tier (≥ 1亿, ≥ 10亿, ≥ 100亿, thresholds inclusive), the revenue of each
segment and the number of 专精特新 firms. The workbook reader uses these only for indicators it
has no reported figure for.

Rows are checked with plain code, not a model per row: a roster may run to tens of thousands of
rows. Money is converted to 亿元 with decimal arithmetic (12,345.6 万元 is 1.23456 亿元 exactly)
and sums are taken in decimal, so a total has no float dust.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import compress, repeat
from typing import Annotated, Any, Protocol, cast

from pydantic import Field, StringConstraints, TypeAdapter, ValidationError

from railkpi.figures import Figure, exact
from railkpi.plans.models import YEAR_MAX, YEAR_MIN, Indicator
from railkpi.plans.registry import normalise_label
from railkpi.problems import Problem, error, warning
from railkpi.read.cells import (
    Cell,
    CellError,
    cell_ref,
    display,
    is_blank,
    normalise_text,
    parse_number,
    parse_year,
)
from railkpi.read.units import UnitError, factor, split_header

#: Sheet names (normalised) that mark a sheet as a roster whatever its header looks like.
ROSTER_SHEETS = {"企业名录", "企业名单", "enterprises", "enterpriseroster", "roster"}

#: Header labels (normalised: NFKC, case-folded, no spaces) of each roster column.
#: 单位 is the unit column; 单位名称 ("name of the organisation") is the firm name.
HEADERS: dict[str, set[str]] = {
    "name": {"企业名称", "企业", "企业名", "单位名称", "公司名称", "公司", "name", "enterprise",
             "enterprisename", "company", "companyname", "firm", "firmname"},
    "year": {"年份", "年度", "年", "year"},
    "revenue": {"营业收入", "收入", "营收", "总收入", "营业总收入", "revenue",
                "operatingrevenue", "totalrevenue"},
    "unit": {"单位", "计量单位", "金额单位", "收入单位", "unit"},
    "segment": {"细分赛道", "赛道", "所属赛道", "产业赛道", "领域", "所属领域", "segment",
                "sector"},
}
#: Flag columns: flag key → header labels. The key is what FirmYear.flags uses.
SPECIALISED_SME = "specialised_sme"
FLAG_HEADERS: dict[str, set[str]] = {
    SPECIALISED_SME: {"专精特新", "专精特新企业", "是否专精特新", "专精特新中小企业",
                      "specialisedsme", "specializedsme", "specialisedsmes", "specializedsmes",
                      "srdi", "srdienterprise"},
}
FLAG_NAMES: dict[str, str] = {SPECIALISED_SME: "专精特新"}
#: Columns a roster commonly has that railkpi does not need: ignored without a warning.
QUIET_HEADERS = {"序号", "编号", "no", "no.", "统一社会信用代码", "信用代码", "creditcode",
                 "备注", "说明", "note", "notes", "remark", "remarks", "来源", "数据来源", "source"}

_ROLE_OF: dict[str, str] = {
    **{label: role for role, labels in HEADERS.items() for label in labels},
    **{label: "flag:" + key for key, labels in FLAG_HEADERS.items() for label in labels},
}

#: Segment spellings (normalised) → segment key.
SEGMENTS: dict[str, str] = {
    "工程建设": "engineering", "工程建设赛道": "engineering",
    # The Action Plan's targets say 工程建设赛道, but its task list (产业矩阵再造行动) names the
    # same "1" of the "1+2+2" matrix 工程装备: a roster copied from that section uses this word.
    "工程装备": "engineering", "工程装备赛道": "engineering",
    "engineeringconstruction": "engineering", "engineering": "engineering",
    "牵引供电": "traction_power", "牵引供电赛道": "traction_power",
    "tractionpowersupply": "traction_power", "tractionpower": "traction_power",
    "物流运输": "logistics", "物流运输赛道": "logistics",
    "logisticsandtransport": "logistics", "logisticsandtransportation": "logistics",
    "logistics": "logistics",
    "通信信号": "signalling", "通信信号赛道": "signalling",
    "communicationandsignalling": "signalling", "communicationandsignaling": "signalling",
    "communicationsandsignalling": "signalling", "communicationsandsignaling": "signalling",
    "signalling": "signalling", "signaling": "signalling",
    "智能运维": "smart_om", "智能运维赛道": "smart_om",
    "smartoperationandmaintenance": "smart_om", "smartoperationsandmaintenance": "smart_om",
    "smarto&m": "smart_om",
    "其他": "other", "其它": "other", "other": "other", "others": "other",
}
ACCEPTED_SEGMENTS = (
    "工程建设 / engineering construction, 牵引供电 / traction power supply, "
    "物流运输 / logistics and transport, 通信信号 / communication and signalling, "
    "智能运维 / smart operation and maintenance, 其他 / other"
)

#: Flag cell values (normalised) → yes/no. A blank cell is no.
FLAG_VALUES: dict[str, bool] = {
    "是": True, "y": True, "yes": True, "true": True, "1": True, "√": True, "✓": True,
    "✔": True,
    "否": False, "n": False, "no": False, "false": False, "0": False, "×": False, "✗": False,
    "✘": False,
}
ACCEPTED_FLAGS = "是/否, Y/N, yes/no, true/false, 1/0, √/×, ✓/✗"

#: Indicator ids railkpi derives from a roster.
TIERS: tuple[tuple[str, Decimal], ...] = (
    ("enterprises_rev_ge_1yi", Decimal(1)),
    ("enterprises_rev_ge_10yi", Decimal(10)),
    ("enterprises_rev_ge_100yi", Decimal(100)),
)
SEGMENT_INDICATORS: dict[str, str] = {
    "engineering": "revenue_engineering",
    "traction_power": "revenue_traction_power",
    "logistics": "revenue_logistics",
    "signalling": "revenue_signalling",
    "smart_om": "revenue_smart_om",
}
ENTERPRISE_COUNT = "enterprise_count"
SPECIALISED_SME_COUNT = "specialised_sme_count"
#: The unit FirmYear.revenue is kept in.
REVENUE_UNIT = "亿元"
#: "at least": a derived figure some of whose firms lack a revenue or a segment.
AT_LEAST = "以上"


@dataclass(frozen=True)
class RosterColumns:
    """Column numbers of a recognised roster header, and the revenue unit and where it is."""

    name: int
    year: int | None  # None: a roster sheet without a year column (an error when read)
    revenue: int | None = None
    revenue_unit: str | None = None
    revenue_unit_where: str | None = None
    unit: int | None = None
    segment: int | None = None
    flags: dict[str, int] = field(default_factory=dict)
    header_row: int = 1
    revenue_label: str | None = None  # the revenue header without its unit, for messages
    ignored: tuple[tuple[str, str], ...] = ()  # (cell, header) of unrecognised columns
    repeated: tuple[tuple[str, str, str], ...] = ()  # (cell, header, first cell) of repeats


@dataclass(frozen=True)
class FirmYear:
    name: str
    year: int
    revenue: float | None  # 亿元; None: the sheet has no revenue column, or the cell is blank
    segment: str | None  # engineering, traction_power, logistics, signalling, smart_om, other
    flags: dict[str, bool]  # only the flags the sheet has a column for
    where: str  # the row, e.g. 企业名录!A5
    sheet: str = ""
    has_revenue_column: bool = False


@dataclass(frozen=True)
class Derived:
    indicator: str
    year: int
    figure: Figure
    where: str  # e.g. 企业名录 (228 firms)


def roster_header(sheet: str, row: list[Cell]) -> RosterColumns | None:
    """The roster columns if `row` is a roster header row, else None.

    A row is a roster header if it has a firm-name column and either the sheet is named as a
    roster (企业名录, enterprises, …) and the row has one more roster column, or the row has a
    year column and a revenue or segment column.
    """
    columns: dict[str, int] = {}
    headers: dict[str, Cell] = {}
    revenue_unit: str | None = None
    revenue_label: str | None = None
    ignored: list[tuple[str, str]] = []
    repeated: list[tuple[str, str, str]] = []
    for cell in row:
        where = cell_ref(sheet, cell.row, cell.column)
        if not isinstance(cell.value, str):
            ignored.append((where, display(cell.value)))
            continue
        label, unit = split_header(cell.value)
        key = normalise_label(label)
        role = _ROLE_OF.get(key)
        if role is None:
            if key not in QUIET_HEADERS and normalise_label(cell.value) not in QUIET_HEADERS:
                ignored.append((where, display(cell.value)))
            continue
        if role in columns:
            first = headers[role]
            repeated.append((where, display(cell.value), cell_ref(sheet, first.row, first.column)))
            continue
        columns[role] = cell.column
        headers[role] = cell
        if role == "revenue":
            revenue_unit, revenue_label = unit, label.strip()
    if "name" not in columns:
        return None
    named = normalise_label(sheet) in ROSTER_SHEETS
    others = columns.keys() - {"name", "unit"}
    if not ((named and others) or ("year" in columns and {"revenue", "segment"} & columns.keys())):
        return None
    revenue_header = headers.get("revenue")
    return RosterColumns(
        name=columns["name"],
        year=columns.get("year"),
        revenue=columns.get("revenue"),
        revenue_unit=revenue_unit,
        revenue_unit_where=(
            cell_ref(sheet, revenue_header.row, revenue_header.column)
            if revenue_header is not None else None
        ),
        unit=columns.get("unit"),
        segment=columns.get("segment"),
        flags={role[5:]: col for role, col in columns.items() if role.startswith("flag:")},
        header_row=row[0].row,
        revenue_label=revenue_label,
        ignored=tuple(ignored),
        repeated=tuple(repeated),
    )


def firm_key(name: str) -> str:
    """How firm names are compared: NFKC, case-folded, spaces removed (as normalise_label)."""
    key = unicodedata.normalize("NFKC", name).casefold()
    return "".join(key.split()) if _SPACE.search(key) else key


class RawRows(Protocol):
    """Rows a reader can also hand over as plain values, in chunks (python-calamine's)."""

    first_column: int

    def raw_chunks(self, size: int) -> Iterator[tuple[int, list[list[Any]]]]:
        """(sheet row number of the chunk's first row, the rows' values) for the rest."""
        ...


_SPACE = re.compile(r"\s")
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
                and not _SPACE.search(joined)):
            return names  # already keys (the usual case): no new strings
        # NFKC may itself make spaces ('´' becomes ' ́'): look for them afterwards.
        normalised = unicodedata.normalize("NFKC", joined).casefold()
        keys = normalised.split("\x00")
        if len(keys) == len(names) and not _SPACE.search(normalised):
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


def read_roster(
    file: str,
    sheet: str,
    columns: RosterColumns,
    rows: Iterator[list[Cell]],
    totals: RosterTotals,
    progress: Callable[[int], None] | None = None,
) -> list[Problem]:
    """Add the firm-years under a roster header to `totals`; every problem with its cell.

    `totals` holds the firm-years of the roster sheets read before, so that a firm listed
    twice for one year across sheets is found too. `progress` is told the rows read so far.
    """
    return _RosterReader(file, sheet, columns, totals, progress).read(rows)


class _RosterReader:
    def __init__(
        self,
        file: str,
        sheet: str,
        columns: RosterColumns,
        totals: RosterTotals,
        progress: Callable[[int], None] | None,
    ) -> None:
        self.file = file
        self.sheet = sheet
        self.columns = columns
        self.problems: list[Problem] = []
        self.totals = totals
        self.seen = totals.seen  # filled row by row; see RosterTotals.first_seen
        self.progress = progress
        self.scales: dict[str, Decimal | UnitError] = {}
        self.header_scale: Decimal | None = None
        self.header_unit_bad = False
        self.no_unit_reported = False
        self.revenue_label = columns.revenue_label or "营业收入"

    def error(self, code: str, where: str | None, **params: object) -> None:
        self.problems.append(error(code, self.file, where, **params))

    def ref(self, row: int, column: int) -> str:
        return cell_ref(self.sheet, row, column)

    def read(self, rows: Iterator[list[Cell]]) -> list[Problem]:
        columns = self.columns
        for where, header in columns.ignored:
            self.problems.append(warning("column-ignored", self.file, where, header=header))
        for where, header, other in columns.repeated:
            self.problems.append(
                warning("duplicate-column", self.file, where, header=header, other=other)
            )
        if columns.year is None:
            self.error("roster-no-year-column", self.ref(columns.header_row, columns.name),
                       sheet=self.sheet)
            return self.problems
        if columns.revenue is not None and columns.revenue_unit is not None:
            try:
                self.header_scale = factor(columns.revenue_unit, REVENUE_UNIT)
            except UnitError as exc:
                self.header_unit_bad = True
                self.error(exc.code, columns.revenue_unit_where, found=columns.revenue_unit,
                           indicator=self.revenue_label, expected=REVENUE_UNIT)
        used = [columns.name, columns.year, columns.revenue, columns.unit, columns.segment,
                *columns.flags.values()]
        self.used_columns = {c for c in used if c is not None}
        raw = cast(RawRows, rows) if hasattr(rows, "raw_chunks") else None
        if raw is not None and self._fast_path_applies():
            fast = _FastChunks(self, raw.first_column)
            done = 0
            for first_row, chunk in raw.raw_chunks(CHUNK_ROWS):
                if not fast.add(first_row, chunk):
                    # Something in this chunk needs a closer look: read it row by row, which
                    # reports every problem with its cell.
                    self.read_rows(_cells(first_row, raw.first_column, chunk))
                done += len(chunk)
                if self.progress is not None:
                    self.progress(done)
        else:
            self.read_rows(rows)
        return self.problems

    def _fast_path_applies(self) -> bool:
        """Plain values in chunks need one unit for all revenues (the header's)."""
        columns = self.columns
        return columns.unit is None and (columns.revenue is None or self.header_scale is not None)

    def read_rows(self, rows: Iterable[list[Cell]]) -> None:
        for row in rows:
            by_column = {cell.column: cell for cell in row if cell.column in self.used_columns}
            if all(is_blank(cell.value) for cell in by_column.values()):
                continue  # a blank row (or one with only a serial number or a note)
            assert self.columns.year is not None
            firm = self.row(row[0].row, by_column, self.columns.year)
            if firm is not None:
                self.totals.add(firm)

    def row(self, row: int, by_column: dict[int, Cell], year_column: int) -> FirmYear | None:
        columns = self.columns
        ok = True
        name_cell = by_column.get(columns.name)
        name_where = self.ref(row, columns.name)
        name: str | None = None
        if name_cell is None or is_blank(name_cell.value):
            self.error("roster-blank-name", name_where)
            ok = False
        else:
            name = normalise_text(display_name(name_cell.value))
        shown = name or "-"

        year: int | None = None
        year_cell = by_column.get(year_column)
        year_where = self.ref(row, year_column)
        if year_cell is None or is_blank(year_cell.value):
            self.error("roster-missing-year", year_where, name=shown)
            ok = False
        else:
            try:
                year = parse_year(year_cell.value)
            except CellError as exc:
                self.error(exc.code, year_where, found=display(exc.found), low=YEAR_MIN,
                           high=YEAR_MAX)
                ok = False

        revenue: float | None = None
        if columns.revenue is not None:
            revenue_ok, revenue = self.revenue(row, by_column, shown, year)
            ok = ok and revenue_ok

        segment: str | None = None
        if columns.segment is not None:
            segment_cell = by_column.get(columns.segment)
            segment_where = self.ref(row, columns.segment)
            if segment_cell is None or is_blank(segment_cell.value):
                self.error("roster-missing-segment", segment_where, name=shown,
                           expected=ACCEPTED_SEGMENTS)
                ok = False
            else:
                segment = SEGMENTS.get(normalise_label(str(segment_cell.value)))
                if segment is None:
                    self.error("roster-unknown-segment", segment_where,
                               found=display(segment_cell.value), expected=ACCEPTED_SEGMENTS)
                    ok = False

        flags: dict[str, bool] = {}
        for flag_key, column in columns.flags.items():
            cell = by_column.get(column)
            flag = parse_flag(None if cell is None else cell.value)
            if flag is None:
                assert cell is not None
                self.error("roster-bad-flag", self.ref(row, column), found=display(cell.value),
                           flag=FLAG_NAMES[flag_key], expected=ACCEPTED_FLAGS)
                ok = False
            else:
                flags[flag_key] = flag

        if name is not None and year is not None:
            key = (firm_key(name), year)
            first = self.totals.first_seen(key)
            if first is not None:
                self.error("roster-duplicate", name_where, name=name, year=year,
                           other=cell_ref(*first))
                return None
            self.seen[key] = (self.sheet, row, columns.name)
        if not ok or name is None or year is None:
            return None
        return FirmYear(name, year, revenue, segment, flags, name_where, self.sheet,
                        columns.revenue is not None)

    def revenue(
        self, row: int, by_column: dict[int, Cell], name: str, year: int | None
    ) -> tuple[bool, float | None]:
        """(no error, revenue in 亿元 or None if blank) of one row."""
        columns = self.columns
        assert columns.revenue is not None
        cell = by_column.get(columns.revenue)
        where = self.ref(row, columns.revenue)
        if cell is None or is_blank(cell.value):
            self.problems.append(warning(
                "roster-missing-revenue", self.file, where, name=name,
                year="-" if year is None else year,
            ))
            return True, None
        try:
            number = parse_number(cell.value, cell.number_format)
        except CellError as exc:
            self.error(exc.code, where, found=display(exc.found))
            return False, None
        if number.percent:
            self.error("bad-number", where, found=display(cell.value))
            return False, None
        ok = True
        if number.value < 0:
            self.error("roster-negative-revenue", where, name=name, found=display(cell.value))
            ok = False
        scale = self.scale(row, by_column, name, display(cell.value))
        if scale is None or not ok:
            return False, None
        return True, float(Decimal(repr(number.value)) * scale)

    def scale(self, row: int, by_column: dict[int, Cell], name: str, found: str) -> Decimal | None:
        """The factor to 亿元 of one row's revenue: its unit cell, else the header's unit."""
        columns = self.columns
        unit_cell = None if columns.unit is None else by_column.get(columns.unit)
        if unit_cell is not None and not is_blank(unit_cell.value):
            unit = str(unit_cell.value)
            scale = self.scales.get(unit)
            if scale is None:
                try:
                    scale = factor(unit, REVENUE_UNIT)
                except UnitError as exc:
                    scale = exc
                self.scales[unit] = scale
            if isinstance(scale, UnitError):
                self.error(scale.code, self.ref(row, unit_cell.column), found=display(unit),
                           indicator=self.revenue_label, expected=REVENUE_UNIT)
                return None
            return scale
        if self.header_scale is not None:
            return self.header_scale
        if self.header_unit_bad:
            return None  # reported once, at the header
        if columns.unit is not None:
            self.error("roster-missing-unit", self.ref(row, columns.unit), name=name,
                       found=found)
        elif not self.no_unit_reported:
            self.no_unit_reported = True
            self.error("roster-no-unit", columns.revenue_unit_where,
                       header=self.revenue_label)
        return None


def _cells(first_row: int, first_column: int, chunk: list[list[Any]]) -> Iterator[list[Cell]]:
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

    def __init__(self, reader: _RosterReader, first_column: int) -> None:
        self.reader = reader
        columns = reader.columns
        assert columns.year is not None
        self.first_column = first_column
        self.name = columns.name - first_column
        self.year = columns.year - first_column
        self.revenue = None if columns.revenue is None else columns.revenue - first_column
        self.segment = None if columns.segment is None else columns.segment - first_column
        self.flag = columns.flags.get(SPECIALISED_SME)
        self.flag = None if self.flag is None else self.flag - first_column
        scale = reader.header_scale or Decimal(1)
        self.scale = scale
        # Tier thresholds in the unit the revenues are given in (1亿 is 10000 万元).
        self.thresholds = [float(threshold / scale) for _, threshold in TIERS]
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
            self.segments[value] = (
                SEGMENTS.get(normalise_label(value)) if isinstance(value, str) else None
            )
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
        flags = (None if self.flag is None else
                 self._column(chunk, self.flag, self.flags, self._flag))
        if None in parsed_years or (segments and None in segments) or (flags and None in flags):
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
                segments: list[str | None] | None, flags: list[bool | None] | None) -> None:
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
            if flags is not None:
                totals.flag_known += count
        if revenues is not None:
            for i, threshold in enumerate(self.thresholds):
                # threshold.__le__(revenue): revenue ≥ threshold, tested in C.
                at_least = compress(years, map(threshold.__le__, revenues))
                for year, count in Counter(at_least).items():
                    self.reader.totals.years[year].tiers[i] += count
            if segments is not None:
                grouped: dict[tuple[int, str | None], list[float]] = {}
                for key, revenue in zip(zip(years, segments, strict=True), revenues,
                                        strict=True):
                    grouped.setdefault(key, []).append(revenue)
                for (year, segment), values in grouped.items():
                    if segment in SEGMENT_INDICATORS:
                        total = exact_sum(values)
                        self.reader.totals.years[year].segment_totals[segment] += (
                            total * self.scale)
        if flags is not None:
            for year, count in Counter(compress(years, flags)).items():
                self.reader.totals.years[year].flagged += count


def display_name(value: object) -> str:
    """A firm name cell as text (a number-only name keeps no '.0')."""
    return display(value) if isinstance(value, float) else str(value)


def parse_flag(value: object) -> bool | None:
    """是/否, Y/N, yes/no, true/false, 1/0, √/×, ✓/✗ (blank: no); None if it is none of them."""
    if is_blank(value):
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return True if value == 1 else False if value == 0 else None
    if isinstance(value, str):
        return FLAG_VALUES.get(normalise_label(value))
    return None


# -- derivation ----------------------------------------------------------------------------


def _count(known: int, unknown: int) -> Figure:
    """k firms for sure; with m firms undecided, between k and k + m ("k以上")."""
    if unknown == 0:
        return exact(float(known))
    return Figure(float(known), float(known), float(known + unknown), True, True, AT_LEAST)


def _total(total: Decimal, complete: bool) -> Figure:
    """A segment's revenue: exact, or at least the known sum when a figure is missing."""
    value = float(total)
    return exact(value) if complete else Figure(value, value, None, True, True, AT_LEAST)


@dataclass
class _YearTotals:
    """What the figures of one year need, added up firm by firm (or chunk by chunk)."""

    firms: int = 0
    sheets: dict[str, None] = field(default_factory=dict)
    has_revenue_column: bool = False
    revenue_known: int = 0
    tiers: list[int] = field(default_factory=lambda: [0] * len(TIERS))
    any_segment: bool = False
    unplaced: bool = False  # a firm of a sheet without a segment column
    segment_totals: dict[str, Decimal] = field(
        default_factory=lambda: dict.fromkeys(SEGMENT_INDICATORS, Decimal(0)))
    segment_incomplete: dict[str, bool] = field(
        default_factory=lambda: dict.fromkeys(SEGMENT_INDICATORS, False))
    flag_known: int = 0
    flagged: int = 0

    def figures(self) -> dict[str, Figure]:
        figures: dict[str, Figure] = {ENTERPRISE_COUNT: exact(float(self.firms))}
        if self.has_revenue_column:
            missing = self.firms - self.revenue_known
            for (indicator, _), count in zip(TIERS, self.tiers, strict=True):
                figures[indicator] = _count(count, missing)
            if self.any_segment:
                for segment, indicator in SEGMENT_INDICATORS.items():
                    complete = not (self.unplaced or self.segment_incomplete[segment])
                    figures[indicator] = _total(self.segment_totals[segment], complete)
        if self.flag_known:
            figures[SPECIALISED_SME_COUNT] = _count(self.flagged, self.firms - self.flag_known)
        return figures


class RosterTotals:
    """Every roster sheet of a workbook, added up per year; and the firm-years seen so far."""

    def __init__(self) -> None:
        self.years: dict[int, _YearTotals] = {}
        #: (firm key, year) → (sheet, row, column) of its first row, to report duplicates.
        self.seen: dict[tuple[str, int], tuple[str, int, int]] = {}
        #: The same for firm-years added a chunk at a time: a set to test, and the chunks'
        #: keys in order to find a row again on the rare occasion it is needed.
        self.fast_keys: set[tuple[str, int]] = set()
        self.fast_chunks: list[tuple[str, int, int, list[tuple[str, int]]]] = []

    def add_if_new(self, sheet: str, column: int, first_row: int,
                   keys: list[tuple[str, int]]) -> bool:
        """Record a chunk's firm-years if none is there twice or seen before; else False.

        The keys go straight into the set and the set's growth tells whether they were all
        new; in the rare case they were not, the set is rebuilt from the chunks kept.
        """
        if self.seen and not self.seen.keys().isdisjoint(keys):
            return False
        before = len(self.fast_keys)
        self.fast_keys.update(keys)
        if len(self.fast_keys) - before != len(keys):
            self.fast_keys = {key for *_, chunk in self.fast_chunks for key in chunk}
            return False
        self.fast_chunks.append((sheet, column, first_row, keys))
        return True

    def first_seen(self, key: tuple[str, int]) -> tuple[str, int, int] | None:
        """(sheet, row, column) of the row a firm-year was first read from, if it was."""
        if key in self.seen:
            return self.seen[key]
        if key in self.fast_keys:
            for sheet, column, first_row, keys in self.fast_chunks:
                if key in keys:
                    return sheet, first_row + keys.index(key), column
        return None

    def year(self, year: int, sheet: str) -> _YearTotals:
        totals = self.years.get(year)
        if totals is None:
            totals = self.years[year] = _YearTotals()
        totals.sheets[sheet] = None
        return totals

    def add(self, firm: FirmYear) -> None:
        totals = self.year(firm.year, firm.sheet)
        totals.firms += 1
        totals.has_revenue_column |= firm.has_revenue_column
        revenue = None if firm.revenue is None else Decimal(repr(firm.revenue))
        if revenue is not None:
            totals.revenue_known += 1
            for i, (_, threshold) in enumerate(TIERS):
                totals.tiers[i] += revenue >= threshold
        if firm.segment is None:
            totals.unplaced = True
        else:
            totals.any_segment = True
            if firm.segment in SEGMENT_INDICATORS:
                if revenue is None:
                    totals.segment_incomplete[firm.segment] = True
                else:
                    totals.segment_totals[firm.segment] += revenue
        if SPECIALISED_SME in firm.flags:
            totals.flag_known += 1
            totals.flagged += firm.flags[SPECIALISED_SME]

    def derive(self, known: Mapping[str, Indicator]) -> list[Derived]:
        """Per year of the roster, the figures of the indicators in `known` it can give."""
        derived: list[Derived] = []
        for year in sorted(self.years):
            totals = self.years[year]
            where = f"{', '.join(totals.sheets)} ({totals.firms} firms)"
            for indicator, figure in totals.figures().items():
                target = known.get(indicator)
                if target is None:
                    continue
                if indicator in SEGMENT_INDICATORS.values():
                    try:  # a plan of one's own may keep segment revenue in 万元
                        scale = factor(REVENUE_UNIT, target.unit)
                    except UnitError:
                        continue
                    if scale != Decimal(1):
                        figure = figure.scaled(scale)
                derived.append(Derived(indicator, year, figure, where))
        return derived


def derive(firms: Sequence[FirmYear], known: Mapping[str, Indicator]) -> list[Derived]:
    """The derived figures of a list of firm-years (see RosterTotals)."""
    totals = RosterTotals()
    for firm in firms:
        totals.add(firm)
    return totals.derive(known)
