"""Option values converted without Typer's pydantic adapters (cli_convert.py) give what Typer's
own converter gives: the same value for a good one, Typer's message for a bad one — for every
option of every command, compared against the converter of the installed Typer."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
import typer.main
import typer.testing
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from railkpi import cli_lazy
from railkpi.cli import app
from railkpi.cli_convert import UNSURE, native_converter

coercion = pytest.importorskip("typer._coercion", reason="this Typer converts without pydantic")
if not hasattr(coercion, "build_runtime_param"):
    pytest.skip("this Typer converts without pydantic adapters", allow_module_level=True)

ROOT = typer.main.get_command(app)
COMMANDS = {"": ROOT, **ROOT.commands}  # type: ignore[attr-defined]
#: (command, option) for every option of every command that Typer converts.
OPTIONS = [(name, param) for name, command in COMMANDS.items() for param in command.params
           if getattr(param, "type_descriptor", None) is not None]


def leaf(param: Any) -> Any:
    annotation = param.type_descriptor.annotation
    return get_args(annotation)[0] if get_origin(annotation) is list else annotation


def samples(kind: Any, folder: Path) -> list[Any]:
    """Good values and bad ones for an option of this type, as the command line gives them."""
    if kind is str:
        return ["", "abc", "a b", "总收入", " 12 ", "a\udce9b", "-", "x\x00y"]
    if kind is int:
        return ["1949", "2100", "2023", "0012", "1", "0", "-5", "1948", "2101", "abc", "1_000",
                " 12", "12 ", "+5", "1e3", "2023.0", "", "١٢", "99999999999999999999"]
    if kind is float:
        return ["1.5", "0", "-0", "12", "2364.9", "0.1", "-3.25", "1e3", "abc", "", "1.",
                ".5", "inf", "nan", " 2", "1_0", "١٢", "1" * 40]
    if kind is bool:
        return ["true", "false", "1", "0", "yes", "", "maybe"]
    if kind is Path:
        (folder / "file.xlsx").write_bytes(b"x")
        return [str(folder / "file.xlsx"), str(folder), str(folder / "absent.xlsx"), "",
                "-", "a\x00b", "examples/fengtai.xlsx", str(folder) + "//file.xlsx"]
    assert issubclass(kind, Enum), kind
    members = list(kind)
    return [*(m.value for m in members), members[0], members[0].value.upper(), "xml", "",
            f" {members[0].value}"]


def typer_converts(param: Any, value: Any, ctx: Any) -> tuple[str, Any]:
    """What Typer's own converter makes of `value`: ("value", v) or ("error", message)."""
    converter = coercion.build_runtime_param(param.type_descriptor)
    try:
        return "value", converter.coerce(value, param=param, ctx=ctx)
    except typer.BadParameter as exc:
        return "error", exc.format_message()


def ours(param: Any, value: Any, ctx: Any, *, built: list[str]) -> tuple[str, Any]:
    def build(descriptor: Any) -> Any:
        built.append(str(descriptor.annotation))
        return coercion.build_runtime_param(descriptor)

    converter = cli_lazy._ConvertGiven(build, param.type_descriptor)
    try:
        return "value", converter.coerce(value, param=param, ctx=ctx)
    except typer.BadParameter as exc:
        return "error", exc.format_message()


def same(a: tuple[str, Any], b: tuple[str, Any]) -> bool:
    """Equal (NaN too), of the same types (a list's items compared one by one)."""
    if repr(a) != repr(b) or type(a[1]) is not type(b[1]):
        return False
    if isinstance(a[1], list):
        return [type(x) for x in a[1]] == [type(x) for x in b[1]]
    return True


@pytest.mark.parametrize(("command", "param"), OPTIONS,
                         ids=[f"{c or 'railkpi'}-{p.name}" for c, p in OPTIONS])
def test_every_option_converts_as_typer_does(command: str, param: Any, tmp_path: Path) -> None:
    ctx = typer.Context(COMMANDS[command])
    values = samples(leaf(param), tmp_path)
    if param.multiple:  # a repeated option: the values together, and one bad among good ones
        values = [tuple(values[:3]), (), (values[0],), tuple(values), "not-a-tuple"]
    for value in values:
        built: list[str] = []
        expected, found = typer_converts(param, value, ctx), ours(param, value, ctx, built=built)
        assert same(found, expected), (value, found, expected)


#: Values converted natively — Typer's converter is not even built — and their results.
NATIVE = [
    ("assess", "fmt", "json", "json"), ("assess", "fmt", "table", "table"),
    ("assess", "lang", "zh", "zh"), ("assess", "as_of", "2023", 2023),
    ("assess", "as_of", "1949", 1949), ("cagr", "years", "5", 5),
    ("cagr", "start", "1558.7", 1558.7), ("cagr", "end", "2364", 2364.0),
    ("assess", "max_size", "500MB", "500MB"), ("assess", "data", "examples/fengtai.xlsx",
                                                Path("examples/fengtai.xlsx")),
    ("assess", "plan", ("14th-fyp", "x.yaml"), ["14th-fyp", "x.yaml"]),
    ("assess", "fail_on", ("off_track", "moderate"), ["off_track", "moderate"]),
    ("milestones", "method", "linear", "linear"),
]


@pytest.mark.parametrize(("command", "name", "value", "result"), NATIVE)
def test_plain_values_need_no_typer_converter(command: str, name: str, value: Any,
                                              result: Any) -> None:
    param = next(p for p in COMMANDS[command].params if p.name == name)
    built: list[str] = []
    kind, found = ours(param, value, typer.Context(COMMANDS[command]), built=built)
    assert built == [] and kind == "value"
    found = [getattr(x, "value", x) for x in found] if isinstance(found, list) else found
    assert getattr(found, "value", found) == result


#: Bad values: Typer's converter is built and says what is wrong.
BAD = [("assess", "fmt", "xml", "'xml' is not one of 'table', 'json', 'markdown', 'csv'"),
       ("assess", "as_of", "20x", "unable to parse string as an integer"),
       ("assess", "as_of", "1948", "greater than or equal to 1949"),
       ("cagr", "years", "0", "greater than or equal to 1"),
       ("cagr", "start", "abc", "unable to parse string as a number"),
       ("assess", "lang", "fr", "'fr' is not one of 'zh', 'en'"),
       ("assess", "fail_on", ("off_track", "bad"), "'bad' is not one of")]


@pytest.mark.parametrize(("command", "name", "value", "message"), BAD)
def test_bad_values_get_typers_message(command: str, name: str, value: Any,
                                       message: str) -> None:
    param = next(p for p in COMMANDS[command].params if p.name == name)
    built: list[str] = []
    found = ours(param, value, typer.Context(COMMANDS[command]), built=built)
    assert found[0] == "error" and message in found[1] and len(built) == 1


KINDS = {"int": int, "float": float, "str": str}


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(sorted(KINDS)),
       text=st.one_of(st.text(max_size=12), st.from_regex(r"-?[0-9]{1,20}(\.[0-9]{0,17})?",
                                                          fullmatch=True)))
def test_any_text_converts_as_typer_does(kind: str, text: str) -> None:
    # --years (1 …), --as-of (1949 … 2100), a rate's figures, a text option
    param = next(p for _, p in OPTIONS if p.type_descriptor.annotation is KINDS[kind])
    ctx = typer.Context(ROOT)
    assert same(ours(param, text, ctx, built=[]), typer_converts(param, text, ctx))


def test_a_numeric_range_is_typers() -> None:
    """--as-of 1949…2100: inside, natively; outside, Typer's message (both ends)."""
    param = next(p for p in COMMANDS["assess"].params if p.name == "as_of")
    convert = native_converter(int, param.type_descriptor.parameter_info)
    assert convert is not None
    assert [convert(v, None) for v in ("1949", "2100")] == [1949, 2100]
    assert convert("1948", None) is UNSURE and convert("2101", None) is UNSURE


def test_unusual_settings_are_left_to_typer() -> None:
    info = typer.models.OptionInfo(clamp=True, min=1)
    assert native_converter(int, info) is None
    assert native_converter(Path, typer.models.OptionInfo(resolve_path=True)) is None
    assert native_converter(Path, typer.models.OptionInfo(allow_dash=True)) is None
    assert native_converter(complex, typer.models.OptionInfo()) is None
    assert native_converter(str, typer.models.OptionInfo(parser=str)) is None


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True,
                    reason="permissions are not enforced for root (or not POSIX)")
def test_an_unreadable_workbook_gets_typers_message(tmp_path: Path) -> None:
    unreadable = tmp_path / "locked.xlsx"
    unreadable.write_bytes(b"x")
    unreadable.chmod(0)
    param = next(p for p in COMMANDS["assess"].params if p.name == "data")
    ctx = typer.Context(COMMANDS["assess"])
    built: list[str] = []
    found = ours(param, str(unreadable), ctx, built=built)
    assert found == typer_converts(param, str(unreadable), ctx) and built


COMMAND_LINES = [
    ["assess", "examples/fengtai.xlsx", "--format", "xml"],
    ["assess", "examples/fengtai.xlsx", "--format", "json", "--as-of", "20x"],
    ["assess", "examples/fengtai.xlsx", "--as-of", "1900"],
    ["assess", "examples/fengtai.xlsx", "--lang", "fr"],
    ["assess", "examples/fengtai.xlsx", "--fail-on", "bad"],
    ["assess", "examples/fengtai.xlsx", "--milestones", "straight"],
    ["cagr", "abc", "2", "--years", "3"],
    ["cagr", "1", "2", "--years", "0"],
    ["required", "1", "2", "--years", "x"],
    ["milestones", "--method", "spiral"],
    ["cagr", "1558.7", "2364.9", "--years", "4", "--format", "json"],
]


@pytest.mark.parametrize("args", COMMAND_LINES, ids=[" ".join(a) for a in COMMAND_LINES])
def test_command_lines_as_with_typers_converters(args: list[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The lazily built command line (native conversion) against Typer's own build of every
    command (its converters): the same output, errors and exit status."""
    runner = CliRunner()
    typers = runner.invoke(app, args)
    monkeypatch.setattr(typer.testing, "_get_command", cli_lazy.root_group)
    lazy = runner.invoke(app, args)
    assert (lazy.exit_code, lazy.output) == (typers.exit_code, typers.output)
    if args[-1] in ("xml", "20x", "1900", "fr", "bad", "straight", "0", "x", "spiral"):
        assert lazy.exit_code == 2 and "Invalid value" in lazy.output


def test_a_path_typer_would_refuse_is_left_to_typer(tmp_path: Path) -> None:
    """A directory where only a file will do (and the reverse), or a missing path that must
    exist: Typer's converter says so. Else the path, as Typer gives it."""
    (tmp_path / "file.xlsx").write_bytes(b"x")
    file, folder, absent = str(tmp_path / "file.xlsx"), str(tmp_path), str(tmp_path / "no")

    def convert(value: str, **settings: Any) -> Any:
        converter = native_converter(Path, typer.models.OptionInfo(**settings))
        assert converter is not None
        return converter(value, None)

    assert convert(folder, dir_okay=False) is UNSURE
    assert convert(file, file_okay=False) is UNSURE
    assert convert(absent, exists=True) is UNSURE
    assert convert(file, dir_okay=False) == Path(file)
    assert convert(folder, file_okay=False) == Path(folder)
    assert convert(absent) == Path(absent) and convert(file, exists=True) == Path(file)
