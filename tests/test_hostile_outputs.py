"""Hostile text and hostile environments: what railkpi writes, and where it writes it.

A generated corpus, every case made here: plan and workbook text with control characters,
output paths that are links, loops, devices, FIFOs, directories, duplicates or too long,
standard output full, closed or a pipe whose reader went away, inputs that cannot be opened,
and signals in the middle of a write. The promise for each: exit 2 with a message naming the
problem (never 3), no output lost or corrupted (every xlsx reopens and each of its XML parts
parses), no temporary file left behind.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import openpyxl
import pytest

from railkpi.outfile import temporary_name
from railkpi.text_safety import FORBIDDEN, clean_sheet, cleaned, forbidden_in

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "fengtai.xlsx"
PLAN_14 = ROOT / "targets" / "14th-fyp.yaml"
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_whole_xlsx(path: Path) -> None:
    """The gap table reopens, and every XML part of it is well-formed."""
    openpyxl.load_workbook(path).close()
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                ElementTree.fromstring(archive.read(name))


def run(*args: str | Path, stdout: Any = subprocess.PIPE, **kwargs: Any
        ) -> subprocess.CompletedProcess[bytes]:
    """`python -m railkpi ARGS` in a child process, in English."""
    env = {**os.environ, "LANG": "en_US.UTF-8", "RAILKPI_DEBUG": ""}
    env.pop("COLUMNS", None)
    return subprocess.run([sys.executable, "-m", "railkpi", *map(str, args)], stdout=stdout,
                          stderr=subprocess.PIPE, env=env, timeout=120, check=False, **kwargs)


# -- the corpus of output paths ----------------------------------------------------------------


@dataclass(frozen=True)
class OutputCase:
    """Output options made in a folder; the problem code expected (None: written)."""

    name: str
    make: Callable[[Path], list[str]]
    code: str | None


def _old(folder: Path, name: str, text: str = "old contents\n") -> Path:
    path = folder / name
    path.write_text(text)
    return path


def _loop(folder: Path) -> list[str]:
    os.symlink("loop.xml", folder / "loop.xml")
    return ["--junit", str(folder / "loop.xml")]


def _two_link_loop(folder: Path) -> list[str]:
    os.symlink("b.xlsx", folder / "a.xlsx")
    os.symlink("a.xlsx", folder / "b.xlsx")
    return ["--xlsx", str(folder / "a.xlsx")]


def _same_name(folder: Path) -> list[str]:
    return ["--xlsx", str(folder / "out"), "--junit", str(folder / "out")]


def _report_and_table_on_one_file(folder: Path) -> list[str]:
    return ["--docx", str(folder / "out"), "--xlsx", str(folder / "out")]


def _same_through_link(folder: Path) -> list[str]:
    real = _old(folder, "real.xml")
    os.symlink("real.xml", folder / "link.xml")
    return ["--junit", str(real), "--xlsx", str(folder / "link.xml")]


def _same_through_hard_link(folder: Path) -> list[str]:
    real = _old(folder, "real.xml")
    os.link(real, folder / "hard.xml")
    return ["--junit", str(real), "--xlsx", str(folder / "hard.xml")]


def _second_has_no_directory(folder: Path) -> list[str]:
    return ["--junit", str(_old(folder, "j.xml")), "--xlsx", str(folder / "nodir" / "x.xlsx")]


def _directory(folder: Path) -> list[str]:
    (folder / "adir").mkdir()
    return ["--junit", str(_old(folder, "j.xml")), "--xlsx", str(folder / "adir")]


def _file_as_directory(folder: Path) -> list[str]:
    return ["--junit", str(_old(folder, "j.xml") / "x.xml")]


def _empty_name(folder: Path) -> list[str]:
    return ["--junit", str(_old(folder, "j.xml")), "--xlsx", ""]


def _name_too_long(folder: Path) -> list[str]:
    limit = os.pathconf(folder, "PC_NAME_MAX")
    return ["--xlsx", str(folder / ("x" * (limit + 1)))]


def _socket(folder: Path) -> list[str]:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "sock"))
    server.close()
    return ["--junit", str(folder / "sock")]


def _the_input(folder: Path) -> list[str]:
    return ["--xlsx", str(EXAMPLE)]


def _link_to_the_input(folder: Path) -> list[str]:
    os.symlink(EXAMPLE, folder / "input-link.xlsx")
    return ["--xlsx", str(folder / "input-link.xlsx")]


def _name_at_the_limit(folder: Path) -> list[str]:
    limit = os.pathconf(folder, "PC_NAME_MAX")
    return ["--xlsx", str(folder / ("g" * (limit - 6) + ".xlsx")),
            "--junit", str(folder / ("j" * (limit - 5) + ".xml"))]


def _through_a_link(folder: Path) -> list[str]:
    _old(folder, "real.xlsx")
    os.symlink("real.xlsx", folder / "link.xlsx")
    return ["--xlsx", str(folder / "link.xlsx")]


def _through_a_dangling_link(folder: Path) -> list[str]:
    os.symlink("new.xml", folder / "link.xml")
    return ["--junit", str(folder / "link.xml")]


def _dev_null(folder: Path) -> list[str]:
    return ["--junit", os.devnull, "--xlsx", str(folder / "g.xlsx")]


OUTPUT_CASES = [
    OutputCase("link-loop", _loop, "output-link-loop"),
    OutputCase("two-link-loop", _two_link_loop, "output-link-loop"),
    OutputCase("same-name", _same_name, "outputs-same-file"),
    OutputCase("report-and-table-on-one-file", _report_and_table_on_one_file,
               "outputs-same-file"),
    OutputCase("same-through-link", _same_through_link, "outputs-same-file"),
    OutputCase("same-through-hard-link", _same_through_hard_link, "outputs-same-file"),
    OutputCase("second-has-no-directory", _second_has_no_directory, "output-not-written"),
    OutputCase("directory", _directory, "output-is-directory"),
    OutputCase("file-as-directory", _file_as_directory, "output-not-written"),
    OutputCase("empty-name", _empty_name, "output-empty-name"),
    OutputCase("name-too-long", _name_too_long, "output-not-written"),
    OutputCase("socket", _socket, "output-not-a-file"),
    OutputCase("the-input", _the_input, "output-is-input"),
    OutputCase("link-to-the-input", _link_to_the_input, "output-is-input"),
    OutputCase("name-at-the-limit", _name_at_the_limit, None),
    OutputCase("through-a-link", _through_a_link, None),
    OutputCase("through-a-dangling-link", _through_a_dangling_link, None),
    OutputCase("dev-null", _dev_null, None),
]


@pytest.mark.parametrize("case", OUTPUT_CASES, ids=[c.name for c in OUTPUT_CASES])
def test_each_output_case_keeps_the_promise(case: OutputCase, tmp_path: Path, railkpi: Any
                                            ) -> None:
    args = case.make(tmp_path)
    before = {p: digest(p) for p in tmp_path.rglob("*") if p.is_file() and not p.is_symlink()}
    result = railkpi("assess", EXAMPLE, *args, "--lang", "en")
    assert not temporaries(tmp_path)
    if case.code is not None:
        assert result.exit_code == 2, result.stderr
        assert f"[{case.code}]" in result.stderr
        assert result.stdout == ""  # nothing reported as if it had worked
        # Nothing written: every file that was there is as it was, none was added.
        assert {p: digest(p) for p in before} == before
        assert {p for p in tmp_path.rglob("*") if p.is_file() and not p.is_symlink()} \
            == set(before)
        return
    assert result.exit_code == 0, result.stderr
    for option, value in zip(args[::2], args[1::2], strict=True):
        path = Path(value)
        if path == Path(os.devnull):
            assert path.is_char_device()  # written, not replaced by a file
        elif option == "--xlsx":
            assert_whole_xlsx(path)
        else:
            ElementTree.fromstring(path.read_bytes())


def test_a_link_stays_a_link_and_its_target_gets_the_content(tmp_path: Path, railkpi: Any
                                                             ) -> None:
    _through_a_link(tmp_path)
    assert railkpi("assess", EXAMPLE, "--xlsx", tmp_path / "link.xlsx").exit_code == 0
    assert (tmp_path / "link.xlsx").is_symlink()
    assert os.readlink(tmp_path / "link.xlsx") == "real.xlsx"
    assert_whole_xlsx(tmp_path / "real.xlsx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.xlsx", "real.xlsx"]


def test_a_regular_file_keeps_its_permissions(tmp_path: Path, railkpi: Any) -> None:
    old = _old(tmp_path, "j.xml")
    old.chmod(0o640)
    assert railkpi("assess", EXAMPLE, "--junit", old).exit_code == 0
    assert old.stat().st_mode & 0o777 == 0o640
    ElementTree.fromstring(old.read_bytes())


def test_a_fifo_is_written_directly(tmp_path: Path, railkpi: Any) -> None:
    fifo = tmp_path / "junit.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = railkpi("assess", EXAMPLE, "--junit", fifo)
    reader.join(timeout=60)
    assert result.exit_code == 0, result.stderr
    assert fifo.is_fifo()  # not replaced by a regular file
    root = ElementTree.fromstring(received[0])
    assert root.get("tests") == "36"


def test_a_failing_write_leaves_the_first_output_as_it_was(tmp_path: Path, railkpi: Any,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    """The second output fails only when written (a full disk): the first is not touched."""
    junit = _old(tmp_path, "j.xml")
    real_open = os.open

    def full_disk(path: Any, flags: int, *args: Any) -> int:
        if "g.xlsx" in str(path) and flags & os.O_CREAT:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr("railkpi.outfile.os.open", full_disk)
    result = railkpi("assess", EXAMPLE, "--junit", junit, "--xlsx", tmp_path / "g.xlsx",
                     "--lang", "zh")
    assert result.exit_code == 2
    assert "[output-not-written]" in result.stderr and "磁盘空间不足" in result.stderr
    assert junit.read_text() == "old contents\n"
    assert not temporaries(tmp_path) and not (tmp_path / "g.xlsx").exists()


def test_temporary_names_fit_the_file_system(tmp_path: Path) -> None:
    limit = os.pathconf(tmp_path, "PC_NAME_MAX")
    for name in ("g" * (limit - 1), "表" * (limit // 3), "短.xlsx"):
        temp = temporary_name(tmp_path / name)
        assert len(temp.name.encode()) <= limit
        assert temp.parent == tmp_path and temp.name.startswith(".") and temp.suffix == ".tmp"
        temp.name.encode("utf-8")  # cut at a character's boundary
    assert temporary_name(tmp_path / "short.xml").name.startswith(".short.xml.")


# -- standard output --------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["plans"], ["assess", str(EXAMPLE), "--lang", "en"]])
def test_a_closed_pipe_ends_quietly_with_141(command: list[str]) -> None:
    """The reader has gone before railkpi writes: `railkpi … | head` at its earliest."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = run(*command, stdout=write_end)
    finally:
        os.close(write_end)
    assert result.returncode == 141
    assert result.stderr == b""  # no traceback, no "Exception ignored … BrokenPipeError"


def test_a_pipe_closed_after_the_first_lines(tmp_path: Path) -> None:
    """A reader that takes the first lines and goes, as `| head -3` does."""
    child = subprocess.Popen(
        [sys.executable, "-m", "railkpi", "assess", str(EXAMPLE), "--lang", "en"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": "200"})
    assert child.stdout is not None and child.stderr is not None
    first = child.stdout.readline()
    child.stdout.close()
    errors = child.stderr.read()
    code = child.wait(timeout=120)
    assert b"Fengtai" in first
    # The whole report may have fitted in the pipe before the reader went: then 0.
    assert code in (0, 141) and errors == b""


def test_standard_output_full_is_a_problem_not_a_crash() -> None:
    with open("/dev/full", "w") as full:
        result = run("assess", EXAMPLE, stdout=full)
    assert result.returncode == 2
    assert b"[stdout-not-written]" in result.stderr and b"No space left" in result.stderr
    assert b"Traceback" not in result.stderr


def test_standard_output_closed_is_refused_before_any_work(tmp_path: Path) -> None:
    result = run("assess", EXAMPLE, "--junit", tmp_path / "j.xml", stdout=None,
                 preexec_fn=lambda: os.close(1))
    assert result.returncode == 2
    assert b"[stdout-closed]" in result.stderr
    assert not (tmp_path / "j.xml").exists()


def test_junit_to_dev_stdout_goes_to_standard_output(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    with report.open("wb") as out:
        result = run("assess", EXAMPLE, "--junit", "/dev/stdout", "--format", "json",
                     stdout=out)
    assert result.returncode == 0, result.stderr
    text = report.read_text()
    junit, end, rest = text.partition("</testsuites>\n")
    assert ElementTree.fromstring(junit + end).get("tests") == "36"
    assert json.loads(rest)["as_of"] == 2024
    assert report.is_file() and not temporaries(tmp_path)


def test_fail_on_says_which_targets_failed(railkpi: Any) -> None:
    result = railkpi("assess", EXAMPLE, "--fail-on", "off_track", "--lang", "zh")
    assert result.exit_code == 1
    assert "9 个目标处于 --fail-on off_track 所定级别或更差" in result.stderr
    assert "收入百亿级以上企业数量，进度滞后" in result.stderr
    assert "研发人才数量，逆向变化" in result.stderr
    assert "检验检测试验线，进度滞后*" in result.stderr
    assert "专精特新企业" not in result.stderr  # on track: not listed
    en = railkpi("assess", EXAMPLE, "--fail-on", "regressing", "--lang", "en")
    assert en.exit_code == 1
    assert "3 target(s) at or below --fail-on regressing" in en.stderr
    assert "R&D personnel, regressing" in en.stderr and "off track" not in en.stderr
    passing = railkpi("assess", EXAMPLE, "--fail-on", "not_achieved", "--plan", "2023-2025")
    assert passing.exit_code == 0 and "--fail-on" not in passing.stderr


# -- signals -----------------------------------------------------------------------------------


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_during_a_write_leaves_no_temporary_file(signum: int, tmp_path: Path) -> None:
    """The gap table is staged as a temporary file, then the JUnit FIFO is opened: with no
    reader, the run waits there, its temporary file on disk, until the signal."""
    old = _old(tmp_path, "gaps.xlsx")
    fifo = tmp_path / "junit.fifo"
    os.mkfifo(fifo)
    child = subprocess.Popen([sys.executable, "-m", "railkpi", "assess", str(EXAMPLE),
                              "--xlsx", str(old), "--junit", str(fifo)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        staged = _wait_for(lambda: temporaries(tmp_path), child)
        assert staged, "the gap table was never staged"
        child.send_signal(signum)
        child.wait(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signum  # ended by the signal, as without the handler
    assert not temporaries(tmp_path)
    assert old.read_text() == "old contents\n"


def _wait_for(found: Callable[[], list[Path]], child: subprocess.Popen[bytes]) -> list[Path]:
    """Poll until `found` finds something or the child ends (bounded by the child's life and
    a generous number of polls, not by a time asserted)."""
    for _ in range(6000):
        if result := found():
            return result
        if child.poll() is not None:
            return []
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(timeout=0.05)
    return []


# -- inputs that cannot be opened --------------------------------------------------------------


def test_a_workbook_link_loop_is_not_file_not_found(tmp_path: Path, railkpi: Any) -> None:
    os.symlink("loop.xlsx", tmp_path / "loop.xlsx")
    result = railkpi("assess", tmp_path / "loop.xlsx", "--lang", "en")
    assert result.exit_code == 2
    assert "[file-unreadable]" in result.stderr and "symbolic links" in result.stderr
    assert "file-not-found" not in result.stderr


def test_a_plan_link_loop_is_not_plan_not_found(tmp_path: Path, railkpi: Any) -> None:
    os.symlink("loop.yaml", tmp_path / "loop.yaml")
    result = railkpi("assess", EXAMPLE, "--plan", tmp_path / "loop.yaml", "--lang", "zh")
    assert result.exit_code == 2
    assert "[plan-unreadable]" in result.stderr and "符号链接循环" in result.stderr


@pytest.mark.parametrize("which", ["workbook", "plan"])
def test_no_permission_is_said_as_such(which: str, tmp_path: Path, railkpi: Any,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """As root every file opens: the refusal is simulated where the file is opened."""
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(PLAN_14.read_bytes())
    denied = EXAMPLE if which == "workbook" else plan
    real_open, real_path_open = os.open, Path.open

    def refuse(path: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(path) == denied:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, *args, **kwargs)

    def refuse_path(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == denied:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real_path_open(self, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    monkeypatch.setattr(Path, "open", refuse_path)
    result = railkpi("assess", EXAMPLE, "--plan", plan, "--lang", "en")
    assert result.exit_code == 2
    code = "file-unreadable" if which == "workbook" else "plan-unreadable"
    said = " ".join(result.stderr.split())  # the message is folded to the width: a long path
    assert f"[{code}]" in said and "Permission denied" in said
    assert "line ?" not in said


@pytest.mark.skipif(AS_ROOT, reason="root enters every directory: simulated above instead")
def test_a_workbook_in_a_directory_that_cannot_be_entered(tmp_path: Path, railkpi: Any
                                                          ) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "data.xlsx").write_bytes(EXAMPLE.read_bytes())
    locked.chmod(0)
    try:
        result = railkpi("assess", locked / "data.xlsx")
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 2 and "[file-unreadable]" in result.stderr


# -- control characters ------------------------------------------------------------------------

HOSTILE = ["\x01", "\x1b[31m", "\ufffe", "\x7f", "\x9b", "\x00", "\ud800"]


@pytest.mark.parametrize("text", HOSTILE, ids=[f"U+{ord(t[0]):04X}" for t in HOSTILE])
def test_a_plan_with_a_control_character_is_refused_with_its_path(text: str, tmp_path: Path,
                                                                   railkpi: Any) -> None:
    escaped = text.encode("unicode_escape").decode().replace("\\u", "\\u")
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN_14.read_text(encoding="utf-8").replace(
        'en: "Fengtai District 14th Five-Year Plan for the Rail-Transit Industry"',
        f'en: "Total{escaped} revenue"'), encoding="utf-8")
    out = tmp_path / "g.xlsx"
    result = railkpi("assess", EXAMPLE, "--plan", plan, "--xlsx", out, "--lang", "en")
    assert result.exit_code == 2, result.stdout
    assert "[plan-control-character]" in result.stderr
    assert "plan.title.en" in result.stderr and f"U+{ord(text[0]):04X}" in result.stderr
    assert not out.exists() and not temporaries(tmp_path)


def _hostile_workbook(path: Path) -> Path:
    """The example with OOXML escapes (`_x001B_`, as Excel writes control characters) in data
    sources and notes, and in firm names of the roster: the reader decodes them."""
    workbook = openpyxl.load_workbook(EXAMPLE)
    data, roster = workbook["数据"], workbook["企业名录"]
    for row, escape in ((2, "_x001B_[31m"), (3, "_x0001_"), (4, "_x007F_"), (5, "_x009B_2J")):
        data.cell(row, 5).value = f"source{escape}"
        data.cell(row, 6).value = f"note{escape}"
    for row in range(2, 20):  # more than the cells named one by one
        roster.cell(row, 2).value = f"示例企业_x001B_]0;title_x0007_{row:03}"
    workbook.save(path)
    return path


def test_workbook_control_characters_are_replaced_and_named(
        tmp_path: Path, railkpi: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "300")  # a warning on one line
    data = _hostile_workbook(tmp_path / "data.xlsx")
    out, junit = tmp_path / "g.xlsx", tmp_path / "j.xml"
    result = railkpi("assess", data, "--xlsx", out, "--junit", junit, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    shown = result.stdout + result.stderr
    assert "数据!E2: the cell's text holds the control character U+001B" in shown
    assert "数据!F4: the cell's text holds the control character U+007F" in shown
    assert "数据!F5: the cell's text holds the control character U+009B" in shown
    # 18 firm names: ten named one by one, the rest counted.
    assert shown.count("企业名录!B") == 10 and "企业名录: 8 more cells" in shown
    assert forbidden_in(shown) is None
    for fmt in ("table", "markdown", "csv", "json"):
        run = railkpi("validate", data, "--format", fmt)
        assert run.exit_code == 0
        assert forbidden_in(run.stdout + run.stderr) is None, fmt
        if fmt in ("csv", "json"):  # the source, cleaned, as read
            text = run.stdout if fmt == "csv" else json.dumps(run.json(), ensure_ascii=False)
            assert "source\ufffd[31m" in text, fmt
    assert_whole_xlsx(out)
    ElementTree.fromstring(junit.read_bytes())


def test_sheet_names_are_cleaned_too() -> None:
    problems: list[Any] = []
    name, rows = clean_sheet("d.xlsx", "数据\x1b[2J", iter([]), problems)
    assert name == "数据\ufffd[2J"
    assert [(p.code, p.where) for p in problems] == [("sheet-name-control-character",
                                                      "数据\ufffd[2J")]
    assert list(rows) == []


def test_cleaned_keeps_tabs_and_newlines() -> None:
    assert cleaned("a\tb\nc") == "a\tb\nc"
    assert cleaned("a\r\nb\rc") == "a\nb\nc"
    assert cleaned("\x1b[31mred\x00\ufffe\uffff\ud800") == "\ufffd[31mred\ufffd\ufffd\ufffd\ufffd"
    assert forbidden_in("正常的文字 text\t\n") is None
    assert forbidden_in("x\x85") == "U+0085"


def test_every_forbidden_character_is_unprintable() -> None:
    """The chunk check skips its search when the text is printable: sound only if no
    character the pattern forbids is printable. Checked over every code point."""
    forbidden = [c for c in map(chr, range(0x110000)) if FORBIDDEN.match(c)]
    assert len(forbidden) == 9 + 21 + 33 + 2 + 2048  # C0 but tab and LF, DEL and C1, …
    assert not any(c.isprintable() for c in forbidden)


class _RawRows:
    """Rows a reader hands over as plain values in chunks, as the roster's fast path reads."""

    first_column = 1

    def __init__(self, chunks: list[list[list[Any]]]) -> None:
        self.chunks = chunks

    def __iter__(self) -> Any:
        return iter(())

    def raw_chunks(self, size: int) -> Any:
        first = 2
        for chunk in self.chunks:
            yield first, chunk
            first += len(chunk)


def test_raw_chunks_cleaned_whatever_else_is_unprintable() -> None:
    """Text that is unprintable but allowed (a no-break space, a tab, a line feed) is kept
    as it is; a forbidden character beside it is still replaced and named."""
    allowed = [["企业\u00a0甲", 2023.0, "a\tb\nc"], ["企业\u3000乙", 2024.0, ""]]
    mixed = [["企业丙", 2023.0, "x\u00a0y"], ["企业\x1b丁", 2024.0, "行\r\n尾"]]
    problems: list[Any] = []
    _, rows = clean_sheet("d.xlsx", "企业名录", _RawRows([allowed, mixed]), problems)
    chunks = [chunk for _, chunk in rows.raw_chunks(100)]
    assert chunks[0] == [["企业\u00a0甲", 2023.0, "a\tb\nc"], ["企业\u3000乙", 2024.0, ""]]
    assert chunks[1] == [["企业丙", 2023.0, "x\u00a0y"], ["企业\ufffd丁", 2024.0, "行\n尾"]]
    assert [(p.code, p.where) for p in problems] == [("text-control-character", "企业名录!A5")]
