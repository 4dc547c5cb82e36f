"""Terminal tables (rich): one table per plan, grouped as the plan groups its targets.

Status is a word as well as a colour, so the table reads the same in CI logs, through pipes
and with NO_COLOR. Numbers are right-aligned and never wrapped.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from railkpi.calc.findings import AuditResult
from railkpi.calc.results import GrowthRate, PlanResult, TargetResult
from railkpi.messages import pick
from railkpi.messages.outputs import OUTPUT
from railkpi.messages.words import COLUMN, TEXT
from railkpi.plans.models import Plan
from railkpi.problems import Problem
from railkpi.read.observation import WorkbookData
from railkpi.render import Report, TemplateWritten
from railkpi.render import display as fmt
from railkpi.render.audit_words import worded
from railkpi.render.listing import published, reading_notes
from railkpi.render.table_fit import fit, wrap

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
#: The labels of a target's lines when the table prints as blocks: the full words, where the
#: table's headers are shortened to fit a column.
BLOCK_LABEL = {
    "col-baseline": COLUMN["baseline"],
    "col-latest": COLUMN["latest"],
    "col-target": COLUMN["target"],
    "col-gap": COLUMN["gap"],
    "col-completion": COLUMN["completion"],
    "col-time": COLUMN["time_elapsed"],
    "col-cagr": COLUMN["actual_cagr"],
    "col-needed": COLUMN["required_cagr_from_latest"],
    "col-status": COLUMN["status"],
}
#: Width used when output is not a terminal (a pipe, a CI log): wide enough for every column.
PLAIN_WIDTH = 100


def console(out: TextIO) -> Console:
    is_terminal = out.isatty()
    return Console(
        file=out,
        width=None if is_terminal else plain_width(),
        no_color=bool(os.environ.get("NO_COLOR")) or not is_terminal,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )


def plain_width() -> int:
    """The width for output that is not a terminal: $COLUMNS when it is a number, else 100."""
    columns = os.environ.get("COLUMNS", "").strip()
    return int(columns) if columns.isdigit() and int(columns) > 0 else PLAIN_WIDTH


def _stacked(head: str, lang: str) -> str:
    """A header on two lines, so that a column is as narrow as its figures."""
    if lang == "zh":
        return f"{head[:2]}\n{head[2:]}" if len(head) > 3 else head
    return head.replace(" ", "\n", 1)


def render_assessment(report: Report, lang: str, out: TextIO) -> None:
    con = console(out)
    as_of = report.assessment.as_of
    for plan_result in report.assessment.plans:
        meta = plan_result.plan.plan
        paragraph(con, f"{meta.title(lang)} [{plan_result.plan.id}]", "bold")
        paragraph(con, fmt.subtitle(meta, as_of, plan_result.thresholds, lang), "dim")
        _plan_table(con, plan_result, as_of, lang)
        paragraph(con, fmt.status_counts(plan_result.targets, lang), "dim")
        if any(r.method == "linear" for r in plan_result.targets):
            paragraph(con, pick(OUTPUT["linear"], lang), "dim")
        for r in plan_result.targets:
            name = fmt.target_name(r, plan_result.targets, lang)
            for n in r.notes:
                note = fmt.note_text(n.code, n.params, lang)
                paragraph(con, f"{name}{fmt.colon(lang)}{note}", "dim", first="  · ",
                          rest="    ")
        con.print()
    if report.problems:
        render_problems(report.problems, lang, out)


def paragraph(con: Console, text: str, style: str = "", first: str = "",
              rest: str = "") -> None:
    """`text` wrapped to the console's width by table_fit.wrap (Chinese between characters,
    English at spaces), its first line after `first`, the others after `rest`."""
    indent = max(cell_len(first), cell_len(rest))
    for number, line in enumerate(wrap(text, max(con.width - indent, 1))):
        con.print(Text(rest if number else first).append(line, style=style))


def _plan_table(con: Console, plan_result: PlanResult, as_of: int, lang: str) -> None:
    """One plan's targets, grouped as the plan groups them, as a table that fits the width
    (render/table_fit.py) or, where none fits, as a block per target."""
    keys = [key for key, _ in fmt.SUMMARY_COLUMNS]
    right = dict(fmt.SUMMARY_COLUMNS)
    heads = [pick(OUTPUT[key], lang) for key in keys]
    heads[1:-1] = [_stacked(head, lang) for head in heads[1:-1]]
    # The status word with its "*" (linear method), so that its column is wide enough.
    # A ratio's base year on a line of its own keeps the target column narrow.
    rows = [[*fmt.summary_cells(r, plan_result.plan.plan, as_of, lang, apart=True)[:-1],
             fmt.marked_status(r, lang)] for r in plan_result.targets]
    groups = _groups(plan_result, lang)
    layout = fit(keys, heads, rows, con.width, [group for group, _ in groups])
    if layout.blocks:  # a line per figure: the target on one line, its base year after it
        _blocks(con, plan_result, keys, [
            [*fmt.summary_cells(r, plan_result.plan.plan, as_of, lang)[:-1],
             fmt.marked_status(r, lang)] for r in plan_result.targets], lang)
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=(0, 1),
                  collapse_padding=True)
    columns = [keys.index(key) for key in layout.shown]
    name_width = layout.widths[0]
    for index, width in zip(columns, layout.widths, strict=True):
        head = heads[index] if index else "\n".join(wrap(heads[index], name_width))
        table.add_column(head, width=width, no_wrap=True,
                         justify="right" if right[keys[index]] else "left")
    by_target = dict(zip((r.target.id for r in plan_result.targets), rows, strict=True))
    for group, results in groups:
        table.add_row(Text("\n".join(wrap(group, name_width)), style="bold"))
        for result in results:
            cells = by_target[result.target.id]
            shown: list[Text | str] = [
                "\n".join(wrap(cells[0], name_width)),
                *(cells[i] for i in columns[1:-1]),
                _status(result, lang),
            ]
            table.add_row(*shown)
    con.print(table)
    if layout.left_out:
        left_out = pick(OUTPUT["list-separator"], lang).join(
            pick(OUTPUT[key], lang) for key in layout.left_out)
        paragraph(con, pick(OUTPUT["left-out"], lang).format(columns=left_out,
                                                             width=con.width), "dim")


def _blocks(con: Console, plan_result: PlanResult, keys: Sequence[str],
            rows: Sequence[Sequence[str]], lang: str) -> None:
    """Each target as a name line and a `label: value` line per figure, for narrow widths."""
    by_target = dict(zip((r.target.id for r in plan_result.targets), rows, strict=True))
    labels = [pick(BLOCK_LABEL.get(key, OUTPUT[key]), lang) for key in keys]
    for group, results in _groups(plan_result, lang):
        paragraph(con, group, "bold underline")
        for result in results:
            cells = by_target[result.target.id]
            paragraph(con, cells[0], "bold")
            for label, value in zip(labels[1:-1], cells[1:-1], strict=True):
                paragraph(con, f"{label}{fmt.colon(lang)}{value}", first="  ", rest="    ")
            line = Text(f"  {labels[-1]}{fmt.colon(lang)}")
            con.print(line.append_text(_status(result, lang)))


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


def _listing(headers: Sequence[tuple[str, dict[str, Any]]], lang: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=(0, 1),
                  collapse_padding=True)
    for key, options in headers:
        table.add_column(pick(COLUMN[key], lang), **options)
    return table


def render_targets(plans: Sequence[Plan], lang: str, out: TextIO) -> None:
    """Per plan: its targets with their wording, the figures it publishes, then its notes."""
    con = console(out)
    wording: dict[str, Any] = {"ratio": 2, "overflow": "fold"}
    for plan in plans:
        con.print(Text(f"{plan.plan.title(lang)} [{plan.id}]", style="bold"))
        table = _listing([("id", {"no_wrap": True}),
                          ("indicator", {"ratio": 1, "overflow": "fold"}),
                          ("target", {"justify": "right", "no_wrap": True}), ("quote", wording)],
                         lang)
        for target in plan.targets:
            indicator = plan.indicators[target.indicator]
            table.add_row(target.id, fmt.indicator_with_unit(indicator, lang),
                          fmt.listing_target(plan, target, lang), fmt.quote(target, lang))
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
