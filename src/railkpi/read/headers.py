"""The header row of a data sheet: the long layout (indicator | year | value …) or the wide one
(indicator | 2021 | 2022 …), with Chinese or English headers, units in the headers
(数值（万元）) and the unit a note above the table states (单位：万元, see unit_notes)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from railkpi.plans.labels import normalise_label
from railkpi.problems import Problem, warning
from railkpi.read.cells import Cell, CellError, CellFormats, cell_ref, display, parse_year
from railkpi.read.unit_notes import HeaderUnit
from railkpi.read.units import split_header
from railkpi.records import record

DataLayout = Literal["long", "wide"]

HEADERS: dict[str, set[str]] = {
    "indicator": {"指标", "指标名称", "指标编号", "指标代码", "项目", "indicator", "indicatorid",
                  "indicatorname", "item"},
    "year": {"年份", "年度", "年", "year"},
    "value": {"数值", "值", "数据", "取值", "value"},
    "unit": {"单位", "计量单位", "unit"},
    "source": {"来源", "数据来源", "source"},
    "note": {"备注", "注释", "note", "notes", "remark", "remarks", "comment"},
    # Indicator names beside the id (as `railkpi template` writes them): for people, not read.
    "name_zh": {"中文名称", "中文名", "chinesename"},
    "name_en": {"英文名称", "英文名", "englishname"},
}


@record
class DataHeader:
    """A recognised header row. Long: {'indicator': col, 'year': col, 'value': col, …}. Wide:
    {'indicator': col, 2021: col, 2022: col, …, 'unit': col?}. `warnings` name unrecognised
    and repeated columns; `headed` are the columns with any header cell."""

    layout: DataLayout
    columns: dict[Any, int]
    units: dict[int, HeaderUnit]
    warnings: tuple[Problem, ...]
    headed: frozenset[int] = frozenset()
    #: The unit a note above the header states ("单位：万元"), for figures without their own.
    noted_unit: HeaderUnit | None = None
    #: The header's indicator cell (数据!A5), naming the table in messages.
    where: str = ""

    def table_unit(self, role: str | None) -> HeaderUnit | None:
        """The unit of a figure given in no cell, unit column or row label: the header of the
        column of `role`, else the indicator column's header (指标（万元）), else the note."""
        return (self.units.get(self.columns.get(role, -1))
                or self.units.get(self.columns["indicator"]) or self.noted_unit)


def header_role(value: Any) -> tuple[str | None, str | None]:
    """(role, unit) of a header cell: '数值（万元）' → ('value', '万元')."""
    if not isinstance(value, str):
        return None, None
    label, unit = split_header(value)
    role = next((r for r, names in HEADERS.items() if normalise_label(label) in names), None)
    return role, unit


def data_header(file: str, sheet: str, row: list[Cell],
                formats: Callable[[], CellFormats] = CellFormats) -> DataHeader | None:
    """The header if `row` is a long or wide header row, else None. Unrecognised and repeated
    columns are warned about once the row is known to be a header. `formats` gives the sheet's
    cell formats, asked for only in a row with an indicator header cell (a date formatted
    `yyyy` is the year it shows)."""
    columns: dict[Any, int] = {}
    units: dict[int, HeaderUnit] = {}
    unrecognised: list[Cell] = []
    repeated: list[tuple[Cell, Any]] = []
    roles = [(cell, *header_role(cell.value)) for cell in row]
    # A year left of the indicators is a stray cell, not a column (nor the first of two).
    indicator = next((cell.column for cell, role, _ in roles if role == "indicator"), 0)
    if not indicator:
        return None  # both layouts need an indicator column
    for cell, role, unit in roles:
        key: Any = role
        if key is None:
            try:
                key = parse_year(cell.value if isinstance(cell.value, str)
                                 else formats().year_value(cell))
            except CellError:
                unrecognised.append(cell)
                continue
            if cell.column < indicator:
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
        # A year column beside the year and value columns is not read: said, not dropped.
        unrecognised += [cell for cell in row if cell.column in
                         {columns[year] for year in years}]
    elif "indicator" in columns and years:
        layout = "wide"
    else:
        return None
    warnings = [warning("column-ignored", file, cell_ref(sheet, cell.row, cell.column),
                        header=display(cell.value)) for cell in unrecognised]
    warnings += [warning("duplicate-column", file, cell_ref(sheet, cell.row, cell.column),
                         header=display(cell.value),
                         other=cell_ref(sheet, cell.row, columns[key]))
                 for cell, key in repeated]
    return DataHeader(layout, columns, units, tuple(warnings),
                      frozenset(cell.column for cell in row),
                      where=cell_ref(sheet, row[0].row, columns["indicator"]))


def may_be_header(row: list[Cell]) -> bool:
    """Whether a row has an indicator header cell (指标, indicator, …): the quick test before
    data_header, for rows below a header (a second table's header)."""
    names = HEADERS["indicator"]
    return any(isinstance(cell.value, str) and normalise_label(split_header(cell.value)[0])
               in names for cell in row)
