"""--target, --indicator and --group: the targets a run shows. Pure: no I/O.

A pattern is an id or a shell-style glob (`revenue-*`, `firms-?yi`: fnmatch, case-sensitive as
ids are). Patterns of one option are alternatives; the options together must all hold: `--group
scale --indicator revenue_total` keeps the revenue targets of the group scale. A pattern that
matches nothing in the chosen plans is a mistake (a problem naming the option, with the nearest
ids: difflib), and so are options that together leave no target. A plan left without a target
is left out.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from fnmatch import fnmatchcase

from railkpi.messages.problems_options import OPTION_DETAILS
from railkpi.plans.models import Plan, Target
from railkpi.problems import InputError, Problem, Words, error
from railkpi.records import record

#: How many near ids a problem suggests.
SUGGESTIONS = 3


@record
class TargetFilter:
    """The patterns of --target, --indicator and --group (each empty when not given)."""

    targets: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()

    @property
    def applied(self) -> bool:
        return bool(self.targets or self.indicators or self.groups)

    def options(self) -> list[tuple[str, tuple[str, ...]]]:
        """(option, patterns) of the options given, in the order target, indicator, group."""
        given = (("--target", self.targets), ("--indicator", self.indicators),
                 ("--group", self.groups))
        return [(option, patterns) for option, patterns in given if patterns]


#: No filter: every target.
NO_FILTER = TargetFilter()

#: What each option matches in a target.
FIELDS: dict[str, Callable[[Target], str]] = {
    "--target": lambda t: t.id,
    "--indicator": lambda t: t.indicator,
    "--group": lambda t: t.group,
}


def matches(target: Target, chosen: TargetFilter) -> bool:
    return all(any(fnmatchcase(FIELDS[option](target), p) for p in patterns)
               for option, patterns in chosen.options())


def select(plans: Sequence[Plan], chosen: TargetFilter) -> list[Plan]:
    """The plans with only the targets the filter keeps (InputError on a pattern that matches
    nothing, or options that together keep nothing)."""
    if not chosen.applied:
        return list(plans)
    targets = [t for plan in plans for t in plan.targets]
    problems: list[Problem] = []
    for option, patterns in chosen.options():
        known = sorted({FIELDS[option](t) for t in targets})
        for pattern in patterns:
            if not any(fnmatchcase(value, pattern) for value in known):
                problems.append(_no_match(option, pattern, known))
    if problems:
        raise InputError(problems)
    kept = [plan.model_copy(update={"targets": tuple(t for t in plan.targets
                                                     if matches(t, chosen))})
            for plan in plans]
    kept = [plan for plan in kept if plan.targets]
    if not kept:
        given = " ".join(f"{option} {p}" for option, patterns in chosen.options()
                         for p in patterns)
        raise InputError([error("filter-matches-nothing", options=given)])
    return kept


#: What each option names, as a problem words it.
WHAT = {"--target": "filter-target", "--indicator": "filter-indicator", "--group": "filter-group"}


def _no_match(option: str, pattern: str, known: Sequence[str]) -> Problem:
    near = ", ".join(difflib.get_close_matches(pattern, known, n=SUGGESTIONS, cutoff=0.6))
    zh, en = OPTION_DETAILS["did-you-mean"]
    hint = Words(zh.format(possibilities=near), en.format(possibilities=near)) if near else (
        Words("", ""))
    return error("filter-no-match", option=option, found=pattern,
                 what=Words(*OPTION_DETAILS[WHAT[option]]), suggestion=hint)
