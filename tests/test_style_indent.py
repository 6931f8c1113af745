"""An indent Excel gives a cell by its format (the indent button: ``<alignment indent="1"/>`` in
styles.xml, an XF's indent level in an .xls) marks a sub-item as typed leading spaces do. It was
not read: ``新增创新空间面积`` 8000 over the same name indented by format, 3000, imported both, 1.1 万平方米
for a month that added 0.8 万.

Excel shows an indent only with left, right or distributed alignment (exceljs#755, axlsx#661): an
``indent`` with ``general`` or no ``horizontal`` (openpyxl's ``Alignment(indent=1)``, an .xls XF's
hor_align 0) shows none, and was read as one. Only left and distributed indents are read (a right
one is from the right). LibreOffice's shape is not tested: no workbook it saved with an indent is at
hand to say what it writes.
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
import xlwt
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.styles import Alignment
from typer.testing import CliRunner

from cli import app
from ledger import sheets
from tests.helpers import exported

_ROWS = [["临平经开区2025年8月创新空间建设情况"], ["指标名称", "本月新增（平方米）"]]
_REFUSAL = (
    "error: {name}: row 4: '新增创新空间面积' names innovation-space as row 3 ('新增创新空间面积') does, and its indent "
    "makes it a part of row 3, never a second figure of the target (counted with it, the figure would be counted "
    "twice or replace the whole); delete row 4 to import the whole (row 3)\n"
)


def _book(names: list[tuple[str, int, Alignment | None]]) -> bytes:
    """An openpyxl workbook of the title, the header and one row per ``(name, figure, alignment)``."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in _ROWS:
        ws.append(row)
    for name, figure, alignment in names:
        ws.append([name, figure])
        if alignment is not None:
            ws.cell(ws.max_row, 1).alignment = alignment
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _import(runner: CliRunner, workdir: Path, name: str, data: bytes) -> tuple[int, str]:
    (workdir / name).write_bytes(data)
    result = runner.invoke(app, ["import", name])
    return result.exit_code, result.stderr


_LEFT = Alignment(horizontal="left", indent=1)


def test_a_sub_item_indented_by_its_format_is_refused(runner: CliRunner, workdir: Path) -> None:
    data = _book([("新增创新空间面积", 8000, None), ("新增创新空间面积", 3000, _LEFT)])
    assert _import(runner, workdir, "s.xlsx", data) == (1, _REFUSAL.format(name="s.xlsx"))
    assert exported(runner) == []  # never 1.1 万平方米


def test_a_distributed_indent_is_read_alike(runner: CliRunner, workdir: Path) -> None:
    data = _book(
        [("新增创新空间面积", 8000, None), ("新增创新空间面积", 3000, Alignment(horizontal="distributed", indent=2))]
    )
    assert _import(runner, workdir, "d.xlsx", data) == (1, _REFUSAL.format(name="d.xlsx"))


@pytest.mark.parametrize("alignment", [Alignment(indent=1), Alignment(horizontal="general", indent=2)])
def test_an_indent_excel_does_not_show_is_not_read(runner: CliRunner, workdir: Path, alignment: Alignment) -> None:
    # no horizontal, or general: Excel shows the text unindented, so the two rows are two figures of one
    # name, refused as such rather than read as a whole and its part
    data = _book([("新增创新空间面积", 8000, None), ("新增创新空间面积", 3000, alignment)])
    plain = _book([("新增创新空间面积", 8000, None), ("新增创新空间面积", 3000, None)])
    assert sheets.read_xlsx("s.xlsx", data, None).rows == sheets.read_xlsx("s.xlsx", plain, None).rows
    assert sheets.read_xlsx("s.xlsx", data, None).rows[-1][1][1] == "新增创新空间面积"


def _xls(horizontal: int | None) -> bytes:
    """An .xls of the title, the header and 新增创新空间面积 twice, the second's name indented by one
    level with xlrd's hor_align ``horizontal`` (0 general, 1 left, 3 right, 7 distributed), or not."""
    wb = xlwt.Workbook()
    ws = wb.add_sheet("s")
    indented = xlwt.XFStyle()
    if horizontal is not None:
        indented.alignment.inde = 1
        indented.alignment.horz = horizontal
    for r, row in enumerate([*_ROWS, ["新增创新空间面积", 8000], ["新增创新空间面积", 3000]]):
        for c, value in enumerate(row):
            ws.write(r, c, value, indented if (r, c) == (3, 0) else xlwt.XFStyle())
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize("horizontal", [xlwt.Alignment.HORZ_LEFT, xlwt.Alignment.HORZ_DISTRIBUTED])
def test_an_xls_sub_item_indented_by_its_format_is_refused(runner: CliRunner, workdir: Path, horizontal: int) -> None:
    assert _import(runner, workdir, "s.xls", _xls(horizontal)) == (1, _REFUSAL.format(name="s.xls"))


@pytest.mark.parametrize("horizontal", [xlwt.Alignment.HORZ_GENERAL, xlwt.Alignment.HORZ_RIGHT])
def test_an_xls_indent_excel_does_not_show_from_the_left_is_not_read(horizontal: int) -> None:
    assert sheets.read_xls("s.xls", _xls(horizontal), None).rows == sheets.read_xls("s.xls", _xls(None), None).rows


def test_a_right_indent_is_no_part(runner: CliRunner, workdir: Path) -> None:
    # a right-aligned indent is from the right, no sub-item's mark: the sheet reads as it does unindented
    right = _book(
        [("新增创新空间面积", 8000, None), ("新增创新空间面积", 3000, Alignment(horizontal="right", indent=1))]
    )
    plain = _book([("新增创新空间面积", 8000, None), ("新增创新空间面积", 3000, None)])
    assert sheets.read_xlsx("s.xlsx", right, None).rows == sheets.read_xlsx("s.xlsx", plain, None).rows


def test_a_part_under_a_heading_without_a_figure_is_its_own_row(runner: CliRunner, workdir: Path) -> None:
    data = _book([("科技创新“赋能”行动", None, None), ("新增创新空间面积", 8000, _LEFT)])  # type: ignore[list-item]
    (workdir / "o.xlsx").write_bytes(data)
    result = runner.invoke(app, ["import", "o.xlsx", "--skip-unknown"])
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("innovation-space", "2025-08-31", 8000, "平方米")]


_HORIZONTALS = [None, "general", "left", "distributed", "right", "center", "justify", "fill"]


@settings(deadline=None, max_examples=25)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["新增创新空间面积", "工业总产值", "东湖孵化园"]),
            st.integers(0, 3),
            st.sampled_from(_HORIZONTALS),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_an_indent_by_format_reads_as_excel_shows_it(names: list[tuple[str, int, str | None]]) -> None:
    # as that many typed spaces when left or distributed, else (Excel shows none, or from the right) as none
    formatted = _book(
        [(n, i + 1, Alignment(horizontal=h, indent=level) if level else None) for i, (n, level, h) in enumerate(names)]
    )
    shown = [level if h in ("left", "distributed") else 0 for _, level, h in names]
    typed = _book([("\u3000" * s + n, i + 1, None) for i, ((n, _, _), s) in enumerate(zip(names, shown, strict=True))])
    assert sheets.read_xlsx("s.xlsx", formatted, None).rows == sheets.read_xlsx("s.xlsx", typed, None).rows
