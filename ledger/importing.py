"""Importing many entries at once, all or nothing, and exporting them in the same columns.

Columns are found by their headers — the ledger's own keys, or the Chinese headers statistics
sheets use (指标名称, 1—N月累计, 本月, 单位 …), or a mapping the user gives. A target cell holds a
target id, or its Chinese or English name with full-width and half-width forms, spaces and
brackets made alike; a name that is merely close is never taken for it. Every row is checked
before anything is written, and a problem names the row.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from . import units
from .dates import month_end, parse_date
from .entries import Entry, effective
from .errors import EntryError, TrackerError, suggest
from .model import Plan, Target
from .numbers import plain
from .record import build_entry
from .sheets import Row, cell_text

# The columns export writes and import reads back, in this order.
COLUMNS = ("id", "target", "date", "value", "month_value", "unit", "status", "milestone", "note", "source", "by",
           "recorded", "corrects", "void", "reason")  # fmt: skip

# Headers people write, by the field they mean (compared after normalising, see _key).
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("编号", "记录编号", "entry"),
    "target": ("指标", "指标名称", "指标id", "目标", "名称", "name", "targetid", "target_id"),
    "value": ("数值", "值", "完成值", "完成", "累计", "累计值", "1-n月累计", "本年累计", "实际完成", "figure"),
    "month_value": ("本月", "当月", "当月值", "本月值", "month"),
    "unit": ("单位",),
    "date": ("日期", "截至日期", "截止日期", "时间", "统计时间", "as_of", "asof"),
    "note": ("备注", "说明", "notes"),
    "source": ("来源", "数据来源"),
    "by": ("记录人", "填报人"),
    "status": ("状态", "进展"),
    "milestone": ("里程碑", "节点"),
    "recorded": ("记录时间",),
}
# Headers that carry the month in them: 1—6月累计, 1-12月累计值, 6月, 本月数…
_PATTERNS = (
    (re.compile(r"^(1-(\d{1,2}|n)月|本年|年初至今)?累计(值|数)?(\(.*\))?$"), "value"),
    (re.compile(r"^(本|当)?(\d{1,2}月|月)(值|数)?(\(.*\))?$"), "month_value"),
)
_BRACKETS = str.maketrans({"【": "[", "】": "]", "〔": "(", "〕": ")", "—": "-", "–": "-", "～": "-", "~": "-"})
_CN_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?$")


class ImportError_(TrackerError):
    """An import refused: every problem, one line each with its row number."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def _key(text: str) -> str:
    """Text made comparable: full-width → half-width (NFKC), no spaces, alike dashes and brackets,
    lower case. ``（工业 总产值）`` and ``(工业总产值)`` compare equal."""
    text = unicodedata.normalize("NFKC", text).translate(_BRACKETS)
    return re.sub(r"\s+", "", text).lower()


def columns(headers: Iterable[str], mapping: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """``({field: header}, [headers ignored])`` for a file's headers. ``mapping`` (from --map)
    names headers explicitly: header → field. Raises :class:`ImportError_` when two headers mean
    one field, a mapped header is missing, or no column names the target."""
    found: dict[str, str] = {}
    ignored: list[str] = []
    problems: list[str] = []
    given = {_key(h): f for h, f in mapping.items()}
    headers = list(headers)
    for wanted in given.values():
        if wanted not in COLUMNS:
            problems.append(f"--map: unknown field {wanted!r}; use one of {', '.join(COLUMNS)}")
    for h in mapping:
        if _key(h) not in {_key(x) for x in headers}:
            problems.append(f"--map: the file has no column {h!r}; its columns are {', '.join(headers)}")
    lookup = {_key(f): f for f in COLUMNS} | {_key(a): f for f, aliases in ALIASES.items() for a in aliases}
    for h in headers:
        key = _key(h)
        field = given.get(key) or lookup.get(key) or next((f for p, f in _PATTERNS if p.match(key)), None)
        if field is None:
            ignored.append(h)
        elif field in found:
            problems.append(f"columns {found[field]!r} and {h!r} both give {field}; map one away with --map")
        else:
            found[field] = h
    if "target" not in found and not problems:
        problems.append(
            "no column names the target (指标名称, target…); its columns are "
            + ", ".join(repr(h) for h in headers)
            + "; name it with --map 'HEADER=target'"
        )
    if problems:
        raise ImportError_(problems)
    return found, ignored


@dataclass(frozen=True, slots=True)
class Resolver:
    """Finds the target a cell names: its id, or its name or English name made alike."""

    plan: Plan

    def __call__(self, cell: str) -> Target:
        if cell in self.plan._by_id:
            return self.plan._by_id[cell]
        key = _key(cell)
        matches = {t.id: t for t in self.plan.targets if key in (_key(t.id), _key(t.name), _key(t.name_en or ""))}
        if len(matches) == 1:
            return next(iter(matches.values()))
        if len(matches) > 1:
            raise EntryError(f"{cell!r} names {len(matches)} targets ({', '.join(matches)}); use the target id")
        names = [t.id for t in self.plan.targets] + [t.name for t in self.plan.targets]
        hint = suggest(cell, names)
        raise EntryError(f"no target {cell!r}" + (f"; did you mean {hint}? (write it exactly)" if hint else ""))


def sheet_date(value: Any, default: date | None) -> date:
    """A date cell: an Excel date, ``2025-03-31``, ``2025-03``, ``2025Q1``, ``2025/3/31`` or
    ``2025年3月``; empty means ``default`` (``--date``). Raises ``ValueError``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    if text is None:
        if default is None:
            raise ValueError("no date; add a date column or give --date 2025-03")
        return default
    if m := _CN_DATE.match(text):
        year, month, day = int(m.group(1)), int(m.group(2)), m.group(3)
        return date(year, month, int(day)) if day else month_end(year, month)
    return parse_date(re.sub(r"[/.]", "-", text) if re.match(r"^\d{4}[/.]\d{1,2}([/.]\d{1,2})?$", text) else text)


def rows_to_entries(
    plan: Plan,
    rows: list[Row],
    found: dict[str, str],
    *,
    default_date: date | None,
    recorded: datetime,
    by: str,
    taken: set[str],
    progress: Callable[[], None] | None = None,
) -> tuple[list[Entry], list[str]]:
    """Entries for ``rows`` and the problems found (``row N: …``), each row checked as
    ``tracker record`` would check it. Columns exported by ``tracker export`` (id, recorded,
    corrects, void, reason) are kept, so that an export imports back as it was."""
    resolve = Resolver(plan)
    entries: list[Entry] = []
    problems: list[str] = []
    ids = set(taken)

    def cell(row: Row, field: str) -> str | None:
        header = found.get(field)
        text = cell_text(row.cells.get(header)) if header else None
        if text and text[0] == "'" and text[1:2] in ("=", "+", "-", "@", "\t", "\r"):
            text = text[1:]  # the apostrophe export puts before formula-like text, taken off again
        return text

    for row in rows:
        if progress:
            progress()
        try:
            entries.append(_entry(plan, row, cell, found, resolve, default_date, recorded, by, ids))
            ids.add(entries[-1].id)
        except (EntryError, ValueError, units.UnitError) as e:
            problems.append(f"row {row.number}: {e}")
    return entries, problems


def _entry(
    plan: Plan,
    row: Row,
    cell: Callable[[Row, str], str | None],
    found: dict[str, str],
    resolve: Resolver,
    default_date: date | None,
    recorded: datetime,
    by: str,
    ids: set[str],
) -> Entry:
    name = cell(row, "target")
    if name is None:
        raise EntryError("no target")
    target = resolve(name)
    day = sheet_date(row.cells.get(found["date"]) if "date" in found else None, default_date)
    when = recorded
    if (text := cell(row, "recorded")) is not None:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
        if when.tzinfo is None:
            raise EntryError(f"recorded {text!r} has no UTC offset")
    void = (cell(row, "void") or "").lower() in ("true", "1", "yes")
    corrects = cell(row, "corrects")
    if void:
        if corrects is None:
            raise EntryError("a void row must name the entry it withdraws in corrects")
        entry = Entry(
            "", target.id, day, when, corrects=corrects, void=True, reason=cell(row, "reason"), by=cell(row, "by") or by
        )
    else:
        value, status = cell(row, "value"), cell(row, "status")
        if not target.kind.numeric and status is None:
            value, status = None, value  # a milestone's status may sit in the value column
        entry = build_entry(
            plan,
            target.id,
            value,
            day=day,
            recorded=when,
            unit=cell(row, "unit"),
            status=status,
            milestone=cell(row, "milestone"),
            month_value=cell(row, "month_value"),
            note=cell(row, "note"),
            source=cell(row, "source"),
            by=cell(row, "by") or by,
        )._replace(corrects=corrects, reason=cell(row, "reason"))
    entry_id = cell(row, "id")
    if entry_id is not None:
        if not re.match(r"^[0-9A-Za-z_-]{1,40}$", entry_id):
            raise EntryError(f"id {entry_id!r} is not an entry id")
        if entry_id in ids:
            raise EntryError(f"entry {entry_id} is already in the ledger (or earlier in the file)")
        return entry._replace(id=entry_id)
    from .entries import new_id

    return entry._replace(id=new_id(ids))


def fingerprint(e: Entry) -> tuple[Any, ...]:
    """What makes two entries report the same thing: target, date, figure in its unit, status."""
    value = e.value
    if value is not None and e.unit is not None:
        value = units.convert(value, e.unit, units.canonical(e.unit))
    return (e.target, e.date, value.normalize() if value is not None else None, e.unit, e.status, e.milestone)


def duplicates(existing: list[Entry], new: list[Entry], rows: list[Row]) -> list[str]:
    """Rows that repeat an entry the ledger already has (the same file imported twice)."""
    have = {fingerprint(e) for e in effective(existing)}
    return [
        f"row {row.number}: {e.target} {plain(e.value) if e.value is not None else e.status} as of {e.date} "
        "is already in the ledger"
        for e, row in zip(new, rows, strict=False)
        if not e.void and fingerprint(e) in have
    ]


def entry_cells(e: Entry) -> dict[str, Any]:
    """An entry as export writes it: :data:`COLUMNS`, numbers as Decimal, dates as dates."""
    return {
        "id": e.id,
        "target": e.target,
        "date": e.date,
        "value": e.value,
        "month_value": e.month_value,
        "unit": e.unit,
        "status": e.status.value if e.status else None,
        "milestone": e.milestone,
        "note": e.note,
        "source": e.source,
        "by": e.by,
        "recorded": e.recorded,
        "corrects": e.corrects,
        "void": True if e.void else None,
        "reason": e.reason,
    }


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """``--map 'HEADER=field'`` options as ``{header: field}``. Raises ``ValueError``."""
    out: dict[str, str] = {}
    for pair in pairs:
        header, sep, field = pair.rpartition("=")
        if not sep or not header.strip() or not field.strip():
            raise ValueError(f"--map {pair!r}: write HEADER=FIELD, e.g. --map '1—N月累计=value'")
        out[header.strip()] = field.strip()
    return out
