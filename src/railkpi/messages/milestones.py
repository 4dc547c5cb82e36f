"""Annual steps (年度目标): `railkpi milestones` and the assessment against the year's step."""

from __future__ import annotations

from railkpi.messages import Bilingual

MILESTONE: dict[str, Bilingual] = {
    # railkpi milestones: the decomposition
    "subtitle": (
        "年度目标分解 · {method} · 起点：{start} · 目标年 {end} 年（另注者除外）",
        "annual steps · {method} · from {start} · target year {end} (unless shown)",
    ),
    "method-compound": ("复利路径", "compound path"),
    "method-linear": ("线性路径", "linear path"),
    "from-baseline": ("基期值", "the baseline"),
    "from-latest": ("截至 {year} 年的最新数据", "the latest figures as of {year}"),
    "formula-compound": (
        "复利路径：x0 · (1 + g)^(y − t0)，g = (X / x0)^(1 / (T − t0)) − 1；"
        "最后一年为目标本身",
        "compound path: x0 · (1 + g)^(y − t0), g = (X / x0)^(1 / (T − t0)) − 1; the last step "
        "is the target itself",
    ),
    "formula-linear": (
        "线性路径：x0 + (X − x0) · (y − t0) / (T − t0)；最后一年为目标本身",
        "linear path: x0 + (X − x0) · (y − t0) / (T − t0); the last step is the target itself",
    ),
    "approximate": (
        "≈：由带限定词的数字（180余、约100）的点值算得的近似值",
        "≈: computed from the point value of a qualified figure (180余, 约100)",
    ),
    "col-start": ("起点", "Start"),
    "more-than": ("超过{value}", "more than {value}"),
    "less-than": ("低于{value}", "less than {value}"),
    "above-previous": ("高于上年", "above the previous year"),
    "below-previous": ("低于上年", "below the previous year"),
    "sheet-title": ("{title}：年度目标分解", "{title}: annual steps"),
    "sheet-subtitle": (
        "{subtitle} · 数据文件 {file}", "{subtitle} · data file {file}",
    ),
    "sheet-subtitle-plan": (
        "{subtitle} · 基期值取自规划原文", "{subtitle} · baselines from the plan's own figures",
    ),
    "year": ("{year}年", "{year}"),
    # the assessment against the year's step
    "col-step": ("{year}年度目标", "{year} step"),
    "step-legend": (
        "{year}年度目标（{sources}）：✓ 完成，✗ 未完成，? 无法判定",
        "{year} step ({sources}): ✓ met, ✗ missed, ? not judged",
    ),
    "source-plan": ("规划文件所定", "set in the plan file"),
    "source-compound": ("复利路径", "compound path"),
    "source-linear": ("线性路径", "linear path"),
    "missed": (
        "未完成年度目标：{plan}：{target}，{year} 年目标 {step}，实际 {figure}，差距 {gap}",
        "step missed: {plan}: {target}, {year} step {step}, figure {figure}, short by {gap}",
    ),
    # a step in words: a JUnit test case's output, the Excel summary's counts
    "outcome-met": ("{step}：完成，实际 {figure}", "{step}: met, figure {figure}"),
    "outcome-missed": (
        "{step}：未完成，实际 {figure}，差距 {gap}",
        "{step}: missed, figure {figure}, short by {gap}",
    ),
    "outcome-not-judged": ("{step}：无法判定", "{step}: not judged"),
    "counts": (
        "{header}（{sources}）：完成 {met}，未完成 {missed}，无法判定 {not_judged}",
        "{header} ({sources}): met {met}, missed {missed}, not judged {not_judged}",
    ),
    "col-step-value": ("目标值", "Step"),
    "col-step-gap": ("差距", "Gap"),
    "col-step-met": ("完成情况", "Met"),
    "met": ("完成", "met"),
    "not-met": ("未完成", "missed"),
    "not-judged": ("无法判定", "not judged"),
    # the Word report's sentence on the year's step (render/docx/step_sentence.py)
    "docx-plan": ("年度计划确定的{year}年目标为{step}",
                  "The annual work plan sets {step} for {year}"),
    "docx-compound": ("按复利路径测算，{year}年应达到{step}",
                      "On the compound path, {year} should reach {step}"),
    "docx-linear": ("按线性路径测算，{year}年应达到{step}",
                    "On the linear path, {year} should reach {step}"),
    "docx-above-previous": ("高于{year}年的{value}", "above the {year} figure, {value}"),
    "docx-below-previous": ("低于{year}年的{value}", "below the {year} figure, {value}"),
    "docx-met": ("，完成年度目标", ": the step was met"),
    "docx-missed": ("，未完成年度目标，差距{gap}", ": the step was missed by {gap}"),
    "docx-no-figure": (
        "；{year}年尚无数据，无法判定是否完成年度目标",
        "; there is no figure for {year}, so whether the step was met cannot be judged",
    ),
    "docx-unsettled": (
        "；{year}年数值的范围无法判定是否完成年度目标",
        "; the bounds of the {year} figure do not settle whether the step was met",
    ),
}
