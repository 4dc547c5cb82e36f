"""Enterprise roster sheets (企业名录 / enterprises): one row per firm and year → derived figures.

A roster lists each firm once a year with its revenue, its segment of the "1+2+2" industry
matrix and flags such as 专精特新. From it railkpi derives, per year, the enterprise count, the
counts by revenue tier (≥ 1亿, ≥ 10亿, ≥ 100亿, thresholds inclusive), the revenue of each
segment and the number of 专精特新 firms. The workbook reader uses these only for indicators it
has no reported figure for.

Rows are checked with plain code, not a model per row: a roster may run to tens of thousands of
rows. Money is converted to 亿元 with decimal arithmetic (12,345.6 万元 is 1.23456 亿元 exactly)
and sums are taken in decimal, so a total has no float dust.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from railkpi.cells import (
    Cell,
    CellError,
    cell_ref,
    display,
    is_blank,
    normalise_text,
    parse_number,
    parse_year,
)
from railkpi.figures import Figure, exact
from railkpi.plan import YEAR_MAX, YEAR_MIN, Indicator
from railkpi.plan_loader import normalise_label
from railkpi.problems import Problem, error, warning
from railkpi.units import UnitError, factor, split_header

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

_ROLE_OF: dict[str, str] = {
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


@dataclass(frozen=True)
class RosterColumns:
    """Column numbers of a recognised roster header, and the revenue unit and where it is."""

    name: int
    year: int | None  # None: a roster sheet without a year column (an error when read)
    revenue: int | None = None
    revenue_unit: str | None = None
    revenue_unit_where: str | None = None
    unit: int | None = None
    segment: int | None = None
    flags: dict[str, int] = field(default_factory=dict)
    header_row: int = 1
    revenue_label: str | None = None  # the revenue header without its unit, for messages
    ignored: tuple[tuple[str, str], ...] = ()  # (cell, header) of unrecognised columns
    repeated: tuple[tuple[str, str, str], ...] = ()  # (cell, header, first cell) of repeats


@dataclass(frozen=True)
class FirmYear:
    name: str
    year: int
    revenue: float | None  # 亿元; None: the sheet has no revenue column, or the cell is blank
    segment: str | None  # engineering, traction_power, logistics, signalling, smart_om, other
    flags: dict[str, bool]  # only the flags the sheet has a column for
    where: str  # the row, e.g. 企业名录!A5
    sheet: str = ""
    has_revenue_column: bool = False


@dataclass(frozen=True)
class Derived:
    indicator: str
    year: int
    figure: Figure
    where: str  # e.g. 企业名录 (228 firms)


def roster_header(sheet: str, row: list[Cell]) -> RosterColumns | None:
    """The roster columns if `row` is a roster header row, else None.

    A row is a roster header if it has a firm-name column and either the sheet is named as a
    roster (企业名录, enterprises, …) and the row has one more roster column, or the row has a
    year column and a revenue or segment column.
    """
    columns: dict[str, int] = {}
    headers: dict[str, Cell] = {}
    revenue_unit: str | None = None
    revenue_label: str | None = None
    ignored: list[tuple[str, str]] = []
    repeated: list[tuple[str, str, str]] = []
    for cell in row:
        where = cell_ref(sheet, cell.row, cell.column)
        if not isinstance(cell.value, str):
            ignored.append((where, display(cell.value)))
            continue
        label, unit = split_header(cell.value)
        key = normalise_label(label)
        role = _ROLE_OF.get(key)
        if role is None:
            if key not in QUIET_HEADERS and normalise_label(cell.value) not in QUIET_HEADERS:
                ignored.append((where, display(cell.value)))
            continue
        if role in columns:
            first = headers[role]
            repeated.append((where, display(cell.value), cell_ref(sheet, first.row, first.column)))
            continue
        columns[role] = cell.column
        headers[role] = cell
        if role == "revenue":
            revenue_unit, revenue_label = unit, label.strip()
    if "name" not in columns:
        return None
    named = normalise_label(sheet) in ROSTER_SHEETS
    others = columns.keys() - {"name", "unit"}
    if not ((named and others) or ("year" in columns and {"revenue", "segment"} & columns.keys())):
        return None
    revenue_header = headers.get("revenue")
    return RosterColumns(
        name=columns["name"],
        year=columns.get("year"),
        revenue=columns.get("revenue"),
        revenue_unit=revenue_unit,
        revenue_unit_where=(
            cell_ref(sheet, revenue_header.row, revenue_header.column)
            if revenue_header is not None else None
        ),
        unit=columns.get("unit"),
        segment=columns.get("segment"),
        flags={role[5:]: col for role, col in columns.items() if role.startswith("flag:")},
        header_row=row[0].row,
        revenue_label=revenue_label,
        ignored=tuple(ignored),
        repeated=tuple(repeated),
    )


def firm_key(name: str) -> str:
    """How firm names are compared: NFKC, case-folded, spaces removed."""
    return normalise_label(name)


def read_roster(
    file: str,
    sheet: str,
    columns: RosterColumns,
    rows: Iterator[list[Cell]],
    earlier: Sequence[FirmYear] = (),
) -> tuple[list[FirmYear], list[Problem]]:
    """The firm-years of the rows under a roster header, and every problem with its cell.

    `earlier`: firm-years already read from other roster sheets of the workbook, so that a firm
    listed twice for one year across sheets is found too.
    """
    return _RosterReader(file, sheet, columns, earlier).read(rows)


class _RosterReader:
    def __init__(
        self, file: str, sheet: str, columns: RosterColumns, earlier: Sequence[FirmYear]
    ) -> None:
        self.file = file
        self.sheet = sheet
        self.columns = columns
        self.problems: list[Problem] = []
        self.seen: dict[tuple[str, int], str] = {
            (firm_key(f.name), f.year): f.where for f in earlier
        }
        self.scales: dict[str, Decimal | UnitError] = {}
        self.header_scale: Decimal | None = None
        self.header_unit_bad = False
        self.no_unit_reported = False
        self.revenue_label = columns.revenue_label or "营业收入"

    def error(self, code: str, where: str | None, **params: object) -> None:
        self.problems.append(error(code, self.file, where, **params))

    def ref(self, row: int, column: int) -> str:
        return cell_ref(self.sheet, row, column)

    def read(self, rows: Iterator[list[Cell]]) -> tuple[list[FirmYear], list[Problem]]:
        columns = self.columns
        for where, header in columns.ignored:
            self.problems.append(warning("column-ignored", self.file, where, header=header))
        for where, header, other in columns.repeated:
            self.problems.append(
                warning("duplicate-column", self.file, where, header=header, other=other)
            )
        if columns.year is None:
            self.error("roster-no-year-column", self.ref(columns.header_row, columns.name),
                       sheet=self.sheet)
            return [], self.problems
        if columns.revenue is not None and columns.revenue_unit is not None:
            try:
                self.header_scale = factor(columns.revenue_unit, REVENUE_UNIT)
            except UnitError as exc:
                self.header_unit_bad = True
                self.error(exc.code, columns.revenue_unit_where, found=columns.revenue_unit,
                           indicator=self.revenue_label, expected=REVENUE_UNIT)
        used = [columns.name, columns.year, columns.revenue, columns.unit, columns.segment,
                *columns.flags.values()]
        used_columns = {c for c in used if c is not None}
        firms: list[FirmYear] = []
        for row in rows:
            by_column = {cell.column: cell for cell in row if cell.column in used_columns}
            if all(is_blank(cell.value) for cell in by_column.values()):
                continue  # a blank row (or one with only a serial number or a note)
            firm = self.row(row[0].row, by_column, columns.year)
            if firm is not None:
                firms.append(firm)
        return firms, self.problems

    def row(self, row: int, by_column: dict[int, Cell], year_column: int) -> FirmYear | None:
        columns = self.columns
        ok = True
        name_cell = by_column.get(columns.name)
        name_where = self.ref(row, columns.name)
        name: str | None = None
        if name_cell is None or is_blank(name_cell.value):
            self.error("roster-blank-name", name_where)
            ok = False
        else:
            name = normalise_text(display_name(name_cell.value))
        shown = name or "-"

        year: int | None = None
        year_cell = by_column.get(year_column)
        year_where = self.ref(row, year_column)
        if year_cell is None or is_blank(year_cell.value):
            self.error("roster-missing-year", year_where, name=shown)
            ok = False
        else:
            try:
                year = parse_year(year_cell.value)
            except CellError as exc:
                self.error(exc.code, year_where, found=display(exc.found), low=YEAR_MIN,
                           high=YEAR_MAX)
                ok = False

        revenue: float | None = None
        if columns.revenue is not None:
            revenue_ok, revenue = self.revenue(row, by_column, shown, year)
            ok = ok and revenue_ok

        segment: str | None = None
        if columns.segment is not None:
            segment_cell = by_column.get(columns.segment)
            segment_where = self.ref(row, columns.segment)
            if segment_cell is None or is_blank(segment_cell.value):
                self.error("roster-missing-segment", segment_where, name=shown,
                           expected=ACCEPTED_SEGMENTS)
                ok = False
            else:
                segment = SEGMENTS.get(normalise_label(str(segment_cell.value)))
                if segment is None:
                    self.error("roster-unknown-segment", segment_where,
                               found=display(segment_cell.value), expected=ACCEPTED_SEGMENTS)
                    ok = False

        flags: dict[str, bool] = {}
        for flag_key, column in columns.flags.items():
            cell = by_column.get(column)
            flag = parse_flag(None if cell is None else cell.value)
            if flag is None:
                assert cell is not None
                self.error("roster-bad-flag", self.ref(row, column), found=display(cell.value),
                           flag=FLAG_NAMES[flag_key], expected=ACCEPTED_FLAGS)
                ok = False
            else:
                flags[flag_key] = flag

        if name is not None and year is not None:
            key = (firm_key(name), year)
            first = self.seen.get(key)
            if first is not None:
                self.error("roster-duplicate", name_where, name=name, year=year, other=first)
                return None
            self.seen[key] = name_where
        if not ok or name is None or year is None:
            return None
        return FirmYear(name, year, revenue, segment, flags, name_where, self.sheet,
                        columns.revenue is not None)

    def revenue(
        self, row: int, by_column: dict[int, Cell], name: str, year: int | None
    ) -> tuple[bool, float | None]:
        """(no error, revenue in 亿元 or None if blank) of one row."""
        columns = self.columns
        assert columns.revenue is not None
        cell = by_column.get(columns.revenue)
        where = self.ref(row, columns.revenue)
        if cell is None or is_blank(cell.value):
            self.problems.append(warning(
                "roster-missing-revenue", self.file, where, name=name,
                year="-" if year is None else year,
            ))
            return True, None
        try:
            number = parse_number(cell.value, cell.number_format)
        except CellError as exc:
            self.error(exc.code, where, found=display(exc.found))
            return False, None
        if number.percent:
            self.error("bad-number", where, found=display(cell.value))
            return False, None
        ok = True
        if number.value < 0:
            self.error("roster-negative-revenue", where, name=name, found=display(cell.value))
            ok = False
        scale = self.scale(row, by_column, name, display(cell.value))
        if scale is None or not ok:
            return False, None
        return True, float(Decimal(repr(number.value)) * scale)

    def scale(self, row: int, by_column: dict[int, Cell], name: str, found: str) -> Decimal | None:
        """The factor to 亿元 of one row's revenue: its unit cell, else the header's unit."""
        columns = self.columns
        unit_cell = None if columns.unit is None else by_column.get(columns.unit)
        if unit_cell is not None and not is_blank(unit_cell.value):
            unit = str(unit_cell.value)
            scale = self.scales.get(unit)
            if scale is None:
                try:
                    scale = factor(unit, REVENUE_UNIT)
                except UnitError as exc:
                    scale = exc
                self.scales[unit] = scale
            if isinstance(scale, UnitError):
                self.error(scale.code, self.ref(row, unit_cell.column), found=display(unit),
                           indicator=self.revenue_label, expected=REVENUE_UNIT)
                return None
            return scale
        if self.header_scale is not None:
            return self.header_scale
        if self.header_unit_bad:
            return None  # reported once, at the header
        if columns.unit is not None:
            self.error("roster-missing-unit", self.ref(row, columns.unit), name=name,
                       found=found)
        elif not self.no_unit_reported:
            self.no_unit_reported = True
            self.error("roster-no-unit", columns.revenue_unit_where,
                       header=self.revenue_label)
        return None


def display_name(value: object) -> str:
    """A firm name cell as text (a number-only name keeps no '.0')."""
    return display(value) if isinstance(value, float) else str(value)


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


# -- derivation ----------------------------------------------------------------------------


def _count(known: int, unknown: int) -> Figure:
    """k firms for sure; with m firms undecided, between k and k + m ("k以上")."""
    if unknown == 0:
        return exact(float(known))
    return Figure(float(known), float(known), float(known + unknown), True, True, AT_LEAST)


def _total(total: Decimal, complete: bool) -> Figure:
    """A segment's revenue: exact, or at least the known sum when a figure is missing."""
    value = float(total)
    return exact(value) if complete else Figure(value, value, None, True, True, AT_LEAST)


def derive(firms: Sequence[FirmYear], known: Mapping[str, Indicator]) -> list[Derived]:
    """Per year of the roster, the figures of the indicators in `known` it can give."""
    by_year: dict[int, list[FirmYear]] = {}
    for firm in firms:
        by_year.setdefault(firm.year, []).append(firm)
    derived: list[Derived] = []
    for year in sorted(by_year):
        group = by_year[year]
        sheets = ", ".join(dict.fromkeys(firm.sheet for firm in group))
        where = f"{sheets} ({len(group)} firms)"
        for indicator, figure in _year_figures(group).items():
            target = known.get(indicator)
            if target is None:
                continue
            if indicator in SEGMENT_INDICATORS.values():
                try:  # a plan of one's own may keep segment revenue in 万元
                    scale = factor(REVENUE_UNIT, target.unit)
                except UnitError:
                    continue
                if scale != Decimal(1):
                    figure = figure.scaled(scale)
            derived.append(Derived(indicator, year, figure, where))
    return derived


def _year_figures(group: list[FirmYear]) -> dict[str, Figure]:
    figures: dict[str, Figure] = {ENTERPRISE_COUNT: exact(float(len(group)))}
    if any(firm.has_revenue_column for firm in group):
        revenues = [Decimal(repr(f.revenue)) for f in group if f.revenue is not None]
        missing = len(group) - len(revenues)
        for indicator, threshold in TIERS:
            figures[indicator] = _count(sum(1 for r in revenues if r >= threshold), missing)
        if any(firm.segment is not None for firm in group):
            # A firm of a sheet without a segment column could belong to any segment.
            unplaced = any(firm.segment is None for firm in group)
            totals = dict.fromkeys(SEGMENT_INDICATORS, Decimal(0))
            incomplete = dict.fromkeys(SEGMENT_INDICATORS, unplaced)
            for firm in group:
                if firm.segment not in totals:
                    continue
                if firm.revenue is None:
                    incomplete[firm.segment] = True
                else:
                    totals[firm.segment] += Decimal(repr(firm.revenue))
            for segment, indicator in SEGMENT_INDICATORS.items():
                figures[indicator] = _total(totals[segment], not incomplete[segment])
    flagged = [firm.flags[SPECIALISED_SME] for firm in group if SPECIALISED_SME in firm.flags]
    if flagged:
        figures[SPECIALISED_SME_COUNT] = _count(sum(flagged), len(group) - len(flagged))
    return figures
