"""Hostile and surprising plan files: the YAML itself, before the plan schema.

Plan files are read safely (no constructor ever runs), without anchors, aliases, merge keys,
duplicate keys or tags, without YAML 1.1's surprises (NO → false, 012 → 10, 1_000 → 1000,
1:30 → 90), within a size, depth and node cap; every problem names the file, the YAML path and
the line. Expected messages are written out by hand.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from railkpi.plans.loader import load_plan
from railkpi.plans.models import Plan
from railkpi.plans.yaml_composer import MAX_DEPTH, MAX_NODES, PlanYamlLoader
from railkpi.plans.yaml_reader import MAX_PLAN_BYTES
from railkpi.problems import MAX_PER_CODE, InputError

REPO = Path(__file__).resolve().parents[1]

#: A valid plan, written as a user would; the line numbers below refer to it.
BASE = """\
plan:
  id: test-plan
  title: {zh: 测试规划, en: Test plan}
  published: 2022-02-21
  period: [2021, 2025]
  baseline_year: 2020
groups:
  scale: {zh: 规模, en: Scale}
indicators:
  revenue_total:
    name: {zh: 总收入, en: Total revenue}
    unit: 亿元
    better: higher
    aliases: [总收入, revenue]
targets:
  - id: revenue-2025
    indicator: revenue_total
    kind: level
    op: ">="
    value: 3000
    year: 2025
    group: scale
    quote: 年度收入达到3000亿元
"""

NO_ALIASES = ("plan files take no anchors or aliases: write the value out in full wherever it "
              "is needed")


def edited(*changes: tuple[str, str], append: str = "") -> str:
    """BASE with each (old, new) replaced (old must occur once) and `append` added at the end."""
    text = BASE
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text + append


def write(folder: Path, text: str | bytes, name: str = "plan.yaml") -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path, lang: str = "en") -> list[tuple[str, str | None, str]]:
    """(code, YAML path, message) of every problem loading the file reports; it must fail."""
    with pytest.raises(InputError) as caught:
        load_plan(str(path))
    for problem in caught.value.problems:
        assert problem.file == str(path)
        problem.message("zh" if lang == "en" else "en")  # both languages format
    return [(p.code, p.where, p.message(lang)) for p in caught.value.problems]


# -- what must keep working --------------------------------------------------------------


def test_base_plan_loads_with_published_as_a_date(tmp_path: Path) -> None:
    plan = load_plan(str(write(tmp_path, BASE)))
    assert plan.plan.published == dt.date(2022, 2, 21)
    assert type(plan.plan.published) is dt.date
    assert plan.plan.id == "test-plan"
    (target,) = plan.targets
    assert (target.id, target.value, target.year) == ("revenue-2025", 3000, 2025)


@pytest.mark.parametrize(
    "path",
    [REPO / "targets" / "14th-fyp.yaml", REPO / "targets" / "2023-2025.yaml",
     REPO / "examples" / "my-plan.yaml"],
    ids=lambda p: p.name,
)
def test_shipped_plan_files_read_as_before(path: Path) -> None:
    # The new reader gives the plan yaml.safe_load gave for every file railkpi ships.
    before = Plan.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert load_plan(str(path)).model_dump_json() == before.model_dump_json()


def test_no_constructor_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("a YAML constructor ran")

    monkeypatch.setattr(yaml.constructor.BaseConstructor, "construct_document", forbidden)
    monkeypatch.setattr(yaml.constructor.BaseConstructor, "construct_object", forbidden)
    assert load_plan(str(write(tmp_path, BASE))).plan.id == "test-plan"
    assert len(load_plan("14th-fyp").targets) == 12


def test_yes_no_on_off_stay_text(tmp_path: Path) -> None:
    # YAML 1.1 would make these booleans and a date; as an alias each is the label written.
    text = edited(("aliases: [总收入, revenue]", "aliases: [NO, on, y, Off, 2022-02-21]"))
    plan = load_plan(str(write(tmp_path, text)))
    assert plan.indicators["revenue_total"].aliases == ("NO", "on", "y", "Off", "2022-02-21")


def test_yes_no_in_a_boolean_field_mean_what_they_say(tmp_path: Path) -> None:
    text = edited(("    better: higher\n", "    better: higher\n    nonnegative: no\n"))
    assert load_plan(str(write(tmp_path, text))).indicators["revenue_total"].nonnegative is False


def test_quoted_and_str_tagged_ids_are_text(tmp_path: Path) -> None:
    text = edited(("  id: test-plan", '  id: "1.10"'), ("- id: revenue-2025", "- id: !!str 012"))
    plan = load_plan(str(write(tmp_path, text)))
    assert (plan.plan.id, plan.targets[0].id) == ("1.10", "012")


def test_a_value_of_1_10_is_the_number_1_1(tmp_path: Path) -> None:
    # A value is a number: 1.10 and 1.1 are the same number, nothing is lost.
    text = edited(("value: 3000", "value: 1.10"))
    assert load_plan(str(write(tmp_path, text))).targets[0].value == 1.1


def test_standard_tags_that_agree_with_the_value_are_accepted(tmp_path: Path) -> None:
    text = edited(("value: 3000", "value: !!float 3000"), ("year: 2025", "year: !!int 2025"))
    (target,) = load_plan(str(write(tmp_path, text))).targets
    assert (target.value, target.year) == (3000, 2025)


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbf" + BASE.encode("utf-8"))
    assert load_plan(str(path)).plan.id == "test-plan"


# -- anchors, aliases, merge keys -----------------------------------------------------------


def test_anchor_and_alias_are_refused_with_their_lines(tmp_path: Path) -> None:
    text = edited(("  scale: {zh: 规模, en: Scale}\n",
                   "  scale: &label {zh: 规模, en: Scale}\n  size: *label\n"))
    assert problems_of(write(tmp_path, text)) == [
        ("plan-yaml-alias", "groups.scale",
         f"line 8, column 10: &label is a YAML anchor; {NO_ALIASES}"),
        ("plan-yaml-alias", "groups.size",
         f"line 9, column 9: *label is a YAML alias; {NO_ALIASES}"),
    ]


def test_anchor_alone_is_refused(tmp_path: Path) -> None:
    text = edited(("  period: [2021, 2025]", "  period: &years [2021, 2025]"))
    assert problems_of(write(tmp_path, text)) == [
        ("plan-yaml-alias", "plan.period",
         f"line 5, column 11: &years is a YAML anchor; {NO_ALIASES}"),
    ]


def test_alias_without_anchor_is_refused_not_a_composer_error(tmp_path: Path) -> None:
    text = edited(("    unit: 亿元", "    unit: *money"))
    assert problems_of(write(tmp_path, text)) == [
        ("plan-yaml-alias", "indicators.revenue_total.unit",
         f"line 12, column 11: *money is a YAML alias; {NO_ALIASES}"),
    ]


def test_merge_key_is_refused(tmp_path: Path) -> None:
    text = edited(("  - id: revenue-2025\n", "  - &first\n    id: revenue-2025\n"),
                  append="  - <<: *first\n    id: revenue-2024\n    year: 2024\n")
    # No schema problem for targets[1] (it lacks the merged keys): the merge key says it all.
    assert problems_of(write(tmp_path, text)) == [
        ("plan-yaml-alias", "targets[0]",
         f"line 16, column 5: &first is a YAML anchor; {NO_ALIASES}"),
        ("plan-yaml-merge", "targets[1].<<",
         "line 25, column 5: plan files take no YAML merge key <<; write every key out in full"),
        ("plan-yaml-alias", "targets[1].<<",
         f"line 25, column 9: *first is a YAML alias; {NO_ALIASES}"),
    ]


def composed_nodes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A counter of the YAML nodes railkpi's composer builds: the work a file makes."""
    count = [0]
    compose = PlanYamlLoader.compose_node

    def counting(self: PlanYamlLoader, parent: Any, index: object) -> Any:
        count[0] += 1
        return compose(self, parent, index)

    monkeypatch.setattr(PlanYamlLoader, "compose_node", counting)
    return count


def test_billion_laughs_is_refused_at_once(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    path = write(tmp_path, "\n".join(lines) + "\n")
    nodes = composed_nodes(monkeypatch)
    found = problems_of(path)
    # Aliases are never expanded: one node per node written (1 + 10 keys, 10 lists, 9 + 81
    # items), not 9^10 laughs.
    assert nodes[0] == 1 + 10 + 10 + 9 + 81
    aliases = [(where, message) for code, where, message in found if code == "plan-yaml-alias"]
    # Every anchor and every alias, each once: 10 + 9 × 9, of which the first MAX_PER_CODE are
    # listed and one record counts the rest.
    assert len(aliases) == MAX_PER_CODE + 1
    assert aliases[-1] == (None, f"… and {10 + 9 * 9 - MAX_PER_CODE} more of this kind")
    assert aliases[:3] == [
        ("a0", f"line 1, column 5: &a0 is a YAML anchor; {NO_ALIASES}"),
        ("a1", f"line 2, column 5: &a1 is a YAML anchor; {NO_ALIASES}"),
        ("a1[0]", f"line 2, column 10: *a0 is a YAML alias; {NO_ALIASES}"),
    ]
    # The rest is the schema: a0…a9 are no plan's keys, and plan:, groups: … are missing.
    assert {code for code, _, _ in found} == {"plan-yaml-alias", "plan-unknown-key",
                                              "plan-invalid"}


# -- duplicate keys ------------------------------------------------------------------------


def duplicate(key: str, line: int, first: int) -> str:
    return (f"line {line}: key '{key}' appears a second time in the same mapping (first at "
            f"line {first}); a key may appear only once: delete one of them")


def test_duplicate_top_level_key(tmp_path: Path) -> None:
    text = edited(append="groups:\n  size: {zh: 大小, en: Size}\n")
    assert problems_of(write(tmp_path, text)) == [
        ("plan-duplicate-key", "groups", duplicate("groups", 24, 7)),
    ]


def test_duplicate_key_inside_plan(tmp_path: Path) -> None:
    text = edited(("  baseline_year: 2020\n", "  baseline_year: 2020\n  id: other-plan\n"))
    assert problems_of(write(tmp_path, text)) == [
        ("plan-duplicate-key", "plan.id", duplicate("id", 7, 2)),
    ]


def test_duplicate_key_inside_a_target(tmp_path: Path) -> None:
    text = edited(append="    value: 4000\n")
    assert problems_of(write(tmp_path, text)) == [
        ("plan-duplicate-key", "targets[0].value", duplicate("value", 24, 20)),
    ]


def test_duplicate_indicator_id(tmp_path: Path) -> None:
    text = edited(("    aliases: [总收入, revenue]\n",
                   "    aliases: [总收入, revenue]\n  revenue_total: {}\n"))
    assert problems_of(write(tmp_path, text)) == [
        ("plan-duplicate-key", "indicators.revenue_total", duplicate("revenue_total", 15, 10)),
    ]


def test_duplicate_keys_are_reported_with_schema_problems(tmp_path: Path) -> None:
    text = edited(("    kind: level", "    kind: levels"), append="    quote: again\n")
    assert problems_of(write(tmp_path, text)) == [
        ("plan-duplicate-key", "targets[0].quote", duplicate("quote", 24, 23)),
        ("plan-bad-choice", "targets[0].kind",
         "line 18: kind cannot be 'levels'; did you mean 'level'?; expected one of level, "
         "range, change, ratio, growth, each_year, trend"),
    ]


# -- tags ----------------------------------------------------------------------------------


def test_python_tag_is_refused_and_nothing_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("the plan file ran a command")

    monkeypatch.setattr(os, "system", forbidden)
    monkeypatch.setattr(subprocess, "Popen", forbidden)
    marker = tmp_path / "pwned"
    text = edited(("  title: {zh: 测试规划, en: Test plan}",
                   f'  title: !!python/object/apply:os.system ["echo hi > {marker}"]'))
    assert problems_of(write(tmp_path, text)) == [
        ("plan-yaml", "plan.title",
         "YAML syntax error at line 3, column 10: the tag !!python/object/apply:os.system is "
         "not allowed: plan files take no tags; remove it"),
    ]
    assert not marker.exists()


@pytest.mark.parametrize(
    ("tag", "written"),
    [("!!python/name:os.system", "!!python/name:os.system"),
     ("!!python/object:railkpi.plan.Plan", "!!python/object:railkpi.plan.Plan"),
     ("!unit", "!unit"), ("!include", "!include"), ("!!binary", "!!binary"),
     ("!!timestamp", "!!timestamp"), ("!<tag:example.com,2024:unit>", "tag:example.com,2024:unit")],
)
def test_other_tags_are_refused(tmp_path: Path, tag: str, written: str) -> None:
    text = edited(("    unit: 亿元", f"    unit: {tag} 亿元"))
    assert problems_of(write(tmp_path, text)) == [
        ("plan-yaml", "indicators.revenue_total.unit",
         f"YAML syntax error at line 12, column 11: the tag {written} is not allowed: plan "
         "files take no tags; remove it"),
    ]


def test_tag_on_a_collection_is_refused(tmp_path: Path) -> None:
    text = edited(("targets:\n", "targets: !!set\n"))
    assert problems_of(write(tmp_path, text)) == [
        ("plan-yaml", "targets",
         "YAML syntax error at line 15, column 10: the tag !!set is not allowed: plan files "
         "take no tags; remove it"),
    ]


def test_standard_tag_that_disagrees_with_the_value(tmp_path: Path) -> None:
    text = edited(("year: 2025", "year: !!int 012"))
    assert problems_of(write(tmp_path, text)) == [
        ("plan-yaml", "targets[0].year",
         "YAML syntax error at line 21, column 11: !!int '012' is not a plain YAML 1.2 int; "
         "write the value without the tag"),
    ]


# -- YAML 1.1 surprises --------------------------------------------------------------------


def ambiguous(line: int, column: int, found: str, reading: str, plain: str) -> str:
    return (f'line {line}, column {column}: {found} is ambiguous: {reading}; write {plain} or '
            f'quote it ("{found}")')


def unquoted_id(line: int, column: int, found: str, reading: str) -> str:
    return (f'line {line}, column {column}: {found} is used as an id, but {reading}; an id is '
            f'text: quote it ("{found}")')


SURPRISES: list[tuple[str, str, str, str, str, str]] = [
    # (case, old, new, code, YAML path, message)
    ("plan id NO", "  id: test-plan", "  id: NO", "plan-yaml-unquoted-id", "plan.id",
     unquoted_id(2, 7, "NO", "YAML 1.1 reads it as the boolean false")),
    ("plan id 1.10", "  id: test-plan", "  id: 1.10", "plan-yaml-unquoted-id", "plan.id",
     unquoted_id(2, 7, "1.10", "YAML reads it as the number 1.1")),
    ("target id 1.10", "- id: revenue-2025", "- id: 1.10", "plan-yaml-unquoted-id",
     "targets[0].id", unquoted_id(16, 9, "1.10", "YAML reads it as the number 1.1")),
    ("target id yes", "- id: revenue-2025", "- id: yes", "plan-yaml-unquoted-id",
     "targets[0].id", unquoted_id(16, 9, "yes", "YAML 1.1 reads it as the boolean true")),
    ("target id true", "- id: revenue-2025", "- id: true", "plan-yaml-unquoted-id",
     "targets[0].id", unquoted_id(16, 9, "true", "YAML reads it as the boolean true")),
    ("target id 2025", "- id: revenue-2025", "- id: 2025", "plan-yaml-unquoted-id",
     "targets[0].id", unquoted_id(16, 9, "2025", "YAML reads it as the number 2025")),
    ("target id a date", "- id: revenue-2025", "- id: 2025-12-31", "plan-yaml-unquoted-id",
     "targets[0].id", unquoted_id(16, 9, "2025-12-31", "YAML 1.1 reads it as a date")),
    ("target id 012", "- id: revenue-2025", "- id: 012", "plan-yaml-unquoted-id",
     "targets[0].id", unquoted_id(16, 9, "012", "YAML 1.1 reads it as octal 10")),
    ("target id null", "- id: revenue-2025", "- id: null", "plan-yaml-unquoted-id",
     "targets[0].id", unquoted_id(16, 9, "null", "YAML reads it as null (no value)")),
    ("target group off", "    group: scale", "    group: off", "plan-yaml-unquoted-id",
     "targets[0].group", unquoted_id(22, 12, "off", "YAML 1.1 reads it as the boolean false")),
    ("target indicator n", "    indicator: revenue_total", "    indicator: n",
     "plan-yaml-unquoted-id", "targets[0].indicator",
     unquoted_id(17, 16, "n", "YAML 1.1 reads it as the boolean false")),
    ("group id no", "  scale: {zh: 规模, en: Scale}", "  scale: {zh: 规模, en: Scale}\n  no: {}",
     "plan-yaml-unquoted-id", "groups.no",
     unquoted_id(9, 3, "no", "YAML 1.1 reads it as the boolean false")),
    ("year 012", "year: 2025", "year: 012", "plan-yaml-ambiguous", "targets[0].year",
     ambiguous(21, 11, "012", "YAML 1.1 reads it as octal 10", "12")),
    ("year 02025", "year: 2025", "year: 02025", "plan-yaml-ambiguous", "targets[0].year",
     ambiguous(21, 11, "02025", "YAML 1.1 reads it as octal 1045", "2025")),
    ("baseline year 02020", "  baseline_year: 2020", "  baseline_year: 02020",
     "plan-yaml-ambiguous", "plan.baseline_year",
     ambiguous(6, 18, "02020", "YAML 1.1 reads it as octal 1040", "2020")),
    ("period 0x7E9", "[2021, 2025]", "[2021, 0x7E9]", "plan-yaml-ambiguous", "plan.period[1]",
     ambiguous(5, 18, "0x7E9", "YAML reads it as hexadecimal 2025", "2025")),
    ("value 0x10", "value: 3000", "value: 0x10", "plan-yaml-ambiguous", "targets[0].value",
     ambiguous(20, 12, "0x10", "YAML reads it as hexadecimal 16", "16")),
    ("value 1_000", "value: 3000", "value: 1_000", "plan-yaml-ambiguous", "targets[0].value",
     ambiguous(20, 12, "1_000",
               "YAML 1.1 reads it as 1000 (ignoring the underscores), YAML 1.2 as text",
               "1000")),
    ("value 1:30", "value: 3000", "value: 1:30", "plan-yaml-ambiguous", "targets[0].value",
     ambiguous(20, 12, "1:30", "YAML 1.1 reads it as the base-60 number 90", "90")),
    ("value 0o17", "value: 3000", "value: 0o17", "plan-yaml-ambiguous", "targets[0].value",
     ambiguous(20, 12, "0o17", "YAML 1.2 reads it as octal 15, YAML 1.1 as text", "15")),
    ("value 0b101", "value: 3000", "value: 0b101", "plan-yaml-ambiguous", "targets[0].value",
     ambiguous(20, 12, "0b101", "YAML 1.1 reads it as binary 5", "5")),
    ("value 08", "value: 3000", "value: 08", "plan-yaml-ambiguous", "targets[0].value",
     ambiguous(20, 12, "08", "YAML 1.2 reads it as 8, YAML 1.1 as text", "8")),
    ("value -012", "value: 3000", "value: -012", "plan-yaml-ambiguous", "targets[0].value",
     ambiguous(20, 12, "-012", "YAML 1.1 reads it as octal -10", "-12")),
]


@pytest.mark.parametrize(("old", "new", "code", "where", "message"),
                         [case[1:] for case in SURPRISES], ids=[case[0] for case in SURPRISES])
def test_yaml_1_1_surprises_are_problems(
    tmp_path: Path, old: str, new: str, code: str, where: str, message: str
) -> None:
    # The one problem, and no schema problem at the same place (the group "off" is unknown,
    # the year 012 out of range: neither is reported on top).
    assert problems_of(write(tmp_path, edited((old, new)))) == [(code, where, message)]


def test_surprises_in_chinese(tmp_path: Path) -> None:
    text = edited(("  id: test-plan", "  id: NO"), ("year: 2025", "year: 012"))
    assert [message for _, _, message in problems_of(write(tmp_path, text), "zh")] == [
        '第 2 行第 7 列：NO 用作编号，但 YAML 1.1 读作布尔值 false；编号是文本，请加引号写作 "NO"',
        '第 21 行第 11 列：012 有歧义：YAML 1.1 读作八进制数 10；请写作 12，或加引号写作 "012"',
    ]


def test_number_where_text_is_expected_shows_it_as_written(tmp_path: Path) -> None:
    text = edited(("    unit: 亿元", "    unit: 1.10"))
    assert problems_of(write(tmp_path, text)) == [
        ("plan-invalid", "indicators.revenue_total.unit",
         "line 12: Input should be a valid string (found 1.10)"),
    ]


def test_every_surprise_of_a_file_is_reported_together(tmp_path: Path) -> None:
    text = edited(("  id: test-plan", "  id: NO"), ("value: 3000", "value: 0x10"),
                  ("year: 2025", "year: 012"), ("- id: revenue-2025", "- id: 1.10"),
                  ("    kind: level", "    kind: levels"))
    assert [(code, where) for code, where, _ in problems_of(write(tmp_path, text))] == [
        ("plan-yaml-unquoted-id", "plan.id"),
        ("plan-yaml-unquoted-id", "targets[0].id"),
        ("plan-yaml-ambiguous", "targets[0].value"),
        ("plan-yaml-ambiguous", "targets[0].year"),
        ("plan-bad-choice", "targets[0].kind"),
    ]


# -- other malformed YAML ------------------------------------------------------------------


def test_list_as_a_key_is_refused(tmp_path: Path) -> None:
    assert problems_of(write(tmp_path, "? [a, b]\n: c\n")) == [
        ("plan-yaml-key", "(top level)", "line 1, column 3: a key must be a name; found a list"),
    ]


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "plan:\n  id: 测试".encode() + b"\xff\n")
    assert problems_of(path) == [
        ("plan-yaml", None,
         "YAML syntax error at line 2, column 9: the file is not UTF-8 (byte 0xff); save it "
         "as UTF-8"),
    ]


def test_control_character_names_the_line(tmp_path: Path) -> None:
    assert problems_of(write(tmp_path, "plan:\n  id: a\x07b\n")) == [
        ("plan-yaml", None,
         "YAML syntax error at line 2, column 8: character U+0007 is not allowed in YAML "
         "(special characters are not allowed); delete it"),
    ]


# -- size, depth and node caps -------------------------------------------------------------


def test_two_mib_file_is_refused_quickly(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "# " + "x" * (2 * 1024 * 1024 - 3) + "\n")
    nodes = composed_nodes(monkeypatch)
    found = problems_of(path)
    assert nodes[0] == 0  # refused on its size: nothing parsed
    assert found == [
        ("plan-too-large", None,
         "the file is 2097152 bytes (2.0 MiB), over the 1048576 bytes (1 MiB) a plan file may "
         "have, and was not read; a plan file is a few dozen KiB: is this the right file?"),
    ]


def test_huge_file_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as stream:
        stream.truncate(8 * 1024**3)  # sparse: 8 GiB on paper, nothing on disk

    opened: list[Path] = []
    real_open = Path.open

    def spy(self: Path, *args: Any, **kwargs: Any) -> Any:
        opened.append(self)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", spy)
    assert [code for code, _, _ in problems_of(path)] == ["plan-too-large"]
    assert path not in opened


def test_file_at_the_cap_is_read(tmp_path: Path) -> None:
    text = BASE + "#" * (MAX_PLAN_BYTES - len(BASE.encode("utf-8")) - 1) + "\n"
    assert len(text.encode("utf-8")) == MAX_PLAN_BYTES
    assert load_plan(str(write(tmp_path, text))).plan.id == "test-plan"


# Every node is a level, a key too: the first node refused is the 33rd `[`, or the key of the
# 32nd mapping (`{a: ` is 4 characters, `  ` indents each block mapping by 2).
@pytest.mark.parametrize(
    ("text", "line", "column"),
    [("[" * 100_000 + "]" * 100_000 + "\n", 1, MAX_DEPTH + 1),
     ("{a: " * 50_000 + "1" + "}" * 50_000 + "\n", 1, 4 * (MAX_DEPTH - 1) + 2),
     ("".join("  " * i + f"k{i}:\n" for i in range(200)), MAX_DEPTH, 2 * (MAX_DEPTH - 1) + 1)],
    ids=["flow-sequences", "flow-mappings", "block-mappings"],
)
def test_deep_nesting_is_refused_without_recursion_error(
    tmp_path: Path, text: str, line: int, column: int
) -> None:
    assert problems_of(write(tmp_path, text)) == [
        ("plan-too-deep", None,
         f"line {line}, column {column}: the YAML nests more than {MAX_DEPTH} levels deep; a "
         "plan file needs five (plan → targets → target → note → en)"),
    ]


def test_too_many_nodes_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "- 1\n" * (MAX_NODES + 10))
    nodes = composed_nodes(monkeypatch)
    found = problems_of(path)
    assert nodes[0] == MAX_NODES + 1  # composing stops at the first node over the cap
    assert found == [
        ("plan-too-many-nodes", None,
         f"line {MAX_NODES}, column 3: more than {MAX_NODES} YAML values; a plan file has a "
         "few thousand"),
    ]


# -- arbitrary input: railkpi's own errors only ---------------------------------------------


def load_text(text: str) -> None:
    """load_plan on a file holding `text`: a Plan or an InputError, whose problems all format."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            assert isinstance(load_plan(str(path)), Plan)
        except InputError as exc:
            assert exc.problems
            for problem in exc.problems:
                assert problem.file == str(path)
                problem.message("en")
                problem.message("zh")


FUZZ = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(st.text())
def test_arbitrary_text_gives_a_plan_or_input_error(text: str) -> None:
    load_text(text)


#: Pieces of YAML syntax, so that random text reaches anchors, tags, flow style, documents…
YAML_PIECES = [
    "- ", ": ", "? ", "&a ", "*a ", "*b ", "<<: ", "!!python/name:os.system ", "!x ", "!", "!!int ",
    "!!str ", "!!set ", "{", "}", "[", "]", ", ", "\n", "  ", "\t", "'", '"', "|\n", ">-\n", "# ",
    "%YAML 1.1\n", "%TAG !e! tag:example.com,2000:\n", "!e!x ", "---\n", "...\n", "\ufeff",
    "012", "0x1F", "1_000", "1:30", "NO", "yes", "~", "1.10", ".inf", "-.nan", "2022-02-21",
    "9" * 5000, "plan", "id", "targets", "year", "value", "x", "é", "测试",
]


@FUZZ
@given(st.lists(st.sampled_from(YAML_PIECES), max_size=60).map("".join))
def test_arbitrary_yaml_syntax_gives_a_plan_or_input_error(text: str) -> None:
    load_text(text)


SCALARS = (st.none() | st.booleans() | st.integers() | st.floats() | st.text()
           | st.dates() | st.datetimes() | st.binary(max_size=8)
           | st.sampled_from(["012", "NO", "1_000", "0x1F", "1:30", "1.10", "", "<<", "&a"]))
STRUCTURES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(
        st.text(max_size=8) | st.integers() | st.booleans(), inner, max_size=5),
    max_leaves=30,
)


@FUZZ
@given(STRUCTURES)
def test_arbitrary_structures_give_a_plan_or_input_error(data: Any) -> None:
    load_text(yaml.safe_dump(data, allow_unicode=True))


def _leaf_paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [path] + [p for k, v in node.items() for p in _leaf_paths(v, (*path, k))]
    if isinstance(node, list):
        return [path] + [p for i, v in enumerate(node) for p in _leaf_paths(v, (*path, i))]
    return [path]


BASE_DATA = yaml.safe_load(BASE)
BASE_PATHS = _leaf_paths(BASE_DATA)


@FUZZ
@given(st.sampled_from(BASE_PATHS[1:]), STRUCTURES)
def test_plan_with_one_part_replaced_gives_a_plan_or_input_error(
    path: tuple[Any, ...], replacement: Any
) -> None:
    data = yaml.safe_load(BASE)  # a fresh copy
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = replacement
    load_text(yaml.safe_dump(data, allow_unicode=True, default_flow_style=False))


# -- through the command line --------------------------------------------------------------


HOSTILE: dict[str, str | bytes] = {
    "python-tag": edited(("  title: {zh: 测试规划, en: Test plan}",
                          '  title: !!python/object/apply:os.system ["echo hi"]')),
    "alias": edited(("  scale: {zh: 规模, en: Scale}\n",
                     "  scale: &s {zh: 规模, en: Scale}\n  size: *s\n")),
    "duplicate-key": edited(append="    value: 4000\n"),
    "norway": edited(("  id: test-plan", "  id: NO")),
    "deep": "[" * 100_000 + "]" * 100_000,
    "too-large": "#" * (MAX_PLAN_BYTES + 1),
    "not-utf8": b"plan:\n  id: \xff\xfe\n",
    "control-character": "plan:\x00\n",
    "two-documents": BASE + "---\n" + BASE,
}

HOSTILE_CODES = {
    "python-tag": "plan-yaml", "alias": "plan-yaml-alias", "duplicate-key": "plan-duplicate-key",
    "norway": "plan-yaml-unquoted-id", "deep": "plan-too-deep", "too-large": "plan-too-large",
    "not-utf8": "plan-yaml", "control-character": "plan-yaml", "two-documents": "plan-yaml",
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_cli_hostile_plan_exits_2_without_traceback(
    tmp_path: Path, railkpi: Any, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    write(tmp_path, HOSTILE[case], "hostile.yaml")
    monkeypatch.chdir(tmp_path)
    result = railkpi("targets", "--plan", "hostile.yaml", "--lang", "en")
    assert result.exit_code == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert f"[{HOSTILE_CODES[case]}] hostile.yaml" in result.stderr

    result = railkpi("targets", "--plan", "hostile.yaml", "--format", "json", "--lang", "zh")
    assert result.exit_code == 2
    problems = result.json()["problems"]
    assert problems[0]["code"] == HOSTILE_CODES[case]
    assert all(p["file"] == "hostile.yaml" and p["severity"] == "error" for p in problems)
    # Each problem has a YAML path or a line, except a file too large to be read at all.
    assert all(p["where"] or "第 " in p["message"] or p["code"] == "plan-too-large"
               for p in problems)
