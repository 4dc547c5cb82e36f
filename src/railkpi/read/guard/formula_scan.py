"""Formula cells: those that have no calculated value (railkpi computes no formulas, so such a
cell would otherwise read as blank), and those whose saved values a recalculation on opening
may have made stale. The cells are found by the guard's close look at a sheet
(`cell_scan.CellScanner`), which it takes only where the bytes hold a formula tag."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from railkpi.messages.problems_files import FILE_WORDS
from railkpi.problems import Problem, Words, error, warning

MAX_FORMULA_PROBLEMS = 20  # formula cells without a value listed one by one; the rest counted


#: The start of a formula element, <f> or <x:f …>, in bytes of any ASCII-based encoding. In
#: text a '<' is always escaped, so outside comments and CDATA this is a tag.
FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][-.\w]*:)?f[\s/>]")


@dataclass
class Formulas:
    """Formula cells found: those without a value (listed up to a limit) and those with one."""

    missing: list[tuple[str, str | Words]] = field(default_factory=list)  # (cell, formula)
    more_missing: dict[str, int] = field(default_factory=dict)  # sheet → count past the limit
    cached: int = 0
    first_cached: str = ""

    def record(self, sheet: str, where: str, formula: list[str], has_value: bool) -> None:
        """A formula cell: with a value (t="str" may save "" for a formula giving ""), or not."""
        if has_value:
            self.cached += 1
            self.first_cached = self.first_cached or where
        elif len(self.missing) < MAX_FORMULA_PROBLEMS:
            text = "".join(formula).strip()
            shown = ("=" + (text if len(text) <= 40 else text[:37] + "…") if text
                     else Words(*FILE_WORDS["shared-formula"]))
            self.missing.append((where, shown))
        else:
            self.more_missing[sheet] = self.more_missing.get(sheet, 0) + 1


def formula_problems(file: str, formulas: Formulas, full_calc_on_load: bool) -> list[Problem]:
    problems = [error("formula-without-value", file, where, formula=formula)
                for where, formula in formulas.missing]
    if formulas.more_missing:
        problems.append(error("formula-without-value-more", file,
                              count=sum(formulas.more_missing.values()),
                              sheets=", ".join(formulas.more_missing)))
    if full_calc_on_load and formulas.cached:
        problems.append(warning("recalc-on-load", file, count=formulas.cached,
                                first=formulas.first_cached))
    return problems
