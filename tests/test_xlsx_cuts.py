"""ledger.xlsx_sheet's split reader (``_Sheet.split_rows``) cuts each row at its number and a
quote (``3"``), which ends each of its cells' addresses, and reads a cut it has met before by one
look-up. A row that does not cut so is read cell by cell (``_Sheet.cell_row``), the general form
beside it: the two are held to each other here, and both to the tree readers
(tests/test_xlsx_scan.py holds the scanner as a whole to them)."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ledger.xlsx_book as xlsx_book
import ledger.xlsx_sheet as xlsx_sheet
from ledger.sheets import PercentCell, SheetError, column_letter
from tests.test_xlsx_read import STRINGS, _outcome, _workbook
from tests.test_xlsx_scan import _held, _sheet


def _split(data: bytes) -> Any:
    """What the split reader makes of the workbook's first sheet, the tokens kept out: its rows
    and hidden rows, its error line, or ``None`` where it gave up."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        book = xlsx_book._Book("book.xlsx", archive)
        title, part = book.sheets[0]
        read = xlsx_sheet._Sheet(book, f"book.xlsx (sheet {title!r})")
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(xlsx_sheet._Sheet, "token_rows", lambda *a: pytest.fail("the tokens were needed"))
            try:
                scanned = read.scan(archive.read(part))
            except SheetError as e:
                return str(e)
        return None if scanned is None else (scanned[0], read.hidden_rows)


def _cell_by_cell(self: Any, *args: Any) -> int:
    raise xlsx_sheet._Unusual  # the first cut of every row refused: each row read cell by cell


def test_rows_that_do_not_cut_are_read_cell_by_cell() -> None:
    """Row 2's number and a quote stand in a style (s="2"), row 3's in its spans, row 13's in a
    text, row 5's addresses name no row or another one: those rows are read cell by cell, the
    others by their cuts (row 4 hidden, row 12 by the two digits of its number), to the values
    worked out by hand."""
    body = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>甲</t></is></c><c r="B1" t="n"><v>1</v></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>乙</t></is></c><c r="B2" s="2"><v>0.5</v></c></row>'
        '<row r="3" spans="1:3"><c r="A3" t="inlineStr"><is><t>丙</t></is></c><c r="C3"><v>3</v></c></row>'
        '<row r="4" spans="1:5" hidden="1"><c r="A4" t="inlineStr"><is><t>丁</t></is></c></row>\n'
        '<row r="5"><c r="A" t="inlineStr"><is><t>戊</t></is></c><c r="C9" s="1"><v>45658</v></c></row>'
        '<row r="12"><c r="A12" t="inlineStr"><is><t>己</t></is></c><c r="B12"><v>12</v></c></row>'
        '<row r="13"><c r="A13" t="inlineStr"><is><t>长 13" 宽</t></is></c><c r="B13"><v>13</v></c></row>'
    )
    data = _workbook(_sheet(body, excel=True), STRINGS)
    by_cells: list[int] = []
    real = xlsx_sheet._Sheet.cell_row

    def cell_row(self: Any, patterns: Any, row_number: int, rest: bytes) -> Any:
        by_cells.append(row_number)
        return real(self, patterns, row_number, rest)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(xlsx_sheet._Sheet, "cell_row", cell_row)
        rows, hidden = _split(data)
    assert by_cells == [2, 3, 5, 13]
    assert hidden == [4]
    assert rows == [
        (1, {1: "甲", 2: Decimal("1")}),
        (2, {1: "乙", 2: PercentCell(Decimal("50.0"))}),
        (3, {1: "丙", 3: Decimal("3")}),
        (4, {1: "丁"}),
        (5, {1: "戊", 3: datetime(2025, 1, 1)}),
        (12, {1: "己", 2: Decimal("12")}),
        (13, {1: '长 13" 宽', 2: Decimal("13")}),
    ]
    assert _held(data)
    assert [n for n, _ in _outcome(data)[0]] == [1, 2, 3, 5, 12, 13]  # the hidden row set apart


def test_an_error_in_a_cut_is_raised_naming_its_cell() -> None:
    """A formula with no saved value met in a cut: the row is read cell by cell, which names the
    cell (B7, not the cut's text) once the row is read."""
    body = '<row r="7"><c r="A7" t="inlineStr"><is><t>甲</t></is></c><c r="B7"><f>A1</f></c></row>'
    data = _workbook(_sheet(body), STRINGS)
    assert _split(data) == _outcome(data)
    assert str(_split(data)).startswith("book.xlsx (sheet 'S'): cell B7 holds a formula with no saved value")


# Rows in Excel's and openpyxl's shapes in which a row's number followed by a quote also stands
# where it ends no address (texts with a raw quote, styles, the row's attributes), addresses
# without digits or with another row's, hidden rows, empty cells, now and then an error.
@st.composite
def _rows(draw: st.DrawFn) -> str:
    out = []
    for n in sorted(draw(st.sets(st.integers(1, 40), max_size=6))):
        attributes = draw(
            st.sampled_from(["", f' spans="1:{n}"', ' spans="1:5" x14ac:dyDescent="0.25"', ' hidden="1"', f' ht="{n}"'])
        )
        cells = []
        for column in sorted(draw(st.sets(st.integers(1, 5), max_size=4))):
            digits = draw(st.sampled_from([str(n)] * 6 + ["", str(n + 1), f"{n}0"]))
            style = draw(st.sampled_from(["", "", ' s="1"', ' s="2"', f' s="{n}"', f' s="{n % 5}"']))
            text = draw(st.sampled_from(["甲", f'{n}"', f'a{n}"b', '"', f'{n}"{n}"', " ", f"{n}"]))
            kind = draw(st.sampled_from(["inlineStr", "n", "str", "empty", "formula"] + ["inlineStr", "n"] * 4))
            start = f'<c r="{column_letter(column)}{digits}"{style}'
            if kind == "inlineStr":
                cells.append(f'{start} t="inlineStr"><is><t>{text}</t></is></c>')
            elif kind == "str":
                cells.append(f'{start} t="str"><v>{text}</v></c>')
            elif kind == "n":
                cells.append(f'{start} t="n"><v>{draw(st.sampled_from([str(n), "1.5", "45658"]))}</v></c>')
            elif kind == "empty":
                cells.append(f"{start}/>")
            else:
                cells.append(f"{start}><f>A{n}</f></c>" if draw(st.integers(0, 9)) == 0 else f"{start}/>")
        out.append(f'<row r="{n}"{attributes}>{"".join(cells)}</row>' + draw(st.sampled_from(["", "", "\n  "])))
    return "".join(out)


@settings(max_examples=400, deadline=None)
@given(_rows())
def test_the_cuts_read_what_cell_by_cell_reads(body: str) -> None:
    data = _workbook(_sheet(body, excel=True), STRINGS)
    cuts = _split(data)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(xlsx_sheet._Sheet, "head", _cell_by_cell)
        one_by_one = _split(data)
    assert cuts == one_by_one
    assert cuts is not None  # the split reads every row of these shapes, the tokens none
    assert _held(data)


@pytest.mark.parametrize(
    "body",
    [
        '<row r="2"><c r="A2"><v>1</v></c><c r="B<row r="3"><c r="A3"><v>3</v></c></row>',  # ends in an address
        '<row r="2"><c r="A2"><v>1</v></c></row><b/><row r="3"><c r="A3"><v>3</v></c></row>',  # between rows
        '<row r="2"><c r="A2"><v>1</v></c></row><c r="A2"><v>2</v></c>',  # a cell after the last row
        '<row r="2" a="<"><c r="A2"><v>1</v></c></row>',  # a row's start its pattern refuses
        '<row r="2"><c r="A2"><v>1</v><c r="B2"><v>1</v></c></c></row>',  # a cell inside a cell
    ],
)
def test_rows_broken_where_the_cuts_meet_them_are_left_to_the_tree_readers(body: str) -> None:
    assert not _held(_workbook(_sheet(body)))
