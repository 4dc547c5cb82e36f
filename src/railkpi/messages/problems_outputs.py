"""Problems with what railkpi writes: standard output, output files, several outputs."""

from __future__ import annotations

from railkpi.messages import Bilingual

#: Standard output and the output files.
OUTPUT_PROBLEMS: dict[str, Bilingual] = {
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
