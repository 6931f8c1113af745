"""A fast reader for the ledger's own layout, with ``tomllib`` as the reference.

``tomllib`` is exact but reads about 20,000 entries a second: a year of a large plan (100,000
entries) would take five seconds. :func:`ledger.store.append_entries` always writes one plain
layout — an ``[[entry]]`` header, then ``key = value`` lines in a fixed order, strings without
escapes — so one regular expression over the file's bytes recognises a whole block, and only
its fields are decoded and converted. Blocks it does not recognise (escapes, another key order,
comments after values…) are handed to ``tomllib`` one run at a time, keeping their order and
line numbers; anything that could change how the rest of the file reads (a multi-line string, a
key outside a block, a carriage return) sends the whole file to ``tomllib``. Property tests
check that both roads give the same entries.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple

from .entries import Entry
from .model import MilestoneStatus
from .numbers import to_decimal

# A basic string with no escapes and no control characters but tab (bytes of any UTF-8 text).
_S = rb'"([^"\\\x00-\x08\x0a-\x1f\x7f]*)"'
BLOCK = re.compile(
    rb"\[\[entry\]\]\n"
    rb"id = " + _S + rb"\n"
    rb"target = " + _S + rb"\n"
    rb"date = ([0-9]{4}-[0-9]{2}-[0-9]{2})\n"
    rb"(?:value = ([+-]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)\n)?"
    rb"(?:month_value = ([+-]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)\n)?"
    rb"(?:unit = " + _S + rb"\n)?"
    rb'(?:status = "(not_started|in_progress|done|blocked)"\n)?'
    rb"(?:milestone = " + _S + rb"\n)?"
    rb"(?:note = " + _S + rb"\n)?"
    rb"(?:source = " + _S + rb"\n)?"
    rb"(?:by = " + _S + rb"\n)?"
    rb"(?:corrects = " + _S + rb"\n)?"
    rb"(?:void = (true)\n)?"
    rb"(?:reason = " + _S + rb"\n)?"
    rb"(?:batch = ([1-9][0-9]{0,8})\n)?"
    rb"recorded = ([0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,6})?(?:Z|[+-][0-9]{2}:[0-9]{2}))"
    rb"(\n|\Z)"
)
_COMMENT = rb"(?:#[^\x00-\x08\x0a-\x1f\x7f]*)?"  # TOML comments hold no control characters but tab
_BLANK = re.compile(rb"(?:[ \t]*" + _COMMENT + rb"\n)*[ \t]*" + _COMMENT + rb"\Z")
_FIRST_CONTENT = re.compile(rb"^[ \t]*([^\s#])", re.MULTILINE)

_STATUS = {s.value.encode(): s for s in MilestoneStatus}


class Run:
    """A stretch of the file the fast reader did not recognise, starting on line ``line``."""

    __slots__ = ("data", "line")

    def __init__(self, line: int, data: bytes) -> None:
        self.line, self.data = line, data


class Texts(dict[bytes, str]):
    """``texts[raw]`` decodes a field's bytes, keeping one copy of each distinct text: a year of
    entries repeats the same targets, units, sources and names. A dict, so a repeat costs one
    lookup in C."""

    def __missing__(self, raw: bytes) -> str:
        text = self[raw] = raw.decode("utf-8")
        return text


class Dates(dict[bytes, date]):
    """``dates[raw]`` parses an as-of date once: a ledger has a few dozen distinct ones."""

    def __missing__(self, raw: bytes) -> date:
        day = self[raw] = date.fromisoformat(raw.decode())
        return day


def _is_entry_run(data: bytes) -> bool:
    first = _FIRST_CONTENT.search(data)
    return first is not None and data.startswith(b"[[", first.start(1))


def scan(data: bytes, wanted: Collection[str] | None = None) -> Iterator[Entry | Stub | Run] | None:
    """The entries of ledger bytes ``data`` in file order, and a :class:`Run` for each stretch
    the fast reader leaves to tomllib.

    With ``wanted`` (target ids), only the blocks of those targets become entries; every other
    recognised block is a :class:`Stub` holding its id, target, correction and batch, which is
    several times cheaper (an append needs every id, but whole entries of its own targets only).

    Returns ``None`` when the whole file must be read by tomllib: a multi-line string, a carriage
    return, or a stretch that does not start with an ``[[entry]]`` header (so that what it holds
    might belong to the block before it). Raises ``UnicodeDecodeError`` for a field that is not
    UTF-8. Decoding other stretches is the caller's business.
    """
    if b'"""' in data or b"'''" in data or b"\r" in data:
        return None
    return _scan(data, None if wanted is None else {t.encode() for t in wanted})


class Stub(NamedTuple):
    """What an append needs of an entry it does not read whole: where it starts (byte
    ``offset``), its ``id``, ``target``, the id it ``corrects`` and its ``batch`` count."""

    offset: int
    id: str
    target: str
    corrects: str | None
    batch: int | None


def _scan(data: bytes, wanted: set[bytes] | None) -> Iterator[Entry | Stub | Run] | None:
    texts, dates = Texts(), Dates()
    pos = counted = 0  # lines are counted up to `counted` only when an entry or a run needs one
    line = 1
    pieces: list[Entry | Stub | Run] = []
    for m in BLOCK.finditer(data):
        start = m.start()
        if start and data[start - 1] != 10:  # a header not at the start of a line (`#[[entry]]`)
            return None
        if start > pos:
            gap = data[pos:start]
            if gap != b"\n" and not _BLANK.match(gap):
                if not _is_entry_run(gap):
                    return None
                line += data.count(b"\n", counted, pos)
                counted = pos
                pieces.append(Run(line, gap))
        pos = m.end()
        groups = m.groups()
        if wanted is not None and groups[1] not in wanted:
            corrects, batch = groups[11], groups[14]
            pieces.append(
                Stub(
                    start,
                    groups[0].decode("utf-8"),
                    texts[groups[1]],
                    None if corrects is None else corrects.decode("utf-8"),
                    None if batch is None else int(batch),
                )
            )
            continue
        line += data.count(b"\n", counted, start)
        counted = start
        try:
            pieces.append(_entry(groups, line, texts, dates))
        except ValueError:  # let tomllib and the full check say what is wrong
            pieces.append(Run(line, m.group()))
    rest = data[pos:]
    if rest and not _BLANK.match(rest):
        if not _is_entry_run(rest):
            return None
        line += data.count(b"\n", counted, pos)
        pieces.append(Run(line, rest))
    return iter(pieces)


def _entry(groups: tuple[bytes | None, ...], line: int, text: Texts, dates: Dates) -> Entry:
    """The entry of a recognised block. Raises ``ValueError`` for what only a closer look
    rejects: a date such as 2025-02-30, an out-of-range figure, a void without ``corrects``, a
    block with neither value nor status, a string that is not UTF-8."""
    (
        id_,
        target,
        day,
        value,
        month,
        unit,
        status,
        milestone,
        note,
        source,
        by,
        corrects,
        void,
        reason,
        batch,
        recorded,
        _,
    ) = groups
    number = None if value is None else _number(value)
    month_value = None if month is None else _number(month)
    if (void is not None and corrects is None) or (value is None and status is None and void is None):
        raise ValueError("not a complete entry")
    assert id_ is not None and target is not None and day is not None and recorded is not None
    return Entry(
        id_.decode("utf-8"),
        text[target],
        dates[day],
        datetime.fromisoformat(recorded.decode().replace("Z", "+00:00")),
        number,
        None if unit is None else text[unit],
        None if note is None else text[note],
        None if source is None else text[source],
        None if by is None else text[by],
        None if corrects is None else corrects.decode("utf-8"),
        void is not None,
        None if reason is None else reason.decode("utf-8"),
        None if status is None else _STATUS[status],
        None if milestone is None else text[milestone],
        line,
        month_value,
        None if batch is None else int(batch),
    )


def _number(raw: bytes) -> Decimal:
    number = Decimal(raw.decode())
    if len(raw) > 12 or b"e" in raw or b"E" in raw:  # short plain figures are within range
        number = to_decimal(number)
    return number
