"""A sheet's cells as an entry's fields: figure texts (:func:`figure`), field texts, and ``_Sheet``,
which reads one table's cells for the row readers (:mod:`ledger.row_entry`,
:mod:`ledger.quick_rows`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache
from itertools import repeat
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from .dates import month_end
from .formulas import NO_FIGURE, is_no_figure, restore
from .header_units import holds_unit
from .names import key
from .numbers import excel_digits, footnote, has_mark, parse_number
from .patterns import LazyPattern
from .readings import _where
from .record import cached_number
from .sheet_dates import _A_YEAR, _through, sheet_date, year_to_date_months
from .sheets import PercentCell, Row, cell_text
from .table import Column, Table

if TYPE_CHECKING:
    from .additions import RunningOnly, RunningTotal  # imported where used: meaning is loaded only by appends


_RATE_WORDS = ("增速", "增长", "同比", "率", "%", "幅")


_DOT_GROUPS = LazyPattern(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")


_COMMA_DECIMAL = LazyPattern(r"^[+-]?\d+,\d+$")


# A figure with words after it in the cell (NFKC): 842.7(初步), 842.7[1], 842.7【注】, 842.7注1; and a figure
# in brackets alone, (2.1), as accounts write a negative.
_ANNOTATED = LazyPattern(r"^([+-]?\d[\d,]*(?:\.\d+)?%?)\s*((?:[(\[【]\s*([^()\[\]【】]*?)\s*[)\]】])|注\s*\S{1,3})$")
_IN_BRACKETS = LazyPattern(r"^\(\s*(\d[\d,]*(?:\.\d+)?%?)\s*\)$")
# A figure with a unit typed against it (NFKC): 842.7亿元, 8000m2 (typed 8000㎡), 12 亩.
_GLUED = LazyPattern(r"^([+-]?\d[\d,]*(?:\.\d+)?)\s*([^\d\s%()\[\]【】.,][^\s()\[\]【】]{0,7})$")
_RANK_WORDS = ("位", "名")  # 第72位, 72名: a rank's figure as bureaus write it (ledger.record)


def _marks_kept(text: str) -> str:
    """``text`` as NFKC writes it but for its footnote marks (``842.7注①``, never ``842.7注1``; ``⑴``, never
    ``(1)``, which is a mark, not words in brackets), stripped."""
    return "".join(c if has_mark(c) else unicodedata.normalize("NFKC", c) for c in text).strip().replace("\u2212", "-")


def _annotated(t: str, text: str) -> str | None:
    """Why a cell holding a figure and words beside it (``t``: NFKC; ``text``: as written) is no
    figure, and what to do; ``None`` for any other text. Words in the cell are never taken off as a
    footnote mark is (``842.7(初步)``): a bracket may hold the figure's unit (``8000(平方米)``) or
    another figure, and a figure in brackets alone (``(2.1)``) is an accountant's negative, or not."""
    shown = text.strip()
    if (m := _IN_BRACKETS.match(t)) is not None:
        return (
            f"{shown!r} is not a number: a figure in brackets, as accounts write a negative; write it signed "
            f"(-{m.group(1)}), or {m.group(1)} if it is not negative"
        )
    if (m := _ANNOTATED.match(t)) is None:
        return _glued(t, shown)
    figure_text = m.group(1)
    cut = next((i for i in range(len(shown)) if _marks_kept(shown[:i]) == figure_text), None)
    words = shown[cut:].strip() if cut else m.group(2)  # as written: '（初步）', not NFKC's '(初步)'
    if m.group(3) is not None and holds_unit(m.group(3)):
        return (
            f"{shown!r} is not a number: {words!r} after the figure is its unit; write {figure_text} alone in the "
            "cell and give the unit in the column's header or a 单位 column"
        )
    return (
        f"{shown!r} is not a number: {words!r} after the figure is an annotation, no part of it; write "
        f"{figure_text} alone in the cell, and move {words!r} to a 备注 column (or a note below the table)"
    )


def _glued(t: str, shown: str) -> str | None:
    """Why a cell holding a figure with a unit typed against it (``t``: NFKC; ``shown``: as
    written, ``842.7亿元``, ``8000㎡``) is no figure, as :func:`_annotated` says it of a unit in
    brackets; ``None`` when the words after the figure are no unit (a rank's 位, a footnote)."""
    if (m := _GLUED.match(t)) is None or m.group(2).strip() in _RANK_WORDS or not holds_unit(m.group(2)):
        return None
    cut = next((i for i in range(1, len(shown) + 1) if _marks_kept(shown[:i]) == m.group(1)), None)
    words = shown[cut:].strip() if cut else m.group(2)  # as written: '㎡', not NFKC's 'm2'
    if footnote(shown)[1]:
        return None  # footnote marks (㈩, *㈩) that NFKC writes as a unit's words ((十)): the marks' rule says
    return (
        f"{shown!r} is not a number: {words!r} after the figure is its unit; write {m.group(1)} alone in the "
        "cell and give the unit in the column's header or a 单位 column"
    )


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
    if ("(" in t or "[" in t or "【" in t or "注" in t) and (said := _annotated(_marks_kept(text), text)) is not None:
        raise ValueError(said)
    if any(map(str.isalpha, t)) and (said := _glued(t, text.strip())) is not None:
        raise ValueError(said)
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
    return excel_digits(body) + ("%" if percent else "")


# The fields only `tracker export` writes. Nearly every sheet an office sends has none of these
# columns, and then each row skips their handling as a whole (see _Sheet.exported).
_EXPORT_FIELDS = frozenset({"id", "recorded", "corrects", "void", "reason", "forced"})


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
        self.rank = fields.get("rank")  # 位次, 排名: a rank target's figure (row_entry)
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
        if self.date_col is not None:  # the sheet has a date column: "add a date column" would mislead
            raise ValueError(
                f"{_where(self.date_col, row)}: the row's date cell is empty; fill it in, or give --date YYYY-MM, "
                "the month of the rows left without one"
            )
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
            found = None
            if self.table.keyed_by == "number":
                # Each cell's type, by loops in C: the first PercentCell's row, if any.
                kinds = list(map(type, map(dict.get, map(_CELLS, rows), repeat(number))))
                if PercentCell in kinds:
                    row = rows[kinds.index(PercentCell)]
                    found = row.number, row.cells[number]
            elif not _no_percent_sign(rows, number):
                comma = self.table.decimal_comma
                tried: set[str | None] = set()  # texts that are no percent: each distinct one read once
                for row in rows:
                    cells = row.cells
                    text = cells[number - 1] if number <= len(cells) else None
                    if text in tried:
                        continue
                    if (found := _written_percent(row, number, comma)) is not None:
                        break
                    tried.add(text)
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


_CELLS = itemgetter(1)  # a Row's cells, by index: a NamedTuple's attribute costs more


def _no_percent_sign(rows: list[Row], number: int) -> bool:
    """Whether no CSV record of ``rows`` can hold a percent sign in column ``number``: every cell
    there is ASCII text without ``%`` (:func:`figure` keeps a sign NFKC makes ``%``: ``％``, ``﹪``,
    never an ASCII text's). Asked of the column's cells joined, in C: reading its distinct texts one
    by one cost more than the rest of reading a rate's rows. ``False`` (look cell by cell) when a
    record is too short to hold the column."""
    try:
        joined = "".join(map(itemgetter(number - 1), map(_CELLS, rows)))
    except IndexError:
        return False
    return joined.isascii() and "%" not in joined


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
