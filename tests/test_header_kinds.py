"""What a column's header says it holds, by kind of header (issue 14, the n5 trial): another
year's column is for comparison and never offered as the figure; words of the year so far are
a running total, of the month its own; 累计增速 is the year's growth wherever it stands; a goal
with a year is a goal; a 完成情况 with a period is a figure; a unit is never left unread."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger import load_plan
from ledger.column_kinds import describe
from ledger.layout import read_table
from ledger.readings import Outcome
from ledger.sheets import Grid
from ledger.table import LayoutError
from ledger.table_rows import rows_to_entries
from tests.conftest import SHIPPED_PLAN
from tests.helpers import INCREMENT_FIX, RECORDED, exported, import_text

PLAN = load_plan(SHIPPED_PLAN)


def _table(rows: list[tuple[int, dict[int, Any]]]) -> Any:
    return read_table(Grid("g.xlsx", rows, (), "S", ("S",)))


def _outcome(rows: list[tuple[int, dict[int, Any]]]) -> Outcome:
    return rows_to_entries(PLAN, _table(rows), existing=[], default_date=None, recorded=RECORDED, by="t",
                           spreadsheet=True)  # fmt: skip


# --- 1. a column of another year than the sheet's ---------------------------------------------

OTHER_YEAR = st.sampled_from(["{y}年累计", "{y}年1-8月累计", "{y}年1-8月", "{y}年完成", "上年累计", "上年同期",
                              "去年同期", "去年同期累计", "1-8月上年同期"])  # fmt: skip
THIS_YEAR = st.sampled_from(["本年累计", "1-8月累计", "2025年累计", "2025年1-8月累计", "累计", "今年以来累计"])


@given(OTHER_YEAR, st.integers(2015, 2024), THIS_YEAR, st.booleans(), st.booleans())
def test_another_years_column_is_never_the_figure(other: str, year: int, this: str, first: bool, titled: bool) -> None:
    """Whatever the order, and whether or not the title names the year (a header naming none is
    the sheet's), 842.7 under this year's header is the figure and 801.5 under the other's never is."""
    old = other.format(y=year)
    headers, figures = ([old, this], [Decimal("801.5"), Decimal("842.7")])
    if not first:
        headers, figures = headers[::-1], figures[::-1]
    title = "临平经开区2025年1-8月主要经济指标" if titled else "临平经开区主要经济指标"
    rows = [
        (1, {1: title}),
        (2, {1: "指标名称", 2: "单位", 3: headers[0], 4: headers[1]}),
        (3, {1: "工业总产值", 2: "亿元", 3: figures[0], 4: figures[1]}),
    ]
    table = _table(rows)
    assert table.by_field["value"].label == this
    unused = next(c for c in table.columns if c.label == old)
    assert unused.field is None
    assert unused.why is not None and "for comparison" in unused.why
    if titled:
        out = _outcome(rows)
        assert out.problems == []
        assert [(str(e.date), e.value) for e in out.entries] == [("2025-08-31", Decimal("842.7"))]


def test_last_years_column_is_passed_over_and_no_hint_offers_it(runner: CliRunner, workdir: Path) -> None:
    """The trial's case 10: ``2024年累计 | 本年累计`` under a 2025 title imports 842.7 as sent;
    the old first hint (keep 2024年累计) recorded 2024's 801.5 as 2025's."""
    sheet = "临平经开区2025年1-8月主要经济指标\n单位：亿元\n指标名称,2024年累计,本年累计,增长%\n规模以上工业总产值,801.5,842.7,5.1\n"
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "note: s.csv: columns not used: 2024年累计 (2024's figure, not 2025's, for comparison)\n"
    assert exported(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]


def test_last_years_column_mapped_as_the_figure_is_refused(runner: CliRunner, workdir: Path) -> None:
    sheet = (
        "临平经开区2025年1-8月主要经济指标\n单位：亿元\n指标名称,2024年累计,本年累计\n规模以上工业总产值,801.5,842.7\n"
    )
    result = import_text(runner, workdir, "s.csv", sheet, "--map", "2024年累计=value", "--map", "本年累计=ignore")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: s.csv: column '2024年累计' (B) is for 2024, but the title '临平经开区2025年1-8月主要经济指标' says 2025: "
        "it is there for comparison, never 2025's figure; map the column of 2025 instead, or correct the sheet\n"
    )
    assert not (workdir / "progress.toml").exists()


def test_last_years_column_alone_is_refused_as_no_figure(runner: CliRunner, workdir: Path) -> None:
    """Before: 801.5 under a lone 2024年累计 was filed as 2025's 1—8月."""
    sheet = "临平经开区2025年1-8月主要经济指标\n单位：亿元\n指标名称,2024年累计\n规模以上工业总产值,801.5\n"
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "error: s.csv: no row has a figure: '2024年累计' (B) is 2024's figure, not 2025's, for comparison; add the "
        "column of figures (1—N月累计, or 同比增长% for a rate), or record them with `tracker record`"
    )


# --- 2. words of the year so far, and of the month ----------------------------------------------

SO_FAR = [
    "截至目前新增",
    "截止目前新增",
    "年内新增",
    "已完成",
    "已新增",
    "本年已新增",
    "今年以来新增",
    "截至目前新增面积",
]
THIS_MONTH = ["本月新增面积（平方米）", "当月新增面积", "本月新增", "当月新增", "本月新增（平方米）"]


@given(st.sampled_from(SO_FAR), st.sampled_from(["", "（万平方米）", "(亿元)"]))
def test_year_so_far_words_are_a_running_total(header: str, unit: str) -> None:
    col = describe(header + unit)
    assert (col.field, col.running_total) == ("value", True)


@given(st.sampled_from(THIS_MONTH))
def test_this_months_words_are_the_months_own(header: str) -> None:
    col = describe(header)
    assert (col.field, col.running_total) == ("month_value", False)


@pytest.mark.parametrize("header", SO_FAR)
def test_a_year_so_far_addition_is_refused_for_an_increment(header: str, runner: CliRunner, workdir: Path) -> None:
    """Before: "not understood", with a --map hint that added the year's 8.0 as August's."""
    sheet = f"临平经开区科技局2025年8月重点任务推进情况\n指标名称,{header}\n新增创新空间面积,8.0\n"
    result = import_text(runner, workdir, "a.csv", sheet)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: a.csv: row 3: innovation-space adds up its entries (kind increment), but 8.0 is under {header!r}, "
        "a running total" + INCREMENT_FIX
    )


def test_a_year_so_far_mapped_as_the_figure_says_no_month_it_does_not_know(runner: CliRunner, workdir: Path) -> None:
    """本年已新增 under a 2025年8月 title: the message said 'a 1—None月 running total'."""
    sheet = "临平经开区科技局2025年8月重点任务推进情况\n指标名称,本年已新增\n新增创新空间面积,8.0\n"
    result = import_text(runner, workdir, "b.csv", sheet, "--map", "本年已新增=value")
    assert result.exit_code == 1
    assert "None" not in result.stderr
    assert "but 8.0 is under '本年已新增', a running total;" in result.stderr


def test_a_year_so_far_is_a_totals_running_total(runner: CliRunner, workdir: Path) -> None:
    sheet = "临平经开区2025年8月主要经济指标\n单位：亿元\n指标名称,已完成\n规模以上工业总产值,842.7\n"
    result = import_text(runner, workdir, "t.csv", sheet)
    assert result.exit_code == 0, result.stderr
    assert exported(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]


def test_this_months_addition_in_square_metres_adds(runner: CliRunner, workdir: Path) -> None:
    sheet = "临平经开区科技局2025年8月创新空间建设情况\n指标名称,本月新增面积（平方米）\n新增创新空间面积,8000\n"
    result = import_text(runner, workdir, "m.csv", sheet)
    assert result.exit_code == 0, result.stderr
    assert exported(runner) == [("innovation-space", "2025-08-31", 8000, "平方米")]


def test_a_header_not_understood_offers_an_increment_only_the_months_own(runner: CliRunner, workdir: Path) -> None:
    """--map 'X=value' would add a year-so-far figure as the month's: for an increment the hint
    offers the 本月 reading and asks for a 1—N月累计 header otherwise."""
    sheet = "临平经开区科技局2025年8月重点任务推进情况\n指标名称,截至今日数\n新增创新空间面积,8.0\n"
    result = import_text(runner, workdir, "u.csv", sheet)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "error: u.csv: no row has a figure in a column tracker understands (column '截至今日数' (B) not understood); "
        "if it holds each month's own addition, import with --map '截至今日数=month_value'; if it holds the year so "
        "far, head it 1—N月累计 (an increment takes the month's own figure)"
    )


# --- 3. the year's growth beside the month's ---------------------------------------------------

YTD_GROWTH = [
    "累计增速（%）",
    "累计增长（%）",
    "累计增速",
    "累计增长%",
    "本年增速（%）",
    "今年以来增长（%）",
    "1-8月增速（%）",
]


@given(st.sampled_from(YTD_GROWTH), st.sampled_from(["本月增速（%）", "当月增速（%）", "本月增长%"]), st.booleans())
def test_year_to_date_growth_is_the_growth_beside_a_months_figure(ytd: str, month: str, ytd_first: bool) -> None:
    """``累计 | 本月 | 累计增速 | 本月增速`` (or the month's pair first): 5.8 under the year's growth
    is value-added-growth's figure; the month's 6.9 is not used."""
    pairs = [("累计（万元）", 2149000, ytd, Decimal("5.8")), ("本月（万元）", 273000, month, Decimal("6.9"))]
    if not ytd_first:
        pairs = pairs[::-1]
    heads = [pairs[0][0], pairs[1][0], pairs[0][2], pairs[1][2]]
    cells = [pairs[0][1], pairs[1][1], pairs[0][3], pairs[1][3]]
    rows = [
        (1, {1: "临平经开区2025年8月主要指标完成情况"}),
        (2, {1: "指标"} | {2 + i: h for i, h in enumerate(heads)}),
        (3, {1: "规模以上工业增加值"} | {2 + i: v for i, v in enumerate(cells)}),
    ]
    table = _table(rows)
    assert table.by_field["growth"].label == ytd
    out = _outcome(rows)
    assert out.problems == []
    assert [(e.target, str(e.date), e.value) for e in out.entries] == [
        ("value-added-growth", "2025-08-31", Decimal("5.8"))
    ]


@pytest.mark.parametrize("ytd_first", [True, False])
def test_year_to_date_growth_under_a_merged_two_row_header(ytd_first: bool) -> None:
    """``累计`` and ``本月`` each merged over ``绝对值（万元） | 增速（%）``: '累计 增速（%）' is the year's."""
    groups = ["累计", "本月"] if ytd_first else ["本月", "累计"]
    figures = {"累计": (2149000, Decimal("5.8")), "本月": (273000, Decimal("6.9"))}
    rows = [
        (1, {1: "临平经开区2025年8月主要指标完成情况"}),
        (2, {1: "指标", 2: groups[0], 4: groups[1]}),
        (3, {2: "绝对值（万元）", 3: "增速（%）", 4: "绝对值（万元）", 5: "增速（%）"}),
        (4, {1: "规模以上工业增加值", 2: figures[groups[0]][0], 3: figures[groups[0]][1], 4: figures[groups[1]][0],
             5: figures[groups[1]][1]}),
    ]  # fmt: skip
    grid = Grid("g.xlsx", rows, ((2, 1, 3, 1), (2, 2, 2, 3), (2, 4, 2, 5)), "S", ("S",))
    table = read_table(grid)
    assert table.by_field["growth"].label == "累计 增速（%）"
    out = rows_to_entries(PLAN, table, existing=[], default_date=None, recorded=RECORDED, by="t", spreadsheet=True)
    assert out.problems == []
    assert [(e.target, e.value) for e in out.entries] == [("value-added-growth", Decimal("5.8"))]


def test_a_rates_month_growth_left_unrecorded_is_refused(runner: CliRunner, workdir: Path) -> None:
    """Before: with the rate's own name and only 本月增速 filled, the import succeeded and the
    rate went unrecorded without a word."""
    sheet = (
        "临平经开区2025年8月主要指标完成情况\n指标,累计（万元）,本月（万元）,本月增速（%）\n"
        "规上工业总产值,8427000,1071000,6.3\n工业增加值增速,,,6.9\n"
    )
    result = import_text(runner, workdir, "f.csv", sheet)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "error: f.csv: row 4: value-added-growth is a rate, whose figure is its year-to-date growth, but the row's "
        "only figure is 6.9 under '本月增速（%）' (D4), a single month's growth, not year-to-date, which is not "
        "recorded; add the 1-8月同比增长% column (or 累计增速), or record it with `tracker record value-added-growth "
        "GROWTH`"
    )
    assert not (workdir / "progress.toml").exists()


# --- 4. a goal with a year ---------------------------------------------------------------------


@given(st.sampled_from(["{y}年目标", "{y}年度目标", "{y}年度目标任务", "年目标", "{y}年任务", "{y}年目标（亿元）"]),
       st.integers(2024, 2026))  # fmt: skip
def test_a_goal_with_a_year_is_the_goal(header: str, year: int) -> None:
    col = describe(header.format(y=year))
    assert (col.field, col.why) == (None, "the year's goal, not a figure")


def test_a_2025_goal_beside_the_names_is_passed_over(runner: CliRunner, workdir: Path) -> None:
    sheet = (
        "临平经开区2025年1-8月主要经济指标完成情况\n单位：亿元\n指标名称,2025年目标,1-8月完成,完成率%\n"
        "规模以上工业总产值,1360,842.7,62.0\n"
    )
    result = import_text(runner, workdir, "g.csv", sheet)
    assert result.exit_code == 0, result.stderr
    assert exported(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]


# --- 5. 完成情况 with a period, and units said where they are not read ----------------------------


@given(
    st.sampled_from(["完成情况（{n}月）", "{n}月完成情况", "完成情况(1-{n}月)", "1-{n}月完成情况"]), st.integers(2, 12)
)
def test_a_completion_with_a_period_is_a_figure(form: str, n: int) -> None:
    col = describe(form.format(n=n))
    assert col.months == n
    assert col.field == ("value" if "1-" in form else "month_value")


def test_completion_of_the_year_so_far_imports(runner: CliRunner, workdir: Path) -> None:
    sheet = "临平经开区2025年主要经济指标\n单位：亿元\n指标名称,完成情况（1-8月）\n规模以上工业总产值,842.7\n"
    result = import_text(runner, workdir, "c.csv", sheet)
    assert result.exit_code == 0, result.stderr
    assert exported(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]


@pytest.mark.parametrize("line", ["单位：万元", "注：本表金额单位为万元", "注：单位：万元", "单位：万"])
def test_a_unit_below_the_table_is_refused(line: str, runner: CliRunner, workdir: Path) -> None:
    """Before: 8427000 万元 filed as 8427000 亿元 (注：… passed over), or '单位：万元' read as a row."""
    sheet = f"临平经开区2025年1-8月主要经济指标\n指标名称,1-8月累计\n规模以上工业总产值,8427000\n{line}\n"
    result = import_text(runner, workdir, "u.csv", sheet)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: u.csv: {line!r} (A4) below the table states the unit, which is read only above it; move the line "
        "above the header (单位：万元), or give the unit in the header (1-8月累计（万元）) or a 单位 column\n"
    )


def test_a_unit_line_of_a_bare_multiplier_is_refused(runner: CliRunner, workdir: Path) -> None:
    sheet = "临平经开区2025年1-8月主要经济指标\n单位：万\n指标名称,1-8月累计\n规模以上工业总产值,8427000\n"
    result = import_text(runner, workdir, "w.csv", sheet)
    assert result.exit_code == 1
    assert result.stderr == (
        "error: w.csv: the unit line '单位：万' (A2) says 万 of no quantity; write the whole unit (万元, 万平方米…) there "
        "or in a 单位 column\n"
    )


def test_a_reporting_unit_is_no_unit_of_figures(runner: CliRunner, workdir: Path) -> None:
    """填报单位 is the office that filled the sheet in, above or below the table."""
    sheet = (
        "临平经开区2025年1-8月主要经济指标\n填报单位：经济发展局\n单位：亿元\n指标名称,1-8月累计\n规模以上工业总产值,842.7\n"
        "注：填报单位为各部门\n"
    )
    result = import_text(runner, workdir, "r.csv", sheet)
    assert result.exit_code == 0, result.stderr
    assert exported(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]


def test_layout_error_is_the_refusal_of_a_unit_below() -> None:
    rows = [
        (1, {1: "临平经开区2025年1-8月主要经济指标"}),
        (2, {1: "指标名称", 2: "1-8月累计"}),
        (3, {1: "工业总产值", 2: 8427000}),
        (4, {2: "单位：万元"}),
    ]
    with pytest.raises(LayoutError) as refused:
        _table(rows)
    assert "'单位：万元' (B4) below the table states the unit" in str(refused.value)


def test_a_figure_column_read_as_text_is_named(runner: CliRunner, workdir: Path) -> None:
    """A bare 完成情况 is a note: when no row then has a figure, the refusal says which column was
    read as text (it said "no row has a figure; nothing to import")."""
    sheet = "临平经开区2025年8月主要指标\n指标名称,完成情况\n新增创新空间面积,8\n"
    result = import_text(runner, workdir, "n.csv", sheet)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "error: n.csv: no row has a figure; columns read as text: '完成情况' (B) as note; if it holds each month's own "
        "addition, import with --map '完成情况=month_value'; if it holds the year so far, head it 1—N月累计 (an "
        "increment takes the month's own figure)"
    )
