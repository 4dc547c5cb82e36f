"""Wording of the Markdown, CSV and JUnit outputs."""

from __future__ import annotations

from railkpi.messages import Bilingual

#: Markdown (`--format markdown`, the GitHub step summary) and JUnit (`--junit`) wording.
OUTPUT: dict[str, Bilingual] = {
    "subtitle": (
        "基期 {b} 年 · 截至 {a} 年 · 目标年 {t} 年（另注者除外）· 判定阈值 {th}",
        "baseline {b} · as of {a} · target year {t} (unless shown) · thresholds {th}",
    ),
    "col-indicator": ("指标（单位）", "Indicator (unit)"),
    "col-baseline": ("基期", "Base"),
    "col-latest": ("最新", "Latest"),
    "col-target": ("目标", "Target"),
    "col-gap": ("差距", "Gap"),
    "col-completion": ("完成进度", "Done"),
    "col-time": ("序时进度", "Time"),
    "col-cagr": ("实际增速", "CAGR"),
    "col-needed": ("今后需增速", "CAGR needed"),
    "col-status": ("状态", "Status"),
    "statuses": ("状态汇总", "Statuses"),
    "linear": (
        "* 增速无定义（零或负值），按线性方法判定：完成进度对照序时进度",
        "* growth rates undefined (zero or negative figures): judged by the linear method, "
        "completion against time elapsed",
    ),
    "notes": ("说明", "Notes"),
    "problems": ("问题", "Problems"),
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "audit-type": ("类型", "Type"),
    "audit-finding": ("问题", "finding"),
    "audit-unchecked": ("未核对", "unchecked"),
    "audit-years": ("年份", "Years"),
    "audit-unchecked-heading": ("未能核对", "Not checked"),
    "internal-error": (
        "railkpi {version}：内部错误（{error}）。这是 railkpi 的缺陷，不是您文件的问题。"
        "请把所运行的命令和这条消息报告给 railkpi 的维护者；加 --debug 再运行"
        "（railkpi --debug 命令 …）可看到程序的调用栈。",
        "railkpi {version}: internal error ({error}).\nThis is a bug in railkpi, not in your "
        "files. Please report it with the command you ran and this message to the railkpi "
        "maintainers; run again with --debug (railkpi --debug COMMAND …) to see the traceback.",
    ),
    "failure": (
        "{status}：差距 {gap}；今后所需年均增速 {required}",
        "{status}: gap {gap}; annual growth required from now {required}",
    ),
}

#: Column headers of `--format csv`, one per field, unique in each language.
CSV_COLUMN: dict[str, Bilingual] = {
    "plan": ("规划编号", "Plan"),
    "group": ("类别编号", "Group id"),
    "group_name": ("类别", "Group"),
    "target": ("目标编号", "Target id"),
    "indicator": ("指标编号", "Indicator id"),
    "indicator_name": ("指标", "Indicator"),
    "unit": ("单位", "Unit"),
    "kind": ("目标类型", "Kind"),
    "op": ("比较符", "Op"),
    "value": ("目标数值（原文）", "Stated value"),
    "target_value": ("目标值", "Target value"),
    "target_min": ("目标下限", "Target min"),
    "target_max": ("目标上限", "Target max"),
    "target_year": ("目标年", "Target year"),
    "baseline_year": ("基期年", "Baseline year"),
    "baseline_value": ("基期值", "Baseline value"),
    "baseline_qualifier": ("基期值限定词", "Baseline qualifier"),
    "baseline_source": ("基期值来源", "Baseline source"),
    "latest_year": ("最新年", "Latest year"),
    "latest_value": ("最新值", "Latest value"),
    "latest_qualifier": ("最新值限定词", "Latest qualifier"),
    "latest_source": ("最新值来源", "Latest source"),
    "gap": ("差距", "Gap"),
    "completion": ("完成进度", "Completion"),
    "time_elapsed": ("序时进度", "Time elapsed"),
    "actual_cagr": ("实际年均增速", "Actual CAGR"),
    "required_cagr": ("所需年均增速（自基期）", "Required CAGR"),
    "required_cagr_from_latest": ("今后所需年均增速", "Required CAGR from latest"),
    "growth_ratio": ("增速比", "Growth ratio"),
    "projected": ("预计目标年值", "Projected"),
    "projected_year": ("预计达标年份", "Projected year"),
    "method": ("判定方法", "Method"),
    "status": ("状态代码", "Status code"),
    "status_word": ("状态", "Status"),
    "approximate": ("近似值", "Approximate"),
    "notes": ("说明", "Notes"),
    "quote": ("依据原文", "Plan wording"),
    "target_text": ("目标", "Target"),
    "yoy_growth": ("同比增长", "YoY growth"),
    "needed_per_year": ("今后每年还需", "Still needed per year"),
    "previous_status": ("上年状态代码", "Previous status code"),
    "change": ("较上年变化", "Change"),
    "timeline": ("历年状态", "Timeline"),
    "filter": ("筛选条件", "Filter"),
    # `railkpi diff --format csv`
    "section": ("类别", "Section"),
    "old": ("原值", "Old"),
    "new": ("现值", "New"),
    "old_source": ("原来源", "Old source"),
    "new_source": ("现来源", "New source"),
    # `railkpi validate --format csv`: one row per figure read
    "year": ("年份", "Year"),
    "figure": ("数值", "Value"),
    "qualifier": ("限定词", "Qualifier"),
    "lower": ("下界", "Lower bound"),
    "upper": ("上界", "Upper bound"),
    "lower_inclusive": ("含下界", "Lower bound included"),
    "upper_inclusive": ("含上界", "Upper bound included"),
    "unit_given": ("填报单位", "Unit given"),
    "origin": ("取自", "From"),
    "where": ("位置", "Where"),
    "source_note": ("来源", "Source"),
    "note": ("备注", "Note"),
    # `railkpi plans --format csv`
    "title": ("规划名称", "Title"),
    "period_start": ("规划期起", "Period start"),
    "period_end": ("规划期止", "Period end"),
    "targets": ("目标数", "Targets"),
    "document": ("文号", "Document"),
    # `railkpi template --format csv`
    "file": ("文件", "File"),
    "indicators": ("指标数", "Indicators"),
    "first_year": ("起始年", "First year"),
    "last_year": ("结束年", "Last year"),
    # `railkpi cagr` and `railkpi required --format csv`
    "cagr": ("年均增速", "CAGR"),
    "required_cagr_now": ("所需年均增速", "Required CAGR"),
}
