"""A quarter's own additions (二季度新增, 4-6月新增, a 2025年第二季度 title over 新增) are the
figure of a target whose additions the plan reports quarterly — what `tracker sheet` asks for —
and are refused as before for any other target."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import read_ledger
from ledger.quarter_columns import is_quarter
from tests.conftest import ROOT

DEPARTMENTS = ROOT / "examples" / "departments"
NUMERALS = {1: "一", 2: "二", 3: "三", 4: "四"}


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The departments example's plan (高企 quarterly, kind increment) in a temporary folder."""
    shutil.copy(DEPARTMENTS / "targets.toml", tmp_path / "targets.toml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _import(runner: CliRunner, folder: Path, text: str, *args: str) -> tuple[int, str]:
    (folder / "q.csv").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["import", "q.csv", *args])
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "临平经开区科技局2025年6月\n指标名称,二季度新增（家）\n新认定高新技术企业,9\n",
            "figure: column '二季度新增（家）' (B3); unit: the header of '二季度新增（家）'; date: the title '临平经开区科技局2025年6月'",
        ),
        (
            "临平经开区科技局2025年第二季度新认定高新技术企业\n指标名称,新增（家）\n新认定高新技术企业,9\n",
            "figure: column '新增（家）' (B3); unit: the header of '新增（家）'; date: the title "
            "'临平经开区科技局2025年第二季度新认定高新技术企业'",
        ),
    ],
)
def test_a_quarterly_targets_quarter_column_is_its_addition(
    plan: Path, runner: CliRunner, text: str, said: str
) -> None:
    code, out = _import(runner, plan, text, "--dry-run")
    assert code == 0, out
    assert out.startswith(f"row 3: high-tech-firms = 9 家 as of 2025-06-30 — {said}")
    assert _import(runner, plan, text)[0] == 0
    (e,) = read_ledger(plan / "progress.toml")
    assert (e.target, str(e.date), e.value, e.unit) == ("high-tech-firms", "2025-06-30", 9, "家")


def test_what_tracker_sheet_asks_for_adds_up_with_the_first_quarter(plan: Path, runner: CliRunner) -> None:
    """Q1's 8 家 from the example's figures, then Q2's 9: the year holds 17 of 40 (42.5 %)."""
    assert runner.invoke(app, ["import", str(DEPARTMENTS / "figures-jan-may-illustrative.csv")]).exit_code == 0
    code, out = _import(runner, plan, "临平经开区科技局2025年6月\n指标名称,二季度新增（家）\n新认定高新技术企业,9\n")
    assert code == 0, out
    status = runner.invoke(app, ["status", "--as-of", "2025-07-31"])
    (line,) = [line for line in status.output.splitlines() if line.startswith("New high-tech")]
    assert " 17 " in line and "42.5%" in line
    assert [(str(e.date), e.value) for e in read_ledger(plan / "progress.toml") if e.target == "high-tech-firms"] == [
        ("2025-03-31", 8),
        ("2025-06-30", 9),
    ]


REFUSED = (
    "error: q.csv: column '二季度新增' (B) holds the figures of 4—6月 alone, not the year so far (1—6月): tracker "
    "records 1—N月 totals and growth and one month's additions; import the 1—6月 sheet or 6月's own additions, or "
    "use `tracker record`\n"
)


def test_a_quarter_column_is_refused_when_a_row_is_another_targets(plan: Path, runner: CliRunner) -> None:
    """新增创新空间面积 is reported monthly: its 4—6月 is no figure tracker records, so the sheet
    is refused whole, as before, and nothing is written."""
    text = "临平经开区科技局2025年6月\n指标名称,二季度新增\n新认定高新技术企业,9\n新增创新空间面积,2\n"
    assert _import(runner, plan, text) == (1, REFUSED)
    assert not (plan / "progress.toml").exists()


def test_a_quarter_column_is_refused_for_a_plan_without_quarterly_additions(workdir: Path, runner: CliRunner) -> None:
    assert _import(runner, workdir, "临平经开区2025年6月\n指标名称,二季度新增\n新增创新空间面积,2\n") == (1, REFUSED)


def test_a_quarters_growth_is_never_an_addition(plan: Path, runner: CliRunner) -> None:
    code, out = _import(runner, plan, "临平经开区科技局2025年6月\n指标名称,二季度增速%\n新认定高新技术企业,9\n")
    assert code == 1 and "4—6月 alone" in out


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(st.integers(2, 4), st.sampled_from(["{n}季度新增", "第{n}季度新增（家）", "{a}-{b}月新增", "Q{q}新增"]))
def test_any_quarters_additions_are_a_quarterly_targets(
    tmp_path_factory: pytest.TempPathFactory, runner: CliRunner, quarter: int, form: str
) -> None:
    """Q2, Q3, Q4 named in words, numerals, months or Q: the quarter's additions as of its end."""
    folder = tmp_path_factory.mktemp("q")
    shutil.copy(DEPARTMENTS / "targets.toml", folder / "targets.toml")
    last = quarter * 3
    header = form.format(n=NUMERALS[quarter], a=last - 2, b=last, q=quarter)
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(folder)
        code, out = _import(
            runner, folder, f"临平经开区科技局2025年{last}月\n指标名称,{header}\n新认定高新技术企业,9\n"
        )
    assert code == 0, out
    (e,) = read_ledger(folder / "progress.toml")
    assert (e.date.month, e.value) == (last, 9)


def test_only_a_calendar_quarter_is_one() -> None:
    assert [m for m in range(1, 13) if is_quarter(m, m + 2)] == [4, 7, 10]
    assert not is_quarter(7, 12)  # 下半年: two quarters
