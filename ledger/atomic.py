"""Writing an output file whole or not at all: a temporary file in the same folder, synced,
then renamed over the target, so cron never leaves a half-written report for someone to mail.

Run as root by cron in a folder others can write, an output path is a place an attacker can
plant a symbolic link; so a link owned by another user, or one that points nowhere, is refused,
and permissions are copied only from a file the caller owns, and only the permission bits.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import TrackerError
from .regular import kind_of


def write_atomic(path: Path, text: str, *, bom: bool = False) -> None:
    """Write ``text`` as UTF-8 (with a byte-order mark if ``bom``): see :func:`write_atomic_bytes`."""
    write_atomic_bytes(path, text.encode("utf-8-sig" if bom else "utf-8"))


def new_file_mode() -> int:
    """The permissions a new file gets under the process's umask (0o666 & ~umask): 0o664 for a
    group that shares a folder with umask 002, 0o600 with umask 077."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def refuse_device(path: Path) -> None:
    """Raise :class:`~ledger.errors.TrackerError` (one line naming ``path``) when ``path``, or
    what a link there points at, is a device, pipe or socket: checked before anything else about
    an output (its format from its extension), so that ``-o /dev/null`` is told what is wrong."""
    try:
        st = path.stat()
    except OSError:
        return
    if kind_of(st.st_mode) is not None:
        raise _not_regular(path)


def _not_regular(path: Path) -> TrackerError:
    # A device or a pipe (`-o /dev/null`, `-o /dev/stdout` on a terminal) would be replaced by the
    # rename, and as root that removes /dev/null for every program on the machine.
    return TrackerError(f"{path}: is not a regular file (a device, pipe or socket); give a file name to write")


def write_atomic_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically.

    The temporary file lives beside ``path`` so the rename cannot cross file systems; on any
    failure it is removed and ``path`` is untouched. A symbolic link that the caller owns and
    that points at a file keeps pointing there (the file is replaced); a link owned by another
    user, or a dangling one, is refused. An existing file the caller owns keeps its permission
    bits (never setuid, setgid or sticky); anything else gets :func:`new_file_mode`. A device,
    pipe or socket at ``path`` is refused, never replaced. Raises
    :class:`~ledger.errors.TrackerError` with one line naming the file.
    """
    if path.is_symlink():
        path = _through_link(path)
    mode = new_file_mode()
    try:
        st = path.stat()
    except OSError:
        pass
    else:
        if kind_of(st.st_mode) is not None:
            raise _not_regular(path)
        if st.st_uid == os.geteuid() and stat.S_ISREG(st.st_mode):
            mode = stat.S_IMODE(st.st_mode) & 0o777  # a private report stays private
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise TrackerError(f"{path}: folder {folder} does not exist; create it or fix --output")
    try:
        temp = synced_temp(folder, path.name, data, mode)
    except OSError as e:
        raise TrackerError(f"{path}: cannot write: {e.strerror}") from None
    try:
        os.replace(temp, path)  # replaces whatever is at `path` then, a link included, never through it
    except OSError as e:
        temp.unlink(missing_ok=True)
        raise TrackerError(f"{path}: cannot write: {e.strerror}; the file was left as it was") from None


def synced_temp(folder: Path, name: str, data: bytes, mode: int) -> Path:
    """A temporary file ``.NAME.*.tmp`` in ``folder`` holding ``data`` with permissions ``mode``,
    synced to disk, ready to be renamed over ``NAME``. Raises ``OSError`` (and leaves nothing)."""
    fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fchmod(f.fileno(), mode)
            os.fsync(f.fileno())
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return Path(temp)


def _through_link(path: Path) -> Path:
    """The file a symbolic link at ``path`` points at, if writing through it is safe."""
    link = path.lstat()
    if link.st_uid != os.geteuid():
        raise TrackerError(
            f"{path}: is a symbolic link owned by {_user(link.st_uid)}, not by you; refusing to write through it "
            "(someone may have planted it); remove it, or write the output in a folder only you can write"
        )
    real = path.resolve()
    if not real.exists():
        raise TrackerError(
            f"{path}: is a symbolic link to {real}, which does not exist; refusing to create a file through it; "
            "remove the link or point it at an existing file"
        )
    return real


def _user(uid: int) -> str:
    import pwd

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"
