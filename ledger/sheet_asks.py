"""What the figure cell of a ``tracker sheet`` row asks for (its 填报口径 / "What to enter" cell):
``1—6月累计`` of a running total, ``6月新增`` of an addition, ``增速（%）`` of a rate (``下降率（%）`` of one recording falls). The sheet writes
it (:mod:`ledger.render.department`) and ``tracker import`` holds a returned sheet to it: a cell a
department changed (``6月当月`` over a running total's figure) says the figure is not what it is
read as."""

from __future__ import annotations

from datetime import date

from .dates import add_months
from .model import Frequency, Kind, Target
from .plan_year import running_span

_ANY_MONTHS = 240  # the months of a plan whose texts a returned sheet's cell may hold: twenty years

# The header of that column, in each language (ledger.render.department writes it): a table with
# it is a returned ``tracker sheet``.
ASK_HEADERS = ("填报口径", "What to enter")


def asked(target: Target, month: date, lang: str, start: date = date(1, 1, 1)) -> str:
    """The text of ``target``'s 填报口径 cell on the sheet of ``month`` (a date in it), in ``lang``
    (``zh`` or ``en``): 1—6月累计, 6月新增, 二季度新增, 全年新增, 增速（%）, 位次, 进展状态（下拉选择）;
    下降率（%） (``fall (%)``) of a rate recording falls as positive figures
    (:func:`~ledger.column_kinds.records_falls`: 能耗下降率, whose fall of 4 % is 4.0).
    A running total counts from the plan's ``start`` (its first month): 1—6月累计 in a plan starting
    in January of that year, 2025年7月—2026年1月累计 in one running July–June (:mod:`ledger.plan_year`).
    ``start`` left out: the calendar year's (the texts of a plan starting in January)."""
    kind, zh, m = target.kind, lang == "zh", month.month
    if kind is Kind.TOTAL:
        if start.year == 1:
            return f"1—{m}月累计" if zh else f"running total, Jan–{month:%b}"
        return f"{running_span(start, month)}累计" if zh else f"running total, {running_span(start, month, 'en')}"
    if kind is Kind.INCREMENT:
        freq = target.frequency
        if freq is Frequency.QUARTERLY:
            q = (m - 1) // 3 + 1
            return f"{'一二三四'[q - 1]}季度新增" if zh else f"added in Q{q}"
        if freq is Frequency.YEARLY:
            return "全年新增" if zh else "added in the year"
        return f"{m}月新增" if zh else f"added in {month:%B}"
    if kind is Kind.RATE:
        from .column_kinds import records_falls  # header words, loaded for a rate alone

        # A rate recording falls as positive figures (能耗下降率, target 3.5) asked 增速 would invite
        # the −4.0 of signed growth for a fall of 4: its cell asks for the fall it records.
        if records_falls(target):
            return "下降率（%）" if zh else "fall (%)"
        return "增速（%）" if zh else "rate (%)"
    if kind is Kind.RANK:
        return "位次" if zh else "place"
    return "进展状态（下拉选择）" if zh else "status (pick from the list)"


def asked_before(target: Target) -> frozenset[str]:
    """The texts earlier versions of the sheet wrote for ``target`` that :func:`asked` no longer
    does: 增速（%） and ``rate (%)`` of a rate recording falls, on sheets sent out before it was asked
    for its fall. Such a cell on a returned sheet is no change (a signed −4.0 typed under it is
    refused as the sign slip it is, :mod:`ledger.slips`). Empty for any other target."""
    from .column_kinds import records_falls

    return frozenset({"增速（%）", "rate (%)"}) if target.kind is Kind.RATE and records_falls(target) else frozenset()


def asked_any_month(target: Target, start: date = date(1, 1, 1), end: date = date(1, 12, 31)) -> frozenset[str]:
    """Every text :func:`asked` may write for ``target`` in a plan running ``start``–``end``, in
    either language and any of its months (up to twenty years of them): what a returned sheet's
    填报口径 cell may hold when nobody changed it. Left out: the calendar year's texts."""
    if start.year == 1:
        return frozenset(asked(target, date(2001, m, 1), lang) for m in range(1, 13) for lang in ("zh", "en"))
    first = start.replace(day=1)
    months = [add_months(first, n) for n in range(_ANY_MONTHS) if add_months(first, n) <= end]
    return frozenset(asked(target, m, lang, start) for m in months for lang in ("zh", "en"))
