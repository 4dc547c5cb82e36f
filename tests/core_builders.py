"""Small plans and observations for the tests of the calculation core (tests/test_core_*.py).

The core's modules are imported here and nowhere else in those tests, so that moving a module
changes one import line. Observations may be qualified figures written as text ("50余",
"突破3000"), read as a workbook cell would be.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from plans import indicator, target, text
from railkpi.calc import formulas
from railkpi.calc.as_of import after_as_of, default_as_of
from railkpi.calc.assess import assess, in_range
from railkpi.calc.contradictions import contradictions, widened
from railkpi.calc.results import Assessment, TargetResult, failing
from railkpi.figures import exact, parse_figure
from railkpi.plans.models import Plan, Thresholds
from railkpi.read.observation import Observation

__all__ = [
    "Assessment",
    "TargetResult",
    "after_as_of",
    "assess",
    "contradictions",
    "default_as_of",
    "exact",
    "failing",
    "figure_at",
    "formulas",
    "hist",
    "in_range",
    "make_plan",
    "notes_of",
    "observe",
    "parse_figure",
    "result",
    "run",
    "signed_zero_fields",
    "target",
    "widened",
]

Value = float | str


INDICATORS: dict[str, dict[str, Any]] = {
    "revenue_total": indicator("轨道交通产业总收入", "Revenue", "亿元"),
    "enterprise_count": indicator("轨道交通企业数量", "Enterprises", "家"),
    "rd_expenditure": indicator("研发费用", "R&D expenditure", "亿元"),
    "patent_count": indicator("专利数量", "Patents", "件"),
    "share": indicator("国产化率", "Domestic share", "%"),
    "core_tech": indicator("关键核心技术", "Core technologies", "项"),
    "tech_transactions": indicator("技术交易额", "Technology transactions", "亿元"),
    "profit_total": indicator("利润总额", "Profit", "亿元", nonnegative=False),
    "energy_intensity": indicator("单位产值能耗", "Energy intensity", "吨标准煤/万元", "lower"),
    "accident_rate": indicator("事故率", "Accident rate", "起/万公里", "lower"),
}


def hist(indicator_id: str, year: int, value: Value) -> dict[str, Any]:
    """A figure the plan publishes itself (`value` may be qualified text such as "180余")."""
    return {"indicator": indicator_id, "year": year, "value": value, "quote": "规划原文"}


def make_plan(
    *targets: dict[str, Any],
    history: tuple[dict[str, Any], ...] = (),
    period: tuple[int, int] = (2021, 2025),
    baseline_year: int = 2020,
    plan_id: str = "core-plan",
) -> Plan:
    return Plan.model_validate(
        {
            "plan": {
                "id": plan_id,
                "title": text("测试规划", "Test plan"),
                "period": list(period),
                "baseline_year": baseline_year,
            },
            "groups": {"g": text("组", "Group")},
            "indicators": INDICATORS,
            "history": list(history),
            "targets": list(targets),
        }
    )


def observe(plan: Plan, indicator_id: str, series: Mapping[int, Value]) -> list[Observation]:
    """The workbook's figures for one indicator, year → number or qualified text."""
    observations = []
    for row, (year, value) in enumerate(sorted(series.items()), start=2):
        figure = parse_figure(value) if isinstance(value, str) else exact(float(value))
        observations.append(Observation.model_validate(
            Observation.of(figure, indicator=indicator_id, year=year, where=f"数据!C{row}"),
            context={"indicators": plan.indicators},
        ))
    return observations


def figure_at(plan: Plan, indicator_id: str, year: int, value: Value, where: str) -> Observation:
    """One workbook figure in the cell `where` (number or qualified text)."""
    figure = parse_figure(value) if isinstance(value, str) else exact(float(value))
    return Observation.model_validate(
        Observation.of(figure, indicator=indicator_id, year=year, where=where),
        context={"indicators": plan.indicators},
    )


def run(plan: Plan, series: Mapping[int, Value] | None = None, *, as_of: int | None = None,
        thresholds: Thresholds | None = None) -> Assessment:
    """Assess `plan` with `series` as the workbook's figures for its first target's indicator."""
    observations = observe(plan, plan.targets[0].indicator, series or {})
    return assess([plan], observations, as_of=as_of, thresholds=thresholds)


def result(plan: Plan, series: Mapping[int, Value] | None = None, **kwargs: Any) -> TargetResult:
    (only,) = run(plan, series, **kwargs).plans[0].targets
    return only


def notes_of(r: TargetResult) -> dict[str, dict[str, str]]:
    """Every note of a result, code → its parameters (absent notes are absent keys)."""
    found = {n.code: dict(n.params) for n in r.notes}
    assert len(found) == len(r.notes), "a note code appears twice"
    return found


FLOAT_FIELDS = (
    "gap", "completion", "time_elapsed", "actual_cagr", "required_cagr",
    "required_cagr_from_latest", "growth_ratio", "expected_completion", "projected",
)


def signed_zero_fields(r: TargetResult) -> list[str]:
    """The float fields of a result that hold −0.0 (a JSON reader would print "-0.0")."""
    return [name for name in FLOAT_FIELDS
            if isinstance(value := getattr(r, name), float) and value == 0
            and math.copysign(1.0, value) < 0]
