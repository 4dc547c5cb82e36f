"""`railkpi template OUT.xlsx`: the blank input workbook.

A blank template passes `railkpi validate` with no warning; filled in programmatically (the
data sheet and the enterprise roster, as an analyst would) it is assessed with no change to its
structure, and the results are the ones worked out by hand below.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from plans import bundled_roster as roster
from railkpi.plans.labels import normalise_label
from railkpi.plans.loader import load_plan

TARGET_14 = {"revenue_total", "enterprise_count", "enterprises_rev_ge_100yi",
             "enterprises_rev_ge_10yi", "enterprises_rev_ge_1yi", "rd_personnel",
             "innovation_platforms", "rd_expenditure", "invention_patents_per_capita",
             "intl_events", "intl_multinationals"}
# Indicators the 14th FYP publishes figures for without a target on them.
HISTORY_ONLY_14 = {"profit_total", "patent_applications"}


def make(railkpi: Callable[..., Any], out: Path, *args: str) -> Any:
    run = railkpi("template", out, *args)
    assert run.exit_code == 0, run.stderr
    return openpyxl.load_workbook(out)


def rows_by_id(ws: Any) -> dict[str, int]:
    return {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value}


def year_columns(ws: Any) -> dict[int, int]:
    return {c.value: c.column for c in ws[1] if isinstance(c.value, int)}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_blank_template_validates_but_is_nothing_to_assess(
    railkpi: Callable[..., Any], tmp_path: Path, lang: str
) -> None:
    out = tmp_path / "data.xlsx"
    make(railkpi, out, "--lang", lang)
    run = railkpi("validate", out, "--format", "json", "--lang", lang)
    assert run.exit_code == 0, run.stderr
    document = run.json()
    assert document["problems"] == []
    assert document["observations"] == []
    data, roster_sheet = ("数据", "企业名录") if lang == "zh" else ("data", "enterprises")
    assert document["layouts"] == {data: "wide", roster_sheet: "roster"}
    assert run.stderr == ""
    # validate passes, and says there is nothing in it yet; assess refuses to report on it, so
    # a CI check on an empty workbook can never go green.
    run = railkpi("validate", out, "--lang", lang)
    assert run.exit_code == 0
    assert ("还没有任何数值" if lang == "zh" else "no figures yet") in run.stdout
    for args in ((), ("--fail-on", "off_track"), ("--format", "json")):
        run = railkpi("assess", out, "--lang", lang, *args)
        assert run.exit_code == 2, args
        assert "[nothing-to-assess]" in run.stderr


def test_data_sheet_lists_every_indicator_the_plans_need(
    railkpi: Callable[..., Any], tmp_path: Path
) -> None:
    workbook = make(railkpi, tmp_path / "t.xlsx", "--lang", "zh")
    assert workbook.sheetnames == ["数据", "企业名录", "说明"]
    ws = workbook["数据"]
    header = [c.value for c in ws[1]]
    # Default years: the earliest baseline year (2020) to the end of the plan periods (2025).
    assert header == ["指标", "中文名称", "英文名称", "单位", 2020, 2021, 2022, 2023, 2024, 2025,
                      "来源", "备注"]
    ids = list(rows_by_id(ws))
    plans = [load_plan("14th-fyp"), load_plan("2023-2025")]
    wanted = {t.indicator for p in plans for t in p.targets} | {
        h.indicator for p in plans for h in p.history}
    assert set(ids) == wanted
    assert len(ids) == len(set(ids))  # shared indicators (revenue_total) once
    assert set(ids) >= TARGET_14 | HISTORY_ONLY_14
    row = rows_by_id(ws)["revenue_total"]
    assert [ws.cell(row, c).value for c in range(1, 5)] == [
        "revenue_total", "轨道交通产业总收入", "Total rail-transit industry revenue", "亿元"]
    assert ws.cell(rows_by_id(ws)["invention_patents_per_capita"], 4).value == "件/人"
    assert ws.freeze_panes == "E2"
    assert all(ws.cell(r, c).value is None for r in range(2, ws.max_row + 1)
               for c in range(5, 11))  # blank: nothing reported yet


def test_years_option_and_english_headers(railkpi: Callable[..., Any], tmp_path: Path) -> None:
    workbook = make(railkpi, tmp_path / "t.xlsx", "--plan", "14th-fyp", "--years", "2021-2025",
                    "--lang", "en")
    assert workbook.sheetnames == ["data", "enterprises", "instructions"]
    ws = workbook["data"]
    assert [c.value for c in ws[1]] == ["indicator", "Chinese name", "English name", "unit",
                                        2021, 2022, 2023, 2024, 2025, "source", "note"]
    assert set(rows_by_id(ws)) == TARGET_14 | HISTORY_ONLY_14
    assert ws.cell(rows_by_id(ws)["revenue_total"], 4).value == "100M CNY"
    assert [c.value for c in workbook["enterprises"][1]] == [
        "enterprise name", "year", "revenue (10k CNY)", "segment", "specialised SME"]


@pytest.mark.parametrize("years", ["2025-2021", "21-25", "2021-2099", "abc", "1900-1901"])
def test_bad_years_are_a_problem(railkpi: Callable[..., Any], tmp_path: Path, years: str) -> None:
    out = tmp_path / "t.xlsx"
    run = railkpi("template", out, "--years", years, "--lang", "en")
    assert run.exit_code == 2
    assert "--years" in run.stderr
    assert not out.exists()


def test_does_not_replace_a_workbook_unless_forced(
    railkpi: Callable[..., Any], tmp_path: Path
) -> None:
    out = tmp_path / "t.xlsx"
    out.write_bytes(b"figures already filled in")
    run = railkpi("template", out, "--lang", "en")
    assert run.exit_code == 2
    assert "output-exists" in run.stderr
    assert out.read_bytes() == b"figures already filled in"
    make(railkpi, out, "--force", "--lang", "en")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.xlsx"]


def test_data_validation_allows_qualified_figures_and_forbids_negative_numbers(
    railkpi: Callable[..., Any], tmp_path: Path
) -> None:
    workbook = make(railkpi, tmp_path / "t.xlsx", "--lang", "zh")
    ws = workbook["数据"]
    rows = rows_by_id(ws)
    checks = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    revenue = checks[f"E{rows['revenue_total']}:J{rows['revenue_total']}"]
    assert revenue.type == "custom"
    top_left = f"E{rows['revenue_total']}"
    assert revenue.formula1 == f"OR(ISTEXT({top_left}),{top_left}>=0)"
    assert revenue.showErrorMessage and revenue.showInputMessage
    assert "180余" in revenue.prompt and len(revenue.prompt) <= 255
    # Profit may be negative (a loss): an input message only, no rule.
    profit = checks[f"E{rows['profit_total']}:J{rows['profit_total']}"]
    assert profit.type is None and profit.showInputMessage


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_roster_sheet_is_one_the_roster_reader_recognises(
    railkpi: Callable[..., Any], tmp_path: Path, lang: str
) -> None:
    workbook = make(railkpi, tmp_path / "t.xlsx", "--lang", lang)
    ws = workbook.worksheets[1]
    assert normalise_label(ws.title) in roster.ROSTER_SHEETS
    checks = {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation}
    segments = checks["D2"].formula1.strip('"').split(",")
    flags = checks["E2"].formula1.strip('"').split(",")
    assert checks["D2"].type == checks["E2"].type == "list"
    assert len(segments) == 6
    assert {roster.SEGMENTS[normalise_label(s)] for s in segments} == {
        "engineering", "traction_power", "logistics", "signalling", "smart_om", "other"}
    assert [roster.FLAG_VALUES[normalise_label(f)] for f in flags] == [True, False]
    assert checks["B2"].type == "whole" and checks["C2"].type == "decimal"
    assert ws.freeze_panes == "A2"


def test_instructions_in_chinese_and_english(railkpi: Callable[..., Any], tmp_path: Path) -> None:
    workbook = make(railkpi, tmp_path / "my data.xlsx", "--plan", "2023-2025", "--lang", "en")
    text = "\n".join(str(c.value) for row in workbook["instructions"].iter_rows() for c in row
                     if c.value)
    assert "railkpi 数据填报模板 / railkpi data template" in text
    assert "空白表示该年未报送" in text and "A blank cell is a figure not reported" in text
    assert "180余" in text
    assert "railkpi validate my data.xlsx --plan 2023-2025" in text


def test_filled_template_round_trips(
    railkpi: Callable[..., Any], tmp_path: Path
) -> None:
    """Fill cells as an analyst would, change nothing else, assess, compare with hand sums."""
    out = tmp_path / "filled.xlsx"
    workbook = make(railkpi, out, "--plan", "2023-2025", "--lang", "zh")
    ws = workbook["数据"]
    rows, years = rows_by_id(ws), year_columns(ws)
    assert sorted(years) == [2022, 2023, 2024, 2025]

    def put(indicator: str, year: int, value: Any) -> None:
        ws.cell(rows[indicator], years[year]).value = value

    put("revenue_total", 2022, 2500)
    put("revenue_total", 2024, "2,800")
    put("patent_count", 2022, 1000)
    put("patent_count", 2024, 1440)
    put("intl_companies", 2022, 8)
    put("intl_companies", 2024, "突破10")
    ws.cell(rows["revenue_total"], years[2025] + 1).value = "统计局快报"  # the 来源 column
    firms = workbook["企业名录"]
    for row in (("甲公司", 2022, 100000, "工程建设", "否"),
                ("甲公司", 2024, 150000, "工程建设", "是"),
                ("乙公司", 2024, 8000, "智能运维", "否")):
        firms.append(row)
    workbook.save(out)

    assert railkpi("validate", out, "--plan", "2023-2025").stderr == ""
    run = railkpi("assess", out, "--plan", "2023-2025", "--format", "json", "--lang", "zh")
    assert run.exit_code == 0, run.stderr
    assert run.json()["problems"] == []
    targets = {t["id"]: t for t in run.json()["plans"][0]["targets"]}

    # revenue ≥ 3000 in 2025, 2500 (2022) → 2800 (2024)
    revenue = targets["revenue-2025"]
    assert revenue["baseline"]["value"] == 2500 and revenue["latest"]["value"] == 2800
    assert revenue["gap"] == 200
    assert revenue["completion"] == pytest.approx(300 / 500)
    assert revenue["time_elapsed"] == pytest.approx(2 / 3)
    assert revenue["actual_cagr"] == pytest.approx(math.sqrt(1.12) - 1)
    assert revenue["required_cagr"] == pytest.approx(1.2 ** (1 / 3) - 1)
    assert revenue["required_cagr_from_latest"] == pytest.approx(3000 / 2800 - 1)
    # growth ratio (√1.12 − 1) / (1.2^(1/3) − 1) = 0.0583 / 0.0627 = 0.93: moderate
    assert revenue["status"] == "moderate"

    # patents +20 % a year from 1000: X = 1000 · 1.2³ = 1728; 1440 is exactly 20 % a year
    patents = targets["patent-growth"]
    assert patents["target_value"] == pytest.approx(1728)
    assert patents["actual_cagr"] == pytest.approx(0.2)
    assert patents["status"] == "on_track"

    # "突破10" (more than 10) settles "> 10" already: achieved early, rates approximate
    companies = targets["intl-companies"]
    assert companies["latest"]["qualifier"] == "突破"
    assert companies["status"] == "achieved" and companies["early"] is True
    assert companies["approximate"] is True

    # From the roster: firms counted per year, 150000 万元 = 15 亿元 of engineering revenue,
    # one 专精特新 firm in 2024 against none in 2022.
    enterprises = targets["enterprises-2025"]
    assert (enterprises["baseline"]["value"], enterprises["latest"]["value"]) == (1, 2)
    assert enterprises["latest"]["source"] == "roster"
    engineering = targets["segment-engineering"]
    assert (engineering["baseline"]["value"], engineering["latest"]["value"]) == (10, 15)
    smes = targets["specialised-smes"]
    assert (smes["baseline"]["value"], smes["latest"]["value"]) == (0, 1)
    # a zero baseline: linear method, completion 1/35 against 2/3 of the time: off track
    assert smes["method"] == "linear" and smes["status"] == "off_track"

    # The filled template also gives the Excel gap table.
    table = tmp_path / "gaps.xlsx"
    run = railkpi("assess", out, "--plan", "2023-2025", "--xlsx", table, "--lang", "zh")
    assert run.exit_code == 0
    assert openpyxl.load_workbook(table).sheetnames == [
        "汇总", "2023-2025", "历年状态", "图表", "方法说明"]


def test_template_for_a_plan_file_of_ones_own(railkpi: Callable[..., Any], tmp_path: Path) -> None:
    plan = Path(__file__).resolve().parents[1] / "examples" / "my-plan.yaml"
    out = tmp_path / "mine.xlsx"
    workbook = make(railkpi, out, "--plan", str(plan), "--lang", "zh")
    ids = set(rows_by_id(workbook["数据"]))
    assert "energy_per_revenue" in ids
    run = railkpi("validate", out, "--plan", str(plan))
    assert run.exit_code == 0 and run.stderr == ""


def test_template_never_replaces_its_plan_file(railkpi, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    example = Path(__file__).resolve().parents[1] / "examples" / "my-plan.yaml"
    plan.write_bytes(example.read_bytes())
    before = plan.read_bytes()
    run = railkpi("template", plan, "--plan", plan, "--force", "--lang", "en")
    assert run.exit_code == 2
    assert "output-is-input" in run.stderr
    assert plan.read_bytes() == before
