"""Writing entries out for other tools and for import elsewhere: CSV, JSON Lines, XLSX or the
ledger's own TOML, all in the columns ``tracker import`` reads back (:data:`COLUMNS`)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from .entries import COLUMNS, FIELDS, Entry, FieldType
from .errors import TrackerError
from .formats import ExportFormat
from .formulas import for_csv, neutralise
from .numbers import plain

EXPORT_FORMATS = tuple(f.value for f in ExportFormat)


def entry_cells(e: Entry) -> dict[str, Any]:
    """An entry as export writes it: :data:`COLUMNS`, numbers as Decimal, dates as dates, a flag
    (void, forced) as ``True`` and its absence as ``None`` (an empty cell)."""
    cells = e.cells()
    for f in FIELDS:
        if f.type is FieldType.FLAG and not f.ledger_only:
            cells[f.name] = True if cells[f.name] else None
    return cells


def _text(value: Any) -> str:
    if value is None:
        return ""
    if value is True:
        return "true"
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def to_csv(entries: list[Entry]) -> str:
    """CSV text with a header row; text cells that a spreadsheet would run, or read as a number
    or date (an id such as ``1234e56789`` or ``0123456789``, a note ``1/3``), get a leading
    apostrophe (:func:`~ledger.formulas.for_csv`; import takes it off again); figures, dates
    and flags are written plainly; CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for e in entries:
        cells = entry_cells(e)
        writer.writerow([for_csv(cells[c]) if isinstance(cells[c], str) else _text(cells[c]) for c in COLUMNS])
    return out.getvalue()


def to_jsonl(entries: list[Entry]) -> str:
    """One JSON object per line, keys in :data:`COLUMNS` order, figures as JSON numbers written
    with all their digits (never through a float)."""

    def item(value: Any) -> str:
        if isinstance(value, Decimal):
            return plain(value)
        if isinstance(value, date | datetime):
            return json.dumps(value.isoformat())
        return json.dumps(value, ensure_ascii=False)

    return "".join(
        "{" + ", ".join(f"{json.dumps(c)}: {item(v)}" for c, v in entry_cells(e).items()) + "}\n" for e in entries
    )


def to_toml(entries: list[Entry]) -> str:
    """The entries as ledger TOML (``[[entry]]`` tables), ready to be a ledger of their own: with
    a digest chain of their own, and no ``batch`` counts (a selection need not hold whole imports)."""
    from .blocks import HEADER, entry_blocks
    from .chain import chained

    return HEADER + entry_blocks(chained("", [e._replace(batch=None, restored=False, digest=None) for e in entries]))


XLSX_CELL_LIMIT = 32767  # characters Excel keeps in a cell


def _fits_a_cell(e: Entry, column: str, text: str) -> None:
    """Refuse text a workbook would lose: control characters (which Excel files cannot hold)
    and more than :data:`XLSX_CELL_LIMIT` characters (which Excel cuts)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    fix = "export --format toml or jsonl keeps every character (a lossless backup)"
    if (bad := ILLEGAL_CHARACTERS_RE.search(text)) is not None:
        raise TrackerError(
            f"entry {e.id}: its {column} holds the control character U+{ord(bad.group()):04X}, "
            f"which an Excel workbook cannot hold; {fix}"
        )
    if len(text) > XLSX_CELL_LIMIT:
        raise TrackerError(
            f"entry {e.id}: its {column} has {len(text):,} characters and Excel keeps {XLSX_CELL_LIMIT:,} in a cell; {fix}"
        )


def to_xlsx(entries: list[Entry]) -> bytes:
    """An Excel workbook with one sheet, ``entries``: the header row, then one row per entry.
    Figures are numbers (text where a float cannot hold all their digits) and as-of dates are
    dates; the recording time stays ISO text (Excel dates carry no UTC offset); text that a
    spreadsheet would run is neutralised as in CSV. Raises :class:`~ledger.errors.TrackerError`
    naming the entry when a text holds a control character or is longer than a cell holds,
    rather than write a workbook that loses it."""
    from openpyxl import Workbook  # imported here: only export needs it

    from .xlsx_formats import excel_escaped

    book = Workbook()
    sheet = book.active
    sheet.title = "entries"
    sheet.append(list(COLUMNS))
    for e in entries:
        cells = entry_cells(e)
        row: list[Any] = []
        for c in COLUMNS:
            value = cells[c]
            if isinstance(value, Decimal):
                # A number where a float holds it exactly; beyond that, its digits as text.
                value = float(value) if Decimal(repr(float(value))) == value else plain(value)
            elif isinstance(value, datetime):
                value = value.isoformat()
            elif value is True:
                value = "true"
            elif isinstance(value, str):
                _fits_a_cell(e, c, value)
                value = excel_escaped(neutralise(value))  # openpyxl writes text starting with = as a formula
            row.append(value)
        sheet.append(row)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
