"""A two-row header whose upper row names the measure and whose lower row the period: the
bureau's commonest layout, ``绝对值`` and ``增速(%)`` each merged over ``当月 | 累计``. Combined,
its labels read ``绝对值 当月``, ``增速(%) 累计``: the same columns as ``当月 绝对值`` and ``累计
增速(%)`` with the rows the other way up (``1-8月`` merged over ``绝对值 | 同比增长%``), and read
as those are.
"""

from __future__ import annotations

from .header_words import _BRACKET, _GROWTH, _PERIOD, FIGURE_WORDS, NAMED_PERIODS, digit_months, named_span
from .names import key

# What a period row says alone: the month's own (当月, 本月, 本期, 当期) or the year so far (累计,
# 本年累计, 1-8月累计), as names.key writes them.
_MONTH_ALONE = frozenset({"当月", "本月", "本期", "当期", "单月", "本月数", "当月数"})
_YEAR_SO_FAR = frozenset({"累计", "本年累计", "年累计", "本年度累计", "累计数", "累计值", "本年", "今年以来"})


def _is_period(k: str) -> bool:
    """Whether ``k`` (a :func:`~ledger.names.key`) names a period and nothing else: 当月, 累计,
    本年累计, 8月, 1-8月, 1-8月累计, 上半年."""
    if k in _MONTH_ALONE or k in _YEAR_SO_FAR:
        return True
    k = digit_months(k)
    if (m := _PERIOD.match(k)) is not None:
        return k[m.end() :] in ("", "累计")
    if (span := named_span(k)) is not None:
        return k[span[1] :] in ("", "累计")
    return any(k == w or k == w + "累计" for w in NAMED_PERIODS)


def _is_measure(k: str) -> bool:
    """Whether ``k`` (a :func:`~ledger.names.key`) names what a column measures and no period:
    绝对值, 完成值, 总量 (with or without a unit in brackets), or a growth (增速(%), 同比增长%)."""
    bare = _BRACKET.sub("", k)
    if _is_period(k) or any(k.startswith(w) for w in ("本月", "当月", "本期", "当期", "累计")):
        return False
    if _PERIOD.match(digit_months(k)) or named_span(k) is not None:
        return False
    return (bare != "" and bare in FIGURE_WORDS) or _GROWTH.search(k) is not None


def period_first(label: str) -> str | None:
    """A combined label of the measure over the period (``绝对值 当月``, ``增速(%) 累计``,
    ``绝对值（亿元） 1-8月``) written period first (``当月 绝对值``, ``累计 增速(%)``), as
    :func:`~ledger.column_kinds.describe` reads a group over its sub-labels; ``None`` for any
    other label (one part, the period already first, or parts that are not a measure and a
    period). ``增速(%) 当月`` is the month's own growth, never the year's: read the other way up
    it would be taken as the rate's figure."""
    head, sep, tail = label.rpartition(" ")
    if not sep or not head.strip() or not tail.strip():
        return None
    if not _is_measure(key(head)) or not _is_period(key(tail)):
        return None
    return f"{tail} {head}"
