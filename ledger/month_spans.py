"""Spans of months as sheets write them, made the one form the title, header and date readers take
(:func:`join_spans`: ``1月-8月`` → ``1-8月``), and the period a bulletin's title says its figures
are for beside the month it was published (:func:`data_months`: ``2025年9月快报（1-8月数据）``).
"""

from __future__ import annotations

import re

from .dates import month_end
from .patterns import LazyPattern

# What stands between a span's two months: a dash of any width (a hyphen, –, —, ——, ―, ~, 〜, the
# full-width ones NFKC has made half-width), 至 or 到.
# 起 before it says where the span starts (2025年1月起至8月, 1月1日起至8月31日): a span all the same.
_SEP = r"\s*(?:起\s*)?(?:[-‐–—―~〜]+|至|到)\s*"
# A span with the month written on both ends, each maybe with 份 and a day, the end maybe with its
# year again: 1月-8月, 1月份至8月份, 2025年1月1日至8月31日, 2025年1月—2025年8月. The first month
# follows no digit (the 12 of 2025年12月 is one month, not 2月).
_SPAN = LazyPattern(
    r"(?:(\d{4})\s*年\s*)?(?<!\d)(\d{1,2})\s*月\s*(?:份)?\s*(?:(\d{1,2})\s*[日号])?"
    + _SEP
    + r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(份)?\s*(?:(\d{1,2})\s*[日号])?"
)


# A span of months or one month, as a row's name, a note or a sheet's name writes it after NFKC with Chinese
# numerals as digits (1-7月, 1月-7月, 1至7月, 1‐7月, 1〜7月, 7月), parted as _SEP parts a span: the first month
# (group 1, none for a month alone) and the last (group 2), before the 月 each reader follows with what it
# allows (份, a word of data, a dot's month).
MONTH_SPAN = rf"(?:(\d{{1,2}})\s*(?:月份?)?{_SEP})?(\d{{1,2}})"


def span_text(first: int | None, last: int) -> str:
    """The months ``first``—``last`` as a message says them: ``1—7月``; ``7月`` for a month alone
    (``first`` ``None``, or ``last``)."""
    return f"{first}—{last}月" if first is not None and first != last else f"{last}月"


def join_spans(text: str) -> str:
    """``text`` with each span of whole months written with 月 on both ends as the readers take a
    span (``N-M月``): ``1月-8月`` → ``1-8月``; ``1月至8月``, ``1月起至8月``, ``1月—8月``, ``1月~8月``, ``1月到8月`` likewise;
    ``1月份-8月份`` → ``1-8月份``; ``2025年1月—2025年8月`` → ``2025年1-8月``; ``2025年1月1日至8月31日``
    (from the 1st to the last day of the month) → ``2025年1-8月``; ``8月1日至8月31日`` → ``8月``.
    From 1月1日 to a day within the month (``2025年1月1日至8月15日``), the year so far to that day:
    ``截至2025年8月15日``. A span that is none of these — over two years, backwards, from a day
    other than the 1st — is left as it is: :func:`unread_span` finds it, for a refusal. ``text``
    is NFKC text or a :func:`~ledger.names.key`; text without two 月 is returned as it is."""
    if text.count("月") < 2:
        return text
    return _SPAN.sub(_joined, text)


def _joined(m: re.Match[str]) -> str:
    y1, first, d1, y2, last, fen, d2 = m.groups()
    a, b = int(first), int(last)
    if (y1 and y2 and y1 != y2) or not 1 <= a <= b <= 12:
        return m.group()
    year = y1 or y2
    if d1 is not None and int(d1) != 1:
        return m.group()
    end = _last_day(int(year) if year else None, b)
    if d2 is not None and int(d2) not in end:
        if a != 1 or not 1 <= int(d2) < min(end):
            return m.group()
        return f"截至{year}年{b}月{int(d2)}日" if year else f"截至{b}月{int(d2)}日"
    said = f"{year}年" if year else ""
    return f"{said}{b}月{fen or ''}" if a == b else f"{said}{a}-{b}月{fen or ''}"


def _last_day(year: int | None, month: int) -> tuple[int, ...]:
    """The days that may be the month's last: one, or February's 28th and 29th when no year
    says which."""
    if year is None and month == 2:
        return 28, 29
    return (month_end(year or 2025, month).day,)  # not calendar.monthrange: its module costs start-up


def unread_span(text: str) -> str | None:
    """The span of months left in ``text`` after :func:`join_spans` (over two years, backwards,
    from a day other than the 1st: ``2025年1月5日至8月20日``), or ``None``: a reader would take its
    first month for the period."""
    if text.count("月") < 2:
        return None
    m = _SPAN.search(text)
    return m.group() if m is not None else None


# A bulletin's data period beside the month it was published (2025年9月快报（1-8月数据）): months in
# brackets, alone or with 数据, 累计 or 完成情况 (（1-8月数据）, （2025年1-8月）, （8月份）); months
# followed by 数据 (1-8月数据); or months after the bulletin's word (快报 1-8月, 月报：1-8月).
_MONTHS = r"(?:(\d{4})\s*年\s*)?(?:(\d{1,2})\s*[-—–~至到]\s*)?(\d{1,2})\s*月\s*(?:份)?"
_DATA = LazyPattern(
    rf"[(（\[【]\s*{_MONTHS}\s*(?:数据|累计|完成情况|情况)?\s*[)）\]】]"
    rf"|(?<!\d){_MONTHS}\s*数据"
    rf"|(?:快报|月报|简报|通报|专报|报告)\s*[:：]?\s*{_MONTHS}"
)


def data_months(norm: str, pos: int, year: int, month: int) -> tuple[int, int | None, int] | None:
    """``(year, first month or None, last month)`` of the data a title names after ``pos``, the
    end of the month it was published (``year``, ``month``: ``2025年9月快报（1-8月数据）`` → (2025,
    1, 8)), or ``None`` where it names none. Data without a year are of the publication's year,
    or of the year before when their month comes after it (``2026年1月快报（1-12月数据）``: 2025)."""
    if "月" not in norm[pos:] or (m := _DATA.search(norm, pos)) is None:
        return None
    for i in (1, 4, 7):  # each alternative's (year, first, last)
        if m.group(i + 2) is not None:
            y, first, last = m.group(i), m.group(i + 1), int(m.group(i + 2))
            if y is not None:
                return int(y), int(first) if first else None, last
            return (year if last <= month else year - 1), int(first) if first else None, last
    return None  # pragma: no cover - each alternative has its last month
