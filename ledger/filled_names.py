"""A task's name written on its first row alone (重点任务 | 里程碑 | 状态, the steps' rows below left
empty) holds for the rows below: the import fills it down. But a row with a visible name of its own
beside an empty id cell (a row a department inserts into a ``tracker sheet`` workbook, whose hidden
``target`` column it cannot fill) is no step of the row above: it is read by its own name
(:func:`own_name_column`, :func:`names_alike`).
"""

from __future__ import annotations

import contextlib

from .errors import EntryError
from .header_words import CARRIER_HEADERS, NAMES
from .names import key
from .row_targets import Resolver
from .table import Column, Table

# The visible name column of a sheet whose target field is another column (the hidden id column of
# a `tracker sheet`): its own header (ledger.render.department's) or a header naming targets.
_OWN_NAMES = frozenset({key("指标/任务"), key("Target / task")})
_NAME_HEADERS = frozenset(key(h) for h in NAMES["target"]) - frozenset(key(h) for h in CARRIER_HEADERS)


def own_name_column(table: Table) -> Column | None:
    """The column of ``table`` (a sheet with a 里程碑 column, whose target names are filled down)
    that gives a row's name when the target field is read from another column (指标/任务 beside a
    ``tracker sheet``'s hidden ``target`` id column); ``None`` when there is none (the target's
    column is the name column, as in 重点任务 | 里程碑 | 状态). A carrier's column (载体名称, 项目名称)
    is none: its rows are the task's carriers."""
    target = table.by_field.get("target")
    if target is None:
        return None
    return next(
        (
            c
            for c in table.columns
            if c.field is None and c.number and c is not target and key(c.label) in (_OWN_NAMES | _NAME_HEADERS)
        ),
        None,
    )


def names_alike(resolve: Resolver, own: str, above: str) -> bool:
    """Whether a row's own name ``own`` names the target (and milestone) the name cell ``above``
    names, filled down to it: then the row is one of its steps. ``False`` when either names no
    target, or names several."""
    with contextlib.suppress(EntryError):
        mine, theirs = resolve.find(own), resolve.find(above)
        return mine is not None and theirs is not None and mine.target.id == theirs.target.id
    return False
