"""Dates in sheets: a date cell read as an as-of date (:func:`sheet_date`), a year-to-date period
1—N月 (:func:`year_to_date_months`), and the checks of an import's dates against the months and
year its headers and title name.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter
from typing import Any

from .column_periods import month_columns
from .dates import CN_MONTH, DateRefused, month_end, read_date
from .errors import ImportRefused, Problem
from .formulas import NO_FIGURE
from .header_words import digit_months
from .model import Plan
from .names import key
from .patterns import LazyPattern
from .readings import Outcome
from .sheet_asks import ASK_HEADERS
from .sheets import Row, cell_text
from .table import Column, Table

_A_YEAR = LazyPattern(r"\d{4}|\d\d\s*年")


def sheet_date(value: Any, default: date | None, year: int | None = None) -> date:
    """A date cell: an Excel date, ``2025-03-31``, ``2025-03``, ``2025Q1``, ``2025/3/31``,
    ``2025.3``, ``2025年3月`` or a month as Chinese sheets write it (``2025年3月末``, ``3月底``,
    ``2025年1-3月``: the month's end), also in Chinese numerals as a title is read (``2025年三月``,
    ``二〇二五年十二月``: :func:`~ledger.header_words.digit_months`); empty means ``default`` (``--date``). A month written
    without a year (``3月末``) takes ``year``, the year the sheet names (its title), and is
    refused without one. Raises ``ValueError``, also for a number (Excel stores ``2025.10``
    typed in a cell as the number 2025.1, which would read as January) and for ``2025.1``, which
    a sheet that held 2025.10 as a number writes to CSV: January or October cannot be told."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        raise ValueError(
            f"holds the number {cell_text(value)}, not a date (Excel keeps 2025.10 typed as a number as 2025.1); "
            "type it as text or as a date"
        )
    return _text_date(cell_text(value), default, year)


# A sheet gives the same few dates, figures and marks on row after row: each distinct text is
# read once (the readers are pure; what they refuse is refused again, as errors are not kept).
@lru_cache(maxsize=4096)
def _text_date(text: str | None, default: date | None, year: int | None = None) -> date:
    if text is not None:
        text = digit_months(unicodedata.normalize("NFKC", text).strip())  # 2025年八月 as a title reads it
    if text is None or text.lower() in NO_FIGURE:
        if default is None:
            # The form, never a month: a sheet that says none would be filed under the one named.
            raise ValueError("no date; add a date column, or give --date YYYY-MM, the month its figures are for")
        return default
    try:
        return read_date(text, year)[0]  # the grammar --as-of and --date read too
    except DateRefused:
        raise
    except ValueError:  # a month 13, a 30 February, a text that is no date
        pass
    raise ValueError(f"{text!r} is not a date; use 2025-06-30, 2025-06, 2025年6月, 2025年6月末 or 2025Q2")


@lru_cache(maxsize=1024)  # asked for the date cell of every row of an increment
def year_to_date_months(text: str) -> int | None:
    """N when a date cell's ``text`` names the year-to-date period 1—N月 with N > 1
    (``2025年1-8月``, ``1至8月``, ``2025年1-8月累计``, ``8月累计``, as a header's 8月累计 is 1—8月): the
    row's figures are then running totals, as under a title naming 1—N月; ``None`` for a month
    (``2025年8月``, ``8月末``: a date column's cell is the as-of date), 1—1月, or any other text."""
    m = CN_MONTH.match(digit_months(unicodedata.normalize("NFKC", text).strip()))
    if m is None or (m.group(2) is None and m.group(4) is None):  # a month: the as-of date
        return None
    if m.group(2) is not None and int(m.group(2)) != 1:
        return None
    months = int(m.group(3))
    return months if months > 1 else None


def _check_date_against_headers(name: str, table: Table, day: date, said: str = "--date") -> None:
    """Refuse ``--date`` (every row's as-of date, the sheet having no date column; ``said`` names
    where it was read) when a figure column's header, or the period the sheet states (its title,
    a date cell), names another month: a 1—8月累计 filed as of September would look a month
    behind. Raises :class:`ImportRefused` naming the column or the title and the date it says."""
    given = said == "--date"  # else the sheet's own header dates it: --date cannot mend the sheet
    sheet = "which is it? correct the sheet"
    if given:
        _two_months(name, table)
    for col, month in month_columns(table.columns):
        if month != day.month:
            raise ImportRefused(
                [
                    Problem(
                        f"column {col.label!r} ({col.letter}) is for month {month} but {said} says {day:%Y-%m}",
                        file=name,
                        fix=f"give --date {day.year}-{month:02d}, or correct the column's header" if given else sheet,
                    )
                ]
            )
    stated = table.period
    if stated is not None and (stated.year, stated.month) != (day.year, day.month):
        raise ImportRefused(
            [
                Problem(
                    f"{table.period_from} says {stated:%Y-%m} but {said} says {day:%Y-%m}",
                    file=name,
                    fix=f"give --date {stated:%Y-%m}, or correct the sheet" if given else sheet,
                )
            ]
        )
    if table.month is not None and table.month[0] != day.month:
        month, where = table.month
        raise ImportRefused(
            [
                Problem(
                    f"{where} says month {month} but {said} says {day:%Y-%m}",
                    file=name,
                    fix=f"give --date {day.year}-{month:02d}, or correct the sheet" if given else sheet,
                )
            ]
        )


_DATE_OF = attrgetter("date")


def _two_months(name: str, table: Table) -> None:
    """Refuse a sheet whose figure columns name two months (``1-7月 | 8月``: July's running
    total beside August's own figure): no one date fits both, so the fix names the column to
    leave out for each. Raises :class:`ImportRefused`."""
    cols = sorted(month_columns(table.columns), key=lambda cm: cm[1])
    if len({m for _, m in cols}) < 2:
        return
    (first, early), (last, late) = cols[0], cols[-1]
    year = f"{table.year[0]}-" if table.year else "YYYY-"
    raise ImportRefused(
        [
            Problem(
                f"column {first.label!r} ({first.letter}) is for month {early} but column {last.label!r} "
                f"({last.letter}) is for month {late}: no one date fits both",
                file=name,
                fix=f"import one of them: --map '{last.label}=ignore' --date {year}{early:02d} for "
                f"{first.label!r}, or --map '{first.label}=ignore' --date {year}{late:02d} for {last.label!r}",
            )
        ]
    )


def _through(table: Table) -> tuple[int | None, int] | None:
    """``(year or None, month)`` a sheet's figures run through, as its figure columns' headers
    (``1-8月累计``, ``8月``: one month) or its title or a month cell above (``2025年1-8月``,
    ``截至2025年8月``) say; ``None`` when they name none, several, or a day (截至2025年6月15日), and
    for a returned ``tracker sheet`` (its 填报口径 column): its date cells were filled with the
    month's end, and the sheet asks a department whose figure is of another day to write that
    day over it, which is then the figure's date. A date cell within that month dates the
    figures at its end; one in another month is refused (:func:`_dates_against_sheet`)."""
    if any(c.label in ASK_HEADERS and c.field is None for c in table.columns):
        return None
    months = {month for _, month in month_columns(table.columns)}
    period = table.period
    if period is not None:
        if period != month_end(period.year, period.month):
            return None  # 截至2025年6月15日: the sheet names its day
        return (period.year, period.month) if months <= {period.month} else None
    if len(months) == 1:
        (month,) = months
        return (table.year[0] if table.year is not None else None), month
    return None


def _dates_against_sheet(
    table: Table, default_date: date | None, outcome: Outcome, default_from: str = "--date"
) -> list[Problem]:
    """A row problem for each figure whose date (its date cell, or ``--date`` for a blank one,
    or what ``default_from`` names)
    is in another month than the figure columns' headers name (``1-8月累计``) or the period the
    sheet states (the title ``2025年1-8月``): a September date under 1-8月累计 would file
    August's running total as September's."""
    months = {month: col for col, month in month_columns(table.columns)}
    said: tuple[int | None, int, str]
    if len(months) == 1:
        ((month, col),) = months.items()
        said = (None, month, f"column {col.label!r} ({col.letter}) is for month {month}")
    elif table.period is not None:
        said = (table.period.year, table.period.month, f"{table.period_from} says {table.period:%Y-%m}")
    else:
        return []
    year, month, what = said
    # Most sheets give every row one date: each distinct date is checked once, in C, first.
    if all(d.month == month and year in (None, d.year) for d in set(map(_DATE_OF, outcome.entries))):
        return []
    date_col = table.by_field.get("date")
    returned = any(c.label in ASK_HEADERS and c.field is None for c in table.columns)  # a `tracker sheet`
    problems = []
    for e, number in zip(outcome.entries, outcome.numbers, strict=True):
        if (e.value is None and e.month_value is None) or (
            e.date.month == month and (year is None or e.date.year == year)
        ):
            continue
        if e.date == default_date:
            who = default_from
        else:
            who = f"the date column ({date_col.letter}{number})" if date_col and date_col.number else "its date"
        problems.append(
            Problem(
                f"{who} says {e.date:%Y-%m} but {what}",
                where=f"row {number}",
                row=number,
                fix=(
                    f"correct the date to a day of {year or e.date.year}-{month:02d}, or give {e.date:%Y-%m}'s figures "
                    f"in that month's sheet (tracker sheet --month {e.date:%Y-%m})"
                    if returned
                    else "which is it? correct the date or the sheet"
                ),
            )
        )
    return problems


_YEAR_IN_HEADER = LazyPattern(r"(?<!\d)(20\d\d)\s*年")


def _header_year(name: str, table: Table, default: date | None) -> tuple[date | None, str]:
    """The as-of date for a sheet whose figure columns name their year as well as their month
    (``2025年1-8月累计``), when nothing else gives one: the month's end, with where it was read
    (``the header '2025年1-8月累计' (B)``); else ``default`` (``--date``). Raises
    :class:`ImportRefused` when such a year contradicts the sheet's period (the title's 2025
    above a ``2024年1-8月累计`` column: last year's figures) or ``--date``."""
    said = [(col, int(m.group(1)), month) for col, month in month_columns(table.columns)
            if (m := _YEAR_IN_HEADER.search(col.label))]  # fmt: skip
    if not said:
        return default, "--date"
    for col, year, _month in said:
        other = default or table.period
        if other is not None and other.year != year:
            where = "--date" if default is not None else (table.period_from or "the sheet")
            raise ImportRefused(
                [
                    Problem(
                        f"column {col.label!r} ({col.letter}) is for {year}, but {where} says {other.year}",
                        file=name,
                        fix="import the column of the year meant (map the other away with --map 'HEADER=ignore'), "
                        "or correct the sheet",
                    )
                ]
            )
    periods = {(year, month) for _, year, month in said}
    if default is None and table.period is None and "date" not in table.by_field and len(periods) == 1:
        ((year, month),) = periods
        # Named by the figure's column where it says the year (2025年1-8月 beside 2025年8月 本月)
        col = next((c for c, _, _ in said if c.field == "value"), said[0][0])
        return month_end(year, month), f"the header {col.label!r} ({col.letter})"
    return default, "--date"


def _month_without_year(plan: Plan, name: str, table: Table) -> None:
    """Refuse, in one line, a sheet whose figure columns name one month (``1-9月累计``) but
    nothing says the year: no date column, no date or year in the title, no ``--date``. The
    year is not taken from the plan: a December sheet imported after the rollover would be
    filed a year late without a word. The fix names the date the plan's year gives.
    Raises :class:`ImportRefused`; returns when no single month is named (each row then says). A
    column of dates left unused (``完成时间``: :func:`_dates_unread`) is named first, with the ``--map``
    that reads it."""
    _dates_unread(name, table)
    months = {month for _, month in month_columns(table.columns)}
    if table.month is not None:
        months.add(table.month[0])
    if len(months) > 1:
        _two_months(name, table)
    if len(months) != 1:
        if table.filled is not None:
            day, where = table.filled
            raise ImportRefused(
                [
                    Problem(
                        f"{where} says {day}, which is when the sheet was filled in, not the period its figures "
                        "are for, and nothing else says the period (no date column, no month in the title or headers)",
                        file=name,
                        fix="give --date YYYY-MM, the month the figures are for, or add a 截至日期 column",
                    )
                ]
            )
        return
    (month,) = months
    cols = [c for c, m in month_columns(table.columns) if m == month] if table.month is None else []
    said = table.month[1] if table.month else f"column {cols[0].label!r} ({cols[0].letter})"
    year = plan.end.year if plan.start.year != plan.end.year and month <= plan.end.month else plan.start.year
    raise ImportRefused(
        [
            Problem(
                f"{said} is for month {month}, but nothing says which year (no date column, no year in the title)",
                file=name,
                fix=f"give --date {year}-{month:02d}",
            )
        ]
    )


# A header naming a time or a day (完成时间, 完成日期, 竣工日期, 投用时间, 认定时点), as names.key writes it.
_TIME_HEADER = LazyPattern(r"(时间|日期|时点|时期)$")
# Words that make such a header a day other than the figure's: when the sheet was filled in, or a
# day planned or required (计划完成时间, 完成时限 is no 时间): never offered as the rows' dates.
_OTHER_DAY = LazyPattern(r"填报|填表|制表|报送|上报|打印|计划|预计|目标|要求|应|拟|截止期限")


def _dates_unread(name: str, table: Table) -> None:
    """Refuse, in one line, a sheet with no date column, no period and no ``--date`` when a column
    left unused is headed with a time or a day (``完成时间``, ``完成日期``, ``竣工日期``, ``投用时间``) and
    every cell under it is a date: each row would be refused "no date" while the sheet gives one,
    so the refusal names the column and the ``--map`` that reads it. Not read as the date column
    unasked: in a task list ``完成时间`` may be the day a task is due, not the day of its figure.
    Raises :class:`ImportRefused`; returns when no such column is there."""
    for col in table.columns:
        if col.field is not None or not col.label or col.number == 0:
            continue
        k = key(col.label)
        if _TIME_HEADER.search(k) is None or _OTHER_DAY.search(k) is not None:
            continue
        cells = [v for row in table.rows if (v := _raw(row, col, table.keyed_by)) is not None]
        if not cells or not all(_is_date(v) for v in cells):
            continue
        raise ImportRefused(
            [
                Problem(
                    f"no date column, and column {col.label!r} ({col.letter}) holds dates",
                    file=name,
                    fix=f"if they are the rows' dates, import with --map '{col.label}=date'; else give --date YYYY-MM, "
                    "the month the figures are for",
                )
            ]
        )


def _raw(row: Row, col: Column, keyed_by: str) -> Any:
    """``row``'s cell in ``col`` as read (an Excel date stays a date), ``None`` when blank."""
    if keyed_by == "index":
        value = row.cells[col.number - 1] if col.number <= len(row.cells) else None
    else:
        value = row.cells.get(col.label if keyed_by == "label" else col.number)
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _is_date(value: Any) -> bool:
    """Whether a cell holds a date (an Excel date, ``2025-03-15``, ``2025年3月``), as a date column's is read."""
    try:
        sheet_date(value, None)
    except ValueError:
        return False
    return True
