"""The words of a roster sheet: sheet names, column headers and flag values, which are the same
for every roster; and the plans' own words — their segments and flags (RosterWords)."""

from __future__ import annotations

import re

from railkpi.messages.problems_roster import ACCEPTED_FLAGS
from railkpi.plans.labels import normalise_label
from railkpi.plans.roster import RosterVocabulary
from railkpi.problems import Words
from railkpi.read.cells import is_blank
from railkpi.records import record

#: Sheet names (normalised) that mark a sheet as a roster whatever its header looks like.
ROSTER_SHEETS = {"企业名录", "企业名单", "enterprises", "enterpriseroster", "roster"}

#: Header labels (normalised: NFKC, case-folded, no spaces) of each roster column.
#: 单位 is the unit column; 单位名称 ("name of the organisation") is the firm name.
HEADERS: dict[str, set[str]] = {
    "name": {"企业名称", "企业", "企业名", "单位名称", "公司名称", "公司", "name", "enterprise",
             "enterprisename", "company", "companyname", "firm", "firmname"},
    "year": {"年份", "年度", "年", "year"},
    "revenue": {"营业收入", "收入", "营收", "总收入", "营业总收入", "revenue",
                "operatingrevenue", "totalrevenue"},
    "unit": {"单位", "计量单位", "金额单位", "收入单位", "unit"},
    # The firm's unified social credit code: one firm under two names is one code.
    "code": {"统一社会信用代码", "信用代码", "社会信用代码", "creditcode",
             "unifiedsocialcreditcode", "uscc"},
    "segment": {"细分赛道", "赛道", "所属赛道", "产业赛道", "领域", "所属领域", "segment",
                "sector"},
}
#: Columns a roster commonly has that railkpi does not need: ignored without a warning.
QUIET_HEADERS = {"序号", "编号", "no", "no.", "备注", "说明", "note", "notes", "remark",
                 "remarks", "来源", "数据来源", "source"}

#: Flag cell values (normalised) → yes/no. A blank cell is no.
FLAG_VALUES: dict[str, bool] = {
    "是": True, "y": True, "yes": True, "true": True, "1": True, "√": True, "✓": True,
    "✔": True,
    "否": False, "n": False, "no": False, "false": False, "0": False, "×": False, "✗": False,
    "✘": False,
}
#: The unit FirmYear.revenue is kept in (revenue tiers are written in it too).
REVENUE_UNIT = "亿元"
#: "at least": a derived figure some of whose firms lack a revenue or a segment.
AT_LEAST = "以上"


#: How firm names are compared: as every label, NFKC, case-folded, spaces removed.
firm_key = normalise_label



SPACE = re.compile(r"\s")

#: Firm names (as firm_key gives them) that are a table's total or subtotal row, not a firm:
#: 合计, 总计, 小计, 全区合计, 其中：工程建设, Total, Subtotal, Grand total, 合计（2家）: the word
#: alone, or followed by a colon or a bracket (总计划设备厂 and TotalEnergies are firms).
TOTAL_ROW = re.compile(
    r"(?:^|\x00)(?:(?:全区|全市|全部|本区|总体)?(?:合计|总计|小计|共计|汇总|总合计)|其中"
    r"|(?:grand|sub)?total|sum)(?:[:：(（\[【][^\x00]*)?(?=\x00|$)")


#: A word every total row's label holds: searched for first, in C, before the pattern (which
#: would try every name of a million-row roster).
_TOTAL_WORDS = ("合计", "总计", "小计", "共计", "汇总", "其中", "total", "sum")


def total_row_name(key: str) -> bool:
    """Whether a firm key (normalised name) is a total or subtotal row's label."""
    return any_total_row([key])


def any_total_row(keys: list[str]) -> bool:
    """Whether any of these firm keys is a total or subtotal row's label."""
    joined = "\x00".join(keys)
    return (any(word in joined for word in _TOTAL_WORDS)
            and TOTAL_ROW.search(joined) is not None)


def parse_flag(value: object) -> bool | None:
    """是/否, Y/N, yes/no, true/false, 1/0, √/×, ✓/✗ (blank: no); None if it is none of them."""
    if is_blank(value):
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return True if value == 1 else False if value == 0 else None
    if isinstance(value, str):
        return FLAG_VALUES.get(normalise_label(value))
    return None


@record
class RosterWords:
    """The loaded plans' roster vocabulary as the reader uses it: which header names which
    column, which cell names which segment, and what a problem lists as accepted."""

    vocabulary: RosterVocabulary
    #: Header label (normalised) → role: name, year, revenue, unit, segment or flag:<key>.
    role_of: dict[str, str]
    #: The segments a problem lists as accepted, in both languages.
    accepted_segments: Words
    accepted_flags: Words

    @classmethod
    def of(cls, vocabulary: RosterVocabulary) -> RosterWords:
        role_of = {label: role for role, labels in HEADERS.items() for label in labels}
        role_of.update({label: f"flag:{key}" for label, key in vocabulary.flag_labels.items()})
        names = vocabulary.segment_names()
        return cls(
            vocabulary, role_of,
            Words("、".join(n.zh for n in names), ", ".join(f"{n.zh} / {n.en}" for n in names)),
            Words(*ACCEPTED_FLAGS),
        )

    def segment(self, label: str) -> str | None:
        """The segment key a cell names, or None."""
        return self.vocabulary.segment_of(label)
