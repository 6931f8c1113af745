"""A ledger, plan or mapping path naming a device, named pipe or socket is refused in one line
before anything is read (README, "Commands"); a sheet may come through a pipe, as with ``-``.

Real processes with a timeout: without the refusal /dev/zero is read without end and a pipe
with no writer waits for ever, and a hang must fail the test, not stall it."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ledger.regular import NotRegularFile, read_regular, refuse_special
from tests.conftest import SHIPPED_PLAN

TRACKER = shutil.which("tracker", path=str(Path(sys.executable).parent)) or shutil.which("tracker")
pytestmark = [
    pytest.mark.skipif(TRACKER is None, reason="the tracker console script is not installed"),
    pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX"),
]
LEDGER_FIX = "give the ledger file with --ledger or TRACKER_LEDGER"


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    shutil.copy(SHIPPED_PLAN, tmp_path / "targets.toml")
    os.mkfifo(tmp_path / "pipe")
    # A socket's path must be short (108 bytes): bind inside the folder by a relative name.
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        server = socket.socket(socket.AF_UNIX)
        server.bind("sock")
    finally:
        os.chdir(here)
    yield tmp_path
    server.close()


def run(folder: Path, *args: str, stdin: bytes = b"", **env: str) -> subprocess.CompletedProcess[str]:
    assert TRACKER is not None
    base = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    done = subprocess.run(
        [TRACKER, *args],
        cwd=folder,
        env={**base, "LANG": "C.UTF-8", **env},
        input=stdin,
        capture_output=True,
        timeout=30,
    )
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode(), done.stderr.decode())


@pytest.mark.parametrize(
    ("path", "kind", "args", "env"),
    [
        ("/dev/zero", "a character device", ["status", "--ledger", "/dev/zero"], {}),
        ("pipe", "a named pipe (FIFO)", ["status"], {"TRACKER_LEDGER": "pipe"}),
        (
            "pipe",
            "a named pipe (FIFO)",
            ["record", "innovation-space", "2", "--date", "2025-03", "--ledger", "pipe"],
            {},
        ),
        ("sock", "a socket", ["check", "--ledger", "sock"], {}),
    ],
    ids=["device", "env-pipe", "record-pipe", "socket"],
)
def test_a_ledger_that_is_not_a_file_is_refused_before_reading(
    folder: Path, path: str, kind: str, args: list[str], env: dict[str, str]
) -> None:
    result = run(folder, *args, **env)
    assert (result.returncode, result.stderr) == (1, f"error: {path}: is {kind}, not a ledger file; {LEDGER_FIX}\n")
    assert sorted(p.name for p in folder.iterdir()) == ["pipe", "sock", "targets.toml"]  # no ledger, no lock


def test_recording_into_dev_null_is_refused_not_lost(folder: Path) -> None:
    result = run(folder, "record", "innovation-space", "2", "--date", "2025-03", "--ledger", "/dev/null")
    assert result.returncode == 1
    assert result.stderr == f"error: /dev/null: is a character device, not a ledger file; {LEDGER_FIX}\n"


@pytest.mark.parametrize(("path", "kind"), [("/dev/zero", "a character device"), ("pipe", "a named pipe (FIFO)")])
def test_a_plan_that_is_not_a_file_is_refused(folder: Path, path: str, kind: str) -> None:
    fix = "give the plan file with --targets or TRACKER_TARGETS"
    result = run(folder, "status", **{"TRACKER_TARGETS": path})
    assert (result.returncode, result.stderr) == (1, f"error: {path}: is {kind}, not a plan file; {fix}\n")


def test_a_sheet_from_a_device_is_refused_and_one_through_a_pipe_is_read(folder: Path) -> None:
    result = run(folder, "import", "/dev/zero")
    assert result.returncode == 1
    assert result.stderr == (
        "error: /dev/zero: is a character device, not a sheet; name the sheet's file, or give - and pipe it in\n"
    )
    # A named pipe is a stream someone writes the sheet into, as `-` is: it is waited for and read.
    sheet = "target,date,value\ninnovation-space,2025-03,2\n"
    result = subprocess.run(
        f'printf "{sheet}" > pipe & "{TRACKER}" import pipe',
        shell=True,
        cwd=folder,
        capture_output=True,
        timeout=30,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "imported 1 entry from pipe into progress.toml (1 in its target's unit)\n"
    result = run(folder, "import", "-", "--dry-run", stdin=sheet.replace("2025-03", "2025-04").encode())
    assert result.returncode == 0, result.stderr


def test_a_mapping_that_is_not_a_file_is_refused(folder: Path) -> None:
    (folder / "s.csv").write_text("target,date,value\ninnovation-space,2025-03,2\n", encoding="utf-8")
    result = run(folder, "import", "s.csv", "--map-file", "pipe")
    assert result.returncode == 1
    assert result.stderr == "error: pipe: is a named pipe (FIFO), not a file; give --map-file the mapping file\n"


def test_read_regular(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_bytes(b"x = 1\n")
    (tmp_path / "link").symlink_to(tmp_path / "a.toml")
    os.mkfifo(tmp_path / "p")
    assert read_regular(tmp_path / "a.toml") == b"x = 1\n"
    assert read_regular(tmp_path / "link") == b"x = 1\n"
    with pytest.raises(FileNotFoundError):
        read_regular(tmp_path / "missing")
    with pytest.raises(IsADirectoryError):
        read_regular(tmp_path)
    with pytest.raises(NotRegularFile) as caught:
        read_regular(tmp_path / "p")
    assert caught.value.kind == "a named pipe (FIFO)"
    with pytest.raises(NotRegularFile):
        refuse_special("/dev/null")
    for fine in (tmp_path / "a.toml", tmp_path, tmp_path / "missing"):
        refuse_special(fine)
