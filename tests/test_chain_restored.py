"""Entries without a digest are an older tracker's only where nothing but a ``recorded`` time
could say otherwise (docs/files.md, "Evidence that nobody edited history"): entries restored from
an export keep their old ``recorded`` times, yet a tracker that writes digests wrote them, so
deleting their digests, or putting an entry before them, is named by ``check`` and never
re-chained by ``check --upgrade``."""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger import Entry, LedgerError
from ledger.blocks import HEADER, entry_blocks
from ledger.chain import DIGESTS_SINCE, chained, restored_appends, verify
from ledger.store import upgrade
from tests.conftest import ROOT
from tests.test_corrections import run

CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=CST)
EXPORT = ROOT / "examples" / "since-2025-illustrative.csv"
NEVER_UPGRADE = "never `tracker check --upgrade` it"


def restored_ledger(runner: CliRunner, workdir: Path) -> str:
    """The README's step: an export imported back, each entry keeping its 2025 ``recorded`` time."""
    assert run(runner, "import", str(EXPORT)).exit_code == 0
    assert run(runner, "check").exit_code == 0
    text = (workdir / "progress.toml").read_text(encoding="utf-8")
    assert "restored = true" in text and "recorded = 2025-04-01 09:00:00+08:00" in text
    return text


def test_digests_deleted_from_a_restored_ledger_are_named(runner: CliRunner, workdir: Path) -> None:
    """Every digest deleted and June's 680 made 880: the first entry of the import is named,
    and --upgrade, which would pin 880 into a chain that verifies, refuses and writes nothing."""
    ledger = workdir / "progress.toml"
    text = restored_ledger(runner, workdir)
    edited = "".join(line for line in text.splitlines(True) if not line.startswith("digest = "))
    assert "value = 680\n" in edited
    ledger.write_text(edited.replace("value = 680\n", "value = 880\n"), encoding="utf-8")
    checked = run(runner, "check")
    assert checked.exit_code == 1
    assert checked.stderr == (
        "error: progress.toml:4: entry a000000001: has no digest, though it was written by an import that "
        "restored an export (`restored = true` beside `batch` on the import's first entry), which tracker "
        "writes only with digests; its `recorded` time (2025-04-01) is the old ledger's: digests were deleted "
        "from the file, and what they covered may have been edited with them; restore progress.toml from its "
        "backup or from git (git diff shows the edit); never `tracker check --upgrade` it, which would chain "
        "the edited figures as if they had been recorded so\n"
    )
    before = ledger.read_bytes()
    refused = run(runner, "check", "--upgrade")
    assert refused.exit_code == 1 and "nothing was upgraded" in refused.stderr
    assert ledger.read_bytes() == before and list(workdir.glob("*.pre-upgrade-*")) == []


def test_an_entry_forged_above_a_restored_ledger_is_named(runner: CliRunner, workdir: Path) -> None:
    """A forged entry without a digest at the top: the import's first digest follows "" as an
    older tracker's did, but its 2025 ``recorded`` time is the export's, not when it was written."""
    ledger = workdir / "progress.toml"
    text = restored_ledger(runner, workdir)
    forged = (
        '[[entry]]\nid = "f0f0f0f0f0"\ntarget = "industrial-output"\ndate = 2025-07-31\nvalue = 900\n'
        'unit = "亿元"\nrecorded = 2025-08-11 09:00:00+08:00\n\n'
    )
    at = text.index("[[entry]]")
    ledger.write_text(text[:at] + forged + text[at:], encoding="utf-8")
    checked = run(runner, "check")
    assert checked.exit_code == 1
    [line] = checked.stderr.splitlines()
    assert line.startswith("error: progress.toml:4: entry f0f0f0f0f0: has no digest, and the first entry")
    assert NEVER_UPGRADE in line and "written before digests" not in checked.stderr


# Where the entries without a digest sit. A ledger of a restored export (old `recorded` times)
# and a later record, every entry chained; some digests are then deleted.

OLD = datetime(2025, 4, 1, 9, 0, tzinfo=CST)


def ledger_of(restored: int, later: int, old_later: bool) -> list[Entry]:
    """``restored`` entries of one import restoring an export (2025 stamps), then ``later``
    records (stamped before DIGESTS_SINCE when ``old_later``, as an older tracker's would be)."""
    entries = []
    for i in range(restored):
        first = i == 0
        entries.append(
            Entry(
                f"r{i:09d}", "industrial-output", date(2025, 1 + i % 12, 28), OLD + timedelta(days=i),
                value=Decimal(100 + i), unit="亿元", batch=restored if first else None, restored=first,
            )
        )  # fmt: skip
    then = datetime(2025, 9, 1, tzinfo=UTC) if old_later else NOW
    for i in range(later):
        entries.append(
            Entry(f"l{i:09d}", "industrial-output", date(2025, 12, 31), then, value=Decimal(900 + i), unit="亿元")
        )
    return chained("", entries)


@st.composite
def stripped(draw: st.DrawFn) -> tuple[list[Entry], set[int]]:
    restored = draw(st.integers(1, 6))
    later = draw(st.integers(0, 3))
    entries = ledger_of(restored, later, draw(st.booleans()))
    gone = draw(st.sets(st.integers(0, len(entries) - 1), min_size=1))
    return [e._replace(digest=None) if i in gone else e for i, e in enumerate(entries)], gone


@settings(max_examples=200, deadline=None)
@given(stripped())
def test_any_digest_deleted_beside_a_restored_import_is_an_edit(case: tuple[list[Entry], set[int]]) -> None:
    """Wherever the deleted digests sit (at the top, inside the import, after it, every one),
    the chain is broken there, at the first entry without a digest, and the edit may not be
    re-chained."""
    entries, gone = case
    report = verify(entries)
    assert report.broken is not None and report.deleted
    assert report.head is None and report.problem("progress.toml") is not None
    assert NEVER_UPGRADE in str(report.problem("progress.toml"))
    assert entries.index(report.broken) == min(gone)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stripped(), st.integers(0, 1000))
def test_upgrade_never_rechains_deleted_digests(case: tuple[list[Entry], set[int]], figure: int) -> None:
    """Nor does --upgrade, with a figure changed where a digest was deleted: the file stays as it was."""
    entries, gone = case
    i = min(gone)
    entries[i] = entries[i]._replace(value=Decimal(figure))
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "progress.toml"
        path.write_text(HEADER + entry_blocks(entries), encoding="utf-8")
        before = path.read_bytes()
        with pytest.raises(LedgerError, match="nothing was upgraded"):
            upgrade(path, NOW)
        assert path.read_bytes() == before and [p.name for p in Path(d).iterdir()] == ["progress.toml"]


def test_an_older_ledger_without_any_digest_still_upgrades(tmp_path: Path) -> None:
    """A ledger written before digests (none, no restored append, old stamps) is no edit: it
    verifies with a note's count, and --upgrade chains it."""
    old = [e._replace(digest=None) for e in ledger_of(0, 3, True)]
    report = verify(old)
    assert report.broken is None and not report.deleted and report.undigested == 3
    path = tmp_path / "progress.toml"
    path.write_text(HEADER + entry_blocks(old), encoding="utf-8")
    done = upgrade(path, NOW)
    assert done is not None and done.digests == 3


def test_restored_appends_span_their_batch() -> None:
    entries = ledger_of(3, 2, False)
    assert restored_appends(entries) == [True, True, True, False, False]
    assert DIGESTS_SINCE < NOW
