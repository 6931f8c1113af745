"""A two-row header whose group names the rows' sector with the unit (``工业（亿元）``) merged over
periods (``1-8月累计 | 8月``): the columns are the running total and the month's own in that unit
(the n17 trial, c03). A running total and a month's figure are never offered to be added up."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.column_kinds import describe
from ledger.stacked_labels import topic_over_period
from tests.conftest import ROOT
from tests.helpers import import_text

SLOW = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def _book(path: Path, group: str, periods: tuple[str, str] = ("1-8月累计", "8月")) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    for r in [
        ["临平经开区2025年1-8月主要经济指标"],
        ["指标名称", group, None],
        [None, *periods],
        ["规模以上工业总产值", 842.7, 112.4],
    ]:
        ws.append(r)
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:C2")
    book.save(path)


def _log(runner: CliRunner) -> list[tuple[str, str, str, str]]:
    import json

    out = json.loads(runner.invoke(app, ["log", "--format", "json"]).stdout)["entries"]
    return [(e["value"], e["month_value"], e["unit"], e["date"]) for e in out if e["target"] == "industrial-output"]


def test_c03_a_sector_with_its_unit_over_the_periods(runner: CliRunner, workdir: Path) -> None:
    _book(workdir / "s.xlsx", "工业（亿元）")
    result = runner.invoke(app, ["import", "s.xlsx"])
    assert result.exit_code == 0, result.output
    assert "without a figure" not in result.stderr and "合计" not in result.stderr
    assert [tuple(map(str, e)) for e in _log(runner)] == [("842.7", "112.4", "亿元", "2025-08-31")]


def test_a_change_over_the_periods_is_never_offered_as_a_total_of_parts(runner: CliRunner, workdir: Path) -> None:
    """增量（亿元） says something of its own: not read, and the hint never adds 1—8月 to 8月."""
    _book(workdir / "s.xlsx", "增量（亿元）")
    result = runner.invoke(app, ["import", "s.xlsx"])
    assert result.exit_code == 1
    assert "合计" not in result.stderr
    assert result.stderr.splitlines()[-1].endswith(
        "the columns '增量（亿元） 1-8月累计' (B), '增量（亿元） 8月' (C) give the figure of different periods (the year "
        "so far, a month's own), not parts: they never add up; if '增量（亿元） 1-8月累计' holds the figure, import it "
        "with --map '增量（亿元） 1-8月累计=value'"
    )


def test_a_whole_areas_group_is_never_offered(runner: CliRunner, workdir: Path) -> None:
    _book(workdir / "s.xlsx", "全区（亿元）")
    result = runner.invoke(app, ["import", "s.xlsx"])
    assert result.exit_code == 1
    assert "--map" not in result.stderr and "合计" not in result.stderr
    assert result.stderr.rstrip().endswith(
        "a whole area's figure (全区) is never a zone's within it: give the zone's own figures"
    )


TOPICS = ["工业", "外贸", "出口额", "工业增加值", "规上工业", "营业收入", "产值"]
UNITS = ["亿元", "万元", "单位：亿元"]
PERIODS = [("1-8月累计", "8月", "value", "month_value"), ("累计", "本月", "value", "month_value"),
           ("1-8月", "当月", "value", "month_value"), ("本年累计", "当月", "value", "month_value")]  # fmt: skip
NOT_TOPICS = ["增量", "增减额", "上年同期", "目标", "全区", "经开区", "占比", "差额", "计划", "其中经开区", "余额"]


@given(st.sampled_from(TOPICS), st.sampled_from(UNITS), st.sampled_from(PERIODS), st.sampled_from(["（）", "()"]))
def test_every_topic_with_its_unit_gives_each_period_its_field(
    topic: str, unit: str, periods: tuple[str, str, str, str], brackets: str
) -> None:
    group = f"{topic}{brackets[0]}{unit}{brackets[1]}"
    said = unit.removeprefix("单位：")
    for period, field in ((periods[0], periods[2]), (periods[1], periods[3])):
        col = describe(f"{group} {period}")
        assert (col.field, col.unit) == (field, said)
        assert col.running_total == (field == "value")


@given(st.sampled_from(NOT_TOPICS), st.sampled_from(UNITS), st.sampled_from(PERIODS))
def test_a_group_that_says_something_of_its_own_is_never_dropped(
    word: str, unit: str, periods: tuple[str, str, str, str]
) -> None:
    assert topic_over_period(f"{word}（{unit}） {periods[0]}") is None
    assert describe(f"{word}（{unit}） {periods[0]}").field is None


@SLOW
@given(st.sampled_from(NOT_TOPICS))
def test_no_hint_adds_a_running_total_to_a_month(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, word: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        shutil.copy(ROOT / "targets.toml", Path(d) / "targets.toml")
        monkeypatch.chdir(d)
        _book(Path(d) / "s.xlsx", f"{word}（亿元）")
        result = runner.invoke(app, ["import", "s.xlsx"])
        assert result.exit_code == 1
        assert "合计" not in result.stderr
        assert not (Path(d) / "progress.toml").exists()


def test_a_plain_csv_two_row_header_reads_the_same(runner: CliRunner, workdir: Path) -> None:
    text = "临平经开区2025年1-8月主要经济指标\n指标名称,工业（亿元）,\n,1-8月累计,8月\n规模以上工业总产值,842.7,112.4\n"
    result = import_text(runner, workdir, "s.csv", text)
    assert result.exit_code == 0, result.output
    assert [tuple(map(str, e)) for e in _log(runner)] == [("842.7", "112.4", "亿元", "2025-08-31")]
