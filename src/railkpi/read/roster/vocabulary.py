"""The words of a roster sheet: sheet names, column headers, segments, flag values, the
revenue tiers and the indicators the roster's figures feed."""

from __future__ import annotations

import re
from decimal import Decimal

from railkpi.plans.registry import normalise_label
from railkpi.read.cells import is_blank

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
    "segment": {"细分赛道", "赛道", "所属赛道", "产业赛道", "领域", "所属领域", "segment",
                "sector"},
}
#: Flag columns: flag key → header labels. The key is what FirmYear.flags uses.
SPECIALISED_SME = "specialised_sme"
FLAG_HEADERS: dict[str, set[str]] = {
    SPECIALISED_SME: {"专精特新", "专精特新企业", "是否专精特新", "专精特新中小企业",
                      "specialisedsme", "specializedsme", "specialisedsmes", "specializedsmes",
                      "srdi", "srdienterprise"},
}
FLAG_NAMES: dict[str, str] = {SPECIALISED_SME: "专精特新"}
#: Columns a roster commonly has that railkpi does not need: ignored without a warning.
QUIET_HEADERS = {"序号", "编号", "no", "no.", "统一社会信用代码", "信用代码", "creditcode",
                 "备注", "说明", "note", "notes", "remark", "remarks", "来源", "数据来源", "source"}

ROLE_OF: dict[str, str] = {
    **{label: role for role, labels in HEADERS.items() for label in labels},
    **{label: "flag:" + key for key, labels in FLAG_HEADERS.items() for label in labels},
}

#: Segment spellings (normalised) → segment key.
SEGMENTS: dict[str, str] = {
    "工程建设": "engineering", "工程建设赛道": "engineering",
    # The Action Plan's targets say 工程建设赛道, but its task list (产业矩阵再造行动) names the
    # same "1" of the "1+2+2" matrix 工程装备: a roster copied from that section uses this word.
    "工程装备": "engineering", "工程装备赛道": "engineering",
    "engineeringconstruction": "engineering", "engineering": "engineering",
    "牵引供电": "traction_power", "牵引供电赛道": "traction_power",
    "tractionpowersupply": "traction_power", "tractionpower": "traction_power",
    "物流运输": "logistics", "物流运输赛道": "logistics",
    "logisticsandtransport": "logistics", "logisticsandtransportation": "logistics",
    "logistics": "logistics",
    "通信信号": "signalling", "通信信号赛道": "signalling",
    "communicationandsignalling": "signalling", "communicationandsignaling": "signalling",
    "communicationsandsignalling": "signalling", "communicationsandsignaling": "signalling",
    "signalling": "signalling", "signaling": "signalling",
    "智能运维": "smart_om", "智能运维赛道": "smart_om",
    "smartoperationandmaintenance": "smart_om", "smartoperationsandmaintenance": "smart_om",
    "smarto&m": "smart_om",
    "其他": "other", "其它": "other", "other": "other", "others": "other",
}
ACCEPTED_SEGMENTS = (
    "工程建设 / engineering construction, 牵引供电 / traction power supply, "
    "物流运输 / logistics and transport, 通信信号 / communication and signalling, "
    "智能运维 / smart operation and maintenance, 其他 / other"
)

#: Flag cell values (normalised) → yes/no. A blank cell is no.
FLAG_VALUES: dict[str, bool] = {
    "是": True, "y": True, "yes": True, "true": True, "1": True, "√": True, "✓": True,
    "✔": True,
    "否": False, "n": False, "no": False, "false": False, "0": False, "×": False, "✗": False,
    "✘": False,
}
ACCEPTED_FLAGS = "是/否, Y/N, yes/no, true/false, 1/0, √/×, ✓/✗"

#: Indicator ids railkpi derives from a roster.
TIERS: tuple[tuple[str, Decimal], ...] = (
    ("enterprises_rev_ge_1yi", Decimal(1)),
    ("enterprises_rev_ge_10yi", Decimal(10)),
    ("enterprises_rev_ge_100yi", Decimal(100)),
)
SEGMENT_INDICATORS: dict[str, str] = {
    "engineering": "revenue_engineering",
    "traction_power": "revenue_traction_power",
    "logistics": "revenue_logistics",
    "signalling": "revenue_signalling",
    "smart_om": "revenue_smart_om",
}
ENTERPRISE_COUNT = "enterprise_count"
SPECIALISED_SME_COUNT = "specialised_sme_count"
#: The unit FirmYear.revenue is kept in.
REVENUE_UNIT = "亿元"
#: "at least": a derived figure some of whose firms lack a revenue or a segment.
AT_LEAST = "以上"


#: How firm names are compared: as every label, NFKC, case-folded, spaces removed.
firm_key = normalise_label



SPACE = re.compile(r"\s")


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
