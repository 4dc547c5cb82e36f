"""Row labels that name no indicator: a misspelling of one, or a row of other statistics.

A label is *close* to an indicator when difflib's ratio between the label and one of the
indicator's names — its id, Chinese and English names and aliases, all normalised as labels are
matched (NFKC, case-folded, no spaces) — is at least CLOSE_RATIO: `专精特新企业数` against
`专精特新企业数量` is 0.93, `工程装备赛道收入` against `工程建设赛道收入` 0.75. A close label
is an error that asks "did you mean …": a figure under a misspelt name must not vanish. A label
below the cut-off (`地区生产总值`, 0.36 at best) is a row of other statistics, ignored with one
warning per sheet, so that a yearbook table can be pasted as it is. Names of fewer than
MIN_NAME characters match only exactly: one character more makes a short name another measure
(`利润率` is a rate, not `利润`; `净利润` is not `利润`).

Each distinct label is compared once. A sheet with more than MAX_LABELS distinct labels that
name nothing is not a data sheet for the loaded plans; comparing them all would cost seconds
for nothing, so it is an error instead (`too-many-unknown-rows`).
"""

from __future__ import annotations

import difflib
from typing import Literal

from railkpi.plans.labels import normalise_label
from railkpi.plans.registry import IndicatorRegistry
from railkpi.read.units import split_header
from railkpi.records import record

#: The ratio at and above which a label is taken for a misspelt indicator name.
CLOSE_RATIO = 0.75
#: Distinct unknown labels compared, per workbook, before the sheet is refused.
MAX_LABELS = 1000
#: Names shorter than this (normalised) are not compared: they match only exactly.
MIN_NAME = 4


@record
class Candidate:
    key: str  # normalised
    shown: str  # as the plan writes it
    indicator: str


@record
class Verdict:
    """What an unknown label is: close to `shown` (of indicator `indicator`), far, or one too
    many to compare."""

    kind: Literal["close", "far", "too-many"]
    shown: str = ""
    indicator: str = ""


class LabelMatcher:
    """Compares unknown labels with the names of the registry's indicators."""

    def __init__(self, registry: IndicatorRegistry) -> None:
        candidates: dict[str, Candidate] = {}
        for indicator_id, indicator in registry.indicators.items():
            for shown in (indicator_id, indicator.name.zh, indicator.name.en, *indicator.aliases):
                key = normalise_label(shown)
                if len(key) >= MIN_NAME:
                    candidates.setdefault(key, Candidate(key, shown, indicator_id))
        self.candidates = sorted(candidates.values(), key=lambda c: len(c.key))
        self.seen: dict[str, Verdict] = {}

    def judge(self, label: str) -> Verdict:
        """Close, far or too many: see the module's docstring."""
        key = normalise_label(label)
        verdict = self.seen.get(key)
        if verdict is None:
            if len(self.seen) >= MAX_LABELS:
                return Verdict("too-many")
            name, unit = split_header(label)
            keys = [key] if unit is None else [key, normalise_label(name)]
            verdict = self._closest(keys)
            self.seen[key] = verdict
        return verdict

    def _closest(self, keys: list[str]) -> Verdict:
        best: tuple[float, Candidate] | None = None
        matcher = difflib.SequenceMatcher(autojunk=False)
        for key in keys:
            matcher.set_seq2(key)
            for candidate in self.candidates:
                if not _may_reach(len(key), len(candidate.key)):
                    continue
                matcher.set_seq1(candidate.key)
                if matcher.real_quick_ratio() < CLOSE_RATIO or matcher.quick_ratio() < CLOSE_RATIO:
                    continue
                ratio = matcher.ratio()
                if ratio >= CLOSE_RATIO and (best is None or ratio > best[0]):
                    best = (ratio, candidate)
        if best is None:
            return Verdict("far")
        return Verdict("close", best[1].shown, best[1].indicator)


def _may_reach(length: int, other: int) -> bool:
    """Can two strings of these lengths reach CLOSE_RATIO? At most 2·min/(sum)."""
    return 2 * min(length, other) >= CLOSE_RATIO * (length + other)
