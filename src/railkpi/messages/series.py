"""Wording of the series: the change since last year, year-on-year figures, filters, the
timeline sheet of the Excel gap table, and `railkpi diff`."""

from __future__ import annotations

from railkpi.messages import Bilingual

#: The change mark and words, the columns and lines of the series in the people's outputs.
SERIES: dict[str, Bilingual] = {
    "col-change": ("较上年", "Chg"),
    "col-yoy": ("同比", "YoY"),
    "col-needed-per-year": ("每年还需", "Still/yr"),
    # The change mark reads without colour: an arrow, an equals sign, a word.
    "mark-improved": ("↑", "↑"),
    "mark-worsened": ("↓", "↓"),
    "mark-unchanged": ("=", "="),
    "mark-new": ("新", "new"),
    "change-improved": ("好转", "improved"),
    "change-worsened": ("变差", "worsened"),
    "change-unchanged": ("持平", "unchanged"),
    "change-new": ("新判定", "new"),
    "worsened-one": ("较 {year} 年变差 1 项：{items}", "1 target worsened since {year}: {items}"),
    "worsened-many": ("较 {year} 年变差 {count} 项：{items}",
                      "{count} targets worsened since {year}: {items}"),
    "improved-one": ("较 {year} 年好转 1 项：{items}", "1 target improved since {year}: {items}"),
    "improved-many": ("较 {year} 年好转 {count} 项：{items}",
                      "{count} targets improved since {year}: {items}"),
    "no-change": ("较 {year} 年没有目标好转或变差", "no target improved or worsened since {year}"),
    "item": ("{name}（{target}）{old} → {new}", "{name} ({target}) {old} → {new}"),
    "separator": ("；", "; "),
    "fail-on-worse": ("因 --fail-on-worse 退出（状态 1）：{lines}",
                      "exit status 1 (--fail-on-worse): {lines}"),
    "filter-line": ("筛选：{filters}（只显示符合条件的 {count} 项目标）",
                    "Filtered: {filters} (only the {count} matching targets are shown)"),
    "filter-template": ("筛选：{filters}（只含符合条件的目标所需的指标）",
                        "Filtered: {filters} (only the indicators the matching targets need)"),
    "filter-target": ("目标 {patterns}", "target {patterns}"),
    "filter-indicator": ("指标 {patterns}", "indicator {patterns}"),
    "filter-group": ("类别 {patterns}", "group {patterns}"),
}

#: The timeline sheet of the Excel gap table.
TIMELINE_XLSX: dict[str, Bilingual] = {
    "sheet": ("历年状态", "Timeline"),
    "title": (
        "各目标历年状态 · 截至 {as_of} 年 · 数据文件 {file}",
        "Status of each target by year · as of {as_of} · data file {file}",
    ),
    "subtitle": (
        "每一年的状态：按同一方法和阈值，用截至该年的数据判定（今日所见数据，已修订者按修订后）。"
        "最后一列为较上年的变化。",
        "The status each year: the same method and thresholds, on the figures up to that year "
        "(as known today, revisions included). The last column is the change since the year "
        "before.",
    ),
    "indicator": ("指标", "Indicator"),
    "target": ("目标", "Target"),
    "change": ("较上年", "Change"),
    "not-in-timeline": ("基期", "baseline"),
    "legend": (
        "颜色与各规划表的状态列相同：绿色 = 已完成、符合进度；黄色 = 进度偏慢；红色 = 进度滞后、"
        "逆向变化、未完成；灰色 = 无法判定、无数据。较上年：↑ 好转，↓ 变差，= 持平，新 = 新判定"
        "（上年无状态，或状态由可排序变为无法判定、无数据，或反之）。",
        "Colours as in the plan sheets' status column: green = achieved, on track; amber = "
        "moderate; red = off track, regressing, not achieved; grey = undetermined, no data. "
        "Change: ↑ improved, ↓ worsened, = unchanged, new = no status the year before, or a "
        "status that cannot be ranked (undetermined, no data) appeared or disappeared.",
    ),
}

#: `railkpi diff OLD.json NEW.json`.
DIFF: dict[str, Bilingual] = {
    "title": ("报告比较：{old}（截至 {old_as_of} 年）→ {new}（截至 {new_as_of} 年）",
              "Report comparison: {old} (as of {old_as_of}) → {new} (as of {new_as_of})"),
    "status-changes": ("状态变化", "Status changes"),
    "unchanged": ("另有 {count} 项目标状态相同", "{count} other targets kept their status"),
    "no-status-changes": ("没有目标的状态变化", "No target changed status"),
    "added": ("新增的目标", "Targets added"),
    "removed": ("删除的目标", "Targets removed"),
    "revisions": ("修订的数据", "Revised figures"),
    "no-revisions": ("没有修订的数据", "No figure was revised"),
    "unchecked": (
        "{plans}：有一份报告未列出所用数据（由较早的 railkpi 写出），未核对数据修订",
        "{plans}: one of the reports does not list its figures (written by an earlier "
        "railkpi): revisions were not checked",
    ),
    "swapped": ("注意：{new} 的评估年份早于 {old}，两个文件是否颠倒了？",
                "Note: {new} is assessed as of an earlier year than {old}; are the files "
                "swapped?"),
    "col-plan": ("规划", "Plan"),
    "col-target": ("目标编号", "Target"),
    "col-indicator": ("指标", "Indicator"),
    "col-old": ("原状态", "Old status"),
    "col-new": ("现状态", "New status"),
    "col-change": ("变化", "Change"),
    "col-status": ("状态", "Status"),
    "col-year": ("年份", "Year"),
    "col-kind": ("类型", "Kind"),
    "col-old-value": ("原数值", "Old value"),
    "col-old-source": ("原来源", "Old source"),
    "col-new-value": ("现数值", "New value"),
    "col-new-source": ("现来源", "New source"),
    "col-plans": ("所涉规划", "Plans"),
    "section-status": ("状态变化", "status change"),
    "section-added": ("新增目标", "target added"),
    "section-removed": ("删除目标", "target removed"),
    "section-revision": ("数据修订", "revised figure"),
    "kind-revised": ("修订", "revised"),
    "kind-withdrawn": ("撤回", "withdrawn"),
    "kind-added": ("补报", "added late"),
    "source-data": ("数据", "data"),
    "source-plan": ("规划原文", "plan text"),
    "source-roster": ("企业名录", "roster"),
    "fail-on-revision": ("因 --fail-on-revision 退出（状态 1）：{count} 个数据有修订",
                         "exit status 1 (--fail-on-revision): {count} figures revised"),
    "fail-on-worse": ("因 --fail-on-worse 退出（状态 1）：{count} 项目标状态变差",
                      "exit status 1 (--fail-on-worse): {count} targets worsened"),
}
