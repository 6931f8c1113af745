"""What says a row is a total of others, so that it is never counted with them: its label is a word
for a total or subtotal, perhaps after a place or a scope (:func:`is_total_row`).
"""

from __future__ import annotations

from functools import lru_cache

from .names import key
from .patterns import LazyPattern

# A row label that says the row is a total, as names.key writes it (NFKC, no spaces, lower case,
# （） → ()): a word for a total or subtotal (合计, 总计, 小计, 汇总, 共计, 总额合计, 合计数), after a
# place or a scope of up to eight characters (全区总计, 经开区合计, 以上合计, 各载体合计, 其中:小计);
# 累计 as a row's label, after a few Chinese characters at most (累计, 全区累计: 1-8月累计 is a
# period, never a row label); or a word naming the whole alone (全区, 全部, 总数, 总量, Total,
# Subtotal, Grand total, Sum). A count in brackets and a colon may follow (合计(2个)：).
_TOTAL_ROW = LazyPattern(
    r"^(?:.{0,8}?(?:合计|总计|小计|共计|汇总)数?|(?:其中:?)?[\u4e00-\u9fff]{0,5}?累计"
    r"|全区|全部|全园区?|全市|全县|总数|总量|总和|总额|(?:grand|sub-?)?totals?|sum)"
    r"(?:\([^)]{0,12}\))?[:]?$"
)


@lru_cache(maxsize=4096)  # a sheet names the same few labels on many rows
def is_total_row(text: str) -> bool:
    """Whether ``text``, a row's label (its name or carrier cell) that names no target, says the
    row is a total of other rows: 合计, 合　计, 全区总计, 以上合计, 经开区合计, 各载体合计, 全区小计,
    累计, 全区, Total, Sub-total. In full or half width, with spaces anywhere."""
    return bool(_TOTAL_ROW.match(key(text)))
