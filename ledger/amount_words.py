"""The words a bureau writes for an amount, the figure itself (never its growth): 绝对值（亿元）,
绝对额, 数值, 金额. Defined once, for every place that reads them: a column header alone (a
``value`` column, :mod:`ledger.entries`), after a period (``1-8月 绝对额``, ``8月金额``:
:data:`ledger.header_words.FIGURE_WORDS`), a measure over periods (``绝对额（万元）`` merged over
``1-8月 | 8月``) and a 类别 cell marking a row as the figure rather than its growth
(:mod:`ledger.row_kinds`).
"""

from __future__ import annotations

AMOUNT_WORDS: tuple[str, ...] = ("绝对值", "绝对额", "绝对数", "绝对量", "数值", "金额", "总额", "总量")
