"""`export` after a crash left a torn last entry: like the reports, it warns on stderr and writes
the complete entries, so a backup can be made before `check --repair` (docs/files.md)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from tests.conftest import SHIPPED_PLAN


def run(*args: str) -> tuple[int, str, str]:
    done = CliRunner().invoke(app, list(args), env={"TRACKER_LANG": "en"})
    return done.exit_code, done.stdout, done.stderr


def two_entries(workdir: Path) -> bytes:
    """The ledger after two records (318.6 for March, then 400 for April), as bytes."""
    for value, month in (("318.6", "2025-03"), ("400", "2025-04")):
        assert run("record", "industrial-output", value, "--date", month)[0] == 0
    return (workdir / "progress.toml").read_bytes()


def values(exported_csv: str) -> list[str]:
    return [row["value"] for row in csv.DictReader(io.StringIO(exported_csv))]


def test_export_of_a_torn_ledger_warns_and_writes_the_complete_entries(workdir: Path) -> None:
    data = two_entries(workdir)
    (workdir / "progress.toml").write_bytes(data[:-10])  # cut in the last entry's `recorded` line
    code, out, err = run("export", "--format", "csv")
    assert code == 0
    assert values(out) == ["318.6"]
    [warning] = err.splitlines()
    assert warning.startswith("warning: progress.toml:") and "the last entry is incomplete" in warning
    assert warning.endswith("it is left out; run `tracker check --repair` to move it aside")
    code, out, _ = run("export", "--format", "jsonl")
    assert code == 0 and [json.loads(line)["value"] for line in out.splitlines()] == [318.6]


def test_the_backup_exported_before_repair_is_the_ledger_after_it(workdir: Path) -> None:
    data = two_entries(workdir)
    (workdir / "progress.toml").write_bytes(data[:-10])
    assert run("export", "-o", "backup.toml")[0] == 0
    code, _, err = run("check", "--repair")
    assert code == 0 and err.startswith("repaired:")
    assert run("export", "-o", "after.toml")[0] == 0
    assert (workdir / "backup.toml").read_text(encoding="utf-8") == (workdir / "after.toml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def whole(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """A folder with the shipped plan, and a ledger of two entries (318.6, then 400) as bytes."""
    folder = tmp_path_factory.mktemp("torn")
    shutil.copy(SHIPPED_PLAN, folder / "targets.toml")
    where = ["--targets", str(folder / "targets.toml"), "--ledger", str(folder / "progress.toml")]
    for value, month in (("318.6", "2025-03"), ("400", "2025-04")):
        assert run("record", "industrial-output", value, "--date", month, *where)[0] == 0
    return folder, (folder / "progress.toml").read_bytes()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_export_after_a_cut_anywhere_in_the_last_entry_gives_the_entries_before_it(
    whole: tuple[Path, bytes], data: st.DataObject
) -> None:
    folder, ledger = whole
    start = ledger.rindex(b"[[entry]]")
    # From inside the last entry's header to its `recorded` value without its closing quote.
    cut = data.draw(st.integers(start + 1, len(ledger) - 2))
    (folder / "cut.toml").write_bytes(ledger[:cut])
    code, out, err = run("export", "--targets", str(folder / "targets.toml"), "--ledger", str(folder / "cut.toml"))
    assert code == 0, err
    assert values(out) == ["318.6"]
    assert err.count("\n") == 1 and err.startswith("warning: ")
