"""A workbook's sheet named for a period (the n19 trial's c16): offices copy last month's tab, rename
it ``1-8月`` and type August's figures, leaving the title ``2025年1-7月``. Dated by the title, August's
842.7 became July's running total and replaced July's 730.3, and ``check`` passed. A sheet's name
and its title that name different months are refused naming both, unless ``--date`` says which; a
name naming the period over a title naming none dates the sheet."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.sheet_title import tab_period
from tests.helpers import exported

_ROWS = [
    ["单位：亿元"],
    ["指标名称", "累计", "同比增长%"],
    ["规模以上工业总产值", 842.7, 6.1],
    ["规模以上工业增加值", None, 5.8],
]


def _book(path: Path, tab: str, title: str | None) -> str:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = tab
    for row in ([[title]] if title else []) + _ROWS:
        sheet.append(row)
    book.save(path)
    return path.name


def test_c16_a_tab_and_a_copied_title_naming_two_months_are_refused(runner: CliRunner, workdir: Path) -> None:
    for value, month in (("628.32", "2025-06"), ("730.3", "2025-07")):
        assert runner.invoke(app, ["record", "industrial-output", value, "--date", month]).exit_code == 0
    name = _book(workdir / "sheet.xlsx", "1-8月", "临平经开区2025年1-7月主要经济指标")
    result = runner.invoke(app, ["import", name])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: sheet.xlsx: sheet '1-8月' names 1—8月 but the title '临平经开区2025年1-7月主要经济指标' says 1—7月; "
        "which is it? correct the title, or give --date 2025-08 if the sheet's name is right (--date 2025-07 if the "
        "title is)"
    ]
    assert [e[1:3] for e in exported(runner)] == [("2025-06-30", 628.32), ("2025-07-31", 730.3)]
    # the fix it names: --date 2025-08 reads the sheet's name, the title passed over
    result = runner.invoke(app, ["import", name, "--date", "2025-08"])
    assert result.exit_code == 0, result.output
    assert exported(runner)[2:] == [
        ("industrial-output", "2025-08-31", 842.7, "亿元"),
        ("value-added-growth", "2025-08-31", 5.8, "%"),
    ]


def test_date_naming_the_titles_month_reads_the_title(runner: CliRunner, workdir: Path) -> None:
    name = _book(workdir / "sheet.xlsx", "1-8月", "临平经开区2025年1-7月主要经济指标")
    result = runner.invoke(app, ["import", name, "--date", "2025-07"])
    assert result.exit_code == 0, result.output
    assert [e[1] for e in exported(runner)] == ["2025-07-31", "2025-07-31"]
    assert runner.invoke(app, ["import", name, "--date", "2025-06", "--dry-run"]).exit_code == 1


def test_a_tab_naming_the_period_dates_a_sheet_whose_title_names_none(runner: CliRunner, workdir: Path) -> None:
    for tab, title in (("2025年8月", "临平经开区主要经济指标"), ("8月", "临平经开区2025年主要经济指标"),
                       ("二〇二五年八月", None), ("1-8月", "临平经开区2025年主要经济指标")):  # fmt: skip
        (workdir / "progress.toml").unlink(missing_ok=True)
        result = runner.invoke(app, ["import", _book(workdir / "s.xlsx", tab, title)])
        assert result.exit_code == 0, (tab, result.output)
        assert [e[1:3] for e in exported(runner)] == [("2025-08-31", 842.7), ("2025-08-31", 5.8)], tab


def test_a_tab_naming_a_month_without_a_year_asks_for_the_year(runner: CliRunner, workdir: Path) -> None:
    result = runner.invoke(app, ["import", _book(workdir / "s.xlsx", "1-8月", None)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: s.xlsx: the sheet's name '1-8月' is for month 8, but nothing says which year (no date column, no year "
        "in the title); give --date 2025-08"
    ]


def test_names_that_are_no_period_say_nothing() -> None:
    for name in ("Sheet1", "数据", "8月进度表", "表1-8", "2025.1", "3月份起口径调整", "13月", "8-3月", "2025"):
        assert tab_period(name) is None, name


@given(
    st.sampled_from(["", "2025年", "2025 年"]),
    st.sampled_from(["", "1-", "1至", "1—", "1月-", "1月至", "1‐", "1―", "1〜", "1~", "1到"]),
    st.integers(2, 12),
    st.sampled_from(["月", "月份", "月数据", "月快报"]),
)
def test_every_way_a_sheet_is_named_for_its_period_is_read(year: str, span: str, last: int, word: str) -> None:
    found = tab_period(f"{year}{span}{last}{word}")
    assert found is not None
    assert (found.year, found.first, found.last) == (2025 if year else None, 1 if span else None, last)


@given(st.integers(2, 12), st.integers(2, 12), st.sampled_from(["{}月", "1-{}月", "2025年{}月", "2025年1-{}月"]))
def test_a_tab_and_a_title_of_different_months_are_never_read_either_way(tab: int, title: int, form: str) -> None:
    from ledger.sheet_title import _above
    from ledger.sheets import Grid
    from ledger.table import LayoutError

    rows = [(1, {1: f"临平经开区2025年1-{title}月主要经济指标"})]
    grid = Grid("s.xlsx", rows, sheet=form.format(tab), sheets=(form.format(tab),))
    if tab == title:
        assert _above(grid, rows).period is not None
        return
    try:
        _above(grid, rows)
    except LayoutError as e:
        assert f"names 1—{title}月" not in str(e) and f"says 1—{title}月" in str(e)
    else:
        raise AssertionError(f"{form.format(tab)} over 1-{title}月 was read")
    for chosen in (tab, title):
        stated = _above(grid, rows, chosen)  # --date's month says which
        assert (stated.period.month if stated.period else stated.month[0]) == chosen  # type: ignore[index]
        assert 2025 in ({stated.period.year} if stated.period else set(stated.years))


@given(st.text(st.sampled_from("工业总产值（万元）1-8月'\"\\ ,；①*ab"), min_size=1, max_size=12))
def test_the_dates_new_forms_are_said_in_chinese(text: str) -> None:
    """The sheet's name, a 报告期 line, a row's own period and the whole year, as ``--dry-run`` says
    where a date was read, come out in Chinese with the text they quote."""
    from ledger.render.readings_text import said

    assert said(f"the sheet's name {text!r}") == f"工作表名“{text}”"
    assert said(f"the 报告期 line {text!r}") == f"报告期行“{text}”"
    assert (
        said(f"the note {text!r} (A5), not the sheet's 2025-08-31")
        == f"表下注释“{text}”（A5）（而非表格的 2025-08-31）"
    )
    assert said(f"its name {text!r}, not the sheet's 2025-08-31") == f"本行名称“{text}”（而非表格的 2025-08-31）"
    assert (
        said(f"the month in the sheet's name {text!r} and the year in the title {text!r}")
        == f"工作表名“{text}”中的月份和标题“{text}”中的年份"
    )
    assert (
        said(f"the header {text!r} (the whole year) and the year in the title {text!r}")
        == f"表头“{text}”（全年）和标题“{text}”中的年份"
    )


_SPACE_TITLE = "临平经开区2025年新增创新空间面积台账"


def _dated_book(path: Path, tab: str, days: list[date]) -> str:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = tab
    for row in [[_SPACE_TITLE], ["指标名称", "日期", "新增面积"]]:
        sheet.append(row)
    for i, day in enumerate(days, 1):
        sheet.append(["新增创新空间面积", day, round(0.1 * i, 1)])
    book.save(path)
    return path.name


@pytest.mark.parametrize(
    ("tab", "days"),
    [("8月", [date(2025, 8, 5), date(2025, 8, 12)]), ("8月", [date(2025, 7, 28), date(2025, 8, 12)]),
     ("2025年8月", [date(2025, 7, 28), date(2025, 8, 12)]),
     ("1-8月", [date(2025, m, 28) for m in range(1, 9)])],
)  # fmt: skip
def test_a_tab_never_dates_rows_that_carry_their_own(
    runner: CliRunner, workdir: Path, tab: str, days: list[date]
) -> None:
    result = runner.invoke(app, ["import", _dated_book(workdir / "d.xlsx", tab, days)])
    assert result.exit_code == 0, result.output
    assert exported(runner) == [
        ("innovation-space", f"{d:%Y-%m-%d}", round(0.1 * i, 1), "万平方米") for i, d in enumerate(days, 1)
    ]


def test_a_sheet_of_dated_rows_renamed_for_its_month_is_the_same_rows(runner: CliRunner, workdir: Path) -> None:
    """The rows a sheet named Sheet1 gave, renamed 8月, are the same rows of the same days: told as
    the file imported before, not taken for new ones of 08-31."""
    days = [date(2025, 8, 5), date(2025, 8, 12)]
    assert runner.invoke(app, ["import", _dated_book(workdir / "d.xlsx", "Sheet1", days)]).exit_code == 0
    before = exported(runner)
    result = runner.invoke(app, ["import", _dated_book(workdir / "d.xlsx", "8月", days)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(
        "error: d.xlsx: row 3: innovation-space 0.1 万平方米 as of 2025-08-05 is already in the ledger as entry "
    )
    assert lines[1].startswith(
        "error: d.xlsx: row 4: innovation-space 0.2 万平方米 as of 2025-08-12 is already in the ledger as entry "
    )
    assert lines[1].endswith("was this file imported before? its additions are counted already")
    assert exported(runner) == before


@given(
    st.sampled_from(["{m}月", "{m}月份", "2025年{m}月", "1-{m}月", "2025年1-{m}月", "2025.{m}"]),
    st.integers(2, 12),
    st.lists(st.integers(1, 28), min_size=1, max_size=3),
)
def test_every_tab_over_a_date_column_leaves_the_rows_dates(form: str, last: int, days: list[int]) -> None:
    from ledger.sheet_title import _above
    from ledger.sheets import Grid

    rows = [(1, {1: _SPACE_TITLE})]
    tab = form.format(m=last)
    stated = _above(Grid("s.xlsx", rows, sheet=tab, sheets=(tab,)), rows, dated_rows=True)
    assert (stated.period, stated.month, stated.running, stated.part) == (None, None, None, None), tab
