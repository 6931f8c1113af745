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

Entries written before digests existed carry none, and may only open the file (an older
ledger, appended to since). An entry without one is an edit (its digest deleted) whenever
something other than its ``recorded`` time shows a tracker that writes digests wrote it: it
comes after an entry that has one; it belongs to an append that restored an export
(``restored``, a key tracker wrote only since it wrote digests, on the append's first entry,
whose ``batch`` counts the append's entries), whose entries keep the ``recorded`` times of the
ledger they came from; or it was recorded at or after :data:`DIGESTS_SINCE`. Deleting every
``digest =`` line after editing a value is therefore caught; backdating the ``recorded`` times
of entries that were never restored is not (nothing is, short of the digest noted elsewhere), as
recomputing digests is not. Such a deletion is never re-chained by ``check --upgrade``
(:attr:`ChainReport.deleted`): the file is restored from a copy.

The first digested entry after such entries covers them: its ``previous`` is the digest they
would have had (:func:`head_of`), so an entry put before it, or changed or removed there, breaks
the chain as anywhere else. A tracker older than :data:`PREFIX_PINNED_SINCE` chained on from
``""`` after them; its first digested entry is accepted as written, and the entries before it
are then not pinned (``check`` says so; ``check --upgrade`` pins them), unless that entry was
restored: its ``recorded`` time is then the old ledger's, which says nothing of when it was
written here, so entries put before it are read as inserted.
"""

import hashlib
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from json.encoder import encode_basestring as _json_string  # what json.dumps uses with ensure_ascii=False
from typing import NamedTuple

from .entries import KEYS, Entry
from .errors import Problem
from .model import MilestoneStatus

_COVERED = tuple(k for k in KEYS if k != "digest")
# Each covered field's place in an Entry and its key as a JSON string, in the order digested.
_DIGEST = Entry._fields.index("digest")
_FIELDS = tuple((Entry._fields.index(k), _json_string(k)) for k in _COVERED)


# When tracker began writing a digest on every entry it appends: an entry recorded since then
# without one had it removed (a clock set years ahead when an older version wrote it is the one
# innocent cause, and `tracker check --upgrade` chains such a ledger).
DIGESTS_SINCE = datetime(2026, 11, 29, 14, 41, 12, tzinfo=UTC)


# Since when the first digested entry after entries without one covers them (head_of): one
# recorded earlier may have been chained from "" by the tracker of then, and is read as such.
PREFIX_PINNED_SINCE = datetime(2026, 11, 30, 19, 0, 0, tzinfo=UTC)


def restored_appends(entries: Sequence[Entry]) -> list[bool]:
    """For each of ``entries`` (a whole ledger in file order), whether it belongs to an append
    that restored an export: the append's first entry carries ``restored`` and its ``batch``
    counts the append's entries, itself included. Such entries were written by a tracker that
    writes digests (``restored`` came after digests), whatever their ``recorded`` times say."""
    out = [False] * len(entries)
    for i, e in enumerate(entries):
        if e.restored:
            for j in range(i, min(len(entries), i + max(e.batch or 1, 1))):
                out[j] = True
    return out


def _aware(when: datetime) -> datetime:
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def after_digests(e: Entry) -> bool:
    """Whether entry ``e`` was recorded when every append wrote digests (:data:`DIGESTS_SINCE`);
    a time without an offset, written by hand, is read as UTC."""
    when = e.recorded
    if not isinstance(when, datetime):
        return False
    return _aware(when) >= DIGESTS_SINCE


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


def head_of(entries: Iterable[Entry]) -> str:
    """The digest an append chains its first entry after, following ``entries`` (a whole ledger
    in file order): the last entry's digest; for entries without one (written before digests),
    the digest they would have had, so that the first digested entry covers them. ``""`` for an
    empty ledger."""
    previous = ""
    for e in entries:
        previous = e.digest if e.digest is not None else digest_of(previous, e)
    return previous


def cut_short(items: Sequence[Entry], start: int) -> bool:
    """Whether the entries of ``items`` (a whole ledger, in file order) from ``start`` on, the
    complete entries of an append of several whose ``batch`` runs past the end, read as what a
    crash leaves: their digests chain on, one after another, from what was there before them, so
    they are what one append wrote. A hand edit of them (a ``batch`` typed over, an import's
    entries deleted or moved with later appends after them) breaks that, and is no torn end:
    ``check`` names it by its digest; so is an entry before them recorded after them (moved up
    from a later append). Judged on these entries and the times before them, not on the whole
    file's chain: a break earlier in the file (an old note edited, a merge not yet re-chained)
    does not make a crash's cut append count.
    Entries written before digests cannot tell; they read as one append when, unless
    ``restored``, all share the first one's ``recorded`` time (one append, one time)."""
    before, rest = items[:start], items[start:]
    if rest and all(e.digest is None for e in rest):
        first = rest[0]
        if not first.restored and any(e.recorded != first.recorded for e in rest):
            return False
        return verify(items).broken is None
    # The cut append was the last: nothing before it was recorded after it (an entry moved up
    # from a later append is an edit, whose chain may read whole around the moved piece).
    if any(e.recorded > rest[0].recorded for e in before):
        return False
    heads = {head_of(before)}
    if all(e.digest is None for e in before):
        heads.add("")  # an older tracker chained its first digest from "" (see PREFIX_PINNED_SINCE)
    return any(_chains_on(rest, head) for head in heads)


def _chains_on(entries: Sequence[Entry], previous: str) -> bool:
    """Whether each of ``entries`` has the digest of its text after ``previous``, the digest before it."""
    for e in entries:
        if e.digest is None or digest_of(previous, e) != e.digest:
            return False
        previous = e.digest
    return True


class ChainReport(NamedTuple):
    """What :func:`verify` found: the first entry whose digest does not match (or that has none
    after entries that have one, or though it was recorded since :data:`DIGESTS_SINCE`), how
    many entries at the start carry no digest (written before digests existed), and the last
    digest (``head``), to note elsewhere. A named tuple, not a frozen dataclass: this module is
    imported by every append, and only ``check`` makes one."""

    broken: Entry | None
    undigested: int
    head: str | None
    removed: bool = False  # broken has no digest and none before it has one, but was recorded since DIGESTS_SINCE
    inserted: bool = False  # broken has no digest, and the first digested entry after it does not cover it
    unpinned: int = 0  # of the undigested entries, how many no digest covers (chained on by an older tracker)
    restored: bool = False  # broken has no digest, though an append that restored an export wrote it
    # Entries without a digest that a tracker writing digests wrote (beside entries that have one,
    # or restored), or that the first digest no longer covers: digests were deleted, or entries
    # changed or put where no digest may be missing. Re-chaining would pin that edit, so
    # `check --upgrade` refuses, and the file is restored from a copy.
    deleted: bool = False

    def problem(self, ledger: str) -> Problem | None:
        """The first entry that no longer matches (file, line, entry id) with what to do; or ``None``."""
        e = self.broken
        if e is None:
            return None
        if self.restored:
            what = (
                "has no digest, though it was written by an import that restored an export (`restored = true` "
                "beside `batch` on the import's first entry), which tracker writes only with digests; its "
                f"`recorded` time ({e.recorded:%Y-%m-%d}) is the old ledger's: digests were deleted from the file, "
                "and what they covered may have been edited with them"
            )
        elif self.inserted:
            what = (
                "has no digest, and the first entry that has one does not cover it, as it covers every entry "
                f"before it since {PREFIX_PINNED_SINCE:%Y-%m-%d}: it, or an entry next to it, was inserted, "
                "changed or removed by hand before the chain's first digest"
            )
        elif self.removed:
            what = (
                f"has no digest, though it was recorded on {e.recorded:%Y-%m-%d}, after tracker began writing "
                f"one on every entry ({DIGESTS_SINCE:%Y-%m-%d}): digests were deleted from the file, "
                "and what they covered may have been edited with them"
            )
        else:
            what = (
                "has no digest, though the entries before it have one"
                if e.digest is None
                else "no longer matches its digest"
            )
            what += ": it, or the entry before it, was changed, inserted, removed or moved since tracker wrote it"
            if e.digest is not None and self.undigested:
                what += " (or an entry without a digest above it, which it covers)"
        fix = (
            f"restore {ledger} from its backup or from git (git diff shows the edit); never `tracker check "
            "--upgrade` it, which would chain the edited figures as if they had been recorded so"
            if self.deleted
            else "compare with a copy (git diff, a backup), and once the change is known to be right, "
            "`tracker check --upgrade` chains the ledger as it is now"
        )
        return Problem(
            what, file=ledger, line=e.line or None, where=f"entry {e.id}", target=e.target, entry=e.id, fix=fix
        )


def verify(entries: Iterable[Entry]) -> ChainReport:
    """Recompute the chain over ``entries`` in file order; see :class:`ChainReport`. An entry
    without a digest is one written before digests only when it opens the file, was recorded
    before :data:`DIGESTS_SINCE` and belongs to no append that restored an export
    (:func:`restored_appends`); the first digested entry after such entries must cover them
    (:func:`head_of`), or, recorded before :data:`PREFIX_PINNED_SINCE` and not restored, follow
    ``""`` as the tracker of then wrote it (they are then ``unpinned``). Any other entry without
    a digest in a file where some entry has one, or restored, had it deleted (``deleted``)."""
    items = entries if isinstance(entries, list) else list(entries)
    restored = restored_appends(items) if any(e.restored for e in items) else None
    digested = any(e.digest is not None for e in items)
    previous, undigested, started, unpinned = "", 0, False, 0
    first: Entry | None = None
    for i, e in enumerate(items):
        if e.digest is None:
            if started:
                return ChainReport(e, undigested, None, deleted=True)
            if restored is not None and restored[i]:
                return ChainReport(e, undigested, None, restored=True, deleted=True)
            if after_digests(e):
                # With no digest anywhere, a clock set ahead when an older tracker wrote it is the
                # innocent cause, and --upgrade may chain it; beside digests it is a deletion.
                return ChainReport(e, undigested, None, removed=True, deleted=digested)
            if first is None:
                first = e
            undigested += 1
            previous = digest_of(previous, e)  # what it would have had: the first digest covers it
            continue
        if not started and undigested and e.digest != digest_of(previous, e):
            # Not covering the entries before it: chained from "" by a tracker of before
            # PREFIX_PINNED_SINCE, or entries were put before (or changed above) a chain's first
            # digest. A restored entry's `recorded` time is the old ledger's, so it cannot say
            # which tracker wrote it: entries before it that it does not cover were put there.
            assert first is not None
            if e.digest != digest_of("", e):
                return ChainReport(e, undigested, None, deleted=True)
            if _aware(e.recorded) >= PREFIX_PINNED_SINCE or (restored is not None and restored[i]):
                return ChainReport(first, undigested, None, inserted=True, deleted=True)
            unpinned = undigested
        elif e.digest != digest_of(previous, e):
            return ChainReport(e, undigested, None)
        started = True
        previous = e.digest
    if not started:
        return ChainReport(None, undigested, None, unpinned=undigested)
    return ChainReport(None, undigested, previous, unpinned=unpinned)
