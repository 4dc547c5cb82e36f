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

`scan(path)` then inflates every member once, itself, in bounded chunks — never more than
`CHUNK` bytes of output at a time, and never past the size the central directory declares.
`zipfile` trusts that declared size: a member declaring 1 KB that really inflates to 1 GB is
returned as its first 1 KB by `ZipFile.read()`, after a single decompression call has built
the whole gigabyte in memory. Here it is refused as soon as it passes its declared size, so
the library that reads the workbook afterwards only ever inflates verified members. The same
pass refuses any XML part that declares a DTD (an .xlsx never does; every XML entity attack
needs one), finds formula cells that have no calculated value — railkpi reads the values a
spreadsheet saved and computes no formulas, so such a cell would otherwise read as blank —
and warns when the workbook asks to be recalculated on opening while it holds formulas whose
saved values may therefore be stale. The scan is independent of how cells are read.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, NoReturn
from xml.parsers import expat

from defusedxml.common import (
    DefusedXmlException,
    DTDForbidden,
    EntitiesForbidden,
    ExternalReferenceForbidden,
)

from railkpi.messages.problems_files import FILE_KINDS
from railkpi.problems import InputError, Problem, error, warning
from railkpi.read.cells import cell_ref

DEFAULT_MAX_SIZE = 200_000_000  # 200 MB
MAX_MEMBERS = 10_000
MAX_DIRECTORY = 16 * 1024 * 1024  # bytes of zip central directory; a workbook's is a few KB
BOMB_MIN_SIZE = 1_000_000  # members declaring more than this must not inflate more than…
BOMB_RATIO = 100  # …this many times their compressed size
UNPACKED_FACTOR = 10  # all members together: at most this × max_size
CHUNK = 64 * 1024
SNIFF_BYTES = 8192
MAX_FORMULA_PROBLEMS = 20  # formula cells without a value listed one by one; the rest counted

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
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END = 0xFFFFFFFA  # OLE sector numbers at or above this end a chain


# -- sizes -------------------------------------------------------------------------------------

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?|\.\d+)\s*(?:([kmgt])(i?))?b?\s*$", re.IGNORECASE)


def parse_size(text: str) -> int:
    """'200MB', '1.5GB', '512KiB', '1048576' → bytes. K, M, G, T are powers of 1000, KiB,
    MiB, GiB, TiB powers of 1024; case and a trailing B do not matter. Raises ValueError."""
    match = _SIZE.match(text)
    if not match:
        raise ValueError(text)
    number, prefix, binary = match.groups()
    power = "kmgt".index(prefix.lower()) + 1 if prefix else 0
    size = int(float(number) * (1024 if binary else 1000) ** power)
    if size <= 0:
        raise ValueError(text)
    return size


def size_limit(text: str | None) -> int:
    """The --max-size option: DEFAULT_MAX_SIZE when not given; InputError when unreadable."""
    if text is None:
        return DEFAULT_MAX_SIZE
    try:
        return parse_size(text)
    except ValueError:
        raise InputError([error("bad-max-size", found=text)]) from None


def format_size(size: int) -> str:
    """1234 → '1.2 KB'; 200000000 → '200 MB' (powers of 1000, as --max-size reads them)."""
    for unit, scale in (("TB", 10**12), ("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + " " + unit
    return f"{size} bytes"


# -- failing -----------------------------------------------------------------------------------


def _fail(problem: Problem) -> NoReturn:
    raise InputError([problem])


def _not_xlsx(file: str, kind: str, **params: str) -> NoReturn:
    zh, en = FILE_KINDS[kind]
    _fail(error("not-xlsx", file, detail=en.format(**params), detail_zh=zh.format(**params),
                kind=kind))


def _damaged(file: str, detail: str) -> NoReturn:
    _fail(error("unreadable-workbook", file, detail=detail))


def reading_problem(exc: BaseException, file: str) -> Problem:
    """The problem to report for an exception raised while a library parses the workbook.

    openpyxl wraps what its parser raised ("Unable to read workbook"): the chain is searched
    for defusedxml's refusal.
    """
    cause: BaseException | None = exc
    for _ in range(10):
        if cause is None:
            break
        if isinstance(cause, DefusedXmlException):
            return error("xml-attack", file, detail=type(cause).__name__)
        cause = cause.__cause__ or cause.__context__
    return error("unreadable-workbook", file, detail=str(exc) or type(exc).__name__)


# -- before opening: the file and its zip directory --------------------------------------------


def inspect(path: Path, max_size: int = DEFAULT_MAX_SIZE) -> None:
    """Raise InputError with one precise problem unless `path` is an .xlsx that is safe to open.

    Reads the first bytes, the zip central directory and [Content_Types].xml; never inflates
    a member to check its size.
    """
    file = path.name
    if not path.exists():
        _fail(error("file-not-found", path=str(path)))
    if not path.is_file():  # a directory, a FIFO or a device: never opened
        _fail(error("not-a-file", path=str(path)))
    size = path.stat().st_size
    if size > max_size:
        suggest = format_size(int(size * 1.1) // 10**6 * 10**6 + 10**6).replace(" ", "")
        _fail(error("file-too-large", file, size=format_size(size), limit=format_size(max_size),
                    suggest=suggest))
    with path.open("rb") as fp:
        head = fp.read(SNIFF_BYTES)
        if not head:
            _not_xlsx(file, "empty")
        directory = _end_of_directory(fp, size)
        if directory is None:
            if head.startswith(b"PK\x03\x04"):
                _damaged(file, "the zip file is truncated or damaged (its directory at the end "
                               "is missing): ask the sender for the file again")
            kind, params = _what_is(fp, head)
            _not_xlsx(file, kind, **params)
        _count_members(file, fp, *directory)
        try:
            archive = zipfile.ZipFile(fp)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, struct.error,
                NotImplementedError) as exc:
            _damaged(file, f"damaged zip file: {exc}")
        with archive:
            infos = archive.infolist()
            _check_sizes(file, infos, max_size)
            _package(file, fp, infos)


def _end_of_directory(fp: BinaryIO, size: int) -> tuple[int, int] | None:
    """(offset, size) of the zip central directory, found as `zipfile` finds it; None if none."""
    if size < 22:
        return None
    tail_start = max(size - (1 << 16) - 22, 0)
    fp.seek(tail_start)
    tail = fp.read()
    position = len(tail) - 22
    if not (tail[position:position + 4] == b"PK\x05\x06" and tail[-2:] == b"\0\0"):
        position = tail.rfind(b"PK\x05\x06")
        if position < 0 or len(tail) - position < 22:
            return None
    directory_size = struct.unpack_from("<L", tail, position + 12)[0]
    location = tail_start + position
    start = location - directory_size
    if location >= 76:  # zip64: the 32-bit fields are placeholders
        fp.seek(location - 20)
        locator = fp.read(20)
        if locator[:4] == b"PK\x06\x07":
            fp.seek(location - 76)
            record = fp.read(56)
            if record[:4] == b"PK\x06\x06":
                directory_size = struct.unpack_from("<Q", record, 40)[0]
                start = location - 76 - directory_size
    return start, directory_size


def _count_members(file: str, fp: BinaryIO, start: int, directory_size: int) -> None:
    """Count central-directory records without building them; stop at the limit."""
    if directory_size > MAX_DIRECTORY:
        _fail(error("zip-directory-too-large", file, size=format_size(directory_size),
                    limit=format_size(MAX_DIRECTORY)))
    if start < 0:
        return  # zipfile reports the damage
    fp.seek(start)
    data = fp.read(directory_size)
    position = count = 0
    while position + 46 <= len(data) and data[position:position + 4] == b"PK\x01\x02":
        name, extra, comment = struct.unpack_from("<3H", data, position + 28)
        position += 46 + name + extra + comment
        count += 1
        if count >= MAX_MEMBERS:
            _fail(error("zip-too-many-members", file, limit=f"{MAX_MEMBERS:,}"))


def _check_sizes(file: str, infos: list[zipfile.ZipInfo], max_size: int) -> None:
    for info in infos:
        if info.file_size > BOMB_MIN_SIZE and info.file_size > BOMB_RATIO * info.compress_size:
            ratio = info.file_size // max(info.compress_size, 1)
            _fail(error("zip-bomb", file, info.filename, compressed=format_size(info.compress_size),
                        size=format_size(info.file_size), ratio=f"{ratio:,}", limit=BOMB_RATIO,
                        threshold=format_size(BOMB_MIN_SIZE)))
    total = sum(info.file_size for info in infos)
    cap = UNPACKED_FACTOR * max_size
    if total > cap:
        _fail(error("zip-unpacked-too-large", file, total=format_size(total),
                    limit=format_size(cap), factor=UNPACKED_FACTOR))


# -- what a file that is not an xlsx is --------------------------------------------------------


def _what_is(fp: BinaryIO, head: bytes) -> tuple[str, dict[str, str]]:
    if head.startswith(OLE_MAGIC):
        streams = _ole_streams(fp)
        if streams is not None:
            if streams & {"EncryptionInfo", "EncryptedPackage"}:
                return "encrypted", {}
            if streams & {"Workbook", "Book"}:
                return "xls", {}
            if "WordDocument" in streams:
                return "doc", {}
            if "PowerPoint Document" in streams:
                return "ppt", {}
        return "ole", {}
    if head.startswith(b"%PDF"):
        return "pdf", {}
    for magic, archive in ((b"Rar!\x1a\x07", "RAR"), (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
                           (b"\x1f\x8b", "gzip")):
        if head.startswith(magic):
            return "archive", {"archive": archive}
    return _text_kind(head) or "binary", {}


def _ole_streams(fp: BinaryIO) -> set[str] | None:
    """Names in an OLE2 compound file's directory (MS-CFB), or None if it cannot be read."""
    try:
        fp.seek(0)
        header = fp.read(512)
        shift = struct.unpack_from("<H", header, 0x1E)[0]
        if shift not in (9, 12):
            return None
        sector_size = 1 << shift
        per_sector = sector_size // 4

        def sector(number: int) -> bytes:
            fp.seek((number + 1) << shift)
            data = fp.read(sector_size)
            if len(data) != sector_size:
                raise ValueError("short sector")
            return data

        fat = list(struct.unpack_from("<109L", header, 0x4C))
        difat, difat_count = struct.unpack_from("<2L", header, 0x44)
        for _ in range(min(difat_count, 1024)):
            if difat >= _END:
                break
            entries = struct.unpack(f"<{per_sector}L", sector(difat))
            fat.extend(entries[:-1])
            difat = entries[-1]
        fat = [number for number in fat if number < _END]

        def following(number: int) -> int:
            index, offset = divmod(number, per_sector)
            if index >= len(fat):
                return _END
            return int(struct.unpack_from("<L", sector(fat[index]), offset * 4)[0])

        names: set[str] = set()
        number = struct.unpack_from("<L", header, 0x30)[0]
        for _ in range(4096):  # a loop in a damaged chain ends here
            if number >= _END:
                break
            data = sector(number)
            for entry in range(0, sector_size, 128):
                length = struct.unpack_from("<H", data, entry + 64)[0]
                if 2 <= length <= 64:
                    names.add(data[entry:entry + length - 2].decode("utf-16-le", "replace"))
            number = following(number)
        return names
    except (struct.error, ValueError, OSError):
        return None


def _text_kind(head: bytes) -> str | None:
    """csv, tsv, html, xml2003 or text for text that is not a workbook; None for binary."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's 'Unicode text' is UTF-16
        text = head.decode("utf-16", "ignore")
    elif b"\0" in head:
        return None
    else:
        text = head.decode("utf-8", "replace")  # GB 18030 text keeps its ASCII markers
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f")
    if not text or controls * 100 > len(text):
        return None
    lowered = text.lstrip("\ufeff \t\r\n").lower()
    if "urn:schemas-microsoft-com:office:spreadsheet" in lowered:
        return "xml2003"
    if lowered.startswith(("<!doctype html", "<html")) or "<html" in lowered[:2048] \
            or "<table" in lowered:
        return "html"
    lines = [line for line in text.splitlines() if line.strip()]
    if len(head) == SNIFF_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the last line read may be cut short
    lines = lines[:20]
    for delimiter, kind in (("\t", "tsv"), (",", "csv"), (";", "csv"), ("，", "csv")):
        counts = [line.count(delimiter) for line in lines]
        if counts and counts[0] and sum(1 for c in counts if c) * 5 >= len(counts) * 4:
            return kind
    return "text"


# -- the package: content types, workbook part, sheets -----------------------------------------


@dataclass
class _Package:
    workbook: str  # the workbook part, lower case, no leading slash
    types: dict[str, str]  # part (lower case) → content type, from Override
    defaults: dict[str, str]  # extension → content type, from Default
    infos: dict[str, zipfile.ZipInfo]  # part (lower case) → member; the last of duplicates

    def content_type(self, part: str) -> str:
        return self.types.get(part) or self.defaults.get(posixpath.splitext(part)[1][1:], "")


def _part(name: str) -> str:
    return name.lstrip("/").lower()


def _package(file: str, fp: BinaryIO, infos: list[zipfile.ZipInfo]) -> _Package:
    by_name = {info.filename.lower(): info for info in infos}
    mimetype = by_name.get("mimetype")
    if mimetype is not None and mimetype.file_size < 200:
        kind = b"".join(_inflate(file, fp, mimetype)).decode("ascii", "replace").strip()
        if kind == "application/vnd.oasis.opendocument.spreadsheet":
            _not_xlsx(file, "ods")
        if kind.startswith("application/vnd.oasis.opendocument"):
            _not_xlsx(file, "odf", mimetype=kind)
    content_types = by_name.get("[content_types].xml")
    if content_types is None:
        _not_xlsx(file, "zip")
    handler = _ContentTypes()
    _parse_xml(file, fp, content_types, handler)
    package = _Package("", handler.types, handler.defaults, by_name)
    workbook = next((part for part, kind in handler.types.items() if kind in WORKBOOK_TYPES),
                    None)
    if workbook is None and WORKBOOK_TYPES & set(handler.defaults.values()):
        workbook = "xl/workbook.xml"  # as openpyxl assumes
    if workbook is None:
        other = next((OTHER_PACKAGES[kind] for kind in handler.types.values()
                      if kind in OTHER_PACKAGES), "zip")
        _not_xlsx(file, other)
    if workbook not in by_name:
        _not_xlsx(file, "zip")
    package.workbook = workbook
    return package


class _Handler:
    """Element callbacks for `_parse_xml`. Names are 'namespace}local' (expat's form here);
    unprefixed attributes have no namespace."""

    def start(self, name: str, attrs: dict[str, str]) -> None:
        pass

    def end(self, name: str) -> None:
        pass


def _local(name: str) -> str:
    return name.rpartition("}")[2]


class _ContentTypes(_Handler):
    def __init__(self) -> None:
        self.types: dict[str, str] = {}
        self.defaults: dict[str, str] = {}

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        if local == "Override":
            self.types[_part(attrs.get("PartName", ""))] = attrs.get("ContentType", "")
        elif local == "Default":
            self.defaults[attrs.get("Extension", "").lower()] = attrs.get("ContentType", "")


class _Relationships(_Handler):
    def __init__(self, base: str) -> None:
        self.base = base
        self.worksheets: dict[str, str] = {}  # relationship id → part

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if _local(name) != "Relationship" or attrs.get("TargetMode") == "External":
            return
        if attrs.get("Type", "").endswith("/worksheet"):
            target = attrs.get("Target", "")
            part = target if target.startswith("/") else posixpath.join(self.base, target)
            self.worksheets[attrs.get("Id", "")] = _part(posixpath.normpath(part))


class _Workbook(_Handler):
    def __init__(self) -> None:
        self.sheets: list[tuple[str, str]] = []  # (name, relationship id)
        self.full_calc_on_load = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name in _SHEET:
            rid = next((value for key, value in attrs.items()
                        if key.endswith("relationships}id")), "")
            self.sheets.append((attrs.get("name", ""), rid))
        elif name in _CALC:
            self.full_calc_on_load = attrs.get("fullCalcOnLoad") in ("1", "true")


def _names(local: str) -> frozenset[str]:
    return frozenset(f"{namespace}}}{local}" for namespace in SPREADSHEET_NS)


_SHEET, _CALC = _names("sheet"), _names("calcPr")
_ROW, _CELL, _FORMULA, _VALUE, _INLINE = (_names(n) for n in ("row", "c", "f", "v", "is"))


# -- the scan: every member inflated once, checked on the way ----------------------------------


@dataclass
class _Formulas:
    """Formula cells found: those without a value (listed up to a limit) and those with one."""

    missing: list[tuple[str, str]] = field(default_factory=list)  # (cell, formula)
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
            _damaged(file, f"damaged zip file: {exc}")
        package = _package(file, fp, infos)
        base, leaf = posixpath.split(package.workbook)
        relationships = _Relationships(base)
        rels = package.infos.get(posixpath.join(base, "_rels", leaf + ".rels"))
        if rels is not None:
            _parse_xml(file, fp, rels, relationships)
        workbook = _Workbook()
        _parse_xml(file, fp, package.infos[package.workbook], workbook)
        sheets = {relationships.worksheets[rid]: name for name, rid in workbook.sheets
                  if rid in relationships.worksheets}
        parsed = {id(info) for info in (package.infos["[content_types].xml"],
                                        package.infos[package.workbook], rels) if info}
        formulas = _Formulas()
        for info in infos:
            part = info.filename.lower()
            if id(info) in parsed:
                continue
            if part in sheets and package.infos[part] is info:  # the copy a reader uses
                if _check_prolog(file, fp, info, _FORMULA_TAG):  # parsed only if it may
                    _parse_xml(file, fp, info, _SheetScanner(sheets[part], formulas))
            elif _is_xml(package.content_type(part), part):
                _check_prolog(file, fp, info)
            else:
                for _ in _inflate(file, fp, info):
                    pass
    return _formula_problems(file, formulas, workbook.full_calc_on_load)


def _is_xml(content_type: str, part: str) -> bool:
    return content_type.endswith(("+xml", "/xml")) or part.endswith((".xml", ".rels", ".vml"))


def _formula_problems(file: str, formulas: _Formulas, full_calc_on_load: bool) -> list[Problem]:
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


def _inflate(file: str, fp: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A member's bytes, read from its local header and inflated at most CHUNK at a time.

    Refused (InputError) the moment the output passes the declared size; damaged when it
    ends short of it or its CRC-32 differs.
    """
    member = info.filename
    if info.flag_bits & 0x1:
        _damaged(file, f"part {member} is password-encrypted inside the zip, which an .xlsx "
                       "never is")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        _damaged(file, f"part {member} uses zip compression method {info.compress_type}; an "
                       ".xlsx uses only deflate")
    fp.seek(info.header_offset)
    header = fp.read(30)
    if len(header) != 30 or header[:4] != b"PK\x03\x04":
        _damaged(file, f"part {member}: bad zip local header")
    name_length, extra_length = struct.unpack_from("<2H", header, 26)
    position = info.header_offset + 30 + name_length + extra_length
    left = info.compress_size
    produced = crc = 0
    inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    pending = b""
    finished = False
    try:
        while not finished:
            if not pending and left > 0:
                fp.seek(position)
                pending = fp.read(min(CHUNK, left))
                if not pending:
                    break  # the file ends inside the member
                position += len(pending)
                left -= len(pending)
            if inflater is None:
                out, pending = pending, b""
                finished = left <= 0
            else:
                out = inflater.decompress(pending, CHUNK)
                pending = inflater.unconsumed_tail
                finished = inflater.eof or (not out and not pending and left <= 0)
            if out:
                produced += len(out)
                if produced > info.file_size:
                    _fail(error("zip-member-inflates", file, member,
                                size=format_size(info.file_size)))
                crc = zlib.crc32(out, crc)
                yield out
    except zlib.error as exc:
        _damaged(file, f"part {member} is damaged: {exc}")
    # Like zipfile, judged by size and checksum, not by how the deflate stream ends.
    if produced != info.file_size or crc != info.CRC:
        _damaged(file, f"part {member} is damaged: its contents do not match the size or "
                       "checksum in the zip directory")


def _refuse_dtd(name: str, system_id: str | None, public_id: str | None,
                has_internal_subset: bool) -> None:
    raise DTDForbidden(name, system_id, public_id)


def _refuse_entity(name: str, is_parameter_entity: bool, value: str | None, base: str | None,
                   system_id: str | None, public_id: str | None,
                   notation_name: str | None) -> None:
    raise EntitiesForbidden(name, value, base, system_id, public_id, notation_name)


def _refuse_unparsed_entity(name: str, base: str | None, system_id: str | None,
                            public_id: str | None, notation_name: str | None) -> None:
    raise EntitiesForbidden(name, None, base, system_id, public_id, notation_name)


def _refuse_external(context: str, base: str | None, system_id: str | None,
                     public_id: str | None) -> int:
    raise ExternalReferenceForbidden(context, base, system_id, public_id)


def _expat() -> expat.XMLParserType:
    """An expat parser refusing what defusedxml refuses with forbid_dtd=True — a DTD, entity
    declarations, external references — raising defusedxml's own exceptions. Used directly,
    not through xml.sax, because a worksheet has an element per cell: SAX's per-element
    objects made the scan cost half of what reading the workbook costs."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_entity
    parser.UnparsedEntityDeclHandler = _refuse_unparsed_entity
    parser.ExternalEntityRefHandler = _refuse_external
    return parser


def _parse_xml(file: str, fp: BinaryIO, info: zipfile.ZipInfo, handler: _Handler) -> None:
    """Parse a part, streamed, refusing any DTD (an .xlsx never has one)."""
    parser = _expat()
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    if isinstance(handler, _SheetScanner):
        handler.parser = parser
    try:
        for chunk in _inflate(file, fp, info):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except DefusedXmlException as exc:
        _fail(error("xml-attack", file, info.filename, detail=type(exc).__name__))
    except expat.ExpatError as exc:
        _damaged(file, f"part {info.filename} is not well-formed XML: {exc}")


class _RootReached(Exception):
    pass


def _root_reached(name: str, attrs: dict[str, str]) -> None:
    raise _RootReached


#: The start of a formula element, <f> or <x:f …>, in bytes of any ASCII-based encoding. In
#: text a '<' is always escaped, so outside comments and CDATA this is a tag.
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][-.\w]*:)?f[\s/>]")


def _has_tag(data: bytes, tag: re.Pattern[bytes]) -> bool:
    """Whether `tag` (a pattern ending in the element name f) occurs in `data`.

    Searching for the single byte "f" runs at memory speed, and in sheet XML an "f" is rare
    (UTF-8 text never contains the byte outside ASCII, and numbers and cell references have
    none); the pattern is tried only where an "f" follows "<" or a prefix's ":".
    """
    position = data.find(b"f", 1)
    while position != -1:
        if data[position - 1] in b"<:":
            opening = data.rfind(b"<", 0, position)
            if opening != -1 and tag.match(data, opening):
                return True
        position = data.find(b"f", position + 1)
    return False


def _check_prolog(file: str, fp: BinaryIO, info: zipfile.ZipInfo,
                  look_for: re.Pattern[bytes] | None = None) -> bool:
    """Refuse an XML part whose prolog declares a DTD; inflate the rest without parsing it.

    Returns whether `look_for` occurs in the part (always True for UTF-16 text, which a
    byte pattern cannot search).
    """
    chunks = _inflate(file, fp, info)
    prolog = _expat()
    prolog.StartElementHandler = _root_reached  # a DTD can only come before the root
    parser: expat.XMLParserType | None = prolog
    found = False
    start = b""  # the part's first two bytes
    window = b""  # the last bytes seen, so that a tag cut by a chunk boundary is found
    for chunk in chunks:
        if len(start) < 2:
            start = (start + chunk)[:2]
            if start in (b"\xff\xfe", b"\xfe\xff", b"<\0", b"\0<"):  # UTF-16
                found = look_for is not None
        if parser is not None:
            try:
                parser.Parse(chunk, False)
            except _RootReached:
                parser = None
            except DefusedXmlException as exc:
                _fail(error("xml-attack", file, info.filename, detail=type(exc).__name__))
            except expat.ExpatError:
                parser = None  # not well-formed before its root (a legacy VML drawing, say):
                # left to the reader, which ignores or refuses it; sizes are still checked
        if look_for is not None and not found:
            seen = window + chunk
            found = _has_tag(seen, look_for)
            window = seen[-256:]
    return found


class _SheetScanner(_Handler):
    """Formula cells of one worksheet: <c><f>…</f><v>…</v></c>, streamed.

    A formula cell has no value when it has no <v>, or an empty one — except a text result
    (t="str"), which Excel and LibreOffice write as an empty <v></v> when the formula
    returns "". Text is only collected inside <f> and <v>.
    """

    def __init__(self, sheet: str, formulas: _Formulas) -> None:
        self.sheet = sheet
        self.formulas = formulas
        self.parser: expat.XMLParserType | None = None
        self.row = 0
        self.column = 0
        self.cell_type = "n"
        self.formula: list[str] | None = None  # the formula's text, in a formula cell
        self.value_element = False
        self.value_text = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name in _CELL:
            self.row, self.column = _reference(attrs.get("r"), self.row, self.column + 1)
            self.cell_type = attrs.get("t", "n")
            self.formula = None
            self.value_element = self.value_text = False
        elif name in _ROW:
            self.row = _number(attrs.get("r"), self.row + 1)
            self.column = 0
        elif name in _FORMULA:
            self.formula = []
            self._collect(self._formula_text)
        elif name in _VALUE:
            self.value_element = True
            self._collect(self._value_text)
        elif name in _INLINE:
            self.value_element = self.value_text = True

    def end(self, name: str) -> None:
        if name in _FORMULA or name in _VALUE:
            self._collect(None)
        elif name in _CELL and self.formula is not None:
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
            shown = "=" + (text if len(text) <= 40 else text[:37] + "…") if text else "(shared)"
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
