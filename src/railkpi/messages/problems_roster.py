"""Problems in an enterprise roster sheet (企业名录)."""

from __future__ import annotations

from railkpi.messages import Bilingual

#: The enterprise roster and the figures derived from it.
ROSTER_PROBLEMS: dict[str, Bilingual] = {
    "roster-no-year-column": (
        "企业名录“{sheet}”的表头缺少年份列；应有“年份 / year”列，每家企业每年一行",
        "roster sheet '{sheet}' has no year column; expected a 年份 / year column, one row per "
        "firm and year",
    ),
    "roster-no-unit": (
        "收入列“{header}”没有单位；应在表头注明（如 营业收入（万元））或增加“单位”列"
        "（不猜测是万元还是亿元）",
        "the revenue column '{header}' has no unit; expected it in the header (e.g. "
        "营业收入（万元）, revenue (10k CNY)) or a unit column (railkpi does not guess "
        "万元 or 亿元)",
    ),
    "roster-missing-unit": (
        "企业“{name}”的收入为 {found}，但单位为空；应为金额单位，如 万元 或 亿元",
        "firm '{name}' has revenue {found} but no unit; expected a money unit such as 万元 or 亿元",
    ),
    "roster-total-row": (
        "“{name}”是合计（小计）行，不是企业，已略去：railkpi 自行汇总各企业；如确有此企业，"
        "请写出其全称",
        "'{name}' is a total (or subtotal) row, not a firm, and was left out: railkpi adds up "
        "the firms itself; if it is a firm, write its full name",
    ),
    "roster-blank-name": (
        "该行有数据但企业名称为空；应填写企业名称",
        "this row has data but no firm name; expected the firm's name",
    ),
    "roster-missing-year": (
        "企业“{name}”的年份为空；应为 4 位年份，如 2024",
        "firm '{name}' has no year; expected four digits such as 2024",
    ),
    "roster-negative-revenue": (
        "企业“{name}”的收入为负数（{found}）；应为 0 或正数",
        "firm '{name}' has a negative revenue ({found}); expected zero or more",
    ),
    "roster-missing-revenue": (
        "企业“{name}” {year} 年收入为空：该企业仍计入企业数，但该年按收入分档的企业数及其所属赛道"
        "收入只能给出下限（“以上”）",
        "firm '{name}' has no revenue for {year}: it still counts as an enterprise, but that "
        "year's counts by revenue tier and its segment's revenue are only lower bounds",
    ),
    "roster-unknown-segment": (
        "未知赛道“{found}”；应为以下之一：{expected}",
        "unknown segment '{found}'; expected one of: {expected}",
    ),
    "roster-missing-segment": (
        "企业“{name}”的赛道为空（其收入将不计入任何赛道）；应为以下之一：{expected}",
        "firm '{name}' has no segment (its revenue would drop out of every segment total); "
        "expected one of: {expected}",
    ),
    "roster-bad-flag": (
        "“{flag}”列的值“{found}”无法识别；应为 {expected}（空白视为否）",
        "'{found}' in the {flag} column is not a yes/no value; expected {expected} (blank means "
        "no)",
    ),
    "roster-duplicate-code": (
        "统一社会信用代码 {credit_code} 在 {year} 年出现两次：此处（“{name}”）与 {other}"
        "（“{other_name}”）；"
        "同一代码是同一家企业，计两次会多算一家企业及其营业收入。请只保留一行，或更正代码",
        "the credit code {credit_code} is listed twice for {year}: here ('{name}') and at {other} "
        "('{other_name}'); one code is one firm, and counted twice it would add a firm and its "
        "revenue that are not there. Keep one row, or correct the code",
    ),
    "roster-duplicate": (
        "企业“{name}” {year} 年出现两次：此处与 {other}；每家企业每年只应有一行",
        "firm '{name}' is listed twice for {year}: here and at {other}; expected one row per "
        "firm and year",
    ),
    "duplicate-conflict": (
        "{indicator} {year} 年出现两个不同数值：{value}（此处）与 {other_value}（{other}）",
        "{indicator} {year} has two different values: {value} here and {other_value} at {other}",
    ),
    "duplicate-same": (
        "{indicator} {year} 年数值重复（另见 {other}），数值相同，已合并",
        "{indicator} {year} is given twice (also {other}) with the same value",
    ),
}

#: The yes/no values a roster flag column takes, as a problem lists them. (Chinese output
#: lists the values that are not English words; the reader takes yes/no and true/false too.)
ACCEPTED_FLAGS: Bilingual = ("是/否、Y/N、1/0、√/×、✓/✗",
                             "是/否, Y/N, yes/no, true/false, 1/0, √/×, ✓/✗")

#: Where a derived figure comes from: the roster sheets and the number of firms listed — the
#: `where` of the figure in every report and language (the JSON report's contract).
DERIVED_FROM = "{sheets} ({firms} firms)"
