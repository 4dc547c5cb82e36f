"""Records: railkpi's immutable values — dataclasses the type checker holds frozen.

A frozen dataclass (`dataclass(frozen=True)`) refuses an assignment at run time: it compiles a
`__setattr__` and a `__delattr__` for each class and has `__init__` set every field through
`object.__setattr__`. railkpi has about ninety value classes; the forty an everyday `assess`
imports took some 9 ms of its run for those functions and the slower `__init__`
(docs/performance.md, Round three). A record is the same dataclass — the same fields,
`__init__`, `__repr__`, `__eq__` and `__hash__` (a frozen dataclass's, from every field),
`dataclasses.replace`, `fields` and `asdict` — which the type checker treats as frozen (PEP
681): `mypy --strict`, which every change passes, refuses an assignment to a field or a new
attribute as it does for a frozen dataclass. What a record does not do is refuse one at run
time in code the type checker does not see.

Only `__init__` is compiled for each class; `__repr__`, `__eq__` and `__hash__` are shared
functions reading the fields through `operator.attrgetter`, and give what the dataclass's own
would (tests/test_records.py compares them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import Field, dataclass, field, fields
from operator import attrgetter
from reprlib import recursive_repr
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:
    try:
        from typing import dataclass_transform
    except ImportError:  # Python 3.10
        from typing_extensions import dataclass_transform

T = TypeVar("T")


@dataclass_transform(frozen_default=True, field_specifiers=(field, Field))
def record(cls: type[T]) -> type[T]:
    """An immutable value class (see above), declared as a frozen dataclass would be."""
    made = dataclass(eq=False, repr=False)(cls)
    values = {f.name: f for f in fields(made)}  # type: ignore[arg-type]
    compared = _getter([name for name, f in values.items() if f.compare])
    hashed = _getter([name for name, f in values.items()
                      if f.hash or (f.hash is None and f.compare)])
    shown = [name for name, f in values.items() if f.repr]

    def __eq__(self: Any, other: object) -> Any:
        if other.__class__ is self.__class__:
            return compared(self) == compared(other)
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(hashed(self))

    @recursive_repr()
    def __repr__(self: Any) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{self.__class__.__qualname__}({inner})"

    for method in (__eq__, __hash__, __repr__):
        method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
        if method.__name__ not in cls.__dict__:
            setattr(made, method.__name__, method)
    return made


def _getter(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The values of these attributes as a tuple (a dataclass compares and hashes those)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda value: (one(value),)
    return lambda value: ()
