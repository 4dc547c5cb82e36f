"""Problems the workbook guard finds in the sheets' XML (error values, sparse sheets, crafted
references and string tables, dates past 9999, hidden and duplicate sheets), and the reading
rules for what analysts type (no-figure marks, footnote marks, rows of other statistics)."""

from __future__ import annotations

from railkpi.messages import Bilingual

CELL_PROBLEMS: dict[str, Bilingual] = {
    # the guard: the sheets' XML
    "excel-error": (
        "单元格中是 Excel 错误值 {value}（公式出错或引用失效）：请修正公式或清空该单元格"
        "（railkpi 不会把错误值当作空白）",
        "the cell holds the Excel error {value}: fix the formula or clear the cell (railkpi "
        "does not read an error as blank)",
    ),
    "sheet-too-sparse": (
        "工作表“{sheet}”的已用区域从 {first} 到 {corner}，共 {rows} 行 × {columns} 列，却只有 "
        "{cells} 个单元格有值：读取时要为整个区域分配内存（约 {memory}），已拒绝。请删除远离数据"
        "的多余单元格（如 {stray}）后重新保存",
        "sheet '{sheet}' is used from {first} to {corner}, {rows} rows × {columns} columns, but "
        "only {cells} cells hold values: reading it would allocate the whole rectangle (about "
        "{memory}), so it was refused. Delete the stray cells far from the data (such as "
        "{stray}) and save it again",
    ),
    "bad-cell-reference": (
        "工作表“{sheet}”中有单元格引用“{reference}”，超出 Excel 的范围（最多 1,048,576 行、"
        "16,384 列，即 XFD1048576）或不是单元格引用：文件已损坏或被构造，未读取",
        "sheet '{sheet}' has the cell reference '{reference}', beyond Excel's limits "
        "(1,048,576 rows and 16,384 columns: XFD1048576) or no cell reference at all: the file "
        "is damaged or crafted, and was not read",
    ),
    "bad-string-table": (
        "共享字符串表声明有 {declared} 个字符串（{attribute}），实际只有 {found} 个：文件已损坏"
        "或被构造用于耗尽内存，未读取",
        "the shared-string table declares {declared} strings ({attribute}) but holds {found}: "
        "the file is damaged or built to exhaust memory, and was not read",
    ),
    "bad-string-index": (
        "单元格引用的共享字符串序号“{found}”不是非负整数（读取程序会当作第一个字符串）："
        "文件已损坏或被构造",
        "the cell refers to shared string '{found}', which is not a whole number of zero or "
        "more (a reader would take the first string instead): the file is damaged or crafted",
    ),
    "date-out-of-range": (
        "单元格设为日期格式，但其值 {found} 超出 9999-12-31（Excel 显示为 #####），既不是日期也"
        "不能当作数值读取：请更正数值或单元格格式",
        "the cell is formatted as a date but holds {found}, past 9999-12-31 (Excel shows "
        "#####): it can be read neither as a date nor as a number; correct the value or the "
        "cell's format",
    ),
    "duplicate-sheet": (
        "工作簿中有两个名为“{sheet}”的工作表（工作表名不区分大小写），无法确定读取哪一个："
        "文件已损坏或被构造",
        "the workbook has two sheets named '{sheet}' (sheet names ignore case), so which one "
        "to read cannot be told: the file is damaged or crafted",
    ),
    "hidden-sheet": (
        "工作表“{sheet}”是{state}工作表，其中的数据已读取；如非有意，请取消隐藏后核对",
        "sheet '{sheet}' is {state}; its data was read. If that is not intended, unhide it and "
        "check it",
    ),
    "hidden-cells": (
        "工作表“{sheet}”中隐藏的{parts}有数据，已照常读取（筛选隐藏的行也是如此）；如非有意，"
        "请取消隐藏后核对",
        "sheet '{sheet}': the cells in hidden {parts} were read like any other (rows hidden "
        "by a filter too). If that is not intended, unhide them and check them",
    ),
    # the reader: what analysts type
    "not-available": (
        "工作表“{sheet}”中 {count} 个单元格是“无数据”标记（{marks}），按未填报处理：{cells}",
        "sheet '{sheet}': read as not reported, {count} holding a no-figure mark ({marks}): "
        "{cells}",
    ),
    "footnote-mark": (
        "“{found}”的数字后带有注释标记“{mark}”：请删除标记，把说明写在备注列",
        "'{found}' has the footnote mark '{mark}' after its number: remove the mark and put "
        "the note in the note column",
    ),
    "percent-as-fraction": (
        "工作表“{sheet}”中 {count} 个以 % 计的指标数值不超过 1，且单元格本身没有 % 号或百分比"
        "格式，已按所写读作百分数（0.62 即 0.62%）：{cells}。如表示的是比例（0.62 即 62%），"
        "请把单元格设为百分比格式或写成 62",
        "sheet '{sheet}': {count} of indicators measured in % are at most 1 and carry no % "
        "sign or percent format of their own; they were read as written, as percentages "
        "(0.62 is 0.62 %): {cells}. If they are fractions (0.62 meaning 62 %), format the "
        "cells as percentages or write 62",
    ),
    "scaled-format": (
        "单元格存的是 {found}，但其数字格式按另一数量级显示（如 #,##0, 除以一千显示，"
        "0!.0000\"万\" 以万为单位显示）：表头或单位列的单位指的是显示的数还是存的数，无法判断。"
        "请把显示的数作为数值粘贴（选择性粘贴→数值），或去掉该格式并注明单位",
        "the cell stores {found}, but its number format shows it at another magnitude (#,##0, "
        "divides by a thousand, 0!.0000\"万\" shows it in 万): whether the unit of the header "
        "or unit column is meant for the number shown or the one stored cannot be told. Paste "
        "the number shown as a value, or remove the format and give the unit",
    ),
    "not-whole-count": (
        "{indicator} 以“{unit}”计，应为整数，此处却是 {found}：单元格若设为整数格式，显示的是"
        "四舍五入后的数，与所存的数不同。请填写整数",
        "{indicator} is counted in {unit} and must be a whole number, but the cell holds "
        "{found}: a cell formatted without decimals would show it rounded, not as stored. "
        "Enter the whole number",
    ),
    "rows-ignored": (
        "工作表“{sheet}”中 {count} 行的名称不是 railkpi 已知的指标，已忽略：{rows}",
        "sheet '{sheet}': ignored, {count} naming no indicator railkpi knows: {rows}",
    ),
    "unheaded-value": (
        "该单元格有数值 {found}，所在列却没有表头：年份列可能因一个多余或缺失的表头单元格而错位；"
        "请给该列加上表头（年份）或清空该单元格",
        "the cell holds {found} in a column without a header: a stray or missing header cell "
        "may have shifted the year columns; give the column its header (the year) or clear "
        "the cell",
    ),
    "unit-note-unclear": (
        "此处表头下的表格没有注明单位，其中{label}（{cell}）等金额也没有单位；而上方另一张表注明了"
        "单位“{unit}”（{note}）：无法判断该说明是否也适用于这张表（按亿元读取，万元的数会大一万倍），"
        "这张表的金额未读取。请在这张表的表头上方注明单位（如“单位：万元”），或把单位写进单位列、"
        "数值列表头（数值（万元））或指标名称（总收入（万元））",
        "the table whose header is here states no unit, nor do its money figures such as {label} "
        "({cell}); the table above it is noted '{unit}' ({note}), and railkpi cannot tell whether "
        "that note holds for this table too (万元 read as 亿元 is ten thousand times too much), so "
        "this table's money figures were not read. Note the unit above this table's header "
        "(单位：万元), or give it in a unit column, a header (数值（万元）) or the label "
        "(总收入（万元）)",
    ),
    "unit-note-conflict": (
        "此处注明单位“{unit}”，而同一张表的表头上方 {other} 注明单位“{other_unit}”："
        "两者不能同时成立，"
        "无法判断该表的数以哪个单位为准。请只保留一条单位说明",
        "the unit '{unit}' is noted here, but {other}, above the same table's header, notes "
        "'{other_unit}': both cannot hold, and railkpi cannot tell which unit the table's "
        "figures are in. Keep one unit note",
    ),
    "unit-note-below": (
        "此处注明单位“{unit}”，但它不在任何表格的表头之上：railkpi 只把表头上方的单位说明"
        "（如“单位：万元”）用于该表，无法判断这一说明属于哪张表。请把它移到所属表格的表头上方，"
        "或把单位写进单位列或数值列表头（数值（万元））",
        "the unit '{unit}' is noted here, but not above a table's header: railkpi applies a "
        "unit note (单位：万元, Unit: 10k CNY) to the table whose header is below it, and cannot "
        "tell which table this one is for. Move it above that table's header, or give the "
        "unit in a unit column or the value column's header (数值（万元）)",
    ),
    "too-many-unknown-rows": (
        "工作表“{sheet}”有超过 {limit} 种不同的行名称都不是 railkpi 已知的指标（如 {first}）："
        "这不像所选规划的数据表。请只保留规划指标的行（railkpi targets --names 列出可用名称），"
        "或检查是否选错了文件",
        "sheet '{sheet}' has more than {limit} different row labels that name no indicator "
        "railkpi knows (such as {first}): it does not look like a data sheet for the loaded "
        "plans. Keep the rows of the plans' indicators (railkpi targets --names lists the "
        "names) or check that this is the right file",
    ),
}

#: How a hidden sheet is hidden, for hidden-sheet.
SHEET_STATES: dict[str, Bilingual] = {
    "hidden": ("隐藏", "hidden"),
    "veryHidden": ("深度隐藏（只能在 VBA 中取消隐藏）", "very hidden (only VBA can unhide it)"),
}

#: The "did you mean" of an unknown-indicator error, and how lists are cut short.
READING_WORDS: dict[str, Bilingual] = {
    "did-you-mean": ("；是否指“{name}”（{id}）？", "; did you mean '{name}' ({id})?"),
    "list-more": ("等，共 {count} 个", ", … {count} in all"),
    "list-separator": ("、", ", "),
    "row": ("{label}（{cell}）", "{label} ({cell})"),
    "cells": ("{count}", "{count} cells"),
    "cell": ("{count}", "{count} cell"),
    "rows": ("{count}", "{count} rows"),
    "hidden-row": ("行 {items}", "row {items}"),
    "hidden-rows": ("行 {items}", "rows {items}"),
    "hidden-column": ("列 {items}", "column {items}"),
    "hidden-columns": ("列 {items}", "columns {items}"),
    "and": ("和", " and "),
    "one-row": ("{count}", "{count} row"),
}
