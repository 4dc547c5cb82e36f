"""`railkpi milestones --target/--indicator/--group`: the same filters as `assess`, the same
mistakes, and every output saying it was narrowed (and nothing said when it was not)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from plans import indicator, plan_data, target, write_plan

# The 14th FYP's revenue, by hand: 2364.9 (2020) to more than 3500 (2025), compound
# g = (3500 / 2364.9)^(1/5) − 1 = 8.157 % a year: 2021 2364.9 × 1.0815664 = 2557.78.
REVENUE_2021 = 2364.9 * (3500 / 2364.9) ** (1 / 5)


def ids(run: Any) -> dict[str, list[str]]:
    return {p["id"]: [t["id"] for t in p["targets"]] for p in run.json()["plans"]}


def test_target_keeps_one_target(railkpi: Callable[..., Any]) -> None:
    run = railkpi("milestones", "--plan", "14th-fyp", "--target", "revenue-2025",
                  "--format", "json")
    assert run.exit_code == 0
    assert ids(run) == {"14th-fyp": ["revenue-2025"]}
    steps = run.json()["plans"][0]["targets"][0]["milestones"]
    assert steps[0]["year"] == 2021 and steps[0]["value"] == pytest.approx(REVENUE_2021)
    assert abs(steps[0]["value"] - 2557.78) < 0.01
    assert run.json()["filter"] == {"target": ["revenue-2025"], "indicator": [], "group": []}
    # Without a filter: every target, and "filter" null.
    whole = railkpi("milestones", "--plan", "14th-fyp", "--format", "json")
    assert whole.json()["filter"] is None
    assert len(ids(whole)["14th-fyp"]) == 12 and "revenue-2025" in ids(whole)["14th-fyp"]


def test_options_together_and_globs(railkpi: Callable[..., Any]) -> None:
    # The enterprise-count targets of the group scale: the level and the change (+60).
    run = railkpi("milestones", "--plan", "14th-fyp", "--group", "scale", "--indicator",
                  "enterprise_count", "--format", "json")
    assert ids(run) == {"14th-fyp": ["enterprises-2025", "enterprises-increase"]}
    # A glob; the values of one option are alternatives.
    run = railkpi("milestones", "--plan", "14th-fyp", "--target", "firms-1*", "--target",
                  "rd-*", "--format", "json")
    assert ids(run) == {"14th-fyp": ["firms-100yi", "firms-10yi", "firms-1yi", "rd-personnel",
                                     "rd-expenditure-double"]}


def test_a_plan_left_without_a_target_is_left_out(railkpi: Callable[..., Any]) -> None:
    run = railkpi("milestones", "--plan", "14th-fyp", "--plan", "2023-2025", "--target",
                  "rd-personnel", "--format", "json")
    assert ids(run) == {"14th-fyp": ["rd-personnel"]}
    both = railkpi("milestones", "--plan", "14th-fyp", "--plan", "2023-2025", "--target",
                   "revenue-2025", "--format", "json")  # both plans have one
    assert ids(both) == {"14th-fyp": ["revenue-2025"], "2023-2025": ["revenue-2025"]}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_filter_matching_nothing_is_the_same_error_as_elsewhere(
        lang: str, railkpi: Callable[..., Any]) -> None:
    args = ("--plan", "14th-fyp", "--target", "revenue-2026", "--lang", lang)
    run = railkpi("milestones", *args)
    assert run.exit_code == 2
    assert "filter-no-match" in run.stderr and "revenue-2025" in run.stderr  # did you mean
    assert run.stderr == railkpi("targets", *args).stderr
    as_json = railkpi("milestones", *args, "--format", "json").json()["problems"]
    assert [p["code"] for p in as_json] == ["filter-no-match"]
    # Options that match each on their own, but no target together.
    both = ("--plan", "14th-fyp", "--target", "revenue-2025", "--group", "innovation",
            "--lang", lang)
    run = railkpi("milestones", *both)
    assert run.exit_code == 2 and "filter-matches-nothing" in run.stderr
    assert run.stderr == railkpi("targets", *both).stderr


def test_every_output_says_it_was_narrowed(railkpi: Callable[..., Any],
                                           tmp_path: Path) -> None:
    args = ("milestones", "--plan", "14th-fyp", "--target", "revenue-*")
    zh = railkpi(*args, "--lang", "zh").stdout
    assert zh.startswith("筛选：目标 revenue-*（只显示符合条件的 1 项目标）\n")
    assert "2557.8" in zh and "超过3500.0" in zh and "企业数量（家）" not in zh
    markdown = railkpi(*args, "--lang", "en", "--format", "markdown").stdout
    assert markdown.startswith(
        r"**Filtered: target revenue-\* (only the 1 matching targets are shown)**")
    rows = list(csv.reader(io.StringIO(railkpi(*args, "--lang", "en", "--format",
                                               "csv").stdout.lstrip("\ufeff"))))
    assert rows[0][-1] == "Filter"
    assert {row[-1] for row in rows[1:]} == {"target revenue-*"}
    assert [row[14] for row in rows[1:]] == ["2021", "2022", "2023", "2024", "2025"]
    out = tmp_path / "steps.xlsx"
    assert railkpi(*args, "--lang", "zh", "--xlsx", out).exit_code == 0
    sheet = openpyxl.load_workbook(out).worksheets[0]
    assert "筛选：目标 revenue-*（只显示符合条件的 1 项目标）" in str(sheet["A2"].value)
    # Not narrowed: none of it.
    plain = ("milestones", "--plan", "14th-fyp")
    assert "筛选" not in railkpi(*plain, "--lang", "zh").stdout
    assert "Filtered" not in railkpi(*plain, "--lang", "en", "--format", "markdown").stdout
    header = railkpi(*plain, "--lang", "en", "--format", "csv").stdout.splitlines()[0]
    assert not header.endswith("Filter")
    assert railkpi(*plain, "--lang", "zh", "--xlsx", out).exit_code == 0
    assert "筛选" not in str(openpyxl.load_workbook(out).worksheets[0]["A2"].value)


def test_with_data_the_year_is_the_whole_workbook_s(
        railkpi: Callable[..., Any], tmp_path: Path,
        make_workbook: Callable[..., Path]) -> None:
    # rev has figures to 2024, firms to 2023: the workbook's year is 2024 (half of the plan's
    # indicators reach it). Narrowed to firms, the year stays 2024 — as `assess` keeps it —
    # and the firms path restarts from its latest figure at or before it, 200 (2023):
    # linear to 240 in 2025, 20 a year: 2024 220.
    plan = write_plan(tmp_path, plan_data(
        target("level", "rev", op=">=", value=3000),
        target("level", "firms", op=">=", value=240),
        indicators={"rev": indicator("收入", "Revenue", "亿元"),
                    "firms": indicator("企业数量", "Firms", "家")}))
    data = make_workbook({"数据": [["指标", "年份", "数值"], ["rev", 2020, 2364.9],
                                   ["rev", 2024, 2948.2], ["firms", 2020, 180],
                                   ["firms", 2023, 200]]})
    run = railkpi("milestones", "--plan", plan, "--data", data, "--from-latest", "--method",
                  "linear", "--indicator", "firms", "--format", "json")
    assert run.exit_code == 0
    document = run.json()
    assert document["as_of"] == 2024
    (firms,) = document["plans"][0]["targets"]
    assert firms["start"]["year"] == 2023 and firms["start"]["value"] == 200
    assert [(s["year"], s["value"]) for s in firms["milestones"]] == [(2024, 220), (2025, 240)]
