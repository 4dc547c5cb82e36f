"""Nodes → Python values with their YAML paths (`targets[3].op`), reporting aliases,
duplicate keys, tags and ambiguous scalars as problems."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from railkpi.messages.problems_plan_yaml import YAML_DETAILS, YAML_KINDS, YAML_TAG_KINDS
from railkpi.plans.yaml_composer import PlanYamlLoader, line_column
from railkpi.plans.yaml_hints import node_mistakes
from railkpi.plans.yaml_scalars import (
    BOOL,
    FLOAT,
    ID_KEYED,
    INT,
    INT_RE,
    MAP,
    NULL,
    SEQ,
    STR,
    TAG,
    ambiguity,
    clip,
    id_reading,
    is_id,
    resolve_plain,
    scalar_number,
    written_tag,
)
from railkpi.problems import Problem, Words, error


def _words(key: str, **fields: object) -> Words:
    """A plan-yaml detail of the catalog, in both languages."""
    zh, en = YAML_DETAILS[key]
    return Words(zh.format(**fields), en.format(**fields))


def yaml_path(loc: Sequence[int | str]) -> str:
    """('targets', 3, 'op') → 'targets[3].op'; a refused mapping key is at its own path
    (pydantic's ('…', 'milestones', '2023年', '[key]') → '….milestones.2023年')."""
    text = ""
    for part in loc:
        if part == "[key]":
            continue
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(top level)"



@dataclass
class Document:
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


class Builder:
    """Nodes → Python values, reporting aliases, duplicate keys, tags and ambiguous scalars."""

    def __init__(self, name: str, loader: PlanYamlLoader) -> None:
        self.name = name
        self.loader = loader
        self.document = Document(None, [], set(), {})

    def problem(self, code: str, parts: tuple[str | int, ...], mark: Mark | None,
                **params: object) -> None:
        line, column = line_column(mark)
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
        mistakes, meant = node_mistakes(node, parts)
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
            self.problem("plan-yaml-alias", parts, refusal.mark, found=clip(refusal.text),
                         kind=Words(*YAML_KINDS[refusal.kind]))
            usable = usable and refusal.kind == "anchor"
        tag = self.loader.explicit_tags.get(id(node))
        if tag is None or tag == "!" or tag == node.tag == {
            ScalarNode: STR, SequenceNode: SEQ, MappingNode: MAP
        }.get(type(node)):
            return usable
        if isinstance(node, ScalarNode) and tag in (INT, FLOAT, BOOL, NULL):
            plain = resolve_plain(node.value)
            if plain == tag or (tag, plain) == (FLOAT, INT):  # !!float 3000 is 3000.0
                return usable
            kind = tag.removeprefix(TAG)
            detail = _words("tag-mismatch", tag=written_tag(tag), value=repr(clip(node.value)),
                            kind=kind, kind_zh=YAML_TAG_KINDS[kind][0])
        else:
            detail = _words("tag-refused", tag=clip(written_tag(tag)))
        line, column = line_column(node.start_mark)
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
                kind = "list" if isinstance(key_node, SequenceNode) else "mapping"
                self.problem("plan-yaml-key", parts, mark, kind=Words(*YAML_KINDS[kind]))
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
                self.problem("plan-duplicate-key", key_parts, mark, key=clip(key),
                             first_line=first_line[key])
                self.build(value_node, key_parts)  # for the problems inside; the first wins
                continue
            first_line[key] = mark.line + 1 if mark else 0
            self.document.lines[yaml_path(key_parts)] = first_line[key]
            if (parts in ID_KEYED and key_node.style is None
                    and (reading := id_reading(key))):
                self.problem("plan-yaml-unquoted-id", key_parts, mark, found=clip(key),
                             reading=reading)
                self.refuse(key_parts)
            result[key] = self.build(value_node, key_parts)
        return result

    def scalar(self, node: ScalarNode, parts: tuple[str | int, ...]) -> Any:
        text: str = node.value
        tag = self.loader.explicit_tags.get(id(node))
        if tag in ("!", STR) or (tag is None and node.style is not None):
            return text  # quoted, a block scalar or tagged as text: text as written
        where = yaml_path(parts)
        if is_id(parts):
            if reading := id_reading(text):
                self.problem("plan-yaml-unquoted-id", parts, node.start_mark, found=clip(text),
                             reading=reading)
                self.refuse(parts)
                return text
        elif ambiguous := ambiguity(text):
            self.problem("plan-yaml-ambiguous", parts, node.start_mark, found=clip(text),
                         reading=ambiguous[0], plain=clip(ambiguous[1]))
            self.refuse(parts)
            return text
        if node.tag == STR:
            return text
        self.document.texts[where] = clip(text)
        if node.tag == NULL:
            return None
        if node.tag == BOOL:
            return text.lower() == "true"
        if node.tag == FLOAT and INT_RE.fullmatch(text):
            return float(text)  # !!float 3000
        return scalar_number(text)
