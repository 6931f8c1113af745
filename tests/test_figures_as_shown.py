"""A workbook's figure is the one its cell shows (DESIGN.md, "Sheets as published"): a growth
holding 5.96781234 under ``0.0`` shows 6.0, the bureau's published figure, and meets a 6 % goal
(the trial n19, c14); a 0 shown ``-`` or ``—`` by its format's zero section, or nothing by
``;;;``, is no figure (c01); ``0!.0000"万元"`` shows 元 in 万元 by inserting a point (c02)."""

from __future__ import annotations

import json
import tempfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.number_shapes import as_shown, number_shape
from ledger.sheets import PercentCell, UnitCell, read_xls
from ledger.xlsx import read
from tests.helpers import exported

_ACCOUNTING = '_ * #,##0.00_ ;_ * \\-#,##0.00_ ;_ * "-"??_ ;_ @_ '


def _book(path: Path, rows: list[list[Any]], formats: dict[str, str]) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for row in rows:
        ws.append(row)
    for ref, code in formats.items():
        ws[ref].number_format = code
    wb.save(path)


_DECEMBER = [
    ["临平经开区2025年1-12月主要经济指标"],
    ["单位：亿元"],
    ["指标名称", "1-12月累计", "同比增长%"],
    ["规模以上工业总产值", 1362.5, 6.0],
    ["规模以上工业增加值", 290.1, 5.96781234],
]


def test_the_trials_december_growth_is_read_as_shown(runner: CliRunner, workdir: Path) -> None:
    _book(workdir / "s.xlsx", _DECEMBER, {"C4": "0.0", "C5": "0.0"})
    result = runner.invoke(app, ["import", "s.xlsx", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        "note: s.xlsx: C5 shows '6.0' (it stores 5.96781234) by its number format '0.0': read as shown"
    )
    assert "row 5: value-added-growth = 6% as of 2025-12-31" in result.stdout
    assert runner.invoke(app, ["import", "s.xlsx"]).exit_code == 0
    assert ("value-added-growth", "2025-12-31", 6, "%") in exported(runner)
    status = runner.invoke(app, ["status", "--as-of", "2025-12-31", "--format", "json"])
    growth = next(
        t for a in json.loads(status.stdout)["actions"] for t in a["targets"] if t["id"] == "value-added-growth"
    )
    assert (growth["current"], growth["status"]) == (6, "done")


def test_a_cell_shown_as_stored_gets_no_note(runner: CliRunner, workdir: Path) -> None:
    rows = [r[:] for r in _DECEMBER]
    rows[4][2] = 5.9
    _book(workdir / "s.xlsx", rows, {"C4": "0.0", "C5": "0.0"})
    result = runner.invoke(app, ["import", "s.xlsx", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "read as shown" not in result.stderr


@pytest.mark.parametrize(
    ("code", "stored", "shown"),
    [
        ("0", "5.5", Decimal("6")),
        ("0.0", "5.96781234", Decimal("6.0")),
        ("0.00", "1.005", Decimal("1.01")),  # Excel rounds the 15 digits it shows, half away from zero
        ("0.0", "-5.95", Decimal("-6.0")),
        ("#,##0.0", "1234.56", Decimal("1234.6")),
        ('0.0"亿元"', "842.66", UnitCell("842.7", "亿元")),
        ("0.0%", "0.0596781", PercentCell("6.0")),
        ('0.0"%"', "5.96", Decimal("6.0")),
        ("0.00E+00", "123456", Decimal("123000")),
        ('0!.0000"万元"', "84270000000", UnitCell("8427000.0000", "万元")),
        ('0\\.0000"万元"', "84270000000", UnitCell("8427000.0000", "万元")),
        ('#,##0.0,,"百万元"', "8427123456", UnitCell("8427100000", "百万元", 2)),
        ("General", "5.96781234", Decimal("5.96781234")),
        ('G/通用格式"亩"', "12.345", UnitCell("12.345", "亩")),
        ("[>=100]0;0.0", "5.55", Decimal("5.55")),  # a condition picks the section: taken as stored
        (_ACCOUNTING, "6.1", Decimal("6.10")),
        (_ACCOUNTING, "0", "-"),
        ('0.0;-0.0;"—"', "0", "—"),
        ("0;-0;-", "0", "-"),
        ("0.0;-0.0;", "0", None),
        (";;;", "8000", None),
        ("#,###", "0", None),
    ],
)
def test_a_number_cell_reads_as_its_format_shows_it(code: str, stored: str, shown: Any, tmp_path: Path) -> None:
    _book(tmp_path / "f.xlsx", [["x", float(stored)]], {"B1": code})
    cells = dict(read("f.xlsx", (tmp_path / "f.xlsx").read_bytes(), None).rows)
    got = cells.get(1, {}).get(2)
    assert got == shown and type(got) is type(shown)
    if isinstance(shown, UnitCell):
        assert (got.unit, got.scale) == (shown.unit, shown.scale)


@pytest.mark.parametrize(
    ("code", "stored", "shown"),
    [
        ("0.0", 5.96781234, Decimal("6.0")),
        (_ACCOUNTING, 0, "-"),
        ('0.0;-0.0;"—"', 0, "—"),
        ("0.00%", 0.059678, PercentCell("5.97")),
    ],
)
def test_an_xls_cell_reads_as_its_format_shows_it(code: str, stored: float, shown: Any, tmp_path: Path) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("1-12月")
    ws.write(0, 0, "x")
    ws.write(0, 1, stored, xlwt.easyxf(num_format_str=code))
    book.save(str(tmp_path / "f.xls"))
    grid = read_xls("f.xls", (tmp_path / "f.xls").read_bytes(), None)
    got = dict(grid.rows)[1][2]
    assert got == shown and type(got) is type(shown)
    if shown == Decimal("6.0"):
        assert grid.hidden == ("B1 shows '6.0' (it stores 5.96781234) by its number format '0.0': read as shown",)


# --- every format family: the figure read is the one Excel shows ---

_FAMILIES = [
    # (format with {d} decimals' placeholders, what it shows a number as: scale of 10, percent, text)
    ("0{p}", 0, False, ""),
    ("#,##0{p}", 0, False, ""),
    ("0{p}%", 0, True, ""),
    ('0{p}"万元"', 0, False, "万元"),
    ('#,##0{p}"亩";-#,##0{p}"亩"', 0, False, "亩"),
    ("0{p}_ ;[Red]-0{p}_ ", 0, False, ""),
    ('0{p}"个"', 0, False, "个"),
    ('#,##0{p},"千元"', -3, False, "千元"),
]


def _expected(stored: Decimal, places: int, power: int, percent: bool) -> Decimal:
    """What Excel shows of ``stored`` to ``places`` decimals, in the stored number's terms."""
    shown = stored.scaleb(power + (2 if percent else 0)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return shown.scaleb(-power - (2 if percent else 0))


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(_FAMILIES),
    st.integers(0, 3),
    st.decimals(min_value=Decimal("-99999"), max_value=Decimal("99999"), places=6, allow_nan=False),
)
def test_every_format_family_reads_the_figure_shown(
    family: tuple[str, int, bool, str], places: int, stored: Decimal
) -> None:
    form, power, percent, text = family
    code = form.format(p="." + "0" * places if places else "")
    number = Decimal(format(float(stored), ".15g"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.xlsx"
        _book(path, [["x", float(stored)]], {"B1": code})
        got = dict(read("f.xlsx", path.read_bytes(), None).rows)[1][2]
    expected = _expected(number, places, power, percent)
    if percent:
        assert type(got) is PercentCell and got == expected * 100
    elif text:
        assert type(got) is UnitCell and got == expected and got.unit == text
    else:
        assert type(got) is Decimal and got == expected


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 4), st.decimals(min_value=Decimal("0.001"), max_value=Decimal("1E12"), places=3, allow_nan=False))
def test_scientific_formats_show_their_significant_digits(places: int, stored: Decimal) -> None:
    shape = number_shape("0" + ("." + "0" * places if places else "") + "E+00")
    assert shape is not None
    got = as_shown(stored, shape)
    assert isinstance(got, Decimal)
    assert got == stored.quantize(Decimal(1).scaleb(stored.adjusted() - places), ROUND_HALF_UP)
    assert len(got.normalize().as_tuple().digits) <= places + 1


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(['0.0;-0.0;"—"', "0;-0;-", _ACCOUNTING, "0.00;-0.00;", '#,##0"万元";-#,##0"万元";"—"', ";;;"]),
    st.decimals(min_value=Decimal("-999"), max_value=Decimal("999"), places=2, allow_nan=False),
)
def test_a_zero_shown_as_no_figure_is_no_figure(code: str, stored: Decimal) -> None:
    shape = number_shape(code)
    assert shape is not None
    got = as_shown(stored, shape)
    if stored == 0 or code == ";;;":
        assert got in ("—", "-", None)
    else:
        assert isinstance(got, Decimal) and abs(got - stored) <= Decimal("0.5")


# --- c01: a 0 shown as "-" is no figure, never a 0 % growth or a running total of 0 ---


def test_a_zero_shown_as_a_dash_is_passed_over(runner: CliRunner, workdir: Path) -> None:
    rows = [
        ["临平经开区2025年1-8月主要经济指标"],
        ["指标名称", "1-8月累计（亿元）", "同比增长%"],
        ["规模以上工业总产值", 842.7, 6.1],
        ["规模以上工业增加值", None, 0],
        ["营利性服务业营业收入", None, 0],
    ]
    _book(workdir / "s.xlsx", rows, {"C3": _ACCOUNTING, "C4": _ACCOUNTING, "C5": '0.0;-0.0;"—"'})
    result = runner.invoke(app, ["import", "s.xlsx"])
    assert result.exit_code == 0, result.output
    assert (
        "2 rows without a figure passed over: row 4 (规模以上工业增加值), row 5 (营利性服务业营业收入)" in result.stderr
    )
    assert exported(runner) == [("industrial-output", "2025-08-31", 842.7, "亿元")]


def test_a_running_total_of_0_shown_as_a_dash_is_no_figure(runner: CliRunner, workdir: Path) -> None:
    rows = [
        ["临平经开区2025年1-8月主要经济指标"],
        ["指标名称", "1-8月累计（亿元）", "同比增长%"],
        ["规模以上工业总产值", 0, 0],
    ]
    _book(workdir / "s.xlsx", rows, {"B3": _ACCOUNTING, "C3": _ACCOUNTING})
    result = runner.invoke(app, ["import", "s.xlsx"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "note: s.xlsx: 1 row without a figure passed over: row 3 (规模以上工业总产值)",
        "error: s.xlsx: no row has a figure; nothing to import",
    ]


# --- c02: 0!.0000"万元" shows 元 in 万元 ---


def test_an_inserted_point_reads_the_figure_shown(runner: CliRunner, workdir: Path) -> None:
    rows = [
        ["临平经开区2025年1-8月主要经济指标"],
        ["指标名称", "1-8月累计", "同比增长%"],
        ["规模以上工业总产值", 84270000000, 6.1],
    ]
    _book(workdir / "s.xlsx", rows, {"B3": '0!.0000"万元"'})
    result = runner.invoke(app, ["import", "s.xlsx"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        "note: s.xlsx: B3 shows '8427000.0000万元' (it stores 84270000000) by its number format "
        "'0!.0000\"万元\"': read as shown"
    )
    assert exported(runner)[0] == ("industrial-output", "2025-08-31", 8427000, "万元")
    status = runner.invoke(app, ["status", "--as-of", "2025-08", "--format", "json"])
    output = next(
        t for a in json.loads(status.stdout)["actions"] for t in a["targets"] if t["id"] == "industrial-output"
    )
    assert output["current"] == 842.7


def test_a_dividing_format_with_no_known_unit_is_refused_without_doubling_the_header(
    runner: CliRunner, workdir: Path
) -> None:
    rows = [["临平经开区2025年1-8月主要经济指标"], ["指标名称", "1-8月累计（万元）"], ["规模以上工业总产值", 84270000]]
    _book(workdir / "s.xlsx", rows, {"B3": '0.0,"亿"'})
    result = runner.invoke(app, ["import", "s.xlsx"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "error: s.xlsx: column '1-8月累计（万元）' (B): B3 shows 84270亿 by its number format in 亿, which is no unit "
        "the tracker knows; format the column's cells as plain numbers and give their unit in the header "
        "(1-8月累计（万元）) or a 单位 column"
    )
    assert "--force" not in result.stderr


# --- smaller: 个百分点 on growth cells; a header and a unit line that disagree ---


def test_growth_cells_shown_in_percentage_points_are_refused(runner: CliRunner, workdir: Path) -> None:
    rows = [
        ["临平经开区2025年1-8月主要经济指标"],
        ["指标名称", "1-8月累计（亿元）", "同比增长%"],
        ["规模以上工业增加值", None, 5.8],
    ]
    _book(workdir / "s.xlsx", rows, {"C3": '0.0"个百分点"'})
    result = runner.invoke(app, ["import", "s.xlsx"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "error: s.xlsx: column '同比增长%' (C): C3 shows 5.8个百分点 by its number format: percentage points (个百分点) "
        "are a change in a rate, not a growth rate; if the cells hold the growth, format them as numbers (0.0) "
        "without 个百分点; if they hold a change in the rate, they are no growth to import"
    )


def test_a_header_unit_the_unit_line_contradicts_is_refused(runner: CliRunner, workdir: Path) -> None:
    (workdir / "s.csv").write_text(
        "临平经开区2025年1-8月主要经济指标\n单位：亿元\n指标名称,1-8月累计（万元）,同比增长%\n规模以上工业总产值,8427000,6.1\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["import", "s.csv"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "error: s.csv: column '1-8月累计（万元）' (B) says 万元 but the unit line '单位：亿元' (A2) says 亿元; "
        "which is it? correct the sheet"
    )
