"""One rule of what an entry id may be (1 to 40 letters, digits, - or _), held by ``record --id``
and by both ledger readers: the reader took an id ``--id`` refuses (``82e2186778!``, a hand edit),
so a ledger could hold an id no command could name. Such a ledger is refused by ``check`` and
every read, naming the file, the line and the fix; every id tracker draws passes the rule."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import LedgerError, append_entries, read_ledger
from ledger.entries import ID_RULE, fresh_ids, is_entry_id, new_id, reserve_ids
from ledger.errors import EntryError
from ledger.fast_reader import laid_out
from ledger.record import check_id
from tests.helpers import entry
from tests.test_store import fields, slow

FIX = (
    "id 'e000000001!' cannot be an entry id (1 to 40 letters, digits, - or _); restore the id as tracker wrote it "
    "(a hand edit changed it), and any corrects that names it"
)


def _edited(path: Path, crlf: bool) -> None:
    append_entries(path, [entry("industrial-output", date(2025, 3, 31), "318.6", 1, unit="亿元")])
    text = path.read_text(encoding="utf-8").replace('id = "e000000001"', 'id = "e000000001!"')
    path.write_bytes(text.replace("\n", "\r\n" if crlf else "\n").encode())


@pytest.mark.parametrize("crlf", [False, True])  # the fast reader's layout, and tomllib's road
def test_check_refuses_a_hand_edited_id(crlf: bool, runner: CliRunner, workdir: Path) -> None:
    _edited(workdir / "progress.toml", crlf)
    line = next(n for n, t in enumerate((workdir / "progress.toml").read_text().splitlines(), 1) if "!" in t) - 1
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == f"error: progress.toml:{line}: {FIX}"
    assert runner.invoke(app, ["status"]).exit_code == 1
    before = (workdir / "progress.toml").read_bytes()
    assert runner.invoke(app, ["record", "industrial-output", "400", "--date", "2025-04"]).exit_code == 1
    assert (workdir / "progress.toml").read_bytes() == before  # nothing appended after it


def test_the_option_says_the_same_rule(runner: CliRunner, workdir: Path) -> None:
    result = runner.invoke(app, ["record", "industrial-output", "318.6", "--date", "2025-03", "--id", "a!"])
    assert result.exit_code == 2
    assert "'a!' cannot be an entry id; use 1 to 40 letters, digits, - or _" in result.stderr
    assert ID_RULE == "1 to 40 letters, digits, - or _"


_IDS = st.text(max_size=45) | st.text(alphabet="abcXYZ019-_!. \n\"'é一", min_size=0, max_size=42)


@given(_IDS)
def test_the_option_and_both_readers_take_the_same_ids(text: str) -> None:
    """For any text: --id takes it exactly when the ledger readers (the fast reader and tomllib's
    road, which agree) take an entry with it as its id, and when is_entry_id says so."""
    try:
        check_id(text)
        option = True
    except EntryError:
        option = False
    assert option == is_entry_id(text)
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "progress.toml"
        append_entries(path, [entry("x", date(2025, 1, 31), "1", 1)])
        data = path.read_text(encoding="utf-8")
        quoted = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        path.write_text(data.replace('id = "e000000001"', f'id = "{quoted}"'), encoding="utf-8")
        for read in (lambda: [fields(e) for e in read_ledger(path)], lambda: slow(path)):
            try:
                got = read()
            except LedgerError:
                got = None
            if option:
                assert got is not None and got[0][0] == text
            else:
                assert got is None
        assert laid_out(path.read_bytes()) == (option and quoted == text)


def test_every_id_tracker_draws_is_an_id() -> None:
    drawn = [new_id() for _ in range(2000)] + reserve_ids(2000, set())
    drawn += [i for i, _ in zip(fresh_ids(set()), range(2000), strict=False)]
    assert all(is_entry_id(i) and len(i) == 10 for i in drawn)
