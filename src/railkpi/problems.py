"""Problems found in input: one record each, with where it was found, in both languages.

Every user-facing problem has a stable code (scripts and docs/errors.md rely on it), a place
(`数据!C7`, `targets[3].op`), and a message built from the catalog (`messages/`) in the
language of the run. A parameter is text taken from the input (a cell's value, a file name)
or a `Words` pair, (zh, en), of which the message takes the run's language. Readers and
loaders collect problems and raise `InputError` once, with all of them, so a user fixes
everything in one pass.
"""

from __future__ import annotations

import errno
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from railkpi.messages import pick
from railkpi.messages.plan_values import PLAN_CHECKS, PYDANTIC_OTHER, PYDANTIC_ZH
from railkpi.messages.problems import ON_LINE, PROBLEM_MESSAGES
from railkpi.messages.problems_options import OS_ERROR_OTHER, OS_ERRORS_ZH

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Words:
    """A parameter in both languages, from the catalog: the message takes the run's."""

    zh: str
    en: str


Param = str | Words


@dataclass(frozen=True)
class Problem:
    severity: Severity
    code: str
    file: str | None = None
    where: str | None = None
    params: tuple[tuple[str, Param], ...] = field(default=())
    #: The line of a plan file the problem is on, where known.
    line: int | None = None

    def message(self, lang: str) -> str:
        """The message in `lang`, starting with the plan file's line where it is known (and the
        message does not already say it): 'line 17: unknown key …'."""
        template = PROBLEM_MESSAGES[self.code][0 if lang == "zh" else 1]
        text = template.format(**{key: _in(value, lang) for key, value in self.params})
        if self.line is None or "line" in dict(self.params):
            return text
        return pick(ON_LINE, lang).format(line=self.line, message=text)

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
    return Problem(severity, code, file, where, tuple(
        (k, v if isinstance(v, Words) else str(v)) for k, v in params.items()))


def _in(value: Param, lang: str) -> str:
    if isinstance(value, Words):
        return value.zh if lang == "zh" else value.en
    return value


def os_error_words(exc: OSError) -> Words:
    """An operating-system error in both languages: the system's own words in English."""
    name = errno.errorcode.get(exc.errno or 0, type(exc).__name__)
    english = exc.strerror or type(exc).__name__
    chinese = OS_ERRORS_ZH.get(name, OS_ERROR_OTHER[0].format(name=name))
    return Words(chinese, english)


def pydantic_words(err: ErrorDetails) -> Words:
    """Why pydantic refused a value (a plan file's, a report's), in both languages: railkpi's
    own checks from the catalog, pydantic's translated by error type (their English is
    pydantic's own message)."""
    english = err["msg"].removeprefix("Value error, ")
    kind = err["type"]
    context = {key: str(value) for key, value in (err.get("ctx") or {}).items()}
    if kind in PLAN_CHECKS:
        return Words(PLAN_CHECKS[kind][0].format(**context), english)
    if "expected" in context:  # "'higher' or 'lower'" → "'higher'、'lower'"
        context["expected"] = context["expected"].replace(" or ", ", ").replace(", ", "、")
    try:
        chinese = PYDANTIC_ZH[kind].format(**context)
    except KeyError:
        chinese = PYDANTIC_OTHER[0].format(type=kind)
    return Words(chinese, english)


class InputError(Exception):
    """Input that cannot be assessed; carries every problem found (exit status 2)."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the input")


def raise_if_errors(problems: Iterable[Problem]) -> None:
    problems = tuple(problems)
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)
