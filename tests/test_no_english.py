"""No English in Chinese output: every command run with --lang zh over bad input — bad options,
bad plan files, hostile and broken workbooks — prints no English word that the input did not
bring itself.

What may stand in Chinese output: words quoted from the input (a YAML key, a cell, an
argument), problem codes, option names, file names, cell references, snake_case and
kebab-case ids, and a few names and abbreviations (xlsx, YAML, Excel, MB, CAGR …). Anything
else made of two or more ASCII letters fails the test.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from plans import history, indicator, plan_data, target, text, write_plan
from test_hostile_workbooks import CASES, GOOD_ROWS, rebuilt, sheet_xml, workbook_parts

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "fengtai.xlsx"
SHEET = "xl/worksheets/sheet1.xml"

#: Names and abbreviations that are not English words to translate.
NAMES = {
    "railkpi", "xlsx", "xls", "xlsb", "ods", "docx", "pptx", "zip", "YAML", "XML", "DTD", "CSV",
    "HTML", "PDF", "OLE", "OLE2", "UTF", "Excel", "LibreOffice", "OpenDocument", "Word",
    "PowerPoint", "RAR", "gzip", "MB", "KB", "GB", "TB", "MiB", "KiB", "CAGR", "SHA", "CNY",
    "JSON", "XXE", "fullCalcOnLoad", "null", "true", "false", "help",
}
_WORD = re.compile(r"[A-Za-z]{2,}")
_NOT_WORDS = [
    re.compile(r"\[[a-z0-9-]+\]"),  # problem codes
    re.compile(r"--[a-z][a-z-]*"),  # option names
    re.compile(r"\S+\.(?:xlsx|xls|yaml|yml|csv|txt|xml|json|docx|pdf)\b"),  # file names
    re.compile(r"\S+!\$?[A-Z]{1,3}\$?\d+"),  # cell references: 数据!C7, 'my data'!B2
    re.compile(r"[A-Za-z0-9]+(?:[_.:/-][A-Za-z0-9]+)+"),  # ids, YAML paths, U+0007, 2021-2025
    re.compile(r"0x[0-9a-fA-F]+"),  # bytes
    re.compile(r"\b[A-Z]{2,}\b"),  # argument names (DATA, START) and abbreviations (DTD)
    re.compile(r"[A-Za-z]+…"),  # a quote from the input, cut short
]


def _format_words() -> set[str]:
    """The words a user types: command names, option values (table, json, on_track, …), the
    keys of plan files (indicators:, direction:, …) and the values of a fixed set they take
    (kind: ratio), which messages name as they must be written; and the codes of the
    machine-readable outputs (a status, a change, a revision)."""
    import typing

    from railkpi.calc.diff import RevisionKind
    from railkpi.calc.results import Change
    from railkpi.cli import Format, Lang, StatusName, app
    from railkpi.plans.models import Plan

    words = {e.value for enum in (Format, Lang, StatusName) for e in enum}
    words |= {c.name or (c.callback.__name__ if c.callback else "") for c in
              app.registered_commands}
    words |= set(typing.get_args(Change)) | set(typing.get_args(RevisionKind))
    schema = Plan.model_json_schema()
    for model in [schema, *schema.get("$defs", {}).values()]:
        words.update(model.get("properties", {}))
        for field in model.get("properties", {}).values():
            for option in [field, *field.get("anyOf", [])]:
                words.update(str(v) for v in option.get("enum", ()))
    return {part for word in words for part in word.split("_")} | words


def english(output: str, inputs: str) -> list[str]:
    """The English words of `output` that `inputs` (the files and arguments) do not contain.
    A word the terminal folded over two lines (a key in a list of keys that has no space to
    wrap at: "…、direction、miles" / "tones") is read whole again."""
    output = re.sub(r"(?<=[A-Za-z_])\n(?=[A-Za-z_])", "", output)
    for pattern in _NOT_WORDS:
        output = pattern.sub(" ", output)
    brought = {w.casefold() for w in _WORD.findall(inputs)} | {
        n.casefold() for n in NAMES | _format_words()}
    return sorted({w for w in _WORD.findall(output) if w.casefold() not in brought})


def test_the_check_finds_english() -> None:
    # The check must be able to fail ("growth" is a word a plan file takes: kind: growth).
    assert english("错误 [bad-option] START/END：growth numbers need positive values", "0 5") == [
        "need", "numbers", "positive", "values"]
    assert english("错误 [not-xlsx] data.xlsx 数据!C7：“revenue” 不是数值", "revenue") == []


def run_zh(railkpi: Callable[..., Any], *args: Any, inputs: str = "") -> tuple[Any, list[str]]:
    run = railkpi(*args, "--lang", "zh")
    given = " ".join(str(a) for a in args) + " " + inputs
    return run, english(run.stdout + run.stderr, given)


# -- bad options -------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ["cagr", "0", "5", "--years", "2"],
    ["required", "5", "0", "--years", "2"],
    ["cagr", "abc", "5", "--years", "2"],
    ["cagr", "1", "5", "--years", "0"],
    ["assess", EXAMPLE, "--thresholds", "1,2"],
    ["assess", EXAMPLE, "--max-size", "lots"],
    ["assess", EXAMPLE, "--max-size", "100"],
    ["assess", EXAMPLE, "--as-of", "1800"],
    ["assess", EXAMPLE, "--format", "bogus"],
    ["assess", EXAMPLE, "--fromat", "json"],
    ["assess", EXAMPLE, "--fail-on", "bogus"],
    ["assess", EXAMPLE, "--plan", "nope"],
    ["assess"],
    ["assess", EXAMPLE, "--junit", EXAMPLE],
    ["template", "out.xlsx", "--years", "2025-2021"],
    ["validate", "no-such-file.xlsx"],
    ["validate", REPO / "examples"],
], ids=lambda a: "-".join(str(x) for x in a)[-40:] if isinstance(a, list) else str(a))
def test_bad_options(args: list[Any], railkpi: Callable[..., Any]) -> None:
    run, words = run_zh(railkpi, *args)
    assert run.exit_code == 2
    assert words == []


def test_an_output_that_cannot_be_written(railkpi: Callable[..., Any], tmp_path: Path) -> None:
    run, words = run_zh(railkpi, "assess", EXAMPLE, "--xlsx", tmp_path / "missing" / "gaps.xlsx")
    assert run.exit_code == 2 and "output-not-written" in run.stderr
    assert words == []


# -- bad plan files ----------------------------------------------------------------------------

INDICATORS = {
    "output": indicator("产值", "Output", "亿元"),
    "energy": indicator("能耗", "Energy", "吨", "lower"),
}


def bad_values() -> dict[str, Any]:
    """A plan with a mistake in nearly every kind of value."""
    data = plan_data(
        target("level", "output", op=">=", value=100, baseline=2020),  # an unknown key
        target("level", "output", id="output-level", op=">=", value="many"),  # not a number
        target("range", "output", id="r1", min=5, max=3),  # min > max
        target("level", "energy", id="e1", op=">=", value=1),  # against better: lower
        target("each_year", "output", id="e2", op=">=", value=1, baseline_year=2020),
        target("trend", "output", id="t1", value=3),
        target("level", "output", id="g1", op="=>", value=1, group="nope"),
        target("growth", "missing_indicator", id="m1", op=">=", value=0.1),
        target("level", "output", id="w1", op=">=", value="3至5"),  # a range as the plan words it
        target("level", "output", id="w2", value="超过3000亿元"),  # a comparator and a unit
        target("levels", "output", id="k1", op=">=", value=1),  # no such kind
        target("level", "output", id="n1", op=">=", value=1, colour="red"),  # no near key
        {"id": "no-fields", "kind": "level"},
        indicators={**INDICATORS, "bad": {"name": text("坏", "Bad"), "unit": "", "better": "up"}},
        thresholds={"on_track": 0.5, "moderate": 0.9, "off_track": 0},
        history=[history("output", 1800, "abc"), history("output", 2020, "突破千亿元")],
        stated_rates=[{"indicator": "output", "years": [2020, 2015], "rate": "16.3",
                       "quote": "原文"}],
        roster={"segments": {"other": {"name": text("其他产业", "other industries")}}},
    )
    data["plan"]["period"] = [2025, 2021]
    return data


def test_bad_plan_values(railkpi: Callable[..., Any], tmp_path: Path) -> None:
    path = write_plan(tmp_path, bad_values(), "bad.yaml")
    run, words = run_zh(railkpi, "targets", "--plan", path, inputs=path.read_text("utf-8"))
    assert run.exit_code == 2 and run.stderr.count("错误") >= 10
    assert words == []


def bad_references() -> dict[str, Any]:
    """A plan whose values are each well formed, but which do not fit together."""
    data = plan_data(
        target("level", "output", op=">=", value=100),
        target("level", "output", op=">=", value=200),  # the same id twice
        target("level", "energy", id="e1", op=">=", value=1),  # against better: lower
        target("trend", "output", id="t1", direction="falling"),  # against better: higher
        target("level", "output", id="g1", op=">=", value=1, group="nope"),
        target("level", "missing_indicator", id="m1", op=">=", value=1),
        target("change", "output", id="c1", op=">=", value=1, year=2020),  # baseline ≥ year
        target("level", "output", id="v1", op=">=", value=1, year=2035),  # outside the period
        indicators={**INDICATORS, "power": indicator("能耗量", "Power", "吨", "lower",
                                                     aliases=["产值"])},
        history=[history("nowhere", 2020, 1), history("产值", 2020, 1)],  # a name, not an id
        roster={"firm_count": "firms", "segments": {
            "a": {"name": text("甲赛道", "segment a"), "indicator": "output"},
            "b": {"name": text("乙赛道", "segment b"), "aliases": ["甲赛道"]},
            "c": {"name": text("其他", "misc")}}},
    )
    return data


def test_bad_plan_references(railkpi: Callable[..., Any], tmp_path: Path) -> None:
    path = write_plan(tmp_path, bad_references(), "refs.yaml")
    run, words = run_zh(railkpi, "targets", "--plan", path, inputs=path.read_text("utf-8"))
    assert run.exit_code == 2 and run.stderr.count("错误") >= 10
    assert words == []


def test_plans_that_disagree(railkpi: Callable[..., Any], tmp_path: Path) -> None:
    scoped = {**INDICATORS, "energy": indicator("能耗", "Energy", "吨", "lower",
                                                scope=text("丰台园", "Fengtai Park"))}
    first = plan_data(target("level", "output", op=">=", value=1), indicators=scoped,
                      roster={"firm_count": "output"})
    second = plan_data(target("level", "output", op=">=", value=1), plan_id="second",
                       indicators={**INDICATORS, "output": indicator("产值", "Output", "万元")},
                       roster={"firm_count": "energy"})
    a, b = write_plan(tmp_path, first, "a.yaml"), write_plan(tmp_path, second, "b.yaml")
    run, words = run_zh(railkpi, "targets", "--plan", a, "--plan", b,
                        inputs=a.read_text("utf-8") + b.read_text("utf-8"))
    assert run.exit_code == 2 and "plan-roster-conflict" in run.stderr
    assert "plan-scope-conflict" in run.stderr
    assert words == []


GOOD = yaml.safe_dump(plan_data(target("level", "output", op=">=", value=1),
                                indicators=INDICATORS), allow_unicode=True, sort_keys=False)


@pytest.mark.parametrize("content", [
    GOOD.replace("  id: test-plan", "\tid: test-plan"),  # a tab: a syntax error
    GOOD.replace("period:", "period: [2021, 2025\nx:"),  # an unclosed list
    GOOD.replace("  id: test-plan", "  id: NO"),  # an unquoted id YAML reads as false
    GOOD.replace("baseline_year: 2020", "baseline_year: 012"),  # octal in YAML 1.1
    GOOD.replace("baseline_year: 2020", "baseline_year: !!python/object:os.system 1"),
    GOOD.replace("baseline_year: 2020", "baseline_year: !!int abc"),
    GOOD.replace("groups:", "x: &a 1\ny: *a\ngroups:"),  # an anchor and an alias
    GOOD.replace("groups:", "groups: {}\ngroups:"),  # a key twice
    GOOD + "\x07",  # a control character
    "- a list\n- not a plan\n",
    "plan: [1, 2\n",
    GOOD + "---\nplan: again\n",
    GOOD.replace("op: '>='", "op: >="),  # an unquoted comparator
    GOOD.replace("baseline_year: 2020", "baseline_year：2020"),  # a full-width colon
    GOOD.replace("group: g", "group: [g，h]"),  # a full-width comma in a flow list
    GOOD.replace("quote: 规划原文", "quote: '规划原文"),  # a quote left open
    GOOD.replace("  id: test-plan", "  id: test-plan\n\ttitle: x"),  # a tab, then the rest
], ids=["tabulator", "unclosed", "unquoted-id", "octal", "python-tag", "int-tag", "alias",
        "duplicate-key", "control-character", "top-level-list", "truncated", "two-documents",
        "comparator", "full-width-colon", "full-width-comma", "open-quote", "indented-with-tabs"])
def test_bad_plan_yaml(content: str, railkpi: Callable[..., Any], tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(content, encoding="utf-8")
    run, words = run_zh(railkpi, "targets", "--plan", path, inputs=content)
    assert run.exit_code == 2
    assert words == []


def test_a_plan_file_that_is_not_utf8(railkpi: Callable[..., Any], tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(GOOD.encode("gb18030"))
    run, words = run_zh(railkpi, "targets", "--plan", path)
    assert run.exit_code == 2 and "plan-yaml" in run.stderr
    assert words == []


# -- bad workbooks -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_workbooks(name: str, railkpi: Callable[..., Any], tmp_path: Path) -> None:
    case = CASES[name]
    run, words = run_zh(railkpi, "validate", case.make(tmp_path / "data.xlsx"), *case.args)
    assert run.exit_code == case.exit
    assert words == []


def damaged_member(path: Path) -> Path:
    """A workbook whose sheet's bytes no longer match its checksum."""
    good = rebuilt(path.with_name("good.xlsx"), workbook_parts())
    with zipfile.ZipFile(good) as archive:
        info = archive.getinfo(SHEET)
        offset = info.header_offset + 30 + len(info.filename) + len(info.extra)
    raw = bytearray(good.read_bytes())
    raw[offset + info.compress_size // 2] ^= 0xFF
    path.write_bytes(bytes(raw))
    return path


@pytest.mark.parametrize("make", [
    damaged_member,
    lambda p: rebuilt(p, workbook_parts(), {SHEET: sheet_xml(
        '<x:row r="2"><x:c r="A2"><x:f>1+1</x:f></x:c></x:row>')}),  # a formula, no value
    lambda p: rebuilt(p, workbook_parts(), {SHEET: sheet_xml('<x:row r="2"><x:c r="A2"')}),
    lambda p: rebuilt(p, workbook_parts(), {SHEET: sheet_xml(
        '<x:row r="2"><x:c r="A2"><x:f t="shared" si="0"/></x:c></x:row>')}),
], ids=["checksum", "formula", "not-well-formed", "shared-formula"])
def test_broken_workbooks(make: Callable[[Path], Path], railkpi: Callable[..., Any],
                          tmp_path: Path) -> None:
    run, words = run_zh(railkpi, "validate", make(tmp_path / "data.xlsx"),
                        inputs=" ".join(map(str, GOOD_ROWS)))
    assert run.exit_code == 2
    assert words == []


def test_bad_cells(railkpi: Callable[..., Any], make_workbook: Callable[..., Path]) -> None:
    rows = [
        ["指标", "年份", "数值", "单位"],
        ["no such indicator", 2023, 1, None],
        ["revenue_total", "twenty", 1, None],
        ["revenue_total", 2023, "lots", None],
        ["revenue_total", 1800, 1, None],
        ["enterprise_count", 2023, -5, None],
        ["enterprise_count", 2022, 5, "亿元"],
        ["revenue_total", 2022, 5, "furlongs"],
        ["revenue_total", 2021, "16%", None],
        ["rd_personnel", 2023, 5, "家"],
        ["revenue_total", None, 3, None],
        [None, 2023, 3, None],
    ]
    roster = [
        ["企业名称", "年份", "营业收入", "细分赛道", "专精特新"],
        [None, 2024, 1, "工程建设", "是"],
        ["甲", 2024, 1, "space travel", "maybe"],
    ]
    path = make_workbook({"数据": rows, "企业名录": roster})
    inputs = " ".join(str(c) for row in rows + roster for c in row)
    run, words = run_zh(railkpi, "validate", path, inputs=inputs)
    assert run.exit_code == 2 and run.stderr.count("错误") >= 10
    assert words == []


# -- filters and report diffs -------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ["assess", EXAMPLE, "--target", "revenue-2026"],
    ["targets", "--indicator", "revenue_totl", "--group", "nope*"],
    ["targets", "--plan", "14th-fyp", "--group", "international", "--indicator",
     "revenue_total"],
], ids=["target", "indicator-group", "together"])
def test_filters_that_match_nothing(args: list[Any], railkpi: Callable[..., Any]) -> None:
    run, words = run_zh(railkpi, *args)
    assert run.exit_code == 2 and "filter-" in run.stderr
    assert words == []


@pytest.mark.parametrize("content", [
    "", "<html>", "[" * 5000, '{"a": 1, "a": 2}', '{"as_of": NaN}', '{"problems": []}',
    '{"schema": "railkpi.assessment/9"}',
    '{"schema": "railkpi.assessment/1", "as_of": "x", "plans": [{"targets": [{}]}]}',
], ids=["empty", "html", "deep", "duplicate", "nan", "refusal", "future", "shape"])
def test_reports_diff_cannot_read(content: str, railkpi: Callable[..., Any],
                                  tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    run, words = run_zh(railkpi, "diff", bad, bad, inputs=content)
    assert run.exit_code == 2 and "report-" in run.stderr
    assert words == []


def test_a_report_diff_in_chinese(railkpi: Callable[..., Any], tmp_path: Path) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    for path, year in ((old, "2023"), (new, "2024")):
        path.write_text(railkpi("assess", EXAMPLE, "--as-of", year, "--format", "json",
                                "--lang", "zh").stdout, encoding="utf-8")
    for fmt in ("table", "markdown", "csv"):
        run, words = run_zh(railkpi, "diff", old, new, "--format", fmt)
        assert run.exit_code == 0
        assert words == []
    run, words = run_zh(railkpi, "assess", EXAMPLE, "--fail-on-worse", "--group", "innovation")
    assert run.exit_code == 1 and "--fail-on-worse" in run.stderr
    assert words == []
