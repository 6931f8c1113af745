"""Formatting helpers shared by the human-readable renderers."""

from __future__ import annotations

import re
from decimal import ROUND_FLOOR, Decimal

from ..numbers import plain, rounded

# C0 and C1 control characters other than tab and newline: shown escaped, never sent to a terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def literal(text: str) -> str:
    """User text made safe to show: control characters (ESC and friends) become ``\\x1b`` etc."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def percent(share: Decimal, *, floor: bool = False) -> str:
    """A share as a percentage with one decimal: 0.29166… → ``"29.2%"``.

    With ``floor`` (used for progress) it rounds toward the unfinished side, so 0.9999 shows as
    99.9 %, never 100 % before the target is met.
    """
    value = share * 100
    shown = value.quantize(Decimal("0.1"), rounding=ROUND_FLOOR) if floor else rounded(value, 1)
    return f"{shown}%"


def amount(value: Decimal, unit: str | None) -> str:
    """A figure with its unit: ``680 亿元``, ``5.2%``; digits as recorded, no exponent."""
    text = plain(value)
    if unit in (None, ""):
        return text
    return f"{text}%" if unit == "%" else f"{text} {unit}"


def signed(value: Decimal, places: int) -> str:
    """``+0.8`` / ``-0.8`` style, rounded half-up to ``places`` decimals, trailing zeros dropped."""
    text = plain(rounded(value, places))
    return text if text.startswith("-") or text == "0" else "+" + text
