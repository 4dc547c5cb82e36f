"""The calculation core: plans + observations → an Assessment. Pure functions, no I/O.

Method and status rules: method.md (symbols t0, x0 baseline; t, x latest; T, X target).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from railkpi import figures as fig
from railkpi import formulas as f
from railkpi.figures import Figure
from railkpi.observations import Observation
from railkpi.plan import Indicator, Op, Plan, PlanMeta, Target, Thresholds

Status = Literal[
    "achieved", "on_track", "moderate", "off_track", "regressing", "not_achieved",
    "undetermined", "no_data",
]
#: From best to worst; `--fail-on S` fails on S and everything after it in this order.
STATUS_ORDER: tuple[Status, ...] = (
    "achieved", "on_track", "moderate", "off_track", "regressing", "not_achieved",
)
#: Statuses outside the order: they fail only when named.
STATUS_UNORDERED: tuple[Status, ...] = ("undetermined", "no_data")
ALL_STATUSES: tuple[Status, ...] = STATUS_ORDER + STATUS_UNORDERED

Source = Literal["data", "plan", "roster"]
Method = Literal["cagr", "linear"]


@dataclass(frozen=True)
class Point:
    """One year's figure of an indicator: its value, bounds and qualifier, and where it is from."""

    year: int
    figure: Figure
    source: Source
    where: str | None = None  # cell for data, "history[i]" for the plan's figures

    @property
    def value(self) -> float:
        return self.figure.value


@dataclass(frozen=True)
class Note:
    """A remark on one result, rendered in the run's language from messages.NOTE."""

    code: str
    params: tuple[tuple[str, str], ...] = ()


def note(code: str, **params: object) -> Note:
    return Note(code, tuple((k, str(v)) for k, v in params.items()))


@dataclass(frozen=True)
class TargetResult:
    plan_id: str
    target: Target
    indicator: Indicator
    target_value: float | tuple[float, float] | None
    target_year: int
    baseline: Point | None = None
    latest: Point | None = None
    gap: float | None = None
    completion: float | None = None
    time_elapsed: float | None = None
    actual_cagr: float | None = None
    required_cagr: float | None = None
    required_cagr_from_latest: float | None = None
    growth_ratio: float | None = None
    expected_completion: float | None = None
    years_observed: int | None = None
    projected: float | None = None
    projected_year: int | None = None
    method: Method | None = None
    status: Status = "no_data"
    early: bool = False  # achieved before the target year (已提前完成)
    approximate: bool = False  # computed from a qualified figure (180余, 约100, …)
    failing_years: tuple[int, ...] = ()
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class PlanResult:
    plan: Plan
    thresholds: Thresholds
    targets: tuple[TargetResult, ...]


@dataclass(frozen=True)
class Assessment:
    as_of: int
    plans: tuple[PlanResult, ...]

    def statuses(self) -> list[Status]:
        return [t.status for p in self.plans for t in p.targets]


def default_as_of(observations: Iterable[Observation], plans: Sequence[Plan]) -> int:
    """The latest year the data reports; failing that, the plans' latest published year."""
    years = [o.year for o in observations]
    if years:
        return max(years)
    published = [h.year for p in plans for h in p.history]
    return max(published, default=max(p.plan.baseline_year for p in plans))


def series_for(plan: Plan, indicator: str, observations: Iterable[Observation]) -> dict[int, Point]:
    """The plan's own published figures, overridden year by year by the workbook's."""
    points = {
        h.year: Point(h.year, h.figure, "plan", f"history[{i}]")
        for i, h in enumerate(plan.history)
        if h.indicator == indicator
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
) -> Assessment:
    """Assess every target of every plan. `thresholds` (per run) overrides each plan's own."""
    year = as_of if as_of is not None else default_as_of(observations, plans)
    by_indicator: dict[str, list[Observation]] = {}
    for o in observations:
        by_indicator.setdefault(o.indicator, []).append(o)
    results = []
    for plan in plans:
        used = thresholds or plan.plan.thresholds
        targets = tuple(
            assess_target(
                plan.id,
                plan.plan,
                target,
                plan.indicators[target.indicator],
                series_for(plan, target.indicator, by_indicator.get(target.indicator, ())),
                year,
                used,
            )
            for target in plan.targets
        )
        results.append(PlanResult(plan, used, targets))
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
        return _each_year(plan_id, meta, target, indicator, visible, as_of)
    if target.kind == "trend":
        return _trend(plan_id, meta, target, indicator, visible)
    return _single_value(plan_id, meta, target, indicator, visible, as_of, thresholds)


# -- helpers ---------------------------------------------------------------------------------


def _sign(indicator: Indicator) -> int:
    return 1 if indicator.better == "higher" else -1


def _shortfall(sign: int, target: float, value: float) -> float:
    """How far `value` is short of `target` (≤ 0: met); + 0.0 turns −0.0 into 0.0."""
    return sign * f.difference(target, value) + 0.0


def _years_text(years: Iterable[int]) -> str:
    return ", ".join(str(y) for y in years)


def _range_op(indicator: Indicator) -> Op:
    return ">=" if indicator.better == "higher" else "<="


def _meets_range(
    value: float, low: float, high: float, indicator: Indicator
) -> tuple[bool, float | None]:
    """Met from the better end of [low, high]; beyond the far end counts as met, and is reported.

    Returns (met, the far bound if the value lies beyond it).
    """
    if indicator.better == "higher":
        met, far, beyond = f.compare(value, ">=", low), high, f.compare(value, ">", high)
    else:
        met, far, beyond = f.compare(value, "<=", high), low, f.compare(value, "<", low)
    return met, far if met and beyond else None


# -- targets on one value in the target year: level, range, change, ratio, growth -------------


def _single_value(
    plan_id: str,
    meta: PlanMeta,
    target: Target,
    indicator: Indicator,
    series: Mapping[int, Point],
    as_of: int,
    thresholds: Thresholds,
) -> TargetResult:
    notes: list[Note] = []
    d = _sign(indicator)
    t0_wanted = target.baseline_year or meta.baseline_year
    T = target.year
    relative = target.kind in ("change", "ratio")  # the target is defined by the t0 figure

    # t, x: the latest observation up to the target year (the target year's own figure decides)
    latest_year = max((y for y in series if y <= T), default=None)
    latest = series[latest_year] if latest_year is not None else None

    # t0, x0: the baseline, falling back to a later year only where the target allows it
    baseline = series.get(t0_wanted)
    if baseline is None and not relative and latest is not None:
        later = [y for y in series if t0_wanted < y < latest.year]
        if later:
            baseline = series[min(later)]
            notes.append(note("baseline-fallback", wanted=t0_wanted, used=baseline.year))
    if baseline is not None and baseline.source == "plan":
        notes.append(note("baseline-from-plan", year=baseline.year))

    # X and the test that decides "met"
    op: Op
    target_value: float | tuple[float, float] | None
    X: float | None
    if target.kind == "range":
        assert target.min is not None and target.max is not None
        target_value = (target.min, target.max)
        op = _range_op(indicator)
        X = target.min if d > 0 else target.max
    else:
        assert target.op is not None and target.value is not None
        op = target.op
        X = _resolve(target, baseline, t0_wanted, T, notes)
        target_value = X

    def met_by(point: Point) -> bool | None:
        """Does the figure meet the target? None where its bounds do not settle it."""
        figure = point.figure
        if target.kind == "range":
            assert target.min is not None and target.max is not None
            return fig.satisfies(figure, op, X if X is not None else target.min)
        if X is None:
            return False
        if baseline is not None and target.kind in ("change", "ratio", "growth"):
            # Compare what the target is about, so a qualified baseline keeps its bounds.
            assert target.value is not None
            if target.kind == "change":
                return fig.satisfies(fig.minus(figure, baseline.figure), op, target.value)
            multiple = fig.ratio(figure, baseline.figure)
            if multiple is not None:
                needed = target.value if target.kind == "ratio" else (
                    (1.0 + target.value) ** (T - baseline.year))
                return fig.satisfies(multiple, op, needed)
        return fig.satisfies(figure, op, X)

    result = TargetResult(
        plan_id=plan_id,
        target=target,
        indicator=indicator,
        target_value=target_value,
        target_year=T,
        baseline=baseline,
        latest=latest,
    )
    if latest is None:
        return _with(result, status="no_data", notes=notes)
    x, t = latest.value, latest.year
    result = _with(result, approximate=not latest.figure.exact or (
        baseline is not None and not baseline.figure.exact))
    if target.kind == "range":
        assert target.min is not None and target.max is not None
        beyond = _meets_range(x, target.min, target.max, indicator)[1]
        if beyond is not None:
            notes.append(note("exceeds-range", year=t, value=f"{x:g}", bound=f"{beyond:g}"))

    figures: dict[str, Any] = {}
    if X is not None:
        figures["gap"] = _shortfall(d, X, x)
    if baseline is not None and X is not None and t >= baseline.year:
        x0, t0 = baseline.value, baseline.year
        required = target.value if target.kind == "growth" else f.cagr(x0, X, T - t0)
        actual = f.cagr(x0, x, t - t0)
        figures.update(
            completion=f.completion(x0, x, X),
            time_elapsed=f.time_elapsed(t0, t, T),
            actual_cagr=actual,
            required_cagr=required,
            required_cagr_from_latest=f.cagr(x, X, T - t) if t < T else None,
            growth_ratio=f.growth_ratio(actual, required, d),
            expected_completion=f.expected_completion(x0, X, required, t - t0),
            years_observed=t - t0,
            projected=f.project(x, actual, T - t) if t <= T else None,
            projected_year=f.projected_year(t, x, actual, op, X),
        )
        if t > t0 and actual is None:
            notes.append(note("baseline-nonpositive" if x0 <= 0 else "latest-nonpositive"))
        if t - t0 == 1:
            notes.append(note("weak-evidence"))
    result = _with(result, **figures)

    # In the target year: the figure itself decides, if its bounds settle it.
    met = met_by(latest) if X is not None else False
    measured_from = baseline if target.kind in ("change", "ratio", "growth") else None
    if t == T:
        if X is None:
            return _with(result, status="no_data", notes=notes)
        if met is None:
            notes.append(_unsettled(latest, measured_from, op, X))
            return _with(result, status="undetermined", notes=notes)
        if not met and target.kind == "growth" and result.actual_cagr is not None:
            notes.append(note("growth-not-met", actual=f"{result.actual_cagr:.2%}",
                              target=f"{target.value:.1%}"))
        if not met and op in (">", "<") and f.same(x, X):
            notes.append(note("target-year-strict", op=op))
        return _with(result, status="achieved" if met else "not_achieved", notes=notes)

    if as_of >= T:
        notes.append(note("no-target-year-figure", year=T))
    if met:
        return _with(result, status="achieved", early=True, notes=notes)
    if met is None:
        notes.append(_unsettled(latest, measured_from, op, X))
    if baseline is None or X is None:
        return _with(result, status="no_data", notes=notes)
    if t <= baseline.year:
        notes.append(note("only-baseline"))
        return _with(result, status="no_data", notes=notes)
    if f.same(X, baseline.value):
        notes.append(note("hold-level"))
        return _with(result, status="regressing", notes=notes)
    if result.growth_ratio is not None:
        return _with(result, method="cagr", notes=notes,
                     status=_grade(result.growth_ratio, thresholds.on_track, thresholds))
    if result.completion is not None and result.time_elapsed:
        # 序时进度: completion is compared with the share of time elapsed itself (任务过半).
        progress = result.completion / result.time_elapsed
        return _with(result, method="linear", notes=notes,
                     status=_grade(progress, 1.0, thresholds))
    # Unreachable: past the returns above, completion is defined (X ≠ x0) and so is
    # time_elapsed (t0 < t ≤ T). Kept for the type checker; mutation testing skips it.
    return _with(result, status="no_data", notes=notes)  # pragma: no mutate


def _label(point: Point) -> str:
    return point.figure.label(f"{point.value:g}")


_OP_SIGN = {">": ">", ">=": "≥", "<": "<", "<=": "≤"}


def _unsettled(latest: Point, baseline: Point | None, op: Op, X: float | None) -> Note:
    """Why a qualified figure cannot say whether the target is met: the bounds it gives.

    `baseline` is passed only where the target is measured from it (change, ratio, growth).
    """
    figures = _label(latest)
    if baseline is not None and not baseline.figure.exact:
        figures += f" ({baseline.year}: {_label(baseline)})"
    return note("bounds-unsettled", figure=figures, year=latest.year,
                target=f"{_OP_SIGN[op]}{X:g}")


def _resolve(
    target: Target, baseline: Point | None, t0_wanted: int, T: int, notes: list[Note]
) -> float | None:
    """The target as an absolute value X (None where the baseline it depends on is missing)."""
    assert target.value is not None
    if target.kind == "level":
        return target.value
    if baseline is None:
        notes.append(note("baseline-missing", year=t0_wanted))
        return None
    x0 = baseline.value
    if target.kind == "change":
        return f.total(x0, target.value)
    if target.kind == "ratio":
        # A multiple of zero or of a loss is no target: 2 × −10 = −20 would be met by a loss.
        if x0 <= 0:
            notes.append(note("ratio-zero-baseline"))
            return None
        return f.product(x0, target.value)
    # growth: the level reached by growing at the target rate from the baseline year
    if x0 <= 0:
        notes.append(note("baseline-nonpositive"))
        return None
    return float(x0 * (1.0 + target.value) ** (T - baseline.year))


def _grade(ratio: float, on_track: float, thresholds: Thresholds) -> Status:
    # With the tolerance of compare(): 9.5 % against 10 % is a ratio of exactly 0.95.
    if f.compare(ratio, ">=", on_track):
        return "on_track"
    if f.compare(ratio, ">=", thresholds.moderate):
        return "moderate"
    if f.compare(ratio, ">=", thresholds.off_track):
        return "off_track"
    return "regressing"


def _with(result: TargetResult, notes: Sequence[Note] = (), **changes: Any) -> TargetResult:
    return replace(result, notes=tuple(dict.fromkeys((*result.notes, *notes))), **changes)


# -- window targets: each_year, trend --------------------------------------------------------


def _each_year(
    plan_id: str,
    meta: PlanMeta,
    target: Target,
    indicator: Indicator,
    series: Mapping[int, Point],
    as_of: int,
) -> TargetResult:
    first, last = target.years or meta.period
    due = [y for y in range(first, last + 1) if y <= as_of]
    observed = [y for y in due if y in series]
    missing = [y for y in due if y not in series]
    notes: list[Note] = []
    failing: list[int] = []
    unsettled: list[int] = []
    for year in observed:
        point = series[year]
        met: bool | None
        if target.min is not None and target.max is not None:
            beyond = _meets_range(point.value, target.min, target.max, indicator)[1]
            if beyond is not None:
                notes.append(note("exceeds-range", year=year, value=_label(point),
                                  bound=f"{beyond:g}"))
            near = target.min if indicator.better == "higher" else target.max
            met = fig.satisfies(point.figure, _range_op(indicator), near)
        else:
            assert target.op is not None and target.value is not None
            met = fig.satisfies(point.figure, target.op, target.value)
        if met is None:
            unsettled.append(year)
        elif not met:
            failing.append(year)
    bound: float | None
    if target.min is not None and target.max is not None:
        target_value: float | tuple[float, float] | None = (target.min, target.max)
        bound = target.min if indicator.better == "higher" else target.max
    else:
        target_value = bound = target.value
    latest = series[observed[-1]] if observed else None
    gap = None
    if latest is not None and bound is not None:
        gap = _shortfall(_sign(indicator), bound, latest.value)
    status = _window_status(failing, unsettled, missing, bool(observed), as_of >= last)
    if failing:
        notes.append(note("failing-years", years=_years_text(failing)))
    if unsettled:
        notes.append(note("unsettled-years", years=_years_text(unsettled)))
    if missing:
        notes.append(note("missing-years", years=_years_text(missing)))
    return TargetResult(
        plan_id=plan_id, target=target, indicator=indicator, target_value=target_value,
        target_year=last, latest=latest, gap=gap, status=status,
        approximate=any(not series[y].figure.exact for y in observed),
        failing_years=tuple(failing), notes=tuple(notes),
    )


def _window_status(
    failing: list[int], unsettled: list[int], missing: list[int], observed: bool, ended: bool
) -> Status:
    """each_year and trend: a miss is final; a gap or an unsettled year is judged at the end."""
    if failing:
        return "not_achieved"
    if not observed:
        return "no_data"
    if ended:
        return "undetermined" if missing or unsettled else "achieved"
    return "on_track"


def _trend(
    plan_id: str,
    meta: PlanMeta,
    target: Target,
    indicator: Indicator,
    series: Mapping[int, Point],
) -> TargetResult:
    t0 = target.baseline_year or meta.baseline_year
    T = target.year
    direction = target.direction or ("rising" if indicator.better == "higher" else "falling")
    op: Op = ">" if direction == "rising" else "<"
    years = [y for y in range(t0, T + 1) if y in series]
    horizon = max(years, default=t0)
    failing: list[int] = []
    unsettled: list[int] = []
    missing: list[int] = []
    checked = 0
    for year in range(t0 + 1, horizon + 1):
        if year not in series or year - 1 not in series:
            missing.append(year if year not in series else year - 1)
            continue
        checked += 1
        change = fig.minus(series[year].figure, series[year - 1].figure)
        moved = fig.satisfies(change, op, 0.0)
        if moved is None:
            unsettled.append(year)
        elif not moved:
            failing.append(year)
    missing = sorted(set(missing))
    notes: list[Note] = []
    status = _window_status(failing, unsettled, missing, checked > 0, horizon == T)
    if failing:
        notes.append(note("wrong-direction-years", years=_years_text(failing)))
    if unsettled:
        notes.append(note("unsettled-years", years=_years_text(unsettled)))
    if missing:
        notes.append(note("missing-years", years=_years_text(missing)))
    baseline = series.get(t0)
    latest = series[horizon] if years else None
    actual = None
    if baseline is not None and latest is not None and latest.year > t0:
        actual = f.cagr(baseline.value, latest.value, latest.year - t0)
    return TargetResult(
        plan_id=plan_id, target=target, indicator=indicator, target_value=None, target_year=T,
        baseline=baseline, latest=latest, actual_cagr=actual,
        approximate=any(not series[y].figure.exact for y in years),
        years_observed=(latest.year - t0) if latest and baseline else None,
        status=status, failing_years=tuple(failing), notes=tuple(notes),
    )
