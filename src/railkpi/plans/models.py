"""Plan files: the pydantic models of a plan YAML file.

A plan file is self-contained: metadata, the indicators it uses, the figures it publishes
itself (levels, stated growth rates, increments, cumulative totals) and its targets.
Loading (YAML → these models, with file and YAML-path error messages) lives in plans/loader.py.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from railkpi.figures import Figure, FigureError, exact, parse_figure
from railkpi.messages.plan_values import PLAN_CHECKS
from railkpi.numeric import Op, decimal

Better = Literal["higher", "lower"]
Kind = Literal["level", "range", "change", "ratio", "growth", "each_year", "trend"]

#: Years outside this range are typos, not plans or statistics.
YEAR_MIN, YEAR_MAX = 1949, 2100
Year = int


def invalid(key: str, **context: object) -> PydanticCustomError:
    """A value refused by one of railkpi's own checks: its type is the key of its words in the
    catalog (messages/plan_values.py), its message the English words."""
    return PydanticCustomError(key, PLAN_CHECKS[key][1],
                               {name: str(value) for name, value in context.items()})


class Strict(BaseModel):
    """Base for every plan-file model: unknown keys are errors, values are not coerced loosely.
    The schema is built on the first validation: a cached plan never needs it (plan_form.py)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Text(Strict):
    """A text in both languages."""

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def __call__(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class Thresholds(Strict):
    """Cut-offs on the growth ratio (cagr method) and on completion ÷ time elapsed (linear)."""

    on_track: float = 0.95
    moderate: float = 0.60
    off_track: float = 0.0

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if not self.on_track >= self.moderate >= self.off_track:
            raise invalid("thresholds-order")
        return self


class PlanMeta(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    title: Text
    document: str | None = None
    issuer: Text | None = None
    published: dt.date | None = None
    status: Text | None = None
    period: tuple[Year, Year]
    baseline_year: Year
    thresholds: Thresholds = Thresholds.model_construct()  # the defaults, no schema built

    @model_validator(mode="after")
    def _years(self) -> PlanMeta:
        start, end = self.period
        for year in (start, end, self.baseline_year):
            if not YEAR_MIN <= year <= YEAR_MAX:
                raise invalid("year-range", year=year, low=YEAR_MIN, high=YEAR_MAX)
        if start > end:
            raise invalid("period-reversed", start=start, end=end)
        if self.baseline_year > end:
            raise invalid("baseline-after-period", baseline=self.baseline_year, start=start,
                          end=end)
        return self


class Indicator(Strict):
    name: Text
    unit: str = Field(min_length=1)
    #: The English word for what is counted (platforms, centres, patents); without it English
    #: output uses the general word for the unit (render/display.unit).
    unit_en: str | None = Field(default=None, min_length=1)
    better: Better
    #: What the figures cover when it is not the plan's whole area (口径): 丰台园, key firms.
    scope: Text | None = None
    aliases: tuple[str, ...] = ()
    nonnegative: bool = True
    decimals: int | None = Field(default=None, ge=0, le=6)
    description: Text | None = None
    #: The Excel gap table charts every target on this indicator (and every growth target).
    chart: bool = False


class Quoted(Strict):
    """Base of every entry that carries the plan's own wording: a verbatim Chinese `quote`, an
    optional English rendering `quote_en`, and an optional `note` on how it was read."""

    quote: str = Field(min_length=1)
    quote_en: str | None = Field(default=None, min_length=1)
    note: Text | None = None


class HistoryLevel(Quoted):
    """A level the plan publishes itself, e.g. revenue 2364.9 in 2020, enterprises "180余"."""

    indicator: str
    year: Year = Field(ge=YEAR_MIN, le=YEAR_MAX)
    value: float | str = Field(union_mode="left_to_right")

    @field_validator("value")
    @classmethod
    def _figure(cls, value: float | str) -> float | str:
        try:
            figure = parse_figure(value) if isinstance(value, str) else exact(value)
        except FigureError:
            raise invalid("figure") from None
        if not math.isfinite(figure.value):
            raise invalid("finite")
        return value

    @property
    def figure(self) -> Figure:
        return parse_figure(self.value) if isinstance(self.value, str) else exact(self.value)


def parse_percent(text: str) -> Decimal:
    """'16.3%' → Decimal('16.3'), keeping the decimals as printed ('11.0%' → Decimal('11.0')).

    Full-width characters and spaces are allowed ('１６．３％', '16.3 %'); raises
    PydanticCustomError ("percent", "finite-percent").
    """
    written = "".join(unicodedata.normalize("NFKC", text).split())
    try:
        if not written.endswith("%"):
            raise InvalidOperation
        number = Decimal(written[:-1])
    except InvalidOperation:
        raise invalid("percent") from None
    if not number.is_finite():
        raise invalid("finite-percent")
    return number


class StatedRate(Quoted):
    """A growth rate the plan states (年均增速), e.g. 16.3 % a year over 2015→2020.

    `rate` is written as the plan prints it, a percentage string ("11.0%"), because the
    printed decimals are the precision a check must allow (11.0 % is ±0.05 points) and a YAML
    float cannot keep them (0.110 reads back as 0.11). A plain fraction is accepted too; it is
    then taken as exact to the decimals it has as a percentage (0.163 → 16.3 %, 0.11 → 11 %).
    """

    indicator: str
    years: tuple[Year, Year]
    # str first: a number string without "%" ("16.3") must not be read as the fraction 16.3.
    rate: str | float = Field(union_mode="left_to_right")

    @field_validator("rate")
    @classmethod
    def _percent(cls, rate: str | float) -> str | float:
        if isinstance(rate, str):
            parse_percent(rate)
        elif not math.isfinite(rate):
            raise invalid("finite")
        return rate

    @model_validator(mode="after")
    def _years_in_order(self) -> StatedRate:
        if self.years[0] >= self.years[1]:
            raise invalid("years-order", first=self.years[0], second=self.years[1])
        return self

    @property
    def percent(self) -> Decimal:
        """The rate in percent with the decimals printed: "11.0%" → Decimal('11.0')."""
        if isinstance(self.rate, str):
            return parse_percent(self.rate)
        return decimal(self.rate).scaleb(2)

    @property
    def fraction(self) -> float:
        """The rate as a fraction: "16.3%" → 0.163."""
        return float(self.percent.scaleb(-2))

    @property
    def decimals(self) -> int:
        """Decimals printed in the percentage: "11.0%" → 1, "11%" → 0."""
        exponent = self.percent.as_tuple().exponent
        return max(0, -exponent) if isinstance(exponent, int) else 0

    @property
    def tolerance(self) -> Decimal:
        """Half a unit of the last printed decimal, in percentage points: "16.3%" → 0.05."""
        return Decimal(5).scaleb(-(self.decimals + 1))


class StatedChange(Quoted):
    """An increment the plan states, e.g. profit +100 (约) from 2016 to 2020."""

    indicator: str
    years: tuple[Year, Year]
    change: float = Field(allow_inf_nan=False)
    approximate: bool = False

    @model_validator(mode="after")
    def _years_in_order(self) -> StatedChange:
        if self.years[0] >= self.years[1]:
            raise invalid("years-order", first=self.years[0], second=self.years[1])
        return self


class StatedTotal(Quoted):
    """A cumulative total the plan states, e.g. revenue 9837.9 summed over 2016-2020."""

    indicator: str
    years: tuple[Year, Year]
    total: float = Field(allow_inf_nan=False)

    @model_validator(mode="after")
    def _years_in_order(self) -> StatedTotal:
        if self.years[0] > self.years[1]:
            raise invalid("years-reversed", first=self.years[0], second=self.years[1])
        return self


def _step_figure(value: object) -> object:
    """A step of the office's annual work plan as the plan file writes it: a number, or a
    qualified figure without its unit ("突破2800"), as a published figure is written."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise invalid("figure")
    try:
        figure = parse_figure(value) if isinstance(value, str) else exact(float(value))
    except (FigureError, OverflowError):
        raise invalid("figure") from None
    if not math.isfinite(figure.value):
        raise invalid("finite")
    return value


def _step_year(value: object) -> object:
    """A year as a key of `milestones:` (YAML gives keys as text): 2023, not 2023年."""
    text = str(value).strip()
    digits = text.isascii() and text.isdigit()
    if isinstance(value, bool) or not (isinstance(value, int) or digits):
        raise invalid("step-year")
    year = int(text)
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise invalid("year-range", year=year, low=YEAR_MIN, high=YEAR_MAX)
    return year


#: `milestones:` of a target: year → the step, checked one by one (YAML path `…milestones.2023`).
StepYear = Annotated[Year, BeforeValidator(_step_year)]
StepValue = Annotated[float | str, BeforeValidator(_step_figure)]


class Target(Quoted):
    """One quantified target. Which fields apply depends on `kind` (see docs/plan-format.md)."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    indicator: str
    kind: Kind
    op: Op | None = None
    value: float | None = Field(default=None, allow_inf_nan=False)
    min: float | None = Field(default=None, allow_inf_nan=False)
    max: float | None = Field(default=None, allow_inf_nan=False)
    year: Year = Field(ge=YEAR_MIN, le=YEAR_MAX)
    baseline_year: Year | None = Field(default=None, ge=YEAR_MIN, le=YEAR_MAX)
    years: tuple[Year, Year] | None = None
    direction: Literal["rising", "falling"] | None = None
    group: str
    #: The office's annual steps (年度计划): year → the level to reach that year.
    milestones: dict[StepYear, StepValue] = Field(
        default_factory=dict, json_schema_extra={"propertyNames": {"pattern": "^[0-9]{4}$"}})

    @property
    def steps(self) -> dict[int, Figure]:
        """The annual steps as figures, by year in order."""
        return {year: parse_figure(value) if isinstance(value, str) else exact(value)
                for year, value in sorted(self.milestones.items())}

    @model_validator(mode="after")
    def _fields_for_kind(self) -> Target:
        kind = self.kind
        uses_range = self.min is not None or self.max is not None
        if kind == "range" or (kind == "each_year" and uses_range):
            if self.min is None or self.max is None:
                raise invalid("range-needs-both", kind=kind)
            if self.min > self.max:
                raise invalid("range-reversed", min=f"{self.min:g}", max=f"{self.max:g}")
            if self.op is not None or self.value is not None:
                raise invalid("range-no-op", kind=kind)
        elif kind == "trend":
            if self.op is not None or self.value is not None or uses_range:
                raise invalid("trend-fields")
        else:
            if self.op is None or self.value is None:
                raise invalid("needs-op", kind=kind)
            if uses_range:
                raise invalid("no-range", kind=kind)
        if self.years is not None and kind != "each_year":
            raise invalid("years-each-year-only")
        if self.direction is not None and kind != "trend":
            raise invalid("direction-trend-only")
        if self.baseline_year is not None and kind in ("level", "range", "each_year"):
            raise invalid("no-baseline-year", kind=kind)
        if self.years is not None and self.years[0] > self.years[1]:
            raise invalid("window-reversed", first=self.years[0], second=self.years[1])
        return self


class RosterSegment(Strict):
    """A segment of the industry (赛道) a roster's firms are listed in; `indicator` is the
    revenue indicator the segment's firms add up to (none: the firms count in no total)."""

    name: Text
    aliases: tuple[str, ...] = ()
    indicator: str | None = None


class RosterTier(Strict):
    """A revenue tier: the firms with revenue of at least `min_revenue` 亿元 (inclusive) are
    counted into `indicator`."""

    indicator: str
    min_revenue: float = Field(gt=0, allow_inf_nan=False)


class RosterFlag(Strict):
    """A yes/no column of the roster (专精特新, …): its name, the other headers it may have,
    and the indicator the firms flagged yes are counted into."""

    name: Text
    headers: tuple[str, ...] = ()
    indicator: str | None = None


class RosterSection(Strict):
    """What an enterprise roster (企业名录) gives this plan's indicators (docs/plan-format.md)."""

    firm_count: str | None = None
    segments: dict[str, RosterSegment] = Field(default_factory=dict)
    tiers: tuple[RosterTier, ...] = ()
    flags: dict[str, RosterFlag] = Field(default_factory=dict)


class Plan(Strict):
    plan: PlanMeta
    groups: dict[str, Text]
    indicators: dict[str, Indicator]
    history: tuple[HistoryLevel, ...] = ()
    stated_rates: tuple[StatedRate, ...] = ()
    stated_changes: tuple[StatedChange, ...] = ()
    stated_totals: tuple[StatedTotal, ...] = ()
    targets: tuple[Target, ...]
    roster: RosterSection | None = None

    @property
    def id(self) -> str:
        return self.plan.id

    def published(self, indicator: str) -> dict[int, tuple[int, HistoryLevel]]:
        """The levels the plan publishes for one indicator, by year, with their `history` index.

        A plan may state a year twice, exactly and with a qualifier (2364.9 and 突破1000 for
        2020): the exact figure is used, else the first one written.
        """
        levels: dict[int, tuple[int, HistoryLevel]] = {}
        for i, level in enumerate(self.history):
            if level.indicator != indicator:
                continue
            kept = levels.get(level.year)
            if kept is None or (not kept[1].figure.exact and level.figure.exact):
                levels[level.year] = (i, level)
        return levels
