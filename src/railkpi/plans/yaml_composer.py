"""Composing a plan file's YAML into nodes, without constructing anything: anchors and
aliases noted for refusal, explicit tags kept, nesting depth and node count capped."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import yaml
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

from railkpi.plans.yaml_scalars import MAP, NULL, SEQ, STR, resolve_plain

#: A plan nests five levels deep (plan → targets → target → note → en).
MAX_DEPTH = 32
#: The bundled plans have about 1,000 nodes each; PyYAML composes some 30,000 a second.
MAX_NODES = 20_000


class LimitError(Exception):
    """The document is nested too deep or has too many nodes: composing stops."""

    def __init__(self, code: str, limit: int, mark: Mark | None) -> None:
        super().__init__(code)
        self.code, self.limit, self.mark = code, limit, mark


@dataclass(frozen=True)
class _Refusal:
    kind: Literal["anchor", "alias"]
    text: str
    mark: Mark | None


class PlanYamlLoader(yaml.SafeLoader):
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
            return resolve_plain(value or "") if implicit[0] else STR
        return SEQ if kind is SequenceNode else MAP

    def next_event(self) -> Any:
        return self.get_event()  # type: ignore[no-untyped-call]

    def compose_node(self, parent: Node | None, index: object) -> Node:
        event: Any = self.peek_event()  # type: ignore[no-untyped-call]
        self.count += 1
        if self.count > MAX_NODES:
            raise LimitError("plan-too-many-nodes", MAX_NODES, event.start_mark)
        if self.check_event(AliasEvent):
            self.next_event()
            # The alias stands for nothing; it is reported and its place is left empty.
            placeholder = ScalarNode(NULL, "", event.start_mark, event.end_mark)
            self._refuse(placeholder, "alias", f"*{event.anchor}", event.start_mark)
            return placeholder
        if self.depth >= MAX_DEPTH:
            raise LimitError("plan-too-deep", MAX_DEPTH, event.start_mark)
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
            sequence = SequenceNode(tag or SEQ, [], event.start_mark, None,
                                    flow_style=event.flow_style)
            while not self.check_event(SequenceEndEvent):
                sequence.value.append(self.compose_node(sequence, len(sequence.value)))
            sequence.end_mark = self.next_event().end_mark
            return sequence
        if self.check_event(MappingStartEvent):
            self.next_event()
            mapping = MappingNode(tag or MAP, [], event.start_mark, None,
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


def line_column(mark: Mark | None) -> tuple[int | str, int | str]:
    """Line and column of a mark, counted from 1."""
    if mark is None:
        return "?", "?"
    return mark.line + 1, mark.column + 1
