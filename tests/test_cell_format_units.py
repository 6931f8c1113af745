"""A unit shown by a cell's number format (the trial n12, case 16): an .xlsx cell holding 12 formatted
``0"亩"`` shows ``12亩``, and was read as 12 in its target's unit (万平方米: 15 times the area). The
unit a column's cells show is its unit, as one written in its header is (``本月新增`` → ``本月新增（亩）``),
or the column is refused naming it. Percent formats keep their own rule (tests/test_percent_cells.py)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.importing import read_table
from ledger.sheets import UnitCell
from ledger.table import LayoutError
from ledger.xlsx_formats import shown_unit, unit_cell
from tests.helpers import exported as _entries

_TITLE = "临平经开区2025年8月创新空间建设情况"


def _book(path: Path, header: str, cells: list[tuple[float, str | None]], title: str = _TITLE) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "8月"
    ws["A1"] = title
    ws.append(["指标名称", header])
    for number, code in cells:
        ws.append(["新增创新空间面积", number])
        if code is not None:
            ws.cell(ws.max_row, 2).number_format = code
    wb.save(path)


def test_the_trials_workbook(runner: CliRunner, workdir: Path) -> None:
    _book(workdir / "s.xlsx", "本月新增", [(12, '0"亩"')])
    result = runner.invoke(app, ["import", "s.xlsx", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith(
        "row 3: innovation-space = 12 亩 as of 2025-08-31 — figure: column '本月新增（亩）' (B3); "
        "unit: the header of '本月新增（亩）'; "
    )
    assert runner.invoke(app, ["import", "s.xlsx"]).exit_code == 0
    assert _entries(runner) == [("innovation-space", "2025-08-31", 12, "亩")]
    status = runner.invoke(app, ["status", "--as-of", "2025-08", "--format", "json"])
    assert '"current": 0.8' in status.stdout  # 12 亩 = 12 × 2000/3 m² = 0.8 万平方米


def test_a_scale_gives_the_stored_numbers_unit(runner: CliRunner, workdir: Path) -> None:
    # The format shows the stored number divided by 1,000,000 in 百万元: the stored number is in 元.
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["临平经开区2025年1-8月主要经济指标"])
    ws.append(["指标名称", "1-8月"])
    ws.append(["规模以上工业总产值", 8427000000])
    ws["B3"].number_format = '#,##0.0,,"百万元"'  # shows 8,427.0百万元: 84.27 亿元 stored in 元
    wb.save(workdir / "m.xlsx")
    result = runner.invoke(app, ["import", "m.xlsx"])
    assert result.exit_code == 0, result.output
    assert _entries(runner) == [("industrial-output", "2025-08-31", 8427000000, "元")]


@pytest.mark.parametrize(
    ("header", "cells", "message"),
    [
        (
            "本月新增",
            [(12, '0"吨"')],
            "column '本月新增' (B): B3 shows 12吨 by its number format in 吨, which is no unit the tracker knows",
        ),
        (
            "本月新增",
            [(12, '0"亩"'), (3, None)],
            "column '本月新增' (B): B3 shows 12亩 by its number format but B4 shows 3 with none",
        ),
        (
            "本月新增",
            [(12, '0"亩"'), (3, '0"公顷"')],
            "column '本月新增' (B): B3 shows 12亩 by its number format and B4 shows 3公顷",
        ),
        (
            "本月新增",
            [(12000, "0.0,")],
            "column '本月新增' (B): B3 shows 12 by its number format (the stored 12000 divided by 1,000), naming no unit",
        ),
    ],
)
def test_a_column_whose_shown_unit_cannot_be_read_is_refused(
    runner: CliRunner, workdir: Path, header: str, cells: list[tuple[float, str | None]], message: str
) -> None:
    _book(workdir / "r.xlsx", header, cells)
    result = runner.invoke(app, ["import", "r.xlsx"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: r.xlsx: {message}; format the column's cells as plain numbers and give their unit in the header "
        f"({header}（万元）) or a 单位 column\n"
    )
    assert _entries(runner) == []


def test_a_header_unit_the_format_contradicts_is_refused(runner: CliRunner, workdir: Path) -> None:
    _book(workdir / "h.xlsx", "本月新增（万平方米）", [(12, '0"亩"')])
    result = runner.invoke(app, ["import", "h.xlsx"])
    assert result.exit_code == 1
    assert result.stderr == (
        "error: h.xlsx: column '本月新增（万平方米）' (B) says 万平方米 in its header, but B3 shows 12亩 by its number "
        "format; which is it? correct the sheet\n"
    )


def test_the_same_unit_in_header_and_format_is_read(runner: CliRunner, workdir: Path) -> None:
    _book(workdir / "h.xlsx", "本月新增（亩）", [(12, '0"亩"')])
    assert runner.invoke(app, ["import", "h.xlsx"]).exit_code == 0
    assert _entries(runner) == [("innovation-space", "2025-08-31", 12, "亩")]


def test_a_quoted_percent_sign_keeps_its_rule() -> None:
    assert shown_unit('0.0"%"') == (("", 0),)  # points shown with a sign: a plain number
    assert shown_unit("0.0%") == ()  # a percent format: PercentCell's rule
    assert shown_unit("G/通用格式") == (("", 0),)
    assert shown_unit("[Red]#,##0.00") == (("", 0),)


@pytest.mark.parametrize(
    ("code", "shows"),
    [
        ('0"亩"', (("亩", 0),)),
        ("0\\亩", (("亩", 0),)),
        ("0.0\\万\\元", (("万元", 0),)),
        ('G/通用格式"亩"', (("亩", 0),)),
        ("0亩", (("亩", 0),)),
        ('[Blue]#,##0.0,,"百万元";[Red]-#,##0.0,,"百万元"', (("百万元", 2), ("百万元", 2))),
        ('0.0,"千元"', (("千元", 1),)),
    ],
)
def test_the_text_a_format_shows(code: str, shows: tuple[tuple[str, int], ...]) -> None:
    assert shown_unit(code) == shows


def test_the_section_for_the_sign() -> None:
    shows = shown_unit('0"亩";-0"公顷";"-"')
    assert unit_cell(Decimal(5), shows) == 5 and unit_cell(Decimal(5), shows).unit == "亩"  # type: ignore[attr-defined]
    assert unit_cell(Decimal(-5), shows).unit == "公顷"  # type: ignore[attr-defined]
    assert type(unit_cell(Decimal(0), shows)) is Decimal  # 0 shown as "-": no unit


_UNITS = {
    "亩": "亩",
    "平米": "平方米",
    "㎡": "平方米",
    "万平方米": "万平方米",
    "公顷": "公顷",
    "万元": "万元",
    "千元": "千元",
    "家": "家",
}
_FORMS = ['0"{}"', '#,##0.00"{}"', "0\\{}", 'G/通用格式"{}"', '[Red]0.0"{}"', '0"{}";-0"{}"', "0.0 {}"]


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(sorted(_UNITS)),
    st.sampled_from(_FORMS),
    st.sampled_from(["本月新增", "完成值", "1-8月累计", "本年累计"]),
    st.integers(1, 4),
)
def test_every_format_unit_is_its_columns_unit(unit: str, form: str, header: str, rows: int) -> None:
    import tempfile

    code = form.format(*(["\\".join(unit)] if form.startswith("0\\") else [unit, unit]))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.xlsx"
        _book(path, header, [(12 + i, code) for i in range(rows)])
        table = read_table("f.xlsx", path.read_bytes(), "xlsx")
    (col,) = (c for c in table.columns if c.number == 2)
    assert col.unit == _UNITS[unit]
    assert col.label == f"{header}（{_UNITS[unit]}）"
    cells = [r.cells[2] for r in table.rows]
    assert [Decimal(c) for c in cells] == [12 + i for i in range(rows)]
    assert all(isinstance(c, UnitCell) and c.unit == unit for c in cells)


@settings(max_examples=30, deadline=None)
@given(
    st.sampled_from(["吨", "万吨", "个百分点", "m3"]),
    st.sampled_from(_FORMS[:2]),
    st.sampled_from(["本月新增", "完成值"]),
)
def test_every_unknown_format_unit_is_refused(unit: str, form: str, header: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.xlsx"
        _book(path, header, [(12, form.format(unit, unit))])
        with pytest.raises(LayoutError, match=f"in {unit}, which is no unit the tracker knows"):
            read_table("f.xlsx", path.read_bytes(), "xlsx")


# --- the same in an Excel 97–2003 .xls (read by xlrd, its formats by formatting_info) ---


def _xls(path: Path, header: str, cells: list[tuple[float, str | None]], title: str = _TITLE) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("8月")
    ws.write(0, 0, title)
    ws.write(1, 0, "指标名称")
    ws.write(1, 1, header)
    for i, (number, code) in enumerate(cells, 2):
        ws.write(i, 0, "新增创新空间面积")
        ws.write(i, 1, number, xlwt.easyxf(num_format_str=code) if code is not None else xlwt.Style.default_style)
    book.save(str(path))


def test_the_trials_workbook_saved_as_xls(runner: CliRunner, workdir: Path) -> None:
    _xls(workdir / "s.xls", "本月新增", [(12, '0"亩"')])
    result = runner.invoke(app, ["import", "s.xls", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith(
        "row 3: innovation-space = 12 亩 as of 2025-08-31 — figure: column '本月新增（亩）' (B3); "
        "unit: the header of '本月新增（亩）'; "
    )
    assert runner.invoke(app, ["import", "s.xls"]).exit_code == 0
    assert _entries(runner) == [("innovation-space", "2025-08-31", 12, "亩")]


def test_an_xls_scale_gives_the_stored_numbers_unit(runner: CliRunner, workdir: Path) -> None:
    _xls(workdir / "s.xls", "本月新增", [(12000, '#,##0.0,"千平方米"')])  # shows 12.0千平方米: 12,000 平方米
    assert runner.invoke(app, ["import", "s.xls"]).exit_code == 0
    assert _entries(runner) == [("innovation-space", "2025-08-31", 12000, "平方米")]


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ([(12, '0"吨"')], "B3 shows 12吨 by its number format in 吨, which is no unit the tracker knows"),
        ([(12, '0"亩"'), (3, None)], "B3 shows 12亩 by its number format but B4 shows 3 with none"),
        ([(12, '0"亩"'), (3, '0"公顷"')], "B3 shows 12亩 by its number format and B4 shows 3公顷"),
    ],
)
def test_an_xls_column_whose_shown_unit_cannot_be_read_is_refused(
    runner: CliRunner, workdir: Path, cells: list[tuple[float, str | None]], message: str
) -> None:
    _xls(workdir / "r.xls", "本月新增", cells)
    result = runner.invoke(app, ["import", "r.xls"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: r.xls: column '本月新增' (B): {message}; format the column's cells as plain numbers and give their "
        "unit in the header (本月新增（万元）) or a 单位 column\n"
    )
    assert _entries(runner) == []


def test_an_xls_header_unit_the_format_contradicts_is_refused(runner: CliRunner, workdir: Path) -> None:
    _xls(workdir / "h.xls", "本月新增（万平方米）", [(12, '0"亩"')])
    result = runner.invoke(app, ["import", "h.xls"])
    assert result.exit_code == 1
    assert result.stderr == (
        "error: h.xls: column '本月新增（万平方米）' (B) says 万平方米 in its header, but B3 shows 12亩 by its number "
        "format; which is it? correct the sheet\n"
    )


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(sorted(_UNITS)),
    st.sampled_from(_FORMS),
    st.sampled_from(["本月新增", "1-8月累计"]),
    st.integers(1, 3),
)
def test_every_format_unit_of_an_xls_is_its_columns_unit(unit: str, form: str, header: str, rows: int) -> None:
    import tempfile

    code = form.format(*(["\\".join(unit)] if form.startswith("0\\") else [unit, unit]))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.xls"
        _xls(path, header, [(12 + i, code) for i in range(rows)])
        table = read_table("f.xls", path.read_bytes(), "xls")
    (col,) = (c for c in table.columns if c.number == 2)
    assert (col.unit, col.label) == (_UNITS[unit], f"{header}（{_UNITS[unit]}）"), code
    cells = [r.cells[2] for r in table.rows]
    assert [Decimal(c) for c in cells] == [12 + i for i in range(rows)]
    assert all(isinstance(c, UnitCell) and c.unit == unit for c in cells)
