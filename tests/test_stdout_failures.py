"""A stdout that cannot be written, in real processes: a full disk (/dev/full) or a stdout closed
before the run (`>&-`) is one line on stderr and exit 1, never a traceback; a reader that closes
the pipe early (`| head -1`, `| true`) ends the run quietly with 0; a change already made (an
entry recorded) is confirmed on stderr instead and stands."""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cli_env import OutputFailed, ReaderGone, Stdout
from tests.test_subprocess import TRACKER, env, folder, shell  # noqa: F401 (folder is a fixture)

pytestmark = pytest.mark.skipif(TRACKER is None, reason="the tracker console script is not installed")

# Every command that writes data to stdout, as a report or a document.
WRITERS = [
    "status",
    "status --format json",
    "status --format csv",
    "report",
    "export",
    "export --format jsonl",
    "log --format json",
    "log",
    "show industrial-output",
    "targets",
    "due",
    "check --format json",
]

FULL = "error: cannot write to standard output: no space left on device\n"
CLOSED = (
    "error: cannot write to standard output: it was closed when tracker started; "
    "give it somewhere to go (> FILE, or > /dev/null)\n"
)


@pytest.fixture
def recorded(folder: Path) -> Path:  # noqa: F811 (the fixture imported above)
    done = shell(f'"{TRACKER}" record industrial-output 318.6 --date 2025-03', folder)
    assert done.returncode == 0, done.stderr
    return folder


def entries(where: Path) -> list[str]:
    """The values of the ledger's entries, read back by the reports (a stray write would break them)."""
    done = shell(f'"{TRACKER}" log --format json', where)
    assert done.returncode == 0, done.stderr
    return [str(e["value"]) for e in json.loads(done.stdout)["entries"]]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("command", WRITERS)
def test_a_full_disk_on_stdout_is_one_line_and_exit_1(recorded: Path, command: str) -> None:
    done = shell(f'"{TRACKER}" {command} > /dev/full', recorded, TRACKER_LANG="en")
    assert (done.returncode, done.stderr) == (1, FULL)


@pytest.mark.parametrize("command", WRITERS)
def test_a_stdout_closed_before_the_run_is_one_line_and_exit_1(recorded: Path, command: str) -> None:
    done = shell(f'"{TRACKER}" {command} >&-', recorded, TRACKER_LANG="en")
    assert (done.returncode, done.stderr) == (1, CLOSED)


def test_an_import_from_a_stdin_closed_before_the_run_is_one_line_and_exit_1(recorded: Path) -> None:
    # A daemon or a `<&-` in a script: Python starts with sys.stdin None, and nothing is read or written.
    done = shell(f'"{TRACKER}" import - <&-', recorded, TRACKER_LANG="en")
    assert (done.returncode, done.stderr) == (
        1,
        "error: <stdin>: standard input is closed; give the sheet as a FILE, or pipe it in "
        "(tracker import - < sheet.csv)\n",
    )
    assert entries(recorded) == ["318.6"]


@pytest.mark.parametrize("command", ["status", "status --format json", "export", "log", "report"])
def test_a_reader_that_closed_the_pipe_ends_the_run_quietly_with_0(recorded: Path, command: str) -> None:
    done = _into_a_closed_pipe(command, recorded)
    assert (done.returncode, done.stderr) == (0, b"")


def _into_a_closed_pipe(command: str, where: Path) -> subprocess.CompletedProcess[bytes]:
    """``tracker COMMAND`` run in ``where`` with stdout a pipe whose read end is closed before it
    starts, so that its first write surely meets EPIPE."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(
            [str(TRACKER), *command.split()],
            cwd=where,
            env=env(TRACKER_LANG="en"),
            stdout=write,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write)


@pytest.mark.parametrize(
    ("command", "code"),
    [
        ("check --fail-on behind --as-of 2025-12-31", 3),
        ("check --fail-on behind --as-of 2025-12-31 --format json", 3),
        ("due --fail-on late --as-of 2025-12-31", 3),
        ("due --fail-on late --as-of 2025-12-31 --format json", 3),
        ("check --fail-on behind --as-of 2025-04-30 --target industrial-output", 0),
        ("check --format json --ledger missing.toml", 1),
    ],
)
def test_a_verdicts_exit_stands_when_the_reader_closed_the_pipe(recorded: Path, command: str, code: int) -> None:
    # `tracker check --fail-on behind | head -1` under `set -o pipefail`: a failed check is never
    # read as a pass because the reader left early (March's 318.6 of 1,360 is behind by December).
    done = _into_a_closed_pipe(command, recorded)
    assert done.returncode == code, done.stderr


def test_head_under_pipefail_passes(recorded: Path) -> None:
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", f'"{TRACKER}" export | head -c 10 >/dev/null; "{TRACKER}" status | true'],
        cwd=recorded,
        env=env(),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, b"")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_a_recorded_entry_whose_confirmation_cannot_be_written_stands_and_says_so(recorded: Path) -> None:
    done = shell(f'"{TRACKER}" record industrial-output 400 --date 2025-04 > /dev/full', recorded, TRACKER_LANG="en")
    # Exit 0: the entry is in the ledger, and a failure would have a script record it again.
    assert done.returncode == 0
    warning, confirmation = done.stderr.splitlines()
    assert warning == ("warning: cannot write to standard output: no space left on device; this was done all the same:")
    assert confirmation.startswith("recorded ") and "industrial-output = 400 亿元 as of 2025-04-30" in confirmation
    assert entries(recorded) == ["318.6", "400"]


def test_a_record_with_stdout_closed_writes_nothing_stray_into_the_ledger(recorded: Path) -> None:
    # With descriptor 1 closed, the ledger's lock or the ledger itself would get it: nothing may
    # write there but the append.
    done = shell(f'"{TRACKER}" record industrial-output 400 --date 2025-04 >&-', recorded, TRACKER_LANG="en")
    assert done.returncode == 0
    assert done.stderr.splitlines()[0].startswith("warning: cannot write to standard output: it was closed")
    assert entries(recorded) == ["318.6", "400"]
    check = shell(f'"{TRACKER}" check', recorded)
    assert (check.returncode, check.stderr) == (0, "")


def test_a_stderr_closed_too_gives_the_exit_status_alone(recorded: Path) -> None:
    done = shell(f'"{TRACKER}" status >&- 2>&-', recorded)
    assert (done.returncode, done.stdout, done.stderr) == (1, "", "")


class _Failing(io.StringIO):
    def __init__(self, error: OSError) -> None:
        super().__init__()
        self.error = error

    def write(self, text: str) -> int:
        raise self.error


@given(st.sampled_from(sorted(errno.errorcode)))
def test_every_failed_write_is_one_line_or_a_reader_gone(code: int) -> None:
    error = OSError(code, os.strerror(code))
    stream = Stdout(_Failing(error))
    if isinstance(error, BrokenPipeError):  # EPIPE, and ESHUTDOWN (a socket shut down): the reader went away
        with pytest.raises(ReaderGone):
            stream.write("x")
        return
    with pytest.raises(OutputFailed) as failed:
        stream.write("x")
    reason = os.strerror(code)
    assert failed.value.message == f"error: cannot write to standard output: {reason[0].lower()}{reason[1:]}"
    assert "\n" not in failed.value.message


def test_a_broken_pipe_error_is_a_reader_gone_whatever_its_errno() -> None:
    with pytest.raises(ReaderGone):
        Stdout(_Failing(BrokenPipeError())).write("x")
