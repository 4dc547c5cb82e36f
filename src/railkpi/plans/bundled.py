"""The plans railkpi ships (targets/ in the repository, railkpi/targets in a wheel), and
resolving a --plan reference: a bundled plan id or a path to a YAML file."""

from __future__ import annotations

import errno
import os
from importlib import resources
from pathlib import Path

from railkpi.problems import InputError, error, os_error_words, raise_if_errors


def bundled_plan_dir() -> Path:
    """The directory holding the bundled plan files.

    An installed wheel carries them as railkpi/targets; a source checkout (also an editable
    install) keeps them in the repository's top-level targets/.
    """
    packaged = Path(str(resources.files("railkpi"))) / "targets"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "targets"


def bundled_plan_ids() -> list[str]:
    return sorted(p.stem for p in bundled_plan_dir().glob("*.yaml"))


def resolve_plan_path(ref: str) -> Path:
    """A bundled plan id or a path to a YAML file; raises InputError otherwise."""
    if ref in bundled_plan_ids():
        return bundled_plan_dir() / f"{ref}.yaml"
    path = Path(ref)
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno not in (errno.ENOENT, errno.ENOTDIR):  # a loop, no permission: say so
            raise InputError([error("plan-unreadable", path=ref,
                                    detail=os_error_words(exc))]) from None
    except ValueError:
        pass
    if path.is_file():
        return path
    raise_if_errors(
        [error("plan-not-found", found=ref, bundled=", ".join(bundled_plan_ids()))]
    )
    raise AssertionError("unreachable")
