"""The stages the commands run between their options and their renderer: load and check the
plans, read the workbook, assess, audit, work out a growth rate. Nothing is printed here; a
command renders what these return. Heavy modules (the workbook reader) are imported inside
the stages that need them, so that light commands stay fast.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from railkpi.calc import filters, formulas
from railkpi.calc.filters import NO_FILTER, TargetFilter
from railkpi.messages.problems_options import OPTION_DETAILS
from railkpi.plans.bundled import bundled_plan_ids, resolve_plan_path
from railkpi.plans.loader import load_plans
from railkpi.plans.models import Plan, Thresholds
from railkpi.plans.registry import IndicatorRegistry, merge_plans
from railkpi.problems import InputError, Problem, Words, error
from railkpi.records import record
from railkpi.text_safety import cleaned

if TYPE_CHECKING:
    from railkpi.calc.diff import ReportDiff
    from railkpi.calc.findings import AuditResult
    from railkpi.calc.results import GrowthRate, PathMethod, RateKind
    from railkpi.read.observation import WorkbookData
    from railkpi.render import MilestoneReport, Report


@record
class Plans:
    """The plans a run uses, each with the reference it was loaded by (an id or a path), and
    the warnings loading them gave (a target year outside the plan period)."""

    loaded: tuple[tuple[str, Plan], ...]
    warnings: tuple[Problem, ...]

    @property
    def models(self) -> list[Plan]:
        return [plan for _, plan in self.loaded]


def plans(refs: Sequence[str] | None) -> Plans:
    """The chosen plans (default: every bundled plan), checked against each other: shared
    indicators must agree on unit, direction and scope."""
    warnings: list[Problem] = []
    loaded = load_plans(list(refs or bundled_plan_ids()), warnings)
    merge_plans(loaded)
    return Plans(tuple(loaded), tuple(warnings))


def registry(chosen: Plans) -> IndicatorRegistry:
    """What a workbook may name: the chosen plans' indicators, then the other bundled plans'
    (one workbook serves every plan)."""
    selected = {plan.id for plan in chosen.models}
    others = [p for _, p in load_plans([i for i in bundled_plan_ids() if i not in selected])]
    return merge_plans(chosen.loaded, also_known=others)


def read(data: Path, chosen: Plans, max_size: str | None) -> WorkbookData:
    """The workbook read and checked against the plans' indicators (InputError if it can't)."""
    from railkpi.infile import check_readable
    from railkpi.read.guard import size_limit
    from railkpi.read.workbook import read_workbook

    limit = size_limit(max_size)
    check_readable(data)
    return read_workbook(data, registry(chosen), max_size=limit)


def validate(data: Path, chosen: Plans, max_size: str | None) -> WorkbookData:
    """The workbook read and checked, with a warning for each figure that contradicts one the
    chosen plans publish."""
    from railkpi.calc.contradictions import contradictions

    workbook = read(data, chosen, max_size)
    found = contradictions(workbook.file, chosen.models, workbook.observations)
    return replace(workbook, warnings=(*workbook.warnings, *found))


def assess(data: Path, chosen: Plans, as_of: int | None, thresholds: Thresholds | None,
           max_size: str | None, target_filter: TargetFilter = NO_FILTER,
           milestones: PathMethod | None = None) -> Report:
    """The targets of the chosen plans that the filter keeps, assessed against the workbook as
    of the year assessed and as of each year before it (calc/series.py), and against their
    step for the year assessed where they have one (`milestones`: on that path for every
    target). The year assessed is the one given, else the year most of the plans' indicators
    in the workbook reach (figures after it are listed in a warning). A workbook with no figure
    for any target is refused. The workbook is read for every indicator of the plans: a filter
    narrows the report, not what is checked nor the year assessed."""
    from railkpi.calc.as_of import after_as_of, default_as_of, indicators_used
    from railkpi.calc.series import assess_series
    from railkpi.render import Report

    kept = select(chosen, target_filter)
    workbook = validate(data, chosen, max_size)
    used = indicators_used(chosen.models)
    if not any(o.indicator in used for o in workbook.observations):
        raise InputError([*workbook.warnings, nothing_to_assess(workbook)])
    warnings = workbook.warnings
    if as_of is None:
        as_of = default_as_of(workbook.observations, chosen.models)
        warnings += tuple(after_as_of(workbook.file, workbook.observations, chosen.models,
                                      as_of))
    result = assess_series(kept, workbook.observations, as_of=as_of, thresholds=thresholds,
                           milestones=milestones)
    # The file's name is shown in every report: cleaned of control characters as cell text is.
    return Report(result, warnings, cleaned(data.name), workbook.observations, target_filter)


def nothing_to_assess(workbook: WorkbookData) -> Problem:
    """The error for a workbook with no figure for any target: the sheets it read, and how."""
    from railkpi.messages.problems_assessment import LAYOUT_WORDS

    zh = "、".join(f"{sheet}（{LAYOUT_WORDS[layout][0]}）"
                  for sheet, layout in workbook.layouts.items())
    en = ", ".join(f"{sheet} ({LAYOUT_WORDS[layout][1]})"
                   for sheet, layout in workbook.layouts.items())
    return error("nothing-to-assess", workbook.file, sheets=Words(zh, en))


def select(chosen: Plans, target_filter: TargetFilter) -> list[Plan]:
    """The chosen plans with only the targets of --target, --indicator and --group (InputError
    on a pattern that matches nothing)."""
    return filters.select(chosen.models, target_filter)


def diff(old: Path, new: Path, max_size: str | None) -> ReportDiff:
    """Two JSON assessment reports read (as untrusted files) and compared; the problems of both
    files are reported together."""
    from railkpi.calc.diff import diff_reports
    from railkpi.read.report import read_pair, report_size_limit

    return diff_reports(*read_pair(old, new, report_size_limit(max_size)))


def milestones(chosen: Plans, method: PathMethod, data: Path | None, from_latest: bool,
               as_of: int | None, max_size: str | None,
               target_filter: TargetFilter = NO_FILTER) -> MilestoneReport:
    """Every target the filter keeps in annual steps, from the plans' own baselines or the
    workbook's (and with `from_latest`, from its latest figures). --from-latest and --as-of
    need the workbook. As in `assess`, a filter narrows what is shown, not what is read nor
    the year the latest figures are taken at."""
    from railkpi.calc.as_of import default_as_of
    from railkpi.calc.decompose import decompose
    from railkpi.render import MilestoneReport

    kept = select(chosen, target_filter)
    if data is None:
        for option, given in (("--from-latest", from_latest), ("--as-of", as_of is not None)):
            if given:
                raise InputError([error("bad-option", option=option,
                                        detail=Words(*OPTION_DETAILS["needs-data"]))])
        return MilestoneReport(decompose(kept, None, method), target_filter=target_filter)
    workbook = read(data, chosen, max_size)
    if as_of is None:
        as_of = default_as_of(workbook.observations, chosen.models)
    steps = decompose(kept, workbook.observations, method, from_latest, as_of)
    return MilestoneReport(steps, workbook.warnings, cleaned(data.name), target_filter)


def audit(refs: Sequence[str] | None) -> AuditResult:
    """The plans' own figures checked against each other, and the plans against each other.
    Loading warnings are not returned: the audit reports them as findings."""
    from railkpi.calc.audit import audit as run_audit

    return run_audit(plans(refs).models)


def thresholds(text: str | None) -> Thresholds | None:
    """--thresholds ON,MODERATE,OFF (None when not given)."""
    if text is None:
        return None
    from pydantic import ValidationError

    try:
        on_track, moderate, off_track = (float(part) for part in text.split(","))
        return Thresholds(on_track=on_track, moderate=moderate, off_track=off_track)
    except (ValueError, ValidationError):
        raise InputError([error("bad-thresholds", found=text)]) from None


def growth_rate(kind: RateKind, start: float, end: float, years: int,
                names: str) -> GrowthRate:
    """(end / start)^(1/years) − 1 for `railkpi cagr` and `railkpi required`; `names` are the
    two arguments, as a problem names them."""
    from railkpi.calc.results import GrowthRate

    if start <= 0 or end <= 0:
        raise InputError([error("bad-option", option=names,
                                detail=Words(*OPTION_DETAILS["positive"]))])
    return GrowthRate(kind, formulas.finite(formulas.cagr(start, end, years)))


def check_outputs(outputs: Mapping[str, Path | str | None], data: Path | None,
                  refs: Sequence[str] | None) -> None:
    """Exit 2 before any work if an output file cannot be written (railkpi.outfile.check), would
    replace the workbook or a plan file, or is the same file as another output."""
    from railkpi import outfile

    inputs = [data] if data is not None else []
    for ref in refs or bundled_plan_ids():
        try:
            inputs.append(resolve_plan_path(ref))
        except InputError:
            continue  # reported when the plans are loaded
    outfile.check(outputs, inputs)
