"""What every JSON document railkpi prints shares: strict JSON (no NaN or infinity), Chinese
as written, and problems as records (docs/report-format.md)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from railkpi.problems import Problem


def dump(document: dict[str, Any], out: TextIO) -> None:
    out.write(json.dumps(_no_negative_zero(document), ensure_ascii=False, indent=2,
                         allow_nan=False))
    out.write("\n")


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
