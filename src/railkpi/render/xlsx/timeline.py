"""The timeline sheet of the gap table: a heat-grid of every target's status by year.

One row per target (under its plan's title), one column per year from the first year after
the earliest baseline to the year assessed, each cell the status word that year with the fill
of the plan sheets' status column; the baseline year of a target reads 基期, earlier years stay
blank. The last column is the change since the year before (↑ 好转, ↓ 变差, = 持平, 新判定),
worsened in red and improved in green; the year assessed has a heavier outline.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from railkpi.calc.order import ordered
from railkpi.calc.results import PlanResult, TargetResult
from railkpi.calc.series import first_year
from railkpi.messages import pick
from railkpi.messages.series import TIMELINE_XLSX
from railkpi.render import Report, series_words
from railkpi.render import display as fmt
from railkpi.render.xlsx.layout import (
    LINE_HEIGHT,
    Styles,
    banner,
    letter,
    line_count,
    paragraph,
    print_setup,
    text_cell,
)
from railkpi.render.xlsx.number_formats import table_target

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

TITLE_ROW, SUBTITLE_ROW, HEAD_ROW = 1, 2, 4
#: Widths: indicator, target, each year, the change.
INDICATOR_WIDTH, TARGET_WIDTH, YEAR_WIDTH, CHANGE_WIDTH = 30, 14, 11, 13


def years_shown(report: Report) -> list[int]:
    """From the first year after the earliest baseline to the year assessed."""
    as_of = report.assessment.as_of
    first = min((first_year(p.plan, r) for p in report.assessment.plans for r in p.targets),
                default=as_of)
    return list(range(min(first, as_of), as_of + 1))


def timeline_sheet(ws: Worksheet, report: Report, lang: str, styles: Styles,
                   data_file: str) -> None:
    years = years_shown(report)
    columns = 3 + len(years)
    widths = [INDICATOR_WIDTH, TARGET_WIDTH, *([YEAR_WIDTH] * len(years)), CHANGE_WIDTH]
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[letter(i)].width = width
    banner(ws, TITLE_ROW, pick(TIMELINE_XLSX["title"], lang).format(
        as_of=report.assessment.as_of, file=data_file), styles.title, styles, columns)
    ws.row_dimensions[TITLE_ROW].height = 22
    subtitle = pick(TIMELINE_XLSX["subtitle"], lang)
    narrowed = series_words.filter_line(
        report.target_filter, sum(len(p.targets) for p in report.assessment.plans), lang)
    paragraph(ws, SUBTITLE_ROW, subtitle + (f" {narrowed}" if narrowed else ""), styles.muted,
              columns, sum(widths))
    _header(ws, years, lang, styles)
    row = HEAD_ROW
    for plan_result in report.assessment.plans:
        row += 1
        title = text_cell(ws, row, 1, f"{plan_result.plan.plan.title(lang)} "
                                      f"[{plan_result.plan.id}]")
        title.font = styles.bold
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
        for result in ordered(plan_result.targets):
            row += 1
            _target_row(ws, row, plan_result, result, years, lang, styles)
    ws.freeze_panes = f"C{HEAD_ROW + 1}"
    paragraph(ws, row + 2, f"· {pick(TIMELINE_XLSX['legend'], lang)}", styles.muted, columns,
              sum(widths))
    print_setup(ws, lang, f"{HEAD_ROW}:{HEAD_ROW}")


def _header(ws: Worksheet, years: Sequence[int], lang: str, styles: Styles) -> None:
    labels: list[str | int] = [pick(TIMELINE_XLSX["indicator"], lang),
                               pick(TIMELINE_XLSX["target"], lang), *years,
                               pick(TIMELINE_XLSX["change"], lang)]
    for i, label in enumerate(labels, start=1):
        cell = ws.cell(row=HEAD_ROW, column=i)
        if isinstance(label, int):
            cell.value = label
            cell.number_format = "0"
        else:
            text_cell(ws, HEAD_ROW, i, label)
        cell.font = styles.bold
        cell.fill = styles.header_fill
        cell.alignment = styles.header
        cell.border = styles.border
    ws.row_dimensions[HEAD_ROW].height = LINE_HEIGHT + 6


def _target_row(ws: Worksheet, row: int, plan_result: PlanResult, result: TargetResult,
                years: Sequence[int], lang: str, styles: Styles) -> None:
    """The target's name and target, its status each year, the change since last year."""
    name = fmt.indicator_with_unit(result.indicator, lang)
    target = table_target(result, lang)
    for column, text in ((1, name), (2, target)):
        cell = text_cell(ws, row, column, text)
        cell.font = styles.font
        cell.alignment = styles.wrap
        cell.border = styles.border
    by_year = {y.year: y for y in (result.series.timeline if result.series else ())}
    baseline_year = first_year(plan_result.plan, result) - 1
    for column, year in enumerate(years, start=3):
        cell = ws.cell(row=row, column=column)
        cell.border = styles.current_border if year == years[-1] else styles.border
        cell.alignment = styles.center_wrap
        entry = by_year.get(year)
        if entry is not None:
            text_cell(ws, row, column, series_words.year_word(entry, lang))
            cell.fill = styles.status_fill[entry.status]
            cell.font = styles.status_font[entry.status]
        elif year == baseline_year:
            text_cell(ws, row, column, pick(TIMELINE_XLSX["not-in-timeline"], lang))
            cell.font = styles.muted
    change = text_cell(ws, row, len(years) + 3, series_words.change_text(result, lang))
    change.font = styles.change_font.get(result.series.change if result.series else "",
                                         styles.font)
    change.alignment = styles.center_wrap
    change.border = styles.border
    lines = max(line_count(name, INDICATOR_WIDTH), line_count(target, TARGET_WIDTH),
                max((line_count(series_words.year_word(y, lang), YEAR_WIDTH)
                     for y in by_year.values()), default=1))
    ws.row_dimensions[row].height = lines * LINE_HEIGHT + 4
