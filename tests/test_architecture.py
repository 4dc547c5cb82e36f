"""The layout of src/railkpi, checked with the ast module (docs/architecture.md):

- imports flow one way, base → plans → read → calc → render → app (cli, pipeline): no module
  imports one of a higher layer, wherever the import stands (in a function, under
  TYPE_CHECKING);
- the message catalog imports nothing of railkpi but itself; the readers reach no YAML code;
  the calculation core does no I/O;
- no module is over 400 lines (data tables named below excepted), no function over 60.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "railkpi"

#: Layers, lowest first: a module may import its own layer and the ones below.
LAYERS = ("base", "plans", "read", "calc", "render", "app")
#: The app layer: the command-line modules (railkpi.cli and railkpi.cli_*) and these.
APP = {"railkpi.pipeline", "railkpi.__main__"}
#: Modules over the size limit because they are data tables, not code.
DATA_TABLES: frozenset[str] = frozenset()
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
#: What the calculation core may not import: files, terminals, spreadsheets, YAML.
NO_IO = {"os", "sys", "io", "pathlib", "shutil", "tempfile", "subprocess", "zipfile", "yaml",
         "openpyxl", "python_calamine", "rich", "typer", "defusedxml"}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    return {module_name(path): path for path in PACKAGE.rglob("*.py")}


def layer(module: str) -> str:
    if module in APP or module == "railkpi.cli" or module.startswith("railkpi.cli_"):
        return "app"
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in LAYERS:
        return parts[1]
    return "base"  # railkpi, problems, figures, numeric, outfile, messages


@cache
def imports(module: str) -> frozenset[str]:
    """Every module `module` imports, railkpi's resolved to modules, others by top name."""
    tree = ast.parse(modules()[module].read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names
                         if f"{node.module}.{alias.name}" in modules())
    return frozenset(name if name.startswith("railkpi") else name.split(".")[0]
                     for name in found)


def own(names: frozenset[str]) -> set[str]:
    return {name for name in names if name == "railkpi" or name.startswith("railkpi.")}


def upward(module: str, imported: str) -> bool:
    return LAYERS.index(layer(imported)) > LAYERS.index(layer(module))


@cache
def reach(module: str) -> frozenset[str]:
    """Everything `module` imports, directly or through railkpi's own modules."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        current = todo.pop()
        for name in imports(current):
            if name not in seen:
                seen.add(name)
                if name in modules():
                    todo.append(name)
    return frozenset(seen)


def test_the_layers_are_all_there() -> None:
    assert {layer(m) for m in modules()} == set(LAYERS)
    assert layer("railkpi.read.guard.zip_parts") == "read"
    assert layer("railkpi.messages.words") == "base"


def test_no_import_goes_up_a_layer() -> None:
    arrows = sorted(f"{module} → {name}" for module in modules() for name in own(imports(module))
                    if name in modules() and upward(module, name))
    assert arrows == []


def test_the_check_sees_an_arrow_up() -> None:
    # It must be able to fail: a reader importing the calculation core goes up.
    assert upward("railkpi.read.workbook", "railkpi.calc.assess")
    assert not upward("railkpi.calc.assess", "railkpi.read.observation")
    assert "railkpi.plans.models" in imports("railkpi.read.observation")


def test_the_catalog_imports_only_itself() -> None:
    outside = sorted(f"{module} → {name}" for module in modules()
                     if module.startswith("railkpi.messages")
                     for name in own(imports(module))
                     if not name.startswith("railkpi.messages"))
    assert outside == []


def test_readers_reach_no_yaml() -> None:
    """read/ uses the plan models, labels, roster vocabulary and registry, never the loader."""
    yaml_users = sorted(module for module in modules()
                        if module.startswith("railkpi.read") and "yaml" in reach(module))
    assert yaml_users == []
    assert "yaml" in reach("railkpi.plans.loader")  # the check can see it


def test_the_calculation_core_does_no_io() -> None:
    io = sorted(f"{module} → {name}" for module in modules()
                if module.startswith("railkpi.calc") for name in imports(module) & NO_IO)
    assert io == []


@pytest.mark.parametrize("module", sorted(modules()))
def test_module_and_function_sizes(module: str) -> None:
    text = modules()[module].read_text(encoding="utf-8")
    if module not in DATA_TABLES:
        assert len(text.splitlines()) <= MAX_MODULE_LINES
    long = [f"{node.name}: {node.end_lineno - node.lineno + 1} lines"
            for node in ast.walk(ast.parse(text))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.end_lineno is not None
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]
    assert long == []
