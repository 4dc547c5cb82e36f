"""The command line's vocabulary: the choices (formats, languages, statuses) and the options
the commands share, declared once so that every command spells them the same way."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from railkpi.calc.filters import TargetFilter
    from railkpi.calc.results import PathMethod


#: Exit statuses: 1 targets failing --fail-on (or a worse status, a missed step, a revision,
#: as asked), 2 bad input or options, 3 an internal error (a bug in railkpi).
EXIT_FAIL_ON, EXIT_BAD_INPUT, EXIT_INTERNAL = 1, 2, 3


class Format(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


class Lang(str, Enum):
    zh = "zh"
    en = "en"


class StatusName(str, Enum):
    achieved = "achieved"
    on_track = "on_track"
    moderate = "moderate"
    off_track = "off_track"
    regressing = "regressing"
    not_achieved = "not_achieved"
    undetermined = "undetermined"
    no_data = "no_data"


PlanOpt = Annotated[
    list[str] | None,
    typer.Option("--plan", "-p", metavar="ID|FILE", help="Bundled plan id or a plan YAML "
                 "file (repeatable; default: every bundled plan)."),
]
LangOpt = Annotated[
    Lang | None,
    typer.Option("--lang", metavar="zh|en", help="Language of the output (default: from the "
                 "locale)."),
]
FormatOpt = Annotated[
    Format,
    typer.Option("--format", "-f", metavar="table|json|markdown|csv", help="Output format."),
]
AsOfOpt = Annotated[
    int | None,
    typer.Option("--as-of", metavar="YEAR", min=1949, max=2100,
                 help="Assess as of this year (default: the latest year for which at least "
                 "half the plans' indicators in the workbook have a figure)."),
]
MaxSizeOpt = Annotated[
    str | None,
    typer.Option("--max-size", metavar="SIZE", help="Refuse a workbook larger than this, e.g. "
                 "500MB, 1.5GB or bytes (default 200MB)."),
]
FailOnOpt = Annotated[
    list[StatusName] | None,
    typer.Option("--fail-on", metavar="STATUS", help="Exit 1 if any target is this bad or "
                 "worse (achieved < on_track < moderate < off_track < regressing < "
                 "not_achieved); undetermined and no_data fail only when named. Repeatable."),
]
ThresholdsOpt = Annotated[
    str | None,
    typer.Option("--thresholds", metavar="ON,MODERATE,OFF", help="Status cut-offs "
                 "on_track,moderate,off_track (default: the plan's, else 0.95,0.6,0)."),
]
JunitOpt = Annotated[
    Path | None,
    typer.Option("--junit", metavar="FILE", help="Also write a JUnit XML file: a test case "
                 "per target, failing at or below the --fail-on level (default off_track)."),
]
XlsxOpt = Annotated[
    Path | None,
    typer.Option("--xlsx", metavar="FILE", help="Also write the Excel gap table: a sheet per "
                 "plan, a summary, charts and the method."),
]
DocxOpt = Annotated[
    Path | None,
    typer.Option("--docx", metavar="FILE", help="Also write the evaluation report draft "
                 "(Word): overview, indicator table, a paragraph per target, method. Chinese "
                 "unless --lang en."),
]
DataArg = Annotated[Path, typer.Argument(metavar="DATA", help="The data workbook (.xlsx).")]
YearsOpt = Annotated[int, typer.Option("--years", "-n", min=1, help="Number of years.")]

# --target, --indicator, --group: which targets a command shows (calc/filters.py).
TargetOpt = Annotated[
    list[str] | None,
    typer.Option("--target", "-t", metavar="ID", help="Only this target (an id or a glob such "
                 "as 'revenue-*'; repeatable)."),
]
IndicatorOpt = Annotated[
    list[str] | None,
    typer.Option("--indicator", metavar="ID", help="Only the targets on this indicator (an id "
                 "or a glob; repeatable)."),
]
GroupOpt = Annotated[
    list[str] | None,
    typer.Option("--group", metavar="ID", help="Only the targets of this group (an id or a "
                 "glob; repeatable)."),
]
FailOnWorseOpt = Annotated[
    bool,
    typer.Option("--fail-on-worse", help="Exit 1 if any target's status is worse than the year "
                 "before (combinable with --fail-on)."),
]
ReportArg = Annotated[Path, typer.Argument(help="A JSON report of railkpi assess --format "
                                           "json.")]
ReportSizeOpt = Annotated[
    str | None,
    typer.Option("--max-size", metavar="SIZE", help="Refuse a report larger than this, e.g. "
                 "50MB (default 20MB)."),
]


def target_filter(target: list[str] | None, indicator: list[str] | None,
                  group: list[str] | None) -> TargetFilter:
    """--target, --indicator and --group as the filter calc/filters.py applies."""
    from railkpi.calc.filters import TargetFilter

    return TargetFilter(tuple(target or ()), tuple(indicator or ()), tuple(group or ()))


class MethodName(str, Enum):
    """How a target is broken into annual steps (railkpi milestones, assess --milestones)."""

    compound = "compound"
    linear = "linear"

    @property
    def path(self) -> PathMethod:
        return "linear" if self is MethodName.linear else "compound"


MethodOpt = Annotated[
    MethodName,
    typer.Option("--method", metavar="compound|linear", help="The path of the annual steps: "
                 "compound x0·(1+g)^(y−t0), or linear x0 + (X − x0)·(y − t0)/(T − t0)."),
]
MilestonesOpt = Annotated[
    MethodName | None,
    typer.Option("--milestones", metavar="compound|linear", help="Judge every target against "
                 "its step for the year assessed on this path (steps the plan file sets "
                 "itself are used where there are any)."),
]
FailOnMilestoneOpt = Annotated[
    bool,
    typer.Option("--fail-on-milestone", help="Exit 1 if any target missed its step for the "
                 "year assessed; the reasons go to standard error."),
]
OptionalDataOpt = Annotated[
    Path | None,
    typer.Option("--data", metavar="FILE", help="Take the baselines (and, with --from-latest, "
                 "the latest figures) from this workbook rather than the plan's own figures."),
]
FromLatestOpt = Annotated[
    bool,
    typer.Option("--from-latest", help="Re-plan the remaining steps from the latest figure of "
                 "--data (the rolling plan of each spring)."),
]
MilestonesAsOfOpt = Annotated[
    int | None,
    typer.Option("--as-of", metavar="YEAR", min=1949, max=2100,
                 help="With --data: the latest year of figures to consider (default: the "
                 "workbook's latest year)."),
]
MilestonesXlsxOpt = Annotated[
    Path | None,
    typer.Option("--xlsx", metavar="FILE", help="Also write the decomposition table (Excel): "
                 "a sheet per plan, a row per target, a column per year."),
]
NamesOpt = Annotated[bool, typer.Option("--names", help="Instead, list each indicator's id "
                                        "and every name a workbook row may use for it.")]
