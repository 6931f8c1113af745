"""The monthly sheet a department (责任单位) fills in and returns: which rows it holds.

One row per target the unit answers for (one per milestone of a task with milestones) that
reports in the month, with the last figure recorded and its date; or, for a plan that names no
owners (or ``--all``), one sheet of every target, the office's own monthly template.
:mod:`ledger.render.department` writes the rows as a workbook (or CSV) that ``tracker import``
reads back as returned.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from .dates import month_end
from .due import period_ends
from .entries import Entry, effective
from .errors import Problem, TrackerError
from .model import Kind, Milestone, MilestoneStatus, Plan, Target
from .progress import value_in_unit


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One row of a department's sheet: a target (and one of its milestones, if it has them)
    with the last figure recorded (in the target's unit) or the milestone's last status."""

    target: Target
    milestone: Milestone | None
    last: Decimal | MilestoneStatus | None
    last_date: date | None


def reports_in(plan: Plan, target: Target, month: date) -> bool:
    """Whether ``target`` has a period ending in ``month``'s month (a quarterly one in March,
    June, September and December; a yearly one in its last month)."""
    return any((p.year, p.month) == (month.year, month.month) for p in period_ends(plan, target))


def sheet_rows(plan: Plan, entries: Iterable[Entry], targets: Sequence[Target], month: date) -> list[SheetRow]:
    """The rows for ``targets`` that report in ``month``, in plan order, with the last figure of
    each recorded on or before ``month``'s end (``entries`` are the ledger's; corrections are
    applied here)."""
    end = month_end(month.year, month.month)
    chosen = [t for t in targets if reports_in(plan, t, end)]
    latest: dict[str, Entry] = {}
    last_status: dict[tuple[str, str | None], Entry] = {}
    for e in sorted(effective(entries), key=lambda e: e.date):  # stable: ledger order within a day
        if e.date > end:
            continue
        latest[e.target] = e
        if e.status is not None:
            last_status[(e.target, e.milestone)] = e
    rows: list[SheetRow] = []
    for t in chosen:
        if t.kind is Kind.MILESTONE:
            for m in t.milestones or (None,):
                got = last_status.get((t.id, m.id if m else None))
                rows.append(SheetRow(t, m, got.status if got else None, got.date if got else None))
            continue
        last = latest.get(t.id)
        figure = value_in_unit(last, t) if last is not None and last.value is not None else None
        rows.append(SheetRow(t, None, figure, last.date if last is not None else None))
    return rows


def file_name(owner: str, month: date, extension: str = "xlsx") -> str:
    """``科技局-2025-06.xlsx``: the owner's name made safe for a file name, and the month."""
    safe = re.sub(r'[\\/:*?"<>|\s]+', "_", owner).strip("._") or "owner"
    return f"{safe}-{month:%Y-%m}.{extension}"


ALL = "all"  # the file-name stem of the one sheet of every target (``all-2025-06.xlsx``)


class SheetFiles(NamedTuple):
    """What ``tracker sheet`` writes: ``(owner, file)`` per sheet, ``owner`` None for the one
    sheet of every target chosen; and the targets chosen that report in the month but name no
    owner, so are in no unit's sheet (empty when the sheet of every target is written)."""

    files: list[tuple[str | None, Path]]
    unowned: list[Target]


def sheet_files(
    plan: Plan,
    chosen: Sequence[Target],
    owners: Sequence[str],
    month: date,
    output: str | None,
    fmt: str,
    every: bool = False,
) -> SheetFiles:
    """The sheets to write for ``month``: one per responsible unit (``owners`` if given, else
    every unit the ``chosen`` targets name), or, with ``every`` or when the plan names no owner
    at all, one sheet of every chosen target (``all-2025-06.xlsx``), whoever answers for it.

    ``output`` is the file when one sheet is written for one named owner or for every target,
    else a folder (an existing one, or a name ending in ``/``; default the current folder) that
    gets ``科技局-2025-06.xlsx`` and so on; ``fmt`` ("xlsx" or "csv") is the files' extension.
    Raises :class:`~ledger.errors.TrackerError` when several sheets would go to one file, or
    when the targets chosen (by ``--action``, ``--target``, ``--tag``) name no owner in a plan
    that names some, or for a month outside the plan period (its figures could not be imported)."""
    first, end = month.replace(day=1), month_end(month.year, month.month)
    if end < plan.start or first > plan.end:
        message = f"--month {month:%Y-%m} is outside the plan period {plan.start} to {plan.end}"
        fix = f"give a month of the plan, e.g. --month {plan.end:%Y-%m}"
        from .neighbour_plans import next_door  # reads the folder: only for a refusal

        if (door := next_door(plan, end)) is not None:  # last December's sheet asked for in January
            where, option = door
            fix = f"{where}: write its sheet with {option or '--targets and that plan'}"
        raise TrackerError(Problem(message, file=str(plan.path), fix=fix))
    if every or not plan.owners():
        return SheetFiles([(None, p) for _, p in plan_files([ALL], month, output, fmt, one=True)], [])
    names = list(owners) or list(dict.fromkeys(t.owner for t in chosen if t.owner))
    if not names:
        message = "the targets chosen name no owner"
        raise TrackerError(Problem(message, file=str(plan.path), fix="add --all for one sheet of them"))
    unowned = [] if owners else [t for t in chosen if not t.owner and reports_in(plan, t, end)]
    files = plan_files(names, month, output, fmt, one=bool(owners) and len(names) == 1)
    return SheetFiles([(o, p) for o, p in files], unowned)


def plan_files(owners: Sequence[str], month: date, output: str | None, fmt: str, one: bool) -> list[tuple[str, Path]]:
    """``(owner, file)`` for each sheet to write. With ``one`` owner, ``output`` may name the
    file; otherwise it is a folder (an existing one, or a name ending in ``/``; default the
    current folder) that gets ``科技局-2025-06.xlsx`` and so on. Raises
    :class:`~ledger.errors.TrackerError` when several sheets would go to one file."""
    folder_named = output is not None and (output.endswith(("/", "\\")) or Path(output).is_dir())
    if output is not None and not folder_named:
        if not one:
            message = f"{len(owners)} owners need a folder"
            fix = "give -o DIR/ (or --owner for one unit's sheet, --all for one sheet of every target)"
            raise TrackerError(Problem(message, file=output, fix=fix))
        return [(owners[0], Path(output))]
    folder = Path(output) if output is not None else Path(".")
    return [(owner, folder / file_name(owner, month, fmt)) for owner in owners]
