"""Deterministic benchmark workbooks: a small 数据 sheet and a 企业名录 roster of N rows.

    python benchmarks/workbooks.py 10000 [--cache-dir DIR]     # build (or reuse) one workbook

Sheet 数据 (long layout): 指标 | 年份 | 数值, a few figures of indicators that the bundled plans
(targets/*.yaml) define. Sheet 企业名录: the header

    企业名称 | 年份 | 营业收入（万元） | 细分赛道 | 专精特新 | 统一社会信用代码 | 备注 | 来源

and rows 1 .. N-1 below it, so that the sheet has N rows including the header (Excel's limit is
1,048,576). Every row is a different firm (示例企业0000001, 示例企业0000002, …), so each firm-year
is unique; years cycle through 2021-2024, segments through the six accepted ones (one step
every four rows, so that every year has every segment), revenue is a seeded random amount in
万元 with one decimal, 专精特新 a seeded 是/否, 备注 blank, 来源 示例.

The roster gives far more firms than the 数据 sheet's enterprise_count (230 in 2023), so assess
reports a roster-conflict warning for that year: a realistic path, and harmless here.

Workbooks are cached: the file name carries every parameter (rows, seed, generator version),
so a file that exists is reused as it is. A workbook is written to a temporary name and renamed
when complete, so an interrupted build never leaves a truncated file to be reused later.
Building the 1,048,576-row workbook with openpyxl's write-only mode takes a minute or two.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

#: Bump when the content changes, so that cached workbooks of the old content are not reused.
GENERATOR_VERSION = 1
DEFAULT_SEED = 20240601
DEFAULT_CACHE = Path(__file__).resolve().parent / ".cache"
EXCEL_MAX_ROWS = 1_048_576

DATA_SHEET = "数据"
ROSTER_SHEET = "企业名录"
DATA_HEADER = ("指标", "年份", "数值")
#: Indicator ids defined by the bundled plans (targets/14th-fyp.yaml and targets/2023-2025.yaml).
DATA_ROWS: tuple[tuple[str, int, float], ...] = (
    ("revenue_total", 2022, 2651.3),
    ("revenue_total", 2023, 2800.0),
    ("enterprise_count", 2023, 230.0),
    ("rd_personnel", 2023, 11500.0),
    ("innovation_platforms", 2023, 30.0),
)
ROSTER_HEADER = ("企业名称", "年份", "营业收入（万元）", "细分赛道", "专精特新", "统一社会信用代码",
                 "备注", "来源")
YEARS = (2021, 2022, 2023, 2024)
SEGMENTS = ("工程建设", "牵引供电", "物流运输", "通信信号", "智能运维", "其他")
SOURCE = "示例"


def workbook_name(rows: int, seed: int = DEFAULT_SEED) -> str:
    return f"roster-{rows}-seed{seed}-v{GENERATOR_VERSION}.xlsx"


def roster_rows(rows: int, seed: int = DEFAULT_SEED) -> Iterator[tuple[object, ...]]:
    """The roster's data rows (the header excluded): rows - 1 tuples of 8 cells."""
    rng = random.Random(seed)
    for i in range(1, rows):
        # Log-normal revenue around 5,000 万元 (0.5 亿元): most firms small, some past 1, 10 and
        # 100 亿元, so that every revenue tier has members.
        revenue = round(min(rng.lognormvariate(8.5, 1.6), 5_000_000.0), 1)
        yield (
            f"示例企业{i:07d}",
            YEARS[(i - 1) % len(YEARS)],
            revenue,
            SEGMENTS[(i - 1) // len(YEARS) % len(SEGMENTS)],
            "是" if rng.random() < 0.15 else "否",
            f"91110106MA{i:08d}",
            None,
            SOURCE,
        )


def write_workbook(path: Path, rows: int, seed: int = DEFAULT_SEED) -> None:
    """Write the workbook with `rows` roster rows (header included) to `path`."""
    if not 2 <= rows <= EXCEL_MAX_ROWS:
        raise ValueError(f"roster rows must be 2 .. {EXCEL_MAX_ROWS:,} (header included)")
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    data = book.create_sheet(DATA_SHEET)
    data.append(DATA_HEADER)
    for row in DATA_ROWS:
        data.append(row)
    roster = book.create_sheet(ROSTER_SHEET)
    roster.append(ROSTER_HEADER)
    append = roster.append
    for row in roster_rows(rows, seed):
        append(row)
    book.save(path)


def ensure_workbook(
    rows: int, cache_dir: Path = DEFAULT_CACHE, seed: int = DEFAULT_SEED
) -> tuple[Path, float | None]:
    """The cached workbook of `rows` rows, built if missing: (path, seconds spent building it,
    or None when it was reused)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / workbook_name(rows, seed)
    if path.is_file():
        return path, None
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    start = time.perf_counter()
    try:
        write_workbook(partial, rows, seed)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build (or reuse) a cached benchmark workbook.")
    parser.add_argument("rows", type=int, help="roster sheet rows, header included")
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    path, seconds = ensure_workbook(args.rows, args.cache_dir, args.seed)
    how = "reused" if seconds is None else f"built in {seconds:.1f} s"
    print(f"{path} ({path.stat().st_size / 1e6:.1f} MB, {how})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
