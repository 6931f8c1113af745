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

import functools
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from .entries import FIELD, ID_CHARS, KEYS, Entry, FieldType
from .model import MilestoneStatus
from .numbers import MAX_DECIMALS, MAX_INTEGER_DIGITS, to_decimal

# What each type of field looks like as `append_entries` writes it. A string is a basic string
# with no escapes and no control characters but tab (bytes of any UTF-8 text). Each pattern
# matches only values the full reader accepts too (a figure within MAX_INTEGER_DIGITS and
# MAX_DECIMALS, a date on the calendar, a time of day, a period the reader takes): anything
# else is left to tomllib and the full check, which refuse it by the one rule of each
# (ledger.numbers.to_decimal, date.fromisoformat …), so that `laid_out` never passes a file the
# readers refuse. An exponent (1.5e3) is within that rule but left to it too: tracker writes none.
_S = rb'"([^"\\\x00-\x08\x0a-\x1f\x7f]*)"'
_FIGURE = rb"([+-]?(?:0|[1-9][0-9]{0,%d})(?:\.[0-9]{1,%d})?)" % (MAX_INTEGER_DIGITS - 1, MAX_DECIMALS)
_LEAP = rb"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
_DAY = (  # year 0000 is none: date.fromisoformat starts at 0001
    rb"(?:(?!0000)[0-9]{4}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)"
    rb"|(?:0[13578]|1[02])-31)|(?!0000)" + _LEAP + rb"-02-29)"
)
_CLOCK = rb"(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]{1,6})?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"
_VALUE = {
    FieldType.TEXT: _S,
    FieldType.NUMBER: _FIGURE,
    FieldType.DATE: rb"(" + _DAY + rb")",
    FieldType.TIME: rb"(" + _DAY + rb"[T ]" + _CLOCK + rb")",
    FieldType.STATUS: rb'"(' + b"|".join(s.value.encode() for s in MilestoneStatus) + rb')"',
    FieldType.FLAG: rb"(true)",
    FieldType.YEAR: rb"(19[0-9]{2}|2[01][0-9]{2}|2200)",  # as the full reader: 1900 to 2200
    FieldType.COUNT: rb"([1-9][0-9]{0,8})",
}
# An entry id as ledger.entries.ID_CHARS has it: any other is left to tomllib and the full
# reader, which refuses it.
_ID = rb'"(' + ID_CHARS.encode() + rb')"'
# A key that only goes with the one before it: a void names what it withdraws (corrects), a month
# figure goes with its running total (value), restored marks an append of several (batch).
_GOES_WITH = {"month_value": "value", "void": "corrects", "restored": "batch"}
# Every entry holds a value, a status or a void: looked for ahead, within the block.
_SAYS_SOMETHING = rb"(?=(?:(?!recorded = )[^\n]*\n)*?(?:value|status|void) = )"


def _block_pattern() -> bytes:
    """One ``[[entry]]`` block: each field of :data:`~ledger.entries.KEYS` on its own line, in
    order, optional ones maybe absent; the last (``recorded``) ends the block."""
    *lines, last = KEYS

    def line(key: str) -> bytes:
        value = _ID if key == "id" else _VALUE[FIELD[key].type]
        return key.encode() + b" = " + value + rb"\n"

    pattern = rb"\[\[entry\]\]\n" + _SAYS_SOMETHING
    for key in lines:
        if FIELD[key].required:
            pattern += line(key)
        elif key in _GOES_WITH:
            continue  # written inside the key it goes with
        else:
            follower = next((k for k, lead in _GOES_WITH.items() if lead == key), None)
            inner = b"" if follower is None else rb"(?:" + line(follower) + rb")?"
            pattern += rb"(?:" + line(key) + inner + rb")?"
    return pattern + last.encode() + b" = " + _VALUE[FIELD[last].type] + rb"(\n|\Z)"


BLOCK = re.compile(_block_pattern())
_COMMENT = rb"(?:#[^\x00-\x08\x0a-\x1f\x7f]*)?"  # TOML comments hold no control characters but tab
_BLANK = re.compile(rb"(?:[ \t]*" + _COMMENT + rb"\n)*[ \t]*" + _COMMENT + rb"\Z")
_FIRST_CONTENT = re.compile(rb"^[ \t]*([^\s#])", re.MULTILINE)

_STATUS = {s.value.encode(): s for s in MilestoneStatus}
# A multi-line string or a carriage return: never in the layout tracker writes, and either can
# change how the rest of the file reads, so such a file goes to tomllib whole.
NOT_LAID_OUT = (b'"""', b"'''", b"\r")


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


class Numbers(dict[bytes, Decimal]):
    """``numbers[raw]`` reads a figure once: a year of entries repeats the same figures, and a
    ``Decimal`` cannot be changed, so one object may serve every entry that has it."""

    def __missing__(self, raw: bytes) -> Decimal:
        number = self[raw] = _number(raw)
        return number


class Dates(dict[bytes, date]):
    """``dates[raw]`` parses an as-of date once: a ledger has a few dozen distinct ones."""

    def __missing__(self, raw: bytes) -> date:
        day = self[raw] = date.fromisoformat(raw.decode())
        return day


@functools.cache
def _shape() -> re.Pattern[bytes]:
    """The block pattern without its groups, anchored at a line's start: what `laid_out` removes.
    Compiled on first use: only appends and `check` ask, and compiling it is a few ms of every
    report's start-up."""
    return re.compile(rb"(?<![^\n])" + re.sub(rb"(?<!\\)\((?!\?)", b"(?:", BLOCK.pattern))


def laid_out(data: bytes) -> bool:
    """Whether ledger bytes ``data`` are, throughout, blocks in the layout the fast reader
    recognises with only blank and comment lines between them: a syntax check of the whole file
    that builds no entry (about a third of reading it). A hand edit that breaks a block's TOML
    (``value = = 3``) makes it ``False``; so does anything else the fast reader leaves to tomllib,
    among them every value the full reader refuses (``2025-02-30``, ``value = 1e20``, a void
    without ``corrects``, a text that is not UTF-8): ``True`` means the readers accept every block."""
    if any(mark in data for mark in NOT_LAID_OUT):
        return False
    if _BLANK.match(_shape().sub(b"", data)) is None:
        return False
    try:  # a text that is not UTF-8 stops the readers too
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _is_entry_run(data: bytes) -> bool:
    first = _FIRST_CONTENT.search(data)
    return first is not None and data.startswith(b"[[", first.start(1))


def scan(data: bytes) -> Iterator[Entry | Run] | None:
    """The entries of ledger bytes ``data`` in file order, and a :class:`Run` for each stretch
    the fast reader leaves to tomllib.

    Returns ``None`` when the whole file must be read by tomllib: a multi-line string, a carriage
    return, or a stretch that does not start with an ``[[entry]]`` header (so that what it holds
    might belong to the block before it). Raises ``UnicodeDecodeError`` for a field that is not
    UTF-8. Decoding other stretches is the caller's business.
    """
    if any(mark in data for mark in NOT_LAID_OUT):
        return None
    return _scan(data)


def _scan(data: bytes) -> Iterator[Entry | Run] | None:
    build = _builder(_readers(Texts(), Dates(), Numbers()))
    pos, line = 0, 1
    pieces: list[Entry | Run] = []
    for m in BLOCK.finditer(data):
        start = m.start()
        if start and data[start - 1] != 10:  # a header not at the start of a line (`#[[entry]]`)
            return None
        if start > pos:
            gap = data[pos:start]
            if gap != b"\n" and not _BLANK.match(gap):
                if not _is_entry_run(gap):
                    return None
                pieces.append(Run(line, gap))
            line += gap.count(b"\n")
        groups = m.groups()
        try:
            pieces.append(_entry(groups, line, build))
        except ValueError:  # let tomllib and the full check say what is wrong
            pieces.append(Run(line, m.group()))
        line += data.count(b"\n", start, m.end())
        pos = m.end()
    rest = data[pos:]
    if rest and not _BLANK.match(rest):
        if not _is_entry_run(rest):
            return None
        pieces.append(Run(line, rest))
    return iter(pieces)


_SHARED = ("target", "unit", "note", "source", "by", "milestone")  # texts that repeat across entries

Reader = Callable[[bytes], object]
Builder = Callable[[tuple[bytes | None, ...], int], Entry]


def _readers(text: Texts, dates: Dates, numbers: Numbers) -> dict[str, Reader]:
    """How each key's bytes are read (bound to this file's caches of texts and dates); a flag
    needs no reader: its line is there or not."""
    by_type: dict[FieldType, Reader] = {
        FieldType.TEXT: _utf8,
        FieldType.NUMBER: numbers.__getitem__,
        FieldType.DATE: dates.__getitem__,
        FieldType.TIME: _time,
        FieldType.STATUS: _STATUS.__getitem__,
        FieldType.YEAR: int,
        FieldType.COUNT: int,
    }
    return {
        key: text.__getitem__ if key in _SHARED else by_type[FIELD[key].type]
        for key in KEYS
        if FIELD[key].type is not FieldType.FLAG
    }


def _maker_source() -> str:
    """Python source of ``make(Entry, **readers)``, which returns ``build(groups, line)``: one
    expression per field of :class:`Entry`, reading group ``i`` (the ``i``-th key of
    :data:`~ledger.entries.KEYS`) with that key's reader.

    Written out from :data:`~ledger.entries.FIELDS` once at import, as :mod:`dataclasses` writes
    ``__init__``: a loop over the fields of every entry made reading a large ledger a quarter slower.
    """
    args = []
    for name in Entry._fields:
        if name == "line":
            args.append("line")
            continue
        i, field = KEYS.index(name), FIELD[name]
        if field.type is FieldType.FLAG:
            args.append(f"g[{i}] is not None")
        elif field.required:
            args.append(f"read_{name}(g[{i}])")
        else:
            args.append(f"None if g[{i}] is None else read_{name}(g[{i}])")
    readers = ", ".join(f"read_{key}" for key in KEYS if FIELD[key].type is not FieldType.FLAG)
    return (
        f"def make(Entry, {readers}):\n"
        "    def build(g, line):\n"
        f"        return Entry({', '.join(args)})\n"
        "    return build\n"
    )


_scope: dict[str, Any] = {}
exec(_maker_source(), _scope)  # our own source, written from FIELDS: no outside text reaches it
_make: Callable[..., Builder] = _scope["make"]


def _builder(readers: dict[str, Reader]) -> Builder:
    """``build(groups, line)`` for one file, with its ``readers``."""
    return _make(Entry, **{f"read_{key}": read for key, read in readers.items()})


def _utf8(raw: bytes) -> str:
    return raw.decode("utf-8")


def _time(raw: bytes) -> datetime:
    return datetime.fromisoformat(raw.decode())  # Python 3.11 reads a trailing Z itself


def _entry(groups: tuple[bytes | None, ...], line: int, build: Builder) -> Entry:
    """The entry of a recognised block. Raises ``ValueError`` for what only a closer look
    rejects: a date such as 2025-02-30, an out-of-range figure, a void without ``corrects``, a
    block with neither value nor status, a string that is not UTF-8."""
    entry = build(groups, line)
    if (entry.void and entry.corrects is None) or (entry.value is None and entry.status is None and not entry.void):
        raise ValueError("not a complete entry")
    return entry


def _number(raw: bytes) -> Decimal:
    number = Decimal(raw.decode())
    if len(raw) > 12 or b"e" in raw or b"E" in raw:  # short plain figures are within range
        number = to_decimal(number)
    return number
