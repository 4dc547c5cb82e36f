"""How a run ends: the exit statuses of failures outside the commands (an internal error,
Ctrl-C), and standard output and standard error as the shell hands them over: closed, full or a pipe
whose reader has gone.

- A pipe closed by its reader (`railkpi assess … | head`) ends the run quietly with exit
  status 141 (128 + SIGPIPE), as other Unix tools end, never 1 (targets failed) nor 3.
- Standard output closed before the run (`>&-`) is refused before anything is done, and a
  write that fails for another reason (`>/dev/full`: no space) is a problem naming standard
  output and the system's reason; both exit 2.

Python reports the three as exceptions at whatever write or flush meets them, some only at
the interpreter's final flush ("Exception ignored … BrokenPipeError"); the parser (click)
turns a broken pipe into exit status 1. So both streams are wrapped: a failed write raises
StreamFailed, which neither the parser nor the commands catch, and `finish` flushes before the
interpreter does and then points the failed stream at /dev/null so that nothing more is said.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn, TextIO, cast

from railkpi.cli_errors import internal_error, run_language
from railkpi.cli_options import EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_PIPE_CLOSED
from railkpi.problems import Problem, error, os_error_words


class StreamFailed(Exception):
    """A write to standard output or standard error failed."""

    def __init__(self, name: str, error: OSError) -> None:
        super().__init__(f"{name}: {error}")
        self.name = name
        self.error = error


class GuardedStream:
    """A text stream whose failed writes raise StreamFailed; everything else is the stream's."""

    def __init__(self, stream: TextIO, name: str) -> None:
        self._stream = stream
        self.name = name

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as exc:
            raise StreamFailed(self.name, exc) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise StreamFailed(self.name, exc) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def guard() -> None:
    """Wrap standard output and standard error (each as it is, where it is open)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is not None and not isinstance(stream, GuardedStream):
            setattr(sys, name, cast(TextIO, GuardedStream(stream, name)))


def closed_stdout() -> bool:
    """Whether the run started with standard output closed (`>&-`)."""
    return sys.stdout is None


def finish() -> None:
    """Flush both streams now, so that a failure is met here rather than at exit."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()


def silence(name: str) -> None:
    """Point a failed stream at /dev/null: what is still buffered is dropped, quietly."""
    stream = getattr(sys, name)
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())
        os.close(null)


def pipe_closed(exc: StreamFailed) -> bool:
    return exc.error.errno in (errno.EPIPE, errno.ECONNRESET) or isinstance(
        exc.error, BrokenPipeError)


def end_quietly() -> NoReturn:
    """The reader of a pipe has gone: say nothing more, exit 141."""
    silence("stdout")
    silence("stderr")
    sys.exit(EXIT_PIPE_CLOSED)


def _stream_failed(exc: StreamFailed) -> NoReturn:
    """Standard output or error could not be written: a closed pipe ends quietly (141); any
    other failure of standard output is a problem on standard error (2)."""
    if pipe_closed(exc):
        end_quietly()
    silence(exc.name)
    if exc.name == "stdout":
        report(error("stdout-not-written", detail=os_error_words(exc.error)))
    sys.exit(EXIT_BAD_INPUT)


def report(problem: Problem) -> None:
    """A problem on standard error, if it can be written at all."""
    if sys.stderr is None:
        return
    from railkpi.render.table import render_problems

    with contextlib.suppress(StreamFailed, OSError):
        render_problems([problem], run_language(sys.argv[1:]), sys.stderr)
        sys.stderr.flush()


def run_guarded(run: Callable[[], Any]) -> None:
    """Run the command line: standard output closed is refused (2), a closed pipe ends
    quietly (141), Ctrl-C is 130, and any other exception is an internal error (3, with the
    traceback under --debug: cli_errors.internal_error)."""
    if closed_stdout():
        report(error("stdout-closed"))
        sys.exit(EXIT_BAD_INPUT)
    guard()
    try:
        try:
            run()
        finally:
            finish()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    except StreamFailed as exc:
        _stream_failed(exc)
    except Exception as exc:
        internal_error(exc, EXIT_INTERNAL)
