"""Load plan files: YAML → `Plan`, every problem with file and YAML path, all at once."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from railkpi.plans import plan_cache
from railkpi.plans.bundled import bundled_plan_dir, resolve_plan_path
from railkpi.problems import InputError, Problem, Words, error, raise_if_errors

if TYPE_CHECKING:
    from railkpi.plans.document import Document
    from railkpi.plans.models import Plan


def load_plan(ref: str, warnings: list[Problem] | None = None) -> Plan:
    """Load and check one plan (bundled id or YAML path). Raises InputError with all problems.

    A plan with warnings only (a target year outside the plan period) loads; its warnings are
    appended to `warnings` when a list is given, so the caller decides whether to show them.
    Problems of the YAML itself (aliases, duplicate keys, tags, ambiguous scalars) are reported
    with the schema's problems, except those at or under a path whose content was refused.
    """
    path = resolve_plan_path(ref)
    bundled = path.parent == bundled_plan_dir()
    name = path.name if bundled else str(path)
    raw = _bundled_bytes(path) if bundled else None
    cached = plan_cache.lookup(path, raw) if raw is not None else None
    if cached is not None:
        plan, plan_warnings = cached  # validated and cross-checked when it was stored
    else:
        from railkpi.plans.yaml_reader import read_plan_yaml

        document = read_plan_yaml(path, name, bundled=bundled)
        plan_warnings = []
        plan = _checked(document, name, plan_warnings)
        if raw is not None:
            plan_cache.store(path, raw, document, plan, plan_warnings)
    if warnings is not None:
        warnings.extend(plan_warnings)
    return plan


def _bundled_bytes(path: Path) -> bytes | None:
    """A bundled plan file's bytes, for the cache's key (None: read the YAML as usual)."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def _checked(document: Document, name: str, warnings: list[Problem]) -> Plan:
    """The plan a file's YAML reading gives, validated and cross-checked (see load_plan)."""
    # Only a plan read from its YAML is validated here: what that takes is imported here.
    from pydantic import ValidationError

    from railkpi.messages.plan_values import PYDANTIC_OTHER
    from railkpi.messages.problems_plan_yaml import YAML_VALUE_TYPES
    from railkpi.plans.checks import check_plan, english_quotes_warning
    from railkpi.plans.document import with_lines
    from railkpi.plans.models import Plan

    problems = list(document.problems)
    data = document.data
    # A tag (reported as plan-yaml, like a syntax error) means the YAML is not a plan file's
    # plain YAML: its problems are reported alone, as when the root itself was refused.
    if "(top level)" in document.refused or any(p.code == "plan-yaml" for p in problems):
        raise_if_errors(problems)
    if not isinstance(data, dict):
        kind = type(data).__name__
        problems.append(error("plan-not-mapping", name,
                              found=Words(*YAML_VALUE_TYPES.get(kind, (kind, kind)))))
        raise_if_errors(problems)
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        from railkpi.plans.schema_problems import schema_problems

        invalid = schema_problems(exc.errors(include_url=False), data, name, document)
        raise_if_errors(problems + invalid if problems or invalid else [
            error("plan-invalid", name, None, detail=Words(PYDANTIC_OTHER[0].format(
                type="?"), str(exc)), found="?")
        ])
        raise AssertionError("unreachable") from exc
    problems += with_lines(
        [p for p in check_plan(plan, name) if not document.covers(p.where or "")],
        document.lines)
    raise_if_errors(problems)
    warnings.extend(problems)  # no errors left: these are all warnings
    warnings.extend(english_quotes_warning(plan, name))
    return plan


def load_plans(
    refs: Sequence[str], warnings: list[Problem] | None = None
) -> list[tuple[str, Plan]]:
    """Load several plans; the problems of all of them are reported together.

    If any plan has errors, the InputError carries every plan's errors and warnings; otherwise
    the warnings are appended to `warnings` when a list is given.
    """
    loaded: list[tuple[str, Plan]] = []
    problems: list[Problem] = []
    for ref in refs:
        try:
            loaded.append((ref, load_plan(ref, problems)))
        except InputError as exc:
            problems.extend(exc.problems)
    # Beside errors, a plan's lack of English quotes is no news: it is left out.
    raise_if_errors([p for p in problems if p.code != "plan-no-english-quotes"])
    if warnings is not None:
        warnings.extend(problems)
    return loaded
