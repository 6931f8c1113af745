"""Maps and hints that would file a figure of another period, a forecast or a running total as
the sheet's figure (issue 14, the n9 trial): 上月, 截至上月累计, 上年同期 and 全年预计 are never offered
as the figure and refused if mapped; a running total is never mapped to the month's own."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.column_kinds import EARLIER, FORECAST, GOAL, LAST_YEAR, describe
from ledger.refused_maps import refused_kind
from tests.helpers import exported, import_text

_AUGUST = "临平经开区科技局2025年8月新增创新空间面积情况\n"
_EARLIER = ["上月", "上个月", "上期", "上一期", "截至上月累计", "截止上月末", "上月累计", "上月止累计", "上月末", "上季度",
            "8月上期"]  # fmt: skip
_FORECASTS = ["预计", "全年预计", "预计完成", "预测", "全年预测数", "预估", "估计", "1-12月预计", "预期完成"]
_GOALS = ["全年目标", "年度计划", "目标任务", "计划新增"]
_LAST_YEAR = ["上年同期", "去年同期", "同期", "1-8月同期", "上年累计"]
_RUNNING = ["1-8月累计", "累计", "截至8月累计", "本年累计", "年累计", "年度累计", "本年度累计", "截至本月累计", "2025年1-8月累计", "累计新增",
            "1至8月累计", "一至八月累计", "本年累计新增"]  # fmt: skip
_FIGURES = ("value", "month_value", "growth")


@given(st.sampled_from(_EARLIER), st.sampled_from(["", "（万平方米）", "（亿元）"]))
def test_a_column_of_the_period_before_is_no_figure(header: str, unit: str) -> None:
    assert (describe(header + unit).field, describe(header + unit).why) == (None, EARLIER)


@given(st.sampled_from(_EARLIER + _FORECASTS + _GOALS + _LAST_YEAR), st.sampled_from(_FIGURES))
def test_a_column_of_no_figure_of_the_period_is_never_mapped_to_one(header: str, field: str) -> None:
    refused = refused_kind(header, field)
    assert refused is not None and refused.startswith(f"--map: {header!r} holds ")


@given(st.sampled_from(_FORECASTS))
def test_a_forecast_is_no_figure(header: str) -> None:
    assert (describe(header).field, describe(header).why) == (None, FORECAST)


@given(st.sampled_from(_RUNNING), st.sampled_from(["", "（万平方米）"]))
def test_a_running_total_is_never_mapped_to_the_months_own(header: str, unit: str) -> None:
    assert describe(header + unit).running_total
    refused = refused_kind(header + unit, "month_value")
    assert refused is not None and "holds the running total" in refused
    assert refused_kind(header + unit, "value") is None


def test_the_months_own_and_januarys_total_may_be_mapped_to_month_value() -> None:
    for header in ("本月", "8月", "本月新增", "截至今日数", "1-1月累计", "合计"):
        assert refused_kind(header, "month_value") is None, header
    assert (describe("全年目标").why, describe("上年同期").why) == (GOAL, LAST_YEAR)


def _refusal(runner: CliRunner, workdir: Path, sheet: str, *args: str) -> str:
    """The last line ``tracker import s.csv *args`` prints of ``sheet``, which it must refuse."""
    result = import_text(runner, workdir, "s.csv", sheet, *args)
    assert result.exit_code == 1, result.output
    return result.stderr.splitlines()[-1]


def _record(runner: CliRunner, *entries: tuple[str, str, str]) -> None:
    for value, month, note in entries:
        result = runner.invoke(app, ["record", "innovation-space", value, "--date", month, "--note", note])
        assert result.exit_code == 0, result.output


def test_c18_last_months_column_is_neither_offered_nor_mapped(runner: CliRunner, workdir: Path) -> None:
    _record(runner, ("12.5", "2025-06", "1—6月新增（补记）"), ("0.9", "2025-07", "7月新增"))
    sheet = _AUGUST + "指标名称,上月\n新增创新空间面积,0.9\n"
    assert _refusal(runner, workdir, sheet) == (
        "error: s.csv: no row has a figure: '上月' (B) is the period before the sheet's, not its own figure; add the "
        "column of figures (1—N月累计, or 同比增长% for a rate), or record them with `tracker record`"
    )
    assert _refusal(runner, workdir, sheet, "--map", "上月=month_value") == (
        "error: --map: s.csv: '上月' holds the period before the sheet's, not its own figure; it is never the sheet's "
        "figure: import the sheet of that period, or add the column of this period's figures (1—N月累计, 本月)"
    )
    sheet = _AUGUST + "指标名称,截至上月累计\n新增创新空间面积,13.4\n"
    result = import_text(runner, workdir, "s.csv", sheet, "--map", "截至上月累计=month_value")
    assert result.exit_code == 1 and "'截至上月累计' holds the period before the sheet's" in result.stderr
    assert [e[2] for e in exported(runner)] == [12.5, 0.9]  # 13.4 万平方米 through July, nothing added


def test_c18_a_totals_column_up_to_last_month_is_never_filed_as_this_months(runner: CliRunner, workdir: Path) -> None:
    sheet = "临平经开区2025年8月主要经济指标\n指标名称,截至上月累计\n规模以上工业总产值,735.6\n"
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 1 and "=value" not in result.stderr
    result = import_text(runner, workdir, "s.csv", sheet, "--map", "截至上月累计=value")
    assert result.exit_code == 1 and "'截至上月累计' holds the period before the sheet's" in result.stderr
    assert exported(runner) == []


def test_c09_a_running_total_mapped_as_the_months_addition_is_refused(runner: CliRunner, workdir: Path) -> None:
    _record(runner, ("12.5", "2025-07", "1—7月新增（补记）"))
    sheet = "临平经开区2025年8月新增创新空间\n指标名称,1-8月累计（万平方米）\n新增创新空间面积,13.3\n"
    assert _refusal(runner, workdir, sheet, "--map", "1-8月累计（万平方米）=month_value") == (
        "error: --map: s.csv: '1-8月累计（万平方米）' holds the running total (1—8月); it is never the month's own figure: "
        "import it as it is (an increment's running total is checked against its entries), or use the 本月 column"
    )
    assert [e[2] for e in exported(runner)] == [12.5]


def test_c03_a_forecast_column_is_neither_offered_nor_mapped(runner: CliRunner, workdir: Path) -> None:
    sheet = "临平经开区2025年1-11月主要经济指标\n指标名称,全年预计\n规模以上工业总产值,1400\n"
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 1
    assert "note: s.csv: columns not used: 全年预计 (a forecast, not a figure)" in result.stderr
    assert result.stderr.splitlines()[-1] == (
        "error: s.csv: no row has a figure: '全年预计' (B) is a forecast, not a figure; add the column of figures "
        "(1—N月累计, or 同比增长% for a rate), or record them with `tracker record`"
    )
    assert _refusal(runner, workdir, sheet, "--map", "全年预计=value") == (
        "error: --map: s.csv: '全年预计' holds a forecast, not a figure; it is never the sheet's figure: record the figure "
        "reached so far (1—N月累计), not the forecast"
    )
    assert exported(runner) == []


_SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
_ROWS = {"新增创新空间面积": "科技局2025年8月新增创新空间面积情况", "规模以上工业总产值": "2025年8月主要经济指标"}


@_SETTINGS
@given(
    st.sampled_from(
        _EARLIER + _FORECASTS + _GOALS + _LAST_YEAR + ["截至今日累计", "至今累计", "开工以来累计", "截至今日数"]
    ),
    st.sampled_from(sorted(_ROWS)),
)
def test_no_hint_offers_a_map_that_is_refused(runner: CliRunner, workdir: Path, header: str, name: str) -> None:
    """Whatever a refusal offers with --map, following it is never refused by the kind of column."""
    (workdir / "progress.toml").unlink(missing_ok=True)
    result = import_text(runner, workdir, "s.csv", f"临平经开区{_ROWS[name]}\n指标名称,{header}\n{name},13.4\n")
    assert result.exit_code == 1
    for label, field in re.findall(r"--map '([^']+)=(\w+)'", result.stderr):
        assert field == "ignore" or refused_kind(label, field) is None, result.stderr
    assert exported(runner) == []


def test_an_increments_running_total_not_understood_is_not_offered_as_the_months(
    runner: CliRunner, workdir: Path
) -> None:
    sheet = _AUGUST + "指标名称,截至今日累计\n新增创新空间面积,13.4\n"
    assert _refusal(runner, workdir, sheet) == (
        "error: s.csv: no row has a figure in a column tracker understands (column '截至今日累计' (B) not understood); "
        "'截至今日累计' holds a running total, never the month's own addition: if it is the year so far, head it "
        "1—N月累计 (checked against the additions recorded), else give the month's own figures (本月新增)"
    )
