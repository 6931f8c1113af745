"""The ledger file: appending, reading back exactly, and refusing malformed files with a line number."""

from __future__ import annotations

import os
import re
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger import Entry, LedgerError, MilestoneStatus, append_entries, read_ledger
from ledger.blocks import HEADER
from ledger.entries import new_id
from tests.helpers import entry


def test_missing_ledger_is_empty(tmp_path: Path) -> None:
    assert read_ledger(tmp_path / "progress.toml") == []


def test_append_then_read_back(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    first = entry(
        "output", date(2025, 3, 31), "318.6", 1, unit="亿元", note="1—3月累计", source="区统计局快报", by="wang"
    )
    second = entry("hub", date(2025, 4, 30), None, 2, status=MilestoneStatus.BLOCKED)
    append_entries(path, [first])
    append_entries(path, [second])
    text = path.read_text(encoding="utf-8")
    assert text.startswith(HEADER)
    assert "value = 318.6\n" in text
    assert text.count("[[entry]]") == 2
    back = read_ledger(path)
    assert [e.id for e in back] == [first.id, second.id]
    assert back[0].value == Decimal("318.6") and back[0].note == "1—3月累计"
    assert back[1].status is MilestoneStatus.BLOCKED
    assert back[0].line == 4 and back[1].line > back[0].line


def test_whole_numbers_stay_whole_and_decimals_keep_their_digits(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    append_entries(path, [entry("x", date(2025, 1, 31), "680", 1), entry("x", date(2025, 1, 31), "680.10", 2)])
    text = path.read_text(encoding="utf-8")
    assert "value = 680\n" in text
    assert [str(e.value) for e in read_ledger(path)] == ["680", "680.10"]


def test_append_to_a_file_without_final_newline(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    append_entries(path, [entry("x", date(2025, 1, 31), "1", 1)])
    path.write_bytes(path.read_bytes().rstrip(b"\n"))
    append_entries(path, [entry("x", date(2025, 1, 31), "2", 2)])
    assert [str(e.value) for e in read_ledger(path)] == ["1", "2"]


def test_symlinked_ledger_stays_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.toml"
    link = tmp_path / "progress.toml"
    link.symlink_to(real)
    real.touch()  # a link that points nowhere starts no ledger (tests/test_refusal_writes_nothing.py)
    append_entries(link, [entry("x", date(2025, 1, 31), "1", 1)])
    append_entries(link, [entry("x", date(2025, 2, 28), "2", 2)])
    assert link.is_symlink() and len(read_ledger(real)) == 2


def test_unwritable_folder_gives_one_clear_line(tmp_path: Path) -> None:
    with pytest.raises(LedgerError, match="does not exist; create it or fix --ledger"):
        append_entries(tmp_path / "no" / "such" / "folder.toml", [entry("x", date(2025, 1, 31), "1")])
    assert not (tmp_path / "no").exists()


def test_read_only_ledger_gives_one_clear_line_and_is_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    append_entries(path, [entry("x", date(2025, 1, 31), "1", 1)])
    before = path.read_bytes()
    path.chmod(0o444)
    try:
        if os.access(path, os.W_OK):
            pytest.skip("running as a user who can write read-only files")
        with pytest.raises(LedgerError, match="cannot write the ledger: Permission denied; nothing was recorded"):
            append_entries(path, [entry("x", date(2025, 1, 31), "2", 2)])
    finally:
        path.chmod(0o644)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[entry]]\nid = "a"\ntarget = "x"\ndate = 2025-01-31\nvalue = 1\nrecorded = 2025-02-01T00:00:00+08:00\nvlaue = 2\n',
         "progress.toml:1: unknown key 'vlaue' in entry; did you mean 'value'?"),
        ('[[entry]]\nid = "a"\ntarget = "x"\nvalue = 1\nrecorded = 2025-02-01T00:00:00+08:00\n', "progress.toml:1: entry has no 'date'"),
        ('[[entry]]\nid = "a"\ntarget = "x"\ndate = 2025-01-31\nvalue = 1\nrecorded = 2025-02-01T00:00:00\n', "with its UTC offset"),
        ('[[entry]]\nid = "a"\ntarget = "x"\ndate = 2025-01-31\nvalue = nan\nrecorded = 2025-02-01T00:00:00Z\n', "not a finite number"),
        ('[[entry]]\nid = "a"\ntarget = "x"\ndate = 2025-01-31\nrecorded = 2025-02-01T00:00:00Z\n', "neither a value nor a status"),
        ('[[entry]]\nid = "a"\ntarget = "x"\ndate = 2025-01-31\nvalue = 1\nrecorded = 2025-02-01T00:00:00Z\n'
         '\n[[entry]]\nid = "a"\ntarget = "x"\ndate = 2025-01-31\nvalue = 1\nrecorded = 2025-02-01T00:00:00Z\n',
         "progress.toml:8: entry a: its id is already used at line 1"),
        ('[[entry]]\nid = "a"\ntarget = "x"\ndate = 2025-01-31\nvalue = 1\nrecorded = 2025-02-01T00:00:00Z\n\n[[entry]\nid = "b"\n',
         "not valid TOML"),
        ('[[entry]]\nid = "a"\ntarget = "x"\ndate = 2025-01-31\nvalue = 1\nrecorded = 2025-02-01T00:00:00Z\n\n[[entry]]\nid = "b"\n'
         'target = "x"\ndate = 2025-01-31\nvalue = 1\ncorrects = "zz"\nrecorded = 2025-02-01T00:00:00Z\n',
         "progress.toml:8: entry b: corrects 'zz', which no earlier entry has as id"),
    ],
)  # fmt: skip
def test_malformed_ledgers_name_the_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "progress.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LedgerError, match=message.replace("(", r"\(").replace("?", r"\?")):
        read_ledger(path)


def test_new_ids_are_short_hex_and_avoid_taken_ones() -> None:
    ids = {new_id() for _ in range(200)}
    assert all(re.fullmatch(r"[0-9a-f]{10}", i) for i in ids), ids
    assert len(ids) == 200

    class FirstThreeTaken:
        """A ``taken`` collection that claims the first three candidates it is asked about."""

        def __init__(self) -> None:
            self.asked: list[str] = []

        def __contains__(self, candidate: object) -> bool:
            self.asked.append(str(candidate))
            return len(self.asked) <= 3

        def __iter__(self):  # type: ignore[no-untyped-def]
            return iter(self.asked[:3])

        def __len__(self) -> int:
            return 3

    taken = FirstThreeTaken()
    fresh = new_id(taken)
    assert len(taken.asked) == 4 and fresh == taken.asked[3]
    assert re.fullmatch(r"[0-9a-f]{10}", fresh)


texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
values = st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-(10**9), max_value=10**9)
entries = st.builds(
    Entry,
    id=st.from_regex(r"[0-9a-f]{10}", fullmatch=True),
    target=st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True),
    date=st.dates(min_value=date(2025, 1, 1), max_value=date(2025, 12, 31)),
    recorded=st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2030, 1, 1))
    .map(lambda d: d.replace(microsecond=0))
    .flatmap(lambda d: st.integers(-12, 14).map(lambda h: d.replace(tzinfo=timezone(timedelta(hours=h))))),
    value=values,
    unit=st.sampled_from(["亿元", "万平方米", "%", "位"]),
    note=st.none() | texts,
    source=st.none() | texts,
    by=st.none() | texts,
    corrects=st.none(),
    void=st.just(False),
    reason=st.none() | texts,
    status=st.none(),
    milestone=st.none(),
    line=st.just(0),
    month_value=st.none() | values,
    period=st.none() | st.integers(2000, 2030),
    batch=st.none(),
    restored=st.just(False),  # only beside batch
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(st.lists(entries, min_size=1, max_size=5, unique_by=lambda e: e.id))
def test_any_entries_survive_a_round_trip(tmp_path: Path, written: list[Entry]) -> None:
    path = tmp_path / "round.toml"
    path.unlink(missing_ok=True)
    append_entries(path, written)
    back = read_ledger(path)
    keys = (
        "id",
        "target",
        "date",
        "recorded",
        "value",
        "month_value",
        "period",
        "unit",
        "note",
        "source",
        "by",
        "reason",
    )
    assert [[getattr(e, k) for k in keys] for e in back] == [[getattr(e, k) for k in keys] for e in written]


def test_a_forked_process_draws_ids_of_its_own() -> None:
    """Ids are drawn from the OS in blocks: a child forked with a block half used must not hand
    out the ids its parent will (two importers would write entries with one id)."""
    new_id()  # the pool now holds ids the parent will hand out next
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its next ids, to the parent, then out without pytest's clean-up
        os.write(write_end, " ".join(new_id() for _ in range(5)).encode())
        os._exit(0)
    os.close(write_end)
    os.waitpid(pid, 0)
    child = set(os.read(read_end, 1000).decode().split())
    os.close(read_end)
    parent = {new_id() for _ in range(5)}
    assert len(child) == 5 and not child & parent
