"""CSV for Excel: a row per target, numbers as numbers, text that a spreadsheet would run as a
formula or read as a number or date guarded (:func:`ledger.formulas.for_csv`).

Every column but ``status_label`` is the same whatever the report's language, so a script that
groups or joins on them gets the same keys whoever ran it. The last column, ``as_of``, is the
day reported at, on every row, so a file says which month it is without a line that is not a row.

Shares are fractions (0.5 = 50 %), as in JSON. Lines end in CRLF (RFC 4180, what Excel writes);
a file written with ``--output`` starts with a UTF-8 byte-order mark so Excel on a Chinese
Windows opens it as UTF-8 (stdout gets none; see :mod:`ledger.atomic`).
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from ..formulas import for_csv
from ..numbers import json_number
from ..progress import StatusReport, TargetProgress
from .json_doc import gap_number, json_shares
from .labels import STATUS
from .text import literal

COLUMNS = (
    "action", "action_name", "id", "name", "name_en", "owner", "lead", "kind", "unit", "target", "baseline", "previous",
    "current",
    "current_date", "progress", "expected", "status", "status_label", "gap", "shortfall", "forecast", "needed_per_month",
    "entries", "note", "as_of",
)  # fmt: skip


def _number(value: Decimal | None, places: int | None = None, *, below: Decimal | None = None) -> int | float | str:
    number = json_number(value, places, below=below)
    return "" if number is None else number


def _current(p: TargetProgress) -> int | float | str:
    """The ``current`` cell: a figure as a number, a milestone's status as its key, and a count
    of steps done as ``1 of 3``: JSON's ``1/3`` is a date to Excel (3 January)."""
    if not isinstance(p.current, str):
        return _number(p.current)
    if p.target.milestones and "/" in p.current:
        done, steps = p.current.split("/")
        return f"{done} of {steps}"
    return p.current


def status_csv(report: StatusReport, lang: str) -> str:
    """The status report as CSV text, header first (see :data:`COLUMNS`); ``lang`` is that of
    ``status_label`` alone."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    actions = {a.id: a.name for a in report.plan.actions}  # the plan's names, as JSON's actions[].name
    for a in report.actions:
        for p in a.targets:
            t = p.target
            note = p.latest.note if p.latest is not None and p.latest.note else ""
            current = _current(p)
            progress, expected = json_shares(p.progress, p.expected, p.gap is not None and p.gap < 0)
            texts = [t.action, actions[t.action], t.id, t.name, t.name_en or "", t.owner or "",
                     t.lead or "", t.kind.value, t.unit or ""]  # fmt: skip
            writer.writerow(
                [for_csv(literal(x)) for x in texts]
                + [
                    _number(t.target),
                    _number(t.baseline) if t.kind.numeric else "",
                    _number(t.previous) if t.kind.numeric else "",
                    for_csv(current) if isinstance(current, str) else current,
                    p.current_date.isoformat() if p.current_date else "",
                    "" if progress is None else progress,
                    "" if expected is None else expected,
                    p.status.value,
                    STATUS[lang][p.status],
                    gap_number(p),
                    _number(p.shortfall, 4),
                    _number(p.forecast, p.computed_places),
                    _number(p.needed_per_month, p.computed_places),
                    p.entries,
                    for_csv(literal(note)),
                    report.as_of.isoformat(),
                ]
            )
    return out.getvalue()
