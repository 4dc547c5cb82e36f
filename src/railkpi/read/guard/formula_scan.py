"""The scan: every part inflated once (bounded), XML prologs checked for a DTD, and formula
cells found that have no calculated value, or whose values a recalculation on opening may
have made stale."""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from railkpi.messages.problems_files import FILE_WORDS
from railkpi.problems import Problem, Words, error, warning
from railkpi.read.cells import cell_ref
from railkpi.read.guard.package import (
    CELL,
    FORMULA,
    INLINE,
    ROW,
    VALUE,
    Relationships,
    WorkbookPart,
    read_package,
)
from railkpi.read.guard.refusals import damaged
from railkpi.read.guard.xml_parsing import Handler, check_prolog, parse_xml
from railkpi.read.guard.zip_parts import inflate

MAX_FORMULA_PROBLEMS = 20  # formula cells without a value listed one by one; the rest counted


#: The start of a formula element, <f> or <x:f …>, in bytes of any ASCII-based encoding. In
#: text a '<' is always escaped, so outside comments and CDATA this is a tag.
FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][-.\w]*:)?f[\s/>]")


@dataclass
class Formulas:
    """Formula cells found: those without a value (listed up to a limit) and those with one."""

    missing: list[tuple[str, str | Words]] = field(default_factory=list)  # (cell, formula)
    more_missing: dict[str, int] = field(default_factory=dict)  # sheet → count past the limit
    cached: int = 0
    first_cached: str = ""


def scan(path: Path) -> list[Problem]:
    """Inflate every member (bounded) and return the workbook's formula problems.

    Raises InputError for a member that inflates past its declared size, a damaged member, or
    an XML part that declares a DTD. Call after `inspect`.
    """
    file = path.name
    with path.open("rb") as fp:
        try:
            with zipfile.ZipFile(fp) as archive:
                infos = archive.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, struct.error,
                NotImplementedError) as exc:
            damaged(file, "zip", error=exc)
        package = read_package(file, fp, infos)
        base, leaf = posixpath.split(package.workbook)
        relationships = Relationships(base)
        rels = package.infos.get(posixpath.join(base, "_rels", leaf + ".rels"))
        if rels is not None:
            parse_xml(file, fp, rels, relationships)
        workbook = WorkbookPart()
        parse_xml(file, fp, package.infos[package.workbook], workbook)
        sheets = {relationships.worksheets[rid]: name for name, rid in workbook.sheets
                  if rid in relationships.worksheets}
        parsed = {id(info) for info in (package.infos["[content_types].xml"],
                                        package.infos[package.workbook], rels) if info}
        formulas = Formulas()
        for info in infos:
            part = info.filename.lower()
            if id(info) in parsed:
                continue
            if part in sheets and package.infos[part] is info:  # the copy a reader uses
                if check_prolog(file, fp, info, FORMULA_TAG):  # parsed only if it may
                    parse_xml(file, fp, info, SheetScanner(sheets[part], formulas))
            elif is_xml(package.content_type(part), part):
                check_prolog(file, fp, info)
            else:
                for _ in inflate(file, fp, info):
                    pass
    return formula_problems(file, formulas, workbook.full_calc_on_load)


def is_xml(content_type: str, part: str) -> bool:
    return content_type.endswith(("+xml", "/xml")) or part.endswith((".xml", ".rels", ".vml"))


def formula_problems(file: str, formulas: Formulas, full_calc_on_load: bool) -> list[Problem]:
    problems = [error("formula-without-value", file, where, formula=formula)
                for where, formula in formulas.missing]
    if formulas.more_missing:
        problems.append(error("formula-without-value-more", file,
                              count=sum(formulas.more_missing.values()),
                              sheets=", ".join(formulas.more_missing)))
    if full_calc_on_load and formulas.cached:
        problems.append(warning("recalc-on-load", file, count=formulas.cached,
                                first=formulas.first_cached))
    return problems


class SheetScanner(Handler):
    """Formula cells of one worksheet: <c><f>…</f><v>…</v></c>, streamed.

    A formula cell has no value when it has no <v>, or an empty one — except a text result
    (t="str"), which Excel and LibreOffice write as an empty <v></v> when the formula
    returns "". Text is only collected inside <f> and <v>.
    """

    def __init__(self, sheet: str, formulas: Formulas) -> None:
        self.sheet = sheet
        self.formulas = formulas
        self.row = 0
        self.column = 0
        self.cell_type = "n"
        self.formula: list[str] | None = None  # the formula's text, in a formula cell
        self.value_element = False
        self.value_text = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name in CELL:
            self.row, self.column = _reference(attrs.get("r"), self.row, self.column + 1)
            self.cell_type = attrs.get("t", "n")
            self.formula = None
            self.value_element = self.value_text = False
        elif name in ROW:
            self.row = _number(attrs.get("r"), self.row + 1)
            self.column = 0
        elif name in FORMULA:
            self.formula = []
            self._collect(self._formula_text)
        elif name in VALUE:
            self.value_element = True
            self._collect(self._value_text)
        elif name in INLINE:
            self.value_element = self.value_text = True

    def end(self, name: str) -> None:
        if name in FORMULA or name in VALUE:
            self._collect(None)
        elif name in CELL and self.formula is not None:
            self._found(self.value_text or (self.value_element and self.cell_type == "str"))

    def _collect(self, handler: Callable[[str], None] | None) -> None:
        if self.parser is not None:
            self.parser.CharacterDataHandler = handler

    def _formula_text(self, text: str) -> None:
        if self.formula is not None and len(self.formula) < 64:
            self.formula.append(text)

    def _value_text(self, text: str) -> None:
        if text.strip():
            self.value_text = True

    def _found(self, has_value: bool) -> None:
        where = cell_ref(self.sheet, self.row, self.column)
        formulas = self.formulas
        if has_value:
            formulas.cached += 1
            formulas.first_cached = formulas.first_cached or where
        elif len(formulas.missing) < MAX_FORMULA_PROBLEMS:
            text = "".join(self.formula or ()).strip()
            shown = ("=" + (text if len(text) <= 40 else text[:37] + "…") if text
                     else Words(*FILE_WORDS["shared-formula"]))
            formulas.missing.append((where, shown))
        else:
            formulas.more_missing[self.sheet] = formulas.more_missing.get(self.sheet, 0) + 1


_REFERENCE = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


def _number(text: str | None, default: int) -> int:
    return int(text) if text is not None and text.isdigit() else default


def _reference(text: str | None, row: int, column: int) -> tuple[int, int]:
    """(row, column) of a cell reference such as 'C7'; the running position when absent."""
    match = _REFERENCE.match(text or "")
    if not match:
        return row, column
    number = 0
    for letter in match.group(1).upper():
        number = number * 26 + ord(letter) - 64
    return int(match.group(2)), number
