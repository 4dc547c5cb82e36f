"""The roster vocabulary of the loaded plans: the segments a roster's firms are listed in and
the revenue indicator each feeds, the revenue tiers and the yes/no flags with the indicators
their counts feed, and the indicator the number of firms feeds — from the plans' `roster:`
sections, merged. The roster reader knows no segment, tier or flag of its own.

Plans loaded together must agree: a segment, tier or flag defined differently by two chosen
plans, or a label naming two segments, is a problem with its YAML path. The bundled plans not
chosen (which a workbook may also serve) add what does not conflict with the chosen ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from railkpi.messages.problems_plans import ROSTER_PARTS
from railkpi.numeric import decimal
from railkpi.plans.labels import normalise_label
from railkpi.plans.models import Plan, RosterFlag, RosterSegment, Text
from railkpi.problems import Problem, Words, error
from railkpi.records import record

#: The segment every roster has besides the plans': firms outside the plans' segments, counted
#: in no segment total. Its labels are reserved.
OTHER = "other"
OTHER_NAME = Text.model_construct(zh="其他", en="other")  # no schema built at import
OTHER_LABELS = ("其他", "其它", "other", "others")


@record
class Tier:
    indicator: str
    min_revenue: Decimal  # 亿元, inclusive


@dataclass
class RosterVocabulary:
    """Segments, tiers and flags of every loaded plan's roster section, merged."""

    firm_count: str | None = None
    segments: dict[str, RosterSegment] = field(default_factory=dict)
    tiers: list[Tier] = field(default_factory=list)
    flags: dict[str, RosterFlag] = field(default_factory=dict)
    #: A segment's labels (normalised) → its key; a flag's headers (normalised) → its key.
    segment_labels: dict[str, str] = field(default_factory=dict)
    flag_labels: dict[str, str] = field(default_factory=dict)

    @property
    def segment_indicators(self) -> dict[str, str]:
        """Segment key → the revenue indicator its firms add up to."""
        return {key: s.indicator for key, s in self.segments.items() if s.indicator}

    def segment_names(self) -> list[Text]:
        """The segments' names in the plans' order, the catch-all segment last."""
        return [s.name for s in self.segments.values()] + [OTHER_NAME]

    def segment_of(self, label: str) -> str | None:
        """The segment a roster cell names (a trailing 赛道 is allowed), or None."""
        key = normalise_label(label)
        found = self.segment_labels.get(key)
        if found is None and key.endswith("赛道"):
            found = self.segment_labels.get(key.removesuffix("赛道"))
        return found

    def is_empty(self) -> bool:
        return not (self.firm_count or self.segments or self.tiers or self.flags)


def segment_labels(key: str, segment: RosterSegment) -> list[str]:
    return list(dict.fromkeys(normalise_label(label) for label in (
        key, segment.name.zh, segment.name.en, *segment.aliases)))


def flag_labels(key: str, flag: RosterFlag) -> list[str]:
    return list(dict.fromkeys(normalise_label(label) for label in (
        key, flag.name.zh, flag.name.en, *flag.headers)))


def _other() -> dict[str, str]:
    return {normalise_label(label): OTHER for label in OTHER_LABELS}


class _Merger:
    """Adds plans' roster sections one by one; `strict` plans' conflicts are problems."""

    def __init__(self) -> None:
        self.vocabulary = RosterVocabulary(segment_labels=_other())
        self.origin: dict[str, str] = {}  # what → the plan file that defined it first
        self.problems: list[Problem] = []

    def conflict(self, strict: bool, name: str, where: str, what: tuple[str, str],
                 found: object, other_value: object) -> None:
        """`what` is (part, key): ("firm_count", ""), ("segment", KEY), ("tier", INDICATOR) or
        ("flag", KEY); the origin of the first definition is kept as "part key"."""
        if strict:
            part, key = what
            zh, en = ROSTER_PARTS[part]
            self.problems.append(error("plan-roster-conflict", name, where,
                                       what=Words(f"{zh} {key}".strip(), f"{en} {key}".strip()),
                                       found=found, other_value=other_value,
                                       other=self.origin[f"{part} {key}".strip()]))

    def add(self, name: str, plan: Plan, strict: bool) -> None:
        section = plan.roster
        if section is None:
            return
        vocabulary = self.vocabulary
        if section.firm_count is not None:
            first = vocabulary.firm_count
            if first is None:
                vocabulary.firm_count = section.firm_count
                self.origin["firm_count"] = name
            elif first != section.firm_count:
                self.conflict(strict, name, "roster.firm_count", ("firm_count", ""),
                              section.firm_count, first)
        for key, segment in section.segments.items():
            self.add_segment(name, key, segment, strict)
        for i, tier in enumerate(section.tiers):
            self.add_tier(name, i, tier.indicator, decimal(tier.min_revenue), strict)
        for key, flag in section.flags.items():
            self.add_flag(name, key, flag, strict)

    def add_segment(self, name: str, key: str, segment: RosterSegment, strict: bool) -> None:
        vocabulary, where = self.vocabulary, f"roster.segments.{key}"
        known = vocabulary.segments.get(key)
        if known is not None:
            if known.indicator != segment.indicator:
                self.conflict(strict, name, f"{where}.indicator", ("segment", key),
                              segment.indicator, known.indicator)
            return
        labels = segment_labels(key, segment)
        taken = [label for label in labels
                 if key == OTHER or vocabulary.segment_labels.get(label, key) != key]
        if taken:
            if strict:
                first = OTHER if key == OTHER else vocabulary.segment_labels[taken[0]]
                self.problems.append(
                    error("plan-roster-reserved", name, where, found=taken[0])
                    if first == OTHER else
                    error("plan-roster-label", name, f"{where}.aliases", found=taken[0],
                          first=first, second=key))
            return
        vocabulary.segments[key] = segment
        self.origin[f"segment {key}"] = name
        vocabulary.segment_labels.update(dict.fromkeys(labels, key))

    def add_tier(self, name: str, i: int, indicator: str, minimum: Decimal,
                 strict: bool) -> None:
        known = next((t for t in self.vocabulary.tiers if t.indicator == indicator), None)
        if known is None:
            self.vocabulary.tiers.append(Tier(indicator, minimum))
            self.origin[f"tier {indicator}"] = name
        elif known.min_revenue != minimum:
            self.conflict(strict, name, f"roster.tiers[{i}].min_revenue", ("tier", indicator),
                          minimum, known.min_revenue)

    def add_flag(self, name: str, key: str, flag: RosterFlag, strict: bool) -> None:
        vocabulary, where = self.vocabulary, f"roster.flags.{key}"
        known = vocabulary.flags.get(key)
        if known is not None:
            if known.indicator != flag.indicator:
                self.conflict(strict, name, f"{where}.indicator", ("flag", key), flag.indicator,
                              known.indicator)
            return
        labels = flag_labels(key, flag)
        taken = [label for label in labels if vocabulary.flag_labels.get(label, key) != key]
        if taken:
            if strict:
                self.problems.append(error("plan-roster-label", name, f"{where}.headers",
                                           found=taken[0], first=vocabulary.flag_labels[taken[0]],
                                           second=key))
            return
        vocabulary.flags[key] = flag
        self.origin[f"flag {key}"] = name
        vocabulary.flag_labels.update(dict.fromkeys(labels, key))


def merge_rosters(chosen: Iterable[tuple[str, Plan]],
                  also_known: Iterable[Plan] = ()) -> tuple[RosterVocabulary, list[Problem]]:
    """The chosen plans' roster sections merged (their conflicts as problems), then what the
    other known plans add without conflict."""
    merger = _Merger()
    for name, plan in chosen:
        merger.add(name, plan, strict=True)
    for plan in also_known:
        merger.add(plan.id, plan, strict=False)
    return merger.vocabulary, merger.problems
