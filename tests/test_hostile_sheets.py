"""Hostile and broken workbooks, round two (issue 10, the reader): sparse sheets and crafted
references that would make the reader allocate the whole used rectangle, string tables that
lie, many sheets, floods of problems, characters XML forbids, numbers past a float's range.

Every workbook is generated here. Each case keeps the promise: exit 2 with a message naming
the problem (0 where the workbook is fine to read), nothing left behind, under 300 MB resident
in a child process. The time each takes is measured by benchmarks/guard.py, not here.
"""

from __future__ import annotations

import json
import math
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from plans import history, indicator, plan_data, target, write_plan
from railkpi.problems import InputError
from railkpi.read import guard
from railkpi.read.guard import workbook_pass, xml_parsing
from railkpi.read.guard.cell_scan import CellScanner, SheetScan
from railkpi.read.guard.formula_scan import Formulas
from railkpi.read.guard.references import MAX_COLUMNS, MAX_ROWS, allowed_box, column_number
from railkpi.read.guard.sheet_bytes import ByteScan
from railkpi.read.guard.styles import StyleKinds
from railkpi.read.workbook import read_workbook
from sheets import MAIN_NS, hand_sheet, number_cell, text_cell
from test_hostile_workbooks import MEMORY_LIMIT, MIB, SHEET, STRINGS, rebuilt, run_measured
from test_hostile_workbooks import workbook_parts as openpyxl_parts

HEADER = text_cell("A1", "指标") + text_cell("B1", "2023")
GOOD = f'<row r="1">{HEADER}</row><row r="2">{text_cell("A2", "总收入")}' \
       f'{number_cell("B2", 2803.7)}</row>'
TYPES_STRINGS = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
                 b'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')


def with_sheet(rows: str, **changes: bytes) -> Callable[[Path], Path]:
    """A maker of a workbook whose first sheet is `rows` (XML inside <sheetData>)."""
    def make(path: Path) -> Path:
        return rebuilt(path, openpyxl_parts(), {SHEET: hand_sheet(rows), **changes})
    return make


def with_strings(rows: str, unique: int, count: int, held: int = 2) -> Callable[[Path], Path]:
    strings = "".join(f"<si><t>s{n}</t></si>" for n in range(held))
    table = (f'<?xml version="1.0"?><sst xmlns="{MAIN_NS}" count="{count}" '
             f'uniqueCount="{unique}">{strings}</sst>').encode()

    def make(path: Path) -> Path:
        parts = openpyxl_parts()
        types = parts["[Content_Types].xml"].replace(b"</Types>", TYPES_STRINGS)
        return rebuilt(path, parts, {SHEET: hand_sheet(rows), STRINGS: table,
                                     "[Content_Types].xml": types})
    return make


def styled(path: Path, rows: list[list[Any]], percent: str | None = None,
           date: str | None = None) -> dict[str, bytes]:
    """openpyxl's parts for these rows, with a cell formatted as a percentage or a date."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "数据"
    for row in rows:
        sheet.append(row)
    for ref, code in ((percent, "0.00%"), (date, "yyyy-mm-dd")):
        if ref:
            sheet[ref].number_format = code
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def date_past_9999(path: Path) -> Path:
    parts = styled(path, [["指标", 2023], ["总收入", 2803.7]], date="B2")
    sheet = parts[SHEET].replace(b"<v>2803.7</v>", b"<v>1e10</v>")
    return rebuilt(path, parts, {SHEET: sheet})


def control_characters(path: Path) -> Path:
    """U+FFFE and a raw 0x01 in cells, with a percent style in the workbook."""
    parts = styled(path, [["指标", 2023, "备注"], ["总收入", 2803.7, "初步X"],
                          ["自主化配套比重", 0.163, "Y"]], percent="B3")
    sheet = parts[SHEET].replace("初步X".encode(), "初步\ufffe".encode()).replace(
        b">Y<", b">\x01<")
    return rebuilt(path, parts, {SHEET: sheet})


def malformed_with_percent(path: Path) -> Path:
    parts = styled(path, [["指标", 2023], ["自主化配套比重", 0.163]], percent="B2")
    return rebuilt(path, parts, {SHEET: parts[SHEET].replace(b"</row>", b"</rowx>", 1)})


def many_sheets(path: Path, count: int = 3000) -> Path:
    book = openpyxl.Workbook(write_only=True)
    first = book.create_sheet("数据")
    first.append(["指标", 2023])
    first.append(["总收入", 2803.7])
    for n in range(1, count):
        book.create_sheet(f"附表{n}").append([f"附表 {n}"])
    book.save(path)
    return path


def flood(label: Callable[[int], str], value: Any) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("数据")
        sheet.append(["指标", "年份", "数值"])
        for n in range(100_000):
            sheet.append([label(n), 2023, value])
        book.save(path)
        return path
    return make


@dataclass(frozen=True)
class Case:
    make: Callable[[Path], Path]
    code: str | None  # the problem reported (None: none expected)
    text: str  # in a message or a place
    exit: int = 2


CASES: dict[str, Case] = {
    "value-at-XFD2000": Case(with_sheet(GOOD + '<row r="2000"><c r="XFD2000"><v>1</v></c></row>'),
                             "sheet-too-sparse", "2,000 rows × 16,384 columns"),
    "value-at-XFD1048576": Case(
        with_sheet(GOOD + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'),
        "sheet-too-sparse", "1,048,576 rows × 16,384 columns"),
    "reference-ZZZZZZ3": Case(with_sheet(GOOD + '<row r="3"><c r="ZZZZZZ3"><v>1</v></c></row>'),
                              "bad-cell-reference", "'ZZZZZZ3'"),
    "reference-A99999999999999999999": Case(
        with_sheet(GOOD + '<row r="3"><c r="A99999999999999999999"><v>1</v></c></row>'),
        "bad-cell-reference", "'A99999999999999999999'"),
    "row-4294967295": Case(with_sheet(GOOD + '<row r="4294967295"><c><v>1</v></c></row>'),
                           "bad-cell-reference", "'A4294967295'"),
    "lying-dimension": Case(with_sheet(GOOD.replace("<row", '<row', 1)), None, "", exit=0),
    "strings-uniqueCount-2e9": Case(
        with_strings(GOOD, unique=2_000_000_000, count=2), "bad-string-table",
        "declares 2,000,000,000 strings (uniqueCount) but holds 2"),
    "strings-count-2e9": Case(with_strings(GOOD, unique=2, count=2_000_000_000),
                              "bad-string-table", "(count)"),
    "negative-string-index": Case(
        with_strings(GOOD + '<row r="3"><c r="A3" t="s"><v>-1</v></c></row>', 2, 2),
        "bad-string-index", "'-1'"),
    "date-past-9999": Case(date_past_9999, "date-out-of-range", "1e10"),
    "error-value-#SPILL!": Case(
        with_sheet(GOOD + '<row r="3"><c r="B3" t="e"><v>#SPILL!</v></c></row>'),
        "excel-error", "#SPILL!"),
    "control-characters-with-a-percent-style": Case(control_characters, None, "", exit=0),
    "malformed-sheet-with-a-percent-style": Case(malformed_with_percent, "unreadable-workbook",
                                                 SHEET),
    "3000-one-row-sheets": Case(many_sheets, "sheet-skipped", "more of this kind", exit=0),
    "100000-different-unknown-labels": Case(flood(lambda n: f"统计项目{n:06d}", 1),
                                            "too-many-unknown-rows", "more than 1,000"),
    "100000-rows-of-bad-numbers": Case(flood(lambda n: "总收入", "abc"), "bad-number",
                                       "99,980 more of this kind"),
}
# A dimension that claims the whole sheet: python-calamine must not be trusted with it.
CASES["lying-dimension"] = Case(
    lambda p: rebuilt(p, openpyxl_parts(), {SHEET: hand_sheet(GOOD).replace(
        b"<sheetData>", b'<dimension ref="A1:XFD1048576"/><sheetData>')}),
    None, "", exit=0)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    made: dict[str, Path] = {}

    def path_of(name: str) -> Path:
        if name not in made:
            made[name] = CASES[name].make(tmp_path_factory.mktemp(name) / "data.xlsx")
        return made[name]

    return path_of


@pytest.mark.parametrize("name", list(CASES))
def test_each_case_gets_its_problem(name: str, corpus: Callable[[str], Path],
                                    railkpi: Any) -> None:
    case = CASES[name]
    run = railkpi("validate", corpus(name), "--format", "json", "--lang", "en")
    assert run.exit_code == case.exit, run.stderr
    document = run.json()
    json.dumps(document, allow_nan=False)
    if case.code is None:
        assert all(p["severity"] == "warning" for p in document["problems"])
        return
    matching = [p for p in document["problems"] if p["code"] == case.code]
    assert matching, document["problems"]
    assert any(case.text in f"{p['where']} {p['message']}" for p in matching), matching
    assert len(run.stderr) < 20_000  # a flood is capped, not printed


@pytest.mark.parametrize("name", list(CASES))
def test_each_case_in_little_memory_and_nothing_left(name: str,
                                                     corpus: Callable[[str], Path]) -> None:
    case = CASES[name]
    path = corpus(name)
    before = set(path.parent.iterdir())
    code, peak, stderr = run_measured("validate", path, "--lang", "en")
    assert code == case.exit, stderr
    if case.code is not None:
        assert case.code in stderr
    assert "Traceback" not in stderr
    assert peak < MEMORY_LIMIT, f"{peak / MIB:.0f} MiB"
    assert set(path.parent.iterdir()) == before


def test_many_sheets_open_the_file_a_fixed_number_of_times(
    corpus: Callable[[str], Path], registry: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Work linear in sheets: the zip is opened once by each pass, whatever the number of
    sheets, and each sheet's XML is parsed once."""
    opened: list[Any] = []
    real_zip = zipfile.ZipFile

    class Counting(real_zip):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            opened.append(args[0])
            super().__init__(*args, **kwargs)

    parsed: list[str] = []
    real_parse = xml_parsing.parse_xml

    def spy(file: str, fp: Any, info: zipfile.ZipInfo, handler: Any, **options: Any) -> None:
        parsed.append(info.filename)
        real_parse(file, fp, info, handler, **options)

    monkeypatch.setattr(zipfile, "ZipFile", Counting)
    monkeypatch.setattr(workbook_pass, "parse_xml", spy)
    data = read_workbook(corpus("3000-one-row-sheets"), registry)
    assert [o.indicator for o in data.observations] == ["revenue_total"]
    assert len(opened) <= 3
    sheets = [name for name in parsed if name.startswith("xl/worksheets/")]
    assert len(sheets) == len(set(sheets)) == 3000


@pytest.fixture(scope="module")
def registry() -> Any:
    from railkpi.plans.loader import load_plans
    from railkpi.plans.registry import merge_plans

    return merge_plans(load_plans(["14th-fyp", "2023-2025"]))


# -- numbers past a float's range --------------------------------------------------------------


def out_of_range(make_workbook: Callable[..., Path], value: float) -> Path:
    return make_workbook({"数据": [["指标", 2020, 2023, 2024],
                                   ["总收入", 2364.9, 2803.7, value]]})


def strict(text: str) -> dict[str, Any]:
    def refuse(constant: str) -> float:
        raise ValueError(f"not strict JSON: {constant}")

    document: dict[str, Any] = json.loads(text, parse_constant=refuse)
    return document


@pytest.mark.parametrize("value", [1e300, 1.7e308, 5e-324])
def test_figures_past_a_floats_range_come_out_null_with_a_note(
    make_workbook: Callable[..., Path], railkpi: Any, tmp_path: Path, value: float
) -> None:
    path = out_of_range(make_workbook, value)
    xlsx = tmp_path / "gaps.xlsx"
    run = railkpi("assess", path, "--plan", "14th-fyp", "--format", "json", "--xlsx", xlsx)
    assert run.exit_code == 0, run.stderr
    document = strict(run.stdout)
    revenue = next(t for plan in document["plans"] for t in plan["targets"]
                   if t["indicator"] == "revenue_total")
    assert revenue["latest"]["value"] == value
    computed = [revenue[key] for key in ("gap", "completion", "actual_cagr", "growth_ratio",
                                         "projected", "required_cagr_from_latest")]
    assert all(v is None or math.isfinite(v) for v in computed)
    if any(v is None for v in computed[2:]) and value > 1:
        assert "out-of-range" in [n["code"] for n in revenue["notes"]]
    openpyxl.load_workbook(xlsx)  # written, and readable
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("gaps")) == [
        "gaps.xlsx"]


@pytest.mark.parametrize(("sections", "targets"), [
    ({"history": [history("a", 2020, 1e-320)]},
     [target("level", "a", op=">=", value=5), target("growth", "a", op=">=", value=0.1)]),
    ({"history": [history("a", 2020, 2)]}, [target("growth", "a", op=">=", value=1e300)]),
])
def test_plan_figures_past_a_floats_range(make_workbook: Callable[..., Path], railkpi: Any,
                                          tmp_path: Path, sections: dict[str, Any],
                                          targets: list[dict[str, Any]]) -> None:
    plan = write_plan(tmp_path, plan_data(*targets, indicators={"a": indicator("甲", "A", "个")},
                                          **sections))
    path = make_workbook({"数据": [["指标", 2023, 2024], ["a", 3, 4]]})
    run = railkpi("assess", path, "--plan", plan, "--format", "json")
    assert run.exit_code == 0, run.stderr
    document = strict(run.stdout)
    notes = {n["code"] for plan_ in document["plans"] for t in plan_["targets"]
             for n in t["notes"]}
    assert "out-of-range" in notes
    run = railkpi("assess", path, "--plan", plan, "--format", "csv")
    assert run.exit_code == 0 and "inf" not in run.stdout.lower()


def test_the_growth_commands_never_print_an_infinity(railkpi: Any) -> None:
    run = railkpi("cagr", "1e-320", "1e300", "--years", "1", "--format", "json")
    assert run.exit_code == 0
    assert strict(run.stdout) == {"cagr": None}


# -- properties: references and declared counts at the extremes --------------------------------

letters = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=8)
digits = st.integers(min_value=1, max_value=10**22)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(letters, digits)
def test_a_reference_anywhere_is_refused_or_small(tmp_path_factory: pytest.TempPathFactory,
                                                  column: str, row: int) -> None:
    path = with_sheet(GOOD + f'<row r="9"><c r="{column}{row}"><v>1</v></c></row>')(
        tmp_path_factory.mktemp("ref") / "data.xlsx")
    guard.inspect(path)
    problems = guard.scan(path)
    codes = {p.code for p in problems}
    number = column_number(column) if len(column) <= 7 else MAX_COLUMNS + 1
    if number > MAX_COLUMNS or row > MAX_ROWS:
        assert codes == {"bad-cell-reference"}
    else:
        box = max(row, 2) * number
        assert (codes == {"sheet-too-sparse"}) == (box > allowed_box(4, 0))


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=2**64), st.integers(min_value=0, max_value=2**64))
def test_declared_counts_are_refused_past_what_the_table_holds(
    tmp_path_factory: pytest.TempPathFactory, unique: int, count: int
) -> None:
    path = with_strings(GOOD, unique=unique, count=count, held=3)(
        tmp_path_factory.mktemp("sst") / "data.xlsx")
    guard.inspect(path)
    refused = {p.message("en").split("(")[1].split(")")[0] for p in guard.scan(path)
               if p.code == "bad-string-table"}
    assert ("uniqueCount" in refused) == (unique > 3 + 1024)
    # count is every reference to a string, which the sheets may make more often than the
    # table holds strings: up to one per 16 bytes of sheet XML, plus the same slack.
    with zipfile.ZipFile(path) as book:
        sheet_bytes = sum(info.file_size for info in book.infolist()
                          if info.filename.startswith("xl/worksheets/"))
    assert ("count" in refused) == (count > max(3, sheet_bytes // 16) + 1024)


def test_a_declared_count_just_past_the_table_but_within_the_sheets_is_read(
        tmp_path: Path) -> None:
    """The window a random search rarely hits: more references than strings held, as many as
    the sheets could make."""
    path = with_strings(GOOD, unique=0, count=3 + 1024 + 1, held=3)(tmp_path / "data.xlsx")
    guard.inspect(path)
    assert not [p for p in guard.scan(path) if p.code == "bad-string-table"]


cells = st.lists(st.tuples(st.integers(1, 40), st.integers(1, 60), st.booleans(),
                           st.booleans()), min_size=1, max_size=30)


@settings(max_examples=150, deadline=None)
@given(cells, st.sampled_from(["", "x"]), st.integers(min_value=1, max_value=64),
       st.booleans(), st.booleans())
def test_the_byte_pass_never_bounds_a_sheet_below_its_rectangle(
    written: list[tuple[int, int, bool, bool]], prefix: str, chunk: int, all_referenced: bool,
    in_order: bool,
) -> None:
    """The byte-level pass of a large sheet, fed in chunks of any size, either finds a reason
    to look closely or bounds the used rectangle from above; it is never below what a cell by
    cell reading finds, in order or not."""
    p = f"{prefix}:" if prefix else ""
    rows: dict[int, list[str]] = {}
    for row, column, has_reference, has_value in sorted(written) if in_order else written:
        reference = (f' r="{_letters(column)}{row}"' if has_reference or all_referenced
                     else "")
        value = f"<{p}v>1</{p}v>" if has_value else ""
        rows.setdefault(row, []).append(f"<{p}c{reference}>{value}</{p}c>")
    body = "".join(f'<{p}row r="{row}">{"".join(cs)}</{p}row>' for row, cs in rows.items())
    xml = hand_sheet(body, prefix)
    scan = ByteScan(False, frozenset())
    for start in range(0, len(xml), chunk):
        scan.feed(xml[start:start + chunk])
    scan.finish()
    exact = SheetScan("s")
    handler = CellScanner(exact, Formulas(), StyleKinds(), 2_958_465)
    parser = xml_parsing.guarded_expat()
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    handler.parser = parser
    parser.Parse(xml, True)
    assume(not exact.references.count)
    if not scan.reasons:
        assert scan.box_bound >= exact.bottom * exact.right


def _letters(column: int) -> str:
    from railkpi.read.guard.references import letters_of

    return letters_of(column)


def test_a_refused_sheet_is_never_handed_to_a_reader(corpus: Callable[[str], Path],
                                                     registry: Any,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from railkpi.read import workbook

    def never(path: Path) -> Any:
        raise AssertionError("python-calamine was asked to read a refused sheet")

    monkeypatch.setattr(workbook, "calamine_sheets", never)
    for name in ("value-at-XFD1048576", "row-4294967295", "strings-uniqueCount-2e9"):
        with pytest.raises(InputError):
            read_workbook(corpus(name), registry)


@pytest.mark.parametrize("value", [1e300, 1.7e308, 5e-324])
def test_figures_past_a_floats_range_in_little_memory(tmp_path: Path, value: float) -> None:
    """The same, in a child process: exit 0, the gap table written and nothing else left,
    under the memory bound."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "数据"
    for row in (["指标", 2020, 2023, 2024], ["总收入", 2364.9, 2803.7, value]):
        sheet.append(row)
    path = tmp_path / "data.xlsx"
    book.save(path)
    out = tmp_path / "gaps.xlsx"
    code, peak, stderr = run_measured("assess", path, "--plan", "14th-fyp", "--xlsx", out,
                                      "--format", "json")
    assert code == 0, stderr
    assert peak < MEMORY_LIMIT, f"{peak / MIB:.0f} MiB"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.xlsx", "gaps.xlsx"]
