"""What a file that is not an .xlsx is, from its first bytes: an OLE2 container (.xls,
encrypted workbook, .doc, .ppt), a PDF, an archive, or text (CSV, HTML, XML 2003, plain)."""

from __future__ import annotations

import struct
from typing import BinaryIO

SNIFF_BYTES = 8192
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END = 0xFFFFFFFA  # OLE sector numbers at or above this end a chain

def what_is(fp: BinaryIO, head: bytes) -> tuple[str, dict[str, str]]:
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
