"""What `railkpi audit` finds: one type per check, holding the figures it compared, and the
stated figures it could not check. Codes and figures only; the words are the renderers'."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar, Literal

from railkpi.figures import Figure
from railkpi.plans.models import (
    HistoryLevel,
    Indicator,
    Plan,
    StatedChange,
    StatedRate,
    StatedTotal,
    Target,
)
from railkpi.records import record

Reason = Literal["missing", "inexact", "nonpositive"]
UncheckedKind = Literal["stated_rate", "stated_change", "stated_total", "change_target"]


@record
class StatedTarget:
    """A target as another target or plan is compared with it: `resolved` is X, the absolute
    figure a change or ratio target comes to from the plan's own exact baseline."""

    plan: str
    target: Target
    indicator: Indicator
    resolved: float | None = None


@record
class RateMismatch:
    """A stated growth rate (per cent as printed) against the CAGR of its two levels."""

    code: ClassVar[str] = "rate-mismatch"
    plan: str
    indicator: str
    years: tuple[int, int]
    levels: tuple[float, float]
    stated: StatedRate
    computed: float


@record
class ChangeMismatch:
    """A stated increment against the difference of its two levels; `tolerance` absolute."""

    code: ClassVar[str] = "change-mismatch"
    plan: str
    indicator: str
    years: tuple[int, int]
    levels: tuple[float, float]
    stated: StatedChange
    computed: float
    tolerance: Decimal


@record
class TotalMismatch:
    """A stated cumulative total against the sum of the levels of the years it covers."""

    code: ClassVar[str] = "total-mismatch"
    plan: str
    indicator: str
    years: tuple[int, int]
    stated: StatedTotal
    computed: float
    tolerance: Decimal


@record
class IncrementVsTotal:
    """A change target resolved from the plan's baseline level, against a level target."""

    code: ClassVar[str] = "increment-vs-total"
    plan: str
    indicator: str
    year: int
    baseline_year: int
    baseline: Figure
    change: Target
    resolved: Figure
    level: StatedTarget


@record
class TargetOutsidePeriod:
    """A target year, or a year of an each-year window, outside the plan period."""

    code: ClassVar[str] = "target-outside-period"
    plan: str
    indicator: str
    target: str
    year: int
    period: tuple[int, int]


@record
class ConflictingTargets:
    """Two plans' targets on the same indicator and year that ask for different figures."""

    code: ClassVar[str] = "conflicting-targets"
    plan: str
    indicator: str
    year: int
    mine: StatedTarget
    theirs: StatedTarget


@record
class PublishedLevel:
    """A level one plan publishes, and where: `history[9]` of 14th-fyp."""

    plan: str
    index: int
    level: HistoryLevel


@record
class ConflictingLevels:
    """Two published levels of one indicator and year that cannot both be right (143 against
    180余), from two plans or twice from one."""

    code: ClassVar[str] = "conflicting-levels"
    plan: str
    indicator: str
    year: int
    first: PublishedLevel
    second: PublishedLevel


Finding = (RateMismatch | ChangeMismatch | TotalMismatch | IncrementVsTotal
           | TargetOutsidePeriod | ConflictingTargets | ConflictingLevels)


@record
class Unchecked:
    """A stated figure that could not be checked: which years stop it, and why."""

    kind: UncheckedKind
    plan: str
    indicator: str
    years: tuple[int, int]
    reason: Reason
    reason_years: tuple[int, ...]


@record
class AuditResult:
    findings: tuple[Finding, ...]
    unchecked: tuple[Unchecked, ...]
    #: The plans audited, for the words that name their indicators and targets.
    plans: tuple[Plan, ...] = ()

