"""The terminal of the listings laid out without rich (`plans`, `targets`): its width and
whether bold is used, decided as the rich console of the other tables decides them, so that
every table of railkpi takes the same width and looks the same in the same terminal.

Width: $COLUMNS when it is a number, else the terminal's (a dumb terminal, or one that reports
none, 80); off a terminal $COLUMNS, else PLAIN_WIDTH (terminal.plain_width). Bold: on a
terminal (TTY_COMPATIBLE=1 or a non-empty FORCE_COLOR count as one, TTY_COMPATIBLE=0 as none)
unless TERM is dumb or unknown; never off a terminal. The listings print no colour, so
NO_COLOR, which is about colour, changes nothing in them — as with rich.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TextIO

from railkpi.records import record
from railkpi.render.cells import cell_len
from railkpi.render.table_fit import wrap

#: Width used when output is not a terminal (a pipe, a CI log) and $COLUMNS does not say:
#: wide enough for every column.
PLAIN_WIDTH = 100
#: A terminal that does not say its width (rich assumes the same).
TERMINAL_WIDTH = 80
BOLD, RESET = "\x1b[1m", "\x1b[0m"
_DUMB = ("dumb", "unknown")


@record
class PlainTerminal:
    """Where a listing is written, how wide a line may be and whether bold is shown."""

    out: TextIO
    width: int
    styled: bool

    def bold(self, text: str) -> str:
        return f"{BOLD}{text}{RESET}" if self.styled and text else text

    def line(self, text: str = "") -> None:
        self.out.write(text.rstrip(" ") + "\n")

    def paragraph(self, text: str, bold: bool = False, first: str = "", rest: str = "") -> None:
        """`text` wrapped to the width by table_fit.wrap (Chinese between characters, English
        at spaces), its first line after `first`, the others after `rest` — no indent where
        it would take more than half the width."""
        if 2 * max(cell_len(first), cell_len(rest)) > self.width:
            first = rest = ""
        for number, piece in enumerate(wrap_within(text, self.width, first, rest)):
            lead = rest if number else first
            self.line(lead + (self.bold(piece) if bold else piece))


def wrap_within(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """`text` in lines that fit `width` after the wider of `first` and `rest` (at least two
    cells each: a Chinese character never splits)."""
    indent = max(cell_len(first), cell_len(rest))
    return wrap(text, max(width - indent, 2))


def plain_width(environ: Mapping[str, str] | None = None) -> int:
    """The width for output that is not a terminal: $COLUMNS when it is a number, else 100."""
    return _columns(os.environ if environ is None else environ) or PLAIN_WIDTH


def terminal(out: TextIO, environ: Mapping[str, str] | None = None) -> PlainTerminal:
    env = os.environ if environ is None else environ
    on_terminal = _is_terminal(out, env)
    dumb = env.get("TERM", "").lower() in _DUMB
    if out_is_tty(out):
        width = _columns(env) or (TERMINAL_WIDTH if dumb else _terminal_width())
    else:
        width = _columns(env) or PLAIN_WIDTH
    return PlainTerminal(out, width, styled=on_terminal and not dumb)


def out_is_tty(out: TextIO) -> bool:
    try:
        return out.isatty()
    except ValueError:  # closed
        return False


def _is_terminal(out: TextIO, env: Mapping[str, str]) -> bool:
    """A terminal for escape codes, as rich's Console.is_terminal."""
    compatible = env.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force = env.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    return out_is_tty(out)


def _columns(env: Mapping[str, str]) -> int:
    """$COLUMNS when it is a positive number, else 0."""
    columns = env.get("COLUMNS", "").strip()
    return int(columns) if columns.isdigit() else 0


def _terminal_width() -> int:
    for descriptor in (0, 1, 2):
        try:
            columns = os.get_terminal_size(descriptor).columns
        except (AttributeError, ValueError, OSError):
            continue
        return columns or TERMINAL_WIDTH
    return TERMINAL_WIDTH
