"""A number format whose negative section writes no minus (``0.0;0.0``, ``0.0;[Red]0.0``): Excel shows
-5.26 as ``5.3`` (in red), while the cell stores -5.26. Figures are read as Excel shows them, so the
sign shown and the sign stored disagree: the cell is refused, naming it, rather than either taken
silently. A section that writes its sign (``0.0;-0.0``, accounting's ``(0.0)``) is read as before."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.number_shapes import as_shown, hidden_sign, number_shape
from ledger.sheets import SheetError, read_xls
from ledger.xlsx import read

_ROWS: list[list[Any]] = [
    ["临平经开区2025年1-8月主要经济指标"],
    ["指标名称", "1-8月累计（亿元）", "同比增长%"],
    ["规模以上工业总产值", 842.7, -5.26],
]


def _xlsx(path: Path, rows: list[list[Any]], formats: dict[str, str]) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for row in rows:
        ws.append(row)
    for ref, code in formats.items():
        ws[ref].number_format = code
    wb.save(path)


def _xls(path: Path, rows: list[list[Any]], formats: dict[tuple[int, int], str]) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("Sheet")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            code = formats.get((r, c))
            ws.write(r, c, value, xlwt.easyxf(num_format_str=code)) if code else ws.write(r, c, value)
    book.save(str(path))


@pytest.mark.parametrize("code", ["0.0;0.0", "0.0;[Red]0.0"])
def test_a_negative_shown_without_its_minus_is_refused(runner: CliRunner, workdir: Path, code: str) -> None:
    _xlsx(workdir / "s.xlsx", _ROWS, {"C3": code})
    result = runner.invoke(app, ["import", "s.xlsx"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: s.xlsx (sheet 'Sheet'): cell C3 stores -5.26, but its number format '{code}' shows it as '5.3', "
        "with no minus sign: which is it? write the figure with its sign and a format showing it (0.0;-0.0), or "
        "as the positive figure meant"
    ]
    assert not (workdir / "progress.toml").exists()


def test_an_xls_negative_shown_without_its_minus_is_refused(tmp_path: Path) -> None:
    _xls(tmp_path / "s.xls", _ROWS, {(2, 2): "0.0;[Red]0.0"})
    with pytest.raises(SheetError) as caught:
        read_xls("s.xls", (tmp_path / "s.xls").read_bytes(), None)
    assert str(caught.value) == (
        "s.xls (sheet 'Sheet'): cell C3 stores -5.26, but its number format '0.0;[Red]0.0' shows it as '5.3', "
        "with no minus sign: which is it? write the figure with its sign and a format showing it (0.0;-0.0), or "
        "as the positive figure meant"
    )


@pytest.mark.parametrize("code", ["0.0;-0.0", "0.0;[Red]-0.0", "#,##0.0;(#,##0.0)", "0.0", '0.0;"—"'])
def test_a_negative_section_saying_its_sign_reads_as_before(code: str, tmp_path: Path) -> None:
    _xlsx(tmp_path / "s.xlsx", [["x", -5.26]], {"B1": code})
    got = dict(read("s.xlsx", (tmp_path / "s.xlsx").read_bytes(), None).rows)[1].get(2)
    assert got == ("—" if "—" in code else Decimal("-5.3"))


_UNSIGNED = ["0{p};0{p}", "0{p};[Red]0{p}", '#,##0{p}"亿元";#,##0{p}"亿元"', "0{p}%;0{p}%", "0{p}_ ;[Red]0{p}_ "]
_SIGNED = [
    "0{p};-0{p}",
    "0{p};[Red]-0{p}",
    "#,##0{p};(#,##0{p})",
    "0{p}",
    '_ * #,##0{p}_ ;_ * \\-#,##0{p}_ ;_ * "-"??_ ',
]


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from(_UNSIGNED + _SIGNED),
    st.integers(0, 3),
    st.decimals(min_value=Decimal("-99999"), max_value=Decimal("-0.001"), places=3, allow_nan=False),
)
def test_only_a_section_hiding_the_sign_of_a_figure_shown_refuses(form: str, places: int, stored: Decimal) -> None:
    code = form.format(p="." + "0" * places if places else "")
    shape = number_shape(code)
    assert shape is not None
    seen = as_shown(stored, shape)
    said = hidden_sign(stored, shape)
    if form in _UNSIGNED and isinstance(seen, Decimal) and seen != 0:
        assert said is not None and said.startswith(f"stores {stored}, but its number format {code!r} shows it as '")
        with tempfile.TemporaryDirectory() as folder:  # the workbook's reader refuses the cell, naming it
            path = Path(folder) / "f.xlsx"
            _xlsx(path, [["x", float(stored)]], {"B1": code})
            with pytest.raises(SheetError, match=r"^f\.xlsx \(sheet 'Sheet'\): cell B1 stores "):
                read("f.xlsx", path.read_bytes(), None)
    else:
        assert said is None
        assert not isinstance(seen, Decimal) or seen <= 0  # its sign kept, as shown


@given(st.sampled_from(_UNSIGNED), st.decimals(min_value=Decimal(0), max_value=Decimal(99999), places=2))
def test_a_positive_or_zero_under_any_section_is_read(form: str, stored: Decimal) -> None:
    shape = number_shape(form.format(p=".0"))
    assert shape is not None and hidden_sign(stored, shape) is None
