"""The Excel gap table's number formats applied to a number, so that the Word table shows every
figure exactly as the Excel table does: money `#,##0.0`, counts `0`, rates `0.0%`, qualified
figures `0"余"` or `">"#,##0.0`, approximate rates `"≈"0.0%`.

The formats are the ones the Excel table gives its cells (render/xlsx/number_formats.py:
number_format, figure_format, RATE, APPROXIMATE_RATE); this module reads the small part of
Excel's format language they use: sections for positive and negative numbers, quoted text, digit
placeholders with an optional thousands separator and decimals, and the percent sign. Rounding
is render/display.py's, so the table and the sentences print the same digits.
"""

from __future__ import annotations

from railkpi.records import record

PLACEHOLDERS = "#0,."


@record
class Section:
    """One section of a number format: text before and after the digits, how they print."""

    prefix: str
    suffix: str
    decimals: int
    grouping: bool
    percent: bool


def sections(number_format: str) -> list[str]:
    """'">"#,##0.0;">"-#,##0.0' → ['">"#,##0.0', '">"-#,##0.0'] (a ';' in quotes stays)."""
    parts, current, quoted = [], "", False
    for ch in number_format:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return parts


def parse_section(section: str) -> Section:
    before, after, digits = "", "", ""
    quoted = percent = False
    for ch in section:
        if ch == '"':
            quoted = not quoted
            continue
        percent = percent or (ch == "%" and not quoted)
        if not quoted and ch in PLACEHOLDERS and not after:
            digits += ch
        elif digits:
            after += ch
        else:
            before += ch
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return Section(before, after, decimals, "," in digits, percent)


def _digits(value: float, section: Section) -> str:
    shown = value * 100 if section.percent else value
    return f"{shown:,.{section.decimals}f}" if section.grouping else f"{shown:.{section.decimals}f}"


def excel_text(value: float, number_format: str) -> str:
    """What Excel shows for `value` in `number_format`: 2948.2, '#,##0.0' → '2,948.2';
    0.514, '"≈"0.0%;"≈"-0.0%' → '≈51.4%'; 180.0, '0"余";-0"余"' → '180余'."""
    parts = sections(number_format)
    positive = parse_section(parts[0])
    if value < 0 and set(_digits(-value, positive)) <= set("0.,"):
        value = 0.0  # rounds to zero: no minus sign (display.py prints 0, not -0)
    if value >= 0:
        return positive.prefix + _digits(value, positive) + positive.suffix
    if len(parts) > 1:  # the negative section carries its own minus sign
        negative = parse_section(parts[1])
        return negative.prefix + _digits(-value, negative) + negative.suffix
    return "-" + positive.prefix + _digits(-value, positive) + positive.suffix
