"""Plan files: the pydantic models of a plan YAML file.

A plan file is self-contained: metadata, the indicators it uses, the figures it publishes
itself (levels, stated growth rates, increments, cumulative totals) and its targets.
Loading (YAML → these models, with file and YAML-path error messages) lives in plan_loader.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from railkpi.figures import Figure, FigureError, exact, parse_figure
from railkpi.messages import UNIT_EN

Op = Literal[">", ">=", "<", "<="]
Better = Literal["higher", "lower"]
Kind = Literal["level", "range", "change", "ratio", "growth", "each_year", "trend"]

#: Years outside this range are typos, not plans or statistics.
YEAR_MIN, YEAR_MAX = 1949, 2100
Year = int


class Strict(BaseModel):
    """Base for every plan-file model: unknown keys are errors, values are not coerced loosely."""

    model_config = ConfigDict(extra="forbid", frozen=True)


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
            raise ValueError("thresholds must satisfy on_track ≥ moderate ≥ off_track")
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
    thresholds: Thresholds = Thresholds()

    @model_validator(mode="after")
    def _years(self) -> PlanMeta:
        start, end = self.period
        for year in (start, end, self.baseline_year):
            if not YEAR_MIN <= year <= YEAR_MAX:
                raise ValueError(f"year {year} is outside {YEAR_MIN}-{YEAR_MAX}")
        if start > end:
            raise ValueError(f"period starts ({start}) after it ends ({end})")
        if self.baseline_year > end:
            raise ValueError(
                f"baseline_year {self.baseline_year} is after the period {start}-{end}"
            )
        return self


class Indicator(Strict):
    name: Text
    unit: str = Field(min_length=1)
    #: The English word for what is counted (platforms, centres, patents); default from UNIT_EN.
    unit_en: str | None = Field(default=None, min_length=1)
    better: Better
    #: What the figures cover when it is not the plan's whole area (口径): 丰台园, key firms.
    scope: Text | None = None
    aliases: tuple[str, ...] = ()
    nonnegative: bool = True
    decimals: int | None = Field(default=None, ge=0, le=6)
    description: Text | None = None

    def unit_word(self, lang: str) -> str:
        """The unit as a reader of `lang` reads it: 家, or "platforms" in English."""
        if lang == "zh":
            return self.unit
        return self.unit_en or UNIT_EN.get(self.unit, self.unit)


class Quoted(Strict):
    """Base of every entry that carries the plan's own wording: a verbatim Chinese `quote`, an
    optional English rendering `quote_en`, and an optional `note` on how it was read."""

    quote: str = Field(min_length=1)
    quote_en: str | None = Field(default=None, min_length=1)
    note: Text | None = None

    def wording(self, lang: str) -> str:
        """The quote in `lang`: the English rendering where there is one, else the Chinese."""
        return self.quote_en if lang == "en" and self.quote_en else self.quote


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
            raise ValueError(
                "expected a number or a qualified figure such as 180余, 突破3000, 约100"
            ) from None
        if not math.isfinite(figure.value):
            raise ValueError("expected a finite number")
        return value

    @property
    def figure(self) -> Figure:
        return parse_figure(self.value) if isinstance(self.value, str) else exact(self.value)


def parse_percent(text: str) -> Decimal:
    """'16.3%' → Decimal('16.3'), keeping the decimals as printed ('11.0%' → Decimal('11.0')).

    Full-width characters and spaces are allowed ('１６．３％', '16.3 %'); raises ValueError.
    """
    written = "".join(unicodedata.normalize("NFKC", text).split())
    try:
        if not written.endswith("%"):
            raise InvalidOperation
        number = Decimal(written[:-1])
    except InvalidOperation:
        raise ValueError(
            'expected a percentage as the plan prints it, such as "16.3%", '
            "or a fraction such as 0.163"
        ) from None
    if not number.is_finite():
        raise ValueError("expected a finite percentage")
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
            raise ValueError("expected a finite number")
        return rate

    @model_validator(mode="after")
    def _years_in_order(self) -> StatedRate:
        if self.years[0] >= self.years[1]:
            raise ValueError(f"years {self.years[0]}-{self.years[1]}: the first must be earlier")
        return self

    @property
    def percent(self) -> Decimal:
        """The rate in percent with the decimals printed: "11.0%" → Decimal('11.0')."""
        if isinstance(self.rate, str):
            return parse_percent(self.rate)
        return Decimal(repr(self.rate)).scaleb(2)

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
            raise ValueError(f"years {self.years[0]}-{self.years[1]}: the first must be earlier")
        return self


class StatedTotal(Quoted):
    """A cumulative total the plan states, e.g. revenue 9837.9 summed over 2016-2020."""

    indicator: str
    years: tuple[Year, Year]
    total: float = Field(allow_inf_nan=False)

    @model_validator(mode="after")
    def _years_in_order(self) -> StatedTotal:
        if self.years[0] > self.years[1]:
            raise ValueError(f"years {self.years[0]}-{self.years[1]} are reversed")
        return self


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

    @model_validator(mode="after")
    def _fields_for_kind(self) -> Target:
        kind = self.kind
        uses_range = self.min is not None or self.max is not None
        if kind == "range" or (kind == "each_year" and uses_range):
            if self.min is None or self.max is None:
                raise ValueError(f"a {kind} target with a range needs both min and max")
            if self.min > self.max:
                raise ValueError(f"min ({self.min:g}) is greater than max ({self.max:g})")
            if self.op is not None or self.value is not None:
                raise ValueError(f"a {kind} target with min/max takes no op or value")
        elif kind == "trend":
            if self.op is not None or self.value is not None or uses_range:
                raise ValueError("a trend target takes no op, value, min or max (use direction)")
        else:
            if self.op is None or self.value is None:
                raise ValueError(f"a {kind} target needs op and value")
            if uses_range:
                raise ValueError(f"a {kind} target takes no min or max")
        if self.years is not None and kind != "each_year":
            raise ValueError("years (a window) applies only to each_year targets")
        if self.direction is not None and kind != "trend":
            raise ValueError("direction applies only to trend targets")
        if self.baseline_year is not None and kind in ("level", "range", "each_year"):
            raise ValueError(f"a {kind} target does not use a baseline_year")
        if self.years is not None and self.years[0] > self.years[1]:
            raise ValueError(f"years window {self.years[0]}-{self.years[1]} is reversed")
        return self


class Plan(Strict):
    plan: PlanMeta
    groups: dict[str, Text]
    indicators: dict[str, Indicator]
    history: tuple[HistoryLevel, ...] = ()
    stated_rates: tuple[StatedRate, ...] = ()
    stated_changes: tuple[StatedChange, ...] = ()
    stated_totals: tuple[StatedTotal, ...] = ()
    targets: tuple[Target, ...]

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
