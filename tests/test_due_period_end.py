"""A reading within a period does not answer the period (the n12 trial, c21): 经济发展局's early
figure for 工业总产值 "截至6月15日" (600 亿元, dated 2025-06-15) was taken as June's 1—6月 total, so
`tracker due` on July 20 no longer chased it. A total's or a rate's figure for a period is as of
the period's end: only a reading dated on or after it answers the period; a milestone's status
within the period still does."""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import load_plan
from ledger.dates import month_end
from ledger.due import owed
from tests.helpers import entry

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "departments"
TARGETS = """version = 1
[plan]
id = "p"
name = "计划"
start = 2025-01-01
end = 2025-12-31
[[action]]
id = "a"
name = "行动"
[[target]]
id = "output"
action = "a"
name = "工业总产值"
kind = "total"
unit = "亿元"
target = 1360
[[target]]
id = "stock"
action = "a"
name = "存量"
kind = "total"
unit = "家"
baseline = 300
target = 340
[[target]]
id = "growth"
action = "a"
name = "增速"
kind = "rate"
unit = "%"
target = 6
[[target]]
id = "park"
action = "a"
name = "园区建设"
kind = "milestone"
"""
_FOLDER = Path(tempfile.mkdtemp(prefix="tracker-due-"))
(_FOLDER / "targets.toml").write_text(TARGETS, encoding="utf-8")
PLAN = load_plan(_FOLDER / "targets.toml")


def _missing(target: str, day: date, as_of: date = date(2025, 7, 20)) -> tuple[date, ...]:
    got = owed(PLAN, [entry(target, day, None if target == "park" else "600", status=None)], as_of,
               [PLAN.target(target)])  # fmt: skip
    return got[0].periods if got else ()


def test_c21_a_mid_month_reading_leaves_the_month_owed(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "d")
    monkeypatch.chdir(tmp_path / "d")
    for name in ("progress.toml", "progress.toml.lock"):
        (tmp_path / "d" / name).unlink(missing_ok=True)
    assert runner.invoke(app, ["import", "figures-jan-may-illustrative.csv"]).exit_code == 0
    args = ["record", "industrial-output", "600", "--date", "2025-06-15", "--note", "截至6月15日"]
    assert runner.invoke(app, args).exit_code == 0
    result = runner.invoke(app, ["due", "--as-of", "2025-07-20", "--owner", "经济发展局", "--format", "json"])
    figures = {
        f["target"]: (f["periods"], f["state"]) for o in json.loads(result.stdout)["owners"] for f in o["figures"]
    }
    assert figures == {
        "industrial-output": (["2025-06-30"], "late"),
        "value-added-growth": (["2025-06-30"], "late"),
    }


def test_each_kind() -> None:
    june = (date(2025, 6, 30),)
    assert _missing("output", date(2025, 6, 15)) == june
    assert _missing("stock", date(2025, 6, 15)) == june
    assert _missing("growth", date(2025, 6, 15)) == june
    assert _missing("output", date(2025, 6, 30)) == ()
    assert _missing("output", date(2025, 7, 10)) == ()  # a later running total answers June too
    assert _missing("park", date(2025, 6, 15)) == ()  # a status within June is June's report


@given(st.sampled_from(["output", "stock", "growth"]), st.integers(1, 12), st.integers(1, 31))
def test_only_a_reading_at_the_months_end_or_later_answers_it(target: str, month: int, day: int) -> None:
    end = month_end(2025, month)
    read = date(2025, month, min(day, end.day))
    as_of = date(2026, 1, 20)
    missing = _missing(target, read, as_of)
    if read == end:
        assert end not in missing and (month == 12 or missing[0] == month_end(2025, month + 1))
    else:
        assert missing[0] == end  # its own month is still owed, and every one after it
    assert len(missing) == 12 - month + (read != end)
