"""Status words, column headers, units and other words the reports share."""

from __future__ import annotations

from railkpi.messages import Bilingual

STATUS: dict[str, Bilingual] = {
    "achieved": ("已完成", "achieved"),
    "on_track": ("符合进度", "on track"),
    "moderate": ("进度偏慢", "moderate"),
    "off_track": ("进度滞后", "off track"),
    "regressing": ("逆向变化", "regressing"),
    "not_achieved": ("未完成", "not achieved"),
    "undetermined": ("无法判定", "undetermined"),
    "no_data": ("无数据", "no data"),
}

#: "achieved" before the target year reads 已提前完成 (completed ahead of time) in Chinese.
STATUS_EARLY_ACHIEVED: Bilingual = ("已提前完成", "achieved early")

COLUMN: dict[str, Bilingual] = {
    "group": ("类别", "Group"),
    "indicator": ("指标", "Indicator"),
    "unit": ("单位", "Unit"),
    "baseline": ("基期", "Baseline"),
    "latest": ("最新", "Latest"),
    "target": ("目标", "Target"),
    "target_year": ("目标年", "Target year"),
    "gap": ("差距", "Gap"),
    "completion": ("完成进度", "Completion"),
    "time_elapsed": ("序时进度", "Time elapsed"),
    "actual_cagr": ("实际年均增速", "Actual CAGR"),
    "required_cagr": ("所需年均增速(自基期)", "Required CAGR (from baseline)"),
    "required_cagr_from_latest": ("今后所需年均增速", "Required CAGR from now"),
    "projected": ("预计目标年值", "Projected"),
    "status": ("状态", "Status"),
    "quote": ("依据原文", "Plan wording"),
    "kind": ("类型", "Kind"),
    "id": ("编号", "Id"),
    "name": ("名称", "Name"),
    "period": ("规划期", "Period"),
    "baseline_year": ("基期年", "Baseline year"),
    "targets": ("目标数", "Targets"),
    "document": ("文号", "Document"),
    "source": ("来源", "Source"),
    "years": ("年份", "Year(s)"),
    "figure": ("数值", "Figure"),
    "where": ("位置", "Entry"),
    "milestones": ("年度目标", "Annual steps"),
    "yoy_growth": ("同比增长", "YoY growth"),
    "needed_per_year": ("今后每年还需", "Still needed per year"),
    "change": ("较上年", "Change since last year"),
    "names": ("可用名称", "Accepted names"),
}

#: English labels of the units the bundled plans use; other units print as written.
UNIT_EN: dict[str, str] = {
    "亿元": "100M CNY",
    "万元": "10k CNY",
    "元": "CNY",
    "家": "firms",
    "人": "persons",
    "个": "units",
    "项": "items",
    "次": "times",
    "件": "pieces",
    "件/人": "per person",
    "条": "lines",
    "支": "funds",
    "%": "%",
}

TEXT: dict[str, Bilingual] = {
    "notes": ("说明", "Notes"),
    "source_data": ("数据", "data"),
    "source_roster": ("企业名录", "roster"),
    "each_year": ("每年{target}", "{target}/yr"),
    "per_year": ("年", "yr"),
    "rising": ("逐年上升", "rises yearly"),
    "falling": ("逐年下降", "falls yearly"),
    # a ratio target says what it is a multiple of: ≥×2 vs 2020
    "base_year": ("{target}（较{year}年）", "{target} vs {year}"),
    "base_year_apart": ("{target}\n（较{year}年）", "{target}\nvs {year}"),
    # an indicator whose figures cover part of the plan's area (口径): 企业数量［丰台园］
    "scoped_name": ("{name}［{scope}］", "{name} [{scope}]"),
    "published": ("规划公布的数据", "Figures the plan publishes"),
    "total": ("累计{value}", "{value} in total"),
    "valid": (
        "{file}：{count} 条观测值，可用于评估。",
        "{file}: {count} observations, ready to assess.",
    ),
    "valid-empty": (
        "{file}：格式正确，但还没有任何数值（空白模板？）；填入数值后才能评估。",
        "{file}: well-formed, but it has no figures yet (a blank template?); fill them in to "
        "assess.",
    ),
    "cagr_result": (
        "年均增速 {rate}（保留一位小数 {rounded}）",
        "{rate} a year ({rounded} at one decimal)",
    ),
    "required_result": (
        "所需年均增速 {rate}（保留一位小数 {rounded}）",
        "{rate} a year required ({rounded} at one decimal)",
    ),
}
