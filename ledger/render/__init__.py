"""Renderers: each turns a report object into one output format; none reads files or the clock.

:func:`render_status` picks the renderer for an :class:`OutputFormat`; :func:`render_report`
does the same for the monthly report document. Renderer modules are imported only when used,
so that start-up stays lean.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from ..progress import StatusReport
from ..series import Point


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


# What --output's file extension means when --format is not given.
EXTENSIONS = {
    ".txt": OutputFormat.table,
    ".json": OutputFormat.json,
    ".csv": OutputFormat.csv,
    ".md": OutputFormat.markdown,
    ".markdown": OutputFormat.markdown,
    ".html": OutputFormat.html,
    ".htm": OutputFormat.html,
    ".xlsx": OutputFormat.xlsx,
}


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How to render: ``lang`` "zh" or "en"; ``width`` in terminal cells (the text table);
    ``unicode`` whether the output can carry block characters and Chinese."""

    lang: str = "zh"
    width: int = 80
    unicode: bool = True


def format_for(path: Path) -> OutputFormat | None:
    """The format a file name asks for by its extension, or ``None``."""
    return EXTENSIONS.get(path.suffix.lower())


def render_status(report: StatusReport, fmt: OutputFormat, options: RenderOptions) -> str:
    """``report`` as text in ``fmt`` (the table without colour, for files and pipes); not for
    ``xlsx``, a workbook (:func:`ledger.render.xlsx.status_xlsx`)."""
    if fmt is OutputFormat.json:
        from .json_doc import dumps, status_document

        return dumps(status_document(report), ascii_only=not options.unicode)
    if fmt is OutputFormat.csv:
        from .csv_out import status_csv

        return status_csv(report, options.lang)
    if fmt is OutputFormat.markdown:
        from .markdown import status_markdown

        return status_markdown(report, options.lang)
    if fmt is OutputFormat.html:
        from .html import status_html

        return status_html(report, options.lang)
    from .table import status_text

    return status_text(report, options)


def render_report(
    report: StatusReport, fmt: ReportFormat, options: RenderOptions, series: dict[str, list[Point]] | None = None
) -> str:
    """The monthly report document: summary, what needs attention first, then every action; the
    HTML one ends with a month-by-month chart of each target in ``series`` (by target id). Not
    for ``xlsx``, a workbook (:func:`ledger.render.xlsx.status_xlsx`)."""
    if fmt is ReportFormat.html:
        from .html import report_html

        return report_html(report, options.lang, series or {})
    from .markdown import report_markdown

    return report_markdown(report, options.lang)
