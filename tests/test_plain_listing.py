"""`railkpi plans` / `targets` laid out without rich (render/plain_*.py): widths of every line at
many widths, cell widths against rich's, alignment, the header rule, blocks when narrow, bold
exactly where rich puts it."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len as rich_cell_len

from railkpi.render.cells import cell_len
from railkpi.render.plain_listing import render_targets
from railkpi.render.plain_table import Column, column_widths, share, table_lines
from railkpi.render.plain_terminal import BOLD, terminal

ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
COMMANDS = [("plans",), ("plans", "--names"), ("targets",), ("targets", "--names")]
WIDTHS = [200, 100, 80, 60, 59, 40, 20, 12]


def listing(railkpi, monkeypatch, width: int, *args: str) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    run = railkpi(*args)
    assert run.exit_code == 0, run.stderr
    return str(run.stdout)


# -- measuring ------------------------------------------------------------------------------

#: Text of the kind plans are written in: ASCII, Latin, Greek, combining accents, CJK, its
#: punctuation and full-width forms, kana and Hangul, the symbols the listings print.
PLAN_TEXT = st.text(st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x24F),
    st.characters(min_codepoint=0x300, max_codepoint=0x36F),
    st.characters(min_codepoint=0x391, max_codepoint=0x3C9),
    st.characters(min_codepoint=0x3000, max_codepoint=0x30FF),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3),
    st.characters(min_codepoint=0xFF01, max_codepoint=0xFF60),
    st.sampled_from("—–·…“”‘’《》〔〕（）［］≥≤≈×→✓✗％\u200b\t\n"),
), max_size=40)


@given(PLAN_TEXT)
def test_cell_width_is_rich_s(text: str) -> None:
    assert cell_len(text) == rich_cell_len(text)


def test_cell_width_by_hand() -> None:
    assert cell_len("轨道交通") == 8
    assert cell_len("（亿元）") == 8
    assert cell_len("abc") == 3
    assert cell_len("e\u0301") == 1  # a combining accent takes no cell
    assert cell_len("ｘ１") == 4  # full-width forms
    assert cell_len("≥×2") == 3


# -- the layout ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("args", COMMANDS)
def test_every_line_fits_the_width(railkpi, monkeypatch, args, lang) -> None:
    for width in WIDTHS:
        text = listing(railkpi, monkeypatch, width, *args, "--lang", lang)
        lines = text.splitlines()
        assert len(lines) >= 4
        for line in lines:
            assert cell_len(line) <= width, (width, line)
            assert line == line.rstrip(), (width, line)
            assert "…" not in line  # nothing cut
    # COLUMNS=1: one character a line at most (a Chinese character is two cells)
    text = listing(railkpi, monkeypatch, 1, *args, "--lang", lang)
    assert max(cell_len(line) for line in text.splitlines()) <= 2


def test_targets_table_columns_and_rule(railkpi, monkeypatch) -> None:
    text = listing(railkpi, monkeypatch, 100, "targets", "--plan", "14th-fyp", "--lang", "en")
    lines = text.splitlines()
    assert lines[0] == ("Fengtai District 14th Five-Year Plan for the Rail-Transit Industry"
                        " [14th-fyp]")
    head, rule = lines[1], lines[2]
    assert head.split() == ["Id", "Indicator", "Target", "Plan", "wording"]
    # the rule runs under the whole table: as wide as its widest line, all ─
    table = lines[1:lines.index("Figures the plan publishes")]
    assert set(rule) == {"─"} and len(rule) == max(cell_len(line) for line in table)
    # the target column is right-aligned: every target ends where the heading ends
    end = head.index("Target") + len("Target")
    rows = {line.split()[0]: line for line in table[2:] if line[:1] != " "}
    assert rows["revenue-2025"][:end].endswith(">3500.0 (2025)")
    assert rows["rd-expenditure-double"][:end].endswith("≥×2 vs 2020 (2025)")
    # two cells between columns, the id never wrapped
    assert rows["rd-expenditure-double"].startswith("rd-expenditure-double  R&D expenditure")
    assert head.startswith("Id" + " " * (len("rd-expenditure-double") + 2 - 2) + "Indicator")


def test_chinese_columns_line_up_in_cells(railkpi, monkeypatch) -> None:
    text = listing(railkpi, monkeypatch, 80, "targets", "--plan", "14th-fyp", "--lang", "zh")
    lines = text.splitlines()
    head = lines[1]
    quote_at = cell_len(head[:head.index("依据原文")])
    rows = lines[3:lines.index("规划公布的数据")]
    for line in rows:  # every quote line starts in the quote column's first cell
        cells = 0
        for index, char in enumerate(line):
            if cells == quote_at:
                assert line[index - 2:index] == "  " or cell_len(line[:index]) == quote_at
                break
            cells += cell_len(char)
    row = next(line for line in rows if line.startswith("revenue-2025"))
    cut = next(i for i in range(len(row)) if cell_len(row[:i]) == quote_at)
    assert row[cut:].startswith("丰台轨道交通产业")
    # a unit in brackets is not split, no line starts with a closing bracket
    assert all(not line.strip().startswith(("）", "〕")) for line in rows)


def test_names_and_notes(railkpi, monkeypatch) -> None:
    text = listing(railkpi, monkeypatch, 100, "targets", "--plan", "14th-fyp", "--lang", "zh")
    notes = text.splitlines()[text.splitlines().index("说明") + 1:]
    assert notes[0].startswith(" · enterprises-increase：增加60家自规划基期2020年起算")
    # a note's wrapped lines hang under its text, not its mark
    wrapped = [line for line in notes if line.startswith("   ")]
    assert wrapped and all(line[3] != " " for line in wrapped)
    names = listing(railkpi, monkeypatch, 100, "targets", "--names", "--plan", "14th-fyp",
                    "--lang", "en")
    assert names.splitlines()[1].split() == ["Id", "Indicator", "Accepted", "names"]
    assert "revenue_total" in names and "Notes" not in names


def test_narrow_targets_print_as_blocks(railkpi, monkeypatch) -> None:
    text = listing(railkpi, monkeypatch, 40, "targets", "--plan", "14th-fyp", "--lang", "en")
    lines = text.splitlines()
    start = lines.index("revenue-2025")
    assert lines[start + 1:start + 3] == ["  Indicator: Total rail-transit",
                                          "    industry revenue (100M CNY)"]
    assert lines[start + 3] == "  Target: >3500.0 (2025)"
    assert "─" * 10 not in text  # no table
    wide = listing(railkpi, monkeypatch, 100, "targets", "--plan", "14th-fyp", "--lang", "en")
    assert "  Target: >3500.0 (2025)" not in wide


def test_plans_table(railkpi, monkeypatch) -> None:
    text = listing(railkpi, monkeypatch, 200, "plans", "--lang", "zh")
    lines = text.splitlines()
    assert lines[0].split() == ["编号", "名称", "规划期", "基期年", "目标数", "文号"]
    assert lines[2].split() == ["14th-fyp", "“十四五”时期丰台区轨道交通产业发展规划",
                                "2021-2025", "2020", "12", "丰政发〔2022〕7号"]
    assert lines[3].split()[:5] == ["2023-2025",
                                    "丰台区轨道交通产业创新发展行动计划（2023-2025年）",
                                    "2023-2025", "2022", "24"]


# -- the table on its own --------------------------------------------------------------------

COLUMNS = [Column("Id"), Column("Name", wraps=True), Column("Value", right=True),
           Column("Text", wraps=True)]


def test_a_long_word_is_folded_within_its_column() -> None:
    rows = [["a", "x" * 50, "1.0", "short"], ["bb", "name", "12345.0", "y" * 70]]
    widths = column_widths(COLUMNS, rows, 60)
    assert widths is not None and sum(widths) + 2 * 3 == 60
    lines = table_lines(COLUMNS, rows, widths, str)
    assert all(cell_len(line) <= 60 for line in lines)
    assert "".join(line[widths[0] + 2:][:widths[1]].strip() for line in lines[2:8]) \
        .startswith("x" * 50)
    value_end = widths[0] + 2 + widths[1] + 2 + widths[2]
    second = next(line for line in lines if line.startswith("bb"))
    assert lines[2][:value_end].endswith("    1.0") and second[:value_end].endswith(" 12345.0")
    assert cell_len(lines[2][:value_end]) == cell_len(second[:value_end]) == value_end


def test_widths_shared_in_proportion() -> None:
    assert share([30, 90], [12, 12], 200) == [30, 90]  # room for both
    assert share([30, 90], [12, 12], 60) == [15, 45]  # 1:3
    assert share([10, 200], [10, 12], 50) == [10, 40]  # a narrow column keeps its width
    assert share([40, 40], [12, 12], 24) == [12, 12]  # both at the floor
    assert column_widths(COLUMNS, [["a", "b" * 40, "1", "c" * 40]], 59) is None  # blocks


def test_bold_where_rich_puts_it() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    plain = terminal(io.StringIO(), {"COLUMNS": "90"})
    assert (plain.width, plain.styled) == (90, False)
    tty = terminal(Tty(), {"COLUMNS": "70", "TERM": "xterm"})
    assert (tty.width, tty.styled) == (70, True)
    assert terminal(Tty(), {"NO_COLOR": "1", "COLUMNS": "70"}).styled  # bold is not colour
    assert not terminal(Tty(), {"TERM": "dumb", "COLUMNS": "70"}).styled
    assert terminal(io.StringIO(), {"FORCE_COLOR": "1"}).styled
    assert not terminal(Tty(), {"TTY_COMPATIBLE": "0", "COLUMNS": "70"}).styled
    assert terminal(io.StringIO(), {}).width == 100
    assert terminal(Tty(), {"TERM": "dumb"}).width == 80


def test_bold_title_and_headers_only_on_a_terminal(monkeypatch) -> None:
    from railkpi.pipeline import plans

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    chosen = plans(["14th-fyp"]).models
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    out = Tty()
    render_targets(chosen, "en", out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith(BOLD + "Fengtai District")
    assert lines[1].startswith(BOLD + "Id\x1b[0m") and lines[1].count(BOLD) == 4
    assert BOLD not in lines[3]  # rows are plain
    assert [ESCAPE.sub("", line) for line in lines] == [
        line for line in _plain_targets(chosen)]
    piped = io.StringIO()
    render_targets(chosen, "en", piped)
    assert "\x1b" not in piped.getvalue()


def _plain_targets(chosen) -> list[str]:
    out = io.StringIO()
    render_targets(chosen, "en", out)
    return out.getvalue().splitlines()
