"""`tracker sheet` never writes over a sheet already there, which may be one a unit filled in
and returned under the name it was sent with: refused in one line naming the files, nothing
written, unless `--overwrite` (then `replaced FILE`). Without -o it says where it wrote, on a
terminal or not."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from cli import ExitCode, app
from tests.conftest import ROOT
from tests.test_departments import HEAD, TARGETS


def run(runner: CliRunner, *args: str):
    return runner.invoke(app, list(args))


REFUSED = (
    "error: {names}: already there (a sheet filled in and returned may be in it); nothing was written; "
    "give another -o (a file, or a folder ending in /), or --overwrite to replace {it}\n"
)


def test_a_sheet_there_already_is_refused_and_kept(runner: CliRunner, workdir: Path) -> None:
    first = run(runner, "sheet", "--month", "2025-09", "--format", "csv")
    assert first.exit_code == 0, first.stderr
    sheet = workdir / "all-2025-09.csv"
    rows = [line for line in sheet.read_text(encoding="utf-8-sig").splitlines()[1:] if line.strip()]
    assert first.stderr == f"wrote all-2025-09.csv: {len(rows)} rows\n"  # no -o: said off a terminal too
    filled = sheet.read_text(encoding="utf-8-sig") + "MY EDITS\n"
    sheet.write_text(filled, encoding="utf-8-sig")

    again = run(runner, "sheet", "--month", "2025-09", "--format", "csv")
    assert again.exit_code == ExitCode.ERROR
    assert again.stderr == REFUSED.format(names="all-2025-09.csv", it="it")
    assert sheet.read_text(encoding="utf-8-sig") == filled

    replaced = run(runner, "sheet", "--month", "2025-09", "--format", "csv", "--overwrite")
    assert replaced.exit_code == 0, replaced.stderr
    assert replaced.stderr == f"replaced all-2025-09.csv: {len(rows)} rows\n"
    assert "MY EDITS" not in sheet.read_text(encoding="utf-8-sig")


def test_a_named_workbook_is_refused_the_second_time(runner: CliRunner, workdir: Path) -> None:
    assert (
        run(runner, "sheet", "--month", "2025-09", "-o", "sep.xlsx").stderr == ""
    )  # -o named it: quiet off a terminal
    before = (workdir / "sep.xlsx").read_bytes()
    again = run(runner, "sheet", "--month", "2025-09", "-o", "sep.xlsx")
    assert again.exit_code == ExitCode.ERROR
    assert again.stderr == REFUSED.format(names="sep.xlsx", it="it")
    assert (workdir / "sep.xlsx").read_bytes() == before
    assert run(runner, "sheet", "--month", "2025-09", "-o", "sep.xlsx", "--overwrite").exit_code == 0


def test_one_unit_sheet_there_refuses_them_all(runner: CliRunner, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "targets.toml").write_text(HEAD + TARGETS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "科技局-2025-06.xlsx").write_bytes(b"returned")
    refused = run(runner, "sheet", "--month", "2025-06", "-o", "out/")
    assert refused.exit_code == ExitCode.ERROR
    assert refused.stderr.splitlines()[-1] + "\n" == REFUSED.format(names="out/科技局-2025-06.xlsx", it="it")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["科技局-2025-06.xlsx"]  # nothing written
    assert (tmp_path / "out" / "科技局-2025-06.xlsx").read_bytes() == b"returned"


def test_where_it_wrote_is_said_through_a_pipe(workdir: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cli", "sheet", "--month", "2025-09", "--format", "csv"],
        capture_output=True,
        text=True,
        cwd=workdir,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert done.stderr.startswith("wrote all-2025-09.csv: ") and done.stderr.endswith(" rows\n")


def test_a_file_whose_extension_says_the_other_format_is_refused(runner: CliRunner, workdir: Path) -> None:
    # CSV text written into sep.xlsx is a workbook Excel cannot open: refused, as status -o refuses it.
    for name, fmt, said in (("sep.xlsx", "csv", "xlsx"), ("sep.csv", "xlsx", "csv"), ("SEP.CSV", "xlsx", "csv")):
        refused = run(runner, "sheet", "--month", "2025-09", "-o", name, "--format", fmt)
        assert refused.exit_code == ExitCode.USAGE
        assert f"{name} says {said}, but --format is {fmt}" in refused.stderr
        assert not (workdir / name).exists()
    # The extension alone, or both agreeing, or a folder, choose the format as before.
    for args, written, magic in (
        (("-o", "a.csv"), "a.csv", b"\xef\xbb\xbf"),
        (("-o", "b.xlsx", "--format", "xlsx"), "b.xlsx", b"PK"),
        (("-o", "c.xlsx"), "c.xlsx", b"PK"),
        (("-o", "d/", "--format", "csv"), "d/all-2025-09.csv", b"\xef\xbb\xbf"),
    ):
        done = run(runner, "sheet", "--month", "2025-09", *args)
        assert done.exit_code == 0, done.stderr
        assert (workdir / written).read_bytes().startswith(magic)
