"""What to do next, in one line each, under the status table: the plan has ended (and how to
start the next), or the ledger is empty (and how to record the first figures). Pure: today's
date is an argument."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..model import Plan
from .labels import say


def next_plan_path(plan: Plan) -> Path:
    """Where ``tracker init --from PLAN`` writes the next year's plan: ``targets-2026.toml``
    beside a 2025 plan (:func:`ledger.rollover.next_plan` names it so)."""
    from ..plan_year import next_plan_name, next_year

    return plan.path.with_name(next_plan_name(next_year(plan)))


def next_steps(
    plan: Plan, today: date, as_of_given: bool, entries: int, lang: str, next_plan: Path | None = None
) -> list[str]:
    """Sentences for a person reading the status table, in ``lang`` ("zh" or "en").

    ``today`` is the plan's today; ``as_of_given`` whether the reader chose the date (then the
    period's edge is no surprise); ``entries`` how many entries the ledger holds; ``next_plan``
    the next year's plan file (:func:`next_plan_path`) when it exists, to point at it rather
    than at the `init` that wrote it (which would now refuse: the file exists).
    """
    out: list[str] = []
    if not as_of_given and today > plan.end:
        from ..plan_year import next_year

        year = next_year(plan)
        if next_plan is not None:
            out.append(say(lang, "plan_ended_next_written", end=plan.end, year=year, path=next_plan))
        else:
            command = f"tracker init --from {plan.path.name} --year {year}"
            out.append(say(lang, "plan_ended", end=plan.end, year=year, command=command))
    elif not as_of_given and today < plan.start:
        out.append(say(lang, "plan_not_started", start=plan.start))
    if entries == 0:
        out.append(say(lang, "no_entries", month=f"{plan.clamp(today):%Y-%m}"))
    return out
