"""Expected progress (序时进度) and months left, as government progress reports count them.

Time runs on a month scale when the period starts on the 1st of a month and ends on a month's
last day: the end of month k of a 12-month plan is k/12 (end of June = 1/2, "时间过半"), and
inside a month time runs linearly by day (April 15 = 3 + 15/30 months). Otherwise time is days
elapsed over days in the period, both counted inclusively.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from .dates import month_end, month_position, shift_years
from .numbers import from_fraction


def _months(d: date) -> Fraction:
    """Months from the start of year 0 to the end of day ``d``."""
    index, day, length = month_position(d)
    return index + Fraction(day, length)


def is_monthly(start: date, end: date) -> bool:
    """Whether a period is counted in months: it starts on a 1st and ends on a month end."""
    return start.day == 1 and end == month_end(end.year, end.month)


def a_whole_year(start: date, end: date) -> bool:
    """Whether a plan running ``start``–``end`` (both included) lasts exactly a year: 2025-01-01
    to 2025-12-31 or 2025-07-01 to 2026-06-30 does; 2025-01-01 to 2025-06-30 (half a year) and
    2025-01-01 to 2027-12-31 (a three-year plan) do not. Its end is then the year's end (全年),
    else the end of its own period (期末): a half-year plan's June figure is not the year's."""
    return end + timedelta(days=1) == shift_years(start, 1)


def elapsed(start: date, end: date, d: date) -> Fraction:
    """The share of the period ``start``–``end`` that has passed by the end of day ``d``, 0–1."""
    if d < start:
        return Fraction(0)
    if d >= end:  # `d > end` is an equivalent mutant: the formulas below give 1 at the end too
        return Fraction(1)
    if is_monthly(start, end):
        # The end of the day before a 1st is its month's start (and 0001-01-01 has no day before).
        origin = Fraction(month_position(start)[0])
        return (_months(d) - origin) / (_months(end) - origin)
    return Fraction((d - start).days + 1, (end - start).days + 1)


def expected_progress(
    start: date,
    end: date,
    d: date,
    schedule: Sequence[tuple[date, Decimal]] = (),
) -> Decimal:
    """Expected progress at the end of day ``d`` as a share 0–1 (see :func:`expected_share`).

    Examples for 2025: March 31 → 0.25, April 15 → 0.2916…, June 30 → 0.5.
    """
    return from_fraction(expected_share(start, end, d, schedule))


def expected_share(
    start: date,
    end: date,
    d: date,
    schedule: Sequence[tuple[date, Decimal]] = (),
) -> Fraction:
    """Expected progress at the end of day ``d`` as an exact share 0–1, for comparisons.

    Without ``schedule``: :func:`elapsed`. With one (``(month end, share)`` pairs in date order),
    straight lines in time between ``(start, 0)``, each scheduled point and ``(end, 1)``.
    """
    t = elapsed(start, end, d)
    if not schedule:
        return t
    points = [(Fraction(0), Fraction(0))]
    points += [(elapsed(start, end, day), Fraction(share)) for day, share in schedule]
    points.append((Fraction(1), Fraction(1)))
    for (t0, s0), (t1, s1) in itertools.pairwise(points):
        if t <= t1:  # `t < t1` is an equivalent mutant: the line is continuous at each point
            if t1 == t0:
                return s1
            return s0 + (s1 - s0) * (t - t0) / (t1 - t0)
    return Fraction(1)  # unreachable (the last point is (1, 1) and t <= 1): mutants here are equivalent


def months_left(d: date, end: date) -> Decimal:
    """Months from the end of day ``d`` to the end of day ``end`` (0 if ``d`` is not before it).

    June 30 → December 31 is exactly 6; April 15 → December 31 is 8.5.
    """
    return from_fraction(months_between(d, end))


def months_between(d: date, end: date) -> Fraction:
    """:func:`months_left` as an exact fraction."""
    if d >= end:  # `d > end` is an equivalent mutant: the months between a day and itself are 0
        return Fraction(0)
    return _months(end) - _months(d)
