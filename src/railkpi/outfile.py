"""Output files railkpi writes beside its report (`--junit`, `--xlsx`, `template OUT`): as the
shell writes, never over an input, all or none.

- **Checked first.** Every output path is checked before any work (`check`): not empty, not
  a directory, not a symbolic-link loop, not an input of the run, not the same file as another
  output (also through links and hard links), a regular file, a new file, a character device
  or a FIFO.
- **Write through.** A symbolic link is written through: the link stays a link and the file
  it points to gets the new content. A character device or a FIFO (`/dev/null`, a named pipe)
  is opened and written directly; the run's own standard output or error (`/dev/stdout`) is
  written on that stream. Only a regular file (or a new one) is replaced atomically: written to
  a temporary file in its own directory, then moved into place with os.replace, so a reader
  sees the old file or the new one, never half of one. The temporary name is kept within the
  file system's limit on a name (NAME_MAX), however long the output's name.
- **All or none.** `write_all` is given every output already built: it stages each regular
  file as a temporary file, then writes devices and FIFOs, then moves the staged files into
  place. A failure before the moves (a missing directory, a full disk, a FIFO without a
  reader) leaves every existing output as it was and no temporary file behind.
- **Signals.** While temporary files exist, SIGTERM and SIGHUP remove them before the process
  ends by the signal as it would have; Ctrl-C (KeyboardInterrupt) removes them on its way out.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import signal
import stat
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import FrameType
from typing import Literal

from railkpi.problems import InputError, Problem, Words, error, os_error_words
from railkpi.records import record

#: How far a chain of symbolic links is followed (Linux's own limit is 40).
MAX_LINKS = 40
Kind = Literal["file", "device", "stdout", "stderr"]


@record
class Destination:
    """Where an output goes: the file to replace (links followed) or the device, FIFO or
    stream to write, and what identifies it to compare with other outputs."""

    option: str
    path: Path
    kind: Kind
    target: Path
    identity: tuple[int, int] | str


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name the same file: same resolved path, or (hard links) same inode."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):  # one of them does not exist (yet)
        return False


def refuse_input(path: Path, data: Path, option: str) -> None:
    """Exit 2 (a problem) if the output `path` would overwrite the input file `data`."""
    if same_file(path, data):
        raise InputError(
            [error("output-is-input", option=option, path=str(path), input=data.name)]
        )


def _not_written(option: str, path: Path | str, detail: Words) -> Problem:
    return error("output-not-written", option=option, path=str(path), detail=detail)


def destination(option: str, name: Path | str) -> Destination:
    """Where `name` leads, or InputError naming the option and why it cannot be written. (An
    empty name is refused as such: Path("") would be the current directory.)"""
    if name == "":
        raise InputError([error("output-empty-name", option=option)])
    path = Path(name)
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return _new_file(option, path)
    except OSError as exc:
        raise InputError([_problem_of(option, path, exc)]) from None
    identity = (found.st_dev, found.st_ino)
    streams: tuple[tuple[Kind, int], ...] = (("stdout", 1), ("stderr", 2))
    for kind, fd in streams:
        with contextlib.suppress(OSError):
            own = os.fstat(fd)
            if (own.st_dev, own.st_ino) == identity:  # /dev/stdout, or the file it goes to
                return Destination(option, path, kind, path, identity)
    if stat.S_ISREG(found.st_mode):
        return Destination(option, path, "file", Path(os.path.realpath(path)), identity)
    if stat.S_ISCHR(found.st_mode) or stat.S_ISFIFO(found.st_mode):
        return Destination(option, path, "device", path, identity)
    key = "output-is-directory" if stat.S_ISDIR(found.st_mode) else "output-not-a-file"
    raise InputError([error(key, option=option, path=str(path))])


def _new_file(option: str, path: Path) -> Destination:
    """A file to create (or a dangling link's target): its directory must exist."""
    target = Path(os.path.realpath(path))
    try:
        parent = os.stat(target.parent)
    except OSError as exc:
        raise InputError([_problem_of(option, path, exc)]) from None
    if not stat.S_ISDIR(parent.st_mode):
        raise InputError([_not_written(option, path, os_error_words(
            OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR))))])
    return Destination(option, path, "file", target, str(target))


def _problem_of(option: str, path: Path, exc: OSError) -> Problem:
    if exc.errno == errno.ELOOP:
        return error("output-link-loop", option=option, path=str(path))
    return _not_written(option, path, os_error_words(exc))


def check(outputs: Mapping[str, Path | str | None], inputs: Sequence[Path]
          ) -> list[Destination]:
    """Every output checked before any work: each can be written, none is an input, no two
    are the same file. InputError with every problem found."""
    problems: list[Problem] = []
    found: list[Destination] = []
    for option, path in outputs.items():
        if path is None:
            continue
        try:
            where = destination(option, path)
            for source in inputs:
                refuse_input(where.path, source, option)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        for other in found:
            if other.identity == where.identity:
                problems.append(error("outputs-same-file", option=option, path=str(where.path),
                                      other=other.option, other_path=str(other.path)))
        found.append(where)
    if problems:
        raise InputError(problems)
    return found


def write_atomic(path: Path, data: bytes, option: str) -> None:
    """Write one output (see write_all)."""
    write_all([(option, path, data)])


def write_all(outputs: Sequence[tuple[str, Path, bytes]]) -> None:
    """Write every output, all built already: stage the regular files, write the devices and
    streams, then move the staged files into place. InputError (exit 2) if any cannot be
    written before the moves: then no existing output has changed."""
    destinations = check({option: path for option, path, _ in outputs}, ())
    contents = [data for _, _, data in outputs]
    with _temporary_files() as temporary:
        staged: list[tuple[Destination, str]] = []
        problems: list[Problem] = []
        for where, data in zip(destinations, contents, strict=True):
            if where.kind == "file":
                try:
                    staged.append((where, _stage(where.target, data, temporary)))
                except OSError as exc:
                    problems.append(_not_written(where.option, where.path,
                                                 os_error_words(exc)))
        if problems:
            raise InputError(problems)
        for where, data in zip(destinations, contents, strict=True):
            if where.kind != "file":
                _write_directly(where, data)
        for where, temp in staged:
            try:
                os.replace(temp, where.target)
            except OSError as exc:
                raise InputError([_not_written(where.option, where.path,
                                               os_error_words(exc))]) from None
            temporary.remove(temp)


def _write_directly(where: Destination, data: bytes) -> None:
    """A device, a FIFO or the run's own standard stream: written as it is, not replaced."""
    try:
        if where.kind in ("stdout", "stderr"):
            stream = sys.stdout if where.kind == "stdout" else sys.stderr
            stream.flush()
            stream.buffer.write(data)
            stream.buffer.flush()
            return
        fd = os.open(where.path, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise InputError([_not_written(where.option, where.path, os_error_words(exc))]) \
            from None


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def temporary_name(target: Path) -> Path:
    """`.NAME.RANDOM.tmp` beside `target`, its name cut to fit the directory's NAME_MAX."""
    try:
        name_max = os.pathconf(target.parent, "PC_NAME_MAX")
    except (OSError, ValueError):
        name_max = 255
    random, suffix = secrets.token_hex(4), ".tmp"
    room = max(name_max - len(f"..{random}{suffix}".encode()), 1)
    name = target.name.encode("utf-8", "surrogateescape")[:room]
    base = name.decode("utf-8", "ignore") or "output"
    return target.parent / f".{base}.{random}{suffix}"


def _stage(target: Path, data: bytes, temporary: list[str]) -> str:
    """`data` in a new temporary file beside `target`, flushed to disk; its name."""
    temp = str(temporary_name(target))
    temporary.append(temp)  # before it exists: a signal from here on removes it
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0),
                 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(temp, _mode_for(target))
    return temp


#: The temporary files that exist now, for the signal handlers.
_PENDING: list[str] = []
_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def _remove(paths: Sequence[str]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            os.unlink(path)


def _on_signal(signum: int, frame: FrameType | None) -> None:
    """Remove the temporary files, then end by the same signal, as without the handler."""
    _remove(list(_PENDING))
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


@contextlib.contextmanager
def _temporary_files() -> Iterator[list[str]]:
    """A list to register temporary files in: removed on leaving, on an exception (Ctrl-C
    included) and on SIGTERM or SIGHUP."""
    temporary = _PENDING
    start = len(temporary)
    previous = {}
    for signum in _SIGNALS:
        with contextlib.suppress(ValueError):  # not the main thread: no handler
            previous[signum] = signal.signal(signum, _on_signal)
    try:
        yield temporary
    finally:
        _remove(temporary[start:])
        del temporary[start:]
        for signum, handler in previous.items():
            signal.signal(signum, handler)
