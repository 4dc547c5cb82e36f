"""Problems with a workbook read against the selected plans: the year assessed, figures that
contradict a plan's own, a workbook with nothing to assess."""

from __future__ import annotations

from railkpi.messages import Bilingual

ASSESSMENT_PROBLEMS: dict[str, Bilingual] = {
    "after-as-of": (
        "{year} 年：{figures}晚于评估年份 {as_of} 年，未纳入评估；如需纳入{them}，请使用 "
        "--as-of {year}",
        "{year}: {figures} after the year assessed, {as_of}, and left out; use --as-of {year} "
        "to include {them}",
    ),
    "contradicts-plan": (
        "{indicator} {year} 年：工作簿为 {found}，而《{plan}》公布的是 {published}（“{quote}”），"
        "两者不符；计算采用工作簿的数值",
        "{indicator} {year}: the workbook has {found} but {plan} publishes {published} "
        "(“{quote}”); the workbook's figure is used",
    ),
    "nothing-to-assess": (
        "工作簿中没有所选规划任何目标的数值（已读取：{sheets}）：是空白模板、选错了工作表还是选错了"
        "文件？没有数据，railkpi 不给出评估结果",
        "the workbook has no figure for any target of the selected plans (read: {sheets}): a "
        "blank template, the wrong sheet or the wrong file? Without data railkpi reports no "
        "assessment",
    ),
}

#: The figures an after-as-of warning lists: one, or several (zh, en), and the pronoun.
AFTER_AS_OF_WORDS: dict[str, Bilingual] = {
    "one": ("1 个数值（{list}）", "1 figure ({list}) is"),
    "many": ("{count} 个数值（{list}）", "{count} figures ({list}) are"),
    "it": ("该数值", "it"),
    "them": ("这些数值", "them"),
    "figure": ("{indicator}，{cell}", "{indicator}, {cell}"),
    "separator": ("；", "; "),
}

#: How nothing-to-assess names the way each sheet was read.
LAYOUT_WORDS: dict[str, Bilingual] = {
    "long": ("长表", "long"),
    "wide": ("宽表", "wide"),
    "roster": ("企业名录", "roster"),
}
