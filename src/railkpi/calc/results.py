"""What an assessment produces: statuses, the figures of one year, notes, and each target's
result. Plain frozen values; the renderers read them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from railkpi.figures import Figure
from railkpi.numeric import Op
from railkpi.plans.models import Indicator, Plan, Target, Text, Thresholds
from railkpi.records import record

Status = Literal[
    "achieved", "on_track", "moderate", "off_track", "regressing", "not_achieved",
    "undetermined", "no_data",
]
#: From best to worst; `--fail-on S` fails on S and everything after it in this order.
STATUS_ORDER: tuple[Status, ...] = (
    "achieved", "on_track", "moderate", "off_track", "regressing", "not_achieved",
)
#: Statuses outside the order: they fail only when named.
STATUS_UNORDERED: tuple[Status, ...] = ("undetermined", "no_data")
ALL_STATUSES: tuple[Status, ...] = STATUS_ORDER + STATUS_UNORDERED

Source = Literal["data", "plan", "roster"]
Method = Literal["cagr", "linear"]


@record
class Point:
    """One year's figure of an indicator: its value, bounds and qualifier, and where it is from."""

    year: int
    figure: Figure
    source: Source
    where: str | None = None  # cell for data, "history[i]" for the plan's figures
    note: Text | None = None  # how the plan's own figure was read (its history note)

    @property
    def value(self) -> float:
        return self.figure.value


@record
class Note:
    """A remark on one result, rendered in the run's language from messages.NOTE."""

    code: str
    params: tuple[tuple[str, str], ...] = ()


def note(code: str, **params: object) -> Note:
    return Note(code, tuple((k, str(v)) for k, v in params.items()))


PathMethod = Literal["compound", "linear"]
#: Where a step comes from: the plan file's own (`milestones:`), or a path railkpi computed.
StepSource = Literal["plan", "compound", "linear"]


@record
class Step:
    """One year's step (年度目标) on a target's way: what that year's figure should meet.

    `value` with `op` (≥ on the way up, the target's own comparator in its year: 突破 is ">");
    a range (`low`, `high`, no op) in the target year of a range target and every year of a
    ranged each-year target; `previous_year` for a trend target: above (op ">") or below the
    figure of the year before, whose value a check fills in.
    """

    year: int
    value: float | None
    op: Op | None
    low: float | None = None
    high: float | None = None
    previous_year: bool = False
    approximate: bool = False  # from the point value of a qualified figure (180余, 约100)

    @property
    def strict(self) -> bool:
        return self.op in (">", "<")


@record
class MilestoneCheck:
    """A target's step for the year assessed and whether that year's figure met it (never an
    earlier year's): None where there is no figure for the year or its bounds do not settle it."""

    step: Step
    source: StepSource
    figure: Point | None
    met: bool | None
    gap: float | None  # d · (step − x), as the target's gap: ≤ 0 met
    approximate: bool = False

    @property
    def year(self) -> int:
        return self.step.year


@record
class TargetResult:
    plan_id: str
    target: Target
    indicator: Indicator
    target_value: float | tuple[float, float] | None
    target_year: int
    #: t0 the target is measured from: its own baseline_year, else the plan's.
    baseline_year: int | None = None
    baseline: Point | None = None
    latest: Point | None = None
    gap: float | None = None
    completion: float | None = None
    time_elapsed: float | None = None
    actual_cagr: float | None = None
    required_cagr: float | None = None
    required_cagr_from_latest: float | None = None
    growth_ratio: float | None = None
    expected_completion: float | None = None
    years_observed: int | None = None
    projected: float | None = None
    projected_year: int | None = None
    method: Method | None = None
    status: Status = "no_data"
    early: bool = False  # achieved before the target year (已提前完成)
    approximate: bool = False  # computed from a qualified figure (180余, 约100, …)
    failing_years: tuple[int, ...] = ()
    notes: tuple[Note, ...] = ()
    milestone: MilestoneCheck | None = None  # the step of the year assessed, if there is one
    #: The target over the years (calc/series.py): None where it was not computed.
    series: TargetSeries | None = None


Change = Literal["improved", "worsened", "unchanged", "new"]


@record
class YearStatus:
    """The status a target had as of one year, with the figure and growth ratio it rested on."""

    year: int
    status: Status
    early: bool = False
    value: float | None = None  # x as of that year (the latest figure at or before it)
    value_year: int | None = None  # the year of that figure
    growth_ratio: float | None = None


@record
class TargetSeries:
    """A target as one point of a series (calc/series.py): its status in each year from the
    first after the baseline to the year assessed, the change since the year before, and the
    year-on-year figures."""

    timeline: tuple[YearStatus, ...] = ()
    previous_status: Status | None = None
    change: Change = "new"
    yoy_growth: float | None = None  # latest figure over the previous year's, − 1
    yoy_approximate: bool = False  # one of those two figures is qualified (180余, 约100)
    needed_per_year: float | None = None  # gap ÷ years left, in the indicator's unit


@record
class PlanResult:
    plan: Plan
    thresholds: Thresholds
    targets: tuple[TargetResult, ...]


@record
class Assessment:
    as_of: int
    plans: tuple[PlanResult, ...]

    def statuses(self) -> list[Status]:
        return [t.status for p in self.plans for t in p.targets]

    def missed_steps(self) -> list[TargetResult]:
        """The targets whose figure for the year assessed missed that year's step."""
        return [t for p in self.plans for t in p.targets
                if t.milestone is not None and t.milestone.met is False]


def failing(statuses: Sequence[str], levels: Sequence[str]) -> list[str]:
    """The statuses at or below any of `levels` (`--fail-on`): a level of STATUS_ORDER fails
    on itself and everything after it; undetermined and no_data fail only when named."""
    bad: set[str] = set()
    for level in levels:
        if level in STATUS_ORDER:
            bad.update(STATUS_ORDER[STATUS_ORDER.index(level):])
        else:
            bad.add(level)
    return [s for s in statuses if s in bad]


RateKind = Literal["cagr", "required_cagr"]


@record
class GrowthRate:
    """`railkpi cagr` (growth achieved from a start to an end value) or `railkpi required`
    (growth needed from now to a target): (end / start)^(1/years) − 1, None where undefined."""

    kind: RateKind
    rate: float | None
