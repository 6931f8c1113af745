"""The ledger's promises under races, crashes and hostile input (issue 12): each case a test."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import ExitCode
from ledger import LedgerError, TornLedger, TrackerError, append_entries, load_ledger, read_ledger, repair
from tests.conftest import ROOT
from tests.helpers import RECORDED, as_before_digests, entry
from tests.test_corrections import recorded_id, run, status_of


def current(runner: CliRunner, target_id: str, as_of: str = "2025-06-30") -> object:
    return status_of(runner, target_id, as_of)["current"]


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
    assert run(runner, "import", str(sheet(workdir / "june.csv", 5)), "--force").exit_code == 0
    whole = ledger.read_bytes()
    assert b"batch = 5\n" in whole
    for cut in range(len(before) + 1, len(whole) - 1):  # every byte a crash could stop at but the last newline
        ledger.write_bytes(whole[:cut])
        contents = load_ledger(ledger)
        assert contents.entries == read_ledger_bytes(before, workdir), cut
        assert contents.torn is not None or cut == len(before) + 1  # only the blank line before it
    third = [i for i in range(len(before), len(whole)) if whole.startswith(b"\n[[entry]]", i)][2]
    ledger.write_bytes(whole[:third])  # two whole entries of five
    assert load_ledger(ledger).torn.whole == 2  # type: ignore[union-attr]
    assert current(runner, "innovation-space") == 1  # the two that got in are not counted
    check = run(runner, "check")
    assert check.exit_code == 1 and "import) is incomplete: 2 of its entries" in check.stderr
    assert (
        run(runner, "record", "innovation-space", "1", "--date", "2025-06").exit_code == 1
    )  # nothing after a torn append
    assert run(runner, "check", "--repair").exit_code == 0
    assert ledger.read_bytes() == before
    assert run(runner, "import", str(workdir / "june.csv"), "--force").exit_code == 0  # the same file imports cleanly
    assert current(runner, "innovation-space") == 1 + 1.5 + 2.5 + 3.5 + 4.5 + 5.5


def read_ledger_bytes(data: bytes, folder: Path) -> list:
    copy = folder / "copy.toml"
    copy.write_bytes(data)
    return read_ledger(copy)


TRACKER = [sys.executable, "-c", "import launch; launch.main()"]


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
        p = tracker(workdir, "import", str(big), "--force")
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
        procs = [tracker(workdir, "import", str(june), "--force") for _ in range(2)]
        codes = [p.wait() for p in procs]
        assert sorted(codes) == [0, 1], [p.stderr.read() for p in procs if p.stderr]  # type: ignore[misc]
        assert len(read_ledger(workdir / "progress.toml")) == 400


def test_a_correction_made_on_a_stale_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    append_entries(path, [entry("x", date(2025, 3, 31), "1", 1)])
    stale = entry("x", date(2025, 3, 31), "2", 2, corrects="e000000001", reason="r")
    append_entries(path, [entry("x", date(2025, 3, 31), "3", 3, corrects="e000000001", reason="r")])
    before = path.read_bytes()
    with pytest.raises(TrackerError, match="e000000001 was already corrected by e000000003"):
        append_entries(path, [stale])
    with pytest.raises(TrackerError, match="an entry of 'x', not of 'y'"):
        append_entries(path, [entry("y", date(2025, 3, 31), "3", 4, corrects="e000000003", reason="r")])
    assert path.read_bytes() == before


def test_check_refuses_a_forked_chain_and_void_puts_it_right(runner: CliRunner, workdir: Path) -> None:
    first = recorded_id(run(runner, "record", "industrial-output", "318.6", "--date", "2025-03"))
    second = recorded_id(run(runner, "amend", first, "320", "--reason", "核实数"))
    ledger = workdir / "progress.toml"
    text = ledger.read_text(encoding="utf-8")
    block = text[text.index("[[entry]]", text.index(f'id = "{second}"') - 20) :]
    ledger.write_text(
        text + "\n" + block.replace(second, "ffff000001").replace("value = 320\n", "value = 330\n"), encoding="utf-8"
    )
    result = run(runner, "check")
    assert result.exit_code == 1
    assert f"corrects {first}, which {second} corrects already" in result.stderr
    assert run(runner, "status").exit_code == 1  # never counted twice
    assert run(runner, "void", "ffff000001", "--reason", "重复").exit_code == 0
    assert "no longer matches its digest" in run(runner, "check").stderr  # the hand-made entry shows
    assert run(runner, "check", "--upgrade").exit_code == 0  # once known to be right
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
    # A key that cannot be an id is a usage error (exit 2), like any other option's bad value.
    for key in ("a b", "", "a/b", "x" * 41):
        bad = run(runner, "record", "industrial-output", "400", "--date", "2025-04", "--id", key)
        assert bad.exit_code == 2 and f"Invalid value for '--id': {key!r} cannot be an entry id" in bad.stderr
    assert len(read_ledger(workdir / "progress.toml")) == 1


def test_an_id_used_twice_or_a_torn_ledger_stops_appends(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    append_entries(path, [entry("x", date(2025, 3, 31), "1", 1), entry("x", date(2025, 3, 31), "2", 2)])
    whole = path.read_bytes()
    path.write_bytes(whole[:-30])
    with pytest.raises(TornLedger):
        append_entries(path, [entry("x", date(2025, 3, 31), "3", 3)])
    path.write_bytes(whole.replace(b"e000000002", b"e000000001"))
    with pytest.raises(LedgerError, match="already used at line 4"):
        append_entries(path, [entry("x", date(2025, 3, 31), "3", 3)])


# 4. --output and file modes.

root_only = pytest.mark.skipif(os.geteuid() != 0, reason="planting another user's link needs root")


@root_only
def test_a_link_planted_by_another_user_is_not_written_through(runner: CliRunner, workdir: Path) -> None:
    victim = workdir / "victim"
    victim.write_text("keep", encoding="utf-8")
    (workdir / "report.md").symlink_to(victim)
    os.lchown(workdir / "report.md", 4242, 4242)
    result = run(runner, "report", "-o", "report.md")
    assert result.exit_code == 1 and "symbolic link owned by uid 4242" in result.stderr
    assert victim.read_text(encoding="utf-8") == "keep"


def test_a_dangling_link_is_refused_and_ones_own_link_kept(runner: CliRunner, workdir: Path) -> None:
    (workdir / "report.md").symlink_to(workdir / "nowhere.md")
    result = run(runner, "report", "-o", "report.md")
    assert result.exit_code == 1 and "which does not exist" in result.stderr
    assert not (workdir / "nowhere.md").exists()
    (workdir / "mine.md").write_text("old", encoding="utf-8")
    (workdir / "link.md").symlink_to(workdir / "mine.md")
    assert run(runner, "report", "-o", "link.md").exit_code == 0
    assert (workdir / "link.md").is_symlink() and "old" not in (workdir / "mine.md").read_text(encoding="utf-8")


def test_a_pipe_or_device_named_as_the_output_is_refused_never_replaced(runner: CliRunner, workdir: Path) -> None:
    # A FIFO stands for /dev/null or a terminal: the rename that writes a report whole would put a
    # regular file in its place (as root, /dev/null gone for every program on the machine).
    os.mkfifo(workdir / "pipe")
    for args in (
        ["report", "-o", "pipe", "-f", "markdown"],
        ["sheet", "--month", "2025-06", "-o", "pipe", "-f", "csv"],
        ["status", "-o", "pipe"],  # what is wrong is the file, not its missing extension
        ["report", "-o", "pipe"],
    ):
        result = run(runner, *args)
        assert result.exit_code == 1, result.output
        assert (
            result.stderr
            == "error: pipe: is not a regular file (a device, pipe or socket); give a file name to write\n"
        )
        assert stat.S_ISFIFO((workdir / "pipe").lstat().st_mode)
    assert sorted(p.name for p in workdir.iterdir()) == ["pipe", "targets.toml"]  # no temporary file left


def test_modes_follow_the_umask_and_only_permission_bits_are_kept(runner: CliRunner, workdir: Path) -> None:
    old = os.umask(0o002)
    try:
        recorded_id(run(runner, "record", "industrial-output", "318.6", "--date", "2025-03"))
        assert run(runner, "report", "-o", "new.md").exit_code == 0
        (workdir / "setuid.md").write_text("x", encoding="utf-8")
        os.chmod(workdir / "setuid.md", 0o4750)
        assert run(runner, "report", "-o", "setuid.md").exit_code == 0
    finally:
        os.umask(old)
    mode = lambda name: (workdir / name).stat().st_mode & 0o7777  # noqa: E731
    assert mode("progress.toml") == 0o664  # a group sharing the folder can write the ledger
    assert mode("progress.toml.lock") == 0o664
    assert mode("new.md") == 0o664
    assert mode("setuid.md") == 0o750  # setuid never copied


@root_only
def test_a_foreign_files_mode_is_not_copied(runner: CliRunner, workdir: Path) -> None:
    (workdir / "theirs.md").write_text("x", encoding="utf-8")
    os.chmod(workdir / "theirs.md", 0o666)
    os.chown(workdir / "theirs.md", 4242, 4242)
    old = os.umask(0o022)
    try:
        assert run(runner, "report", "-o", "theirs.md").exit_code == 0
    finally:
        os.umask(old)
    assert (workdir / "theirs.md").stat().st_mode & 0o7777 == 0o644


def test_a_lock_this_user_cannot_open_is_named_with_the_fix(
    runner: CliRunner, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from filelock import FileLock

    (workdir / "progress.toml.lock").write_text("", encoding="utf-8")

    def refuse(self: object, *a: object, **k: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(FileLock, "acquire", refuse)
    result = run(runner, "record", "industrial-output", "318.6", "--date", "2025-03")
    assert result.exit_code == 1
    assert "the ledger's lock belongs to" in result.stderr and "chmod g+w" in result.stderr


# 7. One line, never a traceback.


def test_repair_on_a_read_only_file_system_is_one_line(
    runner: CliRunner, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from filelock import FileLock

    def read_only(self: object, *a: object, **k: object) -> None:
        raise OSError(30, "Read-only file system")

    recorded_id(run(runner, "record", "industrial-output", "318.6", "--date", "2025-03"))
    recorded_id(run(runner, "record", "industrial-output", "400", "--date", "2025-04"))
    monkeypatch.setattr(FileLock, "acquire", read_only)
    # Nothing to repair: said without the lock, which a read-only file system would refuse.
    result = run(runner, "check", "--repair")
    assert (result.exit_code, result.stderr) == (0, "")
    ledger_file = workdir / "progress.toml"
    ledger_file.write_bytes(ledger_file.read_bytes()[:-10])  # a torn end: the repair needs the lock
    result = run(runner, "check", "--repair")
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0 and "Read-only file system" in result.stderr


def test_export_xlsx_refuses_what_a_workbook_would_lose(runner: CliRunner, workdir: Path) -> None:
    recorded_id(run(runner, "record", "industrial-output", "318.6", "--date", "2025-03", "--note", "a\x0bb"))
    result = run(runner, "export", "-o", "e.xlsx")
    assert result.exit_code == 1 and "U+000B" in result.stderr and "toml or jsonl" in result.stderr
    assert not (workdir / "e.xlsx").exists()
    (workdir / "progress.toml").unlink()
    recorded_id(run(runner, "record", "industrial-output", "318.6", "--date", "2025-03", "--note", "长" * 40000))
    result = run(runner, "export", "-o", "e.xlsx")
    assert result.exit_code == 1 and "40,000 characters" in result.stderr
    assert run(runner, "export", "-f", "toml").exit_code == 0


def test_deeply_nested_toml_is_one_line(runner: CliRunner, workdir: Path) -> None:
    nested = "x = " + "[" * 20000 + "]" * 20000 + "\n"
    (workdir / "deep.toml").write_text(nested, encoding="utf-8")
    for args in (
        ("import", "deep.toml"),
        ("check", "--targets", "deep.toml"),
        ("import", "x.csv", "--map-file", "deep.toml"),
    ):
        (workdir / "x.csv").write_text("target,value\nindustrial-output,1\n", encoding="utf-8")
        result = run(runner, *args)
        assert result.exit_code == 1 and "nested too deeply" in result.stderr, (args, result.output)
    (workdir / "progress.toml").write_text(nested, encoding="utf-8")
    result = run(runner, "status")
    assert result.exit_code == 1 and "nested too deeply" in result.stderr


def test_an_argument_that_is_not_utf8_is_one_line(workdir: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), LANG="C.UTF-8")
    argv = [*TRACKER, "record", "industrial-output", "1", "--note"]
    result = subprocess.run([a.encode() for a in argv] + [b"\xff\xfe"], cwd=workdir, env=env, capture_output=True)
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1 and "not UTF-8" in result.stderr.decode()


# 9. Dates do not depend on the machine's zone.


def test_the_shipped_plan_and_init_name_shanghai(runner: CliRunner, tmp_path: Path) -> None:
    from ledger import load_plan

    assert load_plan(ROOT / "targets.toml").timezone == "Asia/Shanghai"
    assert run(runner, "init", str(tmp_path)).exit_code == 0
    assert load_plan(tmp_path / "targets.toml").timezone == "Asia/Shanghai"


def test_a_month_date_is_the_month_end_in_any_zone(workdir: Path) -> None:
    for zone in ("UTC", "Pacific/Kiritimati", "America/Adak"):
        env = dict(os.environ, PYTHONPATH=str(ROOT), LANG="C.UTF-8", TZ=zone)
        (workdir / "progress.toml").unlink(missing_ok=True)
        cmd = [*TRACKER, "record", "industrial-output", "318.6", "--date", "2025-03"]
        assert subprocess.run(cmd, cwd=workdir, env=env, capture_output=True).returncode == 0
        [e] = read_ledger(workdir / "progress.toml")
        assert e.date == date(2025, 3, 31) and e.recorded.utcoffset().total_seconds() == 8 * 3600  # type: ignore[union-attr]


# 8. A digest chain: evidence that nobody edited history.


def three_entries(runner: CliRunner, workdir: Path) -> tuple[Path, list[str]]:
    ids = [
        recorded_id(run(runner, "record", "industrial-output", v, "--date", d, "--by", "wang"))
        for v, d in (("318.6", "2025-03"), ("420", "2025-04"), ("530", "2025-05"))
    ]
    return workdir / "progress.toml", ids


def blocks(text: str) -> tuple[str, list[str]]:
    head, *rest = text.split("\n[[entry]]\n")
    return head, ["\n[[entry]]\n" + b for b in rest]


EDITS = {
    "value": lambda bs: [bs[0], bs[1].replace("value = 420", "value = 520"), bs[2]],
    "date": lambda bs: [bs[0], bs[1].replace("2025-04-30", "2025-04-29"), bs[2]],
    "recorded": lambda bs: [bs[0], bs[1].replace("recorded = 20", "recorded = 19"), bs[2]],
    "by": lambda bs: [bs[0], bs[1].replace('by = "wang"', 'by = "li"'), bs[2]],
    "deleted": lambda bs: [bs[0], bs[2]],
    "inserted": lambda bs: [
        bs[0],
        bs[1].replace("value = 420", "value = 421").replace('id = "', 'id = "f'),
        bs[1],
        bs[2],
    ],
    "reordered": lambda bs: [bs[0], bs[2], bs[1]],
}


@pytest.mark.parametrize("edit", EDITS)
def test_check_names_the_first_entry_a_hand_edit_broke(runner: CliRunner, workdir: Path, edit: str) -> None:
    ledger, ids = three_entries(runner, workdir)
    assert run(runner, "check").exit_code == 0
    head, bs = blocks(ledger.read_text(encoding="utf-8"))
    ledger.write_text(head + "".join(EDITS[edit](bs)), encoding="utf-8")
    result = run(runner, "check")
    assert result.exit_code == 1
    first = {"deleted": ids[2], "reordered": ids[2], "inserted": "f" + ids[1]}.get(edit, ids[1])
    assert f"entry {first}: no longer matches its digest" in result.stderr


def test_a_hand_edit_is_reported_first_and_its_neighbour_is_not_blamed(runner: CliRunner, workdir: Path) -> None:
    """June's 628.32 typed over as 682.32: July's 735.6 = 628.32 + 107.28 now reads as wrong, but
    the edit is the news, and amending July would bury it."""
    june = recorded_id(run(runner, "record", "industrial-output", "628.32", "--date", "2025-06"))
    july = recorded_id(
        run(runner, "record", "industrial-output", "735.6", "--date", "2025-07", "--month-value", "107.28")
    )
    assert run(runner, "check").exit_code == 0
    ledger = workdir / "progress.toml"
    ledger.write_text(ledger.read_text(encoding="utf-8").replace("value = 628.32", "value = 682.32"), "utf-8")
    result = run(runner, "check")
    assert result.exit_code == 1
    edited, judged = result.stderr.splitlines()
    assert f"entry {june}: no longer matches its digest" in edited
    assert f"entry {july}: the running total 735.6 亿元 is not the previous 682.32 亿元" in judged
    assert f"judged against entry {june} (line " in judged and f"tracker amend {july}" not in judged
    doc = json.loads(run(runner, "check", "--format", "json").stdout)
    assert [p["entry"] for p in doc["problems"]] == [june, july]


def test_a_hand_edit_is_reported_with_the_entries_wrong_for_the_plan(runner: CliRunner, workdir: Path) -> None:
    ledger, ids = three_entries(runner, workdir)
    ledger.write_text(ledger.read_text(encoding="utf-8").replace("2025-04-30", "2024-04-30"), "utf-8")
    lines = run(runner, "check").stderr.splitlines()
    assert len(lines) == 2
    assert f"entry {ids[1]}: no longer matches its digest" in lines[0]
    assert f"entry {ids[1]}: date 2024-04-30 is outside the plan period" in lines[1]


def test_a_ledger_kept_in_git_with_crlf_and_an_imported_one_still_verify(runner: CliRunner, workdir: Path) -> None:
    ledger, _ = three_entries(runner, workdir)
    ledger.write_bytes(ledger.read_bytes().replace(b"\n", b"\r\n"))  # core.autocrlf on Windows
    assert run(runner, "check").exit_code == 0
    (workdir / "export.toml").write_text(run(runner, "export", "-f", "toml").stdout, encoding="utf-8")
    ledger.unlink()
    recorded_id(run(runner, "record", "innovation-space", "1", "--date", "2025-05"))
    assert run(runner, "import", "export.toml").exit_code == 0
    assert run(runner, "check").exit_code == 0
    assert len({e.digest for e in read_ledger(ledger)}) == 4


def test_appends_to_a_crlf_ledger_keep_its_line_ends(runner: CliRunner, workdir: Path) -> None:
    ledger, _ = three_entries(runner, workdir)
    ledger.write_bytes(ledger.read_bytes().replace(b"\n", b"\r\n"))  # core.autocrlf on Windows
    recorded_id(run(runner, "record", "innovation-space", "1", "--date", "2025-05"))
    data = ledger.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") and b"[[entry]]\r\n" in data[-300:]
    assert run(runner, "check").exit_code == 0 and len(read_ledger(ledger)) == 4
    ledger.write_bytes(data.rstrip(b"\r\n"))  # an editor that drops the last line end
    recorded_id(run(runner, "record", "innovation-space", "2", "--date", "2025-06"))
    data = ledger.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") and len(read_ledger(ledger)) == 5


def test_a_ledger_written_before_digests_upgrades_with_one_command(runner: CliRunner, workdir: Path) -> None:
    ledger, ids = three_entries(runner, workdir)
    old = as_before_digests(ledger.read_text(encoding="utf-8"))
    ledger.write_text(old, encoding="utf-8")
    result = run(runner, "check")
    assert result.exit_code == 0 and "first 3 entries were written before digests" in result.stderr
    recorded_id(run(runner, "record", "industrial-output", "640", "--date", "2025-06"))  # appends chain on
    assert run(runner, "check").exit_code == 0
    upgraded = run(runner, "check", "--upgrade")
    assert upgraded.exit_code == 0 and "upgraded" in upgraded.stderr
    assert [e.id for e in read_ledger(ledger)][:3] == ids and all(e.digest for e in read_ledger(ledger))
    assert run(runner, "check").stderr == ""
    assert next(iter(workdir.glob("progress.toml.pre-upgrade-*"))).read_text(encoding="utf-8").startswith(old)


def test_digests_deleted_with_an_edit_are_an_error_not_an_older_ledger(runner: CliRunner, workdir: Path) -> None:
    """A value typed over and every `digest =` line deleted: the entries were recorded by a
    tracker that writes digests, so this is no ledger written before them."""
    ledger, ids = three_entries(runner, workdir)
    text = ledger.read_text(encoding="utf-8").replace("value = 420", "value = 402")
    ledger.write_text("".join(line for line in text.splitlines(True) if not line.startswith("digest = ")), "utf-8")
    result = run(runner, "check")
    assert result.exit_code == ExitCode.ERROR and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: progress.toml:4: entry {ids[0]}: has no digest, though it was recorded on ")
    assert "digests were deleted from the file" in line and "tracker check --upgrade" in line
    assert "first 3 entries were written before digests" not in result.stderr
    doc = json.loads(run(runner, "check", "--format", "json").stdout)
    assert [(p["line"], p["entry"]) for p in doc["problems"]] == [(4, ids[0])]
    # Only the first entry's recorded time backdated: the second is still caught, by its own line.
    first_block_end = text.index("[[entry]]", text.index("[[entry]]") + 1)
    head = as_before_digests(text[:first_block_end])
    rest = "".join(line for line in text[first_block_end:].splitlines(True) if not line.startswith("digest = "))
    ledger.write_text(head + rest, "utf-8")
    [line] = run(runner, "check").stderr.splitlines()
    assert f"entry {ids[1]}: has no digest, though it was recorded on " in line
    upgraded = run(runner, "check", "--upgrade")  # the way back once the change is known right
    assert upgraded.exit_code == 0 and run(runner, "check").exit_code == 0


def test_a_toml_export_of_part_of_the_ledger_is_a_ledger_of_its_own(runner: CliRunner, workdir: Path) -> None:
    (workdir / "june.csv").write_text(
        "target,date,value\nindustrial-output,2025-06-30,628\ninnovation-space,2025-06-30,2\n", encoding="utf-8"
    )
    assert run(runner, "import", "june.csv").exit_code == 0
    part = workdir / "part.toml"
    part.write_text(run(runner, "export", "-f", "toml", "--target", "industrial-output").stdout, encoding="utf-8")
    contents = load_ledger(part)
    assert contents.torn is None and [e.value for e in contents.entries] == [628]
    assert run(runner, "check", "--ledger", "part.toml").exit_code == 0
