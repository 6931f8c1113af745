"""Reading one worksheet of an .xlsx from its XML: only the cells that exist.

Why not openpyxl's reader: in its normal mode it builds every cell of the sheet's recorded used
range (a stray formatted cell at XFD1048576 makes that 17 billion cells), its read-only mode
gives no merged ranges, and neither tells a formula's saved result from a formula that has none
(a workbook written by a program and never opened in Excel). So the worksheet part is read
here with :mod:`xml.etree.ElementTree` (parsed whole when small, else streamed with
:func:`~xml.etree.ElementTree.iterparse`), keeping only cells that hold a value; a
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
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from decimal import Decimal
from itertools import islice
from typing import IO, Any
from xml.etree.ElementTree import Element, XMLPullParser, fromstring, iterparse

from .sheets import (
    MAX_CELL,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_UNCOMPRESSED,
    Grid,
    PercentCell,
    SheetError,
    pick_sheet,
    too_many,
    without_hidden,
)

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_DIGITS = "0123456789"
_INF = float("inf")
_CELL_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")
# Parts of a format that show text rather than format: "quoted", \escaped, [colour/locale],
# and the character after _ (a space as wide as it) or * (repeated to fill).
_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
_DATE_IDS = {*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)}  # built-in date formats, CJK ones included
_PERCENT_IDS = {9, 10}
# Built-in formats that show a month and no day: mmm-yy (17), and yyyy"年"m"月" in a Chinese
# (zh-CN) Excel or WPS, which writes these ids without the code (ECMA-376 Part 1, 18.8.30; other
# East Asian locales give some of them a day, but this tool reads mainland sheets).
_MONTH_IDS = {17, 27, 36, 50, 52, 57}


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


# A character XML cannot hold in a text (a carriage return, a control character) is written as
# _xHHHH_ by Excel (ECMA-376 Part 1, 22.9.2.19 ST_Xstring), and a text that itself holds
# "_x0041_" as "_x005F_x0041_" (005F: the underscore).
_ESCAPED_CHARACTER = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _unescaped(match: re.Match[str]) -> str:
    code = int(match.group(1), 16)
    # A lone surrogate is no character: the text is kept as written rather than made unwritable.
    return match.group(0) if 0xD800 <= code <= 0xDFFF else chr(code)


def excel_text(text: str) -> str:
    """A cell's text as Excel shows it: each ``_xHHHH_`` escape turned back into its character
    (``"1-6月_x000D_\n累计"`` is ``"1-6月\r\n累计"``, ``"_x005F_x000D_"`` is ``"_x000D_"``);
    an escape of a lone surrogate is kept as written."""
    return _ESCAPED_CHARACTER.sub(_unescaped, text) if "_x" in text else text


def excel_escaped(text: str) -> str:
    """``text`` as a cell must hold it for :func:`excel_text` (and Excel) to show it as written:
    a run that reads as an escape (``"_x000D_"``) gets its underscore escaped (``"_x005F_x000D_"``).
    openpyxl writes a text as given, so without this a source or note holding ``_x000D_`` came
    back from an exported workbook as a carriage return."""
    return _ESCAPED_CHARACTER.sub(lambda m: "_x005F" + m.group(0), text) if "_x" in text else text


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


_ELAPSED = re.compile(r"\[(?:h+|m+|s+)\]", re.IGNORECASE)


def is_month_format(code: str) -> bool:
    """Whether a date format shows a month and no day: ``yyyy"年"m"月"``, ``yyyy-mm``,
    ``mmm-yy``, ``[$-804]yyyy年m月``, ``[DBNum1]yyyy"年"m"月"``. In its first section, with
    literals and [brackets] taken out, the letters are m with only year letters (y, e, b, g) and
    no time (``:``, ``[h]``); ``yyyy-mm-dd``, ``mm:ss``, ``m"月"d"日"`` and ``aaa`` (a weekday)
    are not. A cell so formatted means the month: ``2025年8月`` is typed, 2025-08-01 is stored."""
    first = code.split(";")[0]
    if not is_date_format(first) or _ELAPSED.search(first):
        return False
    shown = _LITERALS.sub("", first)
    letters = {ch for ch in shown.lower() if "a" <= ch <= "z"}
    return ":" not in shown and "m" in letters and letters <= {"m", "y", "e", "b", "g"}


def is_year_format(code: str) -> bool:
    """Whether a date format shows only a year (``yyyy``, ``yyyy"年"``): such a cell means the
    year, which is no as-of date, and reads as the text it shows (``2025年``)."""
    first = code.split(";")[0]
    if not is_date_format(first) or _ELAPSED.search(first):
        return False
    shown = _LITERALS.sub("", first)
    letters = {ch for ch in shown.lower() if "a" <= ch <= "z"}
    return ":" not in shown and bool(letters & {"y", "e"}) and letters <= {"y", "e", "b", "g"}


def _date_kind(code: str) -> int:
    if is_month_format(code):
        return 2
    if is_year_format(code):
        return 3
    return int(is_date_format(code))


def month_text(day: datetime) -> str:
    """A month-format cell's value as the month it means, in the words a sheet types it
    (``2025年8月``): read as an as-of date, that is the month's end, as the text would be."""
    return f"{day.year}年{day.month}月"


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

    def _formats(self, part: str | None) -> list[tuple[bool, int]]:
        """``(is percent, date kind)`` by cell style index: 0 not a date, 1 a date (with a day,
        or a time), 2 a month (:func:`is_month_format`), 3 a year (:func:`is_year_format`)."""
        if part is None or part not in self.zip.namelist():
            return []
        root = self._parse(part)
        codes: dict[int, str] = {}
        out: list[tuple[bool, int]] = []
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
                    out.append((fid in _PERCENT_IDS, 2 if fid in _MONTH_IDS else int(fid in _DATE_IDS)))
                else:
                    out.append((is_percent_format(code), _date_kind(code)))
        return out

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
            percent, is_date = False, 0
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
            # Made once per distinct cell text (the readers' memos), so the mark costs no call per cell.
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
        return value


class _Rows:
    """The rows read so far, refused past :data:`MAX_ROWS` rows or :data:`MAX_COLUMNS` columns."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.rows: list[tuple[int, dict[int, Any]]] = []
        self.columns: set[int] = set()

    def add(self, number: int, cells: dict[int, Any]) -> None:
        if not cells:
            return
        if len(self.rows) >= MAX_ROWS:
            raise SheetError(too_many(self.where, "rows", MAX_ROWS))
        self.columns.update(cells)
        if len(self.columns) > MAX_COLUMNS:
            raise SheetError(too_many(self.where, "columns", MAX_COLUMNS))
        self.rows.append((number, cells))


def _root_namespace(f: IO[bytes]) -> str:
    """``{uri}`` of the part's root element (``""`` when it has none), read from its first bytes."""
    parser: XMLPullParser[Element] = XMLPullParser(events=("start",))
    while chunk := f.read(2**16):
        parser.feed(chunk)
        for _event, el in parser.read_events():  # type: ignore[misc]  # only "start" events: el is an Element
            assert isinstance(el, Element)
            return el.tag.rpartition("}")[0] + "}" if el.tag.startswith("{") else ""
    return ""


class _GiveUp(Exception):
    """The scanner met something it does not fully understand; the tree readers read the part."""


# The strict scanner's patterns (see _Sheet.scan), over the part's bytes. What they accept is
# well-formed XML whose tree the tree readers read to the same cells; anything else gives up.
# Before <sheetData> (which ElementTree parses too) a blank may hold \r: Excel ends its
# declaration with \r\n.
_XML_DECLARATION = re.compile(
    rb'<\?xml[ \t\r\n]+version="1\.0"(?:[ \t\r\n]+encoding="[Uu][Tt][Ff]-8")?'
    rb'(?:[ \t\r\n]+standalone="(?:yes|no)")?[ \t\r\n]*\?>'
)
_NAME = "[A-Za-z_][A-Za-z0-9_.-]*"  # an ASCII XML name without a prefix
_ROOT_TAG = re.compile(
    rf'[ \t\r\n]*<(?:{_NAME}:)?{_NAME}((?:[ \t\r\n]+(?:{_NAME}:)?{_NAME}="[^"<]*")*)[ \t\r\n]*>'.encode()
)
# The root's attributes, value and all, so that a value cannot pass for a declaration.
_DECLARED = re.compile(rf'[ \t\r\n]+(?:xmlns:({_NAME})|(?:{_NAME}:)?{_NAME})="[^"<]*"'.encode())
# <sheetData/>: an empty sheet as Excel and LibreOffice write it.
_SHEET_DATA = re.compile(rf"<((?:{_NAME}:)?)sheetData(/?)>".encode())
# Text: no markup, and none of the control characters XML does not allow raw, nor \r (which a
# parser turns into \n); a reference is checked where the text is read (_unescape).
_TEXT = r"[^<\x00-\x08\x0b-\x1f]*"
_LETTERS = re.compile(b"[A-Z]{1,3}")
_DIGIT_BYTES = b"0123456789"
# Attributes the readers do not look at (a row's spans, ht, x14ac:dyDescent; a formula's t, ref,
# si): double-quoted values without references, checked once per distinct text (_Sheet.attributes).
_ATTRIBUTES = rf'(?:[ \t\n]+(?:{_NAME}:)?{_NAME}="[^"<&\x00-\x08\x0b-\x1f]*")*'
_ATTRIBUTE = re.compile(rf'[ \t\n]+(?:({_NAME}):)?({_NAME})="[^"]*"'.encode())
_REFERENCE = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _cell_tail(p: str) -> str:
    """The pattern of a cell after its ``r`` attribute, in the shapes writers use: ``s`` then
    ``t``, then an optional formula, value and inline text, in that order and nothing else
    (``p`` the elements' escaped prefix). Its groups: 1 s, 2 t, 3 formula, 4 its attributes,
    5 its text, 6 value, 7 its text, 8 inline text, 9 its text."""
    return (
        rf'(?: s="([0-9]+)")?(?: t="([A-Za-z]+)")? ?'
        rf"(?:/>|>(?:<{p}f()({_ATTRIBUTES})[ \t\n]*(?:/>|>({_TEXT})</{p}f>))?"
        rf"(?:<{p}v()(?: ?/>|>({_TEXT})</{p}v>))?"  # <v /> as openpyxl writes an empty one
        rf'(?:<{p}is>()(?:<{p}t ?/>|<{p}t(?: xml:space="preserve")?>({_TEXT})</{p}t>)</{p}is>)?</{p}c>)'
    )


class _Patterns:
    """The scanner's patterns for one element prefix (``""`` or ``"x:"``, as .NET writes).

    ``tokens`` finds one token of ``<sheetData>``'s content at a time; its groups: 1–2 a cell's
    column letters and row digits, 3 the rest of the cell (``tail``'s shape, read by ``tail``
    once per distinct text), 4 a row's ``r``, 5 its other attributes, 6 ``>`` or ``/>`` ending
    its start, 7 a row's end, 8 any other single byte (the scanner gives up). Blanks between
    tokens match with no group.
    """

    def __init__(self, prefix: str) -> None:
        p = re.escape(prefix)
        self.prefix = prefix.encode()
        tail = _cell_tail(p)
        self.row_rest = re.compile(rf"({_ATTRIBUTES})[ \t\n]*>".encode())
        self.row_start = re.compile(rf'[ \t\n]*<{p}row(?: r="([0-9]*)")?({_ATTRIBUTES})[ \t\n]*>'.encode())
        self.tail = re.compile(tail.encode())
        uncaptured = re.sub(r"\((?!\?)", "(?:", tail)  # the same shape without its groups
        self.tokens = re.compile(
            (
                rf'<{p}c(?: r="([A-Z]{{1,3}})([0-9]+)")?({uncaptured})'
                rf'|<{p}row(?: r="([0-9]*)")?({_ATTRIBUTES})[ \t\n]*(/?>)'
                rf"|(</{p}row>)"
                r"|[ \t\n]+"
                r"|([\s\S])"
            ).encode()
        )

    @classmethod
    def of(cls, prefix: bytes) -> _Patterns:
        """The patterns for ``prefix``, made once."""
        made = _PATTERNS.get(prefix)
        if made is None:
            made = _PATTERNS[prefix] = cls(prefix.decode())
        return made


_PATTERNS: dict[bytes, _Patterns] = {}


def _reference(match: re.Match[str]) -> str:
    name, decimal, hexadecimal = match.groups()
    if name:
        return _ENTITIES[name]
    code = int(decimal) if decimal else int(hexadecimal, 16)
    if code in (9, 10, 13) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF:
        return chr(code)
    raise _GiveUp  # a character XML does not allow: the parser refuses the part


def _text(raw: bytes) -> str:
    """A text's bytes as a parser reads them: UTF-8, XML's five entities and character
    references replaced; gives up at bytes that are not UTF-8, at a character XML does not
    allow, at ``]]>``, and at any other ``&`` (an entity only a DTD defines, or a bare one)."""
    try:
        text = raw.decode()
    except UnicodeDecodeError:
        raise _GiveUp from None
    if "\ufffe" in text or "\uffff" in text or "]]>" in text:
        raise _GiveUp
    if "&" in text:
        out, found = _REFERENCE.subn(_reference, text)
        if found != text.count("&"):
            raise _GiveUp
        return out
    return text


# A worksheet part of up to this many bytes is parsed whole. ElementTree's tree takes about 15
# times the XML of a sheet of figures (41 MB for the 3 MB of 20,000 rows × 3 cells) and 26 times
# at most, for a part of nothing but empty addressed cells (<c r="A1"/>): so at most about
# 110 MB, where a monthly sheet is far smaller than 4 MB. A larger part is streamed.
WHOLE_PART = 4 * 2**20
# A worksheet part of up to this many bytes is given to the scanner (_Sheet.scan), which holds
# it about three times over (its bytes, <sheetData>'s, their pieces): at most about 100 MB.
SCAN_PART = 32 * 2**20
_MEMO = 2**14  # cells whose value _Sheet.row remembers: a sheet's dates, units, names and repeated figures


class _Sheet:
    """One worksheet part being read: the rows so far and what both readers share."""

    def __init__(self, book: _Book, where: str) -> None:
        self.book, self.where = book, where
        self.rows = _Rows(where)
        self.merged: list[tuple[int, int, int, int]] = []
        self.numbers: dict[str, int] = {}  # column letters → number, worked out once per column
        self.row_number = 0
        self.hidden_rows: list[int] = []  # rows the workbook hides (<row hidden="1">), read but set apart
        self.hidden_columns: set[int] = set()  # columns it hides (<col min max hidden="1">)
        # Cells' values by what they depend on (see row): a column of dates or units repeats a
        # few values, and turning a serial into a datetime costs as much as ten look-ups here.
        self.memo: dict[tuple[str, str | None, str | None, bool, str | None], Any] = {}
        self.namespace("")

    def namespace(self, ns: str) -> None:
        """Read the elements of ``ns`` (``{uri}`` or ``""``)."""
        self.row_tag, self.merge_tag = ns + "row", ns + "mergeCell"
        self.v_tag, self.f_tag, self.is_tag, self.t_tag = ns + "v", ns + "f", ns + "is", ns + "t"

    def scan(self, raw: bytes) -> tuple[list[tuple[int, dict[int, Any]]], list[tuple[int, int, int, int]]] | None:
        """The same as :meth:`whole` (cells, merged ranges, first error) read from the part's
        bytes without building its tree, or ``None`` where the part is in any shape the scanner
        does not fully understand, and the tree readers read it.

        Why: ElementTree builds an element for every row, cell and value (164,000 of them for
        20,000 rows, three quarters of reading the workbook); one regular expression over
        ``<sheetData>`` finds the same cells in a quarter of that time. What the scanner takes
        is narrow on purpose: a UTF-8 part; before ``<sheetData>`` no DTD, comment or
        processing instruction; inside it only rows and cells in the writers' shapes
        (:class:`_Patterns`), blanks between them, the five entities and character references
        of allowed characters, no ``\r``. Everything outside ``<sheetData>`` is parsed by
        ElementTree, with the rows taken out, so its merged ranges are read, and its breaks
        refused, by the same code as before. A cell's error is raised at its row's end, after
        the whole row was scanned, which is where streaming meets it too: a row broken further
        on makes the scanner give up instead, and streaming report the break.
        tests/test_xlsx_scan.py holds it to the tree readers: the same grid or error, or ``None``.
        """
        try:
            return self._scan(raw)
        except _GiveUp:
            return None

    def _scan(self, raw: bytes) -> tuple[list[tuple[int, dict[int, Any]]], list[tuple[int, int, int, int]]]:
        start = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
        declaration = _XML_DECLARATION.match(raw, start)
        if declaration:
            start = declaration.end()
        opening = _SHEET_DATA.search(raw, start)
        root_tag = _ROOT_TAG.match(raw, start)
        if not opening or not root_tag or root_tag.end() > opening.start():
            raise _GiveUp
        if raw.find(b"<!", start, opening.start()) >= 0 or raw.find(b"<?", start, opening.start()) >= 0:
            raise _GiveUp  # a DTD, comment or processing instruction could hide or define anything
        self.prefixes = {b"xml", *filter(None, _DECLARED.findall(root_tag.group(1)))}
        prefix, empty = opening.groups()
        closing = b"" if empty else b"</" + prefix + b"sheetData>"
        end = opening.end() if empty else raw.find(closing, opening.end())
        if end < 0:
            raise _GiveUp
        # The part with <sheetData> emptied: parsed to check and read everything but the rows.
        root = _tree(raw[: opening.start()] + b"<" + prefix + b"sheetData/>" + raw[end + len(closing) :])
        if root is None:
            raise _GiveUp
        ns = root.tag.rpartition("}")[0] + "}" if root.tag.startswith("{") else ""
        self.namespace(ns)
        sheet_data = [el for el in root.iter() if _local(el.tag) == "sheetData"]
        merges = root.findall(f"{ns}mergeCells/{ns}mergeCell")
        if (
            len(sheet_data) != 1
            or sheet_data[0].tag != ns + "sheetData"
            or not any(el is sheet_data[0] for el in root)
            or _count(root, self.row_tag)
            or len(merges) != _count(root, self.merge_tag)
        ):
            raise _GiveUp
        self.checked: set[bytes] = set()
        self.columns(root.iter(f"{ns}col"))
        self.scan_rows(_Patterns.of(prefix), raw[opening.end() : end])
        for el in merges:
            self.merge(el)
        return self.rows.rows, self.merged

    def scan_rows(self, patterns: _Patterns, body: bytes) -> None:
        """Read ``<sheetData>``'s content into the rows, as :meth:`row` reads a row's element:
        by :meth:`split_rows` when every row is in the commonest shape, else token by token
        (:meth:`token_rows`); raise :class:`_GiveUp` where neither understands it.

        A cell's value depends only on the text after its address (its ``tail``), so a column
        of dates or units, or a repeated figure, is looked up by that text instead of being
        read and converted again (bounded as :meth:`row`'s memo is)."""
        try:
            self.split_rows(patterns, body)
        except _GiveUp:
            self.rows = _Rows(self.where)  # start again: the rows read so far are read again
            self.hidden_rows.clear()
            self.token_rows(patterns, body)

    def split_rows(self, patterns: _Patterns, body: bytes) -> None:
        """The commonest shape read with bytes methods, which cost a third of matching the
        tokens' pattern: rows one after another, each ``<row …>`` followed at once by cells
        that all carry their address, nothing between them. Split at ``</row>`` and at
        ``<c r="`` (neither can stand in a text or a value, which hold no ``<``), each piece is
        checked: the row's start against the tokens' pattern, an address as ``[A-Z]{1,3}[0-9]*``,
        the tail of a cell by the tokens' cell pattern the first time it is seen. Raises
        :class:`_GiveUp` at any other shape (and the tokens read the part)."""
        add, row_start = self.rows.add, patterns.row_start
        numbers: dict[bytes, int] = {}  # column letters → number, checked and worked out once per column
        memo: dict[bytes, Any] = {}
        pieces = body.split(b"</" + patterns.prefix + b"row>")
        if pieces.pop().strip(b" \t\n"):
            raise _GiveUp  # something after the last row
        cell_start = b"<" + patterns.prefix + b'c r="'
        row_open = b"<" + patterns.prefix + b'row r="'
        rests: set[bytes] = set()  # what follows a row's number in its start, checked
        # Those of them that hide the row (hidden="1"): mostly none, and then one test per row.
        hiding: set[bytes] = set()
        row_number = 0
        hidden_rows = self.hidden_rows
        for piece in pieces:
            parts = piece.split(cell_start)
            head = parts[0]
            if head.startswith(row_open):  # <row r="12" …>: the part after the number checked once
                r, _, rest = head[len(row_open) :].partition(b'"')
                if rest not in rests:
                    start = patterns.row_rest.fullmatch(rest)
                    if start is None:
                        raise _GiveUp
                    self.attributes(start.group(1))
                    rests.add(rest)
                    if _hides(start.group(1)):
                        hiding.add(rest)
                if not r.isdigit():  # bytes: ASCII digits only
                    raise _GiveUp
                row_number = int(r)
                if hiding and rest in hiding:
                    hidden_rows.append(row_number)
            else:  # blanks before it, or no number
                start = row_start.fullmatch(head)
                if start is None:
                    raise _GiveUp
                r, attributes = start.groups()
                row_number = int(r) if r else row_number + 1
                if attributes:
                    self.attributes(attributes)
                    if _hides(attributes):
                        hidden_rows.append(row_number)
            cells: dict[int, Any] = {}
            error: SheetError | None = None  # the row's first cell's error, raised at its end
            for part in islice(parts, 1, None):
                ref, _, tail = part.partition(b'"')
                # The column as row() works it out (the letters before the digits; an address
                # without digits names its column all the same), for letters checked once.
                letters = ref.rstrip(_DIGIT_BYTES)
                column = numbers.get(letters)
                if column is None:
                    if not _LETTERS.fullmatch(letters):
                        raise _GiveUp
                    column = numbers[letters] = _column_number(letters.decode())
                found = memo.get(tail, memo)
                if found is memo:  # cell checks the tail's shape (once: the memo holds only good ones)
                    try:
                        found = self.cell(patterns, tail, ref.decode())
                    except SheetError as e:
                        error = error or e
                        continue
                    if len(memo) < _MEMO and len(tail) <= 96:
                        memo[tail] = found
                if found is not None:
                    cells[column] = found
            if error is not None:
                raise error
            add(row_number, cells)
        self.row_number = row_number

    def token_rows(self, patterns: _Patterns, body: bytes) -> None:
        """Read ``<sheetData>``'s content token by token (:class:`_Patterns`): cells without an
        address, blanks between cells, empty rows written ``<row/>``; raise :class:`_GiveUp` at
        anything else."""
        add = self.rows.add
        numbers: dict[bytes, int] = {}  # column letters → number, worked out once per column
        memo: dict[bytes, Any] = {}
        cells: dict[int, Any] | None = None  # the open row's cells
        error: SheetError | None = None  # its first cell's error, raised at its end
        row_number = column = 0
        hidden = False
        for letters, digits, tail, r, attributes, start_end, row_end, other in patterns.tokens.findall(body):
            if tail:  # a cell
                if cells is None:
                    raise _GiveUp  # a cell outside a row
                if letters:
                    try:
                        column = numbers[letters]
                    except KeyError:
                        column = numbers[letters] = _column_number(letters.decode())
                else:
                    column += 1
                found = memo.get(tail, memo)
                if found is memo:
                    ref = (letters + digits).decode() if letters else f"row {row_number}"
                    try:
                        found = self.cell(patterns, tail, ref)
                    except SheetError as e:
                        error = error or e
                        continue
                    if len(memo) < _MEMO and len(tail) <= 96:
                        memo[tail] = found
                if found is not None and error is None:
                    cells[column] = found
            elif row_end:
                if cells is None:
                    raise _GiveUp
                if error is not None:
                    raise error
                if hidden:
                    self.hidden_rows.append(row_number)
                add(row_number, cells)
                cells = None
            elif other:
                raise _GiveUp
            elif start_end:  # a row's start
                if cells is not None:
                    raise _GiveUp  # a row inside a row
                hidden = False
                if attributes:
                    self.attributes(attributes)
                    hidden = _hides(attributes)
                row_number = int(r) if r else row_number + 1
                if hidden and start_end != b">":  # <row hidden="1"/>: no cells, nothing to set apart
                    hidden = False
                column = 0
                cells = {} if start_end == b">" else None
        if cells is not None:
            raise _GiveUp
        self.row_number = row_number

    def cell(self, patterns: _Patterns, tail: bytes, ref: str) -> Any:
        """One cell's value from its text after the address, as :meth:`row` reads its element."""
        match = patterns.tail.fullmatch(tail)
        if match is None:  # cannot be: the tokens' pattern holds the same shape
            raise _GiveUp
        style, kind, formula, f_attributes, f_text, v_mark, v, is_mark, text = match.groups()
        if formula is not None:
            if f_attributes:
                self.attributes(f_attributes)
            if f_text:
                _text(f_text)  # only checked: a formula's text is not read
        value = _text(v) if v is not None else None if v_mark is None else ""
        inline = _text(text) if text is not None else None if is_mark is None else ""
        kind_text = kind.decode() if kind else "n"
        style_text = style.decode() if style else None
        key = (kind_text, style_text, value, formula is not None, inline)
        return self.book._value(*key, self.where, ref)

    def attributes(self, text: bytes) -> None:
        """Give up unless ``text`` (attributes the readers ignore, shaped as :data:`_ATTRIBUTES`)
        is well formed where it stands: UTF-8, no name twice, no ``r`` out of its place, no
        namespace declared, every prefix declared on the root. Checked once per distinct text."""
        if text in self.checked:
            return
        try:
            text.decode()
        except UnicodeDecodeError:
            raise _GiveUp from None
        names = set()
        for prefix, name in _ATTRIBUTE.findall(text):
            if name in names or (name == b"r" and not prefix) or b"xmlns" in (prefix, name):
                raise _GiveUp
            if prefix and prefix not in self.prefixes:
                raise _GiveUp
            names.add(name)
        self.checked.add(text)

    def stream(self, f: IO[bytes]) -> tuple[list[tuple[int, dict[int, Any]]], list[tuple[int, int, int, int]]]:
        """The general reader: :func:`iterparse` over the part, a row at a time, in bounded memory
        whatever its size."""
        self.namespace(_root_namespace(f))
        f.seek(0)
        row_tag, merge_tag, col_tag = self.row_tag, self.merge_tag, self.row_tag[:-3] + "col"
        for _, el in iterparse(f, events=("end",)):
            tag = el.tag
            if tag == row_tag:
                self.row(el)
                el.clear()
            elif tag == merge_tag:
                self.merge(el)
            elif tag == col_tag:
                self.columns((el,))
        return self.rows.rows, self.merged

    def whole(self, root: Element) -> tuple[list[tuple[int, dict[int, Any]]], list[tuple[int, int, int, int]]] | None:
        """The same as :meth:`stream` from the part parsed whole (see :meth:`_Book._whole`), or
        ``None`` where the two could differ: rows and merged ranges elsewhere than in
        ``<sheetData>`` and ``<mergeCells>`` (streaming reads a row inside a row before it)."""
        ns = root.tag.rpartition("}")[0] + "}" if root.tag.startswith("{") else ""
        self.namespace(ns)
        rows = root.findall(f"{ns}sheetData/{ns}row")
        merges = root.findall(f"{ns}mergeCells/{ns}mergeCell")
        if len(rows) != _count(root, self.row_tag) or len(merges) != _count(root, self.merge_tag):
            return None
        self.columns(root.iter(f"{ns}col"))
        for el in rows:
            self.row(el)
        for el in merges:
            self.merge(el)
        return self.rows.rows, self.merged

    def columns(self, cols: Iterable[Element]) -> None:
        """Note the columns that ``<col min="2" max="3" hidden="1"/>`` elements hide."""
        for el in cols:
            if el.get("hidden") in ("1", "true"):
                first, last = el.get("min", ""), el.get("max", "")
                if first.isdigit() and last.isdigit() and int(last) - int(first) < MAX_COLUMNS:
                    self.hidden_columns.update(range(int(first), int(last) + 1))

    def merge(self, el: Element) -> None:
        span = _span(el.get("ref", ""))
        if span:
            self.merged.append(span)

    def row(self, el: Element) -> None:
        """Read one ``<row>``: its cells that hold a value, under its number."""
        r = el.get("r")
        self.row_number = row_number = int(r) if r else self.row_number + 1
        numbers, memo, value = self.numbers, self.memo, self.book._value
        v_tag, f_tag, is_tag, t_tag = self.v_tag, self.f_tag, self.is_tag, self.t_tag
        cells: dict[int, Any] = {}
        column = 0
        for c in el:
            ref = c.get("r")
            if ref:
                letters = ref.rstrip(_DIGITS)
                try:
                    column = numbers[letters]
                except KeyError:
                    column = numbers[letters] = _column_number(letters)
            else:
                column += 1
            v = formula = text = None
            for child in c:
                tag = child.tag
                if tag == v_tag:
                    v = child.text or ""
                elif tag == f_tag:
                    formula = child
                elif tag == is_tag:
                    if len(child) == 1 and child[0].tag == t_tag:
                        text = child[0].text or ""
                    else:  # rich text: runs of <r><t>…</t></r>
                        text = "".join(t.text or "" for t in child.iter(t_tag))
            # A cell's value depends on these alone (its address only names it in an error).
            key = (c.get("t", "n"), c.get("s"), v, formula is not None, text)
            found = memo.get(key, memo)
            if found is memo:
                found = value(*key, self.where, ref or f"row {row_number}")
                if len(memo) < _MEMO and len(v or "") + len(text or "") <= 64:  # bounded: 16,384 short keys
                    memo[key] = found
            if found is not None:
                cells[column] = found
        if cells and el.get("hidden") in ("1", "true"):
            self.hidden_rows.append(row_number)
        self.rows.add(row_number, cells)


_HIDDEN = re.compile(rb'(?:^|[ \t\n])hidden="(?:1|true)"')


def _hides(attributes: bytes) -> bool:
    """Whether a row's attributes (``spans="1:3" hidden="1" ht="0"``) hide it."""
    return b"hidden" in attributes and _HIDDEN.search(attributes) is not None


# Bytes of XML one shared text may take: 32,767 characters, each written as a character
# reference or in its own run of rich text, fit in far less. Past this, the text is refused while
# the part streams, before expat gathers it whole (a 200 MB <t> zips to 200 KB).
_SHARED_ITEM = 4 * 2**20
_ITEM_START = re.compile(rb"<(?:[\w.-]+:)?si[\s/>]")


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


def _tree(raw: bytes) -> Element | None:
    """``raw`` parsed whole, or ``None`` where it is not well formed (the caller streams it and
    meets the break after any error on what comes before it)."""
    try:
        return fromstring(raw)
    except Exception:  # ParseError and whatever else expat refuses
        return None


def _count(root: Element, tag: str) -> int:
    return sum(1 for _ in root.iter(tag))


def _span(ref: str) -> tuple[int, int, int, int] | None:
    first, _, last = ref.partition(":")
    a, b = _CELL_REF.match(first), _CELL_REF.match(last or first)
    if not a or not b:
        return None
    return int(a.group(2)), _column_number(a.group(1)), int(b.group(2)), _column_number(b.group(1))


def read(name: str, data: bytes, sheet: str | None) -> Grid:
    """The cells of one worksheet (``sheet`` by name or 1-based number; default the one active
    when the workbook was saved), as a :class:`~ledger.sheets.Grid`.

    Numbers are taken as Excel shows them (15 significant digits), percent formats × 100 (a
    :class:`~ledger.sheets.PercentCell`) only where the ``%`` is unquoted, date formats as ``datetime`` (a month-only format, ``yyyy"年"m"月"``
    or ``mmm-yy``, as the month it shows: ``2025年8月``), error cells as their text
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
            rows, merged, hidden_rows, hidden_columns = book.cells(part, title)
        except SheetError:
            raise
        except (SyntaxError, ValueError, KeyError, zipfile.BadZipFile, EOFError, OSError) as e:
            # ElementTree's ParseError is a SyntaxError; a truncated member is a BadZipFile or EOFError
            raise SheetError(f"{name}: not a readable Excel workbook (.xlsx): {type(e).__name__}") from None
    rows, hidden = without_hidden(rows, hidden_rows, hidden_columns)
    return Grid(name, rows, tuple(merged), title, tuple(names), hidden=hidden)
