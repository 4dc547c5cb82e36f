"""The Excel gap table: sheets, headers, notes, summary, charts and the method sheet."""

from __future__ import annotations

from railkpi.messages import Bilingual

#: The Excel gap table (`railkpi assess DATA --xlsx FILE`): sheets, headers, notes, summary,
#: charts and method sheet.
XLSX: dict[str, Bilingual] = {
    "sheet-summary": ("汇总", "Summary"),
    "sheet-charts": ("图表", "Charts"),
    "sheet-method": ("方法说明", "Method"),
    "year": ("年份", "Year"),
    "value": ("数值", "Value"),
    "subtitle": (
        "基期 {baseline} 年 · 截至 {as_of} 年 · 规划期 {start}–{end} 年 · 判定阈值 {thresholds}"
        " · 数据文件 {file}",
        "baseline {baseline} · as of {as_of} · plan period {start}-{end} · thresholds "
        "{thresholds} · data file {file}",
    ),
    "notes": ("说明", "Notes"),
    "note-line": ("{target}：{note}", "{target}: {note}"),
    "legend": (
        "状态颜色：绿色 = 已完成、符合进度；黄色 = 进度偏慢；红色 = 进度滞后、逆向变化、未完成；"
        "灰色 = 无法判定、无数据。“≈”：由带限定词的数字（"
        "180余、突破3000、约100）的点值算得的近似值；"
        "“—”：无定义。",
        "Status colours: green = achieved, on track; amber = moderate; red = off track, "
        "regressing, not achieved; grey = undetermined, no data. ≈: computed from the point "
        "value of a qualified figure (180余, 突破3000, 约100); —: not defined.",
    ),
    "linear": (
        "* 增速无定义（零或负值），按线性方法判定：完成进度对照序时进度",
        "* growth rates undefined (zero or negative figures): judged by the linear method, "
        "completion against time elapsed",
    ),
    "bounds": ("{label}：{bounds}", "{label}: {bounds}"),
    "no-bound": ("约数，没有上下界", "approximate, no bound"),
    "from-plan": ("取自规划原文（{where}）", "the plan's own published figure ({where})"),
    "from-roster": ("由企业名录汇总（{where}）", "derived from the enterprise roster ({where})"),
    "footer": ("第 &P 页，共 &N 页", "Page &P of &N"),
    "summary-title": (
        "评估汇总 · 截至 {as_of} 年 · 数据文件 {file}",
        "Assessment summary · as of {as_of} · data file {file}",
    ),
    "summary-counts": ("各规划目标状态", "Targets by status"),
    "summary-plan": ("规划", "Plan"),
    "summary-plan-title": ("规划名称", "Title"),
    "summary-targets": ("目标数", "Targets"),
    "summary-total": ("合计", "Total"),
    "summary-attention": (
        "需关注的目标（进度偏慢及以下、无法判定、无数据）",
        "Targets needing attention (moderate or worse, undetermined, no data)",
    ),
    "summary-none": ("没有需关注的目标。", "No target needs attention."),
    # a target of another year than its plan's last, under the target in the summary
    "summary-target-year": ("{target}\n（{year}年）", "{target}\nby {year}"),
    "summary-steps": (
        "{year}年度目标完成情况（{sources}）", "{year} steps met or missed ({sources})",
    ),
    "summary-with-step": ("有年度目标", "With a step"),
    "charts-title": (
        "实际值与所需路径：自基期按所需年均增速增长至目标",
        "Actual values against the required path: baseline to target at the required growth",
    ),
    "chart-title": ("{plan}：{indicator}（{unit}）目标 {target}",
                    "{plan}: {indicator} ({unit}), target {target}"),
    "chart-actual": ("实际值", "Actual"),
    "chart-path": ("所需路径", "Required path"),
    "charts-none": (
        "所选规划没有需绘图的目标（标记为 chart 的指标的目标，或年均增速目标）。",
        "The chosen plans have no target to chart (on an indicator marked chart, or a growth "
        "target).",
    ),
    "method-title": ("计算方法与本次评估", "Method and this run"),
    "method-run": ("本次评估", "This run"),
    "method-version": ("railkpi 版本", "railkpi version"),
    "method-file": ("输入文件", "Input file"),
    "method-sha256": ("输入文件 SHA-256", "Input file SHA-256"),
    "method-as-of": ("评估截至年份", "Assessed as of"),
    "method-plans": ("规划与判定阈值", "Plans and thresholds"),
    "method-thresholds": (
        "判定阈值（符合进度 / 进度偏慢 / 进度滞后）",
        "Thresholds (on track / moderate / off track)",
    ),
    "method-formulas": ("计算公式", "Formulas"),
    "method-symbols": (
        "t0、x0：基期年份与数值；t、x：最新年份与数值"
        "（不晚于评估年份和目标年）；T、X：目标年与换算为"
        "绝对值的目标（增量：x0 + Δ；倍数：x0 · k；年均增速：x0 · (1 + g)^(T − t0)）；d：越高越好为"
        " +1，越低越好为 −1。",
        "t0, x0: baseline year and figure; t, x: latest year and figure (at or before both the "
        "year assessed and the target year); T, X: target year and the target as an absolute "
        "value (change: x0 + Δ; ratio: x0 · k; growth: x0 · (1 + g)^(T − t0)); d: +1 when "
        "higher is better, −1 when lower is better.",
    ),
    "f-gap": ("d · (X − x)；≤ 0 表示已达到", "d · (X − x); ≤ 0 means met"),
    "f-completion": ("(x − x0) / (X − x0)", "(x − x0) / (X − x0)"),
    "f-time": ("(t − t0) / (T − t0)", "(t − t0) / (T − t0)"),
    "f-actual": ("(x / x0)^(1 / (t − t0)) − 1", "(x / x0)^(1 / (t − t0)) − 1"),
    "f-required": ("(X / x0)^(1 / (T − t0)) − 1", "(X / x0)^(1 / (T − t0)) − 1"),
    "f-required-latest": ("(X / x)^(1 / (T − t)) − 1", "(X / x)^(1 / (T − t)) − 1"),
    "f-growth-ratio-name": ("增速比", "Growth ratio"),
    "f-growth-ratio": (
        "d · 实际年均增速 / |所需年均增速(自基期)|",
        "d · actual CAGR / |required CAGR from the baseline|",
    ),
    "f-projected": ("x · (1 + 实际年均增速)^(T − t)", "x · (1 + actual CAGR)^(T − t)"),
    "f-yoy": ("x / (上年的 x) − 1；上年没有数值或不为正数时无定义",
              "x / (the previous year's x) − 1; undefined without a positive figure the year "
              "before"),
    "f-needed": ("max(差距, 0) / (T − t)；已达到时为 0，t = T 时无定义",
                 "max(gap, 0) / (T − t); 0 once met, undefined when t = T"),
    "method-filter": ("筛选", "Filter"),
    "f-path-name": ("图表中的所需路径", "Required path (charts)"),
    "f-path": ("x0 · (1 + 所需年均增速)^(年份 − t0)", "x0 · (1 + required CAGR)^(year − t0)"),
    "method-statuses": ("状态判定（目标年之前）", "Statuses (before the target year)"),
    "method-rule": ("规则（增速法）", "Rule (growth method)"),
    "method-rule-linear": ("规则（线性方法）", "Rule (linear method)"),
    "rule-achieved": (
        "已达到目标（目标年：达到为已完成，未达到为未完成）",
        "the figure already meets the target (in the target year: met is achieved, missed "
        "is not achieved)",
    ),
    "rule-on_track": ("增速比 ≥ 符合进度阈值", "growth ratio ≥ the on-track threshold"),
    "rule-on_track-linear": ("完成进度 ≥ 序时进度", "completion ≥ time elapsed"),
    "rule-moderate": ("增速比 ≥ 进度偏慢阈值", "growth ratio ≥ the moderate threshold"),
    "rule-moderate-linear": (
        "完成进度 ≥ 进度偏慢阈值 × 序时进度", "completion ≥ moderate threshold × time elapsed"
    ),
    "rule-off_track": ("增速比 ≥ 进度滞后阈值", "growth ratio ≥ the off-track threshold"),
    "rule-off_track-linear": (
        "完成进度 ≥ 进度滞后阈值 × 序时进度", "completion ≥ off-track threshold × time elapsed"
    ),
    "rule-regressing": (
        "增速比低于进度滞后阈值（背离目标）", "growth ratio below the off-track threshold (moving "
        "away from the target)",
    ),
    "rule-regressing-linear": ("完成进度为负", "completion below zero"),
    "rule-not_achieved": (
        "目标年未达到；逐年目标任一年未达到；趋势目标任一年变化方向不符",
        "missed in the target year; each-year target missed in a year; trend target moving "
        "the wrong way in a year",
    ),
    "rule-undetermined": (
        "数字无法判定：带限定词的数字的范围跨越目标，或窗口内缺年",
        "the figures cannot settle it: a qualified figure's bounds straddle the target, or a "
        "year of the window has no figure",
    ),
    "rule-no_data": ("没有可用于判定的数据", "nothing to judge by"),
    "method-display": ("显示约定", "Display"),
    "display-values": (
        "单元格保存未经舍入的数值，与 JSON 报告相同"
        "；显示时金额保留一位小数，个数取整，比率为保留一位"
        "小数的百分数。表中没有公式。",
        "Cells hold unrounded numbers, the same as the JSON report; they display money to one "
        "decimal, counts as integers and rates as percentages to one decimal. The workbook "
        "has no formulas.",
    ),
    "display-qualified": (
        "带限定词的数字（180余、突破3000、约100）：单元格保存其点值，以自定义数字格式显示为 180余、"
        ">3000、≈100，批注给出其范围；由其算得的比率和预计值以“≈”标出（如 ≈8.2%）。",
        "Qualified figures (180余, 突破3000, 约100): the cell holds the point value, a custom "
        "number format shows it as 180余, >3000, ≈100 and a comment gives its bounds; rates "
        "and projections computed from them are marked ≈ (e.g. ≈8.2%).",
    ),
    "display-source": (
        "基期或最新值取自规划原文或由企业名录汇总时，单元格批注说明来源。",
        "A baseline or latest figure taken from the plan's own text or derived from the "
        "enterprise roster has a comment saying so.",
    ),
}
