"""Formats and what a file name says about them, in one place; and how to render.

A leaf module (it imports nothing of tracker's), so that the CLI can name its ``--format``
choices without loading renderers, and renderers can share :class:`RenderOptions` without an
import cycle.
"""

from enum import StrEnum
from pathlib import PurePath
from typing import NamedTuple, TypeVar


class OutputFormat(StrEnum):
    """Formats of ``tracker status``."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    html = "html"
    xlsx = "xlsx"  # the table with traffic-light fills, for meetings; to a file only


class ReportFormat(StrEnum):
    """Formats of the monthly report document, ``tracker report``."""

    markdown = "markdown"
    html = "html"
    xlsx = "xlsx"


class ExportFormat(StrEnum):
    """Formats ``tracker export`` writes."""

    csv = "csv"
    jsonl = "jsonl"
    xlsx = "xlsx"
    toml = "toml"


class DepartmentSheetFormat(StrEnum):
    """Formats of the sheet ``tracker sheet`` writes for a department."""

    xlsx = "xlsx"
    csv = "csv"


class SheetFormat(StrEnum):
    """Formats ``tracker import`` reads."""

    csv = "csv"
    xlsx = "xlsx"
    xls = "xls"
    jsonl = "jsonl"
    toml = "toml"


# What a file name's extension means, for the files tracker writes and the files it reads.
# A reader is lenient (a .txt is CSV, a .json holds JSON Lines); a writer names what it writes.
OUTPUT_EXTENSIONS = {
    ".txt": OutputFormat.table,
    ".json": OutputFormat.json,
    ".csv": OutputFormat.csv,
    ".md": OutputFormat.markdown,
    ".markdown": OutputFormat.markdown,
    ".html": OutputFormat.html,
    ".htm": OutputFormat.html,
    ".xlsx": OutputFormat.xlsx,
}
EXPORT_EXTENSIONS = {f".{f.value}": f for f in ExportFormat}
SHEET_EXTENSIONS = {
    ".csv": SheetFormat.csv,
    ".txt": SheetFormat.csv,
    ".xlsx": SheetFormat.xlsx,
    ".xlsm": SheetFormat.xlsx,
    ".tsv": SheetFormat.csv,
    ".xls": SheetFormat.xls,
    ".et": SheetFormat.xls,  # WPS's own name for a BIFF workbook
    ".jsonl": SheetFormat.jsonl,
    ".ndjson": SheetFormat.jsonl,
    ".json": SheetFormat.jsonl,
    ".toml": SheetFormat.toml,
}

F = TypeVar("F", bound=StrEnum)


def format_for(name: str | PurePath, extensions: dict[str, F]) -> F | None:
    """The format file ``name``'s extension names in ``extensions`` (one of the tables above),
    or ``None``. Extensions are compared in lower case: ``REPORT.HTML`` is HTML."""
    return extensions.get(PurePath(name).suffix.lower())


class RenderOptions(NamedTuple):
    """How to render: ``lang`` "zh" or "en"; ``width`` in terminal cells (the text table);
    ``unicode`` whether the output can carry block characters and Chinese."""

    lang: str = "zh"
    width: int = 80
    unicode: bool = True
