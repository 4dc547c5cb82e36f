"""Annual steps in plan files (`milestones:`): read as published figures are, checked with their
YAML paths (years, wording, kind; a step going back is a warning), listed by `railkpi targets`."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from plans import history, indicator, plan_data, target, write_plan

INDICATORS = {
    "rev": indicator("收入", "Revenue", "亿元"),
    "energy": indicator("能耗", "Energy intensity", "吨/万元", better="lower", decimals=3),
    "events": indicator("活动", "Events", "次"),
}
PUBLISHED = [history("rev", 2020, 2364.9)]


def plan_file(tmp_path: Path, *targets: dict[str, Any], **sections: Any) -> Path:
    return write_plan(tmp_path, plan_data(*targets, indicators=INDICATORS, **sections))


def problems(run: Any) -> list[str]:
    """The problems on standard error, one string each, without the spaces and line breaks
    (the terminal wraps a long problem over lines); not the warning that a plan has no English
    quotes, which every plan of these tests gives in English runs."""
    squashed = re.sub(r"\s+", "", run.stderr)
    return [p for p in re.split(r"(?=(?:error|warning|错误|警告)\[)", squashed)
            if p and "[plan-no-english-quotes]" not in p]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def line(plan: Path, key: str) -> int:
    """The line of the plan file where the mapping key `key` is written."""
    lines = plan.read_text(encoding="utf-8").splitlines()
    written = re.compile(rf"""\s*['"]?{re.escape(key)}['"]?:""")
    return next(n for n, text in enumerate(lines, 1) if written.match(text))


def test_steps_are_read_as_published_figures(railkpi: Callable[..., Any],
                                             tmp_path: Path) -> None:
    plan = plan_file(tmp_path, target("level", "rev", op=">", value=3500,
                                      milestones={2023: 2800, 2024: "突破3100"}),
                     history=PUBLISHED)
    run = railkpi("targets", "--plan", plan, "--format", "json")
    assert run.exit_code == 0 and problems(run) == []
    (listed,) = run.json()["plans"][0]["targets"]
    assert listed["milestones"] == [
        {"year": 2023, "value": 2800, "qualifier": None, "op": ">="},
        {"year": 2024, "value": 3100, "qualifier": "突破", "op": ">"},
    ]


def test_a_year_outside_the_targets_years_is_an_error(railkpi: Callable[..., Any],
                                                     tmp_path: Path) -> None:
    # Plan period 2021-2025, baseline 2020, target year 2024: steps may fall in 2021-2024.
    plan = plan_file(tmp_path, target("level", "rev", op=">=", value=3000, year=2024,
                                      milestones={2020: 2400, 2023: 2800, 2025: 3100}))
    run = railkpi("targets", "--plan", plan, "--lang", "en")
    assert run.exit_code == 2
    found = problems(run)
    assert len(found) == 2
    assert found[0].startswith("error[plan-milestone-year]")
    # Each at its YAML path and line.
    assert squash(f"targets[0].milestones.2020: line {line(plan, '2020')}: step year 2020 is "
                  "not within 2021-2024") in found[0]
    assert squash(f"targets[0].milestones.2025: line {line(plan, '2025')}: step year 2025 is "
                  "not within 2021-2024") in found[1]
    assert "milestones.2023" not in run.stderr
    zh = railkpi("targets", "--plan", plan, "--lang", "zh")
    assert squash("年度目标的年份 2025 不在 2021–2024 年内") in squash(zh.stderr)


def test_a_target_baseline_after_the_period_start_moves_the_first_year(
        railkpi: Callable[..., Any], tmp_path: Path) -> None:
    plan = plan_file(tmp_path, target("change", "rev", op=">=", value=100, baseline_year=2022,
                                      milestones={2022: 2500, 2023: 2600}))
    run = railkpi("targets", "--plan", plan, "--lang", "en")
    assert run.exit_code == 2
    assert squash(f"milestones.2022: line {line(plan, '2022')}: step year 2022 is not within "
                  "2023-2025") in squash(run.stderr)
    assert "milestones.2023" not in run.stderr


def test_a_step_going_back_is_a_warning(railkpi: Callable[..., Any], tmp_path: Path) -> None:
    plan = plan_file(tmp_path, target("level", "rev", op=">", value=3500,
                                      milestones={2022: 2300, 2023: 2800, 2024: 2750}),
                     history=PUBLISHED)
    run = railkpi("targets", "--plan", plan, "--lang", "en", "--format", "json")
    assert run.exit_code == 0  # the plan loads; the report goes to standard output
    assert run.json()["plans"][0]["targets"][0]["milestones"][2]["value"] == 2750
    assert problems(run) == [squash(line) for line in (
        f"warning [plan-milestone-backwards] {plan} targets[0].milestones.2022: line "
        f"{line(plan, '2022')}: the 2022 step 2300 goes back from 2364.9 (2020); the target is "
        "rising",
        f"warning [plan-milestone-backwards] {plan} targets[0].milestones.2024: line "
        f"{line(plan, '2024')}: the 2024 step 2750 goes back from 2800 (2023); the target is "
        "rising",
    )]
    assert "milestones.2023" not in run.stderr
    zh = railkpi("targets", "--plan", plan, "--lang", "zh")
    assert squash("2024 年的年度目标 2750 比 2023 年的 2800 后退（目标方向：升高）") in squash(
        zh.stderr)


def test_steps_towards_the_target_raise_nothing(railkpi: Callable[..., Any],
                                                tmp_path: Path) -> None:
    plan = plan_file(
        tmp_path,
        target("level", "rev", op=">", value=3500, milestones={2022: 2600, 2023: 2600,
                                                                  2024: "约3000"}),
        target("level", "energy", op="<=", value=0.05, milestones={2022: 0.07, 2024: 0.06}),
        history=PUBLISHED)
    run = railkpi("targets", "--plan", plan, "--lang", "en")
    assert (run.exit_code, problems(run)) == (0, [])


def test_lower_is_better_mirrored(railkpi: Callable[..., Any], tmp_path: Path) -> None:
    plan = plan_file(tmp_path, target("level", "energy", op="<=", value=0.05,
                                      milestones={2022: 0.06, 2023: 0.065}),
                     history=[history("energy", 2020, 0.08)])
    run = railkpi("targets", "--plan", plan, "--lang", "en")
    assert run.exit_code == 0
    (found,) = problems(run)
    assert squash(f"milestones.2023: line {line(plan, '2023')}: the 2023 step 0.065 goes back "
                  "from 0.06 (2022); the target is falling") in found


@pytest.mark.parametrize(("step", "direction"), [
    ({2023: "不超过2800"}, "rising"), ({2023: "不足2800"}, "rising"),
])
def test_a_step_worded_against_the_target(step: dict[int, str], direction: str,
                                          railkpi: Callable[..., Any], tmp_path: Path) -> None:
    plan = plan_file(tmp_path, target("level", "rev", op=">=", value=3000, milestones=step))
    run = railkpi("targets", "--plan", plan, "--lang", "en")
    assert run.exit_code == 2
    (found,) = problems(run)
    assert found.startswith("error[plan-milestone-qualifier]")
    assert squash(f"targets[0].milestones.2023: line {line(plan, '2023')}: the step "
                  f"'{step[2023]}' is worded against the target's direction ({direction})") in found


def test_an_each_year_target_takes_no_steps(railkpi: Callable[..., Any],
                                            tmp_path: Path) -> None:
    plan = plan_file(tmp_path, target("each_year", "events", op=">=", value=2,
                                      milestones={2023: 2}))
    run = railkpi("targets", "--plan", plan, "--lang", "en")
    assert run.exit_code == 2
    (found,) = problems(run)
    assert found.startswith("error[plan-milestone-kind]")
    assert f"targets[0].milestones:line{line(plan, 'milestones')}:" in found


@pytest.mark.parametrize(("steps", "code", "words"), [
    ({"2023年": 2800}, "plan-invalid",
     "a key of milestones must be a year such as 2023 (found 2023年)"),
    ({"1800": 2800}, "plan-invalid", "year 1800 is outside 1949-2100"),
    ({2023: True}, "plan-invalid",
     "expected a number or a qualified figure such as 180余, 突破3000, 约100 (found true)"),
    # Written with its unit, as the plan's text words it: what to write instead.
    ({2023: "突破2800亿元"}, "plan-value-wording",
     "a plan file's figures are in the indicator's unit (亿元) and carry no unit word: "
     'write "突破2800"'),
    ({2023: "280000万元"}, "plan-value-wording", 'write "28"'),
])
def test_keys_and_values_that_are_not_steps(steps: dict[Any, Any], code: str, words: str,
                                            railkpi: Callable[..., Any],
                                            tmp_path: Path) -> None:
    plan = plan_file(tmp_path, target("level", "rev", op=">=", value=3000, milestones=steps))
    run = railkpi("targets", "--plan", plan, "--lang", "en")
    assert run.exit_code == 2
    (found,) = problems(run)
    (key,) = steps
    where = f"targets[0].milestones.{key}: line {line(plan, str(key))}"
    assert found.startswith(f"error[{code}]") and squash(where) in found
    assert squash(words) in found


def test_targets_lists_the_steps_in_every_format(railkpi: Callable[..., Any],
                                                 tmp_path: Path) -> None:
    plan = plan_file(tmp_path,
                     target("level", "rev", op=">", value=3500,
                            milestones={2023: 2800, 2024: "突破3100"}),
                     target("each_year", "events", op=">=", value=2), history=PUBLISHED)
    table = railkpi("targets", "--plan", plan, "--lang", "zh")
    assert "2023：2800.0；2024：>3100.0" in table.stdout.replace("\n", "").replace(" ", "")
    markdown = railkpi("targets", "--plan", plan, "--lang", "en", "--format", "markdown")
    assert "| Annual steps |" in markdown.stdout
    assert "| 2023: 2800.0; 2024: >3100.0 |" in markdown.stdout
    rows = list(csv.reader(io.StringIO(railkpi("targets", "--plan", plan, "--lang", "en",
                                               "--format", "csv").stdout[1:])))
    column = rows[0].index("Milestones")
    assert [r[column] for r in rows[1:]] == ["2023: 2800; 2024: >3100", ""]
    # A plan without steps keeps its table as it was: no steps column.
    bare = plan_file(tmp_path, target("level", "rev", op=">", value=3500))
    assert "Annual steps" not in railkpi("targets", "--plan", bare, "--lang", "en",
                                         "--format", "markdown").stdout


def test_schema_describes_the_steps(railkpi: Callable[..., Any]) -> None:
    schema = railkpi("schema").json()
    steps = schema["$defs"]["Target"]["properties"]["milestones"]
    assert steps["type"] == "object"
    assert steps["propertyNames"] == {"pattern": "^[0-9]{4}$"}
