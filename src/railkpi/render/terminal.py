"""The terminal every table prints on: its width (the terminal's, else PLAIN_WIDTH) and
whether colour is used (not with NO_COLOR, nor off a terminal)."""

from __future__ import annotations

import os
from typing import TextIO

from rich.console import Console

#: Width used when output is not a terminal (a pipe, a CI log): wide enough for every column.
PLAIN_WIDTH = 100


def console(out: TextIO) -> Console:
    is_terminal = out.isatty()
    return Console(
        file=out,
        width=None if is_terminal else PLAIN_WIDTH,
        no_color=bool(os.environ.get("NO_COLOR")) or not is_terminal,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )
