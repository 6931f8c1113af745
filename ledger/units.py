"""Units of measure and exact conversion between units of one dimension.

Factors are to the dimension's base unit: 1 千 = 10³, 1 万 = 10⁴, 1 百万 = 10⁶, 1 千万 = 10⁷, 1 亿 = 10⁸,
1 万亿 = 10¹²; 1 亩 = 2000/3 m² (市亩: 60 平方丈)
(1 公顷 = 15 亩 = 10⁴ m²: GB 3100-1993 table 6 and the SI Brochure, 9th ed., table 8 give the hectare,
公顷, as ha or hm², 1 hm² = 10⁴ m²); 1 平方公里 = 10⁶ m². US dollars are a dimension of their own: they are
never converted to yuan. Counts are one dimension per counted noun (人 converts to 万人, never to 家).
A unit is read alike however its letters are cased or its characters' widths written (Ha, ＨＡ, M2, usd):
a 单位 cell, a unit line and a header's bracket (which names.key writes in lower case) agree.
"""

from __future__ import annotations

import unicodedata
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
    "千元": ("CNY", Fraction(10**3)),
    "万元": ("CNY", _WAN),
    "百万元": ("CNY", Fraction(10**6)),
    "千万元": ("CNY", Fraction(10**7)),
    "亿元": ("CNY", _YI),
    "万亿元": ("CNY", _WAN * _YI),
    "美元": ("USD", Fraction(1)),
    "千美元": ("USD", Fraction(10**3)),
    "万美元": ("USD", _WAN),
    "百万美元": ("USD", Fraction(10**6)),
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
    "平方": "平方米",  # the short form of speech and sheets alike (供地面积（平方）)
    "万平": "万平方米",  # 新增创新空间5万平
    "km²": "平方公里",
    "km2": "平方公里",
    "平方千米": "平方公里",
    "ha": "公顷",  # the hectare's symbol (SI), in land statistics as often as 公顷
    "hm²": "公顷",  # GB 3100's symbol of 公顷
    "hm2": "公顷",
    "hectare": "公顷",
    "hectares": "公顷",
    "公頃": "公顷",  # the traditional characters
    "％": "%",
    "percent": "%",
    "pct": "%",
    "CNY": "元",
    "USD": "美元",
}

KNOWN_UNITS: tuple[str, ...] = tuple(_UNITS)
# Every spelling above, with its letters in lower case and NFKC's widths (㎡ → m2, ＨＡ → ha): how one is
# looked up when written otherwise (M2, Ha, USD as a header's key writes it: usd). 顷 alone is none: the
# 市制 顷 is 100 亩, the 公顷 15, and which a sheet means cannot be told (header_units refuses it).
_FOLDED = {unicodedata.normalize("NFKC", u).lower(): u for u in _UNITS} | {
    unicodedata.normalize("NFKC", a).lower(): u for a, u in _ALIASES.items()
}


def _alias(u: str) -> str:
    """The spelling in :data:`_UNITS` (or a scale before one) that ``u``, stripped, writes: ``u``
    itself, an alias's unit, or the one its lower-case NFKC form is (``M2``, ``Ha``, ``ｍ２``)."""
    if u in _UNITS:
        return u
    if (a := _ALIASES.get(u)) is not None:
        return a
    return _FOLDED.get(unicodedata.normalize("NFKC", u).lower(), u)


# A scale written before a unit that has none of its own (十亿元, 千平方米, 万亩, 百万美元, 千人): that
# many of the unit. Longest first, so that 十亿元 is 十亿 × 元, never 十 × 亿元.
SCALES: dict[str, Fraction] = dict(
    sorted(
        {"十": Fraction(10), "百": Fraction(100), "千": Fraction(10**3), "万": _WAN, "十万": Fraction(10**5),
         "百万": Fraction(10**6), "千万": Fraction(10**7), "亿": _YI, "十亿": Fraction(10**9),
         "百亿": Fraction(10**10), "千亿": Fraction(10**11), "万亿": _WAN * _YI}.items(),
        key=lambda kv: -len(kv[0]),
    )
)  # fmt: skip
# The units a scale may go before: those with no scale of their own (not 万元, not %).
_SCALABLE = frozenset(u for u in _UNITS if u != "%" and not u.startswith(("千", "万", "百", "亿")))


@lru_cache(maxsize=256)
def _scaled(u: str) -> tuple[str, tuple[str, Fraction]] | None:
    """``(canonical spelling, (dimension, factor))`` of a scale before a unit with none of its own
    (``十亿元`` → 10⁹ 元, ``千㎡`` → ``千平方米``, 10³ 平方米), else ``None``."""
    for scale, times in SCALES.items():
        if u.startswith(scale) and len(u) > len(scale):
            base = u[len(scale) :]
            base = _alias(base)
            if base in _SCALABLE:
                dim, f = _UNITS[base]
                return scale + base, (dim, f * times)
    return None


def _entry(u: str) -> tuple[str, Fraction]:
    """The dimension and factor of a canonical unit (one :func:`canonical` returned)."""
    if u in _UNITS:
        return _UNITS[u]
    scaled = _scaled(u)
    assert scaled is not None, u  # canonical() spelt it, so it is one
    return scaled[1]


@lru_cache(maxsize=256)
def canonical(unit: str) -> str:
    """The unit's canonical spelling (``㎡`` → ``平方米``, ``千㎡`` → ``千平方米``); raises
    :class:`UnitError` if unknown. A scale before a unit of no scale of its own (:data:`SCALES`:
    十亿元, 千平方米, 万亩, 百万美元, 千人) is a unit too: that many of it."""
    spelt = _spelt(unit)
    if spelt is None:
        from .errors import suggest

        u = unit.strip()
        hint = suggest(_ALIASES.get(u, u), KNOWN_UNITS, cutoff=0.5)  # units are one to four characters
        fix = f"did you mean {hint}?" if hint else "use one of " + " ".join(KNOWN_UNITS)
        raise UnitError(f"unknown unit {unit!r}; {fix}")
    return spelt


def _spelt(unit: str) -> str | None:
    """The canonical spelling :func:`canonical` gives ``unit``, or ``None`` where it refuses it."""
    u = _alias(unit.strip())
    if u in _UNITS:
        return u
    scaled = _scaled(u)
    return None if scaled is None else scaled[0]


@lru_cache(maxsize=1024)  # headers repeat
def known(text: str) -> str | None:
    """``text``'s canonical spelling when it is a unit the tracker converts (``㎡`` → ``平方米``,
    ``十亿元``, ``%``), else ``None`` (``栋``, ``1-8月``, a scale alone: ``万``): :func:`canonical`
    for words that may or may not be units, as headers, unit lines and brackets hold. Raises
    nothing, and makes no suggestion for a word it does not know (``difflib`` over every unit:
    the header words of a plain sheet cost an import a few ms of them)."""
    return _spelt(text)


def dimension(unit: str) -> str:
    """What ``unit`` measures, as this module groups units: ``"CNY"`` (元 … 万亿元), ``"USD"``,
    ``"area"``, ``"percent"``, or ``"count:家"`` (one per counted noun). Raises
    :class:`UnitError` for an unknown unit."""
    return _entry(canonical(unit))[0]


RANK_UNIT = "位"  # a rank is a place: No. 1 is best; the only unit a rank target may name


def never_negative(unit: str | None) -> str | None:
    """What a figure in ``unit`` measures, as a message names it, when that can never be below
    zero: ``"an area"`` (平方米 … 平方公里) or ``"a number of 家"`` (the counts); ``None`` for
    money (a profit, a balance or a net figure may be negative), % and no unit. Raises
    :class:`UnitError` for an unknown unit."""
    if unit is None:
        return None
    dimension = _entry(canonical(unit))[0]
    if dimension == "area":
        return "an area"
    if dimension.startswith("count:"):
        return f"a number of {dimension.removeprefix('count:')}"
    return None


@lru_cache(maxsize=256)
def factor(from_unit: str, to_unit: str) -> Fraction:
    """How many ``to_unit`` one ``from_unit`` is, exactly (亩 → 万平方米: 1/15).

    Raises :class:`UnitError` (naming both units) when the dimensions differ or a unit is unknown.
    """
    src, dst = canonical(from_unit), canonical(to_unit)
    if src == dst:
        return Fraction(1)
    (dim_a, fa), (dim_b, fb) = _entry(src), _entry(dst)
    if dim_a != dim_b:
        raise UnitError(f"unit {from_unit!r} cannot be converted to {to_unit!r} (a different kind of quantity)")
    return fa / fb


def exact(value: Decimal, from_unit: str | None, to_unit: str | None) -> Fraction:
    """``value`` in ``from_unit`` expressed in ``to_unit`` as an exact fraction (20 亩 → 4/3
    万平方米). Sums and comparisons of converted figures are made on these, so that three
    entries of 20 亩 are exactly 4 万平方米. A missing unit means no conversion."""
    if from_unit is None or to_unit is None or from_unit == to_unit:
        return Fraction(value)
    return Fraction(value) * factor(from_unit, to_unit)


@lru_cache(maxsize=256)
def extra_places(from_unit: str, to_unit: str) -> int:
    """Decimal places a conversion adds to a figure (may be negative): 万元 → 亿元 adds 4, 亿元 →
    万元 takes 4 away. A factor that is not a finite decimal (亩 → 万平方米 = 1/15) adds as many as
    show one unit of the source finely enough: the places of its first significant digit
    (:func:`places_shown` adds more for a small figure)."""
    f = factor(from_unit, to_unit)
    if _finite(f):  # its own places (0.0015 → 4, 15 → 0, 10⁴ → −4)
        places = 0
        while (f * 10**places).denominator != 1:
            places += 1
        if places == 0:
            n = f.numerator
            while n % 10 == 0 and n:
                n //= 10
                places -= 1
        return places
    return _first_digit(f)


def _finite(f: Fraction) -> bool:
    """Whether ``f`` has a finite decimal form (its denominator has no prime but 2 and 5)."""
    d = f.denominator
    for prime in (2, 5):
        while d % prime == 0:
            d //= prime
    return d == 1


def _first_digit(x: Fraction) -> int:
    """The decimal place of ``x``'s first significant digit (0.0667 → 2, 6.67 → 0, 666.7 → −2);
    ``x`` positive."""
    places = 0
    while x * 10**places < 1:
        places += 1
    while places > -30 and x * 10 ** (places - 1) >= 1:
        places -= 1
    return places


# Significant digits a figure converted by a factor with no finite decimal shows at least: its
# rounding then moves it by less than 0.5 % (1 百亩 is 6.67 万平方米; at 1 place, 7, it was 5 % off).
SIGNIFICANT = 3


def places_shown(value: Decimal, from_unit: str, to_unit: str) -> int:
    """Decimal places ``value`` in ``from_unit`` is shown with in ``to_unit``: the places typed
    plus :func:`extra_places`; for a factor with no finite decimal, at least as many as show
    :data:`SIGNIFICANT` significant digits of the result (1 百亩 → 6.67 万平方米, 1 亩 → 0.0667,
    100 亩 → 6.67). Raises :class:`UnitError` as :func:`factor` does."""
    places = places_of(value) + extra_places(from_unit, to_unit)
    f = factor(from_unit, to_unit)
    if value and not _finite(f):
        places = max(places, _first_digit(abs(Fraction(value)) * f) + SIGNIFICANT - 1)
    return places


def places_of(value: Decimal) -> int:
    """Decimal places a figure was written with: 318.6 → 1, 680.10 → 2, 1360 → 0, 1E+3 → 0."""
    return max(0, -int(value.as_tuple().exponent))


def shown(value: Fraction, places: int, keep: int = 0) -> Decimal:
    """An exact figure for display: exactly, when it needs no more than ``places`` decimals (at
    least ``keep`` of them, the places typed: 318.6 + 0.4 shows 319.0), else rounded half-up to
    ``places`` (20 亩 in 万平方米 with 2 places: 1.33)."""
    from .numbers import rounded

    places = max(places, 0)
    scaled = value * 10**places
    if scaled.denominator == 1:  # finite within `places`: exact; trailing zeros beyond `keep` go
        d = Decimal(scaled.numerator).scaleb(-places)
        # quantize() takes only its argument's exponent: Decimal(2).scaleb(…) mutants are equivalent.
        while places > keep and d == d.quantize(Decimal(1).scaleb(-(places - 1))):
            places -= 1
            d = d.quantize(Decimal(1).scaleb(-places))
        return d
    return rounded(from_fraction(value), places)


def convert(value: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """``value`` in ``from_unit`` expressed in ``to_unit``, as shown: exact for decimal factors
    (42859 人 → 4.2859 万人); a factor that is not a finite decimal (亩) gives the figure to the
    places :func:`places_shown` gives. Use :func:`exact` for arithmetic. Raises
    :class:`UnitError` naming both units when their dimensions differ.
    """
    if from_unit == to_unit:
        return value
    if canonical(from_unit) == canonical(to_unit):
        return value
    return shown(exact(value, from_unit, to_unit), places_shown(value, from_unit, to_unit))
