"""A carrier sheet imported with ``--target`` that gives the target's own row (its whole, named as
the plan names it) beside its carriers' rows (its parts, 其中：东湖孵化园 …): refused, as a total row
beside its parts is, since the whole or the parts count, never both (:func:`whole_and_parts`). The
same for a carrier's row followed by its own parts (其中：一期, 二期, indented rows):
:func:`carrier_and_parts`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from decimal import Decimal

from .errors import EntryError, Problem
from .names import key
from .numbers import plain
from .outline import deeper
from .patterns import LazyPattern
from .record import cached_number
from .row_targets import OneTarget
from .sheet_cells import _Sheet
from .sheets import Row

_FIGURES = ("value", "month_value")

# A carrier's label marking it a part of the carrier above it, as names.key writes it (NFKC, no
# spaces, （）→ (), ：→ :): "of which" (其中：一期, 其中二期, 其中东湖一号楼), "including" with a colon or
# a phase (含：一期, 含二期, 包括：A座), or a phase alone (一期, 二期工程, 第三期, （一期）, 1期：).
_PHASE = r"\(?第?[一二三四五六七八九十\d]+期(?:工程|项目)?\)?"
_PART = LazyPattern(rf"^(?:其中|(?:含|包括)(?::|(?={_PHASE}))|{_PHASE}(?::|$))")
_INDENT = LazyPattern(r"^[ \t\u3000\u00a0]*")


def is_part_label(text: str) -> bool:
    """Whether a carrier's label marks it a part of the carrier above it: 其中：一期, 其中二期,
    含：A座, 含一期, 一期, 第二期, （三期）, 二期工程. A carrier named with its phase (东湖孵化园一期)
    is a carrier of its own."""
    return bool(_PART.match(key(text)))


def _indent(text: str) -> int:
    """How far ``text`` is indented: its leading spaces (half or full width) and tabs."""
    return len(_INDENT.match(text).group())  # type: ignore[union-attr]  # matches every text


def whole_and_parts(sheet: _Sheet, rows: list[Row], resolve: OneTarget) -> list[Problem]:
    """The refusals of a sheet whose ``rows`` give both a row naming ``resolve.target`` itself
    (its id, name or alias: the whole) and carriers' rows (its parts), one for each such whole:
    counted together, the month's addition would be counted twice, and only a person can say
    which to keep. The carriers' rows after a whole, up to the next one (or, before the first,
    those above it), are its parts; the refusal shows how they add up to it, and says so when the
    first part is marked 其中 ("of which"). Rows whose names cannot be read are left for the
    import to refuse as it reads them. Run once per ``import --target``."""
    if sheet.fields.get("target") is None:
        return []
    kinds: list[tuple[Row, str, bool | None]] = []  # (row, its name, True: the whole, False: a part)
    for row in rows:
        got = sheet.texts(row)
        name = got.get("target")
        kind: bool | None = None
        with contextlib.suppress(EntryError):  # a heading naming the target, with no figure, is no whole
            if name and not got.keys().isdisjoint(_FIGURES) and (named := resolve.find(name)) and not named.milestone:
                kind = not named.carrier
        kinds.append((row, (name or "").strip(), kind))
    wholes = [i for i, (_, _, k) in enumerate(kinds) if k]
    if not wholes or all(k is not False for _, _, k in kinds):
        return []
    problems: list[Problem] = []
    for n, i in enumerate(wholes):
        end = wholes[n + 1] if n + 1 < len(wholes) else len(kinds)
        after = [(r, t) for r, t, k in kinds[i + 1 : end] if k is False]
        before = [(r, t) for r, t, k in kinds[:i] if k is False] if n == 0 else []
        for parts, side in ((before, "above"), (after, "below")):
            if parts and (refused := _refused(sheet, kinds[i][0], kinds[i][1], parts, side, resolve.target.id)):
                problems.append(refused)
    return problems


def _refused(
    sheet: _Sheet, whole: Row, name: str, parts: list[tuple[Row, str]], side: str, target: str
) -> Problem | None:
    """The refusal of the row ``whole``, which names ``target`` as ``name``, beside ``parts``, the
    carriers' rows on ``side`` of it: how they add up to it, as far as they do. ``None`` when its
    figures are each less than their parts' sum and no 其中 marks them its parts: then it cannot
    be their whole, and is one more addition of its own (东湖孵化园 0.3 beside the target's 0.2)."""
    shown = rows_text([r.number for r, _ in parts])
    said = ", ".join(t for _, t in parts)
    sums: list[str] = []
    less = 0  # how many of the whole's figures are less than their parts' sum
    for text, value, figures, total in _added_up(sheet, whole, parts):
        relation = "=" if value == total else "≠"
        less += value < total
        sums.append(f"{text} {relation} {' + '.join(figures)}" + (f" = {plain(total)}" if relation == "≠" else ""))
    of_which = side == "below" and key(parts[0][1]).startswith("其中")
    if sums and less == len(sums) and not of_which:
        return None
    how = "; ".join(sums) + (", " if sums else "") + ("其中 marks them its parts" if of_which else "")
    return Problem(
        f"{name!r} names {target} itself, beside its carriers' {shown} {side} it ({said})"
        + (f": {how.rstrip(', ')}" if how else "")
        + (
            "; its whole and their parts"
            if of_which or all("≠" not in x for x in sums)
            else "; if it is their whole (a part left out),"
        )
        + " counted together, the month's addition would be counted twice",
        where=f"row {whole.number}",
        row=whole.number,
        fix=f"delete {shown} to import the whole, or row {whole.number} to import its carriers",
    )


def carrier_and_parts(
    sheet: _Sheet,
    rows: list[Row],
    label: Callable[[Row], str | None],
    group: Callable[[Row], str | None] = lambda row: None,
    levels: dict[int, int] | None = None,
) -> list[Problem]:
    """The refusals of carriers' ``rows`` (``label``: a row's carrier cell, as typed, ``None`` for a
    row that is no carrier's) where a carrier's row with a figure is followed by rows of its own
    parts: rows whose labels mark them so (:func:`is_part_label`: 其中：一期, 二期), are indented
    further than its own, or are numbered deeper in the sheet's outline (``levels``, by row number,
    of :func:`ledger.outline.sheet_levels`: 1.1 and 1.2 under 1, （1） under 1., 1. under 一、), of the same ``group`` (the target a row names, when the sheet names it
    on each row). Counted together, the carrier would be counted twice (东湖孵化园 5000 beside its
    其中：一期 3000 and 其中：二期 2000: 1.0 万 for 0.5), and only a person can say which to keep
    (the parts may not be all of it). One refusal for each such carrier, on its row, with how its
    parts add up to it. A part with no carrier row above it (or under a heading without a figure)
    is a carrier of its own."""
    problems: list[Problem] = []
    whole: tuple[Row, str, str | None] | None = None  # the carrier's row, its label and group
    parts: list[tuple[Row, str]] = []

    def close() -> None:
        if whole is not None and parts:
            problems.append(_parts_refused(sheet, whole[0], whole[1].strip(), parts))

    for row in rows:
        text = label(row)
        if not text or not text.strip():
            close()
            whole, parts = None, []
            continue
        got = sheet.texts(row)
        figured = not got.keys().isdisjoint(_FIGURES)
        part = is_part_label(text) or (
            whole is not None
            and (
                _indent(text) > _indent(whole[1])
                or (levels is not None and deeper(levels, row.number, whole[0].number))
            )
        )
        if whole is not None and part and group(row) == whole[2]:
            if figured:
                parts.append((row, text.strip()))
            continue
        close()
        whole, parts = ((row, text, group(row)) if figured and not part else None), []
    close()
    return problems


def _parts_refused(sheet: _Sheet, whole: Row, name: str, parts: list[tuple[Row, str]]) -> Problem:
    """The refusal of the carrier's row ``whole``, labelled ``name``, beside ``parts``, the rows of
    its parts below it: how they add up to it, as far as they do."""
    shown = rows_text([r.number for r, _ in parts])
    said = ", ".join(repr(t) for _, t in parts)
    sums: list[str] = []
    for text, value, figures, total in _added_up(sheet, whole, parts):
        relation = "=" if value == total else "≠"
        summed = f" = {plain(total)}" if relation == "≠" and len(figures) > 1 else ""
        sums.append(f"{text} {relation} {' + '.join(figures)}{summed}")
    return Problem(
        f"carrier {name!r} is followed by its parts in {shown} ({said})"
        + (f": {'; '.join(sums)}" if sums else "")
        + "; the carrier and its parts counted together, its addition would be counted twice",
        where=f"row {whole.number}",
        row=whole.number,
        fix=f"delete {shown} to import the carrier whole, or row {whole.number} to import its parts",
    )


def rows_text(numbers: list[int]) -> str:
    """Row numbers as a person reads them: ``row 3``, ``rows 3–4``, ``rows 3, 4 and 6``."""
    if len(numbers) == 1:
        return f"row {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"rows {numbers[0]}–{numbers[-1]}"
    return "rows " + ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"


def _added_up(sheet: _Sheet, whole: Row, parts: list[tuple[Row, str]]) -> list[tuple[str, Decimal, list[str], Decimal]]:
    """For each figure field where ``whole`` and some of ``parts`` have figures: the whole's figure
    as written, its number, the parts' figures as written and their sum. Stops at a mark or a text
    that is no number (nothing to add up there)."""
    got = sheet.texts(whole)
    out: list[tuple[str, Decimal, list[str], Decimal]] = []
    with contextlib.suppress(ValueError):
        for f in _FIGURES:
            text = sheet.figure(got.get(f), sheet.fields.get(f), whole)
            figures = [p for r, _ in parts if (p := sheet.figure(sheet.texts(r).get(f), sheet.fields.get(f), r))]
            if text is None or not figures:
                continue
            total = sum(map(cached_number, figures), Decimal(0))
            out.append((text, cached_number(text), figures, total))
    return out
