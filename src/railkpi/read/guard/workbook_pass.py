"""The guard's single pass over a workbook: every part inflated once (bounded), XML prologs
checked for a DTD, and each worksheet looked at before any reader allocates memory for it.

For each worksheet it finds what python-calamine would read silently wrong or die on: formula
cells without a value, Excel error values, a used rectangle far larger than the cells in it
(a value at XFD1048576), references past Excel's limits, shared-string indices that are not
whole numbers, date serials past 9999-12-31; and which cells carry a percent format (or one
that shows a date's year alone). Small
sheets get a close look (`cell_scan`), a callback per cell; large ones a byte-level pass
(`sheet_bytes`) and a close look only when it finds a reason. The styles and the shared-string
table are found through the workbook's relationships, and a string table declaring far more
strings than it holds is refused before a reader reserves room for them.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from railkpi.messages.problems_cells import SHEET_STATES
from railkpi.problems import Problem, Words, error
from railkpi.read.guard.cell_scan import CellScanner, SheetScan
from railkpi.read.guard.formula_scan import Formulas, formula_problems
from railkpi.read.guard.package import Package, Relationships, WorkbookPart, read_package
from railkpi.read.guard.references import allowed_box
from railkpi.read.guard.refusals import damaged
from railkpi.read.guard.sheet_bytes import ByteScan
from railkpi.read.guard.sheet_checks import scan_problems, string_table_problems
from railkpi.read.guard.styles import LAST_SERIAL_1900, LAST_SERIAL_1904, StyleKinds, StylesPart
from railkpi.read.guard.xml_parsing import Handler, check_prolog, parse_xml, prolog_checked
from railkpi.read.guard.zip_parts import inflate

#: Sheet parts up to this size (inflated) always get the close look: a few hundred cells, a
#: fraction of a millisecond. Larger ones get the byte-level pass first, and the close look
#: only when it finds a reason: on a sheet of a few thousand figures (the everyday workbook)
#: the pass costs a tenth of the close look's callbacks.
SMALL_PART = 16 * 1024


@dataclass
class SheetFacts:
    """What the guard knows of one worksheet for the readers."""

    name: str
    info: zipfile.ZipInfo
    state: str  # visible, hidden or veryHidden
    #: Cells formatted as percentages; None until looked for (a large sheet's, on demand).
    percent: frozenset[tuple[int, int]] | None = None
    #: Number cells shown at another magnitude than stored; known with `percent`.
    scaled: frozenset[tuple[int, int]] | None = None
    #: Number cells whose format shows a date's year alone, with the format; known with
    #: `percent`.
    years: Mapping[tuple[int, int], str] | None = None
    #: Hidden rows and columns that hold a value (found by the close look).
    hidden_rows: tuple[int, ...] = ()
    hidden_columns: tuple[int, ...] = ()

    @property
    def hidden(self) -> Words | None:
        """How the sheet is hidden, in words; None when it is visible."""
        if self.state not in ("hidden", "veryHidden"):
            return None
        return Words(*SHEET_STATES[self.state])


#: What XML forbids in a sheet's name: the guard reads each as spaces, a reader as stored.
_FORBIDDEN_IN_NAME = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _bare(name: str) -> str:
    return re.sub("[\x00-\x1f\ufffe\uffff ]", "", name)


@dataclass
class Survey:
    """The guard's findings: problems, each worksheet's facts, the styles."""

    path: Path
    problems: list[Problem] = field(default_factory=list)
    sheets: dict[str, SheetFacts] = field(default_factory=dict)
    styles: StyleKinds = field(default_factory=StyleKinds)
    last_serial: int = LAST_SERIAL_1900

    def facts(self, sheet: str) -> SheetFacts | None:
        """The facts of the sheet a reader names `sheet`. The guard reads the characters XML
        forbids as spaces, a byte's worth each (xml_parsing.tolerant), a reader as stored: a
        name holding one is looked up so, else without them and spaces where that leaves one
        sheet (written as a reference, `&#1;`, it took more spaces)."""
        found = self.sheets.get(sheet)
        if found is not None or not _FORBIDDEN_IN_NAME.search(sheet):
            return found
        spaced = _FORBIDDEN_IN_NAME.sub(lambda m: " " * len(m.group().encode()), sheet)
        if spaced in self.sheets:
            return self.sheets[spaced]
        bare = _bare(sheet)
        matches = [facts for name, facts in self.sheets.items() if _bare(name) == bare]
        return matches[0] if len(matches) == 1 else None

    def percent_cells(self, sheet: str) -> frozenset[tuple[int, int]]:
        """The cells of `sheet` formatted as percentages (a large sheet is looked at now)."""
        facts = self._formats(sheet, self.styles.percent)
        return facts.percent or frozenset() if facts is not None else frozenset()

    def scaled_cells(self, sheet: str) -> frozenset[tuple[int, int]]:
        """The number cells of `sheet` whose format shows another magnitude than they store
        (#,##0, or 0!.0000"万"; a large sheet is looked at now)."""
        facts = self._formats(sheet, self.styles.scaled)
        return facts.scaled or frozenset() if facts is not None else frozenset()

    def year_cells(self, sheet: str) -> Mapping[tuple[int, int], str]:
        """The number cells of `sheet` whose format shows a date's year alone (`yyyy"年"`),
        with the format (a large sheet is looked at now)."""
        facts = self._formats(sheet, frozenset(self.styles.years))
        return facts.years or {} if facts is not None else {}

    @property
    def date1904(self) -> bool:
        """Whether the workbook counts dates from 1904 (Excel for Mac's old default)."""
        return self.last_serial == LAST_SERIAL_1904

    def _formats(self, sheet: str, styles: Collection[str]) -> SheetFacts | None:
        """The sheet's facts with its formatted cells known; None if no cell can have `styles`."""
        facts = self.facts(sheet)
        if facts is None or not styles:
            return None
        if facts.percent is None:
            scan = SheetScan(sheet)
            with self.path.open("rb") as fp:
                parse_xml(self.path.name, fp, facts.info,
                          CellScanner(scan, Formulas(), self.styles, self.last_serial),
                          lenient=True)
            facts.percent, facts.scaled = frozenset(scan.percent), frozenset(scan.scaled)
            facts.years = scan.years
        return facts


def survey(path: Path) -> Survey:
    """Inflate every member (bounded) and return what the guard found. Raises InputError for a
    member that inflates past its declared size, a damaged member, or an XML part that declares
    a DTD. Call after `inspect`."""
    file = path.name
    with path.open("rb") as fp:
        try:
            with zipfile.ZipFile(fp) as archive:
                infos = archive.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, struct.error,
                NotImplementedError) as exc:
            damaged(file, "zip", error=exc)
        return _Pass(path, fp, infos).run()


class _Pass:
    def __init__(self, path: Path, fp: BinaryIO, infos: list[zipfile.ZipInfo]) -> None:
        self.file = path.name
        self.fp = fp
        self.infos = infos
        self.package: Package = read_package(self.file, fp, infos)
        self.result = Survey(path)
        self.formulas = Formulas()
        self.done: set[int] = {id(self.package.infos["[content_types].xml"])}

    def parse(self, part: str | None, handler: Handler) -> bool:
        info = self.package.infos.get(part) if part else None
        if info is None:
            return False
        parse_xml(self.file, self.fp, info, handler, lenient=True)
        self.done.add(id(info))
        return True

    def run(self) -> Survey:
        base, leaf = posixpath.split(self.package.workbook)
        relationships = Relationships(base)
        self.parse(posixpath.join(base, "_rels", leaf + ".rels"), relationships)
        workbook = WorkbookPart()
        self.parse(self.package.workbook, workbook)
        styles = StylesPart()
        if self.parse(relationships.styles, styles):
            self.result.styles = styles.kinds()
        if workbook.date1904:
            self.result.last_serial = LAST_SERIAL_1904
        sheets = self._sheets(workbook, relationships)
        # python-calamine reads the string table beside the workbook part, whatever the
        # relationships say; openpyxl follows them: both are checked.
        strings = {part for part in (relationships.shared_strings,
                                     posixpath.join(base, "sharedstrings.xml"))
                   if part in self.package.infos}
        for info in self.infos:
            part = info.filename.lower()
            if id(info) in self.done:
                continue
            if part in sheets and self.package.infos[part] is info:  # the copy a reader uses
                self._sheet(sheets[part], bool(strings))
            elif part in strings and self.package.infos[part] is info:
                self._strings(info)
            elif _is_xml(self.package.content_type(part), part):
                check_prolog(self.file, self.fp, info)
            else:
                for _ in inflate(self.file, self.fp, info):
                    pass
        self.result.problems.extend(
            formula_problems(self.file, self.formulas, workbook.full_calc_on_load))
        return self.result

    def _sheets(self, workbook: WorkbookPart, relationships: Relationships
                ) -> dict[str, SheetFacts]:
        """The worksheets by part; two sheets of one name (ignoring case) are an error."""
        sheets: dict[str, SheetFacts] = {}
        names: set[str] = set()
        for name, rid, state in workbook.sheets:
            part = relationships.worksheets.get(rid)
            info = self.package.infos.get(part) if part else None
            if part is None or info is None:
                continue
            if name.casefold() in names:
                self.result.problems.append(error("duplicate-sheet", self.file, sheet=name))
                continue
            names.add(name.casefold())
            sheets[part] = self.result.sheets[name] = SheetFacts(name, info, state)
        return sheets

    def _sheet(self, facts: SheetFacts, shared_strings: bool) -> None:
        info = facts.info
        if info.file_size > SMALL_PART:
            scan = ByteScan(shared_strings, self.result.styles.date)
            for chunk in prolog_checked(self.file, self.fp, info):
                scan.feed(chunk)
            scan.finish()
            if not scan.reasons and scan.box_bound <= allowed_box(0, info.file_size):
                return  # percent cells, if any, are looked for when a reader asks
        sheet = SheetScan(facts.name)
        parse_xml(self.file, self.fp, info,
                  CellScanner(sheet, self.formulas, self.result.styles, self.result.last_serial),
                  lenient=True)
        facts.percent, facts.scaled = frozenset(sheet.percent), frozenset(sheet.scaled)
        facts.years = sheet.years
        facts.hidden_rows = tuple(sorted(sheet.hidden_rows_used))
        facts.hidden_columns = tuple(sorted(sheet.hidden_columns_used))
        self.result.problems.extend(scan_problems(self.file, sheet, info.file_size))

    def _strings(self, info: zipfile.ZipInfo) -> None:
        sheet_bytes = sum(f.info.file_size for f in self.result.sheets.values())
        self.result.problems.extend(string_table_problems(
            self.file, info, prolog_checked(self.file, self.fp, info), sheet_bytes))


def _is_xml(content_type: str, part: str) -> bool:
    return content_type.endswith(("+xml", "/xml")) or part.endswith((".xml", ".rels", ".vml"))
