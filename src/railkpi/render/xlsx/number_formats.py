"""Excel number formats: the rounding of render/display.py, and qualified figures (180余,
突破3000, 约100) shown as written while the cell keeps its point value."""

from __future__ import annotations

from dataclasses import replace

from railkpi.calc.results import TargetResult
from railkpi.figures import Figure
from railkpi.money import MONEY
from railkpi.plans.models import Indicator
from railkpi.read.units import canonical
from railkpi.render import display as fmt

RATE = "0.0%"
APPROXIMATE_RATE = '"≈"0.0%;"≈"-0.0%'


def number_format(indicator: Indicator) -> str:
    """Money #,##0.0, counts 0, per capita 0.00: the decimals of render/display.py."""
    places = fmt.decimals(indicator)
    fraction = "." + "0" * places if places else ""
    grouping = "#,##0" if groups_thousands(indicator) else "0"
    return grouping + fraction


def groups_thousands(indicator: Indicator) -> bool:
    """Money is shown with thousands separators (2,948.2), counts and ratios without."""
    return canonical(indicator.unit) in MONEY


def table_target(result: TargetResult, lang: str, apart: bool = False) -> str:
    """The target as the Excel and Word tables show it beside their number cells: with
    thousands separators where the indicator's figures have them ('>3,500.0' beside 2,948.2)."""
    if not groups_thousands(result.indicator):
        return fmt.resolved_target(result, lang, apart)
    style = replace(fmt.table_style(result.indicator),
                    number=lambda v: _grouped(fmt.number(v, result.indicator)))
    return fmt.resolved_target(result, lang, apart, style)


def _grouped(text: str) -> str:
    """'3500.0' → '3,500.0', '-12345' → '-12,345'."""
    whole, dot, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    return f"{sign}{int(whole.lstrip('-')):,}{dot}{fraction}"


def quoted(text: str) -> str:
    return f'"{text}"' if text else ""


def figure_format(base: str, figure: Figure | None) -> str:
    """`base` showing a figure's qualifier: 180余 → 0"余"; 突破3000 → ">"#,##0.0; 约100 → "≈"0."""
    if figure is None or figure.qualifier is None:
        return base
    prefix, _, suffix = figure.label("\0").partition("\0")
    return (f"{quoted(prefix)}{base}{quoted(suffix)};"
            f"{quoted(prefix)}-{base}{quoted(suffix)}")


def approximate_format(base: str) -> str:
    return marked_format(base, "≈")


def marked_format(base: str, mark: str) -> str:
    """`base` with a mark before the number (≈, <, ≥ …), negatives too: '"<"#,##0.0'."""
    return f'"{mark}"{base};"{mark}"-{base}' if mark else base


def bounds_text(figure: Figure) -> str:
    """'180 ≤ x < 190', 'x > 3000', … ; '' for an approximation without bounds."""
    lower = "" if figure.lower is None else (
        f"{figure.lower:g} {'≤' if figure.lower_inclusive else '<'} ")
    upper = "" if figure.upper is None else (
        f" {'≤' if figure.upper_inclusive else '<'} {figure.upper:g}")
    if not lower and not upper:
        return ""
    if lower and not upper:  # "x > 3000" reads better than "3000 < x"
        return f"x {'≥' if figure.lower_inclusive else '>'} {figure.lower:g}"
    return f"{lower}x{upper}"
