"""The bureau's commonest layout (the trial n11, case 9): ``绝对值`` and ``增速(%)`` each merged over
``当月 | 累计``, a two-row header with the measure above and the period below. It was refused as two
growth columns, with a hint to keep ``增速(%) 当月`` that, followed, recorded August's own growth
(9.1 %) as the rate's year to date (5.8 %); and ``绝对值 累计`` went unused. Such labels now read
as the period over the measure does (``累计 绝对值``, ``当月 增速(%)``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.column_kinds import MONTHS_GROWTH, describe
from tests.helpers import exported as _entries
from tests.helpers import import_text as _import

_HEAD = "临平经开区2025年8月主要经济指标\n单位：亿元\n指标名称,绝对值,,增速(%),\n,当月,累计,当月,累计\n"
_ROWS = "规模以上工业总产值,112.4,842.7,9.9,4.1\n规模以上工业增加值,24.0,180.3,9.1,5.8\n"


def _workbook(path: Path, rows: list[list[object]]) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["临平经开区2025年8月主要经济指标"])
    ws.append(["单位：亿元"])
    ws.append(["指标名称", "绝对值", None, "增速(%)", None])
    ws.append([None, "当月", "累计", "当月", "累计"])
    ws.merge_cells("B3:C3")
    ws.merge_cells("D3:E3")
    ws.merge_cells("A3:A4")
    for r in rows:
        ws.append(r)
    wb.save(path)


def test_the_merged_workbook_imports_the_running_total_and_the_years_growth(runner: CliRunner, workdir: Path) -> None:
    _workbook(
        workdir / "e.xlsx",
        [["规模以上工业总产值", 112.4, 842.7, 9.9, 4.1], ["规模以上工业增加值", 24.0, 180.3, 9.1, 5.8]],
    )
    result = runner.invoke(app, ["import", "e.xlsx", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        "note: e.xlsx: columns not used: 增速(%) 当月 (a single month's growth, not year-to-date)"
    )
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "row 5: industrial-output = 842.7 亿元 as of 2025-08-31 — figure: column '绝对值 累计' (C5); unit: the unit line "
        "'单位：亿元' (A2); a running total (1—N月累计); 本月 112.4 亿元: column '绝对值 当月' (B5); date: the title "
        "'临平经开区2025年8月主要经济指标'; target: alias '规模以上工业总产值' in column '指标名称' (A5)"
    )
    assert lines[1].startswith("row 6: value-added-growth = 5.8% as of 2025-08-31 — figure: column '增速(%) 累计' (E6)")


def test_the_same_as_a_csv(runner: CliRunner, workdir: Path) -> None:
    result = _import(runner, workdir, "s.csv", _HEAD + _ROWS)
    assert result.exit_code == 0, result.output
    assert sorted(_entries(runner)) == [
        ("industrial-output", "2025-08-31", 842.7, "亿元"),
        ("value-added-growth", "2025-08-31", 5.8, "%"),
    ]


def test_no_refusal_offers_the_months_growth_and_following_the_old_hint_records_nothing(
    runner: CliRunner, workdir: Path
) -> None:
    """The hint once given, --map '增速(%) 累计=ignore', kept 9.1 (August's own growth) as the rate."""
    _workbook(workdir / "rate.xlsx", [["规模以上工业增加值", 24.0, 180.3, 9.1, 5.8]])
    result = runner.invoke(app, ["import", "rate.xlsx", "--map", "增速(%) 累计=ignore"])
    assert result.exit_code == 1
    assert "9.1" not in result.output
    assert "'增速(%) 当月' is a single month's growth, not year-to-date" in result.stderr
    assert _entries(runner) == []


def test_mapping_the_months_growth_to_growth_is_refused(runner: CliRunner, workdir: Path) -> None:
    result = _import(runner, workdir, "s.csv", _HEAD + _ROWS, "--map", "增速(%) 当月=growth")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: --map: s.csv: '增速(%) 当月' holds a single month's growth, not year-to-date; a rate's figure is its "
        "1—N月 growth: use the 1-N月同比增长% (累计增速) column, or record it with `tracker record`\n"
    )


def test_an_earlier_period_under_the_measure_is_for_comparison(runner: CliRunner, workdir: Path) -> None:
    """``绝对值`` and ``增速(%)`` over ``1-8月 | 1-7月``: July's growth is no more offered than July's total."""
    text = (
        "临平经开区2025年8月主要经济指标\n单位：亿元\n指标名称,绝对值,,增速(%),\n,1-8月,1-7月,1-8月,1-7月\n"
        "规模以上工业总产值,842.7,730.3,4.1,3.9\n规模以上工业增加值,180.3,150.1,5.8,5.5\n"
    )
    result = _import(runner, workdir, "p.csv", text)
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "note: p.csv: columns not used: 绝对值 1-7月 (an earlier period than '绝对值 1-8月', for comparison), "
        "增速(%) 1-7月 (the growth of an earlier period, for comparison)\n"
    )
    assert sorted(_entries(runner)) == [
        ("industrial-output", "2025-08-31", 842.7, "亿元"),
        ("value-added-growth", "2025-08-31", 5.8, "%"),
    ]


_MEASURES = [
    "绝对值",
    "完成值",
    "总量",
    "绝对值（亿元）",
    "增速(%)",
    "增速",
    "同比增长%",
    "增长(%)",
    "比上年同期增长(%)",
    "增幅",
]
_PERIODS = ["当月", "本月", "本期", "累计", "本年累计", "1-8月", "1—8月", "8月", "八月", "1-8月累计", "上半年"]


@given(st.sampled_from(_MEASURES), st.sampled_from(_PERIODS))
def test_the_measure_over_the_period_reads_as_the_period_over_the_measure(measure: str, period: str) -> None:
    up, down = describe(f"{measure} {period}"), describe(f"{period} {measure}")
    assert (up.field, up.unit, up.running_total, up.months, up.why) == (
        down.field,
        down.unit,
        down.running_total,
        down.months,
        down.why,
    )
    assert up.label == f"{measure} {period}"


@given(st.sampled_from([m for m in _MEASURES if "增" in m]), st.sampled_from(["当月", "本月", "本期", "8月", "八月"]))
def test_a_single_months_growth_is_never_growth_either_way_up(measure: str, period: str) -> None:
    col = describe(f"{measure} {period}")
    assert col.field is None
    assert col.why == MONTHS_GROWTH


@pytest.mark.parametrize("label", ["指标名称 当月", "备注 累计", "1-8月 绝对值", "8月 同比增长%"])
def test_labels_that_are_not_a_measure_over_a_period_read_as_before(label: str) -> None:
    from ledger.stacked_labels import period_first

    assert period_first(label) is None
