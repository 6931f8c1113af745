"""A rate target's figure is its year-on-year growth (the new-user trial's n8, n15, n17, x20, q1…q31):
on a sheet with a growth column a rate row takes that column whatever its name says, a figure
only in an amount column beside it is refused, and only a header of year-on-year growth (同比,
增速, 增长%, 比上年同期增长, ±%) is growth: 完成率%, 占比%, 环比% and their kin never are."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.column_kinds import describe
from tests.test_sheets_received import _export, _refused


def _refusal(result: Any, workdir: Path) -> str:
    """The one error line of a refused import, which wrote nothing."""
    _refused(result, workdir)
    lines = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(lines) == 1, result.stderr
    return str(lines[0])


# --- 1. a rate row takes the growth column, whatever its name ------------------------------


@pytest.mark.parametrize(
    ("file", "text", "shown"),
    [
        # n8: the rate's own name, the quantity under 绝对值 and the rate under 同比增长%
        ("n8.csv", "指标名称,绝对值,同比增长%,截至日期\n工业增加值增速,180.35,5.8,2025-08\n", "'同比增长%' (C2)"),
        # n15: both under a 1-8月 period
        (
            "n15.csv",
            "指标名称,1-8月绝对值,1-8月同比增长%,截至日期\n工业增加值增速,180.35,5.8,2025-08\n",
            "'1-8月同比增长%' (C2)",
        ),
        # n17: 完成值 beside 增速（%）
        ("n17.csv", "指标名称,完成值,增速（%）,截至日期\n工业增加值增速,180.35,5.8,2025-08\n", "'增速（%）' (C2)"),
    ],
)
def test_a_rate_named_by_its_own_name_takes_the_growth_column(
    file: str, text: str, shown: str, runner: CliRunner, workdir: Path
) -> None:
    """180.35 is 亿元 of value added: the rate is 5.8 %, never 180.35 %."""
    (workdir / file).write_text(text, encoding="utf-8")
    dry = runner.invoke(app, ["import", file, "--dry-run"])
    assert dry.exit_code == 0, dry.stderr
    assert dry.stdout.startswith(f"row 2: value-added-growth = 5.8% as of 2025-08-31 — figure: column {shown};")
    result = runner.invoke(app, ["import", file])
    assert result.exit_code == 0, result.stderr
    assert _export(runner) == [("value-added-growth", "2025-08-31", 5.8, "%")]


def _bureau(path: Path, service_name: str) -> None:
    """x20/x21: 8月 and 1-8月 each merged over 绝对值 | 同比增长%, a 单位 line, the rows by alias."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "1-8月"
    for row in (
        ["临平经开区2025年主要经济指标"],
        ["单位：万元、%"],
        ["指标名称", "8月", None, "1-8月", None],
        [None, "绝对值", "同比增长%", "绝对值", "同比增长%"],
        ["规模以上工业总产值", 1124000, 2.1, 8427000, 3.4],
        ["规模以上工业增加值", 230000, 7.9, 1803500, 5.8],
        [service_name, None, 9.9, None, 7.7],
    ):
        ws.append(row)
    for span in ("A3:A4", "B3:C3", "D3:E3"):
        ws.merge_cells(span)
    book.save(path)


@pytest.mark.parametrize("service_name", ["营利性服务业营收增速", "营利性服务业营业收入"])
def test_a_rate_with_no_amount_is_read_from_its_growth(service_name: str, runner: CliRunner, workdir: Path) -> None:
    """x20 (the rate's own name, 绝对值 empty) and x21 (its alias): 7.7 under '1-8月 同比增长%' is
    the rate, never passed over as a row without a figure; 9.9 is August's own growth, not used."""
    _bureau(workdir / "x20.xlsx", service_name)
    result = runner.invoke(app, ["import", "x20.xlsx"])
    assert result.exit_code == 0, result.stderr
    assert "without a figure" not in result.stderr
    assert _export(runner) == [
        ("industrial-output", "2025-08-31", 8427000, "万元"),
        ("value-added-growth", "2025-08-31", 5.8, "%"),
        ("service-revenue-growth", "2025-08-31", 7.7, "%"),
    ]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (
            "指标名称,绝对值,同比增长%,截至日期\n工业增加值增速,5.8,,2025-08\n",
            "error: r.csv: row 2: value-added-growth is a rate, whose figure is its growth, but the row gives 5.8 "
            "under '绝对值' (B2) and no growth under '同比增长%' (C2): beside a growth column that figure is the "
            "quantity's, never a growth rate; write the growth rate under '同比增长%'",
        ),
        (  # by its alias, the quantity's figure alone (a mark, —, says no growth: tests/test_no_growth_mark.py)
            "指标名称,1-8月累计,增速（%）,截至日期\n规模以上工业增加值,180.35,,2025-08\n",
            "error: r.csv: row 2: value-added-growth is a rate, whose figure is its growth, but the row gives 180.35 "
            "under '1-8月累计' (B2) and no growth under '增速（%）' (C2): beside a growth column that figure is the "
            "quantity's, never a growth rate; write the growth rate under '增速（%）'",
        ),
        (  # the month's own figure alone: its growth column is the month's, not used
            "指标名称,本月,同比增长%,截至日期\n工业增加值增速,23.1,,2025-08\n",
            "error: r.csv: row 2: value-added-growth records the year-to-date figure (1—N月), but the row gives only "
            "the month's own figure (23.1 under '本月' (B2)); add the 1—N月 column beside it, or record the "
            "year-to-date figure with `tracker record value-added-growth FIGURE`",
        ),
    ],
)
def test_a_rate_whose_figure_is_only_an_amount_is_refused(
    text: str, error: str, runner: CliRunner, workdir: Path
) -> None:
    """Beside a growth column, a rate row with a figure only under 绝对值, 累计 or 本月 is refused,
    naming the row and both columns: never recorded as a growth of 5.8, 180.35 or 23.1 %."""
    (workdir / "r.csv").write_text(text, encoding="utf-8")
    for args in ([], ["--dry-run"]):
        assert _refusal(runner.invoke(app, ["import", "r.csv", *args]), workdir) == error


@pytest.mark.parametrize(
    ("text", "note", "entries"),
    [
        (  # n17's second row: a total target beside it still reads 完成值 (842.7 亿元), not 3.1
            "指标名称,完成值,增速（%）,截至日期\n工业增加值增速,180.35,5.8,2025-08\n工业总产值,842.7,3.1,2025-08\n",
            None,
            [("value-added-growth", "2025-08-31", 5.8, "%"), ("industrial-output", "2025-08-31", 842.7, "亿元")],
        ),
        (  # a rate row with no figure in any column is passed over with the note, as before
            "指标名称,绝对值,同比增长%,截至日期\n工业增加值增速,—,,2025-08\n工业总产值,842.7,3.1,2025-08\n",
            "note: s.csv: 1 row without a figure passed over: row 2 (工业增加值增速)\n",
            [("industrial-output", "2025-08-31", 842.7, "亿元")],
        ),
        (  # q9: 同比增长% beside 占全区比重%: 5.8 % is the rate, the share a column not used
            "2025年1-8月主要指标\n指标名称,1-8月累计,单位,同比增长%,占全区比重%\n规模以上工业增加值,180.35,亿元,5.8,13.2\n",
            "note: s.csv: columns not used: 占全区比重% (a share of a whole, not growth)\n",
            [("value-added-growth", "2025-08-31", 5.8, "%")],
        ),
    ],
)
def test_a_sheet_beside_a_rate_gives(
    text: str, note: str | None, entries: list[tuple[str, str, Any, str]], runner: CliRunner, workdir: Path
) -> None:
    """Each sheet's entries, worked out by hand, and the note that says what was left."""
    (workdir / "s.csv").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["import", "s.csv"])
    assert result.exit_code == 0, result.stderr
    if note is not None:
        assert note in result.stderr
    assert _export(runner) == entries


# --- 2. only year-on-year growth is growth ----------------------------------------------------

GROWTH = ("同比", "同比增长", "同比增速", "增速", "增长", "增幅", "增长率", "同比增长率", "比上年同期增长", "比上年增长",
          "±", "增减", "累计增长")  # fmt: skip
PERCENT = ("", "%", "％", "(%)", "（%）", "（％）", " (%)", "[%]")
PERIODS = ("", "1-8月", "1—8月", "2025年1-8月", "1-8月 ", "本年")


# Each form not growth, with why the import says it is not used.
NOT_GROWTH = {
    "完成率": "progress against the goal, not growth",
    "完成进度": "progress against the goal, not growth",
    "序时进度": "progress against the goal, not growth",
    "占比": "a share of a whole, not growth",
    "比重": "a share of a whole, not growth",
    "占全区比重": "a share of a whole, not growth",
    "环比": "growth over the month before, not year-on-year",
    "环比增长": "growth over the month before, not year-on-year",
    "比上月增长": "growth over the month before, not year-on-year",
    "较上月增长": "growth over the month before, not year-on-year",
    "上年同期增长": "last year's growth, for comparison",
    "去年同期增速": "last year's growth, for comparison",
}


@given(st.sampled_from(sorted(NOT_GROWTH)), st.sampled_from(PERCENT), st.sampled_from(PERIODS))
def test_a_percent_of_something_else_is_not_growth(form: str, percent: str, period: str) -> None:
    """完成率%, 占全区比重（％）, 1-8月环比增长(%), 上年同期增长…: not used, with why; never growth."""
    col = describe(f"{period}{form}{percent}")
    assert (col.field, col.why) == (None, NOT_GROWTH[form])


@given(st.sampled_from(GROWTH), st.sampled_from(PERCENT), st.sampled_from(PERIODS))
def test_year_on_year_growth_is_growth(form: str, percent: str, period: str) -> None:
    """同比增长%, 增速（%）, 1-8月±%, 比上年同期增长…: growth, in %."""
    col = describe(f"{period}{form}{percent}")
    assert (col.field, col.unit) == ("growth", "%")


@pytest.mark.parametrize("header", ["%", "％", "(%)", "（%）", "1-8月 %", "1-8月％"])
def test_a_bare_percent_is_not_growth(header: str) -> None:
    """A header of a % alone (``1-8月 %``) does not say of what: not taken for growth. (``1-8月（%）``
    is the 1—8月 figure in %, as a rate's own row gives it.)"""
    col = describe(header)
    assert (col.field, col.why) == (None, "a percent of what the header does not say, not growth")


@pytest.mark.parametrize(
    ("header", "why"),
    [
        ("完成率%", "progress against the goal, not growth"),
        ("占比%", "a share of a whole, not growth"),
        ("环比增长%", "growth over the month before, not year-on-year"),
        ("比上月增长%", "growth over the month before, not year-on-year"),
        ("上年同期增长%", "last year's growth, for comparison"),
        ("序时进度%", "progress against the goal, not growth"),
    ],
)
def test_a_quantity_row_beside_a_percent_of_something_else_is_refused(
    header: str, why: str, runner: CliRunner, workdir: Path
) -> None:
    """q1, q3, q5, q6, q7, q26, q31: 规模以上工业增加值 beside 完成率% (96.7) is not a growth of 96.7 %:
    the sheet has no growth column, so the quantity's row is refused; the hint says what the
    percent is, never offering it to --map as the growth."""
    (workdir / "q.csv").write_text(
        f"2025年1-8月主要指标\n指标名称,1-8月累计,单位,{header}\n规模以上工业增加值,180.35,亿元,96.7\n",
        encoding="utf-8",
    )
    error = _refusal(runner.invoke(app, ["import", "q.csv"]), workdir)
    assert error == (
        "error: q.csv: row 3: '规模以上工业增加值' (an alias of value-added-growth) names the quantity, not its "
        "growth rate, and the sheet has no growth column (同比增长%, 增速, ±%): 180.35 under '1-8月累计' would be "
        f"recorded as a growth of 180.35%; '{header}' is {why}: add the 1-8月同比增长% column, or write the "
        "rate's own name (工业增加值增速) in the row"
    )


def test_a_rate_named_beside_its_completion_rate_alone_is_not_recorded(runner: CliRunner, workdir: Path) -> None:
    """q10: 工业增加值增速 with only 完成率% = 96.7: no figure column, nothing recorded as 96.7 %."""
    (workdir / "q10.csv").write_text("2025年1-8月主要指标\n指标名称,完成率%\n工业增加值增速,96.7\n", encoding="utf-8")
    result = runner.invoke(app, ["import", "q10.csv"])
    assert _refusal(result, workdir) == (
        "error: q10.csv: no row has a figure: '完成率%' (B) is progress against the goal, not growth; add the column "
        "of figures (1—N月累计, or 同比增长% for a rate), or record them with `tracker record`"
    )
    assert "--map" not in result.stderr  # never offered as the figure


@pytest.mark.parametrize(
    ("month", "growth"), [("8月", "增速%"), ("本月", "同比增长%"), ("当月", "同比%"), ("8月份", "增长%")]
)
def test_growth_beside_a_single_months_figure_is_the_months_own(month: str, growth: str, tmp_path: Path) -> None:
    """Found by a new-user trial: `指标名称,8月,增速%` recorded August's own 12.0 % as the year's
    growth (1—8月 was 5.8 %). With only a single month's figure in the sheet, its growth is the
    month's: not used, and the rate's row is refused as giving only the month's figure."""
    from ledger.layout import read_table
    from ledger.sheets import read_csv

    text = f"临平经开区2025年8月主要指标\n指标名称,{month},{growth}\n规模以上工业增加值,24.1,12.0\n"
    table = read_table(read_csv("s.csv", text))
    assert "growth" not in table.by_field
    assert table.unused == f"{growth} (beside a single month's figure: the month's own growth, not year-to-date)"
    with_total = (
        f"临平经开区2025年8月主要指标\n指标名称,{month},1-8月累计,{growth}\n规模以上工业增加值,24.1,180.35,5.8\n"
    )
    assert read_table(read_csv("s.csv", with_total)).by_field["growth"].label == growth


@pytest.mark.parametrize(
    ("headers", "growth"),
    [
        ("8月,增速%,1-8月累计", None),  # after the month's figure: the month's own
        ("本月,同比增长%,本月止累计", None),
        ("1-8月,8月,增速%", None),
        ("1-8月累计,增速%,8月", 3),  # after the running total: the year's so far (column C)
        ("8月,增速%,1-8月累计,增速%", 5),  # each growth after the figure it is of (column E)
    ],
)
def test_a_growth_column_is_of_the_figure_to_its_left(headers: str, growth: int | None) -> None:
    """Found by a new-user trial: `8月,增速%,1-8月累计` recorded August's own 9.9 % as the year's
    growth. A sheet puts each growth after the figure it is of (本月 | 同比% | 累计 | 同比%)."""
    from ledger.layout import read_table
    from ledger.sheets import read_csv

    text = f"临平经开区2025年8月主要指标\n指标名称,{headers}\n规模以上工业增加值,30.2,9.9,300,5.8\n"
    table = read_table(read_csv("s.csv", text))
    column = table.by_field.get("growth")
    assert (None if column is None else column.number) == growth
