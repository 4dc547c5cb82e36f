"""Cross-references a plan's schema cannot see: ids that must exist, years that must fit,
comparators that must point the way the indicator improves, aliases that must be unique."""

from __future__ import annotations

from railkpi.plans.models import Indicator, Plan
from railkpi.plans.registry import labels_of
from railkpi.problems import Problem, error, warning

_HIGHER_OPS = (">", ">=")


def check_plan(plan: Plan, name: str) -> list[Problem]:
    """Cross-references the schema cannot see: ids that must exist, years that must fit."""
    problems: list[Problem] = []
    indicators = plan.indicators
    start, end = plan.plan.period

    def known(indicator: str, where: str) -> Indicator | None:
        if indicator not in indicators:
            problems.append(error("plan-unknown-indicator", name, where, found=indicator))
            return None
        return indicators[indicator]

    for section in ("history", "stated_rates", "stated_changes", "stated_totals"):
        for i, entry in enumerate(getattr(plan, section)):
            known(entry.indicator, f"{section}[{i}].indicator")

    seen_targets: dict[str, int] = {}
    for i, target in enumerate(plan.targets):
        at = f"targets[{i}]"
        if target.id in seen_targets:
            problems.append(
                error(
                    "plan-duplicate-target",
                    name,
                    f"{at}.id",
                    found=target.id,
                    other=f"targets[{seen_targets[target.id]}].id",
                )
            )
        seen_targets.setdefault(target.id, i)
        if target.group not in plan.groups:
            problems.append(
                error(
                    "plan-unknown-group",
                    name,
                    f"{at}.group",
                    found=target.group,
                    expected=", ".join(plan.groups),
                )
            )
        # A warning, not an error: a plan may set a target beyond its period (a 2035 vision
        # in a 2021-2025 plan); the plan loads and `railkpi audit` lists it.
        if not start <= target.year <= end:
            problems.append(
                warning("plan-year-outside-period", name, f"{at}.year", found=target.year,
                        start=start, end=end)
            )
        if target.years is not None:
            for j, year in enumerate(target.years):
                if not start <= year <= end:
                    problems.append(
                        warning("plan-year-outside-period", name, f"{at}.years[{j}]",
                                found=year, start=start, end=end)
                    )
        baseline = target.baseline_year or plan.plan.baseline_year
        if target.kind in ("change", "ratio", "growth", "trend") and baseline >= target.year:
            problems.append(
                error(
                    "plan-baseline-after-target",
                    name,
                    f"{at}.baseline_year" if target.baseline_year else "plan.baseline_year",
                    baseline=baseline,
                    found=target.year,
                )
            )
        indicator = known(target.indicator, f"{at}.indicator")
        if indicator is None:
            continue
        # The comparator alone says which way is success (a change of −5 with "<=" is a cut of
        # at least 5), so it must point the way the indicator improves.
        if (
            target.op is not None
            and target.kind in ("level", "change", "each_year")
            and (target.op in _HIGHER_OPS) != (indicator.better == "higher")
        ):
                problems.append(
                    error("plan-op-against-better", name, f"{at}.op", found=target.op,
                          better=indicator.better)
                )
        if target.direction is not None and (target.direction == "rising") != (
            indicator.better == "higher"
        ):
            problems.append(
                error("plan-direction-against-better", name, f"{at}.direction",
                      found=target.direction, better=indicator.better)
            )

    owners: dict[str, str] = {}
    for indicator_id, indicator in indicators.items():
        for label in labels_of(indicator_id, indicator):
            first = owners.setdefault(label, indicator_id)
            if first != indicator_id:
                problems.append(
                    error("plan-duplicate-alias", name, f"indicators.{indicator_id}.aliases",
                          found=label, first=first, second=indicator_id)
                )
    return problems
