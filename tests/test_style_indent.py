"""An indent Excel gives a cell by its format (the indent button: ``<alignment indent="1"/>`` in
styles.xml, an XF's indent level in an .xls) marks a sub-item as typed leading spaces do. It was
not read: ``新增创新空间面积`` 8000 over the same name indented by format, 3000, imported both, 1.1 万平方米
for a month that added 0.8 万.

LibreOffice is not installed where these tests were written, so its shape is made by hand: the
``<alignment>`` it writes for every format (horizontal="general" vertical="bottom" textRotation="0"
wrapText="false" indent="N" shrinkToFit="false"), as tests/sheets/libreoffice/'s workbooks hold it.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
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


def _as_libreoffice(data: bytes) -> bytes:
    """``data`` with each ``<alignment>`` of its styles written as LibreOffice Calc writes one."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            raw = src.read(item.filename)
            if item.filename == "xl/styles.xml":
                text = raw.decode()

                def lo(m: re.Match[str]) -> str:
                    level = re.search(r'indent="(\d+)"', m.group())
                    return (
                        '<alignment horizontal="general" vertical="bottom" textRotation="0" wrapText="false" '
                        f'indent="{level.group(1) if level else 0}" shrinkToFit="false"/>'
                    )

                text = re.sub(r"<alignment[^>]*/>", lo, text)
                raw = text.encode()
            dst.writestr(item, raw)
    return out.getvalue()


def _import(runner: CliRunner, workdir: Path, name: str, data: bytes) -> tuple[int, str]:
    (workdir / name).write_bytes(data)
    result = runner.invoke(app, ["import", name])
    return result.exit_code, result.stderr


def test_a_sub_item_indented_by_its_format_is_refused(runner: CliRunner, workdir: Path) -> None:
    data = _book([("新增创新空间面积", 8000, None), ("新增创新空间面积", 3000, Alignment(indent=1))])
    assert _import(runner, workdir, "s.xlsx", data) == (1, _REFUSAL.format(name="s.xlsx"))
    assert exported(runner) == []  # never 1.1 万平方米


def test_libreoffices_indent_is_read_alike(runner: CliRunner, workdir: Path) -> None:
    data = _as_libreoffice(_book([("新增创新空间面积", 8000, None), ("新增创新空间面积", 3000, Alignment(indent=2))]))
    assert _import(runner, workdir, "lo.xlsx", data) == (1, _REFUSAL.format(name="lo.xlsx"))


def test_an_xls_sub_item_indented_by_its_format_is_refused(runner: CliRunner, workdir: Path) -> None:
    wb = xlwt.Workbook()
    ws = wb.add_sheet("s")
    indented = xlwt.XFStyle()
    indented.alignment.inde = 1
    for r, row in enumerate([*_ROWS, ["新增创新空间面积", 8000], ["新增创新空间面积", 3000]]):
        for c, value in enumerate(row):
            ws.write(r, c, value, indented if (r, c) == (3, 0) else xlwt.XFStyle())
    out = io.BytesIO()
    wb.save(out)
    assert _import(runner, workdir, "s.xls", out.getvalue()) == (1, _REFUSAL.format(name="s.xls"))


def test_a_right_indent_is_no_part(runner: CliRunner, workdir: Path) -> None:
    # a right-aligned indent is from the right, no sub-item's mark: the sheet reads as it does unindented
    right = _book(
        [("新增创新空间面积", 8000, None), ("新增创新空间面积", 3000, Alignment(horizontal="right", indent=1))]
    )
    plain = _book([("新增创新空间面积", 8000, None), ("新增创新空间面积", 3000, None)])
    assert sheets.read_xlsx("s.xlsx", right, None).rows == sheets.read_xlsx("s.xlsx", plain, None).rows


def test_a_part_under_a_heading_without_a_figure_is_its_own_row(runner: CliRunner, workdir: Path) -> None:
    data = _book([("科技创新“赋能”行动", None, None), ("新增创新空间面积", 8000, Alignment(indent=1))])  # type: ignore[list-item]
    (workdir / "o.xlsx").write_bytes(data)
    result = runner.invoke(app, ["import", "o.xlsx", "--skip-unknown"])
    assert result.exit_code == 0, result.output
    assert exported(runner) == [("innovation-space", "2025-08-31", 8000, "平方米")]


@settings(deadline=None, max_examples=25)
@given(
    st.lists(
        st.tuples(st.sampled_from(["新增创新空间面积", "工业总产值", "东湖孵化园"]), st.integers(0, 3)),
        min_size=1,
        max_size=5,
    ),
    st.booleans(),
)
def test_an_indent_by_format_reads_as_that_many_typed_spaces(names: list[tuple[str, int]], libreoffice: bool) -> None:
    formatted = _book([(n, i + 1, Alignment(indent=level) if level else None) for i, (n, level) in enumerate(names)])
    typed = _book([("\u3000" * level + n, i + 1, None) for i, (n, level) in enumerate(names)])
    if libreoffice:
        formatted = _as_libreoffice(formatted)
    assert sheets.read_xlsx("s.xlsx", formatted, None).rows == sheets.read_xlsx("s.xlsx", typed, None).rows
