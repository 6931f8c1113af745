"""What changed since an earlier report (``--since``), and a past report as it was (``--as-recorded``).

Both rest on the ledger's ``recorded`` stamps: a report issued on day D knew exactly the entries
recorded by the end of D in the plan's time zone (the zone its "today" is in), corrections
included. Nothing here reads the clock; the days are arguments.
"""

from collections.abc import Iterable, Sequence
from datetime import date, datetime, tzinfo
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from . import units
from .entries import Entry
from .model import Kind, Plan, Target
from .progress import StatusReport, TargetProgress, evaluate


def as_recorded(entries: Iterable[Entry], day: date, zone: tzinfo | None) -> list[Entry]:
    """The entries recorded by the end of ``day`` in ``zone`` (the plan's, :func:`plan_zone`; each
    stamp's own day when ``None``), in file order: what a report issued that day could know. Later corrections and voids are left
    out with everything else recorded later, so the entries they replaced count again."""
    return [e for e in entries if recorded_day(e.recorded, zone) <= day]


def plan_zone(plan: Plan) -> tzinfo | None:
    """The time zone of ``plan``'s days (its ``timezone``), or ``None`` when it names none."""
    from .dates import zone

    return zone(plan.timezone) if plan.timezone else None


def recorded_day(stamp: datetime, zone: tzinfo | None) -> date:
    """The day of a ``recorded`` stamp in ``zone``, the plan's: an entry another system stamped
    ``2025-08-31T16:30:00Z`` was recorded on September 1 in Shanghai. A stamp already in that
    zone's offset (every one tracker writes) is read as it is. With no zone (a plan that names
    none), the stamp's own day: the machine's zone would make one ledger's past reports differ
    from machine to machine."""
    if zone is None or stamp.utcoffset() == zone.utcoffset(stamp.replace(tzinfo=None)):
        return stamp.date()
    return stamp.astimezone(zone).date()


class Change(NamedTuple):
    """One target between an earlier report (``before``: as of ``since``, from the entries
    recorded by then) and now.

    ``figure`` is now − before in the target's unit (``None`` unless both have a figure);
    ``points`` the change of progress as a share (0.228 = 22.8 points; total, increment,
    milestone); ``places`` how many places a rank moved up (positive is better). ``new`` are
    entries recorded since that refer to a later date, ``late`` those recorded since that refer
    to ``since`` or before, ``revised`` the corrections and withdrawals recorded since.
    """

    target: Target
    before: TargetProgress
    now: TargetProgress
    figure: Decimal | None
    points: Decimal | None
    places: Decimal | None
    new: tuple[Entry, ...]
    late: tuple[Entry, ...]
    revised: tuple[Entry, ...]

    @property
    def figure_exact(self) -> Fraction | None:
        """``figure`` exactly (a total's or increment's), for a display in another unit."""
        if self.figure is None or self.before.exact is None or self.now.exact is None:
            return None
        return self.now.exact - self.before.exact

    @property
    def status_changed(self) -> bool:
        """Whether the status differs from the earlier report's."""
        return self.before.status is not self.now.status

    @property
    def changed(self) -> bool:
        """Whether anything about the target moved or was recorded since."""
        return bool(
            self.status_changed
            or self.new
            or self.late
            or self.revised
            or self.figure
            or self.points
            or self.places
            or self.before.current != self.now.current
        )


def _rounded(*ps: TargetProgress) -> bool:
    """Whether any of ``ps`` shows its current figure rounded (a conversion's, 1 亩 as 0.07)."""
    return any(p.exact is not None and Fraction(p.current) != p.exact for p in ps if isinstance(p.current, Decimal))


def _difference(a: Decimal | str | None, b: Decimal | str | None) -> Decimal | None:
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return b - a
    return None


def compare(plan: Plan, entries: Sequence[Entry], since: date, as_of: date) -> StatusReport:
    """The report as of ``as_of`` with, for each target, its :class:`Change` since the report
    of ``since`` (``StatusReport.since`` and ``.changes``, in plan order).

    Raises ``ValueError`` when ``since`` is not before ``as_of``.
    """
    if since >= as_of:
        raise ValueError(f"--since {since} is not before the report's date {as_of}")
    zone = plan_zone(plan)
    earlier = {p.target.id: p for p in evaluate(plan, as_recorded(entries, since, zone), since).targets}
    report = evaluate(plan, entries, as_of)
    recorded_since = [e for e in entries if recorded_day(e.recorded, zone) > since and e.date <= as_of]
    changes = []
    for now in report.targets:
        t = now.target
        before = earlier[t.id]
        mine = [e for e in recorded_since if e.target == t.id]
        revised = tuple(e for e in mine if e.corrects is not None)
        fresh = [e for e in mine if e.corrects is None]
        figure = _difference(before.current, now.current) if t.kind is not Kind.RANK else None
        if figure is not None and before.exact is not None and now.exact is not None and _rounded(before, now):
            # The difference of the exact figures, rounded once: 1 亩 more than 1 亩 is 0.0667
            # 万平方米, shown 0.07, never 0.13 − 0.07 = 0.06.
            step = max(before.places or 0, now.places or 0)
            figure = units.shown(now.exact - before.exact, step, max(before.keep, now.keep))
        # From 75th to 72nd is 3 places up.
        places = _difference(now.current, before.current) if t.kind is Kind.RANK else None
        points = None
        if now.progress is not None and before.progress is not None:
            points = now.progress - before.progress
        changes.append(
            Change(
                target=t,
                before=before,
                now=now,
                figure=figure,
                points=points,
                places=places,
                new=tuple(e for e in fresh if e.date > since),
                late=tuple(e for e in fresh if e.date <= since),
                revised=revised,
            )
        )
    return report._replace(since=since, changes=tuple(changes))


def report(
    plan: Plan,
    entries: Sequence[Entry],
    as_of: date,
    *,
    since: date | None = None,
    recorded_by: bool = False,
    previous_entries: Sequence[Entry] = (),
) -> StatusReport:
    """The status report as of ``as_of``: with ``recorded_by``, from only the entries recorded by
    then (a past report re-issued as it was); with ``since``, with each target's change since the
    report of that day; year on year (同比) from last year's ledger's ``previous_entries`` or the
    targets' ``previous``. Raises ``ValueError`` when ``since`` is not before ``as_of``."""
    from .yoy import year_on_year

    if recorded_by:
        zone = plan_zone(plan)
        entries = as_recorded(entries, as_of, zone)
        previous_entries = as_recorded(previous_entries, as_of, zone)
    result = compare(plan, entries, since, as_of) if since is not None else evaluate(plan, entries, as_of)
    return year_on_year(plan, result._replace(as_recorded=recorded_by), previous_entries)
