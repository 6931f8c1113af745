"""``tracker import FILE --target ID``: a carrier sheet (one row per 载体 or 项目, the figures of one
target named only in its title) imports without an alias per carrier. Every row is the target's;
a row's name that names no target is its carrier, kept as the note; a row naming another target
of the plan, a carrier of a target that keeps one figure of the whole (not an increment), an
unknown id and a total row are refused in one line each, with nothing written."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger import load_plan
from ledger.carrier_wholes import wholes
from ledger.importing import import_file, read_table
from ledger.table_rows import rows_to_entries
from tests.conftest import SHIPPED_PLAN
from tests.helpers import RECORDED, import_text

PLAN = load_plan(SHIPPED_PLAN)
TITLE = "临平经开区科技局2025年4月新增创新空间面积情况"
SHEET = f"{TITLE}\n载体名称,新增面积（平方米）\n东湖孵化园,3000\n临平科创中心,5000\n"


def ledger(runner: CliRunner) -> list[tuple[str, str, Any, str, str | None]]:
    from cli import app

    out = runner.invoke(app, ["export", "--format", "jsonl"])
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    return [(e["target"], e["date"], e["value"], e["unit"], e.get("note")) for e in rows]


def test_a_carrier_sheet_imports_with_target(runner: CliRunner, workdir: Path) -> None:
    """3000 + 5000 平方米 = 0.8 万平方米 of innovation-space in April, each noted with its carrier."""
    done = import_text(runner, workdir, "c.csv", SHEET, "--target", "innovation-space")
    assert done.exit_code == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout == "imported 2 entries from c.csv into progress.toml (2 in the unit its headers give)\n"
    assert ledger(runner) == [
        ("innovation-space", "2025-04-30", 3000, "平方米", "东湖孵化园"),
        ("innovation-space", "2025-04-30", 5000, "平方米", "临平科创中心"),
    ]
    from cli import app

    shown = json.loads(runner.invoke(app, ["status", "--as-of", "2025-04-30", "--format", "json"]).stdout)
    (space,) = [t for a in shown["actions"] for t in a["targets"] if t["id"] == "innovation-space"]
    assert space["current"] == 0.8  # 8000 平方米 = 0.8 万平方米


def test_the_dry_run_says_each_row_is_a_carrier(runner: CliRunner, workdir: Path) -> None:
    dry = import_text(runner, workdir, "c.csv", SHEET, "--target", "新增创新空间面积", "--dry-run")
    assert dry.exit_code == 0, dry.stderr
    assert dry.stdout.splitlines() == [
        f"row {n}: innovation-space = {v} 平方米 as of 2025-04-30 — figure: column '新增面积（平方米）' (B{n}); unit: the "
        f"header of '新增面积（平方米）'; date: the title '{TITLE}'; target: carrier {c!r} (--target; kept as the note) "
        f"in column '载体名称' (A{n})"
        for n, v, c in [(3, 3000, "东湖孵化园"), (4, 5000, "临平科创中心")]
    ]
    assert not (workdir / "progress.toml").exists()


TWO_TARGETS = (
    "指标名称,载体名称,本月,单位,截至日期\n新增创新空间面积,东湖孵化园,3000,平方米,2025年5月\n"
    "工业总产值,临平科创中心,110,亿元,2025年5月\n"
)
REFUSED = {
    "no --target: the refusal offers the one the title names": (
        SHEET, [],
        "error: c.csv: no column names the target (指标名称, 重点任务, target…), and '载体名称' names carriers; if every "
        "row is innovation-space's, as the title's '新增创新空间面积' says, import with --target innovation-space; else "
        "add a 指标名称 column\n",
    ),
    "no --target, a title naming two targets: the refusal offers none": (
        SHEET.replace("情况", "及工业总产值"), [],
        "error: c.csv: no column names the target (指标名称, 重点任务, target…), and '载体名称' names carriers; if every "
        "row is one target's, import with --target ID; else add a 指标名称 column\n",
    ),
    "no --target, a title naming a rate's alias: never offered, a rate has no carriers": (
        SHEET.replace("新增创新空间面积情况", "规上工业增加值"), [],
        "error: c.csv: no column names the target (指标名称, 重点任务, target…), and '载体名称' names carriers; if every "
        "row is one target's, import with --target ID; else add a 指标名称 column\n",
    ),
    "an unknown id, with the close ids": (
        SHEET, ["--target", "innovation-spac"],
        "error: targets.toml: no target 'innovation-spac'; did you mean 'innovation-space'?\n",
    ),
    "a row naming another target of the plan": (
        TWO_TARGETS, ["--target", "innovation-space"],
        "note: c.csv: column '载体名称' kept as the note of the additions beside it\n"
        "error: c.csv: row 3: '工业总产值' names target 'industrial-output', but --target gives every row to "
        "'innovation-space'; import a sheet of one target's rows, or this one without --target\n",
    ),
    "a total row, which may be the carriers' sum": (
        SHEET + "合计,8000\n", ["--target", "innovation-space"],
        "error: c.csv: row 5: '合计' is a total row, the sum of rows that tracker reads and adds up itself; delete it, or pass it over with --skip-unknown: the rows it totals are imported all the same\n",
    ),
    "a row with no name, which may be their subtotal": (
        SHEET + ",8000\n", ["--target", "innovation-space"],
        "error: c.csv: row 5: no carrier named: fill in the row's name, or delete it if it is a total of the rows "
        "above (tracker adds rows up itself)\n",
    ),
    "one project's 1—9月 output, a part of industrial-output, never its figure": (
        "2025年1-9月工业总产值（分项目）\n项目名称,1-9月累计(亿元)\n甲项目,3.2\n", ["--target", "industrial-output", "--force"],
        "error: c.csv: row 3: '甲项目' names no target, so --target reads it as a carrier of 'industrial-output'; but "
        "industrial-output (kind total) keeps one figure of the whole, never a sum of its carriers': give the "
        "whole's figure in a row naming the target, or record it with `tracker record`\n",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_refused_in_one_line_with_nothing_written(runner: CliRunner, workdir: Path, case: str) -> None:
    sheet, args, said = REFUSED[case]
    refused = import_text(runner, workdir, "c.csv", sheet, *args)
    assert refused.exit_code == 1
    assert (refused.stdout, refused.stderr) == ("", said)
    assert not (workdir / "progress.toml").exists()


def test_rows_naming_the_target_beside_a_carrier_column_keep_their_carriers(runner: CliRunner, workdir: Path) -> None:
    sheet = (
        "指标名称,载体名称,本月,单位,截至日期\n新增创新空间面积,东湖孵化园,3000,平方米,2025年5月\n"
        "新增创新空间面积,临平科创中心,3000,平方米,2025年5月\n"
    )
    done = import_text(runner, workdir, "d.csv", sheet, "--target", "innovation-space")
    assert done.exit_code == 0, done.stderr
    assert ledger(runner) == [
        ("innovation-space", "2025-05-31", 3000, "平方米", "东湖孵化园"),
        ("innovation-space", "2025-05-31", 3000, "平方米", "临平科创中心"),
    ]


def test_projects_named_in_a_project_column_are_carriers_and_a_note_follows(runner: CliRunner, workdir: Path) -> None:
    """项目名称 names the target column in other sheets; under --target its projects are carriers,
    and --note follows each carrier's name."""
    sheet = "2025年5月新增创新空间\n项目名称,本月（万平方米）\n东湖孵化园,0.3\n新增创新空间面积,0.2\n"
    done = import_text(runner, workdir, "p.csv", sheet, "--target", "innovation-space", "--note", "科技局报送")
    assert done.exit_code == 0, done.stderr
    assert ledger(runner) == [
        ("innovation-space", "2025-05-31", 0.3, "万平方米", "东湖孵化园：科技局报送"),
        ("innovation-space", "2025-05-31", 0.2, "万平方米", "科技局报送"),
    ]


def test_a_total_row_skipped_is_never_counted(runner: CliRunner, workdir: Path) -> None:
    done = import_text(
        runner, workdir, "c.csv", SHEET + "合计,8000\n", "--target", "innovation-space", "--skip-unknown"
    )
    assert done.exit_code == 0, done.stderr
    assert done.stderr == "note: c.csv: skipped row 5 (合计): it names no target (--skip-unknown)\n"
    assert sum(v for _, _, v, _, _ in ledger(runner)) == 8000


CARRIER = st.text(alphabet="东湖孵化园临平科创中心星桥街道乔司园区南苑一二三号楼", min_size=2, max_size=8)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
# From 100 平方米: under 50 is a ten-thousandth of the 50 万平方米 goal, and under a thousandth of another
# carrier's 99,999 a slip too (slips._too_small).
@given(st.lists(st.tuples(CARRIER, st.integers(100, 99_999)), min_size=1, max_size=8, unique_by=lambda r: r[0]))
def test_every_carrier_row_is_one_addition_noted_with_its_carrier(tmp_path: Path, rows: list[tuple[str, int]]) -> None:
    """Whatever the carriers and figures: one entry per row, its figure in 平方米 as typed, its
    note the carrier's name; the whole is their sum. (A row that is the others' whole, a district's
    or the zone's, is refused: tests/test_carrier_wholes.py.)"""
    assume(not wholes([c for c, _ in rows], [Decimal(v) for _, v in rows], PLAN.name))
    text = f"{TITLE}\n载体名称,新增面积（平方米）\n" + "".join(f"{c},{v}\n" for c, v in rows)
    result = import_file(
        PLAN, tmp_path / "progress.toml", "c.csv", text.encode(), existing=[], recorded=RECORDED, by="t",
        dry_run=True, target="innovation-space",
    )  # fmt: skip
    assert result.problems == []
    assert [(e.target, str(e.date), e.value, e.unit, e.note) for e in result.entries] == [
        ("innovation-space", "2025-04-30", Decimal(v), "平方米", c) for c, v in rows
    ]
    assert not (tmp_path / "progress.toml").exists()
    # The rows as the quick path reads them (no dry run) and as the general path does: the same.
    table = read_table("c.csv", text.encode(), "csv", carriers=True)
    target = PLAN.target("innovation-space")
    for quick, readings in ((True, False), (False, True)):
        out = rows_to_entries(PLAN, table, existing=[], default_date=None, recorded=RECORDED, by="t",
                              spreadsheet=True, quick=quick, readings=readings, target=target)  # fmt: skip
        assert [(e.value, e.unit) for e in out.entries] == [(Decimal(v), "平方米") for _, v in rows]
        assert out.problems == [] and out.numbers == list(range(3, 3 + len(rows)))


def test_a_workbook_of_carriers_with_a_cover_sheet(runner: CliRunner, workdir: Path) -> None:
    """As a department sends it: a 填报说明 cover sheet left active, the title merged over the table,
    the figures in 万平方米 in the header; --sheet picks the table, --target names the target."""
    from openpyxl import Workbook

    from cli import app

    book = Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "填报说明"
    cover["A1"] = "请各载体于每月5日前报送"
    sheet = book.create_sheet("创新空间")
    sheet["A1"] = "临平经开区科技局2025年6月新增创新空间面积"
    sheet.merge_cells("A1:B1")
    sheet.append(["载体名称", "本月新增（万平方米）"])
    sheet.append(["东湖孵化园", 0.35])
    sheet.append(["临平科创中心", 0.4])
    book.save(workdir / "kj.xlsx")
    done = runner.invoke(app, ["import", "kj.xlsx", "--sheet", "创新空间", "--target", "innovation-space"])
    assert done.exit_code == 0, done.stderr
    assert ledger(runner) == [
        ("innovation-space", "2025-06-30", 0.35, "万平方米", "东湖孵化园"),
        ("innovation-space", "2025-06-30", 0.4, "万平方米", "临平科创中心"),
    ]
