"""Annual milestones (年度目标): a target broken into yearly steps on the way from a start figure
to the target. Pure: no I/O.

From a start (t0, x0) — the baseline, or with `--from-latest` the latest figure — to the target
(T, X), one step a year, t0 < y ≤ T:

- compound: x0 · (1 + g)^(y − t0), g = (X / x0)^(1/(T − t0)) − 1, the growth the target
  requires (a growth target's own rate, from its baseline). Undefined for a zero or negative
  start or target: the linear path is used instead, with a note, as the assessment's linear
  method does;
- linear: x0 + (X − x0) · (y − t0) / (T − t0), in exact decimals (2364.9 → 3500 over five
  years is 227.02 a year: 2591.92, 2818.94, …).

The last step is the target itself with its own comparator: 突破3500 ends at "more than 3500".
A start that already meets the target leaves every step at the target. Each-year targets repeat
their yearly condition; trend targets ask every year to be above (below) the year before.
Targets with no usable start get no steps and a note saying why.
"""

from __future__ import annotations

from collections.abc import Mapping

from railkpi import numeric
from railkpi.calc import formulas
from railkpi.calc.results import Note, PathMethod, Point, Step, note
from railkpi.figures import QUALIFIERS, Figure
from railkpi.numeric import Op, decimal
from railkpi.plans.models import Indicator, Plan, PlanMeta, Target
from railkpi.plans.steps import upward
from railkpi.records import record

PATH_METHODS: tuple[PathMethod, ...] = ("compound", "linear")


@record
class TargetPath:
    """A target's annual steps: the method used (None for each-year and trend targets, or
    where there are no steps), where the path starts, X, the steps, and notes saying why
    there are none, or why the method or the figures are not what was asked."""

    target: Target
    indicator: Indicator
    method: PathMethod | None
    start: Point | None
    target_value: float | None
    steps: tuple[Step, ...] = ()
    approximate: bool = False
    notes: tuple[Note, ...] = ()


@record
class PlanPaths:
    plan: Plan
    targets: tuple[TargetPath, ...]


@record
class Decomposition:
    """`railkpi milestones`: every target of the chosen plans in annual steps. `as_of` is the
    year of the latest figures considered (with a workbook), `from_latest` whether the paths
    start from them."""

    method: PathMethod
    from_latest: bool
    as_of: int | None
    plans: tuple[PlanPaths, ...]


def path_values(start_year: int, start: float, end_year: int, end: float, method: PathMethod,
                rate: float | None = None) -> tuple[PathMethod, list[float]]:
    """The path's values for start_year + 1 … end_year (the last is `end` itself), and the
    method used: compound falls back to linear where a growth rate is undefined. `rate`
    replaces the rate the two ends imply (a growth target's own)."""
    years = end_year - start_year
    if method == "compound":
        growth = rate if rate is not None else formulas.cagr(start, end, years)
        if growth is not None:
            return "compound", [start * (1.0 + growth) ** n for n in range(1, years)] + [end]
    first, last = decimal(start), decimal(end)
    return "linear", [float(first + (last - first) * n / years) for n in range(1, years)] + [end]


def target_path(meta: PlanMeta, target: Target, indicator: Indicator,
                series: Mapping[int, Point], method: PathMethod,
                until: int | None = None) -> TargetPath:
    """A target's steps from its baseline figure in `series` (years → points), or, with
    `until` (the year assessed), from the latest figure at or before it."""
    if target.kind == "each_year":
        path = _each_year_path(meta, target, indicator, series, until)
    elif target.kind == "trend":
        path = _trend_path(meta, target, indicator, series, until)
    else:
        path = _value_path(meta, target, indicator, series, method, until)
    if target.milestones:
        years = ", ".join(str(y) for y in sorted(target.milestones))
        path = _with_notes(path, note("milestone-plan-steps", years=years))
    return path


def _with_notes(path: TargetPath, *notes: Note) -> TargetPath:
    return TargetPath(path.target, path.indicator, path.method, path.start, path.target_value,
                      path.steps, path.approximate, (*path.notes, *notes))


def bound_only(figure: Figure) -> bool:
    """A figure that only bounds the value on one side (突破3000, 不足100): no point to start a
    path from. 180余 and 约100 have one: their point value, approximately."""
    return figure.qualifier is not None and QUALIFIERS[figure.qualifier] in ("gt", "ge", "lt",
                                                                              "le")


def _label(point: Point) -> str:
    return point.figure.label(f"{point.value:g}")


def _target_level(target: Target, indicator: Indicator, baseline: Point | None,
                  notes: list[Note]) -> float | None:
    """X, the level the last step reaches (a range: its better end); None, noted, where the
    baseline it is measured from is missing or cannot serve."""
    if target.kind == "range":
        assert target.min is not None and target.max is not None
        return target.min if indicator.better == "higher" else target.max
    assert target.value is not None
    if target.kind == "level":
        return target.value
    if baseline is None:
        return None  # noted by the caller, which knows the year
    if bound_only(baseline.figure):
        notes.append(note("milestone-bound-start", year=baseline.year, figure=_label(baseline)))
        return None
    x0 = baseline.value
    if target.kind == "change":
        return numeric.total(x0, target.value)
    if target.kind == "ratio":
        if x0 == 0:
            notes.append(note("ratio-zero-baseline"))
            return None
        return numeric.product(x0, target.value)
    if x0 <= 0:  # growth
        notes.append(note("milestone-growth-nonpositive"))
        return None
    return float(x0 * (1.0 + target.value) ** (target.year - baseline.year))


def _start(series: Mapping[int, Point], t0: int, last: int, until: int | None) -> Point | None:
    """The baseline figure, or with `until` the latest figure after it, at or before both
    `until` and `last`."""
    if until is not None:
        later = [y for y in series if t0 < y <= min(until, last)]
        if later:
            return series[max(later)]
    return series.get(t0)


def _value_path(meta: PlanMeta, target: Target, indicator: Indicator,
                series: Mapping[int, Point], method: PathMethod,
                until: int | None) -> TargetPath:
    """Level, range, change, ratio and growth targets: a path from the start to X."""
    t0, year = target.baseline_year or meta.baseline_year, target.year
    notes: list[Note] = []
    baseline, start = series.get(t0), _start(series, t0, year, until)
    if start is not None and start.year >= year:
        notes.append(note("milestone-target-year-reached", year=start.year))
        return TargetPath(target, indicator, None, start, None, notes=tuple(notes))
    x_target = _target_level(target, indicator, baseline, notes)
    if start is None or (baseline is None and x_target is None):
        notes.append(note("milestone-no-baseline", year=t0))
    elif bound_only(start.figure):
        notes.append(note("milestone-bound-start", year=start.year, figure=_label(start)))
    if x_target is None or notes:
        return TargetPath(target, indicator, None, start, x_target,
                          notes=tuple(dict.fromkeys(notes)))
    assert start is not None
    relative = target.kind in ("change", "ratio", "growth")
    approximate = not start.figure.exact or (
        relative and baseline is not None and not baseline.figure.exact)
    if approximate:
        qualified = start if not start.figure.exact else baseline
        assert qualified is not None
        notes.append(note("milestone-approximate", year=qualified.year, figure=_label(qualified)))
    way: Op = ">=" if upward(target, indicator) else "<="
    if numeric.compare(start.value, way, x_target) and not numeric.same(start.value, x_target):
        notes.append(note("milestone-already-met", year=start.year, figure=_label(start)))
        used, values = method, [x_target] * (year - start.year)
    else:
        rate = target.value if (target.kind == "growth" and start is baseline) else None
        used, values = path_values(start.year, start.value, year, x_target, method, rate)
        if used != method:
            notes.append(note("milestone-linear-fallback"))
    steps = [Step(start.year + n, value, way, approximate=approximate)
             for n, value in enumerate(values[:-1], start=1)]
    final_approximate = approximate and relative
    if target.kind == "range":
        final = Step(year, None, None, target.min, target.max, approximate=final_approximate)
    else:
        final = Step(year, x_target, target.op, approximate=final_approximate)
    return TargetPath(target, indicator, used, start, x_target, (*steps, final), approximate,
                      tuple(notes))


def _remaining(years: range, series: Mapping[int, Point], until: int | None,
               notes: list[Note]) -> list[int]:
    """The years of a window still to come: after the latest figure in it at or before
    `until` (all of them without `until`)."""
    if until is None:
        return list(years)
    seen = [y for y in years if y in series and y <= until]
    if seen and seen[-1] >= years[-1]:
        notes.append(note("milestone-target-year-reached", year=seen[-1]))
        return []
    return [y for y in years if not seen or y > seen[-1]]


def _each_year_path(meta: PlanMeta, target: Target, indicator: Indicator,
                    series: Mapping[int, Point], until: int | None) -> TargetPath:
    """Every year of the window asks the yearly condition itself (its minimum, or its range)."""
    first, last = target.years or meta.period
    notes: list[Note] = []
    years = _remaining(range(first, last + 1), series, until, notes)
    if target.min is not None and target.max is not None:
        steps = [Step(y, None, None, target.min, target.max) for y in years]
    else:
        steps = [Step(y, target.value, target.op) for y in years]
    return TargetPath(target, indicator, None, None, target.value, tuple(steps),
                      notes=tuple(notes))


def _trend_path(meta: PlanMeta, target: Target, indicator: Indicator,
                series: Mapping[int, Point], until: int | None) -> TargetPath:
    """Every year after the baseline (or the latest figure) above, or below, the year before."""
    t0 = target.baseline_year or meta.baseline_year
    notes: list[Note] = []
    years = _remaining(range(t0, target.year + 1), series, until, notes)
    op: Op = ">" if upward(target, indicator) else "<"
    steps = [Step(y, None, op, previous_year=True) for y in years if y > t0]
    start = series.get(steps[0].year - 1) if steps else None
    return TargetPath(target, indicator, None, start, None, tuple(steps), notes=tuple(notes))
