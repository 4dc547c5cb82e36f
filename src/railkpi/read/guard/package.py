"""The package of an .xlsx: its content types, the workbook part and its sheets; a zip that is
an OpenDocument file, a Word or PowerPoint document, or no package at all is named as such."""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

from railkpi.read.guard.refusals import not_xlsx
from railkpi.read.guard.xml_parsing import Handler, local_name, parse_xml
from railkpi.read.guard.zip_parts import inflate

#: The content types openpyxl opens as a workbook (reader.excel._find_workbook_part).
WORKBOOK_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
}
OTHER_PACKAGES = {
    "application/vnd.ms-excel.sheet.binary.macroEnabled.main": "xlsb",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
}
SPREADSHEET_NS = {
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",  # Strict OOXML
}

@dataclass
class Package:
    workbook: str  # the workbook part, lower case, no leading slash
    types: dict[str, str]  # part (lower case) → content type, from Override
    defaults: dict[str, str]  # extension → content type, from Default
    infos: dict[str, zipfile.ZipInfo]  # part (lower case) → member; the last of duplicates

    def content_type(self, part: str) -> str:
        return self.types.get(part) or self.defaults.get(posixpath.splitext(part)[1][1:], "")


def part_name(name: str) -> str:
    return name.lstrip("/").lower()


def read_package(file: str, fp: BinaryIO, infos: list[zipfile.ZipInfo]) -> Package:
    by_name = {info.filename.lower(): info for info in infos}
    mimetype = by_name.get("mimetype")
    if mimetype is not None and mimetype.file_size < 200:
        kind = b"".join(inflate(file, fp, mimetype)).decode("ascii", "replace").strip()
        if kind == "application/vnd.oasis.opendocument.spreadsheet":
            not_xlsx(file, "ods")
        if kind.startswith("application/vnd.oasis.opendocument"):
            not_xlsx(file, "odf", mimetype=kind)
    content_types = by_name.get("[content_types].xml")
    if content_types is None:
        not_xlsx(file, "zip")
    handler = ContentTypes()
    parse_xml(file, fp, content_types, handler)
    package = Package("", handler.types, handler.defaults, by_name)
    workbook = next((part for part, kind in handler.types.items() if kind in WORKBOOK_TYPES),
                    None)
    if workbook is None and WORKBOOK_TYPES & set(handler.defaults.values()):
        workbook = "xl/workbook.xml"  # as openpyxl assumes
    if workbook is None:
        other = next((OTHER_PACKAGES[kind] for kind in handler.types.values()
                      if kind in OTHER_PACKAGES), "zip")
        not_xlsx(file, other)
    if workbook not in by_name:
        not_xlsx(file, "zip")
    package.workbook = workbook
    return package


class ContentTypes(Handler):
    def __init__(self) -> None:
        self.types: dict[str, str] = {}
        self.defaults: dict[str, str] = {}

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = local_name(name)
        if local == "Override":
            self.types[part_name(attrs.get("PartName", ""))] = attrs.get("ContentType", "")
        elif local == "Default":
            self.defaults[attrs.get("Extension", "").lower()] = attrs.get("ContentType", "")


class Relationships(Handler):
    """The workbook part's relationships: its worksheets, styles and shared strings, wherever
    the package puts them."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.worksheets: dict[str, str] = {}  # relationship id → part
        self.styles: str | None = None
        self.shared_strings: str | None = None

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if local_name(name) != "Relationship" or attrs.get("TargetMode") == "External":
            return
        kind = attrs.get("Type", "").rpartition("/")[2]
        target = attrs.get("Target", "")
        part = target if target.startswith("/") else posixpath.join(self.base, target)
        part = part_name(posixpath.normpath(part))
        if kind == "worksheet":
            self.worksheets[attrs.get("Id", "")] = part
        elif kind == "styles":
            self.styles = self.styles or part
        elif kind == "sharedStrings":
            self.shared_strings = self.shared_strings or part


class WorkbookPart(Handler):
    def __init__(self) -> None:
        self.sheets: list[tuple[str, str, str]] = []  # (name, relationship id, state)
        self.full_calc_on_load = False
        self.date1904 = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name in SHEET:
            rid = next((value for key, value in attrs.items()
                        if key.endswith("relationships}id")), "")
            self.sheets.append((attrs.get("name", ""), rid, attrs.get("state", "visible")))
        elif name in CALC:
            self.full_calc_on_load = attrs.get("fullCalcOnLoad") in ("1", "true")
        elif name in WORKBOOK_PROPERTIES:
            self.date1904 = attrs.get("date1904") in ("1", "true")


def spreadsheet_names(local: str) -> frozenset[str]:
    return frozenset(f"{namespace}}}{local}" for namespace in SPREADSHEET_NS)


SHEET, CALC = spreadsheet_names("sheet"), spreadsheet_names("calcPr")
WORKBOOK_PROPERTIES = spreadsheet_names("workbookPr")
ROW, CELL, FORMULA, VALUE, INLINE = (spreadsheet_names(n) for n in ("row", "c", "f", "v", "is"))
COLUMN = spreadsheet_names("col")
