"""A sheet whose name holds a character XML forbids: the reader shows it cleaned, the guard
reads it with a space, and the guard's facts about the sheet (hidden, percent cells) must
still reach the reader's sheet — else a percent cell would read as 0.163, not 16.3."""

from __future__ import annotations

from pathlib import Path

import pytest

from railkpi.plans.loader import load_plans
from railkpi.plans.registry import merge_plans
from railkpi.read.guard.workbook_pass import Survey
from railkpi.read.workbook import read_workbook
from sheets import repacked, saved, workbook

WIDE = ["指标", "单位", "2022年", "2023年", "2024年"]


def test_a_hidden_percent_sheet_with_a_control_character_in_its_name(tmp_path: Path) -> None:
    registry = merge_plans(load_plans(["14th-fyp", "2023-2025"]))
    book = workbook({"可见": [WIDE, ["总收入", "亿元", 2651.3, 2803.7, 2948.2]],
                     "隐藏": [WIDE, ["自主化配套比重", "%", None, 0.163, None]]})
    book["隐藏"]["D2"].number_format = "0.00%"
    book["隐藏"].sheet_state = "hidden"
    parts = saved(book, tmp_path / "plain.xlsx")
    xml = parts["xl/workbook.xml"].replace("隐藏".encode(), "隐藏\x1b".encode())
    path = repacked(tmp_path / "escape.xlsx", parts, {"xl/workbook.xml": xml})
    data = read_workbook(path, registry)
    share = [(o.value, o.where) for o in data.observations
             if o.indicator == "domestic_supply_share"]
    assert share == [(16.3, "'隐藏\ufffd'!D2")]  # 0.163 formatted as a percentage: 16.3 %
    assert [w.code for w in data.warnings] == ["sheet-name-control-character", "hidden-sheet"]
    assert "sheet '隐藏\ufffd' is hidden" in data.warnings[1].message("en")


@pytest.mark.parametrize(("asked", "found"), [
    ("隐藏", "隐藏"), ("隐藏\x1b", "隐藏 "), ("隐\x01藏", "隐 藏"),  # a byte, a space
    ("其他\ufffe", None),  # three spaces: not there; without them, two sheets: not told
    ("别\x01", "别    "),  # written as &#1;: four spaces, the one sheet without them
])
def test_facts_found_by_the_name_a_reader_gives(asked: str, found: str | None) -> None:
    from railkpi.read.guard.workbook_pass import SheetFacts

    survey = Survey(Path("x.xlsx"))
    for name in ("隐藏", "隐藏 ", "隐 藏", "其他 ", "其他  ", "别    "):
        survey.sheets[name] = SheetFacts(name, None, "visible")  # type: ignore[arg-type]
    facts = survey.facts(asked)
    assert (facts.name if facts is not None else None) == found
