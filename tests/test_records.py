"""Records (railkpi.records): the same values as frozen dataclasses, frozen to the type checker."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from railkpi.records import record


@record
class Span:
    """A test record."""

    start: int
    end: int
    labels: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class FrozenSpan:
    """The frozen dataclass a record stands for."""

    start: int
    end: int
    labels: tuple[str, ...] = ()


def test_a_record_behaves_as_the_frozen_dataclass() -> None:
    span, frozen = Span(2016, 2020, ("a",)), FrozenSpan(2016, 2020, ("a",))
    assert span == Span(2016, 2020, ("a",)) and span != Span(2016, 2021, ("a",))
    assert span != frozen  # another class, as between dataclasses
    assert hash(span) == hash(frozen) == hash((2016, 2020, ("a",)))
    assert len({span, Span(2016, 2020, ("a",)), Span(2016, 2021)}) == 2
    assert repr(span) == repr(frozen).replace("FrozenSpan", "Span")
    assert dataclasses.replace(span, end=2025) == Span(2016, 2025, ("a",))
    assert [f.name for f in dataclasses.fields(span)] == ["start", "end", "labels"]
    assert dataclasses.asdict(span) == dataclasses.asdict(frozen)
    assert Span.__match_args__ == ("start", "end", "labels")
    with pytest.raises(TypeError):
        Span(2016)  # type: ignore[call-arg]


MUTATIONS = '''
from railkpi.calc.results import Note
from railkpi.records import record


@record
class Span:
    start: int


def change(span: Span, note: Note) -> None:
    span.start = 2021
    note.code = "other"
    span.extra = 1
'''


def test_the_type_checker_refuses_an_assignment(tmp_path: Path) -> None:
    """mypy holds a record frozen, a project's class as a test's own."""
    api = pytest.importorskip("mypy.api")
    source = tmp_path / "mutations.py"
    source.write_text(MUTATIONS, encoding="utf-8")
    report, _, status = api.run(["--strict", "--no-incremental", "--follow-imports=silent",
                                 "--python-version", "3.10", str(source)])
    lines = [line for line in report.splitlines() if ": error:" in line]
    assert status == 1 and len(lines) == 3, report
    assert ':12: error: Property "start" defined in "Span" is read-only' in lines[0]
    assert ':13: error: Property "code" defined in "Note" is read-only' in lines[1]
    assert ':14: error: "Span" has no attribute "extra"' in lines[2]


def every_record() -> list[type]:
    """Every record class of railkpi (the modules imported by walking the package)."""
    import importlib
    import pkgutil

    import railkpi

    found: dict[str, type] = {}
    for module in pkgutil.walk_packages(railkpi.__path__, "railkpi."):
        if module.name.startswith(("railkpi.render.docx", "railkpi.__main__")):
            continue  # python-docx is imported on demand; __main__ runs the command
        for value in vars(importlib.import_module(module.name)).values():
            if (isinstance(value, type) and dataclasses.is_dataclass(value)
                    and value.__eq__.__module__ == "railkpi.records"):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[name] for name in sorted(found)]


RECORDS = every_record()


def twin(cls: type) -> type:
    """The frozen dataclass with the same name and fields."""
    return dataclasses.make_dataclass(
        cls.__name__, [(f.name, f.type, dataclasses.field(repr=f.repr, compare=f.compare,
                                                           hash=f.hash))
                       for f in dataclasses.fields(cls)], frozen=True)


def test_records_are_found() -> None:
    names = {f"{cls.__module__}.{cls.__qualname__}" for cls in RECORDS}
    assert len(RECORDS) > 60 and {"railkpi.calc.results.TargetResult",
                                  "railkpi.read.cells.Cell", "railkpi.problems.Problem"} <= names


@pytest.mark.parametrize("cls", RECORDS, ids=lambda cls: f"{cls.__module__}.{cls.__qualname__}")
def test_every_record_is_its_frozen_dataclass(cls: type) -> None:
    """repr, ==, != and hash of each record as its frozen dataclass twin's, on stand-in
    values (a dataclass checks no type)."""
    names = [f.name for f in dataclasses.fields(cls) if f.init]
    values = {name: (i, f"v{i}") for i, name in enumerate(names)}
    other = {**values, names[0]: ("other",)} if names else values
    twin_cls = twin(cls)
    made, same_again, different = cls(**values), cls(**values), cls(**other)
    twins = twin_cls(**values), twin_cls(**other)
    assert repr(made) == repr(twins[0]).replace(twin_cls.__qualname__, cls.__qualname__, 1)
    assert hash(made) == hash(twins[0]) and hash(different) == hash(twins[1])
    assert made == same_again and (made != same_again) is False
    assert (made == different) == (twins[0] == twins[1]) and (made != different) != (
        twins[0] == twins[1])
    assert made != twins[0] and made.__eq__(twins[0]) is NotImplemented


@record
class Options:
    """Field options, as a dataclass takes them."""

    shown: int
    hidden: int = dataclasses.field(default=0, repr=False)
    ignored: int = dataclasses.field(default=0, compare=False)
    hashed_only: int = dataclasses.field(default=0, compare=False, hash=True)


@dataclasses.dataclass(frozen=True)
class FrozenOptions:
    shown: int
    hidden: int = dataclasses.field(default=0, repr=False)
    ignored: int = dataclasses.field(default=0, compare=False)
    hashed_only: int = dataclasses.field(default=0, compare=False, hash=True)


@given(st.tuples(st.integers(), st.integers(), st.integers(), st.integers()),
       st.tuples(st.integers(), st.integers(), st.integers(), st.integers()))
def test_field_options_as_a_dataclass_reads_them(a: tuple[int, ...], b: tuple[int, ...]) -> None:
    ours, theirs = (Options(*a), Options(*b)), (FrozenOptions(*a), FrozenOptions(*b))
    assert (ours[0] == ours[1]) == (theirs[0] == theirs[1])
    assert [hash(x) for x in ours] == [hash(x) for x in theirs]
    assert repr(ours[0]) == repr(theirs[0]).replace("FrozenOptions", "Options")


@record
class Box:
    """A record that may hold itself (only a test would build one)."""

    content: list[object]


def test_a_record_holding_itself_is_shown_as_a_dataclass_shows_it() -> None:
    box = Box([])
    box.content.append(box)
    assert repr(box) == "Box(content=[...])"


@record
class Nothing:
    """A record without fields."""


@record
class One:
    """A record of one field."""

    only: int


def test_records_of_none_and_one_field_hash_as_dataclasses_do() -> None:
    none, one = twin(Nothing), twin(One)
    assert hash(Nothing()) == hash(none()) == hash(()) and Nothing() == Nothing()
    assert hash(One(7)) == hash(one(7)) == hash((7,)) and One(7) != One(8)
    assert repr(Nothing()) == "Nothing()" and repr(One(7)) == "One(only=7)"
