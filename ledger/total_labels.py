"""What says a row is a total of others, so that it is never counted with them: its label is a word
for a total or subtotal, before or after the name of what it totals, or a place or scope naming the
whole (:func:`is_total_row`).
"""

from __future__ import annotations

from functools import lru_cache

from .names import key
from .patterns import LazyPattern

_WORD = r"(?:合计|总计|小计|共计|汇总|总共)"  # a word for a total or subtotal
_SCOPE = r"(?:全区|全园区?|全市|全县|全镇|全街道?|全域|全部|所有|全体)"  # a word naming the whole
# Words that may follow a scope and say only what is summed (全区新增, 全部载体, 全区新增面积合计).
_WHAT = r"(?:新增|累计|合计|总计|小计|共计|汇总|载体|项目|企业|单位|总量|总数|总额|总和|总|面积|数量|数|量|额)"
# What a 总 ("whole") before it makes a total (总面积, 总数量, 总新增面积): a measure, never a thing
# (总部大楼 is a building).
_MEASURE = r"(?:面积|数量|个数|家数|数|量|额|和|金额|规模)"
# The measures a label may end with after 总 whatever comes before (载体总数, 全区载体总面积,
# 新增创新空间总面积): 总量 and 总额 only alone or after a scope, as 能源消费总量 and 社会消费品零售总额
# name statistics, never totals of rows.
_END_MEASURE = r"(?:面积|数量|个数|家数|数)"

# A row label that says the row is a total, as names.key writes it (NFKC, no spaces, lower case,
# （） → (), ：→ :):
# - a word for a total or subtotal at its end, after anything (全区总计, 经开区合计, 以上合计,
#   各载体合计, 其中:小计, 新增创新空间面积合计), with 数 (合计数);
# - such a word first, before a colon or a count (合计：新增创新空间面积, 共计2个载体; 汇总中心大楼 is a
#   carrier; 合计新增创新空间面积 is told by the target's name, see is_total_row);
# - a count of what is summed (共2个, 共计3家载体);
# - such a word in brackets after a name (新增创新空间面积（合计）, 东湖片区（小计）);
# - 累计 as a row's label, after a few Chinese characters at most (累计, 全区累计: 1-8月累计 is a
#   period, never a row label);
# - a word naming the whole alone or with words saying what is summed (全区, 全部, 全区新增, 全部载体),
#   or alone 总数, 总量, 总和, 总额, Total, Subtotal, Grand total, Sum; the whole itself is one with 所有
#   or 全体 (所有载体, 全体企业) and with 总 before what is summed (全区总面积, 全部总数量);
# - 总 before a measure, alone (总面积, 总数量, 总新增面积, 总量) or, for 总面积, 总数量, 总数, 总个数, 总家数,
#   after anything (载体总数, 全区载体总面积).
# A count in brackets and a colon may follow (合计(2个)：).
_TOTAL_ROW = LazyPattern(
    rf"^(?:.{{0,40}}?{_WORD}数?|{_WORD}[:\d].*|共\d+(?:个|家|项|处|座).*|.{{1,40}}\({_SCOPE}?{_WORD}[^)]{{0,12}}\)"
    r"|(?:其中:?)?[\u4e00-\u9fff]{0,5}?累计"
    rf"|{_SCOPE}{_WHAT}*|全市|总(?:新增|累计)?{_MEASURE}|.{{1,40}}?总(?:新增)?{_END_MEASURE}|(?:grand|sub-?)?totals?|sum)"
    r"(?:\([^)]{0,12}\))?[:]?$"
)


@lru_cache(maxsize=4096)  # a sheet names the same few labels on many rows
def is_total_row(text: str, names: tuple[str, ...] = ()) -> bool:
    """Whether ``text``, a row's label (its name or carrier cell) that names no target, says the
    row is a total of other rows: 合计, 合　计, 全区总计, 以上合计, 经开区合计, 各载体合计, 全区小计,
    累计, 全区, 全区新增, 共计2个载体, Total, Sub-total; and, ``names`` being the names of what the
    rows add up to (a target's name, id, aliases), such a word before or after one of them
    (合计：新增创新空间面积, 新增创新空间面积（合计）, 全区新增创新空间面积). In full or half width,
    with spaces anywhere."""
    said = key(text)
    if _TOTAL_ROW.match(said):
        return True
    for name in names:
        rest = said.replace(k, "", 1).strip(":") if (k := key(name)) and k in said else ""
        if rest and (_TOTAL_ROW.match(rest) or _TOTAL_ROW.match(rest.strip("()"))):
            return True
    return False
