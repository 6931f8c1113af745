"""Where a sheet says no date, the refusal suggests the form `--date YYYY-MM`, never a month the
sheet does not give (a user following `--date 2025-03` filed October's figures as March's); a
month written with a dot above the table (`截至2025.10`) or in the title (`2025.1-8月`) is read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.dates import month_end
from tests.test_increment_period import _entries

TABLE = "指标名称,累计,单位\n工业总产值,1042.7,亿元\n"
NO_DATE = "no date; add a date column, or give --date YYYY-MM, the month its figures are for\n"


def _import(runner: CliRunner, workdir: Path, text: str, *args: str) -> Any:
    (workdir / "s.csv").write_text(text, encoding="utf-8")
    return runner.invoke(app, ["import", "s.csv", *args])


@pytest.mark.parametrize(
    ("above", "row"),
    [
        ("", 2),  # nothing anywhere
        ("截至2025.1\n", 3),  # January, or October written by a sheet that held 2025.10 as a number
        ("临平经开区主要经济指标\n", 3),  # a title naming no period
    ],
)
def test_no_date_suggests_the_form_never_a_month(above: str, row: int, runner: CliRunner, workdir: Path) -> None:
    result = _import(runner, workdir, above + TABLE)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == f"error: s.csv: row {row}: {NO_DATE}"
    assert not (workdir / "progress.toml").exists()


@settings(max_examples=20, deadline=None)
@given(month=st.integers(2, 12), form=st.sampled_from(["截至2025.{m}", "2025.{m}", "截止2025.{m}月末", "2025.{m:02d}"]))
def test_a_month_with_a_dot_above_the_table_is_the_period(month: int, form: str) -> None:
    from ledger import load_plan
    from ledger.importing import import_file
    from tests.conftest import SHIPPED_PLAN
    from tests.helpers import RECORDED

    plan = load_plan(SHIPPED_PLAN)
    text = form.format(m=month) + "\n" + TABLE
    result = import_file(
        plan, Path("never-written.toml"), "s.csv", text.encode(), existing=[], recorded=RECORDED, by="t", dry_run=True
    )
    assert result.problems == []
    assert [(e.target, e.date, str(e.value)) for e in result.entries] == [
        ("industrial-output", month_end(2025, month), "1042.7")
    ]


def test_october_above_the_table_is_october(runner: CliRunner, workdir: Path) -> None:
    """The trial's case: 截至2025.10 over the table, once refused with `--date 2025-03`."""
    result = _import(runner, workdir, "截至2025.10\n" + TABLE)
    assert result.exit_code == 0, result.output
    assert _entries(runner) == [("industrial-output", "2025-10-31", 1042.7, "亿元")]


def test_a_title_year_with_a_dot(runner: CliRunner, workdir: Path) -> None:
    result = _import(runner, workdir, "临平经开区2025.1-8月主要经济指标\n指标名称,累计,单位\n工业总产值,842.7,亿元\n")
    assert result.exit_code == 0, result.output
    assert _entries(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]


def test_a_title_with_a_dot_names_its_1_to_n_period(runner: CliRunner, workdir: Path) -> None:
    """`2025.1-8月` is 1—8月 as `2025年1-8月` is: its 新增 is a running total, not a month's addition."""
    result = _import(runner, workdir, "科技局2025.1-8月\n指标名称,新增,单位\n新增创新空间面积,6.8,万平方米\n")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: s.csv: row 3: innovation-space adds up its entries (kind increment), but 6.8 is under '新增', a "
        "1—8月 running total, as the title says; give the month's own figure in the 本月 column, or make the "
        'target kind = "total" in the plan if it is published as a running total and holds no additions yet\n'
    )


EMPTY_CELL = "the row's date cell is empty; fill it in, or give --date YYYY-MM, the month of the rows left without one"


@pytest.mark.parametrize(
    ("text", "where"),
    [
        # a 台账 (rows dated on days across the span's months), one date left blank
        (
            "临平经开区2025年1-8月新增创新空间台账\n序号,项目名称,日期,新增面积（万平方米）\n"
            "1,A园,2025-03-05,1.2\n2,C园,2025-06-20,0.5\n3,B园,,0.8\n",
            "row 5: column '日期' (C5)",
        ),
        (
            "指标名称,日期,新增面积（万平方米）\n新增创新空间面积,2025-03-05,1.2\n新增创新空间面积,,0.8\n",
            "row 3: column '日期' (B3)",
        ),
    ],
)
def test_an_empty_date_cell_is_named_not_a_missing_column(
    text: str, where: str, runner: CliRunner, workdir: Path
) -> None:
    # The sheet has a date column: "no date; add a date column" sent the user looking for one.
    result = _import(runner, workdir, text, "--target", "innovation-space")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines()[-1] == f"error: s.csv: {where}: {EMPTY_CELL}"
    assert not (workdir / "progress.toml").exists()


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 6), st.data())
def test_the_first_empty_date_cell_is_the_one_named(rows: int, data: st.DataObject) -> None:
    import tempfile

    from tests.conftest import SHIPPED_PLAN

    blank = data.draw(st.integers(0, rows - 1))
    lines = [f"新增创新空间面积,{'' if i == blank else f'2025-0{i + 1}-10'},0.{i + 1}" for i in range(rows)]
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        (workdir / "targets.toml").write_bytes(SHIPPED_PLAN.read_bytes())
        (workdir / "s.csv").write_text(
            "指标名称,日期,新增面积（万平方米）\n" + "\n".join(lines) + "\n", encoding="utf-8"
        )
        result = CliRunner().invoke(app, ["import", str(workdir / "s.csv"), "--targets", str(workdir / "targets.toml")])
    assert result.exit_code == 1
    assert f"row {blank + 2}: column '日期' (B{blank + 2}): {EMPTY_CELL}" in result.stderr
