"""What the rows above a sheet's header state (:class:`_Stated`): the period or year from a title or
date cell, the day it was filled in, and its unit lines.
"""

import contextlib
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, NamedTuple

from . import units
from .dates import month_end
from .header_units import _AMOUNTS, holds_unit, is_qualifier, is_unit, unit_word
from .header_words import (
    _ANY_DAY,
    _AS_OF_LABEL,
    _BARE_DAY,
    _BARE_MULTIPLIER,
    _DATE_CELL,
    _DOT_MONTH_CELL,
    _FILLED_IN,
    _GENERAL,
    _KIND_LABEL,
    _MONTH_WORDS,
    _NAMED_NEEDS,
    _SCOPES,
    _TITLE_MONTHS,
    _TITLE_NAMED,
    _TITLE_PERIOD,
    _TITLE_UNIT,
    _UNIT_LABEL,
    _UNIT_SEP,
    _UNIT_WORD,
    _UP_TO_AFTER,
    _UP_TO_BEFORE,
    FILLED_IN_WORDS,
    SINCE_MONTH,
    YEAR,
    as_quoted,
    digit_months,
    is_note,
    named_span,
    title_whole_year,
)
from .month_spans import MONTH_SPAN, data_months, span_text, unread_span
from .names import key
from .patterns import LazyPattern
from .sheets import Grid, cell_text, column_letter
from .table import Column, LayoutError


def _one_year(stated: "_Stated") -> tuple[int, str] | None:
    """The one year the rows above the header name without a month, and where; ``None`` for
    none or several."""
    if len(stated.years) != 1:
        return None
    ((year, where),) = stated.years.items()
    return year, where


class _Stated(NamedTuple):
    """What the rows above the header say: the ``period`` (a date cell or a title with a year)
    and where it was read, the sheet's ``unit`` (a 单位 line; ``line_units`` by kind, see
    :func:`_sheet_unit`; ``units_from`` where each was read), ``running`` = (N, where) when the
    title names 1—N月, or a title or date cell the year so far to month N (``截至2025年8月底``), N ≥ 2:
    its figures are year-to-date; a ``month`` the title names with no year,
    ``years`` named with no month (``临平经开区2025年主要经济指标``) and the days the sheet says it
    was ``filled`` in, each with where; ``whole_year``, the year a title names the whole of
    (:func:`~ledger.header_words.title_whole_year`: ``2025年度…``, never ``（年度考核口径）``)."""

    period: date | None
    period_from: str | None
    unit: str | None
    running: tuple[int, str] | None
    month: tuple[int, str] | None
    years: dict[int, str]
    filled: list[tuple[date, str]]
    line_units: dict[str, str]
    units_from: dict[str, str]  # where each unit above the header was read
    part: tuple[int, int, str] | None = None  # (first, last month, where): a title's 7—9月, 三季度
    whole_year: int | None = None  # the year a title names the whole of (2025年度…): header_words.title_whole_year
    line_every: bool = False  # a unit line lists every figure's unit by kind (单位：个/家): _UnitLine.every


def _a_day(text: str) -> date | None:
    """The first full date (with a day) in ``text``, or ``None``."""
    if m := _ANY_DAY.search(text):
        with contextlib.suppress(ValueError):
            if m.group(2):
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return date(int(m.group(1)), int(m.group(4)), int(m.group(5)))
    return None


def _title_period(norm: str, text: str) -> tuple[date | None, int | None, int | None, int | None] | None:
    """``(period, running months, month without a year, first month)`` a title-like text states,
    or ``None``; the first month is given when the period is several months starting after
    January (2025年7-9月, 2025年三季度, 2025年下半年): those months' own figures."""
    # Each pattern below needs a word of its own (月; 年 with 季度, 半年, 全年 or Q): a title
    # without one is not searched, so a sheet's usual title compiles none of them.
    months = "月" in norm
    if months and (span := unread_span(norm)) is not None:
        raise _TwoPeriods(
            f"names {span!r}, days that are no span of whole months; write the months it is for (2025年1-8月)"
        )
    if months and (m := _TITLE_PERIOD.search(norm)):
        last = int(m.group(3))
        if not 1 <= last <= 12:
            return None
        if m.group(2) is None and SINCE_MONTH.match(norm, m.end()):
            return None  # 2025年1月至今: the count's start, no period; the year is read as a year alone
        first = int(m.group(2)) if m.group(2) is not None else None
        if (data := data_months(norm, m.end(), int(m.group(1)), last)) is not None:
            # 2025年9月快报（1-8月数据）: published in September, its figures are 1—8月's
            data_year, first, last = data
            if not 1 <= last <= 12:
                return None
            part = first if first is not None and 1 < first < last else None
            running = last if last >= 2 and first == 1 else None
            return month_end(data_year, last), running, None, part
        if (other := _another_period(norm, m.end(), int(m.group(1)), last)) is not None:
            raise _TwoPeriods(f"names two periods, {m.group()!r} and {other!r}; which is it? correct the sheet")
        ranged = first == 1
        running = last if last >= 2 and (ranged or _up_to(norm, m.start(), m.end())) else None
        part = first if first is not None and 1 < first < last else None
        return month_end(int(m.group(1)), last), running, None, part
    if any(w in norm for w in _NAMED_NEEDS) and (m := _TITLE_NAMED.search(norm)):
        if m.group(3) is not None:  # 2025Q3, 2025 Q3: the year and the quarter without 年
            q = int(m.group(4))
            first, last = q * 3 - 2, q * 3
            return month_end(int(m.group(3)), last), last if first == 1 else None, None, first if first > 1 else None
        word = key(m.group(2))
        if word == "全年":
            first, last = 1, 12
        else:
            (first, last), _ = named_span(word) or ((1, 12), 0)
        running = last if first == 1 else None
        return month_end(int(m.group(1)), last), running, None, first if first > 1 else None
    whole = title_whole_year(norm) if not months else None  # 临平经开区2025年度主要经济指标
    if whole is not None and (m := _WHOLE_YEAR.search(norm)) and int(m.group(1)) == whole:
        return month_end(int(m.group(1)), 12), 12, None, None
    if not months or not (m := _TITLE_MONTHS.search(norm)):
        return None
    last = int(m.group(2) or m.group(3) or m.group(4))
    if not 1 <= last <= 12:
        return None
    running = last if (m.group(2) is not None or m.group(4) is not None) and last >= 2 else None
    if year := YEAR.search(norm):  # 临平经开区2025年主要经济指标（1-8月）
        return month_end(int(year.group(1)), last), running, None, None
    return None, running, last, None


# A title naming a year's whole (2025年度主要经济指标, 2025 年度完成情况) and no month: its figures are the
# year's, 1—12月. Not a year's goals or tasks (2025年度目标任务, 年度计划): those say nothing of the figures' date.
_WHOLE_YEAR = LazyPattern(r"((?:19|20)\d\d)\s*年度(?!\s*(?:目标|计划|任务|考核|预算|工作要点))")


# A cell labelled as the period its figures are for (报告期：2025年8月, 统计期：2025年1-8月, 数据期间：…).
_PERIOD_LABEL_WORDS = ("报告期", "统计期", "数据期", "所属期")
_PERIOD_LABEL = LazyPattern(rf"({'|'.join(_PERIOD_LABEL_WORDS)})(?:间)?\s*[:：]")


class _TwoPeriods(ValueError):
    """A title naming two periods that cannot be told apart (``2025年9月 1-8月主要经济指标``), or a
    span of days that is no span of whole months; its text says which, and what to do."""


def _another_period(norm: str, pos: int, year: int, month: int) -> str | None:
    """The text of a period the title names after ``pos`` that ends in another month than
    ``year``-``month`` (``2025年9月 1-8月…``), or ``None``: a title naming two cannot be dated."""
    if "月" not in norm[pos:]:
        return None
    if (m := _TITLE_PERIOD.search(norm, pos)) is not None and (int(m.group(1)), int(m.group(3))) != (year, month):
        return m.group()
    if (m := _TITLE_MONTHS.search(norm, pos)) is not None and m.group(2) is not None and int(m.group(2)) != month:
        return m.group()
    return None


def _up_to(norm: str, start: int, end: int) -> bool:
    """Whether the month at ``norm[start:end]`` is said as the year so far: 截至/截止 before it, or
    底/末/止 after it (截至2025年7月底, 2025年8月末), the words that make a header a running total."""
    return _UP_TO_BEFORE.search(norm, 0, start) is not None or _UP_TO_AFTER.match(norm, end) is not None


class _UnitLine(tuple[str | None, dict[str, str], str]):
    """A unit line as :func:`_sheet_unit` reads it, ``(unit, by_kind, rest)``: the unit of every
    figure, the units by kind of some, the text after it; and, apart from those three (so that it is
    equal to the plain tuple), whether it lists ``every`` figure's unit by kind (a line labelled
    ``单位`` alone listing several: ``单位：个/家``, ``单位：万元、%``), so that a figure of a kind it
    names none of contradicts it."""

    every: bool

    def __new__(cls, unit: str | None, by_kind: dict[str, str], rest: str, every: bool = False) -> "_UnitLine":
        line = super().__new__(cls, (unit, by_kind, rest))
        line.every = every
        return line


def _sheet_unit(norm: str) -> _UnitLine | None:
    """A unit line's ``(unit of every figure, {dimension: unit} of some, the text after it)``,
    or ``None`` when ``norm`` (NFKC) states no known unit. ``单位：万元`` gives every figure's
    unit; ``金额单位：万元`` amounts' alone; ``单位：万元、%`` and ``金额单位：亿元；面积单位：平方米``
    one unit per kind of quantity (:func:`ledger.units.dimension`), separated by ``、 , ; /`` or
    spaces. A unit that its label says is of another kind (``金额单位：平方米``) is passed over.
    Raises ``ValueError`` when the line gives two units of one kind (``万元、亿元``)."""
    if "单位" not in norm:  # what _UNIT_LABEL needs: most cells are not unit lines
        return None
    m = _UNIT_LABEL.match(norm)
    if m is None:
        return None
    said: list[tuple[str, str]] = []  # (the label the unit follows, "" after another unit; the unit)
    scope, pos, rest = m.group(1), m.end(), ""
    last, between = None, ""  # the unit just read and the separators after it, while no word follows
    while pos < len(norm):
        label = _UNIT_LABEL.match(norm, pos) or _KIND_LABEL.match(norm, pos)
        if label is not None and (w := _UNIT_WORD.match(norm, label.end())) and units.known(unit_word(w.group())):
            scope, pos, last = label.group(1), label.end(), None
        elif (word := _UNIT_WORD.match(norm, pos)) is None:
            sep = _UNIT_SEP.match(norm, pos)  # what is no word is a separator
            between, pos = between + sep.group(), sep.end()  # type: ignore[union-attr]
        elif (u := units.known(unit_word(word.group()))) is None:  # 亩（用地面积）, 万元人民币, 亩。: 亩, 万元
            if last is not None:
                _refuse_unknown_after(last, between, norm, pos)
            rest = norm[pos:]
            break
        else:
            if norm.startswith("/", word.end()) and (rate := _rate(u, norm, word.end() + 1)) is not None:
                raise RateUnit(rate)
            said.append((scope, u))
            scope, pos = "", word.end()  # 单位：万元、%: a unit after another is of its own kind
            last, between = u, ""
    if not said:
        return None
    if len(said) == 1 and said[0][0] in _GENERAL:
        return _UnitLine(said[0][1], {}, rest)
    by_kind: dict[str, str] = {}
    for scope, u in said:
        kind = units.dimension(u)
        wanted = _SCOPES.get(scope)
        if wanted is not None and kind.split(":")[0] not in wanted:
            continue  # 金额单位：平方米: a label and its unit that disagree say nothing a row can use
        if by_kind.setdefault(kind, u) != u:
            raise ValueError(f"two units of one kind ({by_kind[kind]}, {u})")
    return _UnitLine(None, by_kind, rest, all(scope in _GENERAL for scope, _ in said))


class RateUnit(ValueError):
    """A unit line stating a price or a rate, one unit per another (``单位：元/平方米``, ``万元/亩``):
    no quantity's unit, so its figures are read in neither. Its text is the rate as written."""


class UnknownUnit(ValueError):
    """A unit line listing, or writing over a slash, a unit tracker does not know beside one it knows
    (``单位：万元、吨``, ``单位：个/户``), or words over a slash after a unit (``单位：亩/年``): which unit each
    figure is in cannot be told, and reading the known one could be any factor off. ``word`` is the
    word as written (``吨``), ``said`` the two as the line writes them (``个/户``), ``unit`` whether the
    word is written as a unit (:func:`ledger.header_units.is_unit`)."""

    def __init__(self, word: str, said: str, unit: bool) -> None:
        super().__init__(said)
        self.word, self.said, self.unit = word, said, unit


def _refuse_unknown_after(first: str, between: str, norm: str, pos: int) -> None:
    """Refuse the word at ``norm[pos]`` that ``between`` (the separators read) parts from ``first``, a
    unit tracker knows, when it is no unit tracker knows: over a slash after an amount any word
    makes a price or rate (``万元/吨``, ``元/千瓦时``, ``万元/标箱``: :class:`RateUnit`), after another
    unit any word (``个/户``, ``亩/年``), and listed (``、 , ;``) or after a blank a unit tracker does
    not know (``万元、吨``, ``万元 吨``: :class:`UnknownUnit`). Other words after a list mark or a blank
    are left (``亩，用地面积`` what the unit measures, ``万元　2025年8月`` a date); a unit label after one
    is read for its word (``金额单位：万元；面积单位：吨``) unless it names an office (``填报单位：…``)."""
    at = pos
    if (label := _UNIT_LABEL.match(norm, pos) or _KIND_LABEL.match(norm, pos)) is not None:
        if label.group(1) not in _GENERAL and label.group(1) not in _SCOPES:
            return  # 填报单位：万亩园区管委会, 填报人：…: an office or a person, no unit
        at = label.end()
    if (found := _UNIT_WORD.match(norm, at)) is None:
        return
    word = unit_word(found.group())
    if not word:
        return
    slash = at == pos and "/" in between
    if slash and units.dimension(first) in _AMOUNTS:
        if key(word) == "人民币":
            return  # 万元/人民币: the currency the amounts are in, no rate
        raise RateUnit(f"{first}/{word}")
    if slash or is_unit(key(word)):  # listed, or after a blank: 万元、吨, 万元 吨
        raise UnknownUnit(word, f"{first}{'/' if slash else '、'}{word}", is_unit(key(word)))


def _rate(first: str, norm: str, pos: int) -> str | None:
    """The rate ``first``/next word writes when the word after the slash at ``norm[pos - 1]`` is a
    known unit of another kind than ``first`` (``元/平方米``, ``万元/亩``, ``万元/人``), neither a % nor
    both counts, else ``None``: a slash between two units of one kind, two counted nouns or beside a %
    lists them (``万元/%``, ``个/家``)."""
    if (word := _UNIT_WORD.match(norm, pos)) is None or (second := units.known(unit_word(word.group()))) is None:
        return None
    kinds = units.dimension(first), units.dimension(second)
    if "%" in (first, second) or kinds[0] == kinds[1] or all(k.startswith("count:") for k in kinds):
        return None  # 个/家: each counted noun is a kind of its own, and listed so, never a rate
    return f"{first}/{second}"


# What _UNIT_WORD and _UNIT_SEP part a unit line at (the separators, as blanks), for words read
# without them (:func:`_bare_unit`). re's \s is what str.isspace() says, as str.split() reads it.
_SEPARATORS = str.maketrans(dict.fromkeys("、,;/，；", " "))
_CLOSERS = (")", "]", "】")
_OPENS = LazyPattern(r"[(\[【]")


def _ends_bracketed(norm: str) -> bool:
    """Whether ``norm`` ends in a closing bracket, as ``$`` reads an end (before a last newline
    too): what _TITLE_TAIL and _BARE_UNIT need, asked before either is compiled."""
    return norm.endswith(_CLOSERS) or (norm.endswith("\n") and norm[:-1].endswith(_CLOSERS))


def _first_word(text: str) -> str | None:
    """The word _UNIT_WORD reads after a unit label followed by ``text`` (``单位:`` + ``text``: the
    label takes the blanks leading ``text``), or ``None`` where a separator comes first."""
    rest = text.lstrip()
    words = rest.translate(_SEPARATORS).split(None, 1)
    return words[0] if words and rest.startswith(words[0]) else None


# A line that is a unit in brackets and nothing else, as NFKC writes it: (亩), 【单位：亩】, [万元].
_BARE_UNIT = LazyPattern(r"^[(\[【]\s*([^()\[\]【】]+?)\s*[)\]】]$")
# A bracket ending a title's line (…建设情况（亩）): a unit when it holds units alone (:func:`_bare_unit`).
_TITLE_TAIL = LazyPattern(r"[(\[【]\s*([^()\[\]【】]+?)\s*[)\]】]$")
# A unit label after the title on its line, past a blank: …建设情况　单位：亩, …指标 金额单位:万元.
_LATER_LABEL = LazyPattern(r"\s(?=[\u4e00-\u9fff]{0,4}单位(?:\s*[:：]|\s+))")


def _bare_unit(inside: str) -> _UnitLine | None:
    """:func:`_sheet_unit` of a bracket's ``inside`` holding a unit line or bare units (``亩``,
    ``万元、%``) and nothing else; ``None`` for anything else (``1-8月``, ``续``)."""
    if "单位" not in inside and ":" not in inside and "：" not in inside:
        # No label can follow (each needs 单位 or a colon): a bracket whose first word is no unit
        # (示例数据, a title's aside) says none, as _sheet_unit would find having compiled its patterns.
        words = inside.translate(_SEPARATORS).split(None, 1)
        if not words or units.known(words[0]) is None:
            return None
    line = _sheet_unit(inside if "单位" in inside else f"单位:{inside}")
    return line if line is not None and not line[2].strip() else None


def _said_bare(inside: str) -> bool:
    """Whether a bracket's ``inside`` is a unit line (:func:`_bare_unit`), one read or refused as
    such (``（万元、亿元）``, ``（元/平方米）``: refused where unit lines are read)."""
    try:
        return _bare_unit(inside) is not None
    except ValueError:
        return True


def _after_title(norm: str) -> tuple[_UnitLine, str] | None:
    """The unit line ending a title's line after a blank (``…建设情况　单位：亩``) and the title
    before it, or ``None``."""
    if "单位" not in norm:
        return None
    for blank in _LATER_LABEL.finditer(norm):
        if (line := _sheet_unit(norm[blank.end() :])) is not None:
            return line, f"{norm[: blank.start()].strip()} {line[2]}".strip()
    return None


def header_unit_lines(
    name: str,
    header: tuple[int, dict[int, Any]],
    rows: Sequence[tuple[int, dict[int, Any]]],
    start: int,
    fields: dict[int, str | None],
) -> dict[int, str]:
    """``{column: text}`` of a header row's cells that are a unit line rather than a column's
    header (指标名称 | 本月新增 | 单位：亩, nothing under 单位：亩): a text starting with a unit label
    and a word (单位：亩, 单位 亩, 金额单位：万元) or a bare bracketed unit (（亩）), naming no field
    (``fields``: the header's, by column). The caller reads them as the lines above the header are
    (:func:`_above`). Raises :class:`LayoutError` when such a cell's column holds anything in the
    ``rows`` from index ``start`` (those under the header): whether it is each row's unit or a
    unit line cannot be told. The rows are read only for such a cell (a CSV's are made on demand)."""
    out: dict[int, str] = {}
    number, cells = header
    for c, value in cells.items():
        if not isinstance(value, str) or fields.get(c) not in (None, "unit"):
            continue  # 单位 亩 reads as a 单位 column too: a unit line only with nothing under it
        norm = unicodedata.normalize("NFKC", value).strip()
        if "单位" not in norm and not norm.startswith(("(", "[", "【")):
            continue
        at = norm.find("单位")  # what a label with a word after it needs, asked before its pattern
        label = _UNIT_LABEL.match(norm) if at != -1 and at + 2 < len(norm) else None
        bare = _BARE_UNIT.match(norm) if norm.startswith(("(", "[", "【")) and _ends_bracketed(norm) else None
        if not ((label and label.end() < len(norm)) or (bare and _said_bare(bare.group(1)))):
            continue
        below = (rows[i] for i in range(start, len(rows)))
        held = next(((n, r[c]) for n, r in below if c in r), None)
        if held is not None:
            if fields.get(c) == "unit":
                continue  # the rows' 单位 column, as its header reads
            letter = column_letter(c)
            raise LayoutError(
                [f"{name}: the header's cell {as_quoted(value)!r} ({letter}{number}) states a unit, but its column holds "
                 f"{cell_text(held[1])!r} ({letter}{held[0]}); put each row's unit under a 单位 header, or move the unit "
                 "line above the header"]
            )  # fmt: skip
        out[c] = value
    return out


class _UnitLines:
    """The units the rows above the header state, and where (:func:`_sheet_unit`): a line of its
    own (``金额单位：万元`` in A2) or the title's brackets (``…指标（单位：万元）``). ``unit`` is every
    figure's, ``by_kind`` by dimension, ``said`` where each unit was read, for ``--dry-run``."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.unit: str | None = None
        self.by_kind: dict[str, str] = {}
        self.said: dict[str, str] = {}
        self.every = False  # a line lists every figure's unit by kind (单位：个/家): _UnitLine.every

    def read(self, norm: str, text: str, cell: str) -> str:
        """Take the units a cell's text (``norm``: NFKC, stripped) states, and return what else
        it says (the date sharing a unit line's cell, the title without its unit): ``norm`` as it
        is when it states none. Each line of a cell is read as a cell of its own (a title cell's
        second line ``单位：亩``). Raises :class:`LayoutError` for a unit contradicting another."""
        if "单位" not in norm and "(" not in norm and "[" not in norm and "【" not in norm:
            return norm  # every pattern below reads a 单位 label or a bracket
        lines = norm.splitlines()
        if len(lines) < 2:
            return self._line(norm, text, cell)
        texts = text.strip().splitlines()
        shown = texts if len(texts) == len(lines) else lines
        kept = [self._line(n.strip(), t, cell) for n, t in zip(lines, shown, strict=True)]
        return "\n".join(k for k in kept if k) if kept != [n.strip() for n in lines] else norm

    def _line(self, norm: str, text: str, cell: str) -> str:
        """:meth:`read` of one line of a cell: a unit line (``单位：万元``, ``单位 万元``), a unit
        line after the title on its line (``…建设情况　单位：亩``), a bracketed unit alone or ending the
        title (``（亩）``, ``…建设情况（亩）``) or the title's brackets (``…指标（单位：万元）``)."""
        if "单位" not in norm and not (_ends_bracketed(norm) and _TITLE_TAIL.search(norm)):
            return norm
        labelled = "单位" in norm  # what _TITLE_UNIT, _LATER_LABEL and _UNIT_LABEL need
        try:
            if (line := _sheet_unit(norm)) is not None:
                said, left = line, line[2]
                where = f"the unit line {as_quoted(text)!r} ({cell})"
            elif (after := _after_title(norm)) is not None:
                said, left = after[0], after[1]
                where = f"the unit line {as_quoted(text)!r} ({cell})"
            elif (
                (tail := _TITLE_TAIL.search(norm) if _ends_bracketed(norm) else None) is not None
                and not (labelled and _UNIT_LABEL.match(norm))  # 单位：万元（亿元）: a unit line, not a title's tail
                and (line := _bare_unit(tail.group(1))) is not None
            ):
                said, left = line, norm[: tail.start()]  # …建设情况（亩）
                where = (
                    f"the title {as_quoted(text)!r}" if left.strip() else f"the unit line {as_quoted(text)!r} ({cell})"
                )
            elif (
                labelled
                and (bracket := _TITLE_UNIT.search(norm)) is not None
                and (line := _sheet_unit(bracket.group(1).strip())) is not None
                and (not line[2].strip() or is_qualifier(line[2]))  # …（单位：亩，用地面积）: what the 亩 measure
            ):
                said, left = line, norm[: bracket.start()] + norm[bracket.end() :]
                where = (
                    f"the title {as_quoted(text)!r}" if left.strip() else f"the unit line {as_quoted(text)!r} ({cell})"
                )
            else:
                for start in (0, *(blank.end() for blank in _LATER_LABEL.finditer(norm))) if labelled else ():
                    self._unread(norm, start, text, cell)
                if labelled and (bracket := _TITLE_UNIT.search(norm)) is not None:  # …情况（单位：吨）
                    self._unread(bracket.group(1).strip(), 0, text, cell)
                if (
                    _ends_bracketed(norm)
                    and (tail := _TITLE_TAIL.search(norm))
                    and "单位" not in tail.group(1)  # （吨）: read as _unread reads 单位:吨
                    and (word := _first_word(tail.group(1))) is not None
                ):
                    self._unread_word(word, text, cell)
                return norm
        except RateUnit as e:
            raise LayoutError(
                [f"{self.name}: the unit line {as_quoted(text)!r} ({cell}) says {e}, a price or rate (one unit per "
                 "another), not the unit of a quantity; write the unit the figures are in there (单位：万元, 单位：亩, or "
                 "several: 单位：万元、平方米), in the headers or in a 单位 column"]
            ) from None  # fmt: skip
        except UnknownUnit as e:
            if e.unit:
                self._unread_word(e.word, text, cell)  # 单位：万元、吨: says 吨, a unit the tracker does not know
            raise self._cannot_read(text, cell, e.said) from None
        except ValueError as e:
            raise LayoutError([f"{self.name}: cell {cell} gives {e}; give each row's unit in a 单位 column"]) from None
        unit, by_kind, _ = said
        self.every = self.every or said.every
        if unit is not None:
            if self.unit is not None and self.unit != unit:
                self._clash(unit, self.unit)
            self.unit = unit
            self.said.setdefault(unit, where)
        for kind, u in by_kind.items():
            if self.by_kind.setdefault(kind, u) != u:
                self._clash(u, self.by_kind[kind])
            self.said.setdefault(u, where)
        return left.strip()

    def _unread(self, norm: str, start: int, text: str, cell: str) -> None:
        """Refuse a unit label at ``norm[start:]`` that :func:`_sheet_unit` could not read but that
        names a unit all the same: a multiplier alone (单位：万) or a unit the tracker does not know
        (单位：吨), which must never leave the figures in their target's unit. Raises
        :class:`LayoutError`."""
        label = _UNIT_LABEL.match(norm, start)
        if label is not None and (w := _UNIT_WORD.match(norm, label.end())) is not None:
            said = label.group(1)
            figures = said in _GENERAL or said in _SCOPES  # 单位, 金额单位: not 责任单位, whose word names an office
            self._unread_word(w.group(), text, cell, office=said.startswith(FILLED_IN_WORDS), figures=figures)

    def _unread_word(self, word: str, text: str, cell: str, office: bool = False, figures: bool = False) -> None:
        """:meth:`_unread` of the ``word`` after a unit label; ``office`` when the label names the
        office that filled the sheet in (填报单位, 报送单位), whose name may hold a unit's word
        (万亩园区管委会); ``figures`` when it names the figures' unit (单位, 计量单位, 金额单位, 面积单位),
        so that a unit within its word (用地亩数, 面积亩) is one said. Raises :class:`LayoutError`."""
        word = unit_word(word)
        if word in _BARE_MULTIPLIER:
            raise LayoutError(
                [f"{self.name}: the unit line {as_quoted(text)!r} ({cell}) says {word} of no quantity; "
                 f"write the whole unit ({word}元, {word}平方米…) there or in a 单位 column"]
            )  # fmt: skip
        # A unit the tracker does not know (吨, 万吨, 栋, 千瓦时), as a header may state one: the line
        # states the figures' unit all the same, and they are never read in their target's.
        if is_unit(key(word)):
            raise LayoutError(
                [f"{self.name}: the unit line {as_quoted(text)!r} ({cell}) says {word}, a unit the tracker does "
                 "not know; give the figures in one it knows (亿元, 万元, 万平方米, 亩, 家…) there, in the headers or "
                 "in a 单位 column"]
            )  # fmt: skip
        if figures and not office and _OPENS.search(word) is None:
            # 单位：用地亩数, 单位：面积亩: a unit within words; 单位：亩以上, 单位：万元含税: a unit followed by words
            # that are no price it is reckoned at (unit_word reads 千元现价 as 千元). Neither can be read as the
            # line's, and the figures are never taken in their target's unit for it.
            k = key(word)
            if _in_words(k):
                raise self._cannot_read(text, cell, word, "a unit within words, ")
            if (unit := _before_words(k)) is not None:
                raise self._cannot_read(text, cell, word, f"{unit} followed by words, ")
        if (
            not office
            and (bracket := _OPENS.search(word)) is not None
            and (is_unit(key(word[: bracket.start()])) or holds_unit(word[bracket.end() :]))
        ):
            # 万元（亿元）, 亩(用地 cut at a comma: a unit is said, but which cannot be read; the figures are
            # never taken in their target's unit for it. A word with no bracket (万亩园区管委会) is no unit.
            raise self._cannot_read(text, cell, word)

    def _cannot_read(self, text: str, cell: str, said: str, why: str = "") -> LayoutError:
        """The refusal of a unit line ``text`` (at ``cell``) whose unit, as written (``said``), tracker
        cannot read, ``why`` (a phrase ending in ", ") said before the fix."""
        return LayoutError(
            [f"{self.name}: the unit line {as_quoted(text)!r} ({cell}) gives its unit as {said!r}, {why}which tracker "
             "cannot read; write the unit alone there (单位：亩, 单位：万元), or give it in the headers or a 单位 column"]
        )  # fmt: skip

    def _clash(self, unit: str, other: str) -> None:
        raise LayoutError(
            [f"{self.name}: {self.said.get(other, 'the sheet')} says {other} but another says {unit}; "
             "which is it? correct the sheet"]
        )  # fmt: skip


def _above(
    grid: Grid, rows: Sequence[tuple[int, dict[int, Any]]], chosen: int | None = None, dated_rows: bool = False
) -> _Stated:
    """What the rows above the header say (see :class:`_Stated`). A full date (with a day) that
    no 截至/统计时间 introduces — ``时间：2025年9月5日``, ``填报日期：…``, a bare ``2025年9月5日`` or an
    Excel date in a corner — is when the sheet was filled in, not its period; a month
    (``2025年8月``, ``截至2025.10``, an Excel date shown as a month), 截至2025年6月30日, or a date right of a
    ``截至日期：`` label is the period. Notes (``注：…``) say nothing of it. A workbook's sheet named
    for a period (``1-8月``, ``2025年8月``: :func:`tab_period`) states it as plainly: it dates a sheet
    whose rows above say none, and one that names another month than them is refused unless
    ``chosen`` (``--date``'s month) says which is right (:func:`_with_tab`); over rows that carry
    their own dates (``dated_rows``: a date column) the name dates nothing and makes nothing a running
    total, the rows' dates are theirs. Raises
    :class:`LayoutError` when two cells state different periods."""
    found: list[tuple[date, str]] = []
    stated_units = _UnitLines(grid.name)
    title: tuple[date | None, int | None, int | None, int | None, str] | None = None
    years: dict[int, str] = {}
    whole_year: int | None = None
    filled: list[tuple[date, str]] = []
    up_to: list[tuple[int, str]] = []  # date cells saying the year so far (截至2025年8月底), and where
    for number, cells in rows:
        for c, value in cells.items():
            where = f"cell {column_letter(c)}{number}"
            if isinstance(value, datetime | date):  # a month-only format arrives as its text
                when = value.date() if isinstance(value, datetime) else value
                (found if _as_of_label(cells.get(c - 1)) else filled).append((when, where))
                continue
            text = cell_text(value)
            if text is None:
                continue
            norm = digit_months(unicodedata.normalize("NFKC", text).strip())  # 2025年八月 as 2025年8月
            if norm.startswith(FILLED_IN_WORDS) and _FILLED_IN.match(norm):
                if (day := _a_day(norm)) is not None:
                    filled.append((day, where))
                continue  # when the sheet was filled in, not the date its figures refer to
            before = norm
            norm = stated_units.read(norm, text, f"{column_letter(c)}{number}")
            if norm != before and not norm:
                continue  # 单位：万元　　2025年8月: the date is read as its own cell's
            if isinstance(value, str) and "." in norm and (m := _DOT_MONTH_CELL.match(norm)):
                if m.group(3) != "1" or m.group(4):
                    with contextlib.suppress(ValueError):  # a month 13
                        found.append((month_end(int(m.group(2)), int(m.group(3))), where))
                        if m.group(1) in ("截至", "截止") or m.group(5):
                            up_to.append((int(m.group(3)), f"{text.strip()!r} ({column_letter(c)}{number})"))
                continue
            if "月" in norm and (m := _DATE_CELL.match(norm)):
                said, year, nth, dd = m.group(1), int(m.group(2)), int(m.group(3)), m.group(4)
                with contextlib.suppress(ValueError):
                    if dd is None:
                        found.append((month_end(year, nth), where))
                    elif said is None or said.startswith(("时间", "日期")):
                        filled.append((date(year, nth, int(dd)), where))
                    else:  # 截至2025年6月30日: as of that day
                        found.append((date(year, nth, int(dd)), where))
                    if said in ("截至", "截止") or m.group(5):  # 截至2025年8月底: the year so far
                        up_to.append((nth, f"{text.strip()!r} ({column_letter(c)}{number})"))
                continue
            if m := _BARE_DAY.match(norm):
                with contextlib.suppress(ValueError):
                    when = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                    (found if _as_of_label(cells.get(c - 1)) else filled).append((when, where))
                continue
            if _AS_OF_LABEL.match(norm) or is_note(text):
                continue
            try:
                got = _title_period(norm, text) if title is None else None
            except _TwoPeriods as e:
                raise LayoutError(
                    [f"{grid.name}: {as_quoted(text)!r} ({where}) {e}"]
                ) from None  # fmt: skip
            if got is not None:
                # 报告期：2025年8月 in a cell of its own: the line that says the period, no title
                label = _PERIOD_LABEL.match(norm) if norm.startswith(_PERIOD_LABEL_WORDS) else None
                title = (*got, f"the {label.group(1)} line {text!r}" if label else f"the title {text!r}")
            elif year_only := YEAR.search(norm):
                years.setdefault(int(year_only.group(1)), f"the title {text!r}")
                whole_year = whole_year or title_whole_year(norm)
    running: tuple[int, str] | None = None
    month: tuple[int, str] | None = None
    if up_to and up_to[0][0] >= 2:  # January's year so far is January's own
        running = up_to[0]
    part: tuple[int, int, str] | None = None
    if title is not None:
        day, months, bare, first, said = title
        if months is not None:
            running = months, "the title"
        if first is not None and day is not None:
            part = first, day.month, said
        if day is not None:
            found.append((day, said))
        elif bare is not None:
            month = (bare, said)
    if grid.sheet and (tab := tab_period(grid.sheet)) is not None:
        found, month, running, part = _with_tab(
            grid.name, tab, title, found, month, running, part, chosen, years, dated_rows
        )
    dates = {d for d, _ in found}
    if len(dates) > 1 or (month is not None and dates and {d.month for d in dates} != {month[0]}):
        said = "; ".join([f"{w} says {d}" for d, w in found] + ([f"{month[1]} says month {month[0]}"] if month else []))
        raise LayoutError([f"{grid.name}: the sheet names two periods ({said}); which is it? correct the sheet"])
    unit, line_units = stated_units.unit, stated_units.by_kind
    if unit is not None and line_units:  # 单位：万元 beside 面积单位：平方米: 万元 is the amounts'
        line_units = {units.dimension(unit): unit} | line_units
        unit = None
    units_from = stated_units.said
    if found:
        return _Stated(
            found[0][0], found[0][1], unit, running, None, years, filled, line_units, units_from, part, whole_year,
            stated_units.every,
        )  # fmt: skip
    return _Stated(
        None, None, unit, running, month, years, filled, line_units, units_from, part, whole_year, stated_units.every
    )


def _in_words(k: str) -> bool:
    """Whether ``k`` (a unit line's word, as :func:`~ledger.names.key` writes it, not itself a unit)
    ends in a unit after words, itself or before 数, 量 or 额 (面积亩, 用地亩数, 建筑面积平方米, 就业人数万人,
    投资额万元): a unit within words. An office's name holding one (万亩园区管委会) ends in its own word."""
    k = k[:-1] if k.endswith(("数", "量", "额")) else k
    return any(units.known(k[-n:]) not in (None, "%") for n in range(1, min(len(k), 5) + 1))


# What a unit line's word read as an office's name ends in (单位：万亩园区管委会): not words said of a unit.
_OFFICE_ENDS = (
    "管委会", "委员会", "办公室", "办", "局", "委", "厅", "中心", "公司", "集团", "街道", "镇", "乡", "村", "社区", "园区",
    "科", "处", "部", "所", "站", "院", "队", "政府",
)  # fmt: skip


def _before_words(k: str) -> str | None:
    """The unit tracker knows that ``k`` (a unit line's word, as :func:`~ledger.names.key` writes it,
    not itself a unit) starts with before words (亩以上, 万元含税: ``亩``, ``万元``), or ``None``: none,
    or words ending as an office's name does (万亩园区管委会), which names who filled the sheet in."""
    if k.endswith(_OFFICE_ENDS):
        return None
    return next((u for n in range(min(len(k) - 1, 5), 0, -1) if (u := units.known(k[:n])) not in (None, "%")), None)


def _as_of_label(left: Any) -> bool:
    """Whether the cell left of a date says it is the as-of date (``截至日期：`` | 2025-08-31)."""
    text = cell_text(left)
    return text is not None and _AS_OF_LABEL.match(unicodedata.normalize("NFKC", text).strip()) is not None


def _year_of(month: int, stated: _Stated) -> tuple[int, str] | None:
    """The year of a period ending in ``month`` when the sheet names no period: a year written
    without a month (the title's ``2025年``), else the year of the day it was filled in, when
    that month of that year had ended by then (figures are filled in after their month: a
    December sheet filled in on 2026-01-10 gives no year, rather than a wrong one); never the
    plan's. ``(year, where it was read)`` or ``None``."""
    if stated.years:
        if len(stated.years) > 1:
            return None
        ((year, where),) = stated.years.items()
        return year, where
    if not stated.filled:
        return None
    years = {d.year if month_end(d.year, month) <= d else None for d, _ in stated.filled}
    if len(years) != 1 or None in years:
        return None
    day, where = stated.filled[0]
    return day.year, f"{where} (filled in {day})"


def _year_to_date(col: Column, months: int, said: str) -> Column:
    """``col`` as a title naming 1—N月, or the year so far to month N (``截至2025年8月底``, in the
    title or a date cell: ``said``), makes it: a figure column that names no period of its own
    (完成值, 数值, 新增) holds N months' running totals; one saying 本月/当月 stays the month's."""
    if col.field != "value" or col.running_total or col.months is not None:
        return col
    if any(w in col.label for w in _MONTH_WORDS):
        return col
    return Column(col.number, col.label, col.field, col.unit, True, months, col.mapped, running_from=said)


# A sheet's name stating a period: 8月, 8月份, 1-8月, 1至8月, 2025年8月, 2025年1-8月, 2025.8, 8月数据, 1-8月快报
# (NFKC, months in Chinese numerals as digits). Nothing but the period and a word of data may stand
# there: 8月进度表, 3月份起口径 or 表1-8 say no period a person would take the sheet's figures for.
_TAB_PERIOD = LazyPattern(
    rf"^(?:(\d{{4}})\s*(?:年|\.)\s*)?{MONTH_SPAN}\s*(?:月份?|(?<=\.\d)|(?<=\.\d\d))"
    r"\s*(?:数据|累计|快报|月报|报表|指标|完成情况|情况)?$"
)


class TabPeriod(NamedTuple):
    """The period a sheet's name states: its ``year`` (``None`` when it names none), ``first`` month
    (1 for the year so far, ``None`` for a month alone) and ``last``; ``text``: the name as written."""

    year: int | None
    first: int | None
    last: int
    text: str

    @property
    def span(self) -> str:
        """The months as a message says them: ``1—8月``, ``8月``."""
        return span_text(self.first, self.last)

    @property
    def where(self) -> str:
        """Where the period was read, as a message names it: ``the sheet's name '1-8月'``."""
        return f"the sheet's name {self.text!r}"


def tab_period(name: str) -> TabPeriod | None:
    """The period a workbook's sheet ``name`` states (``1-8月`` → 1—8月, ``2025年8月`` → 2025's 8月,
    ``2025.8`` → 2025's 8月), or ``None`` for a name that is no period (``Sheet1``, ``数据``, ``8月进度表``,
    ``2025.1``: a 10 that lost its 0). Months that are no span of the year (``8-3月``, ``13月``) are no
    period either."""
    if "月" not in name and "." not in name and not any(c in name for c in "一二三四五六七八九十"):
        return None
    norm = digit_months(unicodedata.normalize("NFKC", name).strip())
    m = _TAB_PERIOD.match(norm)
    if m is None or ("月" not in m.group() and (m.group(1) is None or m.group(3) == "1")):
        return None  # 2025.1 may be October; a bare number is no month
    first = int(m.group(2)) if m.group(2) is not None else None
    last = int(m.group(3))
    if not 1 <= last <= 12 or (first is not None and not 1 <= first <= last):
        return None
    return TabPeriod(int(m.group(1)) if m.group(1) else None, first, last, name)


def _with_tab(
    name: str,
    tab: TabPeriod,
    title: tuple[date | None, int | None, int | None, int | None, str] | None,
    found: list[tuple[date, str]],
    month: tuple[int, str] | None,
    running: tuple[int, str] | None,
    part: tuple[int, int, str] | None,
    chosen: int | None,
    years: dict[int, str],
    dated_rows: bool = False,
) -> tuple[list[tuple[date, str]], tuple[int, str] | None, tuple[int, str] | None, tuple[int, int, str] | None]:
    """``(found, month, running, part)`` of :func:`_above` with the period the sheet's name states
    (``tab``) read beside what the rows above state. Above a sheet named ``1-8月`` a title of
    ``2025年1-7月`` is last month's copied title (or the name is stale): which is right cannot be
    told, so the sheet is refused (:class:`LayoutError`) naming both, unless ``chosen``, the month
    of ``--date``, is one of the two: that one is read, the other passed over (a title's year kept in
    ``years``). Where nothing above
    names a month, the name dates the sheet: with its own year, else as a title's month without a
    year (the year then comes from the title's ``2025年``), and ``1-8月`` makes the figures the year
    so far, as a title's does. Over rows carrying their own dates (``dated_rows``) the name adds nothing:
    those dates are the rows' own, and a clash with the title is still refused."""
    other: list[tuple[int, date | None, str]] = [
        (d.month, d, w) for d, w in found if d.month != tab.last or tab.year not in (None, d.year)
    ]
    if month is not None and month[0] != tab.last:
        other.append((month[0], None, month[1]))
    if other:
        if chosen is None or chosen not in (tab.last, other[0][0]):
            raise _tab_clash(name, tab, title, other[0])
        if chosen != tab.last:
            return found, month, running, part  # --date agrees with the title: the sheet's name is stale
        # --date agrees with the sheet's name: the title is last month's, copied
        for d, w in found:
            years.setdefault(d.year, w)  # the title's year holds: its month was the slip
        found = [(d, w) for d, w in found if d.month == tab.last and tab.year in (None, d.year)]
        month, running, part = None, None, None
    elif dated_rows:
        # rows carrying their own dates (a date column): a tab named 8月 or 1-8月 names the sheet's month, at
        # most; it never files a row dated 08-05 as of 08-31, refuses one dated 07-28, or makes rows a running total
        return found, month, running, part
    elif found or month is not None:  # the same month: a 1-8月 name makes a title's 8月 the year so far
        if running is None and tab.first == 1 and tab.last >= 2:
            running = tab.last, tab.where
        return found, month, running, part
    if tab.first == 1 and tab.last >= 2:
        running = tab.last, tab.where
    elif tab.first is not None and tab.first > 1:
        part = tab.first, tab.last, tab.where
    if found:
        return found, month, running, part
    if tab.year is not None:
        return [(month_end(tab.year, tab.last), tab.where)], None, running, part
    return found, (tab.last, tab.where), running, part


def _tab_clash(
    name: str,
    tab: TabPeriod,
    title: tuple[date | None, int | None, int | None, int | None, str] | None,
    other: tuple[int, date | None, str],
) -> LayoutError:
    """The refusal of a sheet whose name (``tab``) names another month than the rows above
    (``other``: the month, its date when a year goes with it, and where it was read)."""
    month, day, where = other
    if title is not None and where == title[4]:
        ran, first = title[1], title[3]
        span = f"1—{ran}月" if ran else (f"{first}—{month}月" if first else f"{month}月")
    else:
        span = f"{day:%Y-%m}" if day is not None else f"{month}月"
    year = tab.year or (day.year if day is not None else None)
    y = f"{year}" if year else "YYYY"
    said = "the title" if title is not None and where == title[4] else where
    return LayoutError(
        [f"{name}: sheet {tab.text!r} names {tab.span} but {where} says {span}; which is it? correct "
         f"{'the title' if said == 'the title' else 'the sheet'}, or give --date {y}-{tab.last:02d} if the sheet's name "
         f"is right (--date {y}-{month:02d} if {said} is)"]
    )  # fmt: skip
