"""Read a data workbook: long or wide layout, Chinese or English headers → Observations.

Figures keep their qualifiers ("180余", "突破3000") and are converted to the indicator's unit
(万元 → 亿元) exactly. An enterprise roster sheet is read by `roster` and fills the indicators
the workbook does not report directly. Every problem is collected with its sheet and cell and
raised together at the end.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any, Literal

from railkpi.figures import Figure, agree
from railkpi.plans.labels import normalise_label
from railkpi.plans.registry import IndicatorRegistry
from railkpi.problems import InputError, ProblemLog, error, raise_if_errors, warning
from railkpi.read import guard as xlsx_guard
from railkpi.read import roster
from railkpi.read.cells import Cell, CellFormats, display
from railkpi.read.layouts import DataSheet, data_header
from railkpi.read.observation import Layout, Observation, WorkbookData
from railkpi.read.roster.vocabulary import RosterWords
from railkpi.read.row_labels import LabelMatcher
from railkpi.read.sheet_notes import hidden_parts
from railkpi.read.sheets import DamagedSheet, calamine_sheets, openpyxl_sheets
from railkpi.read.unit_notes import HeaderUnit, disagreeing, unit_note
from railkpi.text_safety import clean_sheet

#: Sheets that are expected to hold prose, not data: skipped without a warning.
PROSE_SHEETS = {"说明", "填表说明", "备注", "notes", "readme", "instructions", "about"}
#: Rosters with at least this many rows show a progress bar (on a terminal).
PROGRESS_ROWS = 50_000
#: How many rows from the top a header row may be preceded by a title.
HEADER_SEARCH_ROWS = 20


#: What the guard finds that no reader may see: a sheet that would exhaust memory, references
#: and string tables a reader would read wrongly, two sheets of one name.
BEFORE_READING = frozenset({"sheet-too-sparse", "bad-cell-reference", "bad-string-table",
                            "bad-string-index", "duplicate-sheet"})


def check_file(path: Path, max_size: int = xlsx_guard.DEFAULT_MAX_SIZE) -> xlsx_guard.Survey:
    """Refuse a file that is not a safe .xlsx, or one a reader must not open (InputError);
    else what the guard found (formula problems, error values, percent cells, …)."""
    xlsx_guard.inspect(path, max_size)
    found = xlsx_guard.survey(path)
    if any(p.code in BEFORE_READING for p in found.problems):
        raise InputError(found.problems)
    return found


Engine = Literal["calamine", "openpyxl"]


def read_workbook(
    path: Path,
    registry: IndicatorRegistry,
    max_size: int = xlsx_guard.DEFAULT_MAX_SIZE,
    engine: Engine = "calamine",
) -> WorkbookData:
    """All observations of every data sheet in the workbook; raises InputError on any error.

    Cell values are read with python-calamine (a Rust reader, many times faster than openpyxl
    on large rosters); `engine="openpyxl"` reads them with openpyxl instead, which the tests
    use to check that both give the same observations.
    """
    found = check_file(path, max_size)
    reader = _Reader(path.name, registry, found)
    reader.problems.extend(found.problems)
    # A large roster makes millions of short-lived lists and keeps a million firm keys alive;
    # none of them form cycles, and the cyclic collector would rescan them over and over
    # (a sixth of the reading time at Excel's row limit).
    collecting = gc.isenabled()
    gc.disable()
    try:
        if engine == "calamine":
            # The guard names sheets as stored; the reader sees them cleaned.
            reader.cell_formats = lambda sheet: CellFormats(
                found.percent_cells(reader.stored(sheet)),
                found.scaled_cells(reader.stored(sheet)),
                found.year_cells(reader.stored(sheet)), found.date1904)
        else:  # openpyxl gives each cell its format; the date system is the workbook's
            reader.cell_formats = lambda sheet: CellFormats(date1904=found.date1904)
        for sheet, rows in (calamine_sheets if engine == "calamine" else openpyxl_sheets)(path):
            # Control characters in sheet names and cell text: replaced, with a warning.
            shown, clean_rows = clean_sheet(path.name, sheet, rows, reader.problems)
            reader.stored_names[shown] = sheet
            reader.read_sheet(shown, clean_rows)
    except DamagedSheet as exc:
        # An error value python-calamine does not know (#SPILL!) fails its reading: the
        # guard's problems say why, better than the library's words.
        raise_if_errors(reader.problems)
        raise_if_errors([xlsx_guard.reading_problem(exc.__cause__ or exc, path.name)])
    finally:
        if collecting:
            gc.enable()
    return reader.finish()


def _no_formats(sheet: str) -> CellFormats:
    return CellFormats()


def _shown(figure: Figure) -> str:
    return figure.label(display(figure.value))


class _Reader:
    def __init__(self, file: str, registry: IndicatorRegistry,
                 survey: xlsx_guard.Survey | None = None) -> None:
        self.file = file
        self.registry = registry
        self.survey = survey
        self.problems = ProblemLog()
        self.observations: dict[tuple[str, int], Observation] = {}
        self.layouts: dict[str, Layout] = {}
        self.sheets_seen: list[str] = []
        self.roster = roster.RosterTotals(registry.roster)
        self.roster_words = RosterWords.of(registry.roster)
        self.labels = LabelMatcher(registry)
        self.stored_names: dict[str, str] = {}  # sheet name as shown (cleaned) → as stored
        # Cells formatted as percentages or scaled, for readers whose cells carry no format.
        self.cell_formats: Callable[[str], CellFormats] = _no_formats

    def error(self, code: str, where: str | None = None, **params: object) -> None:
        self.problems.append(error(code, self.file, where, **params))

    @contextmanager
    def progress(self, sheet: str, rows: Any) -> Iterator[Callable[[int], None] | None]:
        """A progress bar on stderr while a large roster is read, if stderr is a terminal."""
        total = getattr(rows, "total_rows", 0)
        if total < PROGRESS_ROWS or not sys.stderr.isatty():
            yield None
            return
        from rich.console import Console
        from rich.progress import Progress

        with Progress(console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task(sheet, total=total)
            yield lambda done: bar.update(task, completed=done)

    def warn(self, code: str, where: str | None = None, **params: object) -> None:
        self.problems.append(warning(code, self.file, where, **params))

    def finish(self) -> WorkbookData:
        if not self.layouts:
            self.error("no-data-sheet", sheets=", ".join(self.sheets_seen) or "-")
        self._add_derived()
        self._hidden_sheets()
        problems = self.problems.problems()
        raise_if_errors(problems)
        ordered = sorted(self.observations.values(), key=lambda o: (o.indicator, o.year))
        return WorkbookData(self.file, tuple(ordered), problems, self.layouts)

    def stored(self, sheet: str) -> str:
        """A sheet's name as the workbook stores it (the guard's name), from the name shown."""
        return self.stored_names.get(sheet, sheet)

    def _hidden_sheets(self) -> None:
        """Data read from a hidden sheet, or from hidden rows or columns (a filter's too), is
        used, with a warning: what no one sees is easily forgotten."""
        for sheet in self.layouts:
            facts = self.survey.facts(self.stored(sheet)) if self.survey is not None else None
            if facts is None:
                continue
            if facts.hidden is not None:
                self.warn("hidden-sheet", sheet=sheet, state=facts.hidden)
            if facts.hidden_rows or facts.hidden_columns:
                self.warn("hidden-cells", sheet=sheet,
                          parts=hidden_parts(facts.hidden_rows, facts.hidden_columns))

    # -- layout detection ---------------------------------------------------------------

    def read_sheet(self, sheet: str, rows: Iterator[list[Cell]]) -> None:
        self.sheets_seen.append(sheet)
        first_rows: list[list[Cell]] = []
        # Looked up once, and only for a row that may be a header (a roster's are not needed).
        formats = cache(lambda: self.cell_formats(sheet))
        for row in rows:
            first_rows.append(row)
            roster_columns = roster.roster_header(sheet, row, self.roster_words)
            if roster_columns is not None:
                self.layouts[sheet] = "roster"
                with self.progress(sheet, rows) as progress:
                    problems = roster.read_roster(self.file, sheet, roster_columns, rows,
                                                  self.roster, self.roster_words, progress)
                self.problems.extend(problems)
                return
            header = data_header(self.file, sheet, row, formats)
            if header is not None:
                notes = [note for note in (unit_note(sheet, title) for title in first_rows[:-1])
                         if note is not None]
                self._disagreeing(notes)
                header = replace(header, noted_unit=notes[-1] if notes else None)
                self.layouts[sheet] = header.layout
                self.problems.extend(header.warnings)
                DataSheet(self.file, sheet, self.registry, formats(),
                          self.problems, self._add, self.labels).read(header, rows)
                return
            if len(first_rows) >= HEADER_SEARCH_ROWS:
                break
        if first_rows and normalise_label(sheet) not in PROSE_SHEETS:
            header_text = " | ".join(display(c.value) for c in first_rows[0])
            self.warn("sheet-skipped", sheet=sheet, header=header_text)

    def _disagreeing(self, notes: list[HeaderUnit]) -> None:
        for note, first in disagreeing(notes):
            self.error("unit-note-conflict", note.where, unit=note.unit, other_unit=first.unit,
                       other=first.where)

    def _add(self, observation: Observation) -> None:
        key = (observation.indicator, observation.year)
        first = self.observations.get(key)
        if first is None:
            self.observations[key] = observation
        elif first.figure() == observation.figure():
            self.warn("duplicate-same", observation.where, indicator=observation.indicator,
                      year=observation.year, other=first.where)
        else:
            self.error("duplicate-conflict", observation.where, indicator=observation.indicator,
                       year=observation.year, value=display(observation.value),
                       other_value=display(first.value), other=first.where)

    def _add_derived(self) -> None:
        """Roster figures fill what the workbook does not report; a disagreement is a warning."""
        for derived in self.roster.derive(self.registry.indicators):
            key = (derived.indicator, derived.year)
            reported = self.observations.get(key)
            if reported is not None:
                if not agree(reported.figure(), derived.figure):
                    self.warn("roster-conflict", reported.where, indicator=derived.indicator,
                              year=derived.year, reported=_shown(reported.figure()),
                              derived=_shown(derived.figure), roster=derived.where)
                continue
            self.observations[key] = Observation.model_validate(
                Observation.of(derived.figure, indicator=derived.indicator, year=derived.year,
                               where=derived.where, origin="roster"),
                context={"indicators": self.registry.indicators},
            )
