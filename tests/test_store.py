"""Torn appends, repair, and the fast reader against tomllib."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger import LedgerError, Problem, TornLedger, append_entries, load_ledger, read_ledger, repair
from ledger.ledger_reader import _check_ids, _entry, entry_tables, parse_entries
from tests.helpers import any_entry, entry
from tests.test_entries import entries as entry_strategy

NOW = datetime(2025, 7, 3, 10, 0, tzinfo=UTC)


def two_entries(path: Path) -> bytes:
    append_entries(path, [entry("x", date(2025, 1, 31), "1", 1, note="一月")])
    before = path.read_bytes()
    append_entries(path, [entry("x", date(2025, 2, 28), "2", 2, note="二月", source="区统计局")])
    return before


def test_every_cut_of_an_append_is_either_whole_or_a_reported_torn_tail(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    before = two_entries(path)
    full = path.read_bytes()
    for cut in range(len(before), len(full) + 1):
        path.write_bytes(full[:cut])
        contents = load_ledger(path)
        if contents.torn is None:
            # Nothing of the new block yet, or all of it (its final newline may be missing).
            assert cut <= len(before) + 1 or cut >= len(full) - 1, cut
            assert len(contents.entries) == (2 if cut >= len(full) - 1 else 1)
            continue
        assert [e.id for e in contents.entries] == ["e000000001"], cut
        assert contents.torn is not None and contents.torn.line == before.count(b"\n") + 2
        assert "tracker check --repair" in str(contents.warning())
        with pytest.raises(TornLedger):
            read_ledger(path)


def test_append_after_a_torn_tail_is_refused_and_repair_moves_only_the_tail(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    before = two_entries(path)
    full = path.read_bytes()
    path.write_bytes(full[: len(full) - 20])
    torn = path.read_bytes()
    with pytest.raises(TornLedger, match="run `tracker check --repair`"):
        append_entries(path, [entry("x", date(2025, 3, 31), "3", 3)])
    assert path.read_bytes() == torn
    backup = repair(path, NOW)
    assert backup is not None and backup.name == "progress.toml.torn-20250703T100000"
    assert backup.read_bytes() == torn[len(before) :]
    assert path.read_bytes() == before
    assert repair(path, NOW) is None
    append_entries(path, [entry("x", date(2025, 3, 31), "3", 3)])
    assert [str(e.value) for e in read_ledger(path)] == ["1", "3"]


def test_a_mistake_in_the_last_entry_is_not_taken_for_a_tear(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    two_entries(path)
    path.write_bytes(path.read_bytes().replace(b'source = "', b'sorce = "'))
    with pytest.raises(LedgerError, match=r"unknown key 'sorce' in entry; did you mean 'source'"):
        load_ledger(path)
    with pytest.raises(LedgerError, match="unknown key 'sorce'"):
        repair(path, NOW)


def test_hand_written_entries_in_any_key_order_load(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    path.write_text(
        '# by hand\n[[entry]]\nrecorded = 2025-02-01T08:00:00+08:00 # comment\nvalue = 1_000\ntarget = "x"\n'
        "id = 'lit'\ndate = 2025-01-31\n",
        encoding="utf-8",
    )
    [e] = read_ledger(path)
    assert (e.id, e.value, e.line) == ("lit", Decimal(1000), 2)
    append_entries(path, [entry("x", date(2025, 2, 28), "2", 2)])
    assert len(read_ledger(path)) == 2


def test_ids_already_in_the_file_are_replaced_when_appending(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    append_entries(path, [entry("x", date(2025, 1, 31), "1", 1)])
    [written] = append_entries(path, [entry("x", date(2025, 1, 31), "2", 1)])
    assert written.id != "e000000001"
    assert [e.id for e in read_ledger(path)] == ["e000000001", written.id]


def test_an_append_without_digests_returned_writes_the_same_bytes(tmp_path: Path) -> None:
    """``digests=False`` (an import's) returns the entries as written but for their digests, and
    writes the very bytes a plain append writes, header and digests included, into a new ledger
    and after one entry; the file's digests are those the plain append returns."""
    for first in ([], [entry("y", date(2025, 1, 31), "7", 90)]):
        batch = [entry("x", date(2025, 1, 31), str(n), n, unit="亿元") for n in range(1, 5)]
        plain, bare = tmp_path / f"plain{len(first)}.toml", tmp_path / f"bare{len(first)}.toml"
        for path in (plain, bare):
            if first:
                append_entries(path, first)
        digested = append_entries(plain, batch)
        undigested = append_entries(bare, batch, digests=False)
        assert bare.read_bytes() == plain.read_bytes()
        assert [e.digest for e in undigested] == [None] * 4 and None not in [e.digest for e in digested]
        assert undigested == [e._replace(digest=None) for e in digested]
        assert undigested[0].batch == 4
        assert [e.digest for e in read_ledger(bare)][len(first) :] == [e.digest for e in digested]


@pytest.mark.parametrize("clash", [False, True])
def test_an_append_writes_its_batch_as_fresh_ids_and_validate_leave_it(tmp_path: Path, clash: bool) -> None:
    """The writer is handed the batch's fields as taken apart before the lock only while they
    are still the batch's: an id the ledger holds already, made anew under the lock, and an
    entry validate replaces (marked forced) are written as they are then, digests and all."""
    from ledger.blocks import chained_blocks

    path = tmp_path / "progress.toml"
    append_entries(path, [entry("y", date(2025, 1, 31), "7", 90)])
    before = path.read_bytes()
    batch = [entry("x", date(2025, 2, 28), str(n), 90 if clash and n == 1 else n, unit="亿元") for n in range(1, 6)]

    def mark_fourth(view: object, entries: list) -> list[Problem]:
        entries[3] = entries[3]._replace(forced=True)
        return []

    written = append_entries(path, batch, validate=mark_fourth)
    assert (written[0].id != batch[0].id) is clash and [e.id for e in written[1:]] == [e.id for e in batch[1:]]
    assert [e.forced for e in written] == [False, False, False, True, False] and written[0].batch == 5
    [first] = read_ledger(path)[:1]
    assert [e._replace(line=0) for e in read_ledger(path)[1:]] == written
    _, text = chained_blocks(str(first.digest), [e._replace(digest=None) for e in written])
    assert path.read_bytes() == before + text.encode()


def test_a_failed_write_leaves_the_file_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "progress.toml"
    before = two_entries(path)
    path.write_bytes(before)
    import os

    real_write = os.write

    def half_then_full(fd: int, data: bytes) -> int:
        if len(data) > 10:
            real_write(fd, bytes(data[:10]))
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", half_then_full)
    with pytest.raises(LedgerError, match="cannot write the ledger: No space left on device; nothing was recorded"):
        append_entries(path, [entry("x", date(2025, 3, 31), "3", 3)])
    assert path.read_bytes() == before


def slow(path: Path) -> list:
    """The ledger read by tomllib alone, the reference for the fast reader."""
    text = path.read_bytes().decode("utf-8-sig")  # no newline translation: TOML's own rules apply
    entries = [_entry(t, path, line) for line, t in entry_tables(path, text)]
    _check_ids(path, entries, whole=True)
    return [fields(e) for e in entries]


def fields(e) -> tuple:
    return (e.id, e.target, e.date, e.recorded, e.value, e.unit, e.note, e.source, e.by, e.corrects, e.void,
            e.reason, e.status, e.milestone, e.line, e.month_value)  # fmt: skip


weird = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12) | st.sampled_from(['"', "\\", "\t", "a\x7fb"])


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(st.lists(entry_strategy, min_size=1, max_size=6, unique_by=lambda e: e.id), st.lists(weird, max_size=6))
def test_fast_reader_agrees_with_tomllib(tmp_path: Path, written: list, notes: list[str]) -> None:
    written = [e._replace(note=notes[i]) if i < len(notes) else e for i, e in enumerate(written)]
    path = tmp_path / "agree.toml"
    path.unlink(missing_ok=True)
    append_entries(path, written)
    assert [fields(e) for e in read_ledger(path)] == slow(path)


TOKENS = ["[[entry]]\n", 'id = "z"\n', '"""', "recorded = ", "void = true\n", 'corrects = "e000000001"\n', "\n", "#",
          "[", "]", '"', "'", " ", "=", "\\", "\x1f", "\r", "\t", "一", "\x85", "\u2028", "0", "e"]  # fmt: skip
damage = st.text(max_size=8) | st.lists(st.sampled_from(TOKENS), min_size=1, max_size=4).map("".join)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(st.integers(min_value=0, max_value=10**6), damage)
def test_fast_reader_and_tomllib_agree_on_damaged_files(tmp_path: Path, where: int, insert: str) -> None:
    path = tmp_path / "damaged.toml"
    path.unlink(missing_ok=True)
    append_entries(path, [entry("x", date(2025, 1, 31), "1", 1, note="一"), entry("x", date(2025, 2, 28), "2.5", 2)])
    text = path.read_text(encoding="utf-8")
    at = where % (len(text) + 1)
    path.write_text(text[:at] + insert + text[at:], encoding="utf-8")
    try:
        reference = slow(path)
    except LedgerError:
        reference = None
    try:
        fast = [fields(e) for e in parse_entries(path, path.read_bytes())]
    except LedgerError:
        fast = None
    assert fast == reference


def test_a_torn_entry_larger_than_any_window_still_stops_appends(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    append_entries(path, [entry("x", date(2025, 1, 31), "1", 1)])
    append_entries(path, [entry("x", date(2025, 2, 28), "2", 2, note="y" * 70000)])
    path.write_bytes(path.read_bytes()[:-1000])
    torn = path.read_bytes()
    with pytest.raises(TornLedger):
        append_entries(path, [entry("x", date(2025, 3, 31), "3", 3)])
    assert path.read_bytes() == torn
    assert repair(path, NOW) is not None and len(read_ledger(path)) == 1


def test_appends_check_the_last_entry(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    append_entries(path, [entry("x", date(2025, 1, 31), "1", 1), entry("x", date(2025, 2, 28), "2", 2)])
    good = path.read_bytes()
    for damage, message in (
        ('unit = "人"\n'.encode(), "the plan says no"),  # the check callback's verdict
        (b'corrects = "nothing"\n', "corrects 'nothing', which no entry has as id"),
    ):
        path.write_bytes(good.replace(b"value = 2\n", b"value = 2\n" + damage))
        before = path.read_bytes()
        with pytest.raises(LedgerError, match=message):
            append_entries(
                path,
                [entry("x", date(2025, 3, 31), "3", 3)],
                check=lambda e: Problem("the plan says no") if e.unit else None,
            )
        assert path.read_bytes() == before
    path.write_bytes(good.replace(b'id = "e000000002"', b'id = "e000000001"'))
    with pytest.raises(LedgerError, match="is already used at line"):
        append_entries(path, [entry("x", date(2025, 3, 31), "3", 3)])


def test_a_failed_first_append_leaves_no_empty_ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    def full(fd: int, data: bytes) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    path = tmp_path / "progress.toml"
    with pytest.raises(LedgerError, match="No space left on device"):
        append_entries(path, [entry("x", date(2025, 1, 31), "1", 1)])
    assert not path.exists()


# --- the layout check of appends (record reads whole entries only of its own target) -----------


@given(st.lists(any_entry, min_size=1, max_size=6), st.data())
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
def test_laid_out_agrees_with_the_fast_reader_and_a_broken_line_fails_it(entries: list, data: st.DataObject) -> None:
    """A file the layout check passes is read by the fast reader block by block (nothing left to
    tomllib but what only a closer look rejects); any line of it replaced by broken TOML fails it."""
    from ledger.blocks import HEADER, entry_blocks
    from ledger.entries import Entry
    from ledger.fast_reader import Run, laid_out, scan

    text = (HEADER + entry_blocks(entries)).encode("utf-8", "surrogatepass")
    pieces = scan(text)
    if laid_out(text):
        assert pieces is not None
        assert all(isinstance(p, Entry) or p.data.startswith(b"[[entry]]") for p in pieces)  # whole blocks only
        lines = text.split(b"\n")
        n = data.draw(st.integers(min_value=0, max_value=len(lines) - 1))
        if lines[n].strip() and not lines[n].startswith(b"#"):
            broken = b"\n".join([*lines[:n], lines[n].split(b" = ")[0] + b" = = 3", *lines[n + 1 :]])
            assert not laid_out(broken)
    else:
        assert pieces is None or any(isinstance(p, Run) for p in pieces)


def test_record_refuses_to_append_after_a_hand_edit_broke_another_entry(workdir: Path, runner) -> None:
    """Found by a new-user trial: `record` for another target used to append to a ledger that
    every report refused, and for the same target named the wrong line."""
    from cli import app

    for args in (["industrial-output", "80", "--date", "2025Q1"], ["industrial-output", "70", "--date", "2025-02"]):
        assert runner.invoke(app, ["record", *args]).exit_code == 0
    path = workdir / "progress.toml"
    lines = path.read_text(encoding="utf-8").split("\n")
    n = next(i for i, line in enumerate(lines) if line.startswith("value = 80"))
    lines[n] = "value = = 3"
    path.write_text("\n".join(lines), encoding="utf-8")
    before = path.read_bytes()
    for args in (["value-added-growth", "5.5", "--date", "2025-07"], ["industrial-output", "260", "--date", "2025-04"]):
        result = runner.invoke(app, ["record", *args])
        assert result.exit_code == 1
        assert f"progress.toml:{n + 1}: not valid TOML" in result.output
    assert path.read_bytes() == before
    lines[n] = "value = 80"
    lines[next(i for i, line in enumerate(lines) if line == "date = 2025-03-31")] = "date = 2025-02-30"
    path.write_text("\n".join(lines), encoding="utf-8")
    date_line = lines.index("date = 2025-02-30") + 1
    result = runner.invoke(app, ["record", "industrial-output", "260", "--date", "2025-04"])
    assert result.exit_code == 1 and f"progress.toml:{date_line}:" in result.output
