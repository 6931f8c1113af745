"""The bureau's two-row layouts (the n20 trial's c03): ``1-8月`` merged over ``本期 | 上年同期 | 增长%`` (or
``本年 | 上年同期 | 增长%``) left ``1-8月 本期`` unused and was refused saying the sheet "gives only its
growth", though 842.7 was there; ``绝对值（亿元）`` over ``本月 | 自年初累计`` failed although ``自年初累计``
alone was understood. 本期/本年 under a 1—N月 group is that period's figure, and a period under an amount
group reads as it does alone; 上年同期 stays last year's figure, for comparison."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.column_kinds import describe


def _workbook(path: Path, rows: list[list[object]], merges: tuple[str, ...]) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for r in rows:
        ws.append(r)
    for m in merges:
        ws.merge_cells(m)
    wb.save(path)


def _bureau(path: Path, word: str) -> None:
    rows: list[list[object]] = [
        ["临平经开区2025年1-8月主要经济指标"],
        ["指标名称", "单位", "1-8月"],
        [None, None, word, "上年同期", "增长%"],
        ["规模以上工业总产值", "亿元", 842.7, 800.2, 5.3],
        ["规模以上工业增加值", "亿元", 180.35, 170.5, 5.8],
    ]
    _workbook(path, rows, ("A2:A3", "B2:B3", "C2:E2"))


def test_c03_this_period_under_the_months_group_is_their_figure(runner: CliRunner, workdir: Path) -> None:
    for word in ("本期", "本年"):
        _bureau(workdir / "b.xlsx", word)
        result = runner.invoke(app, ["import", "b.xlsx", "--dry-run"])
        assert result.exit_code == 0, result.output
        assert (
            result.stderr.splitlines()[0]
            == "note: b.xlsx: columns not used: 1-8月 上年同期 (last year's figure, for comparison)"
        )
        lines = result.stdout.splitlines()
        assert lines[0] == (
            f"row 4: industrial-output = 842.7 亿元 as of 2025-08-31 — figure: column '1-8月 {word}' (C4); unit: 单位 "
            "cell (B4); a running total (1—N月累计); date: the title '临平经开区2025年1-8月主要经济指标'; target: alias "
            "'规模以上工业总产值' in column '指标名称' (A4)"
        )
        assert lines[1].startswith(
            "row 5: value-added-growth = 5.8% as of 2025-08-31 — figure: column '1-8月 增长%' (E5)"
        )


def test_c03_since_the_years_start_under_the_amount(runner: CliRunner, workdir: Path) -> None:
    rows: list[list[object]] = [
        ["临平经开区2025年8月主要经济指标"],
        ["指标名称", "绝对值（亿元）", None, "增速（%）", None],
        [None, "本月", "自年初累计", "本月", "自年初累计"],
        ["规模以上工业总产值", 112.4, 842.7, 3.2, 4.1],
        ["规模以上工业增加值", 24.1, 180.35, 6.9, 5.8],
    ]
    _workbook(workdir / "z.xlsx", rows, ("A2:A3", "B2:C2", "D2:E2"))
    result = runner.invoke(app, ["import", "z.xlsx", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert (
        result.stderr.splitlines()[0]
        == "note: z.xlsx: columns not used: 增速（%） 本月 (a single month's growth, not year-to-date)"
    )
    lines = result.stdout.splitlines()
    assert lines[0].startswith(
        "row 4: industrial-output = 842.7 亿元 as of 2025-08-31 — figure: column '绝对值（亿元） 自年初累计' (C4); unit: the "
        "header of '绝对值（亿元） 自年初累计'; a running total (1—N月累计); 本月 112.4 亿元: column '绝对值（亿元） 本月' (B4)"
    )
    assert lines[1].startswith(
        "row 5: value-added-growth = 5.8% as of 2025-08-31 — figure: column '增速（%） 自年初累计' (E5)"
    )


_GROUPS = ["1-8月", "1—8月", "1至8月", "一至八月", "1-8月份", "2025年1-8月", "1月-8月"]
_WORDS = ["本期", "当期", "本年", "本期完成", "本期数", "本年完成"]


@given(st.sampled_from(_GROUPS), st.sampled_from(_WORDS), st.sampled_from(["", "（亿元）"]))
def test_this_period_under_a_group_of_the_year_so_far_is_the_groups(group: str, word: str, unit: str) -> None:
    column = describe(f"{group} {word}{unit}")
    assert (column.field, column.running_total, column.months) == ("value", True, 8), (group, word)
    last_year = describe(f"{group} 上年同期{unit}")
    assert last_year.field is None and last_year.why == "last year's figure, for comparison"


_AMOUNTS = ["绝对值", "绝对值（亿元）", "完成值", "总量"]
_SO_FAR = ["自年初累计", "1月至今", "1月以来累计", "年初至今", "至本月", "截至本月", "1-本月累计", "累计", "本年累计"]


@given(st.sampled_from(_AMOUNTS), st.sampled_from(_SO_FAR))
def test_a_period_under_an_amount_reads_as_it_does_alone(amount: str, period: str) -> None:
    under, alone = describe(f"{amount} {period}"), describe(period)
    assert (under.field, under.running_total, under.months) == (alone.field, alone.running_total, alone.months)
    assert (under.field, under.running_total) == ("value", True), (amount, period)


def test_this_month_under_a_group_stays_the_months_own() -> None:
    assert (describe("1—6月 本月").field, describe("1—6月 本月").months) == ("month_value", 6)
    assert describe("8月 本期").field == "month_value"
