"""Output formats. Each format is one module with the same small interface:

    render_assessment(report: Report, lang: str, out: TextIO) -> None
    render_targets(plans: Sequence[Plan], lang: str, out: TextIO) -> None
    render_audit(result: AuditResult, lang: str, out: TextIO) -> None

A format is added by writing its module and one line in FORMATS.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TextIO

from railkpi.calc.findings import AuditResult
from railkpi.calc.results import Assessment
from railkpi.plans.models import Plan
from railkpi.problems import Problem
from railkpi.read.observation import Observation

#: format name → module (imported only when that format is asked for)
FORMATS: dict[str, str] = {
    "table": "railkpi.render.table",
    "json": "railkpi.render.json_report",
    "markdown": "railkpi.render.markdown",
    "csv": "railkpi.render.csv_report",
}


@dataclass(frozen=True)
class Report:
    assessment: Assessment
    problems: tuple[Problem, ...]
    data_file: str | None
    #: The workbook's observations, for outputs that draw a series by year (the xlsx charts).
    observations: tuple[Observation, ...] = ()


class Renderer(Protocol):
    def render_assessment(self, report: Report, lang: str, out: TextIO) -> None: ...

    def render_targets(self, plans: Sequence[Plan], lang: str, out: TextIO) -> None: ...

    def render_audit(self, result: AuditResult, lang: str, out: TextIO) -> None: ...


def renderer(name: str) -> Renderer:
    module: Renderer = importlib.import_module(FORMATS[name])
    return module
