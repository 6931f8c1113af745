"""Renderers: each turns a report object into one output format; none reads files or the clock.

:func:`render_status` picks the renderer for an :class:`OutputFormat`; :func:`render_report`
does the same for the monthly report document. Renderer modules are imported only when used,
so that start-up stays lean.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..formats import OUTPUT_EXTENSIONS, OutputFormat, RenderOptions, ReportFormat

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..errors import Problem
    from ..progress import StatusReport
    from ..series import Point

__all__ = ["EXTENSIONS", "OutputFormat", "RenderOptions", "ReportFormat", "render_report", "render_status"]


# The names renderers were first imported by.
EXTENSIONS = OUTPUT_EXTENSIONS


def render_status(
    report: StatusReport, fmt: OutputFormat, options: RenderOptions, notes: Sequence[Problem] = ()
) -> str:
    """``report`` as text in ``fmt`` (the table without colour, for files and pipes); the JSON
    document carries ``notes``, what the run noted (the other formats leave them to stderr)."""
    if fmt is OutputFormat.json:
        from .json_doc import dumps, status_document

        return dumps(status_document(report, notes), ascii_only=not options.unicode)
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
    HTML one ends with a month-by-month chart of each target in ``series`` (by target id)."""
    if fmt is ReportFormat.html:
        from .html import report_html

        return report_html(report, options.lang, series or {})
    from .markdown import report_markdown

    return report_markdown(report, options.lang)
