"""Whether a table's rows are a dated running list (台账): each row one event on its own day, the span a
title names (``2025年1-8月新增创新空间台账``, ``…台账（截至2025年8月底）``) the list's, not the period of each
row's figure.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .dates import month_end
from .names import key
from .sheet_dates import _raw, sheet_date
from .sheets import Row
from .table import Column

# A date column headed as the date a figure runs up to (截至日期, 截止时间, 数据截至, 统计截止): its day is an
# as-of date, and a figure there may well be the year so far to it. As names.key writes them (至 → -).
_AS_OF = ("截-", "截止", "数据截-", "数据截止", "统计截-", "统计截止")
# Date headers that say when the figures were counted or sent in, not when an event happened (时间,
# 统计时间, 报送日期: the sheet's as-of day), or which period or month a row is for (统计期间, 月份).
_AS_OF_HEADERS = frozenset(
    {
        "时间",
        "统计时间",
        "统计日期",
        "数据时间",
        "数据日期",
        "报送日期",
        "报送时间",
        "填报日期",
        "填报时间",
        "上报日期",
        "上报时间",
        "编制日期",
        "制表日期",
        "报告期",
        "统计期",
        "期间",
        "统计期间",
        "所属期间",
    }
)


def dated_list(rows: list[Row], date_col: Column, keyed_by: str, end: date) -> bool:
    """Whether ``rows`` carry their own days in ``date_col``, ``end`` the last day of the span a 1—N月
    title names: true only when the rows hold at least two distinct days that are no month's end, one
    of them in a month of the span before its last (03-15 and 06-20 under 1—8月: events on different
    days across months, no 1—8月 running total). A day in the span's last month (08-29, the day the
    bureau compiled a 1—8月 sheet), a month (``2025-08``, ``2025年8月``) or a month's end (``2025-07-31``)
    says nothing of the kind: an as-of date, whose figure may be the year so far to it. So does any
    cell under a header that names an as-of date or a month (截至日期, 统计时间, 报送日期, 月份)."""
    label = key(date_col.label)
    if label.startswith(_AS_OF) or label in _AS_OF_HEADERS or "月份" in label:
        return False
    days: set[date] = set()
    for row in rows:
        cell: Any = _raw(row, date_col, keyed_by)
        if cell is None:
            continue
        try:
            day = sheet_date(cell, None, end.year)
        except ValueError:
            continue
        if day.year == end.year and day <= end and day != month_end(day.year, day.month):
            days.add(day)
    return len(days) > 1 and any(day.month < end.month for day in days)
