"""The ledger file (``progress.toml``): reading and validating it, appending to it durably, and
recovering from an append that a crash cut short.

The file is TOML, one ``[[entry]]`` table per entry, and is only ever appended to. Appends take
a lock beside the file (``progress.toml.lock``), write each batch with one ``write`` on a
descriptor opened for appending, and ``fsync`` before reporting success. Since ``recorded`` is
always an entry's last line, a block cut short by a crash lacks it: such a *torn tail* is told
apart from a hand-made mistake, ignored with a warning by readers, and moved aside by
:func:`repair`.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence, Set
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any, NamedTuple

from .entries import FIELDS, KEYS, Entry, FieldType, new_id
from .errors import EntryError, LedgerError, Problem, suggest, toml_problem
from .model import MilestoneStatus
from .numbers import to_decimal
from .regular import NotRegularFile, read_regular, refuse_special
from .view import AppendRefused, LedgerView, Validation, correction_problems

HEADER = (
    "# tracker ledger: append-only. Do not edit or delete entries; correct one with\n"
    "# `tracker amend ID` or `tracker void ID`, which append an entry that names it.\n"
)
LOCK_TIMEOUT: float = 30  # seconds to wait for another tracker's append or repair
_HEADER_LINE = re.compile(rb"^[ \t]*\[", re.MULTILINE)
_CONTENT = re.compile(rb"\S")
NEWLINE = b"\n"
# A whole last line `recorded = <date and time with its offset>`: a block that has it is complete.
REQUIRED = tuple(f.name for f in FIELDS if f.required)
STRING_KEYS = tuple(f.name for f in FIELDS if f.type in (FieldType.TEXT, FieldType.STATUS))  # quoted in TOML
_COMPLETE = re.compile(rb"\nrecorded = [0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9:.]{8,}(Z|[+-][0-9]{2}:[0-9]{2})\n?\Z")


class TornLedger(LedgerError):
    """The ledger ends in an incomplete entry: an append was cut short by a crash."""


def _error(
    path: Path | str, line: int | None, message: str, fix: str | None = None, entry: str | None = None
) -> LedgerError:
    """A :class:`~ledger.errors.LedgerError` with one problem at ``path:line`` (about ``entry``)."""
    where = f"entry {entry}" if entry is not None else None
    return LedgerError(Problem(message, file=str(path), line=line or None, where=where, entry=entry, fix=fix))


class TornTail(NamedTuple):
    """The incomplete end of a ledger: it starts at byte ``offset``, on line ``line``. ``whole``
    counts the complete entries in it: those of an append of several (``batch``) that was cut
    short before its last entry, which no reader counts."""

    offset: int
    line: int
    data: bytes
    whole: int = 0
    entry: str | None = None  # the id of its first entry, when written that far

    def describe(self) -> str:
        """What the tail is, for a message."""
        if self.whole:
            return (
                f"the last append (an import) is incomplete: {self.whole} of its entries were written "
                "before it was cut short, and none of them counts"
            )
        return "the last entry is incomplete (a write was cut short)"

    def problem(self, path: Path | str, then: str = "") -> Problem:
        """The tail as a :class:`~ledger.errors.Problem`: file, the line where the cut-short append
        starts, its first entry's id, what it is and ``tracker check --repair`` (and ``then``)."""
        return Problem(
            self.describe(),
            file=str(path),
            line=self.line,
            where=f"entry {self.entry}" if self.entry else None,
            entry=self.entry,
            fix="run `tracker check --repair` to move it aside" + (f", then {then}" if then else ""),
        )


class LedgerContents(NamedTuple):
    """What a ledger file holds: its complete entries, in file order, and any torn tail."""

    path: Path
    entries: list[Entry]
    torn: TornTail | None = None

    def complete(self) -> list[Entry]:
        """The entries, or :class:`TornLedger` when a torn tail was left out (for commands that
        must see the whole file: ``check``, corrections)."""
        if self.torn is not None:
            raise TornLedger(self.torn.problem(self.path))
        return self.entries

    def warning(self) -> str | None:
        """One line for stderr when a torn tail was left out, else ``None``."""
        if self.torn is None:
            return None
        return (
            f"warning: {self.path}:{self.torn.line}: {self.torn.describe()}; it is left out; "
            "run `tracker check --repair` to move it aside"
        )


# The bytes and entries of the last ledger read with `remember`: an append in the same process
# (an import) then reads under the lock only what was appended since, when the file still starts
# with exactly those bytes.
_REMEMBERED: dict[Path, tuple[bytes, list[Entry]]] = {}


def load_ledger(path: Path, *, remember: bool = False) -> LedgerContents:
    """Read and validate the ledger at ``path``; a missing file holds no entries.

    With ``remember``, a ledger read whole is kept in memory for a later append to ``path`` by
    this process (see :func:`append_entries`), which then parses only what was appended since.
    A torn tail is returned in ``torn`` rather than raised, so reports still work after a crash.
    Raises :class:`~ledger.errors.LedgerError` naming the file and line of any other problem:
    invalid TOML, an unknown key, a missing or mistyped field, a duplicate id, or a correction of
    an entry that does not come before it.
    """
    try:
        data = read_regular(path)
    except FileNotFoundError:
        return LedgerContents(path, [])
    except IsADirectoryError:
        raise _error(path, None, "is a folder", "give the ledger file with --ledger") from None
    except NotRegularFile as e:
        raise _not_a_ledger(path, e) from None
    except OSError as e:
        raise _error(path, None, f"cannot read the ledger: {e.strerror}", "check the file's permissions") from None
    return _contents(path, data, remember)


def _not_a_ledger(path: Path, e: NotRegularFile) -> LedgerError:
    """The one line for a ``--ledger``/``TRACKER_LEDGER`` naming a device, pipe or socket."""
    return _error(path, None, f"is {e.kind}, not a ledger file", "give the ledger file with --ledger or TRACKER_LEDGER")


def _contents(path: Path, data: bytes, remember: bool = False) -> LedgerContents:
    """:func:`load_ledger` of bytes already read."""
    tail = None
    try:
        entries = parse_entries(path, data)
    except LedgerError as error:
        tail = find_torn_tail(path, data)
        if tail is None:
            raise error from None
        entries = parse_entries(path, data[: tail.offset])
    start = open_batch(entries)
    if start is not None:
        offset = _back_over_blank(data, line_offset(data, entries[start].line))
        first = entries[start]
        tail = TornTail(offset, first.line, data[offset:], len(entries) - start, first.id)
        entries = entries[:start]
    if remember and tail is None:
        _REMEMBERED[path.resolve()] = (data, entries)
    return LedgerContents(path, entries, tail)


def open_batch(items: Sequence[Entry]) -> int | None:
    """The index of the first entry of an append of several that was cut short (its ``batch``
    count runs past the end of ``items``), or ``None``. Only the last such append can be
    incomplete: appends take turns under the lock, and none follows a torn one."""
    for i in range(len(items) - 1, -1, -1):
        size = items[i].batch
        if size is not None:
            return i if i + size > len(items) else None
    return None


def line_offset(data: bytes, line: int) -> int:
    """The byte offset at which line ``line`` (from 1) of ``data`` starts."""
    pos = 0
    for _ in range(line - 1):
        pos = data.index(b"\n", pos) + 1
    return pos


def _back_over_blank(data: bytes, offset: int) -> int:
    while offset >= 2 and data[offset - 2 : offset] == b"\n\n":
        offset -= 1  # the blank line the append wrote before its block goes with it
    return offset


def read_ledger(path: Path) -> list[Entry]:
    """The complete entries of the ledger at ``path``; raises :class:`TornLedger` on a torn tail
    and :class:`~ledger.errors.LedgerError` on any other problem (see :func:`load_ledger`)."""
    return load_ledger(path).complete()


def parse_entries(path: Path, data: bytes, whole: bool = True) -> list[Entry]:
    """The entries of ledger bytes ``data`` (a file's contents, or a ``.toml`` export), in file
    order, each with its line; ``path`` only names the file in messages. ``whole=False`` for a
    piece of a ledger, whose corrections may point at entries before the piece.

    Raises :class:`~ledger.errors.LedgerError` naming the file and line of the first problem
    (see :func:`load_ledger`); a torn tail is a problem here.
    """
    # Building 100,000 entries would trigger the cycle collector dozens of times over objects
    # that hold no cycles; pausing it halves the cost of reading a large ledger.
    paused = gc.isenabled()
    gc.disable()
    try:
        entries = list(_entries(path, data))
    finally:
        if paused:
            gc.enable()
    ids = {e.id for e in entries}
    if len(ids) < len(entries) or (whole and any(e.corrects is not None for e in entries)):
        _check_ids(path, entries, whole)
    return entries


def _check_ids(path: Path, entries: list[Entry], whole: bool) -> None:
    seen: dict[str, int] = {}
    for e in entries:
        if e.id in seen:
            fix = "the ledger was edited by hand or merged twice; remove the copy made, keeping what tracker wrote"
            raise _error(path, e.line, f"its id is already used at line {seen[e.id]}", fix, e.id)
        if whole and e.corrects is not None and e.corrects not in seen:
            fix = "the entry it corrects was removed or moved below it; restore the ledger from a copy (git, a backup)"
            raise _error(path, e.line, f"corrects {e.corrects!r}, which no earlier entry has as id", fix, e.id)
        seen[e.id] = e.line


def _decode(path: Path, data: bytes, offset: int = 0) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1 + offset
        raise _error(path, line, "not UTF-8 text", "the ledger must be UTF-8") from None


def _entries(path: Path, data: bytes) -> Iterator[Entry]:
    """Each entry with its line: the fast reader's where it can, tomllib's and the full check elsewhere."""
    from .fast_reader import Run, scan  # here: a command on a plan with no ledger yet never needs it

    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a BOM that an editor added
    try:
        pieces = scan(data)
    except UnicodeDecodeError:
        pieces = None
    if pieces is None:
        for line, table in entry_tables(path, _decode(path, data)):
            yield _entry(table, path, line)
        return
    for piece in pieces:
        if isinstance(piece, Run):
            for line, table in entry_tables(path, _decode(path, piece.data, piece.line - 1), piece.line - 1):
                yield _entry(table, path, line)
        else:
            yield piece


def entry_tables(path: Path, text: str, offset: int = 0) -> list[tuple[int, dict[str, Any]]]:
    """The ``[[entry]]`` tables of ``text`` read by tomllib (floats as Decimal), each with the
    line it starts at; ``offset`` lines precede the text in the file. Raises
    :class:`~ledger.errors.LedgerError` naming the file and line for text that is not TOML or
    holds anything but ``[[entry]]`` tables."""
    import tomllib  # here: the fast reader reads the ledger tracker writes, and the plan is read by tomli

    try:
        raw = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as e:
        raise LedgerError(toml_problem(e, str(path), text, offset)) from None
    except RecursionError:
        raise _error(
            path, None, "arrays or tables nested too deeply to be a ledger", "an entry holds only plain values"
        ) from None
    extra = [k for k in raw if k != "entry"]
    if extra:
        raise _error(path, None, f"unknown top-level key {extra[0]!r}", "the ledger holds only [[entry]] tables")
    tables = raw.get("entry", [])
    if not isinstance(tables, list):
        raise _error(path, None, "entry is not an array of tables", "write entries as [[entry]] tables")
    lines = [n + offset for n, line in enumerate(text.split("\n"), 1) if re.match(r"\s*\[\[\s*entry\s*\]\]", line)]
    return [(lines[i] if i < len(lines) else 0, t) for i, t in enumerate(tables)]


def _entry(raw: dict[str, Any], path: Path, line: int) -> Entry:
    def error(message: str, fix: str | None = None) -> LedgerError:
        return _error(path, line, message, fix)

    for key in raw:
        if key not in KEYS:
            hint = suggest(key, KEYS)
            raise error(f"unknown key {key!r} in entry", f"did you mean {hint}?" if hint else None)
    for key in REQUIRED:
        if key not in raw:
            raise error(f"entry has no {key!r}")
    for key in STRING_KEYS:
        if key in raw and not isinstance(raw[key], str):
            raise error(f"{key} must be a string in quotes")
    day = raw["date"]
    if isinstance(day, datetime) or not isinstance(day, date):
        raise error("date must be a date such as 2025-03-31")
    recorded = raw["recorded"]
    if not isinstance(recorded, datetime) or recorded.tzinfo is None:
        raise error("recorded must be a time with its UTC offset, e.g. 2025-04-03T09:12:00+08:00")
    value = month_value = None
    if "value" in raw:
        try:
            value = to_decimal(raw["value"])
        except ValueError as e:
            raise error(f"value {e}") from None
    if "month_value" in raw:
        try:
            month_value = to_decimal(raw["month_value"])
        except ValueError as e:
            raise error(f"month_value {e}") from None
        if value is None:
            raise error("month_value goes with a value (the running total it adds up to)")
    period = None
    if "period" in raw:
        period = raw["period"]
        if isinstance(period, bool) or not isinstance(period, int) or not 1900 <= period <= 2200:
            raise error("period must be a year such as 2024")
    status = None
    if "status" in raw:
        try:
            status = MilestoneStatus(raw["status"])
        except ValueError:
            choices = ", ".join(m.value for m in MilestoneStatus)
            raise error(f"unknown status {raw['status']!r}", f"use {choices}") from None
    batch = raw.get("batch")
    if batch is not None and (isinstance(batch, bool) or not isinstance(batch, int) or batch < 1):
        raise error("batch must be a whole number from 1 (how many entries its append wrote)")
    void = raw.get("void", False)
    if not isinstance(void, bool):
        raise error("void must be true or false")
    forced = raw.get("forced", False)
    if not isinstance(forced, bool):
        raise error("forced must be true or false")
    restored = raw.get("restored", False)
    if not isinstance(restored, bool):
        raise error("restored must be true or false")
    if restored and batch is None:
        raise error("restored goes with batch (the append of several whose entries kept their own recorded times)")
    if void and "corrects" not in raw:
        raise error("a void entry must name the entry it withdraws in corrects")
    if value is None and status is None and not void:
        raise error("entry has neither a value nor a status")
    return Entry(
        id=raw["id"],
        target=raw["target"],
        date=day,
        recorded=recorded,
        value=value,
        unit=raw.get("unit"),
        note=raw.get("note"),
        source=raw.get("source"),
        by=raw.get("by"),
        corrects=raw.get("corrects"),
        void=void,
        reason=raw.get("reason"),
        status=status,
        milestone=raw.get("milestone"),
        line=line,
        month_value=month_value,
        forced=forced,
        period=period,
        batch=batch,
        restored=restored,
        digest=raw.get("digest"),
    )


def target_entries(path: Path, target_ids: Iterable[str], data: bytes | None = None) -> list[Entry]:
    """The complete entries of the ledger at ``path`` (or of its bytes ``data``) that belong to
    the targets ``target_ids``, for the meaning and duplicate checks of ``record``.

    Only those targets' blocks are parsed — found by scanning the bytes for their ``target =``
    lines — so this stays fast on a 100,000-entry ledger. A block that does not parse (a torn
    tail, a hand-made mistake) is left out: ``tracker check`` reports it. Line numbers are 0.
    """
    if data is None:
        try:
            data = read_regular(path)
        except FileNotFoundError:
            return []
        except NotRegularFile as e:
            raise _not_a_ledger(path, e) from None
        except OSError as e:
            raise _error(path, None, f"cannot read the ledger: {e.strerror}", "check the file's permissions") from None
    blocks: list[bytes] = []
    for hit, end_of_line in sorted(_target_lines(data, set(target_ids))):
        start = data.rfind(b"\n[", 0, hit) + 1
        end = data.find(b"\n[", end_of_line)
        blocks.append(data[start : len(data) if end < 0 else end + 1])
    try:  # one parse of all the blocks; block by block only when one of them is wrong
        return [e._replace(line=0) for e in parse_entries(path, b"\n".join(blocks), whole=False)]
    except LedgerError:
        pass
    entries: list[Entry] = []
    for block in blocks:
        try:
            entries.extend(e._replace(line=0) for e in parse_entries(path, block, whole=False))
        except LedgerError:
            continue
    return entries


_KEY_BEFORE = re.compile(rb"[ \t]*target[ \t]*=[ \t]*")
_REST_OF_LINE = re.compile(rb"[ \t]*(?:#[^\n]*)?(?:\n|\Z)")


def _target_lines(data: bytes, target_ids: set[str]) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each value of a ``target = "ID"`` key line for the given ids, found by
    searching for the quoted id (fast on a large file: no regular expression walks all of it)
    and checking the line around each hit; other spacing and single quotes are found too."""
    for target_id in target_ids:
        for quote in (b'"', b"'"):
            needle = quote + target_id.encode("utf-8") + quote
            at = data.find(needle)
            while at >= 0:
                line = data.rfind(b"\n", 0, at) + 1
                after = at + len(needle)
                if _KEY_BEFORE.fullmatch(data, line, at) and _REST_OF_LINE.match(data, after):
                    yield at, after
                at = data.find(needle, after)


_ID_LINE = re.compile(rb'\nid = "([0-9A-Za-z_-]+)"\n')


def find_torn_tail(path: Path, data: bytes, whole: bool = True) -> TornTail | None:
    """The torn tail of ledger bytes ``data``, or ``None`` if it does not end in one.

    A torn tail is the text from the last line starting with ``[`` to the end, when that text is
    not a complete entry (no final ``recorded = …`` line ending in a newline) and everything
    before it is a valid ledger. A complete but wrong last entry is a mistake, not a tear.
    """
    starts = [m.start() for m in _HEADER_LINE.finditer(data)]
    if not starts:
        return None
    offset = starts[-1]
    tail = data[offset:]
    if not _is_prefix_of_a_block(tail):
        return None  # not what a cut-short append leaves: a mistake, reported as such
    try:
        parse_entries(path, data[:offset], whole)
    except LedgerError:
        return None
    line = data[:offset].count(b"\n") + 1
    offset = _back_over_blank(data, offset)
    named = _ID_LINE.search(tail)
    return TornTail(offset, line, data[offset:], entry=named.group(1).decode("ascii") if named else None)


def _is_prefix_of_a_block(tail: bytes) -> bool:
    """Whether ``tail`` could be the start of a block as :func:`append_entries` writes it, cut short:
    a (possibly partial) ``[[entry]]`` line, then whole lines of known keys in written order,
    never a whole ``recorded`` line (it comes last), and at most one partial line at the end."""
    if _COMPLETE.search(tail):
        return False
    lines = tail.split(b"\n")
    whole, last = lines[:-1], lines[-1]  # `last` is b"" when the tail ends with a newline
    if not whole:
        return b"[[entry]]".startswith(last)
    if whole[0] != b"[[entry]]":
        return False
    order = [KEYS.index(k) for k in (line.partition(b" = ")[0].decode("utf-8", "replace") for line in whole[1:])
             if k in KEYS]  # fmt: skip
    known = len(order) == len(whole) - 1
    return known and order == sorted(set(order)) and KEYS.index("recorded") not in order


def _check_last(path: Path, data: bytes, check: Callable[[Entry], Problem | None] | None) -> Entry | None:
    """Refuse to append after a ledger whose last entry is torn or wrong; return that entry
    (``None`` for an empty ledger).

    Only the last block is parsed here; ``check`` (the plan's view) must accept it. Raises
    :class:`TornLedger` or :class:`~ledger.errors.LedgerError` naming the line.
    """
    if not _CONTENT.search(data):
        return None
    # The last header line; a ledger's tail is searched first, since the file may be large.
    tail = max(0, len(data) - 65536)
    found = data.rfind(b"\n[", tail)
    offset = (found if found >= 0 else data.rfind(b"\n[")) + 1
    block = data[offset:]

    def line_of(block_line: int) -> int:
        # Counted only for a message: a large ledger has a million lines.
        return data.count(NEWLINE, 0, offset) + block_line

    try:
        entries = parse_entries(path, block, whole=False)
    except LedgerError:
        if find_torn_tail(path, block, whole=False) is not None:
            # Read whole (this happens once, after a crash): the cut-short append may be an
            # import whose earlier entries are complete, and the message must name where it starts.
            torn = _contents(path, data).torn
            if torn is not None:
                raise TornLedger(torn.problem(path, "record again")) from None
        raise _error(path, line_of(1), "the last entry is not valid", "`tracker check` says why") from None
    for e in entries:
        if check is not None and (verdict := check(e)) is not None:
            fix = "; ".join(x for x in (verdict.fix, "fix it before recording more") if x)
            raise LedgerError(verdict._replace(file=str(path), line=line_of(e.line), fix=fix))
    return entries[-1] if entries else None


def read_view(path: Path, data: bytes, targets: frozenset[str]) -> LedgerView:
    """The :class:`~ledger.view.LedgerView` of ledger bytes ``data`` for an append to
    ``targets``. Raises :class:`~ledger.errors.LedgerError` when an id is used twice, a
    correction names no entry or a block cannot be read, and :class:`TornLedger` when the last
    append of several was cut short."""
    quick = _quick_view(path, data, targets) if len(targets) <= _QUICK_TARGETS else None
    return quick if quick is not None else _full_view(path, data, targets, _REMEMBERED.get(path.resolve()))


# Up to this many targets an append reads its targets' blocks one by one; beyond, the file whole.
_QUICK_TARGETS = 50
_KEY_ID = re.compile(rb'\nid = "([^"\\\n]*)"\n')
_KEY_CORRECTS = re.compile(rb'\ncorrects = "([^"\\\n]*)"\n')
_HEADER = b"\n[[entry]]\n"


class Ids(Set[str]):
    """Entry ids kept as the bytes found in the file: decoding 100,000 of them for a few lookups
    would cost more than the lookups."""

    def __init__(self, raw: Iterable[bytes]) -> None:
        self.raw = set(raw)

    def __contains__(self, entry_id: object) -> bool:
        return isinstance(entry_id, str) and entry_id.encode("utf-8", "surrogateescape") in self.raw

    def __iter__(self) -> Iterator[str]:
        return (i.decode("utf-8", "surrogateescape") for i in self.raw)

    def __len__(self) -> int:
        return len(self.raw)


def _quick_view(path: Path, data: bytes, targets: frozenset[str]) -> LedgerView | None:
    """The view read from the key lines of the layout :func:`append_entries` writes, without
    building every entry: in a file laid out as tracker writes it throughout
    (:func:`~ledger.fast_reader.laid_out`, which also stops an append after a hand edit that broke
    a block), a line that starts ``id = "`` is an entry's id and nothing else. ``None`` when the
    file is not in that layout, so that :func:`_full_view` reads it (and names the line at fault)."""
    from .fast_reader import laid_out

    if any('"' in t or "\\" in t for t in targets):
        return None
    text = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if not laid_out(text):
        return None  # a multi-line string, or a block hand-edited out of the layout: the full read names its line
    body = b"\n" + text
    found = _KEY_ID.findall(body)
    if len(found) != body.count(_HEADER):
        return None
    ids = Ids(found)
    if len(ids) < len(found):
        return None  # the full read names the id used twice
    # Most appends find no correction at all: one search of the bytes, not a walk of every line.
    raw_corrected = set(_KEY_CORRECTS.findall(body)) if b'\ncorrects = "' in body else set()
    if not raw_corrected <= ids.raw:
        return None
    corrected = {c.decode("utf-8", "surrogateescape") for c in raw_corrected}
    last = body.rfind(b"\nbatch = ")
    if last >= 0:
        size = re.match(rb"\nbatch = ([0-9]+)\n", body[last : last + 24])
        start = body.rfind(_HEADER, 0, last)
        if size is None or start < 0 or body.count(_HEADER, start) < int(size.group(1)):
            return None  # the full read reports it

    def entries() -> list[Entry]:
        blocks: list[tuple[int, int]] = []  # (start, end) in body of each block of the targets
        for target in targets:
            key = b'\ntarget = "' + target.encode() + b'"\n'
            at = body.find(key)
            while at >= 0:
                start = body.rfind(_HEADER, 0, at) + 1
                end = body.find(_HEADER, at)
                blocks.append((start, len(body) if end < 0 else end + 1))
                at = body.find(key, at + 1)
        blocks.sort()
        lines, line, counted = [], 0, 0  # body has one newline more than data before any offset: line numbers
        for start, _ in blocks:
            line += body.count(b"\n", counted, start)
            counted = start
            lines.append(line)
        # One parse for all the blocks, each on the line where it starts in the file.
        try:
            parsed = parse_entries(path, b"".join(body[start:end] for start, end in blocks), whole=False)
        except LedgerError:  # a block laid out right but wrong within (2025-02-30): named at its own line
            parsed = []
        if len(parsed) != len(blocks) or any(e.target not in targets for e in parsed):
            return _full_view(path, data, targets).entries  # not the written layout after all
        found_entries = [e._replace(line=n) for e, n in zip(parsed, lines, strict=True)]
        return found_entries

    def index() -> list[tuple[str, str, str | None]]:
        return [(e.id, e.target, e.corrects) for e in parse_entries(path, data, whole=False)]

    def whole() -> list[Entry]:  # what an import read before the lock, and only the rest parsed
        return _full_view(path, data, targets, _REMEMBERED.get(path.resolve())).whole

    return LedgerView(path, targets, entries, ids, corrected, len(found), index, whole)


def _full_view(
    path: Path, data: bytes, targets: frozenset[str], known: tuple[bytes, list[Entry]] | None = None
) -> LedgerView:
    if known is not None and data.startswith(known[0]):  # nothing changed but what was appended since
        offset = known[0].count(b"\n")
        tail = data[len(known[0]) :]
        new = parse_entries(path, tail, whole=False) if _CONTENT.search(tail) else []
        items = known[1] + [e._replace(line=e.line + offset) for e in new]
    elif _CONTENT.search(data):
        items = parse_entries(path, data, whole=False)
    else:
        items = []  # a new ledger: not even the reader's module is needed
    ids = {x.id for x in items}
    if len(ids) < len(items):
        seen: set[str] = set()
        twice = next(x.id for x in items if x.id in seen or seen.add(x.id))  # type: ignore[func-returns-value]
        line = [x.line for x in items if x.id == twice][-1]
        raise _error(path, line, "its id is used twice", "`tracker check` says where", twice)
    start = open_batch(items)
    if start is not None:
        first = items[start]
        torn = TornTail(0, first.line, b"", len(items) - start, first.id)
        raise TornLedger(torn.problem(path, "try again"))
    corrected: set[str] = set()
    for x in items:
        if x.corrects is not None:
            if x.corrects not in ids:
                raise _error(
                    path,
                    x.line,
                    f"corrects {x.corrects!r}, which no entry has as id",
                    "amend or void an entry that exists",
                    x.id,
                )
            corrected.add(x.corrects)
    return LedgerView(
        path,
        targets,
        lambda: [x for x in items if x.target in targets],
        ids,
        corrected,
        len(items),
        lambda: [(x.id, x.target, x.corrects) for x in items],
        lambda: items,
    )


def entry_blocks(entries: Iterable[Entry]) -> str:
    """Entries as the ledger stores them: a blank line, ``[[entry]]``, then ``key = value`` lines
    in :data:`~ledger.entries.KEYS` order (``recorded`` last), each value exactly as tomli-w
    writes it (tests hold the two to each other). Written here for speed: an import of 20,000
    rows spent more time in tomli-w's general writer than in reading the sheet."""
    # Entry.to_toml's rules, applied field by field without building a dict for each entry.
    out: list[str] = []
    dates: dict[date, str] = {}  # an import's entries share a few as-of dates
    when, when_text = None, ""  # and, as one object, the time they were recorded
    for e in entries:
        out.append("\n[[entry]]\n")
        for index, prefix in _WRITTEN:
            value: Any = e[index]
            if value is None or value is False:
                continue
            kind = type(value)
            if kind is str and not _TOML_ESCAPE.search(value):
                text = f'"{value}"'
            elif kind is Decimal:
                text = _decimal_toml(str(value))
            elif kind is date:
                text = dates.get(value) or dates.setdefault(value, str(value))
            elif value is when:
                text = when_text
            elif kind is datetime:
                when, when_text = value, str(value)
                text = when_text
            else:
                text = _toml_value(value.value if isinstance(value, MilestoneStatus) else value)
            out += (prefix, text, "\n")
    return "".join(out)


# Each key the ledger writes, in order: its place in an Entry and how its line starts.
_WRITTEN = tuple((Entry._fields.index(k), f"{k} = ") for k in KEYS)


@lru_cache(maxsize=8192)
def _decimal_toml(text: str) -> str:
    """A figure (as ``str`` of its Decimal, which gives back the same Decimal, exponent and all)
    as Entry.to_toml and tomli-w write it: a whole number with no places as an integer (680
    stays 680), else tomli-w's form. A sheet repeats its figures, so each is worked out once."""
    value = Decimal(text)
    if value.as_tuple().exponent >= 0:  # type: ignore[operator]
        return str(int(value))
    return _toml_value(value)


# What a TOML basic string cannot hold as itself: quote, backslash, control characters but tab.
_TOML_ESCAPE = re.compile(r'["\\\x00-\x08\x0a-\x1f\x7f]')


def _toml_value(value: object) -> str:
    if type(value) is str and not _TOML_ESCAPE.search(value):
        return f'"{value}"'
    if type(value) is int or type(value) is date or type(value) is datetime:
        return str(value)
    if type(value) is Decimal and value.is_finite():
        text = str(value).lower()  # as tomli-w writes a Decimal
        return text if "." in text or "e" in text else text + ".0"
    import tomli_w  # escapes, Decimals, booleans: tomli-w's own formatting

    return tomli_w.dumps({"v": value})[4:-1]


def _toml_text(value: object) -> str:
    """One value (not ``None`` or ``False``) as :func:`entry_blocks` writes it."""
    kind = type(value)
    if kind is Decimal:
        return _decimal_toml(str(value))
    if kind is date or kind is datetime:
        return str(value)
    return _toml_value(value.value if isinstance(value, MilestoneStatus) else value)


# A field's share of an entry's digest and of its block: its piece of the digested JSON array
# (`,"key","text"`) and its line of TOML (`key = value\n`); ("", "") for a field not set.
_Pieces = tuple[str, str]


class _Slot(NamedTuple):
    """A field the digest covers: its place in an Entry, how its pieces start, and the pieces of
    the values seen so far in it (texts, dates and whole numbers by value; figures by their
    text, since 680 and 680.0 are equal but written apart)."""

    at: int
    json_key: str
    toml_key: str
    seen: dict[object, _Pieces]
    figures: dict[str, _Pieces]


# The fields an import's entries take from a few combinations (about one per target: its unit,
# who records it …), in the order written: the target, written before the as-of date and the
# figures, then the others after them but for void and forced.
_SHARED = ("target", "unit", "status", "milestone", "note", "source", "by", "corrects", "reason")
_ID, _DATE, _VALUE, _MONTH, _VOID, _FORCED, _PERIOD, _BATCH, _RESTORED, _RECORDED = (
    Entry._fields.index(k)
    for k in ("id", "date", "value", "month_value", "void", "forced", "period", "batch", "restored", "recorded")
)
_ORDER = ("id", "target", "date", "value", "month_value", *_SHARED[1:7], "corrects", "void", "reason", "forced", "period",
          "batch", "restored", "digest", "recorded")  # fmt: skip
if KEYS != _ORDER or Entry._fields[-1] != "digest":
    raise ImportError(
        "chained_blocks writes id, target, date, the figures, unit … reason (void and forced among them), period, "
        "batch, restored, digest and recorded in that order, and gives an entry its digest as its last field"
    )
# The kinds of value a combination of those fields is looked up by (==, as a dict finds it):
# none of them equals a value of another kind written apart (a text and the str-enum member
# that is that text are written alike), as a number would (1 == True == 1.0, 680 == 680.0).
_SHARED_KINDS = frozenset({str, MilestoneStatus, type(None)})


def chained_blocks(previous: str, entries: Iterable[Entry]) -> tuple[list[Entry], str]:
    """``entries`` chained after an entry whose digest is ``previous``, and their blocks as the
    ledger stores them: ``(chained(previous, entries), entry_blocks(that))`` in one pass, which
    is what an append writes (tests hold the two forms to each other, and to json.dumps and tomli-w).

    Why: an import writes 20,000 entries, and digesting them and writing them apart turned each
    value into text twice and looked at every one of an entry's 19 fields twice. Here each
    distinct value's JSON and TOML texts (its *pieces*) are worked out once (an import's entries
    share their targets, dates, units, figures and ``recorded`` time); and the fields an
    import's entries take from a few combinations (target, unit, ``by`` …: about one per
    target) are looked up as one, by a tuple of their values, their pieces joined once. An
    entry is then put together from six ready pieces and its id, by one format for its digested
    text and one for its block (a sixth fewer instructions than looking up each of its fields,
    SHA-256 aside; the digests themselves are a fifth of the time).
    An entry that sets void, forced, batch or restored (the first of an import), or a shared field of
    another kind than :data:`_SHARED_KINDS`, is written by the general rules, field by field.
    """
    import hashlib
    from json.encoder import encode_basestring as _json_string  # as ledger.chain digests a text
    from operator import itemgetter

    from .chain import _COVERED, _FIELDS, _text

    def pieces(value: object, json_key: str, toml_key: str) -> _Pieces:
        """``value``'s pieces by the general rules: :func:`ledger.chain._text` and :func:`_toml_text`."""
        if type(value) is str:
            quoted = _json_string(value)
            # JSON escapes quote, backslash and every control character (tab too); TOML the same
            # but tab, and DEL as well: a text neither escapes is the same quoted text in both.
            if len(quoted) == len(value) + 2 and "\x7f" not in value:
                return json_key + quoted, toml_key + quoted + "\n"
            return json_key + quoted, toml_key + _toml_value(value) + "\n"
        return json_key + _json_string(_text(value)), toml_key + _toml_text(value) + "\n"

    unset: _Pieces = ("", "")

    def piece(slot: _Slot, value: Any) -> _Pieces:
        """``value``'s pieces in ``slot``, each distinct value's worked out once."""
        if value is None or value is False:
            return unset
        kind = type(value)
        if kind is MilestoneStatus:
            value, kind = value._value_, str  # written as its text; _value_ skips enum's slow property
        if kind is str or kind is date or kind is int:  # no value of one of these equals one of another
            got = slot.seen.get(value)
            if got is None:
                got = slot.seen[value] = pieces(value, slot.json_key, slot.toml_key)
            return got
        if kind is Decimal:
            text = str(value)  # gives back the same Decimal, exponent and all
            got = slot.figures.get(text)
            if got is None:
                got = slot.figures[text] = pieces(value, slot.json_key, slot.toml_key)
            return got
        return pieces(value, slot.json_key, slot.toml_key)

    slots = [_Slot(i, f",{quoted},", f"{key} = ", {}, {}) for key, (i, quoted) in zip(_COVERED, _FIELDS, strict=True)]
    by_key = dict(zip(_COVERED, slots, strict=True))
    before_recorded = slots[:-1]  # recorded is written after the digest, so apart

    def field_by_field(e: Entry) -> _Pieces:
        """``e``'s pieces from its id to its batch, by the general rules, field after field."""
        got = [piece(slot, e[slot.at]) for slot in before_recorded]
        return "".join(g[0] for g in got), "".join(g[1] for g in got)

    # Each combination of _SHARED's values seen: the target's pieces, and the others' joined.
    shared: dict[tuple[object, ...], tuple[str, str, str, str]] = {}

    def joined(values: tuple[object, ...]) -> tuple[str, str, str, str] | None:
        """The pieces of a combination of _SHARED's values, kept for the next entry that has it:
        the target's JSON, the others' JSON, the target's TOML and the others' TOML; ``None`` (and
        not kept) when one is of another kind than :data:`_SHARED_KINDS`."""
        if not all(type(v) in _SHARED_KINDS for v in values):
            return None
        got = [piece(by_key[k], v) for k, v in zip(_SHARED, values, strict=True)]
        shared[values] = found = (
            got[0][0], "".join(g[0] for g in got[1:]), got[0][1], "".join(g[1] for g in got[1:])
        )  # fmt: skip
        return found

    shared_of = itemgetter(*(Entry._fields.index(k) for k in _SHARED))
    date_slot, value_slot = by_key["date"], by_key["value"]
    month_slot, period_slot, recorded_slot = by_key["month_value"], by_key["period"], by_key["recorded"]
    id_json, id_toml = by_key["id"].json_key, by_key["id"].toml_key
    dates, figures = date_slot.seen, value_slot.figures
    sha256 = hashlib.sha256
    out: list[str] = []
    done: list[Entry] = []
    when: object = None  # the last `recorded` seen, by identity: equal times may differ in offset
    when_pieces = unset
    for e in entries:
        value: Any = e[_RECORDED]
        if value is not when:
            when, when_pieces = value, piece(recorded_slot, value)
        common = None
        # The common shape: void, forced, batch and restored not set (by identity: 0 == False),
        # and an id that JSON and TOML quote alike (new in each entry, so not looked up but
        # quoted here).
        if e[_VOID] is False and e[_FORCED] is False and e[_BATCH] is None and e[_RESTORED] is False:
            value = e[_ID]
            if type(value) is str and len(quoted := _json_string(value)) == len(value) + 2 and "\x7f" not in value:
                common = shared.get(value := shared_of(e)) or joined(value)
        if common is None:
            blob, block = field_by_field(e)
            text = f"[{_json_string(previous)}{blob}{when_pieces[0]}]"
            previous = sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
            out.append(f'\n[[entry]]\n{block}digest = "{previous}"\n{when_pieces[1]}')
            done.append(tuple.__new__(Entry, e[:-1] + (previous,)))  # noqa: RUF005 (a third faster than unpacking)
            continue
        # The other fields, each by the lookup piece() makes, without the call: the as-of date,
        # the figures (by their text), the period.
        value = e[_DATE]
        day = (dates.get(value) if type(value) is date else None) or piece(date_slot, value)
        value = e[_VALUE]
        if value is None:
            figure = unset
        else:
            figure = (figures.get(str(value)) if type(value) is Decimal else None) or piece(value_slot, value)
        value = e[_MONTH]
        month = unset if value is None else piece(month_slot, value)
        value = e[_PERIOD]
        period = unset if value is None else piece(period_slot, value)
        text = (
            f"[{_json_string(previous)}{id_json}{quoted}{common[0]}{day[0]}{figure[0]}{month[0]}{common[1]}{period[0]}"
            f"{when_pieces[0]}]"
        )
        previous = sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        out.append(
            f"\n[[entry]]\n{id_toml}{quoted}\n{common[2]}{day[1]}{figure[1]}{month[1]}{common[3]}{period[1]}"
            f'digest = "{previous}"\n{when_pieces[1]}'
        )
        done.append(tuple.__new__(Entry, e[:-1] + (previous,)))  # noqa: RUF005 (a third faster than unpacking)
    return done, "".join(out)


def chained_bytes(previous: str, entries: Sequence[Entry]) -> tuple[list[Entry], bytes]:
    """``chained_blocks(previous, entries)`` with its text encoded as an append writes it, as
    UTF-8 (a lone surrogate raises :class:`UnicodeEncodeError`, as encoding that text does).
    Tests hold the two to each other.

    Why: for an import's 20,000 entries, :func:`_column_blocks` costs about half the
    instructions of :func:`chained_blocks`, which puts each entry together in Python; what it
    does not write (an id that needs escaping) is written by :func:`chained_blocks`.
    """
    if len(entries) > 1:
        fast = _column_blocks(previous, entries)
        if fast is not None:
            return fast
    done, text = chained_blocks(previous, entries)
    return done, text.encode("utf-8")


# A text the digest's JSON and TOML both write as itself, in quotes: printable ASCII but quote and backslash.
def _plain(text: str) -> bool:
    return text.isascii() and text.isprintable() and '"' not in text and "\\" not in text


# The fields whose varying values the column-wise path looks up by value, and the kinds of value
# it looks up so: equal values of these kinds are written alike (a text and the status member
# that is that text too), as equal numbers are not (680 and 680.0, 1 and True); any other field
# or kind is looked up by identity (a value object is always written alike).
_TEXT_FIELDS = frozenset({*_SHARED, "date"})
_BY_VALUE = frozenset({str, MilestoneStatus, type(None), date})


def _value_pieces(value: object, json_key: str, toml_key: str) -> tuple[bytes, bytes]:
    """``value``'s pieces in :func:`_column_blocks` (its JSON for the digest, after ``json_key``,
    and its TOML line, after ``toml_key``), as :func:`chained_blocks` writes them."""
    # Not at the top: a report that reads the ledger needs neither.
    from json.encoder import encode_basestring as _json_string  # as ledger.chain digests a text

    from .chain import _text

    if value is None or value is False:
        return b"", b""
    if isinstance(value, MilestoneStatus):
        value = value.value
    if type(value) is str:
        texts = _json_string(value), _toml_value(value)
    else:
        texts = _json_string(_text(value)), _toml_text(value)
    return (json_key + texts[0]).encode("utf-8", "surrogatepass"), (toml_key + texts[1] + "\n").encode("utf-8")


# What makes a text other than itself in quotes, in the digest's JSON or a TOML line: a quote, a
# backslash, a control character or DEL (a NUL, too, which _joined splits at), or a lone
# surrogate (which only the digest's JSON encodes).
_NOT_AS_IT_IS = r'["\\\x00-\x1f\x7f\ud800-\udfff]'  # compiled where used (re keeps it): only appends need it
# A figure's str that both write as it is, with the digest's text its normalized str: a whole
# number, or one with a point (no exponent, no NaN), not zero (the digest writes -0 as 0).
_AS_WRITTEN = r"-?(?=[0-9.]*[1-9])[0-9]+(?:\.[0-9]+)?"


def _pieces_of(values: Sequence[object], json_key: str, toml_key: str) -> tuple[list[bytes], list[bytes]]:
    """:func:`_value_pieces` of each of ``values`` (a column's distinct values): their JSON pieces
    and their TOML pieces, in order. Tests hold the two to each other.

    Why: an import's targets and figures are mostly distinct (the bench's 20,000 rows name 1,000
    targets with about 1,000 figures), and working out each one's pieces by a call in Python was
    about a quarter of writing the append, outside the digests. The common kinds are written by
    one join, replace, encode and split of all of them: texts that both formats write as they are
    (no quote, backslash, control character or lone surrogate), and figures whose ``str`` both
    write as it is (a whole number or one with a point, not zero: no exponent, no NaN), the
    digest's text their normalized ``str``, worked out by ``map`` without a call in Python.
    Anything else (None, zeros, exponents, dates, statuses …) by :func:`_value_pieces`.
    """
    json_out: list[bytes | None] = [None] * len(values)
    toml_out: list[bytes | None] = [None] * len(values)
    texts = [(n, v) for n, v in enumerate(values) if type(v) is str]
    if len(texts) > 1:
        places, plain = zip(*texts, strict=True)
        if not re.search(_NOT_AS_IT_IS, "".join(plain)):
            for n, j, t in zip(
                places, _joined(plain, json_key + '"', '"'), _joined(plain, toml_key + '"', '"\n'), strict=True
            ):
                json_out[n], toml_out[n] = j, t
    written = re.compile(_AS_WRITTEN).fullmatch
    figures = [(n, v, text) for n, v in enumerate(values) if type(v) is Decimal and written(text := str(v))]
    if len(figures) > 1:
        places, numbers, shown = zip(*figures, strict=True)
        digested = list(map(str, map(Decimal.normalize, numbers)))
        for n, j, t in zip(places, _joined(digested, json_key + '"', '"'), _joined(shown, toml_key, "\n"), strict=True):
            json_out[n], toml_out[n] = j, t
    for n, v in enumerate(values):
        if json_out[n] is None:
            json_out[n], toml_out[n] = _value_pieces(v, json_key, toml_key)
    return json_out, toml_out  # type: ignore[return-value]  # every place filled above


def _joined(texts: Sequence[str], before: str, after: str) -> list[bytes]:
    """``before + text + after`` for each of ``texts`` (none holding a NUL) as UTF-8, made by one
    join, replace, encode and split of them all rather than a concatenation each."""
    joined = "\0".join(texts).replace("\0", after + "\0" + before)
    return (before + joined + after).encode("utf-8").split(b"\0")


def _looked_up(
    keys: Sequence[Any], json_of: dict[Any, bytes], toml_of: dict[Any, bytes]
) -> tuple[Sequence[bytes], Sequence[bytes]]:
    """Each of ``keys``' JSON and TOML piece, in order. One :func:`operator.itemgetter` of all the
    keys looks them up in both, in C without a call per key: about half the cost of a ``map``
    of each dict's ``__getitem__`` over 20,000 entries."""
    if len(keys) < 2:  # an itemgetter of one key gives the value, not a tuple of it
        return [json_of[k] for k in keys], [toml_of[k] for k in keys]
    get = itemgetter(*keys)
    return get(json_of), get(toml_of)


def _column_blocks(previous: str, entries: Sequence[Entry]) -> tuple[list[Entry], bytes] | None:
    """What :func:`chained_bytes` returns, worked out a column (one field of every entry) at a
    time, by operations that loop in C, leaving only the digest chain itself a loop in Python.

    The first entry (an import's carries ``batch``) is written by :func:`chained_blocks`. Then,
    field by field: a value the other entries all share (the same object, or an equal text,
    date or None) is joined into the constant text between the fields that vary; a field that
    varies is looked up, entry by entry, among its distinct values' pieces (its JSON and TOML
    text, worked out by the rules of :func:`chained_blocks`). Each entry's digested text is
    joined from those pieces as bytes, and the blocks are one join of them all, so nothing is
    encoded twice. ``None`` when an id is not plain (see :func:`_plain`) or a text field's
    value cannot be hashed.
    """
    import hashlib
    from binascii import hexlify
    from itertools import repeat
    from operator import is_

    from .chain import _FIELDS

    rest = entries[1:]
    count = len(rest)
    columns = list(zip(*rest, strict=True))
    ids = columns[_ID]
    try:
        all_ids = "\0".join(ids)
    except TypeError:
        return None  # an id that is not text
    if all_ids.count("\0") != count - 1 or not _plain(all_ids.replace("\0", "")):
        return None  # an id that needs escaping (a NUL in one would split it below)

    # Each field after the id, in written order: the pieces every entry shares, or a piece per entry.
    fields: list[tuple[bytes, bytes] | tuple[Iterable[bytes], Iterable[bytes]]] = []
    for at, json_key in _FIELDS[1:]:
        column = columns[at]
        value = column[0]
        json_key, toml_key = f",{json_key},", f"{Entry._fields[at]} = "
        # Shared by every entry: equal values of a kind written alike by its value, else the same
        # object (asked first: comparing 20,000 figures, or a figure with None, costs more).
        if column.count(value) == count if type(value) in _BY_VALUE else all(map(is_, column, repeat(value))):
            fields.append(_value_pieces(value, json_key, toml_key))
            continue
        try:
            found: dict[Any, Any] = dict.fromkeys(column) if Entry._fields[at] in _TEXT_FIELDS else {}
        except TypeError:
            return None  # a value that cannot be hashed
        keys: Sequence[Any]
        values: Iterable[tuple[Any, Any]] | tuple[Any, ...]
        if found and all(type(v) in _BY_VALUE for v in found):
            keys, values = column, zip(found, found, strict=True)
        else:
            keys = list(map(id, column))  # by identity: the same object is written alike
            values = dict(zip(keys, column, strict=True)).items()
        distinct, values = zip(*values, strict=True)
        json_texts, toml_texts = _pieces_of(values, json_key, toml_key)
        json_of, toml_of = dict(zip(distinct, json_texts, strict=True)), dict(zip(distinct, toml_texts, strict=True))
        fields.append(_looked_up(keys, json_of, toml_of))
    *before, (recorded_json, recorded_toml) = fields

    def texts_of(parts: list[bytes | Iterable[bytes]], order: list[bytes | Iterable[bytes]]) -> None:
        """``order``'s pieces into ``parts``, the texts that all entries share joined into one."""
        shared: list[bytes] = []
        for piece in order:
            if isinstance(piece, bytes):
                shared.append(piece)
            else:
                if shared:
                    parts.append(b"".join(shared))
                parts.append(piece)
                shared = []
        parts.append(b"".join(shared))

    # Each entry's digested text after `["<previous>`: its id, in quotes, with the texts around
    # it made for every entry by one replace and one split (no id holds a NUL), then its fields.
    def around_ids(before: bytes, after: bytes) -> list[bytes]:
        return (before + all_ids.encode().replace(b"\0", after + b"\0" + before) + after).split(b"\0")

    def lead(parts: list[bytes | Iterable[bytes]]) -> bytes:
        """The text all entries share first, taken from ``parts``."""
        first = parts[0]
        if isinstance(first, bytes):
            del parts[0]
            return first
        return b""

    json_parts: list[bytes | Iterable[bytes]] = []
    texts_of(json_parts, [*(f[0] for f in before), recorded_json, b"]"])
    json_parts.insert(0, around_ids(b'","id","', b'"' + lead(json_parts)))
    toml_parts: list[bytes | Iterable[bytes]] = []
    texts_of(toml_parts, [*(f[1] for f in before), b'digest = "'])
    toml_parts.insert(0, around_ids(b'\n[[entry]]\nid = "', b'"\n' + lead(toml_parts)))
    if isinstance(recorded_toml, bytes):
        toml_parts.append(b'"\n' + recorded_toml)
    else:
        toml_parts.append(map(b'"\n'.__add__, recorded_toml))

    done, text = chained_blocks(previous, entries[:1])
    sha256 = hashlib.sha256
    start = b'["'
    digest = done[0].digest.encode()  # type: ignore[union-attr]
    digests = []
    json_columns = [repeat(p) if isinstance(p, bytes) else p for p in json_parts]
    for tail in list(map(b"".join, zip(*json_columns, strict=False))):  # repeat() runs on
        # The chain: each digest is of the entry's text after the digest before it.
        digest = hexlify(sha256(start + digest + tail).digest()[:16])
        digests.append(digest)
    # The blocks, one join of every piece of every entry: the parts before the digest, it, the rest.
    toml_parts.insert(-1, digests)
    width = len(toml_parts)
    blocks: list[bytes] = [text.encode("utf-8"), *repeat(b"", width * count)]
    for n, part in enumerate(toml_parts, 1):
        blocks[n::width] = repeat(part, count) if isinstance(part, bytes) else part
    # Each entry as chain.chained makes it: its fields, its digest last, by the tuple's own
    # constructor (what _make does, without a call in Python per entry).
    done += map(tuple.__new__, repeat(Entry), zip(*columns[:-1], map(bytes.decode, digests), strict=True))
    return done, b"".join(blocks)


def append_entries(
    path: Path,
    entries: Iterable[Entry],
    check: Callable[[Entry], Problem | None] | None = None,
    validate: Validation | None = None,
    *,
    retry: bool = False,
    restored: bool = False,
) -> list[Entry]:
    """Append ``entries`` to the ledger at ``path`` durably, all or none, under a lock beside it.

    Under the lock the file is read as it is then: its last entry must be complete (and pass
    ``check``, the plan's verdict on it); every rule that depends on what the ledger holds is
    decided on that :class:`~ledger.view.LedgerView` — the chain rule for corrections
    (:func:`~ledger.view.correction_problems`), then ``validate`` (duplicates, meaning checks) —
    and any problem refuses the whole append with :class:`~ledger.view.AppendRefused`, one line
    each; ``validate`` may replace entries of the list it is given (to mark one ``forced``), and
    those are written. An id already in the file is replaced by a fresh one (and ``corrects`` links inside the
    batch follow it), except with ``retry``: then an entry whose id is in the file already and
    that says the same is a retry of an append that succeeded, returned as it was and not
    written again, and one that says something else is refused.

    Several entries are written as one append: the first carries ``batch`` = their number, so
    a reader that finds fewer (a crash cut the write short) counts none of them; with
    ``restored`` (the entries keep the ``recorded`` times of the ledger they were exported
    from), it carries ``restored = true`` too, so that ``check`` reads two figures of one date
    in it as that ledger's revision, not as two rows of one sheet. Returns the
    entries as written. A symlinked ledger is written through its link; a new ledger gets the
    umask's permissions. Raises :class:`TornLedger` after a crash left a torn tail, and
    :class:`~ledger.errors.LedgerError` (with the file unchanged, and not created if it did not
    exist) when the ledger cannot be read, the folder is missing, the lock cannot be taken or
    the file cannot be written, e.g. a read-only file or a full disk.
    """
    batch = [e._replace(batch=None, restored=False, digest=None) if e.batch or e.digest else e for e in entries]
    if not batch:
        return []
    real = path.resolve()
    try:  # before the lock, which would be made beside it (/dev/zero.lock)
        refuse_special(real)
    except NotRegularFile as e:
        raise _not_a_ledger(path, e) from None
    if not real.parent.is_dir():
        # filelock would create the missing folders; a mistyped --ledger must not.
        raise _error(path, None, f"folder {real.parent} does not exist", "create it or fix --ledger")
    try:
        with ledger_lock(path):
            created = not real.exists()
            fd = os.open(real, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o666)  # the umask decides
            try:
                size = os.fstat(fd).st_size
                existing = os.pread(fd, size, 0) if size else b""
                last = _check_last(path, existing, check)
                view = read_view(path, existing, frozenset(map(_TARGET_OF, batch)))
                if retry:
                    done = _retried(view, batch)
                    if done is not None:
                        return done
                else:
                    batch = _fresh_ids(view.ids, batch)
                problems = correction_problems(view, batch)
                if not problems and validate is not None:
                    problems = validate(view, batch)
                if problems:
                    raise AppendRefused(problems)
                if len(batch) > 1:
                    batch[0] = batch[0]._replace(batch=len(batch), restored=restored)
                batch, block = chained_bytes(last.digest or "" if last is not None else "", batch)
                if size == 0:
                    block = HEADER.encode("utf-8") + block
                else:
                    # A ledger kept in git with core.autocrlf: appends keep its line ends, so the
                    # file does not mix them (a value never holds a raw line break).
                    end = b"\r\n" if b"\r\n" in existing[:4096] else b"\n"
                    if end != b"\n":
                        block = block.replace(b"\n", end)
                    if not existing.endswith(b"\n"):
                        block = end + block
                _write_all(fd, block, size)
                os.fsync(fd)
            except BaseException:
                if created:
                    real.unlink(missing_ok=True)  # a ledger that did not exist is not left behind empty
                raise
            finally:
                os.close(fd)
    except OSError as e:
        raise _error(path, None, f"cannot write the ledger: {e.strerror}", "nothing was recorded") from None
    return batch


def _retried(view: LedgerView, batch: list[Entry]) -> list[Entry] | None:
    """With ``retry``: the entries as first written when every one of ``batch`` is in the file
    already and says the same; ``None`` when none is; else :class:`~ledger.errors.EntryError`."""
    if not any(e.id in view.ids for e in batch):
        return None
    found = {e.id: e for e in view.entries if e.id in {b.id for b in batch}}
    for e in batch:
        old = found.get(e.id)
        if old is None or _content(old) != _content(e):
            where = f", recorded {old.recorded.isoformat()}" if old is not None else ""
            raise EntryError(
                f"id {e.id!r} is already used by another entry{where}",
                "a retry must repeat the same target, figure and date, and a new entry needs a new --id",
                file=str(view.path),
            )
    return [found[e.id] for e in batch]


def _content(e: Entry) -> tuple[object, ...]:
    """What a retry must repeat: everything but when it was recorded and where it sits."""
    plain = e._replace(recorded=_ANY_TIME, line=0, batch=None, restored=False, digest=None, forced=False)
    return tuple(plain)


_ANY_TIME = datetime(2000, 1, 1).astimezone()


_ID_OF, _TARGET_OF = attrgetter("id"), attrgetter("target")


def _fresh_ids(taken: Set[str], batch: list[Entry]) -> list[Entry]:
    """``batch`` with each id that is in ``taken`` (or earlier in the batch) replaced by a fresh
    one, and the ``corrects`` of later entries of the batch that named it renamed with it."""
    # Most appends (an import's 20,000 fresh ids) clash with nothing: told by one set operation,
    # and ``batch`` is returned as it is.
    ids = list(map(_ID_OF, batch))  # by map: an import's batch holds 20,000
    unique = set(ids)
    if len(unique) == len(ids) and (
        taken.isdisjoint(unique) if isinstance(taken, set | frozenset) else not any(i in taken for i in ids)
    ):
        return batch
    renamed: dict[str, str] = {}
    used: set[str] = set()
    out = []
    for e in batch:
        if e.corrects is not None and e.corrects in renamed:
            e = e._replace(corrects=renamed[e.corrects])
        if e.id in taken or e.id in used:
            fresh = new_id(taken)
            while fresh in used:
                fresh = new_id(taken)
            renamed[e.id] = fresh
            e = e._replace(id=fresh)
        used.add(e.id)
        out.append(e)
    return out


def _write_all(fd: int, data: bytes, size: int) -> None:
    """Write ``data`` whole, or cut the file back to ``size`` so a failed append leaves no tail."""
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError:
        os.ftruncate(fd, size)
        raise


class ledger_lock:
    """The lock beside the ledger (``<ledger>.lock``), held while appending or repairing.

    A context manager. The lock file is created with the umask's permissions (so a group that
    shares the folder can share the lock) and left in place. Raises
    :class:`~ledger.errors.LedgerError` when another tracker holds it for :data:`LOCK_TIMEOUT`
    seconds, and when this user cannot open it, naming its owner and the fix.
    """

    def __init__(self, path: Path) -> None:
        from filelock import FileLock

        self.path = path
        self.file = Path(str(path.resolve()) + ".lock")
        self.lock = FileLock(str(self.file), timeout=LOCK_TIMEOUT)

    def __enter__(self) -> None:
        from filelock import Timeout

        try:
            self.lock.acquire()
        except Timeout:
            raise _error(
                self.path, None, f"another tracker has held the ledger lock for {LOCK_TIMEOUT} s", "try again"
            ) from None
        except PermissionError:
            raise LedgerError(self._unwritable()) from None
        except OSError as e:
            raise _error(
                self.file, None, f"cannot take the ledger's lock: {e.strerror}", "nothing was written"
            ) from None

    def __exit__(self, *exc: object) -> None:
        self.lock.release()

    def _unwritable(self) -> str:
        try:
            st = self.file.stat()
        except OSError:
            return (
                f"{self.file}: cannot create the ledger's lock in {self.file.parent}; "
                "ask whoever owns that folder to let you write in it"
            )
        import pwd

        try:
            owner = pwd.getpwuid(st.st_uid).pw_name
        except KeyError:
            owner = f"uid {st.st_uid}"
        return (
            f"{self.file}: the ledger's lock belongs to {owner} and you cannot write it; ask {owner} to run "
            f"`chmod g+w {self.file}` (the group that shares the ledger), or to delete it: it holds no data"
        )


def repair(path: Path, now: datetime) -> Path | None:
    """Move a torn tail out of the ledger into ``<ledger>.torn-<time>`` beside it: an entry a
    crash cut short, or the whole of an append of several (an import) that was cut short.

    Every entry of a complete append stays. Returns the backup's path, or ``None`` when there was
    nothing to repair. The backup is written and synced before the ledger is cut, under the
    ledger's lock. Raises :class:`~ledger.errors.LedgerError` when the ledger has other problems,
    which need a person, or cannot be written (a read-only file system).
    """
    real = path.resolve()
    try:
        refuse_special(real)
    except NotRegularFile as e:
        raise _not_a_ledger(path, e) from None
    with ledger_lock(path):
        contents = load_ledger(real)
        if contents.torn is None:
            return None
        backup = real.with_name(f"{real.name}.torn-{now:%Y%m%dT%H%M%S}")
        try:
            fd = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            with open(fd, "wb") as f:
                f.write(contents.torn.data)
                f.flush()
                os.fsync(f.fileno())
            with open(real, "r+b") as f:
                f.truncate(contents.torn.offset)
                f.flush()
                os.fsync(f.fileno())
        except OSError as e:
            raise _error(path, None, f"cannot repair the ledger: {e.strerror}", "it was left as it was") from None
        return backup


def upgrade(path: Path, now: datetime) -> tuple[Path, int] | None:
    """Give every entry of the ledger at ``path`` a digest (:mod:`ledger.chain`), chaining the
    ledger as it is now: the one command that upgrades a ledger written before digests, or
    re-chains one after a change known to be right (a merge of two branches in git).

    The ledger is rewritten whole under its lock (a temporary file beside it, synced, renamed
    over it), every entry's fields unchanged; the file as it was stays beside it as
    ``<ledger>.pre-upgrade-<time>``. Returns that backup's path and how many digests changed, or
    ``None`` when the chain was whole already. Raises :class:`~ledger.errors.LedgerError` on a
    torn tail or an unreadable ledger, and when it cannot be written.
    """
    from .chain import chained, verify

    real = path.resolve()
    with ledger_lock(path):
        entries = load_ledger(real).complete()
        report = verify(entries)
        if report.broken is None and report.undigested == 0:
            return None
        fresh = chained("", entries)
        changed = sum(a.digest != b.digest for a, b in zip(entries, fresh, strict=True))
        backup = real.with_name(f"{real.name}.pre-upgrade-{now:%Y%m%dT%H%M%S}")
        data = (HEADER + entry_blocks(fresh)).encode("utf-8")
        from .atomic import synced_temp

        try:
            temp = synced_temp(real.parent, real.name, data, os.stat(real).st_mode & 0o777)
            try:
                os.link(real, backup)  # the old file, kept as it was
                os.replace(temp, real)
            except BaseException:
                temp.unlink(missing_ok=True)
                raise
        except OSError as e:
            raise _error(path, None, f"cannot upgrade the ledger: {e.strerror}", "it was left as it was") from None
        return backup, changed
