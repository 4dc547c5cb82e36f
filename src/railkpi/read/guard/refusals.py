"""How the guard refuses a file: one problem, raised at once."""

from __future__ import annotations

from typing import NoReturn

from defusedxml.common import DefusedXmlException

from railkpi.messages.problems_files import FILE_KINDS
from railkpi.problems import InputError, Problem, error


def fail(problem: Problem) -> NoReturn:
    raise InputError([problem])


def not_xlsx(file: str, kind: str, **params: str) -> NoReturn:
    zh, en = FILE_KINDS[kind]
    fail(error("not-xlsx", file, detail=en.format(**params), detail_zh=zh.format(**params),
                kind=kind))


def damaged(file: str, detail: str) -> NoReturn:
    fail(error("unreadable-workbook", file, detail=detail))


def reading_problem(exc: BaseException, file: str) -> Problem:
    """The problem to report for an exception raised while a library parses the workbook.

    openpyxl wraps what its parser raised ("Unable to read workbook"): the chain is searched
    for defusedxml's refusal.
    """
    cause: BaseException | None = exc
    for _ in range(10):
        if cause is None:
            break
        if isinstance(cause, DefusedXmlException):
            return error("xml-attack", file, detail=type(cause).__name__)
        cause = cause.__cause__ or cause.__context__
    return error("unreadable-workbook", file, detail=str(exc) or type(exc).__name__)
