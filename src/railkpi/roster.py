"""Enterprise roster sheets (企业名录 / enterprises): one row per firm and year → derived figures.

(Interface in place; the reading and derivation are being written.)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from railkpi.cells import Cell
from railkpi.figures import Figure
from railkpi.plan import Indicator
from railkpi.problems import Problem


@dataclass(frozen=True)
class RosterColumns:
    """Column numbers of a recognised roster header, and the revenue unit and where it is."""

    name: int
    year: int
    revenue: int | None = None
    revenue_unit: str | None = None
    revenue_unit_where: str | None = None
    unit: int | None = None
    segment: int | None = None
    flags: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class FirmYear:
    name: str
    year: int
    revenue: float | None  # 亿元
    segment: str | None  # engineering, traction_power, logistics, signalling, smart_om, other
    flags: dict[str, bool]
    where: str  # the row, e.g. 企业名录!A5


@dataclass(frozen=True)
class Derived:
    indicator: str
    year: int
    figure: Figure
    where: str  # e.g. 企业名录 (228 firms)


def roster_header(sheet: str, row: list[Cell]) -> RosterColumns | None:
    return None


def read_roster(
    file: str, sheet: str, columns: RosterColumns, rows: Iterator[list[Cell]]
) -> tuple[list[FirmYear], list[Problem]]:
    return [], []


def derive(firms: Sequence[FirmYear], known: Mapping[str, Indicator]) -> list[Derived]:
    return []
