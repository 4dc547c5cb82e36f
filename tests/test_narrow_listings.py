"""The commands beside the assessment at any width: `railkpi milestones` and `targets --names`
print nothing wider than $COLUMNS, cut nothing, and wrap names as the assessment's table does
(no line of a name starting with a closing bracket or a separator)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rich.cells import cell_len

from railkpi.plans.loader import load_plans

#: What a wrapped line may not start with (render/table_fit.py).
NO_LINE_START = tuple("）)，、。：；;,")


def lines_of(run: Any, width: int) -> list[str]:
    assert run.exit_code == 0, run.stderr
    text = str(run.stdout)
    assert "…" not in text  # nothing cut
    lines = text.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    return lines


@pytest.mark.parametrize("width", [80, 60, 40])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_milestones_wrap_names_between_words(width: int, lang: str,
                                             railkpi: Callable[..., Any],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    lines = lines_of(railkpi("milestones", "--plan", "14th-fyp", "--lang", lang), width)
    assert not [line for line in lines if line.lstrip().startswith(NO_LINE_START)]
    # The notes are paragraphs: their later lines indented under the first's text.
    first = next(i for i, line in enumerate(lines) if line.startswith("  · "))
    assert all(line.startswith(("  · ", "    ")) for line in lines[first:] if line)
    # 2021's step of revenue, 2364.9 × (3500 / 2364.9)^(1/5) = 2557.8, and its last, whole.
    assert any("2557.8" in line for line in lines)
    assert any(("超过3500.0" if lang == "zh" else "more than 3500.0") in line for line in lines)
    if lang == "zh":  # notes name targets by indicator, never by id
        text = "\n".join(lines)
        assert "  · 产业创新平台数量：" in text and "innovation-platforms" not in text
    if width == 40:  # not one year fits beside the target and start: a block per target
        name = "轨道交通产业总收入" if lang == "zh" else "Total rail-transit industry revenue"
        at = next(i for i, line in enumerate(lines) if line.startswith(name))
        block = lines[at:at + 6]
        assert ("  2021年：2557.8" if lang == "zh" else "  2021: 2557.8") in block


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_names_print_as_blocks_when_narrow(lang: str, railkpi: Callable[..., Any],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    (loaded,) = load_plans(["14th-fyp"])
    plan = loaded[1]
    monkeypatch.setenv("COLUMNS", "40")
    lines = lines_of(railkpi("targets", "--names", "--plan", "14th-fyp", "--lang", lang), 40)
    label = "  可用名称：" if lang == "zh" else "  Accepted names: "
    # Every indicator: its id alone on a line, then its name and its names after their labels
    # (the names' lines indented under the first).
    for key in plan.indicators:
        at = lines.index(key)
        assert lines[at + 1].startswith("  指标：" if lang == "zh" else "  Indicator: ")
        start = next(i for i in range(at + 1, len(lines))
                     if lines[i].startswith(label.rstrip()))
        block = [lines[start]]
        for line in lines[start + 1:]:
            if not line.startswith("    "):
                break
            block.append(line)
        names = " ".join(line.strip() for line in block)
        assert names.startswith(label.strip()) and f"{key};" in names
    # Wider, the three columns of a table: the ids in its first.
    monkeypatch.setenv("COLUMNS", "80")
    wide = lines_of(railkpi("targets", "--names", "--plan", "14th-fyp", "--lang", lang), 80)
    assert "revenue_total" not in wide and any(line.startswith("revenue_total ") for line in wide)
