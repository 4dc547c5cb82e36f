"""Converting a good option value without Typer's pydantic adapters.

Typer (from 0.26) converts every option value it is given — and a default other than None,
such as `--format`'s `table` — with a pydantic TypeAdapter. Building the first one imports
Typer's adapter module (pydantic's TypeAdapter, functional validators, annotated-types) and
builds a pydantic schema: about 20 ms of an everyday run that converts two values. The types
railkpi's options use (text, a path, a whole or decimal number, a choice of a str-Enum, lists
of these) are converted here instead, to the very value Typer's converter gives, for the
values whose conversion is plain: digits for a number, a listed choice, a path that is absent
or may be used as asked. Anything else — a bad value, an unusual spelling (`1_000`, ` 12`,
`1e3`), an option type or setting not listed — returns `UNSURE`, and the caller hands the value
to Typer's own converter, so every error message and exit status stays Typer's.
`tests/test_cli_convert.py` compares both, option by option, in both directions.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

#: What a native converter returns when the value is not one it converts (Typer's does).
UNSURE: Any = object()

#: A native converter: the value and the click context, to the value or UNSURE.
Convert = Callable[[Any, Any], Any]

# ASCII digits only: pydantic refuses other Unicode digits that int() would take.
_WHOLE = re.compile(r"-?[0-9]{1,18}")
_DECIMAL = re.compile(r"-?[0-9]{1,15}(?:\.[0-9]{1,15})?")


def native_converter(annotation: Any, info: Any) -> Convert | None:
    """The native converter for an option of this annotation and Typer `ParameterInfo`, or
    None where Typer's converter does anything more than these (a parser, a click type, a
    clamp, a file, a resolved path, a dash for standard input…)."""
    if info.parser is not None or getattr(info, "click_type", None) is not None:
        return None
    if get_origin(annotation) is list:
        (item_type,) = get_args(annotation)
        item = _leaf(item_type, info)
        return None if item is None else _list_of(item)
    return _leaf(annotation, info)


def _leaf(annotation: Any, info: Any) -> Convert | None:
    if annotation is str:
        return _text
    if annotation is int or annotation is float:
        return None if info.clamp else _number(annotation, info.min, info.max)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return _choice(annotation) if info.case_sensitive else None
    if (annotation is Path and info.path_type is None and not info.resolve_path
            and not info.allow_dash):
        return _path(info)
    return None


def _text(value: Any, ctx: Any) -> Any:
    return value if type(value) is str else UNSURE


def _number(kind: type[int] | type[float], low: float | None, high: float | None) -> Convert:
    pattern = _WHOLE if kind is int else _DECIMAL

    def convert(value: Any, ctx: Any) -> Any:
        if type(value) is not str or pattern.fullmatch(value) is None:
            return UNSURE
        number = kind(value)
        if (low is not None and number < low) or (high is not None and number > high):
            return UNSURE  # Typer's converter says which bound
        return number

    return convert


def _choice(enum: type[Enum]) -> Convert:
    members = list(enum)
    by_text: dict[str, Enum] = {}
    for member in members:  # Typer matches the first choice whose text is the value's
        by_text.setdefault(str(member.value), member)

    def convert(value: Any, ctx: Any) -> Any:
        if any(value is member for member in members):
            return value
        if type(value) is not str or getattr(ctx, "token_normalize_func", None) is not None:
            return UNSURE
        return by_text.get(value, UNSURE)

    return convert


def _path(info: Any) -> Convert:
    """As Typer: the text as a Path; if something is there, whether it may be used as the
    option asks (a file, a directory, readable, writable), else whether it must exist."""

    def convert(value: Any, ctx: Any) -> Any:
        if type(value) is not str:
            return UNSURE
        path = Path(value)
        try:
            found = os.stat(path)
        except OSError:
            return UNSURE if info.exists else path
        except ValueError:  # a NUL in the name: pydantic turns it into Typer's message
            return UNSURE
        usable = ((info.file_okay or not stat.S_ISREG(found.st_mode))
                  and (info.dir_okay or not stat.S_ISDIR(found.st_mode))
                  and (not info.readable or os.access(path, os.R_OK))
                  and (not info.writable or os.access(path, os.W_OK)))
        return path if usable else UNSURE

    return convert


def _list_of(item: Convert) -> Convert:
    def convert(value: Any, ctx: Any) -> Any:
        if not isinstance(value, (list, tuple)):
            return UNSURE
        items = [item(one, ctx) for one in value]
        return UNSURE if any(one is UNSURE for one in items) else items

    return convert
