"""The annual check as a series: each target's status as of every year from the first after
its baseline to the year assessed, the change since the year before, and the year-on-year
figures. Pure: no I/O.

The status of each year comes from the assessment itself (calc/assess.py) run as of that
year, with the same plans, thresholds and figures — the figures known today, so a revised
figure changes the past years too (`railkpi diff` compares with the report published then).

Change since the year before (`previous_status` → `status`), by the order achieved >
on_track > moderate > off_track > regressing > not_achieved:

- no status the year before (the year assessed is the first after the baseline, or earlier):
  "new";
- the same status both years (also no_data → no_data, undetermined → undetermined):
  "unchanged";
- both in the order: "improved" or "worsened";
- otherwise a status outside the order (undetermined, no_data) appears or disappears
  (undetermined → on_track, on_track → no_data, no_data → undetermined): "new" — the two
  years cannot be ranked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from railkpi.calc import assess as assessment
from railkpi.calc import formulas as f
from railkpi.calc.assess import default_as_of, series_for
from railkpi.calc.results import (
    STATUS_ORDER,
    Assessment,
    Change,
    PathMethod,
    PlanResult,
    Point,
    Status,
    TargetResult,
    TargetSeries,
    YearStatus,
)
from railkpi.plans.models import Plan, Thresholds
from railkpi.read.observation import Observation

#: Kinds judged on one value, for which a yearly step towards X is defined.
SINGLE_VALUE_KINDS = ("level", "range", "change", "ratio", "growth")


def change(previous: Status | None, current: Status) -> Change:
    """How the status moved since the year before (the module's docstring gives the cases)."""
    if previous is None:
        return "new"
    if previous == current:
        return "unchanged"
    if previous in STATUS_ORDER and current in STATUS_ORDER:
        better = STATUS_ORDER.index(current) < STATUS_ORDER.index(previous)
        return "improved" if better else "worsened"
    return "new"


def first_year(plan: Plan, result: TargetResult) -> int:
    """The first year of a target's timeline: the year after its baseline year."""
    return (result.target.baseline_year or plan.plan.baseline_year) + 1


def assess_series(
    plans: Sequence[Plan],
    observations: Sequence[Observation],
    as_of: int | None = None,
    thresholds: Thresholds | None = None,
    milestones: PathMethod | None = None,
) -> Assessment:
    """The assessment of calc/assess.py as of the year assessed, every target carrying its
    series: the assessment run again as of each earlier year of its timeline. `milestones`
    (the step of the year assessed on that path) concerns the year assessed only."""
    year = as_of if as_of is not None else default_as_of(observations, plans)
    current = assessment.assess(plans, observations, as_of=year, thresholds=thresholds,
                                milestones=milestones)
    first = min((first_year(p.plan, r) for p in current.plans for r in p.targets), default=year)
    past = {y: assessment.assess(plans, observations, as_of=y, thresholds=thresholds)
            for y in range(first, year)}
    by_indicator: dict[str, list[Observation]] = {}
    for o in observations:
        by_indicator.setdefault(o.indicator, []).append(o)
    plan_results = []
    for p, plan_result in enumerate(current.plans):
        plan = plan_result.plan
        targets = []
        for t, result in enumerate(plan_result.targets):
            start = first_year(plan, result)
            earlier = [past[y].plans[p].targets[t] for y in range(start, year)]
            points = series_for(plan, result.target.indicator,
                                by_indicator.get(result.target.indicator, ()))
            targets.append(replace(result, series=target_series(result, earlier, points, start,
                                                                year)))
        plan_results.append(replace(plan_result, targets=tuple(targets)))
    return Assessment(year, tuple(plan_results))


def target_series(result: TargetResult, earlier: Sequence[TargetResult],
                  points: Mapping[int, Point], first: int, as_of: int) -> TargetSeries:
    """One target's series. `first` is the first year of its timeline; `earlier` its results
    as of each year from `first` to the year before `as_of`, in order; `points` its
    indicator's figures by year."""
    timeline: tuple[YearStatus, ...] = ()
    if as_of >= first:
        timeline = (*(_year_status(first + i, r) for i, r in enumerate(earlier)),
                    _year_status(as_of, result))
    previous = earlier[-1].status if earlier else None
    latest = result.latest
    yoy, approximate, needed = None, False, None
    if latest is not None:
        before = points.get(latest.year - 1)
        if before is not None:
            yoy = f.yoy_growth(before.value, latest.value)
            approximate = yoy is not None and not (before.figure.exact and latest.figure.exact)
        if result.target.kind in SINGLE_VALUE_KINDS:
            needed = f.needed_per_year(result.gap, latest.year, result.target_year)
    return TargetSeries(
        timeline=timeline,
        previous_status=previous,
        change=change(previous, result.status),
        yoy_growth=yoy,
        yoy_approximate=approximate,
        needed_per_year=needed,
    )


def _year_status(year: int, result: TargetResult) -> YearStatus:
    latest = result.latest
    return YearStatus(
        year=year,
        status=result.status,
        early=result.early,
        value=None if latest is None else latest.value,
        value_year=None if latest is None else latest.year,
        growth_ratio=result.growth_ratio,
    )


def figures_used(plan_result: PlanResult, observations: Sequence[Observation],
                 as_of: int) -> dict[str, list[Point]]:
    """The figures the assessment of a plan could use, by indicator of its targets and by
    year up to the year assessed: the plan's published figures, overridden by the workbook's.
    The JSON report carries them so that `railkpi diff` can find revised figures."""
    indicators = dict.fromkeys(r.target.indicator for r in plan_result.targets)
    by_indicator: dict[str, list[Observation]] = {i: [] for i in indicators}
    for o in observations:
        if o.indicator in by_indicator:
            by_indicator[o.indicator].append(o)
    found = {}
    for indicator in indicators:
        points = series_for(plan_result.plan, indicator, by_indicator[indicator])
        found[indicator] = [points[y] for y in sorted(points) if y <= as_of]
    return found
