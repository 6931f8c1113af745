"""The slip rules: one figure judged against the reading nearest it, its target and its note
(:func:`judge`) — a 万/亿 slip or a slipped decimal point, a running total that falls or grows
faster than its months allow, a rate ten times its last reading, an addition larger than the
whole target or far under the smallest before it, a note naming another month than the date.
The thresholds (RATIO and the rest) are drawn here; :mod:`ledger.meaning` says what is judged.
"""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from .entries import Entry
from .findings import _INCREMENT, _RATE, _TOTAL, Finding, _elapsed, _months, _typed, _value, amount, is_running_total
from .first_readings import first_rate, first_stock
from .model import Plan, Target
from .numbers import from_fraction, plain, rounded, trim
from .plan_year import in_first_month, running_span

RATIO = 10  # an amount this many times off what the previous reading implies is refused
PAST_TARGET = 5  # a 1—N月 running total this many times the whole period's target is refused
SMALL_OF_TARGET = 10_000  # an addition under this fraction (1/…) of the whole target is refused
SMALL_OF_ADDITIONS = 1_000  # …and one under this fraction of the smallest addition before it
RATE_POINTS = 20  # a rate RATIO times its previous reading and this many points off it is refused


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
        return _first(plan, target, e, value)
    previous = _value(before, target)
    if previous is None or previous.numerator < 0:
        return None  # a loss implies nothing of what follows it
    if not previous:  # a 0 (a blank typed as 0, or nothing yet): judged as a first reading is
        return _first(plan, target, e, value)
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
        how += f", over {months[1]}, scaled to {months[0]}: {amount(implied, target)}"
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


def _first(plan: Plan, target: Target, e: Entry, value: Fraction) -> str | None:
    """A first reading of a total (``value``, positive): a stock against its baseline and target
    (:func:`~ledger.first_readings.first_stock`), any total against its target (a running total
    scaled by its months) and the whole period's target."""
    return (
        first_stock(target, e, value) or _against_target(plan, target, e, value) or _past_target(plan, target, e, value)
    )


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
        f"for the whole period, {amount(goal, target)}; probably typed in another unit (万 for 亿) or with a "
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
        how = f"about {amount(implied, target)} by the end of the period"
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
        f"{_typed(e)} as of {e.date} implies {how}, {times} the target {amount(goal, target)}; "
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
        f"{_typed(e)} as of {e.date} is more than the whole target of {amount(whole, target)}; "
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


def _month_note(plan: Plan, target: Target, e: Entry) -> str | None:
    """Why ``e``, a figure of a total or a rate, is not what the target records when its note calls
    it one month's own (``8月当月``, ``本月``) or a growth that is not year-to-date (``8月当月同比``,
    ``环比``): a sheet's column so headed is refused, and a note is read as a header is. A running
    total's figure in the plan's first month is the month's own and the running total both: in a
    calendar-year plan January's, in one running July–June July's (January's own is not its
    7月—次年1月 total)."""
    if target.kind not in (_TOTAL, _RATE) or e.note is None:
        return None
    from .column_kinds import DECLINE, RATE_CHANGE, records_falls
    from .month_notes import MONTHS_OWN, month_note

    said = month_note(e.note)
    if said is None or (said == MONTHS_OWN and is_running_total(target) and in_first_month(plan, e.date)):
        return None
    if said == RATE_CHANGE and target.kind is not _RATE:
        return None  # a total's figure noted 同比回落: the note speaks of its growth, not of the figure
    if said == DECLINE and e.value is not None and (e.value < 0 or records_falls(target)):
        return None  # −3.2 noted 同比下降: the fall typed with its sign; 3.2 of 能耗下降率: its figure
    noted = f"{_typed(e)} as of {e.date} is noted {e.note!r}"
    if target.kind is _RATE:
        what = "the month's own growth" if said == MONTHS_OWN else said
        return (
            f"{noted}, {what}, but {target.id!r} records the year-to-date growth on last year (1—N月同比); "
            f"record the 1—{e.date.month}月 growth"
        )
    if not is_running_total(target):
        return (
            f"{noted}, the month's own figure, but {target.id!r} records the level as it stands (a stock: kind "
            "total with a baseline), not what the month added; record the level at the month's end"
        )
    assert e.value is not None  # judged: a figure
    # The plan's span where it is not the calendar year's (a July–June plan's 2025年7月—2026年1月累计)
    span = "1—N月" if plan.start.month == 1 else running_span(plan.start, e.date)
    return (
        f"{noted}, the month's own figure, but {target.id!r} records the running total ({span}累计); record the "
        f"{running_span(plan.start, e.date)} figure, with the month's own as --month-value "
        f"(tracker record {target.id} FIGURE --month-value {plain(e.value)})"
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


def note_month(plan: Plan, target: Target, e: Entry) -> Finding | None:
    """The finding on ``e``, a figure of a total, an addition or a rate, whose note names another
    month than its date is in: ``842.7`` as of 2025-09-30 noted ``1—8月累计`` is August's running
    total filed as September's (judged against September's 序时进度), and an addition noted ``8月新增``
    dated September counts as September's. A sheet whose 1—8月累计 column is dated September is
    refused the same way (``which is it?``). ``None`` when the note names no month, or its date's.

    Else, the finding on a total or a rate whose note calls it what the target does not record:
    one month's own figure (``8月当月``, ``本月``) or a growth not year-to-date (``8月当月同比``, ``环比``),
    as a sheet's column so headed is refused (:func:`_month_note`)."""
    if e.note is None or e.forced or e.void or e.value is None or target.kind not in _NOTED_KINDS:
        return None
    month = _note_months(e.note)
    if month is None or month == e.date.month or _running_note(target, e) is not None:
        # an addition noted as the year so far is refused as that, which it is first
        kind = _month_note(plan, target, e)
        return None if kind is None else Finding(e, target, kind)
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
    elif kind is _RATE:
        if (message := _rising_fall(target, e, value)) is not None:
            found.append(Finding(e, target, message))
        if _first_rate(before):  # against the plan's figures
            if (message := first_rate(target, e, value)) is not None:
                found.append(Finding(e, target, message, against=() if before is None else (before.id,)))
        elif before is not None and (message := _rate_jump(target, before, e, value)) is not None:
            found.append(Finding(e, target, message, against=(before.id,)))


def _rising_fall(target: Target, e: Entry, value: Fraction | None) -> str | None:
    """A figure below 0 of a rate that records falls as positive figures (能耗下降率, target 3.5:
    :func:`~ledger.column_kinds.records_falls`): −4 is a rise of 4 %, but is far more often the
    fall typed as signed growth (同比增长 −4.0), which would be judged 7.5 points behind instead of
    0.5 ahead. A real rise is kept with ``--force``."""
    if value is None or value >= 0:
        return None
    from .column_kinds import records_falls

    if not records_falls(target):
        return None
    fall = plain(-e.value) if e.value is not None else ""
    return (
        f"{_typed(e)} as of {e.date} is below 0, a rise of {fall} %, but {target.id!r} ({target.name}) records a "
        f"fall as a positive figure (a fall of {fall} % is {fall}; a sheet's signed growth under 同比增长% is read as "
        f"the fall it states); if it fell by {fall} %, give {fall}"
    )


def _first_rate(before: Entry | None) -> bool:
    """Whether a rate's reading after ``before`` (its last reading of an earlier date) is judged as
    a first reading is, against the plan's figures: there is none, or it is 0, which no figure
    can be ten times (and a slip must not pass for following one)."""
    return before is None or (before.value is not None and before.value.is_zero())


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
        f"{amount(other, target)}? a percentage typed into a cell formatted as one (5.8 shows as 580%), or a "
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
        if before is None or _first_rate(before):
            return first_rate(target, e, value) is not None
        return _rate_jump(target, before, e, value) is not None
    return _magnitude(plan, target, before, e, value) is not None or _too_large(target, e, value) is not None


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
        said = f"1/{_times(whole / value)} of the whole target of {amount(whole, target)}"
    else:
        assert smallest is not None
        said = f"1/{_times(smallest / value)} of {amount(smallest, target)}, the smallest addition before it"
    return (
        f"{_typed(e)} as of {e.date} is {said}; probably typed in another unit (平方米 for 万平方米, 元 for 万元) "
        "or with a slipped decimal point"
    )
