"""What a script reads in JSON: the day every document is as of, an as-recorded report marked as
one, one convention for "no steps", and a gap from which the status can be told at the
tolerance's edge."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import jsonschema
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import evaluate, load_plan
from ledger.render.json_doc import status_document
from tests.conftest import ROOT, SHIPPED_PLAN
from tests.helpers import entry

PROBLEMS = json.loads((ROOT / "docs" / "schema" / "tracker.problems.schema.json").read_text(encoding="utf-8"))


def out(runner: CliRunner, *args: str, env: dict[str, str] | None = None) -> str:
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_show_and_check_json_say_their_as_of_day(runner: CliRunner, workdir: Path) -> None:
    out(runner, "record", "industrial-output", "628.32", "--date", "2025-06")
    shown = json.loads(out(runner, "show", "industrial-output", "--as-of", "2025-08", "--format", "json"))
    assert list(shown)[:2] == ["schema", "as_of"] and shown["as_of"] == "2025-08-31"
    result = runner.invoke(app, ["check", "--as-of", "2025-06", "--fail-on", "at_risk", "--format", "json"])
    checked = json.loads(result.stdout)
    assert result.exit_code == 3 and checked["as_of"] == "2025-06-30"
    assert checked["offenders"][0] == {"id": "industrial-output", "name": "工业总产值", "status": "at_risk"}
    jsonschema.validate(checked, PROBLEMS)
    (workdir / "targets.toml").write_text("version = 1\n[plan]\n", encoding="utf-8")  # stops before any day
    broken = runner.invoke(app, ["check", "--format", "json"])
    assert broken.exit_code == 1 and json.loads(broken.stdout)["as_of"] is None
    jsonschema.validate(json.loads(broken.stdout), PROBLEMS)


def test_an_as_recorded_report_says_it_is_one(runner: CliRunner, workdir: Path) -> None:
    out(runner, "record", "industrial-output", "628.32", "--date", "2025-06")
    at = ("status", "--as-of", "2025-06", "--format", "json")
    assert json.loads(out(runner, *at))["as_recorded"] is False
    reproduced = json.loads(out(runner, *at, "--as-recorded"))
    assert reproduced["as_recorded"] is True
    assert reproduced["summary"]["no_data"] == 19  # recorded today, after 2025-06-30: not in the reproduction


def test_targets_and_status_say_no_steps_the_same_way(runner: CliRunner, workdir: Path) -> None:
    targets = json.loads(out(runner, "targets", "--format", "json"))
    status = json.loads(out(runner, "status", "--as-of", "2025-06", "--format", "json"))
    assert targets["schema"] == "tracker.targets/2"
    defined = {t["id"]: t["milestones"] for t in targets["targets"]}
    reported = {t["id"]: t["milestones"] for a in status["actions"] for t in a["targets"]}
    assert defined["industrial-output"] is None is reported["industrial-output"]
    assert [m["id"] for m in defined["cluster-zones"]] == [m["id"] for m in reported["cluster-zones"]]
    assert {k for k, v in defined.items() if v is None} == {k for k, v in reported.items() if v is None}


def test_json_gap_tells_at_risk_from_behind_at_the_tolerance(runner: CliRunner, workdir: Path) -> None:
    """612 of 1360 at the end of June is 0.45 against 0.5: a gap of exactly −0.05, at_risk
    (tolerance 5). 611.99 is 0.449992…: −0.050007, behind; rounded half-up it was −0.05 too."""
    rows = []
    for value in ("612", "611.99"):
        out(runner, "record", "industrial-output", value, "--date", "2025-06")
        doc = json.loads(out(runner, "status", "--as-of", "2025-06", "--format", "json"))
        t = doc["actions"][0]["targets"][1]
        rows.append((t["progress"], t["gap"], t["at_risk_limit"], t["status"]))
    assert rows == [(0.45, -0.05, 0.05, "at_risk"), (0.45, -0.0501, 0.05, "behind")]


def status_from(gap: float, limit: float) -> str:
    """A reader's rule (docs/json.md) for a total or increment not met."""
    return "on_track" if gap >= 0 else "at_risk" if -gap <= limit else "behind"


@given(st.decimals(min_value=Decimal("540"), max_value=Decimal("700"), places=4))
def test_a_reader_gets_the_status_back_from_gap_and_limit(value: Decimal) -> None:
    plan = load_plan(SHIPPED_PLAN)
    doc = status_document(
        evaluate(plan, [entry("industrial-output", date(2025, 6, 30), str(value))], date(2025, 6, 30))
    )
    t = doc["actions"][0]["targets"][1]
    assert t["id"] == "industrial-output"
    assert status_from(t["gap"], t["at_risk_limit"]) == t["status"]
