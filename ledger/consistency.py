"""Year-to-date consistency: a running total (1–N月累计) reported with the month's own figure
(当月) must equal the previous running total plus that month, within rounding.

Published reports carry both figures; a slip in either shows up here rather than in the
ministry's inbox. Reported percentages are never taken from anyone: progress is always
recomputed from values.
"""

from __future__ import annotations

from decimal import Decimal

from . import units
from .dates import add_months
from .entries import Entry
from .model import Plan, Target
from .numbers import plain, trim
from .plan_year import in_first_month, running_span


def _half_unit(value: Decimal, unit: str | None, target: Target) -> Decimal:
    """Half a unit of the last digit typed, in the target's unit: how far rounding can move it."""
    exponent = value.as_tuple().exponent
    half = Decimal(5).scaleb(int(exponent) - 1)  # 318.6 → 0.05
    if unit is not None and target.unit is not None:
        half = units.convert(half, unit, target.unit)
    return abs(half)


def _in_target_unit(value: Decimal, unit: str | None, target: Target) -> Decimal:
    if unit is None or target.unit is None:
        return value
    return units.convert(value, unit, target.unit)


def month_problem(plan: Plan, target: Target, previous: Entry | None, e: Entry) -> str | None:
    """How running total ``e`` contradicts its own month figure, or ``None``: it must equal the
    reading ``previous`` (when that is as of the end of the month before; a gap in the months
    cannot be checked) plus the month's figure, within the rounding of the digits typed; in the
    plan's first month (its ``start``'s, not January: :mod:`ledger.plan_year`) a running total
    from 0 must equal its month's figure; in a later month without the month before's reading, a
    running total of 0 or more may not be below its month's figure (the months before would add
    up to a loss), and in a January after the plan's first month not, above 0, equal to it: the
    calendar year so far (1—1月) typed for the plan's running total (7月—次年1月 in a plan that
    began in July), the months before adding up to 0. A running total below 0 (a loss to date)
    is left as written; with the month before's reading, the sum decides (-300 + 500 = 200)."""
    assert e.value is not None and e.month_value is not None
    total = _in_target_unit(e.value, e.unit, target)
    month = _in_target_unit(e.month_value, e.unit, target)
    slack = _half_unit(e.value, e.unit, target) + _half_unit(e.month_value, e.unit, target)
    unit = f" {target.unit}" if target.unit else ""
    if previous is not None and previous.value is not None and add_months(previous.date, 1) == add_months(e.date, 0):
        before = _in_target_unit(previous.value, previous.unit, target)
        slack += _half_unit(previous.value, previous.unit, target)
        if abs(before + month - total) > slack:
            return (
                f"the running total {plain(total)}{unit} is not the previous {plain(before)}{unit} "
                f"({previous.date}) plus this month's {plain(month)}{unit} = {trim(before + month)}{unit}"
            )
        return None
    first_month = in_first_month(plan, e.date)
    if previous is None and first_month and not target.baseline and abs(total - month) > slack:
        return (
            f"as of {e.date}, the plan's first month, the running total {plain(total)}{unit} should equal the "
            f"month's own {plain(month)}{unit}: the running total of the first month ({running_span(plan.start, e.date)}) "
            "is that month's figure"
        )
    if e.date.month == 1 and not first_month and not target.baseline and total > 0 and abs(total - month) <= slack:
        # January's own figure is the calendar year so far (1—1月累计, as the bureau publishes it),
        # not the plan's running total when the plan began before this January (in July: 7月—次年1月).
        last = add_months(e.date, -1)
        return (
            f"as of {e.date} the running total {plain(total)}{unit} equals January's own {plain(month)}{unit}, the "
            f"calendar year so far (1—1月), but the plan's running total counts from its first month "
            f"({running_span(plan.start, e.date)}): the months {plan.start:%Y-%m} to {last:%Y-%m} would add up to 0; "
            f"give the running total since {plan.start:%Y-%m}"
        )
    if not first_month and not target.baseline and total >= 0 and month - total > slack:
        # No reading of the month before to add to: still, a running total of 0 or more cannot be
        # below the month it includes unless the months before were a loss.
        return (
            f"the month's own {plain(month)}{unit} is more than the running total {plain(total)}{unit} as of {e.date} "
            f"that includes it: the months before would add up to {trim(total - month)}{unit}, below 0, possible only "
            "after a loss; the two figures may be swapped or in different units"
        )
    return None
