"""The Word report draft's sections besides the target paragraphs: 总体情况 / Overview, 需关注的
指标 / Targets needing attention and 说明 / Method. Each entry is (zh, en), str.format fields by
name.
"""

from __future__ import annotations

from railkpi.messages import Bilingual

DOCX_OVERVIEW: dict[str, Bilingual] = {
    "counts": ("本规划共设置量化目标{total}项。截至{as_of}年，{counts}。",
               "The plan sets {total} quantified targets. As of {as_of}: {counts}."),
    "counts-filtered": (
        "本报告按筛选条件（{filters}）列出本规划的量化目标{total}项。截至{as_of}年，{counts}。",
        "This report lists {total} of the plan's quantified targets, selected by {filters}. "
        "As of {as_of}: {counts}.",
    ),
    "count": ("{status}{n}项", "{status} {n}"),
    "headline": ("{group}方面，{items}。", "{group}: {items}."),
    "brief": ("{name}{value}", "{name} {value}"),
    "brief-year": ("{name}{value}（{year}年）", "{name} {value} ({year})"),
    "brief-completion": ("，完成进度{completion}", ", completion {completion}"),
    "brief-status": ("，{status}", ", {status}"),
    "brief-none": ("{name}{status}", "{name}: {status}"),
    "attention": ("进度偏慢及以下、无法判定或无数据的指标共{n}项，详见“需关注的指标”。",
                  "{n} targets are moderate or worse, undetermined or without data: see "
                  "Targets needing attention."),
    "all-good": ("各项指标均已完成或符合进度。", "Every target is achieved or on track."),
}

DOCX_ATTENTION: dict[str, Bilingual] = {
    "intro": ("按状态由差到好排列：{order}。", "Worst first: {order}."),
    "order-sep": ("、", ", "),
    "item": ("{n}．{name}（{status}）：{text}", "{n}. {name} ({status}): {text}"),
    "none": ("没有需关注的指标。", "No target needs attention."),
}

DOCX_METHOD: dict[str, Bilingual] = {
    "statuses": ("状态判定", "Statuses"),
    "thresholds": (
        "《{title}》：实际年均增速与所需年均增速（自基期）之比（增速比）不低于{on_track}为符合进度，"
        "不低于{moderate}为进度偏慢，不低于{off_track}为进度滞后，低于{off_track}为逆向变化；"
        "目标年以前已达到目标的为已提前完成，目标年达到的为已完成、未达到的为未完成。",
        "{title}: the ratio of the actual to the required average annual growth (from the "
        "baseline) is on track at {on_track} or more, moderate at {moderate} or more, off track "
        "at {off_track} or more and regressing below {off_track}; a target met before its year "
        "is achieved early, one met in its year achieved, one missed then not achieved.",
    ),
    "linear": (
        "增速无定义（基期值或最新值为零或负数）时按线性方法判定：完成进度不低于序时进度为符合进度，"
        "不低于序时进度的相应倍数为进度偏慢、进度滞后，完成进度为负为逆向变化。逐年目标任一年未达到、"
        "趋势目标任一年变化方向不符即为未完成；数字不足以判定的为无法判定，缺少数据的为无数据。",
        "Where a growth rate is undefined (a zero or negative baseline or latest figure) the "
        "linear method applies: on track when completion is at least the time elapsed, moderate "
        "and off track at the same multiples of it, regressing when completion is negative. An "
        "each-year target missed in any year, or a trend target moving the wrong way in any "
        "year, is not achieved; figures that cannot settle a target make it undetermined, "
        "missing figures no data.",
    ),
    "formulas": ("计算公式", "Formulas"),
    "f-completion": ("完成进度 =（最新值 − 基期值）÷（目标值 − 基期值）。",
                     "Completion = (latest − baseline) ÷ (target − baseline)."),
    "f-time": ("序时进度 =（最新年份 − 基期年份）÷（目标年份 − 基期年份）。",
               "Time elapsed = (latest year − baseline year) ÷ (target year − baseline year)."),
    "f-actual": ("实际年均增速 =（最新值 ÷ 基期值）^〔1 ÷（最新年份 − 基期年份）〕− 1。",
                 "Actual average annual growth = (latest ÷ baseline)^(1 ÷ (latest year − "
                 "baseline year)) − 1."),
    "f-required": ("今后所需年均增速 =（目标值 ÷ 最新值）^〔1 ÷（目标年份 − 最新年份）〕− 1。",
                   "Growth needed a year from now = (target ÷ latest)^(1 ÷ (target year − "
                   "latest year)) − 1."),
    "f-projected": ("预计值 = 最新值 ×（1 + 实际年均增速）^（目标年份 − 最新年份）；"
                    "预计达到目标的年份为按此增速首次达到目标值的年份。",
                    "Projection = latest × (1 + actual average annual growth)^(target year − "
                    "latest year); the year it reaches the target is the first year the "
                    "projection meets it."),
    "f-points": ("与序时进度之差 = 完成进度 − 序时进度，以表中保留一位小数的百分数相减，"
                 "单位为个百分点；差为0.0时表述为“与序时进度持平”。",
                 "The difference from the time elapsed is completion − time elapsed, taken "
                 "from the percentages as printed (one decimal), in percentage points; a "
                 "difference of 0.0 reads \"level with the time elapsed\"."),
    "f-difficulty": (
        "实现难度按今后所需年均增速与实际年均增速之比判断：不超过{within}为“保持目前的增长势头即可"
        "实现”，不超过{some}为“实现有一定难度”，不超过{hard}为“实现难度较大”，超过{hard}或实际增速"
        "不为正为“实现难度很大”；增速无定义时，以今后每年所需增量与已实现的年均增量之比判断。",
        "The difficulty is judged from the ratio of the growth needed a year from now to the "
        "growth achieved a year: up to {within} it is within reach, up to {some} it will take "
        "some effort, up to {hard} it will be difficult, above {hard}, or where the growth "
        "achieved is not positive, very difficult; where growth rates are undefined the yearly "
        "increase needed is compared with the yearly increase achieved.",
    ),
    "display": ("数字表述", "Figures"),
    "d-rounding": (
        "计算使用全精度数值；表述时金额保留一位小数，个数取整，比率为保留一位小数的百分数，"
        "与 Excel 差距表一致。单位为%的指标，其变化以个百分点表述。",
        "Calculations use full precision; figures print as in the Excel gap table: money to "
        "one decimal, counts as integers, rates as percentages to one decimal. Changes in an "
        "indicator measured in % are given in percentage points.",
    ),
    "d-qualified": (
        "带限定词的数字按原文表述（如180余家、超过2600亿元），其增速、完成进度等由点值算得，冠以"
        "“约”；是否达到目标按其范围判断。",
        "Qualified figures are given as the bounds their words set (at least 180 but under "
        "190; more than 2600); rates and completion computed from their point value are "
        "marked \"about\"; whether a target is met is decided by the bounds.",
    ),
    "d-charts": (
        "本报告不含图表：实际值与所需路径的折线图见 Excel 差距表（railkpi assess 数据文件 --xlsx "
        "文件名）的“图表”工作表。",
        "This report has no charts: the line charts of the actual values against the required "
        "path are on the Charts sheet of the Excel gap table (railkpi assess DATA --xlsx FILE).",
    ),
    "d-sources": (
        "方法参照欧盟统计局和联合国统计司比较实际增速与所需增速的方法，以及我国规划中期评估对照序时"
        "进度的做法。",
        "The method follows Eurostat's and the UN Statistics Division's comparison of actual "
        "with required growth, and the convention of Chinese plan mid-term evaluations of "
        "comparing completion with the share of the plan period elapsed.",
    ),
    "run": ("本次评估", "This run"),
    "run-as-of": ("评估截至年份：{as_of}年。", "Assessed as of {as_of}."),
    "run-file": ("数据文件：{file}。", "Data file: {file}."),
    "run-sha256": ("数据文件 SHA-256：{sha256}。", "Data file SHA-256: {sha256}."),
    "run-version": ("生成工具：railkpi {version}。", "Written by railkpi {version}."),
    "run-filter": ("筛选条件：{filters}（本报告只列出符合条件的目标）。",
                   "Filter: {filters} (this report lists only the matching targets)."),
}
