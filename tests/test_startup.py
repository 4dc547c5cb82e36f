"""Commands that read no workbook import nothing heavy (start-up time; see docs/performance.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
