"""pydantic's refusals of a plan file as problems that say what to type, each at its line.

- an unknown key: `plan-unknown-key` with the nearest key of the model there, or the keys
  still free (the missing key it stands for is not reported again);
- a value outside a fixed set: `plan-bad-choice` with the nearest value (≥ → ">=");
- a figure or target copied with the plan's wording (`超过1000亿元`, `3至5`):
  `plan-value-wording` with the fields to write (plans/wording.py);
- anything else: `plan-invalid`, pydantic's reason in the run's language.

Every problem at a YAML path gets the line it is on; a missing key the line of the mapping it
is missing from.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from pydantic_core import ErrorDetails

from railkpi.plans.hints import choices_at, did_you_mean, keys_allowed, keys_at, nearest
from railkpi.plans.wording import COMPARATORS, figure_advice, target_advice
from railkpi.plans.yaml_builder import Document, yaml_path
from railkpi.problems import Problem, error, pydantic_words


def _found(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return _clip(text)


def _clip(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"


def _at(data: Any, loc: Sequence[int | str]) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _unit_of(data: Any, loc: Sequence[int | str]) -> str | None:
    """The unit of the indicator the entry at `loc` names, from the raw plan data."""
    indicator = _at(data, (*loc, "indicator"))
    unit = _at(data, ("indicators", indicator, "unit")) if isinstance(indicator, str) else None
    return unit if isinstance(unit, str) else None


def _suggested_key(err: ErrorDetails, data: Any) -> tuple[str | None, list[str]]:
    """For an unknown key: the nearest key still free in its mapping, and the keys free."""
    loc = err["loc"]
    present = _at(data, loc[:-1])
    allowed = [k for k in keys_at(loc[:-1]) if not isinstance(present, dict) or k not in present]
    return nearest(str(loc[-1]), allowed), allowed


def schema_problem(err: ErrorDetails, data: Any, name: str, where: str, found: str) -> Problem:
    """One schema error as the most helpful problem (see the module's docstring)."""
    loc, kind, given = err["loc"], err["type"], err.get("input")
    if isinstance(given, str):
        found = _clip(given)
    if kind == "extra_forbidden" and isinstance(loc[-1], str):
        suggestion, allowed = _suggested_key(err, data)
        hint = did_you_mean(suggestion) if suggestion else keys_allowed(allowed)
        return error("plan-unknown-key", name, where, key=loc[-1], hint=hint)
    if kind == "literal_error" and isinstance(given, str):
        choices = choices_at(loc)
        written = unicodedata.normalize("NFKC", given).strip()
        suggestion = COMPARATORS.get(written) if ">" in choices else None
        if suggestion is None and written in choices:
            suggestion = written
        return error("plan-bad-choice", name, where, found=found, field=loc[-1],
                     expected=", ".join(choices),
                     hint=did_you_mean(suggestion or nearest(given, choices)))
    if isinstance(given, str) and loc[-1] in ("value", "min", "max"):
        unit = _unit_of(data, loc[:-1])
        advice = (figure_advice(given, unit) if loc[0] == "history"
                  else target_advice(given, unit) if loc[0] == "targets" else None)
        if advice is not None:
            return error("plan-value-wording", name, where, found=found, advice=advice)
    if isinstance(given, str) and len(loc) == 4 and loc[::2] == ("targets", "milestones"):
        # An annual step is written as a published figure is: '突破2800亿元' → "突破2800".
        advice = figure_advice(given, _unit_of(data, loc[:2]))
        if advice is not None:
            return error("plan-value-wording", name, where, found=found, advice=advice)
    return error("plan-invalid", name, where, detail=pydantic_words(err), found=found)


def schema_problems(errors: Iterable[ErrorDetails], data: Any, name: str,
                    document: Document) -> list[Problem]:
    """Every schema error not under refused YAML, as problems with their lines. A missing key
    that an unknown key's hint already names is not reported twice (`indicatr` → "did you
    mean 'indicator'?" covers "indicator: Field required")."""
    errors = [err for err in errors if not document.covers(yaml_path(err["loc"]))]
    implied = set()
    for err in errors:
        if err["type"] == "extra_forbidden" and isinstance(err["loc"][-1], str):
            suggestion, _ = _suggested_key(err, data)
            if suggestion is not None:
                implied.add(yaml_path((*err["loc"][:-1], suggestion)))
    problems = []
    for err in errors:
        where = yaml_path(err["loc"])
        if err["type"] == "missing" and where in implied:
            continue
        problems.append(schema_problem(err, data, name, where,
                                       document.texts.get(where) or _found(err.get("input"))))
    return with_lines(problems, document.lines)


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
