"""A column of dates under another header than the date column's (the n19 trial's c13): a 台账 whose
carriers' dates are under ``完成时间`` (``完成日期``, ``竣工日期``, ``投用时间``) said "columns not used:
完成时间" and refused every row "no date; add a date column". The refusal names the column and the
``--map`` that reads it, in one line; the column is not read unasked (in a task list 完成时间 may be
the day a task is due)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.helpers import exported, import_text

_LIST = "临平经开区科技局2025年新增创新空间面积台账\n载体名称,{},新增面积（平方米）\n东湖孵化园,{},3000\n临平科创中心,{},5000\n"


def test_c13_a_column_of_dates_is_named_with_the_map_that_reads_it(runner: CliRunner, workdir: Path) -> None:
    sheet = _LIST.format("完成时间", "2025-03-15", "2025-04-10")
    result = import_text(runner, workdir, "l.csv", sheet, "--target", "innovation-space")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: l.csv: no date column, and column '完成时间' (B) holds dates; if they are the rows' dates, import with "
        "--map '完成时间=date'; else give --date YYYY-MM, the month the figures are for"
    ]
    result = import_text(runner, workdir, "l.csv", sheet, "--target", "innovation-space", "--map", "完成时间=date")
    assert result.exit_code == 0, result.output
    assert exported(runner) == [
        ("innovation-space", "2025-03-15", 3000, "平方米"),
        ("innovation-space", "2025-04-10", 5000, "平方米"),
    ]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # refused: nothing is written in workdir
@given(
    st.sampled_from(["完成时间", "完成日期", "竣工日期", "投用时间", "验收时间", "建成日期"]),
    st.sampled_from([("2025-03-15", "2025-04-10"), ("2025年3月", "2025年4月"), ("2025/3/15", "2025.4")]),
)
def test_every_header_of_a_time_over_dates_is_named(
    runner: CliRunner, workdir: Path, header: str, days: tuple[str, str]
) -> None:
    result = import_text(runner, workdir, "l.csv", _LIST.format(header, *days), "--target", "innovation-space")
    assert result.exit_code == 1
    assert f"--map '{header}=date'" in result.stderr and len(result.stderr.splitlines()) == 1
    assert not (workdir / "progress.toml").exists()


def test_a_day_planned_or_a_column_not_all_dates_is_not_offered(runner: CliRunner, workdir: Path) -> None:
    for header, a, b in (("计划完成时间", "2025-03-15", "2025-04-10"), ("完成时间", "2025-03-15", "已完成"),
                         ("填报日期", "2025-03-15", "2025-04-10")):  # fmt: skip
        result = import_text(runner, workdir, "l.csv", _LIST.format(header, a, b), "--target", "innovation-space")
        assert result.exit_code == 1 and "=date'" not in result.stderr, header
