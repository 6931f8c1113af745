"""Progress arithmetic: a target's current value, progress, expected progress, status, gap,
forecast and the pace still needed, as of a given date (README, "How progress is counted").

Nothing here reads the clock: the as-of date is always an argument.
"""

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple

from . import units
from .dates import add_months
from .due import due_day, last_period_start, period_ends
from .entries import Entry, effective
from .errors import LedgerError
from .model import Action, Kind, MilestoneStatus, Plan, Status, Target
from .numbers import from_fraction
from .schedule import expected_progress, expected_share, months_between

if TYPE_CHECKING:
    from .changes import Change
    from .yoy import YearOnYear

_AS_OF = attrgetter("date")
RATE_AT_RISK_POINTS = Decimal("1.0")  # a rate within 1 point of its target is at_risk
RANK_AT_RISK_PLACES = Decimal(5)  # a rank within 5 places of its target is at_risk
MILESTONE_WARNING_DAYS = 30  # a milestone due this soon and not started is at_risk


class MilestoneState(NamedTuple):
    """One milestone's latest status (``None`` before any entry names it)."""

    id: str
    name: str
    due: date
    status: MilestoneStatus | None
    name_en: str | None = None


class TargetProgress(NamedTuple):
    """Where one target stands as of a date.

    Figures are in the target's unit. ``progress`` and ``expected`` are shares (0.5 = 50 %);
    ``gap`` is positive when better than asked: progress − expected (a share) for total and
    increment, reading − target in percentage points for rate (sign flipped for direction down),
    target − reading in places for rank. ``current`` is a milestone target's latest status
    text. Fields that do not apply are ``None``.

    For total and increment, ``exact`` is the current value as an exact fraction: status,
    progress, gap, forecast and pace are computed from it, and ``current`` shows it with the
    places recorded plus those a conversion adds (three entries of 20 亩 are exactly 4
    万平方米, done; one is 1.33 万平方米). ``needed_per_month`` is counted from the date the
    current figure describes (``judged_at``): a running total's reading date, an increment's
    :func:`judged_date`.
    """

    target: Target
    status: Status
    current: Decimal | str | None = None
    current_date: date | None = None
    progress: Decimal | None = None
    expected: Decimal | None = None
    gap: Decimal | None = None
    forecast: Decimal | None = None
    needed_per_month: Decimal | None = None
    entries: int = 0
    milestones: tuple[MilestoneState, ...] = ()
    latest: Entry | None = None  # the entry `current` comes from (its note goes into reports)
    stretch_met: bool | None = None  # the 力争 figure reached (None without a stretch or a figure)
    stale: bool = False  # the latest figure is older than its reporting period plus the grace days
    next_milestone: MilestoneState | None = None  # the first milestone due that is not done
    exact: Fraction | None = None  # `current` of a total or increment exactly, before display rounding
    # The decimal places a total's or increment's figures are shown to in its unit (the places
    # typed plus those a conversion adds, the most of any entry counted): its current, the
    # month's own figure, the shortfall, each month's figure in `show`, side by side alike.
    places: int | None = None
    keep: int = 0  # the places typed in the target's own unit: 318.6 + 0.4 shows 319.0
    # How far a target not achieved by the plan's end fell short: in its unit for total and
    # increment, percentage points for rate, places for rank, steps not done for milestone;
    # None for one not achieved only for want of its figure for the period's end (a total's
    # 1—11月, an increment without December's addition, a rate's early reading that meets it).
    shortfall: Decimal | None = None
    yoy: "YearOnYear | None" = None  # last year's figure at the same point and the change (同比)
    # The target's own due when it is before the plan's end: its forecast is the value then, not
    # at the year's (or plan's) end the reports head the column with, and they say so beside it.
    forecast_due: date | None = None
    # The day a total's or increment's expected progress, gap, status and forecast are judged at:
    # a running total's reading date; an increment's :func:`judged_date` (the end of the latest
    # period whose figure is due or recorded and ended, never after the as-of date). Reports show it.
    judged_at: date | None = None

    @property
    def final_missing(self) -> bool:
        """Whether the target is not achieved only for want of its figure for the period's end
        (its ``due``): a total's or increment's latest reading from before it (1—11月 at the
        year's end), a rate's that meets the goal too early. Its ``shortfall`` is ``None``;
        reports say the figure is missing; ``check --fail-on`` leaves it to ``due`` while that
        figure is awaited and names it once it is late."""
        return (
            self.status is Status.NOT_ACHIEVED
            and self.shortfall is None
            and self.target.kind in (Kind.TOTAL, Kind.INCREMENT, Kind.RATE)
        )

    @property
    def month_value(self) -> Decimal | None:
        """The month's own figure (本月) recorded beside the latest running total, in the
        target's unit; ``None`` where the entry has none or the target is not a ``total``.
        Typed in the target's unit it is the digits typed (110.5 beside 628.32, as `show`'s
        month-by-month chart and the README write it, never padded to 110.50); in another unit
        it is converted and shown as the target's figures are (:meth:`shown`)."""
        exact = self.month_exact
        if exact is None:
            return None
        e = self.latest
        assert e is not None and e.month_value is not None  # month_exact said so
        if e.unit is None or self.target.unit is None or units.canonical(e.unit) == self.target.unit:
            return e.month_value
        return self.shown(exact)

    @property
    def month_exact(self) -> Fraction | None:
        """:attr:`month_value` exactly (a Fraction in the target's unit), or ``None``."""
        e = self.latest
        if e is None or e.month_value is None or self.target.kind is not Kind.TOTAL:
            return None
        return units.exact(e.month_value, e.unit, self.target.unit)

    @property
    def computed_places(self) -> int:
        """The places a computed figure (forecast, pace needed) is shown to in the target's unit:
        2, or as many as the current figure shows if it shows more (a forecast of 0.4912 万人
        beside a current of 0.1234, never 0.49; 43.33 beside 32.5, though an entry of 150 亩
        counted in it could need 4 places, and shows none: it is exactly 10 万平方米)."""
        shown = units.places_of(self.current) if isinstance(self.current, Decimal) else 0
        return max(2, shown)

    def shown(self, exact: Fraction) -> Decimal:
        """A figure of this target (in its unit, exactly) as its figures are shown: to
        :attr:`places`, exactly when it needs no more (the month's 1 亩 beside a current of
        6.5 亩 typed ``4.50`` and ``2``: 0.1333 万平方米, as the current's 0.4333)."""
        return units.shown(exact, self.places or 0, self.keep)


class ActionProgress(NamedTuple):
    """An action and its targets' progress, in plan order."""

    action: Action
    targets: tuple[TargetProgress, ...]


class StatusReport(NamedTuple):
    """The whole plan as of ``as_of``; ``expected`` is the plan's own expected progress then.

    ``grouping`` says what ``actions`` hold: the plan's actions (``"action"``), or groups by
    responsible unit (``"owner"``, see :func:`ledger.filters.by_owner`). ``since`` and
    ``changes`` (one per target, plan order) are set by :func:`ledger.changes.compare` for a
    report of what changed since an earlier one. ``as_recorded``: made from only the entries
    recorded by ``as_of`` (a past report reproduced as it was issued; see
    :func:`ledger.changes.report`).
    """

    plan: Plan
    as_of: date
    expected: Decimal
    actions: tuple[ActionProgress, ...]
    grouping: str = "action"
    since: date | None = None
    changes: "tuple[Change, ...]" = ()
    as_recorded: bool = False

    @property
    def targets(self) -> list[TargetProgress]:
        """Every target's progress, in plan order."""
        return [t for a in self.actions for t in a.targets]

    def summary(self) -> dict[Status, int]:
        """How many targets have each status, every status present (zero included)."""
        counts = Counter(t.status for t in self.targets)
        return {s: counts.get(s, 0) for s in Status}


def at_risk_limit(target: Target) -> Decimal | None:
    """How far short of what is asked (a negative ``gap``, in the gap's terms) ``target`` may be
    and still be ``at_risk`` rather than ``behind``, the bound included: its ``tolerance`` as a
    fraction for ``total`` and ``increment`` (5 → ``0.05``), :data:`RATE_AT_RISK_POINTS` points
    for a ``rate``, :data:`RANK_AT_RISK_PLACES` places for a ``rank``; ``None`` for a
    ``milestone``, judged by its steps' due dates."""
    if target.kind in (Kind.TOTAL, Kind.INCREMENT):
        return target.tolerance / 100
    return {Kind.RATE: RATE_AT_RISK_POINTS, Kind.RANK: RANK_AT_RISK_PLACES}.get(target.kind)


def value_in_unit(entry: Entry, target: Target) -> Decimal:
    """The entry's value converted to the target's unit.

    Raises :class:`~ledger.units.UnitError` when the units are of different dimensions and
    :class:`~ledger.errors.LedgerError` when the entry has no value.
    """
    if entry.value is None:
        raise LedgerError(f"entry {entry.id} for {target.id!r} has no value")
    if entry.unit is None or target.unit is None:
        return entry.value
    return units.convert(entry.value, entry.unit, target.unit)


def evaluate(plan: Plan, entries: Iterable[Entry], as_of: date) -> StatusReport:
    """Every target of ``plan`` as of ``as_of`` from the ledger's ``entries`` (corrections applied).

    Entries dated after ``as_of`` are ignored, and so are those dated after their target's own
    ``due`` (the day it is judged on; :mod:`ledger.target_due`). The entries must fit the plan:
    check them first with :func:`~ledger.validate.validate_entries` (an entry for an unknown
    target raises ``KeyError``).
    """
    by_target: dict[str, list[Entry]] = {t.id: [] for t in plan.targets}
    upto = {t.id: min(t.due, as_of) for t in plan.targets}
    for e in effective(entries):
        if e.date <= upto[e.target]:
            by_target[e.target].append(e)
    actions = tuple(
        ActionProgress(a, tuple(evaluate_target(plan, t, by_target[t.id], as_of) for t in plan.targets_of(a.id)))
        for a in plan.actions
    )
    return StatusReport(plan, as_of, expected_progress(plan.start, plan.end, as_of), actions)


def evaluate_target(plan: Plan, target: Target, entries: Sequence[Entry], as_of: date) -> TargetProgress:
    """One target as of ``as_of``, from its effective entries dated on or before it (those dated
    after the target's ``due`` are left out: it is judged on its due, as the plan on its end)."""
    # As-of order; between entries of one date the later one in the ledger wins (a stable sort
    # keeps file order, which is the order appends happened in, whatever clocks said).
    due = target.due
    ordered = sorted((e for e in entries if e.date <= due), key=_AS_OF)
    # From its due on (the plan's end unless it names an earlier one) a target is done or not.
    ended = as_of >= due
    if not ordered:
        if target.kind is Kind.MILESTONE:
            # Its steps are listed and judged by their due dates, reported on or not.
            result = _milestone(target, ordered, as_of)
            return _verdict(result) if ended else result
        return TargetProgress(target, Status.NO_DATA)
    match target.kind:
        case Kind.TOTAL | Kind.INCREMENT:
            result = _amount(plan, target, ordered, as_of)
        case Kind.RATE:
            result = _rate(target, ordered)
        case Kind.RANK:
            result = _rank(target, ordered)
        case Kind.MILESTONE:
            result = _milestone(target, ordered, as_of)
    if ended:
        result = _verdict(result)
    return result._replace(
        # As at its due from then on: a verdict does not go stale.
        stale=is_stale(ordered[-1].date, target.frequency.months, plan.grace, min(as_of, due), due),
        stretch_met=_stretch_met(target, result),
        forecast_due=due if result.forecast is not None and due < plan.end else None,
    )


def _verdict(p: TargetProgress) -> TargetProgress:
    """From the target's due (the plan's last day unless it names an earlier one) on there is no schedule left to be on or behind: a target met its
    goal (``done``) or did not (``not_achieved``), with the shortfall.

    ``done`` is each kind's own verdict, unchanged at the end (README, "How progress is counted"):
    a total or increment whose figure meets the goal, a rank at or above its place (an assessment
    result is final), every milestone done, and a rate only on a reading dated at the end of its
    period (its ``due``): a June 同比 of 6.2 % says nothing of the year's. Everything else is
    ``not_achieved``. Its shortfall is how far the latest figure is from the goal; a rate whose
    latest reading meets the goal but predates the period's end has none (``None``): it is not
    achieved for want of the period's figure, not for being short; nor has a total or increment
    without its figure for the period's end (:func:`covers_period_end`): 1—11月's 1,230 of 1,360
    is no shortfall of 130, December's ~120 is still to come. A target not achieved has
    no ``forecast`` and no ``needed_per_month`` (``None``): no time is left."""
    t = p.target
    if p.status is Status.DONE:
        return p
    match t.kind:
        case Kind.TOTAL | Kind.INCREMENT if not covers_period_end(t, p.current_date):
            # November's 1—11月 of 1,230 says nothing of the year's 1,360: December alone may close
            # it. Not achieved for want of the period's figure, as a rate's early reading is.
            short: Decimal | None = None
        case Kind.TOTAL | Kind.INCREMENT:
            assert t.target is not None and isinstance(p.current, Decimal)  # both hold: `or` is equivalent
            short = p.current - t.target if t.lower_is_better else t.target - p.current
            if p.exact is not None and Fraction(p.current) != p.exact:
                # From the exact figure, never the rounded one: 1 亩 short of 1 万平方米 is
                # 0.9333 (9,333 m²), not 1 − 0.07.
                goal = Fraction(t.target)
                gone = p.exact - goal if t.lower_is_better else goal - p.exact
                short = units.shown(gone, max(p.places or 0, units.places_of(t.target)), p.keep)
        case Kind.RATE:
            assert p.gap is not None
            short = -p.gap if p.gap < 0 else None
        case Kind.RANK:
            assert p.gap is not None  # a rank not done is below its place: the gap is negative
            short = -p.gap
        case Kind.MILESTONE:
            short = Decimal(sum(m.status is not MilestoneStatus.DONE for m in p.milestones))
    # No time is left: a forecast of the period's end and a pace for months gone would read as
    # advice that can no longer be followed (a running total's last reading, August's, would
    # otherwise still ask its pace of September–December); the shortfall says the rest.
    return p._replace(status=Status.NOT_ACHIEVED, shortfall=short, forecast=None, needed_per_month=None)


def covers_period_end(target: Target, latest: date | None) -> bool:
    """Whether a ``total`` or ``increment`` whose latest entry is dated ``latest`` has its figure
    for the period ending on its ``due`` (the plan's last day unless it names an earlier one), as
    :func:`ledger.due.owed` counts it: a running total's (or a stock's) reading dated on the due
    (1—12月, not 1—11月 nor 截至12月15日), an increment's addition dated within its last period
    of ``frequency`` (December's, or Q4's; a recorded 0 answers it), which may be shorter than
    its frequency (10—11月 for a quarterly target due 11-30: dated after 09-30,
    :func:`ledger.due.last_period_start`). Without it the year's figure is not known: a
    shortfall from the latest is not the year's. ``None``: no entry."""
    if latest is None:
        return False
    if target.kind is Kind.INCREMENT:
        return latest > last_period_start(target)
    return latest >= target.due


def is_stale(latest: date, months: int, grace: int, as_of: date, end: date) -> bool:
    """Whether a figure as of ``latest`` is overdue for renewal by ``as_of``: the next period's
    figure (due at the end of the period after ``latest``, plus ``grace`` days for reporting) has
    not come. A figure whose next period ends after ``end`` (the target's due, at most the plan's
    end) never goes stale."""
    following = add_months(latest, months)
    # As a difference of dates: following + grace overflows near date.max.
    return following <= end and (as_of - following).days > grace


def _stretch_met(target: Target, p: TargetProgress) -> bool | None:
    if target.stretch is None or not isinstance(p.current, Decimal):
        return None
    if p.status is Status.NOT_ACHIEVED:
        return False  # a rate's stale reading beyond the stretch is no ★ beside 未完成
    # The exact figure: 0.0667 万平方米 (1 亩) shows 0.07 but has not reached a stretch of 0.07.
    current = p.exact if p.exact is not None else Fraction(p.current)
    stretch = Fraction(target.stretch)
    return current <= stretch if target.lower_is_better else current >= stretch


def amount_of(target: Target, entries: Sequence[Entry]) -> tuple[Fraction, Decimal]:
    """A target's current value from the entries that count: the latest reading of a ``total``
    (pass only that one), or the baseline (0 without one) plus the sum of an ``increment``'s
    entries, in the target's unit; exactly, and as shown (the places typed, plus those a
    conversion adds; see :func:`ledger.units.shown`). Raises :class:`~ledger.units.UnitError`
    for a unit of another dimension."""
    base = target.baseline if target.baseline is not None and target.kind is Kind.INCREMENT else Decimal(0)
    # No conversion: the typed digits. This road is only quicker: the exact road below gives the
    # same figure for these entries, so mutants that send entries there (`and` for `or`) are
    # equivalent, and so is dropping the start `Decimal(0)` (the base is a Decimal already).
    if all(e.unit is None or e.unit == target.unit for e in entries):
        total = base + sum((e.value for e in entries if e.value is not None), Decimal(0))
        return Fraction(total), total
    exact = Fraction(base) + sum(
        (units.exact(e.value, e.unit, target.unit) for e in entries if e.value is not None), Fraction(0)
    )
    places, keep = figure_places(target, entries, months=False)
    return exact, units.shown(exact, places, keep)


def figure_places(target: Target, entries: Sequence[Entry], months: bool = True) -> tuple[int, int]:
    """``(places, keep)``: the decimal places a target's figures are shown to in its unit, the
    most of ``entries`` (figures and months' own figures) and the baseline of an increment, each
    the places typed plus those its conversion adds (README, "How progress is counted": 20 亩
    in 万平方米 is 2 places, 4.50 亩 is 4); and the most places typed in the target's own unit
    (``keep``: trailing zeros typed stay, 319.0); without ``months``, of the figures only. Raises :class:`~ledger.units.UnitError` for a
    unit of another dimension."""
    base = target.baseline if target.baseline is not None and target.kind is Kind.INCREMENT else Decimal(0)
    places = keep = units.places_of(base)
    for e in entries:
        for value in (e.value, e.month_value) if months else (e.value,):
            if value is None:
                continue
            typed = units.places_of(value)
            if e.unit is None or target.unit is None or units.canonical(e.unit) == target.unit:
                keep = max(keep, typed)
                places = max(places, typed)
            else:
                places = max(places, units.places_shown(value, e.unit, target.unit))
    return places, keep


def _amount(plan: Plan, target: Target, entries: list[Entry], as_of: date) -> TargetProgress:
    assert target.target is not None
    base = Fraction(target.baseline) if target.baseline is not None else Fraction(0)
    goal = Fraction(target.target)
    latest = entries[-1]
    if target.kind is Kind.TOTAL:
        # A running total is judged at the date it refers to: March's 1–3月累计 against March.
        exact, current = amount_of(target, [latest])
        judged_at = latest.date
    else:
        exact, current = amount_of(target, entries)
        # From its due on, as on its due: a verdict does not move with the day it is read.
        judged_at = judged_date(plan, target, (e.date for e in entries), min(as_of, target.due))
    # Every figure of the target side by side in one step: a running total's latest reading as
    # finely as an earlier one, the month's own figure as finely as the current.
    places, keep = figure_places(target, entries)
    if Fraction(current) != exact:
        current = units.shown(exact, places, keep)
    # Exact fractions from here on: 60 亩 against 4 万平方米 is done, not 99.999…%.
    progress = (exact - base) / (goal - base)
    expected = expected_share(plan.start, target.due, judged_at, target.schedule)
    gap = progress - expected
    if progress >= 1:
        status = Status.DONE
    elif gap >= 0:
        status = Status.ON_TRACK
    elif -gap <= Fraction(target.tolerance) / 100:
        status = Status.AT_RISK
    else:
        status = Status.BEHIND
    forecast = from_fraction(base + (goal - base) * progress / expected) if expected > 0 else None
    # From the date the current figure describes: April's running total asks the same pace of
    # May, June … whatever day the report is made on; a sum of additions describes its judged date.
    left = months_between(judged_at, target.due)
    if status is Status.DONE:
        needed: Decimal | None = Decimal(0)
    else:
        needed = from_fraction((goal - exact) / left) if left > 0 else None
    return TargetProgress(
        target,
        status,
        current,
        latest.date,
        from_fraction(progress),
        from_fraction(expected),
        from_fraction(gap),
        forecast,
        needed,
        len(entries),
        latest=latest,
        exact=exact,
        places=places,
        keep=keep,
        judged_at=judged_at,
    )


def judged_date(plan: Plan, target: Target, dates: Iterable[date], as_of: date) -> date:
    """The day an ``increment`` with entries dated ``dates`` (at least one) is judged at as of
    ``as_of``. Its periods (:func:`ledger.due.period_ends`) are each *recorded* by an entry dated
    within it, *due* once their release day (:func:`ledger.due.due_day`) is before ``as_of`` (the
    day `tracker due` calls one late). It is judged at the end of the latest period recorded and
    ended by ``as_of`` or due, never after ``as_of``: a figure not yet due counts neither as zero
    nor at all. On 2025-06-30 with January–May recorded and June due 07-15 an addition is judged
    at 05-31; on 07-20 with June missing, at 06-30 with June at zero (and `due` says June is late).

    The period holding the latest entry, when it has not ended by ``as_of``, is judged at
    ``as_of`` (as a figure read so far) only if every period before it is recorded or due;
    otherwise at the end of the latest period before it that is, its early figure still counting
    in the sum: July's addition recorded on 07-03 while June's is awaited (due 07-15) is judged
    at 05-31, not 07-05 with June at zero. With no such period (only February recorded as of
    02-10, January awaited) it is the day before the plan starts, when nothing is yet asked.
    ``dates`` are on or before the target's ``due`` (later entries do not count); pass an
    ``as_of`` no later than the due for a verdict. Raises ``ValueError`` for empty ``dates``."""
    ends = period_ends(plan, target)
    days = sorted(dates)
    latest = days[-1]
    starts = [plan.start, *(p + timedelta(days=1) for p in ends[:-1])]
    # A period is recorded when the first entry on or after its start falls within it (by bisection:
    # a ledger of 100,000 entries asks this of every addition at every status).
    recorded = {
        p for s, p in zip(starts, ends, strict=True) if (i := bisect_left(days, s)) < len(days) and days[i] <= p
    }
    judged = [p for p in ends if (p in recorded and p <= as_of) or due_day(p, target.release_day) < as_of]
    held = next((p for p in ends if p >= latest), None)  # the period the latest entry lies in
    if held is None:
        # After the last period (a quarterly target due mid-quarter): as the latest due period.
        return min(judged[-1], as_of) if judged else as_of
    if held > as_of:
        before = [p for p in ends if p < held]
        if all(p in recorded or due_day(p, target.release_day) < as_of for p in before):
            return as_of
        return judged[-1] if judged else plan.start - timedelta(days=1)
    return min(judged[-1], as_of)


def _rate(target: Target, entries: list[Entry]) -> TargetProgress:
    assert target.target is not None
    latest = entries[-1]
    reading = value_in_unit(latest, target)
    gap = target.target - reading if target.lower_is_better else reading - target.target
    if gap >= 0:
        status = Status.DONE if latest.date >= target.due else Status.ON_TRACK
    elif -gap <= RATE_AT_RISK_POINTS:
        status = Status.AT_RISK
    else:
        status = Status.BEHIND
    return TargetProgress(target, status, reading, latest.date, gap=gap, entries=len(entries), latest=latest)


def _rank(target: Target, entries: list[Entry]) -> TargetProgress:
    assert target.target is not None
    latest = entries[-1]
    reading = value_in_unit(latest, target)
    gap = target.target - reading
    if gap >= 0:
        status = Status.DONE
    elif -gap <= RANK_AT_RISK_PLACES:
        status = Status.AT_RISK
    else:
        status = Status.BEHIND
    return TargetProgress(target, status, reading, latest.date, gap=gap, entries=len(entries), latest=latest)


def _milestone(target: Target, entries: list[Entry], as_of: date) -> TargetProgress:
    """A milestone target: steps done over steps, judged by their due dates.

    Without entries every step is listed with status ``None``: a step past due makes the target
    behind and one due within 30 days at_risk whether or not anyone reported on it; otherwise it
    is no_data (progress, current and current_date ``None``).
    """
    latest = entries[-1] if entries else None
    if target.milestones:
        last = {e.milestone: e.status for e in entries if e.status is not None}
        states = tuple(MilestoneState(m.id, m.name, m.due, last.get(m.id), m.name_en) for m in target.milestones)
    else:
        states = (
            MilestoneState(target.id, target.name, target.due, latest.status if latest else None, target.name_en),
        )
    done = sum(s.status is MilestoneStatus.DONE for s in states)
    if done == len(states):
        status = Status.DONE
    elif any(s.due < as_of and s.status is not MilestoneStatus.DONE for s in states):
        status = Status.BEHIND
    elif any(
        s.status is MilestoneStatus.BLOCKED
        or ((s.due - as_of).days <= MILESTONE_WARNING_DAYS and s.status in (None, MilestoneStatus.NOT_STARTED))
        for s in states
    ):
        status = Status.AT_RISK
    else:
        status = Status.ON_TRACK if latest is not None else Status.NO_DATA
    pending = sorted((s for s in states if s.status is not MilestoneStatus.DONE), key=lambda s: s.due)
    if latest is None:
        return TargetProgress(target, status, milestones=states, next_milestone=pending[0])
    # An entry for a milestone always has a status (the ledger refuses one with neither value nor
    # status, and a value on a milestone), so the mutant `... is not None) or True` is equivalent.
    current = latest.status.value if latest.status is not None else None
    if target.milestones:
        current = f"{done}/{len(states)}"
    progress = Decimal(done) / Decimal(len(states))
    return TargetProgress(
        target,
        status,
        current,
        latest.date,
        progress=progress,
        entries=len(entries),
        milestones=states,
        latest=latest,
        next_milestone=pending[0] if pending else None,
    )
