"""The Excel gap table (`railkpi assess DATA --xlsx FILE`).

The workbook is opened with openpyxl (not read-only) and checked against the JSON report of the
same run: headers in both languages, every number, the fills per status, number formats, freeze
panes, autofilter, print setup, the charts, no formulas anywhere, text that starts with "=",
the atomic write and the refusal to write over the input.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from plans import indicator, plan_data, text, write_plan
from railkpi import __version__
from railkpi.messages.words import STATUS, STATUS_EARLY_ACHIEVED

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "fengtai.xlsx"

HEADERS = {
    "zh": (
        ["类别", "指标", "单位", "基期", None, "最新", None, "目标", "目标年", "差距", "完成进度",
         "序时进度", "实际\n年均增速", "同比增长", "所需\n年均增速\n(自基期)",
         "今后所需\n年均增速", "今后每年还需", "预计\n目标年值", "状态", "较上年", "依据原文"],
        [None, None, None, "年份", "数值", "年份", "数值", *([None] * 14)],
    ),
    "en": (
        ["Group", "Indicator", "Unit", "Baseline", None, "Latest", None, "Target",
         "Target year", "Gap", "Completion", "Time elapsed", "Actual CAGR", "YoY growth",
         "Required CAGR (from baseline)", "Required CAGR from now", "Still needed per year",
         "Projected", "Status", "Change since last year", "Plan wording"],
        [None, None, None, "Year", "Value", "Year", "Value", *([None] * 14)],
    ),
}
SHEETS = {
    "zh": ["汇总", "14th-fyp", "2023-2025", "历年状态", "图表", "方法说明"],
    "en": ["Summary", "14th-fyp", "2023-2025", "Timeline", "Charts", "Method"],
}
# Column of each field on a plan sheet (1-based), as the headers above lay them out.
COL = {key: i for i, key in enumerate(
    ["group", "indicator", "unit", "baseline_year", "baseline_value", "latest_year",
     "latest_value", "target", "target_year", "gap", "completion", "time_elapsed",
     "actual_cagr", "yoy_growth", "required_cagr", "required_cagr_from_latest",
     "needed_per_year", "projected", "status", "change", "quote"], start=1)}
LAST = len(COL)
# Green achieved / on track, amber moderate, red off track … not achieved, grey otherwise.
FILLS = {
    "achieved": "A9D08E", "on_track": "C6EFCE", "moderate": "FFEB9C", "off_track": "FFC7CE",
    "regressing": "FFC7CE", "not_achieved": "FFC7CE", "undetermined": "D9D9D9",
    "no_data": "D9D9D9",
}
FIRST_ROW = 5


def gap_table(railkpi: Callable[..., Any], tmp_path: Path, lang: str,
              data: Path = EXAMPLE, *extra: str) -> tuple[Any, dict[str, Any], Path]:
    out = tmp_path / f"gaps-{lang}.xlsx"
    run = railkpi("assess", data, "--xlsx", out, "--format", "json", "--lang", lang, *extra)
    assert run.exit_code == 0, run.stderr
    return openpyxl.load_workbook(out), run.json(), out


@pytest.fixture(scope="module")
def example_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The example assessed once per language (the workbook and the JSON of the same run)."""
    from conftest import run_cli

    runs = {}
    for lang in ("zh", "en"):
        runs[lang] = gap_table(run_cli, tmp_path_factory.mktemp(lang), lang)
    return runs


def ordered(targets: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The plan sheet's row order: grouped as the plan groups its targets."""
    groups = list(dict.fromkeys(t["group"] for t in targets))
    return [t for g in groups for t in targets if t["group"] == g]


def cell_number(value: Any) -> Any:
    return None if value == "—" else value


def stored(value: Any) -> Any:
    """A JSON number as an xlsx cell stores it: 16 significant digits (openpyxl writes
    "%.16g"; Excel itself keeps 15)."""
    return float(f"{value:.16g}") if isinstance(value, float) else value


# -- layout ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sheets_and_headers_in_both_languages(example_runs: dict[str, Any], lang: str) -> None:
    workbook, report, _ = example_runs[lang]
    assert workbook.sheetnames == SHEETS[lang]
    for plan in report["plans"]:
        ws = workbook[plan["id"]]
        top = [ws.cell(3, c).value for c in range(1, LAST + 1)]
        sub = [ws.cell(4, c).value for c in range(1, LAST + 1)]
        assert (top, sub) == HEADERS[lang]
        assert ws.cell(3, LAST + 1).value is None  # nothing beyond the last column
        title = plan["title"][lang]
        assert ws["A1"].value == f"{title} [{plan['id']}]"
        assert str(report["as_of"]) in ws["A2"].value
        assert "fengtai.xlsx" in ws["A2"].value
        # 基期 and 最新 span their year and value columns; the others span both header rows.
        merged = {str(r) for r in ws.merged_cells.ranges}
        assert {"D3:E3", "F3:G3", "A3:A4", "U3:U4"} <= merged


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_value_equals_the_json_report_of_the_same_run(
    example_runs: dict[str, Any], lang: str
) -> None:
    workbook, report, _ = example_runs[lang]
    for plan in report["plans"]:
        ws = workbook[plan["id"]]
        targets = ordered(plan["targets"])
        for row, t in enumerate(targets, start=FIRST_ROW):
            def at(key: str, row: int = row, ws: Any = ws) -> Any:
                return cell_number(ws.cell(row, COL[key]).value)

            for point in ("baseline", "latest"):
                figure = t[point]
                assert at(f"{point}_year") == (figure and figure["year"])
                assert at(f"{point}_value") == (figure and stored(figure["value"]))
            for key in ("target_year", "gap", "completion", "time_elapsed", "actual_cagr",
                        "required_cagr", "yoy_growth", "needed_per_year"):
                assert at(key) == stored(t[key]), (plan["id"], t["id"], key)
            # The way ahead only where there is one: not once achieved, nor from the target
            # year's own figure (the projection would be that figure, a 'need' a fall).
            ahead = t["status"] != "achieved" and (
                t["latest"] is None or t["latest"]["year"] < t["target_year"])
            for key in ("required_cagr_from_latest", "projected"):
                assert at(key) == (stored(t[key]) if ahead else None), (t["id"], key)
            marks = {"improved": ("↑ 好转", "↑ improved"), "worsened": ("↓ 变差", "↓ worsened"),
                     "unchanged": ("= 持平", "= unchanged"), "new": ("新判定", "new")}
            assert at("change") == marks[t["change"]][0 if lang == "zh" else 1]
            words = STATUS_EARLY_ACHIEVED if t["early"] else STATUS[t["status"]]
            status = words[0] if lang == "zh" else words[1]
            assert at("status") == status + ("*" if t["method"] == "linear" else "")
            # The plan's wording in the run's language: the English rendering in English.
            assert at("quote") == (t["quote"] if lang == "zh" else t["quote_en"])
            assert at("unit") == (t["unit"] if lang == "zh" else t["unit_en"])
        # Nothing else in the table: the row after the last target is blank.
        assert ws.cell(FIRST_ROW + len(targets), COL["indicator"]).value is None


def test_cells_hold_numbers_not_text_and_no_formula_anywhere(
    example_runs: dict[str, Any],
) -> None:
    for lang in ("zh", "en"):
        workbook, _, _ = example_runs[lang]
        for ws in workbook.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (ws.title, cell.coordinate)
        ws = workbook["14th-fyp"]
        revenue = FIRST_ROW  # revenue-2025 is the plan's first target
        for key in ("baseline_year", "baseline_value", "gap", "completion", "actual_cagr"):
            assert isinstance(ws.cell(revenue, COL[key]).value, (int, float))


def test_fills_per_status(example_runs: dict[str, Any]) -> None:
    workbook, report, _ = example_runs["zh"]
    seen = set()
    for plan in report["plans"]:
        ws = workbook[plan["id"]]
        for row, t in enumerate(ordered(plan["targets"]), start=FIRST_ROW):
            fill = ws.cell(row, COL["status"]).fill
            assert fill.fill_type == "solid"
            assert fill.fgColor.rgb == "FF" + FILLS[t["status"]], t["id"]
            seen.add(t["status"])
    # The example covers the colours that matter: green, amber and red.
    assert {"achieved", "on_track", "moderate", "off_track", "regressing"} <= seen


def test_number_formats(example_runs: dict[str, Any]) -> None:
    workbook, report, _ = example_runs["zh"]
    formats: dict[str, dict[str, str]] = {}
    for plan in report["plans"]:
        ws = workbook[plan["id"]]
        for row, t in enumerate(ordered(plan["targets"]), start=FIRST_ROW):
            formats[f"{plan['id']}/{t['id']}"] = {
                key: ws.cell(row, COL[key]).number_format for key in COL
            }
    revenue = formats["14th-fyp/revenue-2025"]
    assert revenue["latest_value"] == "#,##0.0"  # money
    assert revenue["gap"] == "#,##0.0"
    assert revenue["projected"] == "#,##0.0"
    assert revenue["baseline_year"] == "0"
    for key in ("completion", "time_elapsed", "actual_cagr", "required_cagr",
                "required_cagr_from_latest", "yoy_growth"):
        assert revenue[key] == "0.0%"
    assert revenue["needed_per_year"] == "#,##0.0"  # in the indicator's unit
    assert formats["14th-fyp/rd-personnel"]["latest_value"] == "0"  # count
    assert formats["14th-fyp/patents-per-capita"]["latest_value"] == "0.00"  # per capita


def test_freeze_panes_autofilter_and_print_setup(example_runs: dict[str, Any]) -> None:
    workbook, report, _ = example_runs["zh"]
    for plan in report["plans"]:
        ws = workbook[plan["id"]]
        last = FIRST_ROW + len(plan["targets"]) - 1
        assert ws.freeze_panes == "D5"  # header rows and 类别 | 指标 | 单位 stay in view
        assert ws.auto_filter.ref == f"A4:U{last}"
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.fitToWidth == 1
        assert ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert ws.print_title_rows == "$3:$4"
        widths = {c: ws.column_dimensions[c].width for c in "ABU"}
        assert widths["B"] >= 14 and widths["U"] >= 30  # names and quotes fit, wrapped
        assert ws.cell(FIRST_ROW, COL["quote"]).alignment.wrap_text
    for ws in workbook.worksheets:
        assert ws.page_setup.orientation == "landscape"


STATUS_KEY = {words[0]: key for key, words in STATUS.items()}


def test_summary_counts_statuses_and_lists_targets_needing_attention(
    example_runs: dict[str, Any],
) -> None:
    workbook, report, _ = example_runs["zh"]
    ws = workbook["汇总"]
    header = [ws.cell(4, c).value for c in range(1, 12)]
    assert header[:3] == ["规划", "规划名称", "目标数"]
    assert header[3:] == [STATUS[s][0] for s in STATUS]
    for row, plan in enumerate(report["plans"], start=5):
        statuses = [t["status"] for t in plan["targets"]]
        counts = [ws.cell(row, c).value for c in range(3, 12)]
        assert ws.cell(row, 1).value == plan["id"]
        assert counts == [len(statuses), *(statuses.count(s) for s in STATUS)]
    attention = [
        (plan["id"], t["status"]) for plan in report["plans"] for t in plan["targets"]
        if t["status"] not in ("achieved", "on_track")
    ]
    listed = []
    for row in ws.iter_rows(min_row=1, values_only=True):
        if row[0] in {p["id"] for p in report["plans"]} and isinstance(row[2], (int, float)) \
                and isinstance(row[9], str):
            listed.append(row)
    assert len(listed) == len(attention)
    worst = [r for r in listed if r[9] == STATUS["not_achieved"][0]]
    assert worst and listed.index(worst[0]) == 0  # worst first
    # the latest figure's year beside it, under its own header
    (header_row,) = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 3).value == "最新年"]
    assert ws.cell(header_row, 4).value == "最新值"
    latest = {(p["id"], t["status"], t["latest"]["year"], t["latest"]["value"])
              for p in report["plans"] for t in p["targets"]
              if t["status"] not in ("achieved", "on_track") and t["latest"] is not None}
    assert {(r[0], STATUS_KEY[r[9].rstrip("*")], r[2], r[3]) for r in listed
            if isinstance(r[3], (int, float))} == latest


def test_method_sheet_names_the_run(example_runs: dict[str, Any]) -> None:
    workbook, report, _ = example_runs["en"]
    values = [c.value for row in workbook["Method"].iter_rows() for c in row]
    assert __version__ in values
    assert "fengtai.xlsx" in values
    assert hashlib.sha256(EXAMPLE.read_bytes()).hexdigest() in values
    assert report["as_of"] in values
    text = " ".join(v for v in values if isinstance(v, str))
    assert "0.95 / 0.6 / 0" in text
    assert "(X / x)^(1 / (T − t)) − 1" in text


def test_charts_of_revenue_and_growth_targets(example_runs: dict[str, Any]) -> None:
    workbook, report, _ = example_runs["zh"]
    ws = workbook["图表"]
    charted = [(p["id"], t) for p in report["plans"] for t in p["targets"]
               if t["indicator"] == "revenue_total" or t["kind"] == "growth"]
    assert [t["id"] for _, t in charted] == ["revenue-2025", "revenue-2025", "patent-growth"]
    charts = ws._charts
    assert len(charts) == len(charted)
    for chart in charts:
        assert chart.tagname == "lineChart"
        assert len(chart.series) == 2  # actual values, required path
    # The data beside each chart: years, actual, x0·(1+required)^(y−t0).
    blocks = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "年份"]
    assert len(blocks) == len(charted)
    for top, (_, t) in zip(blocks, charted, strict=True):
        base, latest = t["baseline"], t["latest"]
        rows = {ws.cell(r, 1).value: r for r in range(top + 1, top + 12)
                if isinstance(ws.cell(r, 1).value, int)}
        assert min(rows) == base["year"] and max(rows) == t["target_year"]
        assert ws.cell(rows[base["year"]], 2).value == base["value"]
        assert ws.cell(rows[latest["year"]], 2).value == latest["value"]
        assert ws.cell(rows[t["target_year"]], 2).value is None  # not yet observed
        assert ws.cell(rows[base["year"]], 3).value == pytest.approx(base["value"])
        assert ws.cell(rows[t["target_year"]], 3).value == pytest.approx(t["target_value"])


# -- qualified figures, text, user plans ----------------------------------------------------

USER_PLAN = plan_data(
    {"id": "revenue", "indicator": "revenue_total", "kind": "level", "op": ">=", "value": 3000,
     "year": 2025, "group": "scale", "quote": "=SUM(A1:A9)+1 突破3000亿元"},
    {"id": "firms", "indicator": "enterprise_count", "kind": "level", "op": ">", "value": 240,
     "year": 2025, "group": "scale", "quote": "企业超过240家"},
    indicators={
        "revenue_total": indicator('=HYPERLINK("http://example.invalid")', "=1+1", "亿元"),
        "enterprise_count": indicator("企业数量", "Enterprises", "家"),
    },
    plan_id="quoted", title=("引号测试规划", "Quote test plan"),
    groups={"scale": text("=规模", "=Scale")},
)


def test_text_starting_with_equals_is_stored_as_text(
    railkpi: Callable[..., Any], make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    plan = write_plan(tmp_path, USER_PLAN, "quoted.yaml")
    data = make_workbook({"数据": [["指标", "年份", "数值"], ["revenue_total", 2020, 2000],
                                  ["revenue_total", 2023, 2500],
                                  ["enterprise_count", 2020, "180余"],
                                  ["enterprise_count", 2023, "突破200"]]})
    for lang in ("zh", "en"):
        workbook, _, _ = gap_table(railkpi, tmp_path, lang, data, "--plan", str(plan))
        ws = workbook["quoted"]
        quote = ws.cell(FIRST_ROW, COL["quote"])
        assert quote.value == "=SUM(A1:A9)+1 突破3000亿元"
        assert quote.data_type == "s"
        name = ws.cell(FIRST_ROW, COL["indicator"])
        assert name.value == ("=HYPERLINK(\"http://example.invalid\")" if lang == "zh"
                              else "=1+1")
        assert name.data_type == "s"
        assert ws.cell(FIRST_ROW, COL["group"]).data_type == "s"
        for sheet in workbook.worksheets:
            assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_qualified_figures_keep_the_number_and_show_the_qualifier(
    railkpi: Callable[..., Any], make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    plan = write_plan(tmp_path, USER_PLAN, "quoted.yaml")
    data = make_workbook({"数据": [["指标", "年份", "数值"], ["revenue_total", 2020, 2000],
                                  ["revenue_total", 2023, "约2500"],
                                  ["enterprise_count", 2020, "180余"],
                                  ["enterprise_count", 2023, "突破200"]]})
    workbook, report, _ = gap_table(railkpi, tmp_path, "zh", data, "--plan", str(plan))
    ws = workbook["quoted"]
    firms = FIRST_ROW + 1
    base, latest = ws.cell(firms, COL["baseline_value"]), ws.cell(firms, COL["latest_value"])
    assert (base.value, latest.value) == (180, 200)  # the point values, as in JSON
    assert base.number_format == '0"余";-0"余"'  # shows 180余
    assert latest.number_format == '">"0;">"-0'  # shows >200
    assert "180 ≤ x < 190" in base.comment.text
    assert "x > 200" in latest.comment.text
    # Rates from a qualified figure are approximations: marked ≈.
    assert ws.cell(firms, COL["actual_cagr"]).number_format == '"≈"0.0%;"≈"-0.0%'
    assert ws.cell(firms, COL["time_elapsed"]).number_format == "0.0%"
    revenue = ws.cell(FIRST_ROW, COL["latest_value"])
    assert revenue.value == 2500 and revenue.number_format == '"≈"#,##0.0;"≈"-#,##0.0'
    firms_json = report["plans"][0]["targets"][1]
    assert firms_json["approximate"] is True
    assert ws.cell(firms, COL["actual_cagr"]).value == stored(firms_json["actual_cagr"])


def test_figures_from_the_plan_or_the_roster_carry_a_comment(
    railkpi: Callable[..., Any], make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    data = make_workbook({
        "数据": [["指标", "年份", "数值"], ["revenue_total", 2023, 2803.7]],
        "企业名录": [["企业名称", "年份", "营业收入（万元）"], ["甲公司", 2020, 50000],
                     ["乙公司", 2020, 8000], ["甲公司", 2023, 60000]],
    })
    workbook, report, _ = gap_table(railkpi, tmp_path, "en", data, "--plan", "14th-fyp")
    ws = workbook["14th-fyp"]
    targets = ordered(report["plans"][0]["targets"])
    revenue = FIRST_ROW + [t["id"] for t in targets].index("revenue-2025")
    assert targets[revenue - FIRST_ROW]["baseline"]["source"] == "plan"
    comment = ws.cell(revenue, COL["baseline_value"]).comment.text
    assert "plan's own published figure (history[1])" in comment
    assert ws.cell(revenue, COL["latest_value"]).comment is None  # an exact workbook figure
    firms = FIRST_ROW + [t["id"] for t in targets].index("firms-1yi")
    assert targets[firms - FIRST_ROW]["latest"]["source"] == "roster"
    assert "enterprise roster" in ws.cell(firms, COL["latest_value"]).comment.text


# -- writing ----------------------------------------------------------------------------------


def test_refuses_to_write_over_the_input(
    railkpi: Callable[..., Any], tmp_path: Path
) -> None:
    data = tmp_path / "data.xlsx"
    shutil.copy(EXAMPLE, data)
    before = data.read_bytes()
    link = tmp_path / "hard-link.xlsx"
    os.link(data, link)
    symlink = tmp_path / "sym.xlsx"
    symlink.symlink_to(data)
    for out in (data, tmp_path / "." / "data.xlsx", link, symlink):
        run = railkpi("assess", data, "--xlsx", out, "--lang", "en")
        assert run.exit_code == 2, out
        assert "output-is-input" in run.stderr
        assert data.read_bytes() == before
    run = railkpi("assess", data, "--xlsx", data, "--format", "json", "--lang", "en")
    assert run.json()["problems"][0]["code"] == "output-is-input"


def test_writes_atomically_and_replaces_an_old_table(
    railkpi: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "gaps.xlsx"
    out.write_bytes(b"old table")
    run = railkpi("assess", EXAMPLE, "--xlsx", out, "--lang", "en")
    assert run.exit_code == 0
    assert openpyxl.load_workbook(out).sheetnames == SHEETS["en"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gaps.xlsx"]  # no temporary file

    # A failure at the last step leaves the old file whole and no temporary file behind.
    out.write_bytes(b"old table")

    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("railkpi.outfile.os.replace", fail)
    run = railkpi("assess", EXAMPLE, "--xlsx", out, "--lang", "en")
    assert run.exit_code == 2
    assert "output-not-written" in run.stderr
    assert out.read_bytes() == b"old table"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gaps.xlsx"]


def test_unwritable_destination_is_a_problem(railkpi: Callable[..., Any], tmp_path: Path) -> None:
    run = railkpi("assess", EXAMPLE, "--xlsx", tmp_path / "missing" / "gaps.xlsx", "--lang", "en")
    assert run.exit_code == 2
    assert "output-not-written" in run.stderr


def test_without_xlsx_nothing_is_written_and_openpyxl_not_needed_to_import() -> None:
    code = ("import sys, railkpi.cli, railkpi.render.xlsx, railkpi.render.xlsx.template; "
            "print('openpyxl' in sys.modules)")
    result = subprocess.run([os.sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


# -- LibreOffice opens it ---------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_the_gap_table_to_pdf(example_runs: dict[str, Any],
                                                   tmp_path: Path) -> None:
    _, _, table = example_runs["zh"]
    profile = tmp_path / "profile"
    result = subprocess.run(
        ["libreoffice", f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(table)],
        capture_output=True, text=True, timeout=300,
    )
    pdf = tmp_path / (table.stem + ".pdf")
    assert result.returncode == 0, result.stderr
    assert pdf.exists() and pdf.stat().st_size > 10_000
    assert pdf.read_bytes().startswith(b"%PDF")


def test_timeline_sheet_of_the_example(example_runs: dict[str, Any]) -> None:
    workbook, report, _ = example_runs["en"]
    ws = workbook["Timeline"]
    assert [ws.cell(4, c).value for c in range(1, 8)] == [
        "Indicator", "Target", 2021, 2022, 2023, 2024, "Change"]
    row = 4
    for plan in report["plans"]:
        row += 1
        assert ws.cell(row, 1).value == f"{plan['title']['en']} [{plan['id']}]"
        for t in ordered(plan["targets"]):
            row += 1
            by_year = {y["year"]: y["status"] for y in t["timeline"]}
            for column, year in enumerate(range(2021, 2025), start=3):
                cell = ws.cell(row, column)
                if year in by_year:
                    assert cell.fill.fgColor.rgb == "FF" + FILLS[by_year[year]], (t["id"], year)
                elif year == plan["baseline_year"]:  # the Action Plan's 2022
                    assert cell.value == "baseline"
                else:
                    assert cell.value is None and cell.fill.fill_type is None
    assert row == 4 + 1 + 12 + 1 + 24


def test_targets_group_thousands_as_their_figures_do(example_runs: dict[str, Any]) -> None:
    # revenue (亿元, shown 2,948.2) has its target as >3,500.0; R&D personnel (persons, shown
    # 11301) keeps ≥15000: a target reads like the figures beside it
    workbook, _, _ = example_runs["zh"]
    texts = {c.value for row in workbook["14th-fyp"].iter_rows() for c in row
             if isinstance(c.value, str)}
    assert ">3,500.0" in texts and ">3500.0" not in texts
    assert "≥15000" in texts and "≥15,000" not in texts
