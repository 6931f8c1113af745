"""Any as-of date the options accept, date.min to date.max, gives the figures at the plan's edge:
no date arithmetic overflows (README, "A short session")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger import Plan
from ledger.changes import report
from ledger.checking import check
from ledger.dates import add_months, month_end, parse_date, shift_years
from ledger.due import owed
from ledger.entries import Entry
from ledger.model import MilestoneStatus
from ledger.progress import StatusReport
from ledger.series import monthly, report_series
from tests.helpers import RECORDED, entry, write_plan

TARGETS = """
[[target]]
id = "output"
action = "a"
name = "产值"
kind = "total"
unit = "亿元"
target = 1360
release_day = 15

[[target]]
id = "space"
action = "a"
name = "面积"
kind = "increment"
unit = "万平方米"
target = 50
schedule = { "2025-06" = 40 }

[[target]]
id = "growth"
action = "a"
name = "增速"
kind = "rate"
unit = "%"
target = 6

[[target]]
id = "rank"
action = "a"
name = "位次"
kind = "rank"
unit = "位"
target = 10

[[target]]
id = "hub"
action = "a"
name = "枢纽"
kind = "milestone"
milestones = [{ id = "land", name = "供地", due = 2025-04-30 }, { id = "open", name = "开工", due = 2025-12-31 }]
"""


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    return write_plan(tmp_path_factory.mktemp("far"), TARGETS)


def _entries() -> list[Entry]:
    return [
        entry("output", date(2025, 3, 31), "318.6", 1, unit="亿元"),
        entry("output", date(2025, 11, 30), "1100", 2, unit="亿元"),
        entry("space", date(2025, 5, 31), "12", 3, unit="万平方米"),
        entry("growth", date(2025, 8, 31), "5.8", 4, unit="%"),
        entry("rank", date(2025, 12, 31), "12", 5),
        entry("hub", date(2025, 4, 20), None, 6, milestone="land", status=MilestoneStatus.DONE),
    ]


def _last_year() -> list[Entry]:
    return [entry("output", date(2024, 11, 30), "1000", 7, unit="亿元")]


def _figures(r: StatusReport) -> list[tuple[object, ...]]:
    """What a reader takes from a report, as-of date aside."""
    return [
        (t.target.id, t.status, t.current, t.progress, t.expected, t.gap, t.forecast, t.needed_per_month, t.shortfall)
        for t in r.targets
    ]


any_day = st.dates(min_value=date.min, max_value=date.max)


@settings(max_examples=150, deadline=None)
@given(day=any_day)
@example(day=date(2025, 4, 1))  # dated entries before it, none recorded by it
def test_every_command_core_takes_any_date(plan: Plan, day: date) -> None:
    entries = _entries()
    edge = plan.end if day > plan.end else day if day >= plan.start else date(2024, 12, 31)
    # status, report, show and check: the report, 同比 and --as-recorded included.
    got = report(plan, entries, day, recorded_by=True, previous_entries=_last_year())
    assert _figures(got) == _figures(report(plan, entries, edge, recorded_by=True, previous_entries=_last_year()))
    plain = report(plan, entries, day, previous_entries=_last_year())
    assert plain.expected == (Decimal(1) if day >= plan.end else Decimal(0) if day < plan.start else got.expected)
    if day > date.min:
        report(plan, entries, day, since=date.min)
    series = report_series(plan, got, entries)
    # As recorded by ``day``: the entries were all recorded on RECORDED's day, so before it the
    # report holds none (and no series), whatever their dates.
    if day > RECORDED.date():
        assert series["output"][-1].month_end == min(day, plan.end)
    else:
        assert "output" not in series
    assert monthly(plan, plan.targets[4], entries, day)[-1].month_end == min(day, plan.end)
    result = check(plan, Path("progress.toml"), entries, day, None)
    assert _figures(result.report) == _figures(plain)  # check judges what the ledger holds now
    owed(plan, entries, day)


def test_far_future_gives_the_year_end_verdicts(plan: Plan) -> None:
    r = report(plan, _entries(), date.max)
    assert r.expected == Decimal(1)
    by_id = {t.target.id: t for t in r.targets}
    # 1—11月's 1100 and May's addition are not the year's figures: not achieved, no shortfall stated
    assert by_id["output"].status.value == "not_achieved" and by_id["output"].shortfall is None
    assert by_id["output"].final_missing and by_id["space"].final_missing and by_id["space"].shortfall is None
    assert by_id["hub"].shortfall == Decimal(1)
    assert by_id["growth"].shortfall == Decimal("0.2")
    assert by_id["rank"].shortfall == Decimal(2)
    assert [p.month_end for p in monthly(plan, plan.targets[0], _entries(), date.max)][-1] == date(2025, 12, 31)


def test_far_past_gives_the_start(plan: Plan) -> None:
    r = report(plan, _entries(), date.min, previous_entries=_last_year())
    assert r.expected == Decimal(0)
    assert {t.target.id: t.status.value for t in r.targets} == dict.fromkeys(
        ("output", "space", "growth", "rank", "hub"), "no_data"
    )


def test_calendar_ends() -> None:
    assert month_end(9999, 12) == date(9999, 12, 31)
    assert parse_date("9999-12") == date(9999, 12, 31)
    assert parse_date("9999Q4") == date(9999, 12, 31)
    assert add_months(date(9999, 11, 30), 1) == date(9999, 12, 31)
    for day, months in ((date(9999, 12, 31), 1), (date(1, 1, 31), -1)):
        with pytest.raises(ValueError, match="outside the calendar"):
            add_months(day, months)
    for day, years in ((date(1, 3, 31), -1), (date(9999, 3, 1), 1)):
        with pytest.raises(ValueError, match="outside the calendar"):
            shift_years(day, years)
    assert shift_years(date(2024, 2, 29), 1) == date(2025, 2, 28)


def test_the_next_plan_ends_by_9999(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cli import app

    monkeypatch.chdir(tmp_path)
    write_plan(tmp_path, TARGETS)
    result = CliRunner().invoke(app, ["init", "--from", "targets.toml", "--year", "9999"])
    assert (result.exit_code, result.stderr) == (
        1,
        "error: --year 9999: the plan would end after 9998-12-31; give a year up to 9998\n",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["targets.toml"]
    (tmp_path / "9997.toml").write_text(
        (tmp_path / "targets.toml").read_text(encoding="utf-8").replace("2025-", "9997-"), encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["init", "--from", "9997.toml", "--year", "9998"])
    assert result.exit_code == 0, result.output
    assert "start = 9998-01-01\nend = 9998-12-31\n" in (tmp_path / "targets-9998.toml").read_text(encoding="utf-8")
    (tmp_path / "late.toml").write_text(
        (tmp_path / "targets.toml").read_text(encoding="utf-8").replace("end = 2025-12-31", "end = 9999-12-31"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["status", "--targets", "late.toml"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: late.toml:")
    assert "end 9999-12-31 is after 9998-12-31, the last a plan may end" in result.stderr


@pytest.mark.parametrize("command", [["status"], ["report"], ["show", "hub"], ["check"], ["due"]])
@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_far_as_of_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], day: str
) -> None:
    from cli import app

    monkeypatch.chdir(tmp_path)
    write_plan(tmp_path, TARGETS)
    result = CliRunner().invoke(app, [*command, "--as-of", day])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if command[0] == "check" and day < "2025":  # a check before the plan starts would pass: refused
        assert result.exit_code == 1
        assert result.stderr.startswith(f"error: targets.toml: --as-of {day} is before the plan period")
        return
    assert result.exit_code == 0, result.output
    if command[0] != "due":
        assert result.stderr.splitlines()[0] == (
            f"note: {day} is outside the plan period 2025-01-01 to 2025-12-31; figures are as at the period's edge"
        )


@given(start=st.dates(max_value=date(9998, 1, 1)), day=any_day)
@example(start=date.min, day=date(1, 6, 30))  # the period's first month is the calendar's
def test_expected_progress_of_a_plan_anywhere_in_the_calendar(start: date, day: date) -> None:
    from ledger.schedule import expected_progress

    first = start.replace(day=1)
    end = month_end(first.year, 12)
    share = expected_progress(first, end, day)
    assert share == (0 if day < first else 1 if day >= end else share)
    assert 0 <= share <= 1
    if day == month_end(first.year, 6) and first.month == 1:
        assert share == Decimal("0.5")
