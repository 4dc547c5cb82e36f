"""How many terminal cells text takes: East Asian wide and full-width characters two, marks
that combine with the character before them, zero-width format characters and control
characters none, everything else one — the widths rich measures for the plans' text (a
property test compares the two), from Python's own Unicode tables, so that measuring a line
imports no terminal library.
"""

from __future__ import annotations

from functools import lru_cache
from unicodedata import category, east_asian_width

#: Hangul jamo vowels and final consonants: they join the syllable's first jamo in one cell.
_JAMO_JOINING = ((0x1160, 0x11FF), (0xD7B0, 0xD7FF))
#: Planes 2 and 3 (the CJK extensions): wide even where Python's tables predate a character.
_WIDE_PLANES = (0x20000, 0x3FFFD)
_ZERO_CATEGORIES = frozenset({"Mn", "Me", "Mc", "Cf", "Zl", "Zp"})
#: Format characters that print as a sign of their own (Arabic number signs and the like).
_PREPENDED_MARKS = frozenset(map(chr, (*range(0x600, 0x606), 0x6DD, 0x70F, 0x890, 0x891, 0x8E2,
                                       0x110BD, 0x110CD)))
#: The emoji skin-tone modifiers: they colour the emoji before them, taking no cell of their own.
_SKIN_TONES = (0x1F3FB, 0x1F3FF)
_HANGUL_FILLERS = (0x3164, 0xFFA0)


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """The cells one character takes: 0, 1 or 2."""
    point = ord(char)
    if point < 32 or 0x7F <= point < 0xA0:
        return 0
    if point < 0x300:  # Latin, the common case
        return 1
    kind = category(char)
    if char in _PREPENDED_MARKS:
        return 1
    joining = any(low <= point <= high for low, high in (*_JAMO_JOINING, _SKIN_TONES))
    if kind in _ZERO_CATEGORIES or joining or point in _HANGUL_FILLERS:
        return 0
    if kind == "Cn":  # not assigned in Python's tables
        wide = _WIDE_PLANES[0] <= point <= _WIDE_PLANES[1] and point & 0xFFFE != 0xFFFE
        return 2 if wide else 1
    return 2 if east_asian_width(char) in ("W", "F") else 1


def cell_len(text: str) -> int:
    """The cells `text` takes on one line of a terminal."""
    if text.isascii():
        if text.isprintable():  # the common case: one cell a character
            return len(text)
        return sum(1 for char in text if " " <= char < "\x7f")
    return sum(map(char_width, text))
