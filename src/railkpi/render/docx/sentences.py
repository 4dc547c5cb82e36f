"""The paragraph on one target: the target as set, then the sentences for its kind and status.

Single-value targets (level, range, change, ratio, growth) are written here; each-year and trend
targets, and the sentences on missing figures, in window_sentences.py. Every template is in
messages/docx_sentences.py; every figure is one of the report's (render/json_report.py) or
computed from them — x/x0 − 1, x − x0, completion − time elapsed — so that no sentence can
contradict the table. Pure: python-docx is not imported here.
"""

from __future__ import annotations

from railkpi import numeric as f
from railkpi.calc.difficulty import target_difficulty
from railkpi.calc.results import TargetResult
from railkpi.messages import Bilingual, pick
from railkpi.messages.docx_document import DOCX_OP, DOCX_WORDS
from railkpi.messages.docx_sentences import DOCX_DIFFICULTY, DOCX_GOAL, DOCX_TEXT
from railkpi.plans.models import PlanMeta
from railkpi.records import record
from railkpi.render import display as fmt
from railkpi.render.docx import words as w

#: Statuses judged on progress before the target year: the full model sentence.
PROGRESS = ("on_track", "moderate", "off_track", "regressing")


@record
class Context:
    """One target's result with what its sentences need: the plan, the year assessed, the
    language."""

    result: TargetResult
    meta: PlanMeta
    as_of: int
    lang: str

    def text(self, key: str, **fields: object) -> str:
        return self.say(DOCX_TEXT[key], **fields)

    def say(self, entry: Bilingual, **fields: object) -> str:
        return pick(entry, self.lang).format(**fields)

    @property
    def name(self) -> str:
        return self.result.indicator.name(self.lang)

    @property
    def base_year(self) -> int:
        r = self.result
        if r.baseline is not None:
            return r.baseline.year
        return r.target.baseline_year or self.meta.baseline_year

    @property
    def percent_unit(self) -> bool:
        """An indicator measured in %: its changes are percentage points."""
        return self.result.indicator.unit == "%"

    def amount(self, value: float) -> str:
        return w.amount(value, self.result.indicator, self.lang)

    def rate(self, value: float) -> str:
        return w.rate(value, self.result.approximate, self.lang)

    @property
    def goal_value(self) -> float | None:
        """X as one number: a range's near end (its minimum when higher is better)."""
        X = self.result.target_value
        if isinstance(X, tuple):
            return X[0] if self.result.indicator.better == "higher" else X[1]
        return X


@record
class TargetText:
    """A target's paragraph: a lead (number, indicator, status), the target, the assessment."""

    lead: str
    goal: str
    body: str


def target_text(result: TargetResult, meta: PlanMeta, as_of: int, number: int,
                lang: str) -> TargetText:
    from railkpi.render.docx.step_sentence import step_sentence
    from railkpi.render.docx.window_sentences import missing_text, window_text

    ctx = Context(result, meta, as_of, lang)
    lead = ctx.text("lead", n=number, name=ctx.name, status=fmt.status(result, lang))
    if result.target.kind in ("each_year", "trend"):
        body = window_text(ctx)
    elif result.status in ("no_data", "undetermined"):
        body = missing_text(ctx)
    else:
        body = single_value_text(ctx)
    return TargetText(lead, goal_text(ctx), body + step_sentence(ctx))


# -- the target as the plan sets it ----------------------------------------------------------


def op_words(ctx: Context, op: str, value: float) -> str:
    return pick(DOCX_OP[op], ctx.lang).format(v=ctx.amount(value))


def range_words(ctx: Context, low: float, high: float) -> str:
    return pick(DOCX_WORDS["range"], ctx.lang).format(
        low=fmt.number(low, ctx.result.indicator), high=ctx.amount(high))


#: A change target of zero says where the level must stand against the baseline's.
_LEVEL_CHANGE = {">": "change-above", ">=": "change-not-below", "<": "change-below",
                 "<=": "change-not-above"}


def goal_text(ctx: Context) -> str:
    r, t = ctx.result, ctx.result.target
    X = r.target_value if isinstance(r.target_value, float) else None
    target = op_words(ctx, t.op, X) if t.op is not None and X is not None else ""
    fields: dict[str, object] = {"year": r.target_year, "base_year": ctx.base_year,
                                 "target": target}
    key: str = t.kind
    if t.kind in ("range", "each_year") and t.min is not None and t.max is not None:
        fields["target"] = range_words(ctx, t.min, t.max)
    elif t.kind == "each_year":
        assert t.op is not None and t.value is not None
        fields["target"] = op_words(ctx, t.op, t.value)
    elif t.kind == "change" and t.op is not None and f.same(t.value or 0.0, 0.0):
        key = _LEVEL_CHANGE[t.op]
    elif t.kind == "change":
        assert t.value is not None
        fields["verb"] = pick(DOCX_GOAL["change-up" if t.value >= 0 else "change-down"],
                              ctx.lang)
        fields["delta"] = ctx.amount(abs(t.value))
    elif t.kind == "ratio":
        fields["k"] = f"{t.value:g}"
    elif t.kind == "growth":
        assert t.op is not None and t.value is not None
        fields["rate"] = pick(DOCX_OP[t.op], ctx.lang).format(v=fmt.rate(t.value))
    elif t.kind == "trend":
        direction = t.direction or ("rising" if r.indicator.better == "higher" else "falling")
        fields["word"] = pick(DOCX_WORDS[f"{direction}-ing"], ctx.lang)
    if t.kind in ("each_year", "trend"):
        first, last = t.years or ctx.meta.period
        if t.kind == "trend":
            first, last = ctx.base_year, r.target_year
        fields.update(first=first, last=last)
    if t.kind in ("change", "ratio", "growth") and X is None:
        # no baseline figure: the target said without the level it resolves to
        return ctx.say(DOCX_GOAL[f"{t.kind if key == t.kind else key}-open"], **fields)
    return ctx.say(DOCX_GOAL[key], **fields)


# -- clauses ------------------------------------------------------------------------------------


def reached_clause(ctx: Context) -> str:
    """截至2024年，轨道交通产业总收入达到2948.2亿元 / As of 2024 it reached …"""
    r = ctx.result
    assert r.latest is not None
    latest, baseline = r.latest, r.baseline
    value = w.figure_words(latest.figure, r.indicator, ctx.lang)
    d = w.sign(r.indicator)
    moved = 0 if baseline is None else (
        0 if f.same(latest.value, baseline.value) else (1 if latest.value > baseline.value else -1))
    if not latest.figure.exact:
        key = "qualified"
    elif d > 0 and (baseline is None or moved > 0):
        key = "reached"
    elif d < 0 and (baseline is None or moved < 0):
        key = "fell-to"
    else:
        key = "stood"
    return ctx.text(key, year=latest.year, name=ctx.name, value=value)


def since_clause(ctx: Context) -> str:
    """，较2020年增长24.7%，年均增长5.7% — or 下降, 持平, 提高…个百分点, 增加…家."""
    r = ctx.result
    baseline, latest = r.baseline, r.latest
    if baseline is None or latest is None or latest.year <= baseline.year:
        return ""
    x0, x, t0 = baseline.value, latest.value, baseline.year
    if baseline.figure.exact:
        base = w.word("base", ctx.lang, year=t0)
    else:  # the bounds of a qualified baseline, in words: 较2020年的180余家增长约26.7%
        base = w.word("base-figure", ctx.lang, year=t0,
                      value=w.figure_words(baseline.figure, r.indicator, ctx.lang))
    if f.same(x, x0):
        return ctx.text("flat", base=base)
    if ctx.percent_unit or x0 <= 0 or x <= 0:
        change = f.difference(x, x0)
        shown = fmt.number(abs(change), r.indicator)
        if float(shown) == 0:
            return ctx.text("about-flat", base=base)
        if ctx.percent_unit:
            key = "points-up" if change > 0 else "points-down"
            return ctx.text(key, base=base, points=w.about(shown, r.approximate, ctx.lang))
        amount = w.about(w.with_unit(shown, r.indicator, ctx.lang), r.approximate, ctx.lang)
        return ctx.text("more" if change > 0 else "less", base=base, amount=amount)
    total = x / x0 - 1
    if w.printed_percent(total) == 0:
        return ctx.text("about-flat", base=base)
    up = total > 0
    text = ctx.text("up" if up else "down", base=base, total=ctx.rate(abs(total)))
    annual = r.actual_cagr
    if annual is not None and latest.year - t0 > 1 and w.printed_percent(annual) != 0:
        text += ctx.text("up-annual" if up else "down-annual", annual=ctx.rate(abs(annual)))
    return text


def pace_clause(ctx: Context) -> str:
    """；完成进度51.4%，慢于序时进度28.6个百分点 (the difference of the printed percentages)."""
    r = ctx.result
    if r.completion is None or r.time_elapsed is None:
        return ""
    points = w.points_between(r.completion, r.time_elapsed)
    key = "ahead" if points > 0 else "behind" if points < 0 else "level"
    return ctx.text(key, completion=ctx.rate(r.completion), points=w.points_text(points),
                    elapsed=fmt.rate(r.time_elapsed))


def need_clause(ctx: Context) -> str:
    """。按目标要求，今后一年需增长18.7%，实现难度较大 — empty once nothing more is needed."""
    r = ctx.result
    X = ctx.goal_value
    if r.latest is None or X is None or r.latest.year >= r.target_year:
        return ""
    years = r.target_year - r.latest.year
    count = "1" if years == 1 else "n"
    d = w.sign(r.indicator)
    fields: dict[str, object] = {"ahead": _years_ahead(ctx, years)}
    if ctx.percent_unit or r.required_cagr_from_latest is None:
        change = f.difference(X, r.latest.value)
        if d * change <= 0:
            return ""
        shown = fmt.number(abs(change), r.indicator)
        if ctx.percent_unit:
            entry = DOCX_TEXT[f"need-points-{'up' if change > 0 else 'down'}-{count}"]
            fields["points"] = w.about(shown, r.approximate, ctx.lang)
        else:
            entry = DOCX_TEXT[f"need-{'more' if change > 0 else 'less'}-{count}"]
            fields["amount"] = w.about(w.with_unit(shown, r.indicator, ctx.lang), r.approximate,
                                       ctx.lang)
    else:
        needed = r.required_cagr_from_latest
        if d * needed <= 0:
            return ""
        entry = DOCX_TEXT[f"need-{'up' if needed > 0 else 'down'}-{count}"]
        fields["rate"] = ctx.rate(abs(needed))
    level = target_difficulty(r, X)
    difficulty = pick(DOCX_DIFFICULTY[level], ctx.lang) if level is not None else ""
    return ctx.say(entry, **fields) + difficulty


def _years_ahead(ctx: Context, years: int) -> str:
    """今后三年 — or 2023—2025年 where the latest figure is older than the year assessed, when
    "the remaining three years" would be read as counting from the year assessed."""
    latest, last = ctx.result.latest, ctx.result.target_year
    assert latest is not None
    if latest.year < ctx.as_of:
        if years == 1:
            return ctx.text("span-1", year=last)
        return ctx.text("span-n", first=latest.year + 1, last=last)
    if years == 1:
        return ctx.text("ahead-1")
    return ctx.text("ahead-n", years=w.year_count(years, ctx.lang))


def projection_clause(ctx: Context) -> str:
    """。按2020年以来的年均增速测算，2025年预计为3116.9亿元，2027年才能达到目标."""
    r = ctx.result
    if r.method != "cagr" or r.projected is None or r.latest is None:
        return ""
    if r.latest.year >= r.target_year:
        return ""
    fields = {"base_year": ctx.base_year, "year": r.target_year,
              "value": ctx.amount(r.projected), "reach_year": r.projected_year,
              "about": w.word("about-prefix", ctx.lang) if r.approximate else ""}
    if r.projected_year is None:
        return ctx.text("projected-never", **fields)
    key = "projected-on-time" if r.projected_year <= r.target_year else "projected-late"
    return ctx.text(key, **fields)


def overdue_clause(ctx: Context) -> str:
    """The target year has passed without its figure: the judgement rests on an earlier year."""
    r = ctx.result
    if r.latest is None or ctx.as_of < r.target_year or r.latest.year >= r.target_year:
        return ""
    return ctx.text("no-target-year-figure", year=r.target_year, latest=r.latest.year)


def end(ctx: Context) -> str:
    return w.word("sentence-end", ctx.lang)


# -- single-value targets by status -------------------------------------------------------------


def single_value_text(ctx: Context) -> str:
    r = ctx.result
    if r.latest is None:  # achieved/not_achieved always have a latest figure
        from railkpi.render.docx.window_sentences import missing_text

        return missing_text(ctx)
    head = reached_clause(ctx) + since_clause(ctx)
    if r.status == "achieved":
        return head + achieved_clause(ctx) + overdue_clause(ctx) + end(ctx)
    if r.status == "not_achieved":
        return head + missed_clause(ctx) + end(ctx)
    away = ctx.text("away") if r.status == "regressing" else ""
    return (head + away + pace_clause(ctx) + need_clause(ctx) + projection_clause(ctx)
            + overdue_clause(ctx) + end(ctx))


def achieved_clause(ctx: Context) -> str:
    r = ctx.result
    text = ctx.text("achieved-early" if r.early else "achieved")
    if r.target.kind == "range" or r.gap is None or r.gap >= 0:
        return text
    surplus = fmt.number(-r.gap, r.indicator)
    if float(surplus) == 0:
        return text
    higher = r.indicator.better == "higher"
    if ctx.percent_unit:  # a share beyond its target: percentage points, not per cent
        key = "beyond-higher-points" if higher else "beyond-lower-points"
        return text + ctx.text(key, points=surplus)
    key = "beyond-higher" if higher else "beyond-lower"
    return text + ctx.text(key, amount=w.with_unit(surplus, r.indicator, ctx.lang))


def missed_clause(ctx: Context) -> str:
    r, t = ctx.result, ctx.result.target
    if any(n.code == "target-year-strict" for n in r.notes) and isinstance(r.target_value, float):
        assert t.op is not None
        return ctx.text("missed-strict", target=op_words(ctx, t.op, r.target_value))
    if t.kind == "growth" and t.value is not None and r.actual_cagr is not None:
        return ctx.text("missed-growth", rate=fmt.rate(t.value))
    gap = "" if r.gap is None else ctx.amount(r.gap)
    if r.completion is not None:
        return ctx.text("missed", completion=ctx.rate(r.completion), gap=gap)
    return ctx.text("missed-gap", gap=gap)


def brief_text(result: TargetResult, meta: PlanMeta, as_of: int, lang: str) -> str:
    """What the attention list says of a target: where it stands, its pace and what it still
    needs (the paragraph without the projection), or why it cannot be judged."""
    if result.target.kind in ("each_year", "trend") or result.status not in PROGRESS:
        return target_text(result, meta, as_of, 0, lang).body
    ctx = Context(result, meta, as_of, lang)
    away = ctx.text("away") if result.status == "regressing" else ""
    return (reached_clause(ctx) + since_clause(ctx) + away + pace_clause(ctx) + need_clause(ctx)
            + end(ctx))
