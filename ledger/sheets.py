"""Reading the monthly sheet: CSV, XLSX, JSON Lines or TOML into rows of cells by column name.

Every reader returns :class:`Row` objects numbered as a person sees them (the header is row 1 of
a CSV or sheet; JSON Lines count from 1); cells keep what the file held (text, numbers, dates),
and :mod:`ledger.importing` decides what they mean.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from .errors import TrackerError

FORMATS = ("csv", "xlsx", "jsonl", "toml")


class SheetError(TrackerError):
    """A file that cannot be read as the sheet it claims to be."""


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: ``number`` as a person counts it in the file, ``cells`` by column header."""

    number: int
    cells: dict[str, Any]


def format_of(name: str, given: str | None) -> str:
    """The reader for a file: ``given`` (``--format``), else the name's extension."""
    if given:
        return given
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix in ("csv", "txt"):
        return "csv"
    if suffix in ("xlsx", "xlsm"):
        return "xlsx"
    if suffix in ("jsonl", "ndjson", "json"):
        return "jsonl"
    if suffix == "toml":
        return "toml"
    raise SheetError(f"{name}: cannot tell the format from the name; give --format csv, xlsx, jsonl or toml")


def decode(name: str, data: bytes, encoding: str | None) -> str:
    """File bytes as text: UTF-8 with or without a byte-order mark, or ``encoding`` (gb18030…)."""
    try:
        return data.decode(encoding or "utf-8-sig")
    except LookupError:
        raise SheetError(f"{name}: unknown encoding {encoding!r}; try --encoding gb18030") from None
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        hint = "; if Excel saved it, try --encoding gb18030" if not encoding else ""
        raise SheetError(f"{name}: line {line} is not {encoding or 'UTF-8'} text{hint}") from None


def read_csv(name: str, text: str) -> list[Row]:
    """Rows of a CSV with a header line; blank lines are skipped."""
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample.strip() else csv.excel
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    header: list[str] | None = None
    rows: list[Row] = []
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        if header is None:
            header = [h.strip() for h in values]
            continue
        cells = {h: (values[i] if i < len(values) else "") for i, h in enumerate(header) if h}
        rows.append(Row(reader.line_num, cells))
    if header is None:
        raise SheetError(f"{name}: the file is empty; it needs a header row and at least one row of figures")
    return rows


def read_xlsx(name: str, data: bytes, sheet: str | None) -> list[Row]:
    """Rows of one worksheet (``sheet`` by name or 1-based number; default the first): the first
    non-empty row is the header. Numbers and dates come as Excel stored them."""
    from openpyxl import load_workbook  # imported here: only imports need it

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
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
    header: list[str] | None = None
    rows: list[Row] = []
    for number, values in enumerate(ws.iter_rows(values_only=True), 1):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        if header is None:
            header = [str(v).strip() if v is not None else "" for v in values]
            continue
        cells = {h: values[i] if i < len(values) else None for i, h in enumerate(header) if h}
        rows.append(Row(number, cells))
    book.close()
    if header is None:
        raise SheetError(f"{name}: the sheet is empty; it needs a header row and at least one row of figures")
    return rows


def read_jsonl(name: str, text: str) -> list[Row]:
    """One JSON object per line; blank lines are skipped."""
    rows = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line, parse_float=Decimal)
        except json.JSONDecodeError as e:
            raise SheetError(f"{name}:{number}: not JSON: {e.msg}") from None
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
    if isinstance(value, datetime):
        # An Excel date arrives as a naive midnight; a recording time keeps its clock and offset.
        if value.tzinfo is None and value.time() == datetime.min.time():
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    return text or None
