"""The guard's byte-level pass over a large worksheet: what the close look (`cell_scan`) would
find, decided from byte searches that rarely match, at close to the speed of inflating.

A sheet of a million rows has eight million cells; a Python call per cell would cost more than
reading the sheet. So the pass only searches the bytes, and names the reasons to take a close
look, which then costs what it costs on the rare sheet that needs it:

- a hidden row or column (the bytes `hidden`, wherever they are);
- a formula tag (`<f`), an error value (a `#` where a cell has t="e"), a shared-string index
  that is not a whole number, a date-formatted serial of seven digits or more;
- a cell start tag that is not `<c r="LETTERS DIGITS"…` as spreadsheets write it (no `r`,
  another attribute first, lower-case letters, a namespace prefix, a reference past Excel's
  limits).

It also bounds the sheet's used rectangle: the pattern accepts references up to the largest
column seen so far and up to a row limit rounded up from the largest row (199,999 for row
123,456); a reference past them raises the limits, which costs a new search only when the
limits grow. Empty cells count as python-calamine counts them, not at all: a styled empty cell
far away moves the bound, and a close look (which counts only cells with values) settles it.
"""

from __future__ import annotations

import re
from functools import cache

from railkpi.read.guard.formula_scan import FORMULA_TAG
from railkpi.read.guard.references import (
    MAX_COLUMNS,
    MAX_ROWS,
    column_number,
    columns_up_to,
    letters_of,
)
from railkpi.read.guard.xml_parsing import has_tag
from railkpi.records import record

#: Bytes kept between chunks at most while waiting for a cell's end (one cell is far less).
CARRY_LIMIT = 256 * 1024
#: The root element, for the namespace prefix the sheet's elements carry (x: or none).
_ROOT = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?worksheet[\s>/]")
#: An error cell: t="e" in some start tag (searched only where a "#" is), the t starting a
#: word (`has_error_type`). A leading \b would make the search try every byte (a sheet of
#: inline strings written as character references has a "#" in every chunk): the pattern
#: starts with the literal t, and the word's start is checked on each match.
_ERROR_TYPE = re.compile(rb"t\s*=\s*[\"']e[\"']")
#: A hidden row or column (LibreOffice writes hidden="false" on every row: no reason).
_HIDDEN = re.compile(rb"\bhidden\s*=\s*[\"'](?:1|true)[\"']")
_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


#: The e between quotes that every t="e" has. Each is searched for as a literal, several
#: times faster than the pattern (tried at every "t": four a cell in a sheet of inline strings).
_QUOTED_E = (b'"e"', b"'e'", b"\"e'", b"'e\"")


def has_error_type(region: bytes) -> bool:
    """Whether `region` has t="e" (or t = 'e') where the t starts a word."""
    if region.find(b'"e"') == -1 and (
            region.find(b"'") == -1  # one byte: the quick search; spreadsheets write "
            or all(region.find(quoted) == -1 for quoted in _QUOTED_E[1:])):
        return False
    position = 0
    while match := _ERROR_TYPE.search(region, position):
        start = match.start()
        if start == 0 or region[start - 1] not in _WORD_BYTES:
            return True
        position = start + 1
    return False


@record
class Patterns:
    """The byte patterns of a sheet whose elements carry the prefix `prefix` (b"" or b"x:")."""

    prefix: bytes
    end_of_cell: bytes  # </c>
    normal: re.Pattern[bytes]  # a cell reference as spreadsheets write it, first in its tag
    foreign: re.Pattern[bytes]  # a cell element with another prefix, or none
    bad_string: re.Pattern[bytes]  # a shared-string cell whose content is not <v>digits</v>

    @property
    def foreign_marker(self) -> bytes:
        """A byte every foreign cell tag has: ":" (another prefix) or "<" (none)."""
        return b":" if not self.prefix else b"<"


@cache
def patterns(prefix: bytes) -> Patterns:
    p = re.escape(prefix)
    name = re.escape(prefix[:-1])
    foreign = (rb":c[\s>/]" if not prefix  # a prefixed c where cells have none
               else rb"<c[\s>/]|(?<!<" + name + rb")(?<!/" + name + rb"):c[\s>/]")
    return Patterns(
        prefix,
        b"</" + prefix + b"c>",
        re.compile(rb"<" + p + rb'c\s+r="([A-Z]{1,3})([1-9]\d{0,6})"[\s>/]'),
        re.compile(foreign),
        re.compile(rb"t=[\"']s[\"'][^>]*>(?!<" + p + rb"v>\d*</" + p + rb"v>|</" + p + rb"c>)"),
    )


@cache
def _unusual_cell(prefix: bytes, columns: int, rows: int) -> re.Pattern[bytes]:
    """A cell start tag that is not `<c r="…"` (one space, r first) with a reference within
    the limits. Made to fail fast on the usual tag: a per-cell search is this pass's cost."""
    letters = f"[A-{letters_of(columns)}]" if columns <= 26 else columns_up_to(columns)
    within = letters.encode() + rows_up_to(rows).encode()
    # Searched only inside <sheetData>, where every <c…> element is a cell, or an element of
    # rich text (<color>, <charset>) that is unusual enough to look at closely.
    return re.compile(rb"<" + re.escape(prefix) + rb'c(?![ ]r="' + within + rb'")')


def rows_up_to(limit: int) -> str:
    """A pattern for the rows 1 … limit, where limit is a rounded_rows value: the numbers of
    its length first (most rows of a large sheet have as many digits as its last)."""
    digits = str(limit)
    longest = (r"10[0-4]\d{4}" if limit == ROWS_CAP
               else f"[1-{digits[0]}]\\d{{{len(digits) - 1}}}")
    return f"(?:{longest}|[1-9]\\d{{0,{len(digits) - 2}}})" if len(digits) > 1 else longest


@cache
def _big_date(prefix: bytes, style: str) -> re.Pattern[bytes]:
    """A cell of date style `style` whose value has seven integer digits or an exponent:
    beyond 9999-12-31 (2,958,465) it may be, so it is looked at closely."""
    p = re.escape(prefix)
    return re.compile(rb'\ss="' + re.escape(style.encode()) + rb'"[^>]*>(?:<' + p + rb"f\b[^<]*"
                      rb"(?:</" + p + rb"f>)?)?<" + p + rb"v>\s*\+?(?:\d{7}|[\d.]+[eE])")


#: The row limit past a row of seven digits: Excel's 1,048,576, rounded up as the others are.
ROWS_CAP = 1_049_999


def rounded_rows(row: int) -> int:
    """The row limit the pattern allows after seeing `row`: its first digit, then nines
    (123,456 → 199,999); past Excel's last row, none."""
    digits = str(row)
    if len(digits) >= 7:
        return ROWS_CAP
    return int(digits[0] + "9" * (len(digits) - 1))


class ByteScan:
    """The pass over one sheet part, a chunk at a time (`feed`, then `finish`)."""

    def __init__(self, shared_strings: bool, date_styles: frozenset[str]) -> None:
        self.shared_strings = shared_strings
        self.date_styles = sorted(date_styles)
        self.reasons: set[str] = set()
        self.columns = 1
        self.rows = 1
        self.cells_seen = False
        self.in_data = False  # inside <sheetData>
        self.data_ended = False
        self.carry = b""
        self.patterns: Patterns | None = None  # known once the root element is seen

    @property
    def box_bound(self) -> int:
        """The most cells the used rectangle can span, if `reasons` is empty."""
        return self.columns * self.rows if self.cells_seen else 0

    def feed(self, chunk: bytes) -> None:
        if self.reasons & {"encoding", "layout"}:
            return
        if self.patterns is None:  # the prefix is known once the root element is seen
            chunk = self.carry + chunk
            self.carry = b""
            if not self._start(chunk):
                self.carry = chunk
                return
        buffer = self.carry + chunk
        assert self.patterns is not None
        cut = buffer.rfind(self.patterns.end_of_cell) + len(self.patterns.end_of_cell)
        if cut < len(self.patterns.end_of_cell):  # no cell ends here: wait, within reason
            if len(buffer) <= CARRY_LIMIT:
                self.carry = buffer
                return
            cut = buffer.rfind(b"<")  # a long text: search up to the last tag's start
            if cut <= 0:
                cut = len(buffer)
        self.carry = buffer[cut:]
        self._search(buffer[:cut] if cut < len(buffer) else buffer)

    def _start(self, head: bytes) -> bool:
        """Whether the root element is in `head` (then the patterns are known)."""
        if head[:2] in (b"\xff\xfe", b"\xfe\xff", b"<\0", b"\0<"):
            self.reasons.add("encoding")  # UTF-16: bytes cannot be searched
            return False
        root = _ROOT.search(head)
        if root is None:
            if len(head) > CARRY_LIMIT:
                self.reasons.add("layout")  # no root near the start: not as writers write
            return False
        self.patterns = patterns(root.group(1) + b":" if root.group(1) else b"")
        return True

    def finish(self) -> None:
        if self.patterns is None:
            self.reasons.add("layout")
        elif self.carry and not self.reasons & {"encoding", "layout"}:
            self._search(self.carry)
        self.carry = b""

    def _search(self, region: bytes) -> None:
        assert self.patterns is not None
        found = self.reasons
        if "formula" not in found and has_tag(region, FORMULA_TAG):
            found.add("formula")
        if region.find(b"#") != -1 and has_error_type(region):
            found.add("error")
        if (region.find(self.patterns.foreign_marker) != -1
                and self.patterns.foreign.search(region)):
            found.add("reference")
        if self.shared_strings and self.patterns.bad_string.search(region):
            found.add("string")
        prefix = self.patterns.prefix
        if any(_big_date(prefix, style).search(region) for style in self.date_styles):
            found.add("date")
        if ("hidden" not in found and region.find(b"hidden") != -1
                and _HIDDEN.search(region)):
            found.add("hidden")  # a hidden row or column: the close look finds which
        if "reference" not in found:
            self._references(region)

    def _references(self, region: bytes) -> None:
        """Raise the column and row limits to cover every cell; an unusual cell tag is a
        reason to look closely. Only the cells inside <sheetData> are looked at."""
        assert self.patterns is not None
        prefix, normal = self.patterns.prefix, self.patterns.normal
        position, end = 0, len(region)
        if not self.in_data:
            position = region.find(b"<" + prefix + b"sheetData")
            if position == -1 or self.data_ended:
                return
            self.in_data = True
        # A region ends with a cell's end tag, except the last one (and one cut in a long
        # text): only those can hold the end of <sheetData>, so only those are searched for it.
        closing = (-1 if region.endswith(self.patterns.end_of_cell)
                   else region.find(b"</" + prefix + b"sheetData", position))
        if closing != -1:
            end, self.in_data, self.data_ended = closing, False, True
        while match := _unusual_cell(prefix, self.columns, self.rows).search(region, position,
                                                                              end):
            usual = normal.match(region, match.start())
            if usual is None:
                self.reasons.add("reference")
                return
            letters, digits = usual.groups()
            column, row = column_number(letters.decode()), int(digits)
            if row > MAX_ROWS or column > MAX_COLUMNS or (
                    column <= self.columns and row <= self.rows):
                self.reasons.add("reference")
                return
            self.columns = max(self.columns, column)
            self.rows = max(self.rows, rounded_rows(row))
            position = match.start()
        if not self.cells_seen and region.find(b"<" + prefix + b"c") != -1:
            self.cells_seen = True
