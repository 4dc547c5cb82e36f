"""An observation: one indicator's figure for one year, with the cell it came from; and what
reading a workbook gives, its observations and warnings."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from railkpi.figures import QUALIFIERS, Figure, exact
from railkpi.plans.models import YEAR_MAX, YEAR_MIN, Indicator
from railkpi.problems import Problem
from railkpi.records import record

Origin = Literal["data", "roster"]


class Observation(BaseModel):
    """Validated against the loaded plans' indicators (pass them as context `indicators`).

    `value` is the point value in the indicator's unit; a qualified figure ("180余",
    "突破3000") also carries its bounds (`lower`, `upper`, null where unbounded) and its
    qualifier word. `unit` is the unit the workbook gave, if any.
    """

    # The schema is built when the first observation is validated, not on import: the JSON
    # renderer imports this module for `WorkbookData` alone (plans, targets, cagr as JSON).
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    indicator: str
    year: int = Field(ge=YEAR_MIN, le=YEAR_MAX)
    value: float = Field(allow_inf_nan=False)
    qualifier: str | None = None
    lower: float | None = Field(default=None, allow_inf_nan=False)
    upper: float | None = Field(default=None, allow_inf_nan=False)
    lower_inclusive: bool = True
    upper_inclusive: bool = True
    unit: str | None = None
    where: str
    origin: Origin = "data"
    source_note: str | None = None
    note: str | None = None

    @classmethod
    def of(cls, figure: Figure, **fields: object) -> dict[str, object]:
        """The model fields for a figure (to pass to model_validate with the other fields)."""
        if figure.exact:
            return {"value": figure.value, **fields}
        return {
            "value": figure.value,
            "qualifier": figure.qualifier,
            "lower": figure.lower,
            "upper": figure.upper,
            "lower_inclusive": figure.lower_inclusive,
            "upper_inclusive": figure.upper_inclusive,
            **fields,
        }

    def figure(self) -> Figure:
        if self.qualifier is None:
            return exact(self.value)
        return Figure(self.value, self.lower, self.upper, self.lower_inclusive,
                      self.upper_inclusive, self.qualifier)

    @model_validator(mode="after")
    def _fits_indicator(self, info: ValidationInfo) -> Observation:
        if self.qualifier is not None and self.qualifier not in QUALIFIERS:
            raise PydanticCustomError("bad-number", "unknown qualifier {q}", {"q": self.qualifier})
        indicators: dict[str, Indicator] = (info.context or {}).get("indicators", {})
        indicator = indicators.get(self.indicator)
        if indicator is None:
            raise PydanticCustomError(
                "unknown-indicator", "unknown indicator {found}", {"found": self.indicator}
            )
        lowest = self.value if self.lower is None else min(self.lower, self.value)
        if indicator.nonnegative and lowest < 0:
            raise PydanticCustomError(
                "negative-value", "{indicator} cannot be negative", {"indicator": self.indicator}
            )
        return self


#: How a sheet was read: a long or wide data sheet, or an enterprise roster.
Layout = Literal["long", "wide", "roster"]


@record
class WorkbookData:
    """A workbook read and checked: its observations, in indicator and year order, the
    warnings about it, and the layout each sheet was read in."""

    file: str
    observations: tuple[Observation, ...]
    warnings: tuple[Problem, ...]
    layouts: dict[str, Layout]
