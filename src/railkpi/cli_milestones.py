"""`railkpi milestones` (every target in annual steps, 年度目标) and what `assess
--fail-on-milestone` says on standard error. Apart from cli.py, which registers the command on
its app, so that the command module stays a short list of commands."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from railkpi.cli_options import (
    Format,
    FormatOpt,
    FromLatestOpt,
    GroupOpt,
    IndicatorOpt,
    LangOpt,
    MaxSizeOpt,
    MethodName,
    MethodOpt,
    MilestonesAsOfOpt,
    MilestonesXlsxOpt,
    OptionalDataOpt,
    PlanOpt,
    TargetOpt,
    target_filter,
)

if TYPE_CHECKING:
    from railkpi.render import Report


def milestones_command(
    plan: PlanOpt = None,
    method: MethodOpt = MethodName.compound,
    data: OptionalDataOpt = None,
    from_latest: FromLatestOpt = False,
    as_of: MilestonesAsOfOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = None,
    xlsx: MilestonesXlsxOpt = None,
    max_size: MaxSizeOpt = None,
    target: TargetOpt = None,
    indicator: IndicatorOpt = None,
    group: GroupOpt = None,
) -> None:
    """Break every target into annual steps (年度目标) from its baseline to its target."""
    from railkpi import pipeline
    from railkpi.cli import _lang, _show_warnings, reporting
    from railkpi.render import renderer

    language = _lang(lang)
    with reporting(language, fmt):
        pipeline.check_outputs({"--xlsx": xlsx}, data, plan)
        chosen = pipeline.plans(plan)
        _show_warnings(chosen.warnings, language)
        report = pipeline.milestones(chosen, method.path, data, from_latest, as_of, max_size,
                                     target_filter(target, indicator, group))
        if xlsx is not None:
            from railkpi.render.xlsx.milestones import write_milestones

            write_milestones(report, language, Path(xlsx))
    renderer(fmt.value).render_milestones(report, language, sys.stdout)


def report_missed(report: Report, lang: str) -> bool:
    """--fail-on-milestone: whether a target missed its step for the year assessed; if so,
    which and by how much, on standard error."""
    from railkpi.render.milestone_words import missed_lines

    lines = missed_lines(report.assessment, lang)
    sys.stderr.write("".join(f"{line}\n" for line in lines))
    return bool(lines)
