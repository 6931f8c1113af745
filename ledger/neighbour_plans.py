"""The plans on either side of a plan: the one before it (whose ledger is its ``previous_ledger``)
and the one after (the ``targets-2026.toml`` that ``tracker init --from`` wrote beside it).

A figure, an entry id or a late figure that is not this plan's may be the plan next door's: a
refusal names that plan's file so that the fix is one option away (``--targets targets.toml``).
A plan does not name its predecessor's file, only its ledger: the predecessor is found as the one
plan file in that ledger's folder whose ``ledger`` (by default ``progress.toml``) is that file.
These read files (the folder, a plan's first lines); nothing here reads the clock.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .dates import shift_years
from .entries import Entry
from .errors import EntryError, Problem, TrackerError
from .model import Plan

if TYPE_CHECKING:
    from .due import Owed
    from .filters import Selection
from .plan_year import next_plan_name, next_year, years_to_next

# A plan file's [plan] table comes within its first lines (after the comments init --from
# writes); a ledger of a year's entries has none, and need not be read whole to see that.
_HEAD_BYTES = 65536
_PLAN_TABLE = re.compile(rb"^\s*\[plan\]\s*$", re.MULTILINE)


def _same(a: Path, b: Path) -> bool:
    return os.path.abspath(a) == os.path.abspath(b)


def _ledger_named(path: Path) -> Path | None:
    """The ledger the plan file at ``path`` names, beside it; ``None`` if it is no plan file."""
    try:
        with open(path, "rb") as f:
            head = f.read(_HEAD_BYTES)
        if not _PLAN_TABLE.search(head):
            return None
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    table = raw.get("plan")
    name = table.get("ledger", "progress.toml") if isinstance(table, dict) else None
    if not isinstance(name, str):
        return None
    ledger = Path(name)
    return ledger if ledger.is_absolute() else path.parent / ledger


def previous_plan_file(plan: Plan) -> Path | None:
    """The file of the plan before ``plan``: the one ``*.toml`` in the folder of ``plan``'s
    ``previous_ledger`` whose ledger is that file, as the path is given (``targets.toml`` beside
    ``targets-2026.toml``). ``None`` when the plan names no previous ledger, or no file or more
    than one names it (the refusal then names the ledger alone)."""
    previous = plan.previous_ledger
    if previous is None:
        return None
    folder = previous.parent
    try:
        names = sorted(p.name for p in folder.iterdir() if p.suffix == ".toml")
    except OSError:
        return None
    found = [
        folder / name
        for name in names
        if not _same(folder / name, plan.path)
        and not _same(folder / name, previous)
        and not _same(folder / name, plan.ledger)
        and (named := _ledger_named(folder / name)) is not None
        and _same(named, previous)
    ]
    return found[0] if len(found) == 1 else None


def next_plan_file(plan: Plan) -> Path | None:
    """The next plan's file that ``tracker init --from`` writes beside ``plan``
    (``targets-2026.toml``), if it is there."""
    path = plan.path.with_name(next_plan_name(next_year(plan)))
    return path if path.is_file() else None


def in_next_plan(plan: Plan, day: date) -> bool:
    """Whether ``day`` falls in the period of the plan after ``plan`` (its dates moved)."""
    try:
        last = shift_years(plan.end, years_to_next(plan))
    except ValueError:  # past the calendar's end: every later day is the next plan's
        return plan.end < day
    return plan.end < day <= last


def previous_plan(plan: Plan) -> Plan | None:
    """The plan before ``plan`` (:func:`previous_plan_file`), loaded; ``None`` if it is not found
    or does not load (a refusal pointing at it would then lead nowhere)."""
    if plan.previous_ledger is None:
        return None
    try:  # a file added to or removed from the folder changes its time, and what is found there
        stamp = plan.previous_ledger.parent.stat().st_mtime_ns
    except OSError:
        return None
    return _previous_plan(plan, os.getcwd(), stamp)


def _previous_plan(plan: Plan, cwd: str, stamp: int) -> Plan | None:
    # Found once per folder state: an import refuses each of its rows dated in last year, and
    # each refusal names the plan.
    key = (cwd, stamp, str(plan.path), str(plan.previous_ledger), str(plan.ledger))
    if key not in _FOUND:
        from .plan_file import load_plan

        path = previous_plan_file(plan)
        try:
            _FOUND[key] = None if path is None else load_plan(path)
        except TrackerError:
            _FOUND[key] = None
    return _FOUND[key]


_FOUND: dict[tuple[str, int, str, str, str], Plan | None] = {}


def next_door(plan: Plan, day: date) -> tuple[str, str | None] | None:
    """Where ``day``, outside ``plan``'s period, belongs when a plan beside it holds it: the words
    saying so and the ``--targets`` option that reaches that plan (``None`` when this plan names a
    previous ledger whose plan was not found: the words then name the ledger). ``None`` when no
    plan next door is known to hold it."""
    if day < plan.start and plan.previous_ledger is not None:
        before = previous_plan(plan)
        if before is None:
            where = (
                f"a figure before {plan.start} belongs to the previous plan, whose ledger "
                f"{plan.previous_ledger} is this plan's previous_ledger"
            )
            return where, None
        if before.start <= day <= before.end:
            where = f"{day} is in the previous plan's period ({before.path}, {before.start} to {before.end})"
            return where, targets_option(before.path)
    if day > plan.end and in_next_plan(plan, day) and (after := next_plan_file(plan)) is not None:
        return f"{day} is in the next plan's period ({after})", targets_option(after)
    return None


def outside_fixes(plan: Plan, last: date, day: date) -> tuple[str, str]:
    """How to put right a figure dated ``day``, outside ``plan``'s period (``last`` is the last day
    a figure of the target may have: the plan's end or the target's own earlier ``due``), on the
    command line and in a sheet: record it in the plan next door whose period holds it (``--targets
    targets.toml``, :func:`next_door`), or give a date within this plan, the example one of its
    own months nearest ``day`` (never a date that is refused in turn)."""
    door = next_door(plan, day)
    if door is not None:
        where, option = door
        if option is None:
            return f"{where}: give that plan with --targets", f"{where}: import it with --targets and that plan"
        return f"{where}: record it there with {option}", f"{where}: import it there with {option}"
    example = min(max(day, plan.start), last)
    months = f"from {plan.start:%Y-%m} to {last:%Y-%m}"
    return (
        f"give the date the figure refers to with --date, {months}, e.g. --date {example:%Y-%m}",
        f"give the date the figure refers to in the date column ({months}), or --date for rows without one",
    )


def before_start_refusal(plan: Plan, day: date) -> Problem | None:
    """The refusal of ``tracker check --as-of DAY`` for a ``day`` before ``plan`` starts, or
    ``None`` for a day from its start on. Such a check would judge every target with no figure due
    yet and pass whatever ``--fail-on`` asks (a January job checking December pointed at the new
    plan): the one line names the plan's period and the plan that holds ``day`` where a plan next
    door is known (:func:`next_door`: the previous plan, by ``previous_ledger``), else the months
    to give. (A day after the end is noted, not refused: the plan's final judgement stands then.)"""
    if day >= plan.start:
        return None
    span = f"{plan.start} to {plan.end}"
    message = f"--as-of {day} is before the plan period {span}: every target would pass, none being due anything yet"
    door = next_door(plan, day)
    if door is not None:
        where, option = door
        fix = (
            f"{where}: check it there with {option}"
            if option
            else f"check the previous plan (its ledger {plan.previous_ledger} is this plan's previous_ledger) with --targets"
        )
    else:
        fix = f"give a date from {plan.start:%Y-%m} to {plan.end:%Y-%m}, or check the plan that holds {day} with --targets"
    return Problem(message, file=str(plan.path), fix=fix)


def targets_option(path: Path) -> str:
    """``--targets PATH`` as a person types it, quoted when the path holds a space."""
    shown = str(path)
    return f"--targets {shown!r}" if any(c.isspace() for c in shown) else f"--targets {shown}"


def previous_entry_refusal(
    plan: Plan, entries: Sequence[Entry], entry_id: str, ledger_path: str, verb: str
) -> EntryError | None:
    """The refusal of ``amend``/``void`` (``verb``) of ``entry_id`` when no entry of ``entries``
    (``plan``'s ledger, at ``ledger_path``) has that id or starts with it, and the ledger of the
    plan before (``previous_ledger``) has it: it names that ledger and the ``--targets`` that
    reaches it. ``None`` otherwise (the usual "no entry" refusal then stands)."""
    previous = plan.previous_ledger
    if previous is None or not entry_id or any(e.id.startswith(entry_id) for e in entries):
        return None
    from .ledger_reader import load_ledger

    try:
        before = load_ledger(previous).entries
    except TrackerError:
        return None
    exact = any(e.id == entry_id for e in before)
    if not exact and (len(entry_id) < 4 or not any(e.id.startswith(entry_id) for e in before)):
        return None
    found = previous_plan_file(plan)
    how = targets_option(found) if found is not None else "--targets and the plan whose ledger that is"
    return EntryError(
        f"{ledger_path}: no entry {entry_id!r}; it is in the previous plan's ledger {previous}: {verb} it with {how}"
    )


@dataclass(frozen=True, slots=True)
class OwedBefore:
    """What the plan before this one still owes (``tracker due`` on next year's plan in January:
    last December's figures). ``ledger`` is this plan's ``previous_ledger``; ``plan`` the plan
    found for it (:func:`previous_plan`), ``None`` when none was, and then ``items`` is empty and
    nothing can be said of what it owes; ``items`` as :func:`~ledger.due.owed` gives them.
    ``missing``: the ledger itself is not there (``plan`` is then ``None``)."""

    ledger: Path
    plan: Plan | None
    items: tuple[Owed, ...]
    missing: bool = False

    def unchecked(self, plan_path: Path) -> str | None:
        """Why nothing could be said of what the plan before owes, as the one line ``due
        --fail-on late`` fails with (a plan naming a previous ledger promises that plan is
        checked: a script must not read "nothing late" into a check never made); ``None`` when
        it was checked. ``plan_path`` is this plan's file."""
        if self.plan is not None:
            return None
        if self.missing:
            return (
                f"{plan_path}: --fail-on late: the previous plan's figures were not checked: its ledger "
                f"{self.ledger} (previous_ledger) is not there; fix previous_ledger in {plan_path.name}"
            )
        return (
            f"{plan_path}: --fail-on late: the previous plan's figures were not checked: no one plan file beside "
            f"{self.ledger} names it as its ledger; put that plan back beside it (one file naming it), or check "
            f"it with tracker due --fail-on late --targets PLAN"
        )


def owed_before(plan: Plan, as_of: date, chosen: Selection) -> OwedBefore | None:
    """The figures the plan before ``plan`` owes as of ``as_of``, of its targets ``chosen`` lets
    through (the same filter by owner, action, id or tag as this plan's); ``None`` when ``plan``
    names no previous ledger. When the ledger it names is not there, nothing can be said of what
    that plan owes: ``missing`` is set (``status`` and ``check`` refuse such a plan)."""
    previous = plan.previous_ledger
    if previous is None:
        return None
    if not previous.exists():  # a device or a pipe: load_ledger says which
        return OwedBefore(previous, None, (), missing=True)
    before = previous_plan(plan)
    if before is None:
        return OwedBefore(previous, None, ())
    from .due import owed
    from .filters import chosen_targets
    from .ledger_reader import load_ledger

    entries = load_ledger(previous).entries
    return OwedBefore(previous, before, tuple(owed(before, entries, as_of, chosen_targets(before, chosen))))
