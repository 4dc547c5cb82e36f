"""Mistakes on the command line found before a command runs — a mistyped option, a missing
argument, a value of the wrong kind or out of range — in the run's language.

The option parser (click, inside typer) words them in English. In a Chinese run they are
reported as a bad-option problem from the catalog instead, so that no English reaches Chinese
output; an English run keeps the parser's own message with its usage line. The parser's
exceptions are read by their attributes (param, option_name, possibilities), which click and
the click typer carries share.
"""

from __future__ import annotations

import os
import re
import sys
import traceback
from collections.abc import Sequence
from typing import Any, NoReturn

from typer.core import TyperGroup

from railkpi import __version__
from railkpi.messages import pick
from railkpi.messages.outputs import OUTPUT
from railkpi.messages.problems_options import OPTION_DETAILS
from railkpi.problems import Problem, Words, error


def default_lang() -> str:
    """Chinese when the locale says so (LC_ALL, LC_MESSAGES, LANG, LANGUAGE), else English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def run_language(args: Sequence[str]) -> str:
    """The --lang of a command line, read before the parser has (it may be what failed)."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args) and args[i + 1] in ("zh", "en"):
            return args[i + 1]
        if arg in ("--lang=zh", "--lang=en"):
            return arg.removeprefix("--lang=")
    return default_lang()


def _words(key: str, **fields: object) -> Words:
    zh, en = OPTION_DETAILS[key]
    return Words(zh.format(**fields), en.format(**fields))


def _details(exc: Exception) -> tuple[str | None, dict[str, str]]:
    """(the value refused, what the parameter takes: choices, low, high, kind), from the
    parser's message and, where the parser validated with pydantic, from its error."""
    message = getattr(exc, "message", "") or str(exc)
    cause = exc.__cause__
    errors = cause.errors() if cause is not None and hasattr(cause, "errors") else []
    first: dict[str, Any] = dict(errors[0]) if errors else {}
    expected: dict[str, str] = {}
    if match := re.search(r"is not one of (.+)$", message):
        expected["choices"] = "|".join(re.findall(r"'([^']*)'", match[1]))
    if match := re.search(r"range (-?[\d.]+)<=x<=(-?[\d.]+)", message):
        expected["low"], expected["high"] = match[1], match[2]
    context = first.get("ctx") or {}
    for bound, key in (("ge", "low"), ("gt", "low"), ("le", "high"), ("lt", "high")):
        if bound in context:
            expected[key] = str(context[bound])
    kind = str(first.get("type", ""))
    if "int_" in kind or "valid integer" in message:
        expected["kind"] = "integer"
    elif "float_" in kind or "valid float" in message:
        expected["kind"] = "number"
    found = first.get("input")
    if found is None and (match := re.search(r"'(.*?)' is not|(-?[\d.]+) is not in", message)):
        found = match[1] if match[1] is not None else match[2]
    return (None if found is None else str(found)), expected


def _expected(expected: dict[str, str], lang: str) -> str:
    pick = 0 if lang == "zh" else 1
    if "choices" in expected:
        separator = "、" if lang == "zh" else ", "
        return OPTION_DETAILS["choices"][pick].format(
            choices=separator.join(expected["choices"].split("|")))
    if "low" in expected and "high" in expected:
        return OPTION_DETAILS["range"][pick].format(**expected)
    if "low" in expected:
        return OPTION_DETAILS["at-least"][pick].format(**expected)
    if "kind" in expected:
        return OPTION_DETAILS[expected["kind"]][pick]
    return ""


def usage_problem(exc: Exception) -> Problem:
    """The bad-option problem of a parser error (exit status 2)."""
    param = getattr(exc, "param", None)
    option = getattr(exc, "option_name", None)
    if param is not None:
        opts = getattr(param, "opts", None) or [getattr(param, "name", "") or "?"]
        name = " / ".join(opts) if opts[0].startswith("-") else opts[0].upper()
        if type(exc).__name__ == "MissingParameter":
            return error("bad-option", option=name, detail=_words("missing"))
        found, expected = _details(exc)
        zh, en = _expected(expected, "zh"), _expected(expected, "en")
        key = "invalid" if found is not None else "invalid-value"
        return error("bad-option", option=name, detail=Words(
            OPTION_DETAILS[key][0].format(found=found, expected=zh),
            OPTION_DETAILS[key][1].format(found=found, expected=en)))
    if option is not None:
        possibilities = list(getattr(exc, "possibilities", None) or ())
        hint = (_words("did-you-mean", possibilities=", ".join(possibilities[:3]))
                if possibilities else Words("", ""))
        return error("bad-option", option=option, detail=Words(
            OPTION_DETAILS["no-such-option"][0].format(suggestion=hint.zh),
            OPTION_DETAILS["no-such-option"][1].format(suggestion=hint.en)))
    message = getattr(exc, "message", "") or str(exc)
    return error("bad-option", option="railkpi", detail=_words("usage", message=message))


def _is_usage_error(exc: Exception) -> bool:
    return getattr(exc, "exit_code", None) == 2 and hasattr(exc, "ctx") and hasattr(exc, "show")


class Commands(TyperGroup):
    """railkpi's command group: a Chinese run reports command-line mistakes in Chinese."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        arguments = list(sys.argv[1:] if args is None else args)
        if not standalone_mode or run_language(arguments) != "zh":
            return super().main(arguments, prog_name, complete_var, standalone_mode,
                                windows_expand_args, **extra)
        try:
            result = super().main(arguments, prog_name, complete_var, False, windows_expand_args,
                                  **extra)
        except Exception as exc:
            if not _is_usage_error(exc) or type(exc).__name__ == "NoArgsIsHelpError":
                if hasattr(exc, "show") and hasattr(exc, "exit_code"):
                    exc.show()
                    sys.exit(exc.exit_code)
                raise
            from railkpi.render.table import render_problems

            render_problems([usage_problem(exc)], "zh", sys.stderr)
            sys.exit(2)
        sys.exit(result if isinstance(result, int) else 0)


#: Run-wide settings of the root command (--debug), read when an internal error is reported.
settings: dict[str, bool] = {"debug": False}


def internal_error(exc: BaseException, status: int) -> NoReturn:
    """A bug in railkpi: a short message with the version and how to report it (the traceback
    only with --debug or RAILKPI_DEBUG), and exit `status`."""
    if settings["debug"] or os.environ.get("RAILKPI_DEBUG"):
        traceback.print_exception(exc)
    message = pick(OUTPUT["internal-error"], run_language(sys.argv[1:]))
    sys.stderr.write(message.format(version=__version__, error=f"{type(exc).__name__}: {exc}")
                     + "\n")
    sys.exit(status)
