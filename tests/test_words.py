"""Words, not ids, in what people read; gaps that say what they are computed from.

The 14th-FYP plan against workbooks made here: a revenue "突破3000" (more than 3000) against
the target > 3500 is a gap of less than 500; 228 firms against the level target > 240 is an
exact gap of 12, against "+60 on 180余" (240 to 250) about 12; intl-events, missed in 2022 and
met in 2024, shows the year beside its gap; a missing baseline names its year.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from plans import indicator, plan_data, target, write_plan
from railkpi import pipeline
from railkpi.calc.results import TargetResult
from railkpi.render import Report
from railkpi.render import display as fmt
from railkpi.render.junit import failure_message

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "fengtai.xlsx"


def assessed(path: Path) -> Report:
    return pipeline.assess(path, pipeline.plans(["14th-fyp"]), 2024, None, None)


def result(report: Report, target_id: str) -> TargetResult:
    return next(r for p in report.assessment.plans for r in p.targets if r.target.id == target_id)


@pytest.fixture
def bounded(make_workbook: Callable[..., Path]) -> Report:
    rows: list[list[Any]] = [
        ["指标", "年份", "数值"],
        ["revenue_total", 2020, 2364.9], ["revenue_total", 2024, "突破3000"],
        ["enterprise_count", 2020, "180余"], ["enterprise_count", 2024, 228],
    ]
    return assessed(make_workbook({"数据": rows}))


def test_a_gap_from_a_one_sided_figure_is_bounded(bounded: Report) -> None:
    revenue = result(bounded, "revenue-2025")
    # 3500 − 3000 = 500, and the revenue is more than 3000: the gap is less than 500.
    assert revenue.gap == pytest.approx(500)
    assert fmt.gap(revenue, "zh") == "<500.0"
    assert "差距 <500.0 亿元" in failure_message(revenue, "zh")  # JUnit says the same


def test_a_gap_between_exact_figures_is_exact(bounded: Report) -> None:
    level = result(bounded, "enterprises-2025")  # > 240 against 228: 12, exactly
    assert level.gap == pytest.approx(12)
    assert fmt.gap(level, "en") == "12"
    change = result(bounded, "enterprises-increase")  # 180余 + 60: 240 to 250
    assert fmt.gap(change, "en") == "≈12"


def test_a_missed_year_stands_beside_a_met_gap() -> None:
    events = result(assessed(EXAMPLE), "intl-events")
    assert events.status == "not_achieved" and events.gap is not None and events.gap <= 0
    assert fmt.gap(events, "zh") == "-1（2022 年未达标）"
    assert fmt.gap(events, "en") == "-1 (missed 2022)"
    # The terminal table puts the years under the gap, which keeps its column narrow.
    assert fmt.gap(events, "zh", apart=True) == "-1\n2022 年未达标"
    assert "差距 -1 次（2022 年未达标）" in failure_message(events, "zh")


def test_a_missing_baseline_names_its_year(railkpi: Any, make_workbook: Callable[..., Path],
                                           tmp_path: Path) -> None:
    """A change target whose baseline (the plan's 2020) has no figure: the note says 2020."""
    plan = write_plan(tmp_path, plan_data(
        target("change", "w_firms", op=">=", value=60),
        indicators={"w_firms": indicator("测试企业", "Test firms", "家")}))
    path = make_workbook({"数据": [["指标", "年份", "数值"], ["w_firms", 2024, 228]]})
    run = railkpi("assess", path, "--plan", plan, "--lang", "zh", "--format", "markdown")
    assert run.exit_code == 0, run.stderr
    assert "缺少基期（2020 年）数据" in run.stdout
    assert "?" not in run.stdout.replace("？", "")
