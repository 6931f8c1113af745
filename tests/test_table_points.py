"""A rate's points are written 个百分点 / pp everywhere (README, "How progress is counted"): the
table's 同比 under a rate as the report's (同比+0.8个百分点, never 同比+0.8点), and a rate a hair
beyond its goal with enough places to be so (超目标 0.04 个百分点, never 0.0)."""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import append_entries
from tests.helpers import write_plan
from tests.test_yoy import LAST_YEAR, TARGETS, THIS_YEAR


def ok(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture
def yoy_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_plan(tmp_path, TARGETS)
    append_entries(tmp_path / "progress.toml", THIS_YEAR)
    append_entries(tmp_path / "progress-2024.toml", LAST_YEAR)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_tables_yoy_for_a_rate_is_in_percentage_points(yoy_dir: Path, runner: CliRunner) -> None:
    # 6.0 % against 5.2 % a year earlier: +0.8 points, as the report writes it.
    args = ("--as-of", "2025-06-30", "--previous-ledger", "progress-2024.toml")
    zh = ok(runner, "status", *args, "--lang", "zh").splitlines()
    assert [line for line in zh if "同比+0.8" in line] == ["增速                   同比+0.8个百分点"]
    assert not any("点" in line and "百分点" not in line for line in zh)
    en = ok(runner, "status", *args, "--lang", "en").splitlines()
    assert [line for line in en if "0.8pp" in line] == ["速                         +0.8pp y/y"]
    report = ok(runner, "report", *args, "--lang", "zh")
    assert "同比 +0.8 个百分点（上年同期 5.2%）" in report


def test_a_rate_a_hair_beyond_its_goal_says_by_how_much(workdir: Path, runner: CliRunner) -> None:
    # 6.04 % against 6 %: 0.04 points beyond, which one decimal rounded down would make 0.0.
    ok(runner, "record", "value-added-growth", "6.04", "--date", "2025-06")
    report = ok(runner, "report", "--as-of", "2025-06", "--lang", "zh").splitlines()
    assert "| 工业增加值增速 | 6% | 6.04% | 06-30 | +0.04 个百分点 |  | 达序时 | 超目标 0.04 个百分点 |  |" in report
    table = ok(runner, "status", "--as-of", "2025-06", "--lang", "zh").splitlines()
    assert "工业增加值增速                6% 6.04% 06-30 +0.04 个百分点      达序时" in table
    en = ok(runner, "report", "--as-of", "2025-06", "--lang", "en").splitlines()
    assert (
        "| Industrial value-added growth | 6% | 6.04% | 06-30 | +0.04 pp |  | on track | 0.04 pp better than target |  |"
        in en
    )
    show = ok(runner, "show", "value-added-growth", "--as-of", "2025-06", "--lang", "zh")
    assert "状态: 达序时  当前: 6.04% (截至 2025-06-30)  进度: +0.04 个百分点" in show.splitlines()


@given(st.decimals(min_value=-50, max_value=50, places=6, allow_nan=False, allow_infinity=False))
def test_points_shown_are_never_zero_for_a_gap_that_is_not(gap: Decimal) -> None:
    from ledger.render.text import points

    shown = points(gap)
    assert shown <= gap  # toward the unfinished side
    assert (shown == 0) == (gap == 0)  # 0.0 only exactly on target
    if gap >= Decimal("0.1") or gap < 0:
        assert shown == gap.quantize(Decimal("0.1"), rounding=ROUND_FLOOR)  # one decimal, as every gap
    elif gap > 0:
        assert shown * 10 > gap  # within its first significant place
