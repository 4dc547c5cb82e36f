"""The Excel gap table (`railkpi assess DATA --xlsx gaps.xlsx`): the table leaders read.

Sheets, in order: 汇总 / Summary (per plan, the targets by status and those needing attention),
one sheet per plan laid out like a Chinese plan indicator table, 历年状态 / Timeline (every
target's status by year, a heat-grid), 图表 / Charts (actual values
against the required path, for the indicators a plan marks `chart` and every growth target) and
方法说明 / Method (the
formulas, the thresholds used, the year assessed, the input file and its SHA-256, the version).

Choices:

- Cells hold values, never formulas. The numbers are the JSON report's, unrounded; number
  formats do the rounding of render/display.py (money `#,##0.0`, counts `0`, per capita
  `0.00`, rates as fractions in `0.0%`). Text that comes from files (quotes, names, notes) is
  stored as text even when it starts with "=".
- Baseline and latest take two columns each, year and value, under a header spanning both, as
  plan indicator tables print them: a year and a value in separate cells sort and filter,
  "2364.9 (2020)" in one would not.
- A qualified figure (180余, 突破3000, 约100) keeps its point value in the cell, the same number
  as JSON's `value`; a custom number format shows the qualifier (`0"余"`, `">"#,##0.0`,
  `"≈"0`) and a comment gives its bounds. The cell stays one sortable number and still reads
  as the official text; a qualifier column beside every value would widen the table for a word
  that few rows have. Rates and projections computed from such figures are marked the same
  way, `"≈"0.0%`.
- A figure that is not defined shows "—", as in the terminal table.
- Numbers are stored with 16 significant digits (openpyxl's `%.16g`; Excel itself keeps 15),
  so a cell equals the JSON number to that precision.
- openpyxl is imported inside the functions that write, and this package only when --xlsx is
  given; each sheet has its module (summary, plan_sheet, charts, method), sharing layout and
  number_formats.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

from railkpi import __version__
from railkpi.messages import pick
from railkpi.messages.series import TIMELINE_XLSX
from railkpi.messages.xlsx import XLSX
from railkpi.render import Report
from railkpi.render.xlsx.charts import charts_sheet
from railkpi.render.xlsx.layout import Styles
from railkpi.render.xlsx.method import method_sheet
from railkpi.render.xlsx.plan_sheet import plan_sheet
from railkpi.render.xlsx.summary import summary_sheet
from railkpi.render.xlsx.timeline import timeline_sheet

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook


def write_gap_table(report: Report, lang: str, path: Path, data_path: Path) -> None:
    """Write the gap table to `path` atomically; never over the input workbook (exit 2)."""
    from railkpi.outfile import refuse_input, write_atomic

    refuse_input(path, data_path, "--xlsx")
    workbook = build_workbook(report, lang, data_path)
    buffer = io.BytesIO()
    workbook.save(buffer)
    write_atomic(path, buffer.getvalue(), "--xlsx")


def build_workbook(report: Report, lang: str, data_path: Path) -> Workbook:
    from openpyxl import Workbook

    styles = Styles(lang)
    workbook = Workbook()
    workbook.properties.creator = f"railkpi {__version__}"
    workbook.properties.title = pick(XLSX["summary-title"], lang).format(
        as_of=report.assessment.as_of, file=data_path.name)
    summary = workbook.active
    assert summary is not None
    summary.title = pick(XLSX["sheet-summary"], lang)
    taken = {summary.title.casefold(), pick(XLSX["sheet-charts"], lang).casefold(),
             pick(XLSX["sheet-method"], lang).casefold(),
             pick(TIMELINE_XLSX["sheet"], lang).casefold(), "history"}
    names: dict[str, str] = {}
    for plan_result in report.assessment.plans:
        names[plan_result.plan.id] = _sheet_name(plan_result.plan.id, taken)
    summary_sheet(summary, report, lang, styles, names, data_path.name)
    for plan_result in report.assessment.plans:
        sheet = workbook.create_sheet(names[plan_result.plan.id])
        plan_sheet(sheet, plan_result, report, lang, styles, data_path.name)
    timeline_sheet(workbook.create_sheet(pick(TIMELINE_XLSX["sheet"], lang)), report, lang,
                   styles, data_path.name)
    charts_sheet(workbook.create_sheet(pick(XLSX["sheet-charts"], lang)), report, lang, styles)
    method_sheet(workbook.create_sheet(pick(XLSX["sheet-method"], lang)), report, lang, styles,
                  data_path)
    workbook.active = 0
    return workbook


def _sheet_name(plan_id: str, taken: set[str]) -> str:
    """The plan id, cut to Excel's 31 characters and made unique ('History' is reserved)."""
    base = re.sub(r"[\[\]:*?/\\]", "_", plan_id)[:31] or "plan"
    name, n = base, 2
    while name.casefold() in taken:
        suffix = f"-{n}"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.casefold())
    return name
