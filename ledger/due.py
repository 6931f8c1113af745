"""Who still owes figures (催报): the figures expected by a date and not recorded, by owner.

A target reports once per period of its ``frequency``: every month, every calendar quarter, or
once a year; the periods are the months of the plan, clipped to the target's own ``due``
date. The figure for a period ending on day P is due on ``release_day`` of the month after P
(the 15th by default; the last day of a short month when the day does not exist there). As of
day D, a period has ended when P < D; a ``total``'s or a ``rate``'s figure is *recorded* when the
ledger holds an effective entry for the target dated on or after P (a later running total
supersedes it; a reading within the period, 截至6月15日, is not the period's figure), a milestone's
or a rank's when one is dated after the previous period's end. Every ended period after the last
recorded figure is missing. An ``increment``'s figure is the period's own addition (本月新增), which a later one
says nothing of: each of its periods is recorded only by an entry dated within it (a recorded 0
answers it), and every ended period without one is missing. Each missing period has its own state: *late* once its own
due day has passed (D > due), else *awaiting*; a target's missing periods are given in one
:class:`Owed` per state (its late ones, then the one awaited), never a period under another's
state: as of 2025-03-10, January's figure (due 02-15) is late and February's (due 03-15) awaited.

Nothing here reads the clock: the as-of date is an argument.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .dates import add_months, month_end
from .entries import Entry, effective
from .model import Frequency, Kind, Plan, Target


class DueState(StrEnum):
    """Whether an owed figure's due day has passed."""

    AWAITING = "awaiting"  # the period has ended, the release day has not come
    LATE = "late"  # the release day has passed without the figure


@dataclass(frozen=True, slots=True)
class Owed:
    """One target's missing figures in one state as of a date.

    ``periods`` are the ends of the periods without a figure in ``state``, oldest first: all
    late (each one's due day has passed) or all awaited (none has); ``dues`` is each one's due
    day, in the same order; ``due`` the oldest's; ``days_late`` counts from it (0 while
    awaiting), so it is the oldest period's lateness, each later one's being less. ``last`` is
    the as-of date of the latest figure recorded, ``None`` if none.
    """

    target: Target
    periods: tuple[date, ...]
    due: date
    state: DueState
    days_late: int
    last: date | None
    dues: tuple[date, ...] = ()

    @property
    def period(self) -> date:
        """The end of the latest period whose figure is missing."""
        return self.periods[-1]


def period_ends(plan: Plan, target: Target) -> list[date]:
    """The ends of ``target``'s reporting periods within the plan, in order: month ends (monthly),
    calendar quarter ends (quarterly) or the plan's end (yearly), none after the month of the
    target's ``due`` date; a period that would end after the due ends on it (a target due
    2025-08-15 reports 1—7月 and then as of the 15th: it is judged on that day, and a figure dated
    later is refused). The last period always ends on the due (at most the plan's end), also when
    that is no quarter end: a quarterly target due 2025-11-30 reports Q1—Q3 and then 10—11月
    (ends 03-31, 06-30, 09-30, 11-30), and one in a plan running February—January reports
    2026-01 after Q4 (…, 12-31, 2026-01-31); otherwise the figure for its due is never asked for."""
    stop = min(plan.end, target.due)
    if target.frequency is Frequency.YEARLY:
        return [stop]
    last = month_end(stop.year, stop.month)
    step = target.frequency.months
    out = []
    day = month_end(plan.start.year, plan.start.month)
    while day <= last:
        if day.month % step == 0:
            out.append(min(day, stop))
        day = add_months(day, 1)
    if not out or out[-1] < stop:
        out.append(stop)
    return out


def last_period_start(target: Target) -> date:
    """The end of the period before ``target``'s last (the one ending on its ``due``): the last
    month end before the due's month whose month ends a period of ``frequency`` (2025-09-30 for a
    quarterly target due 2025-11-30 or 2025-12-31, 2025-07-31 for a monthly one due 2025-08-15),
    a year before the due's month end for a yearly one. An entry dated after it and by the due
    lies in the last period, as :func:`period_ends` cuts it."""
    if target.frequency is Frequency.YEARLY:
        day = add_months(target.due, -12)
        return month_end(day.year, day.month)
    day = add_months(target.due.replace(day=1), -1)
    while day.month % target.frequency.months:
        day = add_months(day, -1)
    return month_end(day.year, day.month)


def due_day(period_end: date, release_day: int) -> date:
    """The day a figure for the period ending ``period_end`` is due: ``release_day`` of the
    following month, or that month's last day when it is shorter (30 in February → 28 or 29)."""
    following = add_months(period_end, 1)
    return following.replace(day=min(release_day, month_end(following.year, following.month).day))


def owed(plan: Plan, entries: Iterable[Entry], as_of: date, targets: Iterable[Target] | None = None) -> list[Owed]:
    """The figures ``targets`` (default: all the plan's) owe as of ``as_of``, in plan order: per
    target its late periods (if any), then its awaited ones (if any), each an :class:`Owed`.

    ``entries`` are the ledger's, corrections included (they are applied here); entries dated
    after ``as_of`` are not counted. A target with nothing missing is left out.
    """
    latest: dict[str, date] = {}
    additions = {t.id for t in plan.targets if t.kind is Kind.INCREMENT}
    dated: dict[str, set[date]] = {}  # an increment's entry dates, each period checked for its own
    for e in effective(entries):
        if e.date <= as_of and (e.target not in latest or e.date > latest[e.target]):
            latest[e.target] = e.date
        if e.target in additions and e.date <= as_of:
            dated.setdefault(e.target, set()).add(e.date)
    out = []
    for t in plan.targets if targets is None else targets:
        ends = period_ends(plan, t)
        step = t.frequency.months if t.frequency is not Frequency.YEARLY else 12
        # Each period begins after the one before it ends: a last period cut short (10—11月 for a
        # quarterly target due 11-30) begins after 09-30, not three months before its end.
        before = {p: ends[i - 1] if i else _before(p, step) for i, p in enumerate(ends)}
        ended = [p for p in ends if p < as_of]
        last = latest.get(t.id)
        if t.kind is Kind.INCREMENT:
            # An addition speaks for its own period only: July's 新增 says nothing of June's.
            days = dated.get(t.id, set())
            missing = tuple(p for p in ended if not any(before[p] < d <= p for d in days))
        elif t.kind in _AT_THE_END:
            # A running total's, a stock's or a rate's figure for a period is as of its end: a reading
            # of June 15 (截至6月15日) is not 1—6月's, and only one dated on or after the end answers it.
            missing = tuple(p for p in ended if last is None or last < p)
        else:
            # A period's status is in when an entry is dated after the end of the period before it.
            missing = tuple(p for p in ended if last is None or last <= before[p])
        dues = [due_day(p, t.release_day) for p in missing]
        # Dues rise with the periods, so the late ones come first: a period is late on its own due
        # day's passing, never because an older one is.
        late = [i for i, due in enumerate(dues) if as_of > due]
        waiting = [i for i, due in enumerate(dues) if as_of <= due]
        for state, at in ((DueState.LATE, late), (DueState.AWAITING, waiting)):
            if at:
                first = dues[at[0]]
                late_by = (as_of - first).days if state is DueState.LATE else 0
                periods = tuple(missing[i] for i in at)
                out.append(Owed(t, periods, first, state, late_by, last, tuple(dues[i] for i in at)))
    return out


_AT_THE_END = (Kind.TOTAL, Kind.RATE)


def _before(period_end: date, months: int) -> date:
    """The end of the period before the one ending ``period_end`` (``months`` long): a month end,
    also for a last period cut short by its target's due (2025-08-15 follows 2025-07-31)."""
    day = add_months(period_end, -months)
    return month_end(day.year, day.month)


def by_owner(items: Iterable[Owed]) -> dict[str | None, list[Owed]]:
    """``items`` grouped by the target's owner, in order of first appearance; ``None`` (no owner
    named) last."""
    groups: dict[str | None, list[Owed]] = {}
    for item in items:
        groups.setdefault(item.target.owner, []).append(item)
    return dict(sorted(groups.items(), key=lambda kv: kv[0] is None))
