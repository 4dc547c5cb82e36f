"""Terminal tables (rich): one table per plan, grouped as the plan groups its targets.

Status is a word as well as a colour, so the table reads the same in CI logs, through pipes
and with NO_COLOR. Numbers are right-aligned and never wrapped.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from rich import box
from rich.table import Table
from rich.text import Text

from railkpi.calc.filters import NO_FILTER, TargetFilter
from railkpi.messages import pick
from railkpi.messages.outputs import OUTPUT
from railkpi.messages.series import SERIES
from railkpi.messages.words import COLUMN, TEXT
from railkpi.plans.models import Plan
from railkpi.problems import Problem
from railkpi.render import (
    MilestoneReport,
    Report,
    TemplateWritten,
    series_words,
)
from railkpi.render import display as fmt
from railkpi.render import milestone_words as steps
from railkpi.render.listing import published, reading_notes
from railkpi.render.milestone_table import print_steps
from railkpi.render.table_fit import BLOCK_BELOW
from railkpi.render.terminal import console as console
from railkpi.render.terminal import paragraph as paragraph
from railkpi.render.terminal import plain_width as plain_width

if TYPE_CHECKING:  # the audit and diff outputs import their modules when they run
    from railkpi.calc.diff import ReportDiff
    from railkpi.calc.findings import AuditResult
    from railkpi.calc.results import GrowthRate
    from railkpi.read.observation import WorkbookData

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


def render_assessment(report: Report, lang: str, out: TextIO) -> None:
    """The plans' tables at the terminal's width (render/assessment_table.py)."""
    from railkpi.render import assessment_table

    assessment_table.render_assessment(report, lang, out)


def render_failing(report: Report, failing: set[str], levels: Sequence[str], lang: str,
                   out: TextIO) -> None:
    """Why `assess --fail-on` exits 1: the targets at or below the level, by plan, by name,
    each with its status."""
    con = console(out)
    failed = [(p, r) for p in report.assessment.plans for r in p.targets if r.status in failing]
    head = pick(OUTPUT["fail-on-head"], lang).format(count=len(failed), levels=",".join(levels))
    paragraph(con, head, "bold red")
    for plan_result, result in failed:
        line = pick(OUTPUT["fail-on-target"], lang).format(
            plan=plan_result.plan.plan.title(lang), target=fmt.target_name(
                result, plan_result.targets, lang),
            status=fmt.marked_status(result, lang))
        paragraph(con, line, first="  · ", rest="    ")


def render_milestones(report: MilestoneReport, lang: str, out: TextIO) -> None:
    """`railkpi milestones`: per plan a table of the targets' steps, a column per year
    (render/milestone_table.py); the filter that narrowed it, if any, above them."""
    con = console(out)
    line = report.filter_line(lang)
    if line is not None:
        paragraph(con, line, "bold")
        con.print()
    print_steps(report.decomposition, lang, con)
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
        paragraph(con, f"{plan.plan.title(lang)} [{plan.id}]", "bold")
        if con.width < BLOCK_BELOW:  # too narrow for three columns: a block per indicator
            for key, indicator in plan.indicators.items():
                paragraph(con, key, "bold")
                for label, text in (
                        (COLUMN["indicator"], fmt.indicator_with_unit(indicator, lang)),
                        (COLUMN["names"], "; ".join(fmt.accepted_names(key, indicator)))):
                    paragraph(con, f"{pick(label, lang)}{fmt.colon(lang)}{text}",
                              first="  ", rest="    ")
            con.print()
            continue
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
    from railkpi.render.audit_words import worded

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
            table.add_row(str(number), f.code, f.plan, f.indicator_name, f.years_text,
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
            f"{u.plan} {u.indicator_name} {u.years[0]}-{u.years[1]}{opening}{u.message(lang)}"
            f"{closing}"
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


def render_diff(diff: ReportDiff, lang: str, out: TextIO) -> None:
    from railkpi.render import table_diff

    table_diff.render_diff(diff, lang, out)
