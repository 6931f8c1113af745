"""Where a plan's running totals start: its first month, not January.

A running total (1—N月累计) counts from the plan's ``start``: in a calendar-year plan, as the
statistics bureau counts, from January; in a plan running July–June (2025-07-01 to 2026-06-30),
from July, so its figure at the end of January is 2025年7月—2026年1月累计. Only in the plan's
first month is a running total the month's own figure (1—1月 in a calendar year, 7—7月 here); a
January after it is not. A sheet's header that names the year so far from January (1-8月累计,
本年累计) is the calendar year's, which in a plan not starting in January is another figure than
the plan's running total: it is refused, never taken for it (docs/sheets.md).

And the plan that follows it (``tracker init --from --year``): the same months moved by the fewest
whole years that put its start after this plan's end. Its year, as ``--year`` gives it, is the
year it starts in: 2026 after a calendar 2025 plan, and after one running 2025-07-01 to
2026-06-30 too (the next runs 2026-07-01 to 2027-06-30); after a five-year plan 2021–2025, 2026.
"""

from __future__ import annotations

from datetime import date

from .dates import shift_years
from .model import Plan


def years_to_next(plan: Plan) -> int:
    """How many whole years the plan that follows ``plan`` is moved by: the fewest that put its
    start after ``plan``'s end (1 for a calendar or July–June year, 5 for a plan of 2021–2025)."""
    years = plan.end.year - plan.start.year
    if shift_years(plan.start, years) <= plan.end:
        years += 1
    return years


def next_year(plan: Plan) -> int:
    """The year of the plan that follows ``plan``, the year it starts in (:func:`years_to_next`):
    2026 after a calendar 2025 plan, and after one running 2025-07-01 to 2026-06-30 (the next
    starts 2026-07-01); the default of ``init --from --year``, and the only year it takes."""
    return plan.start.year + years_to_next(plan)


def plan_years(plan: Plan) -> str:
    """The plan's years as its refusals name them: ``2025``, or ``2025—2026`` for a plan over two."""
    return span_years(plan.start, plan.end)


def span_years(start: date, end: date) -> str:
    """The years of a plan from ``start`` to ``end``: ``2025``, or ``2025—2026`` over two."""
    if start.year == end.year:
        return str(start.year)
    return f"{start.year}—{end.year}"


def next_plan_name(year: int) -> str:
    """The file name of the plan for ``year`` that ``init --from`` writes: ``targets-2026.toml``."""
    return f"targets-{year}.toml"


def in_first_month(plan: Plan, day: date) -> bool:
    """Whether ``day`` is in the plan's first month (its year and month), the one month whose
    running total is the month's own figure."""
    return (day.year, day.month) == (plan.start.year, plan.start.month)


def starts_in_january(plan: Plan) -> bool:
    """Whether the plan's running totals are the calendar year's (1—N月): it starts in January."""
    return plan.start.month == 1


def running_span(start: date, day: date, lang: str = "zh") -> str:
    """The months a running total as of ``day`` covers in a plan starting on ``start``, from its
    first month: ``1—8月`` in a plan starting in January of ``day``'s year, ``7—12月`` in one
    starting in July of it, else with the years (``2025年7月—2026年1月``); in English ``Jan–Aug``,
    ``Jul–Dec``, ``Jul 2025–Jan 2026``."""
    same_year = start.year == day.year
    if lang == "zh":
        if same_year:
            return f"{start.month}—{day.month}月"
        return f"{start.year}年{start.month}月—{day.year}年{day.month}月"
    if same_year:
        return f"{start:%b}–{day:%b}"
    return f"{start:%b %Y}–{day:%b %Y}"
