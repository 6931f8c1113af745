"""Dates as users type them: ``2025-03-31``, ``2025-03`` (month end) and ``2025Q1`` (quarter end)."""

from __future__ import annotations

from datetime import date, timedelta, timezone, tzinfo

from .patterns import LazyPattern

_MONTH = LazyPattern(r"^(\d{4})-(\d{1,2})$")
_QUARTER = LazyPattern(r"^(\d{4})\s*[Qq]([1-4])$")
_DAY = LazyPattern(r"^\d{4}-\d{2}-\d{2}$")  # only this form: fromisoformat also takes 2025-W14


# Zones with one UTC offset and no daylight saving since before any plan this tool reads (tz
# database: China has kept UTC+8 since 1991; Hong Kong, Macau and Taipei since 1979). Answering
# them here spares every command loading the zone database (zoneinfo brings in sysconfig), a few
# milliseconds of start-up that `tracker status` cannot spare.
_FIXED_ZONES = {
    **dict.fromkeys(
        (
            "Asia/Shanghai",
            "Asia/Chongqing",
            "Asia/Chungking",
            "Asia/Harbin",
            "PRC",
            "Asia/Hong_Kong",
            "Asia/Macau",
            "Asia/Taipei",
        ),
        8,
    ),
    **dict.fromkeys(("UTC", "Etc/UTC"), 0),
}


def zone(name: str) -> tzinfo:
    """The IANA time zone ``name`` ("Asia/Shanghai"): a fixed offset for the zones above, else
    :class:`zoneinfo.ZoneInfo`. Raises ``ValueError`` for a name the system's database lacks."""
    hours = _FIXED_ZONES.get(name)
    if hours is not None:
        return timezone(timedelta(hours=hours), name)
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r}") from None


def month_end(year: int, month: int) -> date:
    """The last day of ``month`` (1–12) of ``year``; ``ValueError`` for another month."""
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} is not 1–12")
    if month == 12:  # also the calendar's last month, 9999-12, which has no following first
        return date(year, 12, 31)
    # The day before the next month's first (the calendar module costs start-up for one sum).
    return date(year, month + 1, 1) - timedelta(days=1)


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
    return d.year * 12 + d.month - 1, d.day, month_end(d.year, d.month).day


def add_months(d: date, months: int) -> date:
    """The last day of the month ``months`` after ``d``'s month: the end of the next reporting
    period for a figure as of ``d`` (2025-03-31 + 1 → 2025-04-30; + 3 → 2025-06-30).
    ``ValueError`` past the calendar's ends (a plan ends by 9998-12-31, so the period after any
    of its figures is inside it)."""
    index = d.year * 12 + d.month - 1 + months
    if not 12 <= index <= 9999 * 12 + 11:
        raise ValueError(f"{months} months from {d} is outside the calendar (years 1 to 9999)")
    return month_end(index // 12, index % 12 + 1)


def shift_years(day: date, years: int) -> date:
    """``day`` moved by whole ``years`` (negative: back); a month's last day stays its last day
    (2024-02-29 → 2025-02-28, 2025-02-28 → 2028-02-29). ``ValueError`` past the calendar's
    ends (years 1 to 9999)."""
    if not 1 <= day.year + years <= 9999:
        raise ValueError(f"year {day.year + years} is outside the calendar (1 to 9999)")
    if day == month_end(day.year, day.month):
        return month_end(day.year + years, day.month)
    return day.replace(year=day.year + years)
