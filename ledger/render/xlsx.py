"""The status table as an Excel workbook, the form in which it is read in meetings: a summary
sheet with the lights' legend, then one sheet per action (or per responsible unit with
``--by owner``), frozen headers, figures as numbers formatted with their units, and each
status cell filled with its traffic light (green done / on track, yellow at risk, red behind
or not achieved).

openpyxl is imported here only: nothing else pays for it.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

from ..model import Kind, Status
from ..progress import StatusReport, TargetProgress
from . import document
from .cells import LIGHT_COLOURS, LIGHT_TEXT, Cells, any_owner, cells, group_heading, light, light_legend
from .labels import STATUS, plan_words, say
from .text import literal, shown_percent

_FIGURES = ("goal", "current", "as_of_col", "progress", "expected", "forecast")  # right-aligned columns
_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def number_format(value: Decimal | None, unit: str | None) -> str:
    """An Excel number format showing ``value`` with the digits it was typed with and ``unit``
    after it: 318.6 亿元 → ``#,##0.0" 亿元"``; a rate in % → ``0.0"%"`` (the % quoted, so the
    cell holds 5.2, not 0.052)."""
    places = 0
    if value is not None:
        exponent = value.normalize().as_tuple().exponent
        places = max(0, -exponent) if isinstance(exponent, int) else 0
    digits = "#,##0" + ("." + "0" * places if places else "")
    if not unit:
        return digits
    if unit == "%":
        return digits + '"%"'
    return f'{digits}" {unit}"'


def _excel_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _sheet_title(text: str, taken: set[str]) -> str:
    base = _SHEET_NAME.sub("_", text).strip("'") or "sheet"
    title, n = base[:31], 2
    while title.lower() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def status_xlsx(report: StatusReport, lang: str) -> bytes:
    """The workbook's bytes (.xlsx). Columns: target, (owner,) goal, current, as-of, progress,
    expected, status, gap, forecast; goal, current and forecast in the target's unit (named by
    the number format),
    progress and expected as percentages (cells hold fractions, as Excel does)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    w = plan_words(report.plan, lang)
    book = Workbook()
    summary = book.active
    assert summary is not None
    taken: set[str] = set()
    summary.title = _sheet_title(say(lang, "summary_sheet"), taken)
    bold = Font(bold=True)
    summary.append([literal(document.title(report, lang))])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append([document.subtitle(report, lang)])
    summary.append([])
    summary.append([w["status"], say(lang, "count")])
    for cell in summary[4]:
        cell.font = bold
    for status, count in report.summary().items():
        summary.append([STATUS[lang][status], count])
        _fill(summary.cell(summary.max_row, 1), status, PatternFill, Font)
    summary.append([])
    summary.append([say(lang, "lights").rstrip("：: ")])
    summary.cell(summary.max_row, 1).font = bold
    for colour, meaning in light_legend(lang):
        summary.append([meaning])
        cell = summary.cell(summary.max_row, 1)
        cell.fill = PatternFill("solid", fgColor=LIGHT_COLOURS[colour])
        cell.font = Font(color=LIGHT_TEXT[colour])
    summary.column_dimensions["A"].width = 28
    summary.column_dimensions["B"].width = 10
    _print_setup(summary, title_rows=None)  # the README's promise holds for every sheet of the workbook

    keys = ["target", "goal", "current", "as_of_col", "progress", "expected", "status", "gap", "forecast"]
    owner = report.grouping != "owner" and any_owner(report)
    if owner:
        keys.insert(1, "owner")
    widths = {"target": 28, "owner": 14, "goal": 14, "current": 14, "as_of_col": 11, "progress": 13,
              "expected": 8, "status": 9, "gap": 30, "forecast": 14}  # fmt: skip
    for group in report.actions:
        heading, counts = group_heading(report, group, lang)
        ws = book.create_sheet(_sheet_title(heading, taken))
        ws.append([w[k] for k in keys])
        for key, cell in zip(keys, ws[1], strict=True):
            cell.font = bold
            cell.alignment = Alignment(horizontal="right" if key in _FIGURES else "left", vertical="center")
        for p in group.targets:
            ws.append(_row(p, keys, lang))
            row = ws.max_row
            as_text(ws[row])
            for column, key in enumerate(keys, 1):
                cell = ws.cell(row, column)
                _format(cell, key, p, Alignment, lang)
                if key == "status":
                    _fill(cell, p.status, PatternFill, Font)
        if counts:
            ws.append([])
            ws.append([counts])
        for column, key in enumerate(keys, 1):
            ws.column_dimensions[get_column_letter(column)].width = widths[key]
        ws.freeze_panes = "B2"  # the header row and the target names stay in view
        _print_setup(ws)
        ws.auto_filter.ref = f"A1:{get_column_letter(len(keys))}{1 + len(group.targets)}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def as_text(cells: Any) -> None:
    """Cells holding text that begins with ``=`` keep it as text: openpyxl would otherwise write
    a name such as "=SUM(A1)" as a formula for Excel to run."""
    for cell in cells:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"


def _print_setup(ws: Any, title_rows: str | None = "1:1") -> None:
    """On paper: A4 landscape, one page wide, ``title_rows`` (the header row) repeated on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if title_rows is not None:
        ws.print_title_rows = title_rows


def _row(p: TargetProgress, keys: list[str], lang: str) -> list[Any]:
    t, c = p.target, cells(p, lang)
    numeric = t.kind in (Kind.TOTAL, Kind.INCREMENT, Kind.RATE, Kind.RANK)
    values: dict[str, Any] = {
        "target": c.name,
        "owner": c.owner,
        "goal": _excel_number(t.target) if numeric and t.target is not None else c.goal,
        "unit": t.unit or "",
        "current": _excel_number(p.current) if isinstance(p.current, Decimal) else c.current,
        "as_of_col": p.judged_at or p.current_date,  # the day judged at, as the text table shows
        "progress": _shown_share(p, c) if p.progress is not None and t.kind is not Kind.RATE else c.progress,
        "expected": float(c.expected_share) if c.expected_share is not None else "",
        "status": c.status,
        "gap": c.gap,
        "forecast": _excel_number(forecast) if (forecast := _forecast(p)) is not None else "",
    }
    if t.kind in (Kind.RATE, Kind.RANK):
        values["progress"] = c.progress  # a gap in points or places, not a share
    return [values[k] for k in keys]


def _shown_share(p: TargetProgress, c: Cells) -> float:
    """Progress as shown, to 0.1 %, rounded down while unmet (Excel's "0.0%" would show 0.9999998
    as 100.0 %); a total's or increment's as its cells show it beside expected progress (41.7 %
    beside 41.7 % exactly on schedule), since Excel shows both cells as they hold them."""
    assert p.progress is not None
    if c.share is not None and c.expected_share is not None:
        return float(c.share)
    return float(shown_percent(p.progress, floor=p.progress < 1) / 100)


def _forecast(p: TargetProgress) -> Decimal | None:
    """The forecast to 2 decimals (or as many as the current figure keeps), as every other format shows it."""
    from ..numbers import rounded

    return rounded(p.forecast, p.computed_places) if p.forecast is not None else None


def _format(cell: Any, key: str, p: TargetProgress, alignment: Any, lang: str) -> None:
    t = p.target
    if key in ("goal", "current", "forecast") and isinstance(cell.value, int | float):
        shown = {"goal": t.target, "current": p.current, "forecast": _forecast(p)}[key]
        cell.number_format = number_format(shown if isinstance(shown, Decimal) else None, t.unit)
        if key == "forecast" and p.forecast_due is not None:
            # The cell stays a number; the format shows the day it is the value at, as the text
            # formats do beside it (under 全年预计, a target due in June is June's value).
            note = say(lang, "forecast_by_due", figure="", due=p.forecast_due.isoformat())
            cell.number_format += f'"{note}"'
    elif key in ("progress", "expected") and isinstance(cell.value, float):
        cell.number_format = "0.0%"
    elif key == "as_of_col" and cell.value is not None:
        cell.number_format = "yyyy-mm-dd"
    if key in ("target", "owner", "gap"):
        cell.alignment = alignment(wrap_text=True, vertical="center")
    else:
        cell.alignment = alignment(horizontal="right" if key in _FIGURES else "left", vertical="center")


def _fill(cell: Any, status: Status, fill: Any, font: Any) -> None:
    colour = light(status)
    if colour is not None:
        cell.fill = fill("solid", fgColor=LIGHT_COLOURS[colour])
        cell.font = font(color=LIGHT_TEXT[colour], bold=colour == "red")
