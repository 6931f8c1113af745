"""A target's last period ends on its own due, also when that is no quarter end: a quarterly
target due 2025-11-30 reports Q1—Q3 and then 10—11月, and one in a plan running February—January
reports 2026-01 after Q4. Only calendar quarter ends were kept, so the due's figure was never asked
for: `due` said every figure was in, `check` left it "awaited" for ever, and an addition of Q1—Q3
was judged short by the year's rest though its last addition had never been asked for."""

from __future__ import annotations

import json
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import load_plan
from ledger.dates import add_months, month_end
from ledger.due import DueState, last_period_start, owed, period_ends
from ledger.model import Frequency, Kind
from ledger.progress import covers_period_end
from tests.helpers import entry


def _targets(plan: str, start: str, end: str, kind: str, unit: str, target: int, due: str) -> str:
    return f"""version = 1
[plan]
id = "{plan}"
name = "测试"
start = {start}
end = {end}
[[action]]
id = "a"
name = "A"
[[target]]
id = "t"
action = "a"
name = "指标"
kind = "{kind}"
unit = "{unit}"
target = {target}
frequency = "quarterly"
{due}
"""


def _plan(text: str):  # type: ignore[no-untyped-def]
    folder = Path(tempfile.mkdtemp(prefix="tracker-partial-"))
    (folder / "targets.toml").write_text(text, encoding="utf-8")
    return load_plan(folder / "targets.toml")


NOV = _plan(_targets("p", "2025-01-01", "2025-12-31", "total", "亿元", 100, "due = 2025-11-30"))
FEB_JAN = _plan(_targets("q", "2025-02-01", "2026-01-31", "total", "亿元", 100, ""))


@pytest.fixture
def cli(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TRACKER_LANG", "en")

    def run(*args: str) -> tuple[int, str, str]:
        got = runner.invoke(app, list(args))
        return got.exit_code, got.stdout, got.stderr

    return run


def _setup(tmp_path: Path, kind: str, unit: str, target: int, cli, values: list[int]) -> None:  # type: ignore[no-untyped-def]
    text = _targets("p", "2025-01-01", "2025-12-31", kind, unit, target, "due = 2025-11-30")
    (tmp_path / "targets.toml").write_text(text, encoding="utf-8")
    for q, value in enumerate(values, 1):
        assert cli("record", "t", str(value), "--date", f"2025Q{q}", "--by", "r")[0] == 0


def test_the_last_period_ends_on_a_due_that_is_no_quarter_end() -> None:
    ends = [date(2025, 3, 31), date(2025, 6, 30), date(2025, 9, 30), date(2025, 11, 30)]
    assert period_ends(NOV, NOV.target("t")) == ends
    assert last_period_start(NOV.target("t")) == date(2025, 9, 30)


def test_a_february_to_january_plan_reports_january_after_q4() -> None:
    t = FEB_JAN.target("t")
    assert period_ends(FEB_JAN, t) == [
        date(2025, 3, 31), date(2025, 6, 30), date(2025, 9, 30), date(2025, 12, 31), date(2026, 1, 31),
    ]  # fmt: skip
    recorded = [entry("t", day, "10", n) for n, day in enumerate(period_ends(FEB_JAN, t)[:-1])]
    got = owed(FEB_JAN, recorded, date(2026, 3, 1))
    assert [(o.periods, o.state, o.due) for o in got] == [((date(2026, 1, 31),), DueState.LATE, date(2026, 2, 15))]


def test_total_due_lists_oct_nov_and_check_names_it_once_late(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _setup(tmp_path, "total", "亿元", 100, cli, [20, 40, 60])
    code, out, _ = cli("due", "--as-of", "2026-03-01", "--format", "json")
    figures = [f for o in json.loads(out)["owners"] for f in o["figures"]]
    assert code == 0
    assert [(f["target"], f["periods"], f["due"], f["state"]) for f in figures] == [
        ("t", ["2025-11-30"], "2025-12-15", "late")
    ]
    code, out, err = cli("check", "--fail-on", "behind", "--as-of", "2025-12-10")
    assert code == 0 and "the figure for 2025-11-30 is awaited (due 2025-12-15" in err
    code, out, err = cli("check", "--fail-on", "behind", "--as-of", "2026-06-30")
    assert code == 3
    assert out.strip() == "not_achieved: t (指标)"
    assert "its figures are late since 2025-12-15" in err


def test_addition_has_no_period_end_figure_until_oct_nov_is_recorded(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _setup(tmp_path, "increment", "家", 40, cli, [10, 10, 10])
    code, out, _ = cli("due", "--as-of", "2025-12-20", "--format", "json")
    figures = [f for o in json.loads(out)["owners"] for f in o["figures"]]
    assert code == 0
    assert [(f["periods"], f["state"], f["days_late"]) for f in figures] == [(["2025-11-30"], "late", 5)]
    code, out, _ = cli("report", "--as-of", "2025-12-31")
    line = next(x for x in out.splitlines() if "指标" in x and "not met" in x)
    assert "no figure for the period's end (2025-11-30)" in line and "short" not in line
    assert cli("record", "t", "10", "--date", "2025-11-20", "--by", "r")[0] == 0
    code, out, _ = cli("report", "--as-of", "2025-12-31")
    assert code == 0
    assert "| 指标 | 40 firms | 40 | 11-30 | 100.0% | 100.0% | done |" in out
    assert cli("due", "--as-of", "2025-12-20")[1].strip().endswith("Every figure due has been recorded.")


def test_a_q3_addition_does_not_answer_oct_nov() -> None:
    t = NOV.target("t")._replace(kind=Kind.INCREMENT)
    assert not covers_period_end(t, date(2025, 9, 30))
    assert covers_period_end(t, date(2025, 10, 1))
    plan = NOV._replace(targets=(t,))
    got = owed(plan, [entry("t", date(2025, 9, 30), "10")], date(2025, 12, 20))
    assert [o.periods for o in got] == [(date(2025, 3, 31), date(2025, 6, 30), date(2025, 11, 30))]


@given(
    st.integers(0, 11),
    st.sampled_from([Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.YEARLY]),
    st.integers(0, 364),
    st.sampled_from([Kind.TOTAL, Kind.INCREMENT]),
)
def test_the_last_period_always_ends_on_the_due(start: int, frequency: Frequency, offset: int, kind: Kind) -> None:
    first = add_months(date(2025, 1, 1), start)
    end = add_months(first, 12) - timedelta(days=1)
    due = min(first + timedelta(days=offset), end)
    plan = FEB_JAN._replace(start=first, end=end)
    t = plan.target("t")._replace(frequency=frequency, due=due, kind=kind)
    plan = plan._replace(targets=(t,))
    ends = period_ends(plan, t)
    assert ends[-1] == due
    assert ends == sorted(set(ends)) and ends[0] >= first
    step = 12 if frequency is Frequency.YEARLY else frequency.months
    assert all(p == month_end(p.year, p.month) and p.month % step == 0 for p in ends[:-1])
    if len(ends) > 1:
        assert ends[-2] == last_period_start(t)
    # Every period but the last recorded at its end: only the last is owed once its due day has passed.
    recorded = [entry("t", p, "1", n) for n, p in enumerate(ends[:-1])]
    got = owed(plan, recorded, add_months(due, 2))
    assert [(o.periods, o.state) for o in got] == [((due,), DueState.LATE)]
