"""Months side by side (``6月新增 | 7月新增 | 8月新增``): for an addition each month's column is that month's own,
recorded dated its month's end, where June's and July's were passed over "for comparison" and lost
(科技局's summer sheet: the year read 13 万平方米, not 16.5). Never counted twice: a month the ledger holds
with the same figure is passed over, with another figure refused, and one it lacks while it holds a later
month's addition (perhaps the months' sum) refused."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.dates import month_end
from tests.helpers import exported, import_text

_TITLE = "临平经开区科技局2025年创新空间建设情况\n"
_WIDE = _TITLE + "指标名称,6月新增（万平方米）,7月新增（万平方米）,8月新增（万平方米）\n新增创新空间面积,1.5,2,3\n"
_READ = (
    "note: w.csv: columns '6月新增（万平方米）', '7月新增（万平方米）' read as their months' own additions, each dated "
    "its month's end, beside '8月新增（万平方米）'"
)


def _record(runner: CliRunner, *args: str) -> None:
    result = runner.invoke(app, ["record", "innovation-space", *args])
    assert result.exit_code == 0, result.output


def _current(runner: CliRunner) -> float:
    status = runner.invoke(app, ["status", "--as-of", "2025-08", "--format", "json"])
    return next(t for a in json.loads(status.stdout)["actions"] for t in a["targets"] if t["id"] == "innovation-space")[
        "current"
    ]


def test_c08_the_summers_additions_are_each_recorded(runner: CliRunner, workdir: Path) -> None:
    _record(runner, "10", "--date", "2025-05", "--note", "1—5月新增（补记）")
    result = import_text(runner, workdir, "w.csv", _WIDE)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [_READ]
    assert sorted(exported(runner)) == [
        ("innovation-space", "2025-05-31", 10, "万平方米"),
        ("innovation-space", "2025-06-30", 1.5, "万平方米"),
        ("innovation-space", "2025-07-31", 2, "万平方米"),
        ("innovation-space", "2025-08-31", 3, "万平方米"),
    ]
    assert _current(runner) == 16.5


def test_c08_a_title_naming_the_months_reads_the_same(runner: CliRunner, workdir: Path) -> None:
    sheet = _WIDE.replace("建设情况", "建设情况（6-8月）")
    result = import_text(runner, workdir, "w.csv", sheet, "--dry-run")
    assert result.exit_code == 0, result.output
    assert [line.split(" — ")[0] for line in result.stdout.splitlines()[:3]] == [
        "row 3: innovation-space = 3 万平方米 as of 2025-08-31",
        "row 3: innovation-space = 1.5 万平方米 as of 2025-06-30",
        "row 3: innovation-space = 2 万平方米 as of 2025-07-31",
    ]


def test_months_the_ledger_holds_with_the_same_figure_are_passed_over(runner: CliRunner, workdir: Path) -> None:
    _record(runner, "1.5", "--date", "2025-06")
    result = import_text(runner, workdir, "w.csv", _WIDE)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "note: w.csv: columns '7月新增（万平方米）' read as their months' own additions, each dated its month's end, "
        "beside '8月新增（万平方米）'",
        "note: w.csv: passed over, the ledger holds the month's additions already: innovation-space 1.5 万平方米 "
        "under '6月新增（万平方米）' (row 3)",
    ]
    assert _current(runner) == 6.5
    again = import_text(runner, workdir, "w.csv", _WIDE)  # the same sheet twice: August's is the duplicate
    assert again.exit_code == 1
    assert "passed over, the ledger holds the month's additions already" in again.stderr
    assert "innovation-space 3 万平方米 as of 2025-08-31 is already in the ledger" in again.stderr
    assert _current(runner) == 6.5


def test_a_month_the_ledger_holds_with_another_figure_is_refused(runner: CliRunner, workdir: Path) -> None:
    _record(runner, "1.2", "--date", "2025-06")
    result = import_text(runner, workdir, "w.csv", _WIDE)
    assert result.exit_code == 1
    assert (
        "error: w.csv: row 3: innovation-space 1.5 万平方米 as of 2025-06-30 would add to the 1.2 万平方米 already "
        "added in 2025-06 by an earlier import or record (entry "
    ) in result.stderr
    assert [e[1] for e in exported(runner)] == ["2025-06-30"]


def test_a_month_missing_before_a_later_addition_is_refused(runner: CliRunner, workdir: Path) -> None:
    """13.5 as of July may be 1—7月's sum: June's 1.5 could be in it already."""
    _record(runner, "13.5", "--date", "2025-07", "--note", "1—7月新增（补记）")
    (july,) = [
        json.loads(line)["id"] for line in runner.invoke(app, ["export", "--format", "jsonl"]).stdout.splitlines()
    ]
    result = import_text(runner, workdir, "w.csv", _WIDE)
    assert result.exit_code == 1
    assert (
        "error: w.csv: row 3: innovation-space 1.5 万平方米 under '6月新增（万平方米）' is 2025-06's addition, which the "
        f"ledger does not hold, but it holds a later one (13.5 万平方米 as of 2025-07-31, entry {july}) that may "
        "include it; if it does not, record 2025-06's with `tracker record innovation-space 1.5 --date 2025-06` "
        "first; if it does, import with --map '6月新增（万平方米）=ignore'"
    ) in result.stderr.splitlines()
    assert len(exported(runner)) == 1


def test_a_totals_row_keeps_the_latest_month_alone(runner: CliRunner, workdir: Path) -> None:
    sheet = (
        "临平经开区2025年8月主要经济指标\n指标名称,7月（亿元）,8月（亿元）,1-8月累计（亿元）\n"
        "规模以上工业总产值,100.3,112.4,842.7\n"
    )
    result = import_text(runner, workdir, "t.csv", sheet)
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]
    assert "7月（亿元） (an earlier period than '8月（亿元）', for comparison)" in result.stderr


_HEADS = ["{}月新增", "{}月新增（万平方米）", "{}月", "{}月完成"]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=40)
@given(
    st.integers(min_value=5, max_value=12),
    st.integers(min_value=2, max_value=4),
    st.sampled_from(_HEADS),
    st.lists(st.integers(min_value=1, max_value=40), min_size=4, max_size=4),
    st.integers(min_value=0, max_value=3),
)
def test_each_months_addition_counts_once(
    runner: CliRunner, workdir: Path, latest: int, width: int, head: str, tenths: list[int], held: int
) -> None:
    """Months ``latest-width+1 … latest`` side by side, the ledger holding the first ``held`` of the earlier
    ones with the sheet's figures: the year's additions are the sheet's, each month once."""
    (workdir / "progress.toml").unlink(missing_ok=True)
    months = list(range(latest - width + 1, latest + 1))
    figures = [Decimal(t) / 10 for t in tenths[:width]]
    held = min(held, width - 1)
    for m, f in zip(months[:held], figures, strict=False):
        _record(runner, str(f), "--date", f"2025-{m:02d}")
    header = ",".join(head.format(m) for m in months)
    sheet = f"临平经开区科技局2025年{latest}月创新空间建设情况\n指标名称,{header}\n新增创新空间面积,{','.join(map(str, figures))}\n"
    result = import_text(runner, workdir, "p.csv", sheet)
    assert result.exit_code == 0, (sheet, result.output)
    added = sorted((e[1], Decimal(str(e[2]))) for e in exported(runner))
    assert added == [(month_end(2025, m).isoformat(), f) for m, f in zip(months, figures, strict=True)]


def test_a_running_total_beside_the_months_is_held_to_them_all(runner: CliRunner, workdir: Path) -> None:
    """1-8月累计 beside the months: the latest month's, checked against the ledger's additions and the sheet's
    three; the earlier months' readings carry none of it."""
    _record(runner, "10", "--date", "2025-05", "--note", "1—5月新增（补记）")
    sheet = _WIDE.replace("（万平方米）\n", "（万平方米）,1-8月累计（万平方米）\n").replace(",3\n", ",3,12\n")
    result = import_text(runner, workdir, "w.csv", sheet)
    assert result.exit_code == 1
    assert "the ledger's additions through that date with this row's make 13.5 + 3 = 16.5 万平方米" in result.stderr
    result = import_text(runner, workdir, "w.csv", sheet.replace(",3,12\n", ",3,16.5\n"), "--dry-run")
    assert result.exit_code == 0, result.output
    june = result.stdout.splitlines()[1]
    assert june.startswith("row 3: innovation-space = 1.5 万平方米 as of 2025-06-30") and "累计" not in june


def test_carriers_months_are_each_theirs_and_passed_over_as_a_month(runner: CliRunner, workdir: Path) -> None:
    """Two carriers' rows: each month's additions keep their carrier as note, and a September sheet giving
    June to August again passes those months over by their sum in the ledger."""
    head = "指标名称,载体名称,6月新增（万平方米）,7月新增（万平方米）,8月新增（万平方米）"
    rows = ["新增创新空间面积,东湖孵化园,0.5,1,1", "新增创新空间面积,临平科创中心,1,1,2"]
    result = import_text(runner, workdir, "c.csv", "\n".join([_TITLE.strip(), head, *rows]) + "\n")
    assert result.exit_code == 0, result.output
    assert len(exported(runner)) == 6 and _current(runner) == 6.5
    september = [head + ",9月新增（万平方米）", rows[0] + ",0.2", rows[1] + ",0.3"]
    result = import_text(runner, workdir, "d.csv", "\n".join([_TITLE.strip(), *september]) + "\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("imported 2 entries")
    assert sorted(e[1] for e in exported(runner))[-2:] == ["2025-09-30", "2025-09-30"]
