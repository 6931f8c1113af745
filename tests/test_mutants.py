"""Hand-computed values that kill the mutants `mutmut` found surviving in the arithmetic
(ledger/progress.py, schedule.py, units.py, numbers.py; see README, "Development")."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from ledger import MilestoneStatus, Status, evaluate
from ledger.errors import LedgerError
from ledger.numbers import counted, parse_number, plain, rounded, to_decimal, trim
from ledger.progress import is_stale, value_in_unit
from ledger.schedule import expected_progress, is_monthly, months_left
from tests.helpers import entry, progress_of, write_plan

END = date(2025, 12, 31)


def test_a_monthly_figure_goes_stale_the_day_after_the_grace_days() -> None:
    # March's figure: April's is due 2025-04-30, plus 20 days of grace = 2025-05-20.
    assert is_stale(date(2025, 3, 31), 1, 20, date(2025, 5, 20), END) is False
    assert is_stale(date(2025, 3, 31), 1, 20, date(2025, 5, 21), END) is True
    assert is_stale(date(2025, 3, 31), 1, 20, date(2025, 4, 1), END) is False
    # November's figure: December's period ends on the plan's last day, so it can still go stale.
    assert is_stale(date(2025, 11, 30), 1, 20, date(2026, 1, 21), END) is True
    # December's: the next period ends after the plan, so it never goes stale.
    assert is_stale(date(2025, 12, 31), 1, 20, date(2026, 3, 1), END) is False


def test_the_report_names_its_plan_date_and_actions(tmp_path: Path) -> None:
    plan = write_plan(
        tmp_path, '[[target]]\nid = "x"\naction = "a"\nname = "产值"\nkind = "total"\nunit = "亿元"\ntarget = 10\n'
    )
    report = evaluate(plan, [], date(2025, 6, 30))
    assert report.plan is plan and report.as_of == date(2025, 6, 30)
    assert [a.action.id for a in report.actions] == ["a"]


def test_a_value_asked_of_an_entry_without_one_names_it(tmp_path: Path) -> None:
    plan = write_plan(
        tmp_path, '[[target]]\nid = "x"\naction = "a"\nname = "产值"\nkind = "total"\nunit = "亿元"\ntarget = 10\n'
    )
    with pytest.raises(LedgerError, match=r"^entry e000000007 for 'x' has no value$"):
        value_in_unit(entry("x", date(2025, 3, 31), None, 7), plan.targets[0])


# Targets whose figures make each boundary of the arithmetic land exactly: a total with a
# baseline (so that `current - base` and `goal - base` differ from `current` and `goal`), a falling
# total, rates both ways, a rank, milestones with and without steps, all with 力争 figures. A rate
# or rank has no baseline (the plan refuses one); last year's figure is `previous`.
BOUNDARIES = """
[[target]]
id = "total"
action = "a"
name = "产值"
kind = "total"
unit = "亿元"
baseline = 100
target = 1100
stretch = 1200

[[target]]
id = "space"
action = "a"
name = "新增空间"
kind = "increment"
unit = "万平方米"
target = 50

[[target]]
id = "falling"
action = "a"
name = "能耗总量"
kind = "total"
unit = "亿元"
baseline = 100
target = 80
stretch = 70

[[target]]
id = "slow-start"
action = "a"
name = "慢启动"
kind = "total"
unit = "亿元"
target = 100
schedule = { "2025-03" = 0 }

[[target]]
id = "growth"
action = "a"
name = "增速"
kind = "rate"
unit = "%"
previous = 8
target = 6
stretch = 7

[[target]]
id = "energy"
action = "a"
name = "能耗下降"
kind = "rate"
unit = "%"
target = -3
stretch = -4
direction = "down"

[[target]]
id = "rank"
action = "a"
name = "排名"
kind = "rank"
unit = "位"
previous = 80
target = 70
stretch = 60

[[target]]
id = "hub"
action = "a"
name = "枢纽"
kind = "milestone"
due = 2025-06-30

[[target]]
id = "steps"
action = "a"
name = "集聚区"
kind = "milestone"
milestones = [
  { id = "one", name = "第一步", due = 2025-07-31 },
  { id = "two", name = "第二步", due = 2025-12-31 },
]

[[target]]
id = "late-total"
action = "a"
name = "有期限的产值"
kind = "total"
unit = "亿元"
target = 10
due = 2025-06-30
"""


@pytest.fixture
def plan(tmp_path: Path):  # type: ignore[no-untyped-def]
    return write_plan(tmp_path, BOUNDARIES)


def one(plan, target: str, as_of: date, *entries):  # type: ignore[no-untyped-def]
    return progress_of(plan, list(entries), as_of, target)


JUNE = date(2025, 6, 30)  # expected progress 6/12 = 0.5; six months left


@pytest.mark.parametrize(
    ("value", "status", "gap"),
    [
        ("1100", Status.DONE, Decimal("0.5")),  # (1100 − 100) / 1000 = 1 exactly: done
        ("600", Status.ON_TRACK, Decimal(0)),  # 0.5 against 0.5: on track at a gap of 0
        ("550", Status.AT_RISK, Decimal("-0.05")),  # exactly the 5-point tolerance below
        ("549", Status.BEHIND, Decimal("-0.051")),
    ],
)
def test_a_total_with_a_baseline_at_each_status_boundary(plan, value: str, status: Status, gap: Decimal) -> None:  # type: ignore[no-untyped-def]
    p = one(plan, "total", JUNE, entry("total", JUNE, value, 1, unit="亿元"))
    assert (p.status, p.gap, p.expected, p.current_date, p.entries) == (status, gap, Decimal("0.5"), JUNE, 1)
    assert p.progress == (Decimal(value) - 100) / 1000
    assert p.latest is not None and p.latest.id == "e000000001"


def test_a_total_s_forecast_and_the_pace_still_needed(plan) -> None:  # type: ignore[no-untyped-def]
    p = one(plan, "total", JUNE, entry("total", JUNE, "550", 1, unit="亿元"))
    assert p.forecast == 1000  # 100 + 1000 × 0.45 / 0.5
    assert p.needed_per_month == Decimal(550) / 6  # (1100 − 550) over the six months left
    november = date(2025, 11, 30)  # one month left: all that is missing, in that month
    assert one(plan, "total", november, entry("total", november, "1000", 1)).needed_per_month == 100
    # Expected progress 0 (the schedule plans nothing before March): no forecast, not a division by 0.
    february = date(2025, 2, 28)
    early = one(plan, "slow-start", february, entry("slow-start", february, "10", 1))
    assert (early.expected, early.forecast, early.status) == (0, None, Status.ON_TRACK)


def test_an_increment_adds_its_entries_in_the_target_s_unit(plan) -> None:  # type: ignore[no-untyped-def]
    p = one(plan, "space", JUNE, entry("space", date(2025, 3, 31), "50000", 1, unit="平方米"),
            entry("space", date(2025, 5, 31), "20", 2, unit="万平方米"))  # fmt: skip
    assert (p.current, p.progress, p.current_date, p.entries) == (Decimal(25), Decimal("0.5"), date(2025, 5, 31), 2)


def test_the_latest_entry_is_the_latest_by_as_of_date_not_by_id(plan) -> None:  # type: ignore[no-untyped-def]
    p = one(plan, "total", JUNE, entry("total", JUNE, "600", 1), entry("total", date(2025, 3, 31), "300", 2))
    assert (p.current, p.current_date) == (Decimal(600), JUNE)


@pytest.mark.parametrize(
    ("target", "value", "met"),
    [
        ("total", "1200", True), ("total", "1199", False),  # rising total: at or above 1200
        ("falling", "70", True), ("falling", "65", True), ("falling", "75", False),  # falling: at or below 70
        ("growth", "7.5", True), ("growth", "6.5", False),  # a rate up, whatever last year's figure
        ("energy", "-4", True), ("energy", "-4.5", True), ("energy", "-3.5", False),  # down: at or below −4
        ("rank", "60", True), ("rank", "55", True), ("rank", "65", False),  # a place at or above 60th
    ],
)  # fmt: skip
def test_the_stretch_figure_is_met_in_the_target_s_direction(plan, target: str, value: str, met: bool) -> None:  # type: ignore[no-untyped-def]
    assert one(plan, target, JUNE, entry(target, JUNE, value, 1)).stretch_met is met


@pytest.mark.parametrize(
    ("target", "value", "status", "gap"),
    [
        ("growth", "6", Status.ON_TRACK, Decimal(0)),  # met, but June is not the end of the period
        ("growth", "5", Status.AT_RISK, Decimal(-1)),  # exactly 1.0 point short
        ("growth", "4.9", Status.BEHIND, Decimal("-1.1")),
        ("energy", "-2", Status.AT_RISK, Decimal(-1)),  # falling: −2 is one point short of −3
        ("rank", "70", Status.DONE, Decimal(0)),
        ("rank", "75", Status.AT_RISK, Decimal(-5)),  # exactly 5 places short
        ("rank", "76", Status.BEHIND, Decimal(-6)),
    ],
)
def test_rates_and_ranks_at_each_status_boundary(plan, target: str, value: str, status: Status, gap: Decimal) -> None:  # type: ignore[no-untyped-def]
    unit = "%" if target != "rank" else "位"
    p = one(plan, target, JUNE, entry(target, JUNE, value, 3, unit=unit))
    assert (p.status, p.gap, p.current, p.current_date, p.entries) == (status, gap, Decimal(value), JUNE, 1)
    assert p.latest is not None and p.latest.id == "e000000003"
    december = date(2025, 12, 31)
    if target == "growth" and status is Status.ON_TRACK:  # dated at the period's end: done
        assert one(plan, target, december, entry(target, december, value, 3)).status is Status.DONE


def test_a_single_milestone_reports_its_own_status(plan) -> None:  # type: ignore[no-untyped-def]
    may = date(2025, 5, 31)
    p = one(plan, "hub", may, entry("hub", may, None, 4, status=MilestoneStatus.IN_PROGRESS))
    assert (p.current, p.status, p.progress, p.entries) == ("in_progress", Status.ON_TRACK, Decimal(0), 1)
    assert p.current_date == may
    assert [(m.id, m.name, m.due, m.status) for m in p.milestones] == [
        ("hub", "枢纽", date(2025, 6, 30), MilestoneStatus.IN_PROGRESS)
    ]
    assert p.latest is not None and p.latest.id == "e000000004"


def test_milestone_steps_and_the_thirty_day_warning(plan) -> None:  # type: ignore[no-untyped-def]
    july_first = date(2025, 7, 1)  # step one is due in exactly 30 days
    p = one(
        plan,
        "steps",
        july_first,
        entry("steps", july_first, None, 5, status=MilestoneStatus.NOT_STARTED, milestone="one"),
    )
    assert (p.status, p.current, p.progress, p.entries) == (Status.AT_RISK, "0/2", Decimal(0), 1)
    assert [(m.id, m.name, m.status) for m in p.milestones] == [
        ("one", "第一步", MilestoneStatus.NOT_STARTED), ("two", "第二步", None)
    ]  # fmt: skip
    assert p.next_milestone is not None and p.next_milestone.id == "one"
    june_thirtieth = date(2025, 6, 30)  # 31 days before: not yet a warning
    started = entry("steps", june_thirtieth, None, 5, status=MilestoneStatus.NOT_STARTED, milestone="one")
    assert one(plan, "steps", june_thirtieth, started).status is Status.ON_TRACK


def test_without_entries_only_a_milestone_past_due_is_behind(plan) -> None:  # type: ignore[no-untyped-def]
    july = date(2025, 7, 1)
    # Due June 30, nothing reported: the next day it is judged, as the plan at its end.
    assert (one(plan, "hub", july).status, one(plan, "hub", july).shortfall) == (Status.NOT_ACHIEVED, 1)
    assert one(plan, "late-total", july).status is Status.NO_DATA  # a figure's due date is not a step
    # On its due day it is judged, as a plan on its last day; the day before it is at_risk, not started.
    assert one(plan, "hub", JUNE).status is Status.NOT_ACHIEVED
    assert one(plan, "hub", JUNE - timedelta(days=1)).status is Status.AT_RISK
    assert one(plan, "hub", date(2025, 5, 31)).status is Status.AT_RISK  # due in 30 days
    assert one(plan, "hub", date(2025, 5, 30)).status is Status.NO_DATA  # due in 31 days


def test_numbers_at_the_edges_of_their_range() -> None:
    assert parse_number("999999999999999") == Decimal("999999999999999")  # 15 digits
    assert parse_number("0.0000000001") == Decimal("1E-10")  # 10 decimals
    digits = "is out of range; it has 16 digits before the decimal point, and figures have at most 15"
    with pytest.raises(ValueError, match=f"^'1000000000000000' {digits}$"):
        parse_number("1000000000000000")
    places = "is out of range; it has 11 decimal places, and figures have at most 10: round it"
    with pytest.raises(ValueError, match=f"^'0.00000000001' {places}$"):
        parse_number("0.00000000001")
    with pytest.raises(ValueError, match=rf"^1E\+16 {digits.replace('16', '17')}$"):
        to_decimal(Decimal("1E+16"))
    with pytest.raises(ValueError, match=r"^'abc' is not a number$"):
        parse_number("abc")
    with pytest.raises(ValueError, match=r"^'nan' is not a finite number$"):
        parse_number("nan")
    with pytest.raises(ValueError, match=r"^True is not a number$"):
        to_decimal(True)
    with pytest.raises(ValueError, match=r"^'1' is not a number$"):
        to_decimal("1")
    with pytest.raises(ValueError, match=r"^inf is not a finite number$"):
        to_decimal(float("inf"))
    assert to_decimal(0.1) == Decimal("0.1") and to_decimal(Decimal("680.10")) == Decimal("680.10")


def test_negative_zero_and_trailing_zeros_are_written_plainly() -> None:
    assert (plain(Decimal("-0")), plain(Decimal("680.10")), plain(Decimal("1E+2"))) == ("0", "680.10", "100")
    assert (trim(Decimal("-0.00")), trim(Decimal("5.00")), trim(Decimal("5.50")), trim(Decimal("100"))) == (
        "0", "5", "5.5", "100")  # fmt: skip
    assert rounded(Decimal("1.235"), 2) == Decimal("1.24") and str(rounded(Decimal("2"), 2)) == "2.00"


def test_a_period_counts_in_months_only_from_a_first_to_a_month_end() -> None:
    assert is_monthly(date(2025, 1, 1), END) is True
    assert is_monthly(date(2025, 1, 2), END) is False
    assert is_monthly(date(2025, 1, 1), date(2025, 12, 30)) is False


def test_a_schedule_point_bends_the_expected_line() -> None:
    start = date(2025, 1, 1)
    june = [(date(2025, 6, 30), Decimal("0.4"))]
    # From (0, 0) to (June = 0.5 of the year, 0.4): at March's end, a quarter of the year, 0.2.
    assert expected_progress(start, END, date(2025, 3, 31), june) == Decimal("0.2")
    # From (0.5, 0.4) to (1, 1): at September's end, 0.4 + 0.6 × 0.25 / 0.5 = 0.7.
    assert expected_progress(start, END, date(2025, 9, 30), june) == Decimal("0.7")
    # A point on the day before the start (elapsed 0) applies from the start, without dividing by 0.
    day_before = date(2024, 12, 31)
    assert expected_progress(start, END, day_before, [(day_before, Decimal("0.1"))]) == Decimal("0.1")
    assert months_left(END, END) == 0 and months_left(date(2026, 1, 5), END) == 0


def test_counted_nouns_take_their_english_plural() -> None:
    assert [counted(1, "entry"), counted(3, "entry"), counted(2, "row"), counted(0, "row"), counted(1, "row")] == [
        "1 entry", "3 entries", "2 rows", "0 rows", "1 row"]  # fmt: skip


# --- survivors of the mutation run after the year's end, owners and sheets landed -----------------

from fractions import Fraction  # noqa: E402

from ledger.units import exact, shown  # noqa: E402


def test_exact_leaves_a_figure_without_a_unit_on_either_side_as_it_is() -> None:
    # Either unit missing means no conversion (a typo'd `or` would try to convert to or from None).
    assert exact(Decimal("7000000"), "万元", None) == Fraction(7000000)
    assert exact(Decimal("5"), None, "亿元") == Fraction(5)
    assert exact(Decimal("7000000"), "万元", "亿元") == Fraction(700)


def test_shown_keeps_the_places_typed_and_drops_only_zeros_beyond_them() -> None:
    assert str(shown(Fraction(319), 1, keep=1)) == "319.0"  # 318.6 + 0.4: one place kept
    assert str(shown(Fraction(319), 1, keep=0)) == "319"  # nothing typed after the point
    assert str(shown(Fraction(3, 2), 2, keep=0)) == "1.5"  # 1.50: the zero beyond `keep` goes
    assert str(shown(Fraction(4, 3), 2)) == "1.33"  # 20 亩 in 万平方米, rounded half-up
    assert str(shown(Fraction(5, 3), 2)) == "1.67"
    assert str(shown(Fraction(7), -2)) == "7"  # a negative count of places means none
    assert str(shown(Fraction(3, 2), -1)) == "2"  # none: 1.5 rounds half-up to 2


def test_value_in_unit_converts_a_unit_the_target_does_not_use(tmp_path: Path) -> None:
    plan = write_plan(
        tmp_path, '[[target]]\nid = "x"\naction = "a"\nname = "产值"\nkind = "total"\nunit = "亿元"\ntarget = 10\n'
    )
    e = entry("x", date(2025, 3, 31), "7000000", unit="万元")
    assert value_in_unit(e, plan.targets[0]) == Decimal(700)


YEAR_END = """
[[target]]
id = "rate"
action = "a"
name = "增速"
kind = "rate"
unit = "%"
target = 6

[[target]]
id = "half-rate"
action = "a"
name = "上半年增速"
kind = "rate"
unit = "%"
target = 6
due = 2025-06-30

[[target]]
id = "area"
action = "a"
name = "新增面积"
kind = "increment"
unit = "万平方米"
target = 50

[[target]]
id = "energy"
action = "a"
name = "存量债务"
kind = "total"
unit = "亿元"
baseline = 120
target = 100

[[target]]
id = "steps"
action = "a"
name = "任务"
name_en = "Task"
kind = "milestone"
"""


def test_the_years_end_verdicts_count_exactly_at_the_goal_and_the_right_way(tmp_path: Path) -> None:
    plan = write_plan(tmp_path, YEAR_END)
    # A rate exactly at its goal on the last day met it (a gap of 0 is not short); read in
    # November it is not achieved for want of the year's figure, with no shortfall either.
    rate = progress_of(plan, [entry("rate", END, "6")], END, "rate")
    assert rate.status is Status.DONE and rate.shortfall is None
    early = progress_of(plan, [entry("rate", date(2025, 11, 30), "6")], END, "rate")
    assert early.status is Status.NOT_ACHIEVED and early.shortfall is None
    # A rate read on its own due date (June 30) is done, before the plan's end; read later, too.
    july = date(2025, 7, 31)
    assert progress_of(plan, [entry("half-rate", date(2025, 6, 30), "6.5")], july, "half-rate").status is Status.DONE
    # A May reading, read after its due: not achieved for want of June's figure, as at the plan's end.
    may = progress_of(plan, [entry("half-rate", date(2025, 5, 31), "6.5")], july, "half-rate")
    assert (may.status, may.shortfall) == (Status.NOT_ACHIEVED, None)
    assert (
        progress_of(plan, [entry("half-rate", date(2025, 5, 31), "6.5")], date(2025, 6, 29), "half-rate").status
        is Status.ON_TRACK
    )
    # A falling total (120 down to 100): 112 at the end is 12 short of the goal, not 212 nor -12.
    energy = progress_of(plan, [entry("energy", date(2025, 12, 31), "112")], END, "energy")
    assert energy.status is Status.NOT_ACHIEVED and energy.shortfall == Decimal(12)
    energy_met = progress_of(plan, [entry("energy", date(2025, 12, 31), "96")], END, "energy")
    assert energy_met.status is Status.DONE


def test_a_milestone_target_without_steps_keeps_its_english_name_and_shows_no_status_before_one(
    tmp_path: Path,
) -> None:
    plan = write_plan(tmp_path, YEAR_END)
    p = progress_of(
        plan, [entry("steps", date(2025, 6, 30), None, status=MilestoneStatus.IN_PROGRESS)], date(2025, 6, 30), "steps"
    )
    assert [(m.id, m.name_en, m.status) for m in p.milestones] == [("steps", "Task", MilestoneStatus.IN_PROGRESS)]
    assert p.current == "in_progress"


def test_a_sum_across_units_keeps_the_places_typed_in_the_targets_own_unit(tmp_path: Path) -> None:
    """1.20 万平方米 typed with two places, plus 15 亩 (exactly 1 万平方米): 2.20, not 2.2."""
    from ledger.progress import amount_of

    plan = write_plan(tmp_path, YEAR_END)
    area = plan.target("area")
    entries = [
        entry("area", date(2025, 3, 31), "1.20", 1, unit="万平方米"),
        entry("area", date(2025, 4, 30), "15", 2, unit="亩"),
    ]
    exact_sum, current = amount_of(area, entries)
    assert exact_sum == Fraction(11, 5) and str(current) == "2.20"
    untyped = [entries[0]._replace(unit=None), entries[1]]  # a figure without a unit is in the target's
    assert str(amount_of(area, untyped)[1]) == "2.20"
