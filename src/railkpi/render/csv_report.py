"""CSV: one row per target, for spreadsheets and scripts.

- Headers in the run's language (messages.CSV_COLUMN); one row per target, plans in order.
- Numbers as the JSON report has them: unrounded, floats by Python's shortest round-trip repr,
  rates as fractions (0.0816), an undefined figure as an empty cell.
- UTF-8 with a byte-order mark, so that Excel opens Chinese text correctly on a double click;
  rows end in CRLF and cells are quoted where needed (RFC 4180, the csv module).
- Formula injection (OWASP "CSV Injection"): a text cell starting with = + - @, a tab, a
  carriage return or NUL (or their full-width forms ＝ ＋ － ＠) gets a leading single quote, so
  a spreadsheet shows it as text instead of evaluating it. Numbers railkpi writes itself are not
  touched: a gap of -12.6 stays the number -12.6.
- Warnings go to standard error, so that standard output stays one CSV table.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterable, Sequence
from typing import TextIO

from railkpi.calc.diff import ReportDiff
from railkpi.calc.filters import NO_FILTER, TargetFilter
from railkpi.calc.findings import AuditResult
from railkpi.calc.milestones import TargetPath
from railkpi.calc.results import (
    GrowthRate,
    MilestoneCheck,
    Point,
    Step,
    TargetResult,
    TargetSeries,
)
from railkpi.messages import pick
from railkpi.messages.audit import AUDIT
from railkpi.messages.outputs import CSV_COLUMN, OUTPUT
from railkpi.messages.series import DIFF
from railkpi.numeric import written
from railkpi.plans.models import Plan
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

BOM = "\ufeff"
#: First characters that make a spreadsheet read a cell as a formula (OWASP; ASVS adds NUL).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0", "＝", "＋", "－", "＠")

ASSESSMENT_COLUMNS = (
    "plan", "group", "group_name", "target", "indicator", "indicator_name", "unit", "kind", "op",
    "target_value", "target_min", "target_max", "target_year",
    "baseline_year", "baseline_value", "baseline_qualifier", "baseline_source",
    "latest_year", "latest_value", "latest_qualifier", "latest_source",
    "gap", "completion", "time_elapsed", "actual_cagr", "required_cagr",
    "required_cagr_from_latest", "growth_ratio", "projected", "projected_year", "method",
    "status", "status_word", "approximate", "notes", "quote", "target_text",
    # the series (calc/series.py), after the columns scripts already read by position
    "yoy_growth", "needed_per_year", "previous_status", "change", "timeline",
    # the step of the year assessed (年度目标), where the target has one
    "step_year", "step_value", "step_op", "step_min", "step_max", "step_met", "step_gap",
    "step_source",
)
TARGET_COLUMNS = (
    "plan", "target", "indicator", "indicator_name", "unit", "kind", "op", "value",
    "target_min", "target_max", "target_year", "milestones", "quote", "target_text", "notes",
)
#: `railkpi milestones --format csv`: one row per step (a target without steps: one row
#: without a year, its notes saying why).
MILESTONE_COLUMNS = (
    "plan", "group", "target", "indicator", "indicator_name", "unit", "kind", "path_method",
    "start_year", "start_value", "start_qualifier", "start_source", "target_value",
    "target_year", "year", "step_value", "step_op", "step_min", "step_max", "previous_year",
    "step_approximate", "notes",
)


def text(value: str | None) -> str:
    """A text cell, neutralised against formula injection; None is an empty cell."""
    if value is None:
        return ""
    return "'" + value if value.startswith(FORMULA_START) else value


def num(value: float | int | None) -> str:
    """A number railkpi computed: unrounded (repr of a float), empty when undefined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    # + 0.0: a −0.0 (from a cell written "-0") prints as 0.0, as in the JSON report.
    return repr(value + 0.0) if isinstance(value, float) else str(value)


def header(keys: Sequence[str], lang: str) -> list[str]:
    return [pick(CSV_COLUMN[k], lang) for k in keys]


def write_rows(out: TextIO, rows: Iterable[Sequence[str]]) -> None:
    """The byte-order mark, then the rows, quoted per RFC 4180.

    Where the stream has a byte buffer (standard output), the UTF-8 bytes go to it directly:
    the file is UTF-8 with CRLF whatever the console's code page, and Windows' newline
    translation does not turn CRLF into CR CR LF.
    """
    text_ = io.StringIO()
    csv.writer(text_, lineterminator="\r\n").writerows(rows)
    document = BOM + text_.getvalue()
    raw = getattr(out, "buffer", None)
    if raw is None:
        out.write(document)
        return
    out.flush()
    raw.write(document.encode("utf-8"))
    raw.flush()


def render_assessment(report: Report, lang: str, out: TextIO) -> None:
    rows: list[Sequence[str]] = [header(ASSESSMENT_COLUMNS, lang)]
    for plan_result in report.assessment.plans:
        plan = plan_result.plan
        rows.extend([*_row(r, plan, lang), *_series_row(r), *_step_check(r.milestone)]
                    for r in plan_result.targets)
    write_rows(out, with_filter(rows, report.target_filter, lang))
    if report.problems:
        from railkpi.render.table import render_problems

        render_problems(report.problems, lang, sys.stderr)


def _figure(p: Point | None) -> list[str]:
    if p is None:
        return ["", "", "", ""]
    return [num(p.year), num(p.value), text(p.figure.qualifier), text(p.source)]


def _row(r: TargetResult, plan: Plan, lang: str) -> list[str]:
    ind = r.indicator
    single = r.target_value if isinstance(r.target_value, float) else None
    low, high = r.target_value if isinstance(r.target_value, tuple) else (None, None)
    separator = "；" if lang == "zh" else "; "
    notes = separator.join(fmt.note_text(n.code, n.params, lang) for n in r.notes)
    return [
        text(plan.id),
        text(r.target.group),
        text(plan.groups[r.target.group](lang)),
        text(r.target.id),
        text(r.target.indicator),
        text(fmt.name(ind, lang)),
        text(fmt.unit(ind, lang)),
        text(r.target.kind),
        text(r.target.op),
        num(single),
        num(low),
        num(high),
        num(r.target_year),
        *_figure(r.baseline),
        *_figure(r.latest),
        num(r.gap),
        num(r.completion),
        num(r.time_elapsed),
        num(r.actual_cagr),
        num(r.required_cagr),
        num(r.required_cagr_from_latest),
        num(r.growth_ratio),
        num(r.projected),
        num(r.projected_year),
        text(r.method),
        text(r.status),
        text(fmt.status(r, lang)),
        num(r.approximate),
        text(notes),
        text(fmt.quote(r.target, lang)),
        text(fmt.resolved_target(r, lang)),
    ]


def _step_check(check: MilestoneCheck | None) -> list[str]:
    """The step of the year assessed: year, value, op, min, max, met, gap, source."""
    if check is None:
        return [""] * 8
    step = check.step
    return [num(check.year), num(step.value), text(step.op), num(step.low), num(step.high),
            num(check.met), num(check.gap), text(check.source)]


def _series_row(r: TargetResult) -> list[str]:
    """The series' cells: 同比, still needed a year, the status the year before, the change,
    the timeline as 'YEAR:status' words ('2021:on_track 2022:moderate')."""
    series = r.series or TargetSeries()
    timeline = " ".join(f"{y.year}:{y.status}" for y in series.timeline)
    return [num(series.yoy_growth), num(series.needed_per_year), text(series.previous_status),
            text(series.change), text(timeline)]


def with_filter(rows: list[Sequence[str]], target_filter: TargetFilter,
                lang: str) -> list[Sequence[str]]:
    """A report narrowed by --target, --indicator or --group says so in a last column, on
    every row (a CSV has no other place that stays with the data); none when not narrowed."""
    if not target_filter.applied:
        return rows
    shown = text(series_words.filter_text(target_filter, lang))
    return [[*rows[0], *header(("filter",), lang)], *([*row, shown] for row in rows[1:])]


def render_targets(plans: Sequence[Plan], lang: str, out: TextIO,
                   target_filter: TargetFilter = NO_FILTER) -> None:
    """One row per target as the plan states it (value is Δ for change, k for ratio, …)."""
    rows: list[Sequence[str]] = [header(TARGET_COLUMNS, lang)]
    for plan in plans:
        for t in plan.targets:
            ind = plan.indicators[t.indicator]
            rows.append([
                text(plan.id), text(t.id), text(t.indicator), text(fmt.name(ind, lang)),
                text(fmt.unit(ind, lang)), text(t.kind), text(t.op), num(t.value), num(t.min),
                num(t.max), num(t.year), text(steps.plan_steps_text(t, ind, lang, written)),
                text(fmt.quote(t, lang)), text(fmt.stated_target(plan, t, lang)),
                text(t.note(lang) if t.note else None),
            ])
    write_rows(out, with_filter(rows, target_filter, lang))


def render_milestones(report: MilestoneReport, lang: str, out: TextIO) -> None:
    """`railkpi milestones`: one row per step, numbers unrounded; warnings to standard error."""
    rows: list[Sequence[str]] = [header(MILESTONE_COLUMNS, lang)]
    for plan_paths in report.decomposition.plans:
        for path in plan_paths.targets:
            first = _path_cells(plan_paths.plan, path, lang)
            notes = ("；" if lang == "zh" else "; ").join(
                fmt.note_text(n.code, n.params, lang) for n in path.notes)
            rows.extend([*first, *_step_cells(s), text(notes)]
                        for s in (path.steps or (None,)))
    write_rows(out, with_filter(rows, report.target_filter, lang))
    if report.problems:
        from railkpi.render.table import render_problems

        render_problems(report.problems, lang, sys.stderr)


def _path_cells(plan: Plan, path: TargetPath, lang: str) -> list[str]:
    target, ind = path.target, path.indicator
    return [text(plan.id), text(target.group), text(target.id), text(target.indicator),
            text(fmt.name(ind, lang)), text(fmt.unit(ind, lang)), text(target.kind),
            text(path.method), *_figure(path.start),
            num(path.target_value), num(target.year)]


def _step_cells(step: Step | None) -> list[str]:
    if step is None:
        return [""] * 7
    return [num(step.year), num(step.value), text(step.op), num(step.low), num(step.high),
            num(step.previous_year), num(step.approximate)]


def _stated(value: float | str | None) -> str:
    return num(value) if isinstance(value, float | int) else text(value)


def render_audit(result: AuditResult, lang: str, out: TextIO) -> None:
    """`railkpi audit`: one row per finding, then one per stated figure that was not checked."""
    audit = worded(result, lang)
    findings, unchecked = audit.findings, audit.unchecked
    head = [pick(OUTPUT["audit-type"], lang)] + [pick(AUDIT[k], lang) for k in (
        "col-code", "col-plan", "col-indicator")] + [pick(OUTPUT["audit-years"], lang)] + [
        pick(AUDIT[k], lang) for k in ("col-stated", "col-computed", "col-other",
                                        "col-message")]
    rows: list[Sequence[str]] = [head]
    rows.extend(
        [text(pick(OUTPUT["audit-finding"], lang)), text(f.code), text(f.plan),
         text(f.indicator), f.years_text, _stated(f.stated),
         _stated(f.computed), _stated(f.other), text(f.message(lang))]
        for f in findings
    )
    rows.extend(
        [text(pick(OUTPUT["audit-unchecked"], lang)), text(u.kind), text(u.plan),
         text(u.indicator), f"{u.years[0]}-{u.years[1]}", "", "", "", text(u.message(lang))]
        for u in unchecked
    )
    write_rows(out, rows)


OBSERVATION_COLUMNS = (
    "indicator", "year", "figure", "qualifier", "lower", "upper", "lower_inclusive",
    "upper_inclusive", "unit_given", "origin", "where", "source_note", "note",
)


def render_validation(workbook: WorkbookData, lang: str, out: TextIO) -> None:
    """`railkpi validate`: one row per figure read, as the JSON report's `observations` hold
    them (bounds only for a qualified figure); warnings to standard error."""
    rows: list[Sequence[str]] = [header(OBSERVATION_COLUMNS, lang)]
    for o in workbook.observations:
        qualified = o.qualifier is not None
        rows.append([
            text(o.indicator), num(o.year), num(o.value), text(o.qualifier),
            num(o.lower if qualified else None), num(o.upper if qualified else None),
            num(o.lower_inclusive if qualified else None),
            num(o.upper_inclusive if qualified else None), text(o.unit), text(o.origin),
            text(o.where), text(o.source_note), text(o.note),
        ])
    write_rows(out, rows)
    if workbook.warnings:
        from railkpi.render.table import render_problems

        render_problems(workbook.warnings, lang, sys.stderr)


def render_plans(plans: Sequence[Plan], lang: str, out: TextIO) -> None:
    keys = ("plan", "title", "period_start", "period_end", "baseline_year", "targets",
            "document")
    rows: list[Sequence[str]] = [header(keys, lang)]
    rows.extend([text(p.id), text(p.plan.title(lang)), num(p.plan.period[0]),
                 num(p.plan.period[1]), num(p.plan.baseline_year), num(len(p.targets)),
                 text(p.plan.document)] for p in plans)
    write_rows(out, rows)


def render_names(plans: Sequence[Plan], lang: str, out: TextIO) -> None:
    """`--names`: one row per indicator of each plan, its accepted names joined by '; '."""
    rows: list[Sequence[str]] = [header(("plan", "indicator", "indicator_name", "unit",
                                         "names"), lang)]
    rows.extend([text(p.id), text(key), text(indicator.name(lang)),
                 text(fmt.unit(indicator, lang)),
                 text("; ".join(fmt.accepted_names(key, indicator)))]
                for p in plans for key, indicator in p.indicators.items())
    write_rows(out, rows)


def render_template(written: TemplateWritten, lang: str, out: TextIO) -> None:
    rows: list[Sequence[str]] = [header(("file", "indicators", "first_year", "last_year"), lang)]
    rows.append([text(written.path), num(written.indicators), num(written.years[0]),
                 num(written.years[1])])
    write_rows(out, with_filter(rows, written.target_filter, lang))


def render_rate(rate: GrowthRate, lang: str, out: TextIO) -> None:
    """One column, the rate as a fraction (empty where undefined)."""
    column = "cagr" if rate.kind == "cagr" else "required_cagr_now"
    write_rows(out, [header((column,), lang), [num(rate.rate)]])


DIFF_COLUMNS = ("section", "plan", "target", "indicator", "indicator_name", "year", "old",
                "new", "change", "old_source", "new_source")


def render_diff(diff: ReportDiff, lang: str, out: TextIO) -> None:
    """`railkpi diff`: one row per status change, target added or removed and revised figure;
    statuses as codes, figures as numbers (with their qualifier in the change column)."""
    rows: list[Sequence[str]] = [header(DIFF_COLUMNS, lang)]
    section = {key: pick(DIFF[f"section-{key}"], lang)
               for key in ("status", "added", "removed", "revision")}
    for c in diff.status_changes:
        rows.append([text(section["status"]), text(c.ref.plan), text(c.ref.target),
                     text(c.ref.indicator), text(diff_words.name(c.ref, lang)), "",
                     text(c.old), text(c.new), text(c.change), "", ""])
    for key, entries in (("added", diff.added), ("removed", diff.removed)):
        for p in entries:
            old, new = ("", p.status) if key == "added" else (p.status, "")
            rows.append([text(section[key]), text(p.ref.plan), text(p.ref.target),
                         text(p.ref.indicator), text(diff_words.name(p.ref, lang)), "",
                         text(old), text(new), "", "", ""])
    for r in diff.revisions:
        rows.append([text(section["revision"]), text(", ".join(r.plans)), "",
                     text(r.indicator), text(diff_words.revision_name(r, lang)),
                     num(r.year), num(r.old.value if r.old else None),
                     num(r.new.value if r.new else None), text(r.kind),
                     text(diff_words.source(r.old, lang)), text(diff_words.source(r.new, lang))])
    write_rows(out, rows)


def render_refusal(problems: Sequence[Problem], lang: str, out: TextIO) -> None:
    """Nothing on standard output: the problems are on standard error."""
