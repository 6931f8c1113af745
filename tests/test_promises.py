"""The ledger's promises under races, crashes and hostile input (issue 12): each case a test."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from ledger import EntryError, LedgerError, TornLedger, append_entries, load_ledger, read_ledger, repair
from tests.conftest import ROOT
from tests.helpers import RECORDED, entry


def run(runner: CliRunner, *args: str):
    return runner.invoke(app, list(args))


def recorded_id(result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout.split()[1].rstrip(":")


def current(runner: CliRunner, target_id: str, as_of: str = "2025-06-30") -> object:
    result = run(runner, "status", "-f", "json", "--as-of", as_of)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    return next(t for a in doc["actions"] for t in a["targets"] if t["id"] == target_id)["current"]


def sheet(path: Path, rows: int, start: int = 1) -> Path:
    """A CSV of ``rows`` figures for innovation-space (an increment: each row adds)."""
    lines = ["target,date,value,note"] + [
        f"innovation-space,2025-06-30,{n}.5,行{n}" for n in range(start, start + rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# 1. A batch is one unit, even when a crash cuts it short.


def test_an_import_cut_short_anywhere_counts_nothing_and_repairs_whole(runner: CliRunner, workdir: Path) -> None:
    ledger = workdir / "progress.toml"
    recorded_id(run(runner, "record", "innovation-space", "1", "--date", "2025-05"))
    before = ledger.read_bytes()
    assert run(runner, "import", str(sheet(workdir / "june.csv", 5))).exit_code == 0
    whole = ledger.read_bytes()
    assert b"batch = 5\n" in whole
    for cut in range(len(before) + 1, len(whole) - 1):  # every byte a crash could stop at but the last newline
        ledger.write_bytes(whole[:cut])
        contents = load_ledger(ledger)
        assert contents.entries == read_ledger_bytes(before, workdir), cut
        assert contents.torn is not None or cut == len(before) + 1  # only the blank line before it
    ledger.write_bytes(whole[: whole.index(b"[[entry]]", len(before) + 200)])  # two whole entries of five
    assert load_ledger(ledger).torn.whole == 2  # type: ignore[union-attr]
    assert current(runner, "innovation-space") == 1  # the two that got in are not counted
    check = run(runner, "check")
    assert check.exit_code == 1 and "import) is incomplete: 2 of its entries" in check.stderr
    assert (
        run(runner, "record", "innovation-space", "1", "--date", "2025-06").exit_code == 1
    )  # nothing after a torn append
    assert run(runner, "check", "--repair").exit_code == 0
    assert ledger.read_bytes() == before
    assert run(runner, "import", str(workdir / "june.csv")).exit_code == 0  # the same file imports cleanly
    assert current(runner, "innovation-space") == 1 + 1.5 + 2.5 + 3.5 + 4.5 + 5.5


def read_ledger_bytes(data: bytes, folder: Path) -> list:
    copy = folder / "copy.toml"
    copy.write_bytes(data)
    return read_ledger(copy)


TRACKER = [sys.executable, "-c", "import cli; cli.main()"]


def tracker(folder: Path, *args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), LANG="C.UTF-8")
    return subprocess.Popen(
        [*TRACKER, *args], cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_kill_9_during_a_real_import_leaves_all_or_nothing(workdir: Path) -> None:
    ledger = workdir / "progress.toml"
    big = sheet(workdir / "big.csv", 3000)
    for _ in range(3):
        ledger.unlink(missing_ok=True)
        p = tracker(workdir, "import", str(big))
        while not ledger.exists() and p.poll() is None:
            time.sleep(0.001)  # the moment the ledger starts to grow
        p.send_signal(signal.SIGKILL)
        p.communicate()
        contents = load_ledger(ledger)
        assert len(contents.entries) in (0, 3000)
        if contents.torn is not None:
            assert contents.entries == [] and repair(ledger, RECORDED) is not None
        assert len(read_ledger(ledger)) in (0, 3000)


# 2. Rules that depend on the ledger are decided under the lock.


def test_two_amends_at_once_one_wins(runner: CliRunner, workdir: Path) -> None:
    first = recorded_id(run(runner, "record", "industrial-output", "318.6", "--date", "2025-03"))
    for n in range(3):
        procs = [tracker(workdir, "amend", first, v, "--reason", "核实数") for v in (f"32{n}", f"33{n}")]
        codes = [p.wait() for p in procs]
        errors = "".join(p.stderr.read() for p in procs if p.stderr)  # type: ignore[misc]
        assert sorted(codes) == [0, 1], errors
        assert "already corrected by" in errors
        entries = read_ledger(workdir / "progress.toml")
        assert sum(e.corrects == first for e in entries) == 1
        assert run(runner, "check").exit_code == 0
        first = next(e.id for e in entries if e.corrects == first)


def test_two_imports_of_one_file_at_once_one_wins(workdir: Path) -> None:
    june = sheet(workdir / "june.csv", 400)
    for _ in range(2):
        (workdir / "progress.toml").unlink(missing_ok=True)
        procs = [tracker(workdir, "import", str(june)) for _ in range(2)]
        codes = [p.wait() for p in procs]
        assert sorted(codes) == [0, 1], [p.stderr.read() for p in procs if p.stderr]  # type: ignore[misc]
        assert len(read_ledger(workdir / "progress.toml")) == 400


def test_a_correction_made_on_a_stale_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    append_entries(path, [entry("x", date(2025, 3, 31), "1", 1)])
    stale = entry("x", date(2025, 3, 31), "2", 2, corrects="e000000001", reason="r")
    append_entries(path, [entry("x", date(2025, 3, 31), "3", 3, corrects="e000000001", reason="r")])
    before = path.read_bytes()
    with pytest.raises(EntryError, match="e000000001 was already corrected by e000000003"):
        append_entries(path, [stale])
    with pytest.raises(EntryError, match="an entry of 'x', not of 'y'"):
        append_entries(path, [entry("y", date(2025, 3, 31), "3", 4, corrects="e000000003", reason="r")])
    assert path.read_bytes() == before


def test_check_refuses_a_forked_chain_and_void_puts_it_right(runner: CliRunner, workdir: Path) -> None:
    first = recorded_id(run(runner, "record", "industrial-output", "318.6", "--date", "2025-03"))
    second = recorded_id(run(runner, "amend", first, "320", "--reason", "核实数"))
    ledger = workdir / "progress.toml"
    text = ledger.read_text(encoding="utf-8")
    block = text[text.index("[[entry]]", text.index(f'id = "{second}"') - 20) :]
    ledger.write_text(text + "\n" + block.replace(second, "ffff000001").replace("320", "330"), encoding="utf-8")
    result = run(runner, "check")
    assert result.exit_code == 1
    assert f"corrects {first}, which {second} corrects already" in result.stderr
    assert run(runner, "status").exit_code == 1  # never counted twice
    assert run(runner, "void", "ffff000001", "--reason", "重复").exit_code == 0
    assert run(runner, "check").exit_code == 0
    assert current(runner, "industrial-output") == 320


def test_check_refuses_a_correction_of_another_target(runner: CliRunner, workdir: Path) -> None:
    first = recorded_id(run(runner, "record", "industrial-output", "318.6", "--date", "2025-03"))
    ledger = workdir / "progress.toml"
    with ledger.open("a", encoding="utf-8") as f:
        f.write(
            '\n[[entry]]\nid = "ffff000002"\ntarget = "innovation-space"\ndate = 2025-03-31\nvalue = 1\n'
            f'corrects = "{first}"\nreason = "x"\nrecorded = 2025-04-01T00:00:00+08:00\n'
        )
    result = run(runner, "check")
    assert result.exit_code == 1 and "an entry of 'industrial-output', not of 'innovation-space'" in result.stderr


# 3. Ids are compared with ids.


def test_an_export_whose_entries_correct_each_other_imports_beside_a_note_holding_an_id(
    runner: CliRunner, workdir: Path
) -> None:
    first = recorded_id(run(runner, "record", "industrial-output", "318.6", "--date", "2025-03"))
    second = recorded_id(run(runner, "amend", first, "320", "--reason", "核实数"))
    export = run(runner, "export", "-f", "jsonl").stdout
    (workdir / "export.jsonl").write_text(export, encoding="utf-8")
    (workdir / "progress.toml").unlink()
    recorded_id(
        run(runner, "record", "innovation-space", "1", "--date", "2025-05", "--note", f'see "{first}" and {second}')
    )
    result = run(runner, "import", "export.jsonl")
    assert result.exit_code == 0, result.output
    entries = read_ledger(workdir / "progress.toml")
    assert [e.id for e in entries][1:] == [first, second] and entries[2].corrects == first
    assert current(runner, "industrial-output") == 320
    for args in (("check", "--repair"), ("log", "--all"), ("void", second, "--reason", "x")):
        assert run(runner, *args).exit_code == 0


def test_ids_taken_meanwhile_are_renamed_with_the_links_that_name_them(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    append_entries(path, [entry("x", date(2025, 3, 31), "1", 1, note='"e000000002"')])
    batch = [
        entry("x", date(2025, 4, 30), "2", 1),
        entry("x", date(2025, 4, 30), "3", 2, corrects="e000000001", reason="r"),
    ]
    written = append_entries(path, batch)
    assert written[0].id != "e000000001" and written[1].id == "e000000002"  # a note is not an id
    assert written[1].corrects == written[0].id  # the batch's own e000000001, renamed
    assert read_ledger(path)[2].corrects == written[0].id


# 9. An idempotency key for retries.


def test_record_with_an_id_is_recorded_once_however_often_retried(runner: CliRunner, workdir: Path) -> None:
    args = ("record", "industrial-output", "318.6", "--date", "2025-03", "--id", "bureau-2025-03")
    assert recorded_id(run(runner, *args)) == "bureau-2025-03"
    again = run(runner, *args)
    assert recorded_id(again) == "bureau-2025-03" and "recorded before" in again.stderr
    assert len(read_ledger(workdir / "progress.toml")) == 1
    other = run(runner, "record", "industrial-output", "400", "--date", "2025-03", "--id", "bureau-2025-03")
    assert other.exit_code == 1 and "already used by another entry" in other.stderr
    bad = run(runner, "record", "industrial-output", "400", "--date", "2025-04", "--id", "a b")
    assert bad.exit_code == 1 and "cannot be an entry id" in bad.stderr


def test_an_id_used_twice_or_a_torn_ledger_stops_appends(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    append_entries(path, [entry("x", date(2025, 3, 31), "1", 1), entry("x", date(2025, 3, 31), "2", 2)])
    whole = path.read_bytes()
    path.write_bytes(whole[:-30])
    with pytest.raises(TornLedger):
        append_entries(path, [entry("x", date(2025, 3, 31), "3", 3)])
    path.write_bytes(whole.replace(b"e000000002", b"e000000001"))
    with pytest.raises(LedgerError, match="used twice"):
        append_entries(path, [entry("x", date(2025, 3, 31), "3", 3)])
