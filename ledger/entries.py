"""Entries and the append-only ledger file (``progress.toml``).

The ledger is a TOML file of ``[[entry]]`` tables. The tool only ever appends to it: a
correction is a new entry that ``corrects`` an earlier one (and may ``void`` it). Appends take a
lock beside the file, write one whole block and ``fsync`` it before reporting success.
"""

from __future__ import annotations

import os
import re
import secrets
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from .errors import LedgerError, suggest
from .model import MilestoneStatus
from .numbers import to_decimal

_KEYS = (
    "id", "target", "date", "value", "unit", "note", "source", "by", "recorded",
    "corrects", "void", "status", "milestone",
)  # fmt: skip
_ENTRY_HEADER = re.compile(r"^\s*\[\[\s*entry\s*\]\]")
HEADER = (
    "# tracker ledger: append-only. Do not edit or delete entries;\n"
    "# correct a figure with a new entry that names it in `corrects`.\n"
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One recorded figure or status for one target (the ledger's line).

    ``value`` is as recorded, in ``unit`` (``None`` for a milestone status). ``date`` is the
    as-of date the figure refers to; ``recorded`` when it was written, with its UTC offset.
    ``line`` is where the entry starts in its file (0 for an entry not yet written).
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
    status: MilestoneStatus | None = None
    milestone: str | None = None
    line: int = 0

    def to_toml(self) -> dict[str, Any]:
        """The entry as the ledger stores it: keys in DESIGN.md order, absent fields left out."""
        out: dict[str, Any] = {"id": self.id, "target": self.target, "date": self.date}
        for key in ("value", "unit", "status", "milestone", "note", "source", "by"):
            value = getattr(self, key)
            if isinstance(value, MilestoneStatus):
                value = value.value
            elif isinstance(value, Decimal) and value.as_tuple().exponent == 0:
                value = int(value)  # as typed: 680 stays 680 (tomli-w would write 680.0)
            if value is not None:
                out[key] = value
        out["recorded"] = self.recorded
        if self.corrects is not None:
            out["corrects"] = self.corrects
        if self.void:
            out["void"] = True
        return out


def new_id(taken: Iterable[str] = ()) -> str:
    """A fresh entry id: 10 lowercase hex digits (40 random bits), not among ``taken``."""
    used = set(taken)
    while (candidate := secrets.token_hex(5)) in used:
        pass
    return candidate


def read_ledger(path: Path) -> list[Entry]:
    """All entries of the ledger at ``path``, in file order; ``[]`` if the file does not exist.

    Raises :class:`~ledger.errors.LedgerError` naming the file and line of the first problem:
    invalid TOML (such as a torn final write), an unknown key, a missing or mistyped field, or a
    duplicate id.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as e:
        raise LedgerError(f"{path}: cannot read the ledger: {e.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise LedgerError(f"{path}: not UTF-8 text (byte {e.start}); the ledger must be UTF-8") from None
    try:
        raw = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as e:
        raise LedgerError(f"{path}: not valid TOML: {e}; was the last write cut short? run `tracker check`") from None
    extra = [k for k in raw if k != "entry"]
    if extra:
        raise LedgerError(f"{path}: unknown top-level key {extra[0]!r}; the ledger holds only [[entry]] tables")
    tables = raw.get("entry", [])
    if not isinstance(tables, list):
        raise LedgerError(f"{path}: write entries as [[entry]] tables")
    lines = [n for n, line in enumerate(text.splitlines(), 1) if _ENTRY_HEADER.match(line)]
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for i, table in enumerate(tables):
        line = lines[i] if i < len(lines) else 0
        entry = _entry(table, f"{path}:{line}", line)
        if entry.id in seen:
            raise LedgerError(
                f"{path}:{line}: entry id {entry.id!r} already used at line {seen[entry.id]}; ids must be unique"
            )
        seen[entry.id] = line
        entries.append(entry)
    return entries


def _entry(raw: dict[str, Any], where: str, line: int) -> Entry:
    for key in raw:
        if key not in _KEYS:
            hint = suggest(key, _KEYS)
            raise LedgerError(f"{where}: unknown key {key!r} in entry" + (f"; did you mean {hint}?" if hint else ""))
    for key in ("id", "target", "date", "recorded"):
        if key not in raw:
            raise LedgerError(f"{where}: entry has no {key!r}")

    def text(key: str) -> str | None:
        value = raw.get(key)
        if value is not None and not isinstance(value, str):
            raise LedgerError(f"{where}: {key} must be a string in quotes")
        return value

    day = raw["date"]
    if isinstance(day, datetime) or not isinstance(day, date):
        raise LedgerError(f"{where}: date must be a date such as 2025-03-31")
    recorded = raw["recorded"]
    if not isinstance(recorded, datetime) or recorded.tzinfo is None:
        raise LedgerError(f"{where}: recorded must be a time with its UTC offset, e.g. 2025-04-03T09:12:00+08:00")
    value = None
    if "value" in raw:
        try:
            value = to_decimal(raw["value"])
        except ValueError as e:
            raise LedgerError(f"{where}: value {e}") from None
    status = None
    if (s := text("status")) is not None:
        try:
            status = MilestoneStatus(s)
        except ValueError:
            raise LedgerError(
                f"{where}: unknown status {s!r}; use " + ", ".join(m.value for m in MilestoneStatus)
            ) from None
    void = raw.get("void", False)
    if not isinstance(void, bool):
        raise LedgerError(f"{where}: void must be true or false")
    if value is None and status is None and not void:
        raise LedgerError(f"{where}: entry has neither a value nor a status")
    return Entry(
        id=str(text("id")),
        target=str(text("target")),
        date=day,
        recorded=recorded,
        value=value,
        unit=text("unit"),
        note=text("note"),
        source=text("source"),
        by=text("by"),
        corrects=text("corrects"),
        void=void,
        status=status,
        milestone=text("milestone"),
        line=line,
    )


def effective(entries: Iterable[Entry]) -> list[Entry]:
    """The entries that count, after corrections: superseded and voided entries removed.

    An entry with ``corrects = X`` replaces X (and, through X, whatever X corrected); with
    ``void = true`` it withdraws X and counts for nothing itself. File order is kept.
    """
    items = list(entries)
    replaced = {e.corrects for e in items if e.corrects is not None}
    return [e for e in items if e.id not in replaced and not e.void]


def append_entries(path: Path, entries: list[Entry]) -> None:
    """Append ``entries`` to the ledger at ``path`` durably, under a lock beside it.

    The blocks are written with one ``write`` on a file opened for appending and ``fsync``-ed
    before returning, so a success means the entries are on disk. A symlinked ledger is written
    through its link. Raises :class:`~ledger.errors.LedgerError` (nothing written) when the
    folder or file cannot be written.
    """
    import tomli_w
    from filelock import FileLock, Timeout

    block = "".join("\n[[entry]]\n" + tomli_w.dumps(e.to_toml()) for e in entries).encode("utf-8")
    real = path.resolve()
    if not real.parent.is_dir():
        # filelock would create the missing folders; a mistyped --ledger must not.
        raise LedgerError(f"{path}: folder {real.parent} does not exist; create it or fix --ledger")
    try:
        with FileLock(str(real) + ".lock", timeout=30):
            fd = os.open(real, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                size = os.fstat(fd).st_size
                head = HEADER.encode() if size == 0 else b""
                if size and not _ends_with_newline(real, size):
                    head = b"\n"
                _write_all(fd, head + block, size, real)
                os.fsync(fd)
            finally:
                os.close(fd)
    except Timeout:
        raise LedgerError(f"{path}: another tracker holds the ledger lock for over 30 s; try again") from None
    except OSError as e:
        raise LedgerError(f"{path}: cannot write the ledger: {e.strerror}; nothing was recorded") from None


def _ends_with_newline(path: Path, size: int) -> bool:
    with open(path, "rb") as f:
        f.seek(size - 1)
        return f.read(1) == b"\n"


def _write_all(fd: int, data: bytes, size: int, path: Path) -> None:
    """Write ``data`` whole, or cut the file back to ``size`` so a failed append leaves no tail."""
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError:
        os.ftruncate(fd, size)
        raise
