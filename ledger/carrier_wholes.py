"""A carriers' list (载体名称 | 新增面积) that holds, among its carriers, a row that is their whole:
the zone's own row (临平经开区 8000 over 东湖孵化园 3000 and 临平科创中心 5000), or a district's
row grouping the carriers under it (东区 5000 over 东湖孵化园 3000 and 未来园 2000). Counted as one
more carrier, the month's addition would be counted twice (1.6 万 for 0.8), so such a sheet is
refused, row by row, with how the rows add up (:func:`carrier_wholes`).

What makes a row a whole, and not a carrier whose figure happens to equal others' sum, is evidence
of wholeness, never a name missing from a list of carriers' words:

- its label names the zone: the plan's own area, as its name begins (临平经开区 in
  ``临平经开区2025年“六大行动”``), or a word for the zone (经开区, 开发区, 本区, 园区);
- its label names a part of the zone (东区, 北片区, 临平街道, 城东板块, 临平新城, 未来科技城, 东湖新区,
  星桥产业园; never a 园区, which is a carrier, nor a 社区 or 小区, which in Zhejiang is a project: 未来社区)
  or says a total (合计, 全区: total_labels), and its figure is the sum of two rows or more right
  below or right above it (a run of one equal row alone makes no whole);
- the rows its figure is the sum of (two or more, right below or above it) are named as its parts:
  each name begins with its own and goes on (东湖社区 over 东湖社区一期 and 东湖社区二期; 临平科创中心 over
  临平科创中心A座 and 临平科创中心1号楼), whatever its own name ends in;
- its label names the zone or a district and the group's rows fall, top to bottom, into two blocks
  or more each led (or each closed) by such a row whose figure is the sum of the block's other rows
  (东区 5000 | 3000, 2000 | 西区 3000 | 3000).

Any other row is a carrier wherever its figure falls: honest carriers whose figures happen to add up
(东湖孵化园 3000, 未来园 2000, 临平科创中心 5000; 湘湖实验室 5000, 浙江理工大学 2000, 临平创新工场 3000;
杭州海康威视 3000, 浙江大华 1000, 宇视科技 2000) import, whether or not their names end in a carrier's
word: a lab, a university, a company is a carrier as a 孵化器 is.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Protocol

from .errors import Problem
from .names import key
from .numbers import plain
from .patterns import LazyPattern
from .record import cached_number
from .sheets import Row
from .table import Column
from .target_parts import rows_text
from .total_labels import is_total_row

_FIGURES = ("value", "month_value")

# A word naming the zone itself, as names.key writes it: the kinds of zone (经开区, 国家级经开区,
# 经济技术开发区, 高新区) and "this zone" (本区, 本园区, 园区).
_ZONE = LazyPattern(
    r"^(?:.{0,6}(?:经开区|开发区|高新区|经济开发区|经济技术开发区|高新技术产业开发区|保税区|自贸区)|本区|本园区?|园区|全园区?)$"
)
# A part of the zone that groups carriers: a district (东区), a sub-area (北片区, 城东板块, 一组团),
# a street or town (临平街道, 塘栖镇). Short: a carrier's name is longer (东湖产业园区 is a carrier).
# Never a 园区: a park (科技园区, 东湖园区) is a carrier, the zone's own 园区 being _ZONE's.
# Never a 社区 or 小区 either: a 未来社区 is a project (Zhejiang's), a 小区 a housing estate. Also the
# parts of a zone named as towns are (临平新城, 未来科技城, 紫金港科技城, 东湖新区, 星桥产业园, 钱塘工业园).
_AREA = LazyPattern(
    r"^(?!.*(?:园区|社区|小区)$)(?:.{1,4}(?:区|片区|片|板块|街道|镇|乡|组团)"
    r"|.{1,8}(?:新城|科技城|科学城|大学城|智造城|新区|产业园|工业园))$"
)
# The last characters of a label _ZONE may match.
_ENDS = frozenset("区片块道镇乡团")
_YEAR = LazyPattern(r"(?:19|20)\d\d")


class FigureCells(Protocol):
    """What :func:`carrier_wholes` reads of a sheet (the import's sheet_cells reader is one): the
    columns each field comes from, a row's field texts and a figure cell's plain number text."""

    @property
    def fields(self) -> Mapping[str, Column]:
        """The column each field (``"value"``, ``"month_value"``, ``"date"``, …) comes from."""
        ...

    def texts(self, row: Row) -> dict[str, str]:
        """The text of each field of ``row`` that has one."""
        ...

    def figure(self, text: str | None, col: Column | None, row: Row) -> str | None:
        """A figure cell's ``text`` (in ``col`` of ``row``) as the plain number text it means,
        ``None`` for none. Raises ``ValueError`` for a text that is no figure."""
        ...


def zone_of(plan_name: str) -> str:
    """The zone the plan's name (``临平经开区2025年“六大行动”``) begins with, as names.key writes
    it (``临平经开区``): what comes before its year; ``""`` when the name begins with its year or
    has none."""
    said = key(plan_name)
    m = _YEAR.search(said)
    return said[: m.start()] if m else ""


def names_zone(label: str, plan_name: str) -> bool:
    """Whether a carrier's ``label`` names the zone itself: the plan's own area as its name
    (``plan_name``) begins (临平经开区), or a word for a zone (经开区, 开发区, 本区, 园区)."""
    return _names_zone(key(label), zone_of(plan_name))


def _names_zone(said: str, zone: str) -> bool:
    """:func:`names_zone` of a label's key ``said``, the plan's zone being ``zone``."""
    return bool(said) and (said == zone or bool(_ZONE.match(said)))


def carrier_wholes(
    sheet: FigureCells,
    rows: list[Row],
    label: Callable[[Row], str | None],
    plan_name: str,
    group: Callable[[Row], str | None] = lambda row: None,
) -> list[Problem]:
    """The refusals of carriers' ``rows`` (``label``: a row's carrier cell as typed, ``None`` for a
    row that is no carrier's) where a row with a figure is the whole of others (see the module's
    text), one per such row, on its row, naming the rows it adds up and how. ``plan_name``: the
    plan's name, which names its zone; ``group``: the target a row names, when the sheet names it
    on each row (a group's rows, of one target and one date cell, are judged together). Rows whose figure cannot be read are left
    for the import to refuse as it reads them. Raises nothing."""
    # By target and by the row's date cell (a 台账's rows of July and of August are no group)
    groups: dict[tuple[str | None, str | None], list[tuple[Row, str, Decimal]]] = {}
    for f in _FIGURES:
        for row in rows:
            text = label(row)
            if not text or not text.strip():
                continue
            got = sheet.texts(row)
            with contextlib.suppress(ValueError, ArithmeticError):
                if (said := sheet.figure(got.get(f), sheet.fields.get(f), row)) is not None:
                    groups.setdefault((group(row), got.get("date")), []).append(
                        (row, text.strip(), cached_number(said))
                    )
        if groups:
            break  # one figure field: a sheet gives the month's addition in one column
    problems: dict[int, Problem] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        for i, parts, why in wholes([t for _, t, _ in members], [v for _, _, v in members], plan_name):
            row, text, value = members[i]
            if row.number not in problems and not is_total_row(text):  # a total row (合计, 全区) is refused as such
                problems[row.number] = _refusal(row, text, value, [members[j] for j in parts], i < parts[0], why)
    return [problems[n] for n in sorted(problems)]


def wholes(labels: list[str], values: list[Decimal], plan_name: str) -> list[tuple[int, list[int], str]]:
    """The wholes among a group's carriers' rows, top to bottom (``labels``, their figures
    ``values``; the plan's name ``plan_name``): each as its index, the indexes of the rows it is the
    whole of, and why it is one ("zone": its label names the zone; "sum": its label names a
    district or a total and its figure is their sum; "parts": their names begin with its own and
    its figure is their sum), as the module's text says. ``[]`` for a list of carriers alone. Raises nothing."""
    n = len(labels)
    found: list[tuple[int, list[int], str]] = []
    zone = zone_of(plan_name)
    ends = _ENDS | set(zone[-1:])
    # The rows whose label names the zone (a whole whatever the sums) or a district or a total (a
    # whole of rows its figure sums); any other row only of rows named after it
    zones: set[int] = set()
    areas: set[int] = set()  # a district's label or a total's: a whole if the sums say so
    said = [key(text) for text in labels]
    for i, k in enumerate(said):
        if k[-1:] in ends and _names_zone(k, zone):
            zones.add(i)
        elif k and (_AREA.match(k) or is_total_row(labels[i])):
            areas.add(i)
    for i in range(n):
        if i in zones:
            below, above = _run(values, i, 1), _run(values, i, -1)
            parts = below or above or [j for j in range(n) if j != i]
            found.append((i, parts, "zone"))
            continue
        # of several rows: one row equal to the next (科技园区 3000 beside 东湖孵化园 3000) is no sum.
        # Any other name is a carrier's unless the rows it sums are named as its parts.
        runs = [r for r in (_run(values, i, 1), _run(values, i, -1)) if len(r) > 1]
        if parts := next((r for r in runs if i in areas), []):
            found.append((i, parts, "sum"))
        elif parts := next((r for r in runs if _parts_of(said, i, r)), []):
            found.append((i, parts, "parts"))
    for step in (1, -1):
        # districts' rows each leading (or closing) its block, one block of several rows: a district
        # of one carrier is then one too (东区 5000 | 3000, 2000 | 西区 3000 | 3000)
        blocks = _tiled(values, step, zones | areas)
        if blocks is not None and len(blocks) >= 2 and max(len(p) for _, p in blocks) > 1:
            found.extend((head, parts, "sum") for head, parts in blocks)
    return found


def _parts_of(said: list[str], i: int, parts: list[int]) -> bool:
    """Whether the rows ``parts`` are named as row ``i``'s parts (``said``: the labels as
    names.key writes them): each begins with its name and goes on (东湖社区 → 东湖社区一期)."""
    whole = said[i]
    return bool(whole) and all(len(said[j]) > len(whole) and said[j].startswith(whole) for j in parts)


def _run(values: list[Decimal], i: int, step: int) -> list[int]:
    """The indexes of the rows right below (``step`` 1) or right above (−1) row ``i`` whose figures
    add up to its own, nearest first; ``[]`` when no such run (the figures being positive, the
    search stops once past it)."""
    total, j, run = Decimal(0), i + step, []
    while 0 <= j < len(values) and values[j] > 0 and total < values[i]:
        total += values[j]
        run.append(j)
        if total == values[i]:
            return sorted(run)
        j += step
    return []


def _tiled(values: list[Decimal], step: int, heads: set[int]) -> list[tuple[int, list[int]]] | None:
    """``values`` in blocks, each led (``step`` 1: from the top) or closed (−1: from the bottom) by a
    row of ``heads`` (those naming the zone or a district) whose figure is the sum of the block's
    other rows, as ``(its index, theirs)``; ``None`` when the rows do not fall so."""
    order = list(range(len(values)))[::step]
    blocks: list[tuple[int, list[int]]] = []
    k = 0
    while k < len(order):
        head = order[k]
        parts = _run(values, head, step) if head in heads else []
        if not parts:
            return None
        blocks.append((head, parts))
        k += len(parts) + 1
    return blocks


def _refusal(
    row: Row, text: str, value: Decimal, parts: list[tuple[Row, str, Decimal]], above: bool, why: str
) -> Problem:
    """The one line refusing the row ``row`` (labelled ``text``, its figure ``value``), the whole of
    ``parts``; ``above``: it stands above them."""
    shown = rows_text([r.number for r, _, _ in parts])
    said = ", ".join(repr(t) for _, t, _ in parts)
    total = sum((v for _, _, v in parts), Decimal(0))
    figures = " + ".join(plain(v) for _, _, v in parts)
    side = "below" if above else "above"
    if why == "zone":
        relation = "=" if total == value else "≠"
        how = f"{plain(value)} {relation} {figures}" + (f" = {plain(total)}" if relation == "≠" else "")
        return Problem(
            f"{text!r} names the zone itself, never one of its carriers, beside the carriers' {shown} {side} it "
            f"({said}): {how}; counted with them, the month's addition would be counted twice",
            where=f"row {row.number}",
            row=row.number,
            fix=f"delete {shown} to import the zone's whole, or row {row.number} to import its carriers",
        )
    if why == "parts":
        return Problem(
            f"{text!r} {plain(value)} = {figures}, its parts' {shown} {side} it ({said}), named after it: it is "
            "their whole, and counted with them the month's addition would be counted twice",
            where=f"row {row.number}",
            row=row.number,
            fix=f"delete row {row.number} to import its parts, or {shown} to import it whole",
        )
    return Problem(
        f"{text!r} {plain(value)} = {figures}, the carriers' {shown} {side} it ({said}): it is their total (a "
        "district's or the zone's row), and counted with them the month's addition would be counted twice",
        where=f"row {row.number}",
        row=row.number,
        # No "record it alone" advice: only a district's label gets here, never a carrier's name
        fix=f"delete row {row.number} to import its carriers, or {shown} to import it whole",
    )
