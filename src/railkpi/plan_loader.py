"""Find, read and check plan files: YAML → `Plan`, every problem with file and YAML path."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from railkpi.plan import Indicator, Plan
from railkpi.problems import InputError, Problem, error, raise_if_errors, warning

_HIGHER_OPS = (">", ">=")


def bundled_plan_dir() -> Path:
    """The directory holding the bundled plan files.

    An installed wheel carries them as railkpi/targets; a source checkout (also an editable
    install) keeps them in the repository's top-level targets/.
    """
    packaged = Path(str(resources.files("railkpi"))) / "targets"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "targets"


def bundled_plan_ids() -> list[str]:
    return sorted(p.stem for p in bundled_plan_dir().glob("*.yaml"))


def resolve_plan_path(ref: str) -> Path:
    """A bundled plan id or a path to a YAML file; raises InputError otherwise."""
    if ref in bundled_plan_ids():
        return bundled_plan_dir() / f"{ref}.yaml"
    path = Path(ref)
    if path.is_file():
        return path
    raise_if_errors(
        [error("plan-not-found", found=ref, bundled=", ".join(bundled_plan_ids()))]
    )
    raise AssertionError("unreachable")


def yaml_path(loc: Sequence[int | str]) -> str:
    """('targets', 3, 'op') → 'targets[3].op'."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(top level)"


def _found(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def load_plan(ref: str, warnings: list[Problem] | None = None) -> Plan:
    """Load and check one plan (bundled id or YAML path). Raises InputError with all problems.

    A plan with warnings only (a target year outside the plan period) loads; its warnings are
    appended to `warnings` when a list is given, so the caller decides whether to show them.
    """
    path = resolve_plan_path(ref)
    name = str(path) if path.parent != bundled_plan_dir() else path.name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise_if_errors(
            [
                error(
                    "plan-yaml",
                    name,
                    line=mark.line + 1 if mark else "?",
                    column=mark.column + 1 if mark else "?",
                    detail=exc.problem or str(exc),
                )
            ]
        )
        raise AssertionError("unreachable") from exc
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as exc:
        raise_if_errors([error("plan-yaml", name, line="?", column="?", detail=str(exc))])
        raise AssertionError("unreachable") from exc
    if not isinstance(data, dict):
        raise_if_errors([error("plan-not-mapping", name, found=type(data).__name__)])
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        raise_if_errors(
            error(
                "plan-invalid",
                name,
                yaml_path(err["loc"]),
                detail=err["msg"].removeprefix("Value error, "),
                found=_found(err.get("input")),
            )
            for err in exc.errors(include_url=False)
        )
        raise AssertionError("unreachable") from exc
    problems = check_plan(plan, name)
    raise_if_errors(problems)
    if warnings is not None:
        warnings.extend(problems)  # no errors left: these are all warnings
    return plan


def check_plan(plan: Plan, name: str) -> list[Problem]:
    """Cross-references the schema cannot see: ids that must exist, years that must fit."""
    problems: list[Problem] = []
    indicators = plan.indicators
    start, end = plan.plan.period

    def known(indicator: str, where: str) -> Indicator | None:
        if indicator not in indicators:
            problems.append(error("plan-unknown-indicator", name, where, found=indicator))
            return None
        return indicators[indicator]

    for section in ("history", "stated_rates", "stated_changes", "stated_totals"):
        for i, entry in enumerate(getattr(plan, section)):
            known(entry.indicator, f"{section}[{i}].indicator")

    seen_targets: dict[str, int] = {}
    for i, target in enumerate(plan.targets):
        at = f"targets[{i}]"
        if target.id in seen_targets:
            problems.append(
                error(
                    "plan-duplicate-target",
                    name,
                    f"{at}.id",
                    found=target.id,
                    other=f"targets[{seen_targets[target.id]}].id",
                )
            )
        seen_targets.setdefault(target.id, i)
        if target.group not in plan.groups:
            problems.append(
                error(
                    "plan-unknown-group",
                    name,
                    f"{at}.group",
                    found=target.group,
                    expected=", ".join(plan.groups),
                )
            )
        # A warning, not an error: a plan may set a target beyond its period (a 2035 vision
        # in a 2021-2025 plan); the plan loads and `railkpi audit` lists it.
        if not start <= target.year <= end:
            problems.append(
                warning("plan-year-outside-period", name, f"{at}.year", found=target.year,
                        start=start, end=end)
            )
        if target.years is not None:
            for j, year in enumerate(target.years):
                if not start <= year <= end:
                    problems.append(
                        warning("plan-year-outside-period", name, f"{at}.years[{j}]",
                                found=year, start=start, end=end)
                    )
        baseline = target.baseline_year or plan.plan.baseline_year
        if target.kind in ("change", "ratio", "growth", "trend") and baseline >= target.year:
            problems.append(
                error(
                    "plan-baseline-after-target",
                    name,
                    f"{at}.baseline_year" if target.baseline_year else "plan.baseline_year",
                    baseline=baseline,
                    found=target.year,
                )
            )
        indicator = known(target.indicator, f"{at}.indicator")
        if indicator is None:
            continue
        # The comparator alone says which way is success (a change of −5 with "<=" is a cut of
        # at least 5), so it must point the way the indicator improves.
        if (
            target.op is not None
            and target.kind in ("level", "change", "each_year")
            and (target.op in _HIGHER_OPS) != (indicator.better == "higher")
        ):
                problems.append(
                    error("plan-op-against-better", name, f"{at}.op", found=target.op,
                          better=indicator.better)
                )
        if target.direction is not None and (target.direction == "rising") != (
            indicator.better == "higher"
        ):
            problems.append(
                error("plan-direction-against-better", name, f"{at}.direction",
                      found=target.direction, better=indicator.better)
            )

    owners: dict[str, str] = {}
    for indicator_id, indicator in indicators.items():
        for label in labels_of(indicator_id, indicator):
            first = owners.setdefault(label, indicator_id)
            if first != indicator_id:
                problems.append(
                    error("plan-duplicate-alias", name, f"indicators.{indicator_id}.aliases",
                          found=label, first=first, second=indicator_id)
                )
    return problems


def normalise_label(text: str) -> str:
    """How a row label is matched: full-width folded, case-folded, spaces removed."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def labels_of(indicator_id: str, indicator: Indicator) -> list[str]:
    names = [indicator_id, indicator.name.zh, indicator.name.en, *indicator.aliases]
    return list(dict.fromkeys(normalise_label(n) for n in names))


@dataclass(frozen=True)
class IndicatorRegistry:
    """The indicators of every loaded plan, merged, with a label → id lookup."""

    indicators: dict[str, Indicator]
    by_label: dict[str, tuple[str, ...]]

    def lookup(self, label: str) -> tuple[str, ...]:
        """Indicator ids a row label may mean: one is a match, none or several are problems."""
        return self.by_label.get(normalise_label(label), ())


def merge_plans(
    plans: Iterable[tuple[str, Plan]], also_known: Iterable[Plan] = ()
) -> IndicatorRegistry:
    """Merge the plans' indicators; shared ids must agree on unit and direction.

    `also_known` (the bundled plans not selected) only widens what a workbook may contain:
    one workbook serves every plan, so a row for another plan's indicator is not an error.
    Their indicators and labels never override the selected plans' own.
    """
    indicators: dict[str, Indicator] = {}
    origin: dict[str, str] = {}
    plan_ids: dict[str, str] = {}
    by_label: dict[str, list[str]] = {}
    problems: list[Problem] = []
    for name, plan in plans:
        if plan.id in plan_ids:
            problems.append(
                error("plan-duplicate-id", name, "plan.id", found=plan.id, other=plan_ids[plan.id])
            )
            continue
        plan_ids[plan.id] = name
        for indicator_id, indicator in plan.indicators.items():
            if indicator_id in indicators:
                first = indicators[indicator_id]
                for field in ("unit", "better"):
                    mine, theirs = getattr(indicator, field), getattr(first, field)
                    if mine != theirs:
                        problems.append(
                            error("plan-indicator-conflict", name,
                                  f"indicators.{indicator_id}.{field}", indicator=indicator_id,
                                  field=field, found=mine, other_value=theirs,
                                  other=origin[indicator_id])
                        )
            else:
                indicators[indicator_id] = indicator
                origin[indicator_id] = name
            for label in labels_of(indicator_id, indicator):
                ids = by_label.setdefault(label, [])
                if indicator_id not in ids:
                    ids.append(indicator_id)
    raise_if_errors(problems)
    for plan in also_known:
        for indicator_id, indicator in plan.indicators.items():
            if indicator_id in indicators:
                continue
            indicators[indicator_id] = indicator
            for label in labels_of(indicator_id, indicator):
                by_label.setdefault(label, [indicator_id])
    # An indicator's own id always means that indicator, whatever another plan's aliases say.
    resolved = {
        label: (label,) if label in indicators else tuple(ids) for label, ids in by_label.items()
    }
    return IndicatorRegistry(indicators, resolved)


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
    raise_if_errors(problems)
    if warnings is not None:
        warnings.extend(problems)
    return loaded
