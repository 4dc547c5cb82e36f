"""Annual milestones: the compound and linear paths worked out by hand, the steps of every kind of
target, the starts that give no path, and `railkpi milestones` in its formats."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plans import history, indicator, plan_data, plan_model, target, write_plan
from railkpi.calc.decompose import decompose
from railkpi.calc.milestones import TargetPath, path_values
from railkpi.plans.loader import load_plans
from railkpi.read.observation import Observation

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "fengtai.xlsx"

# -- the 14th FYP's revenue, by hand ----------------------------------------------------------
# From 2364.9 (2020) to more than 3500 (2025). Compound: g = (3500 / 2364.9)^(1/5) − 1;
# 3500 / 2364.9 = 1.4799780…, whose fifth root is 1.0815664…, so g = 8.157 % a year and
# 2021: 2364.9 × 1.0815664 = 2557.78, 2022: 2557.78 × 1.0815664 = 2766.40,
# 2023: 2992.03, 2024: 3236.06, and 2025 the target itself, 3500.
COMPOUND_2021 = 2364.9 * (3500 / 2364.9) ** (1 / 5)
COMPOUND_REVENUE = [2557.78, 2766.40, 2992.03, 3236.06, 3500.0]
# Linear: (3500 − 2364.9) / 5 = 1135.1 / 5 = 227.02 a year, exactly.
LINEAR_REVENUE = [2591.92, 2818.94, 3045.96, 3272.98, 3500.0]
# R&D expenditure, 翻番 from 56.8 (2020): X = 113.6; compound g = 2^(1/5) − 1 = 14.87 %,
# 2021: 56.8 × 2^(1/5) = 65.246, 2023: 56.8 × 2^(3/5) = 86.093; linear 56.8 / 5 = 11.36 a year.
COMPOUND_RD = [65.246, 74.948, 86.093, 98.895, 113.6]
LINEAR_RD = [68.16, 79.52, 90.88, 102.24, 113.6]


def bundled(method: str = "compound", plan: str = "14th-fyp") -> dict[str, TargetPath]:
    (loaded,) = load_plans([plan])
    (paths,) = decompose([loaded[1]], None, method).plans  # type: ignore[arg-type]
    return {p.target.id: p for p in paths.targets}


def values(path: TargetPath) -> list[float | None]:
    return [s.value for s in path.steps]


def test_revenue_compound_by_hand() -> None:
    revenue = bundled()["revenue-2025"]
    assert [s.year for s in revenue.steps] == [2021, 2022, 2023, 2024, 2025]
    assert revenue.steps[0].value == pytest.approx(COMPOUND_2021, rel=1e-12)
    assert [round(v, 2) for v in values(revenue) if v is not None] == COMPOUND_REVENUE
    assert revenue.steps[-1].value == 3500  # the target itself, not 3499.9999…
    # Each step is the one before times 1 + g.
    growth = (3500 / 2364.9) ** (1 / 5)
    for before, after in zip(revenue.steps, revenue.steps[1:], strict=False):
        assert after.value == pytest.approx(before.value * growth, rel=1e-12)  # type: ignore[operator]
    assert (revenue.method, revenue.start.year, revenue.start.value) == (  # type: ignore[union-attr]
        "compound", 2020, 2364.9)
    assert revenue.notes == ()


def test_revenue_linear_by_hand_in_exact_decimals() -> None:
    revenue = bundled("linear")["revenue-2025"]
    assert values(revenue) == LINEAR_REVENUE  # exactly: 2364.9 + 227.02 is 2591.92
    assert revenue.method == "linear"


def test_ratio_target_doubling() -> None:
    compound = bundled()["rd-expenditure-double"]
    assert compound.target_value == 113.6  # 56.8 × 2 on the figures as written
    assert [round(v, 3) for v in values(compound) if v is not None] == COMPOUND_RD
    assert compound.steps[0].value == pytest.approx(56.8 * 2 ** (1 / 5), rel=1e-12)
    assert values(bundled("linear")["rd-expenditure-double"]) == LINEAR_RD


def test_strict_target_ends_at_the_target_and_says_more_than() -> None:
    steps = bundled()["revenue-2025"].steps
    assert [s.op for s in steps] == [">=", ">=", ">=", ">=", ">"]
    assert [s.strict for s in steps] == [False, False, False, False, True]
    # 研发人才数量达到15000 (≥) ends at 15000 without "more than".
    personnel = bundled()["rd-personnel"].steps
    assert (personnel[-1].value, personnel[-1].op) == (15000, ">=")


def test_qualified_baseline_is_its_point_value_marked_approximate() -> None:
    paths = bundled()
    firms = paths["enterprises-2025"]  # 180余 (2020) → more than 240
    # 180 × (240 / 180)^(1/5): (4/3)^(1/5) = 1.059224, so 2021 is 190.66.
    assert firms.steps[0].value == pytest.approx(180 * (240 / 180) ** 0.2, rel=1e-12)
    assert round(firms.steps[0].value, 2) == 190.66  # type: ignore[arg-type]
    assert firms.approximate and all(s.approximate for s in firms.steps[:-1])
    assert not firms.steps[-1].approximate  # the target itself: > 240, whatever 180余 was
    assert [n.code for n in firms.notes] == ["milestone-approximate"]
    # 增加60家 from 180余: X = 240 is approximate too.
    increase = paths["enterprises-increase"]
    assert increase.target_value == 240 and increase.steps[-1].approximate
    # An exact baseline: no such note.
    assert "milestone-approximate" not in [n.code for n in paths["revenue-2025"].notes]


def test_no_published_baseline_says_why() -> None:
    platforms = bundled()["innovation-platforms"]  # the plan publishes no 2020 figure
    assert platforms.steps == () and platforms.method is None
    assert [(n.code, dict(n.params)) for n in platforms.notes] == [
        ("milestone-no-baseline", {"year": "2020"})]
    ratio = bundled()["patents-per-capita"]  # a ratio of a figure that is not there
    assert ratio.steps == () and ratio.target_value is None
    assert [n.code for n in ratio.notes] == ["milestone-no-baseline"]


def test_each_year_and_trend_targets() -> None:
    events = bundled()["intl-events"]  # 每年2-3次, 2021-2025
    assert [(s.year, s.low, s.high, s.value, s.op) for s in events.steps] == [
        (y, 2, 3, None, None) for y in range(2021, 2026)]
    action = bundled(plan="2023-2025")
    core = action["core-tech-each-year"]  # 每年……30项
    assert [(s.year, s.value, s.op) for s in core.steps] == [(y, 30, ">=") for y in (2023,
                                                                                        2024, 2025)]
    rising = action["tech-transactions-rising"]  # 持续提升, from 2022
    assert [(s.year, s.value, s.op, s.previous_year) for s in rising.steps] == [
        (y, None, ">", True) for y in (2023, 2024, 2025)]


# -- starts that give no path, or another path ----------------------------------------------

INDICATORS = {
    "rev": indicator("收入", "Revenue", "亿元"),
    "labs": indicator("实验室", "Labs", "个"),
    "energy": indicator("能耗", "Energy intensity", "吨/万元", better="lower", decimals=3),
}


def paths_of(*targets: dict[str, Any], observations: list[Observation] | None = None,
             method: str = "compound", from_latest: bool = False, as_of: int | None = None,
             **sections: Any) -> dict[str, TargetPath]:
    plan = plan_model(plan_data(*targets, indicators=INDICATORS, **sections))
    (paths,) = decompose([plan], observations, method, from_latest,  # type: ignore[arg-type]
                         as_of).plans
    return {p.target.id: p for p in paths.targets}


def obs(indicator_id: str, year: int, value: float) -> Observation:
    """A workbook's figure, checked against the indicators as the reader checks it."""
    known = plan_model(plan_data(target("level", "rev", op=">=", value=1),
                                 indicators=INDICATORS)).indicators
    return Observation.model_validate(
        {"indicator": indicator_id, "year": year, "value": value, "where": f"数据!C{year}"},
        context={"indicators": known})


def test_zero_baseline_falls_back_to_linear_with_a_note() -> None:
    # 零的突破: 0 labs in 2020, at least 1 in 2025. (1/0) has no growth rate: linear, 0.2 a year.
    labs = paths_of(target("level", "labs", op=">=", value=1),
                    history=[history("labs", 2020, 0)])["labs-level"]
    assert labs.method == "linear"
    assert values(labs) == [0.2, 0.4, 0.6, 0.8, 1]
    assert [n.code for n in labs.notes] == ["milestone-linear-fallback"]
    linear = paths_of(target("level", "labs", op=">=", value=1), method="linear",
                      history=[history("labs", 2020, 0)])["labs-level"]
    assert linear.notes == ()  # asked for linear: nothing fell back


def test_lower_is_better_mirrored() -> None:
    # Energy 0.08 (2020) to less than 0.05 (2025): 0.08 × (0.05 / 0.08)^(n/5), falling;
    # 0.625^(1/5) = 0.91028, so 2021 is 0.08 × 0.91028 = 0.0728.
    energy = paths_of(target("level", "energy", op="<", value=0.05),
                      history=[history("energy", 2020, 0.08)])["energy-level"]
    assert energy.steps[0].value == pytest.approx(0.08 * 0.625 ** 0.2, rel=1e-12)
    assert round(energy.steps[0].value, 4) == 0.0728  # type: ignore[arg-type]
    assert [s.op for s in energy.steps] == ["<=", "<=", "<=", "<=", "<"]
    assert all(a.value > b.value for a, b in zip(energy.steps, energy.steps[1:],  # type: ignore[operator]
                                                 strict=False))


def test_a_bound_only_baseline_gives_no_path() -> None:
    paths = paths_of(target("level", "rev", op=">=", value=4000),
                     target("change", "rev", op=">=", value=500),
                     history=[history("rev", 2020, "突破3000")])
    for path in paths.values():
        assert path.steps == ()
        assert [(n.code, dict(n.params)) for n in path.notes] == [
            ("milestone-bound-start", {"year": "2020", "figure": ">3000"})]


def test_a_start_that_already_meets_the_target_holds_it() -> None:
    held = paths_of(target("level", "rev", op=">=", value=1000),
                    history=[history("rev", 2020, 1012.6)])["rev-level"]
    assert values(held) == [1000] * 5
    assert [n.code for n in held.notes] == ["milestone-already-met"]


def test_growth_target_follows_its_own_rate() -> None:
    # 年均增长20% from 1350 (2020): 1350 × 1.2^n, the last 1350 × 1.2^5 = 3359.232.
    growth = paths_of(target("growth", "rev", op=">=", value=0.2),
                      history=[history("rev", 2020, 1350)])["rev-growth"]
    assert values(growth) == pytest.approx([1620, 1944, 2332.8, 2799.36, 3359.232], rel=1e-12)


def test_from_latest_replans_the_remaining_years() -> None:
    data = [obs("rev", 2020, 2364.9), obs("rev", 2023, 2803.7)]
    goal = target("level", "rev", op=">", value=3500)
    compound = paths_of(goal, observations=data, from_latest=True)["rev-level"]
    # From 2803.7 (2023) to 3500 (2025): 2024 is √(2803.7 × 3500) = √9812950 = 3132.56.
    assert (compound.start.year, compound.start.value) == (2023, 2803.7)  # type: ignore[union-attr]
    assert [s.year for s in compound.steps] == [2024, 2025]
    assert compound.steps[0].value == pytest.approx(math.sqrt(2803.7 * 3500), rel=1e-12)
    # Linear: (3500 − 2803.7) / 2 = 348.15 a year: 3151.85.
    linear = paths_of(goal, observations=data, from_latest=True, method="linear")["rev-level"]
    assert values(linear) == [3151.85, 3500]
    # Without --from-latest the workbook's baseline starts the path.
    whole = paths_of(goal, observations=data)["rev-level"]
    assert [s.year for s in whole.steps] == [2021, 2022, 2023, 2024, 2025]
    # --as-of 2022 sees no later figure than the baseline: the whole path again.
    early = paths_of(goal, observations=data, from_latest=True, as_of=2022)["rev-level"]
    assert values(early) == values(whole)


def test_from_latest_with_the_target_year_reached() -> None:
    data = [obs("rev", 2020, 2364.9), obs("rev", 2025, 3600)]
    done = paths_of(target("level", "rev", op=">", value=3500), observations=data,
                    from_latest=True)["rev-level"]
    assert done.steps == ()
    assert [(n.code, dict(n.params)) for n in done.notes] == [
        ("milestone-target-year-reached", {"year": "2025"})]


def test_a_change_target_from_the_latest_keeps_its_baseline_target() -> None:
    data = [obs("rev", 2020, 100), obs("rev", 2023, 130)]
    change = paths_of(target("change", "rev", op=">=", value=60), observations=data,
                      from_latest=True, method="linear")["rev-change"]
    assert change.target_value == 160  # 100 + 60, from the baseline, not from 130
    assert values(change) == [145, 160]


def test_plan_steps_are_noted() -> None:
    path = paths_of(target("level", "rev", op=">=", value=3000,
                           milestones={2023: 2800, 2024: 2900}),
                    history=[history("rev", 2020, 2364.9)])["rev-level"]
    assert [(n.code, dict(n.params)) for n in path.notes] == [
        ("milestone-plan-steps", {"years": "2023, 2024"})]


# -- property tests -----------------------------------------------------------------------

positive = st.floats(min_value=0.01, max_value=1e6, allow_nan=False, allow_infinity=False)


@given(start=positive, end=positive, years=st.integers(min_value=1, max_value=15))
def test_compound_path_is_geometric_and_ends_at_the_target(start: float, end: float,
                                                           years: int) -> None:
    used, steps = path_values(2020, start, 2020 + years, end, "compound")
    assert used == "compound" and len(steps) == years and steps[-1] == end
    ratios = [b / a for a, b in zip([start, *steps], steps, strict=False)]
    assert all(r == pytest.approx(ratios[0], rel=1e-9) for r in ratios)
    low, high = min(start, end), max(start, end)
    assert all(low * (1 - 1e-9) <= s <= high * (1 + 1e-9) for s in steps)


@given(start=st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
       end=st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
       years=st.integers(min_value=1, max_value=15))
def test_linear_path_has_equal_steps(start: float, end: float, years: int) -> None:
    used, steps = path_values(2020, start, 2020 + years, end, "linear")
    assert used == "linear" and steps[-1] == end
    increments = [b - a for a, b in zip([start, *steps], steps, strict=False)]
    scale = max(1.0, abs(start), abs(end))
    assert all(abs(d - increments[0]) <= 1e-9 * scale for d in increments)


@given(start=st.floats(min_value=-100, max_value=0), end=positive)
def test_compound_from_a_non_positive_start_is_linear(start: float, end: float) -> None:
    assert path_values(2020, start, 2025, end, "compound")[0] == "linear"


# -- railkpi milestones ----------------------------------------------------------------------


def test_table_rounds_and_words_strict_steps(railkpi: Callable[..., Any]) -> None:
    zh = railkpi("milestones", "--plan", "14th-fyp", "--lang", "zh")
    assert zh.exit_code == 0, zh.stderr
    revenue = next(line for line in zh.stdout.splitlines() if "总收入" in line)
    # At one decimal, towards the target: 2557.78 → 2557.8, but 2992.03 → 2992.1 (a figure of
    # 2992.0 would miss the step).
    assert revenue.split()[-5:] == ["2557.8", "2766.4", "2992.1", "3236.1", "超过3500.0"]
    firms = next(line for line in zh.stdout.splitlines() if ">240" in line)
    assert firms.split()[-5:] == ["≈191", "≈202", "≈214", "≈227", "超过240"]
    assert "复利路径" in zh.stdout and "线性路径" not in zh.stdout
    en = railkpi("milestones", "--plan", "14th-fyp", "--lang", "en", "--method", "linear")
    revenue = next(line for line in en.stdout.splitlines() if "3500.0" in line)
    # 2591.92, 2818.94, 3045.96, 3272.98, shown so that the shown step is reached: up.
    assert revenue.endswith("2592.0  2819.0  3046.0  3273.0  more than 3500.0")
    assert "linear path" in en.stdout and "超过" not in en.stdout


def test_json_document(railkpi: Callable[..., Any]) -> None:
    run = railkpi("milestones", "--plan", "14th-fyp", "--format", "json", "--lang", "en")
    document = run.json()
    assert (document["schema"], document["method"], document["from_latest"],
            document["as_of"], document["data_file"]) == (
        "railkpi.milestones/1", "compound", False, None, None)
    targets = {t["id"]: t for t in document["plans"][0]["targets"]}
    revenue = targets["revenue-2025"]
    assert (revenue["strict"], revenue["method"], revenue["target_value"]) == (True, "compound",
                                                                               3500)
    assert revenue["start"]["value"] == 2364.9 and revenue["start"]["source"] == "plan"
    assert revenue["milestones"][0] == {
        "year": 2021, "value": pytest.approx(COMPOUND_2021, rel=1e-12), "op": ">=",
        "min": None, "max": None, "previous_year": False, "approximate": False}
    assert revenue["milestones"][-1]["value"] == 3500 and revenue["milestones"][-1]["op"] == ">"
    platforms = targets["innovation-platforms"]
    assert platforms["milestones"] == [] and platforms["method"] is None
    assert [n["code"] for n in platforms["notes"]] == ["milestone-no-baseline"]
    assert "2020" in platforms["notes"][0]["message"]


def test_csv_one_row_per_step(railkpi: Callable[..., Any]) -> None:
    run = railkpi("milestones", "--plan", "14th-fyp", "--format", "csv", "--lang", "en",
                  "--method", "linear")
    rows = list(csv.reader(io.StringIO(run.stdout.removeprefix("\ufeff"))))
    body = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    revenue = [r for r in body if r["Target id"] == "revenue-2025"]
    assert [(r["Year"], r["Step value"], r["Step op"]) for r in revenue] == [
        ("2021", "2591.92", ">="), ("2022", "2818.94", ">="), ("2023", "3045.96", ">="),
        ("2024", "3272.98", ">="), ("2025", "3500.0", ">")]
    (platforms,) = [r for r in body if r["Target id"] == "innovation-platforms"]
    assert platforms["Year"] == "" and "2020" in platforms["Notes"]


def test_data_and_from_latest(railkpi: Callable[..., Any]) -> None:
    run = railkpi("milestones", "--data", EXAMPLE, "--from-latest", "--format", "json",
                  "--plan", "14th-fyp")
    document = run.json()
    assert (document["from_latest"], document["as_of"], document["data_file"]) == (
        True, 2024, "fengtai.xlsx")
    revenue = document["plans"][0]["targets"][0]
    # The example's 2024 revenue is 2948.2: one year left, the target itself.
    assert revenue["start"]["year"] == 2024 and revenue["start"]["value"] == 2948.2
    assert [(m["year"], m["value"], m["op"]) for m in revenue["milestones"]] == [
        (2025, 3500, ">")]


@pytest.mark.parametrize("option", [["--from-latest"], ["--as-of", "2023"]])
def test_from_latest_and_as_of_need_data(option: list[str],
                                         railkpi: Callable[..., Any]) -> None:
    run = railkpi("milestones", *option, "--lang", "en")
    assert run.exit_code == 2
    assert f"[bad-option] {option[0]}: needs a workbook given with --data" in run.stderr


def test_notes_and_warnings_of_a_user_plan(railkpi: Callable[..., Any],
                                           tmp_path: Path) -> None:
    plan = write_plan(tmp_path, plan_data(
        target("level", "labs", op=">=", value=1), indicators=INDICATORS,
        history=[history("labs", 2020, 0)]))
    run = railkpi("milestones", "--plan", plan, "--lang", "zh", "--format", "markdown")
    assert run.exit_code == 0
    # Steps of 0.2, 0.4, … labs: a whole lab reaches each of them.
    assert "| 实验室（个） | ≥1 | 0 (2020) | 1 | 1 | 1 | 1 | 1 |" in run.stdout
    assert "起点值或目标值不为正，复利路径无定义，改用线性路径" in run.stdout


@pytest.mark.parametrize("width", [60, 72, 100])
def test_a_narrow_terminal_gets_the_years_in_parts(width: int,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.cells import cell_len
    from rich.console import Console

    from railkpi.render import MilestoneReport, table

    monkeypatch.setattr(table, "console", lambda out: Console(
        file=out, width=width, no_color=True, highlight=False, soft_wrap=False))
    (loaded,) = load_plans(["14th-fyp"])
    out = io.StringIO()
    table.render_milestones(MilestoneReport(decompose([loaded[1]], None, "compound")), "zh",
                            out)
    text = out.getvalue()
    assert max(cell_len(line) for line in text.splitlines()) <= width  # no line runs over
    # Every year is there, in one table or in parts, and no step is cut.
    for year in range(2021, 2026):
        assert str(year) in text
    for step in ("2557.8", "2766.4", "2992.1", "3236.1", "超过3500.0"):
        assert step in text
    tables = text.count("指标（单位）")
    assert tables == 1 if width == 100 else tables > 1
