"""Cross-references a plan's schema cannot see: ids that must exist, years that must fit,
comparators that must point the way the indicator improves, aliases that must be unique, a
roster section naming the plan's own indicators with labels of one segment each, and annual
steps (`milestones:`) inside the plan period, worded the target's way and moving towards it."""

from __future__ import annotations

from railkpi.messages.problems_plans import STEP_DIRECTIONS
from railkpi.numeric import same, written
from railkpi.plans.hints import id_hint
from railkpi.plans.labels import labels_of
from railkpi.plans.models import Indicator, Plan, Target
from railkpi.plans.roster import merge_rosters
from railkpi.plans.steps import step_op, upward
from railkpi.problems import Problem, Words, error, warning

_HIGHER_OPS = (">", ">=")


def check_plan(plan: Plan, name: str) -> list[Problem]:
    """Every cross-reference problem of one plan, in the order of the file."""
    problems = [_unknown_indicator(plan, name, where, indicator)
                for where, indicator in _indicator_references(plan)
                if indicator not in plan.indicators]
    seen_targets: dict[str, int] = {}
    for i, target in enumerate(plan.targets):
        if target.id in seen_targets:
            problems.append(error("plan-duplicate-target", name, f"targets[{i}].id",
                                  found=target.id, other=f"targets[{seen_targets[target.id]}].id"))
        seen_targets.setdefault(target.id, i)
        problems += _target_problems(plan, name, i, target)
        problems += _step_problems(plan, name, i, target)
    problems += _alias_problems(plan, name)
    problems += _roster_problems(plan, name)
    return problems


def _unknown_indicator(plan: Plan, name: str, where: str, found: str) -> Problem:
    """An undefined indicator id, with the id whose name or alias was written, or the nearest."""
    labels = {key: [key, i.name.zh, i.name.en, *i.aliases] for key, i in plan.indicators.items()}
    return error("plan-unknown-indicator", name, where, found=found,
                 hint=id_hint(found, plan.indicators, labels))


def _group_hint(plan: Plan, found: str) -> Words:
    return id_hint(found, plan.groups, {key: [g.zh, g.en] for key, g in plan.groups.items()})


def english_quotes_warning(plan: Plan, name: str) -> list[Problem]:
    """A warning when no quote of the plan has an English rendering (quote_en): English output
    then shows the Chinese wording. (Plans of other districts may be written in Chinese only.)"""
    entries = [*plan.history, *plan.stated_rates, *plan.stated_changes, *plan.stated_totals,
               *plan.targets]
    if any(entry.quote_en for entry in entries):
        return []
    return [warning("plan-no-english-quotes", name)]


def _indicator_references(plan: Plan) -> list[tuple[str, str]]:
    """(YAML path, indicator id) of the published figures' indicators."""
    return [(f"{section}[{i}].indicator", entry.indicator)
            for section in ("history", "stated_rates", "stated_changes", "stated_totals")
            for i, entry in enumerate(getattr(plan, section))]


def _target_problems(plan: Plan, name: str, i: int, target: Target) -> list[Problem]:
    at = f"targets[{i}]"
    problems: list[Problem] = []
    if target.group not in plan.groups:
        problems.append(error("plan-unknown-group", name, f"{at}.group", found=target.group,
                              expected=", ".join(plan.groups),
                              hint=_group_hint(plan, target.group)))
    # A warning, not an error: a plan may set a target beyond its period (a 2035 vision in a
    # 2021-2025 plan); the plan loads and `railkpi audit` lists it.
    start, end = plan.plan.period
    years = [(f"{at}.year", target.year)]
    years += [(f"{at}.years[{j}]", year) for j, year in enumerate(target.years or ())]
    problems += [warning("plan-year-outside-period", name, where, found=year, start=start,
                         end=end) for where, year in years if not start <= year <= end]
    baseline = target.baseline_year or plan.plan.baseline_year
    if target.kind in ("change", "ratio", "growth", "trend") and baseline >= target.year:
        problems.append(error(
            "plan-baseline-after-target", name,
            f"{at}.baseline_year" if target.baseline_year else "plan.baseline_year",
            baseline=baseline, found=target.year))
    indicator = plan.indicators.get(target.indicator)
    if indicator is None:
        problems.append(_unknown_indicator(plan, name, f"{at}.indicator", target.indicator))
        return problems
    return problems + _direction_problems(name, at, target, indicator)


def _direction_problems(name: str, at: str, target: Target,
                        indicator: Indicator) -> list[Problem]:
    """The comparator alone says which way is success (a change of −5 with "<=" is a cut of
    at least 5), so it must point the way the indicator improves; so must a trend."""
    problems = []
    higher = indicator.better == "higher"
    if (target.op is not None and target.kind in ("level", "change", "each_year")
            and (target.op in _HIGHER_OPS) != higher):
        problems.append(error("plan-op-against-better", name, f"{at}.op", found=target.op,
                              better=indicator.better))
    if target.direction is not None and (target.direction == "rising") != higher:
        problems.append(error("plan-direction-against-better", name, f"{at}.direction",
                              found=target.direction, better=indicator.better))
    return problems


def _alias_problems(plan: Plan, name: str) -> list[Problem]:
    """A label (id, name or alias) may belong to one indicator only."""
    problems = []
    owners: dict[str, str] = {}
    for indicator_id, indicator in plan.indicators.items():
        for label in labels_of(indicator_id, indicator):
            first = owners.setdefault(label, indicator_id)
            if first != indicator_id:
                problems.append(error("plan-duplicate-alias", name,
                                      f"indicators.{indicator_id}.aliases", found=label,
                                      first=first, second=indicator_id))
    return problems


def _roster_problems(plan: Plan, name: str) -> list[Problem]:
    """The roster section's indicators must be the plan's; its labels one segment's each."""
    section = plan.roster
    if section is None:
        return []
    references = [("roster.firm_count", section.firm_count)]
    references += [(f"roster.segments.{key}.indicator", s.indicator)
                   for key, s in section.segments.items()]
    references += [(f"roster.tiers[{i}].indicator", t.indicator)
                   for i, t in enumerate(section.tiers)]
    references += [(f"roster.flags.{key}.indicator", f.indicator)
                   for key, f in section.flags.items()]
    problems = [_unknown_indicator(plan, name, where, indicator)
                for where, indicator in references
                if indicator is not None and indicator not in plan.indicators]
    return problems + merge_rosters([(name, plan)])[1]


def _step_problems(plan: Plan, name: str, i: int, target: Target) -> list[Problem]:
    """A target's annual steps: after its baseline year, inside the plan period, at or before
    its year, worded its way (no 不超过 on the way up); a step going back is a warning (an
    annual plan may allow a dip), measured from the plan's own baseline figure if it has one."""
    at = f"targets[{i}].milestones"
    indicator = plan.indicators.get(target.indicator)
    if not target.milestones or indicator is None:
        return []
    if target.kind == "each_year":
        return [error("plan-milestone-kind", name, at)]
    start, end = plan.plan.period
    t0 = target.baseline_year or plan.plan.baseline_year
    first, last = max(start, t0 + 1), min(end, target.year)
    up = upward(target, indicator)
    direction = Words(*STEP_DIRECTIONS["up" if up else "down"])
    published = plan.published(target.indicator).get(t0)
    previous = None if published is None else (t0, published[1].figure,
                                                _written(published[1].value))
    problems: list[Problem] = []
    for year, figure in target.steps.items():
        where, shown = f"{at}.{year}", _written(target.milestones[year])
        if not first <= year <= last:
            problems.append(error("plan-milestone-year", name, where, found=year, first=first,
                                  last=last))
        elif step_op(figure, up) is None:
            problems.append(error("plan-milestone-qualifier", name, where, found=shown,
                                  direction=direction))
        else:
            if previous is not None and _goes_back(previous[1].value, figure.value, up):
                problems.append(warning(
                    "plan-milestone-backwards", name, where, found=shown, year=year,
                    previous=previous[2], previous_year=previous[0], direction=direction))
            previous = (year, figure, shown)
    return problems


def _written(value: float | str) -> str:
    """A figure as the plan file writes it: "突破2800", 2800 (not 2800.0)."""
    return value if isinstance(value, str) else written(value)


def _goes_back(before: float, after: float, up: bool) -> bool:
    return not same(before, after) and (after < before if up else after > before)
