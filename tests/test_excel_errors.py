"""Excel's error values are no figure, every one alike (the trial n19, c05): ``#REF!``, ``#NAME?``,
``#NUM!``, ``#NULL!``, ``#SPILL!``, ``#CALC!`` were refused as "a footnote mark inside the figure"
while ``#DIV/0!``, ``#VALUE!`` and ``#N/A`` passed as no figure. DESIGN.md lists ``#N/A`` as no
figure; each is a formula that could not be computed, and a row holding one is passed over with a
note naming the cell and the error, or refused (a rate's amount beside it) naming them."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.formulas import EXCEL_ERRORS, errors_said, excel_error, is_no_figure, neutralise, restore
from tests.helpers import exported

_ERRORS = ["#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#DIV/0!", "#VALUE!", "#N/A", "#GETTING_DATA"]
_TITLE = "临平经开区2025年1-8月主要经济指标"


@pytest.mark.parametrize("error", _ERRORS)
def test_an_error_in_a_csv_is_no_figure_named_in_the_note(runner: CliRunner, workdir: Path, error: str) -> None:
    (workdir / "e.csv").write_text(
        f"{_TITLE}\n指标名称,1-8月累计（亿元）,同比增长%\n规模以上工业总产值,842.7,6.1\n规模以上工业增加值,,{error}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["import", "e.csv"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        f"note: e.csv: 1 row without a figure passed over: row 4 (规模以上工业增加值; C4 holds the Excel error "
        f"{error}, a formula that could not be computed)"
    )
    assert "footnote" not in result.output


@pytest.mark.parametrize("error", ["#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#DIV/0!", "#N/A"])
def test_an_error_cell_in_a_workbook_beside_a_rates_amount_is_passed_over_naming_it(
    runner: CliRunner, workdir: Path, error: str
) -> None:
    import zipfile

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    rows = [
        [_TITLE],
        ["指标名称", "1-8月累计", "同比增长%"],
        ["规模以上工业总产值", 842.7, 6.1],
        ["规模以上工业增加值", 180.35, error],
    ]
    for row in rows:
        ws.append(row)
    ws["C4"].data_type = "e"  # an error cell (t="e"), as Excel saves a formula's error
    wb.save(workdir / "e.xlsx")
    assert b't="e"' in zipfile.ZipFile(workdir / "e.xlsx").read("xl/worksheets/sheet1.xml")
    result = runner.invoke(app, ["import", "e.xlsx"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        f"note: e.xlsx: 1 row without a figure passed over: row 4 (规模以上工业增加值; C4 holds the Excel error {error}, "
        "a formula that could not be computed)"
    )
    assert [e[0] for e in exported(runner)] == ["industrial-output"]  # 180.35 is never a growth


def test_an_xls_error_cell_is_no_figure(runner: CliRunner, workdir: Path) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("1-8月")
    for r, row in enumerate(
        [[_TITLE], ["指标名称", "1-8月累计（亿元）", "同比增长%"], ["规模以上工业总产值", 842.7, 6.1]]
    ):
        for c, v in enumerate(row):
            ws.write(r, c, v)
    ws.write(3, 0, "规模以上工业增加值")
    ws.row(3).set_cell_error(2, "#REF!")
    book.save(str(workdir / "e.xls"))
    result = runner.invoke(app, ["import", "e.xls"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        "note: e.xls: 1 row without a figure passed over: row 4 (规模以上工业增加值; C4 holds the Excel error "
        "#REF!, a formula that could not be computed)"
    )


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(sorted(EXCEL_ERRORS)), st.sampled_from(["upper", "lower", "wide"]), st.integers(1, 30))
def test_every_error_value_is_no_figure_and_named(error: str, case: str, column: int) -> None:
    text = (
        error.upper()
        if case == "upper"
        else error
        if case == "lower"
        else "".join(chr(ord(c) + 0xFEE0) for c in error.upper())
    )
    assert is_no_figure(text)
    assert excel_error(text) == error.upper()
    assert errors_said({column: text}, 5).startswith("; ")
    assert f"holds the Excel error {error.upper()}" in errors_said([""] * (column - 1) + [text], 5)
    assert restore(neutralise(text)) == text  # exported as text, read back as written


def test_a_hash_after_a_figure_is_still_a_footnote_mark() -> None:
    assert excel_error("842.7#") is None and not is_no_figure("842.7#")
