"""Read a plan file's YAML safely: size cap, UTF-8, then railkpi's own composer and builder.

Plan files are read by railkpi's own loader, never by yaml.load with a constructing loader:
yaml.SafeLoader's reader, scanner and parser, and a composer of railkpi's own, turn the text
into nodes; railkpi turns the nodes into Python values itself (`Builder`). No constructor
runs, so no tag can build an object, and every node keeps its line and its text as written:

- anchors, aliases and the merge key `<<` are refused (a plan is written out in full, and
  aliases make "billion laughs" documents possible);
- a key given twice in one mapping is refused (YAML loaders silently keep the last one);
- tags other than YAML's own (!!str, !!int, !!float, !!bool, !!null, !!seq, !!map) are
  refused;
- plain scalars are read as YAML 1.2 reads them: only true/false are booleans; yes/no/on/off
  and dates stay text (pydantic reads `plan.published` as a date);
- numbers YAML 1.1 and 1.2 read differently (012, 0x1F, 0o17, 0b101, 1_000, 1:30) are
  refused wherever they appear, and an id that YAML would read as anything but text (NO,
  1.10, 2025, 2022-02-21) must be quoted;
- the file size, the nesting depth and the number of nodes are capped.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml

from railkpi.messages.problems_plan_yaml import YAML_DETAILS, YAML_PARSER_ZH
from railkpi.plans.yaml_builder import Builder, Document
from railkpi.plans.yaml_composer import LimitError, PlanYamlLoader, line_column
from railkpi.plans.yaml_hints import recognise
from railkpi.problems import InputError, Problem, Words, error, os_error_words

#: A plan file is a few dozen KiB; a larger file is refused without being read.
MAX_PLAN_BYTES = 1024 * 1024


def _words(key: str, **fields: object) -> Words:
    zh, en = YAML_DETAILS[key]
    return Words(zh.format(**fields), en.format(**fields))


def parser_words(problem: str) -> Words:
    """The YAML parser's explanation (PyYAML's English), with its Chinese where known."""
    chinese = next((zh for start, zh in YAML_PARSER_ZH if problem.startswith(start)),
                   YAML_DETAILS["parser"][0])
    return Words(chinese, problem)


def _unreadable(name: str, text: str, exc: yaml.reader.ReaderError) -> InputError:
    """A character YAML does not allow (a control character): its line and column."""
    position = exc.position if isinstance(exc.position, int) else 0
    before = text[:position]
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or " ")
    return InputError([error(
        "plan-yaml", name, line=before.count("\n") + 1,
        column=position - (before.rfind("\n") + 1) + 1,
        detail=_words("control-character", code=f"{code:04X}", reason=exc.reason),
    )])


def syntax_problems(name: str, text: str, exc: yaml.MarkedYAMLError) -> list[Problem]:
    """The mistakes behind a syntax error, each at its line (plans/yaml_hints.py), and whatever
    error is left once they are mended, as YAML reports it."""
    mistakes, left = recognise(text, exc)
    problems = [replace(error(m.code, name, None, line=m.line, column=m.column, **m.params),
                        line=m.line) for m in mistakes]
    if left is not None:
        line, column = line_column(left.problem_mark or left.context_mark)
        problem = error("plan-yaml", name, line=line, column=column,
                        detail=parser_words(left.problem or left.context or str(left)))
        problems.append(replace(problem, line=line) if isinstance(line, int) else problem)
    return problems


def read_plan_yaml(path: Path, name: str) -> Document:
    """Read a plan file's YAML safely. Raises InputError when it cannot be read at all."""
    try:
        size = path.stat().st_size
        if size <= MAX_PLAN_BYTES:
            with path.open("rb") as stream:
                raw = stream.read(MAX_PLAN_BYTES + 1)  # a file may grow after stat()
            size = max(size, len(raw))
    except OSError as exc:
        raise InputError([error("plan-yaml", name, line="?", column="?",
                                detail=os_error_words(exc))]) from None
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
            detail=_words("not-utf8", byte=f"{raw[exc.start]:02x}"),
        )]) from None
    try:
        loader = PlanYamlLoader(text)  # checks every character first
    except yaml.reader.ReaderError as exc:
        raise _unreadable(name, text, exc) from None
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise InputError(syntax_problems(name, text, exc)) from None
    except yaml.reader.ReaderError as exc:
        raise _unreadable(name, text, exc) from None
    except yaml.YAMLError as exc:
        raise InputError([error("plan-yaml", name, line="?", column="?",
                                detail=parser_words(str(exc)))]) from None
    except LimitError as exc:
        line, column = line_column(exc.mark)
        raise InputError([error(exc.code, name, line=line, column=column, limit=exc.limit)]
                         ) from None
    finally:
        loader.dispose()
    builder = Builder(name, loader)
    if root is not None:
        builder.document.data = builder.build(root)
    return builder.document
