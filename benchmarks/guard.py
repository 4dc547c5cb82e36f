"""How long the workbook guard takes: the scan of a large sheet, and refusing each hostile file
of the test corpus (tests/test_hostile_workbooks.py); then the whole `railkpi validate` run on
each case of the reader's corpus (tests/test_hostile_sheets.py: sparse sheets, lying string
tables, 3,000 sheets, floods of problems, …), whose promise is under 5 s each. The tests bound
the work (bytes inflated, sheets parsed, files opened); the times are here, for people to
read, not asserted anywhere.

    python benchmarks/guard.py            # 3 runs each, medians in seconds
    python benchmarks/guard.py --runs 5
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from railkpi.problems import InputError  # noqa: E402
from railkpi.read import guard  # noqa: E402
from railkpi.read.guard.limits import parse_size  # noqa: E402
from test_hostile_sheets import CASES as READER_CASES  # noqa: E402
from test_hostile_workbooks import (  # noqa: E402  (the corpus lives with its tests)
    CASES,
    SHEET,
    rebuilt,
    sheet_xml,
    workbook_parts,
)

ROW = ('<x:row r="{n}"><x:c r="A{n}" t="inlineStr"><x:is><x:t>revenue_total</x:t></x:is>'
       '</x:c><x:c r="B{n}"><x:v>2023</x:v></x:c><x:c r="C{n}"><x:v>1.5</x:v></x:c>'
       '<x:c r="D{n}" t="inlineStr"><x:is><x:t>亿元</x:t></x:is></x:c>'
       '<x:c r="E{n}">{f}<x:v>2</x:v></x:c></x:row>')


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        with contextlib.suppress(InputError):  # a refusal is the expected outcome
            action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def checked(path: Path, max_size: int = guard.DEFAULT_MAX_SIZE) -> Callable[[], object]:
    def action() -> object:
        guard.inspect(path, max_size)
        return guard.scan(path)
    return action


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        parts = workbook_parts()
        print("scan of a 100,000-row sheet (inspect + scan), median of", runs, "runs")
        for label, formula in (("without formulas", ""), ("with formulas", "<x:f>1+1</x:f>")):
            cells = "".join(ROW.format(n=n, f=formula) for n in range(2, 100_002))
            path = rebuilt(work / f"{label}.xlsx", parts, {SHEET: sheet_xml(cells)})
            print(f"  {label:<18} {median_seconds(checked(path), runs):8.3f} s")
        print("hostile files refused (inspect + scan), median of", runs, "runs")
        for name, case in CASES.items():
            path = case.make(work / f"{name}.xlsx")
            limit = parse_size(case.args[1]) if case.args else guard.DEFAULT_MAX_SIZE
            print(f"  {name:<32} {median_seconds(checked(path, limit), runs):8.3f} s")
        print("the reader's corpus: railkpi validate, a whole run, median of", runs, "runs")
        for name, reader_case in READER_CASES.items():
            path = reader_case.make(work / f"reader-{name}.xlsx")
            command = [sys.executable, "-m", "railkpi", "validate", str(path)]
            seconds = median_seconds(lambda command=command: subprocess.run(  # type: ignore[misc]
                command, capture_output=True, check=False), runs)
            print(f"  {name:<40} {seconds:8.3f} s")


if __name__ == "__main__":
    main()
