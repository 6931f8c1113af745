"""Benchmark: `tracker status --format json` and `tracker record` on synthetic large plans.

Run by hand (not in the test suite): `.venv/bin/python bench/bench.py [--runs 5] [--sizes 1000,10000,100000]`.
Builds a plan of 1,000 targets and ledgers of each size in a temporary folder, runs each
command several times in fresh processes, and prints the median wall time and peak memory
(max RSS) beside the goals and the floor `python -c "import typer, rich.console"`.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ledger import Entry  # noqa: E402
from ledger.blocks import HEADER  # noqa: E402

TARGETS = 1000
GOALS = {
    "status_100k_s": 1.0,
    "status_100k_mb": 150,
    "record_100k_s": 0.3,
    "growth_per_10x": 11,
    "import_lock_100k_s": 1.0,
}
KINDS = ["total", "increment", "rate", "rank", "milestone"]


def tracker() -> str:
    found = shutil.which("tracker", path=str(Path(sys.executable).parent)) or shutil.which("tracker")
    if not found:
        sys.exit("install the project first: pip install -e .")
    return found


def write_plan(folder: Path) -> Path:
    lines = [
        "version = 1",
        "",
        "[plan]",
        'id = "bench"',
        'name = "基准计划"',
        "start = 2025-01-01",
        "end = 2025-12-31",
    ]
    for a in range(10):
        lines += ["", "[[action]]", f'id = "a{a}"', f'name = "行动{a}"']
    for t in range(TARGETS):
        kind = KINDS[t % len(KINDS)]
        lines += ["", "[[target]]", f'id = "t{t}"', f'action = "a{t % 10}"', f'name = "指标{t}"', f'kind = "{kind}"']
        lines += {
            "total": ['unit = "亿元"', "target = 1360"],
            "increment": ['unit = "万平方米"', "target = 50"],
            "rate": ['unit = "%"', "target = 6"],
            "rank": ['unit = "位"', "target = 70"],
            "milestone": [],
        }[kind]
    path = folder / "targets.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_ledger(path: Path, count: int) -> None:
    import tomli_w

    recorded = datetime(2025, 7, 1, 9, 0, tzinfo=timezone(timedelta(hours=8)))
    parts = [HEADER]
    for n in range(count):
        t = n % TARGETS
        kind = KINDS[t % len(KINDS)]
        day = date(2025, 1 + (n // TARGETS) % 12, 28)
        if kind == "milestone":
            fields = {"status": "in_progress"}
        else:
            value = {"total": "113.3", "increment": "0.5", "rate": "5.2", "rank": "75"}[kind]
            fields = {
                # a running total grows with its months, as the meaning checks expect
                "value": Decimal(value) * day.month if kind == "total" else Decimal(value),
                "unit": {"total": "亿元", "increment": "万平方米", "rate": "%", "rank": "位"}[kind],
            }
        e = Entry(
            f"{n:010x}",
            f"t{t}",
            day,
            recorded + timedelta(seconds=n),
            note="1—N月累计",
            source="区统计局快报",
            by="bench",
            **fields,
        )  # type: ignore[arg-type]
        parts.append("\n[[entry]]\n" + tomli_w.dumps(e.to_toml()))
    path.write_text("".join(parts), encoding="utf-8")


# As users run it: with bytecode caches (some sandboxes set PYTHONDONTWRITEBYTECODE, which makes
# every start compile every module from source).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def measure(argv: list[str], runs: int, cwd: Path) -> tuple[float, float]:
    """Median wall seconds and the largest peak RSS (MB) over ``runs`` fresh processes, after
    one warm-up run that fills the bytecode and file caches."""
    subprocess.run(argv, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        if status != 0:
            sys.exit(f"{' '.join(argv)} failed: {proc.stderr.read().decode() if proc.stderr else ''}")
        peaks.append(usage.ru_maxrss / 1024)  # KiB on Linux
    return statistics.median(times), max(peaks)


def import_lock_hold(folder: Path, ledger: Path, runs: int) -> float:
    """Median seconds an import of 5,000 rows into ``ledger`` holds the ledger's lock: the
    whole of ``append_entries`` with the import's duplicate rule, timed in this process (the
    lock itself is free, so taking it costs nothing), after reading the ledger first as
    ``tracker import`` does."""
    from ledger.entries import new_id
    from ledger.import_checks import lock_checks
    from ledger.ledger_reader import load_ledger
    from ledger.plan_file import load_plan
    from ledger.store import append_entries

    plan = load_plan(folder / "targets.toml")
    original = ledger.read_bytes()
    recorded = datetime(2025, 8, 1, 9, 0, tzinfo=timezone(timedelta(hours=8)))
    # 25 rows for each of the 200 increment targets (t1, t6, …): new figures, no duplicates
    rows = [
        Entry(new_id(), f"t{t}", date(2025, 7, 31), recorded, value=Decimal(f"{n}.5"), unit="万平方米")
        for n in range(25)
        for t in range(1, 1000, 5)
    ]
    times = []
    for _ in range(runs):
        ledger.write_bytes(original)
        load_ledger(ledger, remember=True)
        start = time.perf_counter()
        append_entries(
            ledger,
            rows,
            validate=lock_checks(plan, "sheet.csv", list(range(2, 5002)), force=False, allow_duplicates=False),
        )
        times.append(time.perf_counter() - start)
    ledger.write_bytes(original)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", default="1000,10000,100000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    exe = tracker()
    folder = Path(tempfile.mkdtemp(prefix="tracker-bench-"))
    write_plan(folder)
    floor_s, floor_mb = measure([sys.executable, "-c", "import typer, rich.console"], args.runs, folder)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; {args.runs} runs each, medians")
    print(f"floor  python -c 'import typer, rich.console': {floor_s * 1000:7.0f} ms {floor_mb:6.1f} MB")
    print(f"{'entries':>8} {'status ms':>10} {'× floor':>8} {'MB':>7} {'record ms':>10} {'× floor':>8}")
    results = {}
    for size in sizes:
        ledger = folder / f"ledger-{size}.toml"
        write_ledger(ledger, size)
        status = measure(
            [exe, "status", "--format", "json", "--as-of", "2025-12-31", "--ledger", str(ledger)], args.runs, folder
        )
        original = ledger.read_bytes()
        record = measure(
            [exe, "record", "t0", "680", "-d", "2025-06", "--allow-duplicates", "--ledger", str(ledger)],
            args.runs,
            folder,
        )
        ledger.write_bytes(original)
        results[size] = (status, record)
        print(
            f"{size:>8} {status[0] * 1000:>10.0f} {status[0] / floor_s:>8.1f} {status[1]:>7.1f}"
            f" {record[0] * 1000:>10.0f} {record[0] / floor_s:>8.1f}"
        )
    print()
    if 100000 in results:
        (s_time, s_mb), (r_time, _) = results[100000]
        print(
            f"goal: status on 100k entries ≤ {GOALS['status_100k_s']} s: {s_time:.2f} s  {'met' if s_time <= GOALS['status_100k_s'] else 'NOT met'}"
        )
        print(
            f"goal: status on 100k entries ≤ {GOALS['status_100k_mb']} MB: {s_mb:.0f} MB  {'met' if s_mb <= GOALS['status_100k_mb'] else 'NOT met'}"
        )
        print(
            f"goal: record into 100k entries ≤ {GOALS['record_100k_s']} s: {r_time:.2f} s  {'met' if r_time <= GOALS['record_100k_s'] else 'NOT met'}"
        )
    for small, big in itertools.pairwise(sizes):
        if big == small * 10:
            ratio = results[big][0][0] / results[small][0][0]
            print(
                f"goal: status {small}→{big} entries costs ≤ {GOALS['growth_per_10x']}× time: {ratio:.1f}×  {'met' if ratio <= GOALS['growth_per_10x'] else 'NOT met'}"
            )
    if 100000 in results:
        hold = import_lock_hold(folder, folder / "ledger-100000.toml", args.runs)
        print(
            f"goal: import of 5,000 rows into 100k entries holds the lock ≤ {GOALS['import_lock_100k_s']} s: "
            f"{hold:.2f} s  {'met' if hold <= GOALS['import_lock_100k_s'] else 'NOT met'}"
        )
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
