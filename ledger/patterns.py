"""Regular expressions compiled on first use rather than at import.

Why: ``re`` compiles a pattern with CJK character classes or alternatives slowly (it builds a
map of the classes over the whole Basic Multilingual Plane): the sheet reader's note-row and
list-number patterns took about 5 ms each to compile, at the start of every import, though
most sheets never reach them. A :class:`LazyPattern` stands where the compiled pattern stood,
so its uses (``_NOTE_ROW.match(text)``) read as before.
"""

from __future__ import annotations

import re
from functools import cached_property


class LazyPattern:
    """A ``re`` pattern (``str``, no flags) compiled when first used, then kept."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled once, on first use)."""
        return re.compile(self.pattern)

    def match(self, string: str) -> re.Match[str] | None:
        """As :meth:`re.Pattern.match`."""
        return self.compiled.match(string)

    def search(self, string: str) -> re.Match[str] | None:
        """As :meth:`re.Pattern.search`."""
        return self.compiled.search(string)
