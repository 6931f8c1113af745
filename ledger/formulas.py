"""The guard against a spreadsheet misreading text, and its inverse.

Text that Excel or LibreOffice would run as a formula, and text that a sheet reader takes for a
"no figure" mark (``/``, ``—``, ``#N/A``), gets a leading apostrophe, which spreadsheets show as
text, when tracker writes CSV or XLSX; ``tracker import`` takes exactly that apostrophe off again,
so an export reads back as it was (a note that is just ``/`` stays ``/``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .patterns import LazyPattern

# Marks a sheet uses for "no figure" (statistical tables: — none, / not applicable, … withheld),
# compared after NFKC and lower-casing.
# Excel's error values (a formula that could not be computed: an .xlsx cell t="e", an .xls error
# cell, or the text a CSV saved from one holds), lower-cased. Each is no figure, alike: #N/A is the
# sheet's own "not available" (DESIGN.md), #DIV/0! a growth over a base of 0, and #REF!, #NAME?
# … a formula broken upstream; none is a number, and none is a footnote mark (# is one only after
# a figure). A row holding one is passed over with a note naming the cell and the error.
EXCEL_ERRORS = frozenset(
    {"#null!", "#div/0!", "#value!", "#ref!", "#name?", "#num!", "#n/a", "#getting_data", "#spill!", "#calc!"}
    | {"#field!", "#blocked!", "#connect!", "#busy!", "#unknown!", "#python!", "#external!"}
)
NO_FIGURE = frozenset({"-", "--", "—", "——", "–", "/", "...", "......", "n/a"} | EXCEL_ERRORS)


@lru_cache(maxsize=8192)  # asked of every cell of an import, and a sheet repeats its texts
def is_no_figure(text: str) -> bool:
    """Whether ``text`` is a "no figure" mark (``—``, ``/``, ``#N/A``, any Excel error value such
    as ``#REF!``), full width or not."""
    return len(text) <= 14 and unicodedata.normalize("NFKC", text).strip().lower() in NO_FIGURE


def excel_error(value: object) -> str | None:
    """The Excel error value a cell holds (``'#REF!'``, as Excel writes it), or ``None``."""
    if not isinstance(value, str) or len(value) > 14 or ("#" not in value and "＃" not in value):
        return None
    said = unicodedata.normalize("NFKC", value).strip()
    return said.upper() if said.lower() in EXCEL_ERRORS else None


def errors_said(cells: object, row: int) -> str:
    """The Excel error values among a row's ``cells`` (a workbook's ``{column number: value}`` or a
    CSV record's list), said for a note on row ``row``: ``"; C5 holds the Excel error #REF!, a
    formula that could not be computed"``, or ``""`` when none holds one (or the cells are keyed by
    label, as a ledger file's are)."""
    from .sheets import column_letter

    numbered = enumerate(cells, 1) if isinstance(cells, list) else cells.items() if isinstance(cells, dict) else ()
    found = [
        f"{column_letter(c)}{row} holds the Excel error {e}"
        for c, v in numbered
        if isinstance(c, int) and (e := excel_error(v))
    ]
    return f"; {', '.join(found)}, a formula that could not be computed" if found else ""


# What a spreadsheet reads as the start of a formula (=, +, -, @, tab, CR), and the apostrophe
# itself, so that text which already starts with one reads back unchanged.
_FORMULA = ("=", "+", "-", "@", "\t", "\r", "'")


def neutralise(text: str) -> str:
    """``text`` with a leading apostrophe if a spreadsheet would run it as a formula, a sheet
    reader would take it for a "no figure" mark, or it starts with an apostrophe; else unchanged. Numbers are never passed here: they stay numbers."""
    return "'" + text if text.startswith(_FORMULA) or is_no_figure(text) else text


# Text that Excel (and WPS, LibreOffice) turns into a number, a date or a time when it opens a
# CSV, so the cell no longer says what was written: 1/3 becomes 3 January, 3-1 the 1st of March,
# 1234e56789 1.23E+59, 00123 the number 123, 12:30 a time, 1月3日 a date on a Chinese Windows.
# Deliberately wide (any run of digits and the marks numbers, dates and times are written with,
# an English month name, Chinese 月 or 月日 with digits): a false alarm costs an apostrophe in
# a text cell, a miss a wrong value in the meeting's spreadsheet. Compiled on first use: only
# writing a CSV asks, and compiling it was about 1.5 ms of every import's start-up.
_NUMBER_OR_DATE = LazyPattern(
    r"""[\s$¥€£(+-]*\d[\d\s.,:/%()$¥€£-]*(?:[eE][+-]?\d+[\s%)]*)?   # 1/3, 00123, 1,200, 12:30, 1234e56789
    | (?:\d{1,4}[\s./-]*)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:[\s,./-]*\d{1,4})*  # 1-Jan, Mar 2025
    | (?:\d{1,4}\s*年\s*)?\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?                        # 2025年1月, 1月3日
    """,
    re.VERBOSE | re.IGNORECASE,
)


def reads_as_number_or_date(text: str) -> bool:
    """Whether Excel, opening a CSV, would turn the text cell ``text`` into a number, date or
    time (``1/3``, ``3-1``, ``00123``, ``1234e56789``, ``1月3日``), losing what it says."""
    return any(c.isdigit() for c in text) and _NUMBER_OR_DATE.fullmatch(text.strip()) is not None


def for_csv(text: str) -> str:
    """A text cell of a CSV meant for Excel: :func:`neutralise`, and the same leading apostrophe
    before text Excel would read as a number or date (:func:`reads_as_number_or_date`), so the
    cell reaches Excel as text (shown with its apostrophe) and ``tracker import`` reads it back
    unchanged (:func:`restore`). Figures and ISO dates are never passed here: they are what
    Excel reads them as."""
    return "'" + text if reads_as_number_or_date(text) else neutralise(text)


def restore(text: str) -> str:
    """The inverse of :func:`neutralise` and :func:`for_csv`: ``restore(for_csv(t)) == t`` for
    every text ``t``. Text without the guard (an apostrophe before a formula start, a number or a
    date) is returned unchanged."""
    rest = text[1:]
    guarded = text.startswith("'") and (
        rest.startswith(_FORMULA) or is_no_figure(rest) or reads_as_number_or_date(rest)
    )
    return rest if guarded else text
