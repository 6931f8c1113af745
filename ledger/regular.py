"""Reading the plan, the ledger and a mapping only from regular files.

A path naming a device (``/dev/zero`` never ends), a named pipe (FIFO: opening it waits for a
writer that may never come) or a socket is a typo in ``--ledger``, ``TRACKER_LEDGER`` or
``--targets``, never a ledger: it is refused before a byte is read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class NotRegularFile(OSError):
    """The path exists and is a device, named pipe or socket; ``kind`` says which in words
    ("a character device"), ready for a message."""

    def __init__(self, path: Path | str, kind: str) -> None:
        super().__init__(errno.EINVAL, f"is {kind}, not a regular file", str(path))
        self.kind = kind


def kind_of(mode: int) -> str | None:
    """What a file of ``st_mode`` ``mode`` is in words when it is neither a regular file nor a
    folder ("a named pipe (FIFO)", "a character device", "a block device", "a socket"), else
    ``None``."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"  # pragma: no cover - S_IFDOOR and the like on other systems


def read_regular(path: Path | str) -> bytes:
    """The whole contents of the regular file at ``path`` (symbolic links followed).

    Raises ``FileNotFoundError`` when it is missing, ``IsADirectoryError`` for a folder,
    :class:`NotRegularFile` for a device, named pipe or socket (without waiting for a pipe's
    writer or reading from the device), and ``OSError`` when it cannot be read.
    """
    # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer; on a regular file
    # it changes nothing. The type is read from the open descriptor, so a file swapped for a
    # device between a check and the read is still caught.
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        refuse_special(path)  # a socket cannot be opened at all (ENXIO): say what it is
        raise
    with open(fd, "rb") as f:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
        kind = kind_of(mode)
        if kind is not None:
            raise NotRegularFile(path, kind)
        return f.read()


def refuse_special(path: Path | str) -> None:
    """Raise :class:`NotRegularFile` when ``path`` exists and is a device, named pipe or socket
    (before writing to it, or taking a lock beside it); nothing for a missing path, a folder or a
    regular file."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    kind = kind_of(mode)
    if kind is not None:
        raise NotRegularFile(path, kind)
