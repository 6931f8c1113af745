"""The meaning checks' fast paths agree with their plain definitions: each new entry's neighbours
found by bisection (by_definition below), and the 10× test of a slip done in whole numbers."""

from __future__ import annotations

from datetime import UTC, date, datetime
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from ledger.entries import Entry
from ledger.meaning import _neighbours
from ledger.slips import RATIO, within

RECORDED = datetime(2025, 7, 1, tzinfo=UTC)
days = st.dates(min_value=date(2025, 1, 1), max_value=date(2025, 4, 30))


def by_definition(readings: list[Entry], day: date) -> tuple[Entry | None, Entry | None]:
    """The latest dated on or before ``day``, else the earliest after; the latest of the calendar
    month before ``day``'s (what a running total's month figure adds to)."""
    on_or_before = [r for r in readings if r.date <= day]
    month = (day.year * 12 + day.month - 2) // 12, (day.year * 12 + day.month - 2) % 12 + 1
    prior = next((r for r in reversed(readings) if (r.date.year, r.date.month) == month), None)
    if on_or_before:
        return on_or_before[-1], prior
    return (readings[0] if readings else None), prior


@given(st.lists(days, max_size=30), days)
def test_bisection_finds_the_readings_the_definition_names(dates: list[date], day: date) -> None:
    readings = sorted((Entry(f"e{n}", "t", d, RECORDED) for n, d in enumerate(dates)), key=lambda r: r.date)
    assert _neighbours(readings, day) == by_definition(readings, day)


def test_equal_dates_give_the_last_in_file_order() -> None:
    a, b, c = (Entry(i, "t", date(2025, 3, 31), RECORDED) for i in "abc")
    before = Entry("z", "t", date(2025, 2, 28), RECORDED)
    assert _neighbours([before, a, b, c], date(2025, 3, 31)) == (c, before)
    assert _neighbours([before, a, b, c], date(2025, 1, 31)) == (before, None)
    mid = Entry("m", "t", date(2025, 3, 15), RECORDED)  # of March: not what March 31 adds to
    assert _neighbours([before, mid, a], date(2025, 3, 31)) == (a, before)
    assert _neighbours([], date(2025, 1, 31)) == (None, None)


positive = st.fractions(min_value=Fraction(1, 10**6), max_value=10**6)


@given(positive, positive)
def test_within_is_the_ratio_test_in_whole_numbers(value: Fraction, implied: Fraction) -> None:
    assert within(value, implied) == (1 / Fraction(RATIO) < value / implied < RATIO)


def test_within_excludes_exactly_ten_times() -> None:
    assert not within(Fraction(10), Fraction(1)) and not within(Fraction(1), Fraction(10))
    assert within(Fraction(999, 100), Fraction(1)) and within(Fraction(1), Fraction(999, 100))
