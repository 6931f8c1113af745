"""Importing many entries at once, all or nothing, and exporting them in the same columns.

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
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from dataclasses import field as default
from datetime import date, datetime, timedelta
from decimal import Decimal
from difflib import get_close_matches
from fractions import Fraction
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple

from . import units
from .column_kinds import BESIDE_MONTH, CHANGE, MONTHS_GROWTH, NOT_GROWTH, is_change, is_running_total_header
from .column_kinds import field_of as field_of
from .column_periods import month_columns
from .dates import month_end, parse_date
from .entries import COLUMNS as COLUMNS
from .entries import FIELDS, Entry, FieldType, fresh_ids, reserve_ids
from .errors import EntryError, Problem, TrackerError, suggest, toml_problem
from .formulas import NO_FIGURE, is_no_figure, restore
from .header_words import CARRIER_HEADERS, IGNORE, OWN_SHEET_INFO, SHEET_FIELDS, is_total_label
from .model import Kind, MilestoneStatus, Plan, Target, is_rank
from .names import key, keys
from .numbers import counted, footnote, has_mark, parse_number, plain
from .patterns import LazyPattern
from .record import PERCENT_SIGNS, cached_number, entry_of, milestone_fields, percent_sign
from .regular import NotRegularFile, read_regular, refuse_special
from .sheets import Grid, PercentCell, Row, Source, cell_text
from .table import Column, NoHeader, NoRows, Table, Unlabelled
from .validate import MAX_SHOWN, shorten
from .view import AppendRefused, LedgerView, Validation

if TYPE_CHECKING:
    from .meaning import Finding, RunningOnly, RunningTotal  # imported where used: meaning is loaded only by appends
    from .resent import Resent

# A member read through its enum class (Kind.TOTAL) costs about 0.25 µs in Python 3.11, ten times a
# module name, and these are read for each of an import's thousands of rows: read once here.
_TOTAL, _INCREMENT, _RATE, _RANK, _MILESTONE = Kind.TOTAL, Kind.INCREMENT, Kind.RATE, Kind.RANK, Kind.MILESTONE


_SLASH_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00)?)?$")
_SLASH_MONTH = re.compile(r"^(\d{4})[/.](\d{1,2})$")
_A_YEAR = re.compile(r"\d{4}|\d\d\s*年")
# 2025年6月, 2025年6月30日; also 25年6月, the year's last two digits as sheets shorten it.
_CN_DATE = re.compile(r"^(\d{4}|\d\d)\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?$")
# A month as Chinese sheets write it in a date column, meaning its end: 2025年8月末, 2025年8月底,
# 8月份, a year-to-date period 2025年1-8月 (1—8月, 1至8月, 2025年1-8月累计, 8月累计), 截至2025年8月末;
# the year may be left to the title (8月末 under 临平经开区2025年主要经济指标).
_CN_MONTH = re.compile(
    r"^(?:截至|截止)?\s*(?:(\d{4}|\d\d)\s*年)?\s*(?:(\d{1,2})\s*[-—–~至到]\s*)?(\d{1,2})\s*月\s*(?:份)?\s*(?:末|底)?"
    r"\s*(累计)?$"
)


class ImportRefused(TrackerError):
    """An import refused, nothing written: ``problems`` holds every problem found, each with its
    file and row where it has them."""


_ROW_PREFIX = LazyPattern(  # compiled on first use: about 5 ms
    r"^(其中[:：]|[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、．](?!\d)|\d+\.(?!\d))\s*"
)
# A row name ending in its unit in brackets: 新增创新空间面积（平方米）, 工业总产值(单位:亿元).
_NAME_UNIT = re.compile(r"^(.*?\S)\s*[(（]\s*(?:单位\s*[:：]\s*)?([^()（）]+?)\s*[)）]\s*$")
# A target cell naming no target that marks a total row: 合计… at its start, or a word for the whole
# alone (全区, 全部, 总数, 总量, 总和, Total): counted as a row it would add the parts twice.
_TOTAL_ROW = re.compile(
    r"^(合\s*计|总\s*计|小\s*计|共\s*计|汇\s*总|总额合计|全区合计|全区共计"
    r"|(?:全\s*区|全\s*部|全\s*园\s*区?|总\s*[数量和额]|(?:grand\s*|sub\s*)?total|sum)\s*(?:[(（][^)）]{0,12}[)）])?\s*[:：]?\s*$)",
    re.IGNORECASE,
)
_FIGURE_FIELDS = ("value", "status", "month_value", "void", "growth")  # a row with none of these has no figure
_RATE_WORDS = ("增速", "增长", "同比", "率", "%", "幅")
_DOT_GROUPS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_COMMA_DECIMAL = re.compile(r"^[+-]?\d+,\d+$")


@dataclass(frozen=True, slots=True)
class Named:
    """What a row's name cell names: a ``target``, the ``milestone`` id when it names one of
    the target's milestones, ``via``: how it was matched (for ``--dry-run``), and the ``unit``
    the name carries in brackets (``新增创新空间面积（平方米）``: 平方米), the row's own unit."""

    target: Target
    milestone: str | None
    via: str
    unit: str | None = None
    carrier: bool = False  # a carrier's name, given to the target `import --target` names (OneTarget)


class Resolver:
    """Finds the target a cell names: its id, name, English name, one of its ``aliases``, or the
    name of one of its milestones, all made alike (full/half width, spaces, dashes); then the
    same with a row's numbering taken off (``一、``, ``（二）``, ``其中：``)."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.seen: dict[str, Named | None] = {}
        self.keys: dict[str, set[tuple[str, str | None, str]]] = {}
        texts: list[str] = []
        named: list[tuple[str, str | None, str]] = []
        for t in plan.targets:
            names = [(t.id, "id"), (t.name, "name"), (t.name_en or "", "English name")]
            names += [(a, f"alias {a!r}") for a in t.aliases]
            for text, via in names:
                if text:
                    texts.append(text)
                    named.append((t.id, None, via))
            for m in t.milestones:
                texts.append(m.name)
                named.append((t.id, m.id, f"milestone name {m.name!r}"))
        for k, item in zip(keys(texts), named, strict=True):  # made comparable at once: see names.keys
            self.keys.setdefault(k, set()).add(item)

    def find(self, cell: str) -> Named | None:
        """The target ``cell`` names, or ``None``. Raises :class:`EntryError` when it names
        several."""
        if cell in self.seen:  # a sheet names the same few targets on many rows
            return self.seen[cell]
        found = self.seen[cell] = self._find(cell)
        return found

    def _find(self, cell: str) -> Named | None:
        if (exact := self.plan.find(cell)) is not None:
            return Named(exact, None, "id")
        k = key(cell)
        matches = self.keys.get(k)
        if not matches:
            stripped = cell.strip()
            while m := _ROW_PREFIX.match(stripped):
                stripped = stripped[m.end() :]
            matches = self.keys.get(key(stripped)) if stripped != cell.strip() else None
        if not matches:
            return self._with_unit(cell)
        ids = sorted({tid for tid, _, _ in matches})
        if len(ids) > 1:
            raise EntryError(f"{cell!r} names {len(ids)} targets ({', '.join(ids)}); use the target id")
        tid, milestone, via = sorted(matches, key=lambda x: (x[1] is not None, x[2]))[0]
        return Named(self.plan.target(tid), milestone, via)

    def _with_unit(self, cell: str) -> Named | None:
        """What a name carrying its unit in brackets names (``新增创新空间面积（平方米）``), with
        that unit; ``None`` when the brackets hold no unit or the rest names no target."""
        m = _NAME_UNIT.match(unicodedata.normalize("NFKC", cell).strip())
        if m is None:
            return None
        try:
            unit = units.canonical(m.group(2))
        except units.UnitError:
            return None
        found = self._find(m.group(1))
        return None if found is None or found.unit is not None else dataclasses.replace(found, unit=unit)

    def __call__(self, cell: str) -> Target:
        """The target ``cell`` names; raises :class:`EntryError` (with a suggestion) if none."""
        found = self.find(cell)
        if found is None:
            raise EntryError(self.unknown(cell))
        return found.target

    def unknown(self, cell: str) -> str:
        """The message for a cell that names no target."""
        names = [t.id for t in self.plan.targets] + [t.name for t in self.plan.targets]
        hint = suggest(cell, names)
        return f"no target {cell!r}" + (
            f"; did you mean {hint}? (write it exactly, or add it to the target's aliases)" if hint else ""
        )


class OneTarget(Resolver):
    """A :class:`Resolver` for ``import --target``: every row is ``target``'s. A name cell that
    names ``target`` (its id, name, alias or milestone) is read as always; one that names no
    target of the plan names a carrier (载体, 项目) of ``target``'s (:attr:`Named.carrier`); a total row's label (合计, 小计) is no carrier and names nothing, to be
    refused as a total row is. Raises :class:`EntryError` for a cell naming another target, and
    for a carrier of a target that is no ``increment``: a total's, rate's, rank's or milestone's
    figure is one reading of the whole, and a carrier's is a part of it, never the whole."""

    def __init__(self, plan: Plan, target: Target) -> None:
        super().__init__(plan)
        self.target = target

    def _find(self, cell: str) -> Named | None:
        named = super()._find(cell)
        if named is None:
            if _TOTAL_ROW.match(cell.strip()):
                return None
            if self.target.kind is not _INCREMENT:  # a carrier's running total, rate or status is a part
                kind = self.target.kind.value
                raise EntryError(
                    f"{cell.strip()!r} names no target, so --target reads it as a carrier of {self.target.id!r}; "
                    f"but {self.target.id} (kind {kind}) keeps one figure of the whole, never a sum of its "
                    "carriers': give the whole's figure in a row naming the target, or record it with `tracker record`"
                )
            return Named(self.target, None, f"carrier {cell.strip()!r} (--target; kept as the note)", carrier=True)
        if named.target is not self.target:
            raise EntryError(
                f"{cell.strip()!r} names target {named.target.id!r}, but --target gives every row to "
                f"{self.target.id!r}; import a sheet of one target's rows, or this one without --target"
            )
        return named

    def unknown(self, cell: str) -> str:
        """Never asked of a carrier; a total row's label is refused as such."""
        return f"{cell.strip()!r} is a total row, which would be counted with its parts"


def _titled(plan: Plan, above: tuple[str, ...]) -> str | None:
    """The fix for a carrier sheet refused for want of ``--target`` when the texts ``above`` its
    header (the title) name one target of the plan alone, by its name or an alias, and it is an
    ``increment``: the ``--target`` to give, said as a question for a person to answer, never
    taken for them (a title may name more than its rows hold). Only an increment adds its
    carriers' figures up, so no other kind is offered. ``None`` when none or several are named."""
    said = [key(t) for t in above]
    found = {t.id: n for t in plan.targets for n in (t.name, *t.aliases) if n and any(key(n) in s for s in said)}
    if len(found) != 1:
        return None
    ((tid, named),) = found.items()
    if plan.target(tid).kind is not _INCREMENT:
        return None
    return f"if every row is {tid}'s, as the title's {named!r} says, import with --target {tid}; else add a 指标名称 column"


def one_target(plan: Plan, given: str) -> Target:
    """The target ``import --target`` names: its id, else its name or an alias as a sheet's row
    would name it. Raises :class:`~ledger.errors.UnknownTarget` (listing close ids) for none."""
    if (found := plan.find(given)) is not None:
        return found
    with contextlib.suppress(EntryError):
        if (named := Resolver(plan).find(given)) is not None and named.milestone is None:
            return named.target
    return plan.target(given)


def sheet_date(value: Any, default: date | None, year: int | None = None) -> date:
    """A date cell: an Excel date, ``2025-03-31``, ``2025-03``, ``2025Q1``, ``2025/3/31``,
    ``2025.3``, ``2025年3月`` or a month as Chinese sheets write it (``2025年3月末``, ``3月底``,
    ``2025年1-3月``: the month's end); empty means ``default`` (``--date``). A month written
    without a year (``3月末``) takes ``year``, the year the sheet names (its title), and is
    refused without one. Raises ``ValueError``, also for a number (Excel stores ``2025.10``
    typed in a cell as the number 2025.1, which would read as January) and for ``2025.1``, which
    a sheet that held 2025.10 as a number writes to CSV: January or October cannot be told."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        raise ValueError(
            f"holds the number {cell_text(value)}, not a date (Excel keeps 2025.10 typed as a number as 2025.1); "
            "type it as text or as a date"
        )
    return _text_date(cell_text(value), default, year)


# A sheet gives the same few dates, figures and marks on row after row: each distinct text is
# read once (the readers are pure; what they refuse is refused again, as errors are not kept).
@lru_cache(maxsize=4096)
def _text_date(text: str | None, default: date | None, year: int | None = None) -> date:
    if text is not None:
        text = unicodedata.normalize("NFKC", text).strip()
    if text is None or text.lower() in NO_FIGURE:
        if default is None:
            # The form, never a month: a sheet that says none would be filed under the one named.
            raise ValueError("no date; add a date column, or give --date YYYY-MM, the month its figures are for")
        return default
    try:
        if m := _CN_DATE.match(text):
            y, month, day = _full_year(m.group(1)), int(m.group(2)), m.group(3)
            return date(y, month, int(day)) if day else month_end(y, month)
        if m := _SLASH_DATE.match(text):  # 2025/6/30, 2025-6-30, 2025.06.30, with a time of day or not
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _SLASH_MONTH.match(text):  # 2025/6, 2025.06
            y, month_text = int(m.group(1)), m.group(2)
            if month_text == "1" and "." in text:
                # A number 2025.10 (October) is written 2025.1: its 0 is gone. 2025.01 and 2025.10
                # keep their digits, and 2025.2 could only lose a 0 off a month 20.
                raise _Said(
                    f"{text!r} may be January or October (a sheet that holds 2025.10 as a number writes it "
                    f"{y}.1); write {y}-01 or {y}-10"
                )
            return month_end(y, int(month_text))
        if m := _CN_MONTH.match(text):  # 2025年8月末, 2025年1-8月, 8月底 (the title's year)
            first, month = m.group(2), int(m.group(3))
            if first is not None and int(first) != 1:
                raise _Said(
                    f"{text!r} is a period from month {int(first)}, not from January; write the as-of date, "
                    f"{_full_year(m.group(1)) if m.group(1) else year or 'YYYY'}-{month:02d}"
                )
            if m.group(1) is not None:
                return month_end(_full_year(m.group(1)), month)
            if year is None:
                raise _Said(
                    f"{text!r} names no year, and nor does the sheet's title; write it with its year, YYYY-{month:02d}"
                )
            return month_end(year, month)
        return parse_date(text)
    except _Said:
        raise
    except ValueError:  # a month 13, a 30 February, a text that is no date
        pass
    raise ValueError(f"{text!r} is not a date; use 2025-06-30, 2025-06, 2025年6月, 2025年6月末 or 2025Q2")


def _full_year(digits: str) -> int:
    """A year as a date cell writes it: ``2025``, or ``25`` for 2025 (this century's: plans
    and their sheets are)."""
    return int(digits) + (2000 if len(digits) == 2 else 0)


@lru_cache(maxsize=1024)  # asked for the date cell of every row of an increment
def year_to_date_months(text: str) -> int | None:
    """N when a date cell's ``text`` names the year-to-date period 1—N月 with N > 1
    (``2025年1-8月``, ``1至8月``, ``2025年1-8月累计``, ``8月累计``, as a header's 8月累计 is 1—8月): the
    row's figures are then running totals, as under a title naming 1—N月; ``None`` for a month
    (``2025年8月``, ``8月末``: a date column's cell is the as-of date), 1—1月, or any other text."""
    m = _CN_MONTH.match(unicodedata.normalize("NFKC", text).strip())
    if m is None or (m.group(2) is None and m.group(4) is None):  # a month: the as-of date
        return None
    if m.group(2) is not None and int(m.group(2)) != 1:
        return None
    months = int(m.group(3))
    return months if months > 1 else None


class _Said(ValueError):
    """A date cell refused with its own reason (``2025.1``, January or October; ``8月末`` with
    no year anywhere), not as a text that is no date."""


@lru_cache(maxsize=8192)
def figure(text: str, decimal_comma: bool = False) -> str | None:
    """A figure cell as the plain number text it means, or ``None`` for a "no figure" mark
    (``—``, ``/``, ``…``, ``#N/A``). Full-width digits and punctuation count as ASCII
    (``４２５．３０`` is 425.30). In a ``;``-separated CSV the comma is the decimal mark
    (``12,500`` is 12.5); ``12.500`` there could be either, and is refused. A trailing ``%``
    is kept for the caller. A footnote mark after the figure (``842.7①``, ``6¹``, ``5.8*``:
    :func:`~ledger.numbers.footnote`) points at a note below the table and is no part of it:
    it is taken off (:meth:`_Sheet.figure` says so), never read as a digit. Raises ``ValueError``
    naming the text, for a mark inside a figure among others."""
    t = unicodedata.normalize("NFKC", text).strip().replace("\u2212", "-")
    if t.lower() in NO_FIGURE:
        return None
    if has_mark(text):  # before NFKC, which makes 842.7① 842.71
        bare = footnote(text)[0]
        if has_mark(bare):
            parse_number(bare)  # raises, naming the mark
        t = unicodedata.normalize("NFKC", bare).strip().replace("\u2212", "-")
    percent = t.endswith("%")
    body = t[:-1].strip() if percent else t
    if decimal_comma:
        if _DOT_GROUPS.match(body) and "," not in body:
            raise ValueError(
                f"{text!r} is ambiguous: in a ;-separated file the comma is the decimal mark, so a dot may group "
                "thousands; write it as 12,5 or 12500"
            )
        if _DOT_GROUPS.match(body):
            body = body.replace(".", "").replace(",", ".")
        elif _COMMA_DECIMAL.match(body):
            body = body.replace(",", ".")
    elif re.match(r"^[+-]?\d+,\d{1,2}$|^[+-]?\d+,\d{4,}$", body):
        raise ValueError(f"{text!r} is ambiguous: is the comma a decimal mark? write it as 12.5 or 12500")
    return body + ("%" if percent else "")


class Reading(NamedTuple):  # a tuple: one is made for every row of an import
    """How one entry was read from its row, for ``--dry-run`` and for checks of meaning.

    ``column`` is the column its figure (or a milestone's status) came from:
    ``column.running_total`` says it holds a 1—N月累计 figure. ``unit_from`` is ``"header"``,
    ``"cell"`` (the row's 单位 cell, in ``unit_column``), ``"line"`` (a ``单位：…`` line above the
    table), ``"sign"`` (a ``%`` in the cell) or ``""`` (the target's own unit); ``date_from``
    says where the as-of date was read; ``target_via`` how the name cell (in
    ``target_column``) matched the target; ``month_from`` where the 本月 figure beside a running
    total came from, and what it was before its conversion to the entry's unit."""

    row: int
    column: Column | None
    unit_from: str
    date_from: str
    target_via: str
    target_column: Column | None = None
    unit_column: Column | None = None
    unit_stated: str = ""  # where a unit line above the table said it: "the unit line '单位：万元' (A2)"
    # Where a running total's month figure (本月) came from: "column '本月（万元）' (C3), 1124000 万元 converted";
    # for an addition, the 1—N月累计 beside it that the checks hold its additions to
    month_from: str = ""
    footnote: str = ""  # a footnote mark taken off the figure: "'842.7①' read as 842.7, '①' a footnote mark"

    def where(self, column: Column | None) -> str:
        """A column of this row as a person finds it: ``column '1-2月 绝对值' (C6)``."""
        if column is None:
            return "?"
        return f"column {column.label!r} ({column.letter}{self.row})" if column.number else f"column {column.label!r}"

    def unit_text(self, entry: Entry) -> str:
        """Where the unit came from, in words."""
        if self.unit_from == "header" and self.column is not None:
            return f"the header of {self.column.label!r}"
        if self.unit_from == "cell":
            return f"单位 cell ({self.unit_column.letter if self.unit_column else ''}{self.row})"
        if self.unit_from == "line":
            return self.unit_stated or "the 单位 line above the table"
        if self.unit_from == "name":
            return self.unit_stated
        if self.unit_from == "sign":
            return "the % sign in the cell"
        return f"the target's unit ({entry.unit})" if entry.unit else "none"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a sheet amounts to: the entries to record, the problems that refuse the import
    (``row N: …``), notes for rows passed over (blank figures, section headings), rows naming
    no target that ``--skip-unknown`` passed over, and how each entry was read."""

    entries: list[Entry]
    problems: list[Problem]
    skipped: list[str]
    numbers: list[int]  # the row each entry comes from
    unknown: list[str] = default(default_factory=list)
    readings: list[Reading] = default(default_factory=list)
    units_given: int = 0  # how many entries took their unit from the sheet's unit column (单位)
    units_headed: int = 0  # how many from a column's header
    units_stated: int = 0  # how many from a unit line above the table, or the title (…（单位：万元）)
    units_signed: int = 0  # how many from a % sign in the cell
    totals: list[str] = default(default_factory=list)  # total rows --skip-unknown passed over
    # The 1—N月累计 an addition's row gave beside its month figure, by entry id (meaning.running_totals)
    running: dict[str, RunningTotal] = default(default_factory=dict)
    # A running total refused as an addition's only figure, by row: what the ledger makes of it (meaning.running_only)
    alone: dict[int, RunningOnly | None] = default(default_factory=dict)
    subtotals: list[str] = default(default_factory=list)  # unlabelled subtotal rows passed over, and why
    footnotes: list[str] = default(default_factory=list)  # figures read without a footnote mark after them
    passed: list[int] = default(default_factory=list)  # rows of a corrected sheet the ledger holds already (resent)


def rows_to_entries(
    plan: Plan,
    table: Table,
    *,
    existing: list[Entry],
    default_date: date | None,
    recorded: datetime,
    by: str,
    spreadsheet: bool,
    default_from: str = "--date",
    skip_unknown: bool = False,
    source: str | None = None,
    note: str | None = None,
    progress: Callable[[], None] | None = None,
    readings: bool = True,
    quick: bool = True,
    target: Target | None = None,
) -> Outcome:
    """Entries for the rows of ``table``, each checked as ``tracker record`` would check it.

    Columns written by ``tracker export`` (id, recorded, corrects, void, reason) are kept, so an
    export imports back as it was; a correction must name an entry of the same target that is
    not corrected already. ``spreadsheet`` (CSV, XLSX, XLS) takes off the apostrophe that guards
    formula-like text. The as-of date is the row's date cell, else ``default_date`` (``--date``,
    or a header's own year and month: ``default_from`` says which), else the period the sheet
    states. A figure's unit is the one in its header, else the row's
    单位 cell (the two must agree), else a ``单位：…`` line, else the target's. A rate target
    takes its figure from the growth column when the sheet has one, whatever its row's name
    (a figure only in another figure column is refused); without one, a row naming the
    underlying quantity (``规模以上工业增加值``) is refused. ``source`` and ``note`` (``--source``,
    ``--note``) fill those fields of every row that has none.

    ``readings=False`` leaves :attr:`Outcome.readings` empty: only ``--dry-run`` shows them, and
    an import of thousands of rows need not build one for each. ``quick=False`` reads every row
    by the general path alone, for the tests that hold the common rows' quick path
    (:class:`_Common`) to it: the outcome is the same either way. ``target`` (``--target``) gives
    every row to that target (:class:`OneTarget`): a name naming no target is its carrier's."""
    resolve = Resolver(plan) if target is None else OneTarget(plan, target)
    out = Outcome([], [], [], [])
    ids = {e.id for e in existing}
    corrections = "corrects" in table.by_field  # else no row can name an entry to correct
    # What a correction is checked against: read only when the sheet has a corrects column.
    targets_of = {e.id: e.target for e in existing} if corrections else {}
    corrected = {e.corrects for e in existing if e.corrects} if corrections else set()
    fill_down = table.column("milestone") is not None
    last_name: str | None = None
    sheet = _Sheet(table, spreadsheet, default_date, default_from)
    if (ytd := _one_meaning(table, sheet, resolve)) is not None:
        table = ytd
        sheet = _Sheet(table, spreadsheet, default_date, default_from)
    sheet.running, sheet.alone = out.running, out.alone
    counts = [0] * 5  # figures whose unit the sheet gave, by where (see _UNIT_COUNT)
    common = (
        _Common.of(
            plan, sheet, resolve, out, ids, recorded=recorded, by=by, source=source, note=note, readings=readings
        )
        if quick
        else None
    )

    # Growth columns that are not the year's (本月增速, 环比%): a rate's row whose only figure is
    # there is refused, never passed over as a row without a figure (its growth would go unrecorded).
    not_growth = [c for c in table.columns if c.why in NOT_GROWTH and c.number]
    growth_left: list[tuple[Problem, str]] = []  # such rows' refusals, and their names

    def general(row: Row, got: dict[str, str]) -> None:
        """Read one row, any row, into ``out``: its entry, or its problem, or a note passing it over."""
        nonlocal last_name
        name = got.get("target")
        if name is None and fill_down and last_name is not None:
            name = last_name  # a group cell filled only on its first row holds for the rows below
        elif name is not None:
            last_name = name
        if got.keys().isdisjoint(_FIGURE_FIELDS):  # got holds only the fields that have text
            what = name or ""
            if not_growth and what and (left := _growth_left_out(resolve, what, row, not_growth, table)) is not None:
                growth_left.append((Problem(left, where=f"row {row.number}", row=row.number), what.strip()))
                return
            if not (what and _TOTAL_ROW.match(what.strip())):
                out.skipped.append(f"row {row.number}" + (f" ({what.strip()})" if what else ""))
                return  # a section heading, or a target with no figure this month
        try:
            if name is None:
                if target is not None:  # an unnamed row among carriers' may be their subtotal
                    raise EntryError(
                        "no carrier named: fill in the row's name, or delete it if it is a total of the rows above "
                        "(tracker adds rows up itself)"
                    )
                raise EntryError("no target: fill in the target's name or id")
            named = resolve.find(name)
            if named is None:
                if _TOTAL_ROW.match(name.strip()) and not skip_unknown:
                    raise EntryError(
                        f"{name.strip()!r} is a total row, which would be counted with its parts; delete it "
                        "(tracker adds rows up itself), or pass it over with --skip-unknown"
                    )
                if skip_unknown:
                    out.unknown.append(f"row {row.number} ({name.strip()})")
                    return
                raise EntryError(resolve.unknown(name) + "; or pass such rows over with --skip-unknown")
            made = _entry(plan, sheet, row, got, named, recorded, by, ids, source, note)
            if made is None:
                out.skipped.append(f"row {row.number} ({name.strip()})")
                return
            e, reading = made
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
            out.entries.append(e)
            out.numbers.append(row.number)
            if readings:
                out.readings.append(reading)
            if reading.unit_from and e.value is not None:  # most figures take their target's unit
                counts[_UNIT_COUNT.get(reading.unit_from, 0)] += 1
            ids.add(e.id)
            if corrections:
                targets_of[e.id] = e.target
        except EntryError as error:
            out.problems.append(error.in_sheet()._replace(where=f"row {row.number}", row=row.number))
        except (ValueError, units.UnitError) as error:
            out.problems.append(Problem(str(error), where=f"row {row.number}", row=row.number))

    for number, label, col in table.totals:  # 小计 in a label column other than the target's
        if skip_unknown:
            out.totals.append(f"row {number} ({label})")
            continue
        out.problems.append(
            Problem(
                f"{label!r} in column {col.label!r} ({col.letter}{number}) marks a total row, which would be counted "
                "with its parts; delete it (tracker adds rows up itself), or pass it over with --skip-unknown",
                where=f"row {number}",
                row=number,
            )
        )
    for unlabelled in table.unlabelled:
        said = _subtotal(sheet, unlabelled)
        if isinstance(said, Problem):
            out.problems.append(said)
        else:
            out.subtotals.append(said)
    if common is not None:
        common.read(table.rows, general, progress)
        counts = [a + b for a, b in zip(counts, common.counts, strict=True)]
    else:
        for row in table.rows:
            if progress:
                progress()
            general(row, sheet.texts(row))
    if growth_left and (out.entries or out.problems):
        out.problems.extend(p for p, _ in growth_left)  # the rest would import with these rates unrecorded
    elif growth_left:  # no row has a figure: the sheet's refusal says what each column is
        out.skipped.extend(f"row {p.row} ({what})" for p, what in growth_left)
    if (table.totals or table.unlabelled or growth_left) and out.problems:
        out.problems.sort(key=lambda p: p.row or 0)
    _, given, headed, stated, signed = counts
    return dataclasses.replace(
        out, units_given=given, units_headed=headed, units_stated=stated, units_signed=signed,
        footnotes=list(sheet.footnotes.values()),
    )  # fmt: skip


def _not_understood_fix(plan: Plan, table: Table, unread: list[Column], holds: str) -> str:
    """The hint for a sheet whose figures are all in columns ``unread`` whose headers say nothing
    tracker knows (``截至今日数``): the ``--map`` that reads the first as the figure. For an
    ``increment`` (which adds its entries up) a ``value`` column whose header names no period is an
    addition, so a column of the year so far so mapped would count the months before again: where
    a row names one, the hint asks which the column holds and offers the map for the month's own.

    Only columns holding numbers are offered. Where several do (one column per carrier or
    district), mapping any one of them would drop the others' figures without a word: the hint
    names that layout and offers their total column (合计) when there is one, else says how to
    import such a sheet, never one part's column."""
    figures = [c for c in unread if _holds_numbers(table, c)]
    if len(figures) == 1:
        unread, holds = figures, "it holds"
    target_col = table.by_field.get("target")
    resolve = Resolver(plan)
    names = (_cell_of(table, row, target_col) for row in table.rows) if target_col is not None else iter(())
    adds = any((n := resolve.find(name.strip())) is not None and n.target.kind is _INCREMENT for name in names if name)
    if len(figures) > 1:
        return _wide_fix(figures, adds)
    label = unread[0].label
    if adds:
        return (
            f"if {holds} each month's own addition, import with --map '{label}=month_value'; if it holds the year "
            "so far, head it 1—N月累计 (an increment takes the month's own figure)"
        )
    return f"if {holds} the figures, import with --map '{label}=value'"


def _holds_numbers(table: Table, col: Column) -> bool:
    """Whether any row of ``table`` has a number in ``col``."""
    for row in table.rows:
        text = _cell_of(table, row, col)
        try:
            if text and (shown := figure(text, table.decimal_comma)) is not None:
                cached_number(shown.removesuffix("%"))
                return True
        except ValueError:
            continue
    return False


def _one_part_mapped(table: Table) -> Problem | None:
    """The refusal of a ``--map`` that reads one part's column of a sheet laid out wide (one
    column per carrier beside their 合计) as the figure: the other parts' figures would be left
    out. Only where the sheet has a total column holding numbers, left unused, and another part's
    column beside it; ``None`` otherwise."""
    chosen = [c for c in table.columns if c.mapped and c.field in ("value", "month_value")]
    if len(chosen) != 1 or is_total_label(chosen[0].label):
        return None
    unused = [c for c in table.columns if c.label in table.ignored and c.label and c.why is None and not c.mapped]
    figures = [c for c in unused if _holds_numbers(table, c)]
    totals = [c for c in figures if is_total_label(c.label)]
    if len(totals) != 1 or len(figures) < 2:
        return None
    part, total = chosen[0], totals[0]
    others = ", ".join(f"{c.label!r}" + (f" ({c.letter})" if c.number else "") for c in figures if c is not total)
    where = f" ({part.letter})" if part.number else ""
    return Problem(
        f"{part.label!r}{where}, mapped as {part.field}, is one part of a sheet that gives one column per part and their "
        f"total {total.label!r} ({total.letter}): alone it would leave out {others}",
        fix=f"import the total with --map '{total.label}={part.field}'",
    )


def _wide_fix(figures: list[Column], adds: bool) -> str:
    """The hint for a sheet laid out wide: several columns of figures for each row (one per
    carrier, 东湖孵化园 | 临平科创中心), perhaps beside their total (合计)."""
    totals = [c for c in figures if is_total_label(c.label)]
    parts = [c for c in figures if c not in totals]

    def said(cols: list[Column]) -> str:
        return ", ".join(f"{c.label!r}" + (f" ({c.letter})" if c.number else "") for c in cols)

    if len(totals) == 1 and parts:
        total = totals[0].label
        layout = f"the sheet gives one column per part ({said(parts)}) and their total {said(totals)}"
        if adds:
            return (
                f"{layout}: if the total holds the month's own addition, import it with --map '{total}=month_value' "
                "(one part's column alone would leave out the others); if it holds the year so far, head it 1—N月累计"
            )
        return f"{layout}: import the total with --map '{total}=value' (one part's column alone would leave out the others)"
    layout = f"the sheet gives several columns of figures for each row ({said(figures)}), one per part"
    if adds:
        return (
            f"{layout}: tracker reads one figure a row; give one row per part (指标名称 | 载体名称 | 本月新增), "
            "or add their total (合计) and import it with --map '合计=month_value'"
        )
    return f"{layout}: tracker reads one figure a row; add their total (合计) and import it with --map '合计=value'"


def _cell_of(table: Table, row: Row, col: Column) -> str | None:
    """The text of ``row``'s cell in ``col`` (any column, used or not), or ``None``."""
    if table.keyed_by == "index":
        return cell_text(row.cells[col.number - 1] if col.number <= len(row.cells) else None)
    return cell_text(row.cells.get(col.label if table.keyed_by == "label" else col.number))


def _growth_left_out(resolve: Resolver, name: str, row: Row, columns: list[Column], table: Table) -> str | None:
    """Why the row of a rate target named ``name`` is refused when its only figures are in
    ``columns``, growth or percent columns that are not the year's growth (``本月增速（%）``: a
    single month's), or ``None`` when it names no rate or they are blank: passing it over as a
    row without a figure would leave the rate unrecorded without a word."""
    named = resolve.find(name)
    if named is None or named.target.kind is not Kind.RATE:
        return None
    target = named.target
    for col in columns:
        text = _cell_of(table, row, col)
        if text is None or not text.strip() or is_no_figure(text.strip()):
            continue
        n = col.months or (table.period.month if table.period else "N")
        return (
            f"{target.id} is a rate, whose figure is its year-to-date growth, but the row's only figure is "
            f"{text.strip()} under {col.label!r} ({col.letter}{row.number}), {col.why}, which is not recorded; "
            f"add the 1-{n}月同比增长% column (or 累计增速), or record it with `tracker record {target.id} GROWTH`"
        )
    return None


def _subtotal(sheet: _Sheet, found: Unlabelled) -> str | Problem:
    """What to make of a row of a group under one target (merged down, or held down from the
    group's first row) with its label cells empty while the group's other rows fill theirs
    (:class:`~ledger.layout.Unlabelled`): when each of its figures
    (value, 本月) is the sum of the group's labelled rows above it, in the same 单位, it is their
    subtotal, passed over (the note's text returned); otherwise it cannot be told from a carrier
    left unnamed, and it is refused (the :class:`~ledger.errors.Problem` returned), never counted."""
    row, above = found.row, found.above
    got = sheet.texts(row)
    label = "/".join(c.label for c in found.labels)
    group = f"under {found.name!r} ({found.where})"
    rows = _rows_text([r.number for r in above]) if above else ""
    sums: list[str] = []
    differs: list[str] = []
    try:
        for f in ("value", "month_value"):
            text = sheet.figure(got.get(f), sheet.fields.get(f), row)
            if text is None:
                continue
            parts = [p for r in above if (p := sheet.figure(sheet.texts(r).get(f), sheet.fields.get(f), r))]
            total = sum(map(cached_number, parts), Decimal(0))
            if cached_number(text) == total and parts:
                sums.append(f"{text} = {' + '.join(parts)}")
            else:
                differs.append(f"{text} is not the sum of {rows} above it ({plain(total)})" if above else text)
    except ValueError:  # a mark or a text that is no number: nothing to add up
        differs.append("its figure cannot be added up")
    if above and any(sheet.texts(r).get("unit") != got.get("unit") for r in above):
        differs.append(f"its 单位 is not that of {rows}")
    if sums and not differs:
        return (
            f"passed over row {row.number} {group}, a subtotal: its {label} is empty and {'; '.join(sums)}, "
            f"{rows} above it (tracker adds rows up itself)"
        )
    why = "; ".join(differs) if above and sums + differs else f"no row above it in the group names its {label}"
    return Problem(
        f"its {label} is empty, unlike the other rows {group}, and {why}: a subtotal, or a row whose {label} was "
        "left out? it is not counted",
        where=f"row {row.number}",
        row=row.number,
        fix=f"label it 合计 if it is a total (then --skip-unknown passes it over), or delete it; if it is a row of "
        f"its own, fill in its {label}",
    )


def _rows_text(numbers: list[int]) -> str:
    """Row numbers as a person reads them: ``row 3``, ``rows 3–4``, ``rows 3, 4 and 6``."""
    if len(numbers) == 1:
        return f"row {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"rows {numbers[0]}–{numbers[-1]}"
    return "rows " + ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"


def _where(col: Column | None, row: Row) -> str:
    return Reading(row.number, col, "", "", "").where(col)


# The fields only `tracker export` writes. Nearly every sheet an office sends has none of these
# columns, and then each row skips their handling as a whole (see _Sheet.exported).
_EXPORT_FIELDS = frozenset({"id", "recorded", "corrects", "void", "reason", "forced"})
# How far ahead of this import an imported ``recorded`` stamp may be: another machine's clock.
_CLOCK_SKEW = timedelta(days=1)
_UNSEEN: Any = object()  # a cache's "not read yet", which None (a blank) cannot say


def cell_field_text(text: str, spreadsheet: bool, marks: bool) -> str | None:
    """A cell's text as a field reads it: stripped, ``None`` when blank; in a ``spreadsheet`` the
    apostrophe ``export`` puts before formula-like text taken off, and, when ``marks``, a "no
    figure" mark (``—``, ``/``, ``#N/A``) read as blank. ``marks`` is false for the target and id
    columns, whose text is a name, never a figure."""
    if not text or not (text := text.strip()):
        return None
    if spreadsheet and text[0] == "'":
        return restore(text)  # the apostrophe export puts before formula-like text, taken off again
    # A mark such as / or — means "no figure" in a sheet; JSON Lines say null for that.
    if spreadsheet and marks and is_no_figure(text):
        return None
    return text


class _FieldTexts(dict[str, "str | None"]):
    """:func:`cell_field_text` of each distinct cell text of a sheet, worked out when first
    looked up: a dict whose ``__missing__`` reads a text not seen before, so that a text seen
    before costs one look-up in C."""

    __slots__ = ("marks", "spreadsheet")

    def __init__(self, spreadsheet: bool, marks: bool) -> None:
        super().__init__()
        self.spreadsheet = spreadsheet
        self.marks = marks

    def __missing__(self, text: str) -> str | None:
        read = self[text] = cell_field_text(text, self.spreadsheet, self.marks)
        return read


class _Days(dict[str, tuple[date, str]]):
    """The as-of date of each distinct text of a date column, and where it was read, worked
    out when first looked up (:func:`sheet_date`, a month without a year taking ``year``, the
    sheet's, with where it was read; a text it refuses is not kept)."""

    __slots__ = ("year",)

    def __init__(self, year: tuple[int, str] | None) -> None:
        super().__init__()
        self.year = year

    def __missing__(self, text: str) -> tuple[date, str]:
        day = sheet_date(text, None, self.year[0] if self.year else None)
        where = "the date column"
        if self.year is not None and not _A_YEAR.search(unicodedata.normalize("NFKC", text)):
            where = f"the date column's month and the year in {self.year[1]}"  # 8月末 under a 2025 title
        found = self[text] = day, where
        return found


class _Memo(dict[Any, Any]):
    """A dict that works out a key's value when it is first looked up (``read(key)``) and keeps
    it, as :class:`_FieldTexts` does for cell texts: a key seen before costs one look-up in C."""

    __slots__ = ("read",)

    def __init__(self, read: Callable[[Any], Any]) -> None:
        super().__init__()
        self.read = read

    def __missing__(self, key: Any) -> Any:
        found = self[key] = self.read(key)
        return found


class _Sheet:
    """What :func:`rows_to_entries` decides once for a sheet rather than for each of its rows,
    and what it reads once for each distinct text rather than for each cell.

    A monthly sheet is thousands of rows over a few columns that repeat a few hundred texts (the
    targets' names, the dates, the figures): the columns each field comes from, whether the sheet
    has any of the columns only ``tracker export`` writes (:data:`_EXPORT_FIELDS`; most have none,
    and their rows then skip that handling whole), and the as-of date for rows without a date
    cell are worked out here once; a cell's text as a field reads it (:func:`cell_field_text`),
    a date cell's date and a figure's plain text (:func:`figure`) once per distinct text. The
    readers are pure, so each row's answer is the one it would get alone; a text they refuse is
    not kept, and is refused again, with the same message, on every row that holds it."""

    def __init__(
        self, table: Table, spreadsheet: bool, default_date: date | None, default_from: str = "--date"
    ) -> None:
        self.table = table
        fields = self.fields = table.by_field
        self.spreadsheet = spreadsheet
        self.default_date = default_date
        self.exported = not _EXPORT_FIELDS.isdisjoint(fields)
        self.date_col = fields.get("date")
        keyed_by = table.keyed_by
        # Where a row's cells hold each field's value (see Table.keyed_by), found once here.
        where: dict[str, str | int] = {
            f: c.label if keyed_by == "label" else c.number if keyed_by == "number" else c.number - 1
            for f, c in fields.items()
        }
        self.date_key = where.get("date")
        self.target_col = fields.get("target")
        self.value_col = fields.get("value")
        self.month_col = fields.get("month_value")
        self.status_col = fields.get("status")
        self.unit_col = fields.get("unit")
        self.growth = fields.get("growth")
        self.running: dict[str, RunningTotal] = {}  # rows_to_entries shares its Outcome's
        self.alone: dict[int, RunningOnly | None] = {}  # and these, by row number
        # Whether any unit is written in the sheet (a 单位 column or line, a unit in a figure
        # column's header): without one, _unit's answer is "none" on every row.
        self.units = (
            "unit" in fields
            or table.unit is not None
            or bool(table.line_units)
            or any(c.unit is not None for c in table.columns)
        )
        # A cell's text as each field reads it, kept per distinct text: names (the target and id
        # columns, where "no figure" marks are text) apart from the rest, the date's with the rest.
        names = self.names = _FieldTexts(spreadsheet, False)
        self.marked = _FieldTexts(spreadsheet, True)
        # (field, where its cells are, its texts read so far) for every field but the date
        self.readers: list[tuple[str, str | int, _FieldTexts]] = [
            (f, where[f], names if f in ("target", "id") else self.marked) for f in fields if f != "date"
        ]
        # A CSV record's cells are all texts, each field's there: (field, index, its texts'
        # look-up, a bound method, the cheapest call), the date last as texts gives it.
        self.record: list[tuple[str, int, Callable[[str], str | None]]] | None = None
        # For _Common.read_records: where a row's cells are read by index, each field's index;
        # a CSV record is read as it is, a workbook's row as a list of its fields' cells (its
        # cells at the column numbers in ``pick``, None for a blank one), in the order of ``fields``.
        self.index: dict[str, int] | None = None
        self.pick: list[int] | None = None
        if keyed_by == "index":
            self.record = [(f, int(at), seen.__getitem__) for f, at, seen in self.readers]
            if self.date_key is not None:
                self.record.append(("date", int(self.date_key), self.marked.__getitem__))
            self.index = {f: int(at) for f, at in where.items()}
        elif keyed_by == "number":
            self.pick = [int(where[f]) for f in fields]
            self.index = {f: i for i, f in enumerate(fields)}
        self.days = _Days(table.year)
        self.figures: dict[str, str | None] = {}
        self.marked_figures: set[str] = set()  # figure texts with a footnote mark after them
        self.footnotes: dict[str, str] = {}  # by cell (_where): how its footnote mark was taken off
        self.rate_rows: dict[str, bool] = {}
        self.percent_cells: dict[int, tuple[int, PercentCell] | None] = {}  # see percent_shown
        self.points: dict[int, list[tuple[int, PercentCell]]] = {}  # see percent_points
        if default_date is not None:
            self.fallback: tuple[date, str] | None = default_date, default_from
        elif table.period is not None:
            self.fallback = table.period, str(table.period_from)
        else:
            self.fallback = None
        self.through = _through(table)

    def texts(self, row: Row) -> dict[str, str]:
        """The text of each field of ``row`` that has one (see :func:`cell_field_text`); an
        Excel date is taken as it is by :meth:`day`, and its text is not worked out."""
        cells = row.cells
        got: dict[str, str] = {}
        if self.record is not None:  # a CSV record: a text in every field's cell ("" when blank)
            for f, at, look_up in self.record:
                if (cell := cells[at]) and (text := look_up(cell)) is not None:  # "" is blank
                    got[f] = text
            return got
        for f, where, seen in self.readers:
            value = cells.get(where)
            if value is None:
                continue
            cell = value if type(value) is str else cell_text(value)
            if cell is not None and (read := seen[cell]) is not None:
                got[f] = read
        if self.date_key is not None:
            value = cells.get(self.date_key)
            if value is not None and not isinstance(value, date):
                cell = value if type(value) is str else cell_text(value)
                if cell is not None and (read := self.marked[cell]) is not None:
                    got["date"] = read
        return got

    def day(self, row: Row, got: dict[str, str]) -> tuple[date, str]:
        """The as-of date of ``row`` and where it was read: its date cell, else ``--date``, else
        the sheet's period. A date cell within the month the headers or the title say the
        figures run through (``1-8月累计`` beside ``2025-08-01``, as systems export a period as its
        first day) gives that month's end. Raises ``ValueError`` for a date cell that is not a
        date, or when no date is given anywhere. ``got`` is the row's :meth:`texts`."""
        day, said = self._day(row, got)
        return self.through_end(day), said

    def through_end(self, day: date) -> date:
        """``day``, or the end of its month when that is the month the figures run through."""
        if (through := self.through) is not None and day.month == through[1] and through[0] in (None, day.year):
            return month_end(day.year, day.month)
        return day

    def _day(self, row: Row, got: dict[str, str]) -> tuple[date, str]:
        if "date" in got:  # the date cell holds text or a number, not an Excel date
            cell = row.cells[self.date_key] if self.record is not None else row.cells.get(self.date_key)
            if type(cell) is not str:
                try:
                    return sheet_date(cell, None), "the date column"
                except ValueError as e:
                    raise ValueError(f"{_where(self.date_col, row)} {e}") from None
            try:
                return self.days[cell]
            except ValueError as e:
                raise ValueError(f"{_where(self.date_col, row)}: {e}") from None
        if self.date_key is not None and self.record is None:
            cell = row.cells.get(self.date_key)
            if isinstance(cell, date):
                return (cell.date() if isinstance(cell, datetime) else cell), "the date column"
        if self.fallback is not None:
            return self.fallback
        return sheet_date(None, None), ""  # raises: no date anywhere

    def period(self, row: Row) -> tuple[int, str] | None:
        """``(N, where)`` when ``row``'s date cell names the period 1—N月 (N > 1,
        :func:`year_to_date_months`), ``where`` naming the cell (``its date '2025年1-8月' (D2)``)."""
        if self.date_key is None:
            return None
        cell = row.cells[self.date_key] if self.record is not None else row.cells.get(self.date_key)
        if type(cell) is not str or (months := year_to_date_months(cell)) is None:
            return None
        col = self.date_col
        return months, f"its date {cell.strip()!r}" + (f" ({col.letter}{row.number})" if col and col.number else "")

    def figure(self, text: str | None, col: Column | None, row: Row) -> str | None:
        """:func:`figure` of a cell's ``text`` in this sheet; a refusal names the cell."""
        if text is None:
            return None
        read = self.figures.get(text, _UNSEEN)
        if read is _UNSEEN:
            try:
                read = self.figures[text] = figure(text, self.table.decimal_comma)
            except ValueError as e:
                raise ValueError(f"{_where(col, row)}: {e}") from None
            if read is not None and has_mark(text):
                self.marked_figures.add(text)
        if self.marked_figures and text in self.marked_figures:
            where = _where(col, row)
            body, mark = footnote(text)
            self.footnotes[where] = (
                f"{where}: {text.strip()!r} read as {body.strip()}, {mark!r} taken as a footnote mark"
            )
        return read  # type: ignore[no-any-return]

    def percent_shown(self, col: Column | None) -> tuple[int, PercentCell] | None:
        """The first cell of ``col`` shown as a percentage, as ``(row number, value)``: in a
        workbook one formatted so (a :class:`~ledger.sheets.PercentCell`), in a CSV one written
        with its sign (``7.6%``, ``7.6％``: what Excel saves for a cell formatted ``0.0%``), read as
        ``PercentCell("7.6")``; ``None`` when it has none, and in a ledger file (JSON Lines,
        TOML), whose values are the figures. Beside such a cell a rate's plain figure under 1 is
        ambiguous (:func:`_plain_among_percent`). Looked for once per column, and only when a
        rate's row reads it."""
        if col is None or self.table.keyed_by == "label":
            return None
        number = col.number
        found = self.percent_cells.get(number, _UNSEEN)
        if found is _UNSEEN:
            rows = self.table.rows
            if self.table.keyed_by == "number":
                found = next(((row.number, v) for row in rows if type(v := row.cells.get(number)) is PercentCell), None)
            else:
                comma = self.table.decimal_comma
                found = next(filter(None, (_written_percent(row, number, comma) for row in rows)), None)
            self.percent_cells[number] = found
        return found  # type: ignore[no-any-return]

    def percent_points(self, col: Column) -> list[tuple[int, PercentCell]]:
        """The cells of ``col`` formatted as percentages, as ``(row number, value shown)``, when
        every one of them (not 0) shows 100 % or more in size: percent points (5.8) typed into
        cells formatted ``0.0%``, which show 580 %. Empty when any shows less (a real 120 %
        beside 5.4 % is read as shown). Worked out once per column (:func:`_points_in_percent`)."""
        if self.table.keyed_by != "number":
            return []  # a CSV's 580% is written so: it shows what it holds
        found = self.points.get(col.number)
        if found is None:
            cells = [(row.number, v) for row in self.table.rows if type(v := row.cells.get(col.number)) is PercentCell]
            shown = [(n, v) for n, v in cells if v]
            found = self.points[col.number] = shown if shown and all(abs(v) > 100 for _, v in shown) else []
        return found

    def names_rate(self, name: str) -> bool:
        """Whether a row's name cell names a rate (增速, 同比, %…) rather than the quantity
        whose growth column a rate target reads."""
        found = self.rate_rows.get(name)
        if found is None:
            found = self.rate_rows[name] = any(w in key(name) for w in _RATE_WORDS)
        return found


# The fields the quick path reads (see _Common): a sheet with any other column (a 1—N月 month
# figure, a milestone, a rank's period, the columns only `tracker export` writes) is read by the
# general path alone.
_COMMON_FIELDS = frozenset({"target", "value", "unit", "status", "date", "note", "source", "by", "growth"})
# An Entry or a Reading built from its fields in order, as record.entry_of builds one: binding a
# named tuple's parameters one by one costs several times the tuple.
_new_tuple = tuple.__new__
_How = tuple[str | None, str, int]  # see _Rule
# Where a figure's unit was read, as counted for the success line (0: the target's own unit).
_UNIT_COUNT = {"cell": 1, "header": 2, "name": 2, "line": 3, "sign": 4}  # a row's name is its header
_NO_ROW = Row(0, None)  # a row for a check whose refusal (naming the row) is not kept


def _text_of(cell: Any) -> str:
    """A cell's text as :meth:`_Sheet.texts` reads it before its field's reading ("" when blank)."""
    return cell if type(cell) is str else (cell_text(cell) or "")


# The types of a date cell's value that _Common.read_records keeps its reading by (see there).
_TEXT_TYPES = frozenset({str, type(None)})
_DAY_TYPES = _TEXT_TYPES | {datetime}


class _Rule:
    """How :class:`_Common` reads the rows whose name cell holds one text: the ``target`` it names
    and ``via`` what, the ``field`` and ``column`` its figure comes from (``value``, or ``growth``
    for a rate target on a sheet with a growth column; ``status`` for a milestone), the
    column a reading shows, and what the figure's unit is: ``fixed`` when no 单位 cell can change
    it, else for each distinct 单位 cell text in ``units``, as ``(unit recorded, where it was read,
    its count in _UNIT_COUNT: 1 for a 单位 cell, 2 a header, 3 a 单位 line, 4 a sign, 0 the target's own)``, ``None``
    for a unit that the general path refuses."""

    __slots__ = ("adds", "at", "cell_units", "column", "field", "fixed", "id", "rank", "shown", "status", "target",
                 "units", "via")  # fmt: skip

    def __init__(self, named: Named, field: str, column: Column | None, shown: Column | None) -> None:
        self.target = named.target
        self.id = named.target.id
        self.via = named.via
        self.field = field
        self.column = column
        self.shown = shown
        self.rank = named.target.kind is _RANK
        self.status = named.target.kind is _MILESTONE
        # An increment: a row whose date cell names 1—N月 goes to the general path, which refuses it.
        self.adds = named.target.kind is _INCREMENT
        self.fixed: _How | None = None
        self.units: dict[str | None, _How | None] | None = None
        # For a CSV's records (_Common.read_records): the index of the figure's cell, and
        # ``units`` keyed by the 单位 cell as it stands ("" when blank or when there is none).
        self.at: int | None = None
        self.cell_units: _Memo | None = None


class _Common:
    """The quick path of :func:`rows_to_entries`, for the rows nearly every sheet is made of: a
    name the sheet gave before (its target found then, by the general path), a figure (or a
    milestone's status), perhaps a 单位 cell, a date; no month figure, milestone, period or export
    column. For each such name the target's reading is worked out once (:class:`_Rule`: the
    column its figure comes from, what each 单位 text makes of the unit), for each distinct figure
    text its number, and a row then costs a few look-ups and the entry's tuple.

    It exists because the general path (:func:`_entry`, :func:`~ledger.record.entry_of`) asks,
    for each row, every question any row may raise (export columns, corrections, milestones,
    month figures, percent signs, unit conversions), in calls that bind a dozen arguments by
    keyword: more than half of the work of an import of 20,000 rows. It never refuses anything:
    a row it cannot read exactly as the general path would (a refused or blank figure, a percent
    sign, a date outside the plan, a unit that does not convert, a status and a figure at once…)
    is handed to the general path, which reads it, refusal and message included.
    tests/test_sheets_fast.py holds the two to each other."""

    def __init__(self, plan: Plan, sheet: _Sheet, resolve: Resolver, out: Outcome, ids: set[str], *,
                 recorded: datetime, by: str, source: str | None, note: str | None, readings: bool) -> None:  # fmt: skip
        self.sheet, self.resolve = sheet, resolve
        self.start, self.end = plan.start, plan.end
        self.recorded, self.by, self.source, self.note = recorded, by, source, note
        # note, source and by are read from the row only when the sheet has such a column
        self.own = not {"note", "source", "by"}.isdisjoint(sheet.fields)
        self.out, self.ids = out, ids
        self.fresh = fresh_ids(ids)  # each drawn id is added to ids before the next is drawn
        self.readings = out.readings if readings else None
        self.rules: dict[str | None, _Rule | None] = {}  # by name cell text; None: the general path
        self.values: dict[str, tuple[Decimal, bool] | None] = {}  # a figure text's number, and whether a rank
        self.states: dict[str, MilestoneStatus | None] = {}  # a status text's status
        self.counts = [0] * 5  # as rows_to_entries counts them, for the rows read here (see _UNIT_COUNT)
        # A CSV record's cells as they stand, each distinct one read once (see read_records):
        # a name cell's rule, a figure cell's number, a date cell's as-of date.
        self.cell_rules = _Memo(lambda cell: self.rule_of(sheet.names[_text_of(cell)]))
        self.cell_numbers = _Memo(self._cell_number)
        self.decimal_numbers = _Memo(lambda text: self._cell_number(Decimal(text)))  # by str(Decimal)
        self.cell_days = _Memo(self._cell_day)

    @classmethod
    def of(cls, plan: Plan, sheet: _Sheet, resolve: Resolver, out: Outcome, ids: set[str], *, recorded: datetime,
           by: str, source: str | None, note: str | None, readings: bool) -> _Common | None:  # fmt: skip
        """The quick path for ``sheet``, or ``None`` when it has a column only the general path
        reads (see :data:`_COMMON_FIELDS`)."""
        if not _COMMON_FIELDS.issuperset(sheet.fields):
            return None
        return cls(
            plan, sheet, resolve, out, ids, recorded=recorded, by=by, source=source, note=note, readings=readings
        )

    def read(self, rows: list[Row], general: Callable[[Row, dict[str, str]], None],
             progress: Callable[[], None] | None) -> None:  # fmt: skip
        """Read ``rows`` into the outcome: each by the quick path when it can, else by ``general``,
        which reads any row."""
        index = self.sheet.index
        if index is not None and "target" in index and self.readings is None:
            self.read_records(rows, index, general, progress)
            return
        texts, rules = self.sheet.texts, self.rules
        entries, numbers, add_id = self.out.entries, self.out.numbers, self.ids.add
        figure_entry, status_entry = self._figure_entry, self._status_entry
        for row in rows:
            if progress:
                progress()
            got = texts(row)
            name = got.get("target")
            rule = rules.get(name, _UNSEEN)
            if rule is _UNSEEN:
                rule = rules[name] = self.rule(name)
            if rule is None:
                general(row, got)
                continue
            entry = status_entry(row, got, rule) if rule.status else figure_entry(row, got, rule)
            if entry is None:
                general(row, got)
                continue
            entries.append(entry)
            numbers.append(row.number)
            add_id(entry.id)

    def read_records(self, rows: list[Row], index: dict[str, int], general: Callable[[Row, dict[str, str]], None],
                     progress: Callable[[], None] | None) -> None:  # fmt: skip
        """:meth:`read` for a CSV's records (``Table.keyed_by == "index"``) and a workbook's rows
        (``"number"``), a row's entry made straight from its cells as they stand, by index.

        Why: :meth:`read` first makes each row a dict of its fields' texts and then reads them
        back (a third of the cost of a row). Here each distinct cell is read once, to what the
        row needs of it: a name cell to its :class:`_Rule`, a figure cell to its number, a date
        cell to its as-of date within the plan, a 单位 cell to the unit recorded (per rule), each
        ``None`` when the row must go to ``general``. A cell's reading is that of its field's
        text (:attr:`_Sheet.marked`, :attr:`_Sheet.names`), so that each row gets what
        :meth:`read` gives it; tests/test_sheets_fast.py holds the two to each other and to the
        general path.

        A workbook's cells are not all texts: a reading is kept by a cell's value only where
        values that are equal read alike: a text or a blank, a datetime in the date column (an
        aware one, equal across zones, is left to ``general``), a number (Decimal) by its
        ``str``. A bool (True == 1), a float (1.0 == Decimal(1)), 0 and -0 would not be; a name or a
        figure of another type goes to ``general``, and another cell is read by its text."""
        sheet = self.sheet
        texts, cell_rules, cell_numbers, cell_days = sheet.texts, self.cell_rules, self.cell_numbers, self.cell_days
        decimal_numbers = self.decimal_numbers
        entries, numbers = self.out.entries, self.out.numbers
        state_of, recorded, counts = self._state, self.recorded, self.counts
        pick = sheet.pick
        records = pick is None  # a CSV's: every cell a text, which the type checks below need not ask
        # A cell's text as its field reads it: a CSV's cells are all texts.
        text_of = sheet.marked.__getitem__ if pick is None else self._picked_text
        at_name, at_unit, at_date = index["target"], index.get("unit"), index.get("date")
        at_value, at_status = index.get("value"), index.get("status")
        at_note, at_source, at_by = index.get("note"), index.get("source"), index.get("by")
        own = self.own
        undated = self._cell_day("")  # the as-of date of every row when the sheet has no date column
        # Drawn at once and kept out of later draws (ids holds them): a sheet read here has no id column.
        fresh = iter(reserve_ids(len(rows), self.ids))
        for row in rows:
            if progress:
                progress()
            cells = row.cells
            if pick is not None:  # a workbook's row: its fields' cells in a list, None when blank
                cells = list(map(cells.get, pick))
            name = cells[at_name]
            rule: _Rule | None = cell_rules[name] if records or type(name) is str else None
            if rule is None:
                general(row, texts(row))
                continue
            count = 0
            if rule.status:  # a milestone's status, from the status or the value column (not both)
                value = unit = None
                state = state_of(
                    rule,
                    text_of(cells[at_status]) if at_status is not None else None,
                    text_of(cells[at_value]) if at_value is not None else None,
                )
                if state is None:
                    general(row, texts(row))
                    continue
            else:
                state = None
                raw = cells[rule.at] if rule.at is not None else None
                if type(raw) is str:
                    read = cell_numbers[raw]
                else:  # a workbook's number is looked up by its text: hashing a Decimal costs more
                    read = decimal_numbers[str(raw)] if type(raw) is Decimal else None
                if read is None or (rule.rank and not read[1]):
                    general(row, texts(row))
                    continue
                units = rule.cell_units
                unit_cell = cells[at_unit] if at_unit is not None else None
                how = (
                    rule.fixed if units is None
                    else units[unit_cell] if records or type(unit_cell) in _TEXT_TYPES
                    else None
                )  # fmt: skip
                if how is None:
                    general(row, texts(row))
                    continue
                value, (unit, _, count) = read[0], how
            if at_date is None:
                found = undated
            else:
                day_cell = cells[at_date]
                found = cell_days[day_cell] if records or type(day_cell) in _DAY_TYPES else None
                if rule.adds and type(day_cell) is str and year_to_date_months(day_cell):
                    found = None
            if found is None:
                general(row, texts(row))
                continue
            if count:
                counts[count] += 1
            if own:  # a blank cell's text is None, never "": `or` falls back as _said does
                note = (at_note is not None and text_of(cells[at_note])) or self.note
                source = (at_source is not None and text_of(cells[at_source])) or self.source
                by = (at_by is not None and text_of(cells[at_by])) or self.by
            else:
                note, source, by = self.note, self.source, self.by
            entries.append(
                _new_tuple(
                    Entry,
                    (next(fresh), rule.id, found[0], recorded, value, unit, note, source, by, None, False, None, state,
                     None, 0, None, False, None, None, False, None),
                )
            )  # fmt: skip
            numbers.append(row.number)

    def _picked_text(self, cell: Any) -> str | None:
        """A workbook's cell's text as its field reads it (:attr:`_Sheet.marked`)."""
        return self.sheet.marked[_text_of(cell)]

    def _cell_number(self, cell: Any) -> tuple[Decimal, bool] | None:
        """A figure cell's number and whether it can be a rank, as :meth:`_figure_entry` reads
        its text; ``None`` for a blank cell or a text the general path must read."""
        text = self.sheet.marked[_text_of(cell)]
        if text is None:
            return None
        read = self.values.get(text, _UNSEEN)
        if read is _UNSEEN:
            read = self._number(text)
        return read  # type: ignore[no-any-return]

    def _cell_day(self, cell: str | datetime | None) -> tuple[date, str] | None:
        """The as-of date of a row whose date cell is ``cell`` (a text, or a workbook's datetime;
        "" or None when blank or when there is none) and where it was read, as :meth:`_Sheet.day` gives it; ``None`` when it
        refuses the row or the date is outside the plan (the general path's to refuse), and for
        an Excel date with a time zone: aware datetimes are equal across zones, their days not."""
        sheet = self.sheet
        found: tuple[date, str] | None
        if isinstance(cell, datetime):  # the types read_records lets through: no subclass
            found = None if cell.tzinfo is not None else (cell.date(), "the date column")
        elif cell is None or sheet.marked[cell] is None:
            found = sheet.fallback
        else:
            try:
                found = sheet.days[cell]
            except ValueError:
                return None
        if found is None or not self.start <= found[0] <= self.end:
            return None
        return sheet.through_end(found[0]), found[1]

    def rule_of(self, name: str | None) -> _Rule | None:
        """:meth:`rule` of ``name``, worked out once per name."""
        rule = self.rules.get(name, _UNSEEN)
        if rule is _UNSEEN:
            rule = self.rules[name] = self.rule(name)
        return rule  # type: ignore[no-any-return]

    def rule(self, name: str | None) -> _Rule | None:
        """How rows whose name cell holds ``name`` are read, or ``None`` when the general path
        reads them all: a name that names no target or several, a milestone named by its own
        name, a target listing milestones, an increment whose figure column holds running
        totals, a unit that does not convert."""
        if name is None:
            return None
        try:
            named = self.resolve.find(name)
        except EntryError:
            return None  # refused by the general path, for each row that names it
        if named is None or named.milestone is not None or named.unit is not None:
            return None  # a unit in the name (新增创新空间面积（平方米）) is checked by the general path
        sheet, target = self.sheet, named.target
        kind = target.kind
        if kind is _MILESTONE:
            if target.milestones:  # every row must name one, and no column here can
                return None
            return _Rule(named, "status", None, sheet.status_col or sheet.value_col)
        index = sheet.index or {}
        if kind is _RATE and sheet.percent_shown(sheet.growth or sheet.value_col) is not None:
            return None  # its cells' formats matter (_plain_among_percent): the general path reads them
        if kind is _RATE and sheet.growth is not None:
            rule = _Rule(named, "growth", sheet.growth, sheet.growth)
            rule.fixed = self._unit(rule, "%", "header")
            rule.at = index.get("growth")
            return rule if rule.fixed is not None else None
        if kind is _RATE and named.via.startswith("alias") and not sheet.names_rate(name):
            return None  # the quantity's row, with no growth column: refused by the general path
        rule = _Rule(named, "value", sheet.value_col, sheet.value_col)
        rule.at = index.get("value")
        column = sheet.value_col
        if (
            kind is _INCREMENT
            and column is not None
            and (column.running_total or is_running_total_header(column.label))
        ):
            return None  # refused by _increment_value, row after row
        if sheet.units:
            rule.units = {}
            marked = sheet.marked
            rule.cell_units = _Memo(lambda cell: self._text_unit(rule, marked[_text_of(cell)]))
        else:
            rule.fixed = self._unit(rule, None, "")
        return rule

    def _unit(self, rule: _Rule, unit: str | None, unit_from: str) -> _How | None:
        """What ``unit`` (read from ``unit_from``) makes of a figure of ``rule``'s target, as
        :func:`~ledger.record.entry_of` checks it: the unit recorded, where it was read and the
        count it goes to; ``None`` when it refuses it."""
        target = rule.target
        recorded_unit = target.unit
        if unit is not None:
            try:
                recorded_unit = units.canonical(unit)
                if target.unit is not None:
                    units.factor(recorded_unit, target.unit)
            except units.UnitError:
                return None
            if rule.rank and recorded_unit != target.unit:
                return None
        count = _UNIT_COUNT.get(unit_from, 0)
        return recorded_unit, unit_from, count

    def _text_unit(self, rule: _Rule, text: str | None) -> _How | None:
        """:meth:`_unit` of what a row's header, 单位 cell (its text ``text``) or 单位 line say
        (:func:`_unit`)."""
        try:
            # The row is named only by the refusal's message, which is not kept here.
            unit, unit_from = _unit(
                self.sheet.table, _NO_ROW, {} if text is None else {"unit": text}, rule.column, rule.target.unit
            )
        except EntryError:
            return None
        return self._unit(rule, unit, unit_from)

    def _number(self, text: str) -> tuple[Decimal, bool] | None:
        """A figure text's number and whether it can be a rank; ``None`` for a text the general
        path reads otherwise (a "no figure" mark, a percent sign, a footnote mark it says it took
        off) or refuses."""
        try:
            plain_text = None if has_mark(text) else figure(text, self.sheet.table.decimal_comma)
        except ValueError:
            plain_text = None
        found: tuple[Decimal, bool] | None = None
        if plain_text is not None and not plain_text.rstrip().endswith(PERCENT_SIGNS):
            try:
                number = cached_number(plain_text)
            except ValueError:
                pass
            else:
                found = number, is_rank(number)
        self.values[text] = found
        return found

    def _said(
        self, row: Row, got: dict[str, str], rule: _Rule, unit_from: str, date_from: str, unit: str | None = None
    ) -> tuple[str | None, str | None, str]:
        """A quick row's note, source and ``by`` (its cells, else ``--note``, ``--source`` and
        the importer), with how it was read (its ``unit`` from ``unit_from``) kept for ``--dry-run``."""
        if self.readings is not None:
            sheet = self.sheet
            stated = sheet.table.units_from.get(unit or "", "") if unit_from == "line" else ""
            self.readings.append(
                _new_tuple(Reading, (row.number, rule.shown, unit_from, date_from, rule.via, sheet.target_col,
                                     sheet.unit_col, stated, "", ""))
            )  # fmt: skip
        if self.own:
            return got.get("note") or self.note, got.get("source") or self.source, got.get("by") or self.by
        return self.note, self.source, self.by

    def _figure_entry(self, row: Row, got: dict[str, str], rule: _Rule) -> Entry | None:
        """The entry of a row of a numeric target, as :func:`_entry` makes it; ``None`` when
        the general path must read the row."""
        text = got.get(rule.field)
        if text is None:
            return None
        read = self.values.get(text, _UNSEEN)
        if read is _UNSEEN:
            read = self._number(text)
        if read is None or (rule.rank and not read[1]):
            return None
        by_cell = rule.units
        if by_cell is None:
            how = rule.fixed
        else:
            cell = got.get("unit")
            how = by_cell.get(cell, _UNSEEN)
            if how is _UNSEEN:
                how = by_cell[cell] = self._text_unit(rule, cell)
        if how is None or (dated := self._day(row, got)) is None or (rule.adds and self.sheet.period(row)):
            return None
        day, date_from = dated
        unit, unit_from, count = how
        if count:
            self.counts[count] += 1
        note, source, by = self._said(row, got, rule, unit_from, date_from, unit)
        return _new_tuple(
            Entry,
            (next(self.fresh), rule.id, day, self.recorded, read[0], unit, note, source, by, None, False, None, None,
             None, 0, None, False, None, None, False, None),
        )  # fmt: skip

    def _day(self, row: Row, got: dict[str, str]) -> tuple[date, str] | None:
        """The row's as-of date and where it was read (:meth:`_Sheet.day`), or ``None`` for a row
        the general path must read: a date it refuses, or one outside the plan's period."""
        try:
            day, date_from = self.sheet.day(row, got)
        except ValueError:
            return None
        return (day, date_from) if self.start <= day <= self.end else None

    def _state(self, rule: _Rule, status: str | None, value: str | None) -> MilestoneStatus | None:
        """The status a row of ``rule``'s milestone target (one listing no milestones) gives in its status or its value column (texts
        as :meth:`_Sheet.texts` gives them); ``None`` for a row the general path must read: both
        columns filled or neither, or a text that is not a status."""
        text = value if status is None else status if value is None else None
        if text is None:
            return None
        state = self.states.get(text, _UNSEEN)
        if state is _UNSEEN:
            try:
                state, _ = milestone_fields(rule.target, None, text, None, None)
            except EntryError:
                state = None
            self.states[text] = state
        return state  # type: ignore[no-any-return]

    def _status_entry(self, row: Row, got: dict[str, str], rule: _Rule) -> Entry | None:
        """:meth:`_figure_entry` for a milestone target that lists no milestones: a status, from
        the status column or the value column (one of the two)."""
        state = self._state(rule, got.get("status"), got.get("value"))
        if state is None or (dated := self._day(row, got)) is None:
            return None
        day, date_from = dated
        note, source, by = self._said(row, got, rule, "", date_from)
        return _new_tuple(
            Entry,
            (next(self.fresh), rule.id, day, self.recorded, None, None, note, source, by, None, False, None, state,
             None, 0, None, False, None, None, False, None),
        )  # fmt: skip


_AMOUNTS = ("value", "month_value")  # a sheet with neither column gives a total no figure of its own


def _growth_alone(target: Target, col: Column, growth: str | None, row: Row, table: Table) -> None:
    """Raise :class:`EntryError` when the row of ``target``, a total or an increment, on a sheet with
    no column of figures, gives only its growth (``growth`` under ``col``): passed over as a row without a figure, the sheet would seem to
    say nothing of a target whose growth it states, and its figure would stay unrecorded unsaid."""
    if growth is None or not growth.strip() or is_no_figure(growth.strip()):
        return
    what = "an increment, its additions counted" if target.kind is _INCREMENT else "a total counted"
    n = col.months or (table.period.month if table.period else "N")
    raise EntryError(
        f"{target.id} is {what} in {target.unit}; the sheet gives only its growth ({growth.strip()} under "
        f"{col.label!r} ({col.letter}{row.number})), not its 1—{n}月 figure; add the 绝对值/累计 column "
        f"(1-{n}月累计), or record the figure with `tracker record {target.id} VALUE`"
    )


def _entry(
    plan: Plan,
    sheet: _Sheet,
    row: Row,
    got: dict[str, str],
    named: Named,
    recorded: datetime,
    by: str,
    ids: set[str],
    source: str | None,
    note: str | None,
) -> tuple[Entry, Reading] | None:
    """The entry a row gives, with how it was read; ``None`` when the row has no figure for
    its target (a ``—`` in the column that target reads)."""
    target = named.target
    day, date_from = sheet.day(row, got)
    when = recorded
    void = forced = False
    corrects: str | None = None
    reason: str | None = None
    entry_id: str | None = None
    if sheet.exported:  # the columns of an export imported back (see _EXPORT_FIELDS)
        if (text := got.get("recorded")) is not None:
            when = datetime.fromisoformat(text.replace("Z", "+00:00"))
            if when.tzinfo is None:
                raise EntryError(f"recorded {text!r} has no UTC offset")
            if when - recorded > _CLOCK_SKEW:
                # A stamp after the import itself: --as-recorded would show the entry in reports
                # made before it existed. A day allows for another machine's clock running ahead.
                raise EntryError(
                    f"recorded {text!r} is later than this import ({recorded.isoformat(timespec='minutes')}); "
                    "an entry cannot have been recorded in the future",
                    "correct the recorded cell, or empty it to stamp the entry with the time of this import",
                )
        void = (got.get("void") or "").lower() in ("true", "1", "yes")
        corrects = got.get("corrects")
        reason = got.get("reason")
        if corrects is not None and reason is None:
            raise EntryError(f"a correction of {corrects} needs a reason")
        entry_id = got.get("id")
        if entry_id is not None:
            if not re.match(r"^[0-9A-Za-z_-]{1,40}$", entry_id):
                raise EntryError(f"id {entry_id!r} is not an entry id")
            if entry_id in ids:
                raise EntryError(f"entry {entry_id} is already in the ledger (or earlier in the file)")
        if void:
            if corrects is None:
                raise EntryError("a void row must name the entry it withdraws in corrects")
            from .entries import new_id

            withdrawn = Entry(
                entry_id or new_id(ids),
                target.id,
                day,
                when,
                corrects=corrects,
                void=True,
                reason=reason,
                by=got.get("by") or by,
            )
            return withdrawn, Reading(row.number, None, "", date_from, named.via, sheet.target_col)
        forced = (got.get("forced") or "").lower() in ("true", "1", "yes")  # kept over a meaning check before
    milestone = got.get("milestone")
    if named.milestone is not None:
        if milestone is not None and milestone not in (named.milestone, _milestone_name(target, named.milestone)):
            raise EntryError(
                f"{named.via} names milestone {named.milestone!r}, but its milestone cell says {milestone!r}"
            )
        milestone = named.milestone
    status = got.get("status")
    value_col = sheet.value_col
    value = got.get("value")
    unit: str | None = None
    running: RunningTotal | None = None  # an addition's 1—N月累计 beside it, for the checks
    beside: tuple[Column | None, str | None] | None = None  # the column and cell it is read from
    unit_from = month_from = ""
    kind = target.kind
    if kind is _RATE and sheet.growth is not None:
        # A rate's figure is its growth, whatever the row's name: beside 同比增长% the figure
        # columns (绝对值, 完成值, 累计, 本月) hold the quantity (180.35 亿元 of value added).
        if got.get("growth") is None:
            _rate_without_growth(target, sheet, row, got)
            return None
        value_col, value = sheet.growth, got.get("growth")
        unit, unit_from = "%", "header"
    elif kind is _RATE and _names_quantity(sheet, named, got) and value is not None:
        _quantity_without_growth(target, got.get("target") or "", value_col, value, sheet.table)
    month_value = got.get("month_value")
    if kind is not _MILESTONE:  # kind.numeric, without the property's look-ups
        if value is None and month_value is None:
            if kind is not _RATE and sheet.growth is not None and sheet.table.by_field.keys().isdisjoint(_AMOUNTS):
                _growth_alone(target, sheet.growth, got.get("growth"), row, sheet.table)
            return None
        value = sheet.figure(value, value_col, row)
        if kind is _RATE and value is not None and value_col and (first := sheet.percent_shown(value_col)):
            _plain_among_percent(value_col, first, row, value)
            _points_in_percent(value_col, sheet.percent_points(value_col), row)
        if month_value is not None:
            month_value = sheet.figure(month_value, sheet.month_col, row)
        if value is None and month_value is None:
            return None
        if kind is _INCREMENT:
            if month_value is not None:  # the month's own figure is the addition
                if sheet.period(row) is None:  # beside a figure dated 1—N月, a running total, it adds
                    _two_additions(target, value_col, value, sheet.month_col, month_value)
                beside = value_col, value  # its unit is read below, as the month figure's is
                value, value_col, month_value = month_value, sheet.month_col, None
            else:
                try:
                    _increment_value(target, value_col, value, row, sheet.period(row))
                except EntryError:
                    sheet.alone[row.number] = _running_only(sheet, row, got, named, value_col, value, day)
                    raise
        elif value is None:
            if kind is not _TOTAL or not _in_january(sheet, row, got):
                _month_alone(target, month_value, sheet.month_col, row)
            value, value_col = month_value, sheet.month_col  # January's own figure is 1—1月's total
        elif kind is not _TOTAL:
            month_value = None  # a rate's or rank's month figure: the ledger keeps the period's reading
        if milestone is not None:
            raise EntryError(f"{target.id} is {kind.value}, not a milestone target", sheet_fix="empty its 里程碑 cell")
        status = None  # a 状态 beside a figure: the figure is what a numeric target records
        named_unit = named.unit is not None and not unit  # a rate's growth is in %, whatever its quantity's unit
        if named_unit:
            also = beside[0] if beside is not None else None
            got = _name_unit(sheet, row, got, named, value_col, month_value is not None, also)
        if not unit and (sheet.units or named_unit):
            unit, unit_from = _unit(sheet.table, row, got, value_col, target.unit)
            if named_unit and unit_from == "cell" and got.get("unit") is named.unit:
                unit_from = "name"
        if beside is not None:  # by the rule the month figure's unit was read by: header, 单位 cell or name, line
            running = _running_beside(sheet, row, got, *beside, target, sheet.units or named_unit)
        if value is not None and value.endswith("%"):  # figure() gives it stripped, full width made ASCII
            signed = percent_sign(value, target)[1]  # the sign is taken off by entry_of, which quotes the cell whole
            if signed and unit is None:
                unit, unit_from = "%", "sign"
        if month_value is not None and value is not None:
            month_from = _where(sheet.month_col, row)
            if sheet.units:
                month_value, before = _month_in_unit(sheet.table, row, got, month_value, unit, target.unit)
                month_from += before and f", {before} converted"
        shown = value_col
    else:
        if status is None and value is not None:
            value, status = None, value  # a milestone's status may sit in the value column
        shown = sheet.status_col or value_col
    stated = sheet.table.units_from.get(unit or "", "") if unit_from == "line" else ""
    if unit_from == "name":
        letter = sheet.target_col.letter if sheet.target_col is not None else ""
        stated = f"the row's name {(got.get('target') or '').strip()!r} ({letter}{row.number})"
    reading = Reading(row.number, shown, unit_from, date_from, named.via, sheet.target_col, sheet.unit_col, stated)
    if sheet.footnotes and (said := sheet.footnotes.get(_where(shown, row))):
        reading = reading._replace(footnote=said.split(": ", 1)[1])
    if month_value is not None:
        reading = reading._replace(month_from=month_from)
    elif running is not None:  # an addition's: said in --dry-run, checked by meaning.running_totals
        typed = f"{plain(running.value)} {running.unit}" if running.unit else plain(running.value)
        reading = reading._replace(month_from=f"1—N月累计 {typed} under {running.where}, checked against the additions")
    entry = entry_of(
        plan,
        target,
        value,
        day=day,
        recorded=when,
        unit=unit,
        status=status,
        milestone=milestone,
        month_value=month_value,
        period=got.get("period"),
        note=got.get("note") or note,
        source=got.get("source") or source,
        by=got.get("by") or by,
        taken_ids=ids,
    )
    if corrects is not None or reason is not None or entry_id is not None or forced:
        entry = entry._replace(corrects=corrects, reason=reason, id=entry_id or entry.id, forced=forced)
    if running is not None:
        sheet.running[entry.id] = running  # checked against the ledger's additions (meaning.running_totals)
    return entry, reading


def _running_only(sheet: _Sheet, row: Row, got: dict[str, str], named: Named, col: Column | None,
                  value: str | None, day: date) -> RunningOnly | None:  # fmt: skip
    """The running total a row gives alone for an addition target (refused by
    :func:`_increment_value`), in the unit the row's name, the column's header, its 单位 cell or
    the 单位 line gives (:func:`_unit`), for :func:`~ledger.meaning.running_only` to judge against
    the ledger; ``None`` when it is not a number or its unit cannot be told. Raises nothing."""
    if value is None or col is None:
        return None
    from .meaning import RunningOnly

    try:
        number = cached_number(value)
        unit = named.unit or (_unit(sheet.table, row, got, col, named.target.unit)[0] if sheet.units else None)
    except (ValueError, EntryError):
        return None
    where = f"{col.label!r} ({col.letter}{row.number})" if col.number else repr(col.label)
    return RunningOnly(named.target.id, number, unit, day, where)


def _with_ledger(plan: Plan, existing: list[Entry], outcome: Outcome) -> Outcome:
    """``outcome`` with each refusal of a running total given alone for an addition target
    said as the ledger makes it (:func:`~ledger.meaning.running_only`: the month's own addition
    and its ``tracker record`` line, not a change of the target's kind), one message a row."""
    if not any(outcome.alone.values()):
        return outcome
    from .meaning import running_only

    problems = []
    for p in outcome.problems:
        said = outcome.alone.get(p.row) if p.row is not None else None
        better = running_only(plan, existing, said) if said is not None else None
        problems.append(
            p._replace(message=f"{p.message}; {better.message}", fix=better.fix) if better is not None else p
        )
    return dataclasses.replace(outcome, problems=problems)


def _running_beside(sheet: _Sheet, row: Row, got: dict[str, str], col: Column | None, value: str | None,
                    target: Target, read_unit: bool) -> RunningTotal | None:  # fmt: skip
    """The 1—N月 running total (累计) a row gives beside an addition's month figure, in the unit
    its column reads (:func:`_unit`, with ``got`` carrying the unit the row's name gives, as the
    month figure's is read; ``read_unit`` false: the sheet states none), or ``None`` when the
    other figure is not a running total (the same addition in other units, see
    :func:`_two_additions`) or not a number. Raises :class:`EntryError` when its header and the
    单位 cell disagree, or when its unit does not convert to the target's (亿元 for an area): the
    check against the ledger's additions could not be made."""
    if value is None or col is None:
        return None
    if sheet.period(row) is None and not (col.running_total or is_running_total_header(col.label)):
        return None
    try:
        number = cached_number(value)
    except ValueError:
        return None
    from .meaning import RunningTotal

    unit = _unit(sheet.table, row, got, col, target.unit)[0] if read_unit else None
    where = f"{col.label!r} ({col.letter}{row.number})" if col.number else repr(col.label)
    if unit is not None and target.unit is not None:
        try:
            units.convert(number, unit, target.unit)
        except units.UnitError:
            raise EntryError(
                f"the running total {value} under {where} is in {unit}, which cannot be converted to {target.unit}, "
                f"the unit of {target.id}",
                sheet_fix="correct the unit in the running total's header, the 单位 cell or the 单位 line",
                target=target.id,
            ) from None
    return RunningTotal(number, unit, where)


def _month_in_unit(
    table: Table, row: Row, got: dict[str, str], month_value: str, unit: str | None, target_unit: str | None
) -> tuple[str, str]:
    """A running total's month figure (本月, the text ``month_value``) in the unit the running
    total is recorded in (``unit``, read from the sheet, else the target's, ``target_unit``). The month column has a unit of its own as the figure column
    has (:func:`_unit`: its header, else the row's 单位 cell, else the 单位 line), and
    ``本月（万元）`` beside ``1-8月累计（亿元）`` holds 万元: 1124000 is recorded as 112.4 亿元.
    Converted exactly, as ``amend`` carries a month figure into a new unit
    (:func:`~ledger.units.convert`: 10ⁿ factors exactly; 亩 to the places it adds). A month
    column stating no unit is in its running total's. Returns the figure's text and, when it was
    converted, what it was (``1124000 万元``; else ""). Raises :class:`EntryError` when its header
    and the 单位 cell disagree, or when its unit does not convert to the running total's (or that has none)."""
    col = table.by_field.get("month_value")
    month_unit, _ = _unit(table, row, got, col, target_unit)
    to = unit or target_unit
    if month_unit is None:
        return month_value, ""
    try:
        number = cached_number(month_value)
    except ValueError:
        return month_value, ""  # not a number: entry_of refuses it, naming the field
    where = f"{col.label!r} ({col.letter}{row.number})" if col is not None and col.number else "the month column"
    if to is None:
        raise EntryError(
            f"the month's figure {month_value} under {where} is in {month_unit}, but its running total has no unit",
            sheet_fix="give the running total's unit in its header or a 单位 column",
        )
    try:
        converted = units.convert(number, month_unit, to)
    except units.UnitError:
        raise EntryError(
            f"the month's figure {month_value} under {where} is in {month_unit}, which cannot be converted to "
            f"{to}, the unit of its running total",
            sheet_fix="correct the unit in the month column's header or the 单位 cell",
        ) from None
    same = units.canonical(month_unit) == units.canonical(to)
    return plain(converted), "" if same else f"{month_value} {month_unit}"


def _name_unit(sheet: _Sheet, row: Row, got: dict[str, str], named: Named, value_col: Column | None,
               month: bool, running: Column | None = None) -> dict[str, str]:  # fmt: skip
    """``got`` with the unit a row's name carries (``新增创新空间面积（平方米）``, :attr:`Named.unit`)
    as its 单位 cell, which it is read as. Raises :class:`EntryError` when the row's 单位 cell, or
    the header of its figure's column (or of its 本月 column, ``month``, or of the running total
    beside an addition, ``running``), says another unit."""
    name, unit = (got.get("target") or "").strip(), named.unit
    assert unit is not None
    others: list[tuple[str | None, str]] = []
    if (cell := got.get("unit")) is not None:
        unit_col = sheet.unit_col
        others.append((cell, f"its 单位 cell ({unit_col.letter if unit_col else ''}{row.number})"))
    for col in (value_col, sheet.month_col if month else None, running):
        if col is not None and col.unit is not None:
            others.append((col.unit, f"column {col.label!r}"))
    for other, where in others:
        try:
            same = units.canonical(other or "") == unit
        except units.UnitError:
            same = False
        if not same:
            raise EntryError(f"the row's name {name!r} says {unit} but {where} says {other}; correct one of them")
    return got if cell is not None else {**got, "unit": unit}


def _in_january(sheet: _Sheet, row: Row, got: dict[str, str]) -> bool:
    """Whether ``row``'s figures are for January, whose own figure is the year so far."""
    try:
        return sheet.day(row, got)[0].month == 1
    except ValueError:
        return False  # no date: the row's refusal says what it lacks


def _month_alone(target: Target, month_value: str | None, col: Column | None, row: Row) -> None:
    """Refuse a row of a total, rate or rank target that gives only the month's own figure
    (8月, 8月完成, 当月): the ledger keeps the 1—N月 figure, which the month's is not."""
    total = target.kind is _TOTAL
    what = "running total (1—N月累计)" if total else "year-to-date figure (1—N月)"
    under = f" under {col.label!r} ({col.letter}{row.number})" if col is not None and col.number else ""
    command = f"tracker record {target.id} FIGURE" + (f" --month-value {month_value}" if total else "")
    raise EntryError(
        f"{target.id} records the {what}, but the row gives only the month's own figure ({month_value}{under})",
        sheet_fix=f"add the 1—N月 column beside it, or record the {what.split(' (')[0]} with `{command}`",
        target=target.id,
    )


def _names_quantity(sheet: _Sheet, named: Named, got: dict[str, str]) -> bool:
    """Whether a rate target's row is named by one of its aliases that names the underlying
    quantity (``规模以上工业增加值`` for 工业增加值增速), not a rate (增速, 同比, %…): such a row
    holds the quantity in its figure column and the rate in its growth column."""
    return named.via.startswith("alias") and not sheet.names_rate(got.get("target") or "")


def _written_percent(row: Row, number: int, decimal_comma: bool) -> tuple[int, PercentCell] | None:
    """A CSV record's cell in column ``number`` when it is a number written with a percent sign
    (``7.6%``, ``７．６％``, ``7,6%`` in a ``;``-separated file), as ``(row number,
    PercentCell("7.6"))``; else ``None``."""
    cells = row.cells
    try:
        shown = figure(cells[number - 1], decimal_comma) if number <= len(cells) else None
        if shown is None or not shown.endswith("%"):
            return None
        return row.number, PercentCell(cached_number(shown[:-1]))
    except ValueError:
        return None  # not a number: the row that reads it says so


def _plain_among_percent(col: Column, shown: tuple[int, PercentCell], row: Row, figure: str) -> None:
    """Refuse a rate's figure (``figure``, as :func:`figure` reads ``row``'s cell under ``col``)
    when the cell holds a plain number under 1 (not 0), typed or as text, in a column with cells
    formatted as percentages (``shown``: the first, as ``(row number, value)``): 0.077 typed in
    General among cells that show 5.4% may be the fraction typed without its format (7.7 %) or
    0.077 %, and Excel shows 0.077 either way. A plain number of 1 or more (7.7) is what a person
    sees in a % column, 7.7 %, and is read so; so are a column typed as percent points throughout
    (5.4, 0.077) and one formatted throughout. A CSV is judged alike, its cells written with a
    percent sign (``7.6%``, as Excel saves a percent-formatted cell) taking the format's place.
    Raises :class:`EntryError` naming the cell, what it holds, what the column shows, and the fix."""
    written = isinstance(row.cells, list)  # a CSV record: the sign is in the text
    if (not written and type(row.cells.get(col.number)) is PercentCell) or figure.endswith("%"):
        return  # shown with its percent sign: what the person sees is what is read
    try:
        number = cached_number(figure)
    except ValueError:
        return  # not a number: entry_of refuses it, naming the field
    if not 0 < abs(number) < 1:
        return
    where, held, scaled = f"{col.letter}{row.number}", cell_text(number), cell_text(number * 100)
    if written:
        raise EntryError(
            f"cell {where} under {col.label!r} holds {held}, a plain number, in a column with cells written as "
            f"percentages ({col.letter}{shown[0]} is {cell_text(shown[1])}%): it may mean {scaled}% or {held}%",
            f"write {scaled}% in {where} (for {held}% write {held}%)",
        )
    raise EntryError(
        f"cell {where} under {col.label!r} holds {held}, a plain number, in a column with cells formatted as "
        f"percentages ({col.letter}{shown[0]} shows {cell_text(shown[1])}%): it may mean {scaled}% or {held}%",
        f"format {where} as a percentage, or type {scaled} (for {held}% type {held}%)",
    )


def _points_in_percent(col: Column, points: list[tuple[int, PercentCell]], row: Row) -> None:
    """Refuse a rate's cell formatted as a percentage in a column whose every such cell shows 100 %
    or more (``points``, from :meth:`_Sheet.percent_points`): 5.1, 5.8 and 6.2 stored in cells
    formatted ``0.0%`` show 510 %, 580 %, 620 %, growth typed as points into a percent format (a
    workbook written by a program, never looked at). Both readings are offered. Raises
    :class:`EntryError` naming the cell."""
    if not points:  # always so in a CSV (see percent_points), whose records are lists
        return
    cell = row.cells.get(col.number)
    if type(cell) is not PercentCell or not cell:
        return
    where, shown, held = f"{col.letter}{row.number}", cell_text(cell), cell_text(cell / 100)
    others = ", ".join(f"{col.letter}{n} {cell_text(v)}%" for n, v in points[:3])
    raise EntryError(
        f"cell {where} under {col.label!r} holds {held} formatted as a percentage, so it shows {shown}%, and every "
        f"percentage in the column shows 100% or more ({others}): growth typed as points into percent cells? it may "
        f"mean {held}% or {shown}%",
        f"for {held}% format the column as a number (0.0) or type {held}%; for {shown}% type {shown} in a plain cell",
    )


def _rate_without_growth(target: Target, sheet: _Sheet, row: Row, got: dict[str, str]) -> None:
    """Refuse a rate target's row whose growth cell is blank but which gives a figure in another
    figure column (``绝对值``, ``完成值``, ``累计``, ``本月``) of a sheet with a growth column: that
    column holds the quantity beside its growth (180.35 亿元 of value added, not a growth of
    180.35 %), so its figure is never taken for the rate. A row with no figure at all passes.
    Raises :class:`EntryError`."""
    growth = sheet.growth
    for field, col in (("value", sheet.value_col), ("month_value", sheet.month_col)):
        text = got.get(field)
        if text is None or col is None or sheet.figure(text, col, row) is None:
            continue
        where = f" ({col.letter}{row.number})" if col.number else ""
        blank = f" ({growth.letter}{row.number})" if growth is not None and growth.number else ""
        label = growth.label if growth is not None else "同比增长%"
        raise EntryError(
            f"{target.id} is a rate, whose figure is its growth, but the row gives {text} under {col.label!r}{where} "
            f"and no growth under {label!r}{blank}: beside a growth column that figure is the quantity's, never a growth rate",
            f"record the growth with `tracker record {target.id} GROWTH`",
            sheet_fix=f"write the growth rate under {label!r}",
            target=target.id,
        )


def _quantity_without_growth(target: Target, name: str, col: Column | None, value: str, table: Table) -> None:
    """Refuse the figure of a rate target's row named (``name``) for the quantity, on a sheet
    without a growth column: 180.35 under 1-8月累计 beside 规模以上工业增加值 is 180.35 亿元 of
    value added, and would otherwise be recorded as a growth of 180.35 %. A growth or percent
    column of ``table`` that is not the year's growth (``8月同比增长%``, ``环比增长%``: see
    :data:`~ledger.layout.NOT_GROWTH`) is named with what it is, never offered to ``--map``.
    Raises :class:`EntryError`."""
    where = f" under {col.label!r}" if col is not None else ""
    fix = "add the growth column, name it with --map 'HEADER=growth'"
    if other := next((c for c in table.columns if c.why in NOT_GROWTH), None):
        n = other.months or (table.period.month if table.period else "N")
        fix = f"{other.label!r} is {other.why}: add the 1-{n}月同比增长% column"
    raise EntryError(
        f"{name!r} (an alias of {target.id}) names the quantity, not its growth rate, and the sheet has no growth "
        f"column (同比增长%, 增速, ±%): {value}{where} would be recorded as a growth of {value}%",
        f"{fix}, or write the rate's own name ({target.name}) in the row",
    )


def _two_additions(target: Target, col: Column | None, value: str | None, month_col: Column | None,
                   month_value: str) -> None:  # fmt: skip
    """Refuse an addition's row that gives two different figures, the month's (本月) and another
    column that is not a running total (完成值 9.2 beside 本月 3.2): which one adds is not for the
    import to guess. A running total beside the month's figure is fine: the month's adds, and so is
    the same figure in the units the two headers give (完成值（万平方米） 0.8 beside 本月（平方米） 8000).
    Raises :class:`EntryError`."""
    if value is None or col is None or col.running_total or is_running_total_header(col.label):
        return
    month_unit = month_col.unit if month_col is not None else None
    convert = col.unit is not None and month_unit is not None  # else one 单位 for both, or none
    try:
        number = Decimal(value)
        if (units.exact(number, col.unit, month_unit) if convert else number) == Fraction(Decimal(month_value)):
            return
    except ArithmeticError:  # decimal.InvalidOperation: a text, which the figure's own reading judges
        return
    except units.UnitError:  # units of two kinds: not the same figure, which the refusal below says
        pass
    month = f" ({month_col.label!r})" if month_col is not None else ""
    raise EntryError(
        f"{target.id} adds up its entries, and the row gives two figures: {value} under {col.label!r} and "
        f"{month_value} as the month's{month}; which one adds?",
        "keep one of the two, or head the other 1—N月累计 if it is the running total",
    )


def _milestone_name(target: Target, milestone_id: str) -> str:
    return next((m.name for m in target.milestones if m.id == milestone_id), milestone_id)


def _unit(
    table: Table, row: Row, got: dict[str, str], col: Column | None, target_unit: str | None = None
) -> tuple[str | None, str]:
    """The unit of a row's figure and where it was read (see :class:`Reading`): the column's
    header, else the row's 单位 cell, else the sheet's 单位 line (one for every figure, or, as
    ``金额单位：万元`` or ``单位：万元、%`` say, the one for the kind of quantity ``target_unit``
    measures). A header and a 单位 cell that disagree are refused."""
    header = col.unit if col else None
    given = got.get("unit")
    if given is not None:
        try:
            given_unit = units.canonical(given)
        except units.UnitError:
            given_unit = given
        if header is not None and given_unit != header:
            unit_col = table.by_field.get("unit")
            raise EntryError(
                f"column {col.label if col else ''!r} says {header} but its 单位 cell "
                f"({unit_col.letter if unit_col else ''}{row.number}) says {given}; correct one of them"
            )
        if header is None:
            return given, "cell"
    if header is not None:
        return header, "header"
    if table.unit is not None:
        return table.unit, "line"
    if table.line_units and target_unit is not None:
        with contextlib.suppress(units.UnitError):
            if (kind := table.line_units.get(units.dimension(target_unit))) is not None:
                return kind, "line"
    return None, ""


def _one_meaning(table: Table, sheet: _Sheet, resolve: Resolver) -> Table | None:
    """``table`` with its figure column made a 1—N月 running total when that column names no
    period of its own (完成值, 数值), the sheet names month N (2025年8月…), and a row of a
    ``total`` target (a running total, by the plan) has a figure in it: one column has one
    meaning, as a person reading the sheet concludes, so an ``increment`` row's figure beside it
    is the year so far too, refused rather than added as the month's own. ``None`` when
    nothing changes."""
    col = table.by_field.get("value")
    period = table.period
    if (
        col is None
        or period is None
        or col.running_total
        or col.mapped
        or col.months is not None
        or is_running_total_header(col.label)
        or any(c.label in OWN_SHEET_INFO for c in table.columns)  # tracker sheet's 填报口径 says each row's
    ):
        return None
    for row in table.rows:
        got = sheet.texts(row)
        if "value" not in got or (name := got.get("target")) is None:
            continue
        try:
            named = resolve.find(name)
        except EntryError:
            continue
        if named is not None and named.target.kind is Kind.TOTAL and named.milestone is None:
            said = f"its {named.target.id} row ({col.letter}{row.number}, kind total)"
            ytd = dataclasses.replace(col, running_total=True, months=period.month, running_from=said)
            columns = tuple(ytd if c.number == col.number else c for c in table.columns)
            return dataclasses.replace(table, columns=columns, by_field={**table.by_field, "value": ytd})
    return None


def _increment_value(
    target: Target, col: Column | None, value: str | None, row: Row, period: tuple[int, str] | None = None
) -> None:
    """Refuse a figure for an ``increment`` target (which adds its entries up) taken from a
    running-total column (1—N月累计, or a column naming no period under a title naming 1—N月) or
    from a row whose date cell names 1—N月 (``period``, :meth:`_Sheet.period`): adding running
    totals counts every month again."""
    if value is None or col is None:
        return
    if is_running_total_header(col.label):
        what = "a running total"
    elif col.running_total:  # a header naming no month (本年已新增) is the year so far all the same
        span = f"1—{col.months}月 " if col.months else ""
        what = f"a {span}running total, as {col.running_from or 'its header'} says"
    elif period is not None:
        what = f"a 1—{period[0]}月 running total, as {period[1]} says"
    else:
        return
    raise EntryError(
        f"{target.id} adds up its entries (kind increment), but {value} is under {col.label!r}, {what}",
        'give the month\'s own figure in the 本月 column, or make the target kind = "total" in the plan if it '
        "is published as a running total",
        target=target.id,
    )


def _carrier_column(table: Table) -> Column | None:
    """The column naming each row's carrier (载体名称, 载体, 项目名称) when the sheet has no note
    column (备注), else ``None``: two carriers adding the same area in one month are two additions,
    and their notes are what tells them apart (:func:`~ledger.meaning.fingerprint`)."""
    if "note" in table.by_field:
        return None
    return next((c for c in table.columns if c.field is None and key(c.label) in CARRIER_HEADERS), None)


def _carrier_rows(plan: Plan, table: Table, target: Target, outcome: Outcome) -> Outcome:
    """``outcome`` of an ``import --target`` sheet: each entry whose row's name is a carrier's
    (东湖孵化园, naming no target) noted with it, before its own note if it has one
    (``东湖孵化园：已投用``); the figures untouched. (A carrier of a target that is no increment
    is refused as the row is read: see :class:`OneTarget`.)"""
    names = table.by_field.get("target")
    entries = list(outcome.entries)
    if names is not None:
        resolve = OneTarget(plan, target)
        by_row = {row.number: row for row in table.rows}
        for i, (e, n) in enumerate(zip(entries, outcome.numbers, strict=True)):
            text = _cell_of(table, by_row[n], names) if n in by_row else None
            with contextlib.suppress(EntryError):
                if text and (named := resolve.find(text)) is not None and named.carrier:
                    carrier = text.strip()
                    entries[i] = e._replace(note=carrier if not e.note else f"{carrier}：{e.note}")
    return dataclasses.replace(outcome, entries=entries)


def _carrier_notes(plan: Plan, table: Table, carrier: Column, outcome: Outcome) -> Outcome | None:
    """``outcome`` with each addition (kind increment) that has no note (``--note``) noted with its
    row's ``carrier`` cell (东湖孵化园); other entries as they are, the figures untouched. ``None``
    when no entry took a note."""
    text = {row.number: _cell_of(table, row, carrier) for row in table.rows}
    entries = [
        e._replace(note=said)
        if e.note is None and (said := text.get(n)) and (t := plan.find(e.target)) is not None and t.kind is _INCREMENT
        else e
        for e, n in zip(outcome.entries, outcome.numbers, strict=True)
    ]
    if all(a is b for a, b in zip(entries, outcome.entries, strict=True)):
        return None
    return dataclasses.replace(outcome, entries=entries)


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


def entry_cells(e: Entry) -> dict[str, Any]:
    """An entry as export writes it: :data:`COLUMNS`, numbers as Decimal, dates as dates, a flag
    (void, forced) as ``True`` and its absence as ``None`` (an empty cell)."""
    cells = e.cells()
    for f in FIELDS:
        if f.type is FieldType.FLAG and not f.ledger_only:
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


def _check_date_against_headers(name: str, table: Table, day: date, said: str = "--date") -> None:
    """Refuse ``--date`` (every row's as-of date, the sheet having no date column; ``said`` names
    where it was read) when a figure column's header, or the period the sheet states (its title,
    a date cell), names another month: a 1—8月累计 filed as of September would look a month
    behind. Raises :class:`ImportRefused` naming the column or the title and the date it says."""
    given = said == "--date"  # else the sheet's own header dates it: --date cannot mend the sheet
    sheet = "which is it? correct the sheet"
    if given:
        _two_months(name, table)
    for col, month in month_columns(table.columns):
        if month != day.month:
            raise ImportRefused(
                [
                    Problem(
                        f"column {col.label!r} ({col.letter}) is for month {month} but {said} says {day:%Y-%m}",
                        file=name,
                        fix=f"give --date {day.year}-{month:02d}, or correct the column's header" if given else sheet,
                    )
                ]
            )
    stated = table.period
    if stated is not None and (stated.year, stated.month) != (day.year, day.month):
        raise ImportRefused(
            [
                Problem(
                    f"{table.period_from} says {stated:%Y-%m} but {said} says {day:%Y-%m}",
                    file=name,
                    fix=f"give --date {stated:%Y-%m}, or correct the sheet" if given else sheet,
                )
            ]
        )
    if table.month is not None and table.month[0] != day.month:
        month, where = table.month
        raise ImportRefused(
            [
                Problem(
                    f"{where} says month {month} but {said} says {day:%Y-%m}",
                    file=name,
                    fix=f"give --date {day.year}-{month:02d}, or correct the sheet" if given else sheet,
                )
            ]
        )


_DATE_OF = attrgetter("date")


def _two_months(name: str, table: Table) -> None:
    """Refuse a sheet whose figure columns name two months (``1-7月 | 8月``: July's running
    total beside August's own figure): no one date fits both, so the fix names the column to
    leave out for each. Raises :class:`ImportRefused`."""
    cols = sorted(month_columns(table.columns), key=lambda cm: cm[1])
    if len({m for _, m in cols}) < 2:
        return
    (first, early), (last, late) = cols[0], cols[-1]
    year = f"{table.year[0]}-" if table.year else "YYYY-"
    raise ImportRefused(
        [
            Problem(
                f"column {first.label!r} ({first.letter}) is for month {early} but column {last.label!r} "
                f"({last.letter}) is for month {late}: no one date fits both",
                file=name,
                fix=f"import one of them: --map '{last.label}=ignore' --date {year}{early:02d} for "
                f"{first.label!r}, or --map '{first.label}=ignore' --date {year}{late:02d} for {last.label!r}",
            )
        ]
    )


def _through(table: Table) -> tuple[int | None, int] | None:
    """``(year or None, month)`` a sheet's figures run through, as its figure columns' headers
    (``1-8月累计``, ``8月``: one month) or its title or a month cell above (``2025年1-8月``,
    ``截至2025年8月``) say; ``None`` when they name none, several, or a day (截至2025年6月15日).
    A date cell within that month dates the figures at its end; one in another month is refused
    (:func:`_dates_against_sheet`)."""
    months = {month for _, month in month_columns(table.columns)}
    period = table.period
    if period is not None:
        if period != month_end(period.year, period.month):
            return None  # 截至2025年6月15日: the sheet names its day
        return (period.year, period.month) if months <= {period.month} else None
    if len(months) == 1:
        (month,) = months
        return (table.year[0] if table.year is not None else None), month
    return None


def _dates_against_sheet(
    table: Table, default_date: date | None, outcome: Outcome, default_from: str = "--date"
) -> list[Problem]:
    """A row problem for each figure whose date (its date cell, or ``--date`` for a blank one,
    or what ``default_from`` names)
    is in another month than the figure columns' headers name (``1-8月累计``) or the period the
    sheet states (the title ``2025年1-8月``): a September date under 1-8月累计 would file
    August's running total as September's."""
    months = {month: col for col, month in month_columns(table.columns)}
    said: tuple[int | None, int, str]
    if len(months) == 1:
        ((month, col),) = months.items()
        said = (None, month, f"column {col.label!r} ({col.letter}) is for month {month}")
    elif table.period is not None:
        said = (table.period.year, table.period.month, f"{table.period_from} says {table.period:%Y-%m}")
    else:
        return []
    year, month, what = said
    # Most sheets give every row one date: each distinct date is checked once, in C, first.
    if all(d.month == month and year in (None, d.year) for d in set(map(_DATE_OF, outcome.entries))):
        return []
    date_col = table.by_field.get("date")
    problems = []
    for e, number in zip(outcome.entries, outcome.numbers, strict=True):
        if (e.value is None and e.month_value is None) or (
            e.date.month == month and (year is None or e.date.year == year)
        ):
            continue
        if e.date == default_date:
            who = default_from
        else:
            who = f"the date column ({date_col.letter}{number})" if date_col and date_col.number else "its date"
        problems.append(
            Problem(
                f"{who} says {e.date:%Y-%m} but {what}",
                where=f"row {number}",
                row=number,
                fix="which is it? correct the date or the sheet",
            )
        )
    return problems


_YEAR_IN_HEADER = LazyPattern(r"(?<!\d)(20\d\d)\s*年")


def _header_year(name: str, table: Table, default: date | None) -> tuple[date | None, str]:
    """The as-of date for a sheet whose figure columns name their year as well as their month
    (``2025年1-8月累计``), when nothing else gives one: the month's end, with where it was read
    (``the header '2025年1-8月累计' (B)``); else ``default`` (``--date``). Raises
    :class:`ImportRefused` when such a year contradicts the sheet's period (the title's 2025
    above a ``2024年1-8月累计`` column: last year's figures) or ``--date``."""
    said = [(col, int(m.group(1)), month) for col, month in month_columns(table.columns)
            if (m := _YEAR_IN_HEADER.search(col.label))]  # fmt: skip
    if not said:
        return default, "--date"
    for col, year, _month in said:
        other = default or table.period
        if other is not None and other.year != year:
            where = "--date" if default is not None else (table.period_from or "the sheet")
            raise ImportRefused(
                [
                    Problem(
                        f"column {col.label!r} ({col.letter}) is for {year}, but {where} says {other.year}",
                        file=name,
                        fix="import the column of the year meant (map the other away with --map 'HEADER=ignore'), "
                        "or correct the sheet",
                    )
                ]
            )
    periods = {(year, month) for _, year, month in said}
    if default is None and table.period is None and "date" not in table.by_field and len(periods) == 1:
        ((year, month),) = periods
        # Named by the figure's column where it says the year (2025年1-8月 beside 2025年8月 本月)
        col = next((c for c, _, _ in said if c.field == "value"), said[0][0])
        return month_end(year, month), f"the header {col.label!r} ({col.letter})"
    return default, "--date"


def _month_without_year(plan: Plan, name: str, table: Table) -> None:
    """Refuse, in one line, a sheet whose figure columns name one month (``1-9月累计``) but
    nothing says the year: no date column, no date or year in the title, no ``--date``. The
    year is not taken from the plan: a December sheet imported after the rollover would be
    filed a year late without a word. The fix names the date the plan's year gives.
    Raises :class:`ImportRefused`; returns when no single month is named (each row then says)."""
    months = {month for _, month in month_columns(table.columns)}
    if table.month is not None:
        months.add(table.month[0])
    if len(months) > 1:
        _two_months(name, table)
    if len(months) != 1:
        if table.filled is not None:
            day, where = table.filled
            raise ImportRefused(
                [
                    Problem(
                        f"{where} says {day}, which is when the sheet was filled in, not the period its figures "
                        "are for, and nothing else says the period (no date column, no month in the title or headers)",
                        file=name,
                        fix="give --date YYYY-MM, the month the figures are for, or add a 截至日期 column",
                    )
                ]
            )
        return
    (month,) = months
    cols = [c for c, m in month_columns(table.columns) if m == month] if table.month is None else []
    said = table.month[1] if table.month else f"column {cols[0].label!r} ({cols[0].letter})"
    year = plan.end.year if plan.start.year != plan.end.year and month <= plan.end.month else plan.start.year
    raise ImportRefused(
        [
            Problem(
                f"{said} is for month {month}, but nothing says which year (no date column, no year in the title)",
                file=name,
                fix=f"give --date {year}-{month:02d}",
            )
        ]
    )


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
        except (NoHeader, NoRows):
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


def readings_text(entries: list[Entry], readings: list[Reading]) -> list[str]:
    """How each of ``entries`` was read (its ``readings``), one line each, for ``--dry-run``:
    ``row 6: industrial-output = 188.42 亿元 as of 2025-02-28 — figure: column '1-2月 绝对值' (C6);
    unit: 单位 cell (B6); date: cell D2; target: alias '规模以上工业总产值' …``."""
    lines = []
    for e, r in zip(entries, readings, strict=True):
        if e.value is not None:
            what = plain(e.value) + ("%" if e.unit == "%" else f" {e.unit or ''}".rstrip())  # 5.8%, 628.32 亿元
            parts = [f"figure: {r.where(r.column)}", f"unit: {r.unit_text(e)}"]
            if r.column is not None and r.column.running_total:
                parts.append("a running total (1—N月累计)")
            if e.month_value is not None:
                parts.append(f"本月 {plain(e.month_value)}{f' {e.unit}' if e.unit else ''}: {r.month_from}")
            elif r.month_from:  # an addition's running total beside it
                parts.append(r.month_from)
            if r.footnote:
                parts.append(r.footnote)
        else:
            what = e.status.value if e.status else "void"
            parts = [f"status: {r.where(r.column)}"] if e.status else []
        if e.milestone:
            what += f" (milestone {e.milestone})"
        parts += [f"date: {r.date_from}", f"target: {r.target_via} in {r.where(r.target_column)}"]
        lines.append(f"row {r.row}: {e.target} = {what} as of {e.date} — " + "; ".join(parts))
    return lines
