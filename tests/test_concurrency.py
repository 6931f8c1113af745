"""The ledger under real processes: simultaneous writers, SIGKILL mid-append, a full disk.

Kept small enough for CI; `bench/ledger_stress.py` runs the same checks at a larger size.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ledger import load_ledger, repair
from tests.conftest import ROOT, SHIPPED_PLAN

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and rlimits")

# A writer process: appends entries one by one and prints each id once append_entries returned.
WRITER = """
import sys
from datetime import date, datetime, timezone
from pathlib import Path
from ledger import load_plan
from ledger.record import record
plan = load_plan(sys.argv[1])
ledger = Path(sys.argv[2])
for n in range(int(sys.argv[3])):
    entry = record(plan, ledger, "innovation-space", str(n % 7 + 1), day=date(2025, 6, 30), allow_duplicates=True, force=True,
                   recorded=datetime.now(timezone.utc), by=sys.argv[4], note="并发 " * 20)
    print(entry.id, flush=True)
"""


def writer(plan: Path, ledger: Path, count: int, name: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(plan), str(ledger), str(count), name],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    shutil.copy(SHIPPED_PLAN, tmp_path / "targets.toml")
    return tmp_path / "targets.toml"


def test_eight_processes_recording_fifty_entries_each_leave_exactly_400(plan: Path, tmp_path: Path) -> None:
    ledger = tmp_path / "progress.toml"
    procs = [writer(plan, ledger, 50, f"w{i}") for i in range(8)]
    printed = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        printed += out.split()
    entries = load_ledger(ledger).complete()
    assert len(entries) == 400
    assert sorted(e.id for e in entries) == sorted(printed)
    assert {e.by for e in entries} == {f"w{i}" for i in range(8)}


def test_sigkill_at_random_points_never_loses_a_returned_entry(plan: Path, tmp_path: Path) -> None:
    ledger = tmp_path / "progress.toml"
    rng = random.Random(20250630)
    confirmed: set[str] = set()
    torn = 0
    for _ in range(50):
        p = writer(plan, ledger, 1000, "killed")
        first = ""
        if not confirmed:  # on a loaded machine start-up can outlast the delay: wait for one entry once
            assert p.stdout is not None
            first = p.stdout.readline()
        time.sleep(rng.uniform(0.05, 0.35))
        p.send_signal(signal.SIGKILL)
        out, _ = p.communicate(timeout=30)
        confirmed.update((first + out).split())
        contents = load_ledger(ledger)  # must load, whatever the moment of the kill
        assert confirmed <= {e.id for e in contents.entries}
        if contents.torn is not None:  # a cut-short append: reported, and moved aside whole
            torn += 1
            before = ledger.read_bytes()
            backup = repair(ledger, contents.entries[-1].recorded)
            assert backup is not None and backup.read_bytes() == contents.torn.data == before[contents.torn.offset :]
            assert ledger.read_bytes() == before[: contents.torn.offset]  # every complete entry kept
            repaired = load_ledger(ledger)
            assert repaired.torn is None and repaired.entries == contents.entries
    final = load_ledger(ledger)
    assert final.torn is None and final.complete() == final.entries  # each torn tail was repaired
    assert confirmed <= {e.id for e in final.entries} and len(confirmed) > 0
    # Each tail moved aside is in its own file, and nothing else was written beside the ledger.
    assert len(list(tmp_path.glob("progress.toml.torn-*"))) == torn


def _limit_file_size(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of being killed
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_full_disk_gives_one_line_and_leaves_the_file_as_it_was(plan: Path, tmp_path: Path) -> None:
    tracker = shutil.which("tracker", path=str(Path(sys.executable).parent))
    if tracker is None:
        pytest.skip("the tracker console script is not installed")
    ledger = tmp_path / "progress.toml"
    args = [tracker, "record", "industrial-output", "318.6", "-d", "2025-03", "--targets", str(plan)]
    assert subprocess.run(args, capture_output=True, check=False).returncode == 0
    before = ledger.read_bytes()
    # The file may grow by 100 bytes: too little for the next entry and its long note.
    result = subprocess.run(
        [*args, "--note", "很长的备注" * 50, "--allow-duplicates"],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=_limit_file_size(len(before) + 100),
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "cannot write the ledger: File too large; nothing was recorded" in result.stderr
    assert ledger.read_bytes() == before


def test_a_read_only_folder_gives_one_line(plan: Path, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "cli", "record", "industrial-output", "1", "-d", "2025-03",
             "--targets", str(plan), "--ledger", str(folder / "progress.toml")],
            capture_output=True, text=True, check=False, cwd=ROOT,
        )  # fmt: skip
    finally:
        folder.chmod(0o755)
    assert result.returncode == 1 and "Permission denied" in result.stderr


def test_the_stress_benchmark_in_small_keeps_every_promise() -> None:
    """A handful of bench/ledger_stress.py's trials: kill -9 of record, amend, import and
    check --repair, and the amend and import races; it exits 1 when any goal is missed."""
    script = ROOT / "bench" / "ledger_stress.py"
    result = subprocess.run(
        [sys.executable, str(script), "--writers", "0", "--kills", "2", "--races", "1"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "kill -9 import" in result.stdout and "race amend" in result.stdout
