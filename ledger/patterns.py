"""Regular expressions compiled on first use rather than at import.

Why: ``re`` compiles a pattern with CJK character classes or alternatives slowly (it builds a
map of the classes over the whole Basic Multilingual Plane): the sheet reader's note-row and
list-number patterns took about 5 ms each to compile, at the start of every import, though
most sheets never reach them. The sheet's words (``header_words``), dates, title lines and XML
scanner hold some seventy patterns: compiled at import they were about a twentieth of an import
of 20,000 rows (some 0.13 G instructions), though a usual sheet uses a few of them, once each. A
:class:`LazyPattern` stands where the compiled pattern stood, so its uses
(``_NOTE_ROW.match(text)``) read as before.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from functools import cached_property
from typing import Any, AnyStr, Generic

# The methods a compiled pattern puts in a LazyPattern's place once it exists (see compiled).
_METHODS = ("match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer")


class LazyPattern(Generic[AnyStr]):
    """A ``re`` pattern (``str`` or ``bytes``, with ``flags``) compiled when first used, then
    kept. Its methods take the arguments of :class:`re.Pattern`'s; once compiled, they are the
    compiled pattern's own bound methods, so a pattern used in a loop costs what ``re``'s does."""

    def __init__(self, pattern: AnyStr, flags: int = 0) -> None:
        self.pattern: AnyStr = pattern
        self.flags = flags

    @cached_property
    def compiled(self) -> re.Pattern[AnyStr]:
        """The compiled pattern (compiled once, on first use)."""
        compiled = re.compile(self.pattern, self.flags)
        # The instance's own attributes come before the class's methods: later calls go to re.
        vars(self).update({name: getattr(compiled, name) for name in _METHODS})
        return compiled

    def match(self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[AnyStr] | None:
        """As :meth:`re.Pattern.match`."""
        return self.compiled.match(string, pos, endpos)

    def fullmatch(self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[AnyStr] | None:
        """As :meth:`re.Pattern.fullmatch`."""
        return self.compiled.fullmatch(string, pos, endpos)

    def search(self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[AnyStr] | None:
        """As :meth:`re.Pattern.search`."""
        return self.compiled.search(string, pos, endpos)

    def sub(self, repl: AnyStr | Callable[[re.Match[AnyStr]], AnyStr], string: AnyStr, count: int = 0) -> AnyStr:
        """As :meth:`re.Pattern.sub`."""
        return self.compiled.sub(repl, string, count)

    def subn(
        self, repl: AnyStr | Callable[[re.Match[AnyStr]], AnyStr], string: AnyStr, count: int = 0
    ) -> tuple[AnyStr, int]:
        """As :meth:`re.Pattern.subn`."""
        return self.compiled.subn(repl, string, count)

    def split(self, string: AnyStr, maxsplit: int = 0) -> list[AnyStr | Any]:
        """As :meth:`re.Pattern.split`."""
        return self.compiled.split(string, maxsplit)

    def findall(self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        """As :meth:`re.Pattern.findall`."""
        return self.compiled.findall(string, pos, endpos)

    def finditer(self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[AnyStr]]:
        """As :meth:`re.Pattern.finditer`."""
        return self.compiled.finditer(string, pos, endpos)
