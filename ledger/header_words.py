"""The words and patterns a sheet's headers, titles, date cells, unit lines and notes are read by:
the fields a column can give and the headers naming them, months and quarters in words, what a
figure, a total, a note or a unit line looks like, and how a message quotes a cell's text.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from .amount_words import AMOUNT_WORDS
from .entries import COLUMNS
from .entries import FIELDS as ENTRY_FIELDS
from .month_spans import join_spans
from .names import key
from .patterns import LazyPattern

# The fields a column can give: an entry's own (ledger.entries.FIELDS, with the headers sheets
# give them), ``growth`` (a 同比增长% column, which a rate target takes its figure from) and ``rank``
# (a 位次 or 排名 column: a rank target's figure, never another target's).
SHEET_FIELDS = (*COLUMNS, "growth", "rank")
# The headers of the columns `tracker sheet` writes for the department to read (the target's
# name, what to enter, the goal, the last figure and its date), in both languages: a returned
# sheet is not told they went unused. ledger.render.department.HEADERS must keep to these.
OWN_SHEET_INFO = frozenset(
    {"指标/任务", "填报口径", "年度目标", "计划目标", "上次填报", "上次截至", "Target / task", "What to enter", "Goal",
     "Last figure", "Last as of"}
)  # fmt: skip
IGNORE = ("ignore", "-")  # --map 'HEADER=ignore' leaves a column out
# The headers of a column naming the carrier or project a row's figure is for (载体名称), as
# names.key writes them: its text is the note of an addition, and with `import --target` the
# row's name when no column names the target.
CARRIER_HEADERS = frozenset({"载体", "载体名称", "项目名称"})
NAMES: dict[str, tuple[str, ...]] = {f.name: f.headers for f in ENTRY_FIELDS} | {
    "growth": ("同比", "同比增长", "同比增速", "增速", "增长", "增幅", "比上年增长", "比上年同期增长", "同比增减",
               "增减", "±%", "±", "增长率", "同比增长率"),
    # A place in a ranking, the row's standing among peers: a rank target's figure (ledger.row_entry)
    "rank": ("位次", "排名", "名次", "排位", "综合排名", "综合位次", "全国排名", "全国位次", "全省排名",
             "全省位次", "全市排名", "全市位次", "考核排名", "考核位次", "位列"),
}  # fmt: skip
# A bracket in a header (as names.key writes it): a unit (万元, 单位:万元) or a period (1-8月).
_BRACKET = LazyPattern(r"[(\[](?:单位[:：]?)?([^()\[\]]+)[)\]]")
# A header's months, as names.key writes them (至 → -): 1-8月, 8月份, 截至8月, 1-8月止, 8月末.
_PERIOD = LazyPattern(r"^(截-|截止|-)?(?:(\d{1,2})(?:月份?)?-)?(\d{1,2}|n)月(?:份)?(止|末|底)?")
# Headers naming the year so far: a running total whatever follows (累计, 新增, 完成).
NAMED_PERIODS = dict(
    sorted(  # as names.key writes them (年初至今 → 年初-今)
        {
            "本年": None,
            "年初至今": None,
            "今年以来": None,
            "年初以来": None,
            "本年以来": None,
            "今年": None,
            "今年来": None,  # 今年来新增
            "年度": None,  # 年度新增, 年度完成 (年度目标 is a goal, read so before)
            "当年": None,  # 当年新增, 当年累计: the year so far, dated by the sheet
            "当年度": None,
            "今年度": None,
            "截至目前": None,  # 截至目前新增, 截止目前累计: the year so far, dated by the sheet
            "截止目前": None,
            "截至当前": None,
            "年内": None,  # 年内新增
            "年累计": None,  # 年累计, 年累计新增: the year so far
            "年度累计": None,
            "本年度": None,  # 本年度累计, 本年度新增
            "截至本季度": None,  # 截至本季度累计: 1—N月 too, never the quarter's own (本季)
            "截止本季度": None,
            "截至本季": None,
            "截止本季": None,
            "已": None,  # 已完成, 已新增: done so far this year
            "上半年": 6,
            "前三季度": 9,
            "全年": None,  # 全年累计新增: the year so far, dated by the sheet (a title's 2025年全年 is 1—12月)
            "一季度": 3,
            "1季度": 3,
        }.items(),
        key=lambda kv: -len(kv[0]),
    )
)
NAMED_PERIODS = {key(w): n for w, n in NAMED_PERIODS.items()}  # fmt: skip
# The year so far said from its start up to now, as names.key writes it (至, 到 → -), before anything
# else a header says: 1月至今, 1月以来, 1月份以来, 1月1日至今, 一月至今, 元月以来, 自1月起, 从1月开始, 自年初,
# 年初迄今, 今年1月以来. Each is the year so far to the sheet's month (read as 今年以来, a NAMED_PERIODS
# word), never January: its 1月 is where the count starts. A start with no word of "now" after it must
# follow 自/从 (自年初累计; 年初数 is the level at the year's start, 1月累计 January's), and a month after
# it makes it a span (自年初至8月, 1月至8月: read as 1-8月, not here).
# So is the year up to this month or period (_UP_TO_THIS), with or without its start: 至本月, 到本月, 1至本月,
# 1-本月, 1月至本月, 年初至本月, 截至本月, 截止本月, 至本月末, 截至本月底, 本月止, 本期止, 截至本期, 至当月 (截至 is 截-,
# 至 and 到 are -). The 本月 or 本期 in them is where the count ends, never the month's own figure; alone (本月,
# 本期) it is, and so is 本月新增. 本月末, 本期末 (the level at the month's end) are the year so far as 8月末 is.
_SINCE_START = r"(?:1|一|元)月份?(?:1[日号])?|年初"
_UP_TO_NOW = r"-今(?!年)|-目前|-现在|-当前|迄今|以来|起|开始"
_THIS_PERIOD = r"(?:本|当)(?:月份?|期)"
_UP_TO_THIS = (
    rf"(?:(?:(?:自|从)?(?:今年|本年|当年)?(?:{_SINCE_START}|1(?!\d)))?-|截-|截止){_THIS_PERIOD}(?:末|底)?止?"
    rf"|{_THIS_PERIOD}(?:末|底)?止|{_THIS_PERIOD}(?:末|底)"
)
SINCE_YEAR_START = LazyPattern(
    rf"^(?:{_UP_TO_THIS}"
    rf"|(?:自|从)(?:今年|本年|当年)?(?:{_SINCE_START})(?:{_UP_TO_NOW})?(?!-?\d)"
    rf"|(?:今年|本年|当年)?(?:{_SINCE_START})(?:{_UP_TO_NOW}))"
)
# What a key SINCE_YEAR_START matches may start with: a header starting otherwise need not be searched.
SINCE_YEAR_START_FIRST = "1一元自从年今本当截-"
# The same after a title's or a date cell's month (2025年1月至今, 2025年1月以来, 2025年1月1日起): where the
# count starts, never the period its figures are for.
SINCE_MONTH = LazyPattern(r"\s*(?:份)?\s*(?:1\s*[日号])?\s*(?:[至到]\s*(?:今(?!年)|目前|现在|当前)|迄今|以来|起|开始)")
SINCE_YEAR_START_WORD = "今年以来"  # what such a start is read as (a NAMED_PERIODS word)
# Quarters and halves by name, as names.key writes them: (first month, last month). One that
# starts in January (一季度, 上半年, 1-3季度, 前三季度) is the year so far; any other (三季度,
# 第二季度, 下半年) is those months' own figures, never 1—N月.
_QUARTER = LazyPattern(
    r"^(?:第)?([一二三四1-4])季度|^([一1])-([二三四2-4])季度|^(前三季度|上半年|下半年)|^(?:第)?q([1-4])(?!\d)"
)
_QUARTER_NUMBER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_HALVES = {"前三季度": (1, 9), "上半年": (1, 6), "下半年": (7, 12)}


_CN = r"十[一二]?|[一二三四五六七八九]"
# Months in Chinese numerals (八月, 十二月, 一至八月, 截至八月), where no other Chinese character
# but 年, 至, 截, 止 comes before them: 统一月报 holds no month.
_CN_MONTHS = LazyPattern(rf"(?:(?<![\u4e00-\u9fff])|(?<=[年至截止]))(?:({_CN})\s*([-—–~至到])\s*)?({_CN})(\s*月)")
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11,
              "十二": 12}  # fmt: skip


# A year in Chinese numerals, as a formal title or date writes it: 二〇二五年, 二零二五年.
_CN_YEAR = LazyPattern(r"二[〇○零][〇○零一二三四五六七八九]{2}(?=\s*年)")  # compiled only if a sheet has one
_YEAR_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")


def digit_months(text: str) -> str:
    """``text`` with months in Chinese numerals written in digits: ``八月`` → ``8月``, ``一至八月累计``
    → ``1至8月累计``, ``2025年十二月`` → ``2025年12月``, and a year so written too (``二〇二五年八月``
    → ``2025年8月``), and a span written with 月 on both ends as one (``1月至8月`` → ``1-8月``:
    :func:`~ledger.month_spans.join_spans`); other text as it is. Titles, headers and date cells
    are all read through it."""
    if not any(c in text for c in "一二三四五六七八九十"):
        return join_spans(text)
    if "二〇" in text or "二○" in text or "二零" in text:
        text = _CN_YEAR.compiled.sub(lambda m: m.group().translate(_YEAR_DIGITS), text)

    def digits(m: re.Match[str]) -> str:
        first = f"{_CN_DIGITS[m.group(1)]}{m.group(2)}" if m.group(1) else ""
        return f"{first}{_CN_DIGITS[m.group(3)]}{m.group(4)}"

    return join_spans(_CN_MONTHS.sub(digits, text))


def named_span(k: str) -> tuple[tuple[int, int], int] | None:
    """``((first month, last month), length of the words)`` of a quarter or half named at the
    start of ``k`` (a :func:`~ledger.names.key`): ``三季度`` → (7, 9); ``第2季度`` → (4, 6);
    ``1-3季度``/``一-三季度`` → (1, 9); ``上半年`` → (1, 6); ``下半年`` → (7, 12); ``q3`` (Q3) → (7, 9);
    else ``None``."""
    if ("季度" not in k and "半年" not in k and "q" not in k) or not (m := _QUARTER.match(k)):
        return None  # each of _QUARTER's forms has one of these words
    if m.group(1) or m.group(5):
        q = _QUARTER_NUMBER[m.group(1) or m.group(5)]
        return (q * 3 - 2, q * 3), m.end()
    if m.group(3):
        return (1, _QUARTER_NUMBER[m.group(3)] * 3), m.end()
    return _HALVES[m.group(4)], m.end()


_PART = "the figures of "


def part_of_year(first: int, last: int) -> str:
    """Why a figure of months ``first``—``last`` (``first`` ≥ 2) is not used: not the year so far."""
    span = f"{last}月" if first == last else f"{first}—{last}月"
    return f"{_PART}{span} alone, not the year so far (1—{last}月)"


def is_part_of_year(why: str | None) -> bool:
    """Whether a column's ``why`` (:attr:`Column.why`) says it holds some months' own figures
    (:func:`part_of_year`: 7-9月, 三季度), not something other than a figure of the period."""
    return why is not None and why.startswith(_PART)


# What may follow a period in a header of figures (8月完成, 1-8月累计绝对值, 1-8月新增).
FIGURE_WORDS = ("", "值", "数", "完成", "完成值", "完成数", *AMOUNT_WORDS, "实际完成", "新增", "实绩", "已完成",
                 "已新增", "完成情况")  # fmt: skip
_NOTE_ROW = LazyPattern(r"^(注|说明|备注|资料来源|数据来源|填报人|审核人|制表人?|负责人|联系人|联系电话)\s*[0-9:：.、]")
_NOTE_STARTS = (
    "注",
    "说明",
    "备注",
    "资料来源",
    "数据来源",
    "填报人",
    "审核人",
    "制表",
    "负责人",
    "联系人",
    "联系电话",
)
# 2025年1-8月, also 2025.1-8月 (a 月 after the months: typed, so its 1 is no 10 that lost its 0)
_TITLE_PERIOD = LazyPattern(r"(\d{4})\s*(?:年|(?<=\d)\.)\s*(?:(\d{1,2})\s*(?:月份?)?\s*[-—–~至到]\s*)?(\d{1,2})\s*月")
_TITLE_NAMED = LazyPattern(
    r"(\d{4})\s*年\s*(全年|前三季度|上半年|下半年|第?[一二三四1-4]\s*季度|[一1]\s*[-—–~至到]\s*[二三四2-4]\s*季度"
    r"|第?[Qq][1-4](?!\d))|(?<!\d)((?:19|20)\d\d)\s*(?:年\s*)?[Qq]([1-4])(?!\d)"
)
# What _TITLE_NAMED cannot match without: a quarter's or half's words, 全年, or a Q (2025Q3).
_NAMED_NEEDS = ("季度", "半年", "全年", "Q", "q")
_DATE_CELL = LazyPattern(
    r"^(截至|截止|统计时间[:：]?|数据时间[:：]?|时间[:：]|日期[:：])?\s*(\d{4})\s*年\s*(\d{1,2})\s*月"
    r"(?:\s*(\d{1,2})\s*日)?\s*(底|末)?$"
)
# A month with a dot, as a text above the header: 截至2025.10, 2025.8月末. A 1 with no 月 after it
# may be 10 that lost its 0 (a sheet holding 2025.10 as a number writes 2025.1): not read.
_DOT_MONTH_CELL = LazyPattern(r"^(截至|截止|统计时间[:：]?|数据时间[:：]?)?\s*(20\d\d)\.(\d{1,2})\s*(月)?\s*(底|末)?$")
# Words around a title's or a date cell's month that make it the year so far, as they make a
# header's (截至8月底新增, 8月末, 1-8月止): 截至2025年7月底…, 截止2025年8月, 2025年8月末.
_UP_TO_BEFORE = LazyPattern(r"(?:截至|截止)\s*$")
_UP_TO_AFTER = LazyPattern(r"\s*(?:底|末|止)")
# When the sheet was filled in, sent or printed: never the period its figures are for.
FILLED_IN_WORDS = ("填报", "填表", "制表", "报送", "打印", "上报", "报出", "编制")  # what _FILLED_IN starts with
_FILLED_IN = LazyPattern(rf"^({'|'.join(FILLED_IN_WORDS)})(日期|时间)")
_ANY_DAY = LazyPattern(r"(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[-/.](\d{1,2})[-/.](\d{1,2})(?!\d))")
_BARE_DAY = LazyPattern(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
# A title's months without a year: a 1—N月 range anywhere (主要经济指标1-8月完成情况), one month in
# brackets (（8月）, （8月份）), or the year so far to a month (截至8月底, 截止8月末: 1—8月). A bare 8月份
# is not taken: a line such as 3月份起口径调整 says it too.
_TITLE_MONTHS = LazyPattern(
    r"(?<!\d)(1)\s*(?:月份?)?\s*[-—–~至到]\s*(\d{1,2})\s*月|[(（]\s*(\d{1,2})\s*月份?\s*[)）]|(?:截至|截止)\s*(\d{1,2})\s*月"
)
# A year anywhere in a header or title (2025年1-8月累计, 2024年（亿元）): describe() takes it off a label, the
# title and the rows compare it with the sheet's year.
YEAR = LazyPattern(r"(20\d\d)\s*年")
# A label whose date, in the next cell, is the as-of date: 截至日期： | 2025-08-31.
_AS_OF_LABEL = LazyPattern(
    r"^(截至|截止|数据截至|数据截止|统计时间|数据时间|统计截至|报告期|统计期)(日期|时间)?\s*[:：]?$"
)
# A column that says it holds the month's own figure or growth (本月产值, 月度同比%, 增速(%) over 当月): never the
# year so far. The one list: _SINGLE_MONTH, stacked_labels' period row and a title's 1—N月 read by it.
_MONTH_WORDS = ("本月", "当月", "单月", "月度", "本期", "当期")
# What makes a header year-on-year growth, the figure a rate target keeps: 同比, 增速, 增长%,
# 比上年同期增长, ±%. A % sign alone does not: 完成率%, 占比% and 环比% are percents of other things.
_GROWTH = LazyPattern(r"同比|增速|增长|增幅|增减|比上年|比去年|较上年|±")
# Over the month before (环比增长%, 比上月增长%, 较前月增长%, 与上个月相比, 比前一月): 环比, not year-on-year.
_MONTH_ON_MONTH = LazyPattern(r"环比|[比较与](?:上|前)(?:一个?|个)?月")
# A month named alone, in digits or in words (7月, 七月, 十二月): what _OTHER_MONTH, _SAME_MONTH compare with.
_A_MONTH = r"(?:\d{1,2}|十[一二]?|[一二三四五六七八九])月"
# Over a month of this year named (比7月增长%, 较七月增速, 与1月比): 环比 too; 比上年8月 is _SAME_MONTH's.
_OTHER_MONTH = LazyPattern(rf"[比较与]{_A_MONTH}")
# Over months of this year (比1-7月增长%, 较一-七月增速, as names.key writes 至): an earlier part of the year.
_OTHER_MONTHS = LazyPattern(rf"[比较与](?:\d{{1,2}}|十[一二]?|[一二三四五六七八九])-{_A_MONTH}")
# Over the same month of last year (比上年同月增长%, 较去年同月, 与上年同月相比, 上年同月比, 同月比, 比上年8月增长%):
# that month alone (单月同比), never the year so far (比上年同期). 上年同月 alone is last year's figure.
_SAME_MONTH = LazyPattern(rf"[比较与](?:上一?年|去年)(?:同月|{_A_MONTH})|同月比|比同月")
# One reading per word, here only. A change of a growth rate in points, with or without 个百分点
# (增速提高, 增幅回落, 增速比上年同期提高, 增速变化, 增幅增减, 同比提高, 同比回落, 回落 0.6 个百分点): 0.6 points is
# no growth of 0.6 %. A fall of the figure itself written without its sign (同比下降%, 比上年减少%, 降幅%,
# 同比下滑%): 3.2 is growth of −3.2 % (_DECLINE). 同比下降 and 同比回落 were both: 下降, 降低, 减少, 下滑 after
# 同比 say the figure fell, 回落, 放缓, 收窄 … that its growth did. 同比增减% is growth (±), and so is 同比上升%.
_GROWTH_RATE_CHANGE = (
    r"(?:增速|增幅|增长率|增长速度|速度)[^()\[\]%]{0,10}?(?:提高|提升|加快|回升|上升|扩大|回落|下降|降低|放缓|减缓|下滑|收窄"
    r"|缩小|减少|变化|变动|增减|升降)|同比(?:提高|提升|加快|回升|扩大|回落|放缓|减缓|收窄|缩小|变化|变动)|回落"
)
# A ranking's move in places (较上年进位, 比上年前移, 较上年提升3位, 位次变化): places, not a growth rate.
_PLACES_CHANGE = r"进位|退位|前移|后移|位次|名次|排名|(?:提升|上升|下降|前进|后退|进|退)\d*位"
_RATE_CHANGE = LazyPattern(f"{_GROWTH_RATE_CHANGE}|{_PLACES_CHANGE}")
GROWTH_RATE_CHANGE = LazyPattern(_GROWTH_RATE_CHANGE)
# A fall's words (下降, 降幅, 减少 …) not beside a rise's (增减, 升降, 增长/下降: signed either way): the
# figure fell by so much, its sign left out; never a change of its growth rate (回落 is, above).
_DECLINE = LazyPattern(r"下降|降幅|降低|减少|减幅|下滑|下跌|负增长")
# A year compared with (比2024年同期增长%, 较 2024 年1-8月, 与2024年同期相比): the word, then the year, which a
# growth is over: the year before the one it is of, the sheet's year-on-year growth when that is the sheet's
# year (column_periods). Read in a header as written or as names.key writes it (no blanks).
VERSUS_YEAR = LazyPattern(r"([比较与])\s*((?:19|20)\d\d)\s*年")
# Growth over an earlier part of this year (比上季度增长%, 较一季度增长%, 比上半年增长%, 比上期增长%): 环比
# too, not year-on-year. 比上年, 较上年同期 are not (上年 is last year's same period).
_EARLIER_PART = LazyPattern(r"[比较](?:上一?个?|第?[一二三四1-4]|前三)?(?:季度?|期)|[比较][上下]半年")
# Growth since last year's end (比年初增长%, 较上年末增长%, 比去年底增长%): of a level, not year-on-year.
_SINCE_YEAR_END = LazyPattern(r"[比较](?:本?年初|年末|(?:上|去)年(?:末|底|年底|12月)|上年度末)")
# An average of several years' or months' growth (两年平均增长%, 三年平均增速, 年均增长%, 平均增速, 月均增长%): not
# this year's own.
_AVERAGE = LazyPattern(r"[两二三四五六七八九十\d]年平均|年均|年平均|平均增|月均")
# A contribution to growth (增长贡献率%, 拉动增长): a share of the whole's growth, not the row's growth.
_CONTRIBUTION = LazyPattern(r"贡献|拉动")
# Words saying a column holds a single month's own figure or growth, wherever they stand in its
# header as names.key writes it (本月产值, 8月单月, 完成值(本月), 同比增速(当月), 单月增速, 月度同比): the
# _MONTH_WORDS, and a bare 月 leading a growth's words (月同比%, 月增速%, 月增长率, 逐月增速: the month's, as 月度同比).
# A month named (8月同比) or months (1-8月同比) are a period, read before this.
_SINGLE_MONTH = LazyPattern(rf"[(\[]?(?:{'|'.join(_MONTH_WORDS)})[)\]]?|^[逐分]?月(?=同比|增速|增长|增幅)")
_SHARE = LazyPattern(r"占比|比重|构成")  # 占比%, 占全区比重%: a share of a whole
# A label cell marking a total row (合计, 合  计, 小计：, 全区合计, 园区小计, 总计, 共计, 汇总,
# 合计(2个)), or a word that names the whole (全区, 全部, 总数, 总量, 总和, Total, Grand total, 总计数): its
# figure is its rows' sum. Only a label column other than the target's is read this way (the target column's
# names are matched against the plan first: a target may be named 总计划投资).
_TOTAL_LABEL = LazyPattern(
    r"^(?:.{0,8}?(?:合计|小计|总计|共计|汇总|总数|总量|总和|总额)(?:数)?|全区|全园区?|全部|"
    r"(?:grand|sub)?total|sum)(?:[(（][^)）]{0,12}[)）])?[:：]?$"
)
_FIGURES = ("value", "month_value", "growth", "status")


def is_total_label(text: str) -> bool:
    """Whether a label (a row's label cell, or a column's header) says it is a total: 合计, 小计,
    全区合计, 总计 (see ``_TOTAL_LABEL``)."""
    return bool(_TOTAL_LABEL.match(key(text)))


# A unit line above the table, as NFKC writes it (：→:, ；→;, ，→,): 单位：万元, 单位 万元; 金额单位：万元 (of
# amounts alone); 单位：万元、% (amounts in 万元, rates in %); 金额单位：亿元；面积单位：平方米 (by kind);
# a date may share its cell (单位：万元　　2025年8月). The same inside a title's brackets
# (…主要经济指标（单位：万元）).
_UNIT_LABEL = LazyPattern(r"([\u4e00-\u9fff]{0,4}?)单位(?:\s*[:：]\s*|\s+)")
_KIND_LABEL = LazyPattern(r"([\u4e00-\u9fff]{1,4}?)(?:单位)?\s*[:：]\s*")  # 面积：平方米 after the first
_UNIT_WORD = LazyPattern(r"[^、,;/，；\s]+")
_UNIT_SEP = LazyPattern(r"[、,;/，；\s]+")
_TITLE_UNIT = LazyPattern(r"[(\[]\s*([^()\[\]]*?单位\s*[:：][^()\[\]]*)[)\]]")
_GENERAL = ("", "计量")  # 单位：万元, 计量单位：万元: every figure's unit
# A multiplier alone where a unit should be (单位：万): of yuan, square metres or enterprises?
_BARE_MULTIPLIER = frozenset({"十", "百", "千", "万", "十万", "百万", "千万", "亿", "万亿"})
# A unit said in a line of its own (单位：万元, 注：本表金额单位为万元), as NFKC writes it: the word after.
_UNIT_SAID = LazyPattern(r"单位\s*(?:[:：]|为|是)\s*([^\s,;、。()（）]+)")
# What a unit line's label says its unit is for (金额单位: amounts), by ledger.units.dimension
# (a count's dimension is count:家, count:个 …); a label not here takes its unit's own kind.
_SCOPES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("金额", "价值", "产值", "投资", "收入", "营收", "税收", "资金", "价格"), ("CNY", "USD")),
    **dict.fromkeys(("面积", "用地", "土地", "建筑面积"), ("area",)),
    **dict.fromkeys(("外资", "外汇", "美元"), ("USD",)),
    **dict.fromkeys(("数量", "个数", "户数", "人数"), ("count",)),
    **dict.fromkeys(("比率", "比重", "增速", "速度", "增幅", "比例"), ("percent",)),
}


# What 全年 in a header means, said once: the whole year's figure only as 全年 or 全年完成 (全年完成值, 全年实际
# 完成) with nothing more (a unit's bracket aside), under a title naming the year's whole (2025年度…); with
# 累计 or 新增 (全年累计, 全年累计新增) it is the year so far, dated by the sheet (NAMED_PERIODS' 全年), and
# 全年目标, 全年预计 are a goal and a forecast, no figure.
_WHOLE_YEAR_HEADERS = frozenset(("全年", "全年完成", "全年完成值", "全年实际完成", "全年实绩"))
_UNIT_BRACKET = LazyPattern(r"\([^()]*\)$")


def says_whole_year(label: str) -> bool:
    """Whether the header ``label`` says the whole year's figure (``全年完成（亿元）``, ``全年``), not the year
    so far (``全年累计``, ``全年累计新增``), a goal (``全年目标``) or a forecast (``全年预计``): see
    ``_WHOLE_YEAR_HEADERS``. Whether the sheet is the year's whole is the title's to say (``年度``)."""
    k = key(label)
    if not k.startswith("全年"):
        return False
    return _UNIT_BRACKET.sub("", k) in _WHOLE_YEAR_HEADERS


# A title's year followed by 年度 (2025年度主要经济指标, 2025 年度完成情况): the year's whole. Not a 年度 said of
# the basis figures are counted on (2025年度考核口径, （年度统计口径）): an office's 1—8月 sheet is often
# "by the year's assessment basis", which says nothing of the months its figures cover.
_TITLE_YEAR_WHOLE = LazyPattern(r"((?:19|20)\d\d)\s*年度(?!\s*(?:考核|统计|核算|填报|计算)?\s*口径)")
# A bracket naming the basis (（年度考核口径）, (2025年度统计口径)): no period, whatever its words.
_BASIS_BRACKET = LazyPattern(r"\([^()]*口径[^()]*\)")
# Words naming part of a year (1-8月, 三季度, 上半年, Q3, 截至8月): a title with one is never the whole year's.
_PART_OF_YEAR_WORDS = ("月", "季", "半年")
_QUARTER_WORD = LazyPattern(r"[Qq][1-4]")


def title_whole_year(norm: str) -> int | None:
    """The year whose whole the title ``norm`` (one cell, NFKC) names (``2025年度主要经济指标`` → 2025),
    or ``None``. Only a year written with 年度 right after it says so; a 年度 in the basis the figures are
    counted on (``（年度考核口径）``, ``2025年度统计口径``) never does, nor does a title that names a month,
    a quarter or a half (``2025年度主要指标（1-8月）``). Whether its figures are the whole year's is this
    and the header's to say (:func:`says_whole_year`)."""
    if "年度" not in norm or any(w in norm for w in _PART_OF_YEAR_WORDS) or _QUARTER_WORD.search(norm):
        return None
    m = _TITLE_YEAR_WHOLE.search(_BASIS_BRACKET.sub("", norm))
    return int(m.group(1)) if m is not None else None


def as_quoted(text: str) -> str:
    """A cell's text as a message quotes it: runs of blanks (the full-width space, U+3000, between a unit
    and a date, which ``repr`` would print as \\u3000) as one space."""
    return " ".join(text.split())


def is_note(only: Any) -> bool:
    """Whether a row whose one value is ``only`` is a note below the table (注：…)."""
    if not isinstance(only, str):
        return False
    norm = unicodedata.normalize("NFKC", only.strip())
    return norm.startswith(_NOTE_STARTS) and _NOTE_ROW.match(norm) is not None  # most rows start otherwise
