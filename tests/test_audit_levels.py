"""`railkpi audit`: published levels that cannot both be right (`conflicting-levels`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from plans import worded_audit as audit
from railkpi.plans.loader import load_plan
from railkpi.plans.models import Plan


def plan_with(plan_id: str, *levels: tuple[int, Any, str, str | None]) -> dict[str, Any]:
    """A plan publishing enterprise counts: (year, value, quote, English quote)."""
    history = []
    for year, value, quote, quote_en in levels:
        entry = {"indicator": "enterprise_count", "year": year, "value": value, "quote": quote}
        if quote_en is not None:
            entry["quote_en"] = quote_en
        history.append(entry)
    return {
        "plan": {"id": plan_id, "title": {"zh": "测试", "en": "Test"}, "period": [2021, 2025],
                 "baseline_year": 2020},
        "groups": {"scale": {"zh": "规模", "en": "Scale"}},
        "indicators": {"enterprise_count": {"name": {"zh": "企业数量", "en": "Enterprises"},
                                            "unit": "家", "better": "higher"}},
        "history": history,
        "targets": [{"id": "firms-2025", "indicator": "enterprise_count", "kind": "level",
                     "op": ">=", "value": 300, "year": 2025, "group": "scale",
                     "quote": "企业数量达到300家"}],
    }


def load(tmp_path: Path, data: dict[str, Any]) -> Plan:
    path = tmp_path / f"{data['plan']['id']}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_plan(str(path))


EARLIER = ("2020-2022", (2020, 143, "园区轨道交通企业达到143家",
                         "rail-transit enterprises in the park reached 143"))


def test_143_against_180_odd_is_a_finding_with_both_quotes(tmp_path: Path) -> None:
    earlier = load(tmp_path, plan_with(EARLIER[0], EARLIER[1]))
    findings = [f for f in audit([earlier, load_plan("14th-fyp")]).findings
                if f.code == "conflicting-levels"]
    # 143 is below 180, the least that 180余 allows: they cannot both be the 2020 count.
    (finding,) = findings
    assert (finding.plan, finding.indicator, finding.years) == (
        "2020-2022", "enterprise_count", (2020,))
    assert (finding.stated_text, finding.computed_text, finding.other_text) == (
        "143 (2020-2022)", "", "180余 (14th-fyp)")
    assert (finding.stated, finding.computed, finding.other) == (
        "143 (2020-2022 history[0])", None, "180余 (14th-fyp history[9])")
    assert finding.message("en") == (
        "the published 2020 figures cannot both be right: 143 (2020-2022 history[0]), quoted "
        "\"rail-transit enterprises in the park reached 143\"; 180余 (14th-fyp history[9]), "
        "quoted \"Fengtai has 180-odd rail-transit enterprises\"")
    assert finding.message("zh") == (
        "公布的 2020 年数值不能同时成立：143 (2020-2022 history[0])，"
        "原文“园区轨道交通企业达到143家”；"
        "180余 (14th-fyp history[9])，原文“丰台拥有轨道交通企业180余家”")


@pytest.mark.parametrize(("mine", "theirs"), [
    (180, "180余"),  # 180 is what 180余 allows (180 ≤ x < 190)
    (185, "180余"),
    ("约150", "180余"),  # 约 has no bounds: it agrees with anything
    ("突破170", "180余"),  # more than 170 and [180, 190) overlap
])
def test_figures_that_can_both_be_right_are_not_a_finding(
    tmp_path: Path, mine: Any, theirs: Any,
) -> None:
    a = load(tmp_path, plan_with("a", (2020, mine, "一", None)))
    b = load(tmp_path, plan_with("b", (2020, theirs, "二", None)))
    assert [f for f in audit([a, b]).findings if f.code == "conflicting-levels"] == []


@pytest.mark.parametrize(("mine", "theirs"), [
    (190, "180余"),  # 180余 stops short of 190
    (179, "180余"),
    ("突破190", "180余"),
    (143, 150),
])
def test_figures_that_cannot_both_be_right_are_a_finding(
    tmp_path: Path, mine: Any, theirs: Any,
) -> None:
    a = load(tmp_path, plan_with("a", (2020, mine, "一", None)))
    b = load(tmp_path, plan_with("b", (2020, theirs, "二", None)))
    (finding,) = [f for f in audit([a, b]).findings if f.code == "conflicting-levels"]
    assert finding.years == (2020,)


def test_other_years_and_other_indicators_are_not_compared(tmp_path: Path) -> None:
    a = load(tmp_path, plan_with("a", (2019, 143, "一", None)))
    b = load(tmp_path, plan_with("b", (2020, 180, "二", None)))
    assert audit([a, b]).findings == ()


def test_one_plan_stating_a_year_twice_differently(tmp_path: Path) -> None:
    plan = load(tmp_path, plan_with("a", (2020, 143, "一", None), (2020, "180余", "二", None)))
    (finding,) = audit([plan]).findings
    assert finding.code == "conflicting-levels"
    # No English quote: the Chinese one is shown.
    assert finding.message("en").endswith('143 (a history[0]), quoted "一"; 180余 (a history[1]), '
                                          'quoted "二"')


def test_the_14th_fyp_revenue_stated_twice_is_consistent() -> None:
    # 1558.7 and 2364.9 are more than 1000 (突破1000 in the same years): no finding.
    assert [f for f in audit([load_plan("14th-fyp")]).findings
            if f.code == "conflicting-levels"] == []


def test_cli_shows_the_other_figure_in_its_own_column(tmp_path: Path, railkpi) -> None:
    earlier = tmp_path / "earlier.yaml"
    earlier.write_text(yaml.safe_dump(plan_with(EARLIER[0], EARLIER[1]), allow_unicode=True),
                       encoding="utf-8")
    run = railkpi("audit", "--plan", earlier, "--plan", "14th-fyp", "--format", "json",
                  "--lang", "en")
    (finding,) = [f for f in run.json()["findings"] if f["code"] == "conflicting-levels"]
    assert (finding["years"], finding["stated"], finding["computed"], finding["other"]) == (
        [2020], "143 (2020-2022 history[0])", None, "180余 (14th-fyp history[9])")
    md = railkpi("audit", "--plan", earlier, "--plan", "14th-fyp", "--format", "markdown",
                 "--lang", "en").stdout
    assert "| `conflicting-levels` | 2020-2022 | enterprise_count | 2020 | 143 (2020-2022) |  | " \
           "180余 (14th-fyp) |" in md
