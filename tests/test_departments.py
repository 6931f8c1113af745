"""The monthly loop with departments: owners, department sheets there and back, who still owes
figures, filters and grouping, and the lit status workbook."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from cli import ExitCode, app
from ledger import PlanError, load_plan, read_ledger
from ledger.due import DueState, due_day, owed, period_ends
from ledger.render.xlsx import number_format
from tests.conftest import ROOT
from tests.helpers import entry

HEAD = """version = 1

[plan]
id = "owners-2025"
name = "部门计划"
name_en = "Departments plan"
start = 2025-01-01
end = 2025-12-31

[[action]]
id = "industry"
name = "产业"
owner = "经济发展局"
lead = "李副主任"

[[action]]
id = "innovation"
name = "创新"
owner = "科技局"

[[action]]
id = "projects"
name = "项目"
"""

TARGETS = """
[[target]]
id = "output"
action = "industry"
name = "工业总产值"
kind = "total"
unit = "亿元"
target = 1360
tags = ["国考"]

[[target]]
id = "growth"
action = "industry"
name = "工业增加值增速"
kind = "rate"
unit = "%"
target = 6

[[target]]
id = "space"
action = "innovation"
name = "新增创新空间面积"
kind = "increment"
unit = "万平方米"
target = 50
tags = ["国考"]

[[target]]
id = "firms"
action = "innovation"
name = "新认定高新技术企业"
kind = "increment"
unit = "家"
target = 40
frequency = "quarterly"
release_day = 20

[[target]]
id = "invest"
action = "projects"
name = "固定资产投资"
kind = "total"
unit = "亿元"
target = 120
owner = "投资促进局"
lead = "周副主任"

[[target]]
id = "task"
action = "projects"
name = "重大项目"
kind = "milestone"
owner = "投资促进局"
milestones = [
  { id = "land", name = "供地", due = 2025-06-30 },
  { id = "start", name = "开工", due = 2025-09-30 },
]

[[target]]
id = "orphan"
action = "projects"
name = "无主指标"
kind = "total"
unit = "亿元"
target = 10
"""

# Figures up to May, as the ledger holds them before June's sheets go out.
# (An addition answers for its own month only: 0 where nothing was added, or `due` chases the month.)
HISTORY = """target,date,value,status,milestone
output,2025-05-31,520.9,,
growth,2025-05-31,5.4,,
space,2025-01-31,0,,
space,2025-02-28,0,,
space,2025-03-31,0,,
space,2025-04-30,0,,
space,2025-05-31,6,,
firms,2025-03-31,8,,
invest,2025-05-31,49.8,,
task,2025-05-31,,in_progress,land
orphan,2025-05-31,4,,
"""


def run(runner: CliRunner, *args: str) -> Any:
    return runner.invoke(app, list(args))


@pytest.fixture
def plan_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: CliRunner) -> Path:
    """A plan with three owners (two by action, one by target) and one target with none, with
    figures up to May recorded."""
    (tmp_path / "targets.toml").write_text(HEAD + TARGETS, encoding="utf-8")
    (tmp_path / "history.csv").write_text(HISTORY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run(runner, "import", "history.csv")
    assert result.exit_code == 0, result.output
    return tmp_path


def _columns(ws: Any, header_row: int = 3) -> dict[str, int]:
    return {c.value: c.column for c in ws[header_row] if c.value}


def _rows(ws: Any) -> dict[tuple[str, str | None], int]:
    cols = _columns(ws)
    return {
        (ws.cell(r, cols["target"]).value, ws.cell(r, cols["milestone"]).value): r for r in range(4, ws.max_row + 1)
    }


def _choices(ws: Any, cell: str) -> list[str]:
    """The drop-down list a cell offers, as Excel reads its data validation."""
    for dv in ws.data_validations.dataValidation:
        if cell in dv.sqref:
            return dv.formula1.strip('"').split(",")
    raise AssertionError(f"no drop-down list on {cell}")


def test_three_owners_fill_their_sheets_and_the_ledger_gets_each_figure(runner: CliRunner, plan_dir: Path) -> None:
    before = len(read_ledger(plan_dir / "progress.toml"))
    for owner in ("经济发展局", "科技局", "投资促进局"):
        result = run(runner, "sheet", "--owner", owner, "--month", "2025-06", "-o", f"{owner}.xlsx", "--lang", "zh")
        assert result.exit_code == 0, result.output

    # 经济发展局: a running total typed as text, its month figure as a number, a note from the list.
    book = load_workbook(plan_dir / "经济发展局.xlsx")
    ws = book.active
    cols, rows = _columns(ws), _rows(ws)
    assert set(rows) == {("output", None), ("growth", None)}
    assert ws.title == "经济发展局" and "2025年6月" in ws["A1"].value
    assert [ws.cell(rows[("output", None)], cols[h]).value for h in ("指标/任务", "填报口径", "单位", "年度目标")] == [
        "工业总产值", "1—6月累计", "亿元", 1360,
    ]  # fmt: skip
    assert ws.cell(rows[("output", None)], cols["上次填报"]).value == 520.9
    notes = _choices(ws, f"{ws.cell(rows[('output', None)], cols['备注']).coordinate}")
    assert "快报数" in notes
    ws.cell(rows[("output", None)], cols["完成值"]).value = "628.32"
    ws.cell(rows[("output", None)], cols["本月"]).value = 107.42
    ws.cell(rows[("output", None)], cols["备注"]).value = "快报数"
    ws.cell(rows[("output", None)], cols["来源"]).value = "区统计局"
    ws.cell(rows[("growth", None)], cols["完成值"]).value = 5.6
    book.save(plan_dir / "经济发展局.xlsx")

    # 科技局: a number and a count typed as text; the quarterly target is in June's sheet.
    book = load_workbook(plan_dir / "科技局.xlsx")
    ws = book.active
    cols, rows = _columns(ws), _rows(ws)
    assert set(rows) == {("space", None), ("firms", None)}
    assert ws.cell(rows[("firms", None)], cols["填报口径"]).value == "二季度新增"
    ws.cell(rows[("space", None)], cols["完成值"]).value = 5
    ws.cell(rows[("firms", None)], cols["完成值"]).value = "9"
    book.save(plan_dir / "科技局.xlsx")

    # 投资促进局: a figure in another unit, and statuses picked from the list.
    book = load_workbook(plan_dir / "投资促进局.xlsx")
    ws = book.active
    cols, rows = _columns(ws), _rows(ws)
    assert set(rows) == {("invest", None), ("task", "land"), ("task", "start")}
    status_cell = ws.cell(rows[("task", "land")], cols["状态"])
    choices = _choices(ws, status_cell.coordinate)
    assert choices == ["未启动", "推进中", "已完成", "受阻"]
    status_cell.value = choices[2]
    ws.cell(rows[("task", "start")], cols["状态"]).value = choices[1]
    ws.cell(rows[("invest", None)], cols["完成值"]).value = 596000
    ws.cell(rows[("invest", None)], cols["单位"]).value = "万元"
    book.save(plan_dir / "投资促进局.xlsx")

    for owner, count in (("经济发展局", 2), ("科技局", 2), ("投资促进局", 3)):
        result = run(runner, "import", f"{owner}.xlsx")
        assert result.exit_code == 0, result.output
        assert f"imported {count} entries from {owner}.xlsx" in result.stdout

    new = read_ledger(plan_dir / "progress.toml")[before:]
    got = [(e.target, e.date, e.value, e.unit, e.month_value, e.status, e.milestone, e.note, e.source) for e in new]
    june = date(2025, 6, 30)
    assert got == [
        ("output", june, Decimal("628.32"), "亿元", Decimal("107.42"), None, None, "快报数", "区统计局"),
        ("growth", june, Decimal("5.6"), "%", None, None, None, None, None),
        ("space", june, Decimal("5"), "万平方米", None, None, None, None, None),
        ("firms", june, Decimal("9"), "家", None, None, None, None, None),
        ("invest", june, Decimal("596000"), "万元", None, None, None, None, None),
        ("task", june, None, None, None, "done", "land", None, None),
        ("task", june, None, None, None, "in_progress", "start", None, None),
    ]
    status = json.loads(run(runner, "status", "--as-of", "2025-06-30", "-f", "json").stdout)
    invest = next(t for a in status["actions"] for t in a["targets"] if t["id"] == "invest")
    assert (invest["current"], invest["status"]) == (59.6, "at_risk")  # 596000 万元 = 59.6 亿元

    # The same sheet returned again imports nothing and says so; the ledger is unchanged.
    again = run(runner, "import", "科技局.xlsx")
    assert again.exit_code == ExitCode.ERROR
    assert "nothing was imported" in again.stderr and "row 4: space 5 万平方米 as of 2025-06-30" in again.stderr
    assert len(read_ledger(plan_dir / "progress.toml")) == before + 7


def test_the_sheet_protects_what_the_plan_says_and_hides_the_ids(runner: CliRunner, plan_dir: Path) -> None:
    assert run(runner, "sheet", "--owner", "投资促进局", "--month", "2025-06", "-o", "s.xlsx").exit_code == 0
    book = load_workbook(plan_dir / "s.xlsx")
    ws = book.active
    cols, rows = _columns(ws), _rows(ws)
    assert ws.protection.sheet and not ws.protection.password
    letters = {h: ws.cell(3, c).column_letter for h, c in cols.items()}
    assert ws.column_dimensions[letters["target"]].hidden and ws.column_dimensions[letters["milestone"]].hidden
    assert not ws.column_dimensions[letters["value"]].hidden
    assert ws.cell(3, cols["value"]).protection.locked  # the header
    invest, land = rows[("invest", None)], rows[("task", "land")]
    assert not ws.cell(invest, cols["value"]).protection.locked
    assert ws.cell(invest, cols["status"]).protection.locked  # a figure has no status
    assert not ws.cell(land, cols["status"]).protection.locked
    assert ws.cell(invest, cols["Goal"]).protection.locked
    assert ws.cell(invest, cols["date"]).value.date() == date(2025, 6, 30)
    assert ws.cell(land, cols["Last figure"]).value == "in progress"
    assert ws.freeze_panes == "B4"
    assert book.sheetnames[0] == ws.title  # the sheet an importer reads first
    # An empty return: nothing has a figure, nothing is imported.
    empty = run(runner, "import", "s.xlsx")
    assert empty.exit_code == ExitCode.ERROR and "no row has a figure; nothing to import" in empty.stderr


def test_sheets_for_every_owner_go_into_a_folder_and_csv_round_trips(runner: CliRunner, plan_dir: Path) -> None:
    result = run(runner, "sheet", "--month", "2025-05", "-o", "out/")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (plan_dir / "out").iterdir()) == sorted(
        ["经济发展局-2025-05.xlsx", "科技局-2025-05.xlsx", "投资促进局-2025-05.xlsx"]
    )
    may = load_workbook(plan_dir / "out" / "科技局-2025-05.xlsx").active
    assert set(_rows(may)) == {("space", None)}  # the quarterly target reports in June, not May
    refused = run(runner, "sheet", "--month", "2025-05", "-o", "one.xlsx")
    assert refused.exit_code == ExitCode.ERROR and "3 owners need a folder" in refused.stderr
    unknown = run(runner, "sheet", "--owner", "科技", "--month", "2025-05")
    assert unknown.exit_code == ExitCode.USAGE and "did you mean '科技局'?" in unknown.stderr

    assert run(runner, "sheet", "--owner", "科技局", "--month", "2025-06", "-o", "k.csv").exit_code == 0
    raw = (plan_dir / "k.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert table[0][-2:] == ["target", "milestone"] and [r[-2] for r in table[1:]] == ["space", "firms"]
    table[1][table[0].index("value")] = "4.5"
    with (plan_dir / "k.csv").open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(table)
    result = run(runner, "import", "k.csv")
    assert result.exit_code == 0, result.output
    last = read_ledger(plan_dir / "progress.toml")[-1]
    assert (last.target, last.date, last.value, last.unit) == ("space", date(2025, 6, 30), Decimal("4.5"), "万平方米")
    assert "columns not used" not in result.stderr  # the sheet's own columns for reading are known


def test_a_returned_sheet_notes_only_columns_the_tool_did_not_write(runner: CliRunner, plan_dir: Path) -> None:
    from ledger.header_words import OWN_SHEET_INFO
    from ledger.render.department import HEADERS, HIDDEN, INPUT, PLAN_GOAL

    for headers in HEADERS.values():
        assert {h for k, h in headers.items() if k not in INPUT + HIDDEN} <= OWN_SHEET_INFO
    assert set(PLAN_GOAL.values()) <= OWN_SHEET_INFO  # a longer plan's goal header (计划目标)
    assert run(runner, "sheet", "--owner", "科技局", "--month", "2025-06", "-o", "k.csv", "--lang", "zh").exit_code == 0
    table = list(csv.reader(io.StringIO((plan_dir / "k.csv").read_text(encoding="utf-8-sig"))))
    table[1][table[0].index("完成值")] = "4.5"
    for row, extra in zip(table, ["口径说明"] + [""] * (len(table) - 1), strict=True):
        row.append(extra)
    with (plan_dir / "k.csv").open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(table)
    result = run(runner, "import", "k.csv")
    assert result.exit_code == 0, result.output
    assert "k.csv: columns not used: 口径说明" in result.stderr and "填报口径" not in result.stderr


def _due(runner: CliRunner, *args: str) -> dict[str, Any]:
    result = run(runner, "due", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _flat(doc: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (g["owner"], f["target"], f["periods"], f["due"], f["state"], f["days_late"])
        for g in doc["owners"]
        for f in g["figures"]
    ]


def test_due_before_and_after_the_release_day(runner: CliRunner, plan_dir: Path) -> None:
    # On the release day itself June's figures are awaited; the quarterly one is due on the 20th.
    on_the_day = _due(runner, "--as-of", "2025-07-15")
    assert on_the_day["summary"] == {"awaiting": 7, "late": 0}
    assert _flat(on_the_day) == [
        ("经济发展局", "output", ["2025-06-30"], "2025-07-15", "awaiting", 0),
        ("经济发展局", "growth", ["2025-06-30"], "2025-07-15", "awaiting", 0),
        ("科技局", "space", ["2025-06-30"], "2025-07-15", "awaiting", 0),
        ("科技局", "firms", ["2025-06-30"], "2025-07-20", "awaiting", 0),
        ("投资促进局", "invest", ["2025-06-30"], "2025-07-15", "awaiting", 0),
        ("投资促进局", "task", ["2025-06-30"], "2025-07-15", "awaiting", 0),
        (None, "orphan", ["2025-06-30"], "2025-07-15", "awaiting", 0),
    ]
    assert [g["owner"] for g in on_the_day["owners"]] == ["经济发展局", "科技局", "投资促进局", None]
    assert on_the_day["owners"][0]["lead"] == "李副主任"

    # Two departments report; the day after, the rest is late by one day, the quarterly one awaited.
    run(runner, "record", "output", "628.32", "--date", "2025-06")
    run(runner, "record", "growth", "5.6", "--date", "2025-06")
    run(runner, "record", "space", "5", "--date", "2025-06")
    after = _due(runner, "--as-of", "2025-07-16")
    assert _flat(after) == [
        ("科技局", "firms", ["2025-06-30"], "2025-07-20", "awaiting", 0),
        ("投资促进局", "invest", ["2025-06-30"], "2025-07-15", "late", 1),
        ("投资促进局", "task", ["2025-06-30"], "2025-07-15", "late", 1),
        (None, "orphan", ["2025-06-30"], "2025-07-15", "late", 1),
    ]
    assert after["summary"] == {"awaiting": 1, "late": 3}
    one = _due(runner, "--as-of", "2025-07-16", "--owner", "投资促进局")
    assert [f["target"] for g in one["owners"] for f in g["figures"]] == ["invest", "task"]

    # Months later, every month since the last figure is listed, late from the oldest one's day.
    august = _due(runner, "--as-of", "2025-08-25", "--owner", "投资促进局")
    assert _flat(august) == [
        ("投资促进局", "invest", ["2025-06-30", "2025-07-31"], "2025-07-15", "late", 41),
        ("投资促进局", "task", ["2025-06-30", "2025-07-31"], "2025-07-15", "late", 41),
    ]

    text = run(runner, "due", "--as-of", "2025-07-16", "--lang", "en")
    assert text.exit_code == 0
    lines = text.stdout.splitlines()
    assert lines[0] == "As of 2025-07-16: 3 late, 1 awaited"
    assert "  新认定高新技术企业 [firms]  2025-06  awaiting (due 2025-07-20)" in lines
    assert "  固定资产投资 [invest]  2025-06  late by 1 day (due 2025-07-15)" in lines
    assert "投资促进局 (周副主任)" in lines and "No responsible unit" in lines
    zh = run(runner, "due", "--as-of", "2025-07-16", "--lang", "zh").stdout
    assert "  固定资产投资 [invest]  2025-06  逾期 1 天（应于 2025-07-15 前报送）" in zh
    assert "  新认定高新技术企业 [firms]  2025-06  待报（7 月 20 日前报送）" in zh

    assert run(runner, "due", "--as-of", "2025-07-15", "--fail-on", "late").exit_code == 0
    failing = run(runner, "due", "--as-of", "2025-07-16", "--fail-on", "late")
    assert failing.exit_code == ExitCode.CONDITION


def test_periods_and_due_days(tmp_path: Path) -> None:
    (tmp_path / "targets.toml").write_text(
        HEAD.replace('name_en = "Departments plan"', 'name_en = "Departments plan"\nrelease_day = 30')
        + TARGETS.replace("target = 120\nowner", "target = 120\ndue = 2025-08-15\nowner")
        + '\n[[target]]\nid = "rank"\naction = "projects"\nname = "排名"\nkind = "rank"\ntarget = 10\n',
        encoding="utf-8",
    )
    plan = load_plan(tmp_path / "targets.toml")
    ends = {t.id: period_ends(plan, t) for t in plan.targets}
    assert ends["firms"] == [date(2025, 3, 31), date(2025, 6, 30), date(2025, 9, 30), date(2025, 12, 31)]
    # None after its due: the last ends on it.
    assert ends["invest"][-1] == date(2025, 8, 15) and len(ends["invest"]) == 8
    assert ends["rank"] == [date(2025, 12, 31)]  # a rank reports once a year
    assert (plan.target("output").release_day, plan.target("firms").release_day) == (30, 20)
    assert due_day(date(2025, 1, 31), 30) == date(2025, 2, 28)  # no 30th in February
    assert due_day(date(2024, 1, 31), 30) == date(2024, 2, 29)
    assert due_day(date(2025, 12, 31), 15) == date(2026, 1, 15)
    # A running total for July covers June too; a figure dated after the as-of date does not count.
    got = owed(plan, [entry("output", date(2025, 7, 31), "700"), entry("growth", date(2025, 9, 30), "5", n=1)],
               date(2025, 8, 31), [plan.target("output"), plan.target("growth")])  # fmt: skip
    assert [(o.target.id, o.state, o.due, o.days_late) for o in got] == [
        ("growth", DueState.LATE, date(2025, 2, 28), 184)
    ]
    assert got[0].periods[0] == date(2025, 1, 31) and got[0].periods[-1] == date(2025, 7, 31)
    assert len(got[0].periods) == 7


def _status(runner: CliRunner, *args: str) -> dict[str, Any]:
    result = run(runner, "status", "--as-of", "2025-06-30", "-f", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _ids(doc: dict[str, Any]) -> list[str]:
    return [t["id"] for a in doc["actions"] for t in a["targets"]]


def test_filters_combine_as_documented(runner: CliRunner, plan_dir: Path) -> None:
    run(runner, "record", "firms", "1", "--date", "2025-06")  # 9 of 40 by June: behind
    run(runner, "record", "output", "680", "--date", "2025-06")  # on track
    assert _ids(_status(runner)) == ["output", "growth", "space", "firms", "invest", "task", "orphan"]
    assert _ids(_status(runner, "--owner", "科技局")) == ["space", "firms"]
    assert _ids(_status(runner, "--owner", "科技局", "--owner", "投资促进局")) == ["space", "firms", "invest", "task"]
    assert _ids(_status(runner, "--status", "behind")) == ["space", "firms"]
    both = _status(runner, "--owner", "科技局", "--status", "behind")
    assert _ids(both) == ["space", "firms"] and both["summary"]["behind"] == 2
    assert _ids(_status(runner, "--owner", "科技局", "--status", "behind", "--target", "f*")) == ["firms"]
    assert _ids(_status(runner, "--tag", "国考")) == ["output", "space"]
    assert _ids(_status(runner, "--tag", "国考", "--action", "innovation")) == ["space"]
    assert _ids(_status(runner, "--action", "industry", "--owner", "科技局")) == []
    assert _ids(_status(runner, "--target", "o*", "--target", "task")) == ["output", "task", "orphan"]
    assert _ids(_status(runner, "--status", "on_track", "--status", "at_risk")) == [
        "output", "growth", "invest", "task", "orphan",
    ]  # fmt: skip

    for args, hint in (
        (("--owner", "科技"), "did you mean '科技局'?"),
        (("--action", "industy"), "did you mean 'industry'?"),
        (("--target", "outptu"), "did you mean 'output'?"),
        (("--status", "behnd"), "did you mean 'behind'?"),
        (("--tag", "国"), "did you mean '国考'?"),
    ):
        refused = run(runner, "status", *args)
        assert refused.exit_code == ExitCode.USAGE and hint in refused.stderr, refused.stderr
        assert refused.stdout == ""

    behind = run(runner, "check", "--as-of", "2025-06-30", "--fail-on", "behind", "--owner", "经济发展局")
    assert behind.exit_code == 0  # its targets are on track or slightly behind
    behind = run(runner, "check", "--as-of", "2025-06-30", "--fail-on", "behind", "--owner", "科技局")
    assert behind.exit_code == ExitCode.CONDITION and behind.stdout.splitlines() == [
        "behind: space (新增创新空间面积)",
        "behind: firms (新认定高新技术企业)",
    ]
    exported = run(runner, "export", "--owner", "科技局")
    assert exported.exit_code == 0
    assert {r["target"] for r in csv.DictReader(io.StringIO(exported.stdout))} == {"space", "firms"}
    on_track = run(runner, "export", "--status", "on_track", "--as-of", "2025-06-30")
    assert {r["target"] for r in csv.DictReader(io.StringIO(on_track.stdout))} == {"output", "task"}

    grouped = _status(runner, "--by", "owner")
    assert [(g["owner"], g["lead"], g["targets"]) for g in grouped["owners"]] == [
        ("经济发展局", "李副主任", ["output", "growth"]),
        ("科技局", None, ["space", "firms"]),
        ("投资促进局", "周副主任", ["invest", "task"]),
        (None, None, ["orphan"]),
    ]
    assert grouped["owners"][1]["summary"] == {
        "done": 0, "on_track": 0, "at_risk": 0, "behind": 2, "not_achieved": 0, "no_data": 0
    }  # fmt: skip
    assert _ids(grouped) == _ids(_status(runner))  # actions stay as always


def test_owners_in_every_output(runner: CliRunner, plan_dir: Path) -> None:
    from rich.cells import cell_len

    table = run(runner, "status", "--as-of", "2025-06-30", "--lang", "zh").stdout
    # A unit's name is never broken inside (经济发展 / 局): the owner column is as wide as the
    # widest, 经济发展局's 10 cells, and the table one column wider than 80 for it (README, Commands).
    assert "责任单位" in table and max(cell_len(line) for line in table.splitlines()) == 81
    assert [line.split()[1] for line in table.splitlines() if line.startswith("工业总产值")] == ["经济发展局"]
    assert (
        "经济发展局" in table
        and "科技局" in table
        and not any(line.split()[:1] == ["局"] for line in table.splitlines())
    )
    grouped = run(runner, "status", "--as-of", "2025-06-30", "--by", "owner", "--lang", "zh").stdout.splitlines()
    assert "经济发展局（李副主任）  已完成 0 · 达序时 0 · 略滞后 2 · 滞后 0" in grouped
    # space: 6 of 50 by May, judged at 05-31 (June's is due 07-15), behind; firms: Q1's 8 of 40
    # at 03-31 (Q2's is due 07-20) is 20 % against 25 %, within the 5 points: slightly behind.
    assert "科技局  已完成 0 · 达序时 0 · 略滞后 1 · 滞后 1" in grouped
    assert "未明确责任单位  已完成 0 · 达序时 0 · 略滞后 1 · 滞后 0" in grouped
    assert grouped[2].split() == ["指标", "目标", "当前", "截至", "进度", "序时", "状态", "全年预计"]  # no owner column

    doc = _status(runner)
    output = doc["actions"][0]["targets"][0]
    assert (output["owner"], output["lead"]) == ("经济发展局", "李副主任")
    assert (doc["actions"][0]["owner"], doc["actions"][2]["owner"]) == ("经济发展局", None)
    invest = next(t for a in doc["actions"] for t in a["targets"] if t["id"] == "invest")
    assert (invest["owner"], invest["lead"]) == ("投资促进局", "周副主任")  # the target's own, not the action's

    rows = list(csv.DictReader(io.StringIO(run(runner, "status", "--as-of", "2025-06-30", "-f", "csv").stdout)))
    assert [(r["id"], r["owner"], r["lead"]) for r in rows][:2] == [
        ("output", "经济发展局", "李副主任"), ("growth", "经济发展局", "李副主任"),
    ]  # fmt: skip
    md = run(runner, "status", "--as-of", "2025-06-30", "-f", "markdown", "--lang", "zh").stdout
    assert "| 指标 | 责任单位 | 目标 |" in md and "| 工业总产值 | 经济发展局 | 1360 亿元 |" in md
    html = run(runner, "status", "--as-of", "2025-06-30", "-f", "html", "--lang", "zh").stdout
    assert "<th>责任单位</th>" in html and "<td>投资促进局</td>" in html
    assert '<p class="legend">亮灯：<span class="green">已完成 / 达序时</span>' in html
    assert "<td class='light red'>滞后</td>" in html and "<td class='light yellow'>略滞后</td>" in html
    assert "table.targets td.num, table.targets td.light { white-space: nowrap; }" in html
    show = run(runner, "show", "invest", "--lang", "zh").stdout
    assert "责任单位: 投资促进局" in show and "牵头领导: 周副主任" in show
    targets = json.loads(run(runner, "targets", "-f", "json").stdout)
    firms = next(t for t in targets["targets"] if t["id"] == "firms")
    assert (firms["owner"], firms["lead"], firms["release_day"], firms["frequency"]) == (
        "科技局",
        None,
        20,
        "quarterly",
    )
    assert targets["actions"][0] == {"id": "industry", "name": "产业", "name_en": None, "owner": "经济发展局",
                                     "lead": "李副主任"}  # fmt: skip


LIGHTS = {"C6EFCE": "green", "FFEB9C": "yellow", "FFC7CE": "red"}


def test_the_status_workbook_lights_each_status(runner: CliRunner, plan_dir: Path) -> None:
    run(runner, "record", "output", "1360", "--date", "2025-06")  # done
    run(runner, "record", "space", "19", "--date", "2025-06")  # 25 of 50: on track
    run(runner, "record", "firms", "1", "--date", "2025-06")  # Q2 recorded: 9 of 40 at 06-30, behind
    result = run(runner, "status", "--as-of", "2025-06-30", "-o", "status.xlsx", "--lang", "zh")
    assert result.exit_code == 0, result.output
    book = load_workbook(plan_dir / "status.xlsx")
    assert book.sheetnames == ["汇总", "产业", "创新", "项目"]
    ws = book["产业"]
    assert [c.value for c in ws[1]] == [
        "指标",
        "责任单位",
        "目标",
        "当前",
        "截至",
        "进度",
        "序时",
        "状态",
        "差距",
        "全年预计",
    ]
    assert ws.freeze_panes == "B2"
    lit = {ws.cell(r, 1).value: (ws.cell(r, 8).value, ws.cell(r, 8).fill.fgColor.rgb[-6:]) for r in (2, 3)}
    assert lit == {"工业总产值": ("已完成", "C6EFCE"), "工业增加值增速": ("略滞后", "FFEB9C")}
    assert (ws["C2"].value, ws["C2"].number_format) == (1360, '#,##0" 亿元"')
    assert (ws["D3"].value, ws["D3"].number_format) == (5.4, '#,##0.0"%"')
    assert (ws["F2"].value, ws["F2"].number_format) == (1.0, "0.0%")
    innovation = book["创新"]
    firms = next(r for r in range(2, innovation.max_row + 1) if innovation.cell(r, 1).value == "新认定高新技术企业")
    assert LIGHTS[innovation.cell(firms, 8).fill.fgColor.rgb[-6:]] == "red"
    summary = book["汇总"]
    assert [summary.cell(r, 1).value for r in range(5, 11)] == [
        "已完成",
        "达序时",
        "略滞后",
        "滞后",
        "未完成",
        "无数据",
    ]
    assert [summary.cell(r, 2).value for r in range(5, 11)] == [1, 2, 3, 1, 0, 0]

    by_owner = run(runner, "report", "--as-of", "2025-06-30", "--by", "owner", "-f", "xlsx", "-o", "o.xlsx")
    assert by_owner.exit_code == 0, by_owner.output
    assert load_workbook(plan_dir / "o.xlsx").sheetnames == [
        "Summary",
        "经济发展局 (李副主任)",
        "科技局",
        "投资促进局 (周副主任)",
        "No responsible unit",
    ]
    to_stdout = run(runner, "status", "-f", "xlsx")
    assert to_stdout.exit_code == ExitCode.USAGE and "goes to a file" in to_stdout.stderr


def test_owner_and_release_day_in_the_plan_file(tmp_path: Path) -> None:
    (tmp_path / "targets.toml").write_text(
        HEAD.replace('lead = "李副主任"', 'lead = "李副主任"\nowners = "x"')
        + TARGETS.replace("release_day = 20", "release_day = 32"),
        encoding="utf-8",
    )
    with pytest.raises(PlanError) as caught:
        load_plan(tmp_path / "targets.toml")
    problems = "\n".join(str(p) for p in caught.value.problems)
    assert "unknown key 'owners'; did you mean 'owner'?" in problems
    assert "release_day: 32 is not a day of the month from 1 to 31" in problems


def _readme_session() -> list[tuple[str, list[str]]]:
    """The console block of the README's "A month with departments": (command, output lines)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## A month with departments", 1)[1].split("\n## ", 1)[0]
    block = section.split("```console\n", 1)[1].split("```", 1)[0]
    steps: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line)
    return steps


def test_the_readme_month_with_departments_runs_as_written(tmp_path: Path) -> None:
    """Every command of the section, run as a user would in a copy of examples/departments
    (a real shell, the installed `tracker`), succeeds and prints exactly what the README shows
    (nothing where it shows nothing)."""
    steps = _readme_session()
    assert steps[0][0] == "cd examples/departments"
    folder = tmp_path / "departments"
    shutil.copytree(ROOT / "examples" / "departments", folder, ignore=shutil.ignore_patterns("progress.toml*"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRACKER_", "LC_", "NO_COLOR"))}
    env |= {"LANG": "C.UTF-8", "COLUMNS": "80", "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"}
    for command, expected in steps[1:]:
        done = subprocess.run(["bash", "-c", command], cwd=folder, env=env, capture_output=True, text=True, check=False)
        wanted = ExitCode.CONDITION if "--fail-on late" in command else 0
        assert done.returncode == wanted, f"{command}: {done.stderr}"
        assert [line.rstrip() for line in done.stdout.splitlines()] == expected, command
    assert {p.name for p in folder.iterdir()} >= {"status.xlsx", "report.html", "sheets", "progress.toml"}


@given(st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=4, allow_nan=False))
def test_a_number_format_shows_the_digits_typed(value: Decimal) -> None:
    fmt = number_format(value, "亿元")
    typed = max(0, -int(value.normalize().as_tuple().exponent))
    decimals = fmt.split('"')[0].partition(".")[2]
    assert decimals == "0" * typed and fmt.endswith('" 亿元"')
    assert number_format(value, "%").endswith('"%"')  # quoted: the cell holds 5.2, not 0.052


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), st.integers(min_value=1, max_value=31))
def test_a_figure_is_due_in_the_month_after_its_period(period: date, release_day: int) -> None:
    day = due_day(period, release_day)
    following = (period.replace(day=1) + timedelta(days=32)).replace(day=1)
    assert (day.year, day.month) == (following.year, following.month)
    assert day.day == release_day or (day.day < release_day and (day + timedelta(days=1)).day == 1)


def test_a_name_that_looks_like_a_formula_stays_text(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "targets.toml").write_text(
        HEAD + TARGETS.replace('name = "工业总产值"', 'name = "=HYPERLINK(\\"http://x\\")"'), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert run(runner, "sheet", "--owner", "经济发展局", "--month", "2025-06", "-o", "s.xlsx").exit_code == 0
    assert run(runner, "status", "--as-of", "2025-06-30", "-o", "t.xlsx").exit_code == 0
    sheet = load_workbook(tmp_path / "s.xlsx").active
    assert (sheet["A4"].value, sheet["A4"].data_type) == ('=HYPERLINK("http://x")', "s")
    table = load_workbook(tmp_path / "t.xlsx").worksheets[1]
    assert (table["A2"].value, table["A2"].data_type) == ('=HYPERLINK("http://x")', "s")


@given(
    owners=st.sets(st.sampled_from(["经济发展局", "科技局", "投资促进局"])),
    actions=st.sets(st.sampled_from(["industry", "innovation", "projects"])),
    patterns=st.sets(st.sampled_from(["output", "*s", "f*", "task", "o*"])),
    tags=st.sets(st.just("国考")),
    statuses=st.sets(st.sampled_from(["at_risk", "behind", "on_track", "no_data"])),
)
def test_filters_narrow_together_and_widen_when_repeated(
    owners: set[str], actions: set[str], patterns: set[str], tags: set[str], statuses: set[str]
) -> None:
    """Each option keeps the targets matching any of its values; the options keep what all keep."""
    import fnmatch
    import tempfile

    from ledger import evaluate
    from ledger.filters import narrow, selection

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "targets.toml").write_text(HEAD + TARGETS, encoding="utf-8")
        plan = load_plan(Path(folder) / "targets.toml")
    entries = [entry("output", date(2025, 5, 31), "520.9"), entry("space", date(2025, 5, 31), "6", n=1)]
    report = evaluate(plan, entries, date(2025, 6, 30))
    status_of = {p.target.id: p.status.value for p in report.targets}
    chosen = selection(plan, owners=owners, actions=actions, targets=patterns, tags=tags, statuses=statuses)
    every = {t.id for t in plan.targets}
    kept = [
        every if not owners else {t.id for t in plan.targets if t.owner in owners},
        every if not actions else {t.id for t in plan.targets if t.action in actions},
        every if not patterns else {i for i in every if any(fnmatch.fnmatchcase(i, p) for p in patterns)},
        every if not tags else {t.id for t in plan.targets if set(t.tags) & tags},
        every if not statuses else {i for i in every if status_of[i] in statuses},
    ]
    expected = set.intersection(*kept)
    got = narrow(report, chosen)
    assert [p.target.id for p in got.targets] == [t.id for t in plan.targets if t.id in expected]
    assert sum(got.summary().values()) == len(expected)


def test_an_owner_on_a_plan_that_names_no_owners_says_the_plan_has_none(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The shipped plan names no owners: "no such owner" beside an empty list would send the
    # reader looking for a spelling; the plan has none to match.
    shutil.copy(ROOT / "targets.toml", tmp_path / "targets.toml")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["status", "--owner", "经信局"])
    assert result.exit_code != 0
    assert "'经信局': targets.toml names no owner at all; add owner = \"…\" to its targets" in result.output
    assert "no such" not in result.output


@pytest.mark.parametrize("columns", [60, 80, 200])
def test_due_lines_hold_the_width_cron_mail_and_terminals_give(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    """A target's line wider than the width puts its periods and state on a line of their own."""
    from rich.cells import cell_len

    shutil.copy(ROOT / "examples" / "departments" / "targets.toml", tmp_path / "targets.toml")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["due", "--as-of", "2025-07-20", "--lang", "en"], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    state = "all late, the oldest by 155 days (due 2025-02-15)"
    one = f"  Industrial output value [industrial-output]  2025-01 … 2025-06 (6)  {state}"
    assert cell_len(one) == 119  # 2 + 23 + 20 + 2 + 21 + 2 + 49
    if columns >= 119:
        assert one in result.output.splitlines()
    elif columns >= 76:  # 4 + 21 + 2 + 49: periods and state on a line under the name
        assert f"  Industrial output value [industrial-output]\n    2025-01 … 2025-06 (6)  {state}\n" in result.output
    else:  # and a line each when even that is too wide
        assert (
            f"  Industrial output value [industrial-output]\n    2025-01 … 2025-06 (6)\n    {state}\n" in result.output
        )
    assert max(cell_len(line) for line in result.output.splitlines()) <= max(columns, 119)


def test_a_sheet_to_stdout_is_refused_in_one_line_and_nothing_is_written(runner: CliRunner, plan_dir: Path) -> None:
    # `-o -` wrote a file named "-"; status -o - writes stdout, but a sheet is a file to send.
    before = sorted(p.name for p in plan_dir.iterdir())
    for extra in ([], ["--format", "csv"]):
        result = run(runner, "sheet", "--month", "2025-06", "--all", "-o", "-", *extra)
        assert (result.exit_code, result.stdout, result.stderr) == (
            1,
            "",
            "error: -o -: a sheet is a file to send to the department, not output to read; give a file, e.g. "
            "-o sheet.xlsx, or a folder ending in /\n",
        )
    assert sorted(p.name for p in plan_dir.iterdir()) == before
