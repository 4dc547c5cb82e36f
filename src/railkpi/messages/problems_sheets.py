"""Problems in a workbook's sheets and cells: headers, indicators, years, numbers, units."""

from __future__ import annotations

from railkpi.messages import Bilingual

#: Sheets, headers and cells of the data sheets.
SHEET_PROBLEMS: dict[str, Bilingual] = {
    "missing-indicator": (
        "该行有数值但指标为空",
        "this row has figures but no indicator",
    ),
    "unknown-indicator": (
        "未知指标“{found}”；应为所选规划中的指标编号、中文名、英文名或别名{hint}",
        "unknown indicator '{found}'; expected an indicator id, Chinese or English name or alias "
        "of the selected plans{hint}",
    ),
    "ambiguous-indicator": (
        "指标“{found}”可对应多个指标：{candidates}；请改用指标编号",
        "indicator '{found}' could be any of {candidates}; use the indicator id",
    ),
    "bad-year": (
        "年份“{found}”无法识别；应为 4 位年份，如 2023 或 2023年",
        "year '{found}' is not a year; expected four digits such as 2023 or 2023年",
    ),
    "missing-year": ("该行有数值但年份为空", "this row has a value but no year"),
    "year-out-of-range": (
        "年份 {found} 超出合理范围；应在 {low}–{high} 之间",
        "year {found} is out of range; expected {low}-{high}",
    ),
    "bad-number": (
        "“{found}”不是数值；应为数字，如 2364.9、2,364.9、2 364.9 或 ２３６４．９（空格和逗号只能"
        "分隔三位一组的数字）",
        "'{found}' is not a number; expected a number such as 2364.9, 2,364.9, 2 364.9 or "
        "２３６４．９ (spaces and commas only between groups of three digits)",
    ),
    "not-finite": ("数值 {found} 不是有限数", "{found} is not a finite number"),
    "negative-value": (
        "{indicator} 不能为负数，实际为 {found}",
        "{indicator} cannot be negative; found {found}",
    ),
    "unexpected-percent": (
        "“{found}”是百分数，但 {indicator} 的单位是 {unit}",
        "'{found}' is a percentage but {indicator} is measured in {unit}",
    ),
    "unit-mismatch": (
        "单位“{found}”与指标 {indicator} 的单位不符；应为 {expected}",
        "unit '{found}' does not match indicator {indicator}; expected {expected}",
    ),
    "unknown-unit": (
        "未知单位“{found}”；{indicator} 的单位应为 {expected}（金额可用 元、万元、亿元、千亿元）",
        "unknown unit '{found}'; {indicator} is measured in {expected} (money may be given in "
        "元, 万元, 亿元 or 千亿元)",
    ),
    "wrong-unit-kind": (
        "单位“{found}”与 {indicator} 的计量类别不符；应为 {expected}",
        "unit '{found}' is the wrong kind for {indicator}; expected {expected}",
    ),
    "roster-conflict": (
        "{indicator} {year} 年：直接填报 {reported}，企业名录汇总为 {derived}（{roster}）；"
        "采用直接填报值",
        "{indicator} {year}: reported {reported} here, the roster gives {derived} ({roster}); "
        "the reported figure is used",
    ),
}
