"""A cache of the bundled plans as validated: each plan file's YAML read, validated by the model
and cross-checked once, then taken from a small JSON file on later runs — skipping the YAML
parser (and its import) and the model's validation (and building its schema).

An entry holds the `Plan` a file gave, in its compact form (plans/plan_form.py: built back into
the same models without validating again), and the warnings it loaded with. Only a plan without an
error is stored. An entry is used only when it names this cache format, this railkpi version,
the installed files of the code that reads and validates a plan (the plans/ folder and the
modules its checks use: name, size, modification time) and the SHA-256 of the plan file's bytes
as they are now, and when its digest (the SHA-256 of the rest of the entry as written) still
matches; anything else — another version, an edited plan, changed checks, a damaged, edited or
unreadable entry, a value of the wrong type — is ignored, and the plan is read from its YAML
and the entry written again. A cache that cannot be written is no error.

Where: `RAILKPI_CACHE_DIR` when set, else the platform's user cache directory
(`$XDG_CACHE_HOME/railkpi` or `~/.cache/railkpi` on Linux, `~/Library/Caches/railkpi` on
macOS, `%LOCALAPPDATA%\\railkpi\\Cache` on Windows); entries go in its `plans/` folder, one per
plan file and installation.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from railkpi import __version__
from railkpi.plans.plan_form import build, build_problems, dump, dump_problems

if TYPE_CHECKING:
    from railkpi.plans.document import Document
    from railkpi.plans.models import Plan
    from railkpi.problems import Problem

#: The environment variable that chooses the cache directory.
CACHE_DIR_VARIABLE = "RAILKPI_CACHE_DIR"
#: Bumped when what an entry holds changes.
FORMAT = 2
#: The code a cached plan depends on besides the plans/ folder: what its checks and its
#: warnings use. (The messages are not: a warning is kept as its code and parameters.)
_CHECKING_MODULES = ("figures.py", "numeric.py", "problems.py", "text_safety.py", "money.py")


def cache_dir() -> Path | None:
    """The user cache directory for railkpi (None when there is no home to put it in)."""
    chosen = os.environ.get(CACHE_DIR_VARIABLE)
    if chosen:
        return Path(chosen)
    try:
        if sys.platform == "win32":
            local = os.environ.get("LOCALAPPDATA")
            return Path(local, "railkpi", "Cache") if local else None
        if sys.platform == "darwin":
            return Path.home() / "Library" / "Caches" / "railkpi"
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
        return base / "railkpi"
    except RuntimeError:  # no home directory
        return None


def _reader_files() -> list[list[str | int]]:
    """The installed files of the code that reads, validates and checks a plan (name, size,
    mtime): an entry written by other code is not used."""
    plans = Path(__file__).parent
    paths = sorted(plans.glob("*.py")) + [plans.parent / name for name in _CHECKING_MODULES]
    files: list[list[str | int]] = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        files.append([path.name, stat.st_size, stat.st_mtime_ns])
    return files


def _entry_path(plan: Path) -> Path | None:
    """The entry of a plan file: named by the plan and the folder it is installed in, so that
    two installations (two virtual environments) keep entries of their own."""
    folder = cache_dir()
    if folder is None:
        return None
    place = hashlib.sha256(str(plan.parent.resolve()).encode("utf-8", "surrogatepass"))
    return folder / "plans" / f"{plan.stem}-{place.hexdigest()[:12]}.json"


def _key(raw: bytes) -> dict[str, Any]:
    return {"format": FORMAT, "railkpi": __version__, "reader": _reader_files(),
            "sha256": hashlib.sha256(raw).hexdigest()}


def lookup(plan: Path, raw: bytes) -> tuple[Plan, list[Problem]] | None:
    """The cached plan of the plan file whose bytes are `raw`, with the warnings it loaded
    with, if there is a valid entry."""
    entry = _entry_path(plan)
    if entry is None:
        return None
    try:
        return _unsealed(entry.read_bytes().decode("utf-8"), _key(raw))
    except (OSError, ValueError, KeyError, TypeError):  # FormError is a ValueError
        return None


#: An entry is one JSON object, written as `entry_text` writes it: its key and digest first,
#: then the content the digest covers — the plan and the warnings — whose bytes are checked as
#: they are, so a hit parses the content once.
_HEAD, _DIGEST, _PLAN, _WARNINGS = '{"key": ', ', "digest": "', '"plan": ', ', "warnings": '
_DECODER = json.JSONDecoder()


def entry_text(key: Any, plan: Any, warnings: Any) -> str:
    """An entry: {"key", "digest", "plan", "warnings"}, the digest the SHA-256 of the text
    after it."""
    content = json.dumps({"plan": plan, "warnings": warnings},
                         ensure_ascii=False, allow_nan=False)[1:-1]
    return (f"{_HEAD}{json.dumps(key, ensure_ascii=False)}{_DIGEST}{_digest(content)}\", "
            f"{content}}}")


def _digest(content: str) -> str:
    return hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()


def _unsealed(text: str, key: Any) -> tuple[Plan, list[Problem]] | None:
    """The plan and warnings of an entry's text, if it has `key` and its content its digest."""
    if not text.startswith(_HEAD):
        return None
    stored_key, at = _DECODER.raw_decode(text, len(_HEAD))
    if stored_key != key or not text.startswith(_DIGEST, at):
        return None
    at += len(_DIGEST)
    digest, content = text[at:at + 64], text[at + 67:-1]
    if text[at + 64:at + 67] != '", ' or not text.endswith("}") or _digest(content) != digest:
        return None
    if not content.startswith(_PLAN):
        return None
    plan, at = _DECODER.raw_decode(content, len(_PLAN))
    if not content.startswith(_WARNINGS, at):
        return None
    warnings, _ = _DECODER.raw_decode(content, at + len(_WARNINGS))
    return build(plan), build_problems(warnings)


def store(plan_file: Path, raw: bytes, document: Document, plan: Plan,
          warnings: list[Problem]) -> None:
    """Remember a plan file that read without a problem and validated (else nothing): its
    plan and the warnings it loaded with."""
    entry = _entry_path(plan_file)
    if entry is None or document.problems or document.refused:
        return
    try:
        key = _key(raw)
        text = entry_text(key, dump(plan), dump_problems(warnings))
        if _unsealed(text, key) != (plan, warnings):
            return  # a plan the form does not carry exactly is not cached
    except (TypeError, ValueError):
        return
    temporary = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, entry)  # readers see the old entry or the new one, whole
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
