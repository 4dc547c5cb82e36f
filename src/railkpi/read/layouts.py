"""Data sheets in the long layout (indicator | year | value …, a row per figure) or the wide one
(indicator | 2021 | 2022 …, a row per indicator): the header row recognised, then every figure
read with its cell, in the indicator's unit, as an Observation.

Yearbook tables are read as they are pasted: title rows above the header, `2022年` headers, a
serial-number column before the indicator column, a second table with its own header row
below the first (each table read under its own header), rows of other statistics (ignored,
with one warning: see row_labels), no-figure marks (—, N/A: not reported, with one warning).
A number in a column without a header, in a row that is read, is an error: a stray or missing
header cell would otherwise shift every year by one column without a word. The header rows
themselves are recognised in `headers`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from railkpi.figures import Figure
from railkpi.messages.problems import PROBLEM_MESSAGES
from railkpi.messages.problems_cells import READING_WORDS
from railkpi.money import MONEY
from railkpi.plans.models import YEAR_MAX, YEAR_MIN, Indicator
from railkpi.plans.registry import IndicatorRegistry
from railkpi.problems import ProblemLog, Words, error
from railkpi.read.cells import (
    Cell,
    CellError,
    CellFormats,
    cell_ref,
    display,
    is_blank,
    normalise_text,
    parse_figure_cell,
    parse_year,
    reads_as_number,
)
from railkpi.read.guard.styles import is_scaled_format
from railkpi.read.headers import DataHeader, data_header, may_be_header
from railkpi.read.observation import Observation
from railkpi.read.row_labels import LabelMatcher
from railkpi.read.sheet_notes import SheetNotes
from railkpi.read.unit_notes import HeaderUnit, disagreeing, unit_note
from railkpi.read.units import UnitError, canonical, counted, factor, split_header
from railkpi.records import record

__all__ = ["DataHeader", "DataSheet", "data_header"]


@record
class Named:
    """What a row label names: an indicator and the unit written with the label; no
    indicator when the label is in error (the row's cells are still checked)."""

    indicator: str | None
    unit: str | None


@record
class _Given:
    """A figure as a row gives it: its indicator, year, value cell and the unit it is in."""

    indicator_id: str
    year: int
    value: Cell
    figure: Figure
    unit: str | None
    unit_where: str | None


class DataSheet:
    """One long or wide sheet → Observations, passed to `add`; problems into `problems`.

    `formats` are the cells formatted as percentages or scaled, for readers whose cells carry no
    number format (python-calamine). `labels` judges row labels that name no indicator.
    """

    def __init__(self, file: str, sheet: str, registry: IndicatorRegistry,
                 formats: CellFormats, problems: ProblemLog,
                 add: Callable[[Observation], None], labels: LabelMatcher) -> None:
        self.file = file
        self.sheet = sheet
        self.registry = registry
        self.formats = formats
        self.problems = problems
        self.add = add
        self.labels = labels
        self.notes = SheetNotes(file, sheet)
        self.unit_note: HeaderUnit | None = None  # a unit note below the current table
        # A unit note above an earlier table, while the current table has none of its own
        # (see _unclear_unit), and whether the current table was said to be unclear.
        self.earlier_note: HeaderUnit | None = None
        self.unclear_said = False
        self.table_where = ""

    def error(self, code: str, where: str | None = None, **params: object) -> None:
        self.problems.append(error(code, self.file, where, **params))

    def ref(self, row: int, column: int) -> str:
        return cell_ref(self.sheet, row, column)

    def read(self, header: DataHeader, rows: Iterator[list[Cell]]) -> None:
        """Every table of the sheet, each under its own header; then the sheet's notes."""
        following: DataHeader | None = header
        while following is not None:
            current = following
            self.unit_note = None
            self.table_where, self.unclear_said = current.where, False
            if current.layout == "long":
                following = self.read_long(current, rows)
            else:
                following = self.read_wide(current, rows)
            if following is not None:
                self.problems.extend(following.warnings)
                self.earlier_note = current.noted_unit or self.earlier_note
                following = replace(following, noted_unit=self.unit_note)
            elif self.unit_note is not None:  # below the last table: which table's unit?
                self.error("unit-note-below", self.unit_note.where, unit=self.unit_note.unit)
        self.problems.extend(self.notes.problems())

    def _next_header(self, row: list[Cell]) -> DataHeader | None:
        """The header of the next table, if `row` is one; a row stating a unit ("单位：万元")
        is remembered as the next table's (see unit_notes)."""
        if may_be_header(row):
            return data_header(self.file, self.sheet, row, lambda: self.formats)
        note = unit_note(self.sheet, row)
        if note is not None:
            for _, first in disagreeing([self.unit_note, note] if self.unit_note else []):
                self.error("unit-note-conflict", note.where, unit=note.unit,
                           other_unit=first.unit, other=first.where)
            self.unit_note = note
        return None

    def read_long(self, header: DataHeader, rows: Iterator[list[Cell]]) -> DataHeader | None:
        """Rows of one long table; the header of the next table, if one follows."""
        columns = header.columns
        value_unit = header.table_unit("value")
        for row in rows:
            following = self._next_header(row)
            if following is not None:
                return following
            by_column = {cell.column: cell for cell in row}
            label = by_column.get(columns["indicator"])
            year = by_column.get(columns["year"])
            value = by_column.get(columns["value"])
            if value is None or is_blank(value.value):
                continue  # a blank value is a figure not (yet) reported
            if label is None or is_blank(label.value):
                if not self.notes.mark(value):
                    self.error("missing-indicator", self.ref(value.row, columns["indicator"]))
                continue
            indicator = self._indicator(label)
            if indicator is None or self.notes.mark(value):
                continue
            self._unheaded(row, header)
            if year is None or is_blank(year.value):
                self.error("missing-year", self.ref(value.row, columns["year"]))
                continue
            self.observe(indicator, label, self.formats.year_value(year),
                         self.ref(year.row, year.column), value,
                         by_column, columns, value_unit)
        return None

    def read_wide(self, header: DataHeader, rows: Iterator[list[Cell]]) -> DataHeader | None:
        """Rows of one wide table; the header of the next table, if one follows."""
        columns = header.columns
        year_columns = {col: year for year, col in columns.items() if isinstance(year, int)}
        table_unit = header.table_unit(None)
        for row in rows:
            following = self._next_header(row)
            if following is not None:
                return following
            by_column = {cell.column: cell for cell in row}
            given = [c for c in row if c.column in year_columns and not is_blank(c.value)]
            if not given:
                continue
            label = by_column.get(columns["indicator"])
            if label is None or is_blank(label.value):
                if any(not self.notes.mark(cell) for cell in given):
                    self.error("missing-indicator", self.ref(given[0].row, columns["indicator"]))
                continue
            indicator = self._indicator(label)  # once per row, whatever its figures
            if indicator is None:
                continue
            self._unheaded(row, header)
            for cell in given:
                if not self.notes.mark(cell):
                    self.observe(indicator, label, year_columns[cell.column], None, cell,
                                 by_column, columns, table_unit)
        return None

    def _unheaded(self, row: list[Cell], header: DataHeader) -> None:
        """A number right of the indicator column where the header row has no cell."""
        first = header.columns["indicator"]
        for cell in row:
            if (cell.column > first and cell.column not in header.headed
                    and reads_as_number(cell.value)):
                self.error("unheaded-value", self.ref(cell.row, cell.column),
                           found=display(cell.value))

    def observe(self, indicator: Named, label: Cell, year_value: Any,
                year_where: str | None, value: Cell, by_column: dict[int, Cell],
                columns: dict[Any, int], header_unit: HeaderUnit | None) -> None:
        """One figure of a row: its year, number and unit, each checked (the row's indicator,
        and the unit written with its label, are resolved once per row)."""
        given = self._given(indicator, label, year_value, year_where, value, by_column, columns,
                            header_unit)
        if given is None:
            return
        indicator_def = self.registry.indicators[given.indicator_id]
        figure = self._in_indicator_unit(given, indicator_def)
        if figure is None:
            return
        if (figure.exact and counted(indicator_def.unit, indicator_def.decimals)
                and not figure.value.is_integer()):
            # 228.4 firms: a cell formatted "0" shows 228, which a reader would take (a
            # qualified figure's bound may be a fraction: "172.8以上")
            self.error("not-whole-count", self.ref(value.row, value.column),
                       found=display(value.value), indicator=given.indicator_id,
                       unit=indicator_def.unit)
            return
        if indicator_def.unit == "%":
            self._fraction(given, figure)
        self._validated(given, figure, by_column, columns)

    def _fraction(self, given: _Given, figure: Figure) -> None:
        """A share of at most 1 % with no % of its own (0.62 where 62 % may be meant) is read
        as written, and noted."""
        value_where = self.ref(given.value.row, given.value.column)
        if given.unit_where != value_where and 0 < abs(figure.value) <= 1:
            self.notes.fraction(value_where)

    def _given(self, indicator: Named, label: Cell, year_value: Any,
               year_where: str | None, value: Cell, by_column: dict[int, Cell],
               columns: dict[Any, int], header_unit: HeaderUnit | None) -> _Given | None:
        """What the row says, reported in the order a reader meets it: year, value."""
        label_where = self.ref(label.row, label.column)
        value_where = self.ref(value.row, value.column)
        indicator_id, label_unit = indicator.indicator, indicator.unit
        try:
            year: int | None = parse_year(year_value)
        except CellError as exc:
            self.error(exc.code, year_where or value_where, found=display(exc.found),
                       low=YEAR_MIN, high=YEAR_MAX)
            year = None
        if self._scaled(value):
            self.error("scaled-format", value_where, found=display(value.value))
            return None
        try:
            number_format = (
                "0%" if (value.row, value.column) in self.formats.percent else value.number_format
            )
            parsed = parse_figure_cell(value.value, number_format)
        except CellError as exc:
            self.error(exc.code, value_where, found=display(exc.found), **exc.params)
            return None
        if year is None or indicator_id is None:
            return None
        # The unit: written in the value cell, else the unit column, else with the row label,
        # else in the value column's header.
        unit_cell = by_column.get(columns.get("unit", -1))
        unit: str | None
        if parsed.unit is not None:
            unit, unit_where = parsed.unit, value_where
        elif unit_cell is not None and not is_blank(unit_cell.value):
            unit, unit_where = str(unit_cell.value), self.ref(unit_cell.row, unit_cell.column)
        elif label_unit is not None:
            unit, unit_where = label_unit, label_where
        elif header_unit is not None:
            unit, unit_where = header_unit.unit, header_unit.where
        elif self._unclear_unit(indicator_id, label, value_where):
            return None
        else:
            unit, unit_where = None, None
        return _Given(indicator_id, year, value, parsed.figure, unit, unit_where)

    def _unclear_unit(self, indicator_id: str, label: Cell, value_where: str) -> bool:
        """Whether a money figure with no unit of its own is in a table below one with a unit
        note ("单位：万元" at the top of the sheet) and has no note itself: that note may hold for
        the whole sheet or for the first table only, and 万元 read as 亿元 is ten thousand
        times too much. An error, once per table."""
        note = self.earlier_note
        unit = self.registry.indicators[indicator_id].unit
        if note is None or (canonical(unit) or unit) not in MONEY:
            return False
        if not self.unclear_said:
            self.unclear_said = True
            self.error("unit-note-unclear", self.table_where, unit=note.unit, note=note.where,
                       label=display(label.value), cell=value_where)
        return True

    def _scaled(self, value: Cell) -> bool:
        """A number shown at another magnitude than stored (#,##0, or 0!.0000"万"): which of
        the two the unit is meant for cannot be told."""
        if isinstance(value.value, bool) or not isinstance(value.value, (int, float)):
            return False
        if value.number_format is not None:  # a reader that gives formats (openpyxl)
            return is_scaled_format(value.number_format)
        return (value.row, value.column) in self.formats.scaled

    def _in_indicator_unit(self, given: _Given, indicator: Indicator) -> Figure | None:
        """The figure converted from the unit it was given in; None (and a problem) if it can't."""
        unit, where = given.unit, given.unit_where
        if unit is None:
            return given.figure
        if normalise_text(unit) == "%" and indicator.unit != "%":
            self.error("unexpected-percent", where, found=display(given.value.value),
                       indicator=given.indicator_id, unit=indicator.unit)
            return None
        try:
            scale = factor(unit, indicator.unit, indicator.unit_en)
        except UnitError as exc:
            self.error(exc.code, where, found=display(unit), indicator=given.indicator_id,
                       expected=indicator.unit)
            return None
        return given.figure if scale == Decimal(1) else given.figure.scaled(scale)

    def _validated(self, given: _Given, figure: Figure, by_column: dict[int, Cell],
                   columns: dict[Any, int]) -> None:
        """The Observation, with the row's source and note; the model's checks as problems."""
        value_where = self.ref(given.value.row, given.value.column)
        text = {}
        for role in ("source", "note"):
            cell = by_column.get(columns.get(role, -1))
            if cell is not None and not is_blank(cell.value):
                text["source_note" if role == "source" else role] = normalise_text(
                    str(cell.value)
                )
        unit = normalise_text(given.unit) if given.unit else None
        try:
            observation = Observation.model_validate(
                Observation.of(figure, indicator=given.indicator_id, year=given.year,
                               where=value_where, unit=unit, **text),
                context={"indicators": self.registry.indicators},
            )
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                code = err["type"] if err["type"] in PROBLEM_MESSAGES else "bad-number"
                self.error(code, value_where, found=display(given.value.value),
                           indicator=given.indicator_id, hint="")
            return
        self.add(observation)

    def _indicator(self, label: Cell) -> Named | None:
        """The indicator a row label names, and the unit written with it ('总收入（万元）').
        A label that is ambiguous or close to an indicator's name is an error, and the row's
        other cells are still checked (indicator None); a label naming other statistics is
        noted, and the row not read (None)."""
        where = self.ref(label.row, label.column)
        text = str(label.value)
        ids, unit = self.registry.lookup(text), None
        if not ids:
            name, unit = split_header(text)
            ids = self.registry.lookup(name) if unit is not None else ()
        if len(ids) == 1:
            return Named(ids[0], unit)
        if ids:
            self.error("ambiguous-indicator", where, found=display(text),
                       candidates=", ".join(ids))
            return Named(None, None)
        verdict = self.labels.judge(text)
        if verdict.kind == "close":
            zh, en = READING_WORDS["did-you-mean"]
            hint = Words(zh.format(name=verdict.shown, id=verdict.indicator),
                         en.format(name=verdict.shown, id=verdict.indicator))
            self.error("unknown-indicator", where, found=display(text), hint=hint)
            return Named(None, None)
        if verdict.kind == "far":
            self.notes.ignore(label.value, where)
        else:
            self.notes.refuse(label.value, where)
        return None
