"""A quarter's own additions (``二季度新增``, ``4-6月新增``, a ``2025年第二季度`` title over
``新增``) read as the addition of the period of a target reported quarterly.

tracker records 1—N月 totals and growth and one month's additions; a quarter's own figures are
none of these, and a sheet of them is refused (:class:`~ledger.table.PartOfYear`). But for an
addition the plan reports quarterly (``kind = "increment"``, ``frequency = "quarterly"``: 高企认定
is published per quarter) the quarter's additions are its own period's, exactly what ``tracker
sheet`` asks for (``二季度新增``), and are recorded as of the quarter's end. The layout, about to
refuse such a sheet, reads such a column as the addition instead when the plan has such a target
(:func:`quarter_additions`) and keeps the refusal beside the table; the import raises it when a row's target is any other
(:func:`refuse_other_targets`).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Sequence

from .column_kinds import _THIS_QUARTER, THIS_QUARTER, describe
from .entries import Entry
from .header_words import digit_months, is_part_of_year, named_span, part_of_year
from .model import Frequency, Kind, Plan
from .names import key
from .patterns import LazyPattern
from .table import Column, PartOfYear

_MONTHS = LazyPattern(r"^(\d{1,2})-(\d{1,2})月")


def is_quarter(first: int, last: int) -> bool:
    """Whether months ``first``—``last`` are one calendar quarter (4—6月), not January's."""
    return first in (4, 7, 10) and last == first + 2


def _span(label: str) -> tuple[tuple[int, int], str] | None:
    """``((first, last), the rest of the header)`` of a header naming a quarter's months
    first (``二季度新增（家）`` → ((4, 6), ``新增(家)``)), else ``None``."""
    k = digit_months(key(label))
    if (named := named_span(k)) is not None:
        return named[0], k[named[1] :]
    if m := _MONTHS.match(k):
        return (int(m.group(1)), int(m.group(2))), k[m.end() :]
    return None


def this_quarter(columns: list[Column], last: int | None) -> list[Column]:
    """``columns`` with a quarter's own figure named by words alone (``本季``, ``本季度``, ``当季``,
    ``当季度新增``: :data:`~ledger.column_kinds.THIS_QUARTER`) read as the quarter of ``last``, the
    month the sheet says it is for (its title or date cell; ``None``: unknown, and the column stays
    refused as a quarter's own). In the first quarter it is the year so far (本季 of a March sheet
    is 1—3月, as 一季度 is); in any other, those months' own figures (本季 of a 1-9月 sheet is 7—9月),
    refused as ``7-9月`` is."""
    if last is None or not any(c.why == THIS_QUARTER for c in columns):
        return columns
    first = (last - 1) // 3 * 3 + 1
    out = []
    for c in columns:
        if c.why == THIS_QUARTER:
            if first == 1:  # 本季 of 1—3月: the year so far, read as 1-3月 is
                k = _THIS_QUARTER.sub(f"1-{last}月", digit_months(key(c.label)), count=1)
                c = dataclasses.replace(describe(k), number=c.number, label=c.label)
            else:
                c = dataclasses.replace(c, months=last, why=part_of_year(first, last))
        out.append(c)
    return out


def quarter_additions(
    columns: list[Column], refused: PartOfYear, quarterly: Callable[[], bool], *, title: bool = False
) -> tuple[list[Column], PartOfYear]:
    """``columns`` with a quarter's additions read as the addition (``month_value`` of the
    quarter's last month, its unit from the header), and ``refused``, the layout's refusal of
    them, to be raised for a row of a target other than a quarterly addition. ``title``: the
    title names the quarter (``2025年第二季度``) over a plain ``新增`` column, kept as it is.
    Raises ``refused`` when its months are no calendar quarter after the first, a column is the
    quarter's growth, or ``quarterly()`` says the plan has no addition reported quarterly."""
    if not is_quarter(refused.first, refused.last) or not quarterly():
        raise refused
    if title:
        return columns, refused
    out: list[Column] = []
    for col in columns:
        span = _span(col.label) if col.field is None and col.why is not None else None
        k = digit_months(key(col.label))
        if span is None and col.months is not None and is_part_of_year(col.why) and _THIS_QUARTER.search(k):
            span = ((col.months - 1) // 3 * 3 + 1, col.months), _THIS_QUARTER.sub("", k, count=1)  # 本季新增
        if span is not None and span[0] == (refused.first, refused.last):
            rest = describe(span[1]) if span[1] else None
            if rest is not None and rest.field not in ("value", None):
                raise refused  # 二季度增速: the quarter's own growth, no addition
            unit = rest.unit if rest is not None else None
            col = dataclasses.replace(col, field="month_value", unit=unit, months=refused.last, why=None)
        out.append(col)
    return out, refused


def quarterly_additions(plan: Plan) -> Callable[[], bool]:
    """Whether ``plan`` has a target whose additions are reported quarterly, worked out when
    first asked: only a sheet of a quarter's own figures asks (a plan may hold 1,000 targets)."""
    return functools.cache(lambda: _quarterly(plan))


def _quarterly(plan: Plan) -> bool:
    return any(t.kind is Kind.INCREMENT and t.frequency is Frequency.QUARTERLY for t in plan.targets)


def refuse_other_targets(plan: Plan, refusal: PartOfYear | None, entries: Sequence[Entry]) -> None:
    """Raise ``refusal`` (the sheet's quarter's figures, read as additions) when an entry is for
    a target that is not an addition reported quarterly: for it they are not a figure tracker
    records."""
    if refusal is None:
        return
    for e in entries:
        t = plan.find(e.target)
        if t is None or t.kind is not Kind.INCREMENT or t.frequency is not Frequency.QUARTERLY:
            raise refusal
