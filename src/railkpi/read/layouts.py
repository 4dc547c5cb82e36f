"""Data sheets in the long layout (indicator | year | value …, a row per figure) or the wide one
(indicator | 2021 | 2022 …, a row per indicator): the header row recognised, then every figure
read with its cell, in the indicator's unit, as an Observation."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from pydantic import ValidationError

from railkpi.figures import Figure
from railkpi.messages.problems import PROBLEM_MESSAGES
from railkpi.plans.labels import normalise_label
from railkpi.plans.models import YEAR_MAX, YEAR_MIN, Indicator
from railkpi.plans.registry import IndicatorRegistry
from railkpi.problems import Problem, error, warning
from railkpi.read.cells import (
    Cell,
    CellError,
    cell_ref,
    display,
    is_blank,
    normalise_text,
    parse_figure_cell,
    parse_year,
)
from railkpi.read.observation import Observation
from railkpi.read.units import UnitError, factor, split_header

DataLayout = Literal["long", "wide"]

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


@dataclass(frozen=True)
class HeaderUnit:
    unit: str
    where: str


@dataclass(frozen=True)
class DataHeader:
    """A recognised header row. Long: {'indicator': col, 'year': col, 'value': col, …}. Wide:
    {'indicator': col, 2021: col, 2022: col, …, 'unit': col?}. `warnings` name unrecognised
    and repeated columns."""

    layout: DataLayout
    columns: dict[Any, int]
    units: dict[int, HeaderUnit]
    warnings: tuple[Problem, ...]


def header_role(value: Any) -> tuple[str | None, str | None]:
    """(role, unit) of a header cell: '数值（万元）' → ('value', '万元')."""
    if not isinstance(value, str):
        return None, None
    label, unit = split_header(value)
    role = next((r for r, names in HEADERS.items() if normalise_label(label) in names), None)
    return role, unit


def data_header(file: str, sheet: str, row: list[Cell]) -> DataHeader | None:
    """The header if `row` is a long or wide header row, else None. Unrecognised and repeated
    columns are warned about once the row is known to be a header."""
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
    layout: DataLayout
    if {"indicator", "year", "value"} <= columns.keys():
        layout = "long"
    elif "indicator" in columns and years and columns["indicator"] == row[0].column:
        layout = "wide"
    else:
        return None
    warnings = [warning("column-ignored", file, cell_ref(sheet, cell.row, cell.column),
                        header=display(cell.value)) for cell in unrecognised]
    warnings += [warning("duplicate-column", file, cell_ref(sheet, cell.row, cell.column),
                         header=display(cell.value),
                         other=cell_ref(sheet, cell.row, columns[key]))
                 for cell, key in repeated]
    return DataHeader(layout, columns, units, tuple(warnings))


@dataclass(frozen=True)
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

    `percent_cells` are the cells formatted as percentages, for readers whose cells carry no
    number format (python-calamine).
    """

    def __init__(self, file: str, sheet: str, registry: IndicatorRegistry,
                 percent_cells: frozenset[tuple[int, int]], problems: list[Problem],
                 add: Callable[[Observation], None]) -> None:
        self.file = file
        self.sheet = sheet
        self.registry = registry
        self.percent_cells = percent_cells
        self.problems = problems
        self.add = add

    def error(self, code: str, where: str | None = None, **params: object) -> None:
        self.problems.append(error(code, self.file, where, **params))

    def ref(self, row: int, column: int) -> str:
        return cell_ref(self.sheet, row, column)

    def read(self, header: DataHeader, rows: Iterator[list[Cell]]) -> None:
        if header.layout == "long":
            self.read_long(header.columns, header.units, rows)
        else:
            self.read_wide(header.columns, rows)

    def read_long(self, columns: dict[Any, int], units: dict[int, HeaderUnit],
                  rows: Iterator[list[Cell]]) -> None:
        value_unit = units.get(columns["value"])
        for row in rows:
            by_column = {cell.column: cell for cell in row}
            label = by_column.get(columns["indicator"])
            year = by_column.get(columns["year"])
            value = by_column.get(columns["value"])
            if value is None or is_blank(value.value):
                continue  # a blank value is a figure not (yet) reported
            if label is None or is_blank(label.value):
                self.error("missing-indicator", self.ref(value.row, columns["indicator"]))
                continue
            if year is None or is_blank(year.value):
                self.error("missing-year", self.ref(value.row, columns["year"]))
                continue
            self.observe(label, year.value, self.ref(year.row, year.column), value, by_column,
                         columns, value_unit)

    def read_wide(self, columns: dict[Any, int], rows: Iterator[list[Cell]]) -> None:
        year_columns = {col: year for year, col in columns.items() if isinstance(year, int)}
        for row in rows:
            by_column = {cell.column: cell for cell in row}
            label = by_column.get(columns["indicator"])
            figures = [c for c in row if c.column in year_columns and not is_blank(c.value)]
            if not figures:
                continue
            if label is None or is_blank(label.value):
                self.error("missing-indicator", self.ref(figures[0].row, columns["indicator"]))
                continue
            for cell in figures:
                self.observe(label, year_columns[cell.column], None, cell, by_column, columns,
                             None)

    def observe(self, label: Cell, year_value: Any, year_where: str | None, value: Cell,
                by_column: dict[int, Cell], columns: dict[Any, int],
                header_unit: HeaderUnit | None) -> None:
        """One figure of a row: its indicator, year, number and unit, each checked."""
        given = self._given(label, year_value, year_where, value, by_column, columns,
                            header_unit)
        if given is None:
            return
        indicator = self.registry.indicators[given.indicator_id]
        figure = self._in_indicator_unit(given, indicator)
        if figure is not None:
            self._validated(given, figure, by_column, columns)

    def _given(self, label: Cell, year_value: Any, year_where: str | None, value: Cell,
               by_column: dict[int, Cell], columns: dict[Any, int],
               header_unit: HeaderUnit | None) -> _Given | None:
        """What the row says, reported in the order a reader meets it: indicator, year, value."""
        label_where = self.ref(label.row, label.column)
        value_where = self.ref(value.row, value.column)
        indicator_id, label_unit = self._indicator(label, label_where)
        try:
            year: int | None = parse_year(year_value)
        except CellError as exc:
            self.error(exc.code, year_where or value_where, found=display(exc.found),
                       low=YEAR_MIN, high=YEAR_MAX)
            year = None
        try:
            number_format = (
                "0%" if (value.row, value.column) in self.percent_cells else value.number_format
            )
            parsed = parse_figure_cell(value.value, number_format)
        except CellError as exc:
            self.error(exc.code, value_where, found=display(exc.found))
            return None
        if indicator_id is None or year is None:
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
        else:
            unit, unit_where = None, None
        return _Given(indicator_id, year, value, parsed.figure, unit, unit_where)

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
