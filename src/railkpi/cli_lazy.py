"""Building only what a run uses of the command line: the command it runs, not all eleven, and
no value converter for an option that was not given.

Typer turns every registered command into a click command — each option with its type, help
and converter — before it parses anything. `LazyTyper` builds the root group with its own
options only and gives it a mapping of the commands that builds a command when the group
first asks for it: to run it, or to list it (`--help` lists them all, so builds them all; a
mistyped name is matched against the names alone). The commands, their names, order, help,
options, messages and exit statuses are Typer's own, built by Typer's own function.

Typer (from 0.26) converts each option's value with a pydantic TypeAdapter it builds when the
option is first processed — also for an option that was not given, whose value stays None (a
list option's, ()). `skip_absent_conversion` gives such an option that value without building
the adapter; a value that was given (or a default other than None) is converted natively when
it is plain (cli_convert.py), else by Typer's converter as before. With a Typer that converts
otherwise, it changes nothing.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, MutableMapping
from typing import Any

import typer
import typer.main
from typer.models import CommandInfo

from railkpi.cli_convert import UNSURE, native_converter


class LazyCommands(MutableMapping[str, Any]):
    """The group's commands by name, in the order they were registered, each built on first
    use by Typer from its registration."""

    def __init__(self, infos: list[CommandInfo], settings: dict[str, Any]) -> None:
        self._infos = {info.name or typer.main.get_command_name(
            info.callback.__name__ if info.callback else ""): info for info in infos}
        self._built: dict[str, Any] = {}
        self._settings = settings

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            command = typer.main.get_command_from_info(self._infos[name], **self._settings)
            skip_absent_conversion(command)
            self._built[name] = command
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._infos.setdefault(name, CommandInfo(name=name))
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._infos[name]
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._infos)

    def __len__(self) -> int:
        return len(self._infos)

    def __contains__(self, name: object) -> bool:
        return name in self._infos


class LazyTyper(typer.Typer):
    """A Typer app whose command line builds only the command that runs (see above).
    `typer.main.get_command(app)` (Typer's test runner) still builds every command at once."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return root_group(self)(*args, **kwargs)


def root_group(app: typer.Typer) -> Any:
    """The app's root group, its options ready, its commands built when first asked for."""
    bare = copy.copy(app)
    bare.registered_commands = []
    group = typer.main.get_group(bare)
    skip_absent_conversion(group)
    group.commands = LazyCommands(app.registered_commands, {
        "pretty_exceptions_short": app.pretty_exceptions_short,
        "rich_markup_mode": app.rich_markup_mode})
    return group


class _ConvertGiven:
    """An option's converter: None (not given) as Typer gives it, without building pydantic's
    adapter; a plain good value natively, to Typer's value (cli_convert.py); any other value
    through the converter Typer builds, built on first use."""

    def __init__(self, build: Any, descriptor: Any) -> None:
        self._build, self._descriptor = build, descriptor
        self._native = native_converter(descriptor.annotation, descriptor.parameter_info)
        self._converter: Any = None

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        if value is None:  # as typer._coercion.RuntimeParam.coerce: () for a list, else None
            return () if param.multiple or param.nargs == -1 else None
        if self._native is not None:
            converted = self._native(value, ctx)
            if converted is not UNSURE:
                return converted
        if self._converter is None:
            self._converter = self._build(self._descriptor)
        return self._converter.coerce(value, param=param, ctx=ctx)


def skip_absent_conversion(command: Any) -> None:
    """Give each option of `command` whose converter is still to be built one that converts
    a plain value itself and builds Typer's only for another (Typer's with lazily built
    converters only; else nothing)."""
    try:
        from typer._coercion import build_runtime_param
    except ImportError:  # a Typer without pydantic converters
        return
    def convert_given(param: Any) -> Any:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is not None and getattr(param, "_runtime_param", False) is None:
            param._runtime_param = _ConvertGiven(build_runtime_param, descriptor)
        return param

    for param in getattr(command, "params", ()):
        convert_given(param)
    # --help is made when the command is first parsed (and processed as a value, None)
    help_option = getattr(command, "get_help_option", None)
    if help_option is not None:
        command.get_help_option = lambda ctx: convert_given(help_option(ctx))
