"""Markdown, CSV and JUnit outputs, and the GitHub step summary.

The plan below is written for these tests: six level targets whose figures are worked out by
hand next to them, and names, group labels and quotes chosen to break a careless writer
(Markdown `|` and line breaks, spreadsheet formulas). Data: baseline 2020, latest 2023, target
year 2025, so time elapsed is 3/5 = 60.0 % for every target with data.
"""

from __future__ import annotations

import csv
import io
import os
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from plans import plan_data, write_plan
from railkpi.render.csv_report import text

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "fengtai.xlsx"

HYPERLINK = '=HYPERLINK("http://x")'
PLAN: dict[str, Any] = plan_data(indicators={}, plan_id="fx-plan",
                                 title=("格式测试规划", "Format test plan"))
PLAN.update({
    "groups": {
        "g1": {"zh": "规模|体量", "en": "Scale|size <b>"},
        "g2": {"zh": "=cmd|' /C calc'!A0", "en": "=cmd|' /C calc'!A0"},
    },
    "indicators": {
        "fx_rev": {"name": {"zh": "收入|总额", "en": "Revenue|total\n(all segments)"},
                   "unit": "亿元", "better": "higher"},
        "fx_firms": {"name": {"zh": "=1+1企业", "en": "=1+1 firms"}, "unit": "家",
                     "better": "higher"},
        "fx_labs": {"name": {"zh": "@SUM(A1)实验室", "en": "@SUM(A1) labs"}, "unit": "个",
                    "better": "higher"},
        "fx_lines": {"name": {"zh": "-试验线", "en": "-test lines"}, "unit": "条",
                     "better": "higher"},
        "fx_share": {"name": {"zh": "+配套比重", "en": "+local share"}, "unit": "%",
                     "better": "higher"},
        "fx_cost": {"name": {"zh": "\t=能耗", "en": "\t=energy"}, "unit": "吨",
                    "better": "lower"},
    },
    "targets": [
        {"id": "rev-2025", "indicator": "fx_rev", "kind": "level", "op": ">=", "value": 200,
         "year": 2025, "group": "g1", "quote": HYPERLINK},
        {"id": "firms-2025", "indicator": "fx_firms", "kind": "level", "op": ">=", "value": 50,
         "year": 2025, "group": "g1", "quote": "+1"},
        {"id": "labs-2025", "indicator": "fx_labs", "kind": "level", "op": ">=", "value": 10,
         "year": 2025, "group": "g1", "quote": "-2"},
        {"id": "lines-2025", "indicator": "fx_lines", "kind": "level", "op": ">=", "value": 8,
         "year": 2025, "group": "g2", "quote": "@SUM(A1)"},
        {"id": "share-2025", "indicator": "fx_share", "kind": "level", "op": ">=", "value": 60,
         "year": 2025, "group": "g2", "quote": "\t=1"},
        {"id": "cost-2025", "indicator": "fx_cost", "kind": "level", "op": "<=", "value": 80,
         "year": 2025, "group": "g2", "quote": "＝1"},  # a CR would be refused (text_safety)
    ],
})
DATA = [
    # rev 100 → 120: CAGR 1.2^(1/3)−1 = 6.27 %, required 2^(1/5)−1 = 14.87 %, ratio 0.42 →
    # off_track; gap 80; completion 20/100 = 20 %; needed (200/120)^(1/2)−1 = 29.10 %.
    ("fx_rev", 2020, 100), ("fx_rev", 2023, 120),
    # firms 40 → 48: 6.27 % against 1.25^(1/5)−1 = 4.56 %, ratio 1.37 → on_track; gap 2;
    # completion 8/10 = 80 %; needed (50/48)^(1/2)−1 = 2.06 %.
    ("fx_firms", 2020, 40), ("fx_firms", 2023, 48),
    # labs 5 → 12 ≥ 10 before 2025 → achieved early; gap −2; completion 7/5 = 140 %;
    # CAGR 2.4^(1/3)−1 = 33.89 %; needed (10/12)^(1/2)−1 = −8.71 %.
    ("fx_labs", 2020, 5), ("fx_labs", 2023, 12),
    # lines: no figure → no_data.
    # share 50 → 55: 1.1^(1/3)−1 = 3.23 % against 1.2^(1/5)−1 = 3.71 %, ratio 0.87 → moderate;
    # gap 5; completion 50 %; needed (60/55)^(1/2)−1 = 4.45 %.
    ("fx_share", 2020, 50), ("fx_share", 2023, 55),
    # cost (lower is better) 100 → 110 against ≤ 80: moving away → regressing; gap 30;
    # completion 10/−20 = −50 %; CAGR 3.23 %; needed (80/110)^(1/2)−1 = −14.72 %.
    ("fx_cost", 2020, 100), ("fx_cost", 2023, 110),
]
# The series: as of 2021 and 2022 only the baseline is observed (no_data), so every target with
# a status in 2023 has a "new" one and the test lines' no_data is unchanged. No figure for 2022:
# no year-on-year growth. Still needed a year, gap ÷ (2025 − 2023): revenue 80/2 = 40.0, firms
# 2/2 = 1, labs met → 0, share 5/2 = 2.5, cost (lower is better) 30/2 = 15 less a year.
STATUSES = {
    "rev-2025": "off_track", "firms-2025": "on_track", "labs-2025": "achieved",
    "lines-2025": "no_data", "share-2025": "moderate", "cost-2025": "regressing",
}
#: Statuses at or below each --fail-on level, written out (README: Options).
FAILING = {
    "off_track": {"off_track", "regressing", "not_achieved"},
    "moderate": {"moderate", "off_track", "regressing", "not_achieved"},
    "no_data": {"no_data"},
    "undetermined": {"undetermined"},
    "achieved": {"achieved", "on_track", "moderate", "off_track", "regressing",
                 "not_achieved"},
}


@pytest.fixture
def case(tmp_path: Path, make_workbook: Callable[..., Path]) -> tuple[Path, Path]:
    """(workbook, plan file) of the test plan."""
    plan = write_plan(tmp_path, PLAN, "fx-plan.yaml")
    workbook = make_workbook({"数据": [["指标", "年份", "数值"], *map(list, DATA)]})
    return workbook, plan


def assess(railkpi: Callable[..., Any], workbook: Path, plan: Path | None, *args: str) -> Any:
    plans = ["--plan", plan] if plan else []
    return railkpi("assess", workbook, *plans, *args)


def test_statuses_by_hand(case, railkpi):
    workbook, plan = case
    doc = assess(railkpi, workbook, plan, "--format", "json").json()
    assert {t["id"]: t["status"] for t in doc["plans"][0]["targets"]} == STATUSES


# -- Markdown ----------------------------------------------------------------------------------


def _table_rows(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("|")]


def test_markdown_table_zh(case, railkpi):
    workbook, plan = case
    run = assess(railkpi, workbook, plan, "--format", "markdown", "--lang", "zh")
    assert run.exit_code == 0, run.stderr
    out = run.stdout
    assert out.startswith("## 格式测试规划 `fx-plan`\n\n")
    assert "基期 2020 年 · 截至 2023 年 · 目标年 2025 年（另注者除外）· 判定阈值 0.95/0.6/0" in out
    empty = " |" + "  |" * 12
    assert _table_rows(out) == [
        "| 指标（单位） | 基期 | 最新 | 目标 | 差距 | 完成进度 | 序时进度 | 实际增速 | 今后需增速 "
        "| 同比 | 每年还需 | 状态 | 较上年 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
        "| **规模\\|体量**" + empty,
        "| 收入\\|总额（亿元） | 100.0 | 120.0 | ≥200.0 | 80.0 | 20.0% | 60.0% | 6.3% | 29.1% "
        "| — | 40.0 | 进度滞后 | 新 |",
        "| =1+1企业（家） | 40 | 48 | ≥50 | 2 | 80.0% | 60.0% | 6.3% | 2.1% | — | 1 | 符合进度 "
        "| 新 |",
        "| @SUM(A1)实验室（个） | 5 | 12 | ≥10 | -2 | 140.0% | 60.0% | 33.9% | — | — | 0 "
        "| 已提前完成 | 新 |",
        "| **=cmd\\|' /C calc'!A0**" + empty,
        "| -试验线（条） | — | — | ≥8 | — | — | — | — | — | — | — | 无数据 | = |",
        "| +配套比重（%） | 50.0 | 55.0 | ≥60.0 | 5.0 | 50.0% | 60.0% | 3.2% | 4.4% | — | 2.5 "
        "| 进度偏慢 | 新 |",
        "| =能耗（吨） | 100 | 110 | ≤80 | 30 | -50.0% | 60.0% | 3.2% | -14.7% | — | 15 "
        "| 逆向变化 | 新 |",
    ]
    # one cell per column on every row: no `|` escaped wrongly
    for row in _table_rows(out):
        assert row.replace("\\|", "").count("|") == 14
    # nothing improved or worsened: every status but the test lines' is new in 2023
    assert "\n较 2022 年没有目标好转或变差\n" in out
    assert "变差 " not in out and "好转 " not in out
    assert ("状态汇总：已完成 1 · 符合进度 1 · 进度偏慢 1 · 进度滞后 1 · 逆向变化 1 · "
            "无数据 1") in out


def test_markdown_table_en_escapes_line_breaks_and_tags(case, railkpi):
    workbook, plan = case
    run = assess(railkpi, workbook, plan, "--format", "markdown", "--lang", "en")
    rows = _table_rows(run.stdout)
    assert rows[0] == ("| Indicator (unit) | Base | Latest | Target | Gap | Done | Time | CAGR "
                       "| CAGR needed | YoY | Still/yr | Status | Chg |")
    assert rows[2].startswith("| **Scale\\|size &lt;b>** |")
    assert rows[3] == ("| Revenue\\|total<br>(all segments) (100M CNY) | 100.0 | 120.0 | ≥200.0 "
                       "| 80.0 | 20.0% | 60.0% | 6.3% | 29.1% | — | 40.0 | off track | new |")
    assert rows[5].endswith("| 0 | achieved early | new |")
    assert "\nno target improved or worsened since 2022\n" in run.stdout
    assert "## Format test plan `fx-plan`" in run.stdout


def test_markdown_notes_and_linear_marker(railkpi):
    # The example's Action Plan: test-lines is judged by the linear method (0 → 0).
    run = railkpi("assess", EXAMPLE, "--plan", "2023-2025", "--format", "markdown",
                  "--lang", "zh")
    # 0 in 2023 and 2024: no year-on-year growth from 0; 1 still needed in the one year left;
    # off track as of 2023 too (completion 0 against 1/3 of the time).
    assert ("| 检验检测试验线（条） | 0 | 0 | ≥1 | 1 | 0.0% | 66.7% | — | — | — | 1 | 进度滞后\\* "
            "| = |") in run.stdout.splitlines()
    assert "\\* 增速无定义（零或负值），按线性方法判定：完成进度对照序时进度" in run.stdout
    assert "- 检验检测试验线：基期值不为正，年均增速无定义，改用线性方法" in run.stdout
    assert "test-lines" not in run.stdout  # targets by name in prose, not by id
    # the terminal table's figures (README "Reading the table")
    # 同比: 1012.6 / 961.2 − 1 = 5.35 %; met, so 0.0 still needed; on track as of 2023.
    assert ("| 工程建设赛道收入（亿元） | 905.4 | 1012.6 | ≥1000.0 | -12.6 | 113.3% | 66.7% "
            "| 5.8% | — | 5.3% | 0.0 | 已提前完成 | ↑ |") in run.stdout


def test_markdown_problems_at_the_end(make_workbook, railkpi):
    # The same figure twice is a warning (duplicate-same); it follows the tables.
    workbook = make_workbook({"数据": [["指标", "年份", "数值"], ["总收入", 2023, 3100],
                                       ["总收入", 2023, 3100]]})
    run = railkpi("assess", workbook, "--plan", "14th-fyp", "--format", "markdown",
                  "--lang", "en")
    assert run.exit_code == 0
    head, problems = run.stdout.split("### Problems\n\n")
    assert "| Total rail-transit industry revenue (100M CNY) |" in head
    assert problems == ("- **warning** `duplicate-same` data.xlsx 数据!C3: revenue_total 2023 is "
                        "given twice (also 数据!C2) with the same value\n\n")


def test_targets_markdown_and_csv(case, railkpi):
    _, plan = case
    md = railkpi("targets", "--plan", plan, "--format", "markdown", "--lang", "en")
    assert md.exit_code == 0
    assert "| `rev-2025` | Revenue\\|total<br>(all segments) (100M CNY) | ≥200.0 (2025) | " \
           '=HYPERLINK("http://x") |' in md.stdout
    run = railkpi("targets", "--plan", plan, "--format", "csv", "--lang", "zh")
    rows = _csv(run.stdout)
    assert rows[0][:3] == ["规划编号", "目标编号", "指标编号"]
    assert rows[0][-3:] == ["依据原文", "目标", "说明"]
    assert [r[1] for r in rows[1:]] == list(STATUSES)
    assert rows[1][-3:] == ["'" + HYPERLINK, "≥200.0", ""]  # quote, target as stated, no note


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_audit_markdown_and_csv(railkpi, lang):
    # Every format of --format serves `audit` too: findings as a table / one row each.
    md = railkpi("audit", "--format", "markdown", "--lang", lang)
    assert md.exit_code == 0
    title = {"zh": "## 规划自身数据核对", "en": "## Checks on the plans' own figures"}[lang]
    assert md.stdout.startswith(title)
    rows = _csv(railkpi("audit", "--format", "csv", "--lang", lang).stdout)
    assert len({len(r) for r in rows}) == 1 and len(rows[0]) == 9
    # Every finding fills its years; a finding across two plans has the other plan's target in
    # a column of its own, not under the computed figure.
    code, years, computed, other = (rows[0].index(h) for h in (
        {"zh": "问题", "en": "Check"}[lang], {"zh": "年份", "en": "Years"}[lang],
        {"zh": "核算", "en": "Computed"}[lang], {"zh": "对照", "en": "Compared with"}[lang]))
    findings = [r for r in rows[1:] if r[code] in ("rate-mismatch", "conflicting-targets")]
    assert findings and all(r[years] for r in findings)
    conflict = next(r for r in findings if r[code] == "conflicting-targets")
    assert (conflict[years], conflict[computed]) == ("2025", "")
    assert conflict[other] in ("≥ 3000 (2023-2025 revenue-2025)",
                               "≥ 300 (2023-2025 enterprises-2025)")
    rate = next(r for r in findings if r[code] == "rate-mismatch")
    assert (rate[years], rate[other]) == ("2015-2020", "")


# -- GitHub step summary -----------------------------------------------------------------------


def test_step_summary_appended(case, railkpi, tmp_path, monkeypatch):
    workbook, plan = case
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    # whatever --format is, the Markdown report goes to the summary
    first = assess(railkpi, workbook, plan, "--format", "json", "--lang", "zh")
    assert first.exit_code == 0
    assert first.json()["plans"][0]["id"] == "fx-plan"  # stdout is still the JSON report
    after_one = summary.read_text(encoding="utf-8")
    assert after_one.startswith("# earlier step\n## 格式测试规划 `fx-plan`")
    assert "| 收入\\|总额（亿元） | 100.0 | 120.0 | ≥200.0 | 80.0 |" in after_one
    second = assess(railkpi, workbook, plan, "--lang", "en")
    assert second.exit_code == 0
    after_two = summary.read_text(encoding="utf-8")
    assert after_two.startswith(after_one) and len(after_two) > len(after_one)
    assert "## Format test plan `fx-plan`" in after_two[len(after_one):]


def test_step_summary_lists_problems_when_input_is_bad(tmp_path, railkpi, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run = railkpi("assess", tmp_path / "missing.xlsx", "--lang", "en")
    assert run.exit_code == 2
    text_ = summary.read_text(encoding="utf-8")
    assert text_.startswith("### Problems\n\n- **error** `file-not-found`")


def test_step_summary_unwritable_is_a_warning(case, railkpi, tmp_path, monkeypatch):
    workbook, plan = case
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "no-such-dir" / "summary.md"))
    run = assess(railkpi, workbook, plan, "--lang", "en", "--format", "json")
    assert run.exit_code == 0
    assert "step-summary-not-written" in run.stderr


def test_no_step_summary_without_the_variable(case, railkpi, tmp_path, monkeypatch):
    workbook, plan = case
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    before = sorted(p.name for p in tmp_path.iterdir())
    assert assess(railkpi, workbook, plan).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == before


# -- CSV ---------------------------------------------------------------------------------------


def _csv(stdout: str) -> list[list[str]]:
    assert stdout.startswith("\ufeff"), "CSV starts with a UTF-8 byte-order mark for Excel"
    return list(csv.reader(io.StringIO(stdout[1:], newline="")))


EN_HEADER = [
    "Plan", "Group id", "Group", "Target id", "Indicator id", "Indicator", "Unit", "Kind", "Op",
    "Target value", "Target min", "Target max", "Target year", "Baseline year",
    "Baseline value", "Baseline qualifier", "Baseline source", "Latest year", "Latest value",
    "Latest qualifier", "Latest source", "Gap", "Completion", "Time elapsed", "Actual CAGR",
    "Required CAGR", "Required CAGR from latest", "Growth ratio", "Projected",
    "Projected year", "Method", "Status code", "Status", "Approximate", "Notes",
    "Plan wording", "Target", "YoY growth", "Still needed per year", "Previous status code",
    "Change", "Timeline", "Step year", "Step value", "Step op", "Step min", "Step max",
    "Step met", "Step gap", "Step source",
]


def test_csv_one_row_per_target_en(case, railkpi):
    workbook, plan = case
    run = assess(railkpi, workbook, plan, "--format", "csv", "--lang", "en")
    assert run.exit_code == 0
    rows = _csv(run.stdout)
    assert rows[0] == EN_HEADER
    body = [dict(zip(EN_HEADER, row, strict=True)) for row in rows[1:]]
    assert [r["Target id"] for r in body] == list(STATUSES)
    assert [r["Status code"] for r in body] == list(STATUSES.values())
    rev = body[0]
    assert rev["Plan"] == "fx-plan" and rev["Group id"] == "g1"
    assert rev["Unit"] == "100M CNY" and rev["Kind"] == "level" and rev["Op"] == ">="
    assert rev["Indicator"] == "Revenue|total\n(all segments)"  # one cell, line break kept
    # unrounded numbers, as JSON has them
    assert float(rev["Target value"]) == 200 and rev["Target min"] == rev["Target max"] == ""
    assert (rev["Baseline year"], rev["Latest year"], rev["Target year"]) == (
        "2020", "2023", "2025")
    assert float(rev["Baseline value"]) == 100 and float(rev["Latest value"]) == 120
    assert rev["Baseline source"] == rev["Latest source"] == "data"
    assert float(rev["Gap"]) == 80 and float(rev["Completion"]) == pytest.approx(0.2)
    assert float(rev["Time elapsed"]) == pytest.approx(0.6)
    assert float(rev["Actual CAGR"]) == pytest.approx(1.2 ** (1 / 3) - 1)
    assert float(rev["Required CAGR"]) == pytest.approx(2 ** 0.2 - 1)
    assert float(rev["Required CAGR from latest"]) == pytest.approx((200 / 120) ** 0.5 - 1)
    assert len(rev["Actual CAGR"]) > 8  # not rounded for display
    assert rev["Method"] == "cagr" and rev["Status"] == "off track"
    assert rev["Approximate"] == "false"
    # the series: no 2022 figure, so no 同比; 80 still short over 2 years
    assert rev["YoY growth"] == "" and float(rev["Still needed per year"]) == 40
    assert (rev["Previous status code"], rev["Change"]) == ("no_data", "new")
    assert rev["Timeline"] == "2021:no_data 2022:no_data 2023:off_track"
    labs, lines = body[2], body[3]
    assert float(labs["Still needed per year"]) == 0  # met
    assert lines["Still needed per year"] == "" and lines["Change"] == "unchanged"
    assert labs["Status"] == "achieved early" and float(labs["Gap"]) == -2
    assert lines["Gap"] == lines["Completion"] == lines["Latest year"] == ""
    assert lines["Status"] == "no data"


def test_csv_headers_zh(case, railkpi):
    workbook, plan = case
    rows = _csv(assess(railkpi, workbook, plan, "--format", "csv", "--lang", "zh").stdout)
    assert rows[0][:4] == ["规划编号", "类别编号", "类别", "目标编号"]
    assert rows[0][21:25] == ["差距", "完成进度", "序时进度", "实际年均增速"]
    assert rows[0][-18:-13] == ["状态", "近似值", "说明", "依据原文", "目标"]
    assert rows[0][-13:-8] == ["同比增长", "今后每年还需", "上年状态代码", "较上年变化", "历年状态"]
    # The step of the year assessed comes last (columns added after the report's first form).
    assert rows[0][-8:] == ["年度目标年份", "年度目标值", "年度目标比较符", "年度目标下限",
                            "年度目标上限", "完成年度目标", "年度目标差距", "年度目标来源"]
    assert len(rows[0]) == len(set(rows[0])) == len(EN_HEADER)
    assert rows[1][32] == "进度滞后" and rows[1][6] == "亿元"
    assert rows[1][-14] == "≥200.0"  # the target as stated, before the series' columns
    assert rows[1][-8:] == [""] * 8  # no step for this target


def test_csv_formula_injection_neutralised(case, railkpi):
    workbook, plan = case
    run = assess(railkpi, workbook, plan, "--format", "csv", "--lang", "zh")
    rows = _csv(run.stdout)
    header, body = rows[0], rows[1:]
    quote, name, group, gap = (header.index(k) for k in ("依据原文", "指标", "类别", "差距"))
    assert [r[quote] for r in body] == [
        "'" + HYPERLINK, "'+1", "'-2", "'@SUM(A1)", "'\t=1", "'＝1",
    ]
    assert [r[name] for r in body] == [
        "收入|总额", "'=1+1企业", "'@SUM(A1)实验室", "'-试验线", "'+配套比重", "'\t=能耗",
    ]
    assert body[3][group] == "'=cmd|' /C calc'!A0"
    # numbers railkpi writes stay numbers: a negative gap, negative rates
    assert body[2][gap] == "-2.0"
    assert float(body[5][header.index("完成进度")]) == pytest.approx(-0.5)
    assert float(body[5][header.index("今后所需年均增速")]) == pytest.approx(
        (80 / 110) ** 0.5 - 1)
    # no cell a spreadsheet would evaluate: anything starting with a trigger is a number
    for row in body:
        for value in row:
            if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
                float(value)


@pytest.mark.parametrize(("cell", "safe"), [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("\0=1", "'\0=1"), ("＝1", "'＝1"),
    ("基期值取自规划原文", "基期值取自规划原文"), ("1-2", "1-2"), ("", ""), (None, ""),
])
def test_csv_text_cell(cell, safe):
    assert text(cell) == safe


def test_csv_warnings_go_to_stderr(make_workbook, railkpi):
    workbook = make_workbook({"数据": [["指标", "年份", "数值"], ["总收入", 2023, 3100],
                                       ["总收入", 2023, 3100]]})
    run = railkpi("assess", workbook, "--plan", "14th-fyp", "--format", "csv", "--lang", "en")
    assert len(_csv(run.stdout)) == 1 + 12
    assert "duplicate-same" in run.stderr and "duplicate-same" not in run.stdout


# -- JUnit -------------------------------------------------------------------------------------


def _suites(path: Path) -> tuple[ET.Element, dict[str, ET.Element]]:
    root = ET.parse(path).getroot()
    assert root.tag == "testsuites"
    return root, {s.get("name", ""): s for s in root.findall("testsuite")}


def _expected(doc: dict[str, Any], failing: set[str]) -> dict[str, dict[str, int]]:
    """Per plan: tests, failures and skipped counted from the JSON report's statuses."""
    out = {}
    for plan in doc["plans"]:
        statuses = [t["status"] for t in plan["targets"]]
        out[plan["id"]] = {
            "tests": len(statuses),
            "failures": sum(s in failing for s in statuses),
            "skipped": sum(s in ("no_data", "undetermined") and s not in failing
                           for s in statuses),
        }
    return out


@pytest.mark.parametrize("fail_on", [(), ("moderate",), ("no_data",),
                                     ("undetermined", "off_track"), ("achieved",)])
@pytest.mark.parametrize("source", ["example", "test-plan"])
def test_junit_counts_agree_with_json(case, railkpi, tmp_path, fail_on, source):
    workbook, plan = case
    if source == "example":
        workbook, plan = EXAMPLE, None
    junit = tmp_path / "junit.xml"
    options = [arg for level in fail_on for arg in ("--fail-on", level)]
    run = assess(railkpi, workbook, plan, "--format", "json", "--junit", junit, *options)
    assert run.exit_code in (0, 1)
    failing = set().union(*(FAILING[level] for level in fail_on or ("off_track",)))
    expected = _expected(run.json(), failing)
    root, suites = _suites(junit)
    assert list(suites) == list(expected)
    for plan_id, suite in suites.items():
        cases = suite.findall("testcase")
        counted = {
            "tests": len(cases),
            "failures": sum(c.find("failure") is not None for c in cases),
            "skipped": sum(c.find("skipped") is not None for c in cases),
        }
        attributes = {k: int(suite.get(k, "-1")) for k in ("tests", "failures", "skipped")}
        assert counted == attributes == expected[plan_id]
        assert suite.get("errors") == "0"
    for key in ("tests", "failures", "skipped"):
        assert int(root.get(key, "-1")) == sum(e[key] for e in expected.values())
    # the exit status agrees too, when --fail-on is given
    if fail_on:
        assert run.exit_code == (1 if any(e["failures"] for e in expected.values()) else 0)


def test_junit_test_plan_by_hand(case, railkpi, tmp_path):
    workbook, plan = case
    junit = tmp_path / "junit.xml"
    run = assess(railkpi, workbook, plan, "--junit", junit, "--lang", "zh")
    assert run.exit_code == 0  # no --fail-on: the exit status is not affected
    assert junit.read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    _, suites = _suites(junit)
    suite = suites["fx-plan"]
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors"),
            suite.get("skipped")) == ("6", "2", "0", "1")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert list(cases) == [
        "rev-2025: 收入|总额", "firms-2025: =1+1企业", "labs-2025: @SUM(A1)实验室",
        "lines-2025: -试验线", "share-2025: +配套比重", "cost-2025: \t=能耗",
    ]
    rev = cases["rev-2025: 收入|总额"]
    assert rev.get("classname") == "railkpi.fx-plan.g1"
    failure = rev.find("failure")
    assert failure is not None and failure.get("type") == "off_track"
    assert failure.get("message") == "进度滞后：差距 80.0 亿元；今后所需年均增速 29.1%"
    assert "依据原文：" + HYPERLINK in (failure.text or "")
    cost = cases["cost-2025: \t=能耗"].find("failure")
    assert cost is not None and cost.get("type") == "regressing"
    assert cost.get("message") == "逆向变化：差距 30 吨；今后所需年均增速 -14.7%"
    assert "依据原文：＝1" in (cost.text or "")
    skipped = cases["lines-2025: -试验线"].find("skipped")
    assert skipped is not None and (skipped.get("message") or "").startswith("无数据")
    for name in ("firms-2025: =1+1企业", "labs-2025: @SUM(A1)实验室", "share-2025: +配套比重"):
        assert list(cases[name]) == []  # passed
    properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert properties["fail_on"] == "off_track" and properties["as_of"] == "2023"


def test_junit_fail_on_moderate_in_english(case, railkpi, tmp_path):
    workbook, plan = case
    junit = tmp_path / "junit.xml"
    run = assess(railkpi, workbook, plan, "--junit", junit, "--lang", "en", "--fail-on",
                 "moderate")
    assert run.exit_code == 1
    _, suites = _suites(junit)
    suite = suites["fx-plan"]
    assert (suite.get("failures"), suite.get("skipped")) == ("3", "1")
    failures = {c.get("name", "").split(":")[0]: c.find("failure")
                for c in suite.findall("testcase") if c.find("failure") is not None}
    assert list(failures) == ["rev-2025", "share-2025", "cost-2025"]
    share = failures["share-2025"]
    assert share is not None and share.get("type") == "moderate"
    assert share.get("message") == "moderate: gap 5.0%; annual growth required from now 4.4%"
    rev = failures["rev-2025"]
    assert rev is not None
    assert rev.get("message") == (
        "off track: gap 80.0 100M CNY; annual growth required from now 29.1%")


def test_junit_refuses_to_overwrite_the_workbook(case, railkpi, tmp_path):
    workbook, plan = case
    before = workbook.read_bytes()
    for spelling in (workbook, tmp_path / "sub" / ".." / workbook.name):
        (tmp_path / "sub").mkdir(exist_ok=True)
        run = assess(railkpi, workbook, plan, "--junit", spelling, "--format", "json",
                     "--lang", "en")
        assert run.exit_code == 2
        assert [p["code"] for p in run.json()["problems"]] == ["output-is-input"]
        assert "is an input of this run (data.xlsx)" in " ".join(run.stderr.split())
        assert workbook.read_bytes() == before
    link = tmp_path / "hard-link.xml"
    os.link(workbook, link)
    run = assess(railkpi, workbook, plan, "--junit", link, "--lang", "en")
    assert run.exit_code == 2 and workbook.read_bytes() == before


def test_junit_written_atomically(case, railkpi, tmp_path, monkeypatch):
    workbook, plan = case
    out = tmp_path / "reports"
    out.mkdir()
    junit = out / "junit.xml"
    junit.write_text("old", encoding="utf-8")
    assert assess(railkpi, workbook, plan, "--junit", junit).exit_code == 0
    assert [p.name for p in out.iterdir()] == ["junit.xml"]  # replaced, no temporary file left
    written = junit.read_bytes()
    assert written.startswith(b"<?xml")

    def fail(*_: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    run = assess(railkpi, workbook, plan, "--junit", junit, "--lang", "en")
    assert run.exit_code == 2
    stderr = " ".join(run.stderr.split())  # the terminal wraps long lines
    assert "output-not-written" in stderr and "No space left on device" in stderr
    assert [p.name for p in out.iterdir()] == ["junit.xml"]
    assert junit.read_bytes() == written


def test_junit_into_a_missing_directory_exit_2(case, railkpi, tmp_path):
    workbook, plan = case
    run = assess(railkpi, workbook, plan, "--junit", tmp_path / "nope" / "j.xml", "--format",
                 "json")
    assert run.exit_code == 2
    assert [p["code"] for p in run.json()["problems"]] == ["output-not-written"]


def test_junit_same_bytes_between_runs(case, railkpi, tmp_path):
    workbook, plan = case
    first, second = tmp_path / "a.xml", tmp_path / "b.xml"
    assess(railkpi, workbook, plan, "--junit", first)
    assess(railkpi, workbook, plan, "--junit", second)
    assert first.read_bytes() == second.read_bytes()


# -- the CI workflow example -------------------------------------------------------------------


def test_ci_workflow_example():
    workflow = yaml.safe_load((REPO / "examples" / "ci" / "annual-check.yml").read_text(
        encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "workflow_dispatch" in triggers and triggers["schedule"]
    steps = next(iter(workflow["jobs"].values()))["steps"]
    commands = " ".join(step.get("run", "") for step in steps)
    for option in ("railkpi assess", "--junit", "--fail-on off_track", "--lang zh"):
        assert option in commands
    uploads = [s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact")]
    assert uploads and all(s.get("if") == "always()" for s in uploads)


def test_outputs_never_replace_a_plan_file(make_workbook, railkpi, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes((REPO / "examples" / "my-plan.yaml").read_bytes())
    before = plan.read_bytes()
    path = make_workbook({"数据": [["指标", "年份", "数值"], ["revenue_total", 2023, 2800]]})
    for option in ("--junit", "--xlsx"):
        run = railkpi("assess", path, "--plan", plan, option, plan, "--lang", "en")
        assert run.exit_code == 2
        assert "output-is-input" in run.stderr
        assert plan.read_bytes() == before
