"""The guard's close look at one worksheet: every cell, streamed through the guarded XML parser.

Positions are worked out as python-calamine works them out: from a cell's `r` attribute, else
one column right of the cell before it in its row (rows from their `r`, else one below the row
before). For every cell that holds a value it records the used rectangle and the number of
cells (for the sparse-sheet rule), Excel error values (t="e"), shared-string indices that are
not whole numbers, date-formatted serials past 9999-12-31, references past Excel's limits, and
the cells formatted as percentages or to show a date's year alone; formula cells go to
`formula_scan.Formulas`.

Run on every small sheet, and on a large one only when the byte-level pass (`sheet_bytes`)
finds a reason to look closer: a per-cell callback costs far more than the byte searches.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from railkpi.read.cells import cell_ref
from railkpi.read.guard.formula_scan import Formulas
from railkpi.read.guard.package import CELL, COLUMN, FORMULA, INLINE, ROW, VALUE
from railkpi.read.guard.references import (
    MAX_COLUMNS,
    MAX_ROWS,
    letters_of,
    parse_reference,
)
from railkpi.read.guard.styles import StyleKinds
from railkpi.read.guard.xml_parsing import Handler

#: Findings of one kind listed one by one per sheet; the rest are counted.
MAX_LISTED = 20
#: Characters of a cell's value kept to judge it (a value is a number, an index or an error).
VALUE_CHARS = 64
#: Cell types whose empty value is no value (python-calamine's Empty).
EMPTY_WHEN_BLANK = frozenset({"n", "s", "b", "e"})

Item = TypeVar("Item")
#: How XML writes a true boolean attribute.
_TRUE = ("1", "true")


@dataclass
class Listed(Generic[Item]):
    """Findings of one kind: the first MAX_LISTED kept, all of them counted."""

    items: list[Item] = field(default_factory=list)
    count: int = 0

    def add(self, item: Item) -> None:
        self.count += 1
        if len(self.items) < MAX_LISTED:
            self.items.append(item)


@dataclass
class SheetScan:
    """What the close look found in one sheet. The rectangle is that of the cells with a value
    (top, left, bottom, right; 0 when there is none)."""

    sheet: str
    cells: int = 0
    top: int = 0
    left: int = 0
    bottom: int = 0
    right: int = 0
    percent: set[tuple[int, int]] = field(default_factory=set)
    scaled: set[tuple[int, int]] = field(default_factory=set)  # #,##0, and 0!.0000"万"
    #: Cells whose format shows a date's year alone (`yyyy"年"`), with the format.
    years: dict[tuple[int, int], str] = field(default_factory=dict)
    errors: Listed[tuple[str, str]] = field(default_factory=Listed)  # (cell, error value)
    references: Listed[str] = field(default_factory=Listed)  # references past the limits
    strings: Listed[tuple[str, str]] = field(default_factory=Listed)  # (cell, bad index)
    dates: Listed[tuple[str, str]] = field(default_factory=Listed)  # (cell, serial)
    #: Hidden rows, and hidden columns (first, last); those of them holding a value.
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: list[tuple[int, int]] = field(default_factory=list)
    hidden_rows_used: set[int] = field(default_factory=set)
    hidden_columns_used: set[int] = field(default_factory=set)
    #: The cells that set the rectangle's bottom and its right edge (a stray cell, perhaps).
    lowest: tuple[int, int] = (0, 0)
    rightmost: tuple[int, int] = (0, 0)

    @property
    def box(self) -> int:
        return (self.bottom - self.top + 1) * (self.right - self.left + 1) if self.cells else 0

    def include(self, row: int, column: int) -> None:
        if row in self.hidden_rows:
            self.hidden_rows_used.add(row)
        if self.hidden_columns and any(first <= column <= last
                                       for first, last in self.hidden_columns):
            self.hidden_columns_used.add(column)
        if not self.cells:
            self.top, self.left, self.bottom, self.right = row, column, row, column
            self.lowest = self.rightmost = (row, column)
        else:
            self.top, self.left = min(self.top, row), min(self.left, column)
            if row > self.bottom:
                self.bottom, self.lowest = row, (row, column)
            if column > self.right:
                self.right, self.rightmost = column, (row, column)
        self.cells += 1


class CellScanner(Handler):
    """Every cell of one worksheet, streamed (see the module's docstring)."""

    def __init__(self, scan: SheetScan, formulas: Formulas, styles: StyleKinds,
                 last_serial: int) -> None:
        self.scan = scan
        self.formulas = formulas
        self.styles = styles
        self.last_serial = last_serial
        self.row = 0
        self.column = 0
        self.reference: str | None = None  # the cell's r, when past Excel's limits
        self.style: str | None = None
        self.cell_type = "n"
        self.formula: list[str] | None = None
        self.value: list[str] | None = None
        self.inline = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name in CELL:
            self._begin_cell(attrs)
        elif name in ROW:
            number = attrs.get("r")
            self.row = int(number) if number is not None and number.isdigit() else self.row + 1
            self.column = 0
            if attrs.get("hidden") in _TRUE:
                self.scan.hidden_rows.add(self.row)
        elif name in COLUMN:
            self._column_range(attrs)
        elif name in FORMULA:
            self.formula = []
            self._collect(self._formula_text)
        elif name in VALUE:
            self.value = []
            self._collect(self._value_text)
        elif name in INLINE:
            self.inline = True

    def _column_range(self, attrs: dict[str, str]) -> None:
        """A <col min= max= hidden=> element: the range of hidden columns."""
        first, last = attrs.get("min", ""), attrs.get("max", "")
        if attrs.get("hidden") in _TRUE and first.isdigit() and last.isdigit():
            self.scan.hidden_columns.append((int(first), min(int(last), MAX_COLUMNS)))

    def end(self, name: str) -> None:
        if name in FORMULA or name in VALUE:
            self._collect(None)
        elif name in CELL:
            self._end_cell()

    def _begin_cell(self, attrs: dict[str, str]) -> None:
        text = attrs.get("r")
        self.reference = None
        if text is None:  # placed after the cell before it, in its row
            self.column += 1
            if not (1 <= self.row <= MAX_ROWS and self.column <= MAX_COLUMNS):
                self.reference = f"{letters_of(self.column)}{self.row}"[:VALUE_CHARS]
        else:
            reference = parse_reference(text)
            if reference is None:  # no reader can place it: refused whatever it holds
                self.column += 1
                self.scan.references.add(text[:VALUE_CHARS])
            else:
                self.row, self.column = reference.row, reference.column
                if not reference.within_limits:
                    self.reference = text[:VALUE_CHARS]
        self.style = attrs.get("s")
        self.cell_type = attrs.get("t", "n")
        self.formula = self.value = None
        self.inline = False

    def _collect(self, handler: Callable[[str], None] | None) -> None:
        if self.parser is not None:
            self.parser.CharacterDataHandler = handler

    def _formula_text(self, text: str) -> None:
        if self.formula is not None and len(self.formula) < 64:
            self.formula.append(text)

    def _value_text(self, text: str) -> None:
        if self.value is not None and len(self.value) < VALUE_CHARS:
            self.value.append(text)

    def _where(self) -> str:
        return cell_ref(self.scan.sheet, self.row, self.column)

    def _end_cell(self) -> None:
        text = None if self.value is None else "".join(self.value)[:VALUE_CHARS]
        kind = self.cell_type
        if self.formula is not None:
            has_value = bool(text and text.strip()) or self.inline or (
                text is not None and kind == "str")
            self.formulas.record(self.scan.sheet, self._where(), self.formula, has_value)
        if not (self.inline or (text is not None and (text or kind not in EMPTY_WHEN_BLANK))):
            return  # no value: a reader skips the cell
        if self.reference is not None:
            self.scan.references.add(self.reference)
            return
        self.scan.include(self.row, self.column)
        assert text is not None or self.inline
        if kind == "e":
            self.scan.errors.add((self._where(), (text or "").strip()))
        elif kind == "s" and not (text and text.isascii() and text.isdigit()):
            self.scan.strings.add((self._where(), text or ""))
        elif kind == "n" and self.style is not None:
            self._numeric_style(text or "")

    def _numeric_style(self, text: str) -> None:
        if self.style in self.styles.scaled:
            self.scan.scaled.add((self.row, self.column))
        year_format = self.styles.years.get(self.style or "")
        if year_format is not None:
            self.scan.years[(self.row, self.column)] = year_format
        if self.style in self.styles.percent:
            self.scan.percent.add((self.row, self.column))
        elif self.style in self.styles.date:
            try:
                serial = float(text)
            except ValueError:
                return  # not a number: the reader reports the damaged cell
            if not math.isfinite(serial) or serial >= self.last_serial + 1:
                self.scan.dates.add((self._where(), text.strip()))
