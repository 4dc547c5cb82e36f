"""The terminal every table prints on: its width (the terminal's, else $COLUMNS, else
PLAIN_WIDTH) and whether colour is used (not with NO_COLOR, nor off a terminal); text
wrapped to that width."""

from __future__ import annotations

import os
from typing import TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from railkpi.render.plain_terminal import PLAIN_WIDTH as PLAIN_WIDTH
from railkpi.render.plain_terminal import plain_width as plain_width
from railkpi.render.table_fit import wrap


def console(out: TextIO) -> Console:
    is_terminal = out.isatty()
    return Console(
        file=out,
        width=None if is_terminal else plain_width(),
        no_color=bool(os.environ.get("NO_COLOR")) or not is_terminal,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )


def paragraph(con: Console, text: str, style: str = "", first: str = "",
              rest: str = "") -> None:
    """`text` wrapped to the console's width by table_fit.wrap (Chinese between characters,
    English at spaces), its first line after `first`, the others after `rest`."""
    indent = max(cell_len(first), cell_len(rest))
    for number, line in enumerate(wrap(text, max(con.width - indent, 1))):
        con.print(Text(rest if number else first).append(line, style=style))
