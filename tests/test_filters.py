"""--target, --indicator and --group on assess, targets and template: every output shows only
the targets they keep, and says that it was narrowed; an id that matches nothing is a usage
error (exit 2) with the nearest ids."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from plans import plan_model
from railkpi.calc.filters import TargetFilter, select
from railkpi.problems import InputError
from test_series import PLAN, series_files

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "fengtai.xlsx"
GROWTH = ["slowing", "rising"]  # the targets of the group "growth"


@pytest.fixture
def case(tmp_path: Path, make_workbook: Callable[..., Path]) -> tuple[Path, Path]:
    """The series tests' plan and 2020-2024 workbook."""
    return series_files(tmp_path, make_workbook)


def unwrapped(text: str) -> str:
    """Text without its whitespace: messages wrap at the terminal's width."""
    return "".join(text.split())


def run(railkpi: Callable[..., Any], case: tuple[Path, Path], *args: str | Path) -> Any:
    workbook, plan = case
    result = railkpi("assess", workbook, "--plan", plan, *args)
    assert result.exit_code == 0, result.stderr
    return result


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def test_json_keeps_the_targets_and_names_the_filter(case, railkpi):
    doc = run(railkpi, case, "--group", "growth", "--format", "json").json()
    assert [t["id"] for p in doc["plans"] for t in p["targets"]] == GROWTH
    assert doc["filter"] == {"target": [], "indicator": [], "group": ["growth"]}
    # the figures listed are those of the kept targets' indicators only
    assert set(doc["plans"][0]["figures"]) == {"rev", "firms"}
    unfiltered = run(railkpi, case, "--format", "json").json()
    assert unfiltered["filter"] is None
    # a kept target is assessed exactly as without the filter
    assert doc["plans"][0]["targets"][0] == unfiltered["plans"][0]["targets"][0]


def test_globs_and_options_together(case, railkpi):
    doc = run(railkpi, case, "--target", "*ing", "--target", "energy-*", "--format",
              "json").json()
    assert [t["id"] for t in doc["plans"][0]["targets"]] == ["slowing", "rising", "energy-cap"]
    # options together must all hold: the growth group's targets on firms
    doc = run(railkpi, case, "--group", "growth", "--indicator", "firms", "--format",
              "json").json()
    assert [t["id"] for t in doc["plans"][0]["targets"]] == ["rising"]
    assert doc["filter"] == {"target": [], "indicator": ["firms"], "group": ["growth"]}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_table_and_markdown_say_so(case, railkpi, lang):
    line = {"zh": "筛选：类别 growth（只显示符合条件的 2 项目标）",
            "en": "Filtered: group growth (only the 2 matching targets are shown)"}[lang]
    table = run(railkpi, case, "--group", "growth", "--lang", lang).stdout
    assert table.startswith(line + "\n")
    names = {"zh": ("产业收入", "规上企业", "能耗", "企业数量"),
             "en": ("Industry revenue", "Large firms", "Energy use", "Enterprises")}[lang]
    assert names[0] in table and names[1] in table
    assert names[2] not in table and names[3] not in table
    md = run(railkpi, case, "--group", "growth", "--format", "markdown", "--lang", lang).stdout
    assert md.startswith(f"**{line}**\n\n")
    rows = [r for r in md.splitlines() if r.startswith("| ") and not r.startswith("| **")]
    assert len(rows) == 1 + 2  # header and the two targets
    # without a filter, no such line
    assert "筛选" not in run(railkpi, case, "--lang", "zh").stdout


def test_csv_has_a_filter_column(case, railkpi):
    rows = csv_rows(run(railkpi, case, "--target", "rising", "--format", "csv",
                        "--lang", "en").stdout)
    assert rows[0][-1] == "Filter"
    assert [(r[3], r[-1]) for r in rows[1:]] == [("rising", "target rising")]
    plain = csv_rows(run(railkpi, case, "--format", "csv", "--lang", "en").stdout)
    assert "Filter" not in plain[0] and len(plain) == 1 + 5


def test_junit_and_xlsx(case, railkpi, tmp_path):
    junit, xlsx = tmp_path / "j.xml", tmp_path / "g.xlsx"
    run(railkpi, case, "--indicator", "energy", "--junit", junit, "--xlsx", xlsx,
        "--lang", "en")
    root = ET.parse(junit).getroot()
    assert root.get("tests") == "1"
    assert [c.get("name") for c in root.iter("testcase")] == ["energy-cap: Energy use"]
    properties = {p.get("name"): p.get("value") for p in root.iter("property")}
    assert properties["filter"] == "indicator energy"
    workbook = openpyxl.load_workbook(xlsx)
    assert workbook["Summary"]["A2"].value == (
        "Filtered: indicator energy (only the 1 matching targets are shown)")
    sheet = workbook["series-plan"]
    assert "Filtered: indicator energy" in sheet["A2"].value
    assert sheet["B5"].value == "Energy use" and sheet["B6"].value is None
    timeline = workbook["Timeline"]
    assert [timeline.cell(r, 1).value for r in (6, 7)] == ["Energy use (吨)", None]
    method = [c.value for row in workbook["Method"].iter_rows() for c in row]
    assert "indicator energy" in method
    # unfiltered: no filter property, no line
    run(railkpi, case, "--junit", junit, "--xlsx", xlsx, "--lang", "en")
    assert "filter" not in {p.get("name") for p in ET.parse(junit).getroot().iter("property")}
    assert openpyxl.load_workbook(xlsx)["Summary"]["A2"].value is None


# -- targets and template ---------------------------------------------------------------------


def test_targets_in_every_format(railkpi):
    args = ("targets", "--plan", "14th-fyp", "--target", "firms-*", "--lang", "en")
    doc = json.loads(railkpi(*args, "--format", "json").stdout)
    assert [t["id"] for t in doc["plans"][0]["targets"]] == ["firms-100yi", "firms-10yi",
                                                             "firms-1yi"]
    assert doc["filter"]["target"] == ["firms-*"]
    table = railkpi(*args).stdout
    assert table.startswith("Filtered: target firms-* (only the 3 matching targets are shown)")
    assert "firms-10yi" in table and "revenue-2025" not in table
    md = railkpi(*args, "--format", "markdown").stdout
    assert md.startswith("**Filtered: target firms-\\*") and "`revenue-2025`" not in md
    rows = csv_rows(railkpi(*args, "--format", "csv").stdout)
    assert [r[1] for r in rows[1:]] == ["firms-100yi", "firms-10yi", "firms-1yi"]
    assert rows[0][-1] == "Filter" and rows[1][-1] == "target firms-*"


def test_a_plan_without_a_kept_target_is_left_out(railkpi):
    doc = json.loads(railkpi("targets", "--group", "innovation_factors", "--format",
                             "json").stdout)
    assert [p["id"] for p in doc["plans"]] == ["2023-2025"]


def test_template_has_only_the_kept_targets_indicators(railkpi, tmp_path):
    out = tmp_path / "t.xlsx"
    result = railkpi("template", out, "--plan", "14th-fyp", "--target", "revenue-2025",
                     "--target", "enterprises-*", "--format", "json", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    doc = result.json()
    assert doc["indicators"] == 2 and doc["filter"]["target"] == ["revenue-2025",
                                                                  "enterprises-*"]
    workbook = openpyxl.load_workbook(out)
    data = workbook.worksheets[0]
    assert [data.cell(r, 1).value for r in (2, 3, 4)] == [
        "revenue_total", "enterprise_count", None]
    instructions = " ".join(str(c.value) for row in workbook["instructions"].iter_rows()
                            for c in row if c.value)
    # the instructions say so, and their assess command repeats the filter
    assert "只含符合条件的目标所需的指标" in instructions
    assert "--target revenue-2025 --target 'enterprises-*'" in instructions
    # the table format says so too
    line = railkpi("template", tmp_path / "u.xlsx", "--plan", "14th-fyp", "--group", "scale",
                   "--lang", "en").stdout
    assert "Filtered: group scale" in line


# -- mistakes --------------------------------------------------------------------------------


@pytest.mark.parametrize(("option", "value", "suggestion"), [
    ("--target", "revenue-2026", "revenue-2025"),
    ("--indicator", "revenue_totl", "revenue_total"),
    ("--group", "inovation", "innovation"),
])
def test_an_unknown_id_is_a_usage_error_with_did_you_mean(railkpi, tmp_path, option, value,
                                                          suggestion):
    never = tmp_path / "never-written.xlsx"
    for command in (["assess", EXAMPLE], ["targets"], ["template", never]):
        result = railkpi(*command, option, value, "--lang", "en")
        assert result.exit_code == 2, command
        stderr = unwrapped(result.stderr)
        assert "filter-no-match" in stderr
        assert unwrapped(f"{option} '{value}'") in stderr
        assert unwrapped(f"did you mean {suggestion}") in stderr
    assert not never.exists()
    zh = railkpi("targets", option, value, "--lang", "zh")
    assert unwrapped(f"是否要用 {suggestion}") in unwrapped(zh.stderr)


def test_a_glob_matching_nothing_and_options_matching_nothing_together(railkpi):
    result = railkpi("targets", "--target", "zzz*", "--lang", "en", "--format", "json")
    assert result.exit_code == 2
    (problem,) = result.json()["problems"]
    assert problem["code"] == "filter-no-match" and "did you mean" not in problem["message"]
    result = railkpi("targets", "--plan", "14th-fyp", "--group", "international",
                     "--indicator", "revenue_total", "--lang", "en")
    assert result.exit_code == 2
    assert "filter-matches-nothing" in result.stderr
    assert unwrapped("--indicator revenue_total --group international") in unwrapped(
        result.stderr)


def test_select_is_a_pure_function_of_the_plans():
    model = plan_model(PLAN)
    assert select([model], TargetFilter()) == [model]
    kept = select([model], TargetFilter(groups=("base",)))
    assert [t.id for t in kept[0].targets] == ["enterprises", "no-figures"]
    assert [t.id for t in model.targets][:2] == ["slowing", "rising"]  # the plan is unchanged
    with pytest.raises(InputError) as caught:
        select([model], TargetFilter(targets=("slowng", "x")))
    assert [p.code for p in caught.value.problems] == ["filter-no-match"] * 2


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_word_report(case, railkpi, tmp_path, lang):
    from docx_helpers import all_text, open_docx, target_paragraphs

    out = tmp_path / "report.docx"
    run(railkpi, case, "--group", "growth", "--docx", out, "--lang", lang)
    document = open_docx(out)
    paragraphs = [p.text for p in document.paragraphs]
    line = {"zh": "筛选：类别 growth（只显示符合条件的 2 项目标）",
            "en": "Filtered: group growth (only the 2 matching targets are shown)"}[lang]
    assert paragraphs[2] == line  # under the title and the year assessed
    # only the two targets of the group, each with its paragraph; the overview does not say
    # that the plan sets two targets
    assert [len(plan) for plan in target_paragraphs(document, lang)] == [2]
    text = all_text(document)
    names = {"zh": ("产业收入", "规上企业", "能耗", "企业数量"),
             "en": ("Industry revenue", "Large firms", "Energy use", "Enterprises")}[lang]
    assert names[0] in text and names[1] in text
    assert names[2] not in text and names[3] not in text
    overview = {"zh": "本报告按筛选条件（类别 growth）列出本规划的量化目标2项。",
                "en": "This report lists 2 of the plan's quantified targets, selected by "
                      "group growth."}[lang]
    assert overview in text
    assert {"zh": "本规划共设置量化目标", "en": "The plan sets"}[lang] not in text
    method = {"zh": "筛选条件：类别 growth（本报告只列出符合条件的目标）。",
              "en": "Filter: group growth (this report lists only the matching targets)."}
    assert method[lang] in paragraphs
    # unfiltered: none of it
    run(railkpi, case, "--docx", out, "--lang", lang)
    text = all_text(open_docx(out))
    assert line not in text and method[lang] not in text
    plain = {"zh": "本规划共设置量化目标5项", "en": "The plan sets 5 quantified targets"}
    assert plain[lang] in text
