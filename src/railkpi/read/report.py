"""A JSON assessment report read back (`railkpi diff OLD.json NEW.json`).

The file may not be one railkpi wrote — it comes from last year's folder, an e-mail, a script —
so it is read as untrusted: a regular file under the size limit (default 20 MB, --max-size),
UTF-8, JSON without duplicate keys, NaN or Infinity and within the parser's nesting depth, an
assessment report (`"schema": "railkpi.assessment/1"`) with the keys and types the diff reads.
Anything else is a problem naming the file (and the JSON path: `plans[0].targets[3].status`),
never a traceback. Keys the diff does not read are not checked.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from railkpi.messages.problems_reports import REPORT_DETAILS
from railkpi.problems import InputError, Problem, Words, error, os_error_words, pydantic_words
from railkpi.records import record

SCHEMA_PREFIX = "railkpi.assessment/"
#: The report formats this version reads.
SUPPORTED = ("railkpi.assessment/1",)
DEFAULT_MAX_REPORT = 20_000_000  # 20 MB; the example's report is about 150 KB
#: Shape problems listed one by one; the rest are counted.
MAX_LISTED = 20

ReportStatus = Literal["achieved", "on_track", "moderate", "off_track", "regressing",
                       "not_achieved", "undetermined", "no_data"]


#: Characters a report's text must not bring to a terminal or a file: control characters
#: (an escape sequence, a NUL) and lone surrogates ("\\ud800" decodes to one, which no UTF-8
#: output can hold).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
#: The longest text kept from a report (ids, names, cells); longer text is cut.
MAX_TEXT = 500


def _clean(text: str) -> str:
    """Text from a report made safe to print: unsafe characters become U+FFFD."""
    text = _UNSAFE.sub("\ufffd", text)
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1] + "…"


Text = Annotated[str, AfterValidator(_clean)]


class _Model(BaseModel):
    """Keys the diff reads, typed strictly; other keys pass unread."""

    model_config = ConfigDict(extra="ignore", frozen=True, strict=True)


class Name(_Model):
    zh: Text
    en: Text


class FigureEntry(_Model):
    """A figure as the report gives it: `plans[].figures[indicator][]`."""

    year: int
    value: float = Field(allow_inf_nan=False)
    qualifier: Text | None = None
    source: Text | None = None
    where: Text | None = None


class TargetEntry(_Model):
    id: Text
    indicator: Text
    status: ReportStatus
    early: bool = False
    indicator_name: Name | None = None


class PlanEntry(_Model):
    id: Text
    title: Name | None = None
    targets: list[TargetEntry]
    #: Absent from reports written before railkpi reported its figures: no revision is checked.
    figures: dict[Text, list[FigureEntry]] | None = None


class ReportDocument(_Model):
    schema_: str = Field(alias="schema")
    railkpi_version: Text | None = None
    as_of: int
    data_file: Text | None = None
    plans: list[PlanEntry]


@record
class ReadReport:
    """A report read: the file as named on the command line, and its document."""

    file: str
    document: ReportDocument


def report_size_limit(text: str | None) -> int:
    """--max-size for reports: DEFAULT_MAX_REPORT when not given."""
    # read/guard is the workbook's guard: imported only where a size is parsed or shown
    from railkpi.read.guard.limits import parse_size

    if text is None:
        return DEFAULT_MAX_REPORT
    try:
        return parse_size(text)
    except ValueError:
        raise InputError([error("bad-max-size", found=text)]) from None


def read_pair(old: Path, new: Path, max_size: int = DEFAULT_MAX_REPORT
              ) -> tuple[ReadReport, ReadReport]:
    """Two reports to compare, checked together: the problems of both files at once, and two
    assessment reports of different formats named both (before either is read as a format
    this railkpi may not know)."""
    loaded: list[tuple[str, Any, str]] = []
    problems: list[Problem] = []
    for path in (old, new):
        name = str(path)
        try:
            data = _json(_text(path, name, max_size), name)
            loaded.append((name, data, _schema(data, name)))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    (old_name, _, old_schema), (new_name, _, new_schema) = loaded
    if old_schema != new_schema:
        raise InputError([error("report-schema-mismatch", old=old_name, new=new_name,
                                old_schema=_clean(old_schema[:60]),
                                new_schema=_clean(new_schema[:60]))])
    reports: list[ReadReport] = []
    for name, data, _ in loaded:
        try:
            reports.append(ReadReport(name, _document(data, name)))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return reports[0], reports[1]


def _detail(which: str, **fields: object) -> Words:
    zh, en = REPORT_DETAILS[which]
    return Words(zh.format(**fields), en.format(**fields))


def _text(path: Path, name: str, max_size: int) -> str:
    """The file's text: a regular file, at most `max_size` bytes, UTF-8 (a BOM is allowed)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError([error("file-not-found", path=name)]) from None
    except OSError as exc:
        raise InputError([error("report-unreadable", name, detail=os_error_words(exc))]) from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError([error("not-a-file", path=name)])
    if info.st_size > max_size:
        raise InputError([_too_large(name, info.st_size, max_size)])
    try:
        with open(path, "rb", opener=_no_follow_fifo) as stream:
            raw = stream.read(max_size + 1)  # a file that grew since stat is still capped
    except OSError as exc:
        raise InputError([error("report-unreadable", name, detail=os_error_words(exc))]) from None
    if len(raw) > max_size:
        raise InputError([_too_large(name, len(raw), max_size)])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError([error("report-bad-json", name,
                                detail=_detail("not-utf8", offset=exc.start))]) from None


def _no_follow_fifo(path: str, flags: int) -> int:
    """Open without blocking on a FIFO swapped in after the check (O_NONBLOCK is harmless on a
    regular file)."""
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def _too_large(name: str, size: int, limit: int) -> Problem:
    from railkpi.read.guard.limits import size_words

    return error("report-too-large", name, size=size_words(size), limit=size_words(limit))


def _unique_keys(pairs: Sequence[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _Refused(_detail("duplicate-key", key=key[:60]))
        found[key] = value
    return found


def _no_constant(text: str) -> Any:
    raise _Refused(_detail("constant", found=text))


class _Refused(ValueError):
    """JSON that parses but that a report never holds (a duplicate key, NaN)."""

    def __init__(self, words: Words) -> None:
        super().__init__(words.en)
        self.words = words


def _json(text: str, name: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
    except _Refused as exc:
        detail = exc.words
    except json.JSONDecodeError as exc:
        detail = _detail("syntax", line=exc.lineno, column=exc.colno, message=exc.msg)
    except RecursionError:
        detail = _detail("too-deep")
    except ValueError as exc:  # an integer of more digits than Python converts
        detail = _detail("number", message=str(exc)[:80])
    raise InputError([error("report-bad-json", name, detail=detail)])


def _schema(data: Any, name: str) -> str:
    """The schema of an assessment report (`railkpi.assessment/N`); InputError for any other
    JSON document."""
    schema = data.get("schema") if isinstance(data, dict) else None
    if isinstance(schema, str) and schema.startswith(SCHEMA_PREFIX):
        return schema
    found = schema if isinstance(schema, str) else ("problems" if isinstance(data, dict)
                                                    and "problems" in data else None)
    key = "refusal" if found == "problems" else "no-schema" if found is None else "schema"
    raise InputError([error("report-not-assessment", name,
                            detail=_detail(key, schema=_clean(str(found)[:60])))])


def _document(data: Any, name: str) -> ReportDocument:
    """The report's keys checked: an assessment report of a supported schema, of the shape the
    diff reads."""
    schema = _schema(data, name)
    if schema not in SUPPORTED:
        raise InputError([error("report-schema-unsupported", name, schema=_clean(schema[:60]),
                                supported=", ".join(SUPPORTED))])
    try:
        return ReportDocument.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        problems = [error("report-bad-shape", name, json_path(err["loc"]),
                          detail=pydantic_words(err), found=_found(err))
                    for err in errors[:MAX_LISTED]]
        if len(errors) > MAX_LISTED:
            problems.append(error("report-bad-shape-more", name, count=len(errors) - MAX_LISTED))
        raise InputError(problems) from None


def json_path(loc: Sequence[int | str]) -> str:
    """('plans', 0, 'targets', 3, 'status') → 'plans[0].targets[3].status'."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(top level)"


def _found(err: Any) -> Words:
    """', found 42' after what was expected; nothing where the key is missing."""
    if err["type"] == "missing":
        return Words("", "")
    value = err.get("input")
    if isinstance(value, dict | list):
        text = "{…}" if isinstance(value, dict) else "[…]"
    else:
        text = json.dumps(value, ensure_ascii=False)
    return _detail("found", found=text if len(text) <= 60 else text[:57] + "…")
