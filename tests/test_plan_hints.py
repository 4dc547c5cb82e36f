"""Plan-file problems that say what to type: did-you-mean for keys, values, indicators and
groups; the line of every problem; wording copied from the plan; scope; English quotes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from railkpi.plans import hints
from railkpi.plans import wording as plan_wording
from railkpi.plans.loader import load_plan, load_plans
from railkpi.plans.registry import merge_plans
from railkpi.problems import InputError, Problem


def plan_data() -> dict[str, Any]:
    return {
        "plan": {"id": "hint-plan", "title": {"zh": "提示测试", "en": "Hint test"},
                 "period": [2021, 2025], "baseline_year": 2020},
        "groups": {"scale": {"zh": "规模", "en": "Scale"}},
        "indicators": {
            "revenue_total": {"name": {"zh": "总收入", "en": "Total revenue"}, "unit": "亿元",
                              "better": "higher", "aliases": ["年度收入"]},
            "enterprise_count": {"name": {"zh": "企业数量", "en": "Enterprises"}, "unit": "家",
                                 "better": "higher"},
        },
        "history": [{"indicator": "revenue_total", "year": 2020, "value": 2364.9,
                     "quote": "总收入达到2364.9亿元"}],
        "targets": [{"id": "revenue-2025", "indicator": "revenue_total", "kind": "level",
                     "op": ">=", "value": 3000, "year": 2025, "group": "scale",
                     "quote": "年度收入达到3000亿元"}],
    }


def write(folder: Path, data: dict[str, Any], name: str = "plan.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    """The line (from 1) on which `text` first appears: the expectation, found by hand."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def problems(path: Path) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        load_plan(str(path))
    return list(caught.value.problems)


def only(path: Path) -> Problem:
    (problem,) = problems(path)
    return problem


# -- did you mean: keys ------------------------------------------------------------------------


def test_misspelt_key_in_a_target(tmp_path: Path) -> None:
    data = plan_data()
    target = data["targets"][0]
    target["indicatr"] = target.pop("indicator")
    path = write(tmp_path, data)
    # The missing `indicator` is what the suggestion already says: not reported twice.
    problem = only(path)
    assert (problem.code, problem.where) == ("plan-unknown-key", "targets[0].indicatr")
    assert problem.line == line_of(path, "indicatr:")
    assert problem.message("en") == (
        f"line {problem.line}: unknown key 'indicatr'; did you mean 'indicator'?")
    assert problem.message("zh") == (
        f"第 {problem.line} 行：未知的键“indicatr”；是否应为“indicator”？")


@pytest.mark.parametrize("section", ["plan", "target"])
def test_baseline_for_baseline_year(tmp_path: Path, section: str) -> None:
    data = plan_data()
    if section == "plan":
        data["plan"]["baseline"] = data["plan"].pop("baseline_year")
        where = "plan.baseline"
    else:
        data["targets"][0].update(kind="ratio", value=2, baseline=2020)
        where = "targets[0].baseline"
    problem = next(p for p in problems(write(tmp_path, data)) if p.where == where)
    assert problem.code == "plan-unknown-key"
    assert problem.message("en").endswith("unknown key 'baseline'; did you mean 'baseline_year'?")
    assert problem.message("zh").endswith("未知的键“baseline”；是否应为“baseline_year”？")


def test_unknown_key_without_a_near_one_lists_the_keys_allowed(tmp_path: Path) -> None:
    data = plan_data()
    data["indicators"]["revenue_total"]["colour"] = "red"
    problem = only(write(tmp_path, data))
    # name, unit, better and aliases are there already: the list holds the keys still free.
    assert problem.message("en").endswith(
        "unknown key 'colour'; the keys allowed here: unit_en, scope, nonnegative, decimals, "
        "description, chart")


# -- did you mean: values, indicators, groups ------------------------------------------------------


@pytest.mark.parametrize(("field", "written", "suggested"), [
    ("op", "≥", ">="), ("op", "=>", ">="), ("op", "＞＝", ">="), ("kind", "levels", "level"),
    ("kind", "each-year", "each_year"),
])
def test_value_outside_a_fixed_set(tmp_path: Path, field: str, written: str,
                                   suggested: str) -> None:
    data = plan_data()
    data["targets"][0][field] = written
    path = write(tmp_path, data)
    problem = only(path)
    assert (problem.code, problem.where) == ("plan-bad-choice", f"targets[0].{field}")
    assert problem.line == line_of(path, f"{field}:")
    assert f"{field} cannot be '{written}'; did you mean '{suggested}'?" in problem.message("en")
    assert f"{field} 不能是“{written}”；是否应为“{suggested}”？" in problem.message("zh")


def test_undefined_indicator_suggests_the_nearest_id(tmp_path: Path) -> None:
    data = plan_data()
    data["targets"][0]["indicator"] = "revenue_totl"
    path = write(tmp_path, data)
    problem = only(path)
    assert (problem.code, problem.line) == ("plan-unknown-indicator",
                                            line_of(path, "revenue_totl"))
    assert problem.message("en").endswith(
        "indicator 'revenue_totl' is not defined under indicators; did you mean "
        "'revenue_total'?")
    assert problem.message("zh").endswith(
        "指标“revenue_totl”未在 indicators 中定义；是否应为“revenue_total”？")


@pytest.mark.parametrize("written", ["总收入", "年度收入", "Total revenue"])
def test_an_indicator_named_by_its_name_or_alias(tmp_path: Path, written: str) -> None:
    data = plan_data()
    data["history"][0]["indicator"] = written
    problem = only(write(tmp_path, data))
    assert (problem.code, problem.where) == ("plan-unknown-indicator", "history[0].indicator")
    assert problem.message("en").endswith(
        f"'{written}' is a name or alias of 'revenue_total': write its id, revenue_total")


def test_undefined_group_suggests_the_nearest_id(tmp_path: Path) -> None:
    data = plan_data()
    data["targets"][0]["group"] = "scal"
    problem = only(write(tmp_path, data))
    assert problem.code == "plan-unknown-group"
    assert problem.message("en").endswith(
        "group 'scal' is not defined under groups; did you mean 'scale'?; defined: scale")
    assert problem.message("zh").endswith(
        "类别“scal”未在 groups 中定义；是否应为“scale”？；已定义：scale")


def test_far_off_ids_get_no_suggestion(tmp_path: Path) -> None:
    data = plan_data()
    data["targets"][0]["group"] = "innovation"
    data["targets"][0]["indicator"] = "patents"
    found = {p.code: p.message("en") for p in problems(write(tmp_path, data))}
    assert "did you mean" not in found["plan-unknown-group"]
    assert found["plan-unknown-indicator"].endswith("is not defined under indicators")


@given(st.sampled_from(["indicator", "baseline_year", "quote_en", "direction", "group"]),
       st.integers(min_value=0, max_value=8))
def test_one_letter_off_is_always_found(key: str, at: int) -> None:
    typo = key[:at % len(key)] + key[at % len(key) + 1:]  # one letter dropped
    assert hints.nearest(typo, ["indicator", "baseline_year", "quote_en", "direction",
                                     "group", "quote", "year"]) == key


# -- lines -------------------------------------------------------------------------------------


def test_a_missing_key_gets_the_line_of_its_mapping(tmp_path: Path) -> None:
    data = plan_data()
    del data["targets"][0]["quote"]
    path = write(tmp_path, data)
    problem = only(path)
    assert (problem.code, problem.where) == ("plan-invalid", "targets[0].quote")
    assert problem.line == line_of(path, "- id: revenue-2025")
    assert problem.message("en").startswith(f"line {problem.line}: Field required")


def test_cross_checks_carry_their_line(tmp_path: Path, railkpi) -> None:
    data = plan_data()
    data["targets"][0]["op"] = "<="
    path = write(tmp_path, data)
    problem = only(path)
    assert (problem.code, problem.line) == ("plan-op-against-better", line_of(path, "op: <="))
    run = railkpi("targets", "--plan", path, "--format", "json", "--lang", "zh")
    (entry,) = run.json()["problems"]
    assert (entry["where"], entry["line"]) == ("targets[0].op", problem.line)
    assert entry["message"].startswith(f"第 {problem.line} 行：比较符 <= 与指标方向")


# -- wording copied from the plan ----------------------------------------------------------------


@pytest.mark.parametrize(("written", "en", "zh"), [
    ("超过1000亿元", 'write "超过1000"', '请写作 "超过1000"'),
    ("突破千亿元", 'write "突破1000"', '请写作 "突破1000"'),
    ("千亿", 'write "1000"', '请写作 "1000"'),
    ("2364.9亿元", 'write "2364.9"', '请写作 "2364.9"'),
    ("3000万元", 'write "0.3"', '请写作 "0.3"'),  # in the indicator's unit, 亿元
    ("180余家", 'write "180余"', '请写作 "180余"'),
])
def test_a_published_figure_with_its_unit(tmp_path: Path, written: str, en: str,
                                          zh: str) -> None:
    data = plan_data()
    data["history"][0]["value"] = written
    problem = only(write(tmp_path, data))
    assert (problem.code, problem.where) == ("plan-value-wording", "history[0].value")
    assert problem.message("en").endswith(
        f"'{written}' is written as the plan's text words it; a plan file's figures are in the "
        f"indicator's unit (亿元) and carry no unit word: {en}")
    assert problem.message("zh").endswith(
        f"“{written}”照搬了规划原文的写法；规划文件中的数字按指标的单位（亿元）书写，不带单位：{zh}")


@pytest.mark.parametrize("written", ["3至5", "3~5", "3～5", "3-5家"])
def test_a_range_written_as_a_value(tmp_path: Path, written: str) -> None:
    data = plan_data()
    data["targets"][0]["value"] = written
    problem = only(write(tmp_path, data))
    assert (problem.code, problem.where) == ("plan-value-wording", "targets[0].value")
    assert problem.message("en").endswith(
        "a range is written kind: range (or each_year for every year) with min: 3 and max: 5 "
        "(both ends included)")
    assert problem.message("zh").endswith(
        "区间写作 kind: range（每年的区间为 kind: each_year），min: 3，max: 5（两端都包含）")


@pytest.mark.parametrize(("written", "op", "number"), [
    ("5个以上", ">=", "5"), ("超过3000亿元", ">", "3000"), ("突破千亿元", ">", "1000"),
    ("不低于35家", ">=", "35"),
])
def test_a_target_value_with_its_comparator(tmp_path: Path, written: str, op: str,
                                            number: str) -> None:
    data = plan_data()
    data["targets"][0].update(indicator="enterprise_count" if "家" in written or "个" in written
                              else "revenue_total", value=written)
    problem = only(write(tmp_path, data))
    assert problem.code == "plan-value-wording"
    assert problem.message("en").endswith(f'write op: "{op}" and value: {number}')
    assert problem.message("zh").endswith(f'请写作 op: "{op}"，value: {number}')


def test_a_target_value_that_is_no_wording_stays_a_schema_error(tmp_path: Path) -> None:
    data = plan_data()
    data["targets"][0]["value"] = "many"
    problem = only(write(tmp_path, data))
    assert problem.code == "plan-invalid"


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=10**6),
       st.sampled_from(["-", "~", "～", "至", "到", "—"]), st.sampled_from(["", "家", "个", "次"]))
def test_read_wording_of_any_range(low: int, high: int, dash: str, unit: str) -> None:
    wording = plan_wording.read_wording(f"{low}{dash}{high}{unit}")
    assert wording is not None
    assert (wording.low, wording.high, wording.unit) == (Decimal(low), Decimal(high), unit)


# -- English quotes ------------------------------------------------------------------------------


def test_a_plan_without_english_quotes_warns_on_english_output(tmp_path: Path,
                                                               railkpi) -> None:
    path = write(tmp_path, plan_data())
    warnings: list[Problem] = []
    load_plans([str(path)], warnings)
    assert [(w.severity, w.code) for w in warnings] == [("warning", "plan-no-english-quotes")]
    en = railkpi("targets", "--plan", path, "--lang", "en")
    assert en.exit_code == 0
    assert "warning [plan-no-english-quotes]" in en.stderr
    # Chinese output needs no English: no warning; the listing shows the Chinese quote.
    zh = railkpi("targets", "--plan", path, "--lang", "zh")
    assert zh.exit_code == 0 and zh.stderr == ""
    assert "年度收入达到3000亿元" in en.stdout  # the only wording there is


def test_one_english_quote_is_enough_to_silence_the_warning(tmp_path: Path) -> None:
    data = plan_data()
    data["history"][0]["quote_en"] = "total revenue reached 2364.9 hundred million yuan"
    warnings: list[Problem] = []
    load_plans([str(write(tmp_path, data))], warnings)
    assert warnings == []


# -- scope ---------------------------------------------------------------------------------------


def scoped(zh: str | None, en: str | None, plan_id: str) -> dict[str, Any]:
    data = plan_data()
    data["plan"]["id"] = plan_id
    if zh is not None:
        data["indicators"]["enterprise_count"]["scope"] = {"zh": zh, "en": en}
    return data


def test_same_scope_merges(tmp_path: Path) -> None:
    plans = load_plans([str(write(tmp_path, scoped("丰台园", "Fengtai Park", "a"), "a.yaml")),
                        str(write(tmp_path, scoped("丰台园", "Fengtai Park", "b"), "b.yaml"))])
    registry = merge_plans(plans)
    scope = registry.indicators["enterprise_count"].scope
    assert scope is not None and scope.en == "Fengtai Park"


@pytest.mark.parametrize(("first", "second", "zh", "en"), [
    (("丰台区", "Fengtai District"), ("丰台园", "Fengtai Park"),
     "此处为“丰台园”，在 {a} 中为“丰台区”", "'Fengtai Park' here but 'Fengtai District' in {a}"),
    ((None, None), ("丰台园", "Fengtai Park"),
     "此处为“丰台园”，在 {a} 中为（未注明）", "'Fengtai Park' here but (none given) in {a}"),
])
def test_different_scopes_on_one_id_are_refused(
    tmp_path: Path, first: tuple[str | None, str | None], second: tuple[str, str], zh: str,
    en: str,
) -> None:
    a = str(write(tmp_path, scoped(*first, "a"), "a.yaml"))
    b = str(write(tmp_path, scoped(*second, "b"), "b.yaml"))
    with pytest.raises(InputError) as caught:
        merge_plans(load_plans([a, b]))
    (problem,) = caught.value.problems
    assert (problem.code, problem.where) == ("plan-scope-conflict",
                                             "indicators.enterprise_count.scope")
    assert zh.format(a=a) in problem.message("zh")
    assert en.format(a=a) in problem.message("en")


def test_scope_is_shown_with_the_name(tmp_path: Path, railkpi) -> None:
    path = write(tmp_path, scoped("丰台园", "Fengtai Park", "a"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["targets"][0].update(indicator="enterprise_count", value=300)
    path = write(tmp_path, data)
    assert "企业数量［丰台园］（家）" in railkpi("targets", "--plan", path, "--lang", "zh").stdout
    assert "Enterprises [Fengtai Park] (firms)" in railkpi(
        "targets", "--plan", path, "--lang", "en").stdout


def test_the_template_names_the_scope(tmp_path: Path, railkpi) -> None:
    import openpyxl

    data = scoped("丰台园", "Fengtai Park", "a")
    data["targets"][0].update(indicator="enterprise_count", value=300)
    path = write(tmp_path, data)
    out = tmp_path / "blank.xlsx"
    assert railkpi("template", out, "--plan", path, "--lang", "zh").exit_code == 0
    rows = {row[0].value: row for row in openpyxl.load_workbook(out)["数据"].iter_rows(min_row=2)}
    assert (rows["enterprise_count"][1].value, rows["enterprise_count"][2].value) == (
        "企业数量［丰台园］", "Enterprises [Fengtai Park]")
    assert rows["revenue_total"][1].value == "总收入"  # no scope, no brackets
