"""Expected progress (序时进度) and months left, against values computed by hand."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from ledger.schedule import elapsed, expected_progress, is_monthly, months_left

START, END = date(2025, 1, 1), date(2025, 12, 31)


def test_month_ends_are_whole_twelfths() -> None:
    assert expected_progress(START, END, date(2025, 3, 31)) == Decimal("0.25")
    assert expected_progress(START, END, date(2025, 6, 30)) == Decimal("0.5")  # 时间过半
    assert expected_progress(START, END, date(2025, 9, 30)) == Decimal("0.75")
    assert expected_progress(START, END, END) == 1


def test_inside_a_month_runs_by_day() -> None:
    # April 15: 3 months + 15/30 of April = 3.5 / 12 = 0.291666…
    assert round(expected_progress(START, END, date(2025, 4, 15)), 4) == Decimal("0.2917")
    # February 14 of 28 days: (1 + 14/28) / 12 = 0.125
    assert expected_progress(START, END, date(2025, 2, 14)) == Decimal("0.125")


def test_before_and_after_the_period() -> None:
    assert expected_progress(START, END, date(2024, 12, 31)) == 0
    assert expected_progress(START, END, date(2026, 3, 1)) == 1


def test_period_not_starting_on_the_first_counts_days() -> None:
    start, end = date(2025, 1, 10), date(2025, 1, 19)  # 10 days
    assert not is_monthly(start, end)
    assert elapsed(start, end, date(2025, 1, 14)) == Decimal(5) / 10
    assert expected_progress(start, end, date(2025, 1, 10)) == Decimal("0.1")


def test_schedule_draws_straight_lines_between_points() -> None:
    schedule = ((date(2025, 3, 31), Decimal("0.20")), (date(2025, 6, 30), Decimal("0.47")))
    assert expected_progress(START, END, date(2025, 3, 31), schedule) == Decimal("0.2")
    assert expected_progress(START, END, date(2025, 6, 30), schedule) == Decimal("0.47")
    # The end of May is two thirds of the way from March to June: 0.20 + 0.27 × 2/3 = 0.38.
    assert expected_progress(START, END, date(2025, 5, 31), schedule) == Decimal("0.38")
    # After the last point, a straight line to (end, 100 %): September is halfway, 0.735.
    assert expected_progress(START, END, date(2025, 9, 30), schedule) == Decimal("0.735")


def test_months_left() -> None:
    assert months_left(date(2025, 6, 30), END) == 6
    assert months_left(date(2025, 4, 15), END) == Decimal("8.5")
    assert months_left(END, END) == 0


days = st.integers(min_value=-40, max_value=400).map(lambda n: START + timedelta(days=n))


@given(days, days)
def test_expected_progress_rises_from_zero_to_one(a: date, b: date) -> None:
    lo, hi = sorted((a, b))
    fa, fb = expected_progress(START, END, lo), expected_progress(START, END, hi)
    assert 0 <= fa <= fb <= 1


@given(st.integers(min_value=0, max_value=364))
def test_elapsed_plus_left_is_the_year(offset: int) -> None:
    day = START + timedelta(days=offset)
    total = elapsed(START, END, day) * 12 + Fraction(months_left(day, END))
    assert abs(total - 12) < Fraction(1, 10**20)
