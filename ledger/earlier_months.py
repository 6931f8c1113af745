"""Months side by side: a sheet giving each month's own figure in a column of its own
(``6月新增 | 7月新增 | 8月新增``). The latest month's column is the sheet's figure
(:func:`ledger.column_periods._latest_period`); the earlier months' are no comparison for an
addition (``increment``): each is that month's own addition, which the year's sum needs. They are
recorded for such a target's rows, each dated its month's end (:func:`with_earlier_months`), when the
ledger does not hold them already: a month whose additions in the ledger make the same figure is
passed over, one holding another figure is left to the import's check of additions to a month an
earlier append added to (:func:`ledger.additions.added_to`: refused, both would count), and a month
the ledger holds nothing for while it holds a later month's addition is refused: that later entry may
be the months' sum (``1—7月新增（补记）``), and counting the sheet's month again would count it twice.
A reading (a total's, a rate's) keeps its latest month alone; the earlier columns are there for
comparison.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from fractions import Fraction

from .column_kinds import describe
from .column_periods import EARLIER_PERIOD
from .dates import month_end
from .entries import Entry, effective, new_id
from .errors import Problem
from .findings import _typed, _value
from .model import Frequency, Kind, Plan, Target
from .numbers import plain
from .readings import Outcome, Reading
from .table import Column, Table


def earlier_month_columns(table: Table) -> list[tuple[Column, int]]:
    """The columns of ``table`` holding an earlier month's own figure beside the latest month's
    (``6月新增`` beside ``8月新增``, which gives ``month_value``), each with its month (1–12), in the
    sheet's order; ``[]`` when there are none. A column ``--map`` named (``=ignore``) is none."""
    latest = table.by_field.get("month_value")
    if latest is None or latest.months is None:
        return []
    out = []
    for c in table.columns:
        if c.field is not None or c.mapped or not (c.why or "").startswith(EARLIER_PERIOD):
            continue
        own = describe(c.label)
        if own.field == "month_value" and own.months is not None and 1 <= own.months < latest.months:
            out.append((c, own.months))
    return out


def _as_latest(table: Table, col: Column, month: int) -> Table:
    """``table`` read with ``col`` (of ``month``) as the month's own figure in the latest's place, and
    no running total: a 1—N月累计 beside them is the latest month's, checked against its addition."""
    latest, running = table.by_field["month_value"], table.by_field.get("value")
    own = dataclasses.replace(describe(col.label), number=col.number, label=col.label)
    read = dataclasses.replace(own, field="month_value", months=month, why=None)
    columns = tuple(
        read if c is col else dataclasses.replace(c, field=None) if c is latest or c is running else c
        for c in table.columns
    )
    by_field = {f: c for f, c in table.by_field.items() if f != "value"} | {"month_value": read}
    return dataclasses.replace(table, columns=columns, by_field=by_field)


def _monthly_addition(target: Target | None) -> bool:
    return target is not None and target.kind is Kind.INCREMENT and target.frequency is Frequency.MONTHLY


def _sum(entries: list[Entry], target: Target) -> Fraction | None:
    """The entries' figures added up exactly in ``target``'s unit; ``None`` when one does not convert."""
    values = [_value(e, target) for e in entries]
    return None if None in values else sum((v for v in values if v is not None), Fraction(0))


def with_earlier_months(
    plan: Plan,
    table: Table,
    existing: list[Entry],
    outcome: Outcome,
    read: Callable[[Table], Outcome],
) -> tuple[Outcome, list[str], list[str]]:
    """``outcome`` (the sheet's rows read with the latest month's column) with the earlier months'
    own additions of its rows of a monthly ``increment`` target added (see the module's description),
    the notes saying which columns were read so and which months the ledger holds already, and the
    labels of the columns read (passed over included).
    ``read(table)`` reads the sheet's rows from a table whose month column is another (as the import
    reads them, readings included); ``existing`` is the ledger's entries. A row whose month cell is
    blank adds nothing; one the reading refuses (not a number) refuses the import, as the latest's
    would. Raises nothing."""
    columns = earlier_month_columns(table)
    if not columns:
        return outcome, [], []
    latest = table.by_field["month_value"]
    mine = {
        (n, e.target): e
        for e, n in zip(outcome.entries, outcome.numbers, strict=True)
        if e.value is not None and _monthly_addition(plan.find(e.target)) and e.date.month == latest.months
    }
    if not mine:
        return outcome, [], []
    targets = {t for _, t in mine}
    counted = [e for e in effective(x for x in existing if x.target in targets) if e.value is not None]
    entries, numbers, readings = list(outcome.entries), list(outcome.numbers), list(outcome.readings)
    problems = list(outcome.problems)
    used: dict[str, None] = {}  # the columns an entry came from
    read_so: dict[str, None] = {}  # and those the ledger holds already or that are refused
    passed: list[str] = []
    counts = {"header": 0, "cell": 0, "line": 0, "sign": 0}
    taken = {e.id for e in (*existing, *outcome.entries)}
    for col, month in columns:
        run = read(_as_latest(table, col, month))
        rows = {n for n, _ in mine}
        problems += [p for p in run.problems if p.row in rows]
        found: dict[str, list[tuple[Entry, int, Reading | None]]] = {}  # a target's additions of the month
        for i, (e, n) in enumerate(zip(run.entries, run.numbers, strict=True)):
            main = mine.get((n, e.target))
            if main is None or e.value is None:
                continue
            day = month_end(main.date.year, month)
            r = run.readings[i] if i < len(run.readings) else None
            if r is not None and e.date != day:  # a date cell gives the row's latest month: this is the header's
                r = r._replace(date_from=f"the month of {col.label!r}")
            e = e._replace(date=day, id=e.id if e.id not in taken else new_id(taken))
            taken.add(e.id)
            found.setdefault(e.target, []).append((e, n, r))
        for target_id, given in found.items():
            target = plan.find(target_id)
            assert target is not None  # mine holds the plan's targets alone
            day = given[0][0].date
            there = [x for x in counted if x.target == target_id and (x.date.year, x.date.month) == (day.year, month)]
            # Carriers' rows add up to the month's: the month is the ledger's when its additions make theirs
            if there and _sum(there, target) == _sum([e for e, _, _ in given], target):
                passed += [f"{e.target} {_typed(e)} under {col.label!r} (row {n})" for e, n, _ in given]
                read_so[col.label] = None
                continue
            later = [x for x in counted if x.target == target_id and x.date.year == day.year and x.date > day]
            if not there and later:
                e, n, _ = given[0]
                problems.append(_unknown_month(target, e, col, n, later))
                read_so[col.label] = None
                continue
            for e, n, r in given:
                entries.append(e)
                numbers.append(n)
                if r is not None and r.unit_from in counts:
                    counts[r.unit_from] += 1
                if outcome.readings and r is not None:
                    readings.append(r)
            used[col.label] = None
            read_so[col.label] = None
    notes = []
    if used:
        notes.append(
            f"columns {', '.join(repr(c) for c in used)} read as their months' own additions, each dated its "
            f"month's end, beside {latest.label!r}"
        )
    if passed:
        notes.append(f"passed over, the ledger holds the month's additions already: {'; '.join(passed)}")
    out = dataclasses.replace(
        outcome,
        entries=entries,
        numbers=numbers,
        readings=readings,
        problems=problems,
        units_headed=outcome.units_headed + counts["header"],
        units_given=outcome.units_given + counts["cell"],
        units_stated=outcome.units_stated + counts["line"],
        units_signed=outcome.units_signed + counts["sign"],
    )
    return out, notes, list(read_so)


def _unknown_month(target: Target, e: Entry, col: Column, row: int, later: list[Entry]) -> Problem:
    """The refusal of a month's addition the ledger holds nothing for while it holds a later month's:
    which may be the sum of months up to it (1—7月新增（补记）)."""
    after = later[0]
    month = f"{e.date.year}-{e.date.month:02d}"
    assert e.value is not None  # with_earlier_months reads additions with a figure alone
    unit = f" --unit {e.unit}" if e.unit and e.unit != target.unit else ""
    return Problem(
        f"{target.id} {_typed(e)} under {col.label!r} is {month}'s addition, which the ledger does not hold, but it "
        f"holds a later one ({_typed(after)} as of {after.date}, entry {after.id}) that may include it",
        where=f"row {row}",
        row=row,
        fix=f"if it does not, record {month}'s with `tracker record {target.id} {plain(e.value)}{unit} --date {month}` "
        f"first; if it does, import with --map '{col.label}=ignore'",
    )
