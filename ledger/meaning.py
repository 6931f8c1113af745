"""Meaning checks: figures that are probably not what was meant, and figures counted twice.

A unit slip (万 for 亿), a running total fed into a target that adds its entries up, or the same
increment recorded by two colleagues all pass every check of form, and each would be shown with
a calm face as 100×, 10,000× or twice the truth. These functions find them. They are pure —
``(plan, entries already in the ledger, new entries) -> findings`` — so that the same rule runs
before anything is written (``record``, ``amend``, ``import``), under the ledger's lock on what
the file holds at that moment, and over a whole ledger (``tracker check``).

What is judged (README, "Meaning checks"):

- an amount 10 or more times off what the nearest reading of its target implies: a 1—N月
  running total scaled by the months each covers (January's 110 implies 1,320 by December), a
  stock as it is; a first running total against its target, scaled the same
  way (10 times over, or a hundredth under: a slow start is real, a ten-thousandth is a 万/亿
  slip). Rates and ranks are not judged this way (a growth rate may rightly go from 0.3 to 3.1),
  nor are increments against each other (additions are lumpy: a 30 万 m² building after a 0.8 万
  m² one is normal); an increment is held to the whole target instead;
- a 1—N月 running total RATIO times an earlier one whose months between would each have brought
  in RATIO times the pace of the months before (:func:`_pace`: 8000 after July's 730.3), and one
  PAST_TARGET times the whole period's target (:func:`_past_target`);
- a rate RATIO times its last reading and RATE_POINTS further from 0 (:func:`_rate_jump`: 580 %
  after 5.6 %, a percent cell holding 5.8);
- a running total that contradicts its own month figure and the previous month's reading;
- an increment larger than the whole target, or under a 1/SMALL_OF_TARGET of it or a
  1/SMALL_OF_ADDITIONS of the smallest addition before it (:func:`_too_small`);
- a figure whose note names another month than its date (:func:`note_month`: ``1—8月累计`` as of
  September);
- an increment whose note calls it a running total (1—N月累计);
- an increment imported beside the sheet's 1—N月 running total (累计) that its additions through
  that month do not make (:func:`running_totals`);
- the same target, date, milestone and value as an entry already in the ledger (a duplicate);
- over a whole ledger, a baseline on the wrong side: the figure lies beyond the baseline away
  from the target (last year's figure written as ``baseline`` instead of ``previous``).

An entry marked ``forced`` was kept by a person over these checks and is not judged again.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from operator import attrgetter
from typing import Any, NamedTuple

from . import units
from .dates import add_months
from .entries import Entry, effective
from .errors import Problem
from .model import Kind, Plan, Target
from .numbers import from_fraction, plain, rounded, trim
from .schedule import elapsed

# A member read through its enum class (Kind.TOTAL) costs about 0.25 µs in Python 3.11, ten times a
# module name, and these are read for each of an import's thousands of rows: read once here.
_TOTAL, _INCREMENT, _RATE = Kind.TOTAL, Kind.INCREMENT, Kind.RATE


RATIO = 10  # an amount this many times off what the previous reading implies is refused
PAST_TARGET = 5  # a 1—N月 running total this many times the whole period's target is refused
SMALL_OF_TARGET = 10_000  # an addition under this fraction (1/…) of the whole target is refused
SMALL_OF_ADDITIONS = 1_000  # …and one under this fraction of the smallest addition before it
RATE_POINTS = 20  # a rate RATIO times its previous reading and this many points off it is refused


@dataclass(frozen=True, slots=True)
class Finding:
    """One figure that is probably wrong: the ``entry`` (``None`` for a problem of the plan
    found through the ledger), its ``target``, what is wrong with the arithmetic shown
    (``message``), whether it is a ``duplicate`` (kept with ``--allow-duplicates``) or a
    meaning problem (kept with ``--force``), and the ids of the other entries its arithmetic read
    (``against``: the reading before, the twin of a duplicate, the rival figure, the readings a
    baseline was judged by), so that a finding resting on an entry edited by hand can say so;
    ``rival`` marks two different figures given for one target and date in one batch (a sheet's
    two rows), of which only the later would count; ``month_sum`` a running total that is not the
    month before plus the month's own figure given beside it (either may be the wrong one)."""

    entry: Entry | None
    target: Target
    message: str
    duplicate: bool = False
    against: tuple[str, ...] = ()
    rival: bool = False  # another figure for the same target and date in the same batch (against[0])
    month_sum: bool = False  # a running total that is not the month before plus its month figure
    added: bool = False  # an addition to a month holding additions of an earlier append (against: those)
    dated: int = 0  # the month (1–12) the entry's note names, which its date is not in (note_month)

    def for_check(self, ledger: str, plan_path: str, edited: Entry | None = None) -> Problem:
        """The finding as ``tracker check`` reports it: where, what, and the commands that fix it
        (the plan, for a baseline; else the ledger's entry). ``edited`` is the entry that no
        longer matches its digest (:mod:`ledger.chain`), if any: a finding that involves it says
        so instead of sending the user to amend a figure that may be right."""
        suspect = self._suspect(edited)
        if self.entry is None:
            return Problem(
                self.message, file=plan_path, where=f"target {self.target.id!r}", target=self.target.id, fix=suspect
            )
        e = self.entry
        keep = "--allow-duplicates" if self.duplicate else "--force"
        other = self.against[0] if self.against else "…"
        fix = suspect or (
            f"which is it? if the note is right: tracker amend {e.id} --date {e.date.year}-{self.dated:02d} "
            f"--reason …; if the date is right: tracker amend {e.id} --note … --reason …; or keep it: "
            f"tracker amend {e.id} --force --reason …"
            if self.dated
            else f"if it corrects the earlier {'figure' if len(self.against) == 1 else 'figures'}, withdraw "
            f"{'it' if len(self.against) == 1 else 'each'}: {_voids(self.against)}; if both add up (two carriers' "
            f"sheets), keep it: tracker amend {e.id} --force --reason …"
            if self.added
            else f"withdraw the wrong one: tracker void {other} --reason …, or tracker void {e.id} --reason …; or keep "
            f"both: tracker amend {e.id} --force --reason …"
            if self.rival
            else f"withdraw it: tracker void {e.id} --reason 重复录入, or keep it: tracker amend {e.id} {keep} --reason …"
            if self.duplicate
            else f"correct it: tracker amend {e.id} VALUE --month-value MONTH --reason … (either may be the wrong one), "
            f"or keep it: tracker amend {e.id} {keep} --reason …"
            if self.month_sum
            else f"correct it: tracker amend {e.id} VALUE --reason …, or keep it: tracker amend {e.id} {keep} --reason …"
        )
        return Problem(
            self.message, file=ledger, line=e.line or None, where=f"entry {e.id}", target=e.target, entry=e.id, fix=fix
        )

    def _suspect(self, edited: Entry | None) -> str | None:
        """What to do first when this finding involves ``edited``, an entry changed since tracker
        wrote it; ``None`` when it does not."""
        if edited is None:
            return None
        line = f" (line {edited.line})" if edited.line else ""
        if self.entry is not None and self.entry.id == edited.id:
            return (
                f"but entry {edited.id}{line} no longer matches its digest (see above): its figure may have been "
                "changed by hand; compare it with a copy (git diff, a backup) before amending it"
            )
        if edited.id in self.against:
            return (
                f"but this is judged against entry {edited.id}{line}, which no longer matches its digest (see "
                "above) and may have been changed by hand; compare that entry with a copy (git diff, a backup) "
                "before amending anything: this one may be right"
            )
        return None

    def for_command(self, command: str = "record") -> Problem:
        """The finding as ``record`` and ``amend`` (``command``) refuse it, naming the option that keeps it."""
        fix = (
            f"nothing was recorded; which is it? if the note is right, give --date {self.entry.date.year}-"
            f"{self.dated:02d}; if the date is right, correct the note; if both are, keep it with --force"
            if self.dated and self.entry is not None
            else f"nothing was recorded; if it replaces what is there, withdraw that first ({_voids(self.against)}) and "
            f"{command} it again; if both add up, keep it with --force"
            if self.added
            else "nothing was recorded; an addition recorded twice counts twice: only if both really add up, "
            "--allow-duplicates records it anyway"
            if self.duplicate and self.target.kind is _INCREMENT
            else "nothing was recorded; --allow-duplicates records it anyway"
            if self.duplicate
            else "nothing was recorded; if the month's own figure is what is wrong, give it with --month-value; "
            "if both figures are right, keep them with --force"
            if self.month_sum
            else "nothing was recorded; if the figure is right, keep it with --force"
        )
        where = None if self.duplicate else self.target.id  # a duplicate's message names it already
        return Problem(self.message, where=where, target=self.target.id, fix=fix)


# An import judges each figure several times (against the reading before it and the one after,
# for duplicates, against the target), and a sheet repeats the same few figures and dates: each
# exact conversion and share of the period is worked out once. Both are pure, their results immutable.
_exact = lru_cache(maxsize=8192)(units.exact)
_elapsed = lru_cache(maxsize=4096)(elapsed)


def _value(e: Entry, target: Target) -> Fraction | None:
    if e.value is None:
        return None
    try:
        return _exact(e.value, e.unit, target.unit)
    except TypeError:  # a signalling NaN cannot be a key; units.exact refuses it as it always did
        return units.exact(e.value, e.unit, target.unit)
    except units.UnitError:
        return None  # reported by the plan checks (validate), not here


def _amount(value: Fraction, target: Target) -> str:
    """An exact figure for a message: to two places past the target's, trailing zeros dropped."""
    unit = "%" if target.unit == "%" else f" {target.unit}" if target.unit else ""
    if value.denominator == 1:
        return f"{value.numerator}{unit}"
    return f"{trim(rounded(from_fraction(value), 2))}{unit}"


def _typed(e: Entry) -> str:
    assert e.value is not None
    return f"{plain(e.value)} {e.unit}" if e.unit else plain(e.value)


def _months(plan: Plan, day: date) -> Fraction:
    """The share of the period a 1—N月 running total as of ``day`` covers."""
    return _elapsed(plan.start, plan.end, day)


def is_running_total(target: Target) -> bool:
    """Whether a ``total`` target's readings restart from nothing each period (1—N月累计): it has no
    baseline, or 0; a total with a baseline is a stock (存量), read as it stands."""
    return target.kind is _TOTAL and not target.baseline


def _magnitude(plan: Plan, target: Target, before: Entry | None, e: Entry, value: Fraction | None) -> str | None:
    """The 万/亿 slip: ``e`` (``value`` in the target's unit, :func:`_value`) 10 or more times off
    what ``before`` (the nearest reading) implies. Only for a ``total`` (a running total or a
    stock): an increment's additions are lumpy, so one is never judged against another
    (:func:`_too_large` holds it to the whole target)."""
    if target.kind is not _TOTAL:
        return None
    if value is None or value.numerator <= 0:  # a Fraction's sign is its numerator's, compared fast
        return None
    if before is None:
        return _against_target(plan, target, e, value) or _past_target(plan, target, e, value)
    previous = _value(before, target)
    if previous is None or previous.numerator < 0:
        return None  # a loss implies nothing of what follows it
    if not previous:  # a 0 (a blank typed as 0, or nothing yet): judged as a first reading is
        return _against_target(plan, target, e, value) or _past_target(plan, target, e, value)
    scale = _ONE
    if is_running_total(target):
        scaled = _scale(plan.start, plan.end, e.date, before.date)
        if scaled is None:
            return None
        scale = scaled
    if _within_scaled(value, previous, scale):
        # the message below is worked out only for a figure it is about
        if not is_running_total(target):
            return None
        return _pace(plan, before, e, previous, value) or _past_target(plan, target, e, value)
    implied = previous * scale if is_running_total(target) else previous
    ratio = value / implied
    how = f"{_typed(before)} as of {before.date}"
    if scale != 1:
        months = _month_count(plan, e.date), _month_count(plan, before.date)
        how += f", over {months[1]}, scaled to {months[0]}: {_amount(implied, target)}"
    times = (
        f"{trim(rounded(from_fraction(ratio), 1))} times"
        if ratio > 1
        else f"1/{trim(rounded(from_fraction(1 / ratio), 1))} of"
    )
    return (
        f"{_typed(e)} as of {e.date} is {times} what the previous reading implies ({how}); "
        "probably typed in another unit (万 for 亿) or with a slipped decimal point"
    )


_ONE = Fraction(1)


def _pace(plan: Plan, before: Entry, e: Entry, previous: Fraction, value: Fraction) -> str | None:
    """The slip the months' scaling hides: of two 1—N月 running totals, ``e`` (``value``) and
    ``before`` (``previous``, positive), the later RATIO or more times the earlier, and the months
    between them bringing in, a month, RATIO or more times what the months before did on average.
    A slipped decimal point makes a figure 10 times the truth, and the truth is at least the
    earlier total, so the slip is at least RATIO times it; yet a slow month (800 after July's
    730.3) typed 8000 is only 9.6 times what July implies for August. A real total seldom grows so:
    1—8月 ten times 1—7月 means August alone brought in 63 times July's average month. Early in
    the year the bar is higher (1—2月 must be 11 times 1—1月: February ten times January), and
    over many months higher still (1—12月 must be 111 times 1—1月). ``None`` when not so."""
    (early, low), (late, high) = sorted(((before, previous), (e, value)), key=lambda x: x[0].date)
    if low.numerator <= 0 or high < low * RATIO:
        return None
    covered_low, covered_high = _months(plan, early.date), _months(plan, late.date)
    if covered_low <= 0 or covered_high <= covered_low:
        return None
    pace = (high - low) * covered_low / (low * (covered_high - covered_low))
    if pace < RATIO:
        return None
    ratio = value / previous
    times = f"{_times(ratio)} times" if ratio > 1 else f"1/{_times(1 / ratio)} of"
    return (
        f"{_typed(e)} as of {e.date} is {times} {_typed(before)} as of {before.date}: the months from "
        f"{early.date} to {late.date} would have brought in {_times(pace)} times as much a month as the "
        f"{_month_count(plan, early.date)} before them; a 1—N月 running total grows only by its months' own figures, "
        "so one of the two is probably typed in another unit (万 for 亿) or with a slipped decimal point"
    )


def _times(ratio: Fraction) -> str:
    return trim(rounded(from_fraction(ratio), 2 if ratio < 100 else 0))


def _past_target(plan: Plan, target: Target, e: Entry, value: Fraction) -> str | None:
    """A 1—N月 running total ``e`` (``value`` in the target's unit) PAST_TARGET or more times its
    target for the whole period: 8000 亿元 in August against 1360 for the year (5.9 times) is a
    slipped decimal point, whatever the months' scaling makes of it (12,000 by December, 8.8
    times, under the first reading's RATIO). ``None`` when not so, or for a target with no
    positive figure."""
    if not is_running_total(target) or target.target is None or target.target <= 0:
        return None
    goal = Fraction(target.target)
    if value < goal * PAST_TARGET:
        return None
    return (
        f"{_typed(e)} as of {e.date} ({_month_count(plan, e.date)}) is {_times(value / goal)} times the target "
        f"for the whole period, {_amount(goal, target)}; probably typed in another unit (万 for 亿) or with a "
        "slipped decimal point"
    )


def _fall(plan: Plan, target: Target, others: tuple[Entry | None, Entry | None], e: Entry,
          value: Fraction | None) -> tuple[str, Entry] | None:  # fmt: skip
    """:func:`_falling` of ``e`` against each of ``others`` in turn (the reading before, the
    reading after): the first message, with the reading it names."""
    for other in others:
        if other is not None and other is not e and (message := _falling(plan, target, other, e, value)):
            return message, other
    return None


def _falling(plan: Plan, target: Target, before: Entry, e: Entry, value: Fraction | None) -> str | None:
    """A 1—N月 running total that falls between ``before`` (its nearest reading) and ``e``
    (``value`` in the target's unit): a running total only adds months, so the later figure is
    probably one month's own (8月 112.4 after 1—7月 730.3: a fall of 7 times, which the 10-times
    check lets pass) or a slip. Not judged: a stock (it may fall), the same date (a revision)
    but for a revision to 0, a figure below 0 (a running loss may deepen), a date outside the
    plan's period, a fall from a reading at or below 0. A 0 after a positive reading is judged,
    on its own date too: it is far more often a blank cell or a missing figure typed as 0 than
    months that cancel out to the yuan."""
    if not is_running_total(target) or value is None or value.numerator < 0:
        return None
    if before.date == e.date:
        return _zeroed(target, before, e, value)
    previous = _value(before, target)
    if previous is None or previous.numerator <= 0 or _scale(plan.start, plan.end, e.date, before.date) is None:
        return None
    later_first = e.date > before.date
    if (value >= previous) if later_first else (value <= previous):
        return None
    said = "less than" if later_first else "more than the later"
    return (
        f"{_typed(e)} as of {e.date} is {said} {_typed(before)} as of {before.date}, but a 1—N月 running total "
        "never falls: if one is a single month's own figure (本月, 8月), give it as the month figure beside the "
        "running total (--month-value, or the sheet's 本月 column)"
    )


def _zeroed(target: Target, before: Entry, e: Entry, value: Fraction | None) -> str | None:
    """A 1—N月 running total revised to 0: ``e`` replaces ``before``, a positive reading (of the
    same date, or the entry ``e`` corrects): a re-sent sheet with a blank cell typed as 0, or a
    figure meant to be withdrawn. A figure that should not be there at all is withdrawn (void),
    not set to 0."""
    if value is None or value or not is_running_total(target):
        return None
    previous = _value(before, target)
    if previous is None or previous.numerator <= 0:
        return None
    return (
        f"{_typed(e)} as of {e.date} replaces {_typed(before)} as of {before.date}, but a 1—N月 running total "
        f"revised to 0 is nearly always a blank typed as 0; to withdraw the figure instead: tracker void {before.id} "
        "--reason …"
    )


def zero_revision(target: Target, replaced: Entry | None, e: Entry) -> Finding | None:
    """The finding on ``e``, a figure judged at all (:func:`_judged`), that revises ``replaced``
    (the entry it corrects, or the reading of its date it comes after) to 0 (:func:`_zeroed`);
    ``None`` when it does not. For the checks that do not see ``replaced`` as the reading before:
    a correction is never judged against the chain it corrects, and ``check`` judges only the
    reading of a date that counts."""
    if replaced is None or e.value is None or e.value or not _judged(target, e) or replaced.target != e.target:
        return None
    message = _zeroed(target, replaced, e, _value(e, target))
    return None if message is None else Finding(e, target, message, against=(replaced.id,))


@lru_cache(maxsize=4096)
def _scale(start: date, end: date, day: date, before: date) -> Fraction | None:
    """How many times the share of the period ``start``–``end`` covered by ``day`` is that covered
    by ``before`` (``None`` when either covers none): a sheet's rows repeat a few date pairs."""
    covered_new, covered_old = _elapsed(start, end, day), _elapsed(start, end, before)
    if covered_old.numerator <= 0 or covered_new.numerator <= 0:
        return None
    return covered_new / covered_old


def within(value: Fraction, implied: Fraction) -> bool:
    """Whether ``1/RATIO < value / implied < RATIO`` for positive ``value`` and ``implied``, worked
    out in whole numbers: no Fraction division (and its gcd) for each of the thousands of
    figures of an import that are fine."""
    cross, other = value.numerator * implied.denominator, implied.numerator * value.denominator
    return other < cross * RATIO and cross < other * RATIO


def _within_scaled(value: Fraction, previous: Fraction, scale: Fraction) -> bool:
    """``within(value, previous * scale)`` for positive Fractions, in whole numbers: the product
    (a Fraction multiplication, with its gcds, in Python) is built only for a figure found off;
    an import judges thousands that are fine. An unreduced product compares as the reduced one."""
    vn, vd = value.as_integer_ratio()
    pn, pd = previous.as_integer_ratio()
    sn, sd = scale.as_integer_ratio()
    cross, other = vn * pd * sd, pn * sn * vd
    return other < cross * RATIO and cross < other * RATIO


def _month_count(plan: Plan, day: date) -> str:
    share = _months(plan, day) * 12
    return f"{trim(rounded(from_fraction(share), 1))} months" if plan.start.day == 1 else f"{day}"


def _against_target(plan: Plan, target: Target, e: Entry, value: Fraction) -> str | None:
    """A first reading of a total against the target: a running total scaled to the full period.
    Too large by 10 times, or too small by 100: a slow start is real often enough, a pace of a
    hundredth of the target is a unit slip (320.1 万元 meant as 亿元 is a ten-thousandth)."""
    if target.kind is not _TOTAL or target.target is None or target.target <= 0:
        return None
    goal = Fraction(target.target)
    if is_running_total(target):
        covered = _months(plan, e.date)
        if covered <= 0:
            return None
        implied = value / covered
        how = f"about {_amount(implied, target)} by the end of the period"
    else:
        implied, how = value, "a stock"
    ratio = implied / goal
    if 1 / Fraction(RATIO * RATIO) < ratio < RATIO:
        return None
    times = (
        f"{trim(rounded(from_fraction(ratio), 1))} times"
        if ratio > 1
        else f"1/{trim(rounded(from_fraction(1 / ratio), 0))} of"
    )
    return (
        f"{_typed(e)} as of {e.date} implies {how}, {times} the target {_amount(goal, target)}; "
        "probably typed in another unit (万 for 亿) or with a slipped decimal point"
    )


def _too_large(target: Target, e: Entry, value: Fraction | None) -> str | None:
    """An increment ``e`` (``value`` in the target's unit) larger than the whole target."""
    if target.kind is not _INCREMENT or value is None or target.target is None:
        return None
    whole = _whole(target.target, target.baseline or 0)
    # whole == 0 or abs(value) <= whole, in whole numbers (denominators are positive): Fraction's
    # abs and comparisons run in Python, for each increment of an import.
    wn, wd = whole.as_integer_ratio()
    vn, vd = value.as_integer_ratio()
    if wn == 0 or abs(vn) * wd <= wn * vd:
        return None
    return (
        f"{_typed(e)} as of {e.date} is more than the whole target of {_amount(whole, target)}; "
        "probably typed in another unit or with a slipped decimal point"
    )


@lru_cache(maxsize=1024)
def _whole(goal: Decimal, baseline: Decimal | int) -> Fraction:
    return abs(Fraction(goal) - Fraction(baseline))


def _running_note(target: Target, e: Entry) -> str | None:
    if target.kind is not _INCREMENT or e.note is None:
        return None
    from .column_kinds import is_year_so_far_note  # the sheet's reading of a header: one "year so far"

    if not is_year_so_far_note(e.note):
        return None
    return (
        f"{_typed(e)} as of {e.date} is noted as {e.note!r}, a running total, but {target.id!r} adds up its "
        "entries (kind increment), so it would be counted again with every month's; record the month's own "
        "figure (the months before brought in by one entry are noted with 补记, e.g. '1—7月新增（补记）'), or "
        'make the target kind = "total" if it is published as a running total and holds no additions yet'
    )


@lru_cache(maxsize=1024)  # an import's --note, or its 备注 column, repeats a few texts
def _note_months(note: str) -> int | None:
    """The month (1–12) a note names its figure's period by, read as a sheet's header is (the
    words before a bracket: ``1—8月累计``, ``8月新增``, ``一至三月累计``, ``上半年新增``, ``1-8月同比增长``,
    ``8月新增（1-8月累计19.5）``, ``1—7月新增（补记）``); ``None`` when it names none, or names a
    month in passing rather than the figure's period (``8月15日报送``, ``3月份数据更正``)."""
    from .column_kinds import describe, note_head
    from .header_words import is_part_of_year

    column = describe(note_head(note))
    # A figure's own period, or part of the year (7-9月: the quarter's own); not 上年1-8月, last year's.
    if column.months is None or not (column.field in ("value", "month_value", "growth") or is_part_of_year(column.why)):
        return None
    return column.months


def note_month(target: Target, e: Entry) -> Finding | None:
    """The finding on ``e``, a figure of a total, an addition or a rate, whose note names another
    month than its date is in: ``842.7`` as of 2025-09-30 noted ``1—8月累计`` is August's running
    total filed as September's (judged against September's 序时进度), and an addition noted ``8月新增``
    dated September counts as September's. A sheet whose 1—8月累计 column is dated September is
    refused the same way (``which is it?``). ``None`` when the note names no month, or its date's."""
    if e.note is None or e.forced or e.void or e.value is None or target.kind not in _NOTED_KINDS:
        return None
    month = _note_months(e.note)
    if month is None or month == e.date.month or _running_note(target, e) is not None:
        return None  # an addition noted as the year so far is refused as that, which it is first
    message = (
        f"{_typed(e)} as of {e.date} is noted {e.note!r}, which names month {month}, but its date is in month "
        f"{e.date.month}: it would be counted and judged as {e.date:%Y-%m}'s"
    )
    return Finding(e, target, message, dated=month)


_NOTED_KINDS = (_TOTAL, _INCREMENT, _RATE)


def _month_sum(plan: Plan, target: Target, before: Entry | None, e: Entry) -> str | None:
    if target.kind is not _TOTAL or e.month_value is None or e.value is None:
        return None
    from .consistency import month_problem

    return month_problem(plan, target, before, e)


def judge(plan: Plan, target: Target, before: Entry | None, prior: Entry | None, e: Entry,
          earlier: Entry | None = None, later: Entry | None = None,
          smallest: Fraction | None = None) -> list[Finding]:  # fmt: skip
    """What is probably wrong with entry ``e`` of ``target``, given ``before``, the nearest
    reading of the target (the latest dated on or before ``e``, else the earliest after), and
    ``prior``, the latest of the month before ``e``'s (what its month figure adds to, see
    :func:`month_before`); ``earlier``, when ``before`` shares ``e``'s date, is the latest
    reading dated before it (:func:`earlier_than`), which a running total may not fall below;
    ``later``, the earliest reading dated after ``e``, which it may not rise above; ``smallest``,
    for an addition, the smallest addition of the target before it (:func:`_too_small`); each
    finding names the reading it was judged against."""
    found: list[Finding] = []
    if _judged(target, e):
        _judge(found, plan, target, before, prior, e, _value(e, target), earlier, later, smallest)
    return found


def later_than(readings: Sequence[Entry], day: date) -> Entry | None:
    """The earliest of ``readings`` (in date order) dated after ``day``, or ``None``."""
    at = bisect_right(readings, day, key=_date)
    return readings[at] if at < len(readings) else None


def earlier_than(readings: Sequence[Entry], day: date) -> Entry | None:
    """The latest of ``readings`` (in date order) dated before ``day``, or ``None``."""
    at = bisect_left(readings, day, key=_date)
    return readings[at - 1] if at else None


def _judge(
    found: list[Finding],
    plan: Plan,
    target: Target,
    before: Entry | None,
    prior: Entry | None,
    e: Entry,
    value: Fraction | None,
    earlier: Entry | None = None,
    later: Entry | None = None,
    smallest: Fraction | None = None,
) -> None:
    """:func:`judge` of an entry judged at all, its findings added to ``found``; ``value`` is its
    figure in the target's unit (:func:`_value`, worked out once for the duplicate check and
    every check here). Most figures are fine: nothing is built for a check that finds nothing.
    A total is judged by the checks of a total (its month figure, its scale against ``before``),
    an increment by those of an increment (against the whole target, its note), and only those:
    each check finds nothing in the other kind, so an increment needs no ``before`` or ``prior``."""
    kind = target.kind
    if kind is _TOTAL:
        month = _month_sum(plan, target, prior, e)
        if month is not None:
            found.append(Finding(e, target, month, against=() if prior is None else (prior.id,), month_sum=True))
        if (message := _magnitude(plan, target, before, e, value)) is not None:
            found.append(Finding(e, target, message, against=() if before is None else (before.id,)))
        # A figure again for the same date is a revision, yet it may not fall below the month
        # before it, nor rise above the month after.
        elif month is None and (fell := _fall(plan, target, (earlier or before, later), e, value)) is not None:
            found.append(Finding(e, target, fell[0], against=(fell[1].id,)))
    elif kind is _INCREMENT:
        if (message := _too_large(target, e, value) or _too_small(target, e, value, smallest)) is not None:
            found.append(Finding(e, target, message))
        if (message := _running_note(target, e)) is not None:
            found.append(Finding(e, target, message))
    elif kind is _RATE and before is not None and (message := _rate_jump(target, before, e, value)) is not None:
        found.append(Finding(e, target, message, against=(before.id,)))


def _rate_jump(target: Target, before: Entry, e: Entry, value: Fraction | None) -> str | None:
    """A rate ``e`` (``value``) RATIO or more times its nearest reading ``before`` in magnitude
    and RATE_POINTS or more points further from 0: 580 % after 5.6 % is 5.8 typed into a cell
    formatted as a percentage (Excel shows 580.0 %), 56 after 5.6 a lost decimal point. Growth
    may rightly go from 0.3 to 3.1 (ten times, 2.8 points): a jump of few points is let pass. The
    refusal offers the reading a tenth or a hundredth gives, whichever is nearer the one before."""
    previous = _value(before, target)
    if value is None or previous is None or not previous or before.date == e.date:
        return None
    high, low = abs(value), abs(previous)
    if high < low * RATIO or high - low < RATE_POINTS:
        return None
    tenth, hundredth = value / 10, value / 100
    other = hundredth if abs(math.log(abs(hundredth) / low)) < abs(math.log(abs(tenth) / low)) else tenth
    return (
        f"{_typed(e)} as of {e.date} is {_times(high / low)} times {_typed(before)} as of {before.date}; is it "
        f"{_amount(other, target)}? a percentage typed into a cell formatted as one (5.8 shows as 580%), or a "
        "slipped decimal point"
    )


_JUDGED_KINDS = (_TOTAL, _INCREMENT, _RATE)


def _judged(target: Target, e: Entry) -> bool:
    """Whether :func:`judge` looks at ``e`` at all: a figure of a total or an increment, not
    kept over the checks already; rates and ranks move freely, milestones carry no figure."""
    return not (e.forced or e.void or e.value is None) and target.kind in _JUDGED_KINDS


def off_scale(plan: Plan, target: Target, before: Entry | None, e: Entry) -> bool:
    """Whether ``e`` is itself a slip of scale, so that it must not be the reading the next one is
    judged against (one wrong figure would otherwise make the right one after it look wrong)."""
    if e.forced or e.void or e.value is None or target.kind not in _JUDGED_KINDS:
        return False
    value = _value(e, target)
    if target.kind is _RATE:
        return before is not None and _rate_jump(target, before, e, value) is not None
    return _magnitude(plan, target, before, e, value) is not None or _too_large(target, e, value) is not None


def fingerprint(target: Target | None, e: Entry) -> tuple[Any, ...]:
    """What makes two entries report the same thing: target, date, the figure in the target's
    unit exactly (35000 平方米 is 3.5 万平方米), status and milestone; for an addition (kind
    increment) its note too, since two carriers may add the same area in one month (3000 平方米
    noted 东湖孵化园, 3000 noted 临平科创中心): those are two additions, not one given twice."""
    value: Any = None
    if e.value is not None:
        try:
            value = _figure_key(e.value, e.unit, target.unit if target is not None else None)
        except TypeError:  # a signalling NaN cannot be a key: worked out as it always was
            exact = _value(e, target) if target is not None else None
            if not exact:
                exact = Fraction(e.value)
            value = (exact.numerator, exact.denominator)
    if target is not None and target.kind is _INCREMENT:
        return (e.target, e.date, value, e.status, e.milestone, e.note)
    return (e.target, e.date, value, e.status, e.milestone)


@lru_cache(maxsize=8192)  # for each entry of an import, and of the ledger it is checked against
def _figure_key(value: Decimal, unit: str | None, target_unit: str | None) -> tuple[int, int]:
    """A figure as :func:`fingerprint` compares it: ``value`` in ``unit`` exactly in
    ``target_unit`` (``None``: as typed), as typed when the unit does not convert or it is 0.
    In lowest terms, as a Fraction always is: equal exactly when the Fractions are, and hashed in
    C (a Fraction hashes in Python, twice for each entry of an import)."""
    try:
        exact: Fraction | None = units.exact(value, unit, target_unit)
    except units.UnitError:
        exact = None
    if not exact:  # no target, a unit that does not convert, or 0: the figure as typed
        exact = Fraction(value)
    return exact.numerator, exact.denominator


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


class _Seen:
    """What :func:`check_new` keeps of one target of the new entries: the ``target`` (``None`` when
    the plan has none of that id), whether its figures are ``judged`` (a total's or an
    increment's, when the meaning checks are made), its ``readings`` that count, in date order
    (file order between equal dates), and ``dated``: for each date, the one entry of the target
    on it so far, or ``None`` once there are several, whose fingerprints are then in the
    check's ``have``.

    The date comes first because a fingerprint (:func:`fingerprint`: target, date, exact figure,
    status, milestone) is the costly part of the duplicate check, and an entry alone on its date
    can be the duplicate of nothing: an import's rows are nearly all alone on theirs, so their
    fingerprints are never worked out."""

    __slots__ = ("added", "ceiling", "dated", "goal", "judged", "limit", "low", "readings", "running", "several",
                 "smallest", "smallest_float", "target", "unit")  # fmt: skip

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
        self.low = _low(target, None) if self.judged and target is not None else -math.inf

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
        if (of := seen.get(e.target)) is not None and of.judged:
            of.readings.append(e)
            if of.added is not None and e.value is not None:
                of.added.setdefault((e.date.year, e.date.month), []).append(e)
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
        if meaning and e.note is not None and e.id not in replaced and (noted := note_month(target, e)) is not None:
            findings.append(noted)
        if not of.judged or e.id in replaced:
            continue  # only the meaning checks of totals and increments look at a target's readings
        if (
            of.added
            and not repeat
            and not e.forced
            and e.value is not None
            and (e.corrects is None or (by_id is not None and _moved(by_id, e)))
        ):
            there = of.added.get((day.year, day.month))
            if there and skip:  # a correction moved into the month: its own chain is not another's
                there = [x for x in there if x.id not in skip]
            if there and withdrawn:
                if apart is None:
                    # An append's entries follow its first in the file: told from the whole ledger only.
                    apart = _Apart(plan, whole() if whole is not None else existing, withdrawn)
                there = apart.of(target, e, there)
            if there:
                findings.append(added_to(target, e, there))
        mine = of.readings
        found = len(findings)
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
                    if e.corrects is not None and by_id is not None and e.value.is_zero() and len(findings) == found
                    else None
                )
                if zeroed is not None:
                    findings.append(zeroed)
            elif target.kind is _RATE:  # against the latest reading of an earlier date, as check does
                readings = [r for r in mine if r.id not in skip] if skip else mine
                earlier = earlier_than(readings, day)
                if earlier is not None and not _clear_rate(of, floats, e, earlier):
                    _judge(findings, plan, target, earlier, None, e, _value(e, target))
            elif not _clear_increment(of, floats, e):
                _judge(findings, plan, target, None, None, e, _value(e, target), smallest=of.smallest)
        if of.added is not None and e.value is not None:
            of.smaller(e, len(findings) == found if not e.forced else True, floats)
        if mine and mine[-1].date <= day:
            mine.append(e)  # after the readings of its date, as the insertion below puts it
        else:
            mine.insert(bisect_right(mine, day, key=_date), e)
    return findings


_corrects: Callable[[Entry], str | None] = attrgetter("corrects")
_target: Callable[[Entry], str] = attrgetter("target")


# The quick verdicts. Nearly every figure of an import is far from every threshold the meaning
# checks draw (10 times what the reading before implies, a tenth of it, 10 times or a hundredth
# of the target, the whole target of an increment), yet the exact checks work each out in
# Fractions, a gcd for each product. A figure is first compared in floats with a margin that
# rounding cannot cross; only a figure the floats cannot clear (near or past a threshold, out of
# their range, or anything unusual) goes to _judge, which judges it exactly and words the finding.
# Why the margin holds:
#
# - every float here (a figure, a target, a share of the period) is an exact number correctly
#   rounded (int / int, which CPython rounds correctly): the exact number times 1 + d, |d| <= u =
#   2**-53, as long as it is normal. _rounded gives a float only for 0 or a magnitude within
#   2**-300 to 2**300 (a share of the period is at most 1), so every product of two here lies
#   within 2**±600 and every quotient within 2**±900: normal too, each rounded once more;
# - a ratio judged is made of at most seven such roundings (value × share then / (previous ×
#   share now): four numbers, two products, one quotient), so it is the exact ratio times seven
#   factors 1 + d or 1 / (1 + d): within 1 ± 8u of it (about 1 ± 9e-16);
# - a float ratio inside the thresholds narrowed by _MARGIN (1e-9, a million times 8u; the
#   narrowed bounds are themselves rounded, by far less) puts the exact ratio strictly inside
#   them: nothing to find. An increment's bound is the same argument with three roundings (its
#   figure, the whole, the whole narrowed). Anything else is judged exactly.
#
# tests/test_meaning_fast.py holds the quick verdicts to the exact ones, at the thresholds, a
# rounding step either side of them, and at magnitudes beyond the floats' range.
_MARGIN = 1e-9
_LOW, _HIGH = (1 + _MARGIN) / RATIO, (1 - _MARGIN) * RATIO  # a ratio to the reading before
_LOW_FIRST = (1 + _MARGIN) / (RATIO * RATIO)  # a first reading's to the target (_against_target)
_FLOAT_BITS = 300  # a ratio of whole numbers whose bit lengths differ by less lies within 2**-300 to 2**300


def _rounded(numerator: int, denominator: int) -> float | None:
    """The float ``numerator / denominator`` (``denominator`` positive; the two need not be in
    lowest terms) rounds to, when it is 0 or its magnitude lies within 2**-300 to 2**300 (see
    above); else ``None``, which leaves a verdict to the exact checks. The bit lengths bound it
    without a Fraction: a ratio whose numerator has b more bits than its denominator lies
    between 2**(b-1) and 2**(b+1)."""
    if not numerator:
        return 0.0
    if -_FLOAT_BITS < abs(numerator).bit_length() - denominator.bit_length() < _FLOAT_BITS:
        return numerator / denominator  # int / int: correctly rounded
    return None


class _Floats(dict[tuple[Decimal | None, str | None, str | None], float | None]):
    """Each distinct figure's exact value (:func:`_value`: ``value`` in ``unit`` expressed in the
    target's unit, as :func:`units.exact` works it out) as a float (:func:`_rounded`), worked out
    once per check: a sheet repeats its figures and units. ``None`` for a figure the floats do
    not judge: out of their range, in a unit that does not convert, not a number (a NaN, an
    infinity, or no figure at all): the exact checks say what it is."""

    def __missing__(self, key: tuple[Decimal | None, str | None, str | None]) -> float | None:
        value, unit, target_unit = key
        found: float | None = None
        if value is None:
            return None
        try:
            numerator, denominator = value.as_integer_ratio()  # exactly, as Fraction(value) reads it
            if unit is not None and target_unit is not None and unit != target_unit:
                times, over = units.factor(unit, target_unit).as_integer_ratio()
                numerator, denominator = numerator * times, denominator * over
            found = _rounded(numerator, denominator)
        except (ArithmeticError, ValueError, TypeError, units.UnitError):
            pass  # not a number, or a unit that does not convert: reported or raised by the exact checks
        self[key] = found
        return found


class _Shares(dict[date, float | None]):
    """The share of ``plan``'s period a 1—N月 running total as of each date covers
    (:func:`_months`) as a float (:func:`_rounded`), worked out once per date in a check: a
    sheet's rows share a few dates. ``None`` for a date that covers none of the period, which
    the exact checks judge."""

    def __init__(self, plan: Plan) -> None:
        super().__init__()
        self.plan = plan

    def __missing__(self, day: date) -> float | None:
        share = _months(self.plan, day)
        found = _rounded(*share.as_integer_ratio()) if share > 0 else None
        self[day] = found
        return found


def _clear_total(of: _Seen, floats: _Floats, shares: _Shares, e: Entry, before: Entry | None) -> bool:
    """Whether the floats show that :func:`_judge` finds nothing in ``e``, a figure of ``of``'s
    total, ``before`` its nearest reading (:func:`_magnitude`): no month figure to check against
    the month before; and a figure below 0 (never judged for scale, nor for falling), or one within the
    ratio of what ``before`` implies, or of the target for a first reading, by a margin rounding
    cannot cross (see above). ``False`` sends ``e`` to the exact checks."""
    if e.month_value is not None:
        return False
    try:
        value = floats[e.value, e.unit, of.unit]
        previous = None if before is None else floats[before.value, before.unit, of.unit]
    except TypeError:  # a signalling NaN cannot be a key: judged exactly, as it always was
        return False
    if value is None:
        return False
    if value < 0:  # a float has its exact number's sign; an exact 0 may be a fall (_falling)
        return True
    if value >= of.ceiling:  # near or past PAST_TARGET times the target (_past_target)
        return False
    if before is None:  # the first reading, against the target (_against_target)
        if of.goal is None:
            return False
        share = shares[e.date] if of.running else 1.0
        return share is not None and _LOW_FIRST < value / (share * of.goal) < _HIGH
    if previous is None:
        return False
    # A figure for the nearest reading's own date is a revision, held to the reading before that
    # (the month before may not be fallen below): judged exactly, whatever its own date holds.
    if of.running and e.date == before.date:
        return False
    if previous < 0:
        return True  # a loss implies nothing of what follows it
    if previous == 0:  # 0.0 only for an exact 0: judged as a first reading is (_magnitude)
        if of.goal is None:
            return False
        share = shares[e.date] if of.running else 1.0
        return share is not None and _LOW_FIRST < value / (share * of.goal) < _HIGH
    if not of.running:  # a stock, read as it stands
        return _LOW < value / previous < _HIGH
    # A running total never falls (_falling): rounding keeps order, so a float strictly above the
    # earlier reading's (below the later's) is an exact figure at or above it (at or below).
    if (value <= previous) if e.date > before.date else (value >= previous):
        return False
    # The later RATIO times the earlier: the months' pace is judged exactly (_pace).
    if (value >= previous * _HIGH) if e.date > before.date else (previous >= value * _HIGH):
        return False
    now, then = shares[e.date], shares[before.date]
    return now is not None and then is not None and _LOW < value * then / (previous * now) < _HIGH


def _clear_increment(of: _Seen, floats: _Floats, e: Entry) -> bool:
    """Whether the floats show that :func:`_judge` finds nothing in ``e``, a figure of ``of``'s
    increment: no note (which might call it a running total), and a figure whose magnitude is
    within ``of.limit`` (:func:`_increment_limit`), clear of the whole target, and either not
    positive or above ``of.low`` (:func:`_low`), clear of the smallest an addition may be."""
    if e.note is not None:
        return False
    try:
        value = floats[e.value, e.unit, of.unit]
    except TypeError:  # a signalling NaN cannot be a key: judged exactly, as it always was
        return False
    return value is not None and abs(value) <= of.limit and (value <= 0 or value > of.low)


def _clear_rate(of: _Seen, floats: _Floats, e: Entry, before: Entry) -> bool:
    """Whether the floats show that :func:`_rate_jump` finds nothing in ``e`` against ``before``:
    a figure under RATIO times the one before in size, or under RATE_POINTS more, by a margin
    rounding cannot cross (see above); or a reading before of 0, which implies nothing."""
    try:
        value, previous = floats[e.value, e.unit, of.unit], floats[before.value, before.unit, of.unit]
    except TypeError:  # a signalling NaN cannot be a key: judged exactly
        return False
    if value is None or previous is None:
        return False
    high, low = abs(value), abs(previous)
    return low == 0.0 or high < low * _HIGH or high < (low + RATE_POINTS) * (1 - _MARGIN)


def _goal(target: Target) -> float | None:
    """A total's target as a float (:func:`_rounded`), for :func:`_clear_total`'s first reading;
    ``None`` (judged exactly) for a target without a positive figure in the floats' range."""
    if target.kind is not _TOTAL or target.target is None or not target.target.is_finite() or target.target <= 0:
        return None
    return _rounded(*target.target.as_integer_ratio())


def _ceiling(target: Target) -> float:
    """The float a running total's figure (:class:`_Floats`) must stay under to be clear, by
    :func:`_past_target`, of PAST_TARGET times ``target``'s figure: any figure for a target with
    no positive figure; -1 (every figure judged exactly) for one beyond the floats' range."""
    if target.target is None or (target.target.is_finite() and target.target <= 0):
        return math.inf
    goal = _goal(target)
    return -1.0 if goal is None else goal * PAST_TARGET * (1 - _MARGIN)


def _low(target: Target, smallest: Fraction | None) -> float:
    """The float an addition's figure (:class:`_Floats`) must lie above to be clear, by
    :func:`_too_small`, of a 1/SMALL_OF_TARGET of the whole target and a 1/SMALL_OF_ADDITIONS of
    ``smallest``, the smallest addition before it; ``math.inf`` (judged exactly) beyond the floats' range."""
    bound = _floor(target, smallest)
    if bound is None:
        return -math.inf
    rounded = _rounded(*bound.as_integer_ratio())
    return math.inf if rounded is None else rounded * (1 + _MARGIN)


def _floor(target: Target, smallest: Fraction | None) -> Fraction | None:
    """The figure a positive addition must reach (:func:`_too_small`), or ``None`` for none."""
    bounds = []
    if (
        target.target is not None
        and target.target.is_finite()
        and (target.baseline is None or target.baseline.is_finite())
    ):
        whole = _whole(target.target, target.baseline or 0)
        if whole:
            bounds.append(whole / SMALL_OF_TARGET)
    if smallest is not None:
        bounds.append(smallest / SMALL_OF_ADDITIONS)
    return max(bounds) if bounds else None


def _too_small(target: Target, e: Entry, value: Fraction | None, smallest: Fraction | None) -> str | None:
    """An addition ``e`` (``value`` in the target's unit, positive) under a 1/SMALL_OF_TARGET of
    the whole target, or under a 1/SMALL_OF_ADDITIONS of ``smallest``, the smallest addition of
    the target recorded before it: 0.8 平方米 for 0.8 万平方米 (a 万 slip is a 10,000th). Real
    additions are lumpy upwards (a building), but a carrier's smallest is seldom a thousandth
    of the smallest before it, nor 50 平方米 of a 50 万平方米 goal. ``None`` when not so."""
    if target.kind is not _INCREMENT or value is None or value.numerator <= 0:
        return None
    floor = _floor(target, smallest)
    if floor is None or value >= floor:
        return None
    whole = _whole(target.target, target.baseline or 0) if target.target is not None else None
    if whole and value * SMALL_OF_TARGET < whole:
        said = f"1/{_times(whole / value)} of the whole target of {_amount(whole, target)}"
    else:
        assert smallest is not None
        said = f"1/{_times(smallest / value)} of {_amount(smallest, target)}, the smallest addition before it"
    return (
        f"{_typed(e)} as of {e.date} is {said}; probably typed in another unit (平方米 for 万平方米, 元 for 万元) "
        "or with a slipped decimal point"
    )


def _increment_limit(target: Target) -> float:
    """The largest float magnitude an increment's figure (:class:`_Floats`) may have and be clear,
    by :func:`_too_large`, of ``target``'s whole (target less baseline): any figure when the
    target has no figure or its whole is 0; else the whole narrowed by the margin (the figure's
    float and the whole's are each within 1 ± u of the exact ones); -1 (every figure judged
    exactly) for a whole beyond the floats' range."""
    if target.kind is not _INCREMENT or target.target is None:
        return math.inf
    if not target.target.is_finite() or (target.baseline is not None and not target.baseline.is_finite()):
        return -1.0  # refused by the plan's checks; whatever the exact checks make of it, they make it
    whole = _whole(target.target, target.baseline or 0)
    if not whole:
        return math.inf
    rounded = _rounded(*whole.as_integer_ratio())
    return -1.0 if rounded is None else rounded * (1 - _MARGIN)


def _rival(target: Target, on: list[Entry], e: Entry, new_ids: set[str]) -> Entry | None:
    """The earlier entry of the same batch that gives a different figure or status than ``e`` for
    its target, date and milestone, or ``None``. ``on`` is every entry of that target and date so
    far, ``e`` last. Only entries recorded at the same moment are rivals: a sheet's rows are, while
    an earlier figure in the ledger or an export's history is a revision, of which the later counts
    by design. Additions (an increment) are not rivals: both count."""
    if target.kind is _INCREMENT or e.forced or e.void or e.corrects is not None:
        return None
    for r in on[:-1]:
        if (
            r.id in new_ids
            and r.milestone == e.milestone
            and r.recorded == e.recorded
            and not r.void
            and r.corrects is None
            and (r.value is not None or r.status is not None)
        ):
            return r
    return None


def rival_message(target: Target, e: Entry, rival: Entry, labels: tuple[str, str] | None = None, *,
                  written: bool = False) -> str:  # fmt: skip
    """The finding on ``e`` because ``rival``, earlier in the same batch (one sheet's rows, one
    import's entries), gives its target another figure for the same date and milestone: only the
    later of the two counts, and the other is dropped without a word. ``labels`` say where each
    is (``("row 2", "row 4")``, ``("entry 3f…", "entry 9a…")``); ``written``: they are in the
    ledger already (``check``), not about to be (an import)."""
    step = f" ({e.milestone})" if e.milestone else ""

    def said(x: Entry, label: str | None) -> str:
        figure = _typed(x) if x.value is not None else (x.status.value if x.status else "no figure")
        return f"{figure} ({label})" if label is not None else figure

    first, second = labels if labels is not None else (None, None)
    tail = ", in one import; only the later counts" if written else "; only the later would count"
    return f"{target.id}{step} is given two figures as of {e.date}: {said(rival, first)} and {said(e, second)}{tail}"


def _duplicate_message(target: Target, e: Entry, twin: Entry) -> str:
    when = twin.recorded.isoformat(sep=" ", timespec="minutes")  # with its UTC offset: whose 08:13?
    where = f"is already in the ledger as entry {twin.id} ({twin.by or 'unknown'}, {when})"
    return duplicate_message(target, e, where)


def duplicate_message(target: Target, e: Entry, where: str, *, in_ledger: bool = True) -> str:
    """The refusal of ``e`` as a repeat, ``where`` saying where its twin is: "is already in the
    ledger as entry …", or, for a twin earlier in the same import, "is given twice: row 2 has it
    too" (its entry was never written, so its id would send the reader looking in vain)."""
    what = _typed(e) if e.value is not None else (e.status.value if e.status else "")
    step = f" ({e.milestone})" if e.milestone else ""
    if target.kind is _INCREMENT:
        said = f"recorded twice, {target.id} adds it up and would count it twice"
    elif in_ledger:
        said = f"recorded twice, {target.id} has it already"
    else:  # a twin in the same import is not in the ledger yet: it has nothing already
        said = "one row is enough"
    return f"{target.id} {what}{step} as of {e.date} {where}; {said}"


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
            month = added.setdefault((e.target, e.date.year, e.date.month), [])
            # An addition given for one its append gave and a void withdrew belongs with that append.
            also = replacing.get(_place(target, e), ()) if replacing else ()
            there = [x for at, x in month if at != append and at not in also]
            if there and e.corrects is not None and by_id is None:
                by_id = {x.id: x for x in items}
            moved = e.corrects is None or (by_id is not None and _moved(by_id, e))  # amend --date into the month
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
        if e.note is not None and (noted := note_month(target, e)):
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


def _place(target: Target, e: Entry) -> tuple[Any, ...]:
    """What an addition is for, its figure aside: target, date, milestone and note (a carrier)."""
    return (e.target, e.date, e.milestone, e.note if target.kind is _INCREMENT else None)


class _Apart:
    """Which additions of a month were recorded apart from a new one: the additions of an append
    that gave one for the new addition's place (:func:`_place`) that a void has withdrawn since
    belong with the new one, the corrected figure of that append (a carrier's corrected sheet
    imported after ``tracker void``, or ``record`` after it). ``existing``: the ledger's entries
    in file order; ``withdrawn``: the ids its voids withdraw."""

    def __init__(self, plan: Plan, existing: Sequence[Entry], withdrawn: set[str]) -> None:
        self.batch_of = _batches(existing)
        self.appends: dict[tuple[Any, ...], set[object]] = {}  # the appends of withdrawn additions, by place
        for w in existing:
            if w.id in withdrawn and not w.void and (t := plan.find(w.target)) is not None and t.kind is _INCREMENT:
                self.appends.setdefault(_place(t, w), set()).add(_append_of(self.batch_of, w))

    def of(self, target: Target, e: Entry, there: list[Entry]) -> list[Entry]:
        """``there`` (a month's additions that count) without those that belong with ``e``."""
        appends = self.appends.get(_place(target, e))
        return [x for x in there if _append_of(self.batch_of, x) not in appends] if appends else there


def _withdrawn(items: Iterable[Entry]) -> set[str]:
    """The ids of the entries a ``void`` entry withdraws (the one it names)."""
    return {e.corrects for e in items if e.void and e.corrects is not None}


def _append_of(batch_of: dict[str, int], e: Entry) -> object:
    """Which append ``e`` came in: its batch (:func:`_batches`), else its ``recorded`` stamp (an
    entry written alone, or one of an export imported back, whose rows keep their stamps)."""
    return batch_of.get(e.id, e.recorded)


def _batches(items: Sequence[Entry]) -> dict[str, int]:
    """Which append of several each entry came in (the index of its first entry), by id: the
    first entry of such an append says how many it wrote (``batch``), and they follow it in the
    file. Entries appended alone are not in it, nor those of an append that restored an export
    (``restored``): their figures were recorded apart, two ``record`` runs within one second
    sharing a stamp."""
    batch_of: dict[str, int] = {}
    i = 0
    while i < len(items):
        size = items[i].batch or 1
        if size > 1 and not items[i].restored:
            for e in items[i : i + size]:
                batch_of[e.id] = i
        i += size
    return batch_of


def _alone(items: Sequence[Entry]) -> set[str]:
    """The ids of the entries of ``items`` (the whole ledger, in file order) appended alone, each
    an append of its own: two one-row imports (or ``record`` runs) within one second share a
    ``recorded`` stamp, yet are two appends. (Not the rows of a restored export: their stamps are
    the only trace of the appends they first came in. Nor in a list of one target's entries, in
    which an append's first entry may be missing: the stamp is then what is left to go by.)"""
    alone: set[str] = set()
    i = 0
    while i < len(items):
        size = items[i].batch or 1
        if size == 1:
            alone.add(items[i].id)
        i += size
    return alone


def _moved(by_id: Mapping[str, Entry], e: Entry) -> bool:
    """Whether ``e``, a correction of an addition (``tracker amend ID --date``), puts it in a month
    its chain was not counted in as kept: the entry it corrects is of another month, or is itself
    such a move in the same month, not kept with ``--force`` (amended again, the pair it made is
    still there). Such a correction is judged as a new addition to its month is (:func:`added_to`);
    one that stays in its month is not (a month's additions that were let in stay in).
    ``by_id``: the ledger's entries by id."""
    seen: set[str] = set()
    while e.corrects is not None and e.id not in seen:
        seen.add(e.id)
        old = by_id.get(e.corrects)
        if old is None:
            return False
        if (old.date.year, old.date.month) != (e.date.year, e.date.month):
            return True
        if old.forced or old.corrects is None:
            return False
        e = old
    return False


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
    return (
        f"baseline {plain(target.baseline)}{unit} is on the wrong side: the figure {plain(shown)}{unit} "
        f"(as of {latest.date}) lies beyond it away from the target {plain(target.target)}{unit}, so progress "
        f"reads {trim(rounded(from_fraction(progress * 100), 1))}%. baseline is where progress is measured from "
        "(起点, the stock at the start; leave it out for a 1—N月 running total, which starts from 0); if "
        f"{plain(target.baseline)} is last year's figure (上年实绩), write previous = {plain(target.baseline)} "
        "instead (shown for reference and 同比, never in the arithmetic)"
    )


def added_to(target: Target, e: Entry, there: Sequence[Entry]) -> Finding:
    """The finding on ``e``, an addition (``increment``) to a month that holds additions of an
    earlier append (``there``: another import's, or ``record``'s, that count): a department's
    corrected sheet sent again would add its figure a second time (8000 then 8500 平方米 for
    August: 1.65 万平方米, not 0.85), while two carriers' sheets add up by design. Refused unless
    ``--force``; rows of one sheet (one append) add up without a word. The message names the
    entries there and their sum with ``e`` in the target's unit (when the units convert)."""
    month = f"{e.date.year}-{e.date.month:02d}"
    entries = f"entry {there[0].id}" if len(there) == 1 else f"entries {', '.join(x.id for x in there)}"
    values = [_value(x, target) for x in there]
    had = sum((v for v in values if v is not None), Fraction(0))
    sums = f"the {_amount(had, target)}" if all(v is not None for v in values) else "the additions"
    message = (
        f"{target.id} {_typed(e)} as of {e.date} would add to {sums} already added in {month} by an earlier "
        f"import or record ({entries}): both would count"
    )
    return Finding(e, target, message, against=tuple(x.id for x in there), added=True)


def _voids(ids: Sequence[str]) -> str:
    return "; ".join(f"tracker void {i} --reason 更正" for i in ids)


class RunningTotal(NamedTuple):
    """The 1—N月 running total (累计) a sheet's row gives beside the month's addition (本月) of an
    ``increment`` target, which records only the addition: ``value`` in ``unit`` (``None``: the
    target's own), and ``where`` the cell as a person finds it (``"'1-8月累计' (B5)"``)."""

    value: Decimal
    unit: str | None
    where: str


def running_totals(plan: Plan, existing: Iterable[Entry], new: Sequence[Entry],
                   given: Mapping[str, RunningTotal]) -> list[Finding]:  # fmt: skip
    """Findings for additions among ``new`` (an import's entries) whose row also gave the
    running total through their month (``given``, by entry id): the additions that count
    (``existing`` and ``new``, corrections applied) dated up to the entry's date must make it,
    exactly in the target's unit, within the rounding of the digits typed (half a unit of the
    last digit of each figure). When the ledger holds no addition before the entry's month (a
    first import in August), the difference is what the months before added and nobody recorded:
    the finding gives the ``tracker record`` line that records it, since without it the year's
    progress would read as this month's addition alone. Entries kept over the checks (``forced``)
    and withdrawals are not judged; a figure in a unit that does not convert is left to the
    checks of form. Raises nothing."""
    if not given:
        return []
    from .consistency import _half_unit

    wanted = {e.target for e in new if e.id in given}
    counted = effective([e for e in (*existing, *new) if e.target in wanted])
    additions: dict[str, list[Entry]] = {}
    for x in counted:
        if x.value is not None and not x.void:
            additions.setdefault(x.target, []).append(x)
    findings: list[Finding] = []
    for e in new:
        said = given.get(e.id)
        target = plan.find(e.target) if said is not None else None
        if said is None or target is None or target.kind is not _INCREMENT or e.forced or e.void or e.value is None:
            continue
        upto = [x for x in additions.get(e.target, ()) if x.date <= e.date]
        values = [_value(x, target) for x in upto]
        try:
            sheet = units.exact(said.value, said.unit, target.unit) if said.unit else Fraction(said.value)
            slack = _half_unit(said.value, said.unit or target.unit, target)
            slack += sum((_half_unit(x.value, x.unit or target.unit, target) for x in upto if x.value is not None),
                         Decimal(0))  # fmt: skip
        except (units.UnitError, ArithmeticError):
            continue
        if any(v is None for v in values):
            continue
        month_before = add_months(e.date, -1)
        earlier = sum((v for x, v in zip(upto, values, strict=True) if v is not None and x.date <= month_before),
                      Fraction(0))  # fmt: skip
        this_month = [v for x, v in zip(upto, values, strict=True) if v is not None and x.date > month_before]
        held = earlier + sum(this_month, Fraction(0))
        if abs(held - sheet) <= Fraction(slack):
            continue
        typed = f"{plain(said.value)} {said.unit}" if said.unit else plain(said.value)
        shown = _amount(sheet, target)
        figure = shown if typed == shown or f"{typed} {target.unit}" == shown else f"{shown} ({typed})"
        head = f"{target.id}: the sheet's running total through {e.date} under {said.where} is {figure}"
        missing = sheet - sum(this_month, Fraction(0))
        has_earlier = any(x.date <= month_before for x in upto)
        if not has_earlier and missing > 0 and month_before >= plan.start:
            command = f'tracker record {target.id} {_bare(missing)} --date {month_before:%Y-%m} --note "1—{month_before.month}月新增（补记）"'
            message = (
                f"{head}, but the ledger holds no addition before {e.date:%Y-%m}: the {_amount(missing, target)} added "
                f"before it would be missing, and the year's progress would read {_amount(held, target)}; record the "
                f"months before first, then import again: {command}"
            )
        else:
            terms = ([_bare(earlier)] if has_earlier else []) + [_bare(v) for v in this_month]
            message = (
                f"{head}, but the ledger's additions through that date with this row's make {' + '.join(terms)} = "
                f"{_amount(held, target)}; an addition is missing, given twice or mistyped: compare the sheet with "
                f"tracker log {target.id}, then correct the wrong figure (tracker amend ID VALUE --reason …) or the "
                "sheet"
            )
        findings.append(Finding(e, target, message, against=tuple(x.id for x in upto if x.id != e.id)))
    return findings


class RunningOnly(NamedTuple):
    """A row refused for giving an ``increment`` target only its 1—N月 running total (累计), which
    adding up would count every month again: ``value`` in ``unit`` (``None``: the target's own)
    through the month of ``day``, read from ``where`` (``"'1-8月累计' (B3)"``)."""

    target: str
    value: Decimal
    unit: str | None
    day: date
    where: str


def running_only(plan: Plan, existing: Iterable[Entry], said: RunningOnly) -> Problem | None:
    """What the ledger (``existing``) makes of a running total given alone for an addition
    target (``said``), to follow the import's refusal of its row in place of that refusal's
    hint, or ``None`` when the ledger holds no addition for it (the hint stands). Making the
    target a ``total`` would turn the additions recorded into readings, so that is never offered
    here: the sum of the additions through the month before (exact Decimal arithmetic in the
    target's unit) gives the month's own addition, ``19.5 − 17.5 = 2.0``, with the
    ``tracker record`` line that records it; a running total below that sum, or a month whose
    addition is recorded already and makes another sum, disagrees with the ledger. Raises nothing."""
    target = plan.find(said.target)
    if target is None or target.kind is not _INCREMENT:
        return None
    month = f"{said.day:%Y-%m}"
    counted = [x for x in effective(e for e in existing if e.target == target.id) if x.value is not None]
    upto = [x for x in counted if x.date <= said.day]
    if not counted:
        return None
    try:
        to = target.unit
        sheet = units.convert(said.value, said.unit, to) if said.unit and to else said.value
        held = sum((units.convert(x.value, x.unit, to) if x.unit and to else x.value for x in upto if x.value is not None),
                   Decimal(0))  # fmt: skip
    except units.UnitError:
        return None  # a unit of another kind is left to the checks of form
    unit = f" {to}" if to else ""
    typed = f"{plain(said.value)} {said.unit}" if said.unit else plain(said.value)
    figure = f"{plain(sheet)}{unit}" + ("" if typed in (plain(sheet), f"{plain(sheet)}{unit}") else f" ({typed})")
    log = (
        f"compare the sheet with tracker log {target.id}, then correct the wrong figure "
        "(tracker amend ID VALUE --reason …) or the sheet"
    )
    if not upto:
        return Problem(f"the ledger holds additions for it only after {month}", fix=log)
    last = max(x.date for x in upto)
    through = f"the ledger's additions make {plain(held)}{unit} through {last:%Y-%m}"
    if f"{last:%Y-%m}" == month:  # the month's own addition is recorded already
        if sheet == held:
            return Problem(f"{through}, as its {figure} says", fix="delete the row; its month is recorded")
        return Problem(f"{through}, not its {figure}: they disagree", fix=log)
    if sheet < held:
        return Problem(f"{through}, more than its {figure}: they disagree", fix=log)
    added = sheet - held
    command = f"tracker record {target.id} {trim(added)} --date {month}"
    return Problem(
        f"{through}, so {month}'s own addition is {plain(sheet)} − {plain(held)} = {plain(added)}{unit}",
        fix=f"record it instead of the running total: {command}, or give it in a 本月 column",
    )


def _bare(value: Fraction) -> str:
    """An exact figure without its unit, as :func:`_amount` writes it."""
    if value.denominator == 1:
        return str(value.numerator)
    return trim(rounded(from_fraction(value), 2))
