"""The ledger's history for ``tracker log``: entries in as-of order, with their corrections."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .corrections import corrected_by
from .entries import Entry


class EntryState(StrEnum):
    """Where an entry stands after corrections."""

    CURRENT = "current"  # counts in reports
    SUPERSEDED = "superseded"  # replaced by a later correction
    WITHDRAWN = "withdrawn"  # voided by a later entry
    WITHDRAWAL = "withdrawal"  # the entry that voids another; counts for nothing itself


@dataclass(frozen=True, slots=True)
class LogRow:
    """One entry of the history, its state, and the id of the entry that replaced it (if any)."""

    entry: Entry
    state: EntryState
    replaced_by: str | None = None


def history(
    entries: list[Entry],
    *,
    target: str | None = None,
    since: date | None = None,
    until: date | None = None,
    include_all: bool = False,
) -> list[LogRow]:
    """Entries in as-of order (then by when recorded), filtered by target and as-of dates
    (inclusive). Without ``include_all`` only entries that count are listed."""
    later = corrected_by(entries)
    rows = []
    for e in sorted(select(entries, target=target, since=since, until=until), key=lambda e: (e.date, e.recorded)):
        successor = later.get(e.id)
        if e.void:
            state = EntryState.WITHDRAWAL
        elif successor is None:
            state = EntryState.CURRENT
        else:
            state = EntryState.WITHDRAWN if successor.void else EntryState.SUPERSEDED
        if include_all or state is EntryState.CURRENT:
            rows.append(LogRow(e, state, successor.id if successor else None))
    return rows


def select(
    entries: list[Entry],
    *,
    target: str | None = None,
    since: date | None = None,
    until: date | None = None,
    targets: Collection[str] | None = None,
) -> list[Entry]:
    """The entries of ``target`` (any, if ``None``), or of any of ``targets`` (ids; any, if
    ``None``), as of ``since`` to ``until`` (inclusive; open-ended where ``None``), in file order,
    corrections and withdrawals included."""
    return [
        e
        for e in entries
        if (target is None or e.target == target)
        and (targets is None or e.target in targets)
        and (since is None or e.date >= since)
        and (until is None or e.date <= until)
    ]
