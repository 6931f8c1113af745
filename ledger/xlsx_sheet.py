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
        tail = _cell_tail(p)
        self.row_rest = re.compile(rf"({_ATTRIBUTES})[ \t\n]*>".encode())
        # row_start and tokens serve rows in less common shapes (split_rows's fallbacks): a
        # usual sheet compiles neither (tokens alone took 1.7 ms).
        self.row_start = LazyPattern(rf'[ \t\n]*<{p}row(?: r="([0-9]*)")?({_ATTRIBUTES})[ \t\n]*>'.encode())
        self.tail = re.compile(tail.encode())
        uncaptured = re.sub(r"\((?!\?)", "(?:", tail)  # the same shape without its groups
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
        tokens' pattern: rows one after another, each ``<row …>`` followed at once by cells
        that all carry their address, nothing between them. Split at ``</row>`` and at
        ``<c r="`` (neither can stand in a text or a value, which hold no ``<``), each piece is
        checked: the row's start against the tokens' pattern, an address as ``[A-Z]{1,3}[0-9]*``,
        the tail of a cell by the tokens' cell pattern the first time it is seen. Raises
        :class:`_GiveUp` at any other shape (and the tokens read the part)."""
        row_start = patterns.row_start
        # What _Rows.add does, without a call per row: the rows and columns so far, and their limits.
        rows, columns, where = self.rows.rows, self.rows.columns, self.rows.where
        numbers: dict[bytes, int] = {}  # column letters → number, checked and worked out once per column
        memo: dict[bytes, Any] = {}
        pieces = body.split(b"</" + patterns.prefix + b"row>")
        if pieces.pop().strip(b" \t\n"):
            raise _GiveUp  # something after the last row
        many = len(pieces) > MAX_ROWS  # else no row can be past the limit: not asked per row
        cell_start = b"<" + patterns.prefix + b'c r="'
        row_open = b"<" + patterns.prefix + b'row r="'
        rests: set[bytes] = set()  # what follows a row's number in its start, checked
        # Those of them that hide the row (hidden="1"): mostly none, and then one test per row.
        hiding: set[bytes] = set()
        row_number = 0
        hidden_rows = self.hidden_rows
        skip = len(row_open)
        for piece in pieces:
            parts = piece.split(cell_start)
            head = parts.pop(0)  # the cells' parts left: a list's own iterator costs less than an islice
            if head.startswith(row_open):  # <row r="12" …>: the part after the number checked once
                r, _, rest = head[skip:].partition(b'"')
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
            for part in parts:
                ref, _, tail = part.partition(b'"')
                # The column as row() works it out (the letters before the digits; an address
                # without digits names its column all the same), for letters checked once.
                letters = ref.rstrip(_DIGIT_BYTES)
                try:
                    column = numbers[letters]  # a subscript costs less than a call of get
                except KeyError:
                    if not _LETTERS.fullmatch(letters):
                        raise _GiveUp from None
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
