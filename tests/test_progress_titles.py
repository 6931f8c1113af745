"""A sheet titled as a task report with no month (临平经开区科技局工作进展, 2025年度项目进展情况, 重点工作推进情况)
over an ordinary table: the title is read as a title. Its last words are those of a note's header
(进展情况: what was done in the month named), and a header naming no month crashed describe with an
UnboundLocalError before the table was found."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger.column_kinds import describe
from tests.helpers import exported, import_text

_ENDS = ["推进情况", "工作进展", "进展情况", "工作推进情况", "项目进展情况", "工作进展情况"]
_LEADS = ["", "临平经开区", "临平经开区科技局", "科技局"]
_MIDDLES = ["", "重点", "重点工作", "重点项目", "2025年重点工作", "年度"]
_STATUS = "重点任务,状态,截至日期\n新一轮大孵化器建设行动,推进中,2025-08\n"


@given(st.sampled_from(_LEADS), st.sampled_from(_MIDDLES), st.sampled_from(_ENDS))
def test_a_report_title_without_a_month_is_described_without_a_crash(lead: str, middle: str, end: str) -> None:
    column = describe(lead + middle + end)
    assert column.running_total is False and column.months is None


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # a dry run: nothing is written
@given(st.sampled_from(_LEADS), st.sampled_from(_MIDDLES), st.sampled_from(_ENDS))
def test_a_report_title_without_a_month_imports_the_table_under_it(
    runner: CliRunner, workdir: Path, lead: str, middle: str, end: str
) -> None:
    title = lead + middle + end
    result = import_text(runner, workdir, "p.csv", f"{title}\n{_STATUS}", "--dry-run")
    assert result.exit_code == 0, (title, result.stderr)
    assert "row 3: incubator = in_progress as of 2025-08-31" in result.stdout, title
    assert not (workdir / "progress.toml").exists()


def test_a_department_progress_report_imports(runner: CliRunner, workdir: Path) -> None:
    """The trial's dept-progress.csv: a traceback, exit 1, with or without --dry-run."""
    result = import_text(runner, workdir, "d.csv", f"临平经开区科技局工作进展\n{_STATUS}")
    assert result.exit_code == 0, result.stderr
    assert exported(runner) == [("incubator", "2025-08-31", None, None)]


def test_a_key_work_report_of_the_year_imports_its_figures(runner: CliRunner, workdir: Path) -> None:
    """The trial's work-progress.csv, dated by its date column."""
    sheet = "临平经开区重点工作推进情况\n指标名称,完成值（亿元）,截至日期\n规模以上工业总产值,842.7,2025-08\n"
    result = import_text(runner, workdir, "w.csv", sheet)
    assert result.exit_code == 0, result.stderr
    assert exported(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]
