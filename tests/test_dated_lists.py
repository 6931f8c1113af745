"""A dated running list (台账) under a title naming its span (the n20 trial's c07): rows with their own days
(2025-03-15, 06-20, 08-10) under ``2025年1-8月新增创新空间台账`` or ``…台账（截至2025年8月底）`` were each refused
as "a 1—8月 running total, as the title says", and the refusal suggested ``kind = "total"``, which would
have read every addition as a running total. A row dated a day before the span's end cannot hold the span's
running total: the rows are one addition each, dated by their cells. A month or a month's end in the date
column, or a date column headed 截至日期, is an as-of date, and the title's span stands.

A day in the span's last month is no evidence of a list either: it is the day the sheet was compiled
(2025-08-29 under 2025年1-8月, 2025-12-29 under 2025年1-12月), and its figure the running total as of the
span's end. Taking it for a list made a 1—8月 total of 32 万平方米 an addition of 08-29 on top of Jan–Jul's
28 (done 120 %), and dated a year's figure 12-29, so the year-end verdict found no period-end figure."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from hypothesis import assume, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
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


@given(st.sampled_from(_TITLES), st.lists(_DAYS, min_size=2, max_size=4, unique=True))
def test_each_row_of_a_dated_list_keeps_its_day(title: str, days: list[date]) -> None:
    assume(any(d.month < 8 for d in days))  # events on different days across the span's months
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


def test_a_compiled_day_in_the_last_month_is_the_running_totals_as_of_day(runner: CliRunner, workdir: Path) -> None:
    """2025年1-8月 with 日期 2025-08-29: the 1—8月 total, refused with August's own addition worked out."""
    for month in range(1, 8):
        result = runner.invoke(app, ["record", "innovation-space", "4", "--date", f"2025-{month:02d}"])
        assert result.exit_code == 0, result.output
    text = "2025年1-8月新增创新空间情况\n指标名称,新增面积（万平方米）,日期\n新增创新空间面积,32,2025-08-29\n"
    result = import_text(runner, workdir, "s.csv", text)
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "error: s.csv: row 3: innovation-space adds up its entries (kind increment), but 32 is under "
        "'新增面积（万平方米）', a 1—8月 running total, as the title says; the ledger's additions make 28 万平方米 "
        "through 2025-07, so 2025-08's own addition is 32 − 28 = 4 万平方米; record it instead of the running "
        "total: tracker record innovation-space 4 --date 2025-08, or give it in a 本月 column\n"
    )
    assert len(exported(runner)) == 7  # Jan–Jul's 4 each, nothing added


def test_a_month_cell_written_as_its_first_day_is_no_list(runner: CliRunner, workdir: Path) -> None:
    """An .xlsx 月份 cell 2025-08-01 under yyyy/m/d: August, the title's last month."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["临平经开区2025年1-8月创新空间建设情况"])
    ws.append(["指标名称", "新增面积（万平方米）", "月份"])
    ws.append(["新增创新空间面积", 32, datetime(2025, 8, 1)])
    ws["C3"].number_format = "yyyy/m/d"
    wb.save(workdir / "m.xlsx")
    result = runner.invoke(app, ["import", "m.xlsx", "--dry-run"])
    assert result.exit_code == 1, result.output
    assert "a 1—8月 running total, as the title says" in result.stderr
    assert result.stderr.endswith(INCREMENT_FIX)


def test_a_year_sheet_compiled_on_12_29_holds_the_years_figure(runner: CliRunner, workdir: Path) -> None:
    """2025年1-12月 dated 2025-12-29: the year's running total as of 12-31, so the year-end verdict counts it."""
    text = "2025年1-12月主要经济指标\n指标名称,完成值（亿元）,日期\n工业总产值,1300,2025-12-29\n"
    result = import_text(runner, workdir, "y.csv", text)
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("industrial-output", "2025-12-31", 1300, "亿元")]
    result = runner.invoke(app, ["check", "--fail-on", "behind", "--as-of", "2025-12-31"])
    assert result.exit_code == 3, result.output  # 1300 of 1360: short 60 at the year's end


_LAST_MONTH = st.dates(date(2025, 8, 1), date(2025, 8, 30))
_HEADERS = ["日期", "时间", "统计时间", "月份", "期间", "截至日期", "统计截止日期", "报送日期"]


@given(st.sampled_from(_TITLES), st.sampled_from(_HEADERS), st.lists(_LAST_MONTH, min_size=1, max_size=4))
def test_dates_all_in_the_last_month_are_never_a_list(title: str, header: str, days: list[date]) -> None:
    rows = "".join(f"新增创新空间面积,{d.isoformat()},{i + 1}\n" for i, d in enumerate(days))
    table = read_table("l.csv", f"{title}\n指标名称,{header},新增\n{rows}".encode(), "csv")
    assert table.by_field["value"].running_total and table.period == date(2025, 8, 31)


@given(st.sampled_from(["时间", "统计时间", "统计截止", "期间"]), st.lists(_DAYS, min_size=2, max_size=4, unique=True))
def test_an_as_of_header_is_never_a_list(header: str, days: list[date]) -> None:
    """Days across months under 统计时间: when the figures were counted, not events; never a list."""
    from ledger.dated_lists import dated_list
    from ledger.sheets import Row
    from ledger.table import Column

    col = Column(1, header, "date")
    rows = [Row(n + 3, {1: d.isoformat()}) for n, d in enumerate(days)]
    assert not dated_list(rows, col, "number", date(2025, 8, 31))
