"""A plan file's YAML as Python values, with what reading it found: its problems, the paths
whose content was refused, each path's line. Made by `yaml_builder.Builder`, or taken from the
plan cache (`plan_cache.py`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from railkpi.problems import Problem


def yaml_path(loc: Sequence[int | str]) -> str:
    """('targets', 3, 'op') → 'targets[3].op'; a refused mapping key is at its own path
    (pydantic's ('…', 'milestones', '2023年', '[key]') → '….milestones.2023年')."""
    text = ""
    for part in loc:
        if part == "[key]":
            continue
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(top level)"


@dataclass
class Document:
    """A plan file's YAML as Python values, with what reading it found."""

    data: Any
    problems: list[Problem]
    #: YAML paths whose content was refused: schema errors at or under them are not reported.
    refused: set[str]
    #: YAML path → the text of a plain scalar YAML read as a number, a boolean or null.
    texts: dict[str, str]
    #: YAML path → the line (from 1) of its key, or of its value where it has no key.
    lines: dict[str, int] = field(default_factory=dict)

    def covers(self, where: str) -> bool:
        return any(
            path in ("(top level)", where) or where.startswith((path + ".", path + "["))
            for path in self.refused
        )


def line_of(where: str | None, lines: Mapping[str, int]) -> int | None:
    """The line of a YAML path, else of the nearest enclosing one that has a line."""
    path = where or ""
    while path:
        if path in lines:
            return lines[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None


def with_lines(problems: Iterable[Problem], lines: Mapping[str, int]) -> list[Problem]:
    """Each problem at a YAML path with the line it is on (those with a line already keep it)."""
    return [p if p.line is not None or p.where is None else
            replace(p, line=line_of(p.where, lines)) for p in problems]
