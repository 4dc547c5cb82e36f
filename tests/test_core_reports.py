"""No signed zero reaches a report: a lower-is-better figure that has not moved, and a workbook
cell written "-0", through `railkpi assess --format json|csv`. And which statuses fail a run
(`--fail-on`).
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from core_builders import failing

#: −0 as JSON or CSV writes it: "-0.0", "-0" (not "-0.04")
NEGATIVE_ZERO = re.compile(r"-0(\.0*)?(?![0-9.eE])")

PLAN = {
    "plan": {"id": "energy", "title": {"zh": "节能规划", "en": "Energy plan"},
             "period": [2021, 2025], "baseline_year": 2020},
    "groups": {"g": {"zh": "组", "en": "Group"}},
    "indicators": {
        "energy_intensity": {"name": {"zh": "单位产值能耗", "en": "Energy intensity"},
                             "unit": "吨标准煤/万元", "better": "lower"},
        "profit_total": {"name": {"zh": "利润总额", "en": "Profit"}, "unit": "亿元",
                         "better": "higher", "nonnegative": False},
    },
    "targets": [
        {"id": "energy-2025", "indicator": "energy_intensity", "kind": "level", "op": "<=",
         "value": 0.8, "year": 2025, "group": "g", "quote": "降至0.8"},
        {"id": "profit-2025", "indicator": "profit_total", "kind": "change", "op": ">=",
         "value": 50, "year": 2025, "group": "g", "quote": "增加50亿元"},
    ],
}


@pytest.fixture
def case(tmp_path: Path, make_workbook: Callable[..., Path]) -> tuple[Path, Path]:
    plan = tmp_path / "energy.yaml"
    plan.write_text(yaml.safe_dump(PLAN, allow_unicode=True), encoding="utf-8")
    # energy 1.0 → 1.0: no progress towards ≤ 0.8, completion 0 / (0.8 − 1.0);
    # profit written "-0" in 2020 and 2022
    workbook = make_workbook({"数据": [
        ["指标", "年份", "数值"],
        ["energy_intensity", 2020, 1.0],
        ["energy_intensity", 2022, 1.0],
        ["profit_total", 2020, -0.0],
        ["profit_total", 2022, -0.0],
    ]})
    return plan, workbook


def floats(node: Any) -> Iterator[float]:
    if isinstance(node, float):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from floats(value)
    elif isinstance(node, list):
        for value in node:
            yield from floats(value)


def test_json_report_has_no_negative_zero(case: tuple[Path, Path], railkpi: Any) -> None:
    plan, workbook = case
    run = railkpi("assess", workbook, "--plan", plan, "--format", "json", "--lang", "en")
    assert run.exit_code == 0, run.stdout + run.stderr
    assert not NEGATIVE_ZERO.search(run.stdout)
    document = run.json()
    zeros = [x for x in floats(document) if x == 0]
    assert zeros, "the case has zeros to check"
    assert all(math.copysign(1.0, x) > 0 for x in zeros)
    energy, profit = document["plans"][0]["targets"]
    assert energy["completion"] == 0.0  # (1.0 − 1.0) / (0.8 − 1.0)
    assert energy["growth_ratio"] == 0.0  # −1 · 0 / |0.8^(1/5) − 1|
    assert energy["status"] == "off_track"
    assert profit["baseline"]["value"] == 0.0 and profit["latest"]["value"] == 0.0
    assert profit["target_value"] == 50.0  # 0 + 50


def test_csv_report_has_no_negative_zero(case: tuple[Path, Path], railkpi: Any) -> None:
    plan, workbook = case
    run = railkpi("assess", workbook, "--plan", plan, "--format", "csv", "--lang", "en")
    assert run.exit_code == 0, run.stdout + run.stderr
    rows = list(csv.reader(io.StringIO(run.stdout.lstrip("\ufeff"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert "0.0" in cells
    assert not any(NEGATIVE_ZERO.fullmatch(cell) for cell in cells), rows


def test_json_of_validate_has_no_negative_zero(case: tuple[Path, Path], railkpi: Any) -> None:
    plan, workbook = case
    run = railkpi("validate", workbook, "--plan", plan, "--format", "json")
    assert run.exit_code == 0, run.stdout + run.stderr
    values = [o["value"] for o in json.loads(run.stdout)["observations"]]
    assert sorted(values) == [0.0, 0.0, 1.0, 1.0]
    assert not NEGATIVE_ZERO.search(run.stdout)


# -- which statuses fail a run: --fail-on LEVEL ----------------------------------------------------

EVERY_STATUS = ["achieved", "on_track", "moderate", "off_track", "regressing", "not_achieved",
                "undetermined", "no_data"]


@pytest.mark.parametrize(
    ("levels", "failed"),
    [
        # an ordered level fails on itself and every worse one
        (["moderate"], ["moderate", "off_track", "regressing", "not_achieved"]),
        (["achieved"], EVERY_STATUS[:6]),
        # undetermined and no_data fail only when named
        (["no_data"], ["no_data"]),
        (["not_achieved", "undetermined"], ["not_achieved", "undetermined"]),
        ([], []),
    ],
)
def test_fail_on_levels(levels: list[str], failed: list[str]) -> None:
    assert failing(EVERY_STATUS, levels) == failed


def test_fail_on_keeps_every_failing_target() -> None:
    # two targets off track and one achieved: both off-track ones count, in order
    assert failing(["off_track", "achieved", "off_track"], ["off_track"]) == [
        "off_track", "off_track"]
