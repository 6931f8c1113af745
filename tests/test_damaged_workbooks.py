"""A workbook damaged in transit (a mail attachment cut short, bytes lost or changed in its zip)
is refused in one line naming the file, whatever part the damage is in: never a traceback."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import xlsx
from ledger.sheets import Grid, SheetError

ROOT = Path(__file__).resolve().parent.parent
BOOK = (ROOT / "examples" / "monthly-2025-07-illustrative.xlsx").read_bytes()
DAMAGED = "bad.xlsx: not an Excel workbook (.xlsx): the zip is damaged"


def _sheet_stream_zeroed() -> bytes:
    """The shipped workbook with 40 bytes in the middle of its worksheet's deflate stream set to
    0, its zip directory intact: inflating the part fails (zlib's "invalid distance too far back")."""
    with zipfile.ZipFile(ROOT / "examples" / "monthly-2025-07-illustrative.xlsx") as z:
        info = next(i for i in z.infolist() if i.filename.startswith("xl/worksheets/sheet"))
    data = bytearray(BOOK)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    mid = start + info.compress_size // 2
    data[mid : mid + 40] = bytes(40)
    return bytes(data)


def test_a_corrupted_deflate_stream_is_a_damaged_zip(workdir: Path, runner: CliRunner) -> None:
    (workdir / "bad.xlsx").write_bytes(_sheet_stream_zeroed())
    result = runner.invoke(app, ["import", "bad.xlsx"])
    assert result.exit_code == 1
    assert result.output == f"error: {DAMAGED}\n"
    assert not (workdir / "progress.toml").exists()


def test_a_checksum_that_does_not_match_is_a_damaged_zip() -> None:
    """A stored (not deflated) part whose bytes changed: zipfile finds the CRC wrong at its end."""
    stored = bytearray(_restored(zipfile.ZIP_STORED))
    at = stored.find(b"<sheetData>") + len(b"<sheetData>")
    stored[at : at + 1] = b" "
    with pytest.raises(SheetError) as refused:
        xlsx.read("bad.xlsx", bytes(stored), None)
    assert str(refused.value) == DAMAGED


def _restored(method: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(BOOK)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            new.writestr(info.filename, old.read(info.filename), method)
    return out.getvalue()


def test_a_part_name_no_longer_text_is_a_damaged_zip() -> None:
    """The zip directory's first entry damaged so that its flags say its name is UTF-8 and the
    name's first byte is a lead byte with no continuation: zipfile fails to decode it."""
    data = bytearray(BOOK)
    entry = data.find(b"PK\x01\x02")  # the central directory's first entry
    data[entry + 9] |= 0x08  # general purpose flags, bit 11 (0x800): the name is UTF-8
    data[entry + 46 : entry + 48] = b"\xe7\x08"  # its name, after the 46-byte fixed header
    with pytest.raises(SheetError) as refused:
        xlsx.read("bad.xlsx", bytes(data), None)
    assert str(refused.value) == DAMAGED


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example([(4783, 26, 8)], None)  # a part's name in the directory no longer UTF-8 (UnicodeDecodeError)
@given(
    st.lists(st.tuples(st.integers(4, len(BOOK) - 1), st.integers(1, 64), st.integers(0, 255)), min_size=1, max_size=4),
    st.one_of(st.none(), st.integers(4, len(BOOK))),
)
def test_any_damage_to_a_real_workbook_is_refused_in_one_line(
    damage: list[tuple[int, int, int]], cut: int | None
) -> None:
    """Bytes of the shipped workbook overwritten (a run of one byte value) past its zip
    signature, or the file cut short: it reads, or is refused with one line naming it; no other
    exception escapes (the CLI prints a traceback for those)."""
    data = bytearray(BOOK)
    for at, length, byte in damage:
        data[at : at + length] = bytes([byte]) * len(data[at : at + length])
    try:
        grid = xlsx.read("bad.xlsx", bytes(data[:cut]), None)
    except SheetError as e:
        assert "\n" not in str(e)
        assert str(e).startswith("bad.xlsx")
    else:
        assert isinstance(grid, Grid)
