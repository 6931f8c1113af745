"""The department's monthly sheet as a workbook or CSV (``tracker sheet``).

Columns: what the target is, what to enter, its unit and goal, the last figure recorded and
its date, then the cells to fill — the figure (完成值), the month's own figure (本月) for a
running total, a milestone's status from a drop-down list, the as-of date (filled in), a note
and a source. The target and milestone ids sit in hidden columns, and the header row uses
column names ``tracker import`` reads, so a returned workbook imports as it is, with no ``--map``.
openpyxl is imported only when a workbook is written.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..dates import month_end
from ..department_sheet import SheetRow, sheet_rows
from ..entries import Entry
from ..model import Kind, MilestoneStatus, Plan, Target
from ..schedule import a_whole_year
from ..sheet_asks import ASK_HEADERS, asked
from .labels import MILESTONE, say
from .xlsx import as_text, number_format

# Column keys in sheet order, their headers in each language. The headers of the columns a
# department fills are ones `tracker import` knows (ledger.column_kinds.field_of), so no --map is
# needed; the others are headers it passes over — so none may read as a field: not 全年目标,
# which a reader of bureau sheets takes for "目标" (the target's name) of the whole year.
COLUMNS = ("name", "ask", "unit", "goal", "last", "last_date", "value", "month_value", "status", "date", "note",
           "source", "target", "milestone")  # fmt: skip
HEADERS = {
    "zh": {"name": "指标/任务", "ask": ASK_HEADERS[0], "unit": "单位", "goal": "年度目标", "last": "上次填报",
           "last_date": "上次截至", "value": "完成值", "month_value": "本月", "status": "状态", "date": "截至日期",
           "note": "备注", "source": "来源", "target": "target", "milestone": "milestone"},
    "en": {"name": "Target / task", "ask": ASK_HEADERS[1], "unit": "unit", "goal": "Goal", "last": "Last figure",
           "last_date": "Last as of", "value": "value", "month_value": "month_value", "status": "status",
           "date": "date", "note": "note", "source": "source", "target": "target", "milestone": "milestone"},
}  # fmt: skip
# A plan longer than a year asks for figures against the whole plan's goal (a three-year plan's
# 360 亿元), never headed as the year's.
PLAN_GOAL = {"zh": "计划目标", "en": "Goal"}
INPUT = ("unit", "value", "month_value", "status", "date", "note", "source")  # the cells a department fills
HIDDEN = ("target", "milestone")
NOTES = {"zh": ("快报数", "核实数", "预计数", "与上月持平"), "en": ("flash estimate", "verified", "estimate")}


def _cells(row: SheetRow, month: date, lang: str, start: date) -> dict[str, Any]:
    t = row.target
    label = t.name if lang == "zh" or not t.name_en else t.name_en
    if row.milestone is not None:
        label += ("：" if lang == "zh" else ": ") + row.milestone.name
    last: Any = row.last
    if isinstance(last, MilestoneStatus):
        last = MILESTONE[lang][last]
    return {
        "name": label,
        "ask": asked(t, month, lang, start),
        "unit": t.unit if t.kind.numeric else None,
        "goal": t.target,
        "last": last,
        "last_date": row.last_date,
        "value": None,
        "month_value": None,
        "status": None,
        "date": min(month, row.target.due),  # a target is judged on its due: no figure after it
        "note": None,
        "source": None,
        "target": t.id,
        "milestone": row.milestone.id if row.milestone else None,
    }


def title(plan: Plan, owner: str | None, month: date, lang: str) -> str:
    """The sheet's title line."""
    plan_name = plan.name if lang == "zh" or not plan.name_en else plan.name_en
    who = owner or ""
    if lang == "zh":
        return f"{plan_name} {who} {month.year}年{month.month}月指标填报表".replace("  ", " ")
    return f"{plan_name}: {who} figures for {month:%B %Y}".replace(":  ", ": ")


def headers(plan: Plan, lang: str) -> dict[str, str]:
    """The sheet's column headers in ``lang`` for ``plan``: the goal is 年度目标 in a plan of a
    year, 计划目标 in a shorter or longer one (its goal is the whole plan's, not a year's)."""
    if a_whole_year(plan.start, plan.end):
        return HEADERS[lang]
    return HEADERS[lang] | {"goal": PLAN_GOAL[lang]}


def department_csv(plan: Plan, rows: Sequence[SheetRow], month: date, lang: str) -> str:
    """The sheet as CSV text: the header row first (ids visible, as CSV cannot hide them),
    numbers as numbers, text guarded as :func:`~ledger.formulas.for_csv` guards it (an id such
    as ``2025-06`` would reach Excel as a date; import takes the apostrophe off again), CRLF
    line ends as Excel writes them. The plan's start is where its running totals count from
    (what a total's row asks for)."""
    from ..formulas import for_csv
    from ..numbers import plain

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    heads = headers(plan, lang)
    writer.writerow([heads[c] for c in COLUMNS])
    for row in rows:
        cells = _cells(row, month, lang, plan.start)
        writer.writerow(
            [
                plain(v)
                if isinstance(v, Decimal)
                else v.isoformat()
                if isinstance(v, date)
                else ""
                if v is None
                else for_csv(str(v))
                for v in (cells[c] for c in COLUMNS)
            ]
        )
    return out.getvalue()


def department_xlsx(plan: Plan, rows: Sequence[SheetRow], owner: str | None, month: date, lang: str) -> bytes:
    """The sheet as an .xlsx workbook's bytes: a title line, the header (protected, like every
    cell but those to fill), drop-down lists for status, note and source, hidden id columns,
    and a second sheet of instructions. The data sheet is first and active, so it is the one
    an importer reads."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    month = month_end(month.year, month.month)
    heads = headers(plan, lang)
    letter = {c: get_column_letter(i) for i, c in enumerate(COLUMNS, 1)}
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = (owner or ("填报" if lang == "zh" else "Figures"))[:31].translate(str.maketrans("[]:*?/\\", "_______"))
    ws["A1"] = title(plan, owner, month, lang)
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    ws.append([heads[c] for c in COLUMNS])
    header_row = 3
    grey, fill_in = PatternFill("solid", fgColor="F2F2F2"), PatternFill("solid", fgColor="FFF9DB")
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D9E1F2")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    first = header_row + 1
    for row in rows:
        cells = _cells(row, month, lang, plan.start)
        ws.append([float(v) if isinstance(v, Decimal) and v != int(v) else int(v) if isinstance(v, Decimal) else v
                   for v in (cells[c] for c in COLUMNS)])  # fmt: skip
        n = ws.max_row
        as_text(ws[n])
        kind = row.target.kind
        for c in COLUMNS:
            cell = ws[f"{letter[c]}{n}"]
            open_ = c in INPUT and _applies(c, kind)
            cell.protection = Protection(locked=not open_)
            cell.fill = fill_in if open_ else grey
            if c in ("goal", "last") and isinstance(cell.value, int | float):
                shown = row.target.target if c == "goal" else row.last
                cell.number_format = number_format(shown if isinstance(shown, Decimal) else None, None)
                if c == "goal" and row.target.due < plan.end:  # under 年度目标, the goal of its own due
                    note = say(lang, "forecast_by_due", figure="", due=row.target.due.isoformat())
                    cell.number_format += f'"{note}"'
            if c in ("date", "last_date") and cell.value is not None:
                cell.number_format = "yyyy-mm-dd"
            if c == "name":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    last = ws.max_row
    if last >= first:
        statuses = [MILESTONE[lang][s] for s in MilestoneStatus]
        _list(ws, DataValidation, statuses, f"{letter['status']}{first}:{letter['status']}{last}", strict=True)
        _list(ws, DataValidation, list(NOTES[lang]), f"{letter['note']}{first}:{letter['note']}{last}", strict=False)
        sources = list(
            dict.fromkeys([*(r.target.source for r in rows if r.target.source), *([owner] if owner else [])])
        )
        if sources:
            _list(ws, DataValidation, sources, f"{letter['source']}{first}:{letter['source']}{last}", strict=False)
    widths = {"name": 36, "ask": 16, "unit": 9, "goal": 11, "last": 11, "last_date": 11, "value": 12,
              "month_value": 11, "status": 10, "date": 11, "note": 16, "source": 16, "target": 4, "milestone": 4}  # fmt: skip
    for c in COLUMNS:
        ws.column_dimensions[letter[c]].width = widths[c]
        ws.column_dimensions[letter[c]].hidden = c in HIDDEN
    ws.freeze_panes = f"B{first}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = f"{header_row}:{header_row}"
    # The header and what the plan says are protected; the cells to fill are not. No password:
    # protection guards against slips, and a password would make the workbook unreadable to tools.
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    _instructions(book, plan, owner, month, lang)
    book.active = 0
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _applies(column: str, kind: Kind) -> bool:
    """Whether a department fills ``column`` for a target of ``kind``."""
    if column == "status":
        return kind is Kind.MILESTONE
    if column in ("value", "unit"):
        return kind.numeric
    if column == "month_value":
        return kind is Kind.TOTAL
    return True


def _list(ws: Any, validation: Any, choices: list[str], cells: str, strict: bool) -> None:
    """A drop-down list on ``cells``; ``strict`` refuses other text, else any text is taken."""
    usable = [c for c in choices if "," not in c and '"' not in c]
    text = ",".join(usable)
    if not usable or len(text) > 250:  # Excel's limit for an inline list is 255 characters
        return
    dv = validation(type="list", formula1=f'"{text}"', allow_blank=True, showErrorMessage=strict)
    dv.add(cells)
    ws.add_data_validation(dv)


def _instructions(book: Any, plan: Plan, owner: str | None, month: date, lang: str) -> None:
    ws = book.create_sheet("填报说明" if lang == "zh" else "How to fill")
    if lang == "zh":
        lines = [
            title(plan, owner, month, lang),
            "",
            "1. 在黄色单元格填写：完成值（按“填报口径”），累计指标可另填本月数；任务类指标在“状态”下拉选择。",
            "2. 单位与表中不同时，请改写“单位”单元格（如 万元），导入时自动换算。",
            f"3. 截至日期已按本月月末填好；数据截至本月其他日期的，请改写为该日期（如 {month:%Y-%m}-15），"
            "导入时按所写日期记录；其他月份的数据请用该月的填报表，日期不在本月的行导入时退回。",
            "4. 无数据的行留空即可，导入时跳过。请勿改动灰色单元格和隐藏列。",
            "5. 填好后原样发回，由规划办用 tracker import 导入。",
        ]
    else:
        lines = [
            title(plan, owner, month, lang),
            "",
            "1. Fill the yellow cells: the figure as 'What to enter' says; for running totals also the month's own"
            " figure; for tasks pick the status from the list.",
            "2. If your figure is in another unit (e.g. 万元), change the unit cell: it is converted on import.",
            "3. The as-of date is filled with the month's end; if your figure is as of another day of the month,"
            f" write that day over it (e.g. {month:%Y-%m}-15): it is recorded as written. A figure for another month"
            " goes on that month's sheet: a row dated outside this month is refused on import.",
            "4. Leave rows without a figure empty: they are passed over. Do not change grey cells or hidden columns.",
            "5. Send the workbook back as it is; the planning office reads it with `tracker import`.",
        ]
    for line in lines:
        ws.append([line])
    ws.column_dimensions["A"].width = 110


def write_sheets(
    plan: Plan,
    entries: Sequence[Entry],
    files: Sequence[tuple[str | None, Path]],
    targets: Sequence[Target],
    month: date,
    fmt: str,
    lang: str,
    overwrite: bool = False,
) -> Iterator[tuple[Path, int, bool]]:
    """Write each sheet for ``month`` to its file, whole or not at all (``fmt`` "xlsx" or "csv"):
    an owner's holds that owner's ``targets``, a sheet of owner None every one of ``targets``.
    Yields each file, its number of rows and whether it replaced a file there. A folder named
    for the files is made. Raises :class:`~ledger.errors.TrackerError`, naming the file, when it
    or its folder cannot be written; and, before any is written, naming them, when any of the
    files is there already and not ``overwrite``: a sheet may come back filled in under the name
    it was sent with, and writing over it would lose what a unit entered."""
    from ..atomic import refuse_device, write_atomic, write_atomic_bytes
    from ..errors import Problem, TrackerError

    for _, path in files:  # -o /dev/null is told it is no file, not that it is there already
        refuse_device(path)
    there = [path for _, path in files if path.exists()]
    if there and not overwrite:
        names = ", ".join(str(p) for p in there)
        them = "it" if len(there) == 1 else "them"
        fix = f"give another -o (a file, or a folder ending in /), or --overwrite to replace {them}"
        message = "already there (a sheet filled in and returned may be in it); nothing was written"
        raise TrackerError(Problem(message, file=names, fix=fix))
    for owner, path in files:
        rows = sheet_rows(plan, entries, [t for t in targets if owner is None or t.owner == owner], month)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise TrackerError(f"{path}: cannot make its folder {path.parent}: {e.strerror}; fix --output") from None
        if fmt == "csv":
            write_atomic(path, department_csv(plan, rows, month, lang), bom=True)
        else:
            write_atomic_bytes(path, department_xlsx(plan, rows, owner, month, lang))
        yield path, len(rows), path in there
