"""A target's own due: judged on it as the plan on its end, later figures refused (README, "A target's own due")."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import MilestoneStatus, Status
from ledger.due import DueState, owed, period_ends
from ledger.progress import evaluate_target
from ledger.validate import entry_problems
from tests.helpers import entry, import_text, progress_of, write_plan

H1 = """
[[target]]
id = "h1-space"
action = "a"
name = "上半年新增创新空间面积"
kind = "increment"
unit = "万平方米"
target = 12
due = 2025-06-30
"""

# One target of each kind, every one due at the half year: (id, name, kind, unit, goal).
_HALF_YEAR = (
    ("h1-output", "上半年工业总产值", "total", "亿元", 680),
    ("h1-growth", "上半年增速", "rate", "%", 6),
    ("h1-rank", "上半年排名", "rank", "位", 70),
    ("h1-hub", "上半年建成枢纽", "milestone", None, None),
)
KINDS = H1 + "".join(
    f'\n[[target]]\nid = "{tid}"\naction = "a"\nname = "{name}"\nkind = "{kind}"\ndue = 2025-06-30\n'
    + (f'unit = "{unit}"\ntarget = {goal}\n' if unit else "")
    for tid, name, kind, unit, goal in _HALF_YEAR
)

DUE = date(2025, 6, 30)


@pytest.fixture
def plan(tmp_path: Path):
    return write_plan(tmp_path, KINDS)


def test_a_half_year_addition_is_judged_at_its_due(plan) -> None:
    es = [entry("h1-space", date(2025, 4, 30), "4", n=1), entry("h1-space", DUE, "3", n=2)]
    april = progress_of(plan, es[:1], date(2025, 4, 30), "h1-space")
    # 4 of 12 against 4 of the 6 months to its due: 33.3 % against 66.7 %.
    assert april.status is Status.BEHIND
    assert april.progress is not None and april.expected is not None
    assert (round(april.progress, 4), round(april.expected, 4)) == (Decimal("0.3333"), Decimal("0.6667"))
    for day in (DUE, date(2025, 7, 15), date(2025, 12, 31)):
        p = progress_of(plan, es, day, "h1-space")
        assert (p.status, p.current, p.shortfall) == (Status.NOT_ACHIEVED, Decimal(7), Decimal(5))  # 12 − (4 + 3)
        assert p.progress is not None and round(p.progress, 4) == Decimal("0.5833")  # 7 / 12
    # A September addition in the ledger (written before this rule) still counts for nothing.
    late = [*es, entry("h1-space", date(2025, 9, 30), "6", n=3)]
    p = progress_of(plan, late, date(2025, 12, 31), "h1-space")
    assert (p.status, p.current, p.entries) == (Status.NOT_ACHIEVED, Decimal(7), 2)


def test_a_goal_met_by_its_due_is_done_from_then_on(plan) -> None:
    es = [entry("h1-space", date(2025, 5, 31), "8", n=1), entry("h1-space", DUE, "4", n=2)]
    assert progress_of(plan, es, date(2025, 8, 1), "h1-space").status is Status.DONE


_ENTRIES = {
    "h1-space": lambda day, n, v: entry("h1-space", day, str(v), n=n),
    "h1-output": lambda day, n, v: entry("h1-output", day, str(v * 60), n=n),
    "h1-growth": lambda day, n, v: entry("h1-growth", day, str(v - 2), n=n),
    "h1-rank": lambda day, n, v: entry("h1-rank", day, str(60 + v), n=n),
    "h1-hub": lambda day, n, v: entry("h1-hub", day, n=n, status=list(MilestoneStatus)[v % 4]),
}


@settings(max_examples=60, deadline=None)
@given(
    kind=st.sampled_from(sorted(_ENTRIES)),
    figures=st.lists(st.tuples(st.dates(date(2025, 1, 1), date(2025, 12, 31)), st.integers(0, 12)), max_size=6),
    after=st.integers(0, (date(2025, 12, 31) - DUE).days),
)
def test_every_kind_from_its_due_on_is_its_verdict_at_the_due(tmp_path_factory, kind, figures, after) -> None:
    plan = write_plan(tmp_path_factory.mktemp("p"), KINDS)
    target = plan.target(kind)
    es = [_ENTRIES[kind](day, n, v) for n, (day, v) in enumerate(figures)]
    as_of = DUE + timedelta(days=after)
    got = evaluate_target(plan, target, [e for e in es if e.date <= as_of], as_of)
    at_due = evaluate_target(plan, target, [e for e in es if e.date <= DUE], DUE)
    # Figures after the due change nothing, and nor does the day one asks.
    assert got == at_due
    assert got.status in (Status.DONE, Status.NOT_ACHIEVED) or (got.status is Status.NO_DATA and not at_due.entries)


def _cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    write_plan(tmp_path, KINDS)
    monkeypatch.chdir(tmp_path)
    return CliRunner()


def test_record_after_the_due_is_refused_in_one_line_and_nothing_is_written(tmp_path, monkeypatch) -> None:
    runner = _cli(tmp_path, monkeypatch)
    assert runner.invoke(app, ["record", "h1-space", "4", "--date", "2025-04"]).exit_code == 0
    before = (tmp_path / "progress.toml").read_bytes()
    result = runner.invoke(app, ["record", "h1-space", "6", "--date", "2025-09"])
    assert result.exit_code == 1
    assert result.stderr == (
        "error: h1-space: date 2025-09-30 is after the target's due 2025-06-30, the day it is judged on; a later "
        "figure does not count toward it; if the figure belongs on or before its due, give that date, e.g. "
        "--date 2025-06-30\n"
    )
    assert (tmp_path / "progress.toml").read_bytes() == before
    # Every kind alike, a milestone's status too; on the due itself it is taken.
    for args in (["h1-output", "700"], ["h1-growth", "6.1"], ["h1-rank", "65"], ["h1-hub", "--status", "done"]):
        late = runner.invoke(app, ["record", *args, "--date", "2025-07-01"])
        assert late.exit_code == 1 and "after the target's due 2025-06-30" in late.stderr
        assert runner.invoke(app, ["record", *args, "--date", "2025-06-30"]).exit_code == 0


def test_import_of_a_row_after_the_due_is_refused_naming_the_row(tmp_path, monkeypatch) -> None:
    runner = _cli(tmp_path, monkeypatch)
    rows = "target,date,value\n" + "".join(f"h1-space,2025-{m:02d},1\n" for m in range(1, 10))
    result = import_text(runner, tmp_path, "rows.csv", rows)
    assert result.exit_code == 1
    assert (
        "rows.csv: row 8: h1-space: " in result.stderr
        and "date 2025-07-31 is after the target's due 2025-06-30" in result.stderr
    )
    assert "give that date in the date column; else leave the row out" in result.stderr
    assert not (tmp_path / "progress.toml").exists()
    ok = import_text(runner, tmp_path, "h1.csv", "".join(rows.splitlines(keepends=True)[:7]))
    assert ok.exit_code == 0, ok.stderr


def test_check_names_an_entry_after_the_due_and_status_judges_at_the_due(tmp_path, monkeypatch) -> None:
    runner = _cli(tmp_path, monkeypatch)
    for value, day in (("4", "2025-04"), ("3", "2025-06")):
        assert runner.invoke(app, ["record", "h1-space", value, "--date", day]).exit_code == 0
    doc = json.loads(runner.invoke(app, ["status", "--as-of", "2025-07-15", "-f", "json"]).stdout)
    got = next(t for a in doc["actions"] for t in a["targets"] if t["id"] == "h1-space")
    assert (got["current"], got["progress"], got["status"], got["shortfall"]) == (7, 0.5833, "not_achieved", 5)
    zh = runner.invoke(app, ["report", "--as-of", "2025-07-15", "--lang", "zh"]).stdout
    assert (
        # No forecast once not achieved: no time is left, the shortfall says the rest.
        "| 上半年新增创新空间面积 | 12 万平方米 | 7 | 06-30 | 58.3% | 100.0% | 未完成 | 短 5 万平方米（完成 58.3%） |  |"
        in zh
    )
    assert "未完成：到期（计划期末，或指标自定的截止日）未达目标" in zh
    # A September figure in a ledger written before the rule (by hand here) is named, with the fix.
    plan = write_plan(tmp_path, KINDS)
    problems = entry_problems(plan, [entry("h1-space", date(2025, 9, 30), "6", n=9)], tmp_path / "progress.toml")
    assert [(p.entry, p.message) for p in problems] == [
        (
            "e000000009",
            "date 2025-09-30 is after 'h1-space''s due 2025-06-30, the day it is judged on; it does not count",
        )
    ]
    assert problems[0].fix is not None and "tracker amend e000000009 --date" in problems[0].fix


def test_due_chases_each_missing_month_of_an_increment(tmp_path) -> None:
    plan = write_plan(
        tmp_path, H1.replace("due = 2025-06-30", "due = 2025-12-31").replace("target = 12", "target = 50")
    )
    months = [date(2025, 1, 31), date(2025, 2, 28), date(2025, 3, 31), date(2025, 4, 30), date(2025, 5, 31)]
    es = [
        entry("h1-space", d, v, n=n) for n, (d, v) in enumerate(zip(months, ("2", "3", "5.5", "4", "6"), strict=True))
    ]
    es.append(entry("h1-space", date(2025, 7, 31), "1.5", n=7))  # July's 新增; June's never came
    [got] = owed(plan, es, date(2025, 8, 10))
    assert (got.periods, got.due, got.state, got.days_late) == (
        (date(2025, 6, 30),),
        date(2025, 7, 15),
        DueState.LATE,
        26,
    )
    # A recorded 0 answers June; before July's release day nothing is late.
    assert owed(plan, [*es, entry("h1-space", date(2025, 6, 30), "0", n=8)], date(2025, 8, 10)) == []
    # Months before the first addition are chased too: it speaks for March only.
    [first] = owed(plan, [entry("h1-space", date(2025, 3, 31), "1")], date(2025, 4, 1))
    assert first.periods == (date(2025, 1, 31), date(2025, 2, 28))


def test_a_period_cut_short_by_a_mid_month_due_ends_on_it(tmp_path) -> None:
    plan = write_plan(tmp_path, H1.replace("due = 2025-06-30", "due = 2025-06-15"))
    target = plan.target("h1-space")
    assert period_ends(plan, target)[-2:] == [date(2025, 5, 31), date(2025, 6, 15)]
    es = [entry("h1-space", date(2025, m, 28), "1", n=m) for m in range(1, 6)]
    [june] = owed(plan, es, date(2025, 7, 16))
    assert (june.periods, june.due, june.days_late) == ((date(2025, 6, 15),), date(2025, 7, 15), 1)
    assert owed(plan, [*es, entry("h1-space", date(2025, 6, 15), "2", n=9)], date(2025, 7, 16)) == []
