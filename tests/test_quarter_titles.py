"""A bureau's quarterly sheet: a title naming the quarter (2025年三季度, 2025Q3) over columns that
name the year so far (1-9月累计, 前三季度, 累计) is the 1—9月 sheet, dated the quarter's end; the
new user's trial n6, case 5, had it refused whole ("covers 7—9月 alone … import the 1—9月
sheet").

The rule: a column naming the year so far holds what it says and the title's quarter only dates
the sheet; a growth column right of such a column is its growth, year to date; a column that
says nothing of its period under a quarter that does not start in January stays refused (Q3's
own growth must never replace 1—9月's); a column whose months are not the title's is refused,
naming both."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger import load_plan
from ledger.dates import month_end
from ledger.layout import read_table
from ledger.sheets import Grid
from ledger.table import LayoutError
from ledger.table_rows import rows_to_entries
from tests.conftest import SHIPPED_PLAN
from tests.helpers import RECORDED, exported, import_text

PLAN = load_plan(SHIPPED_PLAN)
_CN = {1: "一", 2: "二", 3: "三", 4: "四", 6: "六", 9: "九", 12: "十二"}

# The ways a title names quarter q (the trial's was 临平经开区2025年三季度主要经济指标).
QUARTER_TITLES = ["2025年{cn}季度", "2025年{q}季度", "2025年第{cn}季度", "2025年第{q}季度", "2025年Q{q}", "2025Q{q}",
                  "2025 Q{q} ", "２０２５年第{cn}季度"]  # fmt: skip
# Columns naming the year so far to the quarter's last month L: as bureaus head them.
RANGE_FORMS = ["1-{L}月累计", "1—{L}月", "1至{L}月累计", "1~{L}月", "一至{cnL}月累计", "2025年1-{L}月累计", "1-{L}月累计(亿元)",
               "累计(1-{L}月)", "1－{L}月"]  # fmt: skip
WORD_FORMS = ["累计", "本年累计", "累计值", "今年以来累计"]  # the year so far, dated by the title
NAMED_FORMS = {
    1: ["一季度"],
    2: ["上半年", "1-2季度"],
    3: ["前三季度", "1-3季度", "一至三季度"],
    4: ["全年累计", "1-4季度"],
}
GROWTHS = ["增速(%)", "同比增长%", "增长(%)", "±%", "同比增速（%）", "比上年同期增长%"]


def _rows(title: str, figure: str, growth: str, *, growth_first: bool = False) -> list[tuple[int, dict[int, Any]]]:
    heads = [figure, growth] if not growth_first else [growth, figure]
    output = [Decimal("1005"), Decimal("3.3")] if not growth_first else [Decimal("3.3"), Decimal("1005")]
    rate = {3: Decimal("6.0")} if not growth_first else {2: Decimal("6.0")}
    return [
        (1, {1: f"临平经开区{title}主要经济指标"}),
        (2, {1: "指标名称", 2: heads[0], 3: heads[1], 4: "单位"}),
        (3, {1: "规模以上工业总产值", 2: output[0], 3: output[1], 4: "亿元"}),
        (4, {1: "工业增加值增速", **rate, 4: "%"}),
    ]


def _read(rows: list[tuple[int, dict[int, Any]]]) -> list[tuple[str, str, Decimal | None]]:
    table = read_table(Grid("q.xlsx", rows, (), "S", ("S",)))
    out = rows_to_entries(PLAN, table, existing=[], default_date=None, recorded=RECORDED, by="t", spreadsheet=True)
    assert out.problems == []
    return [(e.target, str(e.date), e.value) for e in out.entries]


def _title(form: str, q: int) -> str:
    return form.format(q=q, cn=_CN[q])


@given(
    q=st.integers(1, 4),
    title=st.sampled_from(QUARTER_TITLES),
    form=st.sampled_from(RANGE_FORMS + WORD_FORMS + ["{named}"]),
    growth=st.sampled_from(GROWTHS),
    pick=st.integers(0, 2),
)
def test_a_quarter_title_dates_the_year_so_far_columns(q: int, title: str, form: str, growth: str, pick: int) -> None:
    """Each quarter, each way of naming it, each form of a year-so-far column: 1005 and the rate
    row's 6.0 under the growth beside it, both as of the quarter's last day."""
    last = q * 3
    named = NAMED_FORMS[q]
    if form == "{named}":
        form = named[pick % len(named)]
    figure = form.format(L=last, cnL=_CN[last])
    day = str(month_end(2025, last))
    assert _read(_rows(_title(title, q), figure, growth)) == [
        ("industrial-output", day, Decimal("1005")),
        ("value-added-growth", day, Decimal("6.0")),
    ]


@given(
    q=st.integers(1, 4),
    title=st.sampled_from(QUARTER_TITLES),
    form=st.sampled_from(RANGE_FORMS),
    months=st.integers(2, 12),
)
def test_a_column_of_other_months_than_the_quarters_is_refused_naming_both(
    q: int, title: str, form: str, months: int
) -> None:
    """三季度 over 1-6月累计: which period is it? Neither is taken; the message names the title
    and the column."""
    last = q * 3
    if months == last:
        months = last % 12 + 1 if last < 12 else 11
    figure = form.format(L=months, cnL=_CN.get(months, str(months)))
    if "一至" in figure and months not in _CN:
        figure = f"1至{months}月累计"
    written = _title(title, q)
    with pytest.raises(LayoutError) as refused:
        read_table(Grid("q.xlsx", _rows(written, figure, "增速(%)"), (), "S", ("S",)))
    (problem,) = refused.value.problems
    said = str(problem)
    assert f"column {figure!r} (B)" in said
    assert "the title '临平经开区" in said and "which is it? correct the sheet" in said
    if q > 1:  # a quarter after the first: the title's months and the column's, both named
        assert f"names {last - 2}—{last}月, but column {figure!r} (B) holds 1—{months}月" in said
    else:
        assert f"is for month {months} but the title" in said and "says 2025-03" in said


@given(
    q=st.integers(2, 4),
    title=st.sampled_from(QUARTER_TITLES),
    figure=st.sampled_from(["完成值", "数值", "绝对值", "完成数"]),
    growth=st.sampled_from(GROWTHS),
)
def test_a_column_saying_nothing_of_its_period_stays_refused(q: int, title: str, figure: str, growth: str) -> None:
    """Under 二/三/四季度 a 完成值 holds those three months' own figures, or may: never 1—N月."""
    last = q * 3
    with pytest.raises(LayoutError) as refused:
        read_table(Grid("q.xlsx", _rows(_title(title, q), figure, growth), (), "S", ("S",)))
    (problem,) = refused.value.problems
    assert (
        f"covers {last - 2}—{last}月 alone, so column {figure!r} (B) holds the figures of {last - 2}—{last}月 alone"
        in str(problem)
    )


@given(q=st.integers(2, 4), title=st.sampled_from(QUARTER_TITLES), growth=st.sampled_from(GROWTHS))
def test_a_growth_before_any_figure_stays_refused(q: int, title: str, growth: str) -> None:
    """A sheet puts each growth after the figure it is of: one standing first, under a title naming
    the quarter alone, may be the quarter's own growth."""
    last = q * 3
    rows = _rows(_title(title, q), f"1-{last}月累计", growth, growth_first=True)
    with pytest.raises(LayoutError) as refused:
        read_table(Grid("q.xlsx", rows, (), "S", ("S",)))
    assert f"so column {growth!r} (B) holds the figures of {last - 2}—{last}月 alone" in str(refused.value.problems[0])


def test_the_trials_sheet_imports_as_received(runner: CliRunner, workdir: Path) -> None:
    """Case c5 of trial n6, as a CSV: the dry run says how each figure was read; the import then
    records 1005 亿元 and 6.0 % as of 2025-09-30."""
    sheet = "临平经开区2025年三季度主要经济指标\n指标名称,1-9月累计,增速(%),单位\n规模以上工业总产值,1005,3.3,亿元\n工业增加值增速,,6.0,%\n"
    dry = import_text(runner, workdir, "s.csv", sheet, "--dry-run")
    assert dry.exit_code == 0, dry.stderr
    assert dry.stdout.splitlines() == [
        "row 3: industrial-output = 1005 亿元 as of 2025-09-30 — figure: column '1-9月累计' (B3); unit: 单位 cell (D3); "
        "a running total (1—N月累计); date: the title '临平经开区2025年三季度主要经济指标'; target: alias '规模以上工业总产值' in "
        "column '指标名称' (A3)",
        "row 4: value-added-growth = 6.0% as of 2025-09-30 — figure: column '增速(%)' (C4); unit: the header of "
        "'增速(%)'; date: the title '临平经开区2025年三季度主要经济指标'; target: name in column '指标名称' (A4)",
    ]
    assert not (workdir / "progress.toml").exists()
    done = import_text(runner, workdir, "s.csv", sheet)
    assert done.exit_code == 0, done.stderr
    assert exported(runner) == [
        ("industrial-output", "2025-09-30", 1005, "亿元"),
        ("value-added-growth", "2025-09-30", 6.0, "%"),
    ]


def test_a_quarters_title_over_a_half_years_column_is_refused_and_writes_nothing(
    runner: CliRunner, workdir: Path
) -> None:
    sheet = "临平经开区2025年三季度主要经济指标\n指标名称,1-6月累计,增速(%),单位\n规模以上工业总产值,640,3.1,亿元\n"
    refused = import_text(runner, workdir, "s.csv", sheet)
    assert refused.exit_code == 1
    assert refused.stdout == ""
    assert refused.stderr == (
        "error: s.csv: the title '临平经开区2025年三季度主要经济指标' names 7—9月, but column '1-6月累计' (B) holds 1—6月; "
        "which is it? correct the sheet\n"
    )
    assert not (workdir / "progress.toml").exists()


def test_a_growth_after_the_months_own_figure_is_passed_over_as_anywhere(runner: CliRunner, workdir: Path) -> None:
    """``1-9月累计 | 9月 | 增速(%)`` under 三季度: the growth is September's own, passed over as under
    any title (not the whole sheet refused); the running total imports."""
    sheet = "临平经开区2025年三季度主要经济指标\n指标名称,1-9月累计,9月,增速(%),单位\n规模以上工业总产值,1005,112,3.3,亿元\n"
    done = import_text(runner, workdir, "s.csv", sheet)
    assert done.exit_code == 0, done.stderr
    assert done.stderr == (
        "note: s.csv: columns not used: 增速(%) (beside a single month's figure: the month's own growth, not "
        "year-to-date)\n"
    )
    assert exported(runner) == [("industrial-output", "2025-09-30", 1005, "亿元")]
