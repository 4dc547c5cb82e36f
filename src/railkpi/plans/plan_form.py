"""A validated plan (and the warnings it loaded with) as plain JSON values, and back: the plan
cache's compact verified form.

`dump` turns a `Plan` that the model has validated and `checks` has cross-checked into lists,
dicts, strings and numbers; `build` turns them back into the same models without validating
again (pydantic's `model_construct`), so a plan from the cache never builds a validation
schema. Both follow the models' own field types, so a field added to a model is carried
without a change here. `build` checks the type of every value against its field (a string
where a number belongs, a key that is not a year, an unknown field) and raises `FormError`
at the first mismatch: the cache then reads the plan from its YAML.

What `build` does not do is the model's checks (ranges, patterns, a period in order): the
form is only ever written from a plan that passed them, and the cache uses it only when its
key and its digest match (plan_cache.py).
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any

from pydantic import BaseModel

from railkpi.plans.models import Plan
from railkpi.problems import Param, Problem, Words


class FormError(ValueError):
    """A stored value that does not fit its field: the form is not used."""


def dump(plan: Plan) -> dict[str, Any]:
    """The plan as JSON values (every field, defaults included)."""
    return _dump_model(plan)


def build(form: Any) -> Plan:
    """The plan a form gives (FormError when a value does not fit its field)."""
    plan = _model_builder(Plan)(form)
    assert isinstance(plan, Plan)
    return plan


def _dump_model(model: BaseModel) -> dict[str, Any]:
    return {name: _dump(getattr(model, name)) for name in type(model).model_fields}


def _dump(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return _dump_model(value)
    if isinstance(value, tuple | list):
        return [_dump(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _dump(item) for key, item in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


Builder = Callable[[Any], Any]


@cache
def _model_builder(model: type[BaseModel]) -> Builder:
    fields = {name: _builder(info.annotation) for name, info in model.model_fields.items()}

    def build_model(value: Any) -> BaseModel:
        if not isinstance(value, dict) or value.keys() != fields.keys():
            raise FormError(model.__name__)
        return model.model_construct(**{name: fields[name](item)
                                        for name, item in value.items()})

    return build_model


def _builder(annotation: Any) -> Builder:
    """How to build a value of `annotation` from its JSON form."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _builder(args[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _model_builder(annotation)
    if origin in (typing.Union, types.UnionType):
        return _union([_builder(arg) for arg in args])
    if origin is typing.Literal:
        return _literal(args)
    if origin is tuple:
        return _tuple(args)
    if origin is dict:
        return _dict(_key_builder(args[0]), _builder(args[1]))
    if annotation is dt.date:
        return _date
    if annotation in (str, int, float, bool, type(None)):
        return _exactly(annotation)
    raise TypeError(f"no JSON form for {annotation!r}")  # a new kind of field: add it here


def _exactly(kind: type) -> Builder:
    def check(value: Any) -> Any:
        if type(value) is not kind:  # not isinstance: True is no int, 1 no float
            raise FormError(kind.__name__)
        return value

    return check


def _union(choices: list[Builder]) -> Builder:
    def first_fitting(value: Any) -> Any:
        for choice in choices:
            try:
                return choice(value)
            except FormError:
                continue
        raise FormError("union")

    return first_fitting


def _literal(allowed: tuple[Any, ...]) -> Builder:
    def check(value: Any) -> Any:
        if not any(type(value) is type(a) and value == a for a in allowed):
            raise FormError("literal")
        return value

    return check


def _tuple(args: tuple[Any, ...]) -> Builder:
    if len(args) == 2 and args[1] is Ellipsis:
        item = _builder(args[0])

        def build_all(value: Any) -> tuple[Any, ...]:
            if not isinstance(value, list):
                raise FormError("tuple")
            return tuple(item(v) for v in value)

        return build_all
    items = [_builder(arg) for arg in args]

    def build_each(value: Any) -> tuple[Any, ...]:
        if not isinstance(value, list) or len(value) != len(items):
            raise FormError("tuple")
        return tuple(build(v) for build, v in zip(items, value, strict=True))

    return build_each


def _key_builder(annotation: Any) -> Builder:
    """JSON keys are text: a year key is written as its digits."""
    kind = typing.get_args(annotation)[0] if typing.get_origin(
        annotation) is typing.Annotated else annotation
    if kind is str:
        return _exactly(str)
    if kind is int:
        def year(key: Any) -> int:
            if not (isinstance(key, str) and key.isascii() and key.isdigit()
                    and str(int(key)) == key):
                raise FormError("key")
            return int(key)

        return year
    raise TypeError(f"no JSON form for a key of {annotation!r}")


def _dict(key: Builder, item: Builder) -> Builder:
    def build_dict(value: Any) -> dict[Any, Any]:
        if not isinstance(value, dict):
            raise FormError("dict")
        return {key(k): item(v) for k, v in value.items()}

    return build_dict


def _date(value: Any) -> dt.date:
    if not isinstance(value, str):
        raise FormError("date")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FormError("date") from None


def dump_problems(problems: list[Problem]) -> list[dict[str, Any]]:
    """The warnings a plan loaded with, as JSON values."""
    return [{"severity": p.severity, "code": p.code, "file": p.file, "where": p.where,
             "params": [[key, [value.zh, value.en] if isinstance(value, Words) else value]
                        for key, value in p.params], "line": p.line, "more": p.more}
            for p in problems]


def build_problems(form: Any) -> list[Problem]:
    """The warnings of a plan from their form (FormError when one does not fit)."""
    if not isinstance(form, list):
        raise FormError("problems")
    return [_problem(item) for item in form]


def _problem(item: Any) -> Problem:
    text, optional = _exactly(str), _union([_exactly(str), _exactly(type(None))])
    if not isinstance(item, dict) or set(item) != _PROBLEM_KEYS or not isinstance(
            item["params"], list) or item["severity"] not in ("error", "warning"):
        raise FormError("problem")
    line = _union([_exactly(int), _exactly(type(None))])(item["line"])
    params: list[tuple[str, Param]] = []
    for pair in item["params"]:
        if not (isinstance(pair, list) and len(pair) == 2):
            raise FormError("problem")
        value = pair[1]
        if isinstance(value, list) and len(value) == 2:
            value = Words(text(value[0]), text(value[1]))
        params.append((text(pair[0]), text(value) if not isinstance(value, Words) else value))
    return Problem(item["severity"], text(item["code"]), optional(item["file"]),
                   optional(item["where"]), tuple(params), line, _exactly(int)(item["more"]))


_PROBLEM_KEYS = {"severity", "code", "file", "where", "params", "line", "more"}
