"""Exact numbers: figures are kept as :class:`decimal.Decimal` so that 320.1 + 0.2 is 320.3.

TOML floats are parsed straight into ``Decimal`` (``tomllib``'s ``parse_float``), and typed
values on the command line never pass through ``float``. Only at the JSON boundary do numbers
become ``int`` or ``float``, and then from their shortest decimal form.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from functools import lru_cache

_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
# Minus signs that Chinese documents and word processors put where ASCII "-" belongs.
_MINUS = str.maketrans({"\u2212": "-", "\uff0d": "-", "\u2013": "-", "\uff0b": "+"})


# Marks a sheet puts after a figure to point at a note below the table (注：①为初步数): circled,
# parenthesised and superscript numbers (Unicode category No, which NFKC would turn into digits:
# 842.7① into 842.71), superscript brackets, and the symbols statistics offices use. Full-width
# digits (category Nd) are digits. One list for figures and for row names (row_targets.name_mark).
MARK_SYMBOLS = frozenset("*＊※†‡#＃△▲⁽⁾")
FOOTNOTE_MARKS = "①, ¹, ⑴, *, ※, †, ‡, #, △, ▲"  # as a message lists them


@lru_cache(maxsize=1024)
def _is_mark(ch: str) -> bool:
    # ½ is No too, but a fraction, not a mark: NFKC makes 5½ "51⁄2", which no reader takes.
    return ch in MARK_SYMBOLS or (
        unicodedata.category(ch) == "No" and "\u2044" not in unicodedata.normalize("NFKC", ch)
    )


def has_mark(text: str) -> bool:
    """Whether ``text`` holds a footnote mark anywhere (see :func:`footnote`)."""
    return any(map(_is_mark, text))


@lru_cache(maxsize=8192)
def footnote(text: str) -> tuple[str, str]:
    """``text`` without a footnote mark after its figure, and the mark (``""`` when none):
    ``842.7①`` → ``("842.7", "①")``, ``6¹`` → ``("6", "¹")``, ``5.8%*`` → ``("5.8%", "*")``,
    ``８０００⁽¹⁾`` → ``("８０００", "⁽¹⁾")``. A mark is a run of circled, parenthesised or
    superscript numbers (Unicode category No) and ``* ＊ ※ † ‡ # ＃ △ ▲ ⁽ ⁾`` at the end, after a
    digit or ``%``; a text that is only marks is left as it is (it is no figure). Marks anywhere
    else stay in the text, where :func:`parse_number` refuses them."""
    body = text.rstrip()
    end = len(body)
    while end and _is_mark(body[end - 1]):
        end -= 1
    head = body[:end].rstrip()
    if end == len(body) or not head or not (head[-1].isdigit() or head[-1] in "%％"):
        return text, ""
    return head, body[end:]


MAX_INTEGER_DIGITS = 15  # 10¹⁵ 元 is a thousand times China's GDP: anything larger is a typo
MAX_DECIMALS = 10


EXCEL_DIGITS = 15  # the significant digits Excel shows of a number (and a double holds for sure)


def _in_range(value: Decimal, text: object) -> Decimal:
    if not value:
        return value
    if value.adjusted() >= MAX_INTEGER_DIGITS:
        raise ValueError(
            f"{text} is out of range; it has {value.adjusted() + 1} digits before the decimal point, and figures "
            f"have at most {MAX_INTEGER_DIGITS}"
        )
    places = -value.as_tuple().exponent  # type: ignore[operator]
    if places > MAX_DECIMALS:
        raise ValueError(
            f"{text} is out of range; it has {places} decimal places, and figures have at most {MAX_DECIMALS}: round it"
        )
    return value


_PLAIN_DECIMAL = re.compile(r"^[+-]?\d*\.\d+$")


def excel_digits(text: str) -> str:
    """A figure's text from a file (CSV, JSON Lines, TOML) as Excel shows it: to
    :data:`EXCEL_DIGITS` significant digits, as an .xlsx cell of the same value is read.

    A program writing a binary float gives its leftover (pandas, ``json.dumps``: 12.5 − 6.7 is
    ``5.800000000000001``, 0.1 + 0.2 ``0.30000000000000004``); those are ``5.8`` and ``0.3``,
    the rounding's own trailing zeros dropped. A text of at most 15 significant digits, a whole
    number (which has no leftover; one of 16 digits is refused as out of range) and anything but
    a plain decimal (``1e-5``, ``12,5``) are returned as they are: digits typed are kept."""
    if len(text) <= EXCEL_DIGITS + 1 or not _PLAIN_DECIMAL.match(text):
        return text
    value = Decimal(text)
    if len(value.as_tuple().digits) <= EXCEL_DIGITS:  # leading zeros are not stored: 0.05 is (5,)
        return text
    shown = value.quantize(Decimal(1).scaleb(value.adjusted() - EXCEL_DIGITS + 1), rounding=ROUND_HALF_UP)
    return trim(shown)


@lru_cache(maxsize=8192)  # a sheet repeats its figures; a Decimal is immutable, a refusal not kept
def parse_number(text: str) -> Decimal:
    """Parse a typed figure such as ``318.6``, ``-4.6``, ``−4.6`` or ``1,360`` into a Decimal.

    Full-width digits and punctuation count as ASCII (``３１８．６`` is 318.6), as in a sheet's
    cells: typed values and imported ones are read by this one function. Thousands separators
    are accepted only in their exact 3-digit grouping. Raises ``ValueError`` for anything else,
    including ``nan`` and ``inf``, a figure holding an underscore (``5_8``, which ``Decimal``
    would read as 58), and a figure holding a footnote mark (``842.7①``, ``6¹``,
    ``842.7*``: see :func:`footnote`), which NFKC would read as one more digit; a sheet's reader
    takes a trailing mark off first. A vulgar fraction (``5½``) is no mark, and no number either.
    """
    if has_mark(text):
        body, mark = footnote(text)
        if mark:
            raise ValueError(f"{text!r} ends in the footnote mark {mark!r}, no part of the figure {body.strip()}")
        raise ValueError(f"{text!r} is not a number: it holds a footnote mark ({FOOTNOTE_MARKS}) inside the figure")
    s = unicodedata.normalize("NFKC", text.translate(_MINUS)).strip()
    if "_" in s:  # Decimal() reads 5_8 as 58 (Python's digit grouping); no sheet or person means that
        raise ValueError(f"{text!r} is not a number: an underscore is no part of a figure (5.8? 58?)")
    if _THOUSANDS.match(s):
        s = s.replace(",", "")
    try:
        value = Decimal(s)
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a number") from None
    if not value.is_finite():
        raise ValueError(f"{text!r} is not a finite number")
    return _in_range(value, repr(text))


def to_decimal(value: object) -> Decimal:
    """A TOML or JSON scalar (int, Decimal, float) as a finite Decimal.

    Raises ``ValueError`` for booleans, strings, other types and non-finite values.
    """
    if isinstance(value, bool) or not isinstance(value, int | Decimal | float):
        raise ValueError(f"{value!r} is not a number")
    # str() first, so that a stray float keeps its shortest form (0.1, not 0.1000000000000000055…).
    d = value if isinstance(value, Decimal) else Decimal(str(value))  # Decimal(str(d)) == d: equivalent mutant
    if not d.is_finite():
        raise ValueError(f"{value} is not a finite number")
    return _in_range(d, value)


def from_fraction(f: Fraction) -> Decimal:
    """A Fraction as a Decimal: exact when it terminates, else to 28 significant digits."""
    return Decimal(f.numerator) / Decimal(f.denominator)


def rounded(value: Decimal, places: int) -> Decimal:
    """``value`` rounded half-up (as statistical reports round) to ``places`` decimals."""
    # quantize() takes only the exponent of its argument: Decimal(2).scaleb(-places) is an equivalent mutant.
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def plain(value: Decimal) -> str:
    """Positional text of a Decimal with the digits it has: ``1E+3`` → ``1000``, ``680.10`` stays
    ``680.10`` (figures show the digits that were typed)."""
    # Mutation testing: "F" for "f" is equivalent for finite Decimals, and format() never returns "".
    text = format(value, "f")
    return "0" if text in ("-0", "") else text


def trim(value: Decimal) -> str:
    """Positional text without trailing zeros, for computed figures: ``1360.00`` → ``1360``."""
    text = plain(value)
    if "." in text:
        # rstrip takes a set of characters: mutants adding "X"s to it are equivalent, and the text is
        # never "" (plain() writes at least "0"), so a mutant changing "" is too.
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def json_number(
    value: Decimal | None, places: int | None = None, *, below: Decimal | None = None
) -> int | float | None:
    """A Decimal for JSON: ``int`` when whole, else ``float`` of its shortest text; ``None`` stays.

    ``places`` rounds first, half-up as statistical reports round (progress shares use 4, amounts
    2): 0.234264… is 0.2343. ``below`` is a boundary that ``value`` lies under and that a reader
    acts on: the rounded figure stays one step under it instead of reaching it (a progress of
    0.99999 with ``below=1`` is 0.9999, never 1; a gap of −0.00001 with ``below=0`` is −0.0001,
    never 0). Never NaN or Infinity, since Decimals here are finite by construction.
    """
    if value is None:
        return None
    if places is not None:
        step = Decimal(1).scaleb(-places)
        value = rounded(value, places)
        if below is not None and value >= below > value - step:
            value = below - step
    if value == value.to_integral_value():
        return int(value)
    return float(trim(value))


def guard(share: Decimal | None, boundary: int) -> Decimal | None:
    """``boundary`` when ``share`` lies under it (so that rounding keeps it under), else ``None``:
    ``guard(progress, 1)`` for a target not met, ``guard(gap, 0)`` for a target behind."""
    return Decimal(boundary) if share is not None and share < boundary else None


def counted(n: int, noun: str) -> str:
    """``n`` and ``noun``, plural unless ``n`` is 1: "1 entry", "3 entries", "2 rows"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun[:-1] + 'ies' if noun.endswith('y') else noun + 's'}"
