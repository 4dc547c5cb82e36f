"""Annual steps on a terminal (rich): the tables of `railkpi milestones` (in parts of as many
years as fit, or a block per target where not one does), and the colours of the step column of
the assessment's table (render/assessment_table.py). render/table.py calls these; the wording
is render/milestone_words.py's."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from railkpi.messages import pick
from railkpi.messages.milestones import MILESTONE
from railkpi.render import display as fmt
from railkpi.render import milestone_words as steps
from railkpi.render.table_fit import wrap
from railkpi.render.terminal import paragraph

if TYPE_CHECKING:  # annotations only
    from railkpi.calc.milestones import Decomposition, PlanPaths, TargetPath

#: The step cell's colour: met, missed, not judged.
STEP_STYLE: dict[bool | None, str] = {True: "green", False: "bold red", None: "dim"}


def print_steps(decomposition: Decomposition, lang: str, con: Console) -> None:
    """`railkpi milestones`: per plan a table of the targets' steps, a column per year; where
    the years do not fit the width, the table is printed in parts of as many years as fit,
    each with the indicator, target and start, so that no figure is cut; where not even one
    year fits beside them, a block per target, a line per step."""
    for plan_paths in decomposition.plans:
        plan, meta = plan_paths.plan, plan_paths.plan.plan
        paragraph(con, f"{meta.title(lang)} [{plan.id}]", "bold")
        paragraph(con, steps.subtitle(decomposition, meta, lang), "dim")
        years = steps.step_years(plan_paths)
        heads = steps.headers(years, lang)
        rows = [(path, steps.path_row(path, meta, years, lang, apart=True))
                for path in plan_paths.targets]
        widths = _step_widths(heads, [row for _, row in rows], con.width)
        groups = list(dict.fromkeys(t.group for t in plan.targets))
        if _one_year_fits(widths, con.width):
            for part in _year_parts(widths, con.width):
                con.print(_table(plan_paths, heads, rows, widths, part, groups, lang,
                                 con.width))
        else:
            _blocks(con, plan_paths, years, heads, groups, lang)
        targets = [path.target for path in plan_paths.targets]
        notes = [f"{fmt.named(path.target, path.indicator, targets, lang)}{fmt.colon(lang)}"
                 f"{fmt.note_text(n.code, n.params, lang)}"
                 for group_id in groups for path in plan_paths.targets
                 if path.target.group == group_id for n in path.notes]
        for line in [*notes, steps.formula(decomposition, lang)]:
            paragraph(con, line, "dim", first="  · ", rest="    ")
        con.print()


def _table(plan_paths: PlanPaths, heads: Sequence[str],
           rows: Sequence[tuple[TargetPath, Sequence[str]]], widths: Sequence[int],
           part: Sequence[int], groups: Sequence[str], lang: str, width: int) -> Table:
    """The table of the years of `part`, beside the indicator, the target and the start."""
    # The names wrapped as the assessment's table wraps them (table_fit.wrap: Chinese
    # between characters, never a line starting with a closing bracket).
    name_width = _name_width(widths, part, width)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=(0, 1),
                  collapse_padding=True)
    table.add_column(_wrapped(heads[0], name_width), width=name_width, no_wrap=True)
    for i in (1, 2):  # target and start wrap at their spaces where they must
        table.add_column(heads[i], justify="right", min_width=widths[i], max_width=widths[i])
    for i in part:  # a step never breaks
        table.add_column(heads[i], justify="right", min_width=widths[i], no_wrap=True)
    for group_id in groups:
        table.add_row(Text(_wrapped(plan_paths.plan.groups[group_id](lang), name_width),
                           style="bold"))
        for path, row in rows:
            if path.target.group == group_id:
                table.add_row(_wrapped(row[0], name_width), *(row[i] for i in (1, 2, *part)))
    return table


def _blocks(con: Console, plan_paths: PlanPaths, years: Sequence[int], heads: Sequence[str],
            groups: Sequence[str], lang: str) -> None:
    """A block per target: its name, then a `label: value` line for the target, the start and
    each year's step."""
    meta = plan_paths.plan.plan
    labels = [*heads[1:3], *(pick(MILESTONE["year"], lang).format(year=y) for y in years)]
    for group_id in groups:
        paragraph(con, plan_paths.plan.groups[group_id](lang), "bold")
        for path in (p for p in plan_paths.targets if p.target.group == group_id):
            row = steps.path_row(path, meta, years, lang)
            paragraph(con, row[0])
            for label, value in zip(labels, row[1:], strict=True):
                if value:
                    paragraph(con, f"{label}{fmt.colon(lang)}{value}", first="  ",
                              rest="    ")


def _one_year_fits(widths: Sequence[int], width: int) -> bool:
    """Whether the widest year fits beside the indicator (at least 12), target and start."""
    return 12 + sum(widths[i] + 2 for i in (1, 2)) + max(widths[3:], default=0) + 2 <= width


def _name_width(widths: Sequence[int], part: Sequence[int], width: int) -> int:
    """The indicator column's width beside the target, the start and the years of `part`:
    the room they leave (at least 12), no wider than its longest line."""
    room = width - sum(widths[i] + 2 for i in (1, 2, *part))  # a column's padding: 2
    return max(12, min(room, widths[0]))


def _wrapped(text: str, width: int) -> str:
    return "\n".join(line for part in text.split("\n") for line in wrap(part, width))


def _step_widths(heads: Sequence[str], rows: Sequence[Sequence[str]],
                 width: int) -> list[int]:
    """Each column's width: as wide as its longest line; the target and start as their
    longest word instead where their lines would leave no room for a year beside them."""
    def longest(i: int, split: bool) -> int:
        cells = [heads[i], *(row[i] for row in rows)]
        return max(cell_len(part) for text in cells for line in text.split("\n")
                   for part in (line.split() if split else [line]) if part)

    widths = [longest(i, split=False) for i in range(len(heads))]
    narrowest_year = min(widths[3:], default=0)
    if 14 + widths[1] + 2 + widths[2] + 2 + narrowest_year + 2 > width:
        widths[1], widths[2] = longest(1, split=True), longest(2, split=True)
    return widths


def _year_parts(widths: Sequence[int], width: int) -> list[list[int]]:
    """The year columns (indexes from 3) in parts that fit `width` beside the indicator (at
    least 12 wide), the target and the start: one part when they all fit."""
    room = width - (12 + 2) - (widths[1] + 2) - (widths[2] + 2)  # a column's padding: 2
    parts: list[list[int]] = [[]]
    used = 0
    for i in range(3, len(widths)):
        if parts[-1] and used + widths[i] + 2 > room:
            parts.append([])
            used = 0
        parts[-1].append(i)
        used += widths[i] + 2
    return parts
