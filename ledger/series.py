"""A target's progress month by month, for charts of progress against expected progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from . import units
from .dates import add_months, month_end
from .entries import Entry, effective
from .model import Kind, Plan, Status, Target
from .progress import StatusReport, TargetProgress, evaluate_target, figure_places
from .schedule import expected_progress


@dataclass(frozen=True, slots=True)
class Point:
    """Where a target stood at the end of one month: its current value (in its unit), progress
    and expected progress (shares; ``None`` where they do not apply) and status."""

    month_end: date
    current: Decimal | str | None
    progress: Decimal | None
    expected: Decimal | None
    status: Status
    month_value: Decimal | None = None  # the month's own figure (本月), in the target's unit, as shown
    month_exact: Fraction | None = None  # the same exactly, for a display in another unit (English m²)


def monthly(plan: Plan, target: Target, entries: list[Entry], as_of: date) -> list[Point]:
    """One :class:`Point` per month end from the plan's first month to ``as_of``'s month (the
    last point is ``as_of`` itself when it falls inside a month)."""
    mine = [e for e in effective(entries) if e.target == target.id]
    # Each month's own figure to the places of the figures beside it (the current's): 0.1333
    # 万平方米 for 2 亩 beside a current of 0.4333, never 0.13.
    places, keep = figure_places(target, [e for e in mine if e.date <= min(as_of, target.due)])
    # Without a conversion the figures are the digits typed, and their sums and differences too.
    typed = all(e.unit is None or target.unit is None or units.canonical(e.unit) == target.unit for e in mine)
    points: list[Point] = []
    previous: TargetProgress | None = None
    day = month_end(plan.start.year, plan.start.month)
    while True:
        at = min(day, as_of)
        p = evaluate_target(plan, target, [e for e in mine if e.date <= at], at)
        expected = None
        if target.kind in (Kind.TOTAL, Kind.INCREMENT):
            expected = expected_progress(plan.start, target.due, at, target.schedule)
        first = date(at.year, at.month, 1)
        inside = [e for e in mine if first <= e.date <= at]
        # A running total less last month's is the month's own figure only if last month had a
        # reading; the plan's first month starts from the baseline.
        before: Fraction | None = Fraction(target.baseline or 0) if first <= plan.start else None
        last = previous.current_date if previous is not None else None
        if last is not None and previous is not None and isinstance(previous.current, Decimal):
            then = previous.exact if previous.exact is not None else Fraction(previous.current)
            before = then if add_months(last, 1) == month_end(at.year, at.month) else None
        month = _month_value(target, inside, before)
        shown = None if month is None else units.shown(month, places, keep)
        if typed and month is not None:
            shown = _typed_month(target, inside, previous.current if before is not None and previous else None)
        points.append(Point(at, p.current, p.progress, expected, p.status, shown, month))
        previous = p
        if at >= as_of or day >= target.due:  # nothing is judged after its due
            return points
        day = add_months(day, 1)


def _month_value(target: Target, inside: list[Entry], before: Fraction | None) -> Fraction | None:
    """The month's own figure from the entries dated in the month (file order), exactly, in the
    target's unit: sums and differences are made before any rounding for display."""
    if not inside or not target.kind.numeric:
        return None

    def exact(value: Decimal | None, e: Entry) -> Fraction:
        assert value is not None  # a numeric target's entries have figures (validate)
        return units.exact(value, e.unit, target.unit)

    if target.kind is Kind.INCREMENT:
        return sum((exact(e.value, e) for e in inside), Fraction(0))
    last = sorted(inside, key=lambda e: e.date)[-1]
    if target.kind is not Kind.TOTAL:
        return exact(last.value, last)
    if last.month_value is not None:
        return exact(last.month_value, last)
    if before is not None:
        return exact(last.value, last) - before
    return None


def _typed_month(target: Target, inside: list[Entry], before: Decimal | str | None) -> Decimal:
    """The month's own figure when no entry needs converting: the digits typed (320.10 − 318.6
    is 1.50), as :func:`_month_value` gives it exactly."""
    values = [e.month_value if target.kind is Kind.TOTAL and e.month_value is not None else e.value for e in inside]
    if target.kind is Kind.INCREMENT:
        return sum((v for v in values if v is not None), Decimal(0))
    last = sorted(zip(inside, values, strict=True), key=lambda ev: ev[0].date)[-1]
    assert last[1] is not None
    if target.kind is Kind.TOTAL and last[0].month_value is None:
        return last[1] - (before if isinstance(before, Decimal) else target.baseline or Decimal(0))
    return last[1]


def report_series(plan: Plan, report: StatusReport, entries: list[Entry]) -> dict[str, list[Point]]:
    """For the monthly report's charts: :func:`monthly` points up to ``report.as_of`` of each
    ``total`` and ``increment`` target that has entries, by target id, in plan order."""
    by_target: dict[str, list[Entry]] = {}
    for e in effective(entries):
        by_target.setdefault(e.target, []).append(e)
    return {
        t.target.id: monthly(plan, t.target, by_target[t.target.id], report.as_of)
        for t in report.targets
        if t.entries and t.target.kind in (Kind.TOTAL, Kind.INCREMENT)
    }
