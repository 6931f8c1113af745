"""Finding the table in a sheet as offices publish it, and what each of its columns means.

A bureau's sheet is rarely a bare table: a title row (``临平经开区2025年1-2月主要经济指标``), a
date cell or a ``单位：万元`` line, a header of two rows where ``1-2月`` is merged over ``绝对值 |
同比增长%``, section rows, and notes below. :func:`read_table` turns a
:class:`~ledger.sheets.Grid` into a :class:`Table`:

- the header is the first row with a cell naming the target column (指标名称, 重点任务, target…,
  or one named with ``--map``); rows of sub-headers under it (merged from above, or under an
  empty cell beside a group's label) are combined into one label per column (``1-2月 绝对值``);
- each column's label says its field (:func:`describe`), the unit written in it
  (``1-9月累计(万元)``, ``新增面积（平方米）``), and whether it is a running total (1—N月累计:
  ``Column.running_total``, with the N in ``Column.months``);
- the period comes from a date cell above the header (``2025年2月``; not a 填报日期, which is when
  the sheet was filled in) or the title (``2025年1-2月``), and must agree with a 1—N月 header;
- rows of notes (``注：…``) and blank rows are left out; a cell merged down a column that names
  the target, its milestone, unit or date holds for every row it covers.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache, partial
from itertools import repeat
from operator import itemgetter
from typing import Any, Literal, NamedTuple

from . import units
from .dates import month_end
from .entries import COLUMNS
from .entries import FIELDS as ENTRY_FIELDS
from .errors import Problem, TrackerError
from .formulas import is_no_figure
from .names import key
from .patterns import LazyPattern
from .sheets import CsvRows, Grid, Row, cell_text, column_letter

# The fields a column can give: an entry's own (ledger.entries.FIELDS, with the headers sheets
# give them), and ``growth`` (a 同比增长% column, which a rate target takes its figure from).
SHEET_FIELDS = (*COLUMNS, "growth")
# The headers of the columns `tracker sheet` writes for the department to read (the target's
# name, what to enter, the goal, the last figure and its date), in both languages: a returned
# sheet is not told they went unused. ledger.render.department.HEADERS must keep to these.
OWN_SHEET_INFO = frozenset(
    {"指标/任务", "填报口径", "年度目标", "上次填报", "上次截至", "Target / task", "What to enter", "Goal",
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
}  # fmt: skip
# A bracket in a header (as names.key writes it): a unit (万元, 单位:万元) or a period (1-8月).
_BRACKET = re.compile(r"[(\[](?:单位[:：]?)?([^()\[\]]+)[)\]]")
# A header's months, as names.key writes them (至 → -): 1-8月, 8月份, 截至8月, 1-8月止, 8月末.
_PERIOD = re.compile(r"^(截-|截止|-)?(?:(\d{1,2})-)?(\d{1,2}|n)月(?:份)?(止|末|底)?")
_YEAR = re.compile(r"^(?:19|20)\d\d年(?=(?:\d{1,2}-)?\d{1,2}月)")
# Headers naming the year so far: a running total whatever follows (累计, 新增, 完成).
_NAMED_PERIODS = dict(
    sorted(  # as names.key writes them (年初至今 → 年初-今)
        {
            "本年": None,
            "年初至今": None,
            "今年以来": None,
            "年初以来": None,
            "本年以来": None,
            "今年": None,
            "本月止": None,
            "截至目前": None,  # 截至目前新增, 截止目前累计: the year so far, dated by the sheet
            "截止目前": None,
            "截至当前": None,
            "年内": None,  # 年内新增
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
_NAMED_PERIODS = {key(w): n for w, n in _NAMED_PERIODS.items()}  # fmt: skip
# Quarters and halves by name, as names.key writes them: (first month, last month). One that
# starts in January (一季度, 上半年, 1-3季度, 前三季度) is the year so far; any other (三季度,
# 第二季度, 下半年) is those months' own figures, never 1—N月.
_QUARTER = re.compile(
    r"^(?:第)?([一二三四1-4])季度|^([一1])-([二三四2-4])季度|^(前三季度|上半年|下半年)|^(?:第)?q([1-4])(?!\d)"
)
_QUARTER_NUMBER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_HALVES = {"前三季度": (1, 9), "上半年": (1, 6), "下半年": (7, 12)}


_CN = r"十[一二]?|[一二三四五六七八九]"
# Months in Chinese numerals (八月, 十二月, 一至八月, 截至八月), where no other Chinese character
# but 年, 至, 截, 止 comes before them: 统一月报 holds no month.
_CN_MONTHS = re.compile(rf"(?:(?<![\u4e00-\u9fff])|(?<=[年至截止]))(?:({_CN})\s*([-—–~至到])\s*)?({_CN})(\s*月)")
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11,
              "十二": 12}  # fmt: skip


def digit_months(text: str) -> str:
    """``text`` with months in Chinese numerals written in digits: ``八月`` → ``8月``, ``一至八月累计``
    → ``1至8月累计``, ``2025年十二月`` → ``2025年12月``; other text as it is."""
    if not any(c in text for c in "一二三四五六七八九十"):
        return text

    def digits(m: re.Match[str]) -> str:
        first = f"{_CN_DIGITS[m.group(1)]}{m.group(2)}" if m.group(1) else ""
        return f"{first}{_CN_DIGITS[m.group(3)]}{m.group(4)}"

    return _CN_MONTHS.sub(digits, text)


def named_span(k: str) -> tuple[tuple[int, int], int] | None:
    """``((first month, last month), length of the words)`` of a quarter or half named at the
    start of ``k`` (a :func:`~ledger.names.key`): ``三季度`` → (7, 9); ``第2季度`` → (4, 6);
    ``1-3季度``/``一-三季度`` → (1, 9); ``上半年`` → (1, 6); ``下半年`` → (7, 12); ``q3`` (Q3) → (7, 9);
    else ``None``."""
    if not (m := _QUARTER.match(k)):
        return None
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
_FIGURE_WORDS = ("", "值", "数", "完成", "完成值", "完成数", "绝对值", "实际完成", "总量", "新增", "实绩", "已完成",
                 "已新增", "完成情况")  # fmt: skip
_NOTE_ROW = LazyPattern(r"^(注|说明|备注|资料来源|数据来源|填报人|审核人|制表人?|负责人|联系人|联系电话)\s*[0-9:：.、]")
# 2025年1-8月, also 2025.1-8月 (a 月 after the months: typed, so its 1 is no 10 that lost its 0)
_TITLE_PERIOD = re.compile(r"(\d{4})\s*(?:年|(?<=\d)\.)\s*(?:(\d{1,2})\s*[-—–~至到]\s*)?(\d{1,2})\s*月")
_TITLE_NAMED = re.compile(
    r"(\d{4})\s*年\s*(全年|前三季度|上半年|下半年|第?[一二三四1-4]\s*季度|[一1]\s*[-—–~至到]\s*[二三四2-4]\s*季度"
    r"|第?[Qq][1-4](?!\d))|(?<!\d)((?:19|20)\d\d)\s*(?:年\s*)?[Qq]([1-4])(?!\d)"
)
_DATE_CELL = re.compile(
    r"^(截至|截止|统计时间[:：]?|数据时间[:：]?|时间[:：]|日期[:：])?\s*(\d{4})\s*年\s*(\d{1,2})\s*月"
    r"(?:\s*(\d{1,2})\s*日)?\s*(底|末)?$"
)
# A month with a dot, as a text above the header: 截至2025.10, 2025.8月末. A 1 with no 月 after it
# may be 10 that lost its 0 (a sheet holding 2025.10 as a number writes 2025.1): not read.
_DOT_MONTH_CELL = re.compile(r"^(截至|截止|统计时间[:：]?|数据时间[:：]?)?\s*(20\d\d)\.(\d{1,2})\s*(月)?\s*(底|末)?$")
# Words around a title's or a date cell's month that make it the year so far, as they make a
# header's (截至8月底新增, 8月末, 1-8月止): 截至2025年7月底…, 截止2025年8月, 2025年8月末.
_UP_TO_BEFORE = re.compile(r"(?:截至|截止)\s*$")
_UP_TO_AFTER = re.compile(r"\s*(?:底|末|止)")
# When the sheet was filled in, sent or printed: never the period its figures are for.
_FILLED_IN = re.compile(r"^(填报|填表|制表|报送|打印|上报|报出|编制)(日期|时间)")
_ANY_DAY = re.compile(r"(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[-/.](\d{1,2})[-/.](\d{1,2})(?!\d))")
_BARE_DAY = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
# A title's months without a year: a 1—N月 range anywhere (主要经济指标1-8月完成情况), one month in
# brackets (（8月）, （8月份）), or the year so far to a month (截至8月底, 截止8月末: 1—8月). A bare 8月份
# is not taken: a line such as 3月份起口径调整 says it too.
_TITLE_MONTHS = re.compile(
    r"(?<!\d)(1)\s*[-—–~至到]\s*(\d{1,2})\s*月|[(（]\s*(\d{1,2})\s*月份?\s*[)）]|(?:截至|截止)\s*(\d{1,2})\s*月"
)
_YEAR = re.compile(r"(20\d\d)\s*年")
# A label whose date, in the next cell, is the as-of date: 截至日期： | 2025-08-31.
_AS_OF_LABEL = re.compile(
    r"^(截至|截止|数据截至|数据截止|统计时间|数据时间|统计截至|报告期|统计期)(日期|时间)?\s*[:：]?$"
)
_MONTH_WORDS = ("本月", "当月", "单月", "月度", "本期", "当期")  # a column that says it holds the month's own figure
# What makes a header year-on-year growth, the figure a rate target keeps: 同比, 增速, 增长%,
# 比上年同期增长, ±%. A % sign alone does not: 完成率%, 占比% and 环比% are percents of other things.
_GROWTH = LazyPattern(r"同比|增速|增长|增幅|增减|比上年|比去年|较上年|±")
_MONTH_ON_MONTH = LazyPattern(r"环比|[比较]上月")  # 环比增长%, 比上月增长%: over the month before
_SHARE = LazyPattern(r"占比|比重|构成")  # 占比%, 占全区比重%: a share of a whole
# A label cell marking a total row (合计, 合  计, 小计：, 全区合计, 园区小计, 总计, 共计, 汇总,
# 合计(2个)), or a word that names the whole (全区, 全部, 总数, 总量, 总和, Total, Grand total, 总计数): its
# figure is its rows' sum. Only a label column other than the target's is read this way (the target column's
# names are matched against the plan first: a target may be named 总计划投资).
_TOTAL_LABEL = re.compile(
    r"^(?:.{0,8}?(?:合计|小计|总计|共计|汇总|总数|总量|总和|总额)(?:数)?|全区|全园区?|全部|"
    r"(?:grand|sub)?total|sum)(?:[(（][^)）]{0,12}[)）])?[:：]?$"
)
_FIGURES = ("value", "month_value", "growth", "status")


def is_total_label(text: str) -> bool:
    """Whether a label (a row's label cell, or a column's header) says it is a total: 合计, 小计,
    全区合计, 总计 (see ``_TOTAL_LABEL``)."""
    return bool(_TOTAL_LABEL.match(key(text)))


# A unit line above the table, as NFKC writes it (：→:, ；→;, ，→,): 单位：万元; 金额单位：万元 (of
# amounts alone); 单位：万元、% (amounts in 万元, rates in %); 金额单位：亿元；面积单位：平方米 (by kind);
# a date may share its cell (单位：万元　　2025年8月). The same inside a title's brackets
# (…主要经济指标（单位：万元）).
_UNIT_LABEL = re.compile(r"([\u4e00-\u9fff]{0,4}?)单位\s*[:：]\s*")
_KIND_LABEL = re.compile(r"([\u4e00-\u9fff]{1,4}?)(?:单位)?\s*[:：]\s*")  # 面积：平方米 after the first
_UNIT_WORD = re.compile(r"[^、,;/，；\s]+")
_UNIT_SEP = re.compile(r"[、,;/，；\s]+")
_TITLE_UNIT = re.compile(r"[(\[]\s*([^()\[\]]*?单位\s*[:：][^()\[\]]*)[)\]]")
_GENERAL = ("", "计量")  # 单位：万元, 计量单位：万元: every figure's unit
# A multiplier alone where a unit should be (单位：万): of yuan, square metres or enterprises?
_BARE_MULTIPLIER = frozenset({"十", "百", "千", "万", "十万", "百万", "千万", "亿", "万亿"})
# A unit said in a line of its own (单位：万元, 注：本表金额单位为万元), as NFKC writes it: the word after.
_UNIT_SAID = re.compile(r"单位\s*(?:[:：]|为|是)\s*([^\s,;、。()（）]+)")
# What a unit line's label says its unit is for (金额单位: amounts), by ledger.units.dimension
# (a count's dimension is count:家, count:个 …); a label not here takes its unit's own kind.
_SCOPES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("金额", "价值", "产值", "投资", "收入", "营收", "税收", "资金", "价格"), ("CNY", "USD")),
    **dict.fromkeys(("面积", "用地", "土地", "建筑面积"), ("area",)),
    **dict.fromkeys(("外资", "外汇", "美元"), ("USD",)),
    **dict.fromkeys(("数量", "个数", "户数", "人数"), ("count",)),
    **dict.fromkeys(("比率", "比重", "增速", "速度", "增幅", "比例"), ("percent",)),
}


class LayoutError(TrackerError):
    """A sheet whose table cannot be found or read as published: every problem, one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__([Problem(p) for p in problems])


class NoHeader(LayoutError):
    """A sheet with no header row naming the target: ``said`` is what is wrong (and what its
    first row has), ``sheet`` the worksheet's title when the workbook has several (``active``:
    read because it was the active one), so that a workbook's reader can add which other sheet
    has a header (``fix``). ``above`` holds the texts above a header whose carrier column
    (载体名称) is all that names the rows, for the import to say which target the title names."""

    def __init__(self, name: str, said: str, fix: str = "name it with --map 'HEADER=target'", *,
                 sheet: str | None = None, active: bool = False, above: tuple[str, ...] = ()) -> None:  # fmt: skip
        self.name, self.said, self.above, self.sheet, self.active = name, said, above, sheet, active
        where = "" if sheet is None else f"sheet {sheet!r}{' (active when the workbook was saved)' if active else ''}: "
        super().__init__([f"{name}: {where}{said}; {fix}"])


class NoRows(LayoutError):
    """A sheet with no rows to read: empty, or a header with nothing under it (``said``, as
    :class:`NoHeader` has it, with ``sheet`` and ``active``; ``fix`` names another sheet of the
    workbook that has rows). A workbook's other sheet so refused holds no table for ``--sheet``
    to pick."""

    def __init__(self, name: str, said: str, fix: str | None = None, *, sheet: str | None = None,
                 active: bool = False) -> None:  # fmt: skip
        self.name, self.said = name, said
        where = "" if sheet is None else f"sheet {sheet!r}{' (active when the workbook was saved)' if active else ''}: "
        super().__init__([f"{name}: {where}{said}" + (f"; {fix}" if fix else "")])


_LETTERS = {n: column_letter(n) for n in range(1, 53)}
_LOOKUP = {key(f): f for f in COLUMNS} | {key(a): f for f, names in NAMES.items() for a in names}


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the table: ``label`` as combined from its header rows (``1-2月 绝对值``),
    ``number`` counted from 1 (A), the ``field`` it gives (``None``: not used), the ``unit``
    written in its header, ``running_total`` when it holds 1—N月累计 figures (``months`` = N when
    the header names it), ``mapped`` when ``--map`` named it, and ``why`` a column is not used
    when the import knows it (``the year's goal``, ``an earlier period, for comparison``)."""

    number: int
    label: str
    field: str | None
    unit: str | None = None
    running_total: bool = False
    months: int | None = None
    mapped: bool = False
    why: str | None = None  # why a column giving no field is not used, when it is known
    running_from: str | None = None  # what above the header made it a running total: "the title", "cell A2"

    @property
    def letter(self) -> str:
        """The column as Excel names it: ``C``."""
        return _LETTERS.get(self.number) or column_letter(self.number)


class Unlabelled(NamedTuple):
    """A row with a figure in a group of rows under one target — its cell merged down over them
    (``where``: ``A3:A5``), or filled in on the group's first row alone on a sheet with a 里程碑
    column (``named in A3``) — whose label cells (``labels``: 载体名称, 里程碑…) are all empty
    while the group's other rows fill theirs: a carrier left unnamed, or, when its figure is the
    sum of the group's labelled rows ``above`` it, their subtotal, never to be counted with them.
    ``name`` is the group's target cell as written."""

    row: Row
    above: tuple[Row, ...]
    name: str
    where: str
    labels: tuple[Column, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """The table found in a sheet: its ``columns`` (every header cell, used or not), ``rows``
    (numbered as Excel shows them), the ``period`` (an as-of date read from a date cell or the
    title, ``None`` if neither says) and where it was read (``period_from``), a ``unit`` from a
    ``单位：万元`` line above the header (every figure's unit), and ``decimal_comma`` for a
    ``;``-separated CSV (the comma is then the decimal mark). ``line_units`` are the units a line
    above the header gives for one kind of quantity alone (``金额单位：万元``: amounts;
    ``单位：万元、%``: amounts in 万元, rates in %), by :func:`ledger.units.dimension`;
    ``units_from`` says where each of these units was read (``the unit line '金额单位：万元' (A2)``,
    ``the title '…（单位：万元）'``).
    ``totals`` are the rows a label column other than the target's marks as totals (合计, 小计,
    总计) that hold a figure, each as ``(row number, the label, its column)``: they are left out
    of ``rows``, for the import to refuse or pass over, never to count with their parts;
    ``unlabelled`` (:class:`Unlabelled`) are left out likewise: rows under a merged target whose
    label cells are empty while the group's other rows fill theirs, perhaps an unlabelled subtotal.
    Without a period: ``month`` is the month a title names with no year anywhere (``（1-8月）``)
    and where, ``filled`` a day the sheet says it was filled in (``填报日期：…``,
    ``时间：2025年9月5日``, a bare date in a corner) and where: neither is a date to file figures
    under, so an import without a date column asks for ``--date``. ``year`` is the year the
    sheet names, and where: its period's, else one written alone in the title
    (``临平经开区2025年主要经济指标``); a date cell that names only its month (``8月末``) takes it.

    ``keyed_by`` says how a row's ``cells`` hold a column's value: by its ``"label"`` (JSON
    Lines, TOML), by its ``"number"`` (a workbook, whose rows are handed on as read, merged
    target cells filled in), or at ``"index"`` ``number − 1`` of the CSV record as read (blank
    cells ``""``, every record reaching the last column a field reads): a field's column is
    then found once per sheet, not once per row."""

    name: str
    sheet: str | None
    columns: tuple[Column, ...]
    rows: list[Row]
    period: date | None = None
    period_from: str | None = None
    unit: str | None = None
    decimal_comma: bool = False
    by_field: dict[str, Column] = field(default_factory=dict)
    keyed_by: Literal["label", "number", "index"] = "label"
    month: tuple[int, str] | None = None
    filled: tuple[date, str] | None = None
    line_units: dict[str, str] = field(default_factory=dict)
    totals: tuple[tuple[int, str, Column], ...] = ()
    unlabelled: tuple[Unlabelled, ...] = ()
    units_from: dict[str, str] = field(default_factory=dict)
    year: tuple[int, str] | None = None
    passed: tuple[str, ...] = ()  # rows and columns not read (hidden, or below the table), each said in a note

    def column(self, field_name: str) -> Column | None:
        """The column giving ``field_name``, or ``None``."""
        return self.by_field.get(field_name)

    @property
    def ignored(self) -> list[str]:
        """Labels of the header's columns that give no field (listed on stderr), but for the
        informational columns of a sheet written by ``tracker sheet`` (:data:`OWN_SHEET_INFO`),
        recognised by its hidden ``target`` column: they are there to be read, not imported."""
        own = (t := self.by_field.get("target")) is not None and t.label == "target"
        return [
            c.label for c in self.columns if c.field is None and c.label and not (own and c.label in OWN_SHEET_INFO)
        ]

    @property
    def unused(self) -> str:
        """The :attr:`ignored` columns as the note lists them, each with why it is not used
        where that is known: ``载体名称, 年度目标 (the year's goal, not a figure)``."""
        why = {c.label: c.why for c in self.columns}
        return ", ".join(f"{label} ({why[label]})" if why.get(label) else label for label in self.ignored)


def _unit_of(text: str) -> str | None:
    try:
        return units.canonical(text)
    except units.UnitError:
        return None


def _brackets(k: str) -> tuple[str, str | None]:
    """``k`` (a :func:`~ledger.names.key`) without the brackets that say a unit or a period,
    and the unit: ``1-8月(万元)累计`` → ``1-8月累计``, 万元 (a unit merged over 累计 | 本月 lands
    mid-label); ``累计(1-8月)`` → ``1-8月累计``. A bracket saying anything else stays."""
    unit: str | None = None
    period = ""
    for m in reversed(list(_BRACKET.finditer(k))):
        inside = m.group(1)
        if unit is None and (u := _unit_of(inside)):
            unit = u
        elif not period and _PERIOD.fullmatch(inside):
            period = inside
        else:
            continue
        k = k[: m.start()] + k[m.end() :]
    return period + k, unit


def describe(label: str, mapped: str | None = None) -> Column:
    """What a header label means by itself: its field, the unit in brackets in it, and whether
    it is a running total. ``1-9月累计(万元)`` → value in 万元, running total of 9 months;
    ``1—6月 本月`` → the month's figure; ``1-2月 同比增长%`` → growth; ``新增面积（平方米）`` →
    value in 平方米. ``mapped`` (from ``--map``) overrides the field.

    A single month (``8月``, ``8月完成``, ``8月 绝对值``, ``当月``, ``本月新增``) is that month's own
    figure (``month_value``), never the 1—N月 running total; its growth (``8月 同比增长%``) is
    the month's, not year-to-date growth, and gives no field. A running total is also written
    ``2025年1-8月累计``, ``累计（1-8月）``, ``1-8月止累计``, ``截至8月累计``, ``本月止累计``,
    ``今年以来新增``, or ``8月末`` (the level at the month's end). A column whose header carries a
    unit other than % (``比上年同期增减(亿元)``) or speaks of 百分点 or an amount (增减额) is never
    growth, and neither is a percent of something else (``完成率%``, ``占全区比重%``, ``环比增长%``,
    ``上年同期增长%``, a bare ``%``): only year-on-year growth (同比, 增速, 增长, 比上年, ±) is. Such a
    column gives no field and says why (:attr:`Column.why`)."""
    whole, unit = _brackets(key(label))
    k = whole if whole else key(label)
    k, years = _YEAR.subn("", k, count=1)  # 2025年1-8月累计: the year is the sheet's, the months the column's
    k = digit_months(k)  # 八月, 一-八月累计: as 8月, 1-8月累计
    months: int | None = None
    ranged = single = False
    rest = k
    if period := _PERIOD.match(k):
        first, last, upto = period.group(2), period.group(3), period.group(1) or period.group(4)
        months = int(last) if last.isdigit() else None
        ranged = (first is not None and first == "1") or upto is not None
        single = first is None and upto is None
        rest = k[period.end() :]
        if mapped is None and not ranged and first is not None and months is not None and int(first) < months:
            return Column(0, label, None, None, False, months, False, part_of_year(int(first), months))  # 7-9月
    elif (span := named_span(k)) is not None:
        (first_month, months), length = span
        if mapped is None and first_month > 1:  # 三季度, 下半年: those months' own figures
            return Column(0, label, None, None, False, months, False, part_of_year(first_month, months))
        ranged, rest = True, k[length:]
    else:
        for word, n in _NAMED_PERIODS.items():  # longest first: 本年以来 before 本年
            if k.startswith(word):
                months, ranged, rest = n, True, k[len(word) :]
                break
        else:
            if k.startswith(("本月", "当月", "本期", "当期")) and k not in _LOOKUP:
                single, rest = True, k[2:]  # 本月完成, 当月新增, 本期: the month's own
    lookup = _LOOKUP.get(k)
    if lookup == "target" and (unit is not None or (years and k in _GOAL_OR_NAME)):
        lookup = None  # 目标（亿元）, 2025年目标: a name has no unit nor year; such a column holds the goal
    why = None if mapped is not None or lookup is not None else _not_a_figure(k, rest) or _not_growth(rest, unit)
    if why is not None:
        return Column(0, label, None, None, False, months, False, why)
    cumulative = "累计" in rest
    running = ranged or "累计" in k
    found: str | None
    growth_like = _GROWTH.search(rest) is not None or _LOOKUP.get(k) == "growth" or _LOOKUP.get(rest) == "growth"
    if mapped is not None:
        found = None if mapped in IGNORE else mapped
    elif growth_like and (
        (unit is not None and unit != "%") or "百分点" in rest or any(w in rest for w in ("额", "量"))
    ):
        found = None  # 比上年同期增减(亿元), 增减(百分点), 增长额: a change, not a growth rate (is_change)
    elif single and not cumulative and growth_like:
        found, why = None, MONTHS_GROWTH  # 8月 同比增长%: never year-to-date growth
    elif lookup is not None:
        found = lookup
    elif growth_like:
        found, unit = "growth", "%"
    elif (single and not cumulative and (rest in _FIGURE_WORDS or rest.startswith("新增"))) or rest in (
        "本月",
        "当月",
        "本月数",
        "当月数",
        "本月值",
        "当月值",
    ):
        found, running = "month_value", False
    elif (
        (rest.lstrip("累计") in _FIGURE_WORDS or rest.startswith("新增"))
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


# Why a column of a percent or a growth is not used (Column.why): a rate's figure is its
# year-to-date, year-on-year growth, which none of these is, whatever --map would make of it.
MONTHS_GROWTH = "a single month's growth, not year-to-date"  # 8月同比增长%
BESIDE_MONTH = "beside a single month's figure: the month's own growth, not year-to-date"  # 8月 | 增速%
MONTH_ON_MONTH = "growth over the month before, not year-on-year"  # 环比增长%
SHARE = "a share of a whole, not growth"  # 占全区比重%
LAST_YEARS_GROWTH = "last year's growth, for comparison"  # 上年同期增长%
PERCENT_OF = "a percent of what the header does not say, not growth"  # a bare %
PROGRESS = "progress against the goal, not growth"  # 完成率%
CHANGE = "a change on last year, not a growth rate nor the figure"  # 增减（百分点）
NOT_GROWTH = frozenset({MONTHS_GROWTH, BESIDE_MONTH, MONTH_ON_MONTH, SHARE, LAST_YEARS_GROWTH, PERCENT_OF, PROGRESS})


def is_change(label: str) -> bool:
    """Whether a header names a change on last year rather than a growth rate or a figure: a
    growth word with a unit other than % (``增减(亿元)``), 百分点 (``增减（百分点）``, ``比上年提高（个百分点）``)
    or an amount (``增长额``). :func:`describe` gives it no field; no hint may offer it as the figure."""
    whole, unit = _brackets(key(label))
    k = whole or key(label)
    if _GROWTH.search(k) is None and "百分点" not in k:
        return False
    return (unit is not None and unit != "%") or "百分点" in k or "个点" in k or any(w in k for w in ("额", "量"))


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
    return "累计" in k or "年初至今" in k or describe(header).running_total


# What a note says before a bracket (8月新增（1-8月累计19.5）): what the figure is; the bracket cites.
_NOTE_HEAD = re.compile(r"[（(【\[]")


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
    period) names a column that holds no figure of the period, or ``None``."""
    if k.startswith(_LAST_YEAR) or rest.startswith(_LAST_YEAR):  # 上年累计, 1-8月上年同期
        return LAST_YEARS_GROWTH if _GROWTH.search(k) else "last year's figure, for comparison"
    if k in _GOALS or rest in _GOALS:
        return "the year's goal, not a figure"
    if _PROGRESS.search(rest):
        return PROGRESS
    if _GOAL_WORD.search(rest):  # 新增目标（平方米）, 全年任务（亿元）: a goal, whatever else it says
        return "the year's goal, not a figure"
    return None


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


def _not_growth(rest: str, unit: str | None) -> str | None:
    """Why a header (``rest``: its :func:`~ledger.names.key` after its period; ``unit`` the one in
    its brackets) that gives a percent, a share or a growth is not year-on-year growth, or
    ``None``: ``环比增长%`` is growth over the month before, ``占全区比重%`` a share,
    ``1-8月上年同期增长%`` last year's growth, a bare ``%`` a percent of something the header does
    not name. (Progress against the goal, 完成率%, is :func:`_not_a_figure`'s.)"""
    if _MONTH_ON_MONTH.search(rest):
        return MONTH_ON_MONTH
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


def _texts(cells: dict[int, Any]) -> dict[int, str]:
    return {c: t for c, v in cells.items() if (t := cell_text(v)) is not None}


def _is_number_like(text: str) -> bool:
    t = unicodedata.normalize("NFKC", text).replace(",", "").replace("%", "").strip()
    try:
        float(t)
    except ValueError:
        return False
    return True


def read_table(grid: Grid, mapping: dict[str, str] | None = None, *, carriers: bool = False) -> Table:
    """The table in ``grid`` (see the module's description). ``mapping`` is ``--map``: header
    label → field. ``carriers`` (``import --target``): a sheet whose rows are one target's
    carriers may name them in a carrier column (:data:`CARRIER_HEADERS`: 载体名称, 项目名称) with
    no column naming the target; that column then gives the rows' names. Raises
    :class:`LayoutError` when no header row names the target, two columns give one field, a
    mapped header is missing, or the title and a header disagree on the period."""
    mapping = mapping or {}
    given = {key(h): f for h, f in mapping.items()}
    as_names = {k: "target" for k in CARRIER_HEADERS if k not in given}
    problems: list[str] = []
    for wanted in given.values():
        if wanted not in SHEET_FIELDS and wanted not in IGNORE:
            problems.append(f"--map: unknown field {wanted!r}; use one of {', '.join(SHEET_FIELDS)}, or ignore")
    if not grid.rows:
        raise NoRows(
            grid.name, f"the {'sheet' if grid.sheet else 'file'} is empty; it needs a header row and rows of figures"
        )
    merged = _merges(grid)
    rows = grid.rows
    at = _header_at(rows, given)
    if at is None and (carried := _header_at(rows, given | as_names)) is not None:
        if carriers:  # the carrier column names the rows: 载体名称 as if --map '载体名称=target'
            at = carried
            given |= {key(t): "target" for t in _texts(rows[at][1]).values() if key(t) in as_names}
        else:
            label = next(t for t in _texts(rows[carried][1]).values() if key(t) in as_names)
            raise NoHeader(
                grid.name,
                f"no column names the target (指标名称, 重点任务, target…), and {label!r} names carriers",
                "if every row is one target's, import with --target ID; else add a 指标名称 column",
                sheet=grid.sheet if len(grid.sheets) > 1 else None,
                above=tuple(t for _, cells in rows[:carried] for t in _texts(cells).values()),
            )
    if at is None:
        first = _texts(rows[0][1])
        raise NoHeader(
            grid.name,
            "no column names the target (指标名称, 重点任务, target…); its first row has "
            + ", ".join(repr(t) for t in first.values()),
            sheet=grid.sheet if len(grid.sheets) > 1 else None,
        )
    header_rows = [rows[at]]
    naming = [c for c, t in _texts(rows[at][1]).items() if _header_field(t, given) == "target"]
    labels_column = next((c for c in naming if not _goal_or_name(rows[at][1][c], given)), naming[0])
    for number, cells in rows[at + 1 : at + 3]:
        if number != header_rows[-1][0] + 1 or not _is_subheader(cells, rows[at][1], labels_column, number, merged):
            break
        header_rows.append((number, cells))
    labels = _combine(header_rows, merged)
    columns: list[Column] = []
    seen: dict[str, int] = {}
    for number, label in sorted(labels.items()):
        lk = key(label)
        mapped = given.get(lk)
        col = describe(label, mapped)
        if mapped is not None and (refused := _refused_map(label, mapped)) is not None:
            problems.append(refused)
            col = describe(label)  # as read unmapped: no hint may offer to keep it beside another column
        if lk in seen:  # the same label twice: tell them apart by column letter
            label = f"{label} ({column_letter(number)})"
        seen[lk] = number
        columns.append(dataclasses.replace(col, number=number, label=label))
    stated = _above(grid, rows[:at])
    if stated.part is not None:
        _refuse_part(grid.name, columns, stated.part)
    columns = _january(columns, stated)
    columns = _part_growth(grid.name, _month_growth(_growth_under_groups(_goal_beside_name(columns))))
    columns = _other_years(grid.name, columns, stated)
    columns, keep = _latest_period(columns, stated)
    by_field = _fields(grid.name, columns, mapping, problems, keep)
    period, period_from, unit, title_month = stated.period, stated.period_from, stated.unit, stated.month
    line_units = stated.line_units
    said = (period.month, f"{period_from} says {period:%Y-%m}") if period is not None else None
    if title_month is not None:
        said = title_month[0], f"{title_month[1]} says month {title_month[0]}"
    for col, month in month_columns(columns):
        if said is not None and month != said[0]:
            raise LayoutError(
                [
                    f"{grid.name}: column {col.label!r} ({col.letter}) is for month {month} but {said[1]}; "
                    "which is it? correct the sheet"
                ]
            )
    if stated.running is not None:  # 2025年1-8月…: a 完成值 column holds 1—8月 running totals
        ytd = {c.number: _year_to_date(c, *stated.running) for c in columns}
        columns = [ytd[c.number] for c in columns]
        by_field = {f: ytd[c.number] for f, c in by_field.items()}
    said_year = (period.year, str(period_from)) if period is not None else _one_year(stated)
    if period is None:
        months = {month for _, month in month_columns(columns)} | ({title_month[0]} if title_month else set())
        if len(months) == 1:
            (month,) = months
            if (year := _year_of(month, stated)) is not None:
                said_year = year
                if title_month is None and year[1].startswith("the title"):
                    period_from = "the title's year and the header's month"
                else:
                    whose = title_month[1] if title_month else "the header"
                    period_from = f"the month in {whose} and the year in {year[1]}"
                period, title_month = month_end(year[0], month), None
    start = at + len(header_rows)
    keyed_by: Literal["number", "index"] = "number"
    if isinstance(rows, CsvRows) and rows.plain:
        data, keyed_by = _records(rows, start, by_field, grid.name), "index"
    else:
        data = _data_rows(rows[start:], merged, by_field, grid.name)
    data, below = _second_table(grid.name, data, keyed_by, rows[at][1], by_field["target"].number, said_year)
    if not data:
        labels_text = ", ".join(c.label for c in columns)
        raise NoRows(grid.name, f"no rows of figures under the header ({labels_text})")
    data, totals = _total_rows(data, columns, by_field, keyed_by)
    unlabelled: tuple[Unlabelled, ...] = ()
    if (merged and keyed_by == "number") or "milestone" in by_field:
        data, unlabelled = _unlabelled_rows(data, merged, columns, by_field, keyed_by)
    return Table(
        grid.name,
        grid.sheet,
        tuple(columns),
        data,
        period,
        period_from,
        unit,
        grid.delimiter == ";",
        by_field,
        keyed_by,
        month=title_month,
        filled=stated.filled[0] if period is None and stated.filled else None,
        line_units=line_units,
        totals=totals,
        unlabelled=unlabelled,
        units_from=stated.units_from,
        year=said_year,
        passed=tuple(grid.hidden) + below,
    )


_CELLS = itemgetter(1)  # a Row's cells, by index: a NamedTuple's attribute costs five times more
# A title naming last year's figures, for comparison: 2024年8月（上年同期）, 去年同期, 上年同期数.
_LAST_YEARS = LazyPattern(r"上年同期|去年同期|上年|去年|上一年")


def _second_table(
    name: str,
    data: list[Row],
    keyed_by: Literal["number", "index"],
    header: dict[int, Any],
    target: int,
    year: tuple[int, str] | None,
) -> tuple[list[Row], tuple[str, ...]]:
    """``data`` up to where a second table below the first begins, and the note naming the rows
    left unread. A row whose one cell names last year (``2024年8月（上年同期）``, ``去年同期``) or
    another year than the sheet's ``year`` ends the table there: what is below it is that period's,
    for comparison, and read as more rows it would add last year's figures to this year's. A row
    repeating the header (its target cell as the header's, ``指标名称``) with no such title above
    it raises :class:`LayoutError`: another table, or the same one continued over a page, cannot
    be told apart. Only the target column and rows of one cell are looked at, in C where it can
    be, so that 20,000 rows cost next to nothing."""
    head = cell_text(header.get(target))
    head_key = key(head) if head else None
    index = keyed_by == "index"
    # The target column's text of each row, and the rows of one cell (a title, a note, a heading)
    # among those whose target cell is empty or says 年 (a title naming a year, 上年同期, sits in
    # the target column or beside an empty one): the rest of a row is looked at only for those,
    # and whether there are any is asked in C (a Python loop costs 20,000 rows a tenth more).
    if index:  # records as long as the last column a field reads, the target's among them
        names: list[Any] = list(map(itemgetter(target - 1), map(_CELLS, data)))
        look = "" in names or "年" in "\x00".join(names)
    else:
        names = list(map(dict.get, map(_CELLS, data), repeat(target)))
        look = None in names or "年" in "\x00".join(map(str, names))
    maybe = [i for i, n in enumerate(names) if not n or (n.__class__ is str and "年" in n)] if look else []
    cells = {i: data[i].cells for i in maybe}
    if index:
        single = [i for i in maybe if len(cells[i]) - cells[i].count("") == 1]
    else:
        single = [i for i in maybe if len(cells[i]) == 1]
    repeats: list[int] = []
    if head_key:
        # Each distinct name looked at once, and only one holding the header's first and last
        # characters normalised: a sheet's names share their first character often (指标1, 指标2).
        ends = head_key[0], head_key[-1]
        again = {
            n
            for n in set(names)
            if isinstance(n, str) and ends[0] in (low := n.lower()) and ends[1] in low and key(n) == head_key
        }
        if again:
            repeats = [i for i, n in enumerate(names) if n in again]
    titles: list[tuple[int, str]] = []
    for i in single:
        (only,) = (v for v in (cells[i] if index else cells[i].values()) if cell_text(v) and str(v).strip())
        text = cell_text(only) or ""
        norm = unicodedata.normalize("NFKC", text)
        said = _YEAR.search(norm)
        if _LAST_YEARS.search(norm) or (said and year is not None and int(said.group(1)) != year[0]):
            titles.append((i, text.strip()))
            break
    end = min([i for i, _ in titles[:1]] + repeats[:1], default=None)
    if end is None:
        return data, ()
    numbers = [r.number for r in data[end:]]
    shown = f"row {numbers[0]}" if len(numbers) == 1 else f"rows {numbers[0]}–{numbers[-1]}"
    if titles and titles[0][0] == end:
        return data[:end], (
            f"{shown} not read: row {numbers[0]} {_shown(titles[0][1])!r} begins another period's table below this "
            "one (last year's or another year's figures, for comparison)",
        )
    row = data[end].number
    raise LayoutError(
        [
            f"{name}: row {row} repeats the header ({_shown(head or '')!r}): a second table below the first, or the "
            f"same table continued? tracker reads one table; delete rows {row}–{numbers[-1]} if they are another "
            "table, or the repeated header if the table goes on"
        ]
    )


def _refused_map(label: str, mapped: str) -> str | None:
    """Why ``--map 'label=mapped'`` is refused, or ``None``: a single month's figure (``8月``, ``本月``,
    ``当月``, ``本期``, ``当期新增``) mapped to ``value`` would file the month's own figure as the 1—N月
    running total; a single month's growth (``本月增速%``, ``8月同比增长%``) mapped to ``growth`` would
    file it as the year's; a change in percentage points (``增减（百分点）``) or an amount's change
    (``增减（亿元）``, ``增长额``) is neither a rate's growth nor a figure."""
    own = describe(label)
    if mapped == "value" and own.field == "month_value" and own.months != 1:
        if own.months is not None:
            return (
                f"--map: {label!r} names month {own.months} alone, whose figure is the month's own, not the "
                f"1—{own.months}月 running total; map it to month_value"
            )
        return (
            f"--map: {label!r} holds the month's own figure (本月, 当月, 本期), not the 1—N月 running total; map it "
            "to month_value, or use the 1—N月累计 column"
        )
    if mapped == "growth" and own.why == MONTHS_GROWTH:
        return (
            f"--map: {label!r} holds {MONTHS_GROWTH}; a rate's figure is its 1—N月 growth: use the 1-N月同比增长% "
            "(累计增速) column, or record it with `tracker record`"
        )
    if mapped in ("value", "month_value", "growth") and is_change(label):
        return (
            f"--map: {label!r} holds {CHANGE}: a rate's figure is its growth (同比增长%), and a change of N 百分点 is no growth of N %"
            "; use the growth or figure column, or record it with `tracker record`"
        )
    return None


def _refuse_part(name: str, columns: list[Column], part: tuple[int, int, str]) -> None:
    """Refuse a sheet whose title names months that do not start in January (2025年三季度,
    2025年7-9月) when a figure column names no period of its own: it holds those months' own
    figures, which are neither a running total's or a rate's year so far nor one month's
    additions (Q3's own growth must never replace 1—9月's). A column naming the year so far
    (``1-9月累计``, ``前三季度``, ``累计``) holds what it says, and the title only dates the sheet (三季度
    ends on 9月30日); a growth column right of such a column (``1-9月累计 | 增速(%)``) is that
    column's growth, year to date. Raises :class:`LayoutError`, also for a column whose months
    are not the title's (三季度 over ``1-6月累计``), naming both."""
    first, last, said = part
    left: Column | None = None  # the nearest figure column to the left: a sheet puts a growth after its figure
    for col in columns:
        if col.field not in ("value", "month_value", "growth"):
            continue
        year_so_far = col.running_total or (col.field == "growth" and col.months is not None)
        if year_so_far and col.months is not None and col.months != last:
            raise LayoutError(
                [
                    f"{name}: {said} names {first}—{last}月, but column {col.label!r} ({col.letter}) holds 1—"
                    f"{col.months}月; which is it? correct the sheet"
                ]
            )
        beside = left is not None and left.running_total
        if col.field == "growth" and col.months is None and (beside or _year_so_far(col.label)):
            continue  # 1-9月累计 | 增速(%): the growth of the year so far beside it
        if col.field == "growth" and left is not None and left.field == "month_value":
            continue  # 9月 | 增速(%): September's own growth, passed over by _month_growth
        if col.field in ("value", "growth") and col.months is None and not col.running_total:
            raise LayoutError(
                [
                    f"{name}: {said} covers {first}—{last}月 alone, so column {col.label!r} ({col.letter}) holds "
                    f"{part_of_year(first, last)}: tracker records 1—N月 totals and growth and one month's "
                    f"additions; import the 1—{last}月 sheet or {last}月's own additions, or use `tracker record`"
                ]
            )
        if col.field != "growth":
            left = col


def _one_year(stated: _Stated) -> tuple[int, str] | None:
    """The one year the rows above the header name without a month, and where; ``None`` for
    none or several."""
    if len(stated.years) != 1:
        return None
    ((year, where),) = stated.years.items()
    return year, where


def _total_rows(
    rows: list[Row], columns: Sequence[Column], by_field: dict[str, Column], keyed_by: Literal["number", "index"]
) -> tuple[list[Row], tuple[tuple[int, str, Column], ...]]:
    """``rows`` without the total rows a label column other than the target's marks (合计 in a
    载体名称 column under a target merged down over its carriers), and those rows: see
    :attr:`Table.totals`. A total row with no figure is kept, to be passed over as any row
    without one. Only columns of text that give no figure are read as labels."""
    labels = _label_columns(columns, by_field)
    if not labels:
        return rows, ()
    figures = [c for f, c in by_field.items() if f in _FIGURES]
    index = keyed_by == "index"

    def get(cells: Any, col: Column) -> Any:
        if index:  # a CSV record, as long as the last column a field reads
            return cells[col.number - 1] if col.number <= len(cells) else None
        return cells.get(col.number)

    kept: list[Row] = []
    totals: list[tuple[int, str, Column]] = []
    for row in rows:
        marked = None
        for col in labels:
            value = get(row.cells, col)
            if isinstance(value, str) and value and _TOTAL_LABEL.match(key(value)):
                marked = col, value.strip()
                break
        if marked is not None and any(
            (t := cell_text(get(row.cells, c))) is not None and t.strip() and not is_no_figure(t.strip())
            for c in figures
        ):
            totals.append((row.number, marked[1], marked[0]))
        else:
            kept.append(row)
    return kept, tuple(totals)


def _label_columns(columns: Sequence[Column], by_field: dict[str, Column]) -> list[Column]:
    """The columns that may label a row beside its target (载体名称, 里程碑): text giving no figure."""
    target = by_field.get("target")
    return [c for c in columns if (c.field is None or c.field == "milestone") and c is not target and c.number]


def _has_text(value: Any) -> bool:
    """Whether a cell holds a label: text, not a number, not a "no figure" mark."""
    text = cell_text(value)
    return text is not None and bool(t := text.strip()) and not is_no_figure(t) and not _is_number_like(t)


def _unlabelled_rows(
    rows: list[Row],
    merged: dict[tuple[int, int], tuple[int, int, int, int]],
    columns: Sequence[Column],
    by_field: dict[str, Column],
    keyed_by: Literal["number", "index"],
) -> tuple[list[Row], tuple[Unlabelled, ...]]:
    """``rows`` without the :class:`Unlabelled` ones, and those: in a group of rows under one
    target (merged down over them, or, on a sheet with a 里程碑 column, named on the first row
    alone and held for the rows below), a row with a figure (value or 本月) whose label cells are
    all empty while another row of the group fills one. Whether such a row is a subtotal is the
    import's to judge, on the figures (see :attr:`Table.unlabelled`)."""
    target = by_field.get("target")
    labels = _label_columns(columns, by_field)
    if target is None or not labels:
        return rows, ()
    index = keyed_by == "index"

    def get(cells: Any, number: int) -> Any:
        if index:  # a CSV record, as long as the last column a field reads
            return cells[number - 1] if number <= len(cells) else None
        return cells.get(number)

    t, letter = target.number, target.letter
    groups: dict[tuple[str, str], list[Row]] = {}  # (where, the target cell as written): the group's rows
    spans = {span for (_, c), span in merged.items() if span[1] <= t <= span[3] and span[2] > span[0]}
    current: list[Row] | None = None
    for row in rows:
        span = next((sp for sp in spans if sp[0] <= row.number <= sp[2]), None) if spans else None
        name = cell_text(get(row.cells, t))
        if span is not None:
            where = f"{column_letter(span[1])}{span[0]}:{column_letter(span[3])}{span[2]}"
            groups.setdefault((where, (name or "").strip()), []).append(row)
            current = None
        elif name is not None and name.strip():
            current = groups.setdefault((f"named in {letter}{row.number}", name.strip()), [])
            current.append(row)
        elif current is not None and "milestone" in by_field:
            current.append(row)  # a task's cell filled on its first row holds for the rows below
    numbers = [c.number for f, c in by_field.items() if f in ("value", "month_value")]
    found: list[Unlabelled] = []
    for (where, name), members in groups.items():
        named = [any(_has_text(get(r.cells, c.number)) for c in labels) for r in members]
        if len(members) < 2 or not any(named):
            continue
        used = tuple(c for c in labels if any(_has_text(get(r.cells, c.number)) for r in members))
        for i, row in enumerate(members):
            if named[i] or not any(
                (text := cell_text(get(row.cells, c))) is not None and text.strip() and not is_no_figure(text.strip())
                for c in numbers
            ):
                continue
            above = tuple(r for r, n in zip(members[:i], named[:i], strict=True) if n)
            found.append(Unlabelled(row, above, name, where, used))
    if not found:
        return rows, ()
    left_out = {u.row.number for u in found}
    return [r for r in rows if r.number not in left_out], tuple(found)


def month_columns(columns: Iterable[Column]) -> list[tuple[Column, int]]:
    """The figure columns (value, 本月) whose header names the month they are for (``1-8月累计``,
    ``8月``), each with that month (1–12): what a sheet's stated period and ``--date`` must agree with."""
    return [(c, c.months) for c in columns if c.months is not None and c.field in ("value", "month_value")]


def _group(col: Column) -> tuple[str, str] | None:
    """A combined label's group and the rest (``8月 累计`` → ``8月``, ``累计``), or ``None``."""
    group, _, rest = col.label.partition(" ")
    return (group, rest) if rest else None


def _growth_under_groups(columns: list[Column]) -> list[Column]:
    """``columns`` with the growth under a period group that holds a running total and no month's
    own figure (``8月`` merged over ``累计 | 同比增长%``: 8月累计 is 1—8月) read as growth: the
    running total's, year to date. Under ``8月`` over ``绝对值 | 同比增长%`` it stays the month's own
    growth, not used (see :func:`describe`)."""
    running: set[str] = set()
    monthly: set[str] = set()
    for c in columns:
        if (g := _group(c)) is not None and c.field in ("value", "month_value"):
            (running if c.field == "value" and c.running_total else monthly).add(g[0])
    out = []
    for c in columns:
        g = _group(c)
        if (
            g is not None
            and c.field is None
            and not c.mapped
            and c.why in (None, MONTHS_GROWTH)
            and g[0] in running - monthly
            and describe(g[1]).field == "growth"
        ):
            c = dataclasses.replace(c, field="growth", unit="%", running_total=False)
        out.append(c)
    return out


_YEAR_IN_LABEL = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年")


def _month_growth(columns: list[Column]) -> list[Column]:
    """``columns`` with a growth column of no period of its own left out when the sheet's only
    figures are a single month's (``8月 | 增速%``, ``本月 | 同比增长%``): that growth is the month's
    own, and a rate's figure is its year-to-date growth (12.0 % for August alone was recorded as
    the year's, where 1—8月 was 5.8 %). So is one that follows a single month's figure when a
    running total stands elsewhere (``8月 | 增速% | 1-8月累计``): a sheet puts each growth after the
    figure it is of (``本月 | 同比% | 累计 | 同比%``)."""
    fields = {c.field for c in columns}
    if "month_value" not in fields:
        return columns
    out, left = [], None  # the nearest figure column to the left: a sheet puts a growth after its figure
    for c in columns:
        if (
            c.field == "growth"
            and c.months is None
            and not c.mapped
            and not _year_so_far(c.label)
            and ("value" not in fields or left == "month_value")
        ):
            c = dataclasses.replace(c, field=None, why=BESIDE_MONTH)
        elif c.field in ("value", "month_value"):
            left = c.field
        out.append(c)
    return out


def _other_years(name: str, columns: list[Column], stated: _Stated) -> list[Column]:
    """``columns`` with each figure column whose header names a year other than the sheet's
    (``2024年累计``, ``2024年1-8月`` under a 2025 title) left out, saying why: it is there for
    comparison, never this year's figure, and no hint may offer to keep it. When the sheet names
    no year, one naming an earlier year than another column of its field, or a year beside one
    naming none (``2024年累计 | 本年累计``), is left out likewise: whatever the sheet's year, the
    other column is its figure. Raises :class:`LayoutError` for such a column named with ``--map``
    as a figure (``--map '2024年累计=value'`` under a 2025 title)."""
    sheet_year = stated.period.year if stated.period is not None else None
    said = f"{stated.period_from} says {sheet_year}" if stated.period is not None else ""
    if sheet_year is None and len(stated.years) == 1:
        ((sheet_year, where),) = stated.years.items()
        said = f"{where} says {sheet_year}"
    figures = ("value", "month_value", "growth")
    named = {c.number: int(m.group(1)) for c in columns if c.field in figures and (m := _YEAR_IN_LABEL.search(c.label))}
    if not named:
        return columns
    out = []
    for c in columns:
        year = named.get(c.number)
        why = None
        if year is not None and sheet_year is not None and year != sheet_year:
            if c.mapped:
                raise LayoutError(
                    [f"{name}: column {c.label!r} ({c.letter}) is for {year}, but {said}: it is there for comparison, "
                     f"never {sheet_year}'s figure; map the column of {sheet_year} instead, or correct the sheet"]
                )  # fmt: skip
            why = f"{year}'s {_what(c)}, not {sheet_year}'s, for comparison"
        elif year is not None and sheet_year is None and not c.mapped:
            later = [o for o in columns if o.field == c.field and o is not c and named.get(o.number, 10_000) > year]
            if later:
                whose = "the growth of " if c.field == "growth" else ""
                why = f"{whose}an earlier year than {later[0].label!r}, for comparison"
        if why is not None:
            c = dataclasses.replace(c, field=None, running_total=False, why=why)
        out.append(c)
    return out


def _january(columns: list[Column], stated: _Stated) -> list[Column]:
    """``columns`` as a January sheet means them: January's own figure is the year so far, so a
    ``1月`` or ``本月`` column is the figure (a total's 1—1月, an increment's addition) when no
    other column gives one, and the
    growth of January alone (``1月同比增长%``, or beside ``1月``) is year-to-date growth. January is
    what the title or a date cell above says (2025年1月), else the figure columns' headers."""
    months = {c.months for c in columns if c.field in ("value", "month_value") or c.why == MONTHS_GROWTH}
    if stated.period is not None:
        january = stated.period.month == 1 and months <= {1, None}
    elif stated.month is not None:
        january = stated.month[0] == 1 and months <= {1, None}
    else:
        january = months == {1}
    if not january:
        return columns
    total = any(c.field == "value" for c in columns)
    out = []
    for c in columns:
        if c.field == "month_value" and not total and not c.mapped:
            c = dataclasses.replace(c, field="value", months=1)  # an increment's addition, a total's 1—1月
        elif c.field is None and c.why == MONTHS_GROWTH:
            c = dataclasses.replace(c, field="growth", unit="%", why=None, months=None)
        out.append(c)
    return out


def _what(col: Column) -> str:
    return "growth" if col.field == "growth" else "figure"


def _year_so_far(label: str) -> bool:
    """Whether a header says the year so far in words (``累计增速``, ``累计 增长%``, ``本年增速``,
    ``今年以来增长``): a growth so headed is year-to-date wherever it stands."""
    k = key(label)
    return "累计" in k or k.startswith(tuple(_NAMED_PERIODS))


def _part_growth(name: str, columns: list[Column]) -> list[Column]:
    """``columns`` with a growth column of no period of its own left out when it follows a
    column of months that do not start in January (``7-9月 | 同比增长%``): that growth is those
    months' own. Raises :class:`LayoutError` when such a column is the sheet's only figure:
    neither a running total, a rate's year so far nor one month's additions can be read."""
    parts = [c for c in columns if c.field is None and c.why is not None and c.why.startswith(_PART)]
    if not parts:
        return columns
    fields = {c.field for c in columns}
    if not fields & {"value", "month_value"}:
        col = parts[0]
        raise LayoutError(
            [
                f"{name}: column {col.label!r} ({col.letter}) holds {col.why}: tracker records 1—N月 totals and "
                f"growth and one month's additions; import the 1—{col.months}月 sheet or {col.months}月's own "
                "additions, or use `tracker record`"
            ]
        )
    out, left = [], None
    for c in columns:
        if c.field == "growth" and c.months is None and not c.mapped and left is not None and left in parts:
            c = dataclasses.replace(c, field=None, why=f"beside {left.why}: their own growth")
        elif c.field in ("value", "month_value") or c in parts:
            left = c
        out.append(c)
    return out


def _latest_period(columns: list[Column], stated: _Stated) -> tuple[list[Column], dict[str, tuple[Column, str]]]:
    """``columns`` with the figure columns of earlier periods left out, and, for a field whose
    latest period cannot be told, the column the sheet's stated period names (for the refusal's
    hint). A sheet reports its latest period: beside ``1-8月`` a ``1-7月`` column (last month's)
    or ``2024年1-8月`` (last year's) is there for comparison, and so is the growth under its group.
    Only columns that all name their months are ordered; a year not in a header is the sheet's
    (its title's), and when that is unknown, or the latest is not the period the sheet states,
    the columns are left for :func:`_fields` to refuse (``{field: (column, what says so)}``)."""
    sheet_year = stated.period.year if stated.period is not None else None
    if sheet_year is None and len(stated.years) == 1:
        (sheet_year,) = stated.years
    stated_month, said = None, ""
    if stated.period is not None:
        stated_month, said = stated.period.month, f"{stated.period_from} says {stated.period:%Y-%m}"
    elif stated.month is not None:
        stated_month, said = stated.month[0], f"{stated.month[1]} says month {stated.month[0]}"
    out = list(columns)
    keep: dict[str, tuple[Column, str]] = {}
    dropped: set[str] = set()
    for f in ("value", "month_value"):
        cols = [c for c in out if c.field == f and not c.mapped]
        if len(cols) < 2 or any(c.months is None for c in cols):
            continue
        named = {c.number: int(m.group(1)) if (m := _YEAR_IN_LABEL.search(c.label)) else None for c in cols}
        if None in named.values() and any(named.values()):
            if sheet_year is None:
                continue
            named = {n: y or sheet_year for n, y in named.items()}
        when = {c.number: (named[c.number] or 0, c.months or 0) for c in cols}
        latest = max(when.values())
        kept = [c for c in cols if when[c.number] == latest]
        if len(kept) != 1 or (stated_month is not None and latest[1] != stated_month):
            if stated_month is not None and len(matching := [c for c in cols if c.months == stated_month]) == 1:
                keep[f] = matching[0], said
            continue
        for i, c in enumerate(out):
            if c in cols and c is not kept[0]:
                earlier = "an earlier year" if when[c.number][0] != latest[0] else "an earlier period"
                why = f"{earlier} than {kept[0].label!r}, for comparison"
                out[i] = dataclasses.replace(c, field=None, running_total=False, why=why)
                if (g := _group(c)) is not None:
                    dropped.add(g[0])
    if dropped:
        for i, c in enumerate(out):
            if c.field == "growth" and not c.mapped and (g := _group(c)) is not None and g[0] in dropped:
                out[i] = dataclasses.replace(c, field=None, why="the growth of an earlier period, for comparison")
    return out, keep


def _fields(
    name: str,
    columns: list[Column],
    mapping: dict[str, str],
    problems: list[str],
    keep: dict[str, tuple[Column, str]] | None = None,
) -> dict[str, Column]:
    """``{field: column}``; raises :class:`LayoutError` with ``problems`` and any of its own: a
    mapped header that is missing, two columns giving one field (the hint names the column
    ``keep`` says the sheet's period is, where it says one), no column naming the target."""
    known = {key(c.label) for c in columns}
    for h in mapping:
        if key(h) not in known:
            problems.append(f"--map: {name} has no column {h!r}; its columns are {', '.join(c.label for c in columns)}")
    by_field: dict[str, Column] = {}
    for col in columns:
        if col.field is None:
            continue
        if col.field in by_field:
            other = by_field[col.field]
            where = f" ({other.letter})", f" ({col.letter})"
            if not col.number:
                where = "", ""
            both = f"{name}: columns {other.label!r}{where[0]} and {col.label!r}{where[1]} both give {col.field}"
            kept, said = (keep or {}).get(col.field, (None, ""))
            if kept in (col, other):
                dropped = other if kept is col else col
                problems.append(
                    f"{both}; {said}: keep {kept.label!r} with --map '{dropped.label}=ignore', or correct the sheet"
                )
            else:
                problems.append(
                    f"{both}; to keep {other.label!r}, import with --map '{col.label}=ignore'; to keep "
                    f"{col.label!r}, with --map '{other.label}=ignore'"
                )
        else:
            by_field[col.field] = col
    if "target" not in by_field and not problems:
        problems.append(
            f"{name}: no column names the target (指标名称, target…); its columns are "
            + ", ".join(repr(c.label) for c in columns)
            + "; name it with --map 'HEADER=target'"
        )
    if problems:
        raise LayoutError(problems)
    return by_field


def keyed_table(name: str, rows: list[Row], mapping: dict[str, str] | None = None) -> Table:
    """A :class:`Table` for rows already keyed by field name (JSON Lines objects, TOML entries):
    each key is a column label, read as a header would be."""
    mapping = mapping or {}
    given = {key(h): f for h, f in mapping.items()}
    problems = [
        f"--map: unknown field {f!r}; use one of {', '.join(SHEET_FIELDS)}, or ignore"
        for f in given.values()
        if f not in SHEET_FIELDS and f not in IGNORE
    ]
    headers = list(dict.fromkeys(h for r in rows for h in r.cells))
    columns = []
    for h in headers:
        col = describe(h, given.get(key(h)))
        columns.append(dataclasses.replace(col, label=h))
    by_field = _fields(name, _goal_beside_name(columns), mapping, problems)
    return Table(name, None, tuple(columns), rows, by_field=by_field)


def _header_field(text: str, given: dict[str, str]) -> str | None:
    k = key(text)
    return given.get(k) or describe(text).field


def _header_at(rows: Sequence[tuple[int, dict[int, Any]]], given: dict[str, str]) -> int | None:
    for i, (_, cells) in enumerate(rows[:30]):
        texts = _texts(cells)
        if any(_header_field(t, given) == "target" for t in texts.values()):
            return i
    return None


def _merges(grid: Grid) -> dict[tuple[int, int], tuple[int, int, int, int]]:
    """Each merged cell but the top-left one, mapped to its range (small ranges only: a merge
    over thousands of cells is decoration, not a header)."""
    out: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    for span in grid.merged:
        r1, c1, r2, c2 = span
        if (r2 - r1 + 1) * (c2 - c1 + 1) > 10_000:
            continue
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    out[(r, c)] = span
    return out


def _is_subheader(
    cells: dict[int, Any],
    header: dict[int, Any],
    labels_column: int,
    number: int,
    merged: dict[tuple[int, int], tuple[int, int, int, int]],
) -> bool:
    texts = _texts(cells)
    if not texts or labels_column in texts:
        return False
    if not all(isinstance(cells[c], str) and not _is_number_like(t) for c, t in texts.items()):
        return False
    if (number, labels_column) in merged:
        return True  # a sub-header row sits under the label cell merged down over it
    # Without that (a CSV has no merges): a sub-header's cells sit under a group's label (1—6月)
    # or the empty cells beside it, never all under columns that already say what they hold.
    above = _texts(header)
    return any(c not in above or describe(above[c]).months is not None for c in texts)


def _combine(
    header_rows: list[tuple[int, dict[int, Any]]], merged: dict[tuple[int, int], tuple[int, int, int, int]]
) -> dict[int, str]:
    """One label per column from stacked header rows: a horizontally merged cell (or, in a CSV,
    an empty cell right of a group's label with sub-labels under both) gives its text to every
    column under it; a vertically merged one counts once."""
    grid = [(_number, _texts(cells)) for _number, cells in header_rows]
    top_number = grid[0][0]
    all_columns = sorted({c for _, t in grid for c in t} | {c for (r, c) in merged if r == top_number})
    parts: dict[int, list[str]] = {c: [] for c in all_columns}
    for level, (number, texts) in enumerate(grid):
        below = grid[level + 1][1] if level + 1 < len(grid) else {}
        last_group: str | None = None
        for c in all_columns:
            text = texts.get(c)
            if text is None and (number, c) in merged:
                r1, c1, _, _ = merged[(number, c)]
                source = dict(grid).get(r1, {}) if r1 >= top_number else {}
                text = source.get(c1) if r1 == number else None  # a vertical merge counts once
            if text is None and (number, c) not in merged and last_group is not None and c in below:
                text = last_group  # a CSV: "1—6月" then an empty cell, with 本月 | 累计 under them
            if text is not None:
                parts[c].append(text)
                last_group = text if c in below else None
            elif c not in below:
                last_group = None
    return {c: " ".join(p) for c, p in parts.items() if p}


class _Stated(NamedTuple):
    """What the rows above the header say: the ``period`` (a date cell or a title with a year)
    and where it was read, the sheet's ``unit`` (a 单位 line; ``line_units`` by kind, see
    :func:`_sheet_unit`; ``units_from`` where each was read), ``running`` = (N, where) when the
    title names 1—N月, or a title or date cell the year so far to month N (``截至2025年8月底``), N ≥ 2:
    its figures are year-to-date; a ``month`` the title names with no year,
    ``years`` named with no month (``临平经开区2025年主要经济指标``) and the days the sheet says it
    was ``filled`` in, each with where."""

    period: date | None
    period_from: str | None
    unit: str | None
    running: tuple[int, str] | None
    month: tuple[int, str] | None
    years: dict[int, str]
    filled: list[tuple[date, str]]
    line_units: dict[str, str]
    units_from: dict[str, str]  # where each unit above the header was read
    part: tuple[int, int, str] | None = None  # (first, last month, where): a title's 7—9月, 三季度


def _a_day(text: str) -> date | None:
    """The first full date (with a day) in ``text``, or ``None``."""
    if m := _ANY_DAY.search(text):
        with contextlib.suppress(ValueError):
            if m.group(2):
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return date(int(m.group(1)), int(m.group(4)), int(m.group(5)))
    return None


def _title_period(norm: str, text: str) -> tuple[date | None, int | None, int | None, int | None] | None:
    """``(period, running months, month without a year, first month)`` a title-like text states,
    or ``None``; the first month is given when the period is several months starting after
    January (2025年7-9月, 2025年三季度, 2025年下半年): those months' own figures."""
    if m := _TITLE_PERIOD.search(norm):
        last = int(m.group(3))
        if not 1 <= last <= 12:
            return None
        first = int(m.group(2)) if m.group(2) is not None else None
        ranged = first == 1
        running = last if last >= 2 and (ranged or _up_to(norm, m.start(), m.end())) else None
        part = first if first is not None and 1 < first < last else None
        return month_end(int(m.group(1)), last), running, None, part
    if m := _TITLE_NAMED.search(norm):
        if m.group(3) is not None:  # 2025Q3, 2025 Q3: the year and the quarter without 年
            q = int(m.group(4))
            first, last = q * 3 - 2, q * 3
            return month_end(int(m.group(3)), last), last if first == 1 else None, None, first if first > 1 else None
        word = key(m.group(2))
        if word == "全年":
            first, last = 1, 12
        else:
            (first, last), _ = named_span(word) or ((1, 12), 0)
        running = last if first == 1 else None
        return month_end(int(m.group(1)), last), running, None, first if first > 1 else None
    if not (m := _TITLE_MONTHS.search(norm)):
        return None
    last = int(m.group(2) or m.group(3) or m.group(4))
    if not 1 <= last <= 12:
        return None
    running = last if (m.group(2) is not None or m.group(4) is not None) and last >= 2 else None
    if year := _YEAR.search(norm):  # 临平经开区2025年主要经济指标（1-8月）
        return month_end(int(year.group(1)), last), running, None, None
    return None, running, last, None


def _up_to(norm: str, start: int, end: int) -> bool:
    """Whether the month at ``norm[start:end]`` is said as the year so far: 截至/截止 before it, or
    底/末/止 after it (截至2025年7月底, 2025年8月末), the words that make a header a running total."""
    return _UP_TO_BEFORE.search(norm, 0, start) is not None or _UP_TO_AFTER.match(norm, end) is not None


def _sheet_unit(norm: str) -> tuple[str | None, dict[str, str], str] | None:
    """A unit line's ``(unit of every figure, {dimension: unit} of some, the text after it)``,
    or ``None`` when ``norm`` (NFKC) states no known unit. ``单位：万元`` gives every figure's
    unit; ``金额单位：万元`` amounts' alone; ``单位：万元、%`` and ``金额单位：亿元；面积单位：平方米``
    one unit per kind of quantity (:func:`ledger.units.dimension`), separated by ``、 , ; /`` or
    spaces. A unit that its label says is of another kind (``金额单位：平方米``) is passed over.
    Raises ``ValueError`` when the line gives two units of one kind (``万元、亿元``)."""
    m = _UNIT_LABEL.match(norm)
    if m is None:
        return None
    said: list[tuple[str, str]] = []  # (the label the unit follows, "" after another unit; the unit)
    scope, pos, rest = m.group(1), m.end(), ""
    while pos < len(norm):
        label = _UNIT_LABEL.match(norm, pos) or _KIND_LABEL.match(norm, pos)
        if label is not None and (w := _UNIT_WORD.match(norm, label.end())) and _unit_of(w.group()):
            scope, pos = label.group(1), label.end()
        elif (word := _UNIT_WORD.match(norm, pos)) is None:
            pos = _UNIT_SEP.match(norm, pos).end()  # type: ignore[union-attr]  # what is no word is a separator
        elif (u := _unit_of(word.group())) is None:
            rest = norm[pos:]
            break
        else:
            said.append((scope, u))
            scope, pos = "", word.end()  # 单位：万元、%: a unit after another is of its own kind
    if not said:
        return None
    if len(said) == 1 and said[0][0] in _GENERAL:
        return said[0][1], {}, rest
    by_kind: dict[str, str] = {}
    for scope, u in said:
        kind = units.dimension(u)
        wanted = _SCOPES.get(scope)
        if wanted is not None and kind.split(":")[0] not in wanted:
            continue  # 金额单位：平方米: a label and its unit that disagree say nothing a row can use
        if by_kind.setdefault(kind, u) != u:
            raise ValueError(f"two units of one kind ({by_kind[kind]}, {u})")
    return None, by_kind, rest


def _shown(text: str) -> str:
    """A cell's text as a message quotes it: runs of blanks (the full-width space, U+3000, between a unit
    and a date, which ``repr`` would print as \\u3000) as one space."""
    return " ".join(text.split())


class _UnitLines:
    """The units the rows above the header state, and where (:func:`_sheet_unit`): a line of its
    own (``金额单位：万元`` in A2) or the title's brackets (``…指标（单位：万元）``). ``unit`` is every
    figure's, ``by_kind`` by dimension, ``said`` where each unit was read, for ``--dry-run``."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.unit: str | None = None
        self.by_kind: dict[str, str] = {}
        self.said: dict[str, str] = {}

    def read(self, norm: str, text: str, cell: str) -> str:
        """Take the units a cell's text (``norm``: NFKC, stripped) states, and return what else
        it says (the date sharing a unit line's cell, the title without its unit): ``norm`` as it
        is when it states none. Raises :class:`LayoutError` for a unit contradicting another."""
        try:
            if (line := _sheet_unit(norm)) is not None:
                said, left = line, line[2]
                where = f"the unit line {_shown(text)!r} ({cell})"
            elif (
                (bracket := _TITLE_UNIT.search(norm)) is not None
                and (line := _sheet_unit(bracket.group(1).strip())) is not None
                and not line[2].strip()
            ):
                said, left = line, norm[: bracket.start()] + norm[bracket.end() :]
                where = f"the title {_shown(text)!r}" if left.strip() else f"the unit line {_shown(text)!r} ({cell})"
            else:
                label = _UNIT_LABEL.match(norm)
                if label is not None and (w := _UNIT_WORD.match(norm, label.end())) and w.group() in _BARE_MULTIPLIER:
                    raise LayoutError(
                        [f"{self.name}: the unit line {_shown(text)!r} ({cell}) says {w.group()} of no quantity; "
                         f"write the whole unit ({w.group()}元, {w.group()}平方米…) there or in a 单位 column"]
                    )  # fmt: skip
                return norm
        except ValueError as e:
            raise LayoutError([f"{self.name}: cell {cell} gives {e}; give each row's unit in a 单位 column"]) from None
        unit, by_kind, _ = said
        if unit is not None:
            if self.unit is not None and self.unit != unit:
                self._clash(unit, self.unit)
            self.unit = unit
            self.said.setdefault(unit, where)
        for kind, u in by_kind.items():
            if self.by_kind.setdefault(kind, u) != u:
                self._clash(u, self.by_kind[kind])
            self.said.setdefault(u, where)
        return left.strip()

    def _clash(self, unit: str, other: str) -> None:
        raise LayoutError(
            [f"{self.name}: {self.said.get(other, 'the sheet')} says {other} but another says {unit}; "
             "which is it? correct the sheet"]
        )  # fmt: skip


def _above(grid: Grid, rows: Sequence[tuple[int, dict[int, Any]]]) -> _Stated:
    """What the rows above the header say (see :class:`_Stated`). A full date (with a day) that
    no 截至/统计时间 introduces — ``时间：2025年9月5日``, ``填报日期：…``, a bare ``2025年9月5日`` or an
    Excel date in a corner — is when the sheet was filled in, not its period; a month
    (``2025年8月``, ``截至2025.10``, an Excel date shown as a month), 截至2025年6月30日, or a date right of a
    ``截至日期：`` label is the period. Notes (``注：…``) say nothing of it. Raises
    :class:`LayoutError` when two cells state different periods."""
    found: list[tuple[date, str]] = []
    stated_units = _UnitLines(grid.name)
    title: tuple[date | None, int | None, int | None, int | None, str] | None = None
    years: dict[int, str] = {}
    filled: list[tuple[date, str]] = []
    up_to: list[tuple[int, str]] = []  # date cells saying the year so far (截至2025年8月底), and where
    for number, cells in rows:
        for c, value in cells.items():
            where = f"cell {column_letter(c)}{number}"
            if isinstance(value, datetime | date):  # a month-only format arrives as its text
                when = value.date() if isinstance(value, datetime) else value
                (found if _as_of_label(cells.get(c - 1)) else filled).append((when, where))
                continue
            text = cell_text(value)
            if text is None:
                continue
            norm = digit_months(unicodedata.normalize("NFKC", text).strip())  # 2025年八月 as 2025年8月
            if _FILLED_IN.match(norm):
                if (day := _a_day(norm)) is not None:
                    filled.append((day, where))
                continue  # when the sheet was filled in, not the date its figures refer to
            before = norm
            norm = stated_units.read(norm, text, f"{column_letter(c)}{number}")
            if norm != before and not norm:
                continue  # 单位：万元　　2025年8月: the date is read as its own cell's
            if isinstance(value, str) and (m := _DOT_MONTH_CELL.match(norm)):
                if m.group(3) != "1" or m.group(4):
                    with contextlib.suppress(ValueError):  # a month 13
                        found.append((month_end(int(m.group(2)), int(m.group(3))), where))
                        if m.group(1) in ("截至", "截止") or m.group(5):
                            up_to.append((int(m.group(3)), f"{text.strip()!r} ({column_letter(c)}{number})"))
                continue
            if m := _DATE_CELL.match(norm):
                said, year, nth, dd = m.group(1), int(m.group(2)), int(m.group(3)), m.group(4)
                with contextlib.suppress(ValueError):
                    if dd is None:
                        found.append((month_end(year, nth), where))
                    elif said is None or said.startswith(("时间", "日期")):
                        filled.append((date(year, nth, int(dd)), where))
                    else:  # 截至2025年6月30日: as of that day
                        found.append((date(year, nth, int(dd)), where))
                    if said in ("截至", "截止") or m.group(5):  # 截至2025年8月底: the year so far
                        up_to.append((nth, f"{text.strip()!r} ({column_letter(c)}{number})"))
                continue
            if m := _BARE_DAY.match(norm):
                with contextlib.suppress(ValueError):
                    when = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                    (found if _as_of_label(cells.get(c - 1)) else filled).append((when, where))
                continue
            if _AS_OF_LABEL.match(norm) or _is_note(text):
                continue
            if title is None and (got := _title_period(norm, text)) is not None:
                title = (*got, f"the title {text!r}")
            elif year_only := _YEAR.search(norm):
                years.setdefault(int(year_only.group(1)), f"the title {text!r}")
    running: tuple[int, str] | None = None
    month: tuple[int, str] | None = None
    if up_to and up_to[0][0] >= 2:  # January's year so far is January's own
        running = up_to[0]
    part: tuple[int, int, str] | None = None
    if title is not None:
        day, months, bare, first, said = title
        if months is not None:
            running = months, "the title"
        if first is not None and day is not None:
            part = first, day.month, said
        if day is not None:
            found.append((day, said))
        elif bare is not None:
            month = (bare, said)
    dates = {d for d, _ in found}
    if len(dates) > 1 or (month is not None and dates and {d.month for d in dates} != {month[0]}):
        said = "; ".join([f"{w} says {d}" for d, w in found] + ([f"{month[1]} says month {month[0]}"] if month else []))
        raise LayoutError([f"{grid.name}: the sheet names two periods ({said}); which is it? correct the sheet"])
    unit, line_units = stated_units.unit, stated_units.by_kind
    if unit is not None and line_units:  # 单位：万元 beside 面积单位：平方米: 万元 is the amounts'
        line_units = {units.dimension(unit): unit} | line_units
        unit = None
    units_from = stated_units.said
    if found:
        return _Stated(found[0][0], found[0][1], unit, running, None, years, filled, line_units, units_from, part)
    return _Stated(None, None, unit, running, month, years, filled, line_units, units_from, part)


def _as_of_label(left: Any) -> bool:
    """Whether the cell left of a date says it is the as-of date (``截至日期：`` | 2025-08-31)."""
    text = cell_text(left)
    return text is not None and _AS_OF_LABEL.match(unicodedata.normalize("NFKC", text).strip()) is not None


def _year_of(month: int, stated: _Stated) -> tuple[int, str] | None:
    """The year of a period ending in ``month`` when the sheet names no period: a year written
    without a month (the title's ``2025年``), else the year of the day it was filled in, when
    that month of that year had ended by then (figures are filled in after their month: a
    December sheet filled in on 2026-01-10 gives no year, rather than a wrong one); never the
    plan's. ``(year, where it was read)`` or ``None``."""
    if stated.years:
        if len(stated.years) > 1:
            return None
        ((year, where),) = stated.years.items()
        return year, where
    if not stated.filled:
        return None
    years = {d.year if month_end(d.year, month) <= d else None for d, _ in stated.filled}
    if len(years) != 1 or None in years:
        return None
    day, where = stated.filled[0]
    return day.year, f"{where} (filled in {day})"


def _year_to_date(col: Column, months: int, said: str) -> Column:
    """``col`` as a title naming 1—N月, or the year so far to month N (``截至2025年8月底``, in the
    title or a date cell: ``said``), makes it: a figure column that names no period of its own
    (完成值, 数值, 新增) holds N months' running totals; one saying 本月/当月 stays the month's."""
    if col.field != "value" or col.running_total or col.months is not None:
        return col
    if any(w in col.label for w in _MONTH_WORDS):
        return col
    return Column(col.number, col.label, col.field, col.unit, True, months, col.mapped, running_from=said)


# A row as Row(number, cells) makes it, built from a (number, cells) pair by C code: a
# NamedTuple's own constructor is Python code, a fifth of the layout's time over 20,000 rows.
_ROW = partial(tuple.__new__, Row)


def _is_note(only: Any) -> bool:
    """Whether a row whose one value is ``only`` is a note below the table (注：…)."""
    return isinstance(only, str) and _NOTE_ROW.match(unicodedata.normalize("NFKC", only.strip())) is not None


def _unit_below(only: Any, name: str, where: str) -> None:
    """Raise :class:`LayoutError` (naming the sheet ``name`` and the cell ``where``) when a row
    below the header whose one value is ``only`` states the figures' unit (``单位：万元``,
    ``注：本表金额单位为万元``, ``单位：万``): the unit is read above the table alone, and one left
    unread below it would file 万元 as the target's 亿元 without a word."""
    if not isinstance(only, str) or "单位" not in only:
        return
    norm = unicodedata.normalize("NFKC", only.strip())
    if (m := _UNIT_SAID.search(norm)) and (_unit_of(m.group(1)) or m.group(1) in _BARE_MULTIPLIER):
        raise LayoutError(
            [f"{name}: {_shown(only.strip())!r} ({where}) below the table states the unit, which is read only above "
             "it; move the line above the header (单位：万元), or give the unit in the header (1-8月累计（万元）) or a "
             "单位 column"]
        )  # fmt: skip


def _data_rows(
    rows: Iterable[tuple[int, dict[int, Any]]],
    merged: dict[tuple[int, int], tuple[int, int, int, int]],
    by_field: dict[str, Column],
    name: str = "",
) -> list[Row]:
    """The rows under the header, keyed by column number, but for notes below the table (a row
    whose one cell is 注：…); a cell merged down a column giving the target, its milestone, unit
    or date holds for every row the merge covers (a figure never does)."""
    spread = {c.number for f, c in by_field.items() if f in ("target", "milestone", "unit", "date")}
    tops = {(r1, c1) for (_, c), (r1, c1, _, _) in merged.items() if c in spread}
    rows = list(rows)
    for number, cells in rows:
        if len(cells) == 1:
            ((c, only),) = cells.items()
            _unit_below(only, name, f"{column_letter(c)}{number}")
    if not tops:
        return list(map(_ROW, (r for r in rows if len(r[1]) != 1 or not _is_note(*r[1].values()))))
    values: dict[tuple[int, int], Any] = {}
    out: list[Row] = []
    for number, cells in rows:
        if len(cells) == 1 and _is_note(*cells.values()):
            continue
        for c in cells:
            if (number, c) in tops:
                values[(number, c)] = cells[c]
        filled = cells
        for c in spread:
            if c not in cells and (number, c) in merged:
                r1, c1, _, _ = merged[(number, c)]
                if (top := values.get((r1, c1))) is not None:
                    if filled is cells:
                        filled = dict(cells)  # the grid's own row stays as read
                    filled[c] = top
        out.append(Row(number, filled))
    return out


def _records(rows: CsvRows, start: int, by_field: dict[str, Column], name: str = "") -> list[Row]:
    """:func:`_data_rows` of a plain CSV (:attr:`CsvRows.plain`; it has no merged cells) from
    ``rows[start:]``, each row's cells its record as read, made as long as the last column a
    field reads. Only a record holding one value can be a note: in a plain CSV, one of ``n``
    cells of which ``n − 1`` are ``""``, counted over the whole table in C."""
    numbers: Sequence[int] = rows.numbers[start:]
    records = rows.records[start:]
    widths = set(map(len, records))
    empty = list(map(list.count, records, repeat("")))
    if len(widths) == 1:  # a CSV as Excel writes it: every record as wide as the widest
        (cells,) = widths
        single = [i for i, n in enumerate(empty) if n == cells - 1] if cells - 1 in empty else []
    else:
        single = [i for i, (v, n) in enumerate(zip(records, empty, strict=True)) if len(v) - n == 1]
    for i in single:
        at, only = next((j, v) for j, v in enumerate(records[i]) if v)
        _unit_below(only, name, f"{column_letter(at + 1)}{numbers[i]}")
    notes = {i for i in single if _is_note(next(v for v in records[i] if v))}
    if notes:
        kept = [i for i in range(len(records)) if i not in notes]
        numbers, records = [numbers[i] for i in kept], [records[i] for i in kept]
    width = max(c.number for c in by_field.values())
    if records and min(widths) < width:
        records = [v if len(v) >= width else v + [""] * (width - len(v)) for v in records]
    return list(map(_ROW, zip(numbers, records, strict=True)))
