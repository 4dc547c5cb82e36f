"""Cell references as a sheet's XML writes them (`r="XFD1048576"`), Excel's limits, and the
memory a reader needs for a sheet's used rectangle.

python-calamine reads a sheet into one dense rectangle, from the first to the last cell that
holds a value, 32 bytes a slot: a valid 2 KB workbook with one value at XFD1048576 asks for
half a terabyte and aborts the process. `allowed_box` is the largest rectangle railkpi lets a
reader allocate for a sheet; the guard refuses a sheet whose rectangle is larger
(`sheet-too-sparse`) before any reader sees it.
"""

from __future__ import annotations

import re

from railkpi.records import record

#: Excel's limits: the last cell of a sheet is XFD1048576.
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
#: A rectangle of up to this many cells is always allowed: 128 MiB at 32 bytes a cell.
BOX_FLOOR = 1 << 22
#: …and one of up to this many slots per cell that holds a value (a sheet at least 1/8 full)…
CELLS_FACTOR = 8
#: …and one taking at most twice the memory of the sheet's own XML (32 bytes a slot).
BYTES_PER_SLOT = 16

#: What a reader accepts as a cell reference: letters then digits. Excel writes upper case;
#: python-calamine also reads lower case, so the guard does too.
_REFERENCE = re.compile(r"([A-Za-z]+)(\d+)")


@record
class Reference:
    """A cell reference read from a sheet: None where it is not one."""

    row: int
    column: int

    @property
    def within_limits(self) -> bool:
        return 1 <= self.row <= MAX_ROWS and 1 <= self.column <= MAX_COLUMNS


def column_number(letters: str) -> int:
    """'A' → 1, 'Z' → 26, 'AA' → 27, 'XFD' → 16384 (case does not matter)."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def parse_reference(text: str) -> Reference | None:
    """'C7' → Reference(7, 3); None for anything that is not letters then digits. Long
    references are kept whole, so that 'ZZZZZZ3' or 'A99999999999999999999' is out of limits
    rather than wrapped round as a 32-bit reader would."""
    match = _REFERENCE.fullmatch(text)
    if match is None:
        return None
    letters, digits = match.groups()
    if len(letters) > 7 or len(digits) > 12:  # far past any limit: no need to compute it
        return Reference(MAX_ROWS + 1, MAX_COLUMNS + 1)
    return Reference(int(digits), column_number(letters))


def allowed_box(cells: int, part_size: int) -> int:
    """The largest used rectangle (rows × columns) a reader may allocate for a sheet with
    `cells` cells holding values and `part_size` bytes of XML."""
    return max(BOX_FLOOR, CELLS_FACTOR * cells, part_size // BYTES_PER_SLOT)


# -- regular expressions that match references up to a limit -----------------------------------


def numbers_up_to(limit: int) -> str:
    """A pattern matching the decimal numbers 1 … limit written without leading zeros."""
    digits = str(limit)
    options = [f"[1-9]\\d{{0,{len(digits) - 2}}}"] if len(digits) > 1 else []
    for position, digit in enumerate(digits):
        rest = len(digits) - position - 1
        low = "1" if position == 0 else "0"
        if int(digit) > int(low):
            top = str(int(digit) - 1)
            options.append(f"{digits[:position]}[{low}-{top}]\\d{{{rest}}}")
    options.append(digits)
    return "(?:" + "|".join(options) + ")"


def letters_of(column: int) -> str:
    """1 → 'A', 27 → 'AA', 16384 → 'XFD'."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def columns_up_to(limit: int) -> str:
    """A pattern matching the column letters A … letters_of(limit), upper case."""
    top = letters_of(limit)
    options = []
    for width in range(1, len(top)):
        options.append(f"[A-Z]{{{width}}}")
    for position, letter in enumerate(top):
        rest = len(top) - position - 1
        if letter > "A":
            options.append(f"{top[:position]}[A-{chr(ord(letter) - 1)}][A-Z]{{{rest}}}")
    options.append(top)
    return "(?:" + "|".join(options) + ")"
