"""The roster follows the plans: a plan of another district, with its own segments, tiers and
flags in its `roster:` section, derives its own figures from a roster; plans that disagree
are refused with YAML paths; charts follow the plan's `chart: true`.

Expected figures are worked out by hand in the comments, not recomputed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import codes_at
from plans import history, indicator, plan_data, plan_model, target, text, write_plan
from railkpi.calc.assess import assess
from railkpi.calc.charts import chart_data
from railkpi.plans.bundled import bundled_plan_ids
from railkpi.plans.loader import load_plan, load_plans
from railkpi.plans.registry import IndicatorRegistry, merge_plans
from railkpi.problems import InputError
from railkpi.read.observation import Observation
from railkpi.read.workbook import read_workbook

MakeWorkbook = Callable[..., Path]

INDICATORS = {
    "firms_total": indicator("企业总数", "Firms", "家"),
    "revenue_vehicles": indicator("车辆制造赛道收入", "Vehicle revenue", "亿元"),
    "revenue_signal_systems": indicator("信号系统赛道收入", "Signal-system revenue", "亿元"),
    # Kept in 万元: the roster's 亿元 are converted exactly.
    "revenue_operations": indicator("运营服务赛道收入", "Operations revenue", "万元"),
    "firms_over_5yi": indicator("收入5亿元以上企业数", "Firms over 500M yuan", "家"),
    "hitech_firms": indicator("高新技术企业数", "High-tech firms", "家"),
}
ROSTER = {
    "firm_count": "firms_total",
    "segments": {
        "vehicles": {"name": text("车辆制造", "vehicle manufacturing"), "aliases": ["整车制造"],
                     "indicator": "revenue_vehicles"},
        "signal_systems": {"name": text("信号系统", "signal systems"),
                           "indicator": "revenue_signal_systems"},
        "operations": {"name": text("运营服务", "operation services"),
                       "indicator": "revenue_operations"},
    },
    "tiers": [{"indicator": "firms_over_5yi", "min_revenue": 5}],
    "flags": {"hitech": {"name": text("高新技术企业", "high-tech enterprise"),
                         "headers": ["是否高新"], "indicator": "hitech_firms"}},
}


def east_plan(**changes: Any) -> dict[str, Any]:
    """Another district's plan: its own segments, a 5亿 tier, a high-tech flag."""
    return plan_data(
        *(target("level", i, op=">=", value=1) for i in INDICATORS),
        indicators=INDICATORS, plan_id="east-district",
        title=("东区轨道交通装备产业规划（示例）", "East District rail equipment plan (example)"),
        roster={**ROSTER, **changes},
    )


# 2024: revenue in 万元 (1亿 = 10,000 万元); the 5亿 tier is 50,000 万元, inclusive.
ROWS_2024 = [
    ["甲车辆", 2024, 120_000, "车辆制造", "是"],  # 12 亿: vehicles; ≥ 5亿
    ["乙车辆", 2024, 35_000.5, "整车制造", "否"],  # 3.50005 亿: vehicles (alias)
    ["丙信号", 2024, 50_000, "信号系统赛道", "是"],  # exactly 5 亿: signal; ≥ 5亿
    ["丁信号", 2024, 8_000, "信号系统", "否"],  # 0.8 亿: signal
    ["戊运营", 2024, 3_000, "运营服务", "是"],  # 3000 万元: operations
    ["己运营", 2024, 4_500.5, "运营服务", "否"],  # 4500.5 万元: operations
    ["庚其他", 2024, 70_000, "其他", "否"],  # in no segment; ≥ 5亿
    ["甲车辆", 2023, 100_000, "车辆制造", "是"],  # 2023: one firm, 10 亿 of vehicles
]
HEADER = ["企业名称", "年份", "营业收入（万元）", "细分赛道", "高新技术企业"]


def by_indicator_year(observations: tuple[Observation, ...]) -> dict[tuple[str, int], float]:
    return {(o.indicator, o.year): o.value for o in observations}


@pytest.fixture
def east(tmp_path: Path) -> Path:
    return write_plan(tmp_path, east_plan(), "east.yaml")


def east_registry(east: Path, with_bundled: bool) -> IndicatorRegistry:
    others = [p for _, p in load_plans(bundled_plan_ids())] if with_bundled else []
    return merge_plans(load_plans([str(east)]), also_known=others)


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])  # chunk by chunk, row by row
@pytest.mark.parametrize("with_bundled", [False, True])
def test_a_district_of_its_own_derives_its_segments(
    east: Path, make_workbook: MakeWorkbook, engine: Any, with_bundled: bool
) -> None:
    path = make_workbook({"企业名录": [HEADER, *ROWS_2024]})
    data = read_workbook(path, east_registry(east, with_bundled), engine=engine)
    assert data.warnings == ()
    figures = by_indicator_year(data.observations)
    assert figures[("firms_total", 2024)] == 7
    assert figures[("revenue_vehicles", 2024)] == 15.50005  # 12 + 3.50005
    assert figures[("revenue_signal_systems", 2024)] == 5.8  # 5 + 0.8
    assert figures[("revenue_operations", 2024)] == 7500.5  # 3000 + 4500.5 万元
    assert figures[("firms_over_5yi", 2024)] == 3  # 甲, 丙 (exactly 5亿), 庚
    assert figures[("hitech_firms", 2024)] == 3  # 甲, 丙, 戊
    assert figures[("firms_total", 2023)] == 1
    assert figures[("revenue_vehicles", 2023)] == 10
    assert figures[("revenue_signal_systems", 2023)] == 0  # a segment without firms: 0
    # The plan's own firm count wins over the bundled plans' (which would be enterprise_count).
    assert ("enterprise_count", 2024) not in figures
    assert all(o.origin == "roster" for o in data.observations)


def test_the_assessment_takes_the_derived_figures(
    east: Path, make_workbook: MakeWorkbook, railkpi: Callable[..., Any]
) -> None:
    path = make_workbook({"企业名录": [HEADER, *ROWS_2024]})
    run = railkpi("assess", path, "--plan", east, "--format", "json", "--lang", "en")
    assert run.exit_code == 0, run.stderr
    targets = {t["indicator"]: t for t in run.json()["plans"][0]["targets"]}
    vehicles = targets["revenue_vehicles"]
    assert (vehicles["latest"]["year"], vehicles["latest"]["value"]) == (2024, 15.50005)
    assert vehicles["latest"]["source"] == "roster"
    assert vehicles["latest"]["where"] == "企业名录 (7 firms)"
    assert targets["revenue_operations"]["latest"]["value"] == 7500.5


def test_another_districts_segments_only(east: Path, make_workbook: MakeWorkbook) -> None:
    """Without the bundled plans, Fengtai's segments are unknown words; the message lists the
    plan's own, in the run's language."""
    path = make_workbook({"企业名录": [HEADER, ["甲", 2024, 100, "工程建设", "否"]]})
    with pytest.raises(InputError) as caught:
        read_workbook(path, east_registry(east, with_bundled=False))
    (problem,) = caught.value.problems
    assert (problem.code, problem.where) == ("roster-unknown-segment", "企业名录!D2")
    assert "车辆制造、信号系统、运营服务、其他" in problem.message("zh")
    assert "vehicle manufacturing" not in problem.message("zh")
    assert "车辆制造 / vehicle manufacturing, 信号系统 / signal systems" in problem.message("en")


def test_template_offers_the_plans_segments_and_flags(
    east: Path, railkpi: Callable[..., Any], tmp_path: Path
) -> None:
    import openpyxl

    out = tmp_path / "east-template.xlsx"
    assert railkpi("template", out, "--plan", east, "--lang", "zh").exit_code == 0
    sheet = openpyxl.load_workbook(out)["企业名录"]
    assert [c.value for c in sheet[1]][:5] == ["企业名称", "年份", "营业收入（万元）", "细分赛道",
                                              "高新技术企业"]
    checks = sheet.data_validations.dataValidation
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in checks if dv.type == "list"}
    assert lists["D2"].strip('"').split(",")[:3] == ["车辆制造", "信号系统", "运营服务"]


# -- plans that disagree ----------------------------------------------------------------------


def problems_loading(*plans: Path) -> set[tuple[str, str | None]]:
    with pytest.raises(InputError) as caught:
        merge_plans(load_plans([str(p) for p in plans]))
    return {(p.code, p.where) for p in caught.value.problems}


def test_two_plans_with_another_firm_count_or_segment_indicator(tmp_path: Path) -> None:
    first = write_plan(tmp_path, east_plan(), "first.yaml")
    segments = {**ROSTER["segments"],
                "vehicles": {**ROSTER["segments"]["vehicles"], "indicator": "revenue_operations"}}
    other = east_plan(firm_count="hitech_firms", segments=segments,
                      tiers=[{"indicator": "firms_over_5yi", "min_revenue": 10}])
    other["plan"]["id"] = "east-district-2"
    second = write_plan(tmp_path, other, "second.yaml")
    assert problems_loading(first, second) == {
        ("plan-roster-conflict", "roster.firm_count"),
        ("plan-roster-conflict", "roster.segments.vehicles.indicator"),
        ("plan-roster-conflict", "roster.tiers[0].min_revenue"),
    }


@pytest.mark.parametrize(("segments", "code", "where"), [
    # 整车制造 names vehicles and also, here, signal systems.
    ({"signal_systems": {"name": text("信号系统", "signal systems"), "aliases": ["整车制造"]}},
     "plan-roster-label", "roster.segments.signal_systems.aliases"),
    ({"other": {"name": text("其他产业", "other industries")}},
     "plan-roster-reserved", "roster.segments.other"),
    ({"misc": {"name": text("杂项", "misc"), "aliases": ["其它"]}},
     "plan-roster-reserved", "roster.segments.misc"),
    ({"misc": {"name": text("杂项", "misc"), "indicator": "no_such_indicator"}},
     "plan-unknown-indicator", "roster.segments.misc.indicator"),
])
def test_a_roster_section_with_a_mistake(
    tmp_path: Path, segments: dict[str, Any], code: str, where: str
) -> None:
    path = write_plan(tmp_path, east_plan(segments={**ROSTER["segments"], **segments}))
    with pytest.raises(InputError) as caught:
        load_plan(str(path))
    assert codes_at(caught.value.problems) == {("error", code, where)}


def test_roster_words_are_checked_as_ids(tmp_path: Path) -> None:
    """An unquoted id YAML would read as a number is refused under roster: as anywhere."""
    text_ = (write_plan(tmp_path, east_plan()).read_text(encoding="utf-8")
             .replace("firm_count: firms_total", "firm_count: 2025"))
    path = tmp_path / "ids.yaml"
    path.write_text(text_, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_plan(str(path))
    assert [(p.code, p.where) for p in caught.value.problems] == [
        ("plan-yaml-unquoted-id", "roster.firm_count")]


# -- charts follow the plan -------------------------------------------------------------------


def test_charts_follow_the_indicators_marked_chart() -> None:
    indicators = {
        "output": indicator("产值", "Output", "亿元", chart=True),
        "patents": indicator("专利", "Patents", "件"),
        "labs": indicator("实验室", "Labs", "个"),
    }
    plan = plan_model(plan_data(
        target("level", "output", op=">=", value=200),
        target("level", "patents", op=">=", value=100),
        target("growth", "labs", op=">=", value=0.1),
        indicators=indicators,
        history=[history("output", 2020, 100), history("patents", 2020, 50),
                 history("labs", 2020, 10)],
    ))
    observations = [
        Observation.model_validate({"indicator": i, "year": 2023, "value": v, "where": "数据!C2"},
                                   context={"indicators": plan.indicators})
        for i, v in (("output", 150), ("patents", 70), ("labs", 12))
    ]
    result = assess([plan], observations)
    charted = [c.result.target.id for c in chart_data(result, observations)]
    assert charted == ["output-level", "labs-growth"]  # not patents: no chart, not growth
