"""Window targets (each_year, trend) at their edges: missing years, years past the window,
qualified figures, lower-is-better ranges, and the notes and small fields of each result.

Every expected value is worked out from the inputs in the comment beside it.
"""

from __future__ import annotations

from typing import Any

import pytest

from core_builders import make_plan, notes_of, result, target

EXACT = 1e-12

# -- trend: tech_transactions rising every year 2022 → 2025 (Action Plan shape) ---------------


def trend_plan(indicator_id: str = "tech_transactions", **fields: Any) -> Any:
    return make_plan(target("trend", indicator_id, **fields), period=(2023, 2025),
                     baseline_year=2022)


def test_trend_missing_year_at_the_end_of_the_window_is_undetermined() -> None:
    # 2022 → 2023 rises (10 → 11); 2024 has no figure, so neither 2023 → 2024 nor
    # 2024 → 2025 can be checked: 2024 is the one missing year, named once
    r = result(trend_plan(), {2022: 10, 2023: 11, 2025: 13})
    assert r.status == "undetermined"
    assert r.failing_years == ()
    assert notes_of(r) == {"missing-years": {"years": "2024"}}
    assert r.target_year == 2025
    assert r.target_value is None
    assert r.plan_id == "core-plan"
    assert r.baseline is not None and (r.baseline.year, r.baseline.value) == (2022, 10)
    assert r.latest is not None and (r.latest.year, r.latest.value) == (2025, 13)
    assert r.actual_cagr == pytest.approx((13 / 10) ** (1 / 3) - 1, rel=EXACT)  # 9.14 %
    assert r.years_observed == 2025 - 2022
    assert r.approximate is False


def test_trend_with_no_change_checkable_yet_is_no_data_with_its_note() -> None:
    # as of 2024 the window is still open; 2023 is missing, so neither 2022 → 2023 nor
    # 2023 → 2024 can be checked: nothing checked is no data, and the gap is noted
    r = result(trend_plan(), {2022: 10, 2024: 12})
    assert r.status == "no_data"
    assert notes_of(r) == {"missing-years": {"years": "2023"}}


def test_trend_missing_baseline_year_is_named_and_leaves_no_growth_figure() -> None:
    # no 2022 figure: 2022 → 2023 cannot be checked; 2023 → 2024 → 2025 rise
    r = result(trend_plan(), {2023: 11, 2024: 12, 2025: 13})
    assert r.status == "undetermined"
    assert notes_of(r) == {"missing-years": {"years": "2022"}}
    assert r.baseline is None
    assert r.latest is not None and r.latest.year == 2025
    assert r.actual_cagr is None
    assert r.years_observed is None  # no baseline: t − t0 is not defined


def test_trend_a_fall_after_a_missing_year_is_still_found() -> None:
    # 2020 → 2025 window: 2022 missing; 2023 → 2024 falls (12 → 11): not achieved for good
    plan = make_plan(target("trend", "tech_transactions"))
    r = result(plan, {2020: 10, 2021: 11, 2023: 12, 2024: 11, 2025: 13})
    assert r.status == "not_achieved"
    assert r.failing_years == (2024,)
    assert notes_of(r) == {
        "wrong-direction-years": {"years": "2024"},
        "missing-years": {"years": "2022"},
    }


def test_trend_every_wrong_year_is_listed_in_its_note() -> None:
    # falls in 2023 (10 → 9) and 2025 (12 → 11); 2024 rises
    r = result(trend_plan(), {2022: 10, 2023: 9, 2024: 12, 2025: 11})
    assert r.failing_years == (2023, 2025)
    assert notes_of(r) == {"wrong-direction-years": {"years": "2023, 2025"}}


def test_trend_only_the_baseline_year_is_no_data() -> None:
    # nothing to compare 2022 with: no change checked
    r = result(trend_plan(), {2022: 10})
    assert r.status == "no_data"
    assert notes_of(r) == {}
    assert r.latest is not None and r.latest.year == 2022
    assert r.actual_cagr is None  # t == t0
    assert r.years_observed == 0


def test_trend_years_after_the_target_year_are_ignored() -> None:
    # 2026 falls (13 → 12) but the window ends in 2025
    r = result(trend_plan(), {2022: 10, 2023: 11, 2024: 12, 2025: 13, 2026: 12}, as_of=2026)
    assert r.status == "achieved"
    assert r.failing_years == ()
    assert notes_of(r) == {}
    assert r.latest is not None and r.latest.year == 2025
    assert r.years_observed == 3


def test_trend_figures_before_the_baseline_year_play_no_part() -> None:
    # 2021's "约9" lies before the window: it neither makes the result approximate nor counts
    r = result(trend_plan(), {2021: "约9", 2022: 10, 2023: 11})
    assert r.status == "on_track"
    assert r.approximate is False
    assert notes_of(r) == {}
    assert r.baseline is not None and r.baseline.year == 2022


def test_trend_with_only_figures_before_the_window_is_no_data() -> None:
    r = result(trend_plan(), {2020: 8, 2021: 9})
    assert r.status == "no_data"
    assert r.latest is None and r.baseline is None
    assert r.years_observed is None


def test_trend_qualified_figure_makes_it_approximate() -> None:
    # 11余 = [11, 12): 2023 − 2022 lies in [1, 2), a rise whatever the figure is
    r = result(trend_plan(), {2022: 10, 2023: "11余", 2024: 12.5})
    assert r.status == "on_track"
    assert r.approximate is True
    assert notes_of(r) == {}


def test_trend_falling_target_on_a_lower_is_better_indicator() -> None:
    # 5 → 4 → 4 (flat fails "falling") → 3
    r = result(trend_plan("accident_rate"), {2022: 5, 2023: 4, 2024: 4, 2025: 3})
    assert r.status == "not_achieved"
    assert r.failing_years == (2024,)
    assert notes_of(r) == {"wrong-direction-years": {"years": "2024"}}


def test_trend_direction_given_overrides_the_indicator() -> None:
    # a falling target on a higher-is-better indicator: 10 → 9 → 8 → 7 falls every year
    r = result(trend_plan(direction="falling"), {2022: 10, 2023: 9, 2024: 8, 2025: 7})
    assert r.status == "achieved"


# -- each_year: core_tech ≥ 30 in each of 2023, 2024, 2025 ------------------------------------


def each_year_plan(**fields: Any) -> Any:
    fields.setdefault("op", ">=")
    fields.setdefault("value", 30)
    return make_plan(target("each_year", "core_tech", **fields), period=(2023, 2025),
                     baseline_year=2022)


def test_each_year_exact_figures_are_not_approximate() -> None:
    r = result(each_year_plan(), {2023: 31, 2024: 30, 2025: 45})
    assert r.status == "achieved"
    assert r.approximate is False
    assert notes_of(r) == {}
    assert r.plan_id == "core-plan"
    assert r.gap == 30 - 45  # the latest year's shortfall: met by 15


def test_each_year_a_qualified_year_makes_it_approximate() -> None:
    # 30余 = [30, 40): every value meets ≥ 30
    r = result(each_year_plan(), {2023: 31, 2024: "30余", 2025: 32})
    assert r.status == "achieved"
    assert r.approximate is True
    assert notes_of(r) == {}


def test_each_year_years_after_the_window_are_not_checked() -> None:
    # 2026's 10 is outside 2023-2025
    r = result(each_year_plan(), {2023: 31, 2024: 30, 2025: 45, 2026: 10}, as_of=2026)
    assert r.status == "achieved"
    assert r.failing_years == ()
    assert notes_of(r) == {}
    assert r.latest is not None and r.latest.year == 2025


def test_each_year_failing_years_note_lists_every_year() -> None:
    r = result(each_year_plan(), {2023: 29, 2024: 35, 2025: 0})
    assert r.status == "not_achieved"
    assert notes_of(r) == {"failing-years": {"years": "2023, 2025"}}


def test_each_year_missing_years_before_the_end_are_noted_and_wait() -> None:
    # as of 2025 with 2023 and 2025 missing... only 2024 observed: the window has ended
    r = result(each_year_plan(), {2024: 31}, as_of=2025)
    assert r.status == "undetermined"
    assert notes_of(r) == {"missing-years": {"years": "2023, 2025"}}
    # as of 2024 the window is still open
    r = result(each_year_plan(), {2024: 31}, as_of=2024)
    assert r.status == "on_track"
    assert notes_of(r) == {"missing-years": {"years": "2023"}}


# -- each_year with a range on a lower-is-better indicator ------------------------------------
# accident_rate within [1, 2] every year 2021-2025: met from the better end, ≤ 2; below 1 is
# beyond the far end (met, and noted)


def lower_range_each_year() -> Any:
    return make_plan(target("each_year", "accident_rate", min=1, max=2))


def test_each_year_lower_is_better_range_met_at_its_upper_bound() -> None:
    r = result(lower_range_each_year(), {2021: 2, 2022: 1.5})
    assert r.status == "on_track"
    assert r.failing_years == ()
    assert notes_of(r) == {}
    assert r.target_value == (1, 2)
    assert r.gap == -0.5  # d · (X − x) = −1 · (2 − 1.5): met by half a point


def test_each_year_lower_is_better_range_failing_and_beyond_the_far_end() -> None:
    # 2021: 2 meets ≤ 2; 2022: 0.5 is below 1, beyond the far end: met, noted;
    # 2023: 2.5 misses
    r = result(lower_range_each_year(), {2021: 2, 2022: 0.5, 2023: 2.5})
    assert r.status == "not_achieved"
    assert r.failing_years == (2023,)
    assert notes_of(r) == {
        "exceeds-range": {"year": "2022", "value": "0.5", "bound": "1"},
        "failing-years": {"years": "2023"},
    }
    assert r.gap == pytest.approx(0.5, rel=EXACT)  # −1 · (2 − 2.5): still 0.5 to fall


def test_each_year_higher_is_better_range_gap_is_from_its_min() -> None:
    # intl events within [2, 3] each year; 2022's 4 is beyond the far end (3)
    plan = make_plan(target("each_year", "core_tech", min=2, max=3))
    r = result(plan, {2021: 2, 2022: 4})
    assert r.status == "on_track"
    assert notes_of(r) == {"exceeds-range": {"year": "2022", "value": "4", "bound": "3"}}
    assert r.gap == 2 - 4  # from the better end's bound, min = 2


def test_each_year_qualified_value_beyond_the_far_end_is_noted_as_written() -> None:
    # 4余 = [4, 5) is beyond 3 whatever it is; the note shows the figure as written
    plan = make_plan(target("each_year", "core_tech", min=2, max=3))
    r = result(plan, {2021: "4余"})
    assert notes_of(r) == {"exceeds-range": {"year": "2021", "value": "4余", "bound": "3"}}
    assert r.approximate is True


def test_a_list_of_years_in_a_note_reads_as_a_list_in_each_language() -> None:
    from railkpi.render.display import note_text

    r = result(each_year_plan(), {2024: 31}, as_of=2025)
    (missing,) = [n for n in r.notes if n.code == "missing-years"]
    assert note_text(missing.code, missing.params, "zh") == "缺少 2023、2025 年数据"
    assert note_text(missing.code, missing.params, "en") == "no figure for 2023, 2025"
