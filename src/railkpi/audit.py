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
  be right (143 in one plan, 180余 in another), within a plan or across the loaded plans.

Levels are taken as printed: 26.6 → 56.8 is 16.38 % a year, even though 26.65 → 56.75 (which
the printed figures also allow) would give 16.32 %. A stated figure whose levels are not all
published, or not exact figures (180余), is not checked and is listed as `Unchecked`.
Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations
from typing import Literal

from railkpi import formulas
from railkpi.figures import Figure
from railkpi.messages import AUDIT, pick
from railkpi.plan import Plan, Target

#: Tolerance of an increment the plan marks as approximate (约 / 近): ±5 % of the increment.
#: "约100" is a round figure; 5 % accepts 95-105 and still catches a figure that is plainly
#: another number (a 263.7 − 150 = 113.7 against "约100").
APPROXIMATE_SHARE = Decimal("0.05")

#: Differences this small are binary floating-point dust, not a difference between figures:
#: a rate that comes out at 16.350000000000001 % against "16.3%" is on the tolerance, not over.
SLACK = Decimal("1e-9")

Reason = Literal["missing", "inexact", "nonpositive"]
UncheckedKind = Literal["stated_rate", "stated_change", "stated_total", "change_target"]
Params = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Finding:
    """One inconsistency among a plan's own figures (or between two plans' figures).

    `stated` and `computed` are numbers where they are numbers (rates as fractions), else text;
    `stated_text` and `computed_text` are how a table shows them. A finding across two plans
    has no computed figure: the other plan's target or figure is `other` / `other_text`.
    `years` are the years the finding is about.
    """

    code: str
    plan: str
    indicator: str
    stated: float | str
    computed: float | str | None
    stated_text: str
    computed_text: str
    params: Params = ()
    years: tuple[int, ...] = ()
    other: str | None = None
    other_text: str = ""

    def message(self, lang: str) -> str:
        return pick(AUDIT[self.code], lang).format(**dict(self.params))


@dataclass(frozen=True)
class Unchecked:
    """A stated figure that could not be checked: which years stop it, and why."""

    kind: UncheckedKind
    plan: str
    indicator: str
    years: tuple[int, int]
    reason: Reason
    reason_years: tuple[int, ...]

    def message(self, lang: str) -> str:
        years = ("、" if lang == "zh" else ", ").join(str(y) for y in self.reason_years)
        return pick(AUDIT[f"unchecked-{self.reason}"], lang).format(years=years)


@dataclass(frozen=True)
class AuditResult:
    findings: tuple[Finding, ...]
    unchecked: tuple[Unchecked, ...]


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
    from railkpi.audit_levels import check_levels  # it builds on this module's Finding

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
        off_by = abs(_decimal(computed).scaleb(2) - stated.percent)
        if off_by <= stated.tolerance + SLACK:
            continue
        stated_text = f"{stated.percent:f}%"  # 2E+1 → 20
        # One decimal more than the plan prints: 16.38 % against 16.3 %.
        computed_text = f"{computed * 100:.{stated.decimals + 1}f}%"
        findings.append(
            Finding(
                "rate-mismatch", plan.id, stated.indicator, stated.fraction, computed,
                stated_text, computed_text,
                _params(start=start, end=end, start_value=number(levels[start].value),
                        end_value=number(levels[end].value), stated=stated_text,
                        computed=computed_text, tolerance=stated.tolerance),
                years=stated.years,
            )
        )
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
        computed = formulas.difference(levels[end].value, levels[start].value)
        if stated.approximate:
            tolerance = abs(_decimal(stated.change)) * APPROXIMATE_SHARE
            tolerance_text = f"±{APPROXIMATE_SHARE.scaleb(2).normalize()}%"
        else:
            tolerance = half_unit(stated.change)
            tolerance_text = f"±{tolerance}"
        if abs(_decimal(computed) - _decimal(stated.change)) <= tolerance + SLACK:
            continue
        stated_text = ("≈" if stated.approximate else "") + number(stated.change)
        findings.append(
            Finding(
                "change-mismatch", plan.id, stated.indicator, stated.change, computed,
                stated_text, number(computed),
                _params(start=start, end=end, start_value=number(levels[start].value),
                        end_value=number(levels[end].value), stated=stated_text,
                        computed=number(computed), tolerance=tolerance_text),
                years=stated.years,
            )
        )
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
        summed = sum((_decimal(levels[y].value) for y in years), Decimal(0))
        tolerance = half_unit(stated.total)
        if abs(summed - _decimal(stated.total)) <= tolerance + SLACK:
            continue
        computed = float(summed)
        findings.append(
            Finding(
                "total-mismatch", plan.id, stated.indicator, stated.total, computed,
                number(stated.total), number(computed),
                _params(start=start, end=end, stated=number(stated.total),
                        computed=number(computed), tolerance=f"±{tolerance}"),
                years=stated.years,
            )
        )
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
        for level in level_targets:
            if level.value is None or within(resolved, level.value):
                continue
            level_text = target_text(plan, level)
            resolved_text = interval(resolved)
            findings.append(
                Finding(
                    "increment-vs-total", plan.id, change.indicator, level.value,
                    resolved.value, level_text, resolved_text,
                    _params(year=change.year, baseline_year=baseline_year,
                            baseline=baseline.label(number(baseline.value)),
                            change=_signed(change.value or 0.0), resolved=resolved_text,
                            change_target=change.id, level_target=level.id, level=level_text),
                    years=(baseline_year, change.year),
                )
            )
    return findings, unchecked


def check_target_years(plan: Plan) -> list[Finding]:
    """Target years, and each-year window years, outside the plan period."""
    start, end = plan.plan.period
    findings: list[Finding] = []
    for target in plan.targets:
        for year in dict.fromkeys((target.year, *(target.years or ()))):
            if start <= year <= end:
                continue
            period = f"{start}-{end}"
            findings.append(
                Finding(
                    "target-outside-period", plan.id, target.indicator, year, period,
                    str(year), period,
                    _params(target=target.id, year=year, start=start, end=end),
                    years=(year,),
                )
            )
    return findings


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
        combine = formulas.total if target.kind == "change" else formulas.product
        resolved = combine(baseline.value, target.value)
        return (target.op, resolved, resolved)
    return None


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
                mine_text, theirs_text = target_text(first, mine), target_text(second, theirs)
                # JSON and the message name plan and target; the table has room for the plan.
                mine_full = f"{mine_text} ({first.id} {mine.id})"
                theirs_full = f"{theirs_text} ({second.id} {theirs.id})"
                findings.append(
                    Finding(
                        "conflicting-targets", first.id, mine.indicator, mine_full, None,
                        f"{mine_text} ({first.id})", "",
                        _params(year=mine.year, first=mine_full, second=theirs_full),
                        years=(mine.year,), other=theirs_full,
                        other_text=f"{theirs_text} ({second.id})",
                    )
                )
    return findings


def same_condition(a: Condition, b: Condition) -> bool:
    return a[0] == b[0] and formulas.same(a[1], b[1]) and formulas.same(a[2], b[2])


# -- figures and their text ------------------------------------------------------------------


def plus(figure: Figure, delta: float) -> Figure:
    """A published level plus an increment, keeping the level's bounds (180余 + 60: 240 to 250)."""
    return Figure(
        formulas.total(figure.value, delta),
        None if figure.lower is None else formulas.total(figure.lower, delta),
        None if figure.upper is None else formulas.total(figure.upper, delta),
        figure.lower_inclusive,
        figure.upper_inclusive,
        figure.qualifier,
    )


def within(figure: Figure, value: float) -> bool:
    """Whether `value` is a value the figure allows (equal within formulas.REL_TOL if exact)."""
    if figure.lower is not None:
        if formulas.same(value, figure.lower):
            if not figure.lower_inclusive:
                return False
        elif value < figure.lower:
            return False
    if figure.upper is not None:
        if formulas.same(value, figure.upper):
            if not figure.upper_inclusive:
                return False
        elif value > figure.upper:
            return False
    return True


def interval(figure: Figure) -> str:
    """'240' for an exact figure, '[240, 250)' for one with bounds, '(240, ∞)' if one-sided."""
    if figure.exact:
        return number(figure.value)
    low = "(-∞" if figure.lower is None else ("[" if figure.lower_inclusive else "(") + number(
        figure.lower
    )
    high = "∞)" if figure.upper is None else number(figure.upper) + (
        "]" if figure.upper_inclusive else ")"
    )
    return f"{low}, {high}"


_OP_TEXT = {">": ">", ">=": "≥", "<": "<", "<=": "≤"}


def target_text(plan: Plan, target: Target) -> str:
    """A target as the plan states it, resolved where it can be: '> 3500', '≥ +60 = 240', '3–5'."""
    if target.kind == "range" and target.min is not None and target.max is not None:
        return f"{number(target.min)}–{number(target.max)}"
    op = _OP_TEXT.get(target.op or "", "")
    if target.value is None:
        return target.kind
    resolved = condition(plan, target)
    if target.kind == "change":
        text = f"{op} {_signed(target.value)}"
    elif target.kind == "ratio":
        text = f"{op} ×{number(target.value)}"
    elif target.kind == "growth":
        return f"{op} {_decimal(target.value).scaleb(2).normalize():f}%/yr"
    else:
        text = f"{op} {number(target.value)}"
    if target.kind in ("change", "ratio") and resolved is not None:
        text += f" = {number(resolved[1])}"
    return text


def number(value: float) -> str:
    """A figure as written, without float dust or a trailing '.0': 3500.0 → '3500'."""
    text = format(_decimal(value).normalize(), "f")
    return "0" if text == "-0" else text


def half_unit(value: float) -> Decimal:
    """Half a unit of the last written digit: 9837.9 → 0.05, 100 → 0.5."""
    exponent = _decimal(value).normalize().as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    return Decimal(5).scaleb(-(decimals + 1))


def _signed(value: float) -> str:
    return ("+" if value >= 0 else "") + number(value)


def _decimal(value: float) -> Decimal:
    return Decimal(repr(value))


def _params(**params: object) -> Params:
    return tuple((key, str(value)) for key, value in params.items())
