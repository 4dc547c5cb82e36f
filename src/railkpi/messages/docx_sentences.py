"""The Word report draft's sentences on one target: the target as the plan sets it, then the
sentences by kind and status — the level reached, growth since the baseline, completion against
time elapsed, the growth still needed and its difficulty, the projection, achieved or missed,
and which figure is missing. Each entry is (zh, en), str.format fields by name.
"""

from __future__ import annotations

from railkpi.messages import Bilingual

#: The target as the plan sets it, first sentence of a paragraph.
DOCX_GOAL: dict[str, Bilingual] = {
    "level": ("规划目标为{year}年{target}。", "Target: {target} by {year}."),
    "range": ("规划目标为{year}年达到{target}。", "Target: {target} by {year}."),
    "change": (
        "规划目标为{year}年较{base_year}年{verb}{delta}，即{target}。",
        "Target: {verb} of {delta} on {base_year} by {year}, i.e. {target}.",
    ),
    "change-open": (
        "规划目标为{year}年较{base_year}年{verb}{delta}。",
        "Target: {verb} of {delta} on {base_year} by {year}.",
    ),
    # A change of zero: "further raised" (进一步提高) is the target year above the baseline's.
    "change-above": ("规划目标为{year}年高于{base_year}年水平，即{target}。",
                     "Target: above the {base_year} level by {year}, i.e. {target}."),
    "change-not-below": ("规划目标为{year}年不低于{base_year}年水平，即{target}。",
                         "Target: not below the {base_year} level by {year}, i.e. {target}."),
    "change-below": ("规划目标为{year}年低于{base_year}年水平，即{target}。",
                     "Target: below the {base_year} level by {year}, i.e. {target}."),
    "change-not-above": ("规划目标为{year}年不高于{base_year}年水平，即{target}。",
                         "Target: not above the {base_year} level by {year}, i.e. {target}."),
    # The same without a baseline figure to state the level by.
    "change-above-open": ("规划目标为{year}年高于{base_year}年水平。",
                          "Target: above the {base_year} level by {year}."),
    "change-not-below-open": ("规划目标为{year}年不低于{base_year}年水平。",
                              "Target: not below the {base_year} level by {year}."),
    "change-below-open": ("规划目标为{year}年低于{base_year}年水平。",
                          "Target: below the {base_year} level by {year}."),
    "change-not-above-open": ("规划目标为{year}年不高于{base_year}年水平。",
                              "Target: not above the {base_year} level by {year}."),
    "change-up": ("增加", "an increase"),
    "change-down": ("减少", "a decrease"),
    "ratio": (
        "规划目标为{year}年达到{base_year}年的{k}倍，即{target}。",
        "Target: {k} times the {base_year} level by {year}, i.e. {target}.",
    ),
    "ratio-open": (
        "规划目标为{year}年达到{base_year}年的{k}倍。",
        "Target: {k} times the {base_year} level by {year}.",
    ),
    "growth": (
        "规划目标为{base_year}—{year}年年均增长{rate}，即{year}年{target}。",
        "Target: average growth of {rate} a year over {base_year}–{year}, i.e. {target} in "
        "{year}.",
    ),
    "growth-open": (
        "规划目标为{base_year}—{year}年年均增长{rate}。",
        "Target: average growth of {rate} a year over {base_year}–{year}.",
    ),
    "each_year": ("规划目标为{first}—{last}年每年{target}。",
                  "Target: {target} in every year from {first} to {last}."),
    "trend": ("规划目标为{first}—{last}年{word}。", "Target: {word} every year from {first} to "
              "{last}."),
}

#: Sentences on one target. {value}, {amount}, {gap} are amounts with their unit; {rate},
#: {total}, {annual}, {completion} are percentages; {points} percentage points.
DOCX_TEXT: dict[str, Bilingual] = {
    "lead": ("（{n}）{name}（{status}）。", "({n}) {name} — {status}."),
    # the level reached
    "reached": ("截至{year}年，{name}达到{value}", "As of {year} it reached {value}"),
    "fell-to": ("截至{year}年，{name}降至{value}", "As of {year} it fell to {value}"),
    "stood": ("截至{year}年，{name}为{value}", "As of {year} it stood at {value}"),
    "qualified": ("截至{year}年，{name}{value}", "As of {year} it was {value}"),
    # growth since the baseline
    "up": ("，较{base}增长{total}", ", up {total} on {base}"),
    "down": ("，较{base}下降{total}", ", down {total} on {base}"),
    "up-annual": ("，年均增长{annual}", ", {annual} a year on average"),
    "down-annual": ("，年均下降{annual}", ", {annual} a year on average"),
    "flat": ("，与{base}持平", ", unchanged from {base}"),
    "about-flat": ("，与{base}基本持平", ", about the same as in {base}"),
    "points-up": ("，较{base}提高{points}个百分点", ", up {points} percentage points on {base}"),
    "points-down": ("，较{base}降低{points}个百分点",
                    ", down {points} percentage points on {base}"),
    "more": ("，较{base}增加{amount}", ", {amount} more than in {base}"),
    "less": ("，较{base}减少{amount}", ", {amount} less than in {base}"),
    "away": ("，与目标要求的方向相反", ", moving away from the target"),
    # completion against time elapsed
    "behind": ("；完成进度{completion}，慢于序时进度{points}个百分点",
               "; completion is {completion}, {points} percentage points behind the time "
               "elapsed ({elapsed})"),
    "ahead": ("；完成进度{completion}，快于序时进度{points}个百分点",
              "; completion is {completion}, {points} percentage points ahead of the time "
              "elapsed ({elapsed})"),
    "level": ("；完成进度{completion}，与序时进度持平",
              "; completion is {completion}, level with the time elapsed ({elapsed})"),
    # the growth now needed, over the years ahead: from the latest figure to the target year
    "ahead-1": ("今后一年", "in the remaining year"),
    "ahead-n": ("今后{years}年", "over the remaining {years} years"),
    # … named where the latest figure is of an earlier year than the one assessed, so that
    # "the remaining three years" is not read as counting from the year assessed
    "span-1": ("{year}年", "in {year}"),
    "span-n": ("{first}—{last}年", "over {first}–{last}"),
    "need-up-1": ("。按目标要求，{ahead}需增长{rate}",
                  ". To meet the target it must grow {rate} {ahead}"),
    "need-up-n": ("。按目标要求，{ahead}需年均增长{rate}",
                  ". To meet the target it must grow {rate} a year {ahead}"),
    "need-down-1": ("。按目标要求，{ahead}需下降{rate}",
                    ". To meet the target it must fall {rate} {ahead}"),
    "need-down-n": ("。按目标要求，{ahead}需年均下降{rate}",
                    ". To meet the target it must fall {rate} a year {ahead}"),
    "need-points-up-1": ("。按目标要求，{ahead}需提高{points}个百分点",
                         ". To meet the target it must rise {points} percentage points {ahead}"),
    "need-points-up-n": ("。按目标要求，{ahead}需累计提高{points}个百分点",
                         ". To meet the target it must rise {points} percentage points {ahead}"),
    "need-points-down-1": ("。按目标要求，{ahead}需降低{points}个百分点",
                           ". To meet the target it must fall {points} percentage points "
                           "{ahead}"),
    "need-points-down-n": ("。按目标要求，{ahead}需累计降低{points}个百分点",
                           ". To meet the target it must fall {points} percentage points "
                           "{ahead}"),
    "need-more-1": ("。按目标要求，{ahead}需增加{amount}",
                    ". To meet the target it must increase by {amount} {ahead}"),
    "need-more-n": ("。按目标要求，{ahead}需累计增加{amount}",
                    ". To meet the target it must increase by {amount} {ahead}"),
    "need-less-1": ("。按目标要求，{ahead}需减少{amount}",
                    ". To meet the target it must decrease by {amount} {ahead}"),
    "need-less-n": ("。按目标要求，{ahead}需累计减少{amount}",
                    ". To meet the target it must decrease by {amount} {ahead}"),
    # the projection
    "projected-on-time": (
        "。按{base_year}年以来的年均增速测算，{year}年预计{about}为{value}，{reach_year}年可达到目标，"
        "能够如期完成",
        ". At the average growth since {base_year} it would be {about}{value} in {year}, "
        "reaching the target in {reach_year}, on time",
    ),
    "projected-late": (
        "。按{base_year}年以来的年均增速测算，{year}年预计{about}为{value}，{reach_year}年才能达到目标",
        ". At the average growth since {base_year} it would be {about}{value} in {year} and "
        "reach the target only in {reach_year}",
    ),
    "projected-never": (
        "。按{base_year}年以来的变化趋势测算，{year}年预计{about}为{value}，目标难以实现",
        ". On the trend since {base_year} it would be {about}{value} in {year}, and the target "
        "would not be reached",
    ),
    "no-target-year-figure": (
        "。目标年（{year}年）已过，但尚无该年数据，以上按{latest}年数据判断",
        ". The target year {year} has passed without a figure for it; the above rests on the "
        "{latest} figure",
    ),
    # achieved, missed
    "achieved-early": ("，已提前完成规划目标", ", so the target has been met ahead of time"),
    "achieved": ("，完成规划目标", ", so the target was met"),
    "beyond-higher": ("，超出目标{amount}", " ({amount} above it)"),
    "beyond-higher-points": ("，超出目标{points}个百分点",
                             " ({points} percentage points above it)"),
    "beyond-lower": ("，低于目标值{amount}", " ({amount} below it)"),
    "beyond-lower-points": ("，低于目标值{points}个百分点",
                            " ({points} percentage points below it)"),
    "missed": ("；完成进度{completion}，未完成规划目标，距目标尚差{gap}",
               "; completion is {completion}: the target was missed by {gap}"),
    "missed-gap": ("，未完成规划目标，距目标尚差{gap}", ": the target was missed by {gap}"),
    "missed-growth": ("，低于{rate}的目标要求，未完成规划目标",
                      ", short of the {rate} a year required: the target was missed"),
    "missed-strict": ("，与目标值持平，但目标要求{target}，未完成规划目标",
                      ", equal to the target value, but the target is {target}: missed"),
    # figures missing or not settling the target
    "unsettled": (
        "截至{year}年，{name}{value}，这一数字的范围无法判定是否达到{target}的目标；需要{years}的"
        "确切数值",
        "As of {year} it was {value}; these bounds do not settle whether the target of "
        "{target} is met: the exact figures for {years} are needed",
    ),
    "no-figures": (
        "数据文件和规划原文中均没有{name}{span}的数值，无法评估；需补充基期（{base_year}年）和"
        "最新年份的数据",
        "Neither the data file nor the plan gives a figure for {span}, so it cannot be "
        "assessed; the baseline ({base_year}) and the latest figure are needed",
    ),
    "no-baseline": (
        "缺少基期（{base_year}年）数值，无法计算完成进度和增速；需补充{base_year}年数据",
        "The baseline ({base_year}) figure is missing, so progress and growth cannot be "
        "computed; the {base_year} figure is needed",
    ),
    "latest-only": ("截至{year}年，{name}为{value}。", "As of {year} it stood at {value}. "),
    "only-baseline": (
        "目前仅有基期（{base_year}年）数值{value}，尚无法判断进度；需补充{base_year}年以后的数据",
        "Only the baseline ({base_year}) figure, {value}, is known, so progress cannot be "
        "judged yet; figures after {base_year} are needed",
    ),
    "ratio-zero": (
        "基期（{base_year}年）数值为零，倍数目标无定义，无法评估",
        "The baseline ({base_year}) figure is zero, so a multiple of it is undefined and the "
        "target cannot be assessed",
    ),
    "growth-nonpositive": (
        "基期（{base_year}年）数值不为正，年均增速目标无法换算为目标值，无法评估",
        "The baseline ({base_year}) figure is not positive, so the growth target cannot be "
        "turned into a level and cannot be assessed",
    ),
    "not-judged": ("现有数据不足以判断进度", "The figures available do not allow a judgement"),
    # each_year and trend
    "window-latest": ("{year}年{name}为{value}", "In {year} it was {value}"),
    # one year met, or several (均: each of them)
    "each-met-so-far": ("，{years}达到要求，符合进度", "; it was met in {years}, on track"),
    "each-met-so-far-all": ("，{years}均达到要求，符合进度", "; it was met in {years}, on track"),
    "each-met": ("，{years}达到要求，完成规划目标", "; it was met in {years}: the target is "
                 "achieved"),
    "each-met-all": ("，{years}均达到要求，完成规划目标", "; it was met in {years}: the target "
                     "is achieved"),
    "each-failed": ("；其中{years}未达到要求，该目标已无法完成",
                    "; it was missed in {years}, so the target can no longer be achieved"),
    "trend-so-far": ("；{base_year}年以来逐年{word}，符合要求", "; it has {word} every year since "
                     "{base_year}, as required"),
    "trend-so-far-gaps": ("；有数据的年份均比上年{word}", "; it has {word} in every year with "
                          "figures"),
    "trend-met": ("；{span}逐年{word}，完成规划目标", "; it has {word} every year of {span}: the "
                  "target is achieved"),
    "trend-failed": ("；其中{years}未比上年{word}，该目标已无法完成",
                     "; it did not {word} on the year before in {years}, so the target can no "
                     "longer be achieved"),
    "window-missing": ("；{years}缺少数据", "; no figure for {years}"),
    "window-missing-end": ("；{years}缺少数据，无法判定是否完成，需补充该年数据",
                           "; without the figures for {years} the target cannot be settled: "
                           "they are needed"),
    "window-unsettled": ("；{years}的数值为约数或区间，无法判定是否达到要求，需要确切数值",
                         "; the figures for {years} are bounds or approximations that do not "
                         "settle it: exact figures are needed"),
    "window-none": ("尚无{span}的数据，无法评估；需补充各年数据",
                    "There is no figure for {span}, so it cannot be assessed; the yearly figures "
                    "are needed"),
    "window-not-started": ("考核期（{span}）尚未开始", "The years it covers ({span}) have not "
                           "begun"),
    "trend-none": ("数据不足，无法判断逐年变化；需要{base_year}年及以后各年的数值",
                   "Too few figures to judge the change from year to year; the figures for "
                   "{base_year} and the years after are needed"),
}

#: The difficulty of what is still needed: needed ÷ achieved growth a year
#: (calc/difficulty.py).
DOCX_DIFFICULTY: dict[str, Bilingual] = {
    "within-reach": ("，保持目前的增长势头即可实现", ", within reach if the growth so far "
                     "continues"),
    "some": ("，实现有一定难度", ", which will take some effort"),
    "hard": ("，实现难度较大", ", which will be difficult"),
    "very-hard": ("，实现难度很大", ", which will be very difficult"),
}
