"""The GitHub Actions step summary: `assess` appends its Markdown report to $GITHUB_STEP_SUMMARY.

Whatever --format is, when the variable names a file the report (or, when the input cannot be
assessed, the list of problems) is appended to it in the run's language, so the job's summary
page shows the gap table. A summary that cannot be written is a warning, never a failed run.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from railkpi.problems import InputError, os_error_words, warning
from railkpi.render import Report

ENV = "GITHUB_STEP_SUMMARY"


def append(markdown: str, lang: str) -> None:
    """Append `markdown` to the file $GITHUB_STEP_SUMMARY names, if it names one."""
    path = os.environ.get(ENV)
    if not path:
        return
    try:
        with open(path, "a", encoding="utf-8", newline="\n") as summary:
            summary.write(markdown.rstrip("\n") + "\n\n")
    except OSError as exc:
        from railkpi.render.table import render_problems

        render_problems([warning("step-summary-not-written", path=path,
                                 detail=os_error_words(exc))], lang, sys.stderr)


def append_report(report: Report, lang: str) -> None:
    if not os.environ.get(ENV):
        return  # no summary to append to: the Markdown is not even built (nor imported)
    from railkpi.render.markdown import assessment_markdown

    append(assessment_markdown(report, lang), lang)


@contextmanager
def problems_on_error(lang: str) -> Iterator[None]:
    """On input that cannot be assessed, append its problems to the summary, then re-raise."""
    try:
        yield
    except InputError as exc:
        from railkpi.render.markdown import problems_markdown

        append(problems_markdown(exc.problems, lang), lang)
        raise
