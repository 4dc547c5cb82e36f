"""Text that could corrupt an output or drive a terminal, stopped where it enters railkpi.

Control characters other than tab and newline (an escape sequence `\\x1b[31m` recolours or
rewrites the user's terminal; `\\x01` makes an XML part not well-formed), the non-characters
U+FFFE and U+FFFF, and lone surrogates cannot be carried by XML, confuse terminals and have no
place in a plan or a statistical table. They are dealt with once, where text is read, so that
no writer has to remember them:

- a plan file holding one (written as a YAML escape, `"Total\\x01 revenue"`) is refused with
  the YAML path (plans/yaml_builder.py);
- workbook text (labels, units, notes, sources, roster names, sheet names) has each replaced
  by U+FFFD, with a warning naming the cell (`clean_sheet`, called by the workbook reader);
  a carriage return there is a line break (`\\r\\n` → `\\n`);
- the parameters of every problem (a file name, a cell's text) are cleaned when the problem is
  made (problems.py), and so is the workbook's file name in the reports.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # problems.py cleans its parameters with this module: imported when used
    from railkpi.problems import Problem


class ProblemSink(Protocol):
    """Where the warnings go: a list, or the reader's capped problems.ProblemLog."""

    def append(self, problem: Problem, /) -> None: ...


#: What no text railkpi reads may hold. Every such character is also one `str.isprintable`
#: refuses (a control, a surrogate or an unassigned code point): text that is printable, as
#: almost all is, needs no search (three times faster than this pattern).
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
REPLACEMENT = "\ufffd"
#: Cells of one sheet named in warnings, one warning each; the rest are counted.
WARNED_CELLS = 10


def forbidden_in(text: str) -> str | None:
    """The first forbidden character of `text`, as U+XXXX, or None."""
    found = FORBIDDEN.search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"


def cleaned(text: str) -> str:
    """`text` with CR LF and CR as LF, and every other forbidden character as U+FFFD."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return FORBIDDEN.sub(REPLACEMENT, text)


def _letters(column: int) -> str:
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class _CleanRows:
    """A sheet's rows with their text cleaned; the reader's other attributes (total_rows,
    first_column) pass through."""

    def __init__(self, file: str, sheet: str, rows: Any, problems: ProblemSink) -> None:
        self.file, self.sheet, self.rows, self.problems = file, sheet, rows, problems
        self.found = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.rows, name)

    def __iter__(self) -> Iterator[Any]:
        return self

    def __next__(self) -> Any:
        try:
            row = next(self.rows)
        except StopIteration:
            self._more()
            raise
        for index, cell in enumerate(row):
            value = cell.value
            if type(value) is str and FORBIDDEN.search(value):
                row[index] = dataclasses.replace(cell, value=self._clean(
                    value, cell.row, cell.column))
        return row

    def _clean(self, value: str, row: int, column: int) -> str:
        """The value cleaned; a warning unless it only held carriage returns."""
        from railkpi.problems import warning

        character = forbidden_in(value.replace("\r", ""))
        if character is not None:
            self.found += 1
            if self.found <= WARNED_CELLS:
                self.problems.append(warning(
                    "text-control-character", self.file,
                    f"{self.sheet}!{_letters(column)}{row}", character=character))
        return cleaned(value)

    def _more(self) -> None:
        from railkpi.problems import warning

        if self.found > WARNED_CELLS:
            self.problems.append(warning("text-control-character-more", self.file, self.sheet,
                                         count=self.found - WARNED_CELLS))
            self.found = WARNED_CELLS  # said once


class _CleanRawRows(_CleanRows):
    """Rows that a reader can also hand over as plain values (the roster's fast path): the
    chunks cleaned as well, with one search per chunk while it is clean."""

    def raw_chunks(self, size: int) -> Iterator[tuple[int, list[list[Any]]]]:
        first_column = self.rows.first_column
        for first, chunk in self.rows.raw_chunks(size):
            texts = " ".join([v for row in chunk for v in row if type(v) is str])
            if not texts.isprintable() and FORBIDDEN.search(texts):
                for number, row in enumerate(chunk, first):
                    for index, value in enumerate(row):
                        if type(value) is str and FORBIDDEN.search(value):
                            row[index] = self._clean(value, number, first_column + index)
            yield first, chunk
        self._more()


def clean_sheet(file: str, sheet: str, rows: Any, problems: ProblemSink) -> tuple[str, Any]:
    """A sheet's name and rows as the reader should see them: forbidden characters replaced,
    with a warning (in `problems`) naming the sheet or each cell."""
    from railkpi.problems import warning

    character = forbidden_in(sheet)
    if character is not None:
        sheet = cleaned(sheet)
        problems.append(warning("sheet-name-control-character", file, sheet,
                                character=character))
    kind = _CleanRawRows if hasattr(rows, "raw_chunks") else _CleanRows
    return sheet, kind(file, sheet, rows, problems)
