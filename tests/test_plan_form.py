"""The plan cache's verified form (plans/plan_form.py): a bundled plan validated and
cross-checked once, then built from the cache without validating — the same Plan and the same
warnings as from its YAML; an entry whose form or content does not fit is not used."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from railkpi.plans import bundled, loader, plan_cache, plan_form
from railkpi.plans.loader import load_plan
from railkpi.plans.models import Plan
from railkpi.problems import Problem, Words, warning

REPO = Path(__file__).resolve().parents[1]


def loaded(ref: str) -> tuple[Plan, list[Problem]]:
    warnings: list[Problem] = []
    return load_plan(ref, warnings), warnings


def entry_of(tmp_path: Path, plan: str) -> Path:
    found = list((tmp_path / "cache" / "plans").glob(f"{plan}-*.json"))
    assert len(found) == 1, found
    return found[0]


def rewrite(entry: Path, change: Any, *, digest: bool) -> None:
    """Change a stored entry with `change(stored)`; with `digest`, as its writer would have
    (the digest made again), else by hand."""
    stored = json.loads(entry.read_text(encoding="utf-8"))
    change(stored)
    text = (plan_cache.entry_text(stored["key"], stored["plan"], stored["warnings"])
            if digest else json.dumps(stored, ensure_ascii=False))
    entry.write_text(text, encoding="utf-8")


def test_an_entry_is_its_key_digest_and_content(plan_dir: Path, tmp_path: Path) -> None:
    loaded("14th-fyp")
    text = entry_of(tmp_path, "14th-fyp").read_text(encoding="utf-8")
    stored = json.loads(text)
    assert list(stored) == ["key", "digest", "plan", "warnings"]
    # the writer's own layout: written again unchanged, it is the same text
    assert json.dumps(stored, ensure_ascii=False) == text == plan_cache.entry_text(
        stored["key"], stored["plan"], stored["warnings"])


@pytest.mark.parametrize("plan", bundled.bundled_plan_ids())
def test_a_cached_plan_is_the_plan_and_warnings_of_its_yaml(
        plan: str, plan_dir: Path, yaml_reads: list[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    cold, cold_warnings = loaded(plan)
    assert yaml_reads == [f"{plan}.yaml"]

    def not_again(*args: object) -> None:
        raise AssertionError("a cached plan is not validated again")

    monkeypatch.setattr(loader, "_checked", not_again)
    hit, hit_warnings = loaded(plan)
    assert yaml_reads == [f"{plan}.yaml"]  # from the cache
    assert hit == cold and hit_warnings == cold_warnings
    assert hit.model_dump() == cold.model_dump()  # numbers stay floats, tuples tuples
    assert type(hit.targets) is tuple and type(hit.plan.period) is tuple
    assert all(type(k) is int for t in hit.targets for k in t.milestones)
    assert all(type(t.value) is float for t in hit.targets if t.value is not None)
    assert hit.plan.thresholds == cold.plan.thresholds
    assert hit.plan.published is None or hit.plan.published == cold.plan.published


def test_the_warnings_come_back_with_their_words_and_lines() -> None:
    problems = [warning("plan-year-outside-period", "a.yaml", "targets[2].year", found=2035,
                        start=2021, end=2025),
                warning("plan-milestone-backwards", "a.yaml", "targets[0].milestones.2023",
                        found="突破2800", year=2023, previous="2900", previous_year=2022,
                        direction=Words("上升", "rising"))]
    problems[1] = Problem(**{**problems[1].__dict__, "line": 17})
    form = json.loads(json.dumps(plan_form.dump_problems(problems)))
    assert plan_form.build_problems(form) == problems
    assert plan_form.build_problems(form)[1].message("en").startswith("line 17: ")


@pytest.mark.parametrize("change", [
    lambda s: s["plan"]["plan"].__setitem__("period", ["2021", 2025]),   # text for a year
    lambda s: s["plan"]["plan"].__setitem__("baseline_year", True),      # a boolean
    lambda s: s["plan"]["targets"][0].__setitem__("value", "3500"),      # text for a number
    lambda s: s["plan"]["targets"][0].__setitem__("op", "≈"),            # not a comparator
    lambda s: s["plan"]["targets"][0].__setitem__("colour", "red"),      # an unknown field
    lambda s: s["plan"]["targets"][0].pop("group"),                      # a field missing
    lambda s: s["plan"].__setitem__("targets", {}),                      # not a list
    lambda s: s["warnings"].append({"code": "plan-yaml"}),               # not a problem
], ids=["year-text", "year-bool", "value-text", "op", "unknown-field", "missing-field",
        "targets-mapping", "warning"])
def test_a_form_that_does_not_fit_its_fields_is_not_used(
        plan_dir: Path, yaml_reads: list[str], tmp_path: Path, change: Any) -> None:
    reference, reference_warnings = loaded("14th-fyp")
    rewrite(entry_of(tmp_path, "14th-fyp"), change, digest=True)
    assert loaded("14th-fyp") == (reference, reference_warnings)
    assert len(yaml_reads) == 2  # read from the YAML again, and the entry written again
    assert loaded("14th-fyp") == (reference, reference_warnings) and len(yaml_reads) == 2


def test_a_form_edited_by_hand_is_not_used(
        plan_dir: Path, yaml_reads: list[str], tmp_path: Path) -> None:
    """A value changed in place still fits its field: the digest is what refuses it."""
    reference, _ = loaded("14th-fyp")
    rewrite(entry_of(tmp_path, "14th-fyp"),
            lambda s: s["plan"]["targets"][0].__setitem__("value", 1.0), digest=False)
    plan, _ = loaded("14th-fyp")
    assert plan == reference and plan.targets[0].value != 1.0 and len(yaml_reads) == 2


def test_a_year_key_is_only_its_digits() -> None:
    form = json.loads(json.dumps(plan_form.dump(load_plan("14th-fyp"))))
    assert plan_form.build(form) == load_plan("14th-fyp")
    target = form["targets"][0]
    target["milestones"] = {"2023": 2800.0, "2024": "突破3000"}
    assert plan_form.build(form).targets[0].milestones == {2023: 2800.0, 2024: "突破3000"}
    for written in ("2023年", "02023", " 2023", "二〇二三"):
        target["milestones"] = {written: 1.0}
        with pytest.raises(plan_form.FormError):
            plan_form.build(form)


def test_the_key_names_the_code_that_validates() -> None:
    names = {name for name, _, _ in plan_cache._reader_files()}
    assert {"models.py", "checks.py", "loader.py", "plan_form.py", "yaml_reader.py",
            "figures.py", "numeric.py"} <= names


#: Runs `railkpi ARGS` and prints the plan models whose validation schema was built.
PROBE = """
import sys
sys.argv = ["railkpi", *sys.argv[1:]]
from railkpi.cli import main
try:
    main()
except SystemExit:
    pass
from pydantic import BaseModel
from railkpi.plans import models
print(sorted(name for name, value in vars(models).items() if isinstance(value, type)
             and issubclass(value, BaseModel) and value.__pydantic_complete__), file=sys.stderr)
"""


@pytest.mark.parametrize("args", [["assess", "examples/fengtai.xlsx", "--format", "json"],
                                  ["plans"], ["targets"]], ids=["assess", "plans", "targets"])
def test_plans_from_the_cache_build_no_schema(args: list[str], tmp_path: Path) -> None:
    def built() -> str:
        run = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True,
                             text=True, check=False, cwd=REPO,
                             env={**plan_cache_environment(),
                                  plan_cache.CACHE_DIR_VARIABLE: str(tmp_path)})
        assert run.returncode == 0, run.stderr
        return run.stderr.strip().splitlines()[-1]

    assert "Plan" in built()  # the first run validates (the probe sees a schema built)
    assert built() == "[]"


def plan_cache_environment() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
