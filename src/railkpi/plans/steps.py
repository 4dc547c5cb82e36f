"""What a target's annual steps ask: which way the target goes, and the comparison a step as
the plan file words it asks of the year's figure."""

from __future__ import annotations

from railkpi.figures import QUALIFIERS, Figure
from railkpi.numeric import Op
from railkpi.plans.models import Indicator, Target


def upward(target: Target, indicator: Indicator) -> bool:
    """Whether reaching the target means going up: its comparator's way, a trend's direction,
    or (a range) the indicator's."""
    if target.kind == "trend":
        better = "rising" if indicator.better == "higher" else "falling"
        return (target.direction or better) == "rising"
    if target.op is None:
        return indicator.better == "higher"
    return target.op in (">", ">=")


def step_op(figure: Figure, up: bool) -> Op | None:
    """The comparison a step written as `figure` asks of the year's figure: at least the step
    (at most, on the way down); more than it where the step says 超过/突破/逾 (less than: 不足/
    近); 余, 多, 约 and 左右 leave the point value. None where the words point the other way."""
    kind = QUALIFIERS[figure.qualifier] if figure.qualifier else None
    if kind in ("gt", "ge"):
        return (">" if kind == "gt" else ">=") if up else None
    if kind in ("lt", "le"):
        return None if up else ("<" if kind == "lt" else "<=")
    return ">=" if up else "<="
