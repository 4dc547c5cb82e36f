"""The command line: parse options, run read → validate → calculate → render, set the exit status.

Exit status: 0 ran; 1 a target is at or below the --fail-on level; 2 bad input or options;
3 internal error (a bug in railkpi).
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from railkpi import __version__
from railkpi.messages import TEXT, pick
from railkpi.problems import InputError, error

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


def default_lang() -> str:
    """Chinese when the locale says so (LC_ALL, LC_MESSAGES, LANG, LANGUAGE), else English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


app = typer.Typer(
    name="railkpi",
    help="Gaps, 序时进度, growth and status for every quantified target of a plan.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)

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
                 help="Assess as of this year (default: the data's latest year)."),
]
MaxSizeOpt = Annotated[
    str | None,
    typer.Option("--max-size", metavar="SIZE", help="Refuse a workbook larger than this, e.g. "
                 "500MB, 1.5GB or bytes (default 200MB)."),
]


def _lang(lang: Lang | None) -> str:
    return lang.value if lang else default_lang()


@contextmanager
def reporting(lang: str, fmt: Format = Format.table) -> Iterator[None]:
    """Turn InputError into its problems on the right stream and exit status 2."""
    try:
        yield
    except InputError as exc:
        from railkpi.render.json_report import dump, problem_entry

        if fmt == Format.json:
            dump({"problems": [problem_entry(p, lang) for p in exc.problems]}, sys.stdout)
        from railkpi.render.table import render_problems

        render_problems(exc.problems, lang, sys.stderr)
        raise typer.Exit(EXIT_BAD_INPUT) from None


def _load(plan: list[str] | None, lang: str) -> list[tuple[str, Any]]:
    """The chosen plans (default: every bundled plan), checked against each other.

    Warnings about a plan that loads (a target year outside its period) go to stderr, so that
    stdout stays a clean table or JSON document; `railkpi audit` lists them as findings.
    """
    from railkpi.plan_loader import bundled_plan_ids, load_plans, merge_plans
    from railkpi.problems import Problem

    warnings: list[Problem] = []
    plans = load_plans(plan or bundled_plan_ids(), warnings)
    merge_plans(plans)  # shared indicators must agree on unit, direction and scope
    if lang == "zh":  # English quotes matter only to English output
        warnings = [w for w in warnings if w.code != "plan-no-english-quotes"]
    if warnings:
        from railkpi.render.table import render_problems

        render_problems(warnings, lang, sys.stderr)
    return plans


def _registry(plans: list[tuple[str, Any]]) -> Any:
    """What a workbook may name: the selected plans' indicators, then the bundled plans'."""
    from railkpi.plan_loader import bundled_plan_ids, load_plans, merge_plans

    selected = {p.id for _, p in plans}
    others = [p for _, p in load_plans([i for i in bundled_plan_ids() if i not in selected])]
    return merge_plans(plans, also_known=others)


def _parse_thresholds(text: str | None) -> Any:
    if text is None:
        return None
    from pydantic import ValidationError

    from railkpi.plan import Thresholds

    try:
        on_track, moderate, off_track = (float(part) for part in text.split(","))
        return Thresholds(on_track=on_track, moderate=moderate, off_track=off_track)
    except (ValueError, ValidationError):
        raise InputError([error("bad-thresholds", found=text)]) from None


def failing(statuses: Sequence[str], fail_on: Sequence[StatusName]) -> list[str]:
    """The statuses at or below any --fail-on level (undetermined/no_data only when named)."""
    from railkpi.assess import STATUS_ORDER

    bad: set[str] = set()
    for level in fail_on:
        if level.value in STATUS_ORDER:
            bad.update(STATUS_ORDER[STATUS_ORDER.index(level.value) :])
        else:
            bad.add(level.value)
    return [s for s in statuses if s in bad]


def _refuse_overwriting_inputs(
    outputs: dict[str, Path | None], data: Path | None, plan: list[str] | None
) -> None:
    """Exit 2 before any work if an output file would replace the workbook or a plan file."""
    from railkpi.outfile import refuse_input
    from railkpi.plan_loader import bundled_plan_ids, resolve_plan_path

    inputs = [data] if data is not None else []
    for ref in plan or bundled_plan_ids():
        try:
            inputs.append(resolve_plan_path(ref))
        except InputError:
            continue  # reported when the plans are loaded
    for option, path in outputs.items():
        if path is not None:
            for source in inputs:
                refuse_input(path, source, option)


def _write_junit(report: Any, lang: str, path: Path, fail_on: Sequence[StatusName] | None) -> None:
    """--junit: a failure for each target at or below the --fail-on level (default off_track)."""
    from railkpi.assess import ALL_STATUSES
    from railkpi.render.junit import write_junit

    levels = list(fail_on) if fail_on else [StatusName.off_track]
    write_junit(report, lang, path, failing=set(failing(ALL_STATUSES, levels)),
                fail_on=",".join(level.value for level in levels))


@app.command()
def assess(
    data: Annotated[Path, typer.Argument(metavar="DATA", help="The data workbook (.xlsx).")],
    plan: PlanOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = None,
    fail_on: Annotated[
        list[StatusName] | None,
        typer.Option(
            "--fail-on",
            metavar="STATUS",
            help="Exit 1 if any target is this bad or worse (achieved < on_track < moderate < "
            "off_track < regressing < not_achieved); undetermined and no_data fail only when "
            "named. Repeatable.",
        ),
    ] = None,
    thresholds: Annotated[
        str | None,
        typer.Option(
            "--thresholds",
            metavar="ON,MODERATE,OFF",
            help="Status cut-offs on_track,moderate,off_track (default: the plan's, else "
            "0.95,0.6,0).",
        ),
    ] = None,
    junit: Annotated[
        Path | None,
        typer.Option(
            "--junit",
            metavar="FILE",
            help="Also write a JUnit XML file: a test case per target, failing at or below the "
            "--fail-on level (default off_track).",
        ),
    ] = None,
    xlsx: Annotated[
        Path | None,
        typer.Option("--xlsx", metavar="FILE", help="Also write the Excel gap table: a sheet per "
                     "plan, a summary, charts and the method."),
    ] = None,
    max_size: MaxSizeOpt = None,
) -> None:
    """Assess every target of the chosen plans against a data workbook."""
    language = _lang(lang)
    from railkpi.render import step_summary

    with reporting(language, fmt), step_summary.problems_on_error(language):
        from railkpi.assess import assess as run_assessment
        from railkpi.render import Report, renderer
        from railkpi.workbook import read_workbook
        from railkpi.xlsx_guard import size_limit

        cut_offs = _parse_thresholds(thresholds)
        _refuse_overwriting_inputs({"--junit": junit, "--xlsx": xlsx}, data, plan)
        plans = _load(plan, language)
        workbook = read_workbook(data, _registry(plans), max_size=size_limit(max_size))
        assessment = run_assessment(
            [p for _, p in plans], workbook.observations, as_of=as_of, thresholds=cut_offs
        )
        report = Report(assessment, workbook.warnings, data.name, workbook.observations)
        if junit is not None:
            _write_junit(report, language, junit, fail_on)
        if xlsx is not None:
            from railkpi.render.xlsx import write_gap_table

            write_gap_table(report, language, xlsx, data)
    renderer(fmt.value).render_assessment(report, language, sys.stdout)
    step_summary.append_report(report, language)
    if fail_on and failing(assessment.statuses(), fail_on):
        raise typer.Exit(EXIT_FAIL_ON)


@app.command()
def validate(
    data: Annotated[Path, typer.Argument(metavar="DATA", help="The data workbook (.xlsx).")],
    plan: PlanOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = None,
    max_size: MaxSizeOpt = None,
) -> None:
    """Check a data workbook only; exit 2 if it has errors."""
    language = _lang(lang)
    with reporting(language, fmt):
        from railkpi.workbook import read_workbook
        from railkpi.xlsx_guard import size_limit

        limit = size_limit(max_size)
        workbook = read_workbook(data, _registry(_load(plan, language)), max_size=limit)
    if fmt == Format.json:
        from railkpi.render.json_report import dump, problem_entry

        dump(
            {
                "file": data.name,
                "layouts": workbook.layouts,
                "observations": [
                    o.model_dump(exclude_defaults=True) for o in workbook.observations
                ],
                "problems": [problem_entry(p, language) for p in workbook.warnings],
            },
            sys.stdout,
        )
        return
    from railkpi.render.table import render_problems

    render_problems(workbook.warnings, language, sys.stderr)
    typer.echo(pick(TEXT["valid"], language).format(file=data.name,
                                                     count=len(workbook.observations)))


@app.command()
def template(
    out: Annotated[Path, typer.Argument(metavar="OUT.xlsx", help="The workbook to write.")],
    plan: PlanOpt = None,
    years: Annotated[
        str | None,
        typer.Option("--years", metavar="FIRST-LAST", help="Year columns, e.g. 2021-2025 "
                     "(default: the plans' baseline years to the end of their periods)."),
    ] = None,
    lang: LangOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Replace OUT if it exists.")] = False,
) -> None:
    """Write a blank input workbook for the chosen plans: indicators, years, a roster sheet."""
    language = _lang(lang)
    with reporting(language):
        from railkpi.template import default_years, parse_years, write_template

        span = parse_years(years) if years is not None else None
        _refuse_overwriting_inputs({"OUT.xlsx": out}, None, plan)
        plans = _load(plan, language)
        chosen = "".join(f" --plan {ref}" for ref in plan or ())
        commands = (f"railkpi validate {out.name}{chosen}",
                    f"railkpi assess {out.name}{chosen} --xlsx gaps.xlsx")
        rows = write_template([p for _, p in plans], out, language, span, force, commands)
    first, last = span or default_years([p for _, p in plans])
    from railkpi.messages import TEMPLATE

    typer.echo(pick(TEMPLATE["written"], language).format(path=out, indicators=rows,
                                                          first=first, last=last))


@app.command()
def targets(plan: PlanOpt = None, fmt: FormatOpt = Format.table, lang: LangOpt = None) -> None:
    """List every target with the plan's own wording."""
    language = _lang(lang)
    with reporting(language, fmt):
        plans = _load(plan, language)
    from railkpi.render import renderer

    renderer(fmt.value).render_targets([p for _, p in plans], language, sys.stdout)


@app.command()
def plans(fmt: FormatOpt = Format.table, lang: LangOpt = None) -> None:
    """List the bundled plans."""
    language = _lang(lang)
    with reporting(language, fmt):
        loaded = _load(None, language)
    if fmt == Format.json:
        from railkpi.render.json_report import dump

        dump({"plans": [
            {"id": p.id, "title": p.plan.title.model_dump(), "period": list(p.plan.period),
             "baseline_year": p.plan.baseline_year, "document": p.plan.document,
             "targets": len(p.targets)}
            for _, p in loaded
        ]}, sys.stdout)
        return
    from railkpi.render.table import render_plans

    render_plans(loaded, language, sys.stdout)


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
    with reporting(language, fmt):
        from railkpi.plan_loader import bundled_plan_ids, load_plans, merge_plans

        # Plan warnings are not printed here: the audit reports them as findings.
        plans = load_plans(plan or bundled_plan_ids())
        merge_plans(plans)
    from railkpi.audit import audit as run_audit
    from railkpi.render import renderer

    result = run_audit([p for _, p in plans])
    renderer(fmt.value).render_audit(result.findings, result.unchecked, language, sys.stdout)
    if strict and result.findings:
        raise typer.Exit(EXIT_FAIL_ON)


@app.command()
def schema() -> None:
    """Print the plan-file JSON Schema, for editors."""
    from railkpi.plan import Plan

    document = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                **Plan.model_json_schema()}
    typer.echo(json.dumps(document, ensure_ascii=False, indent=2))


def _rate_command(key: str, text_key: str, rate: float | None, fmt: Format, lang: str) -> None:
    if fmt == Format.json:
        typer.echo(json.dumps({key: rate}))
        return
    if rate is None:
        typer.echo("—")
        return
    typer.echo(pick(TEXT[text_key], lang).format(rate=f"{rate:.2%}", rounded=f"{rate:.1%}"))


Positive = Annotated[float, typer.Argument(min=0.0)]
YearsOpt = Annotated[int, typer.Option("--years", "-n", min=1, help="Number of years.")]


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
    from railkpi.formulas import cagr as compound_rate

    _check_positive(start, end, lang=_lang(lang))
    _rate_command("cagr", "cagr_result", compound_rate(start, end, years), fmt, _lang(lang))


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
    from railkpi.formulas import cagr as compound_rate

    _check_positive(current, target, lang=_lang(lang))
    _rate_command("required_cagr", "required_result", compound_rate(current, target, years), fmt,
                  _lang(lang))


def _check_positive(*values: float, lang: str) -> None:
    with reporting(lang):
        if any(v <= 0 for v in values):
            raise InputError([error("bad-option", option="START/END",
                                    detail="growth rates need positive values")])


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
    _settings["debug"] = debug


#: Run-wide settings of the root command, read when an internal error is reported.
_settings: dict[str, bool] = {"debug": False}


def _internal_error(exc: BaseException) -> NoReturn:
    if _settings["debug"] or os.environ.get("RAILKPI_DEBUG"):
        traceback.print_exception(exc)
    sys.stderr.write(
        f"railkpi {__version__}: internal error ({type(exc).__name__}: {exc}).\n"
        "This is a bug in railkpi, not in your files. Please report it with the command you "
        "ran and this message to the railkpi maintainers; run again with --debug (railkpi "
        "--debug COMMAND …) to see the traceback.\n"
    )
    sys.exit(EXIT_INTERNAL)


def main(run: Callable[[], Any] = app) -> None:
    try:
        run()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        _internal_error(exc)
