"""A bulletin that gives each figure for a whole area and for parts of it, one column each
(全区 | 其中：经开区): which column is the plan's own (:func:`area_fix`). A whole area's column (a
district's, 全区) is never offered for a plan of a zone within it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .names import key
from .patterns import LazyPattern

if TYPE_CHECKING:
    from .table import Column

# A column header naming one part of the whole beside it, "of which": 其中：经开区, 其中:园区.
_OF_WHICH = LazyPattern(r"^其中:?(.+)$")
# A column header naming a whole area (a district's, a city's), as names.key writes it.
_AREA_WHOLE = LazyPattern(r"^(?:全区|全市|全县|全省|全镇|全街道?|全域)(?:合计|总计)?(?:\([^)]{0,12}\))?$")


def part_named(label: str) -> str | None:
    """The part a column headed ``label`` gives of the whole beside it (``其中：经开区``: ``经开区``),
    as names.key writes it; ``None`` for any other header."""
    m = _OF_WHICH.match(key(label))
    return m.group(1) if m else None


def is_area_whole(label: str) -> bool:
    """Whether a column headed ``label`` holds a whole area's figures (全区, 全市, 全县合计): a
    district's or a city's, never those of a zone within it."""
    return bool(_AREA_WHOLE.match(key(label)))


def area_fix(plan_name: str, figures: list[Column], adds: bool) -> str | None:
    """The hint for a sheet whose columns of figures ``figures`` give a whole area (全区) and parts
    of it (其中：经开区, or an area's name alone): the ``--map`` of the one part the plan's name
    (``plan_name``: 临平经开区2025年…) names, else the question which column is the plan's area.
    ``adds``: the rows name an ``increment`` target, whose figure is the month's own. ``None``
    when no column is a whole area's, or none beside it is a part's."""
    wholes = [c for c in figures if is_area_whole(c.label)]
    parts = [c for c in figures if c not in wholes]
    if not wholes or not parts:
        return None
    plan = key(plan_name)
    own = [c for c in parts if len(area := part_named(c.label) or key(c.label)) >= 2 and area in plan]
    field = "month_value" if adds else "value"

    def said(cols: list[Column]) -> str:
        return ", ".join(f"{c.label!r}" + (f" ({c.letter})" if c.number else "") for c in cols)

    layout = (
        f"the sheet gives a whole area's figures in {said(wholes)} and {'a part' if len(parts) == 1 else 'parts'} "
        f"of it in {said(parts)}; a whole area's figure is never a zone's within it"
    )
    then = " if it holds the month's own addition (head it 1—N月累计 if the year so far)" if adds else ""
    if len(own) == 1:
        (col,) = own
        return (
            f"{layout}: {col.label!r} is the plan's own area, as its name {plan_name!r} says; import it with "
            f"--map '{col.label}={field}'{then}"
        )
    return f"{layout}: import the column of the plan's own area with --map 'COLUMN={field}'{then}"
