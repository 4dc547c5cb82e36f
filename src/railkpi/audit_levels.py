"""`railkpi audit`: published levels that cannot both be right (`conflicting-levels`).

Two plans (or one plan twice) may publish the same indicator's level for the same year: 143
firms in 2020 in one, 180余 in another. Where the bounds of the two figures do not overlap,
they cannot both be right, and the finding shows both, with their quotes. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from railkpi.audit import Finding, number
from railkpi.figures import agree
from railkpi.plan import Plan


def check_levels(plans: Sequence[Plan]) -> list[Finding]:
    """Two published levels of one indicator and year that cannot both be right: 143 against
    180余 (at least 180). Figures whose bounds overlap agree (180余 and 185; 2364.9 and
    突破1000); 约 figures have no bounds and agree with anything."""
    published = [(plan, i, level) for plan in plans for i, level in enumerate(plan.history)]
    findings: list[Finding] = []
    for (plan_a, i, a), (plan_b, j, b) in combinations(published, 2):
        if (a.indicator, a.year) != (b.indicator, b.year) or agree(a.figure, b.figure):
            continue
        shown_a, shown_b = (f.label(number(f.value)) for f in (a.figure, b.figure))
        first = f"{shown_a} ({plan_a.id} history[{i}])"
        second = f"{shown_b} ({plan_b.id} history[{j}])"
        findings.append(
            Finding(
                "conflicting-levels", plan_a.id, a.indicator, first, None,
                f"{shown_a} ({plan_a.id})", "",
                tuple((key, str(value)) for key, value in {
                    "year": a.year, "first": first, "second": second,
                    "first_quote_zh": a.quote, "first_quote_en": a.wording("en"),
                    "second_quote_zh": b.quote, "second_quote_en": b.wording("en"),
                }.items()),
                years=(a.year,), other=second,
                other_text=f"{shown_b} ({plan_b.id})",
            )
        )
    return findings
