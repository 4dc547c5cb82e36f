"""Checks on an untrusted .xlsx before and beside the spreadsheet library that reads it.

Workbooks arrive by e-mail from other offices, so a file named .xlsx may be anything: an old
.xls, a password-protected workbook, a CSV, an HTML page, or a file built to exhaust memory.

`inspect(path, max_size)` decides from the file's first bytes, its zip central directory and
its [Content_Types].xml part whether it is an .xlsx railkpi should open at all, and raises
InputError with one precise problem when it is not. It never inflates a member to check a size:

- fewer than `MAX_MEMBERS` zip members, and a central directory under `MAX_DIRECTORY` bytes
  (counted before `zipfile` builds an object per member);
- no member declaring more than `BOMB_MIN_SIZE` bytes that inflates more than `BOMB_RATIO`:1
  (Apache POI's defaults);
- at most `UNPACKED_FACTOR` × max_size bytes declared in all: 2 GB at the default 200 MB. The
  cap follows --max-size so that a user who raises the limit for a genuine large workbook
  raises both; deflate packs spreadsheet XML about 5–20:1, so 10:1 on average over a whole
  file is generous for real workbooks.

`survey(path)` (and `scan(path)`, its problems) then inflates every member once, itself, in
bounded chunks — never more than
`CHUNK` bytes of output at a time, and never past the size the central directory declares.
`zipfile` trusts that declared size: a member declaring 1 KB that really inflates to 1 GB is
returned as its first 1 KB by `ZipFile.read()`, after a single decompression call has built
the whole gigabyte in memory. Here it is refused as soon as it passes its declared size, so
the library that reads the workbook afterwards only ever inflates verified members. The same
pass refuses any XML part that declares a DTD (an .xlsx never does; every XML entity attack
needs one), finds formula cells that have no calculated value — railkpi reads the values a
spreadsheet saved and computes no formulas, so such a cell would otherwise read as blank —
and warns when the workbook asks to be recalculated on opening while it holds formulas whose
saved values may therefore be stale. It also looks at every worksheet before a reader
allocates for it (see workbook_pass): error values, a used rectangle far larger than the cells
in it, references past Excel's limits, shared-string tables that lie, and the cells formatted
as percentages. The scan is independent of how cells are read.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

from railkpi.problems import Problem, error
from railkpi.read.guard.file_kind import SNIFF_BYTES, what_is
from railkpi.read.guard.limits import (
    DEFAULT_MAX_SIZE,
    format_size,
    parse_size,
    size_limit,
    size_words,
)
from railkpi.read.guard.package import read_package
from railkpi.read.guard.refusals import damaged, fail, not_xlsx, reading_problem
from railkpi.read.guard.workbook_pass import Survey, survey
from railkpi.read.guard.zip_parts import check_sizes, count_members, end_of_directory

__all__ = ["DEFAULT_MAX_SIZE", "Survey", "format_size", "inspect", "parse_size", "reading_problem",
           "scan", "size_limit", "survey"]


def scan(path: Path) -> list[Problem]:
    """The problems the guard's pass over `path` finds (see `survey`). Call after `inspect`."""
    return survey(path).problems


def inspect(path: Path, max_size: int = DEFAULT_MAX_SIZE) -> None:
    """Raise InputError with one precise problem unless `path` is an .xlsx that is safe to open.

    Reads the first bytes, the zip central directory and [Content_Types].xml; never inflates
    a member to check its size.
    """
    file = path.name
    if not path.exists():
        fail(error("file-not-found", path=str(path)))
    if not path.is_file():  # a directory, a FIFO or a device: never opened
        fail(error("not-a-file", path=str(path)))
    size = path.stat().st_size
    if size > max_size:
        suggest = format_size(int(size * 1.1) // 10**6 * 10**6 + 10**6).replace(" ", "")
        fail(error("file-too-large", file, size=size_words(size), limit=size_words(max_size),
                    suggest=suggest))
    with path.open("rb") as fp:
        head = fp.read(SNIFF_BYTES)
        if not head:
            not_xlsx(file, "empty")
        directory = end_of_directory(fp, size)
        if directory is None:
            if head.startswith(b"PK\x03\x04"):
                damaged(file, "truncated")
            kind, params = what_is(fp, head)
            not_xlsx(file, kind, **params)
        count_members(file, fp, *directory)
        try:
            archive = zipfile.ZipFile(fp)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, struct.error,
                NotImplementedError) as exc:
            damaged(file, "zip", error=exc)
        with archive:
            infos = archive.infolist()
            check_sizes(file, infos, max_size)
            read_package(file, fp, infos)
