"""The sentences of the Word report, target by target, against figures computed by hand.

A plan and a workbook built here give six targets, one of each case the report must word:

- revenue > 3500 (亿元) in 2025, 2364.9 (2020) → 2948.2 (2024): behind. 2948.2 / 2364.9 − 1 =
  24.66 % → 24.7 %; (1.2466)^(1/4) − 1 = 5.67 % → 5.7 %; completion 583.3 / 1135.1 = 51.39 %
  → 51.4 %; time elapsed 4/5 = 80.0 %: 28.6 points behind. Needed 3500 / 2948.2 − 1 = 18.7 %,
  3.3 times the growth achieved: 实现难度较大 (1.5 < 3.3 ≤ 4). Growth ratio 5.67 / 8.16 = 0.69:
  moderate. Projection 2948.2 × 1.0567 = 3115.25 → 3115.3 in 2025; 3500 is reached after
  ln(1.1872)/ln(1.0567) = 3.1 years, so in 2028.
- platforms ≥ 40 (个), 22 → 37: ahead. 37/22 − 1 = 68.2 %, 13.9 % a year; completion 15/18 =
  83.3 %, 3.3 points ahead; needed 40/37 − 1 = 8.1 % < 13.9 %: within reach; 37 × 1.1388 =
  42.1 → 42 in 2025, on time.
- R&D staff ≥ 15000 (人), 11301 → 11190: regressing. 11190/11301 − 1 = −0.98 % → 下降1.0%;
  −0.25 % a year → 年均下降0.2%; completion −111/3699 = −3.0 %, 83.0 points behind; needed
  15000/11190 − 1 = 34.0 %, growth achieved negative: 实现难度很大; never reached.
- enterprises +60 (≥, 家) on a 2020 figure of "180余" (bounds [180, 190)), 228 in 2024: the
  qualified figure is worded 180余家 / at least 180 but under 190 firms; rates from the point
  value 180 are "about": 228/180 − 1 = 26.7 %, 6.1 % a year, completion 48/60 = 80.0 % (level
  with the time elapsed), needed 240/228 − 1 = 5.3 %; on track (6.09 % against 5.92 %).
- international events ≥ 2 (次) every year 2021–2025: 2, 1, 3, 2 — missed in 2022.
- funds ≥ 4 (支): no figure at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from docx_helpers import (
    all_text,
    grouped,
    open_docx,
    target_paragraphs,
    unmatched_numbers,
)
from railkpi.calc.difficulty import difficulty
from railkpi.figures import parse_figure
from railkpi.plans.models import Indicator
from railkpi.render.docx import words

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "fengtai.xlsx"

PLAN = """\
plan:
  id: docx-test
  title: {zh: 测试区产业发展规划（2021—2025年）, en: Test district industry plan 2021-2025}
  document: 测政发〔2021〕1号
  period: [2021, 2025]
  baseline_year: 2020
groups:
  scale: {zh: 产业规模, en: Scale}
  innovation: {zh: 创新能力, en: Innovation}
  openness: {zh: 对外开放, en: Openness}
indicators:
  revenue_total: {name: {zh: 产业总收入, en: Total revenue}, unit: 亿元, better: higher}
  enterprise_count: {name: {zh: 企业数量, en: Number of enterprises}, unit: 家, better: higher}
  docx_platforms: {name: {zh: 创新平台, en: Innovation platforms}, unit: 个, better: higher}
  docx_rd_staff: {name: {zh: 研发人员, en: R&D staff}, unit: 人, better: higher}
  docx_events: {name: {zh: 国际会议, en: International conferences}, unit: 次, better: higher}
  docx_funds: {name: {zh: 产业基金, en: Industry funds}, unit: 支, better: higher}
targets:
  - {id: revenue, indicator: revenue_total, kind: level, op: ">", value: 3500, year: 2025,
     group: scale, quote: 产业总收入突破3500亿元}
  - {id: enterprises, indicator: enterprise_count, kind: change, op: ">=", value: 60,
     year: 2025, group: scale, quote: 企业数量增加60家}
  - {id: platforms, indicator: docx_platforms, kind: level, op: ">=", value: 40, year: 2025,
     group: innovation, quote: 创新平台达到40个}
  - {id: rd-staff, indicator: docx_rd_staff, kind: level, op: ">=", value: 15000, year: 2025,
     group: innovation, quote: 研发人员达到15000人}
  - {id: events, indicator: docx_events, kind: each_year, op: ">=", value: 2, year: 2025,
     group: openness, quote: 每年举办国际会议2次以上}
  - {id: funds, indicator: docx_funds, kind: level, op: ">=", value: 4, year: 2025,
     group: openness, quote: 设立产业基金4支}
"""

ROWS = [
    ["revenue_total", 2020, 2364.9], ["revenue_total", 2024, 2948.2],
    ["enterprise_count", 2020, "180余"], ["enterprise_count", 2024, 228],
    ["docx_platforms", 2020, 22], ["docx_platforms", 2024, 37],
    ["docx_rd_staff", 2020, 11301], ["docx_rd_staff", 2024, 11190],
    ["docx_events", 2021, 2], ["docx_events", 2022, 1], ["docx_events", 2023, 3],
    ["docx_events", 2024, 2],
]

EXPECTED = {
    "zh": [
        "（1）产业总收入（进度偏慢）。规划目标为2025年超过3500.0亿元。截至2024年，产业总收入达到"
        "2948.2亿元，较2020年增长24.7%，年均增长5.7%；完成进度51.4%，慢于序时进度28.6个百分点。"
        "按目标要求，今后一年需增长18.7%，实现难度较大。按2020年以来的年均增速测算，2025年预计为"
        "3115.3亿元，2028年才能达到目标。",
        "（2）企业数量（符合进度）。规划目标为2025年较2020年增加60家，即不低于240家。截至2024年，"
        "企业数量达到228家，较2020年的180余家增长约26.7%，年均增长约6.1%；完成进度约80.0%，"
        "与序时进度持平。按目标要求，今后一年需增长约5.3%，保持目前的增长势头即可实现。"
        "按2020年以来的年均增速测算，2025年预计约为242家，2025年可达到目标，能够如期完成。",
        "（3）创新平台（符合进度）。规划目标为2025年不低于40个。截至2024年，创新平台达到37个，"
        "较2020年增长68.2%，年均增长13.9%；完成进度83.3%，快于序时进度3.3个百分点。按目标要求，"
        "今后一年需增长8.1%，保持目前的增长势头即可实现。按2020年以来的年均增速测算，2025年"
        "预计为42个，2025年可达到目标，能够如期完成。",
        "（4）研发人员（逆向变化）。规划目标为2025年不低于15000人。截至2024年，研发人员为11190人，"
        "较2020年下降1.0%，年均下降0.2%，与目标要求的方向相反；完成进度-3.0%，慢于序时进度83.0个"
        "百分点。按目标要求，今后一年需增长34.0%，实现难度很大。按2020年以来的变化趋势测算，"
        "2025年预计为11162人，目标难以实现。",
        "（5）国际会议（未完成）。规划目标为2021—2025年每年不低于2次。2024年国际会议为2次；"
        "其中2022年未达到要求，该目标已无法完成。",
        "（6）产业基金（无数据）。规划目标为2025年不低于4支。数据文件和规划原文中均没有产业基金"
        "2020—2024年的数值，无法评估；需补充基期（2020年）和最新年份的数据。",
    ],
    "en": [
        "(1) Total revenue — moderate. Target: more than 3500.0 (100M CNY) by 2025. As of 2024 it "
        "reached 2948.2 (100M CNY), up 24.7% on 2020, 5.7% a year on average; completion is "
        "51.4%, 28.6 percentage points behind the time elapsed (80.0%). To meet the target it "
        "must grow 18.7% in the remaining year, which will be difficult. At the average growth "
        "since 2020 it would be 3115.3 (100M CNY) in 2025 and reach the target only in 2028.",
        "(2) Number of enterprises — on track. Target: an increase of 60 firms on 2020 by 2025, "
        "i.e. at least 240 firms. As of 2024 it reached 228 firms, up about 26.7% on 2020 (at "
        "least 180 but under 190 firms), about 6.1% a year on average; completion is about "
        "80.0%, level with the time elapsed (80.0%). To meet the target it must grow about 5.3% "
        "in the remaining year, within reach if the growth so far continues. At the average "
        "growth since 2020 it would be about 242 firms in 2025, reaching the target in 2025, on "
        "time.",
        "(3) Innovation platforms — on track. Target: at least 40 units by 2025. As of 2024 it "
        "reached 37 units, up 68.2% on 2020, 13.9% a year on average; completion is 83.3%, 3.3 "
        "percentage points ahead of the time elapsed (80.0%). To meet the target it must grow "
        "8.1% in the remaining year, within reach if the growth so far continues. At the average "
        "growth since 2020 it would be 42 units in 2025, reaching the target in 2025, on time.",
        "(4) R&D staff — regressing. Target: at least 15000 persons by 2025. As of 2024 it stood "
        "at 11190 persons, down 1.0% on 2020, 0.2% a year on average, moving away from the "
        "target; completion is -3.0%, 83.0 percentage points behind the time elapsed (80.0%). "
        "To meet the target it must grow 34.0% in the remaining year, which will be very "
        "difficult. On the trend since 2020 it would be 11162 persons in 2025, and the target "
        "would not be reached.",
        "(5) International conferences — not achieved. Target: at least 2 times in every year "
        "from 2021 to 2025. In 2024 it was 2 times; it was missed in 2022, so the target can no "
        "longer be achieved.",
        "(6) Industry funds — no data. Target: at least 4 funds by 2025. Neither the data file "
        "nor the plan gives a figure for 2020–2024, so it cannot be assessed; the baseline "
        "(2020) and the latest figure are needed.",
    ],
}


@pytest.fixture(scope="module")
def designed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The designed plan assessed in both languages: (document, JSON report) per language."""
    import openpyxl

    from conftest import run_cli

    folder = tmp_path_factory.mktemp("designed")
    plan = folder / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "数据"
    for row in [["指标", "年份", "数值"], *ROWS]:
        sheet.append(row)
    data = folder / "data.xlsx"
    workbook.save(data)
    runs = {}
    for lang in ("zh", "en"):
        out = folder / f"report-{lang}.docx"
        run = run_cli("assess", data, "--plan", plan, "--docx", out, "--lang", lang,
                      "--format", "json")
        assert run.exit_code == 0, run.stderr
        runs[lang] = (open_docx(out), run.json())
    return runs


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_designed_target_reads_as_computed_by_hand(designed: dict[str, Any],
                                                        lang: str) -> None:
    document, _ = designed[lang]
    [paragraphs] = target_paragraphs(document, lang)
    assert [p.text for p in paragraphs] == EXPECTED[lang]


def test_the_statuses_the_sentences_were_designed_for(designed: dict[str, Any]) -> None:
    _, report = designed["zh"]
    statuses = {t["id"]: t["status"] for t in report["plans"][0]["targets"]}
    assert statuses == {"revenue": "moderate", "enterprises": "on_track",
                        "platforms": "on_track", "rd-staff": "regressing",
                        "events": "not_achieved", "funds": "no_data"}


@pytest.mark.parametrize(("index", "word", "points"), [
    (0, "慢于", "28.6"), (1, "持平", None), (2, "快于", "3.3"), (3, "慢于", "83.0"),
])
def test_ahead_or_behind_and_the_points(designed: dict[str, Any], index: int, word: str,
                                        points: str | None) -> None:
    document, report = designed["zh"]
    text = target_paragraphs(document, "zh")[0][index].text
    assert word in text
    others = {"快于", "慢于", "持平"} - {word}
    assert not any(f"{other}序时进度" in text for other in others)
    if points is not None:
        assert f"{word}序时进度{points}个百分点" in text
    # the difference is that of the table's printed percentages
    entry = grouped(report["plans"][0]["targets"])[index]
    completion, elapsed = (round(entry[k] * 100, 1) for k in ("completion", "time_elapsed"))
    assert f"{abs(completion - elapsed):.1f}" == (points or "0.0")


def test_lead_is_bold_and_the_rest_is_not(designed: dict[str, Any]) -> None:
    document, _ = designed["zh"]
    paragraph = target_paragraphs(document, "zh")[0][0]
    assert paragraph.runs[0].bold is True
    assert paragraph.runs[0].text == "（1）产业总收入（进度偏慢）。"
    assert not any(run.bold for run in paragraph.runs[1:])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_number_in_the_designed_paragraphs_is_the_reports(designed: dict[str, Any],
                                                                lang: str) -> None:
    document, report = designed[lang]
    plan = report["plans"][0]
    [paragraphs] = target_paragraphs(document, lang)
    for paragraph, entry in zip(paragraphs, grouped(plan["targets"]), strict=True):
        assert unmatched_numbers(paragraph.text, entry, plan, report["as_of"]) == []


def test_a_wrong_number_is_caught() -> None:
    # The check itself must be able to fail: 28.7 points is not 80.0 − 51.4.
    entry = {
        "baseline": {"year": 2020, "value": 2364.9, "lower": None, "upper": None},
        "latest": {"year": 2024, "value": 2948.2, "lower": None, "upper": None},
        "target_value": 3500.0, "target_year": 2025, "failing_years": [], "notes": [],
        "gap": 551.8, "projected": None, "projected_year": None, "completion": 0.51387,
        "time_elapsed": 0.8, "actual_cagr": 0.0567, "required_cagr": 0.0816,
        "required_cagr_from_latest": 0.1872, "unit": "亿元",
    }
    plan = {"period": [2021, 2025], "baseline_year": 2020}
    assert unmatched_numbers("完成进度51.4%，慢于序时进度28.6个百分点", entry, plan, 2024) == []
    assert unmatched_numbers("完成进度51.4%，慢于序时进度28.7个百分点", entry, plan,
                             2024) == ["28.7个百分点"]
    assert unmatched_numbers("达到2948.3亿元", entry, plan, 2024) == ["2948.3亿元"]


# -- the example: every number of every paragraph is the JSON report's ------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_number_in_the_example_is_the_reports(railkpi: Callable[..., Any],
                                                    tmp_path: Path, lang: str) -> None:
    out = tmp_path / "report.docx"
    run = railkpi("assess", EXAMPLE, "--docx", out, "--format", "json", "--lang", lang)
    assert run.exit_code == 0, run.stderr
    report = run.json()
    document = open_docx(out)
    per_plan = target_paragraphs(document, lang)
    assert len(per_plan) == len(report["plans"])
    for paragraphs, plan in zip(per_plan, report["plans"], strict=True):
        entries = grouped(plan["targets"])
        assert len(paragraphs) == len(entries)
        for paragraph, entry in zip(paragraphs, entries, strict=True):
            assert entry["indicator"] and paragraph.runs[0].bold
            wrong = unmatched_numbers(paragraph.text, entry, plan, report["as_of"],
                                      names=(paragraph.runs[0].text,))
            assert wrong == [], f"{entry['id']}: {paragraph.text}"


def test_example_model_sentence(railkpi: Callable[..., Any], tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    assert railkpi("assess", EXAMPLE, "--docx", out, "--plan", "14th-fyp").exit_code == 0
    text = target_paragraphs(open_docx(out), "zh")[0][0].text
    assert ("截至2024年，轨道交通产业总收入达到2948.2亿元，较2020年增长24.7%，年均增长5.7%；"
            "完成进度51.4%，慢于序时进度28.6个百分点。按目标要求，今后一年需增长18.7%，"
            "实现难度较大。") in text


def test_percent_indicator_changes_in_points(railkpi: Callable[..., Any],
                                             tmp_path: Path) -> None:
    # 自主化配套比重 (%): 72.5 (2022) → 75.8 (2024) is up 3.3 points, not "up 4.6%".
    out = tmp_path / "report.docx"
    assert railkpi("assess", EXAMPLE, "--docx", out, "--plan", "2023-2025").exit_code == 0
    texts = [p.text for p in target_paragraphs(open_docx(out), "zh")[0]]
    [text] = [t for t in texts if "自主化配套比重" in t]
    assert "较2022年提高3.3个百分点" in text
    assert "增长4.6%" not in text
    # The target is the 2025 share above 2022's (进一步提高), already met: 75.8 − 72.5 = 3.3
    # points above it.
    assert "规划目标为2025年高于2022年水平，即超过72.5%。" in text
    assert "增加0.0%" not in text
    assert "超出目标3.3个百分点" in text


@pytest.mark.parametrize(("as_of", "zh", "en"), [
    (2023, "，2023年达到要求，符合进度。", "; it was met in 2023, on track."),
    (2024, "，2023、2024年均达到要求，符合进度。", "; it was met in 2023 and 2024, on track."),
])
def test_each_year_met_one_year_or_all(railkpi: Callable[..., Any], tmp_path: Path,
                                       as_of: int, zh: str, en: str) -> None:
    # 新突破关键核心技术 ≥ 30 every year from 2023: 31 (2023), 34 (2024). 均 ("each of them")
    # only where more than one year is listed; English has no word for it.
    for lang, ending in (("zh", zh), ("en", en)):
        out = tmp_path / f"{lang}{as_of}.docx"
        run = railkpi("assess", EXAMPLE, "--plan", "2023-2025", "--as-of", as_of, "--docx", out,
                      "--lang", lang)
        assert run.exit_code == 0, run.stderr
        texts = [p.text for p in target_paragraphs(open_docx(out), lang)[0]]
        [text] = [t for t in texts if "每年不低于30项" in t or "at least 30 technologies" in t]
        assert text.endswith(ending)
        assert ("均" in text) == (lang == "zh" and as_of == 2024)


# -- figures in words -------------------------------------------------------------------------

MONEY = Indicator.model_validate({"name": {"zh": "收入", "en": "Revenue"}, "unit": "亿元",
                                  "better": "higher"})
COUNT = Indicator.model_validate({"name": {"zh": "企业", "en": "Firms"}, "unit": "家",
                                  "better": "higher"})


@pytest.mark.parametrize(("written", "indicator", "zh", "en"), [
    ("超过2600", MONEY, "超过2600亿元", "more than 2600 (100M CNY)"),
    ("突破3000", MONEY, "突破3000亿元", "more than 3000 (100M CNY)"),
    ("180余", COUNT, "180余家", "at least 180 but under 190 firms"),
    ("3000多", MONEY, "3000多亿元", "at least 3000 but under 4000 (100M CNY)"),
    ("50以上", COUNT, "50家以上", "at least 50 firms"),
    ("约100", MONEY, "约100亿元", "about 100 (100M CNY)"),
    ("近3000", MONEY, "近3000亿元", "under 3000 (100M CNY)"),
    ("3500以下", MONEY, "3500亿元以下", "at most 3500 (100M CNY)"),
    ("2364.9", MONEY, "2364.9亿元", "2364.9 (100M CNY)"),
    ("1", COUNT, "1家", "1 firm"),
])
def test_figures_in_words(written: str, indicator: Indicator, zh: str, en: str) -> None:
    figure = parse_figure(written)
    assert words.figure_words(figure, indicator, "zh") == zh
    assert words.figure_words(figure, indicator, "en") == en


@pytest.mark.parametrize(("needed", "achieved", "key"), [
    (0.05, 0.06, "within-reach"), (0.06, 0.06, "within-reach"), (0.09, 0.06, "some"),
    (0.187, 0.0567, "hard"), (0.24, 0.06, "hard"), (0.25, 0.06, "very-hard"),
    (0.34, -0.0025, "very-hard"), (0.5, 0.0, "very-hard"), (0.5, None, "very-hard"),
])
def test_difficulty_thresholds(needed: float, achieved: float | None, key: str) -> None:
    assert difficulty(needed, achieved) == key


@pytest.mark.parametrize(("years", "zh", "en"), [
    ([2022], "2022年", "2022"),
    ([2022, 2024], "2022、2024年", "2022 and 2024"),
    ([2021, 2022, 2023], "2021—2023年", "2021–2023"),
    ([2021, 2023, 2024], "2021、2023、2024年", "2021, 2023 and 2024"),
])
def test_years_in_words(years: list[int], zh: str, en: str) -> None:
    assert words.years_text(years, "zh") == zh
    assert words.years_text(years, "en") == en


@pytest.mark.parametrize(("n", "zh"), [(1, "一"), (2, "二"), (10, "十"), (11, "十一"),
                                       (20, "二十"), (35, "三十五")])
def test_heading_numerals(n: int, zh: str) -> None:
    assert words.numeral(n, "zh") == zh
    assert words.numeral(n, "en") == str(n)


def test_year_counts() -> None:
    assert [words.year_count(n, "zh") for n in (1, 2, 3, 11)] == ["一", "两", "三", "11"]
    assert words.year_count(2, "en") == "2"


def test_no_sentence_template_leaves_a_field_unfilled(designed: dict[str, Any]) -> None:
    for lang in ("zh", "en"):
        document, _ = designed[lang]
        text = "\n".join(p.text for p in document.paragraphs)
        assert not re.search(r"[{}]", text)


# -- the target year reached: achieved, missed, undetermined; trend and window gaps -----------

ENDED_PLAN = """\
plan:
  id: docx-ended
  title: {zh: 测试行动计划（2023—2025年）, en: Test action plan 2023-2025}
  period: [2023, 2025]
  baseline_year: 2022
groups:
  all: {zh: 全部, en: All}
indicators:
  revenue_total: {name: {zh: 产业总收入, en: Total revenue}, unit: 亿元, better: higher}
  enterprise_count: {name: {zh: 企业数量, en: Number of enterprises}, unit: 家, better: higher}
  docx_platforms: {name: {zh: 创新平台, en: Innovation platforms}, unit: 个, better: higher}
  docx_trade: {name: {zh: 技术交易额, en: Technology trade}, unit: 亿元, better: higher}
  docx_tech: {name: {zh: 关键技术, en: Key technologies}, unit: 项, better: higher}
  docx_labs: {name: {zh: 重点实验室, en: Key laboratories}, unit: 个, better: higher}
targets:
  - {id: revenue, indicator: revenue_total, kind: level, op: ">=", value: 3000, year: 2025,
     group: all, quote: 收入达到3000亿元}
  - {id: firms, indicator: enterprise_count, kind: level, op: ">=", value: 300, year: 2025,
     group: all, quote: 企业达到300家}
  - {id: platforms, indicator: docx_platforms, kind: level, op: ">=", value: 40, year: 2025,
     group: all, quote: 平台达到40个}
  - {id: trade, indicator: docx_trade, kind: trend, year: 2025, group: all, quote: 逐年上升}
  - {id: tech, indicator: docx_tech, kind: each_year, op: ">=", value: 30, year: 2025,
     group: all, quote: 每年30项}
  - {id: labs, indicator: docx_labs, kind: level, op: ">=", value: 2, year: 2025, group: all,
     quote: 实验室达到2个}
"""
ENDED_ROWS = [
    ["revenue_total", 2022, 2651.3], ["revenue_total", 2025, "约3100"],
    ["enterprise_count", 2022, 205], ["enterprise_count", 2025, 310],
    ["docx_platforms", 2022, 22], ["docx_platforms", 2025, 35],
    ["docx_trade", 2022, 38.5], ["docx_trade", 2023, 40], ["docx_trade", 2024, 39],
    ["docx_trade", 2025, 45],
    ["docx_tech", 2023, 35], ["docx_tech", 2025, 33],
    ["docx_labs", 2022, 0], ["docx_labs", 2024, 1],
]
ENDED = [
    # 约3100 has no bound: it cannot say whether ≥ 3000 is met
    ("undetermined", "截至2025年，产业总收入约3100亿元，这一数字的范围无法判定是否达到"
     "不低于3000.0亿元的目标；需要2025年的确切数值。"),
    # 310 ≥ 300 in the target year; 310/205 − 1 = 51.2 %, (1.5122)^(1/3) − 1 = 14.8 % a year
    ("achieved", "截至2025年，企业数量达到310家，较2022年增长51.2%，年均增长14.8%，完成规划目标，"
     "超出目标10家。"),
    # 35 < 40: completion 13/18 = 72.2 %, short by 5
    ("not_achieved", "截至2025年，创新平台达到35个，较2022年增长59.1%，年均增长16.7%；"
     "完成进度72.2%，未完成规划目标，距目标尚差5个。"),
    # 40 → 39 in 2024 did not rise
    ("not_achieved", "截至2025年，技术交易额达到45.0亿元，较2022年增长16.9%，年均增长5.3%；"
     "其中2024年未比上年上升，该目标已无法完成。"),
    # 2024 has no figure and the window has ended
    ("undetermined", "2025年关键技术为33项；2024年缺少数据，无法判定是否完成，需补充该年数据。"),
    # zero baseline: linear, growth since it undefined (增加1个); completion 1/2 = 50.0 %, time
    # 2/3 = 66.7 %; from 1 the target 2 is +100.0 %; the difficulty compares increases: 1 a
    # year needed against 0.5 a year achieved (×2): 较大; 2025 has passed without its figure,
    # so the year still needed is named (2025年), not counted from the year assessed (今后一年)
    ("moderate", "截至2024年，重点实验室达到1个，较2022年增加1个；完成进度50.0%，慢于序时进度16.7个"
     "百分点。按目标要求，2025年需增长100.0%，实现难度较大。目标年（2025年）已过，但尚无该年数据，"
     "以上按2024年数据判断。"),
]


def test_statuses_at_the_end_of_the_plan(make_workbook: Callable[..., Path],
                                         railkpi: Callable[..., Any], tmp_path: Path) -> None:
    plan = tmp_path / "ended.yaml"
    plan.write_text(ENDED_PLAN, encoding="utf-8")
    data = make_workbook({"数据": [["指标", "年份", "数值"], *ENDED_ROWS]})
    out = tmp_path / "ended.docx"
    run = railkpi("assess", data, "--plan", plan, "--docx", out, "--format", "json")
    assert run.exit_code == 0, run.stderr
    report = run.json()
    entries = report["plans"][0]["targets"]
    assert [t["status"] for t in entries] == [status for status, _ in ENDED]
    [paragraphs] = target_paragraphs(open_docx(out), "zh")
    for paragraph, entry, (_, body) in zip(paragraphs, entries, ENDED, strict=True):
        assert paragraph.text.endswith(body), paragraph.text
        assert unmatched_numbers(paragraph.text, entry, report["plans"][0],
                                 report["as_of"]) == []


@pytest.mark.parametrize("lang, goal", [
    ("zh", "规划目标为2025年高于2022年水平。"),
    ("en", "Target: above the 2022 level by 2025."),
])
def test_a_rise_on_a_missing_baseline_is_said_without_a_level(
        make_workbook: Callable[..., Path], railkpi: Callable[..., Any], tmp_path: Path,
        lang: str, goal: str) -> None:
    # 自主化配套比重 to rise above its 2022 share (a change of 0), with no 2022 figure: the
    # target cannot be stated as a level, and the sentence says only what the plan says.
    data = make_workbook({"数据": [["指标", "年份", "数值"], ["自主化配套比重", 2024, 75.8],
                                   ["轨道交通产业总收入", 2024, 2948.2]]})
    out = tmp_path / "report.docx"
    run = railkpi("assess", data, "--docx", out, "--plan", "2023-2025", "--lang", lang)
    assert run.exit_code == 0, run.stderr
    texts = [p.text for p in target_paragraphs(open_docx(out), lang)[0]]
    [text] = [t for t in texts if goal in t]
    assert goal.rstrip("。.") + ("，即" if lang == "zh" else ", i.e.") not in text


def test_the_overview_gives_no_completion_beside_no_data(
        make_workbook: Callable[..., Path], railkpi: Callable[..., Any], tmp_path: Path) -> None:
    # Revenue 2020 and 2024; the revenue tiers only by the plan's 2020 figures: their 0.0 %
    # "done" is no finding.
    data = make_workbook({"数据": [["指标", "年份", "数值"], ["轨道交通产业总收入", 2020, 2364.9],
                                   ["轨道交通产业总收入", 2024, 2948.2]]})
    out = tmp_path / "report.docx"
    run = railkpi("assess", data, "--docx", out, "--plan", "14th-fyp", "--as-of", "2024")
    assert run.exit_code == 0, run.stderr
    text = all_text(open_docx(out))
    # (2948.2 − 2364.9) ÷ (3500 − 2364.9) = 583.3 ÷ 1135.1 = 51.4 %
    assert "轨道交通产业总收入2948.2亿元，完成进度51.4%" in text
    assert "收入百亿级以上企业数量4家（2020年），无数据" in text
    assert "完成进度0.0%" not in text


@pytest.mark.parametrize("lang, said, unsaid", [
    ("zh", "按目标要求，2024—2025年需年均增长7.4%", "今后两年"),
    ("en", "must grow 7.4% a year over 2024–2025", "remaining 2 years"),
])
def test_growth_needed_from_an_older_figure_names_its_years(
        make_workbook: Callable[..., Path], railkpi: Callable[..., Any], tmp_path: Path,
        lang: str, said: str, unsaid: str) -> None:
    # Revenue's latest figure is 2023's while the year assessed is 2024 (another indicator has
    # a 2024 figure): from 2600 to ≥ 3000 in 2025 is (3000 / 2600)^(1/2) − 1 = 7.4 % a year,
    # over 2024–2025 — "the remaining two years" would be read as counting from 2024.
    data = make_workbook({"数据": [["指标", "年份", "数值"], ["轨道交通产业总收入", 2022, 2500],
                                   ["轨道交通产业总收入", 2023, 2600],
                                   ["轨道交通企业数量", 2024, 228]]})
    out = tmp_path / "report.docx"
    run = railkpi("assess", data, "--docx", out, "--plan", "2023-2025", "--lang", lang)
    assert run.exit_code == 0, run.stderr
    texts = [p.text for p in target_paragraphs(open_docx(out), lang)[0]]
    [text] = [t for t in texts if said in t]
    assert unsaid not in text
