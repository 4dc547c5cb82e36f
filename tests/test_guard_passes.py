"""The guard's two looks at a worksheet agree: the byte-level pass (every sheet over
`SMALL_PART`) finds a reason to look closer wherever the close look would find a problem, so a
workbook gets the same problems and percent cells whichever a sheet's size sends it to."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from railkpi.read.guard import workbook_pass
from railkpi.read.guard.sheet_bytes import has_error_type
from railkpi.read.guard.workbook_pass import Survey, survey

ROWS = 800  # about 40 KB of sheet XML: past SMALL_PART, far below a roster


def build(tmp_path: Path, plant: Callable[[openpyxl.worksheet.worksheet.Worksheet], None]
          ) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "数据"
    sheet.append(["指标", "年份", "数值"])
    for i in range(ROWS):
        sheet.append([f"营业收入{i}", 2020 + i % 5, 1000.5 + i])
    plant(sheet)
    path = tmp_path / "book.xlsx"
    book.save(path)
    return path


def nothing(sheet: openpyxl.worksheet.worksheet.Worksheet) -> None:
    pass


def formula(sheet: openpyxl.worksheet.worksheet.Worksheet) -> None:
    sheet["C400"] = "=C2*2"  # openpyxl writes no cached value


def error_value(sheet: openpyxl.worksheet.worksheet.Worksheet) -> None:
    sheet["C300"] = "#DIV/0!"
    sheet["C300"].data_type = "e"


def percent(sheet: openpyxl.worksheet.worksheet.Worksheet) -> None:
    sheet["C10"].number_format = "0.0%"
    sheet["C11"].number_format = "0%"


def far_date(sheet: openpyxl.worksheet.worksheet.Worksheet) -> None:
    sheet["C12"] = 9_999_999
    sheet["C12"].number_format = "yyyy-mm-dd"


def stray_cell(sheet: openpyxl.worksheet.worksheet.Worksheet) -> None:
    sheet["XFD1048576"] = 1


def seen(found: Survey) -> tuple[list[tuple[str, str | None, str]], frozenset[tuple[int, int]]]:
    return ([(p.code, p.where, p.severity) for p in found.problems],
            found.percent_cells("数据"))


@pytest.mark.parametrize("plant", [nothing, formula, error_value, percent, far_date,
                                   stray_cell], ids=lambda f: f.__name__)
def test_byte_pass_and_close_look_find_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        plant: Callable[[openpyxl.worksheet.worksheet.Worksheet], None]) -> None:
    path = build(tmp_path, plant)
    monkeypatch.setattr(workbook_pass, "SMALL_PART", 1 << 40)  # the close look, always
    close = seen(survey(path))
    monkeypatch.setattr(workbook_pass, "SMALL_PART", 0)  # the byte-level pass first
    bytewise = seen(survey(path))
    assert bytewise == close
    if plant is nothing:
        assert close == ([], frozenset())
    elif plant is percent:
        assert close[1] == {(10, 3), (11, 3)}
    else:
        assert close[0], "the planted problem is found"


def test_the_sheet_is_past_the_close_look_size(tmp_path: Path) -> None:
    """The workbooks above do exercise the byte-level pass at the default size."""
    path = build(tmp_path, nothing)
    assert survey(path).sheets["数据"].info.file_size > workbook_pass.SMALL_PART


#: The pattern the byte-level pass used before `has_error_type`: a \b, then t="e".
_WORD_START_ERROR_TYPE = re.compile(rb"\bt\s*=\s*[\"']e[\"']")


@given(st.lists(st.sampled_from([b"t", b"xt", b"_t", b"9t", b" ", b"=", b"\"", b"'", b"e",
                                 b"<c ", b"t=\"e\"", b"&#20225;", b"\n", b">", b"s"]),
                max_size=30).map(b"".join))
def test_error_type_search_is_the_word_start_pattern(region: bytes) -> None:
    assert has_error_type(region) == bool(_WORD_START_ERROR_TYPE.search(region))


@given(st.lists(st.sampled_from([b"t", b"e", b"=", b" ", b"\"", b"'", b"x", b"\t"]),
                max_size=16).map(b"".join))
def test_error_type_search_with_every_quoting(region: bytes) -> None:
    """Quotes of either kind, matched or not, around the e: the literal searches that come
    first never miss what the pattern finds."""
    assert has_error_type(region) == bool(_WORD_START_ERROR_TYPE.search(region))


@pytest.mark.parametrize(("region", "expected"), [
    (b'<c r="A1" t="e"><v>#DIV/0!</v></c>', True),
    (b"<c r=\"A1\" t='e\"><v>#N/A</v></c>", True),
    (b"<c r='A1' t=\"e'>", True),
    (b"<c r='A1' t='s'><v>1</v></c><c r='B1' t=\"s\"><v>2</v></c>", False),
    (b"<c r='A1' t = 'e'>", True),
    (b't="e"', True),
    (b'<c r="A1" xt="e"><is><t>&#20225;</t></is></c>', False),
    (b'<c r="A1" t="s"><v>1</v></c>', False),
])
def test_error_type_examples(region: bytes, expected: bool) -> None:
    assert has_error_type(region) is expected
