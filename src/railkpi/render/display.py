"""How figures print for people (terminal, Markdown, …): the rounding rules of method.md.

Money to one decimal, counts as integers, rates as percentages with one decimal. JSON keeps
full precision and never goes through this module.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from railkpi.figures import QUALIFIERS
from railkpi.messages import pick
from railkpi.messages.notes import NOTE
from railkpi.messages.outputs import OUTPUT
from railkpi.messages.template import TEMPLATE
from railkpi.messages.words import STATUS, STATUS_EARLY_ACHIEVED, TEXT, UNIT_EN
from railkpi.numeric import OP_SYMBOLS, decimal, written
from railkpi.plans.models import Indicator, Plan, PlanMeta, Quoted, Target, Thresholds
from railkpi.records import record
from railkpi.render import TemplateWritten

if TYPE_CHECKING:  # annotations only: `plans` and `targets` assess nothing, read no workbook
    from railkpi.calc.results import GrowthRate, Point, TargetResult
    from railkpi.read.observation import WorkbookData

#: The columns of the people's assessment tables (terminal, Markdown), as summary_cells gives
#: them: message key in OUTPUT, right-aligned (a figure).
SUMMARY_COLUMNS: tuple[tuple[str, bool], ...] = (
    ("col-indicator", False),
    ("col-baseline", True),
    ("col-latest", True),
    ("col-target", True),
    ("col-gap", True),
    ("col-completion", True),
    ("col-time", True),
    ("col-cagr", True),
    ("col-needed", True),
    ("col-status", False),
)

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
    """The unit as a reader of `lang` reads it: 家; in English the indicator's own word
    (platforms, centres), else the general word for the unit (firms)."""
    if lang == "zh":
        return indicator.unit
    return indicator.unit_en or UNIT_EN.get(indicator.unit, indicator.unit)


def name(indicator: Indicator, lang: str) -> str:
    """The indicator's name, with its scope where the plan gives one: 企业数量［丰台园］."""
    if indicator.scope is None:
        return indicator.name(lang)
    return pick(TEXT["scoped_name"], lang).format(name=indicator.name(lang),
                                                  scope=indicator.scope(lang))


def indicator_with_unit(indicator: Indicator, lang: str) -> str:
    """'轨道交通企业数量（家）', 'Number of enterprises (firms)'."""
    shown_name, shown = name(indicator, lang), unit(indicator, lang)
    return f"{shown_name}（{shown}）" if lang == "zh" else f"{shown_name} ({shown})"


def quote(entry: Quoted, lang: str) -> str:
    """The plan's wording in `lang`: the English rendering where there is one, else the
    Chinese as written."""
    return entry.quote_en if lang == "en" and entry.quote_en else entry.quote


def point(p: Point | None, indicator: Indicator) -> str:
    return "—" if p is None else f"{number(p.value, indicator)} ({p.year})"


@record
class TargetStyle:
    """How a target's figures print: the people's tables round them by the indicator's
    decimals and write the comparator against the figure (≥+60=240); the audit writes them as
    the plan does, spaced (≥ +60 = 240)."""

    number: Callable[[float], str]
    multiple: Callable[[float], str]
    rate: Callable[[float], str]
    gap: str = ""
    equals: str = "="


def table_style(indicator: Indicator) -> TargetStyle:
    return TargetStyle(lambda v: number(v, indicator), lambda v: f"{v:g}", rate)


#: The audit's: figures as written (3500, not 3500.0), a space after the comparator.
AUDIT_STYLE = TargetStyle(written, written, lambda v: f"{decimal(v).scaleb(2).normalize():f}%",
                          gap=" ", equals=" = ")


def target_text(target: Target, indicator: Indicator, lang: str, style: TargetStyle,
                resolved: float | None = None, base_year: int | None = None,
                apart: bool = False) -> str:
    """A target as the plan states it: '>3500.0', '3–5', '≥+60', '≥×2', '≥20.0%/年', '每年≥30',
    '逐年上升'; a change or ratio with X where it is resolved ('≥+60=240', '≥ ×2 = 113.6').

    With `base_year`, a ratio says what it is a multiple of, after X so that the year cannot
    be read as X's: '≥×2=113.6 vs 2020'; `apart` puts that on a line of its own.
    """
    if target.kind == "trend":
        direction = target.direction or ("rising" if indicator.better == "higher" else "falling")
        return pick(TEXT["rising"] if direction == "rising" else TEXT["falling"], lang)
    op = OP_SYMBOLS.get(target.op or "", "") + style.gap
    value = target.value or 0.0
    if target.min is not None and target.max is not None:
        text = f"{style.number(target.min)}–{style.number(target.max)}"
    elif target.kind == "change":
        text = f"{op}{'+' if value >= 0 else ''}{style.number(value)}"
    elif target.kind == "ratio":
        text = f"{op}×{style.multiple(value)}"
    elif target.kind == "growth":
        text = f"{op}{style.rate(value)}/{pick(TEXT['per_year'], lang)}"
    else:
        text = f"{op}{style.number(value)}"
    if target.kind == "each_year":
        text = pick(TEXT["each_year"], lang).format(target=text)
    if resolved is not None and target.kind in ("change", "ratio"):
        text += f"{style.equals}{style.number(resolved)}"
    if base_year is not None and target.kind == "ratio":
        words = TEXT["base_year_apart"] if apart else TEXT["base_year"]
        text = pick(words, lang).format(target=text, year=base_year)
    return text


def target(target: Target, indicator: Indicator, lang: str, base_year: int | None = None) -> str:
    """The target as the plan states it, in the people's tables: '>3500.0', '≥+60',
    '≥×2 vs 2020'."""
    return target_text(target, indicator, lang, table_style(indicator), base_year=base_year)


def stated_target(plan: Plan, target_: Target, lang: str) -> str:
    """A target of a plan as the plan states it, without data: '≥×2 vs 2020', '≥+60'."""
    return target(target_, plan.indicators[target_.indicator], lang,
                  target_.baseline_year or plan.plan.baseline_year)


def listing_target(plan: Plan, target_: Target, lang: str) -> str:
    """A target as `railkpi targets` shows it: '≥×2 vs 2020 (2025)'."""
    return f"{stated_target(plan, target_, lang)} ({target_.year})"


def resolved_target(result: TargetResult, lang: str, apart: bool = False,
                    style: TargetStyle | None = None) -> str:
    """The target with X where the plan states it relative to the baseline: '≥+60=240',
    '≥×2=113.6 vs 2020' (`apart`: the base year on a line of its own, for a narrow cell;
    `style`: how its figures print, the terminal's by default)."""
    resolved = result.target_value if isinstance(result.target_value, float) else None
    return target_text(result.target, result.indicator, lang,
                       style or table_style(result.indicator), resolved, result.baseline_year,
                       apart)


def thresholds_text(thresholds: Thresholds, separator: str = "/") -> str:
    """The cut-offs a report prints: '0.95/0.6/0'."""
    return separator.join(f"{cut:g}" for cut in (thresholds.on_track, thresholds.moderate,
                                                  thresholds.off_track))


def subtitle(meta: PlanMeta, as_of: int, thresholds: Thresholds, lang: str) -> str:
    """The line under a plan's title in the people's tables: baseline, as of, target year."""
    return pick(OUTPUT["subtitle"], lang).format(b=meta.baseline_year, a=as_of,
                                                 t=meta.period[1],
                                                 th=thresholds_text(thresholds))


def marked_status(result: TargetResult, lang: str) -> str:
    """The status word, with * where the linear method judged it."""
    return status(result, lang) + ("*" if result.method == "linear" else "")


def status(result: TargetResult, lang: str) -> str:
    if result.status == "achieved" and result.early:
        return pick(STATUS_EARLY_ACHIEVED, lang)
    return pick(STATUS[result.status], lang)


def colon(lang: str) -> str:
    """'：' in Chinese, ': ' in English."""
    return "：" if lang == "zh" else ": "


def status_counts(results: Sequence[TargetResult], lang: str) -> str:
    """'状态汇总：符合进度 3 · 进度偏慢 2', the statuses in their order, only those present."""
    counts: Counter[str] = Counter(r.status for r in results)
    items = " · ".join(f"{pick(STATUS[s], lang)} {counts[s]}" for s in STATUS if counts[s])
    return f"{pick(OUTPUT['statuses'], lang)}{colon(lang)}{items}"


def target_name(result: TargetResult, siblings: Sequence[TargetResult], lang: str) -> str:
    """How prose names a target: its indicator's name, and the target as stated where the
    plan (the targets `siblings`) sets the same indicator more than one target
    ('轨道交通企业数量（≥+60）')."""
    return named(result.target, result.indicator, [r.target for r in siblings], lang)


def named(target_: Target, indicator: Indicator, targets: Sequence[Target], lang: str) -> str:
    """target_name for a target and its indicator among the plan's `targets`."""
    shown = name(indicator, lang)
    if sum(t.indicator == target_.indicator for t in targets) < 2:
        return shown
    stated = target(target_, indicator, lang)
    return f"{shown}（{stated}）" if lang == "zh" else f"{shown} ({stated})"


def note_text(code: str, params: tuple[tuple[str, str], ...], lang: str) -> str:
    values = dict(params)
    if lang == "zh" and "years" in values:  # the calculation lists years as "2021, 2022"
        values["years"] = values["years"].replace(", ", "、")
    return pick(NOTE[code], lang).format(**values)


def _at(p: Point | None, usual_year: int, result: TargetResult) -> str:
    """A figure with its qualifier (180余, ≥3000), and its year where not the usual one."""
    if p is None:
        return "—"
    shown = p.figure.label(number(p.value, result.indicator))
    return shown if p.year == usual_year else f"{shown} ({p.year})"


def gap(result: TargetResult, lang: str, unit: str = "", apart: bool = False) -> str:
    """The gap as people read it: bounded where the latest figure is (`<500` from 突破3000,
    `≈12` from 180余), and with the years an each-year target was missed, so that a met
    latest year (a gap ≤ 0) does not read as the target met: '-1（2022 年未达标）'."""
    if result.gap is None:
        return "—"
    shown = gap_mark(result) + number(result.gap, result.indicator) + unit
    if result.failing_years and result.gap <= 0:
        years = pick(OUTPUT["list-separator"], lang).join(map(str, result.failing_years))
        # `apart`: the years on a line of their own, which keeps a table's column narrow.
        missed = "gap-missed-apart" if apart else "gap-missed"
        shown = pick(OUTPUT[missed], lang).format(gap=shown, years=years)
    return shown


def gap_mark(result: TargetResult) -> str:
    """'' for a gap between exact figures; '<' or '>' (or ≤, ≥) where the latest figure is
    bounded on one side and the target is a number of the plan's; else '≈'."""
    latest = result.latest.figure if result.latest is not None else None
    derived = result.target.kind in ("change", "ratio")  # X from the baseline's figure
    baseline_exact = result.baseline is None or result.baseline.figure.exact
    target_exact = not derived or baseline_exact
    if latest is None or latest.exact:
        return "" if target_exact else "≈"
    side = QUALIFIERS.get(latest.qualifier or "")
    if side not in ("gt", "ge", "lt", "le") or not target_exact:
        return "≈"
    # The gap is the target less the figure (higher is better) or the reverse: a figure above
    # its printed number makes the gap smaller than the one computed from that number.
    smaller = (side in ("gt", "ge")) == (result.indicator.better == "higher")
    strict = side in ("gt", "lt")
    return ("<" if strict else "≤") if smaller else (">" if strict else "≥")


def needed_mark(result: TargetResult) -> str:
    """The gap's mark for what is still needed each year, max(gap, 0) / (T − t): `<500.0`
    from a gap of <500.0, `≈12` from ≈12. A 0 from a gap bounded below 0 (`<-20`) is exact:
    the target is met whatever the figure's bounds."""
    needed = None if result.series is None else result.series.needed_per_year
    mark = gap_mark(result)
    if needed is None or (needed == 0 and mark in ("<", "≤")):
        return ""
    return mark


def needed_per_year(result: TargetResult, unit: str = "") -> str:
    """What is still needed each year, rounded as the indicator and marked as the gap it
    is computed from: '72', '≈12', '<500.0', '0', —."""
    needed = None if result.series is None else result.series.needed_per_year
    if needed is None:
        return "—"
    return needed_mark(result) + number(needed, result.indicator) + unit


def looks_ahead(result: TargetResult) -> bool:
    """Whether the figures of the way ahead — the growth needed from now, the projection to
    the target year — mean anything: not once the target is achieved (a 'needed' −16.7 % a
    year reads as a fall asked for), nor when the latest figure is the target year's own (the
    projection is that figure). JSON and CSV keep them: scripts decide for themselves."""
    if result.status == "achieved":
        return False
    return result.latest is None or result.latest.year < result.target_year


def summary_cells(result: TargetResult, meta: PlanMeta, as_of: int, lang: str,
                  apart: bool = False) -> list[str]:
    """A target's row in the people's tables (terminal, Markdown), status word last; `apart`
    puts a ratio's base year, and the years an each-year target was missed, on a line of
    their own.

    Indicator (unit), baseline, latest, target, gap, completion, time elapsed, actual CAGR,
    CAGR needed from now; years only where they differ from the plan's baseline year, the
    year assessed and the target year; rates from a qualified figure marked ≈.
    """
    ind = result.indicator
    shown_target = resolved_target(result, lang, apart)
    if result.target_year != meta.period[1]:
        shown_target = f"{shown_target} ({result.target_year})"
    baseline_year = result.target.baseline_year or meta.baseline_year
    shown_rate = approximate_rate if result.approximate else rate
    return [
        indicator_with_unit(ind, lang),
        _at(result.baseline, baseline_year, result),
        _at(result.latest, as_of, result),
        shown_target,
        gap(result, lang, apart=apart),
        shown_rate(result.completion),
        rate(result.time_elapsed),
        shown_rate(result.actual_cagr),
        shown_rate(result.required_cagr_from_latest if looks_ahead(result) else None),
        status(result, lang),
    ]


def accepted_names(indicator_id: str, indicator: Indicator) -> list[str]:
    """Every label a workbook row may use for an indicator: its id, its names, its aliases
    (matched ignoring case, spaces and full-width forms)."""
    return list(dict.fromkeys([indicator_id, indicator.name.zh, indicator.name.en,
                               *indicator.aliases]))


def validation_line(workbook: WorkbookData, lang: str) -> str:
    """'data.xlsx: 42 observations, ready to assess.'; a workbook without figures (a blank
    template) is valid too, and says so."""
    words = TEXT["valid"] if workbook.observations else TEXT["valid-empty"]
    return pick(words, lang).format(file=workbook.file, count=len(workbook.observations))


def template_line(written: TemplateWritten, lang: str) -> str:
    first, last = written.years
    return pick(TEMPLATE["written"], lang).format(
        path=written.path, indicators=written.indicators, first=first, last=last)


def rate_line(rate: GrowthRate, lang: str) -> str:
    """'10.98% a year (11.0% at one decimal)'; — where the rate is undefined."""
    if rate.rate is None:
        return "—"
    words = TEXT["cagr_result"] if rate.kind == "cagr" else TEXT["required_result"]
    return pick(words, lang).format(rate=f"{rate.rate:.2%}", rounded=f"{rate.rate:.1%}")
