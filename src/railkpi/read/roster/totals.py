"""A roster's figures added up per year — firms, revenue tiers, segment revenues, flagged
firms — and the derived figures of the indicators the loaded plans know."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from railkpi.figures import Figure, exact
from railkpi.messages.problems_roster import DERIVED_FROM
from railkpi.numeric import decimal
from railkpi.plans.models import Indicator
from railkpi.plans.roster import RosterVocabulary
from railkpi.read.roster.chunk_years import YearMasks, of_year, year_masks
from railkpi.read.roster.codes import CreditCodes
from railkpi.read.roster.vocabulary import AT_LEAST, REVENUE_UNIT
from railkpi.read.units import UnitError, factor
from railkpi.records import record


@record
class FirmYear:
    name: str
    year: int
    revenue: float | None  # 亿元; None: the sheet has no revenue column, or the cell is blank
    segment: str | None  # a segment key of the plans' roster sections, or "other"
    flags: dict[str, bool]  # only the flags the sheet has a column for
    where: str  # the row, e.g. 企业名录!A5
    sheet: str = ""
    has_revenue_column: bool = False


@record
class Derived:
    indicator: str
    year: int
    figure: Figure
    where: str  # e.g. 企业名录 (228 firms)


# -- derivation ----------------------------------------------------------------------------


def _count(known: int, unknown: int) -> Figure:
    """k firms for sure; with m firms undecided, between k and k + m ("k以上")."""
    if unknown == 0:
        return exact(float(known))
    return Figure(float(known), float(known), float(known + unknown), True, True, AT_LEAST)


def _total(total: Decimal, complete: bool) -> Figure:
    """A segment's revenue: exact, or at least the known sum when a figure is missing."""
    value = float(total)
    return exact(value) if complete else Figure(value, value, None, True, True, AT_LEAST)


@dataclass
class YearTotals:
    """What the figures of one year need, added up firm by firm (or chunk by chunk): per tier
    the firms at or above it, per segment (of those with an indicator) the revenue, per flag
    the firms flagged yes."""

    vocabulary: RosterVocabulary
    firms: int = 0
    sheets: dict[str, None] = field(default_factory=dict)
    has_revenue_column: bool = False
    revenue_known: int = 0
    tiers: list[int] = field(default_factory=list)
    any_segment: bool = False
    unplaced: bool = False  # a firm of a sheet without a segment column
    segment_totals: dict[str, Decimal] = field(default_factory=dict)
    segment_incomplete: dict[str, bool] = field(default_factory=dict)
    flag_known: dict[str, int] = field(default_factory=dict)
    flagged: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.tiers = [0] * len(self.vocabulary.tiers)
        self.segment_totals = dict.fromkeys(self.vocabulary.segment_indicators, Decimal(0))
        self.segment_incomplete = dict.fromkeys(self.vocabulary.segment_indicators, False)
        self.flag_known = dict.fromkeys(self.vocabulary.flags, 0)
        self.flagged = dict.fromkeys(self.vocabulary.flags, 0)

    def figures(self) -> dict[str, Figure]:
        vocabulary = self.vocabulary
        figures: dict[str, Figure] = {}
        if vocabulary.firm_count is not None:
            figures[vocabulary.firm_count] = exact(float(self.firms))
        if self.has_revenue_column:
            missing = self.firms - self.revenue_known
            for tier, count in zip(vocabulary.tiers, self.tiers, strict=True):
                figures[tier.indicator] = _count(count, missing)
            if self.any_segment:
                for segment, indicator in vocabulary.segment_indicators.items():
                    complete = not (self.unplaced or self.segment_incomplete[segment])
                    figures[indicator] = _total(self.segment_totals[segment], complete)
        for key, flag in vocabulary.flags.items():
            if flag.indicator is not None and self.flag_known[key]:
                figures[flag.indicator] = _count(self.flagged[key],
                                                 self.firms - self.flag_known[key])
        return figures


class RosterTotals:
    """Every roster sheet of a workbook, added up per year; and the firm-years seen so far."""

    def __init__(self, vocabulary: RosterVocabulary) -> None:
        self.vocabulary = vocabulary
        self.years: dict[int, YearTotals] = {}
        #: (firm key, year) → (sheet, row, column) of its first row, to report duplicates.
        self.seen: dict[tuple[str, int], tuple[str, int, int]] = {}
        #: The firms' credit codes, where a roster has them.
        self.codes = CreditCodes()
        #: The same for firm-years added a chunk at a time: per year a set of firm keys to
        #: test (no tuple per firm: a million of them cost time to make and to free), and the
        #: chunks' keys and years in order to find a row again on the rare occasion it is needed.
        self.fast_keys: dict[int, set[str]] = {}
        self.fast_chunks: list[tuple[str, int, int, list[str], list[int]]] = []

    def add_if_new(self, sheet: str, column: int, first_row: int, keys: list[str],
                   years: list[int], masks: YearMasks | None = None) -> bool:
        """Record a chunk's firm-years (firm key and year, row by row; `masks` groups the rows
        by year, made from `years` if not given) if none is there twice or seen before; else
        False.

        The keys go straight into their year's set and the sets' growth tells whether they
        were all new; in the rare case they were not, the sets are rebuilt from the chunks kept.
        """
        if self.seen and not self.seen.keys().isdisjoint(zip(keys, years, strict=True)):
            return False
        for year, mask in (year_masks(years) if masks is None else masks).items():
            known = self.fast_keys.setdefault(year, set())
            before = len(known)
            keys_of_year = of_year(keys, mask)
            known.update(keys_of_year)
            if len(known) - before != len(keys_of_year):
                self.fast_keys = {}
                for *_, chunk_keys, chunk_years in self.fast_chunks:
                    for key, key_year in zip(chunk_keys, chunk_years, strict=True):
                        self.fast_keys.setdefault(key_year, set()).add(key)
                return False
        self.fast_chunks.append((sheet, column, first_row, keys, years))
        return True

    def first_seen(self, key: tuple[str, int]) -> tuple[str, int, int] | None:
        """(sheet, row, column) of the row a firm-year was first read from, if it was."""
        if key in self.seen:
            return self.seen[key]
        name, year = key
        if name in self.fast_keys.get(year, ()):
            for sheet, column, first_row, keys, years in self.fast_chunks:
                for offset, pair in enumerate(zip(keys, years, strict=True)):
                    if pair == key:
                        return sheet, first_row + offset, column
        return None

    def year(self, year: int, sheet: str) -> YearTotals:
        totals = self.years.get(year)
        if totals is None:
            totals = self.years[year] = YearTotals(self.vocabulary)
        totals.sheets[sheet] = None
        return totals

    def add(self, firm: FirmYear) -> None:
        totals = self.year(firm.year, firm.sheet)
        totals.firms += 1
        totals.has_revenue_column |= firm.has_revenue_column
        revenue = None if firm.revenue is None else decimal(firm.revenue)
        if revenue is not None:
            totals.revenue_known += 1
            for i, tier in enumerate(self.vocabulary.tiers):
                totals.tiers[i] += revenue >= tier.min_revenue
        if firm.segment is None:
            totals.unplaced = True
        else:
            totals.any_segment = True
            if firm.segment in totals.segment_totals:
                if revenue is None:
                    totals.segment_incomplete[firm.segment] = True
                else:
                    totals.segment_totals[firm.segment] += revenue
        for key, flagged in firm.flags.items():
            totals.flag_known[key] += 1
            totals.flagged[key] += flagged

    def derive(self, known: Mapping[str, Indicator]) -> list[Derived]:
        """Per year of the roster, the figures of the indicators in `known` it can give."""
        derived: list[Derived] = []
        segment_indicators = set(self.vocabulary.segment_indicators.values())
        for year in sorted(self.years):
            totals = self.years[year]
            where = DERIVED_FROM.format(sheets=", ".join(totals.sheets), firms=totals.firms)
            for indicator, figure in totals.figures().items():
                target = known.get(indicator)
                if target is None:
                    continue
                if indicator in segment_indicators:
                    try:  # a plan of one's own may keep segment revenue in 万元
                        scale = factor(REVENUE_UNIT, target.unit)
                    except UnitError:
                        continue
                    if scale != Decimal(1):
                        figure = figure.scaled(scale)
                derived.append(Derived(indicator, year, figure, where))
        return derived


def derive(firms: Sequence[FirmYear], known: Mapping[str, Indicator],
           vocabulary: RosterVocabulary) -> list[Derived]:
    """The derived figures of a list of firm-years (see RosterTotals)."""
    totals = RosterTotals(vocabulary)
    for firm in firms:
        totals.add(firm)
    return totals.derive(known)
