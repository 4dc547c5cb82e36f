"""`railkpi template OUT.xlsx`: the blank input workbook for the chosen plans.

Sheets: 数据 / data in the wide layout the reader accepts (指标 | 中文名称 | 英文名称 | 单位 |
one column per year | 来源 | 备注), one row per indicator the plans need (their targets' and
their published figures' indicators); 企业名录 / enterprises, the enterprise roster, with its
headers and drop-downs; 说明 / instructions, in Chinese and English. A blank template passes
`railkpi validate` without a warning, and a filled-in one is assessed as it is.

Choices:

- 指标 holds the indicator id, which every plan resolves to one indicator whatever the
  language; the names beside it are for people and the reader passes over them (the
  `name_zh` and `name_en` header roles of read/headers.HEADERS).
- The year cells do not forbid text: officials write "180余" and "突破3000", and the reader
  keeps their bounds, so a "decimal only" validation would block figures railkpi reads. A
  custom validation, OR(ISTEXT(cell), cell >= 0), rejects only a negative number for an
  indicator that cannot be negative; an input message lists the accepted forms, and
  `railkpi validate` checks the rest, naming the cell.
- Year cells keep the General format, so what is typed is what is stored (a percent format
  would store 75.8 typed by a script as 7580 %).
- Column headers and sheet names follow --lang (the reader knows both languages); the
  instructions are in both.
"""

from __future__ import annotations

import io
import re
import shlex
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from railkpi.calc.filters import NO_FILTER, TargetFilter
from railkpi.messages import pick
from railkpi.messages.problems_options import OPTION_DETAILS
from railkpi.messages.series import SERIES
from railkpi.messages.template import TEMPLATE
from railkpi.plans.models import YEAR_MAX, YEAR_MIN, Indicator, Plan
from railkpi.plans.roster import RosterVocabulary
from railkpi.problems import InputError, Words, error
from railkpi.read.units import UnitError, factor
from railkpi.render import TemplateWritten, display
from railkpi.render.series_words import filter_text
from railkpi.render.xlsx.layout import (
    BORDER_COLOUR,
    HEADER_FILL,
    LINE_HEIGHT,
    line_count,
    print_setup,
    text_cell,
)
from railkpi.render.xlsx.template_roster import roster_paragraph, roster_sheet
from railkpi.text_safety import cleaned

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

#: The most year columns --years may ask for.
MAX_YEARS = 60
_YEARS = re.compile(r"^\s*(\d{4})\s*(?:[-–—~:至到]\s*(\d{4}))?\s*$")


def needed_indicators(plans: Sequence[Plan],
                      targets_only: bool = False) -> list[tuple[str, Indicator]]:
    """The indicators the plans need, in plan order: those of targets and published figures
    (of targets only, for a template narrowed by --target, --indicator or --group)."""
    found: dict[str, Indicator] = {}
    for plan in plans:
        used = {t.indicator for t in plan.targets}
        if not targets_only:
            used |= {h.indicator for h in plan.history}
        for indicator_id, indicator in plan.indicators.items():
            if indicator_id in used and indicator_id not in found:
                found[indicator_id] = indicator
    return list(found.items())


def default_years(plans: Sequence[Plan]) -> tuple[int, int]:
    """From the earliest baseline year to the end of the latest plan period."""
    years: set[int] = set()
    for plan in plans:
        years.update((plan.plan.period[0], plan.plan.period[1], plan.plan.baseline_year))
        years.update(t.baseline_year for t in plan.targets if t.baseline_year is not None)
    return min(years), max(years)


def parse_years(text: str) -> tuple[int, int]:
    """'2021-2025' → (2021, 2025); '2024' → (2024, 2024). Raises InputError (bad-option)."""
    match = _YEARS.match(text)
    if match:
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if YEAR_MIN <= first <= last <= YEAR_MAX and last - first < MAX_YEARS:
            return first, last
    zh, en = OPTION_DETAILS["years"]
    fields = {"found": text, "low": YEAR_MIN, "high": YEAR_MAX}
    raise InputError([error("bad-option", option="--years",
                            detail=Words(zh.format(**fields), en.format(**fields)))])


def unit_label(indicator: Indicator, lang: str) -> str | None:
    """The unit as the 单位 column shows it: the reader must accept it (None if it cannot)."""
    for shown in ((display.unit(indicator, "en"),) if lang == "en" else ()) + (indicator.unit,):
        try:
            factor(shown, indicator.unit, indicator.unit_en)
        except UnitError:
            continue
        return shown
    return None


def write_template(
    plans: Sequence[Plan],
    vocabulary: RosterVocabulary,
    path: Path,
    lang: str,
    years: tuple[int, int] | None = None,
    force: bool = False,
    plan_refs: Sequence[str] = (),
    target_filter: TargetFilter = NO_FILTER,
) -> TemplateWritten:
    """Write the template atomically; refuses to replace a file unless `force`.

    `plan_refs` are the --plan options of the run and `target_filter` its --target,
    --indicator and --group (the plans given have only the targets it keeps), repeated in
    the validate and assess command lines the instructions show.
    """
    from railkpi.outfile import write_atomic

    if path.exists() and not force:
        raise InputError([error("output-exists", path=str(path))])
    first, last = years or default_years(plans)
    chosen = cleaned("".join(f" --plan {shlex.quote(ref)}" for ref in plan_refs))
    narrowed = cleaned("".join(f" {option} {shlex.quote(p)}" for option, patterns in
                               target_filter.options() for p in patterns))
    name = cleaned(path.name)  # shown in the workbook: no control characters
    commands = (f"railkpi validate {name}{chosen}",
                f"railkpi assess {name}{chosen}{narrowed} --xlsx gaps.xlsx")
    workbook, rows = build_template(plans, vocabulary, lang, (first, last), name, commands,
                                    target_filter)
    buffer = io.BytesIO()
    workbook.save(buffer)
    write_atomic(path, buffer.getvalue(), "railkpi template")
    return TemplateWritten(str(path), rows, (first, last), target_filter)


def build_template(
    plans: Sequence[Plan],
    vocabulary: RosterVocabulary,
    lang: str,
    years: tuple[int, int],
    file_name: str = "data.xlsx",
    commands: tuple[str, str] | None = None,
    target_filter: TargetFilter = NO_FILTER,
) -> tuple[Workbook, int]:
    """The template workbook and its number of indicator rows."""
    from openpyxl import Workbook

    workbook = Workbook()
    data = workbook.active
    assert data is not None
    data.title = pick(TEMPLATE["sheet-data"], lang)
    indicators = needed_indicators(plans, targets_only=target_filter.applied)
    _data_sheet(data, indicators, lang, years)
    if not vocabulary.is_empty():
        roster_sheet(workbook.create_sheet(pick(TEMPLATE["sheet-roster"], lang)), vocabulary,
                     lang, _header_row)
    validate, assess = commands or (f"railkpi validate {file_name}",
                                    f"railkpi assess {file_name} --xlsx gaps.xlsx")
    _instructions_sheet(workbook.create_sheet(pick(TEMPLATE["sheet-instructions"], lang)),
                        plans, vocabulary, lang, years, validate, assess, target_filter)
    for sheet in workbook.worksheets:
        print_setup(sheet, lang, "1:1")
    workbook.active = 0
    return workbook, len(indicators)


def _header_row(ws: Worksheet, labels: Sequence[str | int]) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    side = Side(style="thin", color=BORDER_COLOUR)
    for column, label in enumerate(labels, start=1):
        cell = ws.cell(row=1, column=column)
        if isinstance(label, int):
            cell.value = label
            cell.number_format = "0"
        else:
            text_cell(ws, 1, column, label)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(horizontal="center", vertical="center")
        cell.border = Border(bottom=side)
    ws.freeze_panes = "A2"


def _data_sheet(ws: Worksheet, indicators: Sequence[tuple[str, Indicator]], lang: str,
                years: tuple[int, int]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    year_list = list(range(years[0], years[1] + 1))
    labels: list[str | int] = [pick(TEMPLATE[k], lang)
                               for k in ("indicator", "name-zh", "name-en", "unit")]
    labels += [*year_list, pick(TEMPLATE["source"], lang), pick(TEMPLATE["note"], lang)]
    _header_row(ws, labels)
    first_year, last_year = 5, 4 + len(year_list)
    fixed = PatternFill("solid", fgColor="F2F2F2")
    grey = Font(color="595959")
    for row, (indicator_id, indicator) in enumerate(indicators, start=2):
        text_cell(ws, row, 1, indicator_id)
        # With its scope (企业数量［丰台园］), so that the figure entered is the right one.
        text_cell(ws, row, 2, display.name(indicator, "zh"))
        text_cell(ws, row, 3, display.name(indicator, "en"))
        unit = unit_label(indicator, lang)
        if unit is not None:
            text_cell(ws, row, 4, unit)
        else:  # a unit the reader does not know: say it, but leave the column blank
            ws.cell(row=row, column=4).comment = Comment(indicator.unit, "railkpi")
        for column in range(1, 5):
            ws.cell(row=row, column=column).fill = fixed
            if column in (2, 3):
                ws.cell(row=row, column=column).font = grey
        cells = f"{get_column_letter(first_year)}{row}:{get_column_letter(last_year)}{row}"
        top_left = f"{get_column_letter(first_year)}{row}"
        if indicator.nonnegative:
            check = DataValidation(type="custom", formula1=f"OR(ISTEXT({top_left}),"
                                   f"{top_left}>=0)", allow_blank=True)
            check.error = pick(TEMPLATE["error-negative"], lang)
            check.errorTitle = pick(TEMPLATE["error-title"], lang)
            check.showErrorMessage = True
        else:
            check = DataValidation(allow_blank=True)
        check.prompt = pick(TEMPLATE["prompt"], lang)
        check.promptTitle = pick(TEMPLATE["prompt-title"], lang)
        check.showInputMessage = True
        check.add(cells)
        ws.add_data_validation(check)
    widths = [max([len(i) for i, _ in indicators] + [10]) + 2, 34, 44, 10,
              *([10] * len(year_list)), 18, 28]
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = f"{get_column_letter(first_year)}2"


def _instructions_sheet(ws: Worksheet, plans: Sequence[Plan], vocabulary: RosterVocabulary,
                        lang: str, years: tuple[int, int], validate: str, assess: str,
                        target_filter: TargetFilter) -> None:
    from openpyxl.styles import Alignment, Font

    width = 110
    ws.column_dimensions["A"].width = width
    names = {
        "data": pick(TEMPLATE["sheet-data"], lang),
        "roster": pick(TEMPLATE["sheet-roster"], lang),
        "indicator": pick(TEMPLATE["indicator"], lang),
        "name_zh": pick(TEMPLATE["name-zh"], lang),
        "name_en": pick(TEMPLATE["name-en"], lang),
        "unit": pick(TEMPLATE["unit"], lang),
        "source": pick(TEMPLATE["source"], lang),
        "note": pick(TEMPLATE["note"], lang),
        "first": years[0],
        "last": years[1],
        "validate": validate,
        "assess": assess,
    }
    row = 1
    text_cell(ws, row, 1, f"{TEMPLATE['i-title'][0]} / {TEMPLATE['i-title'][1]}")
    ws.cell(row=row, column=1).font = Font(size=14, bold=True)
    keys = ["i-plans", "i-filter", "i-data", "i-values", "i-units", "i-roster", "i-source",
            "i-run"]
    if vocabulary.is_empty():
        keys.remove("i-roster")
    if not target_filter.applied:
        keys.remove("i-filter")
    for key in keys:
        row += 1
        for language in ("zh", "en"):
            row += 1
            plans_text = ("、" if language == "zh" else "; ").join(
                f"{p.plan.title(language)} [{p.id}]" for p in plans)
            if key == "i-roster":
                text = roster_paragraph(vocabulary, language, **names)
            elif key == "i-filter":
                text = pick(SERIES["filter-template"], language).format(
                    filters=filter_text(target_filter, language))
            else:
                text = pick(TEMPLATE[key], language).format(plans=plans_text, **names)
            text_cell(ws, row, 1, text)
            cell = ws.cell(row=row, column=1)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            ws.row_dimensions[row].height = line_count(text, width) * LINE_HEIGHT + 4
