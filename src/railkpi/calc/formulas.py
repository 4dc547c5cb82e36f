"""The formulas of method.md as plain functions of numbers. No I/O, no rounding.

Every function returns None where method.md says the figure is undefined, never a stand-in
number: a caller that gets None reports null and falls back as method.md says. A figure too
large for a float (1e300 grown for years, a rate from a baseline of 5e-324) comes out as an
infinity, never as an exception: the assessment turns it into null with a note
(`in_range`).
"""

from __future__ import annotations

import math

from railkpi.numeric import Op, compare, difference, same


def power(base: float, exponent: float) -> float:
    """base ** exponent, an infinity where the result is too large for a float (Python raises
    OverflowError there, as it does for no other arithmetic)."""
    try:
        return float(base**exponent)
    except OverflowError:  # only a negative base to an odd power is negative: (−10)^400 > 0
        return -math.inf if base < 0 and exponent % 2 == 1 else math.inf
    except ZeroDivisionError:  # 0.0 to a negative power
        return math.inf


def finite(value: float | None) -> float | None:
    """The value, or None where it is an infinity or not a number."""
    return value if value is not None and math.isfinite(value) else None


def cagr(start: float, end: float, years: float) -> float | None:
    """Compound annual growth rate from `start` to `end` over `years` years."""
    if years <= 0 or start <= 0 or end <= 0:
        return None
    return power(end / start, 1.0 / years) - 1.0


def completion(baseline: float, latest: float, target: float) -> float | None:
    """Share of the distance from baseline to target covered (完成进度)."""
    if same(target, baseline):
        return None
    # + 0.0: no progress towards a lower target is 0.0, not −0.0 (0.0 / −0.2 is −0.0).
    return difference(latest, baseline) / difference(target, baseline) + 0.0


def time_elapsed(baseline_year: int, latest_year: int, target_year: int) -> float | None:
    """Share of the period from baseline year to target year elapsed (序时进度)."""
    if target_year <= baseline_year:
        return None
    return (latest_year - baseline_year) / (target_year - baseline_year)


def growth_ratio(actual: float | None, required: float | None, sign: int) -> float | None:
    """sign · actual ÷ |required|: ≥ 1 means growing at least as fast as the target needs.

    `sign` is +1 when higher is better, −1 when lower is better. Dividing by |required| keeps a
    fall below a target that the baseline already beat from reading as progress.
    """
    if actual is None or required is None or required == 0:
        return None
    return sign * actual / abs(required) + 0.0  # −1 · 0.0 is −0.0: report 0.0


def expected_completion(
    baseline: float, target: float, required: float | None, years_since_baseline: int
) -> float | None:
    """Completion expected by now on the compound path from baseline to target."""
    if required is None or same(target, baseline):
        return None
    on_path = baseline * power(1.0 + required, years_since_baseline)
    return (on_path - baseline) / difference(target, baseline) + 0.0  # never −0.0


def project(latest: float, rate: float | None, years_ahead: int) -> float | None:
    """The latest value carried forward at `rate` a year."""
    if rate is None:
        return None
    return latest * power(1.0 + rate, years_ahead)


#: How far ahead a projection looks for the year it reaches the target.
PROJECTION_HORIZON = 100


def projected_year(
    latest_year: int, latest: float, rate: float | None, op: Op, target: float
) -> int | None:
    """First year ≥ latest_year in which latest·(1+rate)^n reaches `target` (None if never).

    Reaching means equalling or passing: like gaps and rates, the projection uses X itself
    whether the target is strict or not. Only a rate that moves towards the target reaches it.
    """
    if rate is None:
        return None
    reach: Op = ">=" if op in (">", ">=") else "<="
    toward = rate > 0 if reach == ">=" else rate < 0
    if not toward and not compare(latest, reach, target):
        return None
    for years_ahead in range(PROJECTION_HORIZON + 1):
        reached = latest * power(1.0 + rate, years_ahead)
        if not math.isfinite(reached):
            return None
        if compare(reached, reach, target):
            return latest_year + years_ahead
    return None


def yoy_growth(previous: float, latest: float) -> float | None:
    """Year-on-year growth (同比): latest ÷ previous year's figure − 1; undefined (None) when the
    previous year's figure is zero or negative, where a growth rate means nothing."""
    if previous <= 0:
        return None
    return difference(latest, previous) / previous


def needed_per_year(gap: float | None, latest_year: int, target_year: int) -> float | None:
    """How far the figure must still move each remaining year to reach the target, in the
    indicator's unit: gap ÷ (T − t), with the sign of the gap (positive: still short, whichever
    way is better). 0 once the target is met (gap ≤ 0); None when no year is left (t ≥ T) or
    the gap is undefined."""
    if gap is None or latest_year >= target_year:
        return None
    if gap <= 0:
        return 0.0
    return gap / (target_year - latest_year)
