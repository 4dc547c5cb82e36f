"""Shared test helpers: build workbooks from plain rows, run the CLI in-process."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from railkpi.cli import app
from railkpi.plans import bundled, loader, plan_cache, yaml_reader
from railkpi.plans.document import Document
from railkpi.plans.registry import IndicatorRegistry
from railkpi.problems import InputError, Problem
from railkpi.read.workbook import read_workbook

Rows = Sequence[Sequence[Any]]

# No property test fails for being slow: Hypothesis's per-example deadline (200 ms) and its
# too-slow health check are wall-clock limits, which a loaded machine or a mutation run trips.
# Speed is measured in benchmarks/, not asserted in tests.
settings.register_profile("railkpi", deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("railkpi")


@pytest.fixture(autouse=True, scope="session")
def _plan_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The test run's plan cache is a folder of its own, never the user's cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RAILKPI_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(autouse=True)
def _no_step_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run under GitHub Actions must not append their reports to the job's summary."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


@pytest.fixture(autouse=True)
def _plain_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports printed to a pipe are as wide as $COLUMNS says: tests start from the default."""
    monkeypatch.delenv("COLUMNS", raising=False)


@pytest.fixture
def make_workbook(tmp_path: Path) -> Callable[..., Path]:
    """make_workbook({"数据": [[header…], [row…]]}, name="data.xlsx") → path of a real .xlsx."""

    def make(sheets: dict[str, Rows], name: str = "data.xlsx") -> Path:
        workbook = openpyxl.Workbook()
        workbook.remove(workbook.active)  # type: ignore[arg-type]
        for title, rows in sheets.items():
            sheet = workbook.create_sheet(title)
            for row in rows:
                sheet.append(list(row))
        path = tmp_path / name
        workbook.save(path)
        return path

    return make


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def run_cli(*args: str | Path) -> Run:
    """Run `railkpi ARGS` in-process. Fails the test if anything escaped as a traceback."""
    result = CliRunner().invoke(app, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"railkpi raised {result.exception!r}") from result.exception
    assert "Traceback" not in result.stdout + result.stderr
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def railkpi() -> Callable[..., Run]:
    return run_cli


def problems_of(path: Path, registry: IndicatorRegistry) -> tuple[Problem, ...]:
    """Every problem reading `path` raises (the test fails if it raises none)."""
    with pytest.raises(InputError) as caught:
        read_workbook(path, registry)
    return caught.value.problems


def codes_at(problems: tuple[Problem, ...]) -> set[tuple[str, str, str | None]]:
    return {(p.severity, p.code, p.where) for p in problems}


# -- the plan cache: a copy of the bundled plans with an empty cache of its own -------------


@pytest.fixture
def plan_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled plans, standing in for them, and an empty cache of its own."""
    folder = tmp_path / "targets"
    shutil.copytree(bundled.bundled_plan_dir(), folder)
    monkeypatch.setattr(bundled, "bundled_plan_dir", lambda: folder)
    monkeypatch.setattr(loader, "bundled_plan_dir", lambda: folder)
    monkeypatch.setenv(plan_cache.CACHE_DIR_VARIABLE, str(tmp_path / "cache"))
    return folder


@pytest.fixture
def yaml_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The plan files read from their YAML (not from the cache), by name."""
    names: list[str] = []
    read = yaml_reader.read_plan_yaml

    def counting(path: Path, name: str, *, bundled: bool = False) -> Document:
        names.append(name)
        return read(path, name, bundled=bundled)

    monkeypatch.setattr(yaml_reader, "read_plan_yaml", counting)
    return names
