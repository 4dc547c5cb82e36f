"""Mutation testing of the calculation core with mutmut, and the check of its survivors.

    python tools/mutation.py                 # every mutant (docs/testing.md: the time)
    python tools/mutation.py --quick         # one mutant in five, under 5 min
    python tools/mutation.py --module src/railkpi/calc/formulas.py --tests tests/test_formulas.py
    python tools/mutation.py 'railkpi.figures.*'     # mutmut name patterns

What is mutated and which tests run are settings, not code: `only_mutate` and
`pytest_add_cli_args_test_selection` of `[tool.mutmut]` in pyproject.toml, which --module and
--tests replace for one run. mutmut (pinned in the `mutation` extra) plants one small bug at a
time in a copy of the source and runs the tests that reach the function it changed; a mutant
that no test fails "survives".

The run happens in a copy of the working tree (a temporary directory, or --workdir DIR to keep
it for `mutmut show` / `mutmut browse` there), so the repository is never touched. Every
survivor is then looked up in the table of equivalent mutants in docs/testing.md (function,
line as written, line as mutated): the run fails (exit 1) if a survivor is not listed there, if
a mutant has no test at all, or, on a full run, if a listed mutant no longer survives (the
table must stay true). Exit 2 if mutmut itself could not run.
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - mutmut brings toml on 3.10
    import toml as tomllib  # type: ignore[import-untyped,no-redef,unused-ignore]

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "testing.md"
#: Not copied into the work directory: caches, environments, earlier mutmut state.
IGNORED = shutil.ignore_patterns(
    ".git", ".venv", "venv", "mutants", "__pycache__", ".pytest_cache", ".mypy_cache",
    ".ruff_cache", ".hypothesis", "*.egg-info", "build", "dist",
)
#: --quick: the mutants whose number ends in 0 or 5, one in five, spread over every function.
QUICK_SAMPLE = ("*__mutmut_*0", "*__mutmut_*5")
#: mutmut statuses counted as caught: a test failed, timed out, or crashed the interpreter.
CAUGHT = {"killed", "timeout", "segfault", "suspicious", "caught by type check"}
TABLE_START, TABLE_END = "<!-- equivalent-mutants:start -->", "<!-- equivalent-mutants:end -->"


@dataclass(frozen=True)
class Mutant:
    name: str  # mutmut's name: railkpi.calc.windows.x_assess_trend__mutmut_57
    status: str
    removed: str = ""  # the source line(s) as written, whitespace collapsed
    added: str = ""  # the line(s) as mutated

    @property
    def function(self) -> str:
        """assess_trend for railkpi.calc.windows.x_assess_trend__mutmut_57; Figure.scaled for
        a method."""
        local = self.name.rsplit("__mutmut_", 1)[0].rsplit(".", 1)[-1]
        if "ǁ" in local:  # xǁFigureǁscaled
            return ".".join(local.split("ǁ")[1:])
        return local.removeprefix("x_")  # x_assess_trend → assess_trend

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.function, self.removed, self.added)


def settings() -> tuple[list[str], list[str]]:
    """The modules to mutate and the tests to run, from pyproject.toml's [tool.mutmut]."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mutmut"]
    return list(config["only_mutate"]), list(config["pytest_add_cli_args_test_selection"])


def mutmut_table(modules: list[str], tests: list[str]) -> str:
    """The [tool.mutmut] table for the work directory."""
    def array(items: list[str]) -> str:
        return "[" + ", ".join(f'"{item}"' for item in items) + "]"

    source_roots = sorted({module.split("/", 1)[0] + "/" for module in modules})
    return (
        "[tool.mutmut]\n"
        f"source_paths = {array(source_roots)}\n"
        f"only_mutate = {array(modules)}\n"
        f"pytest_add_cli_args_test_selection = {array(tests)}\n"
        'also_copy = ["targets/", "examples/"]\n'
    )


def prepare(workdir: Path, modules: list[str], tests: list[str]) -> None:
    """A copy of the working tree whose [tool.mutmut] names these modules and tests."""
    missing = [p for p in modules + tests if not (ROOT / p).exists()]
    if missing:
        raise SystemExit(f"mutation: no such file: {', '.join(missing)}")
    shutil.copytree(ROOT, workdir, ignore=IGNORED, dirs_exist_ok=True)
    pyproject = workdir / "pyproject.toml"
    text = pyproject.read_text("utf-8")
    # drop the repository's own [tool.mutmut] table (up to the next table) and add ours
    text = re.sub(r"(?ms)^\[tool\.mutmut\]\n.*?(?=^\[|\Z)", "", text)
    pyproject.write_text(text.rstrip("\n") + "\n\n" + mutmut_table(modules, tests), "utf-8")


def mutmut(workdir: Path, *args: str, log: Path | None = None) -> str:
    command = [sys.executable, "-m", "mutmut", *args]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    if log is None:
        done = subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True,
                              check=False)
        if done.returncode != 0:
            raise SystemExit(f"mutation: {' '.join(args)} failed:\n{done.stderr[-3000:]}")
        return done.stdout
    with log.open("w", encoding="utf-8") as out:
        ran = subprocess.run(command, cwd=workdir, env=env, stdout=out,
                             stderr=subprocess.STDOUT, check=False)
    if ran.returncode != 0:
        tail = log.read_text("utf-8", errors="replace")[-3000:]
        print(f"mutation: mutmut run failed (exit {ran.returncode}); its log ends:\n{tail}",
              file=sys.stderr)
        raise SystemExit(2)
    return ""


def collapse(lines: list[str]) -> str:
    return " ".join(" ".join(line.split()) for line in lines if line.strip())


def diff_of(workdir: Path, name: str) -> tuple[str, str]:
    """The line(s) a mutant removes and adds, from `mutmut show`."""
    shown = mutmut(workdir, "show", name).splitlines()
    removed = [line[1:] for line in shown if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in shown if line.startswith("+") and not line.startswith("+++")]
    return collapse(removed), collapse(added)


def results(workdir: Path) -> list[Mutant]:
    mutants = []
    for line in mutmut(workdir, "results", "--all", "true").splitlines():
        name, sep, status = line.strip().partition(": ")
        if sep and "__mutmut_" in name:
            mutants.append(Mutant(name, status.strip()))
    return mutants


def cell(text: str) -> str:
    """A table cell as the mutant's text: backticks off, \\| back to |, whitespace collapsed."""
    text = text.strip().replace("\\|", "|")
    if text.startswith("`") and text.endswith("`"):
        text = text[1:-1]
    return " ".join(text.split())


def equivalents(doc: Path = DOC) -> dict[tuple[str, str, str], str]:
    """The table of equivalent mutants in docs/testing.md: (function, line, mutated) → why."""
    text = doc.read_text("utf-8")
    try:
        table = text.split(TABLE_START, 1)[1].split(TABLE_END, 1)[0]
    except IndexError:
        raise SystemExit(f"mutation: {doc} has no {TABLE_START} … {TABLE_END} table") from None
    listed: dict[tuple[str, str, str], str] = {}
    for row in table.splitlines():
        cells = re.split(r"(?<!\\)\|", row.strip())[1:-1]
        if len(cells) != 4 or set(cells[0].strip()) <= {"-", ":", " "}:
            continue
        function, line, mutated, why = (cell(c) for c in cells)
        if function == "function":
            continue  # the header
        listed[(function, line, mutated)] = why
    return listed


def report(mutants: list[Mutant], listed: dict[tuple[str, str, str], str], full: bool,
           seconds: float) -> int:
    counts = Counter(m.status for m in mutants)
    survivors = [m for m in mutants if m.status == "survived"]
    explained = [m for m in survivors if m.key in listed]
    unexplained = [m for m in survivors if m.key not in listed]
    untested = [m for m in mutants if m.status == "no tests"]
    caught = sum(n for status, n in counts.items() if status in CAUGHT)
    total = len(mutants)
    print(f"\n{total} mutants in {seconds / 60:.1f} min: {caught} caught, "
          f"{len(survivors)} survived ({len(explained)} listed as equivalent), "
          f"{len(untested)} reached by no test"
          + "".join(f", {n} {s}" for s, n in sorted(counts.items())
                    if s not in CAUGHT | {"survived", "no tests"}))
    if total:
        print(f"score: {caught / total:.1%} of all mutants; "
              f"{caught / max(total - len(explained), 1):.1%} of the non-equivalent ones")
    failed = False
    for m in unexplained + untested:
        failed = True
        print(f"\n{m.status.upper()}: {m.name}\n  function: {m.function}\n"
              f"  - {m.removed}\n  + {m.added}")
    if full:
        seen = {m.key for m in survivors}
        stale = [key for key in listed if key not in seen]
        for function, line, mutated in stale:
            failed = True
            print(f"\nLISTED BUT NOT SURVIVING (update docs/testing.md): {function}\n"
                  f"  - {line}\n  + {mutated}")
    print("\nno surviving mutant outside the equivalent list" if not failed else
          "\nmutation: survivors to kill with a test, or to list as equivalent in "
          "docs/testing.md with the reason no output can change")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="mutmut mutant name patterns (default: all)")
    parser.add_argument("--quick", action="store_true", help="one mutant in five")
    parser.add_argument("--module", action="append", metavar="PATH",
                        help="a module to mutate (repeatable; default: pyproject.toml)")
    parser.add_argument("--tests", action="append", metavar="PATH",
                        help="a test file to run (repeatable; default: pyproject.toml)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2,
                        help="mutants run at once (default: the number of cores)")
    parser.add_argument("--workdir", type=Path,
                        help="run here and keep it (default: a temporary directory)")
    args = parser.parse_args(argv)
    modules, tests = settings()
    modules, tests = args.module or modules, args.tests or tests
    names = list(args.names) or (list(QUICK_SAMPLE) if args.quick else [])
    full = not names and args.module is None

    listed = equivalents()  # read first: a broken table should not cost a run
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="railkpi-mutation-"))
    try:
        prepare(workdir, modules, tests)
        print(f"mutating {', '.join(modules)}\nrunning {', '.join(tests)}\n"
              f"in {workdir} with {args.jobs} jobs"
              + (f", mutants {' '.join(names)}" if names else ", every mutant"), flush=True)
        started = time.monotonic()
        mutmut(workdir, "run", "--max-children", str(args.jobs), *names,
               log=workdir / "mutmut-run.log")
        seconds = time.monotonic() - started
        mutants = results(workdir)
        if names:
            patterns = [re.compile(fnmatch.translate(n)) for n in names]
            mutants = [m for m in mutants if any(p.fullmatch(m.name) for p in patterns)]
        detailed = []
        for m in mutants:
            if m.status in ("survived", "no tests"):
                m = Mutant(m.name, m.status, *diff_of(workdir, m.name))
            detailed.append(m)
        return report(detailed, listed, full, seconds)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
