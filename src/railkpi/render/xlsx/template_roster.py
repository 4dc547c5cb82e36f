"""The template's enterprise roster sheet (企业名录 / enterprises) and its paragraph of the
instructions, from the loaded plans' roster sections: a segment column with a drop-down of
their segments, a yes/no column per flag, and the figures the roster gives."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from railkpi.messages import pick
from railkpi.messages.template import TEMPLATE
from railkpi.numeric import written
from railkpi.plans.models import YEAR_MAX, YEAR_MIN
from railkpi.plans.roster import RosterVocabulary

if TYPE_CHECKING:
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

#: Roster rows that get the drop-downs and checks (a district has a few hundred firms a year).
ROSTER_ROWS = 5000


def roster_headers(vocabulary: RosterVocabulary, lang: str) -> list[str]:
    """Name, year, revenue (万元), the segment if the plans have segments, a column per flag."""
    headers = [pick(TEMPLATE[k], lang) for k in ("firm", "year", "revenue")]
    if vocabulary.segments:
        headers.append(pick(TEMPLATE["segment"], lang))
    return headers + [flag.name(lang) for flag in vocabulary.flags.values()]


def roster_sheet(ws: Worksheet, vocabulary: RosterVocabulary, lang: str,
                 header_row: Callable[[Worksheet, Sequence[str | int]], None]) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    header_row(ws, roster_headers(vocabulary, lang))
    widths = [36, 8, 18, *([30] if vocabulary.segments else []), *([16] * len(vocabulary.flags))]
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    last = ROSTER_ROWS + 1
    name = DataValidation(allow_blank=True)
    name.promptTitle = pick(TEMPLATE["prompt-firm"], lang)
    name.prompt = roster_prompt(vocabulary, lang)
    name.showInputMessage = True
    name.add(f"A2:A{last}")
    year = DataValidation(type="whole", operator="between", formula1=str(YEAR_MIN),
                          formula2=str(YEAR_MAX), allow_blank=True)
    year.error = pick(TEMPLATE["error-year"], lang).format(low=YEAR_MIN, high=YEAR_MAX)
    year.add(f"B2:B{last}")
    revenue = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                             allow_blank=True)
    revenue.error = pick(TEMPLATE["error-revenue"], lang)
    revenue.add(f"C2:C{last}")
    lists = [",".join(n(lang) for n in vocabulary.segment_names())] if vocabulary.segments else []
    lists += [pick(TEMPLATE["flags"], lang)] * len(vocabulary.flags)
    choices = [_choice(values, f"{get_column_letter(column)}2:{get_column_letter(column)}{last}")
               for column, values in enumerate(lists, start=4)]
    for check in (year, revenue, *choices):
        check.showErrorMessage = True
        check.errorTitle = pick(TEMPLATE["error-title"], lang)
    for check in choices:
        check.error = pick(TEMPLATE["error-list"], lang)
    for check in (name, year, revenue, *choices):
        ws.add_data_validation(check)


def _choice(values: str, cells: str) -> DataValidation:
    from openpyxl.worksheet.datavalidation import DataValidation

    check = DataValidation(type="list", formula1=f'"{values}"', allow_blank=True)
    check.add(cells)
    return check


def roster_prompt(vocabulary: RosterVocabulary, lang: str) -> str:
    segment = pick(TEMPLATE["prompt-segment"], lang) if vocabulary.segments else ""
    flags = "".join(pick(TEMPLATE["prompt-flag"], lang).format(flag=flag.name(lang))
                    for flag in vocabulary.flags.values())
    return pick(TEMPLATE["prompt-roster"], lang).format(segment=segment, flags=flags)


def roster_paragraph(vocabulary: RosterVocabulary, lang: str, **names: object) -> str:
    """The instructions on the roster: its columns and the figures derived from it."""
    columns = [pick(TEMPLATE[k], lang) for k in ("i-roster-name", "i-roster-year",
                                                 "i-roster-revenue")]
    if vocabulary.segments:
        columns.append(pick(TEMPLATE["i-roster-segment"], lang))
    columns += [pick(TEMPLATE["i-roster-flag"], lang).format(flag=flag.name(lang))
                for flag in vocabulary.flags.values()]
    derived = []
    if vocabulary.firm_count is not None:
        derived.append(pick(TEMPLATE["i-derived-count"], lang))
    if vocabulary.tiers:
        tiers = pick(TEMPLATE["list"], lang).join(
            pick(TEMPLATE["i-tier"], lang).format(n=written(float(t.min_revenue)))
            for t in vocabulary.tiers)
        derived.append(pick(TEMPLATE["i-derived-tiers"], lang).format(
            tiers=pick(TEMPLATE["i-tiers"], lang).format(tiers=tiers)))
    if vocabulary.segment_indicators:
        derived.append(pick(TEMPLATE["i-derived-segments"], lang))
    derived += [pick(TEMPLATE["i-derived-flag"], lang).format(flag=flag.name(lang))
                for flag in vocabulary.flags.values() if flag.indicator is not None]
    return pick(TEMPLATE["i-roster"], lang).format(
        columns=_listed(columns, lang),
        derived=_listed(derived, lang) if derived else pick(TEMPLATE["i-derived-none"], lang),
        **names)


def _listed(items: Sequence[str], lang: str) -> str:
    """'a、b和c' / 'a, b and c'."""
    if len(items) < 2:
        return "".join(items)
    return pick(TEMPLATE["list"], lang).join(items[:-1]) + pick(TEMPLATE["and"], lang) + items[-1]
