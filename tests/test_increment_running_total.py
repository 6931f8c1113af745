"""An addition (kind increment) imported beside the sheet's 1—N月 running total (累计): the
ledger records the month's addition, and the running total must be what the additions through
that month make; a first import in August must not leave the months before unrecorded."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from cli import app
from ledger.additions import RunningTotal, running_totals
from ledger.entries import Entry
from tests.helpers import entry
from tests.test_meaning_fast import PLAN

AUG = date(2025, 8, 31)
SHEET = RunningTotal(Decimal(120000), "平方米", "'1-8月累计' (B5)")  # 12 万平方米


def _august(n: int = 9) -> Entry:
    return entry("area", AUG, "8000", n=n, unit="平方米")  # 0.8 万平方米


def test_agreeing_running_total_says_nothing() -> None:
    april, july, august = (
        entry("area", date(2025, 4, 30), "5", n=1),
        entry("area", date(2025, 7, 31), "6.2", n=2),
        _august(),
    )
    # 5 + 6.2 + 0.8 = 12 万平方米 = 120000 平方米.
    assert running_totals(PLAN, [april, july], [august], {august.id: SHEET}) == []


def test_disagreeing_running_total_names_both_figures() -> None:
    april, august = entry("area", date(2025, 4, 30), "12.5", n=1), _august()
    [found] = running_totals(PLAN, [april], [august], {august.id: SHEET})
    assert found.message == (
        "area: the sheet's running total through 2025-08-31 under '1-8月累计' (B5) is 12 万平方米 (120000 平方米), "
        "but the ledger's additions through that date with this row's make 12.5 + 0.8 = 13.3 万平方米; an addition "
        "is missing, given twice or mistyped: compare the sheet with tracker log area, then correct the wrong "
        "figure (tracker amend ID VALUE --reason …) or the sheet"
    )
    assert found.against == (april.id,)


def test_rounding_of_the_digits_typed_is_allowed() -> None:
    # 12.5 stands for 12.45 … 12.55: 12.5 + 0.8 = 13.3 against 13.34 万 typed to the hundredth is within it.
    april, august = entry("area", date(2025, 4, 30), "12.5", n=1), _august()
    near = RunningTotal(Decimal("13.34"), None, "'累计' (B5)")
    assert running_totals(PLAN, [april], [august], {august.id: near}) == []
    far = RunningTotal(Decimal("13.36"), None, "'累计' (B5)")  # 0.06 off: more than 0.05 + 0.005 + 0.00005
    assert len(running_totals(PLAN, [april], [august], {august.id: far})) == 1


def test_a_first_import_in_august_gives_the_record_line_for_the_months_before() -> None:
    august = _august()
    [found] = running_totals(PLAN, [], [august], {august.id: SHEET})
    # 12 − 0.8 = 11.2 万平方米 added January to July, recorded nowhere.
    assert found.message == (
        "area: the sheet's running total through 2025-08-31 under '1-8月累计' (B5) is 12 万平方米 (120000 平方米), "
        "but the ledger holds no addition before 2025-08: the 11.2 万平方米 added before it would be missing, and "
        "the year's progress would read 0.8 万平方米; record the months before first, then import again: "
        'tracker record area 11.2 --date 2025-07 --note "1—7月新增（补记）"'
    )
    # Recorded as told, the sheet agrees.
    before = entry("area", date(2025, 7, 31), "11.2", n=1, note="1—7月新增（补记）")
    assert running_totals(PLAN, [before], [august], {august.id: SHEET}) == []


def test_the_record_line_gives_what_is_missing_exactly() -> None:
    """12.4567 万平方米 less August's 0.8 is 11.6567: offered as 11.66 it was a figure nobody
    reported, and the sheet would disagree again by 0.0033 万 once it was recorded."""
    august = _august()
    sheet = RunningTotal(Decimal(124567), "平方米", "'1-8月累计' (B5)")
    [found] = running_totals(PLAN, [], [august], {august.id: sheet})
    assert found.message.endswith('tracker record area 11.6567 --date 2025-07 --note "1—7月新增（补记）"')
    before = entry("area", date(2025, 7, 31), "11.6567", n=1, note="1—7月新增（补记）")
    assert running_totals(PLAN, [before], [august], {august.id: sheet}) == []
    awkward = RunningTotal(Decimal("124567.3"), "平方米", "'1-8月累计' (B5)")  # 11.65673 万: in the sheet's unit
    [found] = running_totals(PLAN, [], [august], {august.id: awkward})
    assert found.message.endswith(
        'tracker record area 116567.3 --unit 平方米 --date 2025-07 --note "1—7月新增（补记）"'
    )


def test_forced_rows_and_rows_without_a_running_total_are_not_judged() -> None:
    august = _august()
    assert running_totals(PLAN, [], [august._replace(forced=True)], {august.id: SHEET}) == []
    assert running_totals(PLAN, [], [august], {}) == []


CSV = "指标名称,1-8月累计（平方米）,本月（平方米）,截至日期\n新增创新空间面积,120000,8000,2025-08\n"


def _status(runner: CliRunner) -> object:
    doc = json.loads(runner.invoke(app, ["status", "--as-of", "2025-08-31", "-f", "json"]).stdout)
    return next(t["current"] for a in doc["actions"] for t in a["targets"] if t["id"] == "innovation-space")


def test_import_refuses_and_then_agrees(workdir: Path, runner: CliRunner) -> None:
    (workdir / "m.csv").write_text(CSV, encoding="utf-8")
    assert runner.invoke(app, ["record", "innovation-space", "12.5", "--date", "2025-04"]).exit_code == 0
    refused = runner.invoke(app, ["import", "m.csv"])
    assert refused.exit_code == 1
    assert (
        "error: m.csv: row 2: innovation-space: the sheet's running total through 2025-08-31 under '1-8月累计（平方米）' "
        "(B2) is 12 万平方米 (120000 平方米), but the ledger's additions through that date with this row's make "
        "12.5 + 0.8 = 13.3 万平方米;" in refused.stderr
    )
    assert _status(runner) == 12.5  # nothing written
    # The April figure was wrong: 11.2 through July. Amended, the sheet agrees and imports.
    log = json.loads(runner.invoke(app, ["log", "-f", "json"]).stdout)
    first = log["entries"][0]["id"]
    assert runner.invoke(app, ["amend", first, "11.2", "--reason", "核实数"]).exit_code == 0
    done = runner.invoke(app, ["import", "m.csv"])
    assert done.exit_code == 0, done.stderr
    assert _status(runner) == 12  # 11.2 + 0.8


def test_a_first_import_is_refused_with_the_record_line(workdir: Path, runner: CliRunner) -> None:
    (workdir / "m.csv").write_text(CSV, encoding="utf-8")
    refused = runner.invoke(app, ["import", "m.csv"])
    assert refused.exit_code == 1 and not (workdir / "progress.toml").exists()
    assert 'tracker record innovation-space 11.2 --date 2025-07 --note "1—7月新增（补记）"' in refused.stderr
    record = runner.invoke(
        app, ["record", "innovation-space", "11.2", "--date", "2025-07", "--note", "1—7月新增（补记）"]
    )
    assert record.exit_code == 0, record.stderr
    dry = runner.invoke(app, ["import", "m.csv", "--dry-run"])
    assert dry.exit_code == 0, dry.stderr
    assert (
        "1—N月累计 120000 平方米 under '1-8月累计（平方米）' (B2), checked against the additions"
        in dry.stdout + dry.stderr
    )
    assert runner.invoke(app, ["import", "m.csv"]).exit_code == 0
    assert _status(runner) == 12
    # Importing again is one message, the duplicate's, not a running total's too.
    again = runner.invoke(app, ["import", "m.csv"])
    assert again.exit_code == 1 and "already in the ledger" in again.stderr and "running total" not in again.stderr


def test_force_keeps_the_row(workdir: Path, runner: CliRunner) -> None:
    (workdir / "m.csv").write_text(CSV, encoding="utf-8")
    kept = runner.invoke(app, ["import", "m.csv", "--force"])
    assert kept.exit_code == 0, kept.stderr
    assert _status(runner) == 0.8
    assert runner.invoke(app, ["check"]).exit_code == 0
