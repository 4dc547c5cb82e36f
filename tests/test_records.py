"""Records (railkpi.records): the same values as frozen dataclasses, frozen to the type checker."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

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
