"""The slip rules of a first reading: a figure with no reading of its target before it (the
year's first, or the first after a 0) has no neighbour to be judged against, so it is judged
against what the plan says it should lie near — a stock (a total with a ``baseline``) against
its baseline and its target, a rate against last year's figure (``previous``) and its target.

A slipped decimal point makes a figure 10 times the truth, and the truth of a first reading may
well lie short of or past the plan's figures; so a first reading is held to half the ten times
the rules between readings use (FIRST_RATIO, 5): a 315 家 stock on its way from 300 to 340 typed
3150 is 9.26 times its target, under ten, but 9.26 times the larger of the two, over five; a
real stock five times both where it started and where it should end is no stock.
"""

from __future__ import annotations

import math
from fractions import Fraction

from .entries import Entry
from .findings import _RATE, _TOTAL, _typed, amount, is_running_total
from .model import Target
from .numbers import from_fraction, rounded, trim

FIRST_RATIO = 5  # a first reading this many times the plan's figures (or a 1/… of them) is refused
FIRST_RATE_POINTS = 20  # …and, for a rate, this many points further from 0 than the larger of them
_SLIPS = (10, 100, 1_000, 10_000, 100_000_000)  # a decimal point, two, three, 万 for 亿 (or 元), 亿 for 元


def _times(ratio: Fraction) -> str:
    return trim(rounded(from_fraction(ratio), 2 if ratio < 100 else 0))


def _refs(target: Target) -> list[tuple[str, Fraction]]:
    """The plan's figures a first reading of ``target`` should lie near, named for a message:
    a stock's baseline and target, a rate's previous (上年实绩) and target; only those given, and
    for a stock only those above 0 (the ratio of a figure to 0 says nothing)."""
    if target.kind is _TOTAL:
        named = (("its baseline", target.baseline), ("its target", target.target))
    else:
        named = (("last year's", target.previous), ("its target", target.target))
    refs = []
    for name, figure in named:
        if figure is None or not figure.is_finite():
            continue
        value = Fraction(figure)
        if value > 0 or (target.kind is _RATE and value):
            refs.append((name, value))
    return refs


def first_stock(target: Target, e: Entry, value: Fraction | None) -> str | None:
    """The first reading ``e`` (``value`` in the target's unit) of a stock FIRST_RATIO or more times
    the larger of its baseline and target, or a 1/FIRST_RATIO or less of the smaller: 3150 家 for
    315 between a baseline of 300 and a target of 340. ``None`` when not so, for a running total
    (judged against its target scaled by the months, :func:`ledger.slips._against_target`), for a
    figure at or below 0, or for a stock with neither figure above 0."""
    if target.kind is not _TOTAL or is_running_total(target) or value is None or value.numerator <= 0:
        return None
    refs = _refs(target)
    if not refs:
        return None
    high, low = max(r for _, r in refs), min(r for _, r in refs)
    if low < value * FIRST_RATIO and value < high * FIRST_RATIO:
        return None
    said = " and ".join(f"{_ratio(value, r)} {name} {amount(r, target)}" for name, r in refs)
    guess = _nearest(value, high, low, target)
    return (
        f"{_typed(e)} as of {e.date} is the first reading of a stock, {said}; is it {guess}? probably typed "
        "in another unit (万 for 亿) or with a slipped decimal point"
    )


def first_rate(target: Target, e: Entry, value: Fraction | None) -> str | None:
    """The first reading ``e`` (``value``) of a rate FIRST_RATIO or more times, and FIRST_RATE_POINTS
    or more points further from 0 than, the larger in size of its ``previous`` (上年实绩) and its
    target: 58 % for 5.8 with last year's 3.0 % and a target of 6 %, 580 % (5.8 in a cell
    formatted as a percentage). A growth rate may start the year far from both (−15 % after a
    bad January), so only a figure far past both is refused; a figure a tenth of them is a real
    slow start as often as a slip, and passes. ``None`` when not so, or for a rate with neither
    figure (or only 0)."""
    if target.kind is not _RATE or value is None:
        return None
    refs = _refs(target)
    if not refs:
        return None
    size, near = abs(value), max(abs(r) for _, r in refs)
    if size < near * FIRST_RATIO or size - near < FIRST_RATE_POINTS:
        return None
    said = " and ".join(f"{_ratio(size, abs(r))} {name} {amount(r, target)}" for name, r in refs)
    tenth, hundredth = value / 10, value / 100
    guess = hundredth if abs(_log(abs(hundredth)) - _log(near)) < abs(_log(abs(tenth)) - _log(near)) else tenth
    return (
        f"{_typed(e)} as of {e.date} is the first reading of the rate, {said}; is it {amount(guess, target)}? "
        "a percentage typed into a cell formatted as one (5.8 shows as 580%), or a slipped decimal point"
    )


def _ratio(value: Fraction, ref: Fraction) -> str:
    ratio = value / ref
    return f"{_times(ratio)} times" if ratio >= 1 else f"1/{_times(1 / ratio)} of"


def _nearest(value: Fraction, high: Fraction, low: Fraction, target: Target) -> str:
    """The figure a slip of ``value`` (a power of ten, :data:`_SLIPS`, either way) gives nearest,
    by ratio, to the middle of ``low``–``high``, for a refusal's "is it …?"."""
    # In logarithms, worked out from whole numbers: a figure may be past a float's range.
    off = _log(value) - (_log(high) + _log(low)) / 2
    factor = Fraction(min(_SLIPS, key=lambda s: abs(abs(off) - math.log(s))))
    return amount(value / factor if off > 0 else value * factor, target)


def _log(x: Fraction) -> float:
    return math.log(x.numerator) - math.log(x.denominator)
