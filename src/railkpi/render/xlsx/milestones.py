"""The decomposition table of `railkpi milestones --xlsx FILE`: the annual steps (年度目标) leaders
sign off, ready to paste into the annual work plan (年度计划).

One sheet per plan: its title, a line with the method, the start and the data file, two header
rows (起点 spans its year and value), then a row per target grouped as the plan groups them —
类别 | 指标 | 单位 | 目标 | 起点 (年份, 数值) | a column per year, the target year last — and the
notes, the formula and the legend below. Steps are numbers, unrounded as in JSON, shown by the
gap table's number formats (money #,##0.0, counts 0): an approximate step shows ≈, a strict last
step 超过3500.0 (a custom format: the cell stays the number 3500). A ranged step (2–3) and a
trend's (高于上年) are text; a target without steps shows — in its years. A4 landscape, fitted
to the page width, the header rows repeated on every page; values only, no formulas.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from railkpi import __version__
from railkpi.calc.milestones import PlanPaths, TargetPath
from railkpi.calc.results import Step
from railkpi.messages import pick
from railkpi.messages.milestones import MILESTONE
from railkpi.messages.series import SERIES
from railkpi.messages.words import COLUMN
from railkpi.messages.xlsx import XLSX
from railkpi.plans.models import Indicator, PlanMeta
from railkpi.render import MilestoneReport
from railkpi.render import display as fmt
from railkpi.render import milestone_words as steps
from railkpi.render.series_words import filter_text
from railkpi.render.xlsx.layout import (
    DASH,
    LINE_HEIGHT,
    Styles,
    banner,
    letter,
    line_count,
    number_cell,
    paragraph,
    print_setup,
    text_cell,
    text_width,
)
from railkpi.render.xlsx.number_formats import (
    approximate_format,
    bounds_text,
    figure_format,
    number_format,
    quoted,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

TITLE_ROW, SUBTITLE_ROW, HEAD_ROW, SUBHEAD_ROW, FIRST_ROW = 1, 2, 3, 4, 5
#: The columns before the years: key, narrowest and widest width, whether the text wraps.
LEAD_COLUMNS: tuple[tuple[str, float, float, bool], ...] = (
    ("group", 8, 20, True), ("indicator", 14, 26, True), ("unit", 5, 12, False),
    ("target", 8, 21, True), ("start_year", 7, 7, False), ("start_value", 10, 12, False),
)
YEAR_WIDTH = 10.0


def write_milestones(report: MilestoneReport, lang: str, path: Path) -> None:
    """Write the decomposition table to `path` atomically (never over an input: the caller
    refused that before any work)."""
    from railkpi.outfile import write_atomic

    buffer = io.BytesIO()
    build_workbook(report, lang).save(buffer)
    write_atomic(path, buffer.getvalue(), "--xlsx")


def build_workbook(report: MilestoneReport, lang: str) -> Any:
    from openpyxl import Workbook

    styles = Styles(lang)
    workbook = Workbook()
    workbook.properties.creator = f"railkpi {__version__}"
    first = workbook.active
    assert first is not None
    for i, plan_paths in enumerate(report.decomposition.plans):
        sheet = first if i == 0 else workbook.create_sheet()
        sheet.title = _sheet_name(plan_paths.plan.id, {ws.title for ws in workbook.worksheets
                                                      if ws is not sheet})
        plan_sheet(sheet, report, plan_paths, lang, styles)
    return workbook


def _sheet_name(plan_id: str, taken: set[str]) -> str:
    base = "".join("_" if ch in "[]:*?/\\" else ch for ch in plan_id)[:31] or "plan"
    name, n = base, 2
    while name.casefold() in {t.casefold() for t in taken} or name.casefold() == "history":
        name, n = f"{base[:28]}-{n}", n + 1
    return name


def plan_sheet(ws: Worksheet, report: MilestoneReport, plan_paths: PlanPaths, lang: str,
               styles: Styles) -> None:
    plan, meta = plan_paths.plan, plan_paths.plan.plan
    years = steps.step_years(plan_paths)
    widths = _widths(plan_paths, years, lang)
    columns = len(widths)
    banner(ws, TITLE_ROW, pick(MILESTONE["sheet-title"], lang).format(
        title=f"{meta.title(lang)} [{plan.id}]"), styles.title, styles, columns)
    ws.row_dimensions[TITLE_ROW].height = 22
    subtitle = steps.subtitle(report.decomposition, meta, lang)
    if report.data_file is None:
        subtitle = pick(MILESTONE["sheet-subtitle-plan"], lang).format(subtitle=subtitle)
    else:
        subtitle = pick(MILESTONE["sheet-subtitle"], lang).format(subtitle=subtitle,
                                                                   file=report.data_file)
    narrowed = filter_text(report.target_filter, lang)
    if narrowed:  # as the gap table's plan sheets say it: the filter, the plan's targets kept
        subtitle += " · " + pick(SERIES["filter-line"], lang).format(
            filters=narrowed, count=len(plan_paths.targets))
    banner(ws, SUBTITLE_ROW, subtitle, styles.muted, styles, columns)
    _header_rows(ws, years, widths, styles, lang)
    row = FIRST_ROW - 1
    for group_id in dict.fromkeys(t.group for t in plan.targets):
        for path in (p for p in plan_paths.targets if p.target.group == group_id):
            row += 1
            _target_row(ws, row, path, plan.groups[group_id](lang), meta, years,
                        widths, styles, lang)
    last = max(row, SUBHEAD_ROW)
    ws.freeze_panes = f"{letter(len(LEAD_COLUMNS) + 1)}{FIRST_ROW}"
    _notes_below(ws, last, report, plan_paths, sum(widths), styles, lang)
    print_setup(ws, lang, f"{HEAD_ROW}:{SUBHEAD_ROW}")


def _widths(plan_paths: PlanPaths, years: Sequence[int], lang: str) -> list[float]:
    """Each column as wide as what it shows, within its range; a year's as its widest step."""
    meta = plan_paths.plan.plan
    leads = [_lead_cells(p, plan_paths.plan.groups[p.target.group](lang), meta, lang)
             for p in plan_paths.targets]
    widths = []
    for i, (_, low, high, _) in enumerate(LEAD_COLUMNS):
        shown = [text_width(row[i]) + 2.0 for row in leads if isinstance(row[i], str)]
        widths.append(min(high, max([low, *shown])))
    for year in years:
        words = [steps.step_words(s, p.indicator, lang) for p in plan_paths.targets
                 for s in p.steps if s.year == year]
        widths.append(max([YEAR_WIDTH, *(text_width(t) + 3.0 for t in words)]))
    return widths


def _header_rows(ws: Worksheet, years: Sequence[int], widths: Sequence[float],
                 styles: Styles, lang: str) -> None:
    """起点 spans its year and value; the other headers span both rows."""
    top: list[str | None] = [pick(COLUMN["group"], lang), pick(COLUMN["indicator"], lang),
                             pick(COLUMN["unit"], lang), pick(COLUMN["target"], lang),
                             pick(MILESTONE["col-start"], lang), None]
    top += [pick(MILESTONE["year"], lang).format(year=y) for y in years]
    sub = [None, None, None, None, pick(XLSX["year"], lang), pick(XLSX["value"], lang),
           *([None] * len(years))]
    for i, (head, below) in enumerate(zip(top, sub, strict=True), start=1):
        ws.column_dimensions[letter(i)].width = widths[i - 1]
        for row, label in ((HEAD_ROW, head), (SUBHEAD_ROW, below)):
            cell = ws.cell(row=row, column=i)
            if label is not None:
                text_cell(ws, row, i, label)
            cell.font, cell.fill = styles.bold, styles.header_fill
            cell.alignment, cell.border = styles.header, styles.border
        if i == 5:
            ws.merge_cells(start_row=HEAD_ROW, start_column=5, end_row=HEAD_ROW, end_column=6)
        elif below is None:
            ws.merge_cells(start_row=HEAD_ROW, start_column=i, end_row=SUBHEAD_ROW, end_column=i)
    ws.row_dimensions[HEAD_ROW].height = ws.row_dimensions[SUBHEAD_ROW].height = 18


def step_format(step: Step, indicator: Indicator, lang: str) -> str:
    """The number format of a step: the indicator's rounding, ≈ when approximate, and the
    words of a strict step (超过 / more than) around it."""
    base = number_format(indicator)
    if step.strict:
        words = MILESTONE["more-than" if step.op == ">" else "less-than"]
        prefix, _, suffix = pick(words, lang).format(value="\0").partition("\0")
        return f"{quoted(prefix)}{base}{quoted(suffix)};{quoted(prefix)}-{base}{quoted(suffix)}"
    return approximate_format(base) if step.approximate else base


def _lead_cells(path: TargetPath, group: str, meta: PlanMeta, lang: str) -> list[Any]:
    """类别, 指标, 单位, 目标 as text; 起点 year and value as (number, format), or None."""
    ind, start = path.indicator, path.start
    target = steps.target_words(path, meta, lang)
    year = None if start is None else (start.year, "0")
    value = None if start is None else (start.value,
                                        figure_format(number_format(ind), start.figure))
    return [group, fmt.name(ind, lang), fmt.unit(ind, lang), target, year, value]


def _target_row(ws: Worksheet, row: int, path: TargetPath, group: str, meta: PlanMeta,
                years: Sequence[int], widths: Sequence[float], styles: Styles,
                lang: str) -> None:
    by_year = {s.year: s for s in path.steps}
    lines = 1
    for i, content in enumerate(_lead_cells(path, group, meta, lang), start=1):
        if content is None:
            cell = text_cell(ws, row, i, DASH)
            cell.alignment = styles.center
        elif isinstance(content, str):
            cell = text_cell(ws, row, i, content)
            wrap = LEAD_COLUMNS[i - 1][3]
            cell.alignment = styles.wrap if wrap else styles.left
            lines = max(lines, line_count(content, widths[i - 1]) if wrap else 1)
        else:
            cell = number_cell(ws, row, i, *content)
            cell.alignment = styles.right
        cell.font, cell.border = styles.font, styles.border
    if path.start is not None and not path.start.figure.exact:
        _comment(ws.cell(row=row, column=6), bounds_text(path.start.figure))
    for j, year in enumerate(years, start=len(LEAD_COLUMNS) + 1):
        _step_cell(ws, row, j, by_year.get(year), path, year, styles, lang)
    ws.row_dimensions[row].height = lines * LINE_HEIGHT + 4


def _step_cell(ws: Worksheet, row: int, column: int, step: Step | None, path: TargetPath,
               year: int, styles: Styles, lang: str) -> None:
    if step is not None and step.value is not None and not step.previous_year:
        # The step to sign: at the indicator's decimals, towards the target (milestone_words).
        value = steps.shown_value(step.value, path.indicator, step.op in (">", ">="))
        cell = number_cell(ws, row, column, value, step_format(step, path.indicator, lang))
        cell.alignment = styles.right
    else:
        if step is not None:
            shown = steps.step_words(step, path.indicator, lang)
        else:
            shown = DASH if not path.steps and year <= path.target.year else ""
        cell = text_cell(ws, row, column, shown)
        cell.alignment = styles.right if step is not None else styles.center
    cell.font, cell.border = styles.font, styles.border


def _comment(cell: Any, text: str) -> None:
    if text:
        from openpyxl.comments import Comment

        cell.comment = Comment(text, "railkpi", height=40, width=200)


def _notes_below(ws: Worksheet, last: int, report: MilestoneReport, plan_paths: PlanPaths,
                 width: float, styles: Styles, lang: str) -> None:
    """Below the table: the notes on single targets, the formula, the ≈ legend."""
    targets = [p.target for p in plan_paths.targets]
    notes = [pick(XLSX["note-line"], lang).format(
                 target=fmt.named(p.target, p.indicator, targets, lang),
                 note=fmt.note_text(n.code, n.params, lang))
             for p in plan_paths.targets for n in p.notes]
    row = last + 2
    text_cell(ws, row, 1, pick(XLSX["notes"], lang)).font = styles.bold
    approximate = any(s.approximate for p in plan_paths.targets for s in p.steps)
    lines = [*notes, steps.formula(report.decomposition, lang),
             *([pick(MILESTONE["approximate"], lang)] if approximate else [])]
    columns = len(LEAD_COLUMNS) + len(steps.step_years(plan_paths))
    for text in lines:
        row += 1
        paragraph(ws, row, f"· {text}", styles.muted, columns, width)
