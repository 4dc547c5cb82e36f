"""The words of `railkpi audit`: each finding's stated and computed figure as a table shows it,
as JSON holds it, and its message; each unchecked figure's reason. Every format's audit
output is built from these, so they say the same thing.

Figures are written as the plan prints them (`3500`, not `3500.0`); a rate one decimal more
precise than the plan prints it (16.38 % against 16.3 %); a target as the plan states it,
resolved against the plan's own baseline where it is relative (`≥ +60 = 240`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from railkpi.calc.audit import APPROXIMATE_SHARE
from railkpi.calc.findings import (
    AuditResult,
    ChangeMismatch,
    ConflictingLevels,
    ConflictingTargets,
    Finding,
    IncrementVsTotal,
    PublishedLevel,
    RateMismatch,
    StatedTarget,
    TargetOutsidePeriod,
    TotalMismatch,
)
from railkpi.figures import Figure
from railkpi.messages import pick
from railkpi.messages.audit import AUDIT
from railkpi.numeric import written
from railkpi.plans.models import Plan, Target
from railkpi.records import record
from railkpi.render.display import AUDIT_STYLE, quote, target_text
from railkpi.render.display import name as scoped_name

Params = tuple[tuple[str, str], ...]


@record
class WordedFinding:
    """A finding as the outputs show it. `stated` and `computed` are numbers where they are
    numbers (rates as fractions), else text; `stated_text` and `computed_text` are how a
    table shows them. A finding across two figures of the plans' own has nothing computed:
    the other plan's target or figure is `other` / `other_text`. `years` are the years the
    finding is about."""

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
    #: The indicator's name in the run's language (`indicator` is its id, for JSON and CSV).
    indicator_name: str = ""

    def message(self, lang: str) -> str:
        return pick(AUDIT[self.code], lang).format(**dict(self.params))

    @property
    def years_text(self) -> str:
        """(2015, 2020) → '2015-2020'; (2025,) → '2025'."""
        return "-".join(str(y) for y in self.years)


@record
class WordedUnchecked:
    """A stated figure that could not be checked, with why in words."""

    kind: str
    plan: str
    indicator: str
    years: tuple[int, int]
    reason: str
    reason_years: tuple[int, ...]
    indicator_name: str = ""

    def message(self, lang: str) -> str:
        years = ("、" if lang == "zh" else ", ").join(str(y) for y in self.reason_years)
        return pick(AUDIT[f"unchecked-{self.reason}"], lang).format(years=years)


@record
class WordedAudit:
    findings: tuple[WordedFinding, ...]
    unchecked: tuple[WordedUnchecked, ...]


@record
class Names:
    """The audited plans' words: prose names plans by title, indicators and targets by name."""

    plans: dict[str, Plan]
    lang: str

    def indicator(self, plan: str, indicator: str) -> str:
        found = self.plans.get(plan)
        if found is None or indicator not in found.indicators:
            return indicator
        return scoped_name(found.indicators[indicator], self.lang)

    def plan(self, plan: str) -> str:
        found = self.plans.get(plan)
        return plan if found is None else found.plan.title(self.lang)

    def target(self, plan: str, target: Target) -> str:
        """'轨道交通企业数量（≥ +60）': the indicator's name and the target as stated."""
        name = self.indicator(plan, target.indicator)
        found = self.plans.get(plan)
        if found is None or target.indicator not in found.indicators:
            return name
        stated = target_text(target, found.indicators[target.indicator], self.lang, AUDIT_STYLE)
        return f"{name}（{stated}）" if self.lang == "zh" else f"{name} ({stated})"


def worded(result: AuditResult, lang: str) -> WordedAudit:
    """The audit's findings and unchecked figures in the words of `lang`."""
    names = Names({plan.id: plan for plan in result.plans}, lang)
    return WordedAudit(
        tuple(replace(finding_words(f, lang, names),
                      indicator_name=names.indicator(f.plan, f.indicator))
              for f in result.findings),
        tuple(WordedUnchecked(u.kind, u.plan, u.indicator, u.years, u.reason, u.reason_years,
                              names.indicator(u.plan, u.indicator))
              for u in result.unchecked),
    )


def finding_words(finding: Finding, lang: str, names: Names | None = None) -> WordedFinding:
    names = names or Names({}, lang)
    if isinstance(finding, RateMismatch):
        return _rate(finding)
    if isinstance(finding, ChangeMismatch):
        return _change(finding)
    if isinstance(finding, TotalMismatch):
        return _total(finding)
    if isinstance(finding, IncrementVsTotal):
        return _increment(finding, lang, names)
    if isinstance(finding, TargetOutsidePeriod):
        return _outside(finding, names)
    if isinstance(finding, ConflictingLevels):
        return _levels(finding, names)
    return _conflict(finding, lang, names)


def _rate(f: RateMismatch) -> WordedFinding:
    stated_text = f"{f.stated.percent:f}%"  # 2E+1 → 20
    # One decimal more than the plan prints: 16.38 % against 16.3 %.
    computed_text = f"{f.computed * 100:.{f.stated.decimals + 1}f}%"
    (start, end), (start_value, end_value) = f.years, f.levels
    return WordedFinding(
        f.code, f.plan, f.indicator, f.stated.fraction, f.computed, stated_text, computed_text,
        _params(start=start, end=end, start_value=written(start_value),
                end_value=written(end_value), stated=stated_text, computed=computed_text,
                tolerance=f.stated.tolerance),
        years=f.years,
    )


def _change(f: ChangeMismatch) -> WordedFinding:
    if f.stated.approximate:
        tolerance = f"±{APPROXIMATE_SHARE.scaleb(2).normalize()}%"
    else:
        tolerance = f"±{f.tolerance}"
    stated_text = ("≈" if f.stated.approximate else "") + written(f.stated.change)
    (start, end), (start_value, end_value) = f.years, f.levels
    return WordedFinding(
        f.code, f.plan, f.indicator, f.stated.change, f.computed, stated_text,
        written(f.computed),
        _params(start=start, end=end, start_value=written(start_value),
                end_value=written(end_value), stated=stated_text,
                computed=written(f.computed), tolerance=tolerance),
        years=f.years,
    )


def _total(f: TotalMismatch) -> WordedFinding:
    start, end = f.years
    return WordedFinding(
        f.code, f.plan, f.indicator, f.stated.total, f.computed, written(f.stated.total),
        written(f.computed),
        _params(start=start, end=end, stated=written(f.stated.total),
                computed=written(f.computed), tolerance=f"±{f.tolerance}"),
        years=f.years,
    )


def _increment(f: IncrementVsTotal, lang: str, names: Names) -> WordedFinding:
    level_text = _target(f.level, lang)
    resolved_text = interval(f.resolved)
    change = f.change.value or 0.0
    assert f.level.target.value is not None
    return WordedFinding(
        f.code, f.plan, f.indicator, f.level.target.value, f.resolved.value, level_text,
        resolved_text,
        _params(year=f.year, baseline_year=f.baseline_year,
                baseline=f.baseline.label(written(f.baseline.value)),
                change=("+" if change >= 0 else "") + written(change), resolved=resolved_text,
                change_target=names.target(f.plan, f.change),
                level_target=names.target(f.plan, f.level.target), level=level_text),
        years=(f.baseline_year, f.year),
    )


def _outside(f: TargetOutsidePeriod, names: Names) -> WordedFinding:
    start, end = f.period
    period = f"{start}-{end}"
    plan = names.plans.get(f.plan)
    target = next((t for t in plan.targets if t.id == f.target), None) if plan else None
    shown = names.target(f.plan, target) if target is not None else f.target
    return WordedFinding(f.code, f.plan, f.indicator, f.year, period, str(f.year), period,
                         _params(target=shown, year=f.year, start=start, end=end),
                         years=(f.year,))


def _conflict(f: ConflictingTargets, lang: str, names: Names) -> WordedFinding:
    mine_text, theirs_text = _target(f.mine, lang), _target(f.theirs, lang)
    # JSON names plan and target by id; the message by the plans' titles; the table has room
    # for the plan's id.
    mine_full = f"{mine_text} ({f.mine.plan} {f.mine.target.id})"
    theirs_full = f"{theirs_text} ({f.theirs.plan} {f.theirs.target.id})"
    opening, closing = ("（", "）") if lang == "zh" else (" (", ")")
    return WordedFinding(
        f.code, f.plan, f.indicator, mine_full, None, f"{mine_text} ({f.mine.plan})", "",
        _params(year=f.year, first=f"{mine_text}{opening}{names.plan(f.mine.plan)}{closing}",
                second=f"{theirs_text}{opening}{names.plan(f.theirs.plan)}{closing}"),
        years=(f.year,), other=theirs_full, other_text=f"{theirs_text} ({f.theirs.plan})",
    )


def _levels(f: ConflictingLevels, names: Names) -> WordedFinding:
    """Both figures with their plan and place, and both quotes; the message names the plans
    by title."""

    def shown(published: PublishedLevel) -> str:
        figure = published.level.figure
        return figure.label(written(figure.value))

    first, second = (f"{shown(p)} ({p.plan} history[{p.index}])" for p in (f.first, f.second))
    opening, closing = ("（", "）") if names.lang == "zh" else (" (", ")")
    said = [f"{shown(p)}{opening}{names.plan(p.plan)}{closing}" for p in (f.first, f.second)]
    return WordedFinding(
        f.code, f.plan, f.indicator, first, None, f"{shown(f.first)} ({f.first.plan})", "",
        # Both languages' quotes, so that the message reads right in either.
        _params(year=f.year, first=said[0], second=said[1],
                first_quote_zh=f.first.level.quote, first_quote_en=quote(f.first.level, "en"),
                second_quote_zh=f.second.level.quote,
                second_quote_en=quote(f.second.level, "en")),
        years=(f.year,), other=second, other_text=f"{shown(f.second)} ({f.second.plan})",
    )


def _target(stated: StatedTarget, lang: str) -> str:
    """'> 3500', '≥ +60 = 240', '3–5': the audit compares level, range, change and ratio
    targets only, which need no words."""
    return target_text(stated.target, stated.indicator, lang, AUDIT_STYLE, stated.resolved)


def interval(figure: Figure) -> str:
    """'240' for an exact figure, '[240, 250)' for one with bounds, '(240, ∞)' if one-sided."""
    if figure.exact:
        return written(figure.value)
    low = "(-∞" if figure.lower is None else ("[" if figure.lower_inclusive else "(") + written(
        figure.lower
    )
    high = "∞)" if figure.upper is None else written(figure.upper) + (
        "]" if figure.upper_inclusive else ")"
    )
    return f"{low}, {high}"


def _params(**params: object) -> Params:
    return tuple((key, str(value)) for key, value in params.items())


def unchecked_by_kind(unchecked: Sequence[WordedUnchecked]) -> dict[str, list[WordedUnchecked]]:
    """The unchecked figures grouped by kind, kinds in order of first appearance."""
    groups: dict[str, list[WordedUnchecked]] = {}
    for u in unchecked:
        groups.setdefault(u.kind, []).append(u)
    return groups
