"""The status rules of method.md as ordered lists: the first rule that decides, wins.

A target on one value (level, range, change, ratio, growth) is judged by SINGLE_VALUE_RULES on
a Case: the resolved target, the figures measured and whether the latest figure meets it. A
rule returns a Verdict (the status, and why), a Remark (a note, and the next rule decides), or
None (it does not apply). Each-year and trend targets are judged by WINDOW_RULES, a table.
Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from railkpi import numeric
from railkpi.calc.results import Method, Note, Point, Status, note
from railkpi.numeric import OP_SYMBOLS, Op
from railkpi.plans.models import Target, Thresholds
from railkpi.records import record


@record
class Resolved:
    """The target resolved for one assessment: the baseline t0, x0 and latest t, x chosen, the
    comparator and X, the absolute figure the latest value is compared with (None where the
    baseline it depends on is missing)."""

    baseline: Point | None
    latest: Point | None
    op: Op
    target_value: float | tuple[float, float] | None  # as reported: X, or a range's (min, max)
    x_target: float | None
    notes: tuple[Note, ...] = ()


@record
class Measures:
    """The figures of method.md for one target; None where a figure is undefined."""

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
    notes: tuple[Note, ...] = ()


@record
class Case:
    """What the rules look at: the target, resolved and measured, and whether its latest
    figure meets it (None where the figure's bounds do not settle it)."""

    target: Target
    year: int  # T, the target year
    as_of: int
    resolved: Resolved
    measures: Measures
    met: bool | None
    thresholds: Thresholds

    @property
    def latest(self) -> Point | None:
        return self.resolved.latest

    @property
    def in_target_year(self) -> bool:
        return self.latest is not None and self.latest.year == self.year


@record
class Verdict:
    status: Status
    notes: tuple[Note, ...] = ()
    method: Method | None = None
    early: bool = False


@record
class Remark:
    """A note the case deserves on its way to a verdict."""

    note: Note


Rule = Callable[[Case], "Verdict | Remark | None"]


def decide(rules: Sequence[Rule], case: Case) -> Verdict:
    """The first verdict of `rules`, with the remarks made before it."""
    remarks: list[Note] = []
    for rule in rules:
        outcome = rule(case)
        if isinstance(outcome, Remark):
            remarks.append(outcome.note)
        elif outcome is not None:
            return Verdict(outcome.status, (*remarks, *outcome.notes), outcome.method,
                           outcome.early)
    raise AssertionError("the last rule always decides")  # pragma: no mutate


def unsettled(case: Case) -> Note:
    """Why a qualified figure cannot say whether the target is met: the bounds it gives, and
    the baseline's where the target is measured from it (change, ratio, growth)."""
    latest, baseline = case.latest, case.resolved.baseline
    assert latest is not None and case.resolved.x_target is not None
    figures = _label(latest)
    if case.target.kind in ("change", "ratio", "growth") and baseline is not None and (
            not baseline.figure.exact):
        figures += f" ({baseline.year}: {_label(baseline)})"
    return note("bounds-unsettled", figure=figures, year=latest.year,
                target=f"{OP_SYMBOLS[case.resolved.op]}{case.resolved.x_target:g}")


def _label(point: Point) -> str:
    return point.figure.label(f"{point.value:g}")


def grade(ratio: float, on_track: float, thresholds: Thresholds) -> Status:
    """A progress ratio against the cut-offs, with the tolerance of numeric.compare: 9.5 %
    against 10 % is a ratio of exactly 0.95."""
    if numeric.compare(ratio, ">=", on_track):
        return "on_track"
    if numeric.compare(ratio, ">=", thresholds.moderate):
        return "moderate"
    if numeric.compare(ratio, ">=", thresholds.off_track):
        return "off_track"
    return "regressing"


# -- targets on one value: the rules in method.md's order -------------------------------------


def no_figure(case: Case) -> Verdict | None:
    """Nothing to judge by: no figure at or before the year assessed and the target year."""
    return Verdict("no_data") if case.latest is None else None


def unresolved_in_target_year(case: Case) -> Verdict | None:
    """In the target year a target that cannot be resolved (no baseline) has no status."""
    if case.in_target_year and case.resolved.x_target is None:
        return Verdict("no_data")
    return None


def unsettled_in_target_year(case: Case) -> Verdict | None:
    """In the target year the figure decides; bounds that straddle the target cannot."""
    if case.in_target_year and case.met is None:
        return Verdict("undetermined", (unsettled(case),))
    return None


def growth_short(case: Case) -> Remark | None:
    """A growth target missed: the growth achieved against the growth asked."""
    actual = case.measures.actual_cagr
    if (case.in_target_year and not case.met and case.target.kind == "growth"
            and actual is not None):
        return Remark(note("growth-not-met", actual=f"{actual:.2%}",
                           target=f"{case.target.value:.1%}"))
    return None


def strict_equal(case: Case) -> Remark | None:
    """A strict target (> 突破, < 低于) equalled in the target year: equalling is not enough."""
    latest, op, x_target = case.latest, case.resolved.op, case.resolved.x_target
    if (case.in_target_year and not case.met and op in (">", "<") and latest is not None
            and x_target is not None and numeric.same(latest.value, x_target)):
        return Remark(note("target-year-strict", op=op))
    return None


def judged_in_target_year(case: Case) -> Verdict | None:
    """In the target year: met is achieved, missed is not achieved."""
    if case.in_target_year:
        return Verdict("achieved" if case.met else "not_achieved")
    return None


def target_year_passed(case: Case) -> Remark | None:
    """The target year has passed without a figure: the progress status stands, noted. (In
    the target year itself it has not passed: its figure may not be out yet.)"""
    if case.as_of > case.year:
        return Remark(note("no-target-year-figure", year=case.year))
    return None


def met_early(case: Case) -> Verdict | None:
    """Before the target year a figure that already meets the target: achieved early."""
    return Verdict("achieved", early=True) if case.met else None


def unsettled_early(case: Case) -> Remark | None:
    """Bounds that do not settle the target: progress is judged from the point value."""
    return Remark(unsettled(case)) if case.met is None else None


def no_baseline(case: Case) -> Verdict | None:
    """No baseline, or a target it could not resolve: progress cannot be measured."""
    if case.resolved.baseline is None or case.resolved.x_target is None:
        return Verdict("no_data")
    return None


def only_baseline(case: Case) -> Verdict | None:
    """Only the baseline year observed: progress cannot be judged yet."""
    baseline, latest = case.resolved.baseline, case.latest
    if baseline is not None and latest is not None and latest.year <= baseline.year:
        return Verdict("no_data", (note("only-baseline"),))
    return None


def beyond_baseline(case: Case) -> Verdict | None:
    """A target to rise above (fall below) the baseline, not yet met: no move yet is off track,
    a move the wrong way regressing, as a growth ratio of zero or below would grade them."""
    baseline, latest, x_target = case.resolved.baseline, case.latest, case.resolved.x_target
    if (baseline is None or latest is None or x_target is None or case.resolved.op not in (">", "<")
            or not numeric.same(x_target, baseline.value)):
        return None
    flat = numeric.same(latest.value, baseline.value)
    return Verdict("off_track" if flat else "regressing", (note(
        "beyond-baseline", op=OP_SYMBOLS[case.resolved.op], value=_label(baseline)),))


def hold_level(case: Case) -> Verdict | None:
    """A target equal to the baseline (hold the level), not yet met: moving away from it."""
    baseline, x_target = case.resolved.baseline, case.resolved.x_target
    if baseline is not None and x_target is not None and numeric.same(x_target, baseline.value):
        return Verdict("regressing", (note("hold-level"),))
    return None


def growth_method(case: Case) -> Verdict | None:
    """Actual growth against the growth required from the baseline (Eurostat's ratio)."""
    ratio = case.measures.growth_ratio
    if ratio is None:
        return None
    return Verdict(grade(ratio, case.thresholds.on_track, case.thresholds), method="cagr")


def linear_method(case: Case) -> Verdict | None:
    """Growth undefined (a zero or negative figure): completion against time elapsed (序时进度),
    on track when the task is as far along as the time (任务过半)."""
    completion, elapsed = case.measures.completion, case.measures.time_elapsed
    if completion is None or not elapsed:
        return None
    return Verdict(grade(completion / elapsed, 1.0, case.thresholds), method="linear")


def nothing_to_judge(case: Case) -> Verdict:
    """The last rule, which no target reaches: past the rules above, the baseline and X are
    known, X ≠ x0 and t0 < t < T, so completion and time elapsed are defined and the linear
    method decides. Kept so that the list always decides; mutation testing skips it."""
    return Verdict("no_data")  # pragma: no mutate


SINGLE_VALUE_RULES: tuple[Rule, ...] = (
    no_figure,
    # In the target year, the figure itself decides, if its bounds settle it.
    unresolved_in_target_year,
    unsettled_in_target_year,
    growth_short,
    strict_equal,
    judged_in_target_year,
    # Before the target year: met already, else progress from the baseline.
    target_year_passed,
    met_early,
    unsettled_early,
    no_baseline,
    only_baseline,
    beyond_baseline,
    hold_level,
    growth_method,
    linear_method,
    nothing_to_judge,
)


# -- each-year and trend targets: a table --------------------------------------------------


@record
class Window:
    """The years of an each-year or trend window checked so far."""

    failing: tuple[int, ...]  # missed (each year) or moving the wrong way (trend)
    unsettled: tuple[int, ...]  # bounds that do not settle the year
    missing: tuple[int, ...]  # years without a figure
    observed: bool  # at least one year checked
    ended: bool  # the window's last year has been reached


@record
class WindowRule:
    says: str
    applies: Callable[[Window], bool]
    status: Status


# The tests of the window rules, as named functions rather than lambdas in the table, so that
# mutation testing (docs/testing.md), which leaves module-level values alone, reaches them.


def year_missed(window: Window) -> bool:
    return bool(window.failing)


def nothing_observed(window: Window) -> bool:
    return not window.observed


def ended_with_gap(window: Window) -> bool:
    return window.ended and bool(window.missing or window.unsettled)


def ended(window: Window) -> bool:
    return window.ended


def so_far(window: Window) -> bool:
    return True


#: A missed year is final; a gap or an unsettled year is judged when the window ends.
WINDOW_RULES: tuple[WindowRule, ...] = (
    WindowRule("a year missed: not achieved for good", year_missed, "not_achieved"),
    WindowRule("no year to judge yet", nothing_observed, "no_data"),
    WindowRule("the window ended with a year missing or unsettled", ended_with_gap,
               "undetermined"),
    WindowRule("the window ended, every year met", ended, "achieved"),
    WindowRule("every year so far met", so_far, "on_track"),
)


def window_status(window: Window) -> Status:
    return next(rule.status for rule in WINDOW_RULES if rule.applies(window))
