"""Problems with the environment a run meets: files it cannot open, standard output, the
output files."""

from __future__ import annotations

from railkpi.messages import Bilingual

#: Files that cannot be opened, standard output and the output files.
ENVIRONMENT_PROBLEMS: dict[str, Bilingual] = {
    "file-unreadable": (
        "无法读取 {path}：{detail}",
        "cannot read {path}: {detail}",
    ),
    "plan-control-character": (
        "第 {line} 行第 {column} 列：含控制字符 {character}（如 YAML 转义 \\x01、\\e 写入的"
        "字符）：这类字符会破坏输出文件或操控终端，规划文件中不允许；请删去",
        "line {line}, column {column}: holds the control character {character} (as a YAML "
        "escape such as \\x01 or \\e writes): such characters corrupt output files or drive "
        "terminals and are not allowed in a plan file; delete it",
    ),
    "text-control-character": (
        "单元格文字含控制字符 {character}，已替换为 �（这类字符会破坏输出文件或操控终端）",
        "the cell's text holds the control character {character}, replaced with � (such "
        "characters corrupt output files or drive terminals)",
    ),
    "text-control-character-more": (
        "另有 {count} 个单元格的文字含控制字符，均已替换为 �",
        "{count} more cells hold control characters, each replaced with �",
    ),
    "sheet-name-control-character": (
        "工作表名称含控制字符 {character}，已替换为 �",
        "the sheet's name holds the control character {character}, replaced with �",
    ),
    "plan-unreadable": (
        "无法读取规划文件 {path}：{detail}",
        "cannot read the plan file {path}: {detail}",
    ),
    "stdout-closed": (
        "标准输出已关闭（如 >&-），报告无处可写；未做任何处理",
        "standard output is closed (as by >&-): the report has nowhere to go, and nothing "
        "was done",
    ),
    "stdout-not-written": (
        "无法写入标准输出：{detail}；报告不完整",
        "cannot write to standard output: {detail}; the report is incomplete",
    ),
    "output-empty-name": (
        "{option} 的文件名为空；请给出要写入的文件名",
        "{option} was given an empty file name; give the name of the file to write",
    ),
    "output-is-directory": (
        "{option} 的输出 {path} 是一个目录；请给出目录中的文件名，如 {path}/report",
        "{option} {path} is a directory; give a file name in it, e.g. {path}/report",
    ),
    "output-not-a-file": (
        "{option} 的输出 {path} 既不是普通文件，也不是字符设备或命名管道（如块设备或套接字），"
        "railkpi 不写入这类文件",
        "{option} {path} is neither a regular file nor a character device or named pipe (a "
        "block device or a socket, say); railkpi does not write to such files",
    ),
    "output-link-loop": (
        "{option} 的输出 {path} 处于符号链接循环中（链接最终又指回自身），无法确定要写入的文件",
        "{option} {path} is in a loop of symbolic links (they lead back to themselves): there "
        "is no file to write",
    ),
    "outputs-same-file": (
        "{option} {path} 与 {other} {other_path} 是同一个文件：两份输出会互相覆盖；请分别指定"
        "不同的文件，未写入任何输出",
        "{option} {path} and {other} {other_path} are the same file: one output would "
        "overwrite the other; give each its own file. Nothing was written",
    ),
}
