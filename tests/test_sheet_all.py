"""`tracker sheet` for a plan that names no owner (the shipped one), and `--all`: one sheet of
every target chosen, the office's own monthly template, which `tracker import` reads back as
it is once filled."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from cli import ExitCode, app
from ledger import read_ledger
from tests.test_departments import HEAD, HISTORY, TARGETS

SEPT = date(2025, 9, 30)
# The shipped plan's rows in September: every target but the national rank, which reports once a
# year; one row per milestone of a task, in plan order.
SHIPPED_SEPTEMBER = [
    ("industrial-output", ""),
    ("value-added-growth", ""),
    ("service-revenue-growth", ""),
    ("cluster-zones", "semiconductor"),
    ("cluster-zones", "robotics"),
    ("cluster-zones", "ivd"),
    ("investment-attraction", "manufacturing"),
    ("investment-attraction", "productive-services"),
    ("investment-attraction", "real-estate"),
    ("project-lifecycle", "land"),
    ("project-lifecycle", "start"),
    ("project-lifecycle", "construction"),
    ("project-lifecycle", "production"),
    ("talent", "overseas"),
    ("talent", "top-talent"),
    ("enterprise-chain", "chain"),
    ("enterprise-chain", "high-tech"),
    ("enterprise-chain", "tech-sme"),
    ("incubator", ""),
    ("innovation-space", ""),
    ("land-supply", ""),
    ("key-areas", "north-hub"),
    ("key-areas", "hongfeng"),
    ("key-areas", "yunxi-lake"),
    ("donghu-new-town", ""),
    ("soe-reform", "transformation"),
    ("soe-reform", "management"),
    ("asset-revitalisation", ""),
    ("fiscal-revenue", ""),
    ("supervision", ""),
    ("grid-cadres", "grid"),
    ("grid-cadres", "cadres"),
]


def run(runner: CliRunner, *args: str) -> Any:
    return runner.invoke(app, list(args))


def _csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def _entries(path: Path) -> list[tuple[Any, ...]]:
    return [
        (e.target, e.date, e.value, e.unit, e.month_value, e.status, e.milestone, e.note, e.source)
        for e in read_ledger(path)
    ]


def test_the_shipped_plan_gets_its_template_as_csv_and_reads_it_back(runner: CliRunner, workdir: Path) -> None:
    result = run(runner, "sheet", "--month", "2025-09", "-o", "sep.csv", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    table = _csv(workdir / "sep.csv")
    head = table[0]
    assert head == ["Target / task", "What to enter", "unit", "Goal", "Last figure", "Last as of", "value",
                    "month_value", "status", "date", "note", "source", "target", "milestone"]  # fmt: skip
    col = {h: i for i, h in enumerate(head)}
    assert [(r[col["target"]], r[col["milestone"]]) for r in table[1:]] == SHIPPED_SEPTEMBER
    output = table[1]
    assert [output[col[h]] for h in ("Target / task", "What to enter", "unit", "Goal", "date")] == [
        "Industrial output value", "running total, Jan–Sep", "亿元", "1360", "2025-09-30",
    ]  # fmt: skip

    # The office fills what arrived and leaves the rest empty.
    filled = {
        ("industrial-output", ""): {"value": "1012.4", "month_value": "118.6", "note": "1—9月累计"},
        ("value-added-growth", ""): {"value": "5.9"},
        ("innovation-space", ""): {"value": "25000", "unit": "平方米"},
        ("cluster-zones", "robotics"): {"status": "in progress", "source": "经济发展局"},
    }
    for row in table[1:]:
        for field, value in filled.get((row[col["target"]], row[col["milestone"]]), {}).items():
            row[col[field]] = value
    with (workdir / "sep.csv").open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(table)

    result = run(runner, "import", "sep.csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("imported 4 entries from sep.csv into progress.toml")
    assert _entries(workdir / "progress.toml") == [
        ("industrial-output", SEPT, Decimal("1012.4"), "亿元", Decimal("118.6"), None, None, "1—9月累计", None),
        ("value-added-growth", SEPT, Decimal("5.9"), "%", None, None, None, None, None),
        ("cluster-zones", SEPT, None, None, None, "in_progress", "robotics", None, "经济发展局"),
        ("innovation-space", SEPT, Decimal("25000"), "平方米", None, None, None, None, None),
    ]
    # 25,000 m² is 2.5 万平方米 of the 50 asked: 5 %.
    shown = run(runner, "status", "--as-of", "2025-09-30", "--format", "json")
    space = next(t for a in json.loads(shown.stdout)["actions"] for t in a["targets"] if t["id"] == "innovation-space")
    assert (space["current"], space["progress"]) == (2.5, 0.05)


def test_the_shipped_plan_gets_a_workbook_named_for_every_target(runner: CliRunner, workdir: Path) -> None:
    result = run(runner, "sheet", "--month", "2025-09", "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in workdir.iterdir()) == ["all-2025-09.xlsx", "targets.toml"]
    book = load_workbook(workdir / "all-2025-09.xlsx")
    ws = book.active
    assert ws.title == "填报" and book.sheetnames == ["填报", "填报说明"]
    assert ws["A1"].value == "临平经开区2025年“六大行动” 2025年9月指标填报表"
    cols = {c.value: c.column for c in ws[3] if c.value}
    rows = {(ws.cell(r, cols["target"]).value, ws.cell(r, cols["milestone"]).value or ""): r
            for r in range(4, ws.max_row + 1)}  # fmt: skip
    assert list(rows) == SHIPPED_SEPTEMBER
    status_cell = ws.cell(rows[("land-supply", "")], cols["状态"])
    assert not status_cell.protection.locked
    status_cell.value = "已完成"
    ws.cell(rows[("industrial-output", "")], cols["完成值"]).value = 10124000
    ws.cell(rows[("industrial-output", "")], cols["单位"]).value = "万元"
    ws.cell(rows[("service-revenue-growth", "")], cols["完成值"]).value = 7.2
    book.save(workdir / "all-2025-09.xlsx")

    result = run(runner, "import", "all-2025-09.xlsx")
    assert result.exit_code == 0, result.output
    assert _entries(workdir / "progress.toml") == [
        ("industrial-output", SEPT, Decimal("10124000"), "万元", None, None, None, None, None),
        ("service-revenue-growth", SEPT, Decimal("7.2"), "%", None, None, None, None, None),
        ("land-supply", SEPT, None, None, None, "done", None, None, None),
    ]
    # Sent again, nothing is imported and the ledger is unchanged.
    again = run(runner, "import", "all-2025-09.xlsx")
    assert again.exit_code == ExitCode.ERROR and "nothing was imported" in again.stderr
    assert len(read_ledger(workdir / "progress.toml")) == 3


def test_the_template_takes_the_filters_and_a_folder(runner: CliRunner, workdir: Path) -> None:
    result = run(runner, "sheet", "--month", "2025-12", "--action", "industry", "-o", "out/", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert [p.name for p in (workdir / "out").iterdir()] == ["all-2025-12.csv"]
    table = _csv(workdir / "out" / "all-2025-12.csv")
    # December asks for the year's rank too; the industry action's rows are September's first six.
    assert [(r[-2], r[-1]) for r in table[1:]] == [("national-rank", ""), *SHIPPED_SEPTEMBER[:6]]
    result = run(runner, "sheet", "--month", "2025-06", "--target", "*-growth", "--all", "-o", "g.csv")
    assert result.exit_code == 0, result.output
    assert [r[-2] for r in _csv(workdir / "g.csv")[1:]] == ["value-added-growth", "service-revenue-growth"]

    # A slip in a filter: one line on stderr (the installed script, as a user runs it), nothing written.
    tracker = Path(sys.executable).parent / "tracker"
    unknown = subprocess.run([str(tracker), "sheet", "--month", "2025-06", "--action", "industri"], cwd=workdir,
                             capture_output=True, text=True, check=False)  # fmt: skip
    assert unknown.returncode == ExitCode.USAGE and unknown.stdout == ""
    assert unknown.stderr.splitlines() == [
        "error: Invalid value for '--action': 'industri': targets.toml names no such action; "
        "did you mean 'industry'?; see `tracker sheet --help`"
    ]
    assert not (workdir / "all-2025-06.xlsx").exists()


@pytest.fixture
def owners_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: CliRunner) -> Path:
    """The departments plan: three owners and one target (orphan) with none, figures to May."""
    (tmp_path / "targets.toml").write_text(HEAD + TARGETS, encoding="utf-8")
    (tmp_path / "history.csv").write_text(HISTORY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run(runner, "import", "history.csv").exit_code == 0
    return tmp_path


def test_owners_still_get_a_sheet_each_and_all_gets_one_of_every_target(runner: CliRunner, owners_dir: Path) -> None:
    result = run(runner, "sheet", "--month", "2025-06", "-o", "out/")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (owners_dir / "out").iterdir()) == sorted(
        ["经济发展局-2025-06.xlsx", "科技局-2025-06.xlsx", "投资促进局-2025-06.xlsx"]
    )
    assert result.stderr == (
        "note: no owner named, so in no unit's sheet: orphan (`tracker sheet --all` writes one of every target)\n"
    )

    result = run(runner, "sheet", "--month", "2025-06", "--all", "-o", "all.csv")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    table = _csv(owners_dir / "all.csv")
    col = {h: i for i, h in enumerate(table[0])}
    got = [(r[col["target"]], r[col["milestone"]], r[col["Last figure"]]) for r in table[1:]]
    assert got == [
        ("output", "", "520.9"),
        ("growth", "", "5.4"),
        ("space", "", "6"),
        ("firms", "", "8"),
        ("invest", "", "49.8"),
        ("task", "land", "in progress"),
        ("task", "start", ""),
        ("orphan", "", "4"),
    ]
    table[-1][col["value"]] = "5.5"
    with (owners_dir / "all.csv").open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(table)
    assert run(runner, "import", "all.csv").exit_code == 0
    last = read_ledger(owners_dir / "progress.toml")[-1]
    assert (last.target, last.date, last.value, last.unit) == ("orphan", date(2025, 6, 30), Decimal("5.5"), "亿元")

    # One unit's sheet names no other's targets, and notes nothing.
    one = run(runner, "sheet", "--owner", "科技局", "--month", "2025-06", "-o", "k.csv")
    assert one.exit_code == 0 and one.stderr == ""
    assert [r[-2] for r in _csv(owners_dir / "k.csv")[1:]] == ["space", "firms"]
    # Chosen targets that name no owner: one line saying so, nothing written.
    refused = run(runner, "sheet", "--month", "2025-06", "--target", "orphan", "-o", "o.csv")
    assert refused.exit_code == ExitCode.ERROR
    assert refused.stderr.strip().splitlines() == [
        "error: targets.toml: the targets chosen name no owner; add --all for one sheet of them"
    ]
    assert not (owners_dir / "o.csv").exists()
    several = run(runner, "sheet", "--month", "2025-06", "-o", "one.xlsx")
    assert several.exit_code == ExitCode.ERROR and "--all for one sheet of every target" in several.stderr


def test_a_month_outside_the_plan_or_an_unwritable_folder_is_one_line(runner: CliRunner, workdir: Path) -> None:
    outside = run(runner, "sheet", "--month", "2026-03", "-o", "mar.xlsx")
    assert outside.exit_code == ExitCode.ERROR
    assert outside.stderr == (
        "error: targets.toml: --month 2026-03 is outside the plan period 2025-01-01 to 2025-12-31; "
        "give a month of the plan, e.g. --month 2025-12\n"
    )
    (workdir / "taken").write_text("a file, not a folder", encoding="utf-8")
    blocked = run(runner, "sheet", "--month", "2025-09", "-o", "taken/sheets/")
    assert blocked.exit_code == ExitCode.ERROR
    assert blocked.stderr == (
        "error: taken/sheets/all-2025-09.xlsx: cannot make its folder taken/sheets: Not a directory; fix --output\n"
    )
    assert sorted(p.name for p in workdir.iterdir()) == ["taken", "targets.toml"]
