"""Finding a sheet's header row (the first naming the target) and combining the rows of a merged
header into one label per column.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from . import units
from .column_kinds import describe
from .names import key
from .patterns import LazyPattern
from .sheets import Grid, cell_text, column_letter


def _texts(cells: dict[int, Any]) -> dict[int, str]:
    return {c: t for c, v in cells.items() if (t := cell_text(v)) is not None}


def _is_number_like(text: str) -> bool:
    t = unicodedata.normalize("NFKC", text).replace(",", "").replace("%", "").strip()
    try:
        float(t)
    except ValueError:
        return False
    return True


def _header_field(text: str, given: dict[str, str]) -> str | None:
    k = key(text)
    return given.get(k) or describe(text).field


def header_fields(cells: dict[int, Any], given: dict[str, str]) -> dict[int, str | None]:
    """``{column: field}`` of a header row's cells by themselves, with ``--map`` (``given``: keyed
    label → field). A text given twice (two tables side by side, each with its 指标名称) is named
    by its label the first time and by its label and column letter after (``指标名称 (E)``), as
    :func:`~ledger.layout.read_table` names the columns: ``--map '指标名称=ignore'`` leaves the first
    out, never both."""
    seen: set[str] = set()
    out: dict[int, str | None] = {}
    for c, t in sorted(_texts(cells).items()):
        k = key(t)
        shown = f"{t} ({column_letter(c)})" if k in seen else t
        seen.add(k)
        out[c] = given.get(key(shown)) or describe(t).field
    return out


def _header_at(rows: Sequence[tuple[int, dict[int, Any]]], given: dict[str, str]) -> int | None:
    for i, (_, cells) in enumerate(rows[:30]):
        if "target" in header_fields(cells, given).values():
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


# A unit row's cell, as NFKC writes it: 亿元, %, （亿元）, 单位：亿元, 计量单位:万平方米. Compiled on
# first use: most sheets have no unit row, and a row whose label is not 单位 is none.
_UNIT_CELL = LazyPattern(r"^[(\[]?\s*(?:计量)?(?:单位\s*[:：]?\s*)?([^()\[\]:：]+?)\s*[)\]]?$")
_UNIT_ROW_LABELS = frozenset({"单位", "计量单位", "单位:"})  # what the name column may say on a unit row


def _cell_unit(text: str) -> str | None:
    m = _UNIT_CELL.match(unicodedata.normalize("NFKC", text).strip())
    if m is None:
        return None
    try:
        return units.canonical(m.group(1))
    except units.UnitError:
        return None


def unit_row(cells: dict[int, Any], header: dict[int, Any], labels_column: int) -> dict[int, str] | None:
    """``{column: unit text as written}`` when the row under a header gives each column its unit and
    nothing else (``,亿元,%``; ``单位 | 亿元 | %``; ``（亿元）``, ``单位：亿元``), else ``None``. Such a row
    is part of the header, never a row of figures or a sub-header: its units are its columns' as a
    unit in a header is (``1-8月累计（亿元）``). A unit under the header's 单位 column is a row's
    unit, not the header's: such a row is no unit row."""
    texts = _texts(cells)
    above = _texts(header)
    label = texts.pop(labels_column, None)
    if label is not None and key(label) not in _UNIT_ROW_LABELS:
        return None
    if not texts or not all(isinstance(cells[c], str) and _cell_unit(t) is not None for c, t in texts.items()):
        return None
    if any(c in above and describe(above[c]).field == "unit" for c in texts):
        return None
    return texts


def with_units(labels: dict[int, str], given: dict[int, str]) -> tuple[dict[int, str], list[tuple[int, str, str]]]:
    """``labels`` with each column's unit from a unit row (:func:`unit_row`) written in brackets
    after its label (``1-8月累计`` and ``亿元`` → ``1-8月累计（亿元）``), and the columns whose label
    already says another unit: ``[(column, label, unit row's text)]``, for the caller to refuse (which
    of 万元 and 亿元 is it cannot be told). A label already saying the same unit is left as it is."""
    out = dict(labels)
    clashes: list[tuple[int, str, str]] = []
    for c, text in given.items():
        label = labels.get(c)
        unit = _cell_unit(text)
        if label is None:
            continue  # a unit over no header: nothing to give it to
        said = describe(label).unit
        if said is None:
            out[c] = f"{label}（{unit}）"
        elif said != unit:
            clashes.append((c, label, text))
    return out, clashes
