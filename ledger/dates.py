"""Dates as users type them: ``2025-03-31``, ``2025-03`` (month end) and ``2025Q1`` (quarter end)."""

from __future__ import annotations

import calendar
import re
from datetime import date

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})\s*[Qq]([1-4])$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")  # only this form: fromisoformat also takes 2025-W14


def month_end(year: int, month: int) -> date:
    """The last day of ``month`` (1–12) of ``year``."""
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_date(text: str, first: bool = False) -> date:
    """Parse a user's date.

    Accepts ISO ``YYYY-MM-DD``, ``YYYY-MM`` meaning the month's last day (a "1–N月累计" figure
    refers to the end of month N) and ``YYYYQn`` meaning the quarter's last day; with ``first``
    (the start of a range, ``--since``) a month or quarter means its first day.

    Raises ``ValueError`` with a message that lists the accepted forms.
    """
    s = text.strip()
    try:
        if m := _MONTH.match(s):
            year, month = int(m.group(1)), int(m.group(2))
            return date(year, month, 1) if first else month_end(year, month)
        if m := _QUARTER.match(s):
            year, quarter = int(m.group(1)), int(m.group(2))
            return date(year, quarter * 3 - 2, 1) if first else month_end(year, quarter * 3)
        if _DAY.match(s):
            return date.fromisoformat(s)
    except ValueError:
        pass
    raise ValueError(f"{text!r} is not a date; use 2025-03-31, 2025-03 (month end) or 2025Q1 (quarter end)")


def month_position(d: date) -> tuple[int, int, int]:
    """``(months since year 0, day, days in that month)`` of ``d``, for month-based schedules."""
    return d.year * 12 + d.month - 1, d.day, calendar.monthrange(d.year, d.month)[1]


def add_months(d: date, months: int) -> date:
    """The last day of the month ``months`` after ``d``'s month: the end of the next reporting
    period for a figure as of ``d`` (2025-03-31 + 1 → 2025-04-30; + 3 → 2025-06-30)."""
    index = d.year * 12 + d.month - 1 + months
    return month_end(index // 12, index % 12 + 1)


def shift_years(day: date, years: int) -> date:
    """``day`` moved by whole ``years`` (negative: back); a month's last day stays its last day
    (2024-02-29 → 2025-02-28, 2025-02-28 → 2028-02-29)."""
    if day == month_end(day.year, day.month):
        return month_end(day.year + years, day.month)
    return day.replace(year=day.year + years)
