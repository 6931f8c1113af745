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
import zipfile
import zlib

from .number_shapes import rounded_notes
from .sheets import MAX_UNCOMPRESSED, Grid, SheetError, pick_sheet, without_hidden
from .xlsx_book import _Book

# What reading a zip's directory or one of its parts raises when its bytes are damaged in transit:
# a directory or local header that does not add up, or a CRC that does not match (BadZipFile), a
# deflate stream cut short (EOFError) or corrupted (zlib.error), a method byte no zip has
# (NotImplementedError), sizes or offsets past the file's end (OverflowError), a part's name whose
# bytes are no longer text (UnicodeDecodeError).
_DAMAGED = (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError, OverflowError, UnicodeDecodeError)


def damaged(name: str) -> str:
    """The one-line refusal of a workbook whose zip is damaged."""
    return f"{name}: not an Excel workbook (.xlsx): the zip is damaged"


def read(name: str, data: bytes, sheet: str | None) -> Grid:
    """The cells of one worksheet (``sheet`` by name or 1-based number; default the one active
    when the workbook was saved), as a :class:`~ledger.sheets.Grid`.

    Numbers are taken as Excel shows them (15 significant digits, rounded to the decimals their
    format shows, a format's section showing no figure as its mark: :mod:`ledger.number_shapes`;
    each cell so rounded named in :attr:`~ledger.sheets.Grid.hidden`'s notes), percent formats × 100 (a
    :class:`~ledger.sheets.PercentCell`) only where the ``%`` is unquoted, date formats as ``datetime`` (a month-only format, ``yyyy"年"m"月"``
    or ``mmm-yy``, as the month it shows: ``2025年8月``), error cells as their text
    (``#N/A``), empty text as no value. Raises :class:`~ledger.sheets.SheetError` for a file
    that is not a workbook, a formula with no saved value (naming its cell), or a limit passed.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (*_DAMAGED, ValueError):  # the directory's offsets no longer add up (a negative seek)
        raise SheetError(damaged(name)) from None
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
        except _DAMAGED:
            raise SheetError(damaged(name)) from None
        except (SyntaxError, ValueError, KeyError, OSError) as e:  # ElementTree's ParseError is a SyntaxError
            raise SheetError(f"{name}: not a readable Excel workbook (.xlsx): {type(e).__name__}") from None
    rows, hidden = without_hidden(rows, hidden_rows, hidden_columns)
    hidden += rounded_notes(rows, book.rounded)  # figures read as their formats show them, named
    shown = any(shows for _, _, shows in book.formats)  # a UnitCell can be in rows only then
    return Grid(name, rows, tuple(merged), title, tuple(names), hidden=hidden, shown_units=shown)
