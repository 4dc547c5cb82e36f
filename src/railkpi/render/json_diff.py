"""JSON of `railkpi diff` (docs/report-format.md): two reports compared."""

from __future__ import annotations

from typing import Any, TextIO

from railkpi.calc.diff import ReportDiff, Side, TargetRef
from railkpi.read.report import FigureEntry
from railkpi.render.json_common import dump

DIFF_SCHEMA = "railkpi.diff/1"


def render_diff(diff: ReportDiff, lang: str, out: TextIO) -> None:
    """`railkpi diff` (docs/report-format.md): both reports, the status changes, the targets
    added and removed, the revised figures with both values and where each came from."""
    def ref(r: TargetRef) -> dict[str, Any]:
        return {"plan": r.plan, "target": r.target, "indicator": r.indicator}

    def figure(f: FigureEntry | None) -> dict[str, Any] | None:
        return None if f is None else {"value": f.value, "qualifier": f.qualifier,
                                       "source": f.source, "where": f.where}

    dump({
        "schema": DIFF_SCHEMA,
        "old": side_entry(diff.old),
        "new": side_entry(diff.new),
        "status_changes": [{**ref(c.ref), "old_status": c.old, "new_status": c.new,
                            "change": c.change} for c in diff.status_changes],
        "unchanged": diff.unchanged,
        "added": [{**ref(p.ref), "status": p.status} for p in diff.added],
        "removed": [{**ref(p.ref), "status": p.status} for p in diff.removed],
        "revisions": [{"indicator": r.indicator, "year": r.year, "kind": r.kind,
                       "old": figure(r.old), "new": figure(r.new), "plans": list(r.plans)}
                      for r in diff.revisions],
        "unchecked": list(diff.unchecked),
    }, out)


def side_entry(side: Side) -> dict[str, Any]:
    return {"file": side.file, "schema": side.schema, "as_of": side.as_of,
            "data_file": side.data_file, "railkpi_version": side.railkpi_version}
