"""``tracker due``: the figures still owed, by owner, as text for a person or cron mail and as
the ``tracker.due/3`` JSON document for a script that mails each owner; on next year's plan, also
what the plan before it still owes (:class:`~ledger.neighbour_plans.OwedBefore`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from ..due import DueState, Owed, by_owner
from ..errors import Problem
from ..filters import NO_OWNER
from ..model import Plan
from ..neighbour_plans import OwedBefore, targets_option
from .labels import name, say
from .text import literal
from .wrapping import wrap_keeping_units

DUE_SCHEMA = "tracker.due/3"


def state_text(item: Owed, lang: str) -> str:
    """ "late by 5 days (due 2025-07-15)" / "awaiting (due 2025-08-15)", or the Chinese wording
    ("待报（8 月 15 日前报送）"): the due day with its month, as the late line gives it.
    Several periods late are each late by a different count: the line names the oldest's
    (the first listed: "all late, the oldest by 54 days (due 2025-02-15)"), true of it alone."""
    if item.state is DueState.LATE:
        unit = "day" if item.days_late == 1 else "days"
        due = item.due.isoformat()
        if len(item.periods) > 1:
            return say(lang, "late_oldest", days=item.days_late, unit=unit, due=due)
        return say(lang, "late_by", days=item.days_late, unit=unit, due=due)
    return say(lang, "awaiting", month=item.due.month, day=item.due.day, due=item.due.isoformat())


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


def due_text(
    plan: Plan, items: list[Owed], as_of: date, lang: str, width: int = 80, before: OwedBefore | None = None
) -> str:
    """The owed figures as plain lines: a summary line, then per owner its targets, each with
    the periods missing and whether it is late or awaited (a target with periods in both states
    has a line for each). A target's line wider than ``width`` (in terminal cells: a Chinese
    character takes two) gives its periods and state a line of their own under the name, or a
    line each when that is still too wide (each wrapped at spaces where it must, never between a
    figure and its unit), so cron mail and a terminal of ``width`` columns hold it.

    ``before``, what the plan before this one owes, follows under a line naming its file and the
    ``tracker due --targets`` that lists them; while it owes any (or when its file was not found,
    so that nothing can be said of it), this plan's "every figure recorded" speaks for this plan
    alone."""
    late = sum(1 for i in items if i.state is DueState.LATE)
    lines = [say(lang, "due_head", as_of=as_of.isoformat(), late=late, waiting=len(items) - late)]
    unknown = before is not None and before.plan is None
    owes = before is not None and bool(before.items)
    if not items:
        if unknown:
            assert before is not None
            key = "due_none_here_missing" if before.missing else "due_none_here_unknown"
            lines.append(say(lang, key, ledger=before.ledger))
        else:
            lines.append(say(lang, "due_none_here" if owes else "due_none"))
    lines += _owners(items, lang, width)
    if owes:
        assert before is not None and before.plan is not None
        late = sum(1 for i in before.items if i.state is DueState.LATE)
        option = targets_option(before.plan.path)
        lines += [
            "",
            say(lang, "due_before", path=before.plan.path, late=late, waiting=len(before.items) - late, option=option),
        ]
        lines += _owners(list(before.items), lang, width)
    return "\n".join(lines) + "\n"


def _owners(items: list[Owed], lang: str, width: int) -> list[str]:
    """Per owner (a blank line, its name), each target's missing periods and state."""
    from rich.cells import cell_len

    lines: list[str] = []
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
            else:  # each wrapped where it must, never between a figure and its unit ("155 days")
                lines.append(head)
                lines += [f"    {line}" for part in (periods, state) for line in wrap_keeping_units(part, width - 4)]
    return lines


def due_document(
    plan: Plan, items: list[Owed], as_of: date, before: OwedBefore | None = None, notes: Sequence[Problem] = ()
) -> dict[str, Any]:
    """The ``tracker.due/3`` document (docs/json.md): per owner, each target's missing periods in
    one state (a target with periods late and one awaited is given twice), their due days, the
    oldest's due day, the state and the oldest's days late; ``previous``, the same of the plan
    before this one (``before``), or ``null`` when the plan names no previous ledger; and the
    run's ``notes`` (:func:`~ledger.render.json_doc.notes_json`)."""
    from .json_doc import notes_json  # here: the text of `tracker due` needs none of it

    return {
        "schema": DUE_SCHEMA,
        "plan": {"id": plan.id, "name": plan.name},
        "as_of": as_of.isoformat(),
        "summary": _summary(items),
        "owners": _owner_docs(items),
        "previous": None
        if before is None
        else {
            "ledger": str(before.ledger),
            "file": None if before.plan is None else str(before.plan.path),
            "plan": None if before.plan is None else {"id": before.plan.id, "name": before.plan.name},
            "summary": None if before.plan is None else _summary(list(before.items)),
            "owners": None if before.plan is None else _owner_docs(list(before.items)),
        },
        "notes": notes_json(notes),
    }


def _summary(items: list[Owed]) -> dict[str, int]:
    return {s.value: sum(1 for i in items if i.state is s) for s in DueState}


def _owner_docs(items: list[Owed]) -> list[dict[str, Any]]:
    return [
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
    ]
