"""本期 ("this reporting period") is the period the sheet is for (the n20 trial's c09): in the bureau's
``本期 | 上年同期 | 增长%`` table titled ``2025年1-8月…`` it is 1—8月, compared with 上年同期. It was read as
August's own: an increment's 12 (the year so far) was added as August's addition beside July's 11.2
(23.2 instead of 12, ``check`` passing), a quarter's 4.5 as September's own, and the bureau table refused
for the total and the rate. Under a title naming one month 本期 is that month; beside a 累计 column it is
the month's own; where nothing says the period it is refused, naming the column."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.errors import TrackerError
from ledger.importing import read_table
from tests.helpers import exported, import_text

_BUREAU = (
    "临平经开区2025年1-8月主要经济指标\n指标名称,本期（亿元）,上年同期（亿元）,增长%\n"
    "规模以上工业总产值,842.7,800.1,5.3\n规模以上工业增加值,180.35,170.5,5.8\n"
)
_SPACE = "临平经开区2025年1-8月创新空间建设情况\n指标名称,本期（万平方米）,上年同期（万平方米）,增长%\n新增创新空间面积,12,10,20\n"


def _record(runner: CliRunner, *args: str) -> None:
    result = runner.invoke(app, ["record", "innovation-space", *args])
    assert result.exit_code == 0, result.output


def test_c09_the_bureau_table_under_a_span_gives_the_running_total_and_its_growth(
    runner: CliRunner, workdir: Path
) -> None:
    result = import_text(runner, workdir, "b.csv", _BUREAU)
    assert result.exit_code == 0, result.output
    assert (
        result.stderr.splitlines()[0]
        == "note: b.csv: columns not used: 上年同期（亿元） (last year's figure, for comparison)"
    )
    assert sorted(exported(runner)) == [
        ("industrial-output", "2025-08-31", 842.7, "亿元"),
        ("value-added-growth", "2025-08-31", 5.8, "%"),
    ]


def test_c09_an_increments_period_under_a_span_is_refused_as_the_year_so_far(runner: CliRunner, workdir: Path) -> None:
    _record(runner, "11.2", "--date", "2025-07", "--note", "1—7月新增（补记）")
    result = import_text(runner, workdir, "s.csv", _SPACE)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "error: s.csv: row 3: innovation-space adds up its entries (kind increment), but 12 is under '本期（万平方米）', "
        "a 1—8月 running total, as the title says; the ledger's additions make 11.2 万平方米 through 2025-07, so "
        "2025-08's own addition is 12 − 11.2 = 0.8 万平方米; record it instead of the running total: tracker record "
        "innovation-space 0.8 --date 2025-08, or give it in a 本月 column"
    )
    assert exported(runner) == [("innovation-space", "2025-07-31", 11.2, "万平方米")]


def test_c09_a_quarters_period_is_those_months_own(runner: CliRunner, workdir: Path) -> None:
    for args in (("10", "--date", "2025-06"), ("1.5", "--date", "2025-07"), ("1", "--date", "2025-08")):
        _record(runner, *args)
    text = "临平经开区2025年三季度创新空间建设情况\n指标名称,本期（万平方米）\n新增创新空间面积,4.5\n"
    result = import_text(runner, workdir, "q.csv", text)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: q.csv: the title '临平经开区2025年三季度创新空间建设情况' covers 7—9月 alone, so column '本期（万平方米）' (B) "
        "holds the figures of 7—9月 alone, not the year so far (1—9月): tracker records 1—N月 totals and growth and "
        "one month's additions; import the 1—9月 sheet or 9月's own additions, or use `tracker record`"
    ]
    assert len(exported(runner)) == 3


def test_under_one_months_title_this_period_is_that_month(runner: CliRunner, workdir: Path) -> None:
    text = _SPACE.replace("2025年1-8月", "2025年8月").replace(",12,10,20", ",0.8,0.5,60")
    result = import_text(runner, workdir, "m.csv", text)
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("innovation-space", "2025-08-31", 0.8, "万平方米")]
    assert "增长% (beside a single month's figure: the month's own growth, not year-to-date)" in result.stderr


def test_beside_a_running_total_this_period_is_the_months_own(runner: CliRunner, workdir: Path) -> None:
    text = "临平经开区2025年1-8月主要经济指标\n指标名称,本期（亿元）,累计（亿元）\n规模以上工业总产值,112.4,842.7\n"
    result = import_text(runner, workdir, "t.csv", text, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "industrial-output = 842.7 亿元 as of 2025-08-31" in result.stdout
    assert "本月 112.4 亿元: column '本期（亿元）' (B3)" in result.stdout


def test_without_a_period_above_the_header_this_period_is_refused(runner: CliRunner, workdir: Path) -> None:
    text = "指标名称,本期（万平方米）\n新增创新空间面积,12\n"
    for args in ((), ("--date", "2025-08")):
        result = import_text(runner, workdir, "n.csv", text, *args)
        assert result.exit_code == 1
        assert result.stderr.splitlines() == [
            "error: n.csv: column '本期（万平方米）' (B) holds the figure of the sheet's reporting period (本期), and "
            "nothing above the header says which period that is, one month or the year so far (--date and a date "
            "column say the day, not that); for the month's own, import with --map '本期（万平方米）=month_value' or add "
            "a title naming the month above the header (2025年8月…); for the year so far, add a title naming it "
            "(2025年1-8月…) or name the column so (1-8月累计)"
        ]
    assert exported(runner) == []


def test_a_month_column_leaves_this_period_refused_and_the_offered_map_reads_the_months_own(
    runner: CliRunner, workdir: Path
) -> None:
    # A department's sheet without a title: 月份 dates the row, but whether 3 is August's or the year's it
    # cannot say. The --map the refusal offers reads it as August's own addition.
    text = "指标名称,本期完成,单位,月份\n新增创新空间面积,3,万平方米,2025年8月\n"
    result = import_text(runner, workdir, "d.csv", text)
    assert result.exit_code == 1
    assert "for the month's own, import with --map '本期完成=month_value'" in result.stderr
    assert exported(runner) == []
    result = import_text(runner, workdir, "d.csv", text, "--map", "本期完成=month_value")
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("innovation-space", "2025-08-31", 3, "万平方米")]


def test_the_offered_map_with_date_reads_the_months_own(runner: CliRunner, workdir: Path) -> None:
    text = "指标名称,本期（万平方米）\n新增创新空间面积,12\n"
    result = import_text(runner, workdir, "n.csv", text, "--date", "2025-08", "--map", "本期（万平方米）=month_value")
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("innovation-space", "2025-08-31", 12, "万平方米")]


_WORDS = ["本期", "当期", "本期数", "本期完成", "本期实际", "当期新增", "本期新增面积", "完成值（本期）"]
_SPANS = ["2025年1-8月", "2025年1至8月", "2025年1月-8月", "2025年一至八月", "2025年前三季度"]


@given(st.sampled_from(_WORDS), st.sampled_from(_SPANS), st.sampled_from(["", "（亿元）"]))
def test_this_period_under_a_span_is_its_running_total(word: str, span: str, unit: str) -> None:
    text = f"临平经开区{span}主要经济指标\n指标名称,{word}{unit},上年同期{unit},增长%\n规模以上工业总产值,842.7,800.1,5.3\n"
    table = read_table("s.csv", text.encode(), "csv")
    value = table.by_field["value"]
    months = 9 if "三季度" in span else 8
    assert (value.running_total, value.months, value.label) == (True, months, f"{word}{unit}"), (word, span)
    assert table.by_field["growth"].label == "增长%"
    assert "month_value" not in table.by_field


@given(st.sampled_from(_WORDS), st.sampled_from(["2025年8月", "2025年八月", "2025年8月份"]))
def test_this_period_under_one_month_stays_its_own(word: str, title: str) -> None:
    text = f"临平经开区{title}主要经济指标\n指标名称,{word}\n规模以上工业总产值,112.4\n"
    table = read_table("s.csv", text.encode(), "csv")
    assert table.by_field["month_value"].label == word and "value" not in table.by_field


@given(st.sampled_from(_WORDS))
def test_this_period_with_no_period_said_is_refused(word: str) -> None:
    text = f"指标名称,{word}\n规模以上工业总产值,112.4\n"
    try:
        read_table("s.csv", text.encode(), "csv")
    except TrackerError as e:
        assert "holds the figure of the sheet's reporting period (本期)" in str(e)
    else:
        raise AssertionError(word)
