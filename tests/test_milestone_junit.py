"""The step of the year assessed in the JUnit file (`assess --junit`): reported in each test
case's output and counted on its suite; failing the test case with --fail-on-milestone, as it
fails the run, and only then; nothing of it where no target has a step."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from plans import target
from test_milestone_assess import ROWS, STEPS, file_maker
from test_no_english import english

# By hand: revenue's 2024 step is 3100 against 2948.2, missed by 3100 − 2948.2 = 151.8; the
# firms' is 200 against 228, met. Both are on track (revenue 2948.2 of ≥3000: 91.8 % done at
# 80 % of the time; firms 228 of >240).
REV_MISSED_ZH = "未完成年度目标：测试规划：收入，2024 年目标 3100.0，实际 2948.2，差距 151.8"
REV_MISSED_EN = "step missed: Test plan: Revenue, 2024 step 3100.0, figure 2948.2, short by 151.8"


@pytest.fixture
def files(tmp_path: Path, make_workbook: Callable[..., Path]) -> Callable[..., tuple[Path, Path]]:
    """The workbook of `rows` and a plan of `targets`, as test_milestone_assess builds them."""
    return file_maker(tmp_path, make_workbook)


def junit(railkpi: Callable[..., Any], data: Path, plan: Path, out: Path,
          *options: str) -> tuple[int, ET.Element]:
    run = railkpi("assess", data, "--plan", plan, "--junit", out, *options)
    return run.exit_code, ET.parse(out).getroot()


def cases(root: ET.Element) -> dict[str, ET.Element]:
    return {str(case.get("name")).split(":")[0]: case for case in root.iter("testcase")}


def properties(root: ET.Element) -> dict[str, str]:
    return {str(p.get("name")): str(p.get("value")) for p in root.iter("property")}


@pytest.mark.parametrize(("lang", "missed_line", "rev_out", "firms_out", "counts"), [
    ("zh", REV_MISSED_ZH, "2024年度目标 3100.0：未完成，实际 2948.2，差距 151.8",
     "2024年度目标 200：完成，实际 228",
     "2024年度目标（规划文件所定）：完成 1，未完成 1，无法判定 0"),
    ("en", REV_MISSED_EN, "2024 step 3100.0: missed, figure 2948.2, short by 151.8",
     "2024 step 200: met, figure 228",
     "2024 step (set in the plan file): met 1, missed 1, not judged 0"),
])
def test_a_missed_step_fails_with_fail_on_milestone(
        lang: str, missed_line: str, rev_out: str, firms_out: str, counts: str,
        railkpi: Callable[..., Any], files: Callable[..., Any], tmp_path: Path) -> None:
    data, plan = files(*STEPS)
    code, root = junit(railkpi, data, plan, tmp_path / "j.xml", "--fail-on-milestone",
                       "--lang", lang)
    assert code == 1  # the run fails, and so does its JUnit file
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("2", "1", "0")
    suite = root.find("testsuite")
    assert suite is not None and (suite.get("failures"), suite.get("skipped")) == ("1", "0")
    rev, firms = cases(root)["rev-level"], cases(root)["firms-level"]
    failure = rev.find("failure")
    assert failure is not None
    # The line standard error gives: the plan and target by name, year, step, figure, gap.
    assert failure.get("type") == "milestone" and failure.get("message") == missed_line
    assert str(failure.text).splitlines()[-1] == rev_out  # the figures, then the step
    assert rev.findtext("system-out") == rev_out
    assert firms.find("failure") is None and firms.find("skipped") is None
    assert firms.findtext("system-out") == firms_out
    assert properties(root)["milestones"] == counts
    assert properties(root)["fail_on_milestone"] == "true"
    if lang == "zh":  # the words railkpi writes: no English beside the plan's own
        written = [str(failure.get("message")), str(failure.text), rev_out, firms_out,
                   properties(root)["milestones"]]
        assert english("\n".join(written), plan.read_text(encoding="utf-8")) == []


def test_without_the_flag_the_step_is_reported_not_failed(
        railkpi: Callable[..., Any], files: Callable[..., Any], tmp_path: Path) -> None:
    data, plan = files(*STEPS)
    code, root = junit(railkpi, data, plan, tmp_path / "j.xml", "--lang", "zh")
    assert code == 0
    assert (root.get("tests"), root.get("failures")) == ("2", "0")
    rev = cases(root)["rev-level"]
    assert rev.find("failure") is None
    assert rev.findtext("system-out") == "2024年度目标 3100.0：未完成，实际 2948.2，差距 151.8"
    assert properties(root)["fail_on_milestone"] == "false"
    assert properties(root)["milestones"].endswith("完成 1，未完成 1，无法判定 0")


def test_every_step_met_nothing_fails(railkpi: Callable[..., Any], files: Callable[..., Any],
                                      tmp_path: Path) -> None:
    # As of 2023 revenue met its step: 2803.7 ≥ 2800 (3.7 ahead); firms have none that year.
    data, plan = files(*STEPS)
    code, root = junit(railkpi, data, plan, tmp_path / "j.xml", "--fail-on-milestone",
                       "--as-of", "2023", "--lang", "en")
    assert code == 0 and root.get("failures") == "0"
    assert cases(root)["rev-level"].findtext("system-out") == (
        "2024 step 2800.0: met, figure 2803.7".replace("2024", "2023"))
    assert cases(root)["firms-level"].find("system-out") is None
    assert properties(root)["milestones"] == (
        "2023 step (set in the plan file): met 1, missed 0, not judged 0")


def test_a_status_and_a_step_failing_make_one_failure(
        railkpi: Callable[..., Any], files: Callable[..., Any], tmp_path: Path) -> None:
    data, plan = files(*STEPS)
    # --fail-on on_track fails both targets on their status; revenue also missed its step.
    code, root = junit(railkpi, data, plan, tmp_path / "j.xml", "--fail-on", "on_track",
                       "--fail-on-milestone", "--lang", "zh")
    assert code == 1 and root.get("failures") == "2"
    rev, firms = cases(root)["rev-level"], cases(root)["firms-level"]
    assert len(rev.findall("failure")) == 1
    failure = rev.find("failure")
    assert failure is not None and failure.get("type") == "on_track"
    # 3000 − 2948.2 = 51.8 short of the target; (3000 / 2948.2)^(1/1) − 1 = 1.8 % next year.
    assert failure.get("message") == (
        f"符合进度：差距 51.8 亿元；今后所需年均增速 1.8%；{REV_MISSED_ZH}")
    firms_failure = firms.find("failure")
    assert firms_failure is not None and firms_failure.get("type") == "on_track"
    assert "年度目标" not in str(firms_failure.get("message"))  # met: not in the message
    # Without --fail-on-milestone the status fails alone; the step is output, not a reason.
    _, root = junit(railkpi, data, plan, tmp_path / "k.xml", "--fail-on", "on_track",
                    "--lang", "zh")
    failure = cases(root)["rev-level"].find("failure")
    assert failure is not None and "未完成年度目标" not in str(failure.get("message"))


def test_a_step_not_judged_is_not_a_failure(
        railkpi: Callable[..., Any], files: Callable[..., Any], tmp_path: Path) -> None:
    # No revenue figure for 2024 (firms have one: the year assessed is 2024): revenue's step
    # of 3100 cannot be judged; it does not fail --fail-on-milestone.
    rows = [row for row in ROWS if row[:2] != ["rev", 2024]]
    data, plan = files(*STEPS, rows=rows)
    code, root = junit(railkpi, data, plan, tmp_path / "j.xml", "--fail-on-milestone",
                       "--lang", "en")
    assert code == 0 and root.get("failures") == "0"
    assert cases(root)["rev-level"].findtext("system-out") == (
        "2024 step 3100.0: not judged (no figure for 2024: the step cannot be judged)")
    assert properties(root)["milestones"].endswith("met 1, missed 0, not judged 1")


def test_no_step_no_trace_in_the_junit_file(
        railkpi: Callable[..., Any], files: Callable[..., Any], tmp_path: Path) -> None:
    data, plan = files(target("level", "rev", op=">=", value=3000))
    code, root = junit(railkpi, data, plan, tmp_path / "j.xml", "--fail-on-milestone")
    assert code == 0
    assert root.find(".//system-out") is None
    assert "milestones" not in properties(root) and "fail_on_milestone" not in properties(root)


@pytest.mark.parametrize(("status", "failing", "step_missed", "kind"), [
    ("undetermined", (), False, "skipped"),
    ("undetermined", (), True, "failure"),  # a missed step that fails the run is no skip
    ("no_data", (), False, "skipped"),
    ("on_track", (), True, "failure"),
    ("on_track", (), False, "passed"),
    ("off_track", ("off_track",), False, "failure"),
])
def test_outcome(status: str, failing: tuple[str, ...], step_missed: bool, kind: str) -> None:
    from railkpi.render.junit import outcome

    assert outcome(status, failing, step_missed) == kind
