"""The orders targets are listed in, the same in every output that lists them: as the plan
groups them, and the targets needing attention worst first (the Excel summary sheet, the Word
report's overview and its list). Pure."""

from __future__ import annotations

from collections.abc import Sequence

from railkpi.calc.results import Status, TargetResult

#: Statuses that need attention — moderate or worse, then those the figures cannot settle or
#: have no figures for — worst first.
ATTENTION: tuple[Status, ...] = (
    "not_achieved", "regressing", "off_track", "moderate", "undetermined", "no_data",
)


def ordered(results: Sequence[TargetResult]) -> list[TargetResult]:
    """Targets grouped as the plan groups them (groups in order of first appearance)."""
    groups = list(dict.fromkeys(r.target.group for r in results))
    return [r for g in groups for r in results if r.target.group == g]


def needing_attention(results: Sequence[TargetResult]) -> list[TargetResult]:
    """The targets whose status is in ATTENTION, worst first; within a status, in the plan's
    order (`ordered`)."""
    return sorted((r for r in ordered(results) if r.status in ATTENTION),
                  key=lambda r: ATTENTION.index(r.status))
