"""Every problem code and its message: the areas' catalogs together (docs/errors.md lists them)."""

from __future__ import annotations

from railkpi.messages import Bilingual
from railkpi.messages.problems_assessment import ASSESSMENT_PROBLEMS
from railkpi.messages.problems_cells import CELL_PROBLEMS
from railkpi.messages.problems_files import FILE_PROBLEMS
from railkpi.messages.problems_options import OPTION_PROBLEMS
from railkpi.messages.problems_plan_yaml import PLAN_YAML_PROBLEMS
from railkpi.messages.problems_plans import PLAN_PROBLEMS
from railkpi.messages.problems_reports import REPORT_PROBLEMS
from railkpi.messages.problems_roster import ROSTER_PROBLEMS
from railkpi.messages.problems_sheets import SHEET_PROBLEMS

#: Problems in input. Codes are stable; docs/errors.md lists them.
PROBLEM_MESSAGES: dict[str, Bilingual] = {
    **FILE_PROBLEMS,
    **CELL_PROBLEMS,
    **SHEET_PROBLEMS,
    **ROSTER_PROBLEMS,
    **PLAN_PROBLEMS,
    **PLAN_YAML_PROBLEMS,
    **OPTION_PROBLEMS,
    **REPORT_PROBLEMS,
    **ASSESSMENT_PROBLEMS,
}

#: A problem of a plan file whose message does not name its line, with the line in front.
ON_LINE: Bilingual = ("第 {line} 行：{message}", "line {line}: {message}")


#: The record that stands for the problems of one code past the first ones listed.
MORE_OF_KIND: Bilingual = ("……另有 {count} 个同类问题，未逐一列出",
                           "… and {count} more of this kind")
