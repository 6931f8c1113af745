"""tracker import and export: every reader, every refusal, and the round trip."""

from __future__ import annotations

import json
import re
import shutil
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import ExitCode, app
from ledger import Entry, append_entries, load_plan, read_ledger
from ledger.sheets import SheetError, format_of
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"
HEADER = "指标名称,1—6月累计,本月,单位,截至日期,备注\n"


def run(runner: CliRunner, *args: str, input: str | bytes | None = None):
    return runner.invoke(app, list(args), input=input)


def entries(workdir: Path) -> list:
    path = workdir / "progress.toml"
    return read_ledger(path) if path.exists() else []


def test_the_shipped_examples_import_and_round_trip(runner: CliRunner, workdir: Path, tmp_path: Path) -> None:
    first = run(runner, "import", str(EXAMPLES / "monthly-2025-06-illustrative.csv"))
    assert first.exit_code == 0, first.output
    assert "imported 6 entries" in first.stdout
    assert run(runner, "import", str(EXAMPLES / "monthly-2025-07-illustrative.xlsx")).exit_code == 0
    assert run(runner, "check").exit_code == 0  # July's running total is June's plus July's
    status = run(runner, "status", "-f", "json", "--as-of", "2025-07-31").stdout
    output = next(t for a in json.loads(status)["actions"] for t in a["targets"] if t["id"] == "industrial-output")
    assert (output["current"], output["current_date"]) == (735.6, "2025-07-31")
    for fmt in ("csv", "jsonl", "toml", "xlsx"):
        exported = tmp_path / f"all.{fmt}"
        assert run(runner, "export", "-o", str(exported)).exit_code == 0
        empty = tmp_path / f"empty-{fmt}.toml"
        result = run(runner, "import", str(exported), "--ledger", str(empty))
        assert result.exit_code == 0, (fmt, result.output)
        again = run(runner, "status", "-f", "json", "--as-of", "2025-07-31", "--ledger", str(empty)).stdout
        assert again == status, fmt


def test_the_same_file_twice_is_refused_unless_allowed(runner: CliRunner, workdir: Path) -> None:
    """A sheet of readings imported again is kept with --allow-duplicates (each counts once); one
    holding an addition is refused with it too, and it is never offered: 2.5 万 would count 5."""
    june = (EXAMPLES / "monthly-2025-06-illustrative.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    readings = workdir / "readings.csv"
    readings.write_text("".join(line for line in june if not line.startswith("新增创新空间面积")), encoding="utf-8")
    assert run(runner, "import", str(readings)).exit_code == 0
    again = run(runner, "import", str(readings))
    assert again.exit_code == ExitCode.ERROR
    assert "row 2: industrial-output 628.32 亿元 as of 2025-06-30 is already in the ledger" in again.stderr
    assert again.stderr.endswith("was this file imported before? --allow-duplicates records them anyway\n")
    assert run(runner, "import", str(readings), "--allow-duplicates").exit_code == 0
    assert len(entries(workdir)) == 10
    sheet = str(EXAMPLES / "monthly-2025-06-illustrative.csv")
    before = (workdir / "progress.toml").read_bytes()
    grown = run(runner, "import", sheet)  # the readings passed over, as a running list's rows: the addition is new
    assert grown.exit_code == 0 and "rows 2, 3, 4, 6, 7 passed over" in grown.stderr
    added = (workdir / "progress.toml").read_bytes()
    assert added != before
    for args in ((), ("--allow-duplicates",), ("--allow-duplicates", "--force")):
        twice = run(runner, "import", sheet, *args)
        assert twice.exit_code == ExitCode.ERROR
        assert twice.stderr.endswith("was this file imported before? its additions are counted already\n")
        assert "--allow-duplicates" not in twice.stderr
    assert (workdir / "progress.toml").read_bytes() == added


def test_all_or_nothing_with_row_numbers(runner: CliRunner, workdir: Path) -> None:
    sheet = workdir / "june.csv"
    sheet.write_text(
        HEADER
        + "工业总产值,628.32,,亿元,2025-06,\n"
        + "工业产值,1,,亿元,2025-06,\n"  # not a target's name: never taken for 工业总产值
        + "工业增加值增速,abc,,%,2025-06,\n"
        + "新增创新空间面积,,3,亿元,2025-06,\n"  # additions go in the month's column (本月)
        + "新增创新空间面积,,3,万平方米,2026-01,\n"
        + "新增创新空间面积,,nan,万平方米,2025-06,\n",
        encoding="utf-8",
    )
    result = run(runner, "import", str(sheet))
    assert result.exit_code == ExitCode.ERROR
    lines = result.stderr.strip().splitlines()
    import re

    assert [re.search(r"row \d+", line).group() for line in lines] == ["row 3", "row 4", "row 5", "row 6", "row 7"]  # type: ignore[union-attr]
    assert "no target '工业产值'" in lines[0] and "did you mean" in lines[0]
    assert "'abc' is not a number" in lines[1]
    assert "cannot be converted" in lines[2]
    assert "outside the plan period" in lines[3]
    assert "not a finite number" in lines[4]
    assert not (workdir / "progress.toml").exists()


def test_names_ids_and_english_names_made_alike(runner: CliRunner, workdir: Path) -> None:
    sheet = workdir / "names.csv"
    sheet.write_text(
        "target,value,date\n"
        "industrial-output,110,2025-01\n"
        "Industrial  Output Value,220,2025-02\n"
        "工业　总产值,330,2025-03\n"  # an ideographic space, as Chinese input methods type it
        "（工业总产值）,440,2025-04\n",
        encoding="utf-8",
    )
    result = run(runner, "import", str(sheet))
    assert result.exit_code == ExitCode.ERROR and "row 5: no target '（工业总产值）'" in result.stderr
    sheet.write_text("\n".join(sheet.read_text(encoding="utf-8").splitlines()[:4]) + "\n", encoding="utf-8")
    assert run(runner, "import", str(sheet)).exit_code == 0
    assert [e.target for e in entries(workdir)] == ["industrial-output"] * 3


def test_encodings(runner: CliRunner, workdir: Path) -> None:
    text = HEADER + "工业总产值,318.6,,亿元,2025年6月,1—6月累计\n"
    gbk = workdir / "gbk.csv"
    gbk.write_bytes(text.encode("gb18030"))
    refused = run(runner, "import", str(gbk))
    assert refused.exit_code == ExitCode.ERROR and "try --encoding gb18030" in refused.stderr
    assert run(runner, "import", str(gbk), "--encoding", "gb18030").exit_code == 0
    bom = workdir / "bom.csv"
    bom.write_bytes(text.replace("318.6", "320.1").encode("utf-8-sig"))
    assert run(runner, "import", str(bom)).exit_code == 0
    assert [str(e.value) for e in entries(workdir)] == ["318.6", "320.1"]
    assert entries(workdir)[0].date == date(2025, 6, 30) and entries(workdir)[0].note == "1—6月累计"


def test_mapping_headers(runner: CliRunner, workdir: Path) -> None:
    sheet = workdir / "odd.csv"
    sheet.write_text("条目,实绩,口径\n工业总产值,318.6,1—3月\n", encoding="utf-8")
    refused = run(runner, "import", str(sheet), "--date", "2025-03")
    assert refused.exit_code == ExitCode.ERROR and "--map 'HEADER=target'" in refused.stderr
    ok = run(runner, "import", str(sheet), "--date", "2025-03", "--map", "条目=target", "--map", "实绩=value")
    assert ok.exit_code == 0, ok.output
    assert "columns not used: 口径" in ok.stderr
    mapping = workdir / "map.toml"
    mapping.write_text('[map]\n"条目" = "target"\n"实绩" = "value"\n"口径" = "note"\n', encoding="utf-8")
    sheet.write_text("条目,实绩,口径\n工业总产值,420,1—4月\n", encoding="utf-8")
    assert run(runner, "import", str(sheet), "--date", "2025-04", "--map-file", str(mapping)).exit_code == 0
    assert entries(workdir)[-1].note == "1—4月"
    bad = run(runner, "import", str(sheet), "--map", "条目=targte")
    assert bad.exit_code == ExitCode.USAGE and "unknown field 'targte'; did you mean 'target'" in bad.stderr


def test_jsonl_toml_and_stdin(runner: CliRunner, workdir: Path) -> None:
    lines = '{"target": "industrial-output", "value": 318.6, "date": "2025-03"}\n{"target": "incubator", "status": "done", "date": "2025-04"}\n'
    assert run(runner, "import", "-", input=lines).exit_code == 0
    first, second = entries(workdir)
    assert (first.target, str(first.value), second.target, second.status.value) == (  # type: ignore[union-attr]
        "industrial-output", "318.6", "incubator", "done",
    )  # fmt: skip
    empty = run(runner, "import", "-", input="")
    assert empty.exit_code == ExitCode.ERROR and "the input is empty" in empty.stderr
    toml = workdir / "more.toml"
    toml.write_text(
        '[[entry]]\nid = "abcdef1234"\ntarget = "innovation-space"\ndate = 2025-05-31\nvalue = 2.5\nunit = "万平方米"\n'
        "recorded = 2025-06-01T09:00:00+08:00\n",
        encoding="utf-8",
    )
    assert run(runner, "import", str(toml)).exit_code == 0
    assert entries(workdir)[-1].id == "abcdef1234"
    again = run(runner, "import", str(toml), "--allow-duplicates")
    assert again.exit_code == ExitCode.ERROR and "entry abcdef1234 is already in the ledger" in again.stderr
    broken = run(runner, "import", "-", "--format", "jsonl", input='{"target": \n')
    assert broken.exit_code == ExitCode.ERROR and "<stdin>:1: not JSON" in broken.stderr


def test_a_recorded_stamp_later_than_the_import_is_refused(runner: CliRunner, workdir: Path) -> None:
    """An exported ``recorded`` stamp from the future would put its entry into reports made
    --as-recorded before it existed; a few hours ahead (another machine's clock) is kept."""
    now = datetime.now(UTC).replace(microsecond=0)
    ahead, future = now + timedelta(hours=3), now + timedelta(days=2)
    sheet = workdir / "back.csv"
    sheet.write_text(
        "id,target,date,value,unit,recorded\n"
        f"abcdef1234,industrial-output,2025-03-31,318.6,亿元,{ahead.isoformat()}\n"
        f"abcdef5678,innovation-space,2025-03-31,2.5,万平方米,{future.isoformat()}\n",
        encoding="utf-8",
    )
    refused = run(runner, "import", "back.csv")
    assert refused.exit_code == ExitCode.ERROR
    assert refused.stderr.splitlines()[0] == (
        f"error: back.csv: row 3: recorded '{future.isoformat()}' is later than this import "
        f"({refused_time(refused.stderr)}); an entry cannot have been recorded in the future; "
        "correct the recorded cell, or empty it to stamp the entry with the time of this import"
    )
    assert "row 2" not in refused.stderr and entries(workdir) == []
    sheet.write_text(sheet.read_text(encoding="utf-8").replace(future.isoformat(), ""), encoding="utf-8")
    assert run(runner, "import", str(sheet)).exit_code == 0
    kept, stamped = entries(workdir)
    assert kept.recorded == ahead and now <= stamped.recorded < future


def refused_time(stderr: str) -> str:
    """The import's own time as the refusal names it (the clock's, so read back, then checked)."""
    shown = stderr.split("later than this import (", 1)[1].split(")", 1)[0]
    assert datetime.fromisoformat(shown).utcoffset() is not None
    return shown


def test_xlsx_sheets(runner: CliRunner, workdir: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "说明"
    book.active.append(["这是说明页"])
    data = book.create_sheet("6月")
    data.append(["指标名称", "1—6月累计", "单位", "截至日期"])
    data.append(["工业总产值", 628.32, "亿元", datetime(2025, 6, 30)])
    path = workdir / "book.xlsx"
    book.save(path)
    missing = run(runner, "import", str(path), "--sheet", "7月")
    assert missing.exit_code == ExitCode.ERROR and "no sheet '7月'; it has '说明', '6月'" in missing.stderr
    assert run(runner, "import", str(path), "--sheet", "2").exit_code == 0
    [e] = entries(workdir)
    assert (str(e.value), e.date) == ("628.32", date(2025, 6, 30))
    (workdir / "fake.xlsx").write_text("not a workbook", encoding="utf-8")
    assert "not an Excel workbook" in run(runner, "import", str(workdir / "fake.xlsx")).stderr


@pytest.mark.parametrize(
    ("name", "refusal"),
    [
        (
            "x.xlsx",
            "x.xlsx is not an Excel workbook (neither a zip nor an OLE2 file, and not text either); check it "
            "is the sheet you meant, or open the original in Excel or WPS and save it as .xlsx",
        ),
        (
            "x.csv",
            "x.csv is not a text sheet (its first bytes hold control bytes that no CSV or JSON Lines has); "
            "check it is the sheet you meant, or give --encoding if it is UTF-16 without a byte-order mark",
        ),
    ],
)
def test_a_program_named_as_a_sheet_is_refused_as_not_one(
    runner: CliRunner, workdir: Path, name: str, refusal: str
) -> None:
    """Not "line 1 is not UTF-8 text; if Excel saved it, try --encoding gb18030": no encoding
    makes a program a sheet."""
    (workdir / name).write_bytes(Path(sys.executable).resolve().read_bytes()[:65536])
    result = run(runner, "import", name)
    assert (result.exit_code, result.stderr) == (ExitCode.ERROR, f"error: {refusal}\n")
    assert not (workdir / "progress.toml").exists()


def test_a_utf8_sheet_with_a_stray_control_byte_still_imports(runner: CliRunner, workdir: Path) -> None:
    """Only bytes that are not UTF-8 make a file "not a text sheet": a backspace pasted into a note,
    or an export of a note holding one, is read as before."""
    (workdir / "n.csv").write_bytes((HEADER + "工业总产值,318.6,,亿元,2025年6月,初步\x08数\n").encode("utf-8"))
    assert run(runner, "import", "n.csv").exit_code == 0
    assert [e.note for e in entries(workdir)] == ["初步\x08数"]
    exported = run(runner, "export", "--format", "csv", "--output", "back.csv")
    assert exported.exit_code == 0
    assert run(runner, "import", "back.csv", "--ledger", "restored.toml").exit_code == 0
    assert [e.note for e in read_ledger(workdir / "restored.toml")] == ["初步\x08数"]


def test_utf16_without_its_mark_needs_encoding(runner: CliRunner, workdir: Path) -> None:
    utf16 = (HEADER + "工业总产值,318.6,,亿元,2025年6月,1—6月累计\n").encode("utf-16-le")  # no byte-order mark
    (workdir / "u.csv").write_bytes(utf16)
    assert "not a text sheet" in run(runner, "import", "u.csv").stderr
    assert run(runner, "import", "u.csv", "--encoding", "utf-16-le").exit_code == 0


@given(head=st.binary(max_size=200), tail=st.binary(max_size=200), control=st.sampled_from(b"\x00\x01\x08\x0e\x1f"))
def test_bytes_with_a_control_byte_named_xls_are_not_a_workbook(head: bytes, tail: bytes, control: int) -> None:
    data = b"x" + head + bytes([control]) + tail  # neither a zip, an OLE2 file nor UTF-16
    with pytest.raises(SheetError, match=r"^a\.xls is not an Excel workbook \(neither a zip nor an OLE2 file"):
        format_of("a.xls", None, data)


@given(st.lists(st.text(st.characters(exclude_categories=["Cc", "Cs"]), max_size=8), min_size=2, max_size=6))
def test_a_csv_in_any_encoding_saved_as_xlsx_is_read_as_csv(cells: list[str]) -> None:
    line = ",".join(cells) + "\r\n"
    for encoding in ("utf-8", "utf-8-sig", "gb18030"):
        try:
            data = (line * 3).encode(encoding)
        except UnicodeEncodeError:
            continue
        if not data.startswith(b"PK\x03\x04") and data.lstrip()[:1] != b"<":
            assert format_of("a.xlsx", None, data) == "csv"
    # Excel's "Unicode text": UTF-16 with its byte-order mark, NULs and all, is text too.
    assert format_of("a.xls", None, "指标名称\t1—6月累计\r\n工业总产值\t628.32\r\n".encode("utf-16")) == "csv"


def test_dry_run_writes_nothing(runner: CliRunner, workdir: Path) -> None:
    result = run(runner, "import", str(EXAMPLES / "monthly-2025-06-illustrative.csv"), "--dry-run", "--show", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert (len(document["entries"]), document["written"], result.stderr) == (6, False, "")
    assert not (workdir / "progress.toml").exists()


def test_export_filters_and_formats(runner: CliRunner, workdir: Path) -> None:
    run(runner, "import", str(EXAMPLES / "monthly-2025-06-illustrative.csv"))
    out = run(runner, "export", "--target", "industrial-output").stdout
    assert out.splitlines()[0].startswith("id,target,date,value,month_value,unit")
    assert len(out.splitlines()) == 2 and "628.32,110.5,亿元" in out
    assert run(runner, "export", "--since", "2025-07").stdout.count("\n") == 1  # the header alone
    assert run(runner, "export", "-f", "xlsx").exit_code == ExitCode.USAGE  # a workbook needs --output
    assert run(runner, "export", "-f", "yaml").exit_code == ExitCode.USAGE
    assert run(runner, "export", "-o", str(workdir / "x.csv")).exit_code == 0
    assert (workdir / "x.csv").read_bytes().startswith(b"\xef\xbb\xbf")


recorded = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2026, 1, 1)).map(
    lambda d: d.replace(microsecond=0, tzinfo=timezone(timedelta(hours=8)))
)
text = st.none() | st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12).filter(
    lambda s: s.strip() == s
)
figures = st.decimals(min_value=-(10**6), max_value=10**6, places=3, allow_nan=False, allow_infinity=False)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    st.lists(
        st.tuples(figures, st.dates(date(2025, 1, 1), date(2025, 12, 31)), recorded, text, text, text),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from(["csv", "jsonl", "toml", "xlsx"]),
)
def test_round_trip_is_lossless(tmp_path: Path, rows: list, fmt: str) -> None:
    folder = Path(__import__("tempfile").mkdtemp(dir=tmp_path))
    shutil.copy(ROOT / "targets.toml", folder / "targets.toml")
    plan = load_plan(folder / "targets.toml")
    written = [
        Entry(
            f"{n:010x}",
            "industrial-output",
            day,
            when,
            value=value,
            unit="亿元",
            note=note,
            source=source,
            by=by or "x",
        )
        for n, (value, day, when, note, source, by) in enumerate(rows)
    ]
    append_entries(plan.ledger, written)
    runner = CliRunner()
    exported = folder / f"out.{fmt}"
    assert runner.invoke(app, ["export", "--targets", str(plan.path), "-o", str(exported)]).exit_code == 0
    target = folder / "copy.toml"
    result = runner.invoke(
        app,
        [
            "import",
            str(exported),
            "--targets",
            str(plan.path),
            "--ledger",
            str(target),
            "--allow-duplicates",
            "--force",
        ],
    )
    assert result.exit_code == 0, result.output
    keys = ("id", "target", "date", "recorded", "value", "unit", "note", "source", "by")
    assert [[getattr(e, k) for k in keys] for e in read_ledger(target)] == [
        [getattr(e, k) for k in keys] for e in written
    ]
    assert all(isinstance(e.value, Decimal) for e in read_ledger(target))


def test_corrections_in_a_sheet_are_checked(runner: CliRunner, workdir: Path) -> None:
    first = run(runner, "record", "industrial-output", "318.6", "-d", "2025-03").stdout.split()[1].rstrip(":")
    other = run(runner, "record", "innovation-space", "1", "-d", "2025-03").stdout.split()[1].rstrip(":")
    before = (workdir / "progress.toml").read_bytes()
    sheet = workdir / "fix.csv"
    cases = [
        ("industrial-output,320,2025-03,deadbeef99,核实", "neither in the ledger nor earlier in the file"),
        (f"industrial-output,320,2025-03,{other},核实", "an entry of 'innovation-space'"),
        (f"industrial-output,320,2025-03,{first},", "needs a reason"),
        (
            f"industrial-output,320,2025-03,{first},核实\nindustrial-output,321,2025-03,{first},再核实",
            "corrected already",
        ),
    ]
    for rows, message in cases:
        sheet.write_text("target,value,date,corrects,reason\n" + rows + "\n", encoding="utf-8")
        result = run(runner, "import", str(sheet))
        assert result.exit_code == ExitCode.ERROR and message in result.stderr, (rows, result.stderr)
    assert (workdir / "progress.toml").read_bytes() == before
    sheet.write_text(
        f"target,value,date,corrects,reason\nindustrial-output,320.1,2025-03,{first},核实数\n", encoding="utf-8"
    )
    assert run(runner, "import", str(sheet)).exit_code == 0
    assert run(runner, "check").exit_code == 0


def test_what_chinese_excel_writes(runner: CliRunner, workdir: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.append(["临平经开区2025年6月主要指标（示例）"])  # a title row above the header
    ws.append(["指标名称", "1—6月累计", "单位", "截至日期", "目标"])
    ws.append(["一、产业能级“提质”行动", None, None, None, None])  # a section heading
    ws.append(["工业增加值增速", 0.052, None, datetime(2025, 6, 30), "6%"])
    ws["B4"].number_format = "0.0%"  # shows 5.2%, holds 0.052
    ws.append(["国考排名", None, "位", datetime(2025, 6, 30), 70])  # no figure yet this month
    path = workdir / "june.xlsx"
    book.save(path)
    result = run(runner, "import", str(path), "--map", "目标=ignore")
    assert result.exit_code == 0, result.output
    assert "2 rows without a figure passed over: row 3 (一、产业能级“提质”行动), row 5 (国考排名)" in result.stderr
    [e] = entries(workdir)
    assert (e.target, str(e.value), e.unit) == ("value-added-growth", "5.2", "%")
    csv_dates = workdir / "dates.csv"
    csv_dates.write_text(
        "指标名称,累计,截至日期\n工业总产值,100,2025/1/31\n工业总产值,200,2025-2-28 00:00:00\n工业总产值,300,2025.03\n"
        "工业增加值增速,5.2%,2025年3月\n",
        encoding="utf-8",
    )
    assert run(runner, "import", str(csv_dates)).exit_code == 0
    assert [(str(x.value), x.date.isoformat()) for x in entries(workdir)[1:]] == [
        ("100", "2025-01-31"), ("200", "2025-02-28"), ("300", "2025-03-31"), ("5.2", "2025-03-31"),
    ]  # fmt: skip


def test_duplicates_through_units_and_corrections(runner: CliRunner, workdir: Path) -> None:
    run(runner, "record", "innovation-space", "3.5", "-d", "2025-07")
    sheet = workdir / "again.csv"
    sheet.write_text("指标名称,值,单位,日期\n新增创新空间面积,35000,平方米,2025-07\n", encoding="utf-8")
    refused = run(runner, "import", str(sheet))
    assert (
        refused.exit_code == ExitCode.ERROR
        and "row 2: innovation-space 35000 平方米 as of 2025-07-31 is already" in refused.stderr
    )
    first = run(runner, "log", "-f", "json").stdout
    entry_id = json.loads(first)["entries"][0]["id"]
    run(runner, "amend", entry_id, "3.6", "-r", "核实")
    assert run(runner, "import", str(sheet)).exit_code == ExitCode.ERROR  # the corrected figure is still a repeat


def test_export_neutralises_formulas_in_excel_and_reads_them_back(
    runner: CliRunner, workdir: Path, tmp_path: Path
) -> None:
    run(
        runner,
        "record",
        "industrial-output",
        "318.6",
        "-d",
        "2025-03",
        "--note",
        "=1—3月累计 初步",
        "--source",
        '初步, "快报"数\n待核实',
    )
    for fmt in ("xlsx", "csv"):
        out = tmp_path / f"e.{fmt}"
        assert run(runner, "export", "-o", str(out)).exit_code == 0
        if fmt == "xlsx":
            from openpyxl import load_workbook

            cell = load_workbook(out).active["I2"]
            assert cell.data_type == "s" and cell.value == "'=1—3月累计 初步"
        copy = tmp_path / f"copy-{fmt}.toml"
        assert run(runner, "import", str(out), "--ledger", str(copy)).exit_code == 0
        [e] = read_ledger(copy)
        assert (e.note, e.source) == ("=1—3月累计 初步", '初步, "快报"数\n待核实')


def test_a_text_that_reads_as_an_excel_escape_comes_back_from_a_workbook_as_written(
    runner: CliRunner, workdir: Path, tmp_path: Path
) -> None:
    """A source typed as ``_x000D_`` (Excel's escape of a carriage return) came back from an
    exported workbook as a carriage return; its underscore is escaped now (``_x005F_``)."""
    written = ("_x000D_", "a_x0041_b _x005F_ _x12_ x000D")
    assert run(runner, "record", "industrial-output", "318.6", "-d", "2025-03", "--source", written[0],
               "--note", written[1]).exit_code == 0  # fmt: skip
    out = tmp_path / "e.xlsx"
    assert run(runner, "export", "-o", str(out)).exit_code == 0
    copy = tmp_path / "copy.toml"
    assert run(runner, "import", str(out), "--ledger", str(copy)).exit_code == 0
    [e] = read_ledger(copy)
    assert (e.source, e.note) == written


@given(st.text(alphabet="_x0D5Fa\r", max_size=24))
def test_excel_escaped_text_reads_back_as_written(text: str) -> None:
    from ledger.xlsx_formats import excel_escaped, excel_text

    assert excel_text(excel_escaped(text)) == text


def test_usage_errors_of_import(runner: CliRunner, workdir: Path) -> None:
    sheet = workdir / "s.csv"
    sheet.write_text("指标名称,1—6月累计\n", encoding="utf-8")
    header_only = run(runner, "import", str(sheet))
    assert (
        header_only.exit_code == ExitCode.ERROR
        and "no rows of figures under the header (指标名称, 1—6月累计)" in header_only.stderr
    )
    for args in (["--map", "完成数"], ["--map", "目标="], ["-f", "ods"]):
        result = run(runner, "import", str(sheet), *args)
        assert result.exit_code == ExitCode.USAGE, args
        assert "Traceback" not in result.output


def test_mapping_files_that_are_wrong(runner: CliRunner, workdir: Path) -> None:
    sheet = workdir / "s.csv"
    sheet.write_text("项目,完成数\n工业总产值,318.6\n", encoding="utf-8")
    mapping = workdir / "map.toml"
    for text, message in (
        ('[map]\n"项目" = "targte"\n', "unknown field 'targte'"),
        (
            "[map]\n项目 = target\n",
            "map.toml:2: not valid TOML: Invalid statement; fix the TOML at column 1; a mapping is [map]",
        ),
        ('"项目" = "target"\n', "write the mapping as a [map] table"),
    ):
        mapping.write_text(text, encoding="utf-8")
        result = run(runner, "import", str(sheet), "--date", "2025-03", "--map-file", str(mapping))
        assert result.exit_code == ExitCode.ERROR and message in result.stderr, text
        assert "Traceback" not in result.output
    assert not (workdir / "progress.toml").exists()


def test_a_file_of_no_format_is_refused_by_name(runner: CliRunner, workdir: Path) -> None:
    """README.md is Markdown: its `#` heading is no TOML comment before [[entry]], and a line of
    it is no CSV header; the refusal names the file and the formats, not a TOML line."""
    (workdir / "README.md").write_text("# tracker\n\nA target tracker, for plans.\n\n- one, two\n", encoding="utf-8")
    refused = run(runner, "import", "README.md")
    assert refused.exit_code == ExitCode.ERROR
    assert refused.stderr.strip() == "error: cannot tell the format of README.md; give --format csv|xlsx|xls|jsonl|toml"
    assert not (workdir / "progress.toml").exists()
    # Content that is recognisably a format still needs no name: CSV, JSON Lines, ledger TOML.
    (workdir / "june.dat").write_text(HEADER + "规上工业总产值,680.2,,亿元,2025-06,\n", encoding="utf-8")
    assert run(runner, "import", "june.dat", "--dry-run").exit_code == 0
    line = '{"target": "industrial-output", "date": "2025-06-30", "value": 680.2}\n'
    assert run(runner, "import", "-", "--dry-run", input=line).exit_code == 0
    ledger = '# exported\n\n[[entry]]\ntarget = "industrial-output"\ndate = 2025-06-30\nvalue = 680.2\n'
    read_as_toml = run(runner, "import", "-", "--dry-run", input=ledger)  # a ledger's entry, read as one
    assert read_as_toml.exit_code == 0, read_as_toml.stderr
    assert read_as_toml.stdout == (  # the entry's line (3) and how it was read, as a sheet's rows are explained
        "row 3: industrial-output = 680.2 亿元 as of 2025-06-30 — figure: column 'value'; "
        "unit: the target's unit (亿元); date: the date column; target: id in column 'target'\n"
    )


def test_toml_written_by_hand_imports_as_json_lines_do(runner: CliRunner, workdir: Path) -> None:
    """[[entry]] tables without the ledger's own keys (id, recorded, by) are rows keyed by field:
    the same keys, units and refusals as JSON Lines, with the table's line in messages."""
    sheet = workdir / "june.toml"
    sheet.write_text(
        '# 6月 figures typed by hand\n\n[[entry]]\ntarget = "规上工业总产值"\ndate = 2025-06-30\n'
        'value = 6802000\nunit = "万元"\n\n[[entry]]\ntarget = "innovation-space"\ndate = "2025-06"\nvalue = 1.5\n',
        encoding="utf-8",
    )
    done = run(runner, "import", str(sheet))
    assert done.exit_code == 0, done.stderr
    [output, space] = entries(workdir)
    assert (output.target, output.value, output.unit, output.date) == (
        "industrial-output",
        6802000,
        "万元",
        date(2025, 6, 30),
    )
    assert (space.target, space.value, space.date, space.id != output.id) == (
        "innovation-space",
        Decimal("1.5"),
        date(2025, 6, 30),
        True,
    )
    misspelt = workdir / "bad.toml"
    misspelt.write_text('[[entry]]\ntarget = "industrial-output"\ndate = 2025-07-31\nvalu = 700\n', encoding="utf-8")
    refused = run(runner, "import", str(misspelt))
    assert refused.exit_code == ExitCode.ERROR and "'valu'" in refused.stderr and "value" in refused.stderr
    other = workdir / "other.toml"
    other.write_text("[meta]\nyear = 2025\n", encoding="utf-8")
    assert "unknown top-level key 'meta'" in run(runner, "import", str(other)).stderr


def _problems(runner: CliRunner) -> list[dict]:  # type: ignore[type-arg]
    out = run(runner, "check", "--format", "json")
    assert out.exit_code == ExitCode.ERROR
    return json.loads(out.stdout)["problems"]  # type: ignore[no-any-return]


def _problem(runner: CliRunner) -> dict:  # type: ignore[type-arg]
    [problem] = _problems(runner)
    return problem


def test_ledger_problems_carry_file_line_entry_and_fix(runner: CliRunner, workdir: Path) -> None:
    """check --format json: a cut-short import, a cut-short entry, a broken digest, an id used
    twice and a correction of no entry each name the file, the line, the entry and the fix; and
    record names the same line and fact as check for the cut-short import."""
    ledger = workdir / "progress.toml"
    assert run(runner, "import", str(EXAMPLES / "monthly-2025-06-illustrative.csv")).exit_code == 0
    whole = ledger.read_bytes()
    first = read_ledger(ledger)[0]
    ledger.write_bytes(whole[:-40])  # the import's 6th entry cut short: 5 written, none counts
    torn = _problem(runner)
    assert (torn["file"], torn["line"], torn["entry"]) == ("progress.toml", first.line, first.id)
    assert torn["message"].startswith("the last append (an import) is incomplete: 5 of its entries were written")
    assert torn["fix"] == "run `tracker check --repair` to move it aside"
    refused = run(runner, "record", "innovation-space", "1", "-d", "2025-07")
    assert refused.exit_code == ExitCode.ERROR
    assert (
        f"progress.toml:{first.line}: entry {first.id}: the last append (an import) is incomplete: 5" in refused.stderr
    )
    ledger.write_bytes(whole)
    single = recorded = run(runner, "record", "innovation-space", "1", "-d", "2025-07")
    assert recorded.exit_code == 0
    new_id = single.stdout.split()[1].rstrip(":")
    complete = ledger.read_bytes()
    ledger.write_bytes(complete[:-40])
    cut = _problem(runner)
    assert (cut["line"], cut["entry"]) == (whole.count(b"\n") + 2, new_id)  # after the blank line
    assert cut["message"] == "the last entry is incomplete (a write was cut short)" and "--repair" in cut["fix"]
    text = whole.decode("utf-8")
    lines = text.splitlines()
    value_line = next(n for n, line in enumerate(lines) if line.startswith("value = "))
    lines[value_line] = lines[value_line] + "1"  # a hand edit of the first entry's figure
    ledger.write_text("\n".join(lines) + "\n", encoding="utf-8")
    broken = _problem(runner)
    assert (broken["line"], broken["entry"]) == (first.line, first.id)
    assert "no longer matches its digest" in broken["message"] and "--upgrade" in broken["fix"]
    block = text.split("\n\n")[1].replace("batch = 6\n", "")  # the first entry, written again on its own
    ledger.write_text(text + "\n" + block + "\n", encoding="utf-8")
    # The copy was not written there by tracker: its digest is named first, then the id it repeats.
    chain, twice = _problems(runner)
    assert chain["entry"] == twice["entry"] == first.id and chain["line"] == twice["line"] == text.count("\n") + 2
    assert "no longer matches its digest" in chain["message"] and twice["fix"]
    assert twice["message"] == f"its id is already used at line {first.line}"
    ledger.write_text(
        text.replace(f'id = "{first.id}"', f'id = "{first.id}"\ncorrects = "ffffffffff"', 1), encoding="utf-8"
    )
    chain, missing = _problems(runner)  # corrects is covered by the digest too
    assert (chain["entry"], chain["line"]) == (first.id, first.line) and "digest" in chain["message"]
    assert missing["entry"] == first.id and missing["line"] == first.line and missing["fix"]
    assert "corrects 'ffffffffff'" in missing["message"]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "xlsx", "toml"])
@pytest.mark.parametrize("mark", ["/", "—", "-", "#N/A", "…"])
def test_text_that_looks_like_a_no_figure_mark_round_trips(tmp_path: Path, fmt: str, mark: str) -> None:
    """A note, source or name that is just ``/`` (a sheet's "no figure" mark) is text, and an
    export reads back with it (found by hypothesis: ``by = "/"`` came back as the login name)."""
    shutil.copy(ROOT / "targets.toml", tmp_path / "targets.toml")
    plan = load_plan(tmp_path / "targets.toml")
    when = datetime(2025, 1, 1, tzinfo=timezone(timedelta(hours=8)))
    written = [
        Entry("0000000000", "industrial-output", date(2025, 1, 31), when, value=Decimal("0.000"), unit="亿元",
              note=mark, source=mark, by=mark)
    ]  # fmt: skip
    append_entries(plan.ledger, written)
    runner = CliRunner()
    exported = tmp_path / f"out.{fmt}"
    assert runner.invoke(app, ["export", "--targets", str(plan.path), "-o", str(exported)]).exit_code == 0
    copy = tmp_path / "copy.toml"
    args = ["import", str(exported), "--targets", str(plan.path), "--ledger", str(copy), "--force"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    [back] = read_ledger(copy)
    assert (back.note, back.source, back.by, back.value) == (mark, mark, mark, Decimal("0.000"))


def test_a_dry_run_of_one_row_says_one_entry() -> None:
    """Found by a new-user trial: "1 entries"."""
    from ledger.render.messages import dry_run

    assert (
        dry_run(1, "progress.toml", "en") == "dry run: 1 entry would be recorded in progress.toml; nothing was written"
    )
    assert dry_run(2, "progress.toml", "en").startswith("dry run: 2 entries would")
    assert dry_run(1, "progress.toml", "zh").startswith("试运行：将有 1 条记录")


def test_the_chinese_import_confirmations_put_no_space_between_chinese_words() -> None:
    """Found by a new-user trial: "导入 6 条记录 到 progress.toml". Spaces set off figures, ids and
    paths only; every confirmation of the kind, whatever its counts, keeps to that."""
    from ledger.render.messages import dry_run, imported

    assert imported(6, "m.csv", "progress.toml", "zh", units_given=4, figures=6) == (
        "已从 m.csv 导入 6 条记录到 progress.toml（4 条按表中单位列，2 条按指标单位）"
    )
    assert dry_run(4, "progress.toml", "zh") == "试运行：将有 4 条记录记入 progress.toml；未写入任何内容"
    cjk = r"[\u3400-\u9fff\uff08-\uff1b\u3001-\u3011]"
    for n in (0, 1, 2):
        for text in (imported(n, "m.csv", "progress.toml", "zh", n, n), dry_run(n, "progress.toml", "zh")):
            assert not re.search(f"{cjk} {cjk}", text), text


def test_an_addition_sent_again_for_its_month_is_refused_naming_what_it_adds_to(
    runner: CliRunner, workdir: Path
) -> None:
    """A department's August sheet (8000 平方米), then its corrected sheet (8500): 0.8 + 0.85 =
    1.65 万平方米 would count where the sheets say 0.85 (the trial n5's case 01). The second import
    is refused, naming the entry already there and its sum, and the two ways out: withdraw the
    replaced one and import, or --force when both add up. Two carriers' rows of one sheet add up."""
    header = "重点任务,本月新增（平方米）,截至日期\n"
    first, second = workdir / "aug.csv", workdir / "aug-revised.csv"
    first.write_text(header + "新增创新空间面积,8000,2025-08\n", encoding="utf-8")
    second.write_text(header + "新增创新空间面积,8500,2025-08\n", encoding="utf-8")
    assert run(runner, "import", str(first)).stderr == ""
    [had] = read_ledger(workdir / "progress.toml")
    refusal = (
        f"error: {second}: row 2: innovation-space 8500 平方米 as of 2025-08-31 would add to the 0.8 万平方米 already "
        f"added in 2025-08 by an earlier import or record (entry {had.id}): both would count"
        f"; nothing was imported; if this sheet corrects the earlier figures, withdraw the ones it "
        f"replaces (tracker void {had.id} --reason 更正), then import it; if both add up (two carriers' sheets), "
        "import with --force\n"
    )
    assert run(runner, "import", str(second), "--dry-run").stderr == refusal
    again = run(runner, "import", str(second))
    assert (again.exit_code, again.stderr) == (ExitCode.ERROR, refusal)
    assert run(runner, "import", str(second), "--allow-duplicates").stderr == refusal  # no duplicate: no way round
    assert run(runner, "check").exit_code == 0  # nothing written, nothing to find
    # The first way out: withdraw the replaced figure, then import: 0.85, not 1.65.
    assert run(runner, "void", had.id, "--reason", "更正").exit_code == 0
    assert run(runner, "import", str(second)).exit_code == 0
    assert _current(runner, "2025-08-31") == 0.85
    assert run(runner, "check").exit_code == 0
    september = workdir / "sep.csv"
    september.write_text(header + "新增创新空间面积,3000,2025-09\n新增创新空间面积,2000,2025-09\n", encoding="utf-8")
    assert run(runner, "import", str(september)).stderr == ""  # two carriers' rows of one sheet add up
    ids = [e.id for e in read_ledger(workdir / "progress.toml") if e.date == date(2025, 9, 30)]
    # The second way out: another department's sheet for September that really adds to it.
    other = workdir / "sep-other.csv"
    other.write_text(header + "新增创新空间面积,1000,2025-09-30\n", encoding="utf-8")
    said = run(runner, "import", str(other)).stderr
    assert (
        f"would add to the 0.5 万平方米 already added in 2025-09 by an earlier import or record (entries {', '.join(ids)})"
        in said
    )
    assert f"(tracker void {ids[0]} --reason 更正; tracker void {ids[1]} --reason 更正)" in said
    assert run(runner, "import", str(other), "--force").exit_code == 0
    assert _current(runner, "2025-09-30") == 1.45  # 0.85 + 0.3 + 0.2 + 0.1
    assert run(runner, "check").exit_code == 0  # kept with --force: said once, at the import
    exported = workdir / "all.csv"
    assert run(runner, "export", "-o", str(exported)).exit_code == 0
    restored = run(runner, "import", str(exported), "--ledger", str(workdir / "copy.toml"))
    assert (restored.exit_code, restored.stderr) == (0, "")  # a history carries its own additions
    assert run(runner, "check", "--ledger", str(workdir / "copy.toml")).exit_code == 0


def _current(runner: CliRunner, as_of: str) -> object:
    out = run(runner, "status", "--format", "json", "--as-of", as_of)
    return next(t for a in json.loads(out.stdout)["actions"] for t in a["targets"] if t["id"] == "innovation-space")[
        "current"
    ]


def test_check_finds_an_addition_to_a_month_from_another_import() -> None:
    """A ledger written before imports refused it (or edited together from two): the later
    addition of another append to the month is found, naming the one there; additions of one
    append (a sheet's carrier rows) are not, nor one kept with --force."""
    from ledger.meaning import check_ledger
    from tests.conftest import SHIPPED_PLAN

    plan = load_plan(SHIPPED_PLAN)
    at = datetime(2025, 9, 2, 8, 0, tzinfo=UTC)
    eight = Entry("a1", "innovation-space", date(2025, 8, 31), at, Decimal(8000), "平方米", batch=2)
    carrier = Entry("a2", "innovation-space", date(2025, 8, 31), at, Decimal(500), "平方米")
    later = Entry("b1", "innovation-space", date(2025, 8, 31), at + timedelta(days=3), Decimal(8500), "平方米")
    found = check_ledger(plan, [eight, carrier, later])
    assert [(f.entry.id if f.entry else None, f.added, f.against) for f in found] == [("b1", True, ("a1", "a2"))]
    assert found[0].message == (
        "innovation-space 8500 平方米 as of 2025-08-31 would add to the 0.85 万平方米 already added in 2025-08 by an "
        "earlier import or record (entries a1, a2): both would count"
    )
    problem = found[0].for_check("progress.toml", "targets.toml")
    assert problem.fix == (
        "if it corrects the earlier figures, withdraw each: tracker void a1 --reason 更正; tracker void a2 --reason "
        "更正; if both add up (two carriers' sheets), keep it: tracker amend b1 --force --reason …"
    )
    assert check_ledger(plan, [eight, carrier, later._replace(forced=True)]) == []
    assert check_ledger(plan, [eight, carrier]) == []


def test_a_corrected_carrier_sheet_is_refused_and_allow_duplicates_is_no_way_round(
    runner: CliRunner, workdir: Path
) -> None:
    """The trial n5's case 01 variant: one carrier's 3000 unchanged, the other's 5000 → 5500.
    The unchanged row is passed over (the ledger holds it from the sheet this one corrects), the
    other is an addition to August: --allow-duplicates still refuses it, so nothing counts twice
    (0.3 + 0.55 = 0.85); withdrawing both earlier figures, as the old refusal asked, works too
    (tests/test_resent.py follows the new refusal: withdraw the changed one only)."""
    head = "临平经开区科技局2025年8月创新空间建设情况\n指标名称,载体,本月新增（平方米）\n"
    first, fixed = workdir / "s.csv", workdir / "s-corrected.csv"
    first.write_text(
        head + "新增创新空间面积,临平新城科创园,3000\n新增创新空间面积,红丰创新带孵化器,5000\n", encoding="utf-8"
    )
    fixed.write_text(
        head + "新增创新空间面积,临平新城科创园,3000\n新增创新空间面积,红丰创新带孵化器,5500\n", encoding="utf-8"
    )
    assert run(runner, "import", str(first)).exit_code == 0
    a, b = (e.id for e in read_ledger(workdir / "progress.toml"))
    refused = run(runner, "import", str(fixed))
    assert refused.exit_code == ExitCode.ERROR
    lines = refused.stderr.splitlines()
    assert len(lines) == 3  # the refusal is one line
    assert lines[1].startswith(f"note: {fixed}: row 3 passed over: the same figures are in the ledger already")
    assert lines[2] == (
        f"error: {fixed}: row 4: innovation-space 5500 平方米 as of 2025-08-31 would add to the 0.5 万平方米 already "
        f"added in 2025-08 by an earlier import or record (entry {b}): both would count"
        f"; nothing was imported; if this sheet corrects the earlier figures, withdraw the ones it "
        f"replaces (tracker void {b} --reason 更正), then import it again (row 3, in the ledger already, is passed "
        "over); if both add up (two carriers' sheets), import with --force"
    )
    assert "--allow-duplicates" not in refused.stderr
    allowed = run(runner, "import", str(fixed), "--allow-duplicates")
    assert allowed.exit_code == ExitCode.ERROR and "row 4: innovation-space 5500 平方米" in allowed.stderr
    for entry_id in (a, b):
        assert run(runner, "void", entry_id, "--reason", "更正").exit_code == 0
    assert run(runner, "import", str(fixed)).exit_code == 0
    assert _current(runner, "2025-08-31") == 0.85
    assert run(runner, "check").exit_code == 0
