"""Output files railkpi writes next to its report (`--junit`, …): never over the input, atomically.

A report file is written to a temporary file in the destination's own directory and then moved
into place with os.replace, so a reader (a CI step, an open viewer) sees the old file or the
new one, never half of one, and a failed run leaves no temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from railkpi.problems import InputError, error, os_error_words


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name the same file: same resolved path, or (hard links) same inode."""
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return False


def refuse_input(path: Path, data: Path, option: str) -> None:
    """Exit 2 (a problem) if the output `path` would overwrite the input file `data`."""
    if same_file(path, data):
        raise InputError(
            [error("output-is-input", option=option, path=str(path), input=data.name)]
        )


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, data: bytes, option: str) -> None:
    """Write `data` to `path` via a temporary file in the same directory and os.replace.

    An OSError (no such directory, a directory in the way, no permission) is a problem naming
    the option and the file (exit 2); the temporary file is removed whatever happens.
    """
    directory = path.parent
    temp: str | None = None
    try:
        fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, _mode_for(path))
        os.replace(temp, path)
        temp = None
    except OSError as exc:
        raise InputError([error("output-not-written", option=option, path=str(path),
                                detail=os_error_words(exc))]) from None
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
