"""A target due before the plan's end, rolled over (the n12 trial, c09): 上半年新增创新空间面积 (due
2025-06-30), 5 + 8 = 13 万平方米 by June, was called "incomplete" by `init --from … --year 2026`,
which asked for a full-year figure that would make every 2026 同比 of the half year wrong. A
target's year ends at its own due: its figure of that month is final; one before it is not."""

from __future__ import annotations

import tempfile
import tomllib
from datetime import date
from pathlib import Path

from hypothesis import assume, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.dates import month_end
from ledger.rollover import next_plan
from tests.helpers import entry, write_plan

HEAD = """version = 1
[plan]
id = "p-2025"
name = "2025年计划"
start = 2025-01-01
end = 2025-12-31
[[action]]
id = "a"
name = "行动"
"""
H1 = """[[target]]
id = "h1"
action = "a"
name = "上半年新增创新空间面积"
kind = "increment"
unit = "万平方米"
target = 12
due = {due}
[[target]]
id = "out"
action = "a"
name = "上半年工业总产值"
kind = "total"
unit = "亿元"
target = 700
due = {due}
"""


def test_c09_a_half_year_targets_own_due_is_its_year_end(runner: CliRunner, workdir: Path) -> None:
    (workdir / "targets.toml").write_text(HEAD + H1.format(due="2025-06-30"), encoding="utf-8")
    for args in (
        ["h1", "5", "--date", "2025-03"],
        ["h1", "8", "--date", "2025-06"],
        ["out", "690", "--date", "2025-06"],
    ):
        assert runner.invoke(app, ["record", *args]).exit_code == 0
    result = runner.invoke(app, ["init", "--from", "targets.toml", "--year", "2026"])
    assert result.exit_code == 0, result.output
    assert "incomplete" not in result.output and "no figure for its last month" not in result.output
    text = (workdir / "targets-2026.toml").read_text(encoding="utf-8")
    assert "previous = 13                 # 2025's final figure (as of 2025-06-30)" in text
    assert "previous = 690                # 2025's final figure (as of 2025-06-30)" in text
    targets = {t["id"]: t for t in tomllib.loads(text)["target"]}
    assert (targets["h1"]["due"], targets["out"]["due"]) == (date(2026, 6, 30), date(2026, 6, 30))


@given(st.integers(1, 12), st.integers(1, 12))
def test_a_figure_is_final_in_its_targets_last_month_only(due_month: int, month: int) -> None:
    assume(month <= due_month)  # no figure may be dated after the target's due
    folder = Path(tempfile.mkdtemp(prefix="tracker-rollover-"))
    plan = write_plan(folder, H1.format(due=month_end(2025, due_month).isoformat()), HEAD)
    day = month_end(2025, month)
    nxt = next_plan(plan, [entry("h1", day, "5", n=1), entry("out", day, "690", n=2)], 2026)
    final = month == due_month
    decided = " ".join(nxt.to_decide)
    assert ("h1 (as of" in decided) is not final  # the increment's year incomplete before its last month
    assert ("of out" in decided or ", out" in decided) is not final  # the total's figure not the year's
    targets = {t["id"]: t for t in tomllib.loads(nxt.text)["target"]}
    assert ("previous" in targets["out"]) is final
