"""Formatting helpers shared by the human-readable renderers."""

from __future__ import annotations

import re
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from .. import units
from ..numbers import from_fraction, plain, rounded, trim

if TYPE_CHECKING:
    from ..series import Point

# C0 and C1 control characters other than tab and newline: shown escaped, never sent to a terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def literal(text: str) -> str:
    """User text made safe to show: control characters (ESC and friends) become ``\\x1b`` etc."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def shown_percent(share: Decimal, *, floor: bool = False) -> Decimal:
    """A share as the percentage shown, one decimal: 0.29166… → ``29.2``; with ``floor`` (for
    progress) toward the unfinished side, so 0.9999 is 99.9, never 100 before the target is met."""
    value = share * 100
    return value.quantize(Decimal("0.1"), rounding=ROUND_FLOOR) if floor else rounded(value, 1)


def shown_shares(
    progress: Decimal, expected: Decimal | None, behind: bool, *, places: int = 3, down: bool = True
) -> tuple[Decimal, Decimal | None]:
    """Progress and expected progress (shares) as shown side by side, to ``places`` decimals
    (3 for a percentage with one decimal, 4 for JSON), agreeing with the status: ``behind``
    (progress below expected, exactly: at_risk, behind) shows progress below expected, and
    otherwise never below it, so that their difference is the gap written beside them.

    Progress is rounded down while under 1 (``down``; half-up with ``down=False``, as JSON
    rounds), expected progress half-up, and neither reaches 1 (100 %) while under it. Where that
    would contradict the status they are moved one step, never more: exactly on schedule at
    the end of May (5/12 both) shows 41.7 % and 41.7 %, not 41.6 % beside 41.7 %; 41.72 %
    against 41.74 % shows 41.6 % against 41.7 %; 0 against 0.03 % shows 0.0 % against 0.1 %
    (never a progress below 0 for a figure that is not). Returns ``(progress, expected)``,
    ``expected`` ``None`` when it is."""
    step = Decimal(1).scaleb(-places)

    def one(share: Decimal, floor: bool) -> Decimal:
        value = share.quantize(step, rounding=ROUND_FLOOR if floor else ROUND_HALF_UP)
        return 1 - step if share < 1 <= value else value

    shown = one(progress, down and progress < 1)
    if expected is None:
        return shown, None
    due = one(expected, False)
    if not behind and shown < due:
        # On or ahead of schedule: rounding progress down must not put it below expected.
        shown = due
    elif behind and shown >= due:
        # Behind by less than a step (both round to one figure: the rounding is monotonic, so
        # never further): progress a step under, or expected a step over where progress would
        # go below 0 while it is not.
        if shown - step < 0 <= progress:
            due = shown + step
        else:
            shown -= step
    return shown, due


def shown_pair(progress: Decimal, expected: Decimal | None, behind: bool) -> tuple[Decimal, Decimal | None]:
    """Progress and expected progress as the percentages shown (one decimal), agreeing with the
    status and each other (see :func:`shown_shares`): ``(41.7, 41.7)`` exactly on schedule."""
    shown, due = shown_shares(progress, expected, behind)
    tenth = Decimal("0.1")
    return (shown * 100).quantize(tenth), None if due is None else (due * 100).quantize(tenth)


def point_percents(point: Point) -> tuple[Decimal, Decimal | None]:
    """A month's progress and expected progress in a target's month-by-month series as the
    percentages shown (:func:`shown_pair`): progress below expected where it is, else not."""
    assert point.progress is not None
    behind = point.expected is not None and point.progress < point.expected
    return shown_pair(point.progress, point.expected, behind)


def bar_share(share: Decimal) -> Decimal:
    """The share a progress bar is drawn to, between 0 and 1: the percentage its label shows
    (:func:`shown_percent`, toward the unfinished side while unmet), so that a bar never looks
    fuller than its label and is full only when the target is met: 49.99 of 50 is 0.999."""
    return max(Decimal(0), min(Decimal(1), shown_percent(share, floor=share < 1) / 100))


def percent(share: Decimal, *, floor: bool = False) -> str:
    """A share as a percentage with one decimal: 0.29166… → ``"29.2%"`` (see :func:`shown_percent`)."""
    return f"{shown_percent(share, floor=floor)}%"


def points(gap: Decimal) -> Decimal:
    """Percentage points with one decimal, rounded toward the unfinished side (down): a rate
    0.04 points short of its target is −0.1, never 0.0; 0.25 points beyond it is +0.2. A gap
    beyond the target by less than 0.1 keeps the places that make it non-zero (0.04 is 0.04,
    0.0437 is 0.04), since 0.0 would read as exactly on target."""
    shown = gap.quantize(Decimal("0.1"), rounding=ROUND_FLOOR)
    if shown == 0 < gap:
        # The first significant place, down: the figure beyond the goal by as much as shown.
        return gap.quantize(Decimal(1).scaleb(gap.adjusted()), rounding=ROUND_FLOOR)
    return shown


# English readers count in thousands: unit → (factor, label with {} for the number, least decimals).
# 1 亿 = 10⁸, so 1,360 亿元 is CNY 136.0 bn, never "1,360 billion"; 1 万 = 10⁴, so 50 万平方米 is 500,000 m².
ENGLISH: dict[str, tuple[Decimal, str, int]] = {
    "元": (Decimal(1), "CNY {}", 0),
    "万元": (Decimal(10_000), "CNY {}", 0),
    "亿元": (Decimal("0.1"), "CNY {} bn", 1),
    "万亿元": (Decimal(1), "CNY {} tn", 1),
    "美元": (Decimal(1), "USD {}", 0),
    "万美元": (Decimal(10_000), "USD {}", 0),
    "亿美元": (Decimal("0.1"), "USD {} bn", 1),
    "平方米": (Decimal(1), "{} m²", 0),
    "万平方米": (Decimal(10_000), "{} m²", 0),
    "亩": (Decimal(1), "{} mu", 0),
    "公顷": (Decimal(1), "{} ha", 0),
    "平方公里": (Decimal(1), "{} km²", 0),
    "%": (Decimal(1), "{}%", 0),
}
_NOUNS = {"人": "people", "家": "firms", "项": "items", "个": "", "次": "times", "宗": "cases", "位": "persons"}
for _noun, _word in _NOUNS.items():
    ENGLISH[_noun] = (Decimal(1), "{} " + _word if _word else "{}", 0)
    ENGLISH["万" + _noun] = (Decimal(10_000), "{} " + _word if _word else "{}", 0)


def _english_number(value: Decimal, decimals: int) -> str:
    text = trim(value)
    whole, _, fraction = text.partition(".")
    if len(fraction) < decimals:
        fraction = fraction.ljust(decimals, "0")
    sign = "-" if whole.startswith("-") else ""
    grouped = f"{int(whole.lstrip('-')):,}"
    return sign + grouped + ("." + fraction if fraction else "")


def _whole(value: Decimal | Fraction) -> str:
    """A figure in a finer English unit (m², people, yuan) rounded half-up to whole units."""
    decimal = value if isinstance(value, Decimal) else from_fraction(value)
    return _english_number(rounded(decimal, 0), 0)


def _in_english(value: Decimal, exact: Fraction | None, factor: Decimal, decimals: int) -> str:
    """``value`` (in the plan's unit, as shown there) in an English unit ``factor`` times finer.
    A figure rounded in the plan's unit is converted from ``exact`` and rounded once, in the
    English unit, to as fine a step (no coarser than whole units): 1 亩 shown as 0.07 万平方米
    is 667 m², never 700. A unit finer than the plan's (万平方米 → m², 万人 → people, 万元 → CNY)
    is counted in whole units, never in fractions of one: 1.23456 万人 is 12,346 people."""
    if factor > 1:
        return _whole(Fraction(value) * Fraction(factor) if exact is None else exact * Fraction(factor))
    if exact is None or Fraction(value) == exact:
        return _english_number(value * factor, decimals)
    step = max(units.places_of(value) - factor.adjusted(), decimals, 0)
    return _english_number(units.shown(exact * Fraction(factor), step), decimals)


def amount(
    value: Decimal, unit: str | None, lang: str = "zh", rank: bool = False, exact: Fraction | None = None
) -> str:
    """A figure with its unit: ``680 亿元``, ``5.2%``; digits as recorded, no exponent.

    In English, amounts are shown in the units English readers use: ``CNY 136.0 bn`` for 1360 亿元,
    ``500,000 m²`` for 50 万平方米, ``No. 70`` for a rank. ``exact`` is the figure before it was
    rounded for the plan's unit (a Fraction; see :func:`_in_english`).
    """
    if lang == "en" and unit is not None:
        if rank:
            return f"No. {plain(value)}"
        if unit in ENGLISH:
            factor, label, decimals = ENGLISH[unit]
            return label.format(_in_english(value, exact, factor, decimals))
    text = plain(value)
    if unit in (None, ""):
        return text
    return f"{text}%" if unit == "%" else f"{text} {unit}"


def figure(
    value: Decimal, unit: str | None, lang: str = "zh", places: int | None = None, exact: Fraction | None = None
) -> str:
    """A figure in the goal's display unit without the unit's name (the goal column names it):
    628.32 亿元 is ``628.32`` in Chinese and ``62.832`` (CNY bn) in English; rates keep ``%``.

    A recorded figure keeps its digits. A computed one (a forecast, a pace) is given ``places``:
    it is converted first and then rounded half-up, trailing zeros dropped, so conversion never
    multiplies a rounding: 8.0833… 万平方米 a month is ``80,833`` (m²), never 80,800; an English
    unit finer than the plan's shows whole units, as every figure in it does. English units
    larger than the plan's keep as fine a step (1256.643 亿元 at 2 places is 125.664 bn).
    ``exact``: a recorded figure's value before it was rounded for the plan's unit (0.07
    万平方米 for 1 亩 is 667 m² in English, never 700; see :func:`_in_english`).
    """
    if unit == "%":
        return f"{plain(value) if places is None else trim(rounded(value, places))}%"
    english = lang == "en" and unit in ENGLISH
    factor, _, decimals = ENGLISH[unit] if english and unit is not None else (Decimal(1), "", 0)
    if places is None:
        return _in_english(value, exact, factor, decimals) if english else plain(value)
    if english and factor > 1:
        # 万 → units (10⁴): whole m², people or yuan, as every figure in that unit is shown
        # (a pace of 8.0833… 万平方米 a month is 80,833 m², beside a current of 13,333).
        return _whole(value * factor)
    # 亿元 → bn (a factor of 0.1) moves the step one place right.
    shown = rounded(value * factor, max(places - factor.adjusted(), min(places, 2)))
    return _english_number(shown, decimals) if english else trim(shown)


def labelled(text: str, unit: str | None, lang: str) -> str:
    """A figure's text (as :func:`figure` writes it) with its unit named as :func:`amount` names
    it: ``62.832`` of 亿元 is ``CNY 62.832 bn`` in English, ``628.32 亿元`` in Chinese; a rate's
    text, which has its ``%``, and a figure without a unit stay as they are."""
    if unit in (None, "", "%"):
        return text
    if lang == "en" and unit in ENGLISH:
        return ENGLISH[unit][1].format(text)
    return f"{text} {unit}"


def signed(value: Decimal, places: int) -> str:
    """``+0.8`` / ``-0.8`` style, rounded half-up to ``places`` decimals, trailing zeros dropped."""
    text = trim(rounded(value, places))
    return text if text.startswith("-") or text == "0" else "+" + text
