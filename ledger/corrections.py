"""Corrections: amending or withdrawing an entry by appending a new one that names it.

Nothing is ever edited. ``amend`` appends an entry with ``corrects = <id>`` that replaces the
old one in every report; ``void`` appends one with ``void = true`` that withdraws it. Only the
latest link of a chain can be corrected, so the trail stays a simple line that
``tracker log --all`` can follow.
"""

from __future__ import annotations

import contextlib
from datetime import date, datetime

from .entries import Entry, new_id
from .errors import EntryError, suggest
from .model import Kind, Plan
from .numbers import plain
from .record import build_entry, month_value_refused


def corrected_by(entries: list[Entry]) -> dict[str, Entry]:
    """For each corrected entry id, the entry that corrects (or withdraws) it."""
    return {e.corrects: e for e in entries if e.corrects is not None}


def find_entry(entries: list[Entry], entry_id: str, ledger_path: str) -> Entry:
    """The entry with this id, or with this unique prefix of at least 4 characters (as git allows).

    Raises :class:`~ledger.errors.EntryError` naming the ledger and suggesting close ids.
    """
    for e in entries:
        if e.id == entry_id:
            return e
    matches = [e for e in entries if e.id.startswith(entry_id)] if entry_id else []
    if len(entry_id) >= 4:
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            shown = ", ".join(e.id for e in matches[:5]) + (", …" if len(matches) > 5 else "")
            raise EntryError(
                f"{ledger_path}: {entry_id!r} is the start of {len(matches)} entry ids ({shown}); give more of it"
            )
    elif matches:
        raise EntryError(f"{ledger_path}: give at least 4 characters of the entry id, not {entry_id!r}")
    hint = suggest(entry_id, [e.id for e in entries])
    fix = f"did you mean {hint}?" if hint else "`tracker log --all` lists the ids"
    raise EntryError(f"{ledger_path}: no entry {entry_id!r}; {fix}")


def _correctable(
    entries: list[Entry], entry_id: str, ledger_path: str, reason: str | None, verb: str = "amend"
) -> Entry:
    """The entry ``entry_id`` names, if it may be corrected; ``verb`` (``amend`` or ``void``) is the
    command a refusal tells to run on the entry that supersedes it. Raises EntryError."""
    if reason is None or not reason.strip():
        raise EntryError('give the reason for the correction with --reason, e.g. --reason "核实数"')
    entry = find_entry(entries, entry_id, ledger_path)
    if entry.void:
        raise EntryError(
            f"{ledger_path}: entry {entry.id} withdraws {entry.corrects}; a withdrawal cannot be corrected"
        )
    later = corrected_by(entries).get(entry.id)
    if later is not None and later.void:
        raise EntryError(f"{ledger_path}: entry {entry.id} was withdrawn by {later.id}; record a new figure instead")
    if later is not None:
        raise EntryError(
            f"{ledger_path}: entry {entry.id} was already corrected by {later.id}; {verb} {later.id} instead"
        )
    return entry


def amend(
    plan: Plan,
    entries: list[Entry],
    entry_id: str,
    *,
    reason: str | None,
    recorded: datetime,
    by: str | None,
    value: str | None = None,
    day: date | None = None,
    unit: str | None = None,
    note: str | None = None,
    source: str | None = None,
    status: str | None = None,
    milestone: str | None = None,
    month_value: str | None = None,
    ledger_path: str = "progress.toml",
    force: bool = False,
    allow_duplicates: bool = False,
) -> Entry:
    """A validated entry that replaces ``entry_id``: its fields, with the given ones changed.

    A new ``value`` without ``unit`` is in the target's unit, as in ``record`` (a bare 320.1
    corrects 3186000 万元 to 320.1 亿元), and a month figure (当月) kept from the old entry is
    converted into the new value's unit; without a new value, the old figure keeps its own unit,
    and ``unit`` alone relabels it: the figures were right and their unit wrong, so the figure
    and its month figure keep their digits and both take ``unit`` (3186000 亿元 with 1086000 亿元
    this month becomes 3186000 万元 with 1086000 万元).
    The meaning and duplicate checks run as in :func:`~ledger.record.record`, against the
    entries that count apart from the chain being corrected; ``force`` or ``allow_duplicates``
    alone (no other change) marks the entry as confirmed, so ``tracker check`` stops reporting
    it. Raises :class:`~ledger.errors.EntryError` when the id is unknown, the entry was already
    corrected or withdrawn, no change or no reason is given, or the new figure fails a check.
    """
    from . import units
    from .record import confirm

    old = _correctable(entries, entry_id, ledger_path, reason)
    if month_value is not None and (target := plan.target(old.target)).kind is not Kind.TOTAL:
        shown = value if value is not None else plain(old.value) if old.value is not None else None
        if target.kind is Kind.MILESTONE:
            shown = value if value is not None else status
        raise month_value_refused(target, shown, month_value, day or old.date, unit, amend=old.id)
    changes = (value, day, unit, note, source, status, milestone, month_value)
    if all(x is None for x in changes) and not (force or allow_duplicates):
        raise EntryError(
            f"{old.id}: nothing to change; give a new value, --date, --unit, --note, --source or --status, "
            "or --force to keep the figure as it is"
        )
    new_unit = unit if unit is not None else (old.unit if old.value is not None and value is None else None)
    if month_value is None and old.month_value is not None:
        month = old.month_value
        if value is not None:
            # A new figure, its month's own kept: the month figure, right in its own unit, is
            # converted into the new figure's unit (108600 万元 beside a new 320.1 is 10.86 亿元).
            to = new_unit if new_unit is not None else plan.target(old.target).unit
            if old.unit is not None and to is not None:
                with contextlib.suppress(units.UnitError):  # build_entry reports the unit
                    month = units.convert(month, old.unit, to)
        # Else the figures stay as they were typed: with --unit alone their unit was what was
        # wrong, so both are relabelled alike (3186000 and 1086000 亿元 become 万元), never one
        # relabelled and the other converted.
        month_value = plain(month)
    if old.status is not None:  # a milestone entry: its status is its value
        new_value, new_status = value, status if status is not None or value is not None else old.status.value
        new_milestone = milestone if milestone is not None else old.milestone
    else:
        new_value = value if value is not None else plain(old.value) if old.value is not None else None
        new_status, new_milestone = status, milestone
    fresh = build_entry(
        plan,
        old.target,
        new_value,
        day=day or old.date,
        recorded=recorded,
        unit=new_unit,
        status=new_status,
        milestone=new_milestone,
        month_value=month_value,
        note=note if note is not None else old.note,
        source=source if source is not None else old.source,
        by=by,
        taken_ids=frozenset(e.id for e in entries),
        period=str(old.period) if old.period is not None else None,  # a rank keeps its assessment year
    )
    fresh = fresh._replace(corrects=old.id, reason=reason.strip() if reason else None)
    if _same(fresh, old) and not ((force or allow_duplicates) and not old.forced):
        raise EntryError(
            f"{old.id}: the correction changes nothing; give a different value, date, unit, note or source"
        )
    confirmed = confirm(plan, entries, fresh, force=force, allow_duplicates=allow_duplicates)
    if (force or allow_duplicates) and all(x is None for x in changes):
        confirmed = confirmed._replace(forced=True)  # kept as it is, on purpose
    return confirmed


def _same(new: Entry, old: Entry) -> bool:
    """Whether a correction would record what the entry already says (units compared as units)."""
    from . import units

    fields = ("date", "status", "milestone", "note", "source", "month_value")
    if any(getattr(new, f) != getattr(old, f) for f in fields):
        return False
    if (new.value is None) != (old.value is None):
        return False
    if new.value is None or old.value is None:
        return True
    same_unit = (new.unit is None and old.unit is None) or (
        new.unit is not None and old.unit is not None and units.canonical(new.unit) == units.canonical(old.unit)
    )
    return same_unit and new.value == old.value and str(new.value) == str(old.value)


def void(
    entries: list[Entry],
    entry_id: str,
    *,
    reason: str | None,
    recorded: datetime,
    by: str | None,
    ledger_path: str = "progress.toml",
) -> Entry:
    """An entry that withdraws ``entry_id`` (``void = true``), so no report counts it.

    Raises :class:`~ledger.errors.EntryError` as :func:`amend` does (naming ``void`` as the fix).
    """
    old = _correctable(entries, entry_id, ledger_path, reason, "void")
    return Entry(
        id=new_id({e.id for e in entries}),
        target=old.target,
        date=old.date,
        recorded=recorded,
        corrects=old.id,
        void=True,
        reason=reason.strip() if reason else None,
        by=by,
    )
