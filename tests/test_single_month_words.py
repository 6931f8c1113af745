"""A header saying 本月, 当月, 单月, 本期 or 当期 anywhere (本月产值, 8月单月, 完成值（本月）, 单月增速,
同比增速（当月）) holds the month's own figure or growth (the n11 trial's c07, c08): never the 1—N月
running total nor year-to-date growth, never offered as ``--map '…=value'``, and so mapped refused."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger.column_kinds import MONTHS_GROWTH, describe
from ledger.layout import _refused_map
from tests.helpers import exported, import_text

_WORDS = ["本月", "当月", "单月", "本期", "当期"]
_FIGURES = ["", "产值", "完成值", "绝对值", "完成", "新增", "投资额", "营业收入"]
_GROWTHS = ["增速", "同比增长", "同比增速", "增长率", "增幅"]
_UNITS = ["", "（亿元）", "(万元)"]
_AUGUST = "临平经开区2025年8月主要经济指标\n"


def _forms(word: str, rest: str) -> list[str]:
    """The ways a sheet puts a month word with the rest of a header: before, after in brackets."""
    return [word + rest] + ([f"{rest}（{word}）", f"{rest}({word})"] if rest else [])


@given(st.sampled_from(_WORDS), st.sampled_from(_FIGURES), st.sampled_from(_UNITS), st.data())
def test_a_month_word_makes_a_figure_the_months_own(word: str, rest: str, unit: str, data: st.DataObject) -> None:
    header = data.draw(st.sampled_from(_forms(word, rest))) + unit
    column = describe(header)
    assert (column.field, column.running_total) == ("month_value", False), header
    refused = _refused_map(header, "value")
    assert refused is not None and "not the 1—N月 running total; map it to month_value" in refused


@given(st.sampled_from(_WORDS), st.sampled_from(_GROWTHS), st.sampled_from(["", "(%)", "（%）"]), st.data())
def test_a_month_word_makes_a_growth_the_months_own(word: str, rest: str, unit: str, data: st.DataObject) -> None:
    header = data.draw(st.sampled_from([*_forms(word, rest), f"{rest}{unit}（{word}）"]))
    if not header.endswith("）") or unit not in header:
        header += unit
    assert (describe(header).field, describe(header).why) == (None, MONTHS_GROWTH), header
    assert _refused_map(header, "growth") is not None


def test_after_a_month_the_words_single_and_own_month_leave_its_figure() -> None:
    assert (describe("8月单月（亿元）").field, describe("8月单月（亿元）").months) == ("month_value", 8)
    assert describe("8月（当月）").field == "month_value"
    # the year so far to this month, and a month's rank or note, are not the month's own figure
    assert (describe("本月止累计").field, describe("截至本月累计").running_total) == ("value", True)
    # (本月排名 is a place, a rank target's figure alone: tests/test_rank_columns.py)
    assert describe("本月排名").field == "rank" and describe("本月进展情况").field == "note"
    assert describe("八月份报送数").field is None  # a bureau's August report may be the 1—8月 figure


def test_c07_the_months_output_is_never_offered_nor_mapped_as_the_running_total(
    runner: CliRunner, workdir: Path
) -> None:
    sheet = _AUGUST + "指标名称,本月产值（亿元）\n规模以上工业总产值,112.4\n"
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 1 and "=value'" not in result.stderr
    assert result.stderr.splitlines()[-1] == (
        "error: s.csv: row 3: industrial-output records the running total (1—N月累计), but the row gives only the "
        "month's own figure (112.4 under '本月产值（亿元）' (B3)); add the 1—N月 column beside it, or record the running "
        "total with `tracker record industrial-output FIGURE --month-value 112.4`"
    )
    result = import_text(runner, workdir, "s.csv", sheet, "--map", "本月产值（亿元）=value")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "error: --map: s.csv: '本月产值（亿元）' holds the month's own figure (本月, 当月, 本期), not the 1—N月 running "
        "total; map it to month_value, or use the 1—N月累计 column"
    )
    result = import_text(
        runner, workdir, "s.csv", sheet.replace("本月产值", "8月单月"), "--map", "8月单月（亿元）=value"
    )
    assert result.stderr.splitlines()[-1] == (
        "error: --map: s.csv: '8月单月（亿元）' names month 8 alone, whose figure is the month's own, not the 1—8月 "
        "running total; map it to month_value"
    )
    assert exported(runner) == []


def test_c08_a_single_months_growth_is_never_the_rates(runner: CliRunner, workdir: Path) -> None:
    sheet = _AUGUST + "指标名称,单月增速(%)\n工业增加值增速,9.1\n"
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "error: s.csv: no row has a figure: '单月增速(%)' (B) is a single month's growth, not year-to-date; add the "
        "year-to-date figures (1-8月累计, or 1-8月同比增长% for a rate), or record them with `tracker record`"
    )
    sheet = _AUGUST.replace("8月", "1-8月") + "指标名称,1-8月累计（亿元）,单月增速(%)\n规模以上工业增加值,180.3,9.1\n"
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 1 and "9.1%" not in result.stdout
    sheet = _AUGUST + "指标名称,单月增速(%),累计增速(%)\n工业增加值增速,9.1,5.8\n"
    result = import_text(runner, workdir, "s.csv", sheet)
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("value-added-growth", "2025-08-31", 5.8, "%")]
