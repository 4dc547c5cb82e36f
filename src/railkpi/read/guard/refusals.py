"""How the guard refuses a file: one problem, raised at once."""

from __future__ import annotations

from typing import NoReturn

from defusedxml.common import DefusedXmlException

from railkpi.messages.problems_files import FILE_KINDS, WORKBOOK_DAMAGE, XML_ATTACKS
from railkpi.problems import InputError, Problem, Words, error


def fail(problem: Problem) -> NoReturn:
    raise InputError([problem])


def not_xlsx(file: str, kind: str, **params: str) -> NoReturn:
    zh, en = FILE_KINDS[kind]
    fail(error("not-xlsx", file, detail=en.format(**params), detail_zh=zh.format(**params),
                kind=kind))


def damaged(file: str, key: str, **fields: object) -> NoReturn:
    """The workbook is damaged: why, in the words of WORKBOOK_DAMAGE[key]."""
    zh, en = WORKBOOK_DAMAGE[key]
    fail(error("unreadable-workbook", file,
               detail=Words(zh.format(**fields), en.format(**fields))))


def attack_words(exc: DefusedXmlException) -> Words:
    """What an XML part declared that defusedxml refuses (a DTD, entities, a reference)."""
    name = type(exc).__name__
    zh, en = XML_ATTACKS.get(name, XML_ATTACKS["other"])
    return Words(zh, en.format(name=name))


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
            return error("xml-attack", file, detail=attack_words(cause))
        cause = cause.__cause__ or cause.__context__
    zh, en = WORKBOOK_DAMAGE["reader"]
    return error("unreadable-workbook", file,
                 detail=Words(zh, en.format(error=str(exc) or type(exc).__name__)))
