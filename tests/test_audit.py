"""`railkpi audit`: checks on a plan's own published figures, and plans against each other.

Every expected number is worked out by hand next to the figures it comes from; the audit code
is never used to produce an expectation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from plans import history as level
from plans import indicator, plan_data, text, write_plan
from plans import worded_audit as audit
from railkpi.plans.loader import load_plan
from railkpi.plans.models import StatedRate
from railkpi.problems import InputError
from railkpi.render.audit_words import WordedFinding as Finding


def fourteenth() -> Any:
    return load_plan("14th-fyp")


def by_code(findings: tuple[Finding, ...], code: str) -> dict[str, Finding]:
    return {f.indicator: f for f in findings if f.code == code}


# -- a small plan written by the test ------------------------------------------------------


def small_plan(**sections: Any) -> dict[str, Any]:
    """A 2021-2025 plan (baseline 2020) with two indicators; `sections` replace or add keys."""
    plan = plan_data(
        {"id": "rd-2025", "indicator": "rd_expenditure", "kind": "level", "op": ">=",
         "value": 100, "year": 2025, "group": "scale", "quote": "研发费用达到100亿元"},
        indicators={"rd_expenditure": indicator("研发费用", "R&D expenditure", "亿元"),
                    "enterprise_count": indicator("企业数量", "Enterprises", "家")},
        plan_id="audit-test", title=("核对测试规划", "Audit test plan"),
        groups={"scale": text("规模", "Scale")},
    )
    plan.update(sections)
    return plan


def write(tmp_path: Path, plan: dict[str, Any], name: str = "audit-plan.yaml") -> Path:
    return write_plan(tmp_path, plan, name)


def history(indicator: str, **levels: Any) -> list[dict[str, Any]]:
    """history("x", y2015=26.6, y2020=56.8) → the plan's history entries."""
    return [level(indicator, int(key[1:]), value, "原文") for key, value in levels.items()]


def rd_rate(rate: Any) -> dict[str, Any]:
    """26.6 (2015) → 56.8 (2020) with a stated rate, as in the 14th FYP."""
    return small_plan(
        history=history("rd_expenditure", y2015=26.6, y2020=56.8),
        stated_rates=[{"indicator": "rd_expenditure", "years": [2015, 2020], "rate": rate,
                       "quote": "年均增速"}],
    )


def enterprises(baseline: Any, change: float, level: float) -> dict[str, Any]:
    """A plan with a 2020 enterprise count, a +change target and a level target for 2025."""
    return small_plan(
        history=history("enterprise_count", y2020=baseline),
        targets=[
            {"id": "enterprises-2025", "indicator": "enterprise_count", "kind": "level",
             "op": ">", "value": level, "year": 2025, "group": "scale", "quote": "总数超过"},
            {"id": "enterprises-increase", "indicator": "enterprise_count", "kind": "change",
             "op": ">=", "value": change, "year": 2025, "group": "scale", "quote": "增加"},
        ],
    )


def audit_file(tmp_path: Path, plan: dict[str, Any]) -> Any:
    return audit([load_plan(str(write(tmp_path, plan)))])


# -- stated rates: the bundled 14th FYP -----------------------------------------------------


def test_fourteenth_fyp_inconsistent_rates_are_found() -> None:
    flagged = by_code(audit([fourteenth()]).findings, "rate-mismatch")
    assert set(flagged) == {"rd_expenditure", "patent_applications"}

    # 26.6 → 56.8 over 2015-2020 (5 years): 2.1353^(1/5) − 1 = 16.384 %; printed 16.3 %:
    # off by 0.084 points, more than the ±0.05 that one printed decimal allows.
    rd = flagged["rd_expenditure"]
    assert rd.stated == pytest.approx(0.163)
    assert rd.computed == pytest.approx((56.8 / 26.6) ** (1 / 5) - 1)
    assert rd.computed == pytest.approx(0.16384, abs=1e-5)
    assert (rd.stated_text, rd.computed_text) == ("16.3%", "16.38%")

    # 280 → 1015 (counts, exact): 3.625^(1/5) − 1 = 29.378 %; printed 29.3 %: off by 0.078.
    patents = flagged["patent_applications"]
    assert patents.stated == pytest.approx(0.293)
    assert patents.computed == pytest.approx((1015 / 280) ** (1 / 5) - 1)
    assert patents.computed == pytest.approx(0.29378, abs=1e-5)
    assert all(f.plan == "14th-fyp" for f in flagged.values())


def test_fourteenth_fyp_consistent_rates_are_not_flagged() -> None:
    # revenue 1558.7 → 2364.9 over 2016-2020 (4 years): 10.985 % against 11.0 %: 0.015 points.
    assert abs(((2364.9 / 1558.7) ** (1 / 4) - 1) * 100 - 11.0) < 0.05
    # R&D personnel 7904 → 11301 over 2015-2020: 7.412 % against 7.4 %: 0.012 points.
    assert abs(((11301 / 7904) ** (1 / 5) - 1) * 100 - 7.4) < 0.05
    result = audit([fourteenth()])
    flagged = {f.indicator for f in result.findings}
    assert "revenue_total" not in by_code(result.findings, "rate-mismatch")
    assert "rd_personnel" not in flagged


def test_fourteenth_fyp_alone_has_only_the_two_rate_findings() -> None:
    result = audit([fourteenth()])
    assert sorted((f.code, f.indicator) for f in result.findings) == [
        ("rate-mismatch", "patent_applications"),
        ("rate-mismatch", "rd_expenditure"),
    ]


def test_fourteenth_fyp_unchecked_figures_are_listed() -> None:
    unchecked = {(u.kind, u.indicator): u for u in audit([fourteenth()]).unchecked}
    # Profit is published for 2020 only; the staff rates and the 13th-FYP increments of the
    # technology centres and the firms above designated size have no levels at all.
    assert set(unchecked) == {
        ("stated_rate", "profit_total"),
        ("stated_rate", "staff_bachelor"),
        ("stated_rate", "staff_master"),
        ("stated_rate", "staff_doctorate"),
        ("stated_change", "profit_total"),
        ("stated_change", "national_enterprise_tech_centers"),
        ("stated_change", "beijing_enterprise_tech_centers"),
        ("stated_change", "enterprises_above_size"),
        ("stated_total", "revenue_total"),
    }
    assert unchecked[("stated_rate", "profit_total")].reason_years == (2015,)
    assert unchecked[("stated_rate", "staff_master")].reason_years == (2015, 2020)
    assert unchecked[("stated_change", "profit_total")].reason_years == (2016,)
    centres = unchecked[("stated_change", "beijing_enterprise_tech_centers")]
    assert (centres.years, centres.reason, centres.reason_years) == (
        (2015, 2020), "missing", (2015, 2020))
    # The cumulative 2016-2020 revenue needs every year exactly: 2016 and 2020 are published as
    # 1558.7 and 2364.9, 2017-2019 only as 突破1000 (连续六年突破千亿元).
    total = unchecked[("stated_total", "revenue_total")]
    assert (total.reason, total.reason_years) == ("inexact", (2017, 2018, 2019))
    assert total.message("en") == "no exact published level for 2017, 2018, 2019"
    assert total.message("zh") == "2017、2018、2019 年的水平值不是确数"


# -- printed precision ----------------------------------------------------------------------


def test_rate_is_read_as_printed() -> None:
    printed = StatedRate(indicator="x", years=(2016, 2020), rate="11.0%", quote="q")
    assert printed.fraction == 0.11
    assert printed.decimals == 1
    assert float(printed.tolerance) == 0.05
    # A plain number keeps only the decimals it has: 0.11 is 11 % (±0.5 points),
    # 0.163 is 16.3 % (±0.05).
    as_number = StatedRate(indicator="x", years=(2016, 2020), rate=0.110, quote="q")
    assert (as_number.fraction, as_number.decimals, float(as_number.tolerance)) == (0.11, 0, 0.5)
    assert StatedRate(indicator="x", years=(2015, 2020), rate=0.163, quote="q").decimals == 1
    full_width = StatedRate(indicator="x", years=(2015, 2020), rate="１６．３％", quote="q")
    assert (full_width.fraction, full_width.decimals) == (0.163, 1)


def test_precision_decides(tmp_path: Path) -> None:
    # 26.6 → 56.8 is 16.384 % a year: |16.384 − 16.4| = 0.016 ≤ 0.05, consistent;
    # |16.384 − 16.3| = 0.084 > 0.05, reported.
    assert audit_file(tmp_path, rd_rate("16.4%")).findings == ()
    (finding,) = audit_file(tmp_path, rd_rate("16.3%")).findings
    assert (finding.code, finding.stated_text, finding.computed_text) == (
        "rate-mismatch", "16.3%", "16.38%"
    )
    # Printed without a decimal, 16 % allows ±0.5 points: 16.384 is consistent with it.
    assert audit_file(tmp_path, rd_rate("16%")).findings == ()
    # Two decimals: 16.38 % allows ±0.005: |16.384 − 16.38| = 0.004, consistent;
    # |16.384 − 16.39| = 0.006, reported.
    assert audit_file(tmp_path, rd_rate("16.38%")).findings == ()
    assert len(audit_file(tmp_path, rd_rate("16.39%")).findings) == 1


def test_rate_without_percent_sign_is_a_plan_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_plan(str(write(tmp_path, rd_rate("16.3"))))
    (problem,) = caught.value.problems
    assert (problem.code, problem.where) == ("plan-invalid", "stated_rates[0].rate")
    assert '"16.3%"' in problem.message("en")


def test_rate_of_a_zero_level_is_unchecked(tmp_path: Path) -> None:
    plan = rd_rate("16.3%")
    plan["history"] = history("rd_expenditure", y2015=0, y2020=56.8)
    result = audit_file(tmp_path, plan)
    assert result.findings == ()
    (unchecked,) = result.unchecked
    assert (unchecked.kind, unchecked.reason) == ("stated_rate", "nonpositive")


# -- stated increments and totals -----------------------------------------------------------


def profit_change(start: float, end: float, change: float, approximate: bool) -> dict[str, Any]:
    plan = small_plan(
        history=history("rd_expenditure", y2016=start, y2020=end),
        stated_changes=[{"indicator": "rd_expenditure", "years": [2016, 2020], "change": change,
                         "approximate": approximate, "quote": "增加"}],
    )
    return plan


@pytest.mark.parametrize(
    ("start", "end", "change", "approximate", "flagged"),
    [
        # 约100 allows ±5 % of 100 = ±5: 263.7 − 163.7 = 100 and 263.7 − 168.2 = 95.5 pass,
        # 263.7 − 150 = 113.7 is off by 13.7.
        (163.7, 263.7, 100, True, False),
        (168.2, 263.7, 100, True, False),
        (150.0, 263.7, 100, True, True),
        # An exact 100 allows half a unit, ±0.5: 100.4 passes, 100.6 does not.
        (163.7, 264.1, 100, False, False),
        (163.7, 264.3, 100, False, True),
        # An exact 99.5 allows ±0.05: 99.6 is off by 0.1.
        (163.7, 263.3, 99.5, False, True),
    ],
)
def test_change_mismatch(tmp_path: Path, start: float, end: float, change: float,
                         approximate: bool, flagged: bool) -> None:
    result = audit_file(tmp_path, profit_change(start, end, change, approximate))
    assert result.unchecked == ()
    assert [f.code for f in result.findings] == (["change-mismatch"] if flagged else [])


def test_change_mismatch_figures(tmp_path: Path) -> None:
    (finding,) = audit_file(tmp_path, profit_change(150.0, 263.7, 100, True)).findings
    assert (finding.stated, finding.computed) == (100, pytest.approx(113.7))
    assert (finding.stated_text, finding.computed_text) == ("≈100", "113.7")
    assert "±5%" in finding.message("en")


def test_total_mismatch(tmp_path: Path) -> None:
    levels = {"y2016": 1558.7, "y2017": 1700.0, "y2018": 1900.0, "y2019": 2100.0,
              "y2020": 2364.9}
    # 1558.7 + 1700 + 1900 + 2100 + 2364.9 = 9623.6
    def plan(total: float) -> dict[str, Any]:
        return small_plan(
            history=history("rd_expenditure", **levels),
            stated_totals=[{"indicator": "rd_expenditure", "years": [2016, 2020],
                            "total": total, "quote": "累计"}],
        )

    assert audit_file(tmp_path, plan(9623.6)).findings == ()
    (finding,) = audit_file(tmp_path, plan(9837.9)).findings
    assert (finding.code, finding.stated, finding.computed) == (
        "total-mismatch", 9837.9, pytest.approx(9623.6)
    )


# -- an increment target against a level target -----------------------------------------------


def test_increment_equal_to_total_is_not_reported(tmp_path: Path) -> None:
    # 180 + 60 = 240 against "> 240": the same figure (the comparators are not compared).
    assert audit_file(tmp_path, enterprises(180, 60, 240)).findings == ()


def test_increment_vs_total(tmp_path: Path) -> None:
    # 180 + 60 = 240 against a level target of 250.
    (finding,) = audit_file(tmp_path, enterprises(180, 60, 250)).findings
    assert (finding.code, finding.indicator) == ("increment-vs-total", "enterprise_count")
    assert (finding.stated, finding.computed) == (250, 240)
    assert (finding.stated_text, finding.computed_text) == ("> 250", "240")
    assert finding.message("en") == (
        "2025: target enterprises-increase gives 180 (2020) +60 = 240, "
        "but target enterprises-2025 sets > 250"
    )


@pytest.mark.parametrize(("level", "flagged"), [(240, False), (249, False), (250, True),
                                                 (239, True)])
def test_increment_on_a_bounded_baseline(tmp_path: Path, level: float, flagged: bool) -> None:
    # "180余" is 180 to under 190, so 180余 + 60 is 240 to under 250.
    findings = audit_file(tmp_path, enterprises("180余", 60, level)).findings
    assert [f.code for f in findings] == (["increment-vs-total"] if flagged else [])
    if flagged:
        assert "[240, 250)" in findings[0].message("en")
        assert findings[0].computed == 240


def test_increment_without_a_baseline_is_unchecked(tmp_path: Path) -> None:
    plan = enterprises(180, 60, 250)
    del plan["history"]
    result = audit_file(tmp_path, plan)
    assert result.findings == ()
    (unchecked,) = result.unchecked
    assert (unchecked.kind, unchecked.reason, unchecked.reason_years) == (
        "change_target", "missing", (2020,)
    )


# -- target years outside the plan period ----------------------------------------------------


def test_target_outside_period_loads_and_is_reported(tmp_path: Path) -> None:
    plan = small_plan()
    plan["targets"][0]["year"] = 2035  # a vision target beyond 2021-2025
    plan["targets"].append({"id": "each-year", "indicator": "rd_expenditure",
                            "kind": "each_year", "op": ">=", "value": 10, "years": [2021, 2026],
                            "year": 2025, "group": "scale", "quote": "每年"})
    loaded = load_plan(str(write(tmp_path, plan)))  # a warning, not an error
    findings = audit([loaded]).findings
    assert [(f.code, f.stated, f.computed) for f in findings] == [
        ("target-outside-period", 2035, "2021-2025"),
        ("target-outside-period", 2026, "2021-2025"),
    ]
    assert findings[0].message("en") == (
        "target rd-2025: year 2035 is outside the plan period 2021-2025"
    )


def test_target_outside_period_is_a_warning_on_the_cli(tmp_path: Path, railkpi) -> None:
    plan = small_plan()
    plan["targets"][0]["year"] = 2035
    path = write(tmp_path, plan)
    result = railkpi("targets", "--plan", path, "--format", "json", "--lang", "en")
    assert result.exit_code == 0
    assert [t["year"] for t in result.json()["plans"][0]["targets"]] == [2035]
    assert "warning [plan-year-outside-period]" in result.stderr
    assert "2035" in result.stderr
    # audit reports it as a finding, not on stderr
    result = railkpi("audit", "--plan", path, "--format", "json", "--lang", "en")
    assert result.exit_code == 0
    assert [f["code"] for f in result.json()["findings"]] == ["target-outside-period"]
    assert result.stderr == ""


# -- two plans ------------------------------------------------------------------------------


def test_bundled_plans_conflict_on_revenue_and_enterprises() -> None:
    plans = [fourteenth(), load_plan("2023-2025")]
    conflicts = [f for f in audit(plans).findings if f.code == "conflicting-targets"]
    assert {f.indicator for f in conflicts} == {"revenue_total", "enterprise_count"}
    # The other plan's target has a column of its own; nothing is computed.
    shown = {(f.stated, f.computed, f.other) for f in conflicts}
    # The later plan lowers the revenue bar (> 3500 → ≥ 3000) and raises the enterprise one.
    assert ("> 3500 (14th-fyp revenue-2025)", None, "≥ 3000 (2023-2025 revenue-2025)") in shown
    assert ("> 240 (14th-fyp enterprises-2025)", None,
            "≥ 300 (2023-2025 enterprises-2025)") in shown
    revenue = next(f for f in conflicts if f.indicator == "revenue_total")
    assert "> 3500 (14th-fyp revenue-2025)" in revenue.message("zh")
    assert "≥ 3000 (2023-2025 revenue-2025)" in revenue.message("en")
    assert (revenue.stated_text, revenue.computed_text, revenue.other_text) == (
        "> 3500 (14th-fyp)", "", "≥ 3000 (2023-2025)")
    assert revenue.years == (2025,)


def test_same_target_in_two_plans_is_not_a_conflict(tmp_path: Path) -> None:
    first = small_plan()
    second = small_plan()
    second["plan"] = {**second["plan"], "id": "audit-test-2"}
    plans = [load_plan(str(write(tmp_path, first, "a.yaml"))),
             load_plan(str(write(tmp_path, second, "b.yaml")))]
    assert audit(plans).findings == ()
    second["targets"][0]["value"] = 120
    plans[1] = load_plan(str(write(tmp_path, second, "b.yaml")))
    (finding,) = audit(plans).findings
    assert (finding.stated, finding.computed, finding.other) == (
        "≥ 100 (audit-test rd-2025)", None, "≥ 120 (audit-test-2 rd-2025)")


# -- command line ---------------------------------------------------------------------------


def test_cli_exit_status(railkpi, tmp_path: Path) -> None:
    assert railkpi("audit", "--lang", "en").exit_code == 0  # findings, but not --strict
    assert railkpi("audit", "--strict", "--lang", "en").exit_code == 1
    clean = write(tmp_path, small_plan())
    assert railkpi("audit", "--plan", clean, "--strict").exit_code == 0


def test_cli_json_shape(railkpi) -> None:
    result = railkpi("audit", "--format", "json", "--lang", "en")
    assert result.exit_code == 0
    document = result.json()
    assert list(document) == ["findings", "unchecked"]
    for finding in document["findings"]:
        assert list(finding) == ["code", "plan", "indicator", "years", "message", "stated",
                                 "computed", "other"]
    rates = {f["indicator"]: f for f in document["findings"] if f["code"] == "rate-mismatch"}
    assert set(rates) == {"rd_expenditure", "patent_applications"}
    assert rates["rd_expenditure"]["stated"] == 0.163  # rates as fractions, as numbers
    assert rates["rd_expenditure"]["computed"] == pytest.approx((56.8 / 26.6) ** (1 / 5) - 1)
    conflict = next(f for f in document["findings"] if f["indicator"] == "revenue_total")
    assert conflict["code"] == "conflicting-targets"
    assert conflict["stated"] == "> 3500 (14th-fyp revenue-2025)"
    assert conflict["computed"] is None
    assert conflict["other"] == "≥ 3000 (2023-2025 revenue-2025)"
    assert conflict["years"] == [2025]
    assert rates["rd_expenditure"]["years"] == [2015, 2020]
    assert rates["rd_expenditure"]["other"] is None
    for entry in document["unchecked"]:
        assert list(entry) == ["kind", "plan", "indicator", "years", "reason", "reason_years",
                               "message"]
    total = next(u for u in document["unchecked"] if u["kind"] == "stated_total")
    assert total["years"] == [2016, 2020]
    assert total["reason_years"] == [2017, 2018, 2019]
    # the same inputs give byte-identical output
    assert railkpi("audit", "--format", "json", "--lang", "en").stdout == result.stdout


def test_cli_languages(railkpi) -> None:
    zh = railkpi("audit", "--plan", "14th-fyp", "--lang", "zh")
    en = railkpi("audit", "--plan", "14th-fyp", "--lang", "en")
    assert zh.exit_code == en.exit_code == 0
    assert "规划自身数据核对" in zh.stdout
    assert "Checks on the plans' own figures" in en.stdout
    for out in (zh.stdout, en.stdout):
        assert "rd_expenditure" in out
        assert "patent_applications" in out
        assert "16.38%" in out
        assert "29.38%" in out
        assert "revenue_total" not in out.split("\n ·")[0]  # not among the findings
    assert "无法核对的年均增速（4 个）" in zh.stdout
    assert "Stated rates that could not be checked (4)" in en.stdout
    zh_json = railkpi("audit", "--plan", "14th-fyp", "--format", "json", "--lang", "zh").json()
    assert "规划写作 16.3%" in zh_json["findings"][0]["message"]


def test_cli_bad_plan_exits_2(railkpi) -> None:
    result = railkpi("audit", "--plan", "nosuch", "--format", "json", "--lang", "en")
    assert result.exit_code == 2
    assert [p["code"] for p in result.json()["problems"]] == ["plan-not-found"]
