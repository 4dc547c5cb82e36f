"""Targets on one value in the target year — level, range, change, ratio, growth — in three
steps: resolve the target (baseline, latest figure, comparator, X), measure (the figures of
method.md), and decide the status by the ordered rules of status_rules. Pure: no I/O.

Symbols as in method.md: t0, x0 the baseline; t, x the latest figure; T, X the target year and
the target as an absolute value.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from railkpi import figures as fig
from railkpi import numeric
from railkpi.calc import formulas as f
from railkpi.calc.results import Note, Point, TargetResult, note
from railkpi.calc.status_rules import (
    SINGLE_VALUE_RULES,
    Case,
    Measures,
    Resolved,
    decide,
)
from railkpi.numeric import Op
from railkpi.plans.models import Indicator, PlanMeta, Target, Thresholds


def sign(indicator: Indicator) -> int:
    """d: +1 when higher is better, −1 when lower is better."""
    return 1 if indicator.better == "higher" else -1


def shortfall(d: int, target: float, value: float) -> float:
    """How far `value` is short of `target` (≤ 0: met); + 0.0 turns −0.0 into 0.0."""
    if not (math.isfinite(target) and math.isfinite(value)):
        return d * (target - value) + 0.0
    return d * numeric.difference(target, value) + 0.0


def range_op(indicator: Indicator) -> Op:
    """A range is met from its better end."""
    return ">=" if indicator.better == "higher" else "<="


def beyond_range(value: float, low: float, high: float, indicator: Indicator) -> float | None:
    """The far bound of [low, high] if the value meets the range and lies beyond that bound
    (beyond the far end counts as met, and is reported), else None."""
    if indicator.better == "higher":
        met, far = numeric.compare(value, ">=", low), high
        beyond = numeric.compare(value, ">", high)
    else:
        met, far = numeric.compare(value, "<=", high), low
        beyond = numeric.compare(value, "<", low)
    return far if met and beyond else None


# -- resolve -----------------------------------------------------------------------------


def resolve(target: Target, meta: PlanMeta, indicator: Indicator,
            series: Mapping[int, Point]) -> Resolved:
    """The baseline and latest figures chosen, and the target as an absolute X."""
    notes: list[Note] = []
    wanted = target.baseline_year or meta.baseline_year
    # t, x: the latest observation up to the target year (the target year's own figure decides)
    latest_year = max((y for y in series if y <= target.year), default=None)
    latest = series[latest_year] if latest_year is not None else None
    # t0, x0: the baseline, falling back to a later year only where the target allows it;
    # change and ratio targets are defined by the baseline year's own figure.
    baseline = series.get(wanted)
    if baseline is None and target.kind not in ("change", "ratio") and latest is not None:
        later = [y for y in series if wanted < y < latest.year]
        if later:
            baseline = series[min(later)]
            notes.append(note("baseline-fallback", wanted=wanted, used=baseline.year))
    if baseline is not None and baseline.source == "plan":
        notes.append(note("baseline-from-plan", year=baseline.year))
    if target.kind == "range":
        assert target.min is not None and target.max is not None
        near = target.min if indicator.better == "higher" else target.max
        return Resolved(baseline, latest, range_op(indicator), (target.min, target.max), near,
                        tuple(notes))
    assert target.op is not None
    x_target = absolute(target, baseline, notes, wanted)
    return Resolved(baseline, latest, target.op, x_target, x_target, tuple(notes))


def absolute(target: Target, baseline: Point | None, notes: list[Note],
             baseline_year: int) -> float | None:
    """The target as an absolute value X (None where the baseline it depends on, that of
    `baseline_year`, is missing)."""
    assert target.value is not None
    if target.kind == "level":
        return target.value
    if baseline is None:
        notes.append(note("baseline-missing", year=baseline_year))
        return None
    x0 = baseline.value
    if target.kind == "change":
        return numeric.total(x0, target.value)
    if target.kind == "ratio":
        # A multiple of zero or of a loss is no target: 2 × −10 = −20 would be met by a loss.
        if x0 <= 0:
            notes.append(note("ratio-zero-baseline"))
            return None
        return numeric.product(x0, target.value)
    # growth: the level reached by growing at the target rate from the baseline year
    if x0 <= 0:
        notes.append(note("baseline-nonpositive"))
        return None
    return x0 * f.power(1.0 + target.value, target.year - baseline.year)


# -- measure -----------------------------------------------------------------------------


def measure(target: Target, indicator: Indicator, resolved: Resolved) -> Measures:
    """Gap, completion, time elapsed, growth achieved and required, projection."""
    latest, baseline, x_target = resolved.latest, resolved.baseline, resolved.x_target
    if latest is None:
        return Measures()
    x, t, year = latest.value, latest.year, target.year
    notes: list[Note] = []
    if target.kind == "range":
        assert target.min is not None and target.max is not None
        beyond = beyond_range(x, target.min, target.max, indicator)
        if beyond is not None:
            notes.append(note("exceeds-range", year=t, value=f"{x:g}", bound=f"{beyond:g}"))
    gap = None if x_target is None else shortfall(sign(indicator), x_target, x)
    if baseline is None or x_target is None or t < baseline.year:
        return Measures(gap=gap, notes=tuple(notes))
    x0, t0 = baseline.value, baseline.year
    required = target.value if target.kind == "growth" else f.cagr(x0, x_target, year - t0)
    actual = f.cagr(x0, x, t - t0)
    if t > t0 and actual is None:
        notes.append(note("baseline-nonpositive" if x0 <= 0 else "latest-nonpositive"))
    if t - t0 == 1:
        notes.append(note("weak-evidence"))
    # With the baseline year alone there is no progress to measure yet (only_baseline):
    # a completion and time elapsed of 0 would read as measured standstill.
    moved = t > t0
    return Measures(
        gap=gap,
        completion=f.completion(x0, x, x_target) if moved else None,
        time_elapsed=f.time_elapsed(t0, t, year) if moved else None,
        actual_cagr=actual,
        required_cagr=required,
        required_cagr_from_latest=f.cagr(x, x_target, year - t) if t < year else None,
        growth_ratio=f.growth_ratio(actual, required, sign(indicator)),
        expected_completion=(f.expected_completion(x0, x_target, required, t - t0)
                             if moved else None),
        years_observed=t - t0,
        projected=f.project(x, actual, year - t) if t <= year else None,
        projected_year=f.projected_year(t, x, actual, resolved.op, x_target),
        notes=tuple(notes),
    )


# -- is it met? ----------------------------------------------------------------------------


def meets(target: Target, resolved: Resolved, point: Point) -> bool | None:
    """Does the figure meet the target? None where its bounds do not settle it.

    A change, ratio or growth target compares what it is about — the increase, the multiple —
    so that a qualified baseline keeps its bounds too.
    """
    x_target, baseline, op = resolved.x_target, resolved.baseline, resolved.op
    if x_target is None:
        return False
    figure = point.figure
    if baseline is not None and target.kind in ("change", "ratio", "growth"):
        assert target.value is not None
        if target.kind == "change":
            return fig.satisfies(fig.minus(figure, baseline.figure), op, target.value)
        multiple = fig.ratio(figure, baseline.figure)
        if multiple is not None:
            needed = target.value if target.kind == "ratio" else (
                f.power(1.0 + target.value, target.year - baseline.year))
            return fig.satisfies(multiple, op, needed)
    return fig.satisfies(figure, op, x_target)


# -- the three steps -----------------------------------------------------------------------


def assess_single_value(plan_id: str, meta: PlanMeta, target: Target, indicator: Indicator,
                        series: Mapping[int, Point], as_of: int,
                        thresholds: Thresholds) -> TargetResult:
    """One level, range, change, ratio or growth target against its indicator's series."""
    resolved = resolve(target, meta, indicator, series)
    measures = measure(target, indicator, resolved)
    latest, baseline = resolved.latest, resolved.baseline
    met = meets(target, resolved, latest) if latest is not None else None
    verdict = decide(SINGLE_VALUE_RULES,
                     Case(target, target.year, as_of, resolved, measures, met, thresholds))
    approximate = latest is not None and (
        not latest.figure.exact or (baseline is not None and not baseline.figure.exact))
    notes = (*resolved.notes, *measures.notes, *verdict.notes)
    return TargetResult(
        plan_id=plan_id, target=target, indicator=indicator,
        target_value=resolved.target_value, target_year=target.year,
        baseline=baseline, latest=latest,
        gap=measures.gap, completion=measures.completion,
        time_elapsed=measures.time_elapsed, actual_cagr=measures.actual_cagr,
        required_cagr=measures.required_cagr,
        required_cagr_from_latest=measures.required_cagr_from_latest,
        growth_ratio=measures.growth_ratio, expected_completion=measures.expected_completion,
        years_observed=measures.years_observed, projected=measures.projected,
        projected_year=measures.projected_year, method=verdict.method,
        status=verdict.status, early=verdict.early, approximate=approximate,
        notes=tuple(dict.fromkeys(notes)),
    )
