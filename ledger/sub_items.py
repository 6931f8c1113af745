"""A row marked as a part of the row above it (其中：…, 含：…, 包括：…, or indented further) that
names the same target as that row: a sub-item, never a second figure of the target. Counted
with the row above, an addition would be counted twice (新增创新空间面积 8000, then
其中：新增创新空间面积 3000: 1.1 万 for 0.8) and a total's later figure would replace the whole, so
such a row is refused, naming the row above (:func:`sub_items`).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable

from .errors import EntryError, Problem
from .names import key, keys
from .outline import deeper
from .patterns import LazyPattern
from .row_targets import Named
from .sheets import Row

_FIGURES = frozenset(("value", "month_value"))

# The marks of a part, as names.key writes the text (NFKC, no spaces, ：→ :): "of which" with or
# without a colon (其中：…, 其中…), "including" with a colon (含：…, 包括：…); 含 alone opens names
# (含山…), so it needs its colon.
_PART_MARK = LazyPattern(r"^(?:其中:?|含:|包括:)")
_PART_MARK_JOINED = LazyPattern(r"(?:^|\0)(?:其中|含:|包括:)")  # _PART_MARK at the start of any of NUL-joined keys


def part_mark(text: str) -> str | None:
    """The name in ``text`` with its part mark taken off when ``text`` is marked as a part of the
    row above (``其中：新增创新空间面积`` → ``新增创新空间面积``; ``含：规上工业总产值``), else ``None``."""
    m = _PART_MARK.match(key(text))
    if m is None:
        return None
    rest = text.strip()
    for mark in ("其中", "含", "包括"):  # the raw text: key() drops spaces and widths
        if rest.startswith(mark):
            return rest[len(mark) :].lstrip(":： \u3000")
    return None


_BLANKS = " \t\u3000\u00a0"  # what an indent is made of (:func:`indent`)


def indent(text: str) -> int:
    """How far ``text`` is indented: its leading spaces (half or full width, no-break) and tabs."""
    return len(text) - len(text.lstrip(_BLANKS))


def _none_marked(texts: list[str]) -> bool:
    """Whether none of ``texts`` (names, none blank) is indented or carries a part mark: then every
    row is a head and :func:`sub_items` finds nothing. Asked of them all at once, by a search of
    their join and of their keys' join, in C: a sheet of 20,000 rows costs no call per row."""
    if re.search("(?:^|\0)[" + _BLANKS + "]", "\0".join(texts)):
        return False
    return _PART_MARK_JOINED.search("\0".join(keys(texts))) is None


def sub_items(
    rows: list[Row],
    name_of: Callable[[Row], str | None],
    figured: Callable[[Row], bool],
    find: Callable[[str], Named | None],
    names: set[str] | None = None,
    levels: dict[int, int] | None = None,
) -> list[Problem]:
    """The refusals of ``rows`` where a row marked as a part of the row above (:func:`part_mark`,
    or indented further than that row's name) names the same target as that row, both with a
    figure. ``name_of``: a row's name cell as typed (leading spaces kept), ``None`` for none;
    ``figured``: whether a row has a figure; ``find``: the target a name names (may raise
    :class:`EntryError`, which leaves the row for the import to refuse). One refusal per sub-item,
    on its own row. A part under a heading without a figure is read as a row of its own.
    ``names``, when given, is the set of the rows' name cells (``name_of``'s texts, blanks left
    out): a sheet none of whose distinct names is marked is answered from them alone, with no
    call per row. ``levels``: the rows' outline levels by row number (:func:`ledger.outline.sheet_levels`):
    a row numbered deeper than the row above (1.1 under 1, （1） under 1.) is marked as its part."""
    if not levels and names is not None and _none_marked(list(names)):
        return []
    given = [(row, text) for row in rows if (text := name_of(row)) and text.strip()]
    if not levels and _none_marked([text for _, text in given]):
        return []
    problems: list[Problem] = []
    head: tuple[Row, str] | None = None  # the last unmarked row with a name
    for row, text in given:
        bare = part_mark(text)
        if head is None or (
            bare is None and indent(text) <= indent(head[1]) and not deeper(levels or {}, row.number, head[0].number)
        ):
            head = (row, text)
            continue
        # Resolved only here, for a part and its head: most rows are neither, and a sheet may hold thousands.
        above, above_text = head
        whole, named = _named(find, above_text, None), _named(find, text, bare)
        if whole is None or named is None or named.target.id != whole.target.id:
            continue
        if figured(above) and figured(row):
            numbered = bare is None and indent(text) <= indent(above_text)  # deeper by its outline number alone
            problems.append(_refusal(row, text.strip(), bare, above, above_text.strip(), named, numbered))
    return problems


def _named(find: Callable[[str], Named | None], text: str, bare: str | None) -> Named | None:
    """The target ``text`` names (else ``bare``, its name without the part mark), ``None`` when
    none or when it names several (left for the import to refuse as it reads the row)."""
    with contextlib.suppress(EntryError):
        return find(text) or (find(bare) if bare else None)
    return None


def _refusal(
    row: Row, text: str, bare: str | None, above: Row, above_text: str, named: Named, numbered: bool = False
) -> Problem:
    """The one line refusing the sub-item ``row`` (named ``text``) of the row ``above``;
    ``numbered``: its outline number (1.1 under 1), not a mark or an indent, makes it one."""
    how = (
        "其中 marks it"
        if bare is not None and key(text).startswith("其中")
        else (
            "its mark makes it"
            if bare is not None
            else ("its outline number makes it" if numbered else "its indent makes it")
        )
    )
    same = key(bare if bare is not None else text) == key(above_text)
    fix = (
        f"delete row {row.number} to import the whole (row {above.number})"
        if same
        else f"keep the row that is the plan's figure: delete row {row.number} to import the whole "
        f"({above_text!r}), or row {above.number} to import the part ({text!r})"
    )
    return Problem(
        f"{text!r} names {named.target.id} as row {above.number} ({above_text!r}) does, and {how} a part of "
        f"row {above.number}, never a second figure of the target (counted with it, the figure would be counted "
        "twice or replace the whole)",
        where=f"row {row.number}",
        row=row.number,
        fix=fix,
    )
