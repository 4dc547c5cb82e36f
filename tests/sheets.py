"""Workbooks built in the tests with openpyxl, then changed where openpyxl cannot write what a
test needs: cells without `r=`, a styles part elsewhere, sheets as written by hand.

`saved(workbook, path)` saves and returns the parts; `repacked(path, parts, changes)` writes
them back with some replaced or added (bytes) or removed (None).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def workbook(sheets: dict[str, list[list[Any]]]) -> openpyxl.Workbook:
    """An openpyxl workbook with these sheets (rows from row 1)."""
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    return book


def saved(book: openpyxl.Workbook, path: Path) -> dict[str, bytes]:
    """Save the workbook to `path`; its parts by name."""
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def repacked(path: Path, parts: dict[str, bytes], changes: dict[str, bytes | None]) -> Path:
    """The parts written to `path` as a zip, with `changes` applied (None removes a part)."""
    merged = {**parts, **changes}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in merged.items():
            if content is not None:
                archive.writestr(name, content)
    return path


def sheet_part(parts: dict[str, bytes], title: str) -> str:
    """The part name of the sheet called `title` (openpyxl numbers them in order)."""
    names = re.findall(rb'<sheet [^>]*name="([^"]+)"', parts["xl/workbook.xml"])
    return f"xl/worksheets/sheet{[n.decode() for n in names].index(title) + 1}.xml"


def without_references(xml: bytes, row: int) -> bytes:
    """The sheet XML with row `row` and its cells written without `r=` (positions by order:
    the row follows the one before, each cell the one before it)."""
    def strip(match: re.Match[bytes]) -> bytes:
        return re.sub(rb' r="[A-Z]+\d+"', b"", match.group(0)).replace(
            f'<row r="{row}"'.encode(), b"<row", 1)

    return re.sub(rb'<row r="%d"[^>]*>.*?</row>' % row, strip, xml, count=1, flags=re.DOTALL)


def hand_sheet(rows: str, prefix: str = "") -> bytes:
    """A sheet part written by hand: `rows` is the XML inside <sheetData>."""
    p = f"{prefix}:" if prefix else ""
    ns = f'xmlns:{prefix}="{MAIN_NS}"' if prefix else f'xmlns="{MAIN_NS}"'
    return (f'<?xml version="1.0" encoding="UTF-8"?><{p}worksheet {ns}><{p}sheetData>{rows}'
            f"</{p}sheetData></{p}worksheet>").encode()


def text_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def number_cell(ref: str, value: object, style: str | None = None) -> str:
    s = f' s="{style}"' if style is not None else ""
    return f'<c r="{ref}"{s}><v>{value}</v></c>'
