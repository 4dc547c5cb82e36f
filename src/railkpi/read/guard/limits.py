"""Size limits on an untrusted workbook, and the --max-size option that sets them."""

from __future__ import annotations

import re

from railkpi.messages.problems_files import FILE_WORDS
from railkpi.problems import InputError, Words, error

DEFAULT_MAX_SIZE = 200_000_000  # 200 MB
MAX_MEMBERS = 10_000
MAX_DIRECTORY = 16 * 1024 * 1024  # bytes of zip central directory; a workbook's is a few KB
BOMB_MIN_SIZE = 1_000_000  # members declaring more than this must not inflate more than…
BOMB_RATIO = 100  # …this many times their compressed size
UNPACKED_FACTOR = 10  # all members together: at most this × max_size

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


def size_words(size: int) -> str | Words:
    """A size as a problem shows it: '1.2 KB', '200 MB'; below a kilobyte in words."""
    if size >= 1000:
        return format_size(size)
    zh, en = FILE_WORDS["bytes"]
    return Words(zh.format(size=size), en.format(size=size))
