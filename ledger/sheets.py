"""Reading the monthly sheet: CSV, XLSX, JSON Lines or TOML into rows of cells by column name.

Every reader returns :class:`Row` objects numbered as a person sees them (the header is row 1 of
a CSV or sheet; JSON Lines count from 1); cells keep what the file held (text, numbers, dates),
and :mod:`ledger.importing` decides what they mean.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from .errors import TrackerError
from .formats import SHEET_EXTENSIONS, format_for

FORMATS = ("csv", "xlsx", "jsonl", "toml")


class SheetError(TrackerError):
    """A file that cannot be read as the sheet it claims to be."""


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: ``number`` as a person counts it in the file, ``cells`` by column header."""

    number: int
    cells: dict[str, Any]


def format_of(name: str, given: str | None) -> str:
    """The reader for a file: ``given`` (``--format``), else the name's extension. Raises
    :class:`SheetError` when neither says."""
    if given:
        return given
    found = format_for(name, SHEET_EXTENSIONS)
    if found is None:
        raise SheetError(f"{name}: cannot tell the format from the name; give --format csv, xlsx, jsonl or toml")
    return found.value


def sniff(data: bytes) -> str:
    """What a stream holds when nothing names its format: a zip (XLSX), JSON objects, ledger
    TOML or, failing those, CSV."""
    head = data.lstrip()[:64]
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith((b"[[entry]]", b"#")):
        return "toml"
    return "csv"


def decode(name: str, data: bytes, encoding: str | None) -> str:
    """File bytes as text: UTF-8 with or without a byte-order mark, or ``encoding`` (gb18030…)."""
    try:
        return data.decode(encoding or "utf-8-sig")
    except LookupError:
        raise SheetError(f"{name}: unknown encoding {encoding!r}; try --encoding gb18030") from None
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        hint = ""
        if not encoding:
            utf16 = data[:2] in (b"\xff\xfe", b"\xfe\xff")
            hint = (
                "; it looks like UTF-16: try --encoding utf-16"
                if utf16
                else "; if Excel saved it, try --encoding gb18030"
            )
        raise SheetError(f"{name}: line {line} is not {encoding or 'UTF-8'} text{hint}") from None


def read_csv(name: str, text: str, is_header: Callable[[list[str]], bool]) -> list[Row]:
    """Rows of a CSV under its header: the first line ``is_header`` accepts (title lines above it
    are skipped), else the first non-blank line. Blank lines are skipped. The separator — comma,
    semicolon or tab, as Excel writes in different locales — is read off the first line; quotes
    are always ``"``, as the CSV standard has them."""
    first = next((line for line in text.split("\n") if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=first.count)
    records = list(_numbered(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)))
    return _under_header(name, records, is_header, "file")


def _numbered(reader: Any) -> Iterator[tuple[int, list[Any]]]:
    start = 1
    for values in reader:
        yield start, values
        start = reader.line_num + 1


def _under_header(
    name: str, records: list[tuple[int, list[Any]]], is_header: Callable[[list[str]], bool], what: str
) -> list[Row]:
    filled = [(n, v) for n, v in records if any(x is not None and str(x).strip() for x in v)]
    if not filled:
        raise SheetError(f"{name}: the {what} is empty; it needs a header row and rows of figures")
    texts = [[str(x).strip() if x is not None else "" for x in v] for _, v in filled]
    at = next((i for i, t in enumerate(texts[:20]) if is_header(t)), 0)
    header = texts[at]
    rows = []
    for number, values in filled[at + 1 :]:
        rows.append(Row(number, {h: values[i] if i < len(values) else None for i, h in enumerate(header) if h}))
    if not rows:
        raise SheetError(f"{name}: no rows of figures under the header ({', '.join(h for h in header if h)})")
    return rows


def read_xlsx(name: str, data: bytes, sheet: str | None, is_header: Callable[[list[str]], bool]) -> list[Row]:
    """Rows of one worksheet (``sheet`` by name or 1-based number; default the first): the first
    non-empty row is the header. Numbers and dates come as Excel stored them."""
    from openpyxl import load_workbook  # imported here: only imports need it

    try:
        # Not read-only: that mode trusts the sheet's recorded size, which some tools leave stale.
        book = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a file that is not a workbook
        raise SheetError(f"{name}: not an Excel workbook (.xlsx): {type(e).__name__}") from None
    names = book.sheetnames
    if sheet is None:
        ws = book[names[0]]
    elif sheet in names:
        ws = book[sheet]
    elif sheet.isdigit() and 1 <= int(sheet) <= len(names):
        ws = book[names[int(sheet) - 1]]
    else:
        raise SheetError(f"{name}: no sheet {sheet!r}; it has {', '.join(repr(n) for n in names)}")
    records: list[tuple[int, list[Any]]] = []
    for number, cells in enumerate(ws.iter_rows(), 1):
        # A cell formatted as a percentage holds a fraction (5.2% is 0.052): take what it shows.
        records.append((number, [_shown(c) for c in cells]))
    book.close()
    return _under_header(f"{name} (sheet {ws.title!r}; another with --sheet)", records, is_header, "sheet")


def _shown(cell: Any) -> Any:
    value = cell.value
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in str(cell.number_format or ""):
        return Decimal(repr(value)) * 100
    return value


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
            raise SheetError(f"{name}:{number}: nested too deeply; a row is one flat JSON object") from None
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
