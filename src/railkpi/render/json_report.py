"""JSON: the versioned machine-readable report (docs/report-format.md).

Keys are stable; numbers are unrounded; the same inputs give byte-identical output.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from railkpi import __version__
from railkpi.calc.filters import NO_FILTER, TargetFilter
from railkpi.calc.results import (
    GrowthRate,
    MilestoneCheck,
    PlanResult,
    Point,
    Step,
    TargetResult,
    TargetSeries,
)
from railkpi.calc.series import figures_used
from railkpi.plans.models import Plan, Quoted, Target, Text
from railkpi.plans.steps import step_op, upward
from railkpi.problems import Problem
from railkpi.read.observation import WorkbookData
from railkpi.render import MilestoneReport, Report, TemplateWritten
from railkpi.render.display import accepted_names, note_text, unit
from railkpi.render.json_common import dump, problem_entry

SCHEMA = "railkpi.assessment/1"
MILESTONES_SCHEMA = "railkpi.milestones/1"

if TYPE_CHECKING:  # the audit, diff and milestone outputs import theirs when they run
    from railkpi.calc.diff import ReportDiff
    from railkpi.calc.findings import AuditResult
    from railkpi.calc.milestones import TargetPath


def render_validation(workbook: WorkbookData, lang: str, out: TextIO) -> None:
    """`railkpi validate`: the sheets' layouts, every observation, the warnings."""
    dump({
        "file": workbook.file,
        "layouts": workbook.layouts,
        "observations": [o.model_dump(exclude_defaults=True) for o in workbook.observations],
        "problems": [problem_entry(p, lang) for p in workbook.warnings],
    }, out)


def render_plans(plans: Sequence[Plan], lang: str, out: TextIO) -> None:
    dump({"plans": [
        {"id": p.id, "title": _text(p.plan.title), "period": list(p.plan.period),
         "baseline_year": p.plan.baseline_year, "document": p.plan.document,
         "targets": len(p.targets)}
        for p in plans
    ]}, out)


def render_names(plans: Sequence[Plan], lang: str, out: TextIO) -> None:
    """`--names`: {"plans": [{"id", "indicators": [{"id", "name", "unit", "names"}]}]}."""
    dump({"plans": [
        {"id": p.id, "indicators": [
            {"id": key, "name": _text(indicator.name), "unit": indicator.unit,
             "names": accepted_names(key, indicator)}
            for key, indicator in p.indicators.items()]}
        for p in plans
    ]}, out)


def render_template(written: TemplateWritten, lang: str, out: TextIO) -> None:
    dump({"file": written.path, "indicators": written.indicators,
          "years": list(written.years), "filter": filter_entry(written.target_filter)}, out)


def render_rate(rate: GrowthRate, lang: str, out: TextIO) -> None:
    """{"cagr": 0.1098…} or {"required_cagr": …}, on one line; null where undefined."""
    out.write(json.dumps({rate.kind: rate.rate}) + "\n")


def render_refusal(problems: Sequence[Problem], lang: str, out: TextIO) -> None:
    """Input that cannot be used: {"problems": […]}, so a script reads why."""
    dump({"problems": [problem_entry(p, lang) for p in problems]}, out)


def render_assessment(report: Report, lang: str, out: TextIO) -> None:
    dump(assessment_document(report, lang), out)


def render_targets(plans: Sequence[Plan], lang: str, out: TextIO,
                   target_filter: TargetFilter = NO_FILTER) -> None:
    dump({"filter": filter_entry(target_filter),
          "plans": [{"id": p.id, "targets": [target_entry(t, p) for t in p.targets],
                     "published": published_entries(p)} for p in plans]}, out)


#: The sections of a plan file that hold its own published figures, and what `kind` says.
PUBLISHED = (("history", "level"), ("stated_rates", "rate"), ("stated_changes", "change"),
             ("stated_totals", "total"))


def published_entries(plan: Plan) -> list[dict[str, Any]]:
    """The figures a plan publishes, as written in its file, each with its kind and quotes."""
    entries = []
    for section, kind in PUBLISHED:
        for entry in getattr(plan, section):
            entries.append({"kind": kind, **entry.model_dump(mode="json", exclude={
                "quote", "quote_en", "note"}), **_wording(entry)})
    return entries


def _wording(entry: Quoted) -> dict[str, Any]:
    """quote, quote_en (null where the plan gives none) and note ({zh, en} or null)."""
    return {"quote": entry.quote, "quote_en": entry.quote_en,
            "note": None if entry.note is None else _text(entry.note)}


def _text(text: Text) -> dict[str, str]:
    """A text of the plan in both languages, {zh, en} (without pydantic's serializer, whose
    schema a plan from the cache does not otherwise need)."""
    return {"zh": text.zh, "en": text.en}


def filter_entry(target_filter: TargetFilter) -> dict[str, list[str]] | None:
    """{"target": [...], "indicator": [...], "group": [...]} as given; null when none was."""
    if not target_filter.applied:
        return None
    return {"target": list(target_filter.targets), "indicator": list(target_filter.indicators),
            "group": list(target_filter.groups)}


def assessment_document(report: Report, lang: str) -> dict[str, Any]:
    assessment = report.assessment
    return {
        "schema": SCHEMA,
        "railkpi_version": __version__,
        "as_of": assessment.as_of,
        "data_file": report.data_file,
        "filter": filter_entry(report.target_filter),
        "plans": [
            {
                "id": result.plan.id,
                "title": {"zh": result.plan.plan.title.zh, "en": result.plan.plan.title.en},
                "document": result.plan.plan.document,
                "period": list(result.plan.plan.period),
                "baseline_year": result.plan.plan.baseline_year,
                "thresholds": {"on_track": result.thresholds.on_track,
                               "moderate": result.thresholds.moderate,
                               "off_track": result.thresholds.off_track},
                "targets": [result_entry(t, result.plan, lang) for t in result.targets],
                "figures": figures_entry(result, report),
            }
            for result in assessment.plans
        ],
        "problems": [problem_entry(p, lang) for p in report.problems],
    }


def target_entry(target: Target, plan: Plan) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": target.id,
        "indicator": target.indicator,
        "kind": target.kind,
        "op": target.op,
    }
    if target.min is not None and target.max is not None:
        entry.update(min=target.min, max=target.max)
    else:
        entry["value"] = target.value
    entry.update(year=target.year, **_wording(target), milestones=_plan_steps(target, plan))
    return entry


def _plan_steps(target: Target, plan: Plan) -> list[dict[str, Any]]:
    """The plan file's own annual steps: the figure as written and the comparison it asks."""
    indicator = plan.indicators[target.indicator]
    return [{"year": year, "value": figure.value, "qualifier": figure.qualifier,
             "op": step_op(figure, upward(target, indicator))}
            for year, figure in target.steps.items()]


def _point(p: Point | None) -> dict[str, Any] | None:
    """A figure with its bounds: qualifier, lower and upper are null for an exact figure."""
    if p is None:
        return None
    figure = p.figure
    return {
        "year": p.year,
        "value": p.value,
        "qualifier": figure.qualifier,
        "lower": None if figure.exact else figure.lower,
        "upper": None if figure.exact else figure.upper,
        "lower_inclusive": figure.lower_inclusive,
        "upper_inclusive": figure.upper_inclusive,
        "source": p.source,
        "where": p.where,
    }


def result_entry(r: TargetResult, plan: Plan, lang: str) -> dict[str, Any]:
    target_value = list(r.target_value) if isinstance(r.target_value, tuple) else r.target_value
    return {
        "id": r.target.id,
        "indicator": r.target.indicator,
        "indicator_name": _text(r.indicator.name),
        "group": r.target.group,
        "unit": r.indicator.unit,
        "unit_en": unit(r.indicator, "en"),
        "scope": None if r.indicator.scope is None else _text(r.indicator.scope),
        "better": r.indicator.better,
        "kind": r.target.kind,
        "op": r.target.op,
        "target_value": target_value,
        "target_year": r.target_year,
        "baseline": _point(r.baseline),
        "latest": _point(r.latest),
        "gap": r.gap,
        "completion": r.completion,
        "time_elapsed": r.time_elapsed,
        "actual_cagr": r.actual_cagr,
        "required_cagr": r.required_cagr,
        "required_cagr_from_latest": r.required_cagr_from_latest,
        "growth_ratio": r.growth_ratio,
        "expected_completion": r.expected_completion,
        "years_observed": r.years_observed,
        "projected": r.projected,
        "projected_year": r.projected_year,
        "method": r.method,
        "status": r.status,
        "early": r.early,
        "approximate": r.approximate,
        "failing_years": list(r.failing_years),
        **series_entry(r),
        "milestone": _milestone(r.milestone),
        "notes": [
            {"code": n.code, "message": note_text(n.code, n.params, lang)} for n in r.notes
        ],
        "quote": r.target.quote,
        "quote_en": r.target.quote_en,
    }


def _step(step: Step) -> dict[str, Any]:
    return {"year": step.year, "value": step.value, "op": step.op, "min": step.low,
            "max": step.high, "previous_year": step.previous_year,
            "approximate": step.approximate}


def _milestone(check: MilestoneCheck | None) -> dict[str, Any] | None:
    """The step of the year assessed and whether that year's figure met it (docs)."""
    if check is None:
        return None
    step = check.step
    return {"year": check.year, "value": step.value, "op": step.op, "min": step.low,
            "max": step.high, "met": check.met, "gap": check.gap, "source": check.source,
            "approximate": check.approximate}


def render_milestones(report: MilestoneReport, lang: str, out: TextIO) -> None:
    """`railkpi milestones` (docs/report-format.md): every target's steps, unrounded."""
    decomposition = report.decomposition
    dump({
        "schema": MILESTONES_SCHEMA,
        "railkpi_version": __version__,
        "method": decomposition.method,
        "from_latest": decomposition.from_latest,
        "as_of": decomposition.as_of,
        "data_file": report.data_file,
        "filter": filter_entry(report.target_filter),
        "plans": [{"id": p.plan.id, "title": _text(p.plan.plan.title),
                   "method": decomposition.method,
                   "targets": [_path(path, lang) for path in p.targets]}
                  for p in decomposition.plans],
        "problems": [problem_entry(p, lang) for p in report.problems],
    }, out)


def _path(path: TargetPath, lang: str) -> dict[str, Any]:
    target = path.target
    return {
        "id": target.id, "indicator": target.indicator, "unit": path.indicator.unit,
        "kind": target.kind, "op": target.op, "strict": target.op in (">", "<"),
        "method": path.method, "start": _point(path.start), "target_value": path.target_value,
        "target_year": target.year, "approximate": path.approximate,
        "milestones": [_step(s) for s in path.steps],
        "notes": [{"code": n.code, "message": note_text(n.code, n.params, lang)}
                  for n in path.notes],
    }


def series_entry(r: TargetResult) -> dict[str, Any]:
    """The target as one point of a series (calc/series.py): the change since the year before,
    the year-on-year figures, the status of each year."""
    series = r.series or TargetSeries()
    return {
        "previous_status": series.previous_status,
        "change": series.change,
        "yoy_growth": series.yoy_growth,
        "needed_per_year": series.needed_per_year,
        "timeline": [
            {"year": y.year, "status": y.status, "early": y.early, "value": y.value,
             "value_year": y.value_year, "growth_ratio": y.growth_ratio}
            for y in series.timeline
        ],
    }


def figures_entry(plan_result: PlanResult, report: Report) -> dict[str, Any]:
    """The figures the plan's assessment could use, by indicator and year: what `railkpi
    diff` compares to find revised figures."""
    used = figures_used(plan_result, report.observations, report.assessment.as_of)
    return {indicator: [_point(p) for p in points] for indicator, points in used.items()}


def render_audit(result: AuditResult, lang: str, out: TextIO) -> None:
    """`railkpi audit` as {"findings": […], "unchecked": […]} (README: "Checking a plan's own
    figures"). Rates are fractions; stated/computed are numbers where they are numbers.
    """
    from railkpi.render.audit_words import worded

    audit = worded(result, lang)
    findings, unchecked = audit.findings, audit.unchecked
    dump(
        {
            "findings": [
                {
                    "code": f.code,
                    "plan": f.plan,
                    "indicator": f.indicator,
                    "years": list(f.years),
                    "message": f.message(lang),
                    "stated": f.stated,
                    "computed": f.computed,
                    "other": f.other,
                }
                for f in findings
            ],
            "unchecked": [
                {
                    "kind": u.kind,
                    "plan": u.plan,
                    "indicator": u.indicator,
                    "years": list(u.years),
                    "reason": u.reason,
                    "reason_years": list(u.reason_years),
                    "message": u.message(lang),
                }
                for u in unchecked
            ],
        },
        out,
    )


def render_diff(diff: ReportDiff, lang: str, out: TextIO) -> None:
    from railkpi.render import json_diff

    json_diff.render_diff(diff, lang, out)
