"""Importing many entries at once, all or nothing, and exporting them in the same columns.

Columns are found by their headers — the ledger's own keys, or the Chinese headers statistics
sheets use (指标名称, 1—N月累计, 本月, 单位 …), or a mapping the user gives. A target cell holds a
target id, or its Chinese or English name with full-width and half-width forms, spaces and
brackets made alike; a name that is merely close is never taken for it. Every row is checked
before anything is written, and a problem names the row.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from . import units
from .dates import month_end, parse_date
from .entries import COLUMNS as COLUMNS
from .entries import FIELDS, Entry
from .errors import EntryError, TrackerError, suggest
from .formulas import restore
from .model import Plan, Target
from .numbers import plain
from .record import build_entry
from .sheets import Row, cell_text
from .view import LedgerView, Validation

# Headers people write, by the field they mean (compared after normalising, see _key).
ALIASES: dict[str, tuple[str, ...]] = {f.name: f.headers for f in FIELDS if f.headers}
# Headers that carry the month in them: 1—6月累计, 1-12月累计值, 6月, 本月数…
_PATTERNS = (
    (re.compile(r"^(1-(\d{1,2}|n)月|本年|年初至今)?累计(值|数)?(\(.*\))?$"), "value"),
    (re.compile(r"^(本|当)?(\d{1,2}月|月)(值|数)?(\(.*\))?$"), "month_value"),
)
_BRACKETS = str.maketrans({"【": "[", "】": "]", "〔": "(", "〕": ")", "—": "-", "–": "-", "～": "-", "~": "-"})
_SLASH_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00)?)?$")
_SLASH_MONTH = re.compile(r"^(\d{4})[/.](\d{1,2})$")
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


IGNORE = ("ignore", "-")  # --map 'HEADER=ignore' leaves a column out
_LOOKUP = {_key(f): f for f in COLUMNS} | {_key(a): f for f, aliases in ALIASES.items() for a in aliases}


def field_of(header: str) -> str | None:
    """The field a header means by itself (without --map), or ``None``."""
    key = _key(header)
    return _LOOKUP.get(key) or next((f for p, f in _PATTERNS if p.match(key)), None)


def header_test(mapping: dict[str, str]) -> Callable[[list[str]], bool]:
    """Whether a row is the header: it has a cell naming the target column."""
    mapped = {_key(h) for h, f in mapping.items() if f == "target"}
    return lambda cells: any(_key(c) in mapped or field_of(c) == "target" for c in cells if c)


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
        if wanted not in COLUMNS and wanted not in IGNORE:
            problems.append(f"--map: unknown field {wanted!r}; use one of {', '.join(COLUMNS)}, or ignore")
    for h in mapping:
        if _key(h) not in {_key(x) for x in headers}:
            problems.append(f"--map: the file has no column {h!r}; its columns are {', '.join(headers)}")
    for h in headers:
        field = given.get(_key(h)) or field_of(h)
        if field is None or field in IGNORE:
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


class Resolver:
    """Finds the target a cell names: its id, or its name or English name made alike."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.keys: dict[str, set[str]] = {}
        for t in plan.targets:
            for text in (t.id, t.name, t.name_en or ""):
                if text:
                    self.keys.setdefault(_key(text), set()).add(t.id)

    def __call__(self, cell: str) -> Target:
        if (exact := self.plan.find(cell)) is not None:
            return exact
        matches = sorted(self.keys.get(_key(cell), ()))
        if len(matches) == 1:
            return self.plan.target(matches[0])
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
    try:
        if m := _CN_DATE.match(text):
            year, month, day = int(m.group(1)), int(m.group(2)), m.group(3)
            return date(year, month, int(day)) if day else month_end(year, month)
        if m := _SLASH_DATE.match(text):  # 2025/6/30, 2025-6-30, 2025.06.30, with a time of day or not
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _SLASH_MONTH.match(text):  # 2025/6, 2025.06
            return month_end(int(m.group(1)), int(m.group(2)))
    except ValueError:
        pass
    else:
        return parse_date(text)
    raise ValueError(f"{text!r} is not a date; use 2025-06-30, 2025/6/30, 2025-06, 2025Q2 or 2025年6月")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a sheet amounts to: the entries to record, the problems that refuse the import
    (``row N: …``), and notes for rows passed over (blank figures, section headings)."""

    entries: list[Entry]
    problems: list[str]
    skipped: list[str]
    numbers: list[int]  # the row each entry comes from


def rows_to_entries(
    plan: Plan,
    rows: list[Row],
    found: dict[str, str],
    *,
    existing: list[Entry],
    default_date: date | None,
    recorded: datetime,
    by: str,
    spreadsheet: bool,
    progress: Callable[[], None] | None = None,
) -> Outcome:
    """Entries for ``rows``, each checked as ``tracker record`` would check it. Columns written
    by ``tracker export`` (id, recorded, corrects, void, reason) are kept, so an export imports
    back as it was; a correction must name an entry of the same target that is not corrected
    already. ``spreadsheet`` (CSV, XLSX) takes off the apostrophe that guards formula-like text."""
    resolve = Resolver(plan)
    entries: list[Entry] = []
    problems: list[str] = []
    skipped: list[str] = []
    numbers: list[int] = []
    ids = {e.id for e in existing}
    targets_of = {e.id: e.target for e in existing}
    corrected = {e.corrects for e in existing if e.corrects}

    def cell(row: Row, field: str) -> str | None:
        header = found.get(field)
        text = cell_text(row.cells.get(header)) if header else None
        if spreadsheet and text:
            text = restore(text)  # the apostrophe export puts before formula-like text, taken off again
        return text

    for row in rows:
        if progress:
            progress()
        if all(cell(row, f) is None for f in ("value", "status", "month_value", "void")):
            what = cell(row, "target") or ""
            skipped.append(f"row {row.number}" + (f" ({what})" if what else ""))
            continue  # a section heading, or a target with no figure this month
        try:
            e = _entry(plan, row, cell, found, resolve, default_date, recorded, by, ids)
            if e.corrects is not None:
                if e.corrects not in targets_of:
                    raise EntryError(f"corrects {e.corrects!r}, which is neither in the ledger nor earlier in the file")
                if targets_of[e.corrects] != e.target:
                    raise EntryError(
                        f"corrects {e.corrects!r}, an entry of {targets_of[e.corrects]!r}, not {e.target!r}"
                    )
                if e.corrects in corrected:
                    raise EntryError(f"{e.corrects!r} is corrected already; correct the latest entry of its chain")
                corrected.add(e.corrects)
            entries.append(e)
            numbers.append(row.number)
            ids.add(e.id)
            targets_of[e.id] = e.target
        except (EntryError, ValueError, units.UnitError) as error:
            problems.append(f"row {row.number}: {error}")
    return Outcome(entries, problems, skipped, numbers)


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
        raise EntryError("no target: fill in the target's name or id")
    target = resolve(name)
    day = sheet_date(row.cells.get(found["date"]) if "date" in found else None, default_date)
    when = recorded
    if (text := cell(row, "recorded")) is not None:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
        if when.tzinfo is None:
            raise EntryError(f"recorded {text!r} has no UTC offset")
    void = (cell(row, "void") or "").lower() in ("true", "1", "yes")
    corrects = cell(row, "corrects")
    reason = cell(row, "reason")
    if corrects is not None and reason is None:
        raise EntryError(f"a correction of {corrects} needs a reason")
    if void:
        if corrects is None:
            raise EntryError("a void row must name the entry it withdraws in corrects")
        entry = Entry("", target.id, day, when, corrects=corrects, void=True, reason=reason, by=cell(row, "by") or by)
    else:
        value, status, unit = cell(row, "value"), cell(row, "status"), cell(row, "unit")
        if not target.kind.numeric and status is None:
            value, status = None, value  # a milestone's status may sit in the value column
        if value is not None and value.endswith(("%", "％")) and target.unit == "%":
            value, unit = value[:-1].strip(), unit or "%"  # "5.2%" in a rate's column
        try:
            entry = build_entry(
                plan,
                target.id,
                value,
                day=day,
                recorded=when,
                unit=unit,
                status=status,
                milestone=cell(row, "milestone"),
                month_value=cell(row, "month_value"),
                note=cell(row, "note"),
                source=cell(row, "source"),
                by=cell(row, "by") or by,
            )
        except EntryError as error:
            # record's advice names its own options; in a sheet the fix is in a column
            raise EntryError(str(error).split("; give the date")[0].split(", e.g. `tracker record")[0]) from None
        entry = entry._replace(corrects=corrects, reason=reason)
    entry_id = cell(row, "id")
    if entry_id is not None:
        if not re.match(r"^[0-9A-Za-z_-]{1,40}$", entry_id):
            raise EntryError(f"id {entry_id!r} is not an entry id")
        if entry_id in ids:
            raise EntryError(f"entry {entry_id} is already in the ledger (or earlier in the file)")
        return entry._replace(id=entry_id)
    from .entries import new_id

    return entry._replace(id=new_id(ids))


def fingerprint(plan: Plan, e: Entry) -> tuple[Any, ...]:
    """What makes two entries report the same thing: target, date, the figure in the target's
    unit (35000 平方米 is 3.5 万平方米), status and milestone."""
    value = e.value
    target = plan.find(e.target)
    if value is not None and e.unit is not None and target is not None and target.unit is not None:
        with contextlib.suppress(units.UnitError):
            value = units.convert(value, e.unit, target.unit)
    return (e.target, e.date, value.normalize() if value is not None else None, e.status, e.milestone)


def duplicates(plan: Plan, existing: list[Entry], outcome: Outcome) -> list[str]:
    """Rows that repeat an entry the ledger has or had (a correction does not make the old
    figure new again): the same file imported twice."""
    have = {fingerprint(plan, e) for e in existing if not e.void}
    return [
        f"row {n}: {e.target} {plain(e.value) if e.value is not None else e.status} as of {e.date} is already in the ledger"
        for e, n in zip(outcome.entries, outcome.numbers, strict=True)
        if not e.void and e.corrects is None and fingerprint(plan, e) in have
    ]


def refuse_duplicates(plan: Plan, numbers: list[int], name: str) -> Validation:
    """The duplicate rule of an import, decided under the ledger's lock on what is in the file
    then (so two imports of one file at the same moment cannot both pass): a rule for
    :func:`~ledger.store.append_entries` whose problems name ``name``'s rows (``numbers``, in
    the order of the batch) and end with the way out, ``--allow-duplicates``."""

    def validate(view: LedgerView, batch: list[Entry]) -> list[str]:
        found = duplicates(plan, view.entries, Outcome(batch, [], [], numbers))
        if not found:
            return []
        shown = found[:20] + ([f"… and {len(found) - 20} more"] if len(found) > 20 else [])
        hint = "nothing was imported; was this file imported before? --allow-duplicates records them anyway"
        return [f"{name}: {p}" for p in [*shown, hint]]

    return validate


def entry_cells(e: Entry) -> dict[str, Any]:
    """An entry as export writes it: :data:`COLUMNS`, numbers as Decimal, dates as dates, a void
    flag as ``True`` and its absence as ``None`` (an empty cell)."""
    cells = e.cells()
    cells["void"] = True if e.void else None
    return cells


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """``--map 'HEADER=field'`` options as ``{header: field}`` (field ``ignore`` leaves a column
    out). Raises ``ValueError`` with the fix."""
    out: dict[str, str] = {}
    for pair in pairs:
        header, sep, field = pair.rpartition("=")
        if not sep or not header.strip() or not field.strip():
            raise ValueError(f"--map {pair!r}: write HEADER=FIELD, e.g. --map '1—N月累计=value'")
        if field.strip() not in COLUMNS and field.strip() not in IGNORE:
            hint = suggest(field.strip(), COLUMNS)
            raise ValueError(
                f"--map {pair!r}: unknown field {field.strip()!r}"
                + (f"; did you mean {hint}?" if hint else f"; use one of {', '.join(COLUMNS)} or ignore")
            )
        out[header.strip()] = field.strip()
    return out


def read_mapping(path: Path) -> dict[str, str]:
    """A mapping file (``--map-file``): a TOML ``[map]`` table of ``"HEADER" = "field"`` pairs.

    Raises :class:`~ledger.errors.TrackerError` naming the file, with the form it should take.
    """
    import tomllib

    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as e:
        raise TrackerError(f"{path}: cannot read the mapping: {e.strerror}") from None
    except RecursionError:
        raise TrackerError(
            f'{path}: nested too deeply to be a mapping; write [map] and lines such as "指标名称" = "target"'
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise TrackerError(
            f'{path}: not a TOML mapping ({e}); write [map] and lines such as "指标名称" = "target"'
        ) from None
    table = raw.get("map")
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise TrackerError(f'{path}: write the mapping as a [map] table: "指标名称" = "target"')
    pairs = {str(k): v for k, v in table.items()}
    try:
        parse_mapping([f"{k}={v}" for k, v in pairs.items()])  # the same checks as --map
    except ValueError as e:
        raise TrackerError(f"{path}: {str(e).replace('--map ', '', 1)}") from None
    return pairs
