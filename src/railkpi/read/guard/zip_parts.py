"""The zip container: its central directory counted before zipfile reads it, declared sizes
checked (bombs, the unpacked total), and every part inflated in bounded chunks, never past the
size the directory declares."""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from railkpi.problems import error
from railkpi.read.guard.limits import (
    BOMB_MIN_SIZE,
    BOMB_RATIO,
    MAX_DIRECTORY,
    MAX_MEMBERS,
    UNPACKED_FACTOR,
    size_words,
)
from railkpi.read.guard.refusals import damaged, fail

#: Bytes of inflated output produced at a time.
CHUNK = 64 * 1024

def end_of_directory(fp: BinaryIO, size: int) -> tuple[int, int] | None:
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


def count_members(file: str, fp: BinaryIO, start: int, directory_size: int) -> None:
    """Count central-directory records without building them; stop at the limit."""
    if directory_size > MAX_DIRECTORY:
        fail(error("zip-directory-too-large", file, size=size_words(directory_size),
                    limit=size_words(MAX_DIRECTORY)))
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
            fail(error("zip-too-many-members", file, limit=f"{MAX_MEMBERS:,}"))


def check_sizes(file: str, infos: list[zipfile.ZipInfo], max_size: int) -> None:
    for info in infos:
        if info.file_size > BOMB_MIN_SIZE and info.file_size > BOMB_RATIO * info.compress_size:
            ratio = info.file_size // max(info.compress_size, 1)
            fail(error("zip-bomb", file, info.filename, compressed=size_words(info.compress_size),
                        size=size_words(info.file_size), ratio=f"{ratio:,}", limit=BOMB_RATIO,
                        threshold=size_words(BOMB_MIN_SIZE)))
    total = sum(info.file_size for info in infos)
    cap = UNPACKED_FACTOR * max_size
    if total > cap:
        fail(error("zip-unpacked-too-large", file, total=size_words(total),
                    limit=size_words(cap), factor=UNPACKED_FACTOR))


def inflate(file: str, fp: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A member's bytes, read from its local header and inflated at most CHUNK at a time.

    Refused (InputError) the moment the output passes the declared size; damaged when it
    ends short of it or its CRC-32 differs.
    """
    member = info.filename
    if info.flag_bits & 0x1:
        damaged(file, "member-encrypted", part=member)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        damaged(file, "member-method", part=member, method=info.compress_type)
    fp.seek(info.header_offset)
    header = fp.read(30)
    if len(header) != 30 or header[:4] != b"PK\x03\x04":
        damaged(file, "member-header", part=member)
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
                    fail(error("zip-member-inflates", file, member,
                                size=size_words(info.file_size)))
                crc = zlib.crc32(out, crc)
                yield out
    except zlib.error as exc:
        damaged(file, "member-damaged", part=member, error=exc)
    # Like zipfile, judged by size and checksum, not by how the deflate stream ends.
    if produced != info.file_size or crc != info.CRC:
        damaged(file, "member-checksum", part=member)
