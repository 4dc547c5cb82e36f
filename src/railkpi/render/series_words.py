"""How the series prints for people (terminal, Markdown, Excel, JUnit): the change mark, the
year-on-year growth, what is still needed each year, the lines on what changed since last
year, and the filter a report was narrowed by. Words come from messages/series.py."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from railkpi.messages import pick
from railkpi.messages.series import SERIES
from railkpi.messages.words import STATUS, STATUS_EARLY_ACHIEVED
from railkpi.render import display as fmt

if TYPE_CHECKING:  # annotations only: `targets` prints the filter line, no result
    from railkpi.calc.filters import TargetFilter
    from railkpi.calc.results import Assessment, PlanResult, Status, TargetResult, YearStatus

MARK_KEYS = {"improved": "mark-improved", "worsened": "mark-worsened",
             "unchanged": "mark-unchanged", "new": "mark-new"}
CHANGE_KEYS = {"improved": "change-improved", "worsened": "change-worsened",
               "unchanged": "change-unchanged", "new": "change-new"}


def change_mark(result: TargetResult, lang: str) -> str:
    """↑ ↓ = or 新/new: the status against the year before; — where no series was computed."""
    if result.series is None:
        return "—"
    return pick(SERIES[MARK_KEYS[result.series.change]], lang)


def change_word(change: str, lang: str) -> str:
    return pick(SERIES[CHANGE_KEYS[change]], lang)


def change_text(result: TargetResult, lang: str) -> str:
    """The mark and its word, for a cell with room: '↓ 变差', '= 持平', '新判定'; — without a
    series."""
    if result.series is None:
        return "—"
    change = result.series.change
    word = change_word(change, lang)
    return word if change == "new" else f"{change_mark(result, lang)} {word}"


def yoy_text(result: TargetResult) -> str:
    """同比: '5.6%', '≈6.1%' from a qualified figure, — where undefined."""
    series = result.series
    if series is None:
        return "—"
    shown = fmt.approximate_rate if series.yoy_approximate else fmt.rate
    return shown(series.yoy_growth)


def needed_text(result: TargetResult) -> str:
    """What is still needed each year, rounded as the indicator and marked as its gap:
    '72', '≈12', '<500.0', '0', —."""
    return fmt.needed_per_year(result)


def summary_cells(result: TargetResult) -> dict[str, str]:
    """The series' figures in a target's row of the people's tables, by their header's key in
    messages.series.SERIES; the change mark is added by each format (it takes the run's
    language)."""
    return {"col-yoy": yoy_text(result), "col-needed-per-year": needed_text(result)}


def status_word(status: Status, early: bool, lang: str) -> str:
    if status == "achieved" and early:
        return pick(STATUS_EARLY_ACHIEVED, lang)
    return pick(STATUS[status], lang)


def year_word(entry: YearStatus, lang: str) -> str:
    """The status of one year of a timeline, as the status column words it."""
    return status_word(entry.status, entry.early, lang)


def _item(result: TargetResult, lang: str) -> str:
    series = result.series
    assert series is not None and series.previous_status is not None
    return pick(SERIES["item"], lang).format(
        name=result.indicator.name(lang), target=fmt.resolved_target(result, lang),
        old=status_word(series.previous_status, _previous_early(result), lang),
        new=fmt.status(result, lang))


def _previous_early(result: TargetResult) -> bool:
    series = result.series
    return bool(series and len(series.timeline) > 1 and series.timeline[-2].early)


def changed(results: Sequence[TargetResult], change: str) -> list[TargetResult]:
    return [r for r in results if r.series is not None and r.series.change == change]


def change_lines(plan_result: PlanResult, as_of: int, lang: str) -> list[str]:
    """The lines under a plan's table: the targets that worsened, those that improved, since
    the year before; 'no target changed' when every status stands; nothing when no target had
    a status the year before."""
    results = plan_result.targets
    if not any(r.series is not None and r.series.previous_status is not None for r in results):
        return []
    lines = []
    for change, one, many in (("worsened", "worsened-one", "worsened-many"),
                              ("improved", "improved-one", "improved-many")):
        moved = changed(results, change)
        if moved:
            items = pick(SERIES["separator"], lang).join(_item(r, lang) for r in moved)
            key = one if len(moved) == 1 else many
            lines.append(pick(SERIES[key], lang).format(year=as_of - 1, count=len(moved),
                                                        items=items))
    return lines or [pick(SERIES["no-change"], lang).format(year=as_of - 1)]


def worsened_lines(assessment: Assessment, lang: str) -> list[str]:
    """Per plan with a target that worsened, the line naming them (for --fail-on-worse)."""
    lines = []
    for plan_result in assessment.plans:
        moved = changed(plan_result.targets, "worsened")
        if moved:
            items = pick(SERIES["separator"], lang).join(_item(r, lang) for r in moved)
            key = "worsened-one" if len(moved) == 1 else "worsened-many"
            line = pick(SERIES[key], lang).format(year=assessment.as_of - 1, count=len(moved),
                                                  items=items)
            colon = "：" if lang == "zh" else ": "
            lines.append(f"{plan_result.plan.plan.title(lang)}{colon}{line}")
    return lines


def filter_text(target_filter: TargetFilter, lang: str) -> str:
    """'目标 revenue-*、firms-1yi；类别 scale' / 'target revenue-*, firms-1yi; group scale'."""
    keys = {"--target": "filter-target", "--indicator": "filter-indicator",
            "--group": "filter-group"}
    comma = "、" if lang == "zh" else ", "
    return pick(SERIES["separator"], lang).join(
        pick(SERIES[keys[option]], lang).format(patterns=comma.join(patterns))
        for option, patterns in target_filter.options())


def filter_line(target_filter: TargetFilter, count: int, lang: str) -> str | None:
    """The line saying the report was narrowed, or None when no filter was applied."""
    if not target_filter.applied:
        return None
    return pick(SERIES["filter-line"], lang).format(filters=filter_text(target_filter, lang),
                                                    count=count)
