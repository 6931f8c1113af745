"""Benchmark: `tracker import` of a 20,000-row workbook and of a workbook with a stray far cell.

Run by hand (not in the test suite): `.venv/bin/python bench/sheets.py [--runs 5] [--rows 20000]`.
Builds, in a temporary folder, the benchmark plan of `bench/bench.py` (1,000 targets), an .xlsx
of that many rows (a bureau-style sheet: a title row above the header), the same rows as a CSV, and the
same sheet's 20 rows with one formatted cell at XFD1048576; imports each into an empty ledger in
fresh processes and prints the median wall time and peak memory beside the goals and the floor
`python -c "import typer, rich.console"`, with the ratios to that floor.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from bench import ENV, KINDS, TARGETS, tracker, write_plan  # noqa: E402

GOALS = {"rows_s": 0.6, "stray_s": 1.0, "stray_mb": 150}


def sheet_rows(rows: int) -> list[list[object]]:
    """A bureau-style sheet: a title row, the header, then ``rows`` rows over the 1,000 targets."""
    out: list[list[object]] = [["基准计划2025年主要指标（示例数据）"]]
    # One figure column for every kind: "数值", not a 1—N月累计 that an increment must not take.
    out.append(["指标名称", "数值", "单位", "状态", "截至日期"])
    statuses = ["推进中", "已完成", "未启动", "受阻"]
    for i in range(rows):
        t = i % TARGETS
        kind = KINDS[t % len(KINDS)]
        day = date(2025, 1, 1) + timedelta(days=i // TARGETS)
        if kind == "milestone":
            out.append([f"指标{t}", None, None, statuses[(i // TARGETS) % 4], day])
        elif kind == "rank":
            out.append([f"指标{t}", 1 + i // TARGETS, None, None, day])
        else:
            # A figure that grows slowly for each target, as real readings do: a sheet whose
            # figures jump tenfold between days is refused by the meaning checks (unit slip).
            out.append([f"指标{t}", round(1 + (t % 97) / 10 + (i // TARGETS) / 100, 2), None, None, day])
    return out


def write_sheet(path: Path, rows: int, stray: bool) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=not stray)
    ws = book.create_sheet("数据") if not stray else book.active
    for row in sheet_rows(rows):
        ws.append(row)
    if stray:
        ws.cell(1048576, 16384).font = Font(bold=True)
    book.save(path)


def write_csv(path: Path, rows: int) -> None:
    """The same sheet as a UTF-8 CSV, as a department exports it."""
    import csv

    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["" if v is None else v for v in row] for row in sheet_rows(rows)])


def measure_import(argv: list[str], runs: int, cwd: Path) -> tuple[float, float]:
    """Median wall seconds and the largest peak RSS (MB) over ``runs`` fresh imports into an
    empty ledger, after one warm-up run."""
    times, peaks = [], []
    for n in range(runs + 1):
        (cwd / "progress.toml").unlink(missing_ok=True)
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        if status != 0:
            sys.exit(f"{' '.join(argv)} failed: {proc.stderr.read().decode() if proc.stderr else ''}")
        if n:  # the first run fills the bytecode and file caches
            times.append(elapsed)
            peaks.append(usage.ru_maxrss / 1024)
    return statistics.median(times), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()
    exe = tracker()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_plan(folder)
        big, odd, flat = folder / "rows.xlsx", folder / "stray.xlsx", folder / "rows.csv"
        write_sheet(big, args.rows, stray=False)
        write_csv(flat, args.rows)
        write_sheet(odd, 20, stray=True)
        floor, floor_mb = measure_import([sys.executable, "-c", "import typer, rich.console"], args.runs, folder)
        rows_s, rows_mb = measure_import([exe, "import", str(big), "--sheet", "数据"], args.runs, folder)
        csv_s, csv_mb = measure_import([exe, "import", str(flat)], args.runs, folder)
        stray_s, stray_mb = measure_import([exe, "import", str(odd)], args.runs, folder)
    print(f"floor: python -c 'import typer, rich.console'   {floor:.3f} s  {floor_mb:.0f} MB")
    print(
        f"import {args.rows:,} rows (.xlsx)              {rows_s:.3f} s  {rows_mb:.0f} MB  {rows_s / floor:.1f}× floor"
    )
    print(f"import {args.rows:,} rows (.csv)               {csv_s:.3f} s  {csv_mb:.0f} MB  {csv_s / floor:.1f}× floor")
    print(f"import stray-far-cell workbook            {stray_s:.3f} s  {stray_mb:.0f} MB  {stray_s / floor:.1f}× floor")
    verdict = lambda ok: "met" if ok else "NOT met"  # noqa: E731
    print(f"goal: {args.rows:,} rows ≤ {GOALS['rows_s']} s: {rows_s:.2f} s  {verdict(rows_s <= GOALS['rows_s'])}")
    print(f"goal: {args.rows:,} rows (.csv) ≤ {GOALS['rows_s']} s: {csv_s:.2f} s  {verdict(csv_s <= GOALS['rows_s'])}")
    print(f"goal: stray far cell ≤ {GOALS['stray_s']} s: {stray_s:.2f} s  {verdict(stray_s <= GOALS['stray_s'])}")
    print(f"goal: stray far cell ≤ {GOALS['stray_mb']} MB: {stray_mb:.0f} MB  {verdict(stray_mb <= GOALS['stray_mb'])}")


if __name__ == "__main__":
    main()
