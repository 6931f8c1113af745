"""A CSV without quotes split by ``str`` methods (``sheets.split_records``), held to ``csv.reader``:
the same records for any text it takes, ``None`` for any it cannot be sure of, and the same grid
and refusals from ``read_csv`` whichever of the two read a block."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger import sheets
from ledger.sheets import SheetError, read_csv, split_records

# Cells without quotes: blanks, spaces, separators of the three kinds, a NUL, line ends of every
# kind (\r alone, \n alone, \r\n), a line separator str.splitlines would split at (csv does not).
cells = st.sampled_from(
    ["", "", " ", "\u3000", "工业总产值", "12.5", "2025-03-31", "注：初步统计", ",", ";", "\t", "\x00", "\r", "\n",
     "\r\n", "\x0b", "\u2028", "x" * 40]
)  # fmt: skip


@st.composite
def texts(draw: st.DrawFn) -> str:
    """A text of cells joined by one separator into lines ended alike (or not)."""
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    end = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    lines = [delimiter.join(draw(st.lists(cells, max_size=6))) for _ in range(draw(st.integers(0, 8)))]
    return end.join(lines) + draw(st.sampled_from(["", end]))


def _reader(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


@settings(max_examples=500, deadline=None)
@given(texts(), st.sampled_from([",", ";", "\t"]))
def test_split_records_are_csv_reader_s(text: str, delimiter: str) -> None:
    split = split_records(text, delimiter)
    if split is not None:
        assert split == _reader(text, delimiter)
    if "\r" not in text or text.count("\r") == text.count("\n") == text.count("\r\n"):
        assert split is not None  # a text without quotes, its lines ended alike: always split


def test_what_split_records_leaves_to_csv_reader() -> None:
    assert split_records('a,"b"\n', ",") is None  # a quote
    assert split_records("a,b\r\nc\n", ",") is None  # line ends of two kinds
    assert split_records(sheets.LongLine("a,b"), ",") is None
    long = "x" * (sheets.MAX_CSV_CELL + 1)
    assert split_records(f"a,b\n{long}\n", ",") is None  # a cell past csv.reader's limit is its to tell
    assert split_records("a,b\n\n,\nc", ",") == [["a", "b"], [], ["", ""], ["c"]]
    assert split_records("", ",") == []


def _old(text: str) -> sheets.Grid:
    """read_csv as before split_records: every block read by csv.reader."""
    original = sheets.split_records
    sheets.split_records = lambda block, delimiter: None  # type: ignore[assignment]
    try:
        return read_csv("s.csv", text)
    finally:
        sheets.split_records = original  # type: ignore[assignment]


@settings(max_examples=300, deadline=None)
@given(texts())
def test_read_csv_is_as_csv_reader_read_it(text: str) -> None:
    """The grid read_csv makes (rows, row numbers, plain, separator), split or read by csv.reader."""
    text = "指标名称,数值,截至日期\n" + text
    old, new = _old(text), read_csv("s.csv", text)
    assert list(new.rows) == list(old.rows)
    assert (new.delimiter, new.rows.plain) == (old.delimiter, old.rows.plain)  # type: ignore[attr-defined]


def test_wide_records_and_limits_are_told_as_before() -> None:
    """A wide record's blank cells are dropped, a value past column 1,000 refused, and a long cell
    told with its row, whether its block was split or read by csv.reader."""
    for text in ("a,b\n" + "," * 1000 + "x\n", "a,b\n\n" + "x" * 200_000 + "\n"):
        with pytest.raises(SheetError) as old:
            _old(text)
        with pytest.raises(SheetError) as new:
            read_csv("s.csv", text)
        assert str(new.value) == str(old.value)
    wide = "a,b\n" + "," * 1000 + "\n1,2" + "," * 1_000_000 + "\n"
    assert list(read_csv("s.csv", wide).rows) == list(_old(wide).rows) == [(1, {1: "a", 2: "b"}), (3, {1: "1", 2: "2"})]


def test_a_split_block_then_a_quoted_one_count_rows_on() -> None:
    """Blocks split, then one csv.reader reads (a quote): its error names the row counted over both."""
    blocks = ["a,b\n1,2\n", '3,"4\n', "5\n"]
    grid = read_csv("s.csv", iter(blocks))
    assert list(grid.rows) == [(1, {1: "a", 2: "b"}), (2, {1: "1", 2: "2"}), (3, {1: "3", 2: "4\n5\n"})]
    with pytest.raises(SheetError, match=r"s.csv: row 3 has a cell longer than 131,072"):
        read_csv("s.csv", iter(["a,b\n1,2\n", '"' + "x" * 200_000 + '"\n']))
