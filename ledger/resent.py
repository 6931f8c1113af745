"""A department's corrected sheet sent again: which of its rows the ledger holds already.

A corrected July sheet differs from the July sheet imported before in a figure or two; its other
rows are the same figures, already in the ledger from that earlier import. Recording them again
would count an addition twice, and refusing them would make the user import the sheet twice
over. So an import that *corrects* an earlier append passes over the rows that append holds
already, and says so; everything else is judged as any import is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from .additions import _append_of, _batches
from .duplicates import fingerprint
from .entries import Entry
from .model import Kind, Plan


class Resent(NamedTuple):
    """What :func:`resent` found of a sheet sent again.

    ``passed`` maps the id of each new entry to pass over to the entry of the ledger it repeats
    (same target, date, milestone, figure in the target's unit, and for an addition the note);
    ``revised`` maps the id of each new reading (total, rate, rank, milestone) that gives another
    figure for one the earlier append recorded to that entry (the later counts);
    ``given`` are the ids of the ledger's entries the sheet gives again (``passed``'s values):
    for the rule on additions to a month already holding additions (:func:`ledger.additions.added_to`)
    they are the sheet's own rows, not additions recorded apart."""

    passed: dict[str, Entry]
    revised: dict[str, Entry]
    given: frozenset[str]
    grown: bool = False  # the sheet is a running list (台账) sent again with rows added, correcting nothing
    # The ids among passed's values that came in an append of several (an import), not one written
    # alone (a record, or a sheet of one row): what a note calls "an earlier import".
    imported: frozenset[str] = frozenset()


def resent(plan: Plan, existing: Sequence[Entry], new: Sequence[Entry], *, force: bool) -> Resent | None:
    """The rows of ``new`` (a sheet's entries, not yet appended) that repeat what an earlier
    append to the ledger (``existing``, in file order) recorded, when the sheet corrects that
    append; ``None`` when there are none.

    The sheet corrects an earlier append (an import, or a ``record``) when one of its rows gives,
    for a target, date, milestone (and for an addition, note) that append recorded, another figure
    than the one recorded, and either that figure was withdrawn or corrected since (``tracker
    void``, ``tracker amend``), or it is a reading (kinds other than increment: the later
    counts), or it is an addition not kept with ``force`` (the import is then refused with the
    ``tracker void`` that withdraws it, and this says which rows the import after it passes
    over). An addition kept with ``force`` adds up with the earlier one (two carriers' sheets):
    it says nothing of a correction, and of that append only readings given again are passed over
    (a reading repeated counts once; an addition repeated is refused as the duplicate it may be).
    A repeated row is passed over only when the entry it repeats counts (neither withdrawn nor
    corrected, nor for a reading followed by another of its date) and came in an append the sheet corrects, or corrects an entry of it; each entry
    of the ledger is repeated by one row at most."""
    # Nearly every import gives dates the ledger holds nothing on: then this costs a set look-up a row.
    places = {(e.target, e.date) for e in new}
    dates = {day for _, day in places}  # a sheet gives one date or a few: most entries fail the first test
    mine = [e for e in existing if e.date in dates and (e.target, e.date) in places]
    if not mine:
        return None
    targets = {e.target for e in mine}
    theirs = [e for e in existing if e.target in targets]  # a correction names an entry of its own target
    batch_of = _batches(existing)  # positions in the whole ledger: an append's entries follow its first
    by_id = {e.id: e for e in theirs}

    def origin(e: Entry) -> object:
        seen = set()
        while e.corrects is not None and e.corrects in by_id and e.id not in seen:
            seen.add(e.id)
            e = by_id[e.corrects]
        return _append_of(batch_of, e)

    replaced = {e.corrects for e in theirs if e.corrects is not None}
    # Each entry's fingerprint and append worked out once: a place may hold many (a sheet's carriers).
    keyed: dict[tuple[Any, ...], list[tuple[Entry, tuple[Any, ...], object]]] = {}
    latest: dict[tuple[Any, ...], Entry] = {}  # a reading's date: of several readings the later counts
    for e in mine:
        target = plan.find(e.target)
        if e.void or target is None:
            continue
        mark = fingerprint(target, e)
        # What the figure is for: its fingerprint without the figure and the status.
        keyed.setdefault(place := (mark[0], mark[1], *mark[4:]), []).append((e, mark, origin(e)))
        if e.id not in replaced and target.kind is not Kind.INCREMENT:
            latest[place] = e
    counted = {
        e.id
        for e in mine
        if e.id not in replaced and not e.void and ((t := plan.find(e.target)) is None or t.kind is Kind.INCREMENT)
    } | {e.id for e in latest.values()}
    twins: dict[tuple[Any, ...], list[tuple[Entry, object]]] = {}
    for group in keyed.values():
        for e, mark, append in group:
            if e.id in counted:
                twins.setdefault(mark, []).append((e, append))
    corrected: set[object] = set()
    added_up: set[object] = set()  # appends a forced addition adds up with: a sheet beside them, not again
    revised: dict[str, Entry] = {}
    marks: dict[str, tuple[Any, ...]] = {}
    repeats: set[str] = set()  # rows giving a figure the ledger holds for their place
    for n in new:
        target = plan.find(n.target)
        if target is None or n.void or n.corrects is not None:
            continue
        mark = marks[n.id] = fingerprint(target, n)
        addition = target.kind is Kind.INCREMENT
        for c, theirs_mark, append in keyed.get((mark[0], mark[1], *mark[4:]), ()):
            if theirs_mark == mark:
                repeats.add(n.id)  # of a figure counting or not: no revision, whatever else it is
                continue
            if c.id not in counted or not addition or not force:
                corrected.add(append)
            else:
                added_up.add(append)
            if c.id in counted and not addition:
                revised[n.id] = c
    # A running list (台账: one row an item, re-sent each month with the new rows added below the
    # old) repeats what it gave before and adds rows: its repeats are passed over, its new rows
    # judged as any import's (a new row in a month the ledger holds other additions for, which the
    # sheet does not repeat, is still an addition to that month, refused without --force).
    grown = not corrected and len(repeats) < len(marks) and bool(repeats)
    if not corrected and not added_up and not grown:
        return None
    passed: dict[str, Entry] = {}
    used: set[str] = set()
    for n in new:
        target = plan.find(n.target)
        if target is None or n.void or n.corrects is not None:
            continue
        reading = target.kind is not Kind.INCREMENT  # given again, it counts once all the same
        # An addition is an item of a running list only when it names its item (a carrier, a 备注):
        # two unnamed 3000 平方米 in one month may be two additions.
        listed = grown and (reading or bool(n.note and n.note.strip()))
        for twin, append in twins.get(marks[n.id], ()):
            if twin.id not in used and (append in corrected or (reading and append in added_up) or listed):
                passed[n.id] = twin
                used.add(twin.id)
                break
    if not passed:
        return None
    # A row that repeats a figure of the ledger revises nothing: it is a repeat, refused or passed over.
    revised = {k: v for k, v in revised.items() if k not in repeats}
    imported = frozenset(e.id for e in passed.values() if e.id in batch_of)
    return Resent(passed, revised, frozenset(used), grown, imported)
