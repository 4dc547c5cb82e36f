"""`railkpi diff` for people: the rows of its sections in the run's language, shared by the
terminal, Markdown and CSV formats (calc/diff.py computes what they show)."""

from __future__ import annotations

from railkpi.calc.diff import Presence, ReportDiff, Revision, StatusChange, TargetRef
from railkpi.figures import QUALIFIERS, Figure
from railkpi.messages import pick
from railkpi.messages.series import DIFF
from railkpi.numeric import written
from railkpi.read.report import FigureEntry
from railkpi.render.series_words import change_word, status_word

SOURCES = {"data": "source-data", "plan": "source-plan", "roster": "source-roster"}
KINDS = {"revised": "kind-revised", "withdrawn": "kind-withdrawn", "added": "kind-added"}
#: Columns of each section: message keys in DIFF.
STATUS_COLUMNS = ("col-plan", "col-target", "col-indicator", "col-old", "col-new",
                  "col-change")
PRESENCE_COLUMNS = ("col-plan", "col-target", "col-indicator", "col-status")
REVISION_COLUMNS = ("col-indicator", "col-year", "col-kind", "col-old-value",
                    "col-old-source", "col-new-value", "col-new-source", "col-plans")


def title(diff: ReportDiff, lang: str) -> str:
    old, new = diff.old, diff.new
    return pick(DIFF["title"], lang).format(old=old.file, old_as_of=old.as_of, new=new.file,
                                            new_as_of=new.as_of)


def notes(diff: ReportDiff, lang: str) -> list[str]:
    """Lines under the sections: files that look swapped, plans whose figures were not
    compared."""
    lines = []
    if diff.new.as_of < diff.old.as_of:
        lines.append(pick(DIFF["swapped"], lang).format(old=diff.old.file, new=diff.new.file))
    if diff.unchecked:
        lines.append(pick(DIFF["unchecked"], lang).format(plans=", ".join(diff.unchecked)))
    return lines


def name(ref: TargetRef, lang: str) -> str:
    """The indicator's name as the report gives it, else its id."""
    return ref.indicator if ref.name is None else (ref.name.zh if lang == "zh" else ref.name.en)


def heads(keys: tuple[str, ...], lang: str) -> list[str]:
    return [pick(DIFF[key], lang) for key in keys]


def status_row(c: StatusChange, lang: str) -> list[str]:
    mark = {"improved": "↑ ", "worsened": "↓ "}.get(c.change, "")
    return [c.ref.plan, c.ref.target, name(c.ref, lang),
            status_word(c.old, c.old_early, lang), status_word(c.new, c.new_early, lang),
            mark + change_word(c.change, lang)]


def presence_row(p: Presence, lang: str) -> list[str]:
    return [p.ref.plan, p.ref.target, name(p.ref, lang), status_word(p.status, p.early, lang)]


def figure(entry: FigureEntry | None) -> str:
    """A figure as written, with its qualifier: '2651.3', '180余', '>3000'; — when absent."""
    if entry is None:
        return "—"
    shown = written(entry.value)
    if entry.qualifier is None:
        return shown
    if entry.qualifier in QUALIFIERS:
        return Figure(entry.value, None, None, qualifier=entry.qualifier).label(shown)
    return f"{shown} ({entry.qualifier})"


def source(entry: FigureEntry | None, lang: str) -> str:
    """Where a figure came from: '数据!C5', 'plan text history[3]'."""
    if entry is None:
        return "—"
    word = pick(DIFF[SOURCES[entry.source]], lang) if entry.source in SOURCES else (
        entry.source or "")
    return " ".join(part for part in (word, entry.where) if part) or "—"


def revision_name(r: Revision, lang: str) -> str:
    """The revised indicator's name as a report gives it, else its id."""
    return r.indicator if r.name is None else (r.name.zh if lang == "zh" else r.name.en)


def revision_row(r: Revision, lang: str) -> list[str]:
    return [revision_name(r, lang), str(r.year), pick(DIFF[KINDS[r.kind]], lang), figure(r.old),
            source(r.old, lang), figure(r.new), source(r.new, lang), ", ".join(r.plans)]


#: A section of a diff: its heading's key, the key of the line said when it has no row (None:
#: the section is left out), its column keys and its rows.
Section = tuple[str, str | None, tuple[str, ...], list[list[str]]]


def sections(diff: ReportDiff, lang: str) -> list[Section]:
    """The sections every diff output shows, in order, without those left out when empty."""
    every: list[Section] = [
        ("status-changes", "no-status-changes", STATUS_COLUMNS,
         [status_row(c, lang) for c in diff.status_changes]),
        ("added", None, PRESENCE_COLUMNS, [presence_row(p, lang) for p in diff.added]),
        ("removed", None, PRESENCE_COLUMNS, [presence_row(p, lang) for p in diff.removed]),
        ("revisions", "no-revisions", REVISION_COLUMNS,
         [revision_row(r, lang) for r in diff.revisions]),
    ]
    return [section for section in every if section[3] or section[1] is not None]
