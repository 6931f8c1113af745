"""`tracker check --upgrade` rewrites the ledger with digests: the file keeps its line ends and
the comment lines a person wrote between entries, and says how many it could not keep."""

from __future__ import annotations

import re
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger.blocks import HEADER
from ledger.chain import chained, verify
from ledger.ledger_reader import read_ledger
from ledger.store import upgrade
from tests.helpers import as_before_digests
from tests.test_corrections import recorded_id, run

NOW = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)
BACKUP = "progress.toml.pre-upgrade-20261201T083000"

ENTRY_A = (
    "[[entry]]",
    'id = "aaaaaaaaaa"',
    'target = "industrial-output"',
    "date = 2025-03-31",
    "value = 318.6",
    'unit = "亿元"',
)
ENTRY_B = (
    "[[entry]]",
    'id = "bbbbbbbbbb"',
    'target = "industrial-output"',
    "date = 2025-04-30",
    "value = 420",
    'unit = "亿元"',
)
RECORDED_A = "recorded = 2025-07-03 09:12:00+08:00"
RECORDED_B = "recorded = 2025-07-04 10:00:00+08:00"


def crlf(*lines: str) -> bytes:
    return "".join(line + "\r\n" for line in lines).encode("utf-8")


def test_a_crlf_ledger_is_upgraded_to_exact_crlf_bytes_with_its_comments(tmp_path: Path) -> None:
    """Two entries written before digests, CRLF, a comment above each and one after the last:
    every byte of the upgraded file is known, and the old file is the backup, byte for byte."""
    ledger = tmp_path / "progress.toml"
    old = crlf(
        *HEADER.splitlines(),
        "# March figure from the bureau's bulletin",
        "",
        *ENTRY_A,
        RECORDED_A,
        "",
        "# April: checked with Li on 5 May",
        "",
        *ENTRY_B,
        RECORDED_B,
        "# end of what was typed by hand",
    )
    ledger.write_bytes(old)
    entries = read_ledger(ledger)
    digest_a, digest_b = (e.digest for e in chained("", entries))
    assert digest_a is not None and re.fullmatch("[0-9a-f]{32}", digest_a)

    done = upgrade(ledger, NOW)

    assert done is not None and (done.backup.name, done.digests, done.comments_left_out) == (BACKUP, 2, 0)
    assert ledger.read_bytes() == crlf(
        *HEADER.splitlines(),
        "# March figure from the bureau's bulletin",
        "",
        *ENTRY_A,
        f'digest = "{digest_a}"',
        RECORDED_A,
        "",
        "# April: checked with Li on 5 May",
        "",
        *ENTRY_B,
        f'digest = "{digest_b}"',
        RECORDED_B,
        "# end of what was typed by hand",
    )
    assert (tmp_path / BACKUP).read_bytes() == old
    assert verify(read_ledger(ledger)).broken is None


def test_a_comment_inside_an_entry_is_counted_and_left_in_the_backup(tmp_path: Path) -> None:
    """A comment between an entry's keys has no place in the block written anew: the rewrite
    leaves it out, says how many, and the backup holds it; the comment between entries stays."""
    ledger = tmp_path / "progress.toml"
    inside = "# was 381.6 in the first bulletin"
    old = "\n".join(
        [
            *HEADER.splitlines(),
            "",
            *ENTRY_A[:4],
            inside,
            *ENTRY_A[4:],
            RECORDED_A,
            "# between",
            "",
            *ENTRY_B,
            RECORDED_B,
            "",
        ]
    ).encode("utf-8")
    ledger.write_bytes(old)

    done = upgrade(ledger, NOW)

    assert done is not None and done.comments_left_out == 1
    text = ledger.read_text(encoding="utf-8")
    assert inside not in text and "\r" not in text
    assert text.index("recorded = 2025-07-03") < text.index("# between") < text.index('id = "bbbbbbbbbb"')
    assert (tmp_path / BACKUP).read_bytes() == old


def test_the_confirmation_names_the_comments_left_out_and_the_backup(runner: CliRunner, workdir: Path) -> None:
    ledger = workdir / "progress.toml"
    recorded_id(run(runner, "record", "industrial-output", "318.6", "--date", "2025-03"))
    recorded_id(run(runner, "record", "industrial-output", "420", "--date", "2025-04"))
    text = as_before_digests(ledger.read_text(encoding="utf-8"))
    text = text.replace("date = 2025-03-31\n", "date = 2025-03-31\n# from the bulletin\n# page 4\n")
    ledger.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))

    upgraded = run(runner, "check", "--upgrade")

    assert upgraded.exit_code == 0
    [backup] = workdir.glob("progress.toml.pre-upgrade-*")
    assert upgraded.stderr.splitlines()[0] == (
        "upgraded: progress.toml is chained (2 digests written); left out: 2 comment lines from inside entries, "
        f"which the rewritten entries have no place for (kept in the old file, {backup})"
    )
    data = ledger.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") and b"# page 4" not in data and b"# page 4" in backup.read_bytes()


def test_an_upgrade_that_keeps_every_comment_says_nothing_of_comments(runner: CliRunner, workdir: Path) -> None:
    ledger = workdir / "progress.toml"
    recorded_id(run(runner, "record", "industrial-output", "318.6", "--date", "2025-03"))
    ledger.write_text(as_before_digests(ledger.read_text(encoding="utf-8")) + "# the last line\n", "utf-8")
    upgraded = run(runner, "check", "--upgrade")
    [backup] = workdir.glob("progress.toml.pre-upgrade-*")
    assert upgraded.stderr.splitlines()[0] == (
        f"upgraded: progress.toml is chained (1 digest written); the old file is {backup}"
    )
    assert ledger.read_text(encoding="utf-8").endswith("\n# the last line\n")


def test_a_ledger_mixing_line_ends_is_written_with_those_appends_use(tmp_path: Path) -> None:
    """Mixed ends (an LF entry appended by hand to a CRLF file, or the other way round): the
    upgrade writes the end appends to the file use, CRLF when its first 4096 bytes hold one."""
    ledger = tmp_path / "progress.toml"
    old = crlf(*HEADER.splitlines(), "", *ENTRY_A, RECORDED_A) + "\n".join(["", *ENTRY_B, RECORDED_B, ""]).encode()
    ledger.write_bytes(old)
    assert upgrade(ledger, NOW) is not None
    data = ledger.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") == len(HEADER.splitlines()) + 18
    crlf_b = "\r\n".join(["", *ENTRY_B, RECORDED_B, ""]).encode()
    ledger.write_bytes(crlf(*HEADER.splitlines(), "", *ENTRY_A, RECORDED_A).replace(b"\r", b"") + crlf_b)
    assert upgrade(ledger, NOW.replace(minute=31)) is not None
    data = ledger.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") == len(HEADER.splitlines()) + 18


COMMENT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x85"), max_size=12
).map(lambda t: "# " + t)
GAP = st.lists(st.one_of(COMMENT, st.just("")), max_size=3)


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(st.decimals(-10_000, 10_000, places=2), min_size=1, max_size=5),
    gaps=st.lists(GAP, min_size=6, max_size=6),
    end=st.sampled_from(["\n", "\r\n"]),
    last_end=st.booleans(),
)
def test_any_ledger_upgrades_keeping_entries_line_ends_and_comments(
    values: list[object], gaps: list[list[str]], end: str, last_end: bool
) -> None:
    """Any ledger of entries written before digests, in either line end, with comments and
    blank lines before, between and after its entries: after the upgrade every entry reads the
    same, the chain verifies, each line ends as before and each comment sits between the same
    two entries; the backup is the old file, byte for byte."""
    lines = [*HEADER.splitlines(), *gaps[0]]
    for n, value in enumerate(values):
        lines += ["", "[[entry]]", f'id = "e{n:09d}"', 'target = "industrial-output"', "date = 2025-03-31"]
        lines += [f"value = {value}", f"recorded = 2025-07-03 09:{n:02d}:00+08:00", *gaps[n + 1]]
    text = end.join(lines) + (end if last_end else "")
    with tempfile.TemporaryDirectory() as folder:
        ledger = Path(folder) / "progress.toml"
        ledger.write_bytes(text.encode("utf-8"))
        before = read_ledger(ledger)

        done = upgrade(ledger, NOW)

        assert done is not None and done.comments_left_out == 0 and done.digests == len(values)
        after = read_ledger(ledger)
        assert [e._replace(digest=None, line=0) for e in after] == [e._replace(line=0) for e in before]
        report = verify(after)
        assert report.broken is None and report.undigested == 0
        data = ledger.read_bytes()
        assert data.count(b"\n") == (data.count(b"\r\n") if end == "\r\n" else data.count(b"\n"))
        assert (b"\r" in data) == (end == "\r\n")
        assert placed_comments(data.decode("utf-8")) == placed_comments(text)
        assert (Path(folder) / BACKUP).read_bytes() == text.encode("utf-8")


def placed_comments(text: str) -> list[tuple[int, str]]:
    """Each comment line with how many entries come before it."""
    placed, seen = [], 0
    for line in text.replace("\r\n", "\n").split("\n"):
        seen += line == "[[entry]]"
        if line.startswith("#"):
            placed.append((seen, line))
    return placed


def test_a_comment_like_line_in_a_multiline_note_stays_in_the_note(tmp_path: Path) -> None:
    """A note written by hand as a multi-line string, one of its lines starting with `#`: the
    line is the note's, so the upgrade keeps the note whole and makes no comment of it."""
    ledger = tmp_path / "progress.toml"
    note = 'note = """first line\n# not a comment\n"""'
    old = "\n".join([*HEADER.splitlines(), "", *ENTRY_A, note, RECORDED_A, ""]).encode("utf-8")
    ledger.write_bytes(old)
    [before] = read_ledger(ledger)
    assert before.note == "first line\n# not a comment\n"
    done = upgrade(ledger, NOW)
    assert done is not None and done.comments_left_out == 0
    [after] = read_ledger(ledger)
    assert after._replace(digest=None) == before and after.digest is not None
    assert b"\n# not a comment" not in ledger.read_bytes()


# A comment after a value on its line (`value = 318.6  # checked`) was dropped by the upgrade and
# not counted: the confirmation said nothing of it. It is kept on the line of the same key.
def test_a_comment_after_a_value_is_kept_on_its_key(tmp_path: Path) -> None:
    ledger = tmp_path / "progress.toml"
    old = "\n".join(
        [
            *HEADER.splitlines(),
            "",
            "[[entry]]  # typed by hand",
            *ENTRY_A[1:4],
            "value = 318.6  # checked with the bulletin",
            ENTRY_A[5],
            'note = "第#3号"',
            RECORDED_A + "\t# stamp",
            "",
        ]
    ).encode("utf-8")
    ledger.write_bytes(old)
    [before] = read_ledger(ledger)
    [digest] = (e.digest for e in chained("", [before]))

    done = upgrade(ledger, NOW)

    assert done is not None and done.comments_left_out == 0
    assert ledger.read_text(encoding="utf-8") == "\n".join(
        [
            *HEADER.splitlines(),
            "",
            "[[entry]]  # typed by hand",
            *ENTRY_A[1:4],
            "value = 318.6  # checked with the bulletin",
            ENTRY_A[5],
            'note = "第#3号"',
            f'digest = "{digest}"',
            RECORDED_A + "\t# stamp",
            "",
        ]
    )
    assert (tmp_path / BACKUP).read_bytes() == old


def test_a_comment_after_a_multiline_note_is_counted(runner: CliRunner, workdir: Path) -> None:
    """A comment after the closing quotes of a note written over lines has no line of its own in
    the block written anew (the note is written on one): it is left out, counted and named."""
    ledger = workdir / "progress.toml"
    old = "\n".join([*HEADER.splitlines(), "", *ENTRY_A, 'note = """first', 'second"""  # from Li', RECORDED_A, ""])
    ledger.write_text(old, encoding="utf-8")
    upgraded = run(runner, "check", "--upgrade")
    assert upgraded.exit_code == 0
    [backup] = workdir.glob("progress.toml.pre-upgrade-*")
    assert upgraded.stderr.splitlines()[0] == (
        "upgraded: progress.toml is chained (1 digest written); left out: 1 comment line from inside entries, "
        f"which the rewritten entries have no place for (kept in the old file, {backup})"
    )
    assert "# from Li" not in ledger.read_text(encoding="utf-8")
    [entry] = read_ledger(ledger)
    assert entry.note == "first\nsecond"


TRAILING = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x85"), max_size=8
).map(lambda t: "  # " + t)


@settings(max_examples=40, deadline=None)
@given(
    values=st.lists(st.decimals(-10_000, 10_000, places=2), min_size=1, max_size=4),
    tails=st.lists(st.lists(st.one_of(st.just(""), TRAILING), min_size=6, max_size=6), min_size=4, max_size=4),
    end=st.sampled_from(["\n", "\r\n"]),
)
def test_every_comment_after_a_value_is_kept_or_counted(values: list[object], tails: list[list[str]], end: str) -> None:
    """Comments after any key's value, on any entry: each is on its key's line after the upgrade,
    so none is counted as left out, and the entries read the same."""
    lines = [*HEADER.splitlines()]
    for n, value in enumerate(values):
        keyed = ["[[entry]]", f'id = "e{n:09d}"', 'target = "industrial-output"', "date = 2025-03-31",
                 f"value = {value}", f"recorded = 2025-07-03 09:{n:02d}:00+08:00"]  # fmt: skip
        lines += ["", *(line + tail for line, tail in zip(keyed, tails[n], strict=True))]
    text = end.join(lines) + end
    with tempfile.TemporaryDirectory() as folder:
        ledger = Path(folder) / "progress.toml"
        ledger.write_bytes(text.encode("utf-8"))
        before = read_ledger(ledger)
        done = upgrade(ledger, NOW)
        assert done is not None and done.comments_left_out == 0
        after = ledger.read_bytes().decode("utf-8")
        for n in range(len(values)):
            for line, tail in zip(("[[entry]]", "id", "target", "date", "value", "recorded"), tails[n], strict=True):
                if tail:
                    assert any(t.startswith(line) and t.endswith(tail) for t in after.split(end)), (line, tail)
        assert [e._replace(digest=None, line=0) for e in read_ledger(ledger)] == [e._replace(line=0) for e in before]
