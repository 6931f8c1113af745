"""A total's figure given once per carrier or area (载体名称, 区域: 东区 500, 西区 342.7) is parts of
the zone's one reading: refused, pointing to the zone's figure (their sum, or the 合计), never to
--force, which kept one area's 342.7 as the zone's output (the n17 trial, c04)."""

from __future__ import annotations

import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from tests.conftest import ROOT
from tests.helpers import exported, import_text

HEAD = "临平经开区2025年1-8月主要经济指标\n"
SLOW = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def test_c04_a_totals_carrier_rows_are_refused_with_their_sum(runner: CliRunner, workdir: Path) -> None:
    text = HEAD + "指标名称,载体名称,1-8月累计（亿元）\n规模以上工业总产值,东区,500\n规模以上工业总产值,西区,342.7\n"
    for extra in ([], ["--force"]):
        result = import_text(runner, workdir, "s.csv", text, *extra)
        assert result.exit_code == 1
        assert result.stderr == (
            "note: s.csv: columns not used: 载体名称\n"
            "error: s.csv: row 3: rows 3–4 give industrial-output (a total: one reading of the whole) as of "
            "2025-08-31 once per '载体名称' (B): '东区' 500 亿元, '西区' 342.7 亿元; each is a part's figure, never "
            "the zone's; record the zone's own figure alone (the sheet's 合计, or a sheet of the whole); if these "
            "rows are all of its parts, it is their sum: tracker record industrial-output 842.7 --date 2025-08-31\n"
        )
        assert not (workdir / "progress.toml").exists()


def test_the_hint_followed_records_the_zones_figure(runner: CliRunner, workdir: Path) -> None:
    text = (
        HEAD
        + "指标名称,区域,1-8月累计（亿元）,本月（亿元）\n规模以上工业总产值,东区,500,60\n规模以上工业总产值,西区,342.7,52.4\n"
    )
    result = import_text(runner, workdir, "s.csv", text)
    line = result.stderr.rstrip("\n").rpartition("it is their sum: ")[2]
    assert line == "tracker record industrial-output 842.7 --month-value 112.4 --date 2025-08-31"
    assert runner.invoke(app, line.split()[1:]).exit_code == 0
    assert exported(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]


def test_a_rates_parts_are_refused_without_a_sum(runner: CliRunner, workdir: Path) -> None:
    text = HEAD + "指标名称,区域,同比增长%\n规模以上工业增加值,东区,3.1\n规模以上工业增加值,西区,4.2\n"
    result = import_text(runner, workdir, "s.csv", text)
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "record the zone's own figure alone (the sheet's 合计, or a sheet of the whole); a rate's parts do not add "
        "up to it\n"
    )
    assert "tracker record" not in result.stderr and "--force" not in result.stderr


def test_additions_per_carrier_still_add_up(runner: CliRunner, workdir: Path) -> None:
    text = (
        "临平经开区科技局2025年8月创新空间建设情况\n指标名称,载体名称,本月新增（平方米）\n"
        "新增创新空间面积,东湖孵化园,3000\n新增创新空间面积,临平科创中心,5000\n"
    )
    assert import_text(runner, workdir, "s.csv", text).exit_code == 0
    assert sorted(v for _, _, v, _ in exported(runner)) == [3000, 5000]


PARTS_COLUMNS = ["载体名称", "载体", "区域", "片区", "园区名称"]


@SLOW
@given(
    st.sampled_from(PARTS_COLUMNS),
    st.lists(st.decimals(min_value=Decimal("0.1"), max_value=Decimal(900), places=1), min_size=2, max_size=4),
)
def test_any_parts_column_of_a_total_gives_the_sum_never_force(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, column: str, figures: list[Decimal]
) -> None:
    with tempfile.TemporaryDirectory() as d:
        shutil.copy(ROOT / "targets.toml", Path(d) / "targets.toml")
        monkeypatch.chdir(d)
        rows = "".join(f"规模以上工业总产值,第{i}区,{f:f}\n" for i, f in enumerate(figures, 1))
        result = import_text(runner, Path(d), "s.csv", HEAD + f"指标名称,{column},1-8月累计（亿元）\n" + rows)
        assert result.exit_code == 1
        assert "--force" not in result.stderr
        total = format(sum(figures, Decimal(0)), "f")  # the digits typed: 0.1 + 2.9 = 3.0
        assert f"once per '{column}' (B)" in result.stderr
        assert result.stderr.endswith(f"tracker record industrial-output {total} --date 2025-08-31\n")
