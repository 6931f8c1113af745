"""An addition (kind increment) is judged at the end of its latest period whose figure is due by
the as-of date (its release day passed, as `tracker due` counts it) or recorded, never later than
the as-of date (README, "How progress is counted"): a figure that cannot exist yet neither counts
as zero nor lowers the forecast, and `status` and `due` agree on the same day.

The departments example: innovation-space (monthly, 50 万平方米, June's figure due 07-15) has
2 + 3 + 5.5 + 4 + 6 = 20.5 for January–May; high-tech-firms (quarterly, 40 家, release day 20)
has Q1's 8. Tolerance 5 points."""

from __future__ import annotations

import csv
import json
import shutil
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import Status, load_plan
from ledger.dates import add_months, month_end
from ledger.due import owed
from ledger.numbers import from_fraction
from ledger.schedule import expected_share
from tests.conftest import ROOT
from tests.helpers import entry, progress_of, write_plan

DEPARTMENTS = ROOT / "examples" / "departments"
PLAN = load_plan(DEPARTMENTS / "targets.toml")


def _figures() -> list:
    with open(DEPARTMENTS / "figures-jan-may-illustrative.csv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["target"] in ("innovation-space", "high-tech-firms")]
    return [entry(r["target"], date.fromisoformat(r["date"]), r["value"], n) for n, r in enumerate(rows)]


FIGURES = _figures()


def _owes(as_of: date, target: str) -> list[tuple[str, tuple[date, ...]]]:
    return [(o.state.value, o.periods) for o in owed(PLAN, FIGURES, as_of, [PLAN.target(target)])]


@pytest.mark.parametrize("as_of", [date(2025, 6, 30), date(2025, 7, 15)])
def test_a_month_not_yet_due_is_not_counted(as_of: date) -> None:
    # June's figure is due 07-15: until that day has passed the addition is judged at 05-31.
    p = progress_of(PLAN, FIGURES, as_of, "innovation-space")
    assert p.judged_at == date(2025, 5, 31) and p.current_date == date(2025, 5, 31)
    assert p.current == Decimal("20.5")
    assert p.progress == Decimal("0.41")  # 20.5 / 50
    assert p.expected == Decimal(5) / 12  # 41.67 %
    assert p.gap == from_fraction(Fraction(41, 100) - Fraction(5, 12))  # −0.67 points: within the 5
    assert p.status is Status.AT_RISK
    assert p.forecast == Decimal("49.2")  # 20.5 over five months, times twelve
    assert p.needed_per_month == Decimal("29.5") / 7  # the 29.5 left over June–December
    assert _owes(as_of, "innovation-space") == (
        [] if as_of < date(2025, 7, 1) else [("awaiting", (date(2025, 6, 30),))]
    )


def test_a_month_due_and_missing_counts_zero() -> None:
    # July 16: June's figure (due 07-15) is late; the addition is judged at 06-30 with June at 0.
    p = progress_of(PLAN, FIGURES, date(2025, 7, 16), "innovation-space")
    assert (p.judged_at, p.current_date) == (date(2025, 6, 30), date(2025, 5, 31))
    assert p.progress == Decimal("0.41") and p.expected == Decimal("0.5")
    assert p.gap == Decimal("-0.09")
    assert p.status is Status.BEHIND
    assert p.forecast == 41  # 20.5 over six months, times two
    assert p.needed_per_month == Decimal("29.5") / 6
    assert _owes(date(2025, 7, 16), "innovation-space") == [("late", (date(2025, 6, 30),))]


@pytest.mark.parametrize("as_of", [date(2025, 4, 21), date(2025, 5, 31), date(2025, 6, 30), date(2025, 7, 20)])
def test_a_quarter_not_yet_due_is_not_counted(as_of: date) -> None:
    # Q1 was due 04-20, Q2 is due 07-20: two months in three, and on the day itself, it is 03-31.
    p = progress_of(PLAN, FIGURES, as_of, "high-tech-firms")
    assert p.judged_at == date(2025, 3, 31)
    assert p.progress == Decimal("0.2")  # 8 / 40
    assert p.expected == Decimal("0.25")
    assert p.gap == Decimal("-0.05")  # at the 5-point bound, which is included
    assert p.status is Status.AT_RISK
    assert p.forecast == 32
    assert p.needed_per_month == Decimal(32) / 9  # April–December
    assert _owes(as_of, "high-tech-firms") == (
        [("awaiting", (date(2025, 6, 30),))] if as_of > date(2025, 6, 30) else []
    )


def test_a_quarter_due_and_missing_counts_zero() -> None:
    p = progress_of(PLAN, FIGURES, date(2025, 7, 21), "high-tech-firms")
    assert p.judged_at == date(2025, 6, 30)
    assert (p.progress, p.expected, p.gap) == (Decimal("0.2"), Decimal("0.5"), Decimal("-0.3"))
    assert p.status is Status.BEHIND
    assert p.forecast == 16
    assert p.needed_per_month == Decimal(32) / 6
    assert _owes(date(2025, 7, 21), "high-tech-firms") == [("late", (date(2025, 6, 30),))]


def test_a_period_recorded_before_its_release_day_is_judged_at_its_end() -> None:
    # Q2's 1 firm recorded on 06-30 (before its due 07-20): 9 of 40 at 06-30 is behind.
    es = [*FIGURES, entry("high-tech-firms", date(2025, 6, 30), "1", 99)]
    p = progress_of(PLAN, es, date(2025, 6, 30), "high-tech-firms")
    assert p.judged_at == date(2025, 6, 30)
    assert (p.progress, p.expected) == (Decimal("0.225"), Decimal("0.5"))
    assert p.status is Status.BEHIND
    assert p.forecast == 18


def test_within_the_first_period_it_is_judged_at_the_as_of_date(tmp_path: Path) -> None:
    plan = write_plan(
        tmp_path,
        '\n[[target]]\nid = "space"\naction = "a"\nname = "新增"\nkind = "increment"\nunit = "万平方米"\ntarget = 60\n',
    )
    p = progress_of(plan, [entry("space", date(2025, 1, 15), "2")], date(2025, 1, 20), "space")
    assert p.judged_at == date(2025, 1, 20)  # no period due, January's not over: as before
    assert p.expected == from_fraction(Fraction(20, 31) / 12)
    # After January's end (its figure due 02-15), the end of the period it reports.
    p = progress_of(plan, [entry("space", date(2025, 1, 15), "2")], date(2025, 2, 10), "space")
    assert p.judged_at == date(2025, 1, 31)
    assert p.expected == Decimal(1) / 12 and p.status is Status.AT_RISK  # 2/60 is 5 points short of 1/12
    assert p.forecast == 24


_SPACE = '\n[[target]]\nid = "space"\naction = "a"\nname = "新增"\nkind = "increment"\nunit = "万平方米"\ntarget = 60\n'
_FIRMS = (
    '\n[[target]]\nid = "firms"\naction = "a"\nname = "新认定高企"\nkind = "increment"\nunit = "家"\n'
    'target = 40\nfrequency = "quarterly"\nrelease_day = 20\n'
)


def test_an_early_month_does_not_count_the_awaited_one_as_zero(tmp_path: Path) -> None:
    # January–May 4.8 each; June's figure is due 07-15. As of 07-05: 24 of 60 at 05-31.
    plan = write_plan(tmp_path, _SPACE)
    es = [entry("space", month_end(2025, m), "4.8", m) for m in range(1, 6)]
    p = progress_of(plan, es, date(2025, 7, 5), "space")
    assert (p.judged_at, p.progress, p.expected) == (date(2025, 5, 31), Decimal("0.4"), Decimal(5) / 12)
    assert p.status is Status.AT_RISK and p.forecast == Decimal("57.6")
    # July's 1 recorded early (07-03) counts in the sum, June is still not counted as zero: 25/60
    # = 5/12 at 05-31 is on track, not 41.6 % against 51.3 % as of 07-05 (behind, forecast 48.69).
    p = progress_of(plan, [*es, entry("space", date(2025, 7, 3), "1", 9)], date(2025, 7, 5), "space")
    assert (p.judged_at, p.current_date) == (date(2025, 5, 31), date(2025, 7, 3))
    assert p.current == 25 and p.progress == Decimal(5) / 12 and p.expected == Decimal(5) / 12
    assert p.gap == 0 and p.status is Status.ON_TRACK
    assert p.forecast == 60
    assert p.needed_per_month == 5  # the 35 left over June–December
    # Once June is late (07-16) it counts zero and July's early figure is judged as of the day.
    p = progress_of(plan, [*es, entry("space", date(2025, 7, 3), "1", 9)], date(2025, 7, 16), "space")
    assert p.judged_at == date(2025, 7, 16)


def test_an_early_quarter_does_not_count_the_awaited_one_as_zero(tmp_path: Path) -> None:
    # Q1's 10 of 40; Q2's figure is due 07-20; 2 firms recorded for Q3 on 07-08; as of 07-10.
    plan = write_plan(tmp_path, _FIRMS)
    es = [entry("firms", date(2025, 3, 31), "10", 1)]
    p = progress_of(plan, es, date(2025, 7, 10), "firms")
    assert (p.judged_at, p.progress, p.status, p.forecast) == (date(2025, 3, 31), Decimal("0.25"), Status.ON_TRACK, 40)
    p = progress_of(plan, [*es, entry("firms", date(2025, 7, 8), "2", 2)], date(2025, 7, 10), "firms")
    assert p.judged_at == date(2025, 3, 31)  # not 07-10: 30 % against 52.7 %, behind, forecast 22.78
    assert (p.progress, p.expected, p.gap) == (Decimal("0.3"), Decimal("0.25"), Decimal("0.05"))
    assert p.status is Status.ON_TRACK
    assert p.forecast == 48  # 12 over one quarter, times four
    assert p.needed_per_month == Decimal(28) / 9


def test_an_early_figure_before_any_due_one_asks_nothing_yet(tmp_path: Path) -> None:
    # February's 2 recorded on 02-05; January's figure is awaited (due 02-15): nothing is asked yet.
    plan = write_plan(tmp_path, _SPACE)
    p = progress_of(plan, [entry("space", date(2025, 2, 5), "2")], date(2025, 2, 10), "space")
    assert p.judged_at == date(2024, 12, 31) and p.expected == 0
    assert p.status is Status.ON_TRACK and p.forecast is None
    assert p.needed_per_month == Decimal(58) / 12


def test_a_total_is_still_judged_at_its_reading() -> None:
    es = [entry("industrial-output", date(2025, 5, 31), "520.9", 1)]
    p = progress_of(PLAN, es, date(2025, 7, 20), "industrial-output")
    assert (p.judged_at, p.expected) == (date(2025, 5, 31), Decimal(5) / 12)


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: CliRunner) -> Path:
    shutil.copy(DEPARTMENTS / "targets.toml", tmp_path / "targets.toml")
    shutil.copy(DEPARTMENTS / "figures-jan-may-illustrative.csv", tmp_path / "figures.csv")
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["import", "figures.csv"]).exit_code == 0
    return tmp_path


def test_reports_show_the_date_judged(runner: CliRunner, example: Path) -> None:
    doc = json.loads(runner.invoke(app, ["status", "--as-of", "2025-07-16", "-f", "json"]).stdout)
    space = next(t for a in doc["actions"] for t in a["targets"] if t["id"] == "innovation-space")
    assert (space["current_date"], space["judged_at"], space["status"]) == ("2025-05-31", "2025-06-30", "behind")
    assert space["forecast"] == 41
    table = runner.invoke(app, ["status", "--as-of", "2025-07-16", "--lang", "zh"]).stdout
    (row,) = [line for line in table.splitlines() if " 20.5 " in line]  # its current, Jan–May
    assert " 06-30" in row and " 05-31" not in row  # the 截至 column: the day judged, June at zero
    early = runner.invoke(app, ["status", "--as-of", "2025-06-30", "-f", "json"]).stdout
    firms = next(t for a in json.loads(early)["actions"] for t in a["targets"] if t["id"] == "high-tech-firms")
    assert (firms["judged_at"], firms["status"], firms["forecast"]) == ("2025-03-31", "at_risk", 32)


def test_check_does_not_mail_a_unit_that_owes_nothing(runner: CliRunner, example: Path) -> None:
    # README, Cron: reported "as of last month" early in July; 科技局 has sent all that is due.
    assert (
        runner.invoke(app, ["check", "--as-of", "2025-06-30", "--fail-on", "behind", "--owner", "科技局"]).exit_code
        == 0
    )
    late = runner.invoke(app, ["check", "--as-of", "2025-07-21", "--fail-on", "behind", "--owner", "科技局"])
    assert late.exit_code != 0 and late.stdout.splitlines() == [
        "behind: innovation-space (新增创新空间面积)",
        "behind: high-tech-firms (新认定高新技术企业)",
    ]


def _period_end(day: date, months: int) -> date:
    """The end of the ``months``-long calendar period holding ``day``, counted independently."""
    last = add_months(day.replace(day=1), (-day.month) % months)
    return month_end(last.year, last.month)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    quarterly=st.booleans(),
    recorded=st.lists(
        st.tuples(st.integers(1, 12), st.integers(1, 31), st.integers(0, 80).map(lambda n: Decimal(n) / 4)),
        min_size=1,
        max_size=12,
    ),
    as_of=st.dates(date(2025, 1, 1), date(2026, 3, 31)),
)
def test_never_behind_while_due_owes_nothing(
    tmp_path: Path, quarterly: bool, recorded: list[tuple[int, int, Decimal]], as_of: date
) -> None:
    """For any as-of date and any recorded additions, an increment `due` owes nothing for is
    `behind` only when its recorded additions are behind at the end of the latest period they
    report (or the as-of date, if earlier): no unrecorded period counts as zero."""
    frequency = '\nfrequency = "quarterly"' if quarterly else ""
    plan = write_plan(
        tmp_path,
        f'\n[[target]]\nid = "x"\naction = "a"\nname = "新增"\nkind = "increment"\nunit = "家"\ntarget = 40{frequency}\n',
    )
    target = plan.target("x")
    es = [
        entry("x", date(2025, m, min(d, month_end(2025, m).day)), str(v), n)
        for n, (m, d, v) in enumerate(recorded)
        if date(2025, m, min(d, month_end(2025, m).day)) <= as_of
    ]
    if not es or owed(plan, es, as_of, [target]):
        return
    p = progress_of(plan, es, as_of, "x")
    if as_of >= target.due:
        assert p.status is not Status.BEHIND  # a verdict: done or not achieved
        return
    latest = max(e.date for e in es)
    at = min(_period_end(latest, 3 if quarterly else 1), as_of)
    assert p.judged_at == at
    short = Fraction(sum(e.value for e in es if e.value is not None)) / 40 - expected_share(plan.start, target.due, at)
    assert (p.status is Status.BEHIND) == (short < Fraction(-5, 100))


_RANK = {Status.BEHIND: 0, Status.AT_RISK: 1, Status.ON_TRACK: 2, Status.DONE: 3}
_DAY = st.tuples(st.integers(1, 12), st.integers(1, 31)).map(
    lambda md: date(2025, md[0], min(md[1], month_end(2025, md[0]).day))
)
_ADDITION = st.tuples(_DAY, st.integers(0, 80).map(lambda n: Decimal(n) / 4))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    quarterly=st.booleans(),
    recorded=st.lists(_ADDITION, min_size=1, max_size=10),
    extra=_ADDITION,
    as_of=st.dates(date(2025, 1, 1), date(2025, 12, 30)),
)
def test_recording_an_addition_never_makes_the_status_worse(
    tmp_path: Path, quarterly: bool, recorded: list[tuple[date, Decimal]], extra: tuple[date, Decimal], as_of: date
) -> None:
    """For any additions recorded before the due and one more: the judged day never passes a
    period whose figure is awaited (an early figure never makes one count as zero) and never moves
    back; where the extra addition leaves it where it was (a period already recorded, or an early
    figure while an earlier one is awaited) the status is never worse, and where it moves it later
    (the first figure of a period, every one before it in or late) never worse if the addition
    keeps the pace asked over the days it adds. Unconditionally it cannot hold: Q2's 1 firm
    recorded on 06-30 turns 8 of 40 at risk at 03-31 into 9 behind at 06-30, as it should."""
    frequency = '\nfrequency = "quarterly"' if quarterly else ""
    plan = write_plan(
        tmp_path,
        f'\n[[target]]\nid = "x"\naction = "a"\nname = "新增"\nkind = "increment"\nunit = "家"\ntarget = 40{frequency}\n',
    )
    target = plan.target("x")
    es = [entry("x", d, str(v), n) for n, (d, v) in enumerate(recorded) if d <= as_of]
    if not es or extra[0] > as_of:
        return
    more = [*es, entry("x", extra[0], str(extra[1]), 99)]
    before, after = progress_of(plan, es, as_of, "x"), progress_of(plan, more, as_of, "x")
    assert before.judged_at is not None and after.judged_at is not None
    for p, ledger in ((before, es), (after, more)):
        awaited = [q for o in owed(plan, ledger, as_of, [target]) if o.state.value == "awaiting" for q in o.periods]
        assert p.judged_at is not None and all(q > p.judged_at for q in awaited)
    assert after.judged_at >= before.judged_at
    asked = expected_share(plan.start, target.due, after.judged_at) - expected_share(
        plan.start, target.due, before.judged_at
    )
    if after.judged_at == before.judged_at or Fraction(extra[1]) / 40 >= asked:
        assert _RANK[after.status] >= _RANK[before.status]
