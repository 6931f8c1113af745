"""Reading the ledger file (``progress.toml``): parsing and validating its entries, telling a torn
tail (an append a crash cut short) from a hand-made mistake, and the view an append judges its
entries by, read under the lock.
"""

import gc
import re
from collections.abc import Callable, Iterable, Iterator, Sequence, Set
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from .entries import FIELDS, ID_RULE, KEYS, Entry, FieldType, is_entry_id
from .errors import LedgerError, Problem, suggest, toml_problem
from .model import MilestoneStatus
from .numbers import to_decimal
from .patterns import LazyPattern
from .regular import NotRegularFile, read_regular
from .view import LedgerView

_HEADER_LINE = LazyPattern(rb"^[ \t]*\[", re.MULTILINE)
_CONTENT = LazyPattern(rb"\S")
NEWLINE = b"\n"
# A whole last line `recorded = <date and time with its offset>`: a block that has it is complete.
REQUIRED = tuple(f.name for f in FIELDS if f.required)
STRING_KEYS = tuple(f.name for f in FIELDS if f.type in (FieldType.TEXT, FieldType.STATUS))  # quoted in TOML
_COMPLETE = LazyPattern(rb"\nrecorded = [0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9:.]{8,}(Z|[+-][0-9]{2}:[0-9]{2})\n?\Z")


class TornLedger(LedgerError):
    """The ledger ends in an incomplete entry: an append was cut short by a crash."""


def zero_bytes(n: int) -> str:
    """``n`` NUL bytes in words: ``"4,096 zero bytes (NUL)"``."""
    return f"{n:,} zero byte{'' if n == 1 else 's'} (NUL)"


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
    zeros: int = 0  # how many zero bytes (NUL) end it: a crash extended the file, its data never reached the disk

    def describe(self) -> str:
        """What the tail is, for a message."""
        if self.whole:
            what = (
                f"the last append (an import) is incomplete: {self.whole} of its entries were written "
                "before it was cut short, and none of them counts"
            )
        elif self.zeros and not self.data.rstrip(b"\0").strip():
            return (
                f"the ledger ends in {zero_bytes(self.zeros)}, left by a crash during an append (the file grew, "
                "its data never reached the disk)"
            )
        else:
            what = "the last entry is incomplete (a write was cut short)"
        if self.zeros:
            what += f", then the file ends in {zero_bytes(self.zeros)} that the crash left"
        return what

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


def refuse_dangling(path: Path, real: Path) -> None:
    """Refuse to append to ``path`` when it is a symbolic link to ``real``, a file that does not
    exist: the first append would create a ledger where the link points, likely not where the
    user's ledger is (as ``--output`` is never written through such a link). Raises
    :class:`~ledger.errors.LedgerError` naming both."""
    if path.is_symlink() and not real.exists():
        raise _error(
            path,
            None,
            f"is a symbolic link to {real}, which does not exist; nothing was written (no ledger is created "
            "through a link)",
            f"point the link at the ledger file, or create the file it names (`touch {real}`) to start the ledger there",
        )


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
        zeros = tail.zeros if tail is not None else 0
        tail = TornTail(offset, first.line, data[offset:], len(entries) - start, first.id, zeros)
        entries = entries[:start]
    if remember and tail is None:
        _REMEMBERED[path.resolve()] = (data, entries)
    return LedgerContents(path, entries, tail)


def open_batch(items: Sequence[Entry]) -> int | None:
    """The index of the first entry of an append of several that was cut short (its ``batch``
    count runs past the end of ``items``), or ``None``. Only the last such append can be
    incomplete: appends take turns under the lock, and none follows a torn one. Entries that do
    not read as what a crash leaves (:func:`ledger.chain.cut_short`: a ``batch`` typed over, an
    import's entries deleted or moved with later appends after them) are no torn end but a hand
    edit, which ``tracker check`` names by its digest: ``None`` then, and every entry counts."""
    for i in range(len(items) - 1, -1, -1):
        size = items[i].batch
        if size is not None:
            if i + size <= len(items):
                return None
            from .chain import cut_short  # only after a crash or an edit

            return i if cut_short(items, i) else None
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


def parse_entries(path: Path, data: bytes, whole: bool = True, *, ids: bool = True) -> list[Entry]:
    """The entries of ledger bytes ``data`` (a file's contents, or a ``.toml`` export), in file
    order, each with its line; ``path`` only names the file in messages. ``whole=False`` for a
    piece of a ledger, whose corrections may point at entries before the piece; ``ids=False``
    leaves ids used twice and corrections naming no earlier entry unchecked.

    Raises :class:`~ledger.errors.LedgerError` naming the file and line of the first problem
    (see :func:`load_ledger`); a torn tail is a problem here.
    """
    # Building 100,000 entries would trigger the cycle collector dozens of times over objects
    # that hold no cycles; pausing it halves the cost of reading a large ledger.
    paused = gc.isenabled()
    gc.disable()
    try:
        entries = list(_entries(path, data))
    except LedgerError as error:
        if b"\0" in data:  # asked only once reading failed: a file that reads costs nothing more
            raise _zeros_at(path, data, error) from None
        raise
    finally:
        if paused:
            gc.enable()
    if not ids:
        return entries
    seen = {e.id for e in entries}
    if len(seen) < len(entries) or (whole and any(e.corrects is not None for e in entries)):
        _check_ids(path, entries, whole)
    return entries


def _zeros_at(path: Path, data: bytes, error: LedgerError) -> LedgerError:
    """The error to raise for ledger bytes ``data`` holding a zero byte (NUL) that ``error``, the
    reader's, stumbled on: the line of the first NUL and what it is, since an editor shows none
    and the reader's own words ("Invalid statement … at column 1", "Cannot overwrite a value")
    point at nothing visible. ``error`` itself when it is about a line before that NUL."""
    first = data.find(b"\0")
    line = data.count(NEWLINE, 0, first) + 1
    at = error.problems[0].line if error.problems else None
    if at is not None and at < line:
        return error
    return _error(
        path,
        line,
        f"the file holds zero bytes (NUL) at line {line}, which an editor may not show: a disk fault or a crash "
        "left them in place of text",
        "restore what they replaced from a copy (git diff, a backup); `tracker check --repair` moves aside only "
        "zero bytes that end the file",
    )


def chain_break(path: Path) -> Problem | None:
    """For ``tracker check`` when reading the ledger at ``path`` failed: the first entry that no
    longer matches its digest (:func:`ledger.chain.verify`) among the entries that can be read
    — ids used twice, a correction above what it corrects and a torn end (left out) are no
    obstacle — so that it is named before the problem it caused; ``None`` when the chain of
    what can be read is whole, or nothing can be read."""
    from .chain import verify

    try:
        data = read_regular(path)
    except (OSError, NotRegularFile):
        return None
    try:
        entries = parse_entries(path, data, ids=False)
    except LedgerError:
        tail = find_torn_tail(path, data, whole=False)
        if tail is None:
            return None
        try:
            entries = parse_entries(path, data[: tail.offset], ids=False)
        except LedgerError:
            return None
    return verify(entries).problem(str(path))


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
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a BOM that an editor added
    if not data:  # a ledger not started yet (the first append's view) holds no entry
        return
    from .fast_reader import Run, scan  # here: a command on a plan with no ledger yet never needs it

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
    if not is_entry_id(raw["id"]):
        raise error(
            f"id {raw['id']!r} cannot be an entry id ({ID_RULE})",
            "restore the id as tracker wrote it (a hand edit changed it), and any corrects that names it",
        )
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


_KEY_BEFORE = LazyPattern(rb"[ \t]*target[ \t]*=[ \t]*")
_REST_OF_LINE = LazyPattern(rb"[ \t]*(?:#[^\n]*)?(?:\n|\Z)")


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


_ID_LINE = LazyPattern(rb'\nid = "([0-9A-Za-z_-]+)"\n')


def find_torn_tail(path: Path, data: bytes, whole: bool = True) -> TornTail | None:
    """The torn tail of ledger bytes ``data``, or ``None`` if it does not end in one.

    A torn tail is the text from the last line starting with ``[`` to the end, when that text is
    not a complete entry (no final ``recorded = …`` line ending in a newline) and everything
    before it is a valid ledger. A complete but wrong last entry is a mistake, not a tear. Zero
    bytes (NUL) that end ``data`` are torn too, with the entry they cut short if any (:func:`_zero_tail`).
    """
    if data.endswith(b"\0"):
        return _zero_tail(path, data, whole)
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


def _zero_tail(path: Path, data: bytes, whole: bool) -> TornTail | None:
    """The torn tail of ledger bytes ``data`` that end in zero bytes (NUL): what ext4 or XFS leave
    when a crash comes during an append that was never acknowledged (the file's size grew, the
    block of data was never written). Torn when what precedes the zeros is a valid ledger (the
    zeros alone are torn) or one with a torn tail of its own (that entry and the zeros are); else
    ``None``: the reader names the zeros' line."""
    body = data.rstrip(b"\0")
    zeros = len(data) - len(body)
    try:
        parse_entries(path, body, whole)
    except LedgerError:
        torn = find_torn_tail(path, body, whole)
        return None if torn is None else torn._replace(data=data[torn.offset :], zeros=zeros)
    offset = _back_over_blank(data, len(body))
    return TornTail(offset, body.count(NEWLINE) + 1, data[offset:], zeros=zeros)


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
_KEY_ID = LazyPattern(rb'\nid = "([^"\\\n]*)"\n')
_KEY_CORRECTS = LazyPattern(rb'\ncorrects = "([^"\\\n]*)"\n')
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
    if any('"' in t or "\\" in t for t in targets):
        return None
    text = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if text:  # a ledger not started yet is laid out: its append need not load the reader nor compile its pattern
        from .fast_reader import laid_out

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
