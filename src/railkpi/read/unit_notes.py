"""A table's unit given in a note rather than in a column: yearbook tables print "单位：万元"
(or "（单位：万元）" at the end of the title, "Unit: 10k CNY") in a row above the header, and
the figures below carry no unit of their own. Read as bare numbers they would be taken in the
indicator's unit — 28,037,000 万元 as 28,037,000 亿元, ten thousand times too much — so the
note is the unit of every figure of the table that has none of its own (in the cell, a unit
column, the row label or a header), and a unit note where railkpi cannot tell which table it
is for (below the last table) is an error.

A row is a note only if it holds no number: a figure's own note column saying "单位：万元" is
a note about that figure, not about the table.
"""

from __future__ import annotations

import re

from railkpi.read.cells import Cell, CellError, cell_ref, parse_figure_cell
from railkpi.read.units import canonical
from railkpi.records import record

#: "单位：万元", "金额单位:亿元", "单位为万元", "（单位：万元）", "Unit: 10k CNY", "units: yuan".
#: 单位 after another Chinese word is an organisation (填报单位：丰台区统计局), except after a
#: word that makes it a unit of measure (计量单位, 金额单位).
_NOTE = re.compile(
    r"(?:(?:(?<![\u4e00-\u9fff])|(?<=计量)|(?<=金额)|(?<=货币)|(?<=价值)|(?<=数值))"
    r"单\s*位\s*(?:[:：]|为|是)|\bunits?\s*[:：])\s*(?P<unit>[^\s)）\]】,，;；。]+"
    r"(?:\s+[A-Za-z][^\s)）\]】,，;；。]*)*)",
    re.IGNORECASE,
)
#: Money words: a note naming money in a unit railkpi does not know is still a unit note (and
#: an error where it is used); one naming neither is not a note of units.
_MONEY_WORD = re.compile(r"元|yuan|cny|rmb", re.IGNORECASE)


@record
class HeaderUnit:
    """A unit given for a whole column or table, and the cell that gives it."""

    unit: str
    where: str


def note_unit(text: str) -> str | None:
    """The unit a note states: '（单位：万元）' → '万元'; None if the text states none."""
    if "位" not in text and "nit" not in text.casefold():
        return None
    for match in _NOTE.finditer(text):
        unit = match.group("unit").strip()
        if canonical(unit) is not None or _MONEY_WORD.search(unit):
            return unit
    return None


def unit_note(sheet: str, row: list[Cell]) -> HeaderUnit | None:
    """The unit a row of notes states (a title row, a note between tables), with its cell;
    None for a row holding a number, or stating no unit."""
    for cell in row:
        unit = note_unit(cell.value) if isinstance(cell.value, str) else None
        if unit is not None:
            if any(_is_figure(other.value) for other in row):
                return None
            return HeaderUnit(unit, cell_ref(sheet, cell.row, cell.column))
    return None


def disagreeing(notes: list[HeaderUnit]) -> list[tuple[HeaderUnit, HeaderUnit]]:
    """(note, the first note) for every note above one table that states another unit than
    the first: 单位：万元 and 单位：亿元 cannot both hold."""
    def unit(note: HeaderUnit) -> str:
        return canonical(note.unit) or note.unit
    return [(note, notes[0]) for note in notes[1:] if unit(note) != unit(notes[0])]


def _is_figure(value: object) -> bool:
    """A number, or text that is one with a known unit ('1234万元'); not a title that starts
    with a year ('2023年主要指标')."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return True
    if not isinstance(value, str):
        return False
    try:
        parsed = parse_figure_cell(value)
    except CellError:
        return False
    return parsed.unit is None or canonical(parsed.unit) is not None
