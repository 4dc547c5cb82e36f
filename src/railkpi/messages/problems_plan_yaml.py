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
        "第 {line} 行第 {column} 列：{found} 是 YAML {kind}；规划文件不使用锚点和别名，"
        "请在每处写出完整内容",
        "line {line}, column {column}: {found} is a YAML {kind}; plan files take no anchors "
        "or aliases: write the value out in full wherever it is needed",
    ),
    "plan-yaml-merge": (
        "第 {line} 行第 {column} 列：规划文件不使用 YAML 合并键 <<；请逐一写出各键",
        "line {line}, column {column}: plan files take no YAML merge key <<; write every key "
        "out in full",
    ),
    "plan-yaml-key": (
        "第 {line} 行第 {column} 列：键应为名称，实际为{kind}",
        "line {line}, column {column}: a key must be a name; found a {kind}",
    ),
    "plan-duplicate-key": (
        "第 {line} 行：键“{key}”在同一映射中第二次出现（第一次在第 {first_line} 行）；"
        "每个键只能出现一次，请删去其一",
        "line {line}: key '{key}' appears a second time in the same mapping (first at line "
        "{first_line}); a key may appear only once: delete one of them",
    ),
    "plan-yaml-ambiguous": (
        "第 {line} 行第 {column} 列：{found} 有歧义：{reading}；请写作 {plain}，"
        "或加引号写作 \"{found}\"",
        "line {line}, column {column}: {found} is ambiguous: {reading}; write {plain} or "
        "quote it (\"{found}\")",
    ),
    "plan-yaml-unquoted-id": (
        "第 {line} 行第 {column} 列：{found} 用作编号，但 {reading}；编号是文本，"
        "请加引号写作 \"{found}\"",
        "line {line}, column {column}: {found} is used as an id, but {reading}; an id is "
        "text: quote it (\"{found}\")",
    ),
    "plan-yaml-comparator": (
        "第 {line} 行第 {column} 列：比较符 {found} 没有加引号，YAML 把 > 读作折叠文本块的开头；"
        "请加引号写作 {fixed}",
        "line {line}, column {column}: the comparator {found} is not quoted, and YAML reads > "
        "as the start of a folded block of text; quote it: {fixed}",
    ),
    "plan-yaml-unclosed-quote": (
        "第 {line} 行第 {column} 列：这里开始的引号 {quote} 在本行没有结束，YAML 会一直读到文件中"
        "下一个 {quote} 为止，所以错误在后面的行才显现；请在本行文字末尾补上 {quote}：{fixed}",
        "line {line}, column {column}: the quote {quote} that opens here is not closed on this "
        "line, so YAML reads on to the next {quote} in the file and fails further down; close "
        "it at the end of the text on this line: {fixed}",
    ),
    "plan-yaml-fullwidth": (
        "第 {line} 行第 {column} 列：这里的全角{name}“{char}”YAML 不认作分隔符，需要半角"
        "{name}“{ascii}”；请写作 {fixed}",
        "line {line}, column {column}: YAML does not read the full-width {name} '{char}' "
        "as a separator; it needs the ASCII {name} '{ascii}': write {fixed}",
    ),
    "plan-yaml-tab": (
        "第 {line} 行第 {column} 列：缩进中有制表符，YAML 只能用空格缩进；请把制表符换成"
        "空格，与同一层的键对齐",
        "line {line}, column {column}: the indentation contains a tab, and YAML indents with "
        "spaces only: replace the tab with spaces, lined up with the keys at the same level",
    ),
}

#: Full-width punctuation YAML does not read as a separator, as plan-yaml-fullwidth names it.
FULL_WIDTH_NAMES: dict[str, Bilingual] = {
    "：": ("冒号", "colon"),
    "，": ("逗号", "comma"),
}

#: How YAML would read an unquoted scalar, for plan-yaml-ambiguous and plan-yaml-unquoted-id.
YAML_READINGS: dict[str, Bilingual] = {
    "hex": ("YAML 读作十六进制数 {value}", "YAML reads it as hexadecimal {value}"),
    "octal12": ("YAML 1.2 读作八进制数 {value}，YAML 1.1 读作文本",
                "YAML 1.2 reads it as octal {value}, YAML 1.1 as text"),
    "binary": ("YAML 1.1 读作二进制数 {value}", "YAML 1.1 reads it as binary {value}"),
    "sexagesimal": ("YAML 1.1 读作六十进制数 {value}",
                    "YAML 1.1 reads it as the base-60 number {value}"),
    "octal11": ("YAML 1.1 读作八进制数 {value}", "YAML 1.1 reads it as octal {value}"),
    "leading-zero": ("YAML 1.2 读作 {value}，YAML 1.1 读作文本",
                     "YAML 1.2 reads it as {value}, YAML 1.1 as text"),
    "underscore": ("YAML 1.1 忽略下划线读作 {value}，YAML 1.2 读作文本",
                   "YAML 1.1 reads it as {value} (ignoring the underscores), YAML 1.2 as text"),
    "bool11": ("YAML 1.1 读作布尔值 {value}", "YAML 1.1 reads it as the boolean {value}"),
    "bool": ("YAML 读作布尔值 {value}", "YAML reads it as the boolean {value}"),
    "null": ("YAML 读作空值 null", "YAML reads it as null (no value)"),
    "number": ("YAML 读作数值 {value}", "YAML reads it as the number {value}"),
    "date11": ("YAML 1.1 读作日期", "YAML 1.1 reads it as a date"),
}

#: YAML node kinds, as the problems name them.
YAML_KINDS: dict[str, Bilingual] = {
    "anchor": ("锚点", "anchor"),
    "alias": ("别名", "alias"),
    "list": ("列表", "list"),
    "mapping": ("映射", "mapping"),
}

#: What a plan file's top level is when it is not a mapping (Python's type name, in English).
YAML_VALUE_TYPES: dict[str, Bilingual] = {
    "list": ("列表", "list"),
    "str": ("文本", "str"),
    "int": ("整数", "int"),
    "float": ("数字", "float"),
    "bool": ("布尔值", "bool"),
    "NoneType": ("空文档", "NoneType"),
}

#: The value kinds of YAML's own tags (!!int …), for a tag that does not fit its value.
YAML_TAG_KINDS: dict[str, Bilingual] = {
    "int": ("整数", "int"),
    "float": ("数字", "float"),
    "bool": ("布尔值", "bool"),
    "null": ("空值", "null"),
}

#: The details of plan-yaml: railkpi's own, and the YAML parser's in Chinese.
YAML_DETAILS: dict[str, Bilingual] = {
    "control-character": ("YAML 中不允许出现字符 U+{code}；请删去",
                          "character U+{code} is not allowed in YAML ({reason}); delete it"),
    "not-utf8": ("文件不是 UTF-8 编码（字节 0x{byte}）；请另存为 UTF-8",
                 "the file is not UTF-8 (byte 0x{byte}); save it as UTF-8"),
    "tag-mismatch": ("{tag} {value} 不是纯 YAML 1.2 的{kind}；请去掉标签直接写值",
                     "{tag} {value} is not a plain YAML 1.2 {kind}; write the value without "
                     "the tag"),
    "tag-refused": ("不允许使用标签 {tag}：规划文件不使用标签；请删去",
                    "the tag {tag} is not allowed: plan files take no tags; remove it"),
    "parser": ("无法解析此处的 YAML（以 --lang en 运行可看到解析器的英文说明）", "{problem}"),
}

#: The YAML parser's explanations (PyYAML's, in English) → Chinese, by the start of the text.
YAML_PARSER_ZH: tuple[tuple[str, str], ...] = (
    ("found character", "此处的字符不能作为 YAML 内容的开头（制表符须换成空格，@ 与 ` 须加引号）"),
    ("mapping values are not allowed", "此处不能出现“键: 值”（是否缺少引号，或缩进不对？）"),
    ("could not find expected ':'", "缺少预期的冒号"),
    ("found unexpected end of stream", "文件意外结束（引号或括号是否未闭合？）"),
    ("found unknown escape character", "引号内有未知的转义字符"),
    ("found a tab character", "缩进中出现制表符；请改用空格"),
    ("found unexpected ':'", "出现了意外的冒号"),
    ("did not find expected key", "缺少预期的键（缩进是否对齐？）"),
    ("did not find expected '-' indicator", "缺少列表项的短横线（缩进是否对齐？）"),
    ("did not find expected node content", "缺少预期的值"),
    ("expected ',' or ']'", "方括号列表中缺少逗号或右方括号"),
    ("expected ',' or '}'", "花括号映射中缺少逗号或右花括号"),
    ("expected <block end>", "缩进不一致：此处的内容与上文的层级不符"),
    ("expected a single document", "文件中有多个 YAML 文档；规划文件只应有一个"),
    ("but found another document", "文件中有多个 YAML 文档；规划文件只应有一个"),
    ("expected '<document start>'", "此处应为文档开头"),
    ("expected a comment or a line break", "此处应为注释或换行"),
    ("found undefined tag handle", "未定义的标签前缀"),
    ("found unknown directive", "不支持的 YAML 指令"),
    ("found incompatible YAML document", "不支持的 YAML 版本"),
    ("found duplicate YAML directive", "重复的 YAML 指令"),
    ("expected alphabetic or numeric character", "锚点、别名或标签中有不允许的字符"),
    ("expected indentation indicator", "块文本的缩进标记应为 1–9"),
    ("expected chomping or indentation indicators", "块文本的标记不对"),
)
