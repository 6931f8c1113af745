"""Checking a ledger's entries against the plan they report on.

The store checks each entry's own shape; this checks what only the plan knows: that the target
exists, the date lies in the plan period, the unit converts, a figure goes to a numeric target
and a status to a milestone. Reports run it on every entry that counts, whatever ``--as-of``
says, so ``tracker check`` and ``tracker status`` agree; ``amend`` and ``void`` do not, since
they are how a wrong entry is put right.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from . import units
from .entries import Entry, effective
from .errors import LedgerError, Problem, suggest
from .model import Kind, Plan
from .target_due import after_due_problem


def entry_problem(plan: Plan, e: Entry) -> Problem | None:
    """What is wrong with entry ``e`` under ``plan``, or ``None``: a problem naming the entry and
    its target, with the fix (no file or line: see :func:`entry_at`)."""
    message = _what_is_wrong(plan, e)
    if message is None:
        return None
    if isinstance(message, tuple):
        message, fix = message
    else:
        fix = None
    return Problem(message, where=f"entry {e.id}", target=e.target, entry=e.id, fix=fix)


def last_entry_check(plan: Plan) -> Callable[[Entry], Problem | None]:
    """For :func:`~ledger.store.append_entries`: the plan's verdict on the ledger's last entry
    (a withdrawal is not checked: it counts for nothing)."""
    return lambda last: None if last.void else entry_problem(plan, last)


def _what_is_wrong(plan: Plan, e: Entry) -> str | tuple[str, str] | None:
    """What is wrong with ``e``: a sentence, or (sentence, fix), or ``None``."""
    target = plan.find(e.target)
    if target is None:
        hint = suggest(e.target, plan.target_ids())
        fix = f"did you mean {hint}? " if hint else ""
        return (
            f"target {e.target!r} is not in {plan.path}",
            f"{fix}restore it there, or withdraw the entry: tracker void {e.id} --reason …",
        )
    if not plan.start <= e.date <= plan.end:
        return (
            f"date {e.date} is outside the plan period {plan.start} to {plan.end}",
            f"correct it: tracker amend {e.id} --date … --reason …",
        )
    if e.void:
        return None
    if e.date > target.due:
        return after_due_problem(target, e.id, e.date)
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
        return f"target {target.id!r} is {target.kind.article}: the entry needs a value and no status"
    if e.month_value is not None and target.kind is not Kind.TOTAL:
        # Recorded beside its month's figure, the entry is a running total (1—N月累计): the plan's
        # kind was changed after it (or it went to the wrong target), and its figure would be
        # read another way (an increment would add the running totals up).
        return (
            f"month_value goes with running totals, and {target.id!r} is {target.kind.article}: the entry was "
            "recorded as a running total (1—N月累计) beside its month's figure",
            f'if {target.id!r} is published as a running total, make it kind = "total" again in {plan.path}; '
            f"else withdraw the entry (tracker void {e.id} --reason …) and record the month's own figure",
        )
    if e.period is not None and target.kind is not Kind.RANK:
        return f"period (an assessment year) goes with ranks, and {target.id!r} is {target.kind.article}"
    if e.period is not None and e.period > e.date.year:
        return f"period {e.period} is not an assessment year up to {e.date.year}; write e.g. period = 2024"
    if e.unit is not None and target.unit is not None:
        try:
            if target.kind is Kind.RANK and units.canonical(e.unit) != target.unit:
                return f"a rank is counted in {target.unit}, not {e.unit!r}"
            units.convert(e.value, e.unit, target.unit)
        except units.UnitError as error:
            return str(error), f"correct it: tracker amend {e.id} VALUE --unit {target.unit} --reason …"
    return None


MAX_SHOWN = 20


def chain_problems(entries: list[Entry]) -> list[tuple[Entry, str, str]]:
    """Corrections that break the chain rule, which ``amend`` and ``void`` enforce under the
    lock but a hand edit, a merge or an older tracker may not have: an entry corrected twice
    (two live corrections, so reports would count both) and a correction naming an entry of
    another target. A correction that was itself withdrawn no longer counts. Each as
    ``(entry, what is wrong, the fix)``."""
    withdrawn = {e.corrects for e in entries if e.void}
    targets = {e.id: e.target for e in entries}
    live: dict[str, Entry] = {}
    problems = []
    for e in entries:
        if e.corrects is None or e.id in withdrawn:
            continue
        other = targets.get(e.corrects)
        if other is not None and other != e.target:
            message = f"corrects {e.corrects}, an entry of {other!r}, not of {e.target!r}"
            problems.append((e, message, f"withdraw it: tracker void {e.id} --reason …"))
        elif (first := live.get(e.corrects)) is not None:
            message = f"corrects {e.corrects}, which {first.id} corrects already, so both would count"
            fix = f"withdraw the wrong one: tracker void {e.id} --reason … (or tracker void {first.id} --reason …)"
            problems.append((e, message, fix))
        else:
            live[e.corrects] = e
    return problems


def entry_problems(plan: Plan, entries: list[Entry], ledger_path: Path) -> list[Problem]:
    """Every problem of the entries that count (corrections applied: a superseded or withdrawn
    entry is fixed already) against ``plan``, one :class:`~ledger.errors.Problem` each naming the
    ledger, line, entry and target; at most :data:`MAX_SHOWN`, then one saying how many more."""
    # Entries that look like ones already accepted (same target, unit and shape) need no second look.
    fine: set[tuple[object, ...]] = set()
    dues = {t.id: t.due for t in plan.targets}  # a target's figures run to its due, at most the plan's end
    found = []
    if any(e.corrects is not None for e in entries):
        found += [entry_at(ledger_path, e, m, fix) for e, m, fix in chain_problems(entries)]
    for e in effective(entries):
        shape = (
            e.target,
            e.unit,
            e.value is None,
            e.status is None,
            e.milestone,
            e.month_value is None,
            e.period is None,
            e.void,
        )
        if shape in fine and plan.start <= e.date <= dues[e.target]:
            continue
        problem = entry_problem(plan, e)
        if problem is None:
            fine.add(shape)
        else:
            found.append(problem._replace(file=str(ledger_path), line=e.line or None))
    return shorten(found, Problem(f"… and {len(found) - MAX_SHOWN} more entries with problems", file=str(ledger_path)))


def entry_at(ledger_path: Path, e: Entry, message: str, fix: str | None = None) -> Problem:
    """A problem of entry ``e`` of the ledger at ``ledger_path``: ``LEDGER:LINE: entry ID: message; fix``."""
    where = f"entry {e.id}"
    return Problem(
        message, file=str(ledger_path), line=e.line or None, where=where, target=e.target, entry=e.id, fix=fix
    )


def shorten(problems: list[Problem], more: Problem) -> list[Problem]:
    """The first :data:`MAX_SHOWN` problems, then ``more`` (saying how many are left out) if any are."""
    return problems if len(problems) <= MAX_SHOWN else [*problems[:MAX_SHOWN], more]


def validate_entries(plan: Plan, entries: list[Entry], ledger_path: Path) -> None:
    """Check the entries that count against ``plan`` (see :func:`entry_problems`). Raises
    :class:`~ledger.errors.LedgerError` carrying every problem, each printed as one line,
    ``LEDGER:LINE: entry ID: what is wrong; how to fix``."""
    if problems := entry_problems(plan, entries, ledger_path):
        raise LedgerError(problems)
