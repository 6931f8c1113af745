"""``tracker check``: the whole ledger checked against the plan, and the targets a cron job
should be told about.

The plan and the ledger are read (and found well-formed) before this runs; here the entries
that count are checked against the plan, running totals are added up, and the report's targets
at or below ``--fail-on`` are picked out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .entries import Entry
from .errors import LedgerError, Problem
from .filters import Selection, narrow
from .meaning import check_ledger
from .model import FailOn, Plan
from .progress import StatusReport, TargetProgress, evaluate
from .switched_readings import switched_warnings
from .validate import entry_problems


@dataclass(frozen=True, slots=True)
class CheckResult:
    """A ledger that passed: its report as of the date asked, and the targets at or below
    ``fail_on`` (``offenders``, in plan order; empty without ``fail_on``)."""

    report: StatusReport
    entries: int
    offenders: list[TargetProgress]
    undigested: int = 0  # entries at the start written before digests (ledger.chain)
    head: str | None = None  # the last digest of the chain, to note elsewhere
    unpinned: int = 0  # of the undigested entries, how many no digest covers (chain.ChainReport)
    notes: tuple[Problem, ...] = ()  # questions that are no problem: switched_readings.switched_warnings


def check(
    plan: Plan,
    ledger_path: Path,
    entries: list[Entry],
    as_of: date,
    fail_on: FailOn | None,
    chosen: Selection | None = None,
    previous_entries: Sequence[Entry] = (),
    previous_ledger: Path | None = None,
    previous_broken: Problem | None = None,
    late_as_of: date | None = None,
) -> CheckResult:
    """Check every entry that counts against ``plan``, then the meaning checks over the whole
    ledger (running totals against their month's figure, orders of magnitude, duplicates, a
    baseline on the wrong side: :func:`ledger.meaning.check_ledger`); evaluate the plan as of
    ``as_of``, its targets narrowed to ``chosen`` (``--owner``, ``--status`` …: every entry is
    checked all the same).

    Raises :class:`~ledger.errors.LedgerError` carrying every problem found, each naming
    ``ledger_path``, the line and the entry (or the plan and the target, for a baseline) and its
    fix: first the entry that no longer matches its digest (:func:`ledger.chain.verify`), then
    the entries wrong for the plan (:func:`ledger.validate.entry_problems`), then, when there are
    none of those, the meaning checks, those that involve the entry changed by hand saying so;
    last, each target's ``previous`` (上年实绩) that disagrees with last year's final figure in
    ``previous_entries`` (read from ``previous_ledger``: :func:`stale_problems`), or, when that
    ledger's chain is broken, ``previous_broken`` in their place
    (:func:`ledger.previous_ledger.read_last_year`: none of its figures is used). A valid ledger's
    result carries ``notes``: questions that change no exit code, an increment's year that may be
    running totals and then additions (:func:`ledger.switched_readings.switched_warnings`).
    A target not achieved only for want of its period-end figure counts as failing once any of
    its figures is late, by ``tracker due``'s reckoning as of ``late_as_of`` (the day itself
    when the plan has ended and no ``--as-of`` was given: ``as_of`` is then the plan's last day,
    on which December's figure is still awaited), else ``as_of``.
    """
    from .chain import verify

    # The digest chain first: an entry changed by hand is the evidence that history was edited,
    # and the figures judged against it are suspect, not the ones to amend.
    chain = verify(entries)
    broken = chain.problem(str(ledger_path))
    problems = [] if broken is None else [broken]
    notes: list[Problem] = []
    shape = entry_problems(plan, entries, ledger_path)
    problems += shape if chain.broken is None else [_edited(p, chain.broken) for p in shape]
    if not shape:  # the meaning checks convert units and read kinds: only for entries of the right shape
        findings = check_ledger(plan, entries)
        problems += [f.for_check(str(ledger_path), str(plan.path), chain.broken) for f in findings]
        notes = switched_warnings(plan, entries, ledger_path)
    if previous_broken is not None:
        problems.append(previous_broken)
    elif previous_ledger is not None:
        problems += stale_problems(plan, previous_entries, previous_ledger)
    if problems:
        raise LedgerError(problems)
    report = evaluate(plan, entries, as_of)
    if chosen is not None:
        report = narrow(report, chosen)
    failing = fail_on.statuses() if fail_on is not None else frozenset()
    # A target not achieved only for want of the period's figure is not behind while that figure
    # is awaited: `due` owes it. Once a figure of it is late (by `due`'s own reckoning) the target
    # is named: a year whose figures stopped in June (July to November late) must not pass.
    waiting = {t.target.id for t in report.targets if t.status in failing and t.final_missing}
    late = _late_finals(plan, entries, late_as_of or as_of, [t for t in report.targets if t.target.id in waiting])
    offenders = [
        t for t in report.targets if t.status in failing and (t.target.id not in waiting or t.target.id in late)
    ]
    notes += [_final_note(t, late.get(t.target.id), plan) for t in report.targets if t.target.id in waiting]
    return CheckResult(report, len(entries), offenders, chain.undigested, chain.head, chain.unpinned, tuple(notes))


def _late_finals(
    plan: Plan, entries: Sequence[Entry], as_of: date, targets: Sequence[TargetProgress]
) -> dict[str, date]:
    """Of ``targets`` (each without its period-end figure), those with a figure late as of
    ``as_of`` by :func:`ledger.due.owed`, the reckoning of ``tracker due`` (its release day
    passed): the period-end figure, or an earlier one (figures that stopped in June): target id →
    the oldest late figure's due day."""
    from .due import DueState, owed

    return {
        o.target.id: o.due for o in owed(plan, entries, as_of, [t.target for t in targets]) if o.state is DueState.LATE
    }


def _final_note(p: TargetProgress, late_since: date | None, plan: Plan) -> Problem:
    """The note on a target not achieved only for want of its period-end figure: its latest
    reading and that reading's date, and whether the figure for the period's end is awaited
    (``late_since`` ``None``: ``check --fail-on`` leaves it to ``tracker due``) or late since
    ``late_since``, its due day (the target is among the offenders)."""
    from .due import due_day

    t = p.target
    unit = f" {t.unit}" if t.unit else ""
    latest = f"latest {p.current}{unit} as of {p.current_date}" if p.current is not None else "no figure recorded"
    if late_since is None:
        due = due_day(t.due, t.release_day)
        state = f"the figure for {t.due} is awaited (due {due}, `tracker due`): not counted as behind until then"
    else:
        state = f"its figures are late since {late_since} (`tracker due`): not achieved, its shortfall unknown"
    where = f"target {t.id!r}"
    return Problem(f"no period-end figure; {latest}; {state}", file=str(plan.path), where=where, target=t.id)


def _edited(problem: Problem, edited: Entry) -> Problem:
    """``problem`` of an entry wrong for the plan, its fix replaced when that entry is ``edited``,
    the one that no longer matches its digest: changed by hand, so what it says now may not be
    what was recorded, and amending it would write over the evidence."""
    if problem.entry != edited.id:
        return problem
    line = f" (line {edited.line})" if edited.line else ""
    fix = (
        f"but entry {edited.id}{line} no longer matches its digest (see above): it may have been changed by hand; "
        "compare it with a copy (git diff, a backup) and restore what tracker wrote before amending anything"
    )
    return problem._replace(fix=fix)


def stale_problems(plan: Plan, previous_entries: Sequence[Entry], previous_ledger: Path) -> list[Problem]:
    """One problem per target whose ``previous`` (上年实绩) is not last year's final figure in
    ``previous_entries`` (the ledger at ``previous_ledger``) in the target's unit, or whose
    ``baseline`` is that figure in another unit, naming the plan's line of the key and the figure
    to write (:func:`ledger.last_year.stale_previous`)."""
    from .last_year import last_year_plan, stale_previous
    from .plan_file import key_line
    from .plan_year import plan_years

    # named as the plan's years are everywhere: 2025, or 2025—2026 for a July–June year
    year = plan_years(last_year_plan(plan))
    problems = []
    for s in stale_previous(plan, previous_entries):
        what, fix = s.message(str(previous_ledger), year)
        line = key_line(plan.path, s.position, s.key)
        where = f"target {s.target.id!r}"
        problems.append(Problem(what, file=str(plan.path), line=line, where=where, target=s.target.id, fix=fix))
    return problems


def problems_document(
    problems: list[Problem],
    fail_on: FailOn | None,
    offenders: list[TargetProgress],
    as_of: date | None = None,
    notes: Sequence[Problem] = (),
) -> dict[str, Any]:
    """``tracker check --format json``: the ``tracker.problems/1`` document (``docs/json.md``).

    ``problems`` are what makes the plan or ledger invalid (empty when valid); ``offenders`` the
    targets at or below ``fail_on``, checked only for a valid ledger, as of ``as_of`` (``None``
    when the run stopped before that day was worked out: a plan with problems); ``notes`` the
    questions of a valid ledger that change no exit code (:attr:`CheckResult.notes`).
    """
    return {
        "schema": "tracker.problems/1",
        "as_of": as_of.isoformat() if as_of is not None else None,
        "valid": not problems,
        "problems": [p.to_json() for p in problems],
        "fail_on": fail_on.value if fail_on is not None else None,
        "offenders": [{"id": t.target.id, "name": t.target.name, "status": t.status.value} for t in offenders],
        "notes": [p.to_json() for p in notes],
    }
