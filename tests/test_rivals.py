"""Two different figures for one target and date in one sheet (rivals): the import refuses them,
naming both rows, unless --force; `check` finds a pair an earlier import left in the ledger.

Before, the later row silently won: 950.1 and 951.1 亿元 for 工业总产值 as of 2025-09 imported
as 951.1, and the 950.1 was never mentioned again.
"""

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
from ledger import load_ledger, load_plan
from ledger.chain import verify
from ledger.entries import Entry
from ledger.errors import LedgerError
from ledger.meaning import check_ledger, check_new
from ledger.numbers import plain
from ledger.store import append_entries
from ledger.units import exact
from tests.helpers import RECORDED

HEADER = "指标名称,本月,累计,单位,截至日期,状态,里程碑\n"


def run(runner: CliRunner, *args: str):
    return runner.invoke(app, list(args))


def _sheet(folder: Path, rows: str) -> str:
    path = folder / "sheet.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return str(path)


def test_two_figures_for_one_total_and_date_are_refused_naming_both_rows(runner: CliRunner, workdir: Path) -> None:
    sheet = _sheet(
        workdir,
        "工业总产值,,950.1,亿元,2025-09,,\n工业增加值增速,,6.1,%,2025-09,,\n规模以上工业总产值,,951.1,亿元,2025-09,,\n",
    )
    result = run(runner, "import", sheet)
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr.splitlines() == [
        f"error: {sheet}: row 4: industrial-output is given two figures as of 2025-09-30: 950.1 亿元 (row 2) and "
        "951.1 亿元 (row 4); only the later would count; nothing was imported; delete the row that is wrong, or "
        "record both with --force (the later counts)",
    ]
    assert not (workdir / "progress.toml").exists()
    assert run(runner, "import", sheet, "--dry-run").exit_code == ExitCode.ERROR  # the dry run says so too

    kept = run(runner, "import", sheet, "--force")
    assert kept.exit_code == 0, kept.output
    written = load_ledger(workdir / "progress.toml").entries
    assert [(e.value, e.forced) for e in written] == [(Decimal("950.1"), False), (Decimal("6.1"), False),
                                                       (Decimal("951.1"), True)]  # fmt: skip
    status = json.loads(run(runner, "status", "-f", "json", "--as-of", "2025-09-30").stdout)
    output = next(t for a in status["actions"] for t in a["targets"] if t["id"] == "industrial-output")
    assert output["current"] == 951.1
    assert run(runner, "check").exit_code == 0  # kept by a person: not reported again


def test_rates_ranks_and_statuses_have_rivals_too_but_additions_add_up(runner: CliRunner, workdir: Path) -> None:
    rate = _sheet(workdir, "工业增加值增速,,6.1,%,2025-09,,\n工业增加值增速,,6.3,%,2025-09,,\n")
    refused = run(runner, "import", rate)
    assert "row 3: value-added-growth is given two figures as of 2025-09-30: 6.1 % (row 2) and 6.3 % (row 3)" in (
        refused.stderr
    )
    rank = _sheet(workdir, "国考排名,,75,位,2025-09,,\n国考排名,,74,位,2025-09,,\n")
    assert "national-rank is given two figures as of 2025-09-30: 75 位 (row 2) and 74 位 (row 3)" in (
        run(runner, "import", rank).stderr
    )
    status = _sheet(
        workdir,
        "半导体、机器人、IVD等产业集聚区建设,,,,2025-09,推进中,半导体产业集聚区\n"
        "半导体、机器人、IVD等产业集聚区建设,,,,2025-09,已完成,半导体产业集聚区\n"
        "半导体、机器人、IVD等产业集聚区建设,,,,2025-09,已完成,机器人产业集聚区\n",
    )
    said = run(runner, "import", status).stderr
    assert (
        "row 3: cluster-zones (semiconductor) is given two figures as of 2025-09-30: in_progress (row 2) and " in said
    )
    assert "row 4" not in said  # another milestone: no rival
    assert not (workdir / "progress.toml").exists()

    additions = _sheet(workdir, "新增创新空间面积,3,,万平方米,2025-09,,\n新增创新空间面积,2.5,,万平方米,2025-09,,\n")
    assert run(runner, "import", additions).exit_code == 0  # two additions of one month: both count
    summed = json.loads(run(runner, "status", "-f", "json", "--as-of", "2025-09-30").stdout)
    space = next(t for a in summed["actions"] for t in a["targets"] if t["id"] == "innovation-space")
    assert space["current"] == 5.5


def test_a_figure_recorded_again_later_is_a_revision_not_a_rival(runner: CliRunner, workdir: Path) -> None:
    assert run(runner, "record", "industrial-output", "950.1", "-d", "2025-09").exit_code == 0
    sheet = _sheet(workdir, "工业总产值,,951.1,亿元,2025-09,,\n")
    assert run(runner, "import", sheet).exit_code == 0
    assert run(runner, "check").exit_code == 0


SCALE = {"亿元": 1, "万元": 10**4, "元": 10**8}  # 1 亿 = 10⁴ 万 = 10⁸


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    st.decimals(min_value=150, max_value=1300, places=2),
    st.decimals(min_value=150, max_value=1300, places=2),
    st.sampled_from(list(SCALE)),
    st.sampled_from(list(SCALE)),
)
def test_any_two_figures_in_one_sheet_are_one_row_too_many(
    workdir: Path, first: Decimal, second: Decimal, unit_a: str, unit_b: str
) -> None:
    """Every pair of figures for one total and date in one sheet, in any two units: the same
    amount is a repeat ("one row is enough"), another amount a rival naming both rows; never
    imported silently."""
    from ledger.importing import import_file

    plan = load_plan(workdir / "targets.toml")
    # Amounts in 亿元 between 150 and 1,300, written in each unit: within 10× of each other and of
    # the target's nine months, so no slip-of-scale finding comes first.
    a, b = first * SCALE[unit_a], second * SCALE[unit_b]
    data = f"指标名称,累计,单位,截至日期\n工业总产值,{a},{unit_a},2025-09\n工业总产值,{b},{unit_b},2025-09\n"
    result = import_file(
        plan, workdir / "none.toml", "s.csv", data.encode(), existing=[], recorded=RECORDED, by="t", dry_run=True
    )
    messages = [str(p) for p in result.problems]
    assert len(messages) == 1  # one line: the row's problem, nothing imported, what to do
    if exact(a, unit_a, "亿元") == exact(b, unit_b, "亿元"):
        assert messages[0].endswith(
            "is given twice: row 2 has it too; one row is enough; nothing was imported; delete the repeated row, or "
            "record both with --allow-duplicates"
        )
    else:
        assert messages[0] == (
            f"s.csv: row 3: industrial-output is given two figures as of 2025-09-30: {plain(a)} {unit_a} (row 2) "
            f"and {plain(b)} {unit_b} (row 3); only the later would count; nothing was imported; delete the row "
            "that is wrong, or record both with --force (the later counts)"
        )


def _ledger_with(folder: Path, *entries: Entry) -> Path:
    plan = load_plan(folder / "targets.toml")
    append_entries(plan.ledger, list(entries))
    return plan.ledger


AT = datetime(2025, 10, 10, 9, 0, tzinfo=UTC)


def test_check_finds_rivals_an_earlier_import_left_and_says_how_to_withdraw_one(
    runner: CliRunner, workdir: Path
) -> None:
    """A ledger written by an import that let both rows through: the entries came in one append
    (its first entry says ``batch = 3``), so `check` can tell them from a later revision."""
    _ledger_with(
        workdir,
        Entry("aaaa000001", "industrial-output", date(2025, 9, 30), AT, value=Decimal("950.1"), unit="亿元"),
        Entry("aaaa000002", "value-added-growth", date(2025, 9, 30), AT, value=Decimal("6.1"), unit="%"),
        Entry("aaaa000003", "industrial-output", date(2025, 9, 30), AT, value=Decimal("951.1"), unit="亿元"),
    )
    found = run(runner, "check")
    assert found.exit_code == ExitCode.ERROR
    assert found.stderr.splitlines() == [
        "error: progress.toml:23: entry aaaa000003: industrial-output is given two figures as of 2025-09-30: "
        "950.1 亿元 (entry aaaa000001) and 951.1 亿元 (entry aaaa000003), in one import; only the later counts; "
        "withdraw the wrong one: tracker void aaaa000001 --reason …, or tracker void aaaa000003 --reason …; or "
        "keep both: tracker amend aaaa000003 --force --reason …"
    ]
    before = (workdir / "progress.toml").read_bytes()
    assert run(runner, "void", "aaaa000001", "--reason", "错行").exit_code == 0
    assert run(runner, "check").exit_code == 0
    (workdir / "progress.toml").write_bytes(before)  # or the later one was the wrong one
    assert run(runner, "void", "aaaa000003", "--reason", "错行").exit_code == 0
    assert run(runner, "check").exit_code == 0


def test_entries_appended_one_by_one_are_revisions_for_check(workdir: Path) -> None:
    plan = load_plan(workdir / "targets.toml")
    first = Entry("aaaa000001", "industrial-output", date(2025, 9, 30), AT, value=Decimal("950.1"), unit="亿元")
    again = first._replace(id="aaaa000002", value=Decimal("951.1"))
    _ledger_with(workdir, first)
    _ledger_with(workdir, again)  # the same second, but another append: `record` run twice
    assert check_ledger(plan, load_ledger(plan.ledger).entries) == []
    assert [f.rival for f in check_new(plan, [], [first, again])] == [True]  # as one import: rivals
    assert check_new(plan, [first], [again]) == []  # the second against the ledger: a revision


def test_an_export_with_a_revision_imports_back_without_force(runner: CliRunner, workdir: Path) -> None:
    """An export holds each entry's own ``recorded`` stamp: a figure recorded again an hour later
    for the same date is history (the later counts), not two rows that disagree."""
    first = Entry("aaaa000001", "industrial-output", date(2025, 9, 30), AT, value=Decimal("950.1"), unit="亿元")
    _ledger_with(workdir, first)
    _ledger_with(workdir, first._replace(id="aaaa000002", value=Decimal("951.1"), recorded=AT + timedelta(hours=1)))
    exported = workdir / "all.csv"
    assert run(runner, "export", "-o", str(exported)).exit_code == 0
    copy = run(runner, "import", str(exported), "--ledger", str(workdir / "copy.toml"))
    assert copy.exit_code == 0, copy.output
    assert [e.value for e in load_ledger(workdir / "copy.toml").entries] == [Decimal("950.1"), Decimal("951.1")]
    assert run(runner, "check", "--ledger", str(workdir / "copy.toml")).exit_code == 0


# --- a running total that falls -----------------------------------------------------------------


def _july(runner: CliRunner) -> None:
    for day, total, month in (("2025-06", "628.3", "96.7"), ("2025-07", "730.3", "102.0")):
        assert run(runner, "record", "industrial-output", total, "-d", day, "--month-value", month).exit_code == 0


def test_a_months_figure_typed_as_the_running_total_is_refused(runner: CliRunner, workdir: Path) -> None:
    """August's own 112.4 typed as the 1—8月 total after July's 730.3: 6.5 times less, which the
    10-times check lets pass, but a running total never falls."""
    _july(runner)
    refused = run(runner, "record", "industrial-output", "112.4", "-d", "2025-08")
    assert refused.exit_code == ExitCode.ERROR
    assert refused.stderr == (
        "error: industrial-output: 112.4 亿元 as of 2025-08-31 is less than 730.3 亿元 as of 2025-07-31, but a 1—N月 "
        "running total never falls: if one is a single month's own figure (本月, 8月), give it as the month figure "
        "beside the running total (--month-value, or the sheet's 本月 column); nothing was recorded; if the figure is "
        "right, keep it with --force\n"
    )
    sheet = _sheet(workdir, "工业总产值,,112.4,亿元,2025-08,,\n")
    assert "row 2: 112.4 亿元 as of 2025-08-31 is less than 730.3 亿元 as of 2025-07-31" in (
        run(runner, "import", sheet).stderr
    )
    older = _sheet(workdir, "工业总产值,,800,亿元,2025-05,,\n")  # May after July, above it
    assert "800 亿元 as of 2025-05-31 is more than the later 628.3 亿元 as of 2025-06-30" in (
        run(runner, "import", older).stderr
    )
    # July's own 102.0 typed again as July's total: a revision of its date, held to June's.
    again = run(runner, "record", "industrial-output", "102.0", "-d", "2025-07").stderr
    assert "102.0 亿元 as of 2025-07-31 is less than 628.3 亿元 as of 2025-06-30, but a 1—N月 running total" in again
    assert run(runner, "record", "industrial-output", "842.7", "-d", "2025-08").exit_code == 0  # it grew
    assert run(runner, "record", "industrial-output", "700", "-d", "2025-07").exit_code == 0  # a revision
    # A revision of July above August's total: it may not rise above the month after either.
    above = run(runner, "record", "industrial-output", "900", "-d", "2025-07").stderr
    assert "900 亿元 as of 2025-07-31 is more than the later 842.7 亿元 as of 2025-08-31" in above
    filled = _sheet(workdir, "工业总产值,,850,亿元,2025-07,,\n")  # a month filled in after the next
    assert "850 亿元 as of 2025-07-31 is more than the later 842.7 亿元" in run(runner, "import", filled).stderr


def test_check_finds_a_running_total_that_fell_and_a_stock_may_fall(runner: CliRunner, workdir: Path) -> None:
    _july(runner)
    assert run(runner, "record", "industrial-output", "112.4", "-d", "2025-08", "--force").exit_code == 0
    assert run(runner, "check").exit_code == 0  # kept by a person
    _ledger_with(
        workdir, Entry("aaaa000009", "industrial-output", date(2025, 9, 30), AT, value=Decimal("100"), unit="亿元")
    )
    found = run(runner, "check").stderr
    assert "entry aaaa000009: 100 亿元 as of 2025-09-30 is less than 112.4 亿元 as of 2025-08-31" in found, found


def test_a_stock_may_fall_and_a_loss_may_deepen() -> None:
    """A stock (a total with a baseline) is read as it stands; a running total at or below 0 may
    fall (a running loss); neither is judged for falling. Held on the meaning checks' test plan."""
    from tests.test_meaning_fast import PLAN

    def entry(n: int, target: str, day: date, value: str) -> Entry:
        return Entry(f"e{n}", target, day, AT + timedelta(minutes=n), value=Decimal(value))

    stock = [entry(1, "stock", date(2025, 7, 31), "150"), entry(2, "stock", date(2025, 8, 31), "120")]
    assert check_new(PLAN, stock[:1], stock[1:]) == []
    loss = [entry(1, "output", date(2025, 7, 31), "-5"), entry(2, "output", date(2025, 8, 31), "-9")]
    assert check_new(PLAN, loss[:1], loss[1:]) == []
    fell = [entry(1, "output", date(2025, 7, 31), "730.3"), entry(2, "output", date(2025, 8, 31), "112.4")]
    [finding] = check_new(PLAN, fell[:1], fell[1:])
    assert (finding.entry, finding.against) == (fell[1], ("e1",))
    assert check_ledger(PLAN, fell) == [finding]


def test_an_export_with_voids_restores_into_an_empty_ledger(runner: CliRunner, workdir: Path) -> None:
    """A wrong 84.3 withdrawn after the fact: the export carries both and the void; imported back,
    950.1 was judged against the withdrawn 84.3 and refused as 11.3 times off."""
    _july(runner)
    wrong = run(runner, "record", "industrial-output", "84.3", "-d", "2025-08", "--force").stdout.split()[1].rstrip(":")
    assert run(runner, "void", wrong, "--reason", "错录").exit_code == 0
    assert run(runner, "record", "industrial-output", "842.7", "-d", "2025-08").exit_code == 0
    for copy in _restored_copies(runner, workdir, "2025-08-31"):
        assert run(runner, "check", "--ledger", str(copy)).exit_code == 0


def _restored_copies(runner: CliRunner, workdir: Path, as_of: str) -> list[Path]:
    """The ledger exported in each format and imported back into a new ledger each, every one
    checked to give the same `status -f json` as of ``as_of``; their paths."""
    status = run(runner, "status", "-f", "json", "--as-of", as_of).stdout
    copies = []
    for fmt in ("csv", "jsonl", "toml", "xlsx"):
        exported = workdir / f"all.{fmt}"
        assert run(runner, "export", "-o", str(exported)).exit_code == 0
        copy = workdir / f"copy-{fmt}.toml"
        restored = run(runner, "import", str(exported), "--ledger", str(copy))
        assert restored.exit_code == 0, (fmt, restored.output)
        assert run(runner, "status", "-f", "json", "--as-of", as_of, "--ledger", str(copy)).stdout == status
        copies.append(copy)
    return copies


def test_two_records_in_one_second_restore_from_an_export(runner: CliRunner, workdir: Path) -> None:
    """Two `record` runs for one date within one second share a `recorded` stamp, as a sheet's
    rows do; an export carries each entry's own stamp, so imported back they are the ledger's
    revision (the later counts), not rival rows of one sheet."""
    first = Entry("aaaa000001", "industrial-output", date(2025, 7, 31), AT, value=Decimal("730.3"), unit="亿元")
    _ledger_with(workdir, first)
    _ledger_with(workdir, first._replace(id="aaaa000002", value=Decimal("735.6")))
    for copy in _restored_copies(runner, workdir, "2025-07-31"):
        # One append now, the two sharing a stamp: the append says it restored them, so `check`
        # reads them as the revision they were, not as two rows of one sheet.
        written = load_ledger(copy).entries
        assert [(e.value, e.batch, e.restored) for e in written] == [
            (Decimal("730.3"), 2, True), (Decimal("735.6"), None, False)
        ]  # fmt: skip
        checked = run(runner, "check", "--ledger", str(copy))
        assert (checked.exit_code, checked.stderr) == (0, ""), (copy, checked.stderr)
        assert "restored" not in run(runner, "export", "--ledger", str(copy), "-f", "csv").stdout
    sheet = _sheet(workdir, "工业总产值,,730.3,亿元,2025-07,,\n工业总产值,,735.6,亿元,2025-07,,\n")
    assert "is given two figures" in run(runner, "import", sheet, "--ledger", str(workdir / "s.toml")).stderr
    kept = run(runner, "import", sheet, "--ledger", str(workdir / "s.toml"), "--force")
    assert kept.exit_code == 0, kept.output
    assert [e.restored for e in load_ledger(workdir / "s.toml").entries] == [False, False]  # a sheet's rows


def test_restored_is_a_flag_of_an_append_of_several(workdir: Path) -> None:
    """``restored`` is the ledger's own key: a flag, and only beside ``batch``; the digest covers
    it, so setting it by hand on a sheet's append (to hide its rival rows) breaks the chain."""
    first = Entry("aaaa000001", "industrial-output", date(2025, 7, 31), AT, value=Decimal("730.3"), unit="亿元")
    _ledger_with(workdir, first, first._replace(id="aaaa000002", value=Decimal("735.6")))
    path = workdir / "progress.toml"
    text = path.read_text(encoding="utf-8")
    assert "batch = 2\n" in text and "restored" not in text
    plan = load_plan(workdir / "targets.toml")
    assert [f.rival for f in check_ledger(plan, load_ledger(path).entries)] == [True]
    path.write_text(text.replace("batch = 2\n", "batch = 2\nrestored = true\n"), encoding="utf-8")
    assert verify(load_ledger(path).entries).broken == load_ledger(path).entries[0]
    for bad, message in (
        ("restored = 1\n", "restored must be true or false"),
        ("", "restored goes with batch"),
    ):
        path.write_text(
            text.replace("batch = 2\n", bad).replace('id = "aaaa000002"', 'id = "aaaa000002"\nrestored = true')
            if not bad
            else text.replace("batch = 2\n", "batch = 2\n" + bad),
            encoding="utf-8",
        )
        with pytest.raises(LedgerError, match=message):
            load_ledger(path)


def test_a_running_total_may_stand_still_and_a_revision_may_reach_the_month_after() -> None:
    """The bounds of "never falls", by hand: August's 1—8月 equal to July's 1—7月 730.3 (a month
    with nothing produced) is no fall; July revised to exactly August's 842.7 is not above it."""
    from tests.test_meaning_fast import PLAN

    def entry(n: int, day: date, value: str) -> Entry:
        return Entry(f"e{n}", "output", day, AT + timedelta(minutes=n), value=Decimal(value))

    july, august = entry(1, date(2025, 7, 31), "730.3"), entry(2, date(2025, 8, 31), "730.3")
    assert check_new(PLAN, [july], [august]) == [] and check_ledger(PLAN, [july, august]) == []
    august = entry(2, date(2025, 8, 31), "842.7")
    revised = entry(3, date(2025, 7, 31), "842.7")
    assert check_new(PLAN, [july, august], [revised]) == []
    [above] = check_new(PLAN, [july, august], [revised._replace(value=Decimal("842.8"))])
    assert "842.8 as of 2025-07-31 is more than the later 842.7 as of 2025-08-31" in above.message


def test_a_zero_after_a_positive_running_total_is_a_fall_and_a_loss_is_not() -> None:
    """A blank cell typed as 0 for 1—8月 after July's 730.3: the 10-times rule never judges a 0,
    so only "never falls" catches it. A running figure below 0 (a loss) is left as written."""
    from tests.test_meaning_fast import PLAN, check_new_before

    def entry(n: int, day: date, value: str) -> Entry:
        return Entry(f"e{n}", "output", day, AT + timedelta(minutes=n), value=Decimal(value))

    july = entry(1, date(2025, 7, 31), "730.3")
    zero = entry(2, date(2025, 8, 31), "0")
    [fell] = check_new(PLAN, [july], [zero])
    assert (fell.against, fell.message.split(", but")[0]) == (
        ("e1",),
        "0 as of 2025-08-31 is less than 730.3 as of 2025-07-31",
    )
    assert check_new_before(PLAN, [july], [zero]) == [fell]
    assert [f.message for f in check_ledger(PLAN, [july, zero])] == [fell.message]
    assert check_new(PLAN, [july], [entry(2, date(2025, 8, 31), "-3.5")]) == []  # a loss
    assert check_new(PLAN, [], [zero]) == []  # a first reading of 0: nothing to fall from
    # July filled in after a loss in August (-5): a running profit may turn into a loss, and a
    # reading at or below 0 bounds nothing before it either.
    loss = entry(3, date(2025, 8, 31), "-5")
    assert check_new(PLAN, [loss], [entry(4, date(2025, 7, 31), "3")]) == []


def test_a_month_figure_that_does_not_add_up_is_one_finding_not_two() -> None:
    """1—8月 100 with 本月 10 after July's 730.3: the month check says the total is not 730.3 +
    10; that it also fell is the same slip, said once."""
    from tests.test_meaning_fast import PLAN

    july = Entry("e1", "output", date(2025, 7, 31), AT, value=Decimal("730.3"))
    august = Entry("e2", "output", date(2025, 8, 31), AT + timedelta(minutes=1), value=Decimal("100"),
                   month_value=Decimal("10"))  # fmt: skip
    [found] = check_new(PLAN, [july], [august])
    assert found.month_sum and "is not the previous 730.3" in found.message


def test_a_sheet_row_that_corrects_an_entry_is_no_rival_of_the_next() -> None:
    """A correction in an append replaces the entry it names, whatever else the append gives
    that date; only plain figures of one moment are rivals."""
    from tests.test_meaning_fast import PLAN

    old = Entry("e0", "output", date(2025, 7, 31), AT - timedelta(days=9), value=Decimal("730.3"))
    fixed = Entry("e1", "output", date(2025, 7, 31), AT, value=Decimal("731.3"), corrects="e0", reason="更正")
    other = Entry("e2", "output", date(2025, 7, 31), AT, value=Decimal("732.3"))
    assert [f for f in check_new(PLAN, [old], [fixed, other]) if f.rival] == []
    assert [f.rival for f in check_new(PLAN, [old], [other._replace(id="e3", value=Decimal("731.3")), other])] == [True]


def test_a_running_total_revised_to_0_is_refused_and_found(runner: CliRunner, workdir: Path) -> None:
    """July's 735.6 sent again as 0 (a re-sent sheet with a blank typed as 0), with no month
    before it to fall below: `record`, `amend` and `import` refuse it, naming the way to withdraw
    a figure instead; `check` finds one written by another tool, as a revision or a correction."""
    assert run(runner, "record", "industrial-output", "735.6", "-d", "2025-07").exit_code == 0
    [july] = load_ledger(workdir / "progress.toml").entries
    said = (
        "0 亿元 as of 2025-07-31 replaces 735.6 亿元 as of 2025-07-31, but a 1—N月 running total revised to 0 is "
        f"nearly always a blank typed as 0; to withdraw the figure instead: tracker void {july.id} --reason …"
    )
    again = run(runner, "record", "industrial-output", "0", "-d", "2025-07")
    assert (again.exit_code, again.stderr) == (
        ExitCode.ERROR,
        f"error: industrial-output: {said}; nothing was recorded; if the figure is right, keep it with --force\n",
    )
    assert said in run(runner, "amend", july.id, "0", "--reason", "x").stderr
    sheet = _sheet(workdir, "工业总产值,,0,亿元,2025-07,,\n")
    assert f"row 2: {said}" in run(runner, "import", sheet).stderr
    assert run(runner, "record", "industrial-output", "0.0", "-d", "2025-08").exit_code == ExitCode.ERROR  # a fall
    plan = load_plan(workdir / "targets.toml")
    zero = Entry("aaaa000009", "industrial-output", date(2025, 7, 31), AT, value=Decimal("0"), unit="亿元")
    for written in (zero, zero._replace(corrects=july.id, reason="x")):
        [found] = check_ledger(plan, [july, written])
        assert (found.entry, found.against, found.message) == (written, (july.id,), said)
    june = Entry("aaaa000008", "industrial-output", date(2025, 6, 30), AT, value=Decimal("628.3"), unit="亿元")
    [fell] = check_ledger(plan, [june, july, zero])  # below June too: said once, as a fall
    assert fell.against == ("aaaa000008",) and "is less than 628.3 亿元" in fell.message
    assert check_ledger(plan, [july, zero._replace(forced=True)]) == []


def test_a_month_filled_in_late_may_not_break_the_next_months_figure(runner: CliRunner, workdir: Path) -> None:
    """February 210.7, then April 425.3 with 本月 104.6 (March not in yet), then March filled in as
    300: April then reads 300 + 104.6 = 404.6, not 425.3, which `check` would report right after.
    `record`, `amend` and an import with its rows out of date order refuse March instead; March's
    320.7 (425.3 − 104.6) is accepted."""
    assert run(runner, "record", "industrial-output", "210.7", "-d", "2025-02").exit_code == 0
    assert run(runner, "record", "industrial-output", "425.3", "-d", "2025-04", "--month-value", "104.6").exit_code == 0
    said = (
        "300 亿元 as of 2025-03-31 is what 2025-04-30's running total adds its month figure to, which then no longer "
        "adds up: the running total 425.3 亿元 is not the previous 300 亿元 (2025-03-31) plus this month's 104.6 亿元 "
        "= 404.6 亿元; one of the two is wrong"
    )
    late = run(runner, "record", "industrial-output", "300", "-d", "2025-03")
    assert (late.exit_code, late.stderr) == (
        ExitCode.ERROR,
        f"error: industrial-output: {said}; nothing was recorded; if the figure is right, keep it with --force\n",
    )
    right = run(runner, "record", "industrial-output", "320.7", "-d", "2025-03")
    assert right.exit_code == 0
    march = right.stdout.split()[1].rstrip(":")
    assert (
        said.replace("300 亿元 as of", "310 亿元 as of")
        .replace("previous 300", "previous 310")
        .replace("404.6", "414.6")
        in run(runner, "amend", march, "310", "--reason", "x").stderr
    )
    # A later reading of March itself is what April adds to: an earlier one of March is not judged so.
    assert run(runner, "record", "industrial-output", "300", "-d", "2025-03-15").exit_code == 0
    assert run(runner, "check").exit_code == 0
    rows = _sheet(
        workdir,
        "工业总产值,,210.7,亿元,2025-02,,\n工业总产值,104.6,425.3,亿元,2025-04,,\n工业总产值,,300,亿元,2025-03,,\n",
    )
    assert (
        "row 4: 300 亿元 as of 2025-03-31 is what 2025-04-30's"
        in run(runner, "import", rows, "--ledger", str(workdir / "other.toml")).stderr
    )


def test_a_reading_after_a_0_is_judged_against_the_target_as_a_first_reading_is(
    runner: CliRunner, workdir: Path
) -> None:
    """Found by a new-user trial: 1 亿元 for 1—3月 is refused (1/340 of the target's pace), but a 0
    recorded for February first let 3.2 through, a 0 implying nothing. After a 0 the next
    reading is held to the target: 3.2 for 1—3月 is about 12.8 by December, 1/106 of 1,360."""
    assert run(runner, "record", "industrial-output", "0", "-d", "2025-02").exit_code == 0
    slip = run(runner, "record", "industrial-output", "3.2", "-d", "2025-03")
    assert slip.exit_code == ExitCode.ERROR
    assert slip.stderr.startswith(
        "error: industrial-output: 3.2 亿元 as of 2025-03-31 implies about 12.8 亿元 by the end of the period, 1/106 "
        "of the target 1360 亿元"
    )
    assert run(runner, "record", "industrial-output", "340", "-d", "2025-03").exit_code == 0
    from tests.test_meaning_fast import PLAN, check_new_before

    zero = Entry("e1", "output", date(2025, 2, 28), AT, value=Decimal("0"))
    low = Entry("e2", "output", date(2025, 3, 31), AT + timedelta(minutes=1), value=Decimal("3.2"))
    [found] = check_new(PLAN, [zero], [low])
    assert found.against == ("e1",) and "1/106 of the target 1360" in found.message
    assert check_new_before(PLAN, [zero], [low]) == [found] and check_ledger(PLAN, [zero, low]) == [found]
    loss = zero._replace(value=Decimal("-5"))  # a running loss implies nothing of what follows
    assert check_new(PLAN, [loss], [low]) == []
