"""Reading the monthly sheet: CSV, XLSX, XLS, JSON Lines or TOML into cells as the file holds them.

Spreadsheets (CSV, XLSX, XLS) are read into a :class:`Grid`: the cells that hold something, by
row and column as a person sees them in Excel (a CSV row with a line break inside a quoted cell
is still one row), with the merged ranges of a workbook. :mod:`ledger.layout` then finds the
table in it (title rows, stacked headers, notes) and :mod:`ledger.table_rows` decides what each
cell means. JSON Lines and TOML are the ledger's own formats and are read as they are.

A file's format is told by its content (a zip is XLSX, an OLE2 compound file is XLS or a
password-protected workbook), then by its name. Hostile spreadsheets are refused in one line
before the work they would cause: see :data:`LIMITS`.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from itertools import chain, islice, repeat
from typing import Any, BinaryIO, NamedTuple, overload

from .csv_separator import HEAD_LINES, head_lines, separator
from .errors import TrackerError
from .formats import SHEET_EXTENSIONS, SheetFormat, format_for
from .patterns import LazyPattern

FORMATS = tuple(f.value for f in SheetFormat)

# What one sheet may hold. Real bureau and department sheets are a few hundred rows by a few
# dozen columns; these bounds keep a mailed file from exhausting the machine (a 1 MB zip can
# inflate to gigabytes, one cell at XFD1048576 makes naive readers build the whole grid).
MAX_UNCOMPRESSED = 256 * 2**20  # bytes of XML inside an .xlsx, summed over its parts
MAX_XLS_BYTES = 64 * 2**20  # an .xls is read whole by xlrd
MAX_ROWS = 200_000  # rows holding a value
MAX_COLUMNS = 1_000  # distinct columns holding a value
MAX_CELL = 32_767  # characters in a workbook cell: Excel's own limit
MAX_CSV_CELL = 131_072  # characters in a CSV cell: the csv module's limit
# A text file (CSV, JSON Lines, TOML) is parsed as it is read, so that these are met while
# reading, in bounded memory: a 1 GB mailed file is refused after its first megabytes.
MAX_TEXT_BYTES = 64 * 2**20  # bytes of a CSV, JSON Lines or TOML file (a 100,000-entry export is ~30 MB)
MAX_LINE = 2**20  # characters in one line of text: no row of figures is a megabyte long
MAX_RECORDS = 1_048_576  # CSV records, blank or not: the most rows an Excel sheet has
LIMITS = {
    "uncompressed": MAX_UNCOMPRESSED,
    "xls_bytes": MAX_XLS_BYTES,
    "rows": MAX_ROWS,
    "columns": MAX_COLUMNS,
    "cell": MAX_CELL,
    "csv_cell": MAX_CSV_CELL,
    "text_bytes": MAX_TEXT_BYTES,
    "line": MAX_LINE,
    "records": MAX_RECORDS,
}
HEAD = 2**20  # bytes read before the format is decided (the whole of a monthly sheet); then read in pieces this size

_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted .xlsx is an OLE2 file holding these streams (MS-OFFCRYPTO); names are UTF-16LE.
_ENCRYPTED_STREAMS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))


class SheetError(TrackerError):
    """A file that cannot be read as the sheet it claims to be, or that exceeds a limit."""


def _read(stream: BinaryIO, size: int) -> bytes:
    """Up to ``size`` bytes of ``stream``, fewer only at its end (a pipe gives what it has)."""
    data = stream.read(size)
    if len(data) < size and data:
        parts = [data]
        while size > (got := sum(map(len, parts))) and (more := stream.read(size - got)):
            parts.append(more)
        data = b"".join(parts)
    return data


class Source:
    """An import file being read: ``name`` as messages give it, ``head`` its first :data:`HEAD`
    bytes (all of a monthly sheet; ``complete`` says whether that is the whole file), the rest
    still in ``stream``. Its format is told from the head; a text file is then parsed as it is
    read (:func:`text_blocks`), a workbook read whole up to a limit (:meth:`whole`), so that a
    huge file is refused after reading at most a limit's worth of it. Use it once; ``close()``
    (or ``with``) closes the stream when ``owned``."""

    __slots__ = ("complete", "head", "name", "owned", "stream")

    def __init__(self, name: str, stream: BinaryIO, *, owned: bool = False) -> None:
        self.name, self.stream, self.owned = name, stream, owned
        self.head = _read(stream, HEAD)
        self.complete = len(self.head) < HEAD

    @classmethod
    def of(cls, name: str, data: bytes) -> Source:
        """A source over bytes already in memory."""
        return cls(name, io.BytesIO(data))

    def __enter__(self) -> Source:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the stream when it is a file this source opened."""
        if self.owned:
            self.stream.close()

    def chunks(self, limit: int, what: str) -> Iterator[bytes]:
        """The file's bytes in pieces of at most :data:`HEAD` bytes, the head first; raises
        :class:`SheetError` as soon as more than ``limit`` bytes have come (``what`` names the
        kind of file in the refusal)."""
        size = len(self.head)
        if size > limit:
            raise SheetError(too_large(self.name, what, limit))
        yield self.head
        if self.complete:
            return
        while chunk := _read(self.stream, HEAD):
            size += len(chunk)
            if size > limit:
                raise SheetError(too_large(self.name, what, limit))
            yield chunk

    def whole(self, limit: int, what: str) -> bytes:
        """All the file's bytes (kept: asked again, they are not read again); raises
        :class:`SheetError` past ``limit`` of them, read no further."""
        if not self.complete:
            self.head, self.complete = b"".join(self.chunks(limit, what)), True
        return self.head

    def sniffed(self) -> bytes:
        """What :func:`format_of` tells the format from: the head, or the whole of a zip or OLE2
        file (a password-protected workbook is told by streams anywhere in it), read up to
        :data:`MAX_UNCOMPRESSED` bytes."""
        if self.head.startswith((_ZIP, _OLE2)):
            return self.whole(MAX_UNCOMPRESSED, "a workbook")
        return self.head


def too_large(name: str, what: str, limit: int) -> str:
    """The refusal of a file of more than ``limit`` bytes."""
    return (
        f"{name}: larger than {limit // 2**20} MB, more than tracker reads in {what}; "
        "a monthly sheet is far smaller: split it, or check it is the file you meant"
    )


class Row(NamedTuple):  # a tuple: one is made for every row of a sheet, built in half a frozen dataclass's time
    """One data row: ``number`` as a person counts it in the file, and its ``cells`` in the form
    its :class:`~ledger.table.Table` says (``Table.keyed_by``): ``{column label: value}`` for JSON
    Lines and TOML, ``{column number: value}`` for a workbook, or a CSV record as
    :class:`csv.reader` gives it (column N's text at index N − 1, blank cells ``""``)."""

    number: int
    cells: Any  # dict[str, Any] | dict[int, Any] | list[str], as above


class PercentCell(Decimal):
    """A workbook's number cell formatted as a percentage (``0.0%``: an unquoted ``%``), read as
    Excel shows it: the stored fraction × 100 (0.054 is ``PercentCell("5.4")``). It is a
    :class:`~decimal.Decimal` in every other way; only its type says that the sheet showed it with
    a percent sign, so that the import can tell a plain 0.077 typed among such cells, which may mean
    7.7 % or 0.077 %, from a column typed as percent points (5.4, 7.7). A cell formatted ``0.0"%"``
    or ``0.0\\%`` shows the stored number with a literal sign and is a plain ``Decimal``."""

    __slots__ = ()


class UnitCell(Decimal):
    """A workbook's number cell whose number format shows it with a unit (``0"亩"`` shows 12 as
    ``12亩``; ``#,##0.0,,"百万元"`` shows 12345678 as ``12.3百万元``): the stored number as Excel
    shows its digits, as a plain cell is, with ``unit`` the format's text (``"亩"``, ``""`` for a
    scale alone) and ``scale`` the power of 1,000 the number is shown divided by. The import reads
    the column's unit from it (:mod:`ledger.cell_units`) or refuses the column; a percent format is a
    :class:`PercentCell`, never this."""

    __slots__ = ("scale", "unit")
    unit: str
    scale: int

    def __new__(cls, value: Decimal | str, unit: str = "", scale: int = 0) -> UnitCell:
        cell = super().__new__(cls, value)
        cell.unit, cell.scale = unit, scale
        return cell

    def __reduce__(self) -> tuple[type[UnitCell], tuple[str, str, int]]:  # type: ignore[override]
        return UnitCell, (str(self), self.unit, self.scale)

    def shown(self) -> str:
        """The cell as Excel shows it, to the digits it holds: ``12亩``, ``12.345678百万元``."""
        number = self.scaleb(-3 * self.scale) if self.scale else Decimal(self)
        return f"{number.normalize():f}{self.unit}"


@dataclass(frozen=True, slots=True)
class Grid:
    """The cells of one sheet that hold something.

    ``rows`` is ``[(row number, {column number: value})]`` in order, both counted from 1 as
    Excel shows them (A = 1); rows without any value are left out. Values are ``str``,
    :class:`~decimal.Decimal` (numbers as Excel shows them; a percent cell a :class:`PercentCell`, already × 100),
    ``bool``, ``datetime``. ``merged`` holds ``(first row, first column, last row, last
    column)`` of each merged range; ``sheet`` the worksheet's title and ``sheets`` all titles (``None`` and
    empty for CSV).
    """

    name: str
    rows: Sequence[tuple[int, dict[int, Any]]]  # a list, or a CSV's CsvRows
    merged: tuple[tuple[int, int, int, int], ...] = ()
    sheet: str | None = None
    sheets: tuple[str, ...] = ()
    delimiter: str | None = None  # a CSV's separator: with ";" the comma is the decimal mark
    hidden: tuple[
        str, ...
    ] = ()  # notes on what the workbook hides: rows and columns left out of rows, digits a format rounds off
    shown_units: bool = False  # whether a number format shows a unit beside its number (a UnitCell may be in rows)


def format_of(name: str, given: str | None, data: bytes | None = None) -> str:
    """The reader for a file: ``given`` (``--format``), else what its content shows (zip →
    xlsx, OLE2 → xls), else its name's extension. Raises :class:`SheetError` for a
    password-protected workbook or a name that says nothing."""
    if data is not None and data.startswith(_OLE2) and encrypted(data):
        raise SheetError(
            f"{name}: the workbook is password-protected; open it in Excel or WPS, remove the password "
            "(文件 → 信息 → 保护工作簿 → 用密码进行加密, clear it) and save, then import it"
        )
    if given:
        return given
    if data is not None:
        if data.startswith(_ZIP):
            return "xlsx"
        if data.startswith(_OLE2):
            return "xls"
    found = format_for(name, SHEET_EXTENSIONS)
    if found in (SheetFormat.xlsx, SheetFormat.xls) and data is not None:
        # Named as a workbook but not one by its content: systems often save text under that name.
        if data.lstrip()[:1] == b"<":
            raise SheetError(
                f"{name}: this is a web page saved under a spreadsheet name, not a workbook; "
                "open it in Excel or WPS and save it as .xlsx"
            )
        if binary(data):
            raise SheetError(
                f"{name} is not an Excel workbook (neither a zip nor an OLE2 file, and not text either); "
                "check it is the sheet you meant, or open the original in Excel or WPS and save it as .xlsx"
            )
        first = data.lstrip()[:4096].split(b"\n", 1)[0]
        if any(sep in first for sep in (b"\t", b",", b";")):
            return SheetFormat.csv.value
        raise SheetError(f"{name}: not an Excel workbook (.{found.value}), nor a CSV saved under that name")
    if found is not None:
        return found.value
    if data is not None and (known := recognise(data)) is not None:
        return known
    raise SheetError(f"cannot tell the format of {name}; give --format csv|xlsx|xls|jsonl|toml")


# Bytes no text file holds (tab, line ends, form feed, DOS's end-of-file mark and ESC may).
_NOT_TEXT = LazyPattern(rb"[\x00-\x08\x0e-\x19\x1c-\x1f]")


def binary(data: bytes) -> bool:
    """Whether ``data`` is not text in any encoding a sheet comes in: its first 4 KiB hold a NUL
    or another control byte (UTF-16 with its byte-order mark, Excel's "Unicode text", is text)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return False
    return _NOT_TEXT.search(data, 0, 4096) is not None


def encrypted(data: bytes) -> bool:
    """Whether an OLE2 file is a password-protected .xlsx (it holds an EncryptedPackage stream).
    A protected .xls is an ordinary OLE2 workbook whose first record says so; :func:`read_xls`
    refuses it when xlrd reports it."""
    return any(s in data for s in _ENCRYPTED_STREAMS)


_ENTRY_TABLE = LazyPattern(rb"\s*\[\[\s*entry\s*\]\]\s*(#.*)?$")


def recognise(data: bytes) -> str | None:
    """What a stream holds when nothing names its format, or ``None`` when it is recognisably none
    of them (a README, a log): a zip (XLSX), an OLE2 file (XLS), JSON objects (the first line
    one), ledger TOML (the first line that is not blank or a comment is ``[[entry]]``), or CSV
    (its first non-blank line has a comma, semicolon or tab, and is not a comment or heading; or,
    as a bureau's sheet begins, up to five short lines without one, a title and a ``单位：亿元``
    line, come before two rows split alike by one of them, :func:`_rows_below_title`)."""
    if data.startswith(_ZIP):
        return "xlsx"
    if data.startswith(_OLE2):
        return "xls"
    lines = [line.strip() for line in data.lstrip(b"\xef\xbb\xbf").splitlines()[:200]]
    first = next((line for line in lines if line), b"")
    if first.startswith(b"{") and first.rstrip().endswith(b"}"):
        return "jsonl"
    table = next((line for line in lines if line and not line.startswith(b"#")), b"")
    if _ENTRY_TABLE.match(table):
        return "toml"
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or (
        not first.startswith((b"#", b"[")) and any(sep in first for sep in (b",", b";", b"\t"))
    ):
        return "csv"
    if _rows_below_title([line for line in lines if line]):
        return "csv"
    return None


_SEPARATORS = (b",", b";", b"\t")


def _rows_below_title(lines: list[bytes]) -> bool:
    """Whether non-blank ``lines`` read as a person reads a bureau's CSV: at most five short
    lines with no separator (a title, a ``单位：万元`` line; none a comment or heading, ``#`` or
    ``[``), then a header and a row split by the same separator into as many cells (a README's
    prose, a log, lines of differing shape, are not)."""
    lead = 0
    while lead < len(lines) and lead < 5 and not any(sep in lines[lead] for sep in _SEPARATORS):
        if lines[lead].startswith((b"#", b"[")) or len(lines[lead]) > 200:
            return False
        lead += 1
    rows = lines[lead : lead + 2]
    if len(rows) < 2:
        return False
    return any(rows[0].count(sep) == rows[1].count(sep) > 0 for sep in _SEPARATORS)


def decode(name: str, data: bytes, encoding: str | None) -> str:
    """File bytes as text: UTF-8 with or without a byte-order mark, UTF-16 with its mark, or
    ``encoding`` (gb18030…). Raises :class:`SheetError` naming the file for bytes that are not
    text (a program, a picture: not UTF-8, with control bytes) when no ``encoding`` is given, or
    that are not text in it."""
    if encoding is None and data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encoding = "utf-16"  # Excel's "Unicode text"; the byte-order mark says so
    try:
        return data.decode(encoding or "utf-8-sig")
    except LookupError:
        raise SheetError(f"{name}: unknown encoding {encoding!r}; try --encoding gb18030") from None
    except UnicodeDecodeError as e:
        if encoding is None and binary(data):
            # Not UTF-8 and full of control bytes: a program or a picture, which no encoding makes
            # a sheet (a UTF-8 sheet with one stray control byte in a note decodes, and is read).
            raise SheetError(
                f"{name} is not a text sheet (its first bytes hold control bytes that no CSV or JSON Lines has); "
                "check it is the sheet you meant, or give --encoding if it is UTF-16 without a byte-order mark"
            ) from None
        line = data[: e.start].count(b"\n") + 1
        hint = "; if Excel saved it, try --encoding gb18030" if not encoding else _other_encoding(data)
        raise SheetError(f"{name}: line {line} is not {encoding or 'UTF-8'} text{hint}") from None


def _other_encoding(data: bytes) -> str:
    """The hint for text that is not in the ``--encoding`` given: the encoding it does read in,
    of the two a Chinese office's sheets come in (UTF-8, GB18030), or nothing."""
    for encoding, fix in (("utf-8-sig", "leave out --encoding"), ("gb18030", "give --encoding gb18030")):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return f"; it reads as {encoding.removesuffix('-sig').upper()}: {fix}"
    return ""


class LongLine(str):
    """The first :data:`MAX_LINE` characters of a line longer than that, as :func:`text_blocks`
    gives them just before it raises :class:`TooLongLine`: a CSV reader reads them first, so
    that a cell over its own limit in them is told as such."""

    __slots__ = ()


class TooLongLine(SheetError):
    """A line of more than :data:`MAX_LINE` characters; ``line`` counts from 1."""

    def __init__(self, name: str, line: int) -> None:
        super().__init__(
            f"{name}: line {line} is longer than {MAX_LINE:,} characters; no row of figures is, "
            "check it is the file you meant"
        )
        self.line = line


def text_blocks(source: Source, encoding: str | None) -> Iterator[str]:
    """The text of a CSV, JSON Lines or TOML ``source``, decoded as it is read, in blocks of
    whole lines: every block but the last ends with ``"\n"`` (a small file is one block).
    Decoding is :func:`decode`'s: UTF-8 with or without a byte-order mark, UTF-16 with its mark,
    or ``encoding``.

    Raises :class:`SheetError` naming the file as :func:`decode` does for bytes that are not text
    (its line), past :data:`MAX_TEXT_BYTES` bytes, and :class:`TooLongLine` for a line of more
    than :data:`MAX_LINE` characters, after giving its first :data:`MAX_LINE` as a
    :class:`LongLine` block. Memory stays within a few pieces of :data:`HEAD` bytes and one line,
    whatever the file's size."""
    name = source.name
    if encoding is None and source.head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encoding = "utf-16"  # Excel's "Unicode text"; the byte-order mark says so
    try:
        decoder = codecs.getincrementaldecoder(encoding or "utf-8-sig")()
    except LookupError:
        raise SheetError(f"{name}: unknown encoding {encoding!r}; try --encoding gb18030") from None
    pieces = source.chunks(MAX_TEXT_BYTES, "a CSV, JSON Lines or TOML file")
    chunk: bytes | None = next(pieces)
    carry, lines, newlines = "", 0, 0  # the line begun and not ended; lines yielded; b"\n" read
    while chunk is not None:
        following = next(pieces, None)
        try:
            text = carry + decoder.decode(chunk, following is None)
        except UnicodeDecodeError as e:
            raise _not_text(source, encoding, e, newlines) from None
        newlines += chunk.count(b"\n")
        first = text.find("\n")
        if (first if first >= 0 else len(text)) > MAX_LINE:
            yield LongLine(text[:MAX_LINE])
            raise TooLongLine(name, lines + 1)
        if following is None:
            if text:
                yield text
            return
        cut = text.rfind("\n") + 1
        carry = text[cut:]
        if cut:
            lines += text.count("\n", 0, cut)
            yield text[:cut]
        chunk = following


def _not_text(source: Source, encoding: str | None, e: UnicodeDecodeError, newlines: int) -> SheetError:
    """:func:`decode`'s refusal of bytes that are not text, for the piece ``e`` was raised on
    (after ``newlines`` line ends)."""
    data = e.object if isinstance(e.object, bytes) else bytes(e.object)
    if encoding is None and binary(source.head):
        return SheetError(
            f"{source.name} is not a text sheet (its first bytes hold control bytes that no CSV or JSON Lines has); "
            "check it is the sheet you meant, or give --encoding if it is UTF-16 without a byte-order mark"
        )
    line = newlines + data[: e.start].count(b"\n") + 1
    hint = "; if Excel saved it, try --encoding gb18030" if not encoding else _other_encoding(data)
    return SheetError(f"{source.name}: line {line} is not {encoding or 'UTF-8'} text{hint}")


def whole_text(source: Source, encoding: str | None) -> str:
    """The text of a JSON Lines or TOML ``source``, read as :func:`text_blocks` reads it; a
    line too long is refused naming it."""
    return "".join(text_blocks(source, encoding))


class CsvRows(Sequence[tuple[int, dict[int, Any]]]):
    """A CSV's rows as :attr:`Grid.rows` holds them (``(row number, {column number: text})`` of
    each row holding a value), kept as the records :class:`csv.reader` gave them and made into
    that form only for the rows looked at.

    Why: a dict per row costs a 20,000-row sheet about as much as parsing it. The layout looks
    at the rows above the table and its header this way, and hands the data rows' records to
    the import as they are (:func:`ledger.layout.read_table`). ``records`` are the records
    holding a value, ``numbers`` their row numbers; ``plain`` says that no cell is blank but
    for being empty (none holds only spaces), so that ``""`` alone marks a blank cell."""

    __slots__ = ("numbers", "plain", "records")

    def __init__(self, records: list[list[str]], numbers: Sequence[int], plain: bool) -> None:
        self.records = records
        self.numbers = numbers
        self.plain = plain

    def __len__(self) -> int:
        return len(self.records)

    @overload
    def __getitem__(self, index: int) -> tuple[int, dict[int, Any]]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[int, dict[int, Any]]]: ...
    def __getitem__(self, index: int | slice) -> tuple[int, dict[int, Any]] | list[tuple[int, dict[int, Any]]]:
        if isinstance(index, slice):
            return list(zip(self.numbers[index], map(_record_cells, self.records[index]), strict=True))
        return self.numbers[index], _record_cells(self.records[index])

    def __iter__(self) -> Iterator[tuple[int, dict[int, Any]]]:
        return zip(self.numbers, map(_record_cells, self.records), strict=True)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # equal to a list, which has none


def _record_cells(values: list[str]) -> dict[int, str]:
    """``{column number: text}`` of a CSV record's cells that hold something."""
    return {i: v for i, v in enumerate(values, 1) if v.strip()}


def read_csv(name: str, text: str | Iterable[str]) -> Grid:
    """The cells of a CSV, given whole or as :func:`text_blocks` gives it. The separator — comma,
    semicolon or tab, as Excel writes in different locales — is read off the table's header and
    first row, below any title (:func:`~ledger.csv_separator.separator`); quotes are always ``"``, as the CSV standard has them. Rows are numbered as Excel
    numbers them: a record is one row even when a quoted cell holds a line break. The rows are a
    :class:`CsvRows`. Raises :class:`SheetError` past :data:`MAX_ROWS` rows, :data:`MAX_COLUMNS`
    columns, a cell of :data:`MAX_CSV_CELL` characters, a line of :data:`MAX_LINE` characters or
    :data:`MAX_RECORDS` records; the first of these in the file, as reading it row by row meets
    them, and while reading, before the rest of the file is read."""
    blocks = iter((text,) if isinstance(text, str) else text)
    ahead: list[str] = []  # the blocks up to the one holding the first few non-blank lines (blocks end at line ends)
    lines: list[str] = []
    for block in blocks:
        ahead.append(block)
        lines += head_lines(block, HEAD_LINES - len(lines))
        if len(lines) >= HEAD_LINES or type(block) is LongLine:  # a long line's error waits for its turn
            break
    delimiter = separator(lines)
    # Whether no cell holds only spaces, so that "" alone marks a blank cell (CsvRows.plain): a
    # text without quotes or spaces has no such cell; else every cell is looked at (in C).
    spaces = _SPACES.replace("\t", "") if delimiter == "\t" else _SPACES
    feed = _Lines(spaces)
    records = _parse(name, chain(ahead, blocks), delimiter, feed)
    if len(records) > MAX_ROWS:
        _within_limits(name, records)
    plain = not feed.marked or not any(map(str.isspace, chain.from_iterable(records)))
    if plain and all(map(any, records)):  # a record holds a value when a cell is not ""
        return Grid(name, CsvRows(records, range(1, len(records) + 1), True), delimiter=delimiter)
    holding = [(n, v) for n, v in enumerate(records, 1) if any(map(str.strip, v))]
    return Grid(name, CsvRows([v for _, v in holding], [n for n, _ in holding], plain), delimiter=delimiter)


class _Lines:
    """Turns text blocks into the lines :class:`csv.reader` reads (in C, a block at a time),
    noting whether any block holds a quote or a space (``marked``), and handing a
    :class:`LongLine` over as one line, then :class:`_LongRow` with the row it belongs to."""

    __slots__ = ("marked", "records", "spaces")

    def __init__(self, spaces: str) -> None:
        self.spaces, self.marked = spaces, False
        self.records: list[list[str]] = []

    def __call__(self, block: str) -> Iterator[str]:
        self.mark(block)
        if type(block) is LongLine:
            return self._long(block)
        return io.StringIO(block, newline="")

    def mark(self, block: str) -> None:
        """Note whether ``block`` holds a quote or a space (``marked``)."""
        if not self.marked:
            self.marked = '"' in block or any(c in block for c in self.spaces)

    def _long(self, block: str) -> Iterator[str]:
        row = len(self.records) + 1  # the records before it are whole: it is in the next one
        yield str(block)
        raise _LongRow(row)


class _LongRow(Exception):
    """A CSV line past :data:`MAX_LINE` characters, in row ``row`` (as Excel numbers rows)."""

    def __init__(self, row: int) -> None:
        self.row = row


# The characters str.isspace (and so str.strip) takes for spaces, but the line ends "\r" and
# "\n", which a CSV cell holds only between quotes (tests hold this to str.isspace).
_SPACES = (
    "\t\x0b\x0c\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def _parse(name: str, blocks: Iterator[str], delimiter: str, feed: _Lines) -> list[list[str]]:
    """A CSV's records as :class:`csv.reader` reads them from text ``blocks`` (through ``feed``).
    Raises :class:`SheetError` for a record it cannot read (naming its row), or for a limit
    passed before it (see :func:`read_csv`). The blank cells past column :data:`MAX_COLUMNS` of
    a wide record are dropped as it is read (a stray far cell is fine, a row of a million
    commas costs nothing kept)."""
    records = feed.records
    append, wide = records.append, MAX_COLUMNS
    blocks = iter(blocks)
    # Blocks without a quote are split by str methods (split_records), as long as they can be:
    # the first that cannot, and every block after it, go to csv.reader.
    for block in blocks:
        split = split_records(block, delimiter) if len(records) < MAX_ROWS else None
        if split is None or len(records) + len(split) > MAX_ROWS:  # limits are counted by take below
            blocks = chain((block,), blocks)
            break
        feed.mark(block)
        if max(map(len, split), default=0) > wide:
            for values in split:
                if len(values) > wide:
                    _narrow(name, records, values)
                append(values)
        else:
            records += split
    reader = csv.reader(chain.from_iterable(map(feed, blocks)), delimiter=delimiter)

    def take(count: int) -> None:
        for values in islice(reader, count):  # counted in C: this loop is the import's cost per row
            if len(values) > wide:
                _narrow(name, records, values)
            append(values)

    try:
        take(MAX_ROWS + 1 - len(records))
        if len(records) > MAX_ROWS:  # refused here, unless blank rows are among them
            _within_limits(name, records)
            take(MAX_RECORDS - MAX_ROWS)
        if len(records) > MAX_RECORDS:
            _within_limits(name, records)
            raise SheetError(
                f"{name}: more than {MAX_RECORDS:,} rows, blank or not, more than an Excel sheet has; "
                "check it is the file you meant"
            )
    except csv.Error as e:
        _within_limits(name, records)  # a limit passed before the bad record is what is told
        row = len(records) + 1
        if "field larger than field limit" in str(e):
            raise SheetError(
                f"{name}: row {row} has a cell longer than {MAX_CSV_CELL:,} characters; "
                "shorten it, or import a long note from JSON Lines or TOML"
            ) from None
        raise SheetError(f"{name}: row {row} is not valid CSV ({e}); check its quotes") from None
    except _LongRow as e:
        _within_limits(name, records)
        raise SheetError(
            f"{name}: row {e.row} has a line longer than {MAX_LINE:,} characters; "
            "no row of figures is: check it is the sheet you meant"
        ) from None
    return records


def split_records(block: str, delimiter: str) -> list[list[str]] | None:
    """The records :class:`csv.reader` reads from ``block`` (whole lines of a CSV, as
    :func:`text_blocks` gives them), split by ``str`` methods, or ``None`` when it may read them
    otherwise: a quote, a ``\r`` not ending a line that ``\r\n`` ends like every other, a line
    that could hold a cell past :data:`MAX_CSV_CELL` characters, a :class:`LongLine`.

    Why: without quotes a record is its line split at the separator, and ``str.split`` makes
    the lines and cells in C at about half of the ``csv`` module's cost per character (which
    also copies the text into a :class:`io.StringIO` and each line out of it): a tenth of
    reading a 20,000-row CSV's table. tests/test_csv_split.py holds it to ``csv.reader``."""
    if type(block) is not str or '"' in block:
        return None
    if "\r" not in block:
        lines = block.split("\n")
    elif block.count("\r") == block.count("\n") == block.count("\r\n"):
        lines = block.split("\r\n")
    else:
        return None
    if not lines[-1]:
        lines.pop()  # the block ends with a line end (or is empty)
    if len(block) > MAX_CSV_CELL and max(map(len, lines)) > MAX_CSV_CELL:
        return None  # csv.reader tells a cell past its limit (and where)
    records = list(map(str.split, lines, repeat(delimiter)))
    if "" in lines:  # a blank line is a record of no cells, as csv.reader reads it
        for i, line in enumerate(lines):
            if not line:
                records[i] = []
    return records


def _narrow(name: str, records: list[list[str]], values: list[str]) -> None:
    """Drop the cells past column :data:`MAX_COLUMNS` of a wide record, all blank; refuse one
    holding a value there (after a limit passed by the ``records`` before it)."""
    if any(map(str.strip, values[MAX_COLUMNS:])):
        _within_limits(name, records)
        raise SheetError(too_many(name, "columns", MAX_COLUMNS))
    del values[MAX_COLUMNS:]


def _within_limits(name: str, records: list[list[str]]) -> None:
    """Raise :class:`SheetError` at the first of ``records`` (numbered from 1) that passes
    :data:`MAX_ROWS` rows holding a value or holds a value past column :data:`MAX_COLUMNS`."""
    holding = 0
    for values in records:
        if cells := _record_cells(values):
            if holding >= MAX_ROWS:
                raise SheetError(too_many(name, "rows", MAX_ROWS))
            if len(values) > MAX_COLUMNS and max(cells) > MAX_COLUMNS:
                raise SheetError(too_many(name, "columns", MAX_COLUMNS))
            holding += 1


def too_many(name: str, what: str, limit: int) -> str:
    """The refusal for a sheet past one of :data:`LIMITS`."""
    return (
        f"{name}: more than {limit:,} {what} hold values; tracker reads sheets up to that size "
        "(a stray cell far out is fine, a sheet this large is not a monthly sheet): split it, or import JSON Lines"
    )


def pick_sheet(name: str, names: list[str], sheet: str | None, active: int) -> int:
    """The index of the worksheet to read: ``sheet`` by name or 1-based number, else the one
    that was active when the workbook was saved."""
    if sheet is None:
        return active if 0 <= active < len(names) else 0
    if sheet in names:
        return names.index(sheet)
    if sheet.isdigit() and 1 <= int(sheet) <= len(names):
        return int(sheet) - 1
    raise SheetError(f"{name}: no sheet {sheet!r}; it has {', '.join(repr(n) for n in names)}")


def read_xlsx(name: str, data: bytes, sheet: str | None) -> Grid:
    """The cells of one worksheet of an .xlsx (``sheet`` by name or number; default the active
    one). See :mod:`ledger.xlsx` for how cells are read and what is refused."""
    from .xlsx import read  # imported here: only workbook imports need it

    return read(name, data, sheet)


def read_xls(name: str, data: bytes, sheet: str | None) -> Grid:
    """The cells of one worksheet of an Excel 97–2003 .xls (as WPS and older offices still save),
    read with xlrd. Numbers are taken as Excel shows them (15 significant digits, to the decimals
    their format shows: :mod:`ledger.number_shapes`, each cell so rounded noted), percent
    formats × 100 (a :class:`PercentCell`) only where the ``%`` is unquoted, dates as dates (a month-only format's as the
    month it shows, ``2025年8月``), error cells as their text (``#N/A``). Raises :class:`SheetError` for a damaged or password-protected file."""
    if len(data) > MAX_XLS_BYTES:
        raise SheetError(f"{name}: larger than {MAX_XLS_BYTES // 2**20} MB; an .xls sheet of figures is far smaller")
    import xlrd  # imported here: only .xls needs it

    from .number_shapes import as_shown, hidden_sign, number_shape, rounded_notes, shown_text
    from .xlsx_formats import (
        excel_number,
        is_month_format,
        is_percent_format,
        is_year_format,
        month_text,
        shown_unit,
        unit_cell,
    )

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True)
    except Exception as e:  # xlrd raises XLRDError, struct.error, IndexError… for damaged files
        if "encrypted" in str(e).lower():
            raise SheetError(
                f"{name}: the workbook is password-protected; remove the password in Excel or WPS and save it"
            ) from None
        raise SheetError(f"{name}: not an Excel 97–2003 workbook (.xls): {e}") from None
    names = book.sheet_names()
    active = next((i for i, s in enumerate(book.sheets()) if getattr(s, "sheet_selected", 0)), 0)
    ws = book.sheet_by_index(pick_sheet(name, names, sheet, active))
    formats = {
        i: book.format_map[xf.format_key].format_str
        for i, xf in enumerate(book.xf_list)
        if xf.format_key in book.format_map
    }
    # What each cell format's number format shows, read once per format (a sheet's thousands of
    # cells share a handful): its units and scales, whether a percent, a month or a year alone.
    read_formats: dict[int, tuple[tuple[tuple[str, int], ...], bool, bool, bool]] = {}

    def format_read(xf: int) -> tuple[tuple[tuple[str, int], ...], bool, bool, bool]:
        if (read := read_formats.get(xf)) is None:
            code = formats.get(xf, "")
            read = shown_unit(code), is_percent_format(code), is_month_format(code), is_year_format(code)
            read_formats[xf] = read
        return read

    # Cell formats indenting their text from the left (Excel's indent button; xlrd's hor_align 1 left,
    # 7 distributed: Excel shows no indent with 0 general): read as that many full-width spaces before
    # it, as .xlsx reads them (ledger.xlsx_book).
    indents = {
        i: "\u3000" * align.indent_level
        for i, xf in enumerate(book.xf_list)
        if (align := xf.alignment) is not None and align.indent_level > 0 and align.hor_align in (1, 7)
    }
    shapes = {i: shape for i, code in formats.items() if (shape := number_shape(code)) is not None}
    # The cells read as their formats show them (6.0 for 5.96781234), by the value's id, as
    # number_shapes.rounded_notes names them: the same notes as an .xlsx's, of the rows shown.
    rounded: dict[int, tuple[Any, str, str]] = {}
    rows: list[tuple[int, dict[int, Any]]] = []
    # Rows and columns the workbook hides (formatting_info gives them): set apart as Excel shows the sheet.
    hidden_rows = [r + 1 for r, info in ws.rowinfo_map.items() if getattr(info, "hidden", 0)]
    hidden_columns = {c + 1 for c, info in ws.colinfo_map.items() if getattr(info, "hidden", 0)}
    for r in range(ws.nrows):
        cells: dict[int, Any] = {}
        for c, cell in enumerate(ws.row(r), 1):
            kind, value = cell.ctype, cell.value
            if kind == xlrd.XL_CELL_NUMBER:
                number = stored = excel_number(float(value))
                shows, percent, _, _ = format_read(cell.xf_index or 0)
                if (shape := shapes.get(cell.xf_index or 0)) is not None:  # the figure as the cell shows it
                    if number < 0 and (unsigned := hidden_sign(number, shape)) is not None:
                        raise SheetError(f"{name} (sheet {ws.name!r}): cell {column_letter(c)}{r + 1} {unsigned}")
                    seen = as_shown(number, shape)
                    if not isinstance(seen, Decimal):
                        if seen is not None:
                            cells[c] = seen  # a section showing no figure ("-", "—")
                        continue
                    number = seen
                if any(map(any, shows)) and not percent:
                    cells[c] = unit_cell(number, shows)
                else:
                    cells[c] = PercentCell(number * 100) if percent else number
                if shape is not None and number != stored:  # noted as .xlsx notes them, by the value's id
                    rounded[id(cells[c])] = (cells[c], shown_text(stored, shape), shape.code)
            elif kind == xlrd.XL_CELL_DATE:
                day = xlrd.xldate.xldate_as_datetime(float(value), book.datemode)
                _, _, month, year = format_read(cell.xf_index or 0)
                cells[c] = month_text(day) if month else f"{day.year}年" if year else day
            elif kind == xlrd.XL_CELL_TEXT and str(value).strip():
                if len(str(value)) > MAX_CELL:
                    raise SheetError(f"{name}: a cell longer than {MAX_CELL:,} characters, more than Excel allows")
                cells[c] = indents.get(cell.xf_index or 0, "") + str(value) if indents else str(value)
            elif kind == xlrd.XL_CELL_BOOLEAN:
                cells[c] = bool(value)
            elif kind == xlrd.XL_CELL_ERROR:
                cells[c] = xlrd.error_text_from_code.get(int(value), "#N/A")
        if cells:
            rows.append((r + 1, cells))
    merged = tuple((rlo + 1, clo + 1, rhi, chi) for rlo, rhi, clo, chi in ws.merged_cells)
    rows, hidden = without_hidden(rows, hidden_rows, hidden_columns)
    hidden += rounded_notes(rows, rounded)
    shown = any(type(v) is UnitCell for _, cells in rows for v in cells.values())
    return Grid(name, rows, merged, ws.name, tuple(names), hidden=hidden, shown_units=shown)


# The id columns `tracker sheet` writes hidden (ledger.render.department.HIDDEN), headed by these:
# a returned department sheet is read as it is, ids and all.
_OWN_HIDDEN = ("target", "milestone")


def without_hidden(
    rows: list[tuple[int, dict[int, Any]]], hidden_rows: Iterable[int], hidden_columns: set[int]
) -> tuple[list[tuple[int, dict[int, Any]]], tuple[str, ...]]:
    """``rows`` without the rows and columns a workbook hides, and a note naming each that held
    a value (a row with its cells, a column with its first text). A person opening the sheet in
    Excel or WPS sees only the rows and columns shown, and a department hides the rows it reported
    last month rather than delete them: read as more rows, their figures would count again."""
    hidden = set(hidden_rows)
    if not hidden and not hidden_columns:
        return rows, ()
    notes: list[str] = []
    kept: list[tuple[int, dict[int, Any]]] = []
    for number, cells in rows:
        if number in hidden:
            said = " | ".join(t for c in sorted(cells) if (t := cell_text(cells[c])))
            notes.append(f"row {number} is hidden in the workbook: not read ({_clip(said)})")
        else:
            kept.append((number, cells))
    for c in sorted(hidden_columns):
        texts = [t for _, cells in kept if c in cells and (t := cell_text(cells[c]))]
        if texts and texts[0] in _OWN_HIDDEN:
            hidden_columns = hidden_columns - {c}  # the ids of a sheet `tracker sheet` wrote: read as ever
        elif texts:
            first = texts[0] + (f", … {len(texts)} cells" if len(texts) > 1 else "")
            notes.append(f"column {column_letter(c)} is hidden in the workbook: not read ({_clip(first)})")
    if hidden_columns:
        kept = [(n, {c: v for c, v in cells.items() if c not in hidden_columns}) for n, cells in kept]
        kept = [(n, cells) for n, cells in kept if cells]
    return kept, tuple(notes)


def _clip(text: str) -> str:
    """``text`` cut to what a note line shows."""
    return text if len(text) <= 80 else text[:79] + "…"


def read_jsonl(name: str, text: str) -> list[Row]:
    """One JSON object per line; blank lines are skipped."""
    if text.lstrip().startswith("["):
        raise SheetError(f"{name}: a JSON array; write one JSON object per line (JSON Lines)")
    rows = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line, parse_float=Decimal)
        except json.JSONDecodeError as e:
            raise SheetError(f"{name}:{number}: not JSON: {e.msg}") from None
        except RecursionError:
            raise SheetError(f"{name}:{number}: JSON nested too deeply; an entry is one flat object") from None
        if not isinstance(obj, dict):
            raise SheetError(f'{name}:{number}: each line must be a JSON object such as {{"target": …, "value": …}}')
        rows.append(Row(number, obj))
    return rows


def cell_text(value: Any) -> str | None:
    """A cell as text for parsing, ``None`` when empty. Numbers keep their shortest form."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime):
        # An Excel date arrives as a naive midnight; a recording time keeps its clock and offset.
        if value.tzinfo is None and value.time() == datetime.min.time():
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def column_letter(column: int) -> str:
    """``1`` → ``A``, ``28`` → ``AB``: a column as Excel names it."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
