"""Workbooks saved by LibreOffice Calc 7.4.7.2 (tests/sheets/libreoffice/, remade by its
make.py: openpyxl's and the corpus's workbooks and CSVs opened by ``soffice --headless
--convert-to xlsx`` with the "Calc MS Excel 2007 XML" or "Calc Office Open XML" filter, one
through .ods first). LibreOffice writes every row with six attributes (customFormat, ht, hidden,
customHeight, outlineLevel, collapsed), ``s`` and ``t`` on every cell, ``<f aca="false">``,
exponents as ``1E-020``, an empty sheet as ``<sheetData/>``: the scanner reads all of it, to
the tree readers' grid, and the figures import as from the originals."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import fromstring

import pytest
from typer.testing import CliRunner

import ledger.xlsx as xlsx
import ledger.xlsx_book as xlsx_book
import ledger.xlsx_sheet as xlsx_sheet
from cli import app
from ledger.sheets import SheetError
from tests.conftest import ROOT
from tests.sheets.build import cases
from tests.test_sheets import _export, _same

HERE = ROOT / "tests" / "sheets" / "libreoffice"
BOOKS = ["bureau.xlsx", "mixed.xlsx", "shapes.xlsx", "tasks.xlsx"]


def _sheets(data: bytes) -> list[tuple[str, Any, Any, Any]]:
    """Each sheet's (title, scanner's outcome, whole tree's, streamed): rows and merged ranges
    with every value's type, or the error line."""

    def typed(sheet: Any, how: str, raw: bytes) -> Any:
        try:
            found = (
                sheet.scan(raw)
                if how == "scan"
                else sheet.whole(fromstring(raw))
                if how == "whole"
                else sheet.stream(io.BytesIO(raw))
            )
        except SheetError as e:
            return str(e)
        if found is None:
            return None
        rows, merged = found
        return [(n, {k: (type(v), v) for k, v in cells.items()}) for n, cells in rows], merged

    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        book = xlsx_book._Book("book.xlsx", archive)
        for title, part in book.sheets:
            raw = archive.read(part)
            where = f"book.xlsx (sheet {title!r})"
            scanned, whole, streamed = (
                typed(xlsx_sheet._Sheet(book, where), how, raw) for how in ("scan", "whole", "stream")
            )
            out.append((title, scanned, whole, streamed))
    return out


@pytest.mark.parametrize("name", BOOKS)
def test_the_scanner_reads_every_sheet_libreoffice_wrote_as_the_trees_do(name: str) -> None:
    sheets = _sheets((HERE / name).read_bytes())
    assert sheets
    for title, scanned, whole, streamed in sheets:
        assert scanned is not None, title  # read by the scanner, not left to the trees
        assert scanned == whole == streamed, title


def test_libreoffice_mixed_sheet_reads_to_the_figures_worked_out_by_hand() -> None:
    """0.052 as 0.0% is 5.2; 7.6 as 0.0"%" and 5.2 as 0.0\\% stay as typed; the formulas that
    openpyxl wrote without a value carry LibreOffice's results; escaped text comes back whole."""
    grid = xlsx.read("mixed.xlsx", (HERE / "mixed.xlsx").read_bytes(), None)
    june = datetime(2025, 6, 30)
    assert grid.sheet == "6月" and grid.sheets == ("6月", "数据")
    assert grid.merged == ((1, 1, 1, 5), (6, 3, 7, 3))
    rows = dict(grid.rows)
    assert rows[3] == {1: "工业总产值", 2: Decimal("628.32"), 3: "亿元", 4: june, 5: "A&B <快报> \"初\" '值'"}
    assert rows[4][2] == Decimal("5.2") and rows[4][4] == june
    assert rows[5][2] == Decimal("7.6") and rows[5][4] == "2025-06-30"
    assert rows[6][2] == Decimal("2.5") and rows[7][2] == Decimal("62.832")
    assert rows[8][2] == Decimal("188.42") and rows[8][5] == "a&<b>"
    assert rows[9][2] == Decimal("5.2")
    assert rows[10] == {1: "  其中：高新技术产业", 2: True, 5: " 空格 "}
    data = xlsx.read("mixed.xlsx", (HERE / "mixed.xlsx").read_bytes(), "数据")
    assert data.rows[2] == (3, {1: "指标1", 2: Decimal("114.29"), 3: "亿元", 4: "推进中", 5: datetime(2025, 1, 2)})
    assert len(data.rows) == 61


def test_libreoffice_shapes_errors_exponents_and_an_empty_sheet() -> None:
    data = (HERE / "shapes.xlsx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert b"<sheetData/>" in archive.read("xl/worksheets/sheet2.xml")
        assert b"<v>1E-020</v>" in archive.read("xl/worksheets/sheet1.xml")
    rows = dict(xlsx.read("shapes.xlsx", data, None).rows)
    assert rows[2] == {1: "除零", 2: "#DIV/0!", 3: "#N/A"}
    assert rows[4] == {1: "tiny", 2: Decimal("1E-20"), 3: Decimal("1.23456789012346E+20")}
    assert rows[6][3] == "\r carriage return"  # written &#13;
    assert rows[9] == {2: True, 3: "]]><&>", 4: Decimal("2")}  # ="" is no value
    assert rows[10] == {4: Decimal("6")} and rows[40] == {26: "far"}
    assert xlsx.read("shapes.xlsx", data, "空").rows == []


@pytest.mark.parametrize(("name", "original"), [("bureau.xlsx", "bureau.xlsx"), ("tasks.xlsx", "tasks-gb18030.csv")])
def test_libreoffice_copies_import_as_the_originals(name: str, original: str, runner: CliRunner, workdir: Path) -> None:
    case = next(c for c in cases() if c.file == original)
    (workdir / name).write_bytes((HERE / name).read_bytes())
    args = [a for a in case.args if a not in ("--encoding", "gb18030")]
    result = runner.invoke(app, ["import", name, *args])
    assert result.exit_code == 0, result.stderr
    got = _export(runner)
    assert len(got) == len(case.entries) > 0
    for want, have in zip(case.entries, got, strict=True):
        assert _same(want, have), (want, have)
