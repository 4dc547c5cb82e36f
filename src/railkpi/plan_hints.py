"""Plan-file problems that say what to type: did-you-mean, wording copied from the plan, lines.

- An unknown key, an unknown value of a fixed set (`kind: levels`, `op: ≥`), an undefined
  indicator or group id: the nearest valid one is suggested (difflib), or the id whose name or
  alias was written.
- A figure written with its unit (`超过1000亿元`, `千亿`) or a target written as the plan words it
  (`3至5`, `5个以上`): the message gives the fields to write instead.
- Every problem at a YAML path gets the line it is on; a missing key gets the line of the
  mapping it is missing from.
- A plan without any English rendering of its quotes gets a warning.

Pure: no I/O; the loader calls these and raises the problems.
"""

from __future__ import annotations

import difflib
import re
import types
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from railkpi.figures import QUALIFIERS, FigureError, split_text
from railkpi.plan import Indicator, Plan, Text
from railkpi.problems import Problem, error, warning
from railkpi.units import MONEY, UnitError, canonical, factor

# -- did you mean ----------------------------------------------------------------------------


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().replace("-", "_").strip()


def nearest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to `word` (case, width and -/_ ignored), if one is close enough."""
    by_folded = {_folded(c): c for c in candidates}
    if _folded(word) in by_folded:
        return by_folded[_folded(word)]
    close = difflib.get_close_matches(_folded(word), list(by_folded), n=1, cutoff=0.6)
    return by_folded[close[0]] if close else None


def did_you_mean(suggestion: str | None) -> dict[str, str]:
    """The hint_zh / hint_en fields of a message: '; did you mean 'x'?' or nothing."""
    if suggestion is None:
        return {"hint_zh": "", "hint_en": ""}
    return {"hint_zh": f"；是否应为“{suggestion}”？", "hint_en": f"; did you mean '{suggestion}'?"}


def id_hint(found: str, ids: Iterable[str], labels: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """For an undefined id: the id whose name or alias was written, else the nearest id."""
    folded = _folded(found)
    for known, names in labels.items():
        if any(_folded(name) == folded for name in names) and known != found:
            return {"hint_zh": f"；“{found}”是“{known}”的名称或别名，此处应写编号 {known}",
                    "hint_en": f"; '{found}' is a name or alias of '{known}': write its id, "
                               f"{known}"}
    return did_you_mean(nearest(found, ids))


# -- the model at a YAML path ------------------------------------------------------------------


def _models(annotation: Any) -> list[Any]:
    """The alternatives of a union (X | None → [X]), else [annotation]."""
    if get_origin(annotation) in (Union, types.UnionType):
        return [a for a in get_args(annotation) if a is not type(None)]
    return [annotation]


def annotation_at(loc: Sequence[int | str]) -> Any:
    """The type a plan file expects at a YAML path: ('targets', 0) → Target; None if unknown."""
    annotation: Any = Plan
    for part in loc:
        step = None
        for option in _models(annotation):
            origin = get_origin(option)
            if isinstance(option, type) and issubclass(option, BaseModel) and isinstance(part, str):
                field = option.model_fields.get(part)
                step = None if field is None else field.annotation
            elif origin is tuple and isinstance(part, int):
                args = get_args(option)
                step = args[0] if len(args) == 2 and args[1] is Ellipsis else (
                    args[part] if part < len(args) else None)
            elif origin is dict and isinstance(part, str):
                step = get_args(option)[1]
            if step is not None:
                break
        if step is None:
            return None
        annotation = step
    return annotation


def keys_at(loc: Sequence[int | str]) -> list[str]:
    """The keys a mapping at `loc` may have (its model's fields)."""
    for option in _models(annotation_at(loc)):
        if isinstance(option, type) and issubclass(option, BaseModel):
            return list(option.model_fields)
    return []


def choices_at(loc: Sequence[int | str]) -> list[str]:
    """The values a field of a fixed set may take: ['level', 'range', …] for targets[0].kind."""
    for option in _models(annotation_at(loc)):
        if get_origin(option) is Literal:
            return [str(a) for a in get_args(option)]
    return []


# -- comparators and wording ------------------------------------------------------------------

#: Comparators as people type them → the op to write (after NFKC: ＞＝ is >=).
COMPARATORS = {"≥": ">=", "≧": ">=", "=>": ">=", "≤": "<=", "≦": "<=", "=<": "<=",
               "大于": ">", "超过": ">", "突破": ">", "不低于": ">=", "不少于": ">=",
               "达到": ">=", "以上": ">=", "小于": "<", "低于": "<", "不超过": "<=", "以下": "<="}

_RANGE = re.compile(r"^([0-9]+(?:\.[0-9]+)?)\s*(?:-|－|–|—|~|～|〜|至|到)\s*"
                    r"([0-9]+(?:\.[0-9]+)?)\s*(\D*)$")
#: 十亿 / 百亿 / 千亿 / 万亿 written without digits, with 元 and 级 optional: 亿元 of each.
_MAGNITUDE = re.compile(r"^(?P<pre>[^\d十百千万亿]*)(?P<word>十|百|千|万)亿元?级?(?P<post>以上)?$")
_MAGNITUDES = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_OP_OF_KIND = {"gt": ">", "ge": ">=", "lt": "<", "le": "<="}


@dataclass(frozen=True)
class Wording:
    """A figure as a plan's text writes it: a number (or a range), a comparator word and a unit."""

    low: Decimal
    high: Decimal | None  # a range 3至5 has both ends
    qualifier: str | None
    unit: str


def read_wording(text: str) -> Wording | None:
    """'超过1000亿元' → (1000, 超过, 亿元); '3至5家' → (3, 5); '千亿' → (1000, 亿元)."""
    written = "".join(unicodedata.normalize("NFKC", text).split())
    if match := _RANGE.match(written):
        return Wording(Decimal(match[1]), Decimal(match[2]), None, match[3])
    if match := _MAGNITUDE.match(written):
        qualifier = match["pre"] or match["post"] or None
        if qualifier is not None and qualifier not in QUALIFIERS:
            return None
        return Wording(Decimal(_MAGNITUDES[match["word"]]), None, qualifier, "亿元")
    try:
        parsed = split_text(written)
    except FigureError:
        return None
    return Wording(parsed.number, None, parsed.qualifier, parsed.unit)


def _in_unit(wording: Wording, unit: str | None) -> Decimal | None:
    """The wording's number in the indicator's unit (3000万元 in 亿元 is 0.3); None if unknown."""
    if not wording.unit or unit is None:
        return wording.low
    written = re.sub(r"[个家项次件人条支名所座]$", "", wording.unit) or wording.unit
    if canonical(written) not in MONEY:
        return wording.low
    try:
        return wording.low * factor(written, unit)
    except UnitError:
        return None


def _number(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def figure_advice(text: str, unit: str | None) -> dict[str, str] | None:
    """How to write a published figure given with its unit: '超过1000亿元' → "超过1000"."""
    wording = read_wording(text)
    if wording is None or wording.high is not None or not wording.unit:
        return None
    value = _in_unit(wording, unit)
    if value is None:
        return None
    number = _number(value)
    qualifier = wording.qualifier or ""
    fixed = f"{number}{qualifier}" if qualifier in ("余", "多", "以上", "以下", "左右") else (
        f"{qualifier}{number}")
    shown_unit = unit or wording.unit
    return {
        "advice_zh": f"规划文件中的数字按指标的单位（{shown_unit}）书写，不带单位："
                     f"请写作 \"{fixed}\"",
        "advice_en": f"a plan file's figures are in the indicator's unit ({shown_unit}) and carry "
                     f"no unit word: write \"{fixed}\"",
    }


def target_advice(text: str, unit: str | None) -> dict[str, str] | None:
    """How to write a target's number copied with its wording: '3至5' → min and max."""
    wording = read_wording(text)
    if wording is None:
        return None
    if wording.high is not None:
        low, high = _number(wording.low), _number(wording.high)
        return {
            "advice_zh": f"区间写作 kind: range（每年的区间为 kind: each_year），min: {low}，"
                         f"max: {high}（两端都包含）",
            "advice_en": f"a range is written kind: range (or each_year for every year) with "
                         f"min: {low} and max: {high} (both ends included)",
        }
    value = _in_unit(wording, unit)
    if value is None:
        return None
    op = _OP_OF_KIND.get(QUALIFIERS.get(wording.qualifier or "", ""))
    op_zh = f"op: \"{op}\"，" if op else ""
    op_en = f"op: \"{op}\" and " if op else ""
    unit_zh = f"（单位 {unit}，不带单位）" if unit else ""
    unit_en = f" (in {unit}, without a unit word)" if unit else ""
    return {
        "advice_zh": f"比较词写在 op，数字写在 value{unit_zh}："
                     f"请写作 {op_zh}value: {_number(value)}",
        "advice_en": f"the comparator goes in op and the number in value{unit_en}: write "
                     f"{op_en}value: {_number(value)}",
    }


# -- schema problems with their hints ----------------------------------------------------------


def _at(data: Any, loc: Sequence[int | str]) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _unit_of(data: Any, loc: Sequence[int | str]) -> str | None:
    """The unit of the indicator the entry at `loc` names, from the raw plan data."""
    indicator = _at(data, (*loc, "indicator"))
    unit = _at(data, ("indicators", indicator, "unit")) if isinstance(indicator, str) else None
    return unit if isinstance(unit, str) else None


def schema_problem(err: ErrorDetails, data: Any, name: str, where: str, found: str) -> Problem:
    """One schema error as the most helpful problem: an unknown key with its nearest key, a
    value outside a fixed set with its nearest value, wording with what to write; else the
    schema's own message (plan-invalid)."""
    loc, kind, given = err["loc"], err["type"], err.get("input")
    if isinstance(given, str):
        found = given if len(given) <= 60 else given[:57] + "…"
    if kind == "extra_forbidden" and isinstance(loc[-1], str):
        present = _at(data, loc[:-1])
        allowed = [k for k in keys_at(loc[:-1])
                   if not isinstance(present, dict) or k not in present]
        suggestion = nearest(loc[-1], allowed)
        hint = did_you_mean(suggestion) if suggestion else {
            "hint_zh": "；此处可用的键：" + "、".join(allowed),
            "hint_en": "; the keys allowed here: " + ", ".join(allowed),
        }
        return error("plan-unknown-key", name, where, key=loc[-1], **hint)
    if kind == "literal_error" and isinstance(given, str):
        choices = choices_at(loc)
        written = unicodedata.normalize("NFKC", given).strip()
        suggestion = COMPARATORS.get(written) if ">" in choices else None
        if suggestion is None and written in choices:
            suggestion = written
        return error("plan-bad-choice", name, where, found=found, field=loc[-1],
                     expected=", ".join(choices), **did_you_mean(suggestion or nearest(
                         given, choices)))
    if isinstance(given, str) and loc[-1] in ("value", "min", "max"):
        unit = _unit_of(data, loc[:-1])
        advice = (figure_advice(given, unit) if loc[0] == "history"
                  else target_advice(given, unit) if loc[0] == "targets" else None)
        if advice is not None:
            return error("plan-value-wording", name, where, found=found, **advice)
    return error("plan-invalid", name, where,
                 detail=err["msg"].removeprefix("Value error, "), found=found)


def drop_implied(problems: list[Problem]) -> list[Problem]:
    """A missing key that an unknown key's hint already names is not reported twice
    (`indicatr` → "did you mean 'indicator'?" covers "indicator: Field required")."""
    suggested = set()
    for p in problems:
        params = dict(p.params)
        if p.code == "plan-unknown-key" and params["hint_en"].startswith("; did you mean"):
            parent = (p.where or "").removesuffix("." + params["key"])
            suggested.add(f"{parent}.{params['hint_en'].split(chr(39))[1]}")
    return [p for p in problems
            if not (p.code == "plan-invalid" and p.where in suggested
                    and dict(p.params).get("detail") == "Field required")]


# -- lines ---------------------------------------------------------------------------------------


def line_of(where: str | None, lines: Mapping[str, int]) -> int | None:
    """The line of a YAML path, else of the nearest enclosing one that has a line."""
    path = where or ""
    while path:
        if path in lines:
            return lines[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None


def with_lines(problems: Iterable[Problem], lines: Mapping[str, int]) -> list[Problem]:
    """Each problem at a YAML path with the line it is on (those with a line already keep it)."""
    return [p if p.line is not None or p.where is None else
            replace(p, line=line_of(p.where, lines)) for p in problems]


# -- English quotes ------------------------------------------------------------------------------


def english_quotes_warning(plan: Plan, name: str) -> list[Problem]:
    """A warning when no quote of the plan has an English rendering (quote_en)."""
    entries = [*plan.history, *plan.stated_rates, *plan.stated_changes, *plan.stated_totals,
               *plan.targets]
    if any(entry.quote_en for entry in entries):
        return []
    return [warning("plan-no-english-quotes", name)]


# -- scope ---------------------------------------------------------------------------------------


def scope_conflict(name: str, indicator_id: str, mine: Indicator, first: Indicator,
                   other: str) -> list[Problem]:
    """Two plans sharing an indicator id must measure the same thing: the same scope (口径), or
    none given in either."""
    if mine.scope == first.scope:
        return []

    def shown(scope: Text | None) -> tuple[str, str]:
        return ("（未注明）", "(none given)") if scope is None else (
            f"“{scope.zh}”", f"'{scope.en}'")

    (found_zh, found_en), (other_zh, other_en) = shown(mine.scope), shown(first.scope)
    return [error("plan-scope-conflict", name, f"indicators.{indicator_id}.scope",
                  indicator=indicator_id, other=other, found_zh=found_zh, found_en=found_en,
                  other_zh=other_zh, other_en=other_en)]
