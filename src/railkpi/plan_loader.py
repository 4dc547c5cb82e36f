"""Find, read and check plan files: YAML → `Plan`, every problem with file and YAML path."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import ValidationError
from yaml.composer import ComposerError
from yaml.error import Mark
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from railkpi import plan_hints, yaml_hints
from railkpi.plan import Indicator, Plan
from railkpi.problems import InputError, Problem, error, raise_if_errors, warning

_HIGHER_OPS = (">", ">=")


def bundled_plan_dir() -> Path:
    """The directory holding the bundled plan files.

    An installed wheel carries them as railkpi/targets; a source checkout (also an editable
    install) keeps them in the repository's top-level targets/.
    """
    packaged = Path(str(resources.files("railkpi"))) / "targets"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "targets"


def bundled_plan_ids() -> list[str]:
    return sorted(p.stem for p in bundled_plan_dir().glob("*.yaml"))


def resolve_plan_path(ref: str) -> Path:
    """A bundled plan id or a path to a YAML file; raises InputError otherwise."""
    if ref in bundled_plan_ids():
        return bundled_plan_dir() / f"{ref}.yaml"
    path = Path(ref)
    if path.is_file():
        return path
    raise_if_errors(
        [error("plan-not-found", found=ref, bundled=", ".join(bundled_plan_ids()))]
    )
    raise AssertionError("unreachable")


def yaml_path(loc: Sequence[int | str]) -> str:
    """('targets', 3, 'op') → 'targets[3].op'."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(top level)"


def _found(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "…"


# -- reading YAML ------------------------------------------------------------------------
#
# Plan files are read by railkpi's own loader, never by yaml.load with a constructing loader:
# yaml.SafeLoader's reader, scanner and parser, and a composer of railkpi's own, turn the text
# into nodes; railkpi turns the nodes into Python values itself (`_Builder`). No constructor
# runs, so no tag can build an object, and every node keeps its line and its text as written:
#
# - anchors, aliases and the merge key `<<` are refused (a plan is written out in full, and
#   aliases make "billion laughs" documents possible);
# - a key given twice in one mapping is refused (YAML loaders silently keep the last one);
# - tags other than YAML's own (!!str, !!int, !!float, !!bool, !!null, !!seq, !!map) are
#   refused;
# - plain scalars are read as YAML 1.2 reads them: only true/false are booleans; yes/no/on/off
#   and dates stay text (pydantic reads `plan.published` as a date);
# - numbers YAML 1.1 and 1.2 read differently (012, 0x1F, 0o17, 0b101, 1_000, 1:30) are
#   refused wherever they appear, and an id that YAML would read as anything but text (NO,
#   1.10, 2025, 2022-02-21) must be quoted;
# - the file size, the nesting depth and the number of nodes are capped.

#: A plan file is a few dozen KiB; a larger file is refused without being read.
MAX_PLAN_BYTES = 1024 * 1024
#: A plan nests five levels deep (plan → targets → target → note → en).
MAX_DEPTH = 32
#: The bundled plans have about 1,000 nodes each; PyYAML composes some 30,000 a second.
MAX_NODES = 20_000

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_TAG + t for t in ("str", "int", "float", "bool", "null"))
_SEQ, _MAP = _TAG + "seq", _TAG + "map"

# YAML 1.2 core schema, except that 0x… and 0o… are not numbers (see _ambiguity).
_NULL_RE = re.compile(r"~|null|Null|NULL|")
_BOOL_RE = re.compile(r"true|True|TRUE|false|False|FALSE")
_INT_RE = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT_RE = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+"
)
_SPECIAL_FLOAT_RE = re.compile(r"([-+]?)\.(?:(inf|Inf|INF)|nan|NaN|NAN)")

# What YAML 1.1 reads differently.
_BOOL11_RE = re.compile(r"y|Y|yes|Yes|YES|on|On|ON|n|N|no|No|NO|off|Off|OFF")
_BOOL11_TRUE = frozenset(("y", "Y", "yes", "Yes", "YES", "on", "On", "ON"))
_TIMESTAMP11_RE = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
    r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?"
)
_HEX_RE = re.compile(r"([-+]?)0x([0-9a-fA-F_]+)")
_OCTAL12_RE = re.compile(r"([-+]?)0o([0-7_]+)")
_BINARY_RE = re.compile(r"([-+]?)0b([01_]+)")
_LEADING_ZERO_RE = re.compile(r"([-+]?)0([0-9_]+)")
_SEXAGESIMAL_RE = re.compile(
    r"([-+]?)([1-9][0-9_]*(?::[0-5]?[0-9])+)|([-+]?)([0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*)"
)
_UNDERSCORE_RE = re.compile(
    r"[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?"
)
#: Base-60 numbers longer than this are not worked out (int() refuses 5,000 digits).
_MAX_NUMBER_TEXT = 64


def _resolve_plain(text: str) -> str:
    """The tag YAML 1.2's core schema gives a plain scalar (0x…, 0o…, 012 stay text here)."""
    if _NULL_RE.fullmatch(text):
        return _NULL
    if _BOOL_RE.fullmatch(text):
        return _BOOL
    if _INT_RE.fullmatch(text):
        return _INT
    if _FLOAT_RE.fullmatch(text) or _SPECIAL_FLOAT_RE.fullmatch(text):
        return _FLOAT
    return _STR


def _number(text: str) -> int | float:
    """The value of a plain scalar resolved as an int or a float."""
    special = _SPECIAL_FLOAT_RE.fullmatch(text)
    if special:
        if special.group(2) is None:
            return math.nan
        return -math.inf if special.group(1) == "-" else math.inf
    if _INT_RE.fullmatch(text):
        try:
            return int(text)
        except ValueError:  # more digits than Python converts: as a float it is ±inf
            return float(text)
    return float(text)


def _show(value: int | float) -> str:
    if isinstance(value, float):
        text = repr(value)
        return text.removesuffix(".0")
    return str(value) if value.bit_length() < 1000 else f"≈2^{value.bit_length() - 1}"


def _sexagesimal(body: str) -> int | float:
    *parts, last = body.replace("_", "").split(":")
    value: int | float = 0
    for part in parts:
        value = value * 60 + int(part)
    return value * 60 + (float(last) if "." in last else int(last))


def _ambiguity(text: str) -> tuple[str, str, str] | None:
    """(zh, en, plain) when YAML 1.1 and 1.2 disagree on a plain scalar that looks like a number.

    zh and en say how YAML reads it; plain is the number written unambiguously.
    """

    def reading(zh: str, en: str, value: int | float | str | None,
                plain: str) -> tuple[str, str, str]:
        shown = value if isinstance(value, str) else _show(value) if value is not None else "…"
        return zh.format(_clip(shown)), en.format(_clip(shown)), plain

    def signed(sign: str, value: int) -> int:
        return -value if sign == "-" else value

    if match := _HEX_RE.fullmatch(text):
        value = signed(match[1], int(match[2].replace("_", "") or "0", 16))
        return reading("YAML 读作十六进制数 {}", "YAML reads it as hexadecimal {}", value,
                       _show(value))
    if match := _OCTAL12_RE.fullmatch(text):
        value = signed(match[1], int(match[2].replace("_", "") or "0", 8))
        return reading("YAML 1.2 读作八进制数 {}，YAML 1.1 读作文本",
                       "YAML 1.2 reads it as octal {}, YAML 1.1 as text", value, _show(value))
    if match := _BINARY_RE.fullmatch(text):
        value = signed(match[1], int(match[2].replace("_", "") or "0", 2))
        return reading("YAML 1.1 读作二进制数 {}", "YAML 1.1 reads it as binary {}", value,
                       _show(value))
    if match := _SEXAGESIMAL_RE.fullmatch(text):
        sign, body = (match[1], match[2]) if match[2] else (match[3], match[4])
        number = _sexagesimal(body) if len(text) <= _MAX_NUMBER_TEXT else None
        if number is not None and sign == "-":
            number = -number
        return reading("YAML 1.1 读作六十进制数 {}", "YAML 1.1 reads it as the base-60 number {}",
                       number, _show(number) if number is not None else "…")
    if match := _LEADING_ZERO_RE.fullmatch(text):
        sign, digits = match[1], match[2].replace("_", "")
        plain = (sign if sign == "-" else "") + (digits.lstrip("0") or "0")
        if set(digits) <= set("01234567"):
            return reading("YAML 1.1 读作八进制数 {}", "YAML 1.1 reads it as octal {}",
                           signed(sign, int(digits or "0", 8)), plain)
        return reading("YAML 1.2 读作 {}，YAML 1.1 读作文本",
                       "YAML 1.2 reads it as {}, YAML 1.1 as text", plain, plain)
    if "_" in text and _UNDERSCORE_RE.fullmatch(text):
        plain = text.replace("_", "")
        return reading("YAML 1.1 忽略下划线读作 {}，YAML 1.2 读作文本",
                       "YAML 1.1 reads it as {} (ignoring the underscores), YAML 1.2 as text",
                       plain, plain)
    return None


def _id_reading(text: str) -> tuple[str, str] | None:
    """(zh, en) when YAML (1.1 or 1.2) would read a plain scalar as anything but text."""
    ambiguous = _ambiguity(text)
    if ambiguous:
        return ambiguous[0], ambiguous[1]
    if _BOOL11_RE.fullmatch(text):
        value = "true" if text in _BOOL11_TRUE else "false"
        return f"YAML 1.1 读作布尔值 {value}", f"YAML 1.1 reads it as the boolean {value}"
    tag = _resolve_plain(text)
    if tag == _BOOL:
        value = text.lower()
        return f"YAML 读作布尔值 {value}", f"YAML reads it as the boolean {value}"
    if tag == _NULL and text:
        return "YAML 读作空值 null", "YAML reads it as null (no value)"
    if tag in (_INT, _FLOAT):
        value = _show(_number(text))
        return f"YAML 读作数值 {value}", f"YAML reads it as the number {value}"
    if _TIMESTAMP11_RE.fullmatch(text):
        return "YAML 1.1 读作日期", "YAML 1.1 reads it as a date"
    return None


def _is_id(parts: tuple[str | int, ...]) -> bool:
    """Whether the value at this YAML path is an id (which must be text)."""
    match parts:
        case ("plan", "id") | ("targets", int(), "id" | "indicator" | "group"):
            return True
        case ("history" | "stated_rates" | "stated_changes" | "stated_totals", int(),
              "indicator"):
            return True
    return False


def _written_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag


def _clip(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"


class _LimitError(Exception):
    """The document is nested too deep or has too many nodes: composing stops."""

    def __init__(self, code: str, limit: int, mark: Mark | None) -> None:
        super().__init__(code)
        self.code, self.limit, self.mark = code, limit, mark


@dataclass(frozen=True)
class _Refusal:
    kind: Literal["anchor", "alias"]
    text: str
    mark: Mark | None


class _PlanYamlLoader(yaml.SafeLoader):
    """yaml.SafeLoader that composes nodes only: anchors and aliases noted, limits enforced.

    Only the reader, scanner, parser and this composer are used; the constructor never runs.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.refusals: dict[int, list[_Refusal]] = {}
        self.explicit_tags: dict[int, str] = {}
        self.depth = 0
        self.count = 0

    def resolve(self, kind: type[Node], value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            return _resolve_plain(value or "") if implicit[0] else _STR
        return _SEQ if kind is SequenceNode else _MAP

    def next_event(self) -> Any:
        return self.get_event()  # type: ignore[no-untyped-call]

    def compose_node(self, parent: Node | None, index: object) -> Node:
        event: Any = self.peek_event()  # type: ignore[no-untyped-call]
        self.count += 1
        if self.count > MAX_NODES:
            raise _LimitError("plan-too-many-nodes", MAX_NODES, event.start_mark)
        if self.check_event(AliasEvent):
            self.next_event()
            # The alias stands for nothing; it is reported and its place is left empty.
            placeholder = ScalarNode(_NULL, "", event.start_mark, event.end_mark)
            self._refuse(placeholder, "alias", f"*{event.anchor}", event.start_mark)
            return placeholder
        if self.depth >= MAX_DEPTH:
            raise _LimitError("plan-too-deep", MAX_DEPTH, event.start_mark)
        self.depth += 1
        try:
            node = self._compose(event)
        finally:
            self.depth -= 1
        if event.anchor is not None:
            self._refuse(node, "anchor", f"&{event.anchor}", event.start_mark)
        if event.tag is not None:
            self.explicit_tags[id(node)] = event.tag
        return node

    def _compose(self, event: Any) -> Node:
        tag = event.tag if event.tag not in (None, "!") else None
        if self.check_event(ScalarEvent):
            self.next_event()
            return ScalarNode(tag or self.resolve(ScalarNode, event.value, event.implicit),
                              event.value, event.start_mark, event.end_mark, style=event.style)
        if self.check_event(SequenceStartEvent):
            self.next_event()
            sequence = SequenceNode(tag or _SEQ, [], event.start_mark, None,
                                    flow_style=event.flow_style)
            while not self.check_event(SequenceEndEvent):
                sequence.value.append(self.compose_node(sequence, len(sequence.value)))
            sequence.end_mark = self.next_event().end_mark
            return sequence
        if self.check_event(MappingStartEvent):
            self.next_event()
            mapping = MappingNode(tag or _MAP, [], event.start_mark, None,
                                  flow_style=event.flow_style)
            while not self.check_event(MappingEndEvent):
                key = self.compose_node(mapping, None)
                mapping.value.append((key, self.compose_node(mapping, key)))
            mapping.end_mark = self.next_event().end_mark
            return mapping
        raise ComposerError(None, None, f"expected a node, found {type(event).__name__}",
                            event.start_mark)

    def _refuse(self, node: Node, kind: Literal["anchor", "alias"], text: str,
                mark: Mark | None) -> None:
        self.refusals.setdefault(id(node), []).append(_Refusal(kind, text, mark))


def _at(mark: Mark | None) -> tuple[int | str, int | str]:
    """Line and column of a mark, counted from 1."""
    if mark is None:
        return "?", "?"
    return mark.line + 1, mark.column + 1


@dataclass
class _Document:
    """A plan file's YAML as Python values, with what reading it found."""

    data: Any
    problems: list[Problem]
    #: YAML paths whose content was refused: schema errors at or under them are not reported.
    refused: set[str]
    #: YAML path → the text of a plain scalar YAML read as a number, a boolean or null.
    texts: dict[str, str]
    #: YAML path → the line (from 1) of its key, or of its value where it has no key.
    lines: dict[str, int] = field(default_factory=dict)

    def covers(self, where: str) -> bool:
        return any(
            path in ("(top level)", where) or where.startswith((path + ".", path + "["))
            for path in self.refused
        )


class _Builder:
    """Nodes → Python values, reporting aliases, duplicate keys, tags and ambiguous scalars."""

    def __init__(self, name: str, loader: _PlanYamlLoader) -> None:
        self.name = name
        self.loader = loader
        self.document = _Document(None, [], set(), {})

    def problem(self, code: str, parts: tuple[str | int, ...], mark: Mark | None,
                **params: object) -> None:
        line, column = _at(mark)
        problem = error(code, self.name, yaml_path(parts), line=line, column=column, **params)
        self.document.problems.append(
            replace(problem, line=line) if isinstance(line, int) else problem
        )

    def refuse(self, parts: tuple[str | int, ...]) -> None:
        self.document.refused.add(yaml_path(parts))

    def build(self, node: Node, parts: tuple[str | int, ...] = ()) -> Any:
        self.document.lines.setdefault(yaml_path(parts), node.start_mark.line + 1)
        if not self.acceptable(node, parts):
            self.refuse(parts)
            return None
        mistakes, meant = yaml_hints.node_mistakes(node, parts)
        for code, line, column, params in mistakes:
            problem = error(code, self.name, yaml_path(parts), line=line, column=column,
                            **params)
            self.document.problems.append(replace(problem, line=line))
        if mistakes:
            if meant is None:
                self.refuse(parts)
            return meant
        if isinstance(node, MappingNode):
            return self.mapping(node, parts)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*parts, i)) for i, item in enumerate(node.value)]
        if isinstance(node, ScalarNode):
            return self.scalar(node, parts)
        raise AssertionError(f"unexpected node {node!r}")

    def acceptable(self, node: Node, parts: tuple[str | int, ...]) -> bool:
        """Report the node's anchor, alias or tag; False if its content cannot be used."""
        usable = True
        for refusal in self.loader.refusals.get(id(node), ()):
            kind_zh, kind_en = ("锚点", "anchor") if refusal.kind == "anchor" else ("别名", "alias")
            self.problem("plan-yaml-alias", parts, refusal.mark, found=_clip(refusal.text),
                         kind_zh=kind_zh, kind_en=kind_en)
            usable = usable and refusal.kind == "anchor"
        tag = self.loader.explicit_tags.get(id(node))
        if tag is None or tag == "!" or tag == node.tag == {
            ScalarNode: _STR, SequenceNode: _SEQ, MappingNode: _MAP
        }.get(type(node)):
            return usable
        if isinstance(node, ScalarNode) and tag in (_INT, _FLOAT, _BOOL, _NULL):
            plain = _resolve_plain(node.value)
            if plain == tag or (tag, plain) == (_FLOAT, _INT):  # !!float 3000 is 3000.0
                return usable
            detail = (f"{_written_tag(tag)} {_clip(node.value)!r} is not a plain YAML 1.2 "
                      f"{tag.removeprefix(_TAG)}; write the value without the tag")
        else:
            detail = (f"the tag {_clip(_written_tag(tag))} is not allowed: plan files take no "
                      "tags; remove it")
        line, column = _at(node.start_mark)
        self.document.problems.append(
            error("plan-yaml", self.name, yaml_path(parts), line=line, column=column,
                  detail=detail)
        )
        return False

    def mapping(self, node: MappingNode, parts: tuple[str | int, ...]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            mark = key_node.start_mark
            if not isinstance(key_node, ScalarNode):
                kind_zh, kind_en = (("列表", "list") if isinstance(key_node, SequenceNode)
                                    else ("映射", "mapping"))
                self.problem("plan-yaml-key", parts, mark, kind_zh=kind_zh, kind_en=kind_en)
                self.refuse(parts)
                continue
            key = key_node.value
            key_parts = (*parts, key)
            if not self.acceptable(key_node, key_parts):
                self.refuse(parts)
                continue
            if key == "<<" and key_node.style is None:
                self.problem("plan-yaml-merge", key_parts, mark)
                self.refuse(parts)  # the keys it would have merged are missing
                self.build(value_node, key_parts)  # for the problems inside (an alias)
                continue
            if key in first_line:
                self.problem("plan-duplicate-key", key_parts, mark, key=_clip(key),
                             first_line=first_line[key])
                self.build(value_node, key_parts)  # for the problems inside; the first wins
                continue
            first_line[key] = mark.line + 1 if mark else 0
            self.document.lines[yaml_path(key_parts)] = first_line[key]
            if (parts in (("groups",), ("indicators",)) and key_node.style is None
                    and (reading := _id_reading(key))):
                self.problem("plan-yaml-unquoted-id", key_parts, mark, found=_clip(key),
                             reading_zh=reading[0], reading_en=reading[1])
                self.refuse(key_parts)
            result[key] = self.build(value_node, key_parts)
        return result

    def scalar(self, node: ScalarNode, parts: tuple[str | int, ...]) -> Any:
        text: str = node.value
        tag = self.loader.explicit_tags.get(id(node))
        if tag in ("!", _STR) or (tag is None and node.style is not None):
            return text  # quoted, a block scalar or tagged as text: text as written
        where = yaml_path(parts)
        if _is_id(parts):
            if reading := _id_reading(text):
                self.problem("plan-yaml-unquoted-id", parts, node.start_mark, found=_clip(text),
                             reading_zh=reading[0], reading_en=reading[1])
                self.refuse(parts)
                return text
        elif ambiguous := _ambiguity(text):
            self.problem("plan-yaml-ambiguous", parts, node.start_mark, found=_clip(text),
                         reading_zh=ambiguous[0], reading_en=ambiguous[1],
                         plain=_clip(ambiguous[2]))
            self.refuse(parts)
            return text
        if node.tag == _STR:
            return text
        self.document.texts[where] = _clip(text)
        if node.tag == _NULL:
            return None
        if node.tag == _BOOL:
            return text.lower() == "true"
        if node.tag == _FLOAT and _INT_RE.fullmatch(text):
            return float(text)  # !!float 3000
        return _number(text)


def _unreadable(name: str, text: str, exc: yaml.reader.ReaderError) -> InputError:
    """A character YAML does not allow (a control character): its line and column."""
    position = exc.position if isinstance(exc.position, int) else 0
    before = text[:position]
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or " ")
    return InputError([error(
        "plan-yaml", name, line=before.count("\n") + 1,
        column=position - (before.rfind("\n") + 1) + 1,
        detail=f"character U+{code:04X} is not allowed in YAML ({exc.reason}); delete it",
    )])


def _syntax_problems(name: str, text: str, exc: yaml.MarkedYAMLError) -> list[Problem]:
    """The mistakes behind a syntax error, each at its line (yaml_hints), and whatever error is
    left once they are mended, as YAML reports it."""
    mistakes, left = yaml_hints.recognise(text, exc)
    problems = [replace(error(m.code, name, line=m.line, column=m.column, **m.params),
                        line=m.line) for m in mistakes]
    if left is not None:
        line, column = _at(left.problem_mark or left.context_mark)
        problem = error("plan-yaml", name, line=line, column=column,
                        detail=left.problem or left.context or str(left))
        problems.append(replace(problem, line=line) if isinstance(line, int) else problem)
    return problems


def _read_plan_yaml(path: Path, name: str) -> _Document:
    """Read a plan file's YAML safely. Raises InputError when it cannot be read at all."""
    try:
        size = path.stat().st_size
        if size <= MAX_PLAN_BYTES:
            with path.open("rb") as stream:
                raw = stream.read(MAX_PLAN_BYTES + 1)  # a file may grow after stat()
            size = max(size, len(raw))
    except OSError as exc:
        raise InputError([error("plan-yaml", name, line="?", column="?",
                                detail=exc.strerror or str(exc))]) from None
    if size > MAX_PLAN_BYTES:
        raise InputError([error("plan-too-large", name, size=size, limit=MAX_PLAN_BYTES,
                                size_mib=f"{size / 2**20:.1f}",
                                limit_mib=f"{MAX_PLAN_BYTES / 2**20:g}")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        raise InputError([error(
            "plan-yaml", name, line=raw.count(b"\n", 0, exc.start) + 1,
            column=len(raw[line_start:exc.start].decode("utf-8", "replace")) + 1,
            detail=f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
        )]) from None
    try:
        loader = _PlanYamlLoader(text)  # checks every character first
    except yaml.reader.ReaderError as exc:
        raise _unreadable(name, text, exc) from None
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise InputError(_syntax_problems(name, text, exc)) from None
    except yaml.reader.ReaderError as exc:
        raise _unreadable(name, text, exc) from None
    except yaml.YAMLError as exc:
        raise InputError([error("plan-yaml", name, line="?", column="?", detail=str(exc))]
                         ) from None
    except _LimitError as exc:
        line, column = _at(exc.mark)
        raise InputError([error(exc.code, name, line=line, column=column, limit=exc.limit)]
                         ) from None
    finally:
        loader.dispose()
    builder = _Builder(name, loader)
    if root is not None:
        builder.document.data = builder.build(root)
    return builder.document


def load_plan(ref: str, warnings: list[Problem] | None = None) -> Plan:
    """Load and check one plan (bundled id or YAML path). Raises InputError with all problems.

    A plan with warnings only (a target year outside the plan period) loads; its warnings are
    appended to `warnings` when a list is given, so the caller decides whether to show them.
    Problems of the YAML itself (aliases, duplicate keys, tags, ambiguous scalars) are reported
    with the schema's problems, except those at or under a path whose content was refused.
    """
    path = resolve_plan_path(ref)
    name = str(path) if path.parent != bundled_plan_dir() else path.name
    document = _read_plan_yaml(path, name)
    problems = document.problems
    data = document.data
    # A tag (reported as plan-yaml, like a syntax error) means the YAML is not a plan file's
    # plain YAML: its problems are reported alone, as when the root itself was refused.
    if "(top level)" in document.refused or any(p.code == "plan-yaml" for p in problems):
        raise_if_errors(problems)
    if not isinstance(data, dict):
        problems.append(error("plan-not-mapping", name, found=type(data).__name__))
        raise_if_errors(problems)
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        invalid = plan_hints.drop_implied([
            plan_hints.schema_problem(err, data, name, where,
                                      document.texts.get(where) or _found(err.get("input")))
            for err in exc.errors(include_url=False)
            if not document.covers(where := yaml_path(err["loc"]))
        ])
        invalid = plan_hints.with_lines(invalid, document.lines)
        raise_if_errors(problems + invalid if problems or invalid else [
            error("plan-invalid", name, None, detail=str(exc), found="?")
        ])
        raise AssertionError("unreachable") from exc
    problems += plan_hints.with_lines(
        [p for p in check_plan(plan, name) if not document.covers(p.where or "")],
        document.lines,
    )
    raise_if_errors(problems)
    if warnings is not None:
        warnings.extend(problems)  # no errors left: these are all warnings
        warnings.extend(plan_hints.english_quotes_warning(plan, name))
    return plan


def check_plan(plan: Plan, name: str) -> list[Problem]:
    """Cross-references the schema cannot see: ids that must exist, years that must fit."""
    problems: list[Problem] = []
    indicators = plan.indicators
    start, end = plan.plan.period

    labels = {key: [key, i.name.zh, i.name.en, *i.aliases] for key, i in indicators.items()}

    def known(indicator: str, where: str) -> Indicator | None:
        if indicator not in indicators:
            problems.append(error("plan-unknown-indicator", name, where, found=indicator,
                                  **plan_hints.id_hint(indicator, indicators, labels)))
            return None
        return indicators[indicator]

    for section in ("history", "stated_rates", "stated_changes", "stated_totals"):
        for i, entry in enumerate(getattr(plan, section)):
            known(entry.indicator, f"{section}[{i}].indicator")

    seen_targets: dict[str, int] = {}
    for i, target in enumerate(plan.targets):
        at = f"targets[{i}]"
        if target.id in seen_targets:
            problems.append(
                error(
                    "plan-duplicate-target",
                    name,
                    f"{at}.id",
                    found=target.id,
                    other=f"targets[{seen_targets[target.id]}].id",
                )
            )
        seen_targets.setdefault(target.id, i)
        if target.group not in plan.groups:
            problems.append(
                error(
                    "plan-unknown-group",
                    name,
                    f"{at}.group",
                    found=target.group,
                    expected=", ".join(plan.groups),
                    **plan_hints.id_hint(target.group, plan.groups, {
                        key: [group.zh, group.en] for key, group in plan.groups.items()
                    }),
                )
            )
        # A warning, not an error: a plan may set a target beyond its period (a 2035 vision
        # in a 2021-2025 plan); the plan loads and `railkpi audit` lists it.
        if not start <= target.year <= end:
            problems.append(
                warning("plan-year-outside-period", name, f"{at}.year", found=target.year,
                        start=start, end=end)
            )
        if target.years is not None:
            for j, year in enumerate(target.years):
                if not start <= year <= end:
                    problems.append(
                        warning("plan-year-outside-period", name, f"{at}.years[{j}]",
                                found=year, start=start, end=end)
                    )
        baseline = target.baseline_year or plan.plan.baseline_year
        if target.kind in ("change", "ratio", "growth", "trend") and baseline >= target.year:
            problems.append(
                error(
                    "plan-baseline-after-target",
                    name,
                    f"{at}.baseline_year" if target.baseline_year else "plan.baseline_year",
                    baseline=baseline,
                    found=target.year,
                )
            )
        indicator = known(target.indicator, f"{at}.indicator")
        if indicator is None:
            continue
        # The comparator alone says which way is success (a change of −5 with "<=" is a cut of
        # at least 5), so it must point the way the indicator improves.
        if (
            target.op is not None
            and target.kind in ("level", "change", "each_year")
            and (target.op in _HIGHER_OPS) != (indicator.better == "higher")
        ):
                problems.append(
                    error("plan-op-against-better", name, f"{at}.op", found=target.op,
                          better=indicator.better)
                )
        if target.direction is not None and (target.direction == "rising") != (
            indicator.better == "higher"
        ):
            problems.append(
                error("plan-direction-against-better", name, f"{at}.direction",
                      found=target.direction, better=indicator.better)
            )

    owners: dict[str, str] = {}
    for indicator_id, indicator in indicators.items():
        for label in labels_of(indicator_id, indicator):
            first = owners.setdefault(label, indicator_id)
            if first != indicator_id:
                problems.append(
                    error("plan-duplicate-alias", name, f"indicators.{indicator_id}.aliases",
                          found=label, first=first, second=indicator_id)
                )
    return problems


def normalise_label(text: str) -> str:
    """How a row label is matched: full-width folded, case-folded, spaces removed."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def labels_of(indicator_id: str, indicator: Indicator) -> list[str]:
    names = [indicator_id, indicator.name.zh, indicator.name.en, *indicator.aliases]
    return list(dict.fromkeys(normalise_label(n) for n in names))


@dataclass(frozen=True)
class IndicatorRegistry:
    """The indicators of every loaded plan, merged, with a label → id lookup."""

    indicators: dict[str, Indicator]
    by_label: dict[str, tuple[str, ...]]

    def lookup(self, label: str) -> tuple[str, ...]:
        """Indicator ids a row label may mean: one is a match, none or several are problems."""
        return self.by_label.get(normalise_label(label), ())


def merge_plans(
    plans: Iterable[tuple[str, Plan]], also_known: Iterable[Plan] = ()
) -> IndicatorRegistry:
    """Merge the plans' indicators; shared ids must agree on unit and direction.

    `also_known` (the bundled plans not selected) only widens what a workbook may contain:
    one workbook serves every plan, so a row for another plan's indicator is not an error.
    Their indicators and labels never override the selected plans' own.
    """
    indicators: dict[str, Indicator] = {}
    origin: dict[str, str] = {}
    plan_ids: dict[str, str] = {}
    by_label: dict[str, list[str]] = {}
    problems: list[Problem] = []
    for name, plan in plans:
        if plan.id in plan_ids:
            problems.append(
                error("plan-duplicate-id", name, "plan.id", found=plan.id, other=plan_ids[plan.id])
            )
            continue
        plan_ids[plan.id] = name
        for indicator_id, indicator in plan.indicators.items():
            if indicator_id in indicators:
                first = indicators[indicator_id]
                for key in ("unit", "better"):
                    mine, theirs = getattr(indicator, key), getattr(first, key)
                    if mine != theirs:
                        problems.append(
                            error("plan-indicator-conflict", name,
                                  f"indicators.{indicator_id}.{key}", indicator=indicator_id,
                                  field=key, found=mine, other_value=theirs,
                                  other=origin[indicator_id])
                        )
                problems += plan_hints.scope_conflict(name, indicator_id, indicator, first,
                                                      origin[indicator_id])
            else:
                indicators[indicator_id] = indicator
                origin[indicator_id] = name
            for label in labels_of(indicator_id, indicator):
                ids = by_label.setdefault(label, [])
                if indicator_id not in ids:
                    ids.append(indicator_id)
    raise_if_errors(problems)
    for plan in also_known:
        for indicator_id, indicator in plan.indicators.items():
            if indicator_id in indicators:
                continue
            indicators[indicator_id] = indicator
            for label in labels_of(indicator_id, indicator):
                by_label.setdefault(label, [indicator_id])
    # An indicator's own id always means that indicator, whatever another plan's aliases say.
    resolved = {
        label: (label,) if label in indicators else tuple(ids) for label, ids in by_label.items()
    }
    return IndicatorRegistry(indicators, resolved)


def load_plans(
    refs: Sequence[str], warnings: list[Problem] | None = None
) -> list[tuple[str, Plan]]:
    """Load several plans; the problems of all of them are reported together.

    If any plan has errors, the InputError carries every plan's errors and warnings; otherwise
    the warnings are appended to `warnings` when a list is given.
    """
    loaded: list[tuple[str, Plan]] = []
    problems: list[Problem] = []
    for ref in refs:
        try:
            loaded.append((ref, load_plan(ref, problems)))
        except InputError as exc:
            problems.extend(exc.problems)
    # Beside errors, a plan's lack of English quotes is no news: it is left out.
    raise_if_errors([p for p in problems if p.code != "plan-no-english-quotes"])
    if warnings is not None:
        warnings.extend(problems)
    return loaded
