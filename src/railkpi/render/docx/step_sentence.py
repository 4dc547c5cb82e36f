"""The sentence on a target's step for the year assessed (年度目标), after its paragraph: the
step, where it comes from, and whether the year's figure met it — 完成年度目标, 未完成年度目标，
差距…, or why it cannot be judged. Pure: python-docx is not imported here.
"""

from __future__ import annotations

from railkpi.calc.results import MilestoneCheck
from railkpi.messages.milestones import MILESTONE
from railkpi.render import milestone_words as steps
from railkpi.render.docx import words as w
from railkpi.render.docx.sentences import Context, end, op_words, range_words


def step_words(ctx: Context, check: MilestoneCheck) -> str:
    """The step in words: 3100.0亿元, 超过3500.0亿元, 2至3次, 高于2023年的10.0亿元."""
    step = check.step
    if step.low is not None and step.high is not None:
        return range_words(ctx, step.low, step.high)
    if step.previous_year:
        shown = "—" if step.value is None else ctx.amount(step.value)
        key = "docx-above-previous" if step.op == ">" else "docx-below-previous"
        return ctx.say(MILESTONE[key], year=step.year - 1, value=shown)
    assert step.value is not None and step.op is not None
    value = steps.shown_value(step.value, ctx.result.indicator, step.op in (">", ">="))
    shown = op_words(ctx, step.op, value) if step.strict else ctx.amount(value)
    return w.about(shown, step.approximate, ctx.lang)


def step_sentence(ctx: Context) -> str:
    """'年度计划确定的2024年目标为3100.0亿元，未完成年度目标，差距151.8亿元。' — or nothing
    where the target has no step for the year assessed."""
    check = ctx.result.milestone
    if check is None:
        return ""
    sentence = ctx.say(MILESTONE[f"docx-{check.source}"], year=check.year,
                       step=step_words(ctx, check))
    if check.met is True:
        sentence += ctx.say(MILESTONE["docx-met"])
    elif check.met is False:
        gap = "" if check.gap is None else ctx.amount(steps.shown_value(
            check.gap, ctx.result.indicator))
        sentence += ctx.say(MILESTONE["docx-missed"], gap=gap)
    elif check.figure is None or check.gap is None:
        sentence += ctx.say(MILESTONE["docx-no-figure"], year=check.year)
    else:
        sentence += ctx.say(MILESTONE["docx-unsettled"], year=check.year)
    return ("" if ctx.lang == "zh" else " ") + sentence + end(ctx)
