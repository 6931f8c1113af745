"""The ``--map`` pairs refused whatever the sheet says, because the column they name can never hold
the field asked of it: a running total (1-8月累计) read as one month's addition, and a column of
no figure of the sheet's period (上月, 截至上月累计, 上年同期, 全年预计, 全年目标) read as the figure.
"""

from __future__ import annotations

from .column_kinds import DECLINE, EARLIER, FORECAST, NO_FIGURE, THIS_QUARTER, describe, says_year_so_far
from .header_words import is_part_of_year

_FIGURES = ("value", "month_value", "growth")


def refused_kind(label: str, mapped: str) -> str | None:
    """Why ``--map 'label=mapped'`` is refused by the kind of column ``label`` heads, or ``None``.

    A header of the year so far (``1-8月累计``, ``累计``, ``截至8月累计``, ``本年累计``, ``年累计``) mapped to
    ``month_value`` would file the running total as the month's own addition, skipping the check
    of the running total against the ledger; a header of another period (``上月``, ``上期``,
    ``截至上月累计``, ``上年同期``), a forecast (``全年预计``, ``预计完成``) or a goal (``全年目标``, ``年度计划``)
    mapped to any figure field would file a figure that is not the sheet's period's as one; so would a
    quarter's or other months' own figures (``本季``, ``当季度``, ``7-9月``, ``三季度``) mapped to any; a
    fall written without its sign (``同比下降%``, ``比上年减少%``) would file a fall as growth."""
    if mapped not in _FIGURES:
        return None
    own = describe(label)
    if own.why in NO_FIGURE:
        fix = "use the column of the sheet's own figures (1—N月累计, 本月), or record the figure with `tracker record`"
        if own.why == EARLIER:
            fix = "import the sheet of that period, or add the column of this period's figures (1—N月累计, 本月)"
        elif own.why == FORECAST:
            fix = "record the figure reached so far (1—N月累计), not the forecast"
        return f"--map: {label!r} holds {own.why}; it is never the sheet's figure: {fix}"
    if own.why == DECLINE:  # read as it stands, a fall of 3.2 would be growth of +3.2
        return (
            f"--map: {label!r} holds {own.why}; read as the figure its sign would be lost: add the growth signed "
            "(同比增长%, −3.2 for a fall of 3.2), or record it with `tracker record`"
        )
    if own.why == THIS_QUARTER or is_part_of_year(own.why):  # 本季, 7-9月, 三季度: a quarter's own
        return (
            f"--map: {label!r} holds {own.why}: never a 1—N月 total, a rate's growth or one month's addition; import "
            "the 1—N月累计 column (a target reported quarterly reads a quarter's additions without --map), or use "
            "`tracker record`"
        )
    if mapped == "month_value" and own.months != 1 and says_year_so_far(label):
        span = f"1—{own.months}月" if own.months is not None else "the year so far"
        return (
            f"--map: {label!r} holds the running total ({span}); it is never the month's own figure: import it as it "
            "is (an increment's running total is checked against its entries), or use the 本月 column"
        )
    return None
