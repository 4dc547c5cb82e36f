"""The files `railkpi assess` writes beside its report, one entry each in FILE_OUTPUTS.

An output file is its option and a function that builds the file's bytes from the report;
`write_files` builds every one asked for first, then hands them to railkpi.outfile, which
writes them all or none (a failure on one leaves every other output's old file untouched).
Adding a file output is a line here, its option in cli.py, and its builder.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from pathlib import Path

from railkpi.records import record
from railkpi.render import Report


@record
class FileSettings:
    """What the builders need besides the report and the language."""

    data_path: Path
    #: The statuses that fail (--fail-on, default off_track) and the levels as given.
    failing: frozenset[str]
    fail_on: str
    #: The Word report's language: Chinese unless --lang en, whatever the locale.
    document_lang: str = "zh"
    #: --fail-on-milestone: a step missed for the year assessed fails (JUnit shows it).
    fail_on_milestone: bool = False


Builder = Callable[[Report, str, FileSettings], bytes]

#: Option → "module:function" that builds the file (imported only when the option is given).
FILE_OUTPUTS: dict[str, str] = {
    "--junit": "railkpi.render.junit:junit_file",
    "--xlsx": "railkpi.render.xlsx:gap_table_file",
    "--docx": "railkpi.render.docx.report:report_file",
}


def builder(option: str) -> Builder:
    module, function = FILE_OUTPUTS[option].split(":")
    built: Builder = getattr(importlib.import_module(module), function)
    return built


def write_files(report: Report, lang: str, paths: Mapping[str, Path | None],
                settings: FileSettings) -> None:
    """Build every output asked for, then write them all (railkpi.outfile.write_all)."""
    from railkpi.outfile import write_all

    chosen = [(option, path) for option, path in paths.items() if path is not None]
    write_all([(option, path, builder(option)(report, lang, settings))
               for option, path in chosen])
