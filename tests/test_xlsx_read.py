"""ledger.xlsx reads a worksheet part whole when it is small and streams it otherwise: both must
give exactly the cells (values and their types), merged ranges and first error of the plain
reader that streams every part and converts every cell afresh (``_plain_cells`` below, the
reader as it was before the fast forms), for every workbook of the corpus and for generated
worksheets of every kind of cell."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import iterparse
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ledger.xlsx as xlsx
import ledger.xlsx_book as xlsx_book
import ledger.xlsx_formats as xlsx_formats
import ledger.xlsx_sheet as xlsx_sheet
from ledger.sheets import PercentCell, SheetError
from tests.conftest import ROOT
from tests.sheets.build import cases

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _plain_cells(
    book: Any, part: str, title: str
) -> tuple[list[tuple[int, dict[int, Any]]], list[tuple[int, int, int, int]], list[int], set[int]]:
    """The simple form: iterparse over the whole part, every cell converted by ``_value``."""
    rows = xlsx_sheet._Rows(f"{book.name} (sheet {title!r})")
    merged = []
    hidden_rows: list[int] = []
    hidden_columns: set[int] = set()
    row_number = 0
    with book._open(part) as f:
        ns = xlsx_sheet._root_namespace(f)
    with book._open(part) as f:
        for _, el in iterparse(f, events=("end",)):
            if el.tag == ns + "row":
                r = el.get("r")
                row_number = int(r) if r else row_number + 1
                cells: dict[int, Any] = {}
                column = 0
                for c in el:
                    ref = c.get("r")
                    column = xlsx_sheet._column_number(ref.rstrip("0123456789")) if ref else column + 1
                    v = text = None
                    formula = False
                    for child in c:
                        if child.tag == ns + "v":
                            v = child.text or ""
                        elif child.tag == ns + "f":
                            formula = True
                        elif child.tag == ns + "is":
                            if len(child) == 1 and child[0].tag == ns + "t":
                                text = child[0].text or ""
                            else:
                                text = "".join(t.text or "" for t in child.iter(ns + "t"))
                    value = book._value(
                        c.get("t", "n"), c.get("s"), v, formula, text, rows.where, ref or f"row {row_number}"
                    )
                    if value is not None:
                        cells[column] = value
                if cells and el.get("hidden") in ("1", "true"):
                    hidden_rows.append(row_number)
                el.clear()
                rows.add(row_number, cells)
            elif el.tag == ns + "mergeCell":
                span = xlsx_sheet._span(el.get("ref", ""))
                if span:
                    merged.append(span)
            elif el.tag == ns + "col" and el.get("hidden") in ("1", "true"):
                hidden_columns.update(range(int(el.get("min", "0")), int(el.get("max", "0")) + 1))
    return rows.rows, merged, hidden_rows, hidden_columns


def _plain_strings(book: Any, part: str | None) -> list[str]:
    """The simple form of the shared texts: iterparse over the whole part."""
    if part is None or part not in book.zip.namelist():
        return []
    out: list[str] = []
    with book._open(part) as f:
        for _, el in iterparse(f, events=("end",)):
            if xlsx_sheet._local(el.tag) != "si":
                continue
            parts = []
            for child in el:
                tag = xlsx_sheet._local(child.tag)
                if tag == "t":
                    parts.append(child.text or "")
                elif tag == "r":
                    parts.extend(t.text or "" for t in child if xlsx_sheet._local(t.tag) == "t")
            text = "".join(parts)
            if len(text) > xlsx_book.MAX_CELL:
                raise SheetError(
                    f"{book.name}: a text longer than {xlsx_book.MAX_CELL:,} characters, more than Excel allows"
                )
            out.append(text)
            el.clear()
    return out


def _outcome(data: bytes) -> Any:
    """What reading a workbook gives: its grid with every value's type, or its error line."""
    try:
        grid = xlsx.read("book.xlsx", data, None)
    except SheetError as e:
        return str(e)
    rows = [(n, {k: (type(v), v) for k, v in cells.items()}) for n, cells in grid.rows]
    return rows, grid.merged, grid.sheet, grid.sheets


@contextmanager
def _patched(**values: Any) -> Iterator[None]:
    """Each name set to its value in every module of the reader that reads it (a limit such as
    MAX_ROWS is imported from ledger.sheets by the module that checks it)."""
    with pytest.MonkeyPatch.context() as mp:
        for name, value in values.items():
            holders = [m for m in (xlsx, xlsx_book, xlsx_sheet) if hasattr(m, name)]
            assert holders, name
            for module in holders:
                mp.setattr(module, name, value)
        yield


def _three_ways(data: bytes) -> Any:
    """The outcome read whole, streamed, and by the plain reader, which must all agree."""
    whole = _outcome(data)
    with _patched(WHOLE_PART=0, SCAN_PART=0):
        streamed = _outcome(data)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(xlsx_book._Book, "cells", _plain_cells)
        mp.setattr(xlsx_book._Book, "_strings", _plain_strings)
        plain = _outcome(data)
    assert whole == plain
    assert streamed == plain
    return plain


def _workbook(sheet: str, strings: str = "", date1904: bool = False) -> bytes:
    """A workbook of one sheet (its part's XML given), with cell styles 0 general, 1 date,
    2 percent, 3 a literal percent sign, 4 a custom date, and the shared strings given."""
    styles = (
        f'<styleSheet xmlns="{MAIN}"><numFmts><numFmt numFmtId="164" formatCode="0.0&quot;%&quot;"/>'
        '<numFmt numFmtId="165" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts><cellXfs>'
        '<xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="10"/><xf numFmtId="164"/><xf numFmtId="165"/>'
        "</cellXfs></styleSheet>"
    )
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="{REL}/{kind}" Target="{target}"/>'
        for n, (kind, target) in enumerate(
            [("worksheet", "worksheets/sheet1.xml"), ("styles", "styles.xml"), ("sharedStrings", "sharedStrings.xml")]
        )
    )
    pr = '<workbookPr date1904="1"/>' if date1904 else ""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{REL}">{pr}<sheets><sheet name="S" sheetId="1" r:id="rId0"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
        )
        z.writestr("xl/styles.xml", styles)
        z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{MAIN}">{strings}</sst>')
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return buf.getvalue()


def _sheet(body: str, prefix: str = "", merges: str = "") -> str:
    p = f"{prefix}:" if prefix else ""
    xmlns = f'xmlns:{prefix}="{MAIN}"' if prefix else f'xmlns="{MAIN}"'
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{p}worksheet {xmlns}>'
        f"<{p}sheetData>{body}</{p}sheetData>{merges}</{p}worksheet>"
    )


STRINGS = '<si><t>指标名称</t></si><si><r><t>规上</t></r><r><rPr><b/></rPr><t>工业</t></r><rPh sb="0" eb="1"><t>x</t></rPh></si>'


def corpus(tmp_path: Path) -> list[bytes]:
    """The workbooks of tests/sheets (made in ``tmp_path``) and of examples/."""
    books = []
    for case in cases():
        if case.file.endswith(".xlsx") and case.file != "many-rows.xlsx":  # many-rows: see the limits test
            case.make(tmp_path / case.file)
            if zipfile.is_zipfile(tmp_path / case.file):
                books.append((tmp_path / case.file).read_bytes())
    return books + [p.read_bytes() for p in sorted((ROOT / "examples").glob("*.xlsx"))]


def test_the_corpus_reads_alike_whole_streamed_and_plain(tmp_path: Path) -> None:
    """Every workbook of tests/sheets and examples/, and a bench-style sheet of 300 rows."""
    from openpyxl import Workbook

    books = corpus(tmp_path)
    book = Workbook(write_only=True)
    ws = book.create_sheet("数据")
    ws.append(["指标名称", "数值", "单位", "状态", "截至日期"])
    for i in range(300):
        ws.append([f"指标{i % 40}", round(1 + i / 100, 2), "亿元", None, datetime(2025, 1, 1 + i % 28)])
    out = io.BytesIO()
    book.save(out)
    books.append(out.getvalue())
    outcomes = [_three_ways(data) for data in books]
    assert sum(isinstance(o, tuple) for o in outcomes) >= 10
    assert outcomes[-1][0][1] == (
        2,
        {
            1: (str, "指标0"),
            2: (Decimal, Decimal("1")),
            3: (str, "亿元"),
            5: (datetime, datetime(2025, 1, 1)),
        },
    )


def test_a_prefixed_sheet_reads_as_its_unprefixed_twin() -> None:
    """.NET writers (the Open XML SDK) write every element with a prefix, <x:c>; they were
    read as an empty sheet before."""
    body = (
        '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>1—6月累计</x:t></x:is></x:c></x:row>'
        '<x:row r="3"><x:c r="A3" t="s"><x:v>1</x:v></x:c><x:c r="B3" s="2"><x:v>0.052</x:v></x:c>'
        '<x:c r="C3" s="1"><x:v>45838</x:v></x:c></x:row>'
    )
    merges = '<x:mergeCells count="1"><x:mergeCell ref="A1:A2"/></x:mergeCells>'
    prefixed = _three_ways(_workbook(_sheet(body, "x", merges), STRINGS))
    plain = _three_ways(_workbook(_sheet(body.replace("x:", ""), "", merges.replace("x:", "")), STRINGS))
    assert prefixed == plain
    assert prefixed[:2] == (
        [
            (1, {1: (str, "指标名称"), 2: (str, "1—6月累计")}),
            (3, {1: (str, "规上工业"), 2: (PercentCell, Decimal("5.200")), 3: (datetime, datetime(2025, 6, 30))}),
        ],
        ((1, 1, 2, 1),),
    )


def test_dates_percents_booleans_errors_and_formulas_by_hand() -> None:
    body = (
        '<row r="2"><c r="A2" s="1"><v>0</v></c><c r="B2" s="4"><v>45838.5</v></c><c r="C2" s="3"><v>5.2</v></c>'
        '<c r="D2" s="2"><v>0.031</v></c><c r="E2" t="b"><v>1</v></c><c r="F2" t="e"><v>#N/A</v></c>'
        '<c r="G2" t="str"><f>A1</f><v>小计</v></c><c r="H2"><f>1+1</f><v>2</v></c>'
        '<c r="I2" t="inlineStr"><is><r><t>a &amp; </t></r><r><t>b</t></r></is></c><c r="J2"><v>188.41999999999999</v></c></row>'
    )
    rows = _three_ways(_workbook(_sheet(body)))[0]
    assert rows == [
        (
            2,
            {
                1: (datetime, datetime(1899, 12, 30)),
                2: (str, "2025年6月"),  # shown yyyy"年"m"月": the month, whatever the day stored
                3: (Decimal, Decimal("5.2")),
                4: (PercentCell, Decimal("3.100")),  # shown 0.0%: a percent cell, × 100
                5: (bool, True),
                6: (str, "#N/A"),
                7: (str, "小计"),
                8: (Decimal, Decimal("2")),
                9: (str, "a & b"),
                10: (Decimal, Decimal("188.42")),
            },
        )
    ]
    in_1904 = _three_ways(_workbook(_sheet('<row><c s="1"><v>0</v></c></row>'), date1904=True))[0]
    assert in_1904 == [(1, {1: (datetime, datetime(1904, 1, 1))})]


def test_the_first_error_in_the_part_wins_on_both_paths() -> None:
    """A formula with no saved value before a break in the XML is what is reported, as when the
    part is streamed; a break with no error before it is reported as such; a row inside a row
    (read before its parent when streamed) is read in that order."""
    formula = '<row r="1"><c r="B1"><f>A1</f></c></row>'
    broken = _sheet(formula + "<row r='2'><c></row>")
    assert _three_ways(_workbook(broken)).startswith(
        "book.xlsx (sheet 'S'): cell B1 holds a formula with no saved value"
    )
    assert _three_ways(_workbook(_sheet("<row r='2'><c></row>"))) == (
        "book.xlsx: not a readable Excel workbook (.xlsx): ParseError"
    )
    nested = _sheet('<row r="1"><c r="A1"><v>1</v></c><row r="2"><c r="A2"><v>2</v></c></row></row>')
    assert _three_ways(_workbook(nested))[0] == [
        (2, {1: (Decimal, Decimal("2"))}),
        (1, {1: (Decimal, Decimal("1"))}),
    ]


def test_a_damaged_part_meets_an_earlier_error_first_on_both_paths() -> None:
    """A sheet member whose bytes no longer match its checksum: streaming reads the rows before
    the damage, so a formula with no saved value there is what is reported, whole or not."""
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(2, 5000))
    data = _workbook(_sheet('<row r="1"><c r="B1"><f>A1</f></c></row>' + rows))
    stored = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(stored, "w") as new:
        for info in old.infolist():
            new.writestr(info.filename, old.read(info.filename), zipfile.ZIP_STORED)
    damaged = bytearray(stored.getvalue())
    at = damaged.rfind(b"<v>4998</v>")
    damaged[at + 3] = ord("7")
    assert _three_ways(bytes(damaged)).startswith("book.xlsx (sheet 'S'): cell B1 holds a formula with no saved value")
    damaged[damaged.find(b"<f>A1</f>") : damaged.find(b"<f>A1</f>") + 9] = b"<v>1</v>X"
    assert _three_ways(bytes(damaged)) == "book.xlsx: not an Excel workbook (.xlsx): the zip is damaged"


def test_shared_texts_read_alike() -> None:
    """Shared texts parsed whole or streamed: rich runs joined, phonetic runs left out, an
    <si> inside another listed where streaming lists it, a text too long refused."""
    cells = '<row r="1">' + "".join(f'<c r="{c}1" t="s"><v>{n}</v></c>' for n, c in enumerate("ABCD")) + "</row>"
    nested = STRINGS + "<si><t>外</t><si><t>内</t></si></si><si><t>末</t></si>"
    assert _three_ways(_workbook(_sheet(cells), nested))[0] == [
        (1, {1: (str, "指标名称"), 2: (str, "规上工业"), 3: (str, "内"), 4: (str, "外")})
    ]
    prefixed = f'<x:sst xmlns:x="{MAIN}"><x:si><x:t>甲</x:t></x:si><x:si><x:r><x:t>乙</x:t></x:r></x:si></x:sst>'
    book = _workbook(
        _sheet(cells[:-6].replace(' t="s"><v>2', ' t="s"><v>0').replace(' t="s"><v>3', ' t="s"><v>1') + "</row>")
    )
    with zipfile.ZipFile(io.BytesIO(book)) as old, io.BytesIO() as buf:
        with zipfile.ZipFile(buf, "w") as new:
            for info in old.infolist():
                new.writestr(
                    info.filename, prefixed if info.filename.endswith("sharedStrings.xml") else old.read(info.filename)
                )
        assert _three_ways(buf.getvalue())[0] == [(1, {1: (str, "甲"), 2: (str, "乙"), 3: (str, "甲"), 4: (str, "乙")})]
    with _patched(MAX_CELL=3):
        assert _three_ways(_workbook(_sheet(cells), STRINGS)) == (
            "book.xlsx: a text longer than 3 characters, more than Excel allows"
        )


def test_limits_are_refused_alike() -> None:
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 8))
    with _patched(MAX_ROWS=5):
        assert _three_ways(_workbook(_sheet(rows))).endswith(
            "more than 5 rows hold values; tracker reads sheets up to that size (a stray cell far out is fine, a sheet this large is not a monthly sheet): split it, or import JSON Lines"
        )
    wide = '<row r="1">' + "".join(f"<c><v>{n}</v></c>" for n in range(1, 8)) + "</row>"
    with _patched(MAX_COLUMNS=5):
        assert "more than 5 columns" in _three_ways(_workbook(_sheet(wide)))
    with _patched(MAX_CELL=3):
        assert _three_ways(_workbook(_sheet('<row><c t="inlineStr"><is><t>abcd</t></is></c></row>'))) == (
            "book.xlsx (sheet 'S'): cell row 1 is longer than 3 characters, more than Excel allows"
        )


# Generated worksheets: every kind of cell, text needing escapes, formulas with and without
# saved values, rows and cells with and without their addresses, merged ranges, prefixes.
_texts = st.sampled_from(["", " ", "指标名称", "a & b", "<5>", "1—6月", "x\ny", "#N/A", "true"]) | st.text(
    st.characters(blacklist_categories=("Cs", "Cc")), max_size=6
)
_GOOD_NUMBERS = ["1", "1.5", "0.052", "45838", "45838.25", "-3", "1e3", "2.5E-2", "188.41999999999999", " 7", "0"]
_BAD_NUMBERS = ["NaN", "inf", "x", "1e999", "9" * 20]
# Mostly what each kind holds, now and then what it must not (an error must come out alike too).
_values = {
    "n": st.sampled_from(_GOOD_NUMBERS * 8 + _BAD_NUMBERS + [""]),
    "s": st.sampled_from(["0", "1"] * 8 + ["2", "x", ""]),
    "b": st.sampled_from(["0", "1", "true", "false", " 1", ""]),
}


@st.composite
def _cells(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from([None, "n", "s", "inlineStr", "b", "e", "str", "d", ""]))
    has_formula = draw(st.integers(0, 29)) == 0
    return {
        "ref": draw(st.booleans()),
        "t": kind,
        "s": draw(st.sampled_from([None, "0", "1", "2", "3", "4", "9", "x"])),
        "v": draw(st.none() | _values.get(kind or "n", _texts)),
        "f": draw(st.sampled_from(["<f>A1+1</f>", '<f t="shared" si="0"/>'])) if has_formula else None,
        "is": draw(st.none() | _texts.map(lambda t: [t]) | st.lists(_texts, min_size=2, max_size=3)),
    }


_rows = st.lists(st.tuples(st.booleans(), st.lists(_cells(), max_size=5)), max_size=6)


def _generated(rows: list[tuple[bool, list[dict[str, Any]]]], prefix: str, spaced: bool) -> str:
    p = f"{prefix}:" if prefix else ""
    gap = "\n  " if spaced else ""
    out = []
    for n, (numbered, cells) in enumerate(rows, start=1):
        parts = []
        for column, cell in enumerate(cells, start=1):
            attrs = f' r="{"ABCDEFG"[column - 1]}{n}"' if cell["ref"] else ""
            attrs += f' s="{cell["s"]}"' if cell["s"] is not None else ""
            attrs += f" t={quoteattr(cell['t'])}" if cell["t"] is not None else ""
            inner = cell["f"].replace("<f", f"<{p}f").replace("</f", f"</{p}f") if cell["f"] else ""
            if cell["v"] is not None:
                inner += f"<{p}v>{escape(cell['v'])}</{p}v>"
            if cell["is"] is not None:
                runs = cell["is"]
                if len(runs) == 1:
                    inner += f"<{p}is><{p}t>{escape(runs[0])}</{p}t></{p}is>"
                else:
                    inner += f"<{p}is>" + "".join(f"<{p}r><{p}t>{escape(t)}</{p}t></{p}r>" for t in runs) + f"</{p}is>"
            parts.append(f"<{p}c{attrs}>{inner}</{p}c>" if inner else f"<{p}c{attrs}/>")
        row_attrs = f' r="{n}"' if numbered else ""
        out.append(f"{gap}<{p}row{row_attrs}>{gap.join(parts)}</{p}row>")
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(_rows, st.sampled_from(["", "x"]), st.booleans(), st.booleans(), st.booleans())
def test_generated_sheets_read_alike(
    rows: list[tuple[bool, list[dict[str, Any]]]], prefix: str, spaced: bool, merged: bool, date1904: bool
) -> None:
    p = f"{prefix}:" if prefix else ""
    merges = f'<{p}mergeCells><{p}mergeCell ref="A1:B2"/><{p}mergeCell ref="C3"/></{p}mergeCells>' if merged else ""
    _three_ways(_workbook(_sheet(_generated(rows, prefix, spaced), prefix, merges), STRINGS, date1904))


def test_excel_escapes_of_characters_xml_cannot_hold_read_as_those_characters() -> None:
    # Excel writes a carriage return in a cell (a CRLF pasted from elsewhere) as _x000D_, and a
    # text that itself says _x000D_ as _x005F_x000D_ (ECMA-376 ST_Xstring); LibreOffice reads both
    # so. Left escaped, a target name ending in _x000D_ would match no target.
    strings = "<si><t>规模以上工业总产值_x000D_</t></si><si><t>写作 _x005F_x000D_ 的说明</t></si>"
    body = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="inlineStr"><is><t>1-6月_x000D_\n累计</t></is></c><c r="D1" t="str"><f>A1</f><v>x_x0009_y</v></c>'
        '<c r="E1" t="inlineStr"><is><t>_x000D_</t></is></c><c r="F1" t="inlineStr"><is><t>a_xD83D_b _x4e2d_</t></is></c></row>'
    )
    rows = _three_ways(_workbook(_sheet(body), strings))[0]
    assert rows == [
        (
            1,
            {
                1: (str, "规模以上工业总产值\r"),
                2: (str, "写作 _x000D_ 的说明"),
                3: (str, "1-6月\r\n累计"),
                4: (str, "x\ty"),
                # 5: a carriage return alone is a blank cell
                6: (str, "a_xD83D_b 中"),  # a lone surrogate is no character: kept as written
            },
        )
    ]
    assert xlsx_formats.excel_text("plain") == "plain"
