"""Telling a CSV by its content (issue 14, trial n5 case 08): ``tracker import -`` reads stdin,
which has no name; a bureau's CSV begins with its title and a ``单位：亿元`` line, above the
header, and is told as a person tells it: its later lines are rows split alike."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.sheets import recognise

_SHEET = "临平经开区2025年1-8月主要经济指标\n单位：亿元\n指标名称,1-8月累计,同比增长%\n规模以上工业总产值,842.7,5.1\n"


def test_a_bureau_csv_on_stdin_is_read_from_its_title_its_unit_line_or_its_header(
    runner: CliRunner, workdir: Path
) -> None:
    for text, args in (
        (_SHEET, []),
        (_SHEET.split("\n", 1)[1], ["--date", "2025-08"]),  # from the 单位 line
        (_SHEET.split("\n", 2)[2], ["--date", "2025-08"]),  # from the header
    ):
        result = runner.invoke(app, ["import", "-", "--dry-run", *args], input=text.encode())
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("row ") and "industrial-output = 842.7 亿元 as of 2025-08-31" in result.stdout
    gb = runner.invoke(app, ["import", "-", "--dry-run", "--encoding", "gb18030"], input=_SHEET.encode("gb18030"))
    assert gb.exit_code == 0, gb.output


def test_text_that_is_no_table_is_still_not_told() -> None:
    assert recognise(b"# tracker\n\nA target tracker, for plans.\n\n- one, two\n") is None
    assert recognise("标题\n说明一句，没有分隔\n只有一行,有逗号\n".encode()) is None  # one row is no table
    assert recognise(b"title\nfirst, a clause\nsecond, third, and fourth\n") is None  # rows not alike
    assert recognise("a\nb\nc\nd\ne\nf\n指标名称,值\n工业总产值,1\n".encode()) is None  # six lines above: no title
    assert recognise("[plan]\nx\n指标名称,值\n工业总产值,1\n".encode()) is None


_TITLE = st.text(st.characters(categories=["Lo", "Nd"], include_characters="：（）-年月"), min_size=1, max_size=30)
_CELL = st.text(st.characters(categories=["Lo", "Nd"], include_characters=".%"), min_size=1, max_size=8)


@given(
    st.lists(_TITLE, max_size=5),
    st.sampled_from([",", ";", "\t"]),
    st.integers(2, 6).flatmap(lambda n: st.lists(st.lists(_CELL, min_size=n, max_size=n), min_size=2, max_size=5)),
)
def test_rows_below_a_few_title_lines_are_csv(titles: list[str], sep: str, rows: list[list[str]]) -> None:
    text = "\n".join([*titles, *(sep.join(row) for row in rows)]) + "\n"
    assert recognise(text.encode()) == "csv"
    assert recognise(text.encode("gb18030")) == "csv"
