"""A digest chain over the ledger's entries: evidence that nobody edited history.

Each entry the tool writes carries ``digest``: the first 128 bits (32 hex digits) of the SHA-256
of its fields and the digest of the entry before it in the file, as git commits and Certificate
Transparency logs chain their records. ``tracker check`` recomputes the chain and names the
first entry that no longer matches. Changing any field of an entry (value, date, ``recorded``,
``by`` …), or deleting, inserting or reordering entries, breaks the chain from that entry on.

What it proves: the entries up to a digest you noted elsewhere (the last one, which ``tracker
check`` prints on a terminal, in a report mailed out or in a git commit) are the ones that were
there when it was written, in that order. What it does not: it is not a signature, so whoever can
write the file can also recompute every digest after an edit; and entries removed from the end
leave a shorter chain that still verifies. It shows an edit; it does not stop one.

The digest covers the fields' values, not the file's bytes, so a ledger kept in git (line
endings converted, blocks reformatted) still verifies; entries imported from another ledger get
digests in this one's chain.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from json.encoder import encode_basestring as _json_string  # what json.dumps uses with ensure_ascii=False

from .entries import KEYS, Entry
from .errors import Problem
from .model import MilestoneStatus

_COVERED = tuple(k for k in KEYS if k != "digest")
# Each covered field's place in an Entry and its key as a JSON string, in the order digested.
_DIGEST = Entry._fields.index("digest")
_FIELDS = tuple((Entry._fields.index(k), _json_string(k)) for k in _COVERED)


_DATES: dict[date, str] = {}  # an import's entries share a few as-of dates
_recorded: tuple[datetime | None, str] = (None, "")  # and one recording time: the last one digested


def _text(value: object) -> str:
    """A field's value as the digest reads it: the same before writing and after reading back."""
    global _recorded
    kind = type(value)  # the common types first, by identity: an import digests 20,000 entries
    if kind is str:
        return value  # type: ignore[return-value]
    if kind is Decimal:
        return "0" if not value else str(value.normalize())  # type: ignore[attr-defined]
    if isinstance(value, datetime):
        seen = _recorded
        if value is seen[0]:  # by identity: equal times may differ in offset
            return seen[1]
        text = value.isoformat()
        if kind is datetime:
            _recorded = (value, text)
        return text
    if kind is date:
        assert isinstance(value, date)
        found = _DATES.get(value)
        if found is None:
            found = _DATES[value] = value.isoformat()
        return found
    if isinstance(value, MilestoneStatus):
        return value.value
    if isinstance(value, str):
        return value
    if value is True:
        return "true"
    if isinstance(value, Decimal):
        return "0" if not value else str(value.normalize())  # 680 and 680.0 are one figure
    if isinstance(value, date):  # datetimes too: with their UTC offset
        return value.isoformat()
    return str(value)


def digest_of(previous: str, e: Entry) -> str:
    """The digest of entry ``e`` after an entry whose digest is ``previous`` ("" for the first
    entry, or after one written before digests): 32 hex digits."""
    # The JSON array [previous, key, text, key, text …] as json.dumps writes it with
    # ensure_ascii=False and no spaces, put together from json's own string encoder and the
    # keys encoded once (tests/test_chain_digest.py holds the two to the same bytes).
    parts = [_json_string(previous)]
    for index, quoted in _FIELDS:
        value = e[index]
        if value is not None and value is not False:
            parts += (quoted, _json_string(_text(value)))
    blob = ("[" + ",".join(parts) + "]").encode("utf-8", "surrogatepass")
    return hashlib.sha256(blob).hexdigest()[:32]


def chained(previous: str, entries: Iterable[Entry]) -> list[Entry]:
    """``entries`` with their digests, following an entry whose digest is ``previous``."""
    out = []
    for e in entries:
        previous = digest_of(previous, e)
        fields = list(e)
        fields[_DIGEST] = previous
        out.append(Entry._make(fields))  # what _replace does, without its keyword machinery
    return out


@dataclass(frozen=True, slots=True)
class ChainReport:
    """What :func:`verify` found: the first entry whose digest does not match (or that has none
    after entries that have one), how many entries at the start carry no digest (written before
    digests existed), and the last digest (``head``), to note elsewhere."""

    broken: Entry | None
    undigested: int
    head: str | None

    def problem(self, ledger: str) -> Problem | None:
        """The first entry that no longer matches (file, line, entry id) with what to do; or ``None``."""
        e = self.broken
        if e is None:
            return None
        what = (
            "has no digest, though the entries before it have one"
            if e.digest is None
            else "no longer matches its digest"
        )
        return Problem(
            f"{what}: it, or the entry before it, was changed, inserted, removed or moved since tracker wrote it",
            file=ledger,
            line=e.line or None,
            where=f"entry {e.id}",
            target=e.target,
            entry=e.id,
            fix="compare with a copy (git diff, a backup), and once the change is known to be right, "
            "`tracker check --upgrade` chains the ledger as it is now",
        )


def verify(entries: Iterable[Entry]) -> ChainReport:
    """Recompute the chain over ``entries`` in file order; see :class:`ChainReport`."""
    previous, undigested, started = "", 0, False
    for e in entries:
        if e.digest is None:
            if started:
                return ChainReport(e, undigested, None)
            undigested += 1
            continue
        started = True
        if e.digest != digest_of(previous, e):
            return ChainReport(e, undigested, None)
        previous = e.digest
    return ChainReport(None, undigested, previous or None)
