"""``--as-recorded`` leaves out the entries recorded after the as-of date; the plan is read as it
is now (tracker keeps no history of targets.toml). A goal changed since judges the same figures
anew, and the report as issued needs the plan of that day given with --targets (README)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from cli import app
from tests.conftest import ROOT


def _output(runner: CliRunner, *args: str) -> tuple[object, object, object]:
    doc = json.loads(
        runner.invoke(app, ["status", "--as-of", "2025-05-31", "--as-recorded", "-f", "json", *args]).stdout
    )
    [t] = [t for a in doc["actions"] for t in a["targets"] if t["id"] == "industrial-output"]
    return t["current"], t["progress"], t["status"]


def test_the_plan_given_judges_the_entries_recorded_by_then(workdir: Path, runner: CliRunner) -> None:
    shutil.copy(ROOT / "examples" / "since-2025-illustrative.csv", workdir / "since.csv")
    assert runner.invoke(app, ["import", "since.csv"]).exit_code == 0
    shutil.copy(workdir / "targets.toml", workdir / "issued.toml")
    # April's 420 (its correction to 425 came on June 5): 420 / 1360 = 0.3088, at risk at May's 41.7 %
    assert _output(runner) == (420, 0.3088, "at_risk")
    text = (workdir / "targets.toml").read_text(encoding="utf-8")
    (workdir / "targets.toml").write_text(text.replace("target = 1360\n", "target = 1000\n", 1), encoding="utf-8")
    # the goal lowered since: the same 420 judged by today's plan, 420 / 1000
    assert _output(runner) == (420, 0.42, "on_track")
    # the plan as it was, given with its ledger, gives the report as issued
    assert _output(runner, "--targets", "issued.toml", "--ledger", "progress.toml") == (420, 0.3088, "at_risk")


def test_the_help_says_which_plan_judges(runner: CliRunner) -> None:
    text = " ".join(runner.invoke(app, ["status", "--help"], env={"COLUMNS": "200"}).stdout.split())
    assert "judged by the plan file as it is now (tracker keeps no history of the plan" in text
