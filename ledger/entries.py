"""Entries: one recorded figure or status each, and how corrections combine them.

A correction is a new entry that ``corrects`` an earlier one (and may ``void`` it); nothing is
ever edited. The file that holds entries is :mod:`ledger.store`.
"""

import os
from collections.abc import Collection, Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, NamedTuple

from .amount_words import AMOUNT_WORDS
from .model import MilestoneStatus

# What an entry id may be, the one rule of --id and of both ledger readers: 1 to 40 ASCII letters,
# digits, - or _. Every id tracker draws (new_id: 10 lowercase hex digits) is one; an id a hand edit
# gave another character (``a!``, a space, a quote) is refused where the ledger is read.
ID_CHARS = "[0-9A-Za-z_-]{1,40}"
ID_RULE = "1 to 40 letters, digits, - or _"


def is_entry_id(text: str) -> bool:
    """Whether ``text`` can be an entry id (:data:`ID_RULE`): ASCII letters and digits only."""
    return 1 <= len(text) <= 40 and text.isascii() and all(c.isalnum() or c in "-_" for c in text)


class FieldType(Enum):
    """What an entry field holds, which decides how every format writes and reads it."""

    TEXT = "text"  # a string
    NUMBER = "number"  # a Decimal figure
    DATE = "date"  # an as-of date
    TIME = "time"  # a date and time with its UTC offset
    STATUS = "status"  # a MilestoneStatus
    FLAG = "flag"  # true, or absent
    YEAR = "year"  # a year as a whole number (a rank's assessment period)
    COUNT = "count"  # a whole number from 1


class Field(NamedTuple):
    """One field of an entry: its ``name`` (the TOML key, export column and JSON key alike),
    its ``type``, whether every entry has it (``required``), and the other ``headers`` a sheet
    may give its column under (compared after normalising; see :func:`ledger.column_kinds.field_of`)."""

    name: str
    type: FieldType
    required: bool = False
    headers: tuple[str, ...] = ()
    ledger_only: bool = False  # how the file keeps its promises, not what was recorded: never exported


_T, _N = FieldType.TEXT, FieldType.NUMBER

# Every field of an entry, once, in the order export and JSON write them. This is the only list:
# the TOML writer, the fast reader's pattern, the store's checks, export, import headers and the
# `tracker.log/1` document are derived from it (tests/test_entries.py holds them to it).
FIELDS = (
    Field("id", _T, required=True, headers=("entry_id",)),
    Field("target", _T, required=True, headers=("指标", "指标名称", "指标id", "目标", "目标名称", "名称", "name", "targetid", "target_id", "项目", "项目名称", "重点任务", "任务", "任务名称", "工作任务", "重点工作")),
    Field("date", FieldType.DATE, required=True, headers=("日期", "截至日期", "截止日期", "时间", "统计时间", "as_of", "asof", "数据截至", "期间", "统计期间", "所属期间", "月份", "所属月份", "统计月份", "认定月份", "认定日期", "认定时间")),
    Field("value", _N, headers=(*AMOUNT_WORDS, "值", "完成值", "完成", "累计", "累计值", "累计数", "1-n月累计", "本年累计", "实际完成", "figure", "完成数", "本年完成")),
    Field("month_value", _N, headers=("本月", "当月", "当月值", "本月值", "本月数", "当月数", "month")),  # 当月 beside 1–N月累计
    Field("unit", _T, headers=("单位", "计量单位")),
    Field("status", FieldType.STATUS, headers=("状态", "进展", "进度状态", "完成状态")),
    Field("milestone", _T, headers=("里程碑", "节点")),
    Field("note", _T, headers=("备注", "说明", "notes", "进展情况", "工作进展", "完成情况", "推进情况", "进展描述")),
    Field("source", _T, headers=("来源", "数据来源")),
    Field("by", _T, headers=("记录人", "填报人")),
    Field("recorded", FieldType.TIME, required=True, headers=("记录时间",)),
    Field("corrects", _T),
    Field("void", FieldType.FLAG),
    Field("reason", _T),
    Field("forced", FieldType.FLAG),  # kept by a person over a meaning or duplicate check
    Field("period", FieldType.YEAR, headers=("考核年度", "所属年度", "assessment_year")),  # a rank's assessment year
    # On the first entry of an append of several (an import): how many entries that append
    # wrote, itself included. A reader that finds fewer before the end of the file knows the
    # append was cut short, and counts none of them.
    Field("batch", FieldType.COUNT, ledger_only=True),
    # Beside ``batch``, on an append that copied entries with their own ``recorded`` stamps (an
    # export imported back): two figures of one target and date in it are a revision the ledger
    # it came from kept, not two rows of one sheet (see ledger.meaning.check_ledger).
    Field("restored", FieldType.FLAG, ledger_only=True),
    # A digest of the entry's other fields and the digest of the entry before it in the file
    # (see ledger/chain.py): evidence that nobody edited history since the tool wrote it.
    Field("digest", _T, ledger_only=True),
)  # fmt: skip
FIELD = {f.name: f for f in FIELDS}
COLUMNS = tuple(f.name for f in FIELDS if not f.ledger_only)  # export columns and JSON keys, in order
# The order the ledger writes keys in: `recorded` last on purpose. A block cut short by a crash
# always lacks it, so a torn append can never pass for a complete entry.
KEYS = (*(f.name for f in FIELDS if f.name != "recorded"), "recorded")


class Entry(NamedTuple):
    """One recorded figure or status for one target (the ledger's line).

    ``value`` is as recorded, in ``unit`` (``None`` for a milestone status). ``date`` is the
    as-of date the figure refers to; ``recorded`` when it was written, with its UTC offset.
    ``line`` is where the entry starts in its file (0 for an entry not yet written).

    A named tuple rather than a dataclass: a year of a large plan holds 100,000 of them, and
    tuples are built several times faster than frozen dataclasses.
    """

    id: str
    target: str
    date: date
    recorded: datetime
    value: Decimal | None = None
    unit: str | None = None
    note: str | None = None
    source: str | None = None
    by: str | None = None
    corrects: str | None = None
    void: bool = False
    reason: str | None = None
    status: MilestoneStatus | None = None
    milestone: str | None = None
    line: int = 0
    month_value: Decimal | None = None  # the month's own figure (当月) beside a running total (1–N月累计)
    forced: bool = False  # kept by a person over a meaning or duplicate check (--force, --allow-duplicates)
    period: int | None = None  # a rank's assessment year when published later ("2025年国考" is 2024's)
    batch: int | None = None  # on the first entry of an append of several: how many it wrote
    restored: bool = False  # beside batch: that append copied entries with their own recorded stamps
    digest: str | None = None  # ledger/chain.py: covers the fields above and the previous entry's digest

    def cells(self) -> dict[str, Any]:
        """The entry's fields by name, in :data:`COLUMNS` order: figures as ``Decimal``, dates as
        ``date``/``datetime``, a status as its text, ``void`` as a bool, absent fields ``None``."""
        out = {name: getattr(self, name) for name in COLUMNS}
        if self.status is not None:
            out["status"] = self.status.value
        return out

    def to_toml(self) -> dict[str, Any]:
        """The entry as the ledger stores it: keys in :data:`KEYS` order, absent fields left out."""
        out: dict[str, Any] = {}
        for key in KEYS:
            value = getattr(self, key)
            if value is None or value is False:
                continue  # most fields of most entries: left out before any other test
            if isinstance(value, MilestoneStatus):
                value = value.value
            elif isinstance(value, Decimal) and value.as_tuple().exponent >= 0:  # type: ignore[operator]
                value = int(value)  # as typed: 680 stays 680 (tomli-w would write 680.0)
            out[key] = value
        return out


# Fresh ids drawn from the OS's random source in blocks: one call for 256 ids, not one for each
# entry of an import (a call costs more than all the rest of making an id). A forked child
# starts a pool of its own, so that two processes never hand out the same ids.
_POOL: list[str] = []
_BLOCK = 256
os.register_at_fork(after_in_child=_POOL.clear)


def _ids_of(raw: bytes) -> list[str]:
    """The ids in ``raw``, 5 bytes each as 10 lowercase hex digits: ``raw[i:i + 5].hex()``, but
    made by one call that writes a space after every 5 bytes and one split, both in C (``raw``'s
    length is a multiple of 5: the groups are the same counted from either end)."""
    return raw.hex(" ", 5).split(" ") if raw else []


def new_id(taken: Collection[str] = ()) -> str:
    """A fresh entry id: 10 lowercase hex digits (40 random bits from :func:`os.urandom`), not
    among ``taken`` (a set, for large ledgers: it is not copied)."""
    while True:
        if not _POOL:
            _POOL.extend(_ids_of(os.urandom(5 * _BLOCK)))
        candidate = _POOL.pop()
        if candidate not in taken:
            return candidate


def fresh_ids(taken: Collection[str]) -> Iterator[str]:
    """Fresh entry ids one after another, each as :func:`new_id` gives it: not among ``taken``
    as it is when the id is drawn (the caller adds the ids it keeps). An import draws one for
    each of thousands of rows, and resuming a generator costs less than calling a function."""
    pool = _POOL  # the list itself, which a forked child clears
    while True:
        if not pool:
            pool.extend(_ids_of(os.urandom(5 * _BLOCK)))
        candidate = pool.pop()
        if candidate not in taken:
            yield candidate


def reserve_ids(count: int, taken: set[str]) -> list[str]:
    """``count`` fresh ids, each as :func:`new_id` gives it, distinct and not among ``taken``,
    all added to ``taken`` at once (so that ids drawn later avoid them too).

    Why: an import draws an id for each of thousands of rows; drawing them in one call of
    :func:`os.urandom` and telling them clash-free by one set operation costs a fraction of
    drawing them one by one. A clash (one in about 10¹² for 20,000 ids) draws them one by one."""
    drawn = _ids_of(os.urandom(5 * count))
    kept = set(drawn)
    if len(kept) == count and kept.isdisjoint(taken):
        taken |= kept
        return drawn
    drawn = []
    for _ in range(count):
        fresh = new_id(taken)
        taken.add(fresh)
        drawn.append(fresh)
    return drawn


def effective(entries: Iterable[Entry]) -> list[Entry]:
    """The entries that count, after corrections: superseded and voided entries removed.

    An entry with ``corrects = X`` replaces X (and, through X, whatever X corrected); with
    ``void = true`` it withdraws X and counts for nothing itself. File order is kept.
    """
    items = list(entries)
    replaced = {e.corrects for e in items if e.corrects is not None}
    return [e for e in items if e.id not in replaced and not e.void]
