"""Months in Chinese numerals (八月, 十一月, 二〇二五年十二月) read alike in a date column and a
title: one reading of month words, :func:`ledger.header_words.digit_months`, serves both."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.dates import month_end
from ledger.header_words import digit_months
from ledger.sheet_dates import sheet_date, year_to_date_months

NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
YEARS = {2024: "二〇二四", 2025: "二〇二五", 2026: "二零二六"}


@given(
    st.integers(1, 12),
    st.sampled_from(sorted(YEARS)),
    st.sampled_from(["{y}年{m}月", "{y}年{m}月末", "{y}年{m}月底", "{y}年{m}月份", "截至{y}年{m}月末", "{Y}年{m}月"]),
)
def test_a_month_in_chinese_numerals_is_the_months_end(month: int, year: int, form: str) -> None:
    text = form.format(y=year, Y=YEARS[year], m=NUMERALS[month - 1])
    assert sheet_date(text, None) == month_end(year, month)
    assert sheet_date(form.format(y=year, Y=YEARS[year], m=month), None) == month_end(year, month)  # as digits


@given(st.integers(2, 12))
def test_a_year_to_date_period_in_numerals_is_read_as_in_digits(month: int) -> None:
    assert year_to_date_months(f"2025年一至{NUMERALS[month - 1]}月") == month
    assert year_to_date_months(f"{NUMERALS[month - 1]}月末") is None  # a month: the as-of date


def test_the_title_and_the_date_column_read_one_way() -> None:
    assert digit_months("临平经开区二〇二五年十一月主要经济指标") == "临平经开区2025年11月主要经济指标"
    assert digit_months("统一月报") == "统一月报"  # no month in it
    assert sheet_date("十二月", None, 2025) == date(2025, 12, 31)  # the title's year


def test_a_date_column_of_2025年八月_imports_as_the_title_does(workdir: Path, runner: CliRunner) -> None:
    (workdir / "col.csv").write_text(
        "指标名称,1-8月累计,截至日期\n规模以上工业总产值,842.7,2025年八月\n", encoding="utf-8"
    )
    (workdir / "title.csv").write_text(
        "临平经开区二〇二五年八月主要经济指标\n指标名称,1-8月累计\n规模以上工业总产值,842.7\n", encoding="utf-8"
    )
    for name, row in (("col.csv", 2), ("title.csv", 3)):
        result = runner.invoke(app, ["import", name, "--dry-run"])
        assert result.exit_code == 0, result.output
        assert result.output.startswith(f"row {row}: industrial-output = 842.7 亿元 as of 2025-08-31")
