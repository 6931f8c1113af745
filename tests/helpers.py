"""Small builders for tests: plans and entries written as TOML text."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from ledger import Entry, Plan, TargetProgress, evaluate, load_plan
from ledger.model import MilestoneStatus

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


_texts = st.none() | st.text(max_size=12)  # unpaired surrogates, quotes, controls and CJK included
# Any entry, every field set or not, for the property tests of the ledger's writer and digest chain.
any_entry = st.builds(
    Entry,
    id=st.text(alphabet="0123456789abcdef", min_size=10, max_size=10),
    target=st.text(min_size=1, max_size=8),
    date=st.dates(min_value=date(2025, 1, 1), max_value=date(2025, 12, 31)),
    recorded=st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=8))])),
    value=st.none() | st.decimals(allow_nan=False, allow_infinity=False),
    unit=_texts,
    note=_texts,
    source=_texts,
    by=_texts,
    corrects=_texts,
    void=st.booleans(),
    reason=_texts,
    status=st.none() | st.sampled_from(list(MilestoneStatus)),
    milestone=_texts,
    month_value=st.none() | st.decimals(allow_nan=False, allow_infinity=False),
    forced=st.booleans(),
    period=st.none() | st.integers(min_value=2000, max_value=2100),
    batch=st.none() | st.integers(min_value=1, max_value=10**6),
    restored=st.just(False),  # only beside batch, which the ledger's reader holds it to
    digest=st.none() | st.text(alphabet="0123456789abcdef", min_size=32, max_size=32),
)


# The hint of an increment's refusal of a running total, as every import test of it ends.
INCREMENT_FIX = (
    '; give the month\'s own figure in the 本月 column, or make the target kind = "total" in the plan if it is '
    "published as a running total and holds no additions yet\n"
)


def import_text(runner: CliRunner, workdir: Path, name: str, text: str, *args: str) -> Result:
    """Write ``text`` to ``name`` in ``workdir`` (UTF-8) and run ``tracker import name *args``."""
    from cli import app

    (workdir / name).write_text(text, encoding="utf-8")
    return runner.invoke(app, ["import", name, *args])


def exported(runner: CliRunner) -> list[tuple[str, str, Any, str]]:
    """The ledger's entries as ``tracker export`` gives them: (target, date, value, unit) each."""
    import json

    from cli import app

    result = runner.invoke(app, ["export", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return [(e["target"], e["date"], e["value"], e["unit"]) for e in rows]


def as_before_digests(text: str) -> str:
    """A ledger's text as a tracker written before digests left it: no ``digest`` lines, and
    ``recorded`` times from before it began writing them (ledger.chain.DIGESTS_SINCE)."""
    import re

    text = re.sub(r'digest = "[0-9a-f]+"\r?\n', "", text)
    return re.sub(r"recorded = [^\r\n]+", "recorded = 2025-07-03T09:12:00+08:00", text)
