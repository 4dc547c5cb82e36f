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
}
