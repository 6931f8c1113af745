"""The year-end sheet, whose figures are the whole year's (the n19 trial's notes): a title of
``2025年度`` or a ``全年完成`` column under a title naming the year was refused "no date", though a
person reads 2025-12-31, the date the year's verdict rests on. A line labelled as the period
(``报告期：2025年8月``) is said to be that line, not "the title"."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.helpers import exported, import_text


@pytest.mark.parametrize(
    ("title", "header"),
    [("临平经开区2025年度主要经济指标", "全年完成（亿元）"), ("临平经开区2025年度主要经济指标", "2025年（亿元）"),
     ("临平经开区2025年度主要经济指标", "本年累计（亿元）"), ("2025年度目标任务完成情况", "全年完成（亿元）"),
     ("2025年度目标任务完成情况", "全年（亿元）")],
)  # fmt: skip
def test_a_sheet_of_the_whole_year_is_dated_at_its_end(
    runner: CliRunner, workdir: Path, title: str, header: str
) -> None:
    result = import_text(runner, workdir, "y.csv", f"{title}\n指标名称,{header}\n规上工业总产值,1260.4\n")
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("industrial-output", "2025-12-31", 1260.4, "亿元")]


@pytest.mark.parametrize(
    "title", ["2025年度目标任务完成情况", "2025年主要经济指标完成情况", "临平经开区2025年度主要经济指标（1-8月）"]
)
def test_no_whole_year_where_the_words_do_not_say_it(runner: CliRunner, workdir: Path, title: str) -> None:
    result = import_text(runner, workdir, "y.csv", f"{title}\n指标名称,本年累计（亿元）\n规上工业总产值,842.7\n")
    if "1-8月" in title:
        assert result.exit_code == 0 and exported(runner)[0][1] == "2025-08-31"
    else:  # a year's goals, or a year with no word of its whole: which month cannot be told
        assert result.exit_code == 1 and "no date" in result.stderr


def test_a_report_period_line_is_named_as_such(runner: CliRunner, workdir: Path) -> None:
    sheet = "临平经开区主要经济指标\n报告期：2025年8月\n指标名称,累计\n规上工业总产值,842.7\n"
    result = import_text(runner, workdir, "r.csv", sheet, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "date: the 报告期 line '报告期：2025年8月';" in result.stdout
    assert "the title '报告期" not in result.stdout


@pytest.mark.parametrize(
    "title", ["临平经开区2025年主要经济指标", "2025年度目标任务完成情况", "2025年主要经济指标完成情况"]
)
@pytest.mark.parametrize("header", ["全年累计（亿元）", "全年累计新增", "全年完成（亿元）", "全年（亿元）"])
def test_date_wins_over_a_header_of_the_year(runner: CliRunner, workdir: Path, title: str, header: str) -> None:
    result = import_text(
        runner, workdir, "y.csv", f"{title}\n指标名称,{header}\n规上工业总产值,842.7\n", "--date", "2025-08"
    )
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]


@pytest.mark.parametrize(
    ("title", "header"),
    [("临平经开区2025年主要经济指标", "全年累计（亿元）"), ("2025年度目标任务完成情况", "全年累计（亿元）"),
     ("2025年度目标任务完成情况", "全年累计新增"), ("2025年主要经济指标完成情况", "全年完成（亿元）"),
     ("2025年主要经济指标完成情况", "全年（亿元）")],
)  # fmt: skip
def test_the_year_so_far_or_a_title_not_of_the_whole_year_is_never_dated_at_its_end(
    runner: CliRunner, workdir: Path, title: str, header: str
) -> None:
    result = import_text(runner, workdir, "y.csv", f"{title}\n指标名称,{header}\n规上工业总产值,842.7\n")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: y.csv: row 3: no date; add a date column, or give --date YYYY-MM, the month its figures are for"
    ]
    assert not (workdir / "progress.toml").exists()


@given(st.sampled_from(["全年", "全 年", "全年完成", "全年完成值"]), st.sampled_from(["", "（亿元）", "(万平方米)"]))
def test_only_the_whole_years_words_say_the_whole_year(word: str, unit: str) -> None:
    from ledger.header_words import says_whole_year

    assert says_whole_year(word + unit)
    for more in ("累计", "累计新增", "新增", "目标", "预计", "计划", "累计完成"):
        assert not says_whole_year(word.replace("完成值", "").replace("完成", "") + more + unit), more


@pytest.mark.parametrize(
    "title",
    ["临平经开区2025年主要指标（年度考核口径）", "临平经开区2025年主要指标（年度统计口径）",
     "临平经开区主要指标（2025年度考核口径）", "临平经开区主要指标（2025年度统计口径）"],
)  # fmt: skip
def test_a_basis_of_the_year_is_no_whole_year(runner: CliRunner, workdir: Path, title: str) -> None:
    # 年度考核口径 is the basis the figures are counted on, not the months they cover: dated 12-31 they
    # would read as the year's verdict
    result = import_text(runner, workdir, "y.csv", f"{title}\n指标名称,全年完成（亿元）\n规上工业总产值,842.7\n")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: y.csv: row 3: no date; add a date column, or give --date YYYY-MM, the month its figures are for"
    ]


@pytest.mark.parametrize(
    ("title", "day"),
    [("临平经开区2025年1-8月主要指标（年度考核口径）", "2025-08-31"), ("临平经开区2025年上半年主要指标（年度考核口径）", "2025-06-30"),
     ("临平经开区2025年三季度主要指标（年度考核口径）", "2025-09-30"), ("临平经开区2025年度主要指标（年度统计口径）", "2025-12-31")],
)  # fmt: skip
def test_the_months_a_title_names_date_it_whatever_its_basis(
    runner: CliRunner, workdir: Path, title: str, day: str
) -> None:
    result = import_text(runner, workdir, "y.csv", f"{title}\n指标名称,全年完成（亿元）\n规上工业总产值,842.7\n")
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("industrial-output", day, 842.7, "亿元")]


_PARTS = ["1-8月", "8月", "1至8月", "一至八月", "上半年", "三季度", "前三季度", "Q3", "截至8月底"]


@given(
    st.sampled_from(["", "临平经开区", "杭州市临平区"]),
    st.sampled_from(["", "年度"]),
    st.sampled_from(_PARTS),
    st.sampled_from(["主要指标", "主要经济指标完成情况"]),
    st.sampled_from(["（年度考核口径）", "（年度统计口径）", "(2025年度考核口径)", "（年度）", ""]),
)
def test_a_title_naming_months_or_only_a_basis_never_names_the_whole_year(
    place: str, word: str, part: str, what: str, basis: str
) -> None:
    from ledger.header_words import title_whole_year

    assert title_whole_year(f"{place}2025年{part}{what}{basis}") is None  # months: never the whole year
    assert title_whole_year(f"{place}2025年度{what}{part}{basis}") is None
    plain = f"{place}2025年{what}{basis}"
    assert title_whole_year(plain) is None  # 年度 said of the basis alone, or not at all
    assert title_whole_year(f"{place}2025{word or '年度'}{what}{basis}") == 2025
