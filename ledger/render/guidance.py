"""What to do next, in one line each, under the status table: the plan has ended (and how to
start the next), or the ledger is empty (and how to record the first figures). Pure: today's
date is an argument."""

from __future__ import annotations

from datetime import date

from ..model import Plan
from .labels import say


def next_steps(plan: Plan, today: date, as_of_given: bool, entries: int, lang: str) -> list[str]:
    """Sentences for a person reading the status table, in ``lang`` ("zh" or "en").

    ``today`` is the plan's today; ``as_of_given`` whether the reader chose the date (then the
    period's edge is no surprise); ``entries`` how many entries the ledger holds.
    """
    out: list[str] = []
    if not as_of_given and today > plan.end:
        year = plan.start.year + 1
        command = f"tracker init --from {plan.path.name} --year {year}"
        out.append(say(lang, "plan_ended", end=plan.end, year=year, command=command))
    elif not as_of_given and today < plan.start:
        out.append(say(lang, "plan_not_started", start=plan.start))
    if entries == 0:
        out.append(say(lang, "no_entries", month=f"{plan.clamp(today):%Y-%m}"))
    return out
