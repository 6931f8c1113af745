"""A reading of the whole (a total's running figure, a rate, a rank) given once per part of it: a
sheet's rows of one target, one date, told apart by a column the tracker does not read
(载体名称, 区域: 东区 500, 西区 342.7). Each row is one part's figure, never the zone's; kept as
two readings of one date, the later (342.7) would stand for the zone's 842.7 and ``check`` would
pass. Refused, pointing to the zone's own figure: the sheet's 合计, or the parts' sum when they
are all of it and the target is one whose parts add up (:func:`part_readings`). Additions
(kind increment) are each carrier's own and add up as rows do (:mod:`~ledger.carrier_totals`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from operator import itemgetter

from .entries import Entry
from .errors import Problem
from .model import Kind, Plan
from .numbers import plain
from .row_kinds import kind_of
from .sheets import Row
from .table import Column
from .target_parts import rows_text

# An entry's (target, date), by one slice of its tuple: two attribute reads and a zip cost 40 % more.
_TARGET_DATE = itemgetter(slice(Entry._fields.index("target"), Entry._fields.index("date") + 1))


def part_readings(
    plan: Plan,
    entries: Sequence[Entry],
    numbers: Sequence[int],
    rows: Sequence[Row],
    unread: Sequence[Column],
    cell: Callable[[Row, Column], str | None],
) -> list[Problem]:
    """The refusals of ``entries`` (made from the rows ``numbers``, of ``rows``) where two or more
    of one target that is no addition, as of one date, differ in a column no field reads
    (``unread``: 载体名称, 区域; ``cell`` gives a row's text there): one refusal per target and
    date, on its first row, naming the column, each part's figure and, for a target whose parts
    add up (kind total, one unit), the ``tracker record`` line of their sum. Raises nothing."""
    # Without a column no field reads, no entries can be told apart as parts (most sheets have none);
    # else two entries of one target and date, asked first of them all at once (in C): most sheets have none.
    if not unread or len(set(map(_TARGET_DATE, entries))) == len(entries):
        return []
    by_number = {row.number: row for row in rows}
    groups: dict[tuple[str, date], list[tuple[Entry, Row]]] = {}
    for e, n in zip(entries, numbers, strict=True):
        target = plan.find(e.target)
        if target is None or target.kind in (Kind.INCREMENT, Kind.MILESTONE) or e.value is None or e.void:
            continue
        if (row := by_number.get(n)) is not None:
            groups.setdefault((e.target, e.date), []).append((e, row))
    problems: list[Problem] = []
    for (tid, day), got in groups.items():
        if len(got) < 2:
            continue
        col = next((c for c in unread if len({cell(r, c) for _, r in got}) == len(got)), None)
        if col is None or any(not cell(r, col) for _, r in got):
            continue
        problems.append(_refusal(plan, tid, day, got, col, cell))
    return problems


def _refusal(
    plan: Plan,
    tid: str,
    day: date,
    got: list[tuple[Entry, Row]],
    col: Column,
    cell: Callable[[Row, Column], str | None],
) -> Problem:
    """The one line refusing ``got``: the parts of ``tid``'s one reading as of ``day`` by ``col``."""
    target = plan.find(tid)
    assert target is not None  # grouped by the plan's own targets
    first = got[0][1].number
    shown = rows_text([r.number for _, r in got])
    growth = next(((r, t) for _, r in got if (t := cell(r, col)) and kind_of(t) == "growth"), None)
    if growth is not None and all(kind_of(cell(r, col) or "") for _, r in got):
        # 绝对值（亿元）/ 增速（%）: the figure and its growth, never two parts to add up (842.7 + 6.1)
        row, text = growth
        return Problem(
            f"{shown} give {tid} as of {day.isoformat()} once per {col.label!r} ({col.letter}), which says what each "
            f"row's figure is: {text!r} ({col.letter}{row.number}) is a growth rate, never a part of {tid}",
            where=f"row {first}",
            row=first,
            fix=f"head column {col.letter} 类别"
            + (f" (or import without --map '{col.label}=ignore')" if col.mapped else "")
            + " so that each row is read as what it says",
        )
    parts = ", ".join(f"{cell(r, col)!r} {plain(e.value or Decimal(0))} {e.unit or target.unit}" for e, r in got)
    kind = {Kind.TOTAL: "a total", Kind.RATE: "a rate", Kind.RANK: "a rank"}.get(target.kind, str(target.kind))
    units = {e.unit or target.unit for e, _ in got}
    fix = "record the zone's own figure alone (the sheet's 合计, or a sheet of the whole)"
    if target.kind is Kind.TOTAL and len(units) == 1:
        total = sum((e.value or Decimal(0) for e, _ in got), Decimal(0))
        months = [e.month_value for e, _ in got]
        month = (
            f" --month-value {plain(sum((m or Decimal(0) for m in months), Decimal(0)))}"
            if all(m is not None for m in months)
            else ""
        )
        fix += (
            f"; if these rows are all of its parts, it is their sum: tracker record {tid} {plain(total)}"
            f"{f' --unit {unit}' if (unit := next(iter(units))) and unit != target.unit else ''}{month} "
            f"--date {day.isoformat()}"
        )
    else:
        fix += f"; {kind}'s parts do not add up to it"
    return Problem(
        f"{shown} give {tid} ({kind}: one reading of the whole) as of {day.isoformat()} once per {col.label!r} "
        f"({col.letter}): {parts}; each is a part's figure, never the zone's",
        where=f"row {first}",
        row=first,
        fix=fix,
    )
