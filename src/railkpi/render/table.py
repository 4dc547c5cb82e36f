"""Terminal tables: one table per plan, grouped as the plan groups its targets.

Status is a word as well as a colour, so the table reads the same in CI logs, through pipes
and with NO_COLOR. Numbers are right-aligned and never wrapped.

The listings (`plans`, `targets`, `--names`) are laid out without rich (render/plain_listing.py)
and this module imports rich only inside the outputs that use it, so that listing the plans
never loads it (tests/test_startup.py); the other outputs print through rich's console.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from railkpi.calc.filters import NO_FILTER, TargetFilter
from railkpi.messages import pick
from railkpi.messages.outputs import OUTPUT
from railkpi.messages.series import SERIES
from railkpi.plans.models import Plan
from railkpi.problems import Problem
from railkpi.render import (
    MilestoneReport,
    Report,
    TemplateWritten,
    plain_listing,
    series_words,
)
from railkpi.render import display as fmt
from railkpi.render.plain_terminal import plain_width as plain_width

if TYPE_CHECKING:  # the audit and diff outputs import their modules when they run
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from railkpi.calc.diff import ReportDiff
    from railkpi.calc.findings import AuditResult
    from railkpi.calc.results import GrowthRate
    from railkpi.read.observation import WorkbookData

def console(out: TextIO) -> Console:
    """rich's console on `out` (render/terminal.py), imported by the outputs that print
    through it."""
    from railkpi.render import terminal

    return terminal.console(out)


def paragraph(con: Console, text: str, style: str = "", first: str = "",
              rest: str = "") -> None:
    """terminal.paragraph: `text` wrapped to the console's width."""
    from railkpi.render import terminal

    terminal.paragraph(con, text, style, first, rest)


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
    from railkpi.render.milestone_table import print_steps
    con = console(out)
    line = report.filter_line(lang)
    if line is not None:
        paragraph(con, line, "bold")
        con.print()
    print_steps(report.decomposition, lang, con)
    if report.problems:
        render_problems(report.problems, lang, out)


def render_targets(plans: Sequence[Plan], lang: str, out: TextIO,
                   target_filter: TargetFilter = NO_FILTER) -> None:
    """Per plan: its targets with their wording, the figures it publishes, then its notes
    (render/plain_listing.py)."""
    plain_listing.render_targets(plans, lang, out, target_filter)


def render_names(plans: Sequence[Plan], lang: str, out: TextIO) -> None:
    """`--names`: per plan, each indicator's id and every label a workbook row may use."""
    plain_listing.render_names(plans, lang, out)


def render_plans(plans: Sequence[Plan], lang: str, out: TextIO) -> None:
    plain_listing.render_plans(plans, lang, out)


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
    from rich.text import Text

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
    from rich import box
    from rich.table import Table
    from rich.text import Text

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
    from rich.table import Table

    grid = Table.grid(padding=(0, 1), pad_edge=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    for mark, text in rows:
        grid.add_row(mark, text)
    return grid


def render_diff(diff: ReportDiff, lang: str, out: TextIO) -> None:
    from railkpi.render import table_diff

    table_diff.render_diff(diff, lang, out)
