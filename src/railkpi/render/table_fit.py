"""How the terminal's assessment table fits the width it is printed in.

Numbers, targets and statuses are never cut or wrapped. When the full table is wider than the
terminal, columns are left out, lowest priority first (DROP_ORDER), and the table says which
in one line under it — a column the user asked for (ASKED: the step of the year) only once
the name cannot wrap narrower; then the indicator name wraps (at a word in English, a long
hyphenated word after a hyphen, between characters in Chinese, no line starting with a closing
bracket or ending with an opening one). Narrower than BLOCK_BELOW, or when even the name at
NAME_FLOOR does not fit, each target prints as a block: its name on a line, then a
`label: value` line per figure. Widths are counted in terminal
cells (a Chinese character is two), by render/cells.py, which measures as rich does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from railkpi.records import record
from railkpi.render.cells import cell_len

#: Columns left out when the table is too wide, first to go first: what is still needed each
#: year (a wide terminal's extra), time elapsed (the same for every target of a plan's target
#: year), the growth achieved so far, the baseline, the growth still needed, completion, and
#: last the step of the year assessed — there only because the user asked for steps (the plan
#: file's own, or --milestones), so it outlasts the figures railkpi adds unasked; once left
#: out, its steps print as lines under the table. The indicator, the latest figure, the
#: target, the gap, the status and the change mark since the year before are always shown; a
#: column not named here is never left out.
DROP_ORDER: tuple[str, ...] = (
    "col-needed-per-year", "col-time", "col-cagr", "col-baseline", "col-needed",
    "col-completion", "col-step",
)
#: Columns the user asked for: rather than leave one out, the indicator's name wraps below
#: its comfortable width, down to its floor (NAME_FLOOR, or its longest word).
ASKED: frozenset[str] = frozenset({"col-step"})
#: Cells between two columns.
GAP = 2
#: The indicator column is not wrapped narrower than this while columns can still be left out…
NAME_COMFORT = 20
#: …nor ever narrower than this: below it, the table prints as blocks.
NAME_FLOOR = 12
#: Below this width the table always prints as blocks, one per target.
BLOCK_BELOW = 60


@record
class Layout:
    """The columns shown (keys of display.SUMMARY_COLUMNS, the name first) and their widths,
    the keys left out, or blocks when no table fits."""

    shown: tuple[str, ...]
    widths: tuple[int, ...]
    left_out: tuple[str, ...]
    blocks: bool


def fit(keys: Sequence[str], heads: Sequence[str], rows: Sequence[Sequence[str]],
        width: int, headings: Sequence[str] = ()) -> Layout:
    """The layout of a table of `rows` (cells in the order of `keys`, the indicator's first)
    under `heads` (lines split by newlines) at `width` cells; `headings` are the group rows,
    which print in the indicator's column."""
    natural = {key: max([_lines_width(heads[i]), *(_lines_width(r[i]) for r in rows)])
               for i, key in enumerate(keys)}
    name_key, figures = keys[0], list(keys[1:])
    names = [*(r[0] for r in rows), *headings]
    name_natural = max([natural[name_key], *map(cell_len, headings)])
    # The name column is never narrower than its longest word (a word is not split).
    longest_word = max((cell_len(t.strip()) for name in names for t in _tokens(name)), default=0)
    name_floor = min(name_natural, max(NAME_FLOOR, longest_word))
    name_wanted = max(name_floor, min(name_natural, NAME_COMFORT))
    left_out: list[str] = []

    def others() -> int:
        return sum(natural[key] + GAP for key in figures)

    for key in [k for k in DROP_ORDER if k in figures]:
        if others() + (name_floor if key in ASKED else name_wanted) <= width:
            break
        figures.remove(key)
        left_out.append(key)
    name_width = min(name_natural, width - others())
    if width < BLOCK_BELOW or name_width < name_floor:
        return Layout((), (), (), blocks=True)
    shown = (name_key, *figures)
    return Layout(shown, tuple([name_width, *(natural[k] for k in figures)]),
                  tuple(left_out), blocks=False)


def _lines_width(text: str) -> int:
    return max((cell_len(line) for line in text.split("\n")), default=0)


#: A run of Latin letters and digits, a bracketed part (a unit), or any other character.
_ZH_TOKENS = re.compile(r"[（(][^（）()]{1,12}[）)]|[A-Za-z0-9_.%/+\-]+|.", re.S)
#: Words, with the space before them; a bracketed unit at the end is one word: "(100M CNY)".
_WORDS = re.compile(r"\s*\([^()]{1,16}\)$|\s*\S+")
#: Punctuation a line may not start with…
_NO_LINE_START = set("）)〕］｝〉》」』】”’，、。：；！？%;,.:!?")
#: …and brackets a line may not end with.
_NO_LINE_END = set("（(〔［｛〈《「『【“‘")
#: The pieces of a token too wide for its line: Latin runs and single characters of Chinese
#: text (a bracketed part included), or the parts of a hyphenated word, each with its hyphen.
_ZH_PIECES = re.compile(r"[A-Za-z0-9_.%/+\-]+|.", re.S)
_HYPHENATED = re.compile(r"\s*[^\s-]*-+|\s*[^\s-]+")


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells: broken at spaces, and between Chinese
    characters; a bracketed unit stays whole where it fits, and no line starts with a closing
    bracket or punctuation. A word wider than `width` is split by cells."""
    lines: list[str] = []
    line = last = ""  # the line so far, and the token it ends with
    used = 0  # the cells of `line` (widths add up: a line is measured once, as it grows)
    for token in _fitting(_tokens(text), width):
        joined = line + token if line else token.lstrip()
        grown = used + cell_len(token) if line else cell_len(joined)
        carried = last.lstrip()
        if grown <= width or not line.strip():
            line, used = joined, grown
        elif len(carried) < len(line.rstrip()) and (
                token[0] in _NO_LINE_START or line.rstrip()[-1] in _NO_LINE_END) and (
                cell_len(carried + token) <= width):
            # The punctuation goes on with the word before it, an opening bracket with what
            # it opens: the line's last token moves down with the new one.
            kept = line[: len(line) - len(last)].rstrip()
            if len(kept) > 1 and kept[-1] in _NO_LINE_END and (
                    cell_len(kept[-1] + carried + token) <= width):
                kept, carried = kept[:-1].rstrip(), kept[-1] + carried
            lines.append(kept)
            line = carried + token
            used = cell_len(line)
        else:
            lines.append(line.rstrip())
            line = token.lstrip()
            used = cell_len(line)
        last = token
        while used > width:
            head = _cut(line, width)
            lines.append(head)
            line = line[len(head):]
            used = cell_len(line)
    if line or not lines:
        lines.append(line.rstrip())
    return lines


def _tokens(text: str) -> list[str]:
    """Words with the space before them ('Number', ' of', ' firms'), or in Chinese text
    characters, Latin runs and bracketed parts."""
    tokens: list[str] = []
    for word in _WORDS.findall(text):
        if not word.isascii() and any(cell_len(ch) > 1 for ch in word):
            pieces = _ZH_TOKENS.findall(word.lstrip())
            space = word[: len(word) - len(word.lstrip())]
            tokens.extend([space + pieces[0], *pieces[1:]] if pieces else [word])
        else:
            tokens.append(word)
    return tokens


def _fitting(tokens: list[str], width: int) -> list[str]:
    """The tokens, each one wider than `width` split where it may break: a Chinese token
    (a bracketed part) into its characters and Latin runs, a hyphenated word after its
    hyphens ('100-million-yuan-level' → '100-', 'million-', 'yuan-', 'level')."""
    pieces: list[str] = []
    for token in tokens:
        if cell_len(token.strip()) <= width:
            pieces.append(token)
        elif not token.isascii() and any(cell_len(ch) > 1 for ch in token):
            space = token[: len(token) - len(token.lstrip())]
            parts = _ZH_PIECES.findall(token.lstrip())
            pieces.extend([space + parts[0], *parts[1:]])
        else:
            pieces.extend(_HYPHENATED.findall(token) or [token])
    return pieces


def _cut(text: str, width: int) -> str:
    """The longest start of `text` at most `width` cells wide (at least one character)."""
    used = 0
    for index, char in enumerate(text):
        used += cell_len(char)
        if used > width:
            return text[: max(index, 1)]
    return text
