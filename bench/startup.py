"""Start-up: `tracker status` on the shipped plan against the floor of its libraries.

Run by hand (not in the test suite): `.venv/bin/python bench/startup.py [--runs 21]`.
Times fresh processes of `tracker status` (the shipped `targets.toml`, output to a pipe) and of
the floor `python -c "import typer, rich.console, rich.table"`, alternating the two so that a
busy machine slows both alike, and prints both medians, their ratio and whether it meets the
goal (at most 1.3 times the floor).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL = 1.3
FLOOR = [sys.executable, "-c", "import typer, rich.console, rich.table"]
ENV = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TRACKER_LANG": "en"}


def tracker() -> str:
    found = shutil.which("tracker", path=str(Path(sys.executable).parent)) or shutil.which("tracker")
    if not found:
        sys.exit("install the project first: pip install -e .")
    return found


def once(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one fresh process; exits if it fails."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit(f"{' '.join(argv)} failed; run it by hand to see why")
    return elapsed, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="fresh processes of each command (default 21)")
    args = parser.parse_args()
    status = [tracker(), "status", "--targets", str(ROOT / "targets.toml")]
    once(FLOOR), once(status)  # warm-up: bytecode and file caches
    floor_runs, status_runs = [], []
    for _ in range(args.runs):
        floor_runs.append(once(FLOOR))
        status_runs.append(once(status))
    print(f"median of {args.runs} fresh processes each   wall      CPU")
    ratios = []
    for label, runs in (("floor (import typer, rich.*)", floor_runs), ("tracker status, shipped plan", status_runs)):
        wall, cpu = (statistics.median(r[i] for r in runs) for i in (0, 1))
        ratios.append((wall, cpu))
        print(f"{label:32} {wall * 1000:6.0f} ms {cpu * 1000:6.0f} ms")
    wall_ratio, cpu_ratio = ratios[1][0] / ratios[0][0], ratios[1][1] / ratios[0][1]
    print(f"{'ratio':32} {wall_ratio:8.2f}× {cpu_ratio:8.2f}×")
    verdict = "met" if wall_ratio <= GOAL else "NOT met"
    print(f"goal: wall ratio ≤ {GOAL}×: {verdict} (on a busy machine the CPU ratio is the steadier figure)")


if __name__ == "__main__":
    main()
