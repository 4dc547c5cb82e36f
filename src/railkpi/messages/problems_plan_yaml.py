"""Problems in a plan file's YAML itself: syntax, size, aliases, tags, ambiguity."""

from __future__ import annotations

from railkpi.messages import Bilingual

#: The YAML of a plan file, as railkpi's own reader finds it.
PLAN_YAML_PROBLEMS: dict[str, Bilingual] = {
    "plan-too-large": (
        "文件大小为 {size} 字节（{size_mib} MiB），超过规划文件的上限 {limit} 字节"
        "（{limit_mib} MiB），未读取；规划文件通常只有几十 KiB，请确认是否选错了文件",
        "the file is {size} bytes ({size_mib} MiB), over the {limit} bytes ({limit_mib} MiB) a "
        "plan file may have, and was not read; a plan file is a few dozen KiB: is this the "
        "right file?",
    ),
    "plan-too-deep": (
        "第 {line} 行第 {column} 列：YAML 嵌套超过 {limit} 层；规划文件只需五层"
        "（plan → targets → 目标 → note → en）",
        "line {line}, column {column}: the YAML nests more than {limit} levels deep; a plan "
        "file needs five (plan → targets → target → note → en)",
    ),
    "plan-too-many-nodes": (
        "第 {line} 行第 {column} 列：YAML 值的个数超过 {limit}；规划文件通常只有几千个",
        "line {line}, column {column}: more than {limit} YAML values; a plan file has a few "
        "thousand",
    ),
    "plan-yaml-alias": (
        "第 {line} 行第 {column} 列：{found} 是 YAML {kind_zh}；规划文件不使用锚点和别名，"
        "请在每处写出完整内容",
        "line {line}, column {column}: {found} is a YAML {kind_en}; plan files take no anchors "
        "or aliases: write the value out in full wherever it is needed",
    ),
    "plan-yaml-merge": (
        "第 {line} 行第 {column} 列：规划文件不使用 YAML 合并键 <<；请逐一写出各键",
        "line {line}, column {column}: plan files take no YAML merge key <<; write every key "
        "out in full",
    ),
    "plan-yaml-key": (
        "第 {line} 行第 {column} 列：键应为名称，实际为{kind_zh}",
        "line {line}, column {column}: a key must be a name; found a {kind_en}",
    ),
    "plan-duplicate-key": (
        "第 {line} 行：键“{key}”在同一映射中第二次出现（第一次在第 {first_line} 行）；"
        "每个键只能出现一次，请删去其一",
        "line {line}: key '{key}' appears a second time in the same mapping (first at line "
        "{first_line}); a key may appear only once: delete one of them",
    ),
    "plan-yaml-ambiguous": (
        "第 {line} 行第 {column} 列：{found} 有歧义：{reading_zh}；请写作 {plain}，"
        "或加引号写作 \"{found}\"",
        "line {line}, column {column}: {found} is ambiguous: {reading_en}; write {plain} or "
        "quote it (\"{found}\")",
    ),
    "plan-yaml-unquoted-id": (
        "第 {line} 行第 {column} 列：{found} 用作编号，但 {reading_zh}；编号是文本，"
        "请加引号写作 \"{found}\"",
        "line {line}, column {column}: {found} is used as an id, but {reading_en}; an id is "
        "text: quote it (\"{found}\")",
    ),
}
