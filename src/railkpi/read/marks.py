"""Marks statistical tables write in place of a figure, and marks written after one.

No-figure marks (—, –, -, /, …, ×, 暂无, 无, 空, N/A, NA, n.a., ..) say "no figure here": a
cell holding one is read as not reported, like a blank, and each sheet's warning lists them.
Runs of dashes or dots (——, --, ……, ...) and the full-width forms count too. A dash followed
by a dot (-.) does not: it looks like a number being typed, and is reported as one.

A footnote mark after a number (2*, 2948.2①, 228注, 123a, 2948.2¹) is an error that says what
was found: Unicode would fold ① and ¹ into the digit 1 (2948.2① read as 2948.21), and a letter
after a number is not a unit railkpi knows.

Text that reads as an Excel error value (#DIV/0!, #N/A, …) is reported as one: it was one
before a paste or an export turned it into text.
"""

from __future__ import annotations

import re
import unicodedata

from railkpi.plans.labels import normalise_label

#: No-figure words, normalised (NFKC, case-folded, no spaces).
NOT_AVAILABLE_WORDS = frozenset({
    "/", "×", "暂无", "无", "空", "缺", "不详", "无数据", "暂无数据",
    "n/a", "na", "n.a.", "n.a", "nan", "null", "none",
})
#: Runs of dashes (any kind) or of dots.
_MARK_RUN = re.compile(r"^(?:[-‐‑‒–—―−﹘]+|\.{2,})$")
#: Characters that mark a footnote wherever they stand in a figure: asterisks, daggers, the
#: reference mark, circled, parenthesised and superscript numbers and letters.
_FOOTNOTE_CHARS = re.compile(
    "[*＊†‡※\u00b9\u00b2\u00b3\u2070-\u209f\u2460-\u24ff\u2776-\u2793\u3251-\u325f"
    "\u32b1-\u32bf]")
#: What may end a figure and be a footnote after its number: 注, (注1), [1], a single letter.
_FOOTNOTE_END = re.compile(r"(?:[(（\[【]注\s*\d*[)）\]】]|注\s*\d*|[(（\[【]\d{1,2}[)）\]】]"
                           r"|[A-Za-z])\s*$")
_ENDS_WITH_DIGIT = re.compile(r"[0-9０-９]\s*$")
#: Excel's error values, as text.
EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
                          "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!",
                          "#UNKNOWN!", "#CONNECT!", "#BUSY!", "#PYTHON!", "#EXTERNAL!"})


def is_not_available(value: object) -> bool:
    """Whether a cell holds a no-figure mark (—, N/A, 暂无, …)."""
    if not isinstance(value, str):
        return False
    key = normalise_label(value)
    return key in NOT_AVAILABLE_WORDS or bool(_MARK_RUN.match(key))


def excel_error_text(value: object) -> str | None:
    """The Excel error value a text cell spells (#N/A), or None."""
    if not isinstance(value, str):
        return None
    text = unicodedata.normalize("NFKC", value).strip().upper()
    return text if text in EXCEL_ERRORS else None


def footnote_mark(text: str, units: frozenset[str] = frozenset()) -> str | None:
    """The footnote mark in a figure written as text, or None: a footnote character anywhere
    (2*, 29①48), or 注, [1] or a lone letter after the last digit that is not one of `units`
    (normalised unit spellings)."""
    found = _FOOTNOTE_CHARS.search(text)
    if found is not None:
        return found.group()
    end = _FOOTNOTE_END.search(text)
    if end is None or not _ENDS_WITH_DIGIT.search(text, 0, end.start()):
        return None
    mark = end.group().strip()
    return None if normalise_label(mark) in units else mark
