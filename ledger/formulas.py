"""The guard against a spreadsheet misreading text, and its inverse.

Text that Excel or LibreOffice would run as a formula, and text that a sheet reader takes for a
"no figure" mark (``/``, ``—``, ``#N/A``), gets a leading apostrophe, which spreadsheets show as
text, when tracker writes CSV or XLSX; ``tracker import`` takes exactly that apostrophe off again,
so an export reads back as it was (a note that is just ``/`` stays ``/``).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Marks a sheet uses for "no figure" (statistical tables: — none, / not applicable, … withheld),
# compared after NFKC and lower-casing.
NO_FIGURE = frozenset({"-", "--", "—", "——", "–", "/", "...", "......", "#n/a", "n/a", "#value!", "#div/0!"})


@lru_cache(maxsize=8192)  # asked of every cell of an import, and a sheet repeats its texts
def is_no_figure(text: str) -> bool:
    """Whether ``text`` is a "no figure" mark (``—``, ``/``, ``#N/A``), full width or not."""
    return len(text) <= 8 and unicodedata.normalize("NFKC", text).strip().lower() in NO_FIGURE


# What a spreadsheet reads as the start of a formula (=, +, -, @, tab, CR), and the apostrophe
# itself, so that text which already starts with one reads back unchanged.
_FORMULA = ("=", "+", "-", "@", "\t", "\r", "'")


def neutralise(text: str) -> str:
    """``text`` with a leading apostrophe if a spreadsheet would run it as a formula, a sheet
    reader would take it for a "no figure" mark, or it starts with an apostrophe; else unchanged. Numbers are never passed here: they stay numbers."""
    return "'" + text if text.startswith(_FORMULA) or is_no_figure(text) else text


def restore(text: str) -> str:
    """The inverse of :func:`neutralise`: ``restore(neutralise(t)) == t`` for every text ``t``.
    Text without the guard (an apostrophe before a formula start) is returned unchanged."""
    guarded = text.startswith("'") and (text[1:].startswith(_FORMULA) or is_no_figure(text[1:]))
    return text[1:] if guarded else text
