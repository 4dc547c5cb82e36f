"""Every user-facing string, in Chinese and English, in one place.

Each entry is (zh, en). Templates use str.format fields; the code that raises a problem or
a note passes the fields by name.
"""

from __future__ import annotations

Bilingual = tuple[str, str]


def pick(text: Bilingual, lang: str) -> str:
    return text[0] if lang == "zh" else text[1]


STATUS: dict[str, Bilingual] = {
    "achieved": ("已完成", "achieved"),
    "on_track": ("符合进度", "on track"),
    "moderate": ("进度偏慢", "moderate"),
    "off_track": ("进度滞后", "off track"),
    "regressing": ("逆向变化", "regressing"),
    "not_achieved": ("未完成", "not achieved"),
    "undetermined": ("无法判定", "undetermined"),
    "no_data": ("无数据", "no data"),
}

#: "achieved" before the target year reads 已提前完成 (completed ahead of time) in Chinese.
STATUS_EARLY_ACHIEVED: Bilingual = ("已提前完成", "achieved early")

COLUMN: dict[str, Bilingual] = {
    "group": ("类别", "Group"),
    "target_id": ("目标编号", "Target"),
    "indicator": ("指标", "Indicator"),
    "unit": ("单位", "Unit"),
    "baseline": ("基期", "Baseline"),
    "latest": ("最新", "Latest"),
    "target": ("目标", "Target"),
    "target_year": ("目标年", "Target year"),
    "gap": ("差距", "Gap"),
    "completion": ("完成进度", "Completion"),
    "time_elapsed": ("序时进度", "Time elapsed"),
    "actual_cagr": ("实际年均增速", "Actual CAGR"),
    "required_cagr": ("所需年均增速(自基期)", "Required CAGR (from baseline)"),
    "required_cagr_from_latest": ("今后所需年均增速", "Required CAGR from now"),
    "projected": ("预计目标年值", "Projected"),
    "status": ("状态", "Status"),
    "quote": ("依据原文", "Plan wording"),
    "kind": ("类型", "Kind"),
    "id": ("编号", "Id"),
    "name": ("名称", "Name"),
    "period": ("规划期", "Period"),
    "baseline_year": ("基期年", "Baseline year"),
    "targets": ("目标数", "Targets"),
    "document": ("文号", "Document"),
    "source": ("来源", "Source"),
}

KIND: dict[str, Bilingual] = {
    "level": ("水平值", "level"),
    "range": ("区间", "range"),
    "change": ("增量", "change"),
    "ratio": ("倍数", "ratio"),
    "growth": ("年均增速", "growth"),
    "each_year": ("逐年", "each year"),
    "trend": ("持续提升", "trend"),
}

#: English labels of the units the bundled plans use; other units print as written.
UNIT_EN: dict[str, str] = {
    "亿元": "100M CNY",
    "万元": "10k CNY",
    "元": "CNY",
    "家": "firms",
    "人": "persons",
    "个": "units",
    "项": "items",
    "次": "times",
    "件": "pieces",
    "件/人": "per person",
    "条": "lines",
    "支": "funds",
    "%": "%",
}

TEXT: dict[str, Bilingual] = {
    "as_of": ("截至", "as of"),
    "plan": ("规划", "plan"),
    "method_linear": ("线性", "linear"),
    "thresholds": ("判定阈值", "thresholds"),
    "problems": ("问题", "Problems"),
    "notes": ("说明", "Notes"),
    "source_plan": ("规划原文", "plan"),
    "source_data": ("数据", "data"),
    "every_year": ("每年", "every year"),
    "rising": ("逐年上升", "rises yearly"),
    "falling": ("逐年下降", "falls yearly"),
    "no_problems": ("数据无问题。", "No problems found."),
    "valid": (
        "{file}：{count} 条观测值，可用于评估。",
        "{file}: {count} observations, ready to assess.",
    ),
    "summary": ("合计", "Total"),
    "cagr_result": (
        "年均增速 {rate}（保留一位小数 {rounded}）",
        "{rate} a year ({rounded} at one decimal)",
    ),
    "required_result": (
        "所需年均增速 {rate}（保留一位小数 {rounded}）",
        "{rate} a year required ({rounded} at one decimal)",
    ),
}

#: Notes attached to one target's result (why a figure is missing, where a number came from).
NOTE: dict[str, Bilingual] = {
    "baseline-from-plan": (
        "基期值 {year} 年取自规划原文",
        "baseline {year} taken from the plan's own figures",
    ),
    "baseline-fallback": (
        "缺少 {wanted} 年基期值，以 {used} 年代替",
        "no figure for the baseline year {wanted}; {used} used instead",
    ),
    "baseline-missing": (
        "缺少基期（{year} 年）数据，无法换算目标值",
        "no figure for the baseline year {year}; the target cannot be resolved",
    ),
    "baseline-nonpositive": (
        "基期值不为正，年均增速无定义，改用线性方法",
        "baseline is not positive: growth rates are undefined, linear method used",
    ),
    "latest-nonpositive": (
        "最新值不为正，年均增速无定义，改用线性方法",
        "latest value is not positive: growth rates are undefined, linear method used",
    ),
    "only-baseline": (
        "仅有基期年数据，尚无法判断进度",
        "only the baseline year is observed; progress cannot be judged yet",
    ),
    "weak-evidence": (
        "仅一年数据，判断依据较弱",
        "one year of data since the baseline: weak evidence",
    ),
    "hold-level": (
        "目标等于基期值（保持水平）",
        "target equals the baseline (hold the level)",
    ),
    "exceeds-range": (
        "{year} 年数值 {value} 已越过区间的另一端（{bound}）",
        "{year}: {value} is beyond the far end of the range ({bound})",
    ),
    "no-target-year-figure": (
        "已过目标年 {year}，但缺少该年数据",
        "the target year {year} has passed but has no figure",
    ),
    "missing-years": ("缺少 {years} 年数据", "no figure for {years}"),
    "failing-years": ("{years} 年未达标", "target missed in {years}"),
    "wrong-direction-years": ("{years} 年未按要求变化", "not moving as required in {years}"),
    "bounds-unsettled": (
        "{year} 年数值 {figure} 的范围无法判定是否满足目标 {target}",
        "{year}: the bounds of {figure} do not settle whether the target {target} is met",
    ),
    "unsettled-years": (
        "{years} 年数值为约数或区间，无法判定",
        "figures for {years} are bounds or approximations that do not settle the target",
    ),
    "approximate": (
        "由约数或区间的点值计算，增速为近似值",
        "computed from the point value of a qualified figure: rates are approximate",
    ),
    "ratio-zero-baseline": (
        "基期值不为正，倍数目标无定义",
        "the baseline is not positive: a multiple of it is undefined",
    ),
    "growth-not-met": (
        "实际年均增速 {actual} 低于目标 {target}",
        "actual growth {actual} a year against a target of {target}",
    ),
    "target-year-strict": (
        "目标为严格不等式（{op}），等于目标值不算完成",
        "the target is strict ({op}): equalling it is not enough",
    ),
}

#: Problems in input. Codes are stable; docs list them.
PROBLEM_MESSAGES: dict[str, Bilingual] = {
    # files
    "file-not-found": ("找不到文件：{path}", "file not found: {path}"),
    "not-a-file": ("不是普通文件：{path}", "not a regular file: {path}"),
    "not-xlsx": (
        "不是 Excel 工作簿（.xlsx）：{detail_zh}。请在 Excel 或 LibreOffice 中另存为 .xlsx",
        "not an Excel workbook (.xlsx): {detail}. Save it as .xlsx in Excel or LibreOffice",
    ),
    "unreadable-workbook": (
        "无法读取工作簿：{detail}",
        "cannot read the workbook: {detail}",
    ),
    # hostile or broken files (xlsx_guard)
    "file-too-large": (
        "文件大小为 {size}，超过上限 {limit}；如确为要读取的工作簿，可用 --max-size 提高上限，"
        "如 --max-size {suggest}",
        "the file is {size}, over the limit of {limit}; if it is a genuine workbook, raise the "
        "limit with --max-size, e.g. --max-size {suggest}",
    ),
    "bad-max-size": (
        "--max-size “{found}” 不是大小；应为如 200MB、1.5GB 或字节数",
        "--max-size '{found}' is not a size; expected e.g. 200MB, 1.5GB or a number of bytes",
    ),
    "zip-too-many-members": (
        "文件含 {limit} 个以上 zip 部件，正常工作簿远没有这么多：文件已损坏或被构造用于耗尽资源，"
        "未读取",
        "the file holds {limit} or more zip members, far more than any workbook: it is damaged "
        "or built to exhaust resources, and was not read",
    ),
    "zip-directory-too-large": (
        "文件的 zip 目录有 {size}，超过上限 {limit}（正常工作簿只有几 KB）：文件已损坏或被构造用于"
        "耗尽内存，未读取",
        "the file's zip directory is {size}, over the limit of {limit} (a workbook's is a few "
        "KB): the file is damaged or built to exhaust memory, and was not read",
    ),
    "zip-bomb": (
        "压缩炸弹：该部件压缩后 {compressed}，声明解压后 {size}（{ratio}:1），超过 {threshold} "
        "以上部件 {limit}:1 的安全上限，未解压。如确为正常工作簿，请在 Excel 或 LibreOffice 中"
        "打开并另存后再试",
        "zip bomb: this part is {compressed} compressed and declares {size} unpacked "
        "({ratio}:1), beyond the safe limit of {limit}:1 for parts over {threshold}; it was not "
        "unpacked. If the workbook is genuine, open it in Excel or LibreOffice, save it again "
        "and retry",
    ),
    "zip-unpacked-too-large": (
        "各部件声明解压后共 {total}，超过上限 {limit}（--max-size 的 {factor} 倍）：文件可能被构造"
        "用于耗尽资源；如确为正常工作簿，可用 --max-size 提高上限",
        "its parts declare {total} unpacked in all, over the limit of {limit} ({factor} × "
        "--max-size): the file may be built to exhaust resources; if it is a genuine workbook, "
        "raise --max-size",
    ),
    "zip-member-inflates": (
        "该部件实际解压后超过 zip 目录声明的 {size}：文件已损坏或被构造用于耗尽内存，已停止读取",
        "this part unpacks to more than the {size} the zip directory declares: the file is "
        "damaged or built to exhaust memory, and reading stopped",
    ),
    "xml-attack": (
        "XML 部件含有文档类型定义（DTD）或实体声明（{detail}）：.xlsx 文件从不包含这些内容，"
        "这是 XML 实体攻击（如“十亿笑”、外部实体 XXE）或损坏的文件；已拒绝读取，未展开任何实体",
        "an XML part declares a document type (DTD) or entities ({detail}); .xlsx files never "
        "do: this is an XML entity attack (billion laughs, external entities) or a damaged "
        "file, and it was refused without expanding anything",
    ),
    "formula-without-value": (
        "单元格含公式 {formula}，但没有保存计算结果（文件由程序生成，未在电子表格软件中"
        "打开保存过）；railkpi 不计算公式，也不会把它当作空白或 0。请在 Excel 或 "
        "LibreOffice 中打开并保存该工作簿以计算数值，或复制后“选择性粘贴 → 数值”",
        "the cell holds the formula {formula} but no calculated value (the file was written by "
        "a program and never opened in a spreadsheet); railkpi does not calculate formulas and "
        "will not read it as blank or 0. Open and save the workbook in Excel or LibreOffice so "
        "that the values are calculated, or paste the values (Paste Special → Values)",
    ),
    "formula-without-value-more": (
        "另有 {count} 个含公式但没有计算结果的单元格（{sheets}）；处理方法同上",
        "{count} more cells hold formulas without calculated values ({sheets}); the same fix "
        "applies",
    ),
    "recalc-on-load": (
        "工作簿要求打开时完全重新计算（fullCalcOnLoad），其中 {count} 个公式单元格（如 {first}）"
        "保存的结果可能已过时；请在 Excel 或 LibreOffice 中打开、保存后再读取",
        "the workbook asks to be fully recalculated when opened (fullCalcOnLoad): the results "
        "saved in its formula cells ({count}, e.g. {first}) may be stale; open and save it in "
        "Excel or LibreOffice before reading it",
    ),
    "no-data-sheet": (
        "没有找到数据表：需要表头为 指标|年份|数值（长表）或 指标|2021|2022…（宽表）的工作表；"
        "已检查：{sheets}",
        "no data sheet found: expected a header row indicator|year|value (long layout) or "
        "indicator|2021|2022… (wide layout); sheets seen: {sheets}",
    ),
    "sheet-skipped": (
        "工作表“{sheet}”的表头不是数据表格式，已跳过（首行：{header}）",
        "sheet '{sheet}' has no data-table header and was skipped (first row: {header})",
    ),
    "column-ignored": (
        "未识别的列“{header}”，已忽略",
        "unrecognised column '{header}' ignored",
    ),
    "duplicate-column": (
        "重复的列“{header}”（另见 {other}）",
        "column '{header}' appears twice (also {other})",
    ),
    # cells
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
        "“{found}”不是数值；应为数字，如 2364.9、2,364.9 或 ２３６４．９",
        "'{found}' is not a number; expected a number such as 2364.9, 2,364.9 or ２３６４．９",
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
    # enterprise roster (企业名录)
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
    # plans
    "plan-not-found": (
        "找不到规划“{found}”：既不是内置规划编号（{bundled}），也不是存在的 YAML 文件",
        "no plan '{found}': neither a bundled plan id ({bundled}) nor an existing YAML file",
    ),
    "plan-yaml": (
        "YAML 语法错误（第 {line} 行第 {column} 列）：{detail}",
        "YAML syntax error at line {line}, column {column}: {detail}",
    ),
    "plan-not-mapping": (
        "规划文件顶层应为映射（plan:, indicators:, targets: …），实际为 {found}",
        "a plan file must be a mapping (plan:, indicators:, targets: …); found {found}",
    ),
    "plan-invalid": ("{detail}（实际为 {found}）", "{detail} (found {found})"),
    "plan-unknown-indicator": (
        "指标“{found}”未在 indicators 中定义",
        "indicator '{found}' is not defined under indicators",
    ),
    "plan-unknown-group": (
        "类别“{found}”未在 groups 中定义；已定义：{expected}",
        "group '{found}' is not defined under groups; defined: {expected}",
    ),
    "plan-duplicate-target": (
        "目标编号“{found}”重复（另见 {other}）",
        "target id '{found}' is used twice (also {other})",
    ),
    "plan-year-outside-period": (
        "目标年 {found} 不在规划期 {start}–{end} 内",
        "target year {found} is outside the plan period {start}-{end}",
    ),
    "plan-baseline-after-target": (
        "基期年 {baseline} 不早于目标年 {found}",
        "baseline year {baseline} is not before the target year {found}",
    ),
    "plan-op-against-better": (
        "比较符 {found} 与指标方向（better: {better}）相反",
        "comparator {found} contradicts the indicator's direction (better: {better})",
    ),
    "plan-direction-against-better": (
        "方向 {found} 与指标方向（better: {better}）相反",
        "direction {found} contradicts the indicator's direction (better: {better})",
    ),
    "plan-duplicate-alias": (
        "别名“{found}”同时指向 {first} 和 {second}",
        "alias '{found}' names both {first} and {second}",
    ),
    "plan-duplicate-id": (
        "规划编号“{found}”被加载了两次（{other}）",
        "plan id '{found}' is loaded twice (also {other})",
    ),
    "plan-indicator-conflict": (
        "指标 {indicator} 在两个规划中的 {field} 不一致："
        "{found}（此处）与 {other_value}（{other}）",
        "indicator {indicator} has {field} {found} here but {other_value} in {other}",
    ),
    # plan files: the YAML itself (plan_loader's own reader)
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
    # options
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

#: `railkpi audit`: checks on a plan's own figures. Finding messages are keyed by finding code;
#: `unchecked-*` say why a stated figure could not be checked.
AUDIT: dict[str, Bilingual] = {
    "rate-mismatch": (
        "{start} 年 {start_value} → {end} 年 {end_value}，按所印水平值计算年均增速为 {computed}；"
        "规划写作 {stated}，差异超出所印精度（±{tolerance} 个百分点）",
        "{start_value} ({start}) → {end_value} ({end}) is {computed} a year from the levels as "
        "printed; the plan prints {stated}, beyond its printed precision (±{tolerance} points)",
    ),
    "change-mismatch": (
        "{start} 年 {start_value} → {end} 年 {end_value}，增加 {computed}；规划写作 {stated}"
        "（容差 {tolerance}）",
        "{start_value} ({start}) → {end_value} ({end}) is an increase of {computed}; the plan "
        "says {stated} (tolerance {tolerance})",
    ),
    "total-mismatch": (
        "{start}–{end} 年各年水平值合计 {computed}；规划写作累计 {stated}（容差 {tolerance}）",
        "the levels of {start}-{end} add up to {computed}; the plan states a total of {stated} "
        "(tolerance {tolerance})",
    ),
    "increment-vs-total": (
        "{year} 年：目标 {change_target} 为 {baseline_year} 年 {baseline} {change} = {resolved}，"
        "目标 {level_target} 却为 {level}",
        "{year}: target {change_target} gives {baseline} ({baseline_year}) {change} = "
        "{resolved}, but target {level_target} sets {level}",
    ),
    "target-outside-period": (
        "目标 {target} 的年份 {year} 不在规划期 {start}–{end} 内",
        "target {target}: year {year} is outside the plan period {start}-{end}",
    ),
    "conflicting-targets": (
        "两个规划对 {year} 年设定了不同目标：{first}；{second}",
        "two plans set different targets for {year}: {first}; {second}",
    ),
    "unchecked-missing": ("缺少 {years} 年的已公布水平值", "no published level for {years}"),
    "unchecked-inexact": ("{years} 年的水平值不是确数", "the {years} level is not an exact figure"),
    "unchecked-nonpositive": (
        "水平值不为正，年均增速无定义",
        "a level is not positive: the growth rate is undefined",
    ),
    "unchecked-stated_rate": (
        "无法核对的年均增速（{count} 个）", "Stated rates that could not be checked ({count})"
    ),
    "unchecked-stated_change": (
        "无法核对的增量（{count} 个）", "Stated increments that could not be checked ({count})"
    ),
    "unchecked-stated_total": (
        "无法核对的累计值（{count} 个）", "Stated totals that could not be checked ({count})"
    ),
    "unchecked-change_target": (
        "无法与水平目标核对的增量目标（{count} 个）",
        "Increment targets that could not be checked against a level target ({count})",
    ),
    "title": ("规划自身数据核对", "Checks on the plans' own figures"),
    "no-findings": ("未发现不一致。", "No inconsistencies found."),
    "col-code": ("问题", "Check"),
    "col-plan": ("规划", "Plan"),
    "col-indicator": ("指标", "Indicator"),
    "col-stated": ("规划所写", "Stated"),
    "col-computed": ("核算", "Computed"),
    "col-message": ("说明", "Details"),
}

#: Markdown (`--format markdown`, the GitHub step summary) and JUnit (`--junit`) wording.
OUTPUT: dict[str, Bilingual] = {
    "subtitle": (
        "基期 {b} 年 · 截至 {a} 年 · 目标年 {t} 年（另注者除外）· 判定阈值 {th}",
        "baseline {b} · as of {a} · target year {t} (unless shown) · thresholds {th}",
    ),
    "col-indicator": ("指标（单位）", "Indicator (unit)"),
    "col-baseline": ("基期", "Base"),
    "col-latest": ("最新", "Latest"),
    "col-target": ("目标", "Target"),
    "col-gap": ("差距", "Gap"),
    "col-completion": ("完成进度", "Done"),
    "col-time": ("序时进度", "Time"),
    "col-cagr": ("实际增速", "CAGR"),
    "col-needed": ("今后需增速", "CAGR needed"),
    "col-status": ("状态", "Status"),
    "statuses": ("状态汇总", "Statuses"),
    "linear": (
        "* 增速无定义（零或负值），按线性方法判定：完成进度对照序时进度",
        "* growth rates undefined (zero or negative figures): judged by the linear method, "
        "completion against time elapsed",
    ),
    "notes": ("说明", "Notes"),
    "problems": ("问题", "Problems"),
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "audit-type": ("类型", "Type"),
    "audit-finding": ("问题", "finding"),
    "audit-unchecked": ("未核对", "unchecked"),
    "audit-years": ("年份", "Years"),
    "audit-unchecked-heading": ("未能核对", "Not checked"),
    "failure": (
        "{status}：差距 {gap}；今后所需年均增速 {required}",
        "{status}: gap {gap}; annual growth required from now {required}",
    ),
}

#: Column headers of `--format csv`, one per field, unique in each language.
CSV_COLUMN: dict[str, Bilingual] = {
    "plan": ("规划编号", "Plan"),
    "group": ("类别编号", "Group id"),
    "group_name": ("类别", "Group"),
    "target": ("目标编号", "Target id"),
    "indicator": ("指标编号", "Indicator id"),
    "indicator_name": ("指标", "Indicator"),
    "unit": ("单位", "Unit"),
    "kind": ("目标类型", "Kind"),
    "op": ("比较符", "Op"),
    "value": ("目标数值（原文）", "Stated value"),
    "target_value": ("目标值", "Target value"),
    "target_min": ("目标下限", "Target min"),
    "target_max": ("目标上限", "Target max"),
    "target_year": ("目标年", "Target year"),
    "baseline_year": ("基期年", "Baseline year"),
    "baseline_value": ("基期值", "Baseline value"),
    "baseline_qualifier": ("基期值限定词", "Baseline qualifier"),
    "baseline_source": ("基期值来源", "Baseline source"),
    "latest_year": ("最新年", "Latest year"),
    "latest_value": ("最新值", "Latest value"),
    "latest_qualifier": ("最新值限定词", "Latest qualifier"),
    "latest_source": ("最新值来源", "Latest source"),
    "gap": ("差距", "Gap"),
    "completion": ("完成进度", "Completion"),
    "time_elapsed": ("序时进度", "Time elapsed"),
    "actual_cagr": ("实际年均增速", "Actual CAGR"),
    "required_cagr": ("所需年均增速（自基期）", "Required CAGR"),
    "required_cagr_from_latest": ("今后所需年均增速", "Required CAGR from latest"),
    "growth_ratio": ("增速比", "Growth ratio"),
    "projected": ("预计目标年值", "Projected"),
    "projected_year": ("预计达标年份", "Projected year"),
    "method": ("判定方法", "Method"),
    "status": ("状态代码", "Status code"),
    "status_word": ("状态", "Status"),
    "approximate": ("近似值", "Approximate"),
    "notes": ("说明", "Notes"),
    "quote": ("依据原文", "Plan wording"),
}

#: The Excel gap table (`railkpi assess DATA --xlsx FILE`): sheets, headers, notes, summary,
#: charts and method sheet.
XLSX: dict[str, Bilingual] = {
    "sheet-summary": ("汇总", "Summary"),
    "sheet-charts": ("图表", "Charts"),
    "sheet-method": ("方法说明", "Method"),
    "year": ("年份", "Year"),
    "value": ("数值", "Value"),
    "subtitle": (
        "基期 {baseline} 年 · 截至 {as_of} 年 · 规划期 {start}–{end} 年 · 判定阈值 {thresholds}"
        " · 数据文件 {file}",
        "baseline {baseline} · as of {as_of} · plan period {start}-{end} · thresholds "
        "{thresholds} · data file {file}",
    ),
    "notes": ("说明", "Notes"),
    "note-line": ("{indicator}（{target}）：{note}", "{indicator} ({target}): {note}"),
    "legend": (
        "状态颜色：绿色 = 已完成、符合进度；黄色 = 进度偏慢；红色 = 进度滞后、逆向变化、未完成；"
        "灰色 = 无法判定、无数据。“≈”：由带限定词的数字（"
        "180余、突破3000、约100）的点值算得的近似值；"
        "“—”：无定义。",
        "Status colours: green = achieved, on track; amber = moderate; red = off track, "
        "regressing, not achieved; grey = undetermined, no data. ≈: computed from the point "
        "value of a qualified figure (180余, 突破3000, 约100); —: not defined.",
    ),
    "linear": (
        "* 增速无定义（零或负值），按线性方法判定：完成进度对照序时进度",
        "* growth rates undefined (zero or negative figures): judged by the linear method, "
        "completion against time elapsed",
    ),
    "bounds": ("{label}：{bounds}", "{label}: {bounds}"),
    "no-bound": ("约数，没有上下界", "approximate, no bound"),
    "from-plan": ("取自规划原文（{where}）", "the plan's own published figure ({where})"),
    "from-roster": ("由企业名录汇总（{where}）", "derived from the enterprise roster ({where})"),
    "footer": ("第 &P 页，共 &N 页", "Page &P of &N"),
    "summary-title": (
        "评估汇总 · 截至 {as_of} 年 · 数据文件 {file}",
        "Assessment summary · as of {as_of} · data file {file}",
    ),
    "summary-counts": ("各规划目标状态", "Targets by status"),
    "summary-plan": ("规划", "Plan"),
    "summary-plan-title": ("规划名称", "Title"),
    "summary-targets": ("目标数", "Targets"),
    "summary-total": ("合计", "Total"),
    "summary-attention": (
        "需关注的目标（进度偏慢及以下、无法判定、无数据）",
        "Targets needing attention (moderate or worse, undetermined, no data)",
    ),
    "summary-none": ("没有需关注的目标。", "No target needs attention."),
    "charts-title": (
        "实际值与所需路径：自基期按所需年均增速增长至目标",
        "Actual values against the required path: from the baseline at the required annual "
        "growth to the target",
    ),
    "chart-title": ("{plan}：{indicator}（{unit}）目标 {target}",
                    "{plan}: {indicator} ({unit}), target {target}"),
    "chart-actual": ("实际值", "Actual"),
    "chart-path": ("所需路径", "Required path"),
    "charts-none": (
        "所选规划没有收入目标或年均增速目标。",
        "The chosen plans have no revenue or growth target.",
    ),
    "method-title": ("计算方法与本次评估", "Method and this run"),
    "method-run": ("本次评估", "This run"),
    "method-version": ("railkpi 版本", "railkpi version"),
    "method-file": ("输入文件", "Input file"),
    "method-sha256": ("输入文件 SHA-256", "Input file SHA-256"),
    "method-as-of": ("评估截至年份", "Assessed as of"),
    "method-plans": ("规划与判定阈值", "Plans and thresholds"),
    "method-thresholds": (
        "判定阈值（符合进度 / 进度偏慢 / 进度滞后）",
        "Thresholds (on track / moderate / off track)",
    ),
    "method-formulas": ("计算公式", "Formulas"),
    "method-symbols": (
        "t0、x0：基期年份与数值；t、x：最新年份与数值"
        "（不晚于评估年份和目标年）；T、X：目标年与换算为"
        "绝对值的目标（增量：x0 + Δ；倍数：x0 · k；年均增速：x0 · (1 + g)^(T − t0)）；d：越高越好为"
        " +1，越低越好为 −1。",
        "t0, x0: baseline year and figure; t, x: latest year and figure (at or before both the "
        "year assessed and the target year); T, X: target year and the target as an absolute "
        "value (change: x0 + Δ; ratio: x0 · k; growth: x0 · (1 + g)^(T − t0)); d: +1 when "
        "higher is better, −1 when lower is better.",
    ),
    "method-figure": ("指标", "Figure"),
    "method-formula": ("公式", "Formula"),
    "f-gap": ("d · (X − x)；≤ 0 表示已达到", "d · (X − x); ≤ 0 means met"),
    "f-completion": ("(x − x0) / (X − x0)", "(x − x0) / (X − x0)"),
    "f-time": ("(t − t0) / (T − t0)", "(t − t0) / (T − t0)"),
    "f-actual": ("(x / x0)^(1 / (t − t0)) − 1", "(x / x0)^(1 / (t − t0)) − 1"),
    "f-required": ("(X / x0)^(1 / (T − t0)) − 1", "(X / x0)^(1 / (T − t0)) − 1"),
    "f-required-latest": ("(X / x)^(1 / (T − t)) − 1", "(X / x)^(1 / (T − t)) − 1"),
    "f-growth-ratio-name": ("增速比", "Growth ratio"),
    "f-growth-ratio": (
        "d · 实际年均增速 / |所需年均增速(自基期)|",
        "d · actual CAGR / |required CAGR from the baseline|",
    ),
    "f-projected": ("x · (1 + 实际年均增速)^(T − t)", "x · (1 + actual CAGR)^(T − t)"),
    "f-path-name": ("图表中的所需路径", "Required path (charts)"),
    "f-path": ("x0 · (1 + 所需年均增速)^(年份 − t0)", "x0 · (1 + required CAGR)^(year − t0)"),
    "method-statuses": ("状态判定（目标年之前）", "Statuses (before the target year)"),
    "method-rule": ("规则（增速法）", "Rule (growth method)"),
    "method-rule-linear": ("规则（线性方法）", "Rule (linear method)"),
    "rule-achieved": (
        "已达到目标（目标年：达到为已完成，未达到为未完成）",
        "the figure already meets the target (in the target year: met is achieved, missed "
        "is not achieved)",
    ),
    "rule-on_track": ("增速比 ≥ 符合进度阈值", "growth ratio ≥ the on-track threshold"),
    "rule-on_track-linear": ("完成进度 ≥ 序时进度", "completion ≥ time elapsed"),
    "rule-moderate": ("增速比 ≥ 进度偏慢阈值", "growth ratio ≥ the moderate threshold"),
    "rule-moderate-linear": (
        "完成进度 ≥ 进度偏慢阈值 × 序时进度", "completion ≥ moderate threshold × time elapsed"
    ),
    "rule-off_track": ("增速比 ≥ 进度滞后阈值", "growth ratio ≥ the off-track threshold"),
    "rule-off_track-linear": (
        "完成进度 ≥ 进度滞后阈值 × 序时进度", "completion ≥ off-track threshold × time elapsed"
    ),
    "rule-regressing": (
        "增速比低于进度滞后阈值（背离目标）", "growth ratio below the off-track threshold (moving "
        "away from the target)",
    ),
    "rule-regressing-linear": ("完成进度为负", "completion below zero"),
    "rule-not_achieved": (
        "目标年未达到；逐年目标任一年未达到；趋势目标任一年变化方向不符",
        "missed in the target year; each-year target missed in a year; trend target moving "
        "the wrong way in a year",
    ),
    "rule-undetermined": (
        "数字无法判定：带限定词的数字的范围跨越目标，或窗口内缺年",
        "the figures cannot settle it: a qualified figure's bounds straddle the target, or a "
        "year of the window has no figure",
    ),
    "rule-no_data": ("没有可用于判定的数据", "nothing to judge by"),
    "method-display": ("显示约定", "Display"),
    "display-values": (
        "单元格保存未经舍入的数值，与 JSON 报告相同"
        "；显示时金额保留一位小数，个数取整，比率为保留一位"
        "小数的百分数。表中没有公式。",
        "Cells hold unrounded numbers, the same as the JSON report; they display money to one "
        "decimal, counts as integers and rates as percentages to one decimal. The workbook "
        "has no formulas.",
    ),
    "display-qualified": (
        "带限定词的数字（180余、突破3000、约100）：单元格保存其点值，以自定义数字格式显示为 180余、"
        ">3000、≈100，批注给出其范围；由其算得的比率和预计值以“≈”标出（如 ≈8.2%）。",
        "Qualified figures (180余, 突破3000, 约100): the cell holds the point value, a custom "
        "number format shows it as 180余, >3000, ≈100 and a comment gives its bounds; rates "
        "and projections computed from them are marked ≈ (e.g. ≈8.2%).",
    ),
    "display-source": (
        "基期或最新值取自规划原文或由企业名录汇总时，单元格批注说明来源。",
        "A baseline or latest figure taken from the plan's own text or derived from the "
        "enterprise roster has a comment saying so.",
    ),
}

#: `railkpi template OUT.xlsx`: the blank input workbook.
TEMPLATE: dict[str, Bilingual] = {
    "sheet-data": ("数据", "data"),
    "sheet-roster": ("企业名录", "enterprises"),
    "sheet-instructions": ("说明", "instructions"),
    "indicator": ("指标", "indicator"),
    "name-zh": ("中文名称", "Chinese name"),
    "name-en": ("英文名称", "English name"),
    "unit": ("单位", "unit"),
    "source": ("来源", "source"),
    "note": ("备注", "note"),
    "firm": ("企业名称", "enterprise name"),
    "year": ("年份", "year"),
    "revenue": ("营业收入（万元）", "revenue (10k CNY)"),
    "segment": ("细分赛道", "segment"),
    "specialised": ("专精特新", "specialised SME"),
    "segments": (
        "工程建设,牵引供电,物流运输,通信信号,智能运维,其他",
        "engineering construction,traction power supply,logistics and transport,"
        "communication and signalling,smart operation and maintenance,other",
    ),
    "flags": ("是,否", "yes,no"),
    "prompt-title": ("填写数值", "Figure"),
    "prompt": (
        "填数字，如 2364.9；或照官方口径写限定词：180余、突破3000、约100、50以上。空白表示未报送，"
        "不是 0。单位见“单位”列。",
        "A number such as 2364.9, or a qualified figure as officially written: 180余, "
        "突破3000, 约100, 50以上. Blank means not reported, not zero. Unit: see the unit column.",
    ),
    "error-title": ("数值无效", "Invalid figure"),
    "error-negative": (
        "该指标不能为负数。可填数字或带限定词的数字（180余、突破3000）。",
        "This indicator cannot be negative. Enter a number or a qualified figure (180余, "
        "突破3000).",
    ),
    "prompt-firm": ("企业名称", "Enterprise"),
    "prompt-roster": (
        "每家企业每年一行。营业收入以万元填写；赛道从下拉列表选择；专精特新填 是 或 否。",
        "One row per firm and year. Revenue in 10k CNY; pick the segment from the list; "
        "specialised SME: yes or no.",
    ),
    "error-year": ("年份应为 {low}–{high} 之间的 4 位数。", "A year is four digits, {low}-{high}."),
    "error-revenue": ("营业收入应为 0 或正数（万元）。", "Revenue is zero or more, in 10k CNY."),
    "error-list": ("请从下拉列表中选择。", "Pick a value from the list."),
    "written": (
        "已写入数据模板：{path}（{indicators} 个指标，{first}–{last} 年）",
        "template written: {path} ({indicators} indicators, {first}-{last})",
    ),
    "bad-years": (
        "应为 起始年-结束年，如 2021-2025（{low}–{high} 之间）",
        "expected FIRST-LAST such as 2021-2025 (within {low}-{high})",
    ),
    # The instructions sheet: every paragraph in both languages, Chinese first.
    "i-title": ("railkpi 数据填报模板", "railkpi data template"),
    "i-plans": (
        "本工作簿由 railkpi template 生成，适用于以下规划：{plans}。年份：{first}–{last} 年。",
        "Made by railkpi template for these plans: {plans}. Years: {first}-{last}.",
    ),
    "i-data": (
        "“{data}”表：每行一个指标，每列一个年份。第一列“{indicator}”是指标编号，请勿修改；"
        "“{name_zh}”“{name_en}”两列供阅读。可以增加年份列（如 2026），不要改动表头和工作表名称。",
        "The '{data}' sheet: one row per indicator, one column per year. The first column "
        "('{indicator}') is the indicator id: do not change it; the '{name_zh}' and "
        "'{name_en}' columns are for reading. Year columns may be added (e.g. 2026); keep the "
        "headers and the sheet names.",
    ),
    "i-values": (
        "数值：填数字（2364.9、2,364.9、全角数字均可）；官方口径带限定词的照写：180余、突破3000、"
        "超过240、约100、50以上，railkpi 会保留其"
        "范围。空白表示该年未报送，不是 0，请勿以 0 代替空白。",
        "Figures: numbers (2364.9, 2,364.9 and full-width digits all work); a figure officially "
        "written with a qualifier is entered as written (180余, 突破3000, 超过240, 约100, "
        "50以上) and railkpi keeps its bounds. A blank cell is a figure not reported, not zero: "
        "never enter 0 for a blank.",
    ),
    "i-units": (
        "单位：金额指标为亿元；如按万元或元填报，把该行“{unit}"
        "”改为 万元 或 元，railkpi 会精确换算。"
        "其他指标的单位不能更改。百分比指标填百分数（75.8 或 75.8%）。",
        "Units: money indicators are in 亿元 (100M CNY); to enter a row in 万元 or 元, change "
        "its '{unit}' cell to 万元 or 元 and railkpi converts exactly. Other units cannot be "
        "changed. Percentages are entered as percent (75.8 or 75.8%).",
    ),
    "i-roster": (
        "“{roster}”表（可选）：每家企业每年一行，填"
        "企业名称、年份、营业收入（万元）、细分赛道（下拉选择）"
        "和是否专精特新（是/否）。railkpi 由此汇总企业数"
        "量、按收入分档的企业数（≥1亿、≥10亿、≥100亿元）、"
        "各赛道收入和专精特新企业数。“{data}”表直接填"
        "报的数字优先，二者不一致时给出警告。不用时留空即可。",
        "The '{roster}' sheet (optional): one row per firm and year with its name, year, "
        "revenue (10k CNY), segment (from the list) and whether it is a specialised SME (yes/no). "
        "railkpi derives from it the enterprise count, the counts by revenue tier (≥ 1, 10, 100 "
        "亿元), the revenue of each segment and the number of specialised SMEs. A figure "
        "entered in the '{data}' sheet wins; a disagreement is a warning. Leave it empty if "
        "unused.",
    ),
    "i-source": (
        "“{source}”“{note}”列可记录数据来源和说明，railkpi 不据此计算。",
        "The '{source}' and '{note}' columns record where a figure comes from; railkpi does "
        "not calculate with them.",
    ),
    "i-run": (
        "填好后检查和评估：{validate}；{assess}。所有问题会连同工作表和单元格位置一起列出。",
        "Then check and assess: {validate}; {assess}. Every problem is listed with its sheet "
        "and cell.",
    ),
}
