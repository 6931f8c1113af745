"""What a growth column compares with decides whether it is a rate's figure (the n12 trial's c01, c02,
c03, c10): over the same month of last year (比上年同月增长%, 单月同比) it is that month's own growth;
over the month before or a month named (较前月增长%, 比7月增长%, 环比) it is not year-on-year; a change
of the growth rate (增速提高, 同比提高, 增速变化: points) is no growth at all. Over the year before the
sheet's (较2024年同期增长% on a 2025 sheet) it is the sheet's year-on-year growth, as 比上年同期增长%
is; over any other year it is not."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger.column_kinds import (
    EARLIER_PART,
    MONTH_ON_MONTH,
    MONTHS_GROWTH,
    NOT_GROWTH,
    OTHER_MONTH,
    describe,
    is_change,
)
from ledger.layout import _refused_map, read_table
from ledger.sheets import Grid
from ledger.table import LayoutError
from tests.helpers import exported, import_text

_TITLE = "临平经开区2025年1-8月主要经济指标\n"
_BRACKETS = ["", "%", "(%)", "（%）", "（％）"]
_GROWTHS = ["增长", "增速", "增幅", "增长率", "相比增长", "增长(%)"]
_BY = ["比", "较", "与"]


# --- c01: over the same month of last year ---------------------------------------------------------

_SAME_MONTHS = ["上年同月", "去年同月", "上一年同月", "上年8月", "去年八月", "2024年同月", "2024年8月"]


@given(st.sampled_from(_BY), st.sampled_from(_SAME_MONTHS), st.sampled_from(_GROWTHS), st.sampled_from(_BRACKETS),
       st.sampled_from(["", "8月", "本月"]))  # fmt: skip
def test_growth_over_the_same_month_of_last_year_is_the_months_own(
    by: str, month: str, growth: str, bracket: str, period: str
) -> None:
    header = f"{period}{by}{month}{growth}{bracket}"
    column = describe(header)
    assert (column.field, column.why) == (None, MONTHS_GROWTH), header
    assert _refused_map(header, "growth") is not None


@pytest.mark.parametrize("header", ["上年同月比", "上年同月比(%)", "去年同月比增长%", "同月比%", "比同月增长%"])
def test_same_month_comparisons_written_the_other_way_round(header: str) -> None:
    assert (describe(header).field, describe(header).why) == (None, MONTHS_GROWTH)


def test_last_years_same_month_and_its_year_so_far_are_as_before() -> None:
    assert describe("上年同月").why == "last year's figure, for comparison"
    assert describe("上年同月增长%").why == "last year's growth, for comparison"
    # the year so far over last year's, and growth since last year's December, are not the month's
    assert describe("比上年1-8月增长%").field == "growth"
    assert describe("比上年12月增长%").why == "growth since the end of last year, not year-on-year"


def test_c01_growth_over_the_same_month_is_not_recorded_as_the_years(runner: CliRunner, workdir: Path) -> None:
    sheet = (
        "临平经开区2025年8月主要经济指标\n指标名称,计量单位,1-8月,比上年同月增长%\n"
        "规模以上工业总产值,亿元,842.7,6.9\n规模以上工业增加值,亿元,180.35,7.2\n"
    )
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "note: s.csv: columns not used: 比上年同月增长% (a single month's growth, not year-to-date)",
        "error: s.csv: row 4: '规模以上工业增加值' (an alias of value-added-growth) names the quantity, not its growth "
        "rate, and the sheet has no growth column (同比增长%, 增速, ±%): 180.35 under '1-8月' would be recorded as a "
        "growth of 180.35%; '比上年同月增长%' is a single month's growth, not year-to-date: add the 1-8月同比增长% "
        "column, or write the rate's own name (工业增加值增速) in the row",
    ]
    assert exported(runner) == []
    result = import_text(runner, workdir, "s.csv", sheet, "--map", "比上年同月增长%=growth")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "error: --map: s.csv: '比上年同月增长%' holds a single month's growth, not year-to-date; a rate's figure is its "
        "1—N月 growth: use the 1-N月同比增长% (累计增速) column, or record it with `tracker record`"
    )
    assert exported(runner) == []


def test_in_january_the_same_months_growth_is_the_years(runner: CliRunner, workdir: Path) -> None:
    sheet = "临平经开区2025年1月主要经济指标\n指标名称,比上年同月增长%\n工业增加值增速,6.9\n"
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("value-added-growth", "2025-01-31", 6.9, "%")]


# --- c02: over the month before, or a month named ----------------------------------------------------

_MONTHS_BEFORE = ["上月", "前月", "上个月", "前一月", "上一个月", "前一个月"]
_MONTHS_NAMED = ["7月", "1月", "12月", "七月", "十一月", "7月份"]


@given(st.sampled_from(_BY), st.sampled_from(_MONTHS_BEFORE + _MONTHS_NAMED + ["1-7月", "1至7月", "一至七月"]),
       st.sampled_from(_GROWTHS), st.sampled_from(_BRACKETS), st.sampled_from(["", "8月", "1-8月"]))  # fmt: skip
def test_growth_over_another_month_is_not_year_on_year(
    by: str, month: str, growth: str, bracket: str, period: str
) -> None:
    header = f"{period}{by}{month}{growth}{bracket}"
    why = MONTH_ON_MONTH if month in _MONTHS_BEFORE else OTHER_MONTH if month in _MONTHS_NAMED else EARLIER_PART
    column = describe(header)
    assert (column.field, column.why) == (None, why), header
    assert why in NOT_GROWTH  # named as what it is in a rate's refusal, never offered to --map


@pytest.mark.parametrize("header", ["较前月增长%", "比7月增长%", "较7月增长%"])
def test_c02_growth_over_the_month_before_is_refused(header: str, runner: CliRunner, workdir: Path) -> None:
    result = import_text(runner, workdir, "s.csv", f"{_TITLE}指标名称,{header}\n规模以上工业增加值,6.9\n")
    assert result.exit_code == 1
    why = MONTH_ON_MONTH if "前月" in header else OTHER_MONTH
    assert result.stderr.splitlines()[-1] == (
        f"error: s.csv: no row has a figure: '{header}' (B) is {why}; add the column of figures (1—N月累计, or 同比增长% "
        "for a rate), or record them with `tracker record`"
    )
    assert exported(runner) == []


# --- c03: a change of the growth rate, in points -------------------------------------------------------

_RATES = ["增速", "增幅", "增长率", "增长速度"]
_BETWEEN = ["", "比上年同期", "同比", "较上年"]
_CHANGES = ["提高", "回落", "下降", "变化", "增减", "加快", "放缓", "回升", "收窄", "扩大"]
_POINTS = ["", "（个百分点）", "(百分点)", "个百分点", "(%)"]


@given(st.sampled_from(_RATES), st.sampled_from(_BETWEEN), st.sampled_from(_CHANGES), st.sampled_from(_POINTS),
       st.sampled_from(["", "1-8月"]))  # fmt: skip
def test_a_change_of_the_growth_rate_is_no_growth(
    rate: str, between: str, change: str, points: str, period: str
) -> None:
    header = f"{period}{rate}{between}{change}{points}"
    assert describe(header).field is None and is_change(header), header
    refused = _refused_map(header, "growth")
    assert refused is not None and "a change of N 百分点 is no growth of N %" in refused


@pytest.mark.parametrize("change", ["提高", "回落", "变化", "加快", "放缓"])  # 同比下降: the figure's fall
def test_a_year_on_year_change_is_no_growth(change: str) -> None:
    assert describe(f"同比{change}").field is None and is_change(f"同比{change}")


@pytest.mark.parametrize("header", ["同比增减", "同比增减%", "增减", "增速", "同比增长%", "增速（%）"])
def test_growth_headers_are_still_growth(header: str) -> None:
    assert describe(header).field == "growth" and not is_change(header)


def test_c03_a_points_change_beside_the_growth_is_never_offered(runner: CliRunner, workdir: Path) -> None:
    sheet = _TITLE + "指标名称,1-8月同比增长%,增速提高\n规模以上工业增加值,5.8,0.6\n"
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 0, result.output
    assert result.stderr == "note: s.csv: columns not used: 增速提高\n"
    assert exported(runner) == [("value-added-growth", "2025-08-31", 5.8, "%")]
    result = import_text(runner, workdir, "s.csv", sheet, "--map", "增速提高=growth")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "error: --map: s.csv: '增速提高' holds a change of the growth rate in points (回落/提高 0.6: growth 0.6 points "
        "lower/higher), not growth: a rate's figure is its growth (同比增长%), and a change of N 百分点 is no growth of N %; use the growth or figure column, or "
        "record it with `tracker record`"
    )


def test_c03_a_points_change_alone_is_refused(runner: CliRunner, workdir: Path) -> None:
    sheet = _TITLE + "指标名称,增速比上年同期提高\n规模以上工业增加值,0.6\n"
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "error: s.csv: no row has a figure: '增速比上年同期提高' (B) is a change of the growth rate in points (回落/提高 "
        "0.6: growth 0.6 points lower/higher), not growth; add the column of figures (1—N月累计, or 同比增长% for a rate), or record them with `tracker record`"
    )
    assert exported(runner) == []


# --- c10: over a year named ------------------------------------------------------------------------------


def _grid(year: int, header: str) -> Grid:
    rows: list[tuple[int, dict[int, Any]]] = [
        (1, {1: f"临平经开区{year}年1-8月主要经济指标"}),
        (2, {1: "指标名称", 2: "1-8月（亿元）", 3: header}),
        (3, {1: "规模以上工业增加值", 2: Decimal("180.35"), 3: Decimal("5.8")}),
    ]
    return Grid("s.xlsx", rows, (), "S", ("S",))


@given(st.integers(2018, 2032), st.integers(-3, 1), st.sampled_from(_BY),
       st.sampled_from(["同期", "1-8月", "", " 同期"]), st.sampled_from(["增长", "增速", "增长率", "相比增长"]),
       st.sampled_from(_BRACKETS))  # fmt: skip
def test_growth_over_a_year_is_the_sheets_only_over_the_year_before(
    year: int, offset: int, by: str, period: str, growth: str, bracket: str
) -> None:
    base = year - 1 + offset
    header = f"{by}{base}年{period}{growth}{bracket}"
    table = read_table(_grid(year, header))
    growth_column = table.by_field.get("growth")
    if offset == 0:
        assert growth_column is not None and growth_column.label == header
        return
    assert growth_column is None
    (column,) = [c for c in table.columns if c.label == header]
    assert column.why == f"growth over {base}, not {year}'s year-on-year growth (over {year - 1})"
    with pytest.raises(LayoutError, match=f"is growth over {base}, but the title .* says {year}"):
        read_table(_grid(year, header), {header: "growth"})


def test_a_header_naming_its_own_year_and_the_one_before_it() -> None:
    assert read_table(_grid(2025, "2025年比2024年增长%")).by_field["growth"].label == "2025年比2024年增长%"
    (column,) = [c for c in read_table(_grid(2025, "2024年比2023年增长%")).columns if c.number == 3]
    assert column.why == "2024's growth, not 2025's, for comparison"


@pytest.mark.parametrize("header", ["较2024年同期增长%", "比2024年同期增长%", "与2024年同期相比增长(%)"])
def test_c10_growth_over_last_year_is_this_years_growth(header: str, runner: CliRunner, workdir: Path) -> None:
    sheet = _TITLE + f"指标名称,1-8月（亿元）,{header}\n规模以上工业总产值,842.7,4.1\n规模以上工业增加值,180.35,5.8\n"
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 0, result.output
    assert sorted(exported(runner)) == [
        ("industrial-output", "2025-08-31", 842.7, "亿元"),
        ("value-added-growth", "2025-08-31", 5.8, "%"),
    ]


def test_c10_growth_over_two_years_before_is_refused(runner: CliRunner, workdir: Path) -> None:
    sheet = _TITLE + "指标名称,1-8月（亿元）,比2023年同期增长%\n规模以上工业增加值,180.35,9.9\n"
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "note: s.csv: columns not used: 比2023年同期增长% (growth over 2023, not 2025's year-on-year growth (over 2024))"
    )
    result = import_text(runner, workdir, "s.csv", sheet, "--map", "比2023年同期增长%=growth")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "error: s.csv: column '比2023年同期增长%' (C) is growth over 2023, but the title '临平经开区2025年1-8月主要经济指标' "
        "says 2025: it is never 2025's year-on-year growth (over 2024); map the 比上年同期增长% column instead, or "
        "correct the sheet"
    )
    assert exported(runner) == []


# A ranking's move in places (名次 | 较上年进位 on the national assessment's sheet): 5 places up was read
# as a growth of 5 % and the rank refused as "a total … gives only its growth".
@given(
    st.sampled_from(["较上年", "比上年", "同比", "较去年"]),
    st.sampled_from(
        ["进位", "退位", "前移", "后移", "提升位次", "提升3位", "上升5位", "下降2位", "名次变化", "排名变化"]
    ),
    st.sampled_from(["", "（位）", "(名)"]),
)
def test_a_rankings_move_in_places_is_no_growth(between: str, move: str, unit: str) -> None:
    header = f"{between}{move}{unit}"
    assert describe(header).field is None, header  # not understood at all (较去年进位), or a change
    if between != "较去年":  # 较去年 alone is no growth word
        assert is_change(header), header


def test_the_assessments_sheet_names_no_growth(runner: CliRunner, workdir: Path) -> None:
    sheet = "2025年全国经开区综合发展水平考核\n指标名称,名次,较上年进位\n国考排名,75,5\n"
    # 名次 is the rank's figure (a rank column); 较上年进位 its move in places, never read as growth
    result = import_text(runner, workdir, "s.csv", sheet, "--date", "2025-06", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "gives only its growth" not in result.stderr
    assert "row 3: national-rank = 75 位 as of 2025-06-30 — figure: column '名次' (B3)" in result.stdout
    result = import_text(runner, workdir, "s.csv", sheet, "--date", "2025-06", "--map", "名次=value")
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("national-rank", "2025-06-30", 75, "位")]
