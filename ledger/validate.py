"""Checking a ledger's entries against the plan they report on.

The store checks each entry's own shape; this checks what only the plan knows: that the target
exists, the date lies in the plan period, the unit converts, a figure goes to a numeric target
and a status to a milestone. Every command that reads entries runs it on all of them, whatever
``--as-of`` says, so ``tracker check`` and ``tracker status`` agree.
"""

from __future__ import annotations

from pathlib import Path

from . import units
from .entries import Entry
from .errors import LedgerError, suggest
from .model import Kind, Plan


def entry_problem(plan: Plan, e: Entry) -> str | None:
    """What is wrong with entry ``e`` under ``plan``, as a sentence with the fix, or ``None``."""
    target = plan._by_id.get(e.target)
    if target is None:
        hint = suggest(e.target, list(plan._by_id))
        fix = f"did you mean {hint}? " if hint else ""
        return f"target {e.target!r} is not in {plan.path}; {fix}restore it there or void entry {e.id}"
    if not plan.start <= e.date <= plan.end:
        return f"date {e.date} is outside the plan period {plan.start} to {plan.end}; amend entry {e.id} with --date"
    if e.void:
        return None
    if target.kind is Kind.MILESTONE:
        if e.status is None or e.value is not None:
            return f"target {target.id!r} is a milestone: the entry needs a status and no value"
        ids = [m.id for m in target.milestones]
        if ids and e.milestone not in ids:
            hint = suggest(e.milestone or "", ids)
            return f"milestone {e.milestone!r} is not one of {target.id!r}'s: " + (
                f"did you mean {hint}?" if hint else ", ".join(ids)
            )
        if not ids and e.milestone is not None:
            return f"target {target.id!r} lists no milestones, but the entry names {e.milestone!r}"
        return None
    if e.value is None or e.status is not None:
        return f"target {target.id!r} is a {target.kind.value}: the entry needs a value and no status"
    if e.unit is not None and target.unit is not None:
        try:
            if target.kind is Kind.RANK and units.canonical(e.unit) != target.unit:
                return f"a rank is counted in {target.unit}, not {e.unit!r}"
            units.convert(e.value, e.unit, target.unit)
        except units.UnitError as error:
            return str(error)
    return None


def validate_entries(plan: Plan, entries: list[Entry], ledger: Path) -> None:
    """Raise :class:`~ledger.errors.LedgerError` for the first entry that does not fit ``plan``:
    ``LEDGER:LINE: entry ID: what is wrong; how to fix`` (with a count of any further ones)."""
    problems = [(e, p) for e in entries if (p := entry_problem(plan, e)) is not None]
    if problems:
        e, problem = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        where = f"{ledger}:{e.line}" if e.line else str(ledger)
        raise LedgerError(f"{where}: entry {e.id}: {problem}{more}")
