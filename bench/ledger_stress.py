"""Stress the ledger with real processes, larger than the test suite does.

`.venv/bin/python bench/ledger_stress.py [--writers 16] [--entries 200] [--kills 300]`

1. ``--writers`` processes append ``--entries`` entries each at the same moment; the ledger
   must then hold exactly writers × entries entries, every id a writer printed among them.
2. ``--kills`` times, a writer is killed with SIGKILL at a random moment; the ledger must load
   after every kill and hold every entry whose append had returned. Torn tails (an append cut
   mid-write) are counted, repaired, and must never hide a complete entry.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ledger import load_ledger, repair  # noqa: E402

WRITER = """
import sys
from datetime import date, datetime, timezone
from pathlib import Path
from ledger import load_plan
from ledger.record import record
plan, ledger = load_plan(sys.argv[1]), Path(sys.argv[2])
for n in range(int(sys.argv[3])):
    e = record(plan, ledger, "innovation-space", str(n % 7 + 1), day=date(2025, 6, 30),
               recorded=datetime.now(timezone.utc), by=sys.argv[4], note="压力测试 " * 20)
    print(e.id, flush=True)
"""


def start(plan: Path, ledger: Path, count: int, name: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    args = [sys.executable, "-c", WRITER, str(plan), str(ledger), str(count), name]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def concurrent(folder: Path, plan: Path, writers: int, entries: int) -> None:
    ledger = folder / "concurrent.toml"
    began = time.perf_counter()
    procs = [start(plan, ledger, entries, f"w{i}") for i in range(writers)]
    printed = []
    for p in procs:
        out, err = p.communicate()
        if p.returncode:
            sys.exit(f"writer failed: {err}")
        printed += out.split()
    found = load_ledger(ledger).complete()
    ok = len(found) == writers * entries and sorted(e.id for e in found) == sorted(printed)
    print(f"{writers} writers × {entries} entries: {len(found)} entries in the ledger "
          f"({time.perf_counter() - began:.1f} s)  {'ok' if ok else 'FAILED'}")  # fmt: skip
    if not ok:
        sys.exit(1)


def kills(folder: Path, plan: Path, trials: int, seed: int) -> None:
    ledger = folder / "killed.toml"
    rng = random.Random(seed)
    confirmed: set[str] = set()
    torn = 0
    for _ in range(trials):
        p = start(plan, ledger, 10**6, "killed")
        time.sleep(rng.uniform(0.05, 0.5))
        p.send_signal(signal.SIGKILL)
        out, _ = p.communicate()
        confirmed.update(out.split())
        contents = load_ledger(ledger)
        missing = confirmed - {e.id for e in contents.entries}
        if missing:
            sys.exit(f"FAILED: {len(missing)} returned entries missing after a kill")
        if contents.torn is not None:
            torn += 1
            repair(ledger, datetime.now(UTC))
    total = len(load_ledger(ledger).complete())
    print(f"{trials} kills: ledger loaded every time; {len(confirmed)} returned entries all present "
          f"({total} in all); {torn} torn tails repaired  ok")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=16)
    parser.add_argument("--entries", type=int, default=200)
    parser.add_argument("--kills", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="tracker-stress-"))
    plan = folder / "targets.toml"
    shutil.copy(ROOT / "targets.toml", plan)
    concurrent(folder, plan, args.writers, args.entries)
    kills(folder, plan, args.kills, args.seed)
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
