"""Shared test helpers for plans: one builder of plan files for every test module, the audit
in words, and the bundled plans' roster vocabulary."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import yaml

from railkpi.calc.audit import audit
from railkpi.plans.bundled import bundled_plan_ids
from railkpi.plans.loader import load_plans
from railkpi.plans.models import Indicator, Plan
from railkpi.plans.registry import IndicatorRegistry, merge_plans
from railkpi.read.cells import Cell
from railkpi.read.roster import header, totals, vocabulary
from railkpi.read.roster.header import RosterColumns
from railkpi.read.roster.totals import Derived, FirmYear
from railkpi.read.roster.vocabulary import RosterWords
from railkpi.render.audit_words import WordedAudit, worded

# -- building plan files ----------------------------------------------------------------------


def text(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


def indicator(zh: str, en: str, unit: str, better: str = "higher",
              **fields: Any) -> dict[str, Any]:
    """An entry of `indicators:`."""
    return {"name": text(zh, en), "unit": unit, "better": better, **fields}


def target(kind: str, indicator_id: str, **fields: Any) -> dict[str, Any]:
    """An entry of `targets:`, by default for 2025 in group g, with an id made from both."""
    return {
        "id": f"{indicator_id}-{kind}".replace("_", "-"),
        "indicator": indicator_id,
        "kind": kind,
        "year": 2025,
        "group": "g",
        "quote": "规划原文",
        **fields,
    }


def history(indicator_id: str, year: int, value: float | str,
            quote: str = "规划原文") -> dict[str, Any]:
    """An entry of `history:`, a level the plan publishes."""
    return {"indicator": indicator_id, "year": year, "value": value, "quote": quote}


def plan_data(
    *targets: dict[str, Any],
    indicators: dict[str, dict[str, Any]],
    plan_id: str = "test-plan",
    title: tuple[str, str] = ("测试规划", "Test plan"),
    period: tuple[int, int] = (2021, 2025),
    baseline_year: int = 2020,
    groups: dict[str, dict[str, str]] | None = None,
    thresholds: dict[str, float] | None = None,
    **sections: Any,
) -> dict[str, Any]:
    """A plan file as data: metadata, one group g unless given, the indicators and targets,
    and any other top-level sections (history, stated_rates, roster, …) as keywords."""
    meta: dict[str, Any] = {"id": plan_id, "title": text(*title), "period": list(period),
                            "baseline_year": baseline_year}
    if thresholds is not None:
        meta["thresholds"] = thresholds
    return {"plan": meta, "groups": groups or {"g": text("组", "Group")},
            "indicators": indicators, **sections, "targets": list(targets)}


def write_plan(folder: Path, data: Any, name: str = "plan.yaml") -> Path:
    """The plan written as a YAML file, as a user would pass it with --plan."""
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def plan_model(data: dict[str, Any]) -> Plan:
    return Plan.model_validate(data)


# -- the audit --------------------------------------------------------------------------------


def worded_audit(plans: Sequence[Plan], lang: str = "en") -> WordedAudit:
    """`railkpi audit` as its outputs word it: each finding with its texts and message."""
    return worded(audit(plans), lang)


# -- the bundled plans' roster vocabulary -----------------------------------------------------


@cache
def bundled_registry() -> IndicatorRegistry:
    return merge_plans(load_plans(bundled_plan_ids()))


def bundled_words() -> RosterWords:
    return RosterWords.of(bundled_registry().roster)


def roster_header(sheet: str, row: list[Cell]) -> RosterColumns | None:
    """The roster columns of a header row, with the bundled plans' flags."""
    return header.roster_header(sheet, row, bundled_words())


def derive(firms: Sequence[FirmYear], known: Mapping[str, Indicator]) -> list[Derived]:
    """Derived figures of firm-years, with the bundled plans' segments and tiers."""
    return totals.derive(firms, known, bundled_registry().roster)


def _bundled_roster() -> SimpleNamespace:
    """The roster words a test looks up: sheet names and flag values (the same for every
    roster), and the bundled plans' segments (label → key)."""
    return SimpleNamespace(ROSTER_SHEETS=vocabulary.ROSTER_SHEETS,
                           FLAG_VALUES=vocabulary.FLAG_VALUES,
                           SEGMENTS=bundled_registry().roster.segment_labels)


bundled_roster = _bundled_roster()
