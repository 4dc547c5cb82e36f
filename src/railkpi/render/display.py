"""How figures print for people (terminal, Markdown, …): the rounding rules of method.md.

Money to one decimal, counts as integers, rates as percentages with one decimal. JSON keeps
full precision and never goes through this module.
"""

from __future__ import annotations

from railkpi.calc.assess import Point, TargetResult
from railkpi.messages import pick
from railkpi.messages.notes import NOTE
from railkpi.messages.words import STATUS, STATUS_EARLY_ACHIEVED, TEXT, UNIT_EN
from railkpi.plans.models import Indicator, PlanMeta

#: Decimals by unit where the indicator does not say; other units print as integers.
UNIT_DECIMALS = {"亿元": 1, "万元": 1, "%": 1, "件/人": 2}


def decimals(indicator: Indicator) -> int:
    if indicator.decimals is not None:
        return indicator.decimals
    return UNIT_DECIMALS.get(indicator.unit, 0)


def number(value: float | None, indicator: Indicator) -> str:
    if value is None:
        return "—"
    text = f"{value:.{decimals(indicator)}f}"
    return "0" + text[2:] if text.startswith("-0") and set(text[2:]) <= {".", "0"} else text


def rate(value: float | None) -> str:
    """0.0816 → '8.2%'."""
    return "—" if value is None else f"{value * 100:.1f}%".replace("-0.0%", "0.0%")


def approximate_rate(value: float | None) -> str:
    """A rate computed from a qualified figure: '≈8.2%'."""
    return "—" if value is None else f"≈{rate(value)}"


def unit(indicator: Indicator, lang: str) -> str:
    return indicator.unit if lang == "zh" else UNIT_EN.get(indicator.unit, indicator.unit)


def point(p: Point | None, indicator: Indicator) -> str:
    return "—" if p is None else f"{number(p.value, indicator)} ({p.year})"


def target(result: TargetResult, lang: str) -> str:
    """The target as the plan states it: '>3500.0', '3–5', '≥+60', '≥×2', '≥20.0%/年', '↑'."""
    t, ind = result.target, result.indicator
    if t.kind == "trend":
        direction = t.direction or ("rising" if ind.better == "higher" else "falling")
        return pick(TEXT[direction], lang)
    if t.min is not None and t.max is not None:
        text = f"{number(t.min, ind)}–{number(t.max, ind)}"
    elif t.kind == "change":
        text = f"{_op(t.op)}{'+' if (t.value or 0) >= 0 else ''}{number(t.value, ind)}"
    elif t.kind == "ratio":
        text = f"{_op(t.op)}×{t.value:g}"
    elif t.kind == "growth":
        text = f"{_op(t.op)}{rate(t.value)}/{'年' if lang == 'zh' else 'yr'}"
    else:
        text = f"{_op(t.op)}{number(t.value, ind)}"
    if t.kind == "each_year":
        text = f"每年{text}" if lang == "zh" else f"{text}/yr"
    return text


def resolved_target(result: TargetResult) -> str:
    """X as an absolute figure where the plan states it relative to the baseline."""
    if result.target.kind in ("change", "ratio", "growth") and isinstance(
        result.target_value, float
    ):
        return number(result.target_value, result.indicator)
    return ""


def _op(op: str | None) -> str:
    return {">": ">", ">=": "≥", "<": "<", "<=": "≤"}.get(op or "", "")


def status(result: TargetResult, lang: str) -> str:
    if result.status == "achieved" and result.early:
        return pick(STATUS_EARLY_ACHIEVED, lang)
    return pick(STATUS[result.status], lang)


def note_text(code: str, params: tuple[tuple[str, str], ...], lang: str) -> str:
    return pick(NOTE[code], lang).format(**dict(params))


def _at(p: Point | None, usual_year: int, result: TargetResult) -> str:
    """A figure with its qualifier (180余, ≥3000), and its year where not the usual one."""
    if p is None:
        return "—"
    shown = p.figure.label(number(p.value, result.indicator))
    return shown if p.year == usual_year else f"{shown} ({p.year})"


def summary_cells(result: TargetResult, meta: PlanMeta, as_of: int, lang: str) -> list[str]:
    """A target's row in the people's tables (terminal, Markdown), status word last.

    Indicator (unit), baseline, latest, target, gap, completion, time elapsed, actual CAGR,
    CAGR needed from now; years only where they differ from the plan's baseline year, the
    year assessed and the target year; rates from a qualified figure marked ≈.
    """
    ind = result.indicator
    shown_target = target(result, lang)
    resolved = resolved_target(result) if result.target.kind != "growth" else ""
    if resolved:
        shown_target = f"{shown_target}={resolved}"
    if result.target_year != meta.period[1]:
        shown_target = f"{shown_target} ({result.target_year})"
    name = (f"{ind.name(lang)}（{unit(ind, lang)}）" if lang == "zh"
            else f"{ind.name(lang)} ({unit(ind, lang)})")
    baseline_year = result.target.baseline_year or meta.baseline_year
    shown_rate = approximate_rate if result.approximate else rate
    return [
        name,
        _at(result.baseline, baseline_year, result),
        _at(result.latest, as_of, result),
        shown_target,
        number(result.gap, ind),
        shown_rate(result.completion),
        rate(result.time_elapsed),
        shown_rate(result.actual_cagr),
        shown_rate(result.required_cagr_from_latest),
        status(result, lang),
    ]
