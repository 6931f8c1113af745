"""A target's progress month by month, for charts of progress against expected progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .dates import add_months, month_end
from .entries import Entry, effective
from .model import Kind, Plan, Status, Target
from .progress import StatusReport, TargetProgress, evaluate_target, value_in_unit
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
    month_value: Decimal | None = None  # the month's own figure (本月), in the target's unit


def monthly(plan: Plan, target: Target, entries: list[Entry], as_of: date) -> list[Point]:
    """One :class:`Point` per month end from the plan's first month to ``as_of``'s month (the
    last point is ``as_of`` itself when it falls inside a month)."""
    mine = [e for e in effective(entries) if e.target == target.id]
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
        before: Decimal | None = (target.baseline or Decimal(0)) if first <= plan.start else None
        last = previous.current_date if previous is not None else None
        if last is not None and previous is not None and isinstance(previous.current, Decimal):
            before = previous.current if add_months(last, 1) == month_end(at.year, at.month) else None
        points.append(Point(at, p.current, p.progress, expected, p.status, _month_value(target, inside, before)))
        previous = p
        if at >= as_of or day >= target.due:  # nothing is judged after its due
            return points
        day = add_months(day, 1)


def _month_value(target: Target, inside: list[Entry], before: Decimal | None) -> Decimal | None:
    """The month's own figure from the entries dated in the month (file order)."""
    if not inside or not target.kind.numeric:
        return None
    if target.kind is Kind.INCREMENT:
        return sum((value_in_unit(e, target) for e in inside), Decimal(0))
    last = sorted(inside, key=lambda e: e.date)[-1]
    if target.kind is not Kind.TOTAL:
        return value_in_unit(last, target)
    if last.month_value is not None:
        return value_in_unit(last._replace(value=last.month_value), target)
    if before is not None:
        return value_in_unit(last, target) - before
    return None


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
