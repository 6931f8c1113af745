"""A column of additions read as a stock's level (the n12 trial, c13): the plan counts 高新技术企业
as a stock (kind total, baseline 300 → 340, July's 330 recorded); 科技局's sheet gives the year's new
firms under '新增（家）' 35, which was imported as the stock, and `check` then blamed the baseline
with advice that, followed, kept 35 as the stock. Every wording of additions is refused for a stock,
and check names the odd figure instead of the baseline when an earlier reading was on its side."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import load_plan
from ledger.row_entry import additions_as_level
from ledger.table import Column

PLAN = """version = 1
[plan]
id = "p-2025"
name = "临平经开区2025年计划"
start = 2025-01-01
end = 2025-12-31
[[action]]
id = "a"
name = "行动"
[[target]]
id = "ht"
action = "a"
name = "高新技术企业数"
aliases = ["有效高新技术企业"]
kind = "total"
unit = "家"
baseline = 300
target = 340
[[target]]
id = "output"
action = "a"
name = "工业总产值"
kind = "total"
unit = "亿元"
target = 1360
"""


_FOLDER = Path(tempfile.mkdtemp(prefix="tracker-stock-"))
(_FOLDER / "targets.toml").write_text(PLAN, encoding="utf-8")
LOADED = load_plan(_FOLDER / "targets.toml")


@pytest.fixture
def plan(workdir: Path, runner: CliRunner) -> Path:
    (workdir / "targets.toml").write_text(PLAN, encoding="utf-8")
    assert runner.invoke(app, ["record", "ht", "330", "--date", "2025-07"]).exit_code == 0
    return workdir


def _sheet(workdir: Path, header: str) -> None:
    (workdir / "s.csv").write_text(
        f"临平经开区2025年8月科技指标\n指标名称,{header}\n有效高新技术企业,35\n", encoding="utf-8"
    )


@pytest.mark.parametrize(
    "header", ["新增（家）", "本年新增（家）", "1-8月新增（家）", "今年以来新增", "本月新增（家）", "8月新增"]
)
def test_c13_additions_are_not_a_stocks_level(header: str, plan: Path, runner: CliRunner) -> None:
    _sheet(plan, header)
    before = (plan / "progress.toml").read_text()
    result = runner.invoke(app, ["import", "s.csv"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"error: s.csv: row 3: ht records the level as it stands (a stock: kind total with a baseline), but {header!r} "
        "(B3) holds what was added (35), not the level; add the column of the level at the month's end (N月末, 完成值) "
        "beside it, or record the level with `tracker record ht LEVEL`"
    )
    assert (plan / "progress.toml").read_text() == before


def test_the_level_at_the_months_end_is_read(plan: Path, runner: CliRunner) -> None:
    _sheet(plan, "8月末（家）")
    assert runner.invoke(app, ["import", "s.csv"]).exit_code == 0
    status = json.loads(runner.invoke(app, ["status", "--as-of", "2025-08", "--format", "json"]).stdout)
    [ht] = [t for a in status["actions"] for t in a["targets"] if t["id"] == "ht"]
    assert ht["current"] == 35  # the sheet's own word for it: a fall, which a stock may make


def test_check_names_the_odd_figure_not_the_baseline(plan: Path, runner: CliRunner) -> None:
    recorded = runner.invoke(app, ["record", "ht", "35", "--date", "2025-08", "--force"])
    entry = recorded.stdout.split()[1].rstrip(":")
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    assert result.stderr == (
        "error: targets.toml: target 'ht': the figure 35 家 as of 2025-08-31 lies beyond its baseline 300 家 away "
        "from the target 340 家, though 330 家 as of 2025-07-31 did not: is it what was added (新增) rather than the "
        f"stock? if so, tracker void {entry} --reason 更正 and record the level\n"
    )
    assert "previous = 300" not in result.stderr


periods = st.sampled_from(["", "本年", "1-8月", "今年以来", "本月", "8月", "2025年", "年内", "累计"])
words = st.sampled_from(["新增", "净增", "新认定", "新引进", "新增数", "新增企业"])
units = st.sampled_from(["", "（家）", "(个)"])


@given(periods, words, units)
def test_every_column_of_additions_is_refused_for_a_stock_only(period: str, word: str, unit: str) -> None:
    column = Column(2, period + word + unit, "value")
    assert additions_as_level(LOADED.find("ht"), column)
    assert not additions_as_level(LOADED.find("output"), column)  # a running total's 1—N月新增 is its figure


@given(st.sampled_from(["8月末", "完成值", "累计数", "本月止累计", "工业增加值", "增加值（亿元）"]), units)
def test_a_level_or_a_quantity_is_no_addition(label: str, unit: str) -> None:
    assert not additions_as_level(LOADED.find("ht"), Column(2, label + unit, "value"))
