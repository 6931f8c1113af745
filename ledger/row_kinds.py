"""A column saying what each row's figure is (类别 | 绝对值（亿元） / 增速（%）): a layout that gives an
indicator's figure and its growth in two rows under one (merged) name, rather than in two columns.

The column is read as the rows' 单位 column, its unit taken from the brackets (``绝对值（亿元）`` →
亿元, ``增速（%）`` → %), and each row is marked the figure or its growth (:attr:`Table.row_kinds`),
so that a rate target reads only the growth row and any other target only the figure row: a
growth of 4.1 % is never read as 4.1 亿元 of output.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from itertools import repeat
from operator import itemgetter
from typing import Any, Literal

from . import units
from .amount_words import AMOUNT_WORDS
from .header_words import NAMES
from .names import key
from .patterns import LazyPattern
from .sheets import Row, cell_text
from .table import Column, LayoutError

# Headers of a column naming the kind of each row's figure, as names.key writes them.
_KIND_HEADERS = frozenset(
    key(h) for h in ("类别", "指标类别", "类型", "数据类型", "口径", "指标口径", "统计口径", "分类", "指标属性", "属性", "项目类别")
)  # fmt: skip
# Headers of a column that names a row's item or unit and, in the stacked layout, says what each
# row's figure is (项目 | 绝对值（亿元） / 增速（%）; 单位 | 亿元 / %): read so only when its cells say it.
_ITEM_HEADERS = frozenset(key(h) for h in ("项目", "指标项", "指标项目", "数据项", "统计项"))
_UNIT_HEADERS = frozenset(key(h) for h in ("单位", "计量单位", "单位名称"))
PEEK = 64  # rows looked at to tell a 项目 column of kinds from one naming targets
_BRACKET = LazyPattern(r"[(\[]([^()\[\]]*)[)\]]")
# What a kind cell says, as names.key writes it without its brackets: growth (增速（%）, 同比增长%,
# 增幅, ±%, a bare %) or the figure (绝对值（亿元）, 总量, 完成值, or a unit alone: 亿元).
# The growth words are a growth column's (header_words.NAMES), one list for both.
_GROWTH_WORDS = frozenset(key(w) for w in (*NAMES["growth"], ""))
_FIGURE_WORDS = frozenset(key(w) for w in (*AMOUNT_WORDS, "值", "完成值", "完成数", "累计", "累计值", ""))

RowKind = Literal["growth", "figure"]


def _kind_of(k: str) -> tuple[RowKind, str] | None:
    """``(kind, unit)`` a kind cell (a :func:`~ledger.names.key`) says: ``增速(%)`` → (growth, %);
    ``绝对值(亿元)`` → (figure, 亿元); ``总量`` → (figure, "" : the unit is read elsewhere); ``亿元`` →
    (figure, 亿元); ``None`` for anything else (a column of such cells is no kind column)."""
    inside = [m.group(1).removeprefix("单位:") for m in _BRACKET.finditer(k)]
    word = _BRACKET.sub("", k)
    percent = word.endswith("%") or "%" in inside
    word = word.removesuffix("%")
    other = any((u := units.known(x)) is not None and u != "%" for x in inside) or "百分点" in inside
    if word in _GROWTH_WORDS and (percent or word) and not other:  # 增减（亿元）: a change, no growth
        return "growth", "%"
    unit = next((u for u in map(units.known, [*inside, word]) if u is not None), None)
    if word in _FIGURE_WORDS and (unit is not None or word) and unit != "%":
        return "figure", unit or ""
    if unit is not None and unit != "%" and not inside:
        return "figure", unit  # 亿元 alone
    return None


def row_kinds(
    columns: list[Column], rows: list[Row], keyed_by: str, by_field: dict[str, Column], file: str = ""
) -> tuple[list[Column], list[Row], dict[int, RowKind], tuple[str, ...]]:
    """``(columns, rows, kinds)`` with a 类别 column (see ``_KIND_HEADERS``) that marks some rows as
    growth (增速（%）) read as the 单位 column: ``columns`` with it given the field ``unit`` (and
    ``by_field`` updated in place), ``rows`` with its cells as their units (``%`` for growth, the
    bracketed unit or blank for a figure), ``kinds`` the kind of each such row by row number, and
    the note saying so.
    Unchanged, with no kinds, when there is no such column, a 单位 column is there already, or no
    row is marked as growth. Only tables with such a column cost a pass over their rows.

    Raises :class:`LayoutError` (``file``: the file's name) when the column marks some rows as the
    figure or its growth and another cell is none of its words but plainly such a label (a unit in
    brackets: ``增减（亿元）``, ``总计额（万元）``; or any text where both kinds are read): read
    without the column, a growth row would name no target or be read as the figure."""
    if (units_col := by_field.get("unit")) is not None:
        # 单位 | 亿元 / % (or 绝对值（亿元）/ 增速（%）) pairing each indicator's figure with its growth
        if key(units_col.label) not in _UNIT_HEADERS or units_col.mapped:
            return columns, rows, {}, ()
        found = [units_col]
    else:
        found = [
            c for c in columns if c.field is None and c.why is None and key(c.label) in _KIND_HEADERS | _ITEM_HEADERS
        ]
    if len(found) != 1:
        return columns, rows, {}, ()
    col = found[0]
    units_only = col.field == "unit"  # a 单位 column: its % rows are growth only beside their figure rows
    read: dict[str, tuple[RowKind, str] | None] = {}  # by distinct cell text
    if _no_growth(rows, col, keyed_by, read, units_only):
        return columns, rows, {}, ()

    name_col = by_field.get("target")
    kinds: dict[int, RowKind] = {}
    out: list[Row] = []
    named: list[int] = []  # rows whose blank name is their pair's, the row above
    unread: list[tuple[int, str]] = []  # (row, text) of cells that are none of the column's words
    pairs: set[int] = set()  # rows of a figure and its growth next to each other under one name
    above: tuple[int, RowKind, str] | None = None  # the row before: its number, kind and name
    for row in rows:
        text = cell_at(row, col, keyed_by)
        if text is None or not text.strip():
            out.append(row)
            above = None
            continue
        if text not in read:
            read[text] = _kind_of(key(text))
        if (said := read[text]) is None:
            unread.append((row.number, text.strip()))  # 类别 | 工业 / 服务业: not the kind of figure
            continue
        kind, unit = said
        kinds[row.number] = kind
        row = _with_cell(row, col, keyed_by, unit)
        name = cell_at(row, name_col, keyed_by) if name_col is not None else None
        if (
            above is not None
            and above[0] == row.number - 1
            and above[1] != kind
            and (not (name or "").strip() or key(name or "") == key(above[2]))
        ):
            pairs.add(above[0])
            pairs.add(row.number)
        if name_col is not None and not (name or "").strip() and above is not None:
            number, kind_above, name_above = above
            # The pair's second row under a name merged over both, as a CSV or a sheet without
            # merges writes it (规模以上工业总产值 | 绝对值 over a blank | 增速): its name is the first's.
            if number == row.number - 1 and kind_above != kind:
                row = _with_cell(row, name_col, keyed_by, name_above)
                named.append(row.number)
                name = name_above
        above = (row.number, kind, name) if name and name.strip() else None
        out.append(row)
    if units_only and (unread or not _paired(kinds, pairs)):
        return columns, rows, {}, ()  # units as ever: a % row alone is a rate's or a share's own figure
    if unread and kinds:
        read_kinds = set(kinds.values())
        if read_kinds == {"growth", "figure"} or all(_BRACKET.search(key(t)) for _, t in unread):
            number, text = unread[0]
            first = next(iter(kinds))
            raise LayoutError(
                [
                    f"{file}: row {number}: column {col.label!r} ({col.letter}) says what each row's figure is (row "
                    f"{first} {'its growth' if kinds[first] == 'growth' else 'the figure'}), but {text!r} "
                    f"({col.letter}{number}) is none of its words; write "
                    f"{AMOUNT_WORDS[0]}（单位） or another amount word ({'、'.join(AMOUNT_WORDS[1:])}) for the figure, "
                    "增速（%） or 同比增长（%） for its growth"
                ]
            )
    if "growth" not in kinds.values() or unread:
        return columns, rows, {}, ()
    unit_col = dataclasses.replace(col, field="unit")
    by_field["unit"] = unit_col
    growth = ", ".join(str(n) for n, k in kinds.items() if k == "growth")
    note = (
        f"column {col.label!r} ({col.letter}) says which rows hold a growth (row {growth}) and which the figure: a rate "
        "target reads its growth row, any other target its figure row, in the unit the column gives"
    )
    if named:
        note += f"; row {', '.join(map(str, named))} (no name) under the name of the row above, whose pair it is"
    return [unit_col if c is col else c for c in columns], out, kinds, (note,)


def _no_growth(
    rows: list[Row], col: Column, keyed_by: str, read: dict[str, tuple[RowKind, str] | None], units_only: bool
) -> bool:
    """Whether :func:`row_kinds` returns its arguments unchanged, told from the distinct texts of
    ``col`` alone (each read into ``read``): none says growth, and the column cannot be refused
    (a 单位 column never is; a 类别 column only when some of its texts are kinds and others not).
    ``False`` whenever that cannot be told so: a cell that is not text (a workbook's number or
    date), a CSV record not reaching ``col``, or a column whose texts may say growth.

    Why: nearly every sheet with such a column is a 单位 column of units (or blanks) beside the
    figures, no growth among them; its 20,000 cells took a call each (cell_at) to tell so, some
    4,500 instructions a row. Here the column's cells are taken by loops in C (as
    :func:`typed_column` takes them) and each distinct one read once."""
    if keyed_by == "index":
        try:
            cells = set(map(itemgetter(col.number - 1), map(_CELLS, rows)))
        except IndexError:
            return False
    elif keyed_by == "number":
        cells = set(map(dict.get, map(_CELLS, rows), repeat(col.number)))
    else:
        return False
    cells.discard(None)
    if not all(type(c) is str for c in cells):
        return False
    said: set[RowKind | None] = set()  # the kinds the texts say, None for a text that says none
    for cell in cells:
        if text := cell.strip():  # as cell_at gives it (cell_text): stripped, None when blank
            if text not in read:
                read[text] = _kind_of(key(text))
            said.add(kind[0] if (kind := read[text]) is not None else None)
    if "growth" in said:
        return False
    return units_only or len(said) < 2  # a 类别 column of kinds and other texts may be refused


def kind_of(text: str) -> RowKind | None:
    """What a cell of a 类别 (or 项目, 单位) column says its row's figure is: ``"growth"``
    (增速（%）, 同比增长%, ``%``), ``"figure"`` (绝对值（亿元）, 总量, 亿元), ``None`` for anything else."""
    said = _kind_of(key(text))
    return said[0] if said is not None else None


def items_as_kinds(columns: list[Column], below: Sequence[tuple[int, dict[int, Any]]]) -> list[Column]:
    """``columns`` with a 项目 (指标项) column that a header word gives the target beside another
    naming it (指标名称 | 项目) made a column of no field, to be read as a 类别 column (:func:`row_kinds`),
    when its cells in ``below`` (the first rows under the header, as a grid holds them) say what
    each row's figure is (绝对值（亿元）/ 增速（%）), some a growth: the measure, never a target.
    Unchanged otherwise, and when ``--map`` named the column."""
    naming = [c for c in columns if c.field == "target"]
    if len(naming) < 2:
        return columns
    out = list(columns)
    for col in naming:
        if col.mapped or key(col.label) not in _ITEM_HEADERS:
            continue
        texts = [t for _, cells in below[:PEEK] if (t := cell_text(cells.get(col.number))) and t.strip()]
        kinds = [kind_of(t) for t in texts]
        if kinds and None not in kinds and "growth" in kinds and "figure" in kinds:
            out[out.index(col)] = dataclasses.replace(col, field=None)
    return out


def _paired(kinds: dict[int, RowKind], pairs: set[int]) -> bool:
    """Whether every growth row among ``kinds`` is a pair's, its figure next to it (``pairs``)."""
    return all(n in pairs for n, k in kinds.items() if k == "growth")


def _with_cell(row: Row, col: Column, keyed_by: str, text: str) -> Row:
    """``row`` with ``text`` in ``col``'s cell."""
    if keyed_by == "index":
        listed = list(row.cells)
        listed.extend([""] * (col.number - len(listed)))
        listed[col.number - 1] = text
        return Row(row.number, listed)
    keyed = dict(row.cells)
    keyed[col.label if keyed_by == "label" else col.number] = text
    return Row(row.number, keyed)


def cell_at(row: Row, col: Column, keyed_by: str) -> str | None:
    """The text of ``row``'s cell in ``col`` (any column, used or not; ``None`` when blank or beyond
    the row), its cells keyed by ``keyed_by`` (:attr:`Table.keyed_by`)."""
    if keyed_by == "index":
        return cell_text(row.cells[col.number - 1]) if col.number <= len(row.cells) else None
    return cell_text(row.cells.get(col.label if keyed_by == "label" else col.number))


def typed_column(rows: list[Row], col: Column, keyed_by: str) -> set[str] | None:
    """The distinct texts :func:`typed_at` gives ``rows``' cells in ``col`` that are not blank, or
    ``None`` when a cell is not text (a workbook's number or date: its text is worked out row by
    row) or a CSV record does not reach ``col``.

    Why: a sheet's name column repeats a thousand names over twenty thousand rows; the column's
    cells are taken by loops in C and each distinct one is read once, not a call per row."""
    if keyed_by == "index":
        try:
            cells = set(map(itemgetter(col.number - 1), map(_CELLS, rows)))
        except IndexError:
            return None
    else:
        cells = set(map(dict.get, map(_CELLS, rows), repeat(col.label if keyed_by == "label" else col.number)))
    cells.discard(None)
    if not all(type(c) is str for c in cells):
        return None
    return {text for c in cells if (text := c.rstrip())}


_CELLS = itemgetter(1)  # a Row's cells, by index: a NamedTuple's attribute costs more


def typed_at(row: Row, col: Column, keyed_by: str) -> str | None:
    """:func:`cell_at`, its text's leading spaces kept (``'　　其中：一期'``): how far a label is
    indented says it is a part of the row above (:mod:`~ledger.sub_items`). ``None`` when blank."""
    if keyed_by == "index":
        value = row.cells[col.number - 1] if col.number <= len(row.cells) else None
    else:
        value = row.cells.get(col.label if keyed_by == "label" else col.number)
    if isinstance(value, str):
        return value.rstrip() or None
    return cell_at(row, col, keyed_by)
