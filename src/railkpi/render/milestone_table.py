"""Annual steps on a terminal (rich): the tables of `railkpi milestones`, and the step column
of the assessment's table (年度目标 of the year assessed). render/table.py calls these; the
wording is render/milestone_words.py's."""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from railkpi.calc.milestones import Decomposition
from railkpi.calc.results import TargetResult
from railkpi.render import display as fmt
from railkpi.render import milestone_words as steps


def _step_head(year: int, lang: str) -> str:
    head = steps.step_header(year, lang)
    return head.replace("年度", "\n年度", 1) if lang == "zh" else head.replace(" ", "\n", 1)


def _step_width(results: Sequence[TargetResult], year: int, lang: str) -> int:
    cells = [steps.check_cell(r.milestone, r.indicator) for r in results]
    return max(cell_len(line) for line in [*_step_head(year, lang).split("\n"), *cells])


def step_column(table: Table, results: Sequence[TargetResult], year: int, lang: str) -> None:
    """The step column (年度目标 of the year assessed), after the status: never narrower than
    its widest cell."""
    table.add_column(_step_head(year, lang), justify="right", no_wrap=True,
                     min_width=_step_width(results, year, lang))


def step_column_fits(con: Console, table: Table, results: Sequence[TargetResult], year: int,
                     lang: str) -> bool:
    """Whether `table` (without the step column), as printed at the console's width, leaves
    room for it: else the steps are lines under the table, so that no column is squeezed
    into cutting a figure."""
    printed = io.StringIO()
    Console(file=printed, width=con.width, no_color=True, highlight=False, emoji=False,
            soft_wrap=False).print(table)
    used = max((cell_len(line) for line in printed.getvalue().splitlines()), default=0)
    return used + 1 + _step_width(results, year, lang) <= con.width


#: The step cell's colour: met, missed, not judged.
STEP_STYLE: dict[bool | None, str] = {True: "green", False: "bold red", None: "dim"}


def step_cell(result: TargetResult, year: int | None) -> list[Text]:
    """A target's cell in the step column, coloured by the check; none without the column."""
    if year is None:
        return []
    check = result.milestone
    style = STEP_STYLE[check.met] if check is not None else ""
    return [Text(steps.check_cell(check, result.indicator), style=style)]


def print_steps(decomposition: Decomposition, lang: str, con: Console) -> None:
    """`railkpi milestones`: per plan a table of the targets' steps, a column per year; where
    the years do not fit the width, the table is printed in parts of as many years as fit,
    each with the indicator, target and start, so that no figure is cut."""
    for plan_paths in decomposition.plans:
        plan, meta = plan_paths.plan, plan_paths.plan.plan
        con.print(Text(f"{meta.title(lang)} [{plan.id}]", style="bold"))
        con.print(Text(steps.subtitle(decomposition, meta, lang), style="dim"))
        years = steps.step_years(plan_paths)
        heads = steps.headers(years, lang)
        rows = [(path, steps.path_row(path, meta, years, lang, apart=True))
                for path in plan_paths.targets]
        widths = _step_widths(heads, [row for _, row in rows], con.width)
        groups = list(dict.fromkeys(t.group for t in plan.targets))
        for part in _year_parts(widths, con.width):
            table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False,
                          padding=(0, 1), collapse_padding=True)
            table.add_column(heads[0], ratio=1, min_width=12, overflow="fold")
            for i in (1, 2):  # target and start wrap at their spaces where they must
                table.add_column(heads[i], justify="right", min_width=widths[i],
                                 max_width=widths[i])
            for i in part:  # a step never breaks
                table.add_column(heads[i], justify="right", min_width=widths[i], no_wrap=True)
            for group_id in groups:
                table.add_row(Text(plan.groups[group_id](lang), style="bold"))
                for path, row in rows:
                    if path.target.group == group_id:
                        table.add_row(row[0], *(row[i] for i in (1, 2, *part)))
            con.print(table)
        notes = [f"{path.target.id}: {fmt.note_text(n.code, n.params, lang)}"
                 for group_id in groups for path in plan_paths.targets
                 if path.target.group == group_id for n in path.notes]
        for line in [*notes, steps.formula(decomposition, lang)]:
            con.print(Text(f"  · {line}", style="dim"))
        con.print()


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
