"""A target's own ``due``: the day it is judged on, as the whole plan is judged on its last day.

A target whose ``due`` comes before the plan's end (上半年新增 12 万平方米 by 2025-06-30) met its
goal by then or did not: from its due on it is ``done`` or ``not_achieved`` with its shortfall,
and a figure dated after the due says nothing of that. Such a figure is refused at ``record``,
``amend`` and ``import`` as a date after the plan's end is (no flag keeps it: it would count
toward nothing), and ``check`` names one already in a ledger, with the fix. A target's ``due``
defaults to the plan's end and never lies after it (the plan file refuses that), so for most
targets these are the plan period's own rules.
"""

from __future__ import annotations

from datetime import date

from .errors import EntryError
from .model import Target


def after_due_refusal(target: Target, day: date) -> EntryError:
    """The refusal of a new figure for ``target`` dated ``day``, after its ``due``: the message,
    the command line's fix and a sheet's."""
    due = target.due
    return EntryError(
        f"{target.id}: date {day} is after the target's due {due}, the day it is judged on; "
        "a later figure does not count toward it",
        fix=f"if the figure belongs on or before its due, give that date, e.g. --date {due}",
        sheet_fix=f"if the figure belongs on or before {due}, give that date in the date column; "
        "else leave the row out",
    )


def after_due_problem(target: Target, entry_id: str, day: date) -> tuple[str, str]:
    """What ``check`` says of a ledger's entry ``entry_id`` for ``target`` dated ``day``, after
    its ``due``: (what is wrong, the fix). Reports refuse such a ledger until it is put right,
    as they refuse an entry dated outside the plan period."""
    return (
        f"date {day} is after {target.id!r}'s due {target.due}, the day it is judged on; it does not count",
        f"if it belongs on or before {target.due}, correct it: tracker amend {entry_id} --date … --reason …; "
        f"else withdraw it: tracker void {entry_id} --reason …",
    )
