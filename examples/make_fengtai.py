"""Build examples/fengtai.xlsx, the example data workbook bundled with railkpi.

Usage:  python examples/make_fengtai.py [OUT]     (default: fengtai.xlsx next to this script)

The workbook is a mid-term check as of 2024 against both bundled plans (14th-fyp: baseline 2020,
2021-2025; 2023-2025: baseline 2022). Rows whose 来源 is 规划原文 are quoted from the 14th Five-Year
Plan (丰政发〔2022〕7号). EVERY OTHER FIGURE IS INVENTED for illustration; none is an official
statistic. The invented figures were chosen so that the assessment shows a realistic mix of
statuses (growth ratio = actual CAGR since the baseline ÷ CAGR required from the baseline;
thresholds 0.95 / 0.60 / 0; "x→y" below is baseline → 2024):

14th FYP (baseline 2020, target 2025, as of 2024)
  achieved     enterprises_rev_ge_10yi 22→26 (> 25; 2023 has exactly 25, which a strict ">"
               does not meet); invention_patents_per_capita 0.42→0.51 (≥ 1.2 × 0.42 = 0.504)
  on_track     enterprise_count 180→228 (> 240 and +60: ratio ≈ 1.03);
               innovation_platforms 22→37 (> 40: ≈ 1.09); rd_expenditure 56.8→102.3
               (doubling to 113.6: ≈ 1.07)
  moderate     revenue_total 2364.9→2948.2 (> 3500: 5.7 % a year against 8.2 %, ≈ 0.70);
               enterprises_rev_ge_1yi 54→63 (> 70: ≈ 0.74); intl_multinationals 1→2
               (3-5, progress towards 3: ≈ 0.77)
  off_track    enterprises_rev_ge_100yi 4→5 (> 10: ≈ 0.29)
  regressing   rd_personnel 11301→11190 (≥ 15000: rose to 11820 in 2022, then fell below the
               2020 level)
  not_achieved intl_events 2, 1, 3, 3 in 2021-2024 (2-3 every year: 2022 fails)
2023-2025 Action Plan (baseline 2022, target 2025, as of 2024)
  achieved     revenue_engineering 905.4→1012.6 (≥ 1000); national_enterprise_tech_centers 4→6;
               industry_funds 2→4; poc_centers 0→1 (2023), pilot_platforms 0→1 (2024),
               beijing_key_labs 0→1 (2024) ("零的突破": zero baseline, linear method);
               domestic_supply_share 72.5→75.8 % (进一步提高: the share above 2022's)
  on_track     revenue_total 2651.3→2948.2 (≥ 3000: 5.4 % a year against 4.2 %, ≈ 1.3 — the same
               series is only moderate against the 14th FYP's 3500); revenue_traction_power
               380.2→466.8 (≈ 1.13); revenue_signalling 150.3→185.6 (≈ 1.11);
               specialised_sme_count 24→33 (> 35: ≈ 1.29); service_agencies 1→3 (≥ 4: ≈ 1.25);
               tech_transaction_value 38.5, 44.2, 51.6 (trend: rises every year);
               core_tech_breakthroughs 31 (2023), 34 (2024) (≥ 30 every year, no year fails)
  moderate     revenue_smart_om 120.4→158.2 (≥ 200: ≈ 0.79); national_eng_research_centers 1→2
               (≥ 3: ≈ 0.94); patent_count 1350→1840 (20 % a year wanted, 16.7 % achieved:
               ≈ 0.84); featured_parks 3→4 (≥ 5: ≈ 0.83)
  off_track    enterprise_count 205→228 (≥ 300: ≈ 0.40 — the later plan raised the bar);
               revenue_logistics 360.5→378.9 (≥ 500: ≈ 0.22); national_innovation_demo_firms
               2→2 (flat: ratio 0); research_institutes 3→4 (≥ 7: ≈ 0.47); test_lines 0→0
               (linear method: completion 0 against 2/3 of the time elapsed)
  regressing   intl_companies 8→7 (> 10)

Segment revenues add up to about three quarters of total revenue (1916.8 of 2651.3 in 2022,
2202.1 of 2948.2 in 2024), in line with the Action Plan's own split (1000 + 2×500 + 2×200 of 3000).

The 2024 figures of enterprise_count, the three revenue tiers, the five segment revenues and
specialised_sme_count are not in the 数据 sheet: railkpi derives them from the 企业名录 sheet, an
INVENTED roster of 228 firms named 示例企业001…示例企业228 (revenue in 万元), built so that it
gives exactly the figures listed above (ROSTER_2024 below; `build` checks it). Its revenues add
up to the 2024 total revenue, 2948.2 亿元 (746.1 of it outside the five segments).

The file is reproducible byte for byte: fixed document properties and fixed zip entry times.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

FIXED_TIME = dt.datetime(2024, 3, 1, 0, 0, 0)

OFFICIAL = "规划原文 / plan text"
ILLUSTRATIVE = "示例数据（虚构） / illustrative (not official)"

HEADER = ("指标", "年份", "数值", "单位", "来源", "备注")

# Quotes from 《“十四五”时期丰台区轨道交通产业发展规划》(丰政发〔2022〕7号).
Q_REVENUE = (
    "2020年丰台轨道交通产业总收入达到2364.9亿元，相较于2016年总收入1558.7亿元，年均增速11.0%"
)
Q_PROFIT = (
    "2020年，丰台轨道交通产业利润总额达到263.7亿元，比2016年增加约100亿元，"
    "“十三五”期间年均增速为 13.5%"
)
Q_ENTERPRISES = "丰台拥有轨道交通企业180余家"
Q_TIERS = "总收入亿级以上54家，十亿级以上22家，百亿级以上4家"
Q_RD_EXPENDITURE = "科技研发经费支出由2015年的26.6亿元上升到2020年的56.8亿元，年均增速为16.3%"
Q_RD_PERSONNEL = "研发人员由2015年7904人上升到2020年的11301人，年均增速为7.4%"
Q_PATENTS = "国内专利申请量由2015年280件增长到2020年1015件，年均增速为29.3%"

Value = int | float | str  # str: a figure written with its qualifier, e.g. "180余"

# (indicator id, unit, {year: value}) — figures published in the plan (来源 = 规划原文).
OFFICIAL_ROWS: list[tuple[str, str, dict[int, Value], str]] = [
    ("revenue_total", "亿元", {2016: 1558.7, 2020: 2364.9}, Q_REVENUE),
    ("profit_total", "亿元", {2020: 263.7}, Q_PROFIT),
    (
        "enterprise_count",
        "家",
        {2020: "180余"},
        f'原文“180余家”：不少于180、不足190 / the text says "180-odd": 180 to under 190：'
        f"{Q_ENTERPRISES}",
    ),
    ("enterprises_rev_ge_100yi", "家", {2020: 4}, Q_TIERS),
    ("enterprises_rev_ge_10yi", "家", {2020: 22}, Q_TIERS),
    ("enterprises_rev_ge_1yi", "家", {2020: 54}, Q_TIERS),
    ("rd_expenditure", "亿元", {2015: 26.6, 2020: 56.8}, Q_RD_EXPENDITURE),
    ("rd_personnel", "人", {2015: 7904, 2020: 11301}, Q_RD_PERSONNEL),
    ("patent_applications", "件", {2015: 280, 2020: 1015}, Q_PATENTS),
]

# (indicator id, unit, {year: value}) — INVENTED figures (来源 = 示例数据（虚构）).
# See the module docstring for the status each series is meant to show.
ILLUSTRATIVE_ROWS: list[tuple[str, str, dict[int, Value]]] = [
    # 14th Five-Year Plan indicators: 2021-2024 (some also need an invented 2020 baseline).
    # The 2024 enterprise counts, segment revenues and 专精特新 count come from the roster.
    ("revenue_total", "亿元", {2021: 2498.6, 2022: 2651.3, 2023: 2803.7, 2024: 2948.2}),
    ("enterprise_count", "家", {2021: 192, 2022: 205, 2023: 216}),
    ("enterprises_rev_ge_100yi", "家", {2021: 4, 2022: 5, 2023: 5}),
    ("enterprises_rev_ge_10yi", "家", {2021: 23, 2022: 24, 2023: 25}),
    ("enterprises_rev_ge_1yi", "家", {2021: 57, 2022: 59, 2023: 61}),
    ("rd_personnel", "人", {2021: 11650, 2022: 11820, 2023: 11480, 2024: 11190}),
    ("innovation_platforms", "家", {2020: 22, 2021: 25, 2022: 29, 2023: 33, 2024: 37}),
    ("rd_expenditure", "亿元", {2021: 65.3, 2022: 75.1, 2023: 88.4, 2024: 102.3}),
    (
        "invention_patents_per_capita",
        "件/人",
        {2020: 0.42, 2021: 0.44, 2022: 0.46, 2023: 0.49, 2024: 0.51},
    ),
    ("intl_events", "次", {2021: 2, 2022: 1, 2023: 3, 2024: 3}),
    ("intl_multinationals", "家", {2020: 1, 2021: 1, 2022: 1, 2023: 2, 2024: 2}),
    # Action Plan 2023-2025 indicators: 2022 (its baseline year) to 2024.
    ("revenue_engineering", "亿元", {2022: 905.4, 2023: 961.2}),
    ("revenue_traction_power", "亿元", {2022: 380.2, 2023: 421.5}),
    ("revenue_logistics", "亿元", {2022: 360.5, 2023: 371.2}),
    ("revenue_signalling", "亿元", {2022: 150.3, 2023: 167.8}),
    ("revenue_smart_om", "亿元", {2022: 120.4, 2023: 138.9}),
    ("national_eng_research_centers", "个", {2022: 1, 2023: 1, 2024: 2}),
    ("national_enterprise_tech_centers", "个", {2022: 4, 2023: 5, 2024: 6}),
    ("national_innovation_demo_firms", "家", {2022: 2, 2023: 2, 2024: 2}),
    ("specialised_sme_count", "家", {2022: 24, 2023: 28}),
    ("intl_companies", "家", {2022: 8, 2023: 8, 2024: 7}),
    ("poc_centers", "个", {2022: 0, 2023: 1, 2024: 1}),
    ("pilot_platforms", "个", {2022: 0, 2023: 0, 2024: 1}),
    ("test_lines", "条", {2022: 0, 2023: 0, 2024: 0}),
    ("beijing_key_labs", "个", {2022: 0, 2023: 0, 2024: 1}),
    ("patent_count", "件", {2022: 1350, 2023: 1580, 2024: 1840}),
    ("tech_transaction_value", "亿元", {2022: 38.5, 2023: 44.2, 2024: 51.6}),
    ("core_tech_breakthroughs", "项", {2023: 31, 2024: 34}),
    ("domestic_supply_share", "%", {2022: 72.5, 2023: 74.1, 2024: 75.8}),
    ("featured_parks", "个", {2022: 3, 2023: 3, 2024: 4}),
    ("industry_funds", "支", {2022: 2, 2023: 3, 2024: 4}),
    ("research_institutes", "家", {2022: 3, 2023: 3, 2024: 4}),
    ("service_agencies", "家", {2022: 1, 2023: 2, 2024: 3}),
]

# -- the enterprise roster (企业名录), 2024: INVENTED firms -------------------------------------

ROSTER_YEAR = 2024
ROSTER_HEADER = ("序号", "企业名称", "年份", "营业收入（万元）", "细分赛道", "专精特新", "来源")
ROSTER_SOURCE = "示例数据（虚构） / illustrative (not official)"

#: What railkpi must derive from the roster for 2024: the figures the series above continue with.
ROSTER_2024: dict[str, Value] = {
    "enterprise_count": 228,
    "enterprises_rev_ge_100yi": 5,
    "enterprises_rev_ge_10yi": 26,
    "enterprises_rev_ge_1yi": 63,
    "revenue_engineering": 1012.6,
    "revenue_traction_power": 466.8,
    "revenue_logistics": 378.9,
    "revenue_signalling": 185.6,
    "revenue_smart_om": 158.2,
    "specialised_sme_count": 33,
}
#: Segment → (name in the sheet, total revenue in 亿元). "other" makes the roster's revenue add
#: up to the 2024 total revenue of the 数据 sheet, 2948.2 亿元.
SEGMENTS: dict[str, tuple[str, str]] = {
    "revenue_engineering": ("工程建设", "1012.6"),
    "revenue_traction_power": ("牵引供电", "466.8"),
    "revenue_logistics": ("物流运输", "378.9"),
    "revenue_signalling": ("通信信号", "185.6"),
    "revenue_smart_om": ("智能运维", "158.2"),
    "other": ("其他", "746.1"),
}
#: Per segment, in 万元: firms of 100亿 and more; firms of 10亿-100亿 except the last one, whose
#: revenue makes the segment total; how many firms of 1亿-10亿 and below 1亿 (their revenues
#: follow a fixed pattern).
ROSTER_PLAN: dict[str, tuple[list[int], list[int], int, int]] = {
    "revenue_engineering": ([3_280_000, 2_150_000], [950_000, 860_000, 780_000, 650_000, 520_000],
                            8, 40),
    "revenue_traction_power": ([1_860_000], [880_000, 690_000, 510_000], 6, 25),
    "revenue_logistics": ([], [980_000, 920_000, 850_000], 5, 25),
    "revenue_signalling": ([], [820_000], 6, 25),
    "revenue_smart_om": ([], [480_000, 390_000], 6, 25),
    "other": ([3_650_000, 2_380_000], [610_000], 6, 25),
}
YI = Decimal(10_000)  # 万元 in one 亿元


def roster_firms() -> list[tuple[Decimal, str, bool]]:
    """(revenue in 万元, segment, 专精特新) of every invented firm, in roster order.

    Firms of 1亿-10亿 and below 1亿 get revenues from a fixed arithmetic pattern; 专精特新
    (specialised SMEs, so never the largest firms) are every other 1亿-10亿 firm of a segment
    and every twelfth firm below 1亿. The list is then interleaved by a fixed permutation so
    that segments and sizes are mixed, as in a real roster.
    """
    firms: list[tuple[Decimal, str, bool]] = []
    n_mid = n_small = 0
    for key, (giants, large, mids, smalls) in ROSTER_PLAN.items():
        name, total = SEGMENTS[key]
        segment = [(Decimal(r), name, False) for r in giants + large]
        for i in range(mids):
            revenue = Decimal(10_000 + (n_mid * 7919) % 80_000) + Decimal(n_mid % 10) / 10
            segment.append((revenue, name, i % 2 == 0))
            n_mid += 1
        for _ in range(smalls):
            revenue = Decimal(600 + (n_small * 3571) % 9300) + Decimal(n_small % 10) / 10
            segment.append((revenue, name, n_small % 12 == 0))
            n_small += 1
        balance = Decimal(total) * YI - sum(r for r, _, _ in segment)
        if not 10 * YI <= balance < 100 * YI:
            raise ValueError(f"{key}: the balancing firm's revenue {balance} is not 10亿-100亿")
        segment.insert(len(giants) + len(large), (balance, name, False))
        firms.extend(segment)
    step = 67  # coprime with the number of firms: a permutation
    if math.gcd(step, len(firms)) != 1:
        raise ValueError("the interleaving step must be coprime with the number of firms")
    return [firms[(i * step) % len(firms)] for i in range(len(firms))]


def roster_rows() -> list[tuple[int, str, int, Value, str, str, str]]:
    firms = roster_firms()
    _check_roster(firms)
    rows = []
    for i, (revenue, segment, specialised) in enumerate(firms, start=1):
        value: Value = int(revenue) if revenue == revenue.to_integral_value() else float(revenue)
        rows.append((i, f"示例企业{i:03d}", ROSTER_YEAR, value, segment,
                     "是" if specialised else "否", ROSTER_SOURCE))
    return rows


def _check_roster(firms: list[tuple[Decimal, str, bool]]) -> None:
    """The roster gives exactly ROSTER_2024 (as railkpi derives it) and the 2024 total revenue."""
    in_yi = [revenue / YI for revenue, _, _ in firms]
    derived: dict[str, Value] = {
        "enterprise_count": len(firms),
        "enterprises_rev_ge_100yi": sum(1 for r in in_yi if r >= 100),
        "enterprises_rev_ge_10yi": sum(1 for r in in_yi if r >= 10),
        "enterprises_rev_ge_1yi": sum(1 for r in in_yi if r >= 1),
        "specialised_sme_count": sum(1 for _, _, flag in firms if flag),
    }
    for key, (name, _) in SEGMENTS.items():
        if key != "other":
            derived[key] = float(sum(r / YI for r, seg, _ in firms if seg == name))
    if derived != ROSTER_2024:
        raise ValueError(f"the roster gives {derived}, not {ROSTER_2024}")
    total = next(s[ROSTER_YEAR] for i, _, s in ILLUSTRATIVE_ROWS if i == "revenue_total")
    if float(sum(in_yi)) != total:
        raise ValueError(f"the roster's revenue adds up to {sum(in_yi)}, not {total}")


NOTES: list[str] = [
    "railkpi 示例数据工作簿：丰台区轨道交通产业",
    "railkpi example data workbook: the Fengtai rail-transit industry",
    "",
    "本工作簿是随 railkpi 附带的示例，用于演示如何对照《“十四五”时期丰台区轨道交通产业发展规划》"
    "和《丰台区轨道交通产业创新发展行动计划（2023-2025年）》（征求意见稿）的目标评估年度数据，"
    "例如：railkpi assess examples/fengtai.xlsx。"
    "数据截至2024年，表示一次中期检查，没有2025年数据。",
    "This workbook is the example bundled with railkpi. It shows how yearly figures are assessed "
    "against the targets of the Fengtai 14th Five-Year Plan for the rail-transit industry and of "
    "the Action Plan 2023-2025 (consultation draft), e.g. railkpi assess examples/fengtai.xlsx. "
    "The data stop at 2024: it is a mid-term check, with no 2025 figures.",
    "",
    "数据来源：“来源”列为“规划原文”的行摘自《“十四五”时期丰台区轨道交通产业发展规划》"
    "（丰政发〔2022〕7号），“备注”列为原文。2020年企业数照原文写作“180余”（不少于180、不足190），"
    "railkpi 保留其范围。",
    "Sources: rows whose 来源 (source) is 规划原文 (plan text) are quoted from the 14th Five-Year "
    "Plan (丰政发〔2022〕7号); the 备注 (note) column holds the quote. The 2020 enterprise count "
    'is written as the text has it, "180余" (180 to under 190), and railkpi keeps those bounds.',
    "",
    "重要：其余所有数字（“来源”列为“示例数据（虚构）”的行）均为演示而虚构，不是官方统计数据，"
    "不得作为丰台区的实际数据引用。虚构数字的选取使评估结果呈现各种状态（已完成、符合进度、"
    "进度偏慢、进度滞后、逆向变化、未完成）。",
    "IMPORTANT: ALL other figures (rows whose 来源 is 示例数据（虚构） / illustrative) are "
    "invented for illustration and are NOT official statistics; do not quote them as Fengtai "
    "figures. They were chosen so that the assessment shows a mix of statuses (achieved, on track, "
    "moderate, off track, regressing, not achieved).",
    "",
    "生成方式：本文件由 python examples/make_fengtai.py 生成，请勿手工修改；修改数据请改脚本后"
    "重新运行。",
    "How it is made: the file is regenerated by python examples/make_fengtai.py; do not edit it "
    "by hand — change the script and run it again.",
    "",
    "企业名录：工作表“企业名录”是虚构的2024年企业名录，共228家企业，企业名称为“示例企业001”至"
    "“示例企业228”，均为虚构，不对应任何真实企业。每家企业一行：序号 | 企业名称 | 年份 | "
    "营业收入（万元） | 细分赛道 | 专精特新 | 来源。railkpi 由该表汇总2024年的企业数量、"
    "收入亿级/十亿级/百亿级以上企业数、五个细分赛道收入和专精特新企业数"
    "（“数据”表不再重复填报这些2024年数值）；"
    "汇总结果与上述虚构序列的2024年数值一致。",
    "Enterprise roster: sheet 企业名录 is an INVENTED roster of 228 firms for 2024, named "
    "示例企业001 to 示例企业228 (\"example firm\"); they are not real companies. One row per "
    "firm: 序号 | 企业名称 | 年份 | 营业收入（万元） | 细分赛道 | 专精特新 | 来源 "
    "(no. | name | year | revenue in 10k CNY | segment | specialised SME | source). "
    "railkpi derives from it the 2024 enterprise count, the counts of firms with revenue of "
    "at least 1亿, 10亿 and 100亿 yuan, the five segment revenues and the number of "
    "specialised SMEs (the 数据 sheet no longer repeats these 2024 figures); the derived "
    "figures equal the invented 2024 figures of those series.",
    "",
    "表格格式（长表）：工作表“数据”第1行为表头 指标 | 年份 | 数值 | 单位 | 来源 | 备注，"
    "每个指标每年一行。“指标”列为规划文件（targets/*.yaml）中的指标编号，如 revenue_total；"
    "“年份”为整数；“数值”为数字，单位见“单位”列。",
    "Layout (long): sheet 数据 has the header row 指标 | 年份 | 数值 | 单位 | 来源 | 备注 "
    "(indicator | year | value | unit | source | note) and one row per indicator and year. "
    "指标 holds the indicator id used in the plan files (targets/*.yaml), e.g. revenue_total; "
    "年份 is an integer year; 数值 is a number in the unit given in 单位 "
    "(亿元 = 100 million yuan).",
]


def data_rows() -> list[tuple[str, int, Value, str, str, str | None]]:
    """All rows of the 数据 sheet, grouped by indicator (first appearance), years ascending."""
    by_indicator: dict[str, list[tuple[str, int, Value, str, str, str | None]]] = {}
    for ind, unit, series, quote in OFFICIAL_ROWS:
        for year, value in series.items():
            by_indicator.setdefault(ind, []).append((ind, year, value, unit, OFFICIAL, quote))
    for ind, unit, series in ILLUSTRATIVE_ROWS:
        for year, value in series.items():
            by_indicator.setdefault(ind, []).append((ind, year, value, unit, ILLUSTRATIVE, None))
    rows: list[tuple[str, int, Value, str, str, str | None]] = []
    for ind_rows in by_indicator.values():
        years = [r[1] for r in ind_rows]
        if len(years) != len(set(years)):
            raise ValueError(f"{ind_rows[0][0]}: a year appears twice")
        rows.extend(sorted(ind_rows, key=lambda r: r[1]))
    return rows


def build() -> Workbook:
    wb = Workbook()
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    top_wrap = Alignment(vertical="top", wrap_text=True)

    ws = wb.active
    assert isinstance(ws, Worksheet)
    ws.title = "数据"
    ws.append(HEADER)
    for cell in ws[1]:
        cell.font = bold
        cell.fill = header_fill
    for row in data_rows():
        ws.append(row)
    for (cell,) in ws.iter_rows(min_row=2, min_col=6, max_col=6):
        cell.alignment = top_wrap
    for col, width in zip("ABCDEF", (34, 8, 12, 8, 40, 70), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions

    roster = wb.create_sheet("企业名录")
    roster.append(ROSTER_HEADER)
    for cell in roster[1]:
        cell.font = bold
        cell.fill = header_fill
    for firm_row in roster_rows():
        roster.append(firm_row)
    for (cell,) in roster.iter_rows(min_row=2, min_col=4, max_col=4):
        cell.number_format = "#,##0.0"
    for col, width in zip("ABCDEFG", (6, 14, 8, 18, 10, 9, 40), strict=True):
        roster.column_dimensions[col].width = width
    roster.freeze_panes = "A2"
    roster.auto_filter.ref = roster.dimensions

    notes = wb.create_sheet("说明")
    notes.column_dimensions["A"].width = 110
    for i, text in enumerate(NOTES, start=1):
        cell = notes.cell(row=i, column=1, value=text or None)
        cell.alignment = top_wrap
        if i <= 2:
            cell.font = Font(bold=True, size=13)

    props = wb.properties
    props.creator = "railkpi examples/make_fengtai.py"
    props.lastModifiedBy = None
    props.title = "railkpi example data: Fengtai rail-transit industry (illustrative)"
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    return wb


def to_bytes(wb: Workbook) -> bytes:
    """Serialise with fixed document times and fixed zip entry times (reproducible bytes).

    openpyxl's Workbook.save() stamps the current time as 'modified', so the writer is called
    directly; the zip is then rewritten with every entry dated FIXED_TIME.
    """
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def main(argv: list[str]) -> int:
    if len(argv) > 2 or (len(argv) == 2 and argv[1] in ("-h", "--help")):
        print(__doc__.splitlines()[2])
        return 0 if len(argv) == 2 else 2
    out = Path(argv[1]) if len(argv) == 2 else Path(__file__).resolve().parent / "fengtai.xlsx"
    data = to_bytes(build())
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(out)
    print(f"wrote {out.name} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
