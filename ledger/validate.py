"""Checking a ledger's entries against the plan they report on.

The store checks each entry's own shape; this checks what only the plan knows: that the target
exists, the date lies in the plan period, the unit converts, a figure goes to a numeric target
and a status to a milestone. Reports run it on every entry that counts, whatever ``--as-of``
says, so ``tracker check`` and ``tracker status`` agree; ``amend`` and ``void`` do not, since
they are how a wrong entry is put right.
"""

from __future__ import annotations

from pathlib import Path

from . import units
from .entries import Entry, effective
from .errors import LedgerError, suggest
from .model import Kind, Plan


def entry_problem(plan: Plan, e: Entry) -> str | None:
    """What is wrong with entry ``e`` under ``plan``, as a sentence with the fix, or ``None``."""
    target = plan.find(e.target)
    if target is None:
        hint = suggest(e.target, plan.target_ids())
        fix = f"did you mean {hint}? " if hint else ""
        return f"target {e.target!r} is not in {plan.path}; {fix}restore it there, or withdraw the entry: tracker void {e.id} --reason …"
    if not plan.start <= e.date <= plan.end:
        return f"date {e.date} is outside the plan period {plan.start} to {plan.end}; correct it: tracker amend {e.id} --date … --reason …"
    if e.void:
        return None
    if target.kind is Kind.MILESTONE:
        if e.status is None or e.value is not None or e.month_value is not None:
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
    if e.month_value is not None and target.kind is not Kind.TOTAL:
        return f"month_value goes with running totals, and {target.id!r} is a {target.kind.value}"
    if e.unit is not None and target.unit is not None:
        try:
            if target.kind is Kind.RANK and units.canonical(e.unit) != target.unit:
                return f"a rank is counted in {target.unit}, not {e.unit!r}"
            units.convert(e.value, e.unit, target.unit)
        except units.UnitError as error:
            return f"{error}; correct it: tracker amend {e.id} VALUE --unit {target.unit} --reason …"
    return None


MAX_SHOWN = 20


def chain_problems(entries: list[Entry]) -> list[tuple[Entry, str]]:
    """Corrections that break the chain rule, which ``amend`` and ``void`` enforce under the
    lock but a hand edit, a merge or an older tracker may not have: an entry corrected twice
    (two live corrections, so reports would count both) and a correction naming an entry of
    another target. A correction that was itself withdrawn no longer counts. Each with the fix."""
    withdrawn = {e.corrects for e in entries if e.void}
    targets = {e.id: e.target for e in entries}
    live: dict[str, Entry] = {}
    problems = []
    for e in entries:
        if e.corrects is None or e.id in withdrawn:
            continue
        other = targets.get(e.corrects)
        if other is not None and other != e.target:
            problems.append(
                (
                    e,
                    f"corrects {e.corrects}, an entry of {other!r}, not of {e.target!r}; withdraw it: tracker void {e.id} --reason …",
                )
            )
        elif (first := live.get(e.corrects)) is not None:
            problems.append(
                (e, f"corrects {e.corrects}, which {first.id} corrects already, so both would count; "
                 f"withdraw the wrong one: tracker void {e.id} --reason … (or tracker void {first.id} --reason …)")
            )  # fmt: skip
        else:
            live[e.corrects] = e
    return problems


def validate_entries(plan: Plan, entries: list[Entry], ledger: Path) -> None:
    """Check the entries that count (corrections applied: a superseded or withdrawn entry is
    fixed already) against ``plan``. Raises :class:`~ledger.errors.LedgerError` listing every
    problem, one line each, ``LEDGER:LINE: entry ID: what is wrong; how to fix``."""
    # Entries that look like ones already accepted (same target, unit and shape) need no second look.
    fine: set[tuple[object, ...]] = set()
    problems = chain_problems(entries) if any(e.corrects is not None for e in entries) else []
    for e in effective(entries):
        shape = (e.target, e.unit, e.value is None, e.status is None, e.milestone, e.month_value is None, e.void)
        if shape in fine and plan.start <= e.date <= plan.end:
            continue
        problem = entry_problem(plan, e)
        if problem is None:
            fine.add(shape)
        else:
            problems.append((e, problem))
    if problems:
        lines = [f"{f'{ledger}:{e.line}' if e.line else ledger}: entry {e.id}: {p}" for e, p in problems[:MAX_SHOWN]]
        if len(problems) > MAX_SHOWN:
            lines.append(f"{ledger}: … and {len(problems) - MAX_SHOWN} more entries with problems")
        raise LedgerError("\n".join(lines))
