"""What an append sees of the ledger: read under the lock, from the file as it is at that moment.

Every rule that depends on what the ledger already holds — only the latest link of a chain can be
corrected, a correction names an entry of its own target, an import does not repeat entries, the
meaning checks — is decided on a :class:`LedgerView`, so two processes racing cannot both pass
a check that only one of them may pass. The view holds every id and correction of the file, but
whole entries only of the targets the append writes: that is what such rules look at, and it
keeps ``record`` into a 100,000-entry ledger fast.
"""

from __future__ import annotations

from collections.abc import Callable, Set
from functools import cached_property
from operator import itemgetter
from pathlib import Path

from .entries import Entry
from .errors import Problem, TrackerError


class LedgerView:
    """The ledger at ``path`` as an append finds it under the lock.

    ``entries``: the whole entries of ``targets`` (the targets of the entries being appended),
    in file order, with their lines; read on first use, so an append whose rules do not look at
    them (a plain ``record``) does not pay for them. ``ids``: the id of every entry in the file.
    ``corrected``: every id that some entry corrects. ``count``: how many entries the file holds.
    ``whole``: every entry of the file, in file order (read on first use: for a rule that must
    tell an import's rows apart from the appends around them, as the checks before the lock did).
    """

    def __init__(
        self,
        path: Path,
        targets: frozenset[str],
        entries: Callable[[], list[Entry]],
        ids: Set[str],
        corrected: set[str],
        count: int,
        index: Callable[[], list[tuple[str, str, str | None]]],
        whole: Callable[[], list[Entry]],
    ) -> None:
        self.path, self.targets, self.ids, self.corrected, self.count = path, targets, ids, corrected, count
        self._entries, self._index = entries, index  # (id, target, corrects) of every entry, for messages
        self._whole = whole

    @cached_property
    def entries(self) -> list[Entry]:
        """The whole entries of :attr:`targets`, in file order."""
        return self._entries()

    @cached_property
    def whole(self) -> list[Entry]:
        """Every entry of the file, in file order: which entries came in one append (``batch``)
        can be told only from all of them."""
        return self._whole()

    def target_of(self, entry_id: str) -> str | None:
        """The target of any entry in the file, by id (a scan: for messages, not for loops)."""
        return next((t for i, t, _ in self._index() if i == entry_id), None)

    def corrected_by(self, entry_id: str) -> str | None:
        """The id of the first entry that corrects ``entry_id``, or ``None`` (a scan, for messages)."""
        if entry_id not in self.corrected:
            return None
        return next((i for i, _, c in self._index() if c == entry_id), None)


# A rule run under the lock: the view and the entries about to be written -> a problem each (with
# its fix); none means the append may go ahead. The meaning and duplicate checks of
# ledger.meaning plug in here (see record.record and importing.import_file).
Validation = Callable[[LedgerView, list[Entry]], list[Problem]]


class AppendRefused(TrackerError):
    """A rule decided under the lock refused an append; nothing was written. ``problems`` says why."""


_CORRECTS = itemgetter(Entry._fields.index("corrects"))  # by place: a batch holds 20,000 entries


def correction_problems(view: LedgerView, batch: list[Entry]) -> list[Problem]:
    """The chain rule, for corrections in ``batch`` (``amend``, ``void``, an imported export):
    each names an entry, in the ledger or earlier in the batch, of its own target, that is not a
    withdrawal and that nothing corrects yet (only the latest link of a chain can be corrected)."""
    if list(map(_CORRECTS, batch)).count(None) == len(batch):  # corrects nothing (asked in C)
        return []
    known = {e.id: e for e in view.entries}
    corrected: dict[str, str | None] = {}
    ledger = view.path
    problems = []
    for e in batch:
        old = known.get(e.corrects) if e.corrects is not None else None
        if e.corrects is None:
            pass
        elif old is None:
            other = view.target_of(e.corrects)
            problems.append(
                f"{ledger}: entry {e.id} corrects {e.corrects!r}, an entry of {other!r}, not of {e.target!r}; "
                "a correction names an entry of its own target"
                if other is not None
                else f"{ledger}: entry {e.id} corrects {e.corrects!r}, which no entry has as id"
            )
        elif old.target != e.target:
            problems.append(
                f"{ledger}: entry {e.id} corrects {old.id}, an entry of {old.target!r}, not of {e.target!r}; "
                "a correction names an entry of its own target"
            )
        elif old.void:
            problems.append(f"{ledger}: entry {old.id} withdraws {old.corrects}; a withdrawal cannot be corrected")
        elif old.id in corrected or old.id in view.corrected:
            later = corrected.get(old.id) or view.corrected_by(old.id)
            problems.append(
                f"{ledger}: entry {old.id} was already corrected by {later} (just now, by another tracker?); "
                f"{'void' if e.void else 'amend'} {later} instead"
            )
        else:
            corrected[old.id] = e.id
        known[e.id] = e
    return [Problem(p.removeprefix(f"{ledger}: "), file=str(ledger)) for p in problems]
