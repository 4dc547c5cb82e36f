"""`railkpi audit`: the wording of findings and of what could not be checked."""

from __future__ import annotations

from railkpi.messages import Bilingual

#: `railkpi audit`: checks on a plan's own figures. Finding messages are keyed by finding code;
#: `unchecked-*` say why a stated figure could not be checked.
AUDIT: dict[str, Bilingual] = {
    "rate-mismatch": (
        "{start} 年 {start_value} → {end} 年 {end_value}，按所印水平值计算年均增速为 {computed}；"
        "规划写作 {stated}，差异超出所印精度（±{tolerance} 个百分点）",
        "{start_value} ({start}) → {end_value} ({end}) is {computed} a year from the levels as "
        "printed; the plan prints {stated}, beyond its printed precision (±{tolerance} points)",
    ),
    "change-mismatch": (
        "{start} 年 {start_value} → {end} 年 {end_value}，增加 {computed}；规划写作 {stated}"
        "（容差 {tolerance}）",
        "{start_value} ({start}) → {end_value} ({end}) is an increase of {computed}; the plan "
        "says {stated} (tolerance {tolerance})",
    ),
    "total-mismatch": (
        "{start}–{end} 年各年水平值合计 {computed}；规划写作累计 {stated}（容差 {tolerance}）",
        "the levels of {start}-{end} add up to {computed}; the plan states a total of {stated} "
        "(tolerance {tolerance})",
    ),
    "increment-vs-total": (
        "{year} 年：目标 {change_target} 为 {baseline_year} 年 {baseline} {change} = {resolved}，"
        "目标 {level_target} 却为 {level}",
        "{year}: target {change_target} gives {baseline} ({baseline_year}) {change} = "
        "{resolved}, but target {level_target} sets {level}",
    ),
    "target-outside-period": (
        "目标 {target} 的年份 {year} 不在规划期 {start}–{end} 内",
        "target {target}: year {year} is outside the plan period {start}-{end}",
    ),
    "conflicting-targets": (
        "两个规划对 {year} 年设定了不同目标：{first}；{second}",
        "two plans set different targets for {year}: {first}; {second}",
    ),
    "conflicting-levels": (
        "公布的 {year} 年数值不能同时成立：{first}，原文“{first_quote_zh}”；{second}，"
        "原文“{second_quote_zh}”",
        "the published {year} figures cannot both be right: {first}, quoted "
        "\"{first_quote_en}\"; {second}, quoted \"{second_quote_en}\"",
    ),
    "unchecked-missing": ("缺少 {years} 年的已公布水平值", "no published level for {years}"),
    "unchecked-inexact": ("{years} 年的水平值不是确数", "no exact published level for {years}"),
    "unchecked-nonpositive": (
        "水平值不为正，年均增速无定义",
        "a level is not positive: the growth rate is undefined",
    ),
    "unchecked-stated_rate": (
        "无法核对的年均增速（{count} 个）", "Stated rates that could not be checked ({count})"
    ),
    "unchecked-stated_change": (
        "无法核对的增量（{count} 个）", "Stated increments that could not be checked ({count})"
    ),
    "unchecked-stated_total": (
        "无法核对的累计值（{count} 个）", "Stated totals that could not be checked ({count})"
    ),
    "unchecked-change_target": (
        "无法与水平目标核对的增量目标（{count} 个）",
        "Increment targets that could not be checked against a level target ({count})",
    ),
    "title": ("规划自身数据核对", "Checks on the plans' own figures"),
    "no-findings": ("未发现不一致。", "No inconsistencies found."),
    "col-code": ("问题", "Check"),
    "col-plan": ("规划", "Plan"),
    "col-indicator": ("指标", "Indicator"),
    "col-stated": ("规划所写", "Stated"),
    "col-computed": ("核算", "Computed"),
    "col-other": ("对照", "Compared with"),
    "col-message": ("说明", "Details"),
}
