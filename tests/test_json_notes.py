"""README, JSON: with `--format json` (`import --dry-run --show json`) stderr stays empty and what
the run notes is in the document, as `notes` (each with a problem's keys), where every program
reading it finds it. Each command in a real process, stdout and stderr apart; the same run as a
table says the note on stderr, so each test would fail if the note were dropped instead."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.test_subprocess import TRACKER, shell

pytestmark = pytest.mark.skipif(TRACKER is None, reason="the tracker console script is not installed")

OUTSIDE = {
    "file": None, "line": None, "row": None, "where": None, "target": None, "entry": None,
    "message": "2026-01-31 is outside the plan period 2025-01-01 to 2025-12-31",
    "fix": "figures are as at the period's edge",
    "text": "2026-01-31 is outside the plan period 2025-01-01 to 2025-12-31; figures are as at the period's edge",
}  # fmt: skip
TORN = "the last entry is incomplete (a write was cut short); it is left out"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The shipped plan with two figures of industrial output."""
    shutil.copy(ROOT / "targets.toml", tmp_path / "targets.toml")
    for value, month in (("318.6", "2025-03"), ("430.2", "2025-04")):
        assert shell(f'"{TRACKER}" record industrial-output {value} --date {month}', tmp_path).returncode == 0
    return tmp_path


@pytest.fixture
def torn(folder: Path) -> int:
    """The ledger ends in an entry a crash cut short (no `recorded`); the line it starts on."""
    ledger = folder / "progress.toml"
    text = ledger.read_text(encoding="utf-8")
    ledger.write_text(text + '\n[[entry]]\nid = "cut0000001"\ntarget = "industrial-output"\n', encoding="utf-8")
    return text.count("\n") + 2


def document(folder: Path, command: str, code: int = 0) -> dict[str, Any]:
    """The JSON document ``command`` writes, its run checked to leave stderr empty."""
    result = shell(f'"{TRACKER}" {command}', folder)
    assert (result.returncode, result.stderr) == (code, ""), (command, result.stderr)
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


def said(folder: Path, command: str) -> str:
    """What ``command`` (a table) says on stderr."""
    return shell(f'"{TRACKER}" {command} > /dev/null', folder).stderr


def test_status_carries_an_as_of_outside_the_plan(folder: Path) -> None:
    doc = document(folder, "status --format json --as-of 2026-01")
    assert (doc["as_of"], doc["notes"]) == ("2026-01-31", [OUTSIDE])
    assert said(folder, "status --as-of 2026-01") == f"note: {OUTSIDE['text']}\n"
    assert document(folder, "status --format json --as-of 2025-06")["notes"] == []  # inside: nothing to note


def test_show_carries_an_as_of_outside_the_plan(folder: Path) -> None:
    doc = document(folder, "show industrial-output --format json --as-of 2026-01")
    assert (doc["progress"]["current"], doc["notes"]) == (430.2, [OUTSIDE])
    assert said(folder, "show industrial-output --as-of 2026-01") == f"note: {OUTSIDE['text']}\n"


def test_check_carries_an_as_of_outside_the_plan(folder: Path) -> None:
    doc = document(folder, "check --format json --as-of 2026-01")
    assert (doc["valid"], doc["as_of"], doc["notes"]) == (True, "2026-01-31", [OUTSIDE])
    assert said(folder, "check --as-of 2026-01") == f"note: {OUTSIDE['text']}\n"


def test_check_carries_its_notes_beside_its_problems(folder: Path, torn: int) -> None:
    doc = document(folder, "check --format json --as-of 2026-01", code=1)
    [problem] = doc["problems"]
    assert (doc["valid"], problem["line"], problem["entry"], doc["notes"]) == (False, torn, "cut0000001", [OUTSIDE])


def test_status_carries_a_torn_end_left_out(folder: Path, torn: int) -> None:
    [note] = document(folder, "status --format json --as-of 2025-06")["notes"]
    assert (note["file"], note["line"], note["entry"], note["message"]) == ("progress.toml", torn, "cut0000001", TORN)
    assert note["fix"] == "run `tracker check --repair` to move it aside"
    assert said(folder, "status --as-of 2025-06").startswith(f"warning: progress.toml:{torn}: ")


def test_due_carries_a_torn_end_left_out(folder: Path, torn: int) -> None:
    doc = document(folder, "due --format json --as-of 2025-06-20")
    [note] = doc["notes"]
    assert (doc["schema"], note["line"], note["message"]) == ("tracker.due/3", torn, TORN)
    assert said(folder, "due --as-of 2025-06-20").startswith(f"warning: progress.toml:{torn}: ")


def test_log_carries_a_torn_end_left_out(folder: Path, torn: int) -> None:
    doc = document(folder, "log --format json")
    [note] = doc["notes"]
    assert ([e["value"] for e in doc["entries"]], note["line"], note["message"]) == ([318.6, 430.2], torn, TORN)
    assert said(folder, "log").startswith(f"warning: progress.toml:{torn}: ")


def test_a_dry_runs_document_carries_the_sheets_notes(folder: Path) -> None:
    sheet = ROOT / "examples" / "department-2025-08-illustrative.csv"
    doc = document(folder, f'import "{sheet}" --encoding gb18030 --dry-run --show json')
    assert (doc["written"], len(doc["entries"])) == (False, 4)
    assert [n["text"] for n in doc["notes"]] == [f"{sheet}: columns not used: 序号"]
    assert said(folder, f'import "{sheet}" --encoding gb18030 --dry-run') == (
        f"note: {sheet}: columns not used: 序号\n"
        "dry run: 4 entries would be recorded in progress.toml; nothing was written\n"
    )
