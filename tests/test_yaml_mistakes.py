"""The YAML mistakes people make in plan files: each at its own line, with what to type, in both
languages. Every expected line and message is written out by hand against the text below."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from railkpi.plans import yaml_hints
from railkpi.plans.loader import load_plan
from railkpi.problems import InputError

#: A valid plan; the line numbers in the tests refer to it (line 18 is `op`, 22 is `quote`).
BASE = """\
plan:
  id: test-plan
  title: {zh: 测试规划, en: Test plan}
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


def edited(*changes: tuple[str, str]) -> str:
    text = BASE
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def problems(tmp_path: Path, text: str) -> list[tuple[str, int | None, str, str]]:
    """(code, line, English message, Chinese message) of every problem; loading must fail."""
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_plan(str(path))
    return [(p.code, p.line, p.message("en"), p.message("zh")) for p in caught.value.problems]


def test_the_base_plan_loads(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(BASE, encoding="utf-8")
    assert load_plan(str(path)).targets[0].op == ">="


# -- comparators -----------------------------------------------------------------------------


def test_unquoted_ge_is_named_at_its_line_with_what_to_type(tmp_path: Path) -> None:
    # PyYAML alone says "expected chomping or indentation indicators, but found '='".
    assert problems(tmp_path, edited(('op: ">="', "op: >="))) == [(
        "plan-yaml-comparator", 18,
        "line 18, column 9: the comparator >= is not quoted, and YAML reads > as the start of a "
        'folded block of text; quote it: op: ">="',
        "第 18 行第 9 列：比较符 >= 没有加引号，YAML 把 > 读作折叠文本块的开头；"
        '请加引号写作 op: ">="',
    )]


def test_unquoted_gt_is_an_empty_block_not_a_comparator(tmp_path: Path) -> None:
    # `op: >` is valid YAML (an empty folded block, the text ""): reported, not read as "".
    found = problems(tmp_path, edited(('op: ">="', "op: >")))
    assert found == [(
        "plan-yaml-comparator", 18,
        "line 18, column 9: the comparator > is not quoted, and YAML reads > as the start of a "
        'folded block of text; quote it: op: ">"',
        "第 18 行第 9 列：比较符 > 没有加引号，YAML 把 > 读作折叠文本块的开头；"
        '请加引号写作 op: ">"',
    )]


def test_unquoted_comparator_in_a_flow_mapping(tmp_path: Path) -> None:
    text = edited(("  - id: revenue-2025\n", "  - {id: x, op: >=}\n  - id: revenue-2025\n"))
    ((code, line, en, zh),) = problems(tmp_path, text)
    assert (code, line) == ("plan-yaml-comparator", 15)
    assert en.startswith("line 15, column 17: the comparator >= is not quoted")
    assert en.endswith('quote it: op: ">="')
    assert zh.endswith('请加引号写作 op: ">="')


@pytest.mark.parametrize("op", ["<", "<="])
def test_unquoted_lt_and_le_read_right(tmp_path: Path, op: str) -> None:
    # A plain scalar may start with <, so YAML reads these as written (a lower-is-better
    # indicator makes them valid comparators).
    text = edited(('op: ">="', f"op: {op}"), ("better: higher", "better: lower"))
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_plan(str(path)).targets[0].op == op


# -- quotes ----------------------------------------------------------------------------------


def test_unclosed_quote_at_the_end_is_named_where_it_opens(tmp_path: Path) -> None:
    text = edited(("quote: 年度收入达到3000亿元", 'quote: "产业收入超过3000亿元'))
    assert problems(tmp_path, text) == [(
        "plan-yaml-unclosed-quote", 22,
        'line 22, column 12: the quote " that opens here is not closed on this line, so YAML '
        'reads on to the next " in the file and fails further down; close it at the end of the '
        'text on this line: quote: "产业收入超过3000亿元"',
        '第 22 行第 12 列：这里开始的引号 " 在本行没有结束，YAML 会一直读到文件中下一个 " '
        "为止，所以"
        '错误在后面的行才显现；请在本行文字末尾补上 "：quote: "产业收入超过3000亿元"',
    )]


def test_unclosed_quote_that_runs_into_a_later_quote(tmp_path: Path) -> None:
    # The quote opened on line 16 runs on to the quote of line 18 (op: ">="), where PyYAML
    # fails: the problem is named at line 16, where the quote opens.
    text = edited(("    indicator: revenue_total\n", '    indicator: "revenue_total\n'))
    ((code, line, en, zh),) = problems(tmp_path, text)
    assert (code, line) == ("plan-yaml-unclosed-quote", 16)
    assert en.startswith("line 16, column 16: the quote \" that opens here")
    assert en.endswith('indicator: "revenue_total"')
    assert zh.startswith("第 16 行第 16 列：这里开始的引号")


def test_unclosed_single_quote(tmp_path: Path) -> None:
    text = edited(("    indicator: revenue_total\n", "    indicator: 'revenue_total\n"))
    ((code, line, en, _),) = problems(tmp_path, text)
    assert (code, line) == ("plan-yaml-unclosed-quote", 16)
    assert en.endswith("indicator: 'revenue_total'")


def test_quoted_text_over_two_lines_is_fine(tmp_path: Path) -> None:
    # YAML allows a quoted scalar over lines: no key is swallowed, nothing is wrong.
    text = edited(("quote: 年度收入达到3000亿元", 'quote: "年度收入达到\n      3000亿元"'))
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_plan(str(path)).targets[0].quote == "年度收入达到 3000亿元"


# -- full-width punctuation ------------------------------------------------------------------


def test_full_width_colon_is_named_on_its_own_line(tmp_path: Path) -> None:
    # PyYAML reports line 20 ("could not find expected ':'"); the mistake is on line 19.
    assert problems(tmp_path, edited(("value: 3000", "value：3000"))) == [(
        "plan-yaml-fullwidth", 19,
        "line 19, column 10: YAML does not read the full-width colon '：' as a separator; it "
        "needs the ASCII colon ':': write value: 3000",
        "第 19 行第 10 列：这里的全角冒号“：”YAML 不认作分隔符，需要半角冒号“:”；"
        "请写作 value: 3000",
    )]


def test_full_width_colon_in_a_flow_mapping_key(tmp_path: Path) -> None:
    # {zh：规模, en: Scale} is valid YAML with the key "zh：规模": reported, not a missing zh.
    text = edited(("scale: {zh: 规模, en: Scale}", "scale: {zh：规模, en: Scale}"))
    ((code, line, en, zh),) = problems(tmp_path, text)
    assert (code, line) == ("plan-yaml-fullwidth", 7)
    assert en.endswith("write zh: 规模")
    assert zh.endswith("请写作 zh: 规模")


def test_full_width_comma_in_a_flow_list_is_not_one_item(tmp_path: Path) -> None:
    # [总收入，revenue] is valid YAML: one alias "总收入，revenue". Reported.
    text = edited(("aliases: [总收入, revenue]", "aliases: [总收入，revenue]"))
    assert problems(tmp_path, text) == [(
        "plan-yaml-fullwidth", 13,
        "line 13, column 15: YAML does not read the full-width comma '，' as a separator; it "
        "needs the ASCII comma ',': write [总收入, revenue]",
        "第 13 行第 15 列：这里的全角逗号“，”YAML 不认作分隔符，需要半角逗号“,”；"
        "请写作 [总收入, revenue]",
    )]


def test_full_width_comma_in_a_flow_mapping(tmp_path: Path) -> None:
    text = edited(("scale: {zh: 规模, en: Scale}", "scale: {zh: 规模，en: Scale}"))
    ((code, line, en, _),) = problems(tmp_path, text)
    assert (code, line) == ("plan-yaml-fullwidth", 7)
    assert en.startswith("line 7, column 17:")
    assert en.endswith("write scale: {zh: 规模, en: Scale}")


def test_full_width_colon_in_a_value_is_text(tmp_path: Path) -> None:
    text = edited(("quote: 年度收入达到3000亿元", "quote: 目标：年度收入达到3000亿元"))
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_plan(str(path)).targets[0].quote == "目标：年度收入达到3000亿元"


# -- tabs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("indent", "column"), [("\t", 1), ("  \t", 3)])
def test_tab_in_the_indentation(tmp_path: Path, indent: str, column: int) -> None:
    text = edited(("    kind: level", f"{indent}kind: level"))
    assert problems(tmp_path, text) == [(
        "plan-yaml-tab", 17,
        f"line 17, column {column}: the indentation contains a tab, and YAML indents with "
        "spaces only: replace the tab with spaces, lined up with the keys at the same level",
        f"第 17 行第 {column} 列：缩进中有制表符，YAML 只能用空格缩进；"
        "请把制表符换成空格，与"
        "同一层的键对齐",
    )]


# -- all at once -----------------------------------------------------------------------------


def test_every_mistake_of_a_file_is_reported_in_one_run(tmp_path: Path) -> None:
    text = edited(("  baseline_year: 2020", "\tbaseline_year: 2020"), ('op: ">="', "op: >="),
                  ("value: 3000", "value：3000"),
                  ("quote: 年度收入达到3000亿元", 'quote: "年度收入'))
    assert [(code, line) for code, line, _, _ in problems(tmp_path, text)] == [
        ("plan-yaml-tab", 5),
        ("plan-yaml-comparator", 18),
        ("plan-yaml-fullwidth", 19),
        ("plan-yaml-unclosed-quote", 22),
    ]


def test_an_unrecognised_error_is_reported_as_yaml_says_it(tmp_path: Path) -> None:
    ((code, line, en, _),) = problems(tmp_path, edited(("  baseline_year: 2020",
                                                        "  baseline_year: 2020: 2021")))
    assert (code, line) == ("plan-yaml", 5)
    assert en == ("YAML syntax error at line 5, column 22: mapping values are not allowed "
                  "here")


def test_a_recognised_mistake_and_the_error_after_it_are_both_reported(
    tmp_path: Path,
) -> None:
    # Once line 18 is mended the parser reads on and stops at line 19, which is reported as
    # YAML words it. (Mistakes after an error that is not recognised are not looked for: the
    # text cannot be mended there.)
    text = edited(('op: ">="', "op: >="), ("value: 3000", "value: 3000: 1"))
    assert [(code, line) for code, line, _, _ in problems(tmp_path, text)] == [
        ("plan-yaml-comparator", 18), ("plan-yaml", 19)]


# -- the recogniser on any text ---------------------------------------------------------------

YAML_CHARACTERS = st.sampled_from([*"ab: -\"'\t\n{}[],>=<#：，0", "  ", "\n  "])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(YAML_CHARACTERS, max_size=40).map("".join))
def test_recognise_never_fails_and_keeps_the_lines(text: str) -> None:
    error = yaml_hints.first_error(text)
    if error is None:
        return
    mistakes, left = yaml_hints.recognise(text, error)
    lines = text.split("\n")
    for mistake in mistakes:
        assert 1 <= mistake.line <= len(lines)
        assert len(mistake.mended) == len(lines)  # mending never adds or removes a line
    if not mistakes:
        assert left is error


@settings(max_examples=100, deadline=None)
@given(st.sampled_from([">=", ">"]), st.text(alphabet="abcdefgh", min_size=1, max_size=8))
def test_any_unquoted_comparator_is_found_and_mended(op: str, key: str) -> None:
    text = f"{key}: {op}\nother: 1\n"
    error = yaml_hints.first_error(text)
    if error is None:  # `key: >` followed by a key is an empty block, found in the nodes
        assert op == ">"
        return
    mistakes, left = yaml_hints.recognise(text, error)
    assert [(m.code, m.line) for m in mistakes] == [("plan-yaml-comparator", 1)]
    assert left is None
    assert yaml.safe_load("\n".join(mistakes[0].mended)) == {key: op, "other": 1}


def test_the_cli_reports_a_mistake_in_the_chosen_language(tmp_path: Path, railkpi,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "plan.yaml").write_text(edited(('op: ">="', "op: >=")), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = railkpi("targets", "--plan", "plan.yaml", "--format", "json", "--lang", "zh")
    assert run.exit_code == 2
    (problem,) = run.json()["problems"]
    assert (problem["code"], problem["file"], problem["where"], problem["line"]) == (
        "plan-yaml-comparator", "plan.yaml", None, 18)
    assert problem["message"].startswith("第 18 行第 9 列：比较符 >= 没有加引号")
    assert "错误 [plan-yaml-comparator] plan.yaml: 第 18 行第 9 列" in run.stderr
