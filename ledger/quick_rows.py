"""The quick path for an import's rows (``_Common``): the rows nearly every sheet is made of, each
distinct cell read once; a row it cannot read exactly as the general path would
(:mod:`ledger.row_entry`) is handed to that.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from itertools import repeat
from operator import itemgetter
from typing import Any

from . import units
from .column_kinds import DECLINE, is_running_total_header, records_falls
from .entries import Entry, fresh_ids, reserve_ids
from .errors import EntryError
from .model import MilestoneStatus, Plan, is_rank
from .numbers import EXCEL_DIGITS, has_mark
from .readings import _INCREMENT, _MILESTONE, _RANK, _RATE, _TOTAL, Outcome, Reading
from .record import PERCENT_SIGNS, cached_number, milestone_fields
from .row_entry import _january_month, _unit, additions_as_level
from .row_targets import Named, Resolver
from .sheet_cells import _UNSEEN, _Memo, _Sheet, figure
from .sheet_dates import year_to_date_months
from .sheets import Row, cell_text
from .table import Column

# The fields the quick path reads (see _Common): a sheet with any other column (a 1—N月 month
# figure, a milestone, a rank's period, the columns only `tracker export` writes) is read by the
# general path alone.
_COMMON_FIELDS = frozenset({"target", "value", "unit", "status", "date", "note", "source", "by", "growth"})


# An Entry or a Reading built from its fields in order, as record.entry_of builds one: binding a
# named tuple's parameters one by one costs several times the tuple.
_new_tuple = tuple.__new__


_How = tuple[str | None, str, int]  # see _Rule


# Where a figure's unit was read, as counted for the success line (0: the target's own unit).
_UNIT_COUNT = {"cell": 1, "header": 2, "name": 2, "line": 3, "sign": 4}  # a row's name is its header


# A figure as most cells hold it (42, -3.5, 1360.25): nothing for figure() to take off or refuse.
_PLAIN_FIGURE = re.compile(r"-?[0-9]{1,15}(?:\.[0-9]{1,10})?")


def plain_number(text: str) -> Decimal | None:
    """The number of a figure cell's text (stripped) written as most are, ASCII digits with a point
    or not (``42``, ``-3.5``, ``1360.25``), or ``None`` for any other text. It is what :func:`figure`
    and :func:`~ledger.numbers.parse_number` read it as (outside a ``;``-separated CSV, where the
    point may group thousands), without their questions: nothing to take off or refuse, at most 15
    digits before the point and 10 after, and at most 16 characters (a longer one Excel would show
    to 15 significant digits: :func:`~ledger.numbers.excel_digits`)."""
    return Decimal(text) if len(text) <= EXCEL_DIGITS + 1 and _PLAIN_FIGURE.fullmatch(text) else None


_NO_ROW = Row(0, None)  # a row for a check whose refusal (naming the row) is not kept


def _text_of(cell: Any) -> str:
    """A cell's text as :meth:`_Sheet.texts` reads it before its field's reading ("" when blank)."""
    return cell if type(cell) is str else (cell_text(cell) or "")


_CELLS = itemgetter(1)  # a Row's cells, by index: a NamedTuple's attribute costs five times more


# The types of a date cell's value that _Common.read_records keeps its reading by (see there).
_TEXT_TYPES = frozenset({str, type(None)})


_DAY_TYPES = _TEXT_TYPES | {datetime}


class _Rule:
    """How :class:`_Common` reads the rows whose name cell holds one text: the ``target`` it names
    and ``via`` what, the ``field`` and ``column`` its figure comes from (``value``, or ``growth``
    for a rate target on a sheet with a growth column; ``status`` for a milestone), the
    column a reading shows, and what the figure's unit is: ``fixed`` when no 单位 cell can change
    it, else for each distinct 单位 cell text in ``units``, as ``(unit recorded, where it was read,
    its count in _UNIT_COUNT: 1 for a 单位 cell, 2 a header, 3 a 单位 line, 4 a sign, 0 the target's own)``, ``None``
    for a unit that the general path refuses."""

    __slots__ = ("adds", "at", "cell_units", "column", "field", "fixed", "id", "rank", "shown", "status", "target",
                 "units", "via")  # fmt: skip

    def __init__(self, named: Named, field: str, column: Column | None, shown: Column | None) -> None:
        self.target = named.target
        self.id = named.target.id
        self.via = named.via
        self.field = field
        self.column = column
        self.shown = shown
        self.rank = named.target.kind is _RANK
        self.status = named.target.kind is _MILESTONE
        # An increment: a row whose date cell names 1—N月 goes to the general path, which refuses it.
        self.adds = named.target.kind is _INCREMENT
        self.fixed: _How | None = None
        self.units: dict[str | None, _How | None] | None = None
        # For a CSV's records (_Common.read_records): the index of the figure's cell, and
        # ``units`` keyed by the 单位 cell as it stands ("" when blank or when there is none).
        self.at: int | None = None
        self.cell_units: _Memo | None = None


class _Common:
    """The quick path of :func:`rows_to_entries`, for the rows nearly every sheet is made of: a
    name the sheet gave before (its target found then, by the general path), a figure (or a
    milestone's status), perhaps a 单位 cell, a date; no month figure, milestone, period or export
    column. For each such name the target's reading is worked out once (:class:`_Rule`: the
    column its figure comes from, what each 单位 text makes of the unit), for each distinct figure
    text its number, and a row then costs a few look-ups and the entry's tuple.

    It exists because the general path (:func:`_entry`, :func:`~ledger.record.entry_of`) asks,
    for each row, every question any row may raise (export columns, corrections, milestones,
    month figures, percent signs, unit conversions), in calls that bind a dozen arguments by
    keyword: more than half of the work of an import of 20,000 rows. It never refuses anything:
    a row it cannot read exactly as the general path would (a refused or blank figure, a percent
    sign, a date outside the plan, a unit that does not convert, a status and a figure at once…)
    is handed to the general path, which reads it, refusal and message included.
    tests/test_sheets_fast.py holds the two to each other."""

    def __init__(self, plan: Plan, sheet: _Sheet, resolve: Resolver, out: Outcome, ids: set[str], *,
                 recorded: datetime, by: str, source: str | None, note: str | None, readings: bool) -> None:  # fmt: skip
        self.sheet, self.resolve = sheet, resolve
        self.start, self.end = plan.start, plan.end
        self.recorded, self.by, self.source, self.note = recorded, by, source, note
        # note, source and by are read from the row only when the sheet has such a column
        self.own = not {"note", "source", "by"}.isdisjoint(sheet.fields)
        self.out, self.ids = out, ids
        self.fresh = fresh_ids(ids)  # each drawn id is added to ids before the next is drawn
        self.readings = out.readings if readings else None
        self.rules: dict[str | None, _Rule | None] = {}  # by name cell text; None: the general path
        self.values: dict[str, tuple[Decimal, bool] | None] = {}  # a figure text's number, and whether a rank
        self.states: dict[str, MilestoneStatus | None] = {}  # a status text's status
        self.counts = [0] * 5  # as rows_to_entries counts them, for the rows read here (see _UNIT_COUNT)
        # A CSV record's cells as they stand, each distinct one read once (see read_records):
        # a name cell's rule, a figure cell's number, a date cell's as-of date.
        self.cell_rules = _Memo(lambda cell: self.rule_of(sheet.names[_text_of(cell)]))
        self.cell_numbers = _Memo(self._cell_number)
        self.decimal_numbers = _Memo(lambda text: self._cell_number(Decimal(text)))  # by str(Decimal)
        self.cell_days = _Memo(self._cell_day)
        # What rule() asks of the sheet, the same for every target: worked out once, not per target
        # (a sheet names a thousand targets; describe() of a header alone was a tenth of this stage).
        column = sheet.value_col
        self.falls_read = sheet.growth is not None or any(c.why == DECLINE for c in sheet.table.columns)
        self.running_column = column is not None and (column.running_total or is_running_total_header(column.label))
        self.total_per_row = _january_month(column) or (
            column is not None and column.running_total and self.end.year > self.start.year
        )
        # A 单位 cell's reading (_text_unit) by target unit and rank: all a value column's rules of the
        # same unit read a cell alike, so each distinct cell is read once per unit, not once per target.
        self.unit_readings: dict[tuple[str | None, bool], tuple[dict[str | None, _How | None], _Memo]] = {}

    @classmethod
    def of(cls, plan: Plan, sheet: _Sheet, resolve: Resolver, out: Outcome, ids: set[str], *, recorded: datetime,
           by: str, source: str | None, note: str | None, readings: bool) -> _Common | None:  # fmt: skip
        """The quick path for ``sheet``, or ``None`` when it has a column only the general path
        reads (see :data:`_COMMON_FIELDS`)."""
        if not _COMMON_FIELDS.issuperset(sheet.fields) or sheet.table.row_kinds:  # 类别: rows of growth
            return None
        return cls(
            plan, sheet, resolve, out, ids, recorded=recorded, by=by, source=source, note=note, readings=readings
        )

    def read(self, rows: list[Row], general: Callable[[Row, dict[str, str]], None],
             progress: Callable[[], None] | None) -> None:  # fmt: skip
        """Read ``rows`` into the outcome: each by the quick path when it can, else by ``general``,
        which reads any row."""
        index = self.sheet.index
        if index is not None and "target" in index and self.readings is None:
            self.read_records(rows, index, general, progress)
            return
        texts, rules = self.sheet.texts, self.rules
        entries, numbers, add_id = self.out.entries, self.out.numbers, self.ids.add
        figure_entry, status_entry = self._figure_entry, self._status_entry
        for row in rows:
            if progress:
                progress()
            got = texts(row)
            name = got.get("target")
            rule = rules.get(name, _UNSEEN)
            if rule is _UNSEEN:
                rule = rules[name] = self.rule(name)
            if rule is None:
                general(row, got)
                continue
            entry = status_entry(row, got, rule) if rule.status else figure_entry(row, got, rule)
            if entry is None:
                general(row, got)
                continue
            entries.append(entry)
            numbers.append(row.number)
            add_id(entry.id)

    def read_records(self, rows: list[Row], index: dict[str, int], general: Callable[[Row, dict[str, str]], None],
                     progress: Callable[[], None] | None) -> None:  # fmt: skip
        """:meth:`read` for a CSV's records (``Table.keyed_by == "index"``) and a workbook's rows
        (``"number"``), a row's entry made straight from its cells as they stand, by index.

        Why: :meth:`read` first makes each row a dict of its fields' texts and then reads them
        back (a third of the cost of a row). Here each distinct cell is read once, to what the
        row needs of it: a name cell to its :class:`_Rule`, a figure cell to its number, a date
        cell to its as-of date within the plan, a 单位 cell to the unit recorded (per rule), each
        ``None`` when the row must go to ``general``. A cell's reading is that of its field's
        text (:attr:`_Sheet.marked`, :attr:`_Sheet.names`), so that each row gets what
        :meth:`read` gives it; tests/test_sheets_fast.py holds the two to each other and to the
        general path.

        A workbook's cells are not all texts: a reading is kept by a cell's value only where
        values that are equal read alike: a text or a blank, a datetime in the date column (an
        aware one, equal across zones, is left to ``general``), a number (Decimal) by its
        ``str``. A bool (True == 1), a float (1.0 == Decimal(1)), 0 and -0 would not be; a name or a
        figure of another type goes to ``general``, and another cell is read by its text."""
        sheet = self.sheet
        texts, cell_rules, cell_numbers, cell_days = sheet.texts, self.cell_rules, self.cell_numbers, self.cell_days
        decimal_numbers = self.decimal_numbers
        entries, numbers = self.out.entries, self.out.numbers
        state_of, recorded, counts = self._state, self.recorded, self.counts
        pick = sheet.pick
        records = pick is None  # a CSV's: every cell a text, which the type checks below need not ask
        # A cell's text as its field reads it: a CSV's cells are all texts.
        text_of = sheet.marked.__getitem__ if pick is None else self._picked_text
        at_name, at_unit, at_date = index["target"], index.get("unit"), index.get("date")
        at_value, at_status = index.get("value"), index.get("status")
        at_note, at_source, at_by = index.get("note"), index.get("source"), index.get("by")
        own = self.own
        undated = self._cell_day("")  # the as-of date of every row when the sheet has no date column
        # Drawn at once and kept out of later draws (ids holds them): a sheet read here has no id column.
        fresh = iter(reserve_ids(len(rows), self.ids))
        if pick is not None:  # a workbook's rows: each its fields' cells in a tuple, None when blank
            every = list(map(_CELLS, rows))
            picked = zip(*[list(map(dict.get, every, repeat(number))) for number in pick], strict=True)
        for row in rows:
            if progress:
                progress()
            # A column at a time by loops in C: a list of a row's cells each (map(cells.get, pick)) costs twice that.
            cells = row.cells if pick is None else next(picked)
            name = cells[at_name]
            rule: _Rule | None = cell_rules[name] if records or type(name) is str else None
            if rule is None:
                general(row, texts(row))
                continue
            count = 0
            if rule.status:  # a milestone's status, from the status or the value column (not both)
                value = unit = None
                state = state_of(
                    rule,
                    text_of(cells[at_status]) if at_status is not None else None,
                    text_of(cells[at_value]) if at_value is not None else None,
                )
                if state is None:
                    general(row, texts(row))
                    continue
            else:
                state = None
                raw = cells[rule.at] if rule.at is not None else None
                if type(raw) is str:
                    read = cell_numbers[raw]
                else:  # a workbook's number is looked up by its text: hashing a Decimal costs more
                    read = decimal_numbers[str(raw)] if type(raw) is Decimal else None
                if read is None or (rule.rank and not read[1]):
                    general(row, texts(row))
                    continue
                units = rule.cell_units
                unit_cell = cells[at_unit] if at_unit is not None else None
                how = (
                    rule.fixed if units is None
                    else units[unit_cell] if records or type(unit_cell) in _TEXT_TYPES
                    else None
                )  # fmt: skip
                if how is None:
                    general(row, texts(row))
                    continue
                value, (unit, _, count) = read[0], how
            if at_date is None:
                found = undated
            else:
                day_cell = cells[at_date]
                found = cell_days[day_cell] if records or type(day_cell) in _DAY_TYPES else None
                if rule.adds and type(day_cell) is str and year_to_date_months(day_cell):
                    found = None
            if found is None:
                general(row, texts(row))
                continue
            if count:
                counts[count] += 1
            if own:  # a blank cell's text is None, never "": `or` falls back as _said does
                note = (at_note is not None and text_of(cells[at_note])) or self.note
                source = (at_source is not None and text_of(cells[at_source])) or self.source
                by = (at_by is not None and text_of(cells[at_by])) or self.by
            else:
                note, source, by = self.note, self.source, self.by
            entries.append(
                _new_tuple(
                    Entry,
                    (next(fresh), rule.id, found[0], recorded, value, unit, note, source, by, None, False, None, state,
                     None, 0, None, False, None, None, False, None),
                )
            )  # fmt: skip
            numbers.append(row.number)

    def _picked_text(self, cell: Any) -> str | None:
        """A workbook's cell's text as its field reads it (:attr:`_Sheet.marked`)."""
        return self.sheet.marked[_text_of(cell)]

    def _cell_number(self, cell: Any) -> tuple[Decimal, bool] | None:
        """A figure cell's number and whether it can be a rank, as :meth:`_figure_entry` reads
        its text; ``None`` for a blank cell or a text the general path must read."""
        text = self.sheet.marked[_text_of(cell)]
        if text is None:
            return None
        read = self.values.get(text, _UNSEEN)
        if read is _UNSEEN:
            read = self._number(text)
        return read  # type: ignore[no-any-return]

    def _cell_day(self, cell: str | datetime | None) -> tuple[date, str] | None:
        """The as-of date of a row whose date cell is ``cell`` (a text, or a workbook's datetime;
        "" or None when blank or when there is none) and where it was read, as :meth:`_Sheet.day` gives it; ``None`` when it
        refuses the row or the date is outside the plan (the general path's to refuse), and for
        an Excel date with a time zone: aware datetimes are equal across zones, their days not."""
        sheet = self.sheet
        found: tuple[date, str] | None
        if isinstance(cell, datetime):  # the types read_records lets through: no subclass
            found = None if cell.tzinfo is not None else (cell.date(), "the date column")
        elif cell is None or sheet.marked[cell] is None:
            found = sheet.fallback
        else:
            try:
                found = sheet.days[cell]
            except ValueError:
                return None
        if found is None or not self.start <= found[0] <= self.end:
            return None
        return sheet.through_end(found[0]), found[1]

    def rule_of(self, name: str | None) -> _Rule | None:
        """:meth:`rule` of ``name``, worked out once per name."""
        rule = self.rules.get(name, _UNSEEN)
        if rule is _UNSEEN:
            rule = self.rules[name] = self.rule(name)
        return rule  # type: ignore[no-any-return]

    def rule(self, name: str | None) -> _Rule | None:
        """How rows whose name cell holds ``name`` are read, or ``None`` when the general path
        reads them all: a name that names no target or several, a milestone named by its own
        name, a target listing milestones, an increment whose figure column holds running
        totals, a unit that does not convert, a target due before the plan's end (whose rows after
        its due the general path refuses: checked per target, not per row)."""
        if name is None:
            return None
        try:
            named = self.resolve.find(name)
        except EntryError:
            return None  # refused by the general path, for each row that names it
        if named is None or named.milestone is not None or named.unit is not None or named.target.due < self.end:
            return None  # a unit in the name (新增创新空间面积（平方米）) is checked by the general path
        sheet, target = self.sheet, named.target
        kind = target.kind
        if kind is _MILESTONE:
            if target.milestones:  # every row must name one, and no column here can
                return None
            return _Rule(named, "status", None, sheet.status_col or sheet.value_col)
        index = sheet.index or {}
        if kind is _RATE and self.falls_read and records_falls(target):
            return None  # its figure may be under 下降率% (general: rows_to_entries' falls), or signed growth to read as a fall
        if kind is _RATE and sheet.percent_shown(sheet.growth or sheet.value_col) is not None:
            return None  # its cells' formats matter (_plain_among_percent): the general path reads them
        if kind is _RATE and sheet.growth is not None:
            rule = _Rule(named, "growth", sheet.growth, sheet.growth)
            rule.fixed = self._unit(rule, "%", "header")
            rule.at = index.get("growth")
            return rule if rule.fixed is not None else None
        if kind is _RATE and named.via.startswith("alias") and not sheet.names_rate(name):
            return None  # the quantity's row, with no growth column: refused by the general path
        column = sheet.value_col
        if kind is _INCREMENT and self.running_column:
            return None  # refused by _increment_value, row after row
        if column is not None and additions_as_level(target, column):
            return None  # a stock's figure under 新增（家）: refused by the general path
        if kind is _TOTAL and self.total_per_row:
            # January's 本月 is the running total in the plan's first month alone, and the calendar
            # year so far the plan's running total in its first year alone: per row, there
            return None
        rule = _Rule(named, "value", column, column)
        rule.at = index.get("value")
        if sheet.units:
            shared = self.unit_readings.get((target.unit, rule.rank))
            if shared is None:
                marked, first = sheet.marked, rule
                shared = self.unit_readings[(target.unit, rule.rank)] = (
                    {},
                    _Memo(lambda cell: self._text_unit(first, marked[_text_of(cell)])),
                )
            rule.units, rule.cell_units = shared
        else:
            rule.fixed = self._unit(rule, None, "")
        return rule

    def _unit(self, rule: _Rule, unit: str | None, unit_from: str) -> _How | None:
        """What ``unit`` (read from ``unit_from``) makes of a figure of ``rule``'s target, as
        :func:`~ledger.record.entry_of` checks it: the unit recorded, where it was read and the
        count it goes to; ``None`` when it refuses it."""
        target = rule.target
        recorded_unit = target.unit
        if unit is not None:
            try:
                recorded_unit = units.canonical(unit)
                if target.unit is not None:
                    units.factor(recorded_unit, target.unit)
            except units.UnitError:
                return None
            if rule.rank and recorded_unit != target.unit:
                return None
        count = _UNIT_COUNT.get(unit_from, 0)
        return recorded_unit, unit_from, count

    def _text_unit(self, rule: _Rule, text: str | None) -> _How | None:
        """:meth:`_unit` of what a row's header, 单位 cell (its text ``text``) or 单位 line say
        (:func:`_unit`)."""
        try:
            # The row is named only by the refusal's message, which is not kept here.
            unit, unit_from = _unit(
                self.sheet.table, _NO_ROW, {} if text is None else {"unit": text}, rule.column, rule.target.unit
            )
        except EntryError:
            return None
        return self._unit(rule, unit, unit_from)

    def _number(self, text: str) -> tuple[Decimal, bool] | None:
        """A figure text's number and whether it can be a rank; ``None`` for a text the general
        path reads otherwise (a "no figure" mark, a percent sign, a footnote mark it says it took
        off) or refuses."""
        if not self.sheet.table.decimal_comma and (plain := plain_number(text)) is not None:
            self.values[text] = plain, is_rank(plain)
            return self.values[text]
        try:
            plain_text = None if has_mark(text) else figure(text, self.sheet.table.decimal_comma)
        except ValueError:
            plain_text = None
        found: tuple[Decimal, bool] | None = None
        if plain_text is not None and not plain_text.rstrip().endswith(PERCENT_SIGNS):
            try:
                number = cached_number(plain_text)
            except ValueError:
                pass
            else:
                found = number, is_rank(number)
        self.values[text] = found
        return found

    def _said(
        self, row: Row, got: dict[str, str], rule: _Rule, unit_from: str, date_from: str, unit: str | None = None
    ) -> tuple[str | None, str | None, str]:
        """A quick row's note, source and ``by`` (its cells, else ``--note``, ``--source`` and
        the importer), with how it was read (its ``unit`` from ``unit_from``) kept for ``--dry-run``."""
        if self.readings is not None:
            sheet = self.sheet
            stated = sheet.table.units_from.get(unit or "", "") if unit_from == "line" else ""
            self.readings.append(
                _new_tuple(Reading, (row.number, rule.shown, unit_from, date_from, rule.via, sheet.target_col,
                                     sheet.unit_col, stated, "", "", "", 0))
            )  # fmt: skip
        if self.own:
            return got.get("note") or self.note, got.get("source") or self.source, got.get("by") or self.by
        return self.note, self.source, self.by

    def _figure_entry(self, row: Row, got: dict[str, str], rule: _Rule) -> Entry | None:
        """The entry of a row of a numeric target, as :func:`_entry` makes it; ``None`` when
        the general path must read the row."""
        text = got.get(rule.field)
        if text is None:
            return None
        read = self.values.get(text, _UNSEEN)
        if read is _UNSEEN:
            read = self._number(text)
        if read is None or (rule.rank and not read[1]):
            return None
        by_cell = rule.units
        if by_cell is None:
            how = rule.fixed
        else:
            cell = got.get("unit")
            how = by_cell.get(cell, _UNSEEN)
            if how is _UNSEEN:
                how = by_cell[cell] = self._text_unit(rule, cell)
        if how is None or (dated := self._day(row, got)) is None or (rule.adds and self.sheet.period(row)):
            return None
        day, date_from = dated
        unit, unit_from, count = how
        if count:
            self.counts[count] += 1
        note, source, by = self._said(row, got, rule, unit_from, date_from, unit)
        return _new_tuple(
            Entry,
            (next(self.fresh), rule.id, day, self.recorded, read[0], unit, note, source, by, None, False, None, None,
             None, 0, None, False, None, None, False, None),
        )  # fmt: skip

    def _day(self, row: Row, got: dict[str, str]) -> tuple[date, str] | None:
        """The row's as-of date and where it was read (:meth:`_Sheet.day`), or ``None`` for a row
        the general path must read: a date it refuses, or one outside the plan's period."""
        try:
            day, date_from = self.sheet.day(row, got)
        except ValueError:
            return None
        return (day, date_from) if self.start <= day <= self.end else None

    def _state(self, rule: _Rule, status: str | None, value: str | None) -> MilestoneStatus | None:
        """The status a row of ``rule``'s milestone target (one listing no milestones) gives in its status or its value column (texts
        as :meth:`_Sheet.texts` gives them); ``None`` for a row the general path must read: both
        columns filled or neither, or a text that is not a status."""
        text = value if status is None else status if value is None else None
        if text is None:
            return None
        state = self.states.get(text, _UNSEEN)
        if state is _UNSEEN:
            try:
                state, _ = milestone_fields(rule.target, None, text, None, None)
            except EntryError:
                state = None
            self.states[text] = state
        return state  # type: ignore[no-any-return]

    def _status_entry(self, row: Row, got: dict[str, str], rule: _Rule) -> Entry | None:
        """:meth:`_figure_entry` for a milestone target that lists no milestones: a status, from
        the status column or the value column (one of the two)."""
        state = self._state(rule, got.get("status"), got.get("value"))
        if state is None or (dated := self._day(row, got)) is None:
            return None
        day, date_from = dated
        note, source, by = self._said(row, got, rule, "", date_from)
        return _new_tuple(
            Entry,
            (next(self.fresh), rule.id, day, self.recorded, None, None, note, source, by, None, False, None, state,
             None, 0, None, False, None, None, False, None),
        )  # fmt: skip
