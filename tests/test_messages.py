"""The message catalog (src/railkpi/messages/): every entry in both languages, every key used.

A key is used when the code outside the catalog looks it up: `CATALOG["key"]` or
`CATALOG.get("key")`, or — for catalogs looked up by a computed key (a status, a problem code,
`f"rule-{status}"`) — when the key is a string the code writes, or the f-string's fixed parts
with a string the code writes in each place. Problem codes are checked by test_error_codes.
"""

from __future__ import annotations

import ast
import errno
import importlib
import pkgutil
import re
import typing
from collections.abc import Callable
from functools import cache
from pathlib import Path

import defusedxml.common
from pydantic_core import core_schema

import railkpi.messages

SRC = Path(__file__).resolve().parents[1] / "src" / "railkpi"
CATALOG_DIR = SRC / "messages"


def catalogs() -> dict[str, dict[str, object]]:
    """Catalog name → its entries, for every dict of the messages package's modules."""
    found: dict[str, dict[str, object]] = {}
    for info in pkgutil.iter_modules(railkpi.messages.__path__):
        module = importlib.import_module(f"railkpi.messages.{info.name}")
        for name, value in vars(module).items():
            if name.isupper() and isinstance(value, dict) and not name.endswith("_PROBLEMS"):
                found[name] = value
    return found


@cache
def code_trees() -> list[ast.Module]:
    return [ast.parse(path.read_text(encoding="utf-8")) for path in SRC.rglob("*.py")
            if CATALOG_DIR not in path.parents]


@cache
def constants() -> frozenset[str]:
    """Every string the code writes outside the catalog."""
    return frozenset(node.value for tree in code_trees() for node in ast.walk(tree)
                     if isinstance(node, ast.Constant) and isinstance(node.value, str))


def lookups(catalog: str) -> tuple[set[str], list[re.Pattern[str]], bool]:
    """(keys looked up as constants, patterns of keys looked up by f-string, whether any key is
    computed otherwise) in the code's subscripts and .get calls of `catalog`."""
    static: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    computed = False
    for tree in code_trees():
        for node in ast.walk(tree):
            key: ast.expr | None = None
            if isinstance(node, ast.Subscript) and _named(node.value, catalog):
                key = node.slice
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                  and node.func.attr == "get" and _named(node.func.value, catalog) and node.args):
                key = node.args[0]
            if key is None:
                continue
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                static.add(key.value)
            elif isinstance(key, ast.JoinedStr):
                patterns.append(_pattern(key))
            else:
                computed = True
    return static, patterns, computed


def _named(node: ast.expr, name: str) -> bool:
    return (isinstance(node, ast.Name) and node.id == name) or (
        isinstance(node, ast.Attribute) and node.attr == name)


def _pattern(node: ast.JoinedStr) -> re.Pattern[str]:
    parts = [re.escape(v.value) if isinstance(v, ast.Constant) else "(.+)" for v in node.values]
    return re.compile("".join(parts))


def used(catalog: str, key: str) -> bool:
    static, patterns, computed = lookups(catalog)
    if key in static:
        return True
    for pattern in patterns:
        match = pattern.fullmatch(key)
        if match and all(part in constants() for part in match.groups()):
            return True
    return computed and key in constants()


def test_the_catalog_is_found() -> None:
    names = set(catalogs())
    assert {"STATUS", "COLUMN", "TEXT", "NOTE", "AUDIT", "OUTPUT", "CSV_COLUMN", "XLSX",
            "TEMPLATE", "FILE_KINDS", "PROBLEM_MESSAGES"} <= names


def test_every_entry_has_both_languages() -> None:
    empty = [f"{name}[{key!r}]" for name, entries in catalogs().items()
             for key, entry in entries.items()
             if isinstance(entry, tuple)
             and not (len(entry) == 2 and all(isinstance(s, str) and s.strip() for s in entry))]
    assert empty == []


#: Catalogs keyed by what a library or the system reports (a pydantic error type, an errno
#: name, …): each key must be one of those, rather than a string of railkpi's code.
EXTERNAL: dict[str, Callable[[], set[str]]] = {
    "PYDANTIC_ZH": lambda: set(typing.get_args(core_schema.ErrorType)),
    "OS_ERRORS_ZH": lambda: set(errno.errorcode.values()),
    "XML_ATTACKS": lambda: {name for name in vars(defusedxml.common)
                            if name.endswith("Forbidden")} | {"other"},
    "YAML_VALUE_TYPES": lambda: {"list", "str", "int", "float", "bool", "NoneType"},
}


def test_every_key_is_used() -> None:
    unused = [f"{name}[{key!r}]" for name, entries in catalogs().items()
              if name != "PROBLEM_MESSAGES" and name not in EXTERNAL  # codes: test_error_codes
              for key in entries if not used(name, key)]
    assert unused == []


def test_translation_tables_are_keyed_by_what_is_reported() -> None:
    found = catalogs()
    unknown = [f"{name}[{key!r}]" for name, known in EXTERNAL.items()
               for key in found[name] if key not in known()]
    assert unknown == []
    for name in EXTERNAL:  # and the code looks the table up
        assert lookups(name)[1] or lookups(name)[2] or lookups(name)[0], name


def test_the_check_finds_an_unused_key() -> None:
    # The test above must be able to fail: a key nobody looks up is not used.
    assert not used("TEXT", "no-such-key-anywhere")
    assert used("TEXT", "valid")
