"""Tables side by side in one sheet: a header that repeats its name column (``指标名称 | 1-8月累计 |
同比 || 指标名称 | 1-8月累计 | 同比``), each name column with the figures right of it up to the next.
A row holds one line of each table, so a figure is its own table's name's and no other's: the
sheet is imported one table at a time, and a figure column of the table ``--map`` leaves out is
never read against the other table's names.
"""

from __future__ import annotations

import re

from .column_kinds import describe
from .names import key
from .table import Column, LayoutError

_LETTERED = re.compile(r" \([A-Z]+\)$")  # a repeated label's column letter (指标名称 (E))
_READ = ("value", "month_value", "growth", "status", "milestone", "unit", "date", "note", "source")


def _plain(col: Column) -> str:
    return _LETTERED.sub("", col.label)


def _names(columns: list[Column]) -> list[Column]:
    """The name columns of the one label given more than once (mapped or left out), else ``[]``."""
    naming = [c for c in columns if c.field == "target" or (c.field is None and describe(_plain(c)).field == "target")]
    by_label: dict[str, list[Column]] = {}
    for c in naming:
        by_label.setdefault(key(_plain(c)), []).append(c)
    repeated = [cs for cs in by_label.values() if len(cs) > 1]
    return repeated[0] if len(repeated) == 1 else []


def side_by_side(name: str, columns: list[Column]) -> None:
    """Refuse tables side by side read as one. Raises :class:`LayoutError` when the header names
    the target twice or more by one label (``指标名称`` (A) and (E)), giving the ``--map`` that
    reads each table alone; and when ``--map`` keeps one name column but a column of another
    table (right of a name column left out, up to the next name column) would be read: its
    figure is of that table's row, not of the name kept beside it."""
    names = _names(columns)
    if not names:
        return
    starts = [c.number for c in names]

    def table_of(col: Column) -> int:
        return max((i for i, s in enumerate(starts) if s <= col.number), default=0)

    used = [c for c in columns if c.field in _READ or c.field == "target"]
    kept = [c for c in names if c.field == "target"]
    if len(kept) > 1:
        ways = []
        for i, own in enumerate(names):
            mine = [c for c in used if table_of(c) == i]
            others = [c for c in used if table_of(c) != i]
            span = f"{mine[0].letter}–{mine[-1].letter}" if len(mine) > 1 else own.letter
            ways.append(f"{span} with " + " ".join(f"--map '{c.label}=ignore'" for c in others))
        listed = ", ".join(f"{c.label!r} ({c.letter})" for c in names)
        raise LayoutError(
            [
                f"{name}: the header names the target {len(names)} times ({listed}): tables side by side, each row "
                f"a line of each; import one table at a time: {'; '.join(ways)}"
            ]
        )
    if len(kept) != 1:
        return
    own_table = table_of(kept[0])
    if foreign := [c for c in used if table_of(c) != own_table]:
        beside = names[table_of(foreign[0])]
        listed = ", ".join(f"{c.label!r} ({c.letter})" for c in foreign)
        raise LayoutError(
            [
                f"{name}: {listed} {'is' if len(foreign) == 1 else 'are'} of the table beside, named by "
                f"{beside.label!r} ({beside.letter}), which --map leaves out: not the figures of the rows "
                f"{kept[0].label!r} ({kept[0].letter}) names; leave "
                f"{'it' if len(foreign) == 1 else 'them'} out too with "
                + " ".join(f"--map '{c.label}=ignore'" for c in foreign)
            ]
        )
