"""How figures print for people (terminal, Markdown, …): the rounding rules of method.md.

Money to one decimal, counts as integers, rates as percentages with one decimal. JSON keeps
full precision and never goes through this module.
"""

from __future__ import annotations

from dataclasses import dataclass

from railkpi.assess import Point, TargetResult
from railkpi.messages import NOTE, STATUS, STATUS_EARLY_ACHIEVED, TEXT, pick
from railkpi.plan import Indicator, Plan, PlanMeta, Quoted, Target

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
    return indicator.unit_word(lang)


def name(indicator: Indicator, lang: str) -> str:
    """The indicator's name, with its scope where the plan gives one: 企业数量［丰台园］."""
    if indicator.scope is None:
        return indicator.name(lang)
    return (f"{indicator.name.zh}［{indicator.scope.zh}］" if lang == "zh"
            else f"{indicator.name.en} [{indicator.scope.en}]")


def name_and_unit(indicator: Indicator, lang: str) -> str:
    """'轨道交通企业数量（家）', 'Number of rail-transit enterprises (firms)'."""
    return (f"{name(indicator, lang)}（{unit(indicator, lang)}）" if lang == "zh"
            else f"{name(indicator, lang)} ({unit(indicator, lang)})")


def point(p: Point | None, indicator: Indicator) -> str:
    return "—" if p is None else f"{number(p.value, indicator)} ({p.year})"


def target(result: TargetResult, lang: str, resolved: bool = False) -> str:
    """The target as the plan states it: '>3500.0', '3–5', '≥+60', '≥×2 vs 2020', '≥20.0%/年'.

    With `resolved`, a change or ratio also shows X: '≥+60=240', '≥×2=113.6 vs 2020' (the base
    year of a ratio comes last, so that it cannot be read as the figure of that year).
    """
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
    if resolved and t.kind != "growth" and (x := resolved_target(result)):
        text = f"{text}={x}"
    if t.kind == "ratio" and result.baseline_year is not None:
        year = result.baseline_year
        text = f"{text}（较{year}年）" if lang == "zh" else f"{text} vs {year}"
    if t.kind == "each_year":
        text = f"每年{text}" if lang == "zh" else f"{text}/yr"
    return text


def base_year_apart(text: str) -> str:
    """A ratio target with its base year on a line of its own, for a narrow cell:
    '≥×2=113.6\n（较2020年）', '≥×2=113.6\nvs 2020'."""
    return text.replace("（较", "\n（较", 1).replace(" vs ", "\nvs ", 1)


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
    shown_target = target(result, lang, resolved=True)
    if result.target_year != meta.period[1]:
        shown_target = f"{shown_target} ({result.target_year})"
    baseline_year = result.target.baseline_year or meta.baseline_year
    shown_rate = approximate_rate if result.approximate else rate
    return [
        name_and_unit(ind, lang),
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


# -- a plan's own published figures (`railkpi targets`) ------------------------------------------


@dataclass(frozen=True)
class Published:
    """One figure the plan publishes, as the targets listing shows it."""

    where: str  # its YAML path: history[3], stated_rates[0], …
    entry: Quoted
    indicator: Indicator
    years: str
    figure: str


def published(plan: Plan, lang: str) -> list[Published]:
    """Every level, stated rate, increment and total of a plan, in the file's order."""
    rows: list[Published] = []
    for i, level in enumerate(plan.history):
        ind = plan.indicators[level.indicator]
        rows.append(Published(f"history[{i}]", level, ind, str(level.year),
                              level.figure.label(number(level.figure.value, ind))))
    for i, rate_ in enumerate(plan.stated_rates):
        shown = f"{rate_.percent:f}%/{'年' if lang == 'zh' else 'yr'}"
        rows.append(Published(f"stated_rates[{i}]", rate_, plan.indicators[rate_.indicator],
                              _span(rate_.years), shown))
    for i, change in enumerate(plan.stated_changes):
        ind = plan.indicators[change.indicator]
        shown = f"{'≈' if change.approximate else ''}{'+' if change.change >= 0 else ''}" \
                f"{number(change.change, ind)}"
        rows.append(Published(f"stated_changes[{i}]", change, ind, _span(change.years), shown))
    for i, total in enumerate(plan.stated_totals):
        ind = plan.indicators[total.indicator]
        shown = pick(TEXT["total"], lang).format(value=number(total.total, ind))
        rows.append(Published(f"stated_totals[{i}]", total, ind, _span(total.years), shown))
    return rows


def _span(years: tuple[int, int]) -> str:
    return f"{years[0]}-{years[1]}"


def stated_target(plan: Plan, target_: Target, lang: str) -> str:
    """A target as the plan states it, without data: '≥×2 vs 2020', '≥+60'."""
    result = TargetResult(plan.id, target_, plan.indicators[target_.indicator], None,
                          target_.year, baseline_year=target_.baseline_year
                          or plan.plan.baseline_year)
    return target(result, lang)


def listing_target(plan: Plan, target_: Target, lang: str) -> str:
    """A target as `railkpi targets` shows it: '≥×2 vs 2020 (2025)'."""
    return f"{stated_target(plan, target_, lang)} ({target_.year})"


def reading_notes(plan: Plan, lang: str) -> list[tuple[str, str]]:
    """(target ids or YAML paths, note) for every note the plan gives, targets first; entries
    with the same note share one line ('history[2], history[3]')."""
    notes: dict[str, list[str]] = {}
    for where, entry in [*((t.id, t) for t in plan.targets),
                         *((row.where, row.entry) for row in published(plan, lang))]:
        if entry.note is not None:
            notes.setdefault(entry.note(lang), []).append(where)
    separator = "、" if lang == "zh" else ", "
    return [(separator.join(wheres), note) for note, wheres in notes.items()]
