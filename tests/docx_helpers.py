"""Helpers for the tests of the Word report (`railkpi assess DATA --docx FILE`): open the
document with python-docx, find its parts, and read the numbers out of its sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
from docx.document import Document as WordDocument
from docx.text.paragraph import Paragraph

from railkpi.messages.words import UNIT_EN

TARGETS_HEADING = {"zh": "分项评估", "en": "Target by target"}
NUMBER = re.compile(r"(?<![\d.])-?\d[\d,]*(?:\.\d+)?")
LEAD = re.compile(r"^(（\d+）|\(\d+\) )")


def open_docx(path: Path) -> WordDocument:
    return docx.Document(str(path))


def style_of(paragraph: Paragraph) -> str:
    return paragraph.style.name if paragraph.style is not None else ""


def sections(document: WordDocument, heading: str) -> Iterator[list[Paragraph]]:
    """For each Heading 2 containing `heading`, the paragraphs under it (up to the next
    Heading 1 or 2), Heading 3 group titles left out."""
    collecting: list[Paragraph] | None = None
    for paragraph in document.paragraphs:
        style = style_of(paragraph)
        if style in ("Heading 1", "Heading 2"):
            if collecting is not None:
                yield collecting
            collecting = [] if style == "Heading 2" and heading in paragraph.text else None
        elif collecting is not None and style != "Heading 3":
            collecting.append(paragraph)
    if collecting is not None:
        yield collecting


def target_paragraphs(document: WordDocument, lang: str) -> list[list[Paragraph]]:
    """Per plan, the paragraph on each target, in the order of the plan's groups."""
    return list(sections(document, TARGETS_HEADING[lang]))


def grouped(targets: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The targets grouped as the plan groups them (groups in order of first appearance)."""
    groups = list(dict.fromkeys(t["group"] for t in targets))
    return [t for g in groups for t in targets if t["group"] == g]


def all_text(document: WordDocument) -> str:
    """Every paragraph, table cell, header and footer of the document."""
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.footer.paragraphs)
        parts.extend(p.text for p in section.header.paragraphs)
    return "\n".join(parts)


#: English unit names with digits in them ("100M CNY"): not figures.
UNIT_WORDS = [unit for unit in UNIT_EN.values() if re.search(r"\d", unit)]


def numbers_in(text: str) -> list[tuple[str, str]]:
    """Every number of a sentence with what follows it: ('28.6', '个百分点…')."""
    body = LEAD.sub("", text)
    for unit in UNIT_WORDS:
        body = body.replace(unit, "unit")
    return [(m.group(0).replace(",", ""), body[m.end():m.end() + 20])
            for m in NUMBER.finditer(body)]


def shown(value: float, places: int) -> str:
    text = f"{value:.{places}f}"
    return "0" + text[2:] if text.startswith("-0") and set(text[2:]) <= {".", "0"} else text


def decimals_of(number: str) -> int:
    return len(number.split(".")[1]) if "." in number else 0


def printed_percent(value: float) -> Decimal:
    return Decimal(f"{value * 100:.1f}")


def candidates(entry: dict[str, Any], plan: dict[str, Any], as_of: int
               ) -> tuple[set[int], list[float], list[float], list[float]]:
    """What a sentence on this target may print, from the JSON report's fields only:
    (years, amounts, percentages, percentage points). Derived figures are the ones the
    method names: x/x0 − 1, x − x0, X − x, X − x0, X/x0, completion − time elapsed."""
    base, latest = entry["baseline"], entry["latest"]
    years = {entry["target_year"], as_of, *plan["period"], plan["baseline_year"],
             *entry["failing_years"]}
    for note in entry["notes"]:
        years.update(int(y) for y in re.findall(r"\b\d{4}\b", note["message"]))
    amounts: list[float] = []
    percents: list[float] = []
    points: list[float] = []
    for point in (base, latest):
        if point is not None:
            years.add(point["year"])
            amounts.extend(v for v in (point["value"], point["lower"], point["upper"])
                           if v is not None)
    target = entry["target_value"]
    targets = target if isinstance(target, list) else [] if target is None else [target]
    amounts.extend(targets)
    for key in ("gap", "projected"):
        if entry[key] is not None:
            amounts.append(abs(entry[key]))
    if entry["projected_year"] is not None:
        years.add(entry["projected_year"])
    if base is not None and latest is not None:
        amounts.append(abs(latest["value"] - base["value"]))
        if base["value"] > 0:
            percents.append(abs(latest["value"] / base["value"] - 1) * 100)
    for x in targets:
        if base is not None:
            amounts.append(abs(x - base["value"]))
            if base["value"]:
                amounts.append(x / base["value"])
        if latest is not None:
            amounts.append(abs(x - latest["value"]))
    if latest is not None:
        amounts.append(entry["target_year"] - latest["year"])  # years left
    for key in ("completion", "time_elapsed", "actual_cagr", "required_cagr",
                "required_cagr_from_latest"):
        if entry[key] is not None:
            percents.append(abs(entry[key]) * 100)
    if entry["completion"] is not None and entry["time_elapsed"] is not None:
        points.append(float(abs(printed_percent(entry["completion"])
                                - printed_percent(entry["time_elapsed"]))))
    if entry["unit"] == "%":  # its figures are percentages, its changes points
        points.extend(amounts)
        percents.extend(amounts)
    return years, amounts, percents, points


def unmatched_numbers(text: str, entry: dict[str, Any], plan: dict[str, Any],
                      as_of: int, names: tuple[str, ...] = ()) -> list[str]:
    """The numbers of `text` that equal none of the target's JSON figures at the precision
    printed (an empty list: every number agrees with the report). `names` (the indicator's
    name: "revenue of 100 million yuan") are not figures."""
    years, amounts, percents, points = candidates(entry, plan, as_of)
    for name in names:
        text = text.replace(name, "")
    wrong = []
    for number, after in numbers_in(text):
        places = decimals_of(number)
        if after.startswith("%"):
            pool = percents
        elif after.startswith(("个百分点", " percentage point")):
            pool = points
        elif places == 0 and number.isdigit() and int(number) in years:
            continue
        else:
            pool = amounts
        if not any(shown(abs(value), places) == number.lstrip("-") for value in pool):
            wrong.append(f"{number}{after[:6]}")
    return wrong
