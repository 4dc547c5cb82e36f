"""`railkpi assess` in the terminal: per plan a title, a table that fits the width
(render/table_fit.py), the status counts, the change lines and the notes.

The table's columns: the indicator, the figures of display.SUMMARY_COLUMNS, what is still
needed each year (from WIDE columns), the status, the change mark since the year before, and
the step of the year assessed (年度目标) where a plan sets annual steps. The status and the
change mark are never left out; the figures are, by table_fit.DROP_ORDER; the step column,
asked for by the user, is left out last, and its steps then print as lines under the table.
Below the width of any table, each target prints as a block of `label: value` lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from rich import box
from rich.console import Console, JustifyMethod
from rich.table import Table
from rich.text import Text

from railkpi.calc.results import PlanResult, TargetResult
from railkpi.messages import Bilingual, pick
from railkpi.messages.outputs import OUTPUT
from railkpi.messages.series import SERIES
from railkpi.messages.words import COLUMN
from railkpi.records import record
from railkpi.render import Report, series_words
from railkpi.render import display as fmt
from railkpi.render import milestone_words as steps
from railkpi.render import table as tables
from railkpi.render.milestone_table import STEP_STYLE
from railkpi.render.table import STATUS_STYLE, paragraph, render_problems
from railkpi.render.table_fit import fit, wrap

#: The change mark's colour (the mark itself reads without it).
CHANGE_STYLE = {"improved": "green", "worsened": "bold red"}
#: What is still needed each year is a column only on a terminal this wide or wider (then
#: the first left out when the rest does not fit); 同比 is not in the terminal table (JSON, CSV,
#: Markdown and the Excel table have it).
TABLE_SERIES = ("col-needed-per-year",)
WIDE = 120
#: The labels of a target's lines when the table prints as blocks: the full words, where the
#: table's headers are shortened to fit a column.
BLOCK_LABEL: dict[str, Bilingual] = {
    "col-baseline": COLUMN["baseline"],
    "col-latest": COLUMN["latest"],
    "col-target": COLUMN["target"],
    "col-gap": COLUMN["gap"],
    "col-completion": COLUMN["completion"],
    "col-time": COLUMN["time_elapsed"],
    "col-cagr": COLUMN["actual_cagr"],
    "col-needed": COLUMN["required_cagr_from_latest"],
    "col-status": COLUMN["status"],
    "col-change": OUTPUT["block-change"],
}
STATUS, CHANGE, STEP = "col-status", "col-change", "col-step"


@record
class Columns:
    """A plan's table before it is fitted: column keys, headers, right-alignment, and each
    target's cells in that order (the status with its *, the change mark)."""

    keys: list[str]
    heads: list[str]
    right: dict[str, bool]
    rows: list[list[str]]


def render_assessment(report: Report, lang: str, out: TextIO) -> None:
    con = tables.console(out)  # table.console, as the other terminal renderers use it
    as_of = report.assessment.as_of
    _filter_line(con, report, lang)
    step_year = steps.step_year(report.assessment)
    for plan_result in report.assessment.plans:
        meta = plan_result.plan.plan
        paragraph(con, f"{meta.title(lang)} [{plan_result.plan.id}]", "bold")
        paragraph(con, fmt.subtitle(meta, as_of, plan_result.thresholds, lang), "dim")
        if not _plan_table(con, plan_result, as_of, lang, step_year):
            _step_lines(con, plan_result, lang)
        paragraph(con, fmt.status_counts(plan_result.targets, lang), "dim")
        if any(r.method == "linear" for r in plan_result.targets):
            paragraph(con, pick(OUTPUT["linear"], lang), "dim")
        for line in series_words.change_lines(plan_result, as_of, lang):
            paragraph(con, line)
        for r in plan_result.targets:
            name = fmt.target_name(r, plan_result.targets, lang)
            for n in r.notes:
                note = fmt.note_text(n.code, n.params, lang)
                paragraph(con, f"{name}{fmt.colon(lang)}{note}", "dim", first="  · ",
                          rest="    ")
        legend = steps.step_legend(plan_result.targets, lang)
        if legend:
            paragraph(con, legend, "dim", first="  · ", rest="    ")
        con.print()
    if report.problems:
        render_problems(report.problems, lang, out)


def _step_lines(con: Console, plan_result: PlanResult, lang: str) -> None:
    """The steps of the year assessed as lines, where the table has no room for their column."""
    for line in steps.step_lines(plan_result.targets, lang):
        paragraph(con, line, first="  · ", rest="    ")


def _filter_line(con: Console, report: Report, lang: str) -> None:
    """Above the tables: the filter that narrowed the report, if any."""
    count = sum(len(p.targets) for p in report.assessment.plans)
    line = series_words.filter_line(report.target_filter, count, lang)
    if line is not None:
        paragraph(con, line, "bold")
        con.print()


def columns(plan_result: PlanResult, as_of: int, lang: str, series: Sequence[str],
            apart: bool, step_year: int | None = None) -> Columns:
    """Every column the table may show (the step column where `step_year` is given); `apart`
    puts a ratio's base year and an each-year target's missed years on a line of their own
    (a table's narrow cell)."""
    summary = [key for key, _ in fmt.SUMMARY_COLUMNS]
    step = [STEP] if step_year is not None else []
    keys = [*summary[:-1], *series, STATUS, CHANGE, *step]
    heads = [pick(OUTPUT[key], lang) for key in summary[:-1]]
    heads[1:] = [_stacked(head, lang) for head in heads[1:]]
    heads += [_stacked(pick(SERIES[key], lang), lang) for key in series]
    heads += [pick(OUTPUT[STATUS], lang), pick(SERIES[CHANGE], lang)]
    if step_year is not None:
        # The year on a line of its own (2024 / 年度目标), not cut inside it (20 / 24年度目标).
        head = steps.step_header(step_year, lang)
        year = str(step_year)
        heads.append(f"{year}\n{head[len(year):].strip()}" if head.startswith(year) else
                     _stacked(head, lang))
    right = {**dict(fmt.SUMMARY_COLUMNS), **dict.fromkeys(series, True), CHANGE: False,
             STEP: True}
    rows = []
    for r in plan_result.targets:
        figures = fmt.summary_cells(r, plan_result.plan.plan, as_of, lang, apart=apart)[:-1]
        extra = series_words.summary_cells(r)
        checked = [steps.check_cell(r.milestone, r.indicator)] if step else []
        rows.append([*figures, *(extra[key] for key in series), fmt.marked_status(r, lang),
                     series_words.change_mark(r, lang), *checked])
    return Columns(keys, heads, right, rows)


def _stacked(head: str, lang: str) -> str:
    """A header on two lines, so that a column is as narrow as its figures."""
    if lang == "zh":
        return f"{head[:2]}\n{head[2:]}" if len(head) > 3 else head
    return head.replace(" ", "\n", 1)


def _plan_table(con: Console, plan_result: PlanResult, as_of: int, lang: str,
                step_year: int | None) -> bool:
    """One plan's targets, grouped as the plan groups them, as a table that fits the width
    or, where none fits, as a block per target; whether it showed the step column."""
    series = TABLE_SERIES if con.width >= WIDE else ()
    with_steps = step_year if any(r.milestone for r in plan_result.targets) else None
    table_columns = columns(plan_result, as_of, lang, series, apart=True, step_year=with_steps)
    groups = _groups(plan_result, lang)
    layout = fit(table_columns.keys, table_columns.heads, table_columns.rows, con.width,
                 [group for group, _ in groups])
    if layout.blocks:  # a line per figure: the target on one line, its base year after it
        _blocks(con, plan_result, columns(plan_result, as_of, lang, (), apart=False), lang)
        return with_steps is None
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=(0, 1),
                  collapse_padding=True)
    keys, heads = table_columns.keys, table_columns.heads
    shown = [keys.index(key) for key in layout.shown]
    name_width = layout.widths[0]
    for index, width in zip(shown, layout.widths, strict=True):
        key = keys[index]
        head = heads[index] if index else "\n".join(wrap(heads[index], name_width))
        justify: JustifyMethod = ("center" if key == CHANGE else
                                  "right" if table_columns.right.get(key) else "left")
        table.add_column(head, width=width, no_wrap=True, justify=justify)
    by_target = dict(zip((r.target.id for r in plan_result.targets), table_columns.rows,
                         strict=True))
    for group, results in groups:
        table.add_row(Text("\n".join(wrap(group, name_width)), style="bold"))
        for result in results:
            cells = by_target[result.target.id]
            table.add_row(*(_cell(keys[i], cells[i], result, lang, name_width) for i in shown))
    con.print(table)
    named = [key for key in layout.left_out if key != STEP]  # the steps print as lines
    if named:
        left_out = pick(OUTPUT["list-separator"], lang).join(
            _plain_head(key, lang) for key in named)
        paragraph(con, pick(OUTPUT["left-out"], lang).format(columns=left_out,
                                                             width=con.width), "dim")
    return with_steps is None or STEP in layout.shown


def _cell(key: str, text: str, result: TargetResult, lang: str, name_width: int
          ) -> Text | str:
    if key == STATUS:
        return _status(result, lang)
    if key == CHANGE:
        style = CHANGE_STYLE.get(result.series.change if result.series else "", "")
        return Text(text, style=style)
    if key == STEP:
        check = result.milestone
        return Text(text, style=STEP_STYLE[check.met] if check is not None else "")
    if key == "col-indicator":
        return "\n".join(wrap(text, name_width))
    return text


def _plain_head(key: str, lang: str) -> str:
    return pick(SERIES[key] if key in SERIES else OUTPUT[key], lang)


def _blocks(con: Console, plan_result: PlanResult, table_columns: Columns, lang: str) -> None:
    """Each target as a name line and a `label: value` line per figure, for narrow widths."""
    keys = table_columns.keys
    by_target = dict(zip((r.target.id for r in plan_result.targets), table_columns.rows,
                         strict=True))
    labels = [pick(BLOCK_LABEL[key], lang) if key in BLOCK_LABEL else _plain_head(key, lang)
              for key in keys]
    for group, results in _groups(plan_result, lang):
        paragraph(con, group, "bold underline")
        for result in results:
            cells = by_target[result.target.id]
            paragraph(con, cells[0], "bold")
            for key, label, value in zip(keys[1:], labels[1:], cells[1:], strict=True):
                if key == STATUS:
                    line = Text(f"  {label}{fmt.colon(lang)}")
                    con.print(line.append_text(_status(result, lang)))
                elif value:
                    paragraph(con, f"{label}{fmt.colon(lang)}{value}", first="  ",
                              rest="    ")


def _groups(plan_result: PlanResult, lang: str) -> list[tuple[str, list[TargetResult]]]:
    """The plan's groups in the order of its targets, each with its targets."""
    plan, results = plan_result.plan, plan_result.targets
    order = dict.fromkeys(r.target.group for r in results)
    return [(plan.groups[group](lang), [r for r in results if r.target.group == group])
            for group in order]


def _status(result: TargetResult, lang: str) -> Text:
    """The status word in its colour, with a dim * where the linear method judged it."""
    status = Text(fmt.status(result, lang), style=STATUS_STYLE[result.status])
    if result.method == "linear":
        status.append("*", style="dim")
    return status
