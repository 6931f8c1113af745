"""A CSV's rows read whole, held to the row-by-row forms they replace.

``sheets.read_csv`` keeps a CSV's records as ``csv.reader`` gives them (``CsvRows``), the layout
hands a plain CSV's data records to the import as they are (``Table.keyed_by == "index"``), and
``sheet_cells._Sheet`` reads a field's cell at its index. Each must give what the general form
gives: the rows of the grid as ``{column number: text}``, the table's rows (notes below it left
out, blank rows too, numbered as Excel shows them), and each row's field texts and as-of date,
message for message, whichever of the three shapes a row's cells come in.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger import sheets
from ledger.csv_separator import HEAD_LINES, head_lines, separator
from ledger.layout import read_table
from ledger.sheet_cells import _Sheet
from ledger.sheets import CsvRows, Grid, Row, SheetError, read_csv
from ledger.table import LayoutError, Table

HEADERS = ["指标名称", "数值", "单位", "截至日期", "状态", "序号"]
cells = st.sampled_from(
    ["", "", "", " ", "\u3000", "工业总产值", "增速", "12.5", "'=1", "—", "/", "2025-03-31", "2025年6月",
     "not a date", "注：数据为初步统计", "说明：单位万元", "推进中", "1,360", "a\nb", '"q"', "\t"]
)  # fmt: skip


@st.composite
def csv_texts(draw: st.DrawFn) -> tuple[str, str]:
    """A CSV as offices send them: maybe a title and a blank line above the header, rows of
    cells (blank, spaces only, quoted, notes), ragged rows, and a separator of the three."""
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    rows: list[list[str]] = []
    if draw(st.booleans()):
        rows += [["2025年1-6月主要指标"], []]
    header = HEADERS[: draw(st.integers(2, len(HEADERS)))]
    rows.append(header)
    for _ in range(draw(st.integers(0, 12))):
        width = draw(st.integers(0, len(header) + 1))
        rows.append([draw(cells) for _ in range(width)])
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerows(rows)
    return out.getvalue(), delimiter


def _by_record(text: str) -> list[tuple[int, dict[int, Any]]]:
    """The rows as read_csv read them before: a dict of the cells holding something, per record,
    the separator the table's (its header and first row's, below any title: csv_separator)."""
    delimiter = separator(head_lines(text, HEAD_LINES))
    rows = []
    for number, values in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1):
        found = {i: v for i, v in enumerate(values, 1) if v.strip()}
        if found:
            rows.append((number, found))
    return rows


def _by_label(table: Table) -> Table:
    """The table as the layout made it before: each row's cells a dict by column label."""
    labels = [(c.number, c.label) for c in table.columns]
    rows: list[Row] = []
    for row in table.rows:
        by_index = table.keyed_by == "index"
        values = {i: v for i, v in enumerate(row.cells, 1) if v.strip()} if by_index else row.cells
        rows.append(Row(row.number, {label: values.get(c) for c, label in labels}))
    return Table(table.name, table.sheet, table.columns, rows, table.period, table.period_from, table.unit,
                 table.decimal_comma, table.by_field, "label")  # fmt: skip


def _readings(table: Table) -> list[tuple[int, dict[str, str], str]]:
    sheet = _Sheet(table, True, date(2025, 6, 30))
    out = []
    for row in table.rows:
        got = sheet.texts(row)
        try:
            day = str(sheet.day(row, got))
        except ValueError as e:
            day = f"refused: {e}"
        out.append((row.number, got, day))
    return out


@settings(max_examples=400, deadline=None)
@given(csv_texts())
def test_a_csv_read_whole_is_the_csv_read_row_by_row(sheet: tuple[str, str]) -> None:
    text, _ = sheet
    grid = read_csv("s.csv", text)
    assert isinstance(grid.rows, CsvRows)
    expected = _by_record(text)
    assert list(grid.rows) == expected
    assert grid.rows == expected and len(grid.rows) == len(expected)
    assert grid.rows[1:3] == expected[1:3]
    if expected:
        assert grid.rows[-1] == expected[-1]


@settings(max_examples=400, deadline=None)
@given(csv_texts())
def test_a_plain_csv_s_records_read_as_the_general_rows(sheet: tuple[str, str]) -> None:
    """The layout of a CSV read whole (records handed on at their index, when plain) and of the
    same rows as a list (keyed by number, the general form) find the same table; every row
    gives the same texts and date as the same row keyed by label (the form before)."""
    text, _ = sheet
    grid = read_csv("s.csv", text)
    general = Grid(grid.name, list(grid.rows), delimiter=grid.delimiter)
    try:
        fast = read_table(grid)
    except LayoutError as e:
        with pytest.raises(LayoutError) as refused:
            read_table(general)
        assert str(refused.value) == str(e)
        return
    slow = read_table(general)
    assert slow.keyed_by == "number"
    assert fast.keyed_by == ("index" if grid.rows.plain else "number")  # type: ignore[attr-defined]
    assert (fast.columns, fast.period, fast.period_from, fast.unit, fast.by_field) == (
        slow.columns, slow.period, slow.period_from, slow.unit, slow.by_field
    )  # fmt: skip
    assert [r.number for r in fast.rows] == [r.number for r in slow.rows]
    assert _readings(fast) == _readings(slow) == _readings(_by_label(slow))


def test_the_fast_forms_meet_notes_ragged_rows_and_blank_rows() -> None:
    """Hand-made: a note below the table and one among the rows are left out, a short record
    is read as blank past its end, a blank line and a line of separators count as rows."""
    text = "指标名称,数值,截至日期\n工业总产值,12.5,2025-03-31\n\n,,\n注：初步统计,,\n增速\n,,说明：单位万元\n"
    grid = read_csv("s.csv", text)
    assert grid.rows.plain  # type: ignore[attr-defined]
    table = read_table(grid)
    assert table.keyed_by == "index"
    assert [(r.number, r.cells) for r in table.rows] == [
        (2, ["工业总产值", "12.5", "2025-03-31"]),
        (6, ["增速", "", ""]),
    ]
    sheet = _Sheet(table, True, None)
    assert [sheet.texts(r) for r in table.rows] == [{"target": "工业总产值", "value": "12.5", "date": "2025-03-31"},
                                                    {"target": "增速"}]  # fmt: skip
    assert sheet.day(table.rows[0], sheet.texts(table.rows[0])) == (date(2025, 3, 31), "the date column")
    spaced = read_csv("s.csv", text.replace("\n\n", "\n \n"))
    assert not spaced.rows.plain  # type: ignore[attr-defined]
    assert read_table(spaced).keyed_by == "number"
    assert [r.number for r in read_table(spaced).rows] == [2, 6]


def test_spaces_are_what_str_isspace_takes() -> None:
    """The text-wide test for spaces (read_csv's plain) names every space str.strip takes."""
    spaces = "".join(c for c in map(chr, range(0x110000)) if c.isspace() and c not in "\r\n")
    assert spaces == sheets._SPACES


def test_a_bad_record_and_a_limit_before_it_are_told_as_before() -> None:
    long = "x" * (sheets.MAX_CSV_CELL + 1)
    with pytest.raises(SheetError, match=r"s.csv: row 3 has a cell longer than 131,072"):
        read_csv("s.csv", f'a,b\n\n"{long}",b\n')
    with pytest.raises(SheetError, match="more than 1,000 columns"):
        read_csv("s.csv", "a,b\n" + "," * 1000 + "x\n" + f'"{long}"\n')
    assert list(read_csv("s.csv", "a,b\n" + "," * 1000 + "\n").rows) == [(1, {1: "a", 2: "b"})]
