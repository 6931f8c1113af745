"""``check --fail-on behind`` and a target whose figure for the period's end is missing: left to
``tracker due`` while that figure is awaited, named as not achieved once it is late."""

from __future__ import annotations

import calendar
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.checking import check
from ledger.due import DueState, due_day, owed
from ledger.model import FailOn
from tests.helpers import entry, write_plan

PLAN = """version = 1
[plan]
id = "c"
name = "临平经开区2025年“六大行动”"
start = 2025-01-01
end = 2025-12-31
[[action]]
id = "a"
name = "行动"
[[target]]
id = "output"
action = "a"
name = "规模以上工业总产值"
kind = "total"
unit = "亿元"
target = 1360
[[target]]
id = "firms"
action = "a"
name = "新增规上企业"
kind = "increment"
unit = "家"
target = 40
"""


@pytest.fixture
def stopped_in_june(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """Figures that stop in June: 2 firms added each month Jan–Jun (12 of 40), 1—6月 600 of 1360 亿元."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "targets.toml").write_text(PLAN, encoding="utf-8")
    runner = CliRunner(env={"TRACKER_LANG": "en"})
    for m in range(1, 7):
        assert runner.invoke(app, ["record", "firms", "2", "--date", f"2025-{m:02d}"]).exit_code == 0
    assert runner.invoke(app, ["record", "output", "600", "--date", "2025-06"]).exit_code == 0
    return runner


@pytest.fixture
def stopped_in_november(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """Every figure but December's: 2 firms added each month Jan–Nov (22 of 40), 1—11月 1230 of 1360 亿元."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "targets.toml").write_text(PLAN, encoding="utf-8")
    runner = CliRunner(env={"TRACKER_LANG": "en"})
    for m in range(1, 12):
        assert runner.invoke(app, ["record", "firms", "2", "--date", f"2025-{m:02d}"]).exit_code == 0
    assert runner.invoke(app, ["record", "output", "1230", "--date", "2025-11"]).exit_code == 0
    return runner


def _check(runner: CliRunner, day: str):
    return runner.invoke(app, ["check", "--fail-on", "behind", "--as-of", day])


@pytest.mark.parametrize("day", ["2025-12-31", "2026-01-15"])
def test_a_period_end_figure_still_awaited_is_left_to_due_with_a_note(stopped_in_november: CliRunner, day: str) -> None:
    # December's figure is due on 2026-01-15 (the 15th of the month after): up to that day it is awaited.
    result = _check(stopped_in_november, day)
    assert result.exit_code == 0
    assert result.stdout == ""
    notes = result.stderr.splitlines()
    assert (
        "note: targets.toml: target 'output': no period-end figure; latest 1230 亿元 as of 2025-11-30; the figure "
        "for 2025-12-31 is awaited (due 2026-01-15, `tracker due`): not counted as behind until then"
    ) in notes
    assert (
        "note: targets.toml: target 'firms': no period-end figure; latest 22 家 as of 2025-11-30; the figure "
        "for 2025-12-31 is awaited (due 2026-01-15, `tracker due`): not counted as behind until then"
    ) in notes


def test_figures_that_stopped_in_june_are_late_at_the_years_end(stopped_in_june: CliRunner) -> None:
    # As of 12-31 December's figure is awaited, but July's (due 08-15) to November's are late: named.
    result = _check(stopped_in_june, "2025-12-31")
    assert result.exit_code == 3
    assert result.stdout.splitlines() == [
        "not_achieved: output (规模以上工业总产值)",
        "not_achieved: firms (新增规上企业)",
    ]
    assert (
        "note: targets.toml: target 'output': no period-end figure; latest 600 亿元 as of 2025-06-30; its figures "
        "are late since 2025-08-15 (`tracker due`): not achieved, its shortfall unknown"
    ) in result.stderr.splitlines()


def test_after_the_plan_without_as_of_lateness_is_reckoned_on_the_day_itself(stopped_in_november: CliRunner) -> None:
    # No --as-of once the plan is over: the targets are judged on its last day, but December's figure,
    # due 2026-01-15, is late on the day check runs (the machine's today, 2026 or later).
    result = stopped_in_november.invoke(app, ["check", "--fail-on", "behind"])
    assert result.exit_code == 3
    assert result.stdout.splitlines() == [
        "not_achieved: output (规模以上工业总产值)",
        "not_achieved: firms (新增规上企业)",
    ]


@pytest.mark.parametrize("day", ["2026-01-16", "2026-03-31"])
def test_a_period_end_figure_that_is_late_makes_the_target_an_offender(stopped_in_june: CliRunner, day: str) -> None:
    result = _check(stopped_in_june, day)
    assert result.exit_code == 3
    assert result.stdout.splitlines() == [
        "not_achieved: output (规模以上工业总产值)",
        "not_achieved: firms (新增规上企业)",
    ]
    notes = result.stderr.splitlines()
    assert (
        "note: targets.toml: target 'output': no period-end figure; latest 600 亿元 as of 2025-06-30; its figures "
        "are late since 2025-08-15 (`tracker due`): not achieved, its shortfall unknown"
    ) in notes
    assert (
        "note: targets.toml: target 'firms': no period-end figure; latest 12 家 as of 2025-06-30; its figures "
        "are late since 2025-08-15 (`tracker due`): not achieved, its shortfall unknown"
    ) in notes
    # `due` says the same of the same day: December's figure late, exit 3.
    owes = stopped_in_june.invoke(app, ["due", "--as-of", day, "--target", "output", "--fail-on", "late"])
    assert owes.exit_code == 3


def test_the_period_end_figure_recorded_gives_the_shortfall_and_no_note(stopped_in_november: CliRunner) -> None:
    assert stopped_in_november.invoke(app, ["record", "output", "1341.05", "--date", "2025-12"]).exit_code == 0
    result = _check(stopped_in_november, "2025-12-31")
    assert result.exit_code == 3
    assert result.stdout.splitlines() == ["not_achieved: output (规模以上工业总产值)"]
    assert "target 'output'" not in result.stderr


_DIR = Path(tempfile.mkdtemp())
_PLANS = {
    day: write_plan(
        Path(tempfile.mkdtemp(dir=_DIR)), PLAN.replace("end = 2025-12-31", f"end = 2025-12-31\nrelease_day = {day}"), ""
    )
    for day in (1, 10, 15, 28, 31)
}


@settings(max_examples=150, deadline=None)
@given(
    release=st.sampled_from(sorted(_PLANS)),
    last_month=st.integers(1, 11),
    as_of=st.dates(date(2025, 12, 31), date(2027, 12, 31)),
)
def test_named_exactly_when_due_calls_a_figure_late(release: int, last_month: int, as_of: date) -> None:
    plan = _PLANS[release]
    ends = {m: date(2025, m, calendar.monthrange(2025, m)[1]) for m in range(1, 13)}
    entries = [entry("firms", ends[m], "2", n=m) for m in range(1, last_month + 1)]
    entries.append(entry("output", ends[last_month], "600", n=99))
    result = check(plan, plan.path, entries, as_of, FailOn.behind)
    offenders = [t.target.id for t in result.offenders]
    late = {o.target.id for o in owed(plan, entries, as_of) if o.state is DueState.LATE}
    # The first figure missing is the month after the last: late from its release day on (the 31st of
    # a month of 30 days: that month's last).
    expected = as_of > due_day(ends[last_month + 1], release)
    assert late == ({"output", "firms"} if expected else set())
    assert offenders == [t for t in ("output", "firms") if t in late]
    # Either way each is noted, with its latest reading and what `due` says of its figures.
    said = {n.target: n.message for n in result.notes}
    for t in ("output", "firms"):
        assert f"as of {ends[last_month]}" in said[t]
        assert ("are late since" in said[t]) is (t in late) and ("is awaited" in said[t]) is (t not in late)
