"""What `railkpi targets` lists besides the targets: the figures a plan publishes itself
(levels, stated rates, increments, totals), each with its wording, and the plan's notes on how
it was read. Shared by the terminal table and Markdown."""

from __future__ import annotations

from railkpi.messages import pick
from railkpi.messages.words import TEXT
from railkpi.plans.models import Indicator, Plan, Quoted
from railkpi.records import record
from railkpi.render.display import number


@record
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
    for i, rate in enumerate(plan.stated_rates):
        shown = f"{rate.percent:f}%/{pick(TEXT['per_year'], lang)}"
        rows.append(Published(f"stated_rates[{i}]", rate, plan.indicators[rate.indicator],
                              _span(rate.years), shown))
    for i, change in enumerate(plan.stated_changes):
        ind = plan.indicators[change.indicator]
        shown = (f"{'≈' if change.approximate else ''}{'+' if change.change >= 0 else ''}"
                 f"{number(change.change, ind)}")
        rows.append(Published(f"stated_changes[{i}]", change, ind, _span(change.years), shown))
    for i, total in enumerate(plan.stated_totals):
        ind = plan.indicators[total.indicator]
        shown = pick(TEXT["total"], lang).format(value=number(total.total, ind))
        rows.append(Published(f"stated_totals[{i}]", total, ind, _span(total.years), shown))
    return rows


def _span(years: tuple[int, int]) -> str:
    return f"{years[0]}-{years[1]}"


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
