"""The Excel gap table (`railkpi assess DATA --xlsx gaps.xlsx`): the table leaders read.

Sheets, in order: 汇总 / Summary (per plan, the targets by status and those needing attention),
one sheet per plan laid out like a Chinese plan indicator table, 图表 / Charts (actual values
against the required path, for revenue and for every growth target) and 方法说明 / Method (the
formulas, the thresholds used, the year assessed, the input file and its SHA-256, the version).

Choices:

- Cells hold values, never formulas. The numbers are the JSON report's, unrounded; number
  formats do the rounding of render/display.py (money `#,##0.0`, counts `0`, per capita
  `0.00`, rates as fractions in `0.0%`). Text that comes from files (quotes, names, notes) is
  stored as text even when it starts with "=".
- Baseline and latest take two columns each, year and value, under a header spanning both, as
  plan indicator tables print them: a year and a value in separate cells sort and filter,
  "2364.9 (2020)" in one would not.
- A qualified figure (180余, 突破3000, 约100) keeps its point value in the cell, the same number
  as JSON's `value`; a custom number format shows the qualifier (`0"余"`, `">"#,##0.0`,
  `"≈"0`) and a comment gives its bounds. The cell stays one sortable number and still reads
  as the official text; a qualifier column beside every value would widen the table for a word
  that few rows have. Rates and projections computed from such figures are marked the same
  way, `"≈"0.0%`.
- A figure that is not defined shows "—", as in the terminal table.
- Numbers are stored with 16 significant digits (openpyxl's `%.16g`; Excel itself keeps 15),
  so a cell equals the JSON number to that precision.
- openpyxl is imported here only, and this module only when --xlsx is given.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from railkpi import __version__
from railkpi.assess import ALL_STATUSES, PlanResult, Point, TargetResult, series_for
from railkpi.figures import QUALIFIERS, Figure
from railkpi.messages import COLUMN, STATUS, XLSX, pick
from railkpi.plan import Indicator
from railkpi.render import Report
from railkpi.render import display as fmt
from railkpi.units import MONEY, canonical

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

#: Status → (fill, font colour). Green achieved / on track, amber moderate, red off track /
#: regressing / not achieved, grey undetermined / no data; the status word is always written.
STATUS_COLOURS: dict[str, tuple[str, str]] = {
    "achieved": ("A9D08E", "1E4620"),
    "on_track": ("C6EFCE", "006100"),
    "moderate": ("FFEB9C", "9C5700"),
    "off_track": ("FFC7CE", "9C0006"),
    "regressing": ("FFC7CE", "9C0006"),
    "not_achieved": ("FFC7CE", "9C0006"),
    "undetermined": ("D9D9D9", "404040"),
    "no_data": ("D9D9D9", "404040"),
}
#: Statuses the summary lists as needing attention, worst first.
ATTENTION = ("not_achieved", "regressing", "off_track", "moderate", "undetermined", "no_data")
#: The indicator charted for every plan that targets it, besides every growth target.
REVENUE = "revenue_total"

FONT = {"zh": "等线", "en": "Calibri"}
FONT_SIZE = 10
LINE_HEIGHT = 13.5  # points per line of 10-point text
HEADER_FILL = "DDEBF7"
BORDER_COLOUR = "A6A6A6"
RATE = "0.0%"
APPROXIMATE_RATE = '"≈"0.0%;"≈"-0.0%'
DASH = "—"
TITLE_ROW, SUBTITLE_ROW, HEAD_ROW, SUBHEAD_ROW, FIRST_ROW = 1, 2, 3, 4, 5

_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


@dataclass(frozen=True)
class Column:
    """A column of a plan sheet: header key, width range, and the header spanning a pair."""

    key: str
    min_width: float
    max_width: float
    wrap: bool = False
    span: str | None = None  # the first of a pair under one header ("baseline", "latest")


PLAN_COLUMNS: tuple[Column, ...] = (
    Column("group", 8, 14, wrap=True),
    Column("indicator", 14, 22, wrap=True),
    Column("unit", 5, 9),
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
    Column("required_cagr", 9, 11),
    Column("required_cagr_from_latest", 9, 11),
    Column("projected", 9, 11),
    Column("status", 8, 12, wrap=True),
    Column("quote", 30, 30, wrap=True),
)
#: Plan-sheet column keys, in order (tests and callers find a column by key).
PLAN_KEYS = tuple(c.key for c in PLAN_COLUMNS)


def column_index(key: str) -> int:
    """The 1-based column of a plan-sheet field."""
    return PLAN_KEYS.index(key) + 1


def plan_headers(lang: str) -> tuple[list[str | None], list[str | None]]:
    """The two header rows of a plan sheet: spanning headers above, year/value below them."""
    top: list[str | None] = []
    sub: list[str | None] = []
    for column in PLAN_COLUMNS:
        if column.span is not None:
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


# -- text measure --------------------------------------------------------------------------


def text_width(text: str) -> int:
    """Display width in character cells: CJK and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def line_units(text: str) -> float:
    """Width of 10-point text in column-width units (a Calibri 11 digit): a CJK character
    is about 1.9, Latin text about 0.8 a character on average."""
    return sum(1.9 if unicodedata.east_asian_width(ch) in "WF" else 0.8 for ch in text)


def line_count(text: str, width: float) -> int:
    """Lines a wrapped cell of 10-point text needs at a column width."""
    usable = max(1.0, width - 1.0)
    return sum(max(1, math.ceil(line_units(part) / usable)) for part in text.split("\n"))


# -- number formats --------------------------------------------------------------------------


def number_format(indicator: Indicator) -> str:
    """Money #,##0.0, counts 0, per capita 0.00: the decimals of render/display.py."""
    places = fmt.decimals(indicator)
    fraction = "." + "0" * places if places else ""
    grouping = "#,##0" if canonical(indicator.unit) in MONEY else "0"
    return grouping + fraction


def _quoted(text: str) -> str:
    return f'"{text}"' if text else ""


def figure_format(base: str, figure: Figure | None) -> str:
    """`base` showing a figure's qualifier: 180余 → 0"余"; 突破3000 → ">"#,##0.0; 约100 → "≈"0."""
    if figure is None or figure.qualifier is None:
        return base
    prefix, _, suffix = figure.label("\0").partition("\0")
    return (f"{_quoted(prefix)}{base}{_quoted(suffix)};"
            f"{_quoted(prefix)}-{base}{_quoted(suffix)}")


def approximate_format(base: str) -> str:
    return f'"≈"{base};"≈"-{base}'


def bounds_text(figure: Figure) -> str:
    """'180 ≤ x < 190', 'x > 3000', … ; '' for an approximation without bounds."""
    lower = "" if figure.lower is None else (
        f"{figure.lower:g} {'≤' if figure.lower_inclusive else '<'} ")
    upper = "" if figure.upper is None else (
        f" {'≤' if figure.upper_inclusive else '<'} {figure.upper:g}")
    if not lower and not upper:
        return ""
    if lower and not upper:  # "x > 3000" reads better than "3000 < x"
        return f"x {'≥' if figure.lower_inclusive else '>'} {figure.lower:g}"
    return f"{lower}x{upper}"


# -- the workbook ----------------------------------------------------------------------------


class _Styles:
    """The styles of one workbook (openpyxl imported here, at write time only)."""

    def __init__(self, lang: str) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        name = FONT[lang]
        self.font = Font(name=name, size=FONT_SIZE)
        self.bold = Font(name=name, size=FONT_SIZE, bold=True)
        self.title = Font(name=name, size=14, bold=True)
        self.heading = Font(name=name, size=12, bold=True)
        self.muted = Font(name=name, size=FONT_SIZE - 1, color="595959")
        self.header_fill = PatternFill("solid", fgColor="FF" + HEADER_FILL)
        side = Side(style="thin", color=BORDER_COLOUR)
        self.border = Border(left=side, right=side, top=side, bottom=side)
        self.left = Alignment(horizontal="left", vertical="center", wrap_text=False)
        self.wrap = Alignment(horizontal="left", vertical="center", wrap_text=True)
        self.right = Alignment(horizontal="right", vertical="center")
        self.center = Alignment(horizontal="center", vertical="center")
        self.center_wrap = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.header = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.top_wrap = Alignment(horizontal="left", vertical="top", wrap_text=True)
        self.status_fill = {s: PatternFill("solid", fgColor="FF" + c[0])
                            for s, c in STATUS_COLOURS.items()}
        self.status_font = {
            s: Font(name=name, size=FONT_SIZE, color="FF" + c[1],
                    bold=s in ("regressing", "not_achieved"))
            for s, c in STATUS_COLOURS.items()
        }


def text_cell(ws: Worksheet, row: int, column: int, value: str) -> Any:
    """A cell holding `value` as text, never as a formula (even "=…")."""
    cell = ws.cell(row=row, column=column)
    cell.value = _ILLEGAL.sub("", value)
    cell.data_type = "s"
    return cell


def number_cell(ws: Worksheet, row: int, column: int, value: float | int,
                number_format: str) -> Any:
    cell = ws.cell(row=row, column=column)
    cell.value = value
    cell.number_format = number_format
    return cell


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def write_gap_table(report: Report, lang: str, path: Path, data_path: Path) -> None:
    """Write the gap table to `path` atomically; never over the input workbook (exit 2)."""
    from railkpi.outfile import refuse_input, write_atomic

    refuse_input(path, data_path, "--xlsx")
    workbook = build_workbook(report, lang, data_path)
    buffer = io.BytesIO()
    workbook.save(buffer)
    write_atomic(path, buffer.getvalue(), "--xlsx")


def build_workbook(report: Report, lang: str, data_path: Path) -> Workbook:
    from openpyxl import Workbook

    styles = _Styles(lang)
    workbook = Workbook()
    workbook.properties.creator = f"railkpi {__version__}"
    workbook.properties.title = pick(XLSX["summary-title"], lang).format(
        as_of=report.assessment.as_of, file=data_path.name)
    summary = workbook.active
    assert summary is not None
    summary.title = pick(XLSX["sheet-summary"], lang)
    taken = {summary.title.casefold(), pick(XLSX["sheet-charts"], lang).casefold(),
             pick(XLSX["sheet-method"], lang).casefold(), "history"}
    names: dict[str, str] = {}
    for plan_result in report.assessment.plans:
        names[plan_result.plan.id] = _sheet_name(plan_result.plan.id, taken)
    _summary_sheet(summary, report, lang, styles, names, data_path.name)
    for plan_result in report.assessment.plans:
        sheet = workbook.create_sheet(names[plan_result.plan.id])
        _plan_sheet(sheet, plan_result, report, lang, styles, data_path.name)
    _charts_sheet(workbook.create_sheet(pick(XLSX["sheet-charts"], lang)), report, lang, styles)
    _method_sheet(workbook.create_sheet(pick(XLSX["sheet-method"], lang)), report, lang, styles,
                  data_path)
    workbook.active = 0
    return workbook


def _sheet_name(plan_id: str, taken: set[str]) -> str:
    """The plan id, cut to Excel's 31 characters and made unique ('History' is reserved)."""
    base = re.sub(r"[\[\]:*?/\\]", "_", plan_id)[:31] or "plan"
    name, n = base, 2
    while name.casefold() in taken:
        suffix = f"-{n}"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.casefold())
    return name


def print_setup(ws: Worksheet, lang: str, title_rows: str | None = None) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
    footer = ws.oddFooter
    if footer is not None:
        footer.center.text = pick(XLSX["footer"], lang)
    if title_rows:
        ws.print_title_rows = title_rows


def _banner(ws: Worksheet, row: int, text: str, font: Any, styles: _Styles,
            last_column: int) -> None:
    """A title line across the table; the text is in the first cell, the rest merged."""
    cell = text_cell(ws, row, 1, text)
    cell.font = font
    cell.alignment = styles.left
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_column)


def _paragraph(ws: Worksheet, row: int, text: str, font: Any, columns: int, width: float,
               first_column: int = 1) -> None:
    """A wrapped paragraph merged across `columns` columns of total `width`."""
    from openpyxl.styles import Alignment

    cell = text_cell(ws, row, first_column, text)
    cell.font = font
    cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
    if columns > 1:
        ws.merge_cells(start_row=row, start_column=first_column, end_row=row,
                       end_column=first_column + columns - 1)
    ws.row_dimensions[row].height = line_count(text, width) * LINE_HEIGHT + 3


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


# -- a plan sheet ----------------------------------------------------------------------------


def ordered(results: Sequence[TargetResult]) -> list[TargetResult]:
    """Targets grouped as the plan groups them (groups in order of first appearance)."""
    groups = list(dict.fromkeys(r.target.group for r in results))
    return [r for g in groups for r in results if r.target.group == g]


def target_text(r: TargetResult, lang: str) -> str:
    """The target as the plan states it, with X where it is relative: '≥+60=240',
    '≥×2=113.6 vs 2020'."""
    return fmt.target(r, lang, resolved=True)


def status_text(r: TargetResult, lang: str) -> str:
    return fmt.status(r, lang) + ("*" if r.method == "linear" else "")


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


def _row_cells(r: TargetResult, plan_result: PlanResult, lang: str) -> dict[str, Any]:
    """Each column's content: str (text), (number, format), or None (not defined: —)."""
    ind = r.indicator
    base = number_format(ind)
    rate_format = APPROXIMATE_RATE if r.approximate else RATE

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
        "target": fmt.base_year_apart(target_text(r, lang)) if r.target.kind == "ratio"
        else target_text(r, lang),
        "target_year": (r.target_year, "0"),
        "gap": None if r.gap is None else (r.gap, base),
        "completion": rate(r.completion),
        "time_elapsed": rate(r.time_elapsed, approximate=False),
        "actual_cagr": rate(r.actual_cagr),
        "required_cagr": rate(r.required_cagr),
        "required_cagr_from_latest": rate(r.required_cagr_from_latest),
        "projected": None if r.projected is None else (
            r.projected, approximate_format(base) if r.approximate else base),
        "status": status_text(r, lang),
        "quote": r.target.wording(lang),
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


def _plan_sheet(ws: Worksheet, plan_result: PlanResult, report: Report, lang: str,
                styles: _Styles, data_file: str) -> None:
    meta = plan_result.plan.plan
    columns = len(PLAN_COLUMNS)
    th = plan_result.thresholds
    _banner(ws, TITLE_ROW, f"{meta.title(lang)} [{plan_result.plan.id}]", styles.title, styles,
            columns)
    ws.row_dimensions[TITLE_ROW].height = 22
    subtitle = pick(XLSX["subtitle"], lang).format(
        baseline=meta.baseline_year, as_of=report.assessment.as_of, start=meta.period[0],
        end=meta.period[1], thresholds=f"{th.on_track:g}/{th.moderate:g}/{th.off_track:g}",
        file=data_file)
    _banner(ws, SUBTITLE_ROW, subtitle, styles.muted, styles, columns)

    results = ordered(plan_result.targets)
    contents = [_row_cells(r, plan_result, lang) for r in results]
    # Two header rows: 基期 and 最新 span their year and value columns; the others span both rows.
    top, sub = plan_headers(lang)
    top = [None if t is None else header_lines(t, lang) for t in top]
    widths = []
    for i, column in enumerate(PLAN_COLUMNS):
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
    head_lines = 1
    for i, column in enumerate(PLAN_COLUMNS, start=1):
        ws.column_dimensions[_letter(i)].width = widths[i - 1]
        for row, label in ((HEAD_ROW, top[i - 1]), (SUBHEAD_ROW, sub[i - 1])):
            cell = ws.cell(row=row, column=i)
            if label is not None:
                text_cell(ws, row, i, label)
            cell.font = styles.bold
            cell.fill = styles.header_fill
            cell.alignment = styles.header
            cell.border = styles.border
        if column.span is not None:
            ws.merge_cells(start_row=HEAD_ROW, start_column=i, end_row=HEAD_ROW, end_column=i + 1)
        elif sub[i - 1] is None:
            ws.merge_cells(start_row=HEAD_ROW, start_column=i, end_row=SUBHEAD_ROW, end_column=i)
            head_lines = max(head_lines, line_count(top[i - 1] or "", widths[i - 1]))
    per_row = max(1, math.ceil(head_lines / 2))
    ws.row_dimensions[HEAD_ROW].height = per_row * LINE_HEIGHT + 4
    ws.row_dimensions[SUBHEAD_ROW].height = per_row * LINE_HEIGHT + 4

    row = FIRST_ROW - 1
    notes: list[str] = []
    linear = False
    for r, content in zip(results, contents, strict=True):
        row += 1
        lines = 1
        for i, column in enumerate(PLAN_COLUMNS, start=1):
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
        status = ws.cell(row=row, column=column_index("status"))
        status.fill = styles.status_fill[r.status]
        status.font = styles.status_font[r.status]
        status.alignment = styles.center_wrap
        for key, point in (("baseline_value", r.baseline), ("latest_value", r.latest)):
            comment = _figure_comment(point, lang) if point is not None else None
            if comment:
                _comment(ws.cell(row=row, column=column_index(key)), comment)
        ws.row_dimensions[row].height = lines * LINE_HEIGHT + 4
        linear = linear or r.method == "linear"
        notes.extend(
            pick(XLSX["note-line"], lang).format(
                indicator=fmt.name(r.indicator, lang), target=r.target.id,
                note=fmt.note_text(n.code, n.params, lang))
            for n in r.notes
        )
    last = max(row, SUBHEAD_ROW)
    ws.freeze_panes = f"{_letter(column_index('baseline_year'))}{FIRST_ROW}"
    ws.auto_filter.ref = f"A{SUBHEAD_ROW}:{_letter(columns)}{last}"

    # Below the table: notes on single targets, the * of the linear method, the colour legend.
    total_width = sum(widths)
    row = last + 2
    heading = text_cell(ws, row, 1, pick(XLSX["notes"], lang))
    heading.font = styles.bold
    for text in [*notes, *([pick(XLSX["linear"], lang)] if linear else []),
                 pick(XLSX["legend"], lang)]:
        row += 1
        _paragraph(ws, row, f"· {text}", styles.muted, columns, total_width)
    print_setup(ws, lang, f"{HEAD_ROW}:{SUBHEAD_ROW}")
    ws.sheet_view.zoomScale = 100


# -- the summary sheet -------------------------------------------------------------------------


def _summary_sheet(ws: Worksheet, report: Report, lang: str, styles: _Styles,
                   names: dict[str, str], data_file: str) -> None:
    widths = [12, 34, 9, *([10] * len(ALL_STATUSES))]
    columns = len(widths)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[_letter(i)].width = width
    _banner(ws, 1, pick(XLSX["summary-title"], lang).format(
        as_of=report.assessment.as_of, file=data_file), styles.title, styles, columns)
    ws.row_dimensions[1].height = 22

    heading = text_cell(ws, 3, 1, pick(XLSX["summary-counts"], lang))
    heading.font = styles.heading
    headers = [pick(XLSX["summary-plan"], lang), pick(XLSX["summary-plan-title"], lang),
               pick(XLSX["summary-targets"], lang),
               *(pick(STATUS[s], lang) for s in ALL_STATUSES)]
    for i, label in enumerate(headers, start=1):
        cell = text_cell(ws, 4, i, label)
        cell.font = styles.bold
        cell.alignment = styles.header
        cell.border = styles.border
        cell.fill = styles.header_fill
        if i > 3:
            status = ALL_STATUSES[i - 4]
            cell.fill = styles.status_fill[status]
            cell.font = styles.status_font[status]
    ws.row_dimensions[4].height = 2 * LINE_HEIGHT + 4
    row = 4
    totals = [0] * (1 + len(ALL_STATUSES))
    for plan_result in report.assessment.plans:
        row += 1
        statuses = [t.status for t in plan_result.targets]
        counts = [len(statuses), *(statuses.count(s) for s in ALL_STATUSES)]
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        title = plan_result.plan.plan.title(lang)
        _summary_row(ws, row, [plan_result.plan.id, title, *counts], styles)
        ws.row_dimensions[row].height = line_count(title, widths[1]) * LINE_HEIGHT + 4
    if len(report.assessment.plans) > 1:
        row += 1
        _summary_row(ws, row, [pick(XLSX["summary-total"], lang), "", *totals], styles,
                     bold=True)

    row += 2
    heading = text_cell(ws, row, 1, pick(XLSX["summary-attention"], lang))
    heading.font = styles.heading
    row += 1
    attention_keys = ("indicator", "latest_value", "target", "gap", "completion",
                      "time_elapsed", "required_cagr_from_latest", "status")
    headers = [pick(XLSX["summary-plan"], lang),
               *(pick(COLUMN["latest" if k == "latest_value" else k], lang)
                 for k in attention_keys)]
    for i, label in enumerate(headers, start=1):
        cell = text_cell(ws, row, i, label)
        cell.font = styles.bold
        cell.alignment = styles.header
        cell.border = styles.border
        cell.fill = styles.header_fill
    ws.row_dimensions[row].height = 2 * LINE_HEIGHT + 4
    listed = 0
    for plan_result in report.assessment.plans:
        needing = sorted(
            (r for r in ordered(plan_result.targets) if r.status in ATTENTION),
            key=lambda r: ATTENTION.index(r.status),
        )
        for r in needing:
            row += 1
            listed += 1
            content = _row_cells(r, plan_result, lang)
            content["indicator"] = fmt.name_and_unit(r.indicator, lang)
            values = [plan_result.plan.id, *(content[k] for k in attention_keys)]
            _summary_row(ws, row, values, styles)
            status_cell = ws.cell(row=row, column=len(values))
            status_cell.fill = styles.status_fill[r.status]
            status_cell.font = styles.status_font[r.status]
            status_cell.alignment = styles.center
            ws.row_dimensions[row].height = max(
                line_count(content["indicator"], widths[1]),
                line_count(content["target"], widths[3]),
            ) * LINE_HEIGHT + 4
    if not listed:
        text_cell(ws, row + 1, 1, pick(XLSX["summary-none"], lang)).font = styles.font
    ws.freeze_panes = "A5"
    print_setup(ws, lang)


def _summary_row(ws: Worksheet, row: int, values: Sequence[Any], styles: _Styles,
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


# -- the charts sheet --------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartData:
    """One chart: the actual series and the required compound path, year by year."""

    plan_id: str
    result: TargetResult
    years: tuple[int, ...]
    actual: tuple[float | None, ...]
    path: tuple[float | None, ...]


def chart_data(report: Report) -> list[ChartData]:
    """Revenue and every growth target of each plan: actual values from the baseline year to
    the target year (up to the year assessed), and x0·(1+required_cagr)^(y−t0)."""
    charts = []
    as_of = report.assessment.as_of
    for plan_result in report.assessment.plans:
        plan = plan_result.plan
        for r in plan_result.targets:
            if r.target.kind in ("each_year", "trend"):
                continue
            if r.target.indicator != REVENUE and r.target.kind != "growth":
                continue
            t0 = r.baseline.year if r.baseline is not None else (
                r.target.baseline_year or plan.plan.baseline_year)
            years = tuple(range(t0, r.target_year + 1))
            series = series_for(plan, r.target.indicator,
                                [o for o in report.observations
                                 if o.indicator == r.target.indicator])
            actual = tuple(series[y].value if y in series and y <= as_of else None
                           for y in years)
            if r.baseline is not None and r.required_cagr is not None:
                x0, g = r.baseline.value, r.required_cagr
                path: tuple[float | None, ...] = tuple(x0 * (1 + g) ** (y - t0) for y in years)
            else:
                path = tuple(None for _ in years)
            charts.append(ChartData(plan.id, r, years, actual, path))
    return charts


CHART_ROWS = 15  # rows each chart block takes; two blocks to a printed page
CHART_ROW_HEIGHT = 15.0


def axis_floor(values: Sequence[float | None]) -> float | None:
    """A round lower bound for the value axis, so that the lines do not hug the top: 2128 →
    2000. None (start at zero) where a value is zero or negative."""
    shown = [v for v in values if v is not None]
    if not shown or min(shown) <= 0:
        return None
    low = min(shown) * 0.9
    step = 10.0 ** math.floor(math.log10(low))
    return math.floor(low / step) * step


def _chart_title(text: str) -> Any:
    """A chart title at 11 points (the default is large enough to crowd the plot)."""
    from openpyxl.chart.text import RichText, Text
    from openpyxl.chart.title import Title
    from openpyxl.drawing.text import (
        CharacterProperties,
        Paragraph,
        ParagraphProperties,
        RegularTextRun,
    )

    font = CharacterProperties(sz=1100, b=True)
    paragraph = Paragraph(pPr=ParagraphProperties(defRPr=font), r=[RegularTextRun(rPr=font,
                                                                                  t=text)])
    return Title(tx=Text(rich=RichText(p=[paragraph])), overlay=False)


def _charts_sheet(ws: Worksheet, report: Report, lang: str, styles: _Styles) -> None:
    from openpyxl.chart import LineChart, Reference
    from openpyxl.worksheet.pagebreak import Break

    for i, width in enumerate((8, 12, 12), start=1):
        ws.column_dimensions[_letter(i)].width = width
    _banner(ws, 1, pick(XLSX["charts-title"], lang), styles.title, styles, 12)
    ws.row_dimensions[1].height = 22
    charts = chart_data(report)
    if not charts:
        text_cell(ws, 3, 1, pick(XLSX["charts-none"], lang)).font = styles.font
    top = 3
    for number, data in enumerate(charts):
        if number and number % 2 == 0:
            ws.row_breaks.append(Break(id=top - 1))  # two whole charts to a printed page
        r = data.result
        unit = fmt.unit(r.indicator, lang)
        title = pick(XLSX["chart-title"], lang).format(
            plan=data.plan_id, indicator=fmt.name(r.indicator, lang), unit=unit,
            target=target_text(r, lang))
        cell = text_cell(ws, top, 1, title)
        cell.font = styles.bold
        cell.alignment = styles.top_wrap
        ws.merge_cells(start_row=top, start_column=1, end_row=top, end_column=3)
        base = number_format(r.indicator)
        for i, label in enumerate((pick(XLSX["year"], lang), pick(XLSX["chart-actual"], lang),
                                   pick(XLSX["chart-path"], lang)), start=1):
            head = text_cell(ws, top + 1, i, label)
            head.font = styles.bold
            head.fill = styles.header_fill
            head.border = styles.border
            head.alignment = styles.header
        for k, year in enumerate(data.years):
            row = top + 2 + k
            number_cell(ws, row, 1, year, "0").border = styles.border
            for column, value in ((2, data.actual[k]), (3, data.path[k])):
                cell = ws.cell(row=row, column=column)
                cell.border = styles.border
                if value is not None:
                    number_cell(ws, row, column, value, base)
        last = top + 1 + len(data.years)
        block = max(CHART_ROWS, len(data.years) + 4)
        for k in range(block):
            ws.row_dimensions[top + k].height = CHART_ROW_HEIGHT
        ws.row_dimensions[top].height = line_count(title, 32) * LINE_HEIGHT + 2
        chart = LineChart()
        chart.title = _chart_title(title)
        chart.style = 2
        chart.height = 6.6
        chart.width = 17
        chart.y_axis.scaling.min = axis_floor([*data.actual, *data.path])
        chart.y_axis.title = unit
        chart.y_axis.numFmt = base
        chart.x_axis.title = pick(XLSX["year"], lang)
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        if chart.legend is not None:
            chart.legend.position = "b"
        chart.add_data(Reference(ws, min_col=2, max_col=3, min_row=top + 1, max_row=last),
                       titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=top + 2, max_row=last))
        actual, path = chart.series
        actual.marker.symbol = "circle"
        actual.marker.size = 6
        actual.smooth = False
        actual.graphicalProperties.line.solidFill = "2F5597"
        actual.graphicalProperties.line.width = 28575
        actual.marker.graphicalProperties.solidFill = "2F5597"
        actual.marker.graphicalProperties.line.solidFill = "2F5597"
        path.smooth = False
        path.graphicalProperties.line.solidFill = "C00000"
        path.graphicalProperties.line.dashStyle = "dash"
        path.graphicalProperties.line.width = 19050
        path.marker.symbol = "none"
        ws.add_chart(chart, f"E{top}")
        top += block
    print_setup(ws, lang)


# -- the method sheet --------------------------------------------------------------------------


def _method_sheet(ws: Worksheet, report: Report, lang: str, styles: _Styles,
                  data_path: Path) -> None:
    widths = (26, 50, 50)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[_letter(i)].width = width
    total = sum(widths)
    _banner(ws, 1, pick(XLSX["method-title"], lang), styles.title, styles, 3)
    ws.row_dimensions[1].height = 22
    row = 2

    def heading(key: str) -> None:
        nonlocal row
        row += 2
        text_cell(ws, row, 1, pick(XLSX[key], lang)).font = styles.heading

    def pair(label: str, value: str | int, label_font: Any = None) -> None:
        nonlocal row
        row += 1
        first = text_cell(ws, row, 1, label)
        first.font = label_font or styles.bold
        first.alignment = styles.top_wrap
        first.border = styles.border
        if isinstance(value, int):
            second = number_cell(ws, row, 2, value, "0")
            second.alignment = styles.left
        else:
            second = text_cell(ws, row, 2, value)
            second.alignment = styles.top_wrap
        second.font = styles.font
        second.border = styles.border
        ws.cell(row=row, column=3).border = styles.border
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
        lines = max(line_count(str(value), widths[1] + widths[2]), line_count(label, widths[0]))
        ws.row_dimensions[row].height = lines * LINE_HEIGHT + 4

    heading("method-run")
    pair(pick(XLSX["method-version"], lang), __version__)
    pair(pick(XLSX["method-file"], lang), data_path.name)
    pair(pick(XLSX["method-sha256"], lang), sha256(data_path))
    pair(pick(XLSX["method-as-of"], lang), report.assessment.as_of)

    heading("method-plans")
    for plan_result in report.assessment.plans:
        meta = plan_result.plan.plan
        th = plan_result.thresholds
        sep = "；" if lang == "zh" else "; "
        colon = "：" if lang == "zh" else ": "
        text = sep.join([
            meta.title(lang),
            f"{pick(COLUMN['period'], lang)}{colon}{meta.period[0]}–{meta.period[1]}",
            f"{pick(COLUMN['baseline_year'], lang)}{colon}{meta.baseline_year}",
            f"{pick(XLSX['method-thresholds'], lang)}{colon}"
            f"{th.on_track:g} / {th.moderate:g} / {th.off_track:g}",
        ])
        pair(plan_result.plan.id, text)

    heading("method-formulas")
    row += 1
    _paragraph(ws, row, pick(XLSX["method-symbols"], lang), styles.font, 3, total)
    for key, formula in (("gap", "f-gap"), ("completion", "f-completion"),
                         ("time_elapsed", "f-time"), ("actual_cagr", "f-actual"),
                         ("required_cagr", "f-required"),
                         ("required_cagr_from_latest", "f-required-latest"),
                         (None, "f-growth-ratio"), ("projected", "f-projected"),
                         (None, "f-path")):
        name = (pick(COLUMN[key], lang) if key else
                pick(XLSX[f"{formula}-name"], lang))
        pair(name, pick(XLSX[formula], lang))

    heading("method-statuses")
    row += 1
    for i, label in enumerate((pick(COLUMN["status"], lang), pick(XLSX["method-rule"], lang),
                               pick(XLSX["method-rule-linear"], lang)), start=1):
        cell = text_cell(ws, row, i, label)
        cell.font = styles.bold
        cell.fill = styles.header_fill
        cell.border = styles.border
    for status in ALL_STATUSES:
        row += 1
        rule = pick(XLSX[f"rule-{status}"], lang)
        linear_key = f"rule-{status}-linear"
        linear = pick(XLSX[linear_key], lang) if linear_key in XLSX else rule
        word = text_cell(ws, row, 1, pick(STATUS[status], lang))
        word.fill = styles.status_fill[status]
        word.font = styles.status_font[status]
        word.border = styles.border
        word.alignment = styles.top_wrap
        for column, text in ((2, rule), (3, linear)):
            cell = text_cell(ws, row, column, text)
            cell.font = styles.font
            cell.alignment = styles.top_wrap
            cell.border = styles.border
        ws.row_dimensions[row].height = max(
            line_count(rule, widths[1]), line_count(linear, widths[2])) * LINE_HEIGHT + 4

    heading("method-display")
    for key in ("display-values", "display-qualified", "display-source"):
        row += 1
        _paragraph(ws, row, f"· {pick(XLSX[key], lang)}", styles.font, 3, total)
    for text in (pick(XLSX["linear"], lang), pick(XLSX["legend"], lang)):
        row += 1
        _paragraph(ws, row, f"· {text}", styles.font, 3, total)
    print_setup(ws, lang)
    ws.page_setup.fitToHeight = 1
