"""Importing many entries at once, all or nothing: the use case (:func:`import_file`) and the
picking of a workbook's sheet and table (:func:`read_table`).

A sheet is read as offices publish it (:mod:`ledger.sheets` reads the cells, :mod:`ledger.layout`
finds the table and what each column means); :mod:`ledger.table_rows` turns its rows into
entries, naming targets as :mod:`ledger.row_targets` finds them. Every row is checked before
anything is written (:mod:`ledger.import_checks`), and a problem names the row (and column) as
Excel numbers it.
"""

import contextlib
import dataclasses
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from .column_kinds import BESIDE_MONTH, DECLINE, MONTHS_GROWTH, change_said, is_change, records_falls
from .column_map import _misspelt_problem, misspelt, read_mapping
from .earlier_months import with_earlier_months
from .entries import Entry
from .errors import ImportRefused, Problem, TrackerError
from .import_checks import _passed_over, _refusals, check_rows, lock_checks
from .import_source import source_name
from .model import Plan
from .numbers import counted
from .patterns import LazyPattern
from .quarter_columns import quarterly_additions, refuse_other_targets
from .readings import Outcome, Reading
from .row_periods import own_periods
from .row_targets import _titled, named_target
from .sheet_dates import _check_date_against_headers, _dates_against_sheet, _header_year, _month_without_year
from .sheets import Grid, Source
from .table import NoHeader, NoRows, Table
from .table_rows import (
    _carrier_column,
    _carrier_notes,
    _carrier_rows,
    _not_understood_fix,
    _one_part_mapped,
    _with_ledger,
    rows_to_entries,
)
from .view import AppendRefused


class ImportResult(NamedTuple):
    """What an import did or would do.

    ``entries`` are the entries recorded (as written, ids included, but without their digests,
    which the ledger holds: an import does not make its entries anew to carry them) or, on a dry
    run or when refused, the ones that would be; ``notes`` are lines for stderr (columns not used,
    rows passed over); ``problems`` refuse the import: when there are any, nothing was written;
    ``written`` says whether the ledger was appended to; ``sheet`` names the worksheet read;
    ``spreadsheet`` says the file was a sheet (CSV, XLSX, XLS) rather than JSON Lines or a
    ledger; on a dry run, ``readings`` say how each entry was read (:class:`Reading`: the
    column, with ``column.running_total``, the unit's and the date's sources), and are empty
    otherwise (only ``--dry-run`` shows them: an import of thousands of rows does not build
    them); ``restored`` says the rows carried their own ids and recorded times (an export's).
    """

    name: str
    entries: list[Entry]
    notes: list[str]
    problems: list[Problem]
    written: bool
    sheet: str | None = None  # the worksheet read, for a workbook
    readings: Sequence[Reading] = ()  # how each entry was read (a dry run's)
    units_given: int = 0  # entries whose unit came from the sheet's unit column (单位), not their target
    units_headed: int = 0  # entries whose unit came from a column's header
    spreadsheet: bool = False  # read from a CSV, XLSX or XLS sheet
    units_stated: int = 0  # entries whose unit came from a unit line above the table or the title
    units_signed: int = 0  # entries whose unit came from a % sign in the cell
    restored: bool = False  # the rows carried their own ids and recorded times (an export's)

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
    one = named_target(plan, target) if target is not None else None
    try:
        table = read_table(
            name, opened, kind, sheet=sheet, encoding=encoding, mapping=pairs, carriers=one is not None,
            quarterly=quarterly_additions(plan), start_month=plan.start.month,
            date_month=default_date.month if default_date is not None else None,
        )  # fmt: skip
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

    def read_rows(tick: Callable[[], None] | None, readings: bool, table: Table = table) -> Outcome:
        out = rows_to_entries(
            plan, table, existing=existing, default_date=default_date, default_from=default_from, recorded=recorded,
            by=by, spreadsheet=spreadsheet, skip_unknown=skip_unknown, source=source, note=note, progress=tick,
            readings=readings, target=one,
        )  # fmt: skip
        # --target: each carrier's name kept as its entry's note, on every reading of the rows
        return _carrier_rows(plan, table, one, out) if one is not None else out

    with progress(len(table.rows), f"checking {name}") if progress else contextlib.nullcontext() as tick:
        outcome = read_rows(tick, dry_run)
    refuse_other_targets(plan, table.quarter, outcome.entries)  # a quarter's additions: quarterly targets' alone
    if (falls := [c for c in table.columns if c.why == DECLINE]) and _read_falls(plan, outcome.entries):
        # 下降率% read as 能耗下降率's figure (column_kinds.records_falls): a column used, not listed as unused
        used = dataclasses.replace(table, columns=tuple(c for c in table.columns if c not in falls))
        said = f"{name}: columns not used: "
        notes = [f"{said}{used.unused}" if n.startswith(said) else n for n in notes]
        notes = [n for n in notes if n != said]  # none left unused
    listed = table  # the columns the note of those not used lists
    if (carrier := _carrier_column(table)) is not None and (noted := _carrier_notes(plan, table, carrier, outcome)):
        outcome = noted
        listed = kept = dataclasses.replace(table, columns=tuple(c for c in table.columns if c is not carrier))
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
    readings = outcome.readings  # a dry run's, else none
    if not outcome.entries and sheet is None and kind in ("xlsx", "xls"):
        book = opened.whole(sheets.MAX_UNCOMPRESSED, "a workbook")  # read whole already: kept
        elsewhere = _table_elsewhere(plan, name, book, kind, table, outcome, pairs, default_date, recorded, by)
        if elsewhere is not None:
            return ImportResult(name, [], notes, [elsewhere], False, table.sheet, spreadsheet=spreadsheet)
    if mismatched := _dates_against_sheet(table, default_date, outcome, default_from):
        outcome = dataclasses.replace(outcome, problems=outcome.problems + mismatched)
    # 营利性服务业营业收入（1-7月）, or marked * for a note saying so: dated by its own period, after the check above
    names = (n for t in plan.targets for n in (t.name, t.name_en or "", *t.aliases, *(m.name for m in t.milestones)))
    outcome, redated = own_periods(table, outcome, names)
    if redated:
        readings = outcome.readings
        notes += [f"{name}: {said}" for said in redated]

    # 6月新增 | 7月新增 | 8月新增: an addition's earlier months are its own too, never a comparison
    def read_month(other: Table) -> Outcome:  # the rows as read above, carriers' notes and all
        out = read_rows(None, True, other)
        return (_carrier_notes(plan, other, carrier, out) or out) if carrier is not None else out

    outcome, month_notes, months_read = with_earlier_months(plan, table, existing, outcome, read_month)
    if months_read:
        readings = outcome.readings
        rest = dataclasses.replace(listed, columns=tuple(c for c in listed.columns if c.label not in months_read))
        notes = [n for n in notes if not n.startswith(f"{name}: columns not used: ")]
        if rest.ignored:
            notes.append(f"{name}: columns not used: {rest.unused}")
    notes += [f"{name}: {n}" for n in month_notes]
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
            known += [
                dataclasses.replace(c, why=change_said(c.label)) for c in unread if c.why is None and is_change(c.label)
            ]
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
            spreadsheet, outcome.units_stated, outcome.units_signed, restored=history,
        )  # fmt: skip
    from .store import append_entries
    from .validate import last_entry_check

    under_lock = lock_checks(
        plan, name, unjudged, force=force, allow_duplicates=allow_duplicates, history=history, judged=existing,
        again=again,
    )  # fmt: skip
    try:
        written = append_entries(
            ledger_path, outcome.entries, check=last_entry_check(plan), validate=under_lock, restored=history,
            digests=False,
        )  # fmt: skip
    except AppendRefused as refused:  # another append landed since the checks above: said as they say it
        return ImportResult(
            name, outcome.entries, notes, refused.problems, False, table.sheet, readings, outcome.units_given,
            outcome.units_headed, spreadsheet, outcome.units_stated, outcome.units_signed,
        )  # fmt: skip
    return ImportResult(
        name, written, notes, [], True, table.sheet, readings, outcome.units_given, outcome.units_headed, spreadsheet,
        outcome.units_stated, outcome.units_signed,
    )  # fmt: skip


def _read_falls(plan: Plan, entries: list[Entry]) -> bool:
    """Whether any of ``entries`` is of a target that records falls (:func:`records_falls`), whose
    figure a column of falls without their sign (下降率%) gave."""
    falling = {t.id for t in plan.targets if records_falls(t)}
    return bool(falling) and any(e.target in falling for e in entries)


def read_table(
    name: str,
    data: bytes | Source,
    kind: str,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    mapping: dict[str, str] | None = None,
    carriers: bool = False,
    quarterly: Callable[[], bool] | None = None,
    start_month: int = 1,
    date_month: int | None = None,
) -> Table:
    """The table of an import file of format ``kind`` (see :func:`ledger.sheets.format_of`):
    a spreadsheet's table found as :func:`ledger.layout.read_table` finds it, or the rows of
    JSON Lines and ledger TOML keyed by field. Raises :class:`~ledger.errors.TrackerError`
    subclasses naming the file (and row or cell) for anything that cannot be read. ``carriers``
    (``--target``): a carrier column (载体名称) may name a spreadsheet's rows; ``quarterly``: a
    quarter's additions are read (:mod:`ledger.quarter_columns`); ``start_month``: the month the
    plan's running totals count from (a year-so-far column is refused in a plan not starting in
    January: :mod:`ledger.plan_year`). ``date_month``
    (``--date``'s) says which quarter ``本季`` is on a sheet that states no period. A text file is
    parsed as it is read (:func:`ledger.sheets.text_blocks`), a workbook read whole up to
    :data:`~ledger.sheets.MAX_UNCOMPRESSED` bytes."""
    from . import layout, sheets

    source = sheets.Source.of(name, data) if isinstance(data, bytes) else data
    if kind == "toml":
        from .ledger_reader import entry_tables

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
        return layout.read_table(
            grid, mapping, carriers=carriers, quarterly=quarterly, start_month=start_month, date_month=date_month
        )
    except (NoHeader, NoRows) as e:
        if sheet is not None or len(grid.sheets) < 2:
            raise
        raise _other_sheets(e, grid, book, kind, mapping, carriers, start_month) from None


def _other_sheets(e: NoHeader | NoRows, grid: Grid, data: bytes, kind: str, mapping: dict[str, str] | None,
                  carriers: bool = False, start_month: int = 1) -> NoHeader | NoRows:  # fmt: skip
    """The refusal of a workbook whose active sheet (``grid``) has no header naming the target,
    or no rows under it (empty, or a glossary's header alone), saying so and which of its other
    sheets has a table, so that the fix is one ``--sheet`` away: a cover sheet of instructions
    (填报说明) is often the one left active when the file was saved."""
    rest = [s for s in grid.sheets if s != grid.sheet]
    fitting = _tables_in(e.name, data, kind, rest, mapping, carriers=carriers, start_month=start_month)
    if isinstance(e, NoRows):
        return NoRows(e.name, e.said, _pick_sheet(fitting) if fitting else None, sheet=grid.sheet, active=True)
    if fitting:
        fix = _pick_sheet(fitting)
    else:
        fix = f"nor do its other sheets ({', '.join(repr(s) for s in rest)}); choose one with --sheet NAME and name the column with --map"
    return NoHeader(e.name, e.said, fix, sheet=grid.sheet, active=True)


def _tables_in(name: str, data: bytes, kind: str, sheet_names: list[str], mapping: dict[str, str] | None,
               fits: Callable[[Table], bool] | None = None, *, carriers: bool = False,
               start_month: int = 1) -> list[str]:  # fmt: skip
    """Those of the workbook's ``sheet_names`` that hold a table: a header naming the target
    with rows under it (an empty sheet has none), and, when ``fits`` is given, that it accepts.
    A sheet refused for something else (two columns giving one field, a formula with no saved
    value) is counted unless ``fits`` is given: importing it with ``--sheet`` says what is wrong.
    Never one of the calendar year so far (1-8月累计) for a plan starting in ``start_month``, not
    January (:class:`~ledger.table.CalendarYear`): no figure of it could be imported."""
    from . import layout, sheets
    from .table import CalendarYear

    read = sheets.read_xlsx if kind == "xlsx" else sheets.read_xls
    found: list[str] = []
    for other in sheet_names:
        try:
            table = layout.read_table(read(name, data, other), mapping, carriers=carriers, start_month=start_month)
        except (NoHeader, NoRows, CalendarYear):
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
    others = [s for s in names if s != table.sheet]
    found = _tables_in(name, data, kind, others, mapping, names_targets, start_month=plan.start.month)
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
