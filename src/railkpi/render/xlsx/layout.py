"""Sheet layout shared by every workbook railkpi writes: fonts, fills and borders, text and
number cells, banners and paragraphs, print setup, and the measure of text that sizes rows
and columns. openpyxl is imported inside the functions that use it."""

from __future__ import annotations

import math
import re
import unicodedata
from typing import TYPE_CHECKING, Any

from railkpi.messages import pick
from railkpi.messages.xlsx import XLSX

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

#: Status → (fill, font colour). Green achieved / on track, amber moderate, red off track /
#: regressing / not achieved, grey undetermined / no data; the status word is always written.
STATUS_COLOURS: dict[str, tuple[str, str]] = {
    "achieved": ("A9D08E", "1E4620"),
    "on_track": ("C6EFCE", "006100"),
    "moderate": ("FFEB9C", "9C5700"),
    "off_track": ("FFC7CE", "9C0006"),
    "regressing": ("FFC7CE", "9C0006"),
    "not_achieved": ("FFC7CE", "9C0006"),
    "undetermined": ("D9D9D9", "404040"),
    "no_data": ("D9D9D9", "404040"),
}

FONT = {"zh": "等线", "en": "Calibri"}
FONT_SIZE = 10
LINE_HEIGHT = 13.5  # points per line of 10-point text
HEADER_FILL = "DDEBF7"
BORDER_COLOUR = "A6A6A6"
DASH = "—"

_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def text_width(text: str) -> int:
    """Display width in character cells: CJK and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def line_units(text: str) -> float:
    """Width of 10-point text in column-width units (a Calibri 11 digit): a CJK character
    is about 1.9, Latin text about 0.8 a character on average."""
    return sum(1.9 if unicodedata.east_asian_width(ch) in "WF" else 0.8 for ch in text)


def line_count(text: str, width: float) -> int:
    """Lines a wrapped cell of 10-point text needs at a column width."""
    usable = max(1.0, width - 1.0)
    return sum(max(1, math.ceil(line_units(part) / usable)) for part in text.split("\n"))



class Styles:
    """The styles of one workbook (openpyxl imported here, at write time only)."""

    def __init__(self, lang: str) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        name = FONT[lang]
        self.font = Font(name=name, size=FONT_SIZE)
        self.bold = Font(name=name, size=FONT_SIZE, bold=True)
        self.title = Font(name=name, size=14, bold=True)
        self.heading = Font(name=name, size=12, bold=True)
        self.muted = Font(name=name, size=FONT_SIZE - 1, color="595959")
        self.header_fill = PatternFill("solid", fgColor="FF" + HEADER_FILL)
        side = Side(style="thin", color=BORDER_COLOUR)
        self.border = Border(left=side, right=side, top=side, bottom=side)
        #: The year assessed in the timeline sheet: a heavier outline at its sides.
        heavy = Side(style="medium", color="404040")
        self.current_border = Border(left=heavy, right=heavy, top=side, bottom=side)
        self.left = Alignment(horizontal="left", vertical="center", wrap_text=False)
        self.wrap = Alignment(horizontal="left", vertical="center", wrap_text=True)
        self.right = Alignment(horizontal="right", vertical="center")
        self.center = Alignment(horizontal="center", vertical="center")
        self.center_wrap = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.header = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.top_wrap = Alignment(horizontal="left", vertical="top", wrap_text=True)
        self.status_fill = {s: PatternFill("solid", fgColor="FF" + c[0])
                            for s, c in STATUS_COLOURS.items()}
        self.status_font = {
            s: Font(name=name, size=FONT_SIZE, color="FF" + c[1],
                    bold=s in ("regressing", "not_achieved"))
            for s, c in STATUS_COLOURS.items()
        }
        #: The change since last year: worsened in the red of the statuses, improved in green.
        self.change_font = {
            "worsened": Font(name=name, size=FONT_SIZE, bold=True,
                             color="FF" + STATUS_COLOURS["off_track"][1]),
            "improved": Font(name=name, size=FONT_SIZE, bold=True,
                             color="FF" + STATUS_COLOURS["on_track"][1]),
        }


def text_cell(ws: Worksheet, row: int, column: int, value: str) -> Any:
    """A cell holding `value` as text, never as a formula (even "=…")."""
    cell = ws.cell(row=row, column=column)
    cell.value = _ILLEGAL.sub("", value)
    cell.data_type = "s"
    return cell


def number_cell(ws: Worksheet, row: int, column: int, value: float | int,
                number_format: str) -> Any:
    cell = ws.cell(row=row, column=column)
    cell.value = value
    cell.number_format = number_format
    return cell



def print_setup(ws: Worksheet, lang: str, title_rows: str | None = None) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
    footer = ws.oddFooter
    if footer is not None:
        footer.center.text = pick(XLSX["footer"], lang)
    if title_rows:
        ws.print_title_rows = title_rows


def banner(ws: Worksheet, row: int, text: str, font: Any, styles: Styles,
            last_column: int) -> None:
    """A title line across the table; the text is in the first cell, the rest merged."""
    cell = text_cell(ws, row, 1, text)
    cell.font = font
    cell.alignment = styles.left
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_column)


def paragraph(ws: Worksheet, row: int, text: str, font: Any, columns: int, width: float,
               first_column: int = 1) -> None:
    """A wrapped paragraph merged across `columns` columns of total `width`."""
    from openpyxl.styles import Alignment

    cell = text_cell(ws, row, first_column, text)
    cell.font = font
    cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
    if columns > 1:
        ws.merge_cells(start_row=row, start_column=first_column, end_row=row,
                       end_column=first_column + columns - 1)
    ws.row_dimensions[row].height = line_count(text, width) * LINE_HEIGHT + 3


def letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)
