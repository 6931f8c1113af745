"""A target's progress month by month, for charts of progress against expected progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .dates import add_months, month_end
from .entries import Entry, effective
from .model import Kind, Plan, Status, Target
from .progress import StatusReport, evaluate_target
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


def monthly(plan: Plan, target: Target, entries: list[Entry], as_of: date) -> list[Point]:
    """One :class:`Point` per month end from the plan's first month to ``as_of``'s month (the
    last point is ``as_of`` itself when it falls inside a month)."""
    mine = [e for e in effective(entries) if e.target == target.id]
    points: list[Point] = []
    day = month_end(plan.start.year, plan.start.month)
    while True:
        at = min(day, as_of)
        p = evaluate_target(plan, target, [e for e in mine if e.date <= at], at)
        expected = None
        if target.kind in (Kind.TOTAL, Kind.INCREMENT):
            expected = expected_progress(plan.start, target.due, at, target.schedule)
        points.append(Point(at, p.current, p.progress, expected, p.status))
        if at >= as_of or day >= plan.end:
            return points
        day = add_months(day, 1)


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
