"""A plan whose ``previous_ledger`` names a file that is not there (a typo, a ledger moved):
``status`` refuses it; ``check`` passed it silently (exit 0) and ``due --fail-on late`` said
every figure was recorded (exit 0) when last year's plan could not be looked at at all."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from tests.conftest import ROOT

MISSING = "error: nowhere.toml: no such ledger; fix --previous-ledger or the plan's previous_ledger\n"


def _run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), env={"TRACKER_LANG": "en"})


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(ROOT / "targets.toml", tmp_path / "targets.toml")
    text = (tmp_path / "targets.toml").read_text(encoding="utf-8")
    text = text.replace("end = 2025-12-31\n", 'end = 2025-12-31\nprevious_ledger = "nowhere.toml"\n', 1)
    (tmp_path / "targets.toml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_status_refuses_it(plan: Path) -> None:
    result = _run("status", "--as-of", "2025-01-10")
    assert (result.exit_code, result.stderr) == (1, MISSING)


def test_check_reports_it_as_status_does(plan: Path) -> None:
    result = _run("check", "--as-of", "2025-01-10")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", MISSING)
    doc = json.loads(_run("check", "--as-of", "2025-01-10", "-f", "json").stdout)
    assert [p["message"] for p in doc["problems"]] == ["nowhere.toml: no such ledger"]


def test_due_does_not_say_all_is_recorded(plan: Path) -> None:
    result = _run("due", "--as-of", "2025-01-10", "--fail-on", "late")
    assert result.stdout == (
        "As of 2025-01-10: 0 late, 0 awaited\nEvery figure due to this plan has been recorded; the previous plan's "
        "(ledger nowhere.toml) were not checked: no such ledger; fix the plan's previous_ledger.\n"
    )
    zh = CliRunner().invoke(app, ["due", "--as-of", "2025-01-10"], env={"TRACKER_LANG": "zh"})
    assert zh.stdout.splitlines()[1] == (
        "本计划应报数据均已报送；上一计划（账本 nowhere.toml）未核对：没有这个账本，请改正计划的 previous_ledger。"
    )
    doc = json.loads(_run("due", "--as-of", "2025-01-10", "-f", "json").stdout)
    assert doc["previous"] == {"ledger": "nowhere.toml", "file": None, "plan": None, "summary": None, "owners": None}


def test_due_fail_on_late_fails_when_the_previous_plan_was_not_checked(plan: Path) -> None:
    # The plan promises last year's figures are watched too: a check never made is not a pass.
    result = _run("due", "--as-of", "2025-01-10", "--fail-on", "late")
    assert (result.exit_code, result.stderr) == (
        1,
        "error: targets.toml: --fail-on late: the previous plan's figures were not checked: its ledger "
        "nowhere.toml (previous_ledger) is not there; fix previous_ledger in targets.toml\n",
    )
    # Without --fail-on the listing says so and succeeds, as before.
    assert _run("due", "--as-of", "2025-01-10").exit_code == 0


def test_a_cron_script_sees_the_failure(plan: Path) -> None:
    tracker = shutil.which("tracker", path=str(Path(sys.executable).parent)) or shutil.which("tracker")
    assert tracker is not None
    script = f"{tracker} due --as-of 2025-01-10 --fail-on late >/dev/null && echo all-well || echo failed-$?"
    done = subprocess.run(
        ["sh", "-c", script], capture_output=True, text=True, env={**os.environ, "TRACKER_LANG": "en"}
    )
    assert done.stdout == "failed-1\n"
