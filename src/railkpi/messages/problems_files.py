"""Problems with the workbook file itself: missing, not an .xlsx, hostile."""

from __future__ import annotations

from railkpi.messages import Bilingual

#: The workbook file and the guard's checks before it is parsed.
FILE_PROBLEMS: dict[str, Bilingual] = {
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
    # hostile or broken files (read/guard)
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
}

#: What a file that is not an .xlsx is, and what to do, for the not-xlsx message (zh, en).
FILE_KINDS: dict[str, Bilingual] = {
    "empty": ("文件为空（0 字节）", "the file is empty (0 bytes)"),
    "xls": ("这是旧版 .xls 工作簿（Excel 97-2003）", "it is an old .xls workbook (Excel 97-2003)"),
    "encrypted": (
        "这是设置了打开密码的（加密）工作簿：加密工作簿以 OLE2 复合文件保存，而不是 .xlsx；"
        "请先取消密码",
        "it is a password-protected (encrypted) workbook: such workbooks are stored as OLE2 "
        "compound files, not as .xlsx; remove the password first",
    ),
    "ole": (
        "这是 .xls 工作簿（Excel 97-2003）或加密的 .xlsx（设置了打开密码的工作簿以 OLE2 "
        "复合文件保存：请先取消密码）",
        "it is an .xls (Excel 97-2003) workbook or an encrypted .xlsx (password-protected "
        "workbooks are OLE2 containers: remove the password first)",
    ),
    "doc": ("这是 Word 97-2003 文档（.doc），不是工作簿",
            "it is a Word 97-2003 document (.doc), not a workbook"),
    "ppt": ("这是 PowerPoint 97-2003 演示文稿（.ppt），不是工作簿",
            "it is a PowerPoint 97-2003 presentation (.ppt), not a workbook"),
    "ods": ("这是 OpenDocument 电子表格（.ods）", "it is an OpenDocument spreadsheet (.ods)"),
    "odf": ("这是 OpenDocument 文档（{mimetype}），不是电子表格",
            "it is an OpenDocument file ({mimetype}), not a spreadsheet"),
    "xlsb": ("这是 Excel 二进制工作簿（.xlsb）", "it is an Excel binary workbook (.xlsb)"),
    "docx": ("这是 Word 文档（.docx），不是工作簿",
             "it is a Word document (.docx), not a workbook"),
    "pptx": ("这是 PowerPoint 演示文稿（.pptx），不是工作簿",
             "it is a PowerPoint presentation (.pptx), not a workbook"),
    "zip": ("这是 zip 压缩包，不是工作簿；如工作簿在压缩包内，请先解压",
            "it is a zip archive, not a workbook; if the workbook is inside, extract it first"),
    "archive": ("这是 {archive} 压缩包；请先解压出其中的工作簿",
                "it is a {archive} archive; extract the workbook from it first"),
    "csv": ("这是 CSV 文本文件：请在 Excel 中打开", "it is a CSV text file: open it in Excel"),
    "tsv": ("这是制表符分隔的文本文件：请在 Excel 中打开",
            "it is a tab-separated text file: open it in Excel"),
    "html": (
        "这是以 .xlsx 命名的 HTML 网页（有些系统把网页表格导出为“Excel”）：请在 Excel 中打开",
        "it is an HTML page saved with an .xlsx name (some systems export web tables as "
        "'Excel'): open it in Excel",
    ),
    "xml2003": ("这是 XML 电子表格 2003 文件：请在 Excel 中打开",
                "it is an XML Spreadsheet 2003 file: open it in Excel"),
    "text": ("这是纯文本文件，不是工作簿", "it is a plain text file, not a workbook"),
    "pdf": ("这是 PDF 文档：请向发送方索取工作簿原件",
            "it is a PDF document: ask the sender for the workbook itself"),
    "binary": ("文件内容不是基于 zip 的 .xlsx 工作簿（无法识别的二进制数据）",
               "its contents are not a zip-based .xlsx workbook (unrecognised binary data)"),
}

#: Why a workbook cannot be read: railkpi's own findings, and a reading library's (whose
#: English explanation only the English message repeats).
WORKBOOK_DAMAGE: dict[str, Bilingual] = {
    "truncated": ("zip 文件被截断或已损坏（文件末尾的目录缺失）：请向发送方重新索取文件",
                  "the zip file is truncated or damaged (its directory at the end is missing): "
                  "ask the sender for the file again"),
    "zip": ("zip 文件已损坏", "damaged zip file: {error}"),
    "member-encrypted": ("部件 {part} 在 zip 内被加密，.xlsx 从不如此",
                         "part {part} is password-encrypted inside the zip, which an .xlsx "
                         "never is"),
    "member-method": ("部件 {part} 使用了第 {method} 号压缩方法；.xlsx 只使用标准压缩",
                      "part {part} uses zip compression method {method}; an .xlsx uses only "
                      "deflate"),
    "member-header": ("部件 {part} 的 zip 本地文件头已损坏", "part {part}: bad zip local header"),
    "member-damaged": ("部件 {part} 已损坏", "part {part} is damaged: {error}"),
    "member-checksum": ("部件 {part} 已损坏：内容与 zip 目录中的大小或校验和不符",
                        "part {part} is damaged: its contents do not match the size or "
                        "checksum in the zip directory"),
    "member-xml": ("部件 {part} 不是格式正确的 XML", "part {part} is not well-formed XML: {error}"),
    "reader": ("读取时发现文件已损坏", "{error}"),
}

#: What an XML attack declared (defusedxml's refusal, by its class name).
XML_ATTACKS: dict[str, Bilingual] = {
    "DTDForbidden": ("文档类型定义", "DTDForbidden"),
    "EntitiesForbidden": ("实体声明", "EntitiesForbidden"),
    "ExternalReferenceForbidden": ("外部引用", "ExternalReferenceForbidden"),
    "other": ("不允许的声明", "{name}"),
}

#: Sizes below a kilobyte, and a formula cell whose formula text is shared with another cell.
FILE_WORDS: dict[str, Bilingual] = {
    "bytes": ("{size} 字节", "{size} bytes"),
    "shared-formula": ("（共享公式）", "(shared)"),
}
