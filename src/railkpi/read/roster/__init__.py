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

from railkpi.read.roster.fast_path import exact_sum, firm_keys
from railkpi.read.roster.header import RosterColumns, roster_header
from railkpi.read.roster.rows import read_roster
from railkpi.read.roster.totals import Derived, FirmYear, RosterTotals, derive
from railkpi.read.roster.vocabulary import firm_key, parse_flag

__all__ = ["Derived", "FirmYear", "RosterColumns", "RosterTotals", "derive", "exact_sum",
           "firm_key", "firm_keys", "parse_flag", "read_roster", "roster_header"]
