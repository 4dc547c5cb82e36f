"""What one data sheet says besides its figures, gathered while it is read and reported once:
the cells holding a no-figure mark (one warning listing them), the rows of other statistics
ignored (one warning listing them), shares of at most 1 % that may be fractions (one warning
listing them), and the rows too many to compare (one error)."""

from __future__ import annotations

from railkpi.messages.problems_cells import READING_WORDS
from railkpi.problems import Problem, Words, error, warning
from railkpi.read.cells import Cell, cell_ref, column_letter, display
from railkpi.read.marks import is_not_available
from railkpi.read.row_labels import MAX_LABELS

#: Items a warning lists by name; the rest are counted.
LISTED = 20


def listing(items: list[str], count: int, separator: str | None = None) -> Words:
    """'数据!C5、数据!D7等，共 30 个' / '数据!C5, 数据!D7, … 30 in all' (`separator`: the same in
    both languages, instead of 、 and ", ")."""
    zh_more, en_more = READING_WORDS["list-more"]
    zh_separator, en_separator = READING_WORDS["list-separator"]
    if separator is not None:
        zh_separator = en_separator = separator
    zh, en = zh_separator.join(items), en_separator.join(items)
    if count > len(items):
        zh, en = zh + zh_more.format(count=f"{count:,}"), en + en_more.format(count=f"{count:,}")
    return Words(zh, en)


def hidden_parts(rows: tuple[int, ...], columns: tuple[int, ...]) -> Words:
    """'行 3、4；列 D' / 'rows 3, 4 and column D': hidden rows and columns, listed."""
    parts: list[Words] = []
    for keys, numbers in ((("hidden-row", "hidden-rows"), [str(r) for r in rows]),
                          (("hidden-column", "hidden-columns"),
                           [column_letter(c) for c in columns])):
        if numbers:
            listed = listing(numbers[:LISTED], len(numbers))
            zh, en = READING_WORDS[keys[len(numbers) > 1]]
            parts.append(Words(zh.format(items=listed.zh), en.format(items=listed.en)))
    zh_and, en_and = READING_WORDS["and"]
    return Words(zh_and.join(p.zh for p in parts), en_and.join(p.en for p in parts))


def _counted(key: str, count: int) -> Words:
    zh, en = READING_WORDS[key]
    return Words(zh.format(count=f"{count:,}"), en.format(count=f"{count:,}"))


class SheetNotes:
    """The marks, ignored rows and refusals of one sheet (see the module's docstring)."""

    def __init__(self, file: str, sheet: str) -> None:
        self.file = file
        self.sheet = sheet
        self.marked: list[str] = []
        self.marked_count = 0
        self.marks: dict[str, None] = {}
        self.ignored: list[tuple[str, str]] = []  # (label, cell)
        self.ignored_count = 0
        self.too_many: Problem | None = None
        self.fractions: list[str] = []
        self.fraction_count = 0

    def mark(self, cell: Cell) -> bool:
        """Whether the cell holds a no-figure mark (then noted)."""
        if not is_not_available(cell.value):
            return False
        self.marked_count += 1
        if len(self.marked) < LISTED:
            self.marked.append(cell_ref(self.sheet, cell.row, cell.column))
        if len(self.marks) < 8:
            self.marks[str(cell.value).strip()] = None
        return True

    def fraction(self, where: str) -> None:
        """A share of at most 1 written without a % of its own: a fraction, perhaps."""
        self.fraction_count += 1
        if len(self.fractions) < LISTED:
            self.fractions.append(where)

    def ignore(self, label: object, where: str) -> None:
        """A row of other statistics, left out."""
        self.ignored_count += 1
        if len(self.ignored) < LISTED:
            self.ignored.append((display(label), where))

    def refuse(self, label: object, where: str) -> None:
        """More distinct unknown labels than are compared: the sheet is refused, once."""
        if self.too_many is None:
            self.too_many = error("too-many-unknown-rows", self.file, where, sheet=self.sheet,
                                  limit=f"{MAX_LABELS:,}", first=display(label))

    def problems(self) -> list[Problem]:
        found: list[Problem] = []
        if self.marked_count:
            count = _counted("cell" if self.marked_count == 1 else "cells", self.marked_count)
            found.append(warning("not-available", self.file, sheet=self.sheet, count=count,
                                 marks=", ".join(self.marks),
                                 cells=listing(self.marked, self.marked_count)))
        if self.ignored_count:
            zh, en = READING_WORDS["row"]
            rows = [Words(zh.format(label=label, cell=cell), en.format(label=label, cell=cell))
                    for label, cell in self.ignored]
            names = listing([row.zh for row in rows], self.ignored_count)
            english = listing([row.en for row in rows], self.ignored_count)
            count = _counted("one-row" if self.ignored_count == 1 else "rows",
                             self.ignored_count)
            found.append(warning("rows-ignored", self.file, sheet=self.sheet, count=count,
                                 rows=Words(names.zh, english.en)))
        if self.fraction_count:
            count = _counted("cell" if self.fraction_count == 1 else "cells",
                             self.fraction_count)
            found.append(warning("percent-as-fraction", self.file, sheet=self.sheet,
                                 count=count,
                                 cells=listing(self.fractions, self.fraction_count)))
        if self.too_many is not None:
            found.append(self.too_many)
        return found
