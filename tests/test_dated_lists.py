"""A dated running list (台账) under a title naming its span (the n20 trial's c07): rows with their own days
(2025-03-15, 06-20, 08-10) under ``2025年1-8月新增创新空间台账`` or ``…台账（截至2025年8月底）`` were each refused
as "a 1—8月 running total, as the title says", and the refusal suggested ``kind = "total"``, which would
have read every addition as a running total. A row dated a day before the span's end cannot hold the span's
running total: the rows are one addition each, dated by their cells. A month or a month's end in the date
column, or a date column headed 截至日期, is an as-of date, and the title's span stands."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger.dates import month_end
from ledger.importing import read_table
from tests.helpers import INCREMENT_FIX, exported, import_text

_LIST = (
    "指标名称,载体名称,日期,新增面积（平方米）\n新增创新空间面积,东湖孵化园,2025-03-15,3000\n"
    "新增创新空间面积,临平科创中心,2025-06-20,5000\n新增创新空间面积,未来园,2025-08-10,2000\n"
)
_TITLES = ["临平经开区2025年1-8月新增创新空间台账", "临平经开区新增创新空间台账（截至2025年8月底）"]


def test_c07_a_dated_list_under_its_span_imports_each_addition(runner: CliRunner, workdir: Path) -> None:
    for n, title in enumerate(_TITLES):
        result = import_text(runner, workdir, f"l{n}.csv", f"{title}\n{_LIST}", "--dry-run")
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines()[0] == (
            "row 3: innovation-space = 3000 平方米 as of 2025-03-15 — figure: column '新增面积（平方米）' (D3); unit: the "
            "header of '新增面积（平方米）'; date: the date column; target: name in column '指标名称' (A3)"
        )
    result = import_text(runner, workdir, "l.csv", f"{_TITLES[0]}\n{_LIST}")
    assert result.exit_code == 0, result.output
    assert exported(runner) == [
        ("innovation-space", "2025-03-15", 3000, "平方米"),
        ("innovation-space", "2025-06-20", 5000, "平方米"),
        ("innovation-space", "2025-08-10", 2000, "平方米"),
    ]


def test_an_as_of_date_keeps_the_titles_span(runner: CliRunner, workdir: Path) -> None:
    """截至日期 2025-08-15, or a month's end in the date column: the figure may be the year so far to it."""
    for header, day in (("截至日期", "2025-08-15"), ("日期", "2025-08-31"), ("日期", "2025-08"), ("日期", "2025年7月")):
        text = f"{_TITLES[0]}\n指标名称,{header},新增面积（平方米）\n新增创新空间面积,{day},12000\n"
        result = import_text(runner, workdir, "a.csv", text)
        assert result.exit_code == 1, (header, day, result.output)
        assert "a 1—8月 running total, as the title says" in result.stderr, (header, day)
        assert result.stderr.endswith(INCREMENT_FIX), (header, day)
    assert exported(runner) == []


_DAYS = st.dates(date(2025, 1, 1), date(2025, 8, 30)).filter(lambda d: d != month_end(d.year, d.month))


@given(st.sampled_from(_TITLES), st.lists(_DAYS, min_size=1, max_size=4))
def test_each_row_of_a_dated_list_keeps_its_day(title: str, days: list[date]) -> None:
    rows = "".join(f"新增创新空间面积,{d.isoformat()},{i + 1}\n" for i, d in enumerate(days))
    table = read_table("l.csv", f"{title}\n指标名称,日期,新增面积（平方米）\n{rows}".encode(), "csv")
    assert table.period is None  # the rows' days date them
    assert not table.by_field["value"].running_total


@given(st.sampled_from(_TITLES), st.sampled_from(["截至日期", "截止日期"]), _DAYS)
def test_an_as_of_column_is_never_a_dated_list(title: str, header: str, day: date) -> None:
    table = read_table("l.csv", f"{title}\n指标名称,{header},新增\n新增创新空间面积,{day},1\n".encode(), "csv")
    assert table.by_field["value"].running_total


@given(st.integers(1, 8))
def test_month_ends_say_nothing_of_a_list(month: int) -> None:
    end = month_end(2025, month)
    rows = f"新增创新空间面积,{end},1\n新增创新空间面积,{end:%Y-%m},2\n"
    table = read_table("l.csv", f"{_TITLES[0]}\n指标名称,日期,新增\n{rows}".encode(), "csv")
    assert table.by_field["value"].running_total and table.period == date(2025, 8, 31)
