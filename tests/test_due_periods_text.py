"""``tracker due``'s line names the periods owed and no others: a run of consecutive periods is
shortened to its ends, but a range never spans a period that was reported."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import load_plan
from ledger.due import DueState, Owed
from ledger.render.due_out import periods_text
from tests.conftest import SHIPPED_PLAN


def test_a_reported_month_between_owed_ones_is_not_in_a_range(runner: CliRunner, workdir: Path) -> None:
    """innovation-space (additions) reported for April and June only: January, February, March
    and May are owed. The line said "2025-01 … 2025-05 (4)", April included."""
    for value, month in (("12.5", "2025-04"), ("1", "2025-06")):
        assert runner.invoke(app, ["record", "innovation-space", value, "--date", month]).exit_code == 0
    at = ["due", "--as-of", "2025-07-20", "--target", "innovation-space"]
    doc = json.loads(runner.invoke(app, [*at, "--format", "json"]).stdout)
    assert doc["owners"][0]["figures"][0]["periods"] == ["2025-01-31", "2025-02-28", "2025-03-31", "2025-05-31"]
    for lang, state in (("en", "all late"), ("zh", "均已逾期")):
        lines = runner.invoke(app, [*at, "--lang", lang], env={"COLUMNS": "200"}).stdout.splitlines()
        line = next(x for x in lines if "[innovation-space]" in x)
        assert "  2025-01 … 2025-03, 2025-05 (4)  " + state in line


def owed(months: list[int]) -> Owed:
    plan = load_plan(SHIPPED_PLAN)
    target = next(t for t in plan.targets if t.id == "innovation-space")
    ends = [date(2025 + (m - 1) // 12, (m - 1) % 12 + 1, 28) for m in months]
    dues = tuple(e + timedelta(days=18) for e in ends)
    return Owed(target, tuple(ends), dues[0], DueState.LATE, 1, None, dues)


def test_short_runs_are_listed_and_long_ones_shortened() -> None:
    assert periods_text(owed([1, 2])) == "2025-01, 2025-02"
    assert periods_text(owed([1, 3, 5])) == "2025-01, 2025-03, 2025-05"
    assert periods_text(owed([1, 2, 3, 4, 6, 7])) == "2025-01 … 2025-04, 2025-06, 2025-07 (6)"
    assert periods_text(owed([1, 2, 3])) == "2025-01, 2025-02, 2025-03"  # three are listed
    assert periods_text(owed([11, 12, 13, 14])) == "2025-11 … 2026-02 (4)"  # a run goes on across a year


def months_named(text: str) -> list[str]:
    """Every month a line names, its ranges spelled out month by month."""
    text = text.rsplit(" (", 1)[0]
    named: list[str] = []
    for part in text.split(", "):
        first, _, last = part.partition(" … ")
        y, m = map(int, first.split("-"))
        named.append(first)
        while last and named[-1] != last:
            y, m = (y, m + 1) if m < 12 else (y + 1, 1)
            named.append(f"{y:04d}-{m:02d}")
    return named


@given(st.sets(st.integers(1, 24), min_size=1))
def test_the_line_names_exactly_the_periods_owed(months: set[int]) -> None:
    item = owed(sorted(months))
    assert months_named(periods_text(item)) == [f"{p:%Y-%m}" for p in item.periods]
