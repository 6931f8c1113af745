"""Importing many entries at once, all or nothing.

A sheet is read as offices publish it (:mod:`ledger.sheets` reads the cells, :mod:`ledger.layout`
finds the table and what each column means); this module turns its rows into entries. A target
cell holds a target id, its Chinese or English name, one of its ``aliases`` or a milestone's name,
with full-width and half-width forms, spaces and brackets made alike; a name that is merely close
is never taken for it. Every row is checked before anything is written, and a problem names the
row (and column) as Excel numbers it.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from dataclasses import field as default
from datetime import date, datetime
from difflib import get_close_matches
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from .entries import COLUMNS as COLUMNS
from .entries import Entry
from .errors import ImportRefused, Problem, TrackerError, suggest, toml_problem
from .layout import BESIDE_MONTH, CHANGE, IGNORE, MONTHS_GROWTH, SHEET_FIELDS, NoHeader, NoRows, Table, is_change
from .layout import field_of as field_of
from .model import Kind, Plan
from .names import key
from .numbers import counted, plain
from .patterns import LazyPattern
from .quick_rows import _UNIT_COUNT
from .readings import Outcome, Reading
from .regular import NotRegularFile, read_regular, refuse_special
from .row_targets import _titled, one_target
from .sheet_dates import _check_date_against_headers, _dates_against_sheet, _header_year, _month_without_year
from .sheets import Grid, Source
from .table_rows import (
    _carrier_column,
    _carrier_notes,
    _carrier_rows,
    _not_understood_fix,
    _one_part_mapped,
    _with_ledger,
    rows_to_entries,
)
from .validate import MAX_SHOWN, shorten
from .view import AppendRefused, LedgerView, Validation

if TYPE_CHECKING:
    from .meaning import Finding  # imported where used: meaning is loaded only by appends
    from .resent import Resent


def _figure(e: Entry) -> str:
    """An entry's figure as typed, with its unit (``766 亿元``, ``5.7%``), or its status."""
    if e.value is None:
        return str(e.status)
    return plain(e.value) + ("%" if e.unit == "%" else f" {e.unit or ''}".rstrip())


def _passed_over(
    name: str, outcome: Outcome, again: Resent, notes: list[str], readings: Callable[[], list[Reading]]
) -> Outcome:
    """``outcome`` without the entries of a corrected sheet that the ledger holds already
    (``again``, :func:`ledger.resent.resent`), a note for them (and for each reading the sheet
    revises) added to ``notes``; the counts of units are those of the entries left, from
    ``readings()`` (how each entry of the sheet was read, in order) when the outcome has none."""
    row_of = dict(zip((e.id for e in outcome.entries), outcome.numbers, strict=True))
    rows = sorted({row_of[i] for i in again.passed})
    ids = ", ".join(dict.fromkeys(e.id for e in again.passed.values()))
    said = f"row {rows[0]}" if len(rows) == 1 else f"rows {', '.join(map(str, rows))}"
    notes.append(
        f"{name}: {said} passed over: the same figures are in the ledger already (entr{'y' if len(again.passed) == 1 else 'ies'} "
        f"{ids}), from the earlier sheet this one corrects"
    )
    for entry_id, old in again.revised.items():
        e = next(x for x in outcome.entries if x.id == entry_id)
        notes.append(
            f"{name}: row {row_of[entry_id]}: {e.target} {_figure(e)} as of {e.date} revises entry {old.id} "
            f"({_figure(old)}): the later counts"
        )
    read = outcome.readings or readings()
    keep = [i for i, e in enumerate(outcome.entries) if e.id not in again.passed]
    counts = [0] * 5
    if len(read) == len(outcome.entries):
        for i in keep:
            if read[i].unit_from and outcome.entries[i].value is not None:
                counts[_UNIT_COUNT.get(read[i].unit_from, 0)] += 1
    _, given, headed, stated, signed = counts
    return dataclasses.replace(
        outcome,
        entries=[outcome.entries[i] for i in keep],
        numbers=[outcome.numbers[i] for i in keep],
        readings=[outcome.readings[i] for i in keep] if outcome.readings else [],
        running={k: v for k, v in outcome.running.items() if k not in again.passed}, passed=rows,
        units_given=given, units_headed=headed, units_stated=stated, units_signed=signed,
    )  # fmt: skip


def check_rows(plan: Plan, existing: list[Entry], outcome: Outcome, *, force: bool, allow_duplicates: bool,
               history: bool = False, again: Resent | None = None) -> Outcome:  # fmt: skip
    """The meaning and duplicate checks (:mod:`ledger.meaning`) over a sheet's entries, judged
    against the ledger and the rows above them: problems name the row and the option that keeps
    the figure; entries kept with ``force`` or ``allow_duplicates`` over a finding are marked
    ``forced``. ``history``: the rows carry their own ``recorded`` stamps (an export), so two
    figures for one target and date are a ledger's revision, not rival rows of one sheet (two
    ``record`` runs within one second share a stamp). ``again``: the sheet corrects an earlier
    one (:func:`ledger.resent.resent`) whose rows the ledger holds, passed over already: those
    entries are the sheet's own additions to their month, not additions recorded apart. Returns
    the outcome with these problems and marks added."""
    from .meaning import added_to, check_new

    findings = check_new(plan, existing, outcome.entries)
    if again is not None and again.given:
        judged = {f.target.id for f in findings if f.added}
        by_id = {e.id: e for e in existing if e.target in judged}
        apart: list[Finding] = []
        for f in findings:
            if not f.added or f.entry is None or again.given.isdisjoint(f.against):
                apart.append(f)
            elif there := [by_id[i] for i in f.against if i not in again.given and i in by_id]:
                apart.append(added_to(f.target, f.entry, there))
        findings = apart
    if outcome.running:
        from .meaning import running_totals

        repeated = {f.entry.id for f in findings if f.duplicate and f.entry is not None}  # one message a row
        given = {k: v for k, v in outcome.running.items() if k not in repeated}
        findings += running_totals(plan, existing, outcome.entries, given)
    if history:  # an export's history says itself what it replaced, and what added up
        findings = [f for f in findings if not f.rival and not f.added]
    if not findings:  # as nearly every import: nothing to add, nothing to mark
        return outcome
    row_of = {e.id: n for e, n in zip(outcome.entries, outcome.numbers, strict=True)}
    refused = [f for f in findings if not (allow_duplicates if f.duplicate else force)]
    # One message a row: a repeat of an earlier import's addition is also an addition to its month.
    first = {f.entry.id: f for f in reversed(refused) if f.entry is not None}
    problems = [
        Problem(
            _in_sheet(f, row_of, outcome.entries),
            where=f"row {row_of[f.entry.id]}",
            row=row_of[f.entry.id],
            target=f.target.id,
        )
        for f in refused
        if f.entry is not None and first[f.entry.id] is f
    ]
    fixes = []
    repeats = [f for f in refused if f.duplicate]
    if any((not f.against or f.against[0] not in row_of) and f.target.kind is not Kind.INCREMENT for f in repeats):
        fixes.append("was this file imported before? --allow-duplicates records them anyway")
    if any((not f.against or f.against[0] not in row_of) and f.target.kind is Kind.INCREMENT for f in repeats):
        # --allow-duplicates would count an addition twice: never offered for one from the ledger
        fixes.append("was this file imported before? its additions are counted already")
    inside = [f for f in repeats if f.against and f.against[0] in row_of]
    if any(f.target.kind is not Kind.INCREMENT for f in inside):
        fixes.append("delete the repeated row, or record both with --allow-duplicates")
    if any(f.target.kind is Kind.INCREMENT for f in inside):
        # Deleting one of two equal additions loses it when they are two carriers' (3000 平方米 each)
        fixes.append(
            "if the rows are two additions (two carriers' figures), record both with --allow-duplicates, or tell "
            "them apart in a 备注 column; if a row was repeated by mistake, delete it"
        )
    if any(f.rival for f in refused):
        fixes.append("delete the row that is wrong, or record both with --force (the later counts)")
    if added := list(dict.fromkeys(i for f in refused if f.added for i in f.against)):
        voids = "; ".join(f"tracker void {i} --reason 更正" for i in added)
        then = "then import it"
        if rows := outcome.passed:
            said = f"row {rows[0]}" if len(rows) == 1 else f"rows {', '.join(map(str, rows))}"
            then = (
                f"then import it again ({said}, in the ledger already, {'is' if len(rows) == 1 else 'are'} passed over)"
            )
        fixes.append(
            f"if this sheet corrects the earlier figures, withdraw the ones it replaces ({voids}), {then}; "
            "if both add up (two carriers' sheets), import with --force"
        )
    if any(not f.duplicate and not f.rival and not f.added for f in refused):
        fixes.append("if these figures are right, import with --force")
    if problems:
        problems.append(Problem("nothing was imported", fix="; ".join(fixes)))
    kept = {f.entry.id for f in findings if f.entry is not None}
    entries = [e._replace(forced=True) if e.id in kept else e for e in outcome.entries]
    return dataclasses.replace(outcome, entries=entries, problems=outcome.problems + problems)


def _in_sheet(finding: Finding, row_of: dict[str, int], entries: list[Entry]) -> str:
    """A finding's message, naming the earlier row of the same sheet it is about: the row a
    repeat repeats, or the row that gives a rival figure for the same target and date."""
    from .meaning import duplicate_message, rival_message

    other = finding.against[0] if (finding.duplicate or finding.rival) and finding.against else None
    e = finding.entry
    if finding.dated:
        return f"{finding.message}; which is it? correct the date or the note (备注)"
    if other is None or other not in row_of or e is None:
        return finding.message
    if finding.rival:
        rival = next(r for r in entries if r.id == other)
        return rival_message(finding.target, e, rival, (f"row {row_of[other]}", f"row {row_of[e.id]}"))
    return duplicate_message(finding.target, e, f"is given twice: row {row_of[other]} has it too", in_ledger=False)


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
    if field in SHEET_FIELDS or field in IGNORE:
        return None
    hint = suggest(field, SHEET_FIELDS)
    return f"unknown field {field!r}" + (
        f"; did you mean {hint}?" if hint else f"; use one of {', '.join(SHEET_FIELDS)} or ignore"
    )


def read_mapping(path: Path) -> dict[str, str]:
    """A mapping file (``--map-file``): a TOML ``[map]`` table of ``"HEADER" = "field"`` pairs.

    Raises :class:`~ledger.errors.TrackerError` naming the file, with the form it should take.
    """
    import tomllib

    try:
        text = read_regular(path).decode("utf-8-sig")
    except IsADirectoryError:
        raise TrackerError(f"{path}: is a folder, not a file; give --map-file the mapping file") from None
    except NotRegularFile as e:
        raise TrackerError(f"{path}: is {e.kind}, not a file; give --map-file the mapping file") from None
    except OSError as e:
        raise TrackerError(f"{path}: cannot read the mapping: {e.strerror}") from None
    except UnicodeDecodeError as e:
        raise TrackerError(
            f'{path}: not a TOML mapping ({e}); write [map] and lines such as "指标名称" = "target"'
        ) from None
    try:
        raw = tomllib.loads(text)
    except RecursionError:
        raise TrackerError(
            f'{path}: nested too deeply to be a mapping; write [map] and lines such as "指标名称" = "target"'
        ) from None
    except tomllib.TOMLDecodeError as e:
        slip = toml_problem(e, str(path), text)
        form = 'a mapping is [map] and lines such as "指标名称" = "target"'
        raise TrackerError(slip._replace(fix=f"{slip.fix}; {form}")) from None
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


def read_source(file: str, stdin: BinaryIO) -> Source:
    """The sheet named ``file``, or ``stdin`` when it is ``-``, opened and its first bytes read
    (:class:`~ledger.sheets.Source`: the rest is read as it is parsed, so that a huge file is
    refused at a limit without being read whole). Close it, or use it in ``with``.

    Raises :class:`~ledger.errors.TrackerError` naming the file when it is missing, unreadable or
    empty.
    """
    from .sheets import Source

    if file == "-":
        source = Source("<stdin>", stdin)
    else:
        try:
            _no_device(file)
            stream = Path(file).open("rb")  # noqa: SIM115  # the Source owns it: read as it is parsed
        except FileNotFoundError:
            raise TrackerError(Problem("no such file", file=file)) from None
        except IsADirectoryError:
            fix = "name one file in it (CSV, XLSX, XLS, JSON Lines or TOML)"
            raise TrackerError(Problem("is a folder, not a file", file=file, fix=fix)) from None
        except NotRegularFile as e:
            fix = "name the sheet's file, or give - and pipe it in"
            raise TrackerError(Problem(f"is {e.kind}, not a sheet", file=file, fix=fix)) from None
        except OSError as e:
            raise TrackerError(Problem(f"cannot read: {e.strerror}", file=file)) from None
        try:
            source = Source(file, stream, owned=True)
        except IsADirectoryError:  # some systems open a folder and refuse to read it
            stream.close()
            fix = "name one file in it (CSV, XLSX, XLS, JSON Lines or TOML)"
            raise TrackerError(Problem("is a folder, not a file", file=file, fix=fix)) from None
        except OSError as e:
            stream.close()
            raise TrackerError(Problem(f"cannot read: {e.strerror}", file=file)) from None
    if source.complete and not source.head.strip():
        source.close()
        raise TrackerError(Problem("the input is empty", file=source_name(file)))
    return source


def _no_device(file: str) -> None:
    """Raise :class:`~ledger.regular.NotRegularFile` for a device (``/dev/zero`` never ends) or a
    socket, before it is opened; a named pipe or ``<(…)`` in the shell is a stream someone writes
    the sheet into, read as ``-`` is."""
    import os
    import stat

    try:
        if stat.S_ISFIFO(os.stat(file).st_mode):
            return
    except OSError:
        return  # opening it says what is wrong
    refuse_special(file)


def source_name(file: str) -> str:
    """How messages name the sheet: its file name, or ``<stdin>`` for ``-``."""
    return "<stdin>" if file == "-" else file


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did or would do.

    ``entries`` are the entries recorded (as written, ids included) or, on a dry run or when
    refused, the ones that would be; ``notes`` are lines for stderr (columns not used, rows passed
    over); ``problems`` refuse the import: when there are any, nothing was written;
    ``written`` says whether the ledger was appended to; ``sheet`` names the worksheet read;
    ``spreadsheet`` says the file was a sheet (CSV, XLSX, XLS) rather than JSON Lines or a
    ledger; on a dry run of a spreadsheet, ``readings`` say how each entry was read
    (:class:`Reading`: the column, with ``column.running_total``, the unit's and the date's
    sources), and are empty otherwise (only ``--dry-run`` shows them: an import of thousands of
    rows does not build them).
    """

    name: str
    entries: list[Entry]
    notes: list[str]
    problems: list[Problem]
    written: bool
    sheet: str | None = None  # the worksheet read, for a workbook
    readings: list[Reading] = default(default_factory=list)  # how each entry was read (a spreadsheet's)
    units_given: int = 0  # entries whose unit came from the sheet's unit column (单位), not their target
    units_headed: int = 0  # entries whose unit came from a column's header
    spreadsheet: bool = False  # read from a CSV, XLSX or XLS sheet
    units_stated: int = 0  # entries whose unit came from a unit line above the table or the title
    units_signed: int = 0  # entries whose unit came from a % sign in the cell

    @property
    def label(self) -> str:
        """The file as messages name it, with the worksheet read: ``b.xlsx (sheet '1-8月')``."""
        return self.name + (f" (sheet {self.sheet!r})" if self.sheet else "")


Progress = Callable[[int, str], contextlib.AbstractContextManager[Callable[[], None] | None]]


def import_file(
    plan: Plan,
    ledger_path: Path,
    file: str,
    data: bytes | Source,
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
    skip_unknown: bool = False,
    source: str | None = None,
    note: str | None = None,
    progress: Progress | None = None,
    target: str | None = None,
) -> ImportResult:
    """Read the sheet ``data`` (from ``file``; ``-`` is stdin; the format is told by the content,
    then the name, unless ``fmt`` is given), check every row as ``tracker record`` would against ``plan`` and the
    ledger's ``existing`` entries, and append them all to the ledger at ``ledger_path`` unless
    ``dry_run`` or a problem refuses the import.

    ``mapping`` (``--map``) and ``map_file`` (``--map-file``; ``mapping`` wins) name columns;
    ``default_date`` is for rows without a date; ``recorded`` and ``by`` go on every entry that
    does not carry its own; ``source`` and ``note`` (``--source``, ``--note``) go on every row
    without its own. Rows naming no target refuse the import unless ``skip_unknown``, which
    passes each over with a note. Rows repeating an entry the ledger has (or a row above) are
    refused unless ``allow_duplicates``, figures the meaning checks question (:mod:`ledger.meaning`)
    unless ``force``; a row kept over a check is marked ``forced``. ``progress(total, label)`` may give a context manager yielding a
    callback called once per row. ``target`` (``--target``, an id, name or alias) gives every row
    to that target: the sheet's rows are its carriers (载体, 项目), each row's name its note
    (:func:`_carrier_rows`); a row naming another target of the plan refuses the import.

    Raises :class:`~ledger.errors.UnknownTarget` for a ``target`` the plan does not have,
    :class:`ImportRefused` for a mapping or columns that cannot work,
    :class:`~ledger.errors.TrackerError` for a file with no rows, and
    :class:`~ledger.errors.LedgerError` when the append fails; row problems (those found under
    the ledger's lock too, when another append landed since the ledger was read:
    :func:`lock_checks`), and a sheet with no figure for a target of the plan (every row blank,
    or, with ``skip_unknown``, naming no target), are returned in :attr:`ImportResult.problems`
    beside the notes, with nothing written.
    """
    from . import sheets

    name = source_name(file)
    opened = data if isinstance(data, sheets.Source) else sheets.Source.of(name, data)
    kind = sheets.format_of(name, fmt, opened.sniffed())
    pairs = (read_mapping(map_file) if map_file is not None else {}) | (mapping or {})
    notes: list[str] = []
    one = one_target(plan, target) if target is not None else None
    try:
        table = read_table(name, opened, kind, sheet=sheet, encoding=encoding, mapping=pairs, carriers=one is not None)
    except NoHeader as e:
        if e.above and (titled := _titled(plan, e.above)) is not None:
            raise NoHeader(e.name, e.said, titled, sheet=e.sheet, active=e.active) from None
        raise
    default_date, default_from = _header_year(name, table, default_date)
    if default_date is not None and "date" not in table.by_field:
        _check_date_against_headers(name, table, default_date, default_from)
    elif "date" not in table.by_field and table.period is None:
        _month_without_year(plan, name, table)
    unknown = misspelt(table, pairs)
    if unknown and kind == "jsonl":
        # JSON Lines carry the ledger's own keys: a near miss is a typo, never a column to pass over.
        raise ImportRefused([_misspelt_problem(name, h, f, "key") for h, f in unknown.items()])
    if table.ignored:
        notes.append(f"{name}: columns not used: {table.unused}")
    notes += [f"{name}: {said}" for said in table.passed]
    if not table.rows:
        raise TrackerError(Problem("no rows of figures under the header", file=name))
    if table.ignored and (part := _one_part_mapped(table)) is not None:
        raise TrackerError(part._replace(file=name))
    spreadsheet = kind in ("csv", "xlsx", "xls")

    def read_rows(tick: Callable[[], None] | None, readings: bool) -> Outcome:
        out = rows_to_entries(
            plan, table, existing=existing, default_date=default_date, default_from=default_from, recorded=recorded,
            by=by, spreadsheet=spreadsheet, skip_unknown=skip_unknown, source=source, note=note, progress=tick,
            readings=readings, target=one,
        )  # fmt: skip
        # --target: each carrier's name kept as its entry's note, on every reading of the rows
        return _carrier_rows(plan, table, one, out) if one is not None else out

    with progress(len(table.rows), f"checking {name}") if progress else contextlib.nullcontext() as tick:
        outcome = read_rows(tick, dry_run and spreadsheet)
    if (carrier := _carrier_column(table)) is not None and (noted := _carrier_notes(plan, table, carrier, outcome)):
        outcome = noted
        kept = dataclasses.replace(table, columns=tuple(c for c in table.columns if c is not carrier))
        notes = [n for n in notes if not n.startswith(f"{name}: columns not used: ")]
        if kept.ignored:
            notes.append(f"{name}: columns not used: {kept.unused}")
        notes.append(f"{name}: column {carrier.label!r} kept as the note of the additions beside it")
    if outcome.skipped:
        shown = ", ".join(outcome.skipped[:8]) + (" …" if len(outcome.skipped) > 8 else "")
        notes.append(f"{name}: {counted(len(outcome.skipped), 'row')} without a figure passed over: {shown}")
    notes += [f"{name}: skipped {row}: it names no target (--skip-unknown)" for row in outcome.unknown]
    notes += [f"{name}: skipped {row}: a total row (--skip-unknown)" for row in outcome.totals]
    notes += [f"{name}: {said}" for said in outcome.subtotals]
    notes += [f"{name}: {said}" for said in outcome.footnotes]
    readings = outcome.readings  # a dry run's of a spreadsheet, else none
    if not outcome.entries and sheet is None and kind in ("xlsx", "xls"):
        book = opened.whole(sheets.MAX_UNCOMPRESSED, "a workbook")  # read whole already: kept
        elsewhere = _table_elsewhere(plan, name, book, kind, table, outcome, pairs, default_date, recorded, by)
        if elsewhere is not None:
            return ImportResult(name, [], notes, [elsewhere], False, table.sheet, spreadsheet=spreadsheet)
    if mismatched := _dates_against_sheet(table, default_date, outcome, default_from):
        outcome = dataclasses.replace(outcome, problems=outcome.problems + mismatched)
    outcome = _with_ledger(plan, existing, outcome)
    problems = _refusals(name, outcome)
    history = "recorded" in table.by_field  # an export's rows, with the times they were recorded
    again = None
    if not problems and not allow_duplicates and not history and existing:
        from .resent import resent

        if (again := resent(plan, existing, outcome.entries, force=force)) is not None:
            outcome = _passed_over(name, outcome, again, notes, lambda: read_rows(None, True).readings)
            readings = outcome.readings
    unjudged = outcome  # as check_rows found it: judged again under the lock if the ledger changed
    if not problems:
        outcome = check_rows(
            plan, existing, outcome, force=force, allow_duplicates=allow_duplicates, history=history, again=again
        )
        problems = _refusals(name, outcome)
    if problems:
        return ImportResult(
            name, outcome.entries, notes, problems, False, table.sheet, readings, outcome.units_given,
            outcome.units_headed, spreadsheet, outcome.units_stated, outcome.units_signed,
        )  # fmt: skip
    if not outcome.entries and outcome.passed:  # a corrected sheet whose corrections are in already
        return ImportResult(name, [], notes, [], False, table.sheet, spreadsheet=spreadsheet)
    if not outcome.entries:
        # Returned with the notes, not raised: the rows passed over are what tells the user why.
        if unknown:
            empty = [_misspelt_problem(name, h, f, "column") for h, f in unknown.items()]
        elif outcome.unknown:
            fix = (
                f"the rows skipped above name none of the targets of {plan.path.name}: add the names they give "
                "to the targets' aliases, or give the plan the sheet is for with --targets"
            )
            empty = [Problem("no row with a figure names a target of the plan", file=name, fix=fix)]
        elif outcome.skipped and (unread := [c for c in table.columns if c.label in table.ignored and c.label]):
            known = [c for c in unread if c.why is not None]  # 完成率%, 年度目标: never offered as the figure
            # 增减（百分点）, 增减(亿元): a change on last year, never offered as the figure either
            known += [dataclasses.replace(c, why=CHANGE) for c in unread if c.why is None and is_change(c.label)]
            unread = [c for c in unread if c.why is None and not c.mapped and not is_change(c.label)]
            if unread:
                said = ", ".join(f"{c.label!r}" + (f" ({c.letter})" if c.number else "") for c in unread)
                fix = _not_understood_fix(plan, table, unread, "it holds" if len(unread) == 1 else "one holds")
                many = "columns" if len(unread) > 1 else "column"
                problem = f"no row has a figure in a column tracker understands ({many} {said} not understood)"
            else:
                said = "; ".join(
                    f"{c.label!r}" + (f" ({c.letter})" if c.number else "") + f" is {c.why}" for c in known
                )
                fix = "add the column of figures (1—N月累计, or 同比增长% for a rate), or record them with `tracker record`"
                if months := [c for c in known if c.why in (MONTHS_GROWTH, BESIDE_MONTH)]:
                    # a rate's figure is its growth over 1—N月, never one month's
                    n = months[0].months or (table.period.month if table.period else "N")
                    fix = (
                        f"add the year-to-date figures (1-{n}月累计, or 1-{n}月同比增长% for a rate), or record them "
                        "with `tracker record`"
                    )
                problem = f"no row has a figure: {said}"
            empty = [Problem(problem, file=name, fix=fix)]
        elif table.by_field.keys().isdisjoint(("value", "month_value", "growth", "status")) and (
            texts := [c for f, c in table.by_field.items() if f in ("note", "source") and c.number]
        ):
            # A figure column taken for text (a 完成情况 read as a note) is named, never left unsaid.
            said = ", ".join(f"{c.label!r} ({c.letter}) as {f}" for f, c in table.by_field.items() if c in texts)
            fix = _not_understood_fix(plan, table, texts, "it holds" if len(texts) == 1 else "one holds")
            empty = [Problem(f"no row has a figure; columns read as text: {said}", file=name, fix=fix)]
        else:
            empty = [Problem("no row has a figure", file=name, fix="nothing to import")]
        return ImportResult(name, [], notes, empty, False, table.sheet, readings, spreadsheet=spreadsheet)
    if dry_run:
        return ImportResult(
            name, outcome.entries, notes, [], False, table.sheet, readings, outcome.units_given, outcome.units_headed,
            spreadsheet, outcome.units_stated, outcome.units_signed,
        )  # fmt: skip
    from .store import append_entries
    from .validate import last_entry_check

    under_lock = lock_checks(
        plan, name, unjudged, force=force, allow_duplicates=allow_duplicates, history=history, judged=existing,
        again=again,
    )  # fmt: skip
    try:
        written = append_entries(
            ledger_path, outcome.entries, check=last_entry_check(plan), validate=under_lock, restored=history
        )
    except AppendRefused as refused:  # another append landed since the checks above: said as they say it
        return ImportResult(
            name, outcome.entries, notes, refused.problems, False, table.sheet, readings, outcome.units_given,
            outcome.units_headed, spreadsheet, outcome.units_stated, outcome.units_signed,
        )  # fmt: skip
    return ImportResult(
        name, written, notes, [], True, table.sheet, readings, outcome.units_given, outcome.units_headed, spreadsheet,
        outcome.units_stated, outcome.units_signed,
    )  # fmt: skip


def misspelt(table: Table, mapping: dict[str, str]) -> dict[str, str]:
    """``{label: field}`` for unused columns whose label looks like a misspelt field that no other
    column gives (``valu`` → ``value``); a column mapped to ``ignore`` is meant to be left out."""
    left_out = {key(h) for h, f in mapping.items() if f in IGNORE}
    missing = [f for f in COLUMNS if table.column(f) is None]
    close = {
        h: get_close_matches(h.lower(), missing, n=1, cutoff=0.75) for h in table.ignored if key(h) not in left_out
    }
    return {h: match[0] for h, match in close.items() if match}


def _misspelt_problem(name: str, header: str, field: str, what: str) -> Problem:
    fix = f"did you mean {field!r}? rename it, or read it as that with --map '{header}={field}'"
    return Problem(f"unknown {what} {header!r}", file=name, fix=fix)


def lock_checks(
    plan: Plan,
    name: str,
    outcome: Outcome,
    *,
    force: bool,
    allow_duplicates: bool,
    history: bool = False,
    judged: Sequence[Entry] | None = None,
    again: Resent | None = None,
) -> Validation:
    """The checks of an import that depend on what the ledger holds (:func:`check_rows`: the
    duplicate and meaning checks, among them the one on additions to a month that already holds
    additions), for :func:`~ledger.store.append_entries` to make again under the ledger's lock
    on the ledger as it is then, so that two imports at the same moment (one sheet twice, or a
    sheet and its corrected copy) cannot both pass a check only one of them may pass. The loser
    is refused with the very problems and advice it would have got had it come second
    (``outcome``: the sheet's entries and rows as :func:`check_rows` was given them; ``name``
    the file the problems name).

    ``judged`` are the ledger's entries that check was made against, before the lock: when the
    ledger under the lock holds exactly those for the batch's targets (nobody appended to them
    since), the check would give the same verdict and is not made again, so an import of 5,000
    rows holds the lock for no more than its write; else it is made whole (seconds, for such a
    sheet, while the others wait). An entry the checks now find and ``force`` or
    ``allow_duplicates`` keeps is marked ``forced`` in the batch written. ``again``: the rows of a
    corrected sheet passed over before the lock (:func:`ledger.resent.resent`), which stay passed
    over: the entries they repeat are in the ledger still, whatever landed since."""
    # The marks the rows had before check_rows made its own: a restored export's rows carry theirs.
    marks = [e.forced for e in outcome.entries]

    def validate(view: LedgerView, batch: list[Entry]) -> list[Problem]:
        if judged is not None and view.entries == [e for e in judged if e.target in view.targets]:
            return []  # the same entries, in the same order and lines, as check_rows judged
        # The batch, not outcome.entries: append_entries may have given an entry a fresh id.
        entries = [e._replace(forced=f) if e.forced != f else e for e, f in zip(batch, marks, strict=True)]
        # The whole ledger, as before the lock: which entries came in one append is told from all of them.
        judged_now = check_rows(
            plan, view.whole, dataclasses.replace(outcome, entries=entries), force=force,
            allow_duplicates=allow_duplicates, history=history, again=again,
        )  # fmt: skip
        problems = _refusals(name, judged_now)
        if not problems:
            batch[:] = judged_now.entries  # with the marks of what was kept over a check
        return problems

    return validate


def _refusals(name: str, outcome: Outcome) -> list[Problem]:
    """The problems that refuse the import, shortened to :data:`~ledger.validate.MAX_SHOWN`, each
    naming the file; the advice that closes the list (what was not imported, and the option
    that keeps the rows) is kept whole."""
    rows = [p._replace(file=name) for p in outcome.problems if p.row is not None]
    advice = [p._replace(file=name) for p in outcome.problems if p.row is None]
    if not rows and not advice:
        return []
    return [*shorten(rows, Problem(f"… and {len(rows) - MAX_SHOWN} more rows with problems", file=name)), *advice]


def read_table(
    name: str,
    data: bytes | Source,
    kind: str,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    mapping: dict[str, str] | None = None,
    carriers: bool = False,
) -> Table:
    """The table of an import file of format ``kind`` (see :func:`ledger.sheets.format_of`):
    a spreadsheet's table found as :func:`ledger.layout.read_table` finds it, or the rows of
    JSON Lines and ledger TOML keyed by field. Raises :class:`~ledger.errors.TrackerError`
    subclasses naming the file (and row or cell) for anything that cannot be read. ``carriers``
    (``--target``): a carrier column (载体名称) may name a spreadsheet's rows. A text file is
    parsed as it is read (:func:`ledger.sheets.text_blocks`), a workbook read whole up to
    :data:`~ledger.sheets.MAX_UNCOMPRESSED` bytes."""
    from . import layout, sheets

    source = sheets.Source.of(name, data) if isinstance(data, bytes) else data
    if kind == "toml":
        from .store import entry_tables

        text = sheets.whole_text(source, encoding)
        rows = [sheets.Row(line, table) for line, table in entry_tables(Path(name), text)]
        return layout.keyed_table(name, rows, mapping)
    if kind == "jsonl":
        return layout.keyed_table(name, sheets.read_jsonl(name, sheets.whole_text(source, encoding)), mapping)
    book = b""
    if kind in ("xlsx", "xls"):
        book = source.whole(sheets.MAX_UNCOMPRESSED, "a workbook")
        grid = (sheets.read_xlsx if kind == "xlsx" else sheets.read_xls)(name, book, sheet)
    else:
        grid = sheets.read_csv(name, sheets.text_blocks(source, encoding))
    try:
        return layout.read_table(grid, mapping, carriers=carriers)
    except (NoHeader, NoRows) as e:
        if sheet is not None or len(grid.sheets) < 2:
            raise
        raise _other_sheets(e, grid, book, kind, mapping, carriers) from None


def _other_sheets(e: NoHeader | NoRows, grid: Grid, data: bytes, kind: str,
                  mapping: dict[str, str] | None, carriers: bool = False) -> NoHeader | NoRows:  # fmt: skip
    """The refusal of a workbook whose active sheet (``grid``) has no header naming the target,
    or no rows under it (empty, or a glossary's header alone), saying so and which of its other
    sheets has a table, so that the fix is one ``--sheet`` away: a cover sheet of instructions
    (填报说明) is often the one left active when the file was saved."""
    fitting = _tables_in(e.name, data, kind, [s for s in grid.sheets if s != grid.sheet], mapping, carriers=carriers)
    if isinstance(e, NoRows):
        return NoRows(e.name, e.said, _pick_sheet(fitting) if fitting else None, sheet=grid.sheet, active=True)
    if fitting:
        fix = _pick_sheet(fitting)
    else:
        others = ", ".join(repr(s) for s in grid.sheets if s != grid.sheet)
        fix = f"nor do its other sheets ({others}); choose one with --sheet NAME and name the column with --map"
    return NoHeader(e.name, e.said, fix, sheet=grid.sheet, active=True)


def _tables_in(name: str, data: bytes, kind: str, sheet_names: list[str], mapping: dict[str, str] | None,
               fits: Callable[[Table], bool] | None = None, *, carriers: bool = False) -> list[str]:  # fmt: skip
    """Those of the workbook's ``sheet_names`` that hold a table: a header naming the target
    with rows under it (an empty sheet has none), and, when ``fits`` is given, that it accepts.
    A sheet refused for something else (two columns giving one field, a formula with no saved
    value) is counted unless ``fits`` is given: importing it with ``--sheet`` says what is wrong."""
    from . import layout, sheets

    read = sheets.read_xlsx if kind == "xlsx" else sheets.read_xls
    found: list[str] = []
    for other in sheet_names:
        try:
            table = layout.read_table(read(name, data, other), mapping, carriers=carriers)
        except (layout.NoHeader, layout.NoRows):
            continue
        except TrackerError:
            if fits is None:  # what fits asks cannot be told
                found.append(other)
            continue
        if fits is None or fits(table):
            found.append(other)
    return found


def _pick_sheet(found: list[str]) -> str:
    """The fix naming the sheets ``found`` to have the table: ``import it with --sheet 数据``."""
    if len(found) == 1:
        return f"sheet {found[0]!r} has one: import it with --sheet {_shell_word(found[0])}"
    return "sheets " + ", ".join(repr(s) for s in found) + " have one: choose with --sheet NAME"


def _table_elsewhere(plan: Plan, name: str, data: bytes, kind: str, table: Table, outcome: Outcome,
                     mapping: dict[str, str], default_date: date | None, recorded: datetime,
                     by: str) -> Problem | None:  # fmt: skip
    """When the sheet of a workbook read because it was active (``table``; its ``outcome`` gave
    no entry) has no row naming a target of ``plan`` with a figure, and another of its sheets
    has, the refusal saying so and naming that sheet (a glossary of 填报说明 left active, whose
    ``字段 | 说明`` table names headers such as 指标名称, over the sheet of figures); else ``None``."""

    def names_targets(t: Table) -> bool:
        read = rows_to_entries(
            plan, t, existing=[], default_date=default_date, recorded=recorded, by=by, spreadsheet=True,
            skip_unknown=True, readings=False,
        )  # fmt: skip
        return bool(read.entries or read.problems)  # a problem here is of a row naming a target

    if outcome.problems and names_targets(table):
        return None  # rows naming targets, refused for what they say: that is the message
    from . import sheets

    names = (sheets.read_xlsx if kind == "xlsx" else sheets.read_xls)(name, data, None).sheets
    found = _tables_in(name, data, kind, [s for s in names if s != table.sheet], mapping, names_targets)
    if not found:
        return None
    return Problem(
        f"sheet {table.sheet!r} (active when the workbook was saved) has no row with a figure for a target of the plan",
        file=name,
        fix=_pick_sheet(found),
    )


def _shell_word(text: str) -> str:
    """``text`` as one word of a shell command line, quoted only where it must be (shlex quotes
    every non-ASCII letter, so 数据 would read '数据')."""
    import shlex

    return shlex.quote(text) if _SHELL_SPECIAL.search(text) or not text else text


_SHELL_SPECIAL = LazyPattern(r"""[\s'"\\$`!*?&;|<>(){}\[\]#~^=%]""")
