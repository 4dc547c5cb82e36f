"""Which cells of a sheet are formatted as percentages.

python-calamine reads values only; a figure typed as "16.3%" in Excel is stored as 0.163 with a
percent format, so for the (small) data sheets railkpi looks the formats up in the workbook's
XML. The file has passed the guard (read/guard) by then; the XML is still parsed with defusedxml.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path

from defusedxml import ElementTree

#: Excel's built-in percent number formats (0% and 0.00%).
BUILTIN_PERCENT_FORMATS = {"9", "10"}
_QUOTED = re.compile(r'"[^"]*"|\\.')
_REFERENCE = re.compile(r"^([A-Z]+)(\d+)$")
_RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def percent_cells(path: Path, sheet: str) -> frozenset[tuple[int, int]]:
    """(row, column) of every numeric cell of `sheet` whose number format is a percentage."""
    with zipfile.ZipFile(path) as package:
        styles = _percent_styles(package)
        part = _sheet_part(package, sheet) if styles else None
        if part is None:
            return frozenset()
        cells = set()
        with package.open(part) as stream:
            for _, element in ElementTree.iterparse(stream, events=("end",)):
                if _local(element.tag) != "c":
                    continue
                reference = _REFERENCE.match(element.get("r", ""))
                if reference and element.get("s") in styles and element.get("t", "n") == "n":
                    cells.add((int(reference.group(2)), _column_number(reference.group(1))))
                element.clear()
        return frozenset(cells)


def _percent_styles(package: zipfile.ZipFile) -> set[str]:
    """Indices (as written in a cell's s="…") of the cell styles with a percent format."""
    try:
        root = ElementTree.fromstring(package.read("xl/styles.xml"))
    except KeyError:
        return set()
    percent_formats = set(BUILTIN_PERCENT_FORMATS)
    for element in root.iter():
        # A % inside quotes or after a backslash is a literal sign, not a percent format.
        if _local(element.tag) == "numFmt" and "%" in _QUOTED.sub(
            "", element.get("formatCode", "")
        ):
            percent_formats.add(element.get("numFmtId", ""))
    styles = set()
    for container in root.iter():
        if _local(container.tag) == "cellXfs":
            for index, xf in enumerate(x for x in container if _local(x.tag) == "xf"):
                if xf.get("numFmtId") in percent_formats:
                    styles.add(str(index))
    return styles


def _sheet_part(package: zipfile.ZipFile, sheet: str) -> str | None:
    """The zip part holding the sheet named `sheet`, from the workbook and its relationships."""
    workbook = ElementTree.fromstring(package.read("xl/workbook.xml"))
    relationship = next(
        (e.get(_RELATIONSHIP) for e in workbook.iter()
         if _local(e.tag) == "sheet" and e.get("name") == sheet),
        None,
    )
    if relationship is None:
        return None
    relationships = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
    for element in relationships.iter():
        if _local(element.tag) == "Relationship" and element.get("Id") == relationship:
            target = element.get("Target", "")
            if target.startswith("/"):
                return target.lstrip("/")
            return posixpath.normpath(posixpath.join("xl", target))
    return None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
