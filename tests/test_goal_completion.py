"""完成值 beside 全年目标 or 完成率 (全年目标 50 | 完成值 12.5 | 完成率 25%) is what is done against the
year's goal: the year so far, a 1—N月 running total, never the month's own addition, even under
a month's title (2025年8月…). An addition's running total is refused with the month's own
figure worked out from the ledger (12.5 − 11.7 = 0.8).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from tests.helpers import exported, import_text

TITLE = "临平经开区科技局2025年8月创新空间建设完成情况\n"


def _ledger(runner: CliRunner) -> None:
    for value, month in (("5", "2025-04"), ("6.7", "2025-06")):
        assert runner.invoke(app, ["record", "innovation-space", value, "--date", month]).exit_code == 0


def test_the_completion_beside_its_goal_and_rate_is_the_year_so_far(runner: CliRunner, workdir: Path) -> None:
    _ledger(runner)
    text = TITLE + "指标名称,全年目标（万平方米）,完成值（万平方米）,完成率\n新增创新空间面积,50,12.5,25%\n"
    result = import_text(runner, workdir, "aug.csv", text)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "error: aug.csv: row 3: innovation-space adds up its entries (kind increment), but 12.5 is under "
        "'完成值（万平方米）', a 1—8月 running total, as the '完成率' column (D) beside it (progress against the goal, "
        "not growth) says; the ledger's additions make 11.7 万平方米 through 2025-06, so 2025-08's own addition is "
        "12.5 − 11.7 = 0.8 万平方米; record it instead of the running total: tracker record innovation-space 0.8 "
        "--date 2025-08, or give it in a 本月 column"
    )
    assert [v for _, _, v, _ in exported(runner)] == [5, 6.7]


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    st.sampled_from(["全年目标", "年度目标", "目标值", "年度计划", None]),
    st.sampled_from(["完成值", "完成数", "完成"]),
    st.sampled_from(["完成率", "完成进度", "完成率%", "占全年目标%", None]),
)
def test_no_completion_beside_a_goal_is_added_as_the_months(
    runner: CliRunner, workdir: Path, goal: str | None, done: str, rate: str | None
) -> None:
    """Whatever the words for the goal, the completion and the rate, with either beside it: never
    recorded as August's addition."""
    if goal is None and rate is None:
        return
    (workdir / "progress.toml").unlink(missing_ok=True)
    heads = ["指标名称", *([goal] if goal else []), f"{done}（万平方米）", *([rate] if rate else [])]
    cells = ["新增创新空间面积", *(["50"] if goal else []), "12.5", *(["25%"] if rate else [])]
    result = import_text(runner, workdir, "aug.csv", TITLE + ",".join(heads) + "\n" + ",".join(cells) + "\n")
    assert result.exit_code == 1, result.stderr
    assert "a 1—8月 running total" in result.stderr
    assert not (workdir / "progress.toml").exists()


@pytest.mark.parametrize("column", ["本月完成值（万平方米）", "8月新增（万平方米）"])
def test_the_months_own_column_beside_a_goal_is_the_months(runner: CliRunner, workdir: Path, column: str) -> None:
    """A column naming the month's own figure (本月, 8月) is read as it says, goal or not."""
    text = TITLE + f"指标名称,全年目标（万平方米）,{column},完成率\n新增创新空间面积,50,0.8,25%\n"
    result = import_text(runner, workdir, "aug.csv", text)
    assert result.exit_code == 0, result.stderr
    assert exported(runner) == [("innovation-space", "2025-08-31", 0.8, "万平方米")]
