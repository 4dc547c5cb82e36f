"""Every command honours every --format choice: table, json, markdown and csv.

Each command is run on the bundled example with each format, in both languages; the output is
parsed as its format and checked against figures worked out here. Input that cannot be used
gives the JSON problems document with --format json and nothing on standard output otherwise.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "fengtai.xlsx"
FORMATS = ("table", "json", "markdown", "csv")
#: 1558.7 → 2364.9 over 2016-2020 is 10.98 % a year; 2364.9 → 3500 in 5 years needs 8.16 %.
CAGR = (2364.9 / 1558.7) ** (1 / 4) - 1
REQUIRED = (3500 / 2364.9) ** (1 / 5) - 1


def command(name: str, tmp_path: Path) -> list[str | Path]:
    return {
        "assess": ["assess", EXAMPLE],
        "validate": ["validate", EXAMPLE],
        "targets": ["targets"],
        "plans": ["plans"],
        "audit": ["audit"],
        "template": ["template", tmp_path / "blank.xlsx", "--plan", "14th-fyp", "--years",
                     "2021-2025"],
        "cagr": ["cagr", "1558.7", "2364.9", "--years", "4"],
        "required": ["required", "2364.9", "3500", "--years", "5"],
        "milestones": ["milestones", "--data", EXAMPLE],
    }[name]


COMMANDS = ("assess", "validate", "targets", "plans", "audit", "template", "cagr", "required",
            "milestones")
#: The 14th FYP's revenue in 2021 on the compound path from the example's 2364.9 (2020).
STEP_2021 = 2364.9 * (3500 / 2364.9) ** (1 / 5)


def csv_rows(stdout: str) -> list[list[str]]:
    assert stdout.startswith("\ufeff"), "a CSV starts with the UTF-8 byte-order mark"
    rows = list(csv.reader(io.StringIO(stdout[1:])))
    assert rows and all(len(row) == len(rows[0]) for row in rows)
    return rows


def markdown_rows(stdout: str) -> list[list[str]]:
    """The cells of the Markdown tables in `stdout` (header and separator rows included)."""
    return [[c.strip() for c in re.split(r"(?<!\\)\|", line.strip()[1:-1])]
            for line in stdout.splitlines() if line.startswith("|")]


def check_json(name: str, document: Any) -> None:
    if name == "assess":
        assert document["schema"] == "railkpi.assessment/1"
        assert [len(p["targets"]) for p in document["plans"]] == [12, 24]
    elif name == "validate":
        assert document["file"] == "fengtai.xlsx" and document["problems"] == []
        assert len(document["observations"]) == 125
    elif name in ("targets", "plans"):
        assert [p["id"] for p in document["plans"]] == ["14th-fyp", "2023-2025"]
    elif name == "audit":
        assert set(document) == {"findings", "unchecked"}
    elif name == "template":
        assert (document["indicators"], document["years"]) == (13, [2021, 2025])
    elif name == "milestones":
        assert document["schema"] == "railkpi.milestones/1"
        assert [len(p["targets"]) for p in document["plans"]] == [12, 24]
        revenue = document["plans"][0]["targets"][0]
        assert revenue["milestones"][0]["value"] == pytest.approx(STEP_2021, rel=1e-12)
    elif name == "cagr":
        assert document == {"cagr": pytest.approx(CAGR, rel=1e-12)}
    else:
        assert document == {"required_cagr": pytest.approx(REQUIRED, rel=1e-12)}


def check_csv(name: str, rows: list[list[str]]) -> None:
    body = rows[1:]
    if name == "assess":
        assert len(body) == 12 + 24
    elif name == "validate":
        assert len(body) == 125
        assert {row[0] for row in body} >= {"revenue_total", "enterprise_count"}
    elif name == "targets":
        assert len(body) == 12 + 24
    elif name == "plans":
        assert [(row[0], row[5]) for row in body] == [("14th-fyp", "12"), ("2023-2025", "24")]
        assert [(row[2], row[3]) for row in body] == [("2021", "2025"), ("2023", "2025")]
    elif name == "audit":
        assert body, "the bundled plans have findings and unchecked figures"
    elif name == "template":
        assert body[0][1:] == ["13", "2021", "2025"]
    elif name == "milestones":
        revenue = [row for row in body if row[0] == "14th-fyp" and row[2] == "revenue-2025"]
        assert [row[14] for row in revenue] == ["2021", "2022", "2023", "2024", "2025"]
        assert float(revenue[0][15]) == pytest.approx(STEP_2021, rel=1e-12)
    elif name == "cagr":
        assert float(body[0][0]) == pytest.approx(CAGR, rel=1e-12)
    else:
        assert float(body[0][0]) == pytest.approx(REQUIRED, rel=1e-12)


def check_text(name: str, fmt: str, stdout: str) -> None:
    """Table and Markdown: what a person reads."""
    if name == "cagr":
        assert "10.98%" in stdout and "11.0%" in stdout
    elif name == "required":
        assert "8.16%" in stdout and "8.2%" in stdout
    elif name == "template":
        assert "blank.xlsx" in stdout and "13" in stdout
    elif name == "validate":
        assert "125" in stdout
    elif name in ("plans", "targets", "assess", "milestones"):
        assert "14th-fyp" in stdout and "2023-2025" in stdout
    if name == "milestones":
        assert "2557.8" in stdout  # the 2021 revenue step, rounded as money
    if fmt == "markdown" and name in ("assess", "targets", "plans", "validate", "audit",
                                      "milestones"):
        rows = markdown_rows(stdout)
        assert rows and set(rows[1]) <= {"---", "---:"}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_in_every_format(
    name: str, fmt: str, lang: str, railkpi: Callable[..., Any], tmp_path: Path
) -> None:
    run = railkpi(*command(name, tmp_path), "--format", fmt, "--lang", lang)
    assert run.exit_code == 0, run.stderr
    assert run.stdout.strip()
    if fmt == "json":
        check_json(name, json.loads(run.stdout))
    elif fmt == "csv":
        check_csv(name, csv_rows(run.stdout))
    else:
        check_text(name, fmt, run.stdout)


def test_plans_markdown_lists_each_plan_with_its_targets(railkpi: Callable[..., Any]) -> None:
    rows = markdown_rows(railkpi("plans", "--format", "markdown", "--lang", "en").stdout)
    assert rows[0] == ["Id", "Name", "Period", "Baseline year", "Targets", "Document"]
    assert [(r[0], r[2], r[3], r[4]) for r in rows[2:]] == [
        ("`14th-fyp`", "2021-2025", "2020", "12"), ("`2023-2025`", "2023-2025", "2022", "24")]


def test_validate_csv_keeps_qualified_figures_and_derived_ones(
    railkpi: Callable[..., Any], make_workbook: Callable[..., Path]
) -> None:
    data = make_workbook({
        "数据": [["指标", "年份", "数值", "单位"], ["enterprise_count", 2020, "180余", "家"],
                 ["revenue_total", 2023, 28037000, "万元"]],
        "企业名录": [["企业名称", "年份", "营业收入（万元）"], ["甲", 2023, 50000],
                     ["乙", 2023, 8000]],
    })
    rows = csv_rows(railkpi("validate", data, "--plan", "14th-fyp", "--format", "csv",
                            "--lang", "en").stdout)
    by_key = {(row[0], row[1]): dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    firms = by_key[("enterprise_count", "2020")]
    # 180余: at least 180 and less than 190.
    assert (firms["Value"], firms["Qualifier"], firms["Lower bound"], firms["Upper bound"]) == (
        "180.0", "余", "180.0", "190.0")
    assert (firms["Lower bound included"], firms["Upper bound included"]) == ("true", "false")
    # 28,037,000 万元 is 2803.7 亿元, exactly.
    assert by_key[("revenue_total", "2023")]["Value"] == "2803.7"
    assert by_key[("revenue_total", "2023")]["Unit given"] == "万元"
    # Two firms listed in 2023; 50000 万元 = 5 亿元 is the only one at or above 1 亿元.
    derived = by_key[("enterprise_count", "2023")]
    assert (derived["Value"], derived["From"]) == ("2.0", "roster")
    assert by_key[("enterprises_rev_ge_1yi", "2023")]["Value"] == "1.0"
    assert by_key[("enterprises_rev_ge_10yi", "2023")]["Value"] == "0.0"


@pytest.mark.parametrize("fmt", FORMATS)
def test_refused_input_in_every_format(
    fmt: str, railkpi: Callable[..., Any], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.xlsx"
    run = railkpi("validate", missing, "--format", fmt, "--lang", "en")
    assert run.exit_code == 2
    assert "file-not-found" in run.stderr
    if fmt == "json":
        (problem,) = json.loads(run.stdout)["problems"]
        assert (problem["code"], problem["severity"]) == ("file-not-found", "error")
    else:
        assert run.stdout == ""
