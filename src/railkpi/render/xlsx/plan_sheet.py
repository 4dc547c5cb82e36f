"""One sheet per plan, laid out like a Chinese plan indicator table: two header rows, a row
per target grouped as the plan groups them, the notes, the linear-method mark and the colour
legend below."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from railkpi.calc.order import ordered
from railkpi.calc.results import PlanResult, Point, TargetResult, TargetSeries
from railkpi.figures import QUALIFIERS
from railkpi.messages import pick
from railkpi.messages.series import SERIES
from railkpi.messages.words import COLUMN
from railkpi.messages.xlsx import XLSX
from railkpi.records import record
from railkpi.render import Report, series_words
from railkpi.render import display as fmt
from railkpi.render import milestone_words as steps
from railkpi.render.xlsx import step_columns
from railkpi.render.xlsx.layout import (
    DASH,
    LINE_HEIGHT,
    Styles,
    banner,
    letter,
    line_count,
    line_units,
    number_cell,
    paragraph,
    print_setup,
    text_cell,
    text_width,
)
from railkpi.render.xlsx.number_formats import (
    APPROXIMATE_RATE,
    RATE,
    approximate_format,
    bounds_text,
    figure_format,
    marked_format,
    number_format,
    table_target,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

#: Rows of a plan sheet: title, subtitle, two header rows, then the targets.
TITLE_ROW, SUBTITLE_ROW, HEAD_ROW, SUBHEAD_ROW, FIRST_ROW = 1, 2, 3, 4, 5


@record
class Column:
    """A column of a plan sheet: header key, width range, and the header spanning a pair."""

    key: str
    min_width: float
    max_width: float
    wrap: bool = False
    span: str | None = None  # the first of a group under one header ("baseline", "step")
    spans: int = 2  # how many columns that header spans


PLAN_COLUMNS: tuple[Column, ...] = (
    # A group's name on one line (10 Chinese characters), as the rows' heights assume.
    Column("group", 8, 20, wrap=True),
    Column("indicator", 14, 30, wrap=True),
    Column("unit", 5, 14),  # English unit words: laboratories, organisations
    Column("baseline_year", 6, 6, span="baseline"),
    Column("baseline_value", 8, 11),
    Column("latest_year", 6, 6, span="latest"),
    Column("latest_value", 8, 11),
    Column("target", 9, 14, wrap=True),
    Column("target_year", 6, 7),
    Column("gap", 7, 10),
    Column("completion", 8, 9),
    Column("time_elapsed", 8, 9),
    Column("actual_cagr", 8, 9),
    Column("yoy_growth", 8, 9),
    Column("required_cagr", 9, 11),
    Column("required_cagr_from_latest", 9, 11),
    Column("needed_per_year", 9, 11),
    Column("projected", 9, 11),
    Column("status", 8, 12, wrap=True),
    Column("change", 7, 9, wrap=True),
    Column("quote", 44, 44, wrap=True),  # the usual quote on one line
)
#: Plan-sheet column keys, in order (tests and callers find a column by key).
PLAN_KEYS = tuple(c.key for c in PLAN_COLUMNS)
#: The step of the year assessed (年度目标), before the plan's wording where a target has one.
STEP_COLUMNS: tuple[Column, ...] = (
    Column("step_value", 9, 12, span="step", spans=3),
    Column("step_gap", 7, 10),
    Column("step_met", 7, 10, wrap=True),
)


def plan_columns(results: Sequence[TargetResult]) -> tuple[Column, ...]:
    """A plan sheet's columns: with the step columns where any of its targets has a step."""
    if not any(r.milestone is not None for r in results):
        return PLAN_COLUMNS
    at = PLAN_KEYS.index("quote")
    return (*PLAN_COLUMNS[:at], *STEP_COLUMNS, *PLAN_COLUMNS[at:])


def column_index(key: str, columns: Sequence[Column] = PLAN_COLUMNS) -> int:
    """The 1-based column of a plan-sheet field."""
    return [c.key for c in columns].index(key) + 1


def plan_headers(lang: str, columns: Sequence[Column] = PLAN_COLUMNS, year: int | None = None
                 ) -> tuple[list[str | None], list[str | None]]:
    """The two header rows of a plan sheet: spanning headers above, year/value below them
    (the step columns: the year's step above, step, gap and met below)."""
    top: list[str | None] = []
    sub: list[str | None] = []
    for column in columns:
        if column.key.startswith("step_"):
            head, below = step_columns.headers(column.key, year, lang)
            top.append(head)
            sub.append(below)
        elif column.span is not None:
            top.append(pick(COLUMN[column.span], lang))
            sub.append(pick(XLSX["year"], lang))
        elif column.key.endswith("_value") and column.key.split("_")[0] in ("baseline", "latest"):
            top.append(None)
            sub.append(pick(XLSX["value"], lang))
        else:
            top.append(pick(COLUMN[column.key], lang))
            sub.append(None)
    return top, sub


#: Words a Chinese header is broken before, so that it wraps where it reads well.
_HEADER_WORDS = ("年均增速", "目标年值", "(")


def header_lines(text: str, lang: str) -> str:
    """'所需年均增速(自基期)' → '所需\n年均增速\n(自基期)'; English wraps at its spaces."""
    if lang != "zh":
        return text
    for word in _HEADER_WORDS:
        at = text.find(word)
        if at > 0 and text[at - 1] != "\n":
            text = f"{text[:at]}\n{text[at:]}"
    return text


def header_width(text: str) -> float:
    """The narrowest width a header fits at, broken at its line breaks and spaces."""
    return max(text_width(word) for word in text.replace("\n", " ").split(" ") if word) + 2


def _figure_comment(point: Point, lang: str) -> str | None:
    lines = []
    figure = point.figure
    if not figure.exact:
        bounds = bounds_text(figure)
        label = figure.label(f"{figure.value:g}")
        if QUALIFIERS[figure.qualifier or ""] == "approx" or not bounds:
            bounds = pick(XLSX["no-bound"], lang)
        lines.append(pick(XLSX["bounds"], lang).format(label=label, bounds=bounds))
    if point.source == "plan":
        lines.append(pick(XLSX["from-plan"], lang).format(where=point.where or ""))
    elif point.source == "roster":
        lines.append(pick(XLSX["from-roster"], lang).format(where=point.where or ""))
    return "\n".join(lines) or None


def _comment(cell: Any, text: str) -> None:
    from openpyxl.comments import Comment

    width = 260
    lines = line_count(text, width / 7)
    cell.comment = Comment(text, "railkpi", height=max(40, 18 * lines + 12), width=width)


def row_cells(r: TargetResult, plan_result: PlanResult, lang: str) -> dict[str, Any]:
    """Each column's content: str (text), (number, format), or None (not defined: —)."""
    ind = r.indicator
    base = number_format(ind)
    rate_format = APPROXIMATE_RATE if r.approximate else RATE
    ahead = fmt.looks_ahead(r)

    def rate(value: float | None, approximate: bool = True) -> Any:
        return None if value is None else (value, rate_format if approximate else RATE)

    def figure(point: Point | None) -> Any:
        return None if point is None else (point.value, figure_format(base, point.figure))

    return {
        "group": plan_result.plan.groups[r.target.group](lang),
        "indicator": fmt.name(ind, lang),
        "unit": fmt.unit(ind, lang),
        "baseline_year": None if r.baseline is None else (r.baseline.year, "0"),
        "baseline_value": figure(r.baseline),
        "latest_year": None if r.latest is None else (r.latest.year, "0"),
        "latest_value": figure(r.latest),
        # A ratio's base year on a line of its own, as in the terminal table.
        "target": table_target(r, lang, apart=True),
        "target_year": (r.target_year, "0"),
        # bounded or approximate as the figures it comes from: <500.0 from 突破3000, ≈12
        "gap": None if r.gap is None else (r.gap, marked_format(base, fmt.gap_mark(r))),
        "completion": rate(r.completion),
        "time_elapsed": rate(r.time_elapsed, approximate=False),
        "actual_cagr": rate(r.actual_cagr),
        "required_cagr": rate(r.required_cagr),
        # — where the way ahead means nothing (achieved, or the target year's own figure)
        "required_cagr_from_latest": rate(r.required_cagr_from_latest) if ahead else None,
        "projected": None if r.projected is None or not ahead else (
            r.projected, approximate_format(base) if r.approximate else base),
        "status": fmt.marked_status(r, lang),
        "quote": fmt.quote(r.target, lang),
        **step_columns.step_cells(r, lang),
        **series_cells(r, lang),
    }


def series_cells(r: TargetResult, lang: str) -> dict[str, Any]:
    """The series' columns (calc/series.py): 同比 and what is still needed each year, as
    numbers; the change since last year as its mark and word ('↓ 变差')."""
    series = r.series or TargetSeries()
    yoy = series.yoy_growth
    needed = series.needed_per_year
    base = number_format(r.indicator)
    return {
        "yoy_growth": None if yoy is None else (
            yoy, APPROXIMATE_RATE if series.yoy_approximate else RATE),
        # formatted and marked as the gap it is computed from
        "needed_per_year": None if needed is None else (
            needed, marked_format(base, fmt.needed_mark(r))),
        "change": series_words.change_text(r, lang),
    }


def _shown(content: Any) -> str:
    """Roughly what a cell displays, to size its column."""
    if content is None:
        return DASH
    if isinstance(content, str):
        return content
    value, number_format_ = content
    if "%" in number_format_:
        return fmt.rate(value) + ("≈" if "≈" in number_format_ else "")
    places = len(number_format_.split(";")[0].split(".")[1].rstrip('"余多')) if (
        "." in number_format_) else 0
    extra = sum(1 for ch in number_format_.split(";")[0] if ch in "≥≤<>≈余多")
    shown = f"{value:,.{places}f}" if "#,##" in number_format_ else f"{value:.{places}f}"
    return shown + "余" * extra


def plan_sheet(ws: Worksheet, plan_result: PlanResult, report: Report, lang: str,
               styles: Styles, data_file: str) -> None:
    meta = plan_result.plan.plan
    layout = plan_columns(plan_result.targets)
    columns = len(layout)
    banner(ws, TITLE_ROW, f"{meta.title(lang)} [{plan_result.plan.id}]", styles.title, styles,
           columns)
    ws.row_dimensions[TITLE_ROW].height = 22
    subtitle = pick(XLSX["subtitle"], lang).format(
        baseline=meta.baseline_year, as_of=report.assessment.as_of, start=meta.period[0],
        end=meta.period[1], thresholds=fmt.thresholds_text(plan_result.thresholds),
        file=data_file)
    narrowed = series_words.filter_text(report.target_filter, lang)
    if narrowed:
        subtitle += " · " + pick(SERIES["filter-line"], lang).format(
            filters=narrowed, count=len(plan_result.targets))
    banner(ws, SUBTITLE_ROW, subtitle, styles.muted, styles, columns)

    results = ordered(plan_result.targets)
    contents = [row_cells(r, plan_result, lang) for r in results]
    # Two header rows: 基期 and 最新 span their year and value columns; the others span both rows.
    top, sub = plan_headers(lang, layout, report.assessment.as_of)
    top = [None if t is None else header_lines(t, lang) for t in top]
    widths = _widths(contents, top, layout)
    _header_rows(ws, top, sub, widths, styles, layout)
    row = FIRST_ROW - 1
    for r, content in zip(results, contents, strict=True):
        row += 1
        _target_row(ws, row, r, content, widths, styles, lang, layout)
    last = max(row, SUBHEAD_ROW)
    ws.freeze_panes = f"{letter(column_index('baseline_year'))}{FIRST_ROW}"
    ws.auto_filter.ref = f"A{SUBHEAD_ROW}:{letter(columns)}{last}"
    _notes_below(ws, last, results, sum(widths), styles, lang, columns)
    print_setup(ws, lang, f"{HEAD_ROW}:{SUBHEAD_ROW}")
    ws.sheet_view.zoomScale = 100


def _widths(contents: Sequence[dict[str, Any]], top: Sequence[str | None],
            layout: Sequence[Column]) -> list[float]:
    """Each column as wide as its content shows, within its range; a header word unbroken."""
    widths = []
    for i, column in enumerate(layout):
        shown = [text_width(_shown(c[column.key])) + 2 for c in contents]
        wanted = max(shown, default=column.min_width)
        width = min(column.max_width, max(column.min_width, wanted))
        if column.wrap:  # wrapped text breaks between words, not inside one
            words = [w for c in contents if isinstance(c[column.key], str)
                     for w in c[column.key].split() if text_width(w) == len(w)]  # no CJK
            width = max(width, min(24.0, max((line_units(w) + 2 for w in words), default=0)))
        if column.span is None and top[i] is not None:
            width = max(width, header_width(top[i] or ""))  # a header word is never broken
        widths.append(width)
    return widths


def _header_rows(ws: Worksheet, top: Sequence[str | None], sub: Sequence[str | None],
                 widths: Sequence[float], styles: Styles, layout: Sequence[Column]) -> None:
    """The two header rows; 基期 and 最新 span their pair (the step its three), the others
    both rows."""
    head_lines = 1
    for i, column in enumerate(layout, start=1):
        ws.column_dimensions[letter(i)].width = widths[i - 1]
        for row, label in ((HEAD_ROW, top[i - 1]), (SUBHEAD_ROW, sub[i - 1])):
            cell = ws.cell(row=row, column=i)
            if label is not None:
                text_cell(ws, row, i, label)
            cell.font = styles.bold
            cell.fill = styles.header_fill
            cell.alignment = styles.header
            cell.border = styles.border
        if column.span is not None:
            ws.merge_cells(start_row=HEAD_ROW, start_column=i, end_row=HEAD_ROW,
                           end_column=i + column.spans - 1)
        elif sub[i - 1] is None:
            ws.merge_cells(start_row=HEAD_ROW, start_column=i, end_row=SUBHEAD_ROW, end_column=i)
            head_lines = max(head_lines, line_count(top[i - 1] or "", widths[i - 1]))
    per_row = max(1, math.ceil(head_lines / 2))
    ws.row_dimensions[HEAD_ROW].height = per_row * LINE_HEIGHT + 4
    ws.row_dimensions[SUBHEAD_ROW].height = per_row * LINE_HEIGHT + 4


def _target_row(ws: Worksheet, row: int, r: TargetResult, content: dict[str, Any],
                widths: Sequence[float], styles: Styles, lang: str,
                layout: Sequence[Column]) -> None:
    """One target's row: values, the coloured status (and step), comments on qualified or
    sourced figures."""
    lines = 1
    for i, column in enumerate(layout, start=1):
        value = content[column.key]
        if value is None:
            cell = text_cell(ws, row, i, DASH)
            cell.alignment = styles.center
        elif isinstance(value, str):
            cell = text_cell(ws, row, i, value)
            cell.alignment = styles.wrap if column.wrap else styles.left
            if column.wrap:
                lines = max(lines, line_count(value, widths[i - 1]))
        else:
            cell = number_cell(ws, row, i, value[0], value[1])
            cell.alignment = styles.right
        cell.font = styles.font
        cell.border = styles.border
    coloured = [("status", r.status), ("step_met", step_columns.met_colour(r))]
    for key, colour in coloured:
        if colour is not None:
            cell = ws.cell(row=row, column=column_index(key, layout))
            cell.fill, cell.font = styles.status_fill[colour], styles.status_font[colour]
            cell.alignment = styles.center_wrap
    change = ws.cell(row=row, column=column_index("change", layout))
    change.font = styles.change_font.get(r.series.change if r.series else "", styles.font)
    change.alignment = styles.center_wrap
    for key, point in (("baseline_value", r.baseline), ("latest_value", r.latest)):
        comment = _figure_comment(point, lang) if point is not None else None
        if comment:
            _comment(ws.cell(row=row, column=column_index(key, layout)), comment)
    ws.row_dimensions[row].height = lines * LINE_HEIGHT + 4


def _notes_below(ws: Worksheet, last: int, results: Sequence[TargetResult], width: float,
                 styles: Styles, lang: str, columns: int) -> None:
    """Below the table: notes on single targets, the * of the linear method, the legend."""
    notes = [pick(XLSX["note-line"], lang).format(
                 target=fmt.target_name(r, results, lang),
                 note=fmt.note_text(n.code, n.params, lang))
             for r in results for n in r.notes]
    linear = any(r.method == "linear" for r in results)
    step_legend = steps.step_legend(results, lang)
    notes += [step_legend] if step_legend else []
    row = last + 2
    heading = text_cell(ws, row, 1, pick(XLSX["notes"], lang))
    heading.font = styles.bold
    for text in [*notes, *([pick(XLSX["linear"], lang)] if linear else []),
                 pick(XLSX["legend"], lang)]:
        row += 1
        paragraph(ws, row, f"· {text}", styles.muted, columns, width)
