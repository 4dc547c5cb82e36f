"""Problems in plan files: the schema, cross-references, plans loaded together."""

from __future__ import annotations

from railkpi.messages import Bilingual

#: Plan files: values, ids and years, and plans loaded together.
PLAN_PROBLEMS: dict[str, Bilingual] = {
    "plan-not-found": (
        "找不到规划“{found}”：既不是内置规划编号（{bundled}），也不是存在的 YAML 文件",
        "no plan '{found}': neither a bundled plan id ({bundled}) nor an existing YAML file",
    ),
    "plan-yaml": (
        "YAML 语法错误（第 {line} 行第 {column} 列）：{detail}",
        "YAML syntax error at line {line}, column {column}: {detail}",
    ),
    "plan-not-mapping": (
        "规划文件顶层应为映射（plan:, indicators:, targets: …），实际为 {found}",
        "a plan file must be a mapping (plan:, indicators:, targets: …); found {found}",
    ),
    "plan-invalid": ("{detail}（实际为 {found}）", "{detail} (found {found})"),
    "plan-unknown-indicator": (
        "指标“{found}”未在 indicators 中定义{hint}",
        "indicator '{found}' is not defined under indicators{hint}",
    ),
    "plan-unknown-group": (
        "类别“{found}”未在 groups 中定义{hint}；已定义：{expected}",
        "group '{found}' is not defined under groups{hint}; defined: {expected}",
    ),
    "plan-unknown-key": (
        "未知的键“{key}”{hint}",
        "unknown key '{key}'{hint}",
    ),
    "plan-bad-choice": (
        "{field} 不能是“{found}”{hint}；可选：{expected}",
        "{field} cannot be '{found}'{hint}; expected one of {expected}",
    ),
    "plan-value-wording": (
        "“{found}”照搬了规划原文的写法；{advice}",
        "'{found}' is written as the plan's text words it; {advice}",
    ),
    "plan-no-english-quotes": (
        "规划没有为任何依据原文提供英文译文（quote_en）；英文输出中的依据原文显示中文",
        "the plan gives no English rendering of any quote (quote_en); English output shows "
        "the Chinese wording",
    ),
    "plan-duplicate-target": (
        "目标编号“{found}”重复（另见 {other}）",
        "target id '{found}' is used twice (also {other})",
    ),
    "plan-year-outside-period": (
        "目标年 {found} 不在规划期 {start}–{end} 内",
        "target year {found} is outside the plan period {start}-{end}",
    ),
    "plan-baseline-after-target": (
        "基期年 {baseline} 不早于目标年 {found}",
        "baseline year {baseline} is not before the target year {found}",
    ),
    "plan-op-against-better": (
        "比较符 {found} 与指标方向（better: {better}）相反",
        "comparator {found} contradicts the indicator's direction (better: {better})",
    ),
    "plan-direction-against-better": (
        "方向 {found} 与指标方向（better: {better}）相反",
        "direction {found} contradicts the indicator's direction (better: {better})",
    ),
    "plan-duplicate-alias": (
        "别名“{found}”同时指向 {first} 和 {second}",
        "alias '{found}' names both {first} and {second}",
    ),
    "plan-duplicate-id": (
        "规划编号“{found}”被加载了两次（{other}）",
        "plan id '{found}' is loaded twice (also {other})",
    ),
    "plan-indicator-conflict": (
        "指标 {indicator} 在两个规划中的 {field} 不一致："
        "{found}（此处）与 {other_value}（{other}）",
        "indicator {indicator} has {field} {found} here but {other_value} in {other}",
    ),
    "plan-scope-conflict": (
        "指标 {indicator} 的口径此处为{found}，在 {other} 中为{other_value}；口径不同的数字不是"
        "同一个量，不能共用一个指标编号：请为其中一个改用新的编号",
        "indicator {indicator} has the scope {found} here but {other_value} in {other}; "
        "figures of different scopes are different quantities and cannot share an indicator "
        "id: give one of them an id of its own",
    ),
    # annual steps (milestones:)
    "plan-milestone-year": (
        "年度目标的年份 {found} 不在 {first}–{last} 年内（应在基期年之后、规划期内、不晚于目标年）",
        "step year {found} is not within {first}-{last} (after the baseline year, inside the "
        "plan period, at or before the target year)",
    ),
    "plan-milestone-kind": (
        "每年目标（each_year）已规定每一年的目标，不另设 milestones",
        "an each_year target sets every year's step itself and takes no milestones",
    ),
    "plan-milestone-qualifier": (
        "年度目标“{found}”的限定词与目标的方向（{direction}）相反",
        "the step '{found}' is worded against the target's direction ({direction})",
    ),
    "plan-milestone-backwards": (
        "{year} 年的年度目标 {found} 比 {previous_year} 年的 {previous} 后退"
        "（目标方向：{direction}）",
        "the {year} step {found} goes back from {previous} ({previous_year}); the target is "
        "{direction}",
    ),
    # the roster section
    "plan-roster-conflict": (
        "企业名录部分的{what}在两个规划中不一致：{found}（此处）与 {other_value}（{other}）",
        "the roster section's {what} is {found} here but {other_value} in {other}",
    ),
    "plan-roster-label": (
        "企业名录用语“{found}”同时指向 {first} 和 {second}；每个赛道名称、别名或列名只能指向一处",
        "the roster word '{found}' names both {first} and {second}; a segment name, alias or "
        "column header may name one only",
    ),
    "plan-roster-reserved": (
        "“{found}”是企业名录预留的赛道“其他”（不属于任何赛道的企业），不能另作赛道",
        "'{found}' is the roster's own segment 其他 / other (firms in no segment) and cannot "
        "name a segment of the plan",
    ),
}

#: What a plan-roster-conflict is about: the firm count's indicator, a segment, tier or flag.
ROSTER_PARTS: dict[str, Bilingual] = {
    "firm_count": ("企业数量指标", "the firm count indicator"),
    "segment": ("赛道", "segment"),
    "tier": ("收入分档", "tier"),
    "flag": ("标记", "flag"),
}

#: The endings of plan problems that say what to write: did you mean, the keys allowed, the
#: fields to write instead of the plan's wording, a scope as plan-scope-conflict names it.
PLAN_HINTS: dict[str, Bilingual] = {
    "did-you-mean": ("；是否应为“{suggestion}”？", "; did you mean '{suggestion}'?"),
    "name-not-id": (
        "；“{found}”是“{known}”的名称或别名，此处应写编号 {known}",
        "; '{found}' is a name or alias of '{known}': write its id, {known}",
    ),
    "keys-allowed": ("；此处可用的键：{keys}", "; the keys allowed here: {keys}"),
    "figure": (
        "规划文件中的数字按指标的单位（{unit}）书写，不带单位：请写作 \"{fixed}\"",
        "a plan file's figures are in the indicator's unit ({unit}) and carry no unit word: "
        "write \"{fixed}\"",
    ),
    "range": (
        "区间写作 kind: range（每年的区间为 kind: each_year），min: {low}，max: {high}"
        "（两端都包含）",
        "a range is written kind: range (or each_year for every year) with min: {low} and "
        "max: {high} (both ends included)",
    ),
    "target": (
        "比较词写在 op，数字写在 value{unit}：请写作 {op}value: {value}",
        "the comparator goes in op and the number in value{unit}: write {op}value: {value}",
    ),
    "target-op": ("op: \"{op}\"，", "op: \"{op}\" and "),
    "target-unit": ("（单位 {unit}，不带单位）", " (in {unit}, without a unit word)"),
    "scope": ("“{scope}”", "'{scope}'"),
    "no-scope": ("（未注明）", "(none given)"),
}

#: Which way a target goes, as a problem about its annual steps names it.
STEP_DIRECTIONS: dict[str, Bilingual] = {
    "up": ("升高", "rising"),
    "down": ("降低", "falling"),
}
