"""Outline numbering, how Chinese department tables mark a row's sub-items: a 序号 of ``1``,
``1.1``, ``1.2``, ``2``, or the numbering in a name (``1.东湖孵化园`` over ``（1）A座``, ``一、东湖孵化园``
over ``1.A座``). A row numbered one level deeper than the row above it is a part of that row, never
one more row beside it (:func:`outline_levels`).

The forms of a number, each a kind of its own (:func:`outline_kind`): ``一、`` (a Chinese numeral
and 、 or .), ``（一）``, ``1.`` / ``1、`` (and a 序号 cell ``1``), ``1.1`` / ``1.1.1`` (dotted, as
deep as its dots), ``（1）`` / ``1)``, ``①``. Which kind is the deeper is the order in which the
kinds first appear down the column (the convention 一、 › （一） › 1. › （1） › ① is the usual one,
but a sheet may begin at any of them: ``1.`` over ``（1）``, ``一、`` over ``1.``); a dotted number is
always deeper than the shorter ones it extends (1.1 under 1).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

from .patterns import LazyPattern
from .sheets import Row

# The headers of a column of outline numbers, as names.key writes them.
SERIAL_HEADERS = frozenset({"序号", "序", "编号", "no.", "no"})
_CN = "一二三四五六七八九十"
# The forms, on the NFKC text (（）→ (), ．→ ., full-width digits → ASCII), leading blanks taken off.
# A name beginning with a number is no outline number (1号楼, 3期, 1.5万平方米厂房): a number needs
# its mark (、 . ) or brackets, or stands alone (a 序号 cell).
_CN_MARK = LazyPattern(rf"^[{_CN}]+[、.](?![{_CN}\d])")
_CN_PAREN = LazyPattern(rf"^\([{_CN}]+\)")
_PAREN = LazyPattern(r"^(?:\(\d{1,3}\)|\d{1,3}\)(?!\d))")
_CIRCLED = LazyPattern(r"^[\u2460-\u2473]")
# 1.1, 1.2.3 (not 1.5号楼, 2.5万: a decimal before a unit or a building's word), then a mark, a
# space, the end, or the name; or a number alone or with its mark (1, 1., 1、, not 1.5).
_DOTTED = LazyPattern(r"^(\d{1,3}(?:\.\d{1,3})+)(?:[、.]|\s|$|(?![\d号楼栋幢座层期万亿米%]))")
_NUMBER = LazyPattern(r"^\d{1,3}(?:[、.](?!\d)|$)")


@lru_cache(maxsize=4096)  # a column repeats its few names and numbers over many rows
def outline_kind(text: str) -> tuple[str, int] | None:
    """The kind of outline number ``text`` (a 序号 cell or a name, as typed) begins with, as
    ``(form, depth)``: ``("一、", 1)``, ``("（一）", 1)``, ``("1.", 1)`` for 1. and a 序号 cell 1,
    ``("1.", 2)`` for 1.1 (depth: how many numbers), ``("（1）", 1)``, ``("①", 1)``; ``None`` for a
    text with none (东湖孵化园, 1号楼, 3期, 1.5万平方米厂房)."""
    bare = text.lstrip(" \t\u3000\u00a0")
    # Every form begins with a digit, a bracket, 一…十 or ①…⑳ (as NFKC writes its first character):
    # a name beginning otherwise (东湖孵化园, 指标1) is none, asked of no pattern.
    first = bare[:1]
    start = unicodedata.normalize("NFKC", first)[:1]
    if not (start.isdigit() or start == "(" or start in _CN or "\u2460" <= first <= "\u2473"):
        return None
    if _CIRCLED.match(bare):  # before NFKC, which writes ① as 1
        return ("①", 1)
    said = unicodedata.normalize("NFKC", bare)
    if _CN_MARK.match(said):
        return ("一、", 1)
    if _CN_PAREN.match(said):
        return ("（一）", 1)
    if _PAREN.match(said):
        return ("（1）", 1)
    if (m := _DOTTED.match(said)) is not None:
        return ("1.", m.group(1).count(".") + 1)
    if _NUMBER.match(said):
        return ("1.", 1)
    return None


def outline_levels(texts: Iterable[tuple[int, str | None]]) -> dict[int, int]:
    """The outline level of each numbered row among ``texts`` (``(row number, its text)``, top to
    bottom; ``None`` for a blank cell): 0 for the outermost kind, 1 for the next, and so on (see the
    module's text); rows with no outline number are left out. ``{}`` when fewer than two kinds appear:
    a flat numbering (1, 2, 3) nests nothing. Raises nothing."""
    kinds: dict[int, tuple[str, int]] = {}
    for number, text in texts:
        if text and (kind := outline_kind(text)) is not None:
            kinds[number] = kind
    seen = list(dict.fromkeys(kinds.values()))
    if len(seen) < 2:
        return {}
    # A dotted number is deeper than the shorter ones it extends, wherever it first appears.
    order: list[tuple[str, int]] = []
    for kind in seen:
        form, depth = kind
        at = len(order)
        if form == "1.":
            at = next((i for i, (f, d) in enumerate(order) if f == "1." and d > depth), at)
        order.insert(at, kind)
    rank = {kind: i for i, kind in enumerate(order)}
    return {number: rank[kind] for number, kind in kinds.items()}


def deeper(levels: dict[int, int], row: int, above: int) -> bool:
    """Whether row ``row`` is numbered deeper than row ``above`` in ``levels`` (of
    :func:`outline_levels`): a sub-item of it. ``False`` when either has no outline number."""
    mine, theirs = levels.get(row), levels.get(above)
    return mine is not None and theirs is not None and mine > theirs


def nests(texts: Iterable[str]) -> bool:
    """Whether ``texts`` (a column's distinct texts) hold outline numbers of two kinds or more (1 and
    1.1; 1. and （1）): only then may its rows nest (:func:`outline_levels`)."""
    return len({k for t in texts if (k := outline_kind(t)) is not None}) >= 2


def sheet_levels(
    rows: list[Row],
    label: Callable[[Row], str | None],
    serial: Callable[[Row], str | None] | None,
    labels: set[str] | None = None,
    serials: set[str] | None = None,
) -> dict[int, int]:
    """The outline levels of ``rows`` by row number (:func:`outline_levels`): read from their 序号
    cells (``serial``, when the sheet has a 序号 column) when those nest, else from their labels
    (``label``: 1.东湖孵化园 over （1）A座). ``{}`` when neither nests. ``labels`` and ``serials``, when
    given, are the columns' distinct texts: a column none of whose texts nest is not read row by
    row (a sheet of 20,000 rows costs no call per row). Raises nothing."""
    if (
        serial is not None
        and (serials is None or nests(serials))
        and (levels := outline_levels((row.number, serial(row)) for row in rows))
    ):
        return levels
    if labels is not None and not nests(labels):
        return {}
    return outline_levels((row.number, label(row)) for row in rows)
