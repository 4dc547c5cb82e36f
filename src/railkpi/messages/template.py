"""`railkpi template OUT.xlsx`: the blank input workbook and its instructions."""

from __future__ import annotations

from railkpi.messages import Bilingual

#: `railkpi template OUT.xlsx`: the blank input workbook.
TEMPLATE: dict[str, Bilingual] = {
    "sheet-data": ("数据", "data"),
    "sheet-roster": ("企业名录", "enterprises"),
    "sheet-instructions": ("说明", "instructions"),
    "indicator": ("指标", "indicator"),
    "name-zh": ("中文名称", "Chinese name"),
    "name-en": ("英文名称", "English name"),
    "unit": ("单位", "unit"),
    "source": ("来源", "source"),
    "note": ("备注", "note"),
    "firm": ("企业名称", "enterprise name"),
    "year": ("年份", "year"),
    "revenue": ("营业收入（万元）", "revenue (10k CNY)"),
    "segment": ("细分赛道", "segment"),
    "flags": ("是,否", "yes,no"),
    "prompt-title": ("填写数值", "Figure"),
    "prompt": (
        "填数字，如 2364.9；或照官方口径写限定词：180余、突破3000、约100、50以上。空白表示未报送，"
        "不是 0。单位见“单位”列。",
        "A number such as 2364.9, or a qualified figure as officially written: 180余, "
        "突破3000, 约100, 50以上. Blank means not reported, not zero. Unit: see the unit column.",
    ),
    "error-title": ("数值无效", "Invalid figure"),
    "error-negative": (
        "该指标不能为负数。可填数字或带限定词的数字（180余、突破3000）。",
        "This indicator cannot be negative. Enter a number or a qualified figure (180余, "
        "突破3000).",
    ),
    "prompt-firm": ("企业名称", "Enterprise"),
    # The roster's input message: the segment and flag parts only where the plans have them.
    "prompt-roster": (
        "每家企业每年一行。营业收入以万元填写{segment}{flags}。",
        "One row per firm and year. Revenue in 10k CNY{segment}{flags}.",
    ),
    "prompt-segment": ("；赛道从下拉列表选择", "; pick the segment from the list"),
    "prompt-flag": ("；{flag}填 是 或 否", "; {flag}: yes or no"),
    "error-year": ("年份应为 {low}–{high} 之间的 4 位数。", "A year is four digits, {low}-{high}."),
    "error-revenue": ("营业收入应为 0 或正数（万元）。", "Revenue is zero or more, in 10k CNY."),
    "error-list": ("请从下拉列表中选择。", "Pick a value from the list."),
    "written": (
        "已写入数据模板：{path}（{indicators} 个指标，{first}–{last} 年）",
        "template written: {path} ({indicators} indicators, {first}-{last})",
    ),
    # The instructions sheet: every paragraph in both languages, Chinese first.
    "i-title": ("railkpi 数据填报模板", "railkpi data template"),
    "i-plans": (
        "本工作簿由 railkpi template 生成，适用于以下规划：{plans}。年份：{first}–{last} 年。",
        "Made by railkpi template for these plans: {plans}. Years: {first}-{last}.",
    ),
    "i-data": (
        "“{data}”表：每行一个指标，每列一个年份。第一列“{indicator}”是指标编号，请勿修改；"
        "“{name_zh}”“{name_en}”两列供阅读。可以增加年份列（如 2026），不要改动表头和工作表名称。",
        "The '{data}' sheet: one row per indicator, one column per year. The first column "
        "('{indicator}') is the indicator id: do not change it; the '{name_zh}' and "
        "'{name_en}' columns are for reading. Year columns may be added (e.g. 2026); keep the "
        "headers and the sheet names.",
    ),
    "i-values": (
        "数值：填数字（2364.9、2,364.9、全角数字均可）；官方口径带限定词的照写：180余、突破3000、"
        "超过240、约100、50以上，railkpi 会保留其"
        "范围。空白表示该年未报送，不是 0，请勿以 0 代替空白。",
        "Figures: numbers (2364.9, 2,364.9 and full-width digits all work); a figure officially "
        "written with a qualifier is entered as written (180余, 突破3000, 超过240, 约100, "
        "50以上) and railkpi keeps its bounds. A blank cell is a figure not reported, not zero: "
        "never enter 0 for a blank.",
    ),
    "i-units": (
        "单位：金额指标为亿元；如按万元或元填报，把该行“{unit}"
        "”改为 万元 或 元，railkpi 会精确换算。"
        "其他指标的单位不能更改。百分比指标填百分数（75.8 或 75.8%）。",
        "Units: money indicators are in 亿元 (100M CNY); to enter a row in 万元 or 元, change "
        "its '{unit}' cell to 万元 or 元 and railkpi converts exactly. Other units cannot be "
        "changed. Percentages are entered as percent (75.8 or 75.8%).",
    ),
    # The roster paragraph lists the columns and the figures of the plans' roster sections.
    "i-roster": (
        "“{roster}”表（可选）：每家企业每年一行，填{columns}。railkpi 由此汇总{derived}。"
        "“{data}”表直接填报的数字优先，二者不一致时给出警告。不用时留空即可。",
        "The '{roster}' sheet (optional): one row per firm and year with its {columns}. "
        "railkpi derives from it {derived}. A figure entered in the '{data}' sheet wins; a "
        "disagreement is a warning. Leave it empty if unused.",
    ),
    "and": ("和", " and "),
    "list": ("、", ", "),
    "i-roster-name": ("企业名称", "name"),
    "i-roster-year": ("年份", "year"),
    "i-roster-revenue": ("营业收入（万元）", "revenue (10k CNY)"),
    "i-roster-segment": ("细分赛道（下拉选择）", "segment (from the list)"),
    "i-roster-flag": ("是否{flag}（是/否）", "whether it is a {flag} (yes/no)"),
    "i-derived-count": ("企业数量", "the enterprise count"),
    "i-derived-tiers": ("按收入分档的企业数（{tiers}）", "the counts by revenue tier ({tiers})"),
    "i-tiers": ("{tiers}元", "≥ {tiers} 亿元"),
    "i-tier": ("≥{n}亿", "{n}"),
    "i-derived-segments": ("各赛道收入", "the revenue of each segment"),
    "i-derived-flag": ("{flag}企业数", "the number of {flag}s"),
    "i-derived-none": ("（所选规划没有由企业名录汇总的指标）",
                       "nothing for the chosen plans"),
    "i-source": (
        "“{source}”“{note}”列可记录数据来源和说明，railkpi 不据此计算。",
        "The '{source}' and '{note}' columns record where a figure comes from; railkpi does "
        "not calculate with them.",
    ),
    "i-run": (
        "填好后检查和评估：{validate}；{assess}。所有问题会连同工作表和单元格位置一起列出。",
        "Then check and assess: {validate}; {assess}. Every problem is listed with its sheet "
        "and cell.",
    ),
}
