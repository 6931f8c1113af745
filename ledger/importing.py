"""Importing many entries at once, all or nothing, and exporting them in the same columns.

Columns are found by their headers — the ledger's own keys, or the Chinese headers statistics
sheets use (指标名称, 1—N月累计, 本月, 单位 …), or a mapping the user gives. A target cell holds a
target id, or its Chinese or English name with full-width and half-width forms, spaces and
brackets made alike; a name that is merely close is never taken for it. Every row is checked
before anything is written, and a problem names the row.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from . import units
from .dates import month_end, parse_date
from .entries import COLUMNS as COLUMNS
from .entries import FIELDS, Entry, FieldType
from .errors import EntryError, Problem, TrackerError, suggest
from .formulas import restore
from .model import Kind, Plan, Target
from .numbers import counted
from .record import build_entry
from .sheets import Row, cell_text
from .validate import MAX_SHOWN, shorten
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


class ImportRefused(TrackerError):
    """An import refused, nothing written: ``problems`` holds every problem found, each with its
    file and row where it has them."""


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
    names headers explicitly: header → field. Raises :class:`ImportRefused` when two headers mean
    one field, a mapped header is missing, or no column names the target."""
    found: dict[str, str] = {}
    ignored: list[str] = []
    problems: list[Problem] = []
    given = {_key(h): f for h, f in mapping.items()}
    headers = list(headers)
    for wanted in given.values():
        if wanted not in COLUMNS and wanted not in IGNORE:
            problems.append(
                Problem(f"unknown field {wanted!r}", where="--map", fix=f"use one of {', '.join(COLUMNS)}, or ignore")
            )
    for h in mapping:
        if _key(h) not in {_key(x) for x in headers}:
            problems.append(
                Problem(f"the file has no column {h!r}; its columns are {', '.join(headers)}", where="--map")
            )
    for h in headers:
        field = given.get(_key(h)) or field_of(h)
        if field is None or field in IGNORE:
            ignored.append(h)
        elif field in found:
            problems.append(
                Problem(f"columns {found[field]!r} and {h!r} both give {field}", fix="map one away with --map")
            )
        else:
            found[field] = h
    if "target" not in found and not problems:
        columns = ", ".join(repr(h) for h in headers)
        problems.append(
            Problem(
                f"no column names the target (指标名称, target…); its columns are {columns}",
                fix="name it with --map 'HEADER=target'",
            )
        )
    if problems:
        raise ImportRefused(problems)
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
            raise EntryError(f"{cell!r} names {len(matches)} targets ({', '.join(matches)})", "use the target id")
        names = [t.id for t in self.plan.targets] + [t.name for t in self.plan.targets]
        hint = suggest(cell, names)
        raise EntryError(f"no target {cell!r}", f"did you mean {hint}? (write it exactly)" if hint else None)


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
    """What a sheet amounts to: the entries to record, the problems that refuse the import (each
    with its row), and notes for rows passed over (blank figures, section headings)."""

    entries: list[Entry]
    problems: list[Problem]
    skipped: list[str]
    numbers: list[int]  # the row each entry comes from
    units_given: int = 0  # how many entries took their unit from the sheet rather than their target


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
    problems: list[Problem] = []
    skipped: list[str] = []
    numbers: list[int] = []
    given = 0
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
            given += e.value is not None and cell(row, "unit") is not None
            ids.add(e.id)
            targets_of[e.id] = e.target
        except EntryError as error:
            problems.append(dataclasses.replace(error.in_sheet(), where=f"row {row.number}", row=row.number))
        except (ValueError, units.UnitError) as error:
            problems.append(Problem(str(error), where=f"row {row.number}", row=row.number))
    return Outcome(entries, problems, skipped, numbers, given)


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
        month_value = cell(row, "month_value")
        if not target.kind.numeric and status is None:
            value, status = None, value  # a milestone's status may sit in the value column
        if target.kind is Kind.INCREMENT:
            value, month_value = _increment_value(target, found.get("value"), value, month_value)
        if value is not None and value.endswith(("%", "％")) and target.unit == "%":
            value, unit = value[:-1].strip(), unit or "%"  # "5.2%" in a rate's column
        entry = build_entry(
            plan,
            target.id,
            value,
            day=day,
            recorded=when,
            unit=unit,
            status=status,
            milestone=cell(row, "milestone"),
            month_value=month_value,
            note=cell(row, "note"),
            source=cell(row, "source"),
            by=cell(row, "by") or by,
        )
        forced = (cell(row, "forced") or "").lower() in ("true", "1", "yes")
        entry = entry._replace(corrects=corrects, reason=reason, forced=forced)
    entry_id = cell(row, "id")
    if entry_id is not None:
        if not re.match(r"^[0-9A-Za-z_-]{1,40}$", entry_id):
            raise EntryError(f"id {entry_id!r} is not an entry id")
        if entry_id in ids:
            raise EntryError(f"entry {entry_id} is already in the ledger (or earlier in the file)")
        return entry._replace(id=entry_id)
    from .entries import new_id

    return entry._replace(id=new_id(ids))


def is_running_total_header(header: str) -> bool:
    """Whether a column holds year-to-date running totals: 1—7月累计, 累计值, 本年累计, 年初至今."""
    key = _key(header)
    return "累计" in key or "年初至今" in key


def _increment_value(
    target: Target, header: str | None, value: str | None, month_value: str | None
) -> tuple[str | None, None]:
    """The figure of a row for an ``increment`` target, which adds its entries up: the month's own
    figure (本月) when the row has one; a figure from a running-total column (1—N月累计) is
    refused, since adding running totals counts every month again."""
    if month_value is not None:
        return month_value, None
    if value is not None and header is not None and is_running_total_header(header):
        raise EntryError(
            f"{target.id} adds up its entries (kind increment), but {value} is under {header!r}, a running total",
            'give the month\'s own figure in the 本月 column, or make the target kind = "total" in the plan if it '
            "is published as a running total",
            target=target.id,
        )
    return value, None


def check_rows(plan: Plan, existing: list[Entry], outcome: Outcome, *, force: bool, allow_duplicates: bool) -> Outcome:
    """The meaning and duplicate checks (:mod:`ledger.meaning`) over a sheet's entries, judged
    against the ledger and the rows above them: problems name the row and the option that keeps
    the figure; entries kept with ``force`` or ``allow_duplicates`` over a finding are marked
    ``forced``. Returns the outcome with these problems and marks added."""
    from .meaning import check_new

    findings = check_new(plan, existing, outcome.entries)
    row_of = {e.id: n for e, n in zip(outcome.entries, outcome.numbers, strict=True)}
    refused = [f for f in findings if not (allow_duplicates if f.duplicate else force)]
    problems = [
        Problem(f.message, where=f"row {row_of[f.entry.id]}", row=row_of[f.entry.id], target=f.target.id)
        for f in refused
        if f.entry is not None
    ]
    fixes = []
    if any(f.duplicate for f in refused):
        fixes.append("was this file imported before? --allow-duplicates records them anyway")
    if any(not f.duplicate for f in refused):
        fixes.append("if these figures are right, import with --force")
    if problems:
        problems.append(Problem("nothing was imported", fix="; ".join(fixes)))
    kept = {f.entry.id for f in findings if f.entry is not None}
    entries = [e._replace(forced=True) if e.id in kept else e for e in outcome.entries]
    return Outcome(entries, outcome.problems + problems, outcome.skipped, outcome.numbers, outcome.units_given)


def entry_cells(e: Entry) -> dict[str, Any]:
    """An entry as export writes it: :data:`COLUMNS`, numbers as Decimal, dates as dates, a flag
    (void, forced) as ``True`` and its absence as ``None`` (an empty cell)."""
    cells = e.cells()
    for f in FIELDS:
        if f.type is FieldType.FLAG:
            cells[f.name] = True if cells[f.name] else None
    return cells


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """``--map 'HEADER=field'`` options as ``{header: field}`` (field ``ignore`` leaves a column
    out). Raises ``ValueError`` with the fix."""
    out: dict[str, str] = {}
    for pair in pairs:
        header, sep, field = pair.rpartition("=")
        if not sep or not header.strip() or not field.strip():
            raise ValueError(f"--map {pair!r}: write HEADER=FIELD, e.g. --map '1—N月累计=value'")
        if (problem := _field_problem(field.strip())) is not None:
            raise ValueError(f"--map {pair!r}: {problem}")
        out[header.strip()] = field.strip()
    return out


def _field_problem(field: str) -> str | None:
    """What is wrong with ``field`` as the field a column gives, with the fix; ``None`` if nothing."""
    if field in COLUMNS or field in IGNORE:
        return None
    hint = suggest(field, COLUMNS)
    return f"unknown field {field!r}" + (
        f"; did you mean {hint}?" if hint else f"; use one of {', '.join(COLUMNS)} or ignore"
    )


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
    pairs = {str(k).strip(): v.strip() for k, v in table.items()}
    for header, field in pairs.items():  # the same checks as --map
        if not header or not field:
            raise TrackerError(Problem(f'{header}={field!r}: write "HEADER" = "FIELD"', file=str(path)))
        if (problem := _field_problem(field)) is not None:
            raise TrackerError(Problem(f"{header + '=' + field!r}: {problem}", file=str(path)))
    return pairs


def read_source(file: str, stdin: BinaryIO) -> bytes:
    """The bytes of the sheet named ``file``, or of ``stdin`` when it is ``-``.

    Raises :class:`~ledger.errors.TrackerError` naming the file when it is missing, unreadable or
    empty.
    """
    if file == "-":
        data = stdin.read()
    else:
        try:
            data = Path(file).read_bytes()
        except FileNotFoundError:
            raise TrackerError(Problem("no such file", file=file)) from None
        except OSError as e:
            raise TrackerError(Problem(f"cannot read: {e.strerror}", file=file)) from None
    if not data.strip():
        raise TrackerError(Problem("the input is empty", file=source_name(file)))
    return data


def source_name(file: str) -> str:
    """How messages name the sheet: its file name, or ``<stdin>`` for ``-``."""
    return "<stdin>" if file == "-" else file


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did or would do.

    ``entries`` are the entries recorded (as written, ids included) or, on a dry run or when
    refused, the ones that would be; ``notes`` are lines for stderr (columns not used, rows passed
    over); ``problems`` refuse the import: when there are any, nothing was written;
    ``written`` says whether the ledger was appended to.
    """

    name: str
    entries: list[Entry]
    notes: list[str]
    problems: list[Problem]
    written: bool
    units_given: int = 0  # entries whose unit came from the sheet's unit column, not their target


Progress = Callable[[int, str], contextlib.AbstractContextManager[Callable[[], None] | None]]


def import_file(
    plan: Plan,
    ledger_path: Path,
    file: str,
    data: bytes,
    *,
    existing: list[Entry],
    recorded: datetime,
    by: str,
    fmt: str | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
    mapping: dict[str, str] | None = None,
    map_file: Path | None = None,
    default_date: date | None = None,
    allow_duplicates: bool = False,
    force: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Read the sheet ``data`` (from ``file``; ``-`` is stdin, whose format is sniffed unless
    ``fmt`` is given), check every row as ``tracker record`` would against ``plan`` and the
    ledger's ``existing`` entries, and append them all to the ledger at ``ledger_path`` unless
    ``dry_run`` or a problem refuses the import.

    ``mapping`` (``--map``) and ``map_file`` (``--map-file``; ``mapping`` wins) name columns;
    ``default_date`` is for rows without a date; ``recorded`` and ``by`` go on every entry that
    does not carry its own. Rows repeating an entry the ledger has (or a row above) are refused
    unless ``allow_duplicates``, figures the meaning checks question (:mod:`ledger.meaning`)
    unless ``force``; a row kept over a check is marked ``forced``. ``progress(total, label)`` may give a context manager yielding a
    callback called once per row.

    Raises :class:`ImportRefused` for a mapping or columns that cannot work,
    :class:`~ledger.errors.TrackerError` for a file with no rows or no figures, and
    :class:`~ledger.errors.LedgerError` when the append fails; row problems are returned in
    :attr:`ImportResult.problems`, with nothing written.
    """
    from . import sheets

    name = source_name(file)
    kind = sheets.sniff(data) if file == "-" and fmt is None else sheets.format_of(name, fmt)
    pairs = (read_mapping(map_file) if map_file is not None else {}) | (mapping or {})
    notes: list[str] = []
    if kind == "toml":
        from .store import parse_entries

        rows = [sheets.Row(e.line, entry_cells(e)) for e in parse_entries(Path(name), data, whole=False)]
        found = {c: c for c in COLUMNS}
    else:
        if kind == "xlsx":
            rows = sheets.read_xlsx(name, data, sheet, header_test(pairs))
        elif kind == "jsonl":
            rows = sheets.read_jsonl(name, sheets.decode(name, data, encoding))
        else:
            rows = sheets.read_csv(name, sheets.decode(name, data, encoding), header_test(pairs))
        found, ignored = columns(dict.fromkeys(h for r in rows for h in r.cells), pairs)
        if ignored:
            notes.append(f"{name}: columns not used: {', '.join(ignored)}")
    if not rows:
        raise TrackerError(Problem("no rows of figures under the header", file=name))
    with progress(len(rows), f"checking {name}") if progress else contextlib.nullcontext() as tick:
        outcome = rows_to_entries(
            plan, rows, found, existing=existing, default_date=default_date, recorded=recorded, by=by,
            spreadsheet=kind in ("csv", "xlsx"), progress=tick,
        )  # fmt: skip
    if outcome.skipped:
        shown = ", ".join(outcome.skipped[:8]) + (" …" if len(outcome.skipped) > 8 else "")
        notes.append(f"{name}: {counted(len(outcome.skipped), 'row')} without a figure passed over: {shown}")
    problems = _refusals(name, outcome)
    if not problems:
        outcome = check_rows(plan, existing, outcome, force=force, allow_duplicates=allow_duplicates)
        problems = _refusals(name, outcome)
    if problems:
        return ImportResult(name, outcome.entries, notes, problems, written=False)
    if not outcome.entries:
        raise TrackerError(Problem("no row has a figure", file=name, fix="nothing to import"))
    if dry_run:
        return ImportResult(name, outcome.entries, notes, [], written=False, units_given=outcome.units_given)
    from .store import append_entries
    from .validate import last_entry_check

    under_lock = lock_checks(plan, name, outcome.numbers, force=force, allow_duplicates=allow_duplicates)
    written = append_entries(ledger_path, outcome.entries, check=last_entry_check(plan), validate=under_lock)
    return ImportResult(name, written, notes, [], written=True, units_given=outcome.units_given)


def lock_checks(plan: Plan, name: str, numbers: list[int], *, force: bool, allow_duplicates: bool) -> Validation:
    """The meaning and duplicate checks of an import (:func:`check_rows`), for
    :func:`~ledger.store.append_entries` to make again under the ledger's lock on the ledger as it
    is then, so two imports of one file at the same moment cannot both pass; ``numbers`` are the
    rows of the entries, in order, and problems name the file ``name``."""

    def validate(view: LedgerView, batch: list[Entry]) -> list[Problem]:
        again = Outcome(batch, [], [], numbers)
        return _refusals(name, check_rows(plan, view.entries, again, force=force, allow_duplicates=allow_duplicates))

    return validate


def _refusals(name: str, outcome: Outcome) -> list[Problem]:
    """The problems that refuse the import, shortened to :data:`~ledger.validate.MAX_SHOWN`, each
    naming the file; the advice that closes the list (what was not imported, and the option
    that keeps the rows) is kept whole."""
    rows = [dataclasses.replace(p, file=name) for p in outcome.problems if p.row is not None]
    advice = [dataclasses.replace(p, file=name) for p in outcome.problems if p.row is None]
    if not rows and not advice:
        return []
    return [*shorten(rows, Problem(f"… and {len(rows) - MAX_SHOWN} more rows with problems", file=name)), *advice]
