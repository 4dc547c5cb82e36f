"""The method sheet: this run (version, input file and its SHA-256, year assessed), the plans
and thresholds used, the formulas, the status rules and the display conventions."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from railkpi import __version__
from railkpi.calc.results import ALL_STATUSES
from railkpi.messages import pick
from railkpi.messages.words import COLUMN, STATUS
from railkpi.messages.xlsx import XLSX
from railkpi.render import Report
from railkpi.render import display as fmt
from railkpi.render.series_words import filter_text
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


#: Column widths: label, then the value over two merged columns (rules: growth, linear).
WIDTHS = (26, 50, 50)
#: The formulas listed: the column they compute (its header names it), or None and a name.
FORMULAS = (("gap", "f-gap"), ("completion", "f-completion"), ("time_elapsed", "f-time"),
            ("actual_cagr", "f-actual"), ("required_cagr", "f-required"),
            ("required_cagr_from_latest", "f-required-latest"), (None, "f-growth-ratio"),
            ("projected", "f-projected"), (None, "f-path"), ("yoy_growth", "f-yoy"),
            ("needed_per_year", "f-needed"))


def method_sheet(ws: Worksheet, report: Report, lang: str, styles: Styles,
                 data_path: Path) -> None:
    for i, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[letter(i)].width = width
    banner(ws, 1, pick(XLSX["method-title"], lang), styles.title, styles, 3)
    ws.row_dimensions[1].height = 22
    sheet = _MethodSheet(ws, lang, styles)
    sheet.run(report, data_path)
    sheet.plans(report)
    sheet.formulas()
    sheet.statuses()
    sheet.display()
    print_setup(ws, lang)
    ws.page_setup.fitToHeight = 1


class _MethodSheet:
    """The method sheet's sections, written one after the other down the sheet."""

    def __init__(self, ws: Worksheet, lang: str, styles: Styles) -> None:
        self.ws, self.lang, self.styles = ws, lang, styles
        self.row = 2

    def words(self, key: str) -> str:
        return pick(XLSX[key], self.lang)

    def heading(self, key: str) -> None:
        self.row += 2
        text_cell(self.ws, self.row, 1, self.words(key)).font = self.styles.heading

    def paragraph(self, text: str) -> None:
        self.row += 1
        paragraph(self.ws, self.row, text, self.styles.font, 3, sum(WIDTHS))

    def pair(self, label: str, value: str | int) -> None:
        """A label and its value (merged over two columns), bordered."""
        ws, styles = self.ws, self.styles
        self.row += 1
        first = text_cell(ws, self.row, 1, label)
        first.font = styles.bold
        first.alignment = styles.top_wrap
        first.border = styles.border
        if isinstance(value, int):
            second = number_cell(ws, self.row, 2, value, "0")
            second.alignment = styles.left
        else:
            second = text_cell(ws, self.row, 2, value)
            second.alignment = styles.top_wrap
        second.font = styles.font
        second.border = styles.border
        ws.cell(row=self.row, column=3).border = styles.border
        ws.merge_cells(start_row=self.row, start_column=2, end_row=self.row, end_column=3)
        lines = max(line_count(str(value), WIDTHS[1] + WIDTHS[2]), line_count(label, WIDTHS[0]))
        ws.row_dimensions[self.row].height = lines * LINE_HEIGHT + 4

    def run(self, report: Report, data_path: Path) -> None:
        self.heading("method-run")
        self.pair(self.words("method-version"), __version__)
        self.pair(self.words("method-file"), data_path.name)
        self.pair(self.words("method-sha256"), sha256(data_path))
        self.pair(self.words("method-as-of"), report.assessment.as_of)
        if report.target_filter.applied:
            self.pair(self.words("method-filter"),
                      filter_text(report.target_filter, self.lang))

    def plans(self, report: Report) -> None:
        self.heading("method-plans")
        lang = self.lang
        sep, colon = ("；", "：") if lang == "zh" else ("; ", ": ")
        for plan_result in report.assessment.plans:
            meta = plan_result.plan.plan
            self.pair(plan_result.plan.id, sep.join([
                meta.title(lang),
                f"{pick(COLUMN['period'], lang)}{colon}{meta.period[0]}–{meta.period[1]}",
                f"{pick(COLUMN['baseline_year'], lang)}{colon}{meta.baseline_year}",
                f"{self.words('method-thresholds')}{colon}"
                f"{fmt.thresholds_text(plan_result.thresholds, ' / ')}",
            ]))

    def formulas(self) -> None:
        self.heading("method-formulas")
        self.paragraph(self.words("method-symbols"))
        for key, formula in FORMULAS:
            name = pick(COLUMN[key] if key else XLSX[f"{formula}-name"], self.lang)
            self.pair(name, self.words(formula))

    def statuses(self) -> None:
        """Each status with its rule, by the growth method and by the linear method."""
        ws, styles, lang = self.ws, self.styles, self.lang
        self.heading("method-statuses")
        self.row += 1
        for i, label in enumerate((pick(COLUMN["status"], lang), self.words("method-rule"),
                                   self.words("method-rule-linear")), start=1):
            cell = text_cell(ws, self.row, i, label)
            cell.font = styles.bold
            cell.fill = styles.header_fill
            cell.border = styles.border
        for status in ALL_STATUSES:
            self.row += 1
            rule = pick(XLSX[f"rule-{status}"], lang)
            linear = pick(XLSX.get(f"rule-{status}-linear", XLSX[f"rule-{status}"]), lang)
            word = text_cell(ws, self.row, 1, pick(STATUS[status], lang))
            word.fill = styles.status_fill[status]
            word.font = styles.status_font[status]
            word.border = styles.border
            word.alignment = styles.top_wrap
            for column, text in ((2, rule), (3, linear)):
                cell = text_cell(ws, self.row, column, text)
                cell.font = styles.font
                cell.alignment = styles.top_wrap
                cell.border = styles.border
            ws.row_dimensions[self.row].height = max(
                line_count(rule, WIDTHS[1]), line_count(linear, WIDTHS[2])) * LINE_HEIGHT + 4

    def display(self) -> None:
        self.heading("method-display")
        for key in ("display-values", "display-qualified", "display-source", "linear",
                    "legend"):
            self.paragraph(f"· {self.words(key)}")
