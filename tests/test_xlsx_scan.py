"""ledger.xlsx_sheet's strict scanner (``_Sheet.scan``) is held to the tree readers it stands in front
of: for any worksheet part it gives the same grid (cells with their types, merged ranges) or the
same first error as ElementTree would, or it gives up (``None``) and ElementTree reads the part;
never a different answer. Over the corpus, generated sheets in the shapes Excel, WPS, openpyxl
and .NET write, and the same sheets bent into shapes it must decline."""

from __future__ import annotations

import io
import re
import sys
import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ledger.xlsx_book as xlsx_book
import ledger.xlsx_sheet as xlsx_sheet
from ledger.sheets import PercentCell, SheetError, column_letter
from tests.conftest import ROOT
from tests.test_xlsx_read import MAIN, STRINGS, _outcome, _patched, _workbook, corpus

X14AC = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"


def _scanned(data: bytes) -> Any:
    """What the scanner alone makes of the workbook's first sheet: ``None`` (gave up), its
    (rows, merged), or the error line it raised."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        book = xlsx_book._Book("book.xlsx", archive)
        title, part = book.sheets[0]
        raw = archive.read(part)
        try:
            return xlsx_sheet._Sheet(book, f"book.xlsx (sheet {title!r})").scan(raw)
        except SheetError as e:
            return str(e)


def _held(data: bytes) -> bool:
    """Read the workbook with the scanner and without it (parsed whole, and streamed as a part
    above WHOLE_PART is): the outcomes must be the same. Returns whether the scanner read it
    (rather than giving up)."""
    fast = _outcome(data)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(xlsx_sheet._Sheet, "scan", lambda self, raw: None)
        trees = _outcome(data)
        mp.setattr(xlsx_book, "WHOLE_PART", 0)  # a part above it: the scanner's, else streamed
        streamed = _outcome(data)
    assert fast == trees == streamed
    return _scanned(data) is not None


def _sheet(body: str, prefix: str = "", merges: str = "", excel: bool = False) -> str:
    """A worksheet part: Excel's declarations (x14ac, mc) on the root, and its \\r\\n after the
    XML declaration, when ``excel``."""
    p = f"{prefix}:" if prefix else ""
    xmlns = f'xmlns:{prefix}="{MAIN}"' if prefix else f'xmlns="{MAIN}"'
    newline = "\r\n" if excel else "\n"
    if excel:
        xmlns += f' xmlns:x14ac="{X14AC}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
        xmlns += ' mc:Ignorable="x14ac"'
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{newline}<{p}worksheet {xmlns}>'
        f'<{p}dimension ref="A1:E9"/><{p}sheetViews><{p}sheetView workbookViewId="0"/></{p}sheetViews>'
        f"<{p}sheetData>{body}</{p}sheetData>{merges}</{p}worksheet>"
    )


def test_the_corpus_reads_alike_and_mostly_by_the_scanner(tmp_path: Path) -> None:
    """Every workbook of tests/sheets, examples/ and ../shared/sheets, and the bench's sheet."""
    books = corpus(tmp_path)
    books += [p.read_bytes() for p in sorted((ROOT.parent / "shared" / "sheets").glob("*.xlsx"))]
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from sheets import write_sheet  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(ROOT / "bench"))
    write_sheet(tmp_path / "bench.xlsx", 300, stray=True)
    books.append((tmp_path / "bench.xlsx").read_bytes())
    read = [_held(data) for data in books]
    assert len(read) >= 12
    assert all(read)  # openpyxl's, WPS's, Excel's and our own export's shapes are all the scanner's
    assert read[-1]


def test_cells_by_hand_in_excel_openpyxl_and_net_shapes() -> None:
    """Excel (shared texts, spans, x14ac:dyDescent, a shared formula), openpyxl (t="n", inline
    texts, " />") and .NET (every element prefixed) read to the values worked out by hand."""
    excel = (
        '<row r="1" spans="1:3" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>0</v></c>'
        '<c r="B1" s="2"><v>0.052</v></c><c r="C1" s="1"><v>45838</v></c></row>'
        '<row r="3" spans="1:3" ht="20.25" customHeight="1" x14ac:dyDescent="0.25"><c r="A3" t="s"><v>1</v></c>'
        '<c r="B3"><f t="shared" ref="B3:B4" si="0">A1&amp;"x"</f><v>2</v></c><c r="C3" s="3"/></row>'
        '<row r="4"><c r="B4"><f t="shared" si="0"/><v>188.41999999999999</v></c>'
        '<c r="C4" t="str"><f>"a"&amp;"b"</f><v>a&amp;b</v></c><c r="D4" t="e"><v>#N/A</v></c>'
        '<c r="E4" t="b"><v>1</v></c></row>'
    )
    merges = '<mergeCells count="1"><mergeCell ref="A1:A2"/></mergeCells>'
    data = _workbook(_sheet(excel, merges=merges, excel=True), STRINGS)
    assert _held(data)
    assert _outcome(data)[:2] == (
        [
            (1, {1: (str, "指标名称"), 2: (PercentCell, Decimal("5.200")), 3: (datetime, datetime(2025, 6, 30))}),
            (3, {1: (str, "规上工业"), 2: (Decimal, Decimal("2"))}),
            (4, {2: (Decimal, Decimal("188.42")), 3: (str, "a&b"), 4: (str, "#N/A"), 5: (bool, True)}),
        ],
        ((1, 1, 2, 1),),
    )
    openpyxl = (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#x27; 𝄞</t></is></c>'
        '<c r="B2" t="n"><v>1.5</v></c><c r="C2" s="1" t="n"><v>45658</v></c><c r="D2" s="4" />'
        '<c r="E2" t="inlineStr"><is><t xml:space="preserve"> x\ty </t></is></c></row>'
    )
    data = _workbook(_sheet(openpyxl), STRINGS)
    assert _held(data)
    assert _outcome(data)[0] == [
        (
            2,
            {
                1: (str, "a <b> & \"c\" 'd' 𝄞"),
                2: (Decimal, Decimal("1.5")),
                3: (datetime, datetime(2025, 1, 1)),
                5: (str, " x\ty "),
            },
        )
    ]
    net = excel.replace("<", "<x:").replace("<x:/", "</x:")
    data = _workbook(_sheet(net, "x", merges.replace("<", "<x:").replace("<x:/", "</x:"), excel=True), STRINGS)
    assert _held(data)
    assert _outcome(data)[:2] == _outcome(_workbook(_sheet(excel, merges=merges, excel=True), STRINGS))[:2]


def test_errors_come_out_as_before() -> None:
    """A formula with no saved value (naming its cell), too many rows or columns, a text too
    long, a shared text the workbook lacks: the scanner raises what the tree readers raise, and
    an error in a row that is broken further on is left to them (streaming meets the break first)."""
    formula = '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f>A1</f></c></row><row r="2"><c r="A2"><v>2</v></c></row>'
    data = _workbook(_sheet(formula))
    assert _held(data)
    assert _scanned(data) == _outcome(data)
    assert _outcome(data) == (
        "book.xlsx (sheet 'S'): cell B1 holds a formula with no saved value (the workbook was written by a "
        "program and never opened in Excel or WPS); open and save it in Excel or WPS, or paste values"
    )
    broken_later = _sheet(formula + '<row r="3"><c r="A3"><v>3</v></row>')
    assert _held(_workbook(broken_later))  # the error comes before the break: raised by the scanner
    assert _outcome(_workbook(broken_later)).startswith("book.xlsx (sheet 'S'): cell B1 holds a formula")
    broken_in_row = _sheet('<row r="1"><c r="B1"><f>A1</f></c><c r="C1"><v>1</v></row>')
    assert not _held(_workbook(broken_in_row))
    assert _outcome(_workbook(broken_in_row)) == "book.xlsx: not a readable Excel workbook (.xlsx): ParseError"
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 8))
    with _patched(MAX_ROWS=5):
        assert _held(_workbook(_sheet(rows)))
        assert "more than 5 rows hold values" in _outcome(_workbook(_sheet(rows)))
    wide = '<row r="1">' + "".join(f"<c><v>{n}</v></c>" for n in range(1, 8)) + "</row>"
    with _patched(MAX_COLUMNS=5):
        assert _held(_workbook(_sheet(wide)))
        assert "more than 5 columns" in _outcome(_workbook(_sheet(wide)))
    # Cells with addresses (the scan's commonest shape): a column first met on a later row counts,
    # a blank cell's (B1) does not.
    late = (
        '<row r="1"><c r="A1"><v>1</v></c><c r="B1"/></row><row r="2"><c r="A2"><v>2</v></c><c r="C2"><v>3</v></c>'
        '</row><row r="3"><c r="D3"><v>4</v></c></row>'
    )
    with _patched(MAX_COLUMNS=2):
        assert _held(_workbook(_sheet(late)))
        assert "more than 2 columns" in _outcome(_workbook(_sheet(late)))
    with _patched(MAX_COLUMNS=3):
        assert _held(_workbook(_sheet(late)))
        rows_read, _ = _scanned(_workbook(_sheet(late)))
        assert [(n, sorted(cells)) for n, cells in rows_read] == [(1, [1]), (2, [1, 3]), (3, [4])]
    with _patched(MAX_CELL=3):
        long = _workbook(_sheet('<row><c t="inlineStr"><is><t>abcd</t></is></c></row>'))
        assert _held(long)
        assert _outcome(long) == "book.xlsx (sheet 'S'): cell row 1 is longer than 3 characters, more than Excel allows"
    missing = _workbook(_sheet('<row r="1"><c r="A1" t="s"><v>7</v></c></row>'), STRINGS)
    assert _held(missing)
    assert _outcome(missing) == "book.xlsx (sheet 'S'): cell A1 names a shared text that the workbook does not have"


# Shapes the scanner must decline (and the tree readers then read, or refuse, as before): each
# is (what is put in place of the first <c r="A1" …>'s start, or a change to the whole part).
_DECLINED = {
    "comment": ("body", lambda b: b.replace("</row>", "<!-- x --></row>", 1)),
    "cdata": ("body", lambda b: b.replace("<v>1</v>", "<v><![CDATA[1]]></v>", 1)),
    "processing instruction": ("body", lambda b: b.replace("</row>", "<?pi x?></row>", 1)),
    "unknown entity": ("body", lambda b: b.replace("<v>1</v>", "<v>&nbsp;1</v>", 1)),
    "single quotes": ("body", lambda b: b.replace('r="A1"', "r='A1'", 1)),
    "attributes in another order": ("body", lambda b: b.replace('r="A1" s="1"', 's="1" r="A1"', 1)),
    "blank inside a cell": ("body", lambda b: b.replace("<v>1</v>", "<v>1</v>\n", 1)),
    "carriage return": ("body", lambda b: b.replace("</row>", "</row>\r\n", 1)),
    "undeclared prefix": ("body", lambda b: b.replace('<row r="1"', '<row r="1" y:z="1"', 1)),
    "a name twice": ("body", lambda b: b.replace('<row r="1"', '<row r="1" ht="1" ht="2"', 1)),
    "rich text": ("body", lambda b: b.replace("<is><t>甲</t></is>", "<is><r><t>甲</t></r></is>", 1)),
    "a namespace declared in the rows": ("body", lambda b: b.replace('<row r="1"', f'<row r="1" xmlns:q="{MAIN}"', 1)),
    "]]> in a text": ("body", lambda b: b.replace("<is><t>甲</t></is>", "<is><t>]]&gt;]]></t></is>", 1)),
    "a character XML forbids": ("body", lambda b: b.replace("<v>1</v>", "<v>&#1;1</v>", 1)),
    "an unknown attribute": ("body", lambda b: b.replace('r="A1" s="1"', 'r="A1" s="1" cm="1"', 1)),
    "row inside a row": ("body", lambda b: b.replace("</row>", '<row r="9"><c r="A9"><v>9</v></c></row></row>', 1)),
    "cell outside a row": ("body", lambda b: b + '<c r="A9"><v>9</v></c>'),
    "lower-case column": ("body", lambda b: b.replace('r="A1"', 'r="a1"', 1)),
    "latin-1": ("part", lambda p: p.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')),
    "DTD with an entity": (
        "part",
        lambda p: p.replace("\n", '\n<!DOCTYPE worksheet [<!ENTITY e "甲">]>\n', 1).replace(
            "<v>1</v>", "<v>&e;</v>", 1
        ),
    ),
    "sheetData in a comment first": ("part", lambda p: p.replace("<dimension", "<!-- <sheetData> --><dimension", 1)),
    "a second sheetData": ("part", lambda p: p.replace("</worksheet>", "<sheetData/></worksheet>")),
    "an empty sheetData before the rows": ("part", lambda p: p.replace("<sheetData>", "<sheetData/><sheetData>")),
    "rows elsewhere": ("part", lambda p: p.replace("</worksheet>", '<extLst><row r="7"/></extLst></worksheet>')),
    "a broken tail": ("part", lambda p: p.replace("</worksheet>", "<mergeCells></worksheet>")),
    "a declaration inside a value": (
        "part",
        lambda p: p.replace("<worksheet ", '<worksheet a=" xmlns:y=" ', 1).replace('<row r="1"', '<row r="1" y:z="1"'),
    ),
    "sheetData with a declaration": ("part", lambda p: p.replace("<sheetData>", f'<sheetData xmlns:x="{MAIN}">')),
    "elements of another namespace": ("part", lambda p: p.replace("<sheetData>", '<sheetData xmlns="urn:x">')),
}
_PLAIN = (
    '<row r="1"><c r="A1" s="1"><v>1</v></c><c r="B1" t="inlineStr"><is><t>甲</t></is></c></row>'
    '<row r="2"><c r="A2"><v>2</v></c></row>'
)


@pytest.mark.parametrize("shape", sorted(_DECLINED))
def test_shapes_it_does_not_know_are_left_to_the_tree_readers(shape: str) -> None:
    where, change = _DECLINED[shape]
    merges = '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>'
    part = _sheet(change(_PLAIN) if where == "body" else _PLAIN, merges=merges)
    assert _held(_workbook(_sheet(_PLAIN, merges=merges)))
    changed = part if where == "body" else change(part)
    latin: Any = changed.replace("甲", "é").encode("latin-1")  # zipfile writes the bytes as given
    assert not _held(_workbook(latin if "ISO-8859-1" in changed else changed))


def test_an_empty_sheet_as_excel_and_libreoffice_write_it() -> None:
    """<sheetData/>: no rows, its merged ranges read all the same."""
    merges = '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>'
    part = _sheet("", merges=merges, excel=True).replace("<sheetData></sheetData>", "<sheetData/>")
    assert "<sheetData/>" in part
    assert _held(_workbook(part))
    assert _outcome(_workbook(part))[:2] == ([], ((1, 1, 1, 2),))


def test_a_byte_order_mark_and_no_declaration_read_as_utf8() -> None:
    merges = '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>'
    part = "\ufeff" + _sheet(_PLAIN, merges=merges).split("\n", 1)[1]
    assert _held(_workbook(part))
    assert _outcome(_workbook(part))[:2] == (
        [(1, {1: (datetime, datetime(1899, 12, 31)), 2: (str, "甲")}), (2, {1: (Decimal, Decimal("2"))})],
        ((1, 1, 1, 2),),
    )


# Generated sheets: every kind of cell in each writer's shape, texts with characters that need
# escaping, astral and control characters (as references), rows out of order and with gaps.
_CHARACTERS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\ufffe\uffff")
_texts = st.sampled_from(["", " ", "指标名称", "a & b", "<5>", '"q"', "it's", "x\ny", "#N/A", "𝄞", "\t"]) | st.text(
    _CHARACTERS, max_size=6
)
_NUMBERS = ["1", "1.5", "0.052", "45838", "45838.25", "-3", "1e3", "188.41999999999999", " 7", "0", "NaN", "x", ""]


def _escaped(text: str, references: bool) -> str:
    """``text`` escaped for XML, characters XML forbids raw written as references (which the
    parser then refuses, as it must), others as references now and then."""
    out = []
    for ch in escape(text, {'"': "&quot;", "'": "&apos;"}):
        code = ord(ch)
        if code < 0x20 and ch not in "\t\n":
            out.append(f"&#{code};")
        elif references and (code > 0x7E or ch in "xy"):
            out.append(f"&#x{code:X};" if code % 2 else f"&#{code};")
        else:
            out.append(ch)
    return "".join(out)


@st.composite
def _cells(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from([None, "n", "s", "inlineStr", "b", "e", "str"]))
    values = {"n": st.sampled_from(_NUMBERS), "s": st.sampled_from(["0", "1", "2"]), "b": st.sampled_from(["0", "1"])}
    return {
        "column": draw(st.integers(1, 30)),
        "ref": draw(st.integers(0, 9)) > 0,
        "t": kind,
        "s": draw(st.sampled_from([None, "0", "1", "2", "3", "4", "9"])),
        "v": draw(st.none() | values.get(kind or "n", _texts)),
        "f": draw(st.sampled_from([None] * 12 + ["A1&amp;1", "", "shared"])),
        "is": draw(st.none() | _texts) if kind == "inlineStr" else None,
        "references": draw(st.integers(0, 5)) == 0,
    }


_rows = st.lists(
    st.tuples(st.integers(1, 40), st.booleans(), st.lists(_cells(), max_size=5)),
    max_size=8,
)


def _generated(rows: list[tuple[int, bool, list[dict[str, Any]]]], writer: str) -> str:
    p = "x:" if writer == "net" else ""
    out = []
    for number, numbered, cells in rows:
        parts = []
        for cell in sorted(cells, key=lambda c: c["column"]):
            attrs = f' r="{column_letter(cell["column"])}{number}"' if cell["ref"] else ""
            attrs += f' s="{cell["s"]}"' if cell["s"] is not None else ""
            kind = cell["t"] if cell["t"] is not None or writer != "openpyxl" else "n"
            attrs += f' t="{kind}"' if kind is not None else ""
            inner = ""
            if cell["f"] == "shared":
                inner += f'<{p}f t="shared" si="0"/>'
            elif cell["f"] is not None:
                inner += f"<{p}f>{cell['f']}</{p}f>"
            if cell["v"] is not None:
                text = _escaped(cell["v"], cell["references"])
                empty = f"<{p}v />" if writer == "openpyxl" else f"<{p}v/>"  # openpyxl writes "<v />"
                inner += f"<{p}v>{text}</{p}v>" if text else empty
            if cell["is"] is not None:
                text = _escaped(cell["is"], cell["references"])
                space = ' xml:space="preserve"' if text.strip() != text else ""
                inner += f"<{p}is><{p}t{space}>{text}</{p}t></{p}is>"
            close = " />" if writer == "openpyxl" else "/>"
            parts.append(f"<{p}c{attrs}>{inner}</{p}c>" if inner else f"<{p}c{attrs}{close}")
        extra = ' spans="1:5" x14ac:dyDescent="0.25"' if writer == "excel" else ""
        row_attrs = f' r="{number}"' if numbered else ""
        gap = "\n  " if writer == "pretty" else ""
        out.append(f"{gap}<{p}row{row_attrs}{extra}>{gap.join(parts)}</{p}row>")
    return "".join(out)


@settings(max_examples=400, deadline=None)
@given(_rows, st.sampled_from(["excel", "openpyxl", "net", "pretty"]), st.booleans(), st.booleans())
def test_generated_sheets_read_alike(
    rows: list[tuple[int, bool, list[dict[str, Any]]]], writer: str, merged: bool, date1904: bool
) -> None:
    p = "x:" if writer == "net" else ""
    merges = f'<{p}mergeCells><{p}mergeCell ref="A1:B2"/><{p}mergeCell ref="C3"/></{p}mergeCells>' if merged else ""
    part = _sheet(_generated(rows, writer), "x" if writer == "net" else "", merges, excel=writer in ("excel", "net"))
    data = _workbook(part, STRINGS, date1904)
    read = _held(data)
    # The writers' shapes are all the scanner's: it gives up only at a character XML forbids.
    assert read or re.search(r"&#(?:[0-8]|1[124-9]|2[0-9]|3[01]);", part)


def test_the_split_reads_the_commonest_shape_and_the_tokens_the_rest() -> None:
    """Rows of addressed cells with nothing between them are read by split_rows alone; a cell
    without its address, blanks between cells or an empty row written <row/> send the part to
    token_rows, which starts again from the first row (nothing read twice)."""
    common = _workbook(_sheet(_PLAIN, merges='<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>'))
    no_digits = _workbook(_sheet('<row r="3"><c r="C" t="s"><v>0</v></c><c r="D"><f>A1</f></c></row>'), STRINGS)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(xlsx_sheet._Sheet, "token_rows", lambda *a: pytest.fail("the tokens were not needed"))
        assert _held(common)
        assert _held(no_digits)  # an address without its row names its column all the same
        assert _outcome(no_digits).startswith("book.xlsx (sheet 'S'): cell D holds a formula with no saved value")
    tokens_read = []
    real = xlsx_sheet._Sheet.token_rows

    def token_rows(self: Any, patterns: Any, body: bytes) -> None:
        tokens_read.append(body)
        real(self, patterns, body)

    later = _PLAIN + '<row r="5"/><row><c><v>3</v></c>\n<c r="C6" t="inlineStr"><is><t>乙</t></is></c></row>'
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(xlsx_sheet._Sheet, "token_rows", token_rows)
        assert _held(_workbook(_sheet(later)))
        assert _outcome(_workbook(_sheet(later)))[0] == [
            (1, {1: (datetime, datetime(1899, 12, 31)), 2: (str, "甲")}),
            (2, {1: (Decimal, Decimal("2"))}),
            (6, {1: (Decimal, Decimal("3")), 3: (str, "乙")}),
        ]
    assert tokens_read  # and held by the tree readers above
