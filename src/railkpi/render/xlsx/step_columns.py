"""The step of the year assessed (年度目标) in the Excel gap table: three columns under one header,
"2024年度目标" — 目标值 | 差距 | 完成情况 — before the plan's wording, on the sheet of a plan
with a target that has a step (the plan file's own, or `--milestones`). The step is a number in
the indicator's format (≈ when approximate, > for a strict step), a range or a trend's "above
the previous year" as text; the gap is d · (step − x) as the target's gap; the word is coloured
as the statuses are: green met, red missed, grey not judged."""

from __future__ import annotations

from typing import Any

from railkpi.calc.results import TargetResult
from railkpi.messages import pick
from railkpi.messages.milestones import MILESTONE
from railkpi.render import milestone_words as steps
from railkpi.render.xlsx.number_formats import approximate_format, number_format

#: The step columns' headers in the second row, under the year's header.
SUBHEADS = {"step_value": "col-step-value", "step_gap": "col-step-gap",
            "step_met": "col-step-met"}
#: A check's word, and the status whose colours it takes.
MET_WORDS: dict[bool | None, str] = {True: "met", False: "not-met", None: "not-judged"}
MET_COLOURS: dict[bool | None, str] = {True: "achieved", False: "not_achieved",
                                       None: "undetermined"}


def headers(key: str, year: int | None, lang: str) -> tuple[str | None, str]:
    """A step column's header in the first row (the first only: the year's) and the second."""
    top = steps.step_header(year, lang) if key == "step_value" and year is not None else None
    return top, pick(MILESTONE[SUBHEADS[key]], lang)


def step_cells(r: TargetResult, lang: str) -> dict[str, Any]:
    """The step columns' contents, as plan_sheet.row_cells gives the others: text, (number,
    format), or None (—)."""
    check = r.milestone
    if check is None:
        return {"step_value": None, "step_gap": None, "step_met": None}
    step, base = check.step, number_format(r.indicator)
    if step.value is None or step.low is not None:
        value: Any = steps.step_symbols(step, r.indicator)
    else:  # as the table shows it: at the indicator's decimals, towards the target
        shown = steps.shown_value(step.value, r.indicator, step.op in (">", ">="))
        if step.strict:
            sign = '">"' if step.op == ">" else '"<"'
            value = (shown, f"{sign}{base};{sign}-{base}")
        else:
            value = (shown, approximate_format(base) if step.approximate else base)
    return {
        "step_value": value,
        "step_gap": None if check.gap is None else (
            steps.shown_value(check.gap, r.indicator), base),
        "step_met": pick(MILESTONE[MET_WORDS[check.met]], lang),
    }


def met_colour(r: TargetResult) -> str | None:
    """The status whose fill and font the step's word takes; None without a step."""
    return None if r.milestone is None else MET_COLOURS[r.milestone.met]
