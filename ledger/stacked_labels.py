"""A two-row header whose upper row names the measure and whose lower row the period: the
bureau's commonest layout, ``绝对值`` and ``增速(%)`` each merged over ``当月 | 累计``. Combined,
its labels read ``绝对值 当月``, ``增速(%) 累计``: the same columns as ``当月 绝对值`` and ``累计
增速(%)`` with the rows the other way up (``1-8月`` merged over ``绝对值 | 同比增长%``), and read
as those are.
"""

from __future__ import annotations

from .header_words import (
    _BRACKET,
    _GROWTH,
    _MONTH_WORDS,
    _PERIOD,
    FIGURE_WORDS,
    NAMED_PERIODS,
    SINCE_YEAR_START,
    SINCE_YEAR_START_FIRST,
    digit_months,
    named_span,
)
from .names import key
from .patterns import LazyPattern

# What a period row says alone: the month's own (当月, 本月, 月度, 本期, 当期) or the year so far (累计,
# 本年累计, 1-8月累计), as names.key writes them.
_MONTH_ALONE = frozenset({*_MONTH_WORDS, "本月数", "当月数"})
_YEAR_SO_FAR = frozenset({"累计", "本年累计", "年累计", "本年度累计", "累计数", "累计值", "本年", "今年以来"})


def _is_period(k: str) -> bool:
    """Whether ``k`` (a :func:`~ledger.names.key`) names a period and nothing else: 当月, 累计,
    本年累计, 8月, 1-8月, 1-8月累计, 上半年."""
    if k in _MONTH_ALONE or k in _YEAR_SO_FAR:
        return True
    k = digit_months(k)
    if k[:1] in SINCE_YEAR_START_FIRST and (since := SINCE_YEAR_START.match(k)) is not None:
        return k[since.end() :] in ("", "累计")  # 截至本月, 1至本月累计, 自年初累计
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


# A group label naming what its columns hold by a sector or a quantity alone (工业, 外贸, 出口额),
# with the columns' unit in brackets: its raw text split into the word and the unit.
_TOPIC = LazyPattern(r"^\s*([\u4e00-\u9fff]{1,10})\s*[(（]\s*(?:单位\s*[:：]\s*)?([^()（）\s]+)\s*[)）]\s*$")
# Words that make a group something other than the figure of its period: a change or a gap
# (增量, 增减额, 差额, 下降), a share or a rate (占比, 比重, 完成率), an average, a comparison or a
# goal (上年, 同期, 目标, 计划, 预计), a balance (余额), or an area (全区, 经开区, 园区, 其中): read as
# one of those, the period below would be taken for the plan's figure.
_NOT_TOPIC = LazyPattern(
    r"增|减|降|升|差|比|占|率|均|余|缺|同期|上年|去年|前年|往年|目标|计划|预计|预测|预期|任务|其中|全|"
    r"(?:区|市|县|省|镇|乡|街道|园|村)$"
)


def topic_over_period(label: str) -> str | None:
    """A combined label of a group naming a sector or quantity with its unit (``工业（亿元）``)
    over a period (``1-8月累计``, ``8月``) as the period with that unit (``1-8月累计（亿元）``,
    ``8月（亿元）``): the unit is the group's and the period the column's; the word (工业) is the
    rows' topic, which names no field. ``None`` for any other label, and for a group whose words
    say anything of their own (增量, 上年同期, 目标, 全区, 占比: :data:`_NOT_TOPIC`) or that
    :func:`~ledger.column_kinds.describe` reads by itself, or a period carrying a unit of its own."""
    head, sep, tail = label.rpartition(" ")
    if not sep or (m := _TOPIC.match(head)) is None or not _is_period(key(tail)) or _BRACKET.search(key(tail)):
        return None
    word, unit = m.group(1), m.group(2)
    if _NOT_TOPIC.search(word.replace("增加值", "")) or _is_measure(key(head)):
        return None
    from .column_kinds import describe  # column_kinds reads this module's labels

    said = describe(head)
    if said.field is not None or said.why is not None:
        return None
    return f"{tail.strip()}（{unit}）"
