"""Where an import's bytes come from: a file, or standard input for ``-``; a device, a FIFO or a
folder is refused by name.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from .errors import Problem, TrackerError
from .regular import NotRegularFile, refuse_special
from .sheets import Source


def read_source(file: str, stdin: BinaryIO | None) -> Source:
    """The sheet named ``file``, or ``stdin`` when it is ``-``, opened and its first bytes read
    (:class:`~ledger.sheets.Source`: the rest is read as it is parsed, so that a huge file is
    refused at a limit without being read whole). Close it, or use it in ``with``.

    Raises :class:`~ledger.errors.TrackerError` naming the file when it is missing, unreadable or
    empty, and for ``-`` when ``stdin`` is ``None`` (the process was started with it closed).
    """
    from .sheets import Source

    if file == "-":
        if stdin is None:
            fix = "give the sheet as a FILE, or pipe it in (tracker import - < sheet.csv)"
            raise TrackerError(Problem("standard input is closed", file="<stdin>", fix=fix))
        source = Source("<stdin>", stdin)
    else:
        try:
            _no_device(file)
            stream = Path(file).open("rb")  # noqa: SIM115  # the Source owns it: read as it is parsed
        except FileNotFoundError:
            raise TrackerError(Problem("no such file", file=file)) from None
        except IsADirectoryError:
            fix = "name one file in it (CSV, XLSX, XLS, JSON Lines or TOML)"
            raise TrackerError(Problem("is a folder, not a file", file=file, fix=fix)) from None
        except NotRegularFile as e:
            fix = "name the sheet's file, or give - and pipe it in"
            raise TrackerError(Problem(f"is {e.kind}, not a sheet", file=file, fix=fix)) from None
        except OSError as e:
            raise TrackerError(Problem(f"cannot read: {e.strerror}", file=file)) from None
        try:
            source = Source(file, stream, owned=True)
        except IsADirectoryError:  # some systems open a folder and refuse to read it
            stream.close()
            fix = "name one file in it (CSV, XLSX, XLS, JSON Lines or TOML)"
            raise TrackerError(Problem("is a folder, not a file", file=file, fix=fix)) from None
        except OSError as e:
            stream.close()
            raise TrackerError(Problem(f"cannot read: {e.strerror}", file=file)) from None
    if source.complete and not source.head.strip():
        source.close()
        raise TrackerError(Problem("the input is empty", file=source_name(file)))
    return source


def _no_device(file: str) -> None:
    """Raise :class:`~ledger.regular.NotRegularFile` for a device (``/dev/zero`` never ends) or a
    socket, before it is opened; a named pipe or ``<(…)`` in the shell is a stream someone writes
    the sheet into, read as ``-`` is."""
    import os
    import stat

    try:
        if stat.S_ISFIFO(os.stat(file).st_mode):
            return
    except OSError:
        return  # opening it says what is wrong
    refuse_special(file)


def source_name(file: str) -> str:
    """How messages name the sheet: its file name, or ``<stdin>`` for ``-``."""
    return "<stdin>" if file == "-" else file
