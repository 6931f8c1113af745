"""Every output format: JSON against its schema, CSV for Excel, Markdown, HTML, the report
document, and --output written whole or not at all."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from cli import ExitCode, app
from tests.conftest import ROOT

SCHEMA = json.loads((ROOT / "docs" / "schema" / "tracker.status.schema.json").read_text(encoding="utf-8"))


def run(runner: CliRunner, *args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), env=env)


@pytest.fixture
def recorded(runner: CliRunner, workdir: Path) -> Path:
    """The shipped plan with a figure for every kind, as of the end of June."""
    for args in (
        ["industrial-output", "628.32", "-d", "2025-06", "-n", "1—6月累计"],  # 46.2 % against 50 %
        ["innovation-space", "30", "-d", "2025-05"],
        ["value-added-growth", "-3.5", "-d", "2025-06"],
        ["national-rank", "75", "-d", "2025-06"],
        ["cluster-zones", "blocked", "-m", "ivd", "-d", "2025-06", "-n", "用地未落实"],
        ["incubator", "done", "-d", "2025-04"],
    ):
        assert run(runner, "record", *args).exit_code == 0
    return workdir


def report_of(runner: CliRunner, *args: str) -> str:
    result = run(runner, *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_every_format_carries_the_same_hand_computed_figures(runner: CliRunner, recorded: Path) -> None:
    """628.32 of 1360 亿元 at the end of June: progress 628.32 / 1360 = 0.462 against 6/12 = 0.5,
    gap -0.038, forecast 1360 × 0.462 / 0.5 = 1256.64, needed (1360 − 628.32) / 6 = 121.95."""
    at = ("status", "--as-of", "2025-06-30")
    doc = json.loads(report_of(runner, *at, "--format", "json"))
    output = doc["actions"][0]["targets"][1]
    assert (output["id"], output["current"], output["progress"], output["expected"]) == (
        "industrial-output", 628.32, 0.462, 0.5)  # fmt: skip
    assert (output["gap"], output["forecast"], output["needed_per_month"], output["status"]) == (
        -0.038, 1256.64, 121.95, "at_risk")  # fmt: skip
    assert doc["summary"] == {"done": 1, "on_track": 1, "at_risk": 3, "behind": 1, "not_achieved": 0, "no_data": 13}

    for lang, label in (("zh", "略滞后"), ("en", "at risk")):  # only status_label follows the language
        rows = list(csv.reader(io.StringIO(report_of(runner, *at, "--format", "csv", "--lang", lang), newline="")))
        assert rows[0][:3] == ["action", "action_name", "id"] and len(rows) == 20
        assert rows[2] == ["industry", "产业能级“提质”行动", "industrial-output", "工业总产值", "Industrial output value", "", "", "total",
                           "亿元", "1360", "", "", "628.32", "2025-06-30", "0.462", "0.5", "at_risk", label, "-0.038",
                           "", "1256.64", "121.95", "1", "1—6月累计", "2025-06-30"]  # fmt: skip

    markdown = report_of(runner, *at, "--format", "markdown", "--lang", "zh").splitlines()
    assert (
        "| 工业总产值 | 1360 亿元 | 628.32 | 06-30 | 46.2% | 50.0% | 略滞后 | 低于序时进度 3.8 个百分点 | 1256.64 |"
        in markdown
    )
    english = report_of(runner, *at, "--format", "markdown", "--lang", "en").splitlines()
    assert ("| Industrial output value | CNY 136.0 bn | 62.832 | 06-30 | 46.2% | 50.0% | at risk "
            "| 3.8 pp behind schedule | 125.664 |") in english  # fmt: skip

    html = report_of(runner, *at, "--format", "html", "--lang", "en")
    assert ("<tr><td>Industrial output value</td><td class='num'>CNY 136.0 bn</td><td class='num'>62.832</td>"
            "<td class='num'>06-30</td>") in html  # fmt: skip

    table = report_of(runner, *at, "--format", "table", "--lang", "zh").splitlines()
    assert [re.split(r" +", line) for line in table if line.startswith("工业总产值")] == [
        ["工业总产值", "1360", "亿元", "628.32", "06-30", "███░░░░░", "46.2%", "50.0%", "略滞后", "1256.64"]
    ]
    table_en = report_of(runner, *at, "--format", "table", "--lang", "en").splitlines()
    assert [re.split(r" +", line) for line in table_en if line.startswith("Industrial ")][1] == [
        "Industrial", "CNY", "136.0", "bn", "62.832", "06-30", "46.2%", "50.0%", "at", "risk", "125.664"]  # fmt: skip

    for doc_format, heading in (("markdown", "# 临平经开区2025年“六大行动”进展报告（截至 2025-06-30）"),
                                ("html", "<h1>临平经开区2025年“六大行动”进展报告（截至 2025-06-30）</h1>")):  # fmt: skip
        out = report_of(runner, "report", "--as-of", "2025-06-30", "--lang", "zh", "--format", doc_format)
        assert heading in out and "低于序时进度 3.8 个百分点" in out


def test_json_validates_against_the_shipped_schema(runner: CliRunner, recorded: Path) -> None:
    text = report_of(runner, "status", "--format", "json", "--as-of", "2025-06-30")
    doc = json.loads(text)
    jsonschema.validate(doc, SCHEMA)
    assert "NaN" not in text and "Infinity" not in text
    (recorded / "none.toml").write_text("", encoding="utf-8")  # a ledger with no entries yet
    empty = json.loads(report_of(runner, "status", "--format", "json", "--ledger", str(recorded / "none.toml")))
    jsonschema.validate(empty, SCHEMA)


def test_csv_for_excel(runner: CliRunner, recorded: Path) -> None:
    plan = recorded / "targets.toml"
    plan.write_text(
        plan.read_text(encoding="utf-8")
        .replace('name = "工业总产值"', 'name = "=HYPERLINK(\\"http://x\\")"', 1)
        .replace('name = "国考排名"', 'name = "-2+3"', 1)
        .replace('name = "工业增加值增速"', 'name = "@SUM(A1)"', 1),
        encoding="utf-8",
    )
    out = report_of(runner, "status", "--format", "csv", "--as-of", "2025-06-30")
    assert not out.startswith("\ufeff")
    assert run(runner, "status", "--format", "csv").stdout_bytes.count(b"\r\n") == 20  # CRLF, as Excel writes
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out, newline=""))}
    assert rows["industrial-output"]["name"] == '\'=HYPERLINK("http://x")'
    assert rows["national-rank"]["name"] == "'-2+3"
    assert rows["value-added-growth"]["name"] == "'@SUM(A1)"
    growth = rows["value-added-growth"]
    assert (growth["current"], growth["gap"], growth["status"]) == ("-3.5", "-9.5", "behind")
    assert float(growth["current"]) == -3.5  # a number, not neutralised text
    output = rows["industrial-output"]
    assert (output["progress"], output["expected"], output["note"]) == ("0.462", "0.5", "1—6月累计")
    assert len(rows) == 19

    result = run(runner, "status", "--as-of", "2025-06-30", "--output", str(recorded / "status.csv"))
    assert result.exit_code == 0 and result.stdout == ""
    data = (recorded / "status.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:].decode("utf-8").replace("\r\n", "\n") == out


def test_markdown_keeps_its_columns(runner: CliRunner, recorded: Path) -> None:
    plan = recorded / "targets.toml"
    text = plan.read_text(encoding="utf-8").replace(
        'name = "工业总产值"', 'name = "产值 | 总量\\n第二行 <b>*x*</b>"', 1
    )
    plan.write_text(text, encoding="utf-8")
    out = report_of(runner, "status", "--format", "markdown", "--as-of", "2025-06-30", "--lang", "zh")
    rows = [line for line in out.splitlines() if line.startswith("| ")]
    pipes = {len(re.findall(r"(?<!\\)\|", row)) for row in rows if "已完成 |" not in row}
    assert pipes == {10}, pipes  # nine columns in every row, whatever a name holds
    assert r"产值 \| 总量<br>第二行 &lt;b&gt;\*x\*&lt;/b&gt;" in out


def test_html_is_self_contained_and_escaped(runner: CliRunner, recorded: Path) -> None:
    plan = recorded / "targets.toml"
    text = plan.read_text(encoding="utf-8").replace('name = "工业总产值"', 'name = "<script>alert(1)</script>"', 1)
    plan.write_text(text, encoding="utf-8")
    out = report_of(runner, "status", "--format", "html", "--as-of", "2025-06-30", "--lang", "zh")
    assert out.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in out
    assert "<script" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert not re.search(r"(src|href)=|@import|url\(", out)  # nothing fetched
    assert 'class="fill" style="width:46.2%"' in out and 'class="tick" style="left:50.0%"' in out
    assert "@media print" in out


def test_report_lists_what_is_behind_first_in_report_wording(runner: CliRunner, recorded: Path) -> None:
    out = report_of(runner, "report", "--as-of", "2025-06-30", "--lang", "zh")
    attention = out[out.index("## 需关注的指标") : out.index("## 产业能级")]
    items = [line for line in attention.splitlines() if line.startswith("- ")]
    assert (
        "- **工业总产值**（略滞后）：低于序时进度 3.8 个百分点。最新 628.32 亿元（截至 2025-06-30；1—6月累计）" in items
    )
    assert items[0].startswith("- **工业增加值增速**（滞后）：差目标 9.5 个百分点。")
    statuses = [re.search(r"（(.+?)）", i).group(1) for i in items]  # type: ignore[union-attr]
    assert statuses == sorted(statuses, key=["滞后", "略滞后"].index)
    assert any("用地未落实" in i for i in items)
    assert "| 1 | 1 | 3 | 1 | 0 | 13 |" in out  # done, on track, at risk, behind, not achieved, no data
    english = report_of(runner, "report", "--as-of", "2025-06-30", "--lang", "en")
    assert "3.8 pp behind schedule" in english
    html = report_of(runner, "report", "--format", "html", "--as-of", "2025-06-30", "--lang", "zh")
    assert "低于序时进度 3.8 个百分点" in html and html.index("需关注的指标") < html.index("产业能级")


def test_output_follows_the_extension_and_is_written_whole(runner: CliRunner, recorded: Path) -> None:
    for name, marker in (("r.md", "# "), ("r.html", "<!DOCTYPE html>"), ("r.json", '"schema"'), ("r.txt", "────")):
        result = run(runner, "status", "--as-of", "2025-06-30", "-o", str(recorded / name))
        assert result.exit_code == 0, result.output
        assert marker in (recorded / name).read_text(encoding="utf-8")
    assert run(runner, "report", "-o", str(recorded / "month.html")).exit_code == 0
    assert (recorded / "month.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    unknown = run(runner, "status", "-o", str(recorded / "r.docx"))
    assert unknown.exit_code == ExitCode.USAGE and "give --format" in unknown.stderr
    assert not (recorded / "r.docx").exists()
    # A failure before the report is built leaves an existing file untouched and no temporary files.
    before = (recorded / "r.md").read_bytes()
    (recorded / "targets.toml").write_text("broken = [", encoding="utf-8")
    assert run(runner, "status", "-o", str(recorded / "r.md")).exit_code == ExitCode.ERROR
    assert (recorded / "r.md").read_bytes() == before
    missing = run(runner, "report", "-o", str(recorded / "no" / "dir.md"))
    assert missing.exit_code == ExitCode.ERROR
    assert not [p for p in recorded.iterdir() if p.name.endswith(".tmp")]


def test_atomic_write_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from ledger.atomic import write_atomic
    from ledger.errors import TrackerError

    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(TrackerError, match="No space left on device; the file was left as it was"):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_json_keys_are_exactly_the_documented_ones(runner: CliRunner, recorded: Path) -> None:
    """The schema lets readers accept new keys; this keeps us from adding one by accident."""
    doc = json.loads(report_of(runner, "status", "--format", "json", "--as-of", "2025-06-30"))
    target = doc["actions"][0]["targets"][0]
    assert list(target) == list(SCHEMA["$defs"]["target"]["properties"])
    assert list(doc) == list(SCHEMA["properties"])  # owners null without --by owner: never missing


def test_output_never_overwrites_the_plan_or_the_ledger(runner: CliRunner, recorded: Path) -> None:
    ledger_before = (recorded / "progress.toml").read_bytes()
    for target in ("progress.toml", "targets.toml", "progress.toml.lock"):
        result = run(runner, "status", "--format", "json", "-o", str(recorded / target))
        assert result.exit_code == ExitCode.USAGE, target
    assert (recorded / "progress.toml").read_bytes() == ledger_before
    mismatch = run(runner, "status", "--format", "json", "-o", str(recorded / "s.csv"))
    assert mismatch.exit_code == ExitCode.USAGE and "s.csv says csv, but --format is json" in mismatch.stderr
    assert run(runner, "report", "-o", "-").stdout.startswith("# ")
    private = recorded / "private.html"
    private.write_text("old", encoding="utf-8")
    private.chmod(0o600)
    assert run(runner, "report", "-o", str(private)).exit_code == 0
    assert private.stat().st_mode & 0o777 == 0o600


def test_html_report_ends_with_monthly_charts(runner: CliRunner, recorded: Path) -> None:
    html = report_of(runner, "report", "--format", "html", "--as-of", "2025-06-30", "--lang", "zh")
    chart = html[html.index("按月进度") :]
    assert chart.count("<h3>") == 2  # industrial output and innovation space have figures
    assert "<h3>工业总产值</h3>" in chart
    assert 'style="width:46.2%"' in chart and 'class="tick" style="left:50.0%"' in chart


def test_machine_shares_never_round_up_to_a_boundary(runner: CliRunner, workdir: Path) -> None:
    # 49.99999 of 50 万平方米: progress 0.9999998, not met.
    assert run(runner, "record", "innovation-space", "49.99999", "-d", "2025-06").exit_code == 0
    doc = json.loads(report_of(runner, "status", "--format", "json", "--as-of", "2025-06-30"))
    space = next(t for a in doc["actions"] for t in a["targets"] if t["id"] == "innovation-space")
    assert space["progress"] == 0.9999 and space["status"] != "done"
    assert space["gap"] == 0.5  # 0.4999998 ahead of schedule: half-up, as no boundary is near
    rows = list(csv.DictReader(io.StringIO(report_of(runner, "status", "--format", "csv", "--as-of", "2025-06-30"))))
    assert next(r for r in rows if r["id"] == "innovation-space")["progress"] == "0.9999"
    shown = json.loads(report_of(runner, "show", "innovation-space", "--format", "json", "--as-of", "2025-06-30"))
    assert shown["progress"]["progress"] == 0.9999 and shown["series"][-1]["progress"] == 0.9999
    # In the meeting's workbook the cell holds the share as shown (format 0.0%): 99.9 %, not 100.0 %.
    from openpyxl import load_workbook

    assert run(runner, "status", "--as-of", "2025-06-30", "-o", "s.xlsx", "--lang", "en").exit_code == 0
    book = load_workbook(workdir / "s.xlsx")
    row = next(r for ws in book.worksheets for r in ws.iter_rows() if r[0].value == "New innovation space")
    cell = next(c for c in row if c.number_format == "0.0%")
    assert cell.value == 0.999
    # A gap a hair behind schedule stays negative: 628.32 of 1360 is 0.4620 against 0.5.
    assert run(runner, "record", "industrial-output", "679.99", "-d", "2025-06").exit_code == 0
    doc = json.loads(report_of(runner, "status", "--format", "json", "--as-of", "2025-06-30"))
    output = next(t for a in doc["actions"] for t in a["targets"] if t["id"] == "industrial-output")
    # 679.99 / 1360 = 0.49999264…: the gap −0.00000735… is behind schedule and stays so,
    # −0.0001, never 0; and progress, 0.5 half-up, shows a step under the expected 0.5, as a
    # target behind reads (docs/json.md), never level with it beside at_risk.
    assert output["gap"] == -0.0001 and output["status"] == "at_risk"
    assert (output["progress"], output["expected"]) == (0.4999, 0.5)


def test_every_sheet_of_the_status_workbook_prints_a4_landscape_one_page_wide(runner: CliRunner, workdir: Path) -> None:
    """README: the workbook "prints on A4 landscape, one page wide": the summary sheet had no page
    setup of its own (portrait, Letter where the printer's default is)."""
    from openpyxl import load_workbook

    assert run(runner, "status", "--as-of", "2025-06-30", "-o", "s.xlsx", "--lang", "zh").exit_code == 0
    book = load_workbook(workdir / "s.xlsx")
    assert len(book.worksheets) > 1
    for ws in book.worksheets:
        setup = ws.page_setup
        assert (setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight) == (9, "landscape", 1, 0), (
            ws.title
        )
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
    assert book.worksheets[1].print_title_rows == "$1:$1"  # an action's header row on every page
