"""`railkpi diff` (two JSON reports compared) and what `assess --fail-on-worse` says on
standard error: the annual check as a series. Apart from cli.py, which registers the command on
its app, so that the command module stays a short list of commands."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from railkpi.cli_options import (
    EXIT_FAIL_ON,
    FailOnWorseOpt,
    Format,
    FormatOpt,
    LangOpt,
    ReportArg,
    ReportSizeOpt,
)
from railkpi.messages import pick

if TYPE_CHECKING:
    from railkpi.render import Report


def diff_command(
    old: ReportArg,
    new: ReportArg,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = None,
    fail_on_revision: Annotated[bool, typer.Option(
        "--fail-on-revision", help="Exit 1 if a figure of the old report was revised.")] = False,
    fail_on_worse: FailOnWorseOpt = False,
    max_size: ReportSizeOpt = None,
) -> None:
    """Compare two JSON assessment reports (e.g. last year's and this year's): statuses that
    changed, targets added or removed, and revised figures."""
    from railkpi import pipeline
    from railkpi.cli import _lang, reporting

    language = _lang(lang)
    from railkpi.messages.series import DIFF
    from railkpi.render import renderer

    with reporting(language, fmt):
        result = pipeline.diff(old, new, max_size)
    renderer(fmt.value).render_diff(result, language, sys.stdout)
    failed = False
    if fail_on_revision and result.revisions:
        failed = True
        sys.stderr.write(pick(DIFF["fail-on-revision"], language).format(
            count=len(result.revisions)) + "\n")
    if fail_on_worse and result.worsened:
        failed = True
        sys.stderr.write(pick(DIFF["fail-on-worse"], language).format(
            count=len(result.worsened)) + "\n")
    if failed:
        raise typer.Exit(EXIT_FAIL_ON)


def report_worsened(report: Report, lang: str) -> bool:
    """--fail-on-worse: whether a target's status is worse than the year before; if so, which
    (by name, per plan) on standard error."""
    from railkpi.messages.series import SERIES
    from railkpi.render.series_words import worsened_lines

    lines = worsened_lines(report.assessment, lang)
    if lines:
        separator = "\n" if len(lines) > 1 else ""
        sys.stderr.write(pick(SERIES["fail-on-worse"], lang).format(
            lines=separator + "\n".join(lines)) + "\n")
    return bool(lines)
