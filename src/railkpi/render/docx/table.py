"""The indicator table (主要指标完成情况 / Indicator table): one real Word table per plan, in the
layout of a Chinese plan indicator table — 类别 | 指标 | 单位 | 基期值 | 最新值 | 目标值 |
完成进度 | 序时进度 | 状态 — with the group cells merged down their rows, the header row
repeated on every page and rows that never break across pages.

Every figure is formatted with the Excel gap table's own number format
(render/xlsx/number_formats.py) and written as Excel shows it: 2,948.2, 180余, >3,000.0, ≈80.0%,
— for a figure not defined. The baseline, latest and target years stand in the header; a figure
of another year shows it beside the value. The status is a word (a `*` marks the linear method):
nothing depends on colour, so the table reads the same printed in black and white; the header
row is shaded light grey.
"""

from __future__ import annotations

import re

from docx.document import Document as WordDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm
from docx.table import Table, _Cell

from railkpi.calc.order import ordered
from railkpi.calc.results import PlanResult, Point, TargetResult
from railkpi.messages import pick
from railkpi.messages.docx_document import DOCX_QUALIFIER_MARKS_EN, DOCX_TABLE
from railkpi.messages.words import COLUMN
from railkpi.plans.models import PlanMeta
from railkpi.render import display as fmt
from railkpi.render.docx.numbers import excel_text
from railkpi.render.docx.setup import (
    NOTE_STYLE,
    TABLE_STYLE,
    add_paragraph,
    style_name,
    text_width_mm,
    xml_text,
)
from railkpi.render.xlsx.layout import DASH
from railkpi.render.xlsx.number_formats import (
    APPROXIMATE_RATE,
    RATE,
    figure_format,
    number_format,
    table_target,
)

#: Columns and their widths in mm by language; the indicator column takes the rest of the
#: width between the margins. Sized for 9-point text: a status (已提前完成), a rate (≈133.3%)
#: or a target (≥×1.2=0.50) fits on one line, a header on two.
COLUMNS: tuple[str, ...] = ("group", "indicator", "unit", "baseline", "latest", "target",
                            "completion", "time_elapsed", "status")
WIDTHS_MM: dict[str, dict[str, float]] = {
    "zh": {"group": 17.5, "unit": 10, "baseline": 16, "latest": 16, "target": 21,
           "completion": 14.5, "time_elapsed": 14.5, "status": 17.5},
    "en": {"group": 19, "unit": 14, "baseline": 15, "latest": 15, "target": 18,
           "completion": 18, "time_elapsed": 15, "status": 19},
}
HEADER_SHADE = "D9D9D9"
#: Cell margins left and right, in twentieths of a point (0.7 mm; Word's default is 1.9 mm).
CELL_MARGIN = 40


def header_texts(meta: PlanMeta, as_of: int, lang: str) -> list[str]:
    years = {"baseline": meta.baseline_year, "latest": as_of, "target": meta.period[1]}
    texts = []
    for key in COLUMNS:
        if key in years:
            label = pick(DOCX_TABLE[key], lang)
            texts.append(pick(DOCX_TABLE["with-year"], lang).format(label=label,
                                                                    year=years[key]))
        else:
            texts.append(pick(COLUMN[key], lang))
    return texts


def _with_year(text: str, year: int, usual: int, lang: str) -> str:
    if year == usual:
        return text
    return pick(DOCX_TABLE["value-year"], lang).format(value=text, year=year)


def _half_width_brackets(text: str) -> str:
    """（较2020年） as (较2020年): in the table's narrow target column the full-width brackets
    would push the year's 年） onto a line of its own."""
    return text.replace("（", "(").replace("）", ")")


def row_texts(r: TargetResult, plan_result: PlanResult, as_of: int, lang: str) -> list[str]:
    """A target's cells, in the order of COLUMNS."""
    meta = plan_result.plan.plan
    base = number_format(r.indicator)

    def figure(point: Point | None, usual_year: int) -> str:
        if point is None:
            return DASH
        text = excel_text(point.value, figure_format(base, point.figure))
        mark = point.figure.qualifier
        if lang != "zh" and mark in DOCX_QUALIFIER_MARKS_EN:
            text = text.replace(mark, DOCX_QUALIFIER_MARKS_EN[mark])
        return _with_year(text, point.year, usual_year, lang)

    def rate(value: float | None, approximate: bool) -> str:
        if value is None:
            return DASH
        return excel_text(value, APPROXIMATE_RATE if approximate else RATE)

    return [
        plan_result.plan.groups[r.target.group](lang),
        r.indicator.name(lang),
        fmt.unit(r.indicator, lang),
        figure(r.baseline, meta.baseline_year),
        figure(r.latest, as_of),
        _with_year(_half_width_brackets(table_target(r, lang, apart=True)),
                   r.target_year, meta.period[1], lang),
        rate(r.completion, r.approximate),
        rate(r.time_elapsed, False),
        fmt.marked_status(r, lang),
    ]


def column_widths(lang: str) -> list[Length]:
    fixed = WIDTHS_MM[lang]
    rest = text_width_mm(lang) - sum(fixed.values())
    return [Mm(fixed.get(key, rest)) for key in COLUMNS]


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _row_property(row_element: object, tag: str) -> None:
    """w:tblHeader (repeat as a header row on each page) or w:cantSplit on a table row."""
    properties = row_element.get_or_add_trPr()  # type: ignore[attr-defined]
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    properties.append(element)


def _cell_margins(table: Table) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(CELL_MARGIN))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)


def _write(cell: _Cell, text: str, style: str, bold: bool = False,
           align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = style
    paragraph.alignment = align
    run = paragraph.add_run(xml_text(text))
    run.bold = bold or None
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def add_indicator_table(document: WordDocument, plan_result: PlanResult, as_of: int,
                        lang: str) -> Table:
    """The plan's table, its targets grouped as the plan groups them."""
    results = ordered(plan_result.targets)
    meta = plan_result.plan.plan
    table: Table = document.add_table(rows=1 + len(results), cols=len(COLUMNS))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _cell_margins(table)
    widths = column_widths(lang)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    style = style_name(TABLE_STYLE, lang)
    header = table.rows[0]
    _row_property(header._tr, "w:tblHeader")
    _row_property(header._tr, "w:cantSplit")
    for cell, text, width in zip(header.cells, header_texts(meta, as_of, lang), widths,
                                 strict=True):
        cell.width = width
        _write(cell, text, style, bold=True)
        _shade(cell, HEADER_SHADE)
    indicator_column = COLUMNS.index("indicator")
    for row, r in zip(table.rows[1:], results, strict=True):
        _row_property(row._tr, "w:cantSplit")
        for i, (cell, text, width) in enumerate(
                zip(row.cells, row_texts(r, plan_result, as_of, lang), widths, strict=True)):
            cell.width = width
            if i == 0:
                continue  # the group column is written once per group, below
            align = WD_ALIGN_PARAGRAPH.LEFT if i == indicator_column else (
                WD_ALIGN_PARAGRAPH.CENTER)
            _write(cell, text, style, align=align)
    _merge_groups(table, results, plan_result, style, lang)
    _keep_groups_together(table, results)
    return table


def _keep_groups_together(table: Table, results: list[TargetResult]) -> None:
    """Keep-with-next on every row but a group's last: a page breaks between groups, so a
    merged 类别 cell is not cut in two (a group longer than a page still breaks)."""
    for i, row in enumerate(table.rows[1:len(results)]):
        if results[i].target.group == results[i + 1].target.group:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True


def _merge_groups(table: Table, results: list[TargetResult], plan_result: PlanResult,
                  style: str, lang: str) -> None:
    """One 类别 cell spanning the rows of its group, as plan indicator tables print it."""
    start = 0
    for i in range(1, len(results) + 1):
        if i < len(results) and results[i].target.group == results[start].target.group:
            continue
        top = table.cell(start + 1, 0)
        cell = top.merge(table.cell(i, 0)) if i - 1 > start else top
        _write(cell, plan_result.plan.groups[results[start].target.group](lang), style)
        start = i


#: A space between digits and Chinese characters, as terminal notes write it ("2022 年"):
#: Chinese print sets the two side by side.
_SPACED = re.compile(r"(?<=[0-9\u4e00-\u9fff）])[ ](?=[0-9\u4e00-\u9fff（])")


def add_table_notes(document: WordDocument, plan_result: PlanResult, lang: str) -> None:
    """注：the signs used, then each target's notes from the calculation."""
    style = style_name(NOTE_STYLE, lang)
    results = ordered(plan_result.targets)
    lines = [pick(DOCX_TABLE["legend"], lang)]
    if any(r.method == "linear" for r in results):
        lines.append(pick(DOCX_TABLE["linear"], lang))
    for r in results:
        for note in r.notes:
            text = fmt.note_text(note.code, note.params, lang)
            if lang == "zh":
                text = _SPACED.sub("", text)
            lines.append(pick(DOCX_TABLE["note-line"], lang).format(
                indicator=r.indicator.name(lang), note=text))
    add_paragraph(document, pick(DOCX_TABLE["notes"], lang) + lines[0], style=style)
    for line in lines[1:]:
        add_paragraph(document, line, style=style)
