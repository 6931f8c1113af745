"""Reading one worksheet part's rows (:class:`_Sheet`): the strict byte scanner for the shapes
common writers give, the streamed and whole-tree readers for any other, one row reader, merged cells
and hidden rows and columns, and the limits on rows and columns (:class:`_Rows`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any
from xml.etree.ElementTree import Element, XMLPullParser, fromstring, iterparse

from .patterns import LazyPattern
from .sheets import MAX_COLUMNS, MAX_ROWS, SheetError, too_many

if TYPE_CHECKING:  # the book reads its sheets with _Sheet: imported only for the types
    from .xlsx_book import _Book


_DIGITS = "0123456789"

_CELL_REF = LazyPattern(r"^([A-Z]{1,3})(\d+)$")


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


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


class _Unusual(_GiveUp):
    """A row :meth:`_Sheet.split_rows` does not read by its cuts: it reads that row cell by cell
    (:meth:`_Sheet.cell_row`). Anywhere else it is a :class:`_GiveUp`."""


# The strict scanner's patterns (see _Sheet.scan), over the part's bytes. What they accept is
# well-formed XML whose tree the tree readers read to the same cells; anything else gives up.
# Before <sheetData> (which ElementTree parses too) a blank may hold \r: Excel ends its
# declaration with \r\n.
_XML_DECLARATION = LazyPattern(
    rb'<\?xml[ \t\r\n]+version="1\.0"(?:[ \t\r\n]+encoding="[Uu][Tt][Ff]-8")?'
    rb'(?:[ \t\r\n]+standalone="(?:yes|no)")?[ \t\r\n]*\?>'
)
_NAME = "[A-Za-z_][A-Za-z0-9_.-]*"  # an ASCII XML name without a prefix
_ROOT_TAG = LazyPattern(
    rf'[ \t\r\n]*<(?:{_NAME}:)?{_NAME}((?:[ \t\r\n]+(?:{_NAME}:)?{_NAME}="[^"<]*")*)[ \t\r\n]*>'.encode()
)
# The root's attributes, value and all, so that a value cannot pass for a declaration.
_DECLARED = LazyPattern(rf'[ \t\r\n]+(?:xmlns:({_NAME})|(?:{_NAME}:)?{_NAME})="[^"<]*"'.encode())
# <sheetData/>: an empty sheet as Excel and LibreOffice write it.
_SHEET_DATA = LazyPattern(rf"<((?:{_NAME}:)?)sheetData(/?)>".encode())
# Text: no markup, and none of the control characters XML does not allow raw, nor \r (which a
# parser turns into \n); a reference is checked where the text is read (_unescape).
_TEXT = r"[^<\x00-\x08\x0b-\x1f]*"
_LETTERS = LazyPattern(b"[A-Z]{1,3}")
_DIGIT_BYTES = b"0123456789"
# Attributes the readers do not look at (a row's spans, ht, x14ac:dyDescent; a formula's t, ref,
# si): double-quoted values without references, checked once per distinct text (_Sheet.attributes).
_ATTRIBUTES = rf'(?:[ \t\n]+(?:{_NAME}:)?{_NAME}="[^"<&\x00-\x08\x0b-\x1f]*")*'
_ATTRIBUTE = LazyPattern(rf'[ \t\n]+(?:({_NAME}):)?({_NAME})="[^"]*"'.encode())
_REFERENCE = LazyPattern(r"&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));")
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
        self.row_open = b"<" + self.prefix + b'row r="'
        self.cell_start = b"<" + self.prefix + b'c r="'
        self.row_end = b"</" + self.prefix + b"row>"
        tail = _cell_tail(p)
        self.row_rest = re.compile(rf"({_ATTRIBUTES})[ \t\n]*>".encode())
        self.tail = re.compile(tail.encode())
        uncaptured = re.sub(r"\((?!\?)", "(?:", tail)  # the same shape without its groups
        # tokens serves rows in less common shapes (split_rows's fallback): a usual sheet does
        # not compile it (it took 1.7 ms).
        self.tokens = LazyPattern(
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
        tokens' pattern: numbered rows one after another (blanks between them), each
        ``<row r="N" …>`` followed at once by cells that all carry their address, nothing
        between them. Raises :class:`_GiveUp` at any other shape (and the tokens read the part).

        Split at each ``<row r="``, a row's text is cut again at its number and a quote (``12"``),
        which ends each of its addresses (``<c r="B12"``). The cuts are then the row's start up to
        its first cell's letters (``><c r="A``), each cell's tail up to the next cell's letters
        (`` t="n"><v>1</v></c><c r="B``) and the last tail with the row's end (``…</c></row>``):
        a column of dates or units, a repeated figure or name, gives the same cut row after row,
        and each distinct cut is checked and worked out once (:meth:`head`, :meth:`cut`), so that
        a cell costs one look-up. (Split at ``<c r="`` and each cell at its address's quote
        instead, a cell took two more calls, and the scan 0.1 G more instructions for 20,000
        rows.) A row that does not cut so, whose cells are read cell by cell (:meth:`cell_row`),
        to the same cells: an address without the row's number, the number and a quote in a text
        or an attribute (``s="3"`` in row 3), a cell whose value is an error, a row without cells.
        """
        pieces = body.split(patterns.row_open)
        if pieces.pop(0).strip(b" \t\n"):
            raise _GiveUp  # something before the first row, or a row without its number
        # What _Rows.add does, without a call per row: the rows and columns so far, and their limits.
        rows, columns, where = self.rows.rows, self.rows.columns, self.rows.where
        many = len(pieces) > MAX_ROWS  # else no row can be past the limit: not asked per row
        self.letters: dict[bytes, int] = {}  # column letters → number, checked and worked out once per column
        self.tails: dict[bytes, Any] = {}  # a cell's text after its address → its value (the good ones)
        heads: dict[bytes, int] = {}  # a row's start up to its first letters → that cell's column
        hiding: set[bytes] = set()  # those of them that hide the row: mostly none, and then one test per row
        cuts: dict[bytes, tuple[Any, int]] = {}  # a cut → its cell's value and the next cell's column
        numbers, hidden_rows = self.letters, self.hidden_rows
        row_number = 0
        for piece in pieces:
            r, _, rest = piece.partition(b'"')
            if not r.isdigit():  # bytes: ASCII digits only
                raise _GiveUp
            row_number = int(r)
            row_cuts = rest.split(r + b'"')
            head = row_cuts.pop(0)
            cells: dict[int, Any] = {}
            try:
                try:
                    column = heads[head]  # a subscript costs less than a call of get
                except KeyError:
                    column = self.head(patterns, head, heads, hiding)
                for cut in row_cuts:
                    try:
                        value, next_column = cuts[cut]
                    except KeyError:
                        value, next_column = self.cut(patterns, cut, cuts)
                    if value is not None:
                        cells[column] = value
                    column = next_column
                if column:
                    raise _Unusual  # the row's text ends in an address, not with </row>
            except _Unusual:
                cells = self.cell_row(patterns, row_number, rest)
            else:
                if hiding and head in hiding:
                    hidden_rows.append(row_number)
            if cells:
                if many and len(rows) >= MAX_ROWS:
                    raise SheetError(too_many(where, "rows", MAX_ROWS))
                # columns holds some of numbers' columns: when it holds all, no row can add one.
                if len(columns) < len(numbers):
                    columns.update(cells)
                    if len(columns) > MAX_COLUMNS:
                        raise SheetError(too_many(where, "columns", MAX_COLUMNS))
                rows.append((row_number, cells))
        self.row_number = row_number

    def head(self, patterns: _Patterns, head: bytes, heads: dict[bytes, int], hiding: set[bytes]) -> int:
        """The column of a row's first cell, from the row's first cut (see :meth:`split_rows`): the
        rest of its start (checked as :meth:`cell_row` checks it) and the cell's ``<c r="`` and
        letters. Remembers it in ``heads``, and in ``hiding`` when it hides the row; raises
        :class:`_Unusual` at any other text."""
        attributes, start, letters = head.rpartition(patterns.cell_start)
        match = patterns.row_rest.fullmatch(attributes) if start else None
        if match is None:
            raise _Unusual
        column = self.column(letters)
        self.attributes(match.group(1))
        if _hides(match.group(1)):
            hiding.add(head)
        if len(heads) < _MEMO:
            heads[head] = column
        return column

    def cut(self, patterns: _Patterns, cut: bytes, cuts: dict[bytes, tuple[Any, int]]) -> tuple[Any, int]:
        """What one of a row's later cuts holds (see :meth:`split_rows`): the value of the cell
        whose tail it starts with, and the column of the next cell (``<c r="`` and its letters
        end the cut), or 0 where ``</row>`` and blanks end it. Remembers it in ``cuts``; raises
        :class:`_Unusual` at any other text, and where the cell's value is an error
        (:meth:`cell_row` raises it, naming the cell, once the row is read)."""
        tail, start, letters = cut.rpartition(patterns.cell_start)
        if start:
            column = self.column(letters)
        else:
            tail, end, blanks = cut.rpartition(patterns.row_end)
            if not end or blanks.strip(b" \t\n"):
                raise _Unusual
            column = 0
        tails = self.tails
        value = tails.get(tail, tails)
        if value is tails:  # the tails held are good ones: else the tail's shape is checked
            match = patterns.tail.fullmatch(tail)
            if match is None:
                raise _Unusual
            try:
                value = self.matched_cell(match, "")  # the address only names the cell in an error
            except SheetError:
                raise _Unusual from None
            if len(tails) < _MEMO and len(tail) <= 96:
                tails[tail] = value
        found = value, column
        if len(cuts) < _MEMO and len(cut) <= 128:
            cuts[cut] = found
        return found

    def cell_row(self, patterns: _Patterns, row_number: int, rest: bytes) -> dict[int, Any]:
        """One row's cells read one by one from its text after its number's quote (``>``, the
        cells, ``</row>`` and blanks): split at ``<c r="``, each address at its quote and checked
        as ``[A-Z]{1,3}[0-9]*`` (an address without digits, or with another row's, names its
        column all the same), the tail of a cell by the tokens' cell pattern the first time it is
        seen. A cell's error is raised at the row's end; raises :class:`_GiveUp` at any other shape."""
        inside, end, blanks = rest.rpartition(patterns.row_end)
        if not end or blanks.strip(b" \t\n"):
            raise _GiveUp
        parts = inside.split(patterns.cell_start)
        start = patterns.row_rest.fullmatch(parts.pop(0))
        if start is None:
            raise _GiveUp
        self.attributes(start.group(1))
        if _hides(start.group(1)):
            self.hidden_rows.append(row_number)
        tails = self.tails
        cells: dict[int, Any] = {}
        error: SheetError | None = None  # the row's first cell's error, raised at its end
        for part in parts:
            ref, _, tail = part.partition(b'"')
            # The column as row() works it out (the letters before the digits).
            column = self.column(ref.rstrip(_DIGIT_BYTES))
            found = tails.get(tail, tails)
            if found is tails:  # cell checks the tail's shape (once: tails holds only good ones)
                try:
                    found = self.cell(patterns, tail, ref.decode())
                except SheetError as e:
                    error = error or e
                    continue
                if len(tails) < _MEMO and len(tail) <= 96:
                    tails[tail] = found
            if found is not None:
                cells[column] = found
        if error is not None:
            raise error
        return cells

    def column(self, letters: bytes) -> int:
        """The column an address's letters name (``AB`` → 28), checked as ``[A-Z]{1,3}`` once per
        column; raises :class:`_Unusual` for any other text."""
        try:
            return self.letters[letters]
        except KeyError:
            if not _LETTERS.fullmatch(letters):
                raise _Unusual from None
            column = self.letters[letters] = _column_number(letters.decode())
            return column

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
        if match is None:  # for token_rows, cannot be: the tokens' pattern holds the same shape
            raise _GiveUp
        return self.matched_cell(match, ref)

    def matched_cell(self, match: re.Match[bytes], ref: str) -> Any:
        """One cell's value from its tail matched by the cell pattern (``ref`` names it in an error)."""
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


_HIDDEN = LazyPattern(rb'(?:^|[ \t\n])hidden="(?:1|true)"')


def _hides(attributes: bytes) -> bool:
    """Whether a row's attributes (``spans="1:3" hidden="1" ht="0"``) hide it."""
    return b"hidden" in attributes and _HIDDEN.search(attributes) is not None


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
