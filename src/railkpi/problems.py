"""Problems found in input: one record each, with where it was found, in both languages.

Every user-facing problem has a stable code (scripts and docs/errors.md rely on it), a place
(`数据!C7`, `targets[3].op`), and a message built from the catalog in `messages.py` in the
language of the run. Readers and loaders collect problems and raise `InputError` once, with
all of them, so a user fixes everything in one pass.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from railkpi.messages import PROBLEM_MESSAGES

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    severity: Severity
    code: str
    file: str | None = None
    where: str | None = None
    params: tuple[tuple[str, str], ...] = field(default=())
    #: The line of a plan file the problem is on, where known.
    line: int | None = None

    def message(self, lang: str) -> str:
        """The message in `lang`, starting with the plan file's line where it is known (and the
        message does not already say it): 'line 17: unknown key …'."""
        template = PROBLEM_MESSAGES[self.code][0 if lang == "zh" else 1]
        text = template.format(**dict(self.params))
        if self.line is None or "line" in dict(self.params):
            return text
        return f"第 {self.line} 行：{text}" if lang == "zh" else f"line {self.line}: {text}"

    def location(self) -> str:
        return " ".join(part for part in (self.file, self.where) if part)


def error(
    code: str, file: str | None = None, where: str | None = None, **params: object
) -> Problem:
    return _make("error", code, file, where, params)


def warning(
    code: str, file: str | None = None, where: str | None = None, **params: object
) -> Problem:
    return _make("warning", code, file, where, params)


def _make(
    severity: Severity, code: str, file: str | None, where: str | None, params: dict[str, object]
) -> Problem:
    if code not in PROBLEM_MESSAGES:
        raise KeyError(f"unknown problem code {code!r}")
    return Problem(severity, code, file, where, tuple((k, str(v)) for k, v in params.items()))


class InputError(Exception):
    """Input that cannot be assessed; carries every problem found (exit status 2)."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the input")


def raise_if_errors(problems: Iterable[Problem]) -> None:
    problems = tuple(problems)
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)
