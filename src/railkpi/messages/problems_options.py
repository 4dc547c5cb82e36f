"""Problems with options and output files."""

from __future__ import annotations

from railkpi.messages import Bilingual

#: Command-line options and the files railkpi writes.
OPTION_PROBLEMS: dict[str, Bilingual] = {
    "bad-thresholds": (
        "阈值“{found}”无效；应为三个递减的数，如 0.95,0.6,0",
        "thresholds '{found}' are invalid; expected three decreasing numbers such as 0.95,0.6,0",
    ),
    "bad-option": ("{option}：{detail}", "{option}: {detail}"),
    # `railkpi template OUT.xlsx`
    "output-exists": (
        "{path} 已存在，未覆盖（其中可能已填写数据）；请另选文件名，或加 --force 替换",
        "{path} already exists and was not replaced (it may hold figures already filled in); "
        "choose another name, or add --force to replace it",
    ),
    # output files (--junit, …)
    "output-is-input": (
        "{option} 的输出文件 {path} 是本次运行的输入文件（{input}），不能覆盖；请另选文件名",
        "{option} {path} is an input of this run ({input}) and would be overwritten; choose "
        "another file name",
    ),
    "output-not-written": (
        "无法写入 {option} 的输出文件 {path}：{detail}",
        "cannot write the {option} file {path}: {detail}",
    ),
    # --target, --indicator, --group
    "filter-no-match": (
        "{option} “{found}”：所选规划中没有这个{what}{suggestion}（railkpi targets 列出全部目标）",
        "{option} '{found}': no {what} of the chosen plans matches{suggestion} (railkpi targets "
        "lists every target)",
    ),
    "filter-matches-nothing": (
        "{options}：没有同时符合这些条件的目标",
        "{options}: no target matches all of these together",
    ),
    "step-summary-not-written": (
        "无法追加 GitHub 步骤摘要（GITHUB_STEP_SUMMARY={path}）：{detail}",
        "cannot append to the GitHub step summary (GITHUB_STEP_SUMMARY={path}): {detail}",
    ),
}

#: Details of bad-option: what is wrong with an option or argument.
OPTION_DETAILS: dict[str, Bilingual] = {
    "positive": ("计算增长率需要两个正数", "growth rates need positive values"),
    "years": ("“{found}”：应为 起始年-结束年，如 2021-2025（{low}–{high} 之间）",
              "'{found}': expected FIRST-LAST such as 2021-2025 (within {low}-{high})"),
    "no-such-option": ("没有这个选项{suggestion}", "no such option{suggestion}"),
    "did-you-mean": ("；是否要用 {possibilities}？", "; did you mean {possibilities}?"),
    "missing": ("缺少此参数", "missing"),
    "invalid": ("取值“{found}”无效{expected}", "'{found}' is not a valid value{expected}"),
    "invalid-value": ("取值无效{expected}", "not a valid value{expected}"),
    "choices": ("；可选：{choices}", "; expected one of: {choices}"),
    "range": ("；应在 {low}–{high} 之间", "; expected {low}-{high}"),
    "at-least": ("；应不小于 {low}", "; expected at least {low}"),
    "number": ("；应为数字", "; expected a number"),
    "integer": ("；应为整数", "; expected a whole number"),
    "filter-target": ("目标编号", "target id"),
    "filter-indicator": ("指标编号", "indicator id"),
    "filter-group": ("类别编号", "group id"),
    "usage": ("命令行有误；请用 --help 查看用法", "{message}"),
    "needs-data": ("需要同时用 --data 给出数据文件", "needs a workbook given with --data"),
}

#: Operating-system errors (errno names) in Chinese; the English message is the system's own.
OS_ERRORS_ZH: dict[str, str] = {
    "ENOENT": "没有这个文件或目录",
    "EACCES": "没有权限",
    "EPERM": "不允许的操作",
    "EISDIR": "这是一个目录",
    "ENOTDIR": "路径中有一段不是目录",
    "ENOSPC": "磁盘空间不足",
    "EROFS": "只读文件系统",
    "EEXIST": "文件已存在",
    "EMFILE": "打开的文件过多",
    "ENAMETOOLONG": "文件名过长",
    "EBUSY": "文件正被占用",
    "EXDEV": "不能跨设备移动文件",
}
OS_ERROR_OTHER: Bilingual = ("操作系统错误（{name}）", "{message}")
