"""How annual steps (年度目标) print for people — the terminal, Markdown and the Excel tables:
a step in words for the decomposition (超过3500.0, 高于上年) or in symbols for the assessment's
step column (>3500.0 ✗), the rows of `railkpi milestones`, the legend under an assessment and
the reasons a step was missed. Figures round as render/display.py rounds them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING

from railkpi.messages import pick
from railkpi.messages.milestones import MILESTONE
from railkpi.messages.outputs import OUTPUT
from railkpi.numeric import OP_SYMBOLS, decimal, same
from railkpi.plans.models import Indicator, PlanMeta, Target
from railkpi.records import record
from railkpi.render import display as fmt

if TYPE_CHECKING:  # annotations only: `targets` prints a plan's own steps, no result
    from railkpi.calc.milestones import Decomposition, PlanPaths, TargetPath
    from railkpi.calc.results import (
        Assessment,
        MilestoneCheck,
        PlanResult,
        Point,
        Step,
        TargetResult,
    )

#: A check's mark in the step column: met, missed, not judged (no figure, or bounds).
MARKS: dict[bool | None, str] = {True: "✓", False: "✗", None: "?"}


def shown_value(value: float, indicator: Indicator, up: bool = True) -> float:
    """A step (or a shortfall) at the indicator's decimals, rounded towards the target — up on
    the way up, down on the way down — so that a figure written at that precision meets the
    step as shown exactly when it meets the step: 2.41 firms is 3 (2 would miss it), 2992.03
    亿元 is 2992.1. A value already at that precision (float dust aside) stays as it is."""
    places = Decimal(1).scaleb(-fmt.decimals(indicator))
    nearest = decimal(value).quantize(places, ROUND_HALF_EVEN)
    if same(float(nearest), value):
        return float(nearest)
    return float(decimal(value).quantize(places, ROUND_CEILING if up else ROUND_FLOOR))


def step_number(step: Step, indicator: Indicator) -> str:
    """A step's value as shown: at the indicator's decimals, towards the target."""
    assert step.value is not None
    if step.previous_year:  # a figure of the year before, as written
        return fmt.number(step.value, indicator)
    return fmt.number(shown_value(step.value, indicator, step.op in (">", ">=")), indicator)


def gap_number(gap: float | None, indicator: Indicator) -> str:
    """A step's shortfall as shown, never less than it is: 0.41 firms short is 1."""
    return fmt.number(None if gap is None else shown_value(gap, indicator), indicator)


def _range(step: Step, indicator: Indicator) -> str | None:
    if step.low is None or step.high is None:
        return None
    return f"{fmt.number(step.low, indicator)}–{fmt.number(step.high, indicator)}"


def step_words(step: Step, indicator: Indicator, lang: str) -> str:
    """A step as the decomposition words it: 2557.8, ≈190.7, 超过3500.0, 2–3, 高于上年."""
    ranged = _range(step, indicator)
    if ranged is not None:
        return ranged
    if step.previous_year:
        return pick(MILESTONE["above-previous" if step.op == ">" else "below-previous"], lang)
    shown = step_number(step, indicator)
    if step.strict:
        words = MILESTONE["more-than" if step.op == ">" else "less-than"]
        shown = pick(words, lang).format(value=shown)
    return f"≈{shown}" if step.approximate else shown


def step_symbols(step: Step, indicator: Indicator) -> str:
    """A step as the assessment's step column shows it: 2557.8, >3500.0, ≈190.7, 2–3; a
    trend's is the year before's figure, strictly passed (>120)."""
    ranged = _range(step, indicator)
    if ranged is not None:
        return ranged
    shown = "—" if step.value is None else step_number(step, indicator)
    if step.strict:
        shown = OP_SYMBOLS[step.op or ">"] + shown
    return f"≈{shown}" if step.approximate else shown


def check_cell(check: MilestoneCheck | None, indicator: Indicator) -> str:
    """The step column's cell: the step and ✓, ✗ or ?; empty where the target has none."""
    if check is None:
        return ""
    return f"{step_symbols(check.step, indicator)} {MARKS[check.met]}"


def plan_steps_text(target: Target, indicator: Indicator, lang: str,
                    number: Callable[[float], str] | None = None) -> str:
    """The plan file's own steps of a target, as `railkpi targets` lists them:
    '2023：2800.0；2024：>3100.0' ('' where it sets none)."""
    shown = number or (lambda v: fmt.number(v, indicator))
    colon, separator = ("：", "；") if lang == "zh" else (": ", "; ")
    return separator.join(f"{year}{colon}{figure.label(shown(figure.value))}"
                          for year, figure in target.steps.items())


def step_year(assessment: Assessment) -> int | None:
    """The year of the steps judged (the year assessed), if any target has one."""
    checks = [t.milestone for p in assessment.plans for t in p.targets if t.milestone]
    return checks[0].year if checks else None


def step_header(year: int, lang: str) -> str:
    return pick(MILESTONE["col-step"], lang).format(year=year)


def step_lines(results: Sequence[TargetResult], lang: str) -> list[str]:
    """The steps as lines under a table too narrow for their column, each target by name
    among the plan's `results`: '轨道交通产业总收入：2024年度目标 3100.0 ✗'."""
    return [f"{fmt.target_name(r, results, lang)}{fmt.colon(lang)}"
            f"{step_header(r.milestone.year, lang)} {check_cell(r.milestone, r.indicator)}"
            for r in results if r.milestone]


def sources_text(checks: Sequence[MilestoneCheck], lang: str) -> str:
    """Where the steps come from, each once: 规划文件所定、复利路径."""
    sources = dict.fromkeys(c.source for c in checks)
    separator = "、" if lang == "zh" else ", "
    return separator.join(pick(MILESTONE[f"source-{source}"], lang) for source in sources)


def step_legend(results: Sequence[TargetResult], lang: str) -> str | None:
    """The line under a table with a step column: the year, where its steps come from, marks."""
    checks = [r.milestone for r in results if r.milestone is not None]
    if not checks:
        return None
    return pick(MILESTONE["step-legend"], lang).format(year=checks[0].year,
                                                       sources=sources_text(checks, lang))


@record
class StepCounts:
    """The targets with a step for the year assessed, by whether that year's figure met it."""

    met: int = 0
    missed: int = 0
    not_judged: int = 0

    @property
    def total(self) -> int:
        return self.met + self.missed + self.not_judged

    def __add__(self, other: StepCounts) -> StepCounts:
        return StepCounts(self.met + other.met, self.missed + other.missed,
                          self.not_judged + other.not_judged)


def step_counts(results: Sequence[TargetResult]) -> StepCounts:
    met = [r.milestone.met for r in results if r.milestone is not None]
    return StepCounts(met.count(True), met.count(False), met.count(None))


def counts_line(results: Sequence[TargetResult], lang: str) -> str | None:
    """'2024年度目标（规划文件所定）：完成 1，未完成 1，无法判定 0'; None without any step."""
    checks = [r.milestone for r in results if r.milestone is not None]
    if not checks:
        return None
    counts = step_counts(results)
    return pick(MILESTONE["counts"], lang).format(
        header=step_header(checks[0].year, lang), sources=sources_text(checks, lang),
        met=counts.met, missed=counts.missed, not_judged=counts.not_judged)


def outcome_line(result: TargetResult, lang: str) -> str | None:
    """A target's step in words: '2024年度目标 3100.0：未完成，实际 2948.2，差距 151.8'; a step not
    judged says why (no figure for the year, bounds that do not settle it). None without one."""
    check = result.milestone
    if check is None:
        return None
    step = f"{step_header(check.year, lang)} {step_symbols(check.step, result.indicator)}"
    key = {True: "outcome-met", False: "outcome-missed", None: "outcome-not-judged"}[check.met]
    line = pick(MILESTONE[key], lang).format(step=step,
                                             figure=_figure(check.figure, result.indicator),
                                             gap=gap_number(check.gap, result.indicator))
    why = [fmt.note_text(n.code, n.params, lang) for n in result.notes
           if n.code in ("milestone-no-figure", "milestone-unsettled")]
    if why:
        line += f"（{why[0]}）" if lang == "zh" else f" ({why[0]})"
    return line


def _figure(point: Point | None, indicator: Indicator) -> str:
    return "—" if point is None else point.figure.label(fmt.number(point.value, indicator))


def missed_lines(assessment: Assessment, lang: str) -> list[str]:
    """Why `--fail-on-milestone` fails: each target that missed its step, named in `lang`."""
    return [missed_line(plan_result, r, lang) for plan_result in assessment.plans
            for r in plan_result.targets if r.milestone is not None and r.milestone.met is False]


def missed_line(plan_result: PlanResult, r: TargetResult, lang: str) -> str:
    """'未完成年度目标：测试规划：收入，2024 年目标 3100.0，实际 2948.2，差距 151.8': the plan
    and the target by name (a target sharing its indicator's name with another gets its
    words)."""
    check = r.milestone
    assert check is not None
    return pick(MILESTONE["missed"], lang).format(
        plan=plan_result.plan.plan.title(lang),
        target=fmt.target_name(r, plan_result.targets, lang), year=check.year,
        step=step_symbols(check.step, r.indicator), figure=_figure(check.figure, r.indicator),
        gap=gap_number(check.gap, r.indicator))


# -- railkpi milestones -----------------------------------------------------------------------


def subtitle(decomposition: Decomposition, meta: PlanMeta, lang: str) -> str:
    """'年度目标分解 · 复利路径 · 起点：基期值 · 目标年 2025 年（另注者除外）'."""
    method = pick(MILESTONE[f"method-{decomposition.method}"], lang)
    if decomposition.from_latest:
        start = pick(MILESTONE["from-latest"], lang).format(year=decomposition.as_of)
    else:
        start = pick(MILESTONE["from-baseline"], lang)
    return pick(MILESTONE["subtitle"], lang).format(method=method, start=start,
                                                    end=meta.period[1])


def formula(decomposition: Decomposition, lang: str) -> str:
    return pick(MILESTONE[f"formula-{decomposition.method}"], lang)


def step_years(plan_paths: PlanPaths) -> list[int]:
    """The year columns of a plan's decomposition: every year any of its targets has a step."""
    return sorted({s.year for path in plan_paths.targets for s in path.steps})


def headers(years: Sequence[int], lang: str) -> list[str]:
    """Indicator (unit), target, start, then a column per year."""
    return [pick(OUTPUT["col-indicator"], lang), pick(OUTPUT["col-target"], lang),
            pick(MILESTONE["col-start"], lang), *(str(y) for y in years)]


def target_words(path: TargetPath, meta: PlanMeta, lang: str, apart: bool = False) -> str:
    """The target as the plan states it, with X where it is relative (≥+60=240, a ratio with
    its base year: ≥×2=113.6 vs 2020, on a line of its own with `apart`), and its year where
    it is not the plan's last."""
    target = path.target
    resolved = path.target_value if target.kind in ("change", "ratio") else None
    shown = fmt.target_text(target, path.indicator, lang, fmt.table_style(path.indicator),
                            resolved, target.baseline_year or meta.baseline_year, apart)
    return shown if target.year == meta.period[1] else f"{shown} ({target.year})"


def start_words(path: TargetPath) -> str:
    start = path.start
    if start is None:
        return "—"
    return f"{_figure(start, path.indicator)} ({start.year})"


def path_row(path: TargetPath, meta: PlanMeta, years: Sequence[int], lang: str,
             apart: bool = False) -> list[str]:
    """A target's row: indicator (unit), target, start, its step of each year ('' where it
    has none; — in its years where it has no steps at all). `apart`: a ratio's base year on a
    line of its own, for a narrow column."""
    steps = {s.year: step_words(s, path.indicator, lang) for s in path.steps}
    empty = "" if path.steps else "—"
    cells = [steps.get(y, empty if y <= path.target.year else "") for y in years]
    return [fmt.indicator_with_unit(path.indicator, lang),
            target_words(path, meta, lang, apart), start_words(path), *cells]
