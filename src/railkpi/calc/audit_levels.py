"""`railkpi audit`: published levels that cannot both be right (`conflicting-levels`).

Two plans (or one plan twice) may publish the same indicator's level for the same year: 143
firms in 2020 in one, 180余 in another. Where the bounds of the two figures do not overlap,
they cannot both be right, and the finding holds both, with their quotes. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from railkpi.calc.findings import ConflictingLevels, PublishedLevel
from railkpi.figures import agree
from railkpi.plans.models import Plan


def check_levels(plans: Sequence[Plan]) -> list[ConflictingLevels]:
    """Two published levels of one indicator and year that cannot both be right: 143 against
    180余 (at least 180). Figures whose bounds overlap agree (180余 and 185; 2364.9 and
    突破1000); 约 figures have no bounds and agree with anything."""
    published = [PublishedLevel(plan.id, i, level)
                 for plan in plans for i, level in enumerate(plan.history)]
    return [
        ConflictingLevels(a.plan, a.level.indicator, a.level.year, a, b)
        for a, b in combinations(published, 2)
        if (a.level.indicator, a.level.year) == (b.level.indicator, b.level.year)
        and not agree(a.level.figure, b.level.figure)
    ]
