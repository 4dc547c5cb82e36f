"""Sentences for each-year and trend targets (the years that failed or lack a figure), and for
targets whose figures are missing or do not settle them (`no_data`, `undetermined`): which
figure is missing, and what is needed. Pure: python-docx is not imported here.
"""

from __future__ import annotations

from railkpi.messages import pick
from railkpi.messages.docx_document import DOCX_WORDS
from railkpi.render.docx import words as w
from railkpi.render.docx.sentences import (
    Context,
    end,
    op_words,
    range_words,
    reached_clause,
    since_clause,
)


def missing_text(ctx: Context) -> str:
    """A single-value target with no status from its figures: what is missing."""
    r = ctx.result
    t0 = ctx.base_year
    if r.latest is None:
        last = min(ctx.as_of, r.target_year)
        return ctx.text("no-figures", name=ctx.name, base_year=t0,
                        span=w.span(min(t0, last), max(t0, last), ctx.lang)) + end(ctx)
    if r.status == "undetermined":
        return unsettled_text(ctx)
    latest = ctx.text("latest-only", year=r.latest.year, name=ctx.name,
                      value=w.figure_words(r.latest.figure, r.indicator, ctx.lang))
    if r.baseline is None:
        return latest + ctx.text("no-baseline", base_year=t0) + end(ctx)
    if r.target_value is None and r.target.kind == "ratio":
        return latest + ctx.text("ratio-zero", base_year=t0) + end(ctx)
    if r.target_value is None and r.target.kind == "growth":
        return latest + ctx.text("growth-nonpositive", base_year=t0) + end(ctx)
    if r.latest.year <= r.baseline.year:
        value = w.figure_words(r.baseline.figure, r.indicator, ctx.lang)
        return ctx.text("only-baseline", base_year=t0, value=value) + end(ctx)
    return latest + ctx.text("not-judged") + end(ctx)


def unsettled_text(ctx: Context) -> str:
    """A qualified figure whose bounds do not say whether the target is met."""
    r, t = ctx.result, ctx.result.target
    assert r.latest is not None
    measured_from_baseline = (t.kind in ("change", "ratio", "growth") and r.baseline is not None
                              and not r.baseline.figure.exact)
    years = [r.latest.year]
    if measured_from_baseline and r.baseline is not None:
        years.insert(0, r.baseline.year)
    if t.min is not None and t.max is not None:
        target = range_words(ctx, t.min, t.max)
    elif isinstance(r.target_value, float) and t.op is not None:
        target = op_words(ctx, t.op, r.target_value)
    else:
        target = ""
    return ctx.text("unsettled", year=r.latest.year, name=ctx.name, target=target,
                    value=w.figure_words(r.latest.figure, r.indicator, ctx.lang),
                    years=w.years_text(years, ctx.lang)) + end(ctx)


def window_text(ctx: Context) -> str:
    if ctx.result.target.kind == "each_year":
        return each_year_text(ctx)
    return trend_text(ctx)


def _gaps(ctx: Context, ended: bool) -> str:
    """Years of the window without a figure, or with one that does not settle it."""
    r = ctx.result
    missing = w.note_years(r, "missing-years")
    unsettled = w.note_years(r, "unsettled-years")
    text = ""
    if missing:
        key = "window-missing-end" if ended and r.status == "undetermined" else "window-missing"
        text += ctx.text(key, years=w.years_text(missing, ctx.lang))
    if unsettled:
        text += ctx.text("window-unsettled", years=w.years_text(unsettled, ctx.lang))
    return text


def each_year_text(ctx: Context) -> str:
    r, t = ctx.result, ctx.result.target
    first, last = t.years or ctx.meta.period
    due_last = min(last, ctx.as_of)
    if r.latest is None:
        if ctx.as_of < first:
            return ctx.text("window-not-started", span=w.span(first, last, ctx.lang)) + end(ctx)
        return ctx.text("window-none", span=w.span(first, due_last, ctx.lang)) + end(ctx)
    text = ctx.text("window-latest", year=r.latest.year, name=ctx.name,
                    value=w.figure_words(r.latest.figure, r.indicator, ctx.lang))
    skipped = {*r.failing_years, *w.note_years(r, "missing-years"),
               *w.note_years(r, "unsettled-years")}
    met = [y for y in range(first, due_last + 1) if y not in skipped]
    years = w.years_text(met, ctx.lang)
    if r.status == "not_achieved":
        text += ctx.text("each-failed", years=w.years_text(r.failing_years, ctx.lang))
    elif r.status == "achieved":
        text += ctx.text("each-met-all" if len(met) > 1 else "each-met", years=years)
    elif r.status == "on_track" and met:
        text += ctx.text("each-met-so-far-all" if len(met) > 1 else "each-met-so-far",
                         years=years)
    return text + _gaps(ctx, ctx.as_of >= last) + end(ctx)


def trend_text(ctx: Context) -> str:
    r, t = ctx.result, ctx.result.target
    t0 = ctx.base_year
    if r.latest is None or r.status == "no_data":
        return ctx.text("trend-none", base_year=t0) + end(ctx)
    direction = t.direction or ("rising" if r.indicator.better == "higher" else "falling")
    past = pick(DOCX_WORDS[f"{direction}-past"], ctx.lang)
    text = reached_clause(ctx) + since_clause(ctx)
    gaps = _gaps(ctx, r.latest.year >= r.target_year)
    if r.status == "not_achieved":
        text += ctx.text("trend-failed", years=w.years_text(r.failing_years, ctx.lang),
                         word=w.word(direction, ctx.lang))
    elif r.status == "achieved":
        text += ctx.text("trend-met", span=w.span(t0, r.target_year, ctx.lang), word=past)
    elif r.status == "on_track":
        key = "trend-so-far-gaps" if gaps else "trend-so-far"
        text += ctx.text(key, base_year=t0, word=past)
    return text + gaps + end(ctx)
