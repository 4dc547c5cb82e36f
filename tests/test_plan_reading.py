"""The bundled plans as read: notes that show how, English that reads right, the re-read of
domestic-supply-rising and the 14th FYP's published facts. Numbers are worked out by hand."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest

from railkpi.calc.assess import assess
from railkpi.plans.loader import load_plan
from railkpi.plans.models import Plan
from railkpi.read.observation import Observation

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "fengtai.xlsx"
CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")


def observations(plan: Plan, indicator: str, series: dict[int, float]) -> list[Observation]:
    return [Observation.model_validate(
        {"indicator": indicator, "year": year, "value": value, "where": f"数据!C{row}"},
        context={"indicators": plan.indicators})
        for row, (year, value) in enumerate(sorted(series.items()), start=2)]


def csv_rows(stdout: str) -> list[dict[str, str]]:
    rows = list(csv.reader(io.StringIO(stdout.removeprefix("\ufeff"), newline="")))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


# -- English quotes and unit words ---------------------------------------------------------------


@pytest.mark.parametrize("plan_id", ["14th-fyp", "2023-2025"])
def test_every_quote_of_a_bundled_plan_has_an_english_rendering(railkpi, plan_id: str) -> None:
    (plan,) = railkpi("targets", "--plan", plan_id, "--format", "json").json()["plans"]
    entries = plan["targets"] + plan["published"]
    assert len(entries) > len(plan["targets"])  # the published figures are listed too
    for entry in entries:
        assert entry["quote"] and CJK.search(entry["quote"]), entry
        assert entry["quote_en"] and not CJK.search(entry["quote_en"]), entry
        if entry["note"] is not None:
            assert CJK.search(entry["note"]["zh"]) and not CJK.search(entry["note"]["en"])


def test_comparator_words_are_kept_in_english() -> None:
    # 突破 → exceed, 超过 → more than, 达到 → reach, 以上 → or more.
    words = {"突破": "exceed", "超过": "more than", "达到": "reach", "以上": "or more"}
    for plan_id in ("14th-fyp", "2023-2025"):
        plan = load_plan(plan_id)
        for t in plan.targets:
            for zh, en in words.items():
                if zh in t.quote and "零的突破" not in t.quote and "新突破" not in t.quote:
                    assert t.quote_en is not None and en in t.quote_en, (t.id, t.quote_en)


def test_english_targets_listing_shows_english_wording_only(railkpi) -> None:
    run = railkpi("targets", "--format", "markdown", "--lang", "en")
    assert run.exit_code == 0 and run.stderr == ""  # both plans have English quotes
    rows = [line.split(" | ") for line in run.stdout.splitlines()
            if line.startswith("| `")]
    assert len(rows) > 36  # 36 targets, and the published figures
    for row in rows:
        indicator, quote = row[1], row[-1]
        assert not CJK.search(indicator), row
        assert not CJK.search(quote), row
    assert "| `revenue-2025` | Total rail-transit industry revenue (100M CNY) | >3500.0 (2025) | " \
           "The overall revenue of Fengtai's rail-transit industry exceeds 3500 hundred million " \
           "yuan |" in run.stdout


#: Unit words a reader must see: 家 is not always firms, 个 not units, 件 not pieces.
UNIT_WORDS = {
    "innovation_platforms": "platforms",
    "patent_count": "patents",
    "intl_events": "events",
    "intl_multinationals": "companies",
    "national_eng_research_centers": "centres",
    "national_enterprise_tech_centers": "centres",
    "poc_centers": "centres",
    "pilot_platforms": "platforms",
    "test_lines": "lines",
    "beijing_key_labs": "laboratories",
    "featured_parks": "parks",
    "industry_funds": "funds",
    "research_institutes": "institutions",
    "service_agencies": "providers",
    "intl_companies": "organisations",
    "core_tech_breakthroughs": "technologies",
    "enterprise_count": "firms",
    "invention_patents_per_capita": "per capita",
    "revenue_total": "100M CNY",
    "domestic_supply_share": "%",
}


def test_english_unit_word_of_each_indicator(railkpi) -> None:
    rows = csv_rows(railkpi("targets", "--format", "csv", "--lang", "en").stdout)
    units = {r["Indicator id"]: r["Unit"] for r in rows}
    assert {k: units[k] for k in UNIT_WORDS} == UNIT_WORDS
    # The general words that were wrong for these indicators are gone.
    assert not {"units", "times", "pieces", "per person", "items"} & set(units.values())
    names = {r["Indicator id"]: r["Indicator"] for r in rows}
    assert names["invention_patents_per_capita"] == "Invention patents"  # (per capita) once
    zh = csv_rows(railkpi("targets", "--format", "csv", "--lang", "zh").stdout)
    assert {r["指标编号"]: r["单位"] for r in zh}["innovation_platforms"] == "家"
    # Indicators with published figures only show their unit word in the figures table.
    listing = railkpi("targets", "--plan", "14th-fyp", "--format", "markdown",
                      "--lang", "en").stdout
    for shown in ("Domestic patent applications (applications)",
                  "National enterprise technology centres (centres)",
                  "Beijing municipal rail-transit enterprise technology centres (centres)",
                  "Rail-transit enterprises above designated size (firms)",
                  "Employees with a doctorate (employees)"):
        assert f"| {shown} |" in listing


def test_renamed_indicators(railkpi) -> None:
    names = {r["Indicator id"]: r["Indicator"]
             for r in csv_rows(railkpi("targets", "--format", "csv", "--lang", "en").stdout)}
    assert (names["pilot_platforms"], names["test_lines"], names["featured_parks"],
            names["domestic_supply_share"], names["service_agencies"]) == (
        "Pilot-testing and maturation platforms", "Inspection, testing and trial lines",
        "Specialised rail-transit industrial parks",
        "Share of self-developed supporting components",
        "Well-known rail-transit service providers")


def test_former_english_names_still_name_the_indicator() -> None:
    plan = load_plan("2023-2025")
    aliases = {alias for i in plan.indicators.values() for alias in i.aliases}
    assert {"Inspection and testing lines", "Share of domestically made supporting components",
            "Well-known rail-transit service agencies"} <= aliases


def test_the_english_template_writes_unit_words_the_reader_accepts(railkpi,
                                                                   tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "blank.xlsx"
    assert railkpi("template", out, "--plan", "2023-2025", "--lang", "en").exit_code == 0
    workbook = openpyxl.load_workbook(out)
    sheet = workbook["data"]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert (rows["pilot_platforms"][3].value, rows["featured_parks"][3].value) == (
        "platforms", "parks")
    rows["pilot_platforms"][5].value = 1  # 2023: one platform, in the unit column's word
    workbook.save(out)
    run = railkpi("validate", out, "--plan", "2023-2025", "--format", "json", "--lang", "en")
    assert run.exit_code == 0
    assert [(o["indicator"], o["year"], o["value"], o["unit"])
            for o in run.json()["observations"]] == [("pilot_platforms", 2023, 1.0, "platforms")]


# -- ratio targets say their base year -------------------------------------------------------------


def test_ratio_base_year_in_every_output(railkpi, tmp_path: Path) -> None:
    args = ("assess", EXAMPLE, "--plan", "14th-fyp")
    md_en = railkpi(*args, "--format", "markdown", "--lang", "en").stdout
    md_zh = railkpi(*args, "--format", "markdown", "--lang", "zh").stdout
    # R&D expenditure 56.8 in 2020 × 2 = 113.6.
    assert "| ≥×2=113.6 vs 2020 |" in md_en
    assert "| ≥×2=113.6（较2020年） |" in md_zh
    table = railkpi(*args, "--lang", "en").stdout
    assert re.search(r"≥×2=113\.6 .*\n.*vs 2020", table)  # the base year on a line of its own
    rows = csv_rows(railkpi(*args, "--format", "csv", "--lang", "en").stdout)
    rd = next(r for r in rows if r["Target id"] == "rd-expenditure-double")
    assert rd["Target"] == "≥×2=113.6 vs 2020"
    listing = railkpi("targets", "--plan", "14th-fyp", "--lang", "zh").stdout
    assert "≥×2（较2020年） (2025)" in listing
    import openpyxl

    out = tmp_path / "gaps.xlsx"
    assert railkpi(*args, "--xlsx", out, "--lang", "zh").exit_code == 0
    cells = [c.value for row in openpyxl.load_workbook(out)["14th-fyp"].iter_rows()
             for c in row]
    # The base year on a line of its own in the cell, as in the terminal table.
    assert "≥×2=113.6\n（较2020年）" in cells
    assert "≥×1.2=0.50\n（较2020年）" in cells  # 0.42 × 1.2 = 0.504, two decimals


# -- notes -----------------------------------------------------------------------------------


def codes_and_messages(result: Any, lang: str = "en") -> list[tuple[str, str]]:
    from railkpi.render.display import note_text

    return [(n.code, note_text(n.code, n.params, lang)) for n in result.notes]


def test_assess_shows_the_target_note_and_the_note_of_the_figure_used() -> None:
    plan = load_plan("14th-fyp")
    by_id = {r.target.id: r for r in assess([plan], [], as_of=2020).plans[0].targets}
    # enterprises-increase: its own note, then the 2020 baseline 180余 (history) and its note.
    notes = codes_and_messages(by_id["enterprises-increase"])
    assert notes[0] == ("plan-note", "The increase of 60 is measured from the plan's baseline "
                                     "year 2020 (180-odd enterprises in 2020)")
    assert notes[1][0] == "figure-note"
    assert notes[1][1].startswith("the 2020 figure: The text gives no year")
    zh = codes_and_messages(by_id["enterprises-increase"], "zh")
    assert zh[1][1].startswith("2020 年数值：原文未写年份")
    # revenue-2025 has no note and its baseline (2364.9, history[1]) none either.
    assert not {"plan-note", "figure-note"} & {c for c, _ in codes_and_messages(
        by_id["revenue-2025"])}


def test_targets_listing_shows_the_notes(railkpi) -> None:
    md = railkpi("targets", "--plan", "2023-2025", "--format", "markdown", "--lang", "zh").stdout
    assert "- `domestic-supply-rising`: “进一步提高”受“到2025年”管辖" in md
    assert "- `history[0]、history[1]、history[2]、history[3]`: “零的突破”读作2022年尚无" in md
    table = railkpi("targets", "--plan", "14th-fyp", "--lang", "en").stdout
    assert "stated_rates[1]: The average growth \"during the 13th Five-Year Plan period\"" in \
        table.replace("\n   ", " ").replace("  ", " ")


def test_no_reading_choice_is_left_in_a_comment_only() -> None:
    # The readings the plans used to explain in YAML comments are notes now.
    fyp, action = load_plan("14th-fyp"), load_plan("2023-2025")
    noted = {t.id for p in (fyp, action) for t in p.targets if t.note is not None}
    assert {"enterprises-increase", "firms-100yi", "intl-events", "rd-expenditure-double",
            "patents-per-capita", "segment-engineering", "segment-traction-power",
            "national-enterprise-tech-centers", "poc-centers", "patent-growth",
            "tech-transactions-rising", "core-tech-each-year", "domestic-supply-rising",
            "service-agencies"} <= noted
    assert fyp.stated_rates[1].note is not None  # the profit rate's base year 2015
    enterprises = next(h for h in fyp.history if h.indicator == "enterprise_count")
    assert enterprises.note is not None and "2020" in enterprises.note.en  # 180余 dated 2020
    assert all(h.note is not None for h in action.history)  # the inferred zero baselines


# -- domestic-supply-rising: the 2025 share above the 2022 share ---------------------------------


def domestic(series: dict[int, float], as_of: int) -> Any:
    plan = load_plan("2023-2025")
    result = assess([plan], observations(plan, "domestic_supply_share", series), as_of=as_of)
    return next(r for r in result.plans[0].targets if r.target.id == "domestic-supply-rising")


def test_a_dip_on_the_way_does_not_fail_the_target() -> None:
    # 50 → 49 → 52 → 55 over 2022-2025: 55 > 50 in 2025 is achieved (as "rises every year" it
    # was not achieved, 2023 being a fall). Gap 50 − 55 = −5.
    result = domestic({2022: 50, 2023: 49, 2024: 52, 2025: 55}, 2025)
    assert (result.status, result.early, result.target_value, result.gap) == (
        "achieved", False, 50.0, -5.0)
    assert result.baseline is not None and result.baseline.year == 2022


def test_above_the_baseline_before_2025_is_achieved_early() -> None:
    result = domestic({2022: 50, 2023: 49, 2024: 52}, 2024)
    assert (result.status, result.early, result.gap) == ("achieved", True, -2.0)
    assert result.time_elapsed == pytest.approx(2 / 3)  # (2024 − 2022) / (2025 − 2022)


@pytest.mark.parametrize(("figure", "status"), [(49, "regressing"), (50, "off_track")])
def test_at_or_below_the_baseline_before_2025(figure: float, status: str) -> None:
    result = domestic({2022: 50, 2023: figure}, 2023)
    assert result.status == status
    codes = [n.code for n in result.notes]
    assert "beyond-baseline" in codes and "hold-level" not in codes
    note = next(n for n in result.notes if n.code == "beyond-baseline")
    assert dict(note.params) == {"op": ">", "value": "50"}


def test_equal_to_the_baseline_in_2025_is_not_achieved() -> None:
    result = domestic({2022: 50, 2025: 50}, 2025)
    assert result.status == "not_achieved"
    assert "target-year-strict" in [n.code for n in result.notes]


def test_a_hold_level_target_still_says_so() -> None:
    # A non-strict change of 0 (hold the level) keeps its note and status: 50 → 49 regresses.
    plan = load_plan("2023-2025")
    data = plan.model_dump()
    target = next(t for t in data["targets"] if t["id"] == "domestic-supply-rising")
    target["op"] = ">="
    held = Plan.model_validate(data)
    result = assess([held], observations(held, "domestic_supply_share", {2022: 50, 2023: 49}),
                    as_of=2023)
    hold = next(r for r in result.plans[0].targets if r.target.id == "domestic-supply-rising")
    assert hold.status == "regressing"
    assert "hold-level" in [n.code for n in hold.notes]


# -- the 14th FYP's published facts ----------------------------------------------------------


def test_revenue_exceeded_1000_in_every_year_2015_to_2020() -> None:
    plan = load_plan("14th-fyp")
    published = plan.published("revenue_total")
    assert sorted(published) == [2015, 2016, 2017, 2018, 2019, 2020]
    labels = {year: level.figure.label(f"{level.figure.value:g}")
              for year, (_, level) in published.items()}
    # The exact figures win where the plan gives them (1558.7 in 2016, 2364.9 in 2020).
    assert labels == {2015: ">1000", 2016: "1558.7", 2017: ">1000", 2018: ">1000",
                      2019: ">1000", 2020: "2364.9"}
    written = [h for h in plan.history if h.indicator == "revenue_total" and h.quote ==
               "收入规模从2015年开始连续六年突破千亿元"]
    assert [h.year for h in written] == [2015, 2016, 2017, 2018, 2019, 2020]
    assert all(h.value == "突破1000" for h in written)


def test_the_2020_revenue_baseline_is_still_the_exact_figure() -> None:
    plan = load_plan("14th-fyp")
    revenue = next(r for r in assess([plan], [], as_of=2020).plans[0].targets
                   if r.target.id == "revenue-2025")
    assert revenue.baseline is not None
    assert (revenue.baseline.value, revenue.baseline.figure.exact, revenue.baseline.where) == (
        2364.9, True, "history[1]")
    assert revenue.required_cagr == pytest.approx((3500 / 2364.9) ** (1 / 5) - 1)


def test_the_13th_fyp_increments_are_stated_changes() -> None:
    changes = {c.indicator: (c.years, c.change, c.approximate)
               for c in load_plan("14th-fyp").stated_changes}
    assert changes == {
        "profit_total": ((2016, 2020), 100, True),
        "national_enterprise_tech_centers": ((2015, 2020), 4, False),
        "beijing_enterprise_tech_centers": ((2015, 2020), 21, False),
        "enterprises_above_size": ((2015, 2020), 21, False),
    }
