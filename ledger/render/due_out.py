"""``tracker due``: the figures still owed, by owner, as text for a person or cron mail and as
the ``tracker.due/1`` JSON document for a script that mails each owner."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..due import DueState, Owed, by_owner
from ..filters import NO_OWNER
from ..model import Plan
from .labels import name, say
from .text import literal

DUE_SCHEMA = "tracker.due/2"


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def state_text(item: Owed, lang: str) -> str:
    """ "late by 5 days (due 2025-07-15)" / "awaiting (due on the 15th)", or the Chinese wording.
    Several periods late are each late by a different count: the line names the oldest's
    (the first listed: "all late, the oldest by 54 days (due 2025-02-15)"), true of it alone."""
    if item.state is DueState.LATE:
        unit = "day" if item.days_late == 1 else "days"
        due = item.due.isoformat()
        if len(item.periods) > 1:
            return say(lang, "late_oldest", days=item.days_late, unit=unit, due=due)
        return say(lang, "late_by", days=item.days_late, unit=unit, due=due)
    return say(lang, "awaiting", month=item.due.month, day=item.due.day, ordinal=_ordinal(item.due.day))


def _lead(group: list[Owed]) -> str | None:
    """The unit's lead official when its targets name only one."""
    leads = {i.target.lead for i in group if i.target.lead}
    return leads.pop() if len(leads) == 1 else None


def _runs(item: Owed) -> list[list[date]]:
    """The periods owed in runs of consecutive ones (a reporting period apart, by the target's
    ``frequency``), oldest first."""
    step = item.target.frequency.months
    runs: list[list[date]] = []
    for p in item.periods:
        if runs and (p.year - runs[-1][-1].year) * 12 + p.month - runs[-1][-1].month == step:
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs


def periods_text(item: Owed) -> str:
    """The periods owed as a line names them: up to three each listed (``2025-01, 2025-02``);
    of more, a run of three or more consecutive ones shortened to its ends (``2025-01 …
    2025-03``) and the count given (``2025-01 … 2025-03, 2025-05 (4)``). A range only ever
    spans periods owed, so a period reported between two owed ones is never inside one: the
    line names what JSON's ``periods`` lists."""
    runs = _runs(item)
    if len(item.periods) <= 3 or all(len(run) < 3 for run in runs):
        return ", ".join(f"{p:%Y-%m}" for p in item.periods)
    parts = [
        f"{run[0]:%Y-%m} … {run[-1]:%Y-%m}" if len(run) >= 3 else ", ".join(f"{p:%Y-%m}" for p in run) for run in runs
    ]
    return ", ".join(parts) + f" ({len(item.periods)})"


def due_text(plan: Plan, items: list[Owed], as_of: date, lang: str, width: int = 80) -> str:
    """The owed figures as plain lines: a summary line, then per owner its targets, each with
    the periods missing and whether it is late or awaited (a target with periods in both states
    has a line for each). A target's line wider than ``width`` (in terminal cells: a Chinese
    character takes two) gives its periods and state a line of their own under the name, or a
    line each when that is still too wide, so cron mail and a terminal of ``width`` columns hold it."""
    from rich.cells import cell_len

    late = sum(1 for i in items if i.state is DueState.LATE)
    lines = [say(lang, "due_head", as_of=as_of.isoformat(), late=late, waiting=len(items) - late)]
    if not items:
        lines.append(say(lang, "due_none"))
    for owner, group in by_owner(items).items():
        label = literal(owner) if owner else name(NO_OWNER, lang)
        if (lead := _lead(group)) is not None:
            label = say(lang, "with_lead", owner=label, lead=literal(lead))
        lines.append("")
        lines.append(label)
        for i in group:
            head, periods, state = (
                f"  {literal(name(i.target, lang))} [{i.target.id}]",
                periods_text(i),
                state_text(i, lang),
            )
            line, tail = f"{head}  {periods}  {state}", f"    {periods}  {state}"
            if cell_len(line) <= width:
                lines.append(line)
            elif cell_len(tail) <= width:
                lines += [head, tail]
            else:
                lines += [head, f"    {periods}", f"    {state}"]
    return "\n".join(lines) + "\n"


def due_document(plan: Plan, items: list[Owed], as_of: date) -> dict[str, Any]:
    """The ``tracker.due/2`` document (docs/json.md): per owner, each target's missing periods in
    one state (a target with periods late and one awaited is given twice), their due days, the
    oldest's due day, the state and the oldest's days late."""
    return {
        "schema": DUE_SCHEMA,
        "plan": {"id": plan.id, "name": plan.name},
        "as_of": as_of.isoformat(),
        "summary": {s.value: sum(1 for i in items if i.state is s) for s in DueState},
        "owners": [
            {
                "owner": owner,
                "lead": _lead(group),
                "figures": [
                    {
                        "target": i.target.id,
                        "name": i.target.name,
                        "frequency": i.target.frequency.value,
                        "periods": [p.isoformat() for p in i.periods],
                        "due": i.due.isoformat(),
                        "dues": [d.isoformat() for d in i.dues],
                        "state": i.state.value,
                        "days_late": i.days_late,
                        "last_date": i.last.isoformat() if i.last else None,
                    }
                    for i in group
                ],
            }
            for owner, group in by_owner(items).items()
        ],
    }
