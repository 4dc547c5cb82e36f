"""Plan files: the bundled plans, the JSON Schema, and broken plan files reported in full."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import plans
from plans import plan_data, text
from railkpi.plans.loader import load_plan, load_plans
from railkpi.plans.registry import merge_plans
from railkpi.problems import InputError

REPO = Path(__file__).resolve().parents[1]
#: The plans' seed documents: the folder RAILKPI_SEEDS names (CI sets it), else the shared
#: folder beside the checkout, ../shared/seeds.
SEEDS_SET = os.environ.get("RAILKPI_SEEDS")
SEEDS = Path(SEEDS_SET) if SEEDS_SET else Path(__file__).resolve().parents[2] / "shared" / "seeds"
BUNDLED = {"14th-fyp": 12, "2023-2025": 24}
#: Seed document of each bundled plan: 001_… is the 14th FYP, 000_… the Action Plan.
SEED_PREFIX = {"14th-fyp": "001_", "2023-2025": "000_"}


# -- bundled plans ------------------------------------------------------------------------


def test_plans_table_lists_both_bundled_plans(railkpi) -> None:
    result = railkpi("plans", "--lang", "en")
    assert result.exit_code == 0
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines()
            if line.split() and line.split()[0] in BUNDLED}
    assert set(rows) == set(BUNDLED)
    assert "12" in rows["14th-fyp"]
    assert "24" in rows["2023-2025"]


def test_plans_json(railkpi) -> None:
    result = railkpi("plans", "--format", "json")
    assert result.exit_code == 0
    plans = result.json()["plans"]
    assert [(p["id"], p["targets"]) for p in plans] == [("14th-fyp", 12), ("2023-2025", 24)]
    assert [p["period"] for p in plans] == [[2021, 2025], [2023, 2025]]
    assert [p["baseline_year"] for p in plans] == [2020, 2022]
    assert plans[0]["document"] == "丰政发〔2022〕7号"


def test_targets_json_structure(railkpi) -> None:
    result = railkpi("targets", "--format", "json")
    assert result.exit_code == 0
    document = result.json()
    assert list(document) == ["filter", "plans"]
    assert document["filter"] is None  # no --target, --indicator or --group
    assert [(p["id"], len(p["targets"])) for p in document["plans"]] == [
        ("14th-fyp", 12), ("2023-2025", 24)
    ]
    for plan in document["plans"]:
        assert list(plan) == ["id", "targets", "published"]
        ids = [t["id"] for t in plan["targets"]]
        assert len(ids) == len(set(ids))
        for target in plan["targets"]:
            bound_keys = {"min", "max"} if "min" in target else {"value"}
            assert set(target) == {"id", "indicator", "kind", "op", "year", "quote", "quote_en",
                                   "note", "milestones"} | bound_keys
            assert target["milestones"] == []  # the bundled plans set no annual steps
            if target["kind"] in ("range", "trend") or "min" in target:
                assert target["op"] is None
            else:
                assert target["op"] in (">", ">=", "<", "<=")
                assert isinstance(target["value"], (int, float))


def test_targets_json_values(railkpi) -> None:
    plans = {p["id"]: {t["id"]: t for t in p["targets"]}
             for p in railkpi("targets", "--format", "json").json()["plans"]}
    assert plans["14th-fyp"]["revenue-2025"] == {
        "id": "revenue-2025", "indicator": "revenue_total", "kind": "level", "op": ">",
        "value": 3500, "year": 2025, "quote": "丰台轨道交通产业总体收入突破3500亿元",
        "quote_en": "The overall revenue of Fengtai's rail-transit industry exceeds 3500 hundred "
                    "million yuan",
        "note": None,
        "milestones": [],
    }
    events = plans["14th-fyp"]["intl-events"]
    assert {k: v for k, v in events.items() if k != "note"} == {
        "id": "intl-events", "indicator": "intl_events", "kind": "each_year", "op": None,
        "min": 2, "max": 3, "year": 2025,
        "quote": "每年参加或举办轨道交通领域的国际性展览和论坛会议2-3次",
        "quote_en": "attend or host 2-3 international exhibitions and forums in the rail-transit "
                    "field every year",
        "milestones": [],
    }
    assert set(events["note"]) == {"zh", "en"}
    assert "2021-2025" in events["note"]["en"] and "2021–2025" in events["note"]["zh"]
    assert plans["14th-fyp"]["intl-multinationals"]["op"] is None
    assert (plans["14th-fyp"]["intl-multinationals"]["min"],
            plans["14th-fyp"]["intl-multinationals"]["max"]) == (3, 5)
    trend = plans["2023-2025"]["tech-transactions-rising"]
    assert (trend["kind"], trend["op"], trend["value"]) == ("trend", None, None)
    each_year = plans["2023-2025"]["core-tech-each-year"]
    assert (each_year["kind"], each_year["op"], each_year["value"]) == ("each_year", ">=", 30)
    growth = plans["2023-2025"]["patent-growth"]
    assert (growth["kind"], growth["op"], growth["value"]) == ("growth", ">=", 0.2)


def test_targets_json_for_one_plan(railkpi) -> None:
    result = railkpi("targets", "--plan", "2023-2025", "--format", "json")
    assert result.exit_code == 0
    assert [p["id"] for p in result.json()["plans"]] == ["2023-2025"]


def test_targets_table_shows_quotes(railkpi) -> None:
    result = railkpi("targets", "--plan", "14th-fyp", "--lang", "zh")
    assert result.exit_code == 0
    assert "revenue-2025" in result.stdout
    assert "依据原文" in result.stdout
    assert "总数超过240家" in result.stdout


def _all_quotes(plan_id: str) -> list[str]:
    data = yaml.safe_load((REPO / "targets" / f"{plan_id}.yaml").read_text(encoding="utf-8"))
    sections = ("history", "stated_rates", "stated_changes", "stated_totals", "targets")
    return [entry["quote"] for section in sections for entry in data.get(section, [])]


@pytest.mark.parametrize("plan_id", sorted(BUNDLED))
def test_bundled_quotes_are_verbatim(plan_id: str) -> None:
    if not SEEDS.is_dir():
        if SEEDS_SET:  # CI names the folder: it must be there
            pytest.fail(f"RAILKPI_SEEDS={SEEDS_SET} is not a folder holding the seed documents")
        pytest.skip(f"the plans' seed documents are not at {SEEDS} (../shared/seeds beside the "
                    "checkout), so the quotes cannot be compared with them; set RAILKPI_SEEDS "
                    "to their folder to run this test")
    (seed,) = SEEDS.glob(f"{SEED_PREFIX[plan_id]}*")
    text = seed.read_text(encoding="utf-8")
    quotes = _all_quotes(plan_id)
    assert len(quotes) >= BUNDLED[plan_id]
    missing = [q for q in quotes if q not in text]
    assert missing == []


def test_bundled_plans_load_and_merge() -> None:
    loaded = load_plans(list(BUNDLED))
    assert [(name, len(plan.targets)) for name, plan in loaded] == list(BUNDLED.items())
    registry = merge_plans(loaded)
    assert registry.lookup("总收入") == ("revenue_total",)
    assert registry.lookup("Number of rail-transit enterprises") == ("enterprise_count",)


# -- JSON Schema --------------------------------------------------------------------------


@pytest.fixture
def schema(railkpi) -> dict[str, Any]:
    result = railkpi("schema")
    assert result.exit_code == 0
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_schema_is_json_schema(schema: dict[str, Any]) -> None:
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert {"plan", "indicators", "targets"} <= set(schema["properties"])
    assert {"plan", "groups", "indicators", "targets"} <= set(schema["required"])
    assert schema["additionalProperties"] is False


def _definition(schema: dict[str, Any], name: str) -> dict[str, Any]:
    definition: dict[str, Any] = schema["$defs"][name]
    return definition


@pytest.mark.parametrize(
    "path", [REPO / "targets" / "14th-fyp.yaml", REPO / "targets" / "2023-2025.yaml",
             REPO / "examples" / "my-plan.yaml"],
    ids=lambda p: p.name,
)
def test_plan_files_fit_the_schema(schema: dict[str, Any], path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(schema["required"]) <= set(data)
    assert set(data) <= set(schema["properties"])
    meta, target_def = _definition(schema, "PlanMeta"), _definition(schema, "Target")
    assert set(meta["required"]) <= set(data["plan"]) <= set(meta["properties"])
    for target in data["targets"]:
        assert set(target_def["required"]) <= set(target) <= set(target_def["properties"])
    indicator_def = _definition(schema, "Indicator")
    for indicator in data["indicators"].values():
        assert set(indicator_def["required"]) <= set(indicator) <= set(indicator_def["properties"])


def test_schema_rejects_what_the_loader_rejects(schema: dict[str, Any]) -> None:
    target_def = _definition(schema, "Target")
    assert target_def["additionalProperties"] is False
    assert "colour" not in target_def["properties"]
    assert {"id", "indicator", "kind", "year", "group", "quote"} <= set(target_def["required"])


# -- plan files written by users ---------------------------------------------------------


def minimal_plan() -> dict[str, Any]:
    return plan_data(
        {"id": "revenue-2025", "indicator": "revenue_total", "kind": "level", "op": ">=",
         "value": 3000, "year": 2025, "group": "scale", "quote": "年度收入达到3000亿元"},
        indicators={
            "revenue_total": plans.indicator("轨道交通产业总收入", "Total revenue", "亿元",
                                             aliases=["总收入"]),
            "energy_use": plans.indicator("综合能耗", "Energy use", "吨标准煤", "lower"),
        },
        groups={"scale": text("规模", "Scale")},
    )


def write_plan(folder: Path, data: Any, name: str = "broken-plan.yaml") -> Path:
    return plans.write_plan(folder, data, name)


def test_minimal_plan_is_valid(tmp_path: Path, railkpi) -> None:
    path = write_plan(tmp_path, minimal_plan(), "ok-plan.yaml")
    result = railkpi("targets", "--plan", path, "--format", "json")
    assert result.exit_code == 0
    assert result.json() == {"filter": None, "plans": [{"id": "test-plan", "targets": [{
        "id": "revenue-2025", "indicator": "revenue_total", "kind": "level", "op": ">=",
        "value": 3000, "year": 2025, "quote": "年度收入达到3000亿元", "quote_en": None,
        "note": None, "milestones": [],
    }], "published": []}]}


def test_example_plan_loads(railkpi) -> None:
    result = railkpi("targets", "--plan", REPO / "examples" / "my-plan.yaml", "--format", "json")
    assert result.exit_code == 0
    (plan,) = result.json()["plans"]
    assert plan["id"] == "example-plan"
    assert [t["id"] for t in plan["targets"]] == [
        "revenue-2025", "enterprises-increase", "revenue-growth", "energy-intensity-2025"
    ]


def test_example_plan_loads_by_relative_path(railkpi, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = railkpi("targets", "--plan", "examples/my-plan.yaml")
    assert result.exit_code == 0
    assert "energy-intensity-2025" in result.stdout


def test_example_plan_with_bundled_plans(railkpi) -> None:
    # The example plan shares the ids revenue_total and enterprise_count but gives them the
    # scope of its own district: with a Fengtai plan (no scope) it is refused, so that one
    # district's figures cannot serve the other's targets.
    result = railkpi("targets", "--plan", "14th-fyp", "--plan",
                     REPO / "examples" / "my-plan.yaml", "--format", "json", "--lang", "en")
    assert result.exit_code == 2
    assert sorted((p["code"], p["where"]) for p in result.json()["problems"]) == [
        ("plan-scope-conflict", "indicators.enterprise_count.scope"),
        ("plan-scope-conflict", "indicators.revenue_total.scope"),
    ]
    message = result.json()["problems"][0]["message"]
    assert message.startswith("indicator revenue_total has the scope 'Example District' here "
                              "but (none given) in 14th-fyp; ")
    # Alone, or with a plan that shares no indicator, it loads.
    result = railkpi("targets", "--plan", "2023-2025", "--plan",
                     REPO / "examples" / "my-plan.yaml", "--format", "json")
    assert result.exit_code == 2  # the Action Plan shares revenue_total too
    assert railkpi("targets", "--plan", REPO / "examples" / "my-plan.yaml").exit_code == 0


Mutation = Callable[[dict[str, Any]], None]


def _target(**changes: Any) -> Mutation:
    def mutate(plan: dict[str, Any]) -> None:
        plan["targets"][0].update(changes)
        for key, value in changes.items():
            if value is None:
                del plan["targets"][0][key]

    return mutate


def _set(path: tuple[Any, ...], value: Any) -> Mutation:
    def mutate(plan: dict[str, Any]) -> None:
        node = plan
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value

    return mutate


def _delete(path: tuple[Any, ...]) -> Mutation:
    def mutate(plan: dict[str, Any]) -> None:
        node = plan
        for part in path[:-1]:
            node = node[part]
        del node[path[-1]]

    return mutate


def _duplicate_target(plan: dict[str, Any]) -> None:
    plan["targets"].append(copy.deepcopy(plan["targets"][0]))


BROKEN: list[tuple[str, Mutation, str, str]] = [
    # (case, mutation, code, YAML path)
    # Unknown keys and values outside a fixed set have codes of their own, with a suggestion.
    ("unknown top-level key", _set(("colour",), "red"), "plan-unknown-key", "colour"),
    ("unknown key in plan", _set(("plan", "colour"), "red"), "plan-unknown-key",
     "plan.colour"),
    ("unknown key in target", _target(colour="red"), "plan-unknown-key", "targets[0].colour"),
    ("unknown key in indicator", _set(("indicators", "revenue_total", "colour"), "red"),
     "plan-unknown-key", "indicators.revenue_total.colour"),
    ("missing targets", _delete(("targets",)), "plan-invalid", "targets"),
    ("missing better", _delete(("indicators", "revenue_total", "better")), "plan-invalid",
     "indicators.revenue_total.better"),
    ("bad kind", _target(kind="levels"), "plan-bad-choice", "targets[0].kind"),
    ("bad op", _target(op="=>"), "plan-bad-choice", "targets[0].op"),
    ("bad target id", _target(id="收入目标"), "plan-invalid", "targets[0].id"),
    ("period reversed", _set(("plan", "period"), [2025, 2021]), "plan-invalid", "plan"),
    ("unknown indicator", _target(indicator="nosuch"), "plan-unknown-indicator",
     "targets[0].indicator"),
    ("unknown group", _target(group="nosuch"), "plan-unknown-group", "targets[0].group"),
    ("level without op", _target(op=None), "plan-invalid", "targets[0]"),
    ("level without value", _target(value=None), "plan-invalid", "targets[0]"),
    ("range min > max", _target(kind="range", op=None, value=None, min=5, max=3),
     "plan-invalid", "targets[0]"),
    ("range with op", _target(kind="range", min=3, max=5), "plan-invalid", "targets[0]"),
    ("stated rate without %",
     _set(("stated_rates",), [{"indicator": "revenue_total", "years": [2016, 2020],
                               "rate": "11.0", "quote": "q"}]),
     "plan-invalid", "stated_rates[0].rate"),
    ("stated rate years reversed",
     _set(("stated_rates",), [{"indicator": "revenue_total", "years": [2020, 2016],
                               "rate": "11.0%", "quote": "q"}]),
     "plan-invalid", "stated_rates[0]"),
    ("op against better: lower", _target(indicator="energy_use"), "plan-op-against-better",
     "targets[0].op"),
    ("op against better: higher", _target(op="<="), "plan-op-against-better", "targets[0].op"),
    ("change against better: lower",
     _target(indicator="energy_use", kind="change", op=">=", value=-5),
     "plan-op-against-better", "targets[0].op"),
    ("trend against better", _target(kind="trend", op=None, value=None, direction="falling"),
     "plan-direction-against-better", "targets[0].direction"),
    ("duplicate target id", _duplicate_target, "plan-duplicate-target", "targets[1].id"),
    ("ratio baseline = year", _target(kind="ratio", value=2, baseline_year=2025),
     "plan-baseline-after-target", "targets[0].baseline_year"),
    ("ratio baseline after year", _target(kind="ratio", value=2, year=2023, baseline_year=2024),
     "plan-baseline-after-target", "targets[0].baseline_year"),
    ("level with baseline_year", _target(baseline_year=2020), "plan-invalid", "targets[0]"),
    ("history unknown indicator",
     _set(("history",), [{"indicator": "nosuch", "year": 2020, "value": 1, "quote": "q"}]),
     "plan-unknown-indicator", "history[0].indicator"),
    ("empty quote", _target(quote=""), "plan-invalid", "targets[0].quote"),
]


@pytest.mark.parametrize(("mutate", "code", "where"), [case[1:] for case in BROKEN],
                         ids=[case[0] for case in BROKEN])
def test_broken_plan_reports_file_and_yaml_path(
    tmp_path: Path, railkpi, monkeypatch: pytest.MonkeyPatch,
    mutate: Mutation, code: str, where: str,
) -> None:
    plan = minimal_plan()
    mutate(plan)
    write_plan(tmp_path, plan)
    monkeypatch.chdir(tmp_path)  # a short relative path keeps stderr lines unwrapped

    result = railkpi("targets", "--plan", "broken-plan.yaml", "--lang", "en")
    assert result.exit_code == 2
    assert "broken-plan.yaml" in result.stderr
    assert f"{where}:" in result.stderr
    assert f"[{code}]" in result.stderr

    result = railkpi("targets", "--plan", "broken-plan.yaml", "--format", "json", "--lang", "en")
    assert result.exit_code == 2
    entries = [(p["severity"], p["code"], p["file"], p["where"])
               for p in result.json()["problems"]]
    assert entries == [("error", code, "broken-plan.yaml", where)]


# A target year outside the plan period is a warning, not an error: a plan may set a 2035
# vision target; the plan loads, the warning goes to stderr and `railkpi audit` reports it.
OUTSIDE_PERIOD: list[tuple[str, Mutation, str]] = [
    ("year after period", _target(year=2030), "targets[0].year"),
    ("year before period", _target(year=2019), "targets[0].year"),
    ("each_year window outside period", _target(kind="each_year", years=[2021, 2026]),
     "targets[0].years[1]"),
]


@pytest.mark.parametrize(("mutate", "where"), [case[1:] for case in OUTSIDE_PERIOD],
                         ids=[case[0] for case in OUTSIDE_PERIOD])
def test_target_year_outside_period_is_a_warning(
    tmp_path: Path, railkpi, monkeypatch: pytest.MonkeyPatch, mutate: Mutation, where: str,
) -> None:
    plan = minimal_plan()
    mutate(plan)
    write_plan(tmp_path, plan, "vision-plan.yaml")
    monkeypatch.chdir(tmp_path)
    result = railkpi("targets", "--plan", "vision-plan.yaml", "--format", "json", "--lang", "en")
    assert result.exit_code == 0
    assert [p["id"] for p in result.json()["plans"]] == ["test-plan"]
    assert f"warning [plan-year-outside-period] vision-plan.yaml {where}:" in result.stderr


def test_broken_plan_with_absolute_path(tmp_path: Path, railkpi) -> None:
    plan = minimal_plan()
    plan["targets"][0]["colour"] = "red"
    path = write_plan(tmp_path, plan)
    result = railkpi("targets", "--plan", path, "--format", "json")
    assert result.exit_code == 2
    (problem,) = result.json()["problems"]
    assert (problem["code"], problem["where"]) == ("plan-unknown-key", "targets[0].colour")
    assert Path(problem["file"]).name == "broken-plan.yaml"
    assert "broken-plan.yaml" in result.stderr


def test_range_min_greater_than_max_message(tmp_path: Path) -> None:
    plan = minimal_plan()
    plan["targets"][0].update(kind="range", min=5, max=3)
    del plan["targets"][0]["op"], plan["targets"][0]["value"]
    with pytest.raises(InputError) as caught:
        load_plan(str(write_plan(tmp_path, plan)))
    (problem,) = caught.value.problems
    assert "min (5) is greater than max (3)" in problem.message("en")


def test_level_without_op_message(tmp_path: Path) -> None:
    plan = minimal_plan()
    del plan["targets"][0]["op"]
    with pytest.raises(InputError) as caught:
        load_plan(str(write_plan(tmp_path, plan)))
    (problem,) = caught.value.problems
    assert "needs op and value" in problem.message("en")


@pytest.mark.parametrize(
    "mutate",
    [
        # 减少 N on a lower-is-better indicator: change ≤ −N (docs/plan-format.md).
        pytest.param(_target(indicator="energy_use", kind="change", op="<=", value=-5),
                     id="change-decrease-on-lower"),
        # A floor on the change of a higher-is-better indicator (lose at most 5).
        pytest.param(_target(kind="change", op=">=", value=-5), id="change-floor-on-higher"),
        pytest.param(_target(kind="change", op=">=", value=60), id="change-increase-on-higher"),
        pytest.param(_target(indicator="energy_use", op="<="), id="level-at-most-on-lower"),
        pytest.param(_target(kind="range", op=None, value=None, min=3, max=5), id="range"),
        pytest.param(_target(kind="each_year", op=None, value=None, min=2, max=3),
                     id="each-year-range"),
        pytest.param(_target(kind="trend", op=None, value=None), id="trend"),
        pytest.param(_target(kind="ratio", value=2, baseline_year=2020), id="ratio"),
        pytest.param(_target(kind="growth", value=0.09), id="growth"),
    ],
)
def test_valid_variants_load(tmp_path: Path, mutate: Mutation) -> None:
    plan = minimal_plan()
    mutate(plan)
    (target,) = load_plan(str(write_plan(tmp_path, plan, "ok-plan.yaml"))).targets
    assert (target.id, target.kind) == ("revenue-2025", plan["targets"][0]["kind"])


def test_yaml_syntax_error_names_the_line(tmp_path: Path, railkpi,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    text = yaml.safe_dump(minimal_plan(), allow_unicode=True, sort_keys=False)
    lines = text.splitlines()
    line_number = next(i for i, line in enumerate(lines, 1) if "baseline_year:" in line)
    lines[line_number - 1] = "  baseline_year: 2020: 2021"  # a second colon on the line
    (tmp_path / "broken-plan.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    result = railkpi("targets", "--plan", "broken-plan.yaml", "--lang", "en", "--format", "json")
    assert result.exit_code == 2
    (problem,) = result.json()["problems"]
    assert (problem["code"], problem["file"], problem["where"]) == (
        "plan-yaml", "broken-plan.yaml", None
    )
    assert line_number > 1
    assert f"line {line_number}," in problem["message"]
    assert "broken-plan.yaml" in result.stderr
    assert f"line {line_number}," in result.stderr


def test_yaml_syntax_error_bad_indentation(tmp_path: Path, railkpi,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "broken-plan.yaml").write_text(
        "plan:\n  id: x\n period: [2021, 2025]\ngroups: {}\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    result = railkpi("targets", "--plan", "broken-plan.yaml", "--lang", "en")
    assert result.exit_code == 2
    assert "broken-plan.yaml" in result.stderr
    assert "[plan-yaml]" in result.stderr
    assert "line 3" in result.stderr


@pytest.mark.parametrize(
    ("text", "found"),
    [("- a\n- b\n", "list"), ("just a string\n", "str"), ("42\n", "int"), ("", "NoneType")],
    ids=["list", "string", "number", "empty"],
)
def test_top_level_not_a_mapping(tmp_path: Path, railkpi, monkeypatch: pytest.MonkeyPatch,
                                 text: str, found: str) -> None:
    (tmp_path / "broken-plan.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = railkpi("targets", "--plan", "broken-plan.yaml", "--format", "json", "--lang", "en")
    assert result.exit_code == 2
    (problem,) = result.json()["problems"]
    assert (problem["code"], problem["file"]) == ("plan-not-mapping", "broken-plan.yaml")
    assert found in problem["message"]
    assert "broken-plan.yaml" in result.stderr


def test_python_tags_are_not_executed(tmp_path: Path, railkpi,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "broken-plan.yaml").write_text(
        "plan: !!python/object/apply:os.system ['echo pwned']\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    result = railkpi("targets", "--plan", "broken-plan.yaml", "--format", "json")
    assert result.exit_code == 2
    assert [p["code"] for p in result.json()["problems"]] == ["plan-yaml"]
    assert "pwned" not in result.stdout


def test_two_errors_in_one_file_are_both_reported(tmp_path: Path, railkpi,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    plan = minimal_plan()
    plan["targets"][0]["group"] = "nosuch"
    plan["targets"].append({**plan["targets"][0], "id": "energy-2025",
                            "indicator": "energy_use", "group": "scale", "year": 2030})
    write_plan(tmp_path, plan)
    monkeypatch.chdir(tmp_path)
    result = railkpi("targets", "--plan", "broken-plan.yaml", "--format", "json", "--lang", "en")
    assert result.exit_code == 2
    assert sorted((p["code"], p["where"]) for p in result.json()["problems"]) == [
        ("plan-op-against-better", "targets[1].op"),
        ("plan-unknown-group", "targets[0].group"),
        ("plan-year-outside-period", "targets[1].year"),
    ]
    for where in ("targets[0].group", "targets[1].op", "targets[1].year"):
        assert where in result.stderr


def test_two_schema_errors_in_one_file_are_both_reported(
    tmp_path: Path, railkpi, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = minimal_plan()
    plan["targets"][0]["colour"] = "red"
    plan["indicators"]["energy_use"]["better"] = "more"
    write_plan(tmp_path, plan)
    monkeypatch.chdir(tmp_path)
    result = railkpi("targets", "--plan", "broken-plan.yaml", "--format", "json")
    assert result.exit_code == 2
    assert sorted((p["code"], p["where"]) for p in result.json()["problems"]) == [
        ("plan-bad-choice", "indicators.energy_use.better"),
        ("plan-unknown-key", "targets[0].colour"),
    ]


def test_problems_of_several_plan_files_are_reported_together(
    tmp_path: Path, railkpi
) -> None:
    first = minimal_plan()
    first["targets"][0]["group"] = "nosuch"
    second = minimal_plan()
    second["plan"]["id"] = "second-plan"
    second["targets"][0]["year"] = 2030
    result = railkpi("targets", "--plan", write_plan(tmp_path, first, "first.yaml"),
                     "--plan", write_plan(tmp_path, second, "second.yaml"), "--format", "json")
    assert result.exit_code == 2
    assert sorted((Path(p["file"]).name, p["code"]) for p in result.json()["problems"]) == [
        ("first.yaml", "plan-unknown-group"),
        ("second.yaml", "plan-year-outside-period"),
    ]


def test_unknown_plan_id_names_the_bundled_ids(railkpi) -> None:
    result = railkpi("targets", "--plan", "nosuch", "--lang", "en")
    assert result.exit_code == 2
    assert "nosuch" in result.stderr
    assert "14th-fyp" in result.stderr
    assert "2023-2025" in result.stderr

    result = railkpi("targets", "--plan", "nosuch", "--format", "json", "--lang", "en")
    assert result.exit_code == 2
    (problem,) = result.json()["problems"]
    assert problem["code"] == "plan-not-found"
    assert "14th-fyp, 2023-2025" in problem["message"]


def test_plans_disagreeing_on_a_unit(tmp_path: Path, railkpi) -> None:
    plan = minimal_plan()
    plan["indicators"]["revenue_total"]["unit"] = "万元"
    path = write_plan(tmp_path, plan, "other-plan.yaml")
    # docs/plan-format.md, Validation: loading checks that "several plans loaded together"
    # agree on a shared indicator's unit -- `targets` loads them together too.
    result = railkpi("targets", "--plan", "14th-fyp", "--plan", path, "--format", "json",
                     "--lang", "en")
    assert result.exit_code == 2
    assert [(p["code"], p["where"]) for p in result.json()["problems"]] == [
        ("plan-indicator-conflict", "indicators.revenue_total.unit")
    ]
    assert "other-plan.yaml" in result.stderr

    with pytest.raises(InputError) as caught:
        merge_plans(load_plans(["14th-fyp", str(path)]))
    (problem,) = caught.value.problems
    assert (problem.code, problem.where) == (
        "plan-indicator-conflict", "indicators.revenue_total.unit"
    )
    message = problem.message("en")
    assert "万元" in message and "亿元" in message and "14th-fyp" in message


def test_validate_with_plans_disagreeing_on_a_unit(
    tmp_path: Path, railkpi, make_workbook: Callable[..., Path]
) -> None:
    plan = minimal_plan()
    plan["indicators"]["revenue_total"]["unit"] = "万元"
    path = write_plan(tmp_path, plan, "other-plan.yaml")
    data = make_workbook({"数据": [["指标", "年份", "数值"], ["总收入", 2023, 1]]})
    result = railkpi("validate", data, "--plan", "14th-fyp", "--plan", path,
                     "--format", "json")
    assert result.exit_code == 2
    assert [(p["code"], p["where"]) for p in result.json()["problems"]] == [
        ("plan-indicator-conflict", "indicators.revenue_total.unit")
    ]
    assert "other-plan.yaml" in result.stderr


def test_plans_agreeing_on_a_shared_indicator_merge(tmp_path: Path) -> None:
    path = write_plan(tmp_path, minimal_plan(), "ok-plan.yaml")
    registry = merge_plans(load_plans(["14th-fyp", str(path)]))
    assert registry.lookup("revenue_total") == ("revenue_total",)
    assert registry.lookup("综合能耗") == ("energy_use",)


def test_same_plan_loaded_twice(railkpi, make_workbook: Callable[..., Path]) -> None:
    data = make_workbook({"数据": [["指标", "年份", "数值"], ["总收入", 2023, 1]]})
    result = railkpi("validate", data, "--plan", "14th-fyp", "--plan",
                     REPO / "targets" / "14th-fyp.yaml", "--format", "json")
    assert result.exit_code == 2
    assert [p["code"] for p in result.json()["problems"]] == ["plan-duplicate-id"]
