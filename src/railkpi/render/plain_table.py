"""A terminal table laid out without rich, for the listings (`plans`, `targets`): the look of
the other tables (rich's SIMPLE_HEAD without an outer edge) — a header row in bold, a rule of
─ under it, two cells between columns, no trailing spaces.

Columns that do not wrap (ids, years, targets, figures) keep their natural width. The columns
that wrap share what is left in proportion to their natural width, none narrower than FLOOR
(or its natural width) nor wider than its natural width, the cells left over going to the
columns still short of theirs; their text is wrapped by table_fit.wrap. A table whose columns
cannot all have that much, or a width under table_fit.BLOCK_BELOW, has no layout: the caller
prints blocks instead, as the assessment's table does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from railkpi.records import record
from railkpi.render.cells import cell_len
from railkpi.render.table_fit import BLOCK_BELOW, GAP, NAME_FLOOR, wrap

#: A wrapping column is not made narrower than this (its natural width, if less).
FLOOR = NAME_FLOOR
RULE = "─"


@record
class Column:
    heading: str
    #: Right-aligned (numbers, targets), else left-aligned.
    right: bool = False
    #: Wrapped to its share of the width, else never wrapped.
    wraps: bool = False


def column_widths(columns: Sequence[Column], rows: Sequence[Sequence[str]],
                  width: int) -> list[int] | None:
    """Each column's width at `width` cells, or None when the table does not fit."""
    natural = [max([_widest(column.heading), *(_widest(row[i]) for row in rows)])
               for i, column in enumerate(columns)]
    wrapping = [i for i, column in enumerate(columns) if column.wraps]
    fixed = sum(natural[i] for i in range(len(columns)) if i not in wrapping)
    room = width - fixed - GAP * (len(columns) - 1)
    floors = [min(natural[i], FLOOR) for i in wrapping]
    if width < BLOCK_BELOW or room < sum(floors):
        return None
    shares = share([natural[i] for i in wrapping], floors, room)
    widths = list(natural)
    for i, shared in zip(wrapping, shares, strict=True):
        widths[i] = shared
    return widths


def share(naturals: Sequence[int], floors: Sequence[int], room: int) -> list[int]:
    """Widths for columns of `naturals` cells in `room` cells (at least the sum of `floors`):
    their natural widths when they fit, else in proportion to them, each between its floor
    and its natural width; the cells the rounding leaves go to the widest first."""
    if sum(naturals) <= room:
        return list(naturals)

    def at(scale: float) -> list[int]:
        return [min(n, max(f, int(scale * n))) for n, f in zip(naturals, floors, strict=True)]

    low, high = 0.0, 1.0
    for _ in range(40):  # the largest scale whose widths fit
        middle = (low + high) / 2
        low, high = (middle, high) if sum(at(middle)) <= room else (low, middle)
    widths = at(low)
    order = sorted(range(len(widths)), key=lambda i: -naturals[i])
    spare = room - sum(widths)
    while spare > 0 and any(widths[i] < naturals[i] for i in order):
        for i in order:
            if spare and widths[i] < naturals[i]:
                widths[i] += 1
                spare -= 1
    return widths


def table_lines(columns: Sequence[Column], rows: Sequence[Sequence[str]],
                widths: Sequence[int], bold: Callable[[str], str]) -> list[str]:
    """The header (each heading through `bold`), the rule, then each row, its cells' lines
    side by side, top-aligned."""
    head = _row_lines(columns, [c.heading for c in columns], widths, bold)
    rule = RULE * (sum(widths) + GAP * (len(widths) - 1))
    return [*head, rule, *(line for row in rows
                          for line in _row_lines(columns, row, widths, _plain))]


def cell_lines(text: str, width: int, wraps: bool) -> list[str]:
    """A cell's lines: each line of its text wrapped to `width` if the column wraps."""
    parts = text.split("\n")
    if not wraps:
        return parts
    return [line for part in parts for line in wrap(part, width)]


def _row_lines(columns: Sequence[Column], cells: Sequence[str], widths: Sequence[int],
               style: Callable[[str], str]) -> list[str]:
    stacked = [cell_lines(text, width, column.wraps)
               for column, text, width in zip(columns, cells, widths, strict=True)]
    height = max(len(lines) for lines in stacked)
    rows: list[str] = []
    for number in range(height):
        pieces = []
        for column, lines, width in zip(columns, stacked, widths, strict=True):
            text = lines[number] if number < len(lines) else ""
            pad = " " * (width - cell_len(text))
            pieces.append(pad + style(text) if column.right else style(text) + pad)
        rows.append((" " * GAP).join(pieces).rstrip(" "))
    return rows


def _widest(text: str) -> int:
    return max(cell_len(line) for line in text.split("\n"))


def _plain(text: str) -> str:
    return text
