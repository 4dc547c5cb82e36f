"""Markdown (GitHub-flavoured): the terminal table as text a CI step summary or an issue shows.

Per plan: a heading with the title, a line with baseline, as-of year, target year and
thresholds, one GFM table grouped as the plan groups its targets (each group a bold row), a
count of targets by status and the notes as a list; warnings at the end. The figures are the
terminal table's, formatted by render/display.py, so they round the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TextIO

from railkpi.calc.diff import ReportDiff
from railkpi.calc.filters import NO_FILTER, TargetFilter
from railkpi.calc.findings import AuditResult
from railkpi.calc.results import GrowthRate, TargetResult
from railkpi.messages import pick
from railkpi.messages.audit import AUDIT
from railkpi.messages.outputs import CSV_COLUMN, OUTPUT
from railkpi.messages.series import DIFF, SERIES
from railkpi.messages.words import COLUMN, TEXT
from railkpi.numeric import written
from railkpi.plans.models import Plan, PlanMeta
from railkpi.problems import Problem
from railkpi.read.observation import WorkbookData
from railkpi.render import (
    MilestoneReport,
    Report,
    TemplateWritten,
    diff_words,
    series_words,
)
from railkpi.render import display as fmt
from railkpi.render import milestone_words as steps
from railkpi.render.audit_words import worded
from railkpi.render.listing import published, reading_notes

_NEWLINES = re.compile(r"\r\n|\r|\n")
#: "<" that would open an HTML tag or comment in GitHub's renderer ("<300" stays as written).
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def cell(text: str) -> str:
    """Text that stays inside one table cell and is not read as markup: backslashes and `|`
    escaped, line breaks as <br>, a "<" that would open an HTML tag as &lt;."""
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    text = _TAG_START.sub("&lt;", text)
    return _NEWLINES.sub("<br>", text.strip())


def inline(text: str) -> str:
    """Text on a line of its own (heading, list item): as a cell, with the characters that
    could start emphasis, code, a link or a heading escaped (GFM never reads an underscore
    inside a word as emphasis, so ids like patent_count stay as they are)."""
    return re.sub(r"([*`#\[\]]|(?<!\w)_|_(?!\w))", r"\\\1", cell(text))


def table(header: Sequence[str], right: Sequence[bool], rows: Sequence[Sequence[str]]) -> str:
    lines = [
        "| " + " | ".join(cell(h) for h in header) + " |",
        "|" + "|".join("---:" if r else "---" for r in right) + "|",
    ]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines) + "\n"


def render_assessment(report: Report, lang: str, out: TextIO) -> None:
    out.write(assessment_markdown(report, lang))


def assessment_markdown(report: Report, lang: str) -> str:
    parts: list[str] = []
    as_of = report.assessment.as_of
    count = sum(len(p.targets) for p in report.assessment.plans)
    shown_filter = series_words.filter_line(report.target_filter, count, lang)
    if shown_filter is not None:
        parts.append(f"**{inline(shown_filter)}**\n\n")
    for plan_result in report.assessment.plans:
        plan = plan_result.plan
        meta = plan.plan
        th = plan_result.thresholds
        parts.append(f"## {inline(meta.title(lang))} `{plan.id}`\n\n")
        parts.append(inline(fmt.subtitle(meta, as_of, th, lang)) + "\n\n")
        rows: list[list[str]] = []
        notes: list[str] = []
        header, right = _header(lang)
        step_year = steps.step_year(report.assessment)
        if step_year is not None:
            header, right = [*header, steps.step_header(step_year, lang)], [*right, True]
        for group_id in dict.fromkeys(r.target.group for r in plan_result.targets):
            group = f"**{cell(plan.groups[group_id](lang))}**"
            rows.append([group] + [""] * (len(header) - 1))
            for result in (r for r in plan_result.targets if r.target.group == group_id):
                rows.append(_row(result, meta, as_of, lang) + _step_cell(result, step_year))
                name = inline(fmt.target_name(result, plan_result.targets, lang))
                notes.extend(
                    f"- {name}{fmt.colon(lang)}{inline(fmt.note_text(n.code, n.params, lang))}"
                    for n in result.notes
                )
        parts.append(table(header, right, rows))
        parts.append("\n" + fmt.status_counts(plan_result.targets, lang) + "\n")
        for line in series_words.change_lines(plan_result, as_of, lang):
            parts.append("\n" + inline(line) + "\n")
        legend = steps.step_legend(plan_result.targets, lang)
        if legend:
            parts.append("\n" + inline(legend) + "\n")
        if any(r.method == "linear" for r in plan_result.targets):
            parts.append("\n" + inline(pick(OUTPUT["linear"], lang)) + "\n")
        if notes:
            parts.append(f"\n**{pick(OUTPUT['notes'], lang)}**\n\n" + "\n".join(notes) + "\n")
        parts.append("\n")
    if report.problems:
        parts.append(problems_markdown(report.problems, lang))
    return "".join(parts)


def problems_markdown(problems: Sequence[Problem], lang: str) -> str:
    """Problems as a list under a heading, as `railkpi assess` shows them on a terminal."""
    lines = [f"### {pick(OUTPUT['problems'], lang)}", ""]
    for p in problems:
        location = p.location()
        where = f" {inline(location)}:" if location else ""
        lines.append(
            f"- **{pick(OUTPUT[p.severity], lang)}** `{p.code}`{where} {inline(p.message(lang))}"
        )
    return "\n".join(lines) + "\n\n"


def _row(r: TargetResult, meta: PlanMeta, as_of: int, lang: str) -> list[str]:
    """One target's cells, the terminal table's figures (render/table.py) as Markdown."""
    cells = [cell(text) for text in fmt.summary_cells(r, meta, as_of, lang)]
    # A status judged by the linear method carries a (Markdown-escaped) "*", as in the terminal.
    if r.method == "linear":
        cells[-1] += "\\*"
    before, after = _series_cells(r, lang)
    return [*cells[:-1], *before, cells[-1], *after]


def _step_cell(result: TargetResult, year: int | None) -> list[str]:
    """The step column's cell (年度目标 of the year assessed), where the table has one."""
    return [] if year is None else [cell(steps.check_cell(result.milestone, result.indicator))]


#: The series' columns: 同比 and what is still needed each year before the status, the
#: change mark after it.
MARKDOWN_SERIES = ("col-yoy", "col-needed-per-year")


def _header(lang: str) -> tuple[list[str], list[bool]]:
    """The assessment table's headers and which are right-aligned, the series' included."""
    heads = [pick(OUTPUT[key], lang) for key, _ in fmt.SUMMARY_COLUMNS]
    right = [r for _, r in fmt.SUMMARY_COLUMNS]
    series = [pick(SERIES[key], lang) for key in MARKDOWN_SERIES]
    return ([*heads[:-1], *series, heads[-1], pick(SERIES["col-change"], lang)],
            [*right[:-1], *(True for _ in series), right[-1], False])


def _series_cells(r: TargetResult, lang: str) -> tuple[list[str], list[str]]:
    """A target's series cells: (before the status, after it)."""
    cells = series_words.summary_cells(r)
    return [cell(cells[key]) for key in MARKDOWN_SERIES], [
        cell(series_words.change_mark(r, lang))]


def render_targets(plans: Sequence[Plan], lang: str, out: TextIO,
                   target_filter: TargetFilter = NO_FILTER) -> None:
    """Per plan a heading and a table: target id, indicator, the target, the plan's wording
    (and the plan file's own annual steps where it sets any); then the figures the plan
    publishes and the plan's notes on how it was read (the filter that narrowed the list, if
    any, above them)."""
    line = series_words.filter_line(target_filter, sum(len(p.targets) for p in plans), lang)
    if line is not None:
        out.write(f"**{inline(line)}**\n\n")
    for plan in plans:
        out.write(f"## {inline(plan.plan.title(lang))} `{plan.id}`\n\n")
        own_steps = any(t.milestones for t in plan.targets)
        rows = []
        for target in plan.targets:
            indicator = plan.indicators[target.indicator]
            rows.append([
                f"`{target.id}`",
                cell(fmt.indicator_with_unit(indicator, lang)),
                cell(fmt.listing_target(plan, target, lang)),
                cell(fmt.quote(target, lang)),
                *([cell(steps.plan_steps_text(target, indicator, lang))] if own_steps else []),
            ])
        keys = ("id", "indicator", "target", "quote", *(("milestones",) if own_steps else ()))
        header = [pick(COLUMN[k], lang) for k in keys]
        out.write(table(header, [False, False, True, False, False][:len(keys)], rows) + "\n")
        figures = [
            [f"`{row.where}`", cell(fmt.indicator_with_unit(row.indicator, lang)),
             cell(row.years), cell(row.figure), cell(fmt.quote(row.entry, lang))]
            for row in published(plan, lang)
        ]
        if figures:
            out.write(f"### {inline(pick(TEXT['published'], lang))}\n\n")
            header = [pick(COLUMN[k], lang) for k in ("where", "indicator", "years", "figure",
                                                      "quote")]
            out.write(table(header, [False, False, False, True, False], figures) + "\n")
        notes = reading_notes(plan, lang)
        if notes:
            out.write(f"**{pick(OUTPUT['notes'], lang)}**\n\n" + "".join(
                f"- `{where}`: {inline(note)}\n" for where, note in notes) + "\n")


def render_milestones(report: MilestoneReport, lang: str, out: TextIO) -> None:
    """`railkpi milestones`: per plan a heading, the line of method and start, a table of the
    targets' steps (a column per year), the notes and the formula."""
    decomposition = report.decomposition
    shown_filter = report.filter_line(lang)
    if shown_filter is not None:
        out.write(f"**{inline(shown_filter)}**\n\n")
    for plan_paths in decomposition.plans:
        plan, meta = plan_paths.plan, plan_paths.plan.plan
        out.write(f"## {inline(meta.title(lang))} `{plan.id}`\n\n")
        out.write(inline(steps.subtitle(decomposition, meta, lang)) + "\n\n")
        years = steps.step_years(plan_paths)
        rows: list[list[str]] = []
        notes: list[str] = []
        targets = [path.target for path in plan_paths.targets]
        for group_id in dict.fromkeys(t.group for t in plan.targets):
            rows.append([f"**{cell(plan.groups[group_id](lang))}**"] + [""] * (2 + len(years)))
            for path in (p for p in plan_paths.targets if p.target.group == group_id):
                rows.append([cell(c) for c in steps.path_row(path, meta, years, lang)])
                name = inline(fmt.named(path.target, path.indicator, targets, lang))
                notes += [f"- {name}{fmt.colon(lang)}"
                          f"{inline(fmt.note_text(n.code, n.params, lang))}" for n in path.notes]
        header = steps.headers(years, lang)
        out.write(table(header, [False] + [True] * (len(header) - 1), rows) + "\n")
        notes.append(f"- {inline(steps.formula(decomposition, lang))}")
        out.write(f"**{pick(OUTPUT['notes'], lang)}**\n\n" + "\n".join(notes) + "\n\n")
    if report.problems:
        out.write(problems_markdown(report.problems, lang))


def render_audit(result: AuditResult, lang: str, out: TextIO) -> None:
    """`railkpi audit`: a table of findings with their explanation, then what was not checked."""
    audit = worded(result, lang)
    findings, unchecked = audit.findings, audit.unchecked
    out.write(f"## {inline(pick(AUDIT['title'], lang))}\n\n")
    if not findings:
        out.write(inline(pick(AUDIT["no-findings"], lang)) + "\n\n")
    else:
        header = ["#", *(pick(AUDIT[k], lang) for k in (
            "col-code", "col-plan", "col-indicator")), pick(OUTPUT["audit-years"], lang), *(
            pick(AUDIT[k], lang) for k in ("col-stated", "col-computed", "col-other",
                                           "col-message"))]
        rows = [
            [str(n), f"`{f.code}`", cell(f.plan), cell(f.indicator_name),
             cell(f.years_text), cell(f.stated_text),
             cell(f.computed_text), cell(f.other_text), cell(f.message(lang))]
            for n, f in enumerate(findings, 1)
        ]
        out.write(table(header, [True, False, False, False, False, True, True, True, False],
                        rows) + "\n")
    if unchecked:
        out.write(f"### {pick(OUTPUT['audit-unchecked-heading'], lang)}\n\n")
        for u in unchecked:
            out.write(f"- {inline(u.plan)} {inline(u.indicator_name)} {u.years[0]}-{u.years[1]}: "
                      f"{inline(u.message(lang))}\n")
        out.write("\n")


#: Where a figure read from a workbook comes from.
ORIGIN = {"data": TEXT["source_data"], "roster": TEXT["source_roster"]}


def render_validation(workbook: WorkbookData, lang: str, out: TextIO) -> None:
    """`railkpi validate`: the summary line, a table of every figure read (its qualifier, the
    unit it was given in, its cell or the roster it was derived from), then the warnings."""
    out.write(inline(fmt.validation_line(workbook, lang)) + "\n\n")
    if workbook.observations:
        keys = ("indicator", "year", "figure", "unit_given", "origin", "where")
        rows = [[f"`{o.indicator}`", str(o.year), cell(o.figure().label(written(o.value))),
                 cell(o.unit or ""), pick(ORIGIN[o.origin], lang), cell(o.where)]
                for o in workbook.observations]
        header = [pick(CSV_COLUMN[k], lang) for k in keys]
        out.write(table(header, [False, True, True, False, False, False], rows) + "\n")
    if workbook.warnings:
        out.write(problems_markdown(workbook.warnings, lang))


def render_names(plans: Sequence[Plan], lang: str, out: TextIO) -> None:
    """`--names`: per plan a heading and a table of its indicators' accepted names."""
    for plan in plans:
        out.write(f"## {inline(plan.plan.title(lang))} `{plan.id}`\n\n")
        rows = [[f"`{key}`", cell(fmt.indicator_with_unit(indicator, lang)),
                 cell("; ".join(fmt.accepted_names(key, indicator)))]
                for key, indicator in plan.indicators.items()]
        header = [pick(COLUMN[k], lang) for k in ("id", "indicator", "names")]
        out.write(table(header, [False, False, False], rows) + "\n")


def render_plans(plans: Sequence[Plan], lang: str, out: TextIO) -> None:
    """`railkpi plans`: the plans' table, as the terminal shows it."""
    rows = [[f"`{p.id}`", cell(p.plan.title(lang)), f"{p.plan.period[0]}-{p.plan.period[1]}",
             str(p.plan.baseline_year), str(len(p.targets)), cell(p.plan.document or "—")]
            for p in plans]
    header = [pick(COLUMN[k], lang)
              for k in ("id", "name", "period", "baseline_year", "targets", "document")]
    out.write(table(header, [False, False, False, True, True, False], rows) + "\n")


def render_template(written: TemplateWritten, lang: str, out: TextIO) -> None:
    out.write(inline(fmt.template_line(written, lang)) + "\n")
    line = series_words.filter_text(written.target_filter, lang)
    if line:
        out.write("\n" + inline(pick(SERIES["filter-template"], lang).format(filters=line))
                  + "\n")


def render_rate(rate: GrowthRate, lang: str, out: TextIO) -> None:
    out.write(inline(fmt.rate_line(rate, lang)) + "\n")


def render_diff(diff: ReportDiff, lang: str, out: TextIO) -> None:
    """`railkpi diff`: a heading, then per section a table (or a line where there is none)."""
    out.write(f"## {inline(diff_words.title(diff, lang))}\n\n")
    for heading, none, keys, rows in diff_words.sections(diff, lang):
        out.write(f"### {inline(pick(DIFF[heading], lang))}\n\n")
        if not rows:
            out.write(inline(pick(DIFF[none or heading], lang)) + "\n\n")
            continue
        right = [key in ("col-year", "col-old-value", "col-new-value") for key in keys]
        out.write(table(diff_words.heads(keys, lang), right,
                        [[cell(c) for c in row] for row in rows]) + "\n")
        if heading == "status-changes" and diff.unchanged:
            out.write(inline(pick(DIFF["unchanged"], lang).format(count=diff.unchanged))
                      + "\n\n")
    for line in diff_words.notes(diff, lang):
        out.write(f"> {inline(line)}\n\n")


def render_refusal(problems: Sequence[Problem], lang: str, out: TextIO) -> None:
    """Nothing on standard output: the problems are on standard error (and in the GitHub step
    summary, for `assess`)."""
