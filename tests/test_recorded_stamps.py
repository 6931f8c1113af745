"""The ``recorded`` column of an export imported back: ISO 8601 with its UTC offset, as `tracker
export` writes it; any other form (Excel re-saving the export drops the seconds and the offset) is
refused in the tool's words, naming the file, row and cell, never in Python's."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import ExitCode, app
from ledger.errors import EntryError
from ledger.row_entry import recorded_stamp

FIX = (
    "write it as `tracker export` does, with seconds and its UTC offset (2025-04-03T09:12:00+08:00), "
    "or empty the recorded column to stamp the entries with the time of this import"
)


def test_an_export_resaved_by_excel_is_refused_naming_the_cell(runner: CliRunner, workdir: Path) -> None:
    for day, value in (("2025-03", "318.6"), ("2025-04", "425.3")):
        assert runner.invoke(app, ["record", "industrial-output", value, "--date", day]).exit_code == 0
    exported = runner.invoke(app, ["export", "--format", "csv"]).stdout
    rows = list(csv.reader(io.StringIO(exported)))
    column = rows[0].index("recorded")
    letter = chr(ord("A") + column)
    for row in rows[1:]:  # as Excel writes them back: 2025/3/31 and 2026/11/30 22:03
        stamp = datetime.fromisoformat(row[column])
        row[column] = f"{stamp.year}/{stamp.month}/{stamp.day} {stamp:%H:%M}"
        y, m, d = row[rows[0].index("date")].split("-")
        row[rows[0].index("date")] = f"{y}/{int(m)}/{int(d)}"
    fresh = workdir / "fresh"
    fresh.mkdir()
    (fresh / "targets.toml").write_bytes((workdir / "targets.toml").read_bytes())
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    (fresh / "excel-saved.csv").write_text(out.getvalue(), encoding="utf-8-sig")
    refused = runner.invoke(app, ["import", str(fresh / "excel-saved.csv"), "--targets", str(fresh / "targets.toml")])
    assert refused.exit_code == ExitCode.ERROR
    assert refused.stderr.splitlines() == [
        f"error: {fresh / 'excel-saved.csv'}: row {n}: recorded '{rows[n - 1][column]}' "
        f"(column 'recorded' ({letter}{n})) is not a recording time; {FIX}"
        for n in (2, 3)
    ]
    assert not (fresh / "progress.toml").exists()
    for row in rows[1:]:  # the fix offered works: the entries are stamped with this import's time
        row[column] = ""
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    (fresh / "excel-saved.csv").write_text(out.getvalue(), encoding="utf-8-sig")
    kept = runner.invoke(app, ["import", str(fresh / "excel-saved.csv"), "--targets", str(fresh / "targets.toml")])
    assert kept.exit_code == 0, kept.stderr


# Forms a spreadsheet or a hand writes a time in without an offset.
NAIVE_FORMS = ("{:%Y/%m/%d %H:%M}", "{:%Y/%m/%d %H:%M:%S}", "{:%Y-%m-%dT%H:%M:%S}", "{:%Y-%m-%d %H:%M}",
               "{:%d/%m/%Y %H:%M}", "{:%m/%d/%Y %I:%M %p}", "{:%Y年%m月%d日 %H:%M}")  # fmt: skip
moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31))


@given(moments, st.sampled_from(NAIVE_FORMS))
def test_a_stamp_without_its_offset_is_refused_in_one_line(moment: datetime, form: str) -> None:
    text = form.format(moment)
    with pytest.raises(EntryError) as caught:
        recorded_stamp(text, "column 'recorded' (L2)")
    assert caught.value.message in (
        f"recorded {text!r} (column 'recorded' (L2)) is not a recording time",
        f"recorded {text!r} (column 'recorded' (L2)) has no UTC offset",
    )
    assert caught.value.fix == FIX


@given(moments, st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m))))
def test_a_stamp_with_its_offset_is_read_as_written(moment: datetime, zone: timezone) -> None:
    stamp = moment.replace(microsecond=0, tzinfo=zone)
    assert recorded_stamp(stamp.isoformat(), "") == stamp
    assert recorded_stamp(stamp.astimezone(UTC).isoformat().replace("+00:00", "Z"), "") == stamp
