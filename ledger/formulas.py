"""The guard against spreadsheet formulas, and its inverse.

Text that Excel or LibreOffice would run as a formula gets a leading apostrophe, which
spreadsheets show as text, when tracker writes CSV or XLSX; ``tracker import`` takes exactly that
apostrophe off again, so an export reads back as it was.
"""

from __future__ import annotations

# What a spreadsheet reads as the start of a formula (=, +, -, @, tab, CR), and the apostrophe
# itself, so that text which already starts with one reads back unchanged.
_FORMULA = ("=", "+", "-", "@", "\t", "\r", "'")


def neutralise(text: str) -> str:
    """``text`` with a leading apostrophe if a spreadsheet would run it as a formula or it starts
    with an apostrophe; else unchanged. Numbers are never passed here: they stay numbers."""
    return "'" + text if text.startswith(_FORMULA) else text


def restore(text: str) -> str:
    """The inverse of :func:`neutralise`: ``restore(neutralise(t)) == t`` for every text ``t``.
    Text without the guard (an apostrophe before a formula start) is returned unchanged."""
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA) else text
