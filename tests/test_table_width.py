"""The terminal table at any width: nothing cut, nothing wider than the terminal.

The example workbook is assessed in both languages at several widths (as $COLUMNS, output not
a terminal); every line must fit, no cell may be cut ("…"), and every target's figures, target
text and status word must appear whole, in a table row or in its block.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from railkpi import pipeline
from railkpi.messages import pick
from railkpi.messages.outputs import OUTPUT
from railkpi.render import Report
from railkpi.render import display as fmt
from railkpi.render.table import plain_width, render_assessment
from railkpi.render.table_fit import BLOCK_BELOW, DROP_ORDER, fit, wrap

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "fengtai.xlsx"
WIDTHS = (120, 100, 80, 60, 40)


@pytest.fixture(scope="module")
def report() -> Report:
    return pipeline.assess(EXAMPLE, pipeline.plans(None), None, None, None)


def printed(report: Report, lang: str, width: int, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    out = io.StringIO()
    render_assessment(report, lang, out)
    return out.getvalue()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_nothing_is_cut_at_any_width(report: Report, lang: str, width: int,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    out = printed(report, lang, width, monkeypatch)
    assert "…" not in out
    lines = out.splitlines()
    for line in lines:
        assert cell_len(line) <= width, line
    for plan_result in report.assessment.plans:
        meta = plan_result.plan.plan
        for result in plan_result.targets:
            # The target, the latest figure, the gap: whole, each on one line. A table puts a
            # ratio's base year on a line of its own ("≥×2=113.6" over "vs 2020"); a block
            # writes it after the target.
            apart = fmt.summary_cells(result, meta, report.assessment.as_of, lang, apart=True)
            cells = fmt.summary_cells(result, meta, report.assessment.as_of, lang)
            for split, whole in zip(apart[2:5], cells[2:5], strict=True):
                in_table = all(any(_whole(part, line) for line in lines)
                               for part in split.split("\n"))
                assert in_table or any(_whole(whole, line) for line in lines), (whole, width)
            word = fmt.marked_status(result, lang)
            assert any(_whole(word, line) for line in lines), (word, width)


def _whole(text: str, line: str) -> bool:
    """`text` stands on `line` as a cell: not run into other text on either side."""
    return re.search(rf"(?:^|[\s：:]){re.escape(text)}(?:\s|$)", line) is not None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_status_cell_is_whole_in_the_table(report: Report, lang: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Each target's row ends in its whole status word (then the change mark), in the order
    of the targets."""
    out = printed(report, lang, 80, monkeypatch)
    words = [fmt.marked_status(r, lang) for p in report.assessment.plans for r in p.targets]
    # The status is followed by the change mark since the year before (↑ ↓ = 新, new).
    rows = [line.rstrip().rsplit(" ", 1)[0].rstrip() for line in out.splitlines()]
    ends = [row for row in rows if any(row.endswith("  " + w) for w in words)]
    assert [next(w for w in sorted(words, key=len, reverse=True) if line.endswith(w))
            for line in ends] == words


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_columns_left_out_are_named_under_the_table(report: Report, lang: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    wide = printed(report, lang, 160, monkeypatch)
    narrow = printed(report, lang, 80, monkeypatch)
    time_head = pick(OUTPUT["col-time"], lang)
    left_out = pick(OUTPUT["left-out"], lang).split("{")[0]
    assert left_out not in wide
    assert left_out in narrow
    # 序时进度 / Time is the first to go: named in the line, absent from the header.
    line = next(line for line in narrow.splitlines() if line.startswith(left_out))
    assert time_head in line
    assert "80" in line


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_status_count_line_under_each_plan(report: Report, lang: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    out = printed(report, lang, 100, monkeypatch)
    counted = [line for line in out.splitlines()
               if line.startswith(pick(OUTPUT["statuses"], lang))]
    assert len(counted) == 2
    # 14th-fyp: 12 targets; the count line's numbers add up to them.
    assert sum(int(n) for n in re.findall(r" (\d+)(?: ·|$)", counted[0])) == 12
    assert sum(int(n) for n in re.findall(r" (\d+)(?: ·|$)", counted[1])) == 24


def test_blocks_below_the_block_width(report: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    out = printed(report, "zh", BLOCK_BELOW - 1, monkeypatch)
    assert "──" not in out  # no table rule
    assert "  状态：进度偏慢" in out
    assert "  今后所需年均增速：18.7%" in out  # every figure, its full label
    table = printed(report, "zh", BLOCK_BELOW, monkeypatch)
    assert "──" in table


def test_notes_name_targets_by_name_not_id(report: Report, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    out = printed(report, "zh", 100, monkeypatch)
    assert "参加或举办的国际性展览和论坛会议：2022 年未达标" in out
    assert "intl-events" not in out and "poc-centers" not in out
    en = printed(report, "en", 100, monkeypatch)
    assert "target missed in 2022" in en and "intl-events" not in en


def test_plain_width_follows_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    assert plain_width() == 100
    monkeypatch.setenv("COLUMNS", "72")
    assert plain_width() == 72
    for nonsense in ("", "wide", "0", "-5"):
        monkeypatch.setenv("COLUMNS", nonsense)
        assert plain_width() == 100


def test_cli_honours_columns(railkpi, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "64")
    run = railkpi("assess", EXAMPLE, "--lang", "en")
    assert run.exit_code == 0
    assert max(cell_len(line) for line in run.stdout.splitlines()) == 64


# -- the layout, by hand -----------------------------------------------------------------------

KEYS = ("col-indicator", "col-baseline", "col-latest", "col-target", "col-gap",
        "col-completion", "col-time", "col-cagr", "col-needed", "col-status")
HEADS = ("Name", "Base", "Latest", "Target", "Gap", "Done", "Time", "CAGR", "Need", "Status")
ROW = ("Revenue of the rail industry", "2364.9", "2948.2", ">3500.0", "551.8", "51.4%",
       "80.0%", "5.7%", "18.7%", "moderate")


def test_fit_keeps_every_column_when_there_is_room() -> None:
    layout = fit(KEYS, HEADS, [ROW], 200)
    assert layout.shown == KEYS and not layout.left_out and not layout.blocks
    # Figures as wide as their widest cell or header; the name as its text.
    assert layout.widths == (28, 6, 6, 7, 5, 5, 5, 4, 5, 8)


def test_fit_drops_columns_in_order_then_wraps_the_name() -> None:
    order = tuple(key for key in DROP_ORDER if key in KEYS)
    # The figures need 6+6+7+5+5+5+4+5+8 = 51 cells and 9 gaps of 2: 69, and the name 20.
    assert fit(KEYS, HEADS, [ROW], 89).left_out == ()
    assert fit(KEYS, HEADS, [ROW], 88).left_out == order[:1]
    assert fit(KEYS, HEADS, [ROW], 88).widths[0] == 88 - 69 + 5 + 2
    assert fit(KEYS, HEADS, [ROW], 61).left_out == order[:-1]  # 41 + 20 fits
    narrow = fit(KEYS, HEADS, [ROW], 60)
    assert narrow.left_out == order
    assert narrow.shown == ("col-indicator", "col-latest", "col-target", "col-gap",
                            "col-status")
    assert narrow.widths[0] == 60 - (6 + 7 + 5 + 8 + 4 * 2)
    assert fit(KEYS, HEADS, [ROW], 59).blocks


def test_fit_never_splits_a_word_of_the_name() -> None:
    row = ("Internationalisation", *ROW[1:])
    assert fit(KEYS, HEADS, [row], 60).widths[0] >= 20
    # Too narrow for the word beside the five columns that always show: blocks.
    assert fit(KEYS, HEADS, [("Internationalisation" * 2, *ROW[1:])], 70).blocks


@pytest.mark.parametrize(("text", "width", "lines"), [
    ("轨道交通产业总收入（亿元）", 20, ["轨道交通产业总收入", "（亿元）"]),
    ("轨道交通产业总收入（亿元）", 26, ["轨道交通产业总收入（亿元）"]),
    ("参加或举办的国际性展览和论坛会议（次）", 20, ["参加或举办的国际性展", "览和论坛会议（次）"]),
    ("R&D expenditure (100M CNY)", 21, ["R&D expenditure", "(100M CNY)"]),
    ("Internationalisation", 8, ["Internat", "ionalisa", "tion"]),
    # A hyphenated word too long for its line breaks after a hyphen, not inside a word.
    ("100-million-yuan-level enterprises exceed 70", 20,
     ["100-million-yuan-", "level enterprises", "exceed 70"]),
    # No line starts with a closing bracket nor ends with an opening one, and a number is
    # not split to keep a bracket company.
    ("丰政发〔2022〕7号", 12, ["丰政发", "〔2022〕7号"]),
    ("《丰台区轨道交通产业创新发展行动计划（2023-2025年）（征求意见稿）》", 12,
     ["《丰台区轨道", "交通产业创新", "发展行动计划", "（2023-2025", "年）（征求意", "见稿）》"]),
    ("", 10, [""]),
])
def test_wrap(text: str, width: int, lines: list[str]) -> None:
    assert wrap(text, width) == lines


@given(st.text(alphabet=st.sampled_from("轨道交通（）()〔〕《》 abcdeXYZ-，、12.%"), max_size=60),
       st.integers(min_value=2, max_value=30))
def test_wrap_keeps_every_character_within_the_width(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


STEP_KEYS = (*KEYS, "col-step")
STEP_HEADS = (*HEADS, "Step")


def test_fit_leaves_the_step_out_last() -> None:
    row = (*ROW, "3236.1 ✗")  # 8 cells: the figures need 69 + 8 + 2 = 79, the name 20
    others = tuple(key for key in DROP_ORDER if key in KEYS)
    assert DROP_ORDER[-1] == "col-step"
    assert fit(STEP_KEYS, STEP_HEADS, [row], 99).left_out == ()
    # One cell short: 序时进度 / Time goes, not the step the user asked for.
    assert fit(STEP_KEYS, STEP_HEADS, [row], 98).left_out == others[:1]
    # Every other optional column out: latest 6 + target 7 + gap 5 + status 8 + step 8 and
    # five gaps of 2 = 44; the name wraps below its comfortable 20, down to its floor of 12
    # (its longest word, "industry", is 8), before the step is left out: at 60, 16 cells.
    narrow = fit(STEP_KEYS, STEP_HEADS, [row], 60)
    assert narrow.left_out == others and "col-step" in narrow.shown
    assert narrow.widths[0] == 60 - 44
    # A figure column not asked for is left out to keep the name at 20 (above): unchanged.
    assert fit(KEYS, HEADS, [ROW], 88).widths[0] == 88 - 69 + 5 + 2


def test_fit_leaves_the_step_out_when_even_the_narrowest_name_does_not_fit() -> None:
    # A step cell of 22 cells: latest, target, gap, status 26 + the step 22 + five gaps 10 = 58.
    row = (*ROW, "超过3500.0 ✗ (≈3236.1)")
    layout = fit(STEP_KEYS, STEP_HEADS, [row], 64)  # 58 + 12 > 64: the step goes too
    assert layout.left_out[-1] == "col-step" and "col-step" not in layout.shown
    assert layout.widths[0] == 28  # the name whole again: 28 ≤ 64 − (26 + 4 × 2) = 30
    kept = fit(STEP_KEYS, STEP_HEADS, [row], 70)  # 58 + 12 = 70: kept, the name at 12
    assert "col-step" in kept.shown and kept.widths[0] == 12
