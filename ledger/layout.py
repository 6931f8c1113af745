"""Finding the table in a sheet as offices publish it, and what each of its columns means.

A bureau's sheet is rarely a bare table: a title row (``临平经开区2025年1-2月主要经济指标``), a
date cell or a ``单位：万元`` line, a header of two rows where ``1-2月`` is merged over ``绝对值 |
同比增长%``, section rows, and notes below. :func:`read_table` turns a
:class:`~ledger.sheets.Grid` into a :class:`Table`:

- the header is the first row with a cell naming the target column (指标名称, 重点任务, target…,
  or one named with ``--map``); rows of sub-headers under it (merged from above, or under an
  empty cell beside a group's label) are combined into one label per column (``1-2月 绝对值``);
- each column's label says its field (:func:`describe`), the unit written in it
  (``1-9月累计(万元)``, ``新增面积（平方米）``), and whether it is a running total (1—N月累计:
  ``Column.running_total``, with the N in ``Column.months``);
- the period comes from a date cell above the header (``2025年2月``; not a 填报日期, which is when
  the sheet was filled in) or the title (``2025年1-2月``), and must agree with a 1—N月 header;
- rows of notes (``注：…``) and blank rows are left out; a cell merged down a column that names
  the target, its milestone, unit or date holds for every row it covers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Literal

from .cell_units import shown_units
from .column_kinds import MONTHS_GROWTH, _goal_beside_name, _goal_or_name, change_said, describe, is_change
from .column_periods import (
    _fields,
    _growth_under_groups,
    _january,
    _latest_period,
    _month_growth,
    _other_years,
    _part_growth,
    _year_so_far,
    month_columns,
    this_period,
)
from .dated_lists import dated_list
from .dates import month_end
from .header_rows import _combine, _header_at, _is_subheader, _merges, _texts, header_fields, unit_row, with_units
from .header_units import against_unit_line, unread_units
from .header_words import CARRIER_HEADERS, IGNORE, SHEET_FIELDS, part_of_year, says_whole_year
from .layout_rows import _data_rows, _records, _second_table, _total_rows, _unlabelled_rows
from .names import key
from .quarter_columns import quarter_additions, this_quarter
from .refused_maps import refused_kind
from .row_kinds import PEEK, items_as_kinds, row_kinds
from .row_periods import notes_below
from .sheet_title import _above, _one_year, _Stated, _year_of, _year_to_date, header_unit_lines
from .sheets import CsvRows, Grid, Row, column_letter
from .side_tables import side_by_side
from .table import CalendarYear, Column, LayoutError, NoHeader, NoRows, PartOfYear, Table, Unlabelled


def read_table(
    grid: Grid,
    mapping: dict[str, str] | None = None,
    *,
    carriers: bool = False,
    quarterly: Callable[[], bool] | None = None,
    start_month: int = 1,
    date_month: int | None = None,
) -> Table:
    """The table in ``grid`` (see the module's description). ``mapping`` is ``--map``: header
    label → field. ``carriers`` (``import --target``): a sheet whose rows are one target's
    carriers may name them in a carrier column (:data:`CARRIER_HEADERS`: 载体名称, 项目名称) with
    no column naming the target; that column then gives the rows' names. Raises
    :class:`LayoutError` when no header row names the target, two columns give one field, a
    mapped header is missing, or the title and a header disagree on the period. ``quarterly()``: whether the
    plan has additions reported quarterly (asked only of a sheet of a quarter's own figures), for which they are read
    (:func:`~ledger.quarter_columns.quarter_additions`) and their refusal kept as ``Table.quarter``.
    ``start_month``: the month the plan's running totals count from (its ``start``'s); in a plan
    not starting in January a column of the year so far (1-8月累计, 本年累计, 完成值 under a title
    of 2025年1-8月) is the calendar year's, not the plan's running total, and is refused
    (:class:`LayoutError`), and a January sheet's 本月 column is not read as its running total. ``date_month``
    (1–12, ``--date``'s) is the month the sheet is for when nothing above its header says one: what
    tells which quarter ``本季`` is (:func:`~ledger.quarter_columns.this_quarter`)."""
    mapping = mapping or {}
    given = {key(h): f for h, f in mapping.items()}
    as_names = {k: "target" for k in CARRIER_HEADERS if k not in given}
    problems: list[str] = []
    for wanted in given.values():
        if wanted not in SHEET_FIELDS and wanted not in IGNORE:
            problems.append(f"--map: unknown field {wanted!r}; use one of {', '.join(SHEET_FIELDS)}, or ignore")
    if not grid.rows:
        raise NoRows(
            grid.name, f"the {'sheet' if grid.sheet else 'file'} is empty; it needs a header row and rows of figures"
        )
    merged = _merges(grid)
    rows = grid.rows
    at = _header_at(rows, given)
    if at is None and (carried := _header_at(rows, given | as_names)) is not None:
        if carriers:  # the carrier column names the rows: 载体名称 as if --map '载体名称=target'
            at = carried
            given |= {key(t): "target" for t in _texts(rows[at][1]).values() if key(t) in as_names}
        else:
            label = next(t for t in _texts(rows[carried][1]).values() if key(t) in as_names)
            raise NoHeader(
                grid.name,
                f"no column names the target (指标名称, 重点任务, target…), and {label!r} names carriers",
                "if every row is one target's, import with --target ID; else add a 指标名称 column",
                sheet=grid.sheet if len(grid.sheets) > 1 else None,
                above=tuple(t for _, cells in rows[:carried] for t in _texts(cells).values()),
            )
    if at is None:
        first = _texts(rows[0][1])
        raise NoHeader(
            grid.name,
            "no column names the target (指标名称, 重点任务, target…); its first row has "
            + ", ".join(repr(t) for t in first.values()),
            sheet=grid.sheet if len(grid.sheets) > 1 else None,
        )
    header_rows = [rows[at]]
    naming = [c for c, f in header_fields(rows[at][1], given).items() if f == "target"]
    labels_column = next((c for c in naming if not _goal_or_name(rows[at][1][c], given)), naming[0])
    row_units: dict[int, str] = {}
    unit_row_number: int | None = None
    for number, cells in rows[at + 1 : at + 4]:
        if number != header_rows[-1][0] + 1:
            break
        if (found := unit_row(cells, rows[at][1], labels_column)) is not None:  # 指标名称 | 1-8月累计 over ,亿元
            row_units, unit_row_number = found, number
            break
        if len(header_rows) == 3 or not _is_subheader(cells, rows[at][1], labels_column, number, merged):
            break
        header_rows.append((number, cells))
    labels, clashes = with_units(_combine(header_rows, merged), row_units)
    under = at + len(header_rows) + (unit_row_number is not None)
    # 指标名称 | 本月新增 | 单位：亩 over an empty column: a unit line, read as one above the header
    in_header = header_unit_lines(grid.name, rows[at], rows, under, header_fields(rows[at][1], given))
    for c in in_header:
        labels.pop(c, None)
    if grid.shown_units:  # 本月新增 over cells formatted 0"亩": the column's unit is 亩
        labels, shown_problems = shown_units(grid.name, rows[under:], labels)
        problems.extend(shown_problems)
    for c, label, text in clashes:
        problems.append(
            f"{grid.name}: column {label!r} ({column_letter(c)}) says its unit in its header, but the unit row "
            f"(row {unit_row_number}) gives {text!r}; which is it? correct the sheet"
        )
    columns: list[Column] = []
    seen: dict[str, int] = {}
    for number, label in sorted(labels.items()):
        lk = key(label)
        # The same label twice: the later is told apart by its column letter, and --map names it so
        # ('指标名称 (E)'), as the refusal of two columns giving one field offers; the bare label
        # names the first alone, so that either hint keeps the column it says it keeps.
        shown = f"{label} ({column_letter(number)})" if lk in seen else label
        mapped = given.get(key(shown))
        col = describe(label, mapped)
        if mapped is not None and (refused := _refused_map(label, mapped)) is not None:
            problems.append(_naming(grid.name, refused.replace(repr(label), repr(shown), 1)))
            col = describe(label)  # as read unmapped: no hint may offer to keep it beside another column
        seen.setdefault(lk, number)
        columns.append(dataclasses.replace(col, number=number, label=shown))
    above = [*rows[:at], (rows[at][0], in_header)] if in_header else rows[:at]
    stated = _above(grid, above, date_month, dated_rows=any(c.field == "date" for c in columns))
    columns = this_period(grid.name, columns, stated)  # 本期 | 上年同期 | 增长% under 2025年1-8月: 1—8月
    # 本季 of a 1-9月 sheet, or of one without a title imported with --date 2025-09-30: 7—9月's own
    dated = _sheet_month(stated)
    columns = this_quarter(columns, dated if dated is not None else date_month)
    columns, unread = unread_units(grid.name, columns)  # 本月新增/栋: never taken in the target's unit
    problems.extend(unread)
    quarter: PartOfYear | None = None  # a quarter's additions, read for a target reported quarterly
    if stated.part is not None:
        try:
            _refuse_part(grid.name, columns, stated.part)
        except PartOfYear as e:
            if quarterly is None:
                raise
            columns, quarter = quarter_additions(columns, e, quarterly, title=True)
    if start_month == 1:  # January's own figure is the running total of a plan starting in January only
        columns = _january(columns, stated)

    def figures(cs: list[Column]) -> list[Column]:
        return _part_growth(grid.name, _month_growth(_growth_under_groups(_goal_beside_name(cs))))

    try:
        columns = figures(columns)
    except PartOfYear as e:
        if quarterly is None or quarter is not None:
            raise
        columns, quarter = quarter_additions(columns, e, quarterly)
        columns = figures(columns)
    columns = _other_years(grid.name, columns, stated)
    columns, keep = _latest_period(columns, stated)
    side_by_side(grid.name, columns)  # 指标名称 | … || 指标名称 | …: one table at a time
    columns = items_as_kinds(columns, rows[under : under + PEEK])  # 指标名称 | 项目: 绝对值（亿元）/ 增速（%）
    by_field = _fields(grid.name, columns, mapping, problems, keep)
    period, period_from, unit, title_month = stated.period, stated.period_from, stated.unit, stated.month
    line_units = stated.line_units
    if header_clashes := against_unit_line(grid.name, columns, unit, line_units, stated.units_from):
        raise LayoutError(header_clashes[:1])
    said = (period.month, f"{period_from} says {period:%Y-%m}") if period is not None else None
    if title_month is not None:
        said = title_month[0], f"{title_month[1]} says month {title_month[0]}"
    for col, month in month_columns(columns):
        if said is not None and month != said[0]:
            raise LayoutError(
                [
                    f"{grid.name}: column {col.label!r} ({col.letter}) is for month {month} but {said[1]}; "
                    "which is it? correct the sheet"
                ]
            )
    plain = columns, by_field  # as the title found them: a dated list's rows keep them (dated_list)
    if stated.running is not None:  # 2025年1-8月…: a 完成值 column holds 1—8月 running totals
        ytd = {c.number: _year_to_date(c, *stated.running) for c in columns}
        columns = [ytd[c.number] for c in columns]
        by_field = {f: ytd[c.number] for f, c in by_field.items()}
    if start_month != 1:
        _refuse_calendar_year(grid.name, columns, start_month)
    said_year = (period.year, str(period_from)) if period is not None else _one_year(stated)
    if period is None:
        months = {month for _, month in month_columns(columns)} | ({title_month[0]} if title_month else set())
        if len(months) == 1:
            (month,) = months
            if (year := _year_of(month, stated)) is not None:
                said_year = year
                if title_month is None and year[1].startswith("the title"):
                    period_from = "the title's year and the header's month"
                else:
                    whose = title_month[1] if title_month else "the header"
                    period_from = f"the month in {whose} and the year in {year[1]}"
                period, title_month = month_end(year[0], month), None
        elif (
            not months
            and date_month is None  # --date always wins over what a header alone implies
            and (whole := _whole_year(columns)) is not None
            and (year := _year_of(12, stated)) is not None
            and stated.years  # the year is a title's, not the day the sheet was filled in
            and year[0] == stated.whole_year
        ):
            # 全年完成（亿元） under 临平经开区2025年度目标任务完成情况: the whole year's figure, as of its end; under a
            # title naming the year alone (2025年主要经济指标) which month's sheet it is cannot be told
            said_year, period = year, month_end(year[0], 12)
            period_from = f"the header {whole.label!r} (the whole year) and the year in {year[1]}"
    start = at + len(header_rows) + (unit_row_number is not None)
    keyed_by: Literal["number", "index"] = "number"
    if isinstance(rows, CsvRows) and rows.plain:
        data, keyed_by = _records(rows, start, by_field, grid.name), "index"
    else:
        data = _data_rows(rows[start:], merged, by_field, grid.name)
    data, below = _second_table(grid.name, data, keyed_by, rows[at][1], by_field["target"].number, said_year)
    # 2025年1-8月…台账 over rows dated 03-15, 06-20: the span is the list's, each row dated by its own day
    date_col = by_field.get("date") if stated.running is not None and period is not None else None
    if date_col is not None and period is not None and dated_list(data, date_col, keyed_by, period):
        (columns, by_field), period, period_from = plain, None, None
    if not data:
        labels_text = ", ".join(c.label for c in columns)
        raise NoRows(grid.name, f"no rows of figures under the header ({labels_text})")
    columns, data, kinds, kinds_said = row_kinds(
        columns, data, keyed_by, by_field, grid.name
    )  # 类别 | 绝对值（亿元）/ 增速（%）
    data, totals = _total_rows(data, columns, by_field, keyed_by)
    unlabelled: tuple[Unlabelled, ...] = ()
    carriers = any(c.field is None and key(c.label) in CARRIER_HEADERS for c in columns)  # 载体名称 beside 指标名称
    if (merged and keyed_by == "number") or "milestone" in by_field or carriers:
        data, unlabelled = _unlabelled_rows(data, merged, columns, by_field, keyed_by)
    return Table(
        grid.name,
        grid.sheet,
        tuple(columns),
        data,
        period,
        period_from,
        unit,
        grid.delimiter == ";",
        by_field,
        keyed_by,
        month=title_month,
        filled=stated.filled[0] if period is None and stated.filled else None,
        line_units=line_units,
        line_every=stated.line_every,
        totals=totals,
        unlabelled=unlabelled,
        units_from=stated.units_from,
        year=said_year,
        passed=tuple(grid.hidden) + below + kinds_said,
        row_kinds=dict(kinds),
        quarter=quarter,
        notes=notes_below(rows) if len(rows) > start else (),
    )


def _refuse_calendar_year(name: str, columns: list[Column], start_month: int) -> None:
    """Refuse ``columns`` that hold the year so far from January (1-8月累计, 累计新增, 本年累计; a
    完成值 column under a title of 2025年1-8月), read for a plan whose running totals count from
    ``start_month`` (not 1): the calendar year's figure is not the plan's, and no sheet says how
    the months before January would be added, so neither is guessed."""
    problems = [
        f"{name}: column {c.label!r} ({c.letter}) holds the year so far from January"
        + (f" ({c.running_from} says so)" if c.running_from else "")
        + f", but the plan's running totals count from its first month, month {start_month}: the calendar "
        "year's figure is not the plan's; give the running total since the plan's start under a header and a title that name "
        "no months (完成值, with the sheet's date), or record it with tracker record"
        for c in columns
        if c.running_total and c.field is not None
    ]
    if problems:
        raise CalendarYear(problems)


def _whole_year(columns: list[Column]) -> Column | None:
    """The figure column whose header says the whole year (``全年完成（亿元）``, ``全年（亿元）``:
    :func:`~ledger.header_words.says_whole_year`), when no figure column names months of its own; else
    ``None``. The year so far (全年累计), a goal (全年目标) or a forecast (全年预计) is never one."""
    figures = [c for c in columns if c.field in ("value", "month_value")]
    if any(c.months is not None for c in figures):
        return None
    return next((c for c in figures if c.field == "value" and says_whole_year(c.label)), None)


def _sheet_month(stated: _Stated) -> int | None:
    """The month the rows above the header say the sheet is for (a date cell, a title's 1-9月 or
    三季度, a month without a year), or ``None``."""
    if stated.part is not None:
        return stated.part[1]
    if stated.period is not None:
        return stated.period.month
    if stated.running is not None:
        return stated.running[0]
    return stated.month[0] if stated.month is not None else None


def _naming(name: str, refused: str) -> str:
    """A ``--map`` refusal naming the sheet it was given for: ``--map: NAME: '上月' holds …``."""
    return refused.replace("--map: ", f"--map: {name}: ", 1)


def _refused_map(label: str, mapped: str) -> str | None:
    """Why ``--map 'label=mapped'`` is refused, or ``None``: a single month's figure (``8月``, ``本月``,
    ``当月``, ``本期``, ``当期新增``) mapped to ``value`` would file the month's own figure as the 1—N月
    running total; a single month's growth (``本月增速%``, ``8月同比增长%``) mapped to ``growth`` would
    file it as the year's; a change in percentage points (``增减（百分点）``) or an amount's change
    (``增减（亿元）``, ``增长额``) is neither a rate's growth nor a figure; and those of
    :func:`~ledger.refused_maps.refused_kind` (a running total as the month's, another period's,
    a forecast or a goal as the figure)."""
    own = describe(label)
    if mapped == "value" and own.field == "month_value" and own.months != 1:
        if own.months is not None:
            return (
                f"--map: {label!r} names month {own.months} alone, whose figure is the month's own, not the "
                f"1—{own.months}月 running total; map it to month_value"
            )
        return (
            f"--map: {label!r} holds the month's own figure (本月, 当月, 本期), not the 1—N月 running total; map it "
            "to month_value, or use the 1—N月累计 column"
        )
    if mapped == "growth" and own.why == MONTHS_GROWTH:
        return (
            f"--map: {label!r} holds {MONTHS_GROWTH}; a rate's figure is its 1—N月 growth: use the 1-N月同比增长% "
            "(累计增速) column, or record it with `tracker record`"
        )
    if mapped in ("value", "month_value", "growth") and is_change(label):
        return (
            f"--map: {label!r} holds {change_said(label)}: a rate's figure is its growth (同比增长%), and a change of N 百分点 is no growth of N %"
            "; use the growth or figure column, or record it with `tracker record`"
        )
    return refused_kind(label, mapped)  # 1-8月累计=month_value, 上月=value, 全年预计=value


def _refuse_part(name: str, columns: list[Column], part: tuple[int, int, str]) -> None:
    """Refuse a sheet whose title names months that do not start in January (2025年三季度,
    2025年7-9月) when a figure column names no period of its own: it holds those months' own
    figures, which are neither a running total's or a rate's year so far nor one month's
    additions (Q3's own growth must never replace 1—9月's). A column naming the year so far
    (``1-9月累计``, ``前三季度``, ``累计``) holds what it says, and the title only dates the sheet (三季度
    ends on 9月30日); a growth column right of such a column (``1-9月累计 | 增速(%)``) is that
    column's growth, year to date. Raises :class:`LayoutError`, also for a column whose months
    are not the title's (三季度 over ``1-6月累计``), naming both."""
    first, last, said = part
    left: Column | None = None  # the nearest figure column to the left: a sheet puts a growth after its figure
    for col in columns:
        if col.field not in ("value", "month_value", "growth"):
            continue
        year_so_far = col.running_total or (col.field == "growth" and col.months is not None)
        if year_so_far and col.months is not None and col.months != last:
            raise LayoutError(
                [
                    f"{name}: {said} names {first}—{last}月, but column {col.label!r} ({col.letter}) holds 1—"
                    f"{col.months}月; which is it? correct the sheet"
                ]
            )
        beside = left is not None and left.running_total
        if col.field == "growth" and col.months is None and (beside or _year_so_far(col.label)):
            continue  # 1-9月累计 | 增速(%): the growth of the year so far beside it
        if col.field == "growth" and left is not None and left.field == "month_value":
            continue  # 9月 | 增速(%): September's own growth, passed over by _month_growth
        if col.field in ("value", "growth") and col.months is None and not col.running_total:
            raise PartOfYear(
                [
                    f"{name}: {said} covers {first}—{last}月 alone, so column {col.label!r} ({col.letter}) holds "
                    f"{part_of_year(first, last)}: tracker records 1—N月 totals and growth and one month's "
                    f"additions; import the 1—{last}月 sheet or {last}月's own additions, or use `tracker record`"
                ],
                first,
                last,
            )
        if col.field != "growth":
            left = col


def keyed_table(name: str, rows: list[Row], mapping: dict[str, str] | None = None) -> Table:
    """A :class:`Table` for rows already keyed by field name (JSON Lines objects, TOML entries):
    each key is a column label, read as a header would be."""
    mapping = mapping or {}
    given = {key(h): f for h, f in mapping.items()}
    problems = [
        f"--map: unknown field {f!r}; use one of {', '.join(SHEET_FIELDS)}, or ignore"
        for f in given.values()
        if f not in SHEET_FIELDS and f not in IGNORE
    ]
    headers = list(dict.fromkeys(h for r in rows for h in r.cells))
    columns = []
    for h in headers:
        col = describe(h, mapped := given.get(key(h)))
        if mapped is not None and (refused := _refused_map(h, mapped)) is not None:
            problems.append(_naming(name, refused))
            col = describe(h)
        columns.append(dataclasses.replace(col, label=h))
    columns, unread = unread_units(name, columns)
    problems.extend(unread)
    by_field = _fields(name, _goal_beside_name(columns), mapping, problems)
    return Table(name, None, tuple(columns), rows, by_field=by_field)
