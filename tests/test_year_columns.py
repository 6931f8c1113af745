"""Columns headed by a year alone (2025年, 2024年（亿元）, 2024（亿元）) under a 2025 title (the n11
trial's c13): the sheet's year's is its figure, the year so far as of the title's date; another
year's is for comparison, never offered to keep, and refused if mapped."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger.column_kinds import describe
from tests.helpers import exported, import_text

_TITLE = "临平经开区2025年1-8月主要经济指标\n"


@given(st.integers(2000, 2099), st.sampled_from(["年", ""]), st.sampled_from(["", "（亿元）", "(万元)"]))
def test_a_year_alone_is_that_years_figure_so_far(year: int, nian: str, unit: str) -> None:
    column = describe(f"{year}{nian}{unit}")
    assert (column.field, column.running_total, column.months) == ("value", True, None)


@pytest.mark.parametrize("header", ["2024年（亿元）", "2024（亿元）", "2024年", "2024"])
def test_c13_last_years_column_is_neither_offered_nor_mapped(runner: CliRunner, workdir: Path, header: str) -> None:
    sheet = _TITLE + f"指标名称,{header}\n规模以上工业总产值,806.7\n"
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 1 and "=value" not in result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"error: s.csv: no row has a figure: {header!r} (B) is 2024's figure, not 2025's, for comparison; add the "
        "column of figures (1—N月累计, or 同比增长% for a rate), or record them with `tracker record`"
    )
    result = import_text(runner, workdir, "s.csv", sheet, "--map", f"{header}=value")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"error: s.csv: column {header!r} (B) is for 2024, but the title '临平经开区2025年1-8月主要经济指标' says 2025: "
        "it is there for comparison, never 2025's figure; map the column of 2025 instead, or correct the sheet"
    )
    assert exported(runner) == []


def test_c13_the_sheets_years_column_is_its_figure_beside_last_years(runner: CliRunner, workdir: Path) -> None:
    sheet = _TITLE + "指标名称,2024年（亿元）,2025年（亿元）\n规模以上工业总产值,806.7,842.7\n"
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 0, result.output
    assert "columns not used: 2024年（亿元） (2024's figure, not 2025's, for comparison)" in result.stderr
    assert exported(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]


def test_with_no_year_said_the_later_years_column_is_the_figure(runner: CliRunner, workdir: Path) -> None:
    sheet = "主要经济指标\n指标名称,2024（亿元）,2025（亿元）\n规模以上工业总产值,806.7,842.7\n"
    result = import_text(runner, workdir, "s.csv", sheet, "--date", "2025-08")
    assert result.exit_code == 0, result.output
    assert "2024（亿元） (an earlier year than '2025（亿元）', for comparison)" in result.stderr
    assert exported(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]
