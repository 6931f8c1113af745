"""Units of measure and exact conversion between units of one dimension.

Factors are to the dimension's base unit: 1 万 = 10⁴, 1 亿 = 10⁸, 1 万亿 = 10¹²; 1 亩 = 2000/3 m²
(1 公顷 = 15 亩 = 10⁴ m²); 1 平方公里 = 10⁶ m². US dollars are a dimension of their own: they are
never converted to yuan. Counts are one dimension per counted noun (人 converts to 万人, never to 家).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from .errors import TrackerError
from .numbers import from_fraction


class UnitError(TrackerError):
    """An unknown unit, or two units of different dimensions."""


_WAN = Fraction(10**4)
_YI = Fraction(10**8)

# unit → (dimension, factor to the dimension's base unit)
_UNITS: dict[str, tuple[str, Fraction]] = {
    "元": ("CNY", Fraction(1)),
    "万元": ("CNY", _WAN),
    "亿元": ("CNY", _YI),
    "万亿元": ("CNY", _WAN * _YI),
    "美元": ("USD", Fraction(1)),
    "万美元": ("USD", _WAN),
    "亿美元": ("USD", _YI),
    "平方米": ("area", Fraction(1)),
    "万平方米": ("area", _WAN),
    "亩": ("area", Fraction(2000, 3)),
    "公顷": ("area", _WAN),
    "平方公里": ("area", Fraction(10**6)),
    "%": ("percent", Fraction(1)),
}
for _noun in "个家项人位次宗":
    _UNITS[_noun] = (f"count:{_noun}", Fraction(1))
    _UNITS["万" + _noun] = (f"count:{_noun}", _WAN)

# Other spellings of the same unit, as they turn up in sheets and typed commands.
_ALIASES = {
    "m²": "平方米",
    "m2": "平方米",
    "㎡": "平方米",
    "平米": "平方米",
    "万㎡": "万平方米",
    "万m²": "万平方米",
    "万m2": "万平方米",
    "km²": "平方公里",
    "km2": "平方公里",
    "平方千米": "平方公里",
    "％": "%",
    "percent": "%",
    "pct": "%",
    "CNY": "元",
    "USD": "美元",
}

KNOWN_UNITS: tuple[str, ...] = tuple(_UNITS)


@lru_cache(maxsize=256)
def canonical(unit: str) -> str:
    """The unit's canonical spelling (``㎡`` → ``平方米``); raises :class:`UnitError` if unknown."""
    u = unit.strip()
    u = _ALIASES.get(u, u)
    if u not in _UNITS:
        from .errors import suggest

        hint = suggest(u, KNOWN_UNITS, cutoff=0.5)  # units are one to four characters
        fix = f"did you mean {hint}?" if hint else "use one of " + " ".join(KNOWN_UNITS)
        raise UnitError(f"unknown unit {unit!r}; {fix}")
    return u


def convert(value: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """``value`` in ``from_unit`` expressed in ``to_unit``.

    Exact for decimal factors (42859 人 → 4.2859 万人); 亩 conversions are exact to 28
    significant digits. Raises :class:`UnitError` naming both units when their dimensions differ.
    """
    if from_unit == to_unit:
        return value
    src, dst = canonical(from_unit), canonical(to_unit)
    if src == dst:
        return value
    (dim_a, fa), (dim_b, fb) = _UNITS[src], _UNITS[dst]
    if dim_a != dim_b:
        raise UnitError(f"unit {from_unit!r} cannot be converted to {to_unit!r} (a different kind of quantity)")
    return from_fraction(Fraction(value) * fa / fb)
