"""`railkpi milestones`: every target of the chosen plans broken into annual steps, from the
plans' own baseline figures or a workbook's (calc/milestones.py computes the paths). Pure."""

from __future__ import annotations

from collections.abc import Sequence

from railkpi.calc.assess import default_as_of, series_for
from railkpi.calc.milestones import Decomposition, PlanPaths, target_path
from railkpi.calc.results import PathMethod
from railkpi.plans.models import Plan
from railkpi.read.observation import Observation


def decompose(plans: Sequence[Plan], observations: Sequence[Observation] | None,
              method: PathMethod, from_latest: bool = False,
              as_of: int | None = None) -> Decomposition:
    """The steps of every target. With a workbook's `observations` its figures override the
    plans' own, year by year; `from_latest` restarts each path from the latest figure at or
    before `as_of` (default: the workbook's latest year)."""
    year = None
    if observations is not None:
        year = as_of if as_of is not None else default_as_of(observations, plans)
    by_indicator: dict[str, list[Observation]] = {}
    for o in observations or ():
        by_indicator.setdefault(o.indicator, []).append(o)
    results = []
    for plan in plans:
        paths = tuple(
            target_path(plan.plan, target, plan.indicators[target.indicator],
                        series_for(plan, target.indicator, by_indicator.get(target.indicator, ())),
                        method, year if from_latest else None)
            for target in plan.targets
        )
        results.append(PlanPaths(plan, paths))
    return Decomposition(method, from_latest, year, tuple(results))
