"""How hard what a target still needs will be, as the Word report words it: the growth needed a
year from now against the growth achieved a year since the baseline (where growth rates are
undefined, the yearly increase needed against the yearly increase achieved). Pure.

The limits are a judgement, written in the README and in the report's method section: up to 1
the growth so far is enough (within reach), up to 1.5 some effort, up to 4 difficult, beyond 4
— or no growth achieved at all — very difficult. 18.7 % needed after 5.7 % achieved (×3.3) is
difficult.
"""

from __future__ import annotations

from railkpi.calc.results import TargetResult
from railkpi.numeric import compare, difference

#: (key, the highest ratio needed ÷ achieved it stands for), from the easiest.
DIFFICULTY_LIMITS: tuple[tuple[str, float], ...] = (
    ("within-reach", 1.0), ("some", 1.5), ("hard", 4.0),
)
VERY_HARD = "very-hard"


def difficulty(needed: float, achieved: float | None) -> str:
    """The difficulty key from growth needed and achieved a year, both signed towards the
    target (positive = the right way)."""
    if achieved is None or achieved <= 0:
        return VERY_HARD
    ratio = needed / achieved
    for key, limit in DIFFICULTY_LIMITS:
        if compare(ratio, "<=", limit):
            return key
    return VERY_HARD


def target_difficulty(result: TargetResult, goal: float | None) -> str | None:
    """A target's difficulty from its growth rates where both are defined, else from yearly
    increases towards `goal` (its target value; a range's near end); None where nothing is
    still needed or the figures do not tell."""
    sign = 1 if result.indicator.better == "higher" else -1
    if result.required_cagr_from_latest is not None and result.actual_cagr is not None:
        return difficulty(sign * result.required_cagr_from_latest, sign * result.actual_cagr)
    baseline, latest = result.baseline, result.latest
    if baseline is None or latest is None or goal is None:
        return None
    if latest.year <= baseline.year or latest.year >= result.target_year:
        return None
    needed = sign * difference(goal, latest.value) / (result.target_year - latest.year)
    achieved = sign * difference(latest.value, baseline.value) / (latest.year - baseline.year)
    return difficulty(needed, achieved)
