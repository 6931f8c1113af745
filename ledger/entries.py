"""Entries: one recorded figure or status each, and how corrections combine them.

A correction is a new entry that ``corrects`` an earlier one (and may ``void`` it); nothing is
ever edited. The file that holds entries is :mod:`ledger.store`.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple

from .model import MilestoneStatus

# The order entries are written in. `recorded` comes last on purpose: a block cut short by a
# crash always lacks it, so a torn append can never pass for a complete entry.
KEYS = (
    "id", "target", "date", "value", "month_value", "unit", "status", "milestone", "note", "source", "by",
    "corrects", "void", "reason", "batch", "recorded",
)  # fmt: skip


class Entry(NamedTuple):
    """One recorded figure or status for one target (the ledger's line).

    ``value`` is as recorded, in ``unit`` (``None`` for a milestone status). ``date`` is the
    as-of date the figure refers to; ``recorded`` when it was written, with its UTC offset.
    ``line`` is where the entry starts in its file (0 for an entry not yet written).

    A named tuple rather than a dataclass: a year of a large plan holds 100,000 of them, and
    tuples are built several times faster than frozen dataclasses.
    """

    id: str
    target: str
    date: date
    recorded: datetime
    value: Decimal | None = None
    unit: str | None = None
    note: str | None = None
    source: str | None = None
    by: str | None = None
    corrects: str | None = None
    void: bool = False
    reason: str | None = None
    status: MilestoneStatus | None = None
    milestone: str | None = None
    line: int = 0
    month_value: Decimal | None = None  # the month's own figure (当月) beside a running total (1–N月累计)
    # On the first entry of an append of several (an import): how many entries that append
    # wrote, itself included. A reader that finds fewer before the end of the file knows the
    # append was cut short, and counts none of them.
    batch: int | None = None

    def to_toml(self) -> dict[str, Any]:
        """The entry as the ledger stores it: keys in :data:`KEYS` order, absent fields left out."""
        out: dict[str, Any] = {}
        for key in KEYS:
            value = getattr(self, key)
            if isinstance(value, MilestoneStatus):
                value = value.value
            elif isinstance(value, Decimal) and value.as_tuple().exponent >= 0:  # type: ignore[operator]
                value = int(value)  # as typed: 680 stays 680 (tomli-w would write 680.0)
            if value is not None and value is not False:
                out[key] = value
        return out


def new_id(taken: Collection[str] = ()) -> str:
    """A fresh entry id: 10 lowercase hex digits (40 random bits), not among ``taken`` (a set,
    for large ledgers: it is not copied)."""
    while (candidate := os.urandom(5).hex()) in taken:
        pass
    return candidate


def effective(entries: Iterable[Entry]) -> list[Entry]:
    """The entries that count, after corrections: superseded and voided entries removed.

    An entry with ``corrects = X`` replaces X (and, through X, whatever X corrected); with
    ``void = true`` it withdraws X and counts for nothing itself. File order is kept.
    """
    items = list(entries)
    replaced = {e.corrects for e in items if e.corrects is not None}
    return [e for e in items if e.id not in replaced and not e.void]
