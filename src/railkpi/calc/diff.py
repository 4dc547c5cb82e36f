"""Two JSON assessment reports compared (`railkpi diff OLD.json NEW.json`): statuses that
changed, targets added or removed, and revised figures. Pure: works on reports already read
(read/report.py).

- A target is the same target in both reports when its plan id and target id are the same;
  its change is worded as the timeline's (calc/series.change).
- A revised figure is the same indicator and year in both reports' `figures` with another value
  (beyond numeric.same's tolerance) or another qualifier ("180余" → 185). A figure of a year
  up to the old report's year assessed that only one report has was withdrawn or added late;
  it is listed too. A figure the plans share (both bundled plans read revenue from the same
  cell) is listed once, with the plans that use it.
- Reports of different plans are not compared: InputError naming both (read/report.read_pair
  refuses two reports of different formats).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from railkpi.calc.results import Change, Status
from railkpi.calc.series import change
from railkpi.numeric import same
from railkpi.problems import InputError, error
from railkpi.read.report import FigureEntry, Name, PlanEntry, ReadReport
from railkpi.records import record

RevisionKind = Literal["revised", "withdrawn", "added"]


@record
class Side:
    """One of the two reports, as the diff names it."""

    file: str
    schema: str
    as_of: int
    data_file: str | None
    railkpi_version: str | None


@record
class TargetRef:
    plan: str
    target: str
    indicator: str
    name: Name | None  # the indicator's name, where the report gives it


@record
class StatusChange:
    ref: TargetRef
    old: Status
    new: Status
    change: Change
    old_early: bool = False  # achieved before the target year (已提前完成)
    new_early: bool = False


@record
class Presence:
    """A target only one report has, with its status there."""

    ref: TargetRef
    status: Status
    early: bool = False


@record
class Revision:
    """One indicator's figure for one year, as each report gives it (None: not given)."""

    indicator: str
    name: Name | None
    year: int
    old: FigureEntry | None
    new: FigureEntry | None
    plans: tuple[str, ...]

    @property
    def kind(self) -> RevisionKind:
        if self.new is None:
            return "withdrawn"
        return "added" if self.old is None else "revised"


@record
class ReportDiff:
    old: Side
    new: Side
    status_changes: tuple[StatusChange, ...]
    unchanged: int
    added: tuple[Presence, ...]
    removed: tuple[Presence, ...]
    revisions: tuple[Revision, ...]
    #: Plans whose figures one of the reports does not give: their revisions are not checked.
    unchecked: tuple[str, ...]

    @property
    def worsened(self) -> tuple[StatusChange, ...]:
        return tuple(c for c in self.status_changes if c.change == "worsened")


def _side(report: ReadReport) -> Side:
    doc = report.document
    return Side(report.file, doc.schema_, doc.as_of, doc.data_file, doc.railkpi_version)


def diff_reports(old: ReadReport, new: ReadReport) -> ReportDiff:
    """What changed from `old` to `new` (InputError if they cannot be compared)."""
    _comparable(old, new)
    old_plans = {p.id: p for p in old.document.plans}
    changes: list[StatusChange] = []
    added: list[Presence] = []
    unchanged = 0
    for plan in new.document.plans:
        before = {t.id: t for t in old_plans[plan.id].targets}
        for t in plan.targets:
            ref = TargetRef(plan.id, t.id, t.indicator, t.indicator_name or (
                before[t.id].indicator_name if t.id in before else None))
            if t.id not in before:
                added.append(Presence(ref, t.status, t.early))
            elif before[t.id].status == t.status:
                unchanged += 1
            else:
                was = before[t.id]
                changes.append(StatusChange(ref, was.status, t.status,
                                            change(was.status, t.status), was.early, t.early))
    new_plans = {p.id: p for p in new.document.plans}
    removed = [Presence(TargetRef(plan.id, t.id, t.indicator, t.indicator_name), t.status,
                        t.early)
               for plan in old.document.plans for t in plan.targets
               if t.id not in {n.id for n in new_plans[plan.id].targets}]
    unchecked = tuple(p.id for p in new.document.plans
                      if p.figures is None or old_plans[p.id].figures is None)
    revisions = _revisions(old.document.plans, new_plans, old.document.as_of)
    return ReportDiff(_side(old), _side(new), tuple(changes), unchanged, tuple(added),
                      tuple(removed), revisions, unchecked)


def _comparable(old: ReadReport, new: ReadReport) -> None:
    """Same format (read/report.read_pair checks it), same plans; else a problem naming both."""
    a, b = old.document, new.document
    old_ids, new_ids = [p.id for p in a.plans], [p.id for p in b.plans]
    if set(old_ids) != set(new_ids) or len(set(new_ids)) != len(new_ids) or (
            len(set(old_ids)) != len(old_ids)):
        raise InputError([error("report-plans-mismatch", old=old.file, new=new.file,
                                old_plans=", ".join(old_ids) or "—",
                                new_plans=", ".join(new_ids) or "—")])


def _names(plans: Iterable[PlanEntry]) -> dict[str, Name]:
    return {t.indicator: t.indicator_name for p in plans for t in p.targets
            if t.indicator_name is not None}


def _revisions(old_plans: Iterable[PlanEntry], new_plans: dict[str, PlanEntry],
               old_as_of: int) -> tuple[Revision, ...]:
    """Figures that differ between the reports, each once with the plans that use it."""
    found: dict[tuple[object, ...], list[str]] = {}
    entries: dict[tuple[object, ...], tuple[str, int, FigureEntry | None, FigureEntry | None]] = {}
    olds = list(old_plans)
    for plan in olds:
        new_figures = new_plans[plan.id].figures
        if plan.figures is None or new_figures is None:
            continue
        for indicator, old_list in plan.figures.items():
            if indicator not in new_figures:
                continue
            before = {f.year: f for f in old_list}
            after = {f.year: f for f in new_figures[indicator]}
            for year in sorted(set(before) | {y for y in after if y <= old_as_of}):
                a, b = before.get(year), after.get(year)
                if a is not None and b is not None and _same(a, b):
                    continue
                key = (indicator, year, _key(a), _key(b))
                found.setdefault(key, []).append(plan.id)
                entries[key] = (indicator, year, a, b)
    names = _names(olds) | _names(new_plans.values())
    return tuple(Revision(indicator, names.get(indicator), year, a, b, tuple(found[key]))
                 for key, (indicator, year, a, b) in entries.items())


def _same(a: FigureEntry, b: FigureEntry) -> bool:
    return same(a.value, b.value) and a.qualifier == b.qualifier


def _key(figure: FigureEntry | None) -> tuple[object, ...] | None:
    if figure is None:
        return None
    return (figure.value, figure.qualifier, figure.source, figure.where)
