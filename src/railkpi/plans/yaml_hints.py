"""The YAML mistakes people make in plan files, recognised and explained in plain words.

PyYAML reports where it gave up, in parser terms: `op: >=` is "expected chomping or indentation
indicators", an unclosed quote is reported lines later, a full-width colon on the next line. This
module recognises the common mistakes behind such an error and says what to type, at the line
where the mistake is:

- an unquoted comparator `>=` or `>` (YAML reads `>` as the start of a folded block);
- a quote that is not closed on its line (YAML reads on to the next quote in the file);
- a full-width colon `：` or comma `，` where YAML needs `:` or `,`;
- a tab in the indentation (YAML indents with spaces only).

After a mistake is recognised the text is mended in memory, the way the message says, and parsed
again, so that every mistake of a file is reported in one run. Mending never adds or removes a
line, so the line numbers stay those of the file. Only the parser runs (events, no nodes), and
the number of re-reads is capped by the amount of text read.

`node_mistakes` recognises, in the composed nodes, what YAML reads without an error but not as
meant: `op: >` (an empty folded block), a full-width colon in a key (`{zh：规模, en: Scale}`
makes the key "zh：规模") and a full-width comma between the items of a flow list
(`[总收入，revenue]` is one item).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from railkpi.messages.problems_plan_yaml import FULL_WIDTH_NAMES
from railkpi.problems import Words
from railkpi.records import record

#: Re-reading stops once this many characters have been parsed (a plan file is a few dozen KiB).
MAX_TEXT_PARSED = 4 * 1024 * 1024
MAX_MISTAKES = 50

_COMPARATOR = re.compile(r"(>=|>)(?=\s*(?:#.*)?$|\s*[,}\]])")
_KEY_LINE = re.compile(r"\n[ \t]*(?:-[ \t]+)?[A-Za-z_][\w.-]*[ \t]*:(?:[ \t]|$)", re.MULTILINE)
#: Full-width punctuation → the ASCII character YAML needs.
_FULL_WIDTH = {"：": ":", "，": ","}


@record
class Mistake:
    """A recognised mistake: its problem code, line and column (from 1), the message fields,
    and the file's lines as the message says to write them."""

    code: str
    line: int
    column: int
    params: dict[str, str | Words]
    mended: list[str]


def _clip(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 60 else text[:57] + "…"


#: What YAML counts as a line break (its marks number lines by these), not only "\n".
_YAML_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def recognise(
    text: str, first: yaml.MarkedYAMLError
) -> tuple[list[Mistake], yaml.MarkedYAMLError | None]:
    """The mistakes behind a YAML error, in the order found, and the error left once they are
    mended (None if the mended text parses). ([], first) when the error is none of them."""
    lines = _YAML_BREAKS.split(text)  # numbered as YAML numbers lines in its marks
    mistakes: list[Mistake] = []
    error: yaml.MarkedYAMLError | None = first
    parsed = len(text)  # the reading that found `first`
    while error is not None and len(mistakes) < MAX_MISTAKES and parsed < MAX_TEXT_PARSED:
        mistake = _diagnose(lines, error)
        if mistake is None:
            break
        mistakes.append(mistake)
        lines = mistake.mended
        mended_text = "\n".join(lines)
        parsed += 2 * len(mended_text)  # a diagnosis may scan the text, then it is parsed again
        error = first_error(mended_text)
    mistakes.sort(key=lambda m: (m.line, m.column))
    if error is not None and mistakes:
        # An error on a line the mending changed may be the mending's own guess: not reported.
        changed = {m.line for m in mistakes}
        if (_line(error) or 0) in changed:
            error = None
    return mistakes, error


def first_error(text: str) -> yaml.MarkedYAMLError | None:
    """The first syntax error of `text` (scanner and parser only; nothing is constructed)."""
    try:
        for _ in yaml.parse(text, Loader=yaml.SafeLoader):
            pass
    except yaml.MarkedYAMLError as exc:
        return exc
    except yaml.YAMLError:
        return None
    return None


def _line(error: yaml.MarkedYAMLError) -> int | None:
    mark = error.problem_mark or error.context_mark
    return None if mark is None else mark.line + 1


def _diagnose(lines: list[str], error: yaml.MarkedYAMLError) -> Mistake | None:
    checks: tuple[Callable[[list[str], yaml.MarkedYAMLError], Mistake | None], ...] = (
        _unclosed_quote, _comparator, _full_width, _tab,
    )
    for check in checks:
        mistake = check(lines, error)
        if mistake is not None:
            return mistake
    return None


# -- an unclosed quote -----------------------------------------------------------------------


def _unclosed_quote(lines: list[str], error: yaml.MarkedYAMLError) -> Mistake | None:
    """A quote left open runs on to the next quote in the file: blame the line it opens on."""
    opening: tuple[int, int, str] | None = None  # line, column (from 0), quote character
    if error.context == "while scanning a quoted scalar" and error.context_mark is not None:
        mark = error.context_mark
        opening = (mark.line, mark.column, lines[mark.line][mark.column:mark.column + 1])
    elif error.problem_mark is not None:
        opening = _runaway_quote("\n".join(lines), error.problem_mark.line)
    if opening is None:
        return None
    line, column, quote = opening
    if quote not in ('"', "'"):
        return None
    mended = list(lines)
    mended[line] = lines[line].rstrip() + quote
    return Mistake("plan-yaml-unclosed-quote", line + 1, column + 1,
                   {"quote": quote, "fixed": _clip(mended[line])}, mended)


def _runaway_quote(text: str, error_line: int) -> tuple[int, int, str] | None:
    """A quoted scalar that spans lines, ends on the error's line and swallowed YAML keys."""
    runaway = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.line > error_line:
                break
            if not isinstance(token, yaml.ScalarToken) or token.style not in ('"', "'"):
                continue
            start, end = token.start_mark, token.end_mark
            swallowed = text[start.index:end.index]
            if start.line < end.line == error_line and _KEY_LINE.search(swallowed):
                runaway = (start.line, start.column, text[start.index])
    except yaml.YAMLError:
        pass
    return runaway


# -- an unquoted comparator --------------------------------------------------------------------


def _comparator(lines: list[str], error: yaml.MarkedYAMLError) -> Mistake | None:
    """`op: >=` (a block scalar that cannot start) or `{op: >=}` (no token starts with >)."""
    if error.context == "while scanning a block scalar":
        mark = error.context_mark
    elif error.problem is not None and "character '>' that cannot start" in error.problem:
        mark = error.problem_mark
    else:
        return None
    if mark is None:
        return None
    line = lines[mark.line]
    match = _COMPARATOR.match(line, mark.column)
    if match is None:
        return None
    op = match.group(1)
    mended = list(lines)
    mended[mark.line] = f'{line[:match.start()]}"{op}"{line[match.end():]}'
    block = error.context == "while scanning a block scalar"
    fixed = (mended[mark.line].strip().removeprefix("- ") if block
             else _flow_entry(mended[mark.line], mark.column))
    return Mistake("plan-yaml-comparator", mark.line + 1, mark.column + 1,
                   {"found": op, "fixed": _clip(fixed)}, mended)


def _flow_entry(line: str, column: int) -> str:
    """The entry of a flow mapping around `column`: '{id: x, op: ">="}' → 'op: ">="'."""
    start = max(line.rfind(",", 0, column), line.rfind("{", 0, column))
    end = min((i for i in (line.find(",", column), line.find("}", column)) if i != -1),
              default=len(line))
    return line[start + 1:end].strip() or line.strip()


# -- full-width punctuation --------------------------------------------------------------------


def _full_width(lines: list[str], error: yaml.MarkedYAMLError) -> Mistake | None:
    """A full-width ： in a key or ， in a flow collection, on a line YAML was reading."""
    candidates = [m.line for m in (error.context_mark, error.problem_mark) if m is not None]
    for number in dict.fromkeys(candidates):
        line = lines[number]
        column = _key_colon(line)
        if column is None:
            column = _flow_comma(line)
        if column is None:
            continue
        char = line[column]
        after = line[column + 1:].lstrip(" ")
        mended = list(lines)
        mended[number] = f"{line[:column]}{_FULL_WIDTH[char]} {after}".rstrip()
        return Mistake("plan-yaml-fullwidth", number + 1, column + 1,
                       _full_width_params(char, mended[number]), mended)
    return None


def _full_width_params(char: str, fixed: str) -> dict[str, str | Words]:
    return {"char": char, "ascii": _FULL_WIDTH[char], "name": Words(*FULL_WIDTH_NAMES[char]),
            "fixed": _clip(fixed)}


def _outside_quotes(line: str) -> list[tuple[int, str]]:
    """(column, character) of the line's characters outside quotes, up to a comment."""
    kept: list[tuple[int, str]] = []
    quote = None
    for i, ch in enumerate(line):
        if quote:
            quote = None if ch == quote else quote
        elif ch in "\"'" and (i == 0 or line[i - 1] in " \t[{,:-"):
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            break
        else:
            kept.append((i, ch))
    return kept


def _key_colon(line: str) -> int | None:
    """A ： before the line's first ': ' (after it, a ： is part of the value's text)."""
    for i, ch in _outside_quotes(line):
        if ch == "：":
            return i
        if ch == ":" and line[i + 1:i + 2] in (" ", ""):
            return None
    return None


def _flow_comma(line: str) -> int | None:
    """A ， inside [ ] or { } (in block text a ， is part of the text)."""
    depth = 0
    for i, ch in _outside_quotes(line):
        depth += (ch in "[{") - (ch in "]}")
        if ch == "，" and depth > 0:
            return i
    return None


# -- tabs ------------------------------------------------------------------------------------


def _tab(lines: list[str], error: yaml.MarkedYAMLError) -> Mistake | None:
    """A tab in a line's indentation ("found character '\\t' that cannot start any token")."""
    mark = error.problem_mark
    if mark is None or error.problem is None or "'\\t'" not in error.problem:
        return None
    line = lines[mark.line]
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    if "\t" not in indent:
        return None
    mended = list(lines)
    mended[mark.line] = " " * _sibling_indent(lines, mark.line) + line.lstrip(" \t")
    return Mistake("plan-yaml-tab", mark.line + 1, indent.index("\t") + 1, {}, mended)


def _sibling_indent(lines: list[str], number: int) -> int:
    """Where the line was probably meant to start: under the previous line's key, or two
    columns in if that line opens a mapping. Used only to read on after the tab."""
    for previous in reversed(lines[:number]):
        body = previous.split(" #")[0].rstrip()
        if not body.strip() or body.lstrip().startswith("#"):
            continue
        content = len(body) - len(body.lstrip(" "))
        if body.lstrip().startswith("- "):
            content += 2
        return content + 2 if body.endswith(":") else content
    return 0


# -- what YAML reads without an error, but not as meant ------------------------------------------

NodeMistake = tuple[str, int, int, dict[str, str | Words]]


def node_mistakes(node: Node, parts: tuple[str | int, ...]) -> tuple[list[NodeMistake], Any]:
    """(code, line, column, params) for `op: >`, a full-width colon in a key and a full-width
    comma between flow-list items; and the value meant, where it is plain (`op: >` means ">";
    otherwise None: the node's content is not used)."""
    found: list[NodeMistake] = []
    meant: Any = None
    if isinstance(node, ScalarNode) and node.style == ">" and not node.value \
            and parts[-1:] == ("op",):
        found.append(("plan-yaml-comparator", *_at(node), {"found": node.style,
                                                           "fixed": f'op: "{node.style}"'}))
        meant = node.style
    elif isinstance(node, MappingNode):
        for key, _ in node.value:
            if isinstance(key, ScalarNode) and key.style is None and "：" in key.value:
                head, _, tail = key.value.partition("：")
                found.append(("plan-yaml-fullwidth", *_at(key),
                              _full_width_params("：", f"{head}: {tail.lstrip()}")))
    elif isinstance(node, SequenceNode) and node.flow_style:
        for item in node.value:
            if isinstance(item, ScalarNode) and item.style is None and "，" in item.value:
                items = ", ".join(part.strip() for part in item.value.split("，"))
                found.append(("plan-yaml-fullwidth", *_at(item),
                              _full_width_params("，", f"[{items}]")))
    return found, meant


def _at(node: Node) -> tuple[int, int]:
    mark = node.start_mark
    return mark.line + 1, mark.column + 1
