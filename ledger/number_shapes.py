"""A number as its cell's number format shows it to a person: the decimals the format keeps
(``0.0`` shows 5.96781234 as 6.0), its significant digits (``0.00E+00``), the point it inserts
(``0!.0000"万元"`` shows 84270000000 as ``8427000.0000万元``), and the sections that show no figure
at all (a zero under ``0.0;-0.0;"—"`` or Excel's accounting format shows ``—``/``-``; under ``;;;``
nothing). A workbook's figure is the one shown (DESIGN.md, "Sheets as published"): the bureau
publishes 6.0, and a year's verdict does not turn on digits the sheet hides. A negative section
writing no sign (``0.0;[Red]0.0`` shows -5 as 5.0) makes the sign shown and the sign stored
disagree: such a cell is refused (:func:`hidden_sign`), never read with either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from .patterns import LazyPattern

# One token of a format section: "quoted text", \x and !x (a character shown as itself), [a
# colour, locale or condition], _x (a space as wide as x), *x (x repeated to fill), the general
# format, an exponent, or any single character.
_TOKEN = LazyPattern(r'"[^"]*"|[\\!].|\[[^\]]*\]|_.|\*.|G/通用格式|General|[eE][+-]|.', re.IGNORECASE | re.DOTALL)
_CONDITION = LazyPattern(r"\[\s*[<>=]")
# Characters of a format's own syntax, which show no text of their own.
_SYNTAX = frozenset("0#?.,%/@ ")
_ONE = Decimal(1)


@dataclass(frozen=True, slots=True)
class Section:
    """What one section (positive, negative or zero) of a number format shows.

    ``digits``: whether it shows the number at all; ``zero``: whether it shows a digit for a
    number that rounds to 0 (a ``0`` placeholder or the general format: ``#,###`` shows 0 as
    nothing); ``power``: the power of ten the shown number is of the stored (2 per ``%``, −3 per
    scaling comma, −k for a point inserted k digits from the right); ``points``: the point's
    power alone (−k); ``places``: decimals shown, ``None`` when the format keeps what is stored
    (general, a fraction, engineering notation); ``significant``: digits a scientific format
    shows; ``text``: the text it shows beside the number, stripped."""

    digits: bool
    zero: bool
    power: int
    points: int
    places: int | None
    significant: int | None
    text: str


def _section(code: str) -> Section:
    """The :class:`Section` one section of a format's code (``0.0"亿元"``) shows."""
    tokens = _TOKEN.findall(code)
    text: list[str] = []
    placeholders = decimals = inserted = mantissa = percent = 0
    point = after_inserted = exponent = fraction = general = zero = False
    for tok in tokens:
        low = tok.lower()
        if low in ("general", "g/通用格式", "@"):  # a number under the text format @ shows as General
            general = zero = True
        elif tok in ('"."', "\\.", "!.") and not point and placeholders:
            after_inserted = True  # a point shown among the integer's digits: 0!.0000 shows 元 in 万元
        elif tok[0] == '"':
            text.append(tok[1:-1])
        elif tok[0] in "\\!" and len(tok) == 2:
            text.append(tok[1])
        elif tok[0] in "[_*" and len(tok) > 1:
            continue
        elif low in ("e+", "e-"):
            exponent = True
        elif tok in "0#?":
            if exponent:
                continue
            placeholders += 1
            zero = zero or tok == "0"
            if point:
                decimals += 1
            elif after_inserted:
                inserted += 1
            else:
                mantissa += 1
        elif tok == ".":
            point = True
        elif tok == "%":
            percent += 1
        elif tok == "/" and placeholders:
            fraction = True
        elif tok not in _SYNTAX:
            text.append(tok)
    scale = len(m.group(1)) if (m := re.search(r"[0#?](,+)[^0#?]*$", _bare(tokens))) else 0
    digits = general or placeholders > 0
    # General, a fraction and engineering notation (##0.0E+0) keep what is stored; scientific
    # notation shows significant digits, any other format its decimals (an inserted point's too).
    places = None if general or fraction or exponent else decimals + inserted
    significant = mantissa + decimals if exponent and mantissa == 1 else None
    return Section(
        digits, zero, 2 * percent - 3 * scale - inserted, -inserted, places, significant, "".join(text).strip()
    )


def _bare(tokens: list[str]) -> str:
    """A section's tokens without its texts, brackets and spacing: the format's syntax alone."""
    return "".join(t for t in tokens if len(t) == 1 or t.lower() in ("e+", "e-"))


@dataclass(frozen=True, slots=True)
class Shape:
    """A number format's sections for numbers (at most three: positive, negative, zero) as
    :class:`Section` each, and the format's code, as a note quotes it."""

    code: str
    sections: tuple[Section, ...]

    def section(self, number: Decimal) -> Section:
        """The section Excel shows ``number`` by: the negative one for a number below 0, the zero
        one for 0, when the format has them; else the first."""
        n = len(self.sections)
        return self.sections[1 if number < 0 and n > 1 else 2 if number == 0 and n > 2 else 0]


def number_shape(code: str) -> Shape | None:
    """The :class:`Shape` of a number format, or ``None`` when the format shows a number as stored
    (``General``, ``@``, no code) or picks its sections by a condition (``[>=100]0;0.0``), which
    is not read: its cells are taken as stored."""
    if not code or _CONDITION.search(code):
        return None
    sections = tuple(_section(s) for s in _split(code)[:3])
    plain = Section(True, True, 0, 0, None, None, "")
    if all(s == plain for s in sections):
        return None
    return Shape(code, sections)


def _split(code: str) -> list[str]:
    """A format's sections, split at each ``;`` outside quotes and escapes."""
    parts, current = [], ""
    for tok in _TOKEN.findall(code):
        if tok == ";":
            parts.append(current)
            current = ""
        else:
            current += tok
    return [*parts, current]


def as_shown(number: Decimal, shape: Shape) -> Decimal | str | None:
    """``number`` (a stored number, as Excel shows it to 15 significant digits) as a cell
    formatted ``shape`` shows it: rounded to the decimals (or significant digits) its section
    shows, half away from zero as Excel rounds, and given back in the stored number's terms for
    a percent or a scaling comma (``0.0%`` shows 0.0596781 as 6.0 %: 0.060), but as shown for an
    inserted point (``0!.0000`` shows 84270000000 as 8427000.0000, the figure its text's unit is
    of). A section that shows no digit for it (``"—"``, ``-``, an empty section, ``#,###`` for
    0) gives its text (``"—"``), a no-figure mark when it is one, or ``None`` when it shows
    nothing. A number too long to round in 28 digits is kept as stored."""
    sec = shape.section(number)
    if not sec.digits:
        return sec.text or None
    if sec.places is None and sec.significant is None:
        return number.scaleb(sec.points) if sec.points else number
    if sec.places is not None and not sec.points and (number or sec.zero):
        # Most cells hold no more decimals than they show: read as they are, with no arithmetic
        # (the text's decimals, counted in a fifth of the time Decimal.as_tuple takes).
        written = str(number)
        held = len(written) - written.find(".") - 1 if "." in written else 0
        if "E" not in written and held - sec.power <= sec.places:
            return number
    shown = number.scaleb(sec.power)
    try:
        if sec.places is not None:
            shown = shown.quantize(Decimal(1).scaleb(-sec.places), ROUND_HALF_UP)
        elif sec.significant is not None and shown:
            shown = shown.quantize(Decimal(1).scaleb(shown.adjusted() - sec.significant + 1), ROUND_HALF_UP)
    except InvalidOperation:
        return number
    if not shown and not sec.zero:
        return sec.text or None
    back = shown.scaleb(sec.points - sec.power)
    # A whole number written with its digits (84270000, never 8.42700E+7), as a stored one is.
    return back.quantize(_ONE) if back.as_tuple().exponent > 0 else back  # type: ignore[operator]


# What a negative section may show a number's sign by: a minus written into it (-0.0, \\-0.0,
# "−"0.0), accounting's brackets ((0.0)), or an arrow or word saying it falls (▼0.0, "下降"0.0).
_SIGNS = frozenset("-−(（▼↓负减降")


def hidden_sign(number: Decimal, shape: Shape) -> str | None:
    """The refusal's text (after ``cell B4 ``) when ``shape`` shows the negative ``number`` with no
    sign, else ``None``. Excel writes no minus of its own in a format's negative section: under
    ``0.0;0.0`` or ``0.0;[Red]0.0`` it shows -5 as ``5.0`` (in red, perhaps), so the figure shown
    and the one stored disagree on the sign, and neither is taken. A section saying the sign
    (``0.0;-0.0``, ``#,##0;(#,##0)``, ``▼0.0``), a single section (Excel's own minus), a section
    showing no figure (``0.0;"—"``) and a number shown as 0 are read as :func:`as_shown` reads them."""
    if number >= 0 or len(shape.sections) < 2:
        return None
    sec = shape.sections[1]
    if not sec.digits or any(c in _SIGNS for c in sec.text):
        return None
    seen = as_shown(number, shape)
    if not isinstance(seen, Decimal) or not seen:
        return None
    figure = abs(seen).scaleb(sec.power - sec.points)
    if sec.places is not None:
        figure = figure.quantize(_ONE.scaleb(-sec.places))
    shown = f"{figure:f}{'%' if sec.power - sec.points >= 2 else ''}{sec.text}"
    return (
        f"stores {number}, but its number format {shape.code!r} shows it as {shown!r}, with no minus sign: which "
        "is it? write the figure with its sign and a format showing it (0.0;-0.0), or as the positive figure meant"
    )


# Excel's built-in number formats (ECMA-376 Part 1, 18.8.30) that a workbook names by id alone.
BUILT_IN = {
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    37: "#,##0 ;(#,##0)",
    38: "#,##0 ;[Red](#,##0)",
    39: "#,##0.00;(#,##0.00)",
    40: "#,##0.00;[Red](#,##0.00)",
    41: '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)',
    42: '_("$"* #,##0_);_("$"* \\(#,##0\\);_("$"* "-"_);_(@_)',
    43: '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)',
    44: '_("$"* #,##0.00_);_("$"* \\(#,##0.00\\);_("$"* "-"??_);_(@_)',
}


def shown_text(stored: Decimal, shape: Shape) -> str:
    """How a cell storing ``stored`` under ``shape`` reads, for a note: ``'6.0' (it stores
    5.96781234)``; a percent's and a scaled number's as the number shown (``6.0%``)."""
    sec = shape.section(stored)
    seen = as_shown(stored, shape)
    figure = seen.scaleb(sec.power - sec.points) if isinstance(seen, Decimal) else seen
    said = f"{figure}{'%' if sec.power - sec.points >= 2 else ''}{sec.text}"
    return f"{said!r} (it stores {stored})"


def rounded_notes(rows: list[tuple[int, dict[int, Any]]], rounded: dict[int, tuple[Any, str, str]]) -> tuple[str, ...]:
    """One note per cell of ``rows`` whose value is in ``rounded`` (by id: the value read, how
    it shows, its format): ``C5 shows '6.0' (it stores 5.96781234) by its number format '0.0':
    read as shown``, at most :data:`_NOTED` of them and a count of the rest."""
    if not rounded:
        return ()
    from .sheets import column_letter

    found = [
        f"{column_letter(c)}{n} shows {said} by its number format {code!r}: read as shown"
        for n, cells in rows
        for c, v in cells.items()
        if (got := rounded.get(id(v))) is not None and got[0] is v
        for _, said, code in (got,)
    ]
    more = f"; {len(found) - _NOTED} more cells read as their formats show them" if len(found) > _NOTED else ""
    return (*found[: _NOTED - 1], found[_NOTED - 1] + more) if len(found) >= _NOTED else tuple(found)


_NOTED = 6  # cells named one by one in the notes of figures read as shown
