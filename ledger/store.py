"""Writing to the ledger file (``progress.toml``): appending to it durably under its lock, and
recovering from an append that a crash cut short (:func:`repair`) or upgrading it whole
(:func:`upgrade`). Reading it is :mod:`ledger.ledger_reader`; the text written,
:mod:`ledger.blocks`.

The file is TOML, one ``[[entry]]`` table per entry, and is only ever appended to. Appends take
a lock beside the file (``progress.toml.lock``), write each batch with one ``write`` on a
descriptor opened for appending, and ``fsync`` before reporting success. Since ``recorded`` is
always an entry's last line, a block cut short by a crash lacks it: such a *torn tail* is told
apart from a hand-made mistake, ignored with a warning by readers, and moved aside by
:func:`repair`.
"""

import os
from collections.abc import Callable, Iterable, Sequence, Set
from datetime import datetime
from operator import is_
from pathlib import Path
from typing import NamedTuple

from .blocks import HEADER, chained_bytes, entry_blocks, line_end
from .entries import Entry, new_id
from .errors import EntryError, LedgerError, Problem
from .ledger_reader import (
    _check_last,
    _contents,
    _error,
    _not_a_ledger,
    load_ledger,
    parse_entries,
    read_view,
    refuse_dangling,
)
from .regular import NotRegularFile, refuse_special
from .view import AppendRefused, LedgerView, Validation, correction_problems

LOCK_TIMEOUT: float = 30  # seconds to wait for another tracker's append or repair


def append_entries(
    path: Path,
    entries: Iterable[Entry],
    check: Callable[[Entry], Problem | None] | None = None,
    validate: Validation | None = None,
    *,
    retry: bool = False,
    restored: bool = False,
    digests: bool = True,
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
    in it as that ledger's revision, not as two rows of one sheet. Returns the entries as
    written; with ``digests`` false, without their digests (``digest`` None; the ledger holds
    them): an import reports only how many it wrote, and making its 20,000 entries anew to carry
    them cost 2 % of its instructions. A symlinked ledger is written through its link; a new
    ledger gets the umask's permissions. Raises :class:`TornLedger` after a crash left a torn tail, and
    :class:`~ledger.errors.LedgerError` (with the file unchanged, and not created if it did not
    exist) when the ledger cannot be read, the folder is missing, the lock cannot be taken or
    the file cannot be written, e.g. a read-only file or a full disk.
    """
    batch = list(entries)
    if not batch:
        return []
    # Each field of every entry, taken apart once, by one zip, for the passes below and for
    # writing the blocks: an import's 20,000 entries were taken apart a field at a time for each
    # pass, and all over again by the writer.
    columns = list(zip(*batch, strict=True))
    # An entry read from a ledger (an import of an export) carries batch and digest: made anew here.
    if any(columns[_BATCH]) or any(columns[_DIGEST]):
        batch = [e._replace(batch=None, restored=False, digest=None) if e.batch or e.digest else e for e in batch]
        columns = list(zip(*batch, strict=True))
    taken_apart = tuple(batch)  # the entries those columns hold
    # The batch's targets, for the views read before and under the lock (validate and fresh ids
    # change no entry's target).
    targets = frozenset(columns[_TARGET])
    # Whether the chain rule has anything to check: an import's entries correct nothing, and
    # fresh ids and validate make no correction.
    corrections = columns[_CORRECTS].count(None) < len(batch)
    real = path.resolve()
    try:  # before the lock, which would be made beside it (/dev/zero.lock)
        refuse_special(real)
    except NotRegularFile as e:
        raise _not_a_ledger(path, e) from None
    refuse_dangling(path, real)
    if not real.parent.is_dir():
        # filelock would create the missing folders; a mistyped --ledger must not.
        raise _error(path, None, f"folder {real.parent} does not exist", "create it or fix --ledger")
    if not real.exists():
        # A ledger not started yet: what would refuse the append is decided on it empty before
        # the lock, whose file a refusal must not leave behind. It is decided again under the
        # lock, where another append may have started the ledger in between.
        view = read_view(path, b"", targets)
        trial = list(batch)  # validate may mark entries: those of the append are marked under the lock
        problems = correction_problems(view, trial) if corrections else []
        if not problems and validate is not None:
            problems = validate(view, trial)
        if problems:
            raise AppendRefused(problems)
    try:
        with ledger_lock(path):
            created = not real.exists()
            fd = os.open(real, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o666)  # the umask decides
            try:
                size = os.fstat(fd).st_size
                existing = os.pread(fd, size, 0) if size else b""
                last = _check_last(path, existing, check)
                view = read_view(path, existing, targets)
                if retry:
                    done = _retried(view, batch)
                    if done is not None:
                        return done
                else:
                    batch = _fresh_ids(view.ids, batch, columns[_ID])
                problems = correction_problems(view, batch) if corrections else []
                if not problems and validate is not None:
                    problems = validate(view, batch)
                if problems:
                    raise AppendRefused(problems)
                # The columns are the batch's fields still unless a fresh id or validate replaced an entry.
                fields = columns if len(batch) == len(taken_apart) and all(map(is_, batch, taken_apart)) else None
                if len(batch) > 1:
                    batch[0] = batch[0]._replace(batch=len(batch), restored=restored)
                header = b"" if size else HEADER.encode("utf-8")  # joined with the blocks, not copied onto them
                previous = _head(path, existing, last)
                done, block = chained_bytes(previous, batch, header=header, chained=digests, columns=fields)
                if digests:
                    batch = done
                if size:
                    # A ledger kept in git with core.autocrlf: appends keep its line ends, so the
                    # file does not mix them (a value never holds a raw line break).
                    end = line_end(existing)
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


def _head(path: Path, existing: bytes, last: Entry | None) -> str:
    """The digest an append chains after: the last entry's; after entries written before
    digests, the digest they would have had (:func:`~ledger.chain.head_of`), so that the first
    digest covers them and nothing can be put before it unseen. Reading the whole file for that
    happens once, on the first append to such a ledger."""
    if last is None:
        return ""
    if last.digest is not None:
        return last.digest
    from .chain import head_of
    from .ledger_reader import parse_entries

    return head_of(parse_entries(path, existing, whole=False))


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


# A field's place in an Entry, and so its column in ``zip(*batch)``.
_ID, _TARGET, _CORRECTS, _BATCH, _DIGEST = map(Entry._fields.index, ("id", "target", "corrects", "batch", "digest"))


def _fresh_ids(taken: Set[str], batch: list[Entry], ids: Sequence[str] | None = None) -> list[Entry]:
    """``batch`` with each id that is in ``taken`` (or earlier in the batch) replaced by a fresh
    one, and the ``corrects`` of later entries of the batch that named it renamed with it.
    ``ids``: the batch's ids in order, when the caller has taken them out already."""
    # Most appends (an import's 20,000 fresh ids) clash with nothing: told by one set operation,
    # and ``batch`` is returned as it is.
    if ids is None:
        ids = [e.id for e in batch]
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

        if not self.file.parent.is_dir():  # filelock would create it: a mistyped --ledger must not
            raise _error(self.path, None, f"folder {self.file.parent} does not exist", "create it or fix --ledger")
        try:
            self.lock.acquire()
        except Timeout:
            raise _error(
                self.path, None, f"another tracker has held the ledger lock for {LOCK_TIMEOUT} s", "try again"
            ) from None
        except PermissionError:
            raise LedgerError(self._unwritable()) from None
        except OSError as e:
            if self.file.is_symlink():  # refused rather than followed: it could point anywhere
                raise _error(
                    self.file,
                    None,
                    "cannot take the ledger's lock: it is a symbolic link, which tracker does not follow; "
                    "nothing was written",
                    f"delete it (`rm {self.file}`): it holds no data, and the next command makes it anew",
                ) from None
            if self.file.is_dir():  # made by hand or by a mistyped command; a lock is a file
                raise _error(
                    self.file,
                    None,
                    "cannot take the ledger's lock: it is a folder; nothing was written",
                    f"delete it (`rmdir {self.file}`, once anything in it is moved out): the lock is a file that "
                    "holds no data, and the next command makes it anew",
                ) from None
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
    # Nothing to repair is told without the lock, whose file would otherwise be created (beside
    # a ledger that is not there) or could not be (a read-only file system); a torn end seen here
    # is judged again under it, as an append may be writing it this moment.
    if load_ledger(real).torn is None:
        return None
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


class UpgradeDone(NamedTuple):
    """What :func:`upgrade` did: the backup holding the file as it was, how many digests it
    wrote anew, and how many of the file's comment lines it could not keep (they are in the backup)."""

    backup: Path
    digests: int
    comments_left_out: int


def upgrade(path: Path, now: datetime) -> UpgradeDone | None:
    """Give every entry of the ledger at ``path`` a digest (:mod:`ledger.chain`), chaining the
    ledger as it is now: the one command that upgrades a ledger written before digests, or
    re-chains one after a change known to be right (a merge of two branches in git).

    The ledger is rewritten whole under its lock (a temporary file beside it, synced, renamed
    over it), every entry's fields unchanged, in the file's line ends, with the comment lines
    between entries kept in place (:func:`~ledger.upgrade_text.upgraded_text`); the file as it
    was stays beside it as ``<ledger>.pre-upgrade-<time>``. Returns an :class:`UpgradeDone`, or
    ``None`` when the chain was whole already. Raises :class:`~ledger.errors.LedgerError` on a
    torn tail or an unreadable ledger, when it cannot be written, and when digests were deleted
    from it (an entry without one beside entries that have one, or restored from an export),
    which re-chaining would launder: the file is restored from a copy instead.
    """
    from .chain import chained

    real = path.resolve()
    # A chain already whole is told without the lock, as for repair; one to rewrite, under it.
    if not real.exists() or _whole(path, load_ledger(real).complete()):
        return None
    with ledger_lock(path):
        old = real.read_bytes()
        entries = _contents(real, old).complete()
        if _whole(path, entries):
            return None
        fresh = chained("", entries)
        changed = sum(a.digest != b.digest for a, b in zip(entries, fresh, strict=True))
        backup = real.with_name(f"{real.name}.pre-upgrade-{now:%Y%m%dT%H%M%S}")
        data, left_out = _upgraded(real, old, entries, fresh)
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
        return UpgradeDone(backup, changed, left_out)


def _upgraded(path: Path, old: bytes, entries: list[Entry], fresh: list[Entry]) -> tuple[bytes, int]:
    """The upgraded file's bytes and how many comment lines they leave out. The text that keeps
    comments is read back before it is used: should a line taken for a comment have belonged to
    a value (a multi-line string written by hand), the entries would differ, and the file is
    then written without the comments, every one of them counted as left out."""
    from .upgrade_text import comment_lines, upgraded_text

    try:
        data, left_out = upgraded_text(old, entries, fresh)
        if [e._replace(line=0) for e in parse_entries(path, data)] == [e._replace(line=0) for e in fresh]:
            return data, left_out
    except (ValueError, LedgerError):
        pass
    end = line_end(old)
    data = (HEADER + entry_blocks(fresh)).encode("utf-8").replace(b"\n", end)
    return data, max(0, comment_lines(old) - comment_lines(data))


def _whole(path: Path, entries: list[Entry]) -> bool:
    """Whether every entry has its digest and the chain verifies: nothing to upgrade. Raises
    :class:`~ledger.errors.LedgerError` naming the entry when digests were deleted
    (:attr:`ledger.chain.ChainReport.deleted`: an entry without one beside entries that have one,
    or restored): re-chaining would pin whatever was edited with them, and the file is restored
    from a copy instead."""
    from .chain import verify

    report = verify(entries)
    if report.deleted and (problem := report.problem(str(path))) is not None:
        raise LedgerError(problem._replace(message=problem.message + "; nothing was upgraded"))
    return report.broken is None and report.undigested == 0
