"""Sheet layout shared by every workbook railkpi writes: fonts, fills and borders, text and
number cells, banners and paragraphs, print setup, and the measure of text that sizes rows
and columns. openpyxl is imported inside the functions that use it."""

from __future__ import annotations

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
DEFAULT_COLUMN_WIDTH = 8.43  # a column's width where the sheet does not set it
HEADER_FILL = "DDEBF7"
BORDER_COLOUR = "A6A6A6"
DASH = "—"

_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def text_width(text: str) -> int:
    """Display width in character cells: CJK and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def line_units(text: str) -> float:
    """Width of 10-point text in column-width units (a Calibri 11 digit): a CJK character
    is about 1.9, a digit 0.95, a capital 1.0, a space 0.4, other Latin text 0.75: as wide as
    Excel prints it (Calibri) or LibreOffice where Calibri is missing (DejaVu Sans), whichever
    is wider, so that no wrapped text is cut. (There, CJK text takes fewer units than in
    Excel: a row sized here is as tall as Excel needs, and columns are wide enough for the
    usual names to fit on one line in either.)"""
    return sum(_char_units(ch) for ch in text)


def _char_units(ch: str) -> float:
    if unicodedata.east_asian_width(ch) in "WF":
        return 1.9
    if ch.isdigit():
        return 0.95
    if ch == " ":
        return 0.4
    return 1.0 if ch.isupper() else 0.75


def line_count(text: str, width: float) -> int:
    """Lines a wrapped cell of 10-point text needs at a column width: filled word by word as
    a spreadsheet wraps (Latin text at its spaces, Chinese between characters), a word wider
    than the column split across lines."""
    usable = max(1.0, width - 1.0)  # the cell's padding
    return sum(_wrapped_lines(part, usable) for part in text.split("\n"))


_WRAP_UNITS = re.compile(r"[ \t]*[^\s\u2e80-\u9fff\uff00-\uffef]+|[ \t]*.", re.S)


def _wrapped_lines(text: str, usable: float) -> int:
    lines, used = 1, 0.0
    for token in _WRAP_UNITS.findall(text):
        size = line_units(token)
        if used and used + size > usable:
            lines, used = lines + 1, line_units(token.lstrip())
        else:
            used += size
        while used > usable:  # a word wider than the column
            lines, used = lines + 1, used - usable
    return lines



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



def print_setup(ws: Worksheet, lang: str, title_rows: str | None = None,
                one_page: bool = False) -> None:
    """Landscape A4, as wide as one page (`one_page`: as tall too), the page number in the
    footer. The footer (and header) stand 0.3 inch from the paper's edge, inside a margin of
    0.75: with openpyxl's default of 0.5 in a margin of 0.6, LibreOffice cuts the footer."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1 if one_page else 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.print_options.horizontalCentered = True
    footer = ws.oddFooter
    if footer is not None:
        footer.center.text = pick(XLSX["footer"], lang)
    if title_rows:
        ws.print_title_rows = title_rows


def banner(ws: Worksheet, row: int, text: str, font: Any, styles: Styles,
            last_column: int, width: float | None = None) -> None:
    """A title line across the table; the text is in the first cell, the rest merged. Given
    the merged cells' `width`, a title longer than it wraps, its row as tall as its lines."""
    cell = text_cell(ws, row, 1, text)
    cell.font = font
    cell.alignment = styles.left
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_column)
    if width is not None:
        scale = (font.sz or FONT_SIZE) / FONT_SIZE  # line_units measures 10-point text
        lines = line_count(text, width / scale)
        cell.alignment = styles.wrap
        ws.row_dimensions[row].height = lines * LINE_HEIGHT * scale + 6


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
