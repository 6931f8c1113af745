"""Year on year (同比): last year's figure at the same point, and the change.

The figure comes from last year's ledger where one is given (the reading of the same month a
year earlier; for an increment, what was added by the same date), else from the target's
``previous`` (上年实绩, a full-year figure) once this year's figure is final too (dated in the
plan's last month). ``previous`` never enters the progress arithmetic.
"""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from . import units
from .dates import month_end, shift_years
from .entries import Entry, effective
from .model import Kind, Plan
from .numbers import from_fraction
from .progress import ActionProgress, StatusReport, TargetProgress, figure_places, value_in_unit


class YearOnYear(NamedTuple):
    """Last year's ``previous`` figure (in the target's unit) as of ``previous_date``, and
    ``change``: the growth as a share for total and increment (0.032 = 同比增长 3.2 %),
    percentage points for a rate, places moved up for a rank (positive is better).
    ``previous_exact`` is ``previous`` before it was rounded for display (a Fraction), where a
    conversion rounded it."""

    previous: Decimal
    previous_date: date
    change: Decimal
    previous_exact: Fraction | None = None


def _year_before(day: date) -> date:
    """``day`` a year earlier; ``date.min`` in year 1, before which no ledger has figures."""
    return shift_years(day, -1) if day.year > 1 else date.min


def _from_ledger(p: TargetProgress, entries: list[Entry], as_of: date) -> tuple[Decimal, date] | None:
    t = p.target
    if t.kind is Kind.INCREMENT:
        point = _year_before(as_of)
        added = [e for e in entries if e.date <= point and e.value is not None]
        if not added:
            return None
        # Summed exactly, then rounded once: three additions of 1 亩 are 0.2 万平方米, not 0.21.
        exact = sum((units.exact(e.value, e.unit, t.unit) for e in added if e.value is not None), Fraction(0))
        return units.shown(exact, *figure_places(t._replace(baseline=None), added, months=False)), point
    assert p.current_date is not None
    point = _year_before(p.current_date)
    first = date(point.year, point.month, 1)
    same_month = sorted((e for e in entries if first <= e.date <= point), key=lambda e: e.date)
    if not same_month:
        return None
    last = same_month[-1]
    return value_in_unit(last, t), last.date


def _exact_previous(
    p: TargetProgress, entries: list[Entry], as_of: date, found: tuple[Decimal, date]
) -> Fraction | None:
    """Last year's figure exactly where a conversion rounded ``found``'s, else ``None``."""
    t = p.target
    if t.kind is Kind.INCREMENT:
        added = [e for e in entries if e.date <= _year_before(as_of) and e.value is not None]
        exact = sum((units.exact(e.value, e.unit, t.unit) for e in added if e.value is not None), Fraction(0))
    else:
        last = [e for e in entries if e.date == found[1] and e.value is not None]
        if not last:
            return None
        e = last[-1]
        assert e.value is not None
        exact = units.exact(e.value, e.unit, t.unit)
    return exact if exact != Fraction(found[0]) else None


def _change(p: TargetProgress, previous: Decimal, previous_exact: Fraction | None = None) -> Decimal | None:
    assert isinstance(p.current, Decimal)
    t = p.target
    match t.kind:
        case Kind.TOTAL | Kind.INCREMENT:
            if previous <= 0:
                return None
            if (p.exact is not None and p.exact != Fraction(p.current)) or previous_exact is not None:
                # From the exact figures: growth on a rounded one (1 亩 as 0.07 万平方米) is a rounding's.
                now = p.exact if p.exact is not None else Fraction(p.current)
                added = now - Fraction(t.baseline or 0) if t.kind is Kind.INCREMENT else now
                return from_fraction(added / (previous_exact or Fraction(previous)) - 1)
            current = p.current - (t.baseline or 0) if t.kind is Kind.INCREMENT else p.current
            return current / previous - 1
        case Kind.RATE:
            return p.current - previous
        case Kind.RANK:
            return previous - p.current
    return None


def year_on_year(plan: Plan, report: StatusReport, previous_entries: Sequence[Entry] = ()) -> StatusReport:
    """``report`` with each numeric target's :class:`YearOnYear` set (``TargetProgress.yoy``)
    where last year's figure is known: from ``previous_entries`` (last year's ledger; entries
    for targets this plan lacks are ignored), else from the target's ``previous``."""
    by_target: dict[str, list[Entry]] = {}
    for e in effective(previous_entries):
        by_target.setdefault(e.target, []).append(e)
    last_month = month_end(plan.end.year, plan.end.month)

    def one(p: TargetProgress) -> TargetProgress:
        t = p.target
        if not t.kind.numeric or not isinstance(p.current, Decimal) or p.current_date is None:
            return p
        found = _from_ledger(p, by_target[t.id], report.as_of) if t.id in by_target else None
        exact = _exact_previous(p, by_target[t.id], report.as_of, found) if found is not None else None
        # `previous` is last year's whole: compared only with this year's whole, a running total's
        # or rate's reading dated on the last day (截至12月15日 is not 1—12月) or the additions
        # of a year that reached its last month.
        whole = last_month if t.kind in (Kind.TOTAL, Kind.RATE) else date(last_month.year, last_month.month, 1)
        if found is None and t.previous is not None and p.current_date >= whole:
            found = (t.previous, shift_years(plan.end, -1))
        if found is None:
            return p
        change = _change(p, found[0], exact)
        return p if change is None else p._replace(yoy=YearOnYear(found[0], found[1], change, exact))

    actions = tuple(ActionProgress(a.action, tuple(one(p) for p in a.targets)) for a in report.actions)
    return report._replace(actions=actions)
