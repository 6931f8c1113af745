"""With the next plan active, a figure, an entry or a late figure of last year's plan is pointed at
that plan (`--targets targets.toml`), never at a date or an id that is refused in turn."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger.dates import month_end
from ledger.errors import EntryError
from ledger.neighbour_plans import outside_fixes, previous_plan_file
from ledger.plan_file import load_plan
from ledger.record import build_entry
from tests.conftest import SHIPPED_PLAN
from tests.helpers import RECORDED


def _run(*args: str, targets: str | None = None):  # type: ignore[no-untyped-def]
    env = {"TRACKER_TARGETS": targets} if targets else {}
    return CliRunner().invoke(app, list(args), env=env)


def _goals_written(path: Path) -> None:
    """The planner's part of the next plan: each goal as last year's, a source."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^# target = …\s+# \d+'s goal was ([0-9.]+).*$", r"target = \1", text, flags=re.MULTILINE)
    text = re.sub(r'^# source = "…".*$', 'source = "x"', text, flags=re.MULTILINE)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def next_year(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped 2025 plan with November's figure, and the 2026 plan written from it."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(SHIPPED_PLAN, tmp_path / "targets.toml")
    assert _run("record", "industrial-output", "1180", "--date", "2025-11").exit_code == 0
    assert _run("init", "--from", "targets.toml", "--year", "2026").exit_code == 0
    _goals_written(tmp_path / "targets-2026.toml")
    assert _run("check", targets="targets-2026.toml").exit_code == 0
    return tmp_path


def test_last_years_december_is_pointed_at_last_years_plan(next_year: Path) -> None:
    result = _run("record", "industrial-output", "1341.05", "--date", "2025-12", targets="targets-2026.toml")
    assert (result.exit_code, result.stderr) == (
        1,
        "error: industrial-output: date 2025-12-31 is outside the plan period 2026-01-01 to 2026-12-31; "
        "2025-12-31 is in the previous plan's period (targets.toml, 2025-01-01 to 2025-12-31): record it there "
        "with --targets targets.toml\n",
    )
    followed = _run("record", "industrial-output", "1341.05", "--date", "2025-12", "--targets", "targets.toml")
    assert followed.exit_code == 0, followed.output
    assert "industrial-output = 1341.05 亿元 as of 2025-12-31" in followed.stdout


def test_a_figure_after_the_plan_is_pointed_at_the_next_plan(next_year: Path) -> None:
    result = _run("record", "industrial-output", "95", "--date", "2026-01")
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "2026-01-31 is in the next plan's period (targets-2026.toml): record it there with --targets targets-2026.toml\n"
    )


def test_a_figure_before_any_known_plan_gets_an_example_inside_the_plan(next_year: Path) -> None:
    result = _run("record", "industrial-output", "1", "--date", "2024-12", targets="targets-2026.toml")
    assert result.stderr == (
        "error: industrial-output: date 2024-12-31 is outside the plan period 2026-01-01 to 2026-12-31; give the "
        "date the figure refers to with --date, from 2026-01 to 2026-12, e.g. --date 2026-01\n"
    )


def test_the_previous_plan_is_the_one_whose_ledger_it_names(next_year: Path) -> None:
    new = load_plan(next_year / "targets-2026.toml")
    assert previous_plan_file(new) == next_year / "targets.toml"
    shutil.copy(next_year / "targets.toml", next_year / "copy.toml")  # two plans on one ledger: neither is named
    assert previous_plan_file(new) is None
    result = _run("record", "industrial-output", "1341.05", "--date", "2025-12", targets="targets-2026.toml")
    assert result.stderr.endswith(
        "a figure before 2026-01-01 belongs to the previous plan, whose ledger progress.toml is this plan's "
        "previous_ledger: give that plan with --targets\n"
    )


def test_last_years_entry_amended_or_voided_is_pointed_at_its_plan(next_year: Path) -> None:
    [entry_id] = re.findall(r"^\s*id = \"(\w+)\"", (next_year / "progress.toml").read_text(encoding="utf-8"), re.M)
    amended = _run("amend", entry_id, "1181", "--reason", "核实数", targets="targets-2026.toml")
    assert (amended.exit_code, amended.stderr) == (
        1,
        f"error: progress-2026.toml: no entry {entry_id!r}; it is in the previous plan's ledger progress.toml: "
        "amend it with --targets targets.toml\n",
    )
    voided = _run("void", entry_id[:6], "--reason", "重复", targets="targets-2026.toml")
    assert voided.stderr == (
        f"error: progress-2026.toml: no entry {entry_id[:6]!r}; it is in the previous plan's ledger progress.toml: "
        "void it with --targets targets.toml\n"
    )
    followed = _run("amend", entry_id[:6], "1181", "--reason", "核实数", "--targets", "targets.toml")
    assert followed.exit_code == 0, followed.output
    assert not (next_year / "progress-2026.toml").exists()


@settings(max_examples=40, deadline=None)
@given(
    start_month=st.sampled_from([1, 4, 7]),
    offset=st.integers(-30, 30).filter(lambda n: n != 0),
)
def test_the_example_date_of_a_refusal_is_accepted(start_month: int, offset: int) -> None:
    """A date ``offset`` months outside a plan with no neighbours: the example the refusal gives is
    one of the plan's own months, which the same command then takes."""
    plan = load_plan(SHIPPED_PLAN)._replace(previous_ledger=None)
    if start_month != 1:
        plan = plan._replace(start=date(2025, start_month, 1), end=month_end(2026, start_month - 1))
        plan = plan._replace(path=Path("/nonexistent/targets.toml"))
    months = offset - 1 if offset < 0 else offset
    base = plan.start if offset < 0 else plan.end
    year, month = divmod(base.year * 12 + base.month - 1 + months, 12)
    day = month_end(year, month + 1)
    target = plan.target("industrial-output")
    with pytest.raises(EntryError) as info:
        build_entry(plan, "industrial-output", "1", day=day, recorded=RECORDED)
    assert info.value.fix == outside_fixes(plan, min(plan.end, target.due), day)[0]
    [example] = re.findall(r"--date (\d{4}-\d{2})$", info.value.fix or "")
    y, m = map(int, example.split("-"))
    build_entry(plan, "industrial-output", "1", day=month_end(y, m), recorded=RECORDED)


def test_last_decembers_sheet_is_pointed_at_last_years_plan(next_year: Path) -> None:
    result = _run("sheet", "--all", "--month", "2025-12", targets="targets-2026.toml")
    assert (result.exit_code, result.stderr) == (
        1,
        "error: targets-2026.toml: --month 2025-12 is outside the plan period 2026-01-01 to 2026-12-31; 2025-12-31 "
        "is in the previous plan's period (targets.toml, 2025-01-01 to 2025-12-31): write its sheet with "
        "--targets targets.toml\n",
    )
    followed = _run("sheet", "--all", "--month", "2025-12", "--targets", "targets.toml")
    assert followed.exit_code == 0, followed.output
    assert (next_year / "all-2025-12.xlsx").is_file()
