"""The plan cache (plans/plan_cache.py): a bundled plan read from its YAML once, then from the
cache; rebuilt when the YAML changes, ignored when damaged or made by another version; the
same Plan and warnings either way. And what `assess --format json` imports."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from railkpi.plans import bundled, loader, plan_cache, yaml_reader
from railkpi.plans.loader import load_plan
from railkpi.plans.models import Plan
from railkpi.problems import Problem

REPO = Path(__file__).resolve().parents[1]
PLAN = "14th-fyp"


def entry(tmp_path: Path) -> Path:
    """The one entry of the plan in the test's cache."""
    found = list((tmp_path / "cache" / "plans").glob(f"{PLAN}-*.json"))
    assert len(found) == 1, found
    return found[0]


def loaded(ref: str = PLAN) -> tuple[Plan, list[Problem]]:
    warnings: list[Problem] = []
    return load_plan(ref, warnings), warnings


def test_second_load_comes_from_the_cache_and_gives_the_same_plan(
        plan_dir: Path, yaml_reads: list[str], tmp_path: Path) -> None:
    first, first_warnings = loaded()
    assert yaml_reads == [f"{PLAN}.yaml"] and entry(tmp_path).is_file()
    second, second_warnings = loaded()
    assert yaml_reads == [f"{PLAN}.yaml"]  # not read again
    assert second == first and second.model_dump() == first.model_dump()
    assert second_warnings == first_warnings
    # the entry keeps the plan and its warnings, not the YAML's reading (a hit never uses it)
    stored = json.loads(entry(tmp_path).read_text(encoding="utf-8"))
    assert stored["plan"]["plan"]["id"] == PLAN and "document" not in stored


def test_edited_yaml_is_read_again_and_the_entry_rebuilt(
        plan_dir: Path, yaml_reads: list[str], tmp_path: Path) -> None:
    before, _ = loaded()
    key_before = json.loads(entry(tmp_path).read_text(encoding="utf-8"))["key"]["sha256"]
    path = plan_dir / f"{PLAN}.yaml"
    text = path.read_text(encoding="utf-8")
    zh_title = before.plan.title.zh
    written = f'    zh: "{zh_title}"'
    assert text.count(written) == 1
    path.write_text(text.replace(written, '    zh: "改过的标题"'), encoding="utf-8")
    after, _ = loaded()
    assert after.plan.title.zh == "改过的标题" and before.plan.title.zh == zh_title
    assert yaml_reads == [f"{PLAN}.yaml", f"{PLAN}.yaml"]
    key_after = json.loads(entry(tmp_path).read_text(encoding="utf-8"))["key"]["sha256"]
    assert key_after != key_before
    loaded()
    assert len(yaml_reads) == 2  # the rebuilt entry serves the next run


def test_two_installations_keep_entries_of_their_own(
        plan_dir: Path, yaml_reads: list[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    other = tmp_path / "other-install" / "targets"
    shutil.copytree(plan_dir, other)
    loaded()
    monkeypatch.setattr(bundled, "bundled_plan_dir", lambda: other)
    monkeypatch.setattr(loader, "bundled_plan_dir", lambda: other)
    loaded()
    loaded()
    monkeypatch.setattr(bundled, "bundled_plan_dir", lambda: plan_dir)
    monkeypatch.setattr(loader, "bundled_plan_dir", lambda: plan_dir)
    loaded()
    assert len(yaml_reads) == 2  # once per installation, then from each one's entry
    assert len(list((tmp_path / "cache" / "plans").glob(f"{PLAN}-*.json"))) == 2


@pytest.mark.parametrize("damage", [
    b"", b"{", b"\xff\xfe not utf-8", b"[]", b'{"key": null}',
    b'{"key": 1, "plan": {}}',
], ids=["empty", "truncated", "not-utf8", "list", "no-key", "wrong-key"])
def test_damaged_entry_is_ignored_and_rewritten(
        plan_dir: Path, yaml_reads: list[str], tmp_path: Path, damage: bytes) -> None:
    reference, _ = loaded()
    entry(tmp_path).write_bytes(damage)
    plan, _ = loaded()
    assert plan == reference and len(yaml_reads) == 2
    assert json.loads(entry(tmp_path).read_text(encoding="utf-8"))["plan"]


@pytest.mark.parametrize("field", ["format", "railkpi", "sha256", "reader"])
def test_entry_of_another_version_or_file_is_not_used(
        plan_dir: Path, yaml_reads: list[str], tmp_path: Path, field: str) -> None:
    reference, _ = loaded()
    stored = json.loads(entry(tmp_path).read_text(encoding="utf-8"))
    stored["key"][field] = "something else"
    stored["plan"]["plan"]["title"]["zh"] = "不该出现"
    entry(tmp_path).write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
    plan, _ = loaded()
    assert plan == reference and plan.plan.title.zh != "不该出现"
    assert len(yaml_reads) == 2


def test_entry_of_wrong_shape_is_not_used(
        plan_dir: Path, yaml_reads: list[str], tmp_path: Path) -> None:
    reference, _ = loaded()
    stored = json.loads(entry(tmp_path).read_text(encoding="utf-8"))
    stored["plan"]["plan"]["baseline_year"] = "nine"
    entry(tmp_path).write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
    assert loaded()[0] == reference and len(yaml_reads) == 2


def test_cached_reading_is_validated_like_the_yaml(
        plan_dir: Path, yaml_reads: list[str], tmp_path: Path) -> None:
    """A matching entry whose values the model refuses is not used: the YAML is read."""
    reference, _ = loaded()
    stored = json.loads(entry(tmp_path).read_text(encoding="utf-8"))
    stored["plan"]["targets"][0]["op"] = "≈"
    entry(tmp_path).write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
    assert loaded()[0] == reference and len(yaml_reads) == 2


def test_cache_that_cannot_be_written_is_no_error(
        plan_dir: Path, yaml_reads: list[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv(plan_cache.CACHE_DIR_VARIABLE, str(blocker))
    first, _ = loaded()
    second, _ = loaded()
    assert first == second and len(yaml_reads) == 2  # read from the YAML each time
    assert blocker.read_text(encoding="utf-8") == "not a directory"


def test_plan_files_given_by_path_are_not_cached(
        tmp_path: Path, yaml_reads: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(plan_cache.CACHE_DIR_VARIABLE, str(tmp_path / "cache"))
    own = tmp_path / "own.yaml"
    shutil.copy(bundled.bundled_plan_dir() / f"{PLAN}.yaml", own)
    loaded(str(own))
    loaded(str(own))
    assert yaml_reads == [str(own), str(own)]
    assert not (tmp_path / "cache").exists()


def test_cache_directory_follows_the_platform(monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    monkeypatch.setenv(plan_cache.CACHE_DIR_VARIABLE, str(tmp_path / "chosen"))
    assert plan_cache.cache_dir() == tmp_path / "chosen"
    monkeypatch.delenv(plan_cache.CACHE_DIR_VARIABLE)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert plan_cache.cache_dir() == tmp_path / "xdg" / "railkpi"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # not absolute: ignored (XDG)
    assert plan_cache.cache_dir() == Path.home() / ".cache" / "railkpi"
    monkeypatch.setattr(sys, "platform", "darwin")
    assert plan_cache.cache_dir() == Path.home() / "Library" / "Caches" / "railkpi"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    assert plan_cache.cache_dir() == tmp_path / "local" / "railkpi" / "Cache"


#: Runs `railkpi ARGS` and prints the modules imported, one per line, to stderr.
PROBE = """
import sys
sys.argv = ["railkpi", *sys.argv[1:]]
from railkpi.cli import main
try:
    main()
except SystemExit:
    pass
print("\\n".join(sorted(sys.modules)), file=sys.stderr)
"""

#: What `assess --format json` of the example does not need: the YAML parser (the plans come
#: from the cache), the terminal, the other formats and commands, openpyxl, the Word report.
NOT_NEEDED = ["yaml", "rich", "openpyxl", "docx", "railkpi.plans.yaml_reader",
              "railkpi.plans.schema_problems", "railkpi.render.table",
              "railkpi.render.markdown", "railkpi.render.audit_words",
              "railkpi.render.json_diff", "railkpi.calc.diff", "railkpi.calc.findings",
              "railkpi.read.report", "railkpi.render.xlsx", "railkpi.render.docx"]


def imported(args: list[str], cache: Path) -> set[str]:
    run = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                         check=False, cwd=REPO,
                         env={**_environment(), plan_cache.CACHE_DIR_VARIABLE: str(cache)})
    assert run.returncode == 0, run.stderr
    return set(run.stderr.split())


def _environment() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}


def test_assess_json_imports_only_what_it_needs(tmp_path: Path) -> None:
    args = ["assess", "examples/fengtai.xlsx", "--format", "json"]
    first = imported(args, tmp_path / "cache")  # fills the cache
    assert "yaml" in first  # the probe sees an import when there is one
    modules = imported(args, tmp_path / "cache")
    unwanted = {m for m in modules if any(m == n or m.startswith(n + ".") for n in NOT_NEEDED)}
    assert unwanted == set()
    assert {"railkpi.render.json_report", "python_calamine", "pydantic"} <= modules


@pytest.mark.parametrize("plan", bundled.bundled_plan_ids())
def test_libyaml_and_pyyaml_read_a_plan_alike(plan: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Both parsers give the same values, lines and scalar texts (the cache holds either)."""
    from railkpi.plans import yaml_composer

    if not yaml_composer.C_PARSER_AVAILABLE:
        pytest.skip("PyYAML is built without libyaml here")
    path = bundled.bundled_plan_dir() / f"{plan}.yaml"
    used: list[str] = []
    compose = yaml_composer.PlanYamlCParser.get_single_node
    monkeypatch.setattr(yaml_composer.PlanYamlCParser, "get_single_node",
                        lambda self: used.append("libyaml") or compose(self))
    in_c = yaml_reader.read_plan_yaml(path, path.name, bundled=True)
    assert used == ["libyaml"]
    monkeypatch.setattr(yaml_reader, "C_PARSER_AVAILABLE", False)
    in_python = yaml_reader.read_plan_yaml(path, path.name, bundled=True)
    assert used == ["libyaml"]
    assert in_c == in_python and len(in_c.lines) > 500 and in_c.problems == []


#: Text libyaml's parser reads without an error where PyYAML's own refuses it (at this line).
LIBYAML_ACCEPTS = [("a: 丰政发\t〔2022〕7号\n", 1), ("a: 1\n\ufeff\nb: 2\n", 3),
                   ("a: [x, number of ? y]\n", 1)]


@pytest.mark.parametrize(("text", "line"), LIBYAML_ACCEPTS,
                         ids=["tab-in-scalar", "bom-inside", "question-mark-in-flow-list"])
def test_plan_files_of_users_are_parsed_by_pyyaml(tmp_path: Path, text: str, line: int) -> None:
    """A plan file given by path gets PyYAML's refusal (a syntax error at its line), even
    where libyaml's parser would have read it: libyaml reads only the bundled plans."""
    from railkpi.plans import yaml_composer
    from railkpi.problems import InputError

    if yaml_composer.C_PARSER_AVAILABLE:  # the inputs do differ between the parsers
        assert yaml_composer.PlanYamlCParser(text).get_single_node() is not None
    path = tmp_path / "own.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as refused:
        load_plan(str(path))
    assert [(p.code, p.line) for p in refused.value.problems][:1] == [("plan-yaml", line)]
