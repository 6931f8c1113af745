"""A unit line listing every figure's unit by kind (``单位：个/家``) above a row of an amount (工业总产值,
亿元) that names no unit of its own: the figure was read in the target's unit as if the line said
nothing, though the line says it is a count. Such a row is refused; a row whose header or 单位 cell
says its unit is read by it, and a line labelled for some kind alone (数量单位：个) says nothing of
an amount."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.helpers import exported, import_text

TITLE = "临平经开区2025年1-8月主要指标\n"


def test_a_count_line_above_an_amount_is_refused(runner: CliRunner, workdir: Path) -> None:
    sheet = TITLE + "单位：个/家\n指标名称,完成值\n规上工业总产值,842.7\n"
    result = import_text(runner, workdir, "c.csv", sheet)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: c.csv: row 4: the unit line '单位：个/家' (A2) says every figure is in 个 or 家, but the figure (B4) "
        "is for a target in 亿元 and names no unit of its own; write 亿元 in its column's header or a 单位 column, "
        "or correct the unit line"
    ]
    assert not (workdir / "progress.toml").exists()


def test_a_rows_own_unit_wins_over_a_count_line(runner: CliRunner, workdir: Path) -> None:
    sheet = TITLE + "单位：个/家\n指标名称,完成值,单位\n规上工业总产值,842.7,亿元\n"
    result = import_text(runner, workdir, "c.csv", sheet)
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]


def test_a_line_of_one_kind_says_nothing_of_an_amount(runner: CliRunner, workdir: Path) -> None:
    sheet = TITLE + "数量单位：个\n指标名称,完成值\n规上工业总产值,842.7\n"
    result = import_text(runner, workdir, "c.csv", sheet)
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]


def test_a_rank_under_a_line_of_amounts_is_read(runner: CliRunner, workdir: Path) -> None:
    """单位：万元、% over 工业总产值 and 国考排名: the line lists quantities, and a rank is none."""
    sheet = TITLE + "单位：万元、%\n指标名称,完成值\n规上工业总产值,8427000\n国考排名,5\n"
    result = import_text(runner, workdir, "c.csv", sheet)
    assert result.exit_code == 0, result.output
    assert exported(runner) == [
        ("industrial-output", "2025-08-31", 8427000, "万元"),
        ("national-rank", "2025-08-31", 5, "位"),
    ]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(["单位：个/家", "单位：家、个", "单位:个，家", "单位：个、%", "单位：家/%", "计量单位：个、家"]),
    st.sampled_from([("规上工业总产值", "亿元", "完成值"), ("新增创新空间面积", "万平方米", "本月新增")]),
    st.sampled_from(["", "（亿元）"]),
)
def test_no_amount_or_area_is_read_under_a_line_of_other_kinds(
    runner: CliRunner, workdir: Path, line: str, row: tuple[str, str, str], header_unit: str
) -> None:
    name, unit, header = row
    (workdir / "progress.toml").unlink(missing_ok=True)
    sheet = TITLE + f"{line}\n指标名称,{header}{header_unit if unit == '亿元' else ''}\n{name},842.7\n"
    result = import_text(runner, workdir, "c.csv", sheet, "--dry-run")
    if header_unit and unit == "亿元":  # the header says the row's unit: read by it
        assert result.exit_code == 0, result.output
        assert f"= 842.7 {unit} " in result.stdout
    else:
        assert result.exit_code == 1
        assert f"but the figure (B4) is for a target in {unit} and names no unit of its own" in result.stderr
