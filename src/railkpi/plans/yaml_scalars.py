"""How railkpi's plan reader resolves plain YAML scalars: YAML 1.2's core schema, and what
YAML 1.1 would read differently (012, 0x1F, 1_000, 1:30, yes/no, dates), which is refused or
must be quoted."""

from __future__ import annotations

import math
import re

from railkpi.messages.problems_plan_yaml import YAML_READINGS
from railkpi.problems import Words

TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (TAG + t for t in ("str", "int", "float", "bool", "null"))
SEQ, MAP = TAG + "seq", TAG + "map"

# YAML 1.2 core schema, except that 0x… and 0o… are not numbers (see ambiguity).
_NULL_RE = re.compile(r"~|null|Null|NULL|")
_BOOL_RE = re.compile(r"true|True|TRUE|false|False|FALSE")
INT_RE = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT_RE = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+"
)
_SPECIAL_FLOAT_RE = re.compile(r"([-+]?)\.(?:(inf|Inf|INF)|nan|NaN|NAN)")

# What YAML 1.1 reads differently.
_BOOL11_RE = re.compile(r"y|Y|yes|Yes|YES|on|On|ON|n|N|no|No|NO|off|Off|OFF")
_BOOL11_TRUE = frozenset(("y", "Y", "yes", "Yes", "YES", "on", "On", "ON"))
_TIMESTAMP11_RE = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
    r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?"
)
_HEX_RE = re.compile(r"([-+]?)0x([0-9a-fA-F_]+)")
_OCTAL12_RE = re.compile(r"([-+]?)0o([0-7_]+)")
_BINARY_RE = re.compile(r"([-+]?)0b([01_]+)")
_LEADING_ZERO_RE = re.compile(r"([-+]?)0([0-9_]+)")
_SEXAGESIMAL_RE = re.compile(
    r"([-+]?)([1-9][0-9_]*(?::[0-5]?[0-9])+)|([-+]?)([0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*)"
)
_UNDERSCORE_RE = re.compile(
    r"[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?"
)
#: Base-60 numbers longer than this are not worked out (int() refuses 5,000 digits).
_MAX_NUMBER_TEXT = 64


def resolve_plain(text: str) -> str:
    """The tag YAML 1.2's core schema gives a plain scalar (0x…, 0o…, 012 stay text here)."""
    if _NULL_RE.fullmatch(text):
        return NULL
    if _BOOL_RE.fullmatch(text):
        return BOOL
    if INT_RE.fullmatch(text):
        return INT
    if _FLOAT_RE.fullmatch(text) or _SPECIAL_FLOAT_RE.fullmatch(text):
        return FLOAT
    return STR


def scalar_number(text: str) -> int | float:
    """The value of a plain scalar resolved as an int or a float."""
    special = _SPECIAL_FLOAT_RE.fullmatch(text)
    if special:
        if special.group(2) is None:
            return math.nan
        return -math.inf if special.group(1) == "-" else math.inf
    if INT_RE.fullmatch(text):
        try:
            return int(text)
        except ValueError:  # more digits than Python converts: as a float it is ±inf
            return float(text)
    return float(text)


def shown_number(value: int | float) -> str:
    if isinstance(value, float):
        text = repr(value)
        return text.removesuffix(".0")
    return str(value) if value.bit_length() < 1000 else f"≈2^{value.bit_length() - 1}"


def _sexagesimal(body: str) -> int | float:
    *parts, last = body.replace("_", "").split(":")
    value: int | float = 0
    for part in parts:
        value = value * 60 + int(part)
    return value * 60 + (float(last) if "." in last else int(last))


def _reading(key: str, value: int | float | str | None = None) -> Words:
    """How YAML reads a scalar, in both languages (messages: YAML_READINGS)."""
    shown = "…" if value is None else value if isinstance(value, str) else shown_number(value)
    zh, en = YAML_READINGS[key]
    return Words(zh.format(value=clip(shown)), en.format(value=clip(shown)))


def ambiguity(text: str) -> tuple[Words, str] | None:
    """(how YAML reads it, the number written unambiguously) when YAML 1.1 and 1.2 disagree
    on a plain scalar that looks like a number."""

    def signed(sign: str, value: int) -> int:
        return -value if sign == "-" else value

    if match := _HEX_RE.fullmatch(text):
        value = signed(match[1], int(match[2].replace("_", "") or "0", 16))
        return _reading("hex", value), shown_number(value)
    if match := _OCTAL12_RE.fullmatch(text):
        value = signed(match[1], int(match[2].replace("_", "") or "0", 8))
        return _reading("octal12", value), shown_number(value)
    if match := _BINARY_RE.fullmatch(text):
        value = signed(match[1], int(match[2].replace("_", "") or "0", 2))
        return _reading("binary", value), shown_number(value)
    if match := _SEXAGESIMAL_RE.fullmatch(text):
        sign, body = (match[1], match[2]) if match[2] else (match[3], match[4])
        number = _sexagesimal(body) if len(text) <= _MAX_NUMBER_TEXT else None
        if number is not None and sign == "-":
            number = -number
        return _reading("sexagesimal", number), (
            shown_number(number) if number is not None else "…")
    if match := _LEADING_ZERO_RE.fullmatch(text):
        sign, digits = match[1], match[2].replace("_", "")
        plain = (sign if sign == "-" else "") + (digits.lstrip("0") or "0")
        if set(digits) <= set("01234567"):
            return _reading("octal11", signed(sign, int(digits or "0", 8))), plain
        return _reading("leading-zero", plain), plain
    if "_" in text and _UNDERSCORE_RE.fullmatch(text):
        plain = text.replace("_", "")
        return _reading("underscore", plain), plain
    return None


def id_reading(text: str) -> Words | None:
    """How YAML (1.1 or 1.2) would read a plain scalar, if as anything but text."""
    ambiguous = ambiguity(text)
    if ambiguous:
        return ambiguous[0]
    if _BOOL11_RE.fullmatch(text):
        return _reading("bool11", "true" if text in _BOOL11_TRUE else "false")
    tag = resolve_plain(text)
    if tag == BOOL:
        return _reading("bool", text.lower())
    if tag == NULL and text:
        return _reading("null")
    if tag in (INT, FLOAT):
        return _reading("number", shown_number(scalar_number(text)))
    if _TIMESTAMP11_RE.fullmatch(text):
        return _reading("date11")
    return None


def is_id(parts: tuple[str | int, ...]) -> bool:
    """Whether the value at this YAML path is an id (which must be text)."""
    match parts:
        case ("plan", "id") | ("targets", int(), "id" | "indicator" | "group"):
            return True
        case ("history" | "stated_rates" | "stated_changes" | "stated_totals", int(),
              "indicator"):
            return True
        case (("roster", "firm_count") | ("roster", "tiers", int(), "indicator")
              | ("roster", "segments" | "flags", str(), "indicator")):
            return True
    return False


#: Mappings whose keys are ids: group, indicator, roster segment and flag ids.
ID_KEYED = (("groups",), ("indicators",), ("roster", "segments"), ("roster", "flags"))


def written_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(TAG) if tag.startswith(TAG) else tag


def clip(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"
