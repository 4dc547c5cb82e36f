"""The summary sheet: per plan, the targets by status; where a target has a step for the year
assessed (年度目标), the steps met, missed and not judged; and the targets needing attention,
worst first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from railkpi.calc.order import needing_attention
from railkpi.calc.results import ALL_STATUSES
from railkpi.messages import pick
from railkpi.messages.milestones import MILESTONE
from railkpi.messages.outputs import CSV_COLUMN
from railkpi.messages.words import COLUMN, STATUS
from railkpi.messages.xlsx import XLSX
from railkpi.render import Report
from railkpi.render import display as fmt
from railkpi.render import milestone_words as steps
from railkpi.render.series_words import filter_line
from railkpi.render.xlsx.layout import (
    DASH,
    LINE_HEIGHT,
    Styles,
    banner,
    letter,
    line_count,
    number_cell,
    print_setup,
    text_cell,
)
from railkpi.render.xlsx.plan_sheet import row_cells
from railkpi.render.xlsx.step_columns import MET_COLOURS, MET_WORDS

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

#: Column widths of the summary: plan, title, targets, one per status.
#: Plan, title or indicator (a plan's title and the longest names of the bundled plans on one
#: line), targets, a column per status ("undetermined" whole in its header).
WIDTHS = (12, 44, 9, *([11.5] * len(ALL_STATUSES)))
#: A summary of up to this many rows prints on one page, its headers with it.
ONE_PAGE_ROWS = 50
#: The step counts' columns after the targets with a step: met, missed, not judged.
MET_ORDER: tuple[bool | None, ...] = (True, False, None)
#: The columns of the list of targets needing attention, after the plan's id. The latest
#: figure's year has a column of its own: a latest figure of an earlier year than the one
#: assessed (only the baseline's, 2020) must not read as that year's.
ATTENTION_KEYS = ("indicator", "latest_year", "latest_value", "target", "gap", "completion",
                  "time_elapsed", "required_cagr_from_latest", "status")
#: Their headers where not the plan sheet's (messages.words.COLUMN).
ATTENTION_HEADERS = {"latest_year": CSV_COLUMN["latest_year"],
                     "latest_value": CSV_COLUMN["latest_value"]}


def summary_sheet(ws: Worksheet, report: Report, lang: str, styles: Styles,
                  names: dict[str, str], data_file: str) -> None:
    for i, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[letter(i)].width = width
    banner(ws, 1, pick(XLSX["summary-title"], lang).format(
        as_of=report.assessment.as_of, file=data_file), styles.title, styles, len(WIDTHS))
    ws.row_dimensions[1].height = 22
    narrowed = filter_line(report.target_filter,
                           sum(len(p.targets) for p in report.assessment.plans), lang)
    if narrowed is not None:
        banner(ws, 2, narrowed, styles.bold, styles, len(WIDTHS))
    row = _counts(ws, report, lang, styles)
    row = _step_counts(ws, row, report, lang, styles)
    _attention(ws, row + 2, report, lang, styles)
    ws.freeze_panes = "A5"
    print_setup(ws, lang, one_page=ws.max_row <= ONE_PAGE_ROWS)


def _header(ws: Worksheet, row: int, labels: Sequence[str], styles: Styles) -> None:
    for i, label in enumerate(labels, start=1):
        cell = text_cell(ws, row, i, label)
        cell.font = styles.bold
        cell.alignment = styles.header
        cell.border = styles.border
        cell.fill = styles.header_fill
    ws.row_dimensions[row].height = 2 * LINE_HEIGHT + 4


def _counts(ws: Worksheet, report: Report, lang: str, styles: Styles) -> int:
    """Per plan, its targets by status (headers coloured as the statuses), and a total row
    when there are several plans; the last row written."""
    heading = text_cell(ws, 3, 1, pick(XLSX["summary-counts"], lang))
    heading.font = styles.heading
    _header(ws, 4, [pick(XLSX["summary-plan"], lang), pick(XLSX["summary-plan-title"], lang),
                    pick(XLSX["summary-targets"], lang),
                    *(pick(STATUS[s], lang) for s in ALL_STATUSES)], styles)
    for i, status in enumerate(ALL_STATUSES, start=4):
        cell = ws.cell(row=4, column=i)
        cell.fill = styles.status_fill[status]
        cell.font = styles.status_font[status]
    row = 4
    totals = [0] * (1 + len(ALL_STATUSES))
    for plan_result in report.assessment.plans:
        row += 1
        statuses = [t.status for t in plan_result.targets]
        counts = [len(statuses), *(statuses.count(s) for s in ALL_STATUSES)]
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        title = plan_result.plan.plan.title(lang)
        _summary_row(ws, row, [plan_result.plan.id, title, *counts], styles)
        ws.row_dimensions[row].height = line_count(title, WIDTHS[1]) * LINE_HEIGHT + 4
    if len(report.assessment.plans) > 1:
        row += 1
        _summary_row(ws, row, [pick(XLSX["summary-total"], lang), "", *totals], styles,
                     bold=True)
    return row


def _step_counts(ws: Worksheet, row: int, report: Report, lang: str, styles: Styles) -> int:
    """Per plan, its targets with a step for the year assessed, and how many met it, missed
    it, could not be judged (headers coloured as the plan sheets' step column), and a total
    row when there are several plans; the last row written. Nothing where no target has a
    step: the summary then looks as it always did."""
    every = [r for p in report.assessment.plans for r in p.targets]
    checks = [r.milestone for r in every if r.milestone is not None]
    if not checks:
        return row
    row += 2
    heading = text_cell(ws, row, 1, pick(XLSX["summary-steps"], lang).format(
        year=checks[0].year, sources=steps.sources_text(checks, lang)))
    heading.font = styles.heading
    row += 1
    _header(ws, row, [pick(XLSX["summary-plan"], lang), pick(XLSX["summary-plan-title"], lang),
                      pick(XLSX["summary-with-step"], lang),
                      *(pick(MILESTONE[MET_WORDS[met]], lang) for met in MET_ORDER)], styles)
    for i, met in enumerate(MET_ORDER, start=4):
        cell = ws.cell(row=row, column=i)
        cell.fill = styles.status_fill[MET_COLOURS[met]]
        cell.font = styles.status_font[MET_COLOURS[met]]
    for plan_result in report.assessment.plans:
        row += 1
        counts = steps.step_counts(plan_result.targets)
        title = plan_result.plan.plan.title(lang)
        # A plan without a step has none to count: — rather than a 0 that reads "none missed".
        shown = [counts.met, counts.missed, counts.not_judged] if counts.total else [None] * 3
        _summary_row(ws, row, [plan_result.plan.id, title, counts.total, *shown], styles)
        ws.row_dimensions[row].height = line_count(title, WIDTHS[1]) * LINE_HEIGHT + 4
    if len(report.assessment.plans) > 1:
        total = steps.step_counts(every)
        row += 1
        _summary_row(ws, row, [pick(XLSX["summary-total"], lang), "", total.total, total.met,
                               total.missed, total.not_judged], styles, bold=True)
    return row


def _attention(ws: Worksheet, row: int, report: Report, lang: str, styles: Styles) -> None:
    """The targets needing attention (moderate or worse, undetermined, no data), worst first."""
    heading = text_cell(ws, row, 1, pick(XLSX["summary-attention"], lang))
    heading.font = styles.heading
    row += 1
    _header(ws, row, [pick(XLSX["summary-plan"], lang),
                      *(pick(ATTENTION_HEADERS.get(k) or COLUMN[k], lang)
                        for k in ATTENTION_KEYS)], styles)
    listed = 0
    for plan_result in report.assessment.plans:
        for r in needing_attention(plan_result.targets):
            row += 1
            listed += 1
            content = row_cells(r, plan_result, lang)
            content["indicator"] = fmt.indicator_with_unit(r.indicator, lang)
            if r.target_year != plan_result.plan.plan.period[1]:
                # no target-year column here: a 2023 target must not read as the plan's 2025
                content["target"] = pick(XLSX["summary-target-year"], lang).format(
                    target=content["target"], year=r.target_year)
            values = [plan_result.plan.id, *(content[k] for k in ATTENTION_KEYS)]
            _summary_row(ws, row, values, styles)
            status_cell = ws.cell(row=row, column=len(values))
            status_cell.fill = styles.status_fill[r.status]
            status_cell.font = styles.status_font[r.status]
            status_cell.alignment = styles.center
            ws.row_dimensions[row].height = max(
                line_count(content["indicator"], WIDTHS[1]),
                line_count(content["target"], WIDTHS[3]),
            ) * LINE_HEIGHT + 4
    if not listed:
        text_cell(ws, row + 1, 1, pick(XLSX["summary-none"], lang)).font = styles.font


def _summary_row(ws: Worksheet, row: int, values: Sequence[Any], styles: Styles,
                 bold: bool = False) -> None:
    for i, value in enumerate(values, start=1):
        if value is None:
            cell = text_cell(ws, row, i, DASH)
            cell.alignment = styles.center
        elif isinstance(value, str):
            cell = text_cell(ws, row, i, value)
            cell.alignment = styles.wrap
        elif isinstance(value, tuple):
            cell = number_cell(ws, row, i, value[0], value[1])
            cell.alignment = styles.right
        else:
            cell = number_cell(ws, row, i, value, "0")
            cell.alignment = styles.right
        cell.font = styles.bold if bold else styles.font
        cell.border = styles.border
