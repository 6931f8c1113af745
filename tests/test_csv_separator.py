"""A CSV's separator is its table's, whatever stands above the header: a bureau's title line and
单位 line over comma-, semicolon- or tab-separated rows, from a file, UTF-16 or stdin."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.csv_separator import head_lines, separator
from ledger.sheets import read_csv

TITLE = "临平经开区2025年1-8月主要经济指标"
ROWS = [["指标名称", "1-8月累计", "同比增长%"], ["规模以上工业总产值", "842.7", "4.1"]]
ENTRY = "row 4: industrial-output = 842.7 亿元 as of 2025-08-31"


def _sheet(sep: str) -> str:
    return f"{TITLE}\n单位：亿元\n" + "".join(sep.join(r) + "\n" for r in ROWS)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("tab.tsv", _sheet("\t").encode()),
        ("tab.txt", _sheet("\t").encode()),
        ("unicode-text.csv", _sheet("\t").encode("utf-16")),  # Excel's "Unicode text": UTF-16, tabs
        ("semi.csv", _sheet(";").encode()),
        ("comma.csv", _sheet(",").encode()),
        ("trailing-tab.csv", _sheet(",").replace(TITLE, TITLE + "\t").encode()),  # the title decides nothing
    ],
)
def test_a_title_above_the_header_leaves_the_separator_to_the_table(
    workdir: Path, runner: CliRunner, name: str, data: bytes
) -> None:
    (workdir / name).write_bytes(data)
    result = runner.invoke(app, ["import", name, "--dry-run"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{ENTRY} — figure: column '1-8月累计' (B4); unit: the unit line '单位：亿元' (A2)")


def test_a_tab_separated_sheet_with_a_title_reads_from_stdin(workdir: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["import", "-", "--dry-run"], input=_sheet("\t").encode())
    assert result.exit_code == 0, result.output
    assert result.output.startswith(ENTRY)


WORDS = st.text(st.sampled_from("临平经开区主要经济指标年月单位亿元：（） 1234-"), min_size=1, max_size=20)
CELL = st.text(st.sampled_from("指标名称工业产值累计同比增长%.0123456789 "), min_size=1, max_size=8)


@given(
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["", ",", ";", "\t", "，"]),
    st.lists(WORDS.filter(str.strip), max_size=5),  # a blank line is no title: not a row at all
    st.integers(2, 6),
    # Rows of figures: a row of blank cells is an empty row, passed over (and no evidence of a separator).
    st.lists(
        st.lists(CELL, min_size=2, max_size=2).filter(lambda r: any(c.strip() for c in r)), min_size=2, max_size=5
    ),
)
def test_the_separator_is_the_tables_below_any_title(
    sep: str, stray: str, titles: list[str], width: int, rows: list[list[str]]
) -> None:
    """Up to five title lines, the first maybe ending in a stray separator typed after it (one
    cell: no line below splits alike with it), over a header and rows of ``width`` cells: the table's
    separator is found and every row is read into its cells."""
    rows = [(r * width)[:width] for r in rows]
    lines = [t + (stray if i == 0 else "") for i, t in enumerate(titles)] + [sep.join(r) for r in rows]
    text = "\n".join(lines) + "\n"
    assert separator(head_lines(text, 8)) == sep
    grid = read_csv("s.csv", text)
    assert [list(cells.values()) for _, cells in grid.rows][len(titles) :] == [
        [c for c in r if c.strip()] for r in rows
    ]


def test_head_lines_skip_blank_lines_and_keep_tabs() -> None:
    assert head_lines("\n标题\t\r\n\n a\tb\nc\td", 3) == ["标题\t", " a\tb", "c\td"]
    assert head_lines("", 3) == []
