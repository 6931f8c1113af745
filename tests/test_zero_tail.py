"""A ledger ending in zero bytes (NUL): what ext4 or XFS leave after a power loss during an
append that was never acknowledged (the file's size grew, its data block was never written).
It reads as a torn end; zero bytes anywhere else are named by their line."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger import LedgerError, TornLedger, append_entries, load_ledger, read_ledger, repair
from ledger.chain import verify
from tests.helpers import entry

NOW = datetime(2025, 7, 3, 10, 0, tzinfo=UTC)
ZEROS_4096 = (
    "the ledger ends in 4,096 zero bytes (NUL), left by a crash during an append (the file grew, its data never "
    "reached the disk)"
)


def two_entries(path: Path) -> bytes:
    """Two appends of one entry each (lines 4-10 and 12-18, a blank line between); the bytes
    after the first."""
    append_entries(path, [entry("x", date(2025, 1, 31), "1", 1)])
    before = path.read_bytes()
    append_entries(path, [entry("x", date(2025, 2, 28), "2", 2)])
    return before


def test_zeros_after_the_last_complete_entry_are_a_torn_end(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    two_entries(path)
    whole = path.read_bytes()
    path.write_bytes(whole + bytes(4096))
    contents = load_ledger(path)
    assert [e.id for e in contents.entries] == ["e000000001", "e000000002"]
    assert contents.torn is not None and (contents.torn.line, contents.torn.zeros) == (19, 4096)
    assert contents.warning() == (
        f"warning: {path}:19: {ZEROS_4096}; it is left out; run `tracker check --repair` to move it aside"
    )
    with pytest.raises(TornLedger) as refused:
        read_ledger(path)
    assert str(refused.value) == f"{path}:19: {ZEROS_4096}; run `tracker check --repair` to move it aside"
    with pytest.raises(TornLedger, match=r"then record again$"):
        append_entries(path, [entry("x", date(2025, 3, 31), "3", 3)])
    assert path.read_bytes() == whole + bytes(4096)
    backup = repair(path, NOW)
    assert backup is not None and backup.read_bytes() == bytes(4096)
    assert path.read_bytes() == whole
    append_entries(path, [entry("x", date(2025, 3, 31), "3", 3)])
    entries = read_ledger(path)
    assert [str(e.value) for e in entries] == ["1", "2", "3"] and verify(entries).broken is None


def test_zeros_after_a_partial_entry_go_with_it(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    before = two_entries(path)
    whole = path.read_bytes()
    cut = whole[: whole.index(b"value = 2")] + bytes(100)  # the page holding the rest never written
    path.write_bytes(cut)
    contents = load_ledger(path)
    assert [e.id for e in contents.entries] == ["e000000001"]
    assert contents.warning() == (
        f"warning: {path}:12: the last entry is incomplete (a write was cut short), then the file ends in 100 "
        "zero bytes (NUL) that the crash left; it is left out; run `tracker check --repair` to move it aside"
    )
    with pytest.raises(TornLedger) as refused:
        read_ledger(path)
    assert str(refused.value) == (
        f"{path}:12: entry e000000002: the last entry is incomplete (a write was cut short), then the file ends "
        "in 100 zero bytes (NUL) that the crash left; run `tracker check --repair` to move it aside"
    )
    backup = repair(path, NOW)
    assert backup is not None and backup.read_bytes() == cut[len(before) :]
    assert path.read_bytes() == before


def test_a_ledger_of_zeros_only_is_a_torn_first_append(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    path.write_bytes(bytes(10))
    contents = load_ledger(path)
    assert contents.entries == [] and contents.torn is not None
    assert str(contents.torn.problem(path)) == (
        f"{path}:1: the ledger ends in 10 zero bytes (NUL), left by a crash during an append (the file grew, its "
        "data never reached the disk); run `tracker check --repair` to move it aside"
    )
    backup = repair(path, NOW)
    assert backup is not None and backup.read_bytes() == bytes(10) and path.read_bytes() == b""
    append_entries(path, [entry("x", date(2025, 1, 31), "1", 1)])
    assert [str(e.value) for e in read_ledger(path)] == ["1"]


def test_an_import_cut_short_then_zeros_counts_none_of_it(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    append_entries(path, [entry("x", date(2025, 1, 31), "1", 1)])
    before = path.read_bytes()
    append_entries(path, [entry("y", date(2025, 1, 31), str(n), n) for n in (2, 3, 4)])
    whole = path.read_bytes()
    third = whole.index(b'id = "e000000004"') - len(b"[[entry]]\n")  # two of its three entries written
    path.write_bytes(whole[:third] + bytes(512))
    contents = load_ledger(path)
    assert [e.id for e in contents.entries] == ["e000000001"]
    assert contents.torn is not None and (contents.torn.line, contents.torn.whole, contents.torn.zeros) == (12, 2, 512)
    assert str(contents.torn.problem(path)) == (
        f"{path}:12: entry e000000002: the last append (an import) is incomplete: 2 of its entries were written "
        "before it was cut short, and none of them counts, then the file ends in 512 zero bytes (NUL) that the "
        "crash left; run `tracker check --repair` to move it aside"
    )
    assert repair(path, NOW) is not None and path.read_bytes() == before


def test_zeros_in_the_middle_are_refused_at_their_line(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    two_entries(path)
    whole = path.read_bytes()
    at = whole.index(b"value = 1")  # line 8
    path.write_bytes(whole[:at] + bytes(5) + whole[at:])
    message = (
        f"{path}:8: the file holds zero bytes (NUL) at line 8, which an editor may not show: a disk fault or a "
        "crash left them in place of text; restore what they replaced from a copy (git diff, a backup); "
        "`tracker check --repair` moves aside only zero bytes that end the file"
    )
    with pytest.raises(LedgerError) as refused:
        load_ledger(path)
    assert str(refused.value) == message
    damaged = path.read_bytes()
    with pytest.raises(LedgerError, match="zero bytes \\(NUL\\) at line 8"):
        repair(path, NOW)
    assert path.read_bytes() == damaged


def test_a_zero_byte_after_a_value_is_named_not_a_value_written_twice(tmp_path: Path) -> None:
    """Found by a trial: `value = 1` and a NUL after a complete entry read as "Cannot overwrite a value"."""
    path = tmp_path / "progress.toml"
    two_entries(path)
    path.write_bytes(path.read_bytes() + b"value = 1\0")
    with pytest.raises(LedgerError) as refused:
        load_ledger(path)
    assert str(refused.value).startswith(f"{path}:19: the file holds zero bytes (NUL) at line 19,")
    with pytest.raises(LedgerError, match=":12: the last entry is not valid"):  # record: the block starts at 12
        append_entries(path, [entry("x", date(2025, 3, 31), "3", 3)])


def test_a_mistake_before_the_zeros_is_named_first(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    two_entries(path)
    path.write_bytes(path.read_bytes().replace(b"date = 2025-01-31", b"date = 2025-02-30") + b"\0")
    with pytest.raises(LedgerError, match=r":7: not valid TOML: Invalid date or datetime; fix the TOML at column 8$"):
        load_ledger(path)


def test_the_commands_read_a_zero_tail_as_a_torn_end(workdir: Path, runner) -> None:
    """Found by a trial (c02): every report, `record`, `check` and `check --repair` refused the
    whole ledger with "not valid TOML: Invalid statement; fix the TOML at column 1"."""
    from cli import app

    for month in ("2025-01", "2025-02"):
        assert runner.invoke(app, ["record", "industrial-output", "100", "--date", month]).exit_code == 0
    ledger = workdir / "progress.toml"
    whole = ledger.read_bytes()
    line = whole.count(b"\n") + 1
    ledger.write_bytes(whole + bytes(4096))
    status = runner.invoke(app, ["status", "--as-of", "2025-02", "--format", "json"])
    assert status.exit_code == 0
    [output] = [t for a in json.loads(status.stdout)["actions"] for t in a["targets"] if t["id"] == "industrial-output"]
    assert (output["current"], output["entries"]) == (100, 2)
    # the JSON document carries the warning as a note; the table's run says it on stderr
    [note] = json.loads(status.stdout)["notes"]
    assert status.stderr == "" and note["text"] == (
        f"progress.toml:{line}: {ZEROS_4096}; it is left out; run `tracker check --repair` to move it aside"
    )
    table = runner.invoke(app, ["status", "--as-of", "2025-02"])
    assert table.stderr == (
        f"warning: progress.toml:{line}: {ZEROS_4096}; it is left out; run `tracker check --repair` to move it aside\n"
    )
    check = runner.invoke(app, ["check"])
    assert check.exit_code == 1
    assert check.stderr == f"error: progress.toml:{line}: {ZEROS_4096}; run `tracker check --repair` to move it aside\n"
    record = runner.invoke(app, ["record", "industrial-output", "300", "--date", "2025-03"])
    assert record.exit_code == 1 and record.stderr.endswith("move it aside, then record again\n")
    assert ledger.read_bytes() == whole + bytes(4096)
    assert runner.invoke(app, ["check", "--repair"]).exit_code == 0
    assert ledger.read_bytes() == whole
    assert runner.invoke(app, ["record", "industrial-output", "300", "--date", "2025-03"]).exit_code == 0
    assert runner.invoke(app, ["check"]).exit_code == 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=1, max_value=3), st.data(), st.integers(min_value=1, max_value=9000))
def test_repair_of_a_zero_tail_keeps_exactly_the_complete_appends(
    tmp_path: Path, size: int, data: st.DataObject, zeros: int
) -> None:
    """The last append (``size`` entries) reached the disk up to any byte, then ``zeros`` NULs:
    the readers count the complete appends only, and ``--repair`` leaves exactly them, their
    digest chain whole."""
    path = tmp_path / "progress.toml"
    path.unlink(missing_ok=True)
    append_entries(path, [entry("x", date(2025, 1, 31), "1", 1)])
    append_entries(path, [entry("x", date(2025, 2, 28), "2", 2), entry("y", date(2025, 2, 28), "3", 3)])
    before = path.read_bytes()
    append_entries(path, [entry("x", date(2025, 3, 31), str(n), n) for n in range(4, 4 + size)])
    full = path.read_bytes()
    cut = data.draw(st.integers(min_value=len(before), max_value=len(full)), label="cut")
    path.write_bytes(full[:cut] + bytes(zeros))
    whole = cut >= len(full) - 1  # the last append all there (its final newline may be missing)
    kept = full[:cut] if whole else before
    contents = load_ledger(path)
    assert contents.torn is not None and contents.torn.zeros == zeros
    assert [e.id for e in contents.entries] == [e.id for e in read_bytes(tmp_path, kept)]
    backup = repair(path, NOW)
    assert backup is not None and path.read_bytes() == kept
    assert backup.read_bytes() == full[len(kept) : cut] + bytes(zeros)
    backup.unlink()
    entries = read_ledger(path)
    assert len(entries) == (3 + size if whole else 3) and verify(entries).broken is None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data(), st.integers(min_value=1, max_value=300))
def test_zeros_followed_by_entries_are_refused_at_their_line(tmp_path: Path, data: st.DataObject, zeros: int) -> None:
    """NULs anywhere before the last entry's end are no torn end: every reader refuses the file
    at the line of the first NUL, and ``--repair`` moves nothing."""
    path = tmp_path / "progress.toml"
    path.unlink(missing_ok=True)
    two_entries(path)
    full = path.read_bytes()
    at = data.draw(st.integers(min_value=0, max_value=len(full) - 2), label="at")
    damaged = full[:at] + bytes(zeros) + full[at:]
    path.write_bytes(damaged)
    line = full.count(b"\n", 0, at) + 1
    with pytest.raises(LedgerError) as refused:
        load_ledger(path)
    assert str(refused.value).startswith(f"{path}:{line}: the file holds zero bytes (NUL) at line {line},")
    with pytest.raises(LedgerError):
        repair(path, NOW)
    assert path.read_bytes() == damaged


def read_bytes(folder: Path, data: bytes) -> list:
    copy = folder / "copy.toml"
    copy.write_bytes(data)
    return read_ledger(copy)
