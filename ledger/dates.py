"""Dates as users type them and sheets write them: ``2025-03-31``, ``2025-03`` (month end),
``2025Q1`` (quarter end), ``2025/3/31``, ``2025.3``, ``2025年3月``, ``2025年3月31日``, ``2025年3月末``,
``2025年1-3月``: one grammar (:func:`read_date`) for ``--as-of``/``--date`` and a sheet's date cells."""

from __future__ import annotations

from datetime import date, timedelta, timezone, tzinfo

from .patterns import LazyPattern

_MONTH = LazyPattern(r"^(\d{4})-(\d{1,2})$")
_QUARTER = LazyPattern(r"^(\d{4})\s*[Qq]([1-4])$")
_DAY = LazyPattern(r"^\d{4}-\d{2}-\d{2}$")  # only this form: fromisoformat also takes 2025-W14
_SLASH_DATE = LazyPattern(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00)?)?$")
_SLASH_MONTH = LazyPattern(r"^(\d{4})[/.](\d{1,2})$")
# 2025年6月, 2025年6月30日; also 25年6月, the year's last two digits as sheets shorten it.
_CN_DATE = LazyPattern(r"^(\d{4}|\d\d)\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?$")
# A month as Chinese sheets write it in a date column, meaning its end: 2025年8月末, 2025年8月底,
# 8月份, a year-to-date period 2025年1-8月 (1—8月, 1至8月, 2025年1-8月累计, 8月累计), 截至2025年8月末;
# the year may be left to the title (8月末 under 临平经开区2025年主要经济指标).
CN_MONTH = LazyPattern(
    r"^(?:截至|截止)?\s*(?:(\d{4}|\d\d)\s*年)?\s*(?:(\d{1,2})\s*[-—–~至到]\s*)?(\d{1,2})\s*月\s*(?:份)?\s*(?:末|底)?"
    r"\s*(累计)?$"
)
_FORMS = "use 2025-03-31, 2025-03 (month end), 2025年3月, 2025年3月31日 or 2025Q1 (quarter end)"


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
    """A user's date (``--as-of``, ``--date``), read by :func:`read_date`, the grammar of a sheet's
    date cells: a day, or a month or quarter meaning its last day (a "1–N月累计" figure refers to
    the end of month N); with ``first`` (the start of a range, ``--since``) a month or quarter
    means its first day, and a period ``2025年1-8月`` is refused (from January or from August?).

    Raises ``ValueError`` with one line: the forms accepted, or why the text cannot be told
    (``2025.1``: January or October; ``8月末``: no year).
    """
    s = text.strip()
    try:  # the forms typed most, without the grammar's normalising
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
    import unicodedata

    from .header_words import digit_months

    day, form = read_date(digit_months(unicodedata.normalize("NFKC", s)), None, "")
    if first and form == "period":
        raise DateRefused(f"{text!r} is a period; give the month it starts, {day:%Y}-01, or the month, {day:%Y-%m}")
    if first and form != "day":
        return day.replace(day=1) if form == "month" else date(day.year, day.month - 2, 1)
    return day


class DateRefused(ValueError):
    """A text in a date's form that cannot be told (``2025.1``: January or October; ``8月末`` with
    no year; ``2025年3-8月``, not from January), refused with its own reason."""


def read_date(text: str, year: int | None, no_year: str = ", and nor does the sheet's title") -> tuple[date, str]:
    """``(date, form)`` of a date as typed or written in a sheet's date cell (already NFKC and
    with Chinese month numerals as digits), ``form`` being ``"day"``, ``"month"`` (its last
    day), ``"quarter"`` (its last day) or ``"period"`` (1—N月, the end of month N). A month
    without a year (``8月末``) takes ``year``; ``no_year`` ends its refusal when there is none.
    Raises :class:`DateRefused` for a text that cannot be told, ``ValueError`` for one that is
    no date (or a month 13, a 30 February)."""
    s = text.strip()
    try:
        if m := _CN_DATE.match(s):
            y, month, day = _full_year(m.group(1)), int(m.group(2)), m.group(3)
            return (date(y, month, int(day)), "day") if day else (month_end(y, month), "month")
        if m := _SLASH_DATE.match(s):  # 2025/6/30, 2025-6-30, 2025.06.30, with a time of day or not
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))), "day"
        if m := _SLASH_MONTH.match(s):  # 2025/6, 2025.06
            y, month_text = int(m.group(1)), m.group(2)
            if month_text == "1" and "." in s:
                # A number 2025.10 (October) is written 2025.1: its 0 is gone. 2025.01 and 2025.10
                # keep their digits, and 2025.2 could only lose a 0 off a month 20.
                raise DateRefused(
                    f"{text!r} may be January or October (a sheet that holds 2025.10 as a number writes it "
                    f"{y}.1); write {y}-01 or {y}-10"
                )
            return month_end(y, int(month_text)), "month"
        if m := CN_MONTH.match(s):  # 2025年8月末, 2025年1-8月, 8月底 (the title's year)
            start, month = m.group(2), int(m.group(3))
            if start is not None and int(start) != 1:
                raise DateRefused(
                    f"{text!r} is a period from month {int(start)}, not from January; write the as-of date, "
                    f"{_full_year(m.group(1)) if m.group(1) else year or 'YYYY'}-{month:02d}"
                )
            form = "period" if start is not None or m.group(4) is not None else "month"
            if m.group(1) is not None:
                return month_end(_full_year(m.group(1)), month), form
            if year is None:
                raise DateRefused(f"{text!r} names no year{no_year}; write it with its year, YYYY-{month:02d}")
            return month_end(year, month), form
        if m := _MONTH.match(s):
            return month_end(int(m.group(1)), int(m.group(2))), "month"
        if m := _QUARTER.match(s):
            return month_end(int(m.group(1)), int(m.group(2)) * 3), "quarter"
        if _DAY.match(s):
            return date.fromisoformat(s), "day"
    except DateRefused:
        raise
    except ValueError:  # a month 13, a 30 February
        pass
    raise ValueError(f"{text!r} is not a date; {_FORMS}")


def _full_year(digits: str) -> int:
    """A year as a date cell writes it: ``2025``, or ``25`` for 2025 (this century's: plans
    and their sheets are)."""
    return int(digits) + (2000 if len(digits) == 2 else 0)


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
