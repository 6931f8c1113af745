"""Reading one worksheet of an .xlsx by streaming its XML: only the cells that exist.

Why not openpyxl's reader: in its normal mode it builds every cell of the sheet's recorded used
range (a stray formatted cell at XFD1048576 makes that 17 billion cells), its read-only mode
gives no merged ranges, and neither tells a formula's saved result from a formula that has none
(a workbook written by a program and never opened in Excel). So the worksheet part is streamed
here with :func:`xml.etree.ElementTree.iterparse`, keeping only cells that hold a value; a
format is a date format by openpyxl's rule (:func:`is_date_format`, restated here so that reading
a workbook does not load openpyxl).

Limits (:mod:`ledger.sheets`) are checked on the zip's directory before anything is inflated,
and on rows, columns and cell length while streaming, so a hostile file is refused in one line
and bounded time and memory.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from decimal import Decimal
from typing import IO, Any
from xml.etree.ElementTree import Element, iterparse

from .sheets import MAX_CELL, MAX_COLUMNS, MAX_ROWS, MAX_UNCOMPRESSED, Grid, SheetError, pick_sheet, too_many

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_DIGITS = "0123456789"
_INF = float("inf")
_CELL_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")
# Parts of a format that show text rather than format: "quoted", \escaped, [colour/locale],
# and the character after _ (a space as wide as it) or * (repeated to fill).
_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
_DATE_IDS = {*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)}  # built-in date formats, CJK ones included
_PERCENT_IDS = {9, 10}


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def excel_number(value: float) -> Decimal:
    """A stored double as Excel shows it: 15 significant digits, so ``188.41999999999999``
    is 188.42 and never reaches the ledger or a message."""
    return Decimal(format(value, ".15g"))


def is_percent_format(code: str) -> bool:
    """Whether a number format shows the value × 100 with a percent sign: an unquoted,
    unescaped ``%`` (``0.0%``), not ``0.0\\%`` or ``0.0"%"``, which show the stored number
    followed by a literal sign."""
    return "%" in _LITERALS.sub("", code)


# openpyxl's rule for a date format (openpyxl.styles.numbers.is_date_format, 3.1), restated:
# importing openpyxl only to ask it took a fifth of reading a workbook. In the format's first
# section, with "quoted text" and [bracketed] parts taken out (all but elapsed [h], [m], [s]), a
# d, m, h, y or s not after _ or \ makes it a date. tests/test_xlsx_formats.py holds the two to
# the same answer over generated and hand-picked codes.
_DATE_NOISE = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_LETTER = re.compile(r"(?<![_\\])[dmhysDMHYS]")


def is_date_format(code: str) -> bool:
    """Whether a custom number format shows a date or time (``yyyy-mm-dd``, ``[$-804]yyyy"年"m"月"``,
    ``[h]:mm``), as openpyxl decides it; ``0.00"d"`` and ``#,##0[Red]`` are not."""
    first = code.split(";")[0]
    return _DATE_LETTER.search(_DATE_NOISE.sub("", first)) is not None


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


class _Book:
    """The parts of a workbook needed to read one sheet: sheet names and paths, the active tab,
    shared strings, cell formats, the date epoch."""

    def __init__(self, name: str, archive: zipfile.ZipFile) -> None:
        self.name, self.zip = name, archive
        root = self._root()
        rels = self._rels(root)
        tree = self._parse(root)
        self.sheets: list[tuple[str, str]] = []
        self.active = 0
        self.epoch = datetime(1899, 12, 30)
        for el in tree.iter():
            tag = _local(el.tag)
            if tag == "sheet":
                rid = next((v for k, v in el.attrib.items() if _local(k) == "id"), "")
                self.sheets.append((el.get("name", ""), rels.get(rid, "")))
            elif tag == "workbookView" and el.get("activeTab", "0").isdigit():
                self.active = int(el.get("activeTab", "0"))
            elif tag == "workbookPr" and el.get("date1904") in ("1", "true"):
                self.epoch = datetime(1904, 1, 1)
        typed = self._typed_rels(root)
        self.strings = self._strings(typed.get("sharedStrings"))
        self.formats = self._formats(typed.get("styles"))

    def _root(self) -> str:
        try:
            tree = self._parse("_rels/.rels")
        except SheetError:
            return "xl/workbook.xml"
        for el in tree.iter():
            if _local(el.tag) == "Relationship" and el.get("Type", "").endswith("/officeDocument"):
                return el.get("Target", "xl/workbook.xml").lstrip("/")
        return "xl/workbook.xml"

    def _rel_path(self, part: str) -> str:
        folder, base = posixpath.split(part)
        return posixpath.join(folder, "_rels", base + ".rels")

    def _relationships(self, part: str) -> Iterator[Element]:
        try:
            tree = self._parse(self._rel_path(part))
        except SheetError:
            return
        for el in tree.iter():
            if _local(el.tag) == "Relationship":
                yield el

    def _target(self, part: str, target: str) -> str:
        if target.startswith("/"):
            return target.lstrip("/")
        return posixpath.normpath(posixpath.join(posixpath.dirname(part), target))

    def _rels(self, part: str) -> dict[str, str]:
        return {el.get("Id", ""): self._target(part, el.get("Target", "")) for el in self._relationships(part)}

    def _typed_rels(self, part: str) -> dict[str, str]:
        return {
            el.get("Type", "").rpartition("/")[2]: self._target(part, el.get("Target", ""))
            for el in self._relationships(part)
        }

    def _open(self, part: str) -> IO[bytes]:
        try:
            return self.zip.open(part)
        except KeyError:
            raise SheetError(f"{self.name}: not an Excel workbook (.xlsx): it has no {part}") from None

    def _parse(self, part: str) -> Element:
        with self._open(part) as f:
            root: Element | None = None
            for _, el in iterparse(f, events=("end",)):
                root = el
            if root is None:
                raise SheetError(f"{self.name}: {part} is empty")
            return root

    def _strings(self, part: str | None) -> list[str]:
        if part is None or part not in self.zip.namelist():
            return []
        out: list[str] = []
        with self._open(part) as f:
            for _, el in iterparse(f, events=("end",)):
                if _local(el.tag) != "si":
                    continue
                parts = []
                for child in el:
                    tag = _local(child.tag)
                    if tag == "t":
                        parts.append(child.text or "")
                    elif tag == "r":  # a run of rich text; phonetic runs (rPh) are not the text
                        parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
                text = "".join(parts)
                if len(text) > MAX_CELL:
                    raise SheetError(f"{self.name}: a text longer than {MAX_CELL:,} characters, more than Excel allows")
                out.append(text)
                el.clear()
        return out

    def _formats(self, part: str | None) -> list[tuple[bool, bool]]:
        """``(is percent, is date)`` by cell style index."""
        if part is None or part not in self.zip.namelist():
            return []
        root = self._parse(part)
        codes: dict[int, str] = {}
        out: list[tuple[bool, bool]] = []
        for el in root.iter():
            if _local(el.tag) == "numFmt" and el.get("numFmtId", "").isdigit():
                codes[int(el.get("numFmtId", "0"))] = el.get("formatCode", "")
        for el in root:
            if _local(el.tag) != "cellXfs":
                continue
            for xf in el:
                fid = int(xf.get("numFmtId", "0")) if xf.get("numFmtId", "0").isdigit() else 0
                code = codes.get(fid)
                if code is None:
                    out.append((fid in _PERCENT_IDS, fid in _DATE_IDS))
                else:
                    out.append((is_percent_format(code), is_date_format(code)))
        return out

    def cells(self, part: str, title: str) -> tuple[list[tuple[int, dict[int, Any]]], list[tuple[int, int, int, int]]]:
        """The worksheet's cells that hold a value, by row, and its merged ranges."""
        rows: list[tuple[int, dict[int, Any]]] = []
        merged: list[tuple[int, int, int, int]] = []
        columns: set[int] = set()
        numbers: dict[str, int] = {}  # column letters → number, worked out once per column
        row_number = 0
        where = f"{self.name} (sheet {title!r})"
        ns = ""
        row_tag = merge_tag = ""
        with self._open(part) as f:
            for event, el in iterparse(f, events=("start-ns", "end")):
                if event == "start-ns":
                    prefix, uri = el
                    if not prefix and not ns:
                        ns = "{" + uri + "}"
                        row_tag, merge_tag = ns + "row", ns + "mergeCell"
                        tags = (ns + "v", ns + "f", ns + "is", ns + "t")
                    continue
                tag = el.tag
                if tag == row_tag:
                    r = el.get("r")
                    row_number = int(r) if r else row_number + 1
                    cells: dict[int, Any] = {}
                    column = 0
                    for c in el:
                        ref = c.get("r")
                        if ref:
                            letters = ref.rstrip(_DIGITS)
                            column = numbers.get(letters) or numbers.setdefault(letters, _column_number(letters))
                        else:
                            column += 1
                        value = self._value(c, tags, where, ref or f"row {row_number}")
                        if value is not None:
                            cells[column] = value
                    el.clear()
                    if cells:
                        if len(rows) >= MAX_ROWS:
                            raise SheetError(too_many(where, "rows", MAX_ROWS))
                        columns.update(cells)
                        if len(columns) > MAX_COLUMNS:
                            raise SheetError(too_many(where, "columns", MAX_COLUMNS))
                        rows.append((row_number, cells))
                elif tag == merge_tag:
                    span = _span(el.get("ref", ""))
                    if span:
                        merged.append(span)
        return rows, merged

    def _value(self, c: Element, tags: tuple[str, str, str, str], where: str, ref: str) -> Any:
        kind = c.get("t", "n")
        v_tag, f_tag, is_tag, t_tag = tags
        v = f = text = None
        for child in c:
            tag = child.tag
            if tag == v_tag:
                v = child.text or ""
            elif tag == f_tag:
                f = child
            elif tag == is_tag:
                if len(child) == 1 and child[0].tag == t_tag:
                    text = child[0].text or ""
                else:  # rich text: runs of <r><t>…</t></r>
                    text = "".join(t.text or "" for t in child.iter(t_tag))
        if f is not None and (v is None or (not v and kind != "str")):  # "str" with <v/>: the formula gave ""
            raise SheetError(
                f"{where}: cell {ref} holds a formula with no saved value (the workbook was written by a program "
                "and never opened in Excel or WPS); open and save it in Excel or WPS, or paste values"
            )
        if kind == "n" and v:
            style = c.get("s")
            percent = is_date = False
            if style is not None and style.isdigit() and int(style) < len(self.formats):
                percent, is_date = self.formats[int(style)]
            if is_date or len(v) > 15 or "e" in v or "E" in v:
                try:
                    number = float(v)
                except ValueError:
                    raise SheetError(f"{where}: cell {ref} holds {v[:40]!r}, which is not a number") from None
                if number != number or number in (_INF, -_INF):
                    raise SheetError(f"{where}: cell {ref} holds {v[:40]!r}, which is not a finite number")
                if is_date and 0 <= number < 2958466:  # Excel's last date is 9999-12-31
                    return self.epoch + timedelta(days=number)
                shown = excel_number(number)
            else:  # at most 15 significant digits already: exactly what Excel shows
                try:
                    shown = Decimal(v)
                except ArithmeticError:
                    raise SheetError(f"{where}: cell {ref} holds {v!r}, which is not a number") from None
                if not shown.is_finite():
                    raise SheetError(f"{where}: cell {ref} holds {v!r}, which is not a finite number")
            return shown * 100 if percent else shown
        if kind == "inlineStr":
            value: Any = text
        elif not v:
            return None
        elif kind == "s":
            try:
                value = self.strings[int(v)]
            except (ValueError, IndexError):
                raise SheetError(f"{where}: cell {ref} names a shared text that the workbook does not have") from None
        elif kind == "b":
            return v.strip() in ("1", "true")
        else:  # str (a formula's text), e (an error such as #N/A), d (an ISO date as text)
            value = v
        if value is None or not value.strip():
            return None
        if len(value) > MAX_CELL:
            raise SheetError(f"{where}: cell {ref} is longer than {MAX_CELL:,} characters, more than Excel allows")
        return value


def _span(ref: str) -> tuple[int, int, int, int] | None:
    first, _, last = ref.partition(":")
    a, b = _CELL_REF.match(first), _CELL_REF.match(last or first)
    if not a or not b:
        return None
    return int(a.group(2)), _column_number(a.group(1)), int(b.group(2)), _column_number(b.group(1))


def read(name: str, data: bytes, sheet: str | None) -> Grid:
    """The cells of one worksheet (``sheet`` by name or 1-based number; default the one active
    when the workbook was saved), as a :class:`~ledger.sheets.Grid`.

    Numbers are taken as Excel shows them (15 significant digits), percent formats × 100 only
    where the ``%`` is unquoted, date formats as ``datetime``, error cells as their text
    (``#N/A``), empty text as no value. Raises :class:`~ledger.sheets.SheetError` for a file
    that is not a workbook, a formula with no saved value (naming its cell), or a limit passed.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise SheetError(f"{name}: not an Excel workbook (.xlsx): the zip is damaged") from None
    with archive:
        inflated = sum(i.file_size for i in archive.infolist())
        if inflated > MAX_UNCOMPRESSED:
            raise SheetError(
                f"{name}: the workbook unpacks to {inflated / 2**20:,.0f} MB, more than the "
                f"{MAX_UNCOMPRESSED // 2**20} MB tracker reads; a sheet of figures is far smaller"
            )
        if any(i.flag_bits & 0x1 for i in archive.infolist()):
            raise SheetError(
                f"{name}: the workbook's parts are encrypted; remove the password in Excel or WPS and save it"
            )
        try:
            book = _Book(name, archive)
            names = [n for n, _ in book.sheets]
            if not names:
                raise SheetError(f"{name}: the workbook has no worksheets")
            index = pick_sheet(name, names, sheet, book.active)
            title, part = book.sheets[index]
            rows, merged = book.cells(part, title)
        except SheetError:
            raise
        except (SyntaxError, ValueError, KeyError, zipfile.BadZipFile, EOFError, OSError) as e:
            # ElementTree's ParseError is a SyntaxError; a truncated member is a BadZipFile or EOFError
            raise SheetError(f"{name}: not a readable Excel workbook (.xlsx): {type(e).__name__}") from None
    return Grid(name, rows, tuple(merged), title, tuple(names))
