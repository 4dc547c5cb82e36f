"""Composing a plan file's YAML into nodes, without constructing anything: anchors and
aliases noted for refusal, explicit tags kept, nesting depth and node count capped.

The same composer runs on two parsers: libyaml's (`PlanYamlCParser`, where PyYAML was built
with it; some thirty times faster), for the bundled plans, and PyYAML's own (`PlanYamlLoader`)
for every other file, and for a bundled one libyaml's parser cannot read cleanly
(plans/yaml_reader.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import yaml
from yaml.composer import ComposerError
from yaml.error import Mark
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from railkpi.plans.yaml_scalars import MAP, NULL, SEQ, STR, resolve_plain
from railkpi.records import record

#: A plan nests five levels deep (plan → targets → target → note → en).
MAX_DEPTH = 32
#: The bundled plans have about 1,000 nodes each; PyYAML composes some 30,000 a second.
MAX_NODES = 20_000


class LimitError(Exception):
    """The document is nested too deep or has too many nodes: composing stops."""

    def __init__(self, code: str, limit: int, mark: Mark | None) -> None:
        super().__init__(code)
        self.code, self.limit, self.mark = code, limit, mark


@record
class _Refusal:
    kind: Literal["anchor", "alias"]
    text: str
    mark: Mark | None


class PlanComposer:
    """Composes nodes only, from the events of the parser it is mixed with: anchors and
    aliases noted, explicit tags kept, limits enforced. The constructor never runs."""

    refusals: dict[int, list[_Refusal]]
    explicit_tags: dict[int, str]
    depth: int
    count: int

    def _start_composing(self) -> None:
        self.refusals = {}
        self.explicit_tags = {}
        self.depth = 0
        self.count = 0

    if TYPE_CHECKING:  # the parser's side, from yaml.parser.Parser or yaml.CParser
        def peek_event(self) -> Any: ...

        def check_event(self, *choices: Any) -> Any: ...

        def get_event(self) -> Any: ...

    def resolve(self, kind: type[Node], value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            return resolve_plain(value or "") if implicit[0] else STR
        return SEQ if kind is SequenceNode else MAP

    def next_event(self) -> Any:
        return self.get_event()

    def compose_node(self, parent: Node | None, index: object) -> Node:
        event: Any = self.peek_event()
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
            # libyaml marks a plain scalar's style '' where PyYAML has None.
            return ScalarNode(tag or self.resolve(ScalarNode, event.value, event.implicit),
                              event.value, event.start_mark, event.end_mark,
                              style=event.style or None)
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


class PlanYamlLoader(PlanComposer, yaml.SafeLoader):
    """PyYAML's own reader, scanner and parser (pure Python), then `PlanComposer`."""

    def __init__(self, text: str) -> None:
        yaml.SafeLoader.__init__(self, text)  # checks every character first
        self._start_composing()


# libyaml's parser exists only where PyYAML was built with libyaml.
_CParser: Any
try:
    from yaml._yaml import CParser as _CParser
except ImportError:
    _CParser = None
C_PARSER_AVAILABLE = _CParser is not None


class PlanYamlCParser(PlanComposer, _CParser or object):  # type: ignore[misc]
    """libyaml's parser (in C), then `PlanComposer`. Use only where C_PARSER_AVAILABLE."""

    def __init__(self, text: str) -> None:
        _CParser.__init__(self, text)
        self._start_composing()

    def get_single_node(self) -> Node | None:
        """The document's root node, as yaml.composer.Composer.get_single_node composes it."""
        self.next_event()  # the stream's start
        document = None
        if not self.check_event(StreamEndEvent):
            self.next_event()  # the document's start
            document = self.compose_node(None, None)
            if not isinstance(self.next_event(), DocumentEndEvent):
                raise ComposerError(None, None, "expected the end of the document", None)
        if not self.check_event(StreamEndEvent):
            event = self.next_event()
            raise ComposerError("expected a single document in the stream", None,
                                "but found another document", event.start_mark)
        self.next_event()
        return document



def line_column(mark: Mark | None) -> tuple[int | str, int | str]:
    """Line and column of a mark, counted from 1."""
    if mark is None:
        return "?", "?"
    return mark.line + 1, mark.column + 1
