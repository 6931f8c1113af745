"""How ``tracker import --dry-run`` says each row was read, in English or in Chinese: the line
of each entry (``row 6: industrial-output = 842.7 亿元 as of 2025-08-31 — figure: column '1-8月
绝对值' (C6); unit: 单位 cell (B6); …``, ``第 6 行：industrial-output = 842.7 亿元，截至
2025-08-31——数值：列“1-8月 绝对值”（C6）；单位：表中单位列（B6）；…``) and, in English
whatever the language, the ``read`` of ``tracker.dry-run/1`` (data for programs).

Where a figure's date, unit or target was found (a :class:`~ledger.readings.Reading`'s
``date_from``, ``target_via``, ``unit_stated``, ``month_from``, ``footnote``, ``fall``) is
written by the readers in English, the words their error messages use; :func:`said` gives
their Chinese by the forms those readers write, and leaves a form it does not know in English
rather than guess at its meaning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..entries import Entry
from ..numbers import plain
from ..readings import Reading
from ..table import Column
from .labels import MILESTONE

WORDS = {
    "en": {
        "line": "row {row}: {target} = {what} as of {when} — {how}",
        "sep": "; ",
        "figure": "figure: {where}",
        "unit": "unit: {where}",
        "status": "status: {where}",
        "date": "date: {where}",
        "target": "target: {via} in {where}",
        "filled": ", filled down to this row",  # a task's name on its first row, for its steps below
        "running": "a running total (1—N月累计)",
        "month": "本月 {figure}: {where}",
        "column": "column {label!r}",
        "cell": "column {label!r} ({cell})",
        "header": "the header of {label!r}",
        "unit_cell": "单位 cell ({cell})",
        "unit_line": "the 单位 line above the table",
        "sign": "the % sign in the cell",
        "target_unit": "the target's unit ({unit})",
        "no_unit": "none",
        "milestone": " (milestone {id})",
        "void": "void",
    },
    "zh": {
        "line": "第 {row} 行：{target} = {what}，截至 {when}——{how}",
        "sep": "；",
        "figure": "数值：{where}",
        "unit": "单位：{where}",
        "status": "状态：{where}",
        "date": "日期：{where}",
        "target": "指标：{where}所填{via}",
        "filled": "（向下沿用至本行）",
        "running": "1—N月累计数",
        "month": "本月 {figure}：{where}",
        "column": "列“{label}”",
        "cell": "列“{label}”（{cell}）",
        "header": "表头“{label}”",
        "unit_cell": "表中单位列（{cell}）",
        "unit_line": "表格上方所注单位",
        "sign": "单元格中的%号",
        "target_unit": "指标单位（{unit}）",
        "no_unit": "无",
        "milestone": "（里程碑 {id}）",
        "void": "撤销",
    },
}

# A Python repr of a text, as the readers quote cells, headers and titles: 'x', or "x" when x holds a '.
_QUOTED = r"""(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""


def _unquoted(text: str) -> str:
    """The text a :data:`_QUOTED` repr stands for."""
    import ast

    value = ast.literal_eval(text)
    return value if isinstance(value, str) else text


def _q(text: str) -> str:
    """A quoted text as Chinese quotes it: “text”."""
    return f"“{_unquoted(text)}”"


# The forms the readers write (see the module's docstring), most particular first: a pattern
# over the whole text and its Chinese, given the match (whose parts may be translated again).
_FORMS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"the date column"), lambda m: "日期列"),
    (re.compile(r"--date"), lambda m: "--date"),
    (re.compile(r"the title"), lambda m: "标题"),
    (re.compile(r"the header"), lambda m: "表头"),
    (re.compile(r"the sheet"), lambda m: "表格"),
    (re.compile(rf"the title ({_QUOTED})"), lambda m: f"标题{_q(m[1])}"),
    (re.compile(r"cell ([A-Z]+[0-9]+)"), lambda m: f"单元格 {m[1]}"),
    (re.compile(r"the title's year and the header's month"), lambda m: "标题中的年份和表头中的月份"),
    (re.compile(r"the month in (.+) and the year in (.+)"), lambda m: f"{said(m[1])}中的月份和{said(m[2])}中的年份"),
    (re.compile(rf"column ({_QUOTED}) \(([A-Z]+[0-9]*)\)"), lambda m: f"列{_q(m[1])}（{m[2]}）"),
    (re.compile(rf"column ({_QUOTED})"), lambda m: f"列{_q(m[1])}"),
    (re.compile(rf"the unit line ({_QUOTED}) \(([A-Z]+[0-9]+)\)"), lambda m: f"表格上方的单位行{_q(m[1])}（{m[2]}）"),
    (re.compile(rf"the row's name ({_QUOTED}) \(([A-Z]*[0-9]+)\)"), lambda m: f"本行名称{_q(m[1])}（{m[2]}）"),
    # A sheet's name naming its period, a line labelled as the period, a row's own period, the whole year.
    (re.compile(rf"the sheet's name ({_QUOTED})"), lambda m: f"工作表名{_q(m[1])}"),
    (re.compile(rf"the (报告期|统计期|数据期|所属期) line ({_QUOTED})"), lambda m: f"{m[1]}行{_q(m[2])}"),
    (re.compile(r"(.+), not the sheet's (\S+)"), lambda m: f"{said(m[1])}（而非表格的 {m[2]}）"),
    (re.compile(rf"the note ({_QUOTED}) \(([A-Z]+[0-9]+)\)"), lambda m: f"表下注释{_q(m[1])}（{m[2]}）"),
    (re.compile(rf"its name ({_QUOTED})"), lambda m: f"本行名称{_q(m[1])}"),
    (
        re.compile(rf"the header ({_QUOTED}) \(the whole year\) and the year in (.+)"),
        lambda m: f"表头{_q(m[1])}（全年）和{said(m[2])}中的年份",
    ),
    # How the name cell matched its target.
    (re.compile(r"id"), lambda m: "编号"),
    (re.compile(r"name"), lambda m: "名称"),
    (re.compile(r"English name"), lambda m: "英文名称"),
    (re.compile(rf"alias ({_QUOTED})"), lambda m: f"别名{_q(m[1])}"),
    (re.compile(rf"milestone name ({_QUOTED})"), lambda m: f"里程碑名称{_q(m[1])}"),
    (
        re.compile(rf"carrier ({_QUOTED}) \(--target; kept as the note\)"),
        lambda m: f"载体{_q(m[1])}（按 --target 记入，载体名称记为备注）",
    ),
    (re.compile(rf"(.+) \(footnote mark ({_QUOTED}) taken off\)"), lambda m: f"{said(m[1])}（去掉脚注标记{_q(m[2])}）"),
    # A 本月 figure converted, an addition's running total beside it, a mark or a sign taken off.
    (re.compile(r"(.+), (\S+(?: \S+)?) converted"), lambda m: f"{said(m[1])}，由 {m[2]}换算"),
    (
        re.compile(r"1—N月累计 (\S+(?: \S+)?) under (.+), checked against the additions"),
        lambda m: f"{said(m[2])}所填1—N月累计 {m[1]}，与各次新增核对",
    ),
    (
        re.compile(rf"({_QUOTED}) read as (.+), ({_QUOTED}) taken as a footnote mark"),
        lambda m: f"{_q(m[1])}读作 {m[2]}，{_q(m[3])}为脚注标记",
    ),
    (
        re.compile(r"(\S+)% growth read as the fall it states, (\S+)% \((\S+) records a fall as a positive figure\)"),
        lambda m: f"增长 {m[1]}% 读作其所示的下降 {m[2]}%（{m[3]} 以正数记下降）",
    ),
]


def said(text: str, lang: str = "zh") -> str:
    """``text``, where a reader said it in English, in ``lang``: Chinese for the forms
    :data:`_FORMS` knows (``"alias '规上工业总产值'"`` is ``别名“规上工业总产值”``), else as
    it is."""
    if lang == "en":
        return text
    for pattern, chinese in _FORMS:
        if (m := pattern.fullmatch(text)) is not None:
            return chinese(m)
    return text


def _where(r: Reading, column: Column | None, lang: str, row: int = 0) -> str:
    """A column of ``r``'s row (or of ``row``) as a person finds it (:meth:`Reading.where`), in ``lang``."""
    if column is None:
        return "?"
    key = "cell" if column.number else "column"
    return WORDS[lang][key].format(label=column.label, cell=f"{column.letter}{row or r.row}")


def _unit(r: Reading, e: Entry, lang: str) -> str:
    """Where ``e``'s unit came from (:meth:`Reading.unit_text`), in ``lang``."""
    words = WORDS[lang]
    if r.unit_from == "header" and r.column is not None:
        return words["header"].format(label=r.column.label)
    if r.unit_from == "cell" and r.unit_column is not None and not r.unit_column.number:
        return _where(r, r.unit_column, lang)  # a JSON Lines or TOML row's unit key: no cell to point at
    if r.unit_from == "cell":
        return words["unit_cell"].format(cell=f"{r.unit_column.letter if r.unit_column else ''}{r.row}")
    if r.unit_from == "line":
        return said(r.unit_stated, lang) if r.unit_stated else words["unit_line"]
    if r.unit_from == "name":
        return said(r.unit_stated, lang)
    if r.unit_from == "sign":
        return words["sign"]
    return words["target_unit"].format(unit=e.unit) if e.unit else words["no_unit"]


def _what(e: Entry, lang: str) -> str:
    """The figure with its unit (``5.8%``, ``628.32 亿元``), or the status, and the milestone."""
    if e.value is not None:
        what = plain(e.value) + ("%" if e.unit == "%" else f" {e.unit or ''}".rstrip())
    elif e.status is not None:
        what = e.status.value if lang == "en" else MILESTONE[lang][e.status]
    else:
        what = WORDS[lang]["void"]
    return what + (WORDS[lang]["milestone"].format(id=e.milestone) if e.milestone else "")


def how_read(e: Entry, r: Reading, lang: str = "en") -> str:
    """Where ``e``'s figure, unit, date and target came from (its reading ``r``), as ``--dry-run``
    says it after the entry: ``figure: column '1-2月 绝对值' (C6); unit: 单位 cell (B6); date: cell
    D2; target: alias '规模以上工业总产值' in column '指标名称' (A6)``; in Chinese ``数值：列“1-2月
    绝对值”（C6）；单位：表中单位列（B6）；日期：单元格 D2；指标：列“指标名称”（A6）所填别名“规模以上工业总产值”``."""
    words = WORDS[lang]
    if e.value is not None:
        parts = [words["figure"].format(where=_where(r, r.column, lang)), words["unit"].format(where=_unit(r, e, lang))]
        if r.column is not None and r.column.running_total:
            parts.append(words["running"])
        if e.month_value is not None:
            figure = f"{plain(e.month_value)}{f' {e.unit}' if e.unit else ''}"
            parts.append(words["month"].format(figure=figure, where=said(r.month_from, lang)))
        elif r.month_from:  # an addition's running total beside it
            parts.append(said(r.month_from, lang))
        if r.footnote:
            parts.append(said(r.footnote, lang))
        if r.fall:
            parts.append(said(r.fall, lang))
    else:
        parts = [words["status"].format(where=_where(r, r.column, lang))] if e.status else []
    parts.append(words["date"].format(where=said(r.date_from, lang)))
    where = _where(r, r.target_column, lang, r.target_row)
    if r.target_row:  # a task's name on its first row, filled down to this step
        where += words["filled"]
    parts.append(words["target"].format(via=said(r.target_via, lang), where=where))
    return words["sep"].join(parts)


def readings_lines(entries: list[Entry], readings: Sequence[Reading], lang: str = "en") -> list[str]:
    """How each of ``entries`` was read (its ``readings``), one line each, for ``--dry-run``:
    ``row 6: industrial-output = 188.42 亿元 as of 2025-02-28 — figure: …``, in ``lang``."""
    line = WORDS[lang]["line"]
    return [
        line.format(row=r.row, target=e.target, what=_what(e, lang), when=e.date, how=how_read(e, r, lang))
        for e, r in zip(entries, readings, strict=True)
    ]
