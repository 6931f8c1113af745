"""A row's own period, where the sheet says a row's figures are of another period than the table's:
in the row's name (``营利性服务业营业收入（1-7月）``) or by a footnote mark on it and a note below the
table (``营利性服务业营业收入*`` … ``注：*营利性服务业营业收入为1-7月数据。``). A bureau's 1—8月 table
carries service-sector revenue a month behind, as 1—7月; dated by the title, July's figure would be
filed as August's. Such a row is dated by its own period (:func:`own_periods`), or refused where that
cannot be told.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from .dates import month_end
from .errors import Problem
from .header_words import as_quoted, digit_months, is_note
from .month_spans import MONTH_SPAN, span_text
from .names import key
from .numbers import plain
from .patterns import LazyPattern
from .readings import Outcome
from .row_kinds import typed_at
from .row_targets import NAME_MARK_SYMBOLS, name_mark
from .table import Table

# Months as a name's bracket or a note writes them, NFKC with Chinese numerals as digits (1-7月, 1至7月,
# 2025年1-7月, 7月, 7月份): (year, first month, last month).
_MONTHS = rf"(?:(\d{{4}})\s*年\s*)?{MONTH_SPAN}\s*月份?"
# A name ending in its period in brackets: 营利性服务业营业收入（1-7月）, …(1-7月数据), …【2025年1-7月】.
_NAME_PERIOD = LazyPattern(rf"[(\[【]\s*{_MONTHS}\s*(?:数据|累计|快报)?\s*[)\]】]\s*$")
_NOTE_MONTHS = LazyPattern(rf"(?<!\d){_MONTHS}")
# Where a note's clauses part, as written: each says one thing (注：*为1-7月数据；①为快报数).
_CLAUSES = LazyPattern(r"[。；;，,\n]")
# A note's numbering before what it says (注：1.…, 2、…): no footnote mark.
_NUMBERING = LazyPattern(r"^\s*(?:注|说明|备注)?\s*[:：]?\s*(?:\d{1,2}\s*[.、．)）]\s*)?")
# Where a note's subject ends: its months, and the word saying what it is (为, 系, 是, 均为) right
# before them — never a 系 or 是 inside a name (产业体系建设投资为1-7月数据).
_SUBJECT_MONTHS = LazyPattern(
    r"(?:\d{4}\s*年\s*)?[\d一二三四五六七八九十元]{1,2}\s*(?:月份?)?\s*[-—–~至到]|\d{1,2}\s*月"
)
_SAYS = LazyPattern(r"\s*(?:均?为|系|是)\s*$")
# Where a note's subject lists names: 规上工业总产值、营利性服务业营业收入为1-7月数据.
_LISTED = LazyPattern(r"[、和及与/]")
_SAID_AS = LazyPattern(r"(?<=[为系是均])(?=[一二三四五六七八九十元]\s*[月至到\-—–~])")
_WIDE_MARKS = str.maketrans({"＊": "*", "＃": "#"})


class Period(NamedTuple):
    """A period of months a row's figures are said to be of: ``year`` (``None``: the sheet's),
    ``first`` month (``None`` for a month alone) and ``last``; ``said``: where it was read."""

    year: int | None
    first: int | None
    last: int
    said: str

    @property
    def span(self) -> str:
        """The months as a message says them: ``1—7月``, ``7月``."""
        return span_text(self.first, self.last)


class _Note(NamedTuple):
    """A clause of a note below the table naming a period: its footnote ``marks``, the ``names`` its
    subject is (the text before 为/系/是, or before the months, marks taken off, each name a list of
    them gives, as :func:`~ledger.names.key` writes it) and the ``period``."""

    marks: frozenset[str]
    names: frozenset[str]
    period: Period


def notes_below(rows: Sequence[tuple[int, dict[int, Any]]]) -> tuple[tuple[str, str], ...]:
    """The notes below a table (``注：…``, ``说明：…``), each as ``(the text, where: 'A6')``, read from
    the sheet's last row up while rows are notes: a table's notes close the sheet."""
    from .sheets import column_letter

    found: list[tuple[str, str]] = []
    for i in range(len(rows) - 1, -1, -1):
        number, cells = rows[i]
        texts = [(c, v) for c, v in cells.items() if isinstance(v, str) and v.strip()]
        if len(texts) != 1 or len(cells) != 1 or not is_note(texts[0][1]):
            break
        found.append((texts[0][1], f"{column_letter(texts[0][0])}{number}"))
    return tuple(reversed(found))


def _period(m: Any, said: str) -> Period | None:
    """The :class:`Period` a match of ``_MONTHS`` reads, or ``None`` for months no year has."""
    year, first, last = m.group(1), m.group(2), int(m.group(3))
    if not 1 <= last <= 12 or (first is not None and not 1 <= int(first) <= last):
        return None
    return Period(int(year) if year else None, int(first) if first is not None else None, last, said)


def _notes(notes: tuple[tuple[str, str], ...]) -> list[_Note]:
    """The clauses of ``notes`` that name one period and a footnote mark or words (a row's name)."""
    out = []
    for text, where in notes:
        for clause in _CLAUSES.split(text.strip()):  # as written: NFKC would make ① a 1
            if "月" not in clause:
                continue
            # 为一至七月数据: digit_months reads Chinese numerals after no other character (统一月报 has no month)
            # and a mark is no digit (注：①1-7月数据 is no 11-7月)
            unmarked = "".join(" " if unicodedata.category(c) == "No" else c for c in clause)
            norm = digit_months(_SAID_AS.sub(" ", unicodedata.normalize("NFKC", unmarked)))
            found = [p for m in _NOTE_MONTHS.finditer(norm) if (p := _period(m, "")) is not None]
            if len(found) != 1:
                continue  # none, or several (为1-7月数据，其余为1-8月): each clause is read for one
            body = clause[_NUMBERING.match(clause).end() :]  # type: ignore[union-attr]
            marks = frozenset(_marks(body))
            said = f"the note {as_quoted(text)!r} ({where})"
            out.append(_Note(marks, _subject(body), found[0]._replace(said=said)))
    return out


def _subject(body: str) -> frozenset[str]:
    """The names a note's clause ``body`` is said of: the text before its 为/系/是 (or before its months,
    ``营利性服务业营业收入1-7月数据``), marks taken off, parted where it lists them (、 和 及 与), each as
    :func:`~ledger.names.key` writes it. ``规上工业总产值中高新技术产业产值为1-7月数据`` is said of one name,
    the whole of it: a part of it (规上工业总产值) is no name it is said of."""
    # marks off before NFKC, which would make ⁽¹⁾ a (1) and ① a 1
    bare = "".join(
        c for c in body.translate(_WIDE_MARKS) if c not in NAME_MARK_SYMBOLS and unicodedata.category(c) != "No"
    )
    norm = unicodedata.normalize("NFKC", bare)
    months = _SUBJECT_MONTHS.search(norm)
    subject = _SAYS.sub("", norm[: months.start()] if months is not None else norm)
    return frozenset(k for part in _LISTED.split(subject) if (k := key(part)))


def _marks(text: str) -> list[str]:
    """The footnote marks in ``text`` as written (``*``, ``①``, ``¹``), full-width symbols half-width."""
    text = text.translate(_WIDE_MARKS)
    # ⁽¹⁾: the brackets around a mark are no mark (⁽²⁾ would share them with ⁽¹⁾)
    return [
        c
        for c in text
        if (c in NAME_MARK_SYMBOLS and unicodedata.category(c) not in ("Ps", "Pe")) or unicodedata.category(c) == "No"
    ]


def _own(name: str, notes: list[_Note]) -> Period | None:
    """The period a row named ``name`` is said to be of: by its name's bracket, or by a note naming
    its footnote mark or its name; ``None`` where nothing says one."""
    bare, mark = name_mark(name)
    norm = digit_months(unicodedata.normalize("NFKC", bare).strip())
    if "月" in norm and (m := _NAME_PERIOD.search(norm)) is not None:
        return _period(m, f"its name {name.strip()!r}")
    if not notes:
        return None
    marks = _marks(mark)
    k = key(_NAME_PERIOD.sub("", norm))
    for note in notes:
        # a note is said of a row by its mark, or by the row's whole name as the note's subject: never
        # by a name that is a part of a longer one (规上工业总产值 in 规上工业总产值中高新技术产业产值,
        # 工业总产值 in 高新技术产业工业总产值)
        if (marks and any(c in note.marks for c in marks)) or (k and k in note.names):
            return note.period
    return None


def own_periods(table: Table, outcome: Outcome, plan_names: Iterable[str] = ()) -> tuple[Outcome, list[str]]:
    """``outcome`` with each entry whose row the sheet says is of another period than its date (see the
    module's description) dated by that period: a 1—7月 row of a 1—8月 table at 2025-07-31, said in
    a note (the notes are returned beside it). ``plan_names`` are the plan's names and aliases, which
    a name carrying its period must be among to have named a target at all. A row of a period that
    cannot be its date — later than the table's, of months not starting in January (7-9月), a month
    alone (7月: its own figure, or 1—7月?), another year — is refused naming the row and what says so."""
    names = table.by_field.get("target")
    if names is None or not outcome.entries:
        return outcome, []
    notes = _notes(table.notes) if table.notes else []
    if not notes and not any("月" in n for n in plan_names):
        # A name with its period in brackets names a target only by an alias holding one (the target's
        # names are matched whole, a unit's bracket alone taken off): with neither, no row is of its own.
        return outcome, []
    by_row = {row.number: row for row in table.rows}
    entries, readings = list(outcome.entries), list(outcome.readings)
    problems, said = list(outcome.problems), []
    for i, (e, number) in enumerate(zip(outcome.entries, outcome.numbers, strict=True)):
        row = by_row.get(number)
        name = typed_at(row, names, table.keyed_by) if row is not None else None
        if not name or (own := _own(name, notes)) is None:
            continue
        year = own.year or e.date.year
        if (year, own.last) == (e.date.year, e.date.month) and own.first in (None, 1):
            continue  # the row's period is the sheet's
        if own.first != 1 or year != e.date.year or own.last > e.date.month or own.last < 2:
            problems.append(
                Problem(
                    f"{own.said} says its figures are {year}年{own.span}'s, but the row is dated {e.date}",
                    where=f"row {number}",
                    row=number,
                    fix=f"which is it? give the row in the sheet of its own period, or leave it out and record it with "
                    f"tracker record {e.target} {plain(e.value) if e.value is not None else '…'} --date {year}-{own.last:02d}",
                )
            )
            continue
        day = month_end(year, own.last)
        entries[i] = e._replace(date=day)
        if readings:
            readings[i] = readings[i]._replace(date_from=f"{own.said}, not the sheet's {e.date}")
        said.append(
            f"row {number} ({name.strip()}) dated {day}, not {e.date}: {own.said} says its figures are 1—{own.last}月's"
        )
    if not said and len(problems) == len(outcome.problems):
        return outcome, []
    return dataclasses.replace(outcome, entries=entries, readings=readings, problems=problems), said
