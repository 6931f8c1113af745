"""The checks of an import's rows against the ledger before anything is written
(:func:`check_rows`, :func:`lock_checks`): rival and duplicate entries, rows of a corrected sheet
the ledger holds already, and the refusals naming their rows.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from .entries import Entry
from .errors import Problem
from .model import Kind, Plan
from .numbers import plain
from .quick_rows import _UNIT_COUNT
from .readings import Outcome, Reading
from .validate import MAX_SHOWN, shorten
from .view import LedgerView, Validation

if TYPE_CHECKING:
    from .findings import Finding  # imported where used: meaning is loaded only by appends
    from .resent import Resent


def _figure(e: Entry) -> str:
    """An entry's figure as typed, with its unit (``766 亿元``, ``5.7%``), or its status."""
    if e.value is None:
        return str(e.status)
    return plain(e.value) + ("%" if e.unit == "%" else f" {e.unit or ''}".rstrip())


def _came_from(again: Resent) -> str:
    """Where the entries ``again`` passes over came from, by the day each was recorded: ``an
    earlier import on 2025-08-03`` (an append of several), ``an entry recorded on 2025-08-03`` (one
    written alone: a ``record``, or a sheet of one row), both joined by ``and`` when both."""
    olds = list({e.id: e for e in again.passed.values()}.values())
    said = []
    for imported, what in ((True, "an earlier import"), (False, "an entry recorded")):
        days = sorted({e.recorded.date().isoformat() for e in olds if (e.id in again.imported) == imported})
        if days:
            plural = (
                "entries recorded"
                if not imported and len([e for e in olds if e.id not in again.imported]) > 1
                else what
            )
            said.append(f"{'earlier imports' if imported and len(days) > 1 else plural} on {', '.join(days)}")
    return " and ".join(said)


def _passed_over(
    name: str, outcome: Outcome, again: Resent, notes: list[str], readings: Callable[[], list[Reading]]
) -> Outcome:
    """``outcome`` without the entries of a corrected sheet that the ledger holds already
    (``again``, :func:`ledger.resent.resent`), a note for them (and for each reading the sheet
    revises) added to ``notes``; the counts of units are those of the entries left, from
    ``readings()`` (how each entry of the sheet was read, in order) when the outcome has none."""
    row_of = dict(zip((e.id for e in outcome.entries), outcome.numbers, strict=True))
    rows = sorted({row_of[i] for i in again.passed})
    ids = ", ".join(dict.fromkeys(e.id for e in again.passed.values()))
    said = f"row {rows[0]}" if len(rows) == 1 else f"rows {', '.join(map(str, rows))}"
    if again.grown:
        earlier = f"{_came_from(again)}; the rows added since are imported"
    elif all(e.id in again.imported for e in again.passed.values()):
        earlier = "the earlier sheet this one corrects"
    else:  # some (or all) were typed with `record`: no sheet to speak of for those
        earlier = _came_from(again)
    notes.append(
        f"{name}: {said} passed over: the same figures are in the ledger already (entr{'y' if len(again.passed) == 1 else 'ies'} "
        f"{ids}), from {earlier}"
    )
    for entry_id, old in again.revised.items():
        e = next(x for x in outcome.entries if x.id == entry_id)
        notes.append(
            f"{name}: row {row_of[entry_id]}: {e.target} {_figure(e)} as of {e.date} revises entry {old.id} "
            f"({_figure(old)}): the later counts"
        )
    read = outcome.readings or readings()
    keep = [i for i, e in enumerate(outcome.entries) if e.id not in again.passed]
    counts = [0] * 5
    if len(read) == len(outcome.entries):
        for i in keep:
            if read[i].unit_from and outcome.entries[i].value is not None:
                counts[_UNIT_COUNT.get(read[i].unit_from, 0)] += 1
    _, given, headed, stated, signed = counts
    return dataclasses.replace(
        outcome,
        entries=[outcome.entries[i] for i in keep],
        numbers=[outcome.numbers[i] for i in keep],
        readings=[outcome.readings[i] for i in keep] if outcome.readings else [],
        running={k: v for k, v in outcome.running.items() if k not in again.passed}, passed=rows,
        units_given=given, units_headed=headed, units_stated=stated, units_signed=signed,
    )  # fmt: skip


def check_rows(plan: Plan, existing: list[Entry], outcome: Outcome, *, force: bool, allow_duplicates: bool,
               history: bool = False, again: Resent | None = None) -> Outcome:  # fmt: skip
    """The meaning and duplicate checks (:mod:`ledger.meaning`) over a sheet's entries, judged
    against the ledger and the rows above them: problems name the row and the option that keeps
    the figure; entries kept with ``force`` or ``allow_duplicates`` over a finding are marked
    ``forced``. ``history``: the rows carry their own ``recorded`` stamps (an export), so two
    figures for one target and date are a ledger's revision, not rival rows of one sheet (two
    ``record`` runs within one second share a stamp). ``again``: the sheet corrects an earlier
    one (:func:`ledger.resent.resent`) whose rows the ledger holds, passed over already: those
    entries are the sheet's own additions to their month, not additions recorded apart. Returns
    the outcome with these problems and marks added."""
    from .additions import added_to
    from .meaning import check_new

    findings = check_new(plan, existing, outcome.entries)
    if again is not None and again.given:
        judged = {f.target.id for f in findings if f.added}
        by_id = {e.id: e for e in existing if e.target in judged}
        apart: list[Finding] = []
        for f in findings:
            if not f.added or f.entry is None or again.given.isdisjoint(f.against):
                apart.append(f)
            elif there := [by_id[i] for i in f.against if i not in again.given and i in by_id]:
                apart.append(added_to(f.target, f.entry, there))
        findings = apart
    if outcome.running:
        from .additions import running_totals

        repeated = {f.entry.id for f in findings if f.duplicate and f.entry is not None}  # one message a row
        given = {k: v for k, v in outcome.running.items() if k not in repeated}
        findings += running_totals(plan, existing, outcome.entries, given, outcome.carriers)
    if history:  # an export's history says itself what it replaced, and what added up
        findings = [f for f in findings if not f.rival and not f.added]
    if not findings:  # as nearly every import: nothing to add, nothing to mark
        return outcome
    row_of = {e.id: n for e, n in zip(outcome.entries, outcome.numbers, strict=True)}
    # --allow-duplicates keeps a reading given again (the later counts, once) and a row repeated in
    # the sheet (two carriers' equal figures); never an addition repeating an earlier append's
    # (the sheet imported again): both would count.
    refused = [
        f for f in findings
        if not (allow_duplicates and not _again(f, row_of) if f.duplicate else force)
    ]  # fmt: skip
    # One message a row: a repeat of an earlier import's addition is also an addition to its month.
    first = {f.entry.id: f for f in reversed(refused) if f.entry is not None}
    problems = [
        Problem(
            _in_sheet(f, row_of, outcome.entries),
            where=f"row {row_of[f.entry.id]}",
            row=row_of[f.entry.id],
            target=f.target.id,
        )
        for f in refused
        if f.entry is not None and first[f.entry.id] is f
    ]
    fixes = []
    repeats = [f for f in refused if f.duplicate]
    if any(_again(f, row_of) for f in repeats):
        # --allow-duplicates would count an addition twice, and keeps none from the ledger: never
        # offered beside one, even for the readings it would keep (the file's additions stay refused).
        fixes.append("was this file imported before? its additions are counted already")
        fixes += _new_rows(outcome, refused + [f for f in findings if f.duplicate], row_of)
    elif any((not f.against or f.against[0] not in row_of) for f in repeats):
        fixes.append("was this file imported before? --allow-duplicates records them anyway")
    inside = [f for f in repeats if f.against and f.against[0] in row_of]
    if any(f.target.kind is not Kind.INCREMENT for f in inside):
        fixes.append("delete the repeated row, or record both with --allow-duplicates")
    if any(f.target.kind is Kind.INCREMENT for f in inside):
        # Deleting one of two equal additions loses it when they are two carriers' (3000 平方米 each)
        fixes.append(
            "if the rows are two additions (two carriers' figures), record both with --allow-duplicates, or tell "
            "them apart in a 备注 column; if a row was repeated by mistake, delete it"
        )
    if any(f.rival for f in refused):
        fixes.append("delete the row that is wrong, or record both with --force (the later counts)")
    if added := list(dict.fromkeys(i for f in refused if f.added for i in f.against)):
        voids = "; ".join(f"tracker void {i} --reason 更正" for i in added)
        then = "then import it"
        if rows := outcome.passed:
            said = f"row {rows[0]}" if len(rows) == 1 else f"rows {', '.join(map(str, rows))}"
            then = (
                f"then import it again ({said}, in the ledger already, {'is' if len(rows) == 1 else 'are'} passed over)"
            )
        fixes.append(
            f"if this sheet corrects the earlier figures, withdraw the ones it replaces ({voids}), {then}; "
            "if both add up (two carriers' sheets), import with --force"
        )
    if any(not f.duplicate and not f.rival and not f.added for f in refused):
        fixes.append("if these figures are right, import with --force")
    if problems:  # one line for the refusal: the last row's problem says what was done and what to do
        last = problems[-1]
        problems[-1] = last._replace(fix="; ".join(["nothing was imported", *filter(None, [last.fix]), *fixes]))
    kept = {f.entry.id for f in findings if f.entry is not None}
    entries = [e._replace(forced=True) if e.id in kept else e for e in outcome.entries]
    return dataclasses.replace(outcome, entries=entries, problems=outcome.problems + problems)


def _again(finding: Finding, row_of: dict[str, int]) -> bool:
    """Whether ``finding`` is an addition (``increment``) repeating an entry of the ledger, not a row
    above it in the sheet (``row_of``: the sheet's entries' rows, by id)."""
    return finding.target.kind is Kind.INCREMENT and (not finding.against or finding.against[0] not in row_of)


def _new_rows(outcome: Outcome, refused: list[Finding], row_of: dict[str, int]) -> list[str]:
    """What to do with a sheet re-sent with rows added (a running list, 台账) whose repeated
    additions name no item, so that they cannot be told from second additions: which rows are
    new. Empty when no row is new."""
    questioned = {f.entry.id for f in refused if f.entry is not None}
    new = [row_of[e.id] for e in outcome.entries if e.id not in questioned and e.value is not None]
    if not new:
        return []
    said = f"row {new[0]} is" if len(new) == 1 else f"rows {', '.join(map(str, new))} are"
    return [
        f"{said} not in the ledger yet: if the rows above were imported before, delete them from the sheet "
        "and import it again"
    ]


def _in_sheet(finding: Finding, row_of: dict[str, int], entries: list[Entry]) -> str:
    """A finding's message, naming the earlier row of the same sheet it is about: the row a
    repeat repeats, or the row that gives a rival figure for the same target and date."""
    from .duplicates import duplicate_message, rival_message

    other = finding.against[0] if (finding.duplicate or finding.rival) and finding.against else None
    e = finding.entry
    if finding.dated:
        return f"{finding.message}; which is it? correct the date or the note (备注)"
    if other is None or other not in row_of or e is None:
        return finding.message
    if finding.rival:
        rival = next(r for r in entries if r.id == other)
        return rival_message(finding.target, e, rival, (f"row {row_of[other]}", f"row {row_of[e.id]}"))
    return duplicate_message(finding.target, e, f"is given twice: row {row_of[other]} has it too", in_ledger=False)


def lock_checks(
    plan: Plan,
    name: str,
    outcome: Outcome,
    *,
    force: bool,
    allow_duplicates: bool,
    history: bool = False,
    judged: Sequence[Entry] | None = None,
    again: Resent | None = None,
) -> Validation:
    """The checks of an import that depend on what the ledger holds (:func:`check_rows`: the
    duplicate and meaning checks, among them the one on additions to a month that already holds
    additions), for :func:`~ledger.store.append_entries` to make again under the ledger's lock
    on the ledger as it is then, so that two imports at the same moment (one sheet twice, or a
    sheet and its corrected copy) cannot both pass a check only one of them may pass. The loser
    is refused with the very problems and advice it would have got had it come second
    (``outcome``: the sheet's entries and rows as :func:`check_rows` was given them; ``name``
    the file the problems name).

    ``judged`` are the ledger's entries that check was made against, before the lock: when the
    ledger under the lock holds exactly those for the batch's targets (nobody appended to them
    since), the check would give the same verdict and is not made again, so an import of 5,000
    rows holds the lock for no more than its write; else it is made whole (seconds, for such a
    sheet, while the others wait). An entry the checks now find and ``force`` or
    ``allow_duplicates`` keeps is marked ``forced`` in the batch written. ``again``: the rows of a
    corrected sheet passed over before the lock (:func:`ledger.resent.resent`), which stay passed
    over: the entries they repeat are in the ledger still, whatever landed since."""
    # The marks the rows had before check_rows made its own: a restored export's rows carry theirs.
    marks = [e.forced for e in outcome.entries]

    def validate(view: LedgerView, batch: list[Entry]) -> list[Problem]:
        if judged is not None and view.entries == [e for e in judged if e.target in view.targets]:
            return []  # the same entries, in the same order and lines, as check_rows judged
        # The batch, not outcome.entries: append_entries may have given an entry a fresh id.
        entries = [e._replace(forced=f) if e.forced != f else e for e, f in zip(batch, marks, strict=True)]
        # The whole ledger, as before the lock: which entries came in one append is told from all of them.
        judged_now = check_rows(
            plan, view.whole, dataclasses.replace(outcome, entries=entries), force=force,
            allow_duplicates=allow_duplicates, history=history, again=again,
        )  # fmt: skip
        problems = _refusals(name, judged_now)
        if not problems:
            batch[:] = judged_now.entries  # with the marks of what was kept over a check
        return problems

    return validate


def _refusals(name: str, outcome: Outcome) -> list[Problem]:
    """The problems that refuse the import, shortened to :data:`~ledger.validate.MAX_SHOWN`, each
    naming the file; the advice that closes the list (what was not imported, and the option
    that keeps the rows) is kept whole."""
    rows = [p._replace(file=name) for p in outcome.problems if p.row is not None]
    advice = [p._replace(file=name) for p in outcome.problems if p.row is None]
    if not rows and not advice:
        return []
    return [*shorten(rows, Problem(f"… and {len(rows) - MAX_SHOWN} more rows with problems", file=name)), *advice]
