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

# A date column headed as the date a figure runs up to (截至日期, 截止时间, 数据截至): its day is an as-of
# date, and a figure there may well be the year so far to it.
_AS_OF = ("截-", "截止", "数据截-", "数据截止", "统计截-")


def dated_list(rows: list[Row], date_col: Column, keyed_by: str, end: date) -> bool:
    """Whether ``rows`` carry their own days in ``date_col``: a row dated a day that is no month's end,
    before ``end`` (the last day of the span the title names), under a header that is no as-of date
    (截至日期). Such a row cannot hold the span's running total (03-15 is no 1—8月 figure): the rows are
    one event each (a 台账), dated by their cells. A month (``2025-08``, ``2025年8月``) or a month's end
    (``2025-07-31``) says nothing of the kind: an as-of date, whose figure may be the year so far to it."""
    if key(date_col.label).startswith(_AS_OF):
        return False
    for row in rows:
        cell: Any = _raw(row, date_col, keyed_by)
        if cell is None:
            continue
        try:
            day = sheet_date(cell, None, end.year)
        except ValueError:
            continue
        if day < end and day != month_end(day.year, day.month):
            return True
    return False
