"""Units a workbook shows by its cells' number formats (``0"亩"`` shows 12 as ``12亩``): a
column whose figures are all so formatted, with one unit, takes that unit as a unit written in its
header would (``本月新增`` → ``本月新增（亩）``); any other column of such figures is refused, never
read in its target's unit (:func:`shown_units`).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from . import units
from .column_kinds import describe
from .sheets import UnitCell, column_letter

_FIGURES = ("value", "month_value")  # the fields whose figure a unit changes


def _stored_unit(cell: UnitCell) -> str | None:
    """The unit of the number a cell stores, which its format shows divided by 1,000 ``scale``
    times in ``unit`` (``0.0,,"百万元"``: 元), or ``None`` when it is no unit the tracker knows."""
    try:
        shown = units.canonical(cell.unit)
    except units.UnitError:
        return None
    if not cell.scale:
        return shown
    wanted = Fraction(1, 1000**cell.scale)  # one stored unit is this many shown units
    same = (u for u in units.KNOWN_UNITS if units.dimension(u) == units.dimension(shown))
    return next((u for u in same if units.factor(u, shown) == wanted), None)


def _known(unit: str) -> bool:
    """Whether ``unit`` is one the tracker knows (``亿``, ``万元``)."""
    try:
        units.canonical(unit)
    except units.UnitError:
        return False
    return True


def shown_units(
    name: str, rows: Sequence[tuple[int, dict[int, Any]]], labels: dict[int, str]
) -> tuple[dict[int, str], list[str]]:
    """``labels`` (column → its header's label) with the unit the cells under each show by their
    number format (:class:`~ledger.sheets.UnitCell`) written after it in brackets, and the
    refusals (one line each, naming ``name``, the column and a cell) for a figure column
    (完成值, 本月新增…) whose cells show a unit the tracker does not know, several units, a unit on
    some figures and none on others, a scale with no unit, or a unit its header contradicts.
    ``rows`` are the rows under the header."""
    found: dict[int, list[tuple[int, Decimal]]] = {}
    for number, row in rows:
        for c, v in row.items():
            if isinstance(v, Decimal):
                found.setdefault(c, []).append((number, v))
    out = dict(labels)
    problems: list[str] = []
    for c, cells in sorted(found.items()):
        shown = [(n, v) for n, v in cells if isinstance(v, UnitCell)]
        label = labels.get(c)
        if not shown or label is None:
            continue
        letter = column_letter(c)
        first_row, first = shown[0]
        at = f"{letter}{first_row} shows {first.shown()}"
        said = describe(label)
        plain = next(((n, v) for n, v in cells if type(v) is not UnitCell and v), None)
        kinds = {(v.unit, v.scale) for _, v in shown}
        stored = _stored_unit(first) if len(kinds) == 1 and plain is None else None
        if stored is not None:
            if said.unit is None:
                out[c] = f"{label}（{stored}）"
            elif said.unit != stored:
                problems.append(
                    f"{name}: column {label!r} ({letter}) says {said.unit} in its header, but {at} by its number "
                    "format; which is it? correct the sheet"
                )
            continue
        if said.field == "growth" and any("百分点" in v.unit for _, v in shown):
            n, pp = next((n, v) for n, v in shown if "百分点" in v.unit)
            problems.append(
                f"{name}: column {label!r} ({letter}): {letter}{n} shows {pp.shown()} by its number format: percentage "
                "points (个百分点) are a change in a rate, not a growth rate; if the cells hold the growth, format them "
                "as numbers (0.0) without 个百分点; if they hold a change in the rate, they are no growth to import"
            )
            continue
        if said.field not in _FIGURES:
            continue  # a column the import does not read a figure from (序号 formatted 0"号")
        if plain is not None:
            why = f"but {letter}{plain[0]} shows {plain[1]} with none"
        elif len(kinds) > 1:
            n, other = next((n, v) for n, v in shown if (v.unit, v.scale) != (first.unit, first.scale))
            why = f"and {letter}{n} shows {other.shown()}"
        elif not first.unit:
            why = f"(the stored {Decimal(first)} divided by {1000**first.scale:,}), naming no unit"
        elif first.scale and _known(first.unit):
            why = (
                f"(the stored {Decimal(first)} divided by {1000**first.scale:,}, in {first.unit}): the figure stored "
                f"is in no unit the tracker knows"
            )
        else:
            why = f"in {first.unit}, which is no unit the tracker knows"
        # The header's own unit is not written twice (1-8月累计（万元）（万元）): the example is the header's.
        example = label if said.unit is not None else f"{label}（万元）"
        problems.append(
            f"{name}: column {label!r} ({letter}): {at} by its number format {why}; format the column's cells as "
            f"plain numbers and give their unit in the header ({example}) or a 单位 column"
        )
    return out, problems
