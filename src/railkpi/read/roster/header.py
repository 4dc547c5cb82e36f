"""Recognising a roster's header row: which column holds the firm's name, year, revenue and
its unit, segment and flags."""

from __future__ import annotations

from dataclasses import field

from railkpi.plans.labels import normalise_label
from railkpi.read.cells import Cell, cell_ref, display
from railkpi.read.roster.vocabulary import QUIET_HEADERS, ROSTER_SHEETS, RosterWords
from railkpi.read.units import split_header
from railkpi.records import record


@record
class RosterColumns:
    """Column numbers of a recognised roster header, and the revenue unit and where it is."""

    name: int
    year: int | None  # None: a roster sheet without a year column (an error when read)
    revenue: int | None = None
    revenue_unit: str | None = None
    revenue_unit_where: str | None = None
    unit: int | None = None
    segment: int | None = None
    code: int | None = None  # the unified social credit code
    flags: dict[str, int] = field(default_factory=dict)
    flag_headers: dict[str, str] = field(default_factory=dict)  # as written, for messages
    header_row: int = 1
    revenue_label: str | None = None  # the revenue header without its unit, for messages
    ignored: tuple[tuple[str, str], ...] = ()  # (cell, header) of unrecognised columns
    repeated: tuple[tuple[str, str, str], ...] = ()  # (cell, header, first cell) of repeats


def roster_header(sheet: str, row: list[Cell], words: RosterWords) -> RosterColumns | None:
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
        role = words.role_of.get(key)
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
    others = columns.keys() - {"name", "unit", "code"}
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
        code=columns.get("code"),
        flags={role[5:]: col for role, col in columns.items() if role.startswith("flag:")},
        flag_headers={role[5:]: str(cell.value) for role, cell in headers.items()
                      if role.startswith("flag:")},
        header_row=row[0].row,
        revenue_label=revenue_label,
        ignored=tuple(ignored),
        repeated=tuple(repeated),
    )
