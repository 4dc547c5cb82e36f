"""Why a value of a plan file is refused: the details of `plan-invalid`, in both languages.

The first group are railkpi's own checks (the plan models raise them by key); the second
translates pydantic's checks of types and constraints, whose English details are pydantic's
own words. Fields in braces are the error's context.
"""

from __future__ import annotations

from railkpi.messages import Bilingual

#: railkpi's own checks of plan values: key → (zh, en).
PLAN_CHECKS: dict[str, Bilingual] = {
    "thresholds-order": ("判定阈值须满足 on_track ≥ moderate ≥ off_track",
                         "thresholds must satisfy on_track ≥ moderate ≥ off_track"),
    "year-range": ("年份 {year} 不在 {low}–{high} 之间", "year {year} is outside {low}-{high}"),
    "step-year": ("年度目标的键应为年份，如 2023",
                  "a key of milestones must be a year such as 2023"),
    "period-reversed": ("规划期起始年（{start}）晚于结束年（{end}）",
                        "period starts ({start}) after it ends ({end})"),
    "baseline-after-period": ("基期年 {baseline} 晚于规划期 {start}–{end}",
                              "baseline_year {baseline} is after the period {start}-{end}"),
    "figure": ("应为数字或带限定词的数字，如 180余、突破3000、约100",
               "expected a number or a qualified figure such as 180余, 突破3000, 约100"),
    "finite": ("应为有限数", "expected a finite number"),
    "percent": ("应为规划原文中的百分数，如 \"16.3%\"，或小数，如 0.163",
                'expected a percentage as the plan prints it, such as "16.3%", or a fraction '
                "such as 0.163"),
    "finite-percent": ("应为有限的百分数", "expected a finite percentage"),
    "years-order": ("年份 {first}–{second}：前一年应早于后一年",
                    "years {first}-{second}: the first must be earlier"),
    "years-reversed": ("年份 {first}–{second} 前后颠倒", "years {first}-{second} are reversed"),
    "range-needs-both": ("带区间的 {kind} 目标需要同时给出 min 和 max",
                         "a {kind} target with a range needs both min and max"),
    "range-reversed": ("min（{min}）大于 max（{max}）", "min ({min}) is greater than max ({max})"),
    "range-no-op": ("带 min/max 的 {kind} 目标不使用 op 或 value",
                    "a {kind} target with min/max takes no op or value"),
    "trend-fields": ("trend 目标不使用 op、value、min 或 max（请用 direction）",
                     "a trend target takes no op, value, min or max (use direction)"),
    "needs-op": ("{kind} 目标需要 op 和 value", "a {kind} target needs op and value"),
    "no-range": ("{kind} 目标不使用 min 或 max", "a {kind} target takes no min or max"),
    "years-each-year-only": ("years（窗口）只用于 each_year 目标",
                             "years (a window) applies only to each_year targets"),
    "direction-trend-only": ("direction 只用于 trend 目标",
                             "direction applies only to trend targets"),
    "no-baseline-year": ("{kind} 目标不使用 baseline_year",
                         "a {kind} target does not use a baseline_year"),
    "window-reversed": ("窗口年份 {first}–{second} 前后颠倒",
                        "years window {first}-{second} is reversed"),
}

#: pydantic's checks, by error type: the Chinese wording (the English is pydantic's message).
PYDANTIC_ZH: dict[str, str] = {
    "missing": "缺少必填项",
    "extra_forbidden": "未知的键（是否拼写有误？）",
    "literal_error": "应为以下之一：{expected}",
    "enum": "应为以下之一：{expected}",
    "string_type": "应为文本",
    "string_too_short": "不能为空",
    "string_pattern_mismatch": "格式不符，应符合 {pattern}",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数，不带小数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "finite_number": "应为有限数",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "dict_type": "应为映射（键: 值）",
    "model_type": "应为映射（键: 值）",
    "model_attributes_type": "应为映射（键: 值）",
    "list_type": "应为列表",
    "tuple_type": "应为列表",
    "too_short": "至少应有 {min_length} 项，实际 {actual_length} 项",
    "too_long": "至多应有 {max_length} 项，实际 {actual_length} 项",
    "greater_than": "应大于 {gt}",
    "greater_than_equal": "应不小于 {ge}",
    "less_than": "应小于 {lt}",
    "less_than_equal": "应不大于 {le}",
    "date_type": "应为日期，如 2022-02-21",
    "date_parsing": "应为日期，如 2022-02-21",
    "date_from_datetime_parsing": "应为日期，如 2022-02-21",
    "date_from_datetime_inexact": "应为日期，不带时刻",
}

#: A pydantic check not listed above (its English detail is pydantic's).
PYDANTIC_OTHER: Bilingual = ("取值不符合要求（{type}）", "{message}")
