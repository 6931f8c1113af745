"""A forecast is the value at the plan's end, and a plan's goal the whole plan's: a plan of a
year heads them 全年预计 and 年度目标, a longer one (a three-year plan, 2025–2027) 期末预计 and
计划目标 ("Plan-end forecast" in English), so that a 2027 figure shown at 2025-12-31 never
reads as the year's (README, "How progress is counted")."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from cli import app
from ledger.dates import add_months
from ledger.schedule import a_whole_year

HEAD = """version = 1

[plan]
id = "z"
name = "示例区三年行动计划（2025—2027年）"
start = {start}
end = {end}

[[action]]
id = "a"
name = "行动"

[[target]]
id = "invest"
action = "a"
name = "三年累计固定资产投资"
kind = "total"
unit = "亿元"
target = 360
owner = "发改局"
"""


def plan(folder: Path, start: str, end: str) -> CliRunner:
    (folder / "targets.toml").write_text(HEAD.format(start=start, end=end), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["record", "invest", "100", "--date", "2025-12"]).exit_code == 0
    return runner


def out(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture
def three_years(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(tmp_path)
    return plan(tmp_path, "2025-01-01", "2027-12-31")


def test_a_three_year_plan_heads_its_forecast_at_the_plan_s_end(three_years: CliRunner, tmp_path: Path) -> None:
    runner = three_years
    # 100 of 360 at 2025-12-31, a third of the way: 300 at today's pace by 2027-12-31.
    md = out(runner, "report", "--as-of", "2025-12", "--format", "markdown", "--lang", "zh").splitlines()
    assert "| 指标 | 责任单位 | 目标 | 当前 | 截至 | 进度 | 序时 | 状态 | 差距 | 期末预计 |" in md
    assert any(line.startswith("| 三年累计固定资产投资 |") and line.endswith("| 300 |") for line in md)
    en = out(runner, "report", "--as-of", "2025-12", "--format", "markdown", "--lang", "en")
    assert "| Plan-end forecast |" in en and "Forecast |" not in en.replace("Plan-end forecast |", "")
    table = out(runner, "status", "--as-of", "2025-12", "--lang", "zh")
    assert "期末预计" in table and "全年预计" not in table
    html = out(runner, "report", "--as-of", "2025-12", "--format", "html", "--lang", "zh")
    assert "<th>期末预计</th>" in html.replace(" class='num'", "") and "全年预计" not in html
    show = out(runner, "show", "invest", "--as-of", "2025-12", "--lang", "zh")
    assert "期末预计: 300" in show and "全年预计" not in show
    assert "Plan-end forecast: CNY 30.0 bn" in out(runner, "show", "invest", "--as-of", "2025-12", "--lang", "en")
    assert out(runner, "status", "--as-of", "2025-12", "--lang", "zh", "-o", "s.xlsx") == ""
    heads = next(load_workbook(tmp_path / "s.xlsx").worksheets[1].iter_rows(values_only=True))
    assert heads[-1] == "期末预计"


def test_a_three_year_plan_s_sheet_heads_the_plan_s_goal(three_years: CliRunner, tmp_path: Path) -> None:
    runner = three_years
    out(runner, "sheet", "--owner", "发改局", "--month", "2026-03", "-o", "s.csv", "--lang", "zh")
    rows = list(csv.reader(io.StringIO((tmp_path / "s.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0][:4] == ["指标/任务", "填报口径", "单位", "计划目标"]
    assert rows[1][3] == "360"
    out(runner, "sheet", "--owner", "发改局", "--month", "2026-03", "-o", "s.xlsx", "--lang", "zh")
    ws = load_workbook(tmp_path / "s.xlsx").worksheets[0]
    assert [c.value for c in ws[3]][3] == "计划目标"
    # Returned filled in, the sheet imports with its own columns known (none "not used").
    rows[1][rows[0].index("完成值")] = "130"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    (tmp_path / "back.csv").write_text(buffer.getvalue(), encoding="utf-8")
    result = runner.invoke(app, ["import", "back.csv"])
    assert result.exit_code == 0, result.stderr
    assert "not used" not in result.stderr


@pytest.mark.parametrize(("start", "end"), [("2025-01-01", "2025-12-31"), ("2025-07-01", "2026-06-30")])
def test_a_plan_of_a_year_keeps_the_year_s_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, start: str, end: str
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = plan(tmp_path, start, end)
    md = out(runner, "report", "--as-of", "2025-12", "--format", "markdown", "--lang", "zh")
    assert "| 差距 | 全年预计 |" in md and "期末预计" not in md
    assert "| Gap | Forecast |" in out(runner, "report", "--as-of", "2025-12", "--format", "markdown", "--lang", "en")
    out(runner, "sheet", "--owner", "发改局", "--month", "2025-12", "-o", "s.csv", "--lang", "zh")
    assert (tmp_path / "s.csv").read_text(encoding="utf-8-sig").split(",")[3] == "年度目标"


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)), st.integers(min_value=1, max_value=60))
def test_a_plan_is_of_a_year_when_it_ends_the_day_before_the_same_day_a_year_on(start: date, months: int) -> None:
    # A plan from the 1st over whole months: 12 months is a year's (全年); fewer or more is not.
    first = start.replace(day=1)
    end = add_months(first, months - 1)
    assert a_whole_year(first, end) == (months == 12)
    # Any plan: the day before its anniversary is the last day of a year's plan, no other day.
    assert a_whole_year(first, first.replace(year=first.year + 1) - timedelta(days=1))
    assert not a_whole_year(first, first.replace(year=first.year + 1))
    assert not a_whole_year(first, first.replace(year=first.year + 1) - timedelta(days=2))


def test_a_half_year_plan_heads_its_forecast_and_goal_as_the_period_s(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 2025-01-01..2025-06-30: its forecast is June's figure, its goal the half-year's; 全年预计 and
    # 年度目标 said they were the year's.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "targets.toml").write_text(HEAD.format(start="2025-01-01", end="2025-06-30"), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["record", "invest", "100", "--date", "2025-03"]).exit_code == 0
    md = out(runner, "report", "--as-of", "2025-03", "--format", "markdown", "--lang", "zh").splitlines()
    assert "| 指标 | 责任单位 | 目标 | 当前 | 截至 | 进度 | 序时 | 状态 | 差距 | 期末预计 |" in md
    assert "| Gap | Plan-end forecast |" in out(
        runner, "report", "--as-of", "2025-03", "-f", "markdown", "--lang", "en"
    )
    show = out(runner, "show", "invest", "--as-of", "2025-03", "--lang", "zh")
    assert "全年预计" not in show and "期末预计: 200" in show  # 100 at half way: 200 by 30 June
    out(runner, "sheet", "--owner", "发改局", "--month", "2025-03", "-o", "s.csv", "--lang", "zh")
    assert (tmp_path / "s.csv").read_text(encoding="utf-8-sig").split(",")[3] == "计划目标"


DUE_JUNE = HEAD.replace('owner = "发改局"\n', 'owner = "发改局"\ndue = 2025-06-30\n')


def test_a_target_due_before_the_plan_s_end_says_its_forecast_is_at_its_due(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A year's plan, a target due 2025-06-30: 100 at March's end, half its time, forecasts 200 at
    # 30 June, which 全年预计 / Forecast alone said was the year's.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "targets.toml").write_text(DUE_JUNE.format(start="2025-01-01", end="2025-12-31"), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["record", "invest", "100", "--date", "2025-03"]).exit_code == 0
    md = out(runner, "report", "--as-of", "2025-03", "--format", "markdown", "--lang", "zh").splitlines()
    assert "| 指标 | 责任单位 | 目标 | 当前 | 截至 | 进度 | 序时 | 状态 | 差距 | 全年预计 |" in md
    assert any(
        line.startswith("| 三年累计固定资产投资 |") and line.endswith("| 200（截至2025-06-30） |") for line in md
    )
    en = out(runner, "report", "--as-of", "2025-03", "--format", "markdown", "--lang", "en")
    assert "| 20.0 (by 2025-06-30) |" in en  # CNY bn, as the goal (CNY 36.0 bn)
    html = out(runner, "report", "--as-of", "2025-03", "--format", "html", "--lang", "zh")
    assert "<td class='num'>200（截至2025-06-30）</td>" in html
    show = out(runner, "show", "invest", "--as-of", "2025-03", "--lang", "zh")
    assert "全年预计: 200（截至2025-06-30）" in show
    table = out(runner, "status", "--as-of", "2025-03", "--lang", "en").splitlines()
    assert table[4].endswith(" behind            20.0") and table[5].endswith(" (by 2025-06-30)")
    assert out(runner, "status", "--as-of", "2025-03", "--lang", "zh", "-o", "s.xlsx") == ""
    ws = load_workbook(tmp_path / "s.xlsx").worksheets[1]
    rows = list(ws.iter_rows())
    assert rows[0][-1].value == "全年预计"
    assert (rows[1][-1].value, rows[1][-1].number_format) == (200, '#,##0" 亿元""（截至2025-06-30）"')
    # The department sheet: the goal, under 年度目标, is the goal at its due; the cell stays a number.
    out(runner, "sheet", "--owner", "发改局", "--month", "2025-03", "-o", "d.xlsx", "--lang", "zh")
    sheet = load_workbook(tmp_path / "d.xlsx").worksheets[0]
    assert [c.value for c in sheet[3]][3] == "年度目标"
    assert (sheet["D4"].value, sheet["D4"].number_format) == (360, '#,##0"（截至2025-06-30）"')
