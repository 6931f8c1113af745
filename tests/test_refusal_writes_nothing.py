"""A refusal writes nothing: a mistyped --ledger in a folder that does not exist, and an append
refused before there is a ledger, leave no folder, no ledger and no lock file behind; what has
nothing to do (a repair of a whole ledger, an upgrade of a chained one) does it without the lock."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import ledger.store
from cli import app

SHEET = "target,date,value\nindustrial-output,2025-03,318.6\n"
# Every command that reads or writes the ledger, with what it needs besides --ledger.
COMMANDS = [
    ["record", "industrial-output", "318.6", "--date", "2025-03"],
    ["import", "sheet.csv"],
    ["amend", "abc", "5", "--reason", "核实数"],
    ["void", "abc", "--reason", "核实数"],
    ["check", "--repair"],
    ["check", "--upgrade"],
    ["check"],
    ["status"],
    ["export"],
    ["log"],
]


def files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def run(*args: str) -> tuple[int, str]:
    done = CliRunner().invoke(app, list(args), env={"TRACKER_LANG": "en"})
    return done.exit_code, done.stderr


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_ledger_in_a_missing_folder_is_refused_and_nothing_created(workdir: Path, command: list[str]) -> None:
    (workdir / "sheet.csv").write_text(SHEET, encoding="utf-8")
    before = files(workdir)
    code, err = run(*command, "--ledger", "nodir/p.toml")
    assert code == 1
    assert err.count("\n") == 1 and "nodir" in err and "does not exist" in err, err
    assert files(workdir) == before


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    command=st.sampled_from(COMMANDS),
    folders=st.lists(st.sampled_from(["nodir", "数据", "a b", ".x", "2025"]), min_size=1, max_size=3),
    name=st.sampled_from(["p.toml", "progress.toml", "台账.toml", "ledger"]),
)
def test_no_refused_ledger_path_leaves_a_file_or_folder(
    workdir: Path, command: list[str], folders: list[str], name: str
) -> None:
    (workdir / "sheet.csv").write_text(SHEET, encoding="utf-8")
    before = files(workdir)
    code, _ = run(*command, "--ledger", os.path.join(*folders, name))
    assert code == 1
    assert files(workdir) == before


def test_a_first_record_refused_leaves_no_ledger_and_no_lock(workdir: Path) -> None:
    # 500 万平方米 is ten times the whole target of 50: refused by the meaning checks, which
    # are made under the lock once there is a ledger, and before it while there is none.
    before = files(workdir)
    code, err = run("record", "innovation-space", "500", "--date", "2025-03")
    assert code == 1 and "more than the whole target of 50 万平方米" in err
    assert files(workdir) == before


def test_a_first_import_refused_leaves_no_ledger_and_no_lock(workdir: Path) -> None:
    (workdir / "big.csv").write_text("target,date,value\ninnovation-space,2025-03,500\n", encoding="utf-8")
    before = files(workdir)
    code, err = run("import", "big.csv")
    assert code == 1 and "more than the whole target of 50 万平方米" in err
    assert files(workdir) == before


def test_a_first_record_that_passes_still_lands(workdir: Path) -> None:
    code, _ = run("record", "innovation-space", "12.5", "--date", "2025-03")
    assert code == 0
    assert {"progress.toml", "progress.toml.lock"} <= files(workdir)


@pytest.mark.parametrize("option", ["--repair", "--upgrade"])
def test_repair_and_upgrade_of_a_plan_with_no_ledger_yet_create_nothing(workdir: Path, option: str) -> None:
    before = files(workdir)
    code, _ = run("check", option)
    assert code == 0
    assert files(workdir) == before


def _no_lock(path: Path) -> None:
    raise AssertionError("the lock was taken")


@pytest.mark.parametrize("option", ["--repair", "--upgrade"])
def test_nothing_to_repair_or_upgrade_is_told_without_the_lock(
    workdir: Path, option: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As on a read-only file system, where the lock cannot be taken: a whole, chained ledger
    # needs neither, so check says it is valid instead of failing on the lock.
    assert run("record", "industrial-output", "318.6", "--date", "2025-03")[0] == 0
    (workdir / "progress.toml.lock").unlink()
    monkeypatch.setattr(ledger.store, "ledger_lock", _no_lock)
    code, err = run("check", option)
    assert (code, err) == (0, "")
    assert not (workdir / "progress.toml.lock").exists()


def test_a_torn_end_is_still_repaired_under_the_lock(workdir: Path) -> None:
    assert run("record", "industrial-output", "318.6", "--date", "2025-03")[0] == 0
    assert run("record", "industrial-output", "400", "--date", "2025-04")[0] == 0
    ledger_file = workdir / "progress.toml"
    data = ledger_file.read_bytes()
    ledger_file.write_bytes(data[:-10])  # the last entry's `recorded` line cut short
    code, err = run("check", "--repair")
    assert code == 0 and err.startswith("repaired: moved the incomplete end of progress.toml into ")
    assert [p.name for p in workdir.glob("progress.toml.torn-*")] != []
    assert b"value = 400" not in ledger_file.read_bytes() and b"value = 318.6" in ledger_file.read_bytes()


def test_a_lock_planted_as_a_symbolic_link_is_refused_with_the_fix(workdir: Path) -> None:
    assert run("record", "industrial-output", "318.6", "--date", "2025-03")[0] == 0
    ledger_file, lock = workdir / "progress.toml", workdir / "progress.toml.lock"
    before = ledger_file.read_bytes()
    lock.unlink()
    lock.symlink_to(workdir / "elsewhere")
    code, err = run("record", "industrial-output", "400", "--date", "2025-04")
    assert code == 1
    assert err == (
        f"error: {lock}: cannot take the ledger's lock: it is a symbolic link, which tracker does not follow; "
        f"nothing was written; delete it (`rm {lock}`): it holds no data, and the next command makes it anew\n"
    )
    assert ledger_file.read_bytes() == before and not (workdir / "elsewhere").exists()
    lock.unlink()  # the fix, as the line gives it
    assert run("record", "industrial-output", "400", "--date", "2025-04")[0] == 0


def test_a_lock_that_is_a_folder_is_refused_with_the_fix(workdir: Path) -> None:
    """Found by a trial: "cannot take the ledger's lock: Is a directory; nothing was written" said no fix."""
    assert run("record", "industrial-output", "318.6", "--date", "2025-03")[0] == 0
    ledger_file, lock = workdir / "progress.toml", workdir / "progress.toml.lock"
    before = ledger_file.read_bytes()
    lock.unlink()
    lock.mkdir()
    code, err = run("record", "industrial-output", "400", "--date", "2025-04")
    assert code == 1
    assert err == (
        f"error: {lock}: cannot take the ledger's lock: it is a folder; nothing was written; delete it "
        f"(`rmdir {lock}`, once anything in it is moved out): the lock is a file that holds no data, and the next "
        "command makes it anew\n"
    )
    assert ledger_file.read_bytes() == before
    lock.rmdir()  # the fix, as the line gives it
    assert run("record", "industrial-output", "400", "--date", "2025-04")[0] == 0


@pytest.mark.parametrize("command", [c for c in COMMANDS if c[0] in ("record", "import", "amend", "void")])
def test_no_ledger_is_created_through_a_dangling_link(workdir: Path, command: list[str]) -> None:
    """Found by a trial: with `progress.toml` a symbolic link to a file not there, `record`
    created the link's target and wrote there, which `--output` refuses to do."""
    (workdir / "sheet.csv").write_text(SHEET, encoding="utf-8")
    link, target = workdir / "progress.toml", workdir / "shared" / "progress.toml"
    target.parent.mkdir()
    link.symlink_to(target)
    code, err = run(*command)
    assert code == 1
    if command[0] in ("record", "import"):  # amend and void find no entry to correct first
        assert err == (
            f"error: progress.toml: is a symbolic link to {target}, which does not exist; nothing was written (no "
            f"ledger is created through a link); point the link at the ledger file, or create the file it names "
            f"(`touch {target}`) to start the ledger there\n"
        )
    assert files(workdir / "shared") == set() and not (workdir / "progress.toml.lock").exists()
    target.touch()  # the fix, as the line gives it
    assert run("record", "industrial-output", "318.6", "--date", "2025-03")[0] == 0
    assert b"value = 318.6" in target.read_bytes()
