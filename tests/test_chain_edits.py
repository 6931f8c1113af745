"""Hand edits of a digested ledger (docs/files.md, "Evidence that nobody edited history"):
`check` names the first entry that no longer matches before anything the edit caused, an edit
is never read as a crash, and `check --repair` moves aside only an end that is truly torn."""

from __future__ import annotations

import json
import subprocess
import tempfile
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import Entry, LedgerError, append_entries, load_ledger, repair
from ledger.chain import PREFIX_PINNED_SINCE, chained, digest_of
from ledger.ledger_reader import find_torn_tail, parse_entries
from tests.conftest import ROOT, SHIPPED_PLAN
from tests.helpers import as_before_digests
from tests.test_corrections import recorded_id, run, status_of

CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=CST)  # a digesting tracker's time, after PREFIX_PINNED_SINCE
SHEET = "target,date,value\nindustrial-output,2025-05-31,500\nvalue-added-growth,2025-05-31,5.5\ninnovation-space,2025-05-31,3\n"


def blocks(text: str) -> tuple[str, list[str]]:
    """The text before the first entry, and each entry's block (without its header line)."""
    head, *rest = text.split("\n[[entry]]\n")
    return head, rest


def joined(head: str, parts: list[str]) -> str:
    return head + "".join("\n[[entry]]\n" + b for b in parts)


def three_records(runner: CliRunner) -> list[str]:
    return [
        recorded_id(run(runner, "record", "industrial-output", "318.6", "--date", "2025-03")),
        recorded_id(run(runner, "record", "industrial-output", "628", "--date", "2025-06")),
        recorded_id(run(runner, "record", "value-added-growth", "5.2", "--date", "2025-06")),
    ]


FORGED = (
    'id = "f0f0f0f0f0"\ntarget = "industrial-output"\ndate = 2025-11-30\nvalue = 1400\nunit = "亿元"\n'
    'by = "root"\nrecorded = 2025-12-05T10:00:00+08:00\n'
)


# 1. What comes before the first digest is pinned too.


def test_an_entry_forged_before_a_whole_chain_is_named(runner: CliRunner, workdir: Path) -> None:
    ledger = workdir / "progress.toml"
    three_records(runner)
    head, parts = blocks(ledger.read_text(encoding="utf-8"))
    ledger.write_text(joined(head, [FORGED, *parts]), encoding="utf-8")
    result = run(runner, "check")
    assert result.exit_code == 1 and result.stdout == ""
    first = result.stderr.splitlines()[0]
    assert first == (
        "error: progress.toml:4: entry f0f0f0f0f0: has no digest, and the first entry that has one does not "
        f"cover it, as it covers every entry before it since {PREFIX_PINNED_SINCE:%Y-%m-%d}: it, or an entry "
        "next to it, was inserted, changed or removed by hand before the chain's first digest; restore "
        "progress.toml from its backup or from git (git diff shows the edit); never `tracker check --upgrade` it, "
        "which would chain the edited figures as if they had been recorded so"
    )
    assert "written before digests" not in result.stderr  # not taken for an older ledger
    forged = ledger.read_bytes()
    refused = run(runner, "check", "--upgrade")  # would pin the forged entry into a chain that verifies
    assert refused.exit_code == 1 and "nothing was upgraded" in refused.stderr
    assert ledger.read_bytes() == forged and list(workdir.glob("*.pre-upgrade-*")) == []


def test_the_first_digest_after_an_older_ledger_covers_it(runner: CliRunner, workdir: Path) -> None:
    """A ledger written before digests, appended to since: the first digested entry covers the
    entries before it, so a changed figure among them, or an entry put before them, shows."""
    ledger = workdir / "progress.toml"
    three_records(runner)
    ledger.write_text(as_before_digests(ledger.read_text(encoding="utf-8")), encoding="utf-8")
    fourth = recorded_id(run(runner, "record", "industrial-output", "640", "--date", "2025-07"))
    entries = load_ledger(ledger).entries
    assert entries[3].digest == chained("", entries[:4])[3].digest  # as if the three had digests
    checked = run(runner, "check")
    assert checked.exit_code == 0
    assert checked.stderr == (
        "note: progress.toml: the first 3 entries were written before digests; `tracker check --upgrade` "
        "gives them one\n"
    )
    text = ledger.read_text(encoding="utf-8")
    ledger.write_text(text.replace("value = 628", "value = 629"), encoding="utf-8")
    [line] = run(runner, "check").stderr.splitlines()
    assert line.startswith(f"error: progress.toml:{entries[3].line}: entry {fourth}: no longer matches its digest")
    head, parts = blocks(text)
    ledger.write_text(joined(head, [FORGED, *parts]), encoding="utf-8")
    [line] = run(runner, "check").stderr.splitlines()
    assert line.startswith(f"error: progress.toml:{entries[3].line + 9}: entry {fourth}: no longer matches")


def test_a_first_digest_written_by_an_older_tracker_still_verifies(runner: CliRunner, workdir: Path) -> None:
    """Before PREFIX_PINNED_SINCE, the first digest after entries without one followed ""; such a
    ledger stays valid, and `check` says that the entries before it are not pinned."""
    ledger = workdir / "progress.toml"
    three_records(runner)
    old = as_before_digests(ledger.read_text(encoding="utf-8"))
    then = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)  # a digesting tracker, before the rule
    appended = Entry("aaaaaaaaaa", "industrial-output", date(2025, 7, 31), then, value=Decimal(640), unit="亿元")
    block = (
        'id = "aaaaaaaaaa"\ntarget = "industrial-output"\ndate = 2025-07-31\nvalue = 640\nunit = "亿元"\n'
        f'digest = "{digest_of("", appended)}"\nrecorded = 2026-11-30T08:00:00Z\n'
    )
    head, parts = blocks(old)
    ledger.write_text(joined(head, [*parts, block]), encoding="utf-8")
    checked = run(runner, "check")
    assert checked.exit_code == 0
    assert checked.stderr == (
        "note: progress.toml: the first 3 entries were written before digests, and the first digest does not "
        f"cover them (a tracker older than {PREFIX_PINNED_SINCE:%Y-%m-%d} chained on without them), so an entry "
        "put before it by hand would not show; `tracker check --upgrade` gives them digests and pins them\n"
    )
    assert run(runner, "check", "--upgrade").exit_code == 0
    assert run(runner, "check").stderr == ""


# 2. An edit is never read as a crash.


def test_an_imports_batch_typed_over_is_named_and_nothing_is_moved_aside(runner: CliRunner, workdir: Path) -> None:
    ledger = workdir / "progress.toml"
    (workdir / "s.csv").write_text(SHEET, encoding="utf-8")
    recorded_id(run(runner, "record", "industrial-output", "318.6", "--date", "2025-03"))
    assert run(runner, "import", "s.csv").exit_code == 0
    recorded_id(run(runner, "record", "industrial-output", "600", "--date", "2025-06"))
    recorded_id(run(runner, "record", "industrial-output", "700", "--date", "2025-07"))
    first_of_import = load_ledger(ledger).entries[1]
    ledger.write_text(ledger.read_text(encoding="utf-8").replace("batch = 3\n", "batch = 9\n"), encoding="utf-8")
    edited = ledger.read_bytes()
    result = run(runner, "check")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(
        f"error: progress.toml:{first_of_import.line}: entry {first_of_import.id}: no longer matches its digest: "
    )
    assert "incomplete" not in result.stderr
    status = run(runner, "status", "--as-of", "2025-07", "--format", "json")
    assert status.exit_code == 0 and status.stderr == ""  # the two records count, without a word of a crash
    assert status_of(runner, "industrial-output", "2025-07-31")["current"] == 700
    assert run(runner, "check", "--repair").exit_code == 1
    assert ledger.read_bytes() == edited and not list(workdir.glob("progress.toml.torn-*"))


def test_an_imports_entries_deleted_with_a_record_after_them_are_an_edit(runner: CliRunner, workdir: Path) -> None:
    """The last two entries of an import deleted by hand, a record after them: the record's digest
    covers them, so this is no import cut short, and the record stays."""
    ledger = workdir / "progress.toml"
    (workdir / "s.csv").write_text(SHEET, encoding="utf-8")
    assert run(runner, "import", "s.csv").exit_code == 0
    record = recorded_id(run(runner, "record", "industrial-output", "700", "--date", "2025-07"))
    head, parts = blocks(ledger.read_text(encoding="utf-8"))
    ledger.write_text(joined(head, [parts[0], parts[3]]), encoding="utf-8")
    result = run(runner, "check")
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: progress.toml:{load_ledger(ledger).entries[1].line}: entry {record}: no longer")
    assert run(runner, "check", "--repair").exit_code == 1
    assert [e.id for e in load_ledger(ledger).entries][-1] == record


def test_an_import_cut_short_after_an_earlier_edit_still_reads_as_cut_short(runner: CliRunner, workdir: Path) -> None:
    """A note edited by hand in an old entry, then an import a crash cut short: the cut import is
    judged on its own entries (they chain on from the entry before them), so it stays left out of
    every report and appends stay refused; the earlier edit is named too. It was counted when
    torn ends were judged on the whole file's chain, which the old edit had broken."""
    ledger = workdir / "progress.toml"
    (workdir / "s.csv").write_text(SHEET, encoding="utf-8")
    recorded_id(run(runner, "record", "industrial-output", "318.6", "--date", "2025-03", "--note", "a"))
    assert run(runner, "import", "s.csv").exit_code == 0
    head, parts = blocks(ledger.read_text(encoding="utf-8"))
    cut = joined(head, parts[:3]) + "\n"  # the import's last entry never written
    ledger.write_text(cut.replace('note = "a"', 'note = "a (typo fixed)"'), encoding="utf-8")
    status = run(runner, "status", "--as-of", "2025-05", "--format", "json")
    # a JSON document carries the warning as a note (README, JSON), stderr staying empty
    [note] = json.loads(status.stdout)["notes"]
    assert status.stderr == "" and note["message"].startswith("the last append (an import) is incomplete")
    assert note["fix"] == "run `tracker check --repair` to move it aside" and note["file"] == "progress.toml"
    assert status_of(runner, "industrial-output", "2025-05-31")["current"] == 318.6  # not the cut import's 500
    assert run(runner, "record", "industrial-output", "600", "--date", "2025-06").exit_code == 1
    checked = run(runner, "check")
    assert checked.exit_code == 1
    assert "no longer matches its digest" in checked.stderr and "incomplete" in checked.stderr


def test_a_copied_entry_is_named_by_its_digest_before_its_id(runner: CliRunner, workdir: Path) -> None:
    ledger = workdir / "progress.toml"
    ids = three_records(runner)
    head, parts = blocks(ledger.read_text(encoding="utf-8"))
    ledger.write_text(joined(head, [parts[0], parts[0], parts[1], parts[2]]), encoding="utf-8")
    result = run(runner, "check")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: progress.toml:14: entry {ids[0]}: no longer matches its digest: it, or the entry before it, was "
        "changed, inserted, removed or moved since tracker wrote it; compare with a copy (git diff, a backup), and "
        "once the change is known to be right, `tracker check --upgrade` chains the ledger as it is now",
        f"error: progress.toml:14: entry {ids[0]}: its id is already used at line 4; the ledger was edited by hand "
        "or merged twice; remove the copy made, keeping what tracker wrote",
    ]


def test_an_entry_whose_date_was_typed_out_of_the_plan_is_not_sent_to_amend(runner: CliRunner, workdir: Path) -> None:
    """Found by a trial: after naming the digest break, `check` said "correct it: tracker amend …"
    for the very entry the break says was changed by hand."""
    ledger = workdir / "progress.toml"
    ids = three_records(runner)
    ledger.write_text(ledger.read_text(encoding="utf-8").replace("date = 2025-03-31", "date = 2026-03-31"), "utf-8")
    result = run(runner, "check")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: progress.toml:4: entry {ids[0]}: no longer matches its digest: it, or the entry before it, was "
        "changed, inserted, removed or moved since tracker wrote it; compare with a copy (git diff, a backup), and "
        "once the change is known to be right, `tracker check --upgrade` chains the ledger as it is now",
        f"error: progress.toml:4: entry {ids[0]}: date 2026-03-31 is outside the plan period 2025-01-01 to "
        f"2025-12-31; but entry {ids[0]} (line 4) no longer matches its digest (see above): it may have been "
        "changed by hand; compare it with a copy (git diff, a backup) and restore what tracker wrote before "
        "amending anything",
    ]


def test_an_import_cut_short_at_a_block_boundary_is_still_moved_aside(tmp_path: Path) -> None:
    """Real processes: records and an import acknowledged, then an import whose write a crash
    stopped at a block boundary (the file cut there, as a power cut can leave it: the hardest
    case, every block in it whole). `check --repair` moves aside only the cut import, and every
    acknowledged entry stays."""
    tracker = str(ROOT / ".venv" / "bin" / "tracker")
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TRACKER_LANG": "en"}
    (tmp_path / "targets.toml").write_bytes(SHIPPED_PLAN.read_bytes())
    (tmp_path / "s.csv").write_text(SHEET, encoding="utf-8")
    rows = "".join(f"innovation-space,2025-06-30,{n}.5\n" for n in range(1, 201))
    (tmp_path / "big.csv").write_text("target,date,value\n" + rows, encoding="utf-8")
    ledger = tmp_path / "progress.toml"

    def tracker_run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([tracker, *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)

    assert tracker_run("record", "industrial-output", "318.6", "--date", "2025-03").returncode == 0
    assert tracker_run("import", "s.csv").returncode == 0
    assert tracker_run("record", "industrial-output", "600", "--date", "2025-06").returncode == 0
    acknowledged = [e.id for e in load_ledger(ledger).entries]
    before = ledger.read_bytes()
    assert tracker_run("import", "big.csv", "--force").returncode == 0
    whole = ledger.read_bytes()
    ledger.write_bytes(whole[: whole.index(b"\n[[entry]]\n", len(before) + 5000) + 1])
    checked = tracker_run("check")
    assert checked.returncode == 1 and "the last append (an import) is incomplete" in checked.stderr
    assert tracker_run("check", "--repair").returncode == 0
    assert [e.id for e in load_ledger(ledger).entries] == acknowledged
    assert ledger.read_bytes() == before and tracker_run("check").returncode == 0


# The property: any hand edit of any byte range of a digested ledger.

PLAN = str(SHIPPED_PLAN)


def _digested_ledger() -> tuple[bytes, list[list[str]]]:
    """A ledger of five appends (a record, an import of three, an import of two, two records) and
    the ids of each append, in order."""

    def e(n: int, target: str, day: date, value: str, unit: str) -> Entry:
        return Entry(f"e{n:09d}", target, day, NOW + timedelta(minutes=n // 10), value=Decimal(value), unit=unit)

    appends = [
        [e(1, "industrial-output", date(2025, 3, 31), "318.6", "亿元")],
        [
            e(10, "industrial-output", date(2025, 5, 31), "500", "亿元"),
            e(11, "value-added-growth", date(2025, 5, 31), "5.5", "%"),
            e(12, "innovation-space", date(2025, 5, 31), "3", "万平方米"),
        ],
        [
            e(20, "value-added-growth", date(2025, 6, 30), "5.2", "%"),
            e(21, "innovation-space", date(2025, 6, 30), "2", "万平方米"),
        ],
        [e(30, "industrial-output", date(2025, 6, 30), "600", "亿元")],
        [e(40, "industrial-output", date(2025, 7, 31), "700", "亿元")],
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "progress.toml"
        for batch in appends:
            append_entries(path, batch)
        return path.read_bytes(), [[x.id for x in batch] for batch in appends]


ORIGINAL, APPENDS = _digested_ledger()
_ORIGINAL_ENTRIES = parse_entries(Path("o"), ORIGINAL)


def _readable(path: Path, data: bytes) -> list[Entry] | None:
    """The entries `check` can read in edited bytes, a torn end left out; ``None`` when none."""
    try:
        return parse_entries(path, data, ids=False)
    except LedgerError:
        pass
    tail = find_torn_tail(path, data, whole=False)
    if tail is None:
        return None
    try:
        return parse_entries(path, data[: tail.offset], ids=False)
    except LedgerError:
        return None


def _same(a: Entry, b: Entry) -> bool:
    """Whether two entries say the same as the digest reads them, digest included."""
    return a.digest == b.digest and digest_of("", a) == digest_of("", b)


_SNIPPETS = st.text(alphabet='0123456789.-=\n []"abcdeirtvu', max_size=12).map(lambda s: s.encode())


_LINES = ORIGINAL.splitlines(keepends=True)
_DIGITS = [i for i, byte in enumerate(ORIGINAL) if 0x30 <= byte <= 0x39]


def _batch_typed_over(which: int, size: int) -> bytes:
    """The ledger with the ``batch`` of its first (``which`` 0) or second import set to ``size``
    (the second is the last append of several: a count typed over there reads as a cut-short end
    but for the digest)."""
    at = ORIGINAL.index(b"\nbatch = ")
    if which:
        at = ORIGINAL.index(b"\nbatch = ", at + 1)
    end = ORIGINAL.index(b"\n", at + 1)
    return ORIGINAL[:at] + b"\nbatch = " + str(size).encode() + ORIGINAL[end:]


@st.composite
def edits(draw: st.DrawFn) -> bytes:
    """The ledger with one byte range replaced by a few characters or by another range of it,
    whole lines replaced by other lines of it (an entry, a key copied, moved or deleted), or one
    digit typed over."""
    how = draw(st.sampled_from(["bytes", "lines", "digit", "blocks", "batch"]))
    if how == "batch":  # the count an import's first entry carries, typed over
        return _batch_typed_over(draw(st.integers(0, 1)), draw(st.integers(1, 12)))
    if how == "blocks":  # whole entries deleted, copied or moved
        head, *parts = ORIGINAL.split(b"\n[[entry]]\n")
        chosen = draw(st.lists(st.integers(0, len(parts) - 1), max_size=len(parts) + 1))
        return head + b"".join(b"\n[[entry]]\n" + parts[i] for i in chosen)
    if how == "digit":
        at = draw(st.sampled_from(_DIGITS))
        digit = draw(st.sampled_from(b"0123456789"))
        return ORIGINAL[:at] + bytes([digit]) + ORIGINAL[at + 1 :]
    if how == "lines":
        i = draw(st.integers(0, len(_LINES)))
        j = draw(st.integers(i, min(len(_LINES), i + 12)))
        a = draw(st.integers(0, len(_LINES)))
        b = draw(st.integers(a, min(len(_LINES), a + draw(st.sampled_from([0, 1, 9, 12])))))
        return b"".join(_LINES[:i] + _LINES[a:b] + _LINES[j:])
    start = draw(st.integers(0, len(ORIGINAL)))
    end = draw(st.integers(start, min(len(ORIGINAL), start + draw(st.sampled_from([1, 3, 20, 200, 600])))))
    if draw(st.booleans()):
        a = draw(st.integers(0, len(ORIGINAL)))
        b = draw(st.integers(a, min(len(ORIGINAL), a + 600)))
        new = ORIGINAL[a:b]
    else:
        new = draw(_SNIPPETS)
    return ORIGINAL[:start] + new + ORIGINAL[end:]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits())
def test_check_names_the_first_entry_an_edit_changed_and_repair_keeps_acknowledged_appends(edited: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "progress.toml"
        path.write_bytes(edited)
        new = _readable(path, edited)
        if new is not None:
            k = next(
                (i for i, e in enumerate(new) if i >= len(_ORIGINAL_ENTRIES) or not _same(e, _ORIGINAL_ENTRIES[i])),
                len(new),
            )
            result = CliRunner().invoke(app, ["check", "--targets", PLAN, "--ledger", str(path), "-f", "json"])
            problems = json.loads(result.stdout)["problems"]
            chain = [p for p in problems if "digest" in p["message"]]
            if k == len(new):  # nothing changed, or entries removed from the very end: the documented limit
                assert chain == []
            else:
                first = problems[0]
                assert "digest" in first["message"], problems
                # An entry before the first digest can only be pinned by the first digest after it.
                named = next(i for i, e in enumerate(new) if e.id == first["entry"] and e.line == first["line"])
                assert named == k or (new[k].digest is None and all(e.digest is None for e in new[k:named])), (
                    k,
                    named,
                    problems,
                )
        try:
            backup = repair(path, NOW)
        except LedgerError:
            return  # other problems need a person: nothing was moved
        if backup is None:
            assert path.read_bytes() == edited
            return
        moved = backup.read_bytes()
        assert path.read_bytes() + moved == edited  # moved aside, not lost
        kept = {e.id for e in load_ledger(path).entries}
        complete = _readable(backup, moved.lstrip(b"\n")) or []
        if complete:
            # Only entries of one append, the file's end holding nothing of any append after it:
            # what a crash during that append leaves, which no edit can be told from.
            owner = next(i for i, ids in enumerate(APPENDS) if complete[0].id in ids)
            assert [e.id for e in complete] == APPENDS[owner][: len(complete)] and len(complete) < len(APPENDS[owner])
            later = {i for ids in APPENDS[owner + 1 :] for i in ids}
            assert not later & (kept | {e.id for e in complete})
