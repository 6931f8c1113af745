"""A sheet laid out wide (one column per carrier or district, perhaps with their 合计): the
refusal never offers one part's column, which would drop the others' figures without a word
(the trial's c20); it names the layout and offers the total, or says how to import it."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tests.helpers import exported, import_text

TITLE = "临平经开区2025年8月创新空间新增情况（万平方米）\n"


def test_carrier_columns_and_their_total_offer_the_total(runner: CliRunner, workdir: Path) -> None:
    sheet = TITLE + "指标名称,东湖孵化园,临平科创中心,合计\n新增创新空间面积,0.3,0.5,0.8\n"
    result = import_text(runner, workdir, "w.csv", sheet)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "error: w.csv: no row has a figure in a column tracker understands (columns '东湖孵化园' (B), "
        "'临平科创中心' (C), '合计' (D) not understood); the sheet gives one column per part ('东湖孵化园' (B), "
        "'临平科创中心' (C)) and their total '合计' (D): if the total holds the month's own addition, import it "
        "with --map '合计=month_value' (one part's column alone would leave out the others); if it holds the year "
        "so far, head it 1—N月累计"
    )
    assert not (workdir / "progress.toml").exists()
    # One carrier's column named by hand would leave out the other's: refused, the total offered.
    result = import_text(runner, workdir, "w.csv", sheet, "--map", "东湖孵化园=month_value")
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        1,
        "error: w.csv: '东湖孵化园' (B), mapped as month_value, is one part of a sheet that gives one column per part "
        "and their total '合计' (D): alone it would leave out '临平科创中心' (C); import the total with --map "
        "'合计=month_value'",
    )
    assert not (workdir / "progress.toml").exists()
    # Following the hint records August's 0.8 万平方米: both carriers' additions.
    result = import_text(runner, workdir, "w.csv", sheet, "--map", "合计=month_value")
    assert result.exit_code == 0, result.stderr
    assert exported(runner) == [("innovation-space", "2025-08-31", 0.8, "万平方米")]


def test_carrier_columns_without_a_total_say_how_to_import_them(runner: CliRunner, workdir: Path) -> None:
    sheet = TITLE + "指标名称,东湖孵化园,临平科创中心\n新增创新空间面积,0.3,0.5\n"
    result = import_text(runner, workdir, "w.csv", sheet)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "error: w.csv: no row has a figure in a column tracker understands (columns '东湖孵化园' (B), "
        "'临平科创中心' (C) not understood); the sheet gives several columns of figures for each row "
        "('东湖孵化园' (B), '临平科创中心' (C)), one per part: tracker reads one figure a row; give one row per "
        "part (指标名称 | 载体名称 | 本月新增), or add their total (合计) and import it with --map "
        "'合计=month_value'"
    )
    # The layout it names imports both carriers' additions.
    long = TITLE + "指标名称,载体名称,本月新增\n新增创新空间面积,东湖孵化园,0.3\n新增创新空间面积,临平科创中心,0.5\n"
    result = import_text(runner, workdir, "long.csv", long)
    assert result.exit_code == 0, result.stderr
    assert sorted(e[2] for e in exported(runner)) == [0.3, 0.5]


def test_district_columns_of_a_running_total_offer_the_total_as_value(runner: CliRunner, workdir: Path) -> None:
    sheet = "临平经开区2025年1-8月工业\n指标名称,东区,西区,合计\n工业总产值,400,500,900\n"
    result = import_text(runner, workdir, "w.csv", sheet)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "error: w.csv: no row has a figure in a column tracker understands (columns '东区' (B), '西区' (C), "
        "'合计' (D) not understood); the sheet gives one column per part ('东区' (B), '西区' (C)) and their total "
        "'合计' (D): import the total with --map '合计=value' (one part's column alone would leave out the others)"
    )
    sheet = "临平经开区2025年1-8月工业\n指标名称,东区,西区\n工业总产值,400,500\n"
    result = import_text(runner, workdir, "w.csv", sheet)
    assert result.stderr.splitlines()[-1].endswith(
        "one per part: tracker reads one figure a row; add their total (合计) and import it with --map '合计=value'"
    )


def test_one_column_of_figures_beside_text_is_the_one_offered(runner: CliRunner, workdir: Path) -> None:
    """Only a column holding numbers is offered, wherever it stands."""
    sheet = "临平经开区2025年1-8月工业\n指标名称,责任人,截至今日数\n工业总产值,张三,900\n"
    result = import_text(runner, workdir, "w.csv", sheet)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].endswith(
        "(columns '责任人' (B), '截至今日数' (C) not understood); if it holds the figures, import with "
        "--map '截至今日数=value'"
    )
