"""Small builders for tests: plans and entries written as TOML text."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from ledger import Entry, Plan, TargetProgress, evaluate, load_plan

RECORDED = datetime(2025, 7, 3, 9, 12, tzinfo=UTC)

PLAN_HEAD = """version = 1

[plan]
id = "test-2025"
name = "测试计划"
start = 2025-01-01
end = 2025-12-31

[[action]]
id = "a"
name = "行动"
"""


def write_plan(folder: Path, targets: str, head: str = PLAN_HEAD) -> Plan:
    """Write ``head`` + ``targets`` as ``targets.toml`` in ``folder`` and load it."""
    path = folder / "targets.toml"
    path.write_text(head + targets, encoding="utf-8")
    return load_plan(path)


def entry(target: str, day: date, value: str | None = None, n: int = 0, **kw: object) -> Entry:
    """An entry with a deterministic id ``e{n}``; ``value`` is text so digits stay as typed."""
    return Entry(
        id=f"e{n:09d}",
        target=target,
        date=day,
        recorded=RECORDED.replace(minute=n % 60),
        value=Decimal(value) if value is not None else None,
        **kw,  # type: ignore[arg-type]
    )


def progress_of(plan: Plan, entries: list[Entry], as_of: date, target_id: str) -> TargetProgress:
    """One target's progress from ``evaluate`` over the whole plan."""
    return next(t for t in evaluate(plan, entries, as_of).targets if t.target.id == target_id)
