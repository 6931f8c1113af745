"""A date cell naming the period 1—N月 (`2025年1-8月`) says, as a title naming it does, that the
row's figures are year-to-date: an increment (which adds its entries up) refuses them rather
than add 1—7月's 5.2 and 1—8月's 6.8 into 12.0."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cli import app
from ledger.sheet_dates import year_to_date_months
from tests.helpers import INCREMENT_FIX as FIX
from tests.helpers import exported as _entries
from tests.helpers import import_text as _import

HEAD = "指标名称,新增,单位,截至日期\n"


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("2025年1-8月", 8),
        ("2025年1—8月", 8),
        ("2025年1至8月", 8),
        ("１-８月", 8),
        ("截至2025年1-12月", 12),
        ("25年1-2月", 2),
        ("2025年8月", None),
        ("8月末", None),
        ("2025年1-1月", None),  # January's year to date is January's own
        ("2025-08", None),
        ("2025年1-8月累计", 8),
        ("8月累计", 8),  # as a header's 8月累计 is 1—8月
    ],
)
def test_year_to_date_months(text: str, months: int | None) -> None:
    assert year_to_date_months(text) == months


@pytest.mark.parametrize("dry_run", [False, True])
def test_an_increment_dated_1_to_n_is_refused_as_under_such_a_title(
    dry_run: bool, runner: CliRunner, workdir: Path
) -> None:
    july = HEAD + "新增创新空间面积,5.2,万平方米,2025年1-7月\n"
    result = _import(runner, workdir, "jul.csv", july, *(["--dry-run"] if dry_run else []))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (
        "error: jul.csv: row 2: innovation-space adds up its entries (kind increment), but 5.2 is under '新增', "
        "a 1—7月 running total, as its date '2025年1-7月' (D2) says" + FIX
    )
    assert not (workdir / "progress.toml").exists()


def test_july_and_august_year_to_date_never_add_up_to_twelve(runner: CliRunner, workdir: Path) -> None:
    """The trial's case: 5.2 (1—7月) then 6.8 (1—8月) made 12.0 where the truth is 6.8."""
    assert _import(runner, workdir, "jul.csv", HEAD + "新增创新空间面积,5.2,万平方米,2025年1-7月\n").exit_code == 1
    august = _import(runner, workdir, "aug.csv", HEAD + "新增创新空间面积,6.8,万平方米,2025年1-8月\n")
    assert august.exit_code == 1
    assert "6.8 is under '新增', a 1—8月 running total, as its date '2025年1-8月' (D2) says" in august.stderr
    assert not (workdir / "progress.toml").exists()


def test_among_month_rows_the_one_dated_1_to_n_is_named(runner: CliRunner, workdir: Path) -> None:
    """Rows the quick path reads (a month in the date cell) beside one it must hand over."""
    text = HEAD + (
        "新增创新空间面积,1.2,万平方米,2025年6月\n"
        "新增创新空间面积,1.6,万平方米,2025年7月\n"
        "新增创新空间面积,6.8,万平方米,2025年1-8月\n"
    )
    result = _import(runner, workdir, "s.csv", text)
    assert result.exit_code == 1
    assert result.stderr == (
        "error: s.csv: row 4: innovation-space adds up its entries (kind increment), but 6.8 is under '新增', "
        "a 1—8月 running total, as its date '2025年1-8月' (D4) says" + FIX
    )
    ok = _import(runner, workdir, "t.csv", text.replace("2025年1-8月", "2025年8月"))
    assert ok.exit_code == 0, ok.output
    assert _entries(runner) == [
        ("innovation-space", "2025-06-30", 1.2, "万平方米"),
        ("innovation-space", "2025-07-31", 1.6, "万平方米"),
        ("innovation-space", "2025-08-31", 6.8, "万平方米"),
    ]


def test_a_workbook_dated_1_to_n_is_refused_alike(runner: CliRunner, workdir: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["指标名称", "新增", "单位", "截至日期"], ["新增创新空间面积", 6.8, "万平方米", "2025年1-8月"]):
        sheet.append(row)
    book.save(workdir / "s.xlsx")
    result = runner.invoke(app, ["import", "s.xlsx"])
    assert result.exit_code == 1
    assert "6.8 is under '新增', a 1—8月 running total, as its date '2025年1-8月' (D2) says" in result.stderr
    assert not (workdir / "progress.toml").exists()


def test_beside_a_month_column_the_month_adds(runner: CliRunner, workdir: Path) -> None:
    """1—8月 6.8 with 本月 1.6: the month's 1.6 is the addition, as under a 1—8月 title; the 6.8 is
    what the additions through August make (5.2 recorded through July, + 1.6)."""
    assert runner.invoke(app, ["record", "innovation-space", "5.2", "--date", "2025-07"]).exit_code == 0
    text = "指标名称,新增,本月,单位,截至日期\n新增创新空间面积,6.8,1.6,万平方米,2025年1-8月\n"
    result = _import(runner, workdir, "s.csv", text)
    assert result.exit_code == 0, result.output
    assert _entries(runner)[1:] == [("innovation-space", "2025-08-31", 1.6, "万平方米")]


def test_a_running_total_dated_1_to_n_is_its_total(runner: CliRunner, workdir: Path) -> None:
    text = "指标名称,完成值,单位,截至日期\n工业总产值,842.7,亿元,2025年1-8月\n新增创新空间面积,0.8,万平方米,2025年8月\n"
    result = _import(runner, workdir, "s.csv", text)
    assert result.exit_code == 0, result.output
    assert _entries(runner) == [
        ("industrial-output", "2025-08-31", 842.7, "亿元"),
        ("innovation-space", "2025-08-31", 0.8, "万平方米"),
    ]


@pytest.mark.parametrize(
    ("month", "kept"), [("8000", [("innovation-space", "2025-08-31", 8000, "平方米")]), ("9000", None)]
)
def test_the_same_addition_in_two_units_is_one(month: str, kept: Any, runner: CliRunner, workdir: Path) -> None:
    """完成值（万平方米） 0.8 beside 本月（平方米） 8000 is one figure: the month's adds; 9000 is another."""
    text = f"2025年8月\n指标名称,完成值（万平方米）,本月（平方米）\n新增创新空间面积,0.8,{month}\n"
    result = _import(runner, workdir, "s.csv", text)
    if kept is not None:
        assert result.exit_code == 0, result.output
        assert _entries(runner) == kept
        return
    assert result.exit_code == 1
    assert result.stderr == (
        "error: s.csv: row 3: innovation-space adds up its entries, and the row gives two figures: 0.8 under "
        "'完成值（万平方米）' and 9000 as the month's ('本月（平方米）'); which one adds?; keep one of the two, or head "
        "the other 1—N月累计 if it is the running total\n"
    )
