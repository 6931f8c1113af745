"""The versioned JSON documents (``tracker.status/2``, ``tracker.targets/1``).

Shapes are plain dicts with a fixed key order; numbers are JSON numbers (never NaN), shares are
fractions (0.5, not 50), dates ISO strings, and a field that does not apply is ``null``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from ..changes import Change
from ..entries import Entry
from ..errors import Problem
from ..history import LogRow
from ..model import Kind, Plan, Status, Target
from ..numbers import guard, json_number
from ..progress import MilestoneState, StatusReport, TargetProgress, at_risk_limit
from .text import shown_shares

STATUS_SCHEMA = "tracker.status/2"
TARGETS_SCHEMA = "tracker.targets/2"  # 2: milestones null without steps


def _plan(plan: Plan) -> dict[str, Any]:
    return {
        "id": plan.id,
        "name": plan.name,
        "name_en": plan.name_en,
        "start": plan.start.isoformat(),
        "end": plan.end.isoformat(),
    }


def json_shares(
    progress: Decimal | None, expected: Decimal | None, behind: bool
) -> tuple[int | float | None, int | float | None]:
    """Progress and expected progress for JSON and CSV: half-up to four decimals, progress under
    1 while under it, and agreeing with the status as the columns do (``behind``: progress
    below expected, else not below it; see :func:`.text.shown_shares`). ``None`` stays."""
    if progress is None:
        return None, json_number(expected, 4)
    shown, due = shown_shares(progress, expected, behind, places=4, down=False)
    return json_number(shown), json_number(due)


def _milestone(m: MilestoneState | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {"id": m.id, "name": m.name, "name_en": m.name_en, "due": m.due.isoformat(),
            "status": m.status.value if m.status else None}  # fmt: skip


def _change(c: Change | None) -> dict[str, Any] | None:
    if c is None:
        return None
    before = c.before
    return {
        "current": before.current if isinstance(before.current, str) else json_number(before.current),
        "current_date": before.current_date.isoformat() if before.current_date else None,
        "status": before.status.value,
        "figure": json_number(c.figure),
        "progress_points": json_number(c.points, 4),
        "places": json_number(c.places),
        "new": [e.id for e in c.new],
        "late": [e.id for e in c.late],
        "revised": [e.id for e in c.revised],
    }


def _goal(t: Target) -> dict[str, Any]:
    """A target's names and figures, as both documents give them."""
    return {
        "name": t.name,
        "name_en": t.name_en,
        "kind": t.kind.value,
        "unit": t.unit,
        "owner": t.owner,
        "lead": t.lead,
        "target": json_number(t.target),
        "stretch": json_number(t.stretch),
        "baseline": json_number(t.baseline) if t.kind.numeric else None,
        "previous": json_number(t.previous) if t.kind.numeric else None,
    }


def gap_number(p: TargetProgress) -> int | float | None:
    """``gap`` to four places, never rounded across a boundary its status turns on: a gap under 0
    stays under it (−0.00001 is −0.0001), and one beyond the at-risk limit stays beyond it
    (−0.050007 against a tolerance of 5 is −0.0501, never −0.05, which would read as at_risk)."""
    limit = at_risk_limit(p.target)
    below = -limit if limit is not None and p.gap is not None and p.gap < -limit else guard(p.gap, 0)
    return json_number(p.gap, 4, below=below)


def _target(p: TargetProgress, change: Change | None = None) -> dict[str, Any]:
    t = p.target
    current = p.current if isinstance(p.current, str) else json_number(p.current)
    progress, expected = json_shares(p.progress, p.expected, p.gap is not None and p.gap < 0)
    return {
        "id": t.id,
        **_goal(t),
        "current": current,
        "current_date": p.current_date.isoformat() if p.current_date else None,
        # The day expected progress, status and forecast are judged at (an increment's may follow
        # its latest entry: June's period, due and missing, counts zero at 06-30).
        "judged_at": p.judged_at.isoformat() if p.judged_at else None,
        "month_value": json_number(p.month_value),
        "current_period": p.latest.period if p.latest is not None else None,
        "progress": progress,
        "expected": expected,
        "status": p.status.value,
        "gap": gap_number(p),
        "at_risk_limit": json_number(at_risk_limit(p.target)),
        "shortfall": json_number(p.shortfall, 4),
        "forecast": json_number(p.forecast, p.computed_places),
        "needed_per_month": json_number(p.needed_per_month, p.computed_places),
        "entries": p.entries,
        "stale": p.stale,
        "stretch_met": p.stretch_met,
        "next_milestone": _milestone(p.next_milestone),
        "milestones": [_milestone(m) for m in p.milestones] if t.milestones else None,
        "yoy": _yoy(p),
        "since": _change(change),
    }


def _yoy(p: TargetProgress) -> dict[str, Any] | None:
    if p.yoy is None:
        return None
    y = p.yoy
    return {"previous": json_number(y.previous), "previous_date": y.previous_date.isoformat(),
            "change": json_number(y.change, 4)}  # fmt: skip


def status_document(report: StatusReport, notes: Sequence[Problem] = ()) -> dict[str, Any]:
    """The ``tracker.status/2`` document of a status report (docs/json.md). Every target names
    its ``owner`` and ``lead``. Grouped by owner (``--by owner``), ``owners`` holds one group per
    responsible unit (``owner`` null for the targets that name none), each with its lead, its
    own ``summary`` and the ids of its targets (else ``owners`` is null); ``actions`` stays as
    always. ``notes`` are what the run would otherwise say on stderr (:func:`notes_json`)."""
    changes = {c.target.id: c for c in report.changes}
    document: dict[str, Any] = {
        "schema": STATUS_SCHEMA,
        "plan": _plan(report.plan),
        "as_of": report.as_of.isoformat(),
        "since": report.since.isoformat() if report.since else None,
        "as_recorded": report.as_recorded,
        "expected": json_number(report.expected, 4),
        "summary": {s.value: n for s, n in report.summary().items()},
    }
    by_action: dict[str, list[TargetProgress]] = {}
    for p in report.targets:
        by_action.setdefault(p.target.action, []).append(p)
    document["actions"] = [
        {
            "id": a.id,
            "name": a.name,
            "name_en": a.name_en,
            "owner": a.owner,
            "lead": a.lead,
            "targets": [_target(t, changes.get(t.target.id)) for t in by_action[a.id]],
        }
        for a in report.plan.actions
        if a.id in by_action
    ]
    # null, never missing, without --by owner: each target names its own owner all the same
    document["owners"] = (
        [
            {
                "owner": g.action.owner,
                "lead": g.action.lead,
                "summary": {s.value: sum(1 for t in g.targets if t.status is s) for s in Status},
                "targets": [t.target.id for t in g.targets],
            }
            for g in report.actions
        ]
        if report.grouping == "owner"
        else None
    )
    document["notes"] = notes_json(notes)
    return document


def notes_json(notes: Sequence[Problem]) -> list[dict[str, object]]:
    """A document's ``notes``: what a run notes beside its output (an ``--as-of`` outside the
    plan period, a torn ledger's end left out, a ``previous`` last year's ledger contradicts),
    each with a problem's keys as ``tracker.problems/1`` gives them, in the order noted. A
    ``--format json`` run carries them here, not on stderr (README, JSON)."""
    return [p.to_json() for p in notes]


def _definition(t: Target) -> dict[str, Any]:
    return {
        "id": t.id,
        "action": t.action,
        **_goal(t),
        "frequency": t.frequency.value,
        "direction": t.direction.value if t.kind is Kind.RATE else None,
        "due": t.due.isoformat(),
        "release_day": t.release_day,
        "tags": list(t.tags),
        "aliases": list(t.aliases),
        # null when the target lists no steps, as tracker.status/2 has it (tracker.targets/1 had [])
        "milestones": [
            {"id": m.id, "name": m.name, "name_en": m.name_en, "due": m.due.isoformat()} for m in t.milestones
        ]
        if t.milestones
        else None,
        "source": t.source,
        "note": t.note,
    }


def targets_document(plan: Plan) -> dict[str, Any]:
    """The ``tracker.targets/1`` document: the plan and every target's definition."""
    return {
        "schema": TARGETS_SCHEMA,
        "plan": _plan(plan),
        "actions": [
            {"id": a.id, "name": a.name, "name_en": a.name_en, "owner": a.owner, "lead": a.lead} for a in plan.actions
        ],
        "targets": [_definition(t) for t in plan.targets],
    }


def dumps(document: dict[str, Any], ascii_only: bool = False) -> str:
    """The document as indented JSON text ending in a newline.

    Chinese is written as itself unless ``ascii_only`` (for a stream that cannot encode it),
    when ``\\uXXXX`` escapes keep the JSON lossless. Raises ``ValueError`` on NaN.
    """
    return json.dumps(document, ensure_ascii=ascii_only, indent=2, allow_nan=False) + "\n"


LOG_SCHEMA = "tracker.log/1"


def _json_fields(e: Entry) -> dict[str, Any]:
    """Every field of an entry (:data:`~ledger.entries.FIELDS`, in order) as JSON values: figures
    as numbers, dates and times as ISO text, ``void`` as a bool, absent fields ``null``."""
    out = e.cells()
    for key, value in out.items():
        if isinstance(value, Decimal):
            out[key] = json_number(value)
        elif isinstance(value, date):  # a datetime too
            out[key] = value.isoformat()
    return out


def log_document(ledger: str, rows: list[LogRow], notes: Sequence[Problem] = ()) -> dict[str, Any]:
    """The ``tracker.log/1`` document: entries in as-of order with their correction state, and
    the run's ``notes`` (:func:`notes_json`)."""
    return {
        "schema": LOG_SCHEMA,
        "ledger": ledger,
        "entries": [
            {
                **_json_fields(r.entry),
                "state": r.state.value,
                "replaced_by": r.replaced_by,
            }
            for r in rows
        ],
        "notes": notes_json(notes),
    }
