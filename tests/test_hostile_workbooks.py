"""Broken and hostile input files: each refused with a message naming its problem, cheaply.

Every file is made here by a generator — no binary blobs in the repository. Each case runs
twice: in-process through the `railkpi` fixture for the exit status and the message, and as
`python -m railkpi validate FILE` in a subprocess whose own wall time and peak resident memory
are measured (the child reports its own peak: see PEAK_WRAPPER).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import openpyxl
import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from railkpi.plans.loader import load_plans
from railkpi.plans.registry import IndicatorRegistry, merge_plans
from railkpi.problems import InputError
from railkpi.read import guard as xlsx_guard
from railkpi.read.cells import CellError, parse_figure_cell, parse_year
from railkpi.read.guard import formula_scan, workbook_pass, xml_parsing, zip_parts
from railkpi.read.guard.limits import parse_size
from railkpi.read.workbook import read_workbook

MIB = 1 << 20
MEMORY_LIMIT = 300 * MIB  # peak resident memory of the command
SECRET = "TOP-SECRET-7f3a9c"  # the contents of the local file an XXE tries to read

LONG_ZH = ["指标", "年份", "数值", "单位", "备注"]
GOOD_ROWS: list[list[Any]] = [LONG_ZH, ["revenue_total", 2023, 2890.5, "亿元", "初步"]]
SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
STYLES = "xl/styles.xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@pytest.fixture(scope="module")
def registry() -> IndicatorRegistry:
    return merge_plans(load_plans(["14th-fyp", "2023-2025"]))


# -- generators: zip members written by hand --------------------------------------------------


@dataclass(frozen=True)
class Member:
    """A zip member as stored: its compressed bytes and what the directory declares."""

    name: str
    data: bytes
    file_size: int
    crc: int
    method: int = zipfile.ZIP_DEFLATED


def deflated(name: str, content: bytes) -> Member:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return Member(name, packer.compress(content) + packer.flush(), len(content),
                  zlib.crc32(content))


def write_zip(path: Path, members: list[Member]) -> Path:
    """A zip file written field by field, so that its directory can say anything."""
    directory = []
    with path.open("wb") as out:
        for member in members:
            offset = out.tell()
            name = member.name.encode()
            out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0x800, member.method, 0, 0,
                                  member.crc, len(member.data), member.file_size, len(name), 0))
            out.write(name)
            out.write(member.data)
            directory.append(struct.pack(
                "<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0x800, member.method, 0, 0, member.crc,
                len(member.data), member.file_size, len(name), 0, 0, 0, 0, 0, offset) + name)
        start = out.tell()
        for record in directory:
            out.write(record)
        size = out.tell() - start
        out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(directory), len(directory),
                              size, start, 0))
    return path


def workbook_parts(rows: list[list[Any]] | None = None, title: str = "数据") -> dict[str, bytes]:
    """The parts of a real workbook written by openpyxl, by name."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for row in rows or GOOD_ROWS:
        sheet.append(row)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "base.xlsx"
        workbook.save(path)
        with zipfile.ZipFile(path) as archive:
            return {name: archive.read(name) for name in archive.namelist()}


def rebuilt(path: Path, parts: dict[str, bytes],
            changes: dict[str, Member | bytes] | None = None) -> Path:
    """The workbook `parts` with the members named in `changes` replaced or added."""
    changes = changes or {}
    members = []
    for name, content in {**parts, **changes}.items():
        members.append(content if isinstance(content, Member) else deflated(name, content))
    return write_zip(path, members)


# -- workbooks written part by part: the bytes are the test's, whatever writer is installed -----


@dataclass(frozen=True)
class Formula:
    """A formula cell; `cached` is the value saved with it (None: saved without one)."""

    text: str
    cached: float | None = None


@dataclass(frozen=True)
class SharedString:
    """A cell pointing at entry `index` of the shared-strings part."""

    index: int


RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
OFFICE_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_xml(ref: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Formula):
        saved = "" if value.cached is None else f"<v>{value.cached!r}</v>"
        return f'<c r="{ref}"><f>{xml_escape(value.text)}</f>{saved}</c>'
    if isinstance(value, str) and value.startswith("="):
        return cell_xml(ref, Formula(value[1:]))
    if isinstance(value, SharedString):
        return f'<c r="{ref}" t="s"><v>{value.index}</v></c>'
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{xml_escape(value)}</t></is></c>'
    return f'<c r="{ref}"><v>{value!r}</v></c>'


def handmade_parts(rows: list[list[Any]], title: str = "数据", *, full_calc_on_load: bool = False,
                   strings: bytes | None = None) -> dict[str, bytes]:
    """The parts of a one-sheet workbook, every byte written here (no styles: readers default).

    Cells: None is empty, "=…" or Formula a formula, SharedString an index into `strings`,
    other text an inline string, a number its repr.
    """
    sheet_rows = "".join(
        f'<row r="{r}">'
        + "".join(cell_xml(f"{column_letter(c)}{r}", v) for c, v in enumerate(row))
        + "</row>"
        for r, row in enumerate(rows, start=1))
    sheet = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}">'
             f"<sheetData>{sheet_rows}</sheetData></worksheet>")
    calc = '<calcPr calcId="191029" fullCalcOnLoad="1"/>' if full_calc_on_load else ""
    workbook = (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS}" '
                f'xmlns:r="{DOC_RELS_NS}"><sheets><sheet name="{xml_escape(title)}" '
                f'sheetId="1" r:id="rId1"/></sheets>{calc}</workbook>')
    overrides = [("/xl/workbook.xml", f"{OFFICE_TYPE}.sheet.main+xml"),
                 ("/xl/worksheets/sheet1.xml", f"{OFFICE_TYPE}.worksheet+xml")]
    relations = [("rId1", "worksheet", "worksheets/sheet1.xml")]
    parts: dict[str, bytes] = {}
    if strings is not None:
        overrides.append(("/xl/sharedStrings.xml", f"{OFFICE_TYPE}.sharedStrings+xml"))
        relations.append(("rId2", "sharedStrings", "sharedStrings.xml"))
        parts[STRINGS] = strings
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
        'ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides)
        + "</Types>")
    package_rels = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS_NS}">'
                    f'<Relationship Id="rId1" Type="{DOC_RELS_NS}/officeDocument" '
                    f'Target="xl/workbook.xml"/></Relationships>')
    workbook_rels = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS_NS}">'
                     + "".join(f'<Relationship Id="{rid}" Type="{DOC_RELS_NS}/{kind}" '
                               f'Target="{target}"/>' for rid, kind, target in relations)
                     + "</Relationships>")
    parts.update({
        "[Content_Types].xml": types.encode(),
        "_rels/.rels": package_rels.encode(),
        "xl/workbook.xml": workbook.encode(),
        "xl/_rels/workbook.xml.rels": workbook_rels.encode(),
        SHEET: sheet.encode(),
    })
    return parts


@cache
def repeated_spaces(mebibytes: int, prefix: bytes, suffix: bytes) -> tuple[bytes, int, int]:
    """prefix + `mebibytes` MiB of spaces + suffix, deflated at level 9 without compressing it all.

    After a full flush the compressor starts afresh, so every MiB of spaces deflates to the same
    ~1 KB block: it is compressed once and repeated. Returns (stream, size, crc).
    """
    chunk = b" " * MIB
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = packer.compress(prefix) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    assert packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH) == block
    tail = packer.compress(suffix) + packer.flush()
    crc = zlib.crc32(prefix)
    for _ in range(mebibytes):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(suffix, crc)
    return head + block * mebibytes + tail, len(prefix) + mebibytes * MIB + len(suffix), crc


BOMB_MIB = 1200  # ≈ 1.2 MB compressed, 1.26 GB inflated
SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="' + MAIN_NS.encode()
              + b'"><sheetData>')
SHEET_TAIL = b"</sheetData></worksheet>"


def bomb(name: str) -> Member:
    stream, size, crc = repeated_spaces(BOMB_MIB, SHEET_HEAD, SHEET_TAIL)
    return Member(name, stream, size, crc)


def liar(name: str, declared: int = 1000) -> Member:
    """The bomb's stream, declaring only its first `declared` bytes — with their CRC-32, so that
    `zipfile` itself never notices: it returns those bytes after inflating everything."""
    stream, _, _ = repeated_spaces(BOMB_MIB, SHEET_HEAD, SHEET_TAIL)
    start = (SHEET_HEAD + b" " * declared)[:declared]
    return Member(name, stream, declared, zlib.crc32(start))


# -- generators: files that are not workbooks -------------------------------------------------


def ole2(*streams: str) -> bytes:
    """A minimal OLE2 compound file (MS-CFB, 512-byte sectors): a FAT, one directory sector."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<L", header, 0x2C, 1)  # FAT sectors
    struct.pack_into("<L", header, 0x30, 1)  # first directory sector
    struct.pack_into("<L", header, 0x38, 4096)  # mini stream cut-off
    struct.pack_into("<4L", header, 0x3C, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)  # mini FAT, DIFAT
    struct.pack_into("<109L", header, 0x4C, 0, *[0xFFFFFFFF] * 108)
    fat = struct.pack("<128L", 0xFFFFFFFD, 0xFFFFFFFE, *[0xFFFFFFFF] * 126)
    names = ["Root Entry", *streams]
    assert len(names) <= 4
    directory = bytearray(512)
    for index, name in enumerate(names):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\0\0"
        entry[: len(encoded)] = encoded
        struct.pack_into("<HBB3L", entry, 64, len(encoded), 5 if index == 0 else 2, 1,
                         0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
        struct.pack_into("<L", entry, 116, 0xFFFFFFFE)  # starting sector: none
        directory[index * 128:(index + 1) * 128] = entry
    return bytes(header) + fat + bytes(directory)


def zip_of(path: Path, files: dict[str, bytes], stored_first: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            archive.writestr(stored_first, files[stored_first], zipfile.ZIP_STORED)
        for name, content in files.items():
            if name != stored_first:
                archive.writestr(name, content)
    return path


def make_ods(path: Path) -> Path:
    return zip_of(path, {
        "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
        "content.xml": b'<?xml version="1.0"?><office:document-content xmlns:office='
                       b'"urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
        "META-INF/manifest.xml": b'<?xml version="1.0"?><manifest/>',
    }, stored_first="mimetype")


def make_docx(path: Path) -> Path:
    types = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
             b'2006/content-types"><Override PartName="/word/document.xml" ContentType="'
             b'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'
             b'"/></Types>')
    return zip_of(path, {"[Content_Types].xml": types, "word/document.xml": b"<w:document/>"})


def make_truncated(path: Path) -> Path:
    parts = workbook_parts()
    whole = rebuilt(path, parts)
    data = whole.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    return path


def make_many_members(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for number in range(10_001):
            archive.writestr(f"xl/media/m{number}.bin", b"")
    return path


def make_big_directory(path: Path) -> Path:
    """270 empty members, each with a 64 KB comment: a 17 MB central directory."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for number in range(270):
            info = zipfile.ZipInfo(f"m{number}")
            info.comment = b"c" * 65535
            archive.writestr(info, b"")
    return path


def make_declared_huge(path: Path) -> Path:
    parts = workbook_parts()
    small = deflated(SHEET, parts[SHEET])
    huge = Member(SHEET, small.data, 4_000_000_000, small.crc)
    return rebuilt(path, parts, {SHEET: huge})


def make_many_megabytes(path: Path) -> Path:
    """2,100 members of 1 MB (under the bomb threshold each): 2.1 GB declared in all."""
    parts = workbook_parts()
    zeros = deflated("", b"\0" * 1_000_000)
    members = [deflated(name, content) for name, content in parts.items()]
    members += [Member(f"xl/media/z{n}.bin", zeros.data, zeros.file_size, zeros.crc)
                for n in range(2_100)]
    return write_zip(path, members)


def billion_laughs() -> bytes:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]
    return (f'<?xml version="1.0"?><!DOCTYPE sst [{"".join(entities)}]>'
            f'<sst xmlns="{MAIN_NS}" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>'
            ).encode()


def quadratic_blowup() -> bytes:
    return (f'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "{"a" * 50_000}">]>'
            f'<sst xmlns="{MAIN_NS}" count="1" uniqueCount="1"><si><t>{"&a;" * 50_000}</t></si>'
            f"</sst>").encode()


def external_entity(secret: Path) -> bytes:
    return (f'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM '
            f'"{secret.as_uri()}">]><worksheet xmlns="{MAIN_NS}"><sheetData><row r="1">'
            f'<c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>'
            ).encode()


def with_strings(path: Path, strings: bytes) -> Path:
    """A workbook whose shared-strings part is `strings`, cell A3 pointing into it."""
    rows: list[list[Any]] = [*GOOD_ROWS, [SharedString(0)]]
    return rebuilt(path, handmade_parts(rows, strings=strings))


def make_xxe(path: Path) -> Path:
    secret = path.with_name("secret.txt")
    secret.write_text(SECRET)
    parts = workbook_parts()
    return rebuilt(path, parts, {SHEET: external_entity(secret)})


def formula_workbook(*values: Any) -> dict[str, bytes]:
    """A data sheet whose value cells hold `values` ("=…" is a formula saved without a value)."""
    rows = [LONG_ZH] + [["revenue_total", 2020 + n, value, "亿元", None]
                        for n, value in enumerate(values, start=1)]
    return handmade_parts(rows)


def make_cached_formula(path: Path) -> Path:
    """`=1000+1890.5` with its value saved, as a spreadsheet writes it, in a workbook that
    asks to be recalculated on opening (fullCalcOnLoad="1", as openpyxl writes it)."""
    rows = [LONG_ZH, ["revenue_total", 2021, Formula("1000+1890.5", 2890.5), "亿元", None]]
    return rebuilt(path, handmade_parts(rows, full_calc_on_load=True))


def write(content: bytes) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        path.write_bytes(content)
        return path

    return make


@dataclass(frozen=True)
class Case:
    make: Callable[[Path], Path]
    code: str
    text: str  # in the English message or the location
    args: tuple[str, ...] = ()
    exit: int = 2


CSV_GBK = "指标,年份,数值\r\n总收入,2023,2890.5\r\n企业数量,2023,215\r\n".encode("gbk")
TSV_UTF16 = "\ufeff指标\t年份\t数值\r\n总收入\t2023\t2890.5\r\n".encode("utf-16-le")
HTML = ('<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset="utf-8">'
        "</head><body><table><tr><td>指标</td><td>2023</td></tr></table></body></html>").encode()
XML_2003 = (b'<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook '
            b'xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="data"/>'
            b"</Workbook>")
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n"

CASES: dict[str, Case] = {
    "empty": Case(write(b""), "not-xlsx", "empty"),
    "xls": Case(write(ole2("Workbook", "\x05SummaryInformation")), "not-xlsx",
                ".xls workbook (Excel 97-2003)"),
    "encrypted": Case(write(ole2("EncryptionInfo", "EncryptedPackage", "\x06DataSpaces")),
                      "not-xlsx", "remove the password"),
    "ole2-unreadable-directory": Case(write(ole2()[:512]), "not-xlsx",
                                      "an .xls (Excel 97-2003) workbook or an encrypted .xlsx"),
    "ods": Case(make_ods, "not-xlsx", "OpenDocument spreadsheet"),
    "docx": Case(make_docx, "not-xlsx", "Word document (.docx)"),
    "plain-zip": Case(lambda p: zip_of(p, {"readme.txt": b"hello"}), "not-xlsx", "zip archive"),
    "csv-gbk": Case(write(CSV_GBK), "not-xlsx", "CSV text file"),
    "tsv-utf16": Case(write(TSV_UTF16), "not-xlsx", "tab-separated"),
    "html": Case(write(HTML), "not-xlsx", "HTML page"),
    "xml-spreadsheet-2003": Case(write(XML_2003), "not-xlsx", "XML Spreadsheet 2003"),
    "pdf": Case(write(PDF), "not-xlsx", "PDF document"),
    "random-bytes": Case(write(random.Random(7).randbytes(50_000)), "not-xlsx",
                         "unrecognised binary"),
    "truncated-xlsx": Case(make_truncated, "unreadable-workbook", "truncated"),
    "too-large": Case(lambda p: rebuilt(p, workbook_parts()), "file-too-large", "--max-size",
                      args=("--max-size", "2KB")),
    "10001-members": Case(make_many_members, "zip-too-many-members", "10,000 or more"),
    "17mb-directory": Case(make_big_directory, "zip-directory-too-large", "zip directory"),
    "declared-4gb": Case(make_declared_huge, "zip-bomb", SHEET),
    "zip-bomb": Case(lambda p: rebuilt(p, workbook_parts(), {SHEET: bomb(SHEET)}), "zip-bomb",
                     "zip bomb"),
    "2.1gb-in-1mb-members": Case(make_many_megabytes, "zip-unpacked-too-large", "2.1 GB"),
    "lying-styles": Case(lambda p: rebuilt(p, workbook_parts(), {STYLES: liar(STYLES)}),
                         "zip-member-inflates", STYLES),
    "lying-sheet": Case(lambda p: rebuilt(p, workbook_parts(), {SHEET: liar(SHEET)}),
                        "zip-member-inflates", SHEET),
    "billion-laughs": Case(lambda p: with_strings(p, billion_laughs()), "xml-attack", STRINGS),
    "quadratic-blowup": Case(lambda p: with_strings(p, quadratic_blowup()), "xml-attack",
                             STRINGS),
    "external-entity": Case(make_xxe, "xml-attack", SHEET),
    "formula-without-value": Case(
        lambda p: rebuilt(p, formula_workbook("=1000+1890.5")), "formula-without-value",
        "数据!C2"),
    "recalc-on-load": Case(make_cached_formula, "recalc-on-load", "stale", exit=0),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    made: dict[str, Path] = {}

    def path_of(name: str) -> Path:
        if name not in made:
            folder = tmp_path_factory.mktemp(name)
            made[name] = CASES[name].make(folder / "data.xlsx")
        return made[name]

    return path_of


def problems(result: Any) -> list[dict[str, Any]]:
    return list(result.json()["problems"])


@pytest.mark.parametrize("name", list(CASES))
def test_each_hostile_file_gets_its_problem(name: str, corpus: Callable[[str], Path],
                                            railkpi: Any) -> None:
    case = CASES[name]
    result = railkpi("validate", corpus(name), "--format", "json", "--lang", "en", *case.args)
    assert result.exit_code == case.exit, result.stderr
    found = problems(result)
    matching = [p for p in found if p["code"] == case.code]
    assert matching, found
    assert any(case.text in f"{p['where']} {p['message']}" for p in matching), matching
    if case.exit == 2:
        assert all(p["severity"] == "error" for p in matching)
        assert next(p["code"] for p in found if p["severity"] == "error") == case.code
    assert SECRET not in result.stdout + result.stderr


#: Runs railkpi as `python -m railkpi` would, then writes the process's own peak resident set
#: (VmHWM, of the address space made at exec) to the file named by RAILKPI_TEST_PEAK. The
#: child's rusage cannot say this: Linux folds the parent's high-water mark into a child's
#: ru_maxrss at exec, so under pytest it reports pytest's size.
PEAK_WRAPPER = """
import atexit, os, runpy, sys

def _peak():
    with open("/proc/self/status") as status:
        kib = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(os.environ["RAILKPI_TEST_PEAK"], "w") as out:
        out.write(kib)

atexit.register(_peak)
sys.argv[0] = "railkpi"
runpy.run_module("railkpi", run_name="__main__", alter_sys=True)
"""


def run_measured(*args: str | Path, env: dict[str, str] | None = None
                 ) -> tuple[int, int, str]:
    """(exit status, peak resident bytes, stderr) of `python -m railkpi ARGS` run in a child
    process, the peak memory measured by the child itself. (How long it takes is for the
    benchmarks, benchmarks/guard.py: a test does not time anything.)"""
    with tempfile.TemporaryDirectory() as folder:
        peak_file = Path(folder) / "peak"
        environment = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
        environment.update(env or {}, RAILKPI_TEST_PEAK=str(peak_file))
        child = subprocess.run([sys.executable, "-c", PEAK_WRAPPER, *map(str, args)],
                               capture_output=True, stdin=subprocess.DEVNULL, env=environment,
                               timeout=600, check=False)
        peak = int(peak_file.read_text()) * 1024
    return child.returncode, peak, child.stderr.decode()


@pytest.mark.parametrize("name", list(CASES))
def test_each_hostile_file_is_refused_in_little_memory(
    name: str, corpus: Callable[[str], Path]
) -> None:
    case = CASES[name]
    code, peak, stderr = run_measured("validate", corpus(name), "--lang", "en", *case.args)
    assert code == case.exit, stderr
    assert case.code in stderr
    assert "Traceback" not in stderr
    assert peak < MEMORY_LIMIT, f"{peak / MIB:.0f} MiB"


def declared_size(path: Path) -> int:
    """What the zip directory says all the parts unpack to (0 for a file that is no zip)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, struct.error,
            NotImplementedError):
        return 0


@pytest.mark.parametrize("name", list(CASES))
def test_each_hostile_file_is_refused_with_bounded_work(
    name: str, corpus: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The guard never inflates more than the parts declare, and never a part past its
    declared size by more than one output chunk: a bomb costs what its directory admits to."""
    inflated = [0]
    real = zlib.decompressobj

    class Counting:
        def __init__(self, *args: Any) -> None:
            self.inflater = real(*args)

        def decompress(self, data: bytes, max_length: int = 0) -> bytes:
            out = self.inflater.decompress(data, max_length)
            inflated[0] += len(out)
            return out

        def __getattr__(self, name: str) -> Any:
            return getattr(self.inflater, name)

    monkeypatch.setattr(zip_parts.zlib, "decompressobj", Counting)
    path = corpus(name)
    with contextlib.suppress(InputError):  # refused, or its problems returned
        xlsx_guard.inspect(path, *(parse_size(a) for a in CASES[name].args[1:2]))
        xlsx_guard.scan(path)
    assert inflated[0] <= min(declared_size(path), 10 * MIB) + zip_parts.CHUNK


def test_xml_attacks_are_refused_even_with_openpyxl_told_not_to_defuse(
    corpus: Callable[[str], Path],
) -> None:
    """OPENPYXL_DEFUSEDXML=False turns openpyxl's own protection off; railkpi's scan remains."""
    for name in ("billion-laughs", "quadratic-blowup", "external-entity"):
        code, peak, stderr = run_measured(
            "validate", corpus(name), "--lang", "en", env={"OPENPYXL_DEFUSEDXML": "False"})
        assert (code, "xml-attack" in stderr) == (2, True), stderr
        assert SECRET not in stderr
        assert peak < MEMORY_LIMIT


def test_the_zip_bomb_is_real() -> None:
    """1–2 MB on disk, past 500 MB inflated (checked in bounded chunks)."""
    member = bomb(SHEET)
    assert 1_000_000 < len(member.data) < 2_000_000
    inflater = zlib.decompressobj(-15)
    produced, crc, pending = 0, 0, member.data
    while pending:
        out = inflater.decompress(pending, 16 * MIB)
        pending = inflater.unconsumed_tail
        produced += len(out)
        crc = zlib.crc32(out, crc)
    assert inflater.eof
    assert produced == member.file_size > 500 * MIB
    assert crc == member.crc


def test_a_lying_member_fools_zipfile_but_not_the_guard(corpus: Callable[[str], Path]) -> None:
    """The liar declares 1,000 bytes with their CRC: zipfile reads it without complaint (after
    inflating far more — not done here), the guard stops it past its declared size."""
    path = corpus("lying-styles")
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(STYLES)
        assert info.file_size == 1000
        assert info.compress_size > 1_000_000  # the ratio check alone cannot see it
        with archive.open(info) as member:  # bounded reads: zipfile stops at 1,000 bytes
            assert len(member.read(4096)) == 1000
    xlsx_guard.inspect(path)  # the central directory looks innocent
    with pytest.raises(InputError) as caught:
        xlsx_guard.scan(path)
    (problem,) = caught.value.problems
    assert (problem.code, problem.where) == ("zip-member-inflates", STYLES)


# -- the other paths: file system, options ----------------------------------------------------


def test_missing_directory_and_fifo_are_refused_without_being_opened(
    tmp_path: Path, railkpi: Any
) -> None:
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)  # opening it would block for ever
    for path, code in ((tmp_path / "nosuch.xlsx", "file-not-found"), (tmp_path, "not-a-file"),
                       (fifo, "not-a-file")):
        result = railkpi("validate", path, "--format", "json")
        assert result.exit_code == 2
        assert [p["code"] for p in problems(result)] == [code]


def test_default_size_limit_refuses_a_201_mb_file_without_reading_it(
    tmp_path: Path, railkpi: Any
) -> None:
    path = tmp_path / "data.xlsx"
    with path.open("wb") as sparse:
        sparse.truncate(201_000_000)  # sparse: no disk used, nothing to read
    result = railkpi("validate", path, "--format", "json", "--lang", "en")
    assert result.exit_code == 2
    (problem,) = problems(result)
    assert problem["code"] == "file-too-large"
    assert "201 MB" in problem["message"] and "200 MB" in problem["message"]
    assert "--max-size" in problem["message"]
    # Raising the limit lets it through to the next check (it is all zeros: not a workbook).
    result = railkpi("validate", path, "--format", "json", "--max-size", "1GB")
    assert [p["code"] for p in problems(result)] == ["not-xlsx"]


def test_max_size_is_an_option_of_assess_too(make_workbook: Any, railkpi: Any) -> None:
    path = make_workbook({"数据": GOOD_ROWS})
    result = railkpi("assess", path, "--max-size", "1KB", "--format", "json", "--lang", "en")
    assert result.exit_code == 2
    assert [p["code"] for p in problems(result)] == ["file-too-large"]
    assert railkpi("assess", path, "--max-size", "1MB").exit_code == 0


@pytest.mark.parametrize("text", ["lots", "-5MB", "0", "1.5.2GB", "", "5 XB"])
def test_bad_max_size_is_a_bad_option(text: str, make_workbook: Any, railkpi: Any) -> None:
    path = make_workbook({"数据": GOOD_ROWS})
    result = railkpi("validate", path, "--max-size", text, "--format", "json")
    assert result.exit_code == 2
    assert [p["code"] for p in problems(result)] == ["bad-max-size"]


@pytest.mark.parametrize(
    ("text", "size"),
    [("200MB", 200_000_000), ("1.5GB", 1_500_000_000), ("1.5 gb", 1_500_000_000),
     ("512KiB", 524_288), ("2M", 2_000_000), ("1048576", 1_048_576), ("10b", 10),
     ("1GiB", 1 << 30), ("1T", 10**12)],
)
def test_parse_size(text: str, size: int) -> None:
    assert xlsx_guard.parse_size(text) == size


def test_format_size() -> None:
    assert xlsx_guard.format_size(200_000_000) == "200 MB"
    assert xlsx_guard.format_size(21_637) == "21.6 KB"
    assert xlsx_guard.format_size(999) == "999 bytes"
    assert xlsx_guard.format_size(2_100_000_000) == "2.1 GB"


# -- XML entity attacks: openpyxl's own path, behind the guard --------------------------------


def test_openpyxl_parses_with_defusedxml() -> None:
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


@pytest.mark.parametrize("name", ["billion-laughs", "quadratic-blowup", "external-entity"])
def test_openpyxl_refusals_are_reported_as_xml_attacks(
    name: str, corpus: Callable[[str], Path], registry: IndicatorRegistry,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With the guard's scan switched off, defusedxml inside openpyxl refuses the entities —
    while loading (shared strings) or while rows are iterated (sheet XML) — and the reader
    reports xml-attack, not a traceback and not the file's contents. (Cell values are read
    with python-calamine by default; the openpyxl reader is kept and checked here.)"""
    monkeypatch.setattr(xlsx_guard, "scan", lambda path: [])
    with pytest.raises(InputError) as caught:
        read_workbook(corpus(name), registry, engine="openpyxl")
    (problem,) = caught.value.problems
    assert problem.code == "xml-attack"
    assert SECRET not in problem.message("en") + problem.message("zh")


# -- formulas ----------------------------------------------------------------------------------


def test_formulas_without_values_are_errors_naming_each_cell(
    tmp_path: Path, registry: IndicatorRegistry
) -> None:
    path = rebuilt(tmp_path / "data.xlsx", formula_workbook("=1000+1890.5", 2700, "=SUM(C2:C3)"))
    with pytest.raises(InputError) as caught:
        read_workbook(path, registry)
    found = {(p.code, p.where) for p in caught.value.problems}
    assert found == {("formula-without-value", "数据!C2"), ("formula-without-value", "数据!C4")}
    message = next(p for p in caught.value.problems if p.where == "数据!C4").message("en")
    assert "=SUM(C2:C3)" in message
    assert "Excel or LibreOffice" in message and "paste the values" in message
    assert "粘贴" in caught.value.problems[0].message("zh")


def test_many_formulas_without_values_are_listed_up_to_a_limit(
    tmp_path: Path, registry: IndicatorRegistry
) -> None:
    path = rebuilt(tmp_path / "data.xlsx", formula_workbook(*[f"={n}*2" for n in range(30)]))
    with pytest.raises(InputError) as caught:
        read_workbook(path, registry)
    codes = [p.code for p in caught.value.problems]
    assert codes.count("formula-without-value") == formula_scan.MAX_FORMULA_PROBLEMS
    (more,) = [p for p in caught.value.problems if p.code == "formula-without-value-more"]
    assert "10 more cells" in more.message("en")


def sheet_xml(cells: str) -> bytes:
    return (f'<?xml version="1.0"?><x:worksheet xmlns:x="{MAIN_NS}"><x:sheetData>'
            f'<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>指标</x:t></x:is></x:c>'
            f'<x:c r="B1" t="inlineStr"><x:is><x:t>年份</x:t></x:is></x:c>'
            f'<x:c r="C1" t="inlineStr"><x:is><x:t>数值</x:t></x:is></x:c></x:row>'
            f"{cells}</x:sheetData></x:worksheet>").encode()


@pytest.mark.parametrize(
    ("cells", "codes"),
    [
        # a value saved with the formula: read as the value
        ('<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>revenue_total</x:t></x:is></x:c>'
         '<x:c r="B2"><x:v>2023</x:v></x:c><x:c r="C2"><x:f>1+1</x:f><x:v>2</x:v></x:c>'
         "</x:row>", set()),
        # a text formula that returned "" (as Excel and LibreOffice write it): blank, no problem
        ('<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>revenue_total</x:t></x:is></x:c>'
         '<x:c r="B2"><x:v>2023</x:v></x:c><x:c r="C2" t="str"><x:f>""</x:f><x:v></x:v></x:c>'
         "</x:row>", set()),
        # a shared formula with no value, cells without r attributes: position counted
        ('<x:row><x:c t="inlineStr"><x:is><x:t>revenue_total</x:t></x:is></x:c>'
         '<x:c><x:v>2023</x:v></x:c><x:c><x:f t="shared" si="0"/></x:c></x:row>',
         {("formula-without-value", "数据!C2")}),
        # a number formula with an empty value
        ('<x:row r="2"><x:c r="C2"><x:f>A1</x:f><x:v/></x:c></x:row>',
         {("formula-without-value", "数据!C2")}),
    ],
)
def test_formula_cells_in_sheet_xml(
    cells: str, codes: set[Any], tmp_path: Path, registry: IndicatorRegistry
) -> None:
    parts = workbook_parts()
    path = rebuilt(tmp_path / "data.xlsx", parts, {SHEET: sheet_xml(cells)})
    try:
        data = read_workbook(path, registry)
    except InputError as exc:
        assert {(p.code, p.where) for p in exc.problems if p.severity == "error"} == codes
        return
    assert codes == set()
    assert [(o.indicator, o.value) for o in data.observations] in ([("revenue_total", 2.0)], [])


def test_formula_found_in_utf16_sheet_xml(tmp_path: Path, registry: IndicatorRegistry) -> None:
    """A UTF-16 part cannot be searched bytewise for <f>: it is always parsed."""
    parts = workbook_parts()
    xml = sheet_xml('<x:row r="2"><x:c r="C2"><x:f>1+1</x:f></x:c></x:row>').decode()
    xml = xml.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')
    path = rebuilt(tmp_path / "data.xlsx", parts, {SHEET: xml.encode("utf-16")})
    xlsx_guard.inspect(path)
    assert [(p.code, p.where) for p in xlsx_guard.scan(path)] == [
        ("formula-without-value", "数据!C2")]


@pytest.mark.parametrize("chunk", [1, 3, 7, 4096])
def test_tiny_inflation_chunks_still_find_every_formula_and_check_sizes(
    chunk: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With output chunks of a few bytes every tag straddles a boundary: the byte search for
    <f> and the size and CRC checks must not depend on where chunks end."""
    monkeypatch.setattr(zip_parts, "CHUNK", chunk)
    cells = ('<x:row r="9"><x:c r="C9"><x:f>1+1</x:f></x:c>'
             '<x:c r="D9"><x:f>2+2</x:f><x:v>4</x:v></x:c></x:row>')
    parts = workbook_parts()
    path = rebuilt(tmp_path / "data.xlsx", parts, {SHEET: sheet_xml(cells)})
    xlsx_guard.inspect(path)
    assert [(p.code, p.where) for p in xlsx_guard.scan(path)] == [
        ("formula-without-value", "数据!C9"), ("recalc-on-load", None)]


def test_a_large_sheet_is_parsed_only_when_it_may_hold_a_formula(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """100,000 rows of five cells, with and without formulas. A sheet without a formula tag is
    only searched bytewise (the byte "f" at memory speed, cell tags with patterns that rarely
    match), never parsed as XML; a sheet with one is parsed once. (The time the scan takes is
    measured by benchmarks/guard.py.)"""
    row = ('<x:row r="{n}"><x:c r="A{n}" t="inlineStr"><x:is><x:t>revenue_total</x:t></x:is>'
           '</x:c><x:c r="B{n}"><x:v>2023</x:v></x:c><x:c r="C{n}"><x:v>1.5</x:v></x:c>'
           '<x:c r="D{n}" t="inlineStr"><x:is><x:t>亿元</x:t></x:is></x:c>'
           '<x:c r="E{n}">{f}<x:v>2</x:v></x:c></x:row>')
    parsed: list[str] = []
    real = workbook_pass.parse_xml

    def spy(file: str, fp: Any, info: zipfile.ZipInfo, handler: Any, **options: Any) -> None:
        parsed.append(info.filename)
        real(file, fp, info, handler, **options)

    monkeypatch.setattr(workbook_pass, "parse_xml", spy)
    parts = workbook_parts()
    for label, formula in (("plain", ""), ("formulas", "<x:f>1+1</x:f>")):
        cells = "".join(row.format(n=n, f=formula) for n in range(2, 100_002))
        path = rebuilt(tmp_path / f"{label}.xlsx", parts, {SHEET: sheet_xml(cells)})
        parsed.clear()
        xlsx_guard.inspect(path)
        found = xlsx_guard.scan(path)
        assert parsed.count(SHEET) == (1 if formula else 0), label
        assert [p.code for p in found] == (["recalc-on-load"] if formula else [])


def test_recalc_on_load_warns_only_when_there_are_formulas(
    tmp_path: Path, registry: IndicatorRegistry
) -> None:
    plain = rebuilt(tmp_path / "plain.xlsx", handmade_parts(GOOD_ROWS, full_calc_on_load=True))
    assert read_workbook(plain, registry).warnings == ()
    data = read_workbook(make_cached_formula(tmp_path / "data.xlsx"), registry)
    assert [(o.indicator, o.value) for o in data.observations] == [("revenue_total", 2890.5)]
    (problem,) = data.warnings
    assert problem.code == "recalc-on-load"
    assert "数据!C2" in problem.message("en")


# -- properties: arbitrary cell contents ------------------------------------------------------

cell_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.text(min_size=300, max_size=3000),  # longer than any message shows
    st.text(alphabet=st.characters(min_codepoint=0x7F, max_codepoint=0x9F)),  # C1 controls
    st.sampled_from(["=1+1", "=A1", '=""', "=SUM(", "180余", "突破3000", "2023年", "16.3%",
                     "\u2028", "\ufeff2023", "_x0001_"]),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 12, 31)),
    st.dates(min_value=dt.date(1900, 3, 1)),
    st.times(),
    st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=10_000)),
)
number_formats = st.one_of(st.none(), st.sampled_from(["General", "0.0%", "yyyy-mm-dd", "@"]),
                           st.text(max_size=12))


@given(cell_values, number_formats)
def test_cell_value_parser_raises_only_cell_errors(value: Any, number_format: str | None) -> None:
    try:
        parse_figure_cell(value, number_format)
    except CellError as exc:
        assert exc.code in {"bad-number", "not-finite", "footnote-mark", "excel-error"}
    try:
        parse_year(value)
    except CellError as exc:
        assert exc.code in {"bad-year", "year-out-of-range"}


def _rows_of(values: list[tuple[Any, Any, Any]]) -> Iterator[list[Any]]:
    yield ["指标", "年份", "数值", "单位"]
    for label, year, value in values:
        yield [label, year, value, None]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.one_of(st.sampled_from(["revenue_total", "企业数量"]), cell_values),
                          st.one_of(st.just(2023), cell_values), cell_values),
                min_size=1, max_size=5))
def test_reader_raises_only_input_errors_on_arbitrary_cells(
    registry: IndicatorRegistry, values: list[tuple[Any, Any, Any]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        assert sheet is not None
        sheet.title = "数据"
        path = Path(folder) / "data.xlsx"
        try:
            for row in _rows_of(values):
                sheet.append(row)
            workbook.save(path)
        except (IllegalCharacterError, OverflowError, ValueError, UnicodeEncodeError):
            reject()  # openpyxl itself cannot store it
        try:
            data = read_workbook(path, registry)
        except InputError as exc:
            assert exc.problems
            for problem in exc.problems:
                assert problem.message("zh") and problem.message("en")
            return
        for observation in data.observations:
            assert observation.indicator in registry.indicators
            assert isinstance(observation.value, float)


def test_decimal_cells_are_read_as_numbers(make_workbook: Any, registry: IndicatorRegistry
                                           ) -> None:
    path = make_workbook({"数据": [LONG_ZH, ["revenue_total", 2023, Decimal("2890.5"), None]]})
    assert [o.value for o in read_workbook(path, registry).observations] == [2890.5]


@given(st.lists(st.sampled_from([b"<f>", b"<f ", b"<f/", b"<x:f>", b"<ab.c:f ", b"<fo", b":f",
                                 b"f", b"<", b">", b" ", b"<c r=\"A1\">", b"\xe4\xbc\x81", b"1.5",
                                 b"<v>", b"ref", b"xmlns:f=\"u\""]), max_size=30))
def test_formula_tag_search_agrees_with_the_pattern(parts: list[bytes]) -> None:
    data = b"".join(parts)
    pattern = formula_scan.FORMULA_TAG
    assert xml_parsing.has_tag(data, pattern) == (pattern.search(data) is not None)
