"""What a ``tracker`` run reads about its surroundings, gathered in one object built once per run.

The terminal (stdout's encoding, width, whether it is a terminal, ``NO_COLOR``), the language
(``--lang``, ``TRACKER_LANG``, the locale, and the English fallback where stdout cannot carry
Chinese), the clock and the login name: :class:`Environment` reads each of them in one place, so
``ledger/`` never does and a test can build one with other values (``CliRunner.invoke(app, args,
obj=Environment(...))``), as httpie's ``Environment`` lets its tests do.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from datetime import date, datetime
from functools import cached_property
from typing import Any, BinaryIO, TextIO, cast

LANG_VARIABLES = ("TRACKER_LANG", "LC_ALL", "LC_MESSAGES", "LANG")

# What --lang and TRACKER_LANG take, by the text before any region, script or encoding (zh_CN.UTF-8,
# zh-Hans-CN, en_US): ISO 639 codes, "cn" (a country, but what people type), and the languages' names.
_LANGUAGES = {
    **dict.fromkeys(("zh", "zho", "chi", "cn", "chinese", "中文", "汉语", "简体中文", "中"), "zh"),
    **dict.fromkeys(("en", "eng", "english", "英文", "英语"), "en"),
}
LANGUAGE_FORMS = "zh or en (zh_CN, zh-CN, zh_Hans, cn, chinese, 中文; en_US, english)"


def language(text: str) -> str | None:
    """``"zh"`` or ``"en"`` for a language as ``--lang`` or ``TRACKER_LANG`` gives it, or a locale
    (``zh``, ``ZH``, ``zh_CN``, ``zh-CN``, ``zh_Hans``, ``zh_CN.UTF-8``, ``cn``, ``Chinese``, ``中文``;
    ``en``, ``en_US``, ``English``); ``None`` for anything else (``fr``, ``C``, ``chn``)."""
    import re
    import unicodedata

    word = unicodedata.normalize("NFKC", text).strip().lower()
    first = re.split(r"[-_.@\s]", word, maxsplit=1)[0]
    return _LANGUAGES.get(first)


class OutputFailed(Exception):
    """stdout cannot be written (a full disk, stdout closed before the run, an I/O error): the
    run has failed, and :attr:`message` is the one line that says so."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.message = f"error: cannot write to standard output: {reason}"


class ReaderGone(Exception):
    """The program reading stdout closed the pipe (``| head -1``): it has read what it wanted."""


def output_failure(error: OSError) -> Exception:
    """What a failed write to stdout means: :class:`ReaderGone` for a pipe the reader closed,
    else :class:`OutputFailed` with the system's reason, as ``no space left on device``."""
    if isinstance(error, BrokenPipeError):
        return ReaderGone()
    reason = error.strerror or str(error) or type(error).__name__
    return OutputFailed(reason[:1].lower() + reason[1:])


class Stdout:
    """stdout as every command writes to it (Rich consoles included), its failures turned into
    :class:`OutputFailed` or :class:`ReaderGone` in this one place, so that :func:`cli.main`
    says them in one line (or, for a reader that went away, ends quietly) instead of a traceback.

    ``stream`` is ``None`` when the process was started with stdout closed (``>&-``): asked, it
    is not a terminal and speaks UTF-8, and the first write fails. Everything else is the
    stream's own.
    """

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        """Write ``text``; raises :class:`OutputFailed` or :class:`ReaderGone`."""
        if self._stream is None:
            raise OutputFailed("it was closed when tracker started; give it somewhere to go (> FILE, or > /dev/null)")
        return int(self._guarded(self._stream.write, text))

    def flush(self) -> None:
        """Flush; raises as :meth:`write` does."""
        if self._stream is not None:
            self._guarded(self._stream.flush)

    @staticmethod
    def _guarded(call: Callable[..., Any], *args: Any) -> Any:
        """``call(*args)``, a stream's failure turned into :class:`OutputFailed` or :class:`ReaderGone`."""
        try:
            return call(*args)
        except OSError as e:
            raise output_failure(e) from None
        except ValueError:  # a stream closed in this process
            raise OutputFailed("it is closed") from None

    def isatty(self) -> bool:
        """Whether stdout is a terminal (a closed one is not)."""
        return self._stream is not None and self._stream.isatty()

    @property
    def encoding(self) -> str | None:
        """The stream's encoding; UTF-8 for a closed stdout, which writes nothing anyway."""
        return "utf-8" if self._stream is None else getattr(self._stream, "encoding", None)

    def fileno(self) -> int:
        """The stream's file descriptor; :class:`OSError` for a closed stdout."""
        if self._stream is None:
            raise OSError("stdout is closed")
        return self._stream.fileno()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _system_login() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers and services
        return "unknown"


def _system_clock(timezone: str | None) -> datetime:
    if timezone:
        from ledger.dates import zone

        return datetime.now(zone(timezone))
    return datetime.now().astimezone()


class Environment:
    """The streams, variables, clock and login name of one run.

    A stream left ``None`` is the process's own (``sys.stdout`` …) as it is when first used, so
    an Environment built before ``CliRunner.invoke`` writes to the runner's streams. ``environ``
    is a snapshot of the process environment unless given; ``clock(timezone)`` gives the time now
    with its UTC offset in an IANA ``timezone`` (``None``: the machine's); ``login`` is called
    once, when a command first needs the login name.

    A plain class, not a dataclass: every run builds one, and a dataclass compiles its methods
    when this module is imported (start-up, see docs/architecture.md).
    """

    def __init__(
        self,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        stdin: BinaryIO | None = None,
        environ: Mapping[str, str] | None = None,
        clock: Callable[[str | None], datetime] = _system_clock,
        login: Callable[[], str] = _system_login,
    ) -> None:
        self.stdout, self.stderr, self.stdin = stdout, stderr, stdin
        self.environ: Mapping[str, str] = dict(os.environ) if environ is None else environ
        self.clock, self.login = clock, login

    @property
    def out(self) -> TextIO:
        """Where data goes: stdout, guarded (:class:`Stdout`) so that a write that fails raises
        :class:`OutputFailed` or :class:`ReaderGone` wherever in the run it happens."""
        return cast("TextIO", Stdout(self.stdout if self.stdout is not None else sys.stdout))

    @property
    def err(self) -> TextIO:
        """Where messages go: stderr."""
        return self.stderr or sys.stderr

    @property
    def input(self) -> BinaryIO | None:
        """stdin's bytes, for ``tracker import -``; ``None`` when the process was started with
        standard input closed (``<&-``, a daemon), which Python gives as ``sys.stdin is None``."""
        if self.stdin is not None:
            return self.stdin
        return sys.stdin.buffer if sys.stdin is not None else None

    @cached_property
    def stdout_isatty(self) -> bool:
        """Whether stdout is a terminal (colour, the terminal's width)."""
        return self.out.isatty()

    @cached_property
    def stderr_isatty(self) -> bool:
        """Whether stderr is a terminal: success notes and progress bars are shown only there."""
        return self.err.isatty()

    @cached_property
    def encoding(self) -> str:
        """stdout's encoding ("utf-8" when the stream does not say)."""
        return getattr(self.out, "encoding", None) or "utf-8"

    @cached_property
    def unicode(self) -> bool:
        """Whether stdout's encoding is a UTF: block characters and Chinese can be written."""
        encoding = (getattr(self.out, "encoding", None) or "").lower().replace("-", "")
        return encoding.startswith("utf")

    def can_encode(self, text: str) -> bool:
        """Whether stdout's encoding can carry ``text``."""
        try:
            text.encode(self.encoding)
            return True
        except (UnicodeEncodeError, LookupError):
            return False

    @cached_property
    def width(self) -> int:
        """Columns for tables: ``COLUMNS`` (20–1000), else the terminal's, else 80 (cron mail, pipes)."""
        columns = self.environ.get("COLUMNS", "").strip()
        if columns.isdigit() and 20 <= int(columns) <= 1000:
            return int(columns)
        if self.stdout_isatty:
            try:
                return os.get_terminal_size(self.out.fileno()).columns or 80
            except OSError:
                return 80
        return 80

    @cached_property
    def color(self) -> bool:
        """Colour only on a terminal, and never with ``NO_COLOR`` set and not empty (no-color.org)."""
        return self.stdout_isatty and not self.environ.get("NO_COLOR")

    def lang(self, given: str | None, to_file: bool = False) -> str:
        """ "zh" or "en": ``given`` (--lang, read by :func:`language`), else ``TRACKER_LANG``, else
        the locale (each read by :func:`language`: Chinese or English, anything else English; a
        ``TRACKER_LANG`` that is neither is noted on stderr, once); and English where stdout cannot encode Chinese at all
        (``PYTHONIOENCODING=ascii``) unless the output goes to a file, which is always UTF-8."""
        if given is not None:
            chosen = given
        else:
            chosen = self._locale_lang
            if (note := self.lang_note()) is not None and not self._lang_noted:
                self._lang_noted = True
                self.error(note)
        if chosen == "zh" and not to_file and not self.can_encode("中文"):
            return "en"
        return chosen

    @cached_property
    def _locale_lang(self) -> str:
        for var in LANG_VARIABLES:
            value = self.environ.get(var, "").strip()
            if (found := language(value)) is not None:
                return found
            if value and var == "TRACKER_LANG":
                # A typo in a cron file would mail English reports with nobody told: said once, then the locale decides.
                self._unknown_lang = value
            elif value:
                break  # a locale that is set and not Chinese or English means English
        return "en"

    _unknown_lang: str | None = None
    _lang_noted = False

    def lang_note(self) -> str | None:
        """The note for a ``TRACKER_LANG`` that names no language tracker writes (``fr``,
        ``chn``), once the language has been asked for; ``None`` when there is none to give."""
        if self._unknown_lang is None:
            return None
        return (
            f"note: TRACKER_LANG={self._unknown_lang!r} is not a language tracker writes: use {LANGUAGE_FORMS}; "
            f"went by the locale instead ({self._locale_lang})"
        )

    def now(self, timezone: str | None) -> datetime:
        """The time now, to the second, with its UTC offset, in ``timezone`` (the plan's)."""
        return self.clock(timezone).replace(microsecond=0)

    def today(self, timezone: str | None) -> date:
        """Today's date in ``timezone`` (the plan's)."""
        return self.now(timezone).date()

    @cached_property
    def user(self) -> str:
        """The login name, for an entry's ``by`` when ``--by`` is not given."""
        return self.login()

    def console(self) -> Any:
        """A Rich console on stdout: colour only where :attr:`color`; :attr:`width` columns."""
        from rich.console import Console

        return Console(
            file=self.out,
            force_terminal=self.stdout_isatty,
            color_system="auto" if self.color else None,  # None: no styling at all, bold included
            width=self.width,
            highlight=False,
            emoji=False,
            markup=False,
        )

    def write(self, text: str) -> None:
        """Data on stdout, flushed."""
        self.out.write(text)
        self.out.flush()

    def confirm(self, text: str) -> None:
        """Data on stdout that confirms a change already made (``recorded ID: …``, what an import
        wrote). The change stands whether or not stdout takes it, and a failed exit would have a
        script make it again (a figure counted twice): so where stdout cannot be written, the
        text goes to stderr after a warning saying why, and the run goes on to succeed; a reader
        that closed the pipe wanted no more of it."""
        try:
            self.write(text)
        except ReaderGone:
            pass
        except OutputFailed as e:
            self.error(f"warning: {e.message.removeprefix('error: ')}; this was done all the same:")
            self.err.write(text)
            self.err.flush()

    def error(self, message: str) -> None:
        """One line on stderr."""
        self.err.write(message + "\n")
        self.err.flush()

    def done(self, message: str) -> None:
        """A success note for a person at a terminal; cron mails only what goes wrong."""
        if self.stderr_isatty:
            self.error(message)


# Typographic punctuation the tables and messages use, as ASCII writes it: an English table on
# an ASCII stream reads "Six Actions - as of", not "Six Actions ? as of".
_ASCII_LOOKALIKES = str.maketrans(
    {
        "—": "-",
        "–": "-",
        "−": "-",
        "·": ".",
        "…": "...",
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "×": "x",
        "≥": ">=",
        "≤": "<=",
        # Full-width punctuation, as Chinese text writes it around names and figures.
        "：": ":",
        "，": ",",
        "（": "(",
        "）": ")",
        "；": ";",
        "％": "%",
        "　": " ",
    }
)


# How many characters stdout has printed as ``?`` (see unshown_note).
_unshown = [0]


def lookalike_or_replace(error: UnicodeError) -> tuple[str, int]:
    """The codec error handler of :func:`degrade_streams` for stdout: an ASCII look-alike for
    typographic punctuation, ``?`` for anything else (Chinese, which English output does not hold),
    counted for :func:`unshown_note`."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start : error.end]
    shown = "".join(str(_ASCII_LOOKALIKES.get(ord(c), "?")) for c in bad)
    _unshown[0] += sum(1 for c in bad if ord(c) not in _ASCII_LOOKALIKES)
    return shown, error.end


def unshown_note() -> str | None:
    """The note for stderr when stdout printed characters as ``?`` (a name, a note, or a unit such
    as 亿元, whose loss would hide a figure's size): how many, and how to see them; ``None`` when
    none was."""
    count = _unshown[0]
    if not count:
        return None
    encoding = getattr(sys.stdout, "encoding", None) or "this"
    return (
        f"note: stdout's encoding ({encoding}) cannot show {count} character{'s' if count > 1 else ''} "
        "(Chinese names, notes or units), printed as ?; set a UTF-8 locale (LANG=C.UTF-8) or "
        "PYTHONIOENCODING=utf-8 to see them, or use --format json"
    )


def _lookalike_or_escape(error: UnicodeError) -> tuple[str, int]:
    """The codec error handler of :func:`degrade_streams` for stderr: an ASCII look-alike for
    typographic punctuation, a ``\\uXXXX`` escape for anything else. An error names what it
    could not read (a header, a target's name): an escape can still be looked up, ``?`` cannot."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(str(_ASCII_LOOKALIKES.get(ord(c), _escape(c))) for c in bad), error.end


def _escape(c: str) -> str:
    """``c`` as Python's ``backslashreplace`` writes it."""
    code = ord(c)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def fill_closed_streams() -> None:
    """Give a standard descriptor (0, 1, 2) that the process was started without (``>&-``)
    /dev/null, as daemons do: else the first file opened (the ledger's lock, the ledger) would
    take its number, and whatever wrote to that stream would write into it. ``sys.stdout`` stays
    ``None``, so a command that has data to write still fails in one line (:class:`Stdout`); a
    closed stderr gets a stand-in that drops messages (the exit status still tells)."""
    while (fd := os.open(os.devnull, os.O_RDWR)) <= 2:
        pass
    os.close(fd)
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (open for the whole run)


# The codec error handlers' names (see register_lookalikes): stdout's, counted for unshown_note, and stderr's.
LOOKALIKE = "tracker-lookalike"
LOOKALIKE_ESCAPE = "tracker-lookalike-escape"


def register_lookalikes() -> None:
    """Register the codec error handlers :data:`LOOKALIKE` (:func:`lookalike_or_replace`, for
    stdout) and :data:`LOOKALIKE_ESCAPE` (``\\uXXXX`` escapes, for stderr). Registering again
    replaces them with themselves."""
    import codecs

    codecs.register_error(LOOKALIKE, lookalike_or_replace)
    codecs.register_error(LOOKALIKE_ESCAPE, _lookalike_or_escape)


def degrade_streams() -> None:
    """On a stream that cannot encode Chinese (PYTHONIOENCODING=ascii, a GBK console meeting
    other scripts), show look-alikes or replacement characters instead of dying with a traceback."""
    register_lookalikes()
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and not (stream.encoding or "").lower().replace("-", "").startswith("utf"):
            stream.reconfigure(errors=LOOKALIKE if stream is sys.stdout else LOOKALIKE_ESCAPE)
