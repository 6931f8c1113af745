"""The table a sheet's layout gives (:class:`Table`), its columns (:class:`Column`) and unlabelled
rows, and the errors raised when it cannot be found or read (:class:`LayoutError`).
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Literal, NamedTuple

from .errors import Problem, TrackerError
from .header_words import OWN_SHEET_INFO
from .sheets import Row, column_letter


class LayoutError(TrackerError):
    """A sheet whose table cannot be found or read as published: every problem, one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__([Problem(p) for p in problems])


class CalendarYear(LayoutError):
    """A sheet of the year so far from January (1-8月累计, 本年累计) read for a plan whose running
    totals count from another month: refused, and never a sheet to point an import to."""


class PartOfYear(LayoutError):
    """A sheet whose figures are months ``first``—``last``'s own (``三季度``, ``4-6月``, a title
    naming 2025年7-9月 over ``新增``), neither the year so far nor one month's: refused, but for an
    addition reported quarterly (:mod:`ledger.quarter_columns`)."""

    def __init__(self, problems: list[str], first: int, last: int) -> None:
        super().__init__(problems)
        self.first, self.last = first, last


class NoHeader(LayoutError):
    """A sheet with no header row naming the target: ``said`` is what is wrong (and what its
    first row has), ``sheet`` the worksheet's title when the workbook has several (``active``:
    read because it was the active one), so that a workbook's reader can add which other sheet
    has a header (``fix``). ``above`` holds the texts above a header whose carrier column
    (载体名称) is all that names the rows, for the import to say which target the title names."""

    def __init__(self, name: str, said: str, fix: str = "name it with --map 'HEADER=target'", *,
                 sheet: str | None = None, active: bool = False, above: tuple[str, ...] = ()) -> None:  # fmt: skip
        self.name, self.said, self.above, self.sheet, self.active = name, said, above, sheet, active
        where = "" if sheet is None else f"sheet {sheet!r}{' (active when the workbook was saved)' if active else ''}: "
        super().__init__([f"{name}: {where}{said}; {fix}"])


class NoRows(LayoutError):
    """A sheet with no rows to read: empty, or a header with nothing under it (``said``, as
    :class:`NoHeader` has it, with ``sheet`` and ``active``; ``fix`` names another sheet of the
    workbook that has rows). A workbook's other sheet so refused holds no table for ``--sheet``
    to pick."""

    def __init__(self, name: str, said: str, fix: str | None = None, *, sheet: str | None = None,
                 active: bool = False) -> None:  # fmt: skip
        self.name, self.said = name, said
        where = "" if sheet is None else f"sheet {sheet!r}{' (active when the workbook was saved)' if active else ''}: "
        super().__init__([f"{name}: {where}{said}" + (f"; {fix}" if fix else "")])


_LETTERS = {n: column_letter(n) for n in range(1, 53)}


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the table: ``label`` as combined from its header rows (``1-2月 绝对值``),
    ``number`` counted from 1 (A), the ``field`` it gives (``None``: not used), the ``unit``
    written in its header, ``running_total`` when it holds 1—N月累计 figures (``months`` = N when
    the header names it), ``mapped`` when ``--map`` named it, and ``why`` a column is not used
    when the import knows it (``the year's goal``, ``an earlier period, for comparison``)."""

    number: int
    label: str
    field: str | None
    unit: str | None = None
    running_total: bool = False
    months: int | None = None
    mapped: bool = False
    why: str | None = None  # why a column giving no field is not used, when it is known
    running_from: str | None = None  # what above the header made it a running total: "the title", "cell A2"

    @property
    def letter(self) -> str:
        """The column as Excel names it: ``C``."""
        return _LETTERS.get(self.number) or column_letter(self.number)


class Unlabelled(NamedTuple):
    """A row with a figure in a group of rows under one target — its cell merged down over them
    (``where``: ``A3:A5``), or filled in on the group's first row alone on a sheet with a 里程碑
    column (``named in A3``) — whose label cells (``labels``: 载体名称, 里程碑…) are all empty
    while the group's other rows fill theirs: a carrier left unnamed, or, when its figure is the
    sum of the group's labelled rows ``above`` it (or of those ``below`` it, up to the next row
    left unlabelled), their subtotal, never to be counted with them. ``name`` is the group's
    target cell as written."""

    row: Row
    above: tuple[Row, ...]
    name: str
    where: str
    labels: tuple[Column, ...]
    below: tuple[Row, ...] = ()


@dataclass(frozen=True, slots=True)
class Table:
    """The table found in a sheet: its ``columns`` (every header cell, used or not), ``rows``
    (numbered as Excel shows them), the ``period`` (an as-of date read from a date cell or the
    title, ``None`` if neither says) and where it was read (``period_from``), a ``unit`` from a
    ``单位：万元`` line above the header (every figure's unit), and ``decimal_comma`` for a
    ``;``-separated CSV (the comma is then the decimal mark). ``line_units`` are the units a line
    above the header gives for one kind of quantity alone (``金额单位：万元``: amounts;
    ``单位：万元、%``: amounts in 万元, rates in %), by :func:`ledger.units.dimension`;
    ``line_every``: such a line, labelled ``单位`` alone (``单位：个/家``, ``单位：万元、%``), says every figure
    is in one of them, so a figure of another kind with no unit of its own contradicts it.
    ``units_from`` says where each of these units was read (``the unit line '金额单位：万元' (A2)``,
    ``the title '…（单位：万元）'``).
    ``totals`` are the rows a label column other than the target's marks as totals (合计, 小计,
    总计) that hold a figure, each as ``(row number, the label, its column)``: they are left out
    of ``rows``, for the import to refuse or pass over, never to count with their parts;
    ``unlabelled`` (:class:`Unlabelled`) are left out likewise: rows under a merged target whose
    label cells are empty while the group's other rows fill theirs, perhaps an unlabelled subtotal.
    Without a period: ``month`` is the month a title names with no year anywhere (``（1-8月）``)
    and where, ``filled`` a day the sheet says it was filled in (``填报日期：…``,
    ``时间：2025年9月5日``, a bare date in a corner) and where: neither is a date to file figures
    under, so an import without a date column asks for ``--date``. ``year`` is the year the
    sheet names, and where: its period's, else one written alone in the title
    (``临平经开区2025年主要经济指标``); a date cell that names only its month (``8月末``) takes it.

    ``keyed_by`` says how a row's ``cells`` hold a column's value: by its ``"label"`` (JSON
    Lines, TOML), by its ``"number"`` (a workbook, whose rows are handed on as read, merged
    target cells filled in), or at ``"index"`` ``number − 1`` of the CSV record as read (blank
    cells ``""``, every record reaching the last column a field reads): a field's column is
    then found once per sheet, not once per row."""

    name: str
    sheet: str | None
    columns: tuple[Column, ...]
    rows: list[Row]
    period: date | None = None
    period_from: str | None = None
    unit: str | None = None
    decimal_comma: bool = False
    by_field: dict[str, Column] = field(default_factory=dict)
    keyed_by: Literal["label", "number", "index"] = "label"
    month: tuple[int, str] | None = None
    filled: tuple[date, str] | None = None
    line_units: dict[str, str] = field(default_factory=dict)
    line_every: bool = False  # a line lists every figure's unit by kind (单位：个/家): no other kind is read
    totals: tuple[tuple[int, str, Column], ...] = ()
    unlabelled: tuple[Unlabelled, ...] = ()
    units_from: dict[str, str] = field(default_factory=dict)
    year: tuple[int, str] | None = None
    passed: tuple[str, ...] = ()  # rows and columns not read (hidden, or below the table), each said in a note
    # A 类别 column's word for each row it marks (ledger.row_kinds): "growth" (增速（%）) or "figure" (绝对值).
    row_kinds: dict[int, str] = field(default_factory=dict)
    quarter: PartOfYear | None = None  # a quarter's additions read as such: refused for a row of any other target
    # The notes below the table (注：…), each with where: what may give a row its own period (row_periods)
    notes: tuple[tuple[str, str], ...] = ()

    def column(self, field_name: str) -> Column | None:
        """The column giving ``field_name``, or ``None``."""
        return self.by_field.get(field_name)

    @property
    def ignored(self) -> list[str]:
        """Labels of the header's columns that give no field (listed on stderr), but for the
        informational columns of a sheet written by ``tracker sheet`` (:data:`OWN_SHEET_INFO`),
        recognised by its hidden ``target`` column: they are there to be read, not imported."""
        own = (t := self.by_field.get("target")) is not None and t.label == "target"
        return [
            c.label for c in self.columns if c.field is None and c.label and not (own and c.label in OWN_SHEET_INFO)
        ]

    @property
    def unused(self) -> str:
        """The :attr:`ignored` columns as the note lists them, each with why it is not used
        where that is known: ``载体名称, 年度目标 (the year's goal, not a figure)``."""
        why = {c.label: c.why for c in self.columns}
        return ", ".join(f"{label} ({why[label]})" if why.get(label) else label for label in self.ignored)
