"""Targets on every year of a window: each-year targets (每年…) and trend targets (持续提升).

Each in three steps, as targets on one value: resolve the window, measure the years (which
were met, missed, unsettled, without a figure), and decide the status by the table of
status_rules.WINDOW_RULES. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from railkpi import figures as fig
from railkpi.calc import formulas as f
from railkpi.calc.results import Note, Point, TargetResult, note
from railkpi.calc.single_value import beyond_range, range_op, shortfall, sign
from railkpi.calc.status_rules import Window, window_status
from railkpi.numeric import Op
from railkpi.plans.models import Indicator, PlanMeta, Target
from railkpi.records import record


def _years_text(years: Iterable[int]) -> str:
    return ", ".join(str(y) for y in years)


def _window_notes(window: Window, failing_code: str) -> list[Note]:
    notes = []
    if window.failing:
        notes.append(note(failing_code, years=_years_text(window.failing)))
    if window.unsettled:
        notes.append(note("unsettled-years", years=_years_text(window.unsettled)))
    if window.missing:
        notes.append(note("missing-years", years=_years_text(window.missing)))
    return notes


# -- each year ---------------------------------------------------------------------------


@record
class EachYear:
    """An each-year target resolved: its window, its comparison, and the bound the gap is
    measured to (a range's better end)."""

    first: int
    last: int
    op: Op
    bound: float | None
    target_value: float | tuple[float, float] | None


def resolve_each_year(target: Target, meta: PlanMeta, indicator: Indicator) -> EachYear:
    first, last = target.years or meta.period
    if target.min is not None and target.max is not None:
        bound = target.min if indicator.better == "higher" else target.max
        return EachYear(first, last, range_op(indicator), bound, (target.min, target.max))
    assert target.op is not None
    return EachYear(first, last, target.op, target.value, target.value)


def assess_each_year(plan_id: str, meta: PlanMeta, target: Target, indicator: Indicator,
                     series: Mapping[int, Point], as_of: int) -> TargetResult:
    """Every year of the window so far: a missed year is final, a year without a figure noted."""
    window = resolve_each_year(target, meta, indicator)
    due = [y for y in range(window.first, window.last + 1) if y <= as_of]
    observed = [y for y in due if y in series]
    notes: list[Note] = []
    failing: list[int] = []
    unsettled: list[int] = []
    for year in observed:
        point = series[year]
        if target.min is not None and target.max is not None:
            beyond = beyond_range(point.value, target.min, target.max, indicator)
            if beyond is not None:
                notes.append(note("exceeds-range", year=year,
                                  value=point.figure.label(f"{point.value:g}"),
                                  bound=f"{beyond:g}"))
        assert window.bound is not None
        met = fig.satisfies(point.figure, window.op, window.bound)
        if met is None:
            unsettled.append(year)
        elif not met:
            failing.append(year)
    years = Window(tuple(failing), tuple(unsettled), tuple(y for y in due if y not in series),
                   bool(observed), as_of >= window.last)
    latest = series[observed[-1]] if observed else None
    gap = None
    if latest is not None and window.bound is not None:
        gap = shortfall(sign(indicator), window.bound, latest.value)
    return TargetResult(
        plan_id=plan_id, target=target, indicator=indicator,
        target_value=window.target_value, target_year=window.last, latest=latest, gap=gap,
        status=window_status(years),
        approximate=any(not series[y].figure.exact for y in observed),
        failing_years=years.failing, notes=(*notes, *_window_notes(years, "failing-years")),
    )


# -- trend -------------------------------------------------------------------------------


def assess_trend(plan_id: str, meta: PlanMeta, target: Target, indicator: Indicator,
                 series: Mapping[int, Point]) -> TargetResult:
    """Every year-on-year change from the baseline year to the target year must have the
    required sign; a gap in the years is noted."""
    t0 = target.baseline_year or meta.baseline_year
    direction = target.direction or ("rising" if indicator.better == "higher" else "falling")
    op: Op = ">" if direction == "rising" else "<"
    years = [y for y in range(t0, target.year + 1) if y in series]
    horizon = max(years, default=t0)
    failing: list[int] = []
    unsettled: list[int] = []
    missing: set[int] = set()
    checked = 0
    for year in range(t0 + 1, horizon + 1):
        if year not in series or year - 1 not in series:
            missing.add(year if year not in series else year - 1)
            continue
        checked += 1
        moved = fig.satisfies(fig.minus(series[year].figure, series[year - 1].figure), op, 0.0)
        if moved is None:
            unsettled.append(year)
        elif not moved:
            failing.append(year)
    window = Window(tuple(failing), tuple(unsettled), tuple(sorted(missing)), checked > 0,
                    horizon == target.year)
    baseline = series.get(t0)
    latest = series[horizon] if years else None
    actual = None
    if baseline is not None and latest is not None and latest.year > t0:
        actual = f.cagr(baseline.value, latest.value, latest.year - t0)
    return TargetResult(
        plan_id=plan_id, target=target, indicator=indicator, target_value=None,
        target_year=target.year, baseline=baseline, latest=latest, actual_cagr=actual,
        approximate=any(not series[y].figure.exact for y in years),
        years_observed=(latest.year - t0) if latest and baseline else None,
        status=window_status(window), failing_years=window.failing,
        notes=tuple(_window_notes(window, "wrong-direction-years")),
    )
