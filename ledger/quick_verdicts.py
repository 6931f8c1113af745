"""The quick verdicts: float comparisons with a margin rounding cannot cross, which clear the
thousands of an import's figures that lie far from every threshold of the slip rules
(:mod:`ledger.slips`) without exact Fraction arithmetic; a figure they cannot clear is judged
exactly.
"""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from . import units
from .entries import Entry
from .findings import _INCREMENT, _TOTAL, _months
from .first_readings import FIRST_RATE_POINTS, FIRST_RATIO, _refs
from .model import Plan, Target
from .slips import PAST_TARGET, RATE_POINTS, RATIO, _floor, _whole

if TYPE_CHECKING:
    from .meaning import _Seen


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
    day = e.date  # each date read once: a field of an entry is read by name, in Python
    if before is None:  # the first reading, against the target (_against_target)
        if not of.running or of.goal is None:  # a stock's is judged exactly (first_stock): once a target
            return False
        share = shares[day] if of.running else 1.0
        return share is not None and _LOW_FIRST < value / (share * of.goal) < _HIGH
    if previous is None:
        return False
    # A figure for the nearest reading's own date is a revision, held to the reading before that
    # (the month before may not be fallen below): judged exactly, whatever its own date holds.
    before_day = before.date
    if of.running and day == before_day:
        return False
    if previous < 0:
        return True  # a loss implies nothing of what follows it
    if previous == 0:  # 0.0 only for an exact 0: judged as a first reading is (_magnitude)
        if not of.running or of.goal is None:
            return False
        share = shares[day] if of.running else 1.0
        return share is not None and _LOW_FIRST < value / (share * of.goal) < _HIGH
    if not of.running:  # a stock, read as it stands
        return _LOW < value / previous < _HIGH
    # A running total never falls (_falling): rounding keeps order, so a float strictly above the
    # earlier reading's (below the later's) is an exact figure at or above it (at or below).
    later = day > before_day
    if (value <= previous) if later else (value >= previous):
        return False
    # The later RATIO times the earlier: the months' pace is judged exactly (_pace).
    if (value >= previous * _HIGH) if later else (previous >= value * _HIGH):
        return False
    now, then = shares[day], shares[before_day]
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


def _clear_rate(of: _Seen, floats: _Floats, e: Entry, before: Entry | None) -> bool:
    """Whether the floats show that :func:`_judge` finds nothing in ``e`` against ``before``: a
    figure under RATIO times the one before in size, or under RATE_POINTS more, by a margin
    rounding cannot cross (see above) (:func:`_rate_jump`); with no reading before, or one of 0,
    a figure under ``of.first`` in size (:func:`_first_rate_bar`), clear of the plan's figures.
    A figure below 0 of a rate that records falls as positive figures is judged exactly
    (:func:`_rising_fall`)."""
    try:
        value = floats[e.value, e.unit, of.unit]
        previous = None if before is None else floats[before.value, before.unit, of.unit]
    except TypeError:  # a signalling NaN cannot be a key: judged exactly
        return False
    if value is None:
        return False
    if value < 0 and of.records_falls():  # a float has its exact number's sign
        return False
    if before is None or previous == 0.0:  # 0.0 only for an exact 0 (_rounded)
        return abs(value) < of.first
    if previous is None:
        return False
    high, low = abs(value), abs(previous)
    return high < low * _HIGH or high < (low + RATE_POINTS) * (1 - _MARGIN)


def _first_rate_bar(target: Target) -> float:
    """The float magnitude a rate's first reading (:class:`_Floats`) must stay under to be clear,
    by :func:`~ledger.first_readings.first_rate`, of FIRST_RATIO times and FIRST_RATE_POINTS
    points past the larger of its previous and target: the larger of the two bars narrowed by
    the margin (each float is within two roundings of its number); ``math.inf`` for a rate with
    neither figure, -1 (judged exactly) for one beyond the floats' range or not a number."""
    refs = _refs(target)
    if not refs:
        return math.inf
    near = _rounded(*max(abs(r) for _, r in refs).as_integer_ratio())
    if near is None:
        return -1.0
    return max(near * FIRST_RATIO, near + FIRST_RATE_POINTS) * (1 - _MARGIN)


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
