"""Targets to move beyond the baseline (a change of > 0 or < 0: 进一步提高), and how the plan's
own reading reaches a result: the target's note, the note of a published figure used, the
baseline year the target is measured from, and the year's step the assessment asks for.

Every expected value is worked out from the inputs in the comment beside it.
"""

from __future__ import annotations

from typing import Any

import pytest

from core_builders import assess, hist, make_plan, notes_of, observe, result, target

# -- beyond the baseline: > +0 (higher is better) or < +0 (lower is better) ---------------------


def beyond(indicator_id: str, op: str) -> Any:
    """A change target of 0 with a strict comparator: the 2025 figure must pass the 2020 one."""
    return make_plan(target("change", indicator_id, op=op, value=0, baseline_year=2020))


@pytest.mark.parametrize(
    ("indicator_id", "op", "series", "status", "shown"),
    [
        # 50 in 2020, still 50 in 2023: no move yet — off track
        ("revenue_total", ">", {2020: 50, 2023: 50}, "off_track", "50"),
        # 50 → 49: the wrong way — regressing
        ("revenue_total", ">", {2020: 50, 2023: 49}, "regressing", "50"),
        # lower is better, 1 → 1: off track; 1 → 1.2: regressing
        ("energy_intensity", "<", {2020: 1, 2023: 1}, "off_track", "1"),
        ("energy_intensity", "<", {2020: 1, 2023: 1.2}, "regressing", "1"),
        # a qualified baseline is shown as written: 50 − [50, 60) = (−10, 0], never > 0, so
        # not met and not unsettled
        ("revenue_total", ">", {2020: "50余", 2023: 50}, "off_track", "50余"),
    ],
)
def test_not_yet_beyond_the_baseline(indicator_id: str, op: str, series: dict[int, Any],
                                     status: str, shown: str) -> None:
    r = result(beyond(indicator_id, op), series)
    assert (r.status, r.early, r.method) == (status, False, None)
    assert r.target_value == float(str(series[2020]).removesuffix("余"))  # x0 + 0
    assert r.completion is None  # X = x0: no distance to cover
    assert r.growth_ratio is None  # 0 % a year required: no ratio
    assert notes_of(r) == {"beyond-baseline": {"op": op, "value": shown}}


def test_beyond_the_baseline_already_is_achieved_early() -> None:
    # 50 → 52 in 2023: +2 > 0 — met two years early; gap 50 − 52 = −2
    r = result(beyond("revenue_total", ">"), {2020: 50, 2023: 52})
    assert (r.status, r.early, r.gap) == ("achieved", True, -2.0)
    assert notes_of(r) == {}


def test_a_non_strict_change_of_zero_is_holding_the_level() -> None:
    # ≥ +0: 50 → 49 moves away from the level to hold — regressing, with hold-level, not
    # beyond-baseline
    plan = make_plan(target("change", "revenue_total", op=">=", value=0, baseline_year=2020))
    r = result(plan, {2020: 50, 2023: 49})
    assert r.status == "regressing"
    assert notes_of(r) == {"hold-level": {}}


# -- the plan's reading: its notes, and the baseline year --------------------------------------

NOTE = {"zh": "按规划口径读取", "en": "read as the plan counts it"}
FIGURE_NOTE = {"zh": "规划文本所载", "en": "as the plan's text states it"}


def test_the_target_note_and_the_note_of_the_published_baseline_come_first() -> None:
    # the plan's 2020 figure (with its note) is the baseline; 2023 comes from the workbook
    plan = make_plan(
        {**target("level", "revenue_total", op=">=", value=3000), "note": NOTE},
        history=({**hist("revenue_total", 2020, 2000), "note": FIGURE_NOTE},),
    )
    r = result(plan, {2023: 2500})
    assert r.baseline is not None and r.baseline.source == "plan"
    assert r.baseline.note is not None and r.baseline.note.en == FIGURE_NOTE["en"]
    assert [n.code for n in r.notes] == ["plan-note", "figure-note", "baseline-from-plan"]
    assert notes_of(r) == {
        "plan-note": NOTE,
        "figure-note": {"year": "2020", **FIGURE_NOTE},
        "baseline-from-plan": {"year": "2020"},
    }


def test_a_published_figure_used_as_baseline_and_latest_is_noted_once() -> None:
    # only the plan's 2020 figure: it is both the baseline and the latest
    plan = make_plan(target("level", "revenue_total", op=">=", value=3000),
                     history=({**hist("revenue_total", 2020, 2000), "note": FIGURE_NOTE},))
    r = result(plan)
    assert r.latest == r.baseline
    assert notes_of(r) == {"figure-note": {"year": "2020", **FIGURE_NOTE},
                           "baseline-from-plan": {"year": "2020"}, "only-baseline": {}}


def test_a_workbook_figure_carries_no_figure_note() -> None:
    # the workbook's 2020 figure overrides the plan's: the plan's note no longer applies
    plan = make_plan(target("level", "revenue_total", op=">=", value=3000),
                     history=({**hist("revenue_total", 2020, 2000), "note": FIGURE_NOTE},))
    r = result(plan, {2020: 2100, 2023: 2500})
    assert r.baseline is not None and r.baseline.source == "data"
    assert r.baseline.note is None
    assert notes_of(r) == {}


@pytest.mark.parametrize(
    ("fields", "baseline_year"),
    [
        # a level target is measured from the plan's baseline year
        ({"kind": "level", "op": ">=", "value": 1}, 2020),
        # a ratio target with its own baseline year, 2022, from that year
        ({"kind": "ratio", "op": ">=", "value": 2, "baseline_year": 2022}, 2022),
        # each-year and trend targets report it too
        ({"kind": "each_year", "op": ">=", "value": 1}, 2020),
        ({"kind": "trend", "baseline_year": 2021}, 2021),
    ],
)
def test_the_baseline_year_measured_from(fields: dict[str, Any], baseline_year: int) -> None:
    rest = {key: value for key, value in fields.items() if key != "kind"}
    r = result(make_plan(target(fields["kind"], "revenue_total", **rest)), {2023: 5})
    assert r.baseline_year == baseline_year


# -- the year's step: the path --milestones asks for, and the steps missed ----------------------


def two_targets() -> Any:
    """Revenue 2000 → ≥ 3000 and enterprises 200 → ≥ 300, both from 2020 to 2025."""
    return make_plan(
        target("level", "revenue_total", op=">=", value=3000),
        target("level", "enterprise_count", op=">=", value=300),
        history=(hist("revenue_total", 2020, 2000), hist("enterprise_count", 2020, 200)),
    )


def test_the_linear_path_gives_each_target_its_step_for_the_year_assessed() -> None:
    # linear steps for 2023, three fifths of the way: 2000 + 1000 · 3/5 = 2600 and
    # 200 + 100 · 3/5 = 260; 2500 misses its step by 100, 290 passes its by 30
    plan = two_targets()
    observations = [*observe(plan, "revenue_total", {2023: 2500}),
                    *observe(plan, "enterprise_count", {2023: 290})]
    assessment = assess([plan], observations, milestones="linear")
    revenue, enterprises = assessment.plans[0].targets
    assert revenue.milestone is not None and enterprises.milestone is not None
    assert (revenue.milestone.year, revenue.milestone.step.value, revenue.milestone.source) == (
        2023, 2600.0, "linear")
    assert (revenue.milestone.met, revenue.milestone.gap) == (False, 100.0)
    assert enterprises.milestone.step.value == 260.0
    assert (enterprises.milestone.met, enterprises.milestone.gap) == (True, -30.0)
    assert assessment.missed_steps() == [revenue]


def test_without_a_path_or_steps_of_its_own_no_step_is_checked() -> None:
    plan = two_targets()
    assessment = assess([plan], observe(plan, "revenue_total", {2023: 2500}))
    assert [r.milestone for r in assessment.plans[0].targets] == [None, None]
    assert assessment.missed_steps() == []
