"""Enterprise roster sheets (企业名录 / enterprises): one row per firm and year → derived figures.

A roster lists each firm once a year with its revenue, its segment of the industry and yes/no
flags. What it gives is the plans' to say, in their `roster:` sections (plans/roster.py): the
indicator the number of firms feeds, revenue tiers (firms at or above a revenue, thresholds
inclusive) and the indicator each tier count feeds, segments and the revenue indicator each
feeds, flags and the indicator each count of flagged firms feeds. The code here knows only
what every roster has: a name, a year, a revenue and its unit, a segment column, flag values.
The workbook reader uses the derived figures only for indicators it has no reported figure for.

Rows are checked with plain code, not a model per row: a roster may run to tens of thousands of
rows. Money is converted to 亿元 with decimal arithmetic (12,345.6 万元 is 1.23456 亿元 exactly)
and sums are taken in decimal, so a total has no float dust.
"""

from __future__ import annotations

from railkpi.read.roster.fast_path import exact_sum, firm_keys
from railkpi.read.roster.header import RosterColumns, roster_header
from railkpi.read.roster.rows import read_roster
from railkpi.read.roster.totals import Derived, FirmYear, RosterTotals, derive
from railkpi.read.roster.vocabulary import RosterWords, firm_key, parse_flag

__all__ = ["Derived", "FirmYear", "RosterColumns", "RosterTotals", "RosterWords", "derive",
           "exact_sum", "firm_key", "firm_keys", "parse_flag", "read_roster", "roster_header"]
