"""Meaning checks: figures that are probably not what was meant, and figures counted twice.

A unit slip (万 for 亿), a running total fed into a target that adds its entries up, or the same
increment recorded by two colleagues all pass every check of form, and each would be shown with
a calm face as 100×, 10,000× or twice the truth. These functions find them. They are pure —
``(plan, entries already in the ledger, new entries) -> findings`` — so that the same rule runs
before anything is written (``record``, ``amend``, ``import``), under the ledger's lock on what
the file holds at that moment, and over a whole ledger (``tracker check``).

What is judged (docs/counting.md, "Meaning checks"):

- an amount 10 or more times off what the nearest reading of its target implies: a 1—N月
  running total scaled by the months each covers (January's 110 implies 1,320 by December), a
  stock as it is; a first running total against its target, scaled the same
  way (10 times over, or a hundredth under: a slow start is real, a ten-thousandth is a 万/亿
  slip). Rates and ranks are not judged this way (a growth rate may rightly go from 0.3 to 3.1),
  nor are increments against each other (additions are lumpy: a 30 万 m² building after a 0.8 万
  m² one is normal); an increment is held to the whole target instead;
- a 1—N月 running total RATIO times an earlier one whose months between would each have brought
  in RATIO times the pace of the months before (:func:`~ledger.slips._pace`: 8000 after July's
  730.3), and one PAST_TARGET times the whole period's target (:func:`~ledger.slips._past_target`);
- a rate RATIO times its last reading and RATE_POINTS further from 0
  (:func:`~ledger.slips._rate_jump`: 580 % after 5.6 %, a percent cell holding 5.8);
- a first reading (none before it) of a stock or a rate FIRST_RATIO times the plan's figures it
  should lie near, or a stock's a 1/FIRST_RATIO of them (:mod:`ledger.first_readings`: 3150 家
  for 315 between a baseline of 300 and a target of 340, 58 % for 5.8 with 3.0 % last year);
- a running total that contradicts its own month figure and the previous month's reading;
- an increment larger than the whole target, or under a 1/SMALL_OF_TARGET of it or a
  1/SMALL_OF_ADDITIONS of the smallest addition before it (:func:`~ledger.slips._too_small`);
- a figure whose note names another month than its date (:func:`~ledger.slips.note_month`:
  ``1—8月累计`` as of September);
- an increment whose note calls it a running total (1—N月累计);
- an increment imported beside the sheet's 1—N月 running total (累计) that its additions through
  that month do not make (:func:`~ledger.additions.running_totals`);
- the same target, date, milestone and value as an entry already in the ledger (a duplicate);
- over a whole ledger, a baseline on the wrong side: the figure lies beyond the baseline away
  from the target (last year's figure written as ``baseline`` instead of ``previous``).

An entry marked ``forced`` was kept by a person over these checks and is not judged again.

This module holds the checks over a batch (:func:`check_new`) and over a whole ledger
(:func:`check_ledger`); the rules they apply live in :mod:`ledger.slips`,
:mod:`ledger.additions`, :mod:`ledger.duplicates` and :mod:`ledger.quick_verdicts`, and what
they find in :mod:`ledger.findings`.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from fractions import Fraction
from functools import lru_cache
from operator import attrgetter
from typing import Any

from . import units
from .additions import _alone, _Apart, _append_of, _batches, _moved, _place, _withdrawn, added_period, added_to
from .dates import add_months
from .duplicates import _duplicate_message, _rival, fingerprint, rival_message
from .entries import Entry, effective
from .findings import _INCREMENT, _RATE, _TOTAL, Finding, _typed, _value, is_running_total
from .model import Plan, Target
from .numbers import from_fraction, plain, rounded, trim
from .quick_verdicts import (
    _ceiling,
    _clear_increment,
    _clear_rate,
    _clear_total,
    _first_rate_bar,
    _Floats,
    _goal,
    _increment_limit,
    _low,
    _rounded,
    _Shares,
)
from .slips import _JUDGED_KINDS, _judge, _judged, _too_small, judge, note_month, off_scale, zero_revision


def later_than(readings: Sequence[Entry], day: date) -> Entry | None:
    """The earliest of ``readings`` (in date order) dated after ``day``, or ``None``."""
    at = bisect_right(readings, day, key=_date)
    return readings[at] if at < len(readings) else None


def earlier_than(readings: Sequence[Entry], day: date) -> Entry | None:
    """The latest of ``readings`` (in date order) dated before ``day``, or ``None``."""
    if readings and readings[-1].date < day:  # a sheet's rows mostly come in date order: the last
        return readings[-1]
    at = bisect_left(readings, day, key=_date)
    return readings[at - 1] if at else None


def _chain(by_id: dict[str, Entry], entry_id: str) -> set[str]:
    """``entry_id`` and every entry it corrected, directly or through others (``by_id``: the
    ledger's entries by id)."""
    ids = set()
    current: str | None = entry_id
    while current is not None and current not in ids:
        ids.add(current)
        found = by_id.get(current)
        current = found.corrects if found is not None else None
    return ids


def _neighbours(readings: Sequence[Entry], day: date) -> tuple[Entry | None, Entry | None]:
    """``(nearest, prior)`` among ``readings`` (in date order, file order between equal dates):
    the latest dated on or before ``day``, else the earliest after; and the latest of the month
    before ``day``'s (see :func:`month_before`). Found by bisection, so an import's rows cost the
    log of a target's readings each."""
    return _nearest(readings, day), month_before(readings, day)


def _nearest(readings: Sequence[Entry], day: date) -> Entry | None:
    """The nearest of :func:`_neighbours`: the latest dated on or before ``day``, else the earliest after."""
    after = bisect_right(readings, day, key=_date)  # readings[:after] are dated on or before day
    if after:
        return readings[after - 1]
    return readings[0] if readings else None


def month_before(readings: Sequence[Entry], day: date) -> Entry | None:
    """The reading a running total as of ``day`` adds its month figure to: the latest of the
    calendar month before ``day``'s, and of two of one date the later in the ledger (the one that
    counts), however many readings ``day``'s own month holds. ``readings`` are in date order,
    file order between equal dates; ``None`` when that month has none."""
    month = _month_end(day, -1)
    k = bisect_right(readings, month, key=_date)  # readings[:k] are dated by that month's end
    return readings[k - 1] if k and _month_end(readings[k - 1].date, 0) == month else None


def next_month_problem(plan: Plan, target: Target, readings: Sequence[Entry], e: Entry) -> Finding | None:
    """The finding on ``e``, a running total filled in after the month that follows it, when it
    would become the reading that month's figure adds to (the latest of its month) and so
    contradict a reading of the next month and its month figure: April's 425.3 with 本月 104.6
    was 320.7 + 104.6 until March is filled in late as 300. ``readings`` are the target's in date
    order, file order between equal dates, ``e`` not among them; each date's last one counts.
    ``None`` when nothing is contradicted; it is the next month's reading that ``check``
    reports once ``e`` is in the ledger."""
    if target.kind is not _TOTAL or e.value is None or not _judged(target, e):
        return None
    from .consistency import month_problem

    k = bisect_right(readings, e.date, key=_date)
    if k < len(readings) and readings[k].date <= _month_end(e.date, 0):
        return None  # a later reading of e's own month is the one the next month adds to
    next_end = _month_end(e.date, 1)
    following: dict[date, Entry] = {}
    for n in readings[k:]:
        if n.date > next_end:
            break
        following[n.date] = n  # of two of one date, the later counts
    for n in following.values():
        if n.value is not None and n.month_value is not None and (problem := month_problem(plan, target, e, n)):
            message = (
                f"{_typed(e)} as of {e.date} is what {n.date}'s running total adds its month figure to, which then "
                f"no longer adds up: {problem}; one of the two is wrong"
            )
            return Finding(e, target, message, against=(n.id,))
    return None


_NO_IDS: frozenset[str] = frozenset()  # the chain a new entry that corrects nothing corrects
_month_end = lru_cache(maxsize=4096)(add_months)  # a sheet's rows share a few dates


# An entry's date, the key of every bisection and sort of a target's readings: attrgetter is
# called in C, a function of our own in Python (several times for each row of an import).
_date: Callable[[Entry], date] = attrgetter("date")


def _records_falls(target: Target) -> bool:
    from .column_kinds import records_falls  # sheet words, loaded for a rate alone

    return records_falls(target)


class _Seen:
    """What :func:`check_new` keeps of one target of the new entries: the ``target`` (``None`` when
    the plan has none of that id), whether its figures are ``judged`` (a total's or an
    increment's, when the meaning checks are made), its ``readings`` that count, in date order
    (file order between equal dates; a total's or a rate's: an increment's checks read none),
    and ``dated``: for each date, the one entry of the target on it so far, or ``None`` once
    there are several, whose fingerprints are then in the check's ``have``.

    The date comes first because a fingerprint (:func:`fingerprint`: target, date, exact figure,
    status, milestone) is the costly part of the duplicate check, and an entry alone on its date
    can be the duplicate of nothing: an import's rows are nearly all alone on theirs, so their
    fingerprints are never worked out."""

    __slots__ = ("added", "ceiling", "dated", "falls", "first", "goal", "judged", "limit", "low", "readings",
                 "running", "several", "smallest", "smallest_float", "target", "unit")  # fmt: skip

    def __init__(self, target: Target | None, meaning: bool) -> None:
        self.target = target
        self.judged = meaning and target is not None and target.kind in _JUDGED_KINDS
        self.readings: list[Entry] = []
        self.dated: dict[date, Entry | None] = {}
        self.several: dict[date, list[Entry]] = {}  # the entries of each date that has several, in order
        # An increment's additions already in the ledger (that count), by month: see added_to.
        self.added: dict[tuple[int, int], list[Entry]] | None = (
            {} if meaning and target is not None and target.kind is _INCREMENT else None
        )
        # For the quick verdicts (_clear_total, _clear_increment): the unit figures are judged in,
        # whether a total runs from nothing (its readings scaled by the months each covers), a
        # total's target as a float, and the largest float an increment's figure may be and be
        # clear of the whole target.
        self.unit = target.unit if target is not None else None
        self.running = target is not None and is_running_total(target)
        self.goal = _goal(target) if self.judged and target is not None else None
        self.limit = _increment_limit(target) if self.judged and target is not None else 0.0
        # A running total's float bound below PAST_TARGET times its target (_past_target).
        self.ceiling = _ceiling(target) if self.judged and target is not None and self.running else math.inf
        # An addition's smallest before (_too_small), exact, and the float above which one is clear of it.
        self.smallest: Fraction | None = None
        self.smallest_float = math.inf  # its float (smaller): inf while there is none, or beyond the floats' range
        # Read only by an increment's checks (_clear_increment, smaller): worked out for increments only.
        self.low = _low(target, None) if self.judged and target is not None and target.kind is _INCREMENT else -math.inf
        # A rate's float bound for a first reading, clear of the plan's figures (first_rate).
        self.first = _first_rate_bar(target) if self.judged and target is not None and target.kind is _RATE else -1.0
        # A rate recording falls as positive figures (能耗下降率): its figure below 0 is judged exactly
        # (_rising_fall). None until such a figure asks (see records_falls).
        self.falls: bool | None = None if self.judged and target is not None and target.kind is _RATE else False

    def records_falls(self) -> bool:
        """Whether the target is a rate that records falls as positive figures (:func:`_records_falls`),
        worked out when a figure below 0 first asks: nearly every rate's figures are above 0, and
        the answer searches the target's name (some 50,000 instructions a target)."""
        if self.falls is None:
            assert self.target is not None
            self.falls = _records_falls(self.target)
        return self.falls

    def smaller(self, e: Entry, kept: bool | None = None, floats: _Floats | None = None) -> None:
        """Keep ``e``, an addition of this target, as the smallest so far (:func:`_too_small`) when it
        is positive and smaller, and ``kept``: not itself found too small (a slip must not lower the
        bar for the next), or kept by a person with ``--force`` (``None``: worked out here).
        ``floats`` settle most figures without a Fraction: rounding keeps order, so a float above
        the smallest's, or at or below 0, is an exact figure that would not replace it."""
        assert self.target is not None
        if floats is not None:
            try:
                quick = floats[e.value, e.unit, self.unit]
            except TypeError:  # a signalling NaN cannot be a key
                quick = None
            if quick is not None and (quick <= 0 or quick > self.smallest_float):
                return
        if kept is None:
            kept = e.forced or _too_small(self.target, e, _value(e, self.target), self.smallest) is None
        value = _value(e, self.target) if kept else None
        if value is not None and value.numerator > 0 and (self.smallest is None or value < self.smallest):
            self.smallest = value
            self.low = _low(self.target, value)
            rounded = _rounded(*value.as_integer_ratio())
            self.smallest_float = math.inf if rounded is None else rounded

    def twin(self, have: dict[tuple[Any, ...], Entry], e: Entry) -> Entry | None:
        """The entry ``e`` repeats (the first kept with its fingerprint), or ``None``; ``e`` is
        kept too, so that a later entry finds it or its twin. ``have`` holds the fingerprints of
        the dates with several entries."""
        assert self.target is not None
        first = self.dated.get(e.date, _NO_ENTRY)
        if first is _NO_ENTRY:
            self.dated[e.date] = e  # alone on its date so far: nothing it can repeat
            return None
        if first is not None:  # the second entry of its date: the first one's fingerprint kept now
            have.setdefault(fingerprint(self.target, first), first)
            self.dated[e.date] = None
            self.several[e.date] = [first]
        self.several[e.date].append(e)
        mark = fingerprint(self.target, e)
        twin = have.get(mark)
        if twin is None:
            have[mark] = e
        return twin


_NO_ENTRY: Any = object()  # _Seen.dated's "no entry on that date yet", which None cannot say


def check_new(plan: Plan, existing: Sequence[Entry], new: Sequence[Entry], *, duplicates: bool = True,
              meaning: bool = True, whole: Callable[[], Sequence[Entry]] | None = None) -> list[Finding]:  # fmt: skip
    """Findings for ``new`` entries about to be appended to a ledger holding ``existing`` (which
    may be only the entries of the new entries' targets; ``whole`` then gives the whole ledger,
    in file order, for the one rule that must tell which entries came in one append: an addition
    given for a withdrawn one, :class:`_Apart`). Each new entry is judged against the
    entries that count and the new ones before it; a correction is not compared with the chain
    it corrects. ``duplicates=False`` (``--allow-duplicates``) and ``meaning=False``
    (``--force``) leave those checks out. Raises nothing."""
    findings: list[Finding] = []
    # Each target found once, not once for each of its entries (an import brings thousands).
    seen = {tid: _Seen(plan.find(tid), meaning) for tid in set(map(_target, new))}
    # The entries by id are read only to follow a correction's chain: most appends correct nothing.
    by_id = {e.id: e for e in existing} if any(map(_corrects, new)) else None
    have: dict[tuple[Any, ...], Entry] = {}
    new_ids: set[str] | None = None  # worked out only when a target has several new entries on one date
    # Superseded figures too: a correction does not make the old figure new again. A figure
    # withdrawn (voided) is no twin: a corrected sheet imported after the void repeats it rightly.
    withdrawn = _withdrawn(existing)
    floats, shares = _Floats(), _Shares(plan)  # each distinct figure and date worked out once
    # Worked out once, and only for an addition to a month when the ledger has withdrawn entries (see _apart).
    apart: _Apart | None = None
    for e in existing:
        if (
            not e.void
            and (of := seen.get(e.target)) is not None
            and of.target is not None
            and (not withdrawn or e.id not in withdrawn)
        ):
            of.twin(have, e)
    for e in effective(existing) if meaning else ():
        if (of := seen.get(e.target)) is None or not of.judged:
            continue
        if of.added is None:
            of.readings.append(e)
        elif e.value is not None and of.target is not None:
            of.added.setdefault(added_period(of.target, e.date), []).append(e)
            of.smaller(e, floats=floats)
    for of in seen.values():
        of.readings.sort(key=_date)  # stable: file order between equal dates; kept so as new ones come in
    # Entries of this append that a later one of it withdraws or corrects (an export imported
    # back carries its history): judged as the ledger judges them, that is not at all, and never
    # the reading another is judged against.
    replaced = {c for c in map(_corrects, new) if c is not None} if by_id is not None else _NO_IDS
    for e in new:
        of = seen[e.target]
        if by_id is not None:
            by_id[e.id] = e
        target = of.target
        if target is None or e.void:
            continue
        skip = _chain(by_id, e.corrects) if by_id is not None and e.corrects else _NO_IDS
        day = e.date
        repeat = False  # a repeat of an addition is a duplicate (--allow-duplicates), not one to its month too
        if day not in of.dated:  # as nearly every row: alone on its date so far, so no twin and no rival
            of.dated[day] = e  # what of.twin would keep of it
        elif (twin := of.twin(have, e)) is not None:
            repeat = twin.id not in skip
            if duplicates and not e.forced and twin.id not in skip:
                message = _duplicate_message(target, e, twin)
                findings.append(Finding(e, target, message, duplicate=True, against=(twin.id,)))
        elif meaning and (on := of.several.get(day)) is not None:
            if new_ids is None:
                new_ids = {n.id for n in new}
            if (rival := _rival(target, on, e, new_ids - replaced if replaced else new_ids)) is not None:
                findings.append(Finding(e, target, rival_message(target, e, rival), against=(rival.id,), rival=True))
        if (
            meaning
            and e.note is not None
            and e.id not in replaced
            and (noted := note_month(plan, target, e)) is not None
        ):
            findings.append(noted)
        if not of.judged or (replaced and e.id in replaced):
            continue  # only the meaning checks of totals and increments look at a target's readings
        if (
            of.added
            and not repeat
            and not e.forced
            and e.value is not None
            and (e.corrects is None or (by_id is not None and _moved(by_id, e, target)))
        ):
            there = of.added.get(added_period(target, day))
            if there and skip:  # a correction moved into the month: its own chain is not another's
                there = [x for x in there if x.id not in skip]
            if there and withdrawn:
                if apart is None:
                    # An append's entries follow its first in the file: told from the whole ledger only.
                    apart = _Apart(plan, whole() if whole is not None else existing, withdrawn)
                there = apart.of(target, e, there)
            if there:
                findings.append(added_to(target, e, there))
        found = len(findings)
        if of.added is not None:  # an increment: its checks read no other reading (see _judge)
            if e.value is not None:
                if not e.forced and not _clear_increment(of, floats, e):
                    _judge(findings, plan, target, None, None, e, _value(e, target), smallest=of.smallest)
                of.smaller(e, len(findings) == found if not e.forced else True, floats)
            continue
        mine = of.readings
        if not e.forced and e.value is not None:  # _judged: judge finds nothing else
            if target.kind is _TOTAL:  # an increment's checks read no other reading (see _judge)
                readings = [r for r in mine if r.id not in skip] if skip else mine
                # A sheet's rows mostly come in date order: the reading before is then the last.
                in_order = not readings or readings[-1].date <= day
                nearest = (readings[-1] if readings else None) if in_order else _nearest(readings, day)
                # A figure before a later reading (a month filled in after the next) is judged
                # exactly: the floats hold it only to the reading before.
                if not in_order or not _clear_total(of, floats, shares, e, nearest):
                    # The month before is read only by the check of a month figure (_month_sum).
                    prior = month_before(readings, day) if e.month_value is not None else None
                    earlier = earlier_than(readings, day) if nearest is not None and nearest.date == day else None
                    later = None if in_order else later_than(readings, day)
                    _judge(findings, plan, target, nearest, prior, e, _value(e, target), earlier, later)
                    # Filled in after the month that follows: that month's figure may no longer add up.
                    broken = next_month_problem(plan, target, readings, e) if later and len(findings) == found else None
                    if broken is not None:
                        findings.append(broken)
                # A correction is not judged against the entry it corrects, but one to 0 is.
                zeroed = (
                    zero_revision(target, by_id.get(e.corrects), e)
                    if by_id is not None and e.corrects is not None and e.value.is_zero() and len(findings) == found
                    else None
                )
                if zeroed is not None:
                    findings.append(zeroed)
            else:  # a rate: against the latest reading of an earlier date, as check does
                readings = [r for r in mine if r.id not in skip] if skip else mine
                earlier = earlier_than(readings, day)
                if not _clear_rate(of, floats, e, earlier):
                    _judge(findings, plan, target, earlier, None, e, _value(e, target))
        if mine and mine[-1].date <= day:
            mine.append(e)  # after the readings of its date, as the insertion below puts it
        else:
            mine.insert(bisect_right(mine, day, key=_date), e)
    return findings


_corrects: Callable[[Entry], str | None] = attrgetter("corrects")
_target: Callable[[Entry], str] = attrgetter("target")


def check_ledger(plan: Plan, entries: Iterable[Entry]) -> list[Finding]:
    """Findings over a whole ledger, for ``tracker check``: every entry that counts judged
    against the readings of its target dated before it (of two current entries of one target
    and date only the later counts, as in ``status``, and is judged), and against the entries before it in
    the file for duplicates; and every total or increment whose latest figure lies on the other
    side of its baseline from its target (a baseline that is last year's figure). Linear in the
    number of entries, apart from sorting each target's entries by date."""
    items = list(entries)
    findings: list[Finding] = []
    have: dict[tuple[Any, ...], Entry] = {}
    counted = effective(items)
    counted_ids = {e.id for e in counted}
    batch_of = _batches(items)
    alone = _alone(items)
    given: dict[tuple[Any, ...], Entry] = {}  # the first current figure of a target, date and milestone in a batch
    # An increment's additions that count, by month, with the append each came in (as check_new
    # finds an addition to a month that an earlier append added to: added_to).
    added: dict[tuple[str, int, int], list[tuple[object, Entry]]] = {}
    withdrawn = _withdrawn(items)  # no twin of a later figure, as in check_new
    by_id: dict[str, Entry] | None = None  # built only for a correction of an addition, or a figure of 0
    replacing = _Apart(plan, items, withdrawn).appends if withdrawn else {}  # appends of withdrawn additions
    for e in items:
        target = plan.find(e.target)
        if e.void or target is None or e.id in withdrawn:
            continue
        key = fingerprint(target, e)
        twin = have.get(key)
        repeated = twin is not None and e.id in counted_ids and not e.forced and e.corrects is None
        if repeated:
            assert twin is not None
            message = _duplicate_message(target, e, twin)
            findings.append(Finding(e, target, message, duplicate=True, against=(twin.id,)))
        if target.kind is _INCREMENT and e.id in counted_ids and e.value is not None:
            append = e.id if e.id in alone else _append_of(batch_of, e)
            month = added.setdefault((e.target, *added_period(target, e.date)), [])
            # An addition given for one its append gave and a void withdrew belongs with that append.
            also = replacing.get(_place(target, e), ()) if replacing else ()
            there = [x for at, x in month if at != append and at not in also]
            if there and e.corrects is not None and by_id is None:
                by_id = {x.id: x for x in items}
            # amend --date into the month (or a quarterly target's quarter)
            moved = e.corrects is None or (by_id is not None and _moved(by_id, e, target))
            if there and not repeated and not e.forced and moved:  # a repeat: said once
                findings.append(added_to(target, e, there))
            month.append((append, e))
        have.setdefault(key, e)
        if twin is None and (batch := batch_of.get(e.id)) is not None and e.id in counted_ids:
            first = given.setdefault((batch, e.target, e.date, e.milestone), e)
            if first is not e and _rival(target, [first, e], e, counted_ids) is not None:
                message = rival_message(target, e, first, (f"entry {first.id}", f"entry {e.id}"), written=True)
                findings.append(Finding(e, target, message, against=(first.id,), rival=True))
    by_target: dict[str, list[Entry]] = {}
    # An addition's smallest before it in the file (what check_new sees of the ledger), by id.
    smallest_before: dict[str, Fraction | None] = {}
    smallest: dict[str, _Seen] = {}
    for e in counted:
        by_target.setdefault(e.target, []).append(e)
        target = plan.find(e.target)
        if target is None:
            continue
        if e.note is not None and (noted := note_month(plan, target, e)):
            findings.append(noted)
        if target.kind is _INCREMENT and e.value is not None:
            of = smallest.get(e.target) or smallest.setdefault(e.target, _Seen(target, True))
            smallest_before[e.id] = of.smallest
            of.smaller(e)
    for target_id, mine in by_target.items():
        target = plan.find(target_id)
        if target is None or target.kind not in _JUDGED_KINDS:
            continue
        mine.sort(key=lambda r: r.date)  # stable: file order between equal dates
        counts = {e.date: e for e in mine}  # of two current entries of one date, the later counts
        latest_of_month = {add_months(e.date, 0): e for e in mine}
        before: Entry | None = None  # the latest reading not itself off scale
        superseded: dict[date, Entry] = {}  # the last reading of each date that a later one replaced
        for e in mine:
            if counts[e.date] is not e:
                superseded[e.date] = e
                continue  # superseded by a later entry of its date, as in status: not judged
            prior = latest_of_month.get(add_months(e.date, -1))
            judged = judge(plan, target, before, prior, e, smallest=smallest_before.get(e.id))
            if not judged and e.value is not None and not e.value:  # a 0: what did it replace?
                if by_id is None:
                    by_id = {x.id: x for x in items}
                replaced = by_id.get(e.corrects) if e.corrects is not None else superseded.get(e.date)
                if (zeroed := zero_revision(target, replaced, e)) is not None:
                    judged = [zeroed]
            findings.extend(judged)
            if not off_scale(plan, target, before, e):
                before = e
        if target.kind is not _RATE and (side := baseline_side(plan, target, mine)) is not None:
            read = mine[-1:] if target.kind is _TOTAL else mine  # what baseline_side adds up
            findings.append(Finding(None, target, side, against=tuple(r.id for r in read)))
    findings.sort(key=lambda f: f.entry.line if f.entry is not None else 0)
    return findings


def _on_the_side(target: Target, readings: Sequence[Entry], base: Fraction, goal: Fraction) -> Entry | None:
    """The latest of a total's ``readings`` at or past its baseline toward its target, or ``None``."""
    from .progress import amount_of

    for r in reversed(readings):
        try:
            exact, _ = amount_of(target, [r])
        except units.UnitError:
            continue
        if (exact - base) / (goal - base) >= 0:
            return r
    return None


def baseline_side(plan: Plan, target: Target, readings: Sequence[Entry]) -> str | None:
    """A baseline on the wrong side: the current figure lies beyond the baseline away from the
    target, so progress reads negative. The usual cause is last year's figure (上年实绩) written
    as ``baseline`` of a 1—N月 running total, which starts from 0 each year."""
    if target.baseline is None or target.target is None or not readings:
        return None
    from .progress import amount_of

    latest = readings[-1]
    counted = [latest] if target.kind is _TOTAL else list(readings)
    try:
        exact, shown = amount_of(target, counted)
    except units.UnitError:
        return None
    base, goal = Fraction(target.baseline), Fraction(target.target)
    progress = (exact - base) / (goal - base)
    if progress >= 0:
        return None
    unit = f" {target.unit}" if target.unit and target.unit != "%" else ""
    if target.kind is _TOTAL and (fine := _on_the_side(target, readings[:-1], base, goal)) is not None:
        # An earlier reading on the target's side: the baseline holds, the latest figure is the odd one.
        return (
            f"the figure {plain(shown)}{unit} as of {latest.date} lies beyond its baseline {plain(target.baseline)}"
            f"{unit} away from the target {plain(target.target)}{unit}, though {_typed(fine)} as of {fine.date} did "
            "not: is it what was added (新增) rather than the stock? if so, tracker void "
            f"{latest.id} --reason 更正 and record the level"
        )
    return (
        f"baseline {plain(target.baseline)}{unit} is on the wrong side: the figure {plain(shown)}{unit} "
        f"(as of {latest.date}) lies beyond it away from the target {plain(target.target)}{unit}, so progress "
        f"reads {trim(rounded(from_fraction(progress * 100), 1))}%. baseline is where progress is measured from "
        "(起点, the stock at the start; leave it out for a 1—N月 running total, which starts from 0); if "
        f"{plain(target.baseline)} is last year's figure (上年实绩), write previous = {plain(target.baseline)} "
        "instead (shown for reference and 同比, never in the arithmetic)"
    )
