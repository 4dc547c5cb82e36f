"""`railkpi plans`, `railkpi targets` and their `--names` in the terminal, laid out without rich
(render/plain_table.py) so that listing the plans does not pay for importing it: per plan its
title, a table of its targets with their wording (the plan file's own steps in a column when it
sets any), the figures it publishes and its notes on how it was read. Where a table does not
fit the width, each of its rows prints as a block: the row's id, then a `label: value` line per
other column, as the assessment's table does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from railkpi.calc.filters import NO_FILTER, TargetFilter
from railkpi.messages import pick
from railkpi.messages.words import COLUMN, TEXT
from railkpi.plans.models import Plan
from railkpi.render import display as fmt
from railkpi.render import milestone_words as steps
from railkpi.render import series_words
from railkpi.render.listing import published, reading_notes
from railkpi.render.plain_table import Column, column_widths, table_lines
from railkpi.render.plain_terminal import PlainTerminal, terminal

#: The mark before each of a plan's notes, and the indent of their wrapped lines.
NOTE_MARK, NOTE_INDENT = " · ", "   "
#: Indents of a block's lines: its fields, and their wrapped lines.
FIELD_INDENT, FIELD_WRAP_INDENT = "  ", "    "


def render_targets(plans: Sequence[Plan], lang: str, out: TextIO,
                   target_filter: TargetFilter = NO_FILTER) -> None:
    """Per plan: its targets with their wording, the figures it publishes, then its notes
    (the filter that narrowed the list, if any, above them)."""
    term = terminal(out)
    line = series_words.filter_line(target_filter, sum(len(p.targets) for p in plans), lang)
    if line is not None:
        term.paragraph(line, bold=True)
        term.line()
    for plan in plans:
        term.paragraph(f"{plan.plan.title(lang)} [{plan.id}]", bold=True)
        _targets_table(plan, lang, term)
        _published_table(plan, lang, term)
        notes = reading_notes(plan, lang)
        if notes:
            term.paragraph(pick(TEXT["notes"], lang), bold=True)
            for where, note in notes:
                term.paragraph(f"{where}{fmt.colon(lang)}{note}", first=NOTE_MARK,
                               rest=NOTE_INDENT)
        term.line()


def _targets_table(plan: Plan, lang: str, term: PlainTerminal) -> None:
    own_steps = any(t.milestones for t in plan.targets)
    keys = ["id", "indicator", "target", "quote", *(["milestones"] if own_steps else [])]
    columns = [Column(pick(COLUMN["id"], lang)),
               Column(pick(COLUMN["indicator"], lang), wraps=True),
               Column(pick(COLUMN["target"], lang), right=True),
               Column(pick(COLUMN["quote"], lang), wraps=True),
               *([Column(pick(COLUMN["milestones"], lang), wraps=True)] if own_steps else [])]
    rows = []
    for target in plan.targets:
        indicator = plan.indicators[target.indicator]
        rows.append([target.id, fmt.indicator_with_unit(indicator, lang),
                     fmt.listing_target(plan, target, lang), fmt.quote(target, lang),
                     *([steps.plan_steps_text(target, indicator, lang)] if own_steps
                       else [])])
    _table_or_blocks(keys, columns, rows, lang, term)


def _published_table(plan: Plan, lang: str, term: PlainTerminal) -> None:
    rows = [[row.where, fmt.indicator_with_unit(row.indicator, lang), row.years, row.figure,
             fmt.quote(row.entry, lang)] for row in published(plan, lang)]
    if not rows:
        return
    term.paragraph(pick(TEXT["published"], lang), bold=True)
    keys = ["where", "indicator", "years", "figure", "quote"]
    columns = [Column(pick(COLUMN["where"], lang)),
               Column(pick(COLUMN["indicator"], lang), wraps=True),
               Column(pick(COLUMN["years"], lang)),
               Column(pick(COLUMN["figure"], lang), right=True),
               Column(pick(COLUMN["quote"], lang), wraps=True)]
    _table_or_blocks(keys, columns, rows, lang, term)


def render_names(plans: Sequence[Plan], lang: str, out: TextIO) -> None:
    """`--names`: per plan, each indicator's id and every label a workbook row may use."""
    term = terminal(out)
    columns = [Column(pick(COLUMN["id"], lang)),
               Column(pick(COLUMN["indicator"], lang), wraps=True),
               Column(pick(COLUMN["names"], lang), wraps=True)]
    for plan in plans:
        term.paragraph(f"{plan.plan.title(lang)} [{plan.id}]", bold=True)
        rows = [[key, fmt.indicator_with_unit(indicator, lang),
                 "; ".join(fmt.accepted_names(key, indicator))]
                for key, indicator in plan.indicators.items()]
        _table_or_blocks(["id", "indicator", "names"], columns, rows, lang, term)
        term.line()


def render_plans(plans: Sequence[Plan], lang: str, out: TextIO) -> None:
    """The bundled plans, one row each."""
    term = terminal(out)
    keys = ["id", "name", "period", "baseline_year", "targets", "document"]
    wrapping = {"name", "document"}
    columns = [Column(pick(COLUMN[key], lang), wraps=key in wrapping) for key in keys]
    rows = [[p.plan.id, p.plan.title(lang), f"{p.plan.period[0]}-{p.plan.period[1]}",
             str(p.plan.baseline_year), str(len(p.targets)), p.plan.document or "—"]
            for p in plans]
    _table_or_blocks(keys, columns, rows, lang, term)


def _table_or_blocks(keys: Sequence[str], columns: Sequence[Column],
                     rows: Sequence[Sequence[str]], lang: str, term: PlainTerminal) -> None:
    """The rows as a table at the terminal's width, or, where it does not fit, a block per
    row: its first cell in bold, then each other column's `label: value`, wrapped."""
    widths = column_widths(columns, rows, term.width)
    if widths is not None:
        for line in table_lines(columns, rows, widths, term.bold):
            term.line(line)
        return
    labels = [pick(COLUMN[key], lang) for key in keys]
    for row in rows:
        term.paragraph(row[0], bold=True)
        for label, text in zip(labels[1:], row[1:], strict=True):
            if text:
                term.paragraph(f"{label}{fmt.colon(lang)}{text}", first=FIELD_INDENT,
                               rest=FIELD_WRAP_INDENT)
