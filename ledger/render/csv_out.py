"""CSV for Excel: a row per target, numbers as numbers, text that a spreadsheet would run as a
formula neutralised.

Shares are fractions (0.5 = 50 %), as in JSON. Lines end in CRLF (RFC 4180, what Excel writes);
a file written with ``--output`` starts with a UTF-8 byte-order mark so Excel on a Chinese
Windows opens it as UTF-8 (stdout gets none; see :mod:`ledger.atomic`).
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from ..formulas import neutralise
from ..model import Action
from ..numbers import guard, json_number
from ..progress import StatusReport
from .json_doc import json_shares
from .labels import STATUS, name
from .text import literal

COLUMNS = (
    "action", "action_name", "id", "name", "name_en", "owner", "lead", "kind", "unit", "target", "baseline", "previous",
    "current",
    "current_date", "progress", "expected", "status", "status_label", "gap", "shortfall", "forecast", "needed_per_month",
    "entries", "note",
)  # fmt: skip


def _number(value: Decimal | None, places: int | None = None, *, below: Decimal | None = None) -> int | float | str:
    number = json_number(value, places, below=below)
    return "" if number is None else number


def _action(report: StatusReport, action_id: str) -> Action:
    return next(a for a in report.plan.actions if a.id == action_id)


def status_csv(report: StatusReport, lang: str) -> str:
    """The status report as CSV text, header first (see :data:`COLUMNS`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for a in report.actions:
        for p in a.targets:
            t = p.target
            note = p.latest.note if p.latest is not None and p.latest.note else ""
            current: int | float | str = p.current if isinstance(p.current, str) else _number(p.current)
            progress, expected = json_shares(p.progress, p.expected, p.gap is not None and p.gap < 0)
            texts = [t.action, name(_action(report, t.action), lang), t.id, t.name, t.name_en or "", t.owner or "",
                     t.lead or "", t.kind.value, t.unit or ""]  # fmt: skip
            writer.writerow(
                [neutralise(literal(x)) for x in texts]
                + [
                    _number(t.target),
                    _number(t.baseline) if t.kind.numeric else "",
                    _number(t.previous) if t.kind.numeric else "",
                    neutralise(current) if isinstance(current, str) else current,
                    p.current_date.isoformat() if p.current_date else "",
                    "" if progress is None else progress,
                    "" if expected is None else expected,
                    p.status.value,
                    STATUS[lang][p.status],
                    _number(p.gap, 4, below=guard(p.gap, 0)),
                    _number(p.shortfall, 4),
                    _number(p.forecast, p.computed_places),
                    _number(p.needed_per_month, p.computed_places),
                    p.entries,
                    neutralise(literal(note)),
                ]
            )
    return out.getvalue()
