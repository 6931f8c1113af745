"""The table's rows of figures: where they end (notes, a unit line below, a second table), merged
cells filled in, and total and unlabelled rows set apart. Run per row of a 20,000-row import.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from functools import partial
from itertools import repeat
from operator import itemgetter
from typing import Any, Literal

from . import units
from .column_kinds import _LOOKUP, PERCENT_OF, describe
from .formulas import is_no_figure
from .header_rows import _is_number_like
from .header_words import _BARE_MULTIPLIER, _FIGURES, _TOTAL_LABEL, _UNIT_SAID, CARRIER_HEADERS, YEAR, _is_note, _shown
from .names import key, keys
from .patterns import LazyPattern
from .sheets import CsvRows, Row, cell_text, column_letter
from .table import Column, LayoutError, Unlabelled
from .total_labels import is_total_row

_CELLS = itemgetter(1)  # a Row's cells, by index: a NamedTuple's attribute costs five times more
# A title naming last year's figures, for comparison: 2024年8月（上年同期）, 去年同期, 上年同期数.
_LAST_YEARS = LazyPattern(r"上年同期|去年同期|上年|去年|上一年")


def _second_table(
    name: str,
    data: list[Row],
    keyed_by: Literal["number", "index"],
    header: dict[int, Any],
    target: int,
    year: tuple[int, str] | None,
) -> tuple[list[Row], tuple[str, ...]]:
    """``data`` up to where a second table below the first begins, and the note naming the rows
    left unread. A row whose one cell names last year (``2024年8月（上年同期）``, ``去年同期``) or
    another year than the sheet's ``year`` ends the table there: what is below it is that period's,
    for comparison, and read as more rows it would add last year's figures to this year's. A row
    repeating the header (its target cell as the header's, ``指标名称``) with no such title above
    it raises :class:`LayoutError`: another table, or the same one continued over a page, cannot
    be told apart. Only the target column and rows of one cell are looked at, in C where it can
    be, so that 20,000 rows cost next to nothing."""
    head = cell_text(header.get(target))
    head_key = key(head) if head else None
    index = keyed_by == "index"
    # The target column's text of each row, and the rows of one cell (a title, a note, a heading)
    # among those whose target cell is empty or says 年 (a title naming a year, 上年同期, sits in
    # the target column or beside an empty one): the rest of a row is looked at only for those,
    # and whether there are any is asked in C (a Python loop costs 20,000 rows a tenth more).
    # Asked of the column's distinct cells (a sheet repeats a thousand names over its rows): only
    # a text can hold 年, and only a text equals another text.
    if index:  # records as long as the last column a field reads, the target's among them
        names: list[Any] = list(map(itemgetter(target - 1), map(_CELLS, data)))
        distinct = set(names)
        look = "" in distinct or "年" in "\x00".join(distinct)
    else:
        names = list(map(dict.get, map(_CELLS, data), repeat(target)))
        distinct = set(names)
        look = None in distinct or "年" in "\x00".join(map(str, distinct))
    maybe = [i for i, n in enumerate(names) if not n or (n.__class__ is str and "年" in n)] if look else []
    cells = {i: data[i].cells for i in maybe}
    if index:
        single = [i for i in maybe if len(cells[i]) - cells[i].count("") == 1]
    else:
        single = [i for i in maybe if len(cells[i]) == 1]
    repeats: list[int] = []
    if head_key:
        # Each distinct name looked at once, and only one holding the header's first and last
        # characters normalised: a sheet's names share their first character often (指标1, 指标2).
        ends = head_key[0], head_key[-1]
        again = {
            n
            for n in distinct
            if isinstance(n, str) and ends[0] in (low := n.lower()) and ends[1] in low and key(n) == head_key
        }
        if again:
            repeats = [i for i, n in enumerate(names) if n in again]
    # Another table's own header below (指标 | 8月 | 比上年同月增长% under 指标名称 | 1-8月 | 同比增长%):
    # its rows read under this header's columns would take its figures for these (August's own
    # growth as the year's). A name cell that is a name column's header word, beside labels only.
    # So is a row of two labels or more beside an empty name cell (| 8月 | 比上年同月增长%).
    other = _names_columns([n for n in distinct if n.__class__ is str and len(n) <= 16 and n != head])
    at = [i for i, n in enumerate(names) if n in other and _labels_only(data[i].cells, target, index)] if other else []
    at += [i for i in maybe if not names[i] and _labels_only(cells[i], target, index, 2)]
    if at:
        repeats = sorted([*repeats, min(at)])
    titles: list[tuple[int, str]] = []
    for i in single:
        (only,) = (v for v in (cells[i] if index else cells[i].values()) if cell_text(v) and str(v).strip())
        text = cell_text(only) or ""
        norm = unicodedata.normalize("NFKC", text)
        said = YEAR.search(norm)
        if _LAST_YEARS.search(norm) or (said and year is not None and int(said.group(1)) != year[0]):
            titles.append((i, text.strip()))
            break
    end = min([i for i, _ in titles[:1]] + repeats[:1], default=None)
    if end is None:
        return data, ()
    numbers = [r.number for r in data[end:]]
    shown = f"row {numbers[0]}" if len(numbers) == 1 else f"rows {numbers[0]}–{numbers[-1]}"
    if titles and titles[0][0] == end:
        return data[:end], (
            f"{shown} not read: row {numbers[0]} {_shown(titles[0][1])!r} begins another period's table below this "
            "one (last year's or another year's figures, for comparison)",
        )
    row = data[end].number
    said = names[end] if isinstance(names[end], str) else None
    if said is None or key(said) != head_key:
        cells = data[end].cells
        texts = [t.strip() for v in (cells if index else cells.values()) if (t := cell_text(v)) and t.strip()]
        raise LayoutError(
            [
                f"{name}: row {row} is another table's header ({_shown(' | '.join(texts))!r}): a second table below "
                f"the first, whose figures are not of this header's columns; tracker reads one table; delete rows "
                f"{row}–{numbers[-1]} (and the second table's title above them), or import that table as a file of "
                "its own"
            ]
        )
    raise LayoutError(
        [
            f"{name}: row {row} repeats the header ({_shown(head or '')!r}): a second table below the first, or the "
            f"same table continued? tracker reads one table; delete rows {row}–{numbers[-1]} if they are another "
            "table, or the repeated header if the table goes on"
        ]
    )


# The words a name column is headed by (指标, 指标名称, 项目, 名称…), as header_fields reads them.
_NAME_HEADERS = frozenset(k for k, field in _LOOKUP.items() if field == "target")
_NAME_FIRSTS = frozenset(h[0] for h in _NAME_HEADERS)


def _names_column(text: str) -> bool:
    """Whether a name cell says what a name column's header does (``指标``, ``项目名称``), not a name.
    Most names are ruled out by their first character, before :func:`key` is asked."""
    t = text.strip()
    return bool(t) and t[0].lower() in _NAME_FIRSTS and _BRACKETED.sub("", key(t)) in _NAME_HEADERS


def _names_columns(texts: list[str]) -> set[str]:
    """Those of ``texts`` that :func:`_names_column` holds to, each stripped text made a :func:`key`
    in one call of :func:`keys` (a sheet's names share their first character often, 指标1, 指标2…:
    a key each was a twentieth of the rows' layout), and only a key ending in a bracket asked of
    _BRACKETED (keys hold no blank, so ``$`` is their end)."""
    firsts = [(n, t) for n in texts if (t := n.strip()) and t[0].lower() in _NAME_FIRSTS]
    return {
        n
        for (n, _), k in zip(firsts, keys([t for _, t in firsts]), strict=True)
        if (_BRACKETED.sub("", k) if k.endswith(")") else k) in _NAME_HEADERS
    }


_BRACKETED = LazyPattern(r"\([^()]*\)$")  # 指标名称（当月）: what the table's names are of


def _labels_only(cells: Any, target: int, index: bool, least: int = 1) -> bool:
    """Whether a row's cells besides its name (column ``target``) are a header's: one or more,
    none a number, and ``least`` at least labels a header gives (``8月``, ``同比增长%``, ``单位``)."""
    others = [v for i, v in enumerate(cells, 1) if i != target] if index else [
        v for n, v in cells.items() if n != target
    ]  # fmt: skip
    texts = [t.strip() for v in others if (t := cell_text(v)) is not None and t.strip()]
    if (
        not texts
        or any(not isinstance(v, str) for v in others if v is not None and v != "")
        or any(_is_number_like(t) for t in texts)
    ):
        return False
    # A bare % (a unit line's) says nothing of what the column holds: no header's label by itself.
    said = [t for t in texts if (c := describe(t)).field is not None or c.why not in (None, PERCENT_OF) or c.months]
    return len(said) >= least


def _total_rows(
    rows: list[Row], columns: Sequence[Column], by_field: dict[str, Column], keyed_by: Literal["number", "index"]
) -> tuple[list[Row], tuple[tuple[int, str, Column], ...]]:
    """``rows`` without the total rows a label column other than the target's marks (合计 in a
    载体名称 column under a target merged down over its carriers), and those rows: see
    :attr:`Table.totals`. A total row with no figure is kept, to be passed over as any row
    without one. Only columns of text that give no figure are read as labels."""
    labels = _label_columns(columns, by_field)
    if not labels:
        return rows, ()
    figures = [c for f, c in by_field.items() if f in _FIGURES]
    index = keyed_by == "index"

    def get(cells: Any, col: Column) -> Any:
        if index:  # a CSV record, as long as the last column a field reads
            return cells[col.number - 1] if col.number <= len(cells) else None
        return cells.get(col.number)

    kept: list[Row] = []
    totals: list[tuple[int, str, Column]] = []
    named = by_field.get("target")
    for row in rows:
        marked = None
        # A carrier cell's total may name the row's target (合计：新增创新空间面积 beside 新增创新空间面积).
        names = (t,) if named is not None and isinstance(t := get(row.cells, named), str) and t.strip() else ()
        for col in labels:
            value = get(row.cells, col)
            if isinstance(value, str) and value and (_TOTAL_LABEL.match(key(value)) or is_total_row(value, names)):
                marked = col, value.strip()
                break
        if marked is not None and any(
            (t := cell_text(get(row.cells, c))) is not None and t.strip() and not is_no_figure(t.strip())
            for c in figures
        ):
            totals.append((row.number, marked[1], marked[0]))
        else:
            kept.append(row)
    return kept, tuple(totals)


def _label_columns(columns: Sequence[Column], by_field: dict[str, Column]) -> list[Column]:
    """The columns that may label a row beside its target (载体名称, 里程碑): text giving no figure."""
    target = by_field.get("target")
    return [c for c in columns if (c.field is None or c.field == "milestone") and c is not target and c.number]


def _has_text(value: Any) -> bool:
    """Whether a cell holds a label: text, not a number, not a "no figure" mark."""
    text = cell_text(value)
    return text is not None and bool(t := text.strip()) and not is_no_figure(t) and not _is_number_like(t)


def _unlabelled_rows(
    rows: list[Row],
    merged: dict[tuple[int, int], tuple[int, int, int, int]],
    columns: Sequence[Column],
    by_field: dict[str, Column],
    keyed_by: Literal["number", "index"],
) -> tuple[list[Row], tuple[Unlabelled, ...]]:
    """``rows`` without the :class:`Unlabelled` ones, and those: in a group of rows under one
    target (merged down over them, or, on a sheet with a 里程碑 column, named on the first row
    alone and held for the rows below; or, beside a carrier column (载体名称), named alike on each of
    consecutive rows), a row with a figure (value or 本月) whose label cells are all empty while
    another row of the group fills one. Whether such a row is a subtotal is the import's to judge,
    on the figures (see :attr:`Table.unlabelled`)."""
    target = by_field.get("target")
    labels = _label_columns(columns, by_field)
    if target is None or not labels:
        return rows, ()
    index = keyed_by == "index"

    def get(cells: Any, number: int) -> Any:
        if index:  # a CSV record, as long as the last column a field reads
            return cells[number - 1] if number <= len(cells) else None
        return cells.get(number)

    t, letter = target.number, target.letter
    groups: dict[tuple[str, str], list[Row]] = {}  # (where, the target cell as written): the group's rows
    spans = {span for (_, c), span in merged.items() if span[1] <= t <= span[3] and span[2] > span[0]}
    current: list[Row] | None = None
    current_name, first = "", 0
    again: dict[str, int] = {}  # a group named again on each row: the last row naming it
    carriers = any(c.field is None and key(c.label) in CARRIER_HEADERS for c in labels)
    for row in rows:
        span = next((sp for sp in spans if sp[0] <= row.number <= sp[2]), None) if spans else None
        name = cell_text(get(row.cells, t))
        if span is not None:
            where = f"{column_letter(span[1])}{span[0]}:{column_letter(span[3])}{span[2]}"
            groups.setdefault((where, (name or "").strip()), []).append(row)
            current = None
        elif name is not None and name.strip():
            if current is None or not carriers or current_name != name.strip():
                current_name, first = name.strip(), row.number
                current = groups.setdefault((f"named in {letter}{first}", current_name), [])
            else:
                again[f"named in {letter}{first}"] = row.number
            current.append(row)  # a carrier sheet names the target again on each carrier's row
        elif current is not None and "milestone" in by_field:
            current.append(row)  # a task's cell filled on its first row holds for the rows below
    numbers = [c.number for f, c in by_field.items() if f in ("value", "month_value")]
    found: list[Unlabelled] = []
    for (where, name), members in groups.items():
        named = [any(_has_text(get(r.cells, c.number)) for c in labels) for r in members]
        if len(members) < 2 or not any(named):
            continue
        used = tuple(c for c in labels if any(_has_text(get(r.cells, c.number)) for r in members))
        for i, row in enumerate(members):
            if named[i] or not any(
                (text := cell_text(get(row.cells, c))) is not None and text.strip() and not is_no_figure(text.strip())
                for c in numbers
            ):
                continue
            above = tuple(r for r, n in zip(members[:i], named[:i], strict=True) if n)
            after = members[i + 1 :]
            ends = next((j for j, n in enumerate(named[i + 1 :]) if not n), len(after))
            below = tuple(after[:ends])  # the labelled rows under it, up to the next unlabelled one
            shown = f"{where}–{letter}{again[where]}" if where in again else where
            found.append(Unlabelled(row, above, name, shown, used, below))
    if not found:
        return rows, ()
    left_out = {u.row.number for u in found}
    return [r for r in rows if r.number not in left_out], tuple(found)


# A row as Row(number, cells) makes it, built from a (number, cells) pair by C code: a
# NamedTuple's own constructor is Python code, a fifth of the layout's time over 20,000 rows.
_ROW = partial(tuple.__new__, Row)


def _unit_below(only: Any, name: str, where: str) -> None:
    """Raise :class:`LayoutError` (naming the sheet ``name`` and the cell ``where``) when a row
    below the header whose one value is ``only`` states the figures' unit (``单位：万元``,
    ``注：本表金额单位为万元``, ``单位：万``): the unit is read above the table alone, and one left
    unread below it would file 万元 as the target's 亿元 without a word."""
    if not isinstance(only, str) or "单位" not in only:
        return
    norm = unicodedata.normalize("NFKC", only.strip())
    if (m := _UNIT_SAID.search(norm)) and (units.known(m.group(1)) or m.group(1) in _BARE_MULTIPLIER):
        raise LayoutError(
            [f"{name}: {_shown(only.strip())!r} ({where}) below the table states the unit, which is read only above "
             "it; move the line above the header (单位：万元), or give the unit in the header (1-8月累计（万元）) or a "
             "单位 column"]
        )  # fmt: skip


def _data_rows(
    rows: Iterable[tuple[int, dict[int, Any]]],
    merged: dict[tuple[int, int], tuple[int, int, int, int]],
    by_field: dict[str, Column],
    name: str = "",
) -> list[Row]:
    """The rows under the header, keyed by column number, but for notes below the table (a row
    whose one cell is 注：…); a cell merged down a column giving the target, its milestone, unit
    or date holds for every row the merge covers (a figure never does)."""
    spread = {c.number for f, c in by_field.items() if f in ("target", "milestone", "unit", "date")}
    tops = {(r1, c1) for (_, c), (r1, c1, _, _) in merged.items() if c in spread}
    rows = list(rows)
    # A note or a unit line below the table is a row of one cell: mostly none, asked in C.
    if not tops and 1 not in map(len, map(_CELLS, rows)):
        return list(map(_ROW, rows))
    for number, cells in rows:
        if len(cells) == 1:
            ((c, only),) = cells.items()
            _unit_below(only, name, f"{column_letter(c)}{number}")
    if not tops:
        return list(map(_ROW, (r for r in rows if len(r[1]) != 1 or not _is_note(*r[1].values()))))
    values: dict[tuple[int, int], Any] = {}
    out: list[Row] = []
    for number, cells in rows:
        if len(cells) == 1 and _is_note(*cells.values()):
            continue
        for c in cells:
            if (number, c) in tops:
                values[(number, c)] = cells[c]
        filled = cells
        for c in spread:
            if c not in cells and (number, c) in merged:
                r1, c1, _, _ = merged[(number, c)]
                if (top := values.get((r1, c1))) is not None:
                    if filled is cells:
                        filled = dict(cells)  # the grid's own row stays as read
                    filled[c] = top
        out.append(Row(number, filled))
    return out


def _records(rows: CsvRows, start: int, by_field: dict[str, Column], name: str = "") -> list[Row]:
    """:func:`_data_rows` of a plain CSV (:attr:`CsvRows.plain`; it has no merged cells) from
    ``rows[start:]``, each row's cells its record as read, made as long as the last column a
    field reads. Only a record holding one value can be a note: in a plain CSV, one of ``n``
    cells of which ``n − 1`` are ``""``, counted over the whole table in C."""
    numbers: Sequence[int] = rows.numbers[start:]
    records = rows.records[start:]
    widths = set(map(len, records))
    empty = list(map(list.count, records, repeat("")))
    if len(widths) == 1:  # a CSV as Excel writes it: every record as wide as the widest
        (cells,) = widths
        single = [i for i, n in enumerate(empty) if n == cells - 1] if cells - 1 in empty else []
    else:
        single = [i for i, (v, n) in enumerate(zip(records, empty, strict=True)) if len(v) - n == 1]
    for i in single:
        at, only = next((j, v) for j, v in enumerate(records[i]) if v)
        _unit_below(only, name, f"{column_letter(at + 1)}{numbers[i]}")
    notes = {i for i in single if _is_note(next(v for v in records[i] if v))}
    if notes:
        kept = [i for i in range(len(records)) if i not in notes]
        numbers, records = [numbers[i] for i in kept], [records[i] for i in kept]
    width = max(c.number for c in by_field.values())
    if records and min(widths) < width:
        records = [v if len(v) >= width else v + [""] * (width - len(v)) for v in records]
    return list(map(_ROW, zip(numbers, records, strict=True)))
