"""Did you mean: the nearest valid key, value or id to one a plan file gets wrong, and what
the plan model allows at a YAML path (its keys, its fixed set of values).

- an unknown key (`indicatr`, `baseline`): the nearest key of the model there;
- a value outside a fixed set (`kind: levels`): the nearest value;
- an undefined indicator or group id: the id whose name or alias was written (总收入 →
  revenue_total), else the nearest id.

Pure; the hints' words come from the catalog (messages/problems_plans.PLAN_HINTS).
"""

from __future__ import annotations

import difflib
import types
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from railkpi.messages.problems_plans import PLAN_HINTS
from railkpi.plans.models import Plan
from railkpi.problems import Words

#: No hint: the message reads on without one.
NO_HINT = Words("", "")


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().replace("-", "_").strip()


def nearest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to `word` (case, width and -/_ ignored), if one is close enough."""
    by_folded = {_folded(c): c for c in candidates}
    if _folded(word) in by_folded:
        return by_folded[_folded(word)]
    close = difflib.get_close_matches(_folded(word), list(by_folded), n=1, cutoff=0.6)
    return by_folded[close[0]] if close else None


def hint(key: str, **fields: object) -> Words:
    """A hint of the catalog, in both languages."""
    zh, en = PLAN_HINTS[key]
    return Words(zh.format(**fields), en.format(**fields))


def did_you_mean(suggestion: str | None) -> Words:
    """'; did you mean 'x'?' or nothing."""
    return NO_HINT if suggestion is None else hint("did-you-mean", suggestion=suggestion)


def id_hint(found: str, ids: Iterable[str], labels: Mapping[str, Iterable[str]]) -> Words:
    """For an undefined id: the id whose name or alias was written, else the nearest id."""
    folded = _folded(found)
    for known, names in labels.items():
        if any(_folded(name) == folded for name in names) and known != found:
            return hint("name-not-id", found=found, known=known)
    return did_you_mean(nearest(found, ids))


def keys_allowed(keys: Sequence[str]) -> Words:
    """'; the keys allowed here: a, b'."""
    return Words(PLAN_HINTS["keys-allowed"][0].format(keys="、".join(keys)),
                 PLAN_HINTS["keys-allowed"][1].format(keys=", ".join(keys)))


# -- the model at a YAML path ------------------------------------------------------------------


def _models(annotation: Any) -> list[Any]:
    """The alternatives of a union (X | None → [X]), else [annotation]."""
    if get_origin(annotation) in (Union, types.UnionType):
        return [a for a in get_args(annotation) if a is not type(None)]
    return [annotation]


def _step(option: Any, part: int | str) -> Any:
    """The type one step into `option` at `part` (a field, an item, a value); None if none."""
    origin = get_origin(option)
    if isinstance(option, type) and issubclass(option, BaseModel) and isinstance(part, str):
        field = option.model_fields.get(part)
        return None if field is None else field.annotation
    if origin is tuple and isinstance(part, int):
        args = get_args(option)
        if len(args) == 2 and args[1] is Ellipsis:
            return args[0]
        return args[part] if part < len(args) else None
    if origin is dict and isinstance(part, str):
        return get_args(option)[1]
    return None


def annotation_at(loc: Sequence[int | str]) -> Any:
    """The type a plan file expects at a YAML path: ('targets', 0) → Target; None if unknown."""
    annotation: Any = Plan
    for part in loc:
        step = next((s for s in (_step(o, part) for o in _models(annotation)) if s is not None),
                    None)
        if step is None:
            return None
        annotation = step
    return annotation


def keys_at(loc: Sequence[int | str]) -> list[str]:
    """The keys a mapping at `loc` may have (its model's fields)."""
    for option in _models(annotation_at(loc)):
        if isinstance(option, type) and issubclass(option, BaseModel):
            return list(option.model_fields)
    return []


def choices_at(loc: Sequence[int | str]) -> list[str]:
    """The values a field of a fixed set may take: ['level', 'range', …] for targets[0].kind."""
    for option in _models(annotation_at(loc)):
        if get_origin(option) is Literal:
            return [str(a) for a in get_args(option)]
    return []
