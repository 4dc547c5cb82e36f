"""Benchmark railkpi against python-calamine and openpyxl on large roster workbooks, and time
railkpi's everyday run and start-up against bare Typer apps.

    python benchmarks/run.py --quick                 # 10k and 100k rows, 3 repeats, < 3 min
    python benchmarks/run.py                         # 10k, 100k and 1,048,576 rows, 5 repeats
    python benchmarks/run.py --sizes 10000,100000 --json results.json

Run it with the Python of the environment railkpi is installed in (e.g. .venv/bin/python): the
children are started with the same interpreter, and the console script next to it is timed.

Every measurement is a fresh child process, timed from the parent (time.perf_counter around
subprocess.run, so interpreter start-up is included everywhere). The child's own peak resident
memory is read from VmHWM in /proc/self/status just before it exits (Linux only; elsewhere it
is shown as "-"). Repeats are interleaved (railkpi, calamine, openpyxl, railkpi, …) so that a
slow phase of the machine hits all three alike. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import textwrap
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from workbooks import (
    DEFAULT_CACHE,
    DEFAULT_SEED,
    EXCEL_MAX_ROWS,
    ROSTER_SHEET,
    ensure_workbook,
)

FULL_SIZES = (10_000, 100_000, EXCEL_MAX_ROWS)
#: Where the children keep railkpi's plan cache (set by main from --cache-dir).
PLAN_CACHE = DEFAULT_CACHE / "plan-cache"
QUICK_SIZES = (10_000, 100_000)
TOOLS = ("railkpi", "calamine", "openpyxl")
#: Modules that `railkpi --version`, `plans` and `targets` must not import (issue: start-up).
HEAVY = ("openpyxl", "python_calamine", "railkpi.render.xlsx")
#: Reported for information: imported or not, they are not a failure.
NOTABLE = ("pydantic", "yaml", "rich", "railkpi.read.workbook", "railkpi.read.roster", "defusedxml")
PACKAGES = ("railkpi", "typer", "click", "rich", "pydantic", "PyYAML", "openpyxl",
            "python-calamine", "defusedxml")
#: roster rows → the largest ratio railkpi / python-calamine the issue allows there
READING_GOAL_RATIOS = {100_000: 1.5, EXCEL_MAX_ROWS: 1.3}
READING_GOAL_PEAK_KIB = 1024 * 1024  # 1 GiB
STARTUP_GOAL_RATIO = 1.0
EVERYDAY_GOAL_RATIO = 1.2
#: The everyday run: the example workbook of the repository (~100 figures, both plans).
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "fengtai.xlsx"
MARK = "@@bench "
WARM_UP_ROWS = 100

#: The child wrapper, run as `python -c WRAPPER KIND ARG…`. It runs the workload, then writes
#: its own peak RSS (VmHWM) and any facts the parent checks to stderr on marked lines.
WRAPPER = textwrap.dedent(
    """
    import json, sys

    def _peak_kib():
        try:
            with open("/proc/self/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return None

    def _report(**facts):
        sys.stderr.write("\\n@@bench " + json.dumps(facts) + "\\n")

    kind, args = sys.argv[1], sys.argv[2:]
    code = 0
    try:
        if kind in ("module", "imports"):
            import runpy
            sys.argv = [args[0], *args[1:]]
            runpy.run_module(args[0], run_name="__main__", alter_sys=True)
        elif kind == "imports-script":
            import runpy
            sys.argv = list(args)
            runpy.run_path(args[0], run_name="__main__")
        elif kind == "calamine":
            from python_calamine import CalamineWorkbook
            rows = 0
            for _ in CalamineWorkbook.from_path(args[0]).get_sheet_by_name(args[1]).iter_rows():
                rows += 1
            _report(rows=rows)
        elif kind == "openpyxl":
            import openpyxl
            book = openpyxl.load_workbook(args[0], read_only=True, data_only=True)
            rows = 0
            for _ in book[args[1]].iter_rows(values_only=True):
                rows += 1
            book.close()
            _report(rows=rows)
        else:
            raise SystemExit("unknown workload " + kind)
    except SystemExit as exc:
        code = exc.code
    finally:
        sys.stdout.flush()
        if kind.startswith("imports"):
            _report(modules=len(sys.modules), present=sorted(sys.modules))
        _report(peak_kib=_peak_kib())
    sys.exit(code)
    """
)


# ----------------------------------------------------------------------------- running children


@dataclass
class Run:
    seconds: float
    returncode: int
    facts: dict[str, Any]
    stderr: str


@dataclass
class Series:
    """Repeated runs of one command."""

    label: str
    runs: list[Run] = field(default_factory=list)
    error: str | None = None

    @property
    def seconds(self) -> list[float]:
        return [r.seconds for r in self.runs]

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.runs and not self.error else None

    @property
    def peak_kib(self) -> int | None:
        peaks = [r.facts.get("peak_kib") for r in self.runs]
        known = [p for p in peaks if isinstance(p, int)]
        return max(known) if known and not self.error else None

    def as_json(self) -> dict[str, Any]:
        return {
            "median_seconds": self.median,
            "seconds": self.seconds,
            "peak_rss_kib_max": self.peak_kib,
            "peak_rss_kib": [r.facts.get("peak_kib") for r in self.runs],
            "error": self.error,
        }


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("GITHUB_STEP_SUMMARY", None)  # assess would append its report to the CI summary
    env.pop("RAILKPI_DEBUG", None)
    # Python as installed runs from bytecode (pip compiles it); a shell that turns bytecode
    # off would time compiling railkpi's modules, and not the baselines' (one small file).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # The plan cache of the runs: its own folder, filled by the warm-up runs.
    env["RAILKPI_CACHE_DIR"] = str(PLAN_CACHE)
    return env


def run_once(argv: Sequence[str], cwd: Path, timeout: float | None) -> Run:
    start = time.perf_counter()
    done = subprocess.run(list(argv), cwd=cwd, env=child_env(), stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout,
                          check=False)
    seconds = time.perf_counter() - start
    stderr = done.stderr.decode("utf-8", "replace")
    facts: dict[str, Any] = {}
    for line in stderr.splitlines():
        if line.startswith(MARK):
            facts.update(json.loads(line[len(MARK):]))
    return Run(seconds, done.returncode, facts, stderr)


def wrapped(kind: str, *args: str) -> list[str]:
    return [sys.executable, "-c", WRAPPER, kind, *args]


def record(series: Series, argv: Sequence[str], cwd: Path, timeout: float | None,
           expect_rows: int | None = None) -> None:
    """Run once more and add the run to the series, or set its error."""
    if series.error:
        return
    try:
        run = run_once(argv, cwd, timeout)
    except subprocess.TimeoutExpired:
        series.error = f"timed out after {timeout:.0f} s"
        return
    if run.returncode != 0:
        tail = "\n".join(line for line in run.stderr.splitlines()[-8:]
                         if not line.startswith(MARK))
        series.error = f"exit status {run.returncode}: {tail.strip()[-600:]}"
        return
    rows = run.facts.get("rows")
    if expect_rows is not None and rows != expect_rows:
        series.error = f"iterated {rows} rows, expected {expect_rows}"
        return
    series.runs.append(run)


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------- reading


def reading_commands(path: Path) -> dict[str, list[str]]:
    return {
        "railkpi": wrapped("module", "railkpi", "assess", str(path), "--format", "json"),
        "calamine": wrapped("calamine", str(path), ROSTER_SHEET),
        "openpyxl": wrapped("openpyxl", str(path), ROSTER_SHEET),
    }


def warm_page_cache(path: Path) -> None:
    with path.open("rb") as f:
        while f.read(1 << 20):
            pass


def measure_reading(
    workbooks: dict[int, Path], tools: Sequence[str], repeats: int, cwd: Path,
    timeout: float | None,
) -> dict[int, dict[str, Series]]:
    results: dict[int, dict[str, Series]] = {}
    # One untimed run of each tool on a tiny workbook: .pyc files written, libraries in the page
    # cache, so that the first timed run pays no more than the others.
    tiny, _ = ensure_workbook(WARM_UP_ROWS, cwd)
    for tool in tools:
        run_once(reading_commands(tiny)[tool], cwd, timeout)
    for rows, path in workbooks.items():
        warm_page_cache(path)
        commands = reading_commands(path)
        series = {tool: Series(tool) for tool in tools}
        for i in range(repeats):
            for tool in tools:
                expect = rows if tool != "railkpi" else None  # the others report rows read
                record(series[tool], commands[tool], cwd, timeout, expect_rows=expect)
                last = series[tool]
                shown = (f"{last.runs[-1].seconds:.2f} s" if last.runs and not last.error
                         else f"FAILED: {last.error}")
                progress(f"  {rows:>9,} rows  {tool:<8} run {i + 1}/{repeats}: {shown}")
        results[rows] = series
    return results


# ----------------------------------------------------------------------------- start-up

#: The baseline the issue names: a one-command Typer app printing its version. Its --version
#: is an ordinary option, so Typer converts the command's parameters before main() runs.
TYPER_APP = '''\
import typer

app = typer.Typer()


@app.command()
def main(version: bool = typer.Option(False, "--version")) -> None:
    print("0.1.0")


if __name__ == "__main__":
    app()
'''
#: A second, stricter baseline: the same app with the eager --version callback of Typer's
#: documentation (the way railkpi does it), which exits while the options are parsed.
TYPER_EAGER_APP = '''\
import typer

app = typer.Typer()


def version_callback(value: bool) -> None:
    if value:
        print("0.1.0")
        raise typer.Exit()


@app.command()
def main(
    version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True),
) -> None:
    pass


if __name__ == "__main__":
    app()
'''
#: The everyday baseline of the issue: a bare Typer app with one command taking a path and a
#: --format option, run on the same command line as railkpi's everyday assess.
EVERYDAY_APP = '''\
from pathlib import Path

import typer

app = typer.Typer()


@app.command()
def assess(path: Path, format: str = typer.Option("table", "--format")) -> None:
    print(path, format)


if __name__ == "__main__":
    app()
'''
SCRIPT = "railkpi --version"
MODULE = "python -m railkpi --version"
HELP = "railkpi --help"
PLANS = "railkpi plans"
TARGETS = "railkpi targets"
BASELINE = "typer app --version"
EAGER = "typer app, eager --version"
EVERYDAY = "railkpi assess example --format json"
EVERYDAY_BASE = "bare typer app PATH --format json"
#: railkpi's start-up commands, each against the one-command Typer app's --version.
STARTUP_COMMANDS = (SCRIPT, HELP, PLANS, TARGETS)


def console_script() -> list[str]:
    script = Path(sys.executable).parent / ("railkpi.exe" if os.name == "nt" else "railkpi")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "railkpi"]


def baseline_apps(cache: Path) -> dict[str, Path]:
    apps = {BASELINE: (cache / "typer_version_app.py", TYPER_APP),
            EAGER: (cache / "typer_eager_version_app.py", TYPER_EAGER_APP),
            EVERYDAY_BASE: (cache / "typer_path_format_app.py", EVERYDAY_APP)}
    for path, text in apps.values():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    return {label: path for label, (path, _) in apps.items()}


def measure_startup(cache: Path, runs: int, timeout: float | None) -> dict[str, Series]:
    apps = baseline_apps(cache)
    example = str(EXAMPLE)
    commands = {
        SCRIPT: [*console_script(), "--version"],
        MODULE: [sys.executable, "-m", "railkpi", "--version"],
        HELP: [*console_script(), "--help"],
        PLANS: [*console_script(), "plans"],
        TARGETS: [*console_script(), "targets"],
        BASELINE: [sys.executable, str(apps[BASELINE]), "--version"],
        EAGER: [sys.executable, str(apps[EAGER]), "--version"],
        EVERYDAY: [*console_script(), "assess", example, "--format", "json"],
        EVERYDAY_BASE: [sys.executable, str(apps[EVERYDAY_BASE]), example, "--format", "json"],
    }
    series = {label: Series(label) for label in commands}
    for argv in commands.values():
        run_once(argv, cache, timeout)  # warm-up: bytecode caches, page cache
    for _ in range(runs):
        for label, argv in commands.items():
            record(series[label], argv, cache, timeout)
    for label, s in series.items():
        shown = f"{s.median * 1000:.0f} ms" if s.median is not None else f"FAILED: {s.error}"
        progress(f"  {label:<28} median of {len(s.runs)}: {shown}")
    return series


def check_imports(cache: Path, timeout: float | None) -> dict[str, dict[str, Any]]:
    """For --version, plans and targets: the heavy modules imported (should be none); the two
    baseline apps for comparison."""
    children = {"railkpi " + " ".join(args): wrapped("imports", "railkpi", *args)
                for args in (["--version"], ["plans"], ["targets"])}
    for label, path in baseline_apps(cache).items():
        if label != EVERYDAY_BASE:
            children[label] = wrapped("imports-script", str(path), "--version")
    found: dict[str, dict[str, Any]] = {}
    for label, argv in children.items():
        run = run_once(argv, cache, timeout)
        present = run.facts.get("present", [])
        found[label] = {
            "returncode": run.returncode,
            "modules": run.facts.get("modules"),
            "heavy": [m for m in HEAVY if m in present],
            "notable": [m for m in NOTABLE if m in present],
        }
    return found


def import_time_top(cache: Path, timeout: float | None, top: int = 6) -> list[tuple[str, int]]:
    """The top-level imports of `railkpi --version` that take longest (-X importtime, µs)."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "railkpi", "--version"],
                          cwd=cache, env=child_env(), stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout,
                          check=False)
    totals: list[tuple[str, int]] = []
    pattern = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)")
    for line in done.stderr.decode("utf-8", "replace").splitlines():
        match = pattern.match(line)
        if match and not match.group(3):  # top level: no indentation
            totals.append((match.group(4), int(match.group(2))))
    return sorted(totals, key=lambda item: -item[1])[:top]


# ----------------------------------------------------------------------------- the machine


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "platform": platform.platform(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "python_executable": sys.executable,
        "logical_cpus": os.cpu_count(),
    }
    if hasattr(os, "sched_getaffinity"):
        info["usable_cpus"] = len(os.sched_getaffinity(0))
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["memory_gib"] = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    if hasattr(os, "getloadavg"):
        info["load_average_at_start"] = [round(x, 2) for x in os.getloadavg()]
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    info["packages"] = versions
    repo = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=repo, check=True,
                              capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src"], cwd=repo,
                               check=True, capture_output=True, text=True,
                               timeout=10).stdout.strip()
        info["railkpi_git"] = head + (" + uncommitted changes in src/" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        pass
    return info


# ----------------------------------------------------------------------------- output


def seconds(value: float | None) -> str:
    if value is None:
        return "failed"
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


def mib(kib: int | None) -> str:
    return "-" if kib is None else f"{kib / 1024:,.0f} MiB"


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def times(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}×"


def describe_machine(info: dict[str, Any]) -> list[str]:
    cpus = f"{info.get('logical_cpus')} logical CPUs"
    if info.get("usable_cpus") not in (None, info.get("logical_cpus")):
        cpus += f" ({info['usable_cpus']} usable)"
    packages = ", ".join(f"{k} {v}" for k, v in info["packages"].items() if v)
    lines = [
        f"CPU: {info.get('cpu', 'unknown')}, {cpus}; memory {info.get('memory_gib', '?')} GiB",
        f"OS: {info['platform']}; {info['python']} ({info['python_executable']})",
        f"packages: {packages}",
    ]
    if "railkpi_git" in info:
        lines.append(f"railkpi source: git {info['railkpi_git']}")
    if "load_average_at_start" in info:
        lines.append(f"load average at start: {info['load_average_at_start']}")
    return lines


def peak(series: dict[str, Series], tool: str) -> str:
    return mib(series[tool].peak_kib) if tool in series else "-"


def reading_verdict(rows: int, goal: float, series: dict[str, Series]) -> str:
    r = ratio(series["railkpi"].median,
              series["calamine"].median if "calamine" in series else None)
    kib = series["railkpi"].peak_kib
    if r is None or kib is None:
        verdict = "not measured"
    elif r <= goal and kib < READING_GOAL_PEAK_KIB:
        verdict = "met"
    else:
        verdict = "NOT met"
    return (f"reading goal at {rows:,} rows (ratio ≤ {goal}×, peak < 1 GiB): {times(r)}, "
            f"{mib(kib)} → {verdict}")


def goal_verdict(r: float | None, goal: float) -> str:
    return "not measured" if r is None else "met" if r <= goal else "NOT met"


def startup_lines(startup: dict[str, Series], runs: int) -> list[str]:
    med = {label: s.median for label, s in startup.items()}
    out = ["", f"Everyday assess (median of {runs}; the example workbook, both bundled plans):"]
    out.append(f"  {EVERYDAY:<44} {seconds(med[EVERYDAY])}")
    out.append(f"  {EVERYDAY_BASE:<44} {seconds(med[EVERYDAY_BASE])}")
    r = ratio(med[EVERYDAY], med[EVERYDAY_BASE])
    out.append(f"  ratio railkpi / bare Typer app: {times(r)} — goal ≤ {EVERYDAY_GOAL_RATIO}×: "
               f"{goal_verdict(r, EVERYDAY_GOAL_RATIO)} (moonshot ≤ 1.0×: "
               f"{goal_verdict(r, 1.0)})")
    out.append("")
    out.append(f"Start-up (median of {runs}; each against the one-command Typer app's --version):")
    for label in (SCRIPT, MODULE, HELP, PLANS, TARGETS, BASELINE, EAGER):
        out.append(f"  {label:<44} {seconds(med[label])}")
    for label in STARTUP_COMMANDS:
        r = ratio(med[label], med[BASELINE])
        out.append(f"  ratio {label:<22} / Typer app: {times(r)} — goal ≤ "
                   f"{STARTUP_GOAL_RATIO}×: {goal_verdict(r, STARTUP_GOAL_RATIO)}")
    out.append(f"  ratio railkpi --version / eager-callback app: "
               f"{times(ratio(med[SCRIPT], med[EAGER]))} "
               f"(python -m: {times(ratio(med[MODULE], med[EAGER]))})")
    for s in startup.values():
        if s.error:
            out.append(f"  {s.label} FAILED: {s.error}")
    return out


def report(
    info: dict[str, Any], settings: dict[str, Any], reading: dict[int, dict[str, Series]],
    startup: dict[str, Series] | None, imports: dict[str, dict[str, Any]] | None,
    importtime: list[tuple[str, int]] | None, elapsed: float,
) -> str:
    out: list[str] = []
    out.append("")
    out.append("railkpi benchmarks — " + time.strftime("%Y-%m-%d %H:%M:%S %Z"))
    out.extend(describe_machine(info))
    out.append(f"settings: {settings['repeats']} repeat(s) per reading measurement, "
               f"{settings['startup_runs']} start-up runs; medians of wall time")
    if reading:
        out.append("")
        out.append("Reading: railkpi assess FILE --format json | python-calamine iterating the "
                   f"{ROSTER_SHEET} rows | openpyxl read-only iterating them (values_only)")
        header = (f"{'roster rows':>12}  {'railkpi':>9}  {'calamine':>9}  {'openpyxl':>9}  "
                  f"{'ratio':>8}  {'railkpi peak RSS':>16}")
        out.append(header)
        out.append("-" * len(header))
        for rows, series in reading.items():
            cells = {t: series[t].median if t in series else None for t in TOOLS}
            shown = {t: seconds(cells[t]) if t in series else "-" for t in TOOLS}
            r = ratio(cells["railkpi"], cells["calamine"])
            out.append(f"{rows:>12,}  {shown['railkpi']:>9}  {shown['calamine']:>9}  "
                       f"{shown['openpyxl']:>9}  {times(r):>8}  {peak(series, 'railkpi'):>16}")
        out.append("ratio = railkpi / calamine. Peak RSS = the largest VmHWM of the repeats.")
        others = [t for t in ("calamine", "openpyxl") if t in settings["tools"]]
        if others:
            out.append("Peak RSS of the others: " + "; ".join(
                f"{rows:,} rows: " + ", ".join(f"{t} {peak(s, t)}" for t in others)
                for rows, s in reading.items()))
        for rows, series in reading.items():
            for tool, s in series.items():
                if s.error:
                    out.append(f"  {rows:,} rows, {tool} FAILED: {s.error}")
        for rows, goal in READING_GOAL_RATIOS.items():
            if rows in reading and "railkpi" in reading[rows]:
                out.append(reading_verdict(rows, goal, reading[rows]))
    if startup:
        out.extend(startup_lines(startup, settings["startup_runs"]))
    if imports:
        out.append("Imports (checked in sys.modules at exit; must be absent: "
                   + ", ".join(HEAVY) + "):")
        for label, found in imports.items():
            heavy = ", ".join(found["heavy"]) or "none"
            status = "" if found["returncode"] == 0 else f" (exit status {found['returncode']})"
            out.append(f"  {label:<26} heavy: {heavy}{status}; {found['modules']} modules; "
                       f"also loaded: {', '.join(found['notable']) or 'none'}")
    if importtime:
        out.append("  slowest top-level imports of railkpi --version (-X importtime, cumulative): "
                   + ", ".join(f"{name} {us / 1000:.0f} ms" for name, us in importtime))
    out.append("")
    out.append(f"total time of this run: {elapsed:.1f} s")
    return "\n".join(out)


# ----------------------------------------------------------------------------- main


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of row counts: {text!r}") from None
    if not sizes or any(not 2 <= s <= EXCEL_MAX_ROWS for s in sizes):
        raise argparse.ArgumentTypeError(f"row counts must be 2 .. {EXCEL_MAX_ROWS:,}")
    return sorted(set(sizes))


def parse_tools(text: str) -> list[str]:
    tools = [t.strip() for t in text.split(",") if t.strip()]
    unknown = [t for t in tools if t not in TOOLS]
    if unknown or not tools:
        raise argparse.ArgumentTypeError(f"tools are {', '.join(TOOLS)}")
    return [t for t in TOOLS if t in tools]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Time railkpi assess against python-calamine and openpyxl on roster "
        "workbooks of 10k, 100k and 1,048,576 rows, and railkpi's everyday run and start-up "
        "against bare Typer apps.")
    parser.add_argument("--quick", action="store_true",
                        help="10k and 100k rows, 3 repeats, 10 start-up runs (under 3 minutes)")
    parser.add_argument("--sizes", type=parse_sizes, metavar="N,N,…",
                        help="roster rows (header included), e.g. 10000,100000")
    parser.add_argument("--repeats", type=int, metavar="R",
                        help="runs per reading measurement (default 5; --quick 3)")
    parser.add_argument("--startup-runs", type=int, metavar="N",
                        help="runs per start-up command (default 20; --quick 10)")
    parser.add_argument("--tools", type=parse_tools, default=list(TOOLS), metavar="T,T,…",
                        help="reading measurements to run: railkpi,calamine,openpyxl (default all)")
    parser.add_argument("--no-startup", action="store_true", help="skip the start-up comparison")
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE,
                        help=f"where workbooks are built and reused (default {DEFAULT_CACHE})")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--timeout", type=float, default=1800.0, metavar="SECONDS",
                        help="give up on a child running longer than this (default 1800)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also save the figures here")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    sizes = args.sizes or list(QUICK_SIZES if args.quick else FULL_SIZES)
    repeats = args.repeats or (3 if args.quick else 5)
    startup_runs = args.startup_runs or (10 if args.quick else 20)
    if repeats < 1 or startup_runs < 1:
        parser.error("--repeats and --startup-runs must be at least 1")
    cache = args.cache_dir.resolve()
    global PLAN_CACHE
    PLAN_CACHE = cache / "plan-cache"
    settings = {"sizes": sizes, "repeats": repeats, "startup_runs": startup_runs,
                "tools": args.tools, "quick": args.quick, "seed": args.seed,
                "cache_dir": str(cache)}
    info = machine()

    progress(f"workbooks in {cache}")
    workbooks: dict[int, Path] = {}
    built: dict[int, float | None] = {}
    for rows in sizes:
        path, spent = ensure_workbook(rows, cache, args.seed)
        workbooks[rows], built[rows] = path, spent
        how = "reused" if spent is None else f"built in {spent:.1f} s"
        progress(f"  {rows:>9,} rows: {path.name} ({path.stat().st_size / 1e6:.1f} MB, {how})")

    progress("reading")
    reading = measure_reading(workbooks, args.tools, repeats, cache, args.timeout)

    startup = imports = importtime = None
    if not args.no_startup:
        progress("start-up")
        startup = measure_startup(cache, startup_runs, args.timeout)
        imports = check_imports(cache, args.timeout)
        importtime = import_time_top(cache, args.timeout)

    elapsed = time.perf_counter() - started
    print(report(info, settings, reading, startup, imports, importtime, elapsed))

    if args.json:
        figures: dict[str, Any] = {
            "machine": info,
            "settings": settings,
            "workbooks": {
                str(rows): {"file": path.name, "bytes": path.stat().st_size,
                            "built_seconds": built[rows]}
                for rows, path in workbooks.items()
            },
            "reading": {
                str(rows): {
                    **{tool: s.as_json() for tool, s in series.items()},
                    "ratio_railkpi_calamine": ratio(
                        series["railkpi"].median if "railkpi" in series else None,
                        series["calamine"].median if "calamine" in series else None),
                }
                for rows, series in reading.items()
            },
            "startup": None if startup is None else {
                **{label: s.as_json() for label, s in startup.items()},
                **{f"ratio {label} / typer app": ratio(startup[label].median,
                                                       startup[BASELINE].median)
                   for label in STARTUP_COMMANDS},
                "ratio_everyday_assess_bare_app": ratio(startup[EVERYDAY].median,
                                                        startup[EVERYDAY_BASE].median),
                "ratio_module_typer_app": ratio(startup[MODULE].median, startup[BASELINE].median),
                "ratio_console_script_eager_app": ratio(startup[SCRIPT].median,
                                                        startup[EAGER].median),
                "ratio_module_eager_app": ratio(startup[MODULE].median, startup[EAGER].median),
            },
            "imports": imports,
            "importtime_top_ms": None if importtime is None else {
                name: us / 1000 for name, us in importtime},
            "elapsed_seconds": elapsed,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n",
                             encoding="utf-8")
        progress(f"figures saved to {args.json}")

    failed = any(s.error for series in reading.values() for s in series.values())
    failed |= bool(startup and any(s.error for s in startup.values()))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
