"""Stress the ledger's promises with real processes, larger than the test suite does.

`.venv/bin/python bench/ledger_stress.py [--kills 100] [--races 10] [--writers 16] [--entries 200]`

1. ``--writers`` processes append ``--entries`` entries each at the same moment; the ledger
   must then hold exactly writers × entries entries, every id a writer printed among them.
2. ``--kills`` times each, a process doing ``record``, ``amend``, ``import`` (batches of 200) or
   ``check --repair`` is killed with SIGKILL at a random moment. After every kill the ledger must
   load, hold every entry (and every whole import) whose append had returned, count no part of
   an import, and show no forked chain; a torn tail is repaired and counted.
3. ``--races`` times each, two ``tracker amend`` of one entry and two ``tracker import`` of one
   file start at the same moment: one may win, never both.

Prints, per kind of trial: acknowledged vs kept, torn tails repaired, half-applied imports,
forked chains and double imports. Every goal but the first two columns is 0; exits 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ledger.blocks import chained_bytes  # noqa: E402
from ledger.ledger_reader import load_ledger, parse_entries, read_ledger  # noqa: E402
from ledger.store import repair  # noqa: E402
from ledger.validate import chain_problems  # noqa: E402

ENV = dict(os.environ, PYTHONPATH=str(ROOT), LANG="C.UTF-8")

# Each writer prints a line per append that returned: what a user (or script) was told.
WRITERS = {
    "record": """
import sys
from datetime import date, datetime, timezone
from pathlib import Path
from ledger.plan_file import load_plan
from ledger.record import record
plan, ledger = load_plan(sys.argv[1]), Path(sys.argv[2])
for n in range(10**6):
    e = record(plan, ledger, "innovation-space", str(n % 7 + 1), day=date(2025, 6, 30), allow_duplicates=True,
               recorded=datetime.now(timezone.utc), by="stress", note="压力测试 " * 20)
    print(e.id, flush=True)
""",
    "amend": """
import sys
from datetime import datetime, timezone
from pathlib import Path
from ledger.plan_file import load_plan
from ledger.corrections import amend, corrected_by
from ledger.ledger_reader import read_ledger
from ledger.store import append_entries
plan, ledger = load_plan(sys.argv[1]), Path(sys.argv[2])
for n in range(10**6):
    entries = read_ledger(ledger)
    later = corrected_by(entries)
    tip = sys.argv[3]
    while tip in later:
        tip = later[tip].id
    fresh = amend(plan, entries, tip, reason="stress", recorded=datetime.now(timezone.utc), by="stress",
                  value=str(2 + n % 2))
    [w] = append_entries(ledger, [fresh])
    print(w.id, flush=True)
""",
    "import": """
import sys
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path
from ledger.entries import Entry, new_id
from ledger.store import append_entries
ledger = Path(sys.argv[2])
for n in range(10**6):
    tag = f"{sys.argv[3]}-{n}"
    now = datetime.now(timezone.utc)
    batch = [Entry(new_id(), "innovation-space", date(2025, 6, 30), now, value=Decimal(1), unit="万平方米",
                   note=tag) for _ in range(200)]
    append_entries(ledger, batch)
    print(tag, flush=True)
""",
    "repair": """
import sys
from datetime import datetime, timezone
from pathlib import Path
from ledger.store import repair
print("started", flush=True)
repair(Path(sys.argv[2]), datetime.now(timezone.utc))
print("repaired", flush=True)
""",
}


def start(kind: str, plan: Path, ledger: Path, arg: str = "") -> subprocess.Popen[str]:
    args = [sys.executable, "-c", WRITERS[kind], str(plan), str(ledger), arg]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)


def tracker(folder: Path, *args: str) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-c", "import launch; launch.main()", *args]
    return subprocess.Popen(cmd, cwd=folder, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


class Tally:
    """What the trials of one kind found."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.trials = self.acknowledged = self.kept = self.torn = self.half = self.forked = self.doubled = 0
        self.lost = 0  # the most acknowledged appends missing after any one kill

    def failed(self) -> bool:
        return bool(self.lost or self.kept < self.acknowledged or self.half or self.forked or self.doubled)

    def row(self) -> str:
        verdict = "FAILED" if self.failed() else "ok"
        return (
            f"{self.kind:<14} {self.trials:>6} {self.acknowledged:>12} {self.kept:>8} {self.torn:>6} "
            f"{self.half:>6} {self.forked:>7} {self.doubled:>7}  {verdict}"
        )


HEADER = (
    f"{'trial':<14} {'runs':>6} {'acknowledged':>12} {'kept':>8} {'torn':>6} {'half':>6} {'forked':>7} {'double':>7}"
)


def inspect(ledger: Path, kind: str, tally: Tally, acknowledged: set[str]) -> None:
    """After a kill: the ledger loads, keeps what was acknowledged, counts no part of an import,
    holds no forked chain; a torn tail is repaired (and counted)."""
    contents = load_ledger(ledger)  # must load, whatever the moment of the kill
    if kind == "import":
        counts = Counter(e.note for e in contents.entries if e.note)
        tally.half += sum(1 for c in counts.values() if c != 200)
        present = {tag for tag, c in counts.items() if c == 200}
    else:
        present = {e.id for e in contents.entries}
    tally.lost = max(tally.lost, len(acknowledged - present))
    tally.forked += sum("corrects already" in p for _, p in chain_problems(contents.entries))
    if contents.torn is not None:
        tally.torn += 1
        repair(ledger, datetime.now(UTC))
        read_ledger(ledger)


def kill_trials(folder: Path, plan: Path, kind: str, trials: int, rng: random.Random) -> Tally:
    tally = Tally(f"kill -9 {kind}")
    ledger = folder / f"killed-{kind}.toml"
    first = ""
    if kind == "amend":
        proc = start("record", plan, ledger)
        assert proc.stdout is not None
        first = proc.stdout.readline().strip()
        proc.kill()
        proc.communicate()
        repair(ledger, datetime.now(UTC))
    acknowledged: set[str] = set()
    for n in range(trials):
        tally.trials += 1
        p = start(kind, plan, ledger, first if kind == "amend" else f"t{n}")
        assert p.stdout is not None
        line = p.stdout.readline().strip()  # started, however loaded the machine is
        if line:
            acknowledged.add(line)
        time.sleep(rng.uniform(0.0, 0.3))
        p.send_signal(signal.SIGKILL)
        out, _ = p.communicate()
        acknowledged.update(out.split())
        inspect(ledger, kind, tally, acknowledged)
    tally.acknowledged = len(acknowledged)
    tally.kept = len(acknowledged) - tally.lost
    return tally


def repair_trials(folder: Path, plan: Path, trials: int, rng: random.Random) -> Tally:
    """Kill ``check --repair`` while it moves an import cut short aside: every whole entry stays,
    no part of the import is ever counted, and a second repair finishes the job."""
    tally = Tally("kill -9 repair")
    ledger = folder / "repaired.toml"
    p = start("import", plan, ledger, "base")
    assert p.stdout is not None
    p.stdout.readline()
    p.kill()
    p.communicate()
    repair(ledger, datetime.now(UTC))
    base = ledger.read_bytes()
    whole = {e.id for e in read_ledger(ledger)}
    extra = start("import", plan, folder / "extra.toml", "cut")
    assert extra.stdout is not None
    extra.stdout.readline()
    extra.kill()
    extra.communicate()
    data = (folder / "extra.toml").read_bytes()
    # The first append alone, the header's two lines off: the writer may have appended more before
    # the kill landed (on a busy machine it often has), and a cut that keeps a whole append keeps
    # one that succeeded, which repair must keep and the tally must not count as half applied.
    starts = [m.start() for m in re.finditer(rb"^\[\[entry\]\]$", data, re.MULTILINE)]
    block = data.split(b"\n", 2)[2][: starts[200] - len(data) if len(starts) > 200 else None]
    # Chained on from this ledger's last digest, as the import would have written it here: an
    # end whose digests follow another ledger's chain is a hand edit, not a crash, and no reader
    # takes it for a torn import.
    written = parse_entries(ledger, block, whole=False)
    block = b"\n" + chained_bytes(read_ledger(ledger)[-1].digest or "", written)[1]
    for _ in range(trials):
        tally.trials += 1
        ledger.write_bytes(base + block[: rng.randrange(len(block) // 2, len(block) - 1)])
        p = start("repair", plan, ledger)
        assert p.stdout is not None
        p.stdout.readline()
        time.sleep(rng.uniform(0.0, 0.02))
        p.send_signal(signal.SIGKILL)
        p.communicate()
        tally.acknowledged += len(whole)
        contents = load_ledger(ledger)
        tally.kept += len(whole & {e.id for e in contents.entries})
        tally.half += any(e.note and e.note.startswith("cut") for e in contents.entries)
        if contents.torn is not None:
            tally.torn += 1
            repair(ledger, datetime.now(UTC))
        if ledger.read_bytes() != base:
            tally.half += 1  # the repair left something of the cut import behind
        for stray in folder.glob("repaired.toml.torn-*"):
            stray.unlink()
    return tally


def amend_races(folder: Path, races: int) -> Tally:
    tally = Tally("race amend")
    for n in range(races):
        tally.trials += 1
        (folder / "progress.toml").unlink(missing_ok=True)
        rec = tracker(folder, "record", "industrial-output", "318.6", "--date", "2025-03")
        out, _ = rec.communicate()
        first = out.split()[1].rstrip(":")
        procs = [tracker(folder, "amend", first, v, "--reason", "核实数") for v in (f"32{n}", f"33{n}")]
        wins = sum(p.wait() == 0 for p in procs)
        for p in procs:
            p.communicate()
        entries = read_ledger(folder / "progress.toml")
        tally.acknowledged += wins
        tally.kept += sum(e.corrects == first for e in entries)
        tally.forked += sum(e.corrects == first for e in entries) > 1
    return tally


def import_races(folder: Path, races: int) -> Tally:
    tally = Tally("race import")
    sheet = folder / "june.csv"
    sheet.write_text(
        "target,date,value\n" + "".join(f"innovation-space,2025-06-30,{n}.5\n" for n in range(300)), encoding="utf-8"
    )
    for _ in range(races):
        tally.trials += 1
        (folder / "progress.toml").unlink(missing_ok=True)
        procs = [tracker(folder, "import", str(sheet), "--force") for _ in range(2)]
        wins = sum(p.wait() == 0 for p in procs)
        for p in procs:
            p.communicate()
        entries = read_ledger(folder / "progress.toml")
        tally.acknowledged += wins * 300
        tally.kept += len(entries)
        tally.doubled += len(entries) > 300
    return tally


def concurrent(folder: Path, plan: Path, writers: int, entries: int) -> bool:
    ledger = folder / "concurrent.toml"
    began = time.perf_counter()
    script = WRITERS["record"].replace("range(10**6)", f"range({entries})")
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(plan), str(ledger)], stdout=subprocess.PIPE, text=True, env=ENV
        )
        for _ in range(writers)
    ]
    printed = []
    for p in procs:
        out, _ = p.communicate()
        printed += out.split()
    found = read_ledger(ledger)
    ok = len(found) == writers * entries and sorted(e.id for e in found) == sorted(printed)
    print(f"{writers} writers × {entries} entries: {len(found)} entries in the ledger "
          f"({time.perf_counter() - began:.1f} s)  {'ok' if ok else 'FAILED'}")  # fmt: skip
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=16)
    parser.add_argument("--entries", type=int, default=200)
    parser.add_argument("--kills", type=int, default=100, help="kill -9 trials of each kind")
    parser.add_argument("--races", type=int, default=10, help="races of each kind")
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="tracker-stress-"))
    plan = folder / "targets.toml"
    shutil.copy(ROOT / "targets.toml", plan)
    ok = concurrent(folder, plan, args.writers, args.entries) if args.writers else True
    print(HEADER)
    tallies = [kill_trials(folder, plan, kind, args.kills, rng) for kind in ("record", "amend", "import")]
    tallies.append(repair_trials(folder, plan, args.kills, rng))
    tallies += [amend_races(folder, args.races), import_races(folder, args.races)]
    for t in tallies:
        print(t.row())
    print("acknowledged: appends that returned (entries; whole imports for import; whole entries for repair;")
    print("wins for races); kept: of those, in the ledger afterwards. Goals: kept = acknowledged, half,")
    print("forked and double 0.")
    shutil.rmtree(folder)
    if not ok or any(t.failed() for t in tallies):
        sys.exit(1)


if __name__ == "__main__":
    main()
