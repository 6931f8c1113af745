"""Units in a row of their own under the header (the trial n11, case 1): ``指标名称 | 1-8月累计 |
同比增长`` over ``, 亿元, %``. The row was read as a second header row, giving ``1-8月累计 亿元``
(not used) and a refusal telling the user to add the 1-8月累计 column the sheet has. A unit row
gives each column its unit, as a unit in its header does, and is never a row of figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.header_rows import unit_row, with_units
from tests.helpers import exported as _entries
from tests.helpers import import_text as _import

_CSV = (
    "临平经开区2025年1-8月主要经济指标\n指标名称,1-8月累计,同比增长\n,亿元,%\n"
    "规模以上工业总产值,842.7,4.1\n规模以上工业增加值,180.3,5.8\n"
)
_WANTED = [("industrial-output", "2025-08-31", 842.7, "亿元"), ("value-added-growth", "2025-08-31", 5.8, "%")]


def test_the_trials_csv(runner: CliRunner, workdir: Path) -> None:
    result = _import(runner, workdir, "f.csv", _CSV, "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "row 4: industrial-output = 842.7 亿元 as of 2025-08-31 — figure: column '1-8月累计（亿元）' (B4); unit: the "
        "header of '1-8月累计（亿元）'; a running total (1—N月累计); date: the title '临平经开区2025年1-8月主要经济指标'; "
        "target: alias '规模以上工业总产值' in column '指标名称' (A4)"
    )
    result = _import(runner, workdir, "f.csv", _CSV)
    assert result.exit_code == 0, result.output
    assert sorted(_entries(runner)) == _WANTED


def test_the_trials_workbook(runner: CliRunner, workdir: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "1-8月"
    ws.append(["临平经开区2025年1-8月主要经济指标"])
    ws.append(["序号", "指标名称", "1-8月累计", "同比增长"])
    ws.append([None, None, "亿元", "%"])
    ws.append([1, "规模以上工业总产值", 842.7, 4.1])
    ws.append([2, "规模以上工业增加值", 180.3, 5.8])
    wb.save(workdir / "u.xlsx")
    result = runner.invoke(app, ["import", "u.xlsx"])
    assert result.exit_code == 0, result.output
    assert result.stderr == "note: u.xlsx: columns not used: 序号\n"
    assert sorted(_entries(runner)) == _WANTED


def test_under_a_two_row_header_with_单位_in_the_name_column(runner: CliRunner, workdir: Path) -> None:
    text = (
        "临平经开区2025年8月主要经济指标\n指标名称,1-8月,\n,累计,同比增长\n单位,（万元）,(%)\n"
        "规模以上工业总产值,8427000,4.1\n规模以上工业增加值,1803000,5.8\n"
    )
    result = _import(runner, workdir, "t.csv", text)
    assert result.exit_code == 0, result.output
    assert sorted(_entries(runner)) == [
        ("industrial-output", "2025-08-31", 8427000, "万元"),  # kept in the sheet's unit, as a header's is
        ("value-added-growth", "2025-08-31", 5.8, "%"),
    ]


def test_a_unit_row_that_contradicts_the_header_is_refused(runner: CliRunner, workdir: Path) -> None:
    text = (
        "临平经开区2025年8月主要经济指标\n指标名称,1-8月累计（万元）,同比增长\n,亿元,%\n规模以上工业总产值,842.7,4.1\n"
    )
    result = _import(runner, workdir, "c.csv", text)
    assert result.exit_code == 1
    assert result.stderr == (
        "error: c.csv: column '1-8月累计（万元）' (B) says its unit in its header, but the unit row (row 3) gives "
        "'亿元'; which is it? correct the sheet\n"
    )
    assert _entries(runner) == []


def test_a_row_giving_only_a_rows_unit_under_单位_is_no_unit_row() -> None:
    assert unit_row({2: "亿元"}, {1: "指标名称", 2: "单位", 3: "1-8月累计"}, 1) is None
    assert unit_row({2: "亿元", 3: "842.7"}, {1: "指标名称", 2: "1-8月累计", 3: "同比"}, 1) is None
    assert unit_row({1: "规模以上工业总产值", 2: "亿元"}, {1: "指标名称", 2: "1-8月累计"}, 1) is None


_UNITS = ["亿元", "万元", "万平方米", "平方米", "家", "个", "%"]


@given(
    st.sampled_from(["1-8月累计", "本月", "绝对值", "1-8月完成", "本年累计", "同比增长", "增速"]),
    st.sampled_from(_UNITS),
    st.sampled_from(["{}", "（{}）", "({})", "单位：{}", "计量单位:{}"]),
)
def test_a_unit_row_gives_the_column_what_a_unit_in_its_header_would(header: str, unit: str, form: str) -> None:
    from ledger.column_kinds import describe

    found = unit_row({2: form.format(unit)}, {1: "指标名称", 2: header}, 1)
    assert found == {2: form.format(unit)}
    labels, clashes = with_units({1: "指标名称", 2: header}, found)
    own = describe(header)
    if own.unit is not None and own.unit != unit:  # 同比增长 is in % by itself: 亿元 under it is a clash
        assert clashes == [(2, header, form.format(unit))]
        return
    read, written = describe(labels[2]), describe(f"{header}（{unit}）")
    assert clashes == []
    assert (read.field, read.unit, read.running_total) == (written.field, written.unit, written.running_total)


@pytest.mark.parametrize("cell", ["842.7", "亿元元", "备注", "1-8月"])
def test_a_row_with_anything_but_units_is_no_unit_row(cell: str) -> None:
    assert unit_row({2: cell, 3: "%"}, {1: "指标名称", 2: "1-8月累计", 3: "同比增长"}, 1) is None
