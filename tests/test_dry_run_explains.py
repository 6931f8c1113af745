"""`import --dry-run` explains every row it would record, whatever the format (CSV, workbook,
JSON Lines, TOML): `row N: TARGET = FIGURE as of DATE — figure: …; unit: …; date: …; target: …`;
with `--show json` the same as `tracker.dry-run/1`, whose entries carry no id and no recorded
time (nothing was written) unless the rows carry their own, as an export's do."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cli import app

LINE = '{"target": "value-added-growth", "value": "5.8", "date": "2025-09"}\n'


def run(runner: CliRunner, *args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def test_json_lines_dry_run_explains_each_row(runner: CliRunner, workdir: Path) -> None:
    lines = LINE + "\n" + '{"target": "工业总产值", "value": 700, "unit": "亿元", "date": "2025-09-30"}\n'
    result = run(runner, "import", "-", "--format", "jsonl", "--dry-run", input=lines)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "row 1: value-added-growth = 5.8% as of 2025-09-30 — figure: column 'value'; unit: the target's unit (%); "
        "date: the date column; target: id in column 'target'\n"
        "row 3: industrial-output = 700 亿元 as of 2025-09-30 — figure: column 'value'; unit: column 'unit'; "
        "date: the date column; target: name in column 'target'\n"
    )
    assert result.stderr == "dry run: 2 entries would be recorded in progress.toml; nothing was written\n"
    assert not (workdir / "progress.toml").exists()


def test_dry_run_json_is_its_own_document_with_no_ids_made_up(runner: CliRunner, workdir: Path) -> None:
    result = run(runner, "import", "-", "--format", "jsonl", "--dry-run", "--show", "json", input=LINE)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert [k for k in document] == ["schema", "ledger", "file", "written", "entries", "notes"]
    assert (document["notes"], result.stderr) == ([], "")  # "written": false says it: stderr stays empty
    assert (document["schema"], document["ledger"], document["file"], document["written"]) == (
        "tracker.dry-run/1", "progress.toml", "<stdin>", False,
    )  # fmt: skip
    [entry] = document["entries"]
    assert (entry["id"], entry["recorded"], entry["target"], entry["value"], entry["date"]) == (
        None, None, "value-added-growth", 5.8, "2025-09-30",
    )  # fmt: skip
    assert "state" not in entry and "replaced_by" not in entry  # tracker.log/1's: of entries written
    assert (entry["row"], entry["read"]) == (
        1,
        "figure: column 'value'; unit: the target's unit (%); date: the date column; target: id in column 'target'",
    )
    assert not (workdir / "progress.toml").exists()


def test_a_sheets_dry_run_json_says_where_each_figure_came_from(runner: CliRunner, workdir: Path) -> None:
    (workdir / "june.csv").write_text(
        "指标名称,1—6月累计,单位,日期\n规上工业总产值,628.32,亿元,2025-06\n", encoding="utf-8"
    )
    result = run(runner, "import", "june.csv", "--dry-run", "--show", "json")
    assert result.exit_code == 0, result.stderr
    [entry] = json.loads(result.stdout)["entries"]
    assert (entry["target"], entry["value"], entry["row"], entry["id"]) == ("industrial-output", 628.32, 2, None)
    assert entry["read"] == (
        "figure: column '1—6月累计' (B2); unit: 单位 cell (C2); a running total (1—N月累计); date: the date column; "
        "target: alias '规上工业总产值' in column '指标名称' (A2)"
    )


def test_an_exports_rows_keep_their_ids_in_a_dry_run(runner: CliRunner, workdir: Path, tmp_path: Path) -> None:
    assert run(runner, "record", "industrial-output", "318.6", "--date", "2025-03").exit_code == 0
    assert run(runner, "export", "-o", "backup.csv").exit_code == 0
    (workdir / "progress.toml").rename(workdir / "old.toml")
    result = run(runner, "import", "backup.csv", "--dry-run", "--show", "json")
    assert result.exit_code == 0, result.stderr
    [entry] = json.loads(result.stdout)["entries"]
    from ledger import read_ledger

    [kept] = read_ledger(workdir / "old.toml")
    assert (entry["id"], entry["recorded"]) == (kept.id, kept.recorded.isoformat())
