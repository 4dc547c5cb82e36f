"""An observation: one indicator's figure for one year, with the cell it came from."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from railkpi.plan import YEAR_MAX, YEAR_MIN, Indicator


class Observation(BaseModel):
    """Validated against the loaded plans' indicators (pass them as context `indicators`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    indicator: str
    year: int = Field(ge=YEAR_MIN, le=YEAR_MAX)
    value: float = Field(allow_inf_nan=False)
    where: str
    source: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _fits_indicator(self, info: ValidationInfo) -> Observation:
        indicators: dict[str, Indicator] = (info.context or {}).get("indicators", {})
        indicator = indicators.get(self.indicator)
        if indicator is None:
            raise PydanticCustomError(
                "unknown-indicator", "unknown indicator {found}", {"found": self.indicator}
            )
        if indicator.nonnegative and self.value < 0:
            raise PydanticCustomError(
                "negative-value", "{indicator} cannot be negative", {"indicator": self.indicator}
            )
        return self
