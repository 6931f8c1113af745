"""A text sheet (CSV, JSON Lines, TOML) is parsed as it is read: a limit passed is refused in
one line while reading, in bounded memory, whatever the file's size (ledger.sheets.text_blocks)."""

from __future__ import annotations

import io
import resource
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger import sheets
from ledger.importing import read_table
from ledger.sheets import SheetError, Source, read_csv, text_blocks
from tests.conftest import SHIPPED_PLAN
from tests.test_corrections import run

HEADER = "指标名称,1-8月累计,备注\n工业总产值,842.7,"


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Read in pieces of 7 bytes, a line of 40 characters at most, 300 bytes in all: the limits
    as a huge file meets them, on files a test can write."""
    monkeypatch.setattr(sheets, "HEAD", 7)
    monkeypatch.setattr(sheets, "MAX_LINE", 40)
    monkeypatch.setattr(sheets, "MAX_TEXT_BYTES", 300)
    yield


def _limit_memory(limit: int):  # type: ignore[no-untyped-def]
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def test_a_gigabyte_cell_on_stdin_is_refused_in_one_line_in_bounded_memory(tmp_path: Path) -> None:
    """The trial's case: one quoted cell of a gigabyte. With 400 MB of address space (the
    interpreter and its modules take about half), reading the file whole fails; reading it as it
    is parsed refuses it after its first megabyte, with the same line as a short file gets."""
    tracker = shutil.which("tracker", path=str(Path(sys.executable).parent))
    if tracker is None:
        pytest.skip("the tracker console script is not installed")
    shutil.copy(SHIPPED_PLAN, tmp_path / "targets.toml")
    proc = subprocess.Popen(
        [tracker, "import", "-", "--date", "2025-08"],
        cwd=tmp_path,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_limit_memory(400 * 2**20),
    )
    assert proc.stdin is not None
    sent, piece = 0, b"x" * 2**20
    try:
        proc.stdin.write((HEADER + '"').encode("utf-8"))
        while sent < 2**30:
            proc.stdin.write(piece)
            sent += len(piece)
        proc.stdin.write(b'"\n')
        proc.stdin.close()
    except BrokenPipeError:  # tracker stopped reading: what is wanted
        pass
    stdout, stderr = proc.communicate()
    assert proc.returncode == 1 and stdout == b""
    assert stderr.decode("utf-8") == (
        "error: <stdin>: row 2 has a cell longer than 131,072 characters; shorten it, "
        "or import a long note from JSON Lines or TOML\n"
    )
    assert sent < 2**30  # refused before the end was sent
    assert not (tmp_path / "progress.toml").exists()


def test_a_huge_cell_is_told_as_a_cell_however_the_file_is_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sheets, "HEAD", 4099)
    with pytest.raises(SheetError, match=r"^s.csv: row 2 has a cell longer than 131,072 characters"):
        read_csv("s.csv", text_blocks(Source.of("s.csv", (HEADER + '"' + "x" * 200_000 + '"\n').encode()), None))


def test_a_line_too_long_without_a_long_cell_names_its_row(small_pieces: None) -> None:
    data = ("a,b\n" + '"two\nlines",b\n' + ",".join(["12345"] * 10) + "\nx,y\n").encode()
    with pytest.raises(SheetError, match=r"^s.csv: row 3 has a line longer than 40 characters"):
        read_csv("s.csv", text_blocks(Source.of("s.csv", data), None))
    # The same file within the limit reads whole.
    assert len(read_csv("s.csv", text_blocks(Source.of("s.csv", data[:30] + b"\n"), None)).rows) == 3


def test_a_text_file_past_its_size_is_refused_after_reading_that_much(small_pieces: None) -> None:
    stream = io.BytesIO(b"a,b\n" + b"1,2\n" * 1000)
    source = Source("s.csv", stream)
    with pytest.raises(SheetError, match=r"^s.csv: larger than 0 MB, more than tracker reads in a CSV"):
        read_csv("s.csv", text_blocks(source, None))
    assert stream.tell() <= 300 + 7  # read no further than the limit and one piece


def test_json_lines_and_toml_refuse_a_line_too_long_naming_it(small_pieces: None) -> None:
    jsonl = b'{"target": "a"}\n{"target": "' + b"x" * 60 + b'"}\n'
    with pytest.raises(SheetError, match=r"^j.jsonl: line 2 is longer than 40 characters"):
        read_table("j.jsonl", jsonl, "jsonl")
    toml = b'[[entry]]\ntarget = "a"\nnote = "' + b"x" * 60 + b'"\n'
    with pytest.raises(SheetError, match=r"^t.toml: line 3 is longer than 40 characters"):
        read_table("t.toml", toml, "toml")


def test_rows_past_the_limit_are_refused_before_the_rest_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sheets, "MAX_ROWS", 5)
    stream = io.BytesIO(b"a,b\n" + b"1,2\n" * 10 + b"\xff" * 10 + b"\n")  # not UTF-8 at the end
    monkeypatch.setattr(sheets, "HEAD", 16)
    with pytest.raises(SheetError, match="more than 5 rows hold values"):
        read_csv("s.csv", text_blocks(Source("s.csv", stream), None))
    monkeypatch.setattr(sheets, "MAX_RECORDS", 8)
    blank = Source.of("s.csv", b"a,b\n1,2\n" + b",,\n" * 10)
    with pytest.raises(SheetError, match="more than 8 rows, blank or not"):
        read_csv("s.csv", text_blocks(blank, None))


def test_a_row_of_a_million_columns_keeps_its_values_and_drops_the_blank_ones() -> None:
    grid = read_csv("s.csv", "a,b\n1,2" + "," * 1_000_000 + "\n")
    assert list(grid.rows) == [(1, {1: "a", 2: "b"}), (2, {1: "1", 2: "2"})]
    assert len(grid.rows.records[1]) == sheets.MAX_COLUMNS  # type: ignore[attr-defined]
    with pytest.raises(SheetError, match="more than 1,000 columns"):
        read_csv("s.csv", "a,b\n" + "1," * 1_000_000 + "\n")


def test_bytes_that_are_not_text_name_their_line_across_pieces(small_pieces: None) -> None:
    data = b"a,b\n1,2\n3,4\n" + "工业,5\n".encode("gb18030")
    with pytest.raises(
        SheetError, match=r"^s.csv: line 4 is not UTF-8 text; if Excel saved it, try --encoding gb18030"
    ):
        read_csv("s.csv", text_blocks(Source.of("s.csv", data), None))
    grid = read_csv("s.csv", text_blocks(Source.of("s.csv", data), "gb18030"))
    assert list(grid.rows)[-1] == (4, {1: "工业", 2: "5"})


_CELLS = st.text(alphabet=st.sampled_from(list('ab ,;"\n\r工\u3000')), max_size=30)


@settings(max_examples=200, deadline=None)
@given(text=_CELLS, head=st.integers(1, 12), bom=st.booleans(), utf16=st.booleans())
def test_read_in_pieces_is_read_as_whole(text: str, head: int, bom: bool, utf16: bool) -> None:
    """Whatever the pieces, their boundaries in a character, a CRLF or a quoted line break, the
    grid (or the refusal) is the one the whole text gives."""
    data = text.encode("utf-16") if utf16 else ("\ufeff" if bom else "").encode() + text.encode()
    whole = _outcome(lambda: read_csv("s.csv", sheets.decode("s.csv", data, None)))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sheets, "HEAD", head * 2 if utf16 else head)
        pieces = _outcome(lambda: read_csv("s.csv", text_blocks(Source.of("s.csv", data), None)))
    assert pieces == whole


def _outcome(read):  # type: ignore[no-untyped-def]
    try:
        grid = read()
    except SheetError as e:
        return str(e)
    return list(grid.rows), grid.delimiter, grid.rows.plain


def test_import_of_a_huge_cell_through_the_cli_writes_nothing(runner: CliRunner, workdir: Path) -> None:
    (workdir / "cell.csv").write_text(HEADER + '"' + "x" * 300_000 + '"\n', encoding="utf-8")
    result = run(runner, "import", "cell.csv", "--date", "2025-08")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "cell.csv: row 2 has a cell longer than 131,072 characters" in result.stderr
    assert not (workdir / "progress.toml").exists()


def _workbook(shared: str) -> bytes:
    """A minimal .xlsx whose A1 and A2 are shared texts 0 and 1 of ``shared``."""
    import zipfile

    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    parts = {
        "_rels/.rels": f'<Relationships xmlns="{pkg}"><Relationship Id="r1" Type="{rel}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="S" sheetId="1" '
        'r:id="r1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{pkg}"><Relationship Id="r1" Type="{rel}/worksheet" '
        f'Target="worksheets/sheet1.xml"/><Relationship Id="r2" Type="{rel}/sharedStrings" '
        'Target="sharedStrings.xml"/></Relationships>',
        "xl/sharedStrings.xml": f'<sst xmlns="{main}"><si><t>指标名称</t></si><si><t>{shared}</t></si></sst>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>'
        '</row><row r="2"><c r="A2" t="s"><v>1</v></c></row></sheetData></worksheet>',
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return out.getvalue()


def test_a_huge_shared_text_is_refused_while_its_part_streams(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 200 MB <t> zips to 200 KB: refused once one <si> passes its bound, before expat holds it."""
    from ledger import xlsx, xlsx_book

    monkeypatch.setattr(xlsx_book, "WHOLE_PART", 1000)  # stream the part, as one past 4 MB is
    monkeypatch.setattr(xlsx_book, "_SHARED_ITEM", 5000)
    with pytest.raises(SheetError, match=r"^b.xlsx: a text longer than 32,767 characters, more than Excel allows$"):
        xlsx.read("b.xlsx", _workbook("x" * 20_000), None)
    assert len(xlsx.read("b.xlsx", _workbook("x" * 4_000), None).rows) == 2
