"""Reading a roster row by row: every cell checked, every problem with its cell; firm-years
added to the roster's totals. Plain values in chunks go the fast path where they can."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import cast

from railkpi.numeric import scaled
from railkpi.plans.models import YEAR_MAX, YEAR_MIN
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
from railkpi.read.marks import is_not_available
from railkpi.read.roster import fast_path
from railkpi.read.roster.codes import code_key
from railkpi.read.roster.header import RosterColumns
from railkpi.read.roster.totals import FirmYear, RosterTotals
from railkpi.read.roster.vocabulary import (
    REVENUE_UNIT,
    RosterWords,
    firm_key,
    parse_flag,
    total_row_name,
)
from railkpi.read.units import UnitError, factor


def read_roster(
    file: str,
    sheet: str,
    columns: RosterColumns,
    rows: Iterator[list[Cell]],
    totals: RosterTotals,
    words: RosterWords,
    progress: Callable[[int], None] | None = None,
) -> list[Problem]:
    """Add the firm-years under a roster header to `totals`; every problem with its cell.

    `totals` holds the firm-years of the roster sheets read before, so that a firm listed
    twice for one year across sheets is found too. `progress` is told the rows read so far.
    """
    return RosterReader(file, sheet, columns, totals, words, progress).read(rows)


class RosterReader:
    def __init__(
        self,
        file: str,
        sheet: str,
        columns: RosterColumns,
        totals: RosterTotals,
        words: RosterWords,
        progress: Callable[[int], None] | None,
    ) -> None:
        self.file = file
        self.sheet = sheet
        self.columns = columns
        self.problems: list[Problem] = []
        self.totals = totals
        self.words = words
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
                columns.code, *columns.flags.values()]
        self.used_columns = {c for c in used if c is not None}
        raw = cast(fast_path.RawRows, rows) if hasattr(rows, "raw_chunks") else None
        if raw is not None and self._fast_path_applies():
            fast_path.read_in_chunks(self, raw)
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
        """One row's firm-year, every cell checked; None (and problems) if it has errors."""
        columns = self.columns
        name = self._name(row, by_column)
        if name is not None and total_row_name(firm_key(name)):
            # 合计, Total: what a careful reader leaves out, and says so
            self.problems.append(warning("roster-total-row", self.file,
                                         self.ref(row, columns.name), name=name))
            return None
        shown = name or "-"
        year = self._year(row, by_column, year_column, shown)
        revenue_ok, revenue = (True, None) if columns.revenue is None else self.revenue(
            row, by_column, shown, year)
        segment_ok, segment = self._segment(row, by_column, shown)
        flags_ok, flags = self._flags(row, by_column)
        name_where = self.ref(row, columns.name)
        if name is not None and year is not None:
            key = (firm_key(name), year)
            first = self.totals.first_seen(key)
            if first is not None:
                self.error("roster-duplicate", name_where, name=name, year=year,
                           other=cell_ref(*first))
                return None
            self.seen[key] = (self.sheet, row, columns.name)
            if not self._new_code(row, by_column, name, year):
                return None
        if not (revenue_ok and segment_ok and flags_ok) or name is None or year is None:
            return None
        return FirmYear(name, year, revenue, segment, flags, name_where, self.sheet,
                        columns.revenue is not None)

    def _new_code(self, row: int, by_column: dict[int, Cell], name: str, year: int) -> bool:
        """Whether the firm's credit code (if the sheet has them) is not another row's of the
        same year: 北京甲有限公司 and 北京甲有限责任公司 with one code are one firm, and counted
        twice they add a firm and its revenue that are not there."""
        column = self.columns.code
        cell = None if column is None else by_column.get(column)
        if cell is None or is_blank(cell.value):
            return True
        key = (code_key(display_name(cell.value)), year)
        if key[0] == "":
            return True  # "-": no code, as on the fast path
        first = self.totals.codes.first(key)
        if first is not None:
            where, other_name = first
            self.error("roster-duplicate-code", self.ref(row, cell.column), name=name,
                       credit_code=display_name(cell.value), year=year, other=cell_ref(*where),
                       other_name=other_name)
            return False
        self.totals.codes.add(key, (self.sheet, row, cell.column), name)
        return True

    def _name(self, row: int, by_column: dict[int, Cell]) -> str | None:
        cell = by_column.get(self.columns.name)
        if cell is None or is_blank(cell.value):
            self.error("roster-blank-name", self.ref(row, self.columns.name))
            return None
        return normalise_text(display_name(cell.value))

    def _year(self, row: int, by_column: dict[int, Cell], column: int, name: str) -> int | None:
        cell = by_column.get(column)
        where = self.ref(row, column)
        if cell is None or is_blank(cell.value):
            self.error("roster-missing-year", where, name=name)
            return None
        try:
            return parse_year(cell.value)
        except CellError as exc:
            self.error(exc.code, where, found=display(exc.found), low=YEAR_MIN, high=YEAR_MAX)
            return None

    def _segment(self, row: int, by_column: dict[int, Cell],
                 name: str) -> tuple[bool, str | None]:
        """(no error, the segment key or None when the sheet has no segment column)."""
        column = self.columns.segment
        if column is None:
            return True, None
        cell = by_column.get(column)
        accepted = self.words.accepted_segments
        if cell is None or is_blank(cell.value):
            self.error("roster-missing-segment", self.ref(row, column), name=name,
                       expected=accepted)
            return False, None
        segment = self.words.segment(str(cell.value))
        if segment is None:
            self.error("roster-unknown-segment", self.ref(row, column),
                       found=display(cell.value), expected=accepted)
            return False, None
        return True, segment

    def _flags(self, row: int, by_column: dict[int, Cell]) -> tuple[bool, dict[str, bool]]:
        ok, flags = True, {}
        for key, column in self.columns.flags.items():
            cell = by_column.get(column)
            flag = parse_flag(None if cell is None else cell.value)
            if flag is None:
                assert cell is not None
                self.error("roster-bad-flag", self.ref(row, column), found=display(cell.value),
                           flag=self.columns.flag_headers.get(key, key),
                           expected=self.words.accepted_flags)
                ok = False
            else:
                flags[key] = flag
        return ok, flags

    def revenue(
        self, row: int, by_column: dict[int, Cell], name: str, year: int | None
    ) -> tuple[bool, float | None]:
        """(no error, revenue in 亿元 or None if blank) of one row."""
        columns = self.columns
        assert columns.revenue is not None
        cell = by_column.get(columns.revenue)
        where = self.ref(row, columns.revenue)
        if cell is None or is_blank(cell.value) or is_not_available(cell.value):
            self.problems.append(warning(
                "roster-missing-revenue", self.file, where, name=name,
                year="-" if year is None else year,
            ))
            return True, None
        try:
            number = parse_number(cell.value, cell.number_format)
        except CellError as exc:
            self.error(exc.code, where, found=display(exc.found), **exc.params)
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
        return True, scaled(number.value, scale)

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


def display_name(value: object) -> str:
    """A firm name cell as text (a number-only name keeps no '.0')."""
    return display(value) if isinstance(value, float) else str(value)
