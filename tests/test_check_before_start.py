"""``tracker check --as-of`` a day before the plan starts: every target would be judged with
nothing due yet and ``--fail-on`` would pass (January's job checking December, pointed at the
new plan). It is refused in one line naming the plan's period and the plan to check instead."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app


def _next_plan(folder: Path) -> None:
    """The shipped plan moved to 2026, its ledger progress-2026.toml, 2025's as previous_ledger."""
    text = (folder / "targets.toml").read_text(encoding="utf-8")
    text = re.sub(r"\b2025-(\d\d-\d\d)\b", r"2026-\1", text)
    text = text.replace(
        "end = 2026-12-31\n", 'end = 2026-12-31\nledger = "progress-2026.toml"\nprevious_ledger = "progress.toml"\n', 1
    )
    (folder / "targets-2026.toml").write_text(text, encoding="utf-8")


def test_a_day_before_the_plan_names_the_previous_plan(workdir: Path, runner: CliRunner) -> None:
    assert runner.invoke(app, ["record", "industrial-output", "110", "--date", "2025-12"]).exit_code == 0
    _next_plan(workdir)
    result = runner.invoke(
        app, ["check", "--targets", "targets-2026.toml", "--as-of", "2025-12", "--fail-on", "behind"]
    )
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "error: targets-2026.toml: --as-of 2025-12-31 is before the plan period 2026-01-01 to 2026-12-31: every "
        "target would pass, none being due anything yet; 2025-12-31 is in the previous plan's period "
        "(targets.toml, 2025-01-01 to 2025-12-31): check it there with --targets targets.toml\n"
    )
    # and the plan it names judges December: industrial-output (110 of 1,360 in 1—12月) is short there
    there = runner.invoke(app, ["check", "--targets", "targets.toml", "--as-of", "2025-12", "--fail-on", "behind"])
    assert there.exit_code == 3
    assert "not_achieved: industrial-output (工业总产值)" in there.stdout.splitlines()


def test_without_a_previous_plan_it_names_the_months(workdir: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "--as-of", "2024-12", "--format", "json"])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert [p["text"] for p in doc["problems"]] == [
        "targets.toml: --as-of 2024-12-31 is before the plan period 2025-01-01 to 2025-12-31: every target would "
        "pass, none being due anything yet; give a date from 2025-01 to 2025-12, or check the plan that holds "
        "2024-12-31 with --targets"
    ]


def test_a_day_after_the_end_is_noted_and_judged_as_the_end(workdir: Path, runner: CliRunner) -> None:
    # The year's final judgement stands after the end (README, Cron): noted, not refused.
    result = runner.invoke(app, ["check", "--as-of", "2026-02"])
    assert result.exit_code == 0
    assert result.stderr == (
        "note: 2026-02-28 is outside the plan period 2025-01-01 to 2025-12-31; figures are as at the period's edge\n"
    )


def test_a_refused_day_is_the_as_of_of_the_problems_document(workdir: Path, runner: CliRunner) -> None:
    """The document's ``as_of`` is the day asked, as the problem says it (2024-12 read as its
    last day), not ``null`` as if the run had stopped before reading it."""
    result = runner.invoke(app, ["check", "--as-of", "2024-12", "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["as_of"] == "2024-12-31"


def test_a_ledger_refused_says_the_day_it_was_checked_at(workdir: Path, runner: CliRunner) -> None:
    """Once the plan is read the day is known: a ledger refused after it (here one named by
    --ledger that is not there) carries it, as a valid ledger's document does."""
    result = runner.invoke(app, ["check", "--as-of", "2025Q2", "--ledger", "nosuch.toml", "--format", "json"])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert (doc["as_of"], [p["file"] for p in doc["problems"]]) == ("2025-06-30", ["nosuch.toml"])


def test_check_reads_as_of_once(workdir: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """The refusal of a day before the plan and the day judged at are one reading of --as-of."""
    import ledger

    read: list[str] = []
    parse = ledger.parse_date

    def counted(text: str, first: bool = False) -> date:
        read.append(text)
        return parse(text, first)

    monkeypatch.setattr(ledger, "parse_date", counted)
    result = runner.invoke(app, ["check", "--as-of", "2025-06"])
    assert (result.exit_code, read.count("2025-06")) == (0, 1)
