"""docs/errors.md lists exactly the problem codes railkpi can emit."""

from __future__ import annotations

import re
from pathlib import Path

from railkpi.messages.problems import PROBLEM_MESSAGES

REPO = Path(__file__).resolve().parents[1]
SOURCES = [p for p in (REPO / "src" / "railkpi").rglob("*.py")
           if "messages" not in p.relative_to(REPO / "src" / "railkpi").parts]


def documented() -> dict[str, str]:
    """code → severity, from the tables of docs/errors.md."""
    text = (REPO / "docs" / "errors.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^\| `([a-z0-9-]+)` \| (error|warning) \|", text, re.MULTILINE))


def source_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in SOURCES)


def test_every_catalogued_code_is_documented_and_nothing_else() -> None:
    assert set(documented()) == set(PROBLEM_MESSAGES)


def test_every_documented_code_is_emitted_somewhere() -> None:
    text = source_text()
    never_used = [code for code in documented() if f'"{code}"' not in text]
    assert never_used == []


def test_every_code_the_source_emits_is_documented() -> None:
    # Problem constructors and the exceptions that carry a problem code.
    calls = re.findall(
        r'\b(?:error|warning|warn|_fail|CellError|UnitError|PydanticCustomError)\(\s*"([a-z0-9-]+)"',
        source_text(),
    )
    assert calls, "the pattern found no problem codes at all"
    assert sorted(set(calls) - set(documented())) == []


def test_documented_severity_matches_how_the_code_raises_it() -> None:
    text = source_text()
    warned = set(re.findall(r'\b(?:warning|warn)\(\s*"([a-z0-9-]+)"', text))
    assert {code for code, severity in documented().items() if severity == "warning"} == warned
