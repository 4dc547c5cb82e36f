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
    "step-summary-not-written": (
        "无法追加 GitHub 步骤摘要（GITHUB_STEP_SUMMARY={path}）：{detail}",
        "cannot append to the GitHub step summary (GITHUB_STEP_SUMMARY={path}): {detail}",
    ),
}
