"""The method sheet: this run (version, input file and its SHA-256, year assessed), the plans
and thresholds used, the formulas, the status rules and the display conventions."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from railkpi import __version__
from railkpi.calc.results import ALL_STATUSES
from railkpi.messages import pick
from railkpi.messages.words import COLUMN, STATUS
from railkpi.messages.xlsx import XLSX
from railkpi.render import Report
from railkpi.render import display as fmt
from railkpi.render.xlsx.layout import (
    LINE_HEIGHT,
    Styles,
    banner,
    letter,
    line_count,
    number_cell,
    paragraph,
    print_setup,
    text_cell,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def method_sheet(ws: Worksheet, report: Report, lang: str, styles: Styles,
                  data_path: Path) -> None:
    widths = (26, 50, 50)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[letter(i)].width = width
    total = sum(widths)
    banner(ws, 1, pick(XLSX["method-title"], lang), styles.title, styles, 3)
    ws.row_dimensions[1].height = 22
    row = 2

    def heading(key: str) -> None:
        nonlocal row
        row += 2
        text_cell(ws, row, 1, pick(XLSX[key], lang)).font = styles.heading

    def pair(label: str, value: str | int, label_font: Any = None) -> None:
        nonlocal row
        row += 1
        first = text_cell(ws, row, 1, label)
        first.font = label_font or styles.bold
        first.alignment = styles.top_wrap
        first.border = styles.border
        if isinstance(value, int):
            second = number_cell(ws, row, 2, value, "0")
            second.alignment = styles.left
        else:
            second = text_cell(ws, row, 2, value)
            second.alignment = styles.top_wrap
        second.font = styles.font
        second.border = styles.border
        ws.cell(row=row, column=3).border = styles.border
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
        lines = max(line_count(str(value), widths[1] + widths[2]), line_count(label, widths[0]))
        ws.row_dimensions[row].height = lines * LINE_HEIGHT + 4

    heading("method-run")
    pair(pick(XLSX["method-version"], lang), __version__)
    pair(pick(XLSX["method-file"], lang), data_path.name)
    pair(pick(XLSX["method-sha256"], lang), sha256(data_path))
    pair(pick(XLSX["method-as-of"], lang), report.assessment.as_of)

    heading("method-plans")
    for plan_result in report.assessment.plans:
        meta = plan_result.plan.plan
        th = plan_result.thresholds
        sep = "；" if lang == "zh" else "; "
        colon = "：" if lang == "zh" else ": "
        text = sep.join([
            meta.title(lang),
            f"{pick(COLUMN['period'], lang)}{colon}{meta.period[0]}–{meta.period[1]}",
            f"{pick(COLUMN['baseline_year'], lang)}{colon}{meta.baseline_year}",
            f"{pick(XLSX['method-thresholds'], lang)}{colon}{fmt.thresholds_text(th, ' / ')}",
        ])
        pair(plan_result.plan.id, text)

    heading("method-formulas")
    row += 1
    paragraph(ws, row, pick(XLSX["method-symbols"], lang), styles.font, 3, total)
    for key, formula in (("gap", "f-gap"), ("completion", "f-completion"),
                         ("time_elapsed", "f-time"), ("actual_cagr", "f-actual"),
                         ("required_cagr", "f-required"),
                         ("required_cagr_from_latest", "f-required-latest"),
                         (None, "f-growth-ratio"), ("projected", "f-projected"),
                         (None, "f-path")):
        name = (pick(COLUMN[key], lang) if key else
                pick(XLSX[f"{formula}-name"], lang))
        pair(name, pick(XLSX[formula], lang))

    heading("method-statuses")
    row += 1
    for i, label in enumerate((pick(COLUMN["status"], lang), pick(XLSX["method-rule"], lang),
                               pick(XLSX["method-rule-linear"], lang)), start=1):
        cell = text_cell(ws, row, i, label)
        cell.font = styles.bold
        cell.fill = styles.header_fill
        cell.border = styles.border
    for status in ALL_STATUSES:
        row += 1
        rule = pick(XLSX[f"rule-{status}"], lang)
        linear = pick(XLSX.get(f"rule-{status}-linear", XLSX[f"rule-{status}"]), lang)
        word = text_cell(ws, row, 1, pick(STATUS[status], lang))
        word.fill = styles.status_fill[status]
        word.font = styles.status_font[status]
        word.border = styles.border
        word.alignment = styles.top_wrap
        for column, text in ((2, rule), (3, linear)):
            cell = text_cell(ws, row, column, text)
            cell.font = styles.font
            cell.alignment = styles.top_wrap
            cell.border = styles.border
        ws.row_dimensions[row].height = max(
            line_count(rule, widths[1]), line_count(linear, widths[2])) * LINE_HEIGHT + 4

    heading("method-display")
    for key in ("display-values", "display-qualified", "display-source"):
        row += 1
        paragraph(ws, row, f"· {pick(XLSX[key], lang)}", styles.font, 3, total)
    for text in (pick(XLSX["linear"], lang), pick(XLSX["legend"], lang)):
        row += 1
        paragraph(ws, row, f"· {text}", styles.font, 3, total)
    print_setup(ws, lang)
    ws.page_setup.fitToHeight = 1
