"""Markdown (GitHub-flavoured): the terminal table as text a CI step summary or an issue shows.

Per plan: a heading with the title, a line with baseline, as-of year, target year and
thresholds, one GFM table grouped as the plan groups its targets (each group a bold row), a
count of targets by status and the notes as a list; warnings at the end. The figures are the
terminal table's, formatted by render/display.py, so they round the same way.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from railkpi.assess import TargetResult
from railkpi.audit import Finding, Unchecked
from railkpi.messages import AUDIT, COLUMN, OUTPUT, STATUS, TEXT, pick
from railkpi.plan import Plan, PlanMeta
from railkpi.problems import Problem
from railkpi.render import Report
from railkpi.render import display as fmt

#: Columns of the assessment table: message key, right-aligned (a number).
COLUMNS: tuple[tuple[str, bool], ...] = (
    ("col-indicator", False),
    ("col-baseline", True),
    ("col-latest", True),
    ("col-target", True),
    ("col-gap", True),
    ("col-completion", True),
    ("col-time", True),
    ("col-cagr", True),
    ("col-needed", True),
    ("col-status", False),
)

_NEWLINES = re.compile(r"\r\n|\r|\n")
#: "<" that would open an HTML tag or comment in GitHub's renderer ("<300" stays as written).
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def cell(text: str) -> str:
    """Text that stays inside one table cell and is not read as markup: backslashes and `|`
    escaped, line breaks as <br>, a "<" that would open an HTML tag as &lt;."""
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    text = _TAG_START.sub("&lt;", text)
    return _NEWLINES.sub("<br>", text.strip())


def inline(text: str) -> str:
    """Text on a line of its own (heading, list item): as a cell, with the characters that
    could start emphasis, code, a link or a heading escaped (GFM never reads an underscore
    inside a word as emphasis, so ids like revenue_total stay as they are)."""
    return re.sub(r"([*`#\[\]]|(?<!\w)_|_(?!\w))", r"\\\1", cell(text))


def table(header: Sequence[str], right: Sequence[bool], rows: Sequence[Sequence[str]]) -> str:
    lines = [
        "| " + " | ".join(cell(h) for h in header) + " |",
        "|" + "|".join("---:" if r else "---" for r in right) + "|",
    ]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines) + "\n"


def render_assessment(report: Report, lang: str, out: TextIO) -> None:
    out.write(assessment_markdown(report, lang))


def assessment_markdown(report: Report, lang: str) -> str:
    parts: list[str] = []
    as_of = report.assessment.as_of
    for plan_result in report.assessment.plans:
        plan = plan_result.plan
        meta = plan.plan
        th = plan_result.thresholds
        parts.append(f"## {inline(meta.title(lang))} `{plan.id}`\n\n")
        parts.append(
            inline(
                pick(OUTPUT["subtitle"], lang).format(
                    b=meta.baseline_year, a=as_of, t=meta.period[1],
                    th=f"{th.on_track:g}/{th.moderate:g}/{th.off_track:g}",
                )
            )
            + "\n\n"
        )
        rows: list[list[str]] = []
        notes: list[str] = []
        for group_id in dict.fromkeys(r.target.group for r in plan_result.targets):
            group = f"**{cell(plan.groups[group_id](lang))}**"
            rows.append([group] + [""] * (len(COLUMNS) - 1))
            for result in (r for r in plan_result.targets if r.target.group == group_id):
                rows.append(_row(result, meta, as_of, lang))
                notes.extend(
                    f"- `{result.target.id}`: "
                    f"{inline(fmt.note_text(n.code, n.params, lang))}"
                    for n in result.notes
                )
        parts.append(
            table([pick(OUTPUT[key], lang) for key, _ in COLUMNS],
                  [right for _, right in COLUMNS], rows)
        )
        parts.append("\n" + _status_counts(plan_result.targets, lang) + "\n")
        if any(r.method == "linear" for r in plan_result.targets):
            parts.append("\n" + inline(pick(OUTPUT["linear"], lang)) + "\n")
        if notes:
            parts.append(f"\n**{pick(OUTPUT['notes'], lang)}**\n\n" + "\n".join(notes) + "\n")
        parts.append("\n")
    if report.problems:
        parts.append(problems_markdown(report.problems, lang))
    return "".join(parts)


def problems_markdown(problems: Sequence[Problem], lang: str) -> str:
    """Problems as a list under a heading, as `railkpi assess` shows them on a terminal."""
    lines = [f"### {pick(OUTPUT['problems'], lang)}", ""]
    for p in problems:
        location = p.location()
        where = f" {inline(location)}:" if location else ""
        lines.append(
            f"- **{pick(OUTPUT[p.severity], lang)}** `{p.code}`{where} {inline(p.message(lang))}"
        )
    return "\n".join(lines) + "\n\n"


def _status_counts(results: Sequence[TargetResult], lang: str) -> str:
    counts: Counter[str] = Counter(r.status for r in results)
    separator = "：" if lang == "zh" else ": "
    items = " · ".join(f"{pick(STATUS[s], lang)} {counts[s]}" for s in STATUS if counts[s])
    return f"{pick(OUTPUT['statuses'], lang)}{separator}{items}"


def _row(r: TargetResult, meta: PlanMeta, as_of: int, lang: str) -> list[str]:
    """One target's cells, the terminal table's figures (render/table.py) as Markdown."""
    cells = [cell(text) for text in fmt.summary_cells(r, meta, as_of, lang)]
    # A status judged by the linear method carries a (Markdown-escaped) "*", as in the terminal.
    if r.method == "linear":
        cells[-1] += "\\*"
    return cells


def render_targets(plans: Sequence[Plan], lang: str, out: TextIO) -> None:
    """Per plan a heading and a table: target id, indicator, the target, the plan's wording;
    then the figures the plan publishes and the plan's notes on how it was read."""
    for plan in plans:
        out.write(f"## {inline(plan.plan.title(lang))} `{plan.id}`\n\n")
        rows = []
        for target in plan.targets:
            indicator = plan.indicators[target.indicator]
            rows.append([
                f"`{target.id}`",
                cell(fmt.name_and_unit(indicator, lang)),
                cell(fmt.listing_target(plan, target, lang)),
                cell(target.wording(lang)),
            ])
        header = [pick(COLUMN[k], lang) for k in ("id", "indicator", "target", "quote")]
        out.write(table(header, [False, False, True, False], rows) + "\n")
        figures = [
            [f"`{row.where}`", cell(fmt.name_and_unit(row.indicator, lang)), cell(row.years),
             cell(row.figure), cell(row.entry.wording(lang))]
            for row in fmt.published(plan, lang)
        ]
        if figures:
            out.write(f"### {inline(pick(TEXT['published'], lang))}\n\n")
            header = [pick(COLUMN[k], lang) for k in ("where", "indicator", "years", "figure",
                                                      "quote")]
            out.write(table(header, [False, False, False, True, False], figures) + "\n")
        notes = fmt.reading_notes(plan, lang)
        if notes:
            out.write(f"**{pick(OUTPUT['notes'], lang)}**\n\n" + "".join(
                f"- `{where}`: {inline(note)}\n" for where, note in notes) + "\n")


def render_audit(
    findings: Sequence[Finding], unchecked: Sequence[Unchecked], lang: str, out: TextIO
) -> None:
    """`railkpi audit`: a table of findings with their explanation, then what was not checked."""
    out.write(f"## {inline(pick(AUDIT['title'], lang))}\n\n")
    if not findings:
        out.write(inline(pick(AUDIT["no-findings"], lang)) + "\n\n")
    else:
        header = ["#", *(pick(AUDIT[k], lang) for k in (
            "col-code", "col-plan", "col-indicator", "col-years", "col-stated", "col-computed",
            "col-other", "col-message"
        ))]
        rows = [
            [str(n), f"`{f.code}`", cell(f.plan), cell(f.indicator),
             cell("-".join(str(y) for y in f.years)), cell(f.stated_text),
             cell(f.computed_text), cell(f.other_text), cell(f.message(lang))]
            for n, f in enumerate(findings, 1)
        ]
        out.write(table(header, [True, False, False, False, False, True, True, True, False],
                        rows) + "\n")
    if unchecked:
        out.write(f"### {pick(OUTPUT['audit-unchecked-heading'], lang)}\n\n")
        for u in unchecked:
            out.write(f"- {inline(u.plan)} {inline(u.indicator)} {u.years[0]}-{u.years[1]}: "
                      f"{inline(u.message(lang))}\n")
        out.write("\n")
