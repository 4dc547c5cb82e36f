"""The command line: parse options, run read → validate → calculate → render, set the exit status.

Exit status: 0 ran; 1 a target is at or below the --fail-on level; 2 bad input or options;
3 internal error (a bug in railkpi).
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from railkpi import __version__, cli_streams
from railkpi.cli_errors import Commands, default_lang, settings
from railkpi.cli_lazy import LazyTyper
from railkpi.cli_milestones import milestones_command, report_missed
from railkpi.cli_options import (
    EXIT_BAD_INPUT,
    EXIT_FAIL_ON,
    AsOfOpt,
    DataArg,
    DocxOpt,
    FailOnMilestoneOpt,
    FailOnOpt,
    FailOnWorseOpt,
    Format,
    FormatOpt,
    GroupOpt,
    IndicatorOpt,
    JunitOpt,
    Lang,
    LangOpt,
    MaxSizeOpt,
    MilestonesOpt,
    NamesOpt,
    PlanOpt,
    StatusName,
    TargetOpt,
    ThresholdsOpt,
    XlsxOpt,
    YearsOpt,
    target_filter,
)
from railkpi.cli_series import diff_command, report_worsened
from railkpi.problems import InputError, Problem

if TYPE_CHECKING:
    from railkpi.calc.results import RateKind

#: pydantic's switch for its plugins: "__all__" turns every one off.
PYDANTIC_PLUGINS = "PYDANTIC_DISABLE_PLUGINS"

# Only the command that runs is built (cli_lazy.py).
app = LazyTyper(
    name="railkpi",
    help="Gaps, 序时进度, growth and status for every quantified target of a plan.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
    cls=Commands,
)


def _lang(lang: Lang | None) -> str:
    return lang.value if lang else default_lang()


def _show_warnings(warnings: Sequence[Problem], lang: str) -> None:
    """Warnings about plans that load go to stderr, so that stdout stays a clean document.
    A plan without English quotes is news only to English output."""
    if lang == "zh":
        warnings = [w for w in warnings if w.code != "plan-no-english-quotes"]
    if warnings:
        from railkpi.render.table import render_problems

        render_problems(warnings, lang, sys.stderr)


@contextmanager
def reporting(lang: str, fmt: Format = Format.table) -> Iterator[None]:
    """Turn InputError into its problems on stderr (and the format's refusal on stdout) and
    exit status 2."""
    try:
        yield
    except InputError as exc:
        from railkpi.render import renderer
        from railkpi.render.table import render_problems

        renderer(fmt.value).render_refusal(exc.problems, lang, sys.stdout)
        render_problems(exc.problems, lang, sys.stderr)
        raise typer.Exit(EXIT_BAD_INPUT) from None


@app.command()
def assess(
    data: DataArg,
    plan: PlanOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = None,
    fail_on: FailOnOpt = None,
    thresholds: ThresholdsOpt = None,
    junit: JunitOpt = None,
    xlsx: XlsxOpt = None,
    docx: DocxOpt = None,
    max_size: MaxSizeOpt = None,
    target: TargetOpt = None,
    indicator: IndicatorOpt = None,
    group: GroupOpt = None,
    fail_on_worse: FailOnWorseOpt = False,
    milestones: MilestonesOpt = None,
    fail_on_milestone: FailOnMilestoneOpt = False,
) -> None:
    """Assess every target of the chosen plans against a data workbook."""
    language = _lang(lang)
    from railkpi import pipeline
    from railkpi.calc.results import ALL_STATUSES, failing
    from railkpi.render import renderer, step_summary

    levels = [level.value for level in fail_on or ()]
    # Every file output, by option (render/files.py builds each): checked before any work,
    # then built and written all or none.
    outputs = {"--junit": junit, "--xlsx": xlsx, "--docx": docx}
    with reporting(language, fmt), step_summary.problems_on_error(language):
        cut_offs = pipeline.thresholds(thresholds)
        pipeline.check_outputs(outputs, data, plan)
        chosen = pipeline.plans(plan)
        _show_warnings(chosen.warnings, language)
        report = pipeline.assess(data, chosen, as_of, cut_offs, max_size,
                                 target_filter(target, indicator, group),
                                 milestones.path if milestones else None)
        if any(path is not None for path in outputs.values()):
            from railkpi.render.files import FileSettings, write_files

            # A JUnit failure for each target at or below --fail-on (default off_track).
            junit_levels = levels or [StatusName.off_track.value]
            # The Word report draft is Chinese unless --lang en is given, whatever the locale.
            file_settings = FileSettings(data, frozenset(failing(ALL_STATUSES, junit_levels)),
                                         ",".join(junit_levels), lang.value if lang else "zh",
                                         fail_on_milestone)
            write_files(report, language, {option: None if path is None else Path(path)
                                           for option, path in outputs.items()}, file_settings)
    renderer(fmt.value).render_assessment(report, language, sys.stdout)
    step_summary.append_report(report, language)
    worse = fail_on_worse and report_worsened(report, language)
    missed = fail_on_milestone and report_missed(report, language)
    failed = bool(levels and failing(report.assessment.statuses(), levels))
    if failed:
        from railkpi.render.table import render_failing

        sys.stdout.flush()  # the report first, then why the run fails
        render_failing(report, set(failing(ALL_STATUSES, levels)), levels, language, sys.stderr)
    if worse or missed or failed:
        raise typer.Exit(EXIT_FAIL_ON)


app.command(name="milestones")(milestones_command)


@app.command()
def validate(
    data: DataArg,
    plan: PlanOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = None,
    max_size: MaxSizeOpt = None,
) -> None:
    """Check a data workbook only; exit 2 if it has errors."""
    language = _lang(lang)
    from railkpi import pipeline
    from railkpi.render import renderer

    with reporting(language, fmt):
        chosen = pipeline.plans(plan)
        _show_warnings(chosen.warnings, language)
        workbook = pipeline.validate(data, chosen, max_size)
    renderer(fmt.value).render_validation(workbook, language, sys.stdout)


@app.command()
def template(
    out: Annotated[str, typer.Argument(metavar="OUT.xlsx", help="The workbook to write.")],
    plan: PlanOpt = None,
    years: Annotated[
        str | None,
        typer.Option("--years", metavar="FIRST-LAST", help="Year columns, e.g. 2021-2025 "
                     "(default: the plans' baseline years to the end of their periods)."),
    ] = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Replace OUT if it exists.")] = False,
    target: TargetOpt = None,
    indicator: IndicatorOpt = None,
    group: GroupOpt = None,
) -> None:
    """Write a blank input workbook for the chosen plans: indicators, years, a roster sheet."""
    language = _lang(lang)
    from railkpi import pipeline
    from railkpi.render import renderer

    with reporting(language, fmt):
        from railkpi.render.xlsx.template import parse_years, write_template

        span = parse_years(years) if years is not None else None
        pipeline.check_outputs({"OUT.xlsx": out}, None, plan)
        chosen = pipeline.plans(plan)
        _show_warnings(chosen.warnings, language)
        # The roster sheet offers what the reader accepts: the chosen and the bundled plans'.
        vocabulary = pipeline.registry(chosen).roster
        narrowed = target_filter(target, indicator, group)
        written = write_template(pipeline.select(chosen, narrowed), vocabulary, Path(out),
                                 language, span, force, plan or (), narrowed)
    renderer(fmt.value).render_template(written, language, sys.stdout)


@app.command()
def targets(plan: PlanOpt = None, fmt: FormatOpt = Format.table, lang: LangOpt = None,
            target: TargetOpt = None, indicator: IndicatorOpt = None,
            group: GroupOpt = None, names: NamesOpt = False) -> None:
    """List every target with the plan's own wording."""
    language = _lang(lang)
    from railkpi import pipeline
    from railkpi.render import renderer

    narrowed = target_filter(target, indicator, group)
    with reporting(language, fmt):
        chosen = pipeline.plans(plan)
        _show_warnings(chosen.warnings, language)
        shown = pipeline.select(chosen, narrowed)
    output = renderer(fmt.value)
    if names:
        output.render_names(shown, language, sys.stdout)
    else:
        output.render_targets(shown, language, sys.stdout, narrowed)


@app.command()
def plans(fmt: FormatOpt = Format.table, lang: LangOpt = None, names: NamesOpt = False) -> None:
    """List the bundled plans."""
    language = _lang(lang)
    from railkpi import pipeline
    from railkpi.render import renderer

    with reporting(language, fmt):
        chosen = pipeline.plans(None)
        _show_warnings(chosen.warnings, language)
    output = renderer(fmt.value)
    if names:
        output.render_names(chosen.models, language, sys.stdout)
    else:
        output.render_plans(chosen.models, language, sys.stdout)


@app.command()
def audit(
    plan: PlanOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 if there is any finding.")
    ] = False,
) -> None:
    """Check each plan's own figures against each other, and plans against each other.

    Stated growth rates against the levels they summarise (at the printed precision),
    increments against totals, target years outside the plan period, and the same indicator
    targeted differently by two plans. Exit 0 whatever is found, unless --strict.
    """
    language = _lang(lang)
    from railkpi import pipeline
    from railkpi.render import renderer

    with reporting(language, fmt):
        result = pipeline.audit(plan)  # plan warnings are findings here, not printed
    renderer(fmt.value).render_audit(result, language, sys.stdout)
    if strict and result.findings:
        raise typer.Exit(EXIT_FAIL_ON)


app.command(name="diff")(diff_command)


@app.command()
def schema() -> None:
    """Print the plan-file JSON Schema, for editors."""
    from railkpi.plans.schema import plan_schema
    from railkpi.render.json_common import dump

    dump(plan_schema(), sys.stdout)


def _growth_rate(kind: RateKind, start: float, end: float, years: int, names: str,
                 fmt: Format, lang: Lang | None) -> None:
    """The body of `cagr` and `required`: (end / start)^(1/years) − 1, rendered."""
    language = _lang(lang)
    from railkpi import pipeline
    from railkpi.render import renderer

    with reporting(language, fmt):
        rate = pipeline.growth_rate(kind, start, end, years, names)
    renderer(fmt.value).render_rate(rate, language, sys.stdout)


@app.command()
def cagr(
    start: Annotated[float, typer.Argument(help="Value at the start.")],
    end: Annotated[float, typer.Argument(help="Value at the end.")],
    years: YearsOpt,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = None,
) -> None:
    """Average annual growth from START to END over N years.

    (END / START)^(1/N) − 1.
    """
    _growth_rate("cagr", start, end, years, "START/END", fmt, lang)


@app.command()
def required(
    current: Annotated[float, typer.Argument(help="The value now.")],
    target: Annotated[float, typer.Argument(help="The target value.")],
    years: YearsOpt,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = None,
) -> None:
    """Annual growth needed from CURRENT to TARGET in N years.

    (TARGET / CURRENT)^(1/N) − 1.
    """
    _growth_rate("required_cagr", current, target, years, "CURRENT/TARGET", fmt, lang)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"railkpi {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = None,
    debug: Annotated[
        bool,
        typer.Option("--debug", help="On an internal error, show the Python traceback."),
    ] = False,
) -> None:
    """railkpi: where every target of a plan stands, and what it still needs."""
    settings["debug"] = debug


def main(run: Callable[[], Any] = app) -> None:
    """The entry point: the command, with its failures turned into exit statuses
    (cli_streams.run_guarded).

    The cyclic garbage collector is off while the command runs (as the workbook reader has it
    while it reads), and what the run leaves is frozen (`gc.freeze`) before it is switched back
    on: a run builds tens of thousands of objects that live until the process ends — modules,
    classes, the plans, the observations — which the collector would scan again and again,
    and once more in full when it is switched on and when the interpreter exits, freeing
    nothing (about 20 ms of an everyday `assess`). Memory is still freed by reference
    counting. Called in a longer-lived process, `main` leaves the objects alive at its end
    to reference counting alone. The console script and `python -m railkpi` switch the
    collector off before this module is imported (railkpi/__main__.py)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        with pydantic_plugins_off():
            cli_streams.run_guarded(run)
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


@contextmanager
def pydantic_plugins_off() -> Iterator[None]:
    """No pydantic plugin installed beside railkpi sees (or may break) its validation while a
    command runs, as Typer keeps them off its converters (README: Pydantic plugins); pydantic
    reads the variable at each schema it builds."""
    previous = os.environ.get(PYDANTIC_PLUGINS)
    os.environ[PYDANTIC_PLUGINS] = "__all__"
    try:
        yield
    finally:
        os.environ.pop(PYDANTIC_PLUGINS, None)
        if previous is not None:
            os.environ[PYDANTIC_PLUGINS] = previous
