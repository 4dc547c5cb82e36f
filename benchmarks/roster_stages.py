"""Where a roster's reading time goes: the stages of railkpi's reader, timed in one process.

    python benchmarks/roster_stages.py [ROWS] [--runs N] [--cache-dir DIR]

Builds (or reuses) the benchmark workbook of ROWS rows (default 1,048,576; see workbooks.py),
then reads it with `read_workbook` and both bundled plans N times (default 1), timing each
stage with `time.perf_counter()` around the functions that do it — wrapped, not profiled, so
that the figures are those of an ordinary run:

- the guard: `inspect` (the file and its zip directory) and `survey` (every part inflated,
  the large sheet's byte-level searches);
- python-calamine: opening the workbook and loading the roster sheet (`get_sheet_by_name`),
  then handing its rows over in chunks;
- the control-character check of each chunk of rows (text_safety);
- the roster's fast path (each chunk's columns checked, firm-years recorded, totals added);
- the rest of the reading: the data sheet, the derived figures, freeing each chunk's rows.

Interpreter start-up, the plans, the assessment and the report come on top in a real run
(`benchmarks/run.py` times the whole command).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import workbooks  # the benchmark's own module, beside this script

TIMES: defaultdict[str, float] = defaultdict(float)


def timed(stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            TIMES[stage] += time.perf_counter() - start
    return wrapper


def timed_chunks(stage: str, function: Callable[..., Iterator[Any]]) -> Callable[..., Any]:
    """A generator function whose every step is timed (not the caller's work between)."""
    def wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
        chunks = function(*args, **kwargs)
        while True:
            start = time.perf_counter()
            try:
                chunk = next(chunks)
            except StopIteration:
                return
            finally:
                TIMES[stage] += time.perf_counter() - start
            yield chunk
    return wrapper


def instrument() -> None:
    import python_calamine

    from railkpi import text_safety
    from railkpi.read import guard, sheets
    from railkpi.read.roster import fast_path

    guard.inspect = timed("guard: inspect", guard.inspect)
    guard.survey = timed("guard: survey (inflate, search)", guard.survey)
    sheets.CalamineRows.raw_chunks = timed_chunks(  # type: ignore[method-assign]
        "calamine: rows handed over", sheets.CalamineRows.raw_chunks)
    text_safety._CleanRawRows.raw_chunks = timed_chunks(  # type: ignore[method-assign]
        "check + rows", text_safety._CleanRawRows.raw_chunks)
    fast_path._FastChunks.add = timed(  # type: ignore[method-assign]
        "roster fast path", fast_path._FastChunks.add)
    real = python_calamine.CalamineWorkbook

    class Workbook:
        def __init__(self, workbook: Any) -> None:
            self.workbook = workbook

        def __getattr__(self, name: str) -> Any:
            return getattr(self.workbook, name)

        def get_sheet_by_name(self, name: str) -> Any:
            return timed("calamine: load sheet", self.workbook.get_sheet_by_name)(name)

    class Opener:
        @staticmethod
        def from_path(path: str) -> Workbook:
            return Workbook(timed("calamine: open", real.from_path)(path))

    python_calamine.CalamineWorkbook = Opener  # type: ignore[misc,assignment]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the stages of reading a roster.")
    parser.add_argument("rows", nargs="?", type=int, default=1_048_576)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--cache-dir", type=Path, default=workbooks.DEFAULT_CACHE)
    args = parser.parse_args(argv)
    path, _ = workbooks.ensure_workbook(args.rows, args.cache_dir)

    from railkpi import pipeline
    from railkpi.read.workbook import read_workbook

    registry = pipeline.registry(pipeline.plans(None))
    instrument()
    for run in range(1, args.runs + 1):
        TIMES.clear()
        start = time.perf_counter()
        read_workbook(path, registry)
        total = time.perf_counter() - start
        TIMES["check of control characters"] = (TIMES.pop("check + rows")
                                                - TIMES["calamine: rows handed over"])
        TIMES["the rest of the reading"] = total - sum(TIMES.values())
        print(f"run {run}: {args.rows:,} rows, read_workbook {total:.3f} s")
        for stage, seconds in TIMES.items():
            print(f"  {stage:34s} {seconds:7.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
