"""Problems found in input: one record each, with where it was found, in both languages.

Every user-facing problem has a stable code (scripts and docs/errors.md rely on it), a place
(`数据!C7`, `targets[3].op`), and a message built from the catalog (`messages/`) in the
language of the run. A parameter is text taken from the input (a cell's value, a file name)
or a `Words` pair, (zh, en), of which the message takes the run's language. Readers and
loaders collect problems and raise `InputError` once, with all of them, so a user fixes
everything in one pass.

A flood of one kind of problem (100,000 rows of the same mistake) is not listed in full: the
first `MAX_PER_CODE` of each code are kept, with their places, then one record stands for the
rest ("… and 99,980 more of this kind"). `ProblemLog` does this where problems are collected,
without keeping the rest; `InputError` and `capped` apply the same rule to any list.
"""

from __future__ import annotations

import errno
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import field, replace
from typing import TYPE_CHECKING, Literal

from railkpi.messages import pick
from railkpi.messages.plan_values import PLAN_CHECKS, PYDANTIC_OTHER, PYDANTIC_ZH
from railkpi.messages.problems import MORE_OF_KIND, ON_LINE, PROBLEM_MESSAGES
from railkpi.messages.problems_options import OS_ERROR_OTHER, OS_ERRORS_ZH
from railkpi.records import record
from railkpi.text_safety import cleaned

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

Severity = Literal["error", "warning"]


@record
class Words:
    """A parameter in both languages, from the catalog: the message takes the run's."""

    zh: str
    en: str


Param = str | Words

#: Problems of one code listed one by one; the rest are counted in one record.
MAX_PER_CODE = 20


@record
class Problem:
    severity: Severity
    code: str
    file: str | None = None
    where: str | None = None
    params: tuple[tuple[str, Param], ...] = field(default=())
    #: The line of a plan file the problem is on, where known.
    line: int | None = None
    #: Not 0: this record stands for that many further problems of its code, not listed.
    more: int = 0

    def message(self, lang: str) -> str:
        """The message in `lang`, starting with the plan file's line where it is known (and the
        message does not already say it): 'line 17: unknown key …'."""
        if self.more:
            return pick(MORE_OF_KIND, lang).format(count=f"{self.more:,}")
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
    # Text from files (a name, a cell, a path) reaches terminals and reports: cleaned here.
    return Problem(severity, code, _clean(file), _clean(where), tuple(
        (k, v if isinstance(v, Words) else cleaned(str(v))) for k, v in params.items()))


def _clean(text: str | None) -> str | None:
    return None if text is None else cleaned(text)


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


def more_of(problem: Problem, count: int) -> Problem:
    """The record standing for `count` further problems like `problem`, not listed."""
    return replace(problem, where=None, params=(), more=count)


class ProblemLog:
    """Problems as they are found, capped: the first MAX_PER_CODE of each code kept, the rest
    only counted, so that a flood costs neither memory nor a screenful per row."""

    def __init__(self, limit: int = MAX_PER_CODE) -> None:
        self.limit = limit
        self.kept: list[Problem] = []
        self.seen: Counter[str] = Counter()
        self.unlisted: dict[str, tuple[Problem, int]] = {}  # code → (an example, count)

    def append(self, problem: Problem) -> None:
        count = problem.more or 1
        if problem.more == 0 and self.seen[problem.code] < self.limit:
            self.kept.append(problem)
        else:
            example, unlisted = self.unlisted.get(problem.code, (problem, 0))
            self.unlisted[problem.code] = (example, unlisted + count)
        self.seen[problem.code] += count

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)

    def problems(self) -> tuple[Problem, ...]:
        """The problems kept, each code's count of the others after its last one listed."""
        summaries = {code: more_of(example, count)
                     for code, (example, count) in self.unlisted.items()}
        result: list[Problem] = []
        last = {p.code: i for i, p in enumerate(self.kept)}
        for i, problem in enumerate(self.kept):
            result.append(problem)
            if last[problem.code] == i and problem.code in summaries:
                result.append(summaries.pop(problem.code))
        return (*result, *summaries.values())

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems())

    def __len__(self) -> int:
        return len(self.kept) + len(self.unlisted)

    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.kept) or any(
            example.severity == "error" for example, _ in self.unlisted.values())


def capped(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """`problems` with at most MAX_PER_CODE of each code listed, the rest counted."""
    log = ProblemLog()
    log.extend(problems)
    return log.problems()


class InputError(Exception):
    """Input that cannot be assessed; carries every problem found (exit status 2), at most
    MAX_PER_CODE of each code listed."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = capped(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the input")


def raise_if_errors(problems: Iterable[Problem]) -> None:
    problems = tuple(problems)
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)
