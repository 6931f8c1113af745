"""What reading a sheet's rows gives: each entry's :class:`Reading` (where its figure, unit, date
and target came from) and the sheet's :class:`Outcome`; the ``--dry-run`` lines saying how each
entry was read are :mod:`ledger.render.readings_text`'s.
"""

from dataclasses import dataclass
from dataclasses import field as default
from typing import TYPE_CHECKING, NamedTuple

from .entries import Entry
from .errors import Problem
from .model import Kind
from .sheets import Row
from .table import Column

if TYPE_CHECKING:
    from .additions import RunningOnly, RunningTotal  # imported where used: meaning is loaded only by appends


# A member read through its enum class (Kind.TOTAL) costs about 0.25 µs in Python 3.11, ten times a
# module name, and these are read for each of an import's thousands of rows: read once here.
_TOTAL, _INCREMENT, _RATE, _RANK, _MILESTONE = Kind.TOTAL, Kind.INCREMENT, Kind.RATE, Kind.RANK, Kind.MILESTONE


class Reading(NamedTuple):  # a tuple: one is made for every row of an import
    """How one entry was read from its row, for ``--dry-run`` and for checks of meaning.

    ``column`` is the column its figure (or a milestone's status) came from:
    ``column.running_total`` says it holds a 1—N月累计 figure. ``unit_from`` is ``"header"``,
    ``"cell"`` (the row's 单位 cell, in ``unit_column``), ``"line"`` (a ``单位：…`` line above the
    table), ``"sign"`` (a ``%`` in the cell) or ``""`` (the target's own unit); ``date_from``
    says where the as-of date was read; ``target_via`` how the name cell (in
    ``target_column``) matched the target; ``month_from`` where the 本月 figure beside a running
    total came from, and what it was before its conversion to the entry's unit."""

    row: int
    column: Column | None
    unit_from: str
    date_from: str
    target_via: str
    target_column: Column | None = None
    unit_column: Column | None = None
    unit_stated: str = ""  # where a unit line above the table said it: "the unit line '单位：万元' (A2)"
    # Where a running total's month figure (本月) came from: "column '本月（万元）' (C3), 1124000 万元 converted";
    # for an addition, the 1—N月累计 beside it that the checks hold its additions to
    month_from: str = ""
    footnote: str = ""  # a footnote mark taken off the figure: "'842.7①' read as 842.7, '①' taken as a footnote mark"
    fall: str = (
        ""  # signed growth read as a fall (能耗下降率's −4.0 under 同比增长%: "… read as the fall it states, 4.0%")
    )
    # The row whose name cell named the target, when not this row's own: a task's name written on its
    # first row alone and filled down to its steps (0: this row's).
    target_row: int = 0

    def where(self, column: Column | None) -> str:
        """A column of this row as a person finds it: ``column '1-2月 绝对值' (C6)``."""
        if column is None:
            return "?"
        return f"column {column.label!r} ({column.letter}{self.row})" if column.number else f"column {column.label!r}"

    def unit_text(self, entry: Entry) -> str:
        """Where the unit came from, in words."""
        if self.unit_from == "header" and self.column is not None:
            return f"the header of {self.column.label!r}"
        if self.unit_from == "cell" and self.unit_column is not None and not self.unit_column.number:
            return self.where(self.unit_column)  # a JSON Lines or TOML row's unit key: no cell to point at
        if self.unit_from == "cell":
            return f"单位 cell ({self.unit_column.letter if self.unit_column else ''}{self.row})"
        if self.unit_from == "line":
            return self.unit_stated or "the 单位 line above the table"
        if self.unit_from == "name":
            return self.unit_stated
        if self.unit_from == "sign":
            return "the % sign in the cell"
        return f"the target's unit ({entry.unit})" if entry.unit else "none"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a sheet amounts to: the entries to record, the problems that refuse the import
    (``row N: …``), notes for rows passed over (blank figures, section headings), rows naming
    no target that ``--skip-unknown`` passed over, and how each entry was read."""

    entries: list[Entry]
    problems: list[Problem]
    skipped: list[str]
    numbers: list[int]  # the row each entry comes from
    unknown: list[str] = default(default_factory=list)
    readings: list[Reading] = default(default_factory=list)
    units_given: int = 0  # how many entries took their unit from the sheet's unit column (单位)
    units_headed: int = 0  # how many from a column's header
    units_stated: int = 0  # how many from a unit line above the table, or the title (…（单位：万元）)
    units_signed: int = 0  # how many from a % sign in the cell
    totals: list[str] = default(default_factory=list)  # total rows --skip-unknown passed over
    # The 1—N月累计 an addition's row gave beside its month figure, by entry id (additions.running_totals)
    running: "dict[str, RunningTotal]" = default(default_factory=dict)
    # A running total refused as an addition's only figure, by row: what the ledger makes of it (additions.running_only)
    alone: "dict[int, RunningOnly | None]" = default(default_factory=dict)
    subtotals: list[str] = default(default_factory=list)  # unlabelled subtotal rows passed over, and why
    footnotes: list[str] = default(default_factory=list)  # figures read without a footnote mark after them
    passed: list[int] = default(default_factory=list)  # rows of a corrected sheet the ledger holds already (resent)
    # The entries whose rows name a carrier (a carrier list's): a 累计 beside one is the carrier's own (carrier_totals)
    carriers: frozenset[str] = frozenset()


def _where(col: Column | None, row: Row) -> str:
    return Reading(row.number, col, "", "", "").where(col)
