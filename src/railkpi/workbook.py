"""Read a data workbook: long or wide layout, Chinese or English headers → Observations.

Figures keep their qualifiers ("180余", "突破3000") and are converted to the indicator's unit
(万元 → 亿元) exactly. An enterprise roster sheet is read by `roster` and fills the indicators
the workbook does not report directly. Every problem is collected with its sheet and cell and
raised together at the end.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from railkpi import roster, xlsx_guard
from railkpi.cells import (
    Cell,
    CellError,
    cell_ref,
    display,
    is_blank,
    normalise_text,
    parse_figure_cell,
    parse_year,
)
from railkpi.figures import Figure, agree
from railkpi.messages import PROBLEM_MESSAGES
from railkpi.observations import Observation
from railkpi.plan import YEAR_MAX, YEAR_MIN, Indicator
from railkpi.plan_loader import IndicatorRegistry, normalise_label
from railkpi.problems import Problem, error, raise_if_errors, warning
from railkpi.units import UnitError, factor, split_header
from railkpi.xlsx_styles import percent_cells

Layout = Literal["long", "wide", "roster"]

HEADERS: dict[str, set[str]] = {
    "indicator": {"指标", "指标名称", "指标编号", "指标代码", "indicator", "indicatorid",
                  "indicatorname"},
    "year": {"年份", "年度", "年", "year"},
    "value": {"数值", "值", "数据", "取值", "value"},
    "unit": {"单位", "计量单位", "unit"},
    "source": {"来源", "数据来源", "source"},
    "note": {"备注", "注释", "note", "notes", "remark", "remarks", "comment"},
    # Indicator names beside the id (as `railkpi template` writes them): for people, not read.
    "name_zh": {"中文名称", "中文名", "chinesename"},
    "name_en": {"英文名称", "英文名", "englishname"},
}
#: Sheets that are expected to hold prose, not data: skipped without a warning.
PROSE_SHEETS = {"说明", "填表说明", "备注", "notes", "readme", "instructions", "about"}
#: Rosters with at least this many rows show a progress bar (on a terminal).
PROGRESS_ROWS = 50_000
#: How many rows from the top a header row may be preceded by a title.
HEADER_SEARCH_ROWS = 20


@dataclass(frozen=True)
class WorkbookData:
    file: str
    observations: tuple[Observation, ...]
    warnings: tuple[Problem, ...]
    layouts: dict[str, Layout]


@dataclass(frozen=True)
class HeaderUnit:
    unit: str
    where: str


def check_file(path: Path, max_size: int = xlsx_guard.DEFAULT_MAX_SIZE) -> list[Problem]:
    """Refuse a file that is not a safe .xlsx (InputError); else its formula problems."""
    xlsx_guard.inspect(path, max_size)
    return xlsx_guard.scan(path)


Engine = Literal["calamine", "openpyxl"]


def read_workbook(
    path: Path,
    registry: IndicatorRegistry,
    max_size: int = xlsx_guard.DEFAULT_MAX_SIZE,
    engine: Engine = "calamine",
) -> WorkbookData:
    """All observations of every data sheet in the workbook; raises InputError on any error.

    Cell values are read with python-calamine (a Rust reader, many times faster than openpyxl
    on large rosters); `engine="openpyxl"` reads them with openpyxl instead, which the tests
    use to check that both give the same observations.
    """
    found = check_file(path, max_size)
    reader = _Reader(path.name, registry)
    reader.problems.extend(found)
    # A large roster makes millions of short-lived lists and keeps a million firm keys alive;
    # none of them form cycles, and the cyclic collector would rescan them over and over
    # (a sixth of the reading time at Excel's row limit).
    collecting = gc.isenabled()
    gc.disable()
    try:
        if engine == "calamine":
            reader.percent_cells = lambda sheet: percent_cells(path, sheet)
            for sheet, rows in _calamine_sheets(path):
                reader.read_sheet(sheet, rows)
        else:
            for sheet, rows in _openpyxl_sheets(path):
                reader.read_sheet(sheet, rows)
    except _DamagedSheet as exc:
        raise_if_errors([xlsx_guard.reading_problem(exc.__cause__ or exc, path.name)])
    finally:
        if collecting:
            gc.enable()
    return reader.finish()


def _calamine_sheets(path: Path) -> Iterator[tuple[str, Iterator[list[Cell]]]]:
    from python_calamine import CalamineWorkbook, SheetTypeEnum  # only readers pay for it

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheets = [m.name for m in workbook.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
        for name in sheets:
            sheet = workbook.get_sheet_by_name(name)
            yield name, _CalamineRows(sheet.start, sheet.height, sheet.iter_rows())
    except _DamagedSheet:
        raise
    except Exception as exc:  # calamine raises its own types for a damaged file
        raise _DamagedSheet(str(exc) or type(exc).__name__) from exc


class _CalamineRows:
    """A sheet's rows as cells, or — for the roster's fast path — the rest as plain values.

    calamine gives each row's values from the sheet's first used cell; "" is an empty cell.
    """

    def __init__(self, start: tuple[int, int] | None, height: int, rows: Iterator[list[Any]]):
        self.next_row = (start[0] + 1) if start else 1
        self.first_column = (start[1] + 1) if start else 1
        self.total_rows = height if start else 0
        self.rows = rows if start else iter(())

    def __iter__(self) -> Iterator[list[Cell]]:
        return self

    def __next__(self) -> list[Cell]:
        while True:
            values = next(self.rows)
            row, self.next_row = self.next_row, self.next_row + 1
            cells = [Cell(row, self.first_column + j, value, None)
                     for j, value in enumerate(values) if value != "" and value is not None]
            if cells:
                return cells

    def raw_chunks(self, size: int) -> Iterator[tuple[int, list[list[Any]]]]:
        while chunk := list(islice(self.rows, size)):
            first, self.next_row = self.next_row, self.next_row + len(chunk)
            yield first, chunk


def _openpyxl_sheets(path: Path) -> Iterator[tuple[str, Iterator[list[Cell]]]]:
    import openpyxl  # heavy: only the commands that read workbooks pay for it

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise_if_errors([xlsx_guard.reading_problem(exc, path.name)])
        raise AssertionError("unreachable") from exc
    try:
        for sheet in workbook.worksheets:
            yield sheet.title, _rows(sheet.iter_rows())
    finally:
        workbook.close()


class _DamagedSheet(Exception):
    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(detail)


def _guarded(rows: Iterator[Sequence[Any]]) -> Iterator[Sequence[Any]]:
    """Readers parse a sheet lazily: damage surfaces while rows are iterated."""
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except Exception as exc:  # XML, zip and value errors of a damaged file
            raise _DamagedSheet(str(exc) or type(exc).__name__) from exc
        yield row





def _rows(rows: Iterator[Sequence[Any]]) -> Iterator[list[Cell]]:
    for row_cells in _guarded(rows):
        cells = []
        for cell in row_cells:
            value = getattr(cell, "value", None)
            if value is None:
                continue
            cells.append(
                Cell(cell.row, cell.column, value, getattr(cell, "number_format", None))
            )
        if cells:
            yield cells


def _no_cells(sheet: str) -> frozenset[tuple[int, int]]:
    return frozenset()


def _shown(figure: Figure) -> str:
    return figure.label(display(figure.value))


def header_role(value: Any) -> tuple[str | None, str | None]:
    """(role, unit) of a header cell: '数值（万元）' → ('value', '万元')."""
    if not isinstance(value, str):
        return None, None
    label, unit = split_header(value)
    role = next((r for r, names in HEADERS.items() if normalise_label(label) in names), None)
    return role, unit


class _Reader:
    def __init__(self, file: str, registry: IndicatorRegistry) -> None:
        self.file = file
        self.registry = registry
        self.problems: list[Problem] = []
        self.observations: dict[tuple[str, int], Observation] = {}
        self.layouts: dict[str, Layout] = {}
        self.sheets_seen: list[str] = []
        self.roster = roster.RosterTotals()
        # Cells formatted as percentages, for readers whose cells carry no number format.
        self.percent_cells: Callable[[str], frozenset[tuple[int, int]]] = _no_cells
        self.sheet_percent_cells: frozenset[tuple[int, int]] = frozenset()

    def error(self, code: str, where: str | None = None, **params: object) -> None:
        self.problems.append(error(code, self.file, where, **params))

    @contextmanager
    def progress(self, sheet: str, rows: Any) -> Iterator[Callable[[int], None] | None]:
        """A progress bar on stderr while a large roster is read, if stderr is a terminal."""
        total = getattr(rows, "total_rows", 0)
        if total < PROGRESS_ROWS or not sys.stderr.isatty():
            yield None
            return
        from rich.console import Console
        from rich.progress import Progress

        with Progress(console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task(sheet, total=total)
            yield lambda done: bar.update(task, completed=done)

    def warn(self, code: str, where: str | None = None, **params: object) -> None:
        self.problems.append(warning(code, self.file, where, **params))

    def finish(self) -> WorkbookData:
        if not self.layouts:
            self.error("no-data-sheet", sheets=", ".join(self.sheets_seen) or "-")
        self._add_derived()
        raise_if_errors(self.problems)
        ordered = sorted(self.observations.values(), key=lambda o: (o.indicator, o.year))
        return WorkbookData(self.file, tuple(ordered), tuple(self.problems), self.layouts)

    # -- layout detection ---------------------------------------------------------------

    def read_sheet(self, sheet: str, rows: Iterator[list[Cell]]) -> None:
        self.sheets_seen.append(sheet)
        first_rows: list[list[Cell]] = []
        for row in rows:
            first_rows.append(row)
            roster_columns = roster.roster_header(sheet, row)
            if roster_columns is not None:
                self.layouts[sheet] = "roster"
                with self.progress(sheet, rows) as progress:
                    problems = roster.read_roster(self.file, sheet, roster_columns, rows,
                                                  self.roster, progress)
                self.problems.extend(problems)
                return
            header = self._header(sheet, row)
            if header is not None:
                layout, columns, units = header
                self.layouts[sheet] = layout
                self.sheet_percent_cells = self.percent_cells(sheet)
                if layout == "long":
                    self._read_long(sheet, columns, units, rows)
                else:
                    self._read_wide(sheet, columns, rows)
                return
            if len(first_rows) >= HEADER_SEARCH_ROWS:
                break
        if first_rows and normalise_label(sheet) not in PROSE_SHEETS:
            header_text = " | ".join(display(c.value) for c in first_rows[0])
            self.warn("sheet-skipped", sheet=sheet, header=header_text)

    def _header(
        self, sheet: str, row: list[Cell]
    ) -> tuple[Layout, dict[Any, int], dict[int, HeaderUnit]] | None:
        """The layout, column map and header units if `row` is a header row, else None.

        Long: {'indicator': col, 'year': col, 'value': col, …}. Wide: {'indicator': col,
        2021: col, 2022: col, …, 'unit': col?}. Unrecognised and repeated columns are warned
        about once the row is known to be a header.
        """
        columns: dict[Any, int] = {}
        units: dict[int, HeaderUnit] = {}
        unrecognised: list[Cell] = []
        repeated: list[tuple[Cell, Any]] = []
        for cell in row:
            key: Any
            key, unit = header_role(cell.value)
            if key is None:
                try:
                    key = parse_year(cell.value)
                except CellError:
                    unrecognised.append(cell)
                    continue
            if key in columns:
                repeated.append((cell, key))
                continue
            columns[key] = cell.column
            if unit is not None:
                units[cell.column] = HeaderUnit(unit, cell_ref(sheet, cell.row, cell.column))
        years = [key for key in columns if isinstance(key, int)]
        layout: Layout
        if {"indicator", "year", "value"} <= columns.keys():
            layout = "long"
        elif "indicator" in columns and years and columns["indicator"] == row[0].column:
            layout = "wide"
        else:
            return None
        for cell in unrecognised:
            self.warn("column-ignored", cell_ref(sheet, cell.row, cell.column),
                      header=display(cell.value))
        for cell, key in repeated:
            self.warn("duplicate-column", cell_ref(sheet, cell.row, cell.column),
                      header=display(cell.value), other=cell_ref(sheet, cell.row, columns[key]))
        return layout, columns, units

    # -- rows ---------------------------------------------------------------------------

    def _read_long(
        self,
        sheet: str,
        columns: dict[Any, int],
        units: dict[int, HeaderUnit],
        rows: Iterator[list[Cell]],
    ) -> None:
        value_unit = units.get(columns["value"])
        for row in rows:
            by_column = {cell.column: cell for cell in row}
            label = by_column.get(columns["indicator"])
            year = by_column.get(columns["year"])
            value = by_column.get(columns["value"])
            if value is None or is_blank(value.value):
                continue  # a blank value is a figure not (yet) reported
            if label is None or is_blank(label.value):
                self.error("missing-indicator", cell_ref(sheet, value.row, columns["indicator"]))
                continue
            if year is None or is_blank(year.value):
                self.error("missing-year", cell_ref(sheet, value.row, columns["year"]))
                continue
            self._observe(sheet, label, year.value, cell_ref(sheet, year.row, year.column),
                          value, by_column, columns, value_unit)

    def _read_wide(self, sheet: str, columns: dict[Any, int], rows: Iterator[list[Cell]]) -> None:
        year_columns = {col: year for year, col in columns.items() if isinstance(year, int)}
        for row in rows:
            by_column = {cell.column: cell for cell in row}
            label = by_column.get(columns["indicator"])
            figures = [c for c in row if c.column in year_columns and not is_blank(c.value)]
            if not figures:
                continue
            if label is None or is_blank(label.value):
                self.error("missing-indicator",
                           cell_ref(sheet, figures[0].row, columns["indicator"]))
                continue
            for cell in figures:
                self._observe(sheet, label, year_columns[cell.column], None, cell, by_column,
                              columns, None)

    def _observe(
        self,
        sheet: str,
        label: Cell,
        year_value: Any,
        year_where: str | None,
        value: Cell,
        by_column: dict[int, Cell],
        columns: dict[Any, int],
        header_unit: HeaderUnit | None,
    ) -> None:
        label_where = cell_ref(sheet, label.row, label.column)
        value_where = cell_ref(sheet, value.row, value.column)
        indicator_id, label_unit = self._indicator(label, label_where)
        try:
            year = parse_year(year_value)
        except CellError as exc:
            self.error(exc.code, year_where or value_where, found=display(exc.found),
                       low=YEAR_MIN, high=YEAR_MAX)
            year = None
        try:
            number_format = (
                "0%" if (value.row, value.column) in self.sheet_percent_cells
                else value.number_format
            )
            parsed = parse_figure_cell(value.value, number_format)
        except CellError as exc:
            self.error(exc.code, value_where, found=display(exc.found))
            return
        if indicator_id is None or year is None:
            return
        indicator = self.registry.indicators[indicator_id]
        unit_cell = by_column.get(columns.get("unit", -1))
        if parsed.unit is not None:
            unit, unit_where = parsed.unit, value_where
        elif unit_cell is not None and not is_blank(unit_cell.value):
            unit = str(unit_cell.value)
            unit_where = cell_ref(sheet, unit_cell.row, unit_cell.column)
        elif label_unit is not None:
            unit, unit_where = label_unit, label_where
        elif header_unit is not None:
            unit, unit_where = header_unit.unit, header_unit.where
        else:
            unit, unit_where = None, None
        figure = self._in_indicator_unit(parsed.figure, unit, unit_where, value, indicator,
                                         indicator_id)
        if figure is None:
            return
        text = {}
        for role in ("source", "note"):
            cell = by_column.get(columns.get(role, -1))
            if cell is not None and not is_blank(cell.value):
                text["source_note" if role == "source" else role] = normalise_text(
                    str(cell.value)
                )
        try:
            observation = Observation.model_validate(
                Observation.of(figure, indicator=indicator_id, year=year, where=value_where,
                               unit=normalise_text(unit) if unit else None, **text),
                context={"indicators": self.registry.indicators},
            )
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                code = err["type"] if err["type"] in PROBLEM_MESSAGES else "bad-number"
                self.error(code, value_where, found=display(value.value), indicator=indicator_id,
                           hint="")
            return
        self._add(observation)

    def _in_indicator_unit(
        self,
        figure: Figure,
        unit: str | None,
        unit_where: str | None,
        value: Cell,
        indicator: Indicator,
        indicator_id: str,
    ) -> Figure | None:
        """The figure converted from the unit it was given in; None (and a problem) if it can't."""
        if unit is None:
            return figure
        if normalise_text(unit) == "%" and indicator.unit != "%":
            self.error("unexpected-percent", unit_where, found=display(value.value),
                       indicator=indicator_id, unit=indicator.unit)
            return None
        try:
            scale = factor(unit, indicator.unit, indicator.unit_en)
        except UnitError as exc:
            self.error(exc.code, unit_where, found=display(unit), indicator=indicator_id,
                       expected=indicator.unit)
            return None
        return figure if scale == Decimal(1) else figure.scaled(scale)

    def _indicator(self, label: Cell, where: str) -> tuple[str | None, str | None]:
        """The indicator a row label names, and the unit written with it ('总收入（万元）')."""
        text = str(label.value)
        ids, unit = self.registry.lookup(text), None
        if not ids:
            name, unit = split_header(text)
            ids = self.registry.lookup(name) if unit is not None else ()
        if len(ids) == 1:
            return ids[0], unit
        if ids:
            self.error("ambiguous-indicator", where, found=display(text),
                       candidates=", ".join(ids))
        else:
            self.error("unknown-indicator", where, found=display(text), hint="")
        return None, None

    def _add(self, observation: Observation) -> None:
        key = (observation.indicator, observation.year)
        first = self.observations.get(key)
        if first is None:
            self.observations[key] = observation
        elif first.figure() == observation.figure():
            self.warn("duplicate-same", observation.where, indicator=observation.indicator,
                      year=observation.year, other=first.where)
        else:
            self.error("duplicate-conflict", observation.where, indicator=observation.indicator,
                       year=observation.year, value=display(observation.value),
                       other_value=display(first.value), other=first.where)

    def _add_derived(self) -> None:
        """Roster figures fill what the workbook does not report; a disagreement is a warning."""
        for derived in self.roster.derive(self.registry.indicators):
            key = (derived.indicator, derived.year)
            reported = self.observations.get(key)
            if reported is not None:
                if not agree(reported.figure(), derived.figure):
                    self.warn("roster-conflict", reported.where, indicator=derived.indicator,
                              year=derived.year, reported=_shown(reported.figure()),
                              derived=_shown(derived.figure), roster=derived.where)
                continue
            self.observations[key] = Observation.model_validate(
                Observation.of(derived.figure, indicator=derived.indicator, year=derived.year,
                               where=derived.where, origin="roster"),
                context={"indicators": self.registry.indicators},
            )
