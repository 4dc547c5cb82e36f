"""The cells of a workbook's sheets, as the readers take them: python-calamine (the default, a
Rust reader) or openpyxl (kept to check the other against). Damage that a reader finds while
rows are iterated surfaces as DamagedSheet."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from railkpi.problems import raise_if_errors
from railkpi.read import guard as xlsx_guard
from railkpi.read.cells import Cell


class DamagedSheet(Exception):
    """A reader failed on a damaged part while rows were read; the cause is chained."""


def calamine_sheets(path: Path) -> Iterator[tuple[str, Iterator[list[Cell]]]]:
    from python_calamine import CalamineWorkbook, SheetTypeEnum  # only readers pay for it

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheets = [m.name for m in workbook.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
        for name in sheets:
            sheet = workbook.get_sheet_by_name(name)
            yield name, CalamineRows(sheet.start, sheet.height, sheet.iter_rows())
    except DamagedSheet:
        raise
    except Exception as exc:  # calamine raises its own types for a damaged file
        raise DamagedSheet(str(exc) or type(exc).__name__) from exc


class CalamineRows:
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



def openpyxl_sheets(path: Path) -> Iterator[tuple[str, Iterator[list[Cell]]]]:
    import openpyxl  # heavy: only the commands that read workbooks pay for it

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise_if_errors([xlsx_guard.reading_problem(exc, path.name)])
        raise AssertionError("unreachable") from exc
    try:
        for sheet in workbook.worksheets:
            # openpyxl's read-only sheets stop at the <dimension> the file states, which some
            # writers leave too small: figures past it would be dropped without a word.
            sheet.reset_dimensions()
            yield sheet.title, _rows(sheet.iter_rows())
    finally:
        workbook.close()



def _guarded(rows: Iterator[Sequence[Any]]) -> Iterator[Sequence[Any]]:
    """Readers parse a sheet lazily: damage surfaces while rows are iterated."""
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except Exception as exc:  # XML, zip and value errors of a damaged file
            raise DamagedSheet(str(exc) or type(exc).__name__) from exc
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

