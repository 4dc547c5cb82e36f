"""Output formats. Each format is one module with the same interface, `Renderer`: a function
per command's output, each writing to `out` in the run's language.

    render_assessment(report, lang, out)      railkpi assess
    render_validation(workbook, lang, out)    railkpi validate
    render_targets(plans, lang, out)          railkpi targets
    render_plans(plans, lang, out)            railkpi plans
    render_names(plans, lang, out)            railkpi targets --names, railkpi plans --names
    render_audit(result, lang, out)           railkpi audit
    render_template(written, lang, out)       railkpi template (what was written)
    render_rate(rate, lang, out)              railkpi cagr, railkpi required
    render_diff(diff, lang, out)              railkpi diff
    render_milestones(report, lang, out)      railkpi milestones
    render_refusal(problems, lang, out)       any command whose input cannot be used

A format is added by writing its module and one line in FORMATS; mypy checks (below) that the
module has every function of the interface with the right signature. Problems always go to
standard error as the terminal shows them (table.render_problems), whatever the format.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, TextIO

from railkpi.calc.filters import NO_FILTER, TargetFilter
from railkpi.plans.models import Plan
from railkpi.problems import Problem
from railkpi.records import record

if TYPE_CHECKING:  # annotations only: imported by the commands that make them
    from railkpi.calc.diff import ReportDiff
    from railkpi.calc.findings import AuditResult
    from railkpi.calc.milestones import Decomposition
    from railkpi.calc.results import Assessment, GrowthRate
    from railkpi.read.observation import Observation, WorkbookData

#: format name → module (imported only when that format is asked for)
FORMATS: dict[str, str] = {
    "table": "railkpi.render.table",
    "json": "railkpi.render.json_report",
    "markdown": "railkpi.render.markdown",
    "csv": "railkpi.render.csv_report",
}


@record
class Report:
    assessment: Assessment
    problems: tuple[Problem, ...]
    data_file: str | None
    #: The workbook's observations, for outputs that draw a series by year (the xlsx charts).
    observations: tuple[Observation, ...] = ()
    #: --target, --indicator, --group: the report shows only the targets they keep.
    target_filter: TargetFilter = NO_FILTER


@record
class MilestoneReport:
    """`railkpi milestones`: the annual steps, and the workbook's name and warnings where the
    figures come from one (`--data`)."""

    decomposition: Decomposition
    problems: tuple[Problem, ...] = ()
    data_file: str | None = None
    #: --target, --indicator, --group: the steps of only the targets they keep.
    target_filter: TargetFilter = NO_FILTER

    def filter_line(self, lang: str) -> str | None:
        """The line saying the decomposition was narrowed, or None when no filter was given."""
        from railkpi.render.series_words import filter_line

        count = sum(len(p.targets) for p in self.decomposition.plans)
        return filter_line(self.target_filter, count, lang)


@record
class TemplateWritten:
    """What `railkpi template` wrote: the file, its indicator rows and its years."""

    path: str
    indicators: int
    years: tuple[int, int]
    target_filter: TargetFilter = NO_FILTER


class Renderer(Protocol):
    def render_assessment(self, report: Report, lang: str, out: TextIO) -> None: ...

    def render_validation(self, workbook: WorkbookData, lang: str, out: TextIO) -> None: ...

    def render_targets(self, plans: Sequence[Plan], lang: str, out: TextIO,
                       target_filter: TargetFilter = ...) -> None: ...

    def render_plans(self, plans: Sequence[Plan], lang: str, out: TextIO) -> None: ...

    def render_names(self, plans: Sequence[Plan], lang: str, out: TextIO) -> None: ...

    def render_audit(self, result: AuditResult, lang: str, out: TextIO) -> None: ...

    def render_template(self, written: TemplateWritten, lang: str, out: TextIO) -> None: ...

    def render_rate(self, rate: GrowthRate, lang: str, out: TextIO) -> None: ...

    def render_diff(self, diff: ReportDiff, lang: str, out: TextIO) -> None: ...
    def render_milestones(self, report: MilestoneReport, lang: str, out: TextIO) -> None: ...

    def render_refusal(self, problems: Sequence[Problem], lang: str, out: TextIO) -> None: ...


def renderer(name: str) -> Renderer:
    module: Renderer = importlib.import_module(FORMATS[name])
    return module


if TYPE_CHECKING:
    # Every format module is a Renderer: a module missing a function, or with a function of
    # another signature, fails type-checking here.
    from railkpi.render import csv_report, json_report, markdown, table

    _table: Renderer = table
    _json: Renderer = json_report
    _markdown: Renderer = markdown
    _csv: Renderer = csv_report
