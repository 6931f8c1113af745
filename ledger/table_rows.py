"""A table's rows read into entries (:func:`rows_to_entries`), and what is said of a table that
cannot be read whole: columns not understood, subtotal rows, carriers' rows under ``--target``.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

from . import units
from .area_columns import area_fix, is_area_whole
from .carrier_wholes import carrier_wholes
from .column_kinds import (
    DECLINE,
    GOAL,
    NOT_GROWTH,
    PROGRESS,
    describe,
    is_running_total_header,
    records_falls,
    says_year_so_far,
)
from .entries import Entry
from .errors import EntryError, Problem
from .filled_names import names_alike, own_name_column
from .formulas import errors_said, is_no_figure
from .header_words import CARRIER_HEADERS, OWN_SHEET_INFO, is_total_label
from .model import Kind, Plan, Target
from .names import key
from .numbers import plain
from .outline import SERIAL_HEADERS, sheet_levels
from .part_readings import part_readings
from .quick_rows import _UNIT_COUNT, _Common
from .readings import _INCREMENT, Outcome
from .record import cached_number
from .row_entry import _entry
from .row_kinds import cell_at, typed_at, typed_column
from .row_targets import TOTAL_ROW, OneTarget, Resolver
from .sheet_asks import ASK_HEADERS
from .sheet_cells import _Sheet, figure
from .sheets import Row
from .sub_items import sub_items
from .table import Column, Table, Unlabelled
from .target_parts import carrier_and_parts, rows_text, whole_and_parts
from .total_labels import is_total_row

_EXPORTED = frozenset({"id", "recorded", "corrects", "void", "reason"})  # the columns only an export has
_FIGURE_FIELDS = ("value", "status", "month_value", "void", "growth", "rank")  # a row with none of these has no figure


def rows_to_entries(
    plan: Plan,
    table: Table,
    *,
    existing: list[Entry],
    default_date: date | None,
    recorded: datetime,
    by: str,
    spreadsheet: bool,
    default_from: str = "--date",
    skip_unknown: bool = False,
    source: str | None = None,
    note: str | None = None,
    progress: Callable[[], None] | None = None,
    readings: bool = True,
    quick: bool = True,
    target: Target | None = None,
) -> Outcome:
    """Entries for the rows of ``table``, each checked as ``tracker record`` would check it.

    Columns written by ``tracker export`` (id, recorded, corrects, void, reason) are kept, so an
    export imports back as it was; a correction must name an entry of the same target that is
    not corrected already. ``spreadsheet`` (CSV, XLSX, XLS) takes off the apostrophe that guards
    formula-like text. The as-of date is the row's date cell, else ``default_date`` (``--date``,
    or a header's own year and month: ``default_from`` says which), else the period the sheet
    states. A figure's unit is the one in its header, else the row's
    单位 cell (the two must agree), else a ``单位：…`` line, else the target's. A rate target
    takes its figure from the growth column when the sheet has one, whatever its row's name
    (a figure only in another figure column is refused); without one, a row naming the
    underlying quantity (``规模以上工业增加值``) is refused. ``source`` and ``note`` (``--source``,
    ``--note``) fill those fields of every row that has none.

    ``readings=False`` leaves :attr:`Outcome.readings` empty: only ``--dry-run`` shows them, and
    an import of thousands of rows need not build one for each. ``quick=False`` reads every row
    by the general path alone, for the tests that hold the common rows' quick path
    (:class:`_Common`) to it: the outcome is the same either way. ``target`` (``--target``) gives
    every row to that target (:class:`OneTarget`): a name naming no target is its carrier's."""
    resolve = Resolver(plan) if target is None else OneTarget(plan, target)
    totalled = resolve.names if isinstance(resolve, OneTarget) else ()  # what a total row may name
    out = Outcome([], [], [], [])
    ids = {e.id for e in existing}
    corrections = "corrects" in table.by_field  # else no row can name an entry to correct
    # What a correction is checked against: read only when the sheet has a corrects column.
    targets_of = {e.id: e.target for e in existing} if corrections else {}
    corrected = {e.corrects for e in existing if e.corrects} if corrections else set()
    fill_down = table.column("milestone") is not None
    last_name: str | None = None
    last_row = 0  # the row last_name was read from
    own_col = own_name_column(table) if fill_down else None  # a row's own visible name (指标/任务)
    sheet = _Sheet(table, spreadsheet, default_date, default_from)
    if (ytd := _one_meaning(table, sheet, resolve)) is not None:
        table = ytd
        sheet = _Sheet(table, spreadsheet, default_date, default_from)
    sheet.running, sheet.alone = out.running, out.alone
    if isinstance(resolve, OneTarget):  # the target's own row beside its carriers': the whole or the parts
        out.problems.extend(whole_and_parts(sheet, table.rows, resolve))
        carrier = _carrier_of(table, sheet, resolve)  # each row's carrier, read once for both
        levels = sheet_levels(table.rows, carrier, _serial(table))  # 1 over 1.1, 1.2: a carrier's parts
        out.problems.extend(carrier_and_parts(sheet, table.rows, carrier, levels=levels))
        out.problems.extend(carrier_wholes(sheet, table.rows, carrier, plan.name))
    elif carriers := next((c for c in table.columns if c.field is None and key(c.label) in CARRIER_HEADERS), None):
        # 指标名称 | 载体名称: a carrier and its parts (其中：一期, 1.1 under 1) under one target
        carried = lambda row: typed_at(row, carriers, table.keyed_by)  # noqa: E731
        out.problems.extend(
            carrier_and_parts(
                sheet,
                table.rows,
                carried,
                lambda row: sheet.texts(row).get("target"),
                sheet_levels(table.rows, carried, _serial(table)),
            )
        )
        out.problems.extend(  # the zone's or a district's row among the carriers: their whole
            carrier_wholes(
                sheet,
                table.rows,
                _carrier_adding(table, sheet, resolve, carriers),
                plan.name,
                lambda row: sheet.texts(row).get("target"),
            )
        )
    if not isinstance(resolve, OneTarget) and (names := table.by_field.get("target")) is not None:
        # 其中：… (or an indented row) naming the row above's target: its part, never a second figure
        out.problems.extend(
            sub_items(
                table.rows,
                lambda row: typed_at(row, names, table.keyed_by),
                lambda row: not sheet.texts(row).keys().isdisjoint(_FIGURE_FIELDS),
                resolve.find,
                (typed := typed_column(table.rows, names, table.keyed_by)),
                _levels(table, names, typed),
            )
        )
    out.problems.extend(_changed_asks(table, sheet, resolve))
    counts = [0] * 5  # figures whose unit the sheet gave, by where (see _UNIT_COUNT)
    common = (
        _Common.of(
            plan, sheet, resolve, out, ids, recorded=recorded, by=by, source=source, note=note, readings=readings
        )
        if quick
        else None
    )

    # Growth columns that are not the year's (本月增速, 环比%): a rate's row whose only figure is
    # there is refused, never passed over as a row without a figure (its growth would go unrecorded).
    not_growth = [c for c in table.columns if c.why in NOT_GROWTH and c.number]
    growth_left: list[tuple[Problem, str]] = []  # such rows' refusals, and their names
    # Falls without their sign (下降率%, 同比下降%): a target that records falls (能耗下降率) reads its
    # figure there; any other's row is refused as above (3.2 there is growth of −3.2).
    falls = [c for c in not_growth if c.why == DECLINE]

    def general(row: Row, got: dict[str, str]) -> None:
        """Read one row, any row, into ``out``: its entry, or its problem, or a note passing it over."""
        nonlocal last_name, last_row
        name = got.get("target")
        filled, own = 0, None  # the row a filled-down name came from; a row's own name, read instead
        if name is None and fill_down and last_name is not None:
            own = typed_at(row, own_col, table.keyed_by) if own_col is not None else None
            if own is None or not own.strip() or names_alike(resolve, own, last_name):
                name, filled, own = last_name, last_row, None  # a group cell filled only on its first row holds below
            else:  # a row of its own (inserted under a target, its id cell empty): read by its name
                name = own
        elif name is not None:
            last_name, last_row = name, row.number
        if falls and name and (fall := _fall_of(resolve, name, row, falls, table)) is not None:
            got = {**got, "fall": fall[1], "fall_column": str(fall[0].number)}
        elif got.keys().isdisjoint(_FIGURE_FIELDS):  # got holds only the fields that have text
            what = name or ""
            if not_growth and what and (left := _growth_left_out(resolve, what, row, not_growth, table)) is not None:
                growth_left.append((Problem(left, where=f"row {row.number}", row=row.number), what.strip()))
                return
            if not (what and is_total_row(what, totalled)):
                said = (what.strip() if what else "") + errors_said(row.cells, row.number)
                out.skipped.append(f"row {row.number}" + (f" ({said.removeprefix('; ')})" if said else ""))
                return  # a section heading, or a target with no figure this month
        try:
            if name is None:
                if target is not None:  # an unnamed row among carriers' may be their subtotal
                    raise EntryError(
                        "no carrier named: fill in the row's name, or delete it if it is a total of the rows above "
                        "(tracker adds rows up itself)"
                    )
                raise EntryError("no target: fill in the target's name or id")
            named = resolve.find(name)
            if named is None:
                if is_total_row(name, totalled) and not skip_unknown:
                    raise EntryError(f"{name.strip()!r} is a total row, {TOTAL_ROW}")
                if skip_unknown:
                    out.unknown.append(f"row {row.number} ({name.strip()})")
                    return
                raise EntryError(resolve.unknown(name) + "; or pass such rows over with --skip-unknown")
            made = _entry(plan, sheet, row, got, named, recorded, by, ids, source, note)
            if made is None:  # a row with no figure for its target (a —, an Excel error)
                out.skipped.append(f"row {row.number} ({name.strip()}{errors_said(row.cells, row.number)})")
                return
            e, reading = made
            if e.corrects is not None:
                if e.corrects not in targets_of:
                    raise EntryError(f"corrects {e.corrects!r}, which is neither in the ledger nor earlier in the file")
                if targets_of[e.corrects] != e.target:
                    raise EntryError(
                        f"corrects {e.corrects!r}, an entry of {targets_of[e.corrects]!r}, not {e.target!r}"
                    )
                if e.corrects in corrected:
                    raise EntryError(f"{e.corrects!r} is corrected already; correct the latest entry of its chain")
                corrected.add(e.corrects)
            out.entries.append(e)
            out.numbers.append(row.number)
            if readings:
                if filled or own is not None:  # where the name really came from, for --dry-run
                    reading = reading._replace(target_row=filled) if filled else reading._replace(target_column=own_col)
                out.readings.append(reading)
            if reading.unit_from and e.value is not None:  # most figures take their target's unit
                counts[_UNIT_COUNT.get(reading.unit_from, 0)] += 1
            ids.add(e.id)
            if corrections:
                targets_of[e.id] = e.target
        except EntryError as error:
            out.problems.append(error.in_sheet()._replace(where=f"row {row.number}", row=row.number))
        except (ValueError, units.UnitError) as error:
            out.problems.append(Problem(str(error), where=f"row {row.number}", row=row.number))

    for number, label, col in table.totals:  # 小计 in a label column other than the target's
        if skip_unknown:
            out.totals.append(f"row {number} ({label})")
            continue
        out.problems.append(
            Problem(
                f"{label!r} in column {col.label!r} ({col.letter}{number}) marks a total row, {TOTAL_ROW}",
                where=f"row {number}",
                row=number,
            )
        )
    for unlabelled in table.unlabelled:
        said = _subtotal(sheet, unlabelled)
        if isinstance(said, Problem):
            out.problems.append(said)
        else:
            out.subtotals.append(said)
    if common is not None:
        common.read(table.rows, general, progress)
        counts = [a + b for a, b in zip(counts, common.counts, strict=True)]
    else:
        for row in table.rows:
            if progress:
                progress()
            general(row, sheet.texts(row))
    if growth_left and (out.entries or out.problems):
        out.problems.extend(p for p, _ in growth_left)  # the rest would import with these rates unrecorded
    elif growth_left:  # no row has a figure: the sheet's refusal says what each column is
        out.skipped.extend(f"row {p.row} ({what})" for p, what in growth_left)
    if (table.totals or table.unlabelled or growth_left) and out.problems:
        out.problems.sort(key=lambda p: p.row or 0)
    if not isinstance(resolve, OneTarget) and not out.problems and table.by_field.keys().isdisjoint(_EXPORTED):
        # 东区 500, 西区 342.7 of one total: parts of the zone's one reading, never two readings of it
        # (an export's rows differ in their ids and digests, and say themselves what they replace)
        unread = [c for c in table.columns if c.field is None and c.why is None and not _holds_numbers(table, c)]
        unread.sort(key=lambda c: key(c.label) not in CARRIER_HEADERS)  # a 载体名称 column first
        out.problems.extend(
            part_readings(plan, out.entries, out.numbers, table.rows, unread, lambda r, c: _cell_of(table, r, c))
        )
    _, given, headed, stated, signed = counts
    return dataclasses.replace(
        out, units_given=given, units_headed=headed, units_stated=stated, units_signed=signed,
        footnotes=list(sheet.footnotes.values()),
    )  # fmt: skip


def _not_understood_fix(plan: Plan, table: Table, unread: list[Column], holds: str) -> str:
    """The hint for a sheet whose figures are all in columns ``unread`` whose headers say nothing
    tracker knows (``截至今日数``): the ``--map`` that reads the first as the figure. For an
    ``increment`` (which adds its entries up) a ``value`` column whose header names no period is an
    addition, so a column of the year so far so mapped would count the months before again: where
    a row names one, the hint asks which the column holds and offers the map for the month's own.

    Only columns holding numbers are offered. Where several do (one column per carrier or
    district), mapping any one of them would drop the others' figures without a word: the hint
    names that layout and offers their total column (合计) when there is one, else says how to
    import such a sheet, never one part's column."""
    figures = [c for c in unread if _holds_numbers(table, c)]
    if len(figures) == 1:
        unread, holds = figures, "it holds"
    target_col = table.by_field.get("target")
    resolve = Resolver(plan)
    names = (_cell_of(table, row, target_col) for row in table.rows) if target_col is not None else iter(())
    adds = any((n := resolve.find(name.strip())) is not None and n.target.kind is _INCREMENT for name in names if name)
    if len(figures) > 1:
        return _periods_fix(figures, adds) or area_fix(plan.name, figures, adds) or _wide_fix(figures, adds)
    label = unread[0].label
    if adds and says_year_so_far(label):  # 截至今日累计=month_value would be refused (refused_maps)
        return (
            f"{label!r} holds a running total, never the month's own addition: if it is the year so far, head it "
            "1—N月累计 (checked against the additions recorded), else give the month's own figures (本月新增)"
        )
    if adds:
        return (
            f"if {holds} each month's own addition, import with --map '{label}=month_value'; if it holds the year "
            "so far, head it 1—N月累计 (an increment takes the month's own figure)"
        )
    return f"if {holds} the figures, import with --map '{label}=value'"


def _holds_numbers(table: Table, col: Column) -> bool:
    """Whether any row of ``table`` has a number in ``col``."""
    for row in table.rows:
        text = _cell_of(table, row, col)
        try:
            if text and (shown := figure(text, table.decimal_comma)) is not None:
                cached_number(shown.removesuffix("%"))
                return True
        except ValueError:
            continue
    return False


def _one_part_mapped(table: Table) -> Problem | None:
    """The refusal of a ``--map`` that reads one part's column of a sheet laid out wide (one
    column per carrier beside their 合计) as the figure: the other parts' figures would be left
    out. Only where the sheet has a total column holding numbers, left unused, and another part's
    column beside it; ``None`` otherwise."""
    chosen = [c for c in table.columns if c.mapped and c.field in ("value", "month_value")]
    if len(chosen) != 1 or is_total_label(chosen[0].label):
        return None
    unused = [c for c in table.columns if c.label in table.ignored and c.label and c.why is None and not c.mapped]
    figures = [c for c in unused if _holds_numbers(table, c)]
    totals = [c for c in figures if is_total_label(c.label)]
    if len(totals) != 1 or len(figures) < 2 or is_area_whole(totals[0].label):
        return None  # a whole area's column (全区) is never the plan's when a part's (其中：经开区) is mapped
    part, total = chosen[0], totals[0]
    others = ", ".join(f"{c.label!r}" + (f" ({c.letter})" if c.number else "") for c in figures if c is not total)
    where = f" ({part.letter})" if part.number else ""
    return Problem(
        f"{part.label!r}{where}, mapped as {part.field}, is one part of a sheet that gives one column per part and their "
        f"total {total.label!r} ({total.letter}): alone it would leave out {others}",
        fix=f"import the total with --map '{total.label}={part.field}'",
    )


def _periods_fix(figures: list[Column], adds: bool) -> str | None:
    """The hint for a sheet whose unread columns of figures ``figures`` name periods in their
    labels' last part (``增量（亿元） 1-8月累计`` | ``增量（亿元） 8月``): a running total and a month's
    own figure are no parts of a whole, and adding them up (the wide layout's 合计) would be wrong.
    The ``--map`` offered, if the column holds the figure, is the one the target's kind reads (an
    addition's month, else the running total). ``None`` when fewer than two name a period."""
    kinds = {c.label: describe(c.label.rpartition(" ")[2]) for c in figures}
    running = [c for c in figures if kinds[c.label].field == "value" and kinds[c.label].running_total]
    month = [c for c in figures if kinds[c.label].field == "month_value"]
    if len(running) + len(month) < 2:
        return None
    said = ", ".join(f"{c.label!r} ({c.letter})" for c in running + month)
    layout = (
        f"the columns {said} give the figure of different periods (the year so far, a month's own), not parts: "
        "they never add up"
    )
    pick = (month if adds else running)[:1]
    if any(is_area_whole(c.label.rpartition(" ")[0]) for c in figures):
        return f"{layout}; a whole area's figure (全区) is never a zone's within it: give the zone's own figures"
    if not pick:
        return f"{layout}; head the figure's column 1—N月累计 or 本月 as it holds"
    field = "month_value" if adds else "value"
    return f"{layout}; if {pick[0].label!r} holds the figure, import it with --map '{pick[0].label}={field}'"


def _wide_fix(figures: list[Column], adds: bool) -> str:
    """The hint for a sheet laid out wide: several columns of figures for each row (one per
    carrier, 东湖孵化园 | 临平科创中心), perhaps beside their total (合计)."""
    totals = [c for c in figures if is_total_label(c.label)]
    parts = [c for c in figures if c not in totals]

    def said(cols: list[Column]) -> str:
        return ", ".join(f"{c.label!r}" + (f" ({c.letter})" if c.number else "") for c in cols)

    if len(totals) == 1 and parts:
        total = totals[0].label
        layout = f"the sheet gives one column per part ({said(parts)}) and their total {said(totals)}"
        if adds:
            return (
                f"{layout}: if the total holds the month's own addition, import it with --map '{total}=month_value' "
                "(one part's column alone would leave out the others); if it holds the year so far, head it 1—N月累计"
            )
        return f"{layout}: import the total with --map '{total}=value' (one part's column alone would leave out the others)"
    layout = f"the sheet gives several columns of figures for each row ({said(figures)}), one per part"
    if adds:
        return (
            f"{layout}: tracker reads one figure a row; give one row per part (指标名称 | 载体名称 | 本月新增), "
            "or add their total (合计) and import it with --map '合计=month_value'"
        )
    return f"{layout}: tracker reads one figure a row; add their total (合计) and import it with --map '合计=value'"


def _levels(table: Table, names: Column, typed: set[str] | None) -> dict[int, int]:
    """The rows' outline levels (1 over 1.1; 1.新增… over （1）新增…) from the 序号 column or the
    ``names`` column (``typed``: its distinct texts, when known), read row by row only when a
    column's distinct texts nest."""
    col = next((c for c in table.columns if c.field is None and key(c.label) in SERIAL_HEADERS), None)
    serials = typed_column(table.rows, col, table.keyed_by) if col is not None else None
    return sheet_levels(table.rows, lambda row: typed_at(row, names, table.keyed_by), _serial(table), typed, serials)


def _serial(table: Table) -> Callable[[Row], str | None] | None:
    """A row's 序号 cell as typed, when the sheet has a 序号 column the import reads nothing from
    (its outline numbers, 1 over 1.1, say which rows are parts of which); else ``None``."""
    col = next((c for c in table.columns if c.field is None and key(c.label) in SERIAL_HEADERS), None)
    return None if col is None else lambda row: typed_at(row, col, table.keyed_by)


def _carrier_of(table: Table, sheet: _Sheet, resolve: OneTarget) -> Callable[[Row], str | None]:
    """A row's carrier cell in an ``import --target`` sheet, as typed (its indent kept): its name
    cell when that names no target (a carrier's), else ``None`` (the target's own row, or one that
    cannot be read). Each row's is read once, however many checks ask."""
    names = table.by_field.get("target")
    seen: dict[int, str | None] = {}  # by row number: asked of each row by several checks

    def carrier(row: Row) -> str | None:
        if row.number in seen:
            return seen[row.number]
        name = sheet.texts(row).get("target")
        found = None
        with contextlib.suppress(EntryError):
            if name and names is not None and (named := resolve.find(name)) is not None and named.carrier:
                found = typed_at(row, names, table.keyed_by) or name
        seen[row.number] = found
        return found

    return carrier


def _carrier_adding(table: Table, sheet: _Sheet, resolve: Resolver, carriers: Column) -> Callable[[Row], str | None]:
    """A row's ``carriers`` cell (载体名称) as typed when its name cell names an addition (kind
    increment), else ``None``: a total's or a rate's rows per carrier are each a part of one
    reading, refused as such (:func:`~ledger.part_readings.part_readings`). Each name is
    resolved once."""
    adds: dict[str, bool] = {}

    def carrier(row: Row) -> str | None:
        name = sheet.texts(row).get("target")
        if not name:
            return None
        if name not in adds:
            adds[name] = False
            with contextlib.suppress(EntryError):
                adds[name] = (named := resolve.find(name)) is not None and named.target.kind is _INCREMENT
        return typed_at(row, carriers, table.keyed_by) if adds[name] else None

    return carrier


def _changed_asks(table: Table, sheet: _Sheet, resolve: Resolver) -> list[Problem]:
    """The refusals of a returned ``tracker sheet`` whose 填报口径 cell (what its figure cell asks
    for) a department changed on a row with a figure: ``6月当月`` over a running total's figure says
    it is not the 1—6月 total it would be read as, and ``1—5月累计`` beside a June date that it is not
    June's. Empty for any other sheet; a cell as the sheet writes it for the row's target and the
    month of its date (any month when the date cannot be read) is no change."""
    ask = next((c for c in table.columns if c.label in ASK_HEADERS and c.field is None), None)
    if ask is None:
        return []
    from .sheet_asks import asked, asked_any_month, asked_before  # loaded for a returned sheet alone

    plan = resolve.plan

    problems = []
    for row in table.rows:
        text = _cell_of(table, row, ask)
        got = sheet.texts(row)
        if text is None or got.get("target") is None or not any(f in got for f in ("value", "month_value")):
            continue
        try:
            named = resolve.find(got["target"])
        except EntryError:
            continue  # refused as the row is read
        if named is None:
            continue
        try:  # the row's month, as its date cell (written by the sheet, or changed with the figure) gives it
            month: date | None = sheet.day(row, got)[0]
        except (EntryError, ValueError):
            month = None
        lang = "zh" if ask.label == ASK_HEADERS[0] else "en"
        mine = (
            asked_any_month(named.target, plan.start, plan.end)
            if month is None
            else {asked(named.target, month, lang, plan.start)}
        )
        if text.strip() in mine or text.strip() in asked_before(named.target):
            continue
        period = table.period
        if month is not None and period is not None and (month.year, month.month) != (period.year, period.month):
            continue  # a date of another month than the sheet's: refused as such, in one line (sheet_dates)
        expected = f" ({asked(named.target, month, lang, plan.start)})" if month is not None else ""
        if month is not None and text.strip() in asked_any_month(
            named.target, plan.start, plan.end
        ):  # another month's words
            problems.append(
                Problem(
                    f"the {ask.label} cell ({ask.letter}{row.number}) says {text.strip()!r}, but the row is dated "
                    f"{month.isoformat()}, whose figure of {named.target.id} is {asked(named.target, month, lang, plan.start)}: "
                    "correct the date or the figure so that they agree, and leave the cell as the sheet wrote it",
                    where=f"row {row.number}",
                    row=row.number,
                )
            )
            continue
        problems.append(
            Problem(
                f"the {ask.label} cell ({ask.letter}{row.number}) was changed to {text.strip()!r}: tracker reads the "
                f"figure of {named.target.id} as what the sheet asked{expected}; "
                "give that figure and leave the cell as the sheet wrote it (a month's own figure of a running total "
                "goes in the 本月 column)",
                where=f"row {row.number}",
                row=row.number,
            )
        )
    return problems


def _cell_of(table: Table, row: Row, col: Column) -> str | None:
    """The text of ``row``'s cell in ``col`` (any column, used or not), or ``None``."""
    return cell_at(row, col, table.keyed_by)


def _fall_of(resolve: Resolver, name: str, row: Row, falls: list[Column], table: Table) -> tuple[Column, str] | None:
    """The column among ``falls`` (:data:`~ledger.column_kinds.DECLINE`'s) and the text of ``row``'s
    first figure there, when ``name`` names a target that records falls
    (:func:`~ledger.column_kinds.records_falls`: its figure is that fall as written); else ``None``."""
    try:
        named = resolve.find(name)
    except EntryError:
        return None  # refused by the general path, naming why
    if named is None or not records_falls(named.target):
        return None
    for col in falls:
        text = _cell_of(table, row, col)
        if text is not None and text.strip() and not is_no_figure(text.strip()):
            return col, text
    return None


def _growth_left_out(resolve: Resolver, name: str, row: Row, columns: list[Column], table: Table) -> str | None:
    """Why the row of a rate target named ``name`` is refused when its only figures are in
    ``columns``, growth or percent columns that are not the year's growth (``本月增速（%）``: a
    single month's), or ``None`` when it names no rate or they are blank: passing it over as a
    row without a figure would leave the rate unrecorded without a word."""
    named = resolve.find(name)
    if named is None or named.target.kind is not Kind.RATE:
        return None
    target = named.target
    for col in columns:
        text = _cell_of(table, row, col)
        if text is None or not text.strip() or is_no_figure(text.strip()):
            continue
        n = col.months or (table.period.month if table.period else "N")
        return (
            f"{target.id} is a rate, whose figure is its year-to-date growth, but the row's only figure is "
            f"{text.strip()} under {col.label!r} ({col.letter}{row.number}), {col.why}, which is not recorded; "
            f"add the 1-{n}月同比增长% column (or 累计增速), or record it with `tracker record {target.id} GROWTH`"
        )
    return None


def _subtotal(sheet: _Sheet, found: Unlabelled) -> str | Problem:
    """What to make of a row of a group under one target (merged down, held down from the
    group's first row, or named again on each carrier's row) with its label cells empty while the
    group's other rows fill theirs (:class:`~ledger.table.Unlabelled`): when each of its figures
    (value, 本月) is the sum of the group's labelled rows above it, or else of those below it up to
    the next row left unlabelled, in the same 单位, it is their subtotal, passed over (the note's
    text returned); otherwise it cannot be told from a carrier left unnamed, and it is refused
    (the :class:`~ledger.errors.Problem` returned), never counted."""
    row = found.row
    label = "/".join(c.label for c in found.labels)
    group = f"under {found.name!r} ({found.where})"
    said = _sum_of(sheet, row, found.above, "above")
    if isinstance(said, str):
        return f"passed over row {row.number} {group}, a subtotal: its {label} is empty and {said} (tracker adds rows up itself)"
    if found.below and isinstance(below := _sum_of(sheet, row, found.below, "below"), str):
        return f"passed over row {row.number} {group}, a subtotal: its {label} is empty and {below} (tracker adds rows up itself)"
    sums, differs = said
    why = "; ".join(differs) if found.above and sums + differs else f"no row above it in the group names its {label}"
    if not found.above and found.below:
        why = "; ".join(below[1]) if isinstance(below, tuple) else why
    return Problem(
        f"its {label} is empty, unlike the other rows {group}, and {why}: a subtotal, or a row whose {label} was "
        "left out? it is not counted",
        where=f"row {row.number}",
        row=row.number,
        fix=f"label it 合计 if it is a total (then --skip-unknown passes it over), or delete it; if it is a row of "
        f"its own, fill in its {label}",
    )


def _sum_of(sheet: _Sheet, row: Row, parts_rows: tuple[Row, ...], side: str) -> str | tuple[list[str], list[str]]:
    """Whether each figure (value, 本月) of ``row`` is the sum of ``parts_rows``' (the labelled
    rows on ``side`` of it, ``above`` or ``below``), in the same 单位: the note's words saying so
    (``8000 = 3000 + 5000, rows 4–5 below it``), else the sums that held and the reasons they did
    not, for the refusal."""
    got = sheet.texts(row)
    rows = rows_text([r.number for r in parts_rows]) if parts_rows else ""
    sums: list[str] = []
    differs: list[str] = []
    try:
        for f in ("value", "month_value"):
            text = sheet.figure(got.get(f), sheet.fields.get(f), row)
            if text is None:
                continue
            parts = [p for r in parts_rows if (p := sheet.figure(sheet.texts(r).get(f), sheet.fields.get(f), r))]
            total = sum(map(cached_number, parts), Decimal(0))
            if cached_number(text) == total and parts:
                sums.append(f"{text} = {' + '.join(parts)}")
            else:
                differs.append(f"{text} is not the sum of {rows} {side} it ({plain(total)})" if parts_rows else text)
    except ValueError:  # a mark or a text that is no number: nothing to add up
        differs.append("its figure cannot be added up")
    if parts_rows and any(sheet.texts(r).get("unit") != got.get("unit") for r in parts_rows):
        differs.append(f"its 单位 is not that of {rows}")
    if sums and not differs:
        return f"{'; '.join(sums)}, {rows} {side} it"
    return sums, differs


def _with_ledger(plan: Plan, existing: list[Entry], outcome: Outcome) -> Outcome:
    """``outcome`` with each refusal of a running total given alone for an addition target
    said as the ledger makes it (:func:`~ledger.additions.running_only`: the month's own addition
    and its ``tracker record`` line, not a change of the target's kind), one message a row."""
    if not any(outcome.alone.values()):
        return outcome
    from .additions import running_only

    problems = []
    for p in outcome.problems:
        said = outcome.alone.get(p.row) if p.row is not None else None
        better = running_only(plan, existing, said) if said is not None else None
        problems.append(
            p._replace(message=f"{p.message}; {better.message}", fix=better.fix) if better is not None else p
        )
    return dataclasses.replace(outcome, problems=problems)


def _one_meaning(table: Table, sheet: _Sheet, resolve: Resolver) -> Table | None:
    """``table`` with its figure column made a 1—N月 running total when that column names no
    period of its own (完成值, 数值), the sheet names month N (2025年8月…), and a row of a
    ``total`` target (a running total, by the plan) has a figure in it, or a column beside it gives
    the year's goal or progress against it (全年目标 | 完成值 | 完成率: 12.5 is 25 % of the goal
    50, done so far this year): one column has one meaning, as a person reading the sheet
    concludes, so an ``increment`` row's figure there is the year so far too, refused rather
    than added as the month's own. ``None`` when nothing changes."""
    col = table.by_field.get("value")
    period = table.period
    if (
        col is None
        or period is None
        or col.running_total
        or col.mapped
        or col.months is not None
        or is_running_total_header(col.label)
        or any(c.label in ASK_HEADERS for c in table.columns)  # tracker sheet's 填报口径 says each row's
    ):
        return None
    own_sheet = any(c.label in OWN_SHEET_INFO for c in table.columns)  # tracker sheet's columns (年度目标, 上次填报)
    for row in () if own_sheet else table.rows:
        got = sheet.texts(row)
        if "value" not in got or (name := got.get("target")) is None:
            continue
        try:
            named = resolve.find(name)
        except EntryError:
            continue
        if named is not None and named.target.kind is Kind.TOTAL and named.milestone is None:
            return _year_so_far(
                table, col, period.month, f"its {named.target.id} row ({col.letter}{row.number}, kind total)"
            )
    # 全年目标 | 完成值 | 完成率: what is done against the year's goal is done so far this year (完成率 12.5 / 50)
    beside = sorted(
        (c for c in table.columns if c.field is None and c.why in (PROGRESS, GOAL)), key=lambda c: c.why != PROGRESS
    )
    if beside:
        goal = beside[0]
        said = f"the {goal.label!r} column ({goal.letter}) beside it ({goal.why})"
        return _year_so_far(table, col, period.month, said)
    return None


def _year_so_far(table: Table, col: Column, month: int, said: str) -> Table:
    """``table`` with ``col`` made the 1—``month``月 running total, as ``said`` says."""
    ytd = dataclasses.replace(col, running_total=True, months=month, running_from=said)
    columns = tuple(ytd if c.number == col.number else c for c in table.columns)
    return dataclasses.replace(table, columns=columns, by_field={**table.by_field, "value": ytd})


def _carrier_column(table: Table) -> Column | None:
    """The column naming each row's carrier (载体名称, 载体, 项目名称) when the sheet has no note
    column (备注), else ``None``: two carriers adding the same area in one month are two additions,
    and their notes are what tells them apart (:func:`~ledger.meaning.fingerprint`)."""
    if "note" in table.by_field:
        return None
    return next((c for c in table.columns if c.field is None and key(c.label) in CARRIER_HEADERS), None)


def _carrier_rows(plan: Plan, table: Table, target: Target, outcome: Outcome) -> Outcome:
    """``outcome`` of an ``import --target`` sheet: each entry whose row's name is a carrier's
    (东湖孵化园, naming no target) noted with it, before its own note if it has one
    (``东湖孵化园：已投用``); the figures untouched. (A carrier of a target that is no increment
    is refused as the row is read: see :class:`OneTarget`.)"""
    names = table.by_field.get("target")
    entries = list(outcome.entries)
    carriers: set[str] = set()
    if names is not None:
        resolve = OneTarget(plan, target)
        by_row = {row.number: row for row in table.rows}
        for i, (e, n) in enumerate(zip(entries, outcome.numbers, strict=True)):
            text = _cell_of(table, by_row[n], names) if n in by_row else None
            with contextlib.suppress(EntryError):
                if text and (named := resolve.find(text)) is not None and named.carrier:
                    carrier = text.strip()
                    entries[i] = e._replace(note=carrier if not e.note else f"{carrier}：{e.note}")
                    carriers.add(e.id)
    return dataclasses.replace(outcome, entries=entries, carriers=frozenset(carriers))


def _carrier_notes(plan: Plan, table: Table, carrier: Column, outcome: Outcome) -> Outcome | None:
    """``outcome`` with each addition (kind increment) that has no note (``--note``) noted with its
    row's ``carrier`` cell (东湖孵化园); other entries as they are, the figures untouched. ``None``
    when no entry took a note."""
    text = {row.number: _cell_of(table, row, carrier) for row in table.rows}
    entries = [
        e._replace(note=said)
        if e.note is None and (said := text.get(n)) and (t := plan.find(e.target)) is not None and t.kind is _INCREMENT
        else e
        for e, n in zip(outcome.entries, outcome.numbers, strict=True)
    ]
    if all(a is b for a, b in zip(entries, outcome.entries, strict=True)):
        return None
    carriers = frozenset(e.id for e, was in zip(entries, outcome.entries, strict=True) if e is not was)
    return dataclasses.replace(outcome, entries=entries, carriers=carriers)
