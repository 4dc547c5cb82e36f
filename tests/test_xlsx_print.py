"""The gap table as it prints: the footer inside its margin, the summary on one page with its
headers, titles whole, captions clear of the tables, rows as tall as their text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from railkpi.render.xlsx.layout import LINE_HEIGHT, line_count, line_units

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "fengtai.xlsx"


@pytest.fixture(scope="module", params=["zh", "en"])
def gap_table(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    from conftest import run_cli

    path = tmp_path_factory.mktemp("print") / f"gaps-{request.param}.xlsx"
    assert run_cli("assess", EXAMPLE, "--xlsx", path, "--lang", request.param).exit_code == 0
    return openpyxl.load_workbook(path)


def test_every_sheet_leaves_room_for_its_footer(gap_table: Any) -> None:
    for sheet in gap_table.worksheets:
        margins = sheet.page_margins
        # The footer stands 0.3 inch from the edge, within a margin of 0.75: room for a line.
        assert margins.bottom - margins.footer >= 0.4, sheet.title
        assert margins.top - margins.header >= 0.4, sheet.title
        assert sheet.oddFooter.center.text


def test_the_summary_prints_on_one_page(gap_table: Any) -> None:
    summary = gap_table.worksheets[0]
    assert summary.sheet_properties.pageSetUpPr.fitToPage
    assert (summary.page_setup.fitToWidth, summary.page_setup.fitToHeight) == (1, 1)
    plan_sheet = gap_table.worksheets[1]
    assert plan_sheet.page_setup.fitToHeight == 0  # a long plan goes on over pages
    assert plan_sheet.print_title_rows  # with its headers on each


def test_the_charts_title_wraps_within_its_row(gap_table: Any) -> None:
    charts = gap_table.worksheets[-2]
    title = charts["A1"]
    assert title.alignment.wrap_text
    merged = next(r for r in charts.merged_cells.ranges if r.min_row == r.max_row == 1)
    assert merged.max_col == 12
    assert charts.row_dimensions[1].height >= 14 * 1.35  # at least a line of 14-point text


def test_chart_captions_have_their_lines(gap_table: Any) -> None:
    charts = gap_table.worksheets[-2]
    captions = [c for c in charts["A"] if c.row > 2 and isinstance(c.value, str)
                and c.font.b and c.alignment.vertical == "top"]
    assert captions
    for caption in captions:
        lines = line_count(caption.value, 32 / 1.1)
        assert charts.row_dimensions[caption.row].height >= lines * LINE_HEIGHT + 6


@pytest.mark.parametrize(("text", "width", "lines"), [
    ("Total rail-transit industry revenue", 28, 1),  # 25.4 units
    ("Specialised, refined, distinctive and innovative (SRDI) enterprises", 30, 2),
    ("growth ratio below the off-track threshold (moving away from the target)", 50, 2),
    ("参加或举办的国际性展览和论坛会议（次）", 44, 1),  # 19 × 1.9 = 36.1
    ("参加或举办的国际性展览和论坛会议（次）", 30, 2),
    ("a\nb", 40, 2),
    ("x" * 90, 31, 3),  # a word wider than the column is split
])
def test_line_count_wraps_word_by_word(text: str, width: float, lines: int) -> None:
    assert line_count(text, width) == lines


def test_line_units() -> None:
    assert line_units("中文") == pytest.approx(3.8)
    assert line_units("A1 b") == pytest.approx(1.0 + 0.95 + 0.4 + 0.75)
