"""Ranks published for an earlier year: "2025年国考" results concern 2024 and are dated when published."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cli import app


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_a_rank_names_its_assessment_year(workdir: Path) -> None:
    ok = run("record", "national-rank", "73", "--date", "2025-06-30", "--period", "2024", "--note", "2025年国考")
    assert ok.exit_code == 0, ok.stderr
    assert "period = 2024\n" in (workdir / "progress.toml").read_text(encoding="utf-8")
    doc = json.loads(run("status", "--as-of", "2025-06-30", "-f", "json").stdout)
    rank = doc["actions"][0]["targets"][0]
    assert (rank["current"], rank["current_date"], rank["current_period"]) == (73, "2025-06-30", 2024)
    report = run("report", "--as-of", "2025-06-30", "--lang", "zh").stdout
    assert "最新 73 位（2024 年度考核，2025-06-30 公布；2025年国考）" in report
    english = run("report", "--as-of", "2025-06-30", "--lang", "en").stdout
    assert "Latest No. 73 (2024 assessment, published 2025-06-30; 2025年国考)" in english
    log = json.loads(run("log", "--format", "json").stdout)
    assert log["entries"][0]["period"] == 2024
    assert "73 位 (2024 年度)" in run("log", "--lang", "zh").stdout
    # A correction keeps the assessment year.
    entry_id = log["entries"][0]["id"]
    assert run("amend", entry_id, "72", "--reason", "核实数").exit_code == 0
    assert json.loads(run("log", "--format", "json").stdout)["entries"][-1]["period"] == 2024


def test_period_is_for_ranks_and_not_in_the_future(workdir: Path) -> None:
    wrong = run("record", "industrial-output", "680", "--date", "2025-06", "--period", "2024")
    assert wrong.exit_code == 1 and "--period names the assessment year of a rank" in wrong.stderr
    future = run("record", "national-rank", "73", "--date", "2025-06", "--period", "2026")
    assert future.exit_code == 1 and "is not a year up to 2025" in future.stderr
    assert not (workdir / "progress.toml").exists()


def test_import_reads_the_assessment_year_column(workdir: Path) -> None:
    sheet = workdir / "rank.csv"
    sheet.write_text("指标,数值,截至日期,考核年度\n国考排名,73,2025-06-30,2024年度\n", encoding="utf-8")
    result = run("import", str(sheet))
    assert result.exit_code == 0, result.stderr
    assert json.loads(run("log", "--format", "json").stdout)["entries"][0]["period"] == 2024


def test_record_amend_void_and_import_speak_the_chosen_language(workdir: Path, monkeypatch) -> None:
    monkeypatch.setenv("TRACKER_LANG", "zh")
    done = run("record", "industrial-output", "318.6", "--date", "2025-03")
    entry_id = done.stdout[4:14]
    assert done.stdout == f"已记录 {entry_id}：industrial-output = 318.6 亿元，截至 2025-03-31（按指标单位）\n"
    amended = run("amend", entry_id, "320.1", "--reason", "核实数")
    new_id = amended.stdout[4:14]
    expected = f"已记录 {new_id}：industrial-output = 320.1 亿元，截至 2025-03-31（按指标单位）（更正 {entry_id}）\n"
    assert amended.stdout == expected
    voided = run("void", new_id, "--reason", "重复录入")
    assert voided.stdout.endswith(f"：industrial-output：撤销 {new_id}\n")
    sheet = workdir / "m.csv"
    sheet.write_text("指标,数值,截至日期\n工业总产值,628.32,2025-06-30\n", encoding="utf-8")
    assert run("import", str(sheet), "--dry-run").stderr.endswith(
        "试运行：将有 1 条记录记入 progress.toml；未写入任何内容\n"
    )
    assert run("import", str(sheet)).stdout == f"已从 {sheet} 导入 1 条记录到 progress.toml（1 条按指标单位）\n"
    monkeypatch.setenv("TRACKER_LANG", "en")
    assert run("record", "national-rank", "73", "--date", "2025-06", "--period", "2024").stdout.endswith(
        ": national-rank = 73 位 (2024 assessment) as of 2025-06-30 (in the target's unit)\n"
    )
