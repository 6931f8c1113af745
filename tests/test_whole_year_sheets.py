"""The year-end sheet, whose figures are the whole year's (the n19 trial's notes): a title of
``2025年度`` or a ``全年完成`` column under a title naming the year was refused "no date", though a
person reads 2025-12-31, the date the year's verdict rests on. A line labelled as the period
(``报告期：2025年8月``) is said to be that line, not "the title"."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers import exported, import_text


@pytest.mark.parametrize(
    ("title", "header"),
    [("临平经开区2025年度主要经济指标", "全年完成（亿元）"), ("临平经开区2025年度主要经济指标", "2025年（亿元）"),
     ("临平经开区2025年度主要经济指标", "本年累计（亿元）"), ("2025年主要经济指标完成情况", "全年完成（亿元）"),
     ("2025年主要经济指标完成情况", "全年（亿元）")],
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
