"""A department's corrected sheet sent again (the trial n6's case c2), and `--month-value` on a
target that is no running total: one refusal says everything, and following it succeeds."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import ExitCode, app
from ledger import Entry, load_plan, read_ledger

JULY = (
    "指标名称,1—7月累计,本月,单位,截至日期\n"
    "工业总产值,765,125,亿元,2025年7月\n"
    "工业增加值增速,5.7,,%,2025年7月\n"
    "新增创新空间面积,,4.5,万平方米,2025年7月\n"
)


def run(runner: CliRunner, *args: str):
    return runner.invoke(app, list(args))


def _sheets(workdir: Path, changed: tuple[str, str]) -> tuple[Path, Path]:
    first, second = workdir / "jul.csv", workdir / "jul-v2.csv"
    first.write_text(JULY, encoding="utf-8")
    second.write_text(JULY.replace(*changed), encoding="utf-8")
    return first, second


def _ledger(workdir: Path) -> list[tuple[object, ...]]:
    """The ledger as (target, date, value, unit, month value, corrects, void) for each entry, in file order."""
    return [
        (e.target, e.date, e.value, e.unit, e.month_value, e.corrects, e.void)
        for e in read_ledger(workdir / "progress.toml")
    ]


def _current(runner: CliRunner, target: str) -> object:
    out = run(runner, "status", "--format", "json", "--as-of", "2025-07-31")
    return next(t for a in json.loads(out.stdout)["actions"] for t in a["targets"] if t["id"] == target)["current"]


JULY_ENTRIES = [
    ("industrial-output", date(2025, 7, 31), Decimal(765), "亿元", Decimal(125), None, False),
    ("value-added-growth", date(2025, 7, 31), Decimal("5.7"), "%", None, None, False),
    ("innovation-space", date(2025, 7, 31), Decimal("4.5"), "万平方米", None, None, False),
]


def test_a_corrected_sheet_takes_one_refusal_one_void_and_one_import(runner: CliRunner, workdir: Path) -> None:
    """July's sheet, then the department's corrected one: the 新增 4.5 is 1.5, the rest the same.
    The one refusal names the entry to withdraw and says the unchanged rows, in the ledger
    already, will be passed over; after the void as told, the import records the 1.5 only
    (1.5 counts, not 4.5 + 1.5 = 6.0) and the running total and the rate are not written twice."""
    first, second = _sheets(workdir, (",4.5,", ",1.5,"))
    assert run(runner, "import", str(first)).exit_code == 0
    output, growth, space = (e.id for e in read_ledger(workdir / "progress.toml"))
    passed = (
        f"note: {second}: rows 2, 3 passed over: the same figures are in the ledger already (entries {output}, "
        f"{growth}), from the earlier sheet this one corrects\n"
    )
    refused = run(runner, "import", str(second))
    assert refused.exit_code == ExitCode.ERROR
    assert refused.stdout == ""
    assert refused.stderr == passed + (
        f"error: {second}: row 4: innovation-space 1.5 万平方米 as of 2025-07-31 would add to the 4.5 万平方米 already "
        f"added in 2025-07 by an earlier import or record (entry {space}): both would count"
        f"; nothing was imported; if this sheet corrects the earlier figures, withdraw the ones it "
        f"replaces (tracker void {space} --reason 更正), then import it again (rows 2, 3, in the ledger already, are "
        "passed over); if both add up (two carriers' sheets), import with --force\n"
    )
    assert _ledger(workdir) == JULY_ENTRIES  # nothing written on refusal
    assert run(runner, "void", space, "--reason", "更正").exit_code == 0
    done = run(runner, "import", str(second))
    assert (done.exit_code, done.stderr) == (0, passed)
    assert done.stdout == (
        f"imported 1 entry from {second} into progress.toml (1 in the unit of the sheet's unit column)\n"
    )
    assert _ledger(workdir) == [
        *JULY_ENTRIES,
        ("innovation-space", date(2025, 7, 31), None, None, None, space, True),
        ("innovation-space", date(2025, 7, 31), Decimal("1.5"), "万平方米", None, None, False),
    ]
    assert _current(runner, "innovation-space") == 1.5
    assert _current(runner, "industrial-output") == 765
    assert run(runner, "check").exit_code == 0
    # The same corrected sheet a third time: its addition is counted already, so it is refused.
    again = run(runner, "import", str(second))
    assert again.exit_code == ExitCode.ERROR
    assert again.stderr.splitlines()[-1].endswith(
        "; nothing was imported; was this file imported before? its additions are counted already"
    )
    assert again.stderr.splitlines()[-1].startswith(f"error: {second}: row 4: innovation-space 1.5 万平方米")
    assert len(_ledger(workdir)) == 5


def test_the_same_sheet_imported_twice_is_still_refused(runner: CliRunner, workdir: Path) -> None:
    """A sheet that corrects nothing passes nothing over: every row is a repeat, refused as before."""
    first, _ = _sheets(workdir, (",4.5,", ",1.5,"))
    assert run(runner, "import", str(first)).exit_code == 0
    again = run(runner, "import", str(first))
    assert again.exit_code == ExitCode.ERROR
    assert "passed over" not in again.stderr
    assert again.stderr.count("is already in the ledger as entry") == 3
    assert len(_ledger(workdir)) == 3


def test_a_corrected_running_total_counts_in_one_import(runner: CliRunner, workdir: Path) -> None:
    """A corrected sheet whose running total (kind total) changed, 765 → 766: a later reading of
    the same date is a revision (the later counts), so the import records it at once, says which
    entry it revises, and passes the unchanged rows over: the addition still counts once."""
    first, second = _sheets(workdir, (",765,", ",766,"))
    assert run(runner, "import", str(first)).exit_code == 0
    output, growth, space = (e.id for e in read_ledger(workdir / "progress.toml"))
    done = run(runner, "import", str(second))
    assert done.exit_code == 0
    assert done.stderr == (
        f"note: {second}: rows 3, 4 passed over: the same figures are in the ledger already (entries {growth}, "
        f"{space}), from the earlier sheet this one corrects\n"
        f"note: {second}: row 2: industrial-output 766 亿元 as of 2025-07-31 revises entry {output} (765 亿元): the "
        "later counts\n"
    )
    assert _ledger(workdir) == [
        *JULY_ENTRIES,
        ("industrial-output", date(2025, 7, 31), Decimal(766), "亿元", Decimal(125), None, False),
    ]
    assert _current(runner, "industrial-output") == 766
    assert _current(runner, "innovation-space") == 4.5
    assert run(runner, "check").exit_code == 0


def test_a_sheet_whose_addition_adds_up_passes_over_only_readings(runner: CliRunner, workdir: Path) -> None:
    """The refusal's other way out, --force (both additions add up): the 1.5 is recorded beside
    the 4.5 (6.0), and the running total and rate given again, which count once whatever
    happens, are passed over rather than refused."""
    first, second = _sheets(workdir, (",4.5,", ",1.5,"))
    assert run(runner, "import", str(first)).exit_code == 0
    done = run(runner, "import", str(second), "--force")
    assert done.exit_code == 0, done.stderr
    assert "rows 2, 3 passed over" in done.stderr
    assert [row[2] for row in _ledger(workdir)] == [Decimal(765), Decimal("5.7"), Decimal("4.5"), Decimal("1.5")]
    assert _current(runner, "innovation-space") == 6.0
    assert run(runner, "check").exit_code == 0  # kept with --force: said once, at the import


PLAN_TWO_ADDITIONS = """
[[target]]
id = "space"
action = "a"
name = "新增创新空间面积"
kind = "increment"
unit = "万平方米"
target = 50

[[target]]
id = "labs"
action = "a"
name = "新增研发机构"
kind = "increment"
unit = "家"
target = 40
"""


def test_a_sheet_with_an_unchanged_addition_and_a_changed_one_forced_refuses_the_repeat(
    runner: CliRunner, workdir: Path
) -> None:
    """Under --force (the additions add up: another carrier's sheet), an addition equal to one
    already recorded may be a second one or the same one again: it is refused as a repeat, never
    passed over unsaid nor counted twice."""
    from tests.helpers import write_plan

    write_plan(workdir, PLAN_TWO_ADDITIONS)
    head = "指标名称,本月新增,截至日期\n"
    (workdir / "a.csv").write_text(head + "新增创新空间面积,0.3,2025-08\n新增研发机构,2,2025-08\n", encoding="utf-8")
    (workdir / "b.csv").write_text(head + "新增创新空间面积,0.3,2025-08\n新增研发机构,3,2025-08\n", encoding="utf-8")
    assert run(runner, "import", "a.csv").exit_code == 0
    forced = run(runner, "import", "b.csv", "--force")
    assert forced.exit_code == ExitCode.ERROR
    assert "row 2: space 0.3 万平方米 as of 2025-08-31 is already in the ledger" in forced.stderr
    assert len(_ledger(workdir)) == 2


def test_a_corrected_carrier_sheet_withdraws_only_the_changed_carrier(runner: CliRunner, workdir: Path) -> None:
    """Two carriers' August additions, 3000 and 5000 平方米; the corrected sheet gives 5500 for
    the second. The refusal names only the 5000 to withdraw (the 3000, unchanged, is passed
    over); after that one void the import records 5500: 0.3 + 0.55 = 0.85 万平方米, and `check`
    reads the new 5500 as the corrected figure of the first sheet, not an addition apart."""
    head = "临平经开区科技局2025年8月创新空间建设情况\n指标名称,载体,本月新增（平方米）\n"
    first, fixed = workdir / "s.csv", workdir / "s-corrected.csv"
    first.write_text(head + "新增创新空间面积,临平新城科创园,3000\n新增创新空间面积,红丰创新带孵化器,5000\n")
    fixed.write_text(head + "新增创新空间面积,临平新城科创园,3000\n新增创新空间面积,红丰创新带孵化器,5500\n")
    assert run(runner, "import", str(first)).exit_code == 0
    a, b = (e.id for e in read_ledger(workdir / "progress.toml"))
    refused = run(runner, "import", str(fixed))
    assert refused.exit_code == ExitCode.ERROR
    assert refused.stderr.splitlines()[1:] == [
        f"note: {fixed}: row 3 passed over: the same figures are in the ledger already (entry {a}), from the "
        "earlier sheet this one corrects",
        f"error: {fixed}: row 4: innovation-space 5500 平方米 as of 2025-08-31 would add to the 0.5 万平方米 already "
        f"added in 2025-08 by an earlier import or record (entry {b}): both would count"
        f"; nothing was imported; if this sheet corrects the earlier figures, withdraw the ones it "
        f"replaces (tracker void {b} --reason 更正), then import it again (row 3, in the ledger already, is passed "
        "over); if both add up (two carriers' sheets), import with --force",
    ]
    assert run(runner, "void", b, "--reason", "更正").exit_code == 0
    done = run(runner, "import", str(fixed))
    assert done.exit_code == 0, done.stderr
    notes = [e.note for e in read_ledger(workdir / "progress.toml")]
    assert notes == ["临平新城科创园", "红丰创新带孵化器", None, "红丰创新带孵化器"]
    out = run(runner, "status", "--format", "json", "--as-of", "2025-08-31")
    space = next(t for a in json.loads(out.stdout)["actions"] for t in a["targets"] if t["id"] == "innovation-space")
    assert space["current"] == 0.85
    assert run(runner, "check").exit_code == 0


def test_check_reads_an_addition_for_a_withdrawn_one_as_its_sheets_correction() -> None:
    """A carrier's addition withdrawn (void) and given again for the same month and carrier
    (an import or `record` after the void) belongs with the sheet it corrects: not an addition
    to that sheet's month; one for another carrier still is."""
    from ledger.meaning import check_ledger
    from tests.conftest import SHIPPED_PLAN

    plan = load_plan(SHIPPED_PLAN)
    at = datetime(2025, 9, 2, 8, 0, tzinfo=UTC)
    day = date(2025, 8, 31)
    kept = Entry("a1", "innovation-space", day, at, Decimal(3000), "平方米", note="东湖", batch=2)
    wrong = Entry("a2", "innovation-space", day, at, Decimal(5000), "平方米", note="临平")
    void = Entry("v1", "innovation-space", day, at + timedelta(days=1), corrects="a2", void=True, reason="更正")
    fixed = Entry("b1", "innovation-space", day, at + timedelta(days=2), Decimal(5500), "平方米", note="临平")
    assert check_ledger(plan, [kept, wrong, void, fixed]) == []
    other = fixed._replace(note="红丰")
    found = check_ledger(plan, [kept, wrong, void, other])
    assert [(f.entry.id if f.entry else None, f.added, f.against) for f in found] == [("b1", True, ("a1",))]


def test_month_value_on_an_addition_names_the_command_to_run(runner: CliRunner, workdir: Path) -> None:
    """`--month-value` is the month's own figure beside a running total; an addition already is
    the month's own figure: the refusal, one line, gives the `record` of the month figure alone,
    and running it records it."""
    refused = run(runner, "record", "innovation-space", "2.0", "--date", "2025-08", "--month-value", "1.0")
    assert (refused.exit_code, refused.stdout) == (ExitCode.ERROR, "")
    assert refused.stderr == (
        "error: innovation-space: --month-value goes with running totals (kind total); innovation-space is an "
        "increment, whose figure already is the month's own addition (本月); give the month's addition as the figure, "
        "without --month-value: tracker record innovation-space 1.0 --date 2025-08-31\n"
    )
    assert not (workdir / "progress.toml").exists()
    with_unit = run(
        runner, "record", "innovation-space", "20000", "--unit", "平方米", "-d", "2025-08", "--month-value", "10000"
    )
    assert with_unit.stderr.endswith(": tracker record innovation-space 10000 --date 2025-08-31 --unit 平方米\n")
    rate = run(runner, "record", "value-added-growth", "5.6", "--date", "2025-08", "--month-value", "1.0")
    assert rate.stderr == (
        "error: value-added-growth: --month-value goes with running totals (kind total); this one is a rate; give the "
        "figure alone, without --month-value: tracker record value-added-growth 5.6 --date 2025-08-31\n"
    )
    milestone = run(
        runner,
        "record",
        "cluster-zones",
        "in_progress",
        "--milestone",
        "robotics",
        "-d",
        "2025-08",
        "--month-value",
        "1",
    )
    assert milestone.stderr == (
        "error: cluster-zones: --month-value goes with running totals (kind total); this is a milestone target; give "
        "the status alone, without --month-value: tracker record cluster-zones in_progress --date 2025-08-31 "
        "--milestone robotics\n"
    )
    assert not (workdir / "progress.toml").exists()
    told = run(runner, "record", "innovation-space", "1.0", "--date", "2025-08-31")
    assert told.exit_code == 0
    [recorded] = read_ledger(workdir / "progress.toml")
    assert (recorded.value, recorded.unit, recorded.month_value) == (Decimal("1.0"), "万平方米", None)
    amend = run(runner, "amend", recorded.id, "2.0", "--month-value", "1.0", "--reason", "核实")
    assert (amend.exit_code, amend.stderr) == (
        ExitCode.ERROR,
        "error: innovation-space: --month-value goes with running totals (kind total); innovation-space is an "
        "increment, whose figure already is the month's own addition (本月); give the month's addition as the figure, "
        f"without --month-value: tracker amend {recorded.id} 1.0 --reason …\n",
    )
    assert len(read_ledger(workdir / "progress.toml")) == 1


def test_a_corrected_sheet_whose_correction_was_amended_already_adds_nothing(runner: CliRunner, workdir: Path) -> None:
    """The 1.5 was phoned in and amended before the corrected sheet came: every row of the sheet
    is then what counts already, so the import (and its dry run) passes all three over and writes
    nothing; the original sheet imported again is still refused (its 4.5 was corrected)."""
    first, second = _sheets(workdir, (",4.5,", ",1.5,"))
    assert run(runner, "import", str(first)).exit_code == 0
    output, growth, space = (e.id for e in read_ledger(workdir / "progress.toml"))
    assert run(runner, "amend", space, "1.5", "--reason", "电话核实").exit_code == 0
    fixed = read_ledger(workdir / "progress.toml")[-1].id
    day = read_ledger(workdir / "progress.toml")[-1].recorded.date().isoformat()
    passed = (  # two from the sheet, one from the amend: said as such, not as the earlier sheet's
        f"note: {second}: rows 2, 3, 4 passed over: the same figures are in the ledger already (entries {output}, "
        f"{growth}, {fixed}), from an earlier import on {day} and an entry recorded on {day}\n"
    )
    dry = run(runner, "import", str(second), "--dry-run")
    assert (dry.exit_code, dry.stderr) == (
        0,
        passed + "dry run: 0 entries would be recorded in progress.toml; nothing was written\n",
    )
    done = run(runner, "import", str(second))
    assert (done.exit_code, done.stderr, done.stdout) == (
        0,
        passed,
        f"imported 0 entries from {second} into progress.toml\n",
    )
    assert len(read_ledger(workdir / "progress.toml")) == 4
    assert run(runner, "import", str(first)).exit_code == ExitCode.ERROR
    assert len(read_ledger(workdir / "progress.toml")) == 4


def test_a_dry_run_of_a_corrected_sheet_shows_only_the_rows_it_would_record(runner: CliRunner, workdir: Path) -> None:
    """`--dry-run` reads each row it would record and no other: the revised running total only."""
    first, second = _sheets(workdir, (",765,", ",766,"))
    assert run(runner, "import", str(first)).exit_code == 0
    dry = run(runner, "import", str(second), "--dry-run")
    assert dry.exit_code == 0
    assert dry.stdout == (
        "row 2: industrial-output = 766 亿元 as of 2025-07-31 — figure: column '1—7月累计' (B2); unit: 单位 cell (D2); "
        "a running total (1—N月累计); 本月 125 亿元: column '本月' (C2); date: the date column; target: name in column "
        "'指标名称' (A2)\n"
    )
    assert dry.stderr.endswith("dry run: 1 entry would be recorded in progress.toml; nothing was written\n")
    assert len(read_ledger(workdir / "progress.toml")) == 3


def test_a_reading_revised_since_is_not_passed_over_as_recorded(runner: CliRunner, workdir: Path) -> None:
    """July's 增速 5.7 was revised to 5.8 (a later reading of the date, which counts); a sheet
    giving 5.7 again beside a changed addition does not pass the 5.7 over as "in the ledger
    already" (it no longer counts) nor call it a revision: it is refused as the repeat it is."""
    first, second = _sheets(workdir, (",4.5,", ",2.5,"))
    assert run(runner, "import", str(first)).exit_code == 0
    output = read_ledger(workdir / "progress.toml")[0].id
    assert run(runner, "record", "value-added-growth", "5.8", "--date", "2025-07").exit_code == 0
    refused = run(runner, "import", str(second))
    assert refused.exit_code == ExitCode.ERROR
    lines = refused.stderr.splitlines()
    assert lines[0] == (
        f"note: {second}: row 2 passed over: the same figures are in the ledger already (entry {output}), from the "
        "earlier sheet this one corrects"
    )
    assert lines[1].startswith(f"error: {second}: row 3: value-added-growth 5.7 % as of 2025-07-31 is already in the ")
    assert "revises" not in refused.stderr
    assert len(read_ledger(workdir / "progress.toml")) == 4


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    # From 50 平方米: a smaller addition is under a ten-thousandth of the 50 万平方米 goal, refused as a slip.
    first=st.lists(st.integers(min_value=50, max_value=9000), min_size=1, max_size=4),
    changes=st.lists(st.one_of(st.none(), st.integers(min_value=50, max_value=9000)), min_size=4, max_size=4),
)
def test_following_the_refusal_of_a_corrected_carrier_sheet_counts_the_sheet_once(
    runner: CliRunner, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
    first: list[int], changes: list[int | None],
) -> None:  # fmt: skip
    """Carriers' additions for August, then the corrected sheet with any of them changed: running
    the `tracker void` lines the refusal gives and importing again succeeds, and the month then
    adds up to the corrected sheet's figures, each counted once, whatever changed."""
    import re
    import shutil

    from tests.conftest import SHIPPED_PLAN

    folder = tmp_path_factory.mktemp("resent")
    shutil.copy(SHIPPED_PLAN, folder / "targets.toml")
    monkeypatch.chdir(folder)
    second = [c if c is not None else f for f, c in zip(first, changes, strict=False)]
    head = "指标名称,载体名称,本月新增（平方米）,截至日期\n"

    def sheet(name: str, figures: list[int]) -> str:
        rows = "".join(f"新增创新空间面积,载体{i},{f},2025-08\n" for i, f in enumerate(figures))
        (folder / name).write_text(head + rows, encoding="utf-8")
        return name

    assert run(runner, "import", sheet("a.csv", first)).exit_code == 0
    said = run(runner, "import", sheet("b.csv", second))
    if second != first:
        assert said.exit_code == ExitCode.ERROR, said.stderr
        for entry_id in re.findall(r"tracker void (\w+) --reason 更正", said.stderr):
            assert run(runner, "void", entry_id, "--reason", "更正").exit_code == 0
        done = run(runner, "import", "b.csv")
        assert done.exit_code == 0, done.stderr
    out = run(runner, "status", "--format", "json", "--as-of", "2025-08-31")
    space = next(t for a in json.loads(out.stdout)["actions"] for t in a["targets"] if t["id"] == "innovation-space")
    assert Decimal(str(space["current"])) == Decimal(sum(second)) / 10000
    assert run(runner, "check").exit_code == 0


# The figures a corrected sheet shares with the ledger came from `record`, not from a sheet: the
# note said 'from the earlier sheet this one corrects' all the same. It says where they came from.
def test_rows_passed_over_say_they_were_recorded_when_they_were(runner: CliRunner, workdir: Path) -> None:
    second = workdir / "jul-v2.csv"  # the running total corrected, 765 → 766; the growth as recorded
    second.write_text("\n".join(JULY.replace(",765,", ",766,").splitlines()[:3]) + "\n", encoding="utf-8")
    for target, *figure in (
        ("industrial-output", "765", "--month-value", "125", "--unit", "亿元"),
        ("value-added-growth", "5.7", "--unit", "%"),
    ):
        assert run(runner, "record", target, *figure, "--date", "2025-07").exit_code == 0
    _, growth = read_ledger(workdir / "progress.toml")
    done = run(runner, "import", str(second))
    assert done.exit_code == 0, done.output
    assert done.stderr.splitlines()[0] == (
        f"note: {second}: row 3 passed over: the same figures are in the ledger already (entry {growth.id}), from an "
        f"entry recorded on {growth.recorded.date().isoformat()}"
    )
    assert _ledger(workdir)[2:] == [
        ("industrial-output", date(2025, 7, 31), Decimal(766), "亿元", Decimal(125), None, False),
    ]
