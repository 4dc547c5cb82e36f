"""Figures computed from a bounded or approximate one say so in every output that shows them.

The 14th-FYP plan against a workbook made here: revenue "突破3000" (more than 3000) in 2024
against the target > 3500 in 2025 leaves a gap of less than 500, so what is still needed in
the one year left is less than 500 too (500 / 1); firms "+60 on 180余" (240 to 250) against
228 leave about 12, about 12 a year. The Excel gap table marks both as the terminal does, and
its summary gives a target of another year than its plan's last its year.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from plans import indicator, plan_data, target, write_plan
from railkpi import pipeline
from railkpi.calc.results import TargetResult
from railkpi.render import Report, series_words
from railkpi.render.junit import details

ROWS: list[list[Any]] = [
    ["指标", "年份", "数值"],
    ["revenue_total", 2020, 2364.9], ["revenue_total", 2024, "突破3000"],
    ["enterprise_count", 2020, "180余"], ["enterprise_count", 2024, 228],
]


def result(report: Report, target_id: str) -> TargetResult:
    return next(r for p in report.assessment.plans for r in p.targets if r.target.id == target_id)


@pytest.fixture
def bounded_data(make_workbook: Callable[..., Path]) -> Path:
    return make_workbook({"数据": ROWS})


@pytest.fixture
def bounded(bounded_data: Path) -> Report:
    return pipeline.assess(bounded_data, pipeline.plans(["14th-fyp"]), 2024, None, None)


def test_what_is_still_needed_each_year_is_marked_as_its_gap(bounded: Report) -> None:
    revenue = result(bounded, "revenue-2025")
    assert revenue.series is not None and revenue.series.needed_per_year == pytest.approx(500)
    assert series_words.needed_text(revenue) == "<500.0"
    increase = result(bounded, "enterprises-increase")  # 250 − 228 … 240 − 228: about 12
    assert series_words.needed_text(increase) == "≈12"
    level = result(bounded, "enterprises-2025")  # > 240 against 228: exactly 12
    assert series_words.needed_text(level) == "12"
    assert "今后每年还需：<500.0 亿元" in details(revenue, "zh")
    assert "Still needed per year: ≈12 firms" in details(increase, "en")


def _rows(sheet: Any) -> list[list[Any]]:
    return [list(row) for row in sheet.iter_rows()]


def _cell(sheet: Any, header: str, name: str) -> Any:
    """The cell of the column headed `header` in the row naming `name`."""
    rows = _rows(sheet)
    head = next(row for row in rows if any(c.value == header for c in row))
    column = next(i for i, c in enumerate(head) if c.value == header)
    row = next(row for row in rows if any(c.value == name for c in row))
    return row[column]


def test_the_excel_gap_and_still_needed_are_marked(railkpi: Any, bounded_data: Path,
                                                   tmp_path: Path) -> None:
    out = tmp_path / "gaps.xlsx"
    run = railkpi("assess", bounded_data, "--plan", "14th-fyp", "--as-of", "2024",
                  "--xlsx", out, "--lang", "zh")
    assert run.exit_code == 0, run.stderr
    sheet = openpyxl.load_workbook(out)["14th-fyp"]
    gap = _cell(sheet, "差距", "轨道交通产业总收入")
    assert gap.value == pytest.approx(500) and gap.number_format.startswith('"<"#,##0.0')
    needed = _cell(sheet, "今后每年还需", "轨道交通产业总收入")
    assert needed.value == pytest.approx(500) and needed.number_format.startswith('"<"')
    summary = openpyxl.load_workbook(out)["汇总"]
    listed = _cell(summary, "差距", "轨道交通产业总收入（亿元）")
    assert listed.number_format.startswith('"<"#,##0.0')
    # an exact gap keeps its plain format
    exact = _cell(sheet, "差距", "轨道交通企业数量")
    assert exact.number_format == "0"


def test_the_summary_gives_a_target_of_another_year_its_year(
        railkpi: Any, make_workbook: Callable[..., Path], tmp_path: Path) -> None:
    plan = write_plan(tmp_path, plan_data(
        target("level", "w_rev", op=">=", value=400, year=2023),
        target("level", "w_out", op=">=", value=400),
        indicators={"w_rev": indicator("早期收入", "Early revenue", "亿元"),
                    "w_out": indicator("末期收入", "Late revenue", "亿元")}))
    data = make_workbook({"数据": [["指标", "年份", "数值"], ["w_rev", 2020, 300],
                                   ["w_rev", 2023, 350], ["w_out", 2020, 300],
                                   ["w_out", 2024, 310]]})
    for lang, early, late in (("zh", "≥400.0\n（2023年）", "≥400.0"),
                              ("en", "≥400.0\nby 2023", "≥400.0")):
        out = tmp_path / f"gaps-{lang}.xlsx"
        run = railkpi("assess", data, "--plan", plan, "--as-of", "2024", "--xlsx", out,
                      "--lang", lang)
        assert run.exit_code == 0, run.stderr
        summary = openpyxl.load_workbook(out).worksheets[0]
        header = "目标" if lang == "zh" else "Target"
        name = "早期收入（亿元）" if lang == "zh" else "Early revenue (100M CNY)"
        assert _cell(summary, header, name).value == early
        other = "末期收入（亿元）" if lang == "zh" else "Late revenue (100M CNY)"
        assert _cell(summary, header, other).value == late  # the plan's last year: no year
