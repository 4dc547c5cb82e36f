"""`railkpi diff` on a terminal: the status changes, the targets added and removed, the
revised figures, each a table under its heading."""

from __future__ import annotations

from typing import TextIO

from rich import box
from rich.table import Table
from rich.text import Text

from railkpi.calc.diff import ReportDiff
from railkpi.messages import pick
from railkpi.messages.series import DIFF
from railkpi.render import diff_words
from railkpi.render.terminal import console


def render_diff(diff: ReportDiff, lang: str, out: TextIO) -> None:
    """`railkpi diff`: the status changes, the targets added and removed, the revised figures,
    each a table under its heading (a line where there is none)."""
    con = console(out)
    con.print(Text(diff_words.title(diff, lang), style="bold"))
    for heading, none, keys, rows in diff_words.sections(diff, lang):
        con.print()
        con.print(Text(pick(DIFF[heading], lang), style="bold"))
        if not rows:
            con.print(pick(DIFF[none or heading], lang))
            continue
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=(0, 1),
                      collapse_padding=True)
        for head in diff_words.heads(keys, lang):
            table.add_column(head, overflow="fold")
        for row in rows:
            table.add_row(*(Text(cell) for cell in row))
        con.print(table)
        if heading == "status-changes" and diff.unchanged:
            con.print(Text(pick(DIFF["unchanged"], lang).format(count=diff.unchanged),
                           style="dim"))
    for line in diff_words.notes(diff, lang):
        con.print()
        con.print(Text(line, style="yellow"))
