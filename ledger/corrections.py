"""Corrections: amending or withdrawing an entry by appending a new one that names it.

Nothing is ever edited. ``amend`` appends an entry with ``corrects = <id>`` that replaces the
old one in every report; ``void`` appends one with ``void = true`` that withdraws it. Only the
latest link of a chain can be corrected, so the trail stays a simple line that
``tracker log --all`` can follow.
"""

from __future__ import annotations

from datetime import date, datetime

from .entries import Entry, new_id
from .errors import EntryError, suggest
from .model import Plan
from .numbers import plain
from .record import build_entry


def corrected_by(entries: list[Entry]) -> dict[str, Entry]:
    """For each corrected entry id, the entry that corrects (or withdraws) it."""
    return {e.corrects: e for e in entries if e.corrects is not None}


def find_entry(entries: list[Entry], entry_id: str, ledger: str) -> Entry:
    """The entry with this id, or with this unique prefix of at least 4 characters (as git allows).

    Raises :class:`~ledger.errors.EntryError` naming the ledger and suggesting close ids.
    """
    for e in entries:
        if e.id == entry_id:
            return e
    if len(entry_id) >= 4:
        matches = [e for e in entries if e.id.startswith(entry_id)]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise EntryError(f"{ledger}: {entry_id!r} is the start of {len(matches)} entry ids; give more of it")
    hint = suggest(entry_id, [e.id for e in entries])
    fix = f"did you mean {hint}?" if hint else "`tracker log --all` lists the ids"
    raise EntryError(f"{ledger}: no entry {entry_id!r}; {fix}")


def _correctable(entries: list[Entry], entry_id: str, ledger: str, reason: str | None) -> Entry:
    if reason is None or not reason.strip():
        raise EntryError('give the reason for the correction with --reason, e.g. --reason "核实数"')
    entry = find_entry(entries, entry_id, ledger)
    if entry.void:
        raise EntryError(f"{ledger}: entry {entry.id} withdraws {entry.corrects}; a withdrawal cannot be corrected")
    later = corrected_by(entries).get(entry.id)
    if later is not None and later.void:
        raise EntryError(f"{ledger}: entry {entry.id} was withdrawn by {later.id}; record a new figure instead")
    if later is not None:
        raise EntryError(f"{ledger}: entry {entry.id} was already corrected by {later.id}; amend {later.id} instead")
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
    ledger: str = "progress.toml",
) -> Entry:
    """A validated entry that replaces ``entry_id``: its fields, with the given ones changed.

    A new ``value`` without ``unit`` is taken in the old entry's unit. Raises
    :class:`~ledger.errors.EntryError` when the id is unknown, the entry was already corrected
    or withdrawn, no change or no reason is given, or the new figure fails validation.
    """
    old = _correctable(entries, entry_id, ledger, reason)
    if all(x is None for x in (value, day, unit, note, source, status, milestone)):
        raise EntryError(f"{old.id}: nothing to change; give a new value, --date, --unit, --note, --source or --status")
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
        unit=unit if unit is not None else (old.unit if old.value is not None else None),
        status=new_status,
        milestone=new_milestone,
        note=note if note is not None else old.note,
        source=source if source is not None else old.source,
        by=by,
        taken_ids=frozenset(e.id for e in entries),
    )
    return fresh._replace(corrects=old.id, reason=reason.strip() if reason else None)


def void(
    entries: list[Entry],
    entry_id: str,
    *,
    reason: str | None,
    recorded: datetime,
    by: str | None,
    ledger: str = "progress.toml",
) -> Entry:
    """An entry that withdraws ``entry_id`` (``void = true``), so no report counts it.

    Raises :class:`~ledger.errors.EntryError` as :func:`amend` does.
    """
    old = _correctable(entries, entry_id, ledger, reason)
    return Entry(
        id=new_id(e.id for e in entries),
        target=old.target,
        date=old.date,
        recorded=recorded,
        corrects=old.id,
        void=True,
        reason=reason.strip() if reason else None,
        by=by,
    )
