"""Problems with the JSON reports `railkpi diff` compares."""

from __future__ import annotations

from railkpi.messages import Bilingual

#: A report file read back, and two reports compared.
REPORT_PROBLEMS: dict[str, Bilingual] = {
    "report-too-large": (
        "文件大小为 {size}，超过报告文件的上限 {limit}；如确为 railkpi 的报告，可用 --max-size "
        "提高上限",
        "the file is {size}, over the limit of {limit} for a report; if it is a genuine "
        "railkpi report, raise the limit with --max-size",
    ),
    "report-unreadable": ("无法读取报告文件：{detail}", "cannot read the report: {detail}"),
    "report-bad-json": ("不是有效的 JSON：{detail}", "not valid JSON: {detail}"),
    "report-not-assessment": (
        "不是 railkpi 的评估报告（railkpi assess --format json 的输出）：{detail}",
        "not a railkpi assessment report (the output of railkpi assess --format json): "
        "{detail}",
    ),
    "report-schema-unsupported": (
        "报告格式 {schema} 本版 railkpi 不能读取（可读取：{supported}）；请用写出它的 railkpi "
        "版本比较",
        "this railkpi cannot read report format {schema} (it reads {supported}); compare with "
        "the railkpi version that wrote it",
    ),
    "report-bad-shape": (
        "不符合评估报告的格式（docs/report-format.md）：{detail}{found}",
        "not the shape of an assessment report (docs/report-format.md): {detail}{found}",
    ),
    "report-bad-shape-more": (
        "另有 {count} 处不符合评估报告的格式",
        "{count} more places do not have the shape of an assessment report",
    ),
    "report-schema-mismatch": (
        "两份报告格式不同，不能比较：{old} 为 {old_schema}，{new} 为 {new_schema}；请用同一版"
        "railkpi 重新生成其中一份",
        "the two reports have different formats and cannot be compared: {old} is "
        "{old_schema}, {new} is {new_schema}; write one of them again with the same railkpi",
    ),
    "report-plans-mismatch": (
        "两份报告评估的规划不同，不能比较：{old} 为 {old_plans}，{new} 为 {new_plans}；请用相同"
        "的 --plan 生成两份报告",
        "the two reports assess different plans and cannot be compared: {old} has "
        "{old_plans}, {new} has {new_plans}; write both with the same --plan options",
    ),
}

#: Details of report-bad-json and report-not-assessment.
REPORT_DETAILS: dict[str, Bilingual] = {
    "not-utf8": ("不是 UTF-8 文本（第 {offset} 字节）", "not UTF-8 text (at byte {offset})"),
    "syntax": ("第 {line} 行第 {column} 列有语法错误",
               "syntax error at line {line} column {column}: {message}"),
    "too-deep": ("嵌套层数过多", "nested too deeply"),
    "number": ("数字位数过多", "a number with too many digits ({message})"),
    "duplicate-key": ("键“{key}”重复出现", "the key '{key}' appears twice"),
    "constant": ("含 {found}，JSON 报告中的数都是有限数",
                 "it holds {found}; the numbers of a JSON report are finite"),
    "found": ("，实际为 {found}", ", found {found}"),
    "schema": ("其 schema 为“{schema}”", "its schema is '{schema}'"),
    "no-schema": ("没有 schema 键", "it has no schema key"),
    "refusal": (
        "这是一次未能完成的评估输出的问题列表（{{\"problems\": …}}）",
        "it is the list of problems of an assessment that could not be made "
        "({{\"problems\": …}})",
    ),
}
