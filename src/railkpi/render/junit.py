"""JUnit XML (`assess --junit FILE`): each target a test case, so CI systems list them.

`<testsuites>` holds one `<testsuite>` per plan (name = plan id) and one `<testcase>` per target
(classname `railkpi.<plan>.<group>`, name `<target id>: <indicator name>`). A target whose status
is one of `failing` (the statuses at or below the --fail-on level) has a `<failure>` whose
message gives the status, the gap and the growth required from now; a target with no_data or
undetermined that does not fail is `<skipped>`; every other target passes.

A target with a step for the year assessed says it in its `<system-out>` (the step, met or
missed, the figure, the gap), and its suite counts the steps in a `milestones` property. With
--fail-on-milestone a missed step fails the test case as it fails the run: a `<failure
type="milestone">` whose message is the line on standard error — or, when the status fails
too, one failure of the status type whose message adds that line (one failure per test case,
as every JUnit reader takes it). Without it a missed step is reported, not failed.

`errors` is always 0: input that cannot be assessed stops the run before any file is written.
Counts are computed from the same results the JSON report holds. Same inputs, same bytes: no
times, no host names.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Collection

from railkpi.calc.results import STATUS_UNORDERED, PlanResult, Point, TargetResult
from railkpi.messages import pick
from railkpi.messages.outputs import OUTPUT
from railkpi.messages.words import COLUMN, TEXT
from railkpi.render import Report, series_words
from railkpi.render import display as fmt
from railkpi.render import milestone_words as steps
from railkpi.render.files import FileSettings

OPTION = "--junit"
#: Characters XML 1.0 does not allow (a plan's quote may hold a NUL written as "\0" in YAML).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    """Text XML can carry: characters XML 1.0 forbids become U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def junit_file(report: Report, lang: str, settings: FileSettings) -> bytes:
    """The `--junit` file (render/files.py writes it)."""
    return junit_bytes(report, lang, settings.failing, settings.fail_on,
                       settings.fail_on_milestone)


def outcome(status: str, failing: Collection[str], step_missed: bool = False) -> str:
    """'failure', 'skipped' or 'passed' for a target of this status; a step missed that fails
    the run (--fail-on-milestone) is a failure whatever the status."""
    if status in failing or step_missed:
        return "failure"
    if status in STATUS_UNORDERED:
        return "skipped"
    return "passed"


def missed_step(result: TargetResult, fail_on_milestone: bool) -> bool:
    """Whether the target's step for the year assessed fails it (missed, and asked to fail)."""
    return fail_on_milestone and result.milestone is not None and result.milestone.met is False


def junit_bytes(report: Report, lang: str, failing: Collection[str], fail_on: str,
                fail_on_milestone: bool = False) -> bytes:
    root = ET.Element("testsuites", name="railkpi")
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for plan_result in report.assessment.plans:
        plan = plan_result.plan
        results = plan_result.targets
        step_fails = [missed_step(r, fail_on_milestone) for r in results]
        kinds = [outcome(r.status, failing, missed) for r, missed in zip(results, step_fails,
                                                                         strict=True)]
        counts = {
            "tests": len(results),
            "failures": kinds.count("failure"),
            "skipped": kinds.count("skipped"),
        }
        for key, count in counts.items():
            totals[key] += count
        suite = ET.SubElement(
            root, "testsuite", name=plan.id, tests=str(counts["tests"]),
            failures=str(counts["failures"]), errors="0", skipped=str(counts["skipped"]),
        )
        properties = ET.SubElement(suite, "properties")
        th = plan_result.thresholds
        for name, value in (
            ("title", plan.plan.title(lang)),
            ("as_of", str(report.assessment.as_of)),
            ("data_file", report.data_file or ""),
            ("thresholds", fmt.thresholds_text(th)),
            ("fail_on", fail_on),
            *_series_properties(report, lang),
            *_step_properties(plan_result, lang, fail_on_milestone),
        ):
            ET.SubElement(properties, "property", name=name, value=clean(value))
        for result, kind, missed in zip(results, kinds, step_fails, strict=True):
            _testcase(suite, plan_result, result, kind, result.status in failing, missed, lang)
    root.set("tests", str(totals["tests"]))
    root.set("failures", str(totals["failures"]))
    root.set("errors", "0")
    root.set("skipped", str(totals["skipped"]))
    # Attribute order as written above (Python ≥ 3.8 keeps insertion order).
    ET.indent(root)
    document = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + document + "\n").encode("utf-8")


def _testcase(suite: ET.Element, plan_result: PlanResult, result: TargetResult, kind: str,
              status_fails: bool, step_fails: bool, lang: str) -> None:
    """A target's test case: its failure or skip, and its step of the year, if it has one. A
    failure is the status's, the step's, or both in one message (of the status's type)."""
    case = ET.SubElement(
        suite, "testcase",
        classname=clean(f"railkpi.{plan_result.plan.id}.{result.target.group}"),
        name=clean(f"{result.target.id}: {fmt.name(result.indicator, lang)}"),
    )
    if kind == "failure":
        messages = [failure_message(result, lang)] if status_fails else []
        if step_fails:
            messages.append(steps.missed_line(plan_result, result, lang))
        failure = ET.SubElement(
            case, "failure", message=clean(("；" if lang == "zh" else "; ").join(messages)),
            type=result.status if status_fails else "milestone",
        )
        failure.text = clean(details(result, lang))
    elif kind == "skipped":
        ET.SubElement(case, "skipped", message=clean(skipped_message(result, lang)))
    step = steps.outcome_line(result, lang)
    if step is not None:
        ET.SubElement(case, "system-out").text = clean(step)


def _step_properties(plan_result: PlanResult, lang: str,
                     fail_on_milestone: bool) -> list[tuple[str, str]]:
    """Where a target of the plan has a step for the year assessed: the steps counted, and
    whether a missed one fails (nothing for a plan without steps)."""
    counted = steps.counts_line(plan_result.targets, lang)
    if counted is None:
        return []
    return [("milestones", counted), ("fail_on_milestone", str(fail_on_milestone).lower())]


def _series_properties(report: Report, lang: str) -> list[tuple[str, str]]:
    """The filter that narrowed the report, when one did: a suite lists only its targets."""
    narrowed = series_words.filter_text(report.target_filter, lang)
    return [("filter", narrowed)] if narrowed else []


def _gap(result: TargetResult, lang: str) -> str:
    """The gap with its unit, bounded or with the years missed as the tables show it."""
    unit = fmt.unit(result.indicator, lang)
    return fmt.gap(result, lang, unit if unit == "%" else f" {unit}")


def _rate(value: float | None, result: TargetResult) -> str:
    return (fmt.approximate_rate if result.approximate else fmt.rate)(value)


def failure_message(result: TargetResult, lang: str) -> str:
    """Status, gap with its unit, annual growth required from now: 进度滞后：差距 72 家；…"""
    return pick(OUTPUT["failure"], lang).format(
        status=fmt.marked_status(result, lang),
        gap=_gap(result, lang),
        required=_rate(result.required_cagr_from_latest, result),
    )


def skipped_message(result: TargetResult, lang: str) -> str:
    """The status word, and the notes that say why nothing could be judged."""
    notes = _notes(result, lang)
    colon = "：" if lang == "zh" else ": "
    status = fmt.marked_status(result, lang)
    return f"{status}{colon}{notes}" if notes else status


def _notes(result: TargetResult, lang: str) -> str:
    separator = "；" if lang == "zh" else "; "
    return separator.join(fmt.note_text(n.code, n.params, lang) for n in result.notes)


def _figure(p: Point | None, result: TargetResult, lang: str) -> str:
    """180余 家 (2020): the figure as the table shows it, its unit and its year."""
    if p is None:
        return "—"
    shown = p.figure.label(fmt.number(p.value, result.indicator))
    unit = fmt.unit(result.indicator, lang)
    return f"{shown}{unit if unit == '%' else ' ' + unit} ({p.year})"


def details(result: TargetResult, lang: str) -> str:
    """The failure's text: each figure of the target on a line of its own."""
    target = fmt.resolved_target(result, lang)
    colon = "：" if lang == "zh" else ": "
    lines = [
        (COLUMN["target"], f"{target} ({result.target_year})"),
        (COLUMN["baseline"], _figure(result.baseline, result, lang)),
        (COLUMN["latest"], _figure(result.latest, result, lang)),
        (COLUMN["gap"], _gap(result, lang)),
        (COLUMN["completion"], _rate(result.completion, result)),
        (COLUMN["time_elapsed"], fmt.rate(result.time_elapsed)),
        (COLUMN["actual_cagr"], _rate(result.actual_cagr, result)),
        (COLUMN["required_cagr_from_latest"],
         _rate(result.required_cagr_from_latest, result)),
        (COLUMN["status"], fmt.marked_status(result, lang)),
        (COLUMN["quote"], fmt.quote(result.target, lang)),
    ]
    if result.series is not None and result.series.needed_per_year is not None:
        unit = fmt.unit(result.indicator, lang)
        lines.insert(-2, (COLUMN["needed_per_year"], fmt.needed_per_year(
            result, unit if unit == "%" else f" {unit}")))
    if result.series is not None:
        lines.insert(-1, (COLUMN["change"], series_words.change_text(result, lang)))
    notes = _notes(result, lang)
    if notes:
        lines.append((TEXT["notes"], notes))
    text = [f"{pick(label, lang)}{colon}{value}" for label, value in lines]
    step = steps.outcome_line(result, lang)  # the step of the year, where it has one
    return "\n".join(text if step is None else [*text, step])
