"""The assessment against the year's step: for a target with a step for the year assessed —
its own in the plan file (`milestones:`), else on the path `--milestones` asks for — whether
that year's figure met it. Pure: no I/O.

Only the figure of the step's year judges it, never an earlier one: without one the step is
not judged (met is None) and a note says so. A qualified figure is judged by its bounds, as
the status is; bounds that straddle the step leave it unjudged too. Lower-is-better targets
are mirrored by the step's comparator.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from railkpi import figures as fig
from railkpi.calc.results import (
    MilestoneCheck,
    Note,
    PathMethod,
    Point,
    Step,
    StepSource,
    TargetResult,
    note,
)
from railkpi.calc.single_value import range_op, shortfall
from railkpi.figures import QUALIFIERS
from railkpi.numeric import OP_SYMBOLS
from railkpi.plans.models import Indicator, PlanMeta, Target
from railkpi.plans.steps import step_op, upward

#: The statuses that settle a target in its year, as the step of that year is settled.
_SETTLED = {"achieved": True, "not_achieved": False}


def with_milestone(result: TargetResult, meta: PlanMeta, series: Mapping[int, Point],
                   as_of: int, method: PathMethod | None) -> TargetResult:
    """The result with its step for `as_of` judged, and the notes that go with it."""
    visible = {year: p for year, p in series.items() if year <= as_of}
    found, notes = step_for(meta, result.target, result.indicator, visible, as_of, method)
    check = None
    if found is not None:
        check, judged = judge(*found, result, visible)
        notes = (*notes, *judged)
    if check is None and not notes:
        return result
    return replace(result, milestone=check,
                   notes=tuple(dict.fromkeys((*result.notes, *notes))))


def plan_step(target: Target, indicator: Indicator, year: int) -> Step | None:
    """The plan file's own step for `year`, with the comparison its wording asks."""
    figure = target.steps.get(year)
    if figure is None:
        return None
    op = step_op(figure, upward(target, indicator))
    if op is None:  # refused when the plan was loaded
        return None
    approximate = figure.qualifier is not None and QUALIFIERS[figure.qualifier] in (
        "upto", "approx")
    return Step(year, figure.value, op, approximate=approximate)


def step_for(meta: PlanMeta, target: Target, indicator: Indicator,
             series: Mapping[int, Point], year: int, method: PathMethod | None
             ) -> tuple[tuple[Step, StepSource] | None, tuple[Note, ...]]:
    """The step of `year` and where it comes from, if there is one; and the notes of the path
    it is on (why the path has no step that year, a linear fallback, approximate figures)."""
    own = plan_step(target, indicator, year)
    if own is not None:
        return (own, "plan"), ()
    if method is None:
        return None, ()
    from railkpi.calc.milestones import target_path  # only a run that asks for steps paths

    path = target_path(meta, target, indicator, series, method)
    step = next((s for s in path.steps if s.year == year), None)
    if step is None and not _within(meta, target, year):
        return None, ()  # the year assessed is outside the target's years: nothing to say
    notes = tuple(n for n in path.notes if n.code != "milestone-plan-steps")
    return (None if step is None else (step, path.method or method)), notes


def _within(meta: PlanMeta, target: Target, year: int) -> bool:
    if target.kind == "each_year":
        first, last = target.years or meta.period
        return first <= year <= last
    return (target.baseline_year or meta.baseline_year) < year <= target.year


def judge(step: Step, source: StepSource, result: TargetResult,
          series: Mapping[int, Point]) -> tuple[MilestoneCheck, tuple[Note, ...]]:
    """Did the figure of the step's year meet it? By its bounds, as the status is judged."""
    point = series.get(step.year)
    previous = series.get(step.year - 1) if step.previous_year else None
    if previous is not None:
        step = replace(step, value=previous.value)  # a trend's step: the year before's figure
    if point is None or (step.previous_year and previous is None):
        missing = step.year if point is None else step.year - 1
        return (MilestoneCheck(step, source, point, None, None, step.approximate),
                (note("milestone-no-figure", year=missing),))
    met, gap = _met(step, source, result, point, previous)
    approximate = step.approximate or not point.figure.exact or (
        previous is not None and not previous.figure.exact)
    check = MilestoneCheck(step, source, point, met, gap, approximate)
    if met is not None:
        return check, ()
    wanted = f"{OP_SYMBOLS[step.op or '>=']}{step.value:g}" if step.value is not None else (
        f"{step.low:g}–{step.high:g}")
    return check, (note("milestone-unsettled", year=step.year, step=wanted,
                        figure=point.figure.label(f"{point.value:g}")),)


def _met(step: Step, source: StepSource, result: TargetResult, point: Point,
         previous: Point | None) -> tuple[bool | None, float | None]:
    """Whether the figure meets the step, and its shortfall d · (step − x)."""
    x = point.value
    if step.low is not None and step.high is not None:
        op = range_op(result.indicator)
        near = step.low if op == ">=" else step.high
        return fig.satisfies(point.figure, op, near), shortfall(1 if op == ">=" else -1, near, x)
    assert step.value is not None and step.op is not None
    d = 1 if step.op in (">", ">=") else -1
    if previous is not None:
        moved = fig.minus(point.figure, previous.figure)
        return fig.satisfies(moved, step.op, 0.0), shortfall(d, previous.value, x)
    target = result.target
    if (source != "plan" and step.year == target.year
            and target.kind in ("change", "ratio", "growth")
            and result.latest is not None and result.latest.year == step.year):
        # The path's last step is the target itself: judged as the status judges it, with the
        # baseline's bounds (a change from 180余 is not settled by the point value).
        return _SETTLED.get(result.status), shortfall(d, step.value, x)
    return fig.satisfies(point.figure, step.op, step.value), shortfall(d, step.value, x)
