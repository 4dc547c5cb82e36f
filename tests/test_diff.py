"""`railkpi diff OLD.json NEW.json`: status changes, targets added or removed, revised figures;
and the reports it reads treated as untrusted files.

Last year's check (as of 2023) and this year's (as of 2024) are written by railkpi from two
workbooks built here; this year's revises the 2022 revenue from 2651.3 to 2660.0.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from railkpi.read.report import json_path

OLD_FIGURES = [
    ("revenue_total", 2022, 2651.3), ("revenue_total", 2023, 2803.7),
    ("enterprise_count", 2022, 205), ("enterprise_count", 2023, 216),
]
NEW_FIGURES = [
    ("revenue_total", 2022, 2660.0), ("revenue_total", 2023, 2803.7),
    ("revenue_total", 2024, 2948.2),
    ("enterprise_count", 2022, 205), ("enterprise_count", 2023, 216),
    ("enterprise_count", 2024, 200),
]
# The Action Plan (baseline 2022, ≥ 3000 and ≥ 300 in 2025):
# revenue as of 2023: 2803.7/2651.3 − 1 = 5.75 % against (3000/2651.3)^(1/3) − 1 = 4.20 %,
#   ratio 1.37 → on_track; as of 2024: (2948.2/2660.0)^(1/2) − 1 = 5.28 % against
#   (3000/2660.0)^(1/3) − 1 = 4.09 %, ratio 1.29 → on_track: unchanged.
# enterprises as of 2023: 216/205 − 1 = 5.37 % against (300/205)^(1/3) − 1 = 13.54 %, ratio
#   0.40 → off_track; as of 2024: 200 < 205, (200/205)^(1/2) − 1 = −1.23 % → regressing: worse.


def report(railkpi: Callable[..., Any], make_workbook: Callable[..., Path], tmp_path: Path,
           name: str, figures: list[tuple[str, int, float]], *args: str) -> Path:
    rows = [["指标", "年份", "数值"], *([i, y, v] for i, y, v in figures)]
    data = make_workbook({"数据": rows}, name=f"{name}.xlsx")
    run = railkpi("assess", data, "--format", "json", *args)
    assert run.exit_code == 0, run.stderr
    path = tmp_path / f"{name}.json"
    path.write_text(run.stdout, encoding="utf-8")
    return path


@pytest.fixture
def reports(railkpi, make_workbook, tmp_path) -> tuple[Path, Path]:
    old = report(railkpi, make_workbook, tmp_path, "old", OLD_FIGURES)
    new = report(railkpi, make_workbook, tmp_path, "new", NEW_FIGURES)
    return old, new


def test_the_report_carries_its_figures(reports):
    old, _ = reports
    doc = json.loads(old.read_text(encoding="utf-8"))
    action = next(p for p in doc["plans"] if p["id"] == "2023-2025")
    assert [(f["year"], f["value"], f["where"]) for f in action["figures"]["revenue_total"]] == [
        (2022, 2651.3, "数据!C2"), (2023, 2803.7, "数据!C3")]
    fyp = next(p for p in doc["plans"] if p["id"] == "14th-fyp")
    # the 14th FYP publishes revenue for 2016 and 2020 (and years between) itself: its
    # figures include them, then the workbook's
    figures = [(f["year"], f["source"]) for f in fyp["figures"]["revenue_total"]]
    assert {(2016, "plan"), (2020, "plan")} <= set(figures)
    assert figures[-2:] == [(2022, "data"), (2023, "data")]
    assert {source for _, source in figures[:-2]} == {"plan"}
    assert [year for year, _ in figures] == sorted(year for year, _ in figures)


def test_diff_finds_the_revision_and_the_status_change(reports, railkpi):
    old, new = reports
    run = railkpi("diff", old, new, "--format", "json")
    assert run.exit_code == 0, run.stderr
    doc = run.json()
    assert doc["schema"] == "railkpi.diff/1"
    assert (doc["old"]["as_of"], doc["new"]["as_of"]) == (2023, 2024)
    assert (doc["old"]["file"], doc["new"]["file"]) == (str(old), str(new))
    # one revision, listed once for both plans that read it from the same cell
    assert doc["revisions"] == [{
        "indicator": "revenue_total", "year": 2022, "kind": "revised",
        "old": {"value": 2651.3, "qualifier": None, "source": "data", "where": "数据!C2"},
        "new": {"value": 2660.0, "qualifier": None, "source": "data", "where": "数据!C2"},
        "plans": ["14th-fyp", "2023-2025"],
    }]
    changes = {(c["plan"], c["target"]): (c["old_status"], c["new_status"], c["change"])
               for c in doc["status_changes"]}
    assert changes[("2023-2025", "enterprises-2025")] == ("off_track", "regressing", "worsened")
    assert ("2023-2025", "revenue-2025") not in changes
    assert doc["added"] == doc["removed"] == [] and doc["unchecked"] == []
    assert doc["unchanged"] + len(doc["status_changes"]) == 12 + 24


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_diff_table_markdown_and_csv(reports, railkpi, lang):
    old, new = reports
    table = railkpi("diff", old, new, "--lang", lang).stdout
    words = {"zh": ("修订的数据", "2651.3", "2660", "数据 数据!C2", "进度滞后", "逆向变化", "变差"),
             "en": ("Revised figures", "2651.3", "2660", "data 数据!C2", "off track",
                    "regressing", "worsened")}[lang]
    for word in words:
        assert word in table, word
    md = railkpi("diff", old, new, "--format", "markdown", "--lang", lang).stdout
    revision = next(r for r in md.splitlines() if "2651.3" in r)
    name = {"zh": "轨道交通产业总收入", "en": "Total rail-transit industry revenue"}[lang]
    kind = {"zh": "修订", "en": "revised"}[lang]
    source = {"zh": "数据 数据!C2", "en": "data 数据!C2"}[lang]
    assert revision == (f"| {name} | 2022 | {kind} | 2651.3 | {source} | 2660 | {source} "
                        "| 14th-fyp, 2023-2025 |")
    rows = list(csv.reader(io.StringIO(railkpi("diff", old, new, "--format", "csv",
                                               "--lang", lang).stdout.lstrip("\ufeff"))))
    revised = [r for r in rows if r[3] == "revenue_total"]
    assert [r[5:9] for r in revised] == [["2022", "2651.3", "2660.0", "revised"]]
    status = [r for r in rows if r[1:3] == ["2023-2025", "enterprises-2025"]]
    assert [r[6:9] for r in status] == [["off_track", "regressing", "worsened"]]


def test_fail_on_revision_and_on_worse(reports, railkpi):
    old, new = reports
    run = railkpi("diff", old, new, "--fail-on-revision", "--lang", "en")
    assert run.exit_code == 1
    assert "exit status 1 (--fail-on-revision): 1 figures revised" in run.stderr
    assert railkpi("diff", old, new, "--fail-on-worse").exit_code == 1
    # a report against itself: nothing revised, nothing worse
    same = railkpi("diff", new, new, "--fail-on-revision", "--fail-on-worse")
    assert (same.exit_code, same.stderr) == (0, "")


def test_targets_added_removed_and_figures_withdrawn(railkpi, make_workbook, tmp_path):
    # Last year's check covered only revenue; this year's also enterprises. The 2021 revenue
    # figure was withdrawn; a 2020 one was reported late (both up to the old year assessed).
    old = report(railkpi, make_workbook, tmp_path, "old",
                 [("revenue_total", 2021, 2498.6), ("revenue_total", 2023, 2803.7)],
                 "--plan", "14th-fyp", "--target", "revenue-2025")
    new = report(railkpi, make_workbook, tmp_path, "new",
                 [("revenue_total", 2020, 2364.9), ("revenue_total", 2023, 2803.7)],
                 "--plan", "14th-fyp", "--target", "revenue-2025", "--target", "firms-1yi")
    doc = railkpi("diff", new, old, "--format", "json").json()  # the other way round
    assert [(r["plan"], r["target"]) for r in doc["removed"]] == [("14th-fyp", "firms-1yi")]
    doc = railkpi("diff", old, new, "--format", "json").json()
    assert [(r["target"], r["status"]) for r in doc["added"]] == [("firms-1yi", "no_data")]
    kinds = [(r["year"], r["kind"], r["old"] and r["old"]["source"],
              r["new"] and r["new"]["source"]) for r in doc["revisions"]]
    # 2020: the plan's own 2364.9 (history) then the workbook's 2364.9 — the same figure, not a
    # revision; 2021: withdrawn.
    assert kinds == [(2021, "withdrawn", "data", None)]


def test_swapped_files_are_pointed_out(reports, railkpi):
    old, new = reports
    out = railkpi("diff", new, old, "--lang", "en").stdout
    assert "are the files swapped?" in " ".join(out.split())


# -- reports that cannot be compared ------------------------------------------------------------


def test_different_plans_or_formats_name_both(reports, railkpi, make_workbook, tmp_path):
    old, new = reports
    one_plan = report(railkpi, make_workbook, tmp_path, "fyp", NEW_FIGURES, "--plan",
                      "14th-fyp")
    run = railkpi("diff", old, one_plan, "--lang", "en")
    assert run.exit_code == 2
    text = " ".join(run.stderr.split())
    assert "report-plans-mismatch" in text
    assert f"{old} has 14th-fyp, 2023-2025, {one_plan} has 14th-fyp" in text
    future = tmp_path / "future.json"
    future.write_text(new.read_text(encoding="utf-8").replace(
        '"railkpi.assessment/1"', '"railkpi.assessment/2"'), encoding="utf-8")
    run = railkpi("diff", old, future, "--lang", "en")
    assert run.exit_code == 2
    text = " ".join(run.stderr.split())
    assert "report-schema-mismatch" in text
    assert f"{old} is railkpi.assessment/1, {future} is railkpi.assessment/2" in text
    run = railkpi("diff", future, future, "--lang", "zh")
    assert run.exit_code == 2 and "report-schema-unsupported" in run.stderr


def hostile(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def good_report(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "schema": "railkpi.assessment/1", "as_of": 2024, "data_file": "x.xlsx",
        "plans": [{"id": "p", "targets": [{"id": "t", "indicator": "i", "status": "on_track"}],
                   "figures": {"i": [{"year": 2024, "value": 1.0}]}}],
    }
    doc.update(changes)
    return doc


HOSTILE: dict[str, tuple[str | bytes, str, str]] = {
    # name: (content, problem code, words of the message in English)
    "empty": ("", "report-bad-json", "line 1 column 1"),
    "not-json": ("<html>", "report-bad-json", "syntax error at line 1 column 1"),
    "latin1": (b'{"schema": "caf\xe9"}', "report-bad-json", "not UTF-8 text (at byte 15)"),
    "deep": ("[" * 100_000 + "]" * 100_000, "report-bad-json", "nested too deeply"),
    "duplicate": ('{"schema": "railkpi.assessment/1", "schema": "x"}', "report-bad-json",
                  "the key 'schema' appears twice"),
    "nan": (json.dumps(good_report(as_of=float("nan"))), "report-bad-json", "holds NaN"),
    "digits": ('{"as_of": ' + "9" * 5000 + "}", "report-bad-json", "too many digits"),
    "list": ("[1, 2]", "report-not-assessment", "it has no schema key"),
    "refusal": ('{"problems": []}', "report-not-assessment", "could not be made"),
    "other": ('{"schema": "railkpi.milestones/1"}', "report-not-assessment",
              "its schema is 'railkpi.milestones/1'"),
    "status": (json.dumps(good_report(plans=[{"id": "p", "targets": [
        {"id": "t", "indicator": "i", "status": "great"}]}])), "report-bad-shape",
        "plans[0].targets[0].status"),
    "plans": (json.dumps(good_report(plans="all")), "report-bad-shape", "plans"),
    "year": (json.dumps(good_report(as_of="2024")), "report-bad-shape", "as_of"),
    "missing": (json.dumps({"schema": "railkpi.assessment/1", "plans": []}),
                "report-bad-shape", "Field required"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_reports_are_problems_not_tracebacks(railkpi, tmp_path, name):
    content, code, words = HOSTILE[name]
    bad = hostile(tmp_path, f"{name}.json", content)
    good = hostile(tmp_path, "good.json", json.dumps(good_report()))
    for args in ((bad, good), (good, bad)):
        run = railkpi("diff", *args, "--lang", "en")
        assert run.exit_code == 2, (name, run.stdout)
        text = " ".join(run.stderr.split())
        assert code in text and words in text and str(bad) in text, text
        assert run.stdout == ""
    zh = railkpi("diff", bad, good, "--lang", "zh", "--format", "json")
    assert zh.exit_code == 2 and zh.json()["problems"][0]["code"] == code


def test_both_files_problems_at_once(railkpi, tmp_path):
    run = railkpi("diff", tmp_path / "missing.json", tmp_path, "--format", "json")
    assert run.exit_code == 2
    assert [p["code"] for p in run.json()["problems"]] == ["file-not-found", "not-a-file"]


def test_size_cap(railkpi, tmp_path):
    big = hostile(tmp_path, "big.json", json.dumps(good_report(padding="x" * 5000)))
    good = hostile(tmp_path, "good.json", json.dumps(good_report()))
    run = railkpi("diff", big, good, "--max-size", "1KB", "--lang", "en")
    assert run.exit_code == 2 and "report-too-large" in run.stderr
    assert railkpi("diff", big, good, "--max-size", "1MB").exit_code == 0
    assert railkpi("diff", big, good, "--max-size", "lots").exit_code == 2


def test_text_from_a_report_cannot_reach_the_terminal_raw(railkpi, tmp_path):
    doc = good_report()
    doc["plans"][0]["targets"][0].update(id="t\u001b[31m", status="off_track",
                                         indicator_name={"zh": "红\u0007", "en": "\ud800x"})
    evil = hostile(tmp_path, "evil.json", json.dumps(doc))  # escapes: \u001b, \ud800
    good = hostile(tmp_path, "good.json", json.dumps(good_report()))
    for fmt in ("table", "json", "markdown", "csv"):
        for lang in ("zh", "en"):
            run = railkpi("diff", good, evil, "--format", fmt, "--lang", lang)
            assert run.exit_code == 0, run.stderr
            assert "\u001b" not in run.stdout and "\u0007" not in run.stdout
            assert "\ud800" not in run.stdout
    assert "t\ufffd[31m" in railkpi("diff", good, evil, "--format", "json").stdout


def test_json_paths():
    assert json_path(("plans", 0, "targets", 3, "status")) == "plans[0].targets[3].status"
    assert json_path(()) == "(top level)"
