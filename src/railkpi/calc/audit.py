"""Checks on a plan's own published figures (method.md, "Checks on a plan's own figures").

A plan document states growth rates, increments and totals next to the levels they summarise,
and two plans may target the same indicator. These checks compare them with each other:

- `rate-mismatch`: a stated growth rate against the CAGR of the two published levels, at the
  precision the rate is printed with (16.3 % allows ±0.05 points);
- `change-mismatch`: a stated increment against the difference of the two published levels;
- `total-mismatch`: a stated cumulative total against the sum of the published levels;
- `increment-vs-total`: a `change` target against a `level` target on the same indicator and
  year (180 + 60 against "> 240");
- `target-outside-period`: a target year (or each-year window year) outside the plan period;
- `conflicting-targets`: two loaded plans targeting the same indicator in the same year
  differently (revenue > 3500 against ≥ 3000 in 2025);
- `conflicting-levels`: two published figures of the same indicator and year that cannot both
  be right (143 in one plan, 180余 in another), within a plan or across the loaded plans
  (calc/audit_levels.py).

Levels are taken as printed: 26.6 → 56.8 is 16.38 % a year, even though 26.65 → 56.75 (which
the printed figures also allow) would give 16.32 %. A stated figure whose levels are not all
published, or not exact figures (180余), is not checked and is listed as `Unchecked`.
Codes and figures only: the words of a finding are the renderers' (render/audit_words.py).
Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from itertools import combinations

from railkpi import numeric
from railkpi.calc import formulas
from railkpi.calc.audit_levels import check_levels
from railkpi.calc.findings import (
    AuditResult,
    ChangeMismatch,
    ConflictingTargets,
    Finding,
    IncrementVsTotal,
    RateMismatch,
    Reason,
    StatedTarget,
    TargetOutsidePeriod,
    TotalMismatch,
    Unchecked,
)
from railkpi.figures import Figure
from railkpi.numeric import DUST, decimal, half_unit
from railkpi.plans.models import Plan, Target

#: Tolerance of an increment the plan marks as approximate (约 / 近): ±5 % of the increment.
#: "约100" is a round figure; 5 % accepts 95-105 and still catches a figure that is plainly
#: another number (a 263.7 − 150 = 113.7 against "约100").
APPROXIMATE_SHARE = Decimal("0.05")



def audit(plans: Sequence[Plan]) -> AuditResult:
    """Every check on every plan, then the targets of each pair of plans against each other."""
    findings: list[Finding] = []
    unchecked: list[Unchecked] = []
    for plan in plans:
        findings.extend(check_target_years(plan))
        for check in (check_rates, check_changes, check_totals, check_increments):
            found, not_checked = check(plan)
            findings.extend(found)
            unchecked.extend(not_checked)
    findings.extend(check_conflicts(plans))
    findings.extend(check_levels(plans))
    return AuditResult(tuple(findings), tuple(unchecked))


# -- published levels ----------------------------------------------------------------------


def history_of(plan: Plan, indicator: str) -> dict[int, Figure]:
    """The levels a plan publishes for one indicator, by year (an exact figure where the plan
    also gives one with a qualifier: 2364.9 rather than 突破1000)."""
    return {year: level.figure for year, (_, level) in plan.published(indicator).items()}


def _why_not_checkable(
    levels: dict[int, Figure], years: Sequence[int]
) -> tuple[Reason, tuple[int, ...]] | None:
    """Why the levels of `years` cannot be used: some are not published, or not exact."""
    missing = tuple(y for y in years if y not in levels)
    if missing:
        return "missing", missing
    inexact = tuple(y for y in years if not levels[y].exact)
    if inexact:
        return "inexact", inexact
    return None


# -- stated rates, changes and totals ------------------------------------------------------

Checked = tuple[list[Finding], list[Unchecked]]


def check_rates(plan: Plan) -> Checked:
    """Each stated rate against the CAGR of its two levels, at the rate's printed precision."""
    findings: list[Finding] = []
    unchecked: list[Unchecked] = []
    for stated in plan.stated_rates:
        start, end = stated.years
        levels = history_of(plan, stated.indicator)
        blocked = _why_not_checkable(levels, (start, end))
        computed = None if blocked else formulas.cagr(
            levels[start].value, levels[end].value, end - start
        )
        if computed is None:
            # No usable levels, or a zero or negative one (a growth rate is then undefined).
            reason, reason_years = blocked or ("nonpositive", (start, end))
            unchecked.append(
                Unchecked("stated_rate", plan.id, stated.indicator, stated.years, reason,
                          reason_years)
            )
            continue
        off_by = abs(decimal(computed).scaleb(2) - stated.percent)
        if off_by <= stated.tolerance + DUST:
            continue
        findings.append(RateMismatch(plan.id, stated.indicator, stated.years,
                                     (levels[start].value, levels[end].value), stated, computed))
    return findings, unchecked


def check_changes(plan: Plan) -> Checked:
    """Each stated increment against the difference of its two levels.

    An approximate increment (约100) allows ±5 % of itself; an exact one half a unit of its
    last written digit (100 → ±0.5, 99.5 → ±0.05).
    """
    findings: list[Finding] = []
    unchecked: list[Unchecked] = []
    for stated in plan.stated_changes:
        start, end = stated.years
        levels = history_of(plan, stated.indicator)
        blocked = _why_not_checkable(levels, (start, end))
        if blocked is not None:
            unchecked.append(
                Unchecked("stated_change", plan.id, stated.indicator, stated.years, *blocked)
            )
            continue
        computed = numeric.difference(levels[end].value, levels[start].value)
        if stated.approximate:
            tolerance = abs(decimal(stated.change)) * APPROXIMATE_SHARE
        else:
            tolerance = half_unit(stated.change)
        if abs(decimal(computed) - decimal(stated.change)) <= tolerance + DUST:
            continue
        findings.append(ChangeMismatch(plan.id, stated.indicator, stated.years,
                                       (levels[start].value, levels[end].value), stated,
                                       computed, tolerance))
    return findings, unchecked


def check_totals(plan: Plan) -> Checked:
    """Each stated cumulative total against the sum of the levels of every year it covers."""
    findings: list[Finding] = []
    unchecked: list[Unchecked] = []
    for stated in plan.stated_totals:
        start, end = stated.years
        years = range(start, end + 1)
        levels = history_of(plan, stated.indicator)
        blocked = _why_not_checkable(levels, years)
        if blocked is not None:
            unchecked.append(
                Unchecked("stated_total", plan.id, stated.indicator, stated.years, *blocked)
            )
            continue
        summed = sum((decimal(levels[y].value) for y in years), Decimal(0))
        tolerance = half_unit(stated.total)
        if abs(summed - decimal(stated.total)) <= tolerance + DUST:
            continue
        findings.append(TotalMismatch(plan.id, stated.indicator, stated.years, stated,
                                      float(summed), tolerance))
    return findings, unchecked


# -- targets within one plan -----------------------------------------------------------------


def check_increments(plan: Plan) -> Checked:
    """A `change` target against a `level` target on the same indicator and year.

    The change resolves to baseline + Δ from the plan's own baseline level (180 + 60 = 240).
    A level with bounds (180余: 180 to 190) makes the sum a range (240 to 250); the level target
    is reported only when its value lies outside that range. The comparators are not compared
    (≥ +60 against > 240 is the same figure).
    """
    findings: list[Finding] = []
    unchecked: list[Unchecked] = []
    for change in (t for t in plan.targets if t.kind == "change"):
        level_targets = [
            t for t in plan.targets
            if t.kind == "level" and t.indicator == change.indicator and t.year == change.year
        ]
        if not level_targets:
            continue
        baseline_year = change.baseline_year or plan.plan.baseline_year
        baseline = history_of(plan, change.indicator).get(baseline_year)
        if baseline is None or baseline.approximate:
            unchecked.append(
                Unchecked("change_target", plan.id, change.indicator,
                          (baseline_year, change.year),
                          "missing" if baseline is None else "inexact", (baseline_year,))
            )
            continue
        resolved = plus(baseline, change.value or 0.0)
        findings.extend(
            IncrementVsTotal(plan.id, change.indicator, change.year, baseline_year, baseline,
                             change, resolved, stated_target(plan, level))
            for level in level_targets
            if level.value is not None and not within(resolved, level.value)
        )
    return findings, unchecked


def check_target_years(plan: Plan) -> list[Finding]:
    """Target years, and each-year window years, outside the plan period."""
    start, end = plan.plan.period
    return [
        TargetOutsidePeriod(plan.id, target.indicator, target.id, year, (start, end))
        for target in plan.targets
        for year in dict.fromkeys((target.year, *(target.years or ())))
        if not start <= year <= end
    ]


# -- targets of two plans ----------------------------------------------------------------------

#: A target reduced to what it asks in its year: (">", 3500.0) or ("range", 3.0, 5.0).
Condition = tuple[str, float, float]


def condition(plan: Plan, target: Target) -> Condition | None:
    """What a level, range, change or ratio target asks, as an absolute figure.

    None where it cannot be said without data: growth, trend and each-year targets, and a
    change or ratio whose baseline the plan does not publish as an exact figure.
    """
    if target.kind == "range" and target.min is not None and target.max is not None:
        return ("range", target.min, target.max)
    if target.op is None or target.value is None:
        return None
    if target.kind == "level":
        return (target.op, target.value, target.value)
    if target.kind in ("change", "ratio"):
        baseline_year = target.baseline_year or plan.plan.baseline_year
        baseline = history_of(plan, target.indicator).get(baseline_year)
        if baseline is None or not baseline.exact:
            return None
        combine = numeric.total if target.kind == "change" else numeric.product
        resolved = combine(baseline.value, target.value)
        return (target.op, resolved, resolved)
    return None


def stated_target(plan: Plan, target: Target) -> StatedTarget:
    """The target with X where the plan's own baseline resolves it (change and ratio)."""
    resolved = condition(plan, target)
    relative = target.kind in ("change", "ratio") and resolved is not None
    return StatedTarget(plan.id, target, plan.indicators[target.indicator],
                        resolved[1] if relative and resolved else None)


def check_conflicts(plans: Sequence[Plan]) -> list[Finding]:
    """Every pair of targets from two plans on the same indicator and year that ask differently.

    Each pair is a finding, so a plan with both a level and a change target on an indicator
    shows both against the other plan's target.
    """
    findings: list[Finding] = []
    for first, second in combinations(plans, 2):
        for mine in first.targets:
            my_condition = condition(first, mine)
            if my_condition is None:
                continue
            for theirs in second.targets:
                if theirs.indicator != mine.indicator or theirs.year != mine.year:
                    continue
                their_condition = condition(second, theirs)
                if their_condition is None or same_condition(my_condition, their_condition):
                    continue
                findings.append(ConflictingTargets(first.id, mine.indicator, mine.year,
                                                   stated_target(first, mine),
                                                   stated_target(second, theirs)))
    return findings


def same_condition(a: Condition, b: Condition) -> bool:
    return a[0] == b[0] and numeric.same(a[1], b[1]) and numeric.same(a[2], b[2])


# -- figures ---------------------------------------------------------------------------------


def plus(figure: Figure, delta: float) -> Figure:
    """A published level plus an increment, keeping the level's bounds (180余 + 60: 240 to 250)."""
    return Figure(
        numeric.total(figure.value, delta),
        None if figure.lower is None else numeric.total(figure.lower, delta),
        None if figure.upper is None else numeric.total(figure.upper, delta),
        figure.lower_inclusive,
        figure.upper_inclusive,
        figure.qualifier,
    )


def within(figure: Figure, value: float) -> bool:
    """Whether `value` is a value the figure allows (equal within numeric.REL_TOL if exact)."""
    if figure.lower is not None:
        if numeric.same(value, figure.lower):
            if not figure.lower_inclusive:
                return False
        elif value < figure.lower:
            return False
    if figure.upper is not None:
        if numeric.same(value, figure.upper):
            if not figure.upper_inclusive:
                return False
        elif value > figure.upper:
            return False
    return True
