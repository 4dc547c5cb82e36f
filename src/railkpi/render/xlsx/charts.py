"""The charts sheet: for each charted target, a line chart of the actual values against the
required path, with the figures beside it."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from railkpi.calc.charts import ChartData, chart_data
from railkpi.messages import pick
from railkpi.messages.xlsx import XLSX
from railkpi.render import Report
from railkpi.render import display as fmt
from railkpi.render.xlsx.layout import (
    DEFAULT_COLUMN_WIDTH,
    LINE_HEIGHT,
    Styles,
    banner,
    letter,
    line_count,
    number_cell,
    print_setup,
    text_cell,
)
from railkpi.render.xlsx.number_formats import number_format, table_target

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet


CHART_ROWS = 14  # rows each chart block takes; two blocks to a printed page
CHART_ROW_HEIGHT = 13.5  # with the caption's row, two blocks fit between the margins


def axis_floor(values: Sequence[float | None]) -> float | None:
    """A round lower bound for the value axis, so that the lines do not hug the top: 2128 →
    2000. None (start at zero) where a value is zero or negative."""
    shown = [v for v in values if v is not None]
    if not shown or min(shown) <= 0:
        return None
    low = min(shown) * 0.9
    if not 1e-300 < low < 1e300:  # no round step to take (5e-324 has none): start at zero
        return None
    step = 10.0 ** math.floor(math.log10(low))
    return math.floor(low / step) * step


def _chart_title(text: str) -> Any:
    """A chart title at 11 points (the default is large enough to crowd the plot)."""
    from openpyxl.chart.text import RichText, Text
    from openpyxl.chart.title import Title
    from openpyxl.drawing.text import (
        CharacterProperties,
        Paragraph,
        ParagraphProperties,
        RegularTextRun,
    )

    font = CharacterProperties(sz=1100, b=True)
    paragraph = Paragraph(pPr=ParagraphProperties(defRPr=font), r=[RegularTextRun(rPr=font,
                                                                                  t=text)])
    return Title(tx=Text(rich=RichText(p=[paragraph])), overlay=False)


def charts_sheet(ws: Worksheet, report: Report, lang: str, styles: Styles) -> None:
    from openpyxl.worksheet.pagebreak import Break

    widths = (8, 12, 12)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[letter(i)].width = width
    # The title across the figures and the charts beside them (columns D to L at the default
    # width), wrapped where it is longer.
    banner(ws, 1, pick(XLSX["charts-title"], lang), styles.title, styles, 12,
           width=sum(widths) + 9 * DEFAULT_COLUMN_WIDTH)
    charts = chart_data(report.assessment, report.observations)
    if not charts:
        text_cell(ws, 3, 1, pick(XLSX["charts-none"], lang)).font = styles.font
    top = 3
    for number, data in enumerate(charts):
        if number and number % 2 == 0:
            ws.row_breaks.append(Break(id=top - 1))  # two whole charts to a printed page
        top += _chart_block(ws, top, data, lang, styles)
    print_setup(ws, lang)


def _chart_block(ws: Worksheet, top: int, data: ChartData, lang: str, styles: Styles) -> int:
    """One chart with its figures beside it, from row `top`; the rows it takes."""
    r = data.result
    title = pick(XLSX["chart-title"], lang).format(
        plan=data.plan_id, indicator=fmt.name(r.indicator, lang), unit=fmt.unit(r.indicator, lang),
        target=table_target(r, lang))
    cell = text_cell(ws, top, 1, title)
    cell.font = styles.bold
    cell.alignment = styles.top_wrap
    ws.merge_cells(start_row=top, start_column=1, end_row=top, end_column=3)
    base = number_format(r.indicator)
    for i, label in enumerate((pick(XLSX["year"], lang), pick(XLSX["chart-actual"], lang),
                               pick(XLSX["chart-path"], lang)), start=1):
        head = text_cell(ws, top + 1, i, label)
        head.font = styles.bold
        head.fill = styles.header_fill
        head.border = styles.border
        head.alignment = styles.header
    for k, year in enumerate(data.years):
        row = top + 2 + k
        number_cell(ws, row, 1, year, "0").border = styles.border
        for column, value in ((2, data.actual[k]), (3, data.path[k])):
            cell = ws.cell(row=row, column=column)
            cell.border = styles.border
            if value is not None:
                number_cell(ws, row, column, value, base)
    block = max(CHART_ROWS, len(data.years) + 4)
    for k in range(block):
        ws.row_dimensions[top + k].height = CHART_ROW_HEIGHT
    # Bold text is about a tenth wider; a little room below keeps the caption off the table.
    ws.row_dimensions[top].height = line_count(title, 32 / 1.1) * LINE_HEIGHT + 6
    ws.add_chart(_line_chart(ws, top, data, title, base, lang), f"E{top}")
    return block


def _line_chart(ws: Worksheet, top: int, data: ChartData, title: str, base: str,
                lang: str) -> Any:
    """The actual values (solid, with markers) against the required path (dashed)."""
    from openpyxl.chart import LineChart, Reference

    last = top + 1 + len(data.years)
    chart = LineChart()
    chart.title = _chart_title(title)
    chart.style = 2
    chart.height = 6.6
    chart.width = 17
    chart.y_axis.scaling.min = axis_floor([*data.actual, *data.path])
    chart.y_axis.title = fmt.unit(data.result.indicator, lang)
    chart.y_axis.numFmt = base
    chart.x_axis.title = pick(XLSX["year"], lang)
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    if chart.legend is not None:
        chart.legend.position = "b"
    chart.add_data(Reference(ws, min_col=2, max_col=3, min_row=top + 1, max_row=last),
                   titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=top + 2, max_row=last))
    actual, path = chart.series
    actual.marker.symbol = "circle"
    actual.marker.size = 6
    actual.smooth = False
    actual.graphicalProperties.line.solidFill = "2F5597"
    actual.graphicalProperties.line.width = 28575
    actual.marker.graphicalProperties.solidFill = "2F5597"
    actual.marker.graphicalProperties.line.solidFill = "2F5597"
    path.smooth = False
    path.graphicalProperties.line.solidFill = "C00000"
    path.graphicalProperties.line.dashStyle = "dash"
    path.graphicalProperties.line.width = 19050
    path.marker.symbol = "none"
    return chart
