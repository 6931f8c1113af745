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

import dataclasses
import gc
import os
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from .entries import FIELDS, KEYS, Entry, FieldType, new_id
from .errors import LedgerError, Problem, suggest
from .model import MilestoneStatus
from .numbers import to_decimal

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


@dataclass(frozen=True, slots=True)
class TornTail:
    """The incomplete end of a ledger: it starts at byte ``offset``, on line ``line``."""

    offset: int
    line: int
    data: bytes


@dataclass(frozen=True, slots=True)
class LedgerContents:
    """What a ledger file holds: its complete entries, in file order, and any torn tail."""

    path: Path
    entries: list[Entry]
    torn: TornTail | None = None

    def complete(self) -> list[Entry]:
        """The entries, or :class:`TornLedger` when a torn tail was left out (for commands that
        must see the whole file: ``check``, corrections)."""
        if self.torn is not None:
            raise TornLedger(
                Problem(
                    "the last entry is incomplete (a write was cut short)",
                    file=str(self.path),
                    line=self.torn.line,
                    fix="run `tracker check --repair` to move it aside",
                )
            )
        return self.entries

    def warning(self) -> str | None:
        """One line for stderr when a torn tail was left out, else ``None``."""
        if self.torn is None:
            return None
        return (
            f"warning: {self.path}:{self.torn.line}: the last entry is incomplete (a write was cut short) "
            "and is left out; run `tracker check --repair` to move it aside"
        )


def load_ledger(path: Path) -> LedgerContents:
    """Read and validate the ledger at ``path``; a missing file holds no entries.

    A torn tail is returned in ``torn`` rather than raised, so reports still work after a crash.
    Raises :class:`~ledger.errors.LedgerError` naming the file and line of any other problem:
    invalid TOML, an unknown key, a missing or mistyped field, a duplicate id, or a correction of
    an entry that does not come before it.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return LedgerContents(path, [])
    except IsADirectoryError:
        raise LedgerError(f"{path}: is a folder; give the ledger file with --ledger") from None
    except OSError as e:
        raise LedgerError(f"{path}: cannot read the ledger: {e.strerror}") from None
    try:
        return LedgerContents(path, parse_entries(path, data))
    except LedgerError as error:
        tail = find_torn_tail(path, data)
        if tail is None:
            raise error from None
        return LedgerContents(path, parse_entries(path, data[: tail.offset]), tail)


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
            raise _error(path, e.line, f"entry id {e.id!r} is already used at line {seen[e.id]}")
        if whole and e.corrects is not None and e.corrects not in seen:
            raise _error(path, e.line, f"entry corrects {e.corrects!r}, which no earlier entry has as id")
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
        for line, table in _parse_toml(path, _decode(path, data)):
            yield _entry(table, path, line)
        return
    for piece in pieces:
        if isinstance(piece, Run):
            for line, table in _parse_toml(path, _decode(path, piece.data, piece.line - 1), piece.line - 1):
                yield _entry(table, path, line)
        else:
            yield piece


def _parse_toml(path: Path, text: str, offset: int = 0) -> list[tuple[int, dict[str, Any]]]:
    """Entry tables of ``text`` read by tomllib; ``offset`` lines precede the text in the file."""
    try:
        raw = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as e:
        message = re.sub(r"line (\d+)", lambda m: f"line {int(m.group(1)) + offset}", str(e))
        raise LedgerError(f"{path}: not valid TOML: {message}") from None
    extra = [k for k in raw if k != "entry"]
    if extra:
        raise LedgerError(f"{path}: unknown top-level key {extra[0]!r}; the ledger holds only [[entry]] tables")
    tables = raw.get("entry", [])
    if not isinstance(tables, list):
        raise LedgerError(f"{path}: write entries as [[entry]] tables")
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
    void = raw.get("void", False)
    if not isinstance(void, bool):
        raise error("void must be true or false")
    forced = raw.get("forced", False)
    if not isinstance(forced, bool):
        raise error("forced must be true or false")
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
            data = path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as e:
            raise LedgerError(f"{path}: cannot read the ledger: {e.strerror}") from None
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
    while offset >= 2 and data[offset - 2 : offset] == b"\n\n":
        offset -= 1  # the blank line the append wrote before its block goes with it
    return TornTail(offset, line, data[offset:])


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


def _check_last(path: Path, data: bytes, check: Callable[[Entry], Problem | None] | None) -> None:
    """Refuse to append after a ledger whose last entry is torn or wrong.

    Only the last block is parsed (appends must stay fast on large ledgers); its id must not
    appear earlier, what it corrects must exist, and ``check`` (the plan's view) must accept it.
    Raises :class:`TornLedger` or :class:`~ledger.errors.LedgerError` naming the line.
    """
    if not _CONTENT.search(data):
        return
    # The last header line; a ledger's tail is searched first, since the file may be large.
    tail = max(0, len(data) - 65536)
    found = data.rfind(b"\n[", tail)
    offset = (found if found >= 0 else data.rfind(b"\n[")) + 1
    block = data[offset:]

    def at(block_line: int) -> int:
        # Counted only for a message: a large ledger has a million lines.
        return data.count(NEWLINE, 0, offset) + block_line

    try:
        entries = parse_entries(path, block, whole=False)
    except LedgerError:
        if find_torn_tail(path, block, whole=False) is not None:
            raise TornLedger(
                Problem(
                    "the last entry is incomplete (a write was cut short)",
                    file=str(path),
                    line=at(1),
                    fix="run `tracker check --repair` to move it aside, then record again",
                )
            ) from None
        raise _error(path, at(1), "the last entry is not valid", "`tracker check` says why") from None
    for e in entries:
        if data.count(f'id = "{e.id}"'.encode()) > 1:
            raise _error(path, at(e.line), "its id is used twice", "`tracker check` says where", entry=e.id)
        if e.corrects is not None and f'id = "{e.corrects}"'.encode() not in data:
            raise _error(path, at(e.line), f"corrects {e.corrects!r}, which no entry has as id", entry=e.id)
        if check is not None and (verdict := check(e)) is not None:
            fix = "; ".join(x for x in (verdict.fix, "fix it before recording more") if x)
            raise LedgerError(dataclasses.replace(verdict, file=str(path), line=at(e.line), fix=fix))


def entry_blocks(entries: Iterable[Entry]) -> str:
    """Entries as the ledger stores them: a blank line, ``[[entry]]``, then ``key = value`` lines
    in :data:`~ledger.entries.KEYS` order (``recorded`` last), each value exactly as tomli-w
    writes it (tests hold the two to each other). Written here for speed: an import of 20,000
    rows spent more time in tomli-w's general writer than in reading the sheet."""
    return "".join(
        "\n[[entry]]\n" + "".join(f"{k} = {_toml_value(v)}\n" for k, v in e.to_toml().items()) for e in entries
    )


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


def append_entries(
    path: Path, entries: Iterable[Entry], check: Callable[[Entry], Problem | None] | None = None
) -> list[Entry]:
    """Append ``entries`` to the ledger at ``path`` durably, all or none, under a lock beside it.

    Returns the entries as written: an id already present in the file is replaced by a fresh one.
    Only the last entry of the ledger is parsed (with ``check``, the plan's verdict on it, if
    given) and the rest scanned for ids, so appending stays fast for large ledgers. A symlinked
    ledger is written through its link. Raises :class:`TornLedger` after a crash left a torn
    tail, and :class:`~ledger.errors.LedgerError` (with the file unchanged, and not created if it
    did not exist) when the last entry is wrong, the folder is missing or the file cannot be
    written, e.g. a read-only file or a full disk.
    """
    from filelock import FileLock, Timeout

    batch = list(entries)
    real = path.resolve()
    if not real.parent.is_dir():
        # filelock would create the missing folders; a mistyped --ledger must not.
        raise LedgerError(f"{path}: folder {real.parent} does not exist; create it or fix --ledger")
    try:
        with FileLock(str(real) + ".lock", timeout=LOCK_TIMEOUT):
            created = not real.exists()
            fd = os.open(real, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                size = os.fstat(fd).st_size
                existing = os.pread(fd, size, 0) if size else b""
                _check_last(path, existing, check)
                batch = _fresh_ids(existing, batch)
                block = entry_blocks(batch).encode("utf-8")
                if size == 0:
                    block = HEADER.encode("utf-8") + block
                elif not existing.endswith(b"\n"):
                    block = b"\n" + block
                _write_all(fd, block, size)
                os.fsync(fd)
            except BaseException:
                if created:
                    real.unlink(missing_ok=True)  # a ledger that did not exist is not left behind empty
                raise
            finally:
                os.close(fd)
    except Timeout:
        raise _locked(path) from None
    except OSError as e:
        raise LedgerError(f"{path}: cannot write the ledger: {e.strerror}; nothing was recorded") from None
    return batch


def _locked(path: Path) -> LedgerError:
    return _error(path, None, f"another tracker has held the ledger lock for {LOCK_TIMEOUT:g} s", "try again")


def _fresh_ids(existing: bytes, batch: list[Entry]) -> list[Entry]:
    taken = {e.id for e in batch}
    out = []
    for e in batch:
        while f'"{e.id}"'.encode() in existing:
            e = e._replace(id=new_id(taken))
        taken.add(e.id)
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


def repair(path: Path, now: datetime) -> Path | None:
    """Move a torn tail out of the ledger into ``<ledger>.torn-<time>`` beside it.

    Every complete entry stays. Returns the backup's path, or ``None`` when there was nothing to
    repair. The backup is written and synced before the ledger is cut, under the ledger's lock.
    Raises :class:`~ledger.errors.LedgerError` when the ledger has other problems, which need a
    person, or when another process holds the ledger's lock for :data:`LOCK_TIMEOUT` seconds.
    """
    from filelock import FileLock, Timeout

    real = path.resolve()
    try:
        return _repair(path, real, now, FileLock(str(real) + ".lock", timeout=LOCK_TIMEOUT))
    except Timeout:
        raise _locked(path) from None


def _repair(path: Path, real: Path, now: datetime, lock: Any) -> Path | None:
    with lock:
        contents = load_ledger(real)
        if contents.torn is None:
            return None
        backup = real.with_name(f"{real.name}.torn-{now:%Y%m%dT%H%M%S}")
        try:
            with open(backup, "xb") as f:
                f.write(contents.torn.data)
                f.flush()
                os.fsync(f.fileno())
            with open(real, "r+b") as f:
                f.truncate(contents.torn.offset)
                f.flush()
                os.fsync(f.fileno())
        except OSError as e:
            raise _error(path, None, f"cannot repair the ledger: {e.strerror}") from None
        return backup
