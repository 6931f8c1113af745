"""One row read into an entry by the general path (``_entry``), and the checks of its figures,
units and months that refuse a row that would be read wrongly.
"""

from __future__ import annotations

import contextlib
import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from . import units
from .column_kinds import NOT_GROWTH, describe, is_running_total_header, records_falls
from .entries import Entry
from .errors import EntryError
from .formulas import is_no_figure
from .model import Plan, Target
from .numbers import plain
from .patterns import LazyPattern
from .plan_year import in_first_month, running_span, starts_in_january
from .readings import _INCREMENT, _MILESTONE, _RANK, _RATE, _TOTAL, Reading, _where
from .record import cached_number, entry_of, percent_sign, rank_number
from .row_kinds import cell_at
from .row_targets import Named
from .sheet_cells import _Sheet
from .sheets import PercentCell, Row, cell_text
from .table import Column, Table

if TYPE_CHECKING:
    from .additions import RunningOnly, RunningTotal  # imported where used: meaning is loaded only by appends


# How far ahead of this import an imported ``recorded`` stamp may be: another machine's clock.
_CLOCK_SKEW = timedelta(days=1)


_STAMP_FIX = (
    "write it as `tracker export` does, with seconds and its UTC offset (2025-04-03T09:12:00+08:00), "
    "or empty the recorded column to stamp the entries with the time of this import"
)


def recorded_stamp(text: str, where: str) -> datetime:
    """The ``recorded`` cell of an export imported back, ``text`` (ISO 8601 with its UTC offset,
    ``2025-04-03T09:12:00+08:00`` or ``…Z``), as an aware datetime; ``where`` names the cell
    (``column 'recorded' (H2)``) for the refusal.

    Raises :class:`EntryError` for any other form: a stamp without an offset (Excel re-saving an
    export writes ``2026/11/30 22:03``, dropping seconds and offset) is refused rather than read in
    some zone, as a guessed offset would move the entry in or out of an ``--as-recorded`` report.
    """
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise EntryError(f"recorded {text!r} ({where}) is not a recording time", _STAMP_FIX) from None
    if when.tzinfo is None:
        raise EntryError(f"recorded {text!r} ({where}) has no UTC offset", _STAMP_FIX)
    return when


_AMOUNTS = ("value", "month_value")  # a sheet with neither column gives a total no figure of its own


def _growth_alone(target: Target, col: Column, growth: str | None, row: Row, table: Table) -> None:
    """Raise :class:`EntryError` when the row of ``target``, a total or an increment, on a sheet with
    no column of figures, gives only its growth (``growth`` under ``col``): passed over as a row without a figure, the sheet would seem to
    say nothing of a target whose growth it states, and its figure would stay unrecorded unsaid."""
    if growth is None or not growth.strip() or is_no_figure(growth.strip()):
        return
    what = "an increment, its additions counted" if target.kind is _INCREMENT else "a total counted"
    n = col.months or (table.period.month if table.period else "N")
    raise EntryError(
        f"{target.id} is {what} in {target.unit}; the sheet gives only its growth ({growth.strip()} under "
        f"{col.label!r} ({col.letter}{row.number})), not its 1—{n}月 figure; add the 绝对值/累计 column "
        f"(1-{n}月累计), or record the figure with `tracker record {target.id} VALUE`"
    )


def _entry(
    plan: Plan,
    sheet: _Sheet,
    row: Row,
    got: dict[str, str],
    named: Named,
    recorded: datetime,
    by: str,
    ids: set[str],
    source: str | None,
    note: str | None,
) -> tuple[Entry, Reading] | None:
    """The entry a row gives, with how it was read; ``None`` when the row has no figure for
    its target (a ``—`` in the column that target reads)."""
    target = named.target
    day, date_from = sheet.day(row, got)
    when = recorded
    void = forced = False
    corrects: str | None = None
    reason: str | None = None
    entry_id: str | None = None
    if sheet.exported:  # the columns of an export imported back (see _EXPORT_FIELDS)
        if (text := got.get("recorded")) is not None:
            when = recorded_stamp(text, _where(sheet.fields.get("recorded"), row))
            if when - recorded > _CLOCK_SKEW:
                # A stamp after the import itself: --as-recorded would show the entry in reports
                # made before it existed. A day allows for another machine's clock running ahead.
                raise EntryError(
                    f"recorded {text!r} is later than this import ({recorded.isoformat(timespec='minutes')}); "
                    "an entry cannot have been recorded in the future",
                    "correct the recorded cell, or empty it to stamp the entry with the time of this import",
                )
        void = (got.get("void") or "").lower() in ("true", "1", "yes")
        corrects = got.get("corrects")
        reason = got.get("reason")
        if corrects is not None and reason is None:
            raise EntryError(f"a correction of {corrects} needs a reason")
        entry_id = got.get("id")
        if entry_id is not None:
            if not re.match(r"^[0-9A-Za-z_-]{1,40}$", entry_id):
                raise EntryError(f"id {entry_id!r} is not an entry id")
            if entry_id in ids:
                raise EntryError(f"entry {entry_id} is already in the ledger (or earlier in the file)")
        if void:
            if corrects is None:
                raise EntryError("a void row must name the entry it withdraws in corrects")
            from .entries import new_id

            withdrawn = Entry(
                entry_id or new_id(ids),
                target.id,
                day,
                when,
                corrects=corrects,
                void=True,
                reason=reason,
                by=got.get("by") or by,
            )
            return withdrawn, Reading(row.number, None, "", date_from, named.via, sheet.target_col)
        forced = (got.get("forced") or "").lower() in ("true", "1", "yes")  # kept over a meaning check before
    milestone = got.get("milestone")
    if named.milestone is not None:
        if milestone is not None and milestone not in (named.milestone, _milestone_name(target, named.milestone)):
            raise EntryError(
                f"{named.via} names milestone {named.milestone!r}, but its milestone cell says {milestone!r}"
            )
        milestone = named.milestone
    status = got.get("status")
    value_col = sheet.value_col
    value = got.get("value")
    unit: str | None = None
    running: RunningTotal | None = None  # an addition's 1—N月累计 beside it, for the checks
    beside: tuple[Column | None, str | None] | None = None  # the column and cell it is read from
    unit_from = month_from = ""
    fall_of_growth = False  # the figure is signed growth, read as the fall it states (below)
    kind = target.kind
    if (row_kind := sheet.table.row_kinds.get(row.number)) is not None and (row_kind == "growth") != (kind is _RATE):
        return None  # 类别 增速（%）: a quantity's growth row, or 绝对值 a rate's quantity (ledger.row_kinds)
    if kind is _RATE and (fall := got.get("fall")) is not None:
        # 下降率% of a target that records falls (能耗下降率: rows_to_entries' falls): its figure as written
        number = int(got["fall_column"])
        value_col, value = next(c for c in sheet.table.columns if c.number == number), fall
        unit, unit_from = "%", "header"
    elif kind is _RATE and sheet.growth is not None:
        # A rate's figure is its growth, whatever the row's name: beside 同比增长% the figure
        # columns (绝对值, 完成值, 累计, 本月) hold the quantity (180.35 亿元 of value added).
        if got.get("growth") is None:
            _rate_without_growth(target, sheet, row, got)
            return None
        value_col, value = sheet.growth, got.get("growth")
        unit, unit_from = "%", "header"
        # A target that records falls (能耗下降率: 4 for a fall of 4 %) from signed growth (−4.0):
        # the fall it states, −(−4.0) = 4.0, said in --dry-run; as it stands it would be a rise of 4 %.
        fall_of_growth = records_falls(target)
    elif kind is _RANK and sheet.rank is not None and (place := got.get("rank")) is not None:
        # A rank's figure is its place under 位次, 排名 (another target's row leaves that column alone)
        _two_places(target, sheet, row, value_col, value, place)
        value_col, value = sheet.rank, place
    elif kind is _RATE and row_kind is None and _names_quantity(sheet, named, got) and value is not None:
        _quantity_without_growth(target, got.get("target") or "", value_col, value, sheet.table)
    month_value = got.get("month_value")
    if kind is not _MILESTONE:  # kind.numeric, without the property's look-ups
        if value is None and month_value is None:
            if kind is not _RATE and sheet.growth is not None and sheet.table.by_field.keys().isdisjoint(_AMOUNTS):
                _growth_alone(target, sheet.growth, got.get("growth"), row, sheet.table)
            return None
        value = sheet.figure(value, value_col, row)
        if kind is _RATE and value is not None and value_col and (first := sheet.percent_shown(value_col)):
            _plain_among_percent(value_col, first, row, value)
            _points_in_percent(value_col, sheet.percent_points(value_col), row)
        if month_value is not None:
            month_value = sheet.figure(month_value, sheet.month_col, row)
        if value is None and month_value is None:
            return None
        if kind is _INCREMENT:
            if month_value is not None:  # the month's own figure is the addition
                if sheet.period(row) is None:  # beside a figure dated 1—N月, a running total, it adds
                    _two_additions(target, value_col, value, sheet.month_col, month_value)
                beside = value_col, value  # its unit is read below, as the month figure's is
                value, value_col, month_value = month_value, sheet.month_col, None
            else:
                try:
                    _increment_value(target, value_col, value, row, sheet.period(row))
                except EntryError:
                    sheet.alone[row.number] = _running_only(sheet, row, got, named, value_col, value, day)
                    raise
        elif value is None:
            if kind is not _TOTAL or not _in_first_month(plan, sheet, row, got) or target.baseline:
                _month_alone(target, month_value, sheet.month_col, row, plan, day)
            value, value_col = month_value, sheet.month_col  # the plan's first month's own figure is its total
        elif kind is _TOTAL and _january_month(value_col) and not _in_first_month(plan, sheet, row, got):
            # A January sheet's 本月 is read as the year so far (ledger.column_periods); in a plan
            # that began before this January its running total counts from the plan's start.
            if not target.baseline:
                _month_alone(target, value, value_col, row, plan, day)
        elif value_col is not None and additions_as_level(target, value_col):
            _additions_as_level(target, value, value_col, row)
        elif kind is _TOTAL and _calendar_year_of_a_later_year(plan, target, value_col, day):
            _calendar_year_so_far(target, value, value_col, row, plan, day)  # type: ignore[arg-type]
        elif kind is not _TOTAL:
            month_value = None  # a rate's or rank's month figure: the ledger keeps the period's reading
        if milestone is not None:
            raise EntryError(f"{target.id} is {kind.value}, not a milestone target", sheet_fix="empty its 里程碑 cell")
        status = None  # a 状态 beside a figure: the figure is what a numeric target records
        named_unit = named.unit is not None and not unit  # a rate's growth is in %, whatever its quantity's unit
        if named_unit:
            also = beside[0] if beside is not None else None
            got = _name_unit(sheet, row, got, named, value_col, month_value is not None, also)
        if not unit and (sheet.units or named_unit):
            unit, unit_from = _unit(sheet.table, row, got, value_col, target.unit)
            if named_unit and unit_from == "cell" and got.get("unit") is named.unit:
                unit_from = "name"
        if beside is not None:  # by the rule the month figure's unit was read by: header, 单位 cell or name, line
            running = _running_beside(sheet, row, got, *beside, target, sheet.units or named_unit)
        if value is not None and value.endswith("%"):  # figure() gives it stripped, full width made ASCII
            signed = percent_sign(value, target)[1]  # the sign is taken off by entry_of, which quotes the cell whole
            if signed and unit is None:
                unit, unit_from = "%", "sign"
        if month_value is not None and value is not None:
            month_from = _where(sheet.month_col, row)
            if sheet.units:
                month_value, before = _month_in_unit(sheet.table, row, got, month_value, unit, target.unit)
                month_from += before and f", {before} converted"
        shown = value_col
    else:
        if status is None and value is not None:
            value, status = None, value  # a milestone's status may sit in the value column
        shown = sheet.status_col or value_col
    stated = sheet.table.units_from.get(unit or "", "") if unit_from == "line" else ""
    if unit_from == "name":
        letter = sheet.target_col.letter if sheet.target_col is not None else ""
        stated = f"the row's name {(got.get('target') or '').strip()!r} ({letter}{row.number})"
    reading = Reading(row.number, shown, unit_from, date_from, named.via, sheet.target_col, sheet.unit_col, stated)
    if sheet.footnotes and (said := sheet.footnotes.get(_where(shown, row))):
        reading = reading._replace(footnote=said.split(": ", 1)[1])
    if month_value is not None:
        reading = reading._replace(month_from=month_from)
    elif running is not None:  # an addition's: said in --dry-run, checked by additions.running_totals
        typed = f"{plain(running.value)} {running.unit}" if running.unit else plain(running.value)
        reading = reading._replace(month_from=f"1—N月累计 {typed} under {running.where}, checked against the additions")
    entry = entry_of(
        plan,
        target,
        value,
        day=day,
        recorded=when,
        unit=unit,
        status=status,
        milestone=milestone,
        month_value=month_value,
        period=got.get("period"),
        note=got.get("note") or note,
        source=got.get("source") or source,
        by=got.get("by") or by,
        taken_ids=ids,
    )
    if fall_of_growth and entry.value is not None:
        falls_by = -entry.value if entry.value else entry.value  # never −0
        said = (
            f"{plain(entry.value)}% growth read as the fall it states, {plain(falls_by)}% "
            f"({target.id} records a fall as a positive figure)"
        )
        entry, reading = entry._replace(value=falls_by), reading._replace(fall=said)
    if corrects is not None or reason is not None or entry_id is not None or forced:
        entry = entry._replace(corrects=corrects, reason=reason, id=entry_id or entry.id, forced=forced)
    if running is not None:
        sheet.running[entry.id] = running  # checked against the ledger's additions (additions.running_totals)
    return entry, reading


def _running_only(sheet: _Sheet, row: Row, got: dict[str, str], named: Named, col: Column | None,
                  value: str | None, day: date) -> RunningOnly | None:  # fmt: skip
    """The running total a row gives alone for an addition target (refused by
    :func:`_increment_value`), in the unit the row's name, the column's header, its 单位 cell or
    the 单位 line gives (:func:`_unit`), for :func:`~ledger.additions.running_only` to judge against
    the ledger; ``None`` when it is not a number or its unit cannot be told. Raises nothing."""
    if value is None or col is None:
        return None
    from .additions import RunningOnly

    try:
        number = cached_number(value)
        unit = named.unit or (_unit(sheet.table, row, got, col, named.target.unit)[0] if sheet.units else None)
    except (ValueError, EntryError):
        return None
    where = f"{col.label!r} ({col.letter}{row.number})" if col.number else repr(col.label)
    return RunningOnly(named.target.id, number, unit, day, where)


def _running_beside(sheet: _Sheet, row: Row, got: dict[str, str], col: Column | None, value: str | None,
                    target: Target, read_unit: bool) -> RunningTotal | None:  # fmt: skip
    """The 1—N月 running total (累计) a row gives beside an addition's month figure, in the unit
    its column reads (:func:`_unit`, with ``got`` carrying the unit the row's name gives, as the
    month figure's is read; ``read_unit`` false: the sheet states none), or ``None`` when the
    other figure is not a running total (the same addition in other units, see
    :func:`_two_additions`) or not a number. Raises :class:`EntryError` when its header and the
    单位 cell disagree, or when its unit does not convert to the target's (亿元 for an area): the
    check against the ledger's additions could not be made."""
    if value is None or col is None:
        return None
    if sheet.period(row) is None and not (col.running_total or is_running_total_header(col.label)):
        return None
    try:
        number = cached_number(value)
    except ValueError:
        return None
    from .additions import RunningTotal

    unit = _unit(sheet.table, row, got, col, target.unit)[0] if read_unit else None
    where = f"{col.label!r} ({col.letter}{row.number})" if col.number else repr(col.label)
    if unit is not None and target.unit is not None:
        try:
            units.convert(number, unit, target.unit)
        except units.UnitError:
            raise EntryError(
                f"the running total {value} under {where} is in {unit}, which cannot be converted to {target.unit}, "
                f"the unit of {target.id}",
                sheet_fix="correct the unit in the running total's header, the 单位 cell or the 单位 line",
                target=target.id,
            ) from None
    return RunningTotal(number, unit, where)


def _month_in_unit(
    table: Table, row: Row, got: dict[str, str], month_value: str, unit: str | None, target_unit: str | None
) -> tuple[str, str]:
    """A running total's month figure (本月, the text ``month_value``) in the unit the running
    total is recorded in (``unit``, read from the sheet, else the target's, ``target_unit``). The month column has a unit of its own as the figure column
    has (:func:`_unit`: its header, else the row's 单位 cell, else the 单位 line), and
    ``本月（万元）`` beside ``1-8月累计（亿元）`` holds 万元: 1124000 is recorded as 112.4 亿元.
    Converted exactly, as ``amend`` carries a month figure into a new unit
    (:func:`~ledger.units.convert`: 10ⁿ factors exactly; 亩 to the places it adds). A month
    column stating no unit is in its running total's. Returns the figure's text and, when it was
    converted, what it was (``1124000 万元``; else ""). Raises :class:`EntryError` when its header
    and the 单位 cell disagree, or when its unit does not convert to the running total's (or that has none)."""
    col = table.by_field.get("month_value")
    month_unit, _ = _unit(table, row, got, col, target_unit)
    to = unit or target_unit
    if month_unit is None:
        return month_value, ""
    try:
        number = cached_number(month_value)
    except ValueError:
        return month_value, ""  # not a number: entry_of refuses it, naming the field
    where = f"{col.label!r} ({col.letter}{row.number})" if col is not None and col.number else "the month column"
    if to is None:
        raise EntryError(
            f"the month's figure {month_value} under {where} is in {month_unit}, but its running total has no unit",
            sheet_fix="give the running total's unit in its header or a 单位 column",
        )
    try:
        converted = units.convert(number, month_unit, to)
    except units.UnitError:
        raise EntryError(
            f"the month's figure {month_value} under {where} is in {month_unit}, which cannot be converted to "
            f"{to}, the unit of its running total",
            sheet_fix="correct the unit in the month column's header or the 单位 cell",
        ) from None
    same = units.canonical(month_unit) == units.canonical(to)
    return plain(converted), "" if same else f"{month_value} {month_unit}"


def _name_unit(sheet: _Sheet, row: Row, got: dict[str, str], named: Named, value_col: Column | None,
               month: bool, running: Column | None = None) -> dict[str, str]:  # fmt: skip
    """``got`` with the unit a row's name carries (``新增创新空间面积（平方米）``, :attr:`Named.unit`)
    as its 单位 cell, which it is read as. Raises :class:`EntryError` when the row's 单位 cell, or
    the header of its figure's column (or of its 本月 column, ``month``, or of the running total
    beside an addition, ``running``), says another unit."""
    name, unit = (got.get("target") or "").strip(), named.unit
    assert unit is not None
    others: list[tuple[str | None, str]] = []
    if (cell := got.get("unit")) is not None:
        unit_col = sheet.unit_col
        others.append((cell, f"its 单位 cell ({unit_col.letter if unit_col else ''}{row.number})"))
    for col in (value_col, sheet.month_col if month else None, running):
        if col is not None and col.unit is not None:
            others.append((col.unit, f"column {col.label!r}"))
    for other, where in others:
        try:
            same = units.canonical(other or "") == unit
        except units.UnitError:
            same = False
        if not same:
            raise EntryError(f"the row's name {name!r} says {unit} but {where} says {other}; correct one of them")
    return got if cell is not None else {**got, "unit": unit}


def _calendar_year_of_a_later_year(plan: Plan, target: Target, col: Column | None, day: date) -> bool:
    """Whether ``col`` holds the year so far from January (1-8月累计, 本年累计, 完成值 under a title
    of 2026年1-8月) on a row dated after the first year of a plan starting in January: there the
    plan's running total counts from its start (2025年1月—2026年8月), and January 2026 on is another
    figure. (A plan starting in another month refuses such a column whatever its date: layout.)"""
    return (
        col is not None
        and col.running_total
        and not target.baseline
        and starts_in_january(plan)
        and plan.start.year < day.year
        and day <= plan.end  # past the end: refused as outside the plan, whatever the column
    )


def _calendar_year_so_far(target: Target, figure: str | None, col: Column, row: Row, plan: Plan, day: date) -> None:
    """Refuse a running total read from a column of the calendar year so far (``col``) on a row
    dated after the plan's first year (:func:`_calendar_year_of_a_later_year`)."""
    span = running_span(plan.start, day)
    raise EntryError(
        f"{target.id} records the running total since the plan's start ({span}累计), but {col.label!r} "
        f"({col.letter}{row.number}) holds the year so far from January {day.year} ({figure})"
        + (f", as {col.running_from} says" if col.running_from else ""),
        sheet_fix=f"give the {span}累计 figure under a header that names no months (完成值, with the sheet's date), "
        f"or record it with `tracker record {target.id} FIGURE`",
        target=target.id,
    )


def _january_month(col: Column | None) -> bool:
    """Whether ``col`` gives the figure only because a January sheet's month column (``本月``,
    ``1月``) is read as the year so far (:func:`ledger.column_periods._january`), not by its header
    or ``--map``: the running total in the plan's first month alone. (A 本期 column the title makes
    1—N月 is marked a running total: :func:`ledger.column_periods.this_period`.)"""
    return col is not None and not col.mapped and not col.running_total and describe(col.label).field == "month_value"


def _in_first_month(plan: Plan, sheet: _Sheet, row: Row, got: dict[str, str]) -> bool:
    """Whether ``row``'s figures are for the plan's first month, whose own figure is the running
    total (January's in a calendar-year plan, July's in one running July–June: :mod:`ledger.plan_year`)."""
    try:
        return in_first_month(plan, sheet.day(row, got)[0])
    except ValueError:
        return False  # no date: the row's refusal says what it lacks


# What a column of additions says (新增（家）, 本年新增, 1-8月新增, 今年以来新增, 净增, 新认定): what was
# added over a period, never the level of a stock ("工业增加值" is a quantity, not an addition).
_ADDITIONS = LazyPattern(r"新增|净增|新认定|新引进|新培育|新设立|新注册")
_STOCK = "level as it stands (a stock: kind total with a baseline)"


def additions_as_level(target: Target, col: Column) -> bool:
    """Whether ``col``, a column of additions (its label says 新增, 净增, 新认定…), would be read as
    the level of ``target``, a stock (a total with a baseline): refused by the general path."""
    return target.kind is _TOTAL and bool(target.baseline) and _ADDITIONS.search(col.label) is not None


def _additions_as_level(target: Target, figure: str, col: Column, row: Row) -> None:
    """Refuse a stock's figure (``figure``, under ``col``) read from a column of additions
    (``新增（家）``, ``1-8月新增``): 35 firms added this year are not the 365 there are, and read as
    the level they make the stock fall by the whole of it."""
    raise EntryError(
        f"{target.id} records the {_STOCK}, but {col.label!r} ({col.letter}{row.number}) holds what was added "
        f"({figure}), not the level",
        sheet_fix=f"add the column of the level at the month's end (N月末, 完成值) beside it, or record the level with "
        f"`tracker record {target.id} LEVEL`",
        target=target.id,
    )


def _month_alone(target: Target, month_value: str | None, col: Column | None, row: Row, plan: Plan,
                 day: date) -> None:  # fmt: skip
    """Refuse a row of a total, rate or rank target that gives only the month's own figure
    (8月, 8月完成, 当月): the ledger keeps the 1—N月 figure, which the month's is not; a stock
    (a total with a baseline) keeps its level, which the month's additions are not. A running
    total, or a rate's or rank's year-to-date figure, of a plan not starting in January counts from
    its first month: the refusal names that span (2025年7月—2026年1月累计), as a calendar 1—N月
    column would itself be refused there."""
    if target.kind is _TOTAL and target.baseline and col is not None:
        _additions_as_level(target, month_value or "", col, row)
    total = target.kind is _TOTAL
    # 1—N月 only where the running total is the calendar year's: a plan starting in January, in its first year
    span = "1—N月" if starts_in_january(plan) and day.year == plan.start.year else running_span(plan.start, day)
    what = f"running total ({span}累计)" if total else f"year-to-date figure ({span})"
    under = f" under {col.label!r} ({col.letter}{row.number})" if col is not None and col.number else ""
    command = f"tracker record {target.id} FIGURE" + (f" --month-value {month_value}" if total else "")
    kind = "累计" if total else " growth" if target.kind is _RATE else ""
    column = "1—N月" if span == "1—N月" else f"{span}{kind}"
    raise EntryError(
        f"{target.id} records the {what}, but the row gives only the month's own figure ({month_value}{under})",
        sheet_fix=f"add the {column} column beside it, or record the {what.split(' (')[0]} with `{command}`",
        target=target.id,
    )


def _names_quantity(sheet: _Sheet, named: Named, got: dict[str, str]) -> bool:
    """Whether a rate target's row is named by one of its aliases that names the underlying
    quantity (``规模以上工业增加值`` for 工业增加值增速), not a rate (增速, 同比, %…): such a row
    holds the quantity in its figure column and the rate in its growth column."""
    return named.via.startswith("alias") and not sheet.names_rate(got.get("target") or "")


def _plain_among_percent(col: Column, shown: tuple[int, PercentCell], row: Row, figure: str) -> None:
    """Refuse a rate's figure (``figure``, as :func:`figure` reads ``row``'s cell under ``col``)
    when the cell holds a plain number under 1 (not 0), typed or as text, in a column with cells
    formatted as percentages (``shown``: the first, as ``(row number, value)``): 0.077 typed in
    General among cells that show 5.4% may be the fraction typed without its format (7.7 %) or
    0.077 %, and Excel shows 0.077 either way. A plain number of 1 or more (7.7) is what a person
    sees in a % column, 7.7 %, and is read so; so are a column typed as percent points throughout
    (5.4, 0.077) and one formatted throughout. A CSV is judged alike, its cells written with a
    percent sign (``7.6%``, as Excel saves a percent-formatted cell) taking the format's place.
    Raises :class:`EntryError` naming the cell, what it holds, what the column shows, and the fix."""
    written = isinstance(row.cells, list)  # a CSV record: the sign is in the text
    if (not written and type(row.cells.get(col.number)) is PercentCell) or figure.endswith("%"):
        return  # shown with its percent sign: what the person sees is what is read
    try:
        number = cached_number(figure)
    except ValueError:
        return  # not a number: entry_of refuses it, naming the field
    if not 0 < abs(number) < 1:
        return
    where, held, scaled = f"{col.letter}{row.number}", cell_text(number), cell_text(number * 100)
    if written:
        raise EntryError(
            f"cell {where} under {col.label!r} holds {held}, a plain number, in a column with cells written as "
            f"percentages ({col.letter}{shown[0]} is {cell_text(shown[1])}%): it may mean {scaled}% or {held}%",
            f"write {scaled}% in {where} (for {held}% write {held}%)",
        )
    raise EntryError(
        f"cell {where} under {col.label!r} holds {held}, a plain number, in a column with cells formatted as "
        f"percentages ({col.letter}{shown[0]} shows {cell_text(shown[1])}%): it may mean {scaled}% or {held}%",
        f"format {where} as a percentage, or type {scaled} (for {held}% type {held}%)",
    )


def _points_in_percent(col: Column, points: list[tuple[int, PercentCell]], row: Row) -> None:
    """Refuse a rate's cell formatted as a percentage in a column whose every such cell shows 100 %
    or more (``points``, from :meth:`_Sheet.percent_points`): 5.1, 5.8 and 6.2 stored in cells
    formatted ``0.0%`` show 510 %, 580 %, 620 %, growth typed as points into a percent format (a
    workbook written by a program, never looked at). Both readings are offered. Raises
    :class:`EntryError` naming the cell."""
    if not points:  # always so in a CSV (see percent_points), whose records are lists
        return
    cell = row.cells.get(col.number)
    if type(cell) is not PercentCell or not cell:
        return
    where, shown, held = f"{col.letter}{row.number}", cell_text(cell), cell_text(cell / 100)
    others = ", ".join(f"{col.letter}{n} {cell_text(v)}%" for n, v in points[:3])
    raise EntryError(
        f"cell {where} under {col.label!r} holds {held} formatted as a percentage, so it shows {shown}%, and every "
        f"percentage in the column shows 100% or more ({others}): growth typed as points into percent cells? it may "
        f"mean {held}% or {shown}%",
        f"for {held}% format the column as a number (0.0) or type {held}%; for {shown}% type {shown} in a plain cell",
    )


def _rate_without_growth(target: Target, sheet: _Sheet, row: Row, got: dict[str, str]) -> None:
    """Refuse a rate target's row whose growth cell is blank but which gives a figure in another
    figure column (``绝对值``, ``完成值``, ``累计``, ``本月``) of a sheet with a growth column: that
    column holds the quantity beside its growth (180.35 亿元 of value added, not a growth of
    180.35 %), so its figure is never taken for the rate. A row with no figure at all passes, and
    so does one whose growth cell holds a "no figure" mark (``—``, ``#DIV/0!``): the bureau has no
    growth to give, and the row is passed over with a note, its quantity never read.
    Raises :class:`EntryError`."""
    growth = sheet.growth
    if growth is not None and (mark := cell_at(row, growth, sheet.table.keyed_by)) and is_no_figure(mark):
        return
    for field, col in (("value", sheet.value_col), ("month_value", sheet.month_col)):
        text = got.get(field)
        if text is None or col is None or sheet.figure(text, col, row) is None:
            continue
        where = f" ({col.letter}{row.number})" if col.number else ""
        blank = f" ({growth.letter}{row.number})" if growth is not None and growth.number else ""
        label = growth.label if growth is not None else "同比增长%"
        raise EntryError(
            f"{target.id} is a rate, whose figure is its growth, but the row gives {text} under {col.label!r}{where} "
            f"and no growth under {label!r}{blank}: beside a growth column that figure is the quantity's, never a growth rate",
            f"record the growth with `tracker record {target.id} GROWTH`",
            sheet_fix=f"write the growth rate under {label!r}",
            target=target.id,
        )


def _quantity_without_growth(target: Target, name: str, col: Column | None, value: str, table: Table) -> None:
    """Refuse the figure of a rate target's row named (``name``) for the quantity, on a sheet
    without a growth column: 180.35 under 1-8月累计 beside 规模以上工业增加值 is 180.35 亿元 of
    value added, and would otherwise be recorded as a growth of 180.35 %. A growth or percent
    column of ``table`` that is not the year's growth (``8月同比增长%``, ``环比增长%``: see
    :data:`~ledger.column_kinds.NOT_GROWTH`) is named with what it is, never offered to ``--map``.
    Raises :class:`EntryError`."""
    where = f" under {col.label!r}" if col is not None else ""
    fix = "add the growth column, name it with --map 'HEADER=growth'"
    if other := next((c for c in table.columns if c.why in NOT_GROWTH), None):
        n = other.months or (table.period.month if table.period else "N")
        fix = f"{other.label!r} is {other.why}: add the 1-{n}月同比增长% column"
    raise EntryError(
        f"{name!r} (an alias of {target.id}) names the quantity, not its growth rate, and the sheet has no growth "
        f"column (同比增长%, 增速, ±%): {value}{where} would be recorded as a growth of {value}%",
        f"{fix}, or write the rate's own name ({target.name}) in the row",
    )


def _two_additions(target: Target, col: Column | None, value: str | None, month_col: Column | None,
                   month_value: str) -> None:  # fmt: skip
    """Refuse an addition's row that gives two different figures, the month's (本月) and another
    column that is not a running total (完成值 9.2 beside 本月 3.2): which one adds is not for the
    import to guess. A running total beside the month's figure is fine: the month's adds, and so is
    the same figure in the units the two headers give (完成值（万平方米） 0.8 beside 本月（平方米） 8000).
    Raises :class:`EntryError`."""
    if value is None or col is None or col.running_total or is_running_total_header(col.label):
        return
    month_unit = month_col.unit if month_col is not None else None
    convert = col.unit is not None and month_unit is not None  # else one 单位 for both, or none
    try:
        number = Decimal(value)
        if (units.exact(number, col.unit, month_unit) if convert else number) == Fraction(Decimal(month_value)):
            return
    except ArithmeticError:  # decimal.InvalidOperation: a text, which the figure's own reading judges
        return
    except units.UnitError:  # units of two kinds: not the same figure, which the refusal below says
        pass
    month = f" ({month_col.label!r})" if month_col is not None else ""
    raise EntryError(
        f"{target.id} adds up its entries, and the row gives two figures: {value} under {col.label!r} and "
        f"{month_value} as the month's{month}; which one adds?",
        "keep one of the two, or head the other 1—N月累计 if it is the running total",
    )


def _two_places(target: Target, sheet: _Sheet, row: Row, col: Column | None, value: str | None, place: str) -> None:
    """Refuse a rank's row giving a figure under ``col`` (完成值) other than its ``place`` under the
    rank column (位次, 排名): which is its place cannot be told. A blank figure, a "no figure" mark or
    the same number is no second place."""
    if value is None or col is None or is_no_figure(value.strip()):
        return
    rank = sheet.rank
    assert rank is not None
    with contextlib.suppress(ValueError, ArithmeticError):
        if cached_number(rank_number(value)) == cached_number(rank_number(place)):
            return
    raise EntryError(
        f"{target.id} is a rank, and the row gives {value.strip()} under {col.label!r} ({col.letter}{row.number}) "
        f"but {place.strip()} under {rank.label!r} ({rank.letter}{row.number}): which is its place?",
        f"record it with `tracker record {target.id} PLACE`",
        sheet_fix="empty the one that is not its place, or correct the sheet",
    )


def _milestone_name(target: Target, milestone_id: str) -> str:
    return next((m.name for m in target.milestones if m.id == milestone_id), milestone_id)


def _unit(
    table: Table, row: Row, got: dict[str, str], col: Column | None, target_unit: str | None = None
) -> tuple[str | None, str]:
    """The unit of a row's figure and where it was read (see :class:`Reading`): the column's
    header, else the row's 单位 cell, else the sheet's 单位 line (one for every figure, or, as
    ``金额单位：万元`` or ``单位：万元、%`` say, the one for the kind of quantity ``target_unit``
    measures). A header and a 单位 cell that disagree are refused."""
    header = col.unit if col else None
    given = got.get("unit")
    if given is not None:
        try:
            given_unit = units.canonical(given)
        except units.UnitError:
            given_unit = given
        if header is not None and given_unit != header:
            unit_col = table.by_field.get("unit")
            raise EntryError(
                f"column {col.label if col else ''!r} says {header} but its 单位 cell "
                f"({unit_col.letter if unit_col else ''}{row.number}) says {given}; correct one of them"
            )
        if header is None:
            return given, "cell"
    if header is not None:
        return header, "header"
    if table.unit is not None:
        return table.unit, "line"
    if table.line_units and target_unit is not None:
        with contextlib.suppress(units.UnitError):
            kind = units.dimension(target_unit)
            if (said := table.line_units.get(kind)) is not None:
                return said, "line"
            if table.line_every and kind != units.dimension("位"):  # a rank is no quantity a line lists
                _against_every(table, row, col, target_unit)
    return None, ""


def _against_every(table: Table, row: Row, col: Column | None, target_unit: str) -> None:
    """Refuse a row's figure (in ``col`` of ``row``) with no unit of its own, for a target in
    ``target_unit``, under a unit line listing every figure's unit by kind (``单位：个/家``) and none of
    the target's kind: read in the target's unit it would be taken against what the line says, and in
    the line's it would be a count where an amount is meant. Raises :class:`EntryError`."""
    listed = list(dict.fromkeys(table.line_units.values()))
    where = table.units_from.get(listed[0], "the unit line")
    cell = f"{col.letter}{row.number}" if col is not None else f"row {row.number}"
    raise EntryError(
        f"{where} says every figure is in {' or '.join(listed)}, but the figure ({cell}) is for a target in "
        f"{target_unit} and names no unit of its own",
        sheet_fix=f"write {target_unit} in its column's header or a 单位 column, or correct the unit line",
    )


def _increment_value(
    target: Target, col: Column | None, value: str | None, row: Row, period: tuple[int, str] | None = None
) -> None:
    """Refuse a figure for an ``increment`` target (which adds its entries up) taken from a
    running-total column (1—N月累计, or a column naming no period under a title naming 1—N月) or
    from a row whose date cell names 1—N月 (``period``, :meth:`_Sheet.period`): adding running
    totals counts every month again."""
    if value is None or col is None:
        return
    if is_running_total_header(col.label):
        what = "a running total"
    elif col.running_total:  # a header naming no month (本年已新增) is the year so far all the same
        span = f"1—{col.months}月 " if col.months else ""
        what = f"a {span}running total, as {col.running_from or 'its header'} says"
    elif period is not None:
        what = f"a 1—{period[0]}月 running total, as {period[1]} says"
    else:
        return
    raise EntryError(
        f"{target.id} adds up its entries (kind increment), but {value} is under {col.label!r}, {what}",
        'give the month\'s own figure in the 本月 column, or make the target kind = "total" in the plan if it '
        "is published as a running total and holds no additions yet",
        target=target.id,
    )
