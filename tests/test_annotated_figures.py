"""A figure with words after it in its cell (the trial n17, case c02): ``842.7(初步)``,
``842.7[1]``, ``842.7注1`` were refused as "not a number" naming no cell or column, with no word
that the annotation was the trouble. They are refused naming the cell and the annotation, and what
to do with it. Unlike a footnote mark (``842.7①``, read as 842.7), words are not taken off: a
bracket may hold the figure's unit (``8000（平方米）``) or another figure, and a figure in brackets
alone (``(2.1)``) is an accountant's negative, or not: either read silently could be wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger.sheet_cells import figure
from tests.helpers import exported as _entries
from tests.helpers import import_text as _import

_HEAD = "临平经开区2025年1-8月主要经济指标\n指标名称,1-8月累计（亿元）,同比增长%\n"


@pytest.mark.parametrize("cell", ["842.7(初步)", "842.7（初步）", "842.7[1]", "842.7注1", "842.7 【注】"])
def test_an_annotated_figure_is_refused_naming_the_cell(runner: CliRunner, workdir: Path, cell: str) -> None:
    words = cell.removeprefix("842.7").strip()
    result = _import(runner, workdir, "s.csv", f"{_HEAD}规模以上工业总产值,{cell},5.8\n", "--dry-run")
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: s.csv: row 3: column '1-8月累计（亿元）' (B3): '{cell}' is not a number: '{words}' after the figure is "
        f"an annotation, no part of it; write 842.7 alone in the cell, and move '{words}' to a 备注 column (or a note "
        "below the table)\n"
    )
    assert _entries(runner) == []


def test_a_unit_after_the_figure_is_refused_as_its_unit(runner: CliRunner, workdir: Path) -> None:
    result = _import(runner, workdir, "u.csv", f"{_HEAD}规模以上工业总产值,8427000（万元）,5.8\n")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: u.csv: row 3: column '1-8月累计（亿元）' (B3): '8427000（万元）' is not a number: '（万元）' after the "
        "figure is its unit; write 8427000 alone in the cell and give the unit in the column's header or a 单位 column\n"
    )


def test_an_accountants_negative_is_refused_naming_the_cell(runner: CliRunner, workdir: Path) -> None:
    result = _import(runner, workdir, "n.csv", f"{_HEAD}规模以上工业增加值,180.35,(2.1)\n")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: n.csv: row 3: column '同比增长%' (C3): '(2.1)' is not a number: a figure in brackets, as accounts "
        "write a negative; write it signed (-2.1), or 2.1 if it is not negative\n"
    )


def test_a_footnote_mark_is_still_read(runner: CliRunner, workdir: Path) -> None:
    result = _import(runner, workdir, "f.csv", f"{_HEAD}规模以上工业总产值,842.7①,5.8\n")
    assert result.exit_code == 0, result.output
    assert _entries(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["842.7", "12", "5.8%", "-4.6", "1,360"]),
    st.sampled_from(["初步", "预计", "快报", "1", "注", "修订", "含在建"]),
    st.sampled_from([("(", ")"), ("（", "）"), ("[", "]"), ("【", "】")]),
    st.sampled_from(["", " ", "　"]),
)
def test_every_bracketed_annotation_is_refused(number: str, words: str, bracket: tuple[str, str], gap: str) -> None:
    cell = f"{number}{gap}{bracket[0]}{words}{bracket[1]}"
    with pytest.raises(ValueError) as e:
        figure(cell)
    assert str(e.value) == (
        f"{cell!r} is not a number: '{bracket[0]}{words}{bracket[1]}' after the figure is an annotation, no part of "
        f"it; write {number} alone in the cell, and move '{bracket[0]}{words}{bracket[1]}' to a 备注 column (or a note "
        "below the table)"
    )


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["842.7", "12"]), st.sampled_from(["1", "①", "2", "12"]), st.sampled_from(["", " "]))
def test_every_note_reference_is_refused(number: str, n: str, gap: str) -> None:
    with pytest.raises(ValueError, match=f"'注{n}' after the figure is an annotation"):
        figure(f"{number}{gap}注{n}")
