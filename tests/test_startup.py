"""Commands that read no workbook import nothing heavy (start-up time; see docs/performance.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
HEAVY = ["openpyxl", "python_calamine", "defusedxml", "railkpi.render.xlsx",
         "railkpi.read.workbook", "docx", "railkpi.render.docx"]

#: Runs railkpi with the arguments in argv[1] and prints which of the modules in argv[2]
#: ended up imported.
PROBE = """
import json, sys
args, heavy = json.loads(sys.argv[1]), json.loads(sys.argv[2])
sys.argv = ["railkpi", *args]
from railkpi.cli import main
try:
    main()
except SystemExit:
    pass
loaded = sorted(m for m in sys.modules if any(m == h or m.startswith(h + ".") for h in heavy))
print(json.dumps(loaded), file=sys.stderr)
"""


def heavy_imports(args: list[str]) -> list[str]:
    run = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args), json.dumps(HEAVY)],
                         capture_output=True, text=True, check=False, cwd=REPO)
    return list(json.loads(run.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["plans"], ["targets"]])
def test_light_commands_import_nothing_heavy(args: list[str]) -> None:
    assert heavy_imports(args) == []


def test_probe_sees_heavy_imports_when_there_are_some() -> None:
    # The probe itself must be able to fail: `validate` reads a workbook.
    assert "python_calamine" in heavy_imports(["validate", "examples/fengtai.xlsx"])


def test_python_docx_only_with_docx(tmp_path: Path) -> None:
    """`assess` imports python-docx for --docx only (it brings lxml and takes time to load)."""

    def word_modules(args: list[str]) -> list[str]:
        return [m for m in heavy_imports(args)
                if m == "docx" or m.startswith(("docx.", "railkpi.render.docx"))]

    assess = ["assess", "examples/fengtai.xlsx", "--format", "json"]
    assert word_modules(assess) == []
    # … and the probe sees them when they are imported
    loaded = word_modules([*assess, "--docx", str(tmp_path / "r.docx")])
    assert "docx" in loaded and "railkpi.render.docx.report" in loaded


#: Runs railkpi with the arguments in argv[1] and prints the commands Typer built and the
#: option converters it built (cli_lazy.py), as JSON, on standard error.
BUILT = """
import json, sys
sys.argv = ["railkpi", *json.loads(sys.argv[1])]
import typer.main
commands, converters = [], []
build_command = typer.main.get_command_from_info
def counting_command(info, **settings):
    commands.append(info.name or info.callback.__name__)
    return build_command(info, **settings)
typer.main.get_command_from_info = counting_command
try:
    import typer._coercion as coercion
except ImportError:  # a Typer without pydantic converters
    coercion = None
if coercion is not None:
    build_converter = coercion.build_runtime_param
    def counting_converter(descriptor):
        converters.append(getattr(descriptor.annotation, "__name__", str(descriptor.annotation)))
        return build_converter(descriptor)
    coercion.build_runtime_param = counting_converter
from railkpi.cli import main
try:
    main()
except SystemExit:
    pass
print(json.dumps({"commands": commands, "converters": sorted(converters),
                  "coercion": coercion is not None,
                  "adapters": "typer._adapters" in sys.modules}), file=sys.stderr)
"""


def built(args: list[str]) -> dict[str, Any]:
    run = subprocess.run([sys.executable, "-c", BUILT, json.dumps(args)], capture_output=True,
                         text=True, check=False, cwd=REPO)
    return dict(json.loads(run.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize("args", [["plans"], ["targets"], ["--version"],
                                  ["assess", "examples/fengtai.xlsx", "--format", "json"],
                                  ["cagr", "1", "2", "--years", "3"]])
def test_only_the_command_that_runs_is_built(args: list[str]) -> None:
    expected = [] if args == ["--version"] else [args[0]]
    assert built(args)["commands"] == expected


def test_help_builds_and_lists_every_command() -> None:
    from railkpi.cli import app

    names = [c.name or (c.callback.__name__ if c.callback else "") for c in
             app.registered_commands]
    assert len(names) == 11 and built(["--help"])["commands"] == names


def test_plain_values_build_no_converter() -> None:
    """Typer's pydantic converters are not built (nor its adapter module imported) for the
    options not given, nor for plain values given (cli_lazy, cli_convert); a value Typer must
    judge gets Typer's converter (the probe sees it)."""
    found = built(["assess", "examples/fengtai.xlsx", "--format", "json"])
    if not found["coercion"]:
        pytest.skip("this Typer converts without pydantic")
    assert found["converters"] == [] and not found["adapters"]
    given = built(["assess", "examples/fengtai.xlsx", "--format", "json", "--as-of", "2023",
                   "--lang", "en", "--plan", "14th-fyp", "--fail-on", "off_track"])
    assert given["converters"] == [] and not given["adapters"]
    bad = built(["assess", "examples/fengtai.xlsx", "--format", "json", "--as-of", "1900"])
    assert bad["converters"] == ["int"] and bad["adapters"]


#: What listing the plans does not need: the reader, the calculation's results and paths.
NOT_FOR_LISTING = ["railkpi.read", "railkpi.calc.results", "railkpi.calc.milestones",
                   "railkpi.calc.series", "python_calamine"]


@pytest.mark.parametrize("args", [["plans"], ["targets"], ["targets", "--names"]])
def test_listing_the_plans_imports_no_reader_nor_results(args: list[str]) -> None:
    """The terminal listings (the JSON renderer imports the result types it writes)."""
    run = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args),
                          json.dumps(NOT_FOR_LISTING)], capture_output=True, text=True,
                         check=False, cwd=REPO)
    assert json.loads(run.stderr.strip().splitlines()[-1]) == []
    # … and the probe sees them where they are used
    run = subprocess.run([sys.executable, "-c", PROBE, json.dumps(["cagr", "1", "2", "-n", "1"]),
                          json.dumps(NOT_FOR_LISTING)], capture_output=True, text=True,
                         check=False, cwd=REPO)
    assert json.loads(run.stderr.strip().splitlines()[-1]) == ["railkpi.calc.results"]


@pytest.mark.parametrize("args", [["plans"], ["targets"], ["plans", "--names"],
                                  ["targets", "--names"], ["targets", "--lang", "en"]])
def test_listing_the_plans_loads_no_rich(args: list[str]) -> None:
    """The listings are laid out without rich (render/plain_listing.py): importing rich's
    console and table would cost more than the whole listing."""
    run = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args), json.dumps(["rich"])],
                         capture_output=True, text=True, check=False, cwd=REPO)
    assert json.loads(run.stderr.strip().splitlines()[-1]) == []


def test_probe_sees_rich_where_it_is_used() -> None:
    run = subprocess.run([sys.executable, "-c", PROBE, json.dumps(["validate", "nosuch.xlsx"]),
                          json.dumps(["rich"])], capture_output=True, text=True, check=False,
                         cwd=REPO)
    assert "rich.console" in json.loads(run.stderr.strip().splitlines()[-1])


def test_the_observation_schema_is_built_when_first_used() -> None:
    """The JSON renderer imports the reader's models for their names; the Observation
    schema is built by the first observation validated, not on import."""
    probe = ("import json, sys\n"
             "import railkpi.render.json_report\n"
             "from railkpi.read.observation import Observation\n"
             "before = Observation.__pydantic_complete__\n"
             "from railkpi.plans.loader import load_plans\n"
             "from railkpi.plans.registry import merge_plans\n"
             "indicators = merge_plans(load_plans(['14th-fyp'])).indicators\n"
             "Observation.model_validate({'indicator': 'revenue_total', 'year': 2023,\n"
             "    'value': 1.0, 'where': 'A1'}, context={'indicators': indicators})\n"
             "print(json.dumps([before, Observation.__pydantic_complete__]), file=sys.stderr)\n")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=False, cwd=REPO)
    assert json.loads(run.stderr.strip().splitlines()[-1]) == [False, True]


#: Runs the everyday command through the entry point named in argv[1] (module:function) and
#: prints whether the cyclic garbage collector was on when Typer and pydantic were imported.
COLLECTOR = """
import gc, json, sys
seen = {}
class Watch:
    def find_spec(self, name, path=None, target=None):
        if name in ("typer", "pydantic"):
            seen.setdefault(name, gc.isenabled())
        return None
sys.meta_path.insert(0, Watch())
module, name = sys.argv[1].split(":")
sys.argv = ["railkpi", "assess", "examples/fengtai.xlsx", "--format", "json"]
try:
    getattr(__import__(module, fromlist=[name]), name)()
except SystemExit:
    pass
print(json.dumps(seen), file=sys.stderr)
"""


def collector_on_at_import(entry: str) -> dict[str, bool]:
    run = subprocess.run([sys.executable, "-c", COLLECTOR, entry], capture_output=True,
                         text=True, check=False, cwd=REPO)
    return dict(json.loads(run.stderr.strip().splitlines()[-1]))


def test_the_command_imports_without_the_cyclic_collector() -> None:
    """The console script's entry point switches the collector off before Typer, pydantic
    and railkpi's modules are imported (railkpi/__main__.py); importing `cli.main` to call it
    loads Typer with the collector on (the probe can tell)."""
    assert collector_on_at_import("railkpi.__main__:run") == {"typer": False, "pydantic": False}
    # (cli imports pydantic in the command, after `main` has switched the collector off)
    assert collector_on_at_import("railkpi.cli:main") == {"typer": True, "pydantic": False}
    project = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '\n[project.scripts]\nrailkpi = "railkpi.__main__:run"\n' in project


#: A pydantic plugin, installed as a package's entry point, that notes every schema it sees.
SPY_PLUGIN = """
import os

class Spy:
    def new_schema_validator(self, schema, schema_type, schema_type_path, schema_kind,
                             config, plugin_settings):
        with open(os.environ["SPY_PLUGIN_LOG"], "a", encoding="utf-8") as log:
            log.write(repr(schema_type) + "\\n")
        return None, None, None

plugin = Spy()
"""


def test_no_pydantic_plugin_sees_a_command(tmp_path: Path) -> None:
    """A pydantic plugin installed beside railkpi is not consulted while a command runs
    (cli.pydantic_plugins_off); the same plugin sees a model of a script's own."""
    site = tmp_path / "site"
    (site / "spy_plugin-1.0.dist-info").mkdir(parents=True)
    (site / "spy_plugin.py").write_text(SPY_PLUGIN, encoding="utf-8")
    (site / "spy_plugin-1.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: spy-plugin\nVersion: 1.0\n", encoding="utf-8")
    (site / "spy_plugin-1.0.dist-info" / "entry_points.txt").write_text(
        "[pydantic]\nspy = spy_plugin:plugin\n", encoding="utf-8")
    log = tmp_path / "seen.txt"
    env = {**os.environ, "PYTHONPATH": str(site), "SPY_PLUGIN_LOG": str(log),
           "RAILKPI_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    for _ in range(2):  # the plans from their YAML, then from the plan cache
        run = subprocess.run([sys.executable, "-m", "railkpi", "assess",
                              "examples/fengtai.xlsx", "--format", "json"],
                             capture_output=True, text=True, check=False, cwd=REPO, env=env)
        assert run.returncode == 0, run.stderr
    assert not log.exists()
    # … and after the command, and in a program of its own, plugins are pydantic's again
    probe = ("import os\nfrom railkpi.cli import main\n"
             "try:\n    main(lambda: None)\nexcept SystemExit:\n    pass\n"
             "assert 'PYDANTIC_DISABLE_PLUGINS' not in os.environ\n"
             "from pydantic import BaseModel\nclass Own(BaseModel):\n    x: int\n")
    subprocess.run([sys.executable, "-c", probe], check=True, cwd=REPO, env=env)
    assert "Own" in log.read_text(encoding="utf-8")


def test_an_assessment_without_steps_imports_no_paths() -> None:
    """The annual paths (calc/milestones.py) are imported by a run that asks for steps."""
    def loaded(args: list[str]) -> list[str]:
        run = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args),
                              json.dumps(["railkpi.calc.milestones"])], capture_output=True,
                             text=True, check=False, cwd=REPO)
        return list(json.loads(run.stderr.strip().splitlines()[-1]))

    everyday = ["assess", "examples/fengtai.xlsx", "--format", "json"]
    assert loaded(everyday) == []
    assert loaded([*everyday, "--milestones", "linear"]) == ["railkpi.calc.milestones"]
