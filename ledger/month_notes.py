"""A note that calls its figure one month's own (``8月当月``, ``本月``, ``8月单月``) or a growth that is
not year-to-date and year-on-year (``8月当月同比``, ``环比``), read as a sheet's header is
(:func:`~ledger.column_kinds.describe`): such a figure is not the running total, the level or the
year-to-date growth a ``total`` or a ``rate`` records, as a column so headed is not."""

from __future__ import annotations

from functools import lru_cache

from .column_kinds import (
    AVERAGE,
    DECLINE,
    EARLIER_PART,
    LAST_YEARS_GROWTH,
    MONTH_ON_MONTH,
    MONTHS_GROWTH,
    RATE_CHANGE,
    SINCE_YEAR_END,
    change_said,
    describe,
    is_change,
    note_head,
)
from .header_words import FIGURE_WORDS, digit_months
from .names import key
from .patterns import LazyPattern

MONTHS_OWN = "the month's own figure"
# Growths a note may name that are not the year-to-date, year-on-year growth a rate records. A share
# or progress (占比, 完成进度) is left out: a note speaks of them in passing (序时进度内) far more often
# than it labels its figure so.
_OTHER_GROWTH = frozenset(
    {MONTHS_GROWTH, MONTH_ON_MONTH, EARLIER_PART, SINCE_YEAR_END, AVERAGE, LAST_YEARS_GROWTH, DECLINE}
)
# A month alone (8月, 八月份): the date said again, not what the figure is (a sheet's column so
# headed is a month's own, but a note "8月" on August's figure names its month, no more).
_MONTH_ALONE = LazyPattern(r"(20\d\d年)?\d{1,2}月份?")
_SAID = LazyPattern(r"[(\[]?(本月|当月|单月|本期|当期)[)\]]?")
_SAID_IN_BRACKET = LazyPattern(r"[（(【\[]\s*(本月|当月|单月|本期|当期)")


@lru_cache(maxsize=1024)  # an import's --note, or its 备注 column, repeats a few texts
def month_note(note: str) -> str | None:
    """What a note says its figure is when that is not a year-to-date figure: ``MONTHS_OWN`` for a
    month's own (``8月当月``, ``本月``, ``8月单月``, ``当月数``, ``8月新增``, ``8月完成``, ``本期``: a month's
    word and a figure's, no other: ``本月快报``, ``当月上报`` speak of the report), or the
    reason a growth so named is not year-to-date, year-on-year growth (``8月当月同比`` → a single
    month's growth, ``环比`` → growth over the month before, ``两年平均增长`` → an average, ``同比下降``
    → a fall written without its sign, ``同比回落`` → a change of the growth rate in points); ``None`` for
    any other note, a month alone (``8月``: its date) and one that names the year so far (``1—8月累计``).
    The words before a bracket say what the figure is (``8月当月（快报）`` is the month's own;
    ``快报（当月）`` is not read as one)."""
    if _SAID_IN_BRACKET.match(note.strip()):
        return MONTHS_OWN  # （当月）…: the bracket names what the figure is
    head = note_head(note)
    if _MONTH_ALONE.fullmatch(digit_months(key(head))):
        # 8月（当月）: the bracket says what the month's figure is, as it does in a header
        if not _SAID_IN_BRACKET.match(note.strip()[len(head) :].strip()):
            return None
        return MONTHS_OWN
    column = describe(head)
    if column.field == "month_value":
        # Only what names the figure (8月当月, 本月数, 当月完成, 8月新增): a note speaks of the report
        # too (本月快报, 当月上报, 本期报表), which a header of figures never does.
        words = _SAID.sub("", _MONTH_ALONE.sub("", digit_months(key(head)), count=1))
        return MONTHS_OWN if words in FIGURE_WORDS or words.startswith("新增") else None
    if column.field is None and column.why in _OTHER_GROWTH:
        return column.why
    if column.field is None and is_change(head) and change_said(head) == RATE_CHANGE:
        return RATE_CHANGE  # 同比回落, 增速提高: points, no growth (a rate's 0.6 noted so is no growth of 0.6 %)
    return None
