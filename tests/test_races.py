"""Rules that depend on what the ledger holds, decided under its lock: imports, records and amends
started at the same moment, each judged on the ledger as the others left it.

The races run real ``tracker`` processes started together, a few times over; whichever way they
interleave, exactly one of the rival appends lands and every other is refused with the message
it gets when it comes second on its own (its import run again, alone, on the ledger the race
left). The lock's side is also shown without processes: an import, record or amend judged
before the lock on a ledger that another append has grown since is refused under the lock.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from ledger import Entry, TrackerError, load_ledger, load_plan
from ledger.corrections import amend
from ledger.importing import ImportResult, import_file
from ledger.meaning import check_ledger
from ledger.record import lock_checks, record
from ledger.store import append_entries
from ledger.view import AppendRefused
from tests.conftest import SHIPPED_PLAN

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX processes")

AUGUST = "临平经开区科技局2025年8月\n指标名称,本月新增（平方米）\n新增创新空间面积,8000\n"
AUGUST_FIXED = "临平经开区科技局2025年8月（更正）\n指标名称,本月新增（平方米）\n新增创新空间面积,8500\n"
CARRIERS = (
    "指标名称,载体名称,本月新增（平方米）,截至日期\n"
    "新增创新空间面积,东湖孵化园,3000,2025-03\n新增创新空间面积,临平科创中心,5000,2025-03\n"
)
ROUNDS = 2  # each round starts three processes at once; the machine running CI has few cores


def _tracker() -> str:
    found = shutil.which("tracker", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip("the tracker console script is not installed")
    return found


def _start(folder: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [_tracker(), *args], cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "COLUMNS": "80", "USER": "test"},
    )  # fmt: skip


def _race(folder: Path, *commands: tuple[str, ...]) -> list[tuple[int, str, str]]:
    """Run ``commands`` at once in ``folder``: (exit status, stdout, stderr) of each, in order."""
    procs = [_start(folder, *c) for c in commands]
    done = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        done.append((p.returncode, out, err))
    return done


def _alone(folder: Path, *command: str) -> tuple[int, str]:
    """``command`` run on its own in ``folder``: its exit status and stderr."""
    rc, _, err = _race(folder, command)[0]
    return rc, err


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(SHIPPED_PLAN, tmp_path / "targets.toml")
    (tmp_path / "a.csv").write_text(AUGUST, encoding="utf-8")
    (tmp_path / "b.csv").write_text(AUGUST_FIXED, encoding="utf-8")
    (tmp_path / "s.csv").write_text(CARRIERS, encoding="utf-8")
    return tmp_path


def _values(folder: Path) -> list[Decimal]:
    return [e.value for e in load_ledger(folder / "progress.toml").complete() if e.value is not None]


def test_a_sheet_and_its_corrected_copy_imported_at_once_land_once(folder: Path) -> None:
    """The trial's case c5: August's 8000 平方米 and the corrected 8500, imported by two people at
    the same moment, both landed (1.65 万平方米 where the sheets say 0.85). Now one lands, and the
    other is refused as it is when it comes second: the rule on additions to a month is decided
    on the ledger under the lock."""
    for _ in range(ROUNDS):
        (folder / "progress.toml").unlink(missing_ok=True)
        commands = [("import", "a.csv"), ("import", "b.csv"), ("import", "a.csv")]
        runs = _race(folder, *commands)
        landed = [n for n, (rc, _, _) in enumerate(runs) if rc == 0]
        assert len(landed) == 1, runs
        assert _values(folder) == [Decimal(8500) if commands[landed[0]] == ("import", "b.csv") else Decimal(8000)]
        for command, (rc, _, err) in zip(commands, runs, strict=True):
            if rc == 0:
                continue
            assert (rc, err) == _alone(folder, *command)
            assert rc == 1 and "--allow-duplicates" not in err
            if command != commands[landed[0]]:  # the other figure for August: an addition to the month
                assert "already added in 2025-08 by an earlier import or record" in err
            else:  # the same sheet: its addition is counted already
                assert err.splitlines()[-1].endswith("was this file imported before? its additions are counted already")
        assert len(load_ledger(folder / "progress.toml").complete()) == 1


def test_one_carrier_sheet_imported_three_times_at_once_lands_once_and_offers_no_allow_duplicates(
    folder: Path,
) -> None:
    """The trial's case c4: the losers' refusal, found under the lock, ended "--allow-duplicates
    records them anyway", which would count the carriers' additions twice. It is now the
    sequential refusal: "its additions are counted already"."""
    for _ in range(ROUNDS):
        (folder / "progress.toml").unlink(missing_ok=True)
        runs = _race(folder, *[("import", "s.csv")] * 3)
        assert sorted(rc for rc, _, _ in runs) == [0, 1, 1], runs
        assert sorted(_values(folder)) == [Decimal(3000), Decimal(5000)]
        alone = _alone(folder, "import", "s.csv")
        for rc, _, err in runs:
            if rc:
                assert (rc, err) == alone
                assert err.splitlines()[-1].endswith(
                    "; nothing was imported; was this file imported before? its additions are counted already"
                )
                assert "--allow-duplicates" not in err


def test_an_amend_into_a_month_and_a_record_into_it_at_once_land_once(folder: Path) -> None:
    """An addition moved into September by ``amend --date`` while another is recorded for
    September: whichever comes second is refused, under the lock, as it is on its own."""
    for _ in range(ROUNDS):
        (folder / "progress.toml").unlink(missing_ok=True)
        east = _race(folder, ("record", "innovation-space", "0.5", "--date", "2025-08", "--note", "东湖"))[0]
        assert east[0] == 0, east
        first = east[1].split()[1].rstrip(":")
        amend = ("amend", first, "--date", "2025-09", "--reason", "日期")
        other = ("record", "innovation-space", "0.6", "--date", "2025-09", "--note", "科创")
        runs = _race(folder, amend, other)
        assert sorted(rc for rc, _, _ in runs) == [0, 1], runs
        loser = 0 if runs[0][0] else 1
        assert (1, runs[loser][2]) == _alone(folder, *(amend, other)[loser])
        assert "would add to the" in runs[loser][2] and "already added in 2025-09" in runs[loser][2]
        assert len(load_ledger(folder / "progress.toml").complete()) == 2


JULY = (
    "指标名称,1—7月累计,本月,单位,截至日期\n"
    "工业总产值,765,125,亿元,2025年7月\n"
    "工业增加值增速,5.7,,%,2025年7月\n"
    "新增创新空间面积,,4.5,万平方米,2025年7月\n"
)


def test_a_corrected_sheet_imported_twice_at_once_after_the_void_lands_once(folder: Path) -> None:
    """July's sheet imported, its 新增 4.5 withdrawn, and the corrected sheet (1.5) imported by
    two people at the same moment: one records the 1.5, passing over the rows the ledger holds;
    the other passes over the same rows and is refused for the 1.5, counted already, as a third
    import alone is. July counts 1.5, never 3.0."""
    (folder / "jul.csv").write_text(JULY, encoding="utf-8")
    (folder / "jul-v2.csv").write_text(JULY.replace(",4.5,", ",1.5,"), encoding="utf-8")
    for _ in range(ROUNDS):
        (folder / "progress.toml").unlink(missing_ok=True)
        assert _alone(folder, "import", "jul.csv")[0] == 0
        space = load_ledger(folder / "progress.toml").complete()[-1].id
        assert _alone(folder, "void", space, "--reason", "更正")[0] == 0
        runs = _race(folder, *[("import", "jul-v2.csv")] * 3)
        assert sorted(rc for rc, _, _ in runs) == [0, 1, 1], runs
        alone = _alone(folder, "import", "jul-v2.csv")
        assert alone[1].startswith("note: jul-v2.csv: rows 2, 3 passed over: the same figures are in the ledger")
        assert (
            alone[1]
            .splitlines()[-1]
            .endswith("; nothing was imported; was this file imported before? its additions are counted already")
        )
        assert [(rc, err) for rc, _, err in runs if rc] == [alone, alone]
        counted = [e for e in load_ledger(folder / "progress.toml").complete() if e.target == "innovation-space"]
        assert [(e.value, e.void) for e in counted] == [(Decimal("4.5"), False), (None, True), (Decimal("1.5"), False)]


# The lock's side, without processes: judged before the lock on a ledger another append has grown.

RECORDED = datetime(2025, 9, 2, 8, 0, tzinfo=UTC)


def _import(folder: Path, name: str, existing: list[Entry]) -> ImportResult:
    plan = load_plan(folder / "targets.toml")
    data = (folder / name).read_bytes()
    return import_file(
        plan, folder / "progress.toml", name, data, existing=existing, recorded=RECORDED, by="test"
    )  # fmt: skip


def test_an_import_judged_before_another_landed_is_refused_under_the_lock_as_it_is_after(folder: Path) -> None:
    assert _import(folder, "a.csv", []).written
    after = load_ledger(folder / "progress.toml").complete()
    sequential = _import(folder, "b.csv", after)
    assert not sequential.written and sequential.problems
    late = _import(folder, "b.csv", [])  # read before a.csv landed: passes, then meets it under the lock
    assert not late.written and (late.notes, late.problems) == (sequential.notes, sequential.problems)
    assert str(sequential.problems[0]) == (
        f"b.csv: row 3: innovation-space 8500 平方米 as of 2025-08-31 would add to the 0.8 万平方米 already added "
        f"in 2025-08 by an earlier import or record (entry {after[0].id}): both would count; nothing was imported; "
        f"if this sheet corrects the earlier figures, withdraw the ones it replaces (tracker void {after[0].id} "
        "--reason 更正), then import it; if both add up (two carriers' sheets), import with --force"
    )
    assert _values(folder) == [Decimal(8000)]


def test_the_same_carrier_sheet_judged_before_the_other_landed_is_refused_without_allow_duplicates(
    folder: Path,
) -> None:
    assert _import(folder, "s.csv", []).written
    sequential = _import(folder, "s.csv", load_ledger(folder / "progress.toml").complete())
    late = _import(folder, "s.csv", [])
    assert not late.written and (late.notes, late.problems) == (sequential.notes, sequential.problems)
    assert str(sequential.problems[-1]).endswith(
        "; nothing was imported; was this file imported before? its additions are counted already"
    )
    assert len(_values(folder)) == 2


def test_an_import_kept_with_force_over_an_addition_found_under_the_lock_is_marked_forced(folder: Path) -> None:
    assert _import(folder, "a.csv", []).written
    plan = load_plan(folder / "targets.toml")
    data = (folder / "b.csv").read_bytes()
    result = import_file(
        plan, folder / "progress.toml", "b.csv", data, existing=[], recorded=RECORDED, by="test", force=True
    )  # fmt: skip
    assert result.written and [e.forced for e in result.entries] == [True]  # 8000 + 8500 add up: kept
    assert [e.forced for e in load_ledger(folder / "progress.toml").complete()] == [False, True]


def test_an_amend_judged_before_a_record_landed_is_refused_under_the_lock(folder: Path) -> None:
    plan = load_plan(folder / "targets.toml")
    path = folder / "progress.toml"
    east = record(plan, path, "innovation-space", "0.5", day=date(2025, 8, 31), note="东湖", recorded=RECORDED,
                  by="test")  # fmt: skip
    stale = load_ledger(path).complete()
    other = record(plan, path, "innovation-space", "0.6", day=date(2025, 9, 30), note="科创", recorded=RECORDED,
                   by="test")  # fmt: skip
    moved = amend(plan, stale, east.id, reason="日期", recorded=RECORDED, by="test", day=date(2025, 9, 30))
    with pytest.raises(AppendRefused) as refused:
        append_entries(path, [moved], validate=lock_checks(plan, force=False, allow_duplicates=False, command="amend"))
    assert str(refused.value) == (
        "innovation-space: innovation-space 0.5 万平方米 as of 2025-09-30 would add to the 0.6 万平方米 already added "
        f"in 2025-09 by an earlier import or record (entry {other.id}): both would count; nothing was recorded; if "
        f"it replaces what is there, withdraw that first (tracker void {other.id} --reason 更正) and amend it again; "
        "if both add up, keep it with --force"
    )
    [kept] = append_entries(path, [moved], validate=lock_checks(plan, force=True, allow_duplicates=False))
    assert kept.forced and len(load_ledger(path).complete()) == 3


def test_record_under_the_lock_tells_an_appends_entries_from_the_whole_file(folder: Path) -> None:
    """Under the lock ``record`` reads whole entries of its own target only; which of them came
    in one append is told from the whole file. Here a sheet's first row is 东湖's addition and its
    other rows are of other targets: among innovation-space's entries alone, the two additions
    recorded after it would look like that sheet's rows, and 东湖's corrected figure, recorded
    after the void, would not be seen adding to them."""
    plan = load_plan(folder / "targets.toml")
    path = folder / "progress.toml"
    july = date(2025, 7, 31)
    sheet = [
        Entry("s1", "innovation-space", july, RECORDED, Decimal("0.3"), "万平方米", note="东湖"),
        Entry("s2", "industrial-output", july, RECORDED, Decimal(765), "亿元"),
        Entry("s3", "value-added-growth", july, RECORDED, Decimal("5.7"), "%"),
    ]
    append_entries(path, sheet)
    for n, (value, note) in enumerate((("0.5", "科创"), ("0.2", "红丰")), 1):
        record(plan, path, "innovation-space", value, day=july, note=note, recorded=RECORDED.replace(minute=n),
               by="test", force=True)  # fmt: skip
    append_entries(path, [Entry("v1", "innovation-space", july, RECORDED, corrects="s1", void=True, reason="更正")])
    with pytest.raises(TrackerError) as refused:
        record(plan, path, "innovation-space", "0.35", day=july, note="东湖", recorded=RECORDED, by="test")
    assert "would add to the 0.7 万平方米 already added in 2025-07" in str(refused.value)
    entries = load_ledger(path).complete()
    kept = record(plan, path, "innovation-space", "0.35", day=july, note="东湖", recorded=RECORDED, by="test",
                  force=True)  # fmt: skip
    assert kept.forced
    unkept = Entry("x1", "innovation-space", july, RECORDED.replace(minute=9), Decimal("0.35"), "万平方米", note="东湖")
    assert [f.entry.id for f in check_ledger(plan, [*entries, unkept]) if f.entry is not None] == ["x1"]


def test_a_stale_import_of_other_targets_writes_without_a_second_judgement(folder: Path) -> None:
    """Nobody appended to the sheet's targets since it was judged: nothing to judge again."""
    plan = load_plan(folder / "targets.toml")
    record(plan, folder / "progress.toml", "industrial-output", "318.6", day=date(2025, 3, 31), recorded=RECORDED,
           by="test")  # fmt: skip
    assert _import(folder, "a.csv", []).written
    assert _values(folder) == [Decimal("318.6"), Decimal(8000)]


# Two appends of one second: two appends for `tracker check`, as for the rule at the append.


def test_check_names_two_one_row_imports_of_one_month_made_in_the_same_second(folder: Path) -> None:
    """The trial's case c5 left two one-row imports in the ledger (before the fix), stamped the
    same second: check took them for one append and said nothing. Each entry written alone is an
    append of its own."""
    plan = load_plan(folder / "targets.toml")
    a = Entry("a1", "innovation-space", date(2025, 8, 31), RECORDED, Decimal(8000), "平方米")
    b = Entry("b1", "innovation-space", date(2025, 8, 31), RECORDED, Decimal(8500), "平方米")
    found = check_ledger(plan, [a, b])
    assert [(f.entry.id if f.entry else None, f.added, f.against) for f in found] == [("b1", True, ("a1",))]
    assert found[0].message == (
        "innovation-space 8500 平方米 as of 2025-08-31 would add to the 0.8 万平方米 already added in 2025-08 by an "
        "earlier import or record (entry a1): both would count"
    )
    # An export's rows imported back keep their stamps: one stamp is one append of the ledger they came from.
    restored = [a._replace(batch=2, restored=True), b]
    assert check_ledger(plan, restored) == []
    # Rows of one sheet add up without a word, whatever their stamps.
    assert check_ledger(plan, [a._replace(batch=2), b._replace(recorded=RECORDED.replace(minute=1))]) == []


def test_check_names_the_pair_after_a_race_wrote_both(folder: Path) -> None:
    """A ledger written before the rule was decided under the lock (both one-row imports landed
    in one second): check exits 1 and names the second."""
    plan = load_plan(folder / "targets.toml")
    path = folder / "progress.toml"
    for value in ("8000", "8500"):
        append_entries(path, [Entry(f"x{value}", "innovation-space", date(2025, 8, 31), RECORDED, Decimal(value),
                                    "平方米")])  # fmt: skip
    rc, err = _alone(folder, "check")
    assert rc == 1
    assert "entry x8500: innovation-space 8500 平方米 as of 2025-08-31 would add to the 0.8 万平方米" in err
    assert len(check_ledger(plan, load_ledger(path).complete())) == 1


def test_two_records_of_one_addition_into_a_ledger_not_yet_made_land_once(folder: Path) -> None:
    """Judged before the lock when no ledger exists (so that a refusal leaves no lock file), each
    passes on no entries; under the lock the second meets the first and is refused."""
    for _ in range(ROUNDS):
        for made in ("progress.toml", "progress.toml.lock"):
            (folder / made).unlink(missing_ok=True)
        runs = _race(folder, *[("record", "innovation-space", "0.3", "--date", "2025-08")] * 2)
        assert sorted(rc for rc, _, _ in runs) == [0, 1], runs
        assert _values(folder) == [Decimal("0.3")]
        [refused] = [err for rc, _, err in runs if rc]
        assert refused.startswith("error: innovation-space 0.3 万平方米 as of 2025-08-31 is already in the ledger")
        assert refused.count("\n") == 1  # one line


def test_a_refused_record_into_a_ledger_not_yet_made_writes_nothing(folder: Path) -> None:
    rc, err = _alone(folder, "record", "value-added-growth", "58", "--date", "2025-02")
    assert (rc, err) == (
        1,
        "error: value-added-growth: 58 % as of 2025-02-28 is the first reading of the rate, 19.33 times last year's "
        "3% and 9.67 times its target 6%; is it 5.8%? a percentage typed into a cell formatted as one (5.8 shows as "
        "580%), or a slipped decimal point; nothing was recorded; if the figure is right, keep it with --force\n",
    )
    assert sorted(p.name for p in folder.iterdir()) == ["a.csv", "b.csv", "s.csv", "targets.toml"]  # no lock
    assert _alone(folder, "record", "value-added-growth", "5.8", "--date", "2025-02")[0] == 0
    assert (folder / "progress.toml.lock").exists()  # taken to write: left in place, as ever
