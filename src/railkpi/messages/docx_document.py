"""The Word report draft (`railkpi assess DATA --docx FILE`), its frame: headings and styles,
the indicator table, comparisons and qualified figures in words, and the small words the
sentences are joined with. The sentences are in docx_sentences, the overview, attention list
and method in docx_sections.

Each entry is (zh, en); templates use str.format fields by name. The Chinese follows the
conventions of official statistical writing (增长/下降 with a positive number, 个百分点 for
differences of rates, 年均 for average annual rates); the English is plain.
"""

from __future__ import annotations

from railkpi.messages import Bilingual

#: Counting words for "the next n years" (今后一年, 今后两年 …); beyond ten the digits are used.
CHINESE_COUNTS = ("一", "两", "三", "四", "五", "六", "七", "八", "九", "十")
#: Numerals of the heading levels 一、（一）.
CHINESE_NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")

DOCX_DOCUMENT: dict[str, Bilingual] = {
    "title-one": ("《{title}》实施情况监测评估报告", "Monitoring and evaluation report: {title}"),
    "title-many": ("规划实施情况监测评估报告",
                   "Plan implementation: monitoring and evaluation report"),
    "subtitle": ("（截至{as_of}年）", "(as of {as_of})"),
    "h1": ("{n}、{text}", "{n}. {text}"),
    "h2": ("（{n}）{text}", "{parent}.{n} {text}"),
    "h3": ("{n}．{text}", "{text}"),
    "basis": (
        "评估依据：{document}；评估截至{as_of}年；数据文件：{file}。",
        "Basis: {document}; assessed as of {as_of}; data file: {file}.",
    ),
    "basis-document": ("《{title}》（{document}）", "{title} ({document})"),
    "basis-title": ("《{title}》", "{title}"),
    "overview": ("总体情况", "Overview"),
    "indicators": ("主要指标完成情况", "Indicator table"),
    "targets": ("分项评估", "Target by target"),
    "attention": ("需关注的指标", "Targets needing attention"),
    "method": ("说明", "Method"),
    "footer": ("— {page} —", "{page}"),
    "style-table": ("表格文字", "Table Text"),
    "style-note": ("表注", "Table Note"),
}

DOCX_TABLE: dict[str, Bilingual] = {
    "caption": ("表{n}　{title}主要指标完成情况", "Table {n}. {title}: indicators"),
    "baseline": ("基期值", "Baseline"),
    "latest": ("最新值", "Latest"),
    "target": ("目标值", "Target"),
    "with-year": ("{label}\n{year}年", "{label}\n{year}"),
    # The year on a line of its own, in half-width brackets: a column of 16 mm would otherwise
    # break the number (1130 / 1（2020年）) or the year ((2020 / 年）).
    "value-year": ("{value}\n({year}年)", "{value}\n({year})"),
    "notes": ("注：", "Notes:"),
    "legend": (
        "“≈”表示由带限定词的数字（如180余、突破3000）的点值算得的近似值；“—”表示无定义。",
        "≈: computed from the point value of a qualified figure; +: a figure given as at "
        "least that number and under the next unit of its last digit (180+ is 180 to under "
        "190); —: not defined.",
    ),
    "linear": (
        "“*”表示增速无定义（零或负值），按线性方法判定，即完成进度对照序时进度。",
        "*: growth rates undefined (zero or negative figures): judged by the linear method, "
        "completion against time elapsed.",
    ),
    "note-line": ("{indicator}：{note}。", "{indicator}: {note}."),
}

#: Comparisons as words; {v} is an amount with its unit.
DOCX_OP: dict[str, Bilingual] = {
    ">": ("超过{v}", "more than {v}"),
    ">=": ("不低于{v}", "at least {v}"),
    "<": ("低于{v}", "less than {v}"),
    "<=": ("不高于{v}", "at most {v}"),
}

#: Qualified figures in English words (Chinese keeps the plan's own word: 180余家, 超过2600亿元).
DOCX_QUALIFIED_EN: dict[str, str] = {
    "upto": "at least {n} but under {upper}",
    "gt": "more than {n}",
    "ge": "at least {n}",
    "lt": "under {n}",
    "le": "at most {n}",
    "approx": "about {n}",
}

#: The Chinese marks of qualified figures in the English table: 180余 prints 180+ (the Excel
#: table's other marks, > ≥ < ≤ ≈, read the same in both languages).
DOCX_QUALIFIER_MARKS_EN: dict[str, str] = {"余": "+", "多": "+"}

DOCX_WORDS: dict[str, Bilingual] = {
    "about": ("约{v}", "about {v}"),
    "about-prefix": ("约", "about "),
    "base": ("{year}年", "{year}"),
    "base-figure": ("{year}年的{value}", "{year} ({value})"),
    "range": ("{low}—{high}", "{low} to {high}"),
    "years-sep": ("、", ", "),
    "years-last": ("、", " and "),
    "years": ("{years}年", "{years}"),
    "span": ("{first}—{last}年", "{first}–{last}"),
    "rising": ("上升", "rise"),
    "falling": ("下降", "fall"),
    "rising-past": ("上升", "risen"),
    "falling-past": ("下降", "fallen"),
    "rising-ing": ("逐年上升", "rising"),
    "falling-ing": ("逐年下降", "falling"),
    "sentence-end": ("。", "."),
    "clause": ("，", ", "),
    "semicolon": ("；", "; "),
}
