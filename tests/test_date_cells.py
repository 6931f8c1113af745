"""A date column as bureau sheets fill it (issue 14, the new-user trial's date items).

``2025.1`` in a CSV is what a spreadsheet writes for a cell that held 2025.10 (October) as a
number: January or October cannot be told, so it is refused, naming the row and the column;
``2025.10``, ``2025.01`` and ``2025.2`` keep their meaning. Months as Chinese sheets write them
(``2025年8月末``, ``2025年8月底``, ``2025年1-8月``, ``8月末`` under a title naming the year) are
the month's end. ``--dry-run`` says where each row's date was read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.dates import month_end
from ledger.sheet_dates import sheet_date


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def entries() -> list[tuple[str, str, float]]:
    out = run("export", "--format", "jsonl")
    return [(e["target"], e["date"], e["value"]) for e in map(json.loads, out.stdout.splitlines())]


def _csv(folder: Path, day: str, title: str | None = None, header: str = "1-8月累计(亿元)") -> str:
    lines = ([f"{title},,"] if title else []) + [f"指标名称,{header},日期", f"规模以上工业总产值,842.7,{day}"]
    (folder / "m.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "m.csv"


def _xlsx(folder: Path, day: object, title: str | None = None, header: str = "1-8月累计(亿元)") -> str:
    book = openpyxl.Workbook()
    ws = book.active
    if title:
        ws.append([title])
    ws.append(["指标名称", header, "日期"])
    ws.append(["规模以上工业总产值", 842.7, day])
    book.save(folder / "m.xlsx")
    return "m.xlsx"


# ---- 2025.1: January, or October that lost its 0 -------------------------------------------


@pytest.mark.parametrize("write", [_csv, _xlsx])
def test_a_month_that_may_be_january_or_october_is_refused(workdir: Path, write: Any) -> None:
    """A 1—10月 sheet kept 2025.10 as a number; saved as CSV the cell reads 2025.1. A workbook's
    text cell holding 2025.1 (pasted from such a CSV) is refused alike; its number cell already was."""
    name = write(workdir, "2025.1", header="1-10月累计(亿元)")
    refused = run("import", name)
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"error: {name}: row 2: column '日期' (C2): '2025.1' may be January or October (a sheet that holds "
        "2025.10 as a number writes it 2025.1); write 2025-01 or 2025-10\n"
    )
    assert not (workdir / "progress.toml").exists()
    for typed, month in [("2025.10", "2025-10-31"), ("2025-10", "2025-10-31")]:
        write(workdir, typed, header="1-10月累计(亿元)")
        assert run("import", name, "--dry-run").stdout.startswith(
            f"row 2: industrial-output = 842.7 亿元 as of {month}"
        )


@pytest.mark.parametrize("write", [_csv, _xlsx])
def test_unambiguous_dotted_months_still_read(workdir: Path, write: Any) -> None:
    """2025.01 keeps its 0 (January) and 2025.8 could only have lost one off a month 80: both
    read, as before."""
    for typed, header in [("2025.8", "1-8月累计(亿元)"), ("2025.01", "1月累计(亿元)")]:
        done = run("import", write(workdir, typed, header=header))
        assert done.exit_code == 0, done.stderr
    assert entries() == [("industrial-output", "2025-08-31", 842.7), ("industrial-output", "2025-01-31", 842.7)]


_YEARS = st.integers(2000, 2099)
_MONTHS = st.integers(1, 12)


@settings(max_examples=300, deadline=None)
@given(_YEARS, _MONTHS, st.sampled_from(["{y}.{m}", "{y}.{m:02d}", "{y}/{m}", "{y}-{m}", "{y}-{m:02d}"]))
def test_every_dotted_or_slashed_month(year: int, month: int, form: str) -> None:
    """Of every year-and-month written with a dot, a slash or a dash, only ``YYYY.1`` is
    refused; every other one is its month's end."""
    text = form.format(y=year, m=month)
    if text == f"{year}.1":
        with pytest.raises(
            ValueError, match=rf"^'{year}\.1' may be January or October .*write {year}-01 or {year}-10$"
        ):
            sheet_date(text, None)
    else:
        assert sheet_date(text, None) == month_end(year, month)
    # Full-width digits and dots are typed text: the same reading.
    wide = text.translate(str.maketrans("0123456789./-", "０１２３４５６７８９．／－"))
    if text == f"{year}.1":
        with pytest.raises(ValueError, match="may be January or October"):
            sheet_date(wide, None)
    else:
        assert sheet_date(wide, None) == month_end(year, month)


# ---- months as Chinese sheets write them ----------------------------------------------------

_WITH_YEAR = [
    "{y}年{m}月", "{y}年{m}月末", "{y}年{m}月底", "{y}年{m}月份", "{y}年{m:02d}月末", "{y} 年 {m} 月 末",
    "截至{y}年{m}月末", "截止{y}年{m}月底", "{yy:02d}年{m}月", "{yy:02d}年{m}月末", "{yy:02d}年1-{m}月",
]  # fmt: skip
_PERIODS = ["{y}年1-{m}月", "{y}年1—{m}月", "{y}年1–{m}月", "{y}年1~{m}月", "{y}年1至{m}月", "{y}年1－{m}月"]
_NO_YEAR = ["{m}月", "{m}月末", "{m}月底", "{m}月份", "1-{m}月", "截至{m}月末"]


@settings(max_examples=400, deadline=None)
@given(_YEARS, _MONTHS, st.sampled_from(_WITH_YEAR + _PERIODS + _NO_YEAR), st.none() | _YEARS)
def test_every_chinese_month_form_is_the_months_end(year: int, month: int, form: str, titled: int | None) -> None:
    """``2025年8月末``, ``2025年8月底``, ``2025年1-8月`` (a 1—N月 period: its last month), with
    any dash, and ``25年8月`` (the year's last two digits), are the month's end; a form without a year takes the sheet's (``titled``), and
    is refused without one. A year written in the cell wins over the title's: the two are
    checked against each other by the import, not here."""
    text = form.format(y=year, yy=year % 100, m=month)
    if form in _NO_YEAR:
        if titled is None:
            with pytest.raises(
                ValueError, match=rf"names no year, and nor does the sheet's title; .* YYYY-{month:02d}$"
            ):
                sheet_date(text, None, titled)
        else:
            assert sheet_date(text, None, titled) == month_end(titled, month)
    else:
        assert sheet_date(text, None, titled) == month_end(year, month)


@pytest.mark.parametrize(
    "text",
    ["2025年13月末", "2025年0月", "2025年3-8月", "2025年2-8月末", "125年8月", "8月31", "2025年", "2025年8月32日"],
)
def test_what_is_no_month_end_is_refused(text: str) -> None:
    """A month 13, a period that does not start in January (3—8月 is no year-to-date period),
    a three-digit year, a day 32: refused, never read as something near."""
    with pytest.raises(ValueError):
        sheet_date(text, None, 2025)


@pytest.mark.parametrize(
    "typed",
    [
        "2025年8月末",
        "2025年1-8月",
        "2025年1—8月",
        "2025年8月底",
        "2025年8月",
        "2025.8",
        "2025.08",
        "8月末",
        "8月",
        "25年8月",
    ],
)
@pytest.mark.parametrize("write", [_csv, _xlsx])
def test_bureau_date_cells_in_csv_and_workbook_text(workdir: Path, write: Any, typed: str) -> None:
    """The trial's p0, p3, p4, p6, p7: each form in the date column of a CSV and of a workbook's text
    cell gives 1-8月累计 842.7 亿元 as of 2025-08-31; ``8月末`` takes the title's 2025."""
    done = run("import", write(workdir, typed, title="临平经开区2025年主要经济指标"))
    assert done.exit_code == 0, done.stderr
    assert entries() == [("industrial-output", "2025-08-31", 842.7)]


def test_a_month_without_a_year_anywhere_is_refused_in_one_line(workdir: Path) -> None:
    refused = run("import", _csv(workdir, "8月末"))
    assert refused.exit_code == 1
    assert refused.stderr == (
        "error: m.csv: row 2: column '日期' (C2): '8月末' names no year, and nor does the sheet's title; write it "
        "with its year, YYYY-08\n"
    )


def test_a_period_not_from_january_is_refused(workdir: Path) -> None:
    refused = run("import", _csv(workdir, "2025年3-8月"))
    assert refused.stderr == (
        "error: m.csv: row 2: column '日期' (C2): '2025年3-8月' is a period from month 3, not from January; write "
        "the as-of date, 2025-08\n"
    )


def test_a_month_end_against_the_header_month_is_still_checked(workdir: Path) -> None:
    """2025年9月末 beside 1-8月累计: August's running total is not filed as September's."""
    refused = run("import", _csv(workdir, "2025年9月末"))
    assert refused.stderr == (
        "error: m.csv: row 2: the date column (C2) says 2025-09 but column '1-8月累计(亿元)' (B) is for month 8; which is "
        "it? correct the date or the sheet\n"
    )


# ---- where the date was read, in --dry-run --------------------------------------------------


def _book(folder: Path, rows: list[list[object]]) -> str:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(folder / "d.xlsx")
    return "d.xlsx"


_ROW = ["规模以上工业总产值", 842.7]


@pytest.mark.parametrize(
    ("rows", "args", "said"),
    [
        ([["指标名称", "2025年1-8月累计(亿元)"], _ROW], [], "the header '2025年1-8月累计(亿元)' (B)"),
        (  # the figure's own header, not the month's beside it
            [["指标名称", "2025年8月(亿元)", "2025年1-8月(亿元)"], [_ROW[0], 112.4, 842.7]],
            [],
            "the header '2025年1-8月(亿元)' (C)",
        ),
        ([["2025年1-8月主要指标"], ["指标名称", "1-8月累计(亿元)"], _ROW], [], "the title '2025年1-8月主要指标'"),
        ([["主要指标", None, "2025年8月"], ["指标名称", "1-8月累计(亿元)"], _ROW], [], "cell C1"),
        ([["单位：亿元　　2025年8月"], ["指标名称", "1-8月累计"], _ROW], [], "cell A1"),
        ([["指标名称", "1-8月累计(亿元)"], _ROW], ["--date", "2025-08"], "--date"),
        ([["指标名称", "1-8月累计(亿元)", "日期"], [*_ROW, "2025-08"]], [], "the date column"),
        (
            [["临平经开区2025年主要指标"], ["指标名称", "1-8月累计(亿元)", "日期"], [*_ROW, "8月末"]],
            [],
            "the date column's month and the year in the title '临平经开区2025年主要指标'",
        ),
        (
            [["临平经开区2025年主要指标"], ["指标名称", "1-8月累计(亿元)"], _ROW],
            [],
            "the title's year and the header's month",
        ),
    ],
)
def test_dry_run_says_where_each_date_was_read(workdir: Path, rows: list[list[object]], args: list[str],
                                               said: str) -> None:  # fmt: skip
    """The trial's item: a header's own year (2025年1-8月累计) dated the rows, and --dry-run said
    "--date". Each source says its own: the header, the title, a date cell, the 单位 line's
    cell, --date, the date column (with the title's year for a month alone)."""
    shown = run("import", _book(workdir, rows), "--dry-run", *args)
    assert shown.exit_code == 0, shown.stderr
    line = shown.stdout.splitlines()[0]
    assert line.startswith("row ") and " as of 2025-08-31 — " in line
    assert f"; date: {said}; target: " in line


def test_a_header_year_against_another_month_names_the_header(workdir: Path) -> None:
    """A 2025年1-8月累计 column beside a 7月 one: the date the header gives is named as the
    header's, never as --date, which was not given."""
    name = _book(workdir, [["指标名称", "2025年1-8月累计(亿元)", "7月(亿元)"], [*_ROW, 112.4]])
    refused = run("import", name)
    assert refused.exit_code == 1
    assert refused.stderr == (
        "error: d.xlsx: column '7月(亿元)' (C) is for month 7 but the header '2025年1-8月累计(亿元)' (B) says 2025-08; "
        "which is it? correct the sheet\n"
    )
