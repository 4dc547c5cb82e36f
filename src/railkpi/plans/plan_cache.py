"""A cache of the bundled plans as read: each plan file's YAML turned into values once, then
taken from a small JSON file on later runs, skipping the YAML parser (and its import).

What is cached is the reading of a file that read without a single problem (`Document`: the
values, each YAML path's line, the texts of plain scalars), never a verdict on it: a plan from
the cache is validated by the model and cross-checked like any other, so its warnings (and an
error, were the checks to change) are the same as from the YAML. An entry is used only when it
names this cache format, this railkpi version, the reading code's files as installed and the
SHA-256 of the plan file's bytes as they are now; anything else — another version, an edited
plan, a damaged or unreadable file, a value of the wrong type — is ignored, and the plan is
read from its YAML and the entry written again. A cache that cannot be written is no error.

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
from typing import Any

from railkpi import __version__
from railkpi.plans.document import Document

#: The environment variable that chooses the cache directory.
CACHE_DIR_VARIABLE = "RAILKPI_CACHE_DIR"
#: Bumped when what an entry holds changes.
FORMAT = 1


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
    """The installed files of the code that turns YAML into a Document (name, size, mtime):
    an entry written by other reading code is not used."""
    here = Path(__file__).parent
    files: list[list[str | int]] = []
    for name in ("document.py", "yaml_builder.py", "yaml_composer.py", "yaml_hints.py",
                 "yaml_reader.py", "yaml_scalars.py"):
        try:
            stat = (here / name).stat()
        except OSError:
            continue
        files.append([name, stat.st_size, stat.st_mtime_ns])
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


def lookup(plan: Path, raw: bytes) -> Document | None:
    """The cached reading of the plan file whose bytes are `raw`, if there is a valid one."""
    entry = _entry_path(plan)
    if entry is None:
        return None
    try:
        stored = json.loads(entry.read_bytes())
        if not isinstance(stored, dict) or stored.get("key") != _key(raw):
            return None
        return _document(stored["document"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _document(stored: Any) -> Document | None:
    """A Document from its JSON form, or None unless every part has the expected type."""
    data, texts, lines = stored["data"], stored["texts"], stored["lines"]
    if not (isinstance(data, dict) and isinstance(texts, dict) and isinstance(lines, dict)
            and all(isinstance(v, str) for v in texts.values())
            and all(type(v) is int for v in lines.values())):
        return None
    return Document(data, [], set(), texts, lines)


def store(plan: Path, raw: bytes, document: Document) -> None:
    """Remember the reading of a plan file that read without a problem (else nothing)."""
    entry = _entry_path(plan)
    if entry is None or document.problems or document.refused:
        return
    try:
        text = json.dumps({"key": _key(raw), "document": {
            "data": document.data, "texts": document.texts, "lines": document.lines}},
            ensure_ascii=False)
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
