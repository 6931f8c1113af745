"""What the figure cell of a ``tracker sheet`` row asks for (its 填报口径 / "What to enter" cell):
``1—6月累计`` of a running total, ``6月新增`` of an addition, ``增速（%）`` of a rate. The sheet writes
it (:mod:`ledger.render.department`) and ``tracker import`` holds a returned sheet to it: a cell a
department changed (``6月当月`` over a running total's figure) says the figure is not what it is
read as."""

from __future__ import annotations

from datetime import date

from .model import Frequency, Kind, Target

# The header of that column, in each language (ledger.render.department writes it): a table with
# it is a returned ``tracker sheet``.
ASK_HEADERS = ("填报口径", "What to enter")


def asked(target: Target, month: date, lang: str) -> str:
    """The text of ``target``'s 填报口径 cell on the sheet of ``month`` (a date in it), in ``lang``
    (``zh`` or ``en``): 1—6月累计, 6月新增, 二季度新增, 全年新增, 增速（%）, 位次, 进展状态（下拉选择）."""
    kind, zh, m = target.kind, lang == "zh", month.month
    if kind is Kind.TOTAL:
        return f"1—{m}月累计" if zh else f"running total, Jan–{month:%b}"
    if kind is Kind.INCREMENT:
        freq = target.frequency
        if freq is Frequency.QUARTERLY:
            q = (m - 1) // 3 + 1
            return f"{'一二三四'[q - 1]}季度新增" if zh else f"added in Q{q}"
        if freq is Frequency.YEARLY:
            return "全年新增" if zh else "added in the year"
        return f"{m}月新增" if zh else f"added in {month:%B}"
    if kind is Kind.RATE:
        return "增速（%）" if zh else "rate (%)"
    if kind is Kind.RANK:
        return "位次" if zh else "place"
    return "进展状态（下拉选择）" if zh else "status (pick from the list)"


def asked_any_month(target: Target) -> frozenset[str]:
    """Every text :func:`asked` may write for ``target``, in either language and any month: what a
    returned sheet's 填报口径 cell may hold when nobody changed it."""
    return frozenset(asked(target, date(2001, m, 1), lang) for m in range(1, 13) for lang in ("zh", "en"))
