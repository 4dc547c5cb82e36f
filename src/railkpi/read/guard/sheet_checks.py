"""The guard's findings as problems: a sheet's close look (error values, a sparse rectangle,
references past Excel's limits, bad string indices, dates past 9999) and the shared-string
table's declared counts."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from typing import TypeVar

from railkpi.problems import Problem, error, more_of
from railkpi.read.cells import cell_ref
from railkpi.read.guard.cell_scan import Listed, SheetScan
from railkpi.read.guard.limits import format_size
from railkpi.read.guard.references import allowed_box

Item = TypeVar("Item")

#: Strings a table may declare beyond those it holds (a writer's rounding, not an attack).
STRING_SLACK = 1024
#: A cell referring to a shared string takes at least this many bytes of sheet XML.
BYTES_PER_STRING_CELL = 16
_ROOT = re.compile(rb"<(?:[\w.-]+:)?sst\b[^>]*>")
_COUNT = re.compile(rb"""\b(count|uniqueCount)\s*=\s*["'](\d{1,20})["']""")


def _each(listed: Listed[Item], problems: Iterable[Problem]) -> list[Problem]:
    """The problems of the listed items, and one record counting the others."""
    made = list(problems)
    if made and listed.count > len(made):
        made.append(more_of(made[0], listed.count - len(made)))
    return made


def scan_problems(file: str, scan: SheetScan, part_size: int) -> list[Problem]:
    """The problems a sheet's close look found, each kind listed up to a limit."""
    sheet = scan.sheet
    problems = _each(scan.errors, (error("excel-error", file, where, value=value)
                                   for where, value in scan.errors.items))
    problems += _each(scan.references, (error("bad-cell-reference", file, sheet=sheet,
                                              reference=reference)
                                        for reference in scan.references.items))
    problems += _each(scan.strings, (error("bad-string-index", file, where, found=found)
                                     for where, found in scan.strings.items))
    problems += _each(scan.dates, (error("date-out-of-range", file, where, found=found)
                                   for where, found in scan.dates.items))
    box = scan.box
    if box > allowed_box(scan.cells, part_size):
        strays = dict.fromkeys((scan.rightmost, scan.lowest))
        stray = ", ".join(cell_ref(sheet, *cell) for cell in strays)
        problems.append(error(
            "sheet-too-sparse", file, cell_ref(sheet, *scan.rightmost), sheet=sheet,
            first=cell_ref(sheet, scan.top, scan.left),
            corner=cell_ref(sheet, scan.bottom, scan.right),
            rows=f"{scan.bottom - scan.top + 1:,}", columns=f"{scan.right - scan.left + 1:,}",
            cells=f"{scan.cells:,}", memory=format_size(32 * box), stray=stray))
    return problems


def string_table_problems(file: str, info: zipfile.ZipInfo, chunks: Iterable[bytes],
                          sheet_bytes: int) -> list[Problem]:
    """A shared-string table that declares more strings than it holds (uniqueCount: readers
    reserve room for that many) or more references than the sheets could make (count)."""
    declared: dict[bytes, int] = {}
    tags = empty = 0
    head = b""
    for chunk in chunks:
        if not declared and len(head) < 4096:
            head += chunk[:4096]
            root = _ROOT.search(head)
            if root is not None:
                declared = {name: int(value) for name, value in _COUNT.findall(root.group())}
                declared.setdefault(b"", 0)
        tags += chunk.count(b"si>")  # <si>, </si>, <x:si>, </x:si>: two a string
        empty += chunk.count(b"si/>")
    found = tags // 2 + empty
    limits = {b"uniqueCount": found + STRING_SLACK,
              b"count": max(found, sheet_bytes // BYTES_PER_STRING_CELL) + STRING_SLACK}
    return [error("bad-string-table", file, info.filename, declared=f"{declared[name]:,}",
                  attribute=name.decode(), found=f"{found:,}")
            for name, limit in limits.items() if declared.get(name, 0) > limit]
