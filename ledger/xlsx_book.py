"""A workbook's package as the worksheet reader needs it (:class:`_Book`): the zip's parts and
relationships, sheet names and paths, the active tab, shared strings (refused past a cell's limit
while they stream), cell formats, the date epoch, and a cell's value as its type and format make it.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from decimal import Decimal
from typing import IO, Any
from xml.etree.ElementTree import Element, iterparse

from .number_shapes import BUILT_IN, Shape, as_shown, hidden_sign, number_shape, shown_text
from .patterns import LazyPattern
from .sheets import MAX_CELL, PercentCell, SheetError
from .xlsx_formats import (
    _DATE_IDS,
    _MONTH_IDS,
    _PERCENT_IDS,
    _date_kind,
    excel_number,
    excel_text,
    is_percent_format,
    month_text,
    shown_unit,
    unit_cell,
)
from .xlsx_sheet import _local, _Sheet, _tree

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

_INF = float("inf")
_NO_UNIT: tuple[tuple[str, int], ...] = ()
# The horizontal alignments with which Excel shows an indent from the left (right: from the right).
_INDENTED = ("left", "distributed")


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
        # Cell styles indenting their text (<alignment indent="1"/>), by style index as the cells write it:
        # their texts are read with the indent before them, as typed blanks are (see _formats).
        self.indents: dict[str, str] = {}
        # Number formats by style index, read for what they show of a number (ledger.number_shapes).
        self.shapes: dict[int, Shape] = {}
        # Cells whose format shows them otherwise than stored (rounded: 5.96781234 shown as 6.0), by
        # the id of the value read: how it shows, what it stores, its format, for a note naming the cell.
        self.rounded: dict[int, tuple[Any, str, str]] = {}
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
        """The shared texts, in order: rich text runs joined, phonetic runs (``rPh``) left out."""
        if part is None or part not in self.zip.namelist():
            return []
        names: dict[str, str] = {}  # tag → local name: texts are read in any namespace
        root = self._whole(part)
        if root is not None:
            # Read whole only where that is the same as streaming: every <si> a child of the root,
            # so none inside another (streaming would list the inner one first).
            every = sum(
                1 for el in root.iter() if (names.get(el.tag) or names.setdefault(el.tag, _local(el.tag))) == "si"
            )
            items = [el for el in root if names.get(el.tag) == "si"]
            if every == len(items):
                return [self._shared_text(el, names) for el in items]
        out: list[str] = []
        with self._open(part) as f:
            for _, el in iterparse(_Items(f, self.name), events=("end",)):
                if _local(el.tag) == "si":
                    out.append(self._shared_text(el, names))
                    el.clear()
        return out

    def _shared_text(self, si: Element, names: dict[str, str]) -> str:
        """One ``<si>``'s text; ``names`` caches tags' local names."""
        parts = []
        for child in si:
            tag = names.get(child.tag) or names.setdefault(child.tag, _local(child.tag))
            if tag == "t":
                parts.append(child.text or "")
            elif tag == "r":  # a run of rich text; phonetic runs (rPh) are not the text
                parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
        text = "".join(parts)
        if len(text) > MAX_CELL:
            raise SheetError(f"{self.name}: a text longer than {MAX_CELL:,} characters, more than Excel allows")
        return text

    def _bytes(self, part: str, limit: int) -> bytes | None:
        """The part's XML when it is at most ``limit`` bytes and can be read; else ``None``, and
        the caller streams it, meeting the damage after any error on what comes before it, as
        streaming always did."""
        with self._open(part) as f:
            if self.zip.getinfo(part).file_size > limit:
                return None
            try:
                return f.read()  # zipfile stops at the size its directory gives
            except Exception:  # a damaged member (BadZipFile, zlib.error, EOFError)
                return None

    def _whole(self, part: str) -> Element | None:
        """The part parsed whole when :meth:`_bytes` gives it and it is well formed; else ``None``
        (the caller streams it)."""
        raw = self._bytes(part, WHOLE_PART)
        return None if raw is None else _tree(raw)

    def _formats(self, part: str | None) -> list[tuple[bool, int, tuple[tuple[str, int], ...]]]:
        """``(is percent, date kind, unit shown)`` by cell style index: 0 not a date, 1 a date (with a day,
        or a time), 2 a month (:func:`is_month_format`), 3 a year (:func:`is_year_format`); the
        text and scale each section of the format shows the number with (:func:`shown_unit`),
        ``()`` when none shows any."""
        if part is None or part not in self.zip.namelist():
            return []
        root = self._parse(part)
        codes: dict[int, str] = {}
        out: list[tuple[bool, int, tuple[tuple[str, int], ...]]] = []
        for el in root.iter():
            if _local(el.tag) == "numFmt" and el.get("numFmtId", "").isdigit():
                codes[int(el.get("numFmtId", "0"))] = el.get("formatCode", "")
        for el in root:
            if _local(el.tag) != "cellXfs":
                continue
            for index, xf in enumerate(el):
                self._indent(index, xf)
                fid = int(xf.get("numFmtId", "0")) if xf.get("numFmtId", "0").isdigit() else 0
                code = codes.get(fid)
                if (shape := number_shape(code if code is not None else BUILT_IN.get(fid, ""))) is not None:
                    self.shapes[index] = shape
                if code is None:
                    out.append((fid in _PERCENT_IDS, 2 if fid in _MONTH_IDS else int(fid in _DATE_IDS), ()))
                else:
                    shows = shown_unit(code)
                    out.append((is_percent_format(code), _date_kind(code), shows if any(map(any, shows)) else ()))
        return out

    def _indent(self, index: int, xf: Element) -> None:
        """Note in :attr:`indents` the indent style ``index`` (the ``xf`` of ``cellXfs``) gives its text
        from the left: ``<alignment horizontal="left" indent="N"/>`` or ``distributed``. Excel applies an
        indent only with left, right or distributed alignment: one with ``general`` or no ``horizontal``
        shows none (exceljs#755, axlsx#661), and a right-aligned indent is from the right. Excel's indent button, as a sheet marks a sub-item (``　其中：…``) as well as typed
        blanks do: read as N full-width spaces before the text, so that the rows' checks see it
        (:func:`ledger.sub_items.sub_items`), and a part is never counted as a second figure of its whole."""
        for align in xf:
            if _local(align.tag) != "alignment":
                continue
            level = align.get("indent", "0")
            if level.isdigit() and int(level) > 0 and align.get("horizontal") in _INDENTED:
                self.indents[str(index)] = "\u3000" * min(int(level), 250)

    def cells(
        self, part: str, title: str
    ) -> tuple[list[tuple[int, dict[int, Any]]], list[tuple[int, int, int, int]], list[int], set[int]]:
        """The worksheet's cells that hold a value, by row, its merged ranges, and the rows
        (holding a value) and columns it hides.

        A part of up to :data:`SCAN_PART` bytes is first given to the strict scanner
        (:meth:`_Sheet.scan`), which reads the shapes Excel, WPS, LibreOffice, openpyxl and .NET
        write in a third of the time ElementTree takes to build the part's tree, and declines
        anything else. A part it declines is parsed whole when it is at most :data:`WHOLE_PART` bytes,
        which costs a fifth less CPU than streaming it (an event per element); a larger one is
        streamed a row at a time, so that memory stays bounded whatever its size. The tree
        readers share one row reader (:meth:`_Sheet.row`), all three one cell converter
        (:meth:`_value`); tests/test_xlsx_read.py holds the tree readers to the same result and
        tests/test_xlsx_scan.py the scanner to them, whole or streamed (and
        tests/test_xlsx_libreoffice.py over workbooks LibreOffice saved).
        """
        where = f"{self.name} (sheet {title!r})"
        raw = self._bytes(part, SCAN_PART)
        if raw is not None:
            read = _Sheet(self, where)
            if read.scan(raw) is not None:
                return read.rows.rows, read.merged, read.hidden_rows, read.hidden_columns
            root = _tree(raw) if len(raw) <= WHOLE_PART else None
            if root is not None:
                read = _Sheet(self, where)
                if read.whole(root) is not None:
                    return read.rows.rows, read.merged, read.hidden_rows, read.hidden_columns
        read = _Sheet(self, where)
        with self._open(part) as f:
            read.stream(f)
        return read.rows.rows, read.merged, read.hidden_rows, read.hidden_columns

    def _as_shown(
        self, stored: Decimal, shape: Shape, percent: bool, shows: tuple[tuple[str, int], ...]
    ) -> Decimal | str | None:
        """A number cell's value as its format ``shape`` shows it (:func:`as_shown`): the figure
        rounded as shown, noted in :attr:`rounded` when that is not the number stored; the text of
        a section showing no figure (``"-"``), or ``None`` for one showing nothing."""
        seen = as_shown(stored, shape)
        if not isinstance(seen, Decimal):
            return seen
        value = unit_cell(seen, shows) if shows else PercentCell(seen * 100) if percent else seen
        if seen != stored:
            self.rounded[id(value)] = (value, shown_text(stored, shape), shape.code)
        return value

    def _value(
        self, kind: str, style: str | None, v: str | None, formula: bool, text: str | None, where: str, ref: str
    ) -> Any:
        """One cell's value from its type ``t``, style ``s``, ``<v>`` text, whether it has an
        ``<f>``, and its inline text; shared by both readers so that they convert alike."""
        if formula and (v is None or (not v and kind != "str")):  # "str" with <v/>: the formula gave ""
            raise SheetError(
                f"{where}: cell {ref} holds a formula with no saved value (the workbook was written by a program "
                "and never opened in Excel or WPS); open and save it in Excel or WPS, or paste values"
            )
        if kind == "n" and v:
            percent, is_date, shows, shape = False, 0, _NO_UNIT, None
            if style is not None and style.isdigit() and int(style) < len(self.formats):
                percent, is_date, shows = self.formats[int(style)]
                shape = self.shapes.get(int(style)) if not is_date else None
            if is_date or len(v) > 15 or "e" in v or "E" in v:
                try:
                    number = float(v)
                except ValueError:
                    raise SheetError(f"{where}: cell {ref} holds {v[:40]!r}, which is not a number") from None
                if number != number or number in (_INF, -_INF):
                    raise SheetError(f"{where}: cell {ref} holds {v[:40]!r}, which is not a finite number")
                if is_date and 0 <= number < 2958466:  # Excel's last date is 9999-12-31
                    try:
                        day = self.epoch + timedelta(days=number)
                    except OverflowError:  # from the 1904 epoch, Excel's last serial is 2957003
                        raise SheetError(f"{where}: cell {ref} holds a date past 9999-12-31") from None
                    return day if is_date == 1 else month_text(day) if is_date == 2 else f"{day.year}年"
                shown = excel_number(number)
            else:  # at most 15 significant digits already: exactly what Excel shows
                try:
                    if "_" in v:  # Decimal("5_8") is 58: no number a workbook stores
                        raise ArithmeticError
                    shown = Decimal(v)
                except ArithmeticError:
                    raise SheetError(f"{where}: cell {ref} holds {v!r}, which is not a number") from None
                if not shown.is_finite():
                    raise SheetError(f"{where}: cell {ref} holds {v!r}, which is not a finite number")
            if shape is not None:
                if shown < 0 and (unsigned := hidden_sign(shown, shape)) is not None:
                    raise SheetError(f"{where}: cell {ref} {unsigned}")
                return self._as_shown(shown, shape, percent, shows)
            # Made once per distinct cell text (the readers' memos), so the mark costs no call per cell.
            if shows and not is_date:
                return unit_cell(shown, shows)
            return PercentCell(shown * 100) if percent else shown
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
        if value is None:
            return None
        value = excel_text(value)
        if not value.strip():
            return None
        if len(value) > MAX_CELL:
            raise SheetError(f"{where}: cell {ref} is longer than {MAX_CELL:,} characters, more than Excel allows")
        if self.indents and style in self.indents:  # no style indents on most sheets: one test per text
            return self.indents[style] + value
        return value


# A worksheet part of up to this many bytes is parsed whole. ElementTree's tree takes about 15
# times the XML of a sheet of figures (41 MB for the 3 MB of 20,000 rows × 3 cells) and 26 times
# at most, for a part of nothing but empty addressed cells (<c r="A1"/>): so at most about
# 110 MB, where a monthly sheet is far smaller than 4 MB. A larger part is streamed.
WHOLE_PART = 4 * 2**20
# A worksheet part of up to this many bytes is given to the scanner (_Sheet.scan), which holds
# it about three times over (its bytes, <sheetData>'s, their pieces): at most about 100 MB.
SCAN_PART = 32 * 2**20

# Bytes of XML one shared text may take: 32,767 characters, each written as a character
# reference or in its own run of rich text, fit in far less. Past this, the text is refused while
# the part streams, before expat gathers it whole (a 200 MB <t> zips to 200 KB).
_SHARED_ITEM = 4 * 2**20
_ITEM_START = LazyPattern(rb"<(?:[\w.-]+:)?si[\s/>]")


class _Items:
    """The shared strings part as :func:`iterparse` reads it, refused in one line once one
    ``<si>`` runs past :data:`_SHARED_ITEM` bytes (a tag split across two reads only moves the
    refusal one read later)."""

    def __init__(self, f: IO[bytes], name: str) -> None:
        self.f, self.name, self.run = f, name, 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.f.read(size)
        starts = [m.start() for m in _ITEM_START.finditer(chunk)]
        self.run = len(chunk) - starts[-1] if starts else self.run + len(chunk)
        if self.run > _SHARED_ITEM:
            raise SheetError(f"{self.name}: a text longer than {MAX_CELL:,} characters, more than Excel allows")
        return chunk
