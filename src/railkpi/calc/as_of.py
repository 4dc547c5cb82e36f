"""The year assessed, when the command line does not give one, and the figures it leaves out.

The indicators that decide it are *the workbook's indicators used by the selected plans*: the
indicators a target of a selected plan is about (its level, range, change, ratio, growth,
each-year or trend target) that have at least one figure in the workbook — reported on a data
sheet or derived from a roster; the plans' own published figures do not count. The year
assessed is the latest year for which at least half of them have a figure. One stray later
figure (a target typed into a 2025 cell) therefore does not move the report to 2025; figures
after the year assessed are left out and listed in a warning, by year. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from railkpi.messages.problems_assessment import AFTER_AS_OF_WORDS
from railkpi.plans.models import Plan, Text
from railkpi.problems import Problem, Words, warning
from railkpi.read.observation import Observation
from railkpi.read.sheet_notes import listing

#: Figures a warning lists by name; the rest are counted.
LISTED = 10


def indicators_used(plans: Sequence[Plan]) -> set[str]:
    """The indicators a target of one of the plans is about."""
    return {target.indicator for plan in plans for target in plan.targets}


def default_as_of(observations: Iterable[Observation], plans: Sequence[Plan]) -> int:
    """The latest year for which at least half of the workbook's indicators used by the
    plans have a figure; failing any, the plans' latest published year (or baseline year)."""
    used = indicators_used(plans)
    years: dict[str, set[int]] = {}
    for o in observations:
        if o.indicator in used:
            years.setdefault(o.indicator, set()).add(o.year)
    if years:
        for year in sorted(set().union(*years.values()), reverse=True):
            covered = sum(1 for seen in years.values() if year in seen)
            if 2 * covered >= len(years):
                return year
    published = [h.year for p in plans for h in p.history]
    return max(published, default=max(p.plan.baseline_year for p in plans))


def after_as_of(file: str | None, observations: Iterable[Observation], plans: Sequence[Plan],
                as_of: int) -> list[Problem]:
    """A warning per year after `as_of`, listing the figures of the plans' indicators it
    leaves out, by the indicator's name and cell."""
    used = indicators_used(plans)
    names = {key: indicator.name for plan in plans for key, indicator in plan.indicators.items()}
    later: dict[int, list[Observation]] = {}
    for o in observations:
        if o.indicator in used and o.year > as_of:
            later.setdefault(o.year, []).append(o)
    return [_warning(file, year, later[year], names, as_of) for year in sorted(later)]


def _warning(file: str | None, year: int, figures: list[Observation], names: dict[str, Text],
             as_of: int) -> Problem:
    zh_item, en_item = AFTER_AS_OF_WORDS["figure"]
    zh_separator, en_separator = AFTER_AS_OF_WORDS["separator"]
    zh_items, en_items = [], []
    for o in figures[:LISTED]:
        name = names[o.indicator]
        zh_items.append(zh_item.format(indicator=name.zh, cell=o.where))
        en_items.append(en_item.format(indicator=name.en, cell=o.where))
    count = "one" if len(figures) == 1 else "many"
    zh, en = AFTER_AS_OF_WORDS[count]
    zh_list = listing(zh_items, len(figures), zh_separator).zh
    en_list = listing(en_items, len(figures), en_separator).en
    listed = Words(zh.format(count=len(figures), list=zh_list),
                   en.format(count=len(figures), list=en_list))
    them = Words(*AFTER_AS_OF_WORDS["it" if len(figures) == 1 else "them"])
    return warning("after-as-of", file, year=year, as_of=as_of, figures=listed, them=them)
