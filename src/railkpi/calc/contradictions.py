"""Workbook figures that contradict a figure the plan publishes itself.

Where a selected plan publishes a figure for a year (the 14th FYP: 180余 enterprises in 2020)
and the workbook has one for the same indicator and year, the workbook's is used, as always —
but a figure that cannot be the plan's is worth a warning naming both, the cell and the quote.

They agree when the workbook's figure lies within the plan figure's bounds (180余 is
[180, 190)), or within half a unit of the plan figure's last printed digit (2364.9 and 2364.94
agree, 2364.9 and 2365.0 do not; 180余 also takes 179.5). A workbook figure with bounds of its
own agrees when the two ranges meet. A plan figure with no bound (约100) contradicts nothing.
Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from railkpi.figures import Figure, agree
from railkpi.numeric import decimal, half_unit
from railkpi.plans.models import Plan
from railkpi.problems import Problem, Words, warning
from railkpi.read.cells import display
from railkpi.read.observation import Observation


def widened(figure: Figure) -> Figure:
    """A published figure with its bounds widened by half a unit of its last printed digit."""
    if figure.approximate:
        return figure
    half = half_unit(figure.value)
    point = decimal(figure.value)
    low, high = float(point - half), float(point + half)
    lower: float | None = low if figure.lower is None else min(figure.lower, low)
    upper: float | None = high if figure.upper is None else max(figure.upper, high)
    lower_inclusive = figure.lower_inclusive or lower != figure.lower
    upper_inclusive = figure.upper_inclusive or upper != figure.upper
    if figure.lower is None and figure.upper is not None:
        lower = None  # "近N", "N以下": unbounded below, as published
    if figure.upper is None and figure.lower is not None:
        upper = None  # "突破N", "N以上": unbounded above
    return Figure(figure.value, lower, upper, lower_inclusive, upper_inclusive, figure.qualifier)


def contradictions(file: str | None, plans: Sequence[Plan],
                   observations: Iterable[Observation]) -> list[Problem]:
    """A warning for each workbook figure that cannot be the figure a selected plan
    publishes for the same indicator and year."""
    found = {(o.indicator, o.year): o for o in observations}
    problems = []
    for plan in plans:
        for published in plan.history:
            observed = found.get((published.indicator, published.year))
            if observed is None:
                continue
            figure = published.figure
            if agree(widened(figure), observed.figure()):
                continue
            name = plan.indicators[published.indicator].name
            problems.append(warning(
                "contradicts-plan", file, observed.where, indicator=Words(name.zh, name.en),
                year=published.year, found=_shown(observed.figure()), published=_shown(figure),
                plan=Words(plan.plan.title.zh, plan.plan.title.en), quote=published.quote))
    return problems


def _shown(figure: Figure) -> str:
    return figure.label(display(figure.value))

