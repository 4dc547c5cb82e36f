"""What every JSON document railkpi prints shares: strict JSON (no NaN or infinity), Chinese
as written, and problems as records (docs/report-format.md)."""

from __future__ import annotations

import json
import math
from json.encoder import py_encode_basestring
from typing import Any, TextIO

from railkpi.problems import Problem


def dump(document: dict[str, Any], out: TextIO) -> None:
    """The document as `json.dumps(…, ensure_ascii=False, indent=2, allow_nan=False)` writes
    it, with every −0.0 as 0.0 (`_no_negative_zero`)."""
    try:
        parts: list[str] = []
        _indented(document, "\n", parts)
        text = "".join(parts)
    except _Unusual:  # what the writer below does not take: the standard library says it
        text = json.dumps(_no_negative_zero(document), ensure_ascii=False, indent=2,
                          allow_nan=False)
    out.write(text)
    out.write("\n")


#: How the standard library's encoder writes a string with ensure_ascii=False (its C function
#: where it has one).
_string = getattr(json.encoder, "c_encode_basestring", None) or py_encode_basestring


class _Unusual(Exception):
    """A value `_indented` leaves to the standard library's encoder (and its error)."""


def _indented(value: Any, newline: str, parts: list[str]) -> None:
    """`value` as the standard library's encoder indents it by 2 (which it does in Python,
    a call per value; this writer makes the report's JSON in about half the time)."""
    if isinstance(value, str):
        parts.append(_string(value))
    elif value is None or value is True or value is False:
        parts.append("null" if value is None else "true" if value else "false")
    elif isinstance(value, int):
        parts.append(int.__repr__(value))
    elif isinstance(value, float):
        if value != value or value in (math.inf, -math.inf):
            raise _Unusual  # refused by allow_nan=False, with the library's message
        parts.append(float.__repr__(value + 0.0))  # −0.0 + 0.0 is 0.0
    elif isinstance(value, dict):
        if not value:
            parts.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, item in value.items():
            if not isinstance(key, str):
                raise _Unusual
            parts.append(separator)
            parts.append(_string(key))
            parts.append(": ")
            _indented(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "}")
    elif isinstance(value, list | tuple):
        if not value:
            parts.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            parts.append(separator)
            _indented(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "]")
    else:
        raise _Unusual


def _no_negative_zero(value: Any) -> Any:
    """The document with every −0.0 as 0.0: a reader sees "-0.0" as a sign that means nothing.

    The core never computes −0.0; a workbook cell written "-0" or a plan's "-0.0" still can.
    """
    if isinstance(value, float):
        return value + 0.0
    if isinstance(value, dict):
        return {k: _no_negative_zero(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_no_negative_zero(v) for v in value]
    return value


def problem_entry(problem: Problem, lang: str) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "severity": problem.severity,
        "code": problem.code,
        "file": problem.file,
        "where": problem.where,
        "line": _line(problem),
        "message": problem.message(lang),
    }
    if problem.more:  # the problems of its code past the first ones listed
        entry["more"] = problem.more
    return entry


def _line(problem: Problem) -> int | None:
    """The plan file's line of a problem: its own, or the one its message gives."""
    if problem.line is not None:
        return problem.line
    written = dict(problem.params).get("line", "")
    return int(written) if isinstance(written, str) and written.isdigit() else None
