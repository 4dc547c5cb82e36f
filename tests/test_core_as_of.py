"""The year assessed when none is given, the figures after it, and workbook figures that
contradict a figure the plan publishes itself (calc/as_of.py, calc/contradictions.py).

Every expected year, bound and message is worked out from the inputs in the comment beside it.
"""

from __future__ import annotations

from typing import Any

import pytest

from core_builders import (
    after_as_of,
    contradictions,
    default_as_of,
    exact,
    figure_at,
    hist,
    make_plan,
    parse_figure,
    target,
    widened,
)
from railkpi.figures import Figure


def two_targets(**kwargs: Any) -> Any:
    """Targets on revenue and on enterprises; patents are in the plan's indicators but no
    target is about them."""
    return make_plan(target("level", "revenue_total", op=">=", value=3500),
                     target("level", "enterprise_count", op=">=", value=300), **kwargs)


def figures(plan: Any, indicator_id: str, years: range | tuple[int, ...]) -> list[Any]:
    return [figure_at(plan, indicator_id, y, 1.0, f"数据!{y}") for y in years]


# -- the year assessed ---------------------------------------------------------------------------


def test_half_of_the_indicators_used_decide_the_year_and_an_unused_one_counts_not() -> None:
    plan = two_targets()
    observed = (figures(plan, "revenue_total", range(2021, 2025))
                + figures(plan, "enterprise_count", range(2021, 2024))
                + figures(plan, "patent_count", (2021, 2025, 2026)))
    # used: revenue and enterprises. 2024: revenue only, 1 of 2: 2·1 ≥ 2, half is enough.
    # (Were patents counted, 2026 and 2025 would have 1 of 3 and 2024 too: 2023 instead.)
    assert default_as_of(observed, [plan]) == 2024


def test_less_than_half_does_not_move_the_year() -> None:
    plan = make_plan(target("level", "revenue_total", op=">=", value=3500),
                     target("level", "enterprise_count", op=">=", value=300),
                     target("level", "patent_count", op=">=", value=100))
    observed = (figures(plan, "revenue_total", range(2021, 2025))
                + figures(plan, "enterprise_count", range(2021, 2024))
                + figures(plan, "patent_count", range(2021, 2024)))
    # 2024: 1 of 3 (2·1 < 3); 2023: 3 of 3 — the latest year with half, not the first (2021)
    assert default_as_of(observed, [plan]) == 2023
    # two of three in 2024 (2·2 ≥ 3): 2024
    observed += figures(plan, "patent_count", (2024,))
    assert default_as_of(observed, [plan]) == 2024


def test_without_figures_of_the_indicators_used_the_plans_latest_published_year() -> None:
    plan = two_targets(history=(hist("revenue_total", 2019, 2000),
                                hist("enterprise_count", 2021, "180余"),
                                hist("revenue_total", 2020, 2364.9)))
    only_unused = figures(plan, "patent_count", (2023, 2024))
    assert default_as_of(only_unused, [plan]) == 2021  # the latest of 2019, 2021, 2020
    assert default_as_of([], [plan]) == 2021


def test_without_any_figure_the_latest_baseline_year_of_the_plans() -> None:
    first = two_targets(baseline_year=2020, plan_id="first")
    second = two_targets(period=(2023, 2027), baseline_year=2022, plan_id="second")
    assert default_as_of([], [first, second]) == 2022
    assert default_as_of([], [first]) == 2020


# -- figures after the year assessed ------------------------------------------------------------


def test_figures_after_the_year_are_listed_by_year_with_name_and_cell() -> None:
    plan = two_targets()
    observed = [
        figure_at(plan, "enterprise_count", 2026, 240, "数据!G3"),
        figure_at(plan, "revenue_total", 2025, 3200, "数据!F2"),
        figure_at(plan, "enterprise_count", 2025, 230, "数据!F3"),
        figure_at(plan, "revenue_total", 2024, 3100, "数据!E2"),  # the year assessed itself
        figure_at(plan, "patent_count", 2027, 50, "数据!H4"),  # no target is about patents
    ]
    first, second = after_as_of("data.xlsx", observed, [plan], 2024)  # 2025 before 2026
    assert (first.code, first.severity, first.file, first.where) == (
        "after-as-of", "warning", "data.xlsx", None)
    assert first.message("en") == (
        "2025: 2 figures (Revenue, 数据!F2; Enterprises, 数据!F3) are after the year assessed, "
        "2024, and left out; use --as-of 2025 to include them")
    assert first.message("zh") == (
        "2025 年：2 个数值（轨道交通产业总收入，数据!F2；轨道交通企业数量，数据!F3）晚于评估年份 "
        "2024 年，未纳入评估；如需纳入这些数值，请使用 --as-of 2025")
    assert second.message("en") == (
        "2026: 1 figure (Enterprises, 数据!G3) is after the year assessed, 2024, and left out; "
        "use --as-of 2026 to include it")
    assert second.message("zh") == (
        "2026 年：1 个数值（轨道交通企业数量，数据!G3）晚于评估年份 2024 年，未纳入评估；"
        "如需纳入该数值，请使用 --as-of 2026")
    assert after_as_of("data.xlsx", observed, [plan], 2026) == []  # patents' 2027 is not used


@pytest.mark.parametrize("count", [10, 11])
def test_ten_figures_are_named_and_the_rest_counted(count: int) -> None:
    plan = two_targets()
    observed = [figure_at(plan, "revenue_total", 2025, 3000 + i, f"数据!F{i}")
                for i in range(1, count + 1)]
    (warning,) = after_as_of(None, observed, [plan], 2024)
    named_en = "; ".join(f"Revenue, 数据!F{i}" for i in range(1, 11))
    named_zh = "；".join(f"轨道交通产业总收入，数据!F{i}" for i in range(1, 11))
    more_en, more_zh = (", … 11 in all", "等，共 11 个") if count == 11 else ("", "")
    assert warning.message("en") == (
        f"2025: {count} figures ({named_en}{more_en}) are after the year assessed, 2024, and "
        "left out; use --as-of 2025 to include them")
    assert warning.message("zh") == (
        f"2025 年：{count} 个数值（{named_zh}{more_zh}）晚于评估年份 2024 年，未纳入评估；"
        "如需纳入这些数值，请使用 --as-of 2025")


# -- figures against the plan's own --------------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        # 2364.9: half a unit of the last digit is 0.05 → [2364.85, 2364.95]
        (2364.9, Figure(2364.9, 2364.85, 2364.95, True, True, None)),
        # 54 → [53.5, 54.5]
        (54.0, Figure(54.0, 53.5, 54.5, True, True, None)),
        # 180余 is [180, 190): the lower end widens to 179.5 (now inclusive), 190 stays open
        ("180余", Figure(180.0, 179.5, 190.0, True, False, "余")),
        # 突破3000 is (3000, ∞): 2999.5 inclusive, still unbounded above
        ("突破3000", Figure(3000.0, 2999.5, None, True, True, "突破")),
        # 3000以上 is [3000, ∞): likewise
        ("3000以上", Figure(3000.0, 2999.5, None, True, True, "以上")),
        # 近50 is (−∞, 50): 50.5 inclusive, still unbounded below
        ("近50", Figure(50.0, None, 50.5, True, True, "近")),
        # 50以下 is (−∞, 50]: likewise
        ("50以下", Figure(50.0, None, 50.5, True, True, "以下")),
        # 约100 has no bound and gets none
        ("约100", Figure(100.0, None, None, True, True, "约")),
    ],
)
def test_a_published_figure_widens_by_half_a_unit_of_its_last_digit(
        published: float | str, expected: Figure) -> None:
    figure = parse_figure(published) if isinstance(published, str) else exact(published)
    assert widened(figure) == expected


def one_published(value: float | str, **kwargs: Any) -> Any:
    return make_plan(target("level", "enterprise_count", op=">=", value=300),
                     history=(hist("enterprise_count", 2020, value),), **kwargs)


@pytest.mark.parametrize(
    ("published", "found", "agrees"),
    [
        (2364.9, 2364.85, True), (2364.9, 2364.95, True),  # the ends of [2364.85, 2364.95]
        (2364.9, 2364.84, False), (2364.9, 2364.96, False),
        (54.0, 54.5, True), (54.0, 54.6, False), (54.0, 53.4, False),
        ("180余", 179.5, True), ("180余", 189.9, True),  # [179.5, 190)
        ("180余", 179.4, False), ("180余", 190, False), ("180余", 143, False),
        ("突破3000", 2999.5, True), ("突破3000", 1e6, True), ("突破3000", 2999.4, False),
        ("3000以上", 2999.5, True), ("3000以上", 2999.4, False),
        ("近50", 50.5, True), ("近50", 3, True), ("近50", 50.6, False),
        ("50以下", 50.5, True), ("50以下", 3, True), ("50以下", 50.6, False),
        ("约100", 3, True), ("约100", 1e6, True),  # no bound: contradicts nothing
        ("180余", "185左右", True), ("180余", "不足150", False),  # ranges meet, or do not
        ("180余", "突破189", True), ("180余", "190以上", False),
    ],
)
def test_a_workbook_figure_contradicts_the_plan_only_outside_the_widened_bounds(
        published: float | str, found: float | str, agrees: bool) -> None:
    plan = one_published(published)
    problems = contradictions("data.xlsx", [plan],
                              [figure_at(plan, "enterprise_count", 2020, found, "数据!C7")])
    assert [(p.code, p.severity, p.file, p.where) for p in problems] == (
        [] if agrees else [("contradicts-plan", "warning", "data.xlsx", "数据!C7")])


def test_the_warning_names_both_figures_the_plan_and_the_quote() -> None:
    plan = one_published("180余")
    (problem,) = contradictions("data.xlsx", [plan],
                                [figure_at(plan, "enterprise_count", 2020, 143, "数据!C7")])
    assert problem.message("en") == (
        "Enterprises 2020: the workbook has 143 but Test plan publishes 180余 (“规划原文”); "
        "the workbook's figure is used")
    assert problem.message("zh") == (
        "轨道交通企业数量 2020 年：工作簿为 143，而《测试规划》公布的是 180余（“规划原文”），"
        "两者不符；计算采用工作簿的数值")
    (qualified,) = contradictions("data.xlsx", [plan], [
        figure_at(plan, "enterprise_count", 2020, "不足150", "数据!C7")])
    assert "the workbook has <150 but Test plan publishes 180余" in qualified.message("en")
    (decimal,) = contradictions("data.xlsx", [one_published(2364.9)], [
        figure_at(plan, "enterprise_count", 2020, 2365.5, "数据!C7")])
    assert "the workbook has 2365.5 but Test plan publishes 2364.9" in decimal.message("en")


def test_only_the_same_indicator_and_year_are_compared_and_every_plan_is_checked() -> None:
    history = (hist("enterprise_count", 2019, 150),  # no workbook figure for 2019
               hist("revenue_total", 2020, 2364.9),  # agrees
               hist("enterprise_count", 2020, "180余"))  # contradicted
    first = make_plan(target("level", "enterprise_count", op=">=", value=300),
                      history=history, plan_id="first")
    second = make_plan(target("level", "enterprise_count", op=">=", value=300),
                       history=(hist("enterprise_count", 2020, 200),), plan_id="second")
    observed = [figure_at(first, "revenue_total", 2020, 2364.9, "数据!B2"),
                figure_at(first, "enterprise_count", 2020, 143, "数据!B3"),
                figure_at(first, "enterprise_count", 2021, 150, "数据!C3"),  # 2021: not published
                figure_at(first, "patent_count", 2019, 1, "数据!A4")]  # 2019, another indicator
    found = contradictions("data.xlsx", [first, second], observed)
    assert [(p.where, dict(p.params)["published"]) for p in found] == [
        ("数据!B3", "180余"), ("数据!B3", "200")]
    assert contradictions("data.xlsx", [first], []) == []
