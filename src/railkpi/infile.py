"""Input files opened as the system allows: a missing file, a loop of symbolic links and a file
or directory the user may not open are each said as such, before any reader tries the file.

`check_readable` stats the path (following links) and, for a regular file, opens it for reading
and closes it again; anything else (a directory, a FIFO, a device) is left to the reader,
which refuses it without opening it.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from railkpi.problems import InputError, error, os_error_words


def check_readable(path: Path, code: str = "file-unreadable", file: str | None = None) -> None:
    """InputError `file-not-found` when nothing is there, else `code` naming the path and the
    system's reason (no permission, a loop of links, a name too long) when it cannot be
    opened."""
    try:
        found = os.stat(path)
        if stat.S_ISREG(found.st_mode):
            os.close(os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)))
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            raise InputError([error("file-not-found", path=str(path))]) from None
        raise InputError([error(code, file, path=str(path), detail=os_error_words(exc))]) \
            from None
    except ValueError:  # a NUL in the name: no such file
        raise InputError([error("file-not-found", path=str(path))]) from None
