"""Cell values as analysts type them → numbers and years.

Accepted: numbers, `2,364.9`, `2 364.9` (spaces of any kind between groups of three digits
after a leading group of one or two: see figures.NUMBER), full-width digits and punctuation
(`２３６４．９`), a trailing percent sign, `2023年`. Anything else raises CellError with the
problem code to report: `2890 3500` and `20 23` are not numbers, `2948.2①` carries a footnote
mark (read/marks.py).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import field
from decimal import Decimal, InvalidOperation
from typing import Any

from railkpi.figures import NUMBER, Figure, FigureError, exact, plain_number, qualified, split_text
from railkpi.numeric import scaled
from railkpi.plans.models import YEAR_MAX, YEAR_MIN
from railkpi.read.marks import excel_error_text, footnote_mark
from railkpi.read.units import SPELLINGS
from railkpi.read.year_format import shown_year_text
from railkpi.records import record


@record
class Cell:
    """One non-empty cell as read from a sheet."""

    row: int
    column: int
    value: Any
    number_format: str | None


@record
class CellFormats:
    """A sheet's cells by what their number format does, for readers whose cells carry no
    format (python-calamine): shown as percentages, or at another magnitude than stored; the
    format of each date cell that shows its year alone (`yyyy"年"`), and the workbook's date
    system (for an `e`-formatted serial, which readers leave a number)."""

    percent: frozenset[tuple[int, int]] = frozenset()
    scaled: frozenset[tuple[int, int]] = frozenset()
    years: Mapping[tuple[int, int], str] = field(default_factory=dict)
    date1904: bool = False

    def year_value(self, cell: Cell) -> object:
        """A year cell's value as an analyst reads it: the text a date formatted to show its
        year alone shows ("2023", "2023年", "23"), else the value as stored."""
        if isinstance(cell.value, str):
            return cell.value
        code = cell.number_format
        if code is None:
            code = self.years.get((cell.row, cell.column))
        shown = shown_year_text(cell.value, code, self.date1904) if code is not None else None
        return cell.value if shown is None else shown


def column_letter(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_ref(sheet: str, row: int, column: int) -> str:
    """数据!C7; Excel quotes sheet names that are not plain words ('my data'!C7)."""
    name = sheet if re.fullmatch(r"\w+", sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{column_letter(column)}{row}"


class CellError(ValueError):
    """A cell that cannot be read: `code` is the problem to report, `params` its other fields."""

    def __init__(self, code: str, found: object, **params: object) -> None:
        self.code = code
        self.found = found
        self.params = params
        super().__init__(f"{code}: {found!r}")


@record
class ParsedNumber:
    value: float
    percent: bool  # written with a % sign, or a numeric cell formatted as a percentage


_NUMBER = re.compile(rf"^{NUMBER}$")
#: Unit spellings, so that a unit is not taken for a footnote letter.
_UNITS = frozenset(SPELLINGS)


def normalise_text(text: str) -> str:
    """Full-width forms folded to ASCII (NFKC), surrounding spaces dropped."""
    return unicodedata.normalize("NFKC", text).strip()


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not normalise_text(value))


def parse_number(value: object, number_format: str | None = None) -> ParsedNumber:
    """A cell's number, exactly as written (decimal text is converted once, not re-rounded)."""
    if isinstance(value, (bool, dt.date, dt.time, dt.timedelta)):
        raise CellError("bad-number", value)
    if isinstance(value, (int, float)):
        try:
            number = float(value)
        except OverflowError:  # an integer cell too large for a float
            raise CellError("not-finite", value) from None
        # A cell typed as 16.3% holds 0.163 and carries a percent format.
        percent = bool(number_format and "%" in number_format)
        if percent:
            number = scaled(number, Decimal(100))
        if not math.isfinite(number):
            raise CellError("not-finite", value)
        return ParsedNumber(number, percent)
    if not isinstance(value, str):
        raise CellError("bad-number", value)
    _check_marks(value)
    text = normalise_text(value)
    percent = text.endswith("%")
    if percent:
        text = text[:-1].rstrip()
    if not _NUMBER.match(text):
        raise CellError("bad-number", value)
    try:
        number = float(plain_number(text))
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only decimals
        raise CellError("bad-number", value) from exc
    if not math.isfinite(number):
        raise CellError("not-finite", value)
    return ParsedNumber(number, percent)


@record
class ParsedFigure:
    figure: Figure
    unit: str | None  # unit written in the cell itself ("180余家" → 家; "16.3%" → %)


def _check_marks(text: str) -> None:
    """An Excel error value as text, or a footnote mark: CellError saying which."""
    error_value = excel_error_text(text)
    if error_value is not None:
        raise CellError("excel-error", text, value=error_value)
    mark = footnote_mark(text, _UNITS)
    if mark is not None:
        raise CellError("footnote-mark", text, mark=mark)


def parse_figure_cell(value: object, number_format: str | None = None) -> ParsedFigure:
    """A data cell: a number, or a qualified figure as officials write it ('突破3000亿元')."""
    if not isinstance(value, str):
        number = parse_number(value, number_format)
        return ParsedFigure(exact(number.value), "%" if number.percent else None)
    _check_marks(value)
    try:
        parsed = split_text(value)
        figure = qualified(parsed.number, parsed.qualifier)
    except FigureError:
        raise CellError("bad-number", value) from None
    return ParsedFigure(figure, parsed.unit or None)


def reads_as_number(value: object) -> bool:
    """A number, or text that reads as a figure: what a shifted year column would hold."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return False
    if not isinstance(value, str):
        return True
    try:
        parse_figure_cell(value)
    except CellError:
        return False
    return True


_YEAR_TEXT = re.compile(r"^(\d{4})(\.0+)?\s*(年|年度)?$")


def parse_year(value: object) -> int:
    """2023, 2023.0, '2023', '2023年', '２０２３年度' → 2023; range-checked."""
    if isinstance(value, bool):
        raise CellError("bad-year", value)
    if isinstance(value, int):
        year = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise CellError("bad-year", value)
        year = int(value)
    elif isinstance(value, str):
        match = _YEAR_TEXT.match(normalise_text(value))
        if not match:
            raise CellError("bad-year", value)
        year = int(match.group(1))
    else:
        raise CellError("bad-year", value)
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise CellError("year-out-of-range", value)
    return year


def display(value: object) -> str:
    """A cell value as a user recognises it in a message."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()  # as python-calamine gives a date without a time
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"
