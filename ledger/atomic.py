"""Writing an output file whole or not at all: a temporary file in the same folder, synced,
then renamed over the target, so cron never leaves a half-written report for someone to mail."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import TrackerError


def write_atomic(path: Path, text: str, *, bom: bool = False) -> None:
    """Write ``text`` as UTF-8 (with a byte-order mark if ``bom``): see :func:`write_atomic_bytes`."""
    write_atomic_bytes(path, text.encode("utf-8-sig" if bom else "utf-8"))


def write_atomic_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically.

    The temporary file lives beside ``path`` so the rename cannot cross file systems; on any
    failure it is removed and ``path`` is untouched. An existing file keeps its permissions, and a
    symbolic link keeps pointing where it did. Raises :class:`~ledger.errors.TrackerError`
    with one line naming the file.
    """
    if path.is_symlink():
        path = path.resolve()  # replace what the link points at; the link stays a link
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o644  # a private report stays private
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise TrackerError(f"{path}: folder {folder} does not exist; create it or fix --output")
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as e:
        raise TrackerError(f"{path}: cannot write: {e.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except OSError as e:
        Path(temp).unlink(missing_ok=True)
        raise TrackerError(f"{path}: cannot write: {e.strerror}; the file was left as it was") from None
