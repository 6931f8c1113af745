"""What a header label says of its column by itself (:func:`describe`): its field, its unit, whether
it is a running total, and why a column of percents or goals gives no figure.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from . import units
from .entries import COLUMNS
from .header_units import in_brackets
from .header_words import (
    _AVERAGE,
    _BRACKET,
    _CONTRIBUTION,
    _DECLINE,
    _EARLIER_PART,
    _GROWTH,
    _MONTH_ON_MONTH,
    _OTHER_MONTH,
    _OTHER_MONTHS,
    _PERIOD,
    _RATE_CHANGE,
    _SAME_MONTH,
    _SHARE,
    _SINCE_YEAR_END,
    _SINGLE_MONTH,
    FIGURE_WORDS,
    GROWTH_RATE_CHANGE,
    IGNORE,
    NAMED_PERIODS,
    NAMES,
    SINCE_YEAR_START,
    SINCE_YEAR_START_FIRST,
    SINCE_YEAR_START_WORD,
    VERSUS_YEAR,
    YEAR,
    digit_months,
    named_span,
    part_of_year,
)
from .month_spans import join_spans, unread_span
from .names import key
from .patterns import LazyPattern
from .stacked_labels import period_first, topic_over_period
from .table import Column

if TYPE_CHECKING:
    from .model import Target

_LOOKUP = {key(f): f for f in COLUMNS} | {key(a): f for f, names in NAMES.items() for a in names}


def _brackets(k: str) -> tuple[str, str | None]:
    """``k`` (a :func:`~ledger.names.key`) without the brackets that say a unit or a period,
    and the unit: ``1-8月(万元)累计`` → ``1-8月累计``, 万元 (a unit merged over 累计 | 本月 lands
    mid-label); ``累计(1-8月)`` → ``1-8月累计``. A bracket saying anything else stays."""
    unit: str | None = None
    period = ""
    if "(" not in k and "[" not in k:  # what _BRACKET needs: most headers have no bracket
        return k, None
    for m in reversed(list(_BRACKET.finditer(k))):
        inside = m.group(1)
        if unit is None and (u := units.known(inside)):
            unit = u
        elif not period and (_PERIOD.fullmatch(inside) or _named_period(inside)):
            period = inside  # 累计（1-8月）, 新增（当年）, 新增(今年以来): the period first
        else:
            continue
        k = k[: m.start()] + k[m.end() :]
    return period + k, unit


def _named_period(text: str) -> bool:
    """Whether ``text`` (a bracket's words) names the year so far by a word (当年, 今年以来, 年初至今,
    本年累计), not by months: a word of one character (已) is not enough there (已验收)."""
    if any(text.startswith(w) and len(w) > 1 for w in NAMED_PERIODS) or text in ("累计", "累积"):
        return True
    return text[:1] in SINCE_YEAR_START_FIRST and SINCE_YEAR_START.match(text) is not None  # 新增（截至本月）


def describe(label: str, mapped: str | None = None) -> Column:
    """What a header label means by itself: its field, the unit in brackets in it, and whether
    it is a running total. ``1-9月累计(万元)`` → value in 万元, running total of 9 months;
    ``1—6月 本月`` → the month's figure; ``1-2月 同比增长%`` → growth; ``新增面积（平方米）`` →
    value in 平方米. ``mapped`` (from ``--map``) overrides the field.

    A single month (``8月``, ``8月完成``, ``8月 绝对值``, ``当月``, ``本月新增``, and a header saying
    本月, 当月, 单月, 本期 or 当期 anywhere: ``本月产值``, ``8月单月``, ``完成值（本月）``) is that month's
    own figure (``month_value``), never the 1—N月 running total; its growth (``8月 同比增长%``,
    ``单月增速%``, ``增速（当月）%``) is the month's, not year-to-date growth, and gives no field. A
    year alone (``2025年``, ``2024（亿元）``) is that year's figure so far (a running total, dated by
    the sheet; ledger.column_periods leaves out another year's). A running total is also written
    ``2025年1-8月累计``, ``累计（1-8月）``, ``1-8月止累计``, ``截至8月累计``, ``本月止累计``,
    ``今年以来新增``, or ``8月末`` (the level at the month's end). A column whose header carries a
    unit other than % (``比上年同期增减(亿元)``) or speaks of 百分点 or an amount (增减额) is never
    growth, and neither is a percent of something else (``完成率%``, ``占全区比重%``, ``环比增长%``,
    ``上年同期增长%``, a bare ``%``), nor growth over an earlier part of the year (``比上季度增长%``),
    since last year's end (``比年初增长%``), averaged over years (``两年平均增长%``) or a contribution
    (``增长贡献率%``), nor growth over the month before or a month named (``较前月增长%``, ``比7月增长%``),
    nor a change of the growth rate (``增速提高``, ``同比回落``: points, :func:`is_change`); growth over
    the same month of last year (``比上年同月增长%``) is that month's own: only year-on-year growth (同比,
    增速, 增长, 比上年, 比2024年同期, ±) is. Such a
    column gives no field and says why (:attr:`Column.why`). The measure over the period (``绝对值
    当月``, ``增速(%) 累计``) reads as the period over the measure (:func:`period_first`)."""
    if (bracketed := in_brackets(label)) != label:  # 本月新增/亩, 本月新增 亩: 本月新增（亩）
        return dataclasses.replace(describe(bracketed, mapped), label=label)
    if (swapped := period_first(label)) is not None:
        return dataclasses.replace(describe(swapped, mapped), label=label)
    if (topic := topic_over_period(label)) is not None:  # 工业（亿元） over 1-8月累计: 1-8月累计（亿元）
        return dataclasses.replace(describe(topic, mapped), label=label)
    whole, unit = _brackets(key(label))
    k = whole if whole else key(label)
    k = join_spans(k)  # 2025年1月-2025年8月累计 as 2025年1-8月累计, before its year is taken off
    if "月" in k and unread_span(k) is not None:  # 1月5日-8月31日累计: its first month is no period
        given = None if mapped is None or mapped in IGNORE else mapped
        return Column(0, label, given, unit, False, None, mapped is not None, None if mapped else _DAYS)
    k = k.replace("累积", "累计")  # 累积新增: the year so far, as 累计新增
    # 比2024年同期增长%: growth over the year named, read as over 上年; column_periods holds the year named to
    # the sheet's (the year before it, or the column is not the sheet's year-on-year growth)
    k = VERSUS_YEAR.sub(r"\1上年", k) if "年" in k and ("比" in k or "较" in k or "与" in k) else k
    # 2025年1-8月累计: the year is the sheet's, the months the column's
    k, years = YEAR.subn("", k, count=1) if "年" in k else (k, 0)
    if _BARE_YEAR.fullmatch(k):  # 2024（亿元）: a year without 年 is a year all the same
        k, years = "", 1
    k = digit_months(k)  # 八月, 一-八月累计: as 8月, 1-8月累计
    if k[:1] in SINCE_YEAR_START_FIRST and (since := SINCE_YEAR_START.match(k)):  # 1月至今, 至本月: not one month's
        k = SINCE_YEAR_START_WORD + k[since.end() :]
    if k[:1] in "本今当年自前" and (lead := _SO_FAR_LEAD.match(k)):  # 本年1-8月新增, 年初至8月, 前8个月: 1—8月
        k = (f"1-{lead.group(1)}月" if lead.group(1) else "") + k[lead.end() :]
    if mapped is None and "季" in k and _THIS_QUARTER.search(k):  # 本季, 当季度新增: not the year so far
        return Column(0, label, None, None, False, None, False, THIS_QUARTER)
    months: int | None = None
    # A year alone (2025年, 2024（亿元）) is that year's figure so far, dated by the sheet, as 本年累计
    # is: the one of the sheet's year is its figure, another year's is for comparison (column_periods).
    ranged = years > 0 and k == ""
    single = said_month = False  # said_month: the header says 本月, 当月, 单月 (not only 8月)
    rest = k
    period: re.Match[str] | None = None  # the months a header names first (1-8月, 8月); a title has none
    if "月" in k and (period := _PERIOD.match(k)):
        first, last, upto = period.group(2), period.group(3), period.group(1) or period.group(4)
        months = int(last) if last.isdigit() else None
        ranged = (first is not None and first == "1") or upto is not None
        single = first is None and upto is None
        rest = k[period.end() :]
        if ranged and rest.startswith(_THIS_SPAN):  # 1-8月 over 本期 | 上年同期: 本期 is those months
            rest = rest[2:]
        if single and (said := _month_said(rest)) is not None:
            rest, said_month = said, True  # 8月单月, 8月(当月): month 8's own
        if mapped is None and not ranged and first is not None and months is not None and int(first) < months:
            return Column(0, label, None, None, False, months, False, part_of_year(int(first), months))  # 7-9月
    elif (span := named_span(k)) is not None:
        (first_month, months), length = span
        if mapped is None and first_month > 1:  # 三季度, 下半年: those months' own figures
            return Column(0, label, None, None, False, months, False, part_of_year(first_month, months))
        ranged, rest = True, k[length:]
    else:
        for word, n in NAMED_PERIODS.items():  # longest first: 本年以来 before 本年
            if k.startswith(word):
                months, ranged, rest = n, True, k[len(word) :]
                break
        else:
            if k not in _LOOKUP and (said := _month_said(k)) is not None:
                single = said_month = True
                rest = said  # 本月完成, 当月新增, 本期, 单月增速, 完成值(本月): the month's own
            elif years:
                ranged = True  # 2025年新增, 2025年完成值: the year's so far, as 2025年 alone is
    lookup = _LOOKUP.get(k)
    if lookup == "target" and (unit is not None or (years and k in _GOAL_OR_NAME)):
        lookup = None  # 目标（亿元）, 2025年目标: a name has no unit nor year; such a column holds the goal
    why = (
        None
        if mapped is not None or lookup is not None
        else _compared(k) or _not_a_figure(k, rest) or _not_growth(rest, unit)
    )
    if why is not None:
        return Column(0, label, None, None, False, months, False, why)
    cumulative = "累计" in rest
    running = ranged or "累计" in k
    found: str | None
    growth_like = _GROWTH.search(rest) is not None or _LOOKUP.get(k) == "growth" or _LOOKUP.get(rest) == "growth"
    if mapped is not None:
        found = None if mapped in IGNORE else mapped
    elif growth_like and (
        (unit is not None and unit != "%")
        or "百分点" in rest
        or any(w in rest for w in ("额", "量"))
        or _RATE_CHANGE.search(k)
    ):
        found = None  # 比上年同期增减(亿元), 增减(百分点), 增长额, 增速提高: a change, not a growth rate (is_change)
    elif single and not cumulative and growth_like:
        found, why = None, MONTHS_GROWTH  # 8月 同比增长%: never year-to-date growth
    elif lookup is not None:
        found = lookup
    elif growth_like:
        found, unit = "growth", "%"
    elif (
        single
        and not cumulative
        and (rest in FIGURE_WORDS or rest.startswith("新增") or (said_month and _measure(rest)))
    ) or rest in (
        "本月",
        "当月",
        "本月数",
        "当月数",
        "本月值",
        "当月值",
    ):
        found, running = "month_value", False
    elif (
        (rest.lstrip("累计") in FIGURE_WORDS or rest.startswith("新增"))
        and (months is not None or ranged or cumulative)
    ) or k.startswith(("新增", "累计新增")):
        found = "value"
    elif re.search(r"(进展情况|工作进展|推进情况)$", k) and period is not None:
        found = "note"  # 1月进展情况: what was done this month
    else:
        found = _LOOKUP.get(rest) if rest != k else None
        if found == "target" and unit is not None:
            found = None
    if found == "growth":
        unit, running = "%", False
    if found not in ("value", "month_value", "growth"):
        running, months = False, (months if found is None else None)
    return Column(0, label, found, unit, running and found == "value", months, mapped is not None, why)


# Words under a group naming the year so far (1-8月 merged over 本期 | 上年同期 | 增长%, or 本年 | …) that say
# the group's period: the figure of 1—8月, as 1-8月 alone is. (本月 under 1—6月 stays the month's own.)
_THIS_SPAN = ("本期", "当期", "本年")
_DAYS = "a span of days, not of whole months: write the months (1-8月累计)"
_BARE_YEAR = re.compile(r"20\d\d")  # as YEAR reads a year with 年
# Words before a header's months that make them the year so far, as names.key writes them: 本年1-8月,
# 今年1-8月, 年初至8月 (年初-8月), 自年初至8月; 前8月, 前8个月 (group 1: the months, 1—8月).
_SO_FAR_LEAD = LazyPattern(r"^(?:(?:本年|今年|当年)(?=\d{1,2}(?:月份?)?-)|自?年初(?=-\d{1,2}月)|前(\d{1,2})个?月份?)")
# The year so far said anywhere in a header (1-8月合计新增, 年初数, 至今, 今年来): enough that no hint offers
# such a column as a month's own addition, and that --map may not make it one (says_year_so_far).
_SO_FAR = LazyPattern(
    r"累计|累积|年初|(?<!截)-今|以来|今年来|年内|^(?:本|今|当)年|(?<!\d)1-(?:[2-9]|1[0-2])月|前\d{1,2}个?月"
)
# What a single month's header may name besides its figure words that is still its own figure: a
# quantity that adds up (本月产值, 8月投资额), never a note, a status, another field tracker reads, nor
# a standing that holds as of the month (8月排名, 8月指数, a rate).
_NOT_MEASURE = LazyPattern(
    r"进展|推进|工作|情况|说明|备注|原因|措施|问题|举措|状态|名称|单位|日期|时间|排名|名次|位次|排位|得分|分数|指数|率|%"
)


# A quarter's own figure by words that name no quarter (本季, 本季度, 当季, 当季度新增, 完成值（本季）): the
# sheet's date says which (ledger.quarter_words); 截至本季度 is the year so far, read as 截至本月 is.
_THIS_QUARTER = LazyPattern(r"(?<!截-)(?<!截止)(?<!-)(?:本|当)季(?:度)?(?!末|底)")
THIS_QUARTER = "a quarter's own figures (本季), not the year so far"


def _month_said(k: str) -> str | None:
    """``k`` (a :func:`~ledger.names.key`) without the word saying it holds a single month's own
    figure (本月, 当月, 单月, 本期, 当期, also in brackets), or ``None`` where it says none:
    ``本月产值`` → ``产值``, ``完成值(本月)`` → ``完成值``, ``单月增速`` → ``增速``. The year so far to
    this month (本月止累计, 截至本月) is not the month's own and is read before this is asked."""
    said = _SINGLE_MONTH.compiled.sub("", k, count=1)
    return said if said != k else None


def _measure(rest: str) -> bool:
    """Whether the words of a header saying 本月, 当月 or 单月 besides them (``产值`` of ``本月产值``) name
    a quantity, whose figure the column holds: not a field of its own (排名, 备注) nor a note's words.
    (After a month alone, ``8月份报送数`` may be the 1—8月 figure a bureau reports in August: not read.)"""
    return bool(rest) and _LOOKUP.get(rest) is None and _NOT_MEASURE.search(rest) is None


# Why a column of a percent or a growth is not used (Column.why): a rate's figure is its
# year-to-date, year-on-year growth, which none of these is, whatever --map would make of it.
MONTHS_GROWTH = "a single month's growth, not year-to-date"  # 8月同比增长%
BESIDE_MONTH = "beside a single month's figure: the month's own growth, not year-to-date"  # 8月 | 增速%
MONTH_ON_MONTH = "growth over the month before, not year-on-year"  # 环比增长%, 较前月增长%
OTHER_MONTH = "growth over another month of the year (环比), not year-on-year"  # 比7月增长%
SHARE = "a share of a whole, not growth"  # 占全区比重%
LAST_YEARS_GROWTH = "last year's growth, for comparison"  # 上年同期增长%
PERCENT_OF = "a percent of what the header does not say, not growth"  # a bare %
PROGRESS = "progress against the goal, not growth"  # 完成率%
CHANGE = "a change on last year, not a growth rate nor the figure"  # 增减（百分点）, 增减(亿元)
# 同比回落, 增速提高, 回落（个百分点）: what header_words' one reading of these words says (_GROWTH_RATE_CHANGE).
RATE_CHANGE = "a change of the growth rate in points (回落/提高 0.6: growth 0.6 points lower/higher), not growth"
EARLIER_PART = "growth over an earlier part of the year (环比), not year-on-year"  # 比上季度增长%
SINCE_YEAR_END = "growth since the end of last year, not year-on-year"  # 比年初增长%, 比上年末增长%
AVERAGE = "an average growth over several years, not this year's year-on-year growth"  # 两年平均增长%
CONTRIBUTION = "a contribution to the whole's growth, not growth"  # 增长贡献率%
# 同比下降%, 比上年减少%, 同比降幅% (header_words' _DECLINE, its one reading): a fall written without its sign
# (3.2 for growth of −3.2 %): no column's figure, but a row's of a target that records falls (records_falls).
DECLINE = "a fall written without its sign (下降 3.2 is growth of −3.2), not signed growth"
NOT_GROWTH = frozenset(
    {MONTHS_GROWTH, BESIDE_MONTH, MONTH_ON_MONTH, OTHER_MONTH, SHARE, LAST_YEARS_GROWTH, PERCENT_OF, PROGRESS, EARLIER_PART,
     SINCE_YEAR_END, AVERAGE, CONTRIBUTION, DECLINE}
)  # fmt: skip
_RISE = LazyPattern(r"增|升|涨|±|\+")


# A rise beside a fall in a target's name (增减, 升降, 增长（+）): its figures are signed, not a fall's.
_SIGNED_NAME = LazyPattern(r"增减|升降|涨跌|增\(?\+|±")


def records_falls(target: Target) -> bool:
    """Whether ``target`` is a rate whose figures are falls written as positive numbers, so that a
    column of falls without their sign (:data:`DECLINE`: ``下降率%``, ``同比下降%``, ``降幅%``) holds its
    very figure: its name says a fall (``能耗下降率``, ``单位工业增加值能耗降低率``), a bigger one
    better (``direction = "up"``), its target none below 0. ``能耗下降`` with ``target = -3`` and
    ``direction = "down"`` records signed growth (−3.2 for a fall of 3.2): not one."""
    from .model import Direction, Kind

    if target.kind is not Kind.RATE or target.direction is not Direction.UP:
        return False
    if any(v is not None and v < 0 for v in (target.target, target.baseline, target.previous, target.stretch)):
        return False
    return names_a_fall(target.name)


def names_a_fall(name: str) -> bool:
    """Whether a target's ``name`` says its figure is a fall (``能耗下降率``, ``单位GDP能耗降低率``,
    ``能耗降幅``), not signed growth (``能耗增减率``, ``升降``): the name :func:`records_falls` asks for."""
    k = key(name)
    return _DECLINE.search(k) is not None and _SIGNED_NAME.search(k) is None


def change_said(label: str) -> str:
    """What a column :func:`is_change` calls a change holds, as a refusal says it: :data:`RATE_CHANGE`
    for a change of the growth rate (``同比回落``, ``增速提高``, ``回落（个百分点）``), :data:`CHANGE` for
    any other (``增减（百分点）``, ``增减(亿元)``, ``较上年进位``)."""
    return RATE_CHANGE if GROWTH_RATE_CHANGE.search(key(in_brackets(label))) else CHANGE


def is_change(label: str) -> bool:
    """Whether a header names a change on last year rather than a growth rate or a figure: a
    growth word with a unit other than % (``增减(亿元)``), 百分点 (``增减（百分点）``, ``比上年提高（个百分点）``),
    an amount (``增长额``), or a change of the growth rate with or without 百分点 (``增速提高``, ``增幅回落``,
    ``增速比上年同期提高``, ``增速变化``, ``同比提高``; ``同比增减%`` stays growth). :func:`describe` gives it no field; no hint may offer it as the figure."""
    whole, unit = _brackets(key(in_brackets(label)))
    k = whole or key(label)
    if _GROWTH.search(k) is None and "百分点" not in k:
        return False
    return (
        (unit is not None and unit != "%")
        or "百分点" in k
        or "个点" in k
        or any(w in k for w in ("额", "量"))
        or _RATE_CHANGE.search(k) is not None
    )


# Headers of a goal beside the figures (年度目标 | 1-8月累计): never a figure column.
_GOALS = frozenset(
    key(h) for h in ("年度目标", "全年目标", "目标值", "年度目标值", "全年目标值", "年度计划", "全年计划", "计划数",
                     "计划值", "目标数", "年度目标任务", "全年目标任务", "目标任务", "年度任务目标", "年目标")
)  # fmt: skip
# Progress against the goal (完成进度%, 完成率, 进度%, 完成年度目标%, 占全年目标%, 序时进度): a share of
# the goal, never the growth rate beside it.
_PROGRESS = LazyPattern(r"进度|完成率|完成比例|完成比重|(完成|占)(年度|全年|年)?(目标|计划)")
# Last year's figure beside this year's (上年同期, 去年同期累计, 上年1-8月): for comparison only.
_LAST_YEAR = ("上年", "去年", "同期", "上年同期")


@lru_cache(maxsize=1024)  # asked for every row of an increment, about one column's header
def is_running_total_header(header: str) -> bool:
    """Whether a column holds year-to-date running totals: 1—7月累计, 累计值, 本年累计, 年初至今, 1-6月,
    一至三月累计, 今年以来新增, 前三季度新增, 上半年新增 (:func:`describe`)."""
    k = key(header)
    return "累计" in k or "累积" in k or "年初-今" in k or describe(header).running_total


def says_year_so_far(header: str) -> bool:
    """Whether a header says the year so far anywhere (:func:`is_running_total_header`, or words such as
    ``1-8月合计新增``, ``年初数``, ``至今新增``, ``今年来新增``): never a month's own addition, whatever else
    it says."""
    return is_running_total_header(header) or _SO_FAR.search(digit_months(key(header))) is not None


# What a note says before a bracket (8月新增（1-8月累计19.5）): what the figure is; the bracket cites.
_NOTE_HEAD = LazyPattern(r"[（(【\[]")


def is_year_so_far_note(note: str) -> bool:
    """Whether an entry's ``note`` calls its figure the year so far, read as a sheet's header is
    (:func:`is_running_total_header`): ``1至3月累计``, ``一至三月累计``, ``今年以来新增``, ``年内新增``,
    ``前三季度新增``, ``截至3月累计新增`` are; ``8月新增（1-8月累计19.5）``, ``本月新增（本年累计19.5）`` are
    not (the words before the bracket say what the figure is; the bracket only cites the year so
    far), nor a back-fill of the months not yet recorded (``1—7月新增（补记）``, as ``check`` suggests)."""
    if "补记" in note:
        return False
    return is_running_total_header(note_head(note))


def note_head(note: str) -> str:
    """What a note says its figure is: the words before a bracket (``8月新增（1-8月累计19.5）`` →
    ``8月新增``), or the whole note when it starts with one."""
    head = _NOTE_HEAD.split(note, maxsplit=1)[0].strip()
    return head or note


def _not_a_figure(k: str, rest: str) -> str | None:
    """Why a header (``k``, a :func:`~ledger.names.key` without its year; ``rest`` after its
    period) names a column that holds no figure of the period, or ``None``: another period's
    (上年同期, 上月, 截至上月累计), a goal (全年目标, 年度计划), a forecast (全年预计) or progress (完成率%)."""
    if k.startswith(_LAST_YEAR) or rest.startswith(_LAST_YEAR):  # 上年累计, 1-8月上年同期
        return LAST_YEARS_GROWTH if _GROWTH.search(k) else LAST_YEAR
    if _EARLIER.match(k) or _EARLIER.match(rest):  # 上月, 截至上月累计, 1-8月上期
        return EARLIER
    if _FORECAST.search(k):  # 全年预计, 预计完成, 1-12月预测: a figure not yet reached
        return FORECAST
    if k in _GOALS or rest in _GOALS:
        return GOAL
    if _PROGRESS.search(rest):
        return PROGRESS
    if _GOAL_WORD.search(rest):  # 新增目标（平方米）, 全年任务（亿元）: a goal, whatever else it says
        return GOAL
    return None


# Why a column holds no figure of the sheet's period (Column.why), whatever --map would make of it.
GOAL = "the year's goal, not a figure"
FORECAST = "a forecast, not a figure"
LAST_YEAR = "last year's figure, for comparison"
EARLIER = "the period before the sheet's, not its own figure"
# The month or period before the sheet's, as names.key writes it (截至 → 截-): 上月, 上个月, 上期,
# 上一期, 上季度, 截至上月累计, 截止上月末, 上月止累计. (上年, 上半年 are not: 上年 is _LAST_YEAR's.)
_EARLIER = LazyPattern(r"(?:截-|截止|到)?上(?:个?月|一?期|一?季度?)")
# A forecast or estimate of a figure (全年预计, 预计完成, 预测数, 预估, 估计): not reached yet.
_FORECAST = LazyPattern(r"预计|预测|预估|估计|预期")
# The reasons a column is no figure of the period at all: --map may not make it one (ledger.refused_maps).
NO_FIGURE = frozenset({GOAL, FORECAST, LAST_YEAR, LAST_YEARS_GROWTH, EARLIER})


# A goal, task or plan named anywhere in a header that is not itself a name column's
# (重点任务, 任务名称 are looked up first): 新增目标, 年度新增任务, 计划新增.
_GOAL_WORD = LazyPattern(r"目标|任务|计划")


# The headers that name the target column alone and a goal beside one: 目标 (the target), 任务 (a
# task list's tasks). With a unit they are a goal always (目标（亿元）: a name has no unit).
_GOAL_OR_NAME = frozenset({key("目标"), key("任务")})


def _goal_or_name(text: Any, given: dict[str, str]) -> bool:
    """Whether a header cell is a bare 目标 or 任务 that ``--map`` does not name."""
    k = key(str(text))
    return k in _GOAL_OR_NAME and k not in given


def _goal_beside_name(columns: list[Column]) -> list[Column]:
    """``columns`` with a bare 目标 or 任务 read as the year's goal, not the target's name, when
    another column names the target (``指标名称 | 目标 | 1-8月累计``: the goal is beside the name).
    Alone it names the target; two of them (``任务 | 目标``) are left for :func:`_fields` to
    refuse, since which names the rows cannot be told."""
    named = [c for c in columns if c.field == "target"]
    goals = [c for c in named if not c.mapped and key(c.label) in _GOAL_OR_NAME]
    if not goals or len(goals) == len(named):
        return columns
    return [
        dataclasses.replace(c, field=None, why="the year's goal, not a figure") if c in goals else c for c in columns
    ]


def _compared(k: str) -> str | None:
    """Why a header (``k``, a :func:`~ledger.names.key` without its year) comparing with another
    month is not year-to-date growth, or ``None``, wherever its period stands: over the same month of
    last year (``比上年同月增长%``, ``上年同月比``, ``比上年8月增长%``) it is that month's own growth, as
    ``当月同比%`` is; over the month before or another month of the year (``较前月增长%``, ``比7月增长%``)
    it is 环比, and so is growth over an earlier part of the year (``比1-7月增长%``). Growth since last year's end (``比上年12月增长%``) is :func:`_not_growth`'s."""
    if "月" not in k:
        return None
    if _MONTH_ON_MONTH.search(k):
        return MONTH_ON_MONTH
    if _OTHER_MONTH.search(k):
        return OTHER_MONTH
    if _OTHER_MONTHS.search(k):
        return EARLIER_PART  # 比1-7月增长%
    if _SAME_MONTH.search(k) and not _SINCE_YEAR_END.search(k):
        return MONTHS_GROWTH
    return None


def _not_growth(rest: str, unit: str | None) -> str | None:
    """Why a header (``rest``: its :func:`~ledger.names.key` after its period; ``unit`` the one in
    its brackets) that gives a percent, a share or a growth is not year-on-year growth, or
    ``None``: ``环比增长%`` is growth over the month before, ``占全区比重%`` a share,
    ``1-8月上年同期增长%`` last year's growth, a bare ``%`` a percent of something the header does
    not name. (Progress against the goal, 完成率%, is :func:`_not_a_figure`'s.)"""
    if (
        _DECLINE.search(rest)
        and not _RISE.search(rest.replace("负增长", ""))
        and "百分点" not in rest  # 同比下降（个百分点）: points, a change (is_change)
        and not _RATE_CHANGE.search(rest)  # 增速下降: the growth rate fell, not the figure
        and (_GROWTH.search(rest) or unit == "%" or rest.endswith("%"))
    ):
        return DECLINE
    if _MONTH_ON_MONTH.search(rest):
        return MONTH_ON_MONTH
    if _EARLIER_PART.search(rest):
        return EARLIER_PART
    if _SINCE_YEAR_END.search(rest):
        return SINCE_YEAR_END
    if _AVERAGE.search(rest):
        return AVERAGE
    if _CONTRIBUTION.search(rest):
        return CONTRIBUTION
    if _SHARE.search(rest) or ("占" in rest and (rest.endswith("%") or unit == "%")):
        return SHARE
    growth = _GROWTH.search(rest) is not None
    if growth and rest.startswith(_LAST_YEAR):
        return LAST_YEARS_GROWTH
    if not growth and rest.endswith(("%", "(%)")):
        return PERCENT_OF
    return None


def field_of(header: str) -> str | None:
    """The field a header means by itself (without ``--map``), or ``None``: see :func:`describe`."""
    return describe(header).field
