"""The fast reading path (python-calamine, rosters a chunk at a time) against the openpyxl path.

Both must give the same observations and the same problems on the same files; chunks are made
tiny here so that every file crosses several chunk boundaries, with clean and faulty chunks.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from railkpi.plans.loader import load_plans
from railkpi.plans.registry import merge_plans
from railkpi.problems import InputError
from railkpi.read.roster import fast_path as roster
from railkpi.read.roster import firm_key, firm_keys
from railkpi.read.roster.chunk_years import of_year, year_masks
from railkpi.read.roster.totals import RosterTotals
from railkpi.read.workbook import read_workbook

REPO = Path(__file__).resolve().parents[1]
REGISTRY = merge_plans(load_plans(["14th-fyp", "2023-2025"]))
HEADER = ["企业名称", "年份", "营业收入（万元）", "细分赛道", "专精特新", "备注"]


def outcome(path: Path, engine: str) -> Any:
    """Observations and warnings, or the problems, as plain comparable values."""
    try:
        data = read_workbook(path, REGISTRY, engine=engine)  # type: ignore[arg-type]
    except InputError as exc:
        return ("problems", sorted((p.code, p.where or "", p.params) for p in exc.problems))
    return (
        "observations",
        [o.model_dump() for o in data.observations],
        sorted((p.code, p.where or "", p.params) for p in data.warnings),
    )


def write(path: Path, rows: list[list[Any]]) -> Path:
    workbook = openpyxl.Workbook()
    data = workbook.active
    assert data is not None
    data.title = "数据"
    data.append(["指标", "年份", "数值"])
    data.append(["revenue_total", 2023, 2800])
    sheet = workbook.create_sheet("企业名录")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


@pytest.fixture
def tiny_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(roster, "CHUNK_ROWS", 7)


SEGMENTS = ["工程建设", "牵引供电", "物流运输", "通信信号", "智能运维", "其他"]


def clean_rows(count: int, years: tuple[int, ...] = (2023, 2024)) -> list[list[Any]]:
    return [
        [f"示例企业{i:03d}", years[i % len(years)], 5000 + i * 1234.5, SEGMENTS[i % 6],
         "是" if i % 4 == 0 else "否", ""]
        for i in range(count)
    ]


def test_clean_roster_same_both_ways(tmp_path: Path, tiny_chunks: None) -> None:
    path = write(tmp_path / "r.xlsx", clean_rows(40))
    fast, slow = outcome(path, "calamine"), outcome(path, "openpyxl")
    assert fast == slow
    assert fast[0] == "observations"
    by_id = {(o["indicator"], o["year"]): o for o in fast[1]}
    # 20 firms a year; by hand: firms i = 0, 2, …, 38 are 2023 (i even)
    assert by_id[("enterprise_count", 2023)]["value"] == 20.0
    assert by_id[("enterprise_count", 2023)]["origin"] == "roster"
    # 2023 firms with a flag: i ≡ 0 (mod 4) among 0..38 → 0, 4, …, 36: 10 firms
    assert by_id[("specialised_sme_count", 2023)]["value"] == 10.0
    # engineering (i ≡ 0 mod 6) in 2023 (i even): i = 0, 6, 12, 18, 24, 30, 36
    engineering = sum(5000 + i * 1234.5 for i in (0, 6, 12, 18, 24, 30, 36)) / 10000
    assert by_id[("revenue_engineering", 2023)]["value"] == pytest.approx(engineering, abs=0)


def test_faulty_chunks_fall_back_and_report_the_same(tmp_path: Path, tiny_chunks: None) -> None:
    rows = clean_rows(40)
    rows[3][2] = None  # blank revenue: a warning and bounded counts
    rows[9][3] = "engineering construction"  # an English spelling the fast path also takes
    rows[15][0] = "示例企业 001"  # the same firm as row 1 once spaces are dropped: duplicate
    rows[15][1] = rows[1][1]
    rows[22][4] = "maybe"  # a bad flag
    rows[30][1] = "2024年"  # a year as text
    path = write(tmp_path / "r.xlsx", rows)
    fast, slow = outcome(path, "calamine"), outcome(path, "openpyxl")
    assert fast == slow
    assert fast[0] == "problems"
    codes = {code for code, _, _ in fast[1]}
    assert {"roster-duplicate", "roster-bad-flag", "roster-missing-revenue"} <= codes


def test_duplicate_across_chunks_names_the_first_row(tmp_path: Path, tiny_chunks: None) -> None:
    rows = clean_rows(30)
    rows[25] = list(rows[2])  # row 27 repeats row 4, two chunks earlier
    path = write(tmp_path / "r.xlsx", rows)
    fast = outcome(path, "calamine")
    assert fast == outcome(path, "openpyxl")
    duplicate = next(p for p in fast[1] if p[0] == "roster-duplicate")
    assert duplicate[1] == "企业名录!A27"
    assert dict(duplicate[2])["other"] == "企业名录!A4"


def test_bundled_example_same_both_ways() -> None:
    example = REPO / "examples" / "fengtai.xlsx"
    assert outcome(example, "calamine") == outcome(example, "openpyxl")


NAMES = st.text(alphabet="企业甲乙Ａa b　", min_size=0, max_size=4)
CELLS: dict[int, st.SearchStrategy[Any]] = {
    0: NAMES,
    1: st.sampled_from([2023, 2024, "2024年", "二〇二四", None]),
    2: st.one_of(st.floats(min_value=-10, max_value=2e6), st.none(), st.just("12,345.6")),
    3: st.sampled_from([*SEGMENTS, "signalling", "工程装备", "未知", None]),
    4: st.sampled_from(["是", "否", "Y", "no", "maybe", None]),
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(*CELLS.values()), min_size=1, max_size=25))
def test_random_rosters_same_both_ways(rows: list[tuple[Any, ...]]) -> None:
    original = roster.CHUNK_ROWS
    roster.CHUNK_ROWS = 5
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = write(Path(folder) / "r.xlsx", [[*row, ""] for row in rows])
            assert outcome(path, "calamine") == outcome(path, "openpyxl")
    finally:
        roster.CHUNK_ROWS = original


@given(st.lists(st.text(max_size=6), max_size=30))
def test_firm_keys_is_firm_key_of_each(names: list[str]) -> None:
    assert firm_keys(names) == [firm_key(name) for name in names]


@given(st.lists(st.sampled_from([1949, 2021, 2022, 2023, 2100, 2300]), max_size=40))
def test_a_chunk_grouped_by_year_is_each_years_rows_in_order(years: list[int]) -> None:
    # 2300 is more than 255 years from 1949: the masks are then compared row by row.
    rows = [f"行{i}" for i in range(len(years))]
    masks = year_masks(years)
    assert list(masks) == list(dict.fromkeys(years))
    for year, mask in masks.items():
        assert of_year(rows, mask) == [row for row, y in zip(rows, years, strict=True)
                                            if y == year]


def test_chunk_size_is_read_at_call_time(monkeypatch: pytest.MonkeyPatch) -> None:
    # The tests above shrink the chunks; make sure the reader looks the size up when it runs.
    calls: list[int] = []
    real: Callable[..., Any] = roster._FastChunks.add

    def spy(self: Any, first_row: int, chunk: list[list[Any]]) -> bool:
        calls.append(len(chunk))
        return real(self, first_row, chunk)

    monkeypatch.setattr(roster._FastChunks, "add", spy)
    monkeypatch.setattr(roster, "CHUNK_ROWS", 4)
    with tempfile.TemporaryDirectory() as folder:
        read_workbook(write(Path(folder) / "r.xlsx", clean_rows(10)), REGISTRY)
    assert calls == [4, 4, 2]


@given(st.lists(st.one_of(
    st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False).map(float),
    st.floats(min_value=-1e12, max_value=1e12, allow_nan=False),
    st.sampled_from([0.1, 0.2, 0.3, 12345.6, 1 / 3, 7999999999.999999, 8e9, 2e-7]),
), max_size=40))
def test_exact_sum_is_the_decimal_sum_of_the_figures_as_written(values: list[float]) -> None:
    assert roster.exact_sum(values) == sum((Decimal(repr(v)) for v in values), Decimal(0))


def test_progress_shown_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    from rich.progress import Progress

    from railkpi.read import workbook

    updates: list[float] = []
    real_update = Progress.update

    def update(self: Progress, task: Any, **fields: Any) -> None:
        updates.append(fields.get("completed", -1))
        real_update(self, task, **fields)

    monkeypatch.setattr(Progress, "update", update)
    monkeypatch.setattr(workbook, "PROGRESS_ROWS", 10)
    monkeypatch.setattr(roster, "CHUNK_ROWS", 8)
    path = write(tmp_path / "r.xlsx", clean_rows(20))

    monkeypatch.setattr("sys.stderr.isatty", lambda: False)
    read_workbook(path, REGISTRY)
    assert updates == []  # silent when stderr is not a terminal

    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    read_workbook(path, REGISTRY)
    assert updates == [8, 16, 20]  # rows read after each chunk


def test_chunk_firm_years_recorded_per_year() -> None:
    """A firm listed for two years is no duplicate; listed twice for one year (in a chunk, or
    across chunks) it is, and the refused chunk leaves nothing behind."""
    totals = RosterTotals(REGISTRY.roster)
    assert totals.add_if_new("名录", 1, 2, ["甲", "乙", "甲"], [2023, 2023, 2024])
    assert totals.add_if_new("名录", 1, 5, ["丙"], [2024])  # one year: the keys as they are
    assert not totals.add_if_new("名录", 1, 6, ["丁", "乙"], [2022, 2023])
    assert not totals.add_if_new("名录", 1, 8, ["戊", "戊"], [2025, 2025])
    assert totals.fast_keys == {2023: {"甲", "乙"}, 2024: {"甲", "丙"}}
    assert totals.first_seen(("乙", 2023)) == ("名录", 3, 1)
    assert totals.first_seen(("甲", 2024)) == ("名录", 4, 1)
    assert totals.first_seen(("丙", 2024)) == ("名录", 5, 1)
    assert totals.first_seen(("丙", 2023)) is None and totals.first_seen(("丁", 2022)) is None
