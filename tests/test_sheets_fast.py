"""The import's fast forms held to the simple forms they replace.

A sheet's rows are read with work decided once per sheet and caches per distinct text
(``sheet_cells._Sheet``), entries are built as tuples in field order (``record.entry_of``), and the
meaning checks compare in whole numbers (``slips._within_scaled``, ``_too_large``) and read a
figure's fingerprint from a cache (``duplicates._figure_key``). Each must give what the per-row,
by-name, Fraction form gives, figure for figure and message for message.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import tempfile
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger import entries, table_rows, units
from ledger.duplicates import _figure_key, fingerprint
from ledger.entries import Entry
from ledger.errors import EntryError, TrackerError
from ledger.findings import _value
from ledger.layout import read_table
from ledger.readings import Outcome
from ledger.record import build_entry
from ledger.row_targets import Resolver
from ledger.sheets import Grid, read_csv
from ledger.slips import RATIO, _too_large, _within_scaled, within
from ledger.table import Table
from ledger.table_rows import rows_to_entries
from tests.helpers import RECORDED, entry, write_plan

TARGETS = """
[[target]]
id = "output"
action = "a"
name = "工业总产值"
kind = "total"
unit = "亿元"
target = 1360

[[target]]
id = "area"
action = "a"
name = "新增面积"
kind = "increment"
unit = "万平方米"
target = 50

[[target]]
id = "growth"
action = "a"
name = "增速"
kind = "rate"
unit = "%"
target = 6

[[target]]
id = "place"
action = "a"
name = "排名"
kind = "rank"
unit = "位"
target = 70

[[target]]
id = "park"
action = "a"
name = "园区建设"
kind = "milestone"

[[target]]
id = "stock"
action = "a"
name = "存量"
kind = "total"
unit = "万平方米"
baseline = 100
target = 200
aliases = ["存量面积"]

[[target]]
id = "zones"
action = "a"
name = "集聚区建设"
kind = "milestone"
milestones = [
  { id = "chips", name = "半导体产业集聚区", due = 2025-12-31 },
  { id = "robots", name = "机器人产业集聚区", due = 2025-12-31 },
]
"""

_PLUS_8 = timezone(timedelta(hours=8))
_PLAN_DIR = Path(tempfile.mkdtemp(prefix="tracker-fast-"))
PLAN = write_plan(_PLAN_DIR, TARGETS)

_FULL_WIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")
names = st.sampled_from(
    ["工业总产值", "新增面积", "增速", "排名", "园区建设", "output", "未知指标", "合计", "—", "'=1"]
)
numbers = st.decimals(min_value=Decimal("-99999"), max_value=Decimal("99999"), places=2).map(str)
figures = st.one_of(
    numbers,
    numbers.map(lambda t: t.translate(_FULL_WIDTH)),  # full-width digits
    numbers.map(lambda t: t + "%"),
    numbers.map(lambda t: t + "①"),  # a footnote mark, taken off with a note
    st.sampled_from(["5.8%¹", "8①0", "12*", "3 ⑴", "①"]),
    st.sampled_from(["—", "－", "-", "/", "…", "#N/A", "", " ", "12,5", "12.500", "1,360", "abc", "'=1", "0"]),
)
unit_cells = st.sampled_from(["", "亿元", "万元", "平方米", "万平方米", "%", "位", "吨", "斤"])
statuses = st.sampled_from(["", "推进中", "已完成", "in_progress", "maybe"])
dates = st.sampled_from(
    ["2025-03-31", "2025/6/30", "2025年6月", "2025-06", "", "not a date", "2026-01-31", "—", "2025.1", "2025.10",
     "2025年1-6月", "6月末", "2025年6月底"]
)  # fmt: skip
header_units = st.sampled_from(["数值", "数值(万元)", "数值（亿元）", "1-6月累计"])


@st.composite
def sheets(draw: st.DrawFn) -> tuple[Grid, bool]:
    """A sheet of up to 12 rows over the plan's five kinds, repeating its texts, with a unit in
    the figure column's header or not, a 单位 column or not, a date column or not, and a
    semicolon (decimal comma) or not."""
    decimal_comma = draw(st.booleans())
    has_unit, has_date, has_status = draw(st.booleans()), draw(st.booleans()), draw(st.booleans())
    header = ["指标名称", draw(header_units)]
    header += ["单位"] * has_unit + ["截至日期"] * has_date + ["状态"] * has_status
    rows: list[tuple[int, dict[int, object]]] = [(1, dict(enumerate(header, 1)))]
    pool = draw(st.lists(st.tuples(names, figures, unit_cells, dates, statuses), min_size=1, max_size=4))
    picks = draw(st.lists(st.integers(0, len(pool) - 1), min_size=1, max_size=12))
    for n, i in enumerate(picks, 2):
        name, value, unit, day, status = pool[i]
        cells = [name, value] + [unit] * has_unit + [day] * has_date + [status] * has_status
        row = {c: v for c, v in enumerate(cells, 1) if v.strip()}
        if row:
            rows.append((n, row))
    return Grid("s.csv", rows, delimiter=";" if decimal_comma else ","), decimal_comma


def _outcome(grid: Grid, default: date | None) -> tuple[list[tuple[object, ...]], list[str], list[str], list[str], str]:
    table = read_table(grid)
    out = rows_to_entries(
        PLAN, table, existing=[], default_date=default, recorded=RECORDED, by="me", spreadsheet=True,
        skip_unknown=True,
    )  # fmt: skip
    kept = [(e._replace(id=""), r, n) for e, r, n in zip(out.entries, out.readings, out.numbers, strict=True)]
    problems = [f"{p.where}: {p.message} ({p.fix})" for p in out.problems]
    return (
        kept,
        problems,
        out.skipped,
        out.unknown,
        f"{out.units_given} {out.units_headed} {out.units_stated} {out.units_signed}",
    )


@settings(max_examples=300, deadline=None)
@given(sheets(), st.sampled_from([None, date(2025, 6, 30)]))
def test_a_sheet_reads_as_its_rows_read_alone(sheet: tuple[Grid, bool], default: date | None) -> None:
    """Reading the whole sheet (caches shared by every row) gives each row what reading that
    row alone, in a sheet of its own, gives: entries, readings, problems and notes."""
    grid, _ = sheet
    header, *body = grid.rows
    if not body:
        return
    try:
        whole = _outcome(grid, default)
    except Exception as e:  # a sheet the layout refuses is refused alike row by row
        whole_error: str | None = str(e)
    else:
        whole_error = None
    alone = []
    alone_error = None
    for row in body:
        try:
            alone.append(_outcome(Grid(grid.name, [header, row], delimiter=grid.delimiter), default))
        except Exception as e:
            alone_error = str(e)
    if whole_error is not None or alone_error is not None:
        return  # the layout (not this stage) refused the sheet: nothing to compare
    if read_table(grid).row_kinds:
        return  # a stacked layout (a % row beside its amount's row of one name) reads a row by its neighbour
    entries = [x for a in alone for x in a[0]]
    problems = [x for a in alone for x in a[1]]
    counts = [tuple(map(int, a[4].split())) for a in alone]
    assert whole[0] == entries
    assert whole[1] == problems
    assert whole[2] == [x for a in alone for x in a[2]]  # rows passed over
    assert whole[3] == [x for a in alone for x in a[3]]  # rows naming no target
    assert whole[4] == " ".join(str(sum(c[i] for c in counts)) for i in range(4))


# The columns a sheet may give beside the name and the figure, with texts for their cells (the
# common ones more often than the odd ones): the quick path (quick_rows._Common) reads the first
# seven, and hands a sheet with either of the last two (a month figure, a milestone) to the
# general path whole.
# Cells of a workbook in the text columns: numbers, bools, dates where a text is looked for.
_ODD_CELLS = st.sampled_from([Decimal("0"), Decimal("-0"), Decimal("1"), True, 1.0, datetime(2025, 6, 30)])
# Excel dates with a time of day or a time zone (equal across zones, their days not), and others.
_ODD_DATES = st.sampled_from(
    [datetime(2025, 6, 30, 12), datetime(2025, 6, 30, 1, tzinfo=_PLUS_8), datetime(2025, 6, 29, 17, tzinfo=UTC),
     date(2025, 6, 30), Decimal("2025")]
)  # fmt: skip
_GOOD_DATES = st.sampled_from(["2025-03-31", "2025/6/30", "2025年6月", "2025-06"])
_OPTIONAL = {
    "单位": st.one_of(st.just(""), unit_cells, _ODD_CELLS),
    "截至日期": st.one_of(_GOOD_DATES, dates, st.just(datetime(2025, 6, 30)), _ODD_DATES),  # an Excel date too
    "状态": st.one_of(st.just(""), statuses, _ODD_CELLS),
    "备注": st.one_of(st.sampled_from(["", "说明", "1-6月累计"]), _ODD_CELLS),
    "来源": st.sampled_from(["", "统计局"]),
    "填报人": st.sampled_from(["", "张三"]),
    "增速": st.sampled_from(["", "5.8", "—", "6%", "abc", "-1.5"]),
    "本月": st.sampled_from(["", "12.5", "—"]),
    "里程碑": st.sampled_from(["", "chips", "半导体产业集聚区", "桥"]),
}
_TARGET_NAMES = st.sampled_from(
    ["工业总产值", "新增面积", "增速", "排名", "园区建设", "园区建设", "存量面积", "stock", "output"]
)
_NAMES = st.one_of(
    _TARGET_NAMES,
    st.sampled_from(["集聚区建设", "半导体产业集聚区", "工业总产值增速", "未知指标", "合计", "—", "'=1", ""]),
    _ODD_CELLS,
)
_FIGURES = st.one_of(
    st.decimals(min_value=1, max_value=999, places=1).map(str),  # a plain figure, and a rank's too
    st.sampled_from(["", "推进中", "已完成", "5", "12"]),
    st.just(""),  # a milestone's row, its status in the status column
    figures,
    st.sampled_from([Decimal("12.5"), Decimal("3"), Decimal("0")]),  # numbers as a workbook gives them
    # Values equal to each other or to a number that read apart (a reading kept by value must not
    # take one for the other): 0 and -0, 3 and 3.0 and 3.00, True and 1, a float.
    st.sampled_from([Decimal("-0"), Decimal("0.00"), Decimal("3.0"), Decimal("1"), True, 1.0, 3.0, 0.5]),
)


@st.composite
def wide_sheets(draw: st.DrawFn, dated: bool) -> Grid:
    """A sheet of up to 12 rows that repeat a few rows' texts (as a sheet repeats its names), over
    any of the columns of :data:`_OPTIONAL`, a month figure or milestone column seldom, a date
    column when not ``dated`` by --date, a title naming the year (which a date cell's 6月末 takes)
    or not."""
    decimal_comma = draw(st.booleans())
    title = draw(st.sampled_from([None, "临平经开区2025年主要指标", "2025年1-6月主要指标"]))
    odds = {"本月": 5, "里程碑": 5, "截至日期": 0}  # one in 5; always but for --date (drawn below)
    columns = [c for c in _OPTIONAL if draw(st.integers(0, odds.get(c, 1))) == 0 or (c == "截至日期" and dated)]
    header = ["指标名称", draw(st.one_of(st.just("数值"), header_units)), *columns]
    cell = st.tuples(_NAMES, _FIGURES, *(_OPTIONAL[c] for c in columns))
    pool = draw(st.lists(cell, min_size=1, max_size=4))
    rows: list[tuple[int, dict[int, object]]] = [(1, {1: title})] if title else []
    rows.append((len(rows) + 1, dict(enumerate(header, 1))))
    for n, i in enumerate(draw(st.lists(st.integers(0, len(pool) - 1), min_size=1, max_size=12)), len(rows) + 1):
        row = {c: v for c, v in enumerate(pool[i], 1) if not (isinstance(v, str) and not v.strip())}
        if row:
            rows.append((n, row))
    return Grid("s.csv", rows, delimiter=";" if decimal_comma else ",")


def _read(table: Table, default: date | None, source: str | None, *, quick: bool, readings: bool = True) -> Outcome:
    return rows_to_entries(
        PLAN, table, existing=[], default_date=default, recorded=RECORDED, by="me", spreadsheet=True,
        skip_unknown=True, source=source, note=None if source is None else "备注", quick=quick, readings=readings,
    )  # fmt: skip


def _without_ids(out: Outcome) -> Outcome:
    """``out`` with its entries' ids blanked (they are random) and their figures as their text:
    Decimal("3") == Decimal("3.0") and 0 == -0, but the ledger writes them apart."""
    assert all(re.fullmatch(r"[0-9a-f]{10}", e.id) for e in out.entries)
    assert len({e.id for e in out.entries}) == len(out.entries)
    at = {e.id: str(i) for i, e in enumerate(out.entries)}  # running totals are keyed by entry id
    return dataclasses.replace(
        out,
        entries=[e._replace(id="", value=None if e.value is None else str(e.value)) for e in out.entries],
        running={at[k]: v for k, v in out.running.items()},
    )


@settings(max_examples=400, deadline=None)
@given(st.data(), st.sampled_from([None, date(2025, 6, 30)]), st.sampled_from([None, "报表"]))
def test_the_quick_path_reads_a_sheet_as_the_general_path(
    data: st.DataObject, default: date | None, source: str | None
) -> None:
    """Rows read by the quick path (quick_rows._Common), handing what it cannot read to the
    general path, give what the general path alone gives: entries field for field, readings,
    rows, problems with their messages, notes, and the counts of units given and headed. Without
    readings (an import that is not a dry run) the rest is the same."""
    grid = data.draw(wide_sheets(dated=default is None))
    try:
        table = read_table(grid)
    except Exception:
        return  # the layout (not this stage) refused the sheet
    general = _without_ids(_read(table, default, source, quick=False))
    assert _without_ids(_read(table, default, source, quick=True)) == general
    assert _without_ids(_read(table, default, source, quick=True, readings=False)) == dataclasses.replace(
        general, readings=[]
    )


def _rows_asked_of_the_general_path(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The row numbers the general path's ``_entry`` is asked to read, from now on, in order."""
    asked: list[int] = []
    general_entry = table_rows._entry

    def counted(*args: Any) -> Any:
        asked.append(args[2].number)
        return general_entry(*args)

    monkeypatch.setattr(table_rows, "_entry", counted)
    return asked


def test_the_quick_path_reads_common_rows_and_hands_the_rest_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """Of a sheet's rows, the quick path reads the common ones itself (the general path's
    ``_entry`` is never asked for them) and hands on a row it cannot read as the general path
    would: a percent sign, a date outside the plan, a figure it refuses, a 单位 cell that
    disagrees with the header; the entries are the general path's all the same."""
    asked = _rows_asked_of_the_general_path(monkeypatch)
    rows = [
        ["工业总产值", "318.6", "亿元", "2025-03-31"],
        ["工业总产值", "320", "", "2025-04-30"],
        ["增速", "5.8%", "", "2025-04-30"],  # a percent sign: the general path's
        ["园区建设", "推进中", "", "2025-04-30"],
        ["排名", "3", "位", "2025-04-30"],
        ["排名", "3.5", "", "2025-04-30"],  # not a rank: refused by the general path
        ["新增面积", "12", "万平方米", "2026-04-30"],  # outside the plan: refused
        ["新增面积", "12", "吨", "2025-04-30"],  # a unit that does not convert: refused
        ["新增面积", "12", "亩", "2025-05-31"],
    ]
    grid = Grid("s.csv", [(1, dict(enumerate(["指标名称", "数值", "单位", "截至日期"], 1)))])
    grid.rows.extend((n, dict(enumerate(r, 1))) for n, r in enumerate(rows, 2))
    table = read_table(grid)
    out = _read(table, None, None, quick=True)
    assert asked == [4, 7, 8, 9]
    asked.clear()
    assert _without_ids(out) == _without_ids(_read(table, None, None, quick=False))
    assert len(asked) == len(rows)
    assert [(e.target, str(e.value), e.unit) for e in out.entries] == [
        ("output", "318.6", "亿元"), ("output", "320", "亿元"), ("growth", "5.8", "%"), ("park", "None", None),
        ("place", "3", "位"), ("area", "12", "亩"),
    ]  # fmt: skip
    assert [p.row for p in out.problems] == [7, 8, 9]
    assert (out.units_given, out.units_headed, out.units_stated, out.units_signed) == (3, 0, 0, 1)


def _as_csv(grid: Grid) -> str:
    """The sheet ``grid`` as the text of a CSV: numbers and dates as their text, ragged rows
    padded, its separator."""
    out = io.StringIO()
    rows = [(n, cells) for n, cells in grid.rows]
    width = max(max(cells) for _, cells in rows)
    writer = csv.writer(out, delimiter=grid.delimiter or ",", lineterminator="\n")
    last = 0
    for n, cells in rows:
        writer.writerows([[]] * (n - last - 1))  # rows left out (blank) stay blank lines
        writer.writerow([_cell_text(cells.get(c)) for c in range(1, width + 1)])
        last = n
    return out.getvalue()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value)


@settings(max_examples=400, deadline=None)
@given(st.data(), st.sampled_from([None, date(2025, 6, 30)]), st.sampled_from([None, "报表"]))
def test_a_csv_s_records_read_by_index_as_the_general_path(
    data: st.DataObject, default: date | None, source: str | None
) -> None:
    """A CSV's records read by the quick path straight from their cells by index
    (quick_rows._Common.read_records: each distinct cell read once) give what the general path
    alone gives, entries, rows, problems with their messages, notes and counts alike; and what
    the quick path over the same rows as dicts of texts (_Common.read) gives, readings too."""
    grid = data.draw(wide_sheets(dated=default is None))
    try:
        table = read_table(read_csv("s.csv", _as_csv(grid)))
    except Exception:
        return  # the layout (not this stage) refused the sheet
    general = _without_ids(_read(table, default, source, quick=False))
    assert _without_ids(_read(table, default, source, quick=True, readings=False)) == dataclasses.replace(
        general, readings=[]
    )
    assert _without_ids(_read(table, default, source, quick=True)) == general  # readings: by _Common.read


def test_a_csv_s_common_records_are_read_by_index_and_the_rest_handed_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hand-made: of a CSV's records, read by index, the common ones never reach the general
    path's ``_entry``, figures and statuses, with a 单位 cell, notes and sources of their own
    or the import's; a percent sign, a date outside the plan or that is no date, a unit that
    does not convert, a status and a figure at once, a name that is no target go to the
    general path, which reads or refuses them as it always has."""
    asked = _rows_asked_of_the_general_path(monkeypatch)
    text = (
        "指标名称,数值,单位,截至日期,状态,备注\n"
        "工业总产值,318.6,亿元,2025-03-31,,\n"  # row 2
        "工业总产值,320,,2025-04-30,,初步\n"
        "增速,5.8%,,2025-04-30,,\n"  # a percent sign: the general path's
        "园区建设,,,2025-04-30,推进中,\n"
        "园区建设,推进中,,2025年4月,,\n"
        "园区建设,3,,2025-04-30,推进中,\n"  # a figure and a status: refused
        "排名,3,位,2025-04-30,,\n"
        "新增面积,12,万平方米,2026-04-30,,\n"  # outside the plan: refused
        "新增面积,12,吨,2025-04-30,,\n"  # a unit that does not convert: refused
        "新增面积,12,亩,—,,\n"  # no date, and no --date: refused
        "新增面积,12,亩,2025-05-31,,\n"
        "未知指标,12,,2025-05-31,,\n"  # 13: no such target (passed over)
    )
    table = read_table(read_csv("s.csv", text))
    assert table.keyed_by == "index"
    out = _read(table, None, "报表", quick=True, readings=False)
    assert asked == [4, 7, 9, 10, 11]
    asked.clear()
    assert _without_ids(out) == dataclasses.replace(_without_ids(_read(table, None, "报表", quick=False)), readings=[])
    assert len(asked) == 11
    assert [(e.target, str(e.value), e.unit, e.status and e.status.value, str(e.date), e.note, e.source)
            for e in out.entries] == [
        ("output", "318.6", "亿元", None, "2025-03-31", "备注", "报表"),
        ("output", "320", "亿元", None, "2025-04-30", "初步", "报表"),
        ("growth", "5.8", "%", None, "2025-04-30", "备注", "报表"),
        ("park", "None", None, "in_progress", "2025-04-30", "备注", "报表"),
        ("park", "None", None, "in_progress", "2025-04-30", "备注", "报表"),
        ("place", "3", "位", None, "2025-04-30", "备注", "报表"),
        ("area", "12", "亩", None, "2025-05-31", "备注", "报表"),
    ]  # fmt: skip
    assert [p.row for p in out.problems] == [7, 9, 10, 11]
    assert out.unknown == ["row 13 (未知指标)"]
    assert (out.units_given, out.units_headed, out.units_stated, out.units_signed) == (3, 0, 0, 1)


def test_a_workbook_s_values_equal_but_read_apart_are_not_taken_for_each_other() -> None:
    """Hand-made: a workbook's rows, read by the quick path from their cells' values, are read
    as the general path reads them where values are equal but read apart: 0 and -0 (as figures
    and as notes), True and 1, two Excel dates with a time zone naming one instant (their days
    differ), a date with a time of day."""
    plus_8 = timezone(timedelta(hours=8))
    rows = [
        [Decimal("0"), datetime(2025, 3, 31), Decimal("0")],
        [Decimal("-0"), datetime(2025, 3, 31), Decimal("-0")],
        [Decimal("1"), datetime(2025, 4, 30), "说明"],
        [True, datetime(2025, 4, 30), True],
        [1.0, datetime(2025, 4, 30), None],
        [Decimal("3"), datetime(2025, 7, 1, 1, tzinfo=plus_8), None],
        [Decimal("3"), datetime(2025, 6, 30, 17, tzinfo=UTC), None],
        [Decimal("3"), datetime(2025, 6, 30, 17), None],
    ]
    grid = Grid("s.xlsx", [(1, dict(enumerate(["指标名称", "数值", "截至日期", "备注"], 1)))])
    grid.rows.extend((n, {1: "工业总产值", **{c: v for c, v in enumerate(r, 2) if v is not None}})  # type: ignore[attr-defined]
                     for n, r in enumerate(rows, 2))  # fmt: skip
    table = read_table(grid)
    assert table.keyed_by == "number"
    out = _read(table, None, None, quick=True, readings=False)
    assert _without_ids(out) == dataclasses.replace(_without_ids(_read(table, None, None, quick=False)), readings=[])
    assert [(str(e.value), str(e.date), e.note) for e in out.entries] == [
        ("0", "2025-03-31", "0"), ("-0", "2025-03-31", "-0"), ("1", "2025-04-30", "说明"),
        ("1", "2025-04-30", None), ("3", "2025-07-01", None), ("3", "2025-06-30", None), ("3", "2025-06-30", None),
    ]  # fmt: skip
    assert [p.row for p in out.problems] == [5]  # True is no figure


def test_reserved_ids_are_fresh_and_distinct(monkeypatch: pytest.MonkeyPatch) -> None:
    """The ids an import draws at once are distinct, none taken before, and all taken after;
    a draw that repeats one (forced here) draws them one by one."""
    taken = {"0000000000"}
    drawn = entries.reserve_ids(500, taken)
    assert len(set(drawn)) == 500 and all(re.fullmatch(r"[0-9a-f]{10}", i) for i in drawn)
    assert taken == {"0000000000", *drawn}
    monkeypatch.setattr(entries.os, "urandom", lambda n: bytes(n))  # every id 0000000000
    real = entries.new_id
    monkeypatch.setattr(entries, "new_id", lambda t: real(t) if t is not taken else f"{len(taken):010x}")
    assert entries.reserve_ids(3, taken) == ["00000001f5", "00000001f6", "00000001f7"]


@given(
    st.sampled_from(["output", "area", "growth", "place", "park"]),
    st.one_of(numbers, st.sampled_from(["5%", "75", "推进中", "done"])),
    st.sampled_from([None, "亿元", "万元", "平方米", "%", "位"]),
    st.sampled_from([None, "12.5"]),
    st.sampled_from([None, "note"]),
    st.sampled_from([None, "2024"]),
)
def test_an_entry_built_in_field_order_is_the_entry_built_by_name(
    tid: str, value: str, unit: str | None, month: str | None, note: str | None, period: str | None
) -> None:
    """``entry_of`` builds its tuple in :class:`Entry`'s field order: each field lands where
    ``Entry(...)`` by name puts it."""
    kind = PLAN.target(tid).kind.value
    try:
        made = build_entry(
            PLAN, tid, None if kind == "milestone" else value, day=date(2025, 6, 30), recorded=RECORDED,
            unit=None if kind == "milestone" else unit, status=value if kind == "milestone" else None,
            month_value=month if kind == "total" else None, note=note, source="src", by="me",
            period=period if kind == "rank" else None,
        )  # fmt: skip
    except Exception:
        return  # refusals are the checks' own, unchanged
    by_name = Entry(
        id=made.id, target=tid, date=date(2025, 6, 30), recorded=RECORDED, value=made.value, unit=made.unit,
        note=note, source="src", by="me", status=made.status, month_value=made.month_value, period=made.period,
    )  # fmt: skip
    assert made == by_name
    assert type(made) is Entry
    assert made.target == tid and made.note == note and made.source == "src" and made.by == "me"
    if kind != "milestone":
        assert made.value is not None and made.status is None and made.milestone is None
        assert made.period == (int(period) if period and kind == "rank" else None)
        assert made.month_value == (Decimal(month) if month and kind == "total" else None)


def test_the_unit_check_refuses_exactly_what_convert_refuses() -> None:
    """``entry_of`` asks :func:`units.factor` whether a figure converts where it asked
    :func:`units.convert`: the two refuse the same pairs, with the same message."""
    for a in units.KNOWN_UNITS:
        for b in units.KNOWN_UNITS:
            try:
                units.convert(Decimal("12.34"), units.canonical(a), b)
                by_convert = None
            except units.UnitError as e:
                by_convert = str(e)
            try:
                units.factor(units.canonical(a), b)
                by_factor = None
            except units.UnitError as e:
                by_factor = str(e)
            assert by_convert == by_factor


positive = st.fractions(min_value=Fraction(1, 10**6), max_value=10**9, max_denominator=10**6)


@given(positive, positive, positive)
def test_within_scaled_is_within_the_product(value: Fraction, previous: Fraction, scale: Fraction) -> None:
    assert _within_scaled(value, previous, scale) == within(value, previous * scale)


@given(st.fractions(min_value=0, max_value=10 * RATIO, max_denominator=1000))
def test_within_scaled_at_the_edges(factor: Fraction) -> None:
    previous, scale = Fraction(7, 3), Fraction(5, 2)
    value = previous * scale * factor
    if value > 0:
        assert _within_scaled(value, previous, scale) == within(value, previous * scale)


@given(numbers, st.sampled_from(["万平方米", "平方米", "亩", None]), st.sampled_from(["0", "50", "-3"]))
def test_too_large_in_whole_numbers(value: str, unit: str | None, goal: str) -> None:
    """The increment check in whole numbers says what ``abs(value) > |target − baseline|``
    says in Fractions, message included."""
    target = PLAN.target("area")._replace(target=Decimal(goal), baseline=Decimal("-1") if goal == "-3" else None)
    e = entry("area", date(2025, 6, 30), value, unit=unit)
    exact = _value(e, target)
    whole = abs(Fraction(target.target) - Fraction(target.baseline or 0))  # type: ignore[arg-type]
    found = _too_large(target, e, exact)
    assert (found is not None) == (exact is not None and whole != 0 and abs(exact) > whole)


@given(numbers, st.sampled_from(["亿元", "万元", "平方米", "吨", None]), st.sampled_from(["output", "area", "growth"]))
def test_fingerprint_is_the_exact_figure(value: str, unit: str | None, tid: str) -> None:
    """A fingerprint's figure is the entry's value in its target's unit, exactly, in lowest
    terms; as typed when it does not convert or is 0 (the form before the cache)."""
    target = PLAN.target(tid)
    e = entry(tid, date(2025, 6, 30), value, unit=unit)
    exact = _value(e, target) or Fraction(e.value)  # type: ignore[arg-type]
    assert fingerprint(target, e)[2] == (exact.numerator, exact.denominator)
    assert fingerprint(None, e)[2] == Fraction(e.value).as_integer_ratio()  # type: ignore[arg-type]
    assert _figure_key(Decimal(value), unit, target.unit) == (exact.numerator, exact.denominator)


_PLAIN_TEXTS = st.one_of(
    st.from_regex(r"-?[0-9]{1,17}(\.[0-9]{1,12})?", fullmatch=True),
    st.text(alphabet="0123456789.-+,%①０ e", min_size=1, max_size=12),
)


@given(_PLAIN_TEXTS)
def test_a_plain_figure_reads_as_figure_and_parse_number_read_it(text: str) -> None:
    """A figure cell read without figure()'s questions (quick_rows.plain_number) is read as
    figure() and parse_number() read it, digits and places alike; any text it does not take is
    left to them."""
    from ledger.numbers import has_mark
    from ledger.quick_rows import plain_number
    from ledger.record import cached_number
    from ledger.sheet_cells import figure

    quick = plain_number(text)
    if quick is None:
        return
    assert not has_mark(text)
    assert str(quick) == str(cached_number(figure(text)))


@given(st.lists(st.lists(st.sampled_from(["", "5.8", "6%", "７．６％", "1﹪", "abc", "12,5", "é"]), min_size=0, max_size=3),
                max_size=8))  # fmt: skip
def test_a_column_without_a_percent_sign_holds_no_percent_cell(records: list[list[str]]) -> None:
    """A CSV column whose cells are all ASCII without % (sheet_cells._no_percent_sign, asked of
    them joined) has no cell that _written_percent reads as a percentage; a record too short
    for the column is looked at cell by cell."""
    from ledger.sheet_cells import _no_percent_sign, _written_percent
    from ledger.sheets import Row

    rows = [Row(n, cells) for n, cells in enumerate(records, 2)]
    for number in (1, 2, 3):
        if _no_percent_sign(rows, number):
            assert all(len(r.cells) >= number for r in rows)
            assert all(_written_percent(r, number, comma) is None for r in rows for comma in (False, True))


_NAMES = st.text(alphabet="园区一期#①¹1１ （）()Aa", min_size=1, max_size=5).filter(str.strip)


@settings(max_examples=150, deadline=None)
@given(st.lists(_NAMES, min_size=1, max_size=4), st.data())
def test_a_plan_s_own_name_resolves_as_its_key_does(names: list[str], data: st.DataObject) -> None:
    """A cell written as one of the plan's names (Resolver.exact: no key made, no mark looked for)
    names what the general way finds by its key: the same target and how, or the same refusal."""
    lines = "".join(
        f'[[target]]\nid = "t{i}"\naction = "a"\nname = {name!r}\nkind = "total"\nunit = "亿元"\ntarget = 1\n'
        for i, name in enumerate(names)
    )
    with tempfile.TemporaryDirectory() as folder:
        try:
            plan = write_plan(Path(folder), lines)
        except TrackerError:
            return  # two targets of one name: the plan is refused before any sheet is read
    cell = data.draw(st.sampled_from([t.name for t in plan.targets]))  # as the plan holds it
    quick, general = Resolver(plan), Resolver(plan)
    general.exact = {}

    def found(resolver: Resolver) -> object:
        try:
            return resolver.find(cell)
        except EntryError as e:
            return str(e)

    assert quick.exact.get(cell) is not None
    assert found(quick) == found(general)
