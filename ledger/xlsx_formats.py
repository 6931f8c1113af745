"""Excel's number formats and text as a workbook stores them: which formats show a date, a month, a
year or a percent (openpyxl's rule, restated so that reading a workbook does not load openpyxl),
Excel's ``_xHHHH_`` escapes, and numbers as Excel shows them.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal

from .patterns import LazyPattern
from .sheets import UnitCell

# Parts of a format that show text rather than format: "quoted", \escaped, [colour/locale],
# and the character after _ (a space as wide as it) or * (repeated to fill).
_LITERALS = LazyPattern(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
_DATE_IDS = {*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)}  # built-in date formats, CJK ones included
_PERCENT_IDS = {9, 10}
# Built-in formats that show a month and no day: mmm-yy (17), and yyyy"年"m"月" in a Chinese
# (zh-CN) Excel or WPS, which writes these ids without the code (ECMA-376 Part 1, 18.8.30; other
# East Asian locales give some of them a day, but this tool reads mainland sheets).
_MONTH_IDS = {17, 27, 36, 50, 52, 57}

# A character XML cannot hold in a text (a carriage return, a control character) is written as
# _xHHHH_ by Excel (ECMA-376 Part 1, 22.9.2.19 ST_Xstring), and a text that itself holds
# "_x0041_" as "_x005F_x0041_" (005F: the underscore).
_ESCAPED_CHARACTER = LazyPattern(r"_x([0-9A-Fa-f]{4})_")


def _unescaped(match: re.Match[str]) -> str:
    code = int(match.group(1), 16)
    # A lone surrogate is no character: the text is kept as written rather than made unwritable.
    return match.group(0) if 0xD800 <= code <= 0xDFFF else chr(code)


def excel_text(text: str) -> str:
    """A cell's text as Excel shows it: each ``_xHHHH_`` escape turned back into its character
    (``"1-6月_x000D_\n累计"`` is ``"1-6月\r\n累计"``, ``"_x005F_x000D_"`` is ``"_x000D_"``);
    an escape of a lone surrogate is kept as written."""
    return _ESCAPED_CHARACTER.sub(_unescaped, text) if "_x" in text else text


def excel_escaped(text: str) -> str:
    """``text`` as a cell must hold it for :func:`excel_text` (and Excel) to show it as written:
    a run that reads as an escape (``"_x000D_"``) gets its underscore escaped (``"_x005F_x000D_"``).
    openpyxl writes a text as given, so without this a source or note holding ``_x000D_`` came
    back from an exported workbook as a carriage return."""
    return _ESCAPED_CHARACTER.sub(lambda m: "_x005F" + m.group(0), text) if "_x" in text else text


def excel_number(value: float) -> Decimal:
    """A stored double as Excel shows it: 15 significant digits, so ``188.41999999999999``
    is 188.42 and never reaches the ledger or a message."""
    return Decimal(format(value, ".15g"))


def is_percent_format(code: str) -> bool:
    """Whether a number format shows the value × 100 with a percent sign: an unquoted,
    unescaped ``%`` (``0.0%``), not ``0.0\\%`` or ``0.0"%"``, which show the stored number
    followed by a literal sign."""
    return "%" in _LITERALS.sub("", code)


# openpyxl's rule for a date format (openpyxl.styles.numbers.is_date_format, 3.1), restated:
# importing openpyxl only to ask it took a fifth of reading a workbook. In the format's first
# section, with "quoted text" and [bracketed] parts taken out (all but elapsed [h], [m], [s]), a
# d, m, h, y or s not after _ or \ makes it a date. tests/test_xlsx_formats.py holds the two to
# the same answer over generated and hand-picked codes.
_DATE_NOISE = LazyPattern(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_LETTER = LazyPattern(r"(?<![_\\])[dmhysDMHYS]")


def is_date_format(code: str) -> bool:
    """Whether a custom number format shows a date or time (``yyyy-mm-dd``, ``[$-804]yyyy"年"m"月"``,
    ``[h]:mm``), as openpyxl decides it; ``0.00"d"`` and ``#,##0[Red]`` are not."""
    first = code.split(";")[0]
    return _DATE_LETTER.search(_DATE_NOISE.sub("", first)) is not None


_ELAPSED = LazyPattern(r"\[(?:h+|m+|s+)\]", re.IGNORECASE)


def is_month_format(code: str) -> bool:
    """Whether a date format shows a month and no day: ``yyyy"年"m"月"``, ``yyyy-mm``,
    ``mmm-yy``, ``[$-804]yyyy年m月``, ``[DBNum1]yyyy"年"m"月"``. In its first section, with
    literals and [brackets] taken out, the letters are m with only year letters (y, e, b, g) and
    no time (``:``, ``[h]``); ``yyyy-mm-dd``, ``mm:ss``, ``m"月"d"日"`` and ``aaa`` (a weekday)
    are not. A cell so formatted means the month: ``2025年8月`` is typed, 2025-08-01 is stored."""
    first = code.split(";")[0]
    if not is_date_format(first) or _ELAPSED.search(first):
        return False
    shown = _LITERALS.sub("", first)
    letters = {ch for ch in shown.lower() if "a" <= ch <= "z"}
    return ":" not in shown and "m" in letters and letters <= {"m", "y", "e", "b", "g"}


def is_year_format(code: str) -> bool:
    """Whether a date format shows only a year (``yyyy``, ``yyyy"年"``): such a cell means the
    year, which is no as-of date, and reads as the text it shows (``2025年``)."""
    first = code.split(";")[0]
    if not is_date_format(first) or _ELAPSED.search(first):
        return False
    shown = _LITERALS.sub("", first)
    letters = {ch for ch in shown.lower() if "a" <= ch <= "z"}
    return ":" not in shown and bool(letters & {"y", "e"}) and letters <= {"y", "e", "b", "g"}


def _date_kind(code: str) -> int:
    if is_month_format(code):
        return 2
    if is_year_format(code):
        return 3
    return int(is_date_format(code))


def month_text(day: datetime) -> str:
    """A month-format cell's value as the month it means, in the words a sheet types it
    (``2025年8月``): read as an as-of date, that is the month's end, as the text would be."""
    return f"{day.year}年{day.month}月"


# A number format's parts that show text beside the number: "quoted", \escaped, and characters
# outside the format's own syntax (WPS keeps 0亩 unquoted); G/通用格式 and General are the general
# format itself, [brackets] a colour, locale or condition, _x and *x spacing.
_FORMAT_TEXT = LazyPattern(r'"([^"]*)"|\\(.)|\[[^\]]*\]|G/通用格式|General|_.|\*.|([^\x00-\x7f])', re.IGNORECASE)
# Thousands separators right of the last digit placeholder (0.0,, shows millions): each divides by 1,000.
_SCALE = LazyPattern(r"[0#?](,+)(?![0#?,])")


def shown_unit(code: str) -> tuple[tuple[str, int], ...]:
    """What each of a number format's sections (positive, negative, zero) shows beside the number:
    ``(its text, stripped, the power of 1,000 the number is shown divided by)``; ``0"亩"`` gives
    ``(("亩", 0),)``, ``#,##0.0,,"百万元";-#,##0.0,,"百万元"`` two of ``("百万元", 2)``. A section
    showing no text, or none with a letter (``"-"``), gives ``("", n)``. A percent format gives ``()``: its ``%`` is read by
    :func:`is_percent_format`, and a quoted ``"%"`` (points shown with a sign) is no unit either."""
    if is_percent_format(code):
        return ()
    out: list[tuple[str, int]] = []
    for section in code.split(";")[:3]:
        text = "".join(m.group(1) or m.group(2) or m.group(3) or "" for m in _FORMAT_TEXT.finditer(section))
        text = text.strip().strip(".").strip()  # 0\.0000"万元": a point among the digits (ledger.number_shapes)
        bare = _FORMAT_TEXT.sub("", section)
        scale = max((len(m.group(1)) for m in _SCALE.finditer(bare)), default=0)
        # A text with no letter (a "-" for zero, a quoted "%" after points) names no unit.
        out.append((text if any(ch.isalpha() for ch in text) or "㎡" in text else "", scale))
    return tuple(out)


def unit_cell(number: Decimal, shows: tuple[tuple[str, int], ...]) -> Decimal:
    """``number`` as a cell formatted to show ``shows`` (:func:`shown_unit`) holds it: a
    :class:`~ledger.sheets.UnitCell` when the section for its sign (negative, zero, else the
    first) shows a text or a scale, else ``number`` as it is."""
    section = 1 if number < 0 and len(shows) > 1 else 2 if number == 0 and len(shows) > 2 else 0
    text, scale = shows[section]
    return UnitCell(number, text, scale) if text or scale else number
