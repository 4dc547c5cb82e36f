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
"""

from __future__ import annotations

from dataclasses import Field, dataclass, field
from typing import TYPE_CHECKING, TypeVar

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
    return dataclass(unsafe_hash=True)(cls)
