"""A running total (1—N月累计) for an addition target (kind increment): the 累计 beside the month's
addition takes its unit as the month's figure does, and one whose unit is not the target's kind
is refused, not left unchecked; a 累计 given alone is answered with what the ledger holds."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cli import app

# 1-8月 累计 | 8月 本月 under a 单位：亿元 line; the row's name says its own unit, 万平方米.
BUREAU = """临平经开区2025年1-8月主要经济指标
单位：亿元,,,,,2025年8月
指标名称,1-8月,,8月,,
,累计,同比增长%,本月,同比增长%,备注
规模以上工业总产值,890,3.2,125,2.1,
新增创新空间面积（万平方米）,{running},,2.0,,
"""


def _current(runner: CliRunner, as_of: str) -> object:
    doc = json.loads(runner.invoke(app, ["status", "--as-of", as_of, "-f", "json"]).stdout)
    return next(t["current"] for a in doc["actions"] for t in a["targets"] if t["id"] == "innovation-space")


def test_the_rows_name_gives_the_running_totals_unit_over_the_unit_line(workdir: Path, runner: CliRunner) -> None:
    assert runner.invoke(app, ["record", "innovation-space", "17.5", "--date", "2025-07"]).exit_code == 0
    (workdir / "aug.csv").write_text(BUREAU.format(running="21.5"), encoding="utf-8")
    refused = runner.invoke(app, ["import", "aug.csv", "--skip-unknown"])
    assert refused.exit_code == 1
    # 17.5 + 2.0 = 19.5 万平方米, not the 21.5 the sheet says: read in 万平方米 (the name's), not 亿元 (the line's).
    assert (
        "error: aug.csv: row 6: innovation-space: the sheet's running total through 2025-08-31 under '1-8月 累计' "
        "(B6) is 21.5 万平方米, but the ledger's additions through that date with this row's make 17.5 + 2 = "
        "19.5 万平方米;" in refused.stderr
    )
    assert _current(runner, "2025-08-31") == 17.5  # nothing written
    (workdir / "aug.csv").write_text(BUREAU.format(running="19.5"), encoding="utf-8")
    done = runner.invoke(app, ["import", "aug.csv", "--skip-unknown"])
    assert done.exit_code == 0, done.stderr
    assert _current(runner, "2025-08-31") == 19.5


def test_a_running_total_in_a_unit_of_another_kind_is_refused(workdir: Path, runner: CliRunner) -> None:
    assert runner.invoke(app, ["record", "innovation-space", "17.5", "--date", "2025-07"]).exit_code == 0
    (workdir / "s.csv").write_text(
        "临平经开区2025年8月主要经济指标\n指标名称,本月（万平方米）,1-8月累计（亿元）\n新增创新空间面积,2.0,21.5\n",
        encoding="utf-8",
    )
    refused = runner.invoke(app, ["import", "s.csv"])
    assert refused.exit_code == 1
    assert refused.stderr.startswith(
        "error: s.csv: row 3: the running total 21.5 under '1-8月累计（亿元）' (C3) is in 亿元, which cannot be "
        "converted to 万平方米, the unit of innovation-space; correct the unit in the running total's header, the "
        "单位 cell or the 单位 line\n"
    )
    assert _current(runner, "2025-08-31") == 17.5


def test_a_running_total_headed_against_the_rows_name_is_refused(workdir: Path, runner: CliRunner) -> None:
    (workdir / "s.csv").write_text(
        "临平经开区2025年8月主要经济指标\n指标名称,本月,1-8月累计（亿元）\n新增创新空间面积（万平方米）,2.0,19.5\n",
        encoding="utf-8",
    )
    refused = runner.invoke(app, ["import", "s.csv"])
    assert refused.exit_code == 1
    assert (
        "row 3: the row's name '新增创新空间面积（万平方米）' says 万平方米 but column '1-8月累计（亿元）' says 亿元; "
        "correct one of them" in refused.stderr
    )


ALONE = "临平经开区2025年8月主要经济指标\n指标名称,1-8月累计,单位\n新增创新空间面积,{running},万平方米\n"


def _refused_alone(workdir: Path, runner: CliRunner, running: str) -> str:
    """The stderr of importing ALONE with ``running`` as its 1-8月累计, which is refused."""
    (workdir / "s.csv").write_text(ALONE.format(running=running), encoding="utf-8")
    refused = runner.invoke(app, ["import", "s.csv"])
    assert refused.exit_code == 1
    return refused.stderr


def _seven_months(runner: CliRunner) -> None:
    for month in range(1, 8):
        assert runner.invoke(app, ["record", "innovation-space", "2.5", "--date", f"2025-{month:02}"]).exit_code == 0


def test_a_running_total_alone_gives_the_months_addition_the_ledger_implies(workdir: Path, runner: CliRunner) -> None:
    _seven_months(runner)  # 7 × 2.5 = 17.5 万平方米 through July
    stderr = _refused_alone(workdir, runner, "19.5")
    assert stderr.startswith(
        "error: s.csv: row 3: innovation-space adds up its entries (kind increment), but 19.5 is under "
        "'1-8月累计', a running total; the ledger's additions make 17.5 万平方米 through 2025-07, so 2025-08's own addition is 19.5 − 17.5 = 2.0 万平方米; record it instead of the running total: "
        "tracker record innovation-space 2 --date 2025-08, or give it in a 本月 column\n"
    )
    assert 'kind = "total"' not in stderr
    assert runner.invoke(app, ["record", "innovation-space", "2", "--date", "2025-08"]).exit_code == 0
    assert _current(runner, "2025-07-31") == 17.5
    assert _current(runner, "2025-08-31") == 19.5


def test_a_running_total_alone_below_the_ledgers_sum_disagrees(workdir: Path, runner: CliRunner) -> None:
    _seven_months(runner)
    stderr = _refused_alone(workdir, runner, "15")
    assert stderr.startswith(
        "error: s.csv: row 3: innovation-space adds up its entries (kind increment), but 15 is under "
        "'1-8月累计', a running total; the ledger's additions make 17.5 万平方米 through 2025-07, more than its 15 "
        "万平方米: they disagree; compare the sheet with tracker log innovation-space"
    )
    assert 'kind = "total"' not in stderr and "tracker record" not in stderr


def test_a_running_total_alone_with_an_empty_ledger_keeps_the_kind_hint(workdir: Path, runner: CliRunner) -> None:
    assert 'make the target kind = "total"' in _refused_alone(workdir, runner, "19.5")
