"""A second table below the first with a header of its own wording (the n12 trial, c15): the
bureau's 表2 (August's own figures, '指标 | 8月 | 比上年同月增长%') under 表1 ('指标名称 | 1-8月 |
同比增长%'). Its header named no target and was skipped under --skip-unknown, and its rows read
under 表1's columns: August's 7.2 % became the year's growth. Such a header ends the table with a
one-line refusal, as a header repeated word for word does."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.layout import read_table
from ledger.sheets import Grid
from ledger.table import LayoutError

FIRST = "表1：临平经开区2025年1-8月主要指标\n指标名称,1-8月,同比增长%\n规模以上工业总产值,842.7,4.1\n\n"
SECOND = "表2：临平经开区2025年8月规上工业增加值（当月）\n{header}\n规模以上工业增加值,24.1,7.2\n"


def _refusal(header: str) -> str:
    return (
        f"error: s.csv: row 6 is another table's header ({' | '.join(x for x in header.split(',') if x)!r}): a second "
        "table below the first, whose figures are not of this header's columns; tracker reads one table; delete rows "
        "6–7 (and the second table's title above them), or import that table as a file of its own\n"
    )


@pytest.mark.parametrize(
    "header",
    ["指标,8月,比上年同月增长%", "项目,8月,8月同比增长%", ",8月,比上年同月增长%", "指标名称（当月）,本月,增速%"],
)
@pytest.mark.parametrize("skip", [[], ["--skip-unknown"]])
def test_c15_a_second_tables_own_header_is_refused(
    header: str, skip: list[str], runner: CliRunner, workdir: Path
) -> None:
    (workdir / "s.csv").write_text(FIRST + SECOND.format(header=header), encoding="utf-8")
    result = runner.invoke(app, ["import", "s.csv", *skip])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] + "\n" == _refusal(header)
    assert not (workdir / "progress.toml").exists()


def test_once_the_second_table_is_deleted_the_first_is_read(runner: CliRunner, workdir: Path) -> None:
    (workdir / "s.csv").write_text(FIRST, encoding="utf-8")
    assert runner.invoke(app, ["import", "s.csv"]).exit_code == 0
    assert "industrial-output" in (workdir / "progress.toml").read_text()
    assert "value-added-growth" not in (workdir / "progress.toml").read_text()


def test_a_name_that_is_no_header_word_is_read_as_a_row(runner: CliRunner, workdir: Path) -> None:
    """A row whose name is a target's and whose cells are figures is a row, whatever its neighbours."""
    sheet = "临平经开区2025年1-8月主要指标\n指标名称,1-8月,同比增长%\n规模以上工业总产值,842.7,4.1\n规模以上工业增加值,—,5.8\n"
    (workdir / "s.csv").write_text(sheet, encoding="utf-8")
    assert runner.invoke(app, ["import", "s.csv"]).exit_code == 0


def test_the_layout_names_a_second_tables_header_in_a_workbook() -> None:
    rows = [
        (1, {1: "指标名称", 2: "1-8月", 3: "同比增长%"}),
        (2, {1: "规模以上工业总产值", 2: 842.7, 3: 4.1}),
        (3, {1: "指标", 2: "8月", 3: "比上年同月增长%"}),
        (4, {1: "规模以上工业增加值", 2: 24.1, 3: 7.2}),
    ]
    with pytest.raises(LayoutError, match=r"row 3 is another table's header \('指标 \| 8月 \| 比上年同月增长%'\)"):
        read_table(Grid("g.xlsx", rows, (), "S", ("S",)))


names = st.sampled_from(["指标", "指标名称", "项目", "项目名称", "名称", "主要指标名称"[2:], "指 标", "", "任务"])
labels = st.lists(
    st.sampled_from(["8月", "本月", "1-8月", "8月同比增长%", "比上年同月增长%", "同比增长%", "单位", "增速（%）"]),
    min_size=2,
    max_size=3,
    unique=True,
)


@given(names, labels)
def test_every_header_of_a_second_table_ends_the_first(name: str, second: list[str]) -> None:
    """Whatever its name column's word (or none) and its labels, a second header is not a row."""
    rows = [
        (1, {1: "指标名称", 2: "1-8月", 3: "同比增长%"}),
        (2, {1: "规模以上工业总产值", 2: 842.7, 3: 4.1}),
        (3, {**({1: name} if name else {}), **{i: label for i, label in enumerate(second, 2)}}),
        (4, {1: "规模以上工业增加值", 2: 24.1, 3: 7.2}),
    ]
    with pytest.raises(LayoutError, match=r"row 3 (is another table's header|repeats the header)"):
        read_table(Grid("g.xlsx", rows, (), "S", ("S",)))


def test_a_unit_line_below_is_no_second_header() -> None:
    """Cells of units (亿元, a bare %) say nothing of what a column holds: not a header's labels."""
    rows = [
        (1, {1: "指标名称", 2: "1-8月", 3: "同比增长%", 4: "备注"}),
        (2, {1: "规模以上工业总产值", 2: 842.7, 3: 4.1}),
        (3, {2: "亿元", 3: "%", 4: "%"}),
    ]
    table = read_table(Grid("g.xlsx", rows, (), "S", ("S",)))
    assert [r.number for r in table.rows][:1] == [2]
