"""The report's prose sections other than the target paragraphs: 总体情况 / Overview (the counts
by status and the headline targets, written from the figures), 需关注的指标 / Targets needing
attention (worst first, as in the Excel summary: calc/order.py), and 说明 / Method (the status
rules and thresholds, the formulas in words, the conventions of the wording, the data file's
name and SHA-256 and the version).

The text is built here as strings; report.py puts it into the document.
"""

from __future__ import annotations

from pathlib import Path

from railkpi import __version__
from railkpi.calc.difficulty import DIFFICULTY_LIMITS
from railkpi.calc.order import ATTENTION, needing_attention, ordered
from railkpi.calc.results import ALL_STATUSES, PlanResult, TargetResult
from railkpi.messages import pick
from railkpi.messages.docx_sections import DOCX_ATTENTION, DOCX_METHOD, DOCX_OVERVIEW
from railkpi.messages.words import STATUS, STATUS_EARLY_ACHIEVED
from railkpi.render import display as fmt
from railkpi.render.docx import words as w
from railkpi.render.docx.sentences import brief_text
from railkpi.render.xlsx.method import sha256


def _overview(key: str, lang: str, **fields: object) -> str:
    return pick(DOCX_OVERVIEW[key], lang).format(**fields)


def _attention(key: str, lang: str, **fields: object) -> str:
    return pick(DOCX_ATTENTION[key], lang).format(**fields)


def _method(key: str, lang: str, **fields: object) -> str:
    return pick(DOCX_METHOD[key], lang).format(**fields)


# -- 总体情况 / Overview ----------------------------------------------------------------------


def status_counts(plan_result: PlanResult, lang: str) -> str:
    """已提前完成2项，符合进度4项，… — statuses in order, achieved split by early or not."""
    results = plan_result.targets
    counts: list[tuple[str, int]] = []
    for status in ALL_STATUSES:
        if status == "achieved":
            early = sum(1 for r in results if r.status == status and r.early)
            counts.append((pick(STATUS_EARLY_ACHIEVED, lang), early))
            counts.append((pick(STATUS[status], lang), sum(
                1 for r in results if r.status == status and not r.early)))
        else:
            counts.append((pick(STATUS[status], lang), sum(1 for r in results
                                                            if r.status == status)))
    return w.word("clause", lang).join(_overview("count", lang, status=word, n=n)
                                       for word, n in counts if n)


def headline_item(r: TargetResult, as_of: int, lang: str) -> str:
    """轨道交通产业总收入2948.2亿元，完成进度51.4%，进度偏慢."""
    name, status = r.indicator.name(lang), fmt.status(r, lang)
    if r.latest is None:
        return _overview("brief-none", lang, name=name, status=status)
    value = w.figure_words(r.latest.figure, r.indicator, lang)
    key = "brief" if r.latest.year == as_of else "brief-year"
    text = _overview(key, lang, name=name, value=value, year=r.latest.year)
    # no completion beside "no data": a figure of the baseline year alone is 0.0 % done by
    # definition, which reads as a finding where none can be made yet
    if (r.completion is not None and r.target.kind not in ("each_year", "trend")
            and r.status not in ("no_data", "undetermined")):
        text += _overview("brief-completion", lang,
                   completion=w.rate(r.completion, r.approximate, lang))
    return text + _overview("brief-status", lang, status=status)


def overview_paragraphs(plan_result: PlanResult, as_of: int, lang: str,
                        narrowed: str = "") -> list[str]:
    """`narrowed`: the filter that selected the targets (--target, …), in words; the count
    then says the report lists those, not that the plan sets them."""
    results = ordered(plan_result.targets)
    counts = status_counts(plan_result, lang)
    first = [
        _overview("counts-filtered", lang, filters=narrowed, total=len(results), as_of=as_of,
                  counts=counts) if narrowed else
        _overview("counts", lang, total=len(results), as_of=as_of, counts=counts),
    ]
    if results:
        group = results[0].target.group
        # Two targets on one indicator (a level and an increase) read the same: said once.
        items = list(dict.fromkeys(headline_item(r, as_of, lang) for r in results
                                   if r.target.group == group))
        first.append(_overview("headline", lang, group=plan_result.plan.groups[group](lang),
                        items=w.word("semicolon", lang).join(items)))
    attention = needing_attention(plan_result.targets)
    first.append(_overview("attention", lang, n=len(attention)) if attention
                 else pick(DOCX_OVERVIEW["all-good"], lang))
    separator = "" if lang == "zh" else " "
    return [separator.join(first)]


# -- 需关注的指标 / Targets needing attention ------------------------------------------------


def attention_paragraphs(plan_result: PlanResult, as_of: int, lang: str) -> list[str]:
    needing = needing_attention(plan_result.targets)
    if not needing:
        return [pick(DOCX_ATTENTION["none"], lang)]
    order = pick(DOCX_ATTENTION["order-sep"], lang).join(pick(STATUS[s], lang)
                                                     for s in ATTENTION)
    lines = [_attention("intro", lang, order=order)]
    meta = plan_result.plan.plan
    for n, r in enumerate(needing, start=1):
        lines.append(_attention("item", lang, n=n, name=r.indicator.name(lang),
                        status=fmt.status(r, lang), text=brief_text(r, meta, as_of, lang)))
    return lines


# -- 说明 / Method ----------------------------------------------------------------------------


def method_sections(plans: tuple[PlanResult, ...], as_of: int, data_path: Path,
                    lang: str, narrowed: str = "") -> list[tuple[str, list[str]]]:
    """(heading, paragraphs) for each part of the method section; `narrowed` the filter that
    selected the targets, in words ("" when none)."""
    statuses = []
    for plan_result in plans:
        th = plan_result.thresholds
        statuses.append(_method("thresholds", lang,
                           title=plan_result.plan.plan.title(lang), on_track=f"{th.on_track:g}",
                           moderate=f"{th.moderate:g}", off_track=f"{th.off_track:g}"))
    statuses.append(pick(DOCX_METHOD["linear"], lang))
    limits = dict(DIFFICULTY_LIMITS)
    formulas = [pick(DOCX_METHOD[key], lang) for key in
                ("f-completion", "f-time", "f-actual", "f-required", "f-projected", "f-points")]
    formulas.append(_method("f-difficulty", lang, within=f"{limits['within-reach']:g}",
                       some=f"{limits['some']:g}", hard=f"{limits['hard']:g}"))
    display = [pick(DOCX_METHOD[key], lang) for key in
               ("d-rounding", "d-qualified", "d-charts", "d-sources")]
    run = [
        _method("run-as-of", lang, as_of=as_of),
        _method("run-file", lang, file=data_path.name),
        _method("run-sha256", lang, sha256=sha256(data_path)),
        _method("run-version", lang, version=__version__),
        *([_method("run-filter", lang, filters=narrowed)] if narrowed else []),
    ]
    return [
        (pick(DOCX_METHOD["statuses"], lang), statuses),
        (pick(DOCX_METHOD["formulas"], lang), formulas),
        (pick(DOCX_METHOD["display"], lang), display),
        (pick(DOCX_METHOD["run"], lang), run),
    ]
