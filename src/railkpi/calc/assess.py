"""The calculation core: plans + observations → an Assessment. Pure functions, no I/O.

Each target goes to the assessment of its kind: calc/single_value.py (level, range, change,
ratio, growth) or calc/windows.py (each_year, trend); the status rules of method.md are the
ordered lists of calc/status_rules.py. A target with a step for the year assessed (年度目标: the
plan file's own, or on the path `--milestones` asks for) is then checked against it
(calc/milestone_check.py). Result types are in calc/results.py.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from railkpi.calc import as_of
from railkpi.calc.milestone_check import with_milestone
from railkpi.calc.results import (
    Assessment,
    Note,
    PathMethod,
    PlanResult,
    Point,
    TargetResult,
    note,
)
from railkpi.calc.single_value import assess_single_value
from railkpi.calc.windows import assess_each_year, assess_trend
from railkpi.plans.models import Indicator, Plan, PlanMeta, Target, Thresholds
from railkpi.read.observation import Observation


def default_as_of(observations: Iterable[Observation], plans: Sequence[Plan]) -> int:
    """The year assessed when none is given: see calc/as_of.py."""
    return as_of.default_as_of(observations, plans)


def series_for(plan: Plan, indicator: str, observations: Iterable[Observation]) -> dict[int, Point]:
    """The plan's own published figures, overridden year by year by the workbook's."""
    points = {
        year: Point(year, h.figure, "plan", f"history[{i}]", h.note)
        for year, (i, h) in plan.published(indicator).items()
    }
    for o in observations:
        if o.indicator == indicator:
            points[o.year] = Point(o.year, o.figure(), o.origin, o.where)
    return points


def assess(
    plans: Sequence[Plan],
    observations: Sequence[Observation],
    as_of: int | None = None,
    thresholds: Thresholds | None = None,
    milestones: PathMethod | None = None,
) -> Assessment:
    """Assess every target of every plan. `thresholds` (per run) overrides each plan's own;
    `milestones` gives every target a step for the year assessed on that path (the plan
    file's own steps are used where it sets one)."""
    year = as_of if as_of is not None else default_as_of(observations, plans)
    by_indicator: dict[str, list[Observation]] = {}
    for o in observations:
        by_indicator.setdefault(o.indicator, []).append(o)
    results = []
    for plan in plans:
        used = thresholds or plan.plan.thresholds
        targets = []
        for target in plan.targets:
            series = series_for(plan, target.indicator, by_indicator.get(target.indicator, ()))
            result = assess_target(plan.id, plan.plan, target, plan.indicators[target.indicator],
                                   series, year, used)
            targets.append(with_milestone(result, plan.plan, series, year, milestones))
        results.append(PlanResult(plan, used, tuple(targets)))
    return Assessment(year, tuple(results))


def assess_target(
    plan_id: str,
    meta: PlanMeta,
    target: Target,
    indicator: Indicator,
    series: Mapping[int, Point],
    as_of: int,
    thresholds: Thresholds,
) -> TargetResult:
    """One target against one indicator's series (years → points), as of a year."""
    visible = {year: p for year, p in series.items() if year <= as_of}
    if target.kind == "each_year":
        result = assess_each_year(plan_id, meta, target, indicator, visible, as_of)
    elif target.kind == "trend":
        result = assess_trend(plan_id, meta, target, indicator, visible)
    else:
        result = assess_single_value(plan_id, meta, target, indicator, visible, as_of,
                                     thresholds)
    result = replace(result, baseline_year=target.baseline_year or meta.baseline_year,
                     notes=(*plan_notes(result), *result.notes))
    return in_range(result)


def plan_notes(result: TargetResult) -> list[Note]:
    """The plan's own reading notes: the target's, then those of its published figures used."""
    notes = []
    if result.target.note is not None:
        notes.append(note("plan-note", zh=result.target.note.zh, en=result.target.note.en))
    for point in dict.fromkeys(p for p in (result.baseline, result.latest) if p is not None):
        if point.source == "plan" and point.note is not None:
            notes.append(note("figure-note", year=point.year, zh=point.note.zh,
                              en=point.note.en))
    return notes


#: The computed figures of a result, which a float may not hold (1e300 grown for years).
COMPUTED = ("gap", "completion", "time_elapsed", "actual_cagr", "required_cagr",
            "required_cagr_from_latest", "growth_ratio", "expected_completion", "projected")

#: The figures that divide by, or subtract from, the target value.
MEASURED_TO_TARGET = ("gap", "completion", "required_cagr", "required_cagr_from_latest",
                      "growth_ratio", "expected_completion")


def in_range(result: TargetResult) -> TargetResult:
    """The result with every computed figure too large or too small for a float (an infinity,
    not a number) undefined, and a note saying so: JSON has no infinity, a report no place for
    one."""
    out: dict[str, Any] = {name: None for name in COMPUTED
                           if not _finite(getattr(result, name))}
    target = result.target_value
    if (isinstance(target, tuple) and not all(map(math.isfinite, target))) or (
            isinstance(target, float) and not math.isfinite(target)):
        # every figure measured against the target goes with it: a finite figure divided by an
        # infinite target (completion 0.0) would read as a real figure next to a blank target
        out.update({name: None for name in ("target_value", *MEASURED_TO_TARGET)})
    if not out:
        return result
    out["notes"] = (*result.notes, note("out-of-range"))
    return replace(result, **out)


def _finite(value: float | None) -> bool:
    return value is None or math.isfinite(value)
