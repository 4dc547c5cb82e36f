"""Notes on one target's result: why a figure is missing, where a number came from."""

from __future__ import annotations

from railkpi.messages import Bilingual

#: Notes attached to one target's result (why a figure is missing, where a number came from).
NOTE: dict[str, Bilingual] = {
    "baseline-from-plan": (
        "基期值 {year} 年取自规划原文",
        "baseline {year} taken from the plan's own figures",
    ),
    "baseline-fallback": (
        "缺少 {wanted} 年基期值，以 {used} 年代替",
        "no figure for the baseline year {wanted}; {used} used instead",
    ),
    "baseline-missing": (
        "缺少基期（{year} 年）数据，无法换算目标值",
        "no figure for the baseline year {year}; the target cannot be resolved",
    ),
    "baseline-nonpositive": (
        "基期值不为正，年均增速无定义，改用线性方法",
        "baseline is not positive: growth rates are undefined, linear method used",
    ),
    "latest-nonpositive": (
        "最新值不为正，年均增速无定义，改用线性方法",
        "latest value is not positive: growth rates are undefined, linear method used",
    ),
    "only-baseline": (
        "仅有基期年数据，尚无法判断进度",
        "only the baseline year is observed; progress cannot be judged yet",
    ),
    "weak-evidence": (
        "仅一年数据，判断依据较弱",
        "one year of data since the baseline: weak evidence",
    ),
    "hold-level": (
        "目标等于基期值（保持水平）",
        "target equals the baseline (hold the level)",
    ),
    "exceeds-range": (
        "{year} 年数值 {value} 已越过区间的另一端（{bound}）",
        "{year}: {value} is beyond the far end of the range ({bound})",
    ),
    "no-target-year-figure": (
        "已过目标年 {year}，但缺少该年数据",
        "the target year {year} has passed but has no figure",
    ),
    "missing-years": ("缺少 {years} 年数据", "no figure for {years}"),
    "failing-years": ("{years} 年未达标", "target missed in {years}"),
    "wrong-direction-years": ("{years} 年未按要求变化", "not moving as required in {years}"),
    "bounds-unsettled": (
        "{year} 年数值 {figure} 的范围无法判定是否满足目标 {target}",
        "{year}: the bounds of {figure} do not settle whether the target {target} is met",
    ),
    "unsettled-years": (
        "{years} 年数值为约数或区间，无法判定",
        "figures for {years} are bounds or approximations that do not settle the target",
    ),
    "approximate": (
        "由约数或区间的点值计算，增速为近似值",
        "computed from the point value of a qualified figure: rates are approximate",
    ),
    "ratio-zero-baseline": (
        "基期值不为正，倍数目标无定义",
        "the baseline is not positive: a multiple of it is undefined",
    ),
    "growth-not-met": (
        "实际年均增速 {actual} 低于目标 {target}",
        "actual growth {actual} a year against a target of {target}",
    ),
    "out-of-range": (
        "数值过大或过小，部分计算结果超出可表示范围，记为无定义（—）",
        "a figure is too large or too small: results beyond what a number can hold are left "
        "undefined (—)",
    ),
    "target-year-strict": (
        "目标为严格不等式（{op}），等于目标值不算完成",
        "the target is strict ({op}): equalling it is not enough",
    ),
    "beyond-baseline": (
        "目标为超出基期值（{op}{value}），目前尚未超出",
        "the target is to move beyond the baseline ({op}{value}), which it has not yet done",
    ),
    # The plan's own reading notes (a target's `note`, a published figure's `note`).
    "plan-note": ("{zh}", "{en}"),
    "figure-note": ("{year} 年数值：{zh}", "the {year} figure: {en}"),
    # annual steps (railkpi milestones; assess against the year's step)
    "milestone-no-baseline": (
        "规划原文和数据文件中都没有 {year} 年的基期值，无法分解年度目标",
        "no figure for the baseline year {year} in the plan's own figures or a workbook "
        "(--data): no annual steps",
    ),
    "milestone-bound-start": (
        "{year} 年数值 {figure} 只是一侧的界限，不能作为起点；请用确数",
        "{year}: {figure} is only a bound, not a figure to start from; give the figure itself",
    ),
    "milestone-growth-nonpositive": (
        "基期值不为正，年均增速目标无法换算为目标值",
        "the baseline is not positive: a growth target cannot be resolved to a level",
    ),
    "milestone-linear-fallback": (
        "起点值或目标值不为正，复利路径无定义，改用线性路径",
        "the start or the target is not positive: no compound path, the linear path is used",
    ),
    "milestone-approximate": (
        "{year} 年数值 {figure} 为约数或区间，按其点值计算，年度目标为近似值",
        "{year}: {figure} is a qualified figure; the steps come from its point value and are "
        "approximate",
    ),
    "milestone-already-met": (
        "起点（{year} 年 {figure}）已达到目标，各年目标即为目标值",
        "the start ({figure} in {year}) already meets the target: every step is the target",
    ),
    "milestone-target-year-reached": (
        "已有 {year} 年数据，目标年已到，不再分解",
        "there is a figure for {year}, the target year: no steps left",
    ),
    "milestone-plan-steps": (
        "规划文件另定了 {years} 年的年度目标（见 railkpi targets），评估时以其为准",
        "the plan file sets its own steps for {years} (see railkpi targets); assess judges "
        "against those",
    ),
    "milestone-no-figure": (
        "{year} 年无数据，无法判定是否完成年度目标",
        "no figure for {year}: the step cannot be judged",
    ),
    "milestone-unsettled": (
        "{year} 年数值 {figure} 的范围无法判定是否完成年度目标 {step}",
        "{year}: the bounds of {figure} do not settle whether the step {step} is met",
    ),
}
