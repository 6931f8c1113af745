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
from hypothesis import given
from hypothesis import strategies as st

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
    [note] = doc["notes"]  # the file in its key too, as a problem's (docs/json.md), not in the message alone
    assert (note["file"], note["row"], note["message"]) == (str(sheet), None, "columns not used: 序号")
    assert said(folder, f'import "{sheet}" --encoding gb18030 --dry-run') == (
        f"note: {sheet}: columns not used: 序号\n"
        "dry run: 4 entries would be recorded in progress.toml; nothing was written\n"
    )


def test_a_dry_runs_notes_name_the_row_they_pass_over(folder: Path) -> None:
    (folder / "s.csv").write_text(
        "临平经开区2025年1-8月主要指标\n指标名称,1-8月累计（亿元）\n工业总产值,842.7\n其中：高新技术产业,512.3\n"
        "一、工业,\n",
        encoding="utf-8",
    )
    doc = document(folder, "import s.csv --skip-unknown --dry-run --show json")
    keys = [(n["file"], n["row"], n["target"], n["message"]) for n in doc["notes"]]
    assert keys == [
        ("s.csv", 5, None, "1 row without a figure passed over: row 5 (一、工业)"),
        ("s.csv", 4, None, "skipped row 4 (其中：高新技术产业): it names no target (--skip-unknown)"),
    ]
    assert said(folder, "import s.csv --skip-unknown --dry-run").splitlines()[:2] == [
        "note: s.csv: 1 row without a figure passed over: row 5 (一、工业)",
        "note: s.csv: skipped row 4 (其中：高新技术产业): it names no target (--skip-unknown)",
    ]


def test_targets_ends_in_notes_as_every_document(folder: Path) -> None:
    doc = document(folder, "targets --format json")
    assert (list(doc), doc["notes"]) == (["schema", "plan", "actions", "targets", "notes"], [])


_NOTES = st.one_of(
    st.integers(1, 999).map(lambda r: (f"s.csv: skipped row {r} (其中：x): it names no target (--skip-unknown)", r)),
    st.lists(st.integers(1, 999), min_size=2, max_size=4, unique=True).map(
        lambda rs: ("s.csv: rows without a figure passed over: " + ", ".join(f"row {r} (x)" for r in rs), None)
    ),
    st.just(("s.csv: columns not used: 序号, 备注", None)),
    st.just(("a note naming no file", None)),
)


@given(st.lists(_NOTES, max_size=5))
def test_a_notes_keys_never_change_its_text(noted: list[tuple[str, int | None]]) -> None:
    """The file a note begins with is its file, a row it names alone its row; several rows, no row."""
    from ledger.importing import ImportResult

    notes = [note for note, _ in noted]
    problems = ImportResult("s.csv", [], notes, [], False).note_problems()
    assert [str(p) for p in problems] == notes  # stderr's line, as before
    assert [(p.file, p.row) for p in problems] == [
        ("s.csv" if note.startswith("s.csv: ") else None, row) for note, row in noted
    ]
