"""Terminal tables (rich): one table per plan, grouped as the plan groups its targets.

Status is a word as well as a colour, so the table reads the same in CI logs, through pipes
and with NO_COLOR. Numbers are right-aligned and never wrapped.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any, TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from railkpi.calc.filters import NO_FILTER, TargetFilter
from railkpi.calc.findings import AuditResult
from railkpi.calc.results import GrowthRate, PlanResult, TargetResult
from railkpi.messages import pick
from railkpi.messages.outputs import OUTPUT
from railkpi.messages.series import SERIES
from railkpi.messages.words import COLUMN, TEXT
from railkpi.plans.models import Plan, PlanMeta
from railkpi.problems import Problem
from railkpi.read.observation import WorkbookData
from railkpi.render import (
    MilestoneReport,
    Report,
    TemplateWritten,
    series_words,
)
from railkpi.render import display as fmt
from railkpi.render import milestone_words as steps
from railkpi.render.audit_words import worded
from railkpi.render.listing import published, reading_notes
from railkpi.render.milestone_table import (
    print_steps,
    step_cell,
    step_column,
    step_column_fits,
)
from railkpi.render.table_diff import render_diff as render_diff
from railkpi.render.terminal import console

STATUS_STYLE = {
    "achieved": "bold green",
    "on_track": "green",
    "moderate": "yellow",
    "off_track": "red",
    "regressing": "bold red",
    "not_achieved": "bold red",
    "undetermined": "dim",
    "no_data": "dim",
}
#: The change mark's colour (the mark itself reads without it).
CHANGE_STYLE = {"improved": "green", "worsened": "bold red"}
def _columns(lang: str, series: Sequence[str] = ()) -> list[tuple[str, dict[str, Any]]]:
    # A figure may wrap only at the space before its "(year)": numbers themselves never break.
    number: dict[str, Any] = {"justify": "right", "min_width": 4}
    # The Markdown table's headers, the figures' stacked on two lines: 完成\n进度, CAGR\nneeded.
    heads = [pick(OUTPUT[key], lang) for key, _ in fmt.SUMMARY_COLUMNS]
    heads[1:-1] = [_stacked(head, lang) for head in heads[1:-1]]
    indicator: dict[str, Any] = {"ratio": 1, "min_width": 12, "overflow": "fold"}
    status: dict[str, Any] = {"no_wrap": True}
    before, after = _series_columns(lang, number, series)
    return [(heads[0], indicator), *((h, number) for h in heads[1:-1]), *before,
            (heads[-1], status), *after]


#: The series' figure columns the terminal table may show before the status. Their priority
#: when the table is narrower than its columns: the change mark after the status is kept with
#: the status (always shown); what is still needed each year goes first, shown only from WIDE
#: columns; 同比 is not in the terminal table (JSON, CSV, Markdown and the Excel table have it).
TABLE_SERIES = ("col-needed-per-year",)
WIDE = 120


def _series_columns(lang: str, number: dict[str, Any], series: Sequence[str]
                    ) -> tuple[list[tuple[str, dict[str, Any]]], list[tuple[str, dict[str, Any]]]]:
    """The series' headers: (before the status, after it)."""
    before = [(_stacked(pick(SERIES[key], lang), lang), number) for key in series]
    head = pick(SERIES["col-change"], lang)
    mark: dict[str, Any] = {"no_wrap": True, "justify": "center", "min_width": cell_len(head)}
    return before, [(head, mark)]


def _series_cells(r: TargetResult, lang: str, series: Sequence[str]
                  ) -> tuple[list[str], list[Text]]:
    """A target's series cells: (before the status, after it)."""
    cells = series_words.summary_cells(r)
    mark = Text(series_words.change_mark(r, lang),
                style=CHANGE_STYLE.get(r.series.change if r.series else "", ""))
    return [cells[key] for key in series], [mark]


def _series_shown(width: int) -> tuple[str, ...]:
    """The series' figure columns shown at this width: what is still needed each year only on
    a terminal of WIDE columns or more (the table's other columns take the rest)."""
    return TABLE_SERIES if width >= WIDE else ()


def _stacked(head: str, lang: str) -> str:
    """A header on two lines, so that a column is as narrow as its figures."""
    if lang == "zh":
        return f"{head[:2]}\n{head[2:]}" if len(head) > 3 else head
    return head.replace(" ", "\n", 1)


def render_assessment(report: Report, lang: str, out: TextIO) -> None:
    con = console(out)
    as_of = report.assessment.as_of
    _filter_line(con, report, lang)
    for plan_result in report.assessment.plans:
        meta = plan_result.plan.plan
        con.print(Text(f"{meta.title(lang)} [{plan_result.plan.id}]", style="bold"))
        con.print(Text(fmt.subtitle(meta, as_of, plan_result.thresholds, lang), style="dim"))
        series = _series_shown(con.width)
        table, notes = _plan_table(plan_result, as_of, lang, series, None)
        # The step of the year assessed: a column where the table still fits, else a line
        # per target under it (no figure is ever cut).
        year = steps.step_year(report.assessment)
        shown = [r for r in plan_result.targets if r.milestone is not None]
        if year is not None and step_column_fits(con, table, shown, year, lang):
            table, notes = _plan_table(plan_result, as_of, lang, series, year)
        elif year is not None:
            notes += steps.step_lines(shown, lang)
        con.print(table)
        for line in series_words.change_lines(plan_result, as_of, lang):
            con.print(Text(line))
        legend = steps.step_legend(plan_result.targets, lang)
        for line in [*notes, *([legend] if legend else [])]:
            con.print(Text(f"  · {line}", style="dim"))
        con.print()
    if report.problems:
        render_problems(report.problems, lang, out)


def _plan_table(plan_result: PlanResult, as_of: int, lang: str, series: Sequence[str],
                step_year: int | None) -> tuple[Table, list[str]]:
    """A plan's assessment table (with the step column where `step_year` is given), and the
    notes under it."""
    plan, meta = plan_result.plan, plan_result.plan.plan
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=(0, 1),
                  collapse_padding=True)
    for header, options in _columns(lang, series):
        table.add_column(header, **options)
    if step_year is not None:
        step_column(table, plan_result.targets, step_year, lang)
    notes: list[str] = []
    for group_id in _group_order(plan_result.targets):
        table.add_row(Text(plan.groups[group_id](lang), style="bold"))
        for result in (r for r in plan_result.targets if r.target.group == group_id):
            table.add_row(*_row(result, meta, as_of, lang, series), *step_cell(result, step_year))
            notes.extend(f"{result.target.id}: {fmt.note_text(n.code, n.params, lang)}"
                         for n in result.notes)
    return table, notes


def _filter_line(con: Console, report: Report, lang: str) -> None:
    """Above the tables: the filter that narrowed the report, if any."""
    count = sum(len(p.targets) for p in report.assessment.plans)
    line = series_words.filter_line(report.target_filter, count, lang)
    if line is not None:
        con.print(Text(line, style="bold"))
        con.print()


def _group_order(results: Sequence[TargetResult]) -> list[str]:
    return list(dict.fromkeys(r.target.group for r in results))


def _row(r: TargetResult, meta: PlanMeta, as_of: int, lang: str,
         series: Sequence[str] = ()) -> list[Text | str]:
    # A ratio's base year on a line of its own keeps the target column narrow.
    *figures, word = fmt.summary_cells(r, meta, as_of, lang, apart=True)
    status = Text(word, style=STATUS_STYLE[r.status])
    if r.method == "linear":
        status.append("*", style="dim")
    before, after = _series_cells(r, lang, series)
    return [*figures, *before, status, *after]


def render_milestones(report: MilestoneReport, lang: str, out: TextIO) -> None:
    """`railkpi milestones`: per plan a table of the targets' steps, a column per year
    (render/milestone_table.py)."""
    print_steps(report.decomposition, lang, console(out))
    if report.problems:
        render_problems(report.problems, lang, out)


def _listing(headers: Sequence[tuple[str, dict[str, Any]]], lang: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=(0, 1),
                  collapse_padding=True)
    for key, options in headers:
        table.add_column(pick(COLUMN[key], lang), **options)
    return table


def render_targets(plans: Sequence[Plan], lang: str, out: TextIO,
                   target_filter: TargetFilter = NO_FILTER) -> None:
    """Per plan: its targets with their wording, the figures it publishes, then its notes
    (the filter that narrowed the list, if any, above them)."""
    con = console(out)
    line = series_words.filter_line(target_filter, sum(len(p.targets) for p in plans), lang)
    if line is not None:
        con.print(Text(line, style="bold"))
        con.print()
    wording: dict[str, Any] = {"ratio": 2, "overflow": "fold"}
    for plan in plans:
        con.print(Text(f"{plan.plan.title(lang)} [{plan.id}]", style="bold"))
        own_steps = any(t.milestones for t in plan.targets)
        table = _listing([("id", {"no_wrap": True}),
                          ("indicator", {"ratio": 1, "overflow": "fold"}),
                          ("target", {"justify": "right", "no_wrap": True}), ("quote", wording),
                          *([("milestones", {"ratio": 1, "overflow": "fold"})] if own_steps
                            else [])],
                         lang)
        for target in plan.targets:
            indicator = plan.indicators[target.indicator]
            table.add_row(target.id, fmt.indicator_with_unit(indicator, lang),
                          fmt.listing_target(plan, target, lang), fmt.quote(target, lang),
                          *([steps.plan_steps_text(target, indicator, lang)] if own_steps
                            else []))
        con.print(table)
        rows = published(plan, lang)
        if rows:
            con.print(Text(pick(TEXT["published"], lang), style="bold"))
            figures = _listing([("where", {"no_wrap": True}),
                                ("indicator", {"ratio": 1, "overflow": "fold"}),
                                ("years", {"no_wrap": True}),
                                ("figure", {"justify": "right", "no_wrap": True}),
                                ("quote", wording)], lang)
            for row in rows:
                figures.add_row(row.where, fmt.indicator_with_unit(row.indicator, lang),
                                row.years, row.figure, fmt.quote(row.entry, lang))
            con.print(figures)
        notes = reading_notes(plan, lang)
        if notes:
            con.print(Text(pick(TEXT["notes"], lang), style="bold"))
            colon = "：" if lang == "zh" else ": "
            con.print(_hanging([("·", Text(f"{where}{colon}{note}")) for where, note in notes]))
        con.print()


def render_names(plans: Sequence[Plan], lang: str, out: TextIO) -> None:
    """`--names`: per plan, each indicator's id and every label a workbook row may use."""
    con = console(out)
    for plan in plans:
        con.print(Text(f"{plan.plan.title(lang)} [{plan.id}]", style="bold"))
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=(0, 1),
                      collapse_padding=True)
        table.add_column(pick(COLUMN["id"], lang), no_wrap=True)
        table.add_column(pick(COLUMN["indicator"], lang), ratio=1, overflow="fold")
        table.add_column(pick(COLUMN["names"], lang), ratio=2, overflow="fold")
        for key, indicator in plan.indicators.items():
            table.add_row(key, fmt.indicator_with_unit(indicator, lang),
                          "; ".join(fmt.accepted_names(key, indicator)))
        con.print(table)
        con.print()


def render_plans(plans: Sequence[Plan], lang: str, out: TextIO) -> None:
    con = console(out)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for key in ("id", "name", "period", "baseline_year", "targets", "document"):
        table.add_column(pick(COLUMN[key], lang), overflow="fold")
    for plan in plans:
        meta = plan.plan
        table.add_row(meta.id, meta.title(lang), f"{meta.period[0]}-{meta.period[1]}",
                      str(meta.baseline_year), str(len(plan.targets)), meta.document or "—")
    con.print(table)


def render_validation(workbook: WorkbookData, lang: str, out: TextIO) -> None:
    """`railkpi validate`: its warnings on standard error, one line on standard output."""
    render_problems(workbook.warnings, lang, sys.stderr)
    out.write(fmt.validation_line(workbook, lang) + "\n")


def render_template(written: TemplateWritten, lang: str, out: TextIO) -> None:
    out.write(fmt.template_line(written, lang) + "\n")
    line = series_words.filter_text(written.target_filter, lang)
    if line:
        out.write(pick(SERIES["filter-template"], lang).format(filters=line) + "\n")


def render_rate(rate: GrowthRate, lang: str, out: TextIO) -> None:
    """`railkpi cagr` / `railkpi required`: the rate to two decimals and to one, or — if the
    rate is undefined."""
    out.write(fmt.rate_line(rate, lang) + "\n")


def render_refusal(problems: Sequence[Problem], lang: str, out: TextIO) -> None:
    """Nothing on standard output: the problems are on standard error."""


def render_problems(problems: Sequence[Problem], lang: str, out: TextIO) -> None:
    con = console(out)
    for p in problems:
        style = "red" if p.severity == "error" else "yellow"
        line = Text()
        line.append(pick(OUTPUT[p.severity], lang), style=f"bold {style}")
        location = p.location()
        line.append(f" [{p.code}] {location + ': ' if location else ''}{p.message(lang)}")
        con.print(line)


def render_audit(result: AuditResult, lang: str, out: TextIO) -> None:
    """`railkpi audit`: a numbered row per finding, its explanation below the table (as the
    assessment's notes), then what could not be checked, by kind."""
    audit = worded(result, lang)
    findings, unchecked = audit.findings, audit.unchecked
    from railkpi.messages.audit import AUDIT

    con = console(out)
    con.print(Text(pick(AUDIT["title"], lang), style="bold"))
    if not findings:
        con.print(pick(AUDIT["no-findings"], lang))
    else:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=(0, 1),
                      collapse_padding=True)
        table.add_column("#", justify="right", no_wrap=True)
        for key in ("col-code", "col-plan", "col-indicator"):
            table.add_column(pick(AUDIT[key], lang), no_wrap=True)
        table.add_column(pick(OUTPUT["audit-years"], lang), no_wrap=True)
        for key in ("col-stated", "col-computed", "col-other"):
            table.add_column(pick(AUDIT[key], lang), justify="right", overflow="fold")
        for number, f in enumerate(findings, 1):
            table.add_row(str(number), f.code, f.plan, f.indicator, f.years_text,
                          f.stated_text, f.computed_text, f.other_text)
        con.print(table)
        con.print(_hanging([(f"{n}.", Text(f.message(lang))) for n, f in enumerate(findings, 1)]))
    colon, semicolon, opening, closing = (
        ("：", "；", "（", "）") if lang == "zh" else (": ", "; ", " (", ")")
    )
    lines: list[tuple[str, Text]] = []
    for kind in dict.fromkeys(u.kind for u in unchecked):
        of_kind = [u for u in unchecked if u.kind == kind]
        head = pick(AUDIT[f"unchecked-{kind}"], lang).format(count=len(of_kind))
        items = semicolon.join(
            f"{u.plan} {u.indicator} {u.years[0]}-{u.years[1]}{opening}{u.message(lang)}{closing}"
            for u in of_kind
        )
        lines.append(("·", Text(f"{head}{colon}{items}", style="dim")))
    if lines:
        con.print(_hanging(lines))


def _hanging(rows: Sequence[tuple[str, Text]]) -> Table:
    """Marked paragraphs whose wrapped lines stay indented under the text, not the mark."""
    grid = Table.grid(padding=(0, 1), pad_edge=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    for mark, text in rows:
        grid.add_row(mark, text)
    return grid
