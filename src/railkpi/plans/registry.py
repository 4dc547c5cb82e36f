"""The indicators of every loaded plan, merged, and how a workbook's row label is matched to
one of them (full-width folded, case-folded, spaces removed)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field

from railkpi.plans.hints import hint
from railkpi.plans.labels import labels_of, normalise_label
from railkpi.plans.models import Indicator, Plan, Text
from railkpi.plans.roster import RosterVocabulary, merge_rosters
from railkpi.problems import Problem, Words, error, raise_if_errors
from railkpi.records import record


@record
class IndicatorRegistry:
    """The indicators of every loaded plan, merged, with a label → id lookup."""

    indicators: dict[str, Indicator]
    by_label: dict[str, tuple[str, ...]]
    #: What an enterprise roster gives the loaded plans' indicators (their roster sections).
    roster: RosterVocabulary = field(default_factory=RosterVocabulary)

    def lookup(self, label: str) -> tuple[str, ...]:
        """Indicator ids a row label may mean: one is a match, none or several are problems."""
        return self.by_label.get(normalise_label(label), ())


def _conflicts(name: str, indicator_id: str, mine: Indicator, first: Indicator,
               other: str) -> list[Problem]:
    """Two plans sharing an indicator id must measure the same thing: the same unit and
    direction, and the same scope (口径), or none given in either."""
    problems = [
        error("plan-indicator-conflict", name, f"indicators.{indicator_id}.{field}",
              indicator=indicator_id, field=field, found=getattr(mine, field),
              other_value=getattr(first, field), other=other)
        for field in ("unit", "better") if getattr(mine, field) != getattr(first, field)
    ]
    if mine.scope != first.scope:
        problems.append(error("plan-scope-conflict", name, f"indicators.{indicator_id}.scope",
                              indicator=indicator_id, other=other, found=_scope(mine.scope),
                              other_value=_scope(first.scope)))
    return problems


def _scope(scope: Text | None) -> Words:
    """'丰台园' as plan-scope-conflict names it, or (none given)."""
    if scope is None:
        return hint("no-scope")
    return Words(hint("scope", scope=scope.zh).zh, hint("scope", scope=scope.en).en)


def merge_plans(
    plans: Iterable[tuple[str, Plan]], also_known: Iterable[Plan] = ()
) -> IndicatorRegistry:
    """Merge the plans' indicators; shared ids must agree on unit, direction and scope.

    `also_known` (the bundled plans not selected) only widens what a workbook may contain:
    one workbook serves every plan, so a row for another plan's indicator is not an error.
    Their indicators and labels never override the selected plans' own.
    """
    plans, also_known = list(plans), list(also_known)
    indicators: dict[str, Indicator] = {}
    origin: dict[str, str] = {}
    plan_ids: dict[str, str] = {}
    by_label: dict[str, list[str]] = {}
    problems: list[Problem] = []
    for name, plan in plans:
        if plan.id in plan_ids:
            problems.append(
                error("plan-duplicate-id", name, "plan.id", found=plan.id, other=plan_ids[plan.id])
            )
            continue
        plan_ids[plan.id] = name
        for indicator_id, indicator in plan.indicators.items():
            if indicator_id in indicators:
                first = indicators[indicator_id]
                problems += _conflicts(name, indicator_id, indicator, first,
                                       origin[indicator_id])
            else:
                indicators[indicator_id] = indicator
                origin[indicator_id] = name
            for label in labels_of(indicator_id, indicator):
                ids = by_label.setdefault(label, [])
                if indicator_id not in ids:
                    ids.append(indicator_id)
    roster, roster_problems = merge_rosters(
        [(name, plan) for name, plan in plans if plan_ids.get(plan.id) == name], also_known)
    raise_if_errors(problems + roster_problems)
    for plan in also_known:
        for indicator_id, indicator in plan.indicators.items():
            if indicator_id in indicators:
                continue
            indicators[indicator_id] = indicator
            for label in labels_of(indicator_id, indicator):
                by_label.setdefault(label, [indicator_id])
    # An indicator's own id always means that indicator, whatever another plan's aliases say.
    resolved = {
        label: (label,) if label in indicators else tuple(ids) for label, ids in by_label.items()
    }
    return IndicatorRegistry(indicators, resolved, roster)
